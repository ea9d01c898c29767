"""A questionnaire's questions as a Django form: one field per question, sections as fieldsets."""

from django import forms

from ..models import Question

REQUIRED = "Ответьте на этот вопрос"
SCALE_ERROR = "Выберите значение от 1 до {top}"
YES_NO_ERROR = "Выберите «Да» или «Нет»"
SINGLE_ERROR = "Выберите один вариант из списка"
MULTIPLE_ERROR = "Выберите варианты из списка"

YES_NO_CHOICES = [("1", "Да"), ("0", "Нет")]


class SingleRadio(forms.RadioSelect):
    """Two values for a one-answer question reach the field as a list, which is not a choice."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            values = data.getlist(name)
            if len(values) > 1:
                return values
        return super().value_from_datadict(data, files, name)


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def _choices(question: Question) -> list[tuple[str, str]]:
    return [(str(option), str(option)) for option in question.options]


def question_field(question: Question) -> forms.Field:
    common = {
        "label": question.text,
        "required": question.required,
        "error_messages": {"required": REQUIRED},
    }
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        field = forms.ChoiceField(choices=_choices(question), widget=SingleRadio, **common)
        field.error_messages["invalid_choice"] = SINGLE_ERROR
    elif kind == Question.Kind.MULTIPLE:
        field = forms.MultipleChoiceField(
            choices=_choices(question), widget=forms.CheckboxSelectMultiple, **common
        )
        field.error_messages["invalid_choice"] = MULTIPLE_ERROR
    elif question.is_scale:
        values = question.scale_values
        field = forms.TypedChoiceField(
            choices=[(str(value), str(value)) for value in values],
            coerce=int,
            empty_value=None,
            widget=SingleRadio,
            **common,
        )
        field.error_messages["invalid_choice"] = SCALE_ERROR.format(top=values[-1])
        field.scale_top = values[-1]
    elif kind == Question.Kind.YES_NO:
        field = forms.TypedChoiceField(
            choices=YES_NO_CHOICES, coerce=int, empty_value=None, widget=SingleRadio, **common
        )
        field.error_messages["invalid_choice"] = YES_NO_ERROR
    else:
        field = forms.CharField(
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            **common,
        )
    if question.is_scale:
        field.widget.attrs["class"] = "btn-check"
    elif kind != Question.Kind.TEXT:
        field.widget.attrs["class"] = "form-check-input"
    field.kind = "scale" if question.is_scale else kind
    return field


class AnswerForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[field_name(question)] = question_field(question)

    def fieldsets(self) -> list[dict]:
        """[{"title": section title or "", "fields": [bound fields]}] in the questions' order."""
        groups: list[dict] = []
        for question in self.questions:
            title = question.section.title if question.section_id else ""
            if not groups or groups[-1]["section_id"] != question.section_id:
                groups.append({"section_id": question.section_id, "title": title, "fields": []})
            groups[-1]["fields"].append(self[field_name(question)])
        return groups

    def missing(self) -> list:
        """Bound fields with errors, for the summary at the top of the page."""
        return [self[name] for name in self.errors if name in self.fields]

    def answers(self) -> list[tuple[Question, object]]:
        return [
            (question, self.cleaned_data.get(field_name(question))) for question in self.questions
        ]
