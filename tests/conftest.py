"""The cast every test draws on: one federation with a user in each role, a second
federation in the same county with its own office, and an outsider with no role."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from federations.models import County, Federation, MemberOrganisation, Membership, Municipality, Role
from interventions.models import EndClass, Funding, Intervention, InterventionAssignment, Participant


# A parallel run (pytest-xdist, ``make test``): the workers' tallies of hostile inputs
# (tests/robustness/conftest.py), added up for the run's summary.
HOSTILE_INPUTS = {"count": 0}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    HOSTILE_INPUTS["count"] += getattr(node, "workeroutput", {}).get("hostile_inputs", 0)


def pytest_terminal_summary(terminalreporter):
    if HOSTILE_INPUTS["count"]:
        terminalreporter.write_line(f"hostile inputs tried: {HOSTILE_INPUTS['count']}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test that commits (``transaction=True``, the browser tests) ends with the database
    emptied. Once its fixtures are torn down, the rows the migrations seed are put back, for
    whatever test this process runs next: a worker of a parallel run takes the modules in
    any order."""
    yield
    marker = item.get_closest_marker("django_db")
    committing = "transactional_db" in getattr(item, "fixturenames", ()) or (
        marker and marker.kwargs.get("transaction")
    )
    if not committing or nextitem is None:  # the last test: the test database is gone with the session
        return
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key  # the blocker the db fixtures use

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with item.config.stash[blocking_manager_key].unblock():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """A background task (a draft PDF) runs in the request that asks for it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",  # to check the demo users' passwords
    ]


@pytest.fixture
def county(db):
    return County.objects.create(name="Jönköpings län", slug="jonkopings-lan")


@pytest.fixture
def other_county(db):
    return County.objects.create(name="Kalmar län", slug="kalmar-lan")


def make_federation(county, slug, name, organisation_number):
    return Federation.objects.create(
        county=county,
        slug=slug,
        name=name,
        short_name=slug[:3].upper(),
        organisation_number=organisation_number,
        founded_on=date(2007, 3, 1),
    )


@pytest.fixture
def federation(county):
    return make_federation(county, "sodra-vatterbygden", "Samordningsförbundet Södra Vätterbygden", "222000-1891")


@pytest.fixture
def other_federation(county):
    return make_federation(county, "hoglandet", "Höglandets samordningsförbund", "222000-2030")


@pytest.fixture
def municipality(county):
    return Municipality.objects.create(county=county, name="Habo", code="0643")


@pytest.fixture
def members(federation, municipality):
    """FK, AF, the region and one municipality, members since the founding."""
    county = federation.county
    organisations = {
        "FK": MemberOrganisation.objects.create(county=county, kind="fk", name="Försäkringskassan", short_name="FK"),
        "AF": MemberOrganisation.objects.create(county=county, kind="af", name="Arbetsförmedlingen", short_name="AF"),
        "RJL": MemberOrganisation.objects.create(
            county=county, kind="region", name="Region Jönköpings län", short_name="RJL"
        ),
        "Habo": MemberOrganisation.objects.create(
            county=county, kind="municipality", name="Habo kommun", short_name="Habo", municipality=municipality
        ),
    }
    for organisation in organisations.values():
        Membership.objects.create(federation=federation, organisation=organisation, starts_on=federation.founded_on)
    return organisations


def make_user(username, federation=None, kind=None):
    user = get_user_model().objects.create_user(username=username, password="correct horse battery")
    if federation:
        Role.objects.create(user=user, federation=federation, kind=kind)
    return user


@pytest.fixture
def office(federation):
    return make_user("office", federation, Role.Kind.OFFICE)


@pytest.fixture
def intervention_staff(federation):
    return make_user("coach", federation, Role.Kind.INTERVENTION)


@pytest.fixture
def board_member(federation):
    return make_user("board", federation, Role.Kind.BOARD)


@pytest.fixture
def auditor(federation):
    return make_user("auditor", federation, Role.Kind.AUDITOR)


@pytest.fixture
def other_office(other_federation):
    """Office staff of the other federation: an outsider to ``federation``."""
    return make_user("other-office", other_federation, Role.Kind.OFFICE)


@pytest.fixture
def outsider(db):
    return make_user("outsider")


@pytest.fixture
def cast(office, intervention_staff, board_member, auditor, other_office, outsider):
    return {
        "office": office,
        "intervention": intervention_staff,
        "board": board_member,
        "auditor": auditor,
        "other_office": other_office,
        "outsider": outsider,
        "anonymous": None,
    }


@pytest.fixture(scope="session")
def demo_template(django_db_setup, django_db_blocker):
    """The name of a database holding the demo, loaded once for the session (PostgreSQL),
    or None where databases are not copied (SQLite)."""
    from .demo_database import copies_databases, drop_database, make_demo_database

    with django_db_blocker.unblock():
        if not copies_databases():
            yield None
            return
        name = make_demo_database()
    yield name
    with django_db_blocker.unblock():
        drop_database(name)


@pytest.fixture(scope="module")
def demo_data(demo_template, django_db_blocker):
    """The demo for one test module, in a copy of the session's demo database (or loaded for
    the module and emptied after it). Tests that use it also need ``db``, so their own
    changes roll back."""
    from io import StringIO

    from django.core.management import call_command

    from reporting.models import GOTEBORG_CENTRUM_2019, SocioEconomicModel

    from .demo_database import copy_of

    with django_db_blocker.unblock():
        if demo_template:
            with copy_of(demo_template):
                yield
            return
        call_command("load_demo", stdout=StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)
        # Put back what the migrations seed, for the test modules that follow.
        SocioEconomicModel.objects.create(**GOTEBORG_CENTRUM_2019)


@pytest.fixture
def demo(demo_data, db):
    return None


@pytest.fixture
def intervention(federation, members):
    enter = Intervention.objects.create(
        county=federation.county, name="Enter", starts_on=date(2016, 1, 1), age_min=18, age_max=64
    )
    Funding.objects.create(intervention=enter, federation=federation)
    return enter


@pytest.fixture
def other_intervention(federation, members):
    nova = Intervention.objects.create(county=federation.county, name="NOVA", starts_on=date(2019, 1, 1))
    Funding.objects.create(intervention=nova, federation=federation)
    return nova


@pytest.fixture
def spar(intervention):
    return EndClass.objects.create(intervention=intervention, name="Spår 1", standard_reason="work_rehabilitation")


@pytest.fixture
def habo(members):
    return Municipality.objects.get(name="Habo")


@pytest.fixture
def participant(intervention, habo):
    """One participant of Enter, enrolled in February 2024 and not ended."""
    return Participant.objects.create(
        intervention=intervention,
        code="E-1",
        gender="woman",
        birth_year=1990,
        municipality=habo,
        enrolled_on=date(2024, 2, 1),
    )


@pytest.fixture
def assigned_staff(intervention_staff, intervention):
    InterventionAssignment.objects.create(user=intervention_staff, intervention=intervention)
    return intervention_staff


def make_participants(intervention, municipality, n, start=0, **values):
    defaults = {"gender": "woman", "birth_year": 1990, "enrolled_on": date(2024, 2, 1)}
    return Participant.objects.bulk_create(
        Participant(
            intervention=intervention, municipality=municipality, code=f"P-{start + i:05d}", **(defaults | values)
        )
        for i in range(n)
    )


@pytest.fixture
def mixed_role(federation, other_federation):
    """Office staff in the other federation and intervention staff (assigned to nothing)
    in ``federation``: the role in one federation must open nothing in the other."""
    user = make_user("mixed", other_federation, Role.Kind.OFFICE)
    Role.objects.create(user=user, federation=federation, kind=Role.Kind.INTERVENTION)
    return user


@pytest.fixture
def other_members(other_federation, county, members):
    """The other federation's members: FK, the region and one municipality, Eksjö."""
    eksjo = Municipality.objects.create(county=county, name="Eksjö", code="0686")
    organisations = [
        MemberOrganisation.objects.get_or_create(county=county, kind="fk", name="Försäkringskassan")[0],
        MemberOrganisation.objects.get_or_create(county=county, kind="region", name="Region Jönköpings län")[0],
        MemberOrganisation.objects.create(county=county, kind="municipality", name="Eksjö kommun", municipality=eksjo),
    ]
    for organisation in organisations:
        Membership.objects.create(federation=other_federation, organisation=organisation, starts_on=date(2008, 1, 1))
    return eksjo


@pytest.fixture
def shared_intervention(federation, other_federation, members, other_members):
    """IT-spåret, funded by both federations and serving both."""
    it = Intervention.objects.create(county=federation.county, name="IT-spåret", starts_on=date(2020, 1, 1))
    Funding.objects.create(intervention=it, federation=federation)
    Funding.objects.create(intervention=it, federation=other_federation)
    return it


def a_pdf(pages=1):
    """A real PDF of blank pages, as an uploaded document must be."""
    import io

    import pypdf

    writer = pypdf.PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def record_books(federation, year, cash=500000):
    """What a board adopts a year on: its actual figures and a balance sheet (the cash only)."""
    from finances.models import BalanceItem, Budget

    Budget.objects.create(federation=federation, year=year, scenario="actual", period_end=date(year, 12, 31))
    BalanceItem.objects.create(federation=federation, year=year, kind=BalanceItem.Kind.CASH, amount=cash)
