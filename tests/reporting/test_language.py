"""No English in a Swedish report: every message has its Swedish translation, and the
reports rendered in Swedish hold none of the English source texts."""

import html
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from consultations.models import Consultation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"
# Words that are the same in both languages, or names.
SAME_IN_BOTH = {"Budget", "Plan", "Information", "IT-spåret"}


def catalogue():
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_every_message_has_its_swedish_translation():
    missing = [entry.msgid for entry in catalogue() if not entry.translated() or "fuzzy" in entry.flags]
    assert missing == []


def english_patterns():
    """Each English source text of two words or more that Swedish writes otherwise, as a
    pattern in which a placeholder stands for anything."""
    for entry in catalogue():
        for english, swedish in [(entry.msgid, entry.msgstr), (entry.msgid_plural, entry.msgstr_plural.get(1, ""))]:
            if not english or english == swedish or english in SAME_IN_BOTH or len(english.split()) < 2:
                continue
            parts = re.split(r"%\(\w+\)[sd]|\{\{ *\w+ *\}\}|%[sd]", english)
            yield english, re.compile(r"\S*".join(re.escape(part) for part in parts))


def visible_text(page):
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.fixture
def kansli(demo):
    return get_user_model().objects.get(username="kansli")


@pytest.mark.parametrize(
    "name, slug, year",
    [
        ("reporting:annual", "hoglandet", 2024),
        ("reporting:annual", "sodra-vatterbygden", 2024),
        ("reporting:annual", "finnveden", 2024),
        ("reporting:interim", "sodra-vatterbygden", 2012),
        ("reporting:plan", "finnveden", 2021),
        ("finances:accounts", "hoglandet", 2024),
    ],
)
def test_a_swedish_report_holds_no_english(client, kansli, name, slug, year):
    client.force_login(kansli)
    response = client.get(reverse(name, kwargs={"slug": slug}), {"year": year})
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    english = [source for source, pattern in english_patterns() if pattern.search(text)]
    assert english == []


def test_the_county_deck_holds_no_english(client, kansli):
    client.force_login(kansli)
    consultation = Consultation.objects.get(held_on="2025-02-28")
    url = reverse("consultations:deck", kwargs={"county": consultation.county.slug, "pk": consultation.pk})
    text = visible_text(client.get(url).content.decode())
    assert [source for source, pattern in english_patterns() if pattern.search(text)] == []


def test_the_check_finds_english_where_there_is_some(client, kansli, settings):
    """The same report in English: the patterns find its texts, so the check is not blind."""
    client.force_login(kansli)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("reporting:annual", kwargs={"slug": "hoglandet"}), {"year": 2024}).content.decode()
    found = {source for source, pattern in english_patterns() if pattern.search(visible_text(page))}
    assert {"Income statement", "Accrued holiday pay"} <= found and len(found) > 20
