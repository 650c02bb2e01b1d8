"""The board, its groups and the people in them come in from one file (issue 29): checked by
the registers' own rules and against the rows above, previewed, all or nothing, every
problem of a row at once, identity numbers refused; the same file twice changes nothing."""

import pytest
from django.urls import reverse

from federations.importers import BoardImporter
from federations.models import BoardSeat, GroupMembership, ImportBatch, Person

HEADER = "namn;uppdrag;ersättare;funktion;organisation;titel;e-post;från;till\n"
BOARD = (
    "Anna Bergström;styrelse;;ordförande;Habo;Kommunalråd;;2027-01-01;2030-12-31\n"
    "Per Lindqvist;styrelse;ja;;Habo;;;2027-01-01;2030-12-31\n"
    "Maria Holm;styrelse;;vice ordförande;RJL;Regionråd;;2027-01-01;2030-12-31\n"
    "Karin Ek;styrelse;;;Försäkringskassan;;;2027-01-01;2030-12-31\n"
    "Anna Bergström;arbetsutskott;;ordförande;Habo;;;2027-01-01;2030-12-31\n"
    "Eva Strand;beredningsgrupp;;;Habo;Socialchef;;2027-01-01;\n"
)


def run(federation, rows, save=True):
    return BoardImporter(federation).run((HEADER + rows).encode(), "styrelse.csv", save=save)


def test_a_term_comes_in_from_one_file_and_again_changes_nothing(federation, members):
    checked = run(federation, BOARD, save=False)
    assert checked.problems == [] and (checked.created, checked.updated) == (6, 0)
    assert not BoardSeat.objects.exists() and not Person.objects.exists()  # a check keeps nothing

    saved = run(federation, BOARD)
    assert saved.saved and saved.created == 6
    seats = {
        (seat.person.name, seat.kind, seat.office, seat.appointed_by.short_name) for seat in BoardSeat.objects.all()
    }
    assert seats == {
        ("Anna Bergström", "ordinary", "chair", "Habo"),
        ("Per Lindqvist", "deputy", "", "Habo"),
        ("Maria Holm", "ordinary", "vice_chair", "RJL"),
        ("Karin Ek", "ordinary", "", "FK"),
    }
    assert Person.objects.filter(name="Anna Bergström").count() == 1  # one person, two assignments
    assert Person.objects.get(name="Eva Strand").title == "Socialchef"
    assert GroupMembership.objects.get(group="working_committee").role == "ordförande"

    again = run(federation, BOARD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    ended = run(
        federation,
        BOARD.replace(
            "Eva Strand;beredningsgrupp;;;Habo;Socialchef;;2027-01-01;",
            "Eva Strand;beredningsgrupp;;;Habo;Socialchef;;2027-01-01;2028-06-30",
        ),
    )
    assert (ended.updated, str(GroupMembership.objects.get(group="preparatory_group").ends_on)) == (1, "2028-06-30")


def test_rows_that_clash_with_each_other_are_found_as_one_form_after_the_other(federation, members):
    """Two chairs, and a second ordinary seat for Habo, in the same file."""
    clashing = BOARD + (
        "Lars Nyberg;styrelse;;ordförande;RJL;;;2027-01-01;2030-12-31\n"
        "Olof Berg;styrelse;;;Habo;;;2027-01-01;2030-12-31\n"
    )
    result = run(federation, clashing)
    assert not result.saved
    by_row = {(problem.row, problem.column) for problem in result.problems}
    assert (8, "funktion") in by_row  # the board already has a chair
    assert (9, "ersättare") in by_row  # Habo already has an ordinary seat
    assert not BoardSeat.objects.exists() and not Person.objects.exists()  # all or nothing


def test_every_problem_of_a_row_at_once_and_identity_numbers_refused(federation, members):
    result = run(
        federation,
        "Anna 19850101-1234;styrelse;kanske;kassör;Ingen kommun;;;2027-13-01;\n",
    )
    columns = {problem.column for problem in result.problems if problem.row == 2}
    assert {"ersättare", "funktion", "organisation", "från"} <= columns
    assert not Person.objects.exists()
    named = run(federation, "Anna 19850101-1234;beredningsgrupp;;;;;;2027-01-01;\n")
    assert [problem.column for problem in named.problems] == ["namn"]
    assert "19850101" not in str(named.problems[0])


def test_a_seat_needs_an_organisation_that_is_a_member_when_the_term_starts(federation, members):
    result = run(federation, "Anna Bergström;styrelse;;;;;;2027-01-01;\nPer Lindqvist;styrelse;;;Habo;;;1990-01-01;\n")
    assert {(problem.row, problem.column) for problem in result.problems} == {(2, "organisation"), (3, "organisation")}


def test_the_office_imports_the_board_through_the_page(client, office, federation, members):
    client.force_login(office)
    upload = reverse("federations:board-import", kwargs={"slug": federation.slug})
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(upload, {"file": SimpleUploadedFile("styrelse.csv", (HEADER + BOARD).encode())})
    batch = ImportBatch.objects.get(kind="board")
    assert response["Location"] == reverse(
        "federations:board-import-preview", kwargs={"slug": federation.slug, "pk": batch.pk}
    )
    preview = client.get(response["Location"]).content.decode()
    assert "Anna Bergström" in preview and not BoardSeat.objects.exists()
    confirmed = client.post(response["Location"])
    assert confirmed["Location"] == reverse("federations:boardseat-list", kwargs={"slug": federation.slug})
    assert BoardSeat.objects.count() == 4
    seat = BoardSeat.objects.get(office="chair")
    assert seat.history.get().history_user == office


def test_another_federations_people_are_not_found_by_name(federation, other_federation, members, other_county):
    """People are the county's: a namesake in another county is someone else."""
    Person.objects.create(county=other_county, name="Anna Bergström")
    run(federation, BOARD)
    assert Person.objects.filter(name="Anna Bergström", county=federation.county).count() == 1
