"""What `pip install .` ships: every package of the tree, and a wheel that audits the
bundled example on its own.

The suite runs against an editable install, which reads the source tree and so never
notices a package missing from pyproject.toml's list; a new user's `pip install .`
does (four packages were missing: the README's first command failed with
ModuleNotFoundError).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "wp-post-injected.json"


def _tree_packages() -> set[str]:
    """Every directory of auditor/ holding Python modules, as a dotted package name."""
    return {".".join(d.relative_to(REPO).parts)
            for d in [REPO / "auditor", *(REPO / "auditor").rglob("*")]
            if d.is_dir() and any(d.glob("*.py"))}


def test_every_package_of_the_tree_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    assert _tree_packages() - listed == set()
    assert listed - _tree_packages() == {"auditor_rules"}  # rules/, mapped by package-dir


def test_the_built_wheel_alone_audits_the_example(tmp_path: Path) -> None:
    """Built as `pip install .` builds it (isolated build backend from the package index),
    unpacked, and run with nothing of the source tree on the path."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("auditor", "rules"):
        shutil.copytree(REPO / name, source / name, ignore=ignore)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check",
         "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=300)
    if built.returncode != 0:
        if "No matching distribution found for setuptools" in built.stderr:
            pytest.skip("pip cannot fetch the build backend (setuptools) from a package index")
        pytest.fail(built.stderr[-2000:])
    (wheel,) = (tmp_path / "dist").glob("auditor-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    shipped = {n for n in z.namelist() if n.endswith(".py")}
    in_tree = {p.relative_to(REPO).as_posix() for p in (REPO / "auditor").rglob("*.py")}
    assert in_tree - shipped == set()

    run = tmp_path / "run"  # the working directory: no source tree beside it
    run.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    where = subprocess.run(
        [sys.executable, "-c", "import auditor, auditor_rules; "
         "print(auditor.__file__); print(*auditor_rules.__path__)"],
        cwd=run, env=env, capture_output=True, text=True, check=True)
    assert all(Path(p).is_relative_to(site) for p in where.stdout.split()), where.stdout
    audited = subprocess.run(
        [sys.executable, "-m", "auditor", "audit", str(EXAMPLE), "--format", "json"],
        cwd=run, env=env, capture_output=True, text=True, timeout=120)
    assert audited.returncode == 0, audited.stderr[-2000:]
    (page,) = json.loads(audited.stdout)["pages"]
    assert {s["network"] for s in page["slots"]} == {"ExoClick", "JuicyAds"}
