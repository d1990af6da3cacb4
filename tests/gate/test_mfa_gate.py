"""`max_mfa_indicators` through the command line: a page meeting more MFA indicators than
the policy allows fails the gate (exit 1) and a bad value is a policy error (exit 2).

Run as `python -m auditor` from this interpreter, so the code under test is this
checkout's, whatever `auditor` script is on the PATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mfa"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "auditor", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**environ, "COLUMNS": "100"})


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for page in ("made-for-advertising.html", "clean-article.html"):
        shutil.copy(FIXTURES / page, tmp_path / page)
    return tmp_path


def policy(site: Path, text: str) -> None:
    (site / "auditor.toml").write_text(text, encoding="utf-8")


def test_a_page_over_the_limit_fails_and_names_the_criteria(site: Path) -> None:
    policy(site, "max_mfa_indicators = 2\n")
    done = run("audit", ".", "--no-system-lists", "--format", "json", cwd=site)
    assert done.returncode == 1, done.stderr
    pages = {Path(p["input"]).name: p for p in json.loads(done.stdout)["pages"]}
    (violation,) = pages["made-for-advertising.html"]["violations"]
    assert violation["clause"] == "max_mfa_indicators"
    assert violation["message"].startswith(
        "meets 8 MFA indicators, more than max_mfa_indicators = 2 (ad-to-content ")
    assert violation["rule"] == "metric: mfa"
    assert pages["clean-article.html"]["violations"] == []


def test_one_indicator_over_a_limit_of_zero_reads_as_english(tmp_path: Path) -> None:
    """The example site's injected post (an ExoClick unit, no author) meets one indicator:
    its violation read "meets 1 MFA indicators"."""
    example = Path(__file__).resolve().parents[2] / "examples" / "site" / "injected"
    shutil.copy(example / "blog" / "market-day.html", tmp_path / "market-day.html")
    policy(tmp_path, "max_mfa_indicators = 0\n")
    done = run("audit", ".", "--no-system-lists", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    (violation,) = json.loads(done.stdout)["pages"][0]["violations"]
    assert violation["message"].startswith(
        "meets 1 MFA indicator, more than max_mfa_indicators = 0 (authorship "), violation


def test_a_page_within_the_limit_passes(site: Path) -> None:
    policy(site, "max_mfa_indicators = 10\n")
    done = run("audit", ".", "--no-system-lists", cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_override_relaxes_the_limit_for_some_pages(site: Path) -> None:
    policy(site, 'max_mfa_indicators = 0\n[[override]]\npaths = ["made-*"]\n'
                 "max_mfa_indicators = 10\n")
    done = run("audit", ".", "--no-system-lists", cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("value", "needle"), [
    ('"2"', "max_mfa_indicators: expected an integer, got a string ('2')"),
    ("2.5", "max_mfa_indicators: expected an integer, got a number (2.5)"),
    ("-1", "max_mfa_indicators: expected 0 or more, got -1"),
    ("true", "max_mfa_indicators: expected an integer, got a boolean (True)"),
])
def test_a_bad_value_exits_2_naming_the_key(site: Path, value: str, needle: str) -> None:
    policy(site, f"max_mfa_indicators = {value}\n")
    done = run("audit", ".", "--no-system-lists", cwd=site)
    assert done.returncode == 2
    assert needle in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_misspelt_key_suggests_the_real_one(site: Path) -> None:
    policy(site, "max_mfa_indicator = 2\n")
    done = run("audit", ".", "--no-system-lists", cwd=site)
    assert done.returncode == 2
    assert "did you mean 'max_mfa_indicators'?" in done.stderr


def test_a_page_without_ads_is_not_gated(site: Path) -> None:
    """The scorecard notes a page without ads: its count (no author, say) says nothing
    of advertising, so no limit fails it."""
    (site / "no-ads.html").write_text("<html><body><article><p>Just words, by nobody.</p>"
                                      "</article></body></html>", encoding="utf-8")
    policy(site, 'max_mfa_indicators = 0\n[[override]]\npaths = ["made-*"]\n'
                 "max_mfa_indicators = 10\n")
    done = run("audit", ".", "--no-system-lists", "--format", "json", cwd=site)
    pages = {Path(p["input"]).name: p for p in json.loads(done.stdout)["pages"]}
    assert pages["no-ads.html"]["mfa"]["met"] >= 1
    assert pages["no-ads.html"]["violations"] == []
