"""Protocols of the pedagogical council and the parents' meetings (roadmap 1.3): the school's
staff read them; the curator, director and working group write them. The paper itself is a
download (reports/downloads/exports.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from mentoring import access
from mentoring.lookups import programme_for

from .forms import MeetingProtocolForm
from .models import MEETING_PROTOCOLS_ITEM, MeetingProtocol

EDIT_DENIED = "Протоколы собраний ведут куратор, директор и рабочая группа школы."


def _require_edit(request, programme) -> None:
    if not access.can(request.user, "roadmap.edit", programme.school_id):
        raise PermissionDenied(EDIT_DENIED)


def _protocol(request, protocol_id) -> MeetingProtocol:
    protocol = get_object_or_404(
        MeetingProtocol.objects.for_user(request.user, "records.read").select_related(
            "programme__school", "programme__year"
        ),
        pk=protocol_id,
    )
    _require_edit(request, protocol.programme)
    return protocol


def _context(programme, **extra) -> dict:
    return {"programme": programme, "school": programme.school, **extra}


@login_required
def protocol_list(request, programme_id):
    programme = programme_for(request, programme_id, "records.read", related=("school", "year"))
    protocols = programme.meeting_protocols.all()
    return render(
        request,
        "stages/protocol_list.html",
        _context(
            programme,
            protocols=protocols,
            item=programme.roadmap_items.filter(number=MEETING_PROTOCOLS_ITEM).first(),
            can_edit=access.can(request.user, "roadmap.edit", programme.school_id)
            and not programme.is_archived,
        ),
    )


def _protocol_form(request, programme, protocol=None):
    form = MeetingProtocolForm(
        request.POST or None, instance=protocol, programme=programme, today=timezone.localdate()
    )
    if request.method == "POST" and form.is_valid():
        protocol = form.save(commit=False)
        protocol.programme = programme
        if protocol.roadmap_item_id is None:
            protocol.roadmap_item = programme.roadmap_items.filter(
                number=MEETING_PROTOCOLS_ITEM
            ).first()
        protocol.updated_by = request.user
        protocol.save()
        messages.success(request, f"{protocol} сохранён.")
        return redirect("stages:protocol_list", programme.pk)
    return render(
        request, "stages/protocol_form.html", _context(programme, form=form, protocol=protocol)
    )


@login_required
def protocol_create(request, programme_id):
    programme = programme_for(request, programme_id, "records.read", related=("school", "year"))
    _require_edit(request, programme)
    return _protocol_form(request, programme)


@login_required
def protocol_edit(request, protocol_id):
    protocol = _protocol(request, protocol_id)
    return _protocol_form(request, protocol.programme, protocol)


@login_required
def protocol_delete(request, protocol_id):
    protocol = _protocol(request, protocol_id)
    programme = protocol.programme
    if request.method == "POST":
        label = str(protocol)
        protocol.delete()
        messages.success(request, f"{label} удалён.")
        return redirect("stages:protocol_list", programme.pk)
    return render(
        request, "stages/protocol_confirm_delete.html", _context(programme, protocol=protocol)
    )
