"""The interventions' own texts for the federation's documents: who may write which, the
form, and what changed since last year's text (the new year's text starts as a copy of it)."""

import difflib

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from finsam.locking import VersionedModelForm
from interventions.models import Intervention

from .models import InterventionText


def writable_interventions(user, federation, year):
    """The interventions of ``federation`` running in ``year`` whose texts ``user`` may
    write: the office any, intervention staff their own."""
    return (
        Intervention.objects.visible_to(user, federation)
        .filter(pk__in=Intervention.objects.running_in(year).values("pk"))
        .order_by("kind", "name")
    )


def text_for(federation, intervention, document, year):
    """The saved text, or a new one that starts as last year's (its status a draft)."""
    text = InterventionText.objects.filter(
        federation=federation, intervention=intervention, document=document, year=year
    ).first()
    if text is not None:
        return text
    text = InterventionText(federation=federation, intervention=intervention, document=document, year=year)
    last_year = text.last_years()
    if last_year is not None:
        for name in [*InterventionText.SECTIONS[document], "figures_sentence"]:
            setattr(text, name, getattr(last_year, name))
    return text


class InterventionTextForm(VersionedModelForm):
    """The sections the document asks for, and the status: intervention staff mark their
    text ready, the office approves it. A change by anyone else to an approved text sends it
    back to the office as ready."""

    class Meta:
        model = InterventionText
        fields = ["results", "went_well", "went_badly", "gender_equality", "changes", "figures_sentence", "status"]
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 6})
                for name in ["results", "went_well", "went_badly", "gender_equality", "changes"]
            },
            "figures_sentence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, can_approve, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_approve = can_approve
        sections = InterventionText.SECTIONS[self.instance.document]
        for name in [
            name for name in InterventionText.SECTIONS[InterventionText.Document.ANNUAL] if name not in sections
        ]:
            del self.fields[name]
        if self.instance.document != InterventionText.Document.ANNUAL:
            del self.fields["figures_sentence"]  # only the annual report's chapter has the figures
        if not can_approve:
            self.fields["status"].choices = [
                choice for choice in InterventionText.Status.choices if choice[0] != InterventionText.Status.APPROVED
            ]
            if self.instance.status == InterventionText.Status.APPROVED:
                self.initial["status"] = InterventionText.Status.READY

    @property
    def section_fields(self):
        return [self[name] for name in InterventionText.SECTIONS[self.instance.document]]


def text_changes(before, after):
    """``after`` with what differs from ``before`` marked, word by word: removed words in
    ``<del>``, added in ``<ins>`` (escaped, safe to print)."""
    old, new = before.split(), after.split()
    parts = []
    for operation, old_start, old_end, new_start, new_end in difflib.SequenceMatcher(a=old, b=new).get_opcodes():
        if operation in ("replace", "delete"):
            parts.append(("<del>{}</del> ", " ".join(old[old_start:old_end])))
        if operation in ("replace", "insert"):
            parts.append(("<ins>{}</ins> ", " ".join(new[new_start:new_end])))
        if operation == "equal":
            parts.append(("{} ", " ".join(new[new_start:new_end])))
    return format_html_join("", "{}", ((format_html(template, words),) for template, words in parts))


def sections_beside_last_year(form, last_year):
    """[(field, last year's text, what changed)] for the edit page."""
    rows = []
    for field in form.section_fields:
        before = getattr(last_year, field.name) if last_year else ""
        now = form.instance.pk and getattr(form.instance, field.name)
        rows.append((field, before, text_changes(before, now) if before and now and before != now else ""))
    return rows


def document_texts(federation, document, year, interventions):
    """[(intervention, its text or None)] of ``interventions`` for a document, in one query."""
    texts = InterventionText.objects.of_document(federation, document, year)
    return [(intervention, texts.get(intervention.pk)) for intervention in interventions]


def written(pairs):
    """The (intervention, text) of ``pairs`` with something written: what a document prints."""
    return [(intervention, text) for intervention, text in pairs if text is not None and text.sections]


def text_remarks(pairs):
    """The checklist's remarks on the interventions' texts of a document: those without one
    (their chapter then has figures only) and those the office has not approved."""
    missing = [str(intervention) for intervention, text in pairs if text is None or not text.sections]
    unapproved = [
        str(intervention)
        for intervention, text in pairs
        if text is not None and text.sections and text.status != InterventionText.Status.APPROVED
    ]
    remarks = []
    if missing:
        remarks.append(
            _("No text of their own, so their chapters show figures only: %(names)s.") % {"names": ", ".join(missing)}
        )
    if unapproved:
        remarks.append(_("Texts not yet approved by the office: %(names)s.") % {"names": ", ".join(unapproved)})
    return remarks
