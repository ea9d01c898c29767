"""Import of the mentor and mentee bases from Excel: upload, preview, confirm or cancel; the
template, the base in the import's own shape, and the checked file with its errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path

from mentoring import access
from mentoring.files import content_disposition, document_name
from mentoring.text import plural

from .. import importing
from ..forms.imports import XLSX_TYPE, ImportConfirmForm, ImportUploadForm
from ..importing.errorbook import error_workbook
from ..importing.export import export_workbook
from ..importing.sources import FORMAT_LABELS
from ..importing.summary import ChangeWriter, error_groups
from ..models import ImportBatch, Mentee, Mentor, Participant, RequestCategory
from .common import require_edit, section_context, staff_object, staff_programme

RECENT_BATCHES = 10
PREVIEW_ROWS = 20
ERRORS_SHOWN = 200
CHANGES_SHOWN = 100
SKIPPED_SHOWN = 100
TEMPLATE_NAMES = {
    importing.MENTEES: "Шаблон базы наставляемых",
    importing.MENTORS: "Шаблон базы наставников",
}
EXPORT_NAMES = {
    importing.MENTEES: "База наставляемых для загрузки",
    importing.MENTORS: "База наставников для загрузки",
}
BASE_LISTS = {importing.MENTEES: "registry:mentee_list", importing.MENTORS: "registry:mentor_list"}
NOUNS = {
    importing.MENTEES: ("наставляемый", "наставляемых", "наставляемых"),
    importing.MENTORS: ("наставник", "наставника", "наставников"),
}


def imported_message(kind: str, outcome: importing.Outcome) -> str:
    if not outcome.added and not outcome.updated:
        return "Ничего не изменилось: все строки файла совпадают с базой."
    parts = []
    if outcome.added:
        verb = "Загружен" if outcome.added % 10 == 1 and outcome.added % 100 != 11 else "Загружено"
        parts.append(f"{verb} {outcome.added} {plural(outcome.added, *NOUNS[kind])}")
    if outcome.updated:
        parts.append(f"обновлено {outcome.updated}" if parts else f"Обновлено {outcome.updated}")
    if outcome.unchanged:
        parts.append(f"без изменений {outcome.unchanged}")
    return ", ".join(parts)


def _download(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition("attachment", name, "xlsx")
    return response


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
                    sensitive=access.can(request.user, "sensitive.read", programme.school_id),
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
ACTIONS = {"add": "добавится", "update": "обновится", "same": "без изменений"}
HIDDEN_CATEGORY = "(конфиденциальная категория)"


def _cells(row: importing.ParsedRow, kind: str, sensitive: bool, categories: dict) -> list[str]:
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
        priority = entry.get("priority") or ("normal" if row.action == "add" else "")
        return cells + [
            "; ".join(
                categories[pk].name
                for pk in entry.get("categories", [])
                if pk in categories and (sensitive or not categories[pk].sensitive)
            ),
            entry.get("request_text", ""),
            Mentee.Priority(priority).label if priority else "",
        ]
    contour = entry.get("contour")
    return cells + [
        Mentor.Contour(contour).label if contour else "по категории участника",
        ", ".join(entry.get("competencies", [])),
        entry.get("offer", ""),
        entry.get("capacity") or "",
    ]


def _changes(batch: ImportBatch, writer: ChangeWriter) -> list:
    shown = []
    for data in batch.rows:
        if data.get("action") != "update" or data.get("problems"):
            continue
        row = importing.stored_rows_of([data])[0]
        changes = writer.changes(row)
        if changes:
            shown.append((row, changes))
        if len(shown) >= CHANGES_SHOWN:
            break
    return shown


def _shown_errors(errors: list[dict], sensitive: bool) -> list[dict]:
    """Error messages quote what was written; a sensitive category is named only to those who
    may see it."""
    if sensitive:
        return errors
    hidden = RequestCategory.objects.filter(sensitive=True).values_list("name", flat=True)
    names = sorted(hidden, key=len, reverse=True)
    shown = []
    for error in errors:
        message = error["message"]
        for name in names:
            message = message.replace(name, HIDDEN_CATEGORY)
        shown.append({**error, "message": message})
    return shown


@login_required
def import_preview(request, batch_id):
    batch = _batch(request, batch_id)
    programme = batch.programme
    context = section_context(request, programme, programme.school, "import")
    sensitive = context["can_see_sensitive"]
    errors = _shown_errors(batch.errors, sensitive)
    is_preview = batch.status == ImportBatch.Status.PREVIEW
    rows = importing.stored_rows_of(batch.rows[:PREVIEW_ROWS]) if is_preview else []
    writer = ChangeWriter(sensitive=sensitive)
    categories = writer.categories
    rows_with_errors = {
        f"{error['row']} (лист «{error['sheet']}»)" if error.get("sheet") else str(error["row"])
        for error in batch.errors
        if error.get("row")
    }
    details = batch.details or {}
    context.update(
        batch=batch,
        unknown=(details.get("header") or {}).get("unknown", []),
        format_label=FORMAT_LABELS.get(details.get("format"), ""),
        sheet=details.get("sheet", ""),
        class_sheets=[sheet["title"] for sheet in details.get("sheets", [])],
        sheet_notes=details.get("sheet_notes", []),
        rows=[
            (row, ACTIONS.get(row.action, ""), _cells(row, batch.kind, sensitive, categories))
            for row in rows
        ],
        file_problem=""
        if batch.rows or not is_preview
        else ("Проверка этого файла не сохранилась: загрузите его заново."),
        rows_with_errors=rows_with_errors,
        error_rows_count=len(rows_with_errors),
        error_groups=error_groups(errors),
        errors_shown=errors[:ERRORS_SHOWN],
        can_download_errors=sensitive or batch.uploaded_by_id == request.user.pk,
        changes=_changes(batch, writer) if is_preview else [],
        plan=details.get("result") if not is_preview else details,
        skipped=batch.skipped[:SKIPPED_SHOWN],
        is_preview=is_preview,
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
    outcome = importing.confirm_batch(
        batch,
        form.cleaned_data["mode"],
        by=request.user,
        sensitive=access.can(request.user, "sensitive.read", batch.programme.school_id),
    )
    if outcome.refusal:
        messages.error(request, outcome.refusal)
        return redirect("registry:import_preview", batch_id=batch.pk)
    messages.success(request, imported_message(batch.kind, outcome))
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
def import_errors(request, batch_id):
    """The checked file with a column of errors; while the file is kept (until import/cancel)."""
    batch = _batch(request, batch_id)
    school_id = batch.programme.school_id
    if batch.uploaded_by_id != request.user.pk and not access.can(
        request.user, "sensitive.read", school_id
    ):
        raise PermissionDenied(
            "Файл с ошибками — это загруженный файл целиком: его скачивают тот, кто загрузил "
            "файл, куратор и директор."
        )
    if batch.status != ImportBatch.Status.PREVIEW or not batch.file or not batch.details:
        raise Http404("Файл уже удалён")
    try:
        with batch.file.open("rb") as handle:
            content = handle.read()
        workbook = error_workbook(content, batch.details, batch.errors, batch.skipped)
    except (importing.ImportFileError, FileNotFoundError, ValueError) as error:
        messages.error(request, f"Не удалось собрать файл с ошибками: {error}")
        return redirect("registry:import_preview", batch_id=batch.pk)
    stem = batch.original_name.rsplit(".", 1)[0]
    return _download(workbook, f"{stem} — ошибки")


@login_required
def import_template(request, programme_id, kind):
    programme = staff_programme(request, programme_id)
    if kind not in TEMPLATE_NAMES:
        raise Http404("Неизвестная база")
    sensitive = access.can(request.user, "sensitive.read", programme.school_id)
    return _download(importing.template_workbook(kind, sensitive=sensitive), TEMPLATE_NAMES[kind])


@login_required
def import_export(request, programme_id, kind):
    """The base as a file the import reads back: one row per person, every field it reads."""
    programme = staff_programme(request, programme_id)
    if kind not in EXPORT_NAMES:
        raise Http404("Неизвестная база")
    sensitive = access.can(request.user, "sensitive.read", programme.school_id)
    year = programme.year.name.replace("/", "-")
    return _download(
        export_workbook(programme, kind, sensitive=sensitive),
        document_name(programme.school.short_name, EXPORT_NAMES[kind], detail=year),
    )


urlpatterns = [
    path("programmes/<int:programme_id>/import/", import_start, name="import_start"),
    path(
        "programmes/<int:programme_id>/import/template/<str:kind>.xlsx",
        import_template,
        name="import_template",
    ),
    path(
        "programmes/<int:programme_id>/import/export/<str:kind>.xlsx",
        import_export,
        name="import_export",
    ),
    path("imports/<int:batch_id>/", import_preview, name="import_preview"),
    path("imports/<int:batch_id>/errors.xlsx", import_errors, name="import_errors"),
    path("imports/<int:batch_id>/confirm/", import_confirm, name="import_confirm"),
    path("imports/<int:batch_id>/cancel/", import_cancel, name="import_cancel"),
]
