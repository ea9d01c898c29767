"""Personal names in cases for documents: the rules live in ``mentoring.declension`` (pages and
messages of every app need them too); the school's corrections are ``reports.models.NameOverride``.
"""

from mentoring.declension import (
    ACCUSATIVE,
    CASES,
    DATIVE,
    GENITIVE,
    INSTRUMENTAL,
    NOMINATIVE,
    PREPOSITIONAL,
    Decliner,
    PersonName,
    decline,
    guess_gender,
    initials,
    is_female,
)

__all__ = [
    "ACCUSATIVE",
    "CASES",
    "DATIVE",
    "GENITIVE",
    "INSTRUMENTAL",
    "NOMINATIVE",
    "PREPOSITIONAL",
    "Decliner",
    "PersonName",
    "decline",
    "guess_gender",
    "initials",
    "is_female",
]
