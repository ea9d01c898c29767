"""Support contacts of a pair: the curator's check-ins, read and written by the school staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone

from mentoring import access

from ..forms.pairs import SupportContactForm
from ..models import Pair
from ..services.support import record_contact
from .common import require_edit, section_context


def _staff_pair(request, pair_id) -> Pair:
    """The pair for its school's staff; its own mentor gets 404 (the notes are the staff's)."""
    pair = get_object_or_404(
        Pair.objects.for_user(request.user).select_related(
            "programme__school", "programme__year", "mentor__participant", "form"
        ),
        pk=pair_id,
    )
    if not access.can(request.user, "records.read", pair.programme.school_id):
        raise Http404("Нет такой пары.")
    return pair


@login_required
def support_contacts(request, pair_id):
    pair = _staff_pair(request, pair_id)
    mentees = list(pair.mentees.select_related("participant"))
    form = None
    context = section_context(request, pair.programme, pair.programme.school, "pairs")
    if context["can_edit"]:
        initial = {"contacted_on": timezone.localdate()}
        form = SupportContactForm(request.POST or None, pair=pair, mentees=mentees, initial=initial)
    if request.method == "POST":
        require_edit(request, pair.programme.school_id)
        if form is not None and form.is_valid():
            contact = record_contact(pair, form.save(commit=False), by=request.user)
            messages.success(
                request,
                f"Контакт {contact.contacted_on:%d.%m.%Y} записан: "
                f"{contact.get_person_display().lower()}.",
            )
            return redirect("registry:support_contacts", pair.pk)
    contacts = pair.support_contacts.select_related("mentee__participant", "recorded_by")
    return render(
        request,
        "registry/support/contacts.html",
        {**context, "pair": pair, "mentees": mentees, "contacts": contacts, "form": form},
    )


urlpatterns = [
    path("pairs/<int:pair_id>/contacts/", support_contacts, name="support_contacts"),
]
