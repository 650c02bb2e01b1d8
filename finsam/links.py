"""Links to many records of one kind, as a list page makes them."""

from django.urls import reverse

SENTINEL = 2_147_483_647  # a pk no record has, to find where the pk goes in the URL


def record_url(viewname, **kwargs):
    """The URL of ``viewname`` for any record, reversed once: a function of the record's
    pk. A page of 50 rows with three links each then reverses three times, not 150."""
    prefix, suffix = reverse(viewname, kwargs={**kwargs, "pk": SENTINEL}).split(str(SENTINEL))
    return lambda pk: f"{prefix}{pk}{suffix}"
