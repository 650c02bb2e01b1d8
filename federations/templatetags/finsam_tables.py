from django import template

from finsam import tables

register = template.Library()


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    """The rows of the table's page (``finsam.tables.table_rows``)."""
    return tables.table_rows(table, context)
