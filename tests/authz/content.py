"""The text a response shows its reader: HTML, PDF (pypdf), XLSX cells (openpyxl), DOCX
paragraphs and tables (python-docx); any other file as bytes read as UTF-8."""

import html
import re
from io import BytesIO

from docx import Document as DocxDocument
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.errors import PdfReadError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TAGS = re.compile(r"<[^>]+>")


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _pdf(data: bytes) -> str:
    try:
        reader = PdfReader(BytesIO(data))
        return " ".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError):  # an uploaded file, not a generated document
        return data.decode("utf-8", "ignore")


def _xlsx(data: bytes) -> str:
    book = load_workbook(BytesIO(data))
    return " ".join(
        str(cell.value) for ws in book for row in ws.iter_rows() for cell in row if cell.value
    )


def _docx(data: bytes) -> str:
    document = DocxDocument(BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(parts)


def text_of(response) -> str:
    """The visible text, whitespace collapsed to single spaces."""
    data = _body(response)
    kind = response.get("Content-Type", "").split(";")[0]
    if kind == "text/html":
        page = data.decode()  # with the tags too: a name in an attribute is shown as well
        text = f"{html.unescape(TAGS.sub(' ', page))} {html.unescape(page)}"
    elif kind == "application/pdf":
        text = _pdf(data)
    elif kind == XLSX:
        text = _xlsx(data)
    elif kind == DOCX:
        text = _docx(data)
    else:
        text = data.decode("utf-8", "ignore")
    return " ".join(text.split())


def found_in(needles, text: str) -> list[str]:
    """The needles present in the text, also when a line break split them in a PDF table."""
    squeezed = "".join(text.split())
    return [n for n in needles if n in text or "".join(n.split()) in squeezed]
