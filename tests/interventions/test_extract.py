"""The half-year extract of the demo: its columns as docs/extract.md lists them, its
figures the demo's own counts where shown, and no count of 1–4 in it."""

import csv
import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from federations.models import Federation, Role
from interventions.extract import columns, half_year_extract
from interventions.models import Intervention, Participant

from ..conftest import make_user

H2_2024 = date(2024, 12, 31)


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_the_documented_columns_are_the_files_columns():
    documented = Path(settings.BASE_DIR, "docs", "extract.md").read_text()
    for column in columns():
        assert f"`{column}`" in documented or f"`{column.split('_', 1)[0]}_<support>`" in documented, column


def test_the_file_holds_the_demos_counts_or_withholds_them(demo):
    federation = Federation.objects.get(slug="sodra-vatterbygden")
    out = io.StringIO()
    call_command("half_year_extract", "--federation", federation.slug, "--period", str(H2_2024), stdout=out)
    rows = read_csv(out.getvalue())
    assert list(rows[0]) == columns()
    residents = Participant.objects.of_federation(federation, 2024)
    compared = 0
    for row in rows:
        assert row["period"] == "2024-12-31"
        for column in columns()[4:]:
            assert not re.fullmatch(r"[1-4]", row[column]), (row["insats"], column)
        if row["kon"] != "alla":
            continue
        intervention = Intervention.objects.get(name=row["insats"])
        own = residents.filter(intervention=intervention)
        exact = {
            "paborjade": own.filter(enrolled_on__range=(date(2024, 7, 1), H2_2024)).count(),
            "avslutade": own.filter(ended_on__range=(date(2024, 7, 1), H2_2024)).count(),
            "avslut_work": own.filter(ended_on__range=(date(2024, 7, 1), H2_2024), end_reason="work").count(),
        }
        for column, value in exact.items():
            if row[column] in ("<5", "x"):
                assert row[column] == "x" or 0 < value < 5
            else:
                assert int(row[column]) == value
                compared += 1
    assert compared >= 4  # the demo's larger interventions show their totals


def test_an_interventions_rows_add_up_to_its_total_where_all_are_shown(demo):
    extract = half_year_extract(Federation.objects.get(slug="sodra-vatterbygden"), H2_2024)
    for intervention in {row.intervention for row in extract.rows}:
        rows = [row for row in extract.rows if row.intervention == intervention]
        *parts, total = rows
        assert total.is_total
        if all(isinstance(row.started, int) for row in rows):
            assert sum(row.started for row in parts) == total.started


def test_the_office_downloads_it_as_csv_and_excel(demo, client):
    federation = Federation.objects.get(slug="hoglandet")
    client.force_login(make_user("hoglandet-office", federation, Role.Kind.OFFICE))
    url = reverse("interventions:extract", kwargs={"slug": federation.slug})
    page = client.get(url, {"period": "2024-12-31"}).content.decode()
    assert "SE-Höglandet" in page and "&lt;5" in page
    as_csv = client.get(url, {"period": "2024-12-31", "format": "csv"})
    assert as_csv["Content-Disposition"].endswith('halvarsuttag-2024-12-31.csv"')
    rows = read_csv(as_csv.content.decode())
    as_xlsx = client.get(url, {"period": "2024-12-31", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == columns()
    assert len(values) - 1 == len(rows)
    assert [str(value) for value in values[1]] == list(rows[0].values())


def test_a_date_that_ends_no_half_year_is_refused(demo):
    with pytest.raises(Exception, match="half-year"):
        call_command("half_year_extract", "--federation", "hoglandet", "--period", "2024-05-31", stdout=io.StringIO())


def test_every_gender_and_band_has_a_row_so_that_a_rows_presence_says_nothing(demo):
    extract = half_year_extract(Federation.objects.get(slug="finnveden"), date(2025, 6, 30))
    for intervention in {row.intervention for row in extract.rows}:
        rows = [(row.gender, row.band) for row in extract.rows if row.intervention == intervention]
        assert len(rows) == 2 * 6 + 1
