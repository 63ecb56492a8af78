"""The `policypress` command: compare texts, list and freeze the archive.

A thin adapter over the core for authors and CI. Exit codes: 0 done or clean, 1 problems found,
2 usage or configuration error (README, "Command line").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from policypress import __version__

from policypress.notices import announce
from policypress.notices.messages import available, catalogue_for, resolve

from policypress.archive import onfile as archive

from policypress.cli import report
from policypress.materiality.analysis import Analyzer
from policypress.notices.notices import RECENT, UPCOMING, Notice
from policypress.archive.urls import SiteUrls
from policypress.cli.verify import verify
from policypress.cli.check import run_check
from policypress.archive.doctypes import TYPES
from policypress.cli.compare import compare_texts
from policypress.materiality.criteria import CriteriaSets
from policypress.errors import PolicyError
from policypress.archive.history import GitRepository, checked_rev
from policypress.site.loadconfig import CONFIG_NAMES, find_config
from policypress.site.siteconfig import Site, load_site
from policypress.archive.timeline import Timeline, decode


class UsageError(Exception):
    pass


def read_input(spec: str) -> tuple[str, str]:
    """The text named by a file path or by `REV:PATH` (as `git show` understands it)."""
    path = Path(spec)
    if path.is_file():
        raw = path.read_bytes()
        if raw.startswith(archive.HEADER_OPEN.encode()):
            return archive.read_file(path).text, spec  # a version kept on file: its text, verified
        return decode(raw, spec), spec
    if ":" in spec:
        try:
            checked_rev(spec)
        except PolicyError as exc:
            raise UsageError(f"{spec}: {exc.message}") from None
        result = subprocess.run(["git", "show", "--end-of-options", spec], capture_output=True)
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UsageError(f"{spec}: {message[-1] if message else 'not found in Git'}")
        return decode(result.stdout, spec), spec
    raise UsageError(f"{spec}: no such file (give a file path or REV:PATH, e.g. HEAD~1:policy/privacy.md)")


def _optional_site(config: str | None) -> Site | None:
    """The site's criteria and Markdown settings when a mkdocs.yml is at hand (compare works without)."""
    if config is None and not any(Path(name).is_file() for name in CONFIG_NAMES):
        return None
    return _site(config)


def _site(config: str | None) -> Site:
    """The site as the build sees it: --config, else ./mkdocs.yml, else ./properdocs.yml."""
    return load_site(find_config(config), _warn)


def _document(documents: list, slug: str):
    """The document named on the command line; an unknown slug is a usage error listing the known ones."""
    for document in documents:
        if document.slug == slug:
            return document
    raise UsageError(f"no document {slug!r}; documents: {', '.join(d.slug for d in documents) or 'none'} "
                     "(fix: give one of these slugs)")


def cmd_compare(args) -> int:
    old_text, old_name = read_input(args.old)
    new_text, new_name = read_input(args.new)
    site = _optional_site(args.config)
    options = {"renderer": site.renderer(_warn), "criteria": site.criteria,
               "types": site.settings.types} if site else {"criteria": CriteriaSets.from_value(None)}
    result = compare_texts(old_text, new_text, old_name=old_name, new_name=new_name, kind=args.type, **options)
    if args.json:
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
        return 0
    red, found = result.redline, result.assessment
    print(f"{old_name} → {new_name}")
    under = "section 8" if result.type == "privacy" else f"the {result.type} criteria"
    if found.flags:
        print(f"MATERIAL under {under}:" + (" reduces the reader's rights (express consent required)"
                                            if found.consent_required else ""))
        for flag in found.flags:
            print(f"  {flag.criterion.ref} {flag.criterion.id}: {flag.criterion.title}")
            for e in flag.evidence[:args.limit]:
                print(f"    - {e.section}: {e.rule}")
            if flag.triage is not None:
                print(f"    - {flag.triage.text()}")
        for e in found.consent_evidence:
            print(f"  reduces rights: {e.section}: {e.rule}")
    else:
        print(f"Not material under {under}.")
    for key in ("effective", "title", "summary"):
        before, after = result.old_meta.get(key), result.new_meta.get(key)
        if before != after:
            print(f"{key}: {before or '—'} → {after or '—'}")
    if not red.changes:
        print("No change in the rendered text.")
        return 0
    print(f"{len(red.changes)} change(s): {red.words_added} word(s) added, {red.words_removed} removed, "
          f"in {red.sections_changed} section(s).")
    if red.sections:
        print("Sections changed:")
        for section in red.sections:
            print(f"  - {section.title}")
    print("Changes:")
    for change in red.changes[: args.limit]:
        where = f"[{change.section.title}] " if change.section else ""
        if change.kind == "replaced":
            detail = f"“{change.before}” → “{change.after}”"
        else:
            detail = f"“{change.before or change.after}”"
        print(f"  {change.number}. {where}{change.kind}: {detail}")
    if len(red.changes) > args.limit:
        print(f"  … and {len(red.changes) - args.limit} more (use --limit or --json)")
    return 0


def _documents(site: Site) -> list:
    """Every document of the site, read once (Git history and versions on file)."""
    repo = GitRepository.find(site.root)
    try:
        return Timeline(site.settings, repo, warn=_warn).documents()
    finally:
        if repo:
            repo.close()


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def cmd_check(args) -> int:
    site = _site(args.config)
    today = None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        today = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    result = run_check(site, since=args.since, today=today)
    if args.format == "json":
        sys.stdout.write(report.as_json(result))
    elif args.format == "github":
        sys.stdout.write(report.github(result, site.root))
    else:
        sys.stdout.write(report.text(result, verbose=args.verbose))
    return result.exit_code(strict=args.strict)


def _today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def cmd_notice(args) -> int:
    if args.language and resolve(args.language) == "en" and args.language.split("-")[0].split("_")[0] != "en":
        raise UsageError(f"--language {args.language}: no catalogue for that language (there are: "
                         f"{', '.join(available())}); add plugins/policypress/notices/locales/"
                         f"{catalogue_for(args.language)}")
    site = _site(args.config)
    document = _document(_documents(site), args.document)
    today = _today()
    if args.version:
        try:
            version = document.get(args.version)
        except KeyError:
            raise UsageError(f"{args.document} has no version {args.version!r}") from None
    else:
        version = document.upcoming(today) or document.current(today)
    if version is None or document.previous(version) is None:
        raise UsageError(f"{args.document}: no change to announce (give --version ID)")
    analyzer = Analyzer(site.renderer(_warn), site.criteria, site.notice_days)
    previous = document.previous(version)
    review = analyzer.review(document, version, previous, path=None, gate=False)
    state = UPCOMING if today < version.effective else RECENT
    expires = version.effective + dt.timedelta(days=site.notice_after_days)
    notice = Notice(document, version, previous, state, expires, review, analyzer.redline(previous, version).sections)
    if not site.site_url and args.format != "html":
        _warn("mkdocs.yml has no site_url: links in the notice are relative")
    sys.stdout.write(announce.render(notice, SiteUrls(site.directory_urls), site.site_url,
                                     {c.id: c for c in site.criteria.every}, args.format,
                                     language=args.language or site.language))
    return 0


def cmd_verify(args) -> int:
    site_dir = Path(args.site_dir)
    if not site_dir.is_dir():
        raise UsageError(f"{site_dir}: no such folder (build the site first, or name the folder it was built to)")
    site = _site(args.config)
    documents = _documents(site)
    result = verify(site_dir, documents, Analyzer(site.renderer(_warn), site.criteria, site.notice_days),
                    directory_urls=site.directory_urls, theme_dirs=list(site.theme_dirs),
                    extra_javascript=list(site.extra_javascript))
    for note in result.notes:
        print(f"note: {note}")
    for mismatch in result.mismatches:
        print(f"MISMATCH: {mismatch}")
    print(f"policypress verify: {result.checked} version(s) checked, {len(result.mismatches)} mismatch(es)")
    return 1 if result.mismatches else 0


def cmd_list(args) -> int:
    site = _site(args.config)
    documents = _documents(site)
    for document in documents:
        print(f"{document.slug} ({document.path}){' [withdrawn]' if document.withdrawn else ''}")
        for version in document.versions:
            flags = [f for f, on in (("revision", version.revision), ("on file", version.on_file),
                                     ("git", version.in_git)) if on]
            print(f"  {version.id:<14} effective {version.effective}  published {version.published:%Y-%m-%d}  "
                  f"{', '.join(flags)}")
        if document.draft is not None:
            print("  (draft)        uncommitted changes in the working tree")
    return 0


def _recover(repo: GitRepository, item) -> str | None:
    """The text a deployed version had, found by its sha256 among the Markdown files of its commit."""
    if repo is None or not item.commit:
        return None
    try:
        listing = repo.git("ls-tree", "-r", "-z", "--full-tree", "--end-of-options", checked_rev(item.commit))
    except PolicyError:
        return None
    for entry in listing.split("\0"):
        meta, _, path = entry.partition("\t")
        if path.endswith((".md", ".markdown")) and meta.split()[1:2] == ["blob"]:
            raw = repo.read_blob(meta.split()[2])
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if archive.sha256_text(text) == item.sha256:
                return text
    return None


def _freeze_previous(site: Site, previous: str, dry_run: bool) -> int:
    """Keep on file every version of the last deployment that the archive would otherwise lose."""
    from policypress.archive import ledger

    site.settings.published_archive = Path(previous).resolve()
    repo = GitRepository.find(site.root)
    try:
        timeline = Timeline(site.settings, repo, warn=_warn)
        timeline.check_deployed = False
        documents = timeline.documents()
        written = 0
        for item, what in ledger.missing(documents, timeline.deployed):
            text = _recover(repo, item)
            if text is None:
                raise UsageError(f"{item.source}: version {item.document}/{item.id} {what}, and its text is not in "
                                 f"commit {item.commit or '(none)'}; restore versions/{item.document}/{item.id}.md "
                                 "from the deployed site's sources or a backup")
            target = site.settings.versions_dir / item.document / f"{item.id}.md"
            gone = item.commit is not None and not repo.contains(item.commit, site.settings.rev)
            content = archive.render_file(document=item.document, id=item.id,
                                          effective=dt.date.fromisoformat(item.effective),
                                          published=item.when, commit=item.commit, text=text, recovered=gone)
            _write_on_file(target, content, dry_run, f" (deployed, {what})")
            written += 1
        if not written:
            print("every deployed version is still published")
        return 0
    finally:
        if repo:
            repo.close()


def _write_on_file(target: Path, content: str, dry_run: bool, why: str = "") -> None:
    """Write one version kept on file (exact bytes, no newline translation), or say it would."""
    if not dry_run:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
    print(f"{'would write' if dry_run else 'wrote'} {target}{why}")


def _seal(site: Site, dry_run: bool) -> int:
    """Seal the versions on file written before seals, once the build's checks against Git passed."""
    repo = GitRepository.find(site.root)
    try:  # the same checks as a build: a file that disagrees with Git is an error, never sealed
        Timeline(site.settings, repo, warn=lambda m: None if "without a seal" in m else _warn(m)).documents()
    finally:
        if repo:
            repo.close()
    written = 0
    for slug in archive.documents_on_file(site.settings.versions_dir):
        for item in archive.read_dir(site.settings.versions_dir, slug):
            if not item.sealed:
                _write_on_file(item.path, archive.sealed_form(item), dry_run, " (sealed)")
                written += 1
    if not written:
        print("every archived version is sealed")
    return 0


def _record(site: Site, dry_run: bool) -> None:
    """Say in versions/ up to which commit every version is on file (a shallow clone reads it)."""
    repo = GitRepository.find(site.root)
    if repo is None or not repo.has_commits():
        return
    try:
        commit = repo.resolve(site.settings.rev)
        if repo.is_shallow():
            return  # a shallow clone cannot vouch for the history it does not have
    finally:
        repo.close()
    target = site.settings.versions_dir / archive.RECORD
    if not dry_run:
        archive.write_record(site.settings.versions_dir, commit)
    print(f"{'would record' if dry_run else 'recorded'} in {target}: every version up to commit {commit[:12]} is on file")


def cmd_freeze(args) -> int:
    site = _site(args.config)
    if args.previous:
        return _freeze_previous(site, args.previous, args.dry_run)
    if args.seal:
        return _seal(site, args.dry_run)
    documents = _documents(site)
    for slug in args.document or []:
        _document(documents, slug)
    written = 0
    for document in documents:
        if args.document and document.slug not in args.document:
            continue
        for version in document.versions:
            if version.on_file:
                continue
            target = site.settings.versions_dir / document.slug / f"{version.id}.md"
            content = archive.render_file(document=document.slug, id=version.id, effective=version.effective,
                                          published=version.published, commit=version.commit, text=version.text)
            _write_on_file(target, content, args.dry_run)
            written += 1
    if not written:
        print("every published version is already on file")
    if not args.document:
        _record(site, args.dry_run)
    return 0


CONFIG_HELP = "the site's configuration (default: ./mkdocs.yml, else ./properdocs.yml)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policypress", description=__doc__.splitlines()[0])
    parser.add_argument("-V", "--version", action="version", version=f"policypress {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    compare = sub.add_parser("compare", help="show what changed between two texts (files or REV:PATH)")
    compare.add_argument("old")
    compare.add_argument("new")
    compare.add_argument("--json", action="store_true", help="print the machine-readable comparison")
    compare.add_argument("--limit", type=int, default=50, help="changes listed in text output (default 50)")
    compare.add_argument("--type", choices=TYPES, default=None,
                         help="judge as this document type (default: front matter 'type:', the site's 'types' globs, "
                              "else the file name)")
    compare.add_argument("--config", "-f", default=None,
                         help="mkdocs.yml whose criteria and Markdown settings to use (default: ./mkdocs.yml if any)")
    compare.set_defaults(func=cmd_compare)

    check = sub.add_parser("check", help="gate: undeclared material changes, consent, notice period, archive")
    check.add_argument("--config", "-f", default=None, help=CONFIG_HELP)
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--since", metavar="REV", help="gate every version published after REV (a pull "
                       "request's base, e.g. origin/main); default: the latest version and any uncommitted draft")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument("--verbose", "-v", action="store_true", help="also list notices on older history")
    check.set_defaults(func=cmd_check)

    notice = sub.add_parser("notice", help="render the change notice of a document for e-mail or a blog post")
    notice.add_argument("document", help="the document's slug, e.g. privacy")
    notice.add_argument("--version", help="the version to announce (default: the upcoming one, else the latest)")
    notice.add_argument("--format", choices=("md", "text", "html"), default="md")
    notice.add_argument("--language", metavar="LANG", default=None,
                        help=f"the notice's language ({', '.join(available())}; default: theme.language, else en)")
    notice.add_argument("--config", "-f", default=None, help=CONFIG_HELP)
    notice.set_defaults(func=cmd_notice)

    check_site = sub.add_parser("verify", help="check a built site's archive against the repository")
    check_site.add_argument("site_dir", help="the folder the site was built to (e.g. site)")
    check_site.add_argument("--config", "-f", default=None, help=CONFIG_HELP)
    check_site.set_defaults(func=cmd_verify)

    for name, func, text in (("list", cmd_list, "list every document and its versions"),
                             ("freeze", cmd_freeze, "keep every published version on file in versions/")):
        command = sub.add_parser(name, help=text)
        command.add_argument("--config", "-f", default=None, help=CONFIG_HELP)
        command.set_defaults(func=func)
        if name == "freeze":
            command.add_argument("--dry-run", action="store_true", help="say what would be written")
            command.add_argument("--document", action="append", help="only this document (slug); repeatable")
            command.add_argument("--previous", metavar="SITE_DIR",
                                 help="the last deployment: keep on file every version it published that the "
                                      "archive would lose (read from its commit)")
            command.add_argument("--seal", action="store_true",
                                 help="seal the versions on file written before headers were sealed (after "
                                      "checking them against Git)")
    parser.commands = sub.choices  # each subcommand's parser, to report a bad flag with its own usage
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command. Exit codes: 0 done, 1 problems found, 2 usage or configuration error."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        parser.commands[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"policypress: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except PolicyError as exc:
        print(f"policypress: error: {exc.one_line()}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
