"""Shared set-up of the scale benches: the municipality database, its users and its password.

Importing this module points Django at the scale database before ``benchenv`` sets it up:
``SCALE_DATABASE_URL`` if set, else the local PostgreSQL database ``mentoring_scale``
(``bench/scale_data.py`` creates and fills it). An SQLite file works too:

    SCALE_DATABASE_URL=sqlite:////tmp/mentoring_scale.sqlite3 .venv/bin/python bench/scale_data.py
"""

import os

DEFAULT_URL = "postgres://postgres:postgres@127.0.0.1:5432/mentoring_scale"
# The region (``scale_data.py --municipalities M``) lives apart, so both can be compared.
REGION_URL = os.environ.get(
    "SCALE_REGION_DATABASE_URL",
    "postgres://postgres:postgres@127.0.0.1:5432/mentoring_scale_region",
)
DATABASE_URL = os.environ.get(
    "SCALE_DATABASE_URL", REGION_URL if os.environ.get("SCALE_REGION") == "1" else DEFAULT_URL
)
os.environ["DATABASE_URL"] = DATABASE_URL

# Every generated account (curators, mentors, the officer) has this password.
PASSWORD = "Scale-bench-2026!"
MUNICIPALITY = "Масштаб-округ"
REGION = "Масштаб-край"

import benchenv  # noqa: E402,F401  (sets up Django against DATABASE_URL)
