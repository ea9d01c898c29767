"""Reference data of the roadmap: the seven stages and the default roadmap template.

The data lives in stages/data/*.json (taken from the methodology's source documents) and is
loaded by a data migration; ``load`` is idempotent so tests that flush the database can reload it.
"""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

STAGE_FIELDS = (
    "name",
    "short_name",
    "goal",
    "duration",
    "what_matters",
    "recommended_documents",
    "expected_result",
)


def read(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def load(apps=None) -> None:
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Stage = apps.get_model("stages", "Stage")
    RoadmapTemplate = apps.get_model("stages", "RoadmapTemplate")
    TemplateItem = apps.get_model("stages", "TemplateItem")

    stages = {}
    for row in read("stages.json"):
        stage, _ = Stage.objects.update_or_create(
            number=row["number"], defaults={field: row[field] for field in STAGE_FIELDS}
        )
        stages[stage.number] = stage

    data = read("roadmap_template.json")
    template, _ = RoadmapTemplate.objects.update_or_create(
        name=data["name"], defaults={"is_default": True}
    )
    for position, row in enumerate(data["items"], start=1):
        TemplateItem.objects.update_or_create(
            template=template,
            number=row["number"],
            defaults={
                "stage": stages[row["stage"]],
                "position": position,
                "activity": row["activity"],
                "deadline_offset_days": row["deadline_offset_days"],
                "period": row.get("period", ""),
                "responsible_role": row["responsible_role"],
                "responsible_title": row["responsible_title"],
                "output_document": row.get("output_document", ""),
                "order_kind": row.get("order_kind", ""),
            },
        )
