"""Names of organisations and positions in the grammatical cases a document needs.

Only the head group changes: the adjectives at the start and the noun they agree with
(«Муниципальное бюджетное общеобразовательное учреждение» → «Муниципального бюджетного
общеобразовательного учреждения», «старший воспитатель» → «старшего воспитателя»). What follows
the head noun is already in its own case and stays: a genitive tail («заместитель директора по
учебно-воспитательной работе», «учреждение города Энска»), a quoted name, a number, an
abbreviation. A hyphenated noun declines in both parts («педагог-психолог» → «педагога-психолога»).
Personal names are declined in ``declension.py`` (petrovich); pymorphy3 knows common words.
"""

from __future__ import annotations

import re
from functools import cache

import pymorphy3

NOMINATIVE = "nominative"
GENITIVE = "genitive"
DATIVE = "dative"
ACCUSATIVE = "accusative"
INSTRUMENTAL = "instrumental"
PREPOSITIONAL = "prepositional"

GRAMMEMES = {
    GENITIVE: "gent",
    DATIVE: "datv",
    ACCUSATIVE: "accs",
    INSTRUMENTAL: "ablt",
    PREPOSITIONAL: "loct",
}
CASES = tuple(GRAMMEMES)

_TOKEN = re.compile(r"(\s+)")
# Where the head group ends at the latest: a quoted name, a number, a sign, an abbreviation.
_STOP = re.compile(r"^[«\"“„'(№\d]")
_WORD = re.compile(r"^[А-Яа-яЁё]+(-[А-Яа-яЁё]+)*[,.;:]?$")
_ADJECTIVE = {"ADJF", "PRTF"}


@cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def _is_abbreviation(word: str) -> bool:
    letters = word.replace("-", "")
    return len(letters) > 1 and letters.isupper()


def _nominatives(word: str, parts: set[str]):
    return [
        parse
        for parse in _morph().parse(word)
        if parse.tag.POS in parts and parse.tag.case == "nomn"
    ]


def _agrees(adjective, noun) -> bool:
    if adjective.tag.number != noun.tag.number:
        return False
    return noun.tag.number == "plur" or adjective.tag.gender == noun.tag.gender


def _head_group(words: list[str]) -> list:
    """Parses of the words that decline: leading adjectives and their noun, or a lone
    substantivised adjective («заведующий библиотекой»); empty when there is no such group."""
    best: list = []
    for index, word in enumerate(words):
        for noun in _nominatives(word, {"NOUN"}):
            adjectives = []
            for before in words[:index]:
                agreeing = [a for a in _nominatives(before, _ADJECTIVE) if _agrees(a, noun)]
                if not agreeing:
                    break
                adjectives.append(agreeing[0])
            else:
                best = [*adjectives, noun]
                break
        if not _nominatives(word, _ADJECTIVE):
            break
    if best:
        return best
    substantive = _nominatives(words[0], _ADJECTIVE) if words else []
    return substantive[:1]


def _inflected(parse, case: str, head) -> str | None:
    grammemes = {GRAMMEMES[case]}
    if parse is not head:
        grammemes.add(head.tag.number)
        if head.tag.number == "sing" and head.tag.gender:
            grammemes.add(head.tag.gender)
        if case == ACCUSATIVE and (head.tag.number == "plur" or head.tag.gender == "masc"):
            grammemes.add("anim" if head.tag.animacy == "anim" else "inan")
    form = parse.inflect(grammemes)
    return form.word if form else None


def _same_letters_case(source: str, word: str) -> str:
    if "ё" not in source.lower():
        word = word.replace("ё", "е")
    if source.isupper():
        return word.upper()
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def inflect_phrase(text: str, case: str) -> str:
    """The phrase in the case; a phrase with no recognisable head group is returned as written."""
    if case == NOMINATIVE or not text.strip():
        return text
    tokens = _TOKEN.split(text.strip())
    positions = []
    for position, token in enumerate(tokens):
        if not token or token.isspace():
            continue
        if _STOP.match(token) or _is_abbreviation(token) or not _WORD.match(token):
            break
        positions.append(position)
        if token[-1] in ",.;:":
            break
    group = _head_group([tokens[p].rstrip(",.;:") for p in positions])
    if not group:
        return text.strip()
    head = group[-1]
    for position, parse in zip(positions, group, strict=False):
        token = tokens[position]
        bare = token.rstrip(",.;:")
        declined = _inflected(parse, case, head)
        if declined is None:
            return text.strip()
        tokens[position] = _same_letters_case(bare, declined) + token[len(bare) :]
    _inflect_participle(tokens, positions[-1], head, case)
    return "".join(tokens)


def _inflect_participle(tokens: list[str], last: int, head, case: str) -> None:
    """«Положение …, утверждённое приказом …» → «Положением …, утверждённым приказом …»: a
    participle that opens the clause after the comma agrees with the head noun."""
    if not tokens[last].endswith(","):
        return
    following = next((i for i in range(last + 1, len(tokens)) if tokens[i].strip()), None)
    if following is None:
        return
    token = tokens[following]
    bare = token.rstrip(",.;:")
    participles = [p for p in _nominatives(bare, {"PRTF"}) if _agrees(p, head)]
    if not _WORD.match(token) or not participles:
        return
    declined = _inflected(participles[0], case, head)
    if declined:
        tokens[following] = _same_letters_case(bare, declined) + token[len(bare) :]


def position_in(text: str, case: str) -> str:
    """A position as it reads after a name inside a sentence: declined, the first letter in
    lower case unless the first word is an abbreviation («учителю математики», «ИО директора»)."""
    text = " ".join(text.split())
    if not text:
        return ""
    declined = inflect_phrase(text, case)
    first = declined.split(" ", 1)[0]
    if _is_abbreviation(first):
        return declined
    return declined[:1].lower() + declined[1:]


def case_forms(text: str) -> dict[str, str]:
    """The phrase in every oblique case, keyed by case name."""
    return {case: inflect_phrase(text, case) for case in CASES}
