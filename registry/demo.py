"""Demo bases of realistic size: mentors, mentees with requests, consents and certificates."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from mentoring.models import Programme

from .models import (
    Attendance,
    Certificate,
    CommissionMember,
    Competency,
    Consent,
    Interview,
    Mentee,
    Mentor,
    Participant,
    RequestCategory,
    SelectionCommission,
    TrainingCertificate,
    TrainingCourse,
    TrainingSession,
)
from .models.people import grade_of

SURNAMES = [
    ("Иванов", "Иванова"),
    ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"),
    ("Попов", "Попова"),
    ("Васильев", "Васильева"),
    ("Петров", "Петрова"),
    ("Соколов", "Соколова"),
    ("Михайлов", "Михайлова"),
    ("Новиков", "Новикова"),
    ("Фёдоров", "Фёдорова"),
    ("Морозов", "Морозова"),
    ("Волков", "Волкова"),
    ("Алексеев", "Алексеева"),
    ("Лебедев", "Лебедева"),
    ("Семёнов", "Семёнова"),
    ("Егоров", "Егорова"),
    ("Павлов", "Павлова"),
    ("Козлов", "Козлова"),
    ("Степанов", "Степанова"),
    ("Николаев", "Николаева"),
    ("Орлов", "Орлова"),
    ("Андреев", "Андреева"),
    ("Макаров", "Макарова"),
    ("Никитин", "Никитина"),
    ("Захаров", "Захарова"),
    ("Зайцев", "Зайцева"),
    ("Шевчук", "Шевчук"),
    ("Коваленко", "Коваленко"),
    ("Белых", "Белых"),
    ("Гончаренко", "Гончаренко"),
]
MALE = ["Александр", "Дмитрий", "Максим", "Илья", "Никита", "Артём", "Иван", "Михаил", "Кирилл"]
FEMALE = ["Анна", "Мария", "Ольга", "Елена", "Дарья", "Полина", "Софья", "Виктория", "Ксения"]
FATHERS = [
    ("Александрович", "Александровна"),
    ("Сергеевич", "Сергеевна"),
    ("Андреевич", "Андреевна"),
    ("Игоревич", "Игоревна"),
    ("Олегович", "Олеговна"),
    ("Викторович", "Викторовна"),
    ("Николаевич", "Николаевна"),
    ("Петрович", "Петровна"),
]
SUBJECTS = [
    "математика",
    "русский язык",
    "литература",
    "физика",
    "химия",
    "биология",
    "история",
    "английский язык",
    "информатика",
    "география",
    "физическая культура",
]
TEACHER_OFFERS = [
    "Помогу молодому педагогу выстроить систему оценивания и подготовиться к открытому уроку",
    "Поделюсь опытом классного руководства и работы с родителями",
    "Научу работать с цифровыми образовательными платформами",
    "Подготовка обучающихся к олимпиадам и конкурсам",
]
STUDENT_OFFERS = [
    "Помогу разобраться с домашними заданиями по математике",
    "Расскажу, как устроена школьная жизнь, познакомлю с кружками и секциями",
    "Вместе подготовим проект к школьной конференции",
    "Позанимаюсь английским языком в разговорном клубе",
]
STUDENT_REQUESTS = {
    "low_results": "Хочу подтянуть оценки по математике и не бояться контрольных",
    "gifted": "Хочу готовиться к олимпиаде по физике с тем, кто уже участвовал",
    "disengaged": "Хочу найти себе занятие в школе и друзей",
    "new_student": "Перешёл в новую школу, хочу быстрее освоиться в классе",
    "ovz": "Нужна поддержка в учёбе и общении со сверстниками",
    "difficult_situation": "Нужна поддержка взрослого и помощь с учёбой",
    "behaviour": "Хочу научиться решать конфликты без ссор",
}
TEACHER_REQUESTS = {
    "young_specialist": "Первый год в школе: нужна помощь с планированием уроков и дисциплиной",
    "burnout": "Чувствую усталость, хочу вернуть интерес к работе",
    "new_at_work": "Пришла из другой школы, хочу освоиться с традициями и регламентами",
    "digital_skills": "Хочу освоить электронный журнал и цифровые платформы",
}


def _person(rng: random.Random, *, female: bool) -> tuple[str, str, str]:
    surname = rng.choice(SURNAMES)[1 if female else 0]
    first = rng.choice(FEMALE if female else MALE)
    father = rng.choice(FATHERS)[1 if female else 0]
    return surname, first, father


def _birth(today: datetime.date, age: int, rng: random.Random) -> datetime.date:
    return today - datetime.timedelta(days=age * 365 + rng.randint(10, 350))


def _participant(school, rng: random.Random, female_share: float, fields: dict) -> Participant:
    last, first, middle = _person(rng, female=rng.random() < female_share)
    return Participant(
        school=school, last_name=last, first_name=first, middle_name=middle, **fields
    )


def _mentor_fields(index: int, rng: random.Random, today: datetime.date) -> dict:
    """A third of the mentors are senior students, some external; the rest are teachers."""
    if index % 3 == 0:
        return {
            "kind": Participant.Kind.STUDENT,
            "class_name": f"{rng.randint(9, 11)}А",
            "birth_date": _birth(today, 16, rng),
        }
    if index % 10 == 6:
        return {
            "kind": Participant.Kind.GRADUATE,
            "organisation": "выпускник школы, студент педагогического университета",
            "birth_date": _birth(today, rng.randint(19, 22), rng),
        }
    if index % 10 == 1:
        return {
            "kind": Participant.Kind.EMPLOYER_SPECIALIST,
            "organisation": "АО «Заречный завод»",
            "position": "инженер",
            "birth_date": _birth(today, rng.randint(28, 50), rng),
        }
    return {
        "kind": Participant.Kind.TEACHER,
        "position": "учитель",
        "subject": rng.choice(SUBJECTS),
        "experience_years": rng.randint(8, 30),
        "birth_date": _birth(today, rng.randint(32, 60), rng),
    }


def _mentee_fields(index: int, rng: random.Random, today: datetime.date) -> dict:
    """Every eighth mentee is a young teacher; the others are students of grades 5–9."""
    if index % 8 == 0:
        return {
            "kind": Participant.Kind.TEACHER,
            "position": "учитель",
            "subject": rng.choice(SUBJECTS),
            "experience_years": rng.randint(0, 3),
            "birth_date": _birth(today, rng.randint(22, 27), rng),
        }
    grade = rng.randint(5, 9)
    return {
        "kind": Participant.Kind.STUDENT,
        "class_name": f"{grade}{rng.choice('АБВ')}",
        "birth_date": _birth(today, grade + 6, rng),
    }


@transaction.atomic
def build_bases(
    programme: Programme,
    *,
    mentors: int,
    mentees: int,
    seed: int,
    today: datetime.date | None = None,
) -> bool:
    """Fills the school's bases once, as they stood on ``today`` (ages, classes, documents);
    returns False when the school already has participants."""
    school = programme.school
    if school.participants.exists():
        return False
    rng = random.Random(seed)
    today = today or timezone.localdate()
    competencies = {name: Competency.objects.get_or_create(name=name)[0] for name in SUBJECTS}
    categories = {c.code: c for c in RequestCategory.objects.all()}
    statuses = [
        Mentor.Status.CANDIDATE,
        Mentor.Status.INTERVIEWED,
        Mentor.Status.SELECTED,
        Mentor.Status.TRAINED,
        Mentor.Status.TRAINED,
        Mentor.Status.TRAINED,
    ]  # «Работает с наставляемыми» only through a pair (demo_pairs.build_pairs)

    mentor_people = Participant.objects.bulk_create(
        _participant(school, rng, 0.7, _mentor_fields(index, rng, today))
        for index in range(mentors)
    )
    mentee_people = Participant.objects.bulk_create(
        _participant(school, rng, 0.5, _mentee_fields(index, rng, today))
        for index in range(mentees)
    )
    for participant in mentee_people + mentor_people:
        participant.grade = grade_of(participant.class_name)
    Participant.objects.bulk_update(mentee_people + mentor_people, ["grade"])

    mentor_rows = []
    for index, participant in enumerate(mentor_people):
        student = participant.kind == Participant.Kind.STUDENT
        mentor_rows.append(
            Mentor(
                school=school,
                participant=participant,
                contour=Mentor.Contour.EXTERNAL
                if participant.is_external
                else Mentor.Contour.INTERNAL,
                offer=rng.choice(STUDENT_OFFERS if student else TEACHER_OFFERS),
                capacity=rng.choice([1, 1, 2, 3]) if student else rng.choice([2, 3, 4]),
                status=statuses[index % len(statuses)],
                registry_note="Решение конкурсной комиссии"
                if statuses[index % len(statuses)] in Mentor.IN_REGISTRY
                else "",
            )
        )
    created_mentors = Mentor.objects.bulk_create(mentor_rows)
    links = Mentor.competencies.through
    links.objects.bulk_create(
        links(mentor_id=mentor.pk, competency_id=competencies[name].pk)
        for mentor in created_mentors
        for name in {mentor.participant.subject or rng.choice(SUBJECTS), rng.choice(SUBJECTS)}
    )

    mentee_rows = []
    category_links = []
    for participant in mentee_people:
        pool = (
            TEACHER_REQUESTS if participant.kind == Participant.Kind.TEACHER else STUDENT_REQUESTS
        )
        code = rng.choice(list(pool))
        mentee_rows.append(
            Mentee(
                programme=programme,
                participant=participant,
                request_text=pool[code],
                priority=rng.choice(
                    [Mentee.Priority.NORMAL, Mentee.Priority.NORMAL, Mentee.Priority.HIGH]
                ),
                source=rng.choice(["анкета", "классный руководитель", "диагностическая беседа"]),
            )
        )
        category_links.append(code)
    created_mentees = Mentee.objects.bulk_create(mentee_rows)
    through = Mentee.categories.through
    through.objects.bulk_create(
        through(mentee_id=mentee.pk, requestcategory_id=categories[code].pk)
        for mentee, code in zip(created_mentees, category_links, strict=True)
    )

    _documents(rng, mentor_people, mentee_people, today)
    return True


def _feminine(surname: str) -> str:
    """The mother's surname from the child's: «Алексеев» → «Алексеева», «Бельский» →
    «Бельская»; a surname that does not change by sex is kept."""
    if surname.endswith(("ский", "цкий")):
        return surname[:-2] + "ая"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname


def _documents(rng, mentor_people, mentee_people, today) -> None:
    consents, certificates = [], []
    signed = today - datetime.timedelta(days=rng.randint(20, 60))
    for index, participant in enumerate(mentor_people + mentee_people):
        if index % 17 == 5:
            continue  # a few people still without consents, as in any real school
        minor = participant.is_minor(today)
        for kind in (Consent.Kind.PERSONAL_DATA, Consent.Kind.PARTICIPATION):
            consents.append(
                Consent(
                    participant=participant,
                    kind=kind,
                    given_by=Consent.GivenBy.REPRESENTATIVE if minor else Consent.GivenBy.SELF,
                    representative_name=f"{_feminine(participant.last_name)} Елена Викторовна"
                    if minor
                    else "",
                    signed_on=signed,
                )
            )
    for index, participant in enumerate(mentor_people):
        if participant.kind == Participant.Kind.TEACHER:
            consents.append(
                Consent(
                    participant=participant,
                    kind=Consent.Kind.TEACHER_MENTORING,
                    given_by=Consent.GivenBy.SELF,
                    signed_on=signed,
                )
            )
        if participant.is_minor(today) or index % 11 == 7:
            continue
        issued = today - datetime.timedelta(days=400 if index % 13 == 4 else rng.randint(30, 200))
        certificates.append(
            Certificate(
                participant=participant,
                kind=Certificate.Kind.CRIMINAL_RECORD,
                number=f"{rng.randint(10, 99)}/{rng.randint(10000, 99999)}",
                issued_on=issued,
                valid_until=issued + datetime.timedelta(days=365),
            )
        )
        if participant.is_external:
            certificates.append(
                Certificate(
                    participant=participant,
                    kind=Certificate.Kind.MEDICAL,
                    number="",
                    issued_on=issued,
                    valid_until=issued + datetime.timedelta(days=365),
                )
            )
    Consent.objects.bulk_create(consents)
    Certificate.objects.bulk_create(certificates)


@transaction.atomic
def build_selection(programme: Programme, curator_name: str) -> bool:
    """The commission, its interviews and a finished «Школа наставников», once per programme."""
    if SelectionCommission.objects.filter(programme=programme).exists():
        return False
    school = programme.school
    start = programme.year.start_date
    commission = SelectionCommission.objects.create(
        programme=programme,
        formed_on=start + datetime.timedelta(days=30),
        order_note="Приказ о создании конкурсной комиссии",
    )
    CommissionMember.objects.bulk_create(
        [
            CommissionMember(
                commission=commission,
                full_name=school.director_name,
                position="директор",
                role=CommissionMember.Role.CHAIR,
                position_order=1,
            ),
            CommissionMember(
                commission=commission,
                full_name=curator_name,
                position="куратор программы",
                role=CommissionMember.Role.CURATOR,
                position_order=2,
            ),
            CommissionMember(
                commission=commission,
                full_name="Зуева Галина Павловна",
                position="педагог-психолог",
                role=CommissionMember.Role.MEMBER,
                position_order=3,
            ),
        ]
    )
    interviewed = school.mentors.exclude(status=Mentor.Status.CANDIDATE)
    Interview.objects.bulk_create(
        Interview(
            mentor=mentor,
            programme=programme,
            held_on=start + datetime.timedelta(days=35 + index % 5),
            readiness=Interview.Readiness.HIGH if index % 3 else Interview.Readiness.SUFFICIENT,
            decision=Interview.Decision.POSTPONE
            if mentor.status == Mentor.Status.INTERVIEWED and index % 2
            else Interview.Decision.RECOMMEND,
        )
        for index, mentor in enumerate(interviewed)
    )
    course = TrainingCourse.objects.create(
        programme=programme,
        title="Школа наставников",
        hours=16,
        starts_on=start + datetime.timedelta(days=45),
        ends_on=start + datetime.timedelta(days=59),
        organiser="Куратор программы, педагог-психолог",
        description="Роль наставника; ролевые модели форм «ученик – ученик» и «учитель – учитель»; "
        "встреча-знакомство и встреча-планирование; индивидуальный план развития; рефлексия.",
    )
    trained = list(school.mentors.filter(status__in=[Mentor.Status.TRAINED, Mentor.Status.ACTIVE]))
    course.participants.set(trained)
    topics = ["Роль и задачи наставника", "Формы и ролевые модели", "Планирование работы пары"]
    sessions = TrainingSession.objects.bulk_create(
        TrainingSession(
            course=course,
            held_on=course.starts_on + datetime.timedelta(days=7 * n),
            topic=topic,
            hours=4,
        )
        for n, topic in enumerate(topics)
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, mentor=mentor, present=(n + i) % 7 != 3)
        for n, session in enumerate(sessions)
        for i, mentor in enumerate(trained)
    )
    TrainingCertificate.objects.bulk_create(
        TrainingCertificate(
            course=course,
            mentor=mentor,
            number=f"ШН-{programme.year.name[:4]}-{i:03d}",
            hours=course.hours,
            issued_on=course.ends_on,
        )
        for i, mentor in enumerate(trained, start=1)
    )
    return True
