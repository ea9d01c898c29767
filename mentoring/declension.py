"""Russian personal names in the grammatical cases a document or a message needs.

petrovich does most of the work; the corrections below cover what it gets wrong for common names
(«Ольгы» for Ольга, male names in -а/-я such as Никита left undeclined, surnames in -ых/-их
declined for men, surnames in -а/-я such as Чайка or Глинка left undeclined, «Цого» for Цой,
«Ильичем» for Ильич, «о Юрие» for Юрий, Azerbaijani patronymics in «оглы»/«кызы» touched,
«Нинель.» for Нинель, the first part of Бонч-Бруевич declined). Whatever is still wrong is fixed
per person with the school's corrections (``reports.models.NameOverride``).
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
# Surnames that never change: in -ых/-их (Белых, Долгих), -ко (Шевченко, Франко), -ово (Дурново),
# -аго/-яго (Живаго), -ени (Арени), and foreign ones in -а after a vowel (Гарсиа, Моруа, Гулиа).
_INDECLINABLE_SURNAME = re.compile(r"(ых|их|ово|аго|яго|ко|ени|[аеёиоуэюя]а)$", re.IGNORECASE)
# The first part of a double surname declines only when it is a surname by itself
# (Петрова-Водкина, Римского-Корсакова, Немировича-Данченко, but Бонч-Бруевича, Тер-Петросяна,
# Сен-Симона, Демут-Малиновского).
_SURNAME_BY_ITSELF = re.compile(
    r"(ов|ев|ёв|ин|ын|ский|цкий|ской|цкой|ый|ий|ой|ова|ева|ёва|ина|ына|ая|яя|ич|ук|юк|ян)$",
    re.IGNORECASE,
)
# Female first names in a soft sign decline like «тень»: Любови, Нинелью, об Ассоли.
FEMALE_NAMES_IN_SOFT_SIGN = frozenset(
    {
        "любовь",
        "нинель",
        "адель",
        "юдифь",
        "ассоль",
        "рахиль",
        "эсфирь",
        "руфь",
        "гузель",
        "айгуль",
        "жизель",
        "асель",
        "изабель",
    }
)
_SOFT_SIGN_ENDINGS = {
    GENITIVE: "и",
    DATIVE: "и",
    ACCUSATIVE: "ь",
    INSTRUMENTAL: "ью",
    PREPOSITIONAL: "и",
}
# A letter with or without a dot stands for a name that is not written out: «И.», «И».
_INITIAL = re.compile(r"[^\W\d_]\.?")
_RUN_OF_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?\.?")
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


def initials(*parts: str) -> str:
    """«М.А.» from «Мария», «Александровна»; a part already written as «М.» or «М» gives «М.»."""
    letters = []
    for part in parts:
        bare = part.strip(" .,")
        if bare:
            letters.append(f"{bare[0].upper()}.")
    return "".join(letters)


def is_initial(part: str) -> bool:
    return bool(_INITIAL.fullmatch(part))


def _split_initials(word: str) -> list[str]:
    """«И.И.» → «И.», «И.»; any other word stays whole."""
    if len(word) > 2 and _RUN_OF_INITIALS.fullmatch(word):
        return [f"{letter}." for letter in word.replace(".", "")]
    return [word]


@dataclass(frozen=True)
class PersonName:
    last: str
    first: str
    middle: str = ""

    @classmethod
    def parse(cls, text: str) -> PersonName:
        words = [part for word in text.replace(",", " ").split() for part in _split_initials(word)]
        if not words:
            return cls("", "")
        if len(words) == 1:
            return cls(words[0], "")
        first, middle = words[1], " ".join(words[2:])
        if is_initial(first):
            first = initials(first)
        if is_initial(middle):
            middle = initials(middle)
        return cls(words[0], first, middle)

    @property
    def full(self) -> str:
        given = [part for part in (self.first, self.middle) if part]
        if given and all(is_initial(part) for part in given):
            return f"{self.last} {initials(*given)}".strip()
        return " ".join(part for part in (self.last, *given) if part)

    @property
    def initials(self) -> str:
        return initials(self.first, self.middle)

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
    if first in FEMALE_NAMES_IN_SOFT_SIGN:
        return Gender.FEMALE
    last = name.last.lower()
    if last.endswith(("ова", "ева", "ёва", "ина", "ая", "ына")):
        return Gender.FEMALE
    return Gender.MALE


def is_female(full_name: str) -> bool:
    """Whether a full name «Фамилия Имя Отчество» is a woman's, for the words that agree with
    it («действующей», «получила»)."""
    return guess_gender(PersonName.parse(full_name)) == Gender.FEMALE


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


def _surname(last: str, case: str, petrovich_case, gender: Gender) -> str:
    if "-" in last:
        first_part, rest = last.split("-", 1)
        declined_rest = _surname(rest, case, petrovich_case, gender)
        if not _SURNAME_BY_ITSELF.search(first_part):
            return f"{first_part}-{declined_rest}"
        return f"{_surname(first_part, case, petrovich_case, gender)}-{declined_rest}"
    if _INDECLINABLE_SURNAME.search(last):
        return last
    noun = _noun_surname(last, case, gender)
    if noun:
        return noun
    return _spell(_petrovich().lastname(last, petrovich_case, gender))


def _first_name(first: str, case: str, petrovich_case, gender: Gender) -> str:
    lower = first.lower()
    if is_initial(first):
        return first
    if gender == Gender.FEMALE and lower in FEMALE_NAMES_IN_SOFT_SIGN:
        return first[:-1] + _SOFT_SIGN_ENDINGS[case]
    engine = _petrovich()
    declined = engine.firstname(first, petrovich_case, gender)
    if declined == first and gender == Gender.MALE and lower.endswith(("а", "я")):
        declined = engine.firstname(first, petrovich_case, Gender.FEMALE)
    if case == PREPOSITIONAL and lower.endswith("ий"):
        declined = declined[:-1] + "и"  # о Юрии, not «о Юрие»
    return _spell(declined.rstrip("."))


def decline(name: PersonName, case: str, gender: Gender | None = None) -> PersonName:
    if case == NOMINATIVE or not name.last:
        return name
    petrovich_case = CASES[case][1]
    gender = gender or guess_gender(name)
    last = _surname(name.last, case, petrovich_case, gender)
    first = name.first
    if first:
        first = _first_name(first, case, petrovich_case, gender)
    middle = name.middle
    if middle and not is_initial(middle):
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


def name_in(text: str, case: str, *, short: bool = False) -> str:
    """A name in the case a page or a message needs («с наставником Егоровым Максимом
    Игоревичем», «пара наставника Андреева К.С.»); documents use the school's ``Decliner``."""
    text = " ".join(str(text).split())
    if not text:
        return ""
    decliner = Decliner()
    return decliner.short(text, case) if short else decliner.full(text, case)
