"""Import of the mentor and mentee bases from the Excel workbooks schools keep."""

from .batches import (
    ALL,
    VALID,
    Outcome,
    cancel_batch,
    confirm_batch,
    counts,
    create_batch,
    stored_rows,
    stored_rows_of,
)
from .columns import MENTEES, MENTORS
from .errors import ImportFileError
from .parsing import ParseResult, parse_file
from .rows import ParsedRow, Problem
from .template import template_workbook
from .workbook import MAX_ROWS, MAX_ROWS_TEXT

__all__ = [
    "ALL",
    "MAX_ROWS",
    "MAX_ROWS_TEXT",
    "MENTEES",
    "MENTORS",
    "VALID",
    "ImportFileError",
    "Outcome",
    "ParseResult",
    "ParsedRow",
    "Problem",
    "cancel_batch",
    "confirm_batch",
    "counts",
    "create_batch",
    "parse_file",
    "stored_rows",
    "stored_rows_of",
    "template_workbook",
]
