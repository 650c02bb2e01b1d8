"""Production settings: the deploy checks are clean, every answer carries a
Content-Security-Policy without inline script, and every form is protected from CSRF."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_the_deploy_checks_are_clean_with_production_settings():
    # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE: production never sets it.
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-" + "y" * 20,
        "ALLOWED_HOSTS": "finsam.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_answer_carries_a_policy_without_inline_script(client, office, federation):
    client.force_login(office)
    for url in [reverse("login"), reverse("federations:detail", kwargs={"slug": federation.slug})]:
        policy = directives(client.get(url))
        assert policy["script-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-eval'" not in " ".join(sum(policy.values(), []))


def template_files():
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", template_files(), ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_no_template_has_inline_script(path):
    html = path.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>: move it to static/js/"
    assert not re.search(r"\son[a-z]+\s*=", html), "an on…= event handler: bind it from static/js/"
    assert "javascript:" not in html


@pytest.mark.parametrize("path", template_files(), ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_every_post_form_carries_the_csrf_token(path):
    for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", path.read_text(), re.S | re.I):
        assert "{% csrf_token %}" in form


def test_a_post_without_the_token_is_refused(office, federation, members):
    client = Client(enforce_csrf_checks=True)
    client.force_login(office)
    url = reverse("federations:person-new", kwargs={"slug": federation.slug})
    response = client.post(url, {"name": "Utan token"})
    assert response.status_code == 403
    from federations.models import Person

    assert not Person.objects.filter(name="Utan token").exists()
