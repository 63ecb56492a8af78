"""`policypress notice`: the change notice for e-mail or a blog post, in Markdown, text or HTML.

The communications team gets the same facts the site shows (what changes, when, why it matters, how
consent will be asked, where to read the redline), with absolute links when mkdocs.yml has a site_url.
"""

from __future__ import annotations

import html

from policypress.archive.dates import human_date
from policypress.notices.notices import UPCOMING, Notice
from policypress.diff.redline import Section
from policypress.archive.urls import SiteUrls


def _link(site_url: str | None, path: str) -> str:
    return site_url.rstrip("/") + "/" + path if site_url else path


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
        parts = [f"<h1>Changes to our {e(doc.title)}</h1>",
                 f"<p><strong>The new version {e(when)}.</strong>"
                 f"{' ' + e(version.summary) if version.summary else ''}</p>"]
        if sections:
            parts.append("<h2>What changes</h2><ul>" + "".join(
                f"<li><a href=\"{e(links['redline'])}#{e(s.id)}\">{e(s.title)}</a></li>" if s.id else f"<li>{e(s.title)}</li>"
                for s in sections) + "</ul>")
        if flags:
            parts.append("<h2>Why this matters</h2><p>This is a material change under section 8 of the policy:</p><ul>"
                         + "".join(f"<li><strong>{e(c.ref)} {e(c.title)}</strong>: {e(c.text)}</li>" for c in flags)
                         + "</ul>")
        if notice.consent_required:
            parts.append(f"<p><strong>This change reduces your rights.</strong> It applies to you only with your "
                         f"express consent{': ' + e(consent) if consent else ''}.</p>")
        parts.append(f"<p><a href=\"{e(links['redline'])}\">See every change</a> · "
                     f"<a href=\"{e(links['text'])}\">Read the new text</a> · "
                     f"<a href=\"{e(links['versions'])}\">All versions</a></p>")
        return "\n".join(parts) + "\n"
    markdown = fmt == "md"
    bullet = "- "
    lines = [f"# Changes to our {doc.title}" if markdown else f"Changes to our {doc.title}", ""]
    lines.append((f"**The new version {when}.**" if markdown else f"The new version {when}.")
                 + (f" {version.summary}" if version.summary else ""))
    if sections:
        lines += ["", "## What changes" if markdown else "What changes:"]
        for s in sections:
            target = f"{links['redline']}#{s.id}" if s.id else links["redline"]
            lines.append(f"{bullet}[{s.title}]({target})" if markdown else f"{bullet}{s.title}")
    if flags:
        lines += ["", "## Why this matters" if markdown else "Why this matters:",
                  "This is a material change under section 8 of the policy:"]
        for c in flags:
            lines.append(f"{bullet}**{c.ref} {c.title}**: {c.text}" if markdown else f"{bullet}{c.ref} {c.title}: {c.text}")
    if notice.consent_required:
        lines += ["", ("**This change reduces your rights.**" if markdown else "This change reduces your rights.")
                  + f" It applies to you only with your express consent{': ' + consent if consent else ''}."]
    lines.append("")
    if markdown:
        lines.append(f"[See every change]({links['redline']}) · [Read the new text]({links['text']}) · "
                     f"[All versions]({links['versions']})")
    else:
        lines += [f"See every change: {links['redline']}", f"Read the new text: {links['text']}",
                  f"All versions: {links['versions']}"]
    return "\n".join(lines) + "\n"
