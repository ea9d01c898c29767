import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0007_region'),
    ]

    operations = [
        migrations.CreateModel(
            name='Job',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=64, verbose_name='вид')),
                ('params', models.JSONField(blank=True, default=dict, verbose_name='параметры')),
                ('status', models.CharField(choices=[('queued', 'в очереди'), ('running', 'выполняется'), ('done', 'готово'), ('failed', 'не удалось')], default='queued', max_length=16, verbose_name='состояние')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='выполнено шагов')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='всего шагов')),
                ('message', models.CharField(blank=True, max_length=255, verbose_name='сообщение')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='попыток')),
                ('max_attempts', models.PositiveSmallIntegerField(default=3, verbose_name='наибольшее число попыток')),
                ('run_after', models.DateTimeField(blank=True, null=True, verbose_name='следующая попытка не раньше')),
                ('lease_until', models.DateTimeField(blank=True, null=True, verbose_name='выполняется до')),
                ('result', models.FileField(blank=True, upload_to='jobs/%Y/%m/', verbose_name='файл')),
                ('result_name', models.CharField(blank=True, max_length=255, verbose_name='имя файла')),
                ('error', models.TextField(blank=True, verbose_name='ошибка')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='создано')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='начато')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='завершено')),
                ('municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='mentoring.municipality', verbose_name='муниципалитет')),
                ('school', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='mentoring.school', verbose_name='образовательная организация')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='jobs', to=settings.AUTH_USER_MODEL, verbose_name='запустил')),
            ],
            options={
                'verbose_name': 'фоновая задача',
                'verbose_name_plural': 'фоновые задачи',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['status', 'lease_until'], name='job_status_lease_idx')],
            },
        ),
    ]
