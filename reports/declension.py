"""Russian personal names in the grammatical cases an order needs.

petrovich does most of the work; the corrections below cover what it gets wrong for common names
(«Ольгы» for Ольга, male names in -а/-я such as Никита left undeclined, surnames in -ых/-их
declined for men, surnames in -а/-я such as Чайка or Глинка left undeclined, «Цого» for Цой,
«Ильичем» for Ильич, «о Юрие» for Юрий, Azerbaijani patronymics in «оглы»/«кызы» touched).
Whatever is still wrong is fixed per person with a ``NameOverride``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from petrovich.enums import Case as PetrovichCase
from petrovich.enums import Gender
from petrovich.main import Petrovich

NOMINATIVE = "nominative"
GENITIVE = "genitive"
DATIVE = "dative"
ACCUSATIVE = "accusative"
INSTRUMENTAL = "instrumental"
PREPOSITIONAL = "prepositional"

CASES = {
    GENITIVE: ("родительный (кого?)", PetrovichCase.GENITIVE),
    DATIVE: ("дательный (кому?)", PetrovichCase.DATIVE),
    ACCUSATIVE: ("винительный (кого?)", PetrovichCase.ACCUSATIVE),
    INSTRUMENTAL: ("творительный (кем?)", PetrovichCase.INSTRUMENTAL),
    PREPOSITIONAL: ("предложный (о ком?)", PetrovichCase.PREPOSITIONAL),
}

MALE_PATRONYMIC = ("вич", "ьич", "оглы", "улы")
FEMALE_PATRONYMIC = ("вна", "чна", "шна", "кызы", "гызы")
# Male first names that end like feminine ones.
MALE_NAMES_IN_A = frozenset(
    {
        "илья",
        "никита",
        "кузьма",
        "фома",
        "лука",
        "савва",
        "данила",
        "гаврила",
        "михайла",
        "иона",
        "добрыня",
        "еремей",
    }
)
# Only an ending is respelled: «Ольгы» → «Ольги», while «кызы» or «Кыдыров» stay as written.
_AFTER_VELAR_OR_HUSHING = re.compile(r"(?<=[гкхжшчщ])ы\b")
_INDECLINABLE_SURNAME = re.compile(r"(ых|их|ово|аго|яго|ко)$", re.IGNORECASE)
# A patronymic of the Turkic kind («Рауф оглы», «Рашид кызы») is written the same in every case.
_TURKIC_PATRONYMIC = re.compile(r"\s(оглы|улы|кызы|гызы)$", re.IGNORECASE)
# Patronymics stressed on the ending: «Ильичом», not «Ильичем».
STRESSED_PATRONYMICS = frozenset({"ильич", "лукич", "фомич", "кузьмич"})
# Feminine surnames of the adjective kind (Иванова, Ильина, Толстая): petrovich declines them.
_ADJECTIVE_FEMININE_SURNAME = re.compile(r"(ова|ева|ёва|ина|ына|ая|яя)$", re.IGNORECASE)
# Surnames in -а/-я after a consonant (Чайка, Глинка, Мазепа, Вишня) and in -ия (Берия) decline
# like the nouns they are, for men and women alike; petrovich leaves them as they are.
_NOUN_SURNAME = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])[ая]$|ия$", re.IGNORECASE)
_NOUN_ENDINGS = {
    "а": {GENITIVE: "ы", DATIVE: "е", ACCUSATIVE: "у", INSTRUMENTAL: "ой", PREPOSITIONAL: "е"},
    "я": {GENITIVE: "и", DATIVE: "е", ACCUSATIVE: "ю", INSTRUMENTAL: "ей", PREPOSITIONAL: "е"},
    "ия": {
        GENITIVE: "ии",
        DATIVE: "ии",
        ACCUSATIVE: "ию",
        INSTRUMENTAL: "ией",
        PREPOSITIONAL: "ии",
    },
}


@dataclass(frozen=True)
class PersonName:
    last: str
    first: str
    middle: str = ""

    @classmethod
    def parse(cls, text: str) -> PersonName:
        words = text.split()
        if not words:
            return cls("", "")
        if len(words) == 1:
            return cls(words[0], "")
        return cls(words[0], words[1], " ".join(words[2:]))

    @property
    def full(self) -> str:
        return " ".join(part for part in (self.last, self.first, self.middle) if part)

    @property
    def initials(self) -> str:
        return "".join(f"{part[0]}." for part in (self.first, self.middle) if part)

    @property
    def short(self) -> str:
        """Фамилия И.О."""
        return f"{self.last} {self.initials}".strip()


def guess_gender(name: PersonName) -> Gender:
    middle = name.middle.lower()
    if middle.endswith(FEMALE_PATRONYMIC):
        return Gender.FEMALE
    if middle.endswith(MALE_PATRONYMIC):
        return Gender.MALE
    first = name.first.lower()
    if first in MALE_NAMES_IN_A:
        return Gender.MALE
    if first.endswith(("а", "я")):
        return Gender.FEMALE
    if first.endswith("ь") and first in {"любовь", "нинель", "адель", "юдифь"}:
        return Gender.FEMALE
    last = name.last.lower()
    if last.endswith(("ова", "ева", "ёва", "ина", "ая", "ына")):
        return Gender.FEMALE
    return Gender.MALE


@cache
def _petrovich() -> Petrovich:
    return Petrovich()


def _spell(word: str) -> str:
    return _AFTER_VELAR_OR_HUSHING.sub("и", word)


def _noun_surname(last: str, case: str, gender: Gender) -> str | None:
    """Чайка → Чайки, Цой → Цоя: the surnames petrovich gets wrong; None for the others."""
    lower = last.lower()
    if "-" in lower:
        return None
    if gender == Gender.MALE and len(lower) <= 3 and lower.endswith("ой"):
        endings = {GENITIVE: "я", DATIVE: "ю", ACCUSATIVE: "я", INSTRUMENTAL: "ем"}
        return last[:-1] + endings.get(case, "е")
    if not _NOUN_SURNAME.search(lower):
        return None
    if gender == Gender.FEMALE and _ADJECTIVE_FEMININE_SURNAME.search(lower):
        return None
    ending = "ия" if lower.endswith("ия") else lower[-1]
    stem = last[: -len(ending)]
    suffix = _NOUN_ENDINGS[ending][case]
    if ending == "а" and stem[-1:].lower() in "жшчщц" and case == INSTRUMENTAL:
        suffix = "ей"  # Круча → Кручей, unstressed after a hushing consonant
    return _spell(stem + suffix)


def _patronymic(middle: str, case: str, petrovich_case, gender: Gender) -> str:
    if _TURKIC_PATRONYMIC.search(middle):
        return middle
    declined = _spell(_petrovich().middlename(middle, petrovich_case, gender))
    if case == INSTRUMENTAL and middle.lower() in STRESSED_PATRONYMICS:
        declined = declined[:-2] + "ом"
    return declined


def _keep_case_of(source: str, word: str) -> str:
    if source.isupper():
        return word.upper()
    return word


def decline(name: PersonName, case: str, gender: Gender | None = None) -> PersonName:
    if case == NOMINATIVE or not name.last:
        return name
    petrovich_case = CASES[case][1]
    gender = gender or guess_gender(name)
    engine = _petrovich()
    if _INDECLINABLE_SURNAME.search(name.last):
        last = name.last
    else:
        last = _noun_surname(name.last, case, gender) or _spell(
            engine.lastname(name.last, petrovich_case, gender)
        )
    first = name.first
    if first:
        declined = engine.firstname(first, petrovich_case, gender)
        if declined == first and gender == Gender.MALE and first.lower().endswith(("а", "я")):
            declined = engine.firstname(first, petrovich_case, Gender.FEMALE)
        if case == PREPOSITIONAL and first.lower().endswith("ий"):
            declined = declined[:-1] + "и"  # о Юрии, not «о Юрие»
        first = _spell(declined)
    middle = name.middle
    if middle:
        middle = _patronymic(middle, case, petrovich_case, gender)
    return PersonName(_keep_case_of(name.last, last), _keep_case_of(name.first, first), middle)


class Decliner:
    """Declines the names of one school, the school's own corrections taking precedence.

    ``overrides`` maps a nominative full name to {case: full name in that case}.
    """

    def __init__(self, overrides: dict[str, dict[str, str]] | None = None):
        self.overrides = overrides or {}

    def name(self, text: str, case: str) -> PersonName:
        nominative = PersonName.parse(text)
        fixed = self.overrides.get(nominative.full, {}).get(case)
        if fixed:
            return PersonName.parse(fixed)
        return decline(nominative, case)

    def full(self, text: str, case: str) -> str:
        return self.name(text, case).full

    def short(self, text: str, case: str) -> str:
        """Фамилия И.О. in the case; initials never change."""
        declined = self.name(text, case)
        return f"{declined.last} {PersonName.parse(text).initials}".strip()

    def is_overridden(self, text: str) -> bool:
        return PersonName.parse(text).full in self.overrides
