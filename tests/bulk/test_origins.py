"""Clusters join sites on operator IDs only; copied IDs and republished sources are
listed apart (auditor/bulk/origins.py), from stores written through the Store API."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from crawl_stores import (
    OUTLETS,
    adsense,
    ga,
    report,
    scraper_crawl,
    source,
    write_store,
)

from auditor.bulk.aggregate import summarize
from auditor.bulk.store import Store
from auditor.model import Identifier, Origin


def summary_of(path: Path, **kw: Any) -> dict[str, Any]:
    store = Store.open(path)
    try:
        return summarize(store, **kw)
    finally:
        store.close()


def cluster_sites(summary: dict[str, Any]) -> list[list[str]]:
    return [c["sites"] for c in summary["clusters"]]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(tmp_path_factory.mktemp("origins") / "s.db", scraper_crawl())


def test_clusters_join_scrapers_on_operator_ids_never_an_outlet(crawl: Path) -> None:
    s = summary_of(crawl)
    assert cluster_sites(s) == [["s1.example", "s2.example"], ["s4.example", "s5.example"]]
    used = {f"{i['kind']}:{i['value']}" for c in s["clusters"] for i in c["ids"]}
    assert used == {"adsense-publisher:ca-pub-1111111111111111",
                    "ga-measurement-id:G-S45SHARED"}
    assert s["cluster_rules"]["copied_ids_ignored"] is True


def test_the_outlets_ids_are_listed_as_copied_from_them(crawl: Path) -> None:
    copied = {i["value"]: i for i in summary_of(crawl)["copied_ids"]}
    assert set(copied) == set(OUTLETS.values())
    one = copied["G-OUTLET1AAA"]
    assert one["copied_from"] == ["outlet-one.example"]
    assert one["site_list"] == [f"s{n}.example" for n in range(1, 6)]
    assert (one["sites"], one["pages"], one["kind"]) == (5, 5, "ga-measurement-id")


def test_republication_lists_each_source_with_its_republishers(crawl: Path) -> None:
    s = summary_of(crawl)
    assert s["republication_total"] == 2
    assert s["republication"] == [
        {"source": outlet, "sites": [f"s{n}.example" for n in range(1, 6)], "pages": 5,
         "site_pages": [{"site": f"s{n}.example", "pages": 1} for n in range(1, 6)],
         "evidence": ["source-link"], "crawled": True}
        for outlet in sorted(OUTLETS)]


def test_top_bounds_the_new_lists_and_totals_stay_whole(crawl: Path) -> None:
    s = summary_of(crawl, top=1)
    assert (len(s["copied_ids"]), s["copied_ids_total"]) == (1, 2)
    assert (len(s["republication"]), s["republication_total"]) == (1, 2)


def test_an_id_marked_copied_on_the_page_never_joins_even_if_the_source_is_not_crawled(
        tmp_path: Path) -> None:
    """The BBC is not in the crawl: only the page's own mark says its GA ID came along."""
    pages = [report(f"https://{site}/p", site, [ga("G-BBCNEWS1", copied_from="bbc.co.uk"),
                                                  adsense(pub)],
                    [source("bbc.co.uk", "https://www.bbc.co.uk/news/1")])
             for site, pub in (("x.example", "ca-pub-7000000000000001"),
                               ("y.example", "ca-pub-7000000000000002"))]
    s = summary_of(write_store(tmp_path / "s.db", pages))
    assert s["clusters"] == []
    assert [(i["value"], i["copied_from"], i["sites"]) for i in s["copied_ids"]] == [
        ("G-BBCNEWS1", ["bbc.co.uk"], 2)]
    assert s["republication"][0]["crawled"] is False


def test_without_the_rule_a_shared_copied_id_would_have_joined(tmp_path: Path) -> None:
    """The same crawl with no provenance: the outlets' GA IDs merge everyone (what the
    rule prevents), so the test above is not passing by accident."""
    pages = [report(r.url or "", r.first_party or "", r.ids) for r in scraper_crawl()]
    s = summary_of(write_store(tmp_path / "s.db", pages))
    assert len(cluster_sites(s)) == 1 and "outlet-one.example" in cluster_sites(s)[0]
    assert s["copied_ids"] == [] and s["republication"] == []


def test_an_ad_creatives_id_joins_no_sites(tmp_path: Path) -> None:
    """The same advertiser's pixel in ads served on two sites (`Origin.CREATIVE`,
    auditor/creatives.py) ties them to the advertiser, not to each other; the same ID
    as the operators' own would have joined them."""
    def pixel(origin: Origin) -> Identifier:
        return Identifier("facebook-pixel", "111222333444555", "Facebook Pixel", origin=origin,
                          why="the code of the ad served into an ad slot's frame writes it")

    def crawl(origin: Origin) -> list[Any]:
        return [report(f"https://{site}/p", site, [pixel(origin), adsense(pub)])
                for site, pub in (("x.example", "ca-pub-7000000000000001"),
                                  ("y.example", "ca-pub-7000000000000002"))]

    assert summary_of(write_store(tmp_path / "c.db", crawl(Origin.CREATIVE)))["clusters"] == []
    joined = summary_of(write_store(tmp_path / "o.db", crawl(Origin.OPERATOR)))
    assert cluster_sites(joined) == [["x.example", "y.example"]]


def test_a_page_naming_its_own_site_copies_nothing(tmp_path: Path) -> None:
    pages = [report(f"https://{site}/p", site, [adsense("ca-pub-8000000000000008")],
                    [source("a.example", "https://a.example/original")])
             for site in ("a.example", "b.example")]
    s = summary_of(write_store(tmp_path / "s.db", pages))
    # b names a: a's AdSense ID on b came with a's article; a itself republishes nothing
    assert s["clusters"] == []
    assert [(r["source"], r["sites"]) for r in s["republication"]] == [
        ("a.example", ["b.example"])]


def test_the_store_keeps_origins_and_sources(crawl: Path) -> None:
    with sqlite3.connect(crawl) as db:
        rows = db.execute("SELECT domain, host, url, evidence FROM page_sources "
                          "ORDER BY page_id LIMIT 1").fetchall()
        origins = set(db.execute("SELECT origin, copied_from FROM ids").fetchall())
    assert rows == [("outlet-one.example", "www.outlet-one.example",
                     "https://www.outlet-one.example/news/a1", "source-link")]
    assert origins == {("operator", None)}  # the bulk rule decides at report time


def _downgrade(path: Path) -> None:
    """Make `path` a store as written before issue 16: no origins, no page_sources."""
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE page_sources")
        db.execute("ALTER TABLE ids DROP COLUMN origin")
        db.execute("ALTER TABLE ids DROP COLUMN copied_from")


def test_a_store_written_before_reads_as_all_operator_and_gains_the_new_parts(
        tmp_path: Path) -> None:
    path = write_store(tmp_path / "old.db", scraper_crawl())
    _downgrade(path)
    s = summary_of(path)  # read-only: nothing added
    assert (len(s["clusters"]), s["copied_ids"], s["republication"]) == (1, [], [])
    assert s["cluster_rules"]["copied_ids_ignored"] is False  # nothing to tell them by
    with sqlite3.connect(path) as db:
        assert "page_sources" not in {r[0] for r in db.execute(
            "SELECT name FROM sqlite_master")}
    Store.writer(path).close()  # the next bulk run migrates it
    assert summary_of(path)["cluster_rules"]["copied_ids_ignored"] is False  # still no data
    with sqlite3.connect(path) as db:
        columns = {r[1] for r in db.execute("PRAGMA table_info(ids)")}
        assert {"origin", "copied_from"} <= columns
        assert db.execute("SELECT count(*) FROM page_sources").fetchone() == (0,)
        assert db.execute("SELECT value FROM meta WHERE key='schema'").fetchone() == (
            "auditor.bulk.store/1",)


def test_every_format_shows_the_copies(crawl: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from auditor.cli import main

    assert main(["report", "--store", str(crawl), "--width", "100"]) == 0
    text = capsys.readouterr().out
    assert ("ga-measurement-id G-OUTLET1AAA from outlet-one.example (Google Analytics, "
            "5 sites, 5 pages)") in text
    assert "Republished sources" in text
    assert "s1.example, s2.example, s3.example, s4.example, s5.example" in text
    assert main(["report", "--store", str(crawl), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert ["copied_id", "ga-measurement-id:G-OUTLET2BBB", "copied_from",
            "outlet-two.example"] in rows
    assert ["republication", "outlet-one.example", "site", "s3.example"] in rows
    assert ["republication", "outlet-one.example", "pages", "5"] in rows
    assert ["republication", "outlet-one.example", "pages:s3.example", "1"] in rows
    dash = tmp_path / "d.html"
    assert main(["report", "--store", str(crawl), "--format", "html", "-o", str(dash)]) == 0
    html = dash.read_text(encoding="utf-8")
    assert "Republished sources" in html and "G-OUTLET1AAA" in html


def test_a_crawl_naming_no_source_prints_no_copy_sections(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from auditor.cli import main

    path = write_store(tmp_path / "s.db", [report("https://a.example/", "a.example",
                                                  [adsense("ca-pub-9000000000000009")])])
    assert main(["report", "--store", str(path), "--width", "100"]) == 0
    text = capsys.readouterr().out
    assert "Copied IDs" not in text and "Republished sources" not in text


def test_the_report_leaves_the_store_as_it_was(crawl: Path) -> None:
    """The rule's lookup table is the reading connection's temporary one."""
    summary_of(crawl)
    with sqlite3.connect(crawl) as db:
        assert not db.execute("SELECT name FROM sqlite_master WHERE name LIKE '%source_ids%'"
                              ).fetchall()
