"""Spreadsheets people download: every CSV and XLSX export of the site is written here.

Text that a spreadsheet would run as a formula is written as plain text (an apostrophe in front, the
formula guard); the site's imports take the guard off again (``unneutralise``), so an exported file
reads back exactly. CSV carries a BOM so spreadsheet programs read Kazakh and Russian as UTF-8; a CSV
in another encoding refuses a cell that encoding cannot hold instead of writing "?".
"""

import csv
import io

from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CellNotEncodable(ValueError):
    """A cell holds a character the chosen encoding cannot write: where, and which character."""

    def __init__(self, *, row, column, character, encoding):
        super().__init__(f"row {row}, column {column}: {character!r} has no place in {encoding}")
        self.row, self.column, self.character, self.encoding = row, column, character, encoding


def _guarded(value):
    # Apostrophes already in front of a formula character get one more, so that taking one off on
    # import gives back exactly what was written.
    return value.lstrip(GUARD).startswith(FORMULA_PREFIXES)


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula is written as plain text instead."""
    if isinstance(value, str) and _guarded(value):
        return GUARD + value
    return value


def unneutralise(value):
    """The value ``neutralise`` was given: the guard it added comes off, any other apostrophe stays."""
    if isinstance(value, str) and value.startswith(GUARD) and _guarded(value[1:]):
        return value[1:]
    return value


def _cells(row):
    return [neutralise("" if value is None else value) for value in row]


def _check_encodable(rows, encoding):
    header = None
    for number, row in enumerate(rows, start=1):
        header = header or [str(cell) for cell in row]
        for index, cell in enumerate(row):
            text = cell if isinstance(cell, str) else ""
            try:
                text.encode(encoding)
            except UnicodeEncodeError as error:
                column = header[index] if index < len(header) else str(index + 1)
                raise CellNotEncodable(
                    row=number, column=column, character=text[error.start], encoding=encoding
                ) from None
        yield row


def csv_bytes(rows, encoding="utf-8"):
    """Rows (the header first) as CSV: UTF-8 with a BOM, or ``encoding``, which must hold every cell
    (``CellNotEncodable`` names the first row and column that it cannot)."""
    buffer = io.StringIO()
    if encoding == "utf-8":
        buffer.write("\ufeff")
    else:
        rows = _check_encodable(rows, encoding)
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(_cells(row))
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, title):
    """Rows (the header first) as a one-sheet workbook named ``title``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(title)[:31])
    for row in rows:
        sheet.append(_cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
