"""Who changed what, and when, in a federation's registry: one list across every kind
of record, newest first, read from django-simple-history's tables in one query."""

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast

from .models import (
    BoardSeat,
    DiaryEntry,
    Federation,
    FiscalYear,
    GoverningDocument,
    GroupMembership,
    Meeting,
    MeetingCount,
    MemberOrganisation,
    Membership,
    Municipality,
    Person,
    Role,
    StaffPost,
)

COLUMNS = (
    "history_id",
    "history_date",
    "history_type",
    "history_user__username",
    "history_change_reason",
    "record_kind",
    "record_label",
)

# Each kind of record: how to find the federation's rows, and what names a row. An app
# above this one adds its own registers (``interventions.apps``).
TRACKED = [
    (Federation, lambda f: Q(id=f.pk), "name"),
    (Membership, lambda f: Q(federation_id=f.pk), "organisation__name"),
    (BoardSeat, lambda f: Q(federation_id=f.pk), "person__name"),
    (GroupMembership, lambda f: Q(federation_id=f.pk), "person__name"),
    (StaffPost, lambda f: Q(federation_id=f.pk), "person__name"),
    (FiscalYear, lambda f: Q(federation_id=f.pk), "year"),
    (Person, lambda f: Q(county_id=f.county_id), "name"),
    (MemberOrganisation, lambda f: Q(county_id=f.county_id), "name"),
    (Municipality, lambda f: Q(county_id=f.county_id), "name"),
    (DiaryEntry, lambda f: Q(federation_id=f.pk), "title"),
    (Meeting, lambda f: Q(federation_id=f.pk), "held_on"),
    (MeetingCount, lambda f: Q(federation_id=f.pk), "year"),
    (GoverningDocument, lambda f: Q(federation_id=f.pk), "title"),
    (Role, lambda f: Q(federation_id=f.pk), "user__username"),
]


def tracked_kinds():
    return [(model._meta.model_name, model._meta.verbose_name_plural.capitalize()) for model, _, _ in TRACKED]


def changes_of(federation, kinds=None):
    """Every recorded change to the federation and its county's shared records (or to
    the ``kinds`` of record named), as dicts with ``COLUMNS``, newest first."""
    parts = [
        model.history.filter(scope(federation))
        .order_by()
        .annotate(
            record_kind=Value(str(model._meta.verbose_name), output_field=CharField()),
            record_label=Cast(label_field, output_field=CharField()),
        )
        .values(*COLUMNS)
        for model, scope, label_field in TRACKED
        if not kinds or model._meta.model_name in kinds
    ]
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")
