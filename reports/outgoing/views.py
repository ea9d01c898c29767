"""The register of outgoing documents (журнал исходящих) and the registration of a letter to a
partner organisation. The staff read the register; editors register letters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from mentoring import access
from mentoring.lookups import programme_for
from mentoring.pagination import paginate
from registry.models import Partner

from ..builders.letters import LETTER_SUBJECT, letter_addressee_text
from ..models import OutgoingDocument, decliner_for
from .services import register_partner_letter

REGISTER_DENIED = "Регистрировать письма могут куратор, директор и рабочая группа школы."


@login_required
def outgoing_list(request, programme_id):
    programme = programme_for(request, programme_id, permission="records.read")
    entries = (
        OutgoingDocument.objects.filter(school=programme.school_id)
        .select_related("partner", "created_by")
        .order_by("-year", "-number")
    )
    page, querystring = paginate(request, entries)
    return render(
        request,
        "reports/outgoing_list.html",
        {
            "programme": programme,
            "school": programme.school,
            "page": page,
            "querystring": querystring,
        },
    )


@login_required
def partner_letter_register(request, programme_id, partner_id):
    """Gives the letter to the partner its outgoing number and today's date (once)."""
    programme = programme_for(request, programme_id, permission="records.read")
    partner = get_object_or_404(
        Partner.objects.filter(school_id=programme.school_id), pk=partner_id
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not access.can(request.user, "records.edit", programme.school_id):
        raise PermissionDenied(REGISTER_DENIED)
    entry, created = register_partner_letter(
        partner,
        addressee=letter_addressee_text(partner, decliner_for(programme.school)),
        subject=LETTER_SUBJECT,
        by=request.user,
    )
    reference = f"исх. № {entry.number} от {entry.date:%d.%m.%Y}"
    if created:
        messages.success(request, f"Письмо в «{partner.name}» зарегистрировано: {reference}.")
    else:
        messages.info(request, f"Письмо в «{partner.name}» уже зарегистрировано: {reference}.")
    return redirect("registry:partner_list", programme.pk)
