"""Import of the mentor and mentee bases from the Excel workbooks schools keep."""

from .batches import ALL, VALID, Outcome, cancel_batch, confirm_batch, create_batch
from .columns import MENTEES, MENTORS
from .parsing import ParseResult, parse_file, preview_rows
from .rows import ParsedRow, Problem
from .template import template_workbook
from .workbook import MAX_ROWS, MAX_ROWS_TEXT, ImportFileError

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
    "create_batch",
    "parse_file",
    "preview_rows",
    "template_workbook",
]
