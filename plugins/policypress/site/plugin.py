"""The MkDocs adapter: turns the core's documents and versions into pages of the site.

The plugin orchestrates and nothing more: it reads the timeline once per build (on_files), registers
one generated page per archived version, per redline and per version index, and fills those pages in
on_page_content with fragments rendered by the core, using the site's own Markdown configuration. The
history's work (renders, redlines, assessments) starts in worker processes in on_files and each page
settles the step it shows, so that MkDocs renders pages meanwhile; the data files made from every review
(versions.json, feeds) are written in on_env, before MkDocs copies them.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import gc
import json
import logging
import operator
import os
import posixpath
import re
import time
from pathlib import Path
from typing import Callable

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from policypress import __version__
from policypress.site.config import PolicyPressConfig
from policypress.errors import PolicyError
from policypress.site.fragments import Fragments
from policypress.site.idle import IdleCollector
from policypress.site.kept import Kept
from policypress.archive.history import GitRepository
from policypress.archive.model import Document, Version
from policypress.site.payload import dumps, versions_payload
from html import escape

from markupsafe import Markup

from policypress.site import changereport
from policypress.materiality.analysis import Analyzer
from policypress.cache import DiskCache
from policypress.notices.feeds import atom, icalendar
from policypress.notices.messages import fallback_note, messages
from policypress.notices.notices import pending
from policypress.site.privacy import KnownScripts, iframe_worker_script, inspect, privacy_problems, third_party, with_csp
from policypress.site.progress import PAGE_EVENTS, WARM, BuildReport, interval_from_env, timed_repository
from policypress.site.siteconfig import site_from
from policypress.stopwatch import Stopwatch, charged
from policypress.diff.redline import Redline
from policypress.materiality.review import ERROR, Review
from policypress.diff.render import Renderer
from policypress.archive.timeline import Timeline
from policypress.archive.urls import SiteUrls, path_of, relative

log = logging.getLogger("mkdocs.plugins.policypress")

CSS_URI = "assets/policypress/policypress.css"
JS_URI = "assets/policypress/policypress.js"
ENGINE_URI = "assets/policypress/policypress-redline.js"  # the build's redline engine, for the compare page
SHIM_URI = "assets/policypress/vendor/iframe-worker-1.0.4-shim.js"  # Material's offline polyfill, self-hosted
_SHIM_CDN = "https://unpkg.com/iframe-worker/shim"
_FIRST_TAG = re.compile(r"^(\s*<[a-zA-Z][\w-]*)(?![^>]*\slang=)")
_CONFIG_SCRIPT = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_PLACEHOLDER = "<!-- policypress:content -->"
_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_START = re.compile(r'<[a-z]+ [^>]*\bid="([^"]+)"[^>]*\sdata-pp-start[\s>]')  # the page's own first notice
_SKIP = re.compile(r'(<a )href="[^"]*"(?= class="md-skip")')
_SKIP_SLOT = '<div data-md-component="skip">'
_SKIP_TAIL = '" class="md-skip"'  # what every match of `_SKIP` ends with (its lookahead)
_OWN_LINK = re.compile(r'<a (href="(?![a-z][a-z0-9+.-]*:|#)[^"]*")')  # a relative link of a fragment


# A page event of the plugin, its time charged to the build's "page events" (policypress's share of a build, which
# the build reports; filling a generated page is charged to "pages" inside it): the stopwatch of this build's
# on_files, none while the plugin is disabled.
_page_event = charged(PAGE_EVENTS, operator.attrgetter("_events_watch"))


def build_today() -> dt.date:
    """The build's today: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except ValueError:
            raise PluginError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970") from None
    return dt.date.today()


class PolicyPressPlugin(BasePlugin[PolicyPressConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.pages: dict[str, Callable[[object], str]] = {}
        self.live: dict[str, Document] = {}
        self.analyzer: Analyzer | None = None
        self.notices: list = []
        self.reviews: dict[tuple[str, str], Review] = {}
        self.report: BuildReport | None = None
        self._events_watch: Stopwatch | None = None  # this build's, which the page events are charged to
        self._configured = 0.0  # seconds of the last on_config
        self._feeds: list[tuple[str, str]] | None = None
        self._feed_tags: tuple[list | None, dict[str, str]] = (None, {})  # `_head_feeds`: the feeds, each page's links
        # kept across `mkdocs serve` rebuilds, keyed by everything the value depends on
        self._diffs: dict[tuple, str] = {}
        self._fragments_kept = Kept()  # generated pages' fragments (Fragments._kept)
        self._kept = Kept()  # data files and rebased texts of the last rebuild, with their inputs
        self._written: dict[Path, str | bytes] = {}  # what this process last wrote to each generated file
        self._texts: dict[tuple[str, str | None], tuple[str, str]] = {}  # the history's texts by blob (Timeline)
        self._versions: dict[tuple[str, str, str], Version] = {}  # the last rebuild's versions (`_reuse_versions`)
        self._repo: tuple[Path, GitRepository] | None = None  # under serve: the site's root and its repository
        self._tocs: dict[str, tuple[list, object]] = {}  # an archived page's table of contents, by URL (`_toc`)
        self._targets: dict[str, Path] = {}  # where each generated file is written (pages_dir never changes)
        self._file_states: dict[tuple, tuple[tuple, dict]] = {}  # a generated File's attributes (`_generated_file`)
        self._folders: set[Path] = set()  # folders `_write` made (the process's pages folder is removed at its end)
        self._idle = IdleCollector()  # under serve: full collections between rebuilds, not in them

    def _keep(self, key: tuple, inputs: object, make: Callable[[], object]) -> object:
        """Under `mkdocs serve`, the value the last rebuild made from equal inputs, else `make()`."""
        return self._kept.get(key, inputs, make) if self._serving else make()

    @property
    def _serving(self) -> bool:
        return getattr(self, "command", None) == "serve"

    # A persistent plugin object across `mkdocs serve` rebuilds keeps the render and redline caches.
    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    @event_priority(-110)  # read the final configuration: offline and i18n (-100) change it in their on_config
    def on_config(self, config):
        self._events_watch = None  # until on_files, and in a build with the plugin disabled
        if not self.config.enabled:
            return config
        started = time.perf_counter()
        if self._serving:
            self._idle.build_started()
        try:
            self.site = site_from(config, self.config)
        except PolicyError as exc:
            raise PluginError(f"policypress: {exc}") from None
        root = self.root = self.site.root
        self.today = build_today()
        self.urls = SiteUrls(config.use_directory_urls)
        i18n = next((p for name, p in config.plugins.items() if name.split("/")[-1] == "i18n"), None)
        languages = self.site.settings.languages
        # mkdocs-static-i18n builds the site once per language: this build's language, or None without it
        self.build_language = str(getattr(i18n, "current_language", None) or languages.default) if languages else None
        self.language = self.build_language or str(config.theme.get("language") or "en")
        self.words = messages(self.language)
        note = fallback_note(self.language)
        if note:  # English is a correct page (marked as English), not a broken build: said, not a warning
            log.info(f"policypress: {note}")
        self.fragments = Fragments(self.urls, self.today, language=self.language)
        criteria = self.site.criteria
        disk = DiskCache((root / self.config.cache_dir).resolve() if self.config.cache_dir else None)
        self.pages_dir = _pages_dir()
        renderer = Renderer(self.site.extensions, self.site.extension_configs, cache=disk)
        analyzer = self.analyzer
        if (analyzer is None or analyzer.renderer.signature != renderer.signature
                or analyzer.criteria != criteria or analyzer.notice_days != self.config.notice_days):
            self.analyzer = Analyzer(renderer, criteria, self.config.notice_days)
        self.fragments.criteria = {c.id: c for c in self.analyzer.criteria.every}
        self.fragments.kept = self._fragments_kept if self._serving else None
        # a one-off build holds what the page being written needs; serve keeps everything for its rebuilds
        self.analyzer.hold_all = self._serving
        self.analyzer.renderer.held = None if self._serving else 8
        if CSS_URI not in [str(x) for x in config.extra_css]:
            config.extra_css.append(CSS_URI)
        for uri in (ENGINE_URI, JS_URI):
            if uri not in [str(x) for x in config.extra_javascript]:
                config.extra_javascript.append(uri)
        self.site_url = config.site_url or None
        self._dates_plugin = next((p for name, p in config.plugins.items()  # `_revision_dates`, once per build
                                   if name.split("/")[-1] == "git-revision-date-localized"), None)
        self.material = config.theme.name == "material"
        if self.config.feeds and not self.site_url:
            log.info("policypress: site_url is not set: feed links are relative to each feed and the calendar has "
                     "no links; set site_url so that subscriptions work from a feed reader or a calendar")
        try:
            self.progress_seconds = interval_from_env()
        except ValueError as exc:
            raise PluginError(f"policypress: {exc}") from None
        self._offline(config)
        self._privacy(config)
        self._configured = time.perf_counter() - started  # part of policypress's share of the build (BuildReport)
        return config

    def _offline(self, config) -> None:
        """Material's offline plugin loads its file:// Worker shim from unpkg.com: served from the site instead."""
        polyfills = config.extra.get("polyfills") or []
        self.shim = None
        if _SHIM_CDN in [str(p) for p in polyfills]:
            config.extra["polyfills"] = [SHIM_URI if str(p) == _SHIM_CDN else p for p in polyfills]
        if SHIM_URI in [str(p) for p in config.extra.get("polyfills") or []]:
            self.shim = _asset("vendor/iframe-worker-1.0.4-shim.js")

    def _privacy(self, config) -> None:
        """No request to another origin by default: system fonts unless the owner chose otherwise."""
        csp = self.config.content_security_policy
        self.csp = "site" if csp is True else (csp or None)
        self._theme_dirs = list(config.theme.dirs)  # `known_scripts` reads their templates when a page needs them
        self._known_scripts = None
        self.self_hosted = _privacy_plugin_on(config)
        theme = config.theme
        if (theme.name == "material" and not self.config.google_fonts and not self.self_hosted
                and theme.get("font") == _MATERIAL_DEFAULT_FONT):
            theme["font"] = False
            log.info("policypress: theme.font set to false (system fonts): a privacy policy site should not make "
                     "readers' browsers call Google Fonts; set 'google_fonts: true' under policypress to load them")
        for problem in privacy_problems(config, self_hosted=self.self_hosted or self.config.google_fonts):
            log.warning(f"policypress: {problem}")
        self._blocked: set[tuple[str, str]] = set()

    # -- reading the archive --------------------------------------------------------------------
    def _read(self, watch: Stopwatch) -> list[Document]:
        repo = self._repository(watch)
        try:
            with watch.stage("timeline"):
                timeline = Timeline(self.site.settings, repo, warn=log.warning,
                                    texts=self._texts if self._serving else None)
                documents = timeline.documents()
                if self._serving:
                    self._reuse_versions(documents)
                return documents
        except PolicyError as exc:
            self._drop_repository()
            raise PluginError(f"policypress: {exc}") from None
        except BaseException:
            self._drop_repository()
            raise
        finally:
            if repo is not None and not self._serving:
                repo.close()

    def _repository(self, watch: Stopwatch) -> GitRepository | None:
        """The site's repository, opened once per build; under `mkdocs serve` once per process while it answers
        (`GitRepository.reopened`), so that a rebuild does not start another `git cat-file` process."""
        kept = self._repo if self._serving else None
        repo = kept[1].reopened() if kept is not None and kept[0] == self.root else None
        if repo is None:
            self._drop_repository()
            repo = watch.timed("history read", GitRepository.find)(self.root)
            if repo is not None and self._serving:
                self._repo = (self.root, repo)
        return timed_repository(repo, watch)

    def _drop_repository(self) -> None:
        if self._repo is not None:
            self._repo[1].close()
            self._repo = None

    def _reuse_versions(self, documents: list[Document]) -> None:
        """Under `mkdocs serve`, each version that is the last rebuild's in every field is that very object: what a
        rebuild keeps is compared with its inputs (versions, and the reviews made of them) by identity then, not
        field by field, and a kept review need not be copied to carry this build's versions. Versions are not
        changed once the timeline is read."""
        kept, seen = self._versions, {}
        for document in documents:
            versions = document.versions
            for index, version in enumerate(versions):
                key = (document.path, version.id, version.sha256)
                old = kept.get(key)
                if old is not None and old is not version and _same_version(old, version):
                    versions[index] = version = old
                seen[key] = version
        self._versions = seen

    @event_priority(50)  # before redirects, blog and i18n read the files: they see (and may target) our pages
    def _files_first(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        watch = self.analyzer.stopwatch = self._events_watch = Stopwatch()
        self.report = BuildReport(log, watch, self.progress_seconds, configured=self._configured)
        self._files = files
        self._generated: list[File] = []
        # what a generated File's attributes depend on besides its arguments (`_generated_file`)
        self._file_context = (config.site_dir, config.use_directory_urls, getattr(config.plugins, "_current_plugin", None))
        self.documents = self._read(watch)
        self._feeds = None  # the feed links of every page (`_feed_links`), for these documents
        if not self.documents:
            log.warning(f"policypress: no policy found: 'include' ({', '.join(self.config.include)}) matches no "
                        f"Markdown file under {config.docs_dir} (minus 'exclude'); put the policies in "
                        "docs/legal/ or set 'include' under the policypress plugin")
        self.report.read(self.documents)
        self.pages.clear()
        self.redirects: dict[str, str] = {}
        self._downloads: dict[str, list[tuple[Callable[[str], str], _Later]]] = {}
        self._later: list[_Later] = []  # data files written once the reviews are done (on_env)
        self._blocks_later: dict[str, list[_Later]] = {}  # a text's sha256 -> its versions' blocks.json
        self._step_later: dict[tuple[str, str], list[_Later]] = {}  # a step's changes.json and unified diff
        self._upcoming: dict[str, int | None] = {}  # a document's path -> the index of its first upcoming version
        self._finished: set[str] = set()
        self._moved = {d.slug for d in self.documents if d.moved_from}  # documents with earlier addresses
        self.dated: dict[str, tuple[Document, Version]] = {}
        self.reviews.clear()
        self._sections: dict = {}
        self.live.clear()
        generated = 0
        self._check_nested(config)
        for document in self.documents:
            live = files.get_file_from_path(document.path)
            if live is not None:
                self.live[live.src_uri] = document
                if live.abs_src_path:
                    self.live[os.path.realpath(live.abs_src_path)] = document
            if not self._builds(document):  # another language's build publishes it
                self._review(document)
                self._reserve(files, config, document)
                continue
            if live is None and document.versions:
                self._add(files, config, f"{document.slug}.md", document.title,
                          self._withdrawn_page(document), search=True, dated=(document, document.versions[-1]))
            generated += self._add_document(files, config, document)
            self._add_redirects(files, config, document)
        self._check_urls(files)
        for uri, name in ((CSS_URI, "policypress.css"), (JS_URI, "policypress.js"),
                          (ENGINE_URI, "policypress-redline.js"),
                          (SHIM_URI, "vendor/iframe-worker-1.0.4-shim.js"),
                          ("assets/policypress/vendor/iframe-worker-LICENSE.txt", "vendor/iframe-worker-LICENSE.txt")):
            if uri == SHIM_URI and self.shim is None:
                break
            files.append(File.generated(config, uri, abs_src_path=str(_ASSETS / name)))
            self._generated.append(files.get_file_from_path(uri))
        self._lookup = {file.src_uri: file.url for file in files}  # the addresses blocks.json's links are rebased to
        self.notices = self._pending_notices() if self.config.banner else []
        if self.config.feeds:
            self._add_feeds(files, config)
        self._generated_count = generated
        if not self._serving:  # what this build read lives until it ends: the collector need not walk it again
            gc.freeze()
        self.report.pause()
        return files

    def _pending_notices(self) -> list:
        """The notices every page carries. They read the review and changed sections of the few versions they
        announce only: those steps are settled now, the others while the pages are written."""
        announced = self._announced()
        for notice in pending(announced, self.today, self.config.notice_after_days):
            document, version = notice.document, notice.version
            if (document.slug, version.id) not in self.reviews:  # a document of this build: reviewed lazily
                self._review_at(document, document.position(version))
                self._sections[(document.slug, version.id)] = self.analyzer.redline(notice.previous, version).sections
        return pending(announced, self.today, self.config.notice_after_days, self.reviews, self._sections)

    def _review_at(self, document: Document, index: int) -> Review:
        """The review of a document's version at `index` (of this build), made once its step is settled."""
        version = document.versions[index]
        found = self.reviews.get((document.slug, version.id))
        if found is not None:
            return found
        previous = document.versions[index - 1] if index else None
        if previous is not None:
            self.analyzer.settle(previous, version, document.type)
        upcoming = self._upcoming.get(document.path)
        gate = upcoming is not None and index >= upcoming
        made = self._keep(("review", document.path, version.id),  # the analyzer: the same criteria and notice period
                          (self.analyzer, document.slug, document.type, version, previous, gate),
                          lambda: self.analyzer.review(document, version, previous, path=None, gate=gate))
        if made.version is not version or made.previous is not previous:  # kept: this build's versions in it
            made = copy.copy(made)
            made.version, made.previous = version, previous
        self._blocks_ready()
        self.reviews[(document.slug, version.id)] = made
        self.report.reviewed(made)
        return made

    def _finish(self, document: Document) -> None:
        """Every review of a document, in timeline order, and what `mkdocs build --strict` stops on (the gate)."""
        if document.path in self._finished:
            return
        self._finished.add(document.path)
        for index in range(len(document.versions)):
            self._gate(document, self._review_at(document, index))

    def _blocks_ready(self) -> None:
        """The blocks.json of the versions whose blocks the last settled steps parsed, written now: a one-off
        build then drops them (the data of every version would double the memory of a build)."""
        data, waiting = self.analyzer.block_data, self._blocks_later
        while waiting and data:  # the smaller looked up in the larger: under serve `data` holds every version
            ready = [digest for digest in data if digest in waiting] if len(data) <= len(waiting) else \
                [digest for digest in waiting if digest in data]
            if not ready:
                return
            for digest in ready:
                for later in self._blocks_later.pop(digest):
                    self._fill(later)
                if not self._serving:
                    data.pop(digest, None)

    def on_env(self, env, *, config, files):
        """Before MkDocs copies the generated files: the last reviews, then the data files made from them."""
        if not self.config.enabled or self.report is None:
            return env
        self.report.resume()
        try:
            for document in self.documents:
                if self._builds(document):
                    self._finish(document)
            with self.analyzer.stopwatch.stage("downloads"):
                for later in self._later:
                    self._fill(later)
            if not self._serving:
                self.analyzer.block_data.clear()
        finally:
            self.analyzer.close()
        self._later.clear()
        self.report.finish(self._generated_count)
        return env

    def on_build_error(self, *, error) -> None:
        if self.analyzer is not None:
            self.analyzer.close()
        if self._serving and self._idle.building:
            self._idle.build_done()

    def _builds(self, document: Document) -> bool:
        """Whether this build publishes `document`: always, except in another language's build under i18n."""
        return self.build_language is None or document.language == self.build_language

    def _announced(self) -> list[Document]:
        """The documents whose changes this build's banner announces: its own, and the controlling texts (their
        changes apply to the readers of every translation)."""
        languages = self.site.settings.languages
        return [d for d in self.documents if self._builds(d)
                or (languages is not None and d.language == languages.controlling_language)]

    def _review(self, document: Document) -> None:
        """The reviews and changed sections of a document published by another build: what the banner needs."""
        for review in self.analyzer.reviews(document, gate_from=None, progress=self.report.reviewed):
            self.reviews[(document.slug, review.version.id)] = review
            if review.previous is not None:
                self._sections[(document.slug, review.version.id)] = \
                    self.analyzer.redline(review.previous, review.version).sections

    def _reserve(self, files: Files, config, document: Document) -> None:
        """The pages of a document another language's build publishes, only named in this build (excluded, so
        not written): the author's links to them (`legal/privacy/versions/index.md`) resolve in every language."""
        urls, slug = self.urls, document.slug
        sources = [urls.versions_index_src(slug), urls.in_force_src(slug)]
        for version in document.versions:
            sources.append(urls.version_src(slug, version.id))
            if document.previous(version) is not None:
                sources.append(urls.change_src(slug, version.id))
        if self.config.compare and len(document.versions) > 1:
            sources.append(urls.compare_src(slug))
        for source in sources:
            if files.get_file_from_path(source) is None:
                files.append(self._file(config, source, "", inclusion=InclusionLevel.EXCLUDED))

    def _add(self, files: Files, config, src_uri: str, title: str, content: Callable[[object], str], *,
             search: bool, dated: tuple[Document, Version] | None = None) -> None:
        text = _front_matter(title, not search and not self.config.search_archive)
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            raise PluginError(f"policypress: {src_uri} is generated for the archive, but the docs folder "
                              f"already has a file there; rename or remove {existing.src_uri}")
        files.append(self._file(config, src_uri, text, inclusion=InclusionLevel.NOT_IN_NAV))
        self.pages[src_uri] = content
        if dated is not None:
            self.dated[src_uri] = dated

    def _file(self, config, path: str, content: str | bytes | _Later, inclusion=InclusionLevel.UNDEFINED) -> File:
        """A generated file backed by a real one: plugins that read `abs_src_path` (i18n, rss, blog) work. A data
        file made from the reviews (`_Later`) is written when they are done, before MkDocs copies it."""
        target = self._targets.get(path)
        if target is None:  # the same Path object from one `mkdocs serve` rebuild to the next: made and hashed once
            target = self._targets[path] = self.pages_dir / _flat(path)
        if isinstance(content, _Later):
            if not content.targets:
                self._later.append(content)
            content.targets.append(target)
        else:
            self._write(target, content)
        file = self._generated_file(config, path, str(target), inclusion)
        self._generated.append(file)
        return file

    def _generated_file(self, config, path: str, source: str, inclusion) -> File:
        """`File.generated(...)`; under `mkdocs serve`, a new File with the attributes the last rebuild's got from
        the same arguments (a File is its attributes; making one normalizes its path with pathlib: 2,009 Files
        per rebuild at 400 versions cost ~15 ms), never the last rebuild's object, which MkDocs has filled in."""
        if not self._serving:
            return File.generated(config, path, abs_src_path=source, inclusion=inclusion)
        key = (path, source, inclusion)
        held = self._file_states.get(key)
        if held is not None and held[0] == self._file_context:
            file = File.__new__(File)
            file.__dict__.update(held[1])
            return file
        file = File.generated(config, path, abs_src_path=source, inclusion=inclusion)
        if type(file) is File and not hasattr(file, "__slots__"):
            self._file_states[key] = (self._file_context, dict(vars(file)))
        return file

    def _write(self, target: Path, content: str | bytes) -> None:
        if self._written.get(target) != content:  # under serve: unless the last rebuild wrote the same
            if target.parent not in self._folders:  # the pages folder (`_flat`), made once per process
                target.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(target.parent)
            data = content.encode("utf-8") if isinstance(content, str) else content
            if not target.is_file() or target.read_bytes() != data:
                target.write_bytes(data)
            if self._serving:  # the same object next time when it comes from a kept value: compared at once
                self._written[target] = content

    def _fill(self, later: _Later) -> None:
        """A data file's content, made once and written at each of its addresses."""
        if later.make is None:
            return
        make, later.make = later.make, None
        content = make()
        for target in later.targets:
            self._write(target, content)

    @event_priority(-99)  # just before i18n (-100), which drops and warns about pages outside docs_dir
    def _files_before_i18n(self, files: Files, *, config) -> Files:
        """Generated pages step aside while i18n sorts the author's pages by language."""
        if self.config.enabled and "i18n" in config.plugins:
            for file in self._generated:
                if file.is_documentation_page() and files.get_file_from_path(file.src_uri) is file:
                    files.remove(file)
        return files

    @event_priority(-110)  # after every other plugin's on_files
    def _files_last(self, files: Files, *, config) -> Files:
        """Generated files another plugin set aside or dropped are put back."""
        if not self.config.enabled:
            return files
        present = {file.src_uri for file in files}
        for file in self._generated:
            if file.src_uri not in present:
                if "i18n" in config.plugins and not hasattr(file, "alternates"):
                    file.alternates = {}  # i18n's sitemap template reads the language versions of every page
                files.append(file)
        return files

    on_files = CombinedEvent(_files_first, _files_before_i18n, _files_last)

    def _add_document(self, files: Files, config, document: Document) -> int:
        """A document's pages and data files. Its steps (renders, redlines, assessments) start in other processes
        here and are read back as the pages that show them are written; the versions index, which shows every
        review, comes after the redlines, and the data files are written once every review is done (on_env)."""
        urls, slug, title, words = self.urls, document.slug, document.title, self.words
        latest = (document, document.versions[-1]) if document.versions else None
        self._upcoming[document.path] = next((i for i, v in enumerate(document.versions) if v.effective > self.today),
                                             None)
        compare = self.config.compare and len(document.versions) > 1
        if compare:
            self.analyzer.keep_block_data = True
        if not self._serving:  # the history read lives until the build ends: the collector, here and in the
            gc.freeze()  # worker processes (which would copy every page of it it walks), need not walk it again
        computed = self.analyzer.start(document, self.config.workers)  # the steps not cached yet, on every core
        if computed:
            log.debug(f"policypress: {document.slug}: {computed} step(s) computed in parallel processes")
        for version in document.versions:
            self._add(files, config, urls.version_src(slug, version.id), words.gettext("{title} (version {version})", title=title, version=version.id),
                      lambda page, d=document, v=version: self._archived_page(d, v, page), search=False,
                      dated=(document, version))
            previous = document.previous(version)
            if previous is not None:
                self._add(files, config, urls.change_src(slug, version.id),
                          words.gettext("{title}: changes in version {version}", title=title, version=version.id),
                          lambda page, d=document, o=previous, n=version: self._redline_page(d, o, n, page),
                          search=False, dated=(document, version))
        self._add(files, config, urls.versions_index_src(slug), words.gettext("{title}: all versions", title=title),
                  lambda page, d=document: self._versions_index(d, page), search=True, dated=latest)
        self._add(files, config, urls.in_force_src(slug), words.gettext("{title}: which version applied on a date", title=title),
                  lambda page, d=document: self.fragments.in_force(d, page.url), search=False, dated=latest)
        if compare:
            self._add(files, config, urls.compare_src(slug), words.gettext("{title}: compare two versions", title=title),
                      lambda page, d=document: self.fragments.compare(d, page.url), search=False, dated=latest)
        for index in range(1, len(document.versions)):  # each step's changes.json and unified diff
            old, new = document.versions[index - 1], document.versions[index]
            step = self._step_later[(document.path, new.id)] = [
                _Later(lambda d=document, i=index: self._changes_json(d, i)),
                _Later(lambda d=document, o=old, v=new: self._unified_diff(d, o, v))]
            self._download(files, config, slug, lambda s, v=new: urls.change_json(s, v.id), step[0])
            self._download(files, config, slug, lambda s, o=old, v=new: urls.change_diff(s, o.id, v.id), step[1])
        if compare:  # every version's blocks.json, written as soon as a step has parsed the version
            for version in document.versions:
                later = _Later(lambda d=document, v=version: self._blocks_json(d, v))
                self._download(files, config, slug, lambda s, v=version: urls.blocks_json(s, v.id), later)
                self._blocks_later.setdefault(version.sha256, []).append(later)
        files.append(self._file(config, path_of(urls.versions_json(slug)), _Later(lambda d=document: self._versions_json(d))))
        return 2 + len(document.versions) * 2

    def _versions_index(self, document: Document, page) -> str:
        self._finish(document)
        return self.fragments.versions_index(document, page.url, self.reviews)

    def _changes_json(self, document: Document, index: int) -> str:
        old, new = document.versions[index - 1], document.versions[index]
        review = self._review_at(document, index)
        step = self.analyzer.redline(old, new)
        return self._keep(("changes.json", document.path, new.id), (document.slug, document.title, old, new, step, review),
                          lambda: changereport.as_json(document, old, new, step, review))

    def _unified_diff(self, document: Document, old: Version, new: Version) -> str:
        key = (document.path, old.id, new.id, old.sha256, new.sha256)
        diff = self._diffs.get(key)
        if diff is None:
            diff = changereport.unified_diff(document, old, new)
            if self._serving:
                self._diffs[key] = diff
        return diff

    def _versions_json(self, document: Document) -> str:
        reviews = [self.reviews[(document.slug, v.id)] for v in document.versions]
        payload = versions_payload(document, self.urls, self.today,
                                   material={r.version.id: r.material for r in reviews},
                                   consent={r.version.id: r.consent_required for r in reviews},
                                   feed_url=self.urls.feed(document.slug) if self.config.feeds else None)
        return dumps(payload)

    def _download(self, files: Files, config, slug: str, url: Callable[[str], str], content: _Later) -> None:
        """A data file of the document (changes.json, a .diff, blocks.json); `url` gives its address for any slug,
        so that the earlier addresses of a moved document serve the same bytes (`_add_redirects`)."""
        files.append(self._file(config, path_of(url(slug)), content))
        if slug in self._moved:  # kept only where an earlier address must serve the same bytes
            self._downloads.setdefault(slug, []).append((url, content))

    def _gate(self, document: Document, review: Review) -> None:
        """A version not yet in force is still a proposal: what `policypress check` would stop on is a warning
        of the build, so that `mkdocs build --strict` enforces the gate even where CI skipped `check`."""
        version = review.version
        where = version.on_file_path and self._from_root(version.on_file_path) or \
            f"{self.site.settings.docs_dir.name}/{version.path or document.path}"
        for problem in review.problems:
            if problem.level == ERROR:
                fix = f" (fix: {' '.join(problem.fix.split())})" if problem.fix else ""
                log.warning(f"policypress: {where}: version {self.urls.version(document.slug, version.id)} takes "
                            f"effect on {version.effective}, after today, and fails the gate: [{problem.code}] "
                            f"{problem.message}{fix}")

    def _from_root(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path

    def _add_redirects(self, files: Files, config, document: Document) -> None:
        """Every URL of a renamed or moved document keeps answering: a stub page pointing to its new place."""
        urls = self.urls
        for old in document.moved_from:
            pairs = [(f"{old}.md", urls.document(document.slug)),
                     (urls.versions_index_src(old), urls.versions_index(document.slug)),
                     (urls.in_force_src(old), urls.in_force(document.slug))]
            if self.config.compare and len(document.versions) > 1:
                pairs.append((urls.compare_src(old), urls.compare(document.slug)))
            for version in document.versions:
                pairs.append((urls.version_src(old, version.id), urls.version(document.slug, version.id)))
                if document.previous(version) is not None:
                    pairs.append((urls.change_src(old, version.id), urls.change(document.slug, version.id)))
            for src, target in pairs:
                if files.get_file_from_path(src) is not None or _url_taken(files, config, src):
                    continue
                self._add(files, config, src, self.words.gettext("{title} (moved)", title=document.title),
                          lambda page, t=target: self.fragments.moved(page.url, t), search=False)
                self.redirects[src] = target
            payload = versions_payload(document, urls, self.today,
                                       feed_url=urls.feed(document.slug) if self.config.feeds else None)
            if files.get_file_from_path(path_of(urls.versions_json(old))) is None:
                files.append(self._file(config, path_of(urls.versions_json(old)), dumps(payload)))
            for url, content in self._downloads.get(document.slug, []):  # the same bytes at the earlier address
                if files.get_file_from_path(path_of(url(old))) is None:
                    files.append(self._file(config, path_of(url(old)), content))

    def _check_nested(self, config) -> None:
        """A policy inside another one's archive (`privacy/versions.json.md`, `privacy/versions/2025-01-01.md`)
        would be written where the archive writes its own files: an error naming both, before anything is written."""
        docs = Path(config.docs_dir).name
        for outer in self.documents:
            for inner in self.documents:
                rest = inner.slug[len(outer.slug) + 1:] if inner.slug.startswith(outer.slug + "/") else ""
                if rest.split("/")[0] in _ARCHIVE_NAMES:
                    raise PluginError(f"policypress: {docs}/{inner.path} would be published at {inner.slug}/, inside "
                                      f"the archive of {docs}/{outer.path} ({outer.slug}/{rest.split('/')[0]}); "
                                      f"rename or move {docs}/{inner.path}")

    def _check_urls(self, files: Files) -> None:
        """Two files written to one URL: the later one would silently overwrite the other."""
        seen: dict[str, str] = {}
        for file in files:
            earlier = seen.get(file.dest_uri)
            if earlier is not None and (file.src_uri in self.pages or earlier in self.pages
                                        or file.src_uri in self.live or earlier in self.live):
                raise PluginError(f"policypress: {earlier} and {file.src_uri} would both be published at "
                                  f"{file.url or '/'}; rename or move one of them (a policy's own file, a "
                                  "generated page of the archive or a page of the docs folder)")
            seen[file.dest_uri] = file.src_uri
    def _blocks_json(self, document: Document, version: Version) -> str:
        """A version's leaf data for the compare page, and its links as that page must write them: the
        engine compares the links as written (as the build's redline does), the page shows them rebased."""
        compare = _At(self.urls.compare(document.slug))
        origin = posixpath.dirname(version.path or document.path)
        leaves = self.analyzer.blocks_json(version)
        url_of = self._lookup.get  # the files as this build's on_files left them
        held = self._kept.peek(("blocks.json", compare.url, origin, version.sha256)) if self._serving else None
        if held is not None and held[0][0] == leaves and tuple(map(url_of, held[0][1])) == held[0][2]:
            return held[1]
        data = json.loads(leaves)
        pieces = {start for context in data["contexts"] for start in context}
        pieces.update(text for _, items in data["leaves"] for kind, text, _ in items if kind == 1)
        links = {}
        for piece in sorted(pieces):
            shown = self._rebase(piece, origin, compare, url_of)
            if shown != piece:
                links[piece] = shown
        data["links"] = links
        value = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if self._serving:  # kept while the leaves and the addresses of the files its links lead to stay the same
            sources = tuple(sorted({source for piece in pieces for match in _LINK.finditer(piece)
                                    if (source := _link_source(match.group(2), origin))}))
            self._kept.put(("blocks.json", compare.url, origin, version.sha256),
                           (leaves, sources, tuple(map(url_of, sources))), value)
        return value

    def _add_feeds(self, files: Files, config) -> None:
        """The feeds and the calendar, written with the other data files once every review is done."""
        urls, site, words = self.urls, config.site_name, self.words
        titles = {c.id: f"{c.ref} {c.title}" for c in self.analyzer.criteria.every}
        material = lambda d, v: self.reviews[(d.slug, v.id)].material  # noqa: E731
        consent = lambda d, v: self.reviews[(d.slug, v.id)].consent_required  # noqa: E731
        documents = [d for d in self.documents if self._builds(d)]

        def later(make: Callable[[], str]) -> _Later:
            def timed() -> str:
                with self.analyzer.stopwatch.stage("feeds"):
                    return make()
            return _Later(timed)

        def document_feed(document: Document, path: str) -> _Later:
            return later(lambda: atom([document], urls, title=words.gettext("{title}: versions and changes",
                                                                             title=document.title),
                                      feed_path=path, site_url=self.site_url, material=material, consent=consent,
                                      titles=titles, words=words))

        for document in documents:
            files.append(self._file(config, path_of(urls.feed(document.slug)),
                                    document_feed(document, urls.feed(document.slug))))
            for old in document.moved_from:  # subscribed at an earlier address: the same entries there
                if files.get_file_from_path(path_of(urls.feed(old))) is None:
                    files.append(self._file(config, path_of(urls.feed(old)), document_feed(document, urls.feed(old))))
        languages = self.site.settings.languages
        if languages is not None and self.build_language != languages.default:
            return  # the site's feed and calendar are the default language's build's, at the site's root
        feed = later(lambda: atom(documents, urls, title=words.gettext("{site}: policy changes", site=site),
                                  feed_path=urls.site_feed(), site_url=self.site_url, material=material,
                                  consent=consent, titles=titles, words=words))
        files.append(self._file(config, path_of(urls.site_feed()), feed))
        calendar = later(lambda: icalendar(documents, urls, site_url=self.site_url, today=self.today,
                                           material=material, titles=titles,
                                           name=words.gettext("{site}: policy effective dates", site=site),
                                           words=words))
        files.append(self._file(config, path_of(urls.calendar()), calendar))

    # -- page content ---------------------------------------------------------------------------
    def _render_version(self, document: Document, version: Version, page) -> tuple[str, list]:
        rendered = self.analyzer.renderer(version.body)
        origin = posixpath.dirname(version.path or document.path)
        return self._rebase_kept(rendered.html, origin, page), rendered.toc_tokens

    def _toc(self, page, toc_tokens: list):
        """The page's table of contents; under `mkdocs serve`, the last rebuild's while the render is the same
        (the very tokens object: renders are kept), since MkDocs and the theme only read it."""
        if not self._serving:
            return get_toc(toc_tokens)
        held = self._tocs.get(page.url)
        if held is None or held[0] is not toc_tokens:
            held = self._tocs[page.url] = (toc_tokens, get_toc(toc_tokens))
        return held[1]

    def _rebase_kept(self, html: str, origin: str, page) -> str:
        """`_rebase`, kept under `mkdocs serve` while the files its links lead to keep their addresses."""
        if not self._serving:
            return self._rebase(html, origin, page)
        key = ("rebased", page.url, origin, html)
        held = self._kept.peek(key)  # inputs: the files its links lead to, and their addresses then
        if held is not None and tuple(map(self._url_of, held[0][0])) == held[0][1]:
            return held[1]
        sources = tuple(sorted({source for match in _LINK.finditer(html)
                                if (source := _link_source(match.group(2), origin))}))
        value = self._rebase(html, origin, page)
        self._kept.put(key, (sources, tuple(map(self._url_of, sources))), value)
        return value

    def _url_of(self, source: str) -> str | None:
        file = self._files.get_file_from_path(source)
        return None if file is None else file.url

    def _rebase(self, html: str, origin: str, page, url_of: Callable[[str], str | None] | None = None) -> str:
        """Links written relative to the policy's own file, made relative to the generated page (`url_of`: the
        address of a file of the site, by default as the page being written sees the files)."""
        url_of = url_of or self._url_of

        def fix(match: re.Match) -> str:
            target = match.group(2)
            source = _link_source(target, origin)
            url = url_of(source) if source else None
            if url is None:
                return match.group(0)
            _, hashmark, fragment = target.partition("#")
            return match.group(1) + relative(page.url, url) + hashmark + fragment + match.group(3)

        return _LINK.sub(fix, html)

    def _settled(self, document: Document, version: Version) -> None:
        """The step that renders `version` settled first: read back from the cache, not rendered twice."""
        index = document.position(version)
        if len(document.versions) > 1:
            index = max(index, 1)
            self.analyzer.settle(document.versions[index - 1], document.versions[index], document.type)
            self._blocks_ready()

    def _archived_page(self, document: Document, version: Version, page) -> str:
        self._settled(document, version)
        body, toc_tokens = self._render_version(document, version, page)
        page.toc = self._toc(page, toc_tokens)
        parts = (self._marked(self.fragments.archived_notice(document, version, page.url)), "\n",
                 self._marked(self.fragments.translation_notice(document, page.url)),
                 f'<div class="pp-version-text" data-pp-version="{version.id}" data-pp-sha256="{version.sha256}">\n',
                 body, "\n</div>")
        # one copy of the text, not one per `+`; under serve the last rebuild's page while its parts are the same
        return self._keep(("archived page", page.url), parts, lambda: "".join(parts))

    def _redline_page(self, document: Document, old: Version, new: Version, page) -> str:
        review = self._review_at(document, document.position(new))
        result = self.analyzer.redline(old, new)
        html = self._rebase_kept(result.html, posixpath.dirname(new.path or document.path), page)
        shown = Redline(html, result.changes, result.words_added, result.words_removed)  # same changes, links rebased
        with self.analyzer.stopwatch.stage("downloads"):  # the step's data files, while its redline is at hand
            for later in self._step_later.pop((document.path, new.id), ()):
                self._fill(later)
        return self.fragments.redline_page(document, old, new, shown, page.url, review=review)

    def _withdrawn_page(self, document: Document) -> Callable[[object], str]:
        def content(page) -> str:
            last = document.versions[-1]
            self._settled(document, last)
            body, toc_tokens = self._render_version(document, last, page)
            page.toc = self._toc(page, toc_tokens)
            return self._marked(self.fragments.archived_notice(document, last, page.url)) + "\n" + body
        return content

    def _drafts_shown(self) -> bool:
        """Uncommitted edits are a preview: shown by `mkdocs serve`, published by a build only if asked."""
        return getattr(self, "command", None) == "serve" or self.config.drafts

    def _live(self, page) -> Document | None:
        """The policy a page shows, also when another plugin moved its file (i18n: `fr/legal/privacy.md`)."""
        found = self.live.get(page.file.src_uri)
        if found is None and page.file.abs_src_path and page.file.src_uri not in self.pages:  # not a generated one
            # (a file of ours, in a folder of ours: no policy is there; realpath asks the file system)
            found = self.live.get(os.path.realpath(page.file.abs_src_path))
        return found

    def shown_version(self, document: Document) -> Version | None:
        """What the document's own page shows: a draft being edited, else the version in force."""
        if document.draft is not None and self._drafts_shown():
            return document.draft
        current = document.current(self.today)
        if current is None and document.versions:
            return document.upcoming(self.today) or document.versions[-1]
        return current

    @_page_event
    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if not self.config.enabled:
            return markdown
        self._files = files
        document = self._live(page)
        if document is None:
            return markdown
        for name in _THEME_META:  # author text, which the theme prints unescaped: shown as text
            if isinstance(page.meta.get(name), str):
                page.meta[name] = escape(page.meta[name], quote=name == "description")
        if page.title and page.title != page.meta.get("title"):  # a title from the nav or the first heading
            page.title = escape(str(page.title), quote=False)
        shown = self.shown_version(document)
        if document.draft is not None and shown is not None and shown.id != "draft":
            log.warning(f"policypress: {page.file.src_uri} has uncommitted changes, which are not published: "
                        "the page shows the committed text (commit the edit, or set 'drafts: true' to publish "
                        "it as a draft)")
            return shown.body
        if shown is not None and shown.id != "draft" and document.versions and shown is not document.versions[-1]:
            return shown.body
        return markdown

    @_page_event
    def on_page_content(self, html: str, *, page, config, files) -> str:
        if not self.config.enabled:
            return html
        self._files = files
        content = self.pages.get(page.file.src_uri)
        if content is not None:
            if page.file.src_uri in self.dated:
                self._revision_dates(page, config, *self.dated[page.file.src_uri])
            with self.analyzer.stopwatch.stage("pages"):
                filled = content(page)
                return filled if html == _PLACEHOLDER else html.replace(_PLACEHOLDER, filled)
        document = self._live(page)
        if document is not None:
            shown = self.shown_version(document)
            if shown is not None and shown.id != "draft":
                self._revision_dates(page, config, document, shown)
            notices = [n for n in self.notices if n.document is document and shown is not None and shown.id != "draft"]
            header = self._marked(self.fragments.current_header(document, shown, page.url, notices, feed=self.config.feeds))
            translation = self._marked(self.fragments.translation_notice(document, page.url))
            return translation + header + "\n" + html
        return html

    def _marked(self, fragment: str) -> str:
        """policypress writes in the page's language when it has a catalogue for it, else in English: then its
        fragments say so (`lang="en"`), so that screen readers and translators read them right. Under i18n,
        their links say `target="_self"`: Material takes a click on a link into another language's pages for a
        language switch and sends the reader to that language's home of the page, not to the link's target."""
        if not fragment:
            return fragment
        if self.build_language is not None:
            fragment = _OWN_LINK.sub(r'<a target="_self" \1', fragment)
        if self.language.replace("_", "-").split("-")[0].lower() == self.words.language.split("_")[0].lower():
            return fragment
        return _FIRST_TAG.sub(lambda m: m.group(1) + ' lang="en"', fragment, count=1)

    def _revision_dates(self, page, config, document: Document, version: Version) -> None:
        """The dates git-revision-date-localized shows are the version's own: an archived page is not updated
        by the build that wrote it, and the live page's text is the version in force, not the upcoming one."""
        plugin = self._dates_plugin
        if plugin is None:
            return
        first = document.versions[0] if document.versions else version
        for variable, when, commit in (("git_revision_date_localized", version.published, version.commit),
                                       ("git_creation_date_localized", first.published, first.commit)):
            if variable not in page.meta:
                continue
            try:  # the plugin's own formatting (type, locale, timezone), through its rendering step
                plugin._render_date(markdown="", page=page, locale=plugin._get_locale(page), variable=variable,
                                    commit_hash=commit or "", commit_timestamp=int(when.timestamp()))
            except Exception:  # noqa: BLE001 - another version of the plugin: an ISO date, as it shows them
                page.meta[variable] = ('<span class="git-revision-date-localized-plugin '
                                       f'git-revision-date-localized-plugin-iso_date">{when.date().isoformat()}</span>')

    @_page_event
    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled:
            context["policypress_banner"] = Markup(self._marked(self.fragments.banner(self.notices, page.url)))
        return context

    @event_priority(-100)  # last: the CSP hashes the scripts every other plugin added (glightbox, minify)
    @_page_event
    def on_post_page(self, output: str, *, page, config) -> str:
        """Feed discovery links, and the banner for themes without the policypress override."""
        if not self.config.enabled:
            return output
        target = getattr(self, "redirects", {}).get(page.file.src_uri)
        if target is not None and "</head>" in output:
            href = escape(relative(page.url, target))
            output = output.replace("</head>", f'<meta http-equiv="refresh" content="0; url={href}">'
                                               f'<link rel="canonical" href="{href}"></head>', 1)
        if self.config.feeds and "</head>" in output:
            # "alternate feed", not "alternate": Material reads every link[rel=alternate] as a language version
            # and fetches its sitemap.xml; feed readers split rel into its words
            output = output.replace("</head>", self._head_feeds(page.url, config), 1)
        if self._covered(page) and getattr(self, "command", None) != "serve":
            parsed = inspect(output)  # once: the CSP and the warnings read the same parse
            output = with_csp(output, self.known_scripts, page.content or "", self._frame_scripts(output),
                              page=parsed)  # not under `serve`: its live-reload script comes later
            if not self.self_hosted:
                for url in third_party(parsed):
                    if (page.url, url) not in self._blocked:
                        self._blocked.add((page.url, url))
                        log.warning(f"policypress: {page.file.src_uri} loads {url} from another site, which its "
                                    "Content-Security-Policy blocks; copy it into the docs folder")
        if page.file.src_uri in self.pages or self._live(page) is not None:
            output = self._skip_link(output)
        if self.notices and "data-pp-banner" not in output:
            banner = self._marked(self.fragments.banner(self.notices, page.url))
            aside = f'<aside class="md-banner"><div class="md-banner__inner md-grid md-typeset">{banner}</div></aside>'
            marker = '<div data-md-component="announce">'
            if marker in output:  # beside the site's own announcement, whose dismissal reads the component's text
                output = output.replace(marker, aside + marker, 1)
            else:
                output = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, output, count=1)
        return output

    def _feed_links(self, config) -> list[tuple[str, str]]:
        """The feeds every page links to, (address, escaped title): the same for every page of a build (made
        again by each build's on_files, which reads the documents)."""
        if self._feeds is None:
            links = [(self.urls.site_feed(), self.words.gettext("{site}: policy changes", site=config.site_name))]
            links += [(self.urls.feed(d.slug), self.words.gettext("{title}: versions and changes", title=d.title))
                      for d in self.documents]
            self._feeds = [(href, escape(title)) for href, title in links]
            if self._feed_tags[0] != self._feeds:  # other feeds: every page's links are made again
                self._feed_tags = (self._feeds, {})
        return self._feeds

    def _head_feeds(self, url: str, config) -> str:
        """A page's feed links, then `</head>`: made once per page address while the feeds are the same (under
        `mkdocs serve`, across rebuilds), as they depend on nothing else."""
        feeds = self._feed_links(config)
        by_url = self._feed_tags[1]
        tags = by_url.get(url)
        if tags is None:
            tags = by_url[url] = "".join(f'<link rel="alternate feed" type="application/atom+xml" title="{title}" '
                                         f'href="{escape(relative(url, href))}">' for href, title in feeds) + "</head>"
        return tags

    def _skip_link(self, output: str) -> str:
        """Every policypress page has a "Skip to content" link, landing on the page's own notice (the one that says
        which version, or which translation, this is), then the text. Material writes one only on pages with a
        table of contents, whose target is the first heading: past the notice."""
        start = _first_start(output)
        if start is None:
            return output
        href = f'href="#{start.group(1)}"'
        if _SKIP_TAIL in output and _SKIP.search(output):  # a page without Material's link: one scan, not a try per `<a `
            return _SKIP.sub(lambda m: m.group(1) + href, output, count=1)
        css = "md-skip" if self.material else "pp-skip"  # Material's style (shown on focus), else policypress's
        label = self.words.gettext("Skip to content")
        link = f'<a {href} class="{css}">{escape(label)}</a>'
        if _SKIP_SLOT in output:  # Material's (empty) place for it
            return output.replace(_SKIP_SLOT, _SKIP_SLOT + link, 1)
        return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + link, output, count=1)

    @property
    def known_scripts(self) -> KnownScripts:
        """The theme's inline scripts, read from its templates once per build, and only by a build that writes a
        Content-Security-Policy (not `mkdocs serve`, whose rebuilds would read every template for nothing)."""
        if self._known_scripts is None:
            self._known_scripts = KnownScripts(self._theme_dirs)
        return self._known_scripts

    def _frame_scripts(self, output: str) -> list[str]:
        """Under Material's offline plugin, the script its shim writes into the search worker's frame."""
        found = _CONFIG_SCRIPT.search(output) if self.shim else None
        try:
            worker = json.loads(found.group(1)).get("search") if found else None
        except ValueError:
            worker = None
        body = iframe_worker_script(self.shim, worker) if isinstance(worker, str) else None
        return [body] if body else []

    @_page_event
    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        """Static templates (the 404 page) get the same Content-Security-Policy as pages."""
        if (self.config.enabled and self.csp and template_name.endswith(".html")
                and getattr(self, "command", None) != "serve"):
            return with_csp(output_content, self.known_scripts)
        return output_content

    def on_post_build(self, *, config) -> None:
        if self.config.enabled and self.report is not None:
            if self._serving:  # the site is up: what the next rebuild would otherwise start with
                with self.analyzer.stopwatch.stage(WARM):
                    self.analyzer.warm({document.type for document in self.documents})
            self.report.pages_filled()
        if self._serving and self.config.enabled:
            self._idle.build_done()

    def _covered(self, page) -> bool:
        """The CSP covers policypress's pages, or every page with `content_security_policy: site`."""
        if self.csp == "site":
            return True
        return self.csp == "policies" and (page.file.src_uri in self.pages or self._live(page) is not None)

    def on_serve(self, server, *, config, builder):
        """New commits change the archive: watch Git's refs and the versions kept on file."""
        for path in self._git_paths():
            server.watch(str(path))
        if self.config.enabled and self.site.settings.versions_dir.is_dir():
            server.watch(str(self.site.settings.versions_dir))
        return server


    def _git_paths(self) -> list[Path]:
        """What changes when a commit lands: the worktree's HEAD, and the refs, which a `git worktree` keeps
        in the repository's common folder (`--git-common-dir`), not in its own (`--absolute-git-dir`)."""
        repo = GitRepository.find(self.root) if self.config.enabled else None
        if repo is None:
            return []
        try:
            git_dir = Path(repo.git("rev-parse", "--absolute-git-dir").strip())
            common = Path(repo.git("rev-parse", "--git-common-dir").strip())
            common = common if common.is_absolute() else Path(repo.root) / common  # relative to where git ran
        finally:
            repo.close()
        found = []
        for path in (git_dir / "HEAD", common.resolve() / "refs", common.resolve() / "packed-refs"):
            if path.exists() and path not in found:
                found.append(path)
        return found


_ARCHIVE_NAMES = ("versions", "changes", "compare", "in-force", "versions.json", "feed.xml")  # under <doc>/
_MATERIAL_DEFAULT_FONT = {"text": "Roboto", "code": "Roboto Mono"}  # what Material loads when font is unset
_THEME_META = ("title", "description", "subtitle")  # front-matter keys Material prints as HTML


def _first_start(output: str) -> re.Match | None:
    """`_START.search(output)`, without trying every tag of the page: no match can begin before the last `>` ahead
    of the first `data-pp-start`, unless that `>` is inside an id's value (`[^"]+`), where the whole page is read."""
    found = output.find("data-pp-start")
    if found < 0:
        return None
    close = output.rfind(">", 0, found)
    if close < 0:
        return _START.search(output)
    quote = output.rfind('"', 0, close)
    if quote >= 3 and output.startswith('id="', quote - 3):
        return _START.search(output)
    return _START.search(output, close + 1)


def _same_version(old: Version, new: Version) -> bool:
    """Equal in every field, and written alike where equality is looser than the page: the publication time's
    offset (aware datetimes are equal at the same instant) and the front matter's values (1 == True)."""
    return (type(old) is type(new) and old == new and old.published.isoformat() == new.published.isoformat()
            and repr(old.meta) == repr(new.meta))


def _privacy_plugin_on(config) -> bool:
    """Material's privacy plugin is enabled: it downloads external assets at build time and serves them."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "privacy" and type(plugin).__module__.startswith("material."):
            return bool(plugin.config.get("enabled", True)) and bool(plugin.config.get("assets", True))
    return False


def _link_source(target: str, origin: str) -> str | None:
    """The docs file a link written in a policy under `origin` points to, if it is a relative link."""
    if not target or target.startswith(("#", "/", "mailto:", "tel:", "data:")) or ":" in target.split("/")[0]:
        return None
    path = target.partition("#")[0]
    return posixpath.normpath(posixpath.join(origin, path)) if path else None


def _front_matter(title: str, exclude: bool) -> str:
    """A generated page's source: its title (and search exclusion) and the placeholder of its content."""
    shown = escape(title, quote=False)  # theme templates insert titles without escaping
    if shown.isprintable():  # a JSON string is a YAML double-quoted one: 20x faster than dumping YAML
        front = f"search:\n  exclude: true\ntitle: {json.dumps(shown, ensure_ascii=False)}\n" if exclude \
            else f"title: {json.dumps(shown, ensure_ascii=False)}\n"
    else:  # control or format characters, which YAML reads differently: written by YAML itself
        meta: dict = {"title": shown, **({"search": {"exclude": True}} if exclude else {})}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    return "---\n" + front + "---\n\n" + _PLACEHOLDER + "\n"


def _url_taken(files: Files, config, src_uri: str) -> bool:
    """A file of the site already answers at the URL `src_uri` would be published at."""
    probe = File.generated(config, src_uri, content="")
    return any(f.dest_uri == probe.dest_uri for f in files)


_ASSETS = Path(__file__).parent / "assets"


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


class _Later:
    """A data file's content, made when what it shows is done (before MkDocs copies the file), once for all
    of its addresses (a moved document serves the same bytes at its earlier ones)."""

    __slots__ = ("make", "targets")

    def __init__(self, make: Callable[[], str]):
        self.make: Callable[[], str] | None = make
        self.targets: list[Path] = []


class _At:
    """Where a fragment is shown, for `_rebase` outside a page (the compare page's blocks.json)."""

    def __init__(self, url: str):
        self.url = url


def _flat(path: str) -> str:
    """The name of a generated file in the pages folder: its path with `%` and `/` escaped, so that every file
    sits in the one folder (a folder per archived version and redline cost ~2,000 mkdir calls at 1,000
    versions, and removing them at exit more than a second); nested as written when that name is too long."""
    name = path.replace("%", "%25").replace("/", "%2F")
    return name if len(name.encode("utf-8")) <= 200 else path


def _pages_dir() -> Path:
    """The folder of this process's generated files: outside the site's tree and the cache (which holds only
    JSON entries), rewritten by every build, removed when the process ends."""
    global _TEMP_PAGES
    if _TEMP_PAGES is None:
        import atexit
        import shutil
        import tempfile
        _TEMP_PAGES = Path(tempfile.mkdtemp(prefix="policypress-pages-"))
        atexit.register(shutil.rmtree, _TEMP_PAGES, True)
    return _TEMP_PAGES


_TEMP_PAGES: Path | None = None


__all__ = ["PolicyPressPlugin", "__version__"]
