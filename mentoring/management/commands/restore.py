from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from mentoring.backup import BackupError, external_media_note, restore_backup


class Command(BaseCommand):
    help = "Восстановление из резервной копии: заменяет базу данных и загруженные файлы."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Файл .tar.gz, сделанный командой backup")
        parser.add_argument(
            "--yes", action="store_true", help="Не спрашивать подтверждение (для скриптов)"
        )

    @scopes_disabled()
    def handle(self, *args, archive, yes, **options):
        if not yes:
            answer = input("Текущие данные будут заменены данными архива. Продолжить? [да/нет] ")
            if answer.strip().lower() not in {"да", "yes", "y", "д"}:
                raise CommandError("Восстановление отменено.")
        try:
            manifest = restore_backup(Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Восстановлено из копии от {manifest['created_at']}.")
        )
        note = external_media_note()
        if note:
            self.stdout.write(self.style.WARNING(f"{note} Файлы в хранилище не изменены."))
