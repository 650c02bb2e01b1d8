from django.utils.translation import gettext_lazy as _

from federations.tables import NumberColumn, RegistryTable

from .models import SocioEconomicModel


class SocioEconomicModelTable(RegistryTable):
    edit_url_name = "reporting:socioeconomicmodel-edit"
    public_support = NumberColumn()
    administration = NumberColumn()
    income_tax = NumberColumn()
    per_year = NumberColumn(verbose_name=_("a year (kr)"), orderable=False)

    class Meta:
        model = SocioEconomicModel
        fields = ["valid_from", "public_support", "administration", "income_tax", "per_year", "source"]
        empty_text = _(
            "The federation has no parameters of its own: it counts by the installation's model, "
            "as the page of each report says."
        )
