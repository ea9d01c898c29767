"""What every registry view shares: fetching within the user's access, and the section tabs.

The bases hold personal data of children: they are open to the school staff (curator, director,
working group) only. Municipal officers and mentors get 404 here.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from mentoring import access
from mentoring.lookups import programme_for
from mentoring.models import AcademicYear, Programme, School

EDIT_DENIED = "Изменять базы могут куратор, директор и рабочая группа школы."


def staff_programme(request, programme_id) -> Programme:
    return programme_for(request, programme_id, "records.read")


def staff_object(request, queryset, pk):
    """An object of a school-scoped queryset, 404 unless the user is on the school's staff."""
    return get_object_or_404(queryset.for_user(request.user, "records.read"), pk=pk)


def require_edit(request, school_id: int) -> None:
    if not access.can(request.user, "records.edit", school_id):
        raise PermissionDenied(EDIT_DENIED)


def current_programme(school: School) -> Programme | None:
    year = AcademicYear.objects.current()
    programme = school.programmes.filter(year=year).select_related("year").first()
    return (
        programme or school.programmes.select_related("year").order_by("-year__start_date").first()
    )


# Sections whose rows belong to a programme: read-only while the programme is in the archive.
PROGRAMME_SECTIONS = frozenset(
    {"mentees", "request_map", "pairs", "selection", "training", "cases", "import"}
)


def section_context(request, programme: Programme | None, school: School, active: str) -> dict:
    """Context for templates/registry/_tabs.html and the breadcrumbs."""
    archived = bool(programme and programme.archived_at and active in PROGRAMME_SECTIONS)
    return {
        "programme": programme,
        "school": school,
        "registry_tab": active,
        "programme_archived": archived,
        "can_edit": access.can(request.user, "records.edit", school.pk) and not archived,
        "can_see_sensitive": access.can(request.user, "sensitive.read", school.pk),
    }
