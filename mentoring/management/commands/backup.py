from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from mentoring.backup import BackupError, create_backup, external_media_note


class Command(BaseCommand):
    help = "Резервная копия: база данных и загруженные файлы в одном архиве .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "target", nargs="?", default=".", help="Файл архива или папка (по умолчанию — текущая)"
        )

    @scopes_disabled()
    def handle(self, *args, target, **options):
        try:
            path = create_backup(Path(target))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Резервная копия: {path}"))
        note = external_media_note()
        if note:
            self.stdout.write(self.style.WARNING(note))
