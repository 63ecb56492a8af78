"""What a user installs: the sdist and the wheel built from it, installed into a fresh virtualenv.

The rest of the suite runs against an editable install of the checkout, which would hide a template
missing from the wheel, an undeclared dependency or a broken entry point; these tests build the
release artefacts the way a release does (sdist, then the wheel from the sdist) and use them alone.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, Site, policy, run

PACKAGE_DATA = ["policypress/site/templates/redline.html", "policypress/site/assets/policypress.css",
                "policypress/site/assets/policypress.js", "policypress/site/assets/policypress-redline.js",
                "policypress/site/assets/vendor/iframe-worker-LICENSE.txt", "policypress/notices/locales/de.po",
                "policypress/notices/locales/zh.po", "policypress/notices/locales/messages.pot"]
LICENCE = "MIT"


def _source_files() -> list[str]:
    """The files of the checkout (tracked or new, not ignored); from an unpacked sdist, all of them."""
    if (ROOT / ".git").exists():
        listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT).stdout
        return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]
    return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()
            and not {"__pycache__", ".pytest_cache"} & set(p.parts) and ".egg-info" not in str(p)]


def _build(kind: str, source: Path, out: Path) -> Path:
    run([sys.executable, "-m", "build", f"--{kind}", "--outdir", str(out), str(source)], cwd=source)
    (found,) = out.glob("*.tar.gz" if kind == "sdist" else "*.whl")
    return found


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory) -> dict:
    """The sdist, built from a copy of the checkout (the repository is left untouched), and the wheel
    built from the unpacked sdist."""
    pytest.importorskip("build", reason="the packaging tests need `build` (in the test extra)")
    tmp = tmp_path_factory.mktemp("packaging")
    source = tmp / "checkout"
    files = _source_files()
    for name in files:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    sdist = _build("sdist", source, tmp / "dist")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp / "unpacked", **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    (unpacked,) = (tmp / "unpacked").iterdir()
    wheel = _build("wheel", unpacked, tmp / "dist")
    return {"tmp": tmp, "files": files, "sdist": sdist, "unpacked": unpacked, "wheel": wheel}


def test_the_sdist_holds_the_repository_and_runs_its_tests(artefacts):
    unpacked: Path = artefacts["unpacked"]
    missing = [name for name in artefacts["files"] if name != ".gitignore" and not (unpacked / name).is_file()]
    assert not missing, f"in the repository, not in the sdist: {missing[:20]}"
    for needed in ("dev", "mkdocs.yml", "policy/privacy.md", "versions/privacy", "site_overrides/main.html",
                   "benchmarks/build_speed.py", "tests/conftest.py", "tests/corpus/README.md"):
        assert (unpacked / needed).exists(), needed
    assert os.access(unpacked / "dev", os.X_OK)
    # A quick subset of the suite, from the unpacked folder, importing the package it ships.
    env = {"PYTHONPATH": str(unpacked / "plugins")}
    check = [sys.executable, "-c", "import policypress; print(policypress.__file__)"]
    assert run(check, cwd=unpacked, env=env).stdout.strip().startswith(str(unpacked))
    result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                  "tests/test_on_file.py", "-k", "freeze or tampered"], cwd=unpacked, env=env, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "2 passed" in result.stdout, result.stdout[-3000:]


def test_the_wheel_holds_only_the_package(artefacts):
    with zipfile.ZipFile(artefacts["wheel"]) as wheel:
        names = wheel.namelist()
    outside = [n for n in names if not n.startswith(("policypress/", "policypress-"))]
    assert not outside, outside
    assert not [n for n in names if n.startswith("policypress/") and "tests" in n.split("/")]
    for name in PACKAGE_DATA:
        assert name in names, name
    licences = {n.rsplit("/", 1)[-1] for n in names if ".dist-info/licenses/" in n}
    assert licences == {"LICENSE", "iframe-worker-LICENSE.txt"}


_METADATA = """\
import importlib.metadata as m, json, policypress
d = m.distribution("policypress")
print(json.dumps({"classifiers": d.metadata.get_all("Classifier"), "license": d.metadata["License-Expression"],
                  "requires": d.requires, "urls": d.metadata.get_all("Project-URL"), "file": policypress.__file__,
                  "plugins": [e.value for e in m.entry_points(group="mkdocs.plugins", name="policypress")]}))
"""


def test_the_wheel_installs_into_a_fresh_virtualenv_and_builds_a_site(artefacts):
    tmp: Path = artefacts["tmp"]
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=True, system_site_packages=False, clear=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    clean = {"PYTHONPATH": "", "VIRTUAL_ENV": str(env_dir), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    run([python, "-m", "pip", "install", "--quiet", str(artefacts["wheel"])], cwd=tmp, env=clean)
    check = run([python, "-m", "pip", "check"], cwd=tmp, env=clean, check=False)
    assert check.returncode == 0, check.stdout + check.stderr

    meta = json.loads(run([python, "-c", _METADATA], cwd=tmp, env=clean).stdout)
    assert meta["file"].startswith(str(env_dir)), f"policypress imported from {meta['file']}, not the wheel"
    assert "Framework :: MkDocs" in meta["classifiers"]
    assert "Programming Language :: Python :: 3.13" in meta["classifiers"]
    assert meta["license"] == LICENCE
    assert not [r for r in meta["requires"] if r.lower().startswith("markdown-it-py")]
    assert "Homepage, https://github.com/policypress/policypress" in meta["urls"]
    assert meta["plugins"] == ["policypress.site.plugin:PolicyPressPlugin"]

    site = Site(tmp / "site-src")
    site.commit("Privacy policy", "2024-03-01T10:00:00+00:00", {"policy/privacy.md": policy(
        effective="2024-03-01", body="## Who we are\n\nWe are Example Ltd. Write to privacy@example.com.")})
    build = run([bin_dir / "mkdocs", "build", "--strict"], cwd=site.root, env=clean, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    assert site.versions()["current"] == "2024-03-01"
    assert "Who we are" in site.page("privacy/versions/2024-03-01/")
    listing = run([bin_dir / "policypress", "list"], cwd=site.root, env=clean)
    assert "2024-03-01" in listing.stdout
