"""Import participants from CSV or Excel, as data arrives from the national follow-up
system or an intervention's spreadsheet. The columns are documented in
``docs/import-formats.md``.

Every row is checked as the browser's participant form checks it (``ParticipantRows``:
the form's fields, rules and messages, without a form per row). Nothing is
saved unless every row is valid; then all rows are saved in one transaction. A row is
matched to an existing participant by intervention, code and enrolment date, so that
importing the same file twice changes nothing.
"""

import json
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from federations.imports.files import (
    Importer,
    ImportResult,
    Packed,
    Problem,
    acting_user,
    date_text,
    names_index,
    normalise,
    read_rows,
    unpacked,
)
from federations.models import MemberOrganisation, Municipality
from finsam.bulk import create_rows_with_history, create_with_history, delete_with_history, update_with_history
from finsam.locking import locked
from finsam.lookups import any_of
from finsam.versions import data_version

from .models import (
    EndReason,
    FollowUp,
    Gender,
    Intervention,
    Occupation,
    Participant,
    ParticipantSupport,
    Registration,
    SupplementaryQuestion,
    Support,
)
from .participant_forms import SUPPORT_FIELDS, ParticipantForm, ParticipantRows, support_changes

# What an unknown value of a column is, in its message: translated only when one is refused
# (the rows of a large file would otherwise translate every label on every row).
WHAT = {
    "registration": gettext_lazy("registration"),
    "gender": gettext_lazy("gender"),
    "municipality": gettext_lazy("municipality"),
    "member organisation": gettext_lazy("member organisation"),
    "end reason": gettext_lazy("end reason"),
    "education": gettext_lazy("education"),
    "follow-up": gettext_lazy("follow-up"),
    "occupation": gettext_lazy("occupation"),
    "answer": gettext_lazy("answer"),
}

# Column header → form field. Headers are matched without case, spaces or underscores.
COLUMNS = {
    "insats": "intervention",
    "kod": "code",
    "registrering": "registration",
    "kön": "gender",
    "födelseår": "birth_year",
    "kommun": "municipality",
    "remittent": "referred_by",
    "inskriven": "enrolled_on",
    "avslutad": "ended_on",
    "avslutsorsak": "end_reason",
    "avslutsklass": "end_class",
    "arbetsförmåga vid avslut": "able_to_work_at_end",
    "fullföljd utbildning": "completed_course",
    "år i offentlig försörjning": "years_in_support",
    "utbildning": "education",
    "sysselsättning start": "occupation_start",
    "omfattning start": "occupation_start_extent",
    "sysselsättning avslut": "occupation_end",
    "omfattning avslut": "occupation_end_extent",
    "praktik": "had_work_placement",
    "försörjning vid start": "support_at_start",
    "försörjning vid avslut": "support_at_end",
    "hälsa start": "health_start",
    "hälsa avslut": "health_end",
    "livskvalitet start": "quality_of_life_start",
    "livskvalitet avslut": "quality_of_life_end",
    "uppföljning 6 mån": "follow_up_6_months",
    "uppföljning 12 mån": "follow_up_12_months",
}
REQUIRED = ["insats", "kod", "kön", "födelseår", "kommun", "inskriven"]
HEADER_OF_FIELD = {field_name: header for header, field_name in COLUMNS.items()}

YES = {"ja", "j", "yes", "y", "1", "true", "sant", "x"}
NO = {"nej", "n", "no", "0", "false", "falskt"}


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


REGISTRATIONS = choice_lookup(
    Registration.choices,
    {"samtycke": Registration.CONSENT, "anonym": Registration.ANONYMOUS, "anonymt": Registration.ANONYMOUS},
)
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
        "felregistrering": EndReason.MISREGISTRATION,
    },
)
OCCUPATIONS = choice_lookup(
    Occupation.choices,
    {
        "anställning": Occupation.EMPLOYED,
        "arbete": Occupation.EMPLOYED,
        "subventionerad anställning": Occupation.SUBSIDISED_EMPLOYMENT,
        "studier": Occupation.STUDIES,
        "arbetssökande": Occupation.JOB_SEEKING,
        "sjukskriven": Occupation.SICK_LEAVE,
        "aktivitets- eller sjukersättning": Occupation.COMPENSATION,
        "sjuk- eller aktivitetsersättning": Occupation.COMPENSATION,
        "annan sysselsättning": Occupation.OTHER,
        "annat": Occupation.OTHER,
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
FOLLOW_UPS = choice_lookup(
    FollowUp.choices,
    {
        "arbete": FollowUp.WORK,
        "studier": FollowUp.STUDIES,
        "offentlig försörjning": FollowUp.PUBLIC_SUPPORT,
        "okänd": FollowUp.UNKNOWN,
        "okänt": FollowUp.UNKNOWN,
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
class NewParticipant:
    """What a checked row of a new participant leaves to be written: the record's values
    (``WRITTEN``'s, in order: ``written_values``) and its support at start and end (not the
    whole form, so that a large file stays small)."""

    values: list
    support_at_start: list
    support_at_end: list

    @classmethod
    def from_cleaned(cls, values, cleaned_data):
        return cls(values, cleaned_data.get("support_at_start", []), cleaned_data.get("support_at_end", []))


def save_new_participants(new):
    """The new participants of checked rows, written together from their values: the rows
    and their history in one statement each, then their support at start and end likewise."""
    user = acting_user()
    keys = create_rows_with_history(Participant, [row.values for row in new], user)
    supports = [
        (pk, phase, kind)  # ParticipantSupport's participant, phase and kind
        for row, pk in zip(new, keys, strict=True)
        for phase, kinds in (
            (ParticipantSupport.Phase.START, row.support_at_start),
            (ParticipantSupport.Phase.END, row.support_at_end),
        )
        for kind in kinds
    ]
    create_rows_with_history(ParticipantSupport, supports, user)


def save_changed_participants(changed, held):
    """The changed participants of checked rows ((participant, cleaned data) pairs), written
    together: the records and their history in one statement each, then their supports as
    ``support_changes`` finds them, removed and added together. ``held``: each participant's
    supports as read, (pk, phase, kind)."""
    user = acting_user()
    update_with_history([participant for participant, _cleaned in changed], Participant, user)
    removed, added = [], []
    for participant, cleaned in changed:
        gone, new = support_changes(participant, held.get(participant.pk, []), cleaned)
        removed += gone
        added += new
    delete_with_history(removed, ParticipantSupport, user)
    create_with_history(added, ParticipantSupport, user)


def supports_held(participant_pks):
    """The supports of the participants as read now, participant's pk → [(pk, phase, kind)]:
    plain values in one query, not a record for each."""
    held = {}
    supports = ParticipantSupport.objects.filter(any_of("participant", list(participant_pks)))
    for pk, participant_id, phase, kind in supports.values_list("pk", "participant_id", "phase", "kind"):
        held.setdefault(participant_id, []).append((pk, phase, kind))
    return held


# A save writes the rows checked so far every so many rows, inside its one transaction, so
# that a large file's records are not all held at once.
WRITE_EVERY = 5_000


def write_participants(new, changed, held):
    """Write the checked rows kept so far: the new participants, then the changed ones."""
    save_new_participants(new)
    save_changed_participants(changed, held)


# What a check keeps of a row to write, for the confirmation (``ImportResult.checked``): the
# record's key (None for a new one), its every field as checked, and its support at start and
# at end (None for a phase the file leaves as it is).
WRITTEN = [field for field in Participant._meta.concrete_fields if not field.primary_key]
written_values = attrgetter(*(field.attname for field in WRITTEN))
DATES = [n for n, field in enumerate(WRITTEN) if field.get_internal_type() == "DateField"]


def checked_row(participant, cleaned):
    return [participant.pk, written_values(participant), cleaned.get("support_at_start"), cleaned.get("support_at_end")]


def participant_of(pk, values):
    """The record a checked row writes, as it was when checked (``checked_row``)."""
    for n in DATES:
        if values[n] is not None:
            values[n] = date.fromisoformat(values[n])
    return Participant(pk, *values)


def supports_of(supports):
    """A checked row's support at start and at end as the cleaned data of its check."""
    return {field: kinds for (_phase, field), kinds in zip(SUPPORT_FIELDS, supports, strict=True) if kinds is not None}


def answer_spellings(question):
    """{a way of writing an answer, normalised: the answer the question's form field reads}:
    ja/nej however written, an option however cased (a value not among them is left as it is,
    for the field to refuse). Made once for a file, not for each of its rows."""
    if question.answer_kind == SupplementaryQuestion.AnswerKind.YES_NO:
        return dict.fromkeys(YES, "ja") | dict.fromkeys(NO, "nej")
    if question.answer_kind == SupplementaryQuestion.AnswerKind.CHOICE:
        return {normalise(option): option for option in reversed(question.option_list)}  # the first wins
    return {}


def saved_meanwhile():
    result = ImportResult(rows=0)
    result.problems.append(Problem(1, _("file"), _("Someone saved the same participants meanwhile.")))
    return result


class ParticipantImporter(Importer):
    """Checks and saves the rows of one file for one federation."""

    headers, required_headers = list(COLUMNS), REQUIRED

    def __init__(self, federation, user=None, progress=None):
        super().__init__(federation, user, progress)
        self.interventions = Intervention.objects.of_federation(federation).individual()
        if user is not None:
            self.interventions = self.interventions.filter(pk__in=Intervention.objects.visible_to(user, federation))
        interventions = list(self.interventions.prefetch_related("end_classes", "municipalities"))
        self.importable = sorted(intervention.pk for intervention in interventions)
        self.intervention_by_name = names_index(interventions, "name", "short_name")
        municipalities = list(Municipality.objects.of_members(federation))
        self.municipality_by_name = {key: m.pk for key, m in names_index(municipalities, "name", "code").items()}
        organisations = list(MemberOrganisation.objects.of_members(federation))
        self.organisation_by_name = {key: o.pk for key, o in names_index(organisations, "name", "short_name").items()}
        # Every row's form chooses among these, read once for the file (the same choices the
        # form itself would read).
        end_classes = []
        for intervention in interventions:
            for end_class in intervention.end_classes.all():
                end_class.intervention = intervention
                end_classes.append(end_class)
        # The federation's own questions, each with its column (docs/import-formats.md).
        self.questions = list(SupplementaryQuestion.objects.of_federation(federation))
        self.answer_columns = [(normalise(q.column), q.field_name, answer_spellings(q)) for q in self.questions]
        self.columns = {**COLUMNS, **{normalise(q.column): q.field_name for q in self.questions}}
        self.header_of_field = {**HEADER_OF_FIELD, **{q.field_name: q.column for q in self.questions}}
        self.known = {
            "intervention": {str(record.pk): record for record in interventions},
            "municipality": {str(record.pk): record for record in municipalities},
            "referred_by": {str(record.pk): record for record in organisations},
            "end_class": {str(record.pk): record for record in end_classes},
        }

    def run(self, content, filename, save=False):
        """Check every row; with ``save``, save them all if (and only if) all are valid, in
        one transaction with the check, so that what was checked is what is written."""
        if not save:
            return self.check_and_save(content, filename, save=False)
        try:
            with transaction.atomic():
                return self.check_and_save(content, filename, save=True)
        except IntegrityError:  # someone saved the same participant between our check and our write
            return saved_meanwhile()

    def checked_against(self):
        """What a check's outcome rests on: the recorded data of the federation (and of its
        county: the interventions, their participants), the interventions the importer may
        write to, and the day (a rule may read today's date)."""
        return [timezone.localdate().isoformat(), data_version([self.federation.pk]), self.importable]

    def save_checked(self, checked):
        """Write the rows a check found (``checked_row``), if what it was checked against
        holds: the participants it changes are locked first, so that none changes after."""
        rows = unpacked(checked)
        found = json.loads(rows.pop())  # what the check found, after the rows
        changed = found["changed"]
        try:
            with transaction.atomic():
                list(locked(Participant.objects.filter(any_of("pk", changed))).values_list("pk", flat=True))
                if self.checked_against() != found["version"]:
                    return None
                held = supports_held(changed)
                for start in range(0, len(rows), WRITE_EVERY):
                    new, updated = [], []
                    for line in rows[start : start + WRITE_EVERY]:
                        pk, values, *supports = json.loads(line)
                        if pk is None:  # written from its values as checked, its dates as text
                            new.append(NewParticipant.from_cleaned(values, supports_of(supports)))
                        else:
                            updated.append((participant_of(pk, values), supports_of(supports)))
                    write_participants(new, updated, held)
                    self.advance(min(start + WRITE_EVERY, len(rows)), len(rows))
        except IntegrityError:
            return saved_meanwhile()
        created = len(rows) - len(changed)
        return ImportResult(found["rows"], created, len(changed), found["unchanged"], saved=True)

    def check_and_save(self, content, filename, save):
        result, rows = read_rows(content, filename, self.columns, REQUIRED)
        if rows is None:
            return result
        version = None if save else self.checked_against()  # read before the data it stands for
        existing = self.existing_participants((row for _number, row in rows), lock=save)
        held = supports_held(participant.pk for participant in existing.values())
        same_codes = self.same_codes(row for _number, row in rows)
        # A column the file leaves out leaves what the participants have: the form holds
        # the file's columns only.
        given = {self.columns[header] for header in rows[0][1]} if rows else set()
        form = ParticipantForm(
            federation=self.federation,
            interventions=self.interventions,
            with_survey=False,
            known=self.known,
            only=given,
            supplementary=self.questions,
        )
        checks = ParticipantRows(form)
        new, changed = [], []  # NewParticipant; (participant, its cleaned data) the file changes
        checked, changed_pks = Packed(), []  # a check's rows to write (checked_row), while every row is valid
        seen = {}
        too_early = {}  # intervention → [rows enrolling before it starts, earliest enrolment]
        for done, (number, row) in enumerate(rows, start=1):
            self.advance(done, len(rows))
            data, problems = self.form_data(row, number)
            result.problems += problems
            intervention = self.intervention_by_name.get(normalise(row.get("insats")))
            instance = None
            if intervention is not None:
                key = (intervention.pk, normalise(row["kod"]))
                if key in seen:
                    message = _("participant %(code)s is already on row %(row)s") % {
                        "code": row["kod"],
                        "row": seen[key],
                    }
                    result.problems.append(Problem(number, "kod", message))
                    continue
                seen[key] = number
                instance = existing.get((intervention.pk, row["kod"], data["enrolled_on"]))
            changed_fields = None
            if instance is not None:
                supports = [(phase, kind) for _pk, phase, kind in held.get(instance.pk, [])]
                changed_fields = checks.changed(data, instance, supports)
            instance = instance or checks.new_record()
            instance.same_codes = same_codes
            cleaned, errors = checks.check(data, instance)
            # Every problem of the row at once: the form's too, but not again for a column
            # whose value was already refused.
            refused = {problem.column for problem in problems}
            for field_name, messages in errors.items():
                column = self.header_of_field.get(field_name, field_name if field_name != "__all__" else _("row"))
                if column not in refused:
                    result.problems += [Problem(number, column, message) for message in messages]
            enrolled_on = cleaned.get("enrolled_on")
            if "enrolled_on" in errors and intervention and enrolled_on and enrolled_on < intervention.starts_on:
                rows_and_day = too_early.setdefault(intervention, [0, enrolled_on])
                rows_and_day[0] += 1
                rows_and_day[1] = min(rows_and_day[1], enrolled_on)
            if problems or errors:
                continue
            # Only a save keeps what it writes: a check of a large file counts its rows.
            if instance.pk is None:
                result.created += 1
                if save:
                    new.append(NewParticipant.from_cleaned(written_values(instance), cleaned))
                result.plan(number, row["kod"], intervention, "new")
            elif changed_fields:
                result.updated += 1
                if save:
                    changed.append((instance, cleaned))
                columns = [self.header_of_field.get(name, name) for name in changed_fields]
                result.plan(number, row["kod"], intervention, "changed", columns)
            else:
                result.unchanged += 1
                result.plan(number, row["kod"], intervention, "unchanged")
            if not save and result.is_valid and (instance.pk is None or changed_fields):
                checked.add(checked_row(instance, cleaned))
                if instance.pk is not None:
                    changed_pks.append(instance.pk)
            if save and result.is_valid and len(new) + len(changed) >= WRITE_EVERY:
                write_participants(new, changed, held)
                new, changed = [], []
        for intervention, (count, earliest) in too_early.items():
            result.suggest(
                "move_start",
                url_name="interventions:participant-import-move-start",
                intervention=intervention.pk,
                earliest=earliest.isoformat(),
                message=ngettext(
                    "%(intervention)s starts on %(starts_on)s, but a row enrols before that, on %(earliest)s.",
                    "%(intervention)s starts on %(starts_on)s, but %(count)s rows enrol before that, the first on "
                    "%(earliest)s.",
                    count,
                )
                % {
                    "intervention": intervention,
                    "starts_on": intervention.starts_on,
                    "earliest": earliest,
                    "count": count,
                },
                button=_("Move the start of %(intervention)s to %(earliest)s")
                % {"intervention": intervention, "earliest": earliest},
            )
        if not save and result.is_valid:
            checked.add(
                {"version": version, "rows": result.rows, "unchanged": result.unchanged, "changed": changed_pks}
            )
            result.checked = checked.bytes()
        if save and result.is_valid:
            write_participants(new, changed, held)
            result.saved = True
        elif save:  # a later row's problem undoes the rows written before it
            transaction.set_rollback(True)
        return result

    def existing_participants(self, rows, lock=False):
        """The federation's own participants named by the rows; with ``lock``, under a row
        lock held until the file is saved, so that what is checked is what is overwritten.
        Another federation's participant in a shared intervention is never matched: a row
        with the same code is this federation's own participant, new or not."""
        codes = {row.get("kod") for row in rows}
        participants = Participant.objects.residents(self.federation).filter(
            any_of("code", codes), intervention__in=self.interventions
        )  # an anonymised one too: its row is refused (Participant.clean), never taken as new
        if lock:
            participants = locked(participants)
        return {(p.intervention_id, p.code, p.enrolled_on.isoformat()): p for p in participants}

    def same_codes(self, rows):
        """The federation's participants of the importable interventions holding one of the
        file's codes, in one query: what each row's overlapping-period check reads."""
        codes = {row.get("kod") for row in rows}
        found = {}
        participants = Participant.objects.residents_in(self.federation, self.interventions)
        for participant in participants.filter(any_of("code", codes)).only(
            "pk", "intervention_id", "code", "enrolled_on", "ended_on"
        ):
            found.setdefault((participant.intervention_id, participant.code), []).append(participant)
        return found

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
            "registration": lookup("registrering", REGISTRATIONS, WHAT["registration"]) or Registration.CONSENT,
            "gender": lookup("kön", GENDERS, WHAT["gender"]),
            "birth_year": row.get("födelseår", ""),
            "municipality": lookup("kommun", self.municipality_by_name, WHAT["municipality"]),
            "referred_by": lookup("remittent", self.organisation_by_name, WHAT["member organisation"]),
            "enrolled_on": date_text(row.get("inskriven", "")),
            "ended_on": date_text(row.get("avslutad", "")),
            "end_reason": lookup("avslutsorsak", END_REASONS, WHAT["end reason"]),
            "years_in_support": row.get("år i offentlig försörjning", ""),
            "education": lookup("utbildning", EDUCATION, WHAT["education"]),
            "occupation_start": lookup("sysselsättning start", OCCUPATIONS, WHAT["occupation"]),
            "occupation_start_extent": row.get("omfattning start", "").rstrip("% "),
            "occupation_end": lookup("sysselsättning avslut", OCCUPATIONS, WHAT["occupation"]),
            "occupation_end_extent": row.get("omfattning avslut", "").rstrip("% "),
            "health_start": row.get("hälsa start", ""),
            "health_end": row.get("hälsa avslut", ""),
            "quality_of_life_start": row.get("livskvalitet start", ""),
            "quality_of_life_end": row.get("livskvalitet avslut", ""),
            "follow_up_6_months": lookup("uppföljning 6 mån", FOLLOW_UPS, WHAT["follow-up"]),
            "follow_up_12_months": lookup("uppföljning 12 mån", FOLLOW_UPS, WHAT["follow-up"]),
        }
        for column in ("arbetsförmåga vid avslut", "fullföljd utbildning", "praktik"):
            value = normalise(row.get(column, ""))
            if value and value not in YES | NO:
                problem(column, _("write ja or nej, not “%(value)s”") % {"value": row[column]})
        for column in ("arbetsförmåga vid avslut", "fullföljd utbildning"):
            answer = normalise(row.get(column, ""))
            data[COLUMNS[column]] = "true" if answer in YES else "false" if answer in NO else "unknown"
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
        data.update(self.answers(row))
        return data, problems

    def answers(self, row):
        """The row's answers to the federation's own questions, as their form fields read them
        (``answer_spellings``)."""
        answers = {}
        for column, field_name, spellings in self.answer_columns:
            value = row.get(column, "").strip()
            answers[field_name] = spellings.get(normalise(value), value)
        return answers
