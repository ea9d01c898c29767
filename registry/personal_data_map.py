"""The registry's part of the personal-data map (mentoring/personal_data.py).

The order of the fields is the order of the subject-access export.
"""

from mentoring.personal_data import RECORDED, STAFF, erase, keep, register, scrub

ERASED_TEXT = "Сведения обезличены"
REPORTING = "нужно для отчётности программы (персонифицированный учёт, показатели)"
CONSENT = "основание обработки данных (что согласие было дано и когда отозвано)"
CERTIFICATE = "допуск наставника к работе (справка была представлена, срок её действия)"
MENTOR = "основание приказов программы (место в базе и реестре наставников)"
COMMISSION = "основание включения в реестр наставников (решение конкурсной комиссии)"
TRAINING = "подготовка наставников (обучение, посещаемость, удостоверения)"
PAIR = "отчётность программы о парах и группах"
ALLOWANCE = "основание начислений школы (доплата наставнику-педагогу)"
MEETING = "отчётность программы о встречах (число, даты, виды, форматы)"
DIARY = "дневник наставника о работе пары остаётся"
PRACTICE = "база успешных практик программы"
AWARD = "отчётность программы о поощрениях"
ANONYMISED = "запись о том, кто, когда и по какому основанию обезличил данные"
IMPORTED = "файл базы из Excel и прочитанные строки (удаляются, когда загрузка закрыта)"
LABOUR = "условия труда педагога-наставника (ст. 351.8 ТК РФ): основание доплаты и её прекращения"
SUPPORT = "сопровождение пар куратором (когда и с кем был контакт, что решено сделать)"
CONTACT = "контакты организации-партнёра и состав комиссии (должностные лица, не участники)"

PAIR_OF_PERSON = ("pair__mentor__participant", "pair__mentees__participant")


def register_all() -> None:
    _people()
    _bases()
    _work()
    _labour()
    _school_records()


def _people() -> None:
    register(
        "registry.Participant",
        title="Участник",
        person=("pk",),
        fields=[
            erase("last_name", "Участник", how="заменяется на «Участник»"),
            erase("first_name", lambda p: f"№ {p.pk}", how="заменяется на «№ <номер>»"),
            erase("middle_name"),
            erase("birth_date", None),
            keep("kind", REPORTING),
            erase(
                "class_name",
                lambda p: str(p.grade) if p.grade else "",
                how="остаётся только номер параллели",
            ),
            keep("grade", REPORTING),
            erase("position"),
            erase("subject"),
            erase("experience_years", None),
            erase("organisation"),
            erase("phone"),
            erase("email"),
            erase("notes"),
            erase("user", None, how="отвязывается от участника", label="Учётная запись"),
            keep("created_at", RECORDED, label="Внесён"),
            keep("updated_at", RECORDED),
            keep("updated_by", RECORDED),
        ],
        other=("id", "school"),
    )
    register(
        "registry.AnonymisationRecord",
        title="Обезличивание",
        person=("participant",),
        fields=[
            keep("at", ANONYMISED, label="Данные обезличены"),
            keep("reason", ANONYMISED, label="Основание обезличивания"),
            keep("by", ANONYMISED),
        ],
        other=("id", "participant"),
    )
    register(
        "registry.Consent",
        title="Согласия",
        person=("participant",),
        fields=[
            keep("kind", CONSENT),
            keep("given_by", CONSENT),
            erase("representative_name", label="ФИО представителя"),
            keep("signed_on", CONSENT),
            keep("withdrawn_on", CONSENT),
            erase("scan", how="файл удаляется"),
            erase("notes"),
            keep("created_at", RECORDED),
            keep("created_by", RECORDED),
        ],
        other=("id", "participant"),
    )
    register(
        "registry.Certificate",
        title="Справки",
        person=("participant",),
        fields=[
            keep("kind", CERTIFICATE),
            erase("number"),
            keep("issued_on", CERTIFICATE),
            keep("valid_until", CERTIFICATE),
            erase("scan", how="файл удаляется"),
            keep("created_at", RECORDED),
            keep("created_by", RECORDED),
        ],
        other=("id", "participant"),
    )


def _bases() -> None:
    register(
        "registry.Mentor",
        title="Наставник",
        person=("participant",),
        fields=[
            keep("status", MENTOR),
            keep("contour", MENTOR),
            erase("competencies", ()),
            erase("offer"),
            keep("capacity", MENTOR),
            keep("registry_note", MENTOR),
            erase("portfolio"),
            keep("former_mentee", MENTOR),
            keep("status_changed_at", MENTOR),
            keep("created_at", RECORDED, label="Внесён в базу"),
            keep("updated_at", RECORDED),
            keep("updated_by", RECORDED),
        ],
        other=("id", "school", "participant"),
    )
    register(
        "registry.PortfolioFile",
        title="Файлы портфолио",
        person=("mentor__participant",),
        delete="файлы портфолио наставника",
        fields=[erase("title"), erase("file"), erase("uploaded_at")],
        other=("id", "mentor"),
    )
    register(
        "registry.Interview",
        title="Собеседования",
        person=("mentor__participant",),
        fields=[
            keep("held_on", COMMISSION),
            keep("readiness", COMMISSION),
            keep("decision", COMMISSION),
            erase("notes"),
            keep("recorded_by", RECORDED),
            keep("created_at", RECORDED),
        ],
        other=("id", "mentor", "programme"),
    )
    register(
        "registry.Attendance",
        title="Обучение наставников: посещаемость",
        person=("mentor__participant",),
        fields=[keep("present", TRAINING)],
        other=("id", "session", "mentor"),
    )
    register(
        "registry.TrainingCertificate",
        title="Удостоверения об обучении",
        person=("mentor__participant",),
        fields=[keep("number", TRAINING), keep("hours", TRAINING), keep("issued_on", TRAINING)],
        other=("id", "course", "mentor"),
    )
    register(
        "registry.Mentee",
        title="Наставляемый: запросы по годам",
        person=("participant",),
        fields=[
            keep("status", REPORTING),
            erase(
                "categories",
                lambda mentee: mentee.categories.filter(sensitive=False),
                how="чувствительные удаляются: ОВЗ, трудная жизненная ситуация, проблемы с "
                "поведением",
            ),
            erase("request_text"),
            keep("priority", REPORTING),
            erase("source"),
            keep("status_changed_at", REPORTING),
            keep("created_at", RECORDED, label="Внесён"),
            keep("updated_at", RECORDED),
            keep("updated_by", RECORDED),
        ],
        other=("id", "programme", "participant"),
    )


def _work() -> None:
    register(
        "registry.Pair",
        title="Пары и группы",
        person=("mentor__participant", "mentees__participant"),
        fields=[
            keep("form", PAIR),
            keep("role_model", PAIR),
            keep("starts_on", PAIR),
            keep("ends_on", PAIR),
            keep("status", PAIR),
            keep("closure_kind", PAIR),
            keep("closure_reason", PAIR),
            scrub("termination_reason"),
            scrub("rematch_note"),
            scrub("goal"),
            keep("approval_note", PAIR),
            keep("mentor_allowance", ALLOWANCE),
            keep("created_at", RECORDED),
            keep("updated_at", RECORDED),
            keep("updated_by", RECORDED),
        ],
        other=("id", "programme", "mentor", "mentees", "continued_from", "version"),
    )
    register(
        "registry.Meeting",
        title="Встречи",
        person=PAIR_OF_PERSON,
        fields=[
            keep("held_on", MEETING),
            keep("starts_at", MEETING),
            keep("kind", MEETING),
            keep("format", MEETING),
            scrub("topic"),
            scrub("outcome"),
            keep("duration_minutes", MEETING),
            keep("recorded_by", RECORDED),
            keep("created_at", RECORDED),
        ],
        other=("id", "pair"),
    )
    register(
        "registry.SupportContact",
        title="Контакты куратора с участниками пары",
        person=PAIR_OF_PERSON,
        fields=[
            keep("contacted_on", SUPPORT),
            keep("channel", SUPPORT),
            keep("person", SUPPORT),
            scrub("notes"),
            scrub("follow_up"),
            keep("follow_up_on", SUPPORT),
            keep("recorded_by", RECORDED),
            keep("created_at", RECORDED),
        ],
        other=("id", "pair", "mentee"),
    )
    register(
        "registry.DiaryEntry",
        title="Записи дневников",
        person=("mentee__participant",),
        delete="записи дневника наставляемого, которые вёл сам участник",
        fields=[
            keep("diary", DIARY),
            keep("written_on", DIARY),
            scrub("text"),
            keep("author", RECORDED),
            keep("created_at", RECORDED),
        ],
        other=("id", "pair", "mentee"),
    )
    register(
        "registry.DevelopmentPlan",
        title="Индивидуальные планы развития",
        person=("mentee__participant",),
        fields=[
            erase("goal", ERASED_TEXT, how=f"заменяется на «{ERASED_TEXT}»"),
            keep("created_at", RECORDED),
        ],
        other=("id", "pair", "mentee"),
    )
    register(
        "registry.PlanItem",
        title="Задачи индивидуальных планов",
        person=("plan__mentee__participant",),
        delete="задачи индивидуального плана развития участника",
        fields=[
            erase("task"),
            erase("deadline"),
            erase("expected_result"),
            erase("status"),
            erase("progress_note"),
        ],
        other=("id", "plan", "position"),
    )
    register(
        "registry.Case",
        title="Успешные практики",
        person=PAIR_OF_PERSON,
        fields=[
            scrub("title"),
            scrub("what_was_done"),
            scrub("results"),
            keep("publishable", PRACTICE),
            keep("created_at", RECORDED),
        ],
        other=("id", "programme", "pair", "form"),
    )
    register(
        "registry.Award",
        title="Поощрения",
        person=("mentor__participant", *PAIR_OF_PERSON),
        fields=[
            keep("kind", AWARD),
            keep("awarded_on", AWARD),
            scrub(
                "recipient_name",
                "ФИО родителей в письме родителям наставляемого стирается, имя участника "
                "заменяется на «[обезличено]»",
            ),
            scrub("note"),
        ],
        other=("id", "programme", "mentor", "pair"),
    )


def _labour() -> None:
    register(
        "registry.MentoringAgreement",
        title="Соглашения о наставничестве (ст. 351.8 ТК РФ)",
        person=("mentor__participant",),
        fields=[
            keep("number", LABOUR),
            keep("signed_on", LABOUR),
            keep("contract_number", LABOUR),
            keep("contract_date", LABOUR),
            keep("starts_on", LABOUR),
            keep("ends_on", LABOUR),
            keep("form", LABOUR),
            scrub("content"),
            keep("payment", ALLOWANCE),
            keep("amount", ALLOWANCE),
            keep("percent", ALLOWANCE),
            keep("local_act", ALLOWANCE),
            keep("ended_on", LABOUR),
            keep("ended_by", LABOUR),
            keep("notice_on", LABOUR),
            scrub("end_reason"),
            keep("created_at", RECORDED),
            keep("updated_at", RECORDED),
            keep("updated_by", RECORDED),
        ],
        other=("id", "mentor", "mentees"),
    )
    register(
        "registry.MentoringDuty",
        title="Наставничество в должностных обязанностях",
        person=("mentor__participant",),
        fields=[
            keep("basis", LABOUR),
            keep("document", LABOUR),
            keep("since", LABOUR),
            keep("created_at", RECORDED),
            keep("updated_by", RECORDED),
        ],
        other=("id", "mentor"),
    )


def _school_records() -> None:
    """Records that name people without being anyone's: kept as the school's records."""
    register(
        "registry.TrainingCourse",
        fields=[keep("organiser", TRAINING)],
        other=(
            "id",
            "programme",
            "kind",
            "title",
            "hours",
            "starts_on",
            "ends_on",
            "description",
            "participants",
        ),
    )
    register(
        "registry.CommissionMember",
        fields=[keep("full_name", CONTACT), keep("position", CONTACT)],
        other=("id", "commission", "role", "position_order"),
    )
    register(
        "registry.Partner",
        fields=[
            keep("head_position", CONTACT),
            keep("head_name", CONTACT),
            keep("contact_person", CONTACT),
            keep("phone", CONTACT),
            keep("email", CONTACT),
        ],
        other=(
            "id",
            "school",
            "name",
            "letter_sent_on",
            "agreement_signed_on",
            "agreement_note",
            "notes",
            "created_at",
        ),
    )
    register(
        "registry.ImportBatch",
        fields=[
            keep("file", IMPORTED),
            keep("rows", IMPORTED),
            keep("skipped", IMPORTED),
            keep("errors", "результат загрузки (ошибки проверки строк файла)"),
            keep("uploaded_by", STAFF),
        ],
        other=(
            "id",
            "programme",
            "kind",
            "original_name",
            "details",
            "status",
            "total_rows",
            "valid_rows",
            "imported_rows",
            "created_at",
            "finished_at",
        ),
    )
    register(
        "registry.YearTurn",
        fields=[keep("done_by", STAFF)],
        other=("id", "from_programme", "to_programme", "done_at", "summary"),
    )
