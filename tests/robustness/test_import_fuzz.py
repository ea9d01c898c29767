"""Hostile Excel files: every one gets a Russian message, none a 500, none a partial write."""

import datetime
import re
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from registry.importing import (
    ALL,
    MAX_ROWS,
    MENTEES,
    MENTORS,
    VALID,
    ImportFileError,
    confirm_batch,
    create_batch,
    parse_file,
)
from registry.importing.columns import FIELDS_BY_KEY, TEMPLATE_COLUMNS
from registry.models import ImportBatch, Mentee, Mentor, Participant

pytestmark = pytest.mark.django_db

FIXTURES = settings(max_examples=40)
CYRILLIC = re.compile("[а-яА-ЯёЁ]")
EXPORTS = {MENTEES: "reports:mentee_base_export", MENTORS: "reports:mentor_base_export"}
GOOD_ROWS = {
    MENTEES: [
        ["Иванова Ольга Сергеевна", "14.03.2012", "обучающийся", "7Б"]
        + ["", "одарённый", "Олимпиада", "высокий", "анкета", "", ""],
        ["Карпов Никита", datetime.date(1990, 2, 1), "педагог", "", "учитель"]
        + ["молодой специалист", "", "", "", "", ""],
    ],
    MENTORS: [
        ["Шевчук Илья Андреевич", "14.03.1985", "педагог", "", "учитель", "математика", 12, ""]
        + ["внутренний", "олимпиады", "Помогу", 2, "", ""],
    ],
}


def header(kind: str) -> list[str]:
    return [FIELDS_BY_KEY[key].title for key in TEMPLATE_COLUMNS[kind]]


def xlsx_bytes(*rows) -> bytes:
    """Strings are text cells even when they start with «=», as when typed after an apostrophe."""
    workbook = Workbook()
    sheet = workbook.active
    for number, row in enumerate(rows, 1):
        for column, value in enumerate(row, 1):
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


VALID_WORKBOOK = xlsx_bytes(header(MENTEES), *GOOD_ROWS[MENTEES])


def written() -> tuple[int, int, int]:
    return Participant.objects.count(), Mentor.objects.count(), Mentee.objects.count()


def upload(content: bytes, name: str = "база.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def assert_refused_in_russian(programme, curator, content: bytes) -> None:
    """The file is refused as a whole with a Russian message, or kept for preview; no crash."""
    try:
        batch = create_batch(programme, MENTEES, upload(content), by=curator)
    except ImportFileError as error:
        assert CYRILLIC.search(str(error)), str(error)
    else:
        assert batch.status == ImportBatch.Status.PREVIEW
        for problem in batch.errors:
            assert problem["row"] and problem["column"] and CYRILLIC.search(problem["message"])
    assert written() == (0, 0, 0)


# (a) files that are not workbooks or are damaged ones


@FIXTURES
@given(content=st.binary(max_size=3000))
def test_arbitrary_bytes_are_refused_in_russian(programme, curator, content):
    assert_refused_in_russian(programme, curator, content)


@FIXTURES
@given(data=st.data())
def test_truncated_or_flipped_workbooks_are_refused_in_russian(programme, curator, data):
    content = bytearray(VALID_WORKBOOK)
    how = data.draw(st.sampled_from(["cut", "flip", "both"]))
    if how in ("flip", "both"):
        for position in data.draw(
            st.lists(st.integers(0, len(content) - 1), min_size=1, max_size=8)
        ):
            content[position] ^= data.draw(st.integers(1, 255))
    if how in ("cut", "both"):
        content = content[: data.draw(st.integers(0, len(content) - 1))]
    assert_refused_in_russian(programme, curator, bytes(content))


def rezipped(parts: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@FIXTURES
@given(data=st.data())
def test_damaged_parts_inside_a_sound_zip_are_refused_in_russian(programme, curator, data):
    """The zip is fine but a part of the workbook is not: broken XML, odd values, lost parts."""
    with zipfile.ZipFile(BytesIO(VALID_WORKBOOK)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = data.draw(st.sampled_from(sorted(parts)))
    part = parts[name]
    how = data.draw(st.sampled_from(["cut", "replace", "drop", "value"]))
    if how == "cut":
        parts[name] = part[: data.draw(st.integers(0, len(part)))]
    elif how == "replace":
        start = data.draw(st.integers(0, len(part)))
        end = data.draw(st.integers(start, min(len(part), start + 40)))
        parts[name] = part[:start] + data.draw(st.binary(max_size=20)) + part[end:]
    elif how == "drop":
        del parts[name]
    else:  # a cell whose stored value contradicts its type
        sheet = parts["xl/worksheets/sheet1.xml"]
        cell_type = data.draw(st.sampled_from(["n", "s", "b", "d", "e", "str"]))
        value = data.draw(st.sampled_from(["1e999", "-1e999", "nan", "abc", "99", "", "2012-99"]))
        cell = f'<c r="B2" t="{cell_type}"><v>{value}</v></c>'.encode()
        parts["xl/worksheets/sheet1.xml"] = re.sub(rb'<c r="B2".*?</c>', cell, sheet, count=1)
    assert_refused_in_russian(programme, curator, rezipped(parts))


def test_special_files_are_refused_in_russian(programme, curator):
    not_a_workbook = rezipped({"readme.txt": b"hello"})
    for content in (b"", not_a_workbook, b"PK\x03\x04", VALID_WORKBOOK[:100]):
        with pytest.raises(ImportFileError) as error:
            create_batch(programme, MENTEES, upload(content), by=curator)
        assert CYRILLIC.search(str(error.value))
    assert written() == (0, 0, 0)
    assert ImportBatch.objects.count() == 0


@settings(max_examples=25)
@given(content=st.one_of(st.binary(max_size=500), st.just(VALID_WORKBOOK[:-50])))
def test_the_upload_page_answers_damaged_files_with_the_form_error(
    client, programme, curator, content
):
    client.force_login(curator)
    response = client.post(
        reverse("registry:import_start", args=[programme.pk]),
        {"kind": MENTEES, "file": upload(content)},
    )
    assert response.status_code == 200
    assert CYRILLIC.search(" ".join(response.context["form"].errors["file"]))
    assert written() == (0, 0, 0)


# (b) sound workbooks with hostile cells


def legal(text: str) -> str:
    """openpyxl cannot write the control characters XML forbids; an .xlsx cannot hold them."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


hostile_text = st.one_of(
    st.text(max_size=40).map(legal),
    st.builds(
        lambda prefix, rest: prefix + rest,
        st.sampled_from(["=", "+", "-", "@", '=HYPERLINK("http://x","y") ', "=1+2 "]),
        st.text(max_size=20).map(legal),
    ),
    st.just("Ё" * 10_000),
    st.builds(
        lambda piece, times: piece * times,
        st.sampled_from(["a", " \t\n", "😀"]),
        st.integers(5_000, 10_000),
    ),
    st.sampled_from(
        ["👩‍🏫 Иванова 😀", "\u202eОльга\u202c Иванова", "Иванова\u200bОльга", "\x7f\x85"]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30).map(
        legal
    ),
)
plausible_text = st.sampled_from(
    ["Иванова Ольга", "Петров Илья Андреевич", "7Б", "обучающийся", "педагог", "14.03.2012"]
    + ["31.02.2012", "внутренний", "внешний", "высокий", "ОВЗ", "одарённый", "2", "a@b.ru"]
)
hostile_cell = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 1, 1)),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1), max_value=datetime.datetime(2100, 1, 1)),
    hostile_text,
    plausible_text,
)


# Columns of free text: any value is accepted there, so hostile text reaches the base.
FREE_TEXT = {
    MENTEES: ("request_text", "source", "phone"),
    MENTORS: ("position", "subject", "organisation", "competencies", "offer", "phone"),
}


@st.composite
def good_row_with_hostile_text(draw, kind: str) -> list:
    row = list(draw(st.sampled_from(GOOD_ROWS[kind])))
    for key in draw(st.sets(st.sampled_from(FREE_TEXT[kind]), min_size=1)):
        row[TEMPLATE_COLUMNS[kind].index(key)] = draw(hostile_text)
    if draw(st.booleans()):
        prefix = draw(st.sampled_from(["=", "+", "-", "@", "=SUM(A1:A2)", "👩‍🏫"]))
        row[0] = f"{prefix}{row[0]}-{draw(st.text(alphabet='абвгд', min_size=1, max_size=6))}"
    return row


def workbook_strategy(kind: str):
    width = len(TEMPLATE_COLUMNS[kind])
    row = st.lists(hostile_cell, min_size=width, max_size=width)
    good = good_row_with_hostile_text(kind)
    return st.one_of(
        st.lists(st.one_of(row, good), min_size=1, max_size=6),
        st.lists(good, min_size=1, max_size=3),
    )


def expected_problems(kind: str, number: int, row: list) -> set[str]:
    """Columns that must be reported for this row, by rules simple enough to restate here."""
    cells = dict(zip(TEMPLATE_COLUMNS[kind], row, strict=True))
    if all(value is None or (isinstance(value, str) and not value.strip()) for value in row):
        return set()
    columns = set()
    name = cells["full_name"]
    if name is None or len(str(name).split()) < 2:
        columns.add("ФИО")
    elif re.search(r"\d", str(name)) or str(name).strip().startswith(("=", "+", "@")):
        columns.add("ФИО")  # digits and formula text are not a name
    birth = cells["birth_date"]
    if isinstance(birth, str) and birth.strip() and not re.search(r"\d", birth):
        columns.add("Дата рождения")
    klass = cells["class_name"]
    if isinstance(klass, str) and len(re.sub(r"[\s«»\"'„“”]", "", klass)) > 10:
        columns.add("Класс")
    return columns


def filled(row: list) -> list:
    return [v for v in row if v is not None and not (isinstance(v, str) and not v.strip())]


def assert_skipped_for_a_reason(item: dict, row: list) -> None:
    """A row left out as «not a person» is one of the shapes the import skips."""
    cells = filled(row)
    first = str(cells[0]).casefold().replace("ё", "е") if cells else ""
    reason = item["reason"]
    if reason == "строка только с номером":
        assert len(cells) <= 1 and (not cells or isinstance(cells[0], int | float | str))
    elif reason == "итоговая строка":
        assert re.match(r"\W*(итог|всего|общее|кол|количество)", first), row
    elif reason == "подпись или служебная строка":
        text = " ".join(str(value) for value in cells).casefold()
        assert "___" in text or "подпись" in text or len(cells) <= 3, row
    elif reason == "подзаголовок класса":
        assert len({str(v) for v in cells}) == 1 and "кл" in first, row
    elif reason == "примечание":
        assert first.lstrip().startswith(("примечан", "пояснен")), row
    else:
        assert reason in ("строка-образец из шаблона", "повтор строки заголовков"), reason


def assert_no_formulas(client, programme, kind: str) -> None:
    response = client.get(reverse(EXPORTS[kind], args=[programme.pk, "xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    for sheet in workbook.worksheets:
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
                assert cell.data_type != "f", (cell.coordinate, cell.value)


@settings(max_examples=50)
@given(data=st.data())
def test_hostile_cells_get_row_errors_and_all_or_nothing_writes_nothing(
    client, programme, curator, request_categories, data
):
    kind = data.draw(st.sampled_from([MENTEES, MENTORS]))
    rows = data.draw(workbook_strategy(kind))
    content = xlsx_bytes(header(kind), *rows)
    before = written()

    try:
        result = parse_file(BytesIO(content), kind, programme)
    except ImportFileError as error:
        # only a file with no rows of people at all is refused as a whole
        assert "нет ни одной строки с данными" in str(error)
        return
    numbers = {row.number for row in result.rows}
    skipped = {item["row"]: item for item in result.skipped}
    assert not numbers & set(skipped)
    for problem in result.problems:
        assert problem.row in numbers
        assert problem.column and CYRILLIC.search(problem.message)
    for number, row in enumerate(rows, 2):
        if number in skipped:
            assert_skipped_for_a_reason(skipped[number], row)
            continue
        reported = {p.column for p in result.problems if p.row == number}
        assert expected_problems(kind, number, row) <= reported, (number, row, reported)

    batch = create_batch(programme, kind, upload(content), by=curator)
    outcome = confirm_batch(batch, ALL, by=curator)
    if result.problems:
        event("all-or-nothing refused")
        assert outcome.refusal and outcome.imported == 0
        assert written() == before
        outcome = confirm_batch(batch, VALID, by=curator)
        if not result.valid_rows:
            assert outcome.refusal and written() == before
            event("no valid rows")
            return
    changing = [row for row in result.valid_rows if row.action in ("add", "update")]
    assert outcome.imported == len(changing)
    assert written()[0] <= before[0] + len(result.valid_rows)

    event("some rows written and exported")
    client.force_login(curator)
    assert_no_formulas(client, programme, kind)


# (c) too many rows


def test_more_rows_than_the_limit_is_refused_and_nothing_is_written(programme, curator):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header(MENTEES))
    for number in range(MAX_ROWS + 1):
        sheet.append([f"Иванова{number} Ольга", "14.03.2012", "обучающийся", "7Б"])
    buffer = BytesIO()
    workbook.save(buffer)

    with pytest.raises(ImportFileError, match="В файле больше 10 000 строк с данными"):
        create_batch(programme, MENTEES, upload(buffer.getvalue()), by=curator)
    assert written() == (0, 0, 0)
    assert ImportBatch.objects.count() == 0
