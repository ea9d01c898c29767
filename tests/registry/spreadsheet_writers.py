"""Writers of the other formats the import reads, for tests: .xls (xlwt), .ods (odfpy), .csv,
and a password-protected .xlsx (msoffcrypto-tool). Files are made by the tests, never committed."""

import csv
import datetime
import io


def xls_bytes(*rows, sheet_title: str = "Лист1") -> bytes:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet(sheet_title)
    date_style = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for number, row in enumerate(rows):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write(number, column, value, date_style)
            elif value is not None:
                sheet.write(number, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(*rows, sheet_title: str = "Лист1") -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name=sheet_title)
    for row in rows:
        line = TableRow()
        for value in row:
            if value is None:
                cell = TableCell()
            elif isinstance(value, datetime.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.strftime("%d.%m.%Y")))
            elif isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def csv_bytes(*rows, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    for row in rows:
        writer.writerow(
            ["" if v is None else v.strftime("%d.%m.%Y") if isinstance(v, datetime.date) else v
             for v in row]
        )  # fmt: skip
    return text.getvalue().encode(encoding)


def protected_xlsx(content: bytes, password: str = "секрет") -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    source, target = io.BytesIO(content), io.BytesIO()
    OOXMLFile(source).encrypt(password, target)
    return target.getvalue()
