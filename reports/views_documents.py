"""Registries, letters and papers of a school: реестр наставников, список пар и групп, письмо
работодателю, протокол встречи, грамота, Положение о наставничестве.

Everything here is for the school's staff (curator, director, working group); a protocol is
also open to the pair's own mentor. Anything outside the user's scope answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from mentoring import access
from mentoring.models import Programme
from registry.models import Award, Meeting, Pair, Partner

from .builders.certificate import certificate_for, render_certificate_pdf
from .builders.letters import partner_letter_document
from .builders.protocol import meeting_protocol_document
from .builders.registries import mentor_registry_document, pairs_list_document
from .documents import document_response, file_response, official_response
from .forms_regulation import RegulationForm
from .models import decliner_for
from .regulation import (
    regulation_document,
    regulation_sections,
    reset_regulation,
    save_regulation,
    saved_regulation,
)

TABLE_FORMATS = {"pdf", "xlsx"}
PAPER_FORMATS = {"pdf", "docx"}
EDIT_DENIED = "Изменять Положение о наставничестве могут куратор, директор и рабочая группа школы."


def _staff_programme(request, programme_id) -> Programme:
    return get_object_or_404(
        Programme.objects.for_user(request.user, access.SCHOOL_STAFF).select_related(
            "school__municipality", "year", "curator"
        ),
        pk=programme_id,
    )


def _check_format(fmt: str, allowed: set[str]) -> None:
    if fmt not in allowed:
        raise Http404("Неизвестный формат документа")


@login_required
def mentor_registry_export(request, programme_id, fmt):
    programme = _staff_programme(request, programme_id)
    _check_format(fmt, TABLE_FORMATS)
    return document_response(mentor_registry_document(programme), fmt)


@login_required
def pairs_list_export(request, programme_id, fmt):
    programme = _staff_programme(request, programme_id)
    _check_format(fmt, TABLE_FORMATS)
    return document_response(pairs_list_document(programme), fmt)


@login_required
def partner_letter(request, programme_id, partner_id, fmt):
    programme = _staff_programme(request, programme_id)
    partner = get_object_or_404(
        Partner.objects.filter(school_id=programme.school_id), pk=partner_id
    )
    _check_format(fmt, PAPER_FORMATS)
    document = partner_letter_document(programme, partner, decliner_for(programme.school))
    return official_response(document, fmt)


@login_required
def meeting_protocol(request, meeting_id, fmt):
    """School staff, and the mentor of the pair (``Pair.objects.for_user`` adds own pairs)."""
    meeting = get_object_or_404(
        Meeting.objects.filter(
            pair__in=Pair.objects.for_user(request.user, access.SCHOOL_STAFF).values("pk")
        )
        .select_related(
            "pair__programme__school",
            "pair__programme__year",
            "pair__programme__curator",
            "pair__mentor__participant",
            "pair__form",
            "pair__role_model",
        )
        .prefetch_related("pair__mentees__participant"),
        pk=meeting_id,
    )
    _check_format(fmt, PAPER_FORMATS)
    return official_response(meeting_protocol_document(meeting), fmt)


@login_required
def award_certificate(request, award_id):
    award = get_object_or_404(
        Award.objects.for_user(request.user, access.SCHOOL_STAFF)
        .select_related("programme__school", "mentor__participant", "pair__mentor__participant")
        .prefetch_related("pair__mentees__participant"),
        pk=award_id,
    )
    certificate = certificate_for(award)
    return file_response(render_certificate_pdf(certificate), "pdf", certificate.filename)


def _regulation_context(request, programme, **extra) -> dict:
    return {
        "programme": programme,
        "school": programme.school,
        "can_edit": access.can_edit_school(request.user, programme.school_id),
        "saved": saved_regulation(programme),
        **extra,
    }


@login_required
def regulation(request, programme_id):
    programme = _staff_programme(request, programme_id)
    can_edit = access.can_edit_school(request.user, programme.school_id)
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
    programme = _staff_programme(request, programme_id)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not access.can_edit_school(request.user, programme.school_id):
        raise PermissionDenied(EDIT_DENIED)
    if request.method == "POST":
        reset_regulation(programme)
        messages.success(
            request, "Текст Положения восстановлен по шаблону и заполнен данными школы."
        )
        return redirect("reports:regulation", programme.pk)
    return render(request, "reports/regulation_reset.html", _regulation_context(request, programme))


@login_required
def regulation_export(request, programme_id, fmt):
    programme = _staff_programme(request, programme_id)
    _check_format(fmt, PAPER_FORMATS)
    return official_response(regulation_document(programme), fmt)
