"""The reports' part of the personal-data map (mentoring/personal_data.py)."""

from mentoring.personal_data import STAFF, erase, keep, register

ORDER = "официальный документ школы (утверждённый приказ не меняется)"
OUTGOING = "журнал регистрации исходящих документов школы"


def register_all() -> None:
    register(
        "reports.NotificationSettings",
        fields=[
            keep("user", "чья это настройка рассылки"),
            keep(
                "email",
                "адрес, отписавшийся от напоминаний без учётной записи: без него письма пошли бы "
                "снова",
            ),
        ],
        other=(
            "id",
            "roadmap",
            "monthly",
            "surveys",
            "meetings",
            "digest",
            "unsubscribe_token",
            "updated_at",
        ),
    )
    register(
        "reports.SentReminder",
        fields=[
            keep("email", "журнал рассылки: защищает от повторной отправки того же напоминания"),
            keep("user", "журнал рассылки: кому отправлено напоминание"),
        ],
        other=("id", "kind", "object_key", "period_key", "claimed_at", "sent_at"),
    )
    register(
        "reports.OutgoingDocument",
        fields=[
            keep("addressee", OUTGOING),
            keep("subject", OUTGOING),
            keep("created_by", STAFF),
        ],
        other=("id", "school", "year", "number", "date", "partner", "created_at"),
    )
    register(
        "reports.NameOverride",
        title="Исправления склонения ФИО",
        delete="исправления склонения ФИО участника",
        fields=[
            erase("nominative"),
            erase("genitive"),
            erase("dative"),
            erase("accusative"),
            erase("instrumental"),
            erase("prepositional"),
        ],
        other=("id", "school", "updated_at"),
    )
    register(
        "reports.Order",
        fields=[
            keep("title", ORDER),
            keep("preamble", ORDER),
            keep("points", ORDER),
            keep("acquainted", ORDER),
            keep("signer_position", ORDER),
            keep("signer_name", ORDER),
            keep("curator", ORDER),
            keep("curator_position", ORDER),
            keep("frozen_content", ORDER),
            keep("pdf_file", ORDER),
            keep("docx_file", ORDER),
            keep("approved_by", STAFF),
            keep("created_by", STAFF),
        ],
        other=(
            "id",
            "school",
            "programme",
            "kind",
            "commission",
            "course",
            "status",
            "number",
            "number_year",
            "order_date",
            "approved_at",
            "created_at",
            "updated_at",
            "version",
            "mentors",
            "pairs",
            "awards",
            "roadmap_items",
        ),
    )
    for step in ("reports.OrderEvent", "reports.MonthlyReportEvent"):
        register(
            step,
            fields=[keep("by", STAFF), keep("comment", STAFF)],
            other=("id", "at", "order" if step == "reports.OrderEvent" else "report", "action"),
        )
    register(
        "reports.MonthlyReport",
        fields=[
            keep("comment", STAFF),
            keep("submitted_by", STAFF),
            keep("reviewed_by", STAFF),
        ],
        other=(
            "id",
            "school",
            "programme",
            "period",
            "status",
            "figures",
            "figures_taken_at",
            "submitted_at",
            "reviewed_at",
            "created_at",
        ),
    )
    register(
        "reports.Regulation",
        fields=[keep("updated_by", STAFF)],
        other=("id", "programme", "sections", "updated_at"),
    )
