import datetime

import factory

from mentoring.models import AcademicYear, Membership, Municipality, Programme, Role, School, User
from stages.services import create_roadmap


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = factory.Iterator(["Тимофеева", "Шевчук", "Карпов", "Белова"])
    first_name = factory.Iterator(["Мария", "Илья", "Никита", "Ольга"])
    middle_name = "Александровна"
    password = factory.django.Password("secret-pass-123")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Муниципальный округ № {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    municipality = factory.SubFactory(MunicipalityFactory)
    # Past the numbers that tests give their schools by hand («СОШ № 1», «СОШ № 5»).
    short_name = factory.Sequence(lambda n: f"МБОУ «СОШ № {n + 100}»")
    full_name = factory.LazyAttribute(
        lambda o: f"Муниципальное бюджетное учреждение {o.short_name}"
    )
    director_name = "Воронцова Елена Петровна"


class AcademicYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicYear
        django_get_or_create = ["name"]

    name = "2026/2027"
    start_date = datetime.date(2026, 9, 1)
    end_date = datetime.date(2027, 8, 31)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    year = factory.SubFactory(AcademicYearFactory)

    @factory.post_generation
    def roadmap(programme, create, extracted, **kwargs):
        """A programme is started with its roadmap; ``roadmap=False`` leaves it empty."""
        if create and extracted is not False:
            create_roadmap(programme)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.CURATOR
    school = factory.SubFactory(SchoolFactory)


def member(
    role: str, school: School | None = None, municipality=None, region=None, **user_fields
) -> User:
    user = UserFactory(**user_fields)
    if role == Role.REGIONAL_OFFICER:
        Membership.objects.create(user=user, role=role, region=region)
    elif role == Role.MUNICIPAL_OFFICER:
        Membership.objects.create(user=user, role=role, municipality=municipality)
    else:
        Membership.objects.create(user=user, role=role, school=school)
    return user
