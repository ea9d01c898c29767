import datetime

from django import forms
from django.utils import timezone

from stages.forms import DateInput

from ..models import Award, Case, DevelopmentPlan, DiaryEntry, Meeting, Mentor, Pair, PlanItem

# A meeting dated after today is planned (запланированная); it may be planned this far ahead.
PLAN_AHEAD_DAYS = 90
FUTURE_DATE = "Дата не может быть позже сегодняшнего дня."
RECIPIENT_NEEDED = "Для благодарственного письма родителям укажите ФИО родителей."
WHOM_NEEDED = "Укажите, кого поощряют: наставника, пару или получателя."
BIG = {"class": "form-control-lg"}
BIG_SELECT = {"class": "form-select-lg"}


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(FUTURE_DATE)
    return value


def _not_before_start(value, pair: Pair):
    if value and pair.starts_on and value < pair.starts_on:
        raise forms.ValidationError(
            f"Дата не может быть раньше начала работы пары ({pair.starts_on:%d.%m.%Y})."
        )
    return value


def pair_label(pair: Pair) -> str:
    mentees = ", ".join(m.participant.short_name for m in pair.mentees.all())
    return f"{pair.mentor.participant.short_name} — {mentees or 'без наставляемых'}"


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "held_on", "starts_at", "format", "topic", "outcome"]
        help_texts = {
            "held_on": (
                f"Будущая дата — запланированная встреча (не дальше {PLAN_AHEAD_DAYS} дней); "
                "она не считается проведённой, пока не наступит"
            )
        }
        widgets = {
            "kind": forms.Select(attrs=BIG_SELECT),
            "held_on": DateInput(attrs=BIG),
            "starts_at": forms.TimeInput(attrs={**BIG, "type": "time"}, format="%H:%M"),
            "format": forms.RadioSelect,
            "topic": forms.TextInput(attrs={**BIG, "autocomplete": "off"}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, pair: Pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = pair

    def clean_held_on(self):
        value = self.cleaned_data.get("held_on")
        if value and value > timezone.localdate() + datetime.timedelta(days=PLAN_AHEAD_DAYS):
            raise forms.ValidationError(
                f"Встречу можно запланировать не дальше чем на {PLAN_AHEAD_DAYS} дней вперёд."
            )
        return _not_before_start(value, self.pair)


class DiaryEntryForm(forms.ModelForm):
    class Meta:
        model = DiaryEntry
        fields = ["mentee", "written_on", "text"]
        widgets = {
            "written_on": DateInput(attrs=BIG),
            "text": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, pair: Pair, diary: str, mentees, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = pair
        mentees = list(mentees)
        if diary == DiaryEntry.Diary.MENTOR:
            del self.fields["mentee"]
            return
        if len(mentees) == 1:
            del self.fields["mentee"]
            self.instance.mentee = mentees[0]
            return
        field = self.fields["mentee"]
        field.queryset = pair.mentees.filter(pk__in=[m.pk for m in mentees])
        field.label_from_instance = lambda mentee: mentee.participant.full_name
        field.required = True
        field.help_text = ""

    def clean_written_on(self):
        value = _not_future(self.cleaned_data.get("written_on"))
        return _not_before_start(value, self.pair)


class PlanGoalForm(forms.ModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["goal"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 3})}


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["task", "deadline", "expected_result"]
        widgets = {"deadline": DateInput()}


class PlanItemStatusForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["status", "progress_note"]
        widgets = {"status": forms.Select(attrs={"class": "form-select"})}


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["title", "pair", "form", "what_was_done", "results", "publishable"]
        widgets = {
            "what_was_done": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair"].queryset = programme_pairs(programme)
        self.fields["pair"].label_from_instance = pair_label


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["kind", "mentor", "pair", "recipient_name", "awarded_on", "note"]
        widgets = {"awarded_on": DateInput()}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = Mentor.objects.filter(
            school_id=programme.school_id
        ).select_related("participant")
        self.fields["mentor"].label_from_instance = lambda m: m.participant.full_name
        self.fields["pair"].queryset = programme_pairs(programme)
        self.fields["pair"].label_from_instance = pair_label

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Award.Kind.PARENTS_LETTER and not cleaned.get("recipient_name"):
            self.add_error("recipient_name", RECIPIENT_NEEDED)
        elif kind and not (
            cleaned.get("mentor") or cleaned.get("pair") or cleaned.get("recipient_name")
        ):
            self.add_error(None, WHOM_NEEDED)
        return cleaned


def programme_pairs(programme):
    return (
        Pair.objects.filter(programme=programme)
        .select_related("mentor__participant")
        .prefetch_related("mentees__participant")
    )
