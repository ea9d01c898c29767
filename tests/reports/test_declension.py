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
        ("Смирнова Ассоль", Gender.FEMALE),  # then the surname
        ("Смирнов Ассоль", Gender.MALE),
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
