"""The regional level: the regional centre's overview of its municipalities, the way down to a
municipal overview, the consolidated regional report and the federal monitoring indicators (read
back with openpyxl and pypdf), the home page, and 404 outside the region."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from mentoring.models import Region, Role
from registry.models import Pair
from reports.indicators import INDICATORS, school_indicators
from reports.models import MonthlyReport
from reports.region.documents import FEDERAL_KEYS, TOTAL_LABEL

from ..factories import MunicipalityFactory, ProgrammeFactory, SchoolFactory, member
from ..registry.factories import MenteeFactory, MentorFactory, ParticipantFactory, StudentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-11-26")]

PERIOD = "2026-11"


@pytest.fixture
def month(today):
    return today.replace(day=1)


@pytest.fixture
def region(db):
    return Region.objects.create(name="Заречная область", centre_name="РНЦ Заречной области")


@pytest.fixture
def other_region(db):
    return Region.objects.create(name="Соседняя область")


@pytest.fixture
def regional(region):
    return member(Role.REGIONAL_OFFICER, region=region, username="rnc")


def add_municipality(name, region, year, forms, month, today, *, mentees=1, status=None):
    """A municipality with two schools: one whose report of ``month`` has ``status`` (accepted
    by default), with a working pair of ``mentees`` children; one without a report."""
    municipality = MunicipalityFactory(name=name, region=region)
    programme = ProgrammeFactory(
        school=SchoolFactory(municipality=municipality, short_name="МБОУ «СОШ № 1»"),
        year=year,
        students_total=200,
        teachers_total=20,
    )
    school = programme.school
    pair = Pair.objects.create(
        programme=programme,
        mentor=MentorFactory(participant=ParticipantFactory(school=school)),
        form=forms["student_student"],
        status=Pair.Status.ACTIVE,
        starts_on=month,
    )
    pair.mentees.set(
        [
            MenteeFactory(programme=programme, participant=StudentFactory(school=school))
            for _ in range(mentees)
        ]
    )
    Pair.objects.create(
        programme=programme,
        mentor=MentorFactory(participant=ParticipantFactory(school=school)),
        form=forms["teacher_teacher"],
        status=Pair.Status.TERMINATED,
    )
    MonthlyReport.objects.create(
        school=school,
        programme=programme,
        period=month,
        figures=school_indicators(programme, today),
        status=status or MonthlyReport.Status.ACCEPTED,
    )
    ProgrammeFactory(
        school=SchoolFactory(municipality=municipality, short_name="МБОУ «ООШ № 2»"), year=year
    )
    return municipality


@pytest.fixture
def municipalities(region, current_year, forms, month, today, reference_data):
    return [
        add_municipality("Заречный округ", region, current_year, forms, month, today, mentees=2),
        add_municipality("Лесной округ", region, current_year, forms, month, today, mentees=3),
        add_municipality(
            "Речной округ",
            region,
            current_year,
            forms,
            month,
            today,
            status=MonthlyReport.Status.SUBMITTED,
        ),
    ]


def overview_url(region):
    return reverse("reports:region_overview", args=[region.pk]) + f"?period={PERIOD}"


def test_overview_shows_each_municipality_with_its_figures(
    client, regional, region, municipalities
):
    client.force_login(regional)
    response = client.get(overview_url(region))
    assert response.status_code == 200
    rows = {row.municipality.name: row for row, _ in response.context["rows"]}
    assert list(rows) == ["Заречный округ", "Лесной округ", "Речной округ"]
    first = rows["Заречный округ"]
    assert first.schools == 2
    assert first.pairs_in(Pair.Status.ACTIVE) == 1 and first.pairs_in(Pair.Status.TERMINATED) == 1
    assert (first.mentors, first.mentees) == (1, 2)  # the terminated pair is not counted
    assert first.reports_accepted == 1
    assert rows["Речной округ"].reports_accepted == 0  # submitted, not yet accepted
    assert first.closures.percent == 100
    totals = response.context["totals"]
    assert (totals.schools, totals.reports_accepted, totals.participants) == (6, 2, 3 + 4 + 2)
    html = response.content.decode()
    for municipality in municipalities:
        assert reverse("reports:municipality_overview", args=[municipality.pk]) in html
    assert "1 из 2" in html and "Итого по региону (3)" in html


def test_people_in_several_pairs_count_once_and_schools_add_up(
    region, current_year, forms, month, today, reference_data
):
    from reports.region.overview import region_rows

    municipality = add_municipality("Заречный округ", region, current_year, forms, month, today)
    pair = Pair.objects.get(programme__school__municipality=municipality, status="active")
    second = Pair.objects.create(
        programme=pair.programme,
        mentor=pair.mentor,
        form=forms["student_student"],
        status=Pair.Status.COMPLETED,
    )
    second.mentees.set(pair.mentees.all())
    other = ProgrammeFactory(school=SchoolFactory(municipality=municipality), year=current_year)
    third = Pair.objects.create(
        programme=other,
        mentor=MentorFactory(participant=ParticipantFactory(school=other.school)),
        form=forms["student_student"],
        status=Pair.Status.APPROVED,
    )
    third.mentees.set(
        [MenteeFactory(programme=other, participant=StudentFactory(school=other.school))]
    )
    (row,) = region_rows(region, current_year, month)
    assert (row.programmes, row.mentors, row.mentees) == (3, 2, 2)
    assert row.pairs == {
        Pair.Status.ACTIVE: 1,
        Pair.Status.TERMINATED: 1,
        Pair.Status.COMPLETED: 1,
        Pair.Status.APPROVED: 1,
    }


def test_overview_queries_do_not_grow_with_municipalities(
    client, regional, region, current_year, forms, month, today, reference_data,
    django_assert_max_num_queries,
):  # fmt: skip
    for name in ("Первый округ", "Второй округ"):
        add_municipality(name, region, current_year, forms, month, today)
    client.force_login(regional)
    client.get(overview_url(region))  # the session and the caches settle
    with CaptureQueriesContext(connection) as two:
        assert client.get(overview_url(region)).status_code == 200
    for name in ("Третий округ", "Четвёртый округ", "Пятый округ"):
        add_municipality(name, region, current_year, forms, month, today, mentees=2)
    with django_assert_max_num_queries(len(two)):
        response = client.get(overview_url(region))
    assert len(response.context["rows"]) == 5


def test_the_regional_officer_drills_down_but_not_out(
    client, regional, region, municipalities, other_region, other_municipality, other_programme
):
    other_municipality.region = other_region
    other_municipality.save()
    client.force_login(regional)
    first = municipalities[0]
    school = first.schools.get(short_name="МБОУ «СОШ № 1»")
    opened = [
        reverse("reports:municipality_overview", args=[first.pk]),
        reverse("reports:school_overview", args=[first.pk, school.pk]),
        reverse("reports:consolidated_monthly", args=[first.pk, PERIOD, "xlsx"]),
    ]
    for url in opened:
        assert client.get(url).status_code == 200, url
    closed = [
        reverse("reports:region_overview", args=[other_region.pk]),
        reverse("reports:region_consolidated", args=[other_region.pk, PERIOD, "xlsx"]),
        reverse("reports:municipality_overview", args=[other_municipality.pk]),
        reverse("reports:school_overview", args=[other_municipality.pk, other_programme.school_id]),
        # the personified accounting names participants: the municipal centre's own
        reverse("reports:personified_accounting", args=[first.pk, 2026, 4, "xlsx"]),
    ]
    for url in closed:
        assert client.get(url).status_code == 404, url


def test_a_municipal_officer_does_not_open_the_region(client, region, municipalities):
    officer = member(Role.MUNICIPAL_OFFICER, municipality=municipalities[0], username="mnc")
    client.force_login(officer)
    assert client.get(overview_url(region)).status_code == 404


def test_home_sends_the_regional_officer_to_the_region(client, regional, region):
    client.force_login(regional)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:region_overview", args=[region.pk])
    page = client.get(response["Location"])
    assert region.name in page.content.decode()


def _workbook(response):
    assert response.status_code == 200
    return load_workbook(BytesIO(b"".join(response)))


def _table(ws, first_title="Муниципалитет") -> tuple[list, dict]:
    top = next(r[0].row for r in ws.iter_rows(max_col=1) if r[0].value == first_title)
    titles = [cell.value for cell in ws[top]]
    rows = {}
    for row in ws.iter_rows(min_row=top + 1):
        if row[0].value is None:
            break
        rows[row[0].value] = [cell.value for cell in row]
    return titles, rows


def _accepted_sum(municipality, key):
    return sum(
        r.figures[key]
        for r in MonthlyReport.objects.filter(
            school__municipality=municipality, status=MonthlyReport.Status.ACCEPTED
        )
    )


def test_consolidated_regional_xlsx_sums_the_accepted_reports(
    client, regional, region, municipalities, month
):
    client.force_login(regional)
    url = reverse("reports:region_consolidated", args=[region.pk, PERIOD, "xlsx"])
    book = _workbook(client.get(url))
    assert book.sheetnames == ["Сводка", "Заречный округ", "Лесной округ", "Речной округ"]
    titles, rows = _table(book["Сводка"])
    assert titles[2:] == [i.label_for(month) for i in INDICATORS]
    assert list(rows) == ["Заречный округ", "Лесной округ", "Речной округ", TOTAL_LABEL]
    assert rows["Заречный округ"][1] == "принято 1 из 2"
    assert rows[TOTAL_LABEL][1] == "принято 2 из 6"
    for key in ("mentors", "mentees", "pairs_active", "pairs_terminated", "students_involved"):
        column = titles.index(next(i for i in INDICATORS if i.key == key).label_for(month))
        for municipality in municipalities[:2]:
            assert rows[municipality.name][column] == _accepted_sum(municipality, key), key
        assert rows["Речной округ"][column] is None  # no accepted report
        assert rows[TOTAL_LABEL][column] == sum(_accepted_sum(m, key) for m in municipalities)
    assert rows[TOTAL_LABEL][titles.index("Наставляемых в парах и группах")] == 2 + 3
    sheet = " ".join(
        str(cell.value) for row in book["Лесной округ"].iter_rows() for cell in row if cell.value
    )
    assert "МБОУ «СОШ № 1»" in sheet and "МБОУ «ООШ № 2»" not in sheet


def test_consolidated_regional_pdf(client, regional, region, municipalities):
    client.force_login(regional)
    url = reverse("reports:region_consolidated", args=[region.pk, PERIOD, "pdf"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(b"".join(response)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Сводный отчёт региона" in text and "ноябрь 2026" in text.lower()
    for name in ("Заречный округ", "Лесной округ", "Речной округ", TOTAL_LABEL):
        assert name in text


def test_federal_indicators_per_municipality_and_region(
    client, regional, region, municipalities, month
):
    client.force_login(regional)
    url = reverse("reports:region_indicators", args=[region.pk, PERIOD])
    book = _workbook(client.get(url))
    titles, rows = _table(book.active)
    assert "Показатели мониторинга целевой модели наставничества" in " ".join(
        str(cell.value) for row in book.active.iter_rows(max_row=5) for cell in row if cell.value
    )
    assert "Охват обучающихся" in titles and "Охват педагогов" in titles
    assert list(rows) == ["Заречный округ", "Лесной округ", "Речной округ", TOTAL_LABEL]
    mentees = titles.index("Наставляемых в парах и группах")
    assert [rows[name][mentees] for name in rows] == [2, 3, None, 5]
    coverage = rows[TOTAL_LABEL][titles.index("Охват обучающихся")]
    assert coverage == pytest.approx(round(5 / 400, 4))
    form = next(t for t in titles if t and t.startswith("Пар и групп: ") and "Ученик" in t)
    assert rows[TOTAL_LABEL][titles.index(form)] == 2
    assert len(titles) >= 2 + len(FEDERAL_KEYS) + 1


def test_regional_downloads_outside_the_region_are_404(client, other_region, region):
    other = member(Role.REGIONAL_OFFICER, region=other_region, username="other_rnc")
    client.force_login(other)
    for url in (
        reverse("reports:region_consolidated", args=[region.pk, PERIOD, "pdf"]),
        reverse("reports:region_indicators", args=[region.pk, PERIOD]),
        reverse("reports:region_overview", args=[region.pk]),
    ):
        assert client.get(url).status_code == 404, url
