"""The one rounding rule for shares shown to people, on pages and in PDF and XLSX alike."""

from decimal import ROUND_HALF_UP, Decimal


def whole_percent(fraction: float | Decimal) -> int:
    """A share (0..1) in whole percents, a half rounded up: 21 of 40 (0,525) → 53.

    Python's ``round`` rounds a half to even (52,5 → 52), so it is not used for shares.
    """
    return int((Decimal(str(fraction)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
