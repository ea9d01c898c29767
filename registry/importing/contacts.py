"""Phones in one format and e-mail addresses checked, with a guess at an obvious typo."""

import re
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .values import CellError, text

_PHONE_SPLIT = re.compile(r"[,;]|\s{2,}|/(?=\s*[+\d(])")


def _one_phone(raw: str) -> str:
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    if len(digits) != 10:
        return " ".join(raw.split())
    return f"+7 {digits[:3]} {digits[3:6]}-{digits[6:8]}-{digits[8:]}"


def parse_phone(value: object) -> str:
    """«89001234567», «8 (900) 123-45-67», «+7-900-123-45-67» → «+7 900 123-45-67».

    A number that is not a Russian one of ten digits stays as written.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = text(value)
    if not raw or not any(char.isdigit() for char in raw):
        return raw
    parts = [part for part in _PHONE_SPLIT.split(raw) if part.strip()]
    return ", ".join(_one_phone(part) for part in parts)


KNOWN_DOMAINS = (
    "mail.ru", "bk.ru", "inbox.ru", "list.ru", "internet.ru", "yandex.ru", "ya.ru", "yandex.com",
    "rambler.ru", "gmail.com", "icloud.com", "outlook.com", "hotmail.com", "yahoo.com",
)  # fmt: skip
_TLD_TYPOS = {",ru": ".ru", ".ry": ".ru", ".rи": ".ru", ",com": ".com", ".con": ".com"}


def _distance_at_most_one(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@lru_cache(maxsize=1024)
def _meant_domain(domain: str) -> str:
    """A well-known domain one typo away from ``domain``, or ``domain`` itself."""
    if domain in KNOWN_DOMAINS or len(domain) < 4:
        return domain
    close = [known for known in KNOWN_DOMAINS if _distance_at_most_one(domain, known)]
    return close[0] if len(close) == 1 else domain


def suggestion(address: str) -> str | None:
    """A likely meant address: «ivanov@gmial.com» → «ivanov@gmail.com»; None if no guess."""
    guess = "".join(address.split()).replace("mailto:", "")
    for wrong, right in _TLD_TYPOS.items():
        if guess.endswith(wrong):
            guess = guess[: -len(wrong)] + right
    if guess.count("@") != 1:
        return None
    local, domain = guess.split("@")
    domain = _meant_domain(domain.lower().rstrip("."))
    candidate = f"{local}@{domain}"
    if candidate.lower() == address.lower():
        return None
    try:
        validate_email(candidate)
    except ValidationError:
        return None
    return candidate


# Addresses Django's validator accepts, in their plain form: checked by one expression, the
# validator is asked about the rest.
_PLAIN_EMAIL = re.compile(
    r"^[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    re.IGNORECASE | re.ASCII,
)


def _valid(address: str) -> bool:
    if len(address) <= 254 and _PLAIN_EMAIL.match(address):
        return True
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def parse_email(value: object) -> str:
    address = text(value).removeprefix("mailto:")
    if not address:
        return ""
    guess = suggestion(address)
    if not _valid(address):
        hint = f": может быть, «{guess}»?" if guess else ""
        raise CellError(
            f"неверный адрес электронной почты «{address}»{hint}", "Неверный адрес почты"
        )
    if guess:
        raise CellError(
            f"похоже на опечатку в адресе электронной почты «{address}»: может быть, «{guess}»?",
            "Неверный адрес почты",
        )
    local, domain = address.rsplit("@", 1)
    return f"{local}@{domain.lower()}"
