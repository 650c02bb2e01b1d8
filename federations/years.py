"""Pages of one federation's year, chosen by ``?year=``."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from finsam.views import chosen_year

from .permissions import EDIT, FederationMixin


class YearMixin(FederationMixin):
    """A page of one federation's year, chosen by ``?year=``."""

    def dispatch(self, request, *args, **kwargs):
        self.year = chosen_year(request)
        return super().dispatch(request, *args, **kwargs)

    def year_url(self, name):
        return reverse(name, kwargs={"slug": self.federation.slug}) + f"?year={self.year}"


class YearFormsetView(YearMixin, TemplateView):
    """Records of one year of the federation, edited together in one table: subclasses name
    the ``formset_class``, the ``model``, the ``title``, the ``saved`` message and the page
    to return to (``done_url_name``)."""

    capability = EDIT
    template_name = "year_formset.html"
    formset_class = model = title = saved = help = done_url_name = None
    form_width = "wide"  # or "full" for a table of many columns

    def queryset(self):
        return self.model.objects.filter(federation=self.federation, year=self.year)

    def formset(self, data=None):
        return self.formset_class(
            data, queryset=self.queryset(), form_kwargs={"federation": self.federation, "year": self.year}
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(formset=self.formset()))

    def post(self, request, *args, **kwargs):
        formset = self.formset(request.POST)
        if formset.is_valid():
            with transaction.atomic():
                formset.save()
            messages.success(request, self.saved % {"year": self.year})
            return redirect(self.year_url(self.done_url_name))
        return self.render_to_response(self.get_context_data(formset=formset))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title % {"year": self.year},
            help=self.help,
            year=self.year,
            cancel_url=self.year_url(self.done_url_name),
            form_width=self.form_width,
            **kwargs,
        )
