"""Loaded as a pytest plugin (``-p tests.environment`` in pyproject.toml) before pytest-django
reads the settings: the tests run the app in development mode, which production never is by
default (config/settings.py)."""

import os

os.environ["DJANGO_DEBUG"] = "1"
