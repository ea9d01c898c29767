"""The personal-data map (152-ФЗ): which model fields hold data about people and what
anonymisation does to each.

Each app declares its own models in ``<app>/personal_data_map.py`` (called from its
``AppConfig.ready()``). Every concrete field of a declared model is either in ``fields`` — erased
on anonymisation (with the value it gets), kept (with the reason), or kept with the person's name
scrubbed out of the text — or in ``other`` (ids, links to other records, values about nobody).
The anonymisation (``registry/services/privacy.py``) erases what the map says, the
subject-access export (``reports/builders/subject_access.py``) shows every field of the map, and
``tests/mentoring/test_personal_data_map.py`` fails on a field that nobody classified.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.apps import apps
from django.conf import settings
from django.db import models

SCRUB_REASON = "текст о работе пары остаётся, имя участника в нём заменяется на «[обезличено]»"
RECORDED = "когда и кем внесены сведения (журнал обработки, 152-ФЗ, ст. 14)"
STAFF = "сотрудник школы, выполнивший действие (журнал работы программы)"


class Action(StrEnum):
    ERASE = "erase"
    KEEP = "keep"
    SCRUB = "scrub"


@dataclass(frozen=True)
class Field:
    name: str
    action: Action
    # ERASE: how the value is replaced, when it is not simply emptied; KEEP, SCRUB: why it stays.
    reason: str = ""
    # ERASE: the value after anonymisation; a callable gets the row.
    blank: object = ""
    # The heading in the export and on the confirmation page; the field's verbose_name by default.
    label: str = ""

    def blank_for(self, row):
        return self.blank(row) if callable(self.blank) else self.blank


def erase(name: str, blank: object = "", *, how: str = "", label: str = "") -> Field:
    return Field(name, Action.ERASE, reason=how, blank=blank, label=label)


def keep(name: str, reason: str, *, label: str = "") -> Field:
    return Field(name, Action.KEEP, reason=reason, label=label)


def scrub(name: str, reason: str = SCRUB_REASON, *, label: str = "") -> Field:
    return Field(name, Action.SCRUB, reason=reason, label=label)


@dataclass(frozen=True)
class PersonalData:
    """One model's part of the map."""

    model: str  # "app_label.ModelName"
    fields: tuple[Field, ...]
    # Fields holding no personal data: ids, links to other records, values about nobody.
    other: tuple[str, ...] = ()
    # Lookups from a row to the Participant it is about: such rows are the person's records and
    # the subject-access export shows them. Empty for records that only name people (orders).
    person: tuple[str, ...] = ()
    # What of the person's rows is deleted whole on anonymisation (those ``person`` finds); the
    # model's other rows, which only mention the person, follow ``fields``.
    delete: str = ""
    title: str = ""
    _by_name: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self):
        self._by_name.update({f.name: f for f in self.fields})

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def heading(self) -> str:
        if self.title:
            return self.title
        plural = str(self.model_class._meta.verbose_name_plural)
        return plural[:1].upper() + plural[1:]

    def with_action(self, action: Action) -> list[Field]:
        return [f for f in self.fields if f.action == action]

    def label(self, name: str) -> str:
        mapped = self._by_name.get(name)
        if mapped is not None and mapped.label:
            return mapped.label
        text = str(self.model_class._meta.get_field(name).verbose_name)
        return text[:1].upper() + text[1:]

    def rows_of(self, participant) -> models.QuerySet:
        """The person's rows, through every lookup of ``person``."""
        match = models.Q()
        for lookup in self.person:
            match |= models.Q(**{lookup: participant.pk})
        return self.model_class._default_manager.filter(match).distinct()


_MAP: dict[str, PersonalData] = {}


def register(
    model: str,
    *,
    fields: Iterable[Field],
    other: Iterable[str] = (),
    person: Iterable[str] = (),
    delete: str = "",
    title: str = "",
) -> PersonalData:
    entry = PersonalData(
        model=model,
        fields=tuple(fields),
        other=tuple(other),
        person=tuple(person),
        delete=delete,
        title=title,
    )
    _MAP[model.lower()] = entry
    return entry


def declaration(model: str | type[models.Model]) -> PersonalData:
    label = model if isinstance(model, str) else model._meta.label
    return _MAP[label.lower()]


def declarations() -> list[PersonalData]:
    return list(_MAP.values())


def persons_records() -> list[PersonalData]:
    """The declarations of the records about a person, in the order the apps declared them."""
    return [entry for entry in _MAP.values() if entry.person]


def holds_people(model: type[models.Model]) -> bool:
    """Whether a model links to a person: to a user account or to a record of the map that is
    about a person (a participant, a mentor, a pair…). Such a model needs a declaration."""
    people = {apps.get_model(settings.AUTH_USER_MODEL)} | {
        entry.model_class for entry in persons_records()
    }
    return any(
        f.related_model in people
        for f in model._meta.get_fields()
        if f.is_relation and f.concrete and not f.auto_created
    )


def concrete_names(model: type[models.Model]) -> set[str]:
    """Every field stored for a row (the automatic id too): columns and many-to-many links, not
    reverse relations."""
    return {f.name for f in model._meta.get_fields() if f.concrete and not f.auto_created} | {
        model._meta.pk.name
    }


def unclassified(entry: PersonalData) -> list[str]:
    """What is wrong with a declaration: fields nobody classified, unknown or doubled names,
    kept fields without a reason."""
    declared = [f.name for f in entry.fields] + list(entry.other)
    existing = concrete_names(entry.model_class)
    problems = [f"{name}: not classified" for name in sorted(existing - set(declared))]
    problems += [f"{name}: no such field" for name in declared if name not in existing]
    problems += [f"{name}: classified twice" for name in set(declared) if declared.count(name) > 1]
    problems += [
        f"{f.name}: kept without a reason"
        for f in entry.fields
        if f.action != Action.ERASE and not f.reason.strip()
    ]
    return [f"{entry.model}.{problem}" for problem in problems]


def erase_row(row: models.Model) -> list[str]:
    """Gives every «erase» field of the row its blank value (stored files are deleted, links
    cleared); returns the names of the columns to save."""
    entry = declaration(type(row))
    changed = []
    for mapped in entry.with_action(Action.ERASE):
        model_field = row._meta.get_field(mapped.name)
        blank = mapped.blank_for(row)
        if model_field.many_to_many:
            getattr(row, mapped.name).set(list(blank))
            continue
        if isinstance(model_field, models.FileField):
            stored = getattr(row, mapped.name)
            if stored:
                stored.delete(save=False)
        setattr(row, mapped.name, blank)
        changed.append(mapped.name)
    return changed


def erase_and_save(row: models.Model) -> None:
    changed = erase_row(row)
    if changed:
        touched = [f.name for f in row._meta.concrete_fields if getattr(f, "auto_now", False)]
        row.save(update_fields=changed + touched)


def delete_rows(queryset: models.QuerySet) -> int:
    """Deletes rows of a model whose person's rows go whole, with their stored files."""
    model = queryset.model
    files = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    count = 0
    for row in queryset:
        for name in files:
            stored = getattr(row, name)
            if stored:
                stored.delete(save=False)
        row.delete()
        count += 1
    return count


def scrub_row(row: models.Model, scrubber: Callable[[str], str]) -> list[str]:
    """Replaces the person's name in every «scrub» field of the row; returns the changed ones."""
    changed = []
    for mapped in declaration(type(row)).with_action(Action.SCRUB):
        old = getattr(row, mapped.name)
        new = scrubber(old)
        if new != old:
            setattr(row, mapped.name, new)
            changed.append(mapped.name)
    return changed


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    """«Кем внесено» → «кем внесено»; an abbreviation («ФИО представителя») stays as it is."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def erased_lines() -> list[str]:
    """What anonymisation erases, one line per record of the person (the confirmation page)."""
    lines = []
    for entry in declarations():
        if entry.delete:
            lines.append(f"{_sentence(entry.delete)} — удаляются")
            continue
        if not entry.person:
            continue
        erased = [
            _lower(entry.label(f.name)) + (f" ({f.reason})" if f.reason else "")
            for f in entry.with_action(Action.ERASE)
        ]
        if erased:
            lines.append(f"{entry.heading} — {', '.join(erased)}")
    scrubbed = [
        f"{_lower(entry.heading)} ({', '.join(_lower(entry.label(f.name)) for f in fields)})"
        for entry in persons_records()
        if (fields := entry.with_action(Action.SCRUB))
    ]
    if scrubbed:
        lines.append("Имя участника заменяется на «[обезличено]» в текстах: " + "; ".join(scrubbed))
    return lines


def kept_lines() -> list[str]:
    """What stays and why, one line per reason (the confirmation page)."""
    by_reason: dict[str, dict[str, list[str]]] = {}
    for entry in persons_records():
        for mapped in entry.with_action(Action.KEEP):
            labels = by_reason.setdefault(mapped.reason, {}).setdefault(entry.heading, [])
            labels.append(_lower(entry.label(mapped.name)))
    return [
        _sentence(reason)
        + ": "
        + "; ".join(f"{_lower(heading)} ({', '.join(labels)})" for heading, labels in kept.items())
        for reason, kept in by_reason.items()
    ]
