from django.core.management.base import BaseCommand

from mentoring import demo as mentoring_demo
from mentoring.models import Membership, Role, User
from registry import demo as registry_demo
from registry import demo_pairs
from stages import demo as stages_demo
from surveys import demo as surveys_demo

from ... import demo as reports_demo

# (mentors, mentees) per demo school: the first one is of realistic size.
BASE_SIZES = [(60, 150), (25, 60), (20, 45)]


def _member(programme, role) -> User:
    return Membership.objects.filter(school=programme.school, role=role).first().user


class Command(BaseCommand):
    help = "Создаёт демонстрационный муниципалитет: школы, учётные записи всех ролей, программы."

    def handle(self, *args, **options):
        demo = mentoring_demo.build()
        for number, programme in enumerate(demo.new_programmes, start=2):
            stages_demo.progress_roadmap(programme, skip_every=number + 2)
        for number, programme in enumerate(demo.programmes):
            mentors, mentees = BASE_SIZES[number % len(BASE_SIZES)]
            registry_demo.build_bases(programme, mentors=mentors, mentees=mentees, seed=number)
            curator = mentoring_demo.SCHOOLS[number]["curator"]
            registry_demo.build_selection(programme, " ".join(curator))
            demo_pairs.build_pairs(programme, seed=number)
            mentor_user = User.objects.get(username=f"mentor{number + 1}")
            demo_pairs.link_mentor_account(programme, mentor_user)
            surveys_demo.build_answers(programme, seed=number)
            reports_demo.build_orders(
                programme,
                _member(programme, Role.CURATOR),
                _member(programme, Role.DIRECTOR),
            )
            reports_demo.build_partners(programme)

        self.stdout.write(self.style.SUCCESS(f"Демонстрационные данные: {demo.municipality.name}"))
        self.stdout.write(
            f"Пароль всех демонстрационных учётных записей: {mentoring_demo.DEMO_PASSWORD}"
        )
        self.stdout.write("")
        self.stdout.write(f"{'Логин':<12} {'Роль':<30} Где")
        for login, role, where in demo.logins:
            self.stdout.write(f"{login:<12} {role:<30} {where}")
