from django.urls import path

from . import views
from .models import GoverningDocument, Meeting
from .permissions import MINUTES

app_name = "federations"

urlpatterns = [
    path("<slug:slug>/", views.FederationDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", views.FederationUpdateView.as_view(), name="edit"),
    path("<slug:slug>/history/", views.HistoryView.as_view(), name="history"),
    path(
        "<slug:slug>/governingdocument/<int:pk>/file/",
        views.StoredPdfView.as_view(model=GoverningDocument),
        name="governingdocument-file",
    ),
    path(
        "<slug:slug>/meeting/<int:pk>/minutes/",
        views.StoredPdfView.as_view(model=Meeting, content_field="minutes", capability=MINUTES),
        name="meeting-minutes",
    ),
    # The registers: a list, a new and an edit page each (views.Registry).
    # memberships
    path("<slug:slug>/membership/", views.RegistryListView.as_view(registry=views.MEMBERSHIPS), name="membership-list"),
    path(
        "<slug:slug>/membership/new/",
        views.RegistryCreateView.as_view(registry=views.MEMBERSHIPS),
        name="membership-new",
    ),
    path(
        "<slug:slug>/membership/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.MEMBERSHIPS),
        name="membership-edit",
    ),
    # board seats
    path("<slug:slug>/boardseat/new-term/", views.NewTermView.as_view(), name="boardseat-new-term"),
    path("<slug:slug>/boardseat/import/", views.BoardImportView.as_view(), name="board-import"),
    path("<slug:slug>/boardseat/import/<int:pk>/", views.BoardImportPreviewView.as_view(), name="board-import-preview"),
    path("<slug:slug>/boardseat/", views.RegistryListView.as_view(registry=views.BOARD_SEATS), name="boardseat-list"),
    path(
        "<slug:slug>/boardseat/new/", views.RegistryCreateView.as_view(registry=views.BOARD_SEATS), name="boardseat-new"
    ),
    path(
        "<slug:slug>/boardseat/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.BOARD_SEATS),
        name="boardseat-edit",
    ),
    # group memberships
    path(
        "<slug:slug>/groupmembership/",
        views.RegistryListView.as_view(registry=views.GROUP_MEMBERSHIPS),
        name="groupmembership-list",
    ),
    path(
        "<slug:slug>/groupmembership/new/",
        views.RegistryCreateView.as_view(registry=views.GROUP_MEMBERSHIPS),
        name="groupmembership-new",
    ),
    path(
        "<slug:slug>/groupmembership/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.GROUP_MEMBERSHIPS),
        name="groupmembership-edit",
    ),
    # staff posts
    path("<slug:slug>/staffpost/", views.RegistryListView.as_view(registry=views.STAFF_POSTS), name="staffpost-list"),
    path(
        "<slug:slug>/staffpost/new/", views.RegistryCreateView.as_view(registry=views.STAFF_POSTS), name="staffpost-new"
    ),
    path(
        "<slug:slug>/staffpost/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.STAFF_POSTS),
        name="staffpost-edit",
    ),
    # fiscal years
    path(
        "<slug:slug>/fiscalyear/", views.RegistryListView.as_view(registry=views.FISCAL_YEARS), name="fiscalyear-list"
    ),
    path(
        "<slug:slug>/fiscalyear/new/",
        views.RegistryCreateView.as_view(registry=views.FISCAL_YEARS),
        name="fiscalyear-new",
    ),
    path(
        "<slug:slug>/fiscalyear/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.FISCAL_YEARS),
        name="fiscalyear-edit",
    ),
    # people
    path("<slug:slug>/person/", views.RegistryListView.as_view(registry=views.PEOPLE), name="person-list"),
    path("<slug:slug>/person/new/", views.RegistryCreateView.as_view(registry=views.PEOPLE), name="person-new"),
    path(
        "<slug:slug>/person/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.PEOPLE),
        name="person-edit",
    ),
    # member organisations
    path(
        "<slug:slug>/memberorganisation/",
        views.RegistryListView.as_view(registry=views.MEMBER_ORGANISATIONS),
        name="memberorganisation-list",
    ),
    path(
        "<slug:slug>/memberorganisation/new/",
        views.RegistryCreateView.as_view(registry=views.MEMBER_ORGANISATIONS),
        name="memberorganisation-new",
    ),
    path(
        "<slug:slug>/memberorganisation/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.MEMBER_ORGANISATIONS),
        name="memberorganisation-edit",
    ),
    # municipalities
    path(
        "<slug:slug>/municipality/",
        views.RegistryListView.as_view(registry=views.MUNICIPALITIES),
        name="municipality-list",
    ),
    path(
        "<slug:slug>/municipality/new/",
        views.RegistryCreateView.as_view(registry=views.MUNICIPALITIES),
        name="municipality-new",
    ),
    path(
        "<slug:slug>/municipality/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.MUNICIPALITIES),
        name="municipality-edit",
    ),
    # diary
    path("<slug:slug>/diaryentry/", views.RegistryListView.as_view(registry=views.DIARY), name="diaryentry-list"),
    path("<slug:slug>/diaryentry/new/", views.RegistryCreateView.as_view(registry=views.DIARY), name="diaryentry-new"),
    path(
        "<slug:slug>/diaryentry/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.DIARY),
        name="diaryentry-edit",
    ),
    # meetings
    path("<slug:slug>/meeting/", views.RegistryListView.as_view(registry=views.MEETINGS), name="meeting-list"),
    path("<slug:slug>/meeting/new/", views.RegistryCreateView.as_view(registry=views.MEETINGS), name="meeting-new"),
    path(
        "<slug:slug>/meeting/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.MEETINGS),
        name="meeting-edit",
    ),
    # meeting counts
    path(
        "<slug:slug>/meetingcount/",
        views.RegistryListView.as_view(registry=views.MEETING_COUNTS),
        name="meetingcount-list",
    ),
    path(
        "<slug:slug>/meetingcount/new/",
        views.RegistryCreateView.as_view(registry=views.MEETING_COUNTS),
        name="meetingcount-new",
    ),
    path(
        "<slug:slug>/meetingcount/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.MEETING_COUNTS),
        name="meetingcount-edit",
    ),
    # governing documents
    path(
        "<slug:slug>/governingdocument/",
        views.RegistryListView.as_view(registry=views.GOVERNING_DOCUMENTS),
        name="governingdocument-list",
    ),
    path(
        "<slug:slug>/governingdocument/new/",
        views.RegistryCreateView.as_view(registry=views.GOVERNING_DOCUMENTS),
        name="governingdocument-new",
    ),
    path(
        "<slug:slug>/governingdocument/<int:pk>/edit/",
        views.RegistryUpdateView.as_view(registry=views.GOVERNING_DOCUMENTS),
        name="governingdocument-edit",
    ),
]
