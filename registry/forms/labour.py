from django import forms

from mentoring.choice_fields import RowsChoiceField
from stages.forms import DateInput

from ..models import MentoringAgreement, MentoringDuty, Participant
from ..services.labour import consent_refusal

ENDING_FIELDS = ("ended_by", "notice_on", "ended_on", "end_reason")


class MenteeChoice(RowsChoiceField):
    def label_from_instance(self, participant):
        return f"{participant.full_name} ({participant.description})"


class AgreementForm(forms.ModelForm):
    class Meta:
        model = MentoringAgreement
        fields = [
            "number",
            "signed_on",
            "contract_number",
            "contract_date",
            "starts_on",
            "ends_on",
            "mentees",
            "form",
            "content",
            "payment",
            "amount",
            "percent",
            "local_act",
        ]
        widgets = {
            "signed_on": DateInput(),
            "contract_date": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 4}),
            "payment": forms.RadioSelect,
        }

    def __init__(self, *args, mentor, **kwargs):
        super().__init__(*args, **kwargs)
        self.mentor = mentor
        self.instance.mentor = mentor
        self.fields["mentees"] = MenteeChoice(
            label="Наставляемые (молодые специалисты)",
            queryset=Participant.objects.filter(
                school_id=mentor.school_id, kind=Participant.Kind.TEACHER
            ).exclude(pk=mentor.participant_id),
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Выберите хотя бы одного наставляемого."},
            help_text="Педагоги школы; наставник сам себе наставляемым быть не может.",
        )
        self.fields["number"].error_messages["required"] = "Укажите номер соглашения."
        self.fields["content"].error_messages["required"] = (
            "Опишите содержание наставничества: без него соглашение не отвечает ст. 351.8 ТК РФ."
        )
        self.fields["local_act"].error_messages["required"] = (
            "Укажите локальный нормативный акт школы, которым установлен размер доплаты."
        )

    def clean(self):
        cleaned = super().clean()
        signed_on = cleaned.get("signed_on")
        if signed_on:
            refusal = consent_refusal(self.mentor, signed_on)
            if refusal:
                self.add_error(None, refusal)
        if self.instance.ended_on and cleaned.get("starts_on") and cleaned.get("ends_on"):
            probe = _with(self.instance, cleaned)
            for message in probe.ending_errors().values():
                self.add_error(None, f"Досрочное прекращение: {message}")
        payment = cleaned.get("payment")
        if payment == MentoringAgreement.Payment.AMOUNT:
            cleaned["percent"] = None
        elif payment == MentoringAgreement.Payment.PERCENT:
            cleaned["amount"] = None
        return cleaned


def _with(agreement: MentoringAgreement, cleaned: dict) -> MentoringAgreement:
    """A copy of the agreement with the form's values, to check them together."""
    probe = MentoringAgreement(
        **{
            f.attname: getattr(agreement, f.attname)
            for f in MentoringAgreement._meta.concrete_fields
        }
    )
    for name, value in cleaned.items():
        if name != "mentees":
            setattr(probe, name, value)
    return probe


class EndingForm(forms.ModelForm):
    """The early ending of an agreement, on written notice of either side."""

    class Meta:
        model = MentoringAgreement
        fields = list(ENDING_FIELDS)
        widgets = {"notice_on": DateInput(), "ended_on": DateInput()}
        labels = {"ended_by": "Кто прекращает наставничество"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("ended_by", "notice_on", "ended_on"):
            self.fields[name].required = True
        self.fields["ended_by"].error_messages["required"] = (
            "Укажите, кто прекращает наставничество: работник или работодатель."
        )
        self.fields["notice_on"].error_messages["required"] = (
            "Укажите дату письменного уведомления."
        )
        self.fields["ended_on"].error_messages["required"] = (
            "Укажите дату прекращения наставничества."
        )

    def clean(self):
        cleaned = super().clean()
        for name, message in _with(self.instance, cleaned).ending_errors().items():
            if name not in self.errors:
                self.add_error(name if name in self.fields else None, message)
        return cleaned


class DutyForm(forms.ModelForm):
    class Meta:
        model = MentoringDuty
        fields = ["basis", "document", "since"]
        widgets = {"since": DateInput(), "basis": forms.RadioSelect}
        help_texts = {
            "basis": "Наставничество входит в трудовую функцию: согласие и дополнительное "
            "соглашение по ст. 351.8 ТК РФ не нужны."
        }
