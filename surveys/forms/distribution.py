from django import forms
from django.db.models import Q
from django.utils import timezone

from ..models import Phase, Questionnaire
from ..services.distribution import GROUPS


class DistributionForm(forms.Form):
    questionnaire = forms.ModelChoiceField(
        label="Анкета", queryset=Questionnaire.objects.none(), empty_label="— выберите анкету —"
    )
    title = forms.CharField(
        label="Название рассылки",
        max_length=255,
        help_text="Например: «Входное анкетирование наставляемых, сентябрь»",
    )
    phase = forms.ChoiceField(label="Этап мониторинга", choices=Phase.choices, required=False)
    deadline = forms.DateField(
        label="Ответить до", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    groups = forms.MultipleChoiceField(
        label="Кому",
        choices=GROUPS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Выберите, кому отправить анкету"},
    )

    def __init__(self, *args, user, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = (
            Questionnaire.objects.for_user(user)
            .filter(Q(school__isnull=True) | Q(school=programme.school_id))
            .order_by("school", "title")
        )
        for name in ("questionnaire", "phase"):
            self.fields[name].widget.attrs["class"] = "form-select"
        for name in ("title", "deadline"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["groups"].widget.attrs["class"] = "form-check-input"

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError("Срок не может быть в прошлом")
        return deadline
