import django.db.models.deletion
from django.db import migrations, models


def load_standard_questionnaires(apps, schema_editor):
    from surveys import reference

    reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_mentoring_forms"),
        ("surveys", "0002_standard_questionnaires"),
    ]

    operations = [
        migrations.AlterField(
            model_name="question",
            name="kind",
            field=models.CharField(
                choices=[
                    ("text", "Открытый ответ"),
                    ("single", "Один вариант"),
                    ("multiple", "Несколько вариантов"),
                    ("scale", "Шкала от 1 до 10"),
                    ("scale_5", "Шкала от 1 до 5"),
                    ("yes_no", "Да / нет"),
                ],
                max_length=16,
                verbose_name="вид ответа",
            ),
        ),
        migrations.AlterField(
            model_name="questionnaire",
            name="purpose",
            field=models.CharField(
                choices=[
                    ("student_requests", "Выявление запросов обучающихся"),
                    ("teacher_requests", "Выявление запросов педагогов"),
                    ("mentor_teacher", "Анкета наставника-учителя"),
                    ("mentor_offer", "«Чем я могу быть полезен в качестве наставника?»"),
                    ("intermediate", "Обратная связь для промежуточной оценки"),
                    ("satisfaction", "Удовлетворённость программой наставничества"),
                    ("monitoring_quality", "Мониторинг, этап 1: качество программы"),
                    ("monitoring_growth", "Мониторинг, этап 2: рост участников"),
                    ("pulse", "Пульс отношений в паре"),
                    ("exit", "Анкета при завершении работы пары"),
                    ("other", "Другое"),
                ],
                max_length=32,
                verbose_name="назначение",
            ),
        ),
        migrations.AddField(
            model_name="distribution",
            name="occasion",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "—"),
                    ("pulse", "Пульс отношений в паре"),
                    ("exit", "Завершение работы пары"),
                ],
                default="",
                max_length=16,
                verbose_name="повод",
            ),
        ),
        migrations.AddField(
            model_name="distribution",
            name="pair",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="survey_distributions",
                to="registry.pair",
                verbose_name="пара (группа)",
            ),
        ),
        migrations.AddField(
            model_name="distribution",
            name="pulse_month",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Для пульса отношений: 1, 3, 6, 9…",
                null=True,
                verbose_name="месяц работы пары",
            ),
        ),
        migrations.AddConstraint(
            model_name="distribution",
            constraint=models.UniqueConstraint(
                condition=models.Q(("occasion", "pulse")),
                fields=("pair", "pulse_month"),
                name="one_pulse_per_pair_point",
            ),
        ),
        migrations.AddConstraint(
            model_name="distribution",
            constraint=models.UniqueConstraint(
                condition=models.Q(("occasion", "exit")),
                fields=("pair", "questionnaire"),
                name="one_exit_questionnaire_per_pair",
            ),
        ),
        migrations.RunPython(load_standard_questionnaires, migrations.RunPython.noop),
    ]
