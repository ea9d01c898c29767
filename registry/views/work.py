"""The work of a pair (meetings, diaries, ИПР, timeline), «Мои пары», cases and awards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone

from .. import health
from ..forms.work import (
    AwardForm,
    CaseForm,
    DiaryEntryForm,
    MeetingForm,
    PlanGoalForm,
    PlanItemForm,
    PlanItemStatusForm,
)
from ..models import Award, Case, DiaryEntry, Meeting, PlanItem
from ..services import work as services
from .common import require_edit, section_context, staff_object, staff_programme

WRITE_DENIED = "Записывать работу пары могут её наставник и сотрудники школы."


def pair_url(pair, scope: services.PairScope) -> str:
    """The pair's card for those who read the whole pair, otherwise (a mentee) its timeline."""
    if scope.whole:
        return reverse("registry:pair_detail", args=[pair.pk])
    return reverse("registry:pair_timeline", args=[pair.pk])


def _require_write(request, pair):
    if not services.can_write_pair(request.user, pair):
        raise PermissionDenied(WRITE_DENIED)


def _pair_context(request, pair, scope=None, **extra) -> dict:
    mentees = list(pair.mentees.select_related("participant"))
    scope = scope or services.pair_scope(request.user, pair, mentees)
    can_write = services.can_write_pair(request.user, pair)
    return {
        "pair": pair,
        "pair_url": pair_url(pair, scope),
        "mentees": mentees,
        "plan_mentees": scope.mentees(mentees),
        "can_write": can_write,
        "can_write_mentee": can_write or bool(scope.own),
        **extra,
    }


def _meeting(request, meeting_id):
    return get_object_or_404(
        Meeting.objects.filter(pair__in=services.visible_pairs(request.user)).select_related(
            "pair__programme__school", "pair__mentor__participant", "pair__form"
        ),
        pk=meeting_id,
    )


@login_required
def pair_timeline(request, pair_id):
    pair = services.get_visible_pair(request, pair_id)
    scope = services.pair_scope(request.user, pair)
    return render(
        request,
        "registry/work/timeline.html",
        _pair_context(request, pair, scope, entries=services.timeline(pair, scope)),
    )


@login_required
def meeting_create(request, pair_id):
    pair = services.get_visible_pair(request, pair_id)
    _require_write(request, pair)
    initial = {"kind": services.next_meeting_kind(pair), "held_on": timezone.localdate()}
    form = MeetingForm(request.POST or None, pair=pair, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.pair = pair
        meeting.recorded_by = request.user
        meeting.save()
        messages.success(request, f"Встреча {meeting.held_on:%d.%m.%Y} записана.")
        return redirect("registry:pair_timeline", pair.pk)
    return render(
        request, "registry/work/meeting_form.html", _pair_context(request, pair, form=form)
    )


@login_required
def meeting_edit(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    pair = meeting.pair
    _require_write(request, pair)
    form = MeetingForm(request.POST or None, instance=meeting, pair=pair)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Встреча изменена.")
        return redirect("registry:pair_timeline", pair.pk)
    return render(
        request,
        "registry/work/meeting_form.html",
        _pair_context(request, pair, form=form, meeting=meeting),
    )


@login_required
def meeting_delete(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    pair = meeting.pair
    _require_write(request, pair)
    if request.method == "POST":
        meeting.delete()
        messages.success(request, "Встреча удалена.")
        return redirect("registry:pair_timeline", pair.pk)
    return render(
        request, "registry/work/meeting_delete.html", _pair_context(request, pair, meeting=meeting)
    )


@login_required
def diary_create(request, pair_id, diary):
    pair = services.get_visible_pair(request, pair_id)
    if diary not in DiaryEntry.Diary.values:
        raise Http404("Нет такого дневника.")
    if diary == DiaryEntry.Diary.MENTOR:
        _require_write(request, pair)
        mentees = []
    elif services.can_write_pair(request.user, pair):
        mentees = list(pair.mentees.all())
    else:
        own = services.own_mentee_ids(request.user, pair)
        if not own:
            raise PermissionDenied(WRITE_DENIED)
        mentees = list(pair.mentees.filter(pk__in=own))
    form = DiaryEntryForm(
        request.POST or None,
        pair=pair,
        diary=diary,
        mentees=mentees,
        initial={"written_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.pair, entry.diary, entry.author = pair, diary, request.user
        entry.save()
        messages.success(request, f"Запись внесена: {entry.get_diary_display().lower()}.")
        return redirect("registry:pair_timeline", pair.pk)
    return render(
        request,
        "registry/work/diary_form.html",
        _pair_context(
            request, pair, form=form, diary_label=services.diary_label(diary), diary=diary
        ),
    )


def _plan_context(request, pair, mentee, plan, **extra):
    items = list(plan.items.all()) if plan else []
    for item in items:
        item.status_form = PlanItemStatusForm(instance=item, prefix=f"item-{item.pk}")
    return _pair_context(
        request,
        pair,
        mentee=mentee,
        plan=plan,
        items=items,
        progress=services.plan_progress(items),
        **extra,
    )


def _pair_mentee(request, pair, mentee_id):
    """A mentee of the pair whose plan the user reads: another child's plan is 404."""
    mentee = get_object_or_404(pair.mentees.select_related("participant"), pk=mentee_id)
    if not services.pair_scope(request.user, pair).sees_mentee(mentee.pk):
        raise Http404("Нет такого индивидуального плана.")
    return mentee


@login_required
def plan_detail(request, pair_id, mentee_id):
    pair = services.get_visible_pair(request, pair_id)
    mentee = _pair_mentee(request, pair, mentee_id)
    plan = services.plan_of(pair, mentee)
    if request.method == "POST":
        _require_write(request, pair)
    goal_form = PlanGoalForm(request.POST or None, instance=plan, prefix="plan")
    if request.method == "POST" and goal_form.is_valid():
        plan = goal_form.save(commit=False)
        plan.pair, plan.mentee = pair, mentee
        plan.save()
        messages.success(request, "Цель индивидуального плана развития сохранена.")
        return redirect("registry:plan_detail", pair.pk, mentee.pk)
    return render(
        request,
        "registry/work/plan_detail.html",
        _plan_context(
            request, pair, mentee, plan, goal_form=goal_form, item_form=PlanItemForm(prefix="new")
        ),
    )


@login_required
def plan_item_create(request, pair_id, mentee_id):
    pair = services.get_visible_pair(request, pair_id)
    mentee = _pair_mentee(request, pair, mentee_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _require_write(request, pair)
    plan = services.plan_of(pair, mentee)
    if plan is None:
        messages.error(request, "Сначала запишите цель индивидуального плана развития.")
        return redirect("registry:plan_detail", pair.pk, mentee.pk)
    item_form = PlanItemForm(request.POST, prefix="new")
    if item_form.is_valid():
        item = item_form.save(commit=False)
        item.plan = plan
        item.position = plan.items.count() + 1
        item.save()
        messages.success(request, f"Задача «{item.task}» добавлена в план.")
        return redirect("registry:plan_detail", pair.pk, mentee.pk)
    return render(
        request,
        "registry/work/plan_detail.html",
        _plan_context(
            request,
            pair,
            mentee,
            plan,
            goal_form=PlanGoalForm(instance=plan, prefix="plan"),
            item_form=item_form,
        ),
    )


@login_required
def plan_item_status(request, plan_item_id):
    item = get_object_or_404(
        PlanItem.objects.filter(plan__pair__in=services.visible_pairs(request.user)).select_related(
            "plan__pair__programme__school", "plan__pair__mentor__participant", "plan__mentee"
        ),
        pk=plan_item_id,
    )
    pair = item.plan.pair
    if not services.pair_scope(request.user, pair).sees_mentee(item.plan.mentee_id):
        raise Http404("Нет такой задачи.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _require_write(request, pair)
    form = PlanItemStatusForm(request.POST, instance=item, prefix=f"item-{item.pk}")
    if form.is_valid():
        form.save()
        messages.success(request, f"Статус задачи «{item.task}»: {item.get_status_display()}.")
    else:
        messages.error(request, "Статус не изменён: выберите статус из списка.")
    return redirect("registry:plan_detail", pair.pk, item.plan.mentee_id)


@login_required
def my_pairs(request):
    pairs = list(services.my_pairs(request.user))
    for pair in pairs:
        mentees = list(pair.mentees.all())
        scope = services.pair_scope(request.user, pair, mentees)
        pair.url = pair_url(pair, scope)
        pair.plan_mentees = scope.mentees(mentees)
        pair.writable = pair.mentor.participant.user_id == request.user.id
    # Only the mentor reads what is due; mentees never see the curator's reasons.
    own = [pair for pair in pairs if pair.writable]
    found = health.concerns(own, timezone.localdate())
    for pair in own:
        pair.to_do = [c.mentor_action for c in found.get(pair.pk, []) if c.mentor_action]
    return render(request, "registry/work/my_pairs.html", {"pairs": pairs})


@login_required
def case_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    cases = programme.cases.select_related("pair__mentor__participant", "form")
    return render(
        request,
        "registry/work/case_list.html",
        {**section_context(request, programme, programme.school, "cases"), "cases": cases},
    )


def _case_form(request, programme, case=None):
    require_edit(request, programme.school_id)
    form = CaseForm(request.POST or None, instance=case, programme=programme)
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        case.programme = programme
        case.save()
        messages.success(request, f"Практика «{case.title}» сохранена в базе успешных практик.")
        return redirect("registry:case_list", programme.pk)
    return render(
        request,
        "registry/work/case_form.html",
        {
            **section_context(request, programme, programme.school, "cases"),
            "form": form,
            "case": case,
        },
    )


@login_required
def case_create(request, programme_id):
    return _case_form(request, staff_programme(request, programme_id))


@login_required
def case_edit(request, case_id):
    case = staff_object(
        request, Case.objects.select_related("programme__school", "programme__year"), case_id
    )
    return _case_form(request, case.programme, case)


@login_required
def award_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    awards = programme.awards.select_related("mentor__participant", "pair__mentor__participant")
    return render(
        request,
        "registry/work/award_list.html",
        {**section_context(request, programme, programme.school, "cases"), "awards": awards},
    )


@login_required
def award_create(request, programme_id):
    programme = staff_programme(request, programme_id)
    require_edit(request, programme.school_id)
    form = AwardForm(
        request.POST or None,
        programme=programme,
        initial={"awarded_on": timezone.localdate(), "kind": Award.Kind.BEST_MENTOR},
    )
    if request.method == "POST" and form.is_valid():
        award = form.save(commit=False)
        award.programme = programme
        award.save()
        messages.success(request, f"Поощрение записано: {award}.")
        return redirect("registry:award_list", programme.pk)
    return render(
        request,
        "registry/work/award_form.html",
        {**section_context(request, programme, programme.school, "cases"), "form": form},
    )


urlpatterns = [
    path("pairs/<int:pair_id>/timeline/", pair_timeline, name="pair_timeline"),
    path("pairs/<int:pair_id>/meetings/new/", meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/edit/", meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/delete/", meeting_delete, name="meeting_delete"),
    path("pairs/<int:pair_id>/diary/<str:diary>/new/", diary_create, name="diary_create"),
    path("pairs/<int:pair_id>/plan/<int:mentee_id>/", plan_detail, name="plan_detail"),
    path(
        "pairs/<int:pair_id>/plan/<int:mentee_id>/items/new/",
        plan_item_create,
        name="plan_item_create",
    ),
    path("plan-items/<int:plan_item_id>/status/", plan_item_status, name="plan_item_status"),
    path("my/pairs/", my_pairs, name="my_pairs"),
    path("programmes/<int:programme_id>/cases/", case_list, name="case_list"),
    path("programmes/<int:programme_id>/cases/new/", case_create, name="case_create"),
    path("cases/<int:case_id>/edit/", case_edit, name="case_edit"),
    path("programmes/<int:programme_id>/awards/", award_list, name="award_list"),
    path("programmes/<int:programme_id>/awards/new/", award_create, name="award_create"),
]
