"""A new term's board starts as a copy of the last one: every seat held on the eve of the new
term — member, deputy, appointing member, chair and vice chair — is ended there and taken
into the new term, all or nothing; the office then edits the seats that changed."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import BoardSeat


def last_terms_seats(federation, starts_on):
    """The seats held on the day before ``starts_on``."""
    eve = starts_on - timedelta(days=1)
    return (
        BoardSeat.objects.of_federation(federation)
        .filter(starts_on__lte=eve)
        .exclude(ends_on__lt=eve)
        .select_related("person", "appointed_by")
    )


@transaction.atomic
def start_new_term(federation, starts_on, ends_on=None):
    """Copy the last term's seats into a term from ``starts_on`` (to ``ends_on``): the new
    seats, or ValidationError listing every seat that cannot follow (nothing saved)."""
    seats = list(last_terms_seats(federation, starts_on))
    if not seats:
        raise ValidationError(
            _("No seat is held on the eve of %(date)s: enter the new board's seats one by one.")
            % {"date": starts_on.isoformat()}
        )
    problems, new = [], []
    for seat in seats:
        if seat.ends_on is None or seat.ends_on >= starts_on:
            seat.ends_on = starts_on - timedelta(days=1)
            seat.save()
        copy = BoardSeat(
            federation=federation,
            person=seat.person,
            kind=seat.kind,
            appointed_by=seat.appointed_by,
            office=seat.office,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        try:
            copy.full_clean()
        except ValidationError as error:
            problems += [f"{seat}: {message}" for message in error.messages]
            continue
        copy.save()
        new.append(copy)
    if problems:  # raised inside the transaction: the ended seats are not ended either
        raise ValidationError(problems)
    return new
