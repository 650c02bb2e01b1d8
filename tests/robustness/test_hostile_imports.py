"""Random and hostile files thrown at the importers: never an unhandled error, and
never a half-saved file — every row is saved, or none is."""

import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from finances.importers import COLUMNS as ACCOUNT_COLUMNS
from finances.importers import AccountsImporter
from finances.models import Budget, BudgetLine
from interventions.importers import COLUMNS as PARTICIPANT_COLUMNS
from interventions.importers import ParticipantImporter
from interventions.models import Participant, ParticipantSupport

from .conftest import rolled_back, tried

HOSTILE_TEXT = [
    "",
    " ",
    "=1+1",
    '=HYPERLINK("http://evil")',
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "'; DROP TABLE interventions_participant; --",
    "\x00",
    "\u202e",
    "19900101-1234",
    "900161-1234",
    "900101.1234",
    "19900101 1234",
    r"Kostnad 5$ eller \frac{ 3$",
    "$\\alpha^{",
    "$$",
    "2024-02-30",
    "2024-13-01",
    "0000-00-00",
    "-1",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "9" * 400,
    "x" * 5000,
    "Enter",
    "NOVA",
    "Habo",
    "Jönköping",
    "kvinna",
    "man",
    "K",
    "1990",
    "2024-02-01",
    "2024-06-30",
    "Arbete",
    "Sjukdom",
    "ja",
    "nej",
    "FK",
    "budget",
    "actual",
    "utfall",
    "medlemsbidrag",
    "Försäkringskassan",
    "kansli",
    "1 388 300",
    "1388300,50",
    '"',
    '""',
    ";",
    ",",
    "\t",
    "\r\n",
]
cells = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=30), st.integers().map(str))
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))


def as_csv(header, rows, delimiter):
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def as_xlsx(header, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [header, *rows]:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])  # Excel cannot hold them
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def files(columns):
    """A file whose header is some of the real columns (and maybe a stray one), rows of
    hostile cells, as CSV with one of the delimiters, or as Excel."""
    header = st.lists(st.sampled_from(sorted(columns) + ["okänd", ""]), min_size=1, max_size=len(columns) + 2)
    return st.builds(
        lambda header, rows, form, delimiter: (
            ("import.xlsx", as_xlsx(header, rows))
            if form == "xlsx"
            else ("import.csv", as_csv(header, rows, delimiter))
        ),
        header,
        st.lists(st.lists(cells, max_size=len(columns) + 2), max_size=6),
        st.sampled_from(["csv", "xlsx"]),
        st.sampled_from([";", ",", "\t"]),
    )


def counts(*models):
    return tuple(model.objects.count() for model in models)


def check_all_or_nothing(importer, name, content, models):
    with rolled_back():
        before = counts(*models)
        result = importer.run(content, name, save=True)
        after = counts(*models)
        if result.problems:
            assert after == before, "a file with problems saved something"
            assert not result.saved
        else:
            assert result.saved
    tried()


@pytest.fixture
def participant_importer(federation, intervention, habo, office):
    return ParticipantImporter(federation, office)


@PROPERTY
@given(named=files(PARTICIPANT_COLUMNS))
def test_participant_files(participant_importer, named):
    check_all_or_nothing(participant_importer, *named, [Participant, ParticipantSupport])


@PROPERTY
@given(content=st.binary(max_size=2000), name=st.sampled_from(["x.csv", "x.xlsx", "x.txt"]))
def test_participant_files_of_random_bytes(participant_importer, content, name):
    check_all_or_nothing(participant_importer, name, content, [Participant, ParticipantSupport])


@PROPERTY
@given(named=files(ACCOUNT_COLUMNS))
def test_account_files(federation, members, intervention, named):
    check_all_or_nothing(AccountsImporter(federation), *named, [Budget, BudgetLine])


@PROPERTY
@given(content=st.binary(max_size=2000), name=st.sampled_from(["x.csv", "x.xlsx"]))
def test_account_files_of_random_bytes(federation, members, content, name):
    check_all_or_nothing(AccountsImporter(federation), name, content, [Budget, BudgetLine])


def test_a_stray_carriage_return_is_a_problem_not_a_crash(participant_importer):
    content = b"insats;kod;k\xc3\xb6n;f\xc3\xb6delse\xc3\xa5r;kommun;inskriven\nEnter;E\r1;K;1990;Habo;2024-02-01\n"
    result = participant_importer.run(content, "x.csv", save=True)
    assert result.problems and not result.saved
    assert not Participant.objects.exists()
