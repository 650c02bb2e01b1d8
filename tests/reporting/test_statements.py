import io

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from federations.models import Federation, Role


@pytest.fixture
def hoglandet_auditor(demo, django_user_model):
    user = django_user_model.objects.create_user("granskare", password="x")
    Role.objects.create(user=user, federation=Federation.objects.get(slug="hoglandet"), kind="auditor")
    return user


@pytest.fixture
def statements(client, hoglandet_auditor):
    client.force_login(hoglandet_auditor)
    return client.get(reverse("reporting:statements-pdf", kwargs={"slug": "hoglandet"}), {"year": 2024})


def text_of(pdf):
    """The PDF's reader and each page's text, with non-breaking spaces made plain."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return reader, [page.extract_text().replace("\u00a0", " ") for page in reader.pages]


def test_the_auditor_downloads_a_pdf_a_with_a_name_to_file_it_by(statements):
    assert statements["Content-Type"] == "application/pdf"
    assert statements["Content-Disposition"] == 'attachment; filename="hoglandet-rakenskaper-2024.pdf"'
    reader = pypdf.PdfReader(io.BytesIO(statements.content))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp  # the PDF/A identification in its XMP metadata


def test_the_pdf_holds_the_figures_and_the_identity(statements):
    reader, pages = text_of(statements.content)
    text = "\n".join(pages)
    assert "Höglandets samordningsförbund" in pages[0]
    assert "222000-2030" in pages[0]
    assert "2024-01-01 – 2024-12-31" in pages[0]
    for figure in ["8 438 882", "-155 574", "1 483 897", "1 946 309", "1 205 400"]:
        assert figure in text, figure


def test_every_page_is_numbered_page_x_of_y(statements):
    reader, pages = text_of(statements.content)
    total = len(pages)
    assert total >= 2
    for number, text in enumerate(pages, start=1):
        assert f"{number} av {total}" in text or f"{number} of {total}" in text


def test_later_pages_carry_a_running_header(statements):
    _, pages = text_of(statements.content)
    assert "Höglandets samordningsförbund" in pages[1]


def test_headings_become_bookmarks(statements):
    reader, _ = text_of(statements.content)

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    bookmarks = list(titles(reader.outline))
    # The federation (the cover) and one per statement, note and check section.
    assert bookmarks[0] == "Höglandets samordningsförbund"
    assert len(bookmarks) >= 9


def test_a_year_without_accounts_is_not_found(client, hoglandet_auditor):
    client.force_login(hoglandet_auditor)
    assert (
        client.get(reverse("reporting:statements-pdf", kwargs={"slug": "hoglandet"}), {"year": 2019}).status_code == 404
    )


def test_another_federations_statements_are_not_found(client, hoglandet_auditor):
    client.force_login(hoglandet_auditor)
    assert (
        client.get(reverse("reporting:statements-pdf", kwargs={"slug": "finnveden"}), {"year": 2024}).status_code == 404
    )


def test_the_auditors_page_lists_changes_to_the_figures(client, hoglandet_auditor):
    client.force_login(hoglandet_auditor)
    response = client.get(reverse("reporting:auditors", kwargs={"slug": "hoglandet"}), {"year": 2024})
    records = [change.record for change in response.context["changes"]]
    assert any("SE-Höglandet" in record for record in records)
    assert response.context["has_accounts"]


def test_render_report_writes_the_pdf(demo, tmp_path):
    output = tmp_path / "rakenskaper.pdf"
    arguments = ["render_report", "statements", "--federation", "hoglandet", "--year", "2024"]
    call_command(*arguments, "--format", "pdf", "--output", str(output), stdout=io.StringIO())
    _, pages = text_of(output.read_bytes())
    assert "1 483 897" in "\n".join(pages)
    html = tmp_path / "rakenskaper.html"
    call_command(*arguments, "--format", "html", "--output", str(html), stdout=io.StringIO())
    assert "1\u00a0483\u00a0897" in html.read_text()


def statements_html(federation, year=2024):
    from django.template.loader import render_to_string

    from finances.statements import year_end

    return render_to_string("finances/_statements.html", {"accounts": year_end(federation, year), "year": year})


def note_of(html, label):
    """The note number printed on the statement line ``label``."""
    import re

    match = re.search(re.escape(label) + r'</td><td class="note">(\d*)</td>', html)
    return match.group(1) if match else None


def test_the_notes_are_numbered_and_the_statements_lines_refer_to_them(demo):
    html = statements_html(Federation.objects.get(slug="hoglandet"))
    assert "Not 1 Redovisningsprinciper" in html and "2018:597" in html
    assert [note_of(html, label) for label in ("Verksamhetens intäkter", "Verksamhetens kostnader")] == ["2", "3"]
    assert [note_of(html, label) for label in ("Kortfristiga fordringar", "Kortfristiga skulder")] == ["4", "5"]
    for number, title in [(2, "Intäkter"), (3, "Kostnader"), (4, "Fordringar"), (5, "Kortfristiga skulder")]:
        assert f"Not {number} {title}</h3>" in html
    assert "Not 6" not in html  # the budget is gross: nothing to reconcile


def test_a_net_budget_is_reconciled_with_the_gross_accounts(demo):
    from finances.models import BudgetLine

    hoglandet = Federation.objects.get(slug="hoglandet")
    # Höglandet's budget 2024 nets the other income off its costs: 402 882 is booked gross.
    BudgetLine.objects.filter(
        budget__federation=hoglandet, budget__year=2024, budget__scenario="budget", kind="other_income"
    ).delete()
    html = statements_html(hoglandet).replace("\u00a0", " ")
    reconciliation = html[html.index("Not 6 Bruttoredovisningen mot nettobudgeten") :]
    for figure in ["8 594 456", "-402 882", "8 191 574", "8 236 000", "44 426"]:
        assert figure in reconciliation, figure
