"""Request categories written by hand: codes, names, the beginning of a name, short forms."""

from ..models import Participant, RequestCategory
from .columns import normalise
from .values import CellError, split_list

# Short forms used in schools' own spreadsheets → category codes.
SHORT_FORMS = {
    "овз": "ovz",
    "одаренный": "gifted",
    "одаренные": "gifted",
    "одаренность": "gifted",
    "высокомотивированный": "gifted",
    "неуспевающий": "low_results",
    "низкие результаты": "low_results",
    "тжс": "difficult_situation",
    "трудная жизненная ситуация": "difficult_situation",
    "поведение": "behaviour",
    "проблемы с поведением": "behaviour",
    "отстраненный": "disengaged",
    "новый ученик": "new_student",
    "молодой специалист": "young_specialist",
    "молодой педагог": "young_specialist",
    "выгорание": "burnout",
    "эмоциональное выгорание": "burnout",
    "новое место работы": "new_at_work",
    "цифровые навыки": "digital_skills",
    "ребенок инвалид": "ovz",
    "дети инвалиды": "ovz",
    "инвалид": "ovz",
    "инвалидность": "ovz",
    "соп": "difficult_situation",
    "сирота": "difficult_situation",
    "опекаемый": "difficult_situation",
    "группа риска": "behaviour",
    "вшу": "behaviour",
    "внутришкольный учет": "behaviour",
    "высокомотивированные": "gifted",
    "неуспевающие": "low_results",
    "новенький": "new_student",
}
MIN_PREFIX = 3
AUDIENCE_OF_KIND = {
    Participant.Kind.STUDENT: RequestCategory.Audience.STUDENT,
    Participant.Kind.TEACHER: RequestCategory.Audience.TEACHER,
}
AUDIENCE_WORDS = {
    RequestCategory.Audience.STUDENT: "обучающимся",
    RequestCategory.Audience.TEACHER: "педагогам",
}


class CategoryMatcher:
    def __init__(self, categories: list[RequestCategory]) -> None:
        self.categories = categories
        self.by_code = {normalise(c.code): c for c in categories}
        self.by_name = [(normalise(c.name), c) for c in categories]
        self.full_names = {name for name, _ in self.by_name}
        self._parsed: dict[tuple, tuple] = {}  # a list repeats from row to row: read it once

    @classmethod
    def load(cls) -> "CategoryMatcher":
        return cls(list(RequestCategory.objects.all()))

    def match(self, item: str) -> RequestCategory:
        key = normalise(item)
        found = self.by_code.get(key) or self.by_code.get(normalise(SHORT_FORMS.get(key, "")))
        if found:
            return found
        candidates = [c for name, c in self.by_name if name == key]
        if not candidates and len(key) >= MIN_PREFIX:
            candidates = [c for name, c in self.by_name if name.startswith(key)]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            names = "», «".join(c.name for c in candidates)
            raise CellError(
                f"категория запроса «{item}» подходит к нескольким: «{names}»",
                "Неоднозначная категория запроса",
            )
        raise CellError(f"неизвестная категория запроса «{item}»", "Неизвестная категория запроса")

    def items(self, value: object) -> list[str]:
        """Items of a list cell; a full name that itself holds a comma stays one item."""
        parts = split_list(value.replace("/", ",") if isinstance(value, str) else value)
        items, start = [], 0
        while start < len(parts):
            end = next(
                (
                    end
                    for end in range(len(parts), start + 1, -1)
                    if normalise(", ".join(parts[start:end])) in self.full_names
                ),
                start + 1,
            )
            items.append(", ".join(parts[start:end]))
            start = end
        return items

    def parse(self, value: object, kind: str | None) -> tuple[list[RequestCategory], list[tuple]]:
        """Categories of a cell, and (message, group) for every item that is not understood."""
        key = (value if value.__class__ is str or value is None else repr(value), kind)
        if key not in self._parsed:
            self._parsed[key] = self._parse(value, kind)
        found, messages = self._parsed[key]
        return list(found), list(messages)

    def _parse(self, value: object, kind: str | None) -> tuple[list, list]:
        found, messages = [], []
        audience = AUDIENCE_OF_KIND.get(kind)
        for item in self.items(value):
            try:
                category = self.match(item)
            except CellError as error:
                messages.append((str(error), error.kind))
                continue
            if audience and category.audience != audience:
                messages.append(
                    (
                        f"категория запроса «{category.name}» относится к "
                        f"{AUDIENCE_WORDS[category.audience]}, а участник — "
                        f"{Participant.Kind(kind).label.lower()}",
                        "Категория запроса не для этого участника",
                    )
                )
            elif category not in found:
                found.append(category)
        return found, messages
