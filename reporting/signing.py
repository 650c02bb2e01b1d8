"""Board members sign the adopted annual report in finsam, each with the second factor.

The signatories are the ordinary members of the report's year's board; a member signs with
the login the office has linked to them (``Person.user``). Each signature is kept with who
and when, and with a new copy of the PDF drawn from the document as adopted
(``AdoptedReport.pdf_html``) with its signature page drawn again — the adopted figures
unchanged, whatever has been corrected since. The report is signed when every member has."""

import hashlib
import re
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string

from federations.board import board_of_year

from .models import AdoptedReport, Signature
from .pdf import pdf_of_html

SIGNATURE_PAGE = re.compile(r"<!--signatures-->.*?<!--/signatures-->", re.S)


class NotASignatory(Exception):
    """The user is not linked to an ordinary member of the report's year's board."""


class AlreadySigned(Exception):
    pass


@dataclass(frozen=True)
class SignatureLine:
    seat: object  # federations.BoardSeat
    organisation: object  # who appointed the member
    signature: Signature | None = None


def signature_lines(board, signatures=()):
    """A line for each ordinary member of ``board``, with their signature if given."""
    if board is None:
        return []
    signed = {signature.seat_id: signature for signature in signatures}
    return [SignatureLine(seat, row.organisation, signed.get(seat.pk)) for row in board.rows for seat in row.ordinary]


@dataclass(frozen=True)
class Signing:
    """Where an adopted report stands: every member's line, signed or not."""

    report: AdoptedReport
    lines: list

    @property
    def signed(self):
        return [line for line in self.lines if line.signature]

    @property
    def complete(self):
        return bool(self.lines) and len(self.signed) == len(self.lines)

    def line_of(self, user):
        """The line ``user`` signs, or None."""
        return next((line for line in self.lines if line.seat.person.user_id == user.pk), None)


def signing_of(report):
    board = board_of_year(report.federation, report.year)
    return Signing(report, signature_lines(board, report.signatures.select_related("user")))


def signed_pdf(report):
    """The PDF a reader downloads: the latest signed copy, else the one adopted."""
    latest = report.signatures.order_by("-signed_at", "-pk").first()
    return bytes(latest.pdf if latest else report.pdf)


@transaction.atomic
def sign(report, user):
    """``user`` signs ``report`` (an adopted annual report): the signature and a new copy
    of the PDF that prints every signature so far. The report's row is locked, so that two
    members signing at once each get a copy with the other's signature, in turn."""
    report = AdoptedReport.objects.select_for_update().get(pk=report.pk)
    board = board_of_year(report.federation, report.year)
    line = Signing(report, signature_lines(board, report.signatures.all())).line_of(user)
    if line is None:
        raise NotASignatory
    if line.signature:
        raise AlreadySigned
    signature = Signature.objects.create(report=report, seat=line.seat, user=user)
    if not report.pdf_html:
        # Adopted before finsam kept the document's HTML: the signature is kept and shown on
        # the page, and the archived PDF stays the one adopted.
        signature.pdf = bytes(report.pdf)
        signature.sha256 = report.sha256
        signature.save(update_fields=["pdf", "sha256"])
        return signature
    page = render_to_string(
        "reporting/_signatures.html",
        {
            "lines": signature_lines(board, report.signatures.all()),
            "federation": report.federation,
            "adopted_on": report.adopted_on,
        },
    ).strip()
    signature.pdf = pdf_of_html(SIGNATURE_PAGE.sub(lambda _match: page, report.pdf_html, count=1))
    signature.sha256 = hashlib.sha256(signature.pdf).hexdigest()
    signature.save(update_fields=["pdf", "sha256"])
    return signature
