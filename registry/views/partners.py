"""Partner organisations of the school (employers, colleges) and where each one stands:
letter not sent → letter sent → agreement signed. The staff read, editors write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone

from ..forms.partners import PartnerForm
from ..models import Partner
from .common import require_edit, section_context, staff_programme

STAGE_TONES = {
    "Соглашение подписано": "success",
    "Письмо отправлено": "info",
    "Письмо не отправлено": "secondary",
}


def _partner(programme, partner_id) -> Partner:
    return get_object_or_404(Partner.objects.filter(school_id=programme.school_id), pk=partner_id)


def _context(request, programme, **extra) -> dict:
    return {**section_context(request, programme, programme.school, "partners"), **extra}


@login_required
def partner_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    partners = list(Partner.objects.filter(school_id=programme.school_id))
    for partner in partners:
        partner.stage_tone = STAGE_TONES.get(partner.stage, "secondary")
    return render(
        request,
        "registry/partners/partner_list.html",
        _context(request, programme, partners=partners),
    )


def _partner_form(request, programme, partner=None):
    require_edit(request, programme.school_id)
    form = PartnerForm(request.POST or None, instance=partner, school=programme.school)
    if request.method == "POST" and form.is_valid():
        partner = form.save(commit=False)
        partner.school = programme.school
        partner.save()
        messages.success(request, f"Организация-партнёр «{partner.name}» сохранена.")
        return redirect("registry:partner_list", programme.pk)
    return render(
        request,
        "registry/partners/partner_form.html",
        _context(request, programme, form=form, partner=partner),
    )


@login_required
def partner_create(request, programme_id):
    return _partner_form(request, staff_programme(request, programme_id))


@login_required
def partner_edit(request, programme_id, partner_id):
    programme = staff_programme(request, programme_id)
    return _partner_form(request, programme, _partner(programme, partner_id))


@login_required
def partner_delete(request, programme_id, partner_id):
    programme = staff_programme(request, programme_id)
    partner = _partner(programme, partner_id)
    require_edit(request, programme.school_id)
    if request.method == "POST":
        partner.delete()
        messages.success(request, f"Организация «{partner.name}» удалена из списка партнёров.")
        return redirect("registry:partner_list", programme.pk)
    return render(
        request,
        "registry/partners/partner_delete.html",
        _context(request, programme, partner=partner),
    )


@login_required
def partner_letter_sent(request, programme_id, partner_id):
    """Marks the letter to the employer as sent today (if it was not marked before)."""
    programme = staff_programme(request, programme_id)
    partner = _partner(programme, partner_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require_edit(request, programme.school_id)
    if not partner.letter_sent_on:
        partner.letter_sent_on = timezone.localdate()
        partner.save(update_fields=["letter_sent_on"])
        sent_on = f"{partner.letter_sent_on:%d.%m.%Y}"
        messages.success(request, f"Письмо в «{partner.name}» отмечено как отправленное {sent_on}.")
    return redirect("registry:partner_list", programme.pk)


urlpatterns = [
    path("programmes/<int:programme_id>/partners/", partner_list, name="partner_list"),
    path("programmes/<int:programme_id>/partners/new/", partner_create, name="partner_create"),
    path(
        "programmes/<int:programme_id>/partners/<int:partner_id>/edit/",
        partner_edit,
        name="partner_edit",
    ),
    path(
        "programmes/<int:programme_id>/partners/<int:partner_id>/delete/",
        partner_delete,
        name="partner_delete",
    ),
    path(
        "programmes/<int:programme_id>/partners/<int:partner_id>/letter-sent/",
        partner_letter_sent,
        name="partner_letter_sent",
    ),
]
