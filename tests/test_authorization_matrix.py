"""The authorization matrix: every URL pattern × every role, against a decided rule.

The world (tests/authz/world.py) has two municipalities and users for every role; every named URL
pattern has an entry in ``DECISIONS`` naming one of the rules of tests/authz/rules.py. A new URL
without a decision fails ``test_every_url_has_a_decision`` (and its own matrix test), so nobody
adds a page without saying who may open it.

Each URL is walked with GET by all eleven roles; anonymous and the three outsiders also POST
(anonymous goes to log-in, outsiders get 404 there too). All mismatches of a URL are reported
together.
"""

from urllib.parse import urlsplit

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import reverse

from registry.models import Participant, RequestCategory

from .authz import fixtures
from .authz.content import found_in, text_of
from .authz.routes import routes
from .authz.rules import (
    ACCOUNTING_READERS,
    ANY_USER,
    LOGIN,
    LOGIN_PAGE,
    LOGOUT,
    MONTHLY_AUTHORS,
    MONTHLY_REVIEWERS,
    MUNICIPALITY_READERS,
    NAME_CORRECTORS,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    ORDER_APPROVERS,
    ORDER_DRAFTERS,
    OWN_INVITATION,
    OWN_JOB,
    PAIR_EDITORS,
    PAIR_MEMBERS,
    PAIR_MENTOR,
    PAIR_WRITERS,
    PUBLIC,
    READERS,
    REDIRECT,
    REGION_READERS,
    ROADMAP_EDITORS,
    SCHOOL_STAFF,
    SENSITIVE_READERS,
    TWO_FACTOR_USERS,
    YEAR_TURNERS,
)
from .authz.sessions import sign_in
from .authz.world import MENTEE, MENTOR, OFFICER, REGIONAL, ROLES, WORKING_GROUP

# POST-only actions answer a GET from an allowed user with 405 …
STAFF_ACTION = SCHOOL_STAFF.answering(NOT_ALLOWED)
# … or send it back to the object (302 elsewhere than log-in).
DRAFTERS_ACTION = ORDER_DRAFTERS.answering(REDIRECT)

DECISIONS = {
    # mentoring
    "home": ANY_USER.answering(REDIRECT),  # sends each role to its own start page
    "favicon": PUBLIC.answering(REDIRECT),  # to the icon among the static files
    "login": LOGIN_PAGE,
    "logout": LOGOUT,
    # The way back from a forgotten password or a lock-out: the e-mailed link is the credential.
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,  # a wrong token: the page says the link is invalid
    "password_reset_complete": PUBLIC,
    "two_factor_setup": TWO_FACTOR_USERS,
    "two_factor_verify": ANY_USER.answering(REDIRECT),  # nobody here has a device: goes home
    "object_history": SENSITIVE_READERS,
    "job": OWN_JOB,
    "job_file": OWN_JOB,
    "start_programme": STAFF_ACTION,
    # stages
    "stages:roadmap": READERS,
    "stages:item_create": ROADMAP_EDITORS,
    "stages:item_edit": ROADMAP_EDITORS,
    "stages:item_delete": ROADMAP_EDITORS,
    "stages:item_status": ROADMAP_EDITORS.answering(NOT_ALLOWED),
    "stages:item_evidence": READERS,
    "stages:stage_reference": ANY_USER,
    "stages:protocol_list": SCHOOL_STAFF,
    "stages:protocol_create": SCHOOL_STAFF,
    "stages:protocol_edit": SCHOOL_STAFF,
    "stages:protocol_delete": SCHOOL_STAFF,
    "stages:programme_archive": SCHOOL_STAFF,  # the page for the staff; only the director's POST
    "stages:programme_unarchive": STAFF_ACTION,  # the service refuses anyone but an administrator
    # registry: people and documents
    "registry:participant_list": SCHOOL_STAFF,
    "registry:participant_create": SCHOOL_STAFF,
    "registry:participant_detail": SCHOOL_STAFF,
    "registry:participant_edit": SCHOOL_STAFF,
    "registry:participant_account": STAFF_ACTION,
    "registry:participant_anonymise": SENSITIVE_READERS,
    "registry:consent_create": SCHOOL_STAFF,
    "registry:certificate_create": SCHOOL_STAFF,
    "registry:consent_withdraw": STAFF_ACTION,
    "registry:consent_scan": SCHOOL_STAFF,
    "registry:certificate_scan": SCHOOL_STAFF,
    "registry:certificate_delete": STAFF_ACTION,
    # registry: bases
    "registry:mentor_list": SCHOOL_STAFF,
    "registry:mentor_create": SCHOOL_STAFF,
    "registry:mentor_detail": SCHOOL_STAFF,
    "registry:mentor_edit": SCHOOL_STAFF,
    "registry:mentor_status": STAFF_ACTION,
    "registry:portfolio_upload": STAFF_ACTION,
    "registry:portfolio_file": SCHOOL_STAFF,
    "registry:mentee_list": SCHOOL_STAFF,
    "registry:mentee_create": SCHOOL_STAFF,
    "registry:request_map": SCHOOL_STAFF,
    "registry:mentee_detail": SCHOOL_STAFF,
    "registry:mentee_edit": SCHOOL_STAFF,
    "registry:mentee_status": STAFF_ACTION,
    # registry: imports, selection, training
    "registry:import_start": SCHOOL_STAFF,
    "registry:import_template": SCHOOL_STAFF,
    "registry:import_preview": SCHOOL_STAFF,
    "registry:import_confirm": STAFF_ACTION,
    "registry:import_cancel": STAFF_ACTION,
    "registry:import_export": SCHOOL_STAFF,
    # the checked file itself, as uploaded: the uploader, the curator and the director
    "registry:import_errors": SENSITIVE_READERS,
    "registry:selection": SCHOOL_STAFF,
    "registry:commission_edit": SCHOOL_STAFF,
    "registry:interview_create": SCHOOL_STAFF,
    "registry:registry_include": STAFF_ACTION,
    "registry:interview_edit": SCHOOL_STAFF,
    "registry:interview_delete": SCHOOL_STAFF,
    "registry:course_list": SCHOOL_STAFF,
    "registry:course_create": SCHOOL_STAFF,
    "registry:course_detail": SCHOOL_STAFF,
    "registry:course_edit": SCHOOL_STAFF,
    "registry:course_listeners": STAFF_ACTION,
    "registry:session_create": SCHOOL_STAFF,
    "registry:session_attendance": SCHOOL_STAFF,
    "registry:course_complete": SCHOOL_STAFF,
    # registry: pairs and matching
    "registry:pair_list": SCHOOL_STAFF,
    "registry:attention_queue": SCHOOL_STAFF,  # «Требует внимания»
    "registry:pair_create": SCHOOL_STAFF,
    "registry:pair_detail": PAIR_MENTOR,
    "registry:pair_edit": PAIR_EDITORS,
    "registry:pair_action": PAIR_EDITORS.answering(NOT_ALLOWED),
    "registry:pair_close": PAIR_EDITORS,
    # The curator's notes of check-ins with the pair: the staff only; the pair's mentor gets 404.
    "registry:support_contacts": SCHOOL_STAFF,
    "registry:mentee_suggestions": SCHOOL_STAFF,
    "registry:pair_from_suggestion": STAFF_ACTION,
    "registry:matching_proposal": SCHOOL_STAFF,
    "registry:matching_accept": STAFF_ACTION,
    "registry:matching_weights": SCHOOL_STAFF,
    # registry: the work of a pair
    "registry:pair_timeline": PAIR_MEMBERS,
    "registry:meeting_create": PAIR_WRITERS,
    "registry:meeting_edit": PAIR_WRITERS,
    "registry:meeting_delete": PAIR_WRITERS,
    "registry:diary_create": PAIR_WRITERS,  # the mentor's diary; the mentee writes only theirs
    "registry:plan_detail": PAIR_MEMBERS,
    # POST-only: a GET by any member is 405 (the mentee's POST is refused with 403 in the view)
    "registry:plan_item_create": PAIR_MEMBERS.answering(NOT_ALLOWED),
    "registry:plan_item_status": PAIR_MEMBERS.answering(NOT_ALLOWED),
    "registry:my_pairs": ANY_USER,
    "registry:case_list": SCHOOL_STAFF,
    "registry:case_create": SCHOOL_STAFF,
    "registry:case_edit": SCHOOL_STAFF,
    "registry:award_list": SCHOOL_STAFF,
    "registry:award_create": SCHOOL_STAFF,
    "registry:partner_list": SCHOOL_STAFF,
    "registry:partner_create": SCHOOL_STAFF,
    "registry:partner_edit": SCHOOL_STAFF,
    "registry:partner_delete": SCHOOL_STAFF,
    "registry:partner_letter_sent": STAFF_ACTION,
    "registry:teacher_mentor_list": SCHOOL_STAFF,
    "registry:teacher_mentor_detail": SCHOOL_STAFF,
    "registry:agreement_create": SCHOOL_STAFF,
    "registry:agreement_edit": SCHOOL_STAFF,
    "registry:agreement_end": SCHOOL_STAFF,
    "registry:duty_edit": SCHOOL_STAFF,
    "registry:duty_delete": STAFF_ACTION,
    "registry:year_turn": YEAR_TURNERS,
    # surveys
    "surveys:questionnaire_list": SCHOOL_STAFF,
    "surveys:questionnaire_create": SCHOOL_STAFF,
    "surveys:questionnaire_copy": STAFF_ACTION,
    "surveys:questionnaire_detail": SCHOOL_STAFF,
    "surveys:section_create": STAFF_ACTION,
    "surveys:question_create": SCHOOL_STAFF,
    "surveys:question_edit": SCHOOL_STAFF,
    "surveys:question_delete": STAFF_ACTION,
    "surveys:question_move": STAFF_ACTION,
    "surveys:distribution_list": SCHOOL_STAFF,
    "surveys:distribution_create": SCHOOL_STAFF,
    "surveys:distribution_detail": SCHOOL_STAFF,
    "surveys:answer_by_link": PUBLIC,  # the personal key is the credential
    "surveys:my_surveys": ANY_USER,
    "surveys:answer_invitation": OWN_INVITATION,
    "surveys:distribution_analytics": SCHOOL_STAFF,
    "surveys:monitoring": SCHOOL_STAFF,
    "surveys:request_responses": SCHOOL_STAFF,
    "surveys:request_to_mentee": SCHOOL_STAFF.answering(REDIRECT),
    "surveys:pair_pulse": SCHOOL_STAFF,  # the pair's mentor answers, but reads no one's answers
    # reports: pages and exports of a school
    "reports:school_dashboard": READERS,
    "reports:school_overview": READERS,
    "reports:programme_settings": SCHOOL_STAFF,  # the working group reads; its POST is 403
    "reports:public_programme": PUBLIC,  # the world's programme has its public page on
    "reports:roadmap_export": READERS,
    "reports:mentor_base_export": SCHOOL_STAFF,
    "reports:mentee_base_export": SCHOOL_STAFF,
    "reports:mentor_registry_export": SCHOOL_STAFF,
    "reports:pairs_list_export": SCHOOL_STAFF,
    "reports:partner_letter": SCHOOL_STAFF,
    "reports:mentoring_consent_export": SCHOOL_STAFF,
    "reports:mentoring_agreement_export": SCHOOL_STAFF,
    "reports:mentor_payments_export": SCHOOL_STAFF,
    "reports:partner_letter_register": STAFF_ACTION,
    "reports:outgoing_list": SCHOOL_STAFF,
    "reports:partner_agreement": SCHOOL_STAFF,
    "reports:mentoring_programme_export": SCHOOL_STAFF,
    "reports:council_protocol": SCHOOL_STAFF,
    "reports:mentor_memo": PAIR_WRITERS,
    "reports:mentee_memo": PAIR_MEMBERS,
    "reports:meeting_protocol": PAIR_MENTOR,
    "reports:meeting_event": PAIR_MENTOR,
    # the personal calendar: one's own settings; the feed's secret address is its credential
    "reports:calendar_settings": ANY_USER,
    "reports:calendar_feed": PUBLIC,
    # reminders by e-mail: one's own settings; the key in the mailed link is the credential
    "reports:notification_settings": ANY_USER,
    "reports:unsubscribe": PUBLIC,
    "reports:award_certificate": SCHOOL_STAFF,
    "reports:regulation": SCHOOL_STAFF,
    "reports:regulation_reset": SCHOOL_STAFF,
    "reports:regulation_export": SCHOOL_STAFF,
    "reports:survey_answers_export": SCHOOL_STAFF,
    "reports:subject_access_export": SENSITIVE_READERS,
    "reports:school_monitoring_report": READERS,
    "reports:consent_form": SCHOOL_STAFF,
    "reports:mentor_portfolio": PAIR_MENTOR,  # the world's mentor is the one of ``mentor_id``
    "reports:development_plan": PAIR_MENTOR,
    "reports:mentor_diary": PAIR_MENTOR,
    "reports:mentee_diary": PAIR_MENTOR,
    "reports:monthly_report_export": READERS,
    "reports:questionnaire_blank": SCHOOL_STAFF,
    "reports:final_report": READERS,
    # reports: orders and name corrections
    "reports:documents": SCHOOL_STAFF,
    "reports:order_create": DRAFTERS_ACTION,
    "reports:order_detail": SCHOOL_STAFF,
    "reports:order_edit": ORDER_DRAFTERS,
    "reports:order_regenerate": DRAFTERS_ACTION,
    "reports:order_submit": DRAFTERS_ACTION,
    "reports:order_return": ORDER_APPROVERS.answering(REDIRECT),
    "reports:order_approve": ORDER_APPROVERS.answering(REDIRECT),
    "reports:order_delete": DRAFTERS_ACTION,
    "reports:order_file": SCHOOL_STAFF,
    "reports:name_overrides": SCHOOL_STAFF,
    "reports:school_card": SCHOOL_STAFF,  # the working group reads; its POST is 403
    "reports:name_override_edit": NAME_CORRECTORS,
    "reports:name_override_delete": NAME_CORRECTORS.answering(REDIRECT),
    # reports: monthly reports to the centre
    "reports:monthly_list": READERS,
    "reports:monthly_report": READERS,
    "reports:monthly_open": MONTHLY_AUTHORS.answering(REDIRECT),
    "reports:monthly_refresh": MONTHLY_AUTHORS.answering(REDIRECT),
    "reports:monthly_submit": MONTHLY_AUTHORS.answering(REDIRECT),
    "reports:monthly_accept": MONTHLY_REVIEWERS.answering(REDIRECT),
    "reports:monthly_return": MONTHLY_REVIEWERS.answering(REDIRECT),
    "reports:monthly_reopen": MONTHLY_REVIEWERS.answering(REDIRECT),
    # reports: the municipality's
    "reports:municipality_overview": MUNICIPALITY_READERS,
    "reports:consolidated_monthly": MUNICIPALITY_READERS,
    "reports:consolidated_monthly_job": MUNICIPALITY_READERS.answering(NOT_ALLOWED),
    "reports:personified_accounting": ACCOUNTING_READERS,
    "reports:quality_assessment": MUNICIPALITY_READERS,
    # reports: the region's
    "reports:region_overview": REGION_READERS,
    "reports:region_consolidated": REGION_READERS,
    "reports:region_indicators": REGION_READERS,
}

# The module-scoped world (tests/authz/fixtures.py), used by the tests below.
world = fixtures.world
world_media = fixtures.world_media

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
ROUTES = routes()
URL_NAMES = {name for name, _ in ROUTES}
# Objects of another pair of school A: its mentor and mentee are not ours.
PAIR_KWARGS = {"pair_id", "meeting_id", "plan_item_id"}


@pytest.fixture(autouse=True)
def _test_settings(settings, world_media):
    """Replaces the conftest's: the world's files live in one media folder for the module."""
    settings.MEDIA_ROOT = world_media
    settings.PASSWORD_HASHERS = fixtures.FAST_HASHERS


def answer_of(response):
    """The status code, or LOGIN / REDIRECT for a 302 to the log-in page / anywhere else."""
    # Closing a response sends request_finished, whose close_old_connections would close the
    # connection that holds the module's transaction (its autocommit is off): keep it away.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    if response.status_code == 302:
        location = urlsplit(response["Location"]).path
        return LOGIN if location == reverse("login") else REDIRECT
    return response.status_code


def test_every_url_has_a_decision():
    missing = sorted(URL_NAMES - set(DECISIONS))
    stale = sorted(set(DECISIONS) - URL_NAMES)
    assert not missing, (
        "URL patterns without an access decision in tests/test_authorization_matrix.py "
        f"DECISIONS (read the view and name its rule): {missing}"
    )
    assert not stale, f"DECISIONS for URL names that no longer exist: {stale}"


@pytest.mark.parametrize(("name", "kwargs"), ROUTES, ids=[f"{n}{list(k)}" for n, k in ROUTES])
def test_matrix(db, client, world, name, kwargs):
    if name not in DECISIONS:
        pytest.fail(f"no access decision for the new URL {name!r}: add it to DECISIONS")
    rule = DECISIONS[name]
    url = reverse(name, kwargs=world.kwargs_for(kwargs))
    mismatches = []
    for role, expected in rule.get_expected().items():
        sign_in(client, world.sessions.get(role))
        got = answer_of(client.get(url))
        if got != expected:
            mismatches.append(f"GET  {role}: expected {expected}, got {got}")
    for role, expected in rule.post_expected().items():
        sign_in(client, world.sessions.get(role))
        got = answer_of(client.post(url))
        if got != expected:
            mismatches.append(f"POST {role}: expected {expected}, got {got}")
    assert not mismatches, f"{name} ({url}) under {rule.name}:\n" + "\n".join(mismatches)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [(name, kwargs) for name, kwargs in ROUTES if PAIR_KWARGS & set(kwargs)],
    ids=[f"{n}{list(k)}" for n, k in ROUTES if PAIR_KWARGS & set(k)],
)
def test_a_pair_member_does_not_reach_another_pair(db, client, world, name, kwargs):
    """The mentor and the mentee of one pair get 404 on every page of another pair."""
    values = {**world.kwargs_for(kwargs), **world.other_pair_kwargs(kwargs)}
    url = reverse(name, kwargs=values)
    got = {}
    for role in (MENTOR, MENTEE):
        sign_in(client, world.sessions.get(role))
        got[role] = (answer_of(client.get(url)), answer_of(client.post(url)))
    assert got == {MENTOR: (NOT_FOUND,) * 2, MENTEE: (NOT_FOUND,) * 2}, (name, url, got)


def test_the_matrix_covers_every_role():
    assert set(DECISIONS[next(iter(DECISIONS))].get_expected()) == set(ROLES)


# --- what the pages show, not only whether they open ------------------------------------------

FORMATS = ("pdf", "xlsx", "docx")
# The quarterly personified accounting names the participants to the centre by design (сид 002,
# раздел 9, item 4.1); its fields are the documented minimum (docs/ARCHITECTURE.md, tests/reports).
NAMED_FOR_THE_OFFICER = {"reports:personified_accounting"}


def _opened_by(role, *, leave_out=()):
    return [
        (name, kwargs)
        for name, kwargs in ROUTES
        if name in DECISIONS
        and name not in leave_out
        and DECISIONS[name].get_expected()[role] == OK
    ]


OFFICER_PAGES = _opened_by(OFFICER, leave_out=NAMED_FOR_THE_OFFICER)
# The regional officer reads under the municipal officer's rules, without the exception.
REGIONAL_PAGES = _opened_by(REGIONAL)
GROUP_PAGES = _opened_by(WORKING_GROUP)


def _texts(client, world, name, kwargs) -> dict[str, str]:
    """URL → text of the page, of every format a document is offered in."""
    values = world.kwargs_for(kwargs)
    variants = [{**values, "fmt": fmt} for fmt in FORMATS] if "fmt" in kwargs else [values]
    texts = {}
    for variant in variants:
        url = reverse(name, kwargs=variant)
        response = client.get(url)
        if response.status_code == OK:
            texts[url] = text_of(response)
        answer_of(response)
    assert texts, f"{name}: no format answered 200"
    return texts


@pytest.mark.parametrize(
    ("name", "kwargs"), OFFICER_PAGES, ids=[f"{n}{list(k)}" for n, k in OFFICER_PAGES]
)
def test_the_officer_reads_no_child_name(db, client, world, name, kwargs):
    """Figures and depersonalised rows only: no surname of a child of the world, anywhere."""
    _reads_no_child_name(client, world, OFFICER, name, kwargs)


@pytest.mark.parametrize(
    ("name", "kwargs"), REGIONAL_PAGES, ids=[f"{n}{list(k)}" for n, k in REGIONAL_PAGES]
)
def test_the_regional_officer_reads_no_child_name(db, client, world, name, kwargs):
    _reads_no_child_name(client, world, REGIONAL, name, kwargs)


def _reads_no_child_name(client, world, role, name, kwargs):
    surnames = set(
        Participant.objects.filter(kind=Participant.Kind.STUDENT).values_list(
            "last_name", flat=True
        )
    )
    assert {"Гордеев", "Лаптева", "Зуева", "Смирнова"} <= surnames
    sign_in(client, world.sessions.get(role))
    leaks = {
        url: found
        for url, text in _texts(client, world, name, kwargs).items()
        if (found := found_in(surnames, text))
    }
    assert not leaks, leaks


@pytest.mark.parametrize(
    ("name", "kwargs"), GROUP_PAGES, ids=[f"{n}{list(k)}" for n, k in GROUP_PAGES]
)
def test_the_working_group_reads_no_sensitive_category(db, client, world, name, kwargs):
    """ОВЗ, difficult life situation, behaviour: the curator's and the director's only."""
    hidden = list(RequestCategory.objects.filter(sensitive=True).values_list("name", flat=True))
    assert len(hidden) == 3
    sign_in(client, world.sessions.get(WORKING_GROUP))
    leaks = {
        url: found
        for url, text in _texts(client, world, name, kwargs).items()
        if (found := found_in(hidden, text))
    }
    assert not leaks, leaks


def test_a_child_of_a_group_reaches_only_their_own_plan_and_diary(db, client, world):
    group = world.extra["group"]
    pair_id, other = group["pair_id"], group["other_mentee_id"]
    client.force_login(group["child"], backend=MODEL_BACKEND)
    own = reverse(
        "registry:plan_detail", kwargs={"pair_id": pair_id, "mentee_id": group["own_mentee_id"]}
    )
    assert answer_of(client.get(own)) == OK
    hidden = [
        reverse("registry:plan_detail", kwargs={"pair_id": pair_id, "mentee_id": other}),
        reverse("registry:plan_item_create", kwargs={"pair_id": pair_id, "mentee_id": other}),
        reverse("registry:plan_item_status", kwargs={"plan_item_id": group["other_plan_item_id"]}),
    ]
    got = {url: (answer_of(client.get(url)), answer_of(client.post(url))) for url in hidden}
    assert got == dict.fromkeys(hidden, (NOT_FOUND, NOT_FOUND))
    response = client.get(reverse("registry:pair_timeline", kwargs={"pair_id": pair_id}))
    text = text_of(response)
    answer_of(response)
    assert not found_in(["Запись Зуевой", "Задача Зуевой"], text)
