"""The demo, loaded once per test session. On PostgreSQL the migrated test database is copied
and the demo loaded into the copy once; every module that uses the demo, and every browser
test, then works in a copy of that (CREATE DATABASE … TEMPLATE: a file copy in the server,
about a second, where loading the demo takes half a minute) and drops it after. On SQLite
each module loads the demo itself and empties the database after, as before."""

import itertools
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import connection

_copies = itertools.count(1)


def copies_databases():
    return connection.vendor == "postgresql"


def _execute(sql):
    """Run ``sql`` outside any database (CREATE and DROP DATABASE), from the server's
    maintenance database, as Django's own test set-up does."""
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)


def copy_database(source, target):
    _execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
    _execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def drop_database(name):
    _execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def connected_to(name):
    """The default connection on database ``name`` — and every connection opened meanwhile,
    a live server's included, since they all read the same settings."""
    settings = connection.settings_dict
    previous = settings["NAME"]
    connection.close()
    settings["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        settings["NAME"] = previous


def make_demo_database():
    """A copy of the migrated test database with the demo loaded; returns its name."""
    name = f"{connection.settings_dict['NAME']}_demo"
    copy_database(connection.settings_dict["NAME"], name)
    with connected_to(name):
        call_command("load_demo", stdout=StringIO())
    return name


@contextmanager
def copy_of(template):
    """Work in a fresh copy of ``template`` for the duration, dropped after."""
    name = f"{template}_{next(_copies)}"
    copy_database(template, name)
    try:
        with connected_to(name):
            yield name
    finally:
        drop_database(name)
