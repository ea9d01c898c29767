"""Downloads of uploaded files (scans, evidence, portfolios).

Uploaded files hold personal data and have no public URL: a view checks access first, then
hands the file over with this helper.
"""

from pathlib import Path

from django.http import FileResponse, Http404


def attachment(field_file, *, missing: str = "Файл не прикреплён") -> FileResponse:
    """The stored file as a download; 404 when nothing is attached or the file is gone."""
    if not field_file:
        raise Http404(missing)
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as gone:
        raise Http404("Файл не найден") from gone
    return FileResponse(handle, as_attachment=True, filename=Path(field_file.name).name)
