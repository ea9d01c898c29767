"""An upload's life: checked once and kept for preview, then imported (whole or in part) or
cancelled. The parsed rows are stored on the batch; the confirmation checks them against the
base as it is at that moment, without reading the file again."""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from mentoring import events
from mentoring.models import Programme, User

from ..models import ImportBatch
from .matching import ADD, SAME, UPDATE, plan_rows
from .parsing import ParseResult, parse_file
from .rows import ParsedRow
from .stored import header_from_details, row_from_json, row_to_json
from .writing import write_rows

ALL = "all"
VALID = "valid"


@dataclass
class Outcome:
    imported: int = 0
    refusal: str = ""
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def counts(rows) -> dict:
    """How many rows an import adds, updates and leaves as they are (rows with errors apart)."""
    actions = [row.action for row in rows if row.ok]
    return {
        "added": actions.count(ADD),
        "updated": actions.count(UPDATE),
        "unchanged": actions.count(SAME),
    }


def _store(batch: ImportBatch, rows: list[ParsedRow], *, with_rows: bool = True) -> None:
    batch.total_rows = len(rows)
    batch.valid_rows = sum(1 for row in rows if row.ok)
    batch.errors = [problem.as_dict() for row in rows for problem in row.problems]
    if with_rows:
        batch.rows = [row_to_json(row) for row in rows]
    batch.details = {**batch.details, **counts(rows)}


def _details(result: ParseResult) -> dict:
    details = {
        "format": result.format,
        "sheet": result.sheet_title,
        "header": result.header.as_dict(),
    }
    if result.sheets:
        details["sheets"] = result.sheets
    if result.sheet_notes:
        details["sheet_notes"] = result.sheet_notes
    return details


def create_batch(
    programme: Programme, kind: str, upload, *, by: User, sensitive: bool = True
) -> ImportBatch:
    """Checks the uploaded file and keeps it with its parsed rows. Raises ImportFileError."""
    upload.seek(0)
    result = parse_file(upload.read(), kind, programme, sensitive=sensitive)
    upload.seek(0)
    batch = ImportBatch(
        programme=programme,
        kind=kind,
        original_name=upload.name[:255],
        uploaded_by=by,
        skipped=result.skipped,
        details=_details(result),
    )
    _store(batch, result.rows)
    extension = (upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else "")[:5]
    # The stored name carries no personal data from the original file name.
    batch.file.save(f"{uuid.uuid4().hex}.{extension or 'bin'}", upload, save=False)
    batch.save()
    return batch


def stored_rows(batch: ImportBatch) -> list[ParsedRow]:
    return [row_from_json(data) for data in batch.rows]


def _refusal_of_status(batch: ImportBatch) -> str:
    if batch.status == ImportBatch.Status.IMPORTED:
        return "Этот файл уже загружен в базу: повторная загрузка не выполняется."
    return "Загрузка этого файла отменена. Чтобы загрузить его, выберите файл заново."


def _finish(batch: ImportBatch, status: str) -> None:
    """Closes the batch and removes the uploaded file: it holds personal data no longer needed."""
    name = batch.file.name
    storage = batch.file.storage
    batch.status = status
    batch.finished_at = timezone.now()
    batch.file.name = ""
    batch.rows = []
    batch.save()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


STORED_FIELDS = ["total_rows", "valid_rows", "errors", "rows", "details"]


@transaction.atomic
def confirm_batch(batch: ImportBatch, mode: str, *, by: User, sensitive: bool = True) -> Outcome:
    """All rows (only when none has an error) or only the valid ones, in one transaction."""
    if mode not in (ALL, VALID):
        raise ValueError(f"unknown import mode: {mode}")
    batch = ImportBatch.objects.select_for_update().select_related("programme").get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        return Outcome(refusal=_refusal_of_status(batch))
    if not batch.rows or "header" not in batch.details:
        return Outcome(refusal="Проверка этого файла не сохранилась: загрузите его заново.")
    rows = stored_rows(batch)
    plan_rows(
        rows, header_from_details(batch.details), batch.programme, batch.kind, sensitive=sensitive
    )
    _store(batch, rows, with_rows=False)  # the rows are stored again only if nothing is written
    problems = sum(len(row.problems) for row in rows)
    chosen = rows if mode == ALL else [row for row in rows if row.ok]
    refusal = ""
    if mode == ALL and problems:
        refusal = (
            f"В файле есть ошибки ({problems}), поэтому ничего не загружено. "
            "Исправьте файл и загрузите его снова или загрузите только строки без ошибок."
        )
    elif not chosen:
        refusal = "В файле нет ни одной строки без ошибок: загружать нечего."
    if refusal:
        _store(batch, rows)
        batch.save(update_fields=STORED_FIELDS)
        return Outcome(refusal=refusal)
    try:
        with transaction.atomic():
            write_rows(chosen, batch.kind, batch.programme, by=by)
    except IntegrityError:
        _store(batch, rows)
        batch.save(update_fields=STORED_FIELDS)
        return Outcome(
            refusal="Ничего не загружено: пока файл проверялся, часть этих людей уже добавили "
            "в базу. Загрузите файл заново, чтобы проверить его ещё раз."
        )
    done = counts(chosen)
    batch.imported_rows = done["added"] + done["updated"]
    batch.details = {**batch.details, "result": done}
    _finish(batch, ImportBatch.Status.IMPORTED)
    events.record(
        "import.done",
        by=by,
        batch=batch.pk,
        programme=batch.programme_id,
        kind=batch.kind,
        mode=mode,
        **done,
    )
    return Outcome(imported=batch.imported_rows, **done)


@transaction.atomic
def cancel_batch(batch: ImportBatch) -> Outcome:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        return Outcome(refusal=_refusal_of_status(batch))
    _finish(batch, ImportBatch.Status.CANCELLED)
    return Outcome()


def stored_rows_of(data: list[dict]) -> list[ParsedRow]:
    return [row_from_json(item) for item in data]
