"""Cells and headers as schools write them: dates, стаж, classes, phones, e-mails, names."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.importing.columns import MENTEES, MENTORS, recognise
from registry.importing.contacts import parse_email, parse_phone
from registry.importing.values import (
    DATE_FORMATS_TEXT,
    CellError,
    parse_class,
    parse_date,
    parse_experience,
    parse_kind,
    split_full_name,
)

TODAY = datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("header", "kind", "key"),
    [
        ("Дата рожд.", MENTEES, "birth_date"),
        ("Ф.И.О. обучающегося", MENTEES, "full_name"),
        ("Пед. стаж", MENTORS, "experience_years"),
        ("Педагогический стаж, лет", MENTORS, "experience_years"),
        ("Занимаемая должность", MENTORS, "position"),
        ("Моб. телефон", MENTEES, "phone"),
        ("Контактные данные: телефон", MENTORS, "phone"),
        ("Эл. адрес", MENTORS, "email"),
        ("Преподаваемые предметы", MENTORS, "subject"),
        ("Категория ребёнка", MENTEES, "categories"),
        ("Категория запроса", MENTEES, "categories"),
        ("Категория участника", MENTEES, "kind"),
        ("Категория", MENTEES, "kind"),
        ("Согласие родителей (дата)", MENTEES, "consent_date"),
        ("Согласие на обработку ПДн", MENTEES, "consent_personal_data"),
        ("Согласие на участие в программе", MENTEES, "consent_participation"),
        ("Кто подписал согласие", MENTEES, "consent_signed_by"),
        ("ФИО родителя (законного представителя)", MENTEES, "consent_signed_by"),
        ("Код участника", MENTORS, "participant_id"),
    ],
)
def test_headers_worded_the_way_schools_word_them(header, kind, key):
    assert recognise(header, kind) == key


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Категория (запрос)", MENTEES),  # a request category, never the participant's category
        ("Категория семьи", MENTEES),
        ("Телефон родителя", MENTEES),  # never the child's own phone
        ("ФИО наставника", MENTEES),  # the other base
        ("Квалификационная категория", MENTORS),
        ("Пол", MENTEES),
    ],
)
def test_headers_that_are_not_the_participants_own_fields(header, kind):
    assert recognise(header, kind) in (None, "categories")
    assert recognise(header, kind) != "kind"


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("05.04.2012", datetime.date(2012, 4, 5)),
        ("5.4.2012", datetime.date(2012, 4, 5)),
        ("05-04-2012", datetime.date(2012, 4, 5)),
        ("05/04/2012", datetime.date(2012, 4, 5)),
        ("04/25/2012", datetime.date(2012, 4, 25)),  # an American setting, day > 12
        ("2012-04-05", datetime.date(2012, 4, 5)),
        ("2012-04-05 00:00:00", datetime.date(2012, 4, 5)),
        ("05.04.2012 г.", datetime.date(2012, 4, 5)),
        ("5 апреля 2012", datetime.date(2012, 4, 5)),
        ("5 апр. 2012 г.", datetime.date(2012, 4, 5)),
        ("05.04.12", datetime.date(2012, 4, 5)),  # two-digit year: the past, not 2112
        ("14.03.85", datetime.date(1985, 3, 14)),
        ("01.12.26", datetime.date(2026, 12, 1)),  # today is still the past
        ("02.12.26", datetime.date(1926, 12, 2)),  # tomorrow in 2026 is not a birth date
        (41004.0, datetime.date(2012, 4, 5)),  # an Excel date stored as a number
        (datetime.datetime(2012, 4, 5, 0, 0), datetime.date(2012, 4, 5)),
    ],
)
def test_birth_dates_as_excel_dates_and_as_text(written, day):
    assert parse_date(written, TODAY) == day


@pytest.mark.parametrize("written", ["вчера", "2012", "12.2012", "весной 2012"])
def test_a_date_error_says_which_formats_are_understood(written):
    with pytest.raises(CellError) as error:
        parse_date(written, TODAY)
    assert str(error.value) == f"не удалось распознать дату «{written}»: {DATE_FORMATS_TEXT}"


def test_a_year_alone_is_not_a_date():
    with pytest.raises(CellError, match="указан только год «2012»"):
        parse_date(2012, TODAY)


@pytest.mark.parametrize(
    ("written", "years"),
    [
        (12, 12),
        ("12 лет", 12),
        ("1 год", 1),
        ("2 года", 2),
        ("3 г.", 3),
        ("0,5", 0),
        ("5 л. 3 мес.", 5),
        ("5 лет 3 месяца", 5),
        ("менее года", 0),
        ("6 мес.", 0),
        (7.9, 7),
    ],
)
def test_experience_written_as_text(written, years):
    assert parse_experience(written) == years


@pytest.mark.parametrize("written", ["двадцать", "100 лет", "-3", "12 лет и больше"])
def test_experience_that_is_not_understood(written):
    with pytest.raises(CellError, match="не удалось понять стаж"):
        parse_experience(written)


@pytest.mark.parametrize(
    "written", ["7А", "7а", "7-а", "7 а", "7 «А»", '7 "А"', "7А класс", "7 «А» класс", "7A"]
)
def test_class_names_written_several_ways(written):
    assert parse_class(written) == "7А"


@pytest.mark.parametrize(("written", "name"), [(10, "10"), ("11 б", "11Б"), ("5 класс", "5")])
def test_class_without_a_letter_and_as_a_number(written, name):
    assert parse_class(written) == name


@pytest.mark.parametrize(
    ("written", "phone"),
    [
        ("89001234567", "+7 900 123-45-67"),
        (89001234567.0, "+7 900 123-45-67"),
        ("8 (900) 123-45-67", "+7 900 123-45-67"),
        ("+7-900-123-45-67", "+7 900 123-45-67"),
        ("9001234567", "+7 900 123-45-67"),
        ("8 900 123 45 67, 8(3452)12-34-56", "+7 900 123-45-67, +7 345 212-34-56"),
        ("доб. 123", "доб. 123"),  # not a Russian number: as written
        ("", ""),
    ],
)
def test_phones_in_one_format(written, phone):
    assert parse_phone(written) == phone


@pytest.mark.parametrize(
    ("written", "guess"),
    [
        ("ivanov@gmial.com", "ivanov@gmail.com"),
        ("ivanov@mail.ry", "ivanov@mail.ru"),
        ("ivanov@yandex,ru", "ivanov@yandex.ru"),
        ("ivanov@ mail.ru", "ivanov@mail.ru"),
        ("ivanov@yandx.ru", "ivanov@yandex.ru"),
    ],
)
def test_an_email_with_an_obvious_typo_gets_a_suggestion(written, guess):
    with pytest.raises(CellError) as error:
        parse_email(written)
    assert f"может быть, «{guess}»?" in str(error.value)


def test_emails_that_are_fine_or_plainly_wrong():
    assert parse_email("Ivanov@Mail.RU") == "Ivanov@mail.ru"
    assert parse_email("school1@edu.example.ru") == "school1@edu.example.ru"
    with pytest.raises(CellError) as error:
        parse_email("ivanov@")
    assert str(error.value) == "неверный адрес электронной почты «ivanov@»"


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("Иванова 123", "в имени человека не может быть цифр"),
        ("=A1&B1", "похоже на формулу"),
        ("=СЦЕПИТЬ(B2;C2)", "похоже на формулу"),
        ("Иванова", "укажите фамилию и имя полностью"),
        ("Иванова Ольга 😀", "лишние знаки"),
    ],
)
def test_a_full_name_that_is_not_a_name_is_refused_with_a_reason(written, reason):
    with pytest.raises(CellError, match=reason):
        split_full_name(written)


def test_names_with_hyphens_apostrophes_and_patronymic_particles():
    assert split_full_name("Петрова-Водкина Анна-Мария Ивановна") == (
        "Петрова-Водкина",
        "Анна-Мария",
        "Ивановна",
    )
    assert split_full_name("Мамедов Эльдар Руслан оглы") == ("Мамедов", "Эльдар", "Руслан оглы")
    assert split_full_name("O'Нил Мэри") == ("O'Нил", "Мэри", "")


def test_a_qualification_category_is_not_a_participant_category():
    assert parse_kind("высшая") is None
    assert parse_kind("первая категория") is None
    assert parse_kind("Педагог") == "teacher"


@given(st.dates(min_value=datetime.date(1927, 1, 1), max_value=TODAY))
def test_every_birth_date_reads_back_from_each_written_form(day):
    for written in (
        day.strftime("%d.%m.%Y"),
        day.strftime("%Y-%m-%d"),
        f"{day.day}.{day.month}.{day.year}",
        day.strftime("%d.%m.%y"),
    ):
        assert parse_date(written, TODAY) == day, written


@given(st.integers(1, 11), st.sampled_from("абвгдежзиклмн"), st.sampled_from(["", " ", "-", " - "]))
def test_every_class_spelling_is_one_name(grade, letter, separator):
    expected = f"{grade}{letter.upper()}"
    for written in (
        f"{grade}{separator}{letter}",
        f"{grade}{separator}«{letter.upper()}»",
        f"{grade} {letter} класс",
    ):
        assert parse_class(written) == expected, written


@given(st.from_regex(r"\A[78]?9\d{9}\Z"))
def test_every_mobile_number_gets_the_same_shape(digits):
    phone = parse_phone(digits)
    assert phone.startswith("+7 9")
    assert len(phone) == len("+7 900 123-45-67")
