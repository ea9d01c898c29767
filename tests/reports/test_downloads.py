"""The export registry (reports/downloads): each download declared once, one view serves all."""

from collections import defaultdict

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern

from reports.documents.responses import CONTENT_TYPES
from reports.downloads import urls  # noqa: F401 — declares the exports
from reports.downloads.registry import EXPORTS, FORMAT_PARAMETER
from reports.downloads.views import download

from ..url_objects import url_kwarg_values


def _kwargs(export, values: dict) -> dict:
    """The export's URL kwargs, filled from ``values``; the format left out."""
    converters = RoutePattern(export.route).converters
    return {name: values[name] for name in converters if name != "fmt"}


def _served_by_download() -> set[str]:
    reports = next(
        entry
        for entry in get_resolver().url_patterns
        if getattr(entry, "namespace", None) == "reports"
    )
    return {entry.name for entry in _patterns(reports) if entry.callback is download}


def _patterns(resolver):
    for entry in resolver.url_patterns:
        if hasattr(entry, "url_patterns"):
            yield from _patterns(entry)
        else:
            yield entry


def test_every_export_has_formats_and_a_url_that_resolves_to_the_download_view():
    assert set(EXPORTS) == {
        "roadmap_export",
        "mentor_base_export",
        "mentee_base_export",
        "mentor_registry_export",
        "pairs_list_export",
        "regulation_export",
        "partner_letter",
        "subject_access_export",
        "meeting_protocol",
        "meeting_event",
        "award_certificate",
        "order_file",
        "survey_answers_export",
        "school_monitoring_report",
        "final_report",
        "consolidated_monthly",
        "personified_accounting",
        "quality_assessment",
        "region_consolidated",
        "region_indicators",
        "mentoring_consent_export",
        "mentoring_agreement_export",
        "mentor_payments_export",
        "consent_form",
        "council_protocol",
        "development_plan",
        "mentee_diary",
        "mentee_memo",
        "mentor_diary",
        "mentor_memo",
        "mentor_portfolio",
        "mentoring_programme_export",
        "monthly_report_export",
        "partner_agreement",
        "questionnaire_blank",
    }
    assert _served_by_download() == set(EXPORTS)
    sample = defaultdict(lambda: 7, period="2026-11", year=2026, quarter=4, year_start=2026)
    for name, export in EXPORTS.items():
        assert export.formats, name
        assert export.formats <= CONTENT_TYPES.keys(), name
        kwargs = _kwargs(export, sample)
        for fmt in export.formats:
            if FORMAT_PARAMETER in export.route:
                kwargs["fmt"] = fmt
            url = reverse(f"reports:{name}", kwargs=kwargs)
            assert url.endswith(f".{fmt}"), (name, url)
            match = resolve(url)
            assert match.func is download, name
            assert match.kwargs["export"] == name and match.kwargs["fmt"] == fmt, name


def test_a_format_outside_the_list_of_formats_is_not_a_url():
    url = reverse("reports:roadmap_export", args=[1, "pdf"])
    for forged in ("exe", "csv", "PDF", "pdf.exe", ""):
        with pytest.raises(Resolver404):
            resolve(url.replace(".pdf", f".{forged}"))


def test_every_export_refuses_a_format_it_does_not_offer_with_404(
    programme, municipality, mentor, mentee, curator, admin_user
):
    """Found (the administrator sees everything), allowed, and still 404 for the format."""
    values = url_kwarg_values(programme, municipality, mentor, mentee, curator)
    refused = []
    for name, export in EXPORTS.items():
        if FORMAT_PARAMETER not in export.route:
            continue
        fmt = next(fmt for fmt in CONTENT_TYPES if fmt not in export.formats)
        url = reverse(f"reports:{name}", kwargs={**_kwargs(export, values), "fmt": fmt})
        request = RequestFactory().get(url)
        request.user = admin_user
        match = resolve(url)
        with pytest.raises(Http404, match="Неизвестный формат документа"):
            match.func(request, *match.args, **match.kwargs)
        refused.append(name)
    fixed = [name for name, export in EXPORTS.items() if export.fixed_format]
    assert "award_certificate" in fixed  # its path fixes its format
    assert len(refused) == len(EXPORTS) - len(fixed)


def test_an_offered_format_downloads_and_another_is_404(client, programme, curator):
    client.force_login(curator)
    pdf = client.get(reverse("reports:roadmap_export", args=[programme.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "no-store" in pdf["Cache-Control"]
    docx = client.get(reverse("reports:roadmap_export", args=[programme.pk, "docx"]))
    assert docx.status_code == 404
