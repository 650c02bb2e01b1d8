from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BoardSeat,
    County,
    Federation,
    FiscalYear,
    GroupMembership,
    MemberOrganisation,
    Membership,
    Municipality,
    Person,
    Population,
    Role,
    StaffPost,
)


@admin.register(County)
class CountyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "county"]
    list_filter = ["county"]
    inlines = [PopulationInline]


@admin.register(MemberOrganisation)
class MemberOrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "county"]
    list_filter = ["county", "kind"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "organisation", "county"]
    list_filter = ["county"]
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Federation)
class FederationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "organisation_number", "county"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(BoardSeat)
class BoardSeatAdmin(SimpleHistoryAdmin):
    list_display = ["person", "federation", "kind", "office", "appointed_by", "starts_on", "ends_on"]
    list_filter = ["federation", "kind", "office"]


@admin.register(GroupMembership)
class GroupMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "federation", "group", "representing", "is_deputy", "starts_on", "ends_on"]
    list_filter = ["federation", "group"]


@admin.register(StaffPost)
class StaffPostAdmin(SimpleHistoryAdmin):
    list_display = ["person", "federation", "title", "share_percent", "starts_on", "ends_on"]
    list_filter = ["federation", "title"]


@admin.register(FiscalYear)
class FiscalYearAdmin(SimpleHistoryAdmin):
    list_display = ["federation", "year", "status", "adopted_on"]
    list_filter = ["federation", "status"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "federation", "kind"]
    list_filter = ["federation", "kind"]
    search_fields = ["user__username"]
