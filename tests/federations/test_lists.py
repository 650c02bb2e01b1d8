import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from federations.models import BoardSeat, MemberOrganisation, Membership, Municipality, Person, Population, StaffPost


def grow(federation, n):
    """Add ``n`` of every kind of record to the federation and its county."""
    county = federation.county
    start = Person.objects.count()
    for i in range(start, start + n):
        municipality = Municipality.objects.create(county=county, name=f"Kommun {i}", code=f"{9000 + i}")
        Population.objects.create(municipality=municipality, year=2023, inhabitants=1000 + i)
        organisation = MemberOrganisation.objects.create(
            county=county, kind="municipality", name=f"Kommun {i} kommun", municipality=municipality
        )
        Membership.objects.create(federation=federation, organisation=organisation, starts_on=date(2010, 1, 1))
        person = Person.objects.create(county=county, name=f"Person {i}", organisation=organisation)
        BoardSeat.objects.create(
            federation=federation, person=person, appointed_by=organisation, starts_on=date(2023, 1, 1)
        )
        StaffPost.objects.create(
            federation=federation, person=person, title="other", share_percent=10, starts_on=date(2020, 1, 1)
        )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


LISTS = [
    "membership",
    "boardseat",
    "staffpost",
    "person",
    "memberorganisation",
    "municipality",
    "fiscalyear",
    "groupmembership",
]


@pytest.mark.parametrize("name", LISTS)
def test_a_list_runs_the_same_queries_whatever_its_length(client, office, federation, name):
    client.force_login(office)
    url = reverse(f"federations:{name}-list", kwargs={"slug": federation.slug})
    grow(federation, 3)
    few = queries_for(client, url)
    grow(federation, 60)  # past the first page, too
    assert queries_for(client, url) == few


def test_the_federation_page_runs_the_same_queries_whatever_the_size(client, office, federation):
    client.force_login(office)
    url = federation.get_absolute_url() + "?year=2024"
    grow(federation, 3)
    few = queries_for(client, url)
    grow(federation, 30)
    assert queries_for(client, url) == few


def test_a_list_filters(client, office, federation, members):
    Membership.objects.filter(organisation=members["AF"]).update(ends_on=date(2015, 6, 30))
    client.force_login(office)
    url = reverse("federations:membership-list", kwargs={"slug": federation.slug})
    names = {row.record.organisation.short_name for row in client.get(url, {"year": 2016}).context["table"].rows}
    assert names == {"FK", "RJL", "Habo"}
    names = {row.record.organisation.short_name for row in client.get(url, {"kind": "region"}).context["table"].rows}
    assert names == {"RJL"}


def test_a_list_sorts(client, office, federation, members):
    client.force_login(office)
    url = reverse("federations:memberorganisation-list", kwargs={"slug": federation.slug})
    rows = client.get(url, {"sort": "-name"}).context["table"].rows
    assert [row.record.name for row in rows] == sorted((m.name for m in members.values()), reverse=True)


def test_a_list_exports_the_filtered_rows_as_csv(client, office, federation, members):
    client.force_login(office)
    url = reverse("federations:membership-list", kwargs={"slug": federation.slug})
    response = client.get(url, {"kind": "municipality", "_export": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="sodra-vatterbygden-membership.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 2  # header and Habo
    assert rows[1][0] == "Habo kommun"


def test_a_list_exports_excel(client, office, federation, members):
    import openpyxl

    client.force_login(office)
    url = reverse("federations:memberorganisation-list", kwargs={"slug": federation.slug})
    response = client.get(url, {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + len(members)


def test_the_edit_column_is_only_for_office_staff(client, office, board_member, federation, members):
    url = reverse("federations:membership-list", kwargs={"slug": federation.slug})
    edit_link = reverse(
        "federations:membership-edit", kwargs={"slug": federation.slug, "pk": Membership.objects.first().pk}
    )
    client.force_login(office)
    assert edit_link in client.get(url).content.decode()
    client.force_login(board_member)
    assert edit_link not in client.get(url).content.decode()


def test_an_empty_list_says_so(client, office, federation):
    client.force_login(office)
    response = client.get(reverse("federations:boardseat-list", kwargs={"slug": federation.slug}))
    assert response.context["table"].paginator.count == 0
    assert b'class="empty"' in response.content


def grow_registers(federation, members, n):
    """Add ``n`` deviations (each naming two members), diary entries, governing documents,
    meetings with a decision, applications from two members, each decided on, and past
    years' numbers of meetings."""
    from federations.diary import register
    from federations.models import GoverningDocument, Meeting, MeetingCount, MeetingDecision
    from interventions.models import Application, Deviation, GrantDecision

    start = MeetingCount.objects.count()
    MeetingCount.objects.bulk_create(
        MeetingCount(federation=federation, year=1900 + start + i, count=6) for i in range(n)
    )
    for i in range(n):
        deviation = Deviation.objects.create(
            federation=federation, occurred_on=date(2025, 1, 1), description=f"Fall {i}"
        )
        deviation.members.set([members["FK"], members["AF"]])
        register(federation, "other", f"Handling {i}", date(2025, 1, 2))
        GoverningDocument.objects.create(
            federation=federation, kind="other", title=f"Plan {i}", adopted_on=date(2024, 1, 1), content=b"%PDF-1.4"
        )
        meeting = Meeting.objects.create(federation=federation, held_on=date(2025, 2, 1), minutes=b"%PDF-1.4")
        paragraph = MeetingDecision.objects.create(meeting=meeting, paragraph=1, title="Beslut")
        application = Application.objects.create(
            federation=federation,
            diary_entry=register(federation, "application", f"Ansökan {i}", date(2025, 1, 3)),
            received_on=date(2025, 1, 3),
            title=f"Insats {i}",
            amount_per_year=1000,
            recommendation="grant",
            recommended_on=date(2025, 1, 20),
        )
        application.applicants.set([members["FK"], members["RJL"]])
        GrantDecision.objects.create(
            federation=federation,
            application=application,
            decided_on=date(2025, 2, 1),
            diary_entry=register(federation, "decision", f"Beslut {i}", date(2025, 2, 1)),
            paragraph=paragraph,
            text="Beviljas.",
            granted_per_year=1000,
            first_year=2025,
        )


@pytest.mark.parametrize(
    "name",
    [
        "interventions:deviation-list",
        "federations:diaryentry-list",
        "federations:governingdocument-list",
        "federations:meeting-list",
        "federations:meetingcount-list",
        "interventions:application-list",
        "interventions:grantdecision-list",
    ],
)
def test_a_register_runs_the_same_queries_whatever_its_length(client, office, federation, members, name):
    client.force_login(office)
    url = reverse(name, kwargs={"slug": federation.slug})
    grow_registers(federation, members, 3)
    few = queries_for(client, url)
    grow_registers(federation, members, 60)
    assert queries_for(client, url) == few
