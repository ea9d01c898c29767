"""Excel sheet names: at most 31 characters, none of []:*?/\\, unique ignoring case."""

import re

MAX_LENGTH = 31
FALLBACK = "Лист"
_INVALID = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# Excel keeps "History" for its change-tracking sheet.
_RESERVED = frozenset({"history"})


def cut_at_word(name: str, length: int = MAX_LENGTH) -> str:
    """At most ``length`` characters, cut after a whole word when one ends past the middle."""
    if len(name) <= length:
        return name
    cut = name[: length + 1].rfind(" ")
    return (name[:cut] if cut > length // 2 else name[:length]).rstrip(" ,.;:-–—")


def clean_sheet_name(raw: str) -> str:
    name = " ".join(_INVALID.sub("", raw or "").split())
    name = cut_at_word(name).strip().strip("'").strip()
    if not name:
        return FALLBACK
    if name.lower() in _RESERVED:
        return f"{name} 1"
    return name


class SheetNamer:
    def __init__(self) -> None:
        self._used: set[str] = set()

    def __call__(self, raw: str) -> str:
        base = clean_sheet_name(raw)
        name = base
        counter = 2
        while name.lower() in self._used:
            suffix = f" ({counter})"
            name = cut_at_word(base, MAX_LENGTH - len(suffix)) + suffix
            counter += 1
        self._used.add(name.lower())
        return name
