"""Meetings and minutes: who attended, the minutes as PDF for those who may read them,
numbered decisions (§) with the diary's registry numbers, and the board's meetings
counted in the annual and interim reports."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from federations.diary import register
from federations.models import BoardSeat, Meeting, MeetingDecision, Person
from reporting.annual import annual_report
from reporting.periodic import interim_report
from tests.conftest import a_pdf

PDF = a_pdf()


def post_meeting(client, federation, decisions=(), **data):
    fields = {
        "body": "board",
        "held_on": "2025-03-20",
        "place": "Kansliet",
        "decisions-TOTAL_FORMS": str(len(decisions)),
        "decisions-INITIAL_FORMS": "0",
    }
    for index, (paragraph, title, number) in enumerate(decisions):
        fields |= {
            f"decisions-{index}-paragraph": str(paragraph),
            f"decisions-{index}-title": title,
            f"decisions-{index}-registry_number": number,
        }
    return client.post(reverse("federations:meeting-new", kwargs={"slug": federation.slug}), fields | data)


def test_a_meeting_is_kept_with_its_minutes_attendance_and_numbered_decisions(client, office, federation, members):
    chair = Person.objects.create(county=federation.county, name="Ordförande Ett")
    BoardSeat.objects.create(
        federation=federation, person=chair, appointed_by=members["RJL"], starts_on=date(2023, 1, 1)
    )
    entry = register(federation, "decision", "Årsredovisning 2024", date(2025, 3, 20))
    client.force_login(office)
    response = post_meeting(
        client,
        federation,
        decisions=[(1, "Mötets öppnande", ""), (5, "Årsredovisning 2024", "2025:1")],
        attendees=[chair.pk],
        minutes_file=SimpleUploadedFile("protokoll.pdf", PDF, "application/pdf"),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert list(meeting.attendees.all()) == [chair]
    assert (meeting.minutes_filename, bytes(meeting.minutes)) == ("protokoll.pdf", PDF)
    assert [(d.paragraph, d.diary_entry) for d in meeting.decisions.all()] == [(1, None), (5, entry)]
    form = client.get(reverse("federations:meeting-edit", kwargs={"slug": federation.slug, "pk": meeting.pk}))
    offered = {person.name for person in form.context["form"].fields["attendees"].queryset}
    assert offered == {"Ordförande Ett"}  # those who serve the federation, not the whole county
    listed = client.get(reverse("federations:meeting-list", kwargs={"slug": federation.slug}), {"text": "2025:01"})
    assert list(listed.context["table"].data) == [meeting]


def test_a_registry_number_the_diary_has_not_given_is_refused_and_nothing_is_saved(client, office, federation):
    client.force_login(office)
    response = post_meeting(client, federation, decisions=[(1, "Beslut", "2025:9")])
    assert response.status_code == 200
    assert "registry_number" in response.context["formsets"][0].errors[0]
    assert not Meeting.objects.exists()


def test_a_paragraph_is_numbered_once_per_meeting(client, office, federation):
    client.force_login(office)
    response = post_meeting(client, federation, decisions=[(3, "Ett", ""), (3, "Två", "")])
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_the_minutes_are_served_to_office_board_and_auditors_only(
    client, office, board_member, auditor, intervention_staff, other_office, federation
):
    meeting = Meeting.objects.create(
        federation=federation, held_on=date(2025, 3, 20), minutes_filename="p.pdf", minutes=PDF
    )
    url = reverse("federations:meeting-minutes", kwargs={"slug": federation.slug, "pk": meeting.pk})
    answers = {}
    for user in (office, board_member, auditor, intervention_staff, other_office):
        client.force_login(user)
        response = client.get(url)
        answers[user.username] = (response.status_code, response.content == PDF)
    assert answers == {
        "office": (200, True),
        "board": (200, True),
        "auditor": (200, True),
        "coach": (403, False),
        "other-office": (404, False),
    }
    client.force_login(intervention_staff)
    page = client.get(reverse("federations:meeting-list", kwargs={"slug": federation.slug})).content.decode()
    assert url not in page  # the list says the minutes exist, without the link


def test_a_meeting_without_minutes_has_no_file_to_fetch(client, office, federation):
    meeting = Meeting.objects.create(federation=federation, held_on=date(2025, 3, 20))
    client.force_login(office)
    url = reverse("federations:meeting-minutes", kwargs={"slug": federation.slug, "pk": meeting.pk})
    assert client.get(url).status_code == 404


def test_the_reports_count_the_board_meetings_of_the_register(client, office, federation):
    for held_on, body in [
        (date(2024, 2, 15), "board"),
        (date(2024, 5, 16), "board"),
        (date(2024, 5, 20), "working_committee"),
        (date(2024, 9, 19), "board"),
        (date(2025, 2, 13), "board"),
    ]:
        Meeting.objects.create(federation=federation, held_on=held_on, body=body)
    assert annual_report(federation, 2024).board_meetings == 3
    assert interim_report(federation, 2024).board_meetings == 2  # up to 30 June
    client.force_login(office)
    page = client.get(reverse("reporting:annual", kwargs={"slug": federation.slug}), {"year": 2024}).content.decode()
    assert "sammanträdde 3 gånger" in page


def test_the_meeting_list_asks_the_same_queries_for_many_meetings(client, office, federation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(office)
    url = reverse("federations:meeting-list", kwargs={"slug": federation.slug})

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    Meeting.objects.create(federation=federation, held_on=date(2025, 1, 1))
    few = queries()
    for day in range(1, 29):
        meeting = Meeting.objects.create(
            federation=federation, held_on=date(2025, 2, day), minutes=PDF, minutes_filename="p.pdf"
        )
        MeetingDecision.objects.create(meeting=meeting, paragraph=1, title="Öppnande")
    assert queries() == few
