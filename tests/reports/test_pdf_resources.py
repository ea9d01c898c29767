"""The PDF renderer reads the shipped fonts and no other file, however the URL is spelled."""

import io
import os

import pytest
from pypdf import PdfReader

from reports.documents.fonts import FONT_FACES, font_dir
from reports.documents.pdf import _FontDirFetcher, html_to_pdf

SECRET = "root:x:0:0:the server's own file"


@pytest.fixture
def fonts(settings, tmp_path):
    """A font directory with one real font, next to a file that must stay unread."""
    shipped = font_dir()
    directory = tmp_path / "static" / "fonts"
    directory.mkdir(parents=True)
    name = FONT_FACES[0][1]
    (directory / name).write_bytes((shipped / name).read_bytes())
    (tmp_path / "passwd").write_text(SECRET, encoding="utf-8")
    (tmp_path / "fonts-other").mkdir()
    (tmp_path / "fonts-other" / "x.ttf").write_text(SECRET, encoding="utf-8")
    os.symlink(tmp_path / "passwd", directory / "link.ttf")
    settings.DOCUMENT_FONT_DIR = directory
    return directory


def escapes(directory):
    base = directory.as_uri()
    return [
        f"{base}/../../passwd",
        f"{base}/%2e%2e/%2E%2E/passwd",
        f"{base}/..%2f..%2fpasswd",
        f"{base}/./../../passwd",
        f"{base}/link.ttf",
        f"{base}-other/x.ttf",
        f"file://localhost{directory}/../../passwd",
        f"file://{directory}/" + "../" * 12 + "etc/passwd",
        "file:///etc/passwd",
        "http://127.0.0.1/passwd",
    ]


def test_a_shipped_font_is_read(fonts):
    name = FONT_FACES[0][1]
    response = _FontDirFetcher().fetch((fonts / name).as_uri())
    try:
        assert response.read() == (fonts / name).read_bytes()
    finally:
        response.close()


def test_no_url_leaves_the_font_directory(fonts):
    fetcher = _FontDirFetcher()
    for url in escapes(fonts):
        with pytest.raises(ValueError, match="outside the font directory"):
            fetcher.fetch(url)


def test_a_document_cannot_attach_a_file_from_outside(fonts):
    """WeasyPrint embeds ``<a rel=attachment>`` targets in the PDF: the way a file would leak."""
    links = "".join(
        f'<a rel="attachment" href="{url}">приложение</a>' for url in escapes(fonts)[:5]
    )
    html = f"<html><body>{links}</body></html>"
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    assert embedded_files(reader) == []


def embedded_files(reader) -> list[bytes]:
    """Files in the PDF: WeasyPrint puts a link's attachment on the page as an annotation."""
    found = [b"".join(data) for data in reader.attachments.values()]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            spec = annotation.get_object().get("/FS")
            if spec is not None:
                found.append(spec.get_object()["/EF"]["/F"].get_object().get_data())
    return found


def test_an_attachment_from_the_font_directory_is_embedded(fonts):
    """The check above can fail: an allowed file does end up in the PDF."""
    name = FONT_FACES[0][1]
    html = (
        f'<html><body><a rel="attachment" href="{(fonts / name).as_uri()}">шрифт</a></body></html>'
    )
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    assert embedded_files(reader) == [(fonts / name).read_bytes()]
