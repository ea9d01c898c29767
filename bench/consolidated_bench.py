"""Benchmark of the municipal centre's consolidated monthly report on a municipality of 40 schools.

Set-up: the demo (``seed_demo``) gives small realistic programmes; the indicator figures of its
programmes (``school_indicators`` on the last day of the month) are copied round-robin into the
monthly reports of 40 schools of a fresh municipality (a programme each), with mixed statuses, so
the report reads stored snapshots as it does in production once schools have reported.

Timed, median of --repeat runs:
- XLSX: building the document (queries + content) and rendering it with our pipeline, against
  writing the very same cell values straight with openpyxl (``ws.append`` per row, no styles);
- PDF: building + rendering (group tables, three SVG charts, 40 school sections), against
  WeasyPrint alone on the same HTML (``HTML(string=html).write_pdf()``).

Runs against a throwaway SQLite file unless DATABASE_URL is set (never point it at real data).

    .venv/bin/python bench/consolidated_bench.py [--repeat 5] [--schools 40]
"""

import argparse
import datetime
import statistics
from io import BytesIO, StringIO

from benchenv import machine, timed  # noqa: E402  (sets up Django on a throwaway database)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402
from weasyprint import HTML  # noqa: E402
from weasyprint import __version__ as weasyprint_version  # noqa: E402

from mentoring.models import AcademicYear, Municipality, Programme, School  # noqa: E402
from mentoring.periods import month_bounds  # noqa: E402
from reports.documents import render_pdf, render_xlsx  # noqa: E402
from reports.documents.fonts import file_font_css  # noqa: E402
from reports.documents.html import build_html  # noqa: E402
from reports.indicators import school_indicators  # noqa: E402
from reports.models import MonthlyReport  # noqa: E402
from reports.monitoring.consolidated import consolidated_document  # noqa: E402
from stages.services import start_programme  # noqa: E402

STATUSES = [
    MonthlyReport.Status.ACCEPTED,
    MonthlyReport.Status.ACCEPTED,
    MonthlyReport.Status.SUBMITTED,
    MonthlyReport.Status.RETURNED,
    MonthlyReport.Status.DRAFT,
]


def median_seconds(function, repeat: int, *args, **kwargs) -> tuple[float, object]:
    runs = [timed(function, *args, **kwargs) for _ in range(repeat)]
    return statistics.median(seconds for seconds, _ in runs), runs[-1][1]


def build_municipality(schools: int, period: datetime.date, today: datetime.date) -> Municipality:
    demo = list(Programme.objects.select_related("school").order_by("id"))
    day = min(month_bounds(period)[1], today)
    samples = [school_indicators(programme, day) for programme in demo]
    year = AcademicYear.for_date(period)
    municipality = Municipality.objects.create(
        name="Бенчмарк-округ", centre_name="МНЦ Бенчмарк-округа"
    )
    for number in range(1, schools + 1):
        school = School.objects.create(
            municipality=municipality,
            short_name=f"МБОУ «СОШ № {number}»",
            full_name=f"Муниципальное бюджетное общеобразовательное учреждение «СОШ № {number}»",
        )
        figures = samples[number % len(samples)]
        programme, _ = start_programme(
            school,
            year,
            students_total=figures["students_total"],
            teachers_total=figures["teachers_total"],
        )
        MonthlyReport.objects.create(
            school=school,
            programme=programme,
            period=period,
            figures=figures,
            status=STATUSES[number % len(STATUSES)],
            comment="Работа пар идёт по плану." if number % 3 else "",
        )
    return municipality


def ours_xlsx(municipality, period, today) -> bytes:
    return render_xlsx(consolidated_document(municipality, period, today, wide=True))


def ours_pdf(municipality, period, today) -> bytes:
    return render_pdf(consolidated_document(municipality, period, today, wide=False))


def sheet_values(xlsx: bytes) -> list[tuple[str, list[tuple]]]:
    book = load_workbook(BytesIO(xlsx))
    return [(ws.title, [row for row in ws.iter_rows(values_only=True)]) for ws in book]


def straight_xlsx(sheets: list[tuple[str, list[tuple]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def straight_pdf(html: str) -> bytes:
    return HTML(string=html).write_pdf()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--schools", type=int, default=40)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    seed_seconds, _ = timed(call_command, "seed_demo", stdout=StringIO())
    today = timezone.localdate()
    period = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    setup_seconds, municipality = timed(build_municipality, args.schools, period, today)
    print(f"{today:%d.%m.%Y}, {machine(f'WeasyPrint {weasyprint_version}')}")
    print(f"database: {connection.settings_dict['NAME']}")
    print(
        f"seed_demo {seed_seconds:.1f} s, {args.schools} schools with reports for "
        f"{period:%m.%Y} {setup_seconds:.1f} s; median of {args.repeat} runs"
    )

    build, _doc = median_seconds(consolidated_document, args.repeat, municipality, period, today)
    xlsx_seconds, xlsx = median_seconds(ours_xlsx, args.repeat, municipality, period, today)
    sheets = sheet_values(xlsx)
    cells = sum(1 for _title, rows in sheets for row in rows for v in row if v is not None)
    plain_xlsx_seconds, plain_xlsx = median_seconds(straight_xlsx, args.repeat, sheets)

    pdf_seconds, pdf = median_seconds(ours_pdf, args.repeat, municipality, period, today)
    html = build_html(
        consolidated_document(municipality, period, today, wide=False), font_css=file_font_css()
    )
    plain_pdf_seconds, plain_pdf = median_seconds(straight_pdf, args.repeat, html)

    print("\n| что | наш конвейер, с | напрямую, с | к напрямую | наш файл, КБ | прямой, КБ |")
    print("|---|---|---|---|---|---|")
    print(f"| построение документа (запросы + содержание) | {build:.3f} | — | — | — | — |")
    print(
        f"| XLSX ({len(sheets)} листов, {cells} непустых ячеек) против openpyxl | "
        f"{xlsx_seconds:.3f} | {plain_xlsx_seconds:.3f} | "
        f"{xlsx_seconds / plain_xlsx_seconds:.2f}× | {len(xlsx) / 1024:.0f} | "
        f"{len(plain_xlsx) / 1024:.0f} |"
    )
    print(
        f"| PDF (альбомная, 3 диаграммы, {args.schools} разделов школ) против WeasyPrint | "
        f"{pdf_seconds:.3f} | {plain_pdf_seconds:.3f} | {pdf_seconds / plain_pdf_seconds:.2f}× | "
        f"{len(pdf) / 1024:.0f} | {len(plain_pdf) / 1024:.0f} |"
    )


if __name__ == "__main__":
    main()
