"""The daily periodic work (cron or a systemd timer, docs/OPERATIONS.md): the relationship pulse
invitations due, then the reminders and the digests. Running it twice sends nothing twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_scopes import scopes_disabled

from reports.models import ReminderKind
from reports.reminders import sending
from surveys.services import pulse


class Command(BaseCommand):
    help = "Приглашения «пульса» пар, напоминания по почте и еженедельные сводки директорам."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="день, за который выполнить работу (ГГГГ-ММ-ДД)")

    @scopes_disabled()
    def handle(self, *args, **options):
        day = timezone.localdate()
        if options["date"]:
            try:
                day = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("Дата в формате ГГГГ-ММ-ДД, например 2026-11-26") from error
        self.stdout.write(f"Периодическая работа за {day:%d.%m.%Y}")
        self.stdout.write(f"Приглашения «пульса» пар созданы: {pulse.send_due(day)}")
        sent = sending.send_all(day)
        for kind in ReminderKind:
            self.stdout.write(f"{kind.label}: писем {sent.get(kind.value, 0)}")
        self.stdout.write(f"Всего писем: {sum(v for k, v in sent.items() if k != 'failed')}")
        if sent.get("failed"):
            self.stderr.write(f"Не отправлено (повтор при следующем запуске): {sent['failed']}")
