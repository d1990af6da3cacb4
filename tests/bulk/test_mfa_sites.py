"""The per-site MFA scorecard in the bulk summary: sites ranked by the indicators their
pages meet (median, then max), the worst page named, and a store written before the
scorecard still read (and given its columns by the next run)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "mfa"
LIGHT = ["--no-system-lists", "--no-progress"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "auditor", *args], cwd=REPO, text=True,
                          capture_output=True, timeout=300, check=False)


def crawl(tmp_path: Path) -> Path:
    """Two pages of a farm (buzzfeedly.example, from their canonical) and one of a
    gazette (wexbridge-gazette.example)."""
    pages = tmp_path / "crawl"
    pages.mkdir()
    shutil.copy(FIXTURES / "made-for-advertising.html", pages / "farm-1.html")
    farm = (FIXTURES / "made-for-advertising.html").read_text(encoding="utf-8")
    leftovers = ("<p>As an AI language model, I cannot browse the internet, but here is "
                 "the rewritten article about [INSERT CITY].</p>", "%%excerpt%%")
    for text in leftovers:  # the second page: everything but the templated text
        farm = farm.replace(text, "")
    (pages / "farm-2.html").write_text(farm, encoding="utf-8")
    shutil.copy(FIXTURES / "clean-article.html", pages / "gazette.html")
    return pages


def summary(store: Path, fmt: str = "json") -> Any:
    done = cli("report", "--store", str(store), "--format", fmt)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if fmt == "json" else done.stdout


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of one bulk run over `crawl`'s three pages, read by the tests that only
    report on it."""
    tmp_path = tmp_path_factory.mktemp("mfa-sites")
    store = tmp_path / "s.db"
    done = cli("bulk", str(crawl(tmp_path)), "--store", str(store), "--workers", "1", *LIGHT)
    assert done.returncode == 0, done.stderr
    return store


def test_sites_ranked_with_their_worst_page(crawled: Path) -> None:
    store = crawled
    s = summary(store)
    # the ad-load rows (ad-to-content, ad-density, ads-in-body) count as one indicator
    assert [(x["site"], x["pages"], x["median"], x["max"], x["pages_meeting_3"])
            for x in s["mfa_sites"]] == [("buzzfeedly.example", 2, 7.5, 8, 2),
                                         ("wexbridge-gazette.example", 1, 0, 0, 0)]
    farm = s["mfa_sites"][0]
    assert farm["worst"]["met"] == 8 and "templated-text" in farm["worst"]["criteria"]
    assert farm["criteria"]["templated-text"] == 1 and farm["criteria"]["auto-refresh"] == 2
    assert s["mfa_sites_total"] == 2
    rows = list(csv.reader(io.StringIO(summary(store, "csv"))))
    assert ["mfa_site", "buzzfeedly.example", "max", "8"] in rows
    terminal = summary(store, "terminal")
    assert "MFA scorecard per site" in terminal
    # the gazette's worst page meets nothing: named alone, not followed by "()"
    assert s["mfa_sites"][1]["worst"]["criteria"] == [] and "()" not in terminal


def test_a_page_without_ads_is_never_among_the_pages_meeting_three(tmp_path: Path) -> None:
    """A listicle with no ads meets three indicators (slideshow, templated text, no
    author): a count that says nothing of advertising, as the gate and the terminal say."""
    pages = tmp_path / "crawl"
    pages.mkdir()
    shutil.copy(FIXTURES / "no-ads-listicle.html", pages / "listicle.html")
    shutil.copy(FIXTURES / "made-for-advertising.html", pages / "farm.html")
    store = tmp_path / "s.db"
    done = cli("bulk", str(pages), "--store", str(store), "--workers", "1", *LIGHT)
    assert done.returncode == 0, done.stderr
    by_site = {x["site"]: x for x in summary(store)["mfa_sites"]}
    listicle = by_site["listicle-hub.example"]
    assert (listicle["max"], listicle["pages_with_ads"], listicle["pages_meeting_3"]) == (3, 0, 0)
    assert listicle["worst"]["has_ads"] is False and listicle["worst"]["met"] == 3
    farm = by_site["buzzfeedly.example"]
    assert (farm["pages_with_ads"], farm["pages_meeting_3"]) == (1, 1)


def test_a_store_from_before_the_scorecard_reads_and_migrates(tmp_path: Path) -> None:
    store = tmp_path / "old.db"
    pages = crawl(tmp_path)
    assert cli("bulk", str(pages / "gazette.html"), "--store", str(store), "--workers", "1",
               *LIGHT).returncode == 0
    with sqlite3.connect(store) as db:
        for column in ("mfa_met", "mfa_judged", "mfa_criteria"):
            db.execute(f"ALTER TABLE pages DROP COLUMN {column}")
    old = summary(store)
    assert (old["mfa_sites"], old["mfa_sites_total"], old["pages"]) == ([], 0, 1)
    assert cli("bulk", str(pages / "farm-1.html"), "--store", str(store), "--workers", "1",
               *LIGHT).returncode == 0
    # the old page has no scorecard stored; the new one has
    assert [(x["site"], x["max"]) for x in summary(store)["mfa_sites"]] == [
        ("buzzfeedly.example", 8)]


def test_dashboard_lists_sites_with_escaped_pages(crawled: Path) -> None:
    html = summary(crawled, "html")
    section = html[html.index("MFA scorecard per site"):]
    assert "buzzfeedly.example" in section and "<script" not in section
    assert section.index("buzzfeedly.example") < section.index("wexbridge-gazette.example")
