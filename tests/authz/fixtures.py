"""A module-scoped world: built once, inside a transaction that is rolled back at the end.

pytest-django's ``db`` fixture is function-scoped; every test still gets its own savepoint (the
``db`` fixture's atomic block nests inside this one), so tests stay isolated from each other and
nothing outlives the module, on SQLite and on PostgreSQL alike.
"""

import pytest
from django.db import connections, transaction
from django.test.utils import override_settings

from .world import World, build_world

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("authz-media")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media) -> World:
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=world_media, PASSWORD_HASHERS=FAST_HASHERS),
    ):
        atomics = {alias: transaction.atomic(using=alias) for alias in connections}
        for atomic in atomics.values():
            atomic.__enter__()
        try:
            yield build_world()
        finally:
            for alias, atomic in reversed(atomics.items()):
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)
