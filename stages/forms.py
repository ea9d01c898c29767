from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from mentoring.models import User

from .models import MeetingProtocol, RoadmapItem, Stage

EVIDENCE_EXTENSIONS = {
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".odt",
    ".ods",
    ".jpg",
    ".jpeg",
    ".png",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RoadmapItemForm(forms.ModelForm):
    evidence_link = forms.URLField(
        label="Ссылка на подтверждение",
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text="Например, страница на сайте школы или документ в облаке",
    )

    class Meta:
        model = RoadmapItem
        fields = [
            "stage",
            "activity",
            "deadline",
            "period",
            "responsible",
            "responsible_user",
            "output_document",
            "status",
            "evidence_file",
            "evidence_link",
            "evidence_note",
        ]
        widgets = {
            "activity": forms.Textarea(attrs={"rows": 3}),
            "deadline": DateInput(),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.all()
        self.fields["responsible_user"].queryset = (
            User.objects.filter(memberships__school=school).distinct().order_by("last_name")
        )
        self.fields["responsible_user"].label_from_instance = lambda user: user.full_name
        if self.instance.pk:
            self.fields["stage"].disabled = True

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload and hasattr(upload, "content_type"):
            name = upload.name.lower()
            if not any(name.endswith(ext) for ext in EVIDENCE_EXTENSIONS):
                raise forms.ValidationError(
                    "Допустимые форматы файла: PDF, Word, Excel, OpenDocument, JPG, PNG."
                )
            if upload.size > settings.EVIDENCE_MAX_BYTES:
                raise forms.ValidationError(
                    "Файл слишком большой: допускается не более "
                    f"{filesizeformat(settings.EVIDENCE_MAX_BYTES)}."
                )
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("deadline") and not cleaned.get("period"):
            self.add_error("deadline", "Укажите срок или период выполнения.")
        return cleaned


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=RoadmapItem.Status.choices, label="Статус")


class MeetingProtocolForm(forms.ModelForm):
    class Meta:
        model = MeetingProtocol
        fields = [
            "kind",
            "number",
            "held_on",
            "chair",
            "secretary",
            "present_count",
            "agenda",
            "heard",
            "decided",
        ]
        widgets = {
            "held_on": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "heard": forms.Textarea(attrs={"rows": 4}),
            "decided": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, programme, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.today = today
        self.fields["present_count"].min_value = 1
        self.fields["present_count"].widget.attrs["min"] = 1

    def clean_number(self):
        number = " ".join(self.cleaned_data["number"].split()).removeprefix("№").strip()
        if not number:
            raise forms.ValidationError("Укажите номер протокола.")
        return number

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > self.today:
            raise forms.ValidationError(
                "Протокол составляется по итогам собрания: дата не может быть позже сегодняшней."
            )
        year = self.programme.year
        if not year.start_date <= held_on <= year.end_date:
            raise forms.ValidationError(
                f"Дата должна быть в пределах {year.name} учебного года "
                f"({year.start_date:%d.%m.%Y} – {year.end_date:%d.%m.%Y})."
            )
        return held_on

    def clean_present_count(self):
        count = self.cleaned_data["present_count"]
        if count < 1:
            raise forms.ValidationError("На собрании присутствовал хотя бы один человек.")
        return count

    def clean(self):
        cleaned = super().clean()
        kind, number = cleaned.get("kind"), cleaned.get("number")
        if kind and number:
            taken = MeetingProtocol.objects.filter(
                programme=self.programme, kind=kind, number=number
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                label = MeetingProtocol.Kind(kind).label.lower()
                self.add_error(
                    "number", f"Протокол № {number} ({label}) уже есть в этом учебном году."
                )
        return cleaned
