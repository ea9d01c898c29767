"""The Положение о наставничестве of a school: the filled-in template, edited by section.

The staff read it; the curator, director and working group change it. Its PDF and DOCX are
downloads (reports/downloads/exports.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render

from mentoring import access

from ..downloads.exports import paper_programme
from .forms import RegulationForm
from .services import regulation_sections, reset_regulation, save_regulation, saved_regulation

EDIT_DENIED = "Изменять Положение о наставничестве могут куратор, директор и рабочая группа школы."


def _regulation_context(request, programme, **extra) -> dict:
    return {
        "programme": programme,
        "school": programme.school,
        "can_edit": access.can(request.user, "records.edit", programme.school_id),
        "saved": saved_regulation(programme),
        **extra,
    }


@login_required
def regulation(request, programme_id):
    programme = paper_programme(request, programme_id)
    can_edit = access.can(request.user, "records.edit", programme.school_id)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(EDIT_DENIED)
    sections = regulation_sections(programme)
    form = RegulationForm(request.POST or None, sections=sections) if can_edit else None
    if request.method == "POST" and form.is_valid():
        save_regulation(programme, form.sections(), by=request.user)
        messages.success(request, "Положение о наставничестве сохранено.")
        return redirect("reports:regulation", programme.pk)
    return render(
        request,
        "reports/regulation.html",
        _regulation_context(request, programme, form=form, sections=sections),
    )


@login_required
def regulation_reset(request, programme_id):
    programme = paper_programme(request, programme_id)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not access.can(request.user, "records.edit", programme.school_id):
        raise PermissionDenied(EDIT_DENIED)
    if request.method == "POST":
        reset_regulation(programme)
        messages.success(
            request, "Текст Положения восстановлен по шаблону и заполнен данными школы."
        )
        return redirect("reports:regulation", programme.pk)
    return render(request, "reports/regulation_reset.html", _regulation_context(request, programme))
