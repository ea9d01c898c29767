"""The demo municipality in its region: schools, accounts for every role and this year's
programmes."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .models import (
    AcademicYear,
    Membership,
    Municipality,
    Programme,
    Region,
    Role,
    School,
    User,
)

DEMO_PASSWORD = "demo2026"

REGION = {
    "name": "Заречная область",
    "centre_name": "Региональный наставнический центр Заречной области (РНЦ)",
    "centre_contacts": "г. Заречный, пр. Мира, 1; rnc@zarechny.example; +7 (800) 000-00-01",
}

MUNICIPALITY = {
    "name": "Заречный муниципальный округ",
    "centre_name": "Муниципальный наставнический центр Заречного округа (МНЦ)",
    "centre_contacts": "г. Заречный, ул. Школьная, 5; mnc@zarechny.example; +7 (800) 000-00-00",
}

SCHOOLS = [
    {
        "short_name": "МБОУ «СОШ № 1»",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 1» Заречного муниципального округа",
        "director": ("Воронцова", "Елена", "Петровна"),
        "curator": ("Тимофеева", "Мария", "Александровна"),
        "working_group": ("Лаптева", "Ольга", "Игоревна"),
        "mentor": ("Шевчук", "Илья", "Андреевич"),
        "address": "г. Заречный, ул. Ленина, 10",
    },
    {
        "short_name": "МБОУ «Лицей № 2»",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Лицей № 2» Заречного муниципального округа",
        "director": ("Карпов", "Никита", "Сергеевич"),
        "curator": ("Белова", "Анна", "Викторовна"),
        "working_group": ("Гусев", "Павел", "Олегович"),
        "mentor": ("Михайлова", "Светлана", "Юрьевна"),
        "address": "г. Заречный, пр. Мира, 24",
    },
    {
        "short_name": "МБОУ «СОШ № 3»",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 3» Заречного муниципального округа",
        "director": ("Соколова", "Ирина", "Николаевна"),
        "curator": ("Орлов", "Дмитрий", "Васильевич"),
        "working_group": ("Зайцева", "Татьяна", "Михайловна"),
        "mentor": ("Ковальчук", "Алексей", "Петрович"),
        "address": "пос. Луговой, ул. Садовая, 3",
    },
]

# Smaller schools of the municipality: a curator and a director each (logins curator4, director4…).
SMALL_SCHOOLS = [
    {
        "short_name": "МБОУ «ООШ № 4»",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Основная общеобразовательная школа № 4» Заречного муниципального округа",
        "director": ("Лебедев", "Андрей", "Игоревич"),
        "curator": ("Полякова", "Наталья", "Сергеевна"),
        "address": "с. Берёзовка, ул. Центральная, 12",
    },
    {
        "short_name": "МБОУ «СОШ № 5»",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 5» Заречного муниципального округа",
        "director": ("Крылова", "Людмила", "Андреевна"),
        "curator": ("Тарасов", "Олег", "Викторович"),
        "address": "г. Заречный, ул. Гагарина, 7",
    },
    {
        "short_name": "МБОУ «Гимназия № 6»",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Гимназия № 6» Заречного муниципального округа",
        "director": ("Фомина", "Валентина", "Петровна"),
        "curator": ("Григорьева", "Евгения", "Олеговна"),
        "address": "г. Заречный, ул. Пушкина, 15",
    },
    {
        "short_name": "МБОУ «СОШ № 7»",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 7» Заречного муниципального округа",
        "director": ("Данилов", "Сергей", "Михайлович"),
        "curator": ("Виноградова", "Алла", "Юрьевна"),
        "address": "пос. Сосновый, ул. Лесная, 1",
    },
    {
        "short_name": "МБОУ «ООШ № 8»",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Основная общеобразовательная школа № 8» Заречного муниципального округа",
        "director": ("Жукова", "Маргарита", "Ивановна"),
        "curator": ("Сорокин", "Владимир", "Павлович"),
        "address": "д. Каменка, ул. Школьная, 2",
    },
    {
        "short_name": "МБОУ «СОШ № 9»",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 9» Заречного муниципального округа",
        "director": ("Медведева", "Оксана", "Григорьевна"),
        "curator": ("Кудрявцева", "Юлия", "Дмитриевна"),
        "address": "г. Заречный, ул. Молодёжная, 30",
    },
    {
        "short_name": "МБОУ «Центр образования № 10»",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Центр образования № 10» Заречного муниципального округа",
        "director": ("Баранов", "Игорь", "Константинович"),
        "curator": ("Ефимова", "Марина", "Львовна"),
        "address": "с. Заозерье, ул. Набережная, 4",
    },
]
SMALL_ROLE_LOGINS = [(Role.CURATOR, "curator", "curator"), (Role.DIRECTOR, "director", "director")]
# (students aged 10 and over, teachers) of each school, for the coverage indicators.
TOTALS = [
    (820, 64),
    (610, 48),
    (340, 31),
    (150, 16),
    (260, 22),
    (230, 21),
    (180, 17),
    (120, 14),
    (240, 20),
    (200, 19),
]

ROLE_LOGINS = [
    (Role.CURATOR, "curator", "curator"),
    (Role.DIRECTOR, "director", "director"),
    (Role.WORKING_GROUP, "working_group", "group"),
    (Role.MENTOR, "mentor", "mentor"),
]


@dataclass
class DemoMunicipality:
    municipality: Municipality
    schools: list[School]
    programmes: list[Programme]
    new_programmes: list[Programme]  # made by this run, still without a roadmap
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def _user(username: str, names: tuple[str, str, str], *, staff=False, superuser=False) -> User:
    last, first, middle = names
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "last_name": last,
            "first_name": first,
            "middle_name": middle,
            "email": f"{username}@zarechny.example",
            "is_staff": staff or superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def build(today=None) -> DemoMunicipality:
    today = today or timezone.localdate()
    region, _ = Region.objects.get_or_create(name=REGION["name"], defaults=REGION)
    municipality, _ = Municipality.objects.get_or_create(
        name=MUNICIPALITY["name"], defaults=MUNICIPALITY | {"region": region}
    )
    if municipality.region_id is None:
        municipality.region = region
        municipality.save(update_fields=["region"])
    year = AcademicYear.for_date(today)
    demo = DemoMunicipality(municipality, [], [], [])

    admin = _user("admin", ("Админов", "Админ", ""), superuser=True)
    demo.logins.append((admin.username, "Администратор (Django admin)", "—"))
    officer = _user("mnc", ("Егорова", "Наталья", "Владимировна"))
    Membership.objects.get_or_create(
        user=officer, role=Role.MUNICIPAL_OFFICER, municipality=municipality
    )
    demo.logins.append((officer.username, "Специалист МНЦ", municipality.name))
    regional = _user("rnc", ("Родионова", "Ирина", "Сергеевна"))
    Membership.objects.get_or_create(user=regional, role=Role.REGIONAL_OFFICER, region=region)
    demo.logins.append((regional.username, "Специалист РНЦ", region.name))

    schools = [(data, ROLE_LOGINS) for data in SCHOOLS]
    schools += [(data, SMALL_ROLE_LOGINS) for data in SMALL_SCHOOLS]
    for number, (data, role_logins) in enumerate(schools, start=1):
        school, _ = School.objects.get_or_create(
            municipality=municipality,
            short_name=data["short_name"],
            defaults={
                "full_name": data["full_name"],
                "director_name": " ".join(data["director"]),
                "address": data["address"],
                # The place of compilation of the school's papers: the settlement of its address.
                "town": data["address"].split(",")[0],
            },
        )
        demo.schools.append(school)
        for role, key, login in role_logins:
            user = _user(f"{login}{number}", data[key])
            Membership.objects.get_or_create(user=user, role=role, school=school)
            demo.logins.append((user.username, Role(role).label, school.short_name))
        programme, created = Programme.objects.get_or_create(
            school=school,
            year=year,
            defaults={
                "forms_in_use": "«Ученик – ученик», «Учитель – учитель»",
                "goals": "Максимально полное раскрытие потенциала личности наставляемого, "
                "необходимое для успешной личной и профессиональной самореализации.",
            },
        )
        students, teachers = TOTALS[number - 1]
        if programme.students_total is None or programme.teachers_total is None:
            programme.students_total = programme.students_total or students
            programme.teachers_total = programme.teachers_total or teachers
            programme.save(update_fields=["students_total", "teachers_total"])
        demo.programmes.append(programme)
        if created:
            demo.new_programmes.append(programme)
    return demo
