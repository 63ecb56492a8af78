"""`policypress notice`: the change notice for e-mail or a blog post, in Markdown, text or HTML.

The communications team gets the same facts the site shows (what changes, when, why it matters, how
consent will be asked, where to read the redline), with absolute links when mkdocs.yml has a site_url.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from policypress.archive.dates import human_date
from policypress.notices.notices import UPCOMING, Notice
from policypress.diff.redline import Section
from policypress.archive.urls import SiteUrls


def markdown_text(value: str) -> str:
    """Author and policy text shown as text in Markdown (no links, no HTML, no emphasis), on one line."""
    value = str(value).replace("\\", "\\\\")
    value = re.sub(r"([`*_\[\]<>#|~])", r"\\\1", value)
    return " ".join(value.split())


def safe_url(url: str) -> str | None:
    """`url` if a reader may follow it from an e-mail or a blog post (http, https, mailto or relative)."""
    if any(ord(c) < 0x21 or c in "<>\"'\\" for c in url):
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in ("", "http", "https", "mailto") and not url.startswith("//") else None


def _link(site_url: str | None, path: str) -> str:
    return site_url.rstrip("/") + "/" + path if site_url else path


def _md_link(label: str, url: str) -> str:
    """A Markdown link whose label is text; an unsafe target leaves the label alone."""
    target = safe_url(url)
    return f"[{markdown_text(label)}]({target})" if target else markdown_text(label)


def render(notice: Notice, urls: SiteUrls, site_url: str | None, criteria: dict, fmt: str) -> str:
    doc, version = notice.document, notice.version
    when = ("takes effect on" if notice.state == UPCOMING else "took effect on") + " " + human_date(version.effective)
    links = {
        "redline": _link(site_url, urls.change(doc.slug, version.id)),
        "text": _link(site_url, urls.version(doc.slug, version.id)),
        "versions": _link(site_url, urls.versions_index(doc.slug)),
    }
    sections: list[Section] = notice.sections
    flags = [criteria[c] for c in notice.material if c in criteria]
    consent = notice.review.declarations.consent if notice.review else None
    if fmt == "html":
        e = html.escape
        href = lambda url: e(safe_url(url) or "#")  # noqa: E731
        parts = [f"<h1>Changes to our {e(doc.title)}</h1>",
                 f"<p><strong>The new version {e(when)}.</strong>"
                 f"{' ' + e(version.summary) if version.summary else ''}</p>"]
        if sections:
            parts.append("<h2>What changes</h2><ul>" + "".join(
                f"<li><a href=\"{href(links['redline'] + '#' + s.id)}\">{e(s.title)}</a></li>" if s.id else f"<li>{e(s.title)}</li>"
                for s in sections) + "</ul>")
        if flags:
            parts.append("<h2>Why this matters</h2><p>This is a material change under section 8 of the policy:</p><ul>"
                         + "".join(f"<li><strong>{e(c.ref)} {e(c.title)}</strong>: {e(c.text)}</li>" for c in flags)
                         + "</ul>")
        if notice.consent_required:
            parts.append(f"<p><strong>This change reduces your rights.</strong> It applies to you only with your "
                         f"express consent{': ' + e(consent) if consent else ''}.</p>")
        parts.append(f"<p><a href=\"{href(links['redline'])}\">See every change</a> · "
                     f"<a href=\"{href(links['text'])}\">Read the new text</a> · "
                     f"<a href=\"{href(links['versions'])}\">All versions</a></p>")
        return "\n".join(parts) + "\n"
    markdown = fmt == "md"
    bullet = "- "
    md = markdown_text if markdown else (lambda value: " ".join(str(value).split()))
    lines = [f"# Changes to our {md(doc.title)}" if markdown else f"Changes to our {md(doc.title)}", ""]
    lines.append((f"**The new version {when}.**" if markdown else f"The new version {when}.")
                 + (f" {md(version.summary)}" if version.summary else ""))
    if sections:
        lines += ["", "## What changes" if markdown else "What changes:"]
        for s in sections:
            target = f"{links['redline']}#{s.id}" if s.id else links["redline"]
            lines.append(f"{bullet}{_md_link(s.title, target)}" if markdown else f"{bullet}{md(s.title)}")
    if flags:
        lines += ["", "## Why this matters" if markdown else "Why this matters:",
                  "This is a material change under section 8 of the policy:"]
        for c in flags:
            lines.append(f"{bullet}**{md(f'{c.ref} {c.title}')}**: {md(c.text)}" if markdown
                         else f"{bullet}{c.ref} {c.title}: {md(c.text)}")
    if notice.consent_required:
        lines += ["", ("**This change reduces your rights.**" if markdown else "This change reduces your rights.")
                  + f" It applies to you only with your express consent{': ' + md(consent) if consent else ''}."]
    lines.append("")
    if markdown:
        lines.append(f"{_md_link('See every change', links['redline'])} · {_md_link('Read the new text', links['text'])} · "
                     f"{_md_link('All versions', links['versions'])}")
    else:
        lines += [f"See every change: {links['redline']}", f"Read the new text: {links['text']}",
                  f"All versions: {links['versions']}"]
    return "\n".join(lines) + "\n"
