import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from . import document_checks
from .models import Competency, Mentee, Mentor, Participant, RequestCategory

DOCUMENT_CHOICES = [("missing", "Не хватает документов"), ("complete", "Документы в порядке")]
MENTEE_DOCUMENT_CHOICES = [
    *DOCUMENT_CHOICES,
    ("no_parental", "Нет согласия родителя"),
]
GRADE_CHOICES = [(grade, f"{grade} класс") for grade in range(1, 12)]
SEARCH = "q"


def _search(queryset, prefix: str, value: str):
    # SQLite folds case for ASCII only, so Cyrillic words are also tried in the cases names
    # are written in («орлов» finds «Орлова»).
    for word in value.split()[:5]:
        condition = Q()
        for variant in {word, word.lower(), word.capitalize(), word.upper()}:
            for field in ("last_name", "first_name", "middle_name"):
                condition |= Q(**{f"{prefix}{field}__contains": variant})
        queryset = queryset.filter(condition)
    return queryset


def _documents(queryset, role: str, prefix: str, value: str):
    today = timezone.localdate()
    if value == "missing":
        return queryset.filter(document_checks.missing_documents_q(role, today, prefix))
    if value == "complete":
        return queryset.exclude(document_checks.missing_documents_q(role, today, prefix))
    if value == "no_parental":
        return queryset.filter(document_checks.without_parental_consent_q(today, prefix))
    return queryset


class ListFilter(django_filters.FilterSet):
    """A list's filter: every choice starts at «Все» (an empty choice, so nothing is narrowed
    until the user asks), and the filter can say what it narrows the list to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = settings.FILTERS_EMPTY_CHOICE_LABEL
        for field in self.form.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = everything
            elif isinstance(field, forms.ChoiceField) and field.choices[0][0] != "":
                field.choices = [("", everything), *field.choices]

    def applied(self) -> list[str]:
        """What is filtered, in words: «параллель: 5 класс», «поиск «Иван»»."""
        if not self.is_bound or not self.form.is_valid():
            return []
        parts = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            if name == SEARCH:
                parts.append(f"поиск «{value}»")
                continue
            shown = value
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                shown = {str(key): label for key, label in field.choices}.get(str(value), value)
            label = str(field.label)
            parts.append(f"{label[:1].lower()}{label[1:]}: {shown}")
        return parts

    @cached_property
    def total(self) -> int:
        return self.queryset.count()


class MentorFilter(ListFilter):
    q = django_filters.CharFilter(label="Поиск по ФИО", method="filter_q")
    status = django_filters.ChoiceFilter(label="Статус", choices=Mentor.Status.choices)
    contour = django_filters.ChoiceFilter(label="Контур", choices=Mentor.Contour.choices)
    kind = django_filters.ChoiceFilter(
        label="Категория", field_name="participant__kind", choices=Participant.Kind.choices
    )
    competency = django_filters.ModelChoiceFilter(
        label="Компетенция",
        field_name="competencies",
        queryset=Competency.objects.all(),
        empty_label="Все",
    )
    documents = django_filters.ChoiceFilter(
        label="Документы", choices=DOCUMENT_CHOICES, method="filter_documents"
    )

    class Meta:
        model = Mentor
        fields = []

    def filter_q(self, queryset, name, value):
        return _search(queryset, "participant__", value)

    def filter_documents(self, queryset, name, value):
        return _documents(queryset, document_checks.MENTOR, "participant__", value)


class MenteeFilter(ListFilter):
    q = django_filters.CharFilter(label="Поиск по ФИО", method="filter_q")
    status = django_filters.ChoiceFilter(label="Статус", choices=Mentee.Status.choices)
    category = django_filters.ModelChoiceFilter(
        label="Категория запроса",
        field_name="categories",
        queryset=RequestCategory.objects.none(),
        to_field_name="code",
        empty_label="Все",
    )
    kind = django_filters.ChoiceFilter(
        label="Кто", field_name="participant__kind", choices=Participant.Kind.choices
    )
    grade = django_filters.ChoiceFilter(
        label="Параллель", field_name="participant__grade", choices=GRADE_CHOICES
    )
    priority = django_filters.ChoiceFilter(label="Приоритет", choices=Mentee.Priority.choices)
    documents = django_filters.ChoiceFilter(
        label="Документы", choices=MENTEE_DOCUMENT_CHOICES, method="filter_documents"
    )

    class Meta:
        model = Mentee
        fields = []

    def __init__(self, *args, sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        categories = RequestCategory.objects.all()
        if not sensitive:
            categories = categories.filter(sensitive=False)
        self.filters["category"].queryset = categories

    def filter_q(self, queryset, name, value):
        return _search(queryset, "participant__", value)

    def filter_documents(self, queryset, name, value):
        return _documents(queryset, document_checks.MENTEE, "participant__", value)


class ParticipantFilter(ListFilter):
    q = django_filters.CharFilter(label="Поиск по ФИО", method="filter_q")
    kind = django_filters.ChoiceFilter(label="Категория", choices=Participant.Kind.choices)
    class_name = django_filters.CharFilter(
        label="Класс", lookup_expr="iexact", widget=forms.TextInput(attrs={"placeholder": "7Б"})
    )
    documents = django_filters.ChoiceFilter(
        label="Согласия",
        choices=MENTEE_DOCUMENT_CHOICES,
        method="filter_documents",
    )

    class Meta:
        model = Participant
        fields = []

    def filter_q(self, queryset, name, value):
        return _search(queryset, "", value)

    def filter_documents(self, queryset, name, value):
        return _documents(queryset, document_checks.MENTEE, "", value)
