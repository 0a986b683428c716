"""Spreadsheet readers and writers (openpyxl, python-calamine, csv). No Qt."""
