from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgendaItem, Consultation, ConvenerTerm, CountyRole, Position


@admin.register(CountyRole)
class CountyRoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "county", "kind"]
    list_filter = ["county", "kind"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class PositionInline(admin.StackedInline):
    model = Position
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "county", "place", "year", "convener"]
    list_filter = ["county"]
    filter_horizontal = ["federations"]
    inlines = [AgendaItemInline, PositionInline]


@admin.register(ConvenerTerm)
class ConvenerTermAdmin(SimpleHistoryAdmin):
    list_display = ["term", "starts_on", "county", "convener", "co_convener"]
    list_filter = ["county"]
