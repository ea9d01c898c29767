from django import forms
from django.utils import timezone

from mentoring.choice_fields import RowsChoiceField
from mentoring.concurrency import VersionedFormMixin
from stages.forms import DateInput

from ..models import Meeting, Mentee, Mentor, MentoringForm, Pair, SupportContact
from ..services.support import contact_problems
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
    rematch_note = forms.CharField(
        label="Обоснование куратора для новой пары",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Только если пара наставляемого прекращена досрочно менее двух недель назад",
    )

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
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    note = forms.CharField(required=False, max_length=1000)


class ClosureForm(forms.Form):
    """Closing a pair: planned or early, the reason from the fixed list, a comment, and the final
    meeting (a planned closure needs one; for an early closure it is the closing conversation)."""

    KINDS = [("planned", "Плановое завершение"), ("early", "Досрочное прекращение")]

    kind = forms.ChoiceField(
        label="Как завершается работа", choices=KINDS, widget=forms.RadioSelect
    )
    closure_reason = forms.ChoiceField(
        label="Причина", choices=[("", "— выберите —"), *Pair.ClosureReason.choices]
    )
    comment = forms.CharField(
        label="Комментарий",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Обязателен при досрочном прекращении и для причины «Другое»",
    )
    ends_on = forms.DateField(label="Последний день работы пары", widget=DateInput())
    final_held_on = forms.DateField(
        label="Дата итоговой встречи", widget=DateInput(), required=False
    )
    final_topic = forms.CharField(label="Тема", max_length=500, required=False)
    final_outcome = forms.CharField(
        label="Итог встречи", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, pair: Pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = pair

    @property
    def early(self) -> bool:
        return self.cleaned_data.get("kind") == "early"

    def clean_ends_on(self):
        value = self.cleaned_data["ends_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("Дата не может быть позже сегодняшнего дня.")
        if self.pair.starts_on and value < self.pair.starts_on:
            raise forms.ValidationError(
                f"Дата не может быть раньше начала работы пары ({self.pair.starts_on:%d.%m.%Y})."
            )
        return value

    def clean(self):
        cleaned = super().clean()
        held_on, topic = cleaned.get("final_held_on"), cleaned.get("final_topic", "").strip()
        if bool(held_on) != bool(topic):
            self.add_error(
                "final_topic" if held_on else "final_held_on",
                "Для итоговой встречи укажите дату и тему.",
            )
        ends_on = cleaned.get("ends_on")
        if held_on and ends_on and held_on > ends_on:
            self.add_error(
                "final_held_on", "Итоговая встреча — не позже последнего дня работы пары."
            )
        return cleaned

    def final_meeting(self) -> Meeting | None:
        data = self.cleaned_data
        if not data.get("final_held_on"):
            return None
        return Meeting(
            kind=Meeting.Kind.FINAL,
            held_on=data["final_held_on"],
            topic=data["final_topic"].strip(),
            outcome=data.get("final_outcome", "").strip(),
        )


class SupportContactForm(forms.ModelForm):
    class Meta:
        model = SupportContact
        fields = [
            "contacted_on",
            "channel",
            "person",
            "mentee",
            "notes",
            "follow_up",
            "follow_up_on",
        ]
        widgets = {
            "contacted_on": DateInput(),
            "follow_up_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, pair: Pair, mentees, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = pair
        self.mentees = list(mentees)
        field = self.fields["mentee"]
        if len(self.mentees) == 1:
            del self.fields["mentee"]
        else:
            field.queryset = pair.mentees.select_related("participant")
            field.label_from_instance = lambda mentee: mentee.participant.full_name

    def clean_contacted_on(self):
        value = self.cleaned_data["contacted_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("Дата не может быть позже сегодняшнего дня.")
        return value

    def clean(self):
        cleaned = super().clean()
        on, person = cleaned.get("contacted_on"), cleaned.get("person")
        if on and person:
            problems = contact_problems(
                self.pair, person, cleaned.get("mentee"), on, mentees=self.mentees
            )
            for name, problem in problems.items():
                self.add_error(name if name in self.fields else None, problem)
        return cleaned
