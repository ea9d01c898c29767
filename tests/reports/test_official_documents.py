import datetime
import json
import re
from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document as open_docx
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph
from pypdf import PdfReader

from reports.documents import (
    Attachment,
    Column,
    OfficialDocument,
    Row,
    Signature,
    Table,
    long_date,
    official_response,
    render_official_docx,
    render_official_html,
    render_official_pdf,
)

ORGANISATION = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»"
TITLE = "О закреплении наставников за наставляемыми"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def make_order(**overrides) -> OfficialDocument:
    table = Table(
        columns=[
            Column("Наставник", width=30),
            Column("Наставляемый", width=30),
            Column("Дата начала", width=15, kind="date"),
            Column("Встреч", width=10, kind="number"),
            Column("Нагрузка", width=10, kind="number"),
        ],
        rows=[
            Row(["Иванова Анна Петровна", "Петров Олег", datetime.date(2026, 9, 1), 1234, 0]),
            Row(
                ["Сидоров Илья", "Кузнецова Мария", datetime.date(2026, 9, 15), 12, Decimal("2.5")]
            ),
        ],
    )
    values = {
        "organisation": ORGANISATION,
        "organisation_details": "ул. Ленина, д. 1, г. Энск, 123456; тел. +7 (800) 000-00-00",
        "title": TITLE,
        "place": "г. Энск",
        "date": datetime.date(2026, 9, 1),
        "number": "12-о",
        "preamble": [
            "В соответствии с Положением о системе наставничества педагогических работников.",
            "В целях адаптации молодых специалистов.",
        ],
        "decree": "ПРИКАЗЫВАЮ:",
        "points": [
            "Закрепить наставников за наставляемыми согласно приложению.",
            "Утвердить программу наставничества на 2026/2027 учебный год.",
            "Контроль за исполнением приказа оставляю за собой.",
        ],
        "signatures": [
            Signature("Директор", "И. И. Директоров"),
            Signature("Куратор", "К. К. Кураторова"),
        ],
        "acquainted": ["Иванова А. П.", "Сидоров И. С."],
        "attachments": [
            Attachment(
                "Список пар «наставник — наставляемый»", table, note="По состоянию на 1 сентября."
            ),
            Attachment("Пустое приложение", Table([Column("Что-то")], [])),
        ],
        "is_draft": True,
        "filename": "Приказ 12-о",
    }
    values.update(overrides)
    return OfficialDocument(**values)


def make_letter() -> OfficialDocument:
    return OfficialDocument(
        organisation=ORGANISATION,
        title="О направлении отчёта",
        doc_type="",
        date=datetime.date(2026, 10, 5),
        number="101",
        addressee=["Начальнику управления образования", "А. А. Начальникову"],
        salutation="Уважаемый Алексей Алексеевич!",
        preamble=["Направляем отчёт о реализации программы наставничества."],
        signatures=[Signature("Директор", "И. И. Директоров")],
        filename="Письмо 101",
    )


def docx_blocks(data: bytes) -> list[str]:
    """Texts of the body in document order: paragraphs, and each table cell row by row."""
    document = open_docx(BytesIO(data))
    texts = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            texts.append(DocxParagraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            for tr in child.tr_lst:
                for tc in tr.tc_lst:
                    texts.append("\n".join(DocxParagraph(p, document).text for p in tc.p_lst))
    return [text for text in texts if text.strip()]


def assert_in_order(texts: list[str], expected: list[str]) -> None:
    position = 0
    for needle in expected:
        for index in range(position, len(texts)):
            if needle in texts[index]:
                position = index + 1
                break
        else:
            raise AssertionError(f"{needle!r} not found after position {position} in {texts}")


def pdf_pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]


def test_long_date():
    assert long_date(datetime.date(2026, 9, 1)) == "«01» сентября 2026 г."


def test_docx_order_carries_the_content_in_order():
    texts = docx_blocks(render_official_docx(make_order()))

    assert texts[0] == "ПРОЕКТ"
    assert_in_order(
        texts,
        [
            "ПРОЕКТ",
            ORGANISATION,
            "ул. Ленина",
            "ПРИКАЗ",
            "01.09.2026\t№ 12-о",
            "г. Энск",
            TITLE,
            "В соответствии с Положением",
            "В целях адаптации",
            "ПРИКАЗЫВАЮ:",
            "1. Закрепить наставников",
            "2. Утвердить программу",
            "3. Контроль",
            "Директор",
            "И. И. Директоров",
            "К. К. Кураторова",
            "С приказом ознакомлены:",
            "Иванова А. П.",
            "«___» ________ 20__ г.",
            "Сидоров И. С.",
            "Приложение № 1\nк приказу\nот 01.09.2026 № 12-о",
            "Список пар «наставник — наставляемый»",
            "По состоянию на 1 сентября.",
            "Наставник",
            "Нагрузка",
            "Иванова Анна Петровна",
            "01.09.2026",
            "1 234",
            "0",
            "2,5",
            "Приложение № 2\nк приказу\nот 01.09.2026 № 12-о",
            "Пустое приложение",
            "Нет данных",
        ],
    )


def test_docx_attachment_table_is_formatted():
    document = open_docx(BytesIO(render_official_docx(make_order())))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Наставник")

    header = table.rows[0]
    assert [cell.text for cell in header.cells] == [
        "Наставник",
        "Наставляемый",
        "Дата начала",
        "Встреч",
        "Нагрузка",
    ]
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert header._tr.trPr.xpath("./w:tblHeader")
    first = [cell.text for cell in table.rows[1].cells]
    assert first == ["Иванова Анна Петровна", "Петров Олег", "01.09.2026", "1 234", "0"]
    assert table.rows[1].cells[3].paragraphs[0].alignment == 2  # right
    widths = [column.width for column in table.columns]
    assert widths[0] == pytest.approx(3 * widths[3], rel=0.01)


def test_docx_page_is_a4_with_office_margins_and_fonts():
    document = open_docx(BytesIO(render_official_docx(make_order())))
    section = document.sections[0]

    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert abs(section.left_margin - Mm(30)) < Mm(0.1)
    assert abs(section.right_margin - Mm(15)) < Mm(0.1)
    assert abs(section.top_margin - Mm(20)) < Mm(0.1)
    assert abs(section.bottom_margin - Mm(20)) < Mm(0.1)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 13
    fonts = normal.element.rPr.rFonts
    assert fonts.get(fonts.nsmap["w"].join(["{", "}eastAsia"])) == "Times New Roman"
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header.paragraphs[0]._p.xml
    assert "PAGE" not in section.first_page_header.paragraphs[0]._p.xml
    assert document.core_properties.title == TITLE
    assert document.core_properties.language == "ru-RU"


def test_docx_attachments_start_on_a_new_page():
    document = open_docx(BytesIO(render_official_docx(make_order())))
    labels = [p for p in document.paragraphs if p.text.startswith("Приложение")]

    assert len(labels) == 2
    assert all(p.paragraph_format.page_break_before for p in labels)


def test_docx_without_draft_has_no_draft_mark():
    texts = docx_blocks(render_official_docx(make_order(is_draft=False)))
    assert "ПРОЕКТ" not in texts
    assert texts[0] == ORGANISATION


def test_docx_letter_puts_addressee_before_salutation():
    texts = docx_blocks(render_official_docx(make_letter()))

    assert_in_order(
        texts,
        [
            ORGANISATION,
            "05.10.2026 № 101",
            "Начальнику управления образования",
            "А. А. Начальникову",
            "О направлении отчёта",
            "Уважаемый Алексей Алексеевич!",
            "Направляем отчёт",
            "И. И. Директоров",
        ],
    )
    assert not any("ПРИКАЗ" in text for text in texts)


def test_pdf_order_layout():
    pages = pdf_pages(render_official_pdf(make_order()))
    text = " ".join(pages)

    assert len(pages) >= 2
    for needle in (
        "ПРОЕКТ",
        ORGANISATION.upper(),
        "ПРИКАЗ",
        TITLE,
        "ПРИКАЗЫВАЮ",
        "Закрепить наставников",
        "Контроль за исполнением",
        "Список пар",
    ):
        assert needle in text.replace("П Р И К А З", "ПРИКАЗ"), needle
    order = [
        ORGANISATION.upper(),
        TITLE,
        "ПРИКАЗЫВАЮ",
        "Закрепить наставников",
        "Контроль за исполнением",
        "Список пар",
    ]
    positions = [text.index(needle) for needle in order]
    assert positions == sorted(positions)
    decree_page = next(i for i, page in enumerate(pages) if "ПРИКАЗЫВАЮ" in page)
    attachment_page = next(i for i, page in enumerate(pages) if "Список пар" in page)
    assert attachment_page > decree_page
    assert "Приложение № 1" not in pages[decree_page]
    assert "стр." not in pages[0]
    assert "01.09.2026" in pages[attachment_page] and "1 234" in pages[attachment_page]


def test_html_contains_title_and_no_template_leftovers():
    html = render_official_html(make_order())

    assert TITLE in html
    assert "{{" not in html and "{%" not in html
    assert "Приложение № 1" in html


def test_data_round_trip_keeps_the_docx_text():
    original = make_order()
    restored = OfficialDocument.from_data(json.loads(json.dumps(original.to_data())))

    assert restored.date == original.date
    assert restored.signatures == original.signatures
    assert docx_blocks(render_official_docx(restored)) == docx_blocks(
        render_official_docx(original)
    )


@pytest.mark.parametrize(
    ("fmt", "content_type", "disposition"),
    [
        ("pdf", "application/pdf", "attachment"),
        ("docx", DOCX_TYPE, "attachment"),
        ("html", "text/html; charset=utf-8", "inline"),
    ],
)
def test_official_response(fmt, content_type, disposition):
    response = official_response(make_order(), fmt)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    header = response["Content-Disposition"]
    assert header.startswith(f"{disposition}; ")
    assert f'filename="Prikaz_12-o.{fmt}"' in header or re.search(
        rf'filename="[^"]+\.{fmt}"', header
    )
    assert f"filename*=UTF-8''%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7%2012-%D0%BE.{fmt}" in header
    assert "no-cache" in response["Cache-Control"]


def test_a_paper_is_not_rendered_to_a_report_format():
    with pytest.raises(ValueError, match="xlsx"):
        official_response(make_order(), "xlsx")
