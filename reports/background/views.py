"""Starting a report as a background job; its page and file are mentoring's (``jobs/<id>/``)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone

from mentoring import jobs
from mentoring.lookups import municipality_for
from mentoring.periods import PeriodError, parse_period

from .kinds import CONSOLIDATED_MONTHLY_PDF


@login_required
def consolidated_monthly_job(request, municipality_id: int, period: str):
    municipality = municipality_for(request, municipality_id)
    if request.method != "POST":  # after the scope check: outside it, 404 whatever the method
        return HttpResponseNotAllowed(["POST"])
    try:
        month = parse_period(period)
    except PeriodError as error:
        raise Http404(str(error)) from error
    job = jobs.start(
        CONSOLIDATED_MONTHLY_PDF,
        {"period": month.isoformat(), "today": timezone.localdate().isoformat()},
        request.user,
        municipality=municipality,
    )
    return redirect("job", job_id=job.pk)
