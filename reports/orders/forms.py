from django import forms
from django.utils import timezone

from mentoring.choice_fields import RowsChoiceField
from mentoring.concurrency import VersionedFormMixin
from mentoring.models import User
from registry.models import Award, Pair, TrainingCourse
from registry.services.bases import registry_refusal
from registry.services.labour import standing_of
from stages.models import OrderKind

from ..models import Order
from . import teacher_mentor
from .deadlines import RULE_HELP
from .drafting import registry_candidates, settle_points
from .due import REASON_LABEL

LINES_HELP = "Каждый пункт — с новой строки."


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class MentorChoice(RowsChoiceField):
    def label_from_instance(self, mentor):
        label = f"{mentor.participant.full_name} — {mentor.get_status_display()}"
        reason = registry_refusal(mentor)
        return f"{label} (нельзя включить: {reason})" if reason else label


class TeacherMentorChoice(RowsChoiceField):
    def label_from_instance(self, mentor):
        standing = standing_of(mentor, timezone.localdate()).standing
        return f"{mentor.participant.full_name} — {standing.lower()}"


class PairChoice(RowsChoiceField):
    def label_from_instance(self, pair):
        mentees = ", ".join(m.participant.short_name for m in pair.mentees.all())
        return (
            f"{pair.mentor.participant.short_name} → {mentees} ({pair.form.name}, "
            f"{pair.get_status_display().lower()})"
        )


class AwardChoice(RowsChoiceField):
    def label_from_instance(self, award):
        return str(award)


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.full_name or user.username


class OrderForm(VersionedFormMixin, forms.ModelForm):
    points_text = forms.CharField(
        label="Пункты приказа (ПРИКАЗЫВАЮ:)",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"{LINES_HELP} {RULE_HELP}",
    )
    acquainted_text = forms.CharField(
        label="С приказом ознакомлены",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Фамилия И.О., каждый — с новой строки.",
    )

    class Meta:
        model = Order
        fields = [
            "title",
            "preamble",
            "curator",
            "curator_position",
            "mentors",
            "pairs",
            "awards",
            "course",
            "signer_position",
            "signer_name",
        ]
        widgets = {"preamble": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"preamble": "Абзацы разделяйте пустой строкой."}

    SUBJECT_FIELDS = {
        OrderKind.CURATOR: ("curator", "curator_position"),
        OrderKind.MENTOR_REGISTRY: ("mentors",),
        OrderKind.PAIRS: ("pairs",),
        OrderKind.AWARDS: ("awards",),
        OrderKind.MENTOR_SCHOOL: ("course",),
        OrderKind.TEACHER_MENTOR: ("mentors",),
    }
    ALL_SUBJECTS = ("curator", "curator_position", "mentors", "pairs", "awards", "course")

    def __init__(self, *args, on=None, **kwargs):
        """``on``: the day the draft is edited; its deadlines are shown as they stand that day."""
        super().__init__(*args, **kwargs)
        order = self.instance
        programme = order.programme
        keep = self.SUBJECT_FIELDS.get(order.kind, ())
        for name in self.ALL_SUBJECTS:
            if name not in keep:
                del self.fields[name]
        if "curator" in self.fields:
            self.fields["curator"] = UserChoice(
                label="Кого назначить куратором",
                queryset=User.objects.filter(memberships__school=order.school_id)
                .distinct()
                .order_by("last_name", "first_name"),
                initial=order.curator_id,
                help_text="Сотрудники, у которых есть учётная запись в этой школе.",
            )
        if "mentors" in self.fields and order.kind == OrderKind.TEACHER_MENTOR:
            self.fields["mentors"] = TeacherMentorChoice(
                label="Наставники из числа педагогов",
                queryset=teacher_mentor.candidates(programme),
                widget=forms.CheckboxSelectMultiple,
                help_text="Закрепить можно по действующему дополнительному соглашению к "
                "трудовому договору или если наставничество входит в должностные обязанности.",
            )
        elif "mentors" in self.fields:
            self.fields["mentors"] = MentorChoice(
                label="Наставники для реестра",
                queryset=registry_candidates(programme),
                widget=forms.CheckboxSelectMultiple,
                help_text="Включить в реестр можно после решения комиссии «рекомендовать».",
            )
        if "pairs" in self.fields:
            self.fields["pairs"] = PairChoice(
                label="Пары и группы",
                queryset=Pair.objects.filter(programme=programme, status=Pair.Status.DRAFT)
                .select_related("mentor__participant", "form")
                .prefetch_related("mentees__participant"),
                widget=forms.CheckboxSelectMultiple,
                help_text="Проекты пар, сформированные на этапе 5.",
            )
        if "awards" in self.fields:
            self.fields["awards"] = AwardChoice(
                label="Поощрения",
                queryset=Award.objects.filter(programme=programme).select_related(
                    "mentor__participant", "pair__mentor__participant"
                ),
                widget=forms.CheckboxSelectMultiple,
            )
        if "course" in self.fields:
            self.fields["course"].queryset = TrainingCourse.objects.filter(programme=programme)
            self.fields["course"].required = True
        points = settle_points(order, order.points, on) if on else order.points
        self.fields["points_text"].initial = "\n".join(points)
        self.fields["acquainted_text"].initial = "\n".join(order.acquainted)

    def clean_points_text(self):
        points = _lines(self.cleaned_data["points_text"])
        if not points:
            raise forms.ValidationError("В приказе должен быть хотя бы один пункт.")
        return points

    def save(self, commit=True):
        order = super().save(commit=False)
        order.points = self.cleaned_data["points_text"]
        order.acquainted = _lines(self.cleaned_data.get("acquainted_text", ""))
        if commit:
            order.save()
            self.save_m2m()
        return order


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Что исправить",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Напишите, что исправить: без комментария приказ не возвращается."
        },
    )


class NewOrderForm(forms.Form):
    kind = forms.ChoiceField(label="Вид приказа", choices=OrderKind.choices)
    reason = forms.CharField(label=REASON_LABEL, required=False, max_length=1000)

    def __init__(self, *args, approved: dict[str, Order], **kwargs):
        """``approved``: the approved order of each once-a-year kind (due.approved_once)."""
        super().__init__(*args, **kwargs)
        self.approved = approved

    def clean(self):
        cleaned = super().clean()
        earlier = self.approved.get(cleaned.get("kind"))
        cleaned["reason"] = " ".join(cleaned.get("reason", "").split())
        if earlier and not cleaned["reason"]:
            self.add_error(
                "reason",
                f"Приказ «{OrderKind(earlier.kind).label}» уже утверждён "
                f"(приказ от {earlier.order_date:%d.%m.%Y} № {earlier.number}). Такой приказ "
                "издаётся раз в год: чтобы подготовить второй, укажите причину повторного приказа.",
            )
        return cleaned
