"""Loaded as a pytest plugin (``-p tests.environment`` in pyproject.toml) before pytest-django
reads the settings: the tests run the app in development mode, which production never is by
default (mentoring/settings.py)."""

import os

os.environ["DJANGO_DEBUG"] = "1"
