"""Objects for every URL kwarg, shared by the authorization matrix and the query-string fuzz."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def _mentoring_agreement(mentor):
    from registry.models import MentoringAgreement

    start = timezone.localdate()
    return MentoringAgreement.objects.create(
        mentor=mentor,
        number="1",
        signed_on=start,
        contract_number="1",
        contract_date=start,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=90),
        content="Посещение уроков",
        amount=1000,
        local_act="Положение об оплате труда",
    )


def _finished_job(user):
    """A finished background job of ``user`` with its file (mentoring/jobs.py)."""
    from mentoring.jobs import Job

    job = Job(kind="consolidated_monthly_pdf", user=user, status=Job.Status.DONE, attempts=1)
    job.result.save("svodny.pdf", ContentFile(b"%PDF-1.4 job"), save=False)
    job.result_name = "Сводный мониторинг.pdf"
    job.save()
    return job


def url_kwarg_values(programme, municipality, mentor, mentee, curator) -> dict[str, object]:
    """One object per URL kwarg of the project, in the first school: its id (or value) by name.

    A new URL kwarg needs a value here, or the authorization matrix fails.
    """
    from mentoring.models import CalendarFeed
    from registry.importing import create_batch
    from registry.models import (
        Award,
        Case,
        DevelopmentPlan,
        ImportBatch,
        Meeting,
        MentoringForm,
        Pair,
        Partner,
        TrainingSession,
    )
    from reports.models import MonthlyReport, NameOverride, NotificationSettings
    from reports.orders.services import create_order
    from stages.models import MeetingProtocol
    from surveys.models import Distribution, Invitation, Questionnaire
    from surveys.services.distribution import end_of_day

    from .registry.factories import (
        CertificateFactory,
        ConsentFactory,
        InterviewFactory,
        TrainingCourseFactory,
    )
    from .registry.import_files import xlsx_bytes

    item = programme.roadmap_items.first()
    item.evidence_file.save("evidence.pdf", ContentFile(b"%PDF-1.4"))
    consent = ConsentFactory(participant=mentor.participant)
    consent.scan.save("consent.pdf", ContentFile(b"%PDF-1.4"))
    certificate = CertificateFactory(participant=mentor.participant)
    certificate.scan.save("certificate.pdf", ContentFile(b"%PDF-1.4"))
    portfolio = mentor.files.create(title="Грамота", file=ContentFile(b"%PDF-1.4", "g.pdf"))
    course = TrainingCourseFactory(programme=programme)
    session = TrainingSession.objects.create(
        course=course, held_on=course.starts_on, topic="Роль наставника"
    )
    batch = create_batch(
        programme,
        ImportBatch.Kind.MENTEES,
        ContentFile(
            xlsx_bytes(
                ["ФИО", "Дата рождения", "Класс", "Категория запроса"],
                ["Образцов Пётр Ильич", "31.02.2013", "6А", "одарённый"],
            ),
            "base.xlsx",
        ),
        by=curator,
    )
    pair = Pair.objects.create(
        programme=programme, mentor=mentor, form=MentoringForm.objects.first()
    )
    pair.mentees.set([mentee])
    meeting = Meeting.objects.create(pair=pair, held_on=course.starts_on, topic="Знакомство")
    plan = DevelopmentPlan.objects.create(pair=pair, mentee=mentee, goal="Подтянуть математику")
    plan_item = plan.items.create(task="Решить 20 задач")
    case = Case.objects.create(
        programme=programme, pair=pair, title="Клуб", what_was_done="…", results="…"
    )
    questionnaire = Questionnaire.objects.create(
        school=programme.school, title="Анкета", purpose="other", audience="all"
    )
    question = questionnaire.questions.create(text="Как дела?", kind="scale", position=1)
    distribution = Distribution.objects.create(
        questionnaire=questionnaire,
        programme=programme,
        title="Рассылка",
        deadline=course.starts_on,
    )
    invitation = Invitation.objects.create(
        distribution=distribution,
        user=curator,
        respondent_name="Тимофеева",
        expires_at=end_of_day(timezone.localdate() + datetime.timedelta(days=7)),
    )
    if municipality.region_id is None:
        from mentoring.models import Region

        municipality.region = Region.objects.create(name="Заречная область")
        municipality.save(update_fields=["region"])
    today = timezone.localdate()
    return {
        "school_id": programme.school_id,
        "programme_id": programme.pk,
        "item_id": item.pk,
        "municipality_id": municipality.pk,
        "region_id": municipality.region_id,
        "fmt": "pdf",
        "period": f"{today:%Y-%m}",
        "year": today.year,
        "quarter": (today.month - 1) // 3 + 1,
        "year_start": programme.year.start_date.year,
        "participant_id": mentor.participant_id,
        "model": "participant",  # mentoring.audit.HISTORY_MODELS
        "object_id": mentor.participant_id,
        "mentor_id": mentor.pk,
        "mentee_id": mentee.pk,
        "consent_id": consent.pk,
        "certificate_id": certificate.pk,
        "file_id": portfolio.pk,
        "interview_id": InterviewFactory(mentor=mentor, programme=programme).pk,
        "course_id": course.pk,
        "session_id": session.pk,
        "batch_id": batch.pk,
        "kind": "mentees",
        "pair_id": pair.pk,
        "meeting_id": meeting.pk,
        "plan_item_id": plan_item.pk,
        "case_id": case.pk,
        "diary": "mentor",
        "distribution_id": distribution.pk,
        "invitation_id": invitation.pk,
        "token": invitation.token,  # also a (wrong) password-reset token
        "feed_token": CalendarFeed.objects.create(user=curator).token,
        "job_id": _finished_job(curator).pk,
        "unsubscribe_token": NotificationSettings.objects.create(user=curator).unsubscribe_token,
        "uidb64": urlsafe_base64_encode(force_bytes(curator.pk)),
        "questionnaire_id": questionnaire.pk,
        "question_id": question.pk,
        "response_id": distribution.responses.create().pk,
        "order_id": create_order(programme, "implementation", by=curator).pk,
        "report_id": MonthlyReport.objects.create(
            school=programme.school, programme=programme, period=programme.year.start_date
        ).pk,
        "override_id": NameOverride.objects.create(
            school=programme.school, nominative="Гусь Ольга Кирилловна", genitive="Гусь Ольги"
        ).pk,
        "partner_id": Partner.objects.create(school=programme.school, name="ООО «Вектор»").pk,
        "agreement_id": _mentoring_agreement(mentor).pk,
        "protocol_id": MeetingProtocol.objects.create(
            programme=programme,
            kind=MeetingProtocol.Kind.TEACHERS_COUNCIL,
            held_on=programme.year.start_date,
            number="1",
            chair="Смирнова Ольга Петровна",
            secretary="Козлова Анна Ивановна",
            present_count=24,
            agenda="О подготовке программы наставничества",
            heard="Куратора о целевой модели наставничества",
            decided="Принять информацию к сведению",
        ).pk,
        "award_id": Award.objects.create(
            programme=programme,
            kind=Award.Kind.BEST_MENTOR,
            mentor=mentor,
            awarded_on=course.starts_on,
        ).pk,
    }
