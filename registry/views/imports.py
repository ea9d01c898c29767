"""Import of the mentor and mentee bases from Excel: upload, preview, confirm or cancel."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path

from .. import importing
from ..forms.imports import XLSX_TYPE, ImportConfirmForm, ImportUploadForm
from ..models import ImportBatch, Mentee, Mentor, Participant
from .common import require_edit, section_context, staff_object, staff_programme

RECENT_BATCHES = 10
TEMPLATE_NAMES = {
    importing.MENTEES: ("Шаблон базы наставляемых", "Shablon_bazy_nastavlyaemykh"),
    importing.MENTORS: ("Шаблон базы наставников", "Shablon_bazy_nastavnikov"),
}
BASE_LISTS = {importing.MENTEES: "registry:mentee_list", importing.MENTORS: "registry:mentor_list"}
NOUNS = {
    importing.MENTEES: ("наставляемый", "наставляемых", "наставляемых"),
    importing.MENTORS: ("наставник", "наставника", "наставников"),
}


def plural(number: int, forms: tuple[str, str, str]) -> str:
    if number % 10 == 1 and number % 100 != 11:
        return forms[0]
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return forms[1]
    return forms[2]


def imported_message(kind: str, number: int) -> str:
    verb = "Загружен" if number % 10 == 1 and number % 100 != 11 else "Загружено"
    return f"{verb} {number} {plural(number, NOUNS[kind])}"


def _batch(request, batch_id) -> ImportBatch:
    return staff_object(
        request,
        ImportBatch.objects.select_related("programme__school", "programme__year", "uploaded_by"),
        batch_id,
    )


@login_required
def import_start(request, programme_id):
    programme = staff_programme(request, programme_id)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require_edit(request, programme.school_id)
        if form.is_valid():
            try:
                batch = importing.create_batch(
                    programme,
                    form.cleaned_data["kind"],
                    form.cleaned_data["file"],
                    by=request.user,
                )
            except importing.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                return redirect("registry:import_preview", batch_id=batch.pk)
    context = section_context(request, programme, programme.school, "import")
    context.update(
        form=form,
        batches=programme.import_batches.select_related("uploaded_by")[:RECENT_BATCHES],
        max_rows=importing.MAX_ROWS_TEXT,
    )
    return render(request, "registry/imports/start.html", context)


MENTEE_COLUMNS = ["Категории запроса", "Запрос", "Приоритет"]
MENTOR_COLUMNS = ["Контур", "Компетенции", "Чем может быть полезен", "Наставляемых не более"]


def _cells(row: importing.ParsedRow, kind: str, sensitive: bool) -> list[str]:
    person, entry = row.person, row.entry
    kind_label = Participant.Kind(person["kind"]).label if person.get("kind") else ""
    birth_date = person.get("birth_date")
    cells = [
        row.full_name,
        birth_date.strftime("%d.%m.%Y") if birth_date else "",
        kind_label,
        person.get("class_name") or person.get("position") or person.get("organisation"),
    ]
    if kind == importing.MENTEES:
        priority = entry.get("priority")
        return cells + [
            "; ".join(
                name for name, hidden in entry.get("category_labels", []) if sensitive or not hidden
            ),
            entry.get("request_text", ""),
            Mentee.Priority(priority).label if priority else "",
        ]
    contour = entry.get("contour")
    return cells + [
        Mentor.Contour(contour).label if contour else "по категории участника",
        ", ".join(entry.get("competencies", [])),
        entry.get("offer", ""),
        entry.get("capacity", ""),
    ]


def _first_rows(batch: ImportBatch, sensitive: bool):
    """(header, rows, message): the first rows of the stored file as they will be read."""
    if batch.status != ImportBatch.Status.PREVIEW:
        return None, [], ""
    try:
        with batch.file.open("rb") as handle:
            header, rows = importing.preview_rows(handle, batch.kind)
    except importing.ImportFileError as error:
        return None, [], str(error)
    except (FileNotFoundError, ValueError):
        return None, [], "Сохранённый файл не найден: загрузите его заново."
    return header, [(row, _cells(row, batch.kind, sensitive)) for row in rows], ""


@login_required
def import_preview(request, batch_id):
    batch = _batch(request, batch_id)
    programme = batch.programme
    context = section_context(request, programme, programme.school, "import")
    header, rows, file_problem = _first_rows(batch, context["can_see_sensitive"])
    rows_with_errors = {error["row"] for error in batch.errors if error.get("row")}
    context.update(
        batch=batch,
        header=header,
        rows=rows,
        file_problem=file_problem,
        rows_with_errors=rows_with_errors,
        error_rows_count=len(rows_with_errors),
        is_preview=batch.status == ImportBatch.Status.PREVIEW,
        columns=["ФИО", "Дата рождения", "Категория", "Класс, должность"]
        + (MENTOR_COLUMNS if batch.kind == importing.MENTORS else MENTEE_COLUMNS),
    )
    return render(request, "registry/imports/preview.html", context)


@login_required
def import_confirm(request, batch_id):
    batch = _batch(request, batch_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require_edit(request, batch.programme.school_id)
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите, какие строки загрузить.")
        return redirect("registry:import_preview", batch_id=batch.pk)
    outcome = importing.confirm_batch(batch, form.cleaned_data["mode"], by=request.user)
    if outcome.refusal:
        messages.error(request, outcome.refusal)
        return redirect("registry:import_preview", batch_id=batch.pk)
    messages.success(request, imported_message(batch.kind, outcome.imported))
    return redirect(BASE_LISTS[batch.kind], programme_id=batch.programme_id)


@login_required
def import_cancel(request, batch_id):
    batch = _batch(request, batch_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require_edit(request, batch.programme.school_id)
    outcome = importing.cancel_batch(batch)
    if outcome.refusal:
        messages.error(request, outcome.refusal)
        return redirect("registry:import_preview", batch_id=batch.pk)
    messages.success(request, f"Загрузка файла «{batch.original_name}» отменена.")
    return redirect("registry:import_start", programme_id=batch.programme_id)


@login_required
def import_template(request, programme_id, kind):
    staff_programme(request, programme_id)
    if kind not in TEMPLATE_NAMES:
        raise Http404("Неизвестная база")
    name, ascii_name = TEMPLATE_NAMES[kind]
    response = HttpResponse(importing.template_workbook(kind), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}.xlsx\"; filename*=UTF-8''{quote(name + '.xlsx')}"
    )
    return response


urlpatterns = [
    path("programmes/<int:programme_id>/import/", import_start, name="import_start"),
    path(
        "programmes/<int:programme_id>/import/template/<str:kind>.xlsx",
        import_template,
        name="import_template",
    ),
    path("imports/<int:batch_id>/", import_preview, name="import_preview"),
    path("imports/<int:batch_id>/confirm/", import_confirm, name="import_confirm"),
    path("imports/<int:batch_id>/cancel/", import_cancel, name="import_cancel"),
]
