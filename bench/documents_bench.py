"""Benchmark of document rendering: orders to PDF and DOCX, reports to PDF and XLSX.

On the demo municipality (``seed_demo``; the first school is of realistic size: 60 mentors,
150 mentees) it times, for the first school's programme:
- every kind of order (the demo's order of that kind, else a fresh draft): the official paper to
  PDF (our pipeline: template + WeasyPrint with the font-only URL fetcher) and to DOCX;
- the partner letter and a meeting protocol, the other official papers (with a teacher's
  consent to mentoring and the supplementary agreement, ТК РФ ст. 351.8);
- the reports (roadmap, mentor and mentee bases, mentor registry, pairs list, survey answers) to
  PDF and XLSX, the content object built once;
- the whole approval of an order (create + submit + approve, which stores PDF and DOCX);
and for every PDF plain WeasyPrint, ``HTML(string=html).write_pdf()`` on our HTML with the
@font-face rules inline (fonts loaded for each document, as WeasyPrint does by default), so
«к WeasyPrint» is what the template adds and loading the fonts once per thread saves.
Each figure is the median of --repeat runs.

Runs against a throwaway SQLite file in a temporary directory, migrated and seeded first, unless
DATABASE_URL is set (then that database is migrated and seeded: never point it at real data).

    .venv/bin/python bench/documents_bench.py [--repeat 5]
"""

import argparse
import datetime
import statistics
from io import StringIO

from benchenv import machine, timed  # noqa: E402  (sets up Django on a throwaway database)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from weasyprint import HTML  # noqa: E402
from weasyprint import __version__ as weasyprint_version  # noqa: E402

from mentoring.models import Programme, Role, User  # noqa: E402
from registry.models import Meeting, MentoringAgreement  # noqa: E402
from reports.builders.bases import mentee_base_document, mentor_base_document  # noqa: E402
from reports.builders.consents import consent_form_document  # noqa: E402
from reports.builders.council_protocol import council_protocol_document  # noqa: E402
from reports.builders.letters import partner_letter_document  # noqa: E402
from reports.builders.memos import MENTEE, MENTOR, memo_document  # noqa: E402
from reports.builders.mentoring_programme import mentoring_programme_document  # noqa: E402
from reports.builders.pair_papers import (  # noqa: E402
    development_plan_document,
    mentee_diary_document,
    mentor_diary_document,
)
from reports.builders.partner_agreement import partner_agreement_document  # noqa: E402
from reports.builders.portfolio import portfolio_document  # noqa: E402
from reports.builders.protocol import meeting_protocol_document  # noqa: E402
from reports.builders.questionnaire_blank import questionnaire_blank, render_blank_pdf  # noqa: E402
from reports.builders.registries import (  # noqa: E402
    mentor_registry_document,
    pairs_list_document,
)
from reports.builders.roadmap import roadmap_document  # noqa: E402
from reports.builders.survey_answers import survey_answers_document  # noqa: E402
from reports.builders.teacher_mentoring import (  # noqa: E402
    agreement_document,
    consent_document,
    payments_document,
)
from reports.documents import (  # noqa: E402
    render_official_docx,
    render_official_pdf,
    render_pdf,
    render_xlsx,
)
from reports.documents.fonts import file_font_css  # noqa: E402
from reports.documents.html import build_html  # noqa: E402
from reports.documents.official_html import build_official_html  # noqa: E402
from reports.models import MonthlyReport, decliner_for  # noqa: E402
from reports.monthly.document import monthly_report_document  # noqa: E402
from reports.orders import services  # noqa: E402
from reports.orders.rendering import order_document  # noqa: E402
from stages.models import MeetingProtocol, OrderKind  # noqa: E402
from surveys.models import Distribution, Questionnaire  # noqa: E402


def median_seconds(function, repeat: int, *args) -> tuple[float, object]:
    runs = [timed(function, *args) for _ in range(repeat)]
    return statistics.median(seconds for seconds, _ in runs), runs[-1][1]


def straight_pdf(html: str) -> bytes:
    return HTML(string=html).write_pdf()


def measure_official(label: str, doc, repeat: int) -> dict:
    html = build_official_html(doc, font_css=file_font_css())
    ours, pdf = median_seconds(render_official_pdf, repeat, doc)
    floor, _ = median_seconds(straight_pdf, repeat, html)
    other, docx = median_seconds(render_official_docx, repeat, doc)
    return {"label": label, "pdf": ours, "floor": floor, "other": other, "kb": len(pdf) / 1024,
            "other_kb": len(docx) / 1024, "size": f"{len(doc.points)} п., "
            f"{sum(len(a.table.rows) for a in doc.attachments if a.table)} стр. прил."}  # fmt: skip


def measure_report(label: str, doc, repeat: int) -> dict:
    html = build_html(doc, font_css=file_font_css())
    ours, pdf = median_seconds(render_pdf, repeat, doc)
    floor, _ = median_seconds(straight_pdf, repeat, html)
    other, xlsx = median_seconds(render_xlsx, repeat, doc)
    rows = sum(
        len(block.rows) for section in doc.sections for block in section.blocks
        if hasattr(block, "rows")
    )  # fmt: skip
    return {"label": label, "pdf": ours, "floor": floor, "other": other, "kb": len(pdf) / 1024,
            "other_kb": len(xlsx) / 1024, "size": f"{rows} строк"}  # fmt: skip


def order_of_kind(programme: Programme, kind: str, curator: User):
    order = programme.orders.filter(kind=kind).order_by("-number").first()
    return order or services.create_order(programme, kind, by=curator)


def official_papers(programme: Programme, curator: User):
    for kind in OrderKind:
        order = order_of_kind(programme, kind, curator)
        state = "утв." if order.is_approved else "проект"
        yield f"приказ {kind.value} ({state})", order_document(order)
    partner = programme.school.partners.first()
    if partner:
        decliner = decliner_for(programme.school)
        yield "письмо партнёру", partner_letter_document(programme, partner, decliner)
        yield "соглашение с партнёром", partner_agreement_document(programme, partner, decliner)
    yield "программа наставничества", mentoring_programme_document(programme)
    protocol = MeetingProtocol.objects.filter(programme=programme).first()
    if protocol:
        yield "протокол педсовета", council_protocol_document(protocol)
    pair = programme.pairs.order_by("id").first()
    if pair:
        yield "памятка наставнику", memo_document(pair, MENTOR)
        yield "памятка наставляемому", memo_document(pair, MENTEE)
    meeting = Meeting.objects.filter(pair__programme=programme).order_by("-id").first()
    if meeting:
        yield "протокол встречи", meeting_protocol_document(meeting)
    yield from person_and_pair_papers(programme)
    yield from teacher_mentoring_papers(programme)


def teacher_mentoring_papers(programme: Programme):
    agreement = (
        MentoringAgreement.objects.filter(mentor__school=programme.school_id)
        .select_related("mentor__participant", "mentor__school")
        .order_by("id")
        .first()
    )
    if agreement:
        decliner = decliner_for(programme.school)
        day = datetime.date(2026, 10, 15)
        yield (
            "согласие педагога на наставничество",
            consent_document(agreement.mentor, decliner, day),
        )
        yield "доп. соглашение о наставничестве", agreement_document(agreement, decliner)


def person_and_pair_papers(programme: Programme):
    day = datetime.date(2026, 10, 15)
    mentee = programme.mentees.select_related("participant").order_by("id").first()
    if mentee:
        yield "согласие родителя", consent_form_document(mentee.participant, programme, day)
    mentor = programme.school.mentors.filter(pairs__programme=programme).order_by("id").first()
    if mentor:
        yield "согласие взрослого", consent_form_document(mentor.participant, programme, day)
        yield "портфолио наставника", portfolio_document(mentor)
    pair = programme.pairs.filter(plans__items__isnull=False).order_by("id").first()
    pair = pair or programme.pairs.order_by("id").first()
    if pair:
        first = pair.mentees.order_by("id").first()
        yield "ИПР", development_plan_document(pair, first)
        yield "дневник наставника", mentor_diary_document(pair)
        yield "дневник наставляемого", mentee_diary_document(pair, first)


def reports(programme: Programme):
    yield "дорожная карта", roadmap_document(programme)
    yield "база наставников", mentor_base_document(programme, sensitive=True)
    yield "база наставляемых", mentee_base_document(programme, sensitive=True)
    yield "реестр наставников", mentor_registry_document(programme)
    yield "список пар", pairs_list_document(programme)
    distribution = Distribution.objects.filter(programme=programme).order_by("id").first()
    if distribution:
        yield "ответы на анкету", survey_answers_document(distribution)
    report = MonthlyReport.objects.filter(programme=programme).order_by("-period").first()
    if report:
        yield "отчёт в МНЦ за месяц", monthly_report_document(report)
    month = programme.year.start_date.replace(month=10, day=1)
    yield "доплаты наставникам за месяц", payments_document(programme.school, month)


def approve_once(programme: Programme, curator: User, director: User, day: datetime.date):
    order = services.create_order(programme, OrderKind.IMPLEMENTATION, by=curator)
    services.submit(order, by=curator)
    return services.approve(order, by=director, today=day)


def print_table(title: str, other: str, rows: list[dict]) -> None:
    print(f"\n{title}\n")
    columns = ["документ", "объём", "PDF, с", "WeasyPrint, с", "к WeasyPrint", "PDF, КБ"]
    columns += [f"{other}, с", f"{other}, КБ"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for r in rows:
        print(
            f"| {r['label']} | {r['size']} | {r['pdf']:.3f} | {r['floor']:.3f} | "
            f"{r['pdf'] / r['floor']:.2f}× | {r['kb']:.0f} | {r['other']:.3f} | "
            f"{r['other_kb']:.0f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    seconds, _ = timed(call_command, "seed_demo", stdout=StringIO())
    programme = Programme.objects.select_related("school", "year").order_by("id").first()
    school = programme.school
    curator = User.objects.filter(memberships__school=school, memberships__role=Role.CURATOR)[0]
    director = User.objects.filter(memberships__school=school, memberships__role=Role.DIRECTOR)[0]
    print(f"{datetime.date.today():%d.%m.%Y}, {machine(f'WeasyPrint {weasyprint_version}')}")
    print(f"database: {connection.settings_dict['NAME']}, seed_demo {seconds:.1f} s")
    print(f"school: {school.short_name}, median of {args.repeat} runs")

    official = [measure_official(label, doc, args.repeat) for label, doc in official_papers(
        programme, curator)]  # fmt: skip
    print_table("Официальные бумаги (PDF и DOCX)", "DOCX", official)
    report_rows = [measure_report(label, doc, args.repeat) for label, doc in reports(programme)]
    print_table("Отчёты и базы (PDF и XLSX)", "XLSX", report_rows)

    blanks = []
    for questionnaire in Questionnaire.objects.filter(school__isnull=True).order_by("id"):
        blank = questionnaire_blank(questionnaire)
        seconds, pdf = median_seconds(render_blank_pdf, args.repeat, blank)
        questions = sum(len(section.questions) for section in blank.sections)
        blanks.append((seconds, questions, len(pdf) / 1024))
    if blanks:
        seconds = [b[0] for b in blanks]
        questions = [b[1] for b in blanks]
        print(
            f"\nбланки анкет (PDF): {len(blanks)} стандартных анкет, {min(questions)}–"
            f"{max(questions)} вопросов, медиана {statistics.median(seconds):.3f} с, наибольший "
            f"{max(seconds):.3f} с, {max(b[2] for b in blanks):.0f} КБ"
        )

    day = datetime.date(2026, 11, 24)
    approvals = [timed(approve_once, programme, curator, director, day)[0] for _ in range(3)]
    print(
        f"\nутверждение приказа implementation (создать + передать + утвердить, с PDF и DOCX): "
        f"медиана {statistics.median(approvals):.3f} с из {len(approvals)}"
    )


if __name__ == "__main__":
    main()
