import time

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from mentoring import demo as mentoring_demo
from mentoring.models import Membership, Role, User
from registry import demo as registry_demo
from registry import demo_closure, demo_history, demo_labour, demo_pairs
from stages import demo as stages_demo
from stages.services import create_roadmap
from surveys import demo as surveys_demo

from ... import demo as reports_demo
from ... import demo_monthly

# (mentors, mentees) per demo school: the first one is of realistic size, the last seven small.
BASE_SIZES = [(60, 150), (25, 60), (20, 45)] + [(8, 16), (10, 20), (8, 18), (6, 14)] * 2


def _member(programme, role) -> User | None:
    membership = Membership.objects.filter(school=programme.school, role=role).first()
    return membership.user if membership else None


class Command(BaseCommand):
    help = "Создаёт демонстрационный муниципалитет: школы, учётные записи всех ролей, программы."

    @scopes_disabled()
    def handle(self, *args, **options):
        started = time.monotonic()
        demo = mentoring_demo.build()
        schools = mentoring_demo.SCHOOLS + mentoring_demo.SMALL_SCHOOLS
        for programme in demo.new_programmes:
            create_roadmap(programme)
            number = demo.programmes.index(programme)
            stages_demo.progress_roadmap(programme, skip_every=4 + number % 3)
        for number, programme in enumerate(demo.programmes):
            mentors, mentees = BASE_SIZES[number % len(BASE_SIZES)]
            curator = " ".join(schools[number]["curator"])
            curator_user = _member(programme, Role.CURATOR)
            director_user = _member(programme, Role.DIRECTOR)
            approve_pairs = reports_demo.pairs_approval(curator_user, director_user)
            # Last year, finished and archived; this year's bases and pairs carried over from it.
            demo_history.build_previous_year(
                programme,
                mentors=mentors,
                mentees=mentees,
                seed=number,
                curator=curator_user,
                curator_name=curator,
                approve=approve_pairs,
            )
            registry_demo.build_selection(programme, curator)
            # Orders in the order of their dates: the pairs order follows the first five.
            reports_demo.build_orders(programme, curator_user, director_user)
            demo_pairs.build_pairs(programme, seed=number, approve=approve_pairs)
            demo_pairs.continue_meetings(programme, seed=number)
            demo_closure.build_closures(programme, seed=number, curator=curator_user)
            demo_labour.build_agreements(programme)
            mentor_user = User.objects.filter(username=f"mentor{number + 1}").first()
            if mentor_user is not None:
                demo_pairs.link_mentor_account(programme, mentor_user)
            surveys_demo.build_answers(programme, seed=number)
            reports_demo.build_awards(programme, curator_user)
            reports_demo.build_partners(programme)
        officer = User.objects.filter(username="mnc").first()
        demo_monthly.build_monthly_reports(demo.programmes, officer)

        self.stdout.write(
            self.style.SUCCESS(
                f"Демонстрационные данные: {demo.municipality.name}, "
                f"{len(demo.schools)} школ (за {time.monotonic() - started:.1f} с)"
            )
        )
        self.stdout.write(
            f"Пароль всех демонстрационных учётных записей: {mentoring_demo.DEMO_PASSWORD}"
        )
        self.stdout.write("")
        self.stdout.write(f"{'Логин':<12} {'Роль':<30} Где")
        for login, role, where in demo.logins:
            self.stdout.write(f"{login:<12} {role:<30} {where}")
