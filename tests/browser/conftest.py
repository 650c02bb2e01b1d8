"""Browser tests: Playwright driving Debian's Chromium against the live test server,
on the demo data. A failing test leaves a screenshot in var/browser-failures/."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
FAILURES = Path(settings.BASE_DIR) / "var" / "browser-failures"
PASSWORD = "finsam-demo-2026"

# Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
# still synchronous, so Django's guard against async use does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def demo_site(demo_template, transactional_db, live_server):
    """The demo data behind a live server, committed, as the server sees only that: a copy
    of the session's demo database for each test (or the demo loaded for it). The tests are
    marked for a serialized rollback, so that each leaves the database as the migrations
    made it, seeded rows included. The session's demo database is made first, before the
    live server holds a connection to the database it is copied from."""
    from ..demo_database import copy_of

    if demo_template:
        with copy_of(demo_template):
            yield live_server.url
        return
    call_command("load_demo", stdout=StringIO())
    yield live_server.url


@pytest.fixture
def page(request, browser, demo_site):
    context = browser.new_context(base_url=demo_site, locale="sv-SE", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        path = FAILURES / f"{request.node.name}.png"
        page.screenshot(path=path, full_page=True)
        print(f"Screenshot of the failing page: {path}")
    context.close()


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
