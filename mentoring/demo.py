"""The demo municipality: schools, accounts for every role and this year's programmes."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .models import AcademicYear, Membership, Municipality, Programme, Role, School, User

DEMO_PASSWORD = "demo2026"

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
    new_programmes: list[Programme]
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
    municipality, _ = Municipality.objects.get_or_create(
        name=MUNICIPALITY["name"], defaults=MUNICIPALITY
    )
    year = AcademicYear.for_date(today)
    demo = DemoMunicipality(municipality, [], [], [])

    admin = _user("admin", ("Админов", "Админ", ""), superuser=True)
    demo.logins.append((admin.username, "Администратор (Django admin)", "—"))
    officer = _user("mnc", ("Егорова", "Наталья", "Владимировна"))
    Membership.objects.get_or_create(
        user=officer, role=Role.MUNICIPAL_OFFICER, municipality=municipality
    )
    demo.logins.append((officer.username, "Специалист МНЦ", municipality.name))

    for number, data in enumerate(SCHOOLS, start=1):
        school, _ = School.objects.get_or_create(
            municipality=municipality,
            short_name=data["short_name"],
            defaults={
                "full_name": data["full_name"],
                "director_name": " ".join(data["director"]),
                "address": data["address"],
            },
        )
        demo.schools.append(school)
        for role, key, login in ROLE_LOGINS:
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
        demo.programmes.append(programme)
        if created:
            demo.new_programmes.append(programme)
    return demo
