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


def plural(n: int, one: str, few: str, many: str) -> str:
    """The word agreeing with the number: 1 класс, 2 класса, 5 классов, 21 класс."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def days(n: int) -> str:
    """«1 день», «3 дня», «30 дней»."""
    return f"{n} {plural(n, 'день', 'дня', 'дней')}"


def one_or_many(count: int, one: str, many: str) -> str:
    """The label of a list by how many it names: «наставляемый: …» or «наставляемые: …»."""
    return one if count == 1 else many
