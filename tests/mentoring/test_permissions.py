"""The table of permissions: who holds what, and its copy in docs/ARCHITECTURE.md («Доступ»)."""

import re
from pathlib import Path

import pytest

from mentoring import access
from mentoring.models import Role

from ..factories import UserFactory, member

ROOT = Path(__file__).resolve().parents[2]
APPS = ("config", "mentoring", "stages", "registry", "surveys", "reports")
DOC_COLUMNS = {
    "куратор": access.CURATOR,
    "директор": access.DIRECTOR,
    "рабочая группа": access.WORKING_GROUP,
    "специалист МНЦ": access.MUNICIPAL_OFFICER,
    "специалист РНЦ": access.REGIONAL_OFFICER,
}


def _documented() -> dict[str, tuple[frozenset[str], str]]:
    """Permission → (roles marked ✓, description) from the table of the «Доступ» section."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("\n## Доступ", 1)[1].split("\n## ", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|")
    ]
    header, rows = rows[0], rows[2:]
    assert header[0] == "право" and header[-1] == "что даёт", header
    roles = [DOC_COLUMNS[title] for title in header[1:-1]]
    table = {}
    for row in rows:
        name = row[0].strip("`")
        assert set(row[1:-1]) <= {"", "✓"}, row
        marked = frozenset(role for role, cell in zip(roles, row[1:-1], strict=True) if cell)
        table[name] = (marked, row[-1])
    return table


def test_the_documented_table_is_the_permissions_table():
    expected = {name: (p.roles, p.description) for name, p in access.PERMISSIONS.items()}
    assert _documented() == expected


def test_every_role_of_the_table_has_a_column_in_the_docs():
    held = set().union(*(p.roles for p in access.PERMISSIONS.values()))
    assert held <= set(DOC_COLUMNS.values())
    assert set(DOC_COLUMNS.values()) <= set(Role.values)


def test_every_permission_is_asked_somewhere():
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if path.name != "access.py" and "migrations" not in path.parts
    )
    sources += (
        (ROOT / "mentoring" / "access.py").read_text(encoding="utf-8").split("def roles_for", 1)[1]
    )
    unused = [name for name in access.PERMISSIONS if f'"{name}"' not in sources]
    assert not unused


def test_names_are_dotted():
    assert all(re.fullmatch(r"[a-z_]+\.[a-z_]+", name) for name in access.PERMISSIONS)


@pytest.mark.django_db
def test_a_superuser_holds_every_permission(school):
    admin = UserFactory(is_superuser=True)
    for name in access.PERMISSIONS:
        assert access.can(admin, name, school.pk), name
        assert access.can_anywhere(admin, name), name
    assert access.schools_where(admin, "school.read") == set()


def test_an_unknown_permission_is_an_error_even_for_the_anonymous():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(KeyError):
        access.can(AnonymousUser(), "order.sign", 1)


@pytest.mark.django_db
def test_the_curator_drafts_orders_and_the_director_approves_them(school, curator, director):
    assert access.can(curator, "order.draft", school.pk)
    assert not access.can(curator, "order.approve", school.pk)
    assert access.can(director, "order.approve", school.pk)
    assert not access.can(director, "order.draft", school.pk)


@pytest.mark.django_db
def test_a_permission_holds_only_in_the_school_of_the_role(school, other_school, curator):
    assert access.schools_where(curator, "order.draft") == {school.pk}
    assert not access.can(curator, "order.draft", other_school.pk)


@pytest.mark.django_db
def test_the_second_factor_is_offered_by_role_in_any_school(school, municipality):
    assert access.can_anywhere(member(Role.DIRECTOR, school), "two_factor.offered")
    assert access.can_anywhere(
        member(Role.MUNICIPAL_OFFICER, municipality=municipality), "two_factor.offered"
    )
    assert not access.can_anywhere(member(Role.CURATOR, school), "two_factor.offered")
