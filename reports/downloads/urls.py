"""A URL pattern for each declared export, all served by ``views.download``; included into the
"reports" namespace by reports/urls.py."""

from django.urls import path, register_converter

from . import exports  # noqa: F401 — declares the exports
from .registry import EXPORTS, Export, FormatConverter
from .views import download

register_converter(FormatConverter, "format")


def _pattern(declared: Export):
    kwargs = {"export": declared.name}
    if declared.fixed_format:
        kwargs["fmt"] = declared.fixed_format
    return path(declared.route, download, kwargs, name=declared.name)


urlpatterns = [_pattern(declared) for declared in EXPORTS.values()]
