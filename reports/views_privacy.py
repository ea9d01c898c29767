"""The subject-access export (152-ФЗ, ст. 14): everything stored about one participant."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers

from mentoring import access
from registry.models import Participant

from .builders.subject_access import subject_access_document, subject_access_json
from .documents import document_response
from .documents.responses import content_disposition

FORMATS = {"pdf", "xlsx", "json"}
DENIED = "Выгрузку персональных данных участника дают только куратор и директор школы."


@login_required
def subject_access_export(request, participant_id, fmt):
    participant = get_object_or_404(
        Participant.objects.for_user(request.user, access.SCHOOL_STAFF).select_related(
            "school", "user", "updated_by"
        ),
        pk=participant_id,
    )
    if not access.can_see_sensitive(request.user, participant.school_id):
        raise PermissionDenied(DENIED)
    if fmt not in FORMATS:
        raise Http404("Неизвестный формат документа")
    if fmt != "json":
        return document_response(subject_access_document(participant), fmt)
    response = HttpResponse(
        subject_access_json(participant), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition(
        "attachment", f"Персональные данные — {participant.full_name}", "json"
    )
    add_never_cache_headers(response)
    return response
