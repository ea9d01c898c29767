"""Orders (приказы): the curator drafts, the director approves or returns; the documents page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from mentoring import access
from mentoring.lookups import programme_for
from stages.models import OrderKind

from ..declension import CASES, PersonName
from ..models import Order, OrderEvent, decliner_for
from . import due, services
from .drafting import programme_curator
from .forms import NewOrderForm, OrderForm, ReturnForm
from .rendering import order_document

DRAFT_DENIED = "Готовит приказы и передаёт их на утверждение куратор программы."
APPROVE_DENIED = "Утверждать и возвращать приказы может только директор школы."


def order_for(request, order_id) -> Order:
    """An order of a school where the user is on the staff; 404 otherwise."""
    return get_object_or_404(
        Order.objects.for_user(request.user, "records.read").select_related(
            "school", "programme__year", "programme__school", "curator", "course", "commission"
        ),
        pk=order_id,
    )


def _require_draft_right(request, order_or_school_id) -> None:
    school_id = getattr(order_or_school_id, "school_id", order_or_school_id)
    if not access.can(request.user, "order.draft", school_id):
        raise PermissionDenied(DRAFT_DENIED)


def _require_approve_right(request, order: Order) -> None:
    if not access.can(request.user, "order.approve", order.school_id):
        raise PermissionDenied(APPROVE_DENIED)


def _report_problems(request, error: services.OrderError) -> None:
    for problem in error.problems:
        messages.error(request, problem)


@login_required
def order_create(request, programme_id):
    programme = programme_for(request, programme_id, "records.read")
    _require_draft_right(request, programme.school_id)
    if request.method != "POST":
        return redirect("reports:documents", programme.pk)
    form = NewOrderForm(request.POST, approved=due.approved_once(programme))
    if not form.is_valid():
        if "kind" in form.errors:
            messages.error(request, "Выберите вид приказа из списка.")
        for error in form.errors.get("reason", []):
            messages.error(request, error)
        return redirect("reports:documents", programme.pk)
    order = services.create_order(
        programme, form.cleaned_data["kind"], by=request.user, reason=form.cleaned_data["reason"]
    )
    messages.success(
        request, "Проект приказа подготовлен по данным программы. Проверьте текст и списки."
    )
    return redirect("reports:order_edit", order.pk)


def _names_in(order: Order) -> list[dict]:
    """The people whose names the order declines, with the forms used, for checking."""
    names = []
    curator = order.curator or programme_curator(order.programme)
    if curator:
        names.append(curator.full_name)
    if order.kind == OrderKind.AWARDS:
        for award in order.awards.select_related(
            "mentor__participant", "pair__mentor__participant"
        ):
            mentor = award.mentor or (award.pair.mentor if award.pair else None)
            if mentor:
                names.append(mentor.participant.full_name)
    decliner = decliner_for(order.school)
    seen, rows = set(), []
    for name in names:
        if name in seen or len(PersonName.parse(name).full.split()) < 2:
            continue
        seen.add(name)
        rows.append(
            {
                "nominative": name,
                "forms": [decliner.full(name, case) for case in CASES],
                "overridden": decliner.is_overridden(name),
            }
        )
    return rows


@login_required
def order_detail(request, order_id):
    order = order_for(request, order_id)
    document = order_document(order, on=timezone.localdate())
    can_draft = access.can(request.user, "order.draft", order.school_id)
    can_approve = access.can(request.user, "order.approve", order.school_id)
    context = {
        "order": order,
        "document": document,
        "programme": order.programme,
        "school": order.school,
        "events": order.events.select_related("by"),
        "can_draft": can_draft,
        "can_approve": can_approve,
        "problems": services.order_problems(order) if not order.is_approved else [],
        "return_form": ReturnForm(),
        "names": _names_in(order) if order.is_editable else [],
        "case_labels": [label for label, _ in CASES.values()],
        "roadmap_items": order.roadmap_items.select_related("stage"),
        "last_return": order.events.filter(action=OrderEvent.Action.RETURNED).last(),
    }
    return render(request, "reports/orders/detail.html", context)


@login_required
def order_edit(request, order_id):
    order = order_for(request, order_id)
    _require_draft_right(request, order)
    if not order.is_editable:
        messages.error(request, f"Приказ в статусе «{order.get_status_display()}» не изменяется.")
        return redirect(order)
    form = OrderForm(request.POST or None, instance=order, on=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        form.save()
        services.record_edit(order, by=request.user)
        messages.success(request, "Проект приказа сохранён.")
        return redirect(order)
    return render(
        request,
        "reports/orders/form.html",
        {"form": form, "order": order, "programme": order.programme, "school": order.school},
    )


def _transition(request, order_id, action, success: str, *, approver: bool = False):
    order = order_for(request, order_id)
    if approver:
        _require_approve_right(request, order)
    else:
        _require_draft_right(request, order)
    if request.method != "POST":
        return redirect(order)
    try:
        action(order)
    except services.OrderError as error:
        _report_problems(request, error)
    else:
        messages.success(request, success)
    return redirect("reports:order_detail", order.pk)


@login_required
def order_regenerate(request, order_id):
    return _transition(
        request,
        order_id,
        lambda order: services.regenerate(order, by=request.user),
        "Текст приказа пересобран из текущих данных.",
    )


@login_required
def order_submit(request, order_id):
    return _transition(
        request,
        order_id,
        lambda order: services.submit(order, by=request.user),
        "Приказ передан директору на утверждение.",
    )


@login_required
def order_return(request, order_id):
    order = order_for(request, order_id)
    _require_approve_right(request, order)
    if request.method != "POST":
        return redirect(order)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["comment"][0])
        return redirect(order)
    return _transition(
        request,
        order_id,
        lambda order: services.return_order(
            order, by=request.user, comment=form.cleaned_data["comment"]
        ),
        "Приказ возвращён куратору на доработку.",
        approver=True,
    )


@login_required
def order_approve(request, order_id):
    order = order_for(request, order_id)
    _require_approve_right(request, order)
    if request.method != "POST":
        return redirect(order)
    try:
        order = services.approve(order, by=request.user)
    except services.OrderError as error:
        _report_problems(request, error)
    else:
        messages.success(
            request,
            f"Приказ утверждён: {order.reference}. Документ зафиксирован, изменения "
            "вступили в силу.",
        )
    return redirect("reports:order_detail", order.pk)


@login_required
def order_delete(request, order_id):
    order = order_for(request, order_id)
    _require_draft_right(request, order)
    if request.method != "POST":
        return redirect(order)
    programme_id = order.programme_id
    try:
        services.delete_order(order)
    except services.OrderError as error:
        _report_problems(request, error)
        return redirect(order)
    messages.success(request, "Проект приказа удалён.")
    return redirect("reports:documents", programme_id)


@login_required
def documents(request, programme_id):
    programme = programme_for(request, programme_id, "records.read")
    in_work_first = Case(
        When(status=Order.Status.SUBMITTED, then=0),
        When(status=Order.Status.RETURNED, then=1),
        When(status=Order.Status.DRAFT, then=2),
        default=3,
    )
    orders = programme.orders.order_by(in_work_first, "-number_year", "-number", "-created_at")
    kinds_done = set(orders.filter(status=Order.Status.APPROVED).values_list("kind", flat=True))
    once_done = due.approved_once(programme)
    context = {
        "programme": programme,
        "school": programme.school,
        "orders": orders,
        "kinds": [
            {
                "value": value,
                "label": label,
                "approved": value in kinds_done,
                "needs_reason": value in once_done,
            }
            for value, label in OrderKind.choices
        ],
        "due_kind": due.next_due(programme),
        "reason_label": due.REASON_LABEL,
        "can_draft": access.can(request.user, "order.draft", programme.school_id),
        "can_see_sensitive": access.can(request.user, "sensitive.read", programme.school_id),
    }
    return render(request, "reports/documents.html", context)
