"""PDFs from the same templates as the pages, rendered by WeasyPrint.

Every PDF is tagged, for a screen reader: a federation is a public body, and what it
publishes must be accessible (lagen om tillgänglighet till digital offentlig service,
2018:1937). The documents are PDF/UA-1 (the language, headings as headings, tables with
header cells, each chart with its text alternative, the reading order of the page); what
auditors archive is PDF/A-3a, the archival standard's accessible level, which is tagged too.
"""

import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

PDF_A = "pdf/a-3a"  # archivable and tagged: what auditors keep
PDF_UA = "pdf/ua-1"  # tagged for accessibility: every other document

# A chart (interventions.charts.Drawing.svg) names itself in its <title> and tells every value in
# its <desc>; a PDF's text alternative is the <title> alone, so it gets both.
CHART_ALTERNATIVE = re.compile(r'(<title id="[^"]+">)(.*?)(</title>)<desc id="[^"]+">(.*?)</desc>', re.S)


def render_pdf(template_name, context, *, archival=False, request=None, stylesheets=("css/print.css",)):
    """Render ``template_name`` with ``context`` to tagged PDF bytes (PDF/A when
    ``archival``, else PDF/UA), styled by the static ``stylesheets``."""
    html = render_to_string(template_name, context, request=request)
    return pdf_of_html(html, archival=archival, stylesheets=stylesheets)


def pdf_of_html(html, *, archival=False, stylesheets=("css/print.css",)):
    """The PDF of a document already rendered to ``html`` (an adopted report's, kept)."""
    from weasyprint import CSS, HTML

    html = CHART_ALTERNATIVE.sub(r"\1\2. \4\3", html)
    styles = [CSS(filename=finders.find(name)) for name in stylesheets]
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=styles, pdf_variant=PDF_A if archival else PDF_UA)
