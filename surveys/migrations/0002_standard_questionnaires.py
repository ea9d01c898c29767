from django.db import migrations


def load_standard_questionnaires(apps, schema_editor):
    from surveys import reference

    reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_standard_questionnaires, migrations.RunPython.noop),
    ]
