"""Import the waiting list from CSV or Excel, as an intervention's own list of referrals has
it: one row a referral (the format is in ``docs/import-formats.md``). Each row is checked by
the register's own form (``ReferralForm``: the same rules and messages as a referral added by
hand) against the rows above it, written in file order inside a transaction that a check
undoes; all or nothing. A row with the code and day of referral of one already there updates
it, so that the same file imported again changes nothing and a later file can close them."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federations.imports.files import Importer, Problem, date_text, names_index, normalise, read_rows, written_in_order
from federations.models import MemberOrganisation, Municipality
from finsam.locking import version_of

from .importers import GENDERS
from .models import Intervention, Referral
from .sus_forms import ReferralForm

COLUMNS = ["insats", "kod", "kön", "kommun", "remitterad", "remittent", "lämnade", "resultat"]
REQUIRED = ["insats", "kod", "kön", "kommun", "remitterad"]
COLUMN_OF_FIELD = {
    "intervention": "insats",
    "code": "kod",
    "gender": "kön",
    "municipality": "kommun",
    "referred_on": "remitterad",
    "referred_by": "remittent",
    "closed_on": "lämnade",
    "outcome": "resultat",
}
OUTCOMES = {
    "inskriven": Referral.Outcome.ENROLLED,
    "avbröt": Referral.Outcome.WITHDRAWN,
    "avbrutit": Referral.Outcome.WITHDRAWN,
    "passade inte": Referral.Outcome.WITHDRAWN,
}


class ReferralImporter(Importer):
    headers, required_headers = COLUMNS, REQUIRED
    plan_headers = (gettext_lazy("Code"), gettext_lazy("Intervention"))

    def __init__(self, federation, user=None, progress=None):
        super().__init__(federation, user, progress)
        self.interventions = names_index(
            Intervention.objects.of_federation(federation).individual(), "name", "short_name"
        )
        self.municipalities = names_index(Municipality.objects.of_members(federation), "name", "code")
        self.organisations = names_index(MemberOrganisation.objects.of_members(federation), "name", "short_name")

    def run(self, content, filename, save=False):
        result, rows = read_rows(content, filename, COLUMNS, REQUIRED)
        if rows is None:
            return result
        return written_in_order(rows, self.write_row, result, save, self.advance)

    def lookup(self, table, value):
        """The record's key, the value itself where it names none (the form then refuses it)."""
        if not value:
            return ""
        found = table.get(normalise(value))
        return found.pk if found is not None else value

    def existing(self, code, referred_on):
        """The federation's referral with this code and day of referral, if there is one."""
        try:
            day = date.fromisoformat(referred_on)
        except ValueError:
            return None  # the form names the date's problem
        return Referral.objects.of_federation(self.federation).filter(code=code, referred_on=day).first()

    def write_row(self, number, row, result):
        data = {
            "intervention": self.lookup(self.interventions, row["insats"]),
            "code": row["kod"],
            "gender": GENDERS.get(normalise(row["kön"]), row["kön"]),
            "municipality": self.lookup(self.municipalities, row["kommun"]),
            "referred_on": date_text(row["remitterad"]),
            "referred_by": self.lookup(self.organisations, row.get("remittent", "")),
            "closed_on": date_text(row.get("lämnade", "")),
            "outcome": OUTCOMES.get(normalise(row.get("resultat", "")), row.get("resultat", "")),
        }
        instance = self.existing(row["kod"], data["referred_on"])
        if instance is not None:  # the row overwrites the referral as it is now, in this transaction
            data["version"] = version_of(instance)
        form = ReferralForm(data, instance=instance, federation=self.federation)
        if not form.is_valid():
            for field, messages in form.errors.items():
                column = COLUMN_OF_FIELD.get(field, _("row"))
                result.problems += [Problem(number, column, message) for message in messages]
            return
        label = form.cleaned_data["intervention"]
        if instance is None:
            form.save()
            result.created += 1
            result.plan(number, row["kod"], label, "new")
        elif form.has_changed():
            form.save()
            result.updated += 1
            result.plan(number, row["kod"], label, "changed", [COLUMN_OF_FIELD[f] for f in form.changed_data])
        else:
            result.unchanged += 1
            result.plan(number, row["kod"], label, "unchanged")
