"""«Новый учебный год»: the preview of what carries over, the curator's choices, the turn.

The page belongs to the old programme. The school staff reach it (others get 404); only the
curator and the director open and confirm it (the working group gets 403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from mentoring import access

from ..forms.year_turn import YearTurnForm
from ..services.year_turn import YearTurnError, preview_year_turn, result_flags, start_new_year
from .common import staff_programme

TURN_DENIED = "Начать новый учебный год могут куратор и директор школы."
SUMMARY = [
    ("moved_up", "обучающихся переведены в следующий класс"),
    ("graduated", "выпускников (больше не обучающиеся)"),
    ("graduate_mentors", "из них остаются наставниками-выпускниками"),
    ("mentees_carried", "наставляемых перенесены в новую базу"),
    ("pairs_continued", "пар и групп продолжают работу"),
    ("pairs_completed", "пар и групп завершили работу"),
    ("pairs_terminated", "пар и групп прекращены"),
]


@login_required
def year_turn(request, programme_id):
    programme = staff_programme(request, programme_id)
    if not access.can(request.user, "year.turn", programme.school_id):
        raise PermissionDenied(TURN_DENIED)
    today = timezone.localdate()
    preview = preview_year_turn(programme, today)
    if preview.turn is not None and request.method == "POST":
        messages.info(
            request,
            f"Новый учебный год {preview.new_year.name} уже начат: повторно ничего не изменено.",
        )
        return redirect("registry:year_turn", programme.pk)
    form = None
    if preview.turn is None and preview.refusal is None:
        form = YearTurnForm(preview, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = start_new_year(
                    programme, by=request.user, decisions=form.decisions(), today=today
                )
            except YearTurnError as error:
                messages.error(request, str(error))
            else:
                if not result.created:  # another confirmation got there first
                    return redirect("registry:year_turn", programme.pk)
                messages.success(
                    request,
                    f"Начат {result.new_programme.year.name} учебный год. Программа "
                    f"{programme.year.name} в архиве: её данные только для чтения.",
                )
                return redirect("registry:year_turn", programme.pk)
    summary = []
    flags = preview.document_flags
    if preview.turn is not None:
        summary = [(preview.turn.summary.get(key, 0), label) for key, label in SUMMARY]
        flags = result_flags(preview.turn, today)
    return render(
        request,
        "registry/year_turn.html",
        {
            "programme": programme,
            "school": programme.school,
            "preview": preview,
            "form": form,
            "rows": form.rows() if form else [],
            "checked_mentees": form.checked_mentees() if form else set(),
            "summary": summary,
            "flags": flags,
        },
    )


urlpatterns = [
    path("programmes/<int:programme_id>/new-year/", year_turn, name="year_turn"),
]
