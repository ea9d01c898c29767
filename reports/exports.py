"""Downloads of the mentor and mentee bases (PDF, XLSX) for the school's staff."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from mentoring import access
from mentoring.models import Programme

from .builders.bases import mentee_base_document, mentor_base_document
from .documents import document_response

EXPORT_FORMATS = {"pdf", "xlsx"}


def _export(request, programme_id, fmt, build):
    programme = get_object_or_404(
        Programme.objects.for_user(request.user, access.SCHOOL_STAFF).select_related(
            "school", "year"
        ),
        pk=programme_id,
    )
    if fmt not in EXPORT_FORMATS:
        raise Http404("Неизвестный формат документа")
    sensitive = access.can_see_sensitive(request.user, programme.school_id)
    return document_response(build(programme, sensitive=sensitive), fmt)


@login_required
def mentor_base_export(request, programme_id, fmt):
    return _export(request, programme_id, fmt, mentor_base_document)


@login_required
def mentee_base_export(request, programme_id, fmt):
    return _export(request, programme_id, fmt, mentee_base_document)
