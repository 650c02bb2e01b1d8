import django_filters
from django.utils.translation import gettext_lazy as _

from .models import SocioEconomicModel


class SocioEconomicModelFilter(django_filters.FilterSet):
    source = django_filters.CharFilter(lookup_expr="icontains", label=_("Source"))

    class Meta:
        model = SocioEconomicModel
        fields = ["source"]
