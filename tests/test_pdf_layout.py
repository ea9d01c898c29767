"""Every PDF the project produces keeps its text inside its table cells and breaks no word.

The demo municipality is seeded once for the module; one school then gets long data (a long
official name and e-mail, a double surname, a long position). Each PDF export declared in the
export registry (reports/downloads/exports.py) is built for that school's objects and read back
with pdfplumber (tests/pdf_layout.py). A new PDF export joins by itself when its URL parameters
are among ``OBJECTS`` below; an export with a new parameter fails ``test_every_pdf_export_is_
covered`` until its object is added there. Papers that are not exports of their own (orders of
every kind, frozen approved orders, both kinds of certificate) are checked by the tests after it.
"""

import io
import re
from urllib.parse import unquote

import pytest
from django.test import RequestFactory
from django.urls import reverse

from mentoring.files import clean_stem, document_name
from mentoring.models import Programme, School, User
from registry.models import Award, Meeting, MentoringAgreement, Participant, Partner
from reports.builders.certificate import (
    certificate_for,
    render_certificate_html,
    render_certificate_pdf,
)
from reports.documents import (
    Document,
    OfficialDocument,
    render_html,
    render_official_html,
    render_official_pdf,
    render_pdf,
)
from reports.documents.official import OfficialDocument as Paper
from reports.documents.pdf import html_to_pdf
from reports.downloads import exports  # noqa: F401  (declares the exports)
from reports.downloads.registry import EXPORTS
from reports.models import MonthlyReport, Order
from reports.orders import services
from reports.orders.rendering import order_document
from reports.templatetags.document_text import breakable
from stages.models import MeetingProtocol, OrderKind
from surveys.models import Distribution, Questionnaire

from .module_data import rolled_back
from .pdf_layout import assert_clean_layout, layout_problems

LONG_SCHOOL = (
    "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная "
    "школа № 1 с углублённым изучением отдельных предметов имени Героя Советского Союза "
    "Константина Константиновича Рокоссовского» Заречного муниципального округа"
)
LONG_EMAIL = "konstantinopolskaya.margarita-aleksandrovna@school-1-zarechny.obrazovanie.ru"
LONG_POSITION = "заместитель директора по учебно-воспитательной и научно-методической работе"
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    from registry import reference as registry_reference
    from stages import reference

    from .test_seed_demo import seed_demo

    media = tmp_path_factory.mktemp("layout-media")
    with rolled_back(django_db_blocker, media):
        reference.load()
        registry_reference.load()
        seed_demo(stdout=io.StringIO())
        school = School.objects.get(short_name="МБОУ «СОШ № 1»")
        school.full_name = LONG_SCHOOL
        school.email = LONG_EMAIL
        school.director_name = "Римская-Корсакова Анастасия Владиславовна"
        school.save()
        programme = Programme.objects.get(school=school, archived_at__isnull=True)
        pair = programme.pairs.filter(
            status="active", mentor__participant__kind=Participant.Kind.TEACHER
        ).first()
        person = pair.mentor.participant
        person.last_name = "Салтыкова-Щедрина"
        person.email = LONG_EMAIL
        person.position = LONG_POSITION
        person.save()
        user = User.objects.create_superuser("layout", "layout@example.ru", "layout-2026")
        yield {
            "school": school,
            "programme": programme,
            "pair": pair,
            "person": person,
            "user": user,
            "media": media,
        }


@pytest.fixture(autouse=True)
def _module_media(settings, world):
    """The approved orders' files were stored when the module seeded the demo."""
    settings.MEDIA_ROOT = world["media"]


def _pk(queryset) -> int | None:
    found = queryset.order_by("pk").first()
    return found.pk if found else None


def _objects(world) -> dict:
    """A value for every URL parameter of the exports, from the long-data school."""
    programme = world["programme"]
    start = programme.year.start_date
    return {
        "programme_id": programme.pk,
        "partner_id": Partner.objects.filter(school=world["school"]).first().pk,
        "participant_id": world["person"].pk,
        "meeting_id": Meeting.objects.filter(pair__mentor__participant=world["person"]).first().pk,
        "award_id": Award.objects.filter(programme=programme).first().pk,
        "order_id": programme.orders.filter(status=Order.Status.APPROVED).first().pk,
        "distribution_id": Distribution.objects.filter(programme=programme)
        .order_by("-pk")
        .first()
        .pk,
        "municipality_id": world["school"].municipality_id,
        "region_id": world["school"].municipality.region_id,
        "pair_id": world["pair"].pk,
        "mentee_id": world["pair"].mentees.first().pk,
        "mentor_id": world["pair"].mentor_id,
        "agreement_id": _pk(MentoringAgreement.objects.filter(mentor__school=world["school"])),
        "report_id": _pk(MonthlyReport.objects.filter(programme=programme)),
        "questionnaire_id": _pk(Questionnaire.objects.all()),
        "protocol_id": _pk(MeetingProtocol.objects.filter(programme=programme)),
        "period": f"{start:%Y-%m}",
        "year": start.year,
        "quarter": 4,
        "year_start": start.year,
    }


def _pdf_and_source(content) -> tuple[bytes, str | None]:
    if isinstance(content, Document):
        return render_pdf(content), render_html(content)
    if isinstance(content, OfficialDocument):
        return render_official_pdf(content), render_official_html(content)
    data = b"".join(content.streaming_content) if content.streaming else content.content
    return data, None


PDF_EXPORTS = sorted(name for name, export in EXPORTS.items() if "pdf" in export.formats)


def test_every_pdf_export_is_covered(world):
    objects = _objects(world)
    unknown = {
        (name, parameter)
        for name in PDF_EXPORTS
        for parameter in PARAMETER.findall(EXPORTS[name].route)
        if parameter != "fmt" and parameter not in objects
    }
    assert not unknown, f"Добавьте объект для параметров {sorted(unknown)} в _objects"
    assert len(PDF_EXPORTS) >= 17


@pytest.mark.parametrize("name", PDF_EXPORTS)
def test_pdf_export_keeps_words_whole_and_inside_cells(world, name):
    export = EXPORTS[name]
    objects = _objects(world)
    kwargs = {p: objects[p] for p in PARAMETER.findall(export.route) if p != "fmt"}
    missing = [parameter for parameter, value in kwargs.items() if value is None]
    assert not missing, f"{name}: в демо нет объекта для {missing}"
    request = RequestFactory().get("/")
    request.user = world["user"]
    content = export.build(request, export.find(request, **kwargs), "pdf")
    pdf, source = _pdf_and_source(content)
    assert pdf.startswith(b"%PDF")
    assert_clean_layout(pdf, source, name)


def test_orders_of_every_kind_keep_words_whole(world):
    programme = world["programme"]
    director = User.objects.filter(memberships__school=world["school"]).first()
    for kind in OrderKind.values:
        order = services.create_order(programme, kind, by=director)
        document = order_document(order, on=programme.year.start_date)
        assert_clean_layout(
            render_official_pdf(document), render_official_html(document), f"приказ {kind}"
        )


def test_approved_orders_as_frozen_keep_words_whole(world):
    orders = Order.objects.filter(school=world["school"], status=Order.Status.APPROVED)
    assert orders.count() >= 6
    for order in orders:
        paper = Paper.from_data(order.frozen_content)
        with order.pdf_file.open("rb") as stored:
            assert_clean_layout(stored.read(), render_official_html(paper), order.title)


def test_certificates_of_every_kind_keep_words_whole(world):
    programme = world["programme"]
    Award.objects.create(
        programme=programme,
        kind=Award.Kind.PARENTS_LETTER,
        recipient_name="Салтыковой-Щедриной Маргарите Александровне",
        awarded_on=programme.year.start_date,
    )
    for award in Award.objects.filter(programme=programme):
        certificate = certificate_for(award)
        assert_clean_layout(
            render_certificate_pdf(certificate),
            render_certificate_html(certificate, font_css=""),
            certificate.heading,
        )


def test_breakable_puts_wbr_only_into_addresses():
    assert breakable("Пишите: a.b@school.ru") == "Пишите: a<wbr>.b@<wbr>school<wbr>.ru"
    assert breakable("т.е. <b>") == "т.е. &lt;b&gt;"


# --- the check itself ---------------------------------------------------------------------------

TABLE = (
    '<table style="width: {width}; table-layout: fixed; border-collapse: collapse">'
    "<tr><td style='border: 1px solid #000; width: 45mm; {css}'>{text}</td>"
    "<td style='border: 1px solid #000'>вторая</td></tr></table>"
)


def _page(width="100%", css="", text="Слово"):
    table = TABLE.format(width=width, css=css, text=text)
    return f"<html><body style='font-size: 10pt'>{table}</body></html>"


def test_check_finds_a_word_broken_without_hyphen():
    html = _page(css="overflow-wrap: anywhere", text="Общеобразовательноеучреждение")
    problems = layout_problems(html_to_pdf(html), html)
    assert any("разорвано" in problem for problem in problems), problems


def test_check_finds_a_hyphenated_word():
    html = _page(
        css="hyphens: auto; font-size: 16pt", text="общеобразовательное общеобразовательное"
    ).replace("<html>", '<html lang="ru">')
    problems = layout_problems(html_to_pdf(html), html)
    assert any("разорвано" in problem for problem in problems), problems


def test_check_finds_a_word_crossing_the_border():
    html = _page(css="overflow-wrap: normal", text="Общеобразовательноеучреждение")
    problems = layout_problems(html_to_pdf(html), html)
    assert any("границу ячейки" in problem for problem in problems), problems


def test_check_passes_whole_words_and_allowed_breaks():
    html = _page(text="Римская-Корсакова ivanova@<wbr>school.ru Общеобразовательное")
    assert layout_problems(html_to_pdf(html), html) == []


# --- file names ---------------------------------------------------------------------------------


def _file_name(response) -> str:
    header = response["Content-Disposition"]
    assert re.search(r'filename="[A-Za-z0-9._-]+"', header), header
    return unquote(header.split("filename*=UTF-8''")[1])


def test_downloads_are_named_by_school_kind_number_and_date(world, client):
    client.force_login(world["user"])
    short = world["school"].short_name
    order = world["programme"].orders.get(kind=OrderKind.PAIRS, status=Order.Status.APPROVED)
    date = f"{order.order_date:%d.%m.%Y}"
    for fmt in ("pdf", "docx"):
        url = reverse("reports:order_file", kwargs={"order_id": order.pk, "fmt": fmt})
        assert _file_name(client.get(url)) == f"{short} — Приказ № {order.number} от {date}.{fmt}"
    programme = world["programme"]
    url = reverse("reports:pairs_list_export", kwargs={"programme_id": programme.pk, "fmt": "pdf"})
    year = programme.year.name.replace("/", "-")
    assert _file_name(client.get(url)) == f"{short} — Список наставнических пар и групп, {year}.pdf"
    award = Award.objects.filter(programme=programme).order_by("pk").first()
    url = reverse("reports:award_certificate", kwargs={"award_id": award.pk})
    name = _file_name(client.get(url))
    assert name.startswith(f"{short} — Грамота от {award.awarded_on:%d.%m.%Y}, ")


def test_document_name_leaves_out_what_a_document_does_not_have():
    import datetime

    assert document_name("МБОУ «СОШ № 1»", "Приказ", number=12, on=datetime.date(2026, 9, 1)) == (
        "МБОУ «СОШ № 1» — Приказ № 12 от 01.09.2026"
    )
    assert document_name("", "Положение о наставничестве") == "Положение о наставничестве"
    assert clean_stem("Ответы: 7/8 «класс»?") == "Ответы 7 8 «класс»"
