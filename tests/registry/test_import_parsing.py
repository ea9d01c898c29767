"""Reading real .xlsx files built with openpyxl: headers, values, row problems, file errors."""

import datetime
from io import BytesIO

import pytest
from openpyxl import Workbook

from registry.importing import parse_file
from registry.importing.values import split_list
from registry.importing.writing import competency_name
from registry.models import Competency, Mentee, Mentor, Participant, RequestCategory

from .factories import MenteeFactory, ParticipantFactory, StudentFactory

pytestmark = pytest.mark.django_db

MENTEE_HEADER = ["ФИО", "Дата рождения", "Категория", "Класс", "Категория запроса", "Запрос"]
MENTOR_HEADER = ["ФИО", "Дата рождения", "Категория участника", "Должность", "Контур"]
BIRTH = "Дата рождения"
MENTOR_HEADER += ["Компетенции", "Чем я могу быть полезен", "Количество наставляемых"]


def xlsx(*rows) -> BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def problems(result) -> list[tuple]:
    return [(p.row, p.column, p.message) for p in result.problems]


def codes(row) -> set[str]:
    return set(
        RequestCategory.objects.filter(pk__in=row.entry["categories"]).values_list(
            "code", flat=True
        )
    )


def test_good_mentee_file(programme, request_categories):
    result = parse_file(
        xlsx(
            MENTEE_HEADER,
            ["Иванова Ольга Сергеевна", datetime.date(2012, 3, 14), "обучающийся", "7Б",
             "Проявивший выдающиеся способности", "Олимпиада по математике"],
            ["Карпов Никита Олегович", "02.10.1998", "педагог", "",
             "young_specialist; Желающий овладеть", "Освоить электронный журнал"],
        ),
        "mentees",
        programme,
    )  # fmt: skip
    assert problems(result) == []
    first, second = result.rows
    assert (first.number, second.number) == (2, 3)
    assert first.person["last_name"] == "Иванова"
    assert first.person["middle_name"] == "Сергеевна"
    assert first.person["kind"] == Participant.Kind.STUDENT
    assert first.person["birth_date"] == datetime.date(2012, 3, 14)
    assert codes(first) == {"gifted"}
    assert second.person["kind"] == Participant.Kind.TEACHER
    assert second.person["birth_date"] == datetime.date(1998, 10, 2)
    assert codes(second) == {"young_specialist", "digital_skills"}
    assert second.entry["request_text"] == "Освоить электронный журнал"


def test_good_mentor_file(programme):
    result = parse_file(
        xlsx(
            MENTOR_HEADER,
            ["Петров Илья Андреевич", "1985-11-02", "учитель", "учитель математики", "внутренний",
             "Математика; олимпиады, проекты", "Подготовка к олимпиадам", 3],
            ["Белова Анна", "1.9.1990", "специалист предприятия-партнёра", "", "",
             "Робототехника", "Экскурсии на завод", "2"],
        ),
        "mentors",
        programme,
    )  # fmt: skip
    assert problems(result) == []
    first, second = result.rows
    assert first.entry["contour"] == Mentor.Contour.INTERNAL
    assert first.entry["competencies"] == ["Математика", "олимпиады", "проекты"]
    assert first.entry["capacity"] == 3
    assert first.person["position"] == "учитель математики"
    assert second.person["kind"] == Participant.Kind.EMPLOYER_SPECIALIST
    assert second.person["birth_date"] == datetime.date(1990, 9, 1)
    assert second.person["middle_name"] == ""
    assert second.entry["contour"] is None  # decided from the participant when written
    assert second.entry["capacity"] == 2


def test_messy_file(programme, request_categories):
    result = parse_file(
        xlsx(
            ["База наставляемых МБОУ СОШ № 1"],
            [],
            ["  № п/п", "ФАМИЛИЯ ", "имя", "Отчество", "Д.Р.", "Класс/группа", "Любимый цвет",
             "категории запроса", "ПРИОРИТЕТ", "Источник запроса"],
            [1, "Смирнова", "Ольга", "Петровна", "05.04.2012", "7 б", "синий", "ОВЗ", "высокий",
             "анкета"],
            [],
            [None, None, None, None],
            [2, "Ёлкин", "Пётр", "", datetime.datetime(2013, 1, 20), "6А", "",
             "одарённый, выгорание", "", ""],
            [3, "Кузнецова", "Мария", "", "2011-12-01", "8в", "", "тжс;поведение", "низкий", ""],
        ),
        "mentees",
        programme,
    )  # fmt: skip
    assert [row.number for row in result.rows] == [4, 7, 8]
    assert result.header.row == 3
    assert result.header.unknown == ["Любимый цвет"]
    first, second, third = result.rows
    assert first.person["class_name"] == "7Б"
    assert first.person["kind"] == Participant.Kind.STUDENT  # inferred from the class
    assert first.person["birth_date"] == datetime.date(2012, 4, 5)
    assert codes(first) == {"ovz"}
    assert first.entry["priority"] == Mentee.Priority.HIGH
    assert first.entry["source"] == "анкета"
    assert second.person["birth_date"] == datetime.date(2013, 1, 20)
    assert codes(second) == {"gifted"}
    assert third.entry["priority"] == Mentee.Priority.LOW
    assert codes(third) == {"difficult_situation", "behaviour"}
    assert problems(result) == [
        (
            7,
            "категории запроса",
            "категория запроса «В состоянии эмоционального выгорания, хронической усталости» "
            "относится к педагогам, а участник — обучающийся",
        )
    ]


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        (["", "Ольга", "12.03.2012"], "Фамилия", "не указана фамилия"),
        (["Иванова", " ", "12.03.2012"], "Имя", "не указано имя"),
        (["Иванова", "Ольга", "31.02.2012"], BIRTH,
         "не удалось распознать дату «31.02.2012»: такого дня в календаре нет"),
        (["Иванова", "Ольга", "вчера"], BIRTH,
         "не удалось распознать дату «вчера»: понятны форматы ДД.ММ.ГГГГ (14.03.2012), "
         "ДД.ММ.ГГ (14.03.12), ГГГГ-ММ-ДД (2012-03-14), «14 марта 2012» и даты Excel"),
        (["Иванова", "Ольга", "01.01.2099"], BIRTH, "дата рождения 01.01.2099 ещё не наступила"),
    ],
)  # fmt: skip
def test_row_errors_in_names_and_dates(programme, request_categories, cells, column, message):
    header = ["Фамилия", "Имя", "Дата рождения", "Класс"]
    result = parse_file(xlsx(header, [*cells, "5А"]), "mentees", programme)
    assert problems(result) == [(2, column, message)]
    assert result.valid_rows == []


def test_row_errors_in_categories_and_class(programme, request_categories):
    header = ["ФИО ученика", "Категория участника", "Класс", "Категория запроса", "Приоритет"]
    result = parse_file(
        xlsx(
            header,
            ["Иванова Ольга", "космонавт", "5А", "", ""],
            ["Петрова Анна", "ученица", "", "ОВЗ", ""],
            ["Сидоров Иван", "ученик", "6Б", "невидимка", "когда-нибудь"],
            ["Одинцов", "ученик", "6Б", "", ""],
        ),
        "mentees",
        programme,
    )
    assert problems(result) == [
        (
            2,
            "Категория участника",
            "неизвестная категория участника «космонавт»: допустимы обучающийся, педагог, "
            "родитель, выпускник, профессионал, специалист предприятия",
        ),
        (3, "Класс", "у обучающегося должен быть указан класс, например «7Б»"),
        (4, "Категория запроса", "неизвестная категория запроса «невидимка»"),
        (
            4,
            "Приоритет",
            "неизвестный приоритет «когда-нибудь»: допустимы «высокий», «обычный», «низкий»",
        ),
        (
            5,
            "ФИО ученика",
            "укажите фамилию и имя полностью, например «Иванова Ольга Сергеевна», а не «Одинцов»",
        ),
    ]


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        ("много", "количество наставляемых должно быть целым числом от 1 до 30, а не «много»"),
        (0, "количество наставляемых должно быть целым числом от 1 до 30, а не «0»"),
        (31, "количество наставляемых должно быть целым числом от 1 до 30, а не «31»"),
        (2.5, "количество наставляемых должно быть целым числом от 1 до 30, а не «2.5»"),
    ],
)
def test_capacity_must_be_a_number_from_1_to_30(programme, capacity, message):
    result = parse_file(
        xlsx(
            ["ФИО", "Категория", "Макс. наставляемых", "Контур", "E-mail"],
            ["Петров Илья", "педагог", capacity, "внутренний", "petrov@example.ru"],
        ),
        "mentors",
        programme,
    )
    assert problems(result) == [(2, "Макс. наставляемых", message)]


def test_mentor_contour_and_email_errors(programme):
    result = parse_file(
        xlsx(
            ["ФИО", "Категория", "Контур", "Почта", "Стаж"],
            ["Петров Илья", "педагог", "средний", "petrov@", "двадцать"],
        ),
        "mentors",
        programme,
    )
    assert problems(result) == [
        (2, "Почта", "неверный адрес электронной почты «petrov@»"),
        (
            2,
            "Стаж",
            "не удалось понять стаж «двадцать»: укажите число лет от 0 до 70, например «12», "
            "«12 лет», «5 л. 3 мес.» или «менее года»",
        ),
        (2, "Контур", "неизвестный контур «средний»: допустимы «внутренний» и «внешний»"),
    ]


def test_duplicate_person_inside_the_file(programme, request_categories):
    result = parse_file(
        xlsx(
            ["ФИО", "Дата рождения", "Класс"],
            ["Иванова Ольга Сергеевна", "12.03.2012", "7Б"],
            ["Петров Иван", "12.03.2012", "7Б"],
            ["иванова  ольга сергеевна", datetime.date(2012, 3, 12), "7А"],
            ["Иванова Ольга Сергеевна", "13.03.2012", "7Б"],
        ),
        "mentees",
        programme,
    )
    assert problems(result) == [
        (4, "ФИО", "повторяет строку 2: тот же человек (ФИО и дата рождения)"),
    ]
    assert [row.number for row in result.valid_rows] == [2, 3, 5]


def test_people_already_in_the_base_and_reuse(programme, mentee, mentor, request_categories):
    mentee.participant.birth_date = datetime.date(2012, 5, 6)
    mentee.participant.middle_name = ""
    mentee.participant.save()
    teacher = ParticipantFactory(
        school=programme.school, last_name="Белова", first_name="Анна", middle_name="",
        birth_date=datetime.date(1980, 1, 2),
    )  # fmt: skip
    mentee_file = xlsx(
        ["ФИО", "Дата рождения", "Класс", "Категория"],
        ["Смирнова Ольга", "06.05.2012", "7Б", ""],
        ["Белова Анна", "02.01.1980", "", "педагог"],
    )
    result = parse_file(mentee_file, "mentees", programme)
    assert problems(result) == []
    first, second = result.rows
    assert (first.existing_participant_id, first.entry_id) == (mentee.participant_id, mentee.pk)
    assert first.action in ("same", "update")  # already in the base: updated, not duplicated
    assert (second.existing_participant_id, second.action) == (teacher.pk, "add")

    mentor_file = xlsx(
        ["ФИО", "Дата рождения", "Категория"],
        [mentor.participant.full_name, mentor.participant.birth_date, "педагог"],
        ["Белова Анна", "02.01.1980", "педагог"],
        ["Смирнова Ольга", "06.05.2012", "ученица"],
    )
    result = parse_file(mentor_file, "mentors", programme)
    assert problems(result) == []
    assert (result.rows[0].entry_id, result.rows[0].action) == (mentor.pk, "same")
    assert (result.rows[1].existing_participant_id, result.rows[1].action) == (teacher.pk, "add")
    assert result.rows[2].existing_participant_id == mentee.participant_id


def test_people_of_another_school_are_not_matched(programme, other_programme, request_categories):
    MenteeFactory(
        programme=other_programme,
        participant=StudentFactory(
            school=other_programme.school, last_name="Смирнова", first_name="Ольга",
            middle_name="", birth_date=datetime.date(2012, 5, 6),
        ),
    )  # fmt: skip
    result = parse_file(
        xlsx(["ФИО", "Дата рождения", "Класс"], ["Смирнова Ольга", "06.05.2012", "7Б"]),
        "mentees",
        programme,
    )
    assert problems(result) == []
    assert result.rows[0].existing_participant_id is None


def test_full_category_names_with_commas_are_recognised(programme, request_categories):
    teacher = RequestCategory.objects.filter(audience="teacher").order_by("position")
    names = "; ".join(category.name for category in teacher)
    assert names.count(",") == 2
    result = parse_file(
        xlsx(["ФИО", "Категория", "Категория запроса"], ["Карпов Никита", "педагог", names]),
        "mentees",
        programme,
    )
    assert problems(result) == []
    assert codes(result.rows[0]) == {c.code for c in teacher}


def test_competency_names_match_the_model(db):
    text = "  Математика;олимпиады,  Проектная   работа , математика,"
    expected = ["математика", "олимпиады", "проектная работа"]
    assert [tag.name for tag in Competency.from_text(text)] == expected
    assert list(dict.fromkeys(competency_name(item) for item in split_list(text))) == expected
