"""Change notices, effective dates and subscriptions, read from real builds (no browser needed)."""

from __future__ import annotations

import re
import sys
from urllib.parse import urljoin
import xml.etree.ElementTree as ET

import pytest

from conftest import Site, run
from test_check import BODY, FORTER, FORTER2, edit, text

MAY_1 = "1777636800"  # 2026-05-01
MAY_25 = "1779710400"  # 2026-05-25
JULY_1 = "1782864000"  # 2026-07-01
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def upcoming(site: Site) -> Site:
    """v1 in force; v2 published on 1 May 2026 and effective 20 days later (the site's notice period)."""
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - policypress:\n", "  - policypress:\n      notice_days: 20\n"))
    site.commit("v1", "2025-12-01T10:00:00+00:00", {"policy/privacy.md": text("2026-01-01")})
    site.commit("terms", "2025-12-01T11:00:00+00:00", {"policy/terms.md": "---\ntitle: Terms\neffective: 2026-01-01\n---\n\nBe nice.\n",
                                                      "policy/index.md": "# Policies\n"})
    site.commit("v2", "2026-05-01T09:00:00+00:00", {"policy/privacy.md": text(
        "2026-05-21", edit(FORTER, FORTER2), material=["recipients"],
        summary="We now use Riskified <b>instead</b> of Forter & co.")})
    return site


def test_upcoming_version_is_announced_everywhere_and_the_text_in_force_is_unchanged(upcoming: Site):
    upcoming.build(env={"SOURCE_DATE_EPOCH": MAY_1})
    live = upcoming.page("privacy/")
    body = live.split('class="md-content"', 1)[1]
    assert "We hired Forter" in body and "We hired Riskified" not in body  # the text in force
    assert "Important: this policy changes on" in live and '<time datetime="2026-05-21">' in live
    assert 'href="changes/2026-05-21/#22-third-party-products-and-services"' in live
    assert "8(iii) Main recipients of sharing, transfer or public disclosure" in live
    pages = ["", "privacy/", "terms/", "privacy/versions/", "privacy/versions/2026-01-01/",
             "privacy/changes/2026-05-21/", "privacy/in-force/"]
    for url in pages:
        page = upcoming.page(url)
        banner = re.search(r'<div class="pp-banner".*?</div>', page, re.S)
        assert banner, url
        html = banner.group(0)
        assert 'data-pp-notice="privacy@2026-05-21"' in html and '<time datetime="2026-05-21">' in html, url
        assert "pp-banner__item--material" in html and "Important change" in html
        link = re.search(r'<a href="([^"]+)">See what changes', html).group(1)
        assert urljoin("http://site/" + url, link) == "http://site/privacy/changes/2026-05-21/", (url, link)
        assert "Riskified &lt;b&gt;instead&lt;/b&gt; of Forter &amp; co." in html
        assert 'aria-label="Dismiss the notice about the Privacy Policy version 2026-05-21"' in html
        assert page.count('class="md-banner"') == 1, url
    data = upcoming.versions()
    assert data["current"] == "2026-01-01" and data["upcoming"] == "2026-05-21"
    assert data["feed_url"] == "privacy/feed.xml"


def test_after_the_effective_date_the_new_version_is_current_then_the_notice_expires(upcoming: Site):
    upcoming.build(env={"SOURCE_DATE_EPOCH": MAY_25})
    assert upcoming.versions()["current"] == "2026-05-21"
    live = upcoming.page("privacy/")
    assert "We hired Riskified" in live.split('class="md-content"', 1)[1]
    assert 'data-pp-state="recent"' in live and "this policy changed on" in live
    upcoming.build(env={"SOURCE_DATE_EPOCH": JULY_1})
    assert "pp-banner" not in upcoming.page("privacy/") and "pp-notice" not in upcoming.page("privacy/")


def test_without_the_override_the_plugin_inserts_the_banner_itself(upcoming: Site):
    upcoming.build(env={"SOURCE_DATE_EPOCH": MAY_1})  # the test site has no site_overrides
    page = upcoming.page("terms/")
    assert re.search(r'<aside class="md-banner"><div class="md-banner__inner md-grid md-typeset"><div class="pp-banner".*?</aside>'
                     r'<div data-md-component="announce">', page, re.S)


def test_feeds_and_calendar(upcoming: Site):
    upcoming.build(env={"SOURCE_DATE_EPOCH": MAY_1})
    feed = ET.fromstring((upcoming.root / "site" / "privacy" / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    newest = entries[0]
    assert newest.find(f"{ATOM}title").text == "Privacy Policy: Important change, effective 2026-05-21"
    hrefs = {link.get("rel"): link.get("href") for link in newest.findall(f"{ATOM}link")}
    # without site_url, relative to the feed (privacy/feed.xml), where readers resolve them
    assert hrefs == {"alternate": "versions/2026-05-21/", "related": "changes/2026-05-21/"}
    summary = newest.find(f"{ATOM}summary").text
    assert "We now use Riskified <b>instead</b> of Forter & co." in summary  # text, escaped by the XML writer
    assert "8(iii) Main recipients" in summary
    assert [c.get("term") for c in newest.findall(f"{ATOM}category")] == ["recipients"]
    raw = (upcoming.root / "site" / "privacy" / "feed.xml").read_text()
    assert "&lt;b&gt;instead" in raw
    site_feed = ET.fromstring((upcoming.root / "site" / "feed.xml").read_bytes())
    assert {e.find(f"{ATOM}id").text.split(":")[2] for e in site_feed.findall(f"{ATOM}entry")} == {"privacy", "terms"}
    ics = (upcoming.root / "site" / "effective-dates.ics").read_text()
    assert "BEGIN:VEVENT" in ics and "DTSTART;VALUE=DATE:20260521" in ics
    assert "SUMMARY:Privacy Policy version 2026-05-21 takes effect (important change)" in ics
    live = upcoming.page("privacy/")
    assert '<link rel="alternate feed" type="application/atom+xml" title="Privacy Policy: versions and changes" href="feed.xml">' in live


def test_in_force_on_date_page_lists_the_periods(upcoming: Site):
    upcoming.build(env={"SOURCE_DATE_EPOCH": MAY_1})
    page = upcoming.page("privacy/in-force/")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", page)
    assert len(rows) == 2
    assert 'datetime="2026-01-01"' in rows[0][0] and 'datetime="2026-05-20"' in rows[0][1]
    assert 'href="../versions/2026-05-21/"' in rows[1][2] and "(upcoming)" in rows[1][2]
    data = re.search(r'<div id="pp-in-force-data" data-pp-json=\'(.*?)\' hidden>', page).group(1)
    assert '"effective": "2026-05-21"' in data and '"url": "../versions/2026-05-21/"' in data


def test_notice_command_for_email_and_blog(upcoming: Site):
    def notice(*args):
        return run([sys.executable, "-m", "policypress.cli", "notice", "privacy", *args], cwd=upcoming.root,
                   env={"SOURCE_DATE_EPOCH": MAY_1}, check=False)
    md = notice()
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("# Changes to our Privacy Policy")
    assert "**The new version takes effect on May 21, 2026.**" in md.stdout
    assert "[2.2 Third-party products and services](privacy/changes/2026-05-21/#22-third-party-products-and-services)" in md.stdout
    assert "**8(iii) Main recipients of sharing, transfer or public disclosure**" in md.stdout
    assert "site_url" in md.stderr
    html = notice("--format", "html").stdout
    assert "Riskified &lt;b&gt;instead&lt;/b&gt; of Forter &amp; co." in html and "<b>instead" not in html
    plain = notice("--format", "text").stdout
    assert "See every change: privacy/changes/2026-05-21/" in plain
    missing = notice("--version", "1999-01-01")
    assert missing.returncode == 2 and "no version" in missing.stderr
