"""Data built once for a whole test module, inside a transaction rolled back at the module's end.

pytest-django's ``db`` fixture is function-scoped; every test still gets its own savepoint (the
``db`` fixture's atomic block nests inside this one), so tests stay isolated from each other and
nothing outlives the module, on SQLite and on PostgreSQL alike. Tests that need real commits
(``transactional_db``, ``live_server``) cannot use such data.
"""

import contextlib

from django.db import connections, transaction
from django.test.utils import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextlib.contextmanager
def rolled_back(django_db_blocker, media_root):
    """Opens the database to a module-scoped fixture until the ``with`` block ends, then
    rolls back everything written in it. Files go to ``media_root``."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root, PASSWORD_HASHERS=FAST_HASHERS),
    ):
        atomics = {alias: transaction.atomic(using=alias) for alias in connections}
        for atomic in atomics.values():
            atomic.__enter__()
        try:
            yield
        finally:
            for alias, atomic in reversed(atomics.items()):
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)
