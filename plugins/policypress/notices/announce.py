"""`policypress notice`: the change notice for e-mail or a blog post, in Markdown, text or HTML.

The communications team gets the same facts the site shows (what changes, when, why it matters, how
consent will be asked, where to read the redline), with absolute links when mkdocs.yml has a site_url.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from policypress.notices.messages import messages
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


def render(notice: Notice, urls: SiteUrls, site_url: str | None, criteria: dict, fmt: str,
           language: str | None = None) -> str:
    """The notice in `fmt` (md, text, html), written in `language` (English by default)."""
    words = messages(language)
    doc, version = notice.document, notice.version
    date = words.date(version.effective)
    when = (words.gettext("takes effect on {date}", date=date) if notice.state == UPCOMING
            else words.gettext("took effect on {date}", date=date))
    links = {
        "redline": _link(site_url, urls.change(doc.slug, version.id)),
        "text": _link(site_url, urls.version(doc.slug, version.id)),
        "versions": _link(site_url, urls.versions_index(doc.slug)),
    }
    sections: list[Section] = notice.sections
    flags = [criteria[c] for c in notice.material if c in criteria]
    consent = notice.review.declarations.consent if notice.review else None
    heading = words.gettext("Changes to our {title}", title="{title}")
    lead = words.gettext("The new version {when}.", when=when)
    what, why = words.gettext("What changes"), words.gettext("Why this matters")
    under = words.gettext("This is a material change under section 8 of the policy:")
    reduces = words.gettext("This change reduces your rights.")
    applies = (words.gettext("It applies to you only with your express consent: {how}.", how="{how}") if consent
               else words.gettext("It applies to you only with your express consent."))
    every, read, all_versions = words.gettext("See every change"), words.gettext("Read the new text"), words.gettext("All versions")
    if fmt == "html":
        e = html.escape
        href = lambda url: e(safe_url(url) or "#")  # noqa: E731
        parts = [f"<h1>{e(heading).replace('{title}', e(doc.title))}</h1>",
                 f"<p><strong>{e(lead)}</strong>"
                 f"{' ' + e(version.summary) if version.summary else ''}</p>"]
        if sections:
            parts.append(f"<h2>{e(what)}</h2><ul>" + "".join(
                f"<li><a href=\"{href(links['redline'] + '#' + s.id)}\">{e(s.title)}</a></li>" if s.id else f"<li>{e(s.title)}</li>"
                for s in sections) + "</ul>")
        if flags:
            parts.append(f"<h2>{e(why)}</h2><p>{e(under)}</p><ul>"
                         + "".join(f"<li><strong>{e(c.ref)} {e(c.title)}</strong>: {e(c.text)}</li>" for c in flags)
                         + "</ul>")
        if notice.consent_required:
            parts.append(f"<p><strong>{e(reduces)}</strong> {e(applies).replace('{how}', e(consent or ''))}</p>")
        parts.append(f"<p><a href=\"{href(links['redline'])}\">{e(every)}</a> · "
                     f"<a href=\"{href(links['text'])}\">{e(read)}</a> · "
                     f"<a href=\"{href(links['versions'])}\">{e(all_versions)}</a></p>")
        return "\n".join(parts) + "\n"
    markdown = fmt == "md"
    bullet = "- "
    md = markdown_text if markdown else (lambda value: " ".join(str(value).split()))
    title_line = md(heading).replace(md("{title}"), md(doc.title))
    lines = [f"# {title_line}" if markdown else title_line, ""]
    lines.append((f"**{md(lead)}**" if markdown else md(lead))
                 + (f" {md(version.summary)}" if version.summary else ""))
    if sections:
        lines += ["", f"## {md(what)}" if markdown else f"{what}:"]
        for s in sections:
            target = f"{links['redline']}#{s.id}" if s.id else links["redline"]
            lines.append(f"{bullet}{_md_link(s.title, target)}" if markdown else f"{bullet}{md(s.title)}")
    if flags:
        lines += ["", f"## {md(why)}" if markdown else f"{why}:", md(under)]
        for c in flags:
            lines.append(f"{bullet}**{md(f'{c.ref} {c.title}')}**: {md(c.text)}" if markdown
                         else f"{bullet}{c.ref} {c.title}: {md(c.text)}")
    if notice.consent_required:
        lines += ["", (f"**{md(reduces)}**" if markdown else md(reduces))
                  + " " + md(applies).replace(md("{how}"), md(consent or ""))]
    lines.append("")
    if markdown:
        lines.append(f"{_md_link(every, links['redline'])} · {_md_link(read, links['text'])} · "
                     f"{_md_link(all_versions, links['versions'])}")
    else:
        lines += [f"{every}: {links['redline']}", f"{read}: {links['text']}",
                  f"{all_versions}: {links['versions']}"]
    return "\n".join(lines) + "\n"
