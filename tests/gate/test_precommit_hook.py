"""The pre-commit hook, run the way pre-commit runs it.

pre-commit reads .pre-commit-hooks.yaml, keeps the staged files whose type matches
`types_or`, and runs `entry` + `args` + those file names from the repository root,
with the hook's environment (here: this interpreter's scripts) first on PATH.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "site"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")  # what identify tags `html`


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    (found,) = [h for h in hooks if h["id"] == "auditor"]
    return dict(found)


def test_hook_definition() -> None:
    h = hook()
    assert h["entry"] == "auditor audit"
    assert h["language"] == "python"
    assert h["types_or"] == ["html"]
    assert h.get("pass_filenames", True) is True


def run_hook(repo: Path, staged: list[str]) -> subprocess.CompletedProcess[str]:
    h = hook()
    files = [f for f in staged if f.endswith(HTML_SUFFIXES)]  # types_or: [html]
    command = [*shlex.split(h["entry"]), *h.get("args", []), *files]
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    executable = shutil.which(command[0], path=path)
    if executable is None:
        pytest.fail("the `auditor` console script is not installed (pip install -e .)")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([executable, *command[1:]], cwd=repo, capture_output=True, text=True,
                          timeout=300, check=False, env={**env, "PATH": path})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A site's repository: the policy at its root, the built pages under public/."""
    shutil.copytree(EXAMPLE, tmp_path / "repo")
    return tmp_path / "repo"


STAGED = ["public/index.html", "public/blog/market-day.html", "public/assets/site.css"]


def test_clean_files_pass(repo: Path) -> None:
    result = run_hook(repo, STAGED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "policy passed" in result.stdout


def test_an_injected_file_fails(repo: Path) -> None:
    shutil.copy(repo / "injected/blog/market-day.html", repo / "public/blog/market-day.html")
    result = run_hook(repo, STAGED)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "public/blog/market-day.html" in result.stdout
    assert "deny_networks" in result.stdout
    assert "https://example.com/blog/market-day.html" in result.stdout  # base_url + site_root


def test_a_bad_policy_stops_the_commit_with_exit_2(repo: Path) -> None:
    (repo / "auditor.toml").write_text("max_ads = 0\n")
    result = run_hook(repo, STAGED)
    assert result.returncode == 2
    assert "auditor.toml" in result.stderr and "max_ads" in result.stderr
