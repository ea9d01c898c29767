"""The school card: the staff read it, the curator and the director change it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from mentoring import access
from mentoring.forms import CASE_FIELDS, SchoolCardForm
from mentoring.lookups import school_for

EDIT_DENIED = "Изменять карточку школы могут куратор и директор школы."
AUTOFILL = "autofill"


@login_required
def school_card(request, school_id):
    school = school_for(request, school_id, "records.read")
    can_change = access.can(request.user, "school.card", school.pk)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied(EDIT_DENIED)
        if AUTOFILL in request.POST:
            form = SchoolCardForm.autofilled(request.POST, instance=school)
            messages.info(
                request,
                "Падежные формы заполнены по полному наименованию. Проверьте их и сохраните.",
            )
        else:
            form = SchoolCardForm(request.POST, instance=school)
            if form.is_valid():
                form.save()
                messages.success(request, "Карточка школы сохранена.")
                return redirect("reports:school_card", school_id=school.pk)
    else:
        form = SchoolCardForm(instance=school)
    if not can_change:
        for field in form.fields.values():
            field.disabled = True
    case_fields = [form[name] for name in CASE_FIELDS.values()]
    other_fields = [field for field in form if field.name not in CASE_FIELDS.values()]
    return render(
        request,
        "reports/school_card.html",
        {
            "school": school,
            "form": form,
            "case_fields": case_fields,
            "main_fields": other_fields[:2],
            "other_fields": other_fields[2:],
            "can_change": can_change,
            "autofill": AUTOFILL,
        },
    )
