"""Reference data of the bases: request categories of the request map (карта запросов), and the
forms of mentoring with their role models (сид 002, раздел 7; the source documents are listed in
docs/ARCHITECTURE.md)."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "request_categories.json"
FORMS = Path(__file__).resolve().parent / "data" / "mentoring_forms.json"


def load(apps=None) -> None:
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    RequestCategory = apps.get_model("registry", "RequestCategory")
    for position, row in enumerate(json.loads(DATA.read_text(encoding="utf-8")), start=1):
        RequestCategory.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "audience": row["audience"],
                "sensitive": row["sensitive"],
                "position": position,
            },
        )


def load_forms(apps=None) -> None:
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    MentoringForm = apps.get_model("registry", "MentoringForm")
    RoleModel = apps.get_model("registry", "RoleModel")
    for position, row in enumerate(json.loads(FORMS.read_text(encoding="utf-8")), start=1):
        form, _ = MentoringForm.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "goal": row["goal"],
                "mentor_kinds": row["mentor_kinds"],
                "mentee_kinds": row["mentee_kinds"],
                "for_colleges": row["for_colleges"],
                "position": position,
            },
        )
        for order, variant in enumerate(row["role_models"], start=1):
            RoleModel.objects.update_or_create(
                form=form,
                name=variant["name"],
                defaults={
                    "goal": variant["goal"],
                    "same_grade": variant.get("same_grade", False),
                    "position": order,
                },
            )
