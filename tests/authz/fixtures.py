"""A module-scoped world: built once, inside a transaction that is rolled back at the end
(tests/module_data.py)."""

import pytest

from ..module_data import FAST_HASHERS, rolled_back
from .sessions import logged_in_sessions
from .world import World, build_world

__all__ = ["FAST_HASHERS", "world", "world_media"]


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("authz-media")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media) -> World:
    with rolled_back(django_db_blocker, world_media):
        world = build_world()
        world.sessions = logged_in_sessions(world.users)
        yield world
