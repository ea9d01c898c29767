from django import forms
from django.utils import timezone

from mentoring.choice_fields import RowsChoiceField
from mentoring.models import School
from stages.forms import DateInput

from ..models import CommissionMember, Interview, Mentor
from ..models.selection import COMMISSION_MAX_MEMBERS

FOREIGN_MENTOR = "Выберите наставника из базы наставников школы."
DEFAULT_REGISTRY_NOTE = "Решение конкурсной комиссии"


def school_mentors(school: School):
    return Mentor.objects.filter(school=school).select_related("participant")


def mentor_label(mentor: Mentor) -> str:
    return f"{mentor.participant.full_name} ({mentor.get_status_display().lower()})"


class CommissionForm(forms.Form):
    formed_on = forms.DateField(label="Дата создания", required=False, widget=DateInput())
    order_note = forms.CharField(
        label="Основание",
        required=False,
        max_length=255,
        help_text="Приказ о создании конкурсной комиссии: номер и дата",
    )


class CommissionMemberForm(forms.Form):
    full_name = forms.CharField(
        label="ФИО",
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    position = forms.CharField(
        label="Должность",
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    role = forms.ChoiceField(
        label="Роль в комиссии",
        required=False,
        choices=[("", "—"), *CommissionMember.Role.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean(self):
        cleaned = super().clean()
        name = " ".join((cleaned.get("full_name") or "").split())
        if not name and (cleaned.get("position") or cleaned.get("role")):
            self.add_error("full_name", "Укажите ФИО или очистите строку.")
        elif name and not cleaned.get("role"):
            self.add_error("role", "Укажите роль в комиссии.")
        cleaned["full_name"] = name
        return cleaned


CommissionMemberFormSet = forms.formset_factory(
    CommissionMemberForm,
    extra=COMMISSION_MAX_MEMBERS,
    max_num=COMMISSION_MAX_MEMBERS,
    absolute_max=COMMISSION_MAX_MEMBERS,
    validate_max=True,
)


def filled_members(formset) -> list[dict]:
    """Rows of a valid formset that name somebody; empty rows are ignored."""
    return [
        {key: form.cleaned_data[key] for key in ("full_name", "position", "role")}
        for form in formset
        if form.cleaned_data.get("full_name")
    ]


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["mentor", "held_on", "readiness", "decision", "notes"]
        widgets = {
            "held_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        mentor = self.fields["mentor"]
        mentor.queryset = school_mentors(school)
        mentor.label_from_instance = mentor_label
        mentor.error_messages["invalid_choice"] = FOREIGN_MENTOR
        if self.instance.pk:
            mentor.disabled = True
        self.fields["readiness"].help_text = "Уровень психологической готовности к наставничеству"

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(
                "Собеседование ещё не прошло: дата не может быть в будущем."
            )
        return held_on


class RegistryIncludeForm(forms.Form):
    mentors = RowsChoiceField(
        label="Наставники",
        queryset=Mentor.objects.none(),
        error_messages={
            "required": "Отметьте наставников, которых нужно включить в реестр.",
            "invalid_choice": FOREIGN_MENTOR,
            "invalid_pk_value": FOREIGN_MENTOR,
        },
    )
    note = forms.CharField(
        label="Основание",
        required=False,
        max_length=255,
        initial=DEFAULT_REGISTRY_NOTE,
        help_text="После утверждения приказа «Об утверждении реестра наставников» — его номер",
    )

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = school_mentors(school)

    def clean_note(self):
        return self.cleaned_data["note"].strip() or DEFAULT_REGISTRY_NOTE
