"""The surveys' part of the personal-data map (mentoring/personal_data.py)."""

from mentoring.personal_data import STAFF, erase, keep, register

INVITED = "доля ответивших на анкеты (срок приглашения, получен ли ответ)"
MONITORING = "мониторинг программы (оценки по шкалам и выбранные варианты)"


def register_all() -> None:
    register(
        "surveys.Response",
        title="Анкеты, на которые ответил участник",
        person=("participant",),
        fields=[keep("submitted_at", MONITORING), keep("phase", MONITORING)],
        other=("id", "distribution", "invitation", "participant", "pair"),
    )
    register(
        "surveys.Answer",
        title="Ответы на анкеты",
        person=("response__participant",),
        fields=[
            erase("text", label="Текст ответа"),
            keep("number", MONITORING, label="Число (шкала; да = 1, нет = 0)"),
            keep("choices", MONITORING),
        ],
        other=("id", "response", "question"),
    )
    register(
        "surveys.Invitation",
        title="Приглашения ответить на анкеты",
        person=("participant", "user__participants"),
        fields=[
            erase(
                "respondent_name",
                lambda invitation: f"Участник № {invitation.participant_id}",
                how="заменяется на «Участник № <номер>»",
            ),
            keep("expires_at", INVITED),
            keep("answered_at", INVITED),
        ],
        other=("id", "distribution", "participant", "user", "pair", "token"),
    )
    register(
        "surveys.Questionnaire",
        fields=[keep("created_by", STAFF)],
        other=(
            "id",
            "school",
            "code",
            "title",
            "purpose",
            "audience",
            "description",
            "copied_from",
            "created_at",
        ),
    )
    register(
        "surveys.Distribution",
        fields=[keep("created_by", STAFF)],
        other=(
            "id",
            "questionnaire",
            "programme",
            "title",
            "phase",
            "deadline",
            "occasion",
            "pair",
            "pulse_month",
            "created_at",
        ),
    )
