"""Names in the cases an order needs, as a careful Russian speaker writes them."""

import pytest
from petrovich.enums import Gender

from reports.declension import (
    ACCUSATIVE,
    DATIVE,
    GENITIVE,
    INSTRUMENTAL,
    PREPOSITIONAL,
    Decliner,
    PersonName,
    decline,
    guess_gender,
    initials,
)
from reports.models import NameOverride
from reports.orders import services
from stages.models import OrderKind
from tests.factories import UserFactory

# nominative: genitive (кого?), dative (кому?), accusative (кого?), instrumental (кем?)
NAMES = {
    "Иванова Анна Сергеевна": (
        "Ивановой Анны Сергеевны",
        "Ивановой Анне Сергеевне",
        "Иванову Анну Сергеевну",
        "Ивановой Анной Сергеевной",
    ),
    "Иванов Пётр Сергеевич": (
        "Иванова Петра Сергеевича",
        "Иванову Петру Сергеевичу",
        "Иванова Петра Сергеевича",
        "Ивановым Петром Сергеевичем",
    ),
    "Смирнова Ольга Викторовна": (
        "Смирновой Ольги Викторовны",
        "Смирновой Ольге Викторовне",
        "Смирнову Ольгу Викторовну",
        "Смирновой Ольгой Викторовной",
    ),
    "Толстая Софья Андреевна": (
        "Толстой Софьи Андреевны",
        "Толстой Софье Андреевне",
        "Толстую Софью Андреевну",
        "Толстой Софьей Андреевной",
    ),
    "Толстой Лев Николаевич": (
        "Толстого Льва Николаевича",
        "Толстому Льву Николаевичу",
        "Толстого Льва Николаевича",
        "Толстым Львом Николаевичем",
    ),
    # A surname ending in a consonant declines for a man and stays as it is for a woman.
    "Шевчук Ольга Ивановна": (
        "Шевчук Ольги Ивановны",
        "Шевчук Ольге Ивановне",
        "Шевчук Ольгу Ивановну",
        "Шевчук Ольгой Ивановной",
    ),
    "Шевчук Илья Петрович": (
        "Шевчука Ильи Петровича",
        "Шевчуку Илье Петровичу",
        "Шевчука Илью Петровича",
        "Шевчуком Ильёй Петровичем",
    ),
    "Гусь Ольга Кирилловна": (
        "Гусь Ольги Кирилловны",
        "Гусь Ольге Кирилловне",
        "Гусь Ольгу Кирилловну",
        "Гусь Ольгой Кирилловной",
    ),
    "Гусь Кузьма Фомич": (
        "Гуся Кузьмы Фомича",
        "Гусю Кузьме Фомичу",
        "Гуся Кузьму Фомича",
        "Гусем Кузьмой Фомичом",
    ),
    # -ых/-их, -ово, -ко: the same in every case, for men and women.
    "Черных Любовь Николаевна": (
        "Черных Любови Николаевны",
        "Черных Любови Николаевне",
        "Черных Любовь Николаевну",
        "Черных Любовью Николаевной",
    ),
    "Черных Никита Андреевич": (
        "Черных Никиты Андреевича",
        "Черных Никите Андреевичу",
        "Черных Никиту Андреевича",
        "Черных Никитой Андреевичем",
    ),
    "Белых Мария Викторовна": (
        "Белых Марии Викторовны",
        "Белых Марии Викторовне",
        "Белых Марию Викторовну",
        "Белых Марией Викторовной",
    ),
    "Белых Лука Викторович": (
        "Белых Луки Викторовича",
        "Белых Луке Викторовичу",
        "Белых Луку Викторовича",
        "Белых Лукой Викторовичем",
    ),
    "Дурново Наталья Павловна": (
        "Дурново Натальи Павловны",
        "Дурново Наталье Павловне",
        "Дурново Наталью Павловну",
        "Дурново Натальей Павловной",
    ),
    "Дурново Кузьма Ильич": (
        "Дурново Кузьмы Ильича",
        "Дурново Кузьме Ильичу",
        "Дурново Кузьму Ильича",
        "Дурново Кузьмой Ильичом",
    ),
    "Петренко Ирина Олеговна": (
        "Петренко Ирины Олеговны",
        "Петренко Ирине Олеговне",
        "Петренко Ирину Олеговну",
        "Петренко Ириной Олеговной",
    ),
    "Петренко Илья Олегович": (
        "Петренко Ильи Олеговича",
        "Петренко Илье Олеговичу",
        "Петренко Илью Олеговича",
        "Петренко Ильёй Олеговичем",
    ),
    # Male first names in -а/-я decline like feminine ones.
    "Кузнецов Никита Сергеевич": (
        "Кузнецова Никиты Сергеевича",
        "Кузнецову Никите Сергеевичу",
        "Кузнецова Никиту Сергеевича",
        "Кузнецовым Никитой Сергеевичем",
    ),
    "Лебедев Лука Андреевич": (
        "Лебедева Луки Андреевича",
        "Лебедеву Луке Андреевичу",
        "Лебедева Луку Андреевича",
        "Лебедевым Лукой Андреевичем",
    ),
    "Орлов Кузьма Ильич": (
        "Орлова Кузьмы Ильича",
        "Орлову Кузьме Ильичу",
        "Орлова Кузьму Ильича",
        "Орловым Кузьмой Ильичом",
    ),
    "Соколова Любовь Петровна": (
        "Соколовой Любови Петровны",
        "Соколовой Любови Петровне",
        "Соколову Любовь Петровну",
        "Соколовой Любовью Петровной",
    ),
    "Яковлева Ольга Ильинична": (
        "Яковлевой Ольги Ильиничны",
        "Яковлевой Ольге Ильиничне",
        "Яковлеву Ольгу Ильиничну",
        "Яковлевой Ольгой Ильиничной",
    ),
    # Surnames in -а/-я decline like nouns, for men and women alike.
    "Чайка Нина Петровна": (
        "Чайки Нины Петровны",
        "Чайке Нине Петровне",
        "Чайку Нину Петровну",
        "Чайкой Ниной Петровной",
    ),
    "Глинка Михаил Иванович": (
        "Глинки Михаила Ивановича",
        "Глинке Михаилу Ивановичу",
        "Глинку Михаила Ивановича",
        "Глинкой Михаилом Ивановичем",
    ),
    "Цой Виктор Робертович": (
        "Цоя Виктора Робертовича",
        "Цою Виктору Робертовичу",
        "Цоя Виктора Робертовича",
        "Цоем Виктором Робертовичем",
    ),
    "Цой Анна Викторовна": (
        "Цой Анны Викторовны",
        "Цой Анне Викторовне",
        "Цой Анну Викторовну",
        "Цой Анной Викторовной",
    ),
    "Римский-Корсаков Николай Андреевич": (
        "Римского-Корсакова Николая Андреевича",
        "Римскому-Корсакову Николаю Андреевичу",
        "Римского-Корсакова Николая Андреевича",
        "Римским-Корсаковым Николаем Андреевичем",
    ),
    "Римская-Корсакова Надежда Николаевна": (
        "Римской-Корсаковой Надежды Николаевны",
        "Римской-Корсаковой Надежде Николаевне",
        "Римскую-Корсакову Надежду Николаевну",
        "Римской-Корсаковой Надеждой Николаевной",
    ),
    # «оглы» and «кызы» are written the same in every case.
    "Мамедов Эльдар Рауф оглы": (
        "Мамедова Эльдара Рауф оглы",
        "Мамедову Эльдару Рауф оглы",
        "Мамедова Эльдара Рауф оглы",
        "Мамедовым Эльдаром Рауф оглы",
    ),
    "Гасанова Лейла Рашид кызы": (
        "Гасановой Лейлы Рашид кызы",
        "Гасановой Лейле Рашид кызы",
        "Гасанову Лейлу Рашид кызы",
        "Гасановой Лейлой Рашид кызы",
    ),
}
CASES = (GENITIVE, DATIVE, ACCUSATIVE, INSTRUMENTAL)


def same_text(actual: str, expected: str) -> bool:
    # petrovich writes «Ильей» where a careful writer puts «Ильёй»; both are correct spelling
    # (ё is optional in Russian print), so for that one form ё and е are compared as equal.
    if "Ильёй" in expected:
        return actual.replace("ё", "е") == expected.replace("ё", "е")
    return actual == expected


@pytest.mark.parametrize(
    ("nominative", "case", "expected"),
    [
        pytest.param(nominative, case, form, id=f"{nominative}-{case}")
        for nominative, forms in NAMES.items()
        for case, form in zip(CASES, forms, strict=True)
    ],
)
def test_name_in_case(nominative, case, expected):
    declined = decline(PersonName.parse(nominative), case).full

    assert same_text(declined, expected), f"{nominative}, {case}: {declined!r} ≠ {expected!r}"


def test_prepositional_of_names_in_ii():
    name = PersonName.parse("Петренко Юрий Андреевич")

    assert decline(name, PREPOSITIONAL).full == "Петренко Юрии Андреевиче"


def test_turkic_patronymic_is_not_respelled():
    # «кызы» and «Кы…» are not «Ольгы»: the velar rule touches endings only.
    name = PersonName.parse("Кыдырова Лейла Рашид кызы")

    assert decline(name, GENITIVE).full == "Кыдыровой Лейлы Рашид кызы"


def test_short_keeps_the_initials():
    decliner = Decliner()

    assert decliner.short("Шевчук Илья Петрович", DATIVE) == "Шевчуку И.П."
    assert decliner.short("Черных Любовь Николаевна", INSTRUMENTAL) == "Черных Л.Н."
    assert decliner.short("Мамедов Эльдар Рауф оглы", GENITIVE) == "Мамедова Э.Р."


def test_override_wins_over_the_automatic_form():
    decliner = Decliner({"Дюма Анна Петровна": {ACCUSATIVE: "Дюма Анну Петровну"}})

    assert decliner.full("Дюма Анна Петровна", ACCUSATIVE) == "Дюма Анну Петровну"
    assert decliner.short("Дюма Анна Петровна", ACCUSATIVE) == "Дюма А.П."
    assert decliner.full("Дюма Анна Петровна", DATIVE) == "Дюме Анне Петровне"  # no override
    assert decliner.is_overridden("Дюма  Анна Петровна")


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("Шевчук Саша Игоревна", Gender.FEMALE),  # the patronymic decides
        ("Шевчук Саша Игоревич", Gender.MALE),
        ("Гасанова Лейла Рашид кызы", Gender.FEMALE),
        ("Мамедов Эльдар Рауф оглы", Gender.MALE),
        ("Шевчук Ольга", Gender.FEMALE),  # then the first name
        ("Шевчук Илья", Gender.MALE),
        ("Шевчук Никита", Gender.MALE),
        ("Черных Любовь", Gender.FEMALE),
        ("Черных Артём", Gender.MALE),
        ("Грей Ассоль", Gender.FEMALE),  # a female name in a soft sign
        ("Смирнова Ким", Gender.FEMALE),  # then the surname
        ("Смирнов Ким", Gender.MALE),
        ("Толстая", Gender.FEMALE),
    ],
)
def test_gender_is_guessed(text, gender):
    assert guess_gender(PersonName.parse(text)) == gender


# In an order ----------------------------------------------------------------------------------


def curator_order(programme, curator, full_name: str):
    last, first, middle = full_name.split()
    programme.curator = UserFactory(
        username="new-curator", last_name=last, first_name=first, middle_name=middle
    )
    programme.save(update_fields=["curator"])
    return services.create_order(programme, OrderKind.CURATOR, by=curator)


@pytest.mark.django_db
def test_curator_order_names_the_curator_in_the_accusative(programme, curator):
    order = curator_order(programme, curator, "Гусь Ольга Кирилловна")

    assert order.curator.full_name == "Гусь Ольга Кирилловна"
    text = " ".join(order.points)
    assert "Гусь Ольгу Кирилловну" in text
    assert "Куратору программы наставничества Гусь О.К." in text


@pytest.mark.django_db
def test_school_override_is_used_by_the_order_text(programme, curator):
    # Дюма is stressed on the last syllable and does not decline; the code cannot know that.
    order = curator_order(programme, curator, "Дюма Анна Петровна")
    assert "Дюму Анну Петровну" in order.points[0]

    NameOverride.objects.create(
        school=programme.school,
        nominative="Дюма Анна Петровна",
        accusative="Дюма Анну Петровну",
        dative="Дюма Анне Петровне",
    )
    services.regenerate(order, by=curator)
    order.refresh_from_db()

    text = " ".join(order.points)
    assert "Дюма Анну Петровну" in order.points[0]
    assert "Куратору программы наставничества Дюма А.П." in text
    assert "Дюму" not in text and "Дюме" not in text


# Classes of names the grammar of generated text depends on --------------------------------

ALL_CASES = (GENITIVE, DATIVE, ACCUSATIVE, INSTRUMENTAL, PREPOSITIONAL)


@pytest.mark.parametrize(
    ("nominative", "genitive", "instrumental"),
    [
        # Each part is a surname by itself: both decline.
        ("Петрова-Водкина Анна Ивановна", "Петровой-Водкиной", "Петровой-Водкиной"),
        ("Петров-Водкин Кузьма Сергеевич", "Петрова-Водкина", "Петровым-Водкиным"),
        ("Римский-Корсаков Николай Андреевич", "Римского-Корсакова", "Римским-Корсаковым"),
        ("Немирович-Данченко Владимир Иванович", "Немировича-Данченко", "Немировичем-Данченко"),
        # The first part is not a surname by itself: it does not decline.
        ("Бонч-Бруевич Владимир Дмитриевич", "Бонч-Бруевича", "Бонч-Бруевичем"),
        ("Тер-Петросян Симон Аршакович", "Тер-Петросяна", "Тер-Петросяном"),
        ("Сен-Симон Анри", "Сен-Симона", "Сен-Симоном"),
        ("Демут-Малиновский Василий Иванович", "Демут-Малиновского", "Демут-Малиновским"),
    ],
)
def test_hyphenated_surnames(nominative, genitive, instrumental):
    name = PersonName.parse(nominative)
    assert decline(name, GENITIVE).last == genitive
    assert decline(name, INSTRUMENTAL).last == instrumental


@pytest.mark.parametrize(
    "nominative",
    [
        "Гарсиа Хосе",  # foreign, -а after a vowel
        "Моруа Андре",
        "Делакруа Эжен",
        "Гулиа Дмитрий Иосифович",
        "Белых Олег Петрович",  # -ых/-их, men and women alike
        "Белых Ольга Петровна",
        "Седых Анна Ивановна",
        "Долгих Иван Иванович",
        "Шевченко Тарас Григорьевич",  # -ко
        "Франко Иван Яковлевич",
        "Живаго Юрий Андреевич",  # -аго
        "Дурново Пётр Николаевич",  # -ово
        "Арени Армен",  # -ени
    ],
)
def test_surnames_that_never_decline_stay_as_written(nominative):
    name = PersonName.parse(nominative)
    assert {decline(name, case).last for case in ALL_CASES} == {name.last}
    assert decline(name, GENITIVE).first != name.first or name.first in {"Хосе", "Андре"}


@pytest.mark.parametrize(
    ("nominative", "forms"),
    [
        (
            "Иванова Любовь Петровна",
            ("Любови", "Любови", "Любовь", "Любовью", "Любови"),
        ),
        ("Сидорова Нинель Ивановна", ("Нинели", "Нинели", "Нинель", "Нинелью", "Нинели")),
        ("Грей Ассоль", ("Ассоли", "Ассоли", "Ассоль", "Ассолью", "Ассоли")),
        # A male name in a soft sign declines the masculine way.
        ("Петров Игорь Олегович", ("Игоря", "Игорю", "Игоря", "Игорем", "Игоре")),
    ],
)
def test_first_names_in_a_soft_sign(nominative, forms):
    name = PersonName.parse(nominative)
    assert tuple(decline(name, case).first for case in ALL_CASES) == forms


def test_a_woman_named_in_a_soft_sign_keeps_a_consonant_surname():
    assert decline(PersonName.parse("Грей Ассоль"), DATIVE).full == "Грей Ассоли"


@pytest.mark.parametrize(
    ("written", "full", "short"),
    [
        ("Иванов И.И.", "Иванов И.И.", "Иванов И.И."),
        ("Иванов И. И.", "Иванов И.И.", "Иванов И.И."),
        ("Тимофеева М.А.,", "Тимофеева М.А.", "Тимофеева М.А."),
        ("Тимофеева Мария Александровна", "Тимофеева Мария Александровна", "Тимофеева М.А."),
        ("Тимофеева Мария", "Тимофеева Мария", "Тимофеева М."),
    ],
)
def test_initials_carry_no_stray_punctuation(written, full, short):
    name = PersonName.parse(written)
    assert name.full == full
    assert name.short == short
    assert ".." not in Decliner().short(written, DATIVE)


def test_initials_of_a_short_name_stay_while_the_surname_declines():
    assert Decliner().short("Тимофеева М.А.", DATIVE) == "Тимофеевой М.А."
    assert Decliner().full("Андреев К. С.", GENITIVE) == "Андреева К.С."
    assert initials(" мария ", "А.", "") == "М.А."


def test_the_count_picks_the_word():
    from mentoring.text import one_or_many, plural

    assert [plural(n, "пара", "пары", "пар") for n in (1, 2, 5, 11, 21, 22, 112)] == [
        "пара",
        "пары",
        "пар",
        "пар",
        "пара",
        "пары",
        "пар",
    ]
    assert one_or_many(1, "наставляемый", "наставляемые") == "наставляемый"
    assert one_or_many(3, "наставляемый", "наставляемые") == "наставляемые"


def test_pages_name_people_in_the_case_of_the_sentence():
    from django.template import Context, Template

    template = Template(
        '{% load names %}Пара с наставником {{ name|in_case:"instrumental" }} не сформирована. '
        'Решение по паре наставника {{ name|short_in_case:"genitive" }}'
    )
    text = template.render(Context({"name": "Егоров Максим Игоревич"}))
    assert text == (
        "Пара с наставником Егоровым Максимом Игоревичем не сформирована. "
        "Решение по паре наставника Егорова М.И."
    )


# Awards and pairs in orders -------------------------------------------------------------------


def _best_pair(programme, forms, mentees: int):
    from registry.models import Award, Pair
    from tests.registry.factories import ready_mentee, ready_student_mentor

    mentor = ready_student_mentor(programme.school)
    participant = mentor.participant
    participant.last_name, participant.first_name = "Андреев", "Кирилл"
    participant.middle_name = "Сергеевич"
    participant.save()
    people = [("Белых", "Ольга", "Петровна"), ("Петров", "Иван", "Ильич")][:mentees]
    pair = Pair.objects.create(programme=programme, mentor=mentor, form=forms["student_student"])
    pair.mentees.set(
        [
            ready_mentee(programme, last_name=last, first_name=first, middle_name=middle)
            for last, first, middle in people
        ]
    )
    return Award.objects.create(
        programme=programme,
        kind=Award.Kind.BEST_PAIR,
        pair=pair,
        awarded_on=programme.year.end_date,
    )


@pytest.mark.django_db
def test_an_award_to_a_pair_names_the_mentor_and_one_mentee_in_the_accusative(
    programme, curator, forms
):
    from reports.orders.attachments import order_attachments

    _best_pair(programme, forms, mentees=1)
    order = services.create_order(programme, OrderKind.AWARDS, by=curator)
    assert (
        "Наградить грамотой «Лучшая пара» наставника Андреева Кирилла Сергеевича и "
        "наставляемого Белых О.П."
    ) in order.points
    rows = order_attachments(order)[0].table.rows
    assert rows[0].cells[2] == "пара (группа) наставника Андреева Кирилла Сергеевича"


@pytest.mark.django_db
def test_an_award_to_a_group_names_the_mentees_in_the_plural(programme, curator, forms):
    _best_pair(programme, forms, mentees=2)
    order = services.create_order(programme, OrderKind.AWARDS, by=curator)
    awarded = [point for point in order.points if point.startswith("Наградить")]
    assert awarded[0].endswith("и наставляемых Белых О.П., Петрова И.И.")


@pytest.mark.django_db
def test_a_problem_of_a_pairs_order_names_the_mentor_in_the_genitive(programme, curator, forms):
    from registry.models import Pair

    award = _best_pair(programme, forms, mentees=1)
    order = services.create_order(programme, OrderKind.PAIRS, by=curator)
    Pair.objects.filter(pk=award.pair_id).update(status=Pair.Status.APPROVED)
    order.pairs.add(award.pair)
    problems = services.order_problems(order)
    assert any(p.startswith("Пара наставника Андреева К.С. уже в статусе") for p in problems)
