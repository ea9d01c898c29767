import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from registry.models import Mentee

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["ФИО", "Дата рождения", "Класс", "Категория запроса", "Запрос"]
OLGA = ["Иванова Ольга Сергеевна", "14.03.2012", "7Б", "одарённый", "Олимпиада по математике"]


def write_file(path, birth_date: str):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(OLGA)
    sheet.append(["Петров Иван Андреевич", birth_date, "6А", "ОВЗ", ""])
    workbook.save(path)
    return path


def test_curator_fixes_a_file_and_imports_the_mentee_base(
    page, live_server, programme, curator, request_categories, tmp_path
):
    log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/import/")
    page.get_by_label("База наставляемых").check()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(
        write_file(tmp_path / "база.xlsx", "31.02.2012")
    )
    page.get_by_role("button", name="Проверить файл").click()

    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("не удалось распознать дату «31.02.2012»")
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.locator("tbody tr td").first).to_have_text("3")
    expect(page.get_by_role("button", name="Загрузить все строки")).to_be_disabled()
    expect(page.locator("#import-rows")).to_contain_text("Иванова Ольга Сергеевна")
    screenshot(page, "import-preview-with-error")

    page.get_by_role("button", name="Отменить").click()
    expect(page.get_by_role("alert").first).to_contain_text("Загрузка файла «база.xlsx» отменена")
    page.get_by_label("База наставляемых").check()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(
        write_file(tmp_path / "база.xlsx", "28.02.2012")
    )
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.get_by_text("Ошибок не найдено: все строки можно загрузить.")).to_be_visible()
    page.get_by_role("button", name="Загрузить все строки").click()

    expect(page.get_by_role("alert").first).to_contain_text("Загружено 2 наставляемых")
    expect(page.get_by_text("Иванова Ольга Сергеевна")).to_be_visible()
    expect(page.get_by_text("Петров Иван Андреевич")).to_be_visible()
    screenshot(page, "import-done")
    assert Mentee.objects.filter(programme=programme).count() == 2
