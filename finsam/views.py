from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tables2 import SingleTableMixin

from .tables import KeysFirstData


def chosen_year(request):
    """The ``year`` of the query string, or this year when it is missing or nonsense."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


class InlineFormsetsMixin:
    """For a create or update view: the form and its inline formsets (rows that belong
    to the record, such as a municipality's population per year) are saved together in
    one transaction, or — when anything is wrong — nothing is."""

    def get_formsets(self):
        """The inline formsets, bound to the posted data on POST; each with a ``title``."""
        return []

    def bound_data(self):
        return self.request.POST if self.request.method == "POST" else None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formsets", self.get_formsets())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.kwargs.get(self.pk_url_kwarg) else None
        form = self.get_form()
        formsets = self.get_formsets()
        if form.is_valid() and all(formset.is_valid() for formset in formsets):
            with transaction.atomic():
                self.object = form.save()
                for formset in formsets:
                    formset.instance = self.object
                    formset.save()
            messages.success(request, _("Saved %(record)s.") % {"record": self.object})
            return redirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))


class TableListMixin(SingleTableMixin):
    """A django-tables2 list, 50 rows a page, that counts its rows once: the table
    paginates; the list view under it does not. A page is read keys first
    (``finsam.tables.KeysFirstData``)."""

    paginate_by = None
    table_pagination = {"per_page": 50}
    not_filters = {"page", "sort", "per_page", "_export"}

    def get_table_data(self):
        return KeysFirstData.of(super().get_table_data())

    def get_context_data(self, **kwargs):
        filtered = any(value for key, value in self.request.GET.items() if key not in self.not_filters)
        return super().get_context_data(filtered=filtered, **kwargs)
