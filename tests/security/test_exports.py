"""Exports open safely in a spreadsheet: text that starts like a formula stays text."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from federations.models import Person
from finsam.exports import defuse

HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',
    "-2+3",
    "@SUM(A1)",
    "+46 70",
    "\t=1",
    # Spellings that once got through: fullwidth signs, and spaces or a line break before them.
    '＝HYPERLINK("http://evil.example","x")',
    "＋1+1",
    "－2+3",
    "＠SUM(A1)",
    "\u2212" + "2+3",
    "  =1+1",
    "\n=1+1",
    "\u00a0=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_is_defused(value):
    assert defuse(value) == "'" + value


@pytest.mark.parametrize("value", [-155574, Decimal("-1388300"), 0, 3.5, None, "Anna", "2024-01-01"])
def test_numbers_and_plain_text_are_left_alone(value):
    assert defuse(value) == value


@pytest.fixture
def hostile_people(county):
    return [Person.objects.create(county=county, name=name) for name in HOSTILE]


def exported(client, federation, export_format):
    url = reverse("federations:person-list", kwargs={"slug": federation.slug})
    response = client.get(url, {"_export": export_format})
    assert response.status_code == 200
    return b"".join(response) if response.streaming else response.content


def test_the_csv_export_writes_formulas_as_text(client, office, federation, hostile_people):
    client.force_login(office)
    rows = list(csv.reader(io.StringIO(exported(client, federation, "csv").decode("utf-8-sig"))))
    names = {row[0] for row in rows[1:]}
    assert names == {"'" + name for name in HOSTILE}


def test_the_excel_export_writes_formulas_as_text(client, office, federation, hostile_people):
    client.force_login(office)
    sheet = openpyxl.load_workbook(io.BytesIO(exported(client, federation, "xlsx"))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(cells) == sorted("'" + name for name in HOSTILE)
    assert all(cell.data_type == "s" for cell in sheet["A"][1:])  # none became a formula
