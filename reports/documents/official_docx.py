"""DOCX of official papers (приказ, протокол, письмо) with python-docx.

Carries the same content, in the same order, as templates/reports/official.html: the Russian office
layout on A4 with Times New Roman 13 pt. Numbering of points is written as text, so it never
depends on Word's list definitions.
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt, RGBColor

from .content import Table, format_cell
from .official import OfficialDocument

FONT_NAME = "Times New Roman"
FONT_SIZE = Pt(13)
LANGUAGE = "ru-RU"
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
PARAGRAPH_INDENT = Cm(1.25)
POINT_HANG = Cm(0.75)
DRAFT_COLOUR = RGBColor(0xBB, 0x00, 0x00)
ACQUAINTED_DATE = "«___» ________ 20__ г."
NUMERIC_KINDS = frozenset({"number", "percent"})

# Elements that follow a given child in its parent's schema sequence, for inserting in order.
_AFTER_RPR_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
    "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip
_AFTER_PPR_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TCPR_BORDERS = (
    "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
)  # fmt: skip
_AFTER_TBLPR_BORDERS = (
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
    "w:tblPrChange",
)  # fmt: skip
_AFTER_TBLPR_CELL_MARGIN = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_TBLPR_WIDTH = (
    "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
    "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip


def render_official_docx(doc: OfficialDocument) -> bytes:
    document = new_docx()
    _setup_styles(document)
    _setup_page(document)
    _set_properties(document, doc)
    body = _Body(document)

    if doc.is_draft:
        body.draft_mark()
    body.header(doc.organisation, doc.organisation_details)
    if doc.approval:
        body.right_block(doc.approval, after=Mm(6))
    if doc.addressee:
        body.letter_head(f"{doc.date_text} {doc.number_text}", doc.addressee)
    if doc.doc_type:
        body.type_line(doc.doc_type)
        body.date_line(doc.date_text, doc.number_text)
        if doc.place:
            body.paragraph(doc.place, align=WD_ALIGN_PARAGRAPH.CENTER, size=Pt(11), before=Mm(1))
    if doc.title:
        body.paragraph(
            doc.title, bold=True, before=Mm(8), after=Mm(6), right_indent=Emu(int(TEXT_WIDTH * 0.3))
        )
    if doc.salutation:
        body.paragraph(
            doc.salutation, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=Mm(6), after=Mm(6)
        )
    for text in doc.preamble:
        body.text_paragraph(text)
    if doc.decree:
        body.paragraph(doc.decree, bold=True, before=Mm(4), after=Mm(2))
    for number, text in enumerate(doc.points, start=1):
        body.point(number, text, last=number == len(doc.points))
    for text in doc.closing:
        body.text_paragraph(text)
    body.sections(doc.sections)
    if doc.signatures:
        body.signatures([(item.position, item.name) for item in doc.signatures])
    if doc.executor:
        body.executor(doc.executor)
    if doc.acquainted:
        body.acquainted(doc.acquainted_heading, doc.acquainted)
    for index, attachment in enumerate(doc.attachments, start=1):
        body.attachment_head(doc.attachment_mark(index))
        body.paragraph(
            attachment.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=Mm(4)
        ).paragraph_format.keep_with_next = True
        if attachment.note:
            body.text_paragraph(attachment.note)
        body.sections(attachment.sections)
        if attachment.table is not None:
            body.data_table(attachment.table)

    output = BytesIO()
    document.save(output)
    return output.getvalue()


class _Body:
    """Adds the blocks of an official paper to a python-docx document."""

    def __init__(self, document) -> None:
        self.document = document

    def paragraph(
        self,
        text: str = "",
        *,
        bold: bool = False,
        align=None,
        size=None,
        before=None,
        after=None,
        right_indent=None,
    ):
        paragraph = self.document.add_paragraph()
        if text:
            _add_run(paragraph, text, bold=bold, size=size)
        fmt = paragraph.paragraph_format
        if align is not None:
            paragraph.alignment = align
        if before is not None:
            fmt.space_before = before
        if after is not None:
            fmt.space_after = after
        if right_indent is not None:
            fmt.right_indent = right_indent
        return paragraph

    def text_paragraph(self, text: str):
        paragraph = self.paragraph(text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=Mm(2))
        paragraph.paragraph_format.first_line_indent = PARAGRAPH_INDENT
        return paragraph

    def draft_mark(self) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = _add_run(paragraph, "ПРОЕКТ", bold=True)
        run.font.color.rgb = DRAFT_COLOUR
        _letter_spacing(run, Pt(2.5))

    def header(self, organisation: str, details: str) -> None:
        first = self.paragraph(
            organisation, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=Pt(12)
        )
        first.runs[0].font.all_caps = True
        last = first
        if details:
            last = self.paragraph(
                details, align=WD_ALIGN_PARAGRAPH.CENTER, size=Pt(10), before=Mm(1)
            )
        first.paragraph_format.keep_with_next = bool(details)
        last.paragraph_format.space_after = Mm(6)
        _bottom_border(last)

    def letter_head(self, outgoing: str, addressee: list[str]) -> None:
        self.paragraph(outgoing, size=Pt(11), after=Mm(2))
        for index, line in enumerate(addressee):
            paragraph = self.paragraph(line)
            paragraph.paragraph_format.left_indent = Emu(int(TEXT_WIDTH * 0.55))
            paragraph.paragraph_format.keep_with_next = True
            if index == len(addressee) - 1:
                paragraph.paragraph_format.space_after = Mm(8)

    def type_line(self, doc_type: str) -> None:
        paragraph = self.paragraph(
            doc_type, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=Pt(15), before=Mm(4)
        )
        paragraph.paragraph_format.space_after = Mm(4)
        paragraph.paragraph_format.keep_with_next = True
        _letter_spacing(paragraph.runs[0], Pt(4.5))

    def date_line(self, date_text: str, number_text: str) -> None:
        paragraph = self.paragraph(f"{date_text}\t{number_text}")
        paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

    def point(self, number: int, text: str, *, last: bool) -> None:
        paragraph = self.paragraph(f"{number}. {text}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        fmt = paragraph.paragraph_format
        fmt.left_indent = PARAGRAPH_INDENT
        fmt.first_line_indent = -POINT_HANG
        fmt.space_after = Mm(4) if last else Mm(2)

    def signatures(self, rows: list[tuple[str, str]]) -> None:
        spacer = self.paragraph()
        spacer.paragraph_format.space_before = Mm(6)
        table = self._plain_table(len(rows), (45, 25, 30))
        for row, (position, name) in zip(table.rows, rows, strict=True):
            cells = row.cells
            _cell_text(cells[0], position)
            _cell_border(cells[1], "bottom")
            _cell_text(cells[2], name, align=WD_ALIGN_PARAGRAPH.RIGHT)
            for cell in cells:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
                cell.paragraphs[0].paragraph_format.space_before = Mm(3)

    def acquainted(self, heading: str, names: list[str]) -> None:
        paragraph = self.paragraph(heading, size=Pt(11), before=Mm(10))
        paragraph.paragraph_format.keep_with_next = True
        table = self._plain_table(len(names), (40, 25, 35))
        for row, name in zip(table.rows, names, strict=True):
            cells = row.cells
            _cell_text(cells[0], name, size=Pt(11))
            _cell_border(cells[1], "bottom")
            _cell_text(cells[2], ACQUAINTED_DATE, size=Pt(11), align=WD_ALIGN_PARAGRAPH.RIGHT)
            for cell in cells:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
                cell.paragraphs[0].paragraph_format.space_before = Mm(2.5)

    def sections(self, sections) -> None:
        for section in sections:
            self.paragraph(
                section.heading,
                bold=True,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                before=Mm(5),
                after=Mm(2),
            ).paragraph_format.keep_with_next = True
            for text in section.paragraphs:
                self.text_paragraph(text)
            if section.table is not None:
                self.data_table(section.table)

    def right_block(self, lines: list[str], *, after) -> object:
        """Lines top right, flush left within the block: a grif or an attachment mark."""
        paragraph = self.document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.left_indent = Emu(int(TEXT_WIDTH * 0.55))
        fmt.space_after = after
        fmt.keep_with_next = True
        run = _add_run(paragraph, lines[0], size=Pt(12))
        for line in lines[1:]:
            run.add_break()
            run.add_text(line)
        return paragraph

    def attachment_head(self, lines: list[str]) -> None:
        paragraph = self.right_block(lines, after=Mm(6))
        paragraph.paragraph_format.page_break_before = True

    def executor(self, lines: list[str]) -> None:
        paragraph = self.paragraph(lines[0], size=Pt(10), before=Mm(14))
        for line in lines[1:]:
            run = paragraph.runs[0]
            run.add_break()
            run.add_text(line)

    def data_table(self, block: Table) -> None:
        columns = block.columns
        empty = not block.rows
        table = self.document.add_table(
            rows=1 + (1 if empty else len(block.rows)), cols=len(columns)
        )
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fix_widths(table, [column.width for column in columns])
        _cell_margins(table, left=Mm(1.5), right=Mm(1.5))

        header = table.rows[0]
        _row_property(header, "w:tblHeader")
        _row_property(header, "w:cantSplit")
        for cell, column in zip(header.cells, columns, strict=True):
            _cell_text(
                cell, column.title, bold=True, size=Pt(10.5), align=WD_ALIGN_PARAGRAPH.CENTER
            )
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

        if empty:
            row = table.rows[1]
            merged = row.cells[0].merge(row.cells[-1]) if len(columns) > 1 else row.cells[0]
            _cell_text(merged, block.empty_text, size=Pt(10.5), align=WD_ALIGN_PARAGRAPH.CENTER)
            return
        for row, data in zip(table.rows[1:], block.rows, strict=True):
            _row_property(row, "w:cantSplit")
            for cell, value, column in zip(row.cells, data.cells, columns, strict=True):
                align = WD_ALIGN_PARAGRAPH.RIGHT if column.kind in NUMERIC_KINDS else None
                _cell_text(cell, format_cell(value, column.kind), size=Pt(10.5), align=align)

    def _plain_table(self, rows: int, widths: tuple[int, ...]):
        table = self.document.add_table(rows=rows, cols=len(widths))
        _fix_widths(table, list(widths))
        _table_borders(table, "none")
        _cell_margins(table, left=0, right=Mm(1))
        return table


# -- document setup ---------------------------------------------------------------------------


def _setup_styles(document) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    p_pr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = p_pr.find(qn("w:spacing"))
    if spacing is not None:
        p_pr.remove(spacing)

    normal = styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = FONT_SIZE
    _set_fonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.widow_control = True
    for name in ("Footer", "Header"):
        _set_fonts(styles[name].element.get_or_add_rPr())


def _set_fonts(r_pr) -> None:
    """Explicit Times New Roman for every script, so Cyrillic never falls back to a theme font."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT_NAME)


def _setup_page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN_RIGHT
    section.top_margin = MARGIN_TOP
    section.bottom_margin = MARGIN_BOTTOM
    section.header_distance = Mm(10)
    section.footer_distance = Mm(8)

    # ГОСТ Р 7.0.97-2016, 5.2: the page number at the top centre, none on the first page.
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = ""
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", "2")


def _header_run(paragraph, text: str):
    run = paragraph.add_run(text)
    run.font.size = Pt(12)
    return run


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (PAGE, NUMPAGES): Word fills in the value when it lays the page out."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None)):
        run = _header_run(paragraph, "")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    _header_run(paragraph, placeholder)
    end = _header_run(paragraph, "")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def _set_properties(document, doc: OfficialDocument) -> None:
    core = document.core_properties
    heading = f"{doc.doc_type.capitalize()} {doc.title}".strip() if doc.doc_type else doc.title
    core.title = doc.title or heading
    core.subject = heading
    core.author = doc.organisation
    core.last_modified_by = doc.organisation
    core.language = LANGUAGE
    core.comments = ""
    core.keywords = ""
    core.revision = 1
    core.created = core.modified = timezone.now()


# -- small XML helpers ------------------------------------------------------------------------


def _add_run(paragraph, text: str, *, bold: bool = False, size=None):
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if size is not None:
        run.font.size = size
    return run


def _letter_spacing(run, amount) -> None:
    r_pr = run._r.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(int(amount.pt * 20)))
    r_pr.insert_element_before(spacing, *_AFTER_RPR_SPACING)


def _border(tag: str, value: str = "single") -> OxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    if value != "none":
        element.set(qn("w:sz"), "6")
        element.set(qn("w:space"), "0" if tag != "w:bottom" else "1")
        element.set(qn("w:color"), "000000")
    return element


def _bottom_border(paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    borders.append(_border("w:bottom"))
    p_pr.insert_element_before(borders, *_AFTER_PPR_BORDER)


def _cell_border(cell, side: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    borders.append(_border(f"w:{side}"))
    tc_pr.insert_element_before(borders, *_AFTER_TCPR_BORDERS)


def _table_borders(table, value: str) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_border(f"w:{side}", value))
    tbl_pr.insert_element_before(borders, *_AFTER_TBLPR_BORDERS)


def _cell_margins(table, *, left, right) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, amount in (("left", left), ("right", right)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(Emu(amount).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, *_AFTER_TBLPR_CELL_MARGIN)


def _fix_widths(table, weights: list[int]) -> None:
    """Fixed layout, full text width, columns proportional to their weights."""
    table.autofit = False
    total = sum(weights)
    widths = [Emu(int(TEXT_WIDTH * weight / total)) for weight in weights]
    tbl_pr = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(TEXT_WIDTH.twips)))
    width.set(qn("w:type"), "dxa")
    existing = tbl_pr.find(qn("w:tblW"))
    if existing is not None:
        tbl_pr.remove(existing)
    tbl_pr.insert_element_before(width, *_AFTER_TBLPR_WIDTH)
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    for row in table.rows:
        for cell, column_width in zip(row.cells, widths, strict=True):
            cell.width = column_width


def _row_property(row, tag: str) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement(tag))


def _cell_text(cell, text: str, *, bold: bool = False, size=None, align=None) -> None:
    paragraph = cell.paragraphs[0]
    if text:
        _add_run(paragraph, text, bold=bold, size=size)
    if align is not None:
        paragraph.alignment = align
