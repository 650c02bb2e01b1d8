"""A past year's meetings in one form: the reports count the register's meetings of a year,
or — for a year the register does not hold — the number the office recorded."""

from datetime import date

from django.urls import reverse

from federations.models import Meeting, MeetingCount, board_meetings


def test_a_past_years_count_stands_where_the_register_holds_no_meeting(client, office, federation):
    client.force_login(office)
    url = reverse("federations:meetingcount-new", kwargs={"slug": federation.slug})
    response = client.post(url, {"year": 2019, "body": "board", "count": 7, "note": "Protokollen i pärm."})
    assert response.status_code == 302
    assert board_meetings(federation, 2019) == 7
    assert board_meetings(federation, 2019, until=date(2019, 6, 30)) == 0  # a period counts the register only
    assert MeetingCount.history.get().history_user == office

    refused = client.post(url, {"year": 2019, "body": "board", "count": 5})  # one count a year and body
    assert refused.status_code == 200 and refused.context["form"].errors
    Meeting.objects.create(federation=federation, held_on=date(2020, 3, 1))
    refused = client.post(url, {"year": 2020, "body": "board", "count": 5})
    assert "har redan organets möten 2020 (1 st.)" in str(refused.context["form"].errors["year"])
    refused = client.post(url, {"year": date.today().year + 1, "body": "board", "count": 5})
    assert refused.context["form"].errors["year"]
    assert MeetingCount.objects.count() == 1


def test_the_register_counts_once_it_holds_the_year(federation):
    MeetingCount.objects.create(federation=federation, year=2021, count=7)
    Meeting.objects.create(federation=federation, held_on=date(2021, 3, 1))
    Meeting.objects.create(federation=federation, held_on=date(2021, 5, 1), body="working_committee")
    assert board_meetings(federation, 2021) == 1


def test_the_registry_lists_past_years_meetings(client, office, federation):
    client.force_login(office)
    page = client.get(reverse("federations:meetingcount-list", kwargs={"slug": federation.slug}))
    registry = next(item for item in page.context["nav"] if item.label == "Register")
    assert "Möten tidigare år" in [link.label for link in registry.children]
