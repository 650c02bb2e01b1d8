"""Interventions the federations fund, their goals, and the participants who go through
them — as pseudonymous codes, never as people. One module per domain; every name is
imported from here (``from interventions.models import Participant``)."""

from .choices import FOLLOW_UP_MONTHS, EndReason, FollowUp, Gender, Occupation, Registration, follow_up_due
from .decisions import Application, Deviation, GrantDecision, GrantDecisionQuerySet
from .events import EventAttendance, StructuralEvent, StructuralEventQuerySet
from .goals import Goal, GoalAssessment, GoalQuerySet
from .interventions import (
    MONEY,
    EndClass,
    Funding,
    Intervention,
    InterventionAssignment,
    InterventionQuerySet,
    InterventionYear,
    Staffing,
)
from .national import ExternalFunding, Orientation, ProjectResult
from .participants import (
    Anonymisation,
    Participant,
    ParticipantQuerySet,
    ParticipantSupport,
    Support,
    active_between,
    last_day,
    living_in_members,
    member_municipalities,
    residents_of,
)
from .referrals import Referral, ReferralQuerySet, SupplementaryQuestion, SupplementaryQuestionQuerySet
from .surveys import (
    Indicator,
    NationalAverage,
    RespondentGroup,
    SurveyAnswer,
    SurveyQuestion,
    SurveyQuestionQuerySet,
    SurveyResult,
    SurveyResultQuerySet,
    measurement_year,
)

__all__ = [
    "Indicator",
    "measurement_year",
    "EventAttendance",
    "StructuralEvent",
    "StructuralEventQuerySet",
    "ExternalFunding",
    "Orientation",
    "ProjectResult",
    "FOLLOW_UP_MONTHS",
    "MONEY",
    "Anonymisation",
    "Application",
    "Deviation",
    "EndClass",
    "EndReason",
    "Occupation",
    "FollowUp",
    "Funding",
    "Gender",
    "Goal",
    "GoalAssessment",
    "GoalQuerySet",
    "GrantDecision",
    "GrantDecisionQuerySet",
    "Intervention",
    "InterventionAssignment",
    "InterventionQuerySet",
    "InterventionYear",
    "NationalAverage",
    "Participant",
    "ParticipantQuerySet",
    "ParticipantSupport",
    "Referral",
    "ReferralQuerySet",
    "Registration",
    "SupplementaryQuestion",
    "SupplementaryQuestionQuerySet",
    "RespondentGroup",
    "Staffing",
    "Support",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyQuestionQuerySet",
    "SurveyResult",
    "SurveyResultQuerySet",
    "active_between",
    "follow_up_due",
    "last_day",
    "living_in_members",
    "member_municipalities",
    "residents_of",
]
