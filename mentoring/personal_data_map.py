"""The mentoring app's part of the personal-data map (mentoring/personal_data.py)."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from .personal_data import RECORDED, STAFF, erase, keep, register

OFFICIAL = "реквизиты организации для документов (должностные лица, не участники)"
ACCOUNT = "учётная запись отключена, дата входа остаётся в журнале"


def register_all() -> None:
    register(
        "mentoring.User",
        title="Учётная запись",
        person=("participants",),
        fields=[
            erase(
                "username",
                lambda user: f"anonymised-{user.pk}",
                how="заменяется на «anonymised-<номер>»; учётная запись с другими ролями в школе "
                "только отвязывается от участника",
                label="Логин",
            ),
            erase("last_name", label="Фамилия"),
            erase("first_name", label="Имя"),
            erase("middle_name"),
            erase("email", label="Электронная почта"),
            erase("password", UNUSABLE_PASSWORD_PREFIX, how="вход невозможен", label="Пароль"),
            erase("is_active", False, how="учётная запись отключается", label="Активна"),
            keep("last_login", ACCOUNT, label="Последний вход"),
            keep("date_joined", RECORDED, label="Создана"),
        ],
        other=("id", "is_superuser", "is_staff", "groups", "user_permissions"),
    )
    register(
        "mentoring.Membership",
        title="Роли учётной записи",
        person=("user__participants",),
        delete="роли учётной записи участника (если у неё нет других ролей в школе)",
        fields=[erase("role"), erase("created_at")],
        other=("id", "user", "school", "municipality", "region"),
    )
    register(
        "mentoring.CalendarFeed",
        title="Ссылки на личный календарь",
        person=("user__participants",),
        delete="ссылки на личный календарь учётной записи участника",
        fields=[erase("created_at"), erase("revoked_at")],
        # The key of the address is a credential, not data about the person: not exported.
        other=("id", "user", "token"),
    )
    register(
        "mentoring.Job",
        # Run by staff and officers for their work, not records about a participant.
        fields=[keep("user", "сотрудник или специалист, запустивший фоновую задачу")],
        other=(
            "id",
            "kind",
            "params",
            "municipality",
            "school",
            "status",
            "done",
            "total",
            "message",
            "attempts",
            "max_attempts",
            "run_after",
            "lease_until",
            "result",
            "result_name",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ),
    )
    register(
        "mentoring.Programme",
        fields=[keep("curator", STAFF), keep("curator_basis", STAFF), keep("archived_by", STAFF)],
        other=(
            "id",
            "school",
            "year",
            "title",
            "goals",
            "forms_in_use",
            "students_total",
            "teachers_total",
            "is_public",
            "public_description",
            "created_at",
            "archived_at",
        ),
    )
    register(
        "mentoring.School",
        fields=[keep("director_name", OFFICIAL), keep("phone", OFFICIAL), keep("email", OFFICIAL)],
        other=(
            "id",
            "municipality",
            "full_name",
            "short_name",
            "address",
            "town",
            "full_name_genitive",
            "full_name_dative",
            "full_name_accusative",
            "full_name_instrumental",
            "full_name_prepositional",
        ),
    )
    register(
        "mentoring.Municipality",
        fields=[keep("centre_contacts", OFFICIAL)],
        other=("id", "name", "region", "centre_name"),
    )
    register(
        "mentoring.Region",
        fields=[keep("centre_contacts", OFFICIAL)],
        other=("id", "name", "centre_name"),
    )
