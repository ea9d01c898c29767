"""The methodology's standard questionnaires (Р-145), loaded as reference data.

The questionnaires live in surveys/data/standard_questionnaires.json and are loaded by a data
migration. ``load`` is idempotent: each standard questionnaire (``school`` empty) is found by its
code and updated; its sections and questions are replaced only while it has no distribution yet,
so answers already collected never lose their questions. Schools edit their own copies.
"""

import json
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "standard_questionnaires.json"

QUESTIONNAIRE_FIELDS = ("title", "purpose", "audience", "description")


def read() -> list[dict]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def load(apps=None) -> None:
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    Section = apps.get_model("surveys", "Section")
    Question = apps.get_model("surveys", "Question")
    Distribution = apps.get_model("surveys", "Distribution")

    for row in read():
        questionnaire, _ = Questionnaire.objects.update_or_create(
            school=None,
            code=row["code"],
            defaults={field: row[field] for field in QUESTIONNAIRE_FIELDS},
        )
        if Distribution.objects.filter(questionnaire=questionnaire).exists():
            continue
        Question.objects.filter(questionnaire=questionnaire).delete()
        Section.objects.filter(questionnaire=questionnaire).delete()
        position = 0
        for section_position, section_row in enumerate(row["sections"], start=1):
            section = Section.objects.create(
                questionnaire=questionnaire,
                title=section_row["title"],
                position=section_position,
            )
            for question_row in section_row["questions"]:
                position += 1
                Question.objects.create(
                    questionnaire=questionnaire,
                    section=section,
                    position=position,
                    text=question_row["text"],
                    kind=question_row["kind"],
                    options=list(question_row.get("options", [])),
                    required=question_row.get("required", True),
                    measure=question_row.get("measure", ""),
                    higher_is_better=question_row.get("higher_is_better", True),
                )
