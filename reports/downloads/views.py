"""The one download view: every export of ``exports.py`` is served here."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache

from ..documents import Document, OfficialDocument, document_response, official_response
from .registry import EXPORTS


# Documents carry personal data: no cache keeps them (file_response says so for rendered files,
# this for stored ones).
@never_cache
@login_required
def download(request, export: str, fmt: str, **kwargs) -> HttpResponse:
    declared = EXPORTS[export]
    found = declared.find(request, **kwargs)
    if declared.allowed and not declared.allowed(request.user, found):
        raise PermissionDenied(declared.denied)
    if fmt not in declared.formats:
        raise Http404("Неизвестный формат документа")
    content = declared.build(request, found, fmt)
    if isinstance(content, Document):
        return document_response(content, fmt)
    if isinstance(content, OfficialDocument):
        return official_response(content, fmt)
    return content
