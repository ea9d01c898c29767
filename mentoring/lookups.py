"""The municipality, school or programme a request names, fetched within the user's access.

Every view that takes one of these ids from its URL gets the object here: outside the user's
scope it is not found and the page answers 404. ``permission`` is the view's, passed on to
``for_user`` unchanged (``access.PERMISSIONS``).
"""

from collections.abc import Iterable

from django.shortcuts import get_object_or_404

from .models import Municipality, Programme, Region, School


def _related(queryset, related: Iterable[str]):
    # select_related() without names would follow every foreign key: only the ones asked for.
    related = tuple(related)
    return queryset.select_related(*related) if related else queryset


def programme_for(
    request,
    programme_id: int,
    permission: str = "school.read",
    related: Iterable[str] = ("school", "year"),
) -> Programme:
    queryset = Programme.objects.for_user(request.user, permission)
    return get_object_or_404(_related(queryset, related), pk=programme_id)


def school_for(
    request, school_id: int, permission: str = "school.read", related: Iterable[str] = ()
) -> School:
    queryset = School.objects.for_user(request.user, permission)
    return get_object_or_404(_related(queryset, related), pk=school_id)


def municipality_for(
    request, municipality_id: int, permission: str = "municipality.read"
) -> Municipality:
    """Only an officer of the municipality or of its region (or an administrator): school staff
    get 404 too."""
    queryset = Municipality.objects.for_user(request.user, permission)
    return get_object_or_404(queryset, pk=municipality_id)


def region_for(request, region_id: int) -> Region:
    """Only an officer of the region (or an administrator)."""
    return get_object_or_404(Region.objects.for_user(request.user), pk=region_id)
