"""Every document the project hands out as a file: the one place an export is declared.

The school's documents are for its staff (curator, director, working group); a meeting's
protocol also for the pair's own mentor; the roadmap and the school's monitoring reports also for
the officer of the school's municipality (the final report depersonalised); the municipal
documents for the officers of that municipality (and of its region, but the personified
accounting), the regional ones for the officers of the region. Anything outside the user's scope
is 404.
"""

from functools import partial

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mentoring import access
from mentoring.files import attachment
from mentoring.lookups import municipality_for, programme_for, region_for
from mentoring.periods import YEARS, PeriodError, parse_period
from registry.models import (
    Award,
    Meeting,
    Mentor,
    MentoringAgreement,
    Pair,
    Participant,
    Partner,
)
from registry.services.work import get_visible_pair
from registry.views.common import current_programme, staff_object, staff_programme
from stages.models import MeetingProtocol
from surveys.models import Distribution, Questionnaire

from ..builders.bases import mentee_base_document, mentor_base_document
from ..builders.certificate import certificate_for, render_certificate_pdf
from ..builders.consents import consent_form_document
from ..builders.council_protocol import council_protocol_document
from ..builders.letters import partner_letter_document
from ..builders.memos import MENTEE, MENTOR, memo_document
from ..builders.mentoring_programme import mentoring_programme_document
from ..builders.pair_papers import (
    development_plan_document,
    mentee_diary_document,
    mentor_diary_document,
)
from ..builders.partner_agreement import partner_agreement_document
from ..builders.portfolio import portfolio_document
from ..builders.protocol import meeting_protocol_document
from ..builders.questionnaire_blank import questionnaire_blank, render_blank_pdf
from ..builders.registries import mentor_registry_document, pairs_list_document
from ..builders.roadmap import roadmap_document
from ..builders.subject_access import (
    subject_access_document,
    subject_access_json,
    subject_access_name,
)
from ..builders.survey_answers import survey_answers_document
from ..builders.teacher_mentoring import agreement_document, consent_document, payments_document
from ..calendar.feed import calendar_name, render_calendar
from ..calendar.feed import meeting_event as meeting_event_of
from ..documents import file_response
from ..models import MonthlyReport, decliner_for
from ..monitoring.accounting import QUARTERS, personified_accounting_document
from ..monitoring.common import academic_year_of
from ..monitoring.consolidated import consolidated_document
from ..monitoring.final import final_report_document
from ..monitoring.quality import quality_assessment_document
from ..monitoring.school import school_monitoring_document
from ..monthly.document import monthly_report_document
from ..orders.rendering import order_document, order_file_name
from ..orders.views import order_for
from ..region.documents import federal_indicators_document, region_consolidated_document
from ..regulation.services import regulation_document
from .registry import export

# Papers and registries name the school's municipality, the year and the programme's curator.
paper_programme = partial(
    programme_for, permission="records.read", related=("school__municipality", "year", "curator")
)
monitored_programme = partial(programme_for, related=("school__municipality", "year"))


def _sensitive(request, programme) -> bool:
    return access.can(request.user, "sensitive.read", programme.school_id)


# --- the school's programme --------------------------------------------------------------------


@export(
    "roadmap_export",
    "programmes/<int:programme_id>/roadmap.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=programme_for,
)
def roadmap(request, programme, fmt):
    return roadmap_document(programme)


@export(
    "mentor_base_export",
    "programmes/<int:programme_id>/mentors.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=staff_programme,
)
def mentor_base(request, programme, fmt):
    return mentor_base_document(programme, sensitive=_sensitive(request, programme))


@export(
    "mentee_base_export",
    "programmes/<int:programme_id>/mentees.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=staff_programme,
)
def mentee_base(request, programme, fmt):
    return mentee_base_document(programme, sensitive=_sensitive(request, programme))


@export(
    "mentor_registry_export",
    "programmes/<int:programme_id>/mentor-registry.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=paper_programme,
)
def mentor_registry(request, programme, fmt):
    return mentor_registry_document(programme)


@export(
    "pairs_list_export",
    "programmes/<int:programme_id>/pairs.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=paper_programme,
)
def pairs_list(request, programme, fmt):
    return pairs_list_document(programme)


@export(
    "regulation_export",
    "programmes/<int:programme_id>/regulation.<format:fmt>",
    formats={"pdf", "docx"},
    find=paper_programme,
)
def regulation(request, programme, fmt):
    return regulation_document(programme)


def _programme_and_partner(request, programme_id, partner_id):
    programme = paper_programme(request, programme_id)
    partner = get_object_or_404(
        Partner.objects.filter(school_id=programme.school_id), pk=partner_id
    )
    return programme, partner


@export(
    "partner_letter",
    "programmes/<int:programme_id>/partners/<int:partner_id>/letter.<format:fmt>",
    formats={"pdf", "docx"},
    find=_programme_and_partner,
)
def partner_letter(request, found, fmt):
    programme, partner = found
    return partner_letter_document(programme, partner, decliner_for(programme.school))


@export(
    "mentoring_programme_export",
    "programmes/<int:programme_id>/mentoring-programme.<format:fmt>",
    formats={"pdf", "docx"},
    find=paper_programme,
)
def mentoring_programme(request, programme, fmt):
    return mentoring_programme_document(programme)


@export(
    "partner_agreement",
    "programmes/<int:programme_id>/partners/<int:partner_id>/agreement.<format:fmt>",
    formats={"pdf", "docx"},
    find=_programme_and_partner,
)
def partner_agreement(request, found, fmt):
    programme, partner = found
    return partner_agreement_document(programme, partner, decliner_for(programme.school))


def _council_protocol(request, protocol_id):
    return staff_object(
        request,
        MeetingProtocol.objects.select_related("programme__school", "programme__year"),
        protocol_id,
    )


@export(
    "council_protocol",
    "meeting-protocols/<int:protocol_id>/protocol.<format:fmt>",
    formats={"pdf", "docx"},
    find=_council_protocol,
)
def council_protocol(request, protocol, fmt):
    return council_protocol_document(protocol)


# --- people, pairs, awards, orders, answers ----------------------------------------------------


def _reads_whole_pair(user, pair) -> bool:
    return access.reads_whole_pair(user, pair.programme.school_id, pair.mentor.participant.user_id)


@export(
    "mentor_memo",
    "pairs/<int:pair_id>/mentor-memo.pdf",
    formats={"pdf"},
    find=get_visible_pair,
    allowed=_reads_whole_pair,
    denied="Памятку наставнику получают наставник пары и сотрудники школы.",
)
def mentor_memo(request, pair, fmt):
    return memo_document(pair, MENTOR)


@export(
    "mentee_memo", "pairs/<int:pair_id>/mentee-memo.pdf", formats={"pdf"}, find=get_visible_pair
)
def mentee_memo(request, pair, fmt):
    return memo_document(pair, MENTEE)


def _participant(request, participant_id):
    return staff_object(
        request, Participant.objects.select_related("school", "user", "updated_by"), participant_id
    )


@export(
    "subject_access_export",
    "participants/<int:participant_id>/personal-data.<format:fmt>",
    formats={"pdf", "xlsx", "json"},
    find=_participant,
    allowed=lambda user, participant: access.can(user, "sensitive.read", participant.school_id),
    denied="Выгрузку персональных данных участника дают только куратор и директор школы.",
)
def subject_access(request, participant, fmt):
    """Everything stored about one participant (152-ФЗ, ст. 14)."""
    if fmt == "json":
        return file_response(
            subject_access_json(participant), fmt, subject_access_name(participant)
        )
    return subject_access_document(participant)


def _meeting(request, meeting_id):
    """School staff, and the mentor of the pair (``Pair.objects.for_user`` adds own pairs)."""
    return get_object_or_404(
        Meeting.objects.filter(
            pair__in=Pair.objects.for_user(request.user, "records.read").values("pk")
        )
        .select_related(
            "pair__programme__school",
            "pair__programme__year",
            "pair__programme__curator",
            "pair__mentor__participant",
            "pair__form",
            "pair__role_model",
        )
        .prefetch_related("pair__mentees__participant"),
        pk=meeting_id,
    )


@export(
    "meeting_protocol",
    "meetings/<int:meeting_id>/protocol.<format:fmt>",
    formats={"pdf", "docx"},
    find=_meeting,
)
def meeting_protocol(request, meeting, fmt):
    return meeting_protocol_document(meeting)


@export("meeting_event", "meetings/<int:meeting_id>/event.ics", formats={"ics"}, find=_meeting)
def meeting_event(request, meeting, fmt):
    """«Добавить в календарь»: the meeting as one event, named for the pair's own mentor."""
    own = meeting.pair.mentor.participant.user_id == request.user.id
    data = render_calendar(
        [meeting_event_of(meeting, named=own)],
        name=calendar_name(request.user),
        base_url=request.build_absolute_uri("/"),
    )
    return file_response(data, fmt, f"vstrecha-{meeting.held_on:%Y-%m-%d}")


def _award(request, award_id):
    return staff_object(
        request,
        Award.objects.select_related(
            "programme__school", "mentor__participant", "pair__mentor__participant"
        ).prefetch_related("pair__mentees__participant"),
        award_id,
    )


@export("award_certificate", "awards/<int:award_id>/certificate.pdf", formats={"pdf"}, find=_award)
def award_certificate(request, award, fmt):
    certificate = certificate_for(award)
    return file_response(render_certificate_pdf(certificate), fmt, certificate.filename)


@export(
    "order_file",
    "orders/<int:order_id>/order.<format:fmt>",
    formats={"pdf", "docx", "html"},
    find=order_for,
)
def order_file(request, order, fmt):
    """An approved order is the file frozen at approval; a draft is drawn up as of today."""
    if order.is_approved and fmt in ("pdf", "docx"):
        stored = order.pdf_file if fmt == "pdf" else order.docx_file
        return attachment(stored, name=order_file_name(order))
    return order_document(order, on=timezone.localdate())


def _distribution(request, distribution_id):
    return staff_object(
        request,
        Distribution.objects.select_related(
            "questionnaire", "programme__school", "programme__year"
        ),
        distribution_id,
    )


@export(
    "survey_answers_export",
    "surveys/distributions/<int:distribution_id>/answers.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=_distribution,
)
def survey_answers(request, distribution, fmt):
    return survey_answers_document(distribution)


# --- monitoring --------------------------------------------------------------------------------


@export(
    "school_monitoring_report",
    "programmes/<int:programme_id>/monitoring-report.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=monitored_programme,
)
def school_monitoring_report(request, programme, fmt):
    return school_monitoring_document(programme)


@export(
    "final_report",
    "programmes/<int:programme_id>/final-report.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=monitored_programme,
)
def final_report(request, programme, fmt):
    named = access.can(request.user, "names.read", programme.school_id)
    return final_report_document(programme, named=named)


def _municipality_month(request, municipality_id, period):
    municipality = municipality_for(request, municipality_id)
    try:
        return municipality, parse_period(period)
    except PeriodError as error:
        raise Http404(str(error)) from error


@export(
    "consolidated_monthly",
    "municipalities/<int:municipality_id>/monthly/<str:period>.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=_municipality_month,
)
def consolidated_monthly(request, found, fmt):
    municipality, month = found
    return consolidated_document(municipality, month, wide=fmt == "xlsx")


def _region_month(request, region_id, period):
    region = region_for(request, region_id)
    try:
        return region, parse_period(period)
    except PeriodError as error:
        raise Http404(str(error)) from error


@export(
    "region_consolidated",
    "regions/<int:region_id>/monthly/<str:period>.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=_region_month,
)
def region_consolidated(request, found, fmt):
    region, month = found
    return region_consolidated_document(region, month, wide=fmt == "xlsx")


@export(
    "region_indicators",
    "regions/<int:region_id>/indicators/<str:period>.xlsx",
    formats={"xlsx"},
    find=_region_month,
)
def region_indicators(request, found, fmt):
    return federal_indicators_document(*found)


def _municipality_quarter(request, municipality_id, year, quarter):
    municipality = municipality_for(request, municipality_id, "municipality.accounting")
    if quarter not in QUARTERS or year not in YEARS:
        raise Http404("Квартал указывается числом от 1 до 4")
    return municipality, year, quarter


@export(
    "personified_accounting",
    "municipalities/<int:municipality_id>/accounting/<int:year>/<int:quarter>.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=_municipality_quarter,
)
def personified_accounting(request, found, fmt):
    return personified_accounting_document(*found)


def _municipality_year(request, municipality_id, year_start):
    municipality = municipality_for(request, municipality_id)
    year = academic_year_of(year_start) if year_start in YEARS else None
    if year is None:
        raise Http404("Нет такого учебного года")
    return municipality, year


@export(
    "quality_assessment",
    "municipalities/<int:municipality_id>/quality/<int:year_start>.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=_municipality_year,
)
def quality_assessment(request, found, fmt):
    return quality_assessment_document(*found)


# --- papers of a person and of a pair ----------------------------------------------------------


@export(
    "consent_form",
    "participants/<int:participant_id>/consent-form.<format:fmt>",
    formats={"pdf", "docx"},
    find=_participant,
)
def consent_form(request, participant, fmt):
    """The parent's form for a minor, the participant's own for an adult: prefilled, to sign."""
    programme = current_programme(participant.school)
    return consent_form_document(participant, programme, timezone.localdate())


def _mentor(request, mentor_id):
    """School staff, and the mentor their own portfolio."""
    mentors = Mentor.objects.filter(
        Q(pk__in=Mentor.objects.for_user(request.user, "records.read").values("pk"))
        | Q(participant__user=request.user)
    )
    return get_object_or_404(mentors.select_related("school", "participant"), pk=mentor_id)


@export(
    "mentor_portfolio",
    "mentors/<int:mentor_id>/portfolio.<format:fmt>",
    formats={"pdf", "docx"},
    find=_mentor,
)
def mentor_portfolio(request, mentor, fmt):
    return portfolio_document(mentor)


def _whole_pair(request, pair_id):
    """School staff and the pair's own mentor, as for a meeting's protocol."""
    return get_object_or_404(
        Pair.objects.for_user(request.user, "records.read").select_related(
            "programme__school", "programme__year", "programme__curator",
            "mentor__participant", "form", "role_model",
        ),
        pk=pair_id,
    )  # fmt: skip


def _pair_mentee(request, pair_id, mentee_id):
    pair = _whole_pair(request, pair_id)
    mentee = get_object_or_404(pair.mentees.select_related("participant"), pk=mentee_id)
    return pair, mentee


@export(
    "development_plan",
    "pairs/<int:pair_id>/mentees/<int:mentee_id>/plan.<format:fmt>",
    formats={"pdf", "docx"},
    find=_pair_mentee,
)
def development_plan(request, found, fmt):
    return development_plan_document(*found)


@export(
    "mentor_diary",
    "pairs/<int:pair_id>/mentor-diary.<format:fmt>",
    formats={"pdf", "docx"},
    find=_whole_pair,
)
def mentor_diary(request, pair, fmt):
    return mentor_diary_document(pair)


@export(
    "mentee_diary",
    "pairs/<int:pair_id>/mentees/<int:mentee_id>/diary.<format:fmt>",
    formats={"pdf", "docx"},
    find=_pair_mentee,
)
def mentee_diary(request, found, fmt):
    return mentee_diary_document(*found)


# --- the school's monthly report and blank questionnaires ---------------------------------------


def _monthly_report(request, report_id):
    return get_object_or_404(
        MonthlyReport.objects.for_user(request.user).select_related("school", "programme"),
        pk=report_id,
    )


@export(
    "monthly_report_export",
    "monthly/<int:report_id>/report.<format:fmt>",
    formats={"pdf", "xlsx"},
    find=_monthly_report,
)
def monthly_report(request, report, fmt):
    return monthly_report_document(report)


def _questionnaire(request, questionnaire_id):
    return get_object_or_404(
        Questionnaire.objects.for_user(request.user, "records.read").select_related("school"),
        pk=questionnaire_id,
    )


@export(
    "questionnaire_blank",
    "surveys/questionnaires/<int:questionnaire_id>/blank.pdf",
    formats={"pdf"},
    find=_questionnaire,
)
def questionnaire_blank_pdf(request, questionnaire, fmt):
    blank = questionnaire_blank(questionnaire)
    return file_response(render_blank_pdf(blank), fmt, blank.filename)


# --- teacher mentoring (ТК РФ, ст. 351.8) -------------------------------------------------------


def _teacher_mentor(request, mentor_id):
    mentor = staff_object(
        request, Mentor.objects.select_related("participant", "school"), mentor_id
    )
    if mentor.participant.kind != Participant.Kind.TEACHER:
        raise Http404("Согласие на наставничество дают педагоги")
    return mentor


@export(
    "mentoring_consent_export",
    "mentors/<int:mentor_id>/mentoring-consent.<format:fmt>",
    formats={"pdf", "docx"},
    find=_teacher_mentor,
)
def mentoring_consent(request, mentor, fmt):
    return consent_document(mentor, decliner_for(mentor.school), timezone.localdate())


def _agreement(request, agreement_id):
    return staff_object(
        request,
        MentoringAgreement.objects.select_related("mentor__participant", "mentor__school"),
        agreement_id,
    )


@export(
    "mentoring_agreement_export",
    "agreements/<int:agreement_id>/agreement.<format:fmt>",
    formats={"pdf", "docx"},
    find=_agreement,
)
def mentoring_agreement(request, agreement, fmt):
    return agreement_document(agreement, decliner_for(agreement.mentor.school))


def _programme_month(request, programme_id):
    """The month of ``?month=ГГГГ-ММ``; the current month when it is absent or not a month."""
    programme = staff_programme(request, programme_id)
    try:
        month = parse_period(request.GET.get("month"))
    except PeriodError:
        month = timezone.localdate().replace(day=1)
    return programme, month


@export(
    "mentor_payments_export",
    "programmes/<int:programme_id>/mentor-payments.xlsx",
    formats={"xlsx"},
    find=_programme_month,
)
def mentor_payments(request, found, fmt):
    programme, month = found
    return payments_document(programme.school, month)
