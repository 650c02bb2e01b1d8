"""``data_version``: what a federation's recorded data are now, asked on each draft request
and poll, planned once a connection on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finsam.versions import data_version


def test_the_version_is_planned_once_a_connection_and_moves_with_each_save(federation, other_federation):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    versions = {f.pk: data_version([f.pk]) for f in (federation, other_federation)}
    for _ in range(3):
        for pk, version in versions.items():
            assert data_version([pk]) == version
    with connection.cursor() as cursor:
        cursor.execute("SELECT generic_plans FROM pg_prepared_statements WHERE statement LIKE '%MAX(history_id)%'")
        assert cursor.fetchone()[0] > 0
    federation.name += " (nytt namn)"
    federation.save()
    with CaptureQueriesContext(connection) as captured:
        assert data_version([federation.pk]) != versions[federation.pk]
    assert len(captured) == 1  # a query like any other where queries are counted
    assert data_version([other_federation.pk]) == versions[other_federation.pk]
