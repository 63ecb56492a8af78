"""What the compare page costs, and why it runs the engine in the browser instead of precomputing pairs.

For every corpus history: the size of each version's leaf data (what the browser downloads, two files per
comparison) against the rendered HTML, the build-time cost of writing it (per version), the time the Python
engine takes per pair (what precomputing all n·(n-1)/2 pairs would add to a cold build), and the time the
browser port takes per pair (node, the same file the site serves).

    python benchmarks/compare_page.py            # needs node for the last column
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from policypress.archive import frontmatter  # noqa: E402
from policypress.diff.export import leaf_data  # noqa: E402
from policypress.diff.redline import blocks, redline  # noqa: E402
from policypress.diff.render import Renderer  # noqa: E402

ENGINE = ROOT / "plugins" / "policypress" / "site" / "assets" / "policypress-redline.js"
NODE_RUN = """
const api = require(process.argv[1]);
const pairs = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const t = process.hrtime.bigint();
for (const [a, b] of pairs) api.redline(a, b, {});
console.log(Number(process.hrtime.bigint() - t) / 1e6 / pairs.length);
"""


def main() -> None:
    render = Renderer(["toc", "tables", "fenced_code"])
    node = shutil.which("node")
    print("| history | versions | leaf data per version | rendered HTML | export per version | Python per pair "
          "| all pairs precomputed | browser per pair |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for folder in sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if p.is_dir()):
        files = sorted(folder.glob("0*.md"))
        html = [render(frontmatter.split(f.read_text(encoding="utf-8")).body).html for f in files]
        leaves = [blocks(h) for h in html]
        start = time.perf_counter()
        data = [json.dumps(leaf_data(ls), ensure_ascii=False, separators=(",", ":")) for ls in leaves]
        export = (time.perf_counter() - start) / len(files)
        rng = random.Random(1)
        pairs = [tuple(sorted(rng.sample(range(len(files)), 2))) for _ in range(20)]
        start = time.perf_counter()
        for i, j in pairs:
            redline(blocks(html[i]), blocks(html[j]))
        per_pair = (time.perf_counter() - start) / len(pairs)
        n = len(files)
        browser = "n/a"
        if node:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
                json.dump([[json.loads(data[i]), json.loads(data[j])] for i, j in pairs], handle)
            out = subprocess.run([node, "-e", NODE_RUN, str(ENGINE), handle.name], capture_output=True, text=True,
                                 check=True).stdout
            browser = f"{float(out):.0f} ms"
            Path(handle.name).unlink()
        size = sum(len(d.encode()) for d in data) / n / 1024
        html_size = sum(len(h.encode()) for h in html) / n / 1024
        print(f"| {folder.name} | {n} | {size:.0f} KiB | {html_size:.0f} KiB | {export * 1000:.1f} ms "
              f"| {per_pair * 1000:.0f} ms | {n * (n - 1) // 2 * per_pair:.0f} s | {browser} |")


if __name__ == "__main__":
    main()
