"""An upload's life: checked and kept for preview, then imported (whole or in part) or cancelled."""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from mentoring.models import Programme, User

from ..models import ImportBatch
from .parsing import ParseResult, parse_file
from .workbook import ImportFileError
from .writing import write_rows

ALL = "all"
VALID = "valid"


@dataclass
class Outcome:
    imported: int = 0
    refusal: str = ""


def _store_result(batch: ImportBatch, result: ParseResult) -> None:
    batch.total_rows = len(result.rows)
    batch.valid_rows = len(result.valid_rows)
    batch.errors = [problem.as_dict() for problem in result.problems]


def create_batch(programme: Programme, kind: str, upload, *, by: User) -> ImportBatch:
    """Checks the uploaded file and keeps it for the preview. Raises ImportFileError."""
    result = parse_file(upload, kind, programme)
    upload.seek(0)
    batch = ImportBatch(
        programme=programme, kind=kind, original_name=upload.name[:255], uploaded_by=by
    )
    _store_result(batch, result)
    # The stored name carries no personal data from the original file name.
    batch.file.save(f"{uuid.uuid4().hex}.xlsx", upload, save=False)
    batch.save()
    return batch


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
    batch.save()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def confirm_batch(batch: ImportBatch, mode: str, *, by: User) -> Outcome:
    """All rows (only when none has an error) or only the valid ones, in one transaction."""
    if mode not in (ALL, VALID):
        raise ValueError(f"unknown import mode: {mode}")
    batch = ImportBatch.objects.select_for_update().select_related("programme").get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        return Outcome(refusal=_refusal_of_status(batch))
    try:
        with batch.file.open("rb") as handle:
            result = parse_file(handle, batch.kind, batch.programme)
    except (ImportFileError, FileNotFoundError, ValueError) as error:
        message = str(error) if isinstance(error, ImportFileError) else "файл не найден"
        return Outcome(refusal=f"Не удалось прочитать сохранённый файл: {message}")
    _store_result(batch, result)
    rows = result.rows if mode == ALL else result.valid_rows
    refusal = ""
    if mode == ALL and result.problems:
        refusal = (
            f"В файле есть ошибки ({len(result.problems)}), поэтому ничего не загружено. "
            "Исправьте файл и загрузите его снова или загрузите только строки без ошибок."
        )
    elif not rows:
        refusal = "В файле нет ни одной строки без ошибок: загружать нечего."
    if refusal:
        batch.save(update_fields=["total_rows", "valid_rows", "errors"])
        return Outcome(refusal=refusal)
    try:
        with transaction.atomic():
            write_rows(rows, batch.kind, batch.programme, by=by)
    except IntegrityError:
        batch.save(update_fields=["total_rows", "valid_rows", "errors"])
        return Outcome(
            refusal="Ничего не загружено: пока файл проверялся, часть этих людей уже добавили "
            "в базу. Загрузите файл заново, чтобы проверить его ещё раз."
        )
    batch.imported_rows = len(rows)
    _finish(batch, ImportBatch.Status.IMPORTED)
    return Outcome(imported=len(rows))


@transaction.atomic
def cancel_batch(batch: ImportBatch) -> Outcome:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        return Outcome(refusal=_refusal_of_status(batch))
    _finish(batch, ImportBatch.Status.CANCELLED)
    return Outcome()
