from django import forms

from ..models import Question, Questionnaire, Section

CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "purpose", "audience", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label="Варианты ответа",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Каждый вариант с новой строки; только для вопросов с выбором",
    )

    class Meta:
        model = Question
        fields = ["section", "text", "kind", "required", "measure", "higher_is_better"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = questionnaire.sections.all()
        self.fields["section"].required = False
        if self.instance.pk:
            self.fields["options_text"].initial = "\n".join(self.instance.options)

    def clean(self):
        cleaned = super().clean()
        options = []
        for line in cleaned.get("options_text", "").splitlines():
            option = " ".join(line.split())
            if option and option not in options:
                options.append(option[:255])
        if cleaned.get("kind") in CHOICE_KINDS:
            if len(options) < 2:
                self.add_error(
                    "options_text", "Для вопроса с выбором нужно не меньше двух вариантов."
                )
        elif options:
            self.add_error(
                "options_text", "Варианты ответа задаются только для вопросов с выбором."
            )
        cleaned["options"] = options
        return cleaned

    def save(self, commit=True):
        self.instance.options = self.cleaned_data["options"]
        return super().save(commit)
