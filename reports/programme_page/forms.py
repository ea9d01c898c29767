from django import forms

from mentoring.models import Programme


class ProgrammeSettingsForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["students_total", "teachers_total", "is_public", "public_description"]
        widgets = {"public_description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "public_description": "Что увидят посетители открытой страницы: о программе, "
            "её целях и результатах. Не указывайте имена обучающихся."
        }
