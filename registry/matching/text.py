"""Word stems for the «simple overlap» comparison of a request with a mentor's competencies."""

import re

STEM = 5
WORD = re.compile(r"[а-яёa-z]+")
# Stems of words that say nothing about the subject of a request or an offer.
STOP = frozenset(
    {
        "хочу",
        "хотел",
        "помог",
        "помощ",
        "подго",
        "нужна",
        "нужен",
        "нужно",
        "очень",
        "котор",
        "чтобы",
        "могу",
        "умею",
        "будет",
        "лучше",
        "класс",
        "наста",
        "учени",
        "работ",
        "своих",
        "свой",
        "также",
        "более",
    }
)


def stems(text: str) -> set[str]:
    """Lowercase 5-letter stems of the words of four or more letters, without stop words."""
    found = set()
    for word in WORD.findall(text.lower().replace("ё", "е")):
        if len(word) >= 4:
            stem = word[:STEM]
            if stem not in STOP:
                found.add(stem)
    return found
