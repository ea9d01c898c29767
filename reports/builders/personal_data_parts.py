"""Parts of the subject-access export built from the personal-data map (mentoring/personal_data.py).

A part shows the fields of the map of its model, in the map's order and under the map's labels,
after the part's own columns that say where a row belongs (the pair, the academic year).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models

from mentoring import access
from mentoring.models import Membership, User
from mentoring.personal_data import PersonalData, declaration

from ..documents import Column


@dataclass
class Part:
    heading: str
    facts: list[tuple[str, object]] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    empty_text: str = "Нет сведений"
    # The fields of the map the part shows, as (model label, field name).
    fields: list[tuple[str, str]] = field(default_factory=list)


# A column that is not a field of the map: its title and how a row fills it.
Context = tuple[Column, Callable[[models.Model], object]]
# Overrides of how a field of the map is shown: name → f(row, name).
Shown = Callable[[models.Model, str], object]


def yes(value) -> str:
    return "да" if value else "нет"


class Recorder:
    """Who recorded or changed a row, as the person may read it: the school's staff by name, the
    person themself, anyone else (the mentor of their pair) without a name."""

    def __init__(self, participant):
        self.own = participant.user_id
        self.staff = set(
            Membership.objects.filter(
                school=participant.school_id, role__in=access.roles_for("records.read")
            ).values_list("user_id", flat=True)
        )

    def __call__(self, row: models.Model, name: str) -> str:
        user = getattr(row, name)
        if user is None:
            return ""
        if user.pk == self.own:
            return "участник"
        if user.pk in self.staff or user.is_superuser:
            return user.full_name
        return "другой участник программы"


def shown(row: models.Model, name: str):
    """A field's value as the document shows it."""
    model_field = row._meta.get_field(name)
    if model_field.many_to_many:
        return ", ".join(str(item) for item in getattr(row, name).all())
    if model_field.choices:
        return getattr(row, f"get_{name}_display")()
    value = getattr(row, name)
    if isinstance(model_field, models.FileField | models.BooleanField):
        return yes(value)
    if model_field.is_relation:
        return "" if value is None else str(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value


def _column(entry: PersonalData, name: str) -> Column:
    model_field = entry.model_class._meta.get_field(name)
    title = entry.label(name)
    if isinstance(model_field, models.DateTimeField):
        return Column(title, width=16)
    if isinstance(model_field, models.DateField):
        return Column(title, width=12, kind="date")
    if isinstance(model_field, models.IntegerField) and not model_field.choices:
        return Column(title, width=10, kind="number")
    if isinstance(model_field, models.TextField):
        return Column(title, width=36)
    return Column(title, width=22)


@dataclass
class Mapped:
    """The map's columns of one model and the cells of a row under them."""

    model: str
    recorder: Recorder
    overrides: dict[str, Shown] = field(default_factory=dict)

    def __post_init__(self):
        self.entry = declaration(self.model)
        meta = self.entry.model_class._meta
        self._shown = {
            f.name: self.recorder if meta.get_field(f.name).related_model is User else shown
            for f in self.entry.fields
        }
        self._shown.update(self.overrides)

    @property
    def columns(self) -> list[Column]:
        return [_column(self.entry, f.name) for f in self.entry.fields]

    @property
    def fields(self) -> list[tuple[str, str]]:
        return [(self.entry.model, f.name) for f in self.entry.fields]

    def cells(self, row: models.Model | None) -> list:
        if row is None:
            return [None] * len(self.entry.fields)
        return [self._shown[f.name](row, f.name) for f in self.entry.fields]

    def facts(self, row: models.Model) -> list[tuple[str, object]]:
        labels = [self.entry.label(f.name) for f in self.entry.fields]
        return list(zip(labels, self.cells(row), strict=True))


def table(
    mapped: Mapped,
    rows: Iterable[models.Model],
    *,
    context: Iterable[Context] = (),
    empty_text: str,
) -> Part:
    context = list(context)
    return Part(
        mapped.entry.heading,
        columns=[column for column, _ in context] + mapped.columns,
        rows=[[value(row) for _, value in context] + mapped.cells(row) for row in rows],
        empty_text=empty_text,
        fields=mapped.fields,
    )


def facts(mapped: Mapped, row: models.Model) -> Part:
    return Part(mapped.entry.heading, facts=mapped.facts(row), fields=mapped.fields)
