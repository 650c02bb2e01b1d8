"""Make the scratch PostgreSQL database a measuring command works in, and never touch one
it did not make: a database this script creates carries a comment saying so, and only such
a database is reused (``keep``) or dropped and made again (``fresh``).

    python scripts/scratch_database.py keep|fresh postgres://user:password@host:5432/name
"""

import sys
import urllib.parse

import psycopg
from psycopg import sql

MARK = "scratch database of finsam's make bench / make load; safe to drop"


def main(mode, url):
    name = urllib.parse.urlparse(url).path.lstrip("/")
    if not name:
        sys.exit(f"No database name in {url}")
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if row is not None and row[0] != MARK:
            sys.exit(f"Database {name!r} exists and was not made by this script: refusing to touch it.")
        if row is not None and mode == "keep":
            print(f"Reusing the scratch database {name!r}.")
            return
        if row is not None:
            connection.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(MARK)))
        print(f"Made the scratch database {name!r}.")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("keep", "fresh"):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
