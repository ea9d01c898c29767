"""The export registry: what the one download view needs to know about each document.

An export is declared once, in ``exports.py``, by decorating its build function with ``export``:
its URL name and path, how its object is found for the user (404 outside their scope), who of
those may download it (403 with ``denied`` otherwise), the formats it is offered in, and the
build itself — a ``Document`` (report), an ``OfficialDocument`` (paper) or a ready response.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse

from ..documents import Document, OfficialDocument
from ..documents.responses import CONTENT_TYPES

FORMAT_PARAMETER = "<format:fmt>"

Content = Document | OfficialDocument | HttpResponse


@dataclass(frozen=True)
class Export:
    name: str  # URL name in the "reports" namespace
    route: str  # URL path: FORMAT_PARAMETER where the user picks the format
    formats: frozenset[str]
    find: Callable[..., Any]  # (request, **URL kwargs) → the object, 404 outside the scope
    build: Callable[[HttpRequest, Any, str], Content]  # (request, object, format)
    allowed: Callable[[Any, Any], bool] | None = None  # (user, object)
    denied: str = ""

    @property
    def fixed_format(self) -> str | None:
        """The one format of an export whose path names it (``certificate.pdf``)."""
        if FORMAT_PARAMETER in self.route:
            return None
        (fmt,) = self.formats
        return fmt


EXPORTS: dict[str, Export] = {}


def export(
    name: str,
    route: str,
    *,
    formats: set[str],
    find: Callable[..., Any],
    allowed: Callable[[Any, Any], bool] | None = None,
    denied: str = "",
):
    """Declares the decorated ``build(request, object, fmt)`` as the export ``name``."""
    if not formats or not formats <= CONTENT_TYPES.keys():
        raise ValueError(f"{name}: formats {sorted(formats)} outside {sorted(CONTENT_TYPES)}")
    if FORMAT_PARAMETER not in route and len(formats) != 1:
        raise ValueError(f"{name}: a path without {FORMAT_PARAMETER} fixes one format")
    if allowed and not denied:
        raise ValueError(f"{name}: a refusal needs its message")

    def declare(build):
        if name in EXPORTS:
            raise ValueError(f"export {name!r} is declared twice")
        EXPORTS[name] = Export(name, route, frozenset(formats), find, build, allowed, denied)
        return build

    return declare


class FormatConverter:
    """A document format in a path: any other suffix does not match, so it is 404 before a
    view runs."""

    regex = "|".join(CONTENT_TYPES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
