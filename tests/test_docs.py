"""The documentation says what the code does: docs/urls.md lists every route of the
URLconf and no route that is not there."""

import re
from pathlib import Path

from django.urls import URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent


def routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def as_documented(route):
    """``f/<slug:slug>/meeting/<int:pk>/`` → ``/f/<slug>/meeting/<id>/``, as the docs write it."""
    route = re.sub(r"<(?:\w+:)?pk>", "<id>", route)
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", route)


def documented_urls():
    """The URLs in the first column of docs/urls.md's table, without their query strings."""
    urls = set()
    for line in (ROOT / "docs" / "urls.md").read_text().splitlines():
        if line.startswith("| `"):
            first_cell = line.split(" | ")[0]
            urls.update(url.split("?")[0] for url in re.findall(r"`(/[^`]*)`", first_cell))
    return urls


def test_docs_urls_lists_every_route_and_only_routes():
    in_code = {as_documented(route) for route in routes() if not route.startswith("admin/")} | {"/admin/"}
    documented = documented_urls()
    assert sorted(in_code - documented) == [], "routes docs/urls.md does not list"
    assert sorted(documented - in_code) == [], "rows of docs/urls.md that name no route"
