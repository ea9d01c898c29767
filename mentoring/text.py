"""Russian text helpers shared by every app."""

TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p"]
        + ["r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
        strict=True,
    )
)


def transliterate(text: str) -> str:
    """Cyrillic to Latin letters (as in Russian passports, simplified); other characters kept."""
    letters = []
    for char in text:
        latin = TRANSLIT.get(char.lower(), char)
        letters.append(latin.capitalize() if char.isupper() else latin)
    return "".join(letters)
