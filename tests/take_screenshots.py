"""Screenshots of the demo site, for the documentation: `python tests/take_screenshots.py OUTDIR`.

Builds this repository's own demo site (mkdocs.yml, policy/, versions/, the Git history) into a
temporary folder with the real clock, serves it on 127.0.0.1 and saves, with Debian's Chromium
(/usr/bin/chromium, never a downloaded browser):

  banner.png    privacy/, with the change banner and the notice of the upcoming version
  redline.png   privacy/changes/<upcoming>/, scrolled to the first change
  side-by-side.png, print.png   the same redline in its other views (print: as on A4 paper)
  redline.pdf   the same redline printed to A4 by Chromium: running header and "Page x of y" on every page
  dark.png      the same redline in Material's dark scheme (slate)
  phone.png, phone-redline.png   the version index (one card per version) and the redline at 390 px
  versions.png  privacy/versions/, the version index
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 900}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def build(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)  # the real clock: the demo's next version is upcoming
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site_dir)],
                   cwd=ROOT, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="folder for the PNG files (created if missing)")
    parser.add_argument("--document", default="privacy", help="the policy to photograph (default: privacy)")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium), "
              "as .ci/run does.", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="policypress-shots-") as tmp:
        site_dir = Path(tmp) / "site"
        build(site_dir)
        data = json.loads((site_dir / args.document / "versions.json").read_text(encoding="utf-8"))
        change = data["upcoming"] or data["current"]
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site_dir)))
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
                page = context.new_page()

                page.goto(base + f"{args.document}/", wait_until="networkidle")
                page.screenshot(path=str(args.outdir / "banner.png"))

                page.goto(base + f"{args.document}/changes/{change}/", wait_until="networkidle")
                first = page.locator("#pp-change-1")
                if first.count():
                    first.scroll_into_view_if_needed()
                    # leave room for Material's sticky header above the change
                    page.evaluate("() => window.scrollBy(0, -120)")
                else:
                    print(f"warning: no #pp-change-1 on the redline of {change}", file=sys.stderr)
                page.screenshot(path=str(args.outdir / "redline.png"))
                page.click("[data-pp-view]")
                page.keyboard.press("n")
                page.evaluate("() => window.scrollBy(0, -120)")
                page.screenshot(path=str(args.outdir / "side-by-side.png"))
                page.click("[data-pp-view]")
                page.pdf(path=str(args.outdir / "redline.pdf"), format="A4")
                page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
                page.emulate_media(media="print")
                page.evaluate("() => window.scrollTo(0, 0)")
                page.screenshot(path=str(args.outdir / "print.png"))
                page.emulate_media(media="screen")
                page.set_viewport_size(VIEWPORT)
                page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
                page.evaluate("() => { document.querySelector('#pp-change-1').scrollIntoView(); window.scrollBy(0, -160); }")
                page.screenshot(path=str(args.outdir / "dark.png"))

                phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
                small = phone.new_page()
                small.goto(base + f"{args.document}/versions/", wait_until="networkidle")
                small.screenshot(path=str(args.outdir / "phone.png"))
                small.goto(base + f"{args.document}/changes/{change}/", wait_until="networkidle")
                small.evaluate("() => { document.querySelector('#pp-change-1').scrollIntoView(); window.scrollBy(0, -140); }")
                small.screenshot(path=str(args.outdir / "phone-redline.png"))
                phone.close()

                page.goto(base + f"{args.document}/versions/", wait_until="networkidle")
                page.screenshot(path=str(args.outdir / "versions.png"))
                browser.close()
        finally:
            httpd.shutdown()
            httpd.server_close()
    for name in ("banner.png", "redline.png", "side-by-side.png", "print.png", "redline.pdf", "dark.png", "phone.png",
                 "phone-redline.png", "versions.png"):
        print(args.outdir / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
