"""Benchmark of the Excel import of the mentor and mentee bases.

For a messy generated mentee workbook and a mentor workbook (5,000 rows each by default: a merged
title, a two-row header worded as e-journals word it, class sub-headings, blank rows, dates as
Excel dates and as text with two- and four-digit years, class names written several ways, phones,
consents, a totals row and a signature) it times, side by side in one run:
- the floors: python-calamine reading every row (the reader the import uses) and openpyxl's
  read-only mode reading the same file;
- check: registry.importing.create_batch (read in the bounded child, header, values, skipped rows,
  duplicates, matching against the school, the parsed rows stored on the batch);
- confirm: registry.importing.confirm_batch («Загрузить все строки»: the stored rows checked
  against the base again and written in one transaction);
and prints seconds, the end-to-end/calamine ratio (the goal is at most 2×), the peak memory of
the import worker and of the reader's child, and how fast and how cheaply a zip bomb is refused.
Besides the wall clock it prints processor time (this process and the reader's child), which
other processes on a shared machine disturb far less.

Runs against a throwaway SQLite file in a temporary directory, migrated first, unless
DATABASE_URL is set (then that database is migrated and written to: never point it at real data).

    .venv/bin/python bench/import_bench.py [--rows 5000] [--repeat 3]
"""

import argparse
import datetime
import io
import multiprocessing
import resource
import statistics
import time
import zipfile
from io import BytesIO

from benchenv import machine, timed  # noqa: E402  (sets up Django on a throwaway database)
from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from mentoring.models import AcademicYear, Municipality, Programme, School, User  # noqa: E402
from registry.importing import (  # noqa: E402
    ImportFileError,
    bounded,
    confirm_batch,
    create_batch,
    parse_file,
)
from stages.services import start_programme  # noqa: E402

settings.DEBUG = False  # no query log, as in production (benchenv turns development mode on)

SUBJECTS = ["математика", "физика", "литература", "история", "химия", "биология", "информатика"]
SKILLS = ["олимпиады", "проекты", "профориентация", "адаптация", "цифровые навыки"]
CATEGORIES = ["ОВЗ", "одарённый", "Демонстрирующий неудовлетворительные", "новый ученик"]
CLASS_SPELLINGS = ["{g}{l}", "{g}-{l}", "{g} {l}", "{g} «{L}»", "{g}{L} класс"]
STAGES = ["{n} лет", "{n} г.", "{n}", "{n} л. 3 мес.", "менее года"]
ALPHABET = "абвгдежзиклмнопрстуфхцчшэюя"
CLASS_SIZE = 30


def letters(number: int) -> str:
    word = ""
    for _ in range(3):
        number, digit = divmod(number, len(ALPHABET))
        word = ALPHABET[digit] + word
    return word


def _birth(n: int) -> object:
    day = datetime.date(2009, 1, 1) + datetime.timedelta(days=n % 2500)
    return (day, day.strftime("%d.%m.%Y"), day.strftime("%d.%m.%y"), day.isoformat())[n % 4]


def mentee_workbook(rows: int) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Обучающиеся"
    sheet.append(["Список обучающихся МБОУ СОШ № 1 — база наставляемых"])
    sheet.merge_cells("A1:K1")
    sheet.append([])
    sheet.append(["№ п/п", "Ф.И.О. обучающегося", "Дата рожд.", "Класс", "Категория ребёнка",
                  "Запрос", "Приоритет", "Согласие родителей", None, "Моб. телефон",
                  "Эл. адрес"])  # fmt: skip
    sheet.append([None] * 7 + ["дата", "кто подписал", None, None])
    sheet.merge_cells("H3:I3")
    for column in "ABCDEFGJK":
        sheet.merge_cells(f"{column}3:{column}4")
    for n in range(rows):
        grade, letter = n // CLASS_SIZE % 11 + 1, "абвг"[n // (CLASS_SIZE * 11) % 4]
        if n % CLASS_SIZE == 0:
            if n:
                sheet.append([])
            sheet.append([f"{grade} «{letter.upper()}» класс"])
        spelling = CLASS_SPELLINGS[n % 5].format(g=grade, l=letter, L=letter.upper())
        sheet.append([
            n + 1, f"Фамилия{letters(n)} Имя{letters(n % 97)} Сергеевна", _birth(n), spelling,
            f"{CATEGORIES[n % 4]}, {CATEGORIES[(n + 1) % 4]}", f"Запрос ученика № {n}",
            ("высокий", "обычный", "низкий")[n % 3], f"0{n % 9 + 1}.09.2025",
            f"Родитель{letters(n)} Анна Петровна", f"8 (9{n % 100:02d}) 123-45-67",
            f"pupil{n}@example.ru",
        ])  # fmt: skip
    sheet.append([None, f"Итого: {rows} обучающихся"])
    sheet.append([None, "Заместитель директора ____________ /Петрова А.А./"])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def mentor_workbook(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Наставники")
    sheet.append(["ФИО", "Дата рождения", "Категория участника", "Занимаемая должность",
                  "Пед. стаж", "Контур", "Компетенции", "Чем я могу быть полезен",
                  "Количество наставляемых", "Моб. телефон", "Эл. адрес"])  # fmt: skip
    for n in range(rows):
        sheet.append([
            f"Наставник{letters(n)} Илья Андреевич", f"{n % 28 + 1}.{n % 12 + 1}.{1960 + n % 40}",
            ("педагог", "выпускник", "специалист предприятия")[n % 3], "учитель",
            STAGES[n % 5].format(n=n % 40), ("внутренний", "внешний", "")[n % 3],
            f"{SUBJECTS[n % 7]}; {SKILLS[n % 5]}, {SUBJECTS[(n + 3) % 7]}",
            "Помогу с олимпиадами и проектами", n % 5 + 1, f"+7 900 {n % 1000:03d}-00-00",
            f"mentor{n}@example.ru",
        ])  # fmt: skip
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def calamine_floor(content: bytes) -> int:
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_filelike(BytesIO(content))
    return sum(1 for _ in workbook.get_sheet_by_index(0).iter_rows())


def openpyxl_floor(content: bytes) -> int:
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
    return start_programme(school, year)[0]


def processor() -> float:
    """Processor seconds of this process and of its finished children (the reader)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def end_to_end(kind: str, content: bytes, rows: int, user: User, programme) -> tuple:
    """(check, confirm) in wall seconds, then the same in processor seconds."""
    started, started_cpu = time.perf_counter(), processor()
    batch = create_batch(programme, kind, ContentFile(content, name="база.xlsx"), by=user)
    checked, checked_cpu = time.perf_counter(), processor()
    assert batch.errors == [], batch.errors[:3]
    assert batch.total_rows == rows, batch.total_rows
    outcome = confirm_batch(batch, "all", by=user)
    finished, finished_cpu = time.perf_counter(), processor()
    assert outcome.added == rows, outcome
    return (
        checked - started,
        finished - checked,
        checked_cpu - started_cpu,
        finished_cpu - checked_cpu,
    )


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def _worker(kind, content, rows, user_pk, index, answer):
    """One import in a fresh worker process: its peak memory, before and during."""
    connection.close()
    before = _rss_mb()
    end_to_end(kind, content, rows, User.objects.get(pk=user_pk), fresh_programme(index))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    answer.send((before, peak, bounded.last_child_growth_kb / 1024))


def worker_memory(kind, content, rows, user, index) -> tuple:
    receive, send = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_worker, args=(kind, content, rows, user.pk, index, send)
    )
    process.start()
    result = receive.recv()
    process.join()
    return result


def bomb(unpacked: int) -> bytes:
    sound = zipfile.ZipFile(io.BytesIO(mentor_workbook(1)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sound.namelist():
            if not name.startswith("xl/worksheets/"):
                archive.writestr(name, sound.read(name))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"<row><c t='inlineStr'><is><t>x</t></is></c></row>" * 20_000
            for _ in range(unpacked // len(chunk) + 1):
                sheet.write(chunk)
    return buffer.getvalue()


def _bomb_child(content, programme_pk, answer):
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # resets the peak resident size of this process
    before = _rss_mb()
    started = time.perf_counter()
    try:
        parse_file(content, "mentees", Programme.objects.get(pk=programme_pk))
        message = "не отказано"
    except ImportFileError as error:
        message = str(error)
    seconds = time.perf_counter() - started
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    answer.send((seconds, peak - before, message))


def bomb_refusal(content: bytes, programme) -> tuple:
    receive, send = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_bomb_child, args=(content, programme.pk, send)
    )
    process.start()
    result = receive.recv()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    user = User.objects.get_or_create(username="bench")[0]
    print(f"{datetime.date.today():%d.%m.%Y}, {machine()}")
    print(f"database: {connection.settings_dict['NAME']}, median of {args.repeat} runs\n")
    columns = ["база", "строк", "файл, КБ", "calamine, с", "openpyxl, с", "проверка, с",
               "загрузка, с", "всего, с", "к calamine", "строк/с"]  # fmt: skip
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    index, memory, cpu_lines = 0, [], []
    for kind, build in (("mentees", mentee_workbook), ("mentors", mentor_workbook)):
        content = build(args.rows)
        runs = {key: [] for key in ("floor", "floor_cpu", "slow", "check", "confirm", "cc", "lc")}
        for _ in range(args.repeat):
            index += 1
            started_cpu = time.process_time()
            runs["floor"].append(timed(calamine_floor, content)[0])
            runs["floor_cpu"].append(time.process_time() - started_cpu)
            runs["slow"].append(timed(openpyxl_floor, content)[0])
            times = end_to_end(kind, content, args.rows, user, fresh_programme(index))
            for key, value in zip(("check", "confirm", "cc", "lc"), times, strict=True):
                runs[key].append(value)
        median = {key: statistics.median(values) for key, values in runs.items()}
        floor, total = median["floor"], median["check"] + median["confirm"]
        print(
            f"| {kind} | {args.rows} | {len(content) // 1024} | {floor:.2f} | "
            f"{median['slow']:.2f} | {median['check']:.2f} | {median['confirm']:.2f} | "
            f"{total:.2f} | {total / floor:.1f}× | {args.rows / total:,.0f} |".replace(",", " ")
        )
        cpu_total = median["cc"] + median["lc"]
        cpu_lines.append(
            f"| {kind} | {median['floor_cpu']:.2f} | {median['cc']:.2f} | {median['lc']:.2f} | "
            f"{cpu_total:.2f} | {cpu_total / median['floor_cpu']:.1f}× |"
        )
        index += 1
        memory.append((kind, *worker_memory(kind, content, args.rows, user, index)))
    print("\nПроцессорное время (этот процесс и дочерний процесс чтения), с:\n")
    print("| база | calamine | проверка | загрузка | всего | к calamine |")
    print("|---|---|---|---|---|---|")
    print("\n".join(cpu_lines))
    print("\nПамять процесса, который загружает файл (проверка и загрузка), МБ:\n")
    print("| база | до загрузки | пик процесса | рост дочернего процесса чтения |")
    print("|---|---|---|---|")
    for kind, before, peak, child in memory:
        print(f"| {kind} | {before:.0f} | {peak:.0f} | {child:.0f} |")
    content = bomb(1024 * 1024 * 1024)
    seconds, extra, message = bomb_refusal(content, fresh_programme(index + 1))
    print(
        f"\nZip-бомба: {len(content) // 1024} КБ, внутри 1 ГБ XML: "
        f"отказ за {seconds * 1000:.0f} мс, дополнительная память {extra:.1f} МБ.\n«{message}»"
    )


if __name__ == "__main__":
    main()
