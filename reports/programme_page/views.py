"""The programme's settings (totals for coverage, the public page) and its public page."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from mentoring import access
from mentoring.lookups import programme_for
from mentoring.models import Programme
from mentoring.scoping import row_scope
from registry.models import Award, Pair, Participant

from ..indicators import COUNTED_PAIRS
from .forms import ProgrammeSettingsForm

SETTINGS_DENIED = "Настройки программы изменяют куратор и директор школы."


@login_required
def programme_settings(request, programme_id):
    """Totals for coverage and the public page: curator and director change, staff read."""
    programme = programme_for(request, programme_id, "records.read")
    can_change = access.can(request.user, "programme.settings", programme.school_id)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied(SETTINGS_DENIED)
        form = ProgrammeSettingsForm(request.POST, instance=programme)
        if form.is_valid():
            form.save()
            messages.success(request, "Настройки программы сохранены.")
            return redirect("reports:programme_settings", programme_id=programme.pk)
    else:
        form = ProgrammeSettingsForm(instance=programme)
    if not can_change:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "reports/programme_settings.html",
        {
            "form": form,
            "programme": programme,
            "school": programme.school,
            "can_change": can_change,
        },
    )


def _awarded_teachers(programme: Programme, today) -> dict[str, list[str]]:
    """Names of awarded mentors who are adult teachers, by award kind; nobody else is named."""
    names: dict[str, list[str]] = defaultdict(list)
    awards = (
        programme.awards.filter(mentor__participant__kind=Participant.Kind.TEACHER)
        .select_related("mentor__participant")
        .order_by("kind", "mentor__participant__last_name")
    )
    for award in awards:
        person = award.mentor.participant
        if person.is_minor(today):
            continue
        if person.full_name not in names[award.kind]:
            names[award.kind].append(person.full_name)
    return names


def public_programme(request, programme_id):
    """The programme's public page: off unless the school switched it on; no personal data."""
    # Whoever asks, anonymous or of another school, reads this one school's published data.
    with row_scope(Programme, pk=programme_id, is_public=True):
        return _public_page(request, programme_id)


def _public_page(request, programme_id):
    programme = get_object_or_404(
        Programme.objects.select_related("school", "year"), pk=programme_id, is_public=True
    )
    forms_in_use: dict[str, list[str]] = {}
    for form_name, role_model in (
        Pair.objects.filter(programme=programme, status__in=COUNTED_PAIRS)
        .values_list("form__name", "role_model__name")
        .order_by("form__position", "role_model__position")
        .distinct()
    ):
        models_of_form = forms_in_use.setdefault(form_name, [])
        if role_model and role_model not in models_of_form:
            models_of_form.append(role_model)
    names = _awarded_teachers(programme, timezone.localdate())
    awards = [
        {"label": Award.Kind(row["kind"]).label, "count": row["n"], "names": names[row["kind"]]}
        for row in programme.awards.values("kind").annotate(n=Count("pk")).order_by("kind")
    ]
    cases = programme.cases.filter(publishable=True).only("title", "what_was_done", "results")
    return render(
        request,
        "reports/public_programme.html",
        {
            "public": programme,
            "public_school": programme.school,
            "forms_in_use": list(forms_in_use.items()),
            "cases": cases,
            "awards": awards,
        },
    )
