"""Monitoring downloads (PDF, XLSX).

Municipal documents — the consolidated monthly report, the quarterly personified accounting and
the May quality assessment — are for the officers of that municipality only (everyone else,
school staff included, gets 404). A school's monitoring report and its programme's final report
are for the school's staff and the officer of the school's municipality; the officer's final
report is depersonalised (``access.can_see_names``).
"""

import datetime
import re

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from mentoring import access
from mentoring.models import Municipality, Programme

from .documents import document_response
from .monitoring.accounting import QUARTERS, personified_accounting_document
from .monitoring.common import academic_year_of
from .monitoring.consolidated import consolidated_document
from .monitoring.final import final_report_document
from .monitoring.quality import quality_assessment_document
from .monitoring.school import school_monitoring_document

FORMATS = {"pdf", "xlsx"}
PERIOD = re.compile(r"^(\d{4})-(\d{2})$")
YEARS = range(2000, 2101)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404("Неизвестный формат документа")


def _officer_municipality(request, municipality_id) -> Municipality:
    """Only an officer of the municipality (or an administrator): school staff get 404 too."""
    if not request.user.is_superuser and municipality_id not in access.municipality_ids(
        request.user
    ):
        raise Http404("Муниципалитет не найден")
    return get_object_or_404(Municipality.objects.for_user(request.user), pk=municipality_id)


def parse_period(text: str) -> datetime.date:
    match = PERIOD.match(text)
    if not match:
        raise Http404("Месяц указывается как ГГГГ-ММ")
    year, month = int(match[1]), int(match[2])
    if year not in YEARS or not 1 <= month <= 12:
        raise Http404("Нет такого месяца")
    return datetime.date(year, month, 1)


def _programme(request, programme_id) -> Programme:
    return get_object_or_404(
        Programme.objects.for_user(request.user).select_related("school__municipality", "year"),
        pk=programme_id,
    )


@never_cache
@login_required
def consolidated_monthly(request, municipality_id, period, fmt):
    municipality = _officer_municipality(request, municipality_id)
    _check_format(fmt)
    month = parse_period(period)
    return document_response(consolidated_document(municipality, month, wide=fmt == "xlsx"), fmt)


@never_cache
@login_required
def personified_accounting(request, municipality_id, year, quarter, fmt):
    municipality = _officer_municipality(request, municipality_id)
    _check_format(fmt)
    if quarter not in QUARTERS or year not in YEARS:
        raise Http404("Квартал указывается числом от 1 до 4")
    return document_response(personified_accounting_document(municipality, year, quarter), fmt)


@never_cache
@login_required
def quality_assessment(request, municipality_id, year_start, fmt):
    municipality = _officer_municipality(request, municipality_id)
    _check_format(fmt)
    year = academic_year_of(year_start) if year_start in YEARS else None
    if year is None:
        raise Http404("Нет такого учебного года")
    return document_response(quality_assessment_document(municipality, year), fmt)


@never_cache
@login_required
def school_monitoring_report(request, programme_id, fmt):
    programme = _programme(request, programme_id)
    _check_format(fmt)
    return document_response(school_monitoring_document(programme), fmt)


@never_cache
@login_required
def final_report(request, programme_id, fmt):
    programme = _programme(request, programme_id)
    _check_format(fmt)
    named = access.can_see_names(request.user, programme.school_id)
    return document_response(final_report_document(programme, named=named), fmt)
