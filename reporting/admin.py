from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import SocioEconomicModel


@admin.register(SocioEconomicModel)
class SocioEconomicModelAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "public_support", "administration", "income_tax", "per_year"]
