from django import forms

from ..declension import PersonName
from ..models import NameOverride


class NameOverrideForm(forms.ModelForm):
    class Meta:
        model = NameOverride
        fields = ["nominative", *NameOverride.CASE_FIELDS]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean_nominative(self):
        name = " ".join(self.cleaned_data["nominative"].split())
        if len(PersonName.parse(name).full.split()) < 2:
            raise forms.ValidationError("Укажите фамилию и имя (и отчество, если есть).")
        taken = NameOverride.objects.filter(school=self.school, nominative=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("Для этого ФИО склонение уже задано: измените его.")
        return name

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(case) for case in NameOverride.CASE_FIELDS):
            raise forms.ValidationError("Заполните хотя бы один падеж.")
        return cleaned
