"""The «Положение о наставничестве» as one textarea per section (headings stay as shipped)."""

from django import forms

from .services import Sections


class RegulationForm(forms.Form):
    def __init__(self, *args, sections: Sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.headings = [section["heading"] for section in sections]
        for index, section in enumerate(sections):
            self.fields[f"section_{index}"] = forms.CharField(
                label=section["heading"],
                initial=section["text"],
                widget=forms.Textarea(attrs={"rows": 12}),
                strip=True,
                error_messages={"required": "Раздел не может быть пустым."},
                help_text="Абзацы разделяйте пустой строкой." if index == 0 else "",
            )

    def sections(self) -> Sections:
        return [
            {"heading": heading, "text": self.cleaned_data[f"section_{index}"]}
            for index, heading in enumerate(self.headings)
        ]
