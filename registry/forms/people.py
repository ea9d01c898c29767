from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from stages.forms import DateInput

from ..models import Certificate, Consent, Participant
from ..services.privacy import CONFIRMATION_WORD

SCAN_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")


def clean_scan(upload):
    if upload and hasattr(upload, "content_type"):
        if not upload.name.lower().endswith(SCAN_EXTENSIONS):
            raise forms.ValidationError("Скан принимается в формате PDF, JPG или PNG.")
        if upload.size > settings.EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(
                f"Файл слишком большой: не более {filesizeformat(settings.EVIDENCE_MAX_BYTES)}."
            )
    return upload


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "last_name",
            "first_name",
            "middle_name",
            "birth_date",
            "kind",
            "class_name",
            "position",
            "subject",
            "experience_years",
            "organisation",
            "phone",
            "email",
            "notes",
        ]
        widgets = {"birth_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}

    def clean_birth_date(self):
        birth_date = self.cleaned_data.get("birth_date")
        if birth_date and birth_date >= timezone.localdate():
            raise forms.ValidationError("Дата рождения должна быть в прошлом.")
        if birth_date and birth_date.year < 1900:
            raise forms.ValidationError("Проверьте год рождения.")
        return birth_date

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Participant.Kind.STUDENT:
            if not cleaned.get("class_name"):
                self.add_error("class_name", "Для обучающегося укажите класс, например «7Б».")
            if not cleaned.get("birth_date"):
                self.add_error("birth_date", "Для обучающегося укажите дату рождения.")
        for field in ("last_name", "first_name", "middle_name"):
            if cleaned.get(field):
                cleaned[field] = " ".join(cleaned[field].split())
        return cleaned


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["kind", "given_by", "representative_name", "signed_on", "scan", "notes"]
        widgets = {"signed_on": DateInput()}

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.participant = participant
        if participant.is_minor():
            self.fields["given_by"].initial = Consent.GivenBy.REPRESENTATIVE
        if participant.kind != Participant.Kind.TEACHER:
            self.fields["kind"].choices = [
                c for c in self.fields["kind"].choices if c[0] != Consent.Kind.TEACHER_MENTORING
            ]
        self.fields["signed_on"].initial = timezone.localdate()

    def clean_scan(self):
        return clean_scan(self.cleaned_data.get("scan"))


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["kind", "number", "issued_on", "valid_until", "scan"]
        widgets = {"issued_on": DateInput(), "valid_until": DateInput()}

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.participant = participant
        self.fields["valid_until"].required = False

    def clean_scan(self):
        return clean_scan(self.cleaned_data.get("scan"))


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label="Дата отзыва", widget=DateInput())

    def clean_withdrawn_on(self):
        day = self.cleaned_data["withdrawn_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Дата отзыва не может быть в будущем.")
        return day


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label="Основание",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: заявление законного представителя от 12.05.2027 № 34",
    )
    confirmation = forms.CharField(
        label="Для подтверждения введите слово ОБЕЗЛИЧИТЬ",
        max_length=20,
    )

    def clean_confirmation(self):
        word = self.cleaned_data["confirmation"].strip()
        if word.upper() != CONFIRMATION_WORD:
            raise forms.ValidationError(
                "Введите слово ОБЕЗЛИЧИТЬ: обезличивание необратимо, его нельзя отменить."
            )
        return word
