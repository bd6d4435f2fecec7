"""Spreadsheets people download: every CSV and XLSX export of the site is written here.

Text that a spreadsheet would run as a formula is written as plain text; CSV carries a BOM so
spreadsheet programs read Kazakh and Russian as UTF-8.
"""

import csv
import io

from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula is written as plain text instead."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cells(row):
    return [neutralise("" if value is None else value) for value in row]


def csv_bytes(rows):
    """Rows (the header first) as UTF-8 CSV with a BOM."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(_cells(row))
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows, title):
    """Rows (the header first) as a one-sheet workbook named ``title``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(title)[:31])
    for row in rows:
        sheet.append(_cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
