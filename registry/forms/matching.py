from django import forms

from ..matching.scoring import CRITERIA, DEFAULT_WEIGHTS
from ..models import MentoringForm
from .role_models import RoleModelField, check_role_model


class SuggestionPairForm(forms.Form):
    """A pair from a suggestion: the form and role model (the rules service checks the fit)."""

    form = forms.ModelChoiceField(
        label="Форма наставничества", queryset=MentoringForm.objects.all()
    )
    role_model = RoleModelField()
    goal = forms.CharField(
        label="Цель работы", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    rematch_note = forms.CharField(
        label="Обоснование куратора для новой пары", required=False, max_length=2000
    )

    def clean(self):
        cleaned = super().clean()
        check_role_model(self)
        return cleaned


class WeightsForm(forms.Form):
    """How much each matching criterion counts, 0–100."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CRITERIA.items():
            self.fields[key] = forms.IntegerField(
                label=label, min_value=0, max_value=100, initial=DEFAULT_WEIGHTS[key]
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(key) for key in CRITERIA):
            raise forms.ValidationError("Хотя бы один критерий должен иметь вес больше нуля.")
        return cleaned
