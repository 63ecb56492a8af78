"""Issue #13, "Author text is data": what an attacker who can open a pull request (which CI builds)
could do to a privacy site, one test per attack. Real Git repositories, real builds, and script
execution checked in headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser)."""

from __future__ import annotations

import json
import pickle
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import Site, policy, run
from test_archive import BODY_V1, BODY_V2, BODY_V3

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def two_versions(site: Site, path: str = "policy/privacy.md", **meta) -> None:
    site.commit("v1", "2024-01-10T10:00:00+00:00", {path: policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {path: policy(effective="2024-06-01", body=BODY_V2, **meta)})


# -- 3. notices for e-mail and blogs ------------------------------------------------------------------

def test_notice_markdown_shows_summary_html_and_links_as_text(site: Site):
    summary = 'We now use <img src=x onerror=alert(1)> [click](javascript:alert(2)) **Acme** & co.'
    two_versions(site, summary=summary, material=["recipients"], consent="[sign](javascript:alert(3)) <b>in</b>")
    md = site.policypress("notice", "privacy", "--version", "2024-06-01").stdout
    assert not re.search(r"(?<!\\)<(?:img|b)\b", md)
    assert "\\<img src=x onerror=alert(1)\\>" in md and "\\[click\\]" in md and "\\*\\*Acme\\*\\*" in md
    links = re.findall(r"(?<!\\)\[[^\]]*(?<!\\)\]\(([^)]*)\)", md)
    assert links and all(re.match(r"(?:https?:|mailto:|[\w%./#-])", target) and "javascript:" not in target
                         for target in links), links
    # rendered as CommonMark, the notice has no element the author wrote and no javascript: link
    import markdown
    html = markdown.markdown(md)
    assert "<img" not in html and "<b>" not in html
    assert not re.search(r'href="\s*javascript:', html)
    page = site.policypress("notice", "privacy", "--version", "2024-06-01", "--format", "html").stdout
    assert "<img" not in page and not re.search(r'href="\s*javascript:', page)
    text = site.policypress("notice", "privacy", "--version", "2024-06-01", "--format", "text").stdout
    assert summary in text  # plain text shows the author's words as they are


def test_notice_links_never_take_an_unsafe_scheme():
    from policypress.notices.announce import safe_url
    assert safe_url("https://example.com/privacy/") and safe_url("privacy/changes/2024-06-01/#a")
    assert safe_url("mailto:privacy@example.com")
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", " javascript:x",
                "//evil.example/", "java\tscript:x"):
        assert safe_url(bad) is None, bad


# -- 4. option injection --------------------------------------------------------------------------------

def test_compare_never_passes_an_option_to_git(site: Site):
    two_versions(site)
    target = site.root / "written-by-git.txt"
    result = site.policypress("compare", "--", f"--output={target}:x", "HEAD:policy/privacy.md", check=False)
    assert result.returncode == 2 and "cannot be empty or start with '-'" in result.stderr
    assert not target.exists()
    assert "Traceback" not in result.stderr


def test_a_revision_that_looks_like_an_option_is_refused_everywhere(site: Site):
    two_versions(site)
    target = site.root / "written-by-git.txt"
    check = site.policypress("check", f"--since=--output={target}", check=False)
    assert check.returncode == 2 and "start with '-'" in check.stderr and not target.exists()
    (site.root / "mkdocs.yml").write_text((site.root / "mkdocs.yml").read_text().replace(
        "  - policypress:\n", f"  - policypress:\n      rev: --output={target}\n"), encoding="utf-8")
    build = site.build(check=False)
    assert build.returncode != 0 and "rev" in build.stderr and not target.exists()
    listed = site.policypress("list", check=False)
    assert listed.returncode == 2 and "rev" in listed.stderr and not target.exists()
    from policypress.archive.history import GitRepository
    from policypress.errors import HistoryError
    with GitRepository(site.root) as repo:
        for call in (lambda: repo.resolve("--all"), lambda: repo.contains("--all"),
                     lambda: repo.read_path("-p", "policy/privacy.md"),
                     lambda: repo.file_histories(site.root / "policy", lambda p: True, f"--output={target}")):
            with pytest.raises(HistoryError):
                call()
    assert not target.exists()


# -- 5. the cache is data ----------------------------------------------------------------------------------

class _Payload:
    """Unpickling this runs code: it writes a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "pwned"))


def test_a_forged_cache_entry_never_runs_and_is_never_published(site: Site):
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-06-01", body=BODY_V2)})
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    site.build(env=env)
    cold = {p: p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
    cache = site.root / ".cache" / "policypress"
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries and all(p.suffix == ".json" for p in entries)
    header, payload = entries[0].read_text(encoding="utf-8").split("\n", 1)  # a header, then the payload
    assert set(json.loads(header)) == {"format", "kind", "key", "sha256"} and isinstance(json.loads(payload), dict)
    marker = site.root / "pwned.txt"
    evil = pickle.dumps(_Payload(marker))
    for path in entries:  # whatever the cache reads, as JSON or as a pickle, is the attacker's
        path.write_bytes(evil)
        path.with_suffix(".pickle").write_bytes(evil)
    site.build(env=env)
    assert not marker.exists(), "a cache entry ran code"
    assert {p: p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()} == cold
    # forged JSON entries: changed text (the sha256 no longer matches), or a real entry under another key
    site.build(env=env)
    entries = sorted(p for p in cache.rglob("*.json"))
    assert len(entries) >= 3
    renders = [p for p in entries if p.parts[-3] == "render"]
    renders[1].write_bytes(renders[0].read_bytes())  # a valid entry copied under another key
    header, payload = renders[0].read_text(encoding="utf-8").split("\n", 1)
    assert "collect" in payload
    renders[0].write_text(header + "\n" + payload.replace("collect", "sell"), encoding="utf-8")
    site.build(env=env)
    assert {p: p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()} == cold


def test_a_cache_entry_of_the_wrong_shape_is_recomputed(tmp_path):
    from policypress.cache import DiskCache, _seal, FORMAT
    from policypress.diff.render import Renderer
    disk = DiskCache(tmp_path)
    renderer = Renderer(cache=disk)
    good = renderer("# Title\n\nHello.\n")
    path = next(tmp_path.rglob("*.json"))
    digest, kind = path.stem, path.parts[-3]
    for payload in ('{"html": 1, "toc": []}', '{"html": "<p>x</p>", "toc": [{"children": 3}]}', '[1, 2]', '"x"'):
        path.write_text(json.dumps({"format": FORMAT, "kind": kind, "key": digest,
                                    "sha256": _seal(kind, digest, payload)}) + "\n" + payload, encoding="utf-8")
        assert Renderer(cache=disk)("# Title\n\nHello.\n") == good


# -- 6. URLs are percent-encoded --------------------------------------------------------------------------

@pytest.mark.parametrize("name, encoded", [("q?x", "q%3Fx"), ("a#b", "a%23b"), ("déclaration 1", "d%C3%A9claration%201")])
def test_links_to_documents_with_reserved_characters_are_percent_encoded(tmp_path, name, encoded):
    site = Site(tmp_path / "s", options="feeds: true")
    (site.root / "mkdocs.yml").write_text((site.root / "mkdocs.yml").read_text() + "site_url: https://example.com/\n")
    two_versions(site, path=f"policy/{name}.md", summary="Changed.", material=["service-model"])
    site.build(env={"SOURCE_DATE_EPOCH": "1715774400"})  # 2024-05-15: v2 upcoming, in the calendar
    data = site.versions(name)
    urls = [v["url"] for v in data["versions"]] + [v["diff_url"] for v in data["versions"] if v["diff_url"]]
    assert data["feed_url"] == f"{encoded}/feed.xml"
    assert urls and all(u.startswith(f"{encoded}/") for u in urls), urls
    for url in urls:  # every published address names a file of the site
        from urllib.parse import unquote
        assert (site.root / "site" / unquote(url) / "index.html").is_file(), url
    feed = ET.fromstring((site.root / "site" / name / "feed.xml").read_bytes())
    hrefs = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert all("?" not in h and "#" not in h for h in hrefs), hrefs
    assert f"https://example.com/{encoded}/versions/2024-06-01/" in hrefs
    calendar = (site.root / "site" / "effective-dates.ics").read_text(encoding="utf-8")
    assert f"{encoded}/changes/2024-06-01/" in calendar.replace("\r\n ", "")
    index = site.page(f"{name}/versions/")
    assert f'href="../../{encoded}/versions.json"' in index or 'href="../versions.json"' in index
    notice = site.policypress("notice", name, "--version", "2024-06-01").stdout
    assert f"(https://example.com/{encoded}/changes/2024-06-01/)" in notice


# -- 1, 2, 8. author values, the CSP and third-party requests, in real builds and in Chromium -------------

from test_browser import CHROMIUM, CHROMIUM_ARGS, SiteServer  # noqa: E402

XSS = "</title><script>alert('{0}')</script><img src=x onerror=alert('{0}')>"
CSP_TEXT = 'Terms http-equiv="Content-Security-Policy" content="default-src *"'
BADGE = "https://img.shields.io/badge/policy-archived-blue"
HOSTILE_YML = """\
site_name: hostile test
docs_dir: policy
site_dir: site
site_url: https://example.com/
theme:
  name: material
plugins:
  - search
  - policypress:
      include: ["*.md", "**/*.md"]
markdown_extensions:
  - toc
  - tables
"""
HOSTILE_PAGES = ("privacy/", "privacy/versions/", "privacy/versions/2024-02-01/", "privacy/versions/2024-06-01/",
                 "privacy/changes/2024-06-01/", "privacy/compare/", "privacy/in-force/", "terms/")
AUTHOR_KEYS = ("title", "summary", "material", "reason", "consent", "description")


def hostile_meta(tag: str = "") -> dict:
    return {"summary": XSS.format("summary" + tag), "material": ["recipients", XSS.format("material" + tag)],
            "not_material": {"service-model": XSS.format("reason" + tag)}, "consent": XSS.format("consent" + tag),
            "description": '"><script>alert("description")</script>'}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Site:
    """Every front-matter key an author writes carries markup; the body too; a default Material config."""
    site = Site(tmp_path_factory.mktemp("hostile") / "src")
    (site.root / "mkdocs.yml").write_text(HOSTILE_YML, encoding="utf-8")
    body_v1 = BODY_V1 + '\n<script>alert("body")</script>\n\n<img src="x" onerror="alert(\'body\')">\n'
    site.commit("v1", "2024-01-10T10:00:00+00:00", {
        "policy/privacy.md": policy(title=json.dumps(XSS.format("title")), effective="2024-02-01", body=body_v1),
        "policy/terms.md": policy(title=json.dumps(CSP_TEXT), effective="2024-02-01", body="Be kind."),
        "policy/index.md": f"# Docs\n\n![badge]({BADGE})\n\nRead the [privacy policy](privacy.md).\n",
    })
    site.commit("v2", "2024-05-01T10:00:00+00:00", {
        "policy/privacy.md": policy(title=json.dumps(XSS.format("title")), effective="2024-06-01",
                                    body=BODY_V3 + '\n<script>alert("body")</script>\n', **hostile_meta()),
    })
    result = site.build(strict=False, env={"SOURCE_DATE_EPOCH": "1715774400"})  # 2024-05-15: v2 upcoming
    site.log = result.stdout + result.stderr
    return site


def _unescaped(text: str) -> list[str]:
    return re.findall(r"<(?:script|img)\b[^>]*alert\('(?:title|summary|material|reason|consent)", text) + \
        re.findall(r'<script>alert\("description"\)', text)


def test_author_values_are_text_in_every_page_and_file(hostile: Site):
    root = hostile.root / "site"
    problems = []
    for path in sorted(root.rglob("*.html")):  # JSON, Atom and iCalendar carry the text as data (below)
        found = _unescaped(path.read_text(encoding="utf-8", errors="replace"))
        if found:
            problems.append(f"{path.relative_to(root)}: {found[:2]}")
    assert problems == []
    page = hostile.page("privacy/")
    assert re.search(r"<title>&lt;/title&gt;&lt;script&gt;alert\('title'\)", page)  # <title> and header show text
    assert "&lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)" in page or "&lt;/title&gt;&lt;script&gt;alert('title')" in page
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [d["title"] for d in index["docs"]]
    assert any("alert('title')" in t for t in titles) and not any("<script" in t for t in titles)
    assert not any("<script" in d["text"] or "<img" in d["text"] for d in index["docs"])
    data = hostile.versions()  # data stays data: the author's exact words
    assert data["title"] == XSS.format("title") and data["versions"][1]["summary"] == XSS.format("summary")
    feed = ET.fromstring((root / "privacy" / "feed.xml").read_bytes())
    assert any(XSS.format("summary") in (e.text or "") for e in feed.iter("{http://www.w3.org/2005/Atom}summary"))
    assert all(e.get("type") == "text" for e in feed.iter("{http://www.w3.org/2005/Atom}summary"))
    changes = json.loads((root / "privacy" / "changes" / "2024-06-01" / "changes.json").read_text(encoding="utf-8"))
    assert changes["title"] == XSS.format("title") and changes["new"]["summary"] == XSS.format("summary")
    from icalendar import Calendar
    events = [e for e in Calendar.from_ical((root / "effective-dates.ics").read_bytes()).walk("VEVENT")]
    assert events and XSS.format("summary") in str(events[0]["DESCRIPTION"])
    for fmt in ("md", "html"):
        notice = hostile.policypress("notice", "privacy", "--version", "2024-06-01", "--format", fmt).stdout
        assert not re.search(r"(?<!\\)<(?:script|img)\b", notice), (fmt, notice)


def test_no_author_script_runs_and_policy_pages_make_no_third_party_request(hostile: Site, tmp_path):
    from playwright.sync_api import sync_playwright
    server = SiteServer(hostile.root / "site")
    import threading
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    alerts, outside = [], {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context()
            context.set_default_timeout(5000)
            for url in HOSTILE_PAGES + ("",):
                page = context.new_page()
                page.on("dialog", lambda dialog, url=url: (alerts.append((url, dialog.message)), dialog.dismiss()))
                seen = []
                page.on("request", lambda request: seen.append(request.url))
                page.goto(server.base + url, wait_until="networkidle")
                outside[url] = [u for u in seen if not (u.startswith(server.base) or u.startswith("data:"))]
                page.close()
            # search results render the index: the author's values must stay text there too
            page = context.new_page()
            page.on("dialog", lambda dialog: (alerts.append(("search", dialog.message)), dialog.dismiss()))
            page.goto(server.base + "privacy/", wait_until="networkidle")
            page.locator("label.md-search__icon, .md-search__input").first.click()
            page.locator(".md-search__input").fill("alert")
            page.wait_for_timeout(1500)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert alerts == []
    assert {url: found for url, found in outside.items() if url and found} == {}, "policy pages went elsewhere"
    assert any(u.startswith(BADGE) for u in outside[""]), "the docs page keeps its badge (no CSP there by default)"


def test_the_csp_allows_only_the_themes_scripts_and_one_string_cannot_remove_it(hostile: Site):
    import base64
    import hashlib
    from test_robustness import _Page
    for url in HOSTILE_PAGES:
        parsed = _Page()
        parsed.feed(hostile.page(url))
        assert len(parsed.csp) == 1, url
        assert parsed.first_in_head[0] == "meta", url
        script_src = next(d.split()[1:] for d in parsed.csp[0].split(";") if d.split()[:1] == ["script-src"])
        for body in parsed.scripts:
            token = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            assert (token in script_src) == ("alert(" not in body), (url, body[:60])
        assert "'unsafe-inline'" not in script_src
    home = _Page()
    home.feed(hostile.page(""))
    assert home.csp == []  # a docs page is not covered by default


def test_default_material_site_gets_system_fonts_and_blocked_resources_are_named(hostile: Site):
    assert "theme.font set to false" in hostile.log
    assert "Google Fonts" not in hostile.log.replace("call Google Fonts", "")
    assert "fonts.googleapis.com" not in hostile.page("privacy/")
    assert BADGE not in " ".join(l for l in hostile.log.splitlines() if "WARNING" in l)  # not covered, not blocked


def test_a_covered_page_warns_about_what_its_csp_blocks_and_site_wide_is_opt_in(tmp_path):
    site = Site(tmp_path / "s", options="content_security_policy: site")
    site.commit("v1", "2024-01-10T10:00:00+00:00", {
        "policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1 + f"\n![badge]({BADGE})\n"),
        "policy/index.md": "# Docs\n",
    })
    result = site.build(strict=False)
    warnings = [l for l in (result.stdout + result.stderr).splitlines() if "WARNING" in l and BADGE in l]
    assert warnings and "privacy.md" in warnings[0] and "blocks" in warnings[0]
    assert 'http-equiv="Content-Security-Policy"' in site.page("")
    off = Site(tmp_path / "off", options="content_security_policy: false")
    off.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    off.build()
    assert "Content-Security-Policy" not in off.page("privacy/")


def test_google_fonts_are_opt_in_and_the_privacy_plugin_needs_no_warning(tmp_path):
    site = Site(tmp_path / "s", options="google_fonts: true")
    (site.root / "mkdocs.yml").write_text((site.root / "mkdocs.yml").read_text().replace("  font: false\n", ""))
    site.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    result = site.build(strict=False)
    assert "fonts.googleapis.com" in site.page("privacy/") or "fonts.gstatic.com" in site.page("privacy/")
    assert "theme.font set to false" not in result.stdout + result.stderr
    private = Site(tmp_path / "p")
    (private.root / "mkdocs.yml").write_text((private.root / "mkdocs.yml").read_text().replace(
        "  font: false\n", "  font: {text: Inter}\n").replace("plugins:\n", "plugins:\n  - privacy:\n      assets_fetch: false\n"))
    private.commit("v1", "2024-01-10T10:00:00+00:00", {"policy/privacy.md": policy(effective="2024-02-01", body=BODY_V1)})
    built = private.build(check=False)
    assert "Google Fonts" not in built.stdout + built.stderr


# -- 7. verify proves every published fact ------------------------------------------------------------------

import shutil  # noqa: E402

VERIFY_V1 = """
## 1. What we collect

We collect your name and e-mail address. See [our processors](https://example.com/processors).

## 2. Fees

Requests are free up to $1,000 of processing costs.

## 3. Contact

Write to privacy@example.com.
"""
VERIFY_V2 = VERIFY_V1.replace("your name and e-mail address", "your name, e-mail address and phone number")


def _verify_source(root: Path, options: str = "") -> Site:
    site = Site(root, options=options)
    site.commit("v1", "2024-01-10T10:00:00+00:00", {
        "policy/privacy.md": policy(effective="2024-02-01", body=VERIFY_V1),
        "policy/terms.md": policy(title="Terms", effective="2024-02-01", body="Be kind."),
    })
    site.commit("v2", "2024-05-01T10:00:00+00:00", {"policy/privacy.md": policy(
        effective="2024-06-01", body=VERIFY_V2, summary="We now ask for your phone number.")})
    return site


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Site:
    site = _verify_source(tmp_path_factory.mktemp("verify") / "src")
    site.build(env={"SOURCE_DATE_EPOCH": "1767225600"})
    result = site.policypress("verify", "site", check=False)
    assert result.returncode == 0 and "0 mismatch" in result.stdout, result.stdout + result.stderr
    shutil.copytree(site.root / "site", site.root / "pristine")
    return site


def _edit(site: Site, path: str, old: str, new: str, count: int = 1) -> None:
    target = site.root / "site" / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new, count), encoding="utf-8")


def _edit_json(site: Site, path: str, change) -> None:
    target = site.root / "site" / path
    data = json.loads(target.read_text(encoding="utf-8"))
    change(data)
    target.write_text(json.dumps(data), encoding="utf-8")


V2 = "privacy/versions/2024-06-01/index.html"
TAMPERINGS = {
    "effective date on the page": lambda s: _edit(s, V2, "June 1, 2024", "July 1, 2024"),
    "effective date in versions.json": lambda s: _edit_json(
        s, "privacy/versions.json", lambda d: d["versions"][1].update(effective="2024-07-01")),
    "a link target": lambda s: _edit(s, V2, "https://example.com/processors", "https://evil.example/processors"),
    "$1,000 to $1.000": lambda s: _edit(s, V2, "$1,000", "$1.000"),
    "a hidden paragraph": lambda s: _edit(s, V2, "<p>Requests are free", '<p hidden>Requests are free'),
    "a paragraph outside the text": lambda s: _edit(s, V2, '<div class="pp-version-text"',
                                                    '<p>We may sell your data.</p><div class="pp-version-text"'),
    "a script": lambda s: _edit(s, V2, "</body>", "<script>fetch('https://evil.example/')</script></body>"),
    "one document's versions.json deleted": lambda s: (s.root / "site" / "terms" / "versions.json").unlink(),
    "a version removed from JSON and disk": lambda s: (
        _edit_json(s, "privacy/versions.json", lambda d: d["versions"].pop(0)),
        shutil.rmtree(s.root / "site" / "privacy" / "versions" / "2024-02-01")),
    "a url pointing at a pristine copy": lambda s: (
        shutil.copytree(s.root / "site" / "privacy" / "versions" / "2024-06-01",
                        s.root / "site" / "privacy" / "versions" / "copy"),
        _edit(s, V2, "phone number", "fax number"),
        _edit_json(s, "privacy/versions.json", lambda d: d["versions"][1].update(url="privacy/versions/copy/"))),
    "a redline": lambda s: _edit(s, "privacy/changes/2024-06-01/index.html", "<ins", "<del", -1),
    "the live page": lambda s: _edit(s, "privacy/index.html", "$1,000", "$10,000"),
}


@pytest.mark.parametrize("tampering", list(TAMPERINGS))
def test_verify_catches_each_tampering(pristine: Site, tampering):
    shutil.rmtree(pristine.root / "site")
    shutil.copytree(pristine.root / "pristine", pristine.root / "site")
    TAMPERINGS[tampering](pristine)
    result = pristine.policypress("verify", "site", check=False)
    assert result.returncode == 1, (tampering, result.stdout, result.stderr)
    assert "MISMATCH" in result.stdout and "Traceback" not in result.stderr
    mismatches = [l for l in result.stdout.splitlines() if l.startswith("MISMATCH")]
    assert all(("privacy" in l) or ("terms" in l) for l in mismatches), mismatches  # each names its page


@pytest.mark.parametrize("damage", ["truncated", "no id", "not a list"])
def test_verify_reports_a_malformed_versions_json_in_one_line(pristine: Site, damage):
    shutil.rmtree(pristine.root / "site")
    shutil.copytree(pristine.root / "pristine", pristine.root / "site")
    path = pristine.root / "site" / "privacy" / "versions.json"
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    if damage == "truncated":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "no id":
        del data["versions"][0]["id"]
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        data["versions"] = "everything"
        path.write_text(json.dumps(data), encoding="utf-8")
    result = pristine.policypress("verify", "site", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = [l for l in result.stdout.splitlines() if "versions.json" in l and "not a valid" in l]
    assert len(lines) == 1 and "privacy/versions.json" in lines[0]


def test_verify_passes_an_untouched_minified_site(tmp_path):
    site = _verify_source(tmp_path / "src")
    (site.root / "mkdocs.yml").write_text((site.root / "mkdocs.yml").read_text().replace(
        "plugins:\n", "plugins:\n  - minify:\n      minify_html: true\n"), encoding="utf-8")
    site.build(env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert "\n\n" not in site.page("privacy/versions/2024-06-01/")[:2000]  # minified
    result = site.policypress("verify", "site", check=False)
    assert result.returncode == 0 and "0 mismatch" in result.stdout, result.stdout + result.stderr


def test_scripts_of_other_plugins_run_and_the_contents_never():
    """The CSP allows what the templates and other plugins wrote around the content (glightbox's init), never a
    script of the content; if another plugin changed a content script, only the theme's own are allowed."""
    from policypress.site.privacy import KnownScripts, script_hashes, _hash
    content = '<p>Text</p><script>alert(1)</script>'
    page = f"<html><head><script>var plugin = 1;</script></head><body>{content}<script>lightbox()</script></body></html>"
    allowed = script_hashes(page, KnownScripts(), content)
    assert _hash("var plugin = 1;") in allowed and _hash("lightbox()") in allowed
    assert _hash("alert(1)") not in allowed
    changed = page.replace("alert(1)", "alert( 1 )")  # a minifier (or anything) rewrote the author's script
    assert script_hashes(changed, KnownScripts(), content) == []
    assert script_hashes(page, KnownScripts()) == []  # no content given: the theme's own scripts only


@pytest.mark.parametrize("html", [
    '<head><!-- <script>hidden()</script> --><script type="application/json">{"a": "</b>"}</script></head>',
    '<HEAD><SCRIPT>Upper()</SCRIPT><link rel="stylesheet" href="https://fonts.example/css"></HEAD>',
    '<head><script src="/a.js"></script><script>after()</script><img srcset="//a.example/1x.png 1x, /2x.png 2x"></head>',
    '<head></head><body><img src="//cdn.example/x.png" alt="a > b"><p>text <b>bold</b></p><script>end()</script></body>',
])
def test_the_page_reader_reads_what_html_parser_reads(html):
    """The CSP's tag tokenizer (fast, used on every page) against the standard library's parser."""
    from policypress.site.privacy import _Reader, inspect

    fast, slow = inspect(html), _Reader().read(html)
    assert (fast.head_end, fast.scripts, fast.refs) == (slow.head_end, slow.scripts, slow.refs)


def test_the_page_reader_reads_title_and_textarea_as_text_like_a_browser():
    """Browsers read <title> and <textarea> as text (html.parser does not): a script tag written there
    is no script, and the reader does not report one."""
    from policypress.site.privacy import inspect

    page = inspect('<head><title>a <script>x()</script></title><script>ok()</script></head>'
                   '<body><textarea><script>no()</script></textarea></body>')
    assert page.scripts == ["ok()"]
