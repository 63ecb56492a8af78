"""How long `mkdocs serve` takes to show a newly committed version, and how much it recomputes.

Why: an author previews with `mkdocs serve`; after a commit the rebuild should compute one new redline,
not all of them (the plugin keeps its caches across serve rebuilds). This script builds a synthetic
history with benchmarks/build_speed.py's generator, starts `mkdocs serve`, commits one more version,
and reads the rebuild's log lines (with -v, for policypress's own timings: its share of the rebuild is every
event of the plugin: reading the configuration, the archive work, filling its generated pages, and its
events on every page (notices, skip links, feed links), which the plugin reports in one debug line).

    python benchmarks/serve_rebuild.py [--versions 200]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_speed  # noqa: E402


def wait_for(process, pattern: re.Pattern[str], timeout: float, lines: list[str]) -> re.Match:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            time.sleep(0.05)
            continue
        lines.append(line.rstrip())
        match = pattern.search(line)
        if match:
            return match
    raise SystemExit("timed out waiting for " + pattern.pattern + "\n" + "\n".join(lines[-20:]))


def measure(versions: int, port: int = 8799) -> dict:
    """Serve a history of `versions`, commit one more, and time the rebuild and policypress's share of it:
    its configuration, archive work (on_files, on_env), filling its generated pages and its events on every
    page, from its own debug timings."""
    seed = build_speed.SEED_POLICY.read_text(encoding="utf-8")
    revisions = build_speed.History(seed, 20240601).revisions(versions + 1)
    with tempfile.TemporaryDirectory(prefix="policypress-serve-") as tmp:
        root = Path(tmp)
        build_speed.make_policypress_site(root, revisions[:-1])
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.com",
               "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.com"}
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-v", "--dev-addr", f"127.0.0.1:{port}"],
                                   cwd=root, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        lines: list[str] = []
        built = re.compile(r"Documentation built in ([\d.]+) seconds")
        try:
            first = float(wait_for(process, built, 1800, lines).group(1))
            wait_for(process, re.compile(r"Serving on"), 60, lines)
            mark = len(lines)
            # commit without touching the work tree first (as a pull would): one rebuild, one new version
            blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=root, env=env, check=True,
                                  input=revisions[-1].text, capture_output=True, text=True).stdout.strip()
            subprocess.run(["git", "update-index", "--cacheinfo", f"100644,{blob},policy/privacy.md"], cwd=root,
                           env=env, check=True)
            started = time.perf_counter()
            subprocess.run(["git", "commit", "-qm", "one more version"], cwd=root, env=env, check=True)
            second = float(wait_for(process, built, 600, lines).group(1))
            seen = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=30)
    rebuild = "\n".join(lines[mark:])
    archive = (re.findall(r"policypress: archive work took ([\d.]+) s", rebuild)  # to the millisecond
               or re.findall(r"policypress: \d+ document\(s\).*\(([\d.]+) s\)", rebuild))
    pages = re.findall(r"policypress: pages took ([\d.]+) s", rebuild)
    share = re.findall(r"policypress: its share of this build took ([\d.]+) s \(configuration ([\d.]+), archive work "
                       r"[\d.]+, pages [\d.]+, page events ([\d.]+), warm-up ([\d.]+) s\)", rebuild)
    configuration, events, warm = (float(share[-1][n]) for n in (1, 2, 3)) if share else (0.0, 0.0, 0.0)
    return {"versions": versions, "first": first, "rebuild": second, "seen": seen,
            "share": float(share[-1][0]) if share else float("nan"), "configuration": configuration,
            "archive": float(archive[-1]) if archive else float("nan"), "pages": float(pages[-1]) if pages else 0.0,
            "events": events, "warm": warm,
            "lines": [line for line in lines if "policypress:" in line and "DEBUG" not in line],
            "stages": [line.split("policypress: ", 1)[1] for line in lines[mark:] if "policypress:" in line
                       and "DEBUG" in line and " took " in line and "its share" not in line]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=200)
    args = parser.parse_args()
    result = measure(args.versions)
    print(f"{args.versions} versions: first build {result['first']:.2f}s; after one more commit the rebuild took "
          f"{result['rebuild']:.2f}s ({result['seen']:.2f}s from the commit until the site was rebuilt, including "
          f"the file watcher's delay), of which policypress {result['share']:.3f}s (configuration "
          f"{result['configuration']:.3f}s, archive {result['archive']:.3f}s, its pages {result['pages']:.3f}s, its "
          f"events on every page {result['events']:.3f}s, warm-up {result['warm']:.3f}s)")
    for line in result["lines"]:
        print("  " + line)
    print("  the rebuild's stages: " + "; ".join(result["stages"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
