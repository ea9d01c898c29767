"""Download links say what they download, not only the file format."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from reports.orders import services
from stages.models import OrderKind

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FORMAT_ONLY = re.compile(r"^\s*(PDF|XLSX|DOCX|JSON)\s*$")
LINK = re.compile(r"<a\s([^>]*)>(.*?)</a>", re.S)


def test_no_download_names_only_a_file_format():
    """A button says it in its text; a «PDF · XLSX» link beside a title says it to a screen
    reader (its aria-label ends with the format it shows)."""
    bare = []
    for path in TEMPLATES.rglob("*.html"):
        for attributes, text in LINK.findall(path.read_text(encoding="utf-8")):
            shown = FORMAT_ONLY.match(text)
            if not shown:
                continue
            named = re.search(rf'aria-label="[^"]+, {shown.group(1)}"', attributes)
            if 'class="btn' in attributes or not named:
                bare.append(f"{path.relative_to(TEMPLATES)}: {attributes[:80]}")
    assert not bare


@pytest.mark.today("2026-09-20")
def test_documents_page_names_every_download(client, programme, curator):
    order = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    client.force_login(curator)
    page = client.get(reverse("reports:documents", args=[programme.pk])).content.decode()
    bare = [
        attributes
        for attributes, text in LINK.findall(page)
        if FORMAT_ONLY.match(text) and 'aria-label="Скачать' not in attributes
    ]
    assert not bare
    assert 'aria-label="Скачать реестр наставников, PDF"' in page
    assert f'aria-label="Скачать приказ «{order.title}», DOCX"' in page


@pytest.mark.today("2026-09-20")
def test_base_lists_say_what_they_download(client, programme, curator):
    client.force_login(curator)
    mentors = client.get(reverse("registry:mentor_list", args=[programme.pk])).content.decode()
    assert "Скачать базу наставников, PDF</a>" in mentors
    mentees = client.get(reverse("registry:mentee_list", args=[programme.pk])).content.decode()
    assert "Скачать базу наставляемых, XLSX</a>" in mentees
