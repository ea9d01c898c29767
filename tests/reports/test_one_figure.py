"""One figure everywhere: a school's indicators read the same on every page and in every download.

One school with roadmap completion, coverage and response rate that fall on a half percent (the
case that rounding rules disagree on) and meetings in three months. The municipal overview, the
school dashboard, the centre's school page, the school's monthly report page and the consolidated
report (XLSX read back with openpyxl, PDF text with pypdf) are rendered and compared: the same
value under the same label, and the meetings' label names its month.
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from registry.models import Meeting, Pair
from reports.monthly import services as monthly
from surveys.models import Distribution, Invitation, Questionnaire
from tests.registry.factories import (
    MenteeFactory,
    MentorFactory,
    ParticipantFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

LABELS = {
    "roadmap_progress": "Выполнение дорожной карты",
    "students_coverage": "Охват обучающихся",
    "teachers_coverage": "Охват педагогов",
    "response_rate": "Доля ответивших",
}
PERCENTS = set(LABELS)
# The overview's columns by their sort key.
OVERVIEW_COLUMNS = {
    "progress": "roadmap_progress",
    "students": "students_coverage",
    "teachers": "teachers_coverage",
    "meetings": "meetings_period",
}
PERCENT_TOKEN = re.compile(r"\d[\d\s]*(?:,\d+)?\s?%")
MEETINGS = [(2026, 10, 15), (2026, 11, 3), (2026, 11, 20), (2026, 12, 1)]


def is_meetings_label(label: str) -> bool:
    return label.startswith("Встреч за") and "начала года" not in label


def key_of(label: str) -> str | None:
    if is_meetings_label(label):
        return "meetings_period"
    return next((key for key, known in LABELS.items() if known == label), None)


class _Rows(HTMLParser):
    """Every table row of a page: the row's attributes and its cells' text."""

    def __init__(self):
        super().__init__()
        self.rows: list[tuple[dict, list[tuple[dict, str]]]] = []
        self._cell: list[str] | None = None
        self._cell_attrs: dict = {}

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append((dict(attrs), []))
        elif tag in ("td", "th") and self.rows:
            self._cell, self._cell_attrs = [], dict(attrs)
        elif self._cell is not None and tag == "a":
            self._cell_attrs.update({k: v for k, v in attrs if k.startswith("data-")})

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            self.rows[-1][1].append((self._cell_attrs, text))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str):
    parser = _Rows()
    parser.feed(html)
    return parser.rows


def shown(key: str, text: str) -> str:
    """What a reader takes away from a cell: the percent for a share, the number for a count."""
    if key in PERCENTS:
        match = PERCENT_TOKEN.search(text)
        return match.group(0) if match else text
    return text.strip()


def label_rows(html: str) -> dict:
    """Pages that list indicators as «label | value» rows."""
    figures = {}
    for _, cells in table_rows(html):
        if len(cells) == 2 and (key := key_of(cells[0][1])):
            figures[key] = (cells[0][1], shown(key, cells[1][1]))
    return figures


def overview_figures(html: str, school_id: int) -> dict:
    rows = table_rows(html)
    header = next(cells for _, cells in rows if any("data-sort" in a for a, _ in cells))
    row = next(cells for attrs, cells in rows if attrs.get("data-school") == str(school_id))
    figures = {}
    for (attrs, label), (_, text) in zip(header, row, strict=True):
        key = OVERVIEW_COLUMNS.get(attrs.get("data-sort"))
        if key:
            label = label.replace("▲", "").replace("▼", "").split("(по ")[0].strip()
            figures[key] = (label, shown(key, text))
    return figures


def dashboard_progress(html: str) -> str:
    card = html[html.index("общий прогресс") :]
    bar = re.search(r'class="progress-bar[^"]*"[^>]*>([^<]*)<', card)
    return shown("roadmap_progress", bar.group(1))


def xlsx_shown(key: str, cell) -> str:
    """The cell as Excel shows it under its number format."""
    value, number_format = cell.value, cell.number_format
    if value is None:
        return "—"
    if number_format.endswith("%"):
        decimals = number_format.partition(".")[2].count("0")
        exponent = Decimal(1).scaleb(-decimals)
        percent = (Decimal(str(value)) * 100).quantize(exponent, rounding=ROUND_HALF_UP)
        return f"{percent} %".replace(".", ",")
    assert key not in PERCENTS, f"{key}: a share without a percent format ({number_format})"
    return str(value)


def xlsx_figures(response, school_name: str) -> dict[str, dict]:
    book = load_workbook(BytesIO(b"".join(response)))
    summary = book["Сводка"]
    header = next(row for row in summary.iter_rows() if row[0].value == "Школа")
    row = next(row for row in summary.iter_rows() if row[0].value == school_name)
    wide = {}
    for title, cell in zip(header, row, strict=True):
        if title.value and (key := key_of(title.value)):
            wide[key] = (title.value, xlsx_shown(key, cell))
    sheet = {}
    for row in book[school_name].iter_rows():
        label = row[1].value
        if isinstance(label, str) and (key := key_of(label)):
            cell = row[3] if row[3].value is not None else row[2]
            sheet[key] = (label, xlsx_shown(key, cell))
    return {"XLSX: сводка": wide, "XLSX: лист школы": sheet}


def pdf_figures(response) -> tuple[dict, str]:
    reader = PdfReader(BytesIO(b"".join(response)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    section = text[text.index("Раздел Показатель") :]
    figures = {}
    for key, label in LABELS.items():
        match = re.search(re.escape(label) + r" (—|\d+(?:,\d+)? %)", section)
        figures[key] = (label, match.group(1) if match else "не найдено")
    match = re.search(r"(Встреч за [а-яё]+(?: \d{4})?) (\d+)", section)
    figures["meetings_period"] = (match.group(1), match.group(2)) if match else ("?", "?")
    return figures, text


@pytest.fixture
def school_with_data(programme, forms):
    """21 of 40 roadmap items done, 1 of 8 students and 3 of 8 teachers involved, 5 of 8
    invitations answered: every share is a half percent."""
    programme.students_total, programme.teachers_total = 8, 8
    programme.save()
    school = programme.school
    items = list(programme.roadmap_items.order_by("position"))
    assert len(items) >= 40
    programme.roadmap_items.filter(pk__in=[i.pk for i in items[40:]]).update(status="cancelled")
    programme.roadmap_items.filter(pk__in=[i.pk for i in items[:21]]).update(status="done")

    student = StudentFactory(school=school, birth_date=datetime.date(2014, 1, 15))
    active = Pair.objects.create(
        programme=programme,
        mentor=MentorFactory(participant=ParticipantFactory(school=school)),
        form=forms["student_student"],
        status=Pair.Status.ACTIVE,
    )
    active.mentees.set([MenteeFactory(programme=programme, participant=student)])
    approved = Pair.objects.create(
        programme=programme,
        mentor=MentorFactory(participant=ParticipantFactory(school=school)),
        form=forms["teacher_teacher"],
        status=Pair.Status.APPROVED,
    )
    approved.mentees.set(
        [MenteeFactory(programme=programme, participant=ParticipantFactory(school=school))]
    )
    for year, month, day in MEETINGS:
        Meeting.objects.create(pair=active, held_on=datetime.date(year, month, day), topic="Т")

    questionnaire = Questionnaire.objects.create(
        school=school, title="Анкета", purpose="other", audience="all"
    )
    distribution = Distribution.objects.create(
        questionnaire=questionnaire,
        programme=programme,
        title="Рассылка",
        deadline=timezone.localdate() + datetime.timedelta(days=5),
    )
    for index in range(8):
        Invitation.objects.create(
            distribution=distribution,
            respondent_name=f"Участник {index}",
            expires_at=timezone.now() + datetime.timedelta(days=5),
            answered_at=timezone.now() if index < 5 else None,
        )
    return programme


def render_everywhere(client, programme, curator, officer, period: datetime.date):
    """Each place's {indicator key: (label, what it shows)} and the consolidated PDF's text."""
    school = programme.school
    municipality = school.municipality
    report = monthly.open_report(programme, period, by=curator)

    client.force_login(curator)
    dashboard = client.get(school.get_absolute_url()).content.decode()

    client.force_login(officer)
    overview = client.get(municipality.get_absolute_url()).content.decode()
    school_page = client.get(
        reverse("reports:school_overview", args=[municipality.pk, school.pk])
    ).content.decode()
    report_page = client.get(report.get_absolute_url()).content.decode()
    kwargs = {"municipality_id": municipality.pk, "period": f"{period:%Y-%m}"}
    xlsx = client.get(reverse("reports:consolidated_monthly", kwargs={**kwargs, "fmt": "xlsx"}))
    pdf = client.get(reverse("reports:consolidated_monthly", kwargs={**kwargs, "fmt": "pdf"}))
    assert xlsx.status_code == pdf.status_code == 200
    pdf_places, pdf_text = pdf_figures(pdf)

    places = {
        "обзор муниципалитета": overview_figures(overview, school.pk),
        "панель школы": {
            "roadmap_progress": (LABELS["roadmap_progress"], dashboard_progress(dashboard))
        },
        "страница школы для МНЦ": label_rows(school_page),
        "ежемесячный отчёт": label_rows(report_page),
        **xlsx_figures(xlsx, school.short_name),
        "PDF сводного отчёта": pdf_places,
    }
    return places, pdf_text


def table(places: dict) -> str:
    keys = [*LABELS, "meetings_period"]
    lines = [
        f"{place}: " + "; ".join(f"{values.get(k)}" for k in keys)
        for place, values in places.items()
    ]
    return "\n" + "\n".join(lines)


def assert_same_everywhere(places: dict, expected: dict) -> None:
    """Every place that shows an indicator shows ``expected[key]`` == (label, value)."""
    for key, (label, value) in expected.items():
        seen = {place: values[key] for place, values in places.items() if key in values}
        assert seen, key
        assert {v for _, v in seen.values()} == {value}, f"{key}: {table(places)}"
        assert {lbl for lbl, _ in seen.values()} == {label}, f"{key}: {table(places)}"


@pytest.mark.today("2026-11-26")
def test_one_school_reads_the_same_everywhere(
    client, school_with_data, curator, officer, municipality
):
    places, pdf_text = render_everywhere(
        client, school_with_data, curator, officer, datetime.date(2026, 11, 1)
    )
    # Whole percents, a half rounded up: 21/40 = 52,5 % → 53 %, 1/8 → 13 %, 3/8 → 38 %, 5/8 → 63 %.
    assert_same_everywhere(
        places,
        {
            "roadmap_progress": (LABELS["roadmap_progress"], "53 %"),
            "students_coverage": (LABELS["students_coverage"], "13 %"),
            "teachers_coverage": (LABELS["teachers_coverage"], "38 %"),
            "response_rate": (LABELS["response_rate"], "63 %"),
            # 3 and 20 November; not 15 October, not 1 December (after the day)
            "meetings_period": ("Встреч за ноябрь 2026", "2"),
        },
    )
    # The overview has no response rate column; the dashboard shows the roadmap only.
    assert places.pop("обзор муниципалитета").keys() == set(OVERVIEW_COLUMNS.values())
    assert places.pop("панель школы").keys() == {"roadmap_progress"}
    for place, values in places.items():
        assert values.keys() == {*LABELS, "meetings_period"}, place
    assert "Встреч за месяц" not in pdf_text
    assert "Встречи пар и групп за ноябрь 2026" in pdf_text  # the chart's caption


@pytest.mark.today("2026-12-03")
def test_live_and_reported_months_say_which_month(
    client, school_with_data, curator, officer, municipality
):
    """On 3 December the centre still looks at November (due on the 25th) while the school page
    shows December so far: each names its own month, and November reads the same everywhere."""
    places, _ = render_everywhere(
        client, school_with_data, curator, officer, datetime.date(2026, 11, 1)
    )
    live = places.pop("страница школы для МНЦ")
    assert live["meetings_period"] == ("Встреч за декабрь 2026", "1")
    assert live["roadmap_progress"] == (LABELS["roadmap_progress"], "53 %")
    assert_same_everywhere(places, {"meetings_period": ("Встреч за ноябрь 2026", "2")})
