from django import forms

from mentoring.choice_fields import RowsChoiceField
from stages.forms import DateInput

from ..models import Mentor, TrainingCourse, TrainingSession
from .selection import FOREIGN_MENTOR, mentor_label

POSITIVE_HOURS = "Количество часов должно быть больше нуля."


def _positive(value):
    if value is not None and value <= 0:
        raise forms.ValidationError(POSITIVE_HOURS)
    return value


class CourseForm(forms.ModelForm):
    class Meta:
        model = TrainingCourse
        fields = ["kind", "title", "hours", "starts_on", "ends_on", "organiser", "description"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_hours(self):
        return _positive(self.cleaned_data["hours"])

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Дата окончания не может быть раньше даты начала.")
        elif starts and ends and self.instance.pk:
            outside = self.instance.sessions.exclude(held_on__range=(starts, ends))
            for session in outside:
                self.add_error(
                    None,
                    f"Занятие {session.held_on:%d.%m.%Y} «{session.topic}» выходит за новые даты "
                    "обучения: сначала перенесите занятие.",
                )
        return cleaned


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["held_on", "topic", "hours"]
        widgets = {"held_on": DateInput()}

    def __init__(self, *args, course: TrainingCourse, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields[
            "held_on"
        ].help_text = (
            f"В пределах дат обучения: с {course.starts_on:%d.%m.%Y} по {course.ends_on:%d.%m.%Y}"
        )

    def clean_hours(self):
        return _positive(self.cleaned_data["hours"])

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if not self.course.starts_on <= held_on <= self.course.ends_on:
            raise forms.ValidationError(
                "Дата занятия должна быть в пределах дат обучения: "
                f"с {self.course.starts_on:%d.%m.%Y} по {self.course.ends_on:%d.%m.%Y}."
            )
        return held_on


def listener_candidates(course: TrainingCourse):
    """Mentors of the school's base who may attend: everyone still taking part."""
    return (
        Mentor.objects.filter(school=course.programme.school_id)
        .exclude(status=Mentor.Status.INACTIVE)
        .select_related("participant")
    )


class ListenersForm(forms.Form):
    ADD, REMOVE = "add", "remove"

    action = forms.ChoiceField(choices=[(ADD, "Добавить"), (REMOVE, "Убрать")])
    mentors = RowsChoiceField(
        label="Наставники из базы школы",
        queryset=Mentor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Отметьте наставников.",
            "invalid_choice": FOREIGN_MENTOR,
            "invalid_pk_value": FOREIGN_MENTOR,
        },
    )

    def __init__(self, *args, course: TrainingCourse, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["mentors"]
        field.queryset = listener_candidates(course)
        field.label_from_instance = mentor_label


class AttendanceForm(forms.Form):
    present = RowsChoiceField(
        label="Присутствовали",
        queryset=Mentor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={
            "invalid_choice": "Отмечать можно только слушателей этого обучения.",
            "invalid_pk_value": "Отмечать можно только слушателей этого обучения.",
        },
    )

    def __init__(self, *args, listeners, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.queryset = listeners
        field.label_from_instance = lambda mentor: mentor.participant.full_name


class CompletionForm(forms.Form):
    """One row per listener: issue or not, certificate number and hours; one issue date."""

    issued_on = forms.DateField(
        label="Дата выдачи", widget=DateInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args, course: TrainingCourse, listeners, certificates: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.certificates = certificates
        self.fields["issued_on"].initial = course.ends_on
        self.rows = []
        for mentor in listeners:
            existing = certificates.get(mentor.pk)
            self.fields[f"issue_{mentor.pk}"] = forms.BooleanField(
                label=f"Выдать удостоверение: {mentor.participant.full_name}",
                required=False,
                initial=existing is None,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"number_{mentor.pk}"] = forms.CharField(
                label=f"Номер удостоверения: {mentor.participant.full_name}",
                required=False,
                max_length=100,
                initial=existing.number if existing else "",
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )
            self.fields[f"hours_{mentor.pk}"] = forms.IntegerField(
                label=f"Часов: {mentor.participant.full_name}",
                required=False,
                min_value=1,
                max_value=32767,
                initial=existing.hours if existing else course.hours,
                error_messages={"min_value": POSITIVE_HOURS},
                widget=forms.NumberInput(attrs={"class": "form-control"}),
            )
            self.rows.append(mentor)

    def row_fields(self):
        for mentor in self.rows:
            yield (
                mentor,
                self.certificates.get(mentor.pk),
                self[f"issue_{mentor.pk}"],
                self[f"number_{mentor.pk}"],
                self[f"hours_{mentor.pk}"],
            )

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        if issued_on < self.course.starts_on:
            raise forms.ValidationError("Дата выдачи не может быть раньше начала обучения.")
        return issued_on

    def clean(self):
        cleaned = super().clean()
        taken = {cert.number.casefold(): mentor_id for mentor_id, cert in self.certificates.items()}
        chosen = []
        for mentor in self.rows:
            if not cleaned.get(f"issue_{mentor.pk}"):
                continue
            chosen.append(mentor)
            number = (cleaned.get(f"number_{mentor.pk}") or "").strip()
            cleaned[f"number_{mentor.pk}"] = number
            if not number:
                self.add_error(f"number_{mentor.pk}", "Укажите номер удостоверения.")
            elif taken.setdefault(number.casefold(), mentor.pk) != mentor.pk:
                self.add_error(f"number_{mentor.pk}", f"Номер {number} уже выдан в этом обучении.")
            if not cleaned.get(f"hours_{mentor.pk}") and f"hours_{mentor.pk}" not in self.errors:
                self.add_error(f"hours_{mentor.pk}", "Укажите количество часов.")
        if not chosen:
            raise forms.ValidationError("Отметьте слушателей, которым выдаются удостоверения.")
        cleaned["chosen"] = chosen
        return cleaned
