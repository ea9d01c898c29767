"""Generate a municipality at scale, fast, with bulk_create: 40 schools, ~6 000 mentees,
2 400 mentors, 4 800 pairs and groups, 60 000 meetings, 24 000 survey answers; or a region.

The database (``SCALE_DATABASE_URL``, default the local PostgreSQL database
``mentoring_scale``, see ``scaleenv.py``) is dropped, created and migrated on every run, so the
script is idempotent. Schools differ in size on purpose: school № 1 has a tenth of the average
rows and school № 40 about twice the average, so a page can be measured on a small and a big
school with the same code (``pages_bench.py``).

Accounts (password ``scaleenv.PASSWORD``): ``curator1`` … ``curator40`` (curator of the school
of that number), ``mentor1_1`` … ``mentor40_3`` (three mentors per school with an account, two
pairs each), ``officer`` (municipal officer of the whole municipality).

A region: ``--municipalities M`` (M > 1) spreads the N schools over M municipalities of one
region, school № n in municipality № (n − 1) mod M + 1, so that every municipality has small and
big schools; school № 1 stays the smallest and № N the biggest. It goes to its own database,
``scaleenv.REGION_URL`` (``SCALE_REGION_DATABASE_URL``, default the local PostgreSQL
``mentoring_scale_region``), unless ``SCALE_DATABASE_URL`` is set. Accounts as above plus
``officer1`` … ``officerM`` (municipal officer of that municipality) and ``regional`` (the
regional centre). Each municipality is generated in its own transaction, so memory stays that of
one municipality; 1 000 schools make ~150 000 mentees, 60 000 mentors, 1.5 million meetings.

    .venv/bin/python bench/scale_data.py [--schools 40] [--municipalities 1] [--scale 1.0]
    .venv/bin/python bench/scale_data.py --schools 1000 --municipalities 20
"""

import argparse
import datetime
import os
import random
import sys
import time
from collections import Counter
from contextlib import contextmanager
from io import StringIO
from urllib.parse import urlparse


def _region_requested(argv: list[str]) -> bool:
    for n, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--municipalities=") else None
        if arg == "--municipalities" and n + 1 < len(argv):
            value = argv[n + 1]
        if value is not None:
            return value.isdigit() and int(value) > 1
    return False


# A region never overwrites the municipality's database by default (read before Django starts).
if _region_requested(sys.argv[1:]) and "SCALE_DATABASE_URL" not in os.environ:
    os.environ["SCALE_REGION"] = "1"

import scaleenv  # noqa: E402  (points Django at the scale database)
from benchenv import machine  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from mentoring.models import (  # noqa: E402
    AcademicYear,
    Membership,
    Municipality,
    Programme,
    Region,
    Role,
    School,
    User,
)
from mentoring.periods import month_bounds  # noqa: E402
from registry.models import (  # noqa: E402
    Certificate,
    Competency,
    Consent,
    Meeting,
    Mentee,
    Mentor,
    MentoringForm,
    Pair,
    Participant,
    RequestCategory,
)
from reports.indicators import school_indicators  # noqa: E402
from reports.models import MonthlyReport  # noqa: E402
from stages.models import RoadmapItem  # noqa: E402
from stages.services import create_roadmap, record_completion  # noqa: E402
from surveys.models import (  # noqa: E402
    Answer,
    Distribution,
    Invitation,
    Question,
    Questionnaire,
    Response,
)

# Per average school; multiplied by the school's weight (0.1 … 1.9) and --scale.
MENTORS_PER_SCHOOL = 60  # 2 400 in 40 schools
PAIRS_PER_MENTOR = 2  # 4 800 pairs
GROUP_EVERY = 8  # every 8th pair is a group of two: 5 400 mentees in pairs
WAITING_PER_SCHOOL = 15  # + 600 waiting = 6 000 mentees
RESPONSES_PER_SCHOOL = 50  # × 12 questions of «satisfaction_mentees» = 24 000 answers
MENTOR_ACCOUNTS = 3
BATCH = 2000

LAST = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
]
MALE = [
    "Александр",
    "Дмитрий",
    "Максим",
    "Сергей",
    "Андрей",
    "Алексей",
    "Артём",
    "Илья",
    "Кирилл",
    "Михаил",
    "Никита",
    "Матвей",
    "Роман",
    "Егор",
    "Арсений",
    "Иван",
]
FEMALE = [
    "Анастасия",
    "Мария",
    "Дарья",
    "Анна",
    "Елизавета",
    "Полина",
    "Виктория",
    "Екатерина",
    "Софья",
    "Александра",
    "Варвара",
    "Ксения",
    "Алиса",
    "Вероника",
    "Арина",
    "Ульяна",
]
PATRONYMIC = [
    "Александров",
    "Дмитриев",
    "Сергеев",
    "Андреев",
    "Алексеев",
    "Михайлов",
    "Иванов",
    "Николаев",
    "Владимиров",
    "Петров",
]
TOPICS = [
    "Разбор домашнего задания и трудных тем",
    "Подготовка к контрольной работе",
    "Обсуждение проекта к школьной конференции",
    "Планирование открытого урока",
    "Работа с электронным журналом",
    "Разговор о самочувствии и нагрузке",
    "Подготовка к олимпиаде",
    "Профориентационная беседа",
]
COMPETENCIES = [
    "математика",
    "русский язык",
    "физика",
    "проектная работа",
    "олимпиады",
    "информатика",
    "английский язык",
    "профориентация",
    "классное руководство",
    "цифровые инструменты",
    "биология",
    "робототехника",
]
MENTOR_STATUSES = [Mentor.Status.ACTIVE] * 8 + [Mentor.Status.TRAINED, Mentor.Status.SELECTED]
PAIR_STATUSES = [Pair.Status.ACTIVE] * 16 + [
    Pair.Status.DRAFT,
    Pair.Status.APPROVED,
    Pair.Status.COMPLETED,
    Pair.Status.TERMINATED,
]
REPORT_STATUSES = [
    MonthlyReport.Status.ACCEPTED,
    MonthlyReport.Status.ACCEPTED,
    MonthlyReport.Status.SUBMITTED,
    MonthlyReport.Status.RETURNED,
    MonthlyReport.Status.DRAFT,
]


def recreate_database() -> None:
    """Drop and create the scale database (PostgreSQL) or delete the file (SQLite)."""
    settings = connection.settings_dict
    connection.close()
    if connection.vendor == "sqlite":
        from pathlib import Path

        path = Path(settings["NAME"])
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = settings["NAME"]
    host = settings.get("HOST") or urlparse(scaleenv.DATABASE_URL).hostname
    if "scale" not in name or host not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"refusing to drop {name} on {host}: not a local scale database")
    import psycopg2

    admin = psycopg2.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=host,
        port=settings.get("PORT") or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


class People:
    """Random Russian names and birth dates."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def person(self, school, kind, today, grade=None, **extra) -> Participant:
        rng = self.rng
        female = rng.random() < 0.5
        last = rng.choice(LAST) + ("а" if female else "")
        first = rng.choice(FEMALE if female else MALE)
        middle = rng.choice(PATRONYMIC) + ("на" if female else "ич")
        if kind == Participant.Kind.STUDENT:
            age = 6 + grade + rng.choice([0, 1])
            class_name = f"{grade}{rng.choice('АБВ')}"
        else:
            age = rng.randint(23, 60)
            class_name = ""
        birth = today - datetime.timedelta(days=365 * age + rng.randint(0, 360))
        return Participant(
            school=school,
            last_name=last,
            first_name=first,
            middle_name=middle,
            birth_date=birth,
            kind=kind,
            class_name=class_name,
            grade=grade,
            **extra,
        )


def bulk(model, objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH)


def weights(schools: int) -> list[float]:
    if schools == 1:
        return [1.0]
    return [0.1 + 1.8 * i / (schools - 1) for i in range(schools)]


class Steps:
    """Seconds per generation step, summed over the municipalities."""

    def __init__(self):
        self.seconds = Counter()
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] += now - self.last
        self.last = now


STEPS = Steps()


@contextmanager
def quiet_commit():
    """Bulk loading: no wait for the WAL flush at each commit (PostgreSQL; data stays safe)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
    yield


def generate(
    schools: int, municipalities: int, scale: float, seed: int, today: datetime.date
) -> dict:
    """One municipality of all schools (the default), or a region of ``municipalities``."""
    ctx = Context(
        rng=random.Random(seed),
        password=make_password(scaleenv.PASSWORD),
        year=AcademicYear.for_date(today),
        today=today,
        scale=scale,
    )
    STEPS.last = time.perf_counter()
    region = None
    if municipalities > 1:
        region = Region.objects.create(name=scaleenv.REGION, centre_name="РНЦ Масштаб-края")
        regional = User.objects.create(
            username="regional",
            password=ctx.password,
            last_name="Белова",
            first_name="Светлана",
            middle_name="Игоревна",
        )
        Membership.objects.create(user=regional, role=Role.REGIONAL_OFFICER, region=region)
    school_weights = weights(schools)
    totals = Counter()
    for k in range(1, municipalities + 1):
        started = time.perf_counter()
        single = municipalities == 1
        numbers = list(range(k, schools + 1, municipalities))
        with transaction.atomic():
            municipality = Municipality.objects.create(
                name=scaleenv.MUNICIPALITY if single else f"{scaleenv.MUNICIPALITY} {k}",
                region=region,
                centre_name="МНЦ Масштаб-округа" if single else f"МНЦ Масштаб-округа {k}",
            )
            sizes = generate_municipality(
                ctx,
                municipality,
                numbers,
                [school_weights[n - 1] for n in numbers],
                "officer" if single else f"officer{k}",
            )
        totals.update(sizes)
        if not single and connection.vendor == "postgresql":
            # Fresh statistics: with the planner's guesses from the empty tables, the monthly
            # figures of later municipalities take seconds a school.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            STEPS.lap("ANALYZE after each municipality")
        if not single:
            print(
                f"  municipality {k}/{municipalities}: {len(numbers)} schools, "
                f"{sizes['meetings']:_} meetings, {time.perf_counter() - started:.1f} s".replace(
                    "_", " "
                ),
                flush=True,
            )
    return {"municipalities": municipalities, "users": User.objects.count(), **totals}


class Context:
    """What every municipality shares: the random source, the year, the reference rows."""

    def __init__(self, **values):
        self.__dict__.update(values)
        self.people = People(self.rng)
        self.forms = {
            form.code: form for form in MentoringForm.objects.prefetch_related("role_models")
        }
        self.role_model = {code: form.role_models.all()[0] for code, form in self.forms.items()}
        self.student_categories = list(RequestCategory.objects.filter(audience="student"))
        self.teacher_categories = list(RequestCategory.objects.filter(audience="teacher"))
        self.competencies = [
            Competency.objects.get_or_create(name=name)[0] for name in COMPETENCIES
        ]
        self.questionnaire = Questionnaire.objects.get(
            school__isnull=True, code="satisfaction_mentees"
        )
        self.questions = list(
            Question.objects.filter(questionnaire=self.questionnaire).order_by("position")
        )


def generate_municipality(
    ctx: Context, municipality, numbers: list[int], school_weights: list[float], officer_name
) -> dict:
    """The schools of those numbers (and weights) in the municipality, with its officer."""
    rng, people, password, year, today, scale = (
        ctx.rng,
        ctx.people,
        ctx.password,
        ctx.year,
        ctx.today,
        ctx.scale,
    )
    forms, role_model, competencies, questions = (
        ctx.forms,
        ctx.role_model,
        ctx.competencies,
        ctx.questions,
    )
    student_categories, teacher_categories = ctx.student_categories, ctx.teacher_categories
    questionnaire = ctx.questionnaire
    STEPS.lap("(commits, between municipalities)")

    school_rows = bulk(
        School,
        [
            School(
                municipality=municipality,
                short_name=f"МБОУ «СОШ № {n}»",
                full_name=f"Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                f"общеобразовательная школа № {n}»",
                director_name=f"{rng.choice(LAST)} {rng.choice(MALE)} {rng.choice(PATRONYMIC)}ич",
            )
            for n in numbers
        ],
    )
    # Users: a curator per school, the officer; mentors' accounts come with their participants.
    curators = bulk(
        User,
        [
            User(
                username=f"curator{n}",
                password=password,
                last_name=rng.choice(LAST) + "а",
                first_name=rng.choice(FEMALE),
                middle_name=rng.choice(PATRONYMIC) + "на",
                email=f"curator{n}@example.org",
            )
            for n in numbers
        ],
    )
    officer = User.objects.create(
        username=officer_name,
        password=password,
        last_name="Орлова",
        first_name="Ирина",
        middle_name="Петровна",
    )
    programmes = bulk(
        Programme,
        [
            Programme(
                school=school,
                year=year,
                curator=curator,
                forms_in_use="«Ученик – ученик», «Учитель – учитель», «Работодатель – ученик»",
            )
            for school, curator in zip(school_rows, curators, strict=True)
        ],
    )
    memberships = [
        Membership(user=curator, role=Role.CURATOR, school=school)
        for school, curator in zip(school_rows, curators, strict=True)
    ]
    memberships.append(
        Membership(user=officer, role=Role.MUNICIPAL_OFFICER, municipality=municipality)
    )
    for programme in programmes:
        create_roadmap(programme)
    STEPS.lap("schools, curators, programmes, roadmaps")

    # Participants: mentors (students of grades 10–11, teachers, employers' specialists) and
    # mentees (students of grades 1–9 and young teachers).
    plan = []  # per school: (programme, mentors [(participant, form code)], mentee participants)
    participants = []
    for school, programme, weight in zip(school_rows, programmes, school_weights, strict=True):
        n_mentors = max(2, round(MENTORS_PER_SCHOOL * weight * scale))
        mentor_people = []
        for i in range(n_mentors):
            roll = i % 10
            if roll < 5:
                person = people.person(
                    school, Participant.Kind.STUDENT, today, rng.choice([10, 11])
                )
                code = "student_student"
            elif roll < 8:
                person = people.person(
                    school,
                    Participant.Kind.TEACHER,
                    today,
                    position="учитель",
                    subject=rng.choice(COMPETENCIES[:7]),
                    experience_years=rng.randint(5, 35),
                )
                code = "teacher_teacher"
            else:
                person = people.person(
                    school,
                    Participant.Kind.EMPLOYER_SPECIALIST,
                    today,
                    organisation="АО «Завод»",
                    position="инженер",
                )
                code = "employer_pupil"
            mentor_people.append((person, code))
        n_pairs = n_mentors * PAIRS_PER_MENTOR
        mentee_people = []  # (participant, for teacher pairs?)
        for p in range(n_pairs):
            code = mentor_people[p // PAIRS_PER_MENTOR][1]
            size = 2 if p % GROUP_EVERY == GROUP_EVERY - 1 else 1
            for _ in range(size):
                if code == "teacher_teacher":
                    mentee_people.append(
                        people.person(
                            school,
                            Participant.Kind.TEACHER,
                            today,
                            position="учитель",
                            subject=rng.choice(COMPETENCIES[:7]),
                            experience_years=rng.randint(0, 3),
                        )
                    )
                else:
                    grade = rng.randint(5, 9) if code == "student_student" else rng.randint(7, 9)
                    mentee_people.append(
                        people.person(school, Participant.Kind.STUDENT, today, grade)
                    )
        for _ in range(max(1, round(WAITING_PER_SCHOOL * weight * scale))):
            mentee_people.append(
                people.person(school, Participant.Kind.STUDENT, today, rng.randint(1, 9))
            )
        plan.append((school, programme, mentor_people, mentee_people))
        participants += [person for person, _code in mentor_people] + mentee_people
    bulk(Participant, participants)
    STEPS.lap("participants")

    # Mentor accounts: the first three mentors of each school.
    mentor_users = []
    for n, (school, _programme, mentor_people, _mentees) in zip(numbers, plan, strict=True):
        for k, (person, _code) in enumerate(mentor_people[:MENTOR_ACCOUNTS], start=1):
            mentor_users.append(
                (
                    person,
                    User(
                        username=f"mentor{n}_{k}",
                        password=password,
                        last_name=person.last_name,
                        first_name=person.first_name,
                        middle_name=person.middle_name,
                    ),
                )
            )
            memberships.append(
                Membership(user=mentor_users[-1][1], role=Role.MENTOR, school=school)
            )
    bulk(User, [user for _person, user in mentor_users])
    for person, user in mentor_users:
        person.user = user
    Participant.objects.bulk_update([person for person, _ in mentor_users], ["user"])
    bulk(Membership, memberships)

    # Consents for everyone, criminal-record certificates for adult mentors.
    consents, certificates = [], []
    signed = year.start_date + datetime.timedelta(days=5)
    for person in participants:
        minor = person.is_minor(today)
        for kind in (Consent.Kind.PERSONAL_DATA, Consent.Kind.PARTICIPATION):
            consents.append(
                Consent(
                    participant=person,
                    kind=kind,
                    given_by=Consent.GivenBy.REPRESENTATIVE if minor else Consent.GivenBy.SELF,
                    representative_name="Родитель" if minor else "",
                    signed_on=signed,
                )
            )
    for _school, _programme, mentor_people, _mentees in plan:
        for person, code in mentor_people:
            if code == "teacher_teacher":
                consents.append(
                    Consent(
                        participant=person,
                        kind=Consent.Kind.TEACHER_MENTORING,
                        given_by=Consent.GivenBy.SELF,
                        signed_on=signed,
                    )
                )
            if not person.is_minor(today):
                certificates.append(
                    Certificate(
                        participant=person,
                        kind=Certificate.Kind.CRIMINAL_RECORD,
                        number=f"{rng.randint(10**6, 10**7)}",
                        issued_on=signed,
                        valid_until=signed + datetime.timedelta(days=365),
                    )
                )
    STEPS.lap("mentor accounts, memberships")
    bulk(Consent, consents)
    bulk(Certificate, certificates)
    STEPS.lap("consents, certificates")

    # Bases: mentors (with competencies) and mentees (with request categories).
    mentors, mentees = [], []
    for school, programme, mentor_people, mentee_people in plan:
        for person, _code in mentor_people:
            mentors.append(
                Mentor(
                    school=school,
                    participant=person,
                    contour=(
                        Mentor.Contour.EXTERNAL
                        if person.kind == Participant.Kind.EMPLOYER_SPECIALIST
                        else Mentor.Contour.INTERNAL
                    ),
                    offer="Помогу разобраться в предмете и подготовиться к олимпиаде",
                    capacity=3,
                    status=rng.choice(MENTOR_STATUSES),
                )
            )
        for person in mentee_people:
            mentees.append(
                Mentee(
                    programme=programme,
                    participant=person,
                    request_text="Хочу лучше понимать предмет и увереннее выступать",
                    priority=rng.choice(list(Mentee.Priority.values)),
                    source="Анкета",
                )
            )
    bulk(Mentor, mentors)
    bulk(Mentee, mentees)
    bulk(
        Mentor.competencies.through,
        [
            Mentor.competencies.through(mentor_id=mentor.pk, competency_id=competency.pk)
            for mentor in mentors
            for competency in rng.sample(competencies, 2)
        ],
    )
    category_rows = []
    for mentee in mentees:
        pool = (
            teacher_categories
            if mentee.participant.kind == Participant.Kind.TEACHER
            else student_categories
        )
        for category in rng.sample(pool, rng.choice([1, 1, 2])):
            category_rows.append(
                Mentee.categories.through(mentee_id=mentee.pk, requestcategory_id=category.pk)
            )
    bulk(Mentee.categories.through, category_rows)
    STEPS.lap("mentor and mentee bases")

    # Pairs and groups, their mentees (through rows) and meetings.
    mentor_iter = iter(mentors)
    mentee_iter = iter(mentees)
    pairs, pair_mentees = [], []  # pair_mentees: list of mentee lists, parallel to pairs
    paired_status = {}
    for _school, programme, mentor_people, mentee_people in plan:
        school_mentors = [next(mentor_iter) for _ in mentor_people]
        school_mentees = [next(mentee_iter) for _ in mentee_people]
        position = 0
        for p in range(len(school_mentors) * PAIRS_PER_MENTOR):
            mentor = school_mentors[p // PAIRS_PER_MENTOR]
            code = mentor_people[p // PAIRS_PER_MENTOR][1]
            size = 2 if p % GROUP_EVERY == GROUP_EVERY - 1 else 1
            group = school_mentees[position : position + size]
            position += size
            status = rng.choice(PAIR_STATUSES)
            starts = year.start_date + datetime.timedelta(days=rng.randint(10, 25))
            pairs.append(
                Pair(
                    programme=programme,
                    mentor=mentor,
                    form=forms[code],
                    role_model=role_model[code],
                    goal="Достижение лучших образовательных результатов",
                    starts_on=None if status == Pair.Status.DRAFT else starts,
                    ends_on=year.end_date - datetime.timedelta(days=31),
                    status=status,
                    approval_note="" if status == Pair.Status.DRAFT else "Приказ № 45",
                    termination_reason=(
                        "Переход в другую школу" if status == Pair.Status.TERMINATED else ""
                    ),
                )
            )
            pair_mentees.append(group)
            for mentee in group:
                paired_status[mentee.pk] = (
                    Mentee.Status.WAITING
                    if status == Pair.Status.TERMINATED
                    else Mentee.Status.COMPLETED
                    if status == Pair.Status.COMPLETED
                    else Mentee.Status.PAIRED
                )
    bulk(Pair, pairs)
    bulk(
        Pair.mentees.through,
        [
            Pair.mentees.through(pair_id=pair.pk, mentee_id=mentee.pk)
            for pair, group in zip(pairs, pair_mentees, strict=True)
            for mentee in group
        ],
    )
    for status in (Mentee.Status.PAIRED, Mentee.Status.COMPLETED):
        Mentee.objects.filter(
            pk__in=[pk for pk, value in paired_status.items() if value == status]
        ).update(status=status)
    STEPS.lap("pairs and groups")

    meetings = []
    kinds = [Meeting.Kind.ACQUAINTANCE, Meeting.Kind.TRIAL, Meeting.Kind.PLANNING]
    for pair in pairs:
        if pair.status == Pair.Status.DRAFT:
            continue
        count = rng.randint(7, 19)
        span = max(1, (today - pair.starts_on).days)
        days = sorted(rng.sample(range(span), min(count, span)))
        for i, day in enumerate(days):
            meetings.append(
                Meeting(
                    pair=pair,
                    kind=kinds[i] if i < len(kinds) else Meeting.Kind.WORKING,
                    held_on=pair.starts_on + datetime.timedelta(days=day),
                    format=rng.choice(list(Meeting.Format.values)),
                    topic=rng.choice(TOPICS),
                    outcome="Договорились о следующих шагах",
                    duration_minutes=rng.choice([30, 40, 45, 60]),
                )
            )
    bulk(Meeting, meetings)
    STEPS.lap("meetings")

    # A satisfaction survey per school: an invitation per mentee in a pair, some answered.
    distributions = bulk(
        Distribution,
        [
            Distribution(
                questionnaire=questionnaire,
                programme=programme,
                title="Удовлетворённость программой: наставляемые",
                deadline=today + datetime.timedelta(days=10),
            )
            for programme in programmes
        ],
    )
    by_programme = {d.programme_id: d for d in distributions}
    weight_of = {p.pk: w for p, w in zip(programmes, school_weights, strict=True)}
    expires = timezone.now() + datetime.timedelta(days=11)
    invitations, to_answer = [], []
    answered_per_programme = {}
    for pair, group in zip(pairs, pair_mentees, strict=True):
        if pair.status in (Pair.Status.DRAFT, Pair.Status.TERMINATED):
            continue
        distribution = by_programme[pair.programme_id]
        quota = round(RESPONSES_PER_SCHOOL * weight_of[pair.programme_id] * scale)
        for mentee in group:
            invitation = Invitation(
                distribution=distribution,
                participant=mentee.participant,
                pair=pair,
                respondent_name=mentee.participant.full_name,
                expires_at=expires,
            )
            invitations.append(invitation)
            done = answered_per_programme.get(pair.programme_id, 0)
            if done < quota:
                answered_per_programme[pair.programme_id] = done + 1
                invitation.answered_at = timezone.now()
                to_answer.append((invitation, mentee, pair))
    bulk(Invitation, invitations)
    responses = bulk(
        Response,
        [
            Response(
                distribution=invitation.distribution,
                invitation=invitation,
                participant=mentee.participant,
                pair=pair,
            )
            for invitation, mentee, pair in to_answer
        ],
    )
    answers = []
    for response in responses:
        for question in questions:
            answer = Answer(response=response, question=question)
            if question.kind == Question.Kind.SCALE:
                answer.number = rng.randint(5, 10)
            elif question.kind == Question.Kind.YES_NO:
                answer.number = rng.choice([0, 1, 1])
            elif question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
                options = question.options or ["—"]
                answer.choices = rng.sample(options, 1)
            else:
                answer.text = rng.choice(["Всё понравилось", "Хотелось бы чаще встречаться", ""])
            answers.append(answer)
    bulk(Answer, answers)
    STEPS.lap("surveys")

    # Roadmaps: what is due is mostly done; a few items stay overdue.
    done = []
    for item in RoadmapItem.objects.filter(programme__in=programmes, deadline__lt=today):
        if rng.random() < 0.85:
            item.status = RoadmapItem.Status.DONE
            record_completion(item, was_done=False)
            done.append(item)
    RoadmapItem.objects.bulk_update(done, ["status", "completed_at"], batch_size=BATCH)
    STEPS.lap("roadmap progress")

    # Monthly reports for last month, with the schools' own figures (mixed statuses).
    period = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    day = min(month_bounds(period)[1], today)
    bulk(
        MonthlyReport,
        [
            MonthlyReport(
                school_id=programme.school_id,
                programme=programme,
                period=period,
                figures=school_indicators(programme, day),
                figures_taken_at=timezone.now(),
                status=REPORT_STATUSES[n % len(REPORT_STATUSES)],
                comment="Работа пар идёт по плану." if n % 3 else "",
            )
            for n, programme in enumerate(programmes, start=1)
        ],
    )
    STEPS.lap("monthly reports")
    return {
        "schools": len(school_rows),
        "participants": len(participants),
        "mentors": len(mentors),
        "mentees": len(mentees),
        "pairs": len(pairs),
        "pair mentees": sum(len(group) for group in pair_mentees),
        "meetings": len(meetings),
        "invitations": len(invitations),
        "responses": len(responses),
        "answers": len(answers),
        "roadmap items": RoadmapItem.objects.filter(programme__in=programmes).count(),
        "monthly reports": len(programmes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=40)
    parser.add_argument(
        "--municipalities", type=int, default=1, help="more than 1: a region of them"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="rows per school multiplier")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    recreate_database()
    call_command("migrate", verbosity=0, stdout=StringIO())
    migrated = time.perf_counter()
    if not 1 <= args.municipalities <= args.schools:
        raise SystemExit("--municipalities: from 1 to --schools")
    print(f"database: {connection.settings_dict['NAME']}", flush=True)
    with quiet_commit():
        sizes = generate(
            args.schools, args.municipalities, args.scale, args.seed, timezone.localdate()
        )
    generated = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    analysed = time.perf_counter()
    print(machine())
    print(
        f"drop + create + migrate {migrated - started:.1f} s, generation "
        f"{generated - migrated:.1f} s, ANALYZE {analysed - generated:.1f} s, "
        f"total {time.perf_counter() - started:.1f} s"
    )
    print("steps: " + ", ".join(f"{name} {sec:.1f} s" for name, sec in STEPS.seconds.items()))
    print(", ".join(f"{name} {value:,}".replace(",", " ") for name, value in sizes.items()))


if __name__ == "__main__":
    main()
