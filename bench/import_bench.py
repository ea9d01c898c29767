"""Benchmark of the Excel import of the mentor and mentee bases.

For a generated mentee workbook and a mentor workbook (5,000 rows each by default) it times:
- the floor: openpyxl merely reading every row of the file (read-only mode, values only);
- parse + validate: registry.importing.parse_file (header, values, duplicates, the base checks);
- write: registry.importing.writing.write_rows in one transaction;
and prints seconds, rows per second and the parse/floor ratio (median of --repeat runs).

Runs against a throwaway SQLite file in a temporary directory, migrated first, unless
DATABASE_URL is set (then that database is migrated and written to: never point it at real data).

    .venv/bin/python bench/import_bench.py [--rows 5000] [--repeat 3]
"""

import argparse
import datetime
import statistics
from io import BytesIO

from benchenv import machine, timed  # noqa: E402  (sets up Django on a throwaway database)
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from mentoring.models import AcademicYear, Municipality, Programme, School, User  # noqa: E402
from registry.importing import parse_file  # noqa: E402
from registry.importing.writing import write_rows  # noqa: E402

SUBJECTS = ["математика", "физика", "литература", "история", "химия", "биология", "информатика"]
SKILLS = ["олимпиады", "проекты", "профориентация", "адаптация", "цифровые навыки"]
CATEGORIES = ["ОВЗ", "одарённый", "Демонстрирующий неудовлетворительные", "новый ученик"]


def mentee_workbook(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Наставляемые")
    sheet.append(["База наставляемых"])
    sheet.append([])
    sheet.append(["№", "Фамилия", "Имя", "Отчество", "Дата рождения", "Класс",
                  "Категория запроса", "Запрос", "Приоритет", "Источник"])  # fmt: skip
    start = datetime.date(2009, 1, 1)
    for n in range(rows):
        birth = start + datetime.timedelta(days=n % 2500)
        sheet.append([
            n + 1, f"Фамилия{n}", f"Имя{n % 97}", "Сергеевна", birth if n % 2 else
            birth.strftime("%d.%m.%Y"), f"{n % 11 + 1}{'АБВГ'[n % 4]}",
            f"{CATEGORIES[n % 4]}, {CATEGORIES[(n + 1) % 4]}", f"Запрос ученика {n}",
            ("высокий", "обычный", "низкий")[n % 3], "анкета",
        ])  # fmt: skip
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def mentor_workbook(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Наставники")
    sheet.append(["ФИО", "Дата рождения", "Категория участника", "Должность", "Стаж", "Контур",
                  "Компетенции", "Чем я могу быть полезен", "Количество наставляемых",
                  "Телефон", "E-mail"])  # fmt: skip
    for n in range(rows):
        sheet.append([
            f"Наставник{n} Илья Андреевич", f"{n % 28 + 1}.{n % 12 + 1}.{1960 + n % 40}",
            ("педагог", "выпускник", "специалист предприятия")[n % 3], "учитель", n % 40,
            ("внутренний", "внешний", "")[n % 3],
            f"{SUBJECTS[n % 7]}; {SKILLS[n % 5]}, {SUBJECTS[(n + 3) % 7]}",
            "Помогу с олимпиадами и проектами", n % 5 + 1, "+7 900 000-00-00",
            f"mentor{n}@example.ru",
        ])  # fmt: skip
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_floor(content: bytes) -> int:
    workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    count = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return count


def fresh_programme(index: int) -> Programme:
    municipality = Municipality.objects.get_or_create(name="Бенчмарк")[0]
    school = School.objects.create(
        municipality=municipality, short_name=f"Школа {index}", full_name=f"Школа {index}"
    )
    year = AcademicYear.objects.get_or_create(
        name="2025/2026",
        defaults={"start_date": datetime.date(2025, 9, 1), "end_date": datetime.date(2026, 8, 31)},
    )[0]
    return Programme.objects.create(school=school, year=year)


def run(kind: str, content: bytes, rows: int, repeat: int, user: User, counter: list) -> dict:
    floors, parses, writes = [], [], []
    for _ in range(repeat):
        counter[0] += 1
        programme = fresh_programme(counter[0])
        floors.append(timed(read_floor, content)[0])
        seconds, result = timed(parse_file, BytesIO(content), kind, programme)
        assert len(result.rows) == rows and not result.problems, result.problems[:3]
        parses.append(seconds)
        with transaction.atomic():
            writes.append(timed(write_rows, result.rows, kind, programme, by=user)[0])
    floor, parse, write = (statistics.median(x) for x in (floors, parses, writes))
    return {"kind": kind, "rows": rows, "floor": floor, "parse": parse, "write": write}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    user = User.objects.get_or_create(username="bench")[0]
    print(f"{datetime.date.today():%d.%m.%Y}, {machine()}")
    print(f"database: {connection.settings_dict['NAME']}, median of {args.repeat} runs\n")
    columns = ["база", "строк", "openpyxl, с", "разбор и проверка, с", "строк/с", "к openpyxl"]
    columns += ["запись, с", "строк/с"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    counter = [0]
    for kind, build in (("mentees", mentee_workbook), ("mentors", mentor_workbook)):
        content = build(args.rows)
        r = run(kind, content, args.rows, args.repeat, user, counter)
        print(
            f"| {kind} | {r['rows']} | {r['floor']:.2f} | {r['parse']:.2f} | "
            f"{r['rows'] / r['parse']:,.0f} | {r['parse'] / r['floor']:.1f}× | "
            f"{r['write']:.2f} | {r['rows'] / r['write']:,.0f} |".replace(",", " ")
        )


if __name__ == "__main__":
    main()
