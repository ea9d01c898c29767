"""Named access rules: the answer each role gets to a GET (and to a POST, where it is checked).

Roles (tests/authz/world.py): anonymous; the mentor of the pair of school A and a mentee of that
pair, both with accounts; the curator, director and working group of school A; the municipal
officer of school A's municipality; the officer of the other municipality and the curator of
school B in it (the outsiders).

An answer is a status code, or ``LOGIN`` (302 to the log-in page) or ``REDIRECT`` (302 anywhere
else: the allowed answer of an action page that sends a GET back to its object). A rule names who
is allowed, who is refused with 403 (they may see the object, not change it); every other signed-in
role gets 404 (the object is outside their scope) and the anonymous visitor goes to log-in.
``rule.answering(x)`` is the same rule for a page whose allowed answer is ``x`` instead of 200
(405 for POST-only actions, ``REDIRECT`` for actions that redirect a GET).
"""

from dataclasses import dataclass, field, replace

from .world import (
    ANONYMOUS,
    CURATOR,
    DIRECTOR,
    MENTEE,
    MENTOR,
    OFFICER,
    OTHER_CURATOR,
    OTHER_OFFICER,
    OUTSIDERS,
    ROLES,
    WORKING_GROUP,
)

OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = "302 to log-in"
REDIRECT = "302 elsewhere"

STAFF = frozenset({CURATOR, DIRECTOR, WORKING_GROUP})
DRAFTERS = frozenset({CURATOR, DIRECTOR})
SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}


@dataclass(frozen=True)
class Rule:
    name: str
    allowed: frozenset[str]
    forbidden: frozenset[str] = frozenset()
    answer: object = OK
    anonymous: object = LOGIN
    others: object = NOT_FOUND
    post: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def __repr__(self) -> str:
        return self.name

    def answering(self, answer) -> "Rule":
        return replace(self, name=f"{self.name}.answering({answer!r})", answer=answer)

    def get_expected(self) -> dict[str, object]:
        expected = {}
        for role in ROLES:
            if role in self.allowed:
                expected[role] = self.answer
            elif role == ANONYMOUS:
                expected[role] = self.anonymous
            elif role in self.forbidden:
                expected[role] = FORBIDDEN
            else:
                expected[role] = self.others
        return expected

    def post_expected(self) -> dict[str, object]:
        """POST: anonymous goes to log-in and outsiders get 404, wherever their GET does."""
        if self.post:
            return dict(self.post)
        get = self.get_expected()
        expected = {}
        if get[ANONYMOUS] == LOGIN:
            expected[ANONYMOUS] = LOGIN
        for role in OUTSIDERS:
            if get[role] == NOT_FOUND:
                expected[role] = NOT_FOUND
        return expected


def rule(name, allowed=(), forbidden=(), **options) -> Rule:
    return Rule(name, frozenset(allowed), frozenset(forbidden), **options)


# Without signing in: the public page of a programme (switched on by the school), a personal link
# to a questionnaire (the key is the credential).
PUBLIC = rule("PUBLIC", ROLES)
LOGIN_PAGE = rule("LOGIN_PAGE", {ANONYMOUS}, others=REDIRECT)
LOGOUT = rule(
    "LOGOUT",
    ROLES,
    answer=NOT_ALLOWED,
    post={role: LOGIN for role in ROLES},
)
# Any signed-in user, whatever their role (own pairs, own questionnaires, the stage reference).
ANY_USER = rule("ANY_USER", SIGNED_IN)
# The bases and the school's working pages: curator, director and working group read and change.
SCHOOL_STAFF = rule("SCHOOL_STAFF", STAFF)
# Orders, name corrections: the curator and the director draft; the working group only reads.
SCHOOL_DRAFTERS = rule("SCHOOL_DRAFTERS", DRAFTERS, {WORKING_GROUP})
# Sensitive records (history of changes, subject-access export, anonymisation): the curator and the
# director (access.SENSITIVE_READERS); the working group is refused (403).
SENSITIVE_READERS = rule("SENSITIVE_READERS", DRAFTERS, {WORKING_GROUP})
# The second factor can be turned on by directors and municipal officers; for anyone else the
# page does not exist (404). The other officer manages their own account: allowed too.
TWO_FACTOR_USERS = rule("TWO_FACTOR_USERS", {DIRECTOR, OFFICER, OTHER_OFFICER})
# Approving and returning an order: the director alone.
DIRECTOR_ONLY = rule("DIRECTOR_ONLY", {DIRECTOR}, {CURATOR, WORKING_GROUP})
# Read by the school staff and the officer of the school's municipality.
READERS = rule("READERS", STAFF | {OFFICER})
# Changed by the school staff; the officer reads the page the action belongs to (403).
STAFF_EDIT_OFFICER_READS = rule("STAFF_EDIT_OFFICER_READS", STAFF, {OFFICER})
# Monthly reports to the centre: the curator and the director prepare; the working group and the
# officer read (403 on the school's actions).
MONTHLY_DRAFTERS = rule("MONTHLY_DRAFTERS", DRAFTERS, {WORKING_GROUP, OFFICER})
# The centre's own actions on a school's monthly report: the officer; the school staff read (403).
OFFICER_ACTIONS = rule("OFFICER_ACTIONS", {OFFICER}, STAFF)
# The municipality's pages and reports: its officer only; the school staff have no way in (404).
OFFICER_ONLY = rule("OFFICER_ONLY", {OFFICER})
# A pair's page and the meeting protocol: the staff and the pair's own mentor.
PAIR_MENTOR = rule("PAIR_MENTOR", STAFF | {MENTOR})
# A pair's work read by its members: staff, the pair's mentor and the pair's mentee.
PAIR_MEMBERS = rule("PAIR_MEMBERS", STAFF | {MENTOR, MENTEE})
# Written by the staff and the pair's mentor; the pair's mentee reads it, may not write (403).
PAIR_WRITERS = rule("PAIR_WRITERS", STAFF | {MENTOR}, {MENTEE})
# Changing the pair itself (its data and status): the staff; the pair's mentor is refused (403).
PAIR_EDITORS = rule("PAIR_EDITORS", STAFF, {MENTOR})
# A personal invitation to answer a questionnaire: its invitee (the curator here) only.
OWN_INVITATION = rule("OWN_INVITATION", {CURATOR})

ALL_RULES = [
    PUBLIC,
    LOGIN_PAGE,
    LOGOUT,
    ANY_USER,
    SCHOOL_STAFF,
    SCHOOL_DRAFTERS,
    SENSITIVE_READERS,
    TWO_FACTOR_USERS,
    DIRECTOR_ONLY,
    READERS,
    STAFF_EDIT_OFFICER_READS,
    MONTHLY_DRAFTERS,
    OFFICER_ACTIONS,
    OFFICER_ONLY,
    PAIR_MENTOR,
    PAIR_MEMBERS,
    PAIR_WRITERS,
    PAIR_EDITORS,
    OWN_INVITATION,
]

__all__ = [
    "ALL_RULES",
    "FORBIDDEN",
    "LOGIN",
    "NOT_ALLOWED",
    "NOT_FOUND",
    "OK",
    "REDIRECT",
    "Rule",
    "OTHER_CURATOR",
    "OTHER_OFFICER",
]
