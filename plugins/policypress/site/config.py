"""The plugin's options in mkdocs.yml (`plugins: - policypress: …`), with their defaults."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from policypress.archive.dates import DEFAULT_DATE_PATTERNS


DEFAULT_INCLUDE = ("legal/*.md", "legal/**/*.md")


class PolicyPressConfig(Config):
    enabled = c.Type(bool, default=True)
    #: Which Markdown files under docs_dir are policies (globs relative to docs_dir). The folder `legal/` by
    #: default, so that adding the plugin to an existing site never turns its docs pages into policies.
    include = c.ListOfItems(c.Type(str), default=list(DEFAULT_INCLUDE))
    #: Files that stay plain pages; index pages by default.
    exclude = c.ListOfItems(c.Type(str), default=["index.md", "**/index.md"])
    #: Folder (relative to mkdocs.yml) holding versions kept on file.
    versions_dir = c.Type(str, default="versions")
    #: The Git revision whose first-parent history is published (default: the checked-out HEAD).
    rev = c.Type(str, default="HEAD")
    #: Regular expressions for labels that introduce an effective date in the text.
    date_patterns = c.ListOfItems(c.Type(str), default=list(DEFAULT_DATE_PATTERNS))
    #: Index archived versions and redlines in the site search (off: search finds the live text only).
    search_archive = c.Type(bool, default=False)
    #: Document types by file: {terms: ["terms*.md"], cookies: [...], other: [...]} (default: from the file name).
    types = c.Type(dict, default={})
    #: Material-change criteria: entries override a default criterion by id, or add one (`type:` names the
    #: document type whose set the entry belongs to; privacy by default).
    criteria = c.ListOfItems(c.Type(dict), default=[])
    #: Keep the six criteria of section 8 as defaults (off: only the criteria listed above).
    default_criteria = c.Type(bool, default=True)
    #: Days between publication and the effective date of a material change.
    notice_days = c.Type(int, default=30)
    #: Days a change stays announced after its effective date ("recently changed").
    notice_after_days = c.Type(int, default=30)
    #: The site-wide banner (Material's announcement bar) while a change is upcoming or recent.
    banner = c.Type(bool, default=True)
    #: Atom feeds (per document and for the site) and an iCalendar file of effective dates.
    feeds = c.Type(bool, default=True)
    #: A page to compare any two versions (consecutive ones precomputed, others in the reader's browser).
    compare = c.Type(bool, default=True)
    #: Worker processes that compute the redlines and assessments missing from the cache while the build
    #: writes its pages (0: one per core; 1: none, the build's own process computes them). The output is
    #: the same whatever the number.
    workers = c.Type(int, default=0)
    #: Where rendered versions and redlines are cached between builds (relative to mkdocs.yml); "" turns it off.
    cache_dir = c.Type(str, default=".cache/policypress")
    #: A Content-Security-Policy meta tag that keeps pages to the site's own origin: on policypress's pages
    #: (`policies`: the policies, archived versions, redlines, indexes, compare, in-force), on every page
    #: (`site`, also `true`), or nowhere (`false`).
    content_security_policy = c.Choice(("policies", "site", True, False), default="policies")
    #: Show uncommitted edits on the policy's page as a draft in `mkdocs build` (`mkdocs serve` always does).
    drafts = c.Type(bool, default=False)
    #: The folder of the last deployment (relative to mkdocs.yml): the build fails if a version it
    #: published would vanish or change. "" reads nothing.
    published_archive = c.Type(str, default="")
    #: With mkdocs-static-i18n: the language whose text controls, the others being translations (default: the
    #: i18n default language).
    controlling_language = c.Type(str, default="")
    #: Let Material load Google Fonts (off: policypress sets `theme.font: false` unless you chose a font).
    google_fonts = c.Type(bool, default=False)
