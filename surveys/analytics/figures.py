"""Small numeric helpers shared by the analytics modules."""

from collections.abc import Iterable


def mean(values: Iterable[float]) -> float | None:
    """The arithmetic mean, unrounded; None for no values."""
    values = list(values)
    return sum(values) / len(values) if values else None


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)
