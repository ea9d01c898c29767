from django import forms

from mentoring.choice_fields import RowsChoiceField

from ..models import Competency, Mentee, Mentor, PortfolioFile, RequestCategory
from .people import clean_scan


class MentorForm(forms.ModelForm):
    competencies_text = forms.CharField(
        label="Компетенции и предметы",
        required=False,
        help_text="Через запятую: «математика, подготовка к олимпиадам, проектная работа»",
    )

    class Meta:
        model = Mentor
        fields = ["contour", "capacity", "offer", "portfolio", "former_mentee"]
        widgets = {
            "offer": forms.Textarea(attrs={"rows": 3}),
            "portfolio": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["competencies_text"].initial = ", ".join(
                c.name for c in self.instance.competencies.all()
            )

    def save_competencies(self, mentor: Mentor) -> None:
        mentor.competencies.set(Competency.from_text(self.cleaned_data["competencies_text"]))


class MenteeForm(forms.ModelForm):
    class Meta:
        model = Mentee
        fields = ["categories", "request_text", "priority", "source"]
        field_classes = {"categories": RowsChoiceField}
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "request_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, audience: str | None, sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        categories = RequestCategory.objects.all()
        if audience:
            categories = categories.filter(audience=audience)
        if not sensitive:
            categories = categories.filter(sensitive=False)
        self.fields["categories"].queryset = categories
        self.hidden_sensitive = []
        if self.instance.pk and not sensitive:
            self.hidden_sensitive = list(self.instance.categories.filter(sensitive=True))

    def save_categories(self, mentee: Mentee) -> None:
        """Keeps sensitive categories the editor cannot see."""
        mentee.categories.set([*self.cleaned_data["categories"], *self.hidden_sensitive])


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Статус", widget=forms.Select(attrs={"class": "form-select form-select-sm"})
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


class PortfolioFileForm(forms.ModelForm):
    class Meta:
        model = PortfolioFile
        fields = ["title", "file"]

    def clean_file(self):
        return clean_scan(self.cleaned_data.get("file"))
