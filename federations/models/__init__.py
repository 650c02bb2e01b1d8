"""The registry of coordination federations: who they are, who their members are, and who
governs and staffs them, year by year. One module per domain; every name is imported from
here (``from federations.models import Federation``)."""

from .county import (
    County,
    CountyQuerySet,
    CountyScopedQuerySet,
    MemberOrganisation,
    MemberOrganisationQuerySet,
    Municipality,
    MunicipalityQuerySet,
    Person,
    PersonQuerySet,
    Population,
)
from .federation import (
    BoardSeat,
    Federation,
    FederationQuerySet,
    FederationScopedPeriodQuerySet,
    FederationScopedQuerySet,
    FiscalYear,
    GroupMembership,
    Membership,
    SocioEconomicBasis,
    StaffPost,
)
from .import_batches import ImportBatch, ImportBatchQuerySet, stored_text
from .periods import Period, PeriodQuerySet
from .registers import (
    DiaryEntry,
    GoverningDocument,
    GoverningDocumentQuerySet,
    Meeting,
    MeetingCount,
    MeetingDecision,
    MeetingDecisionQuerySet,
    MeetingQuerySet,
    board_meetings,
)
from .roles import Role

__all__ = [
    "BoardSeat",
    "County",
    "CountyQuerySet",
    "CountyScopedQuerySet",
    "DiaryEntry",
    "Federation",
    "FederationQuerySet",
    "FederationScopedPeriodQuerySet",
    "FederationScopedQuerySet",
    "FiscalYear",
    "GoverningDocument",
    "GoverningDocumentQuerySet",
    "GroupMembership",
    "ImportBatch",
    "ImportBatchQuerySet",
    "Meeting",
    "MeetingCount",
    "MeetingDecision",
    "MeetingDecisionQuerySet",
    "MeetingQuerySet",
    "MemberOrganisation",
    "MemberOrganisationQuerySet",
    "Membership",
    "Municipality",
    "MunicipalityQuerySet",
    "Period",
    "PeriodQuerySet",
    "Person",
    "PersonQuerySet",
    "Population",
    "Role",
    "SocioEconomicBasis",
    "StaffPost",
    "board_meetings",
    "stored_text",
]
