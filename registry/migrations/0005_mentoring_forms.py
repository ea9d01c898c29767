from django.db import migrations


def load_forms(apps, schema_editor):
    from registry import reference

    reference.load_forms(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_pairs_and_work"),
    ]

    operations = [
        migrations.RunPython(load_forms, migrations.RunPython.noop),
    ]
