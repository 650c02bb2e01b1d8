"""The federation's diary (diarium): numbers in a series per federation and year, handed
out one at a time. The federation's row is locked while the next number is taken, so two
registrations at once get two numbers, and the database's unique constraint is the last
guard."""

import re

from django.db.models import Max
from django.utils import timezone

from .models import DiaryEntry, Federation

REGISTRY_NUMBER = re.compile(r"(?:dnr\s*)?(\d{4})\s*[:/-]\s*(\d{1,4})", re.IGNORECASE)


def numbered(entry):
    """Give an unsaved ``entry`` the next number of its federation's series for its year."""
    Federation.objects.select_for_update().filter(pk=entry.federation_id).first()
    entry.year = entry.registered_on.year
    taken = DiaryEntry.objects.filter(federation_id=entry.federation_id, year=entry.year).aggregate(Max("number"))
    entry.number = (taken["number__max"] or 0) + 1
    return entry


def register(federation, kind, title, registered_on=None, counterpart=""):
    """Register a document and return its entry (the caller's transaction holds the lock)."""
    entry = DiaryEntry(
        federation=federation,
        kind=kind,
        title=title,
        counterpart=counterpart,
        registered_on=registered_on or timezone.localdate(),
    )
    numbered(entry).save()
    return entry


def parse_registry_number(text):
    """(year, number) of "Dnr 2025:07", "2025:7" or "2025-07", or None."""
    match = REGISTRY_NUMBER.fullmatch(text.strip())
    return (int(match[1]), int(match[2])) if match else None
