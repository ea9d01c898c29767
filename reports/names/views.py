"""The school's corrections to automatic declension of names (used in orders and letters)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from mentoring import access
from mentoring.lookups import school_for

from ..declension import CASES, Decliner
from ..models import NameOverride
from .forms import NameOverrideForm

EDIT_DENIED = "Исправлять склонение могут куратор и директор школы."


def _override(request, override_id) -> NameOverride:
    return get_object_or_404(
        NameOverride.objects.for_user(request.user, "records.read").select_related("school"),
        pk=override_id,
    )


def _require_edit(request, school_id) -> None:
    if not access.can(request.user, "names.correct", school_id):
        raise PermissionDenied(EDIT_DENIED)


def _suggested(name: str) -> dict:
    """The automatic forms, as a starting point for the correction."""
    automatic = Decliner()
    return {case: automatic.full(name, case) for case in CASES}


@login_required
def name_overrides(request, school_id):
    school = school_for(request, school_id, "records.read")
    can_edit = access.can(request.user, "names.correct", school.pk)
    form = None
    if can_edit:
        name = " ".join(request.GET.get("name", "").split())[:255]
        initial = {"nominative": name, **_suggested(name)} if name else {}
        form = NameOverrideForm(request.POST or None, school=school, initial=initial)
        if request.method == "POST" and form.is_valid():
            override = form.save(commit=False)
            override.school = school
            override.save()
            messages.success(request, f"Склонение «{override.nominative}» сохранено.")
            next_url = request.POST.get("next", "")
            if url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return redirect(next_url)
            return redirect("reports:name_overrides", school.pk)
    elif request.method == "POST":
        raise PermissionDenied(EDIT_DENIED)
    return render(
        request,
        "reports/names/list.html",
        {
            "school": school,
            "overrides": school.name_overrides.all(),
            "form": form,
            "can_edit": can_edit,
            "next": request.GET.get("next", ""),
        },
    )


@login_required
def name_override_edit(request, override_id):
    override = _override(request, override_id)
    _require_edit(request, override.school_id)
    form = NameOverrideForm(request.POST or None, instance=override, school=override.school)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Склонение «{override.nominative}» изменено.")
        return redirect("reports:name_overrides", override.school_id)
    return render(
        request,
        "reports/names/form.html",
        {"form": form, "override": override, "school": override.school},
    )


@login_required
def name_override_delete(request, override_id):
    override = _override(request, override_id)
    _require_edit(request, override.school_id)
    if request.method != "POST":
        return redirect("reports:name_override_edit", override.pk)
    override.delete()
    messages.success(request, f"Исправление для «{override.nominative}» удалено.")
    return redirect("reports:name_overrides", override.school_id)
