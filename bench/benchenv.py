"""What every bench script shares: a throwaway database, a timer and a line about the machine.

Importing this module sets up Django against a temporary SQLite file (migrated by the script),
unless DATABASE_URL is set — then that database is used: never point it at real data.
"""

import atexit
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="bench-")
atexit.register(shutil.rmtree, WORKDIR, ignore_errors=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3")
os.environ.setdefault("DJANGO_MEDIA_ROOT", f"{WORKDIR}/media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Development mode, as for the tests; load_run.py starts gunicorn with production settings.
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

# The scripts build and read data directly, unscoped as management commands are; the requests
# they send (test client, gunicorn) open their own scope in ScopeMiddleware. Kept referenced:
# a collected context manager would close and restore the scope.
UNSCOPED = scopes_disabled()
UNSCOPED.__enter__()


def timed(function, *args, **kwargs):
    """(seconds, result) of one call."""
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def machine(extra: str = "") -> str:
    memory = ""
    if Path("/proc/meminfo").exists():
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.1f} GiB RAM"
    database = connection.vendor
    if database == "sqlite":
        database += f" {connection.Database.sqlite_version}"
    extra = f", {extra}" if extra else ""
    return (
        f"{platform.node()}: {os.cpu_count()} CPU{memory}, "
        f"Python {platform.python_version()}{extra}, {database}"
    )
