from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone

from mentoring import access
from mentoring.pagination import paginate
from mentoring.query_params import parse_id

from ..forms.pairs import ClosureForm, PairActionForm, PairEditForm, PairForm
from ..models import Meeting, Mentee, Pair
from ..selectors import EARLY_CLOSURE_BENCHMARK, closure_rates
from ..services import attention, work
from ..services import pairs as services
from .common import require_edit, section_context, staff_programme


def _mentees_prefetch():
    return Prefetch("mentees", queryset=Mentee.objects.select_related("participant"))


@login_required
def pair_list(request, programme_id):
    programme = staff_programme(request, programme_id)
    status = request.GET.get("status", "")
    pairs = work.with_last_meeting(
        Pair.objects.filter(programme=programme)
        .select_related("mentor__participant", "form", "role_model")
        .prefetch_related(_mentees_prefetch())
    )
    if status in Pair.Status.values:
        pairs = pairs.filter(status=status)
    page, querystring = paginate(request, pairs)
    found = attention.programme_concerns(programme, timezone.localdate())
    attention.mark(page.object_list, found)
    waiting = (
        programme.mentees.filter(status=Mentee.Status.WAITING)
        .select_related("participant")
        .order_by("-priority", "participant__last_name")
    )
    return render(
        request,
        "registry/pairs/pair_list.html",
        {
            **section_context(request, programme, programme.school, "pairs"),
            "pairs": page,
            "page": page,
            "querystring": querystring,
            "status": status,
            "statuses": Pair.Status.choices,
            "waiting": waiting[:30],
            "waiting_count": waiting.count(),
            "attention_count": len(found),
            "closures": closure_rates(Pair.objects.filter(programme=programme)).total,
            "benchmark": EARLY_CLOSURE_BENCHMARK,
        },
    )


@login_required
def pair_create(request, programme_id):
    programme = staff_programme(request, programme_id)
    require_edit(request, programme.school_id)
    initial = {}
    if mentee_id := parse_id(request.GET.get("mentee")):
        initial["mentees"] = [mentee_id]
    form = PairForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pair = services.create_pair(
                programme,
                data["mentor"],
                list(data["mentees"]),
                data["form"],
                data["role_model"],
                by=request.user,
                goal=data["goal"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                rematch_note=data["rematch_note"],
            )
        except services.PairingError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            kind = "Группа сформирована" if pair.mentees.count() > 1 else "Пара сформирована"
            messages.success(
                request,
                f"{kind}. Её утвердит приказ «Об утверждении наставнических пар/групп».",
            )
            return redirect(pair)
    return render(
        request,
        "registry/pairs/pair_form.html",
        {**section_context(request, programme, programme.school, "pairs"), "form": form},
    )


def _pair(request, pair_id) -> Pair:
    return get_object_or_404(
        Pair.objects.for_user(request.user).select_related(
            "programme__school", "programme__year", "mentor__participant", "form", "role_model"
        ),
        pk=pair_id,
    )


@login_required
def pair_detail(request, pair_id):
    pair = _pair(request, pair_id)
    school = pair.programme.school
    return render(
        request,
        "registry/pairs/pair_detail.html",
        {
            **section_context(request, pair.programme, school, "pairs"),
            "is_staff": access.can(request.user, "records.read", school.pk),
            "can_write": work.can_write_pair(request.user, pair),
            "pair": pair,
            "mentees": pair.mentees.select_related("participant"),
            "meetings": pair.meetings.all()[:5],
            "meeting_count": pair.meetings.filter(held_on__lte=timezone.localdate()).count(),
            "today": timezone.localdate(),
        },
    )


@login_required
def pair_edit(request, pair_id):
    pair = _pair(request, pair_id)
    require_edit(request, pair.programme.school_id)
    form = PairEditForm(request.POST or None, instance=pair)
    if request.method == "POST" and form.is_valid():
        pair = form.save(commit=False)
        pair.updated_by = request.user
        pair.save()
        messages.success(request, "Сведения о паре сохранены.")
        return redirect(pair)
    return render(
        request,
        "registry/pairs/pair_edit.html",
        {
            **section_context(request, pair.programme, pair.programme.school, "pairs"),
            "form": form,
            "pair": pair,
        },
    )


@login_required
def pair_action(request, pair_id):
    pair = _pair(request, pair_id)
    require_edit(request, pair.programme.school_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PairActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Неизвестное действие.")
        return redirect(pair)
    action, note = form.cleaned_data["action"], form.cleaned_data["note"]
    try:
        if action == "approve":
            if not services.approve_pairs([pair], by=request.user, note=note):
                raise services.PairingError(["Утвердить можно только проект пары."])
        else:
            services.start_pair(pair, by=request.user)
    except services.PairingError as error:
        for problem in error.problems:
            messages.error(request, problem)
    else:
        messages.success(request, f"Статус пары: «{pair.get_status_display()}».")
    return redirect(pair)


@login_required
def pair_close(request, pair_id):
    pair = _pair(request, pair_id)
    require_edit(request, pair.programme.school_id)
    if not pair.is_open:
        messages.info(request, f"Пара уже в статусе «{pair.get_status_display()}».")
        return redirect(pair)
    today = timezone.localdate()
    early = request.GET.get("early") == "1"
    initial = {"kind": "early" if early else "planned", "ends_on": today}
    form = ClosureForm(request.POST or None, pair=pair, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            closure = services.close_pair(
                pair,
                by=request.user,
                early=form.early,
                closure_reason=data["closure_reason"],
                comment=data["comment"],
                on=data["ends_on"],
                final_meeting=form.final_meeting(),
                require_final_meeting=True,
            )
        except services.PairingError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, closure.message)
            return redirect(pair)
    finals = pair.meetings.filter(kind=Meeting.Kind.FINAL, held_on__lte=today)
    return render(
        request,
        "registry/pairs/pair_close.html",
        {
            **section_context(request, pair.programme, pair.programme.school, "pairs"),
            "form": form,
            "pair": pair,
            "final_meeting": finals.order_by("-held_on").first(),
            "early_reasons": services.EARLY_ONLY_REASONS,
            "planned_reasons": services.PLANNED_ONLY_REASONS,
        },
    )


urlpatterns = [
    path("programmes/<int:programme_id>/pairs/", pair_list, name="pair_list"),
    path("programmes/<int:programme_id>/pairs/new/", pair_create, name="pair_create"),
    path("pairs/<int:pair_id>/", pair_detail, name="pair_detail"),
    path("pairs/<int:pair_id>/edit/", pair_edit, name="pair_edit"),
    path("pairs/<int:pair_id>/action/", pair_action, name="pair_action"),
    path("pairs/<int:pair_id>/close/", pair_close, name="pair_close"),
]
