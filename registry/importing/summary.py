"""What the preview page says about a checked file: errors by kind, and the changes an import
would make, in words."""

import datetime
from collections import OrderedDict

from ..models import Consent, Mentee, Mentor, Participant, RequestCategory
from .columns import FIELDS_BY_KEY

FIRST_ROWS = 10
LABELS = {
    "categories": "Категория запроса",
    "competencies": "Компетенции",
    "experience_years": "Стаж, лет",
    **{f"consent:{code}": label for code, label in Consent.Kind.choices},
}
CHOICES = {
    "kind": Participant.Kind,
    "contour": Mentor.Contour,
    "priority": Mentee.Priority,
}


def error_groups(errors: list[dict]) -> list[dict]:
    """Alike errors together, the most frequent first: the count, columns, first rows, example."""
    groups: OrderedDict[str, dict] = OrderedDict()
    for error in errors:
        kind = error.get("kind") or error["message"]
        group = groups.setdefault(
            kind, {"kind": kind, "count": 0, "columns": [], "rows": [], "example": error}
        )
        group["count"] += 1
        if error["column"] not in group["columns"]:
            group["columns"].append(error["column"])
        where = error.get("row")
        if where and error.get("sheet"):
            where = f"{where} (лист «{error['sheet']}»)"
        if len(group["rows"]) < FIRST_ROWS and where not in group["rows"]:
            group["rows"].append(where)
    return sorted(groups.values(), key=lambda group: -group["count"])


def label(field: str) -> str:
    if field in LABELS:
        return LABELS[field]
    return FIELDS_BY_KEY[field].title if field in FIELDS_BY_KEY else field


class ChangeWriter:
    """Old and new values as text; sensitive categories only for those who may see them."""

    def __init__(self, *, sensitive: bool) -> None:
        self.sensitive = sensitive
        self.categories = {c.pk: c for c in RequestCategory.objects.all()}

    def value(self, field: str, value) -> str:
        if value in (None, "", []):
            return "—"
        if isinstance(value, datetime.date):
            return value.strftime("%d.%m.%Y")
        if field in CHOICES:
            try:
                return str(CHOICES[field](value).label)
            except ValueError:
                return str(value)
        if field == "categories":
            names = [
                self.categories[pk].name
                for pk in value
                if pk in self.categories and (self.sensitive or not self.categories[pk].sensitive)
            ]
            return "; ".join(names) or "—"
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return str(value)

    def changes(self, row) -> list[tuple[str, str, str]]:
        shown = []
        for change in row.changes:
            old = self.value(change["field"], change["old"])
            new = self.value(change["field"], change["new"])
            if old != new:
                shown.append((label(change["field"]), old, new))
        return shown
