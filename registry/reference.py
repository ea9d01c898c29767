"""Reference data of the bases: the request categories of the request map (карта запросов)."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "request_categories.json"


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
