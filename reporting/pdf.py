"""PDFs from the same templates as the pages, rendered by WeasyPrint."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

PDF_A = "pdf/a-3b"  # archivable: what auditors keep


def render_pdf(template_name, context, *, archival=False, request=None, stylesheets=("css/print.css",)):
    """Render ``template_name`` with ``context`` to PDF bytes (PDF/A when ``archival``),
    styled by the static ``stylesheets``."""
    from weasyprint import CSS, HTML

    html = render_to_string(template_name, context, request=request)
    styles = [CSS(filename=finders.find(name)) for name in stylesheets]
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    options = {"pdf_variant": PDF_A} if archival else {}
    return document.write_pdf(stylesheets=styles, **options)
