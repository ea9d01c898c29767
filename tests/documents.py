"""Reading generated documents back: PDF text, DOCX paragraphs and tables, XLSX cells, and the
conversion of a file in headless LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _content(document) -> bytes:
    if isinstance(document, bytes):
        return document
    return b"".join(document.streaming_content) if document.streaming else document.content


def pdf_pages(document) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(_content(document))).pages]


def pdf_text(document) -> str:
    """All the text of a PDF (bytes or a response), lines joined by spaces."""
    return " ".join(" ".join(pdf_pages(document)).split())


def docx_paragraphs(document) -> list[str]:
    """Body paragraphs, then the text of every table cell, in order."""
    doc = Document(io.BytesIO(_content(document)))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return lines


def docx_text(document) -> str:
    return " ".join(" ".join(docx_paragraphs(document)).split())


def xlsx_rows(document, sheet: str | None = None) -> list[tuple]:
    book = load_workbook(io.BytesIO(_content(document)), read_only=True, data_only=True)
    ws = book[sheet] if sheet else book.worksheets[0]
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def convert(document, suffix: str, to: str = "pdf") -> bytes:
    """Converts a document with headless LibreOffice and returns the result; fails the test
    when LibreOffice cannot open the file."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"document.{suffix}"
        source.write_bytes(_content(document))
        profile = Path(folder) / "profile"
        result = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                folder,
                str(source),
            ],
            capture_output=True,
            timeout=180,
        )
        target = Path(folder) / f"document.{to}"
        assert target.exists(), result.stderr.decode(errors="replace")
        return target.read_bytes()
