"""Spreadsheet exports that a spreadsheet cannot turn against staff.

A cell a shopper typed that begins with `=`, `+`, `-` or `@` (or a tab or carriage return) is a
formula to Excel and LibreOffice: `=HYPERLINK(...)` in a name field becomes a live link in the
fulfilment team's export. Wagtail's XLSX writer already stores such text as text; for CSV, the
text is prefixed with an apostrophe (the OWASP advice), which spreadsheets show as plain text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` as a spreadsheet will read it literally: text only, numbers untouched."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """For a Wagtail index view with `list_export`: CSV cells can never be formulas."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value
