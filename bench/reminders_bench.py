"""Time to collect and send the reminders of a day for every school of the scale municipality
(40 schools, ``scale_data.py``).

The generated data has curators with addresses only; inside a transaction that is rolled back at
the end, the bench gives every school a director, addresses to the mentors' accounts, a planned
meeting tomorrow for each pair of a mentor with an account, and a questionnaire with personal
links to 20 mentees with addresses. Then it times, median of ``--repeat`` runs (each run starts
from an empty ``SentReminder`` log, so each sends everything again):
- collecting only (``sending.collect``, what the dashboards' block uses too), per kind;
- collecting and sending through Django's in-memory backend (``locmem``);
- collecting and sending through a real SMTP server on 127.0.0.1 (aiosmtpd, ``--smtp``);
- a second run of the same day (the idempotent no-op);
and prints schools, messages, seconds and queries.

    SCALE_DATABASE_URL=sqlite:////tmp/s.sqlite3 .venv/bin/python bench/scale_data.py
    SCALE_DATABASE_URL=sqlite:////tmp/s.sqlite3 .venv/bin/python bench/reminders_bench.py --smtp
"""

import argparse
import datetime
import statistics
from contextlib import ExitStack

import scaleenv  # noqa: F401  (points Django at the scale database)
from benchenv import machine, timed
from django.core import mail
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Concat
from django.test.utils import override_settings
from django.utils import timezone

from mentoring.models import Membership, Municipality, Programme, Role, User
from registry.models import Meeting, Mentee, Pair, Participant
from reports.models import SentReminder
from reports.reminders import sending
from surveys.models import Distribution, Invitation, Questionnaire


class Rollback(Exception):
    pass


class OverriddenSettings:
    """What ``tests.smtp.serving`` does to pytest-django's ``settings``: each attribute set is an
    ``override_settings`` kept until the stack closes."""

    def __init__(self, stack: ExitStack):
        object.__setattr__(self, "_stack", stack)

    def __setattr__(self, name, value):
        self._stack.enter_context(override_settings(**{name: value}))


def prepare(municipality, day: datetime.date) -> None:
    programmes = list(
        Programme.objects.filter(school__municipality=municipality).select_related("school")
    )
    for programme in programmes:
        director = User.objects.create(
            username=f"bench_director{programme.school_id}",
            last_name="Директорова",
            first_name="Анна",
            email=f"director{programme.school_id}@example.org",
        )
        Membership.objects.create(user=director, role=Role.DIRECTOR, school=programme.school)
    User.objects.filter(email="").exclude(username="officer").update(
        email=Concat("username", Value("@example.org"))
    )
    tomorrow = day + datetime.timedelta(days=1)
    pairs = Pair.objects.open().filter(
        programme__in=programmes, mentor__participant__user__isnull=False
    )
    Meeting.objects.bulk_create(
        Meeting(pair=pair, held_on=tomorrow, topic="Подготовка к олимпиаде") for pair in pairs
    )
    expires = timezone.now() + datetime.timedelta(days=14)
    for programme in programmes:
        questionnaire = Questionnaire.objects.filter(school__isnull=True).first()
        if questionnaire is None:
            questionnaire = Questionnaire.objects.create(
                school=programme.school, title="Анкета", purpose="other", audience="all"
            )
        distribution = Distribution.objects.create(
            questionnaire=questionnaire,
            programme=programme,
            title="Анкета наставляемого",
            deadline=day + datetime.timedelta(days=14),
        )
        mentees = list(
            Mentee.objects.filter(programme=programme).select_related("participant")[:20]
        )
        Participant.objects.filter(pk__in=[m.participant_id for m in mentees]).update(
            email=Concat(Value("mentee"), "id", Value("@example.org"))
        )
        Invitation.objects.bulk_create(
            Invitation(
                distribution=distribution,
                participant=m.participant,
                respondent_name=m.participant.full_name,
                expires_at=expires,
            )
            for m in mentees
        )


class QueryCounter:
    """Counts the statements (savepoints too) without keeping them, unlike
    ``CaptureQueriesContext``, which stops at 9 000."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(function, repeat: int, fresh: bool = True):
    runs, queries, result = [], 0, None
    for _ in range(repeat):
        if fresh:
            SentReminder.objects.all().delete()
        mail.outbox = []
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            seconds, result = timed(function)
        runs.append(seconds)
        queries = counter.count
    return statistics.median(runs), queries, result


def report(label: str, schools: int, messages: int, seconds: float, queries: int) -> None:
    per = f", {seconds / messages * 1000:.1f} ms per message" if messages else ""
    print(
        f"{label}: {schools} schools, {messages} messages, {seconds:.3f} s, {queries} queries{per}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--date", help="the day (YYYY-MM-DD); default the 26th of this month")
    parser.add_argument("--smtp", action="store_true", help="also through aiosmtpd on 127.0.0.1")
    args = parser.parse_args()
    day = (
        datetime.date.fromisoformat(args.date)
        if args.date
        else timezone.localdate().replace(day=26)
    )
    municipality = Municipality.objects.get(name=scaleenv.MUNICIPALITY)
    schools = municipality.schools.count()
    print(machine())
    print(f"database: {connection.settings_dict['NAME']}, day {day:%d.%m.%Y} ({day:%A})")
    try:
        with transaction.atomic():
            prepare(municipality, day)
            for kind, module in sending.KINDS:
                seconds, queries, found = measure(lambda m=module: m.collect(day), args.repeat)
                lines = sum(len(r.lines) for r in found)
                print(
                    f"  collect {kind}: {len(found)} reminders, {lines} lines, "
                    f"{seconds:.3f} s, {queries} queries"
                )
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                seconds, queries, sent = measure(lambda: sending.send_all(day), args.repeat)
                report("send, locmem", schools, sum(sent.values()), seconds, queries)
                print("  by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(sent.items())))
                seconds, queries, again = measure(
                    lambda: sending.send_all(day), args.repeat, fresh=False
                )
                report("second run, locmem", schools, sum(again.values()), seconds, queries)
            if args.smtp:
                from tests.smtp import serving

                with ExitStack() as stack, serving(OverriddenSettings(stack)) as mailbox:
                    seconds, queries, sent = measure(lambda: sending.send_all(day), args.repeat)
                    report("send, aiosmtpd", schools, sum(sent.values()), seconds, queries)
                    print(f"  received by the server: {len(mailbox.messages)} over all runs")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
