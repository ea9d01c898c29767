from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from . import access
from .models import AcademicYear, Municipality, Programme, School


@login_required
def home(request):
    """Sends each user to where they work: school staff to the school, officers to the centre."""
    user = request.user
    staff_schools = list(School.objects.for_user(user, access.SCHOOL_STAFF))
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
        "mentoring/home.html",
        {
            "schools": staff_schools,
            "municipalities": municipalities,
            "is_mentor": access.MENTOR in roles,
        },
    )


@login_required
def start_programme(request, school_id):
    school = get_object_or_404(School.objects.for_user(request.user, access.EDITORS), pk=school_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    year = AcademicYear.for_date(timezone.localdate())
    programme, created = Programme.objects.get_or_create(school=school, year=year)
    if created:
        messages.success(
            request,
            f"Программа наставничества на {year.name} учебный год создана, "
            "дорожная карта заполнена по типовому шаблону.",
        )
    return redirect(programme)
