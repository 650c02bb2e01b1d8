"""Import the indicator survey's export (docs/import-formats.md): the answers per step for
each intervention (or the federation as a whole) and respondent group, with the national
averages where the file gives them."""

import re
from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federations.imports.files import Importer, Problem, names_index, normalise, parse_number, read_rows
from finsam.locking import version_as_loaded

from .figures import share
from .forms import SurveyResultForm
from .importers import choice_lookup
from .models import Indicator, Intervention, NationalAverage, RespondentGroup, SurveyQuestion, SurveyResult

# The indicator survey's export: one row per intervention, respondent group and question.
STEP_COLUMNS = {
    "helt och hållet": "completely",
    "till mycket stor del": "very_large_extent",
    "till stor del": "large_extent",
    "till viss del": "some_extent",
    "till liten del": "small_extent",
    "inte alls": "not_at_all",
}
SURVEY_COLUMNS = {"insats", "år", "grupp", "fråga", "frågetext", "indikator", "andel klart positivt", *STEP_COLUMNS}
INDICATOR = re.compile(r"^(\d+)\s*[.:)–-]?\s*(.*)$")  # "3. Samverkan kring deltagaren", or "3"
SURVEY_REQUIRED = ["insats", "år", "grupp", "fråga"]
WHOLE_FEDERATION = {"", "förbundet", "hela förbundet", "samordningsförbundet"}
NATIONAL_NAMES = {"riket", "riksgenomsnitt", "nationellt"}
NATIONAL = "Riket"  # a row's "intervention" when it gives the national average
RESPONDENT_GROUPS = choice_lookup(
    RespondentGroup.choices,
    {
        "avslutade deltagare": RespondentGroup.ENDED_PARTICIPANTS,
        "avslutade": RespondentGroup.ENDED_PARTICIPANTS,
        "aktuella deltagare": RespondentGroup.CURRENT_PARTICIPANTS,
        "pågående deltagare": RespondentGroup.CURRENT_PARTICIPANTS,
        "personal": RespondentGroup.STAFF,
        "insatspersonal": RespondentGroup.STAFF,
        "ledningsgrupp": RespondentGroup.MANAGEMENT_GROUP,
        "beredningsgrupp": RespondentGroup.MANAGEMENT_GROUP,
        "styrelse": RespondentGroup.BOARD,
        "remittenter": RespondentGroup.REFERRERS,
        "remittent": RespondentGroup.REFERRERS,
    },
)
# A share stated in the file may differ from the counted one by rounding only.
SHARE_TOLERANCE = 1


class SurveyImporter(Importer):
    """The indicator survey's export for one federation: the answers per step for each of
    its interventions (or the federation as a whole) and respondent group, and on rows
    named ``Riket`` the national share clearly positive. Every row is checked by the same
    form as the survey page; nothing is saved unless every row is right."""

    headers = [*SURVEY_REQUIRED, "frågetext", "indikator", *STEP_COLUMNS, "andel klart positivt"]
    required_headers = SURVEY_REQUIRED

    def __init__(self, federation, user=None, progress=None):
        super().__init__(federation, user, progress)
        self.interventions = Intervention.objects.of_federation(federation)
        self.intervention_by_name = names_index(self.interventions, "name", "short_name")
        self.questions = {(q.group, q.number): q for q in SurveyQuestion.objects.all()}
        self.indicators = Indicator.objects.in_bulk(field_name="number")

    def run(self, content, filename, save=False):
        """Check every row; with ``save``, save them all if every row is right. A question
        the file introduces is written only with the rest: a check leaves nothing behind."""
        with transaction.atomic():
            result = self.check_and_save(content, filename, save)
            if not result.saved:
                transaction.set_rollback(True)
        return result

    def check_and_save(self, content, filename, save):
        result, rows = read_rows(content, filename, SURVEY_COLUMNS, SURVEY_REQUIRED)
        if rows is None:
            return result
        results, averages, seen = [], [], {}
        for number, row in rows:
            parsed = self.parse(number, row, result.problems)
            if parsed is None:
                continue
            key = parsed[:3]
            if key in seen:
                result.problems.append(
                    Problem(number, "fråga", _("the same question is already on row %(row)s") % {"row": seen[key]})
                )
                continue
            seen[key] = number
            if parsed[0] == NATIONAL:
                averages.append((number, parsed, row))
            else:
                results.append((number, parsed, row))
        forms = [form for form in (self.result_form(*item, result.problems) for item in results) if form]
        national = [average for average in (self.average(*item, result.problems) for item in averages) if average]
        # (is new, has changed) of every record the file names
        records = [(form.instance.pk is None, form.has_changed()) for form in forms] + [
            (average.pk is None, changed) for average, changed in national
        ]
        result.created = sum(1 for new, _changed in records if new)
        result.updated = sum(1 for new, changed in records if changed and not new)
        result.unchanged = len(records) - result.created - result.updated
        if save and result.is_valid:
            for form in forms:
                if form.instance.pk is None or form.has_changed():
                    form.save()
            for average, changed in national:
                if changed:
                    average.save()
            result.saved = True
        return result

    def parse(self, number, row, problems):
        """(intervention or None or NATIONAL, year, question) of a row, or None with its problems."""
        found = []

        def problem(column, message):
            found.append(Problem(number, column, message))

        name = normalise(row.get("insats"))
        if name in NATIONAL_NAMES:
            intervention = NATIONAL
        elif name in WHOLE_FEDERATION:
            intervention = None
        else:
            intervention = self.intervention_by_name.get(name)
            if intervention is None:
                problem("insats", _("unknown intervention “%(value)s”") % {"value": row["insats"]})
        try:
            year = int(row.get("år", ""))
        except ValueError:
            year = None
            problem("år", _("write the year as four digits, not “%(value)s”") % {"value": row["år"]})
        group = RESPONDENT_GROUPS.get(normalise(row.get("grupp")))
        if group is None:
            problem("grupp", _("unknown respondent group “%(value)s”") % {"value": row["grupp"]})
        try:
            question_number = int(row.get("fråga", ""))
        except ValueError:
            question_number = None
            problem("fråga", _("write the question's number, not “%(value)s”") % {"value": row["fråga"]})
        question = self.questions.get((group, question_number))
        if question is None and group and question_number is not None:
            text = row.get("frågetext", "").strip()
            if not text:
                problem("frågetext", _("question %(number)s is new: give its text") % {"number": question_number})
            else:
                question = SurveyQuestion(group=group, number=question_number, text=text)
                try:
                    question.full_clean()
                except ValidationError as error:
                    problem("frågetext", " ".join(error.messages))
                else:
                    question.save()  # rolled back with the rest unless the file is saved
                    self.questions[(group, question_number)] = question
        if question is not None and row.get("indikator", "").strip():
            self.join_indicator(question, row["indikator"].strip(), problem)
        problems += found
        return None if found else (intervention, year, question)

    def join_indicator(self, question, value, problem):
        """The question counts in the indicator the row names ("3. Name"; a known one by its
        number alone). A new indicator needs its name. Written, like a new question, in the
        transaction a check rolls back."""
        match = INDICATOR.match(value)
        if match is None:
            problem("indikator", _("write the indicator's number and name, not “%(value)s”") % {"value": value})
            return
        number, name = int(match[1]), match[2].strip()
        indicator = self.indicators.get(number)
        if indicator is None:
            if not name:
                problem("indikator", _("indicator %(number)s is new: give its name") % {"number": number})
                return
            indicator = Indicator(number=number, name=name)
            try:
                indicator.full_clean()
            except ValidationError as error:
                problem("indikator", " ".join(error.messages))
                return
            indicator.save()
            self.indicators[number] = indicator
        indicator.questions.add(question)

    def result_form(self, number, parsed, row, problems):
        intervention, year, question = parsed
        instance = SurveyResult.objects.filter(
            federation=self.federation, year=year, intervention=intervention, question=question
        ).first()
        data = {"intervention": intervention.pk if intervention else "", "question": question.pk}
        for column, field_name in STEP_COLUMNS.items():
            data[field_name] = row.get(column, "") or "0"
        if instance is not None:
            data["version"] = version_as_loaded(instance)
        form = SurveyResultForm(data, instance=instance, federation=self.federation, year=year)
        if not form.is_valid():
            for field_name, messages in form.errors.items():
                column = next((c for c, f in STEP_COLUMNS.items() if f == field_name), None)
                column = column or {"intervention": "insats", "question": "fråga"}.get(field_name, _("row"))
                problems += [Problem(number, column, message) for message in messages]
            return None
        stated = row.get("andel klart positivt", "")
        if stated:
            counted = share(form.instance.clearly_positive, form.instance.respondents)
            try:
                differs = counted is None or abs(parse_number(stated.rstrip("% ")) - counted) > SHARE_TOLERANCE
            except InvalidOperation:
                differs = True
            if differs:
                problems.append(
                    Problem(
                        number,
                        "andel klart positivt",
                        _("the file says %(stated)s %%, the answers give %(counted)s %%")
                        % {"stated": stated, "counted": counted if counted is not None else "—"},
                    )
                )
                return None
        return form

    def average(self, number, parsed, row, problems):
        """(national average, has changed) of a ``Riket`` row, or None."""
        _national, year, question = parsed
        stated = row.get("andel klart positivt", "")
        if not stated:
            problems.append(Problem(number, "andel klart positivt", _("a Riket row gives the national share")))
            return None
        average = NationalAverage.objects.filter(year=year, question=question).first() or NationalAverage(
            year=year, question=question
        )
        try:
            percent = parse_number(stated.rstrip("% "))
        except InvalidOperation:
            problems.append(
                Problem(number, "andel klart positivt", _("write a percent, not “%(value)s”") % {"value": stated})
            )
            return None
        changed = average.percent != percent
        average.percent = percent
        try:
            average.full_clean()
        except ValidationError as error:
            problems += [Problem(number, "andel klart positivt", message) for message in error.messages]
            return None
        return average, changed
