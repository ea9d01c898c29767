"""The history of changes of one record, for the school's curator and director."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from . import access
from .audit import history_model, history_of
from .pagination import paginate


@login_required
def object_history(request, model, object_id):
    model_class = history_model(model)
    if model_class is None:
        raise Http404("Нет такого вида записей")
    instance = get_object_or_404(
        model_class.objects.for_user(request.user, "records.read"), pk=object_id
    )
    school_id = _school_id(instance)
    if not access.can(request.user, "sensitive.read", school_id):
        raise PermissionDenied("Историю изменений видят куратор и директор школы.")
    page, querystring = paginate(request, history_of(instance), 50)
    return render(
        request,
        "mentoring/object_history.html",
        {
            "instance": instance,
            "verbose_name": model_class._meta.verbose_name,
            "page": page,
            "querystring": querystring,
        },
    )


def _school_id(instance) -> int:
    for path in ("school_id", "programme.school_id", "participant.school_id"):
        target = instance
        for part in path.split("."):
            target = getattr(target, part, None)
        if target:
            return target
    raise Http404("Запись не привязана к школе")
