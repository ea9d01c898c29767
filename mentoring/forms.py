"""The school card: the names and requisites the school's documents are built from."""

import re

from django import forms

from . import phrases
from .models import School

CASE_FIELDS = {case: f"full_name_{case}" for case in phrases.CASES}
_QUOTED = re.compile(r"«[^»]*»")
QUOTED_NAME_LOST = "В форме должно остаться название в кавычках {name}, как в полном наименовании."


def automatic_forms(full_name: str) -> dict[str, str]:
    """The case fields of the card filled from the full name."""
    forms_by_case = phrases.case_forms(" ".join(full_name.split()))
    return {CASE_FIELDS[case]: text for case, text in forms_by_case.items()}


class SchoolCardForm(forms.ModelForm):
    """A blank case form is filled automatically on saving, and so is one left as it was
    filled automatically when the full name changes; a form the school wrote stays."""

    class Meta:
        model = School
        fields = [
            "full_name",
            "short_name",
            *CASE_FIELDS.values(),
            "town",
            "director_name",
            "address",
            "phone",
            "email",
        ]
        help_texts = {
            "full_name": "Как в уставе: «Муниципальное бюджетное общеобразовательное учреждение "
            "«Средняя общеобразовательная школа № 1»».",
            "short_name": "Например: МБОУ «СОШ № 1».",
            "director_name": "Фамилия Имя Отчество.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        automatic = automatic_forms(self.instance.full_name or "")
        for field, text in automatic.items():
            if not getattr(self.instance, field, ""):
                self.initial[field] = text

    @classmethod
    def autofilled(cls, data, **kwargs) -> "SchoolCardForm":
        """The submitted card with every case form filled again from the submitted full name."""
        data = data.copy()
        for field, text in automatic_forms(data.get("full_name", "")).items():
            data[field] = text
        return cls(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        full_name = " ".join(cleaned.get("full_name", "").split())
        if not full_name:
            return cleaned
        cleaned["full_name"] = full_name
        before = automatic_forms(self.instance.full_name or "") if self.instance.pk else {}
        after = automatic_forms(full_name)
        quoted = _QUOTED.findall(full_name)
        for field, automatic in after.items():
            text = " ".join(cleaned.get(field, "").split())
            if not text or text == before.get(field):
                text = automatic
            missing = [name for name in quoted if name not in text]
            if missing:
                self.add_error(field, QUOTED_NAME_LOST.format(name=missing[0]))
            cleaned[field] = text
        return cleaned
