"""Download of a distribution's raw answers (XLSX, PDF) for the school's staff."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from registry.views.common import staff_object
from surveys.models import Distribution

from .builders.survey_answers import survey_answers_document
from .documents import document_response

EXPORT_FORMATS = {"pdf", "xlsx"}


@login_required
def survey_answers_export(request, distribution_id, fmt):
    distribution = staff_object(
        request,
        Distribution.objects.select_related(
            "questionnaire", "programme__school", "programme__year"
        ),
        distribution_id,
    )
    if fmt not in EXPORT_FORMATS:
        raise Http404("Неизвестный формат документа")
    return document_response(survey_answers_document(distribution), fmt)
