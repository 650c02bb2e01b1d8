"""Import participants from CSV or Excel, as data arrives from the national follow-up
system or an intervention's spreadsheet. The columns are documented in
``docs/import-formats.md``.

Every row is checked by the same form as the browser's participant form. Nothing is
saved unless every row is valid; then all rows are saved in one transaction. A row is
matched to an existing participant by intervention, code and enrolment date, so that
importing the same file twice changes nothing.
"""

import csv
import io
from dataclasses import dataclass, field

import openpyxl
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federations.models import MemberOrganisation, Municipality

from .forms import ParticipantForm
from .models import EndReason, Gender, Intervention, Participant, Support


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


# Column header → form field. Headers are matched without case, spaces or underscores.
COLUMNS = {
    "insats": "intervention",
    "kod": "code",
    "kön": "gender",
    "födelseår": "birth_year",
    "kommun": "municipality",
    "remittent": "referred_by",
    "inskriven": "enrolled_on",
    "avslutad": "ended_on",
    "avslutsorsak": "end_reason",
    "avslutsklass": "end_class",
    "arbetsförmåga vid avslut": "able_to_work_at_end",
    "år i offentlig försörjning": "years_in_support",
    "utbildning": "education",
    "praktik": "had_work_placement",
    "försörjning vid start": "support_at_start",
    "försörjning vid avslut": "support_at_end",
    "hälsa start": "health_start",
    "hälsa avslut": "health_end",
    "livskvalitet start": "quality_of_life_start",
    "livskvalitet avslut": "quality_of_life_end",
}
REQUIRED = ["insats", "kod", "kön", "födelseår", "kommun", "inskriven"]
HEADER_OF_FIELD = {field_name: header for header, field_name in COLUMNS.items()}

YES = {"ja", "j", "yes", "y", "1", "true", "sant", "x"}
NO = {"nej", "n", "no", "0", "false", "falskt"}


def normalise(text):
    return " ".join(str(text or "").replace("_", " ").split()).casefold()


def choice_lookup(choices, *aliases):
    """Value → choice code, accepting the code, its Swedish and English labels and aliases."""
    from django.utils import translation

    table = {}
    for code, label in choices:
        table[normalise(code)] = code
        for language in ("sv", "en"):
            with translation.override(language):
                table[normalise(label)] = code
    for alias in aliases:
        table.update({normalise(key): value for key, value in alias.items()})
    return table


GENDERS = choice_lookup(Gender.choices, {"k": Gender.WOMAN, "kvinna": Gender.WOMAN, "m": Gender.MAN, "man": Gender.MAN})
END_REASONS = choice_lookup(
    EndReason.choices,
    {
        "arbete": EndReason.WORK,
        "studier": EndReason.STUDIES,
        "arb.rehab": EndReason.WORK_REHABILITATION,
        "arbetslivsinriktad rehabilitering": EndReason.WORK_REHABILITATION,
        "sjukdom": EndReason.ILLNESS,
        "annat skäl": EndReason.OTHER,
        "annat": EndReason.OTHER,
    },
)
# The documented Swedish values (docs/import-formats.md) are spelled out here, so that the
# file format does not change when the interface's wording does.
SUPPORTS = choice_lookup(
    Support.choices,
    {
        "sjukpenning": Support.SICKNESS_BENEFIT,
        "rehabiliteringspenning": Support.REHABILITATION_BENEFIT,
        "sjukersättning": Support.SICKNESS_COMPENSATION,
        "aktivitetsersättning": Support.ACTIVITY_COMPENSATION,
        "a-kassa": Support.UNEMPLOYMENT_BENEFIT,
        "arbetslöshetsersättning": Support.UNEMPLOYMENT_BENEFIT,
        "aktivitetsstöd": Support.ACTIVITY_SUPPORT,
        "etableringsersättning": Support.ESTABLISHMENT_SUPPORT,
        "försörjningsstöd": Support.INCOME_SUPPORT,
        "ekonomiskt bistånd": Support.INCOME_SUPPORT,
        "annan försörjning": Support.OTHER,
        "ingen offentlig försörjning": Support.NONE,
        "ingen": Support.NONE,
    },
)
EDUCATION = choice_lookup(
    Participant.Education.choices,
    {
        "ej fullföljd grundskola": Participant.Education.NOT_COMPULSORY,
        "grundskola": Participant.Education.COMPULSORY,
        "gymnasieskola": Participant.Education.UPPER_SECONDARY,
        "gymnasium": Participant.Education.UPPER_SECONDARY,
        "eftergymnasial utbildning": Participant.Education.POST_SECONDARY,
        "eftergymnasial": Participant.Education.POST_SECONDARY,
    },
)


@dataclass
class Problem:
    row: int  # the row number in the file: the header is row 1
    column: str
    message: str

    def __str__(self):
        return _("Row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list = field(default_factory=list)
    saved: bool = False

    @property
    def is_valid(self):
        return not self.problems


def read_cells(content, filename):
    """The file's rows as lists of text cells, the header row first."""
    try:
        if filename.lower().endswith((".xlsx", ".xlsm")):
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            return [[cell_text(value) for value in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file is not UTF-8 text. Save it as CSV UTF-8 or as an Excel file.")) from error
    except Exception as error:  # openpyxl raises many kinds of errors on a broken file
        raise ImportFileError(_("The file could not be read as Excel: %(error)s") % {"error": error}) from error
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(content, filename):
    """The file's rows as (row number, dict keyed by normalised header), and the
    problems of rows that do not fit the header."""
    cells = read_cells(content, filename)
    if not cells:
        raise ImportFileError(_("The file is empty."))
    headers = [normalise(header) for header in cells[0]]
    while headers and not headers[-1]:
        headers.pop()
    unknown = [header for header in headers if header and header not in COLUMNS]
    missing = [header for header in REQUIRED if header not in headers]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
        raise ImportFileError(
            _("The header row does not match the import format (%(problems)s).") % {"problems": "; ".join(parts)}
        )
    rows, problems = [], []
    for number, row in enumerate(cells[1:], start=2):
        if not any(row):
            continue
        extra = [cell for cell in row[len(headers) :] if cell]
        if extra:
            problems.append(
                Problem(
                    number,
                    _("row"),
                    _("%(cells)s cells, but the header has %(columns)s columns")
                    % {"cells": len(row), "columns": len(headers)},
                )
            )
            continue
        rows.append((number, dict(zip(headers, row + [""] * (len(headers) - len(row))))))
    return rows, problems


class ParticipantImporter:
    """Checks and saves the rows of one file for one federation."""

    def __init__(self, federation, user=None):
        self.federation = federation
        self.user = user
        self.interventions = Intervention.objects.of_federation(federation).individual()
        if user is not None:
            self.interventions = self.interventions.filter(pk__in=Intervention.objects.visible_to(user).values("pk"))
        self.intervention_by_name = {}
        for intervention in self.interventions.prefetch_related("end_classes"):
            for name in (intervention.name, intervention.short_name):
                if name:
                    self.intervention_by_name[normalise(name)] = intervention
        self.municipality_by_name = {}
        for municipality in Municipality.objects.of_members(federation):
            self.municipality_by_name[normalise(municipality.name)] = municipality.pk
            self.municipality_by_name[normalise(municipality.code)] = municipality.pk
        self.organisation_by_name = {}
        for organisation in MemberOrganisation.objects.filter(pk__in=federation.memberships.values("organisation")):
            for name in (organisation.name, organisation.short_name):
                if name:
                    self.organisation_by_name[normalise(name)] = organisation.pk

    def run(self, content, filename, save=False):
        """Check every row; with ``save``, save them all if (and only if) all are valid."""
        result = ImportResult()
        try:
            rows, result.problems = read_table(content, filename)
        except ImportFileError as error:
            result.problems.append(Problem(1, _("file"), str(error)))
            return result
        result.rows = len(rows) + len(result.problems)
        existing = self.existing_participants(row for _number, row in rows)
        forms = []
        seen = {}
        for number, row in rows:
            data, problems = self.form_data(row, number)
            result.problems += problems
            if problems:
                continue
            intervention = self.intervention_by_name[normalise(row["insats"])]
            key = (intervention.pk, normalise(row["kod"]))
            if key in seen:
                result.problems.append(
                    Problem(
                        number,
                        "kod",
                        _("participant %(code)s is already on row %(row)s") % {"code": row["kod"], "row": seen[key]},
                    )
                )
                continue
            seen[key] = number
            instance = existing.get((intervention.pk, row["kod"], data["enrolled_on"]))
            form = ParticipantForm(
                data, instance=instance, federation=self.federation, interventions=self.interventions, with_survey=False
            )
            if not form.is_valid():
                for field_name, messages in form.errors.items():
                    column = HEADER_OF_FIELD.get(field_name, field_name if field_name != "__all__" else _("row"))
                    result.problems += [Problem(number, column, message) for message in messages]
                continue
            forms.append(form)
        if save and result.is_valid:
            with transaction.atomic():
                for form in forms:
                    if form.instance.pk is None:
                        form.save()
                        result.created += 1
                    elif form.has_changed():
                        form.save()
                        result.updated += 1
                    else:
                        result.unchanged += 1
            result.saved = True
        else:
            result.created = sum(1 for form in forms if form.instance.pk is None)
            result.updated = sum(1 for form in forms if form.instance.pk and form.has_changed())
            result.unchanged = len(forms) - result.created - result.updated
        return result

    def existing_participants(self, rows):
        codes = {row.get("kod") for row in rows}
        participants = Participant.objects.filter(intervention__in=self.interventions, code__in=codes).select_related(
            "intervention"
        )
        return {(p.intervention_id, p.code, p.enrolled_on.isoformat()): p for p in participants}

    def form_data(self, row, number):
        """The row as the participant form's data, or the problems that stop it."""
        problems = []

        def problem(column, message):
            problems.append(Problem(number, column, message))

        def lookup(column, table, what):
            value = row.get(column, "")
            if not value:
                return ""
            found = table.get(normalise(value))
            if found is None:
                problem(column, _("unknown %(what)s “%(value)s”") % {"what": what, "value": value})
                return ""
            return found

        intervention = self.intervention_by_name.get(normalise(row.get("insats")))
        if intervention is None:
            problem("insats", _("unknown intervention “%(value)s”") % {"value": row.get("insats", "")})
        data = {
            "intervention": intervention.pk if intervention else "",
            "code": row.get("kod", ""),
            "gender": lookup("kön", GENDERS, _("gender")),
            "birth_year": row.get("födelseår", ""),
            "municipality": lookup("kommun", self.municipality_by_name, _("municipality")),
            "referred_by": lookup("remittent", self.organisation_by_name, _("member organisation")),
            "enrolled_on": date_text(row.get("inskriven", "")),
            "ended_on": date_text(row.get("avslutad", "")),
            "end_reason": lookup("avslutsorsak", END_REASONS, _("end reason")),
            "years_in_support": row.get("år i offentlig försörjning", ""),
            "education": lookup("utbildning", EDUCATION, _("education")),
            "health_start": row.get("hälsa start", ""),
            "health_end": row.get("hälsa avslut", ""),
            "quality_of_life_start": row.get("livskvalitet start", ""),
            "quality_of_life_end": row.get("livskvalitet avslut", ""),
        }
        for column in ("arbetsförmåga vid avslut", "praktik"):
            value = normalise(row.get(column, ""))
            if value and value not in YES | NO:
                problem(column, _("write ja or nej, not “%(value)s”") % {"value": row[column]})
        able = normalise(row.get("arbetsförmåga vid avslut", ""))
        data["able_to_work_at_end"] = "true" if able in YES else "false" if able in NO else "unknown"
        if normalise(row.get("praktik", "")) in YES:
            data["had_work_placement"] = "on"
        for column, field_name in (
            ("försörjning vid start", "support_at_start"),
            ("försörjning vid avslut", "support_at_end"),
        ):
            kinds = [lookup_part for lookup_part in row.get(column, "").split(";") if lookup_part.strip()]
            codes = []
            for kind in kinds:
                code = SUPPORTS.get(normalise(kind))
                if code is None:
                    problem(column, _("unknown support “%(value)s”") % {"value": kind.strip()})
                codes.append(code)
            data[field_name] = codes
        end_class = row.get("avslutsklass", "")
        if end_class and intervention:
            match = next((c for c in intervention.end_classes.all() if normalise(c.name) == normalise(end_class)), None)
            if match is None:
                problem(
                    "avslutsklass",
                    _("%(intervention)s has no end class “%(value)s”")
                    % {"intervention": intervention, "value": end_class},
                )
            else:
                data["end_class"] = match.pk
        return data, problems


def date_text(value):
    """Excel gives dates as ``2024-03-01 00:00:00``; keep the date."""
    return value[:10] if len(value) >= 10 and value[4] == "-" else value


IMPORT_FORMAT_HELP = gettext_lazy(
    "CSV (UTF-8, comma or semicolon) or Excel (.xlsx), with the columns of docs/import-formats.md."
)
