"""The project's own pages: the home router that sends each user to where they work, and the
start of a school's programme."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from mentoring import access
from mentoring.lookups import school_for
from mentoring.models import AcademicYear, Municipality, Region, School
from stages import services as stage_services


@login_required
def home(request):
    """Sends each user to where they work: school staff to the school, officers to the centre
    (a regional officer to the region's overview)."""
    user = request.user
    regions = list(Region.objects.for_user(user))
    if not user.is_superuser and len(regions) == 1:
        return redirect(regions[0])
    staff_schools = list(School.objects.for_user(user, "records.read"))
    municipalities = list(Municipality.objects.for_user(user))
    roles = access.roles_of(user)
    if not user.is_superuser:
        if len(staff_schools) == 1 and not municipalities:
            return redirect(staff_schools[0])
        if not staff_schools and len(municipalities) == 1:
            return redirect(municipalities[0])
        if not staff_schools and not municipalities:
            return redirect("registry:my_pairs")
    return render(
        request,
        "home.html",
        {
            "schools": staff_schools,
            "municipalities": municipalities,
            "regions": regions,
            "is_mentor": access.MENTOR in roles,
        },
    )


@login_required
def start_programme(request, school_id):
    school = school_for(request, school_id, "roadmap.edit")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    year = AcademicYear.for_date(timezone.localdate())
    programme, created = stage_services.start_programme(school, year)
    if created:
        messages.success(
            request,
            f"Программа наставничества на {year.name} учебный год создана, "
            "дорожная карта заполнена по типовому шаблону.",
        )
    return redirect(programme)
