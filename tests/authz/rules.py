"""Named access rules: the answer each role gets to a GET (and to a POST, where it is checked).

Roles (tests/authz/world.py): anonymous; the mentor of the pair of school A and a mentee of that
pair, both with accounts; the curator, director and working group of school A; the municipal
officer of school A's municipality and the regional officer of its region; the officer of the
other municipality, the curator of school B in it and the officer of the other region (the
outsiders).

An answer is a status code, or ``LOGIN`` (302 to the log-in page) or ``REDIRECT`` (302 anywhere
else: the allowed answer of an action page that sends a GET back to its object). A rule names who
is allowed, who is refused with 403 (they may see the object, not change it); every other signed-in
role gets 404 (the object is outside their scope) and the anonymous visitor goes to log-in.
``rule.answering(x)`` is the same rule for a page whose allowed answer is ``x`` instead of 200
(405 for POST-only actions, ``REDIRECT`` for actions that redirect a GET).

Who may do what comes from ``mentoring.access.PERMISSIONS`` (``granted``), the table the views
ask; a rule adds only who sees the page without the permission (403) and what the page answers.
"""

from dataclasses import dataclass, field, replace

from mentoring import access

from .world import (
    ANONYMOUS,
    CURATOR,
    DIRECTOR,
    MENTEE,
    MENTOR,
    OFFICER,
    OTHER_CURATOR,
    OTHER_OFFICER,
    OTHER_REGIONAL,
    OUTSIDERS,
    REGIONAL,
    ROLES,
    WORKING_GROUP,
)

OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = "302 to log-in"
REDIRECT = "302 elsewhere"

# The world's user holding each role in school A (or its municipality) …
IN_SCHOOL_A = {
    access.CURATOR: CURATOR,
    access.DIRECTOR: DIRECTOR,
    access.WORKING_GROUP: WORKING_GROUP,
    access.MENTOR: MENTOR,
    access.MUNICIPAL_OFFICER: OFFICER,
    access.REGIONAL_OFFICER: REGIONAL,
}
# … and the outsiders' roles, which count where a permission is held anywhere (own account).
ELSEWHERE = {
    access.CURATOR: OTHER_CURATOR,
    access.MUNICIPAL_OFFICER: OTHER_OFFICER,
    access.REGIONAL_OFFICER: OTHER_REGIONAL,
}


def granted(permission: str) -> frozenset[str]:
    """The world's users whom ``access.PERMISSIONS`` lets do it in school A."""
    return frozenset(IN_SCHOOL_A[role] for role in access.roles_for(permission))


def granted_anywhere(permission: str) -> frozenset[str]:
    """The world's users whose roles hold the permission in any school or municipality."""
    roles = access.roles_for(permission)
    return granted(permission) | {ELSEWHERE[role] for role in roles if role in ELSEWHERE}


STAFF = granted("records.read")
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


def permitted(name, permission: str, *, page: str, **options) -> Rule:
    """Allowed: the holders of ``permission``; refused (403): who holds ``page`` (opens the page
    the action belongs to) but not the permission."""
    allowed = granted(permission)
    return rule(name, allowed, granted(page) - allowed, **options)


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
# Orders: the curator drafts and submits; the rest of the staff read (403).
ORDER_DRAFTERS = permitted("ORDER_DRAFTERS", "order.draft", page="records.read")
# Approving and returning an order: the director; the rest of the staff read (403).
ORDER_APPROVERS = permitted("ORDER_APPROVERS", "order.approve", page="records.read")
# Corrections of declension: the curator and the director; the working group reads (403).
NAME_CORRECTORS = permitted("NAME_CORRECTORS", "names.correct", page="records.read")
# The new academic year: the curator and the director; the working group is refused (403).
YEAR_TURNERS = permitted("YEAR_TURNERS", "year.turn", page="records.read")
# Sensitive records (history of changes, subject-access export, anonymisation): the curator and the
# director; the working group is refused (403).
SENSITIVE_READERS = permitted("SENSITIVE_READERS", "sensitive.read", page="records.read")
# The second factor is offered by role, wherever the role is held; for anyone else the page does
# not exist (404). The other officer manages their own account: allowed too.
TWO_FACTOR_USERS = rule("TWO_FACTOR_USERS", granted_anywhere("two_factor.offered"))
# Read by the school staff and the officer of the school's municipality.
READERS = rule("READERS", granted("school.read"))
# The roadmap: changed by the school staff; the officer reads the page the action belongs to (403).
ROADMAP_EDITORS = permitted("ROADMAP_EDITORS", "roadmap.edit", page="school.read")
# Monthly reports to the centre: the curator and the director prepare; the working group and the
# officer read (403 on the school's actions).
MONTHLY_AUTHORS = permitted("MONTHLY_AUTHORS", "monthly.submit", page="school.read")
# The centre's own actions on a school's monthly report: the officer; the school staff read (403).
MONTHLY_REVIEWERS = permitted("MONTHLY_REVIEWERS", "monthly.review", page="school.read")
# The municipality's pages and reports: its officer and the officer of its region; the school
# staff have no way in (404).
MUNICIPALITY_READERS = rule("MUNICIPALITY_READERS", granted("municipality.read"))
# The personified accounting names participants: the municipality's own officer only.
ACCOUNTING_READERS = rule("ACCOUNTING_READERS", granted("municipality.accounting"))
# The region's pages and reports: its officer only.
REGION_READERS = rule("REGION_READERS", granted("region.read"))
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
# A background job's page and file: whoever started it (the curator here), nobody else (404).
OWN_JOB = rule("OWN_JOB", {CURATOR})

ALL_RULES = [
    PUBLIC,
    LOGIN_PAGE,
    LOGOUT,
    ANY_USER,
    SCHOOL_STAFF,
    ORDER_DRAFTERS,
    ORDER_APPROVERS,
    NAME_CORRECTORS,
    YEAR_TURNERS,
    SENSITIVE_READERS,
    TWO_FACTOR_USERS,
    READERS,
    ROADMAP_EDITORS,
    MONTHLY_AUTHORS,
    MONTHLY_REVIEWERS,
    MUNICIPALITY_READERS,
    ACCOUNTING_READERS,
    REGION_READERS,
    PAIR_MENTOR,
    PAIR_MEMBERS,
    PAIR_WRITERS,
    PAIR_EDITORS,
    OWN_INVITATION,
    OWN_JOB,
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
    "OTHER_REGIONAL",
]
