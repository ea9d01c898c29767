import datetime
import re
import shutil
from decimal import Decimal
from io import BytesIO

import pytest
from fontTools.ttLib import TTFont
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.documents import (
    Column,
    Document,
    Facts,
    Paragraph,
    Row,
    Section,
    Table,
    document_response,
    render_html,
    render_pdf,
    render_xlsx,
)
from reports.documents.content import format_cell
from reports.documents.sheetnames import clean_sheet_name

TITLE = "Отчёт о реализации программы наставничества"
FORMULA = '=HYPERLINK("http://x")'
PHONE = "+7 900 000-00-00"
INVALID_SHEET_CHARS = set("[]:*?/\\")


def make_pairs_table(rows: int | None = None) -> Table:
    columns = [
        Column("ФИО наставляемого", width=30),
        Column("Встреч", width=10, kind="number"),
        Column("Срок", width=12, kind="date"),
        Column("Выполнение", width=12, kind="percent"),
    ]
    if rows is not None:
        data = [Row([f"Наставляемый {n}", n, datetime.date(2025, 1, 1), 0.5]) for n in range(rows)]
        return Table(columns, data)
    data = [
        Row(["Иванова Мария", 12, datetime.date(2025, 3, 14), 0.456]),
        Row(["Петров Олег", 1234567.5, datetime.date(2025, 1, 9), 0.1], tone="danger"),
        Row([FORMULA, 3, None, 1]),
        Row([PHONE, None, None, None], tone="muted"),
    ]
    return Table(columns, data, caption="Пары «наставник — наставляемый»")


def make_document(**overrides) -> Document:
    sections = [
        Section(
            "Пары и встречи",
            [
                Paragraph("Сводка по парам за первое полугодие.", style="lead"),
                make_pairs_table(),
                Facts([("Выполнено", "12 из 30"), ("Просрочено", 3)]),
            ],
        ),
        Section(
            "Итоги",
            [
                Paragraph("Данные по анкетированию отсутствуют.", style="small"),
                Paragraph("<script>alert(1)</script>"),
                Table([Column("Анкета"), Column("Ответов", kind="number")], []),
            ],
            sheet_title="Итоги анкетирования",
        ),
    ]
    values = {
        "title": TITLE,
        "sections": sections,
        "subtitle": "2024/2025 учебный год",
        "organisation": "МБОУ «СОШ № 1»",
        "meta": [("Куратор", "Тимофеева А. В."), ("Период", "01.09.2024 — 31.12.2024")],
        "filename": "Отчёт по наставничеству",
        "generated_at": datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.UTC),
    }
    values.update(overrides)
    return Document(**values)


def one_table_document(**overrides) -> Document:
    return make_document(sections=[Section("Пары", [make_pairs_table()])], **overrides)


def pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def embedded_fonts(pdf: bytes) -> list[tuple[str, str]]:
    """(BaseFont, full name from the embedded font program) for every font on every page."""
    found = []
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object()
            name = TTFont(BytesIO(program.get_data()))["name"].getDebugName(4)
            found.append((str(font["/BaseFont"]), name))
    return found


def find_cell(ws, value):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not found on sheet {ws.title!r}")


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_pdf(make_document())


@pytest.fixture(scope="module")
def sample_sheet():
    workbook = load_workbook(BytesIO(render_xlsx(make_document())))
    assert len(workbook.sheetnames) == 1
    return workbook.active


# --- content model ---------------------------------------------------------------------------


def test_table_rejects_row_of_wrong_length():
    with pytest.raises(ValueError, match="row 1"):
        Table([Column("А"), Column("Б")], [Row(["1", "2"]), Row(["только одна"])])


def test_unknown_tone_and_kind_are_rejected():
    with pytest.raises(ValueError):
        Row(["x"], tone="red")
    with pytest.raises(ValueError):
        Column("x", kind="money")


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (datetime.date(2025, 3, 5), "date", "05.03.2025"),
        (None, "text", ""),
        (None, "percent", ""),
        (1234567.5, "number", "1 234 567,5"),
        (1234, "number", "1 234"),
        (Decimal("-1234.50"), "number", "-1 234,50"),
        (0.456, "percent", "46 %"),
        (0.125, "percent", "13 %"),
        (True, "text", "да"),
        (False, "text", "нет"),
        ("текст", "text", "текст"),
    ],
)
def test_format_cell(value, kind, expected):
    assert format_cell(value, kind) == expected


def test_format_cell_shows_aware_datetime_in_local_time(settings):
    settings.TIME_ZONE = "Europe/Moscow"
    moment = datetime.datetime(2025, 3, 1, 22, 15, tzinfo=datetime.UTC)
    assert format_cell(moment) == "02.03.2025 01:15"
    assert format_cell(moment, "date") == "02.03.2025"


# --- HTML ------------------------------------------------------------------------------------


def test_html_contains_document_texts():
    html = render_html(make_document())
    assert html.startswith("<!DOCTYPE html>")
    for text in [
        TITLE,
        "МБОУ «СОШ № 1»",
        "2024/2025 учебный год",
        "Тимофеева А. В.",
        "Пары и встречи",
        "Итоги",
        "Иванова Мария",
        "1 234 567,5",
        "14.03.2025",
        "46 %",
        "Выполнено",
        "12 из 30",
        "Сводка по парам за первое полугодие.",
        "Нет данных",
        "ФИО наставляемого",
    ]:
        assert text in html, text


def test_html_marks_danger_row_and_escapes_text():
    html = render_html(make_document())
    assert re.search(r'<tr class="tone-danger">\s*<td>Петров Олег</td>', html)
    assert 'class="tone-muted"' in html
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_is_standalone_with_inlined_css():
    html = render_html(make_document())
    assert "<link" not in html
    assert "display: table-header-group" in html
    assert "@font-face" in html and "DocumentSans" in html
    assert "file://" not in html


def test_html_footer_uses_local_time(settings):
    settings.TIME_ZONE = "Europe/Moscow"
    assert "Сформировано 01.03.2025 12:30" in render_html(make_document())


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_contains_cyrillic_text_and_page_numbers(sample_pdf):
    assert sample_pdf.startswith(b"%PDF")
    pages = pdf_text(sample_pdf)
    text = "\n".join(pages)
    assert TITLE in text
    assert "Иванова Мария" in text
    assert "12 из 30" in text
    assert "стр. 1 из" in pages[0]


def test_pdf_embeds_shipped_liberation_fonts(sample_pdf):
    fonts = embedded_fonts(sample_pdf)
    assert fonts
    assert all("DocumentSans" in base_font for base_font, _ in fonts)
    assert all(name.startswith("Liberation Sans") for _, name in fonts)


def test_pdf_fonts_come_from_document_font_dir(settings, tmp_path):
    # Serif files disguised as the Sans ones: only fonts read from DOCUMENT_FONT_DIR show up
    # as Liberation Serif, whereas a system-font fallback would give Liberation Sans.
    source = settings.DOCUMENT_FONT_DIR
    disguised = {
        "LiberationSans-Regular.ttf": "LiberationSerif-Regular.ttf",
        "LiberationSans-Bold.ttf": "LiberationSerif-Bold.ttf",
        "LiberationSerif-Regular.ttf": "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf": "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf": "LiberationSerif-Italic.ttf",
    }
    for target, original in disguised.items():
        shutil.copy(source / original, tmp_path / target)
    settings.DOCUMENT_FONT_DIR = tmp_path
    names = {name for _, name in embedded_fonts(render_pdf(one_table_document()))}
    assert names and all(name.startswith("Liberation Serif") for name in names)


def test_pdf_long_table_repeats_header_on_every_page():
    doc = make_document(sections=[Section("Все пары", [make_pairs_table(rows=300)])])
    pages = pdf_text(render_pdf(doc))
    assert len(pages) >= 3
    assert "ФИО наставляемого" in pages[1]
    assert "Наставляемый 0\n" not in pages[1]
    assert f"стр. 2 из {len(pages)}" in pages[1]


@pytest.mark.parametrize(("orientation", "wide"), [("landscape", True), ("portrait", False)])
def test_pdf_orientation(orientation, wide):
    pdf = render_pdf(one_table_document(orientation=orientation))
    box = PdfReader(BytesIO(pdf)).pages[0].mediabox
    assert (float(box.width) > float(box.height)) is wide
    # A4 is 595 x 842 points.
    assert round(min(float(box.width), float(box.height))) == 595


# --- XLSX ------------------------------------------------------------------------------------


def test_xlsx_header_and_title(sample_sheet):
    assert sample_sheet["A1"].value == "МБОУ «СОШ № 1»"
    title = sample_sheet["A2"]
    assert title.value == TITLE
    assert title.font.b
    header = find_cell(sample_sheet, "ФИО наставляемого")
    row = header.row
    titles = [sample_sheet.cell(row=row, column=c).value for c in range(1, 5)]
    assert titles == ["ФИО наставляемого", "Встреч", "Срок", "Выполнение"]
    assert header.font.b
    assert header.fill.fgColor.rgb.endswith("E8ECF1")
    assert sample_sheet.column_dimensions["A"].width == 30


def test_xlsx_typed_cells(sample_sheet):
    first = find_cell(sample_sheet, "Иванова Мария")
    meetings, due, share = (sample_sheet.cell(row=first.row, column=c) for c in (2, 3, 4))
    assert isinstance(meetings.value, int | float) and meetings.value == 12
    assert isinstance(due.value, datetime.datetime)
    assert due.value.date() == datetime.date(2025, 3, 14)
    assert due.number_format == "DD.MM.YYYY"
    assert share.value == pytest.approx(0.456)
    assert "%" in share.number_format


def test_xlsx_never_stores_formulas(sample_sheet):
    for original in (FORMULA, PHONE):
        cell = find_cell(sample_sheet, original)
        assert isinstance(cell.value, str)
        assert cell.value == original
        assert cell.data_type == "s"
    formulas = [c for row in sample_sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_xlsx_tones_and_facts(sample_sheet):
    danger = find_cell(sample_sheet, "Петров Олег")
    assert danger.fill.fgColor.rgb.endswith("FDE2E1")
    assert find_cell(sample_sheet, "Иванова Мария").fill.fill_type is None
    key = find_cell(sample_sheet, "Выполнено")
    assert sample_sheet.cell(row=key.row, column=2).value == "12 из 30"
    assert find_cell(sample_sheet, "Нет данных")


def test_xlsx_freezes_below_single_table_header():
    ws = load_workbook(BytesIO(render_xlsx(one_table_document()))).active
    header = find_cell(ws, "ФИО наставляемого")
    assert ws.freeze_panes == f"A{header.row + 1}"


def test_xlsx_sheet_per_section():
    doc = make_document(xlsx_layout="sheet_per_section")
    doc.sections.append(Section("Итоги: 1/2 [черновик] " + "очень длинное название " * 3, []))
    doc.sections.append(Section("Пары и встречи", [Paragraph("Повтор заголовка")]))
    workbook = load_workbook(BytesIO(render_xlsx(doc)))
    names = workbook.sheetnames
    assert len(names) == len(doc.sections) == 4
    assert names[0] == "Пары и встречи"
    assert names[1] == "Итоги анкетирования"
    assert len({name.lower() for name in names}) == 4
    for name in names:
        assert 0 < len(name) <= 31
        assert not INVALID_SHEET_CHARS & set(name)
        assert find_cell(workbook[name], TITLE)
    assert find_cell(workbook[names[3]], "Повтор заголовка")


def test_xlsx_sanitises_single_sheet_title():
    doc = one_table_document(title="Отчёт [черновик]: пары/встречи? * " + "х" * 40)
    workbook = load_workbook(BytesIO(render_xlsx(doc)))
    name = workbook.sheetnames[0]
    assert name == "Отчёт черновик парывстречи"  # cut at a word, within 31 characters
    assert not INVALID_SHEET_CHARS & set(name)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", "Лист"), ("[]:*?/\\", "Лист"), ("'Итоги'", "Итоги"), ("History", "History 1")],
)
def test_clean_sheet_name_edge_cases(raw, expected):
    assert clean_sheet_name(raw) == expected


# --- HTTP responses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type", "disposition", "magic"),
    [
        ("pdf", "application/pdf", "attachment", b"%PDF"),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "attachment",
            b"PK",
        ),
        ("html", "text/html; charset=utf-8", "inline", b"<!DOCTYPE html>"),
    ],
)
def test_document_response(fmt, content_type, disposition, magic):
    response = document_response(one_table_document(), fmt)
    header = response["Content-Disposition"]
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert header.startswith(f"{disposition};")
    assert f'filename="Otchet_po_nastavnichestvu.{fmt}"' in header
    assert "filename*=UTF-8''" in header
    assert "%D0%9E%D1%82%D1%87%D1%91%D1%82%20%D0%BF%D0%BE%20" in header
    assert "no-store" in response["Cache-Control"]
    assert header.isascii()


def test_document_response_strips_unsafe_filename_characters():
    doc = one_table_document(filename='../итоги\r\n"2025"')
    header = document_response(doc, "html")["Content-Disposition"]
    assert "\n" not in header and "/" not in header.split("filename*=")[0]
    assert 'filename="itogi_2025.html"' in header


def test_a_report_is_not_rendered_to_a_paper_format():
    """Which formats a user may ask for is the export's declaration (reports/downloads): a
    format without a renderer is a programming error, not a 404."""
    with pytest.raises(ValueError, match="docx"):
        document_response(one_table_document(), "docx")
