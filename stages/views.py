from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from mentoring import access
from mentoring.archive import (
    ArchiveError,
    archive_programme,
    archive_refusal,
    unarchive_programme,
)
from mentoring.files import attachment
from mentoring.lookups import programme_for
from mentoring.models import Programme
from mentoring.query_params import parse_id

from . import selectors, services
from .forms import RoadmapItemForm, StatusForm
from .models import RoadmapItem, Stage


def _item(request, item_id, *, edit: bool) -> RoadmapItem:
    item = get_object_or_404(
        RoadmapItem.objects.for_user(request.user).select_related(
            "programme__school", "programme__year", "stage"
        ),
        pk=item_id,
    )
    if edit and not access.can(request.user, "roadmap.edit", item.programme.school_id):
        raise PermissionDenied("Изменять дорожную карту могут куратор, директор и рабочая группа.")
    return item


def _can_turn_year(user, programme: Programme) -> bool:
    """The curator and the director are offered «Новый учебный год» on last year's roadmap."""
    return (
        not programme.is_archived
        and programme.is_previous_year(timezone.localdate())
        and access.can(user, "year.turn", programme.school_id)
    )


@login_required
def roadmap(request, programme_id):
    programme = programme_for(request, programme_id)
    show = request.GET.get("show", "all")
    if show not in selectors.ROADMAP_FILTERS:
        show = "all"
    stages = selectors.roadmap_by_stage(programme, show=show, user=request.user)
    return render(
        request,
        "stages/roadmap.html",
        {
            "programme": programme,
            "school": programme.school,
            "stages": stages,
            "show": show,
            "show_label": selectors.ROADMAP_FILTERS[show],
            "filters": selectors.ROADMAP_FILTERS,
            "overall": selectors.overall_progress(stages),
            "can_edit": access.can(request.user, "roadmap.edit", programme.school_id)
            and not programme.is_archived,
            "can_archive": access.can(request.user, "programme.archive", programme.school_id)
            and archive_refusal(programme) is None,
            "can_turn_year": _can_turn_year(request.user, programme),
            "status_choices": RoadmapItem.Status.choices,
            "today": timezone.localdate(),
        },
    )


@login_required
def item_status(request, item_id):
    item = _item(request, item_id, edit=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите статус из списка.")
        return redirect(item.get_absolute_url())
    services.set_item_status(item, form.cleaned_data["status"], by=request.user)
    if not request.headers.get("HX-Request"):
        messages.success(
            request, f"Мероприятие {item.number}: статус «{item.get_status_display()}»."
        )
        return redirect(item.get_absolute_url())
    stages = selectors.stage_progress(item.programme)
    return render(
        request,
        "stages/_status_changed.html",
        {
            "item": item,
            "stage": next(s for s in stages if s.stage.pk == item.stage_id),
            "overall": selectors.overall_progress(stages),
            "can_edit": True,
            "status_choices": RoadmapItem.Status.choices,
            "today": timezone.localdate(),
        },
    )


@login_required
def item_create(request, programme_id):
    programme = programme_for(request, programme_id)
    if not access.can(request.user, "roadmap.edit", programme.school_id):
        raise PermissionDenied("Изменять дорожную карту могут куратор, директор и рабочая группа.")
    stage_number = parse_id(request.GET.get("stage"))
    stage = Stage.objects.filter(number=stage_number).first() if stage_number else None
    form = RoadmapItemForm(
        request.POST or None,
        request.FILES or None,
        school=programme.school,
        initial={"stage": stage},
    )
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.programme = programme
        item.number, item.position = services.next_item_number(programme, item.stage)
        item.updated_by = request.user
        services.record_completion(item, was_done=False)
        item.save()
        messages.success(request, f"Мероприятие {item.number} добавлено в дорожную карту.")
        return redirect(item.get_absolute_url())
    return render(
        request,
        "stages/item_form.html",
        {"form": form, "programme": programme, "school": programme.school},
    )


@login_required
def item_edit(request, item_id):
    item = _item(request, item_id, edit=True)
    was_done = item.status == RoadmapItem.Status.DONE
    form = RoadmapItemForm(
        request.POST or None, request.FILES or None, instance=item, school=item.programme.school
    )
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.updated_by = request.user
        services.record_completion(item, was_done=was_done)
        item.save()
        messages.success(request, f"Мероприятие {item.number} сохранено.")
        return redirect(item.get_absolute_url())
    return render(
        request,
        "stages/item_form.html",
        {"form": form, "item": item, "programme": item.programme, "school": item.programme.school},
    )


@login_required
def item_delete(request, item_id):
    item = _item(request, item_id, edit=True)
    if request.method == "POST":
        programme = item.programme
        number = item.number
        item.delete()
        messages.success(request, f"Мероприятие {number} удалено из дорожной карты.")
        return redirect(programme)
    return render(
        request,
        "stages/item_confirm_delete.html",
        {"item": item, "programme": item.programme, "school": item.programme.school},
    )


@login_required
def item_evidence(request, item_id):
    return attachment(_item(request, item_id, edit=False).evidence_file)


@login_required
def stage_reference(request):
    return render(request, "stages/stage_reference.html", {"stages": Stage.objects.all()})


ARCHIVE_DENIED = "Отправить программу в архив может только директор школы."


@login_required
def programme_archive(request, programme_id):
    """The director sends a finished programme to the archive (read-only from then on)."""
    programme = programme_for(
        request, programme_id, "records.read", related=("school", "year", "archived_by")
    )
    is_director = access.can(request.user, "programme.archive", programme.school_id)
    refusal = archive_refusal(programme)
    if request.method == "POST":
        if not is_director:
            raise PermissionDenied(ARCHIVE_DENIED)
        try:
            archive_programme(programme, by=request.user)
        except ArchiveError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Программа {programme.year.name} отправлена в архив: её данные теперь "
                "только для чтения.",
            )
            return redirect("stages:roadmap", programme.pk)
    return render(
        request,
        "stages/programme_archive.html",
        {
            "programme": programme,
            "school": programme.school,
            "is_director": is_director,
            "refusal": refusal,
            "can_turn_year": _can_turn_year(request.user, programme),
        },
    )


@login_required
def programme_unarchive(request, programme_id):
    """Only an administrator returns a programme from the archive."""
    programme = programme_for(request, programme_id, "records.read", related=())
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        unarchive_programme(programme, by=request.user)
    except ArchiveError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Программа возвращена из архива: данные снова можно изменять.")
    return redirect("stages:roadmap", programme.pk)
