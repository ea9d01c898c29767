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


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: 1 класс, 2 класса, 5 классов."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
