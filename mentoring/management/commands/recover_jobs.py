from django.core.management.base import BaseCommand

from mentoring.jobs import recover_stalled


class Command(BaseCommand):
    help = (
        "Возвращает в очередь фоновые задачи, чей обработчик остановился (истёк срок аренды); "
        "после последней попытки задача считается невыполненной."
    )

    def handle(self, *args, **options):
        recovered = recover_stalled()
        self.stdout.write(f"Возвращено задач: {recovered}")
