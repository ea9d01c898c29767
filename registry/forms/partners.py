from django import forms
from django.utils import timezone

from stages.forms import DateInput

from ..models import Partner

FUTURE_DATE = "Дата не может быть позже сегодняшнего дня."
DUPLICATE = "Эта организация уже есть в списке партнёров школы."
HEAD_NAME = (
    "Укажите фамилию и имя руководителя (отчество — если есть), например: Иванов Иван Иванович."
)


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(FUTURE_DATE)
    return value


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "name",
            "head_position",
            "head_name",
            "contact_person",
            "phone",
            "email",
            "letter_sent_on",
            "agreement_signed_on",
            "agreement_note",
            "notes",
        ]
        widgets = {
            "letter_sent_on": DateInput(),
            "agreement_signed_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "name": "Как в письме: ООО «Ромашка», АО «Завод им. Кирова»",
            "head_position": "В именительном падеже: Директор, Генеральный директор",
            "head_name": "Фамилия Имя Отчество; в письме имя склоняется автоматически",
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["name"].error_messages["required"] = "Укажите название организации."

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        # Compared in Python: SQLite folds the case of ASCII letters only.
        others = Partner.objects.filter(school=self.school).exclude(pk=self.instance.pk)
        taken = {
            " ".join(other.split()).casefold() for other in others.values_list("name", flat=True)
        }
        if name.casefold() in taken:
            raise forms.ValidationError(DUPLICATE)
        return name

    def clean_head_position(self):
        return " ".join(self.cleaned_data.get("head_position", "").split())

    def clean_head_name(self):
        name = " ".join(self.cleaned_data.get("head_name", "").split())
        if name and len(name.split()) < 2:
            raise forms.ValidationError(HEAD_NAME)
        return name

    def clean_letter_sent_on(self):
        return _not_future(self.cleaned_data.get("letter_sent_on"))

    def clean_agreement_signed_on(self):
        return _not_future(self.cleaned_data.get("agreement_signed_on"))
