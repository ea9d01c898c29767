from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from registry.models import Mentee, Participant

from ..registry.factories import MenteeFactory, StudentFactory
from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["ФИО", "Дата рождения", "Класс", "Категория запроса", "Запрос"]
OLGA = ["Иванова Ольга Сергеевна", "14.03.2012", "7Б", "одарённый", "Олимпиада по математике"]
FILE_LABEL = "Файл таблицы (.xlsx, .xls, .ods, .csv)"


def write_file(path, birth_date: str):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(OLGA)
    sheet.append(["Петров Иван Андреевич", birth_date, "6А", "ОВЗ", ""])
    workbook.save(path)
    return path


def write_messy_file(path):
    """A class teacher's list: merged title, two-row header, class sub-headings, totals."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Список обучающихся 6–7 классов"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(
        ["№", "Ф.И.О. обучающегося", "Дата рожд.", "Согласие родителей", None, "Моб. телефон"]
    )
    sheet.append([None, None, None, "дата", "кто подписал", None])
    sheet.merge_cells("D3:E3")
    sheet.append(["6 «А» класс"])
    sheet.append(
        [
            1,
            "Смирнова Мария Олеговна",
            "05.04.13",
            "01.09.25",
            "Смирнова Ольга Ивановна",
            "89001234567",
        ]
    )
    sheet.append([2, "Орлов Пётр", "2013-01-02", "", "", "8 (912) 000-11-22"])
    sheet.append([])
    sheet.append(["7 «Б» класс"])
    sheet.append([3, "Кузнецова Анна", "4.3.2012", "", "", ""])
    sheet.append([None, "Итого: 3"])
    sheet.append([None, "Классный руководитель ________ /Петрова А.А./"])
    workbook.save(path)
    return path


def test_curator_fixes_a_file_and_imports_the_mentee_base(
    page, live_server, programme, curator, request_categories, tmp_path
):
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/import/")
    page.get_by_label("База наставляемых").check()
    page.get_by_label(FILE_LABEL).set_input_files(write_file(tmp_path / "база.xlsx", "31.02.2012"))
    page.get_by_role("button", name="Проверить файл").click()

    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("не удалось распознать дату «31.02.2012»")
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.locator("tbody tr td").first).to_have_text("3")
    expect(page.locator("#error-groups")).to_contain_text("Дата не понята")
    expect(page.get_by_role("button", name="Загрузить все строки")).to_be_disabled()
    expect(page.locator("#import-rows")).to_contain_text("Иванова Ольга Сергеевна")
    screenshot(page, "import-preview-with-error")

    page.get_by_role("button", name="Отменить").click()
    expect(page.get_by_role("alert").first).to_contain_text("Загрузка файла «база.xlsx» отменена")
    page.get_by_label("База наставляемых").check()
    page.get_by_label(FILE_LABEL).set_input_files(write_file(tmp_path / "база.xlsx", "28.02.2012"))
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.get_by_text("Ошибок не найдено: все строки можно загрузить.")).to_be_visible()
    page.get_by_role("button", name="Загрузить все строки").click()

    expect(page.get_by_role("alert").first).to_contain_text("Загружено 2 наставляемых")
    expect(page.get_by_text("Иванова Ольга Сергеевна")).to_be_visible()
    expect(page.get_by_text("Петров Иван Андреевич")).to_be_visible()
    screenshot(page, "import-done")
    assert Mentee.objects.filter(programme=programme).count() == 2


def test_curator_imports_a_messy_class_list_without_editing_it(
    page, live_server, programme, curator, request_categories, tmp_path
):
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/import/")
    page.get_by_label("База наставляемых").check()
    page.get_by_label(FILE_LABEL).set_input_files(write_messy_file(tmp_path / "7 классы.xlsx"))
    page.get_by_role("button", name="Проверить файл").click()

    expect(page.locator("#import-plan")).to_have_text(
        "Будет добавлено 3, обновлено 0, без изменений 0, пропущено 4."
    )
    skipped = page.locator("#import-skipped")
    expect(skipped).to_contain_text("подзаголовок класса")
    expect(skipped).to_contain_text("итоговая строка")
    expect(skipped).to_contain_text("подпись или служебная строка")
    expect(page.get_by_text("Ошибок не найдено: все строки можно загрузить.")).to_be_visible()
    screenshot(page, "import-messy-preview")
    page.get_by_role("button", name="Загрузить все строки").click()

    expect(page.get_by_role("alert").first).to_contain_text("Загружено 3 наставляемых")
    maria = Participant.objects.get(last_name="Смирнова")
    assert (maria.class_name, maria.phone) == ("6А", "+7 900 123-45-67")
    assert maria.consents.count() == 2
    assert Participant.objects.get(last_name="Кузнецова").class_name == "7Б"


def test_curator_edits_the_base_in_a_spreadsheet_and_loads_it_back(
    page, live_server, programme, curator, request_categories, tmp_path
):
    MenteeFactory(
        programme=programme,
        participant=StudentFactory(
            school=programme.school, last_name="Гордеева", first_name="Вера", middle_name="",
            class_name="5А",
        ),
        categories=["gifted"],
    )  # fmt: skip
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="База наставляемых для правки (.xlsx)").click()
    path = tmp_path / "база.xlsx"
    download.value.save_as(path)

    workbook = load_workbook(path)
    sheet = workbook["Наставляемые"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("Класс") + 1, value="6 а")
    sheet.append(["Новиков Лев", "02.03.2013", "Обучающийся", "6А"])
    buffer = BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())

    page.get_by_label("База наставляемых").check()
    page.get_by_label(FILE_LABEL).set_input_files(path)
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.locator("#import-plan")).to_have_text(
        "Будет добавлено 1, обновлено 1, без изменений 0, пропущено 0."
    )
    changes = page.locator("#import-changes")
    expect(changes).to_contain_text("Гордеева Вера")
    expect(changes.locator("tbody tr").first).to_contain_text("5А")
    expect(changes.locator("tbody tr").first).to_contain_text("6А")
    screenshot(page, "import-round-trip-diff")
    page.get_by_role("button", name="Загрузить все строки").click()
    expect(page.get_by_role("alert").first).to_contain_text("Загружен 1 наставляемый, обновлено 1")
    assert Participant.objects.get(last_name="Гордеева").class_name == "6А"
    assert Mentee.objects.filter(programme=programme).count() == 2


def write_class_sheets(path):
    """One class per sheet, the birth date in three columns under «Дата рождения», and a sheet
    of totals that is not a class."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, people in (
        ("5А", [("Волкова", "Ирина", 3, "марта", 2015)]),
        ("5 Б", [("Гусев", "Марк", 17, 11, 15), ("Деева", "Ульяна", 1, "Январь", 2015)]),
    ):
        sheet = workbook.create_sheet(title)
        sheet.append(["Фамилия", "Имя", "Дата рождения", None, None])
        sheet.append([None, None, "день", "месяц", "год"])
        sheet.merge_cells("C1:E1")
        for person in people:
            sheet.append(list(person))
    totals = workbook.create_sheet("Итого")
    totals.append(["Класс", "Обучающихся"])
    totals.append(["5А", 1])
    workbook.save(path)
    return path


def test_curator_imports_a_book_with_one_class_per_sheet(
    page, live_server, programme, curator, request_categories, tmp_path
):
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/import/")
    page.get_by_label("База наставляемых").check()
    page.get_by_label(FILE_LABEL).set_input_files(write_class_sheets(tmp_path / "5 классы.xlsx"))
    page.get_by_role("button", name="Проверить файл").click()

    expect(page.get_by_text("листы классов «5А», «5 Б»")).to_be_visible()
    expect(page.locator("#import-sheet-notes")).to_have_text(
        "Не прочитаны листы: «Итого» — название листа — не класс, а список по классам."
    )
    expect(page.locator("#import-plan")).to_have_text(
        "Будет добавлено 3, обновлено 0, без изменений 0, пропущено 0."
    )
    rows = page.locator("#import-rows tbody tr")
    expect(rows.nth(1)).to_contain_text("3 (лист «5 Б»)")
    expect(rows.nth(1)).to_contain_text("5Б")
    screenshot(page, "import-class-sheets-preview")
    page.get_by_role("button", name="Загрузить все строки").click()

    expect(page.get_by_role("alert").first).to_contain_text("Загружено 3 наставляемых")
    classes = dict(Participant.objects.values_list("last_name", "class_name"))
    assert classes == {"Волкова": "5А", "Гусев": "5Б", "Деева": "5Б"}
    assert str(Participant.objects.get(last_name="Гусев").birth_date) == "2015-11-17"
