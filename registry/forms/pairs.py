from django import forms

from mentoring.choice_fields import RowsChoiceField
from mentoring.concurrency import VersionedFormMixin
from stages.forms import DateInput

from ..models import Mentee, Mentor, MentoringForm, Pair
from .role_models import RoleModelField, check_role_model


class PairForm(forms.Form):
    mentor = forms.ModelChoiceField(label="Наставник", queryset=Mentor.objects.none())
    mentees = RowsChoiceField(
        label="Наставляемые",
        queryset=Mentee.objects.none(),
        help_text="Один наставляемый — пара, несколько — группа",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    form = forms.ModelChoiceField(
        label="Форма наставничества", queryset=MentoringForm.objects.all()
    )
    role_model = RoleModelField()
    goal = forms.CharField(
        label="Цель работы", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    starts_on = forms.DateField(label="Начало работы", widget=DateInput(), required=False)
    ends_on = forms.DateField(label="Плановое окончание", widget=DateInput(), required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = Mentor.objects.filter(
            school=programme.school, status__in=Mentor.IN_REGISTRY
        ).select_related("participant")
        self.fields["mentor"].label_from_instance = lambda m: (
            f"{m.participant.full_name} — {m.participant.description}"
        )
        self.fields["mentees"].queryset = Mentee.objects.filter(
            programme=programme, status=Mentee.Status.WAITING
        ).select_related("participant")
        self.fields["mentees"].label_from_instance = lambda m: (
            f"{m.participant.full_name} — {m.participant.description}"
        )

    def clean(self):
        cleaned = super().clean()
        check_role_model(self)
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Окончание не может быть раньше начала.")
        return cleaned


class PairEditForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Pair
        fields = ["goal", "starts_on", "ends_on", "mentor_allowance"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }


class PairActionForm(forms.Form):
    ACTIONS = [
        ("approve", "Отметить утверждение приказом"),
        ("start", "Пара начала работу"),
        ("complete", "Завершить работу"),
        ("terminate", "Прекратить досрочно"),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    note = forms.CharField(required=False, max_length=1000)
