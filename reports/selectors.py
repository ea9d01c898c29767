import datetime
from dataclasses import dataclass

from django.utils import timezone

from mentoring.models import AcademicYear, Municipality, Programme, School
from stages import selectors as stage_selectors
from stages.models import Stage
from stages.selectors import Progress


@dataclass
class SchoolRow:
    school: School
    programme: Programme | None
    progress: Progress
    current_stage: Stage | None


def municipality_rows(
    municipality: Municipality, year: AcademicYear | None, today: datetime.date | None = None
) -> list[SchoolRow]:
    """Each school of the municipality with its programme's progress for the year."""
    today = today or timezone.localdate()
    schools = list(municipality.schools.order_by("short_name"))
    programmes = {
        p.school_id: p
        for p in Programme.objects.filter(school__in=schools, year=year).select_related("year")
    }
    ids = [p.pk for p in programmes.values()]
    progress = stage_selectors.progress_by_programme(ids, today)
    current = stage_selectors.current_stage_by_programme(ids)
    rows = []
    for school in schools:
        programme = programmes.get(school.pk)
        rows.append(
            SchoolRow(
                school=school,
                programme=programme,
                progress=progress.get(programme.pk, Progress()) if programme else Progress(),
                current_stage=current.get(programme.pk) if programme else None,
            )
        )
    return rows
