import io

import pypdf
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from PIL import Image

from finsam.compat import AdjustsModelValidation
from finsam.locking import VersionedModelForm
from finsam.privacy import validate_no_identity_number

from .diary import numbered, parse_registry_number
from .models import (
    BoardSeat,
    DiaryEntry,
    Federation,
    FiscalYear,
    GoverningDocument,
    GroupMembership,
    Meeting,
    MeetingCount,
    MeetingDecision,
    MemberOrganisation,
    Membership,
    Municipality,
    Person,
    Population,
    StaffPost,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FederationScopedForm(AdjustsModelValidation, VersionedModelForm):
    """A form for a record of one federation (or of its county).

    It sets the record's federation or county before validation, so that the model's
    own rules and unique constraints see it, and offers only choices from the same
    federation's county.
    """

    scope_fields = {"federation", "county"}

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, **kwargs)
        self.federation = federation
        field_names = {field.name for field in self.instance._meta.fields}
        if "federation" in field_names:
            self.instance.federation = federation
        if "county" in field_names:
            self.instance.county = federation.county
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "of_federation"):
                field.queryset = queryset.of_federation(federation)

    def model_validation_exclusions(self, exclusions):
        return exclusions - self.scope_fields


PERIOD_WIDGETS = {"starts_on": DateInput(), "ends_on": DateInput()}


class FederationForm(VersionedModelForm):
    class Meta:
        model = Federation
        fields = [
            "name",
            "short_name",
            "organisation_number",
            "founded_on",
            "vision",
            "protect_small_numbers_in_reports",
            "small_number_threshold",
            "retention_years",
            "socioeconomic_basis",
            "contact_phone",
            "contact_email",
            "contact_web",
        ]
        widgets = {"founded_on": DateInput(), "vision": forms.Textarea(attrs={"rows": 3})}

    logo_file = forms.ImageField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, at most 2 MB: printed on the cover of the federation's documents."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if upload and upload.size > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo is larger than 2 MB."))
        return upload

    def save(self, commit=True):
        federation = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            federation.logo = b""
        elif upload := self.cleaned_data.get("logo_file"):
            federation.logo = logo_png(upload)
        if commit:
            federation.save()
        return federation


MAX_LOGO_BYTES = 2 * 2**20
LOGO_SIZE = (800, 400)  # at most, in pixels: enough for a cover at print resolution


def logo_png(upload):
    """The uploaded image as a PNG of at most ``LOGO_SIZE``, without the file's metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        image.thumbnail(LOGO_SIZE)
        # On white, without transparency: the statements are archived as PDF/A.
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.convert("RGBA").getchannel("A"))
        out = io.BytesIO()
        flat.save(out, format="PNG", optimize=True)
    return out.getvalue()


class MembershipForm(FederationScopedForm):
    class Meta:
        model = Membership
        fields = ["organisation", "starts_on", "ends_on"]
        widgets = PERIOD_WIDGETS


class BoardSeatForm(FederationScopedForm):
    class Meta:
        model = BoardSeat
        fields = ["person", "kind", "appointed_by", "office", "starts_on", "ends_on"]
        widgets = PERIOD_WIDGETS


class GroupMembershipForm(FederationScopedForm):
    class Meta:
        model = GroupMembership
        fields = ["group", "person", "representing", "is_deputy", "role", "starts_on", "ends_on"]
        widgets = PERIOD_WIDGETS


class StaffPostForm(FederationScopedForm):
    class Meta:
        model = StaffPost
        fields = ["person", "title", "share_percent", "note", "starts_on", "ends_on"]
        widgets = PERIOD_WIDGETS


class FiscalYearForm(FederationScopedForm):
    class Meta:
        model = FiscalYear
        fields = ["year", "status", "adopted_on", "employees"]
        widgets = {"adopted_on": DateInput()}


class PersonForm(FederationScopedForm):
    class Meta:
        model = Person
        fields = ["name", "title", "organisation", "email", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A login of someone who holds a role in this federation, no one else's.
        self.fields["user"].queryset = (
            get_user_model().objects.filter(finsam_roles__federation=self.federation).distinct().order_by("username")
        )


class MemberOrganisationForm(FederationScopedForm):
    """A member organisation of the county; a new one may join the federation at once."""

    member_since = forms.DateField(
        label=_("Member of the federation since"),
        required=False,
        widget=DateInput(),
        help_text=_("Fill it in to record its membership with it; leave it empty for another federation's member."),
    )

    class Meta:
        model = MemberOrganisation
        fields = ["kind", "name", "short_name", "municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # its memberships are kept in their own register
            del self.fields["member_since"]

    def save(self, commit=True):
        organisation = super().save(commit)
        if commit and self.cleaned_data.get("member_since"):
            membership = Membership(
                federation=self.federation, organisation=organisation, starts_on=self.cleaned_data["member_since"]
            )
            membership.full_clean()
            membership.save()
        return organisation


class MunicipalityForm(FederationScopedForm):
    class Meta:
        model = Municipality
        fields = ["name", "code"]


PopulationFormSet = forms.inlineformset_factory(
    Municipality,
    Population,
    fields=["year", "inhabitants"],
    extra=1,
    can_delete=True,
    labels={"inhabitants": _("inhabitants on 1 July")},
)


class DiaryEntryForm(FederationScopedForm):
    """Register a document: the number is the next of the year's series, given on saving."""

    class Meta:
        model = DiaryEntry
        fields = ["registered_on", "kind", "title", "counterpart"]
        widgets = {"registered_on": DateInput()}

    def clean_registered_on(self):
        registered_on = self.cleaned_data["registered_on"]
        if self.instance.pk and registered_on.year != self.instance.year:
            raise forms.ValidationError(
                _("%(number)s belongs to %(year)s's series; register the document anew for another year.")
                % {"number": self.instance.registry_number, "year": self.instance.year}
            )
        return registered_on

    def save(self, commit=True):
        if not self.instance.pk:
            numbered(self.instance)
        return super().save(commit)


MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def pdf_field(label, help_text):
    """An optional upload of a PDF (checked by ``pdf_upload``)."""
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=help_text,
    )


def pdf_upload(upload):
    """(name, bytes) of an uploaded PDF of at most 10 MB whose name holds no identity
    number, or None when nothing was uploaded."""
    if not upload:
        return None
    if upload.size > MAX_DOCUMENT_BYTES:
        raise forms.ValidationError(_("The file is larger than 10 MB."))
    content = upload.read()
    if not opens_as_pdf(content):
        raise forms.ValidationError(_("The file is not a PDF, or a damaged one: save it as PDF again."))
    validate_no_identity_number(upload.name)
    return upload.name, content


def opens_as_pdf(content):
    """Whether ``content`` is a PDF a reader opens, with at least one page: not merely a
    file that begins with ``%PDF-`` (an HTML page behind such a start is refused)."""
    if not content.startswith(b"%PDF-"):
        return False
    try:
        return len(pypdf.PdfReader(io.BytesIO(content), strict=True).pages) > 0
    except Exception:  # pypdf raises many kinds of errors on what is not a PDF
        return False


class GoverningDocumentForm(FederationScopedForm):
    """The document's facts and its adopted file, a PDF up to 10 MB (kept as it was
    uploaded; a new upload replaces it)."""

    file = pdf_field(_("Adopted document (PDF)"), _("The version the board adopted, as PDF, at most 10 MB."))

    class Meta:
        model = GoverningDocument
        fields = ["kind", "title", "adopted_on", "next_review_on"]
        widgets = {"adopted_on": DateInput(), "next_review_on": DateInput()}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload and not self.instance.pk:
            raise forms.ValidationError(_("Attach the adopted document."))
        return pdf_upload(upload)

    def save(self, commit=True):
        if self.cleaned_data.get("file"):
            self.instance.filename, self.instance.content = self.cleaned_data["file"]
        return super().save(commit)


class MeetingForm(FederationScopedForm):
    """A meeting, who attended it and its minutes (the adjusted PDF, up to 10 MB)."""

    minutes_file = pdf_field(
        _("Minutes (PDF)"), _("The adjusted minutes, as PDF, at most 10 MB. A new upload replaces the kept file.")
    )

    class Meta:
        model = Meeting
        fields = ["body", "held_on", "place", "agenda", "attendees"]
        widgets = {
            "held_on": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "attendees": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, federation=federation, **kwargs)
        self.fields["attendees"].queryset = Person.objects.of_federation(federation).serving(federation)
        self.fields["attendees"].label_from_instance = lambda person: (
            f"{person.name}, {person.organisation.short_name or person.organisation}"
            if person.organisation
            else person.name
        )

    def clean_minutes_file(self):
        return pdf_upload(self.cleaned_data["minutes_file"])

    def save(self, commit=True):
        if self.cleaned_data.get("minutes_file"):
            self.instance.minutes_filename, self.instance.minutes = self.cleaned_data["minutes_file"]
        return super().save(commit)


class MeetingDecisionForm(forms.ModelForm):
    """A decision (§) of the meeting; its registry number is typed ("2025:07") and must be
    one the federation's diary has given."""

    registry_number = forms.CharField(
        label=_("Registry number"),
        required=False,
        max_length=20,
        help_text=_("E.g. 2025:07."),
        widget=forms.TextInput(attrs={"class": "narrow"}),
    )

    class Meta:
        model = MeetingDecision
        fields = ["paragraph", "title", "decision"]
        widgets = {
            "paragraph": forms.NumberInput(attrs={"class": "narrow"}),
            "decision": forms.Textarea(attrs={"rows": 2, "cols": 30}),
        }

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, **kwargs)
        self.federation = federation
        if self.instance.diary_entry_id:
            entry = self.instance.diary_entry
            self.fields["registry_number"].initial = f"{entry.year}:{entry.number:02d}"

    def clean_registry_number(self):
        text = self.cleaned_data["registry_number"].strip()
        if not text:
            return None
        number = parse_registry_number(text)
        entry = (
            DiaryEntry.objects.of_federation(self.federation).filter(year=number[0], number=number[1]).first()
            if number
            else None
        )
        if entry is None:
            raise forms.ValidationError(_("The diary has no %(number)s.") % {"number": text})
        return entry

    def save(self, commit=True):
        self.instance.diary_entry = self.cleaned_data.get("registry_number")
        return super().save(commit)


class BaseMeetingDecisionFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, form_kwargs={"federation": federation}, **kwargs)


MeetingDecisionFormSet = forms.inlineformset_factory(
    Meeting, MeetingDecision, form=MeetingDecisionForm, formset=BaseMeetingDecisionFormSet, extra=2, can_delete=True
)
MeetingDecisionFormSet.scoped = True  # built with the federation, to look the registry numbers up in its diary


class MeetingCountForm(FederationScopedForm):
    """A past year's number of meetings, in one form rather than a meeting at a time."""

    class Meta:
        model = MeetingCount
        fields = ["year", "body", "count", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class NewTermForm(forms.Form):
    """When the new term starts (and ends): the last term's board is copied into it."""

    starts_on = forms.DateField(label=_("The new term starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("and ends"), widget=DateInput(), required=False)

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return cleaned
