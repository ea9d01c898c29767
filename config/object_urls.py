"""Where the pages of the lowest app's objects live: their views are in the apps above it.

``ABSOLUTE_URL_OVERRIDES`` gives these models ``get_absolute_url`` without mentoring naming a URL
of another app.
"""

from django.urls import reverse


def region(obj) -> str:
    return reverse("reports:region_overview", args=[obj.pk])


def municipality(obj) -> str:
    return reverse("reports:municipality_overview", args=[obj.pk])


def school(obj) -> str:
    return reverse("reports:school_dashboard", args=[obj.pk])


def programme(obj) -> str:
    return reverse("stages:roadmap", args=[obj.pk])
