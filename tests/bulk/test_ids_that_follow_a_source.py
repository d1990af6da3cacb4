"""An outlet that is not crawled still owns the tag its copies carry outside the copied
article (a clone that keeps the outlet's head): on every site that carries the ID it is
on the copies of that one outlet and on none of the site's other pages, so it follows
the source, not the site (auditor/bulk/origins.py, rule 3). An operator's own tag is on
its pages whatever they copy, and a mirror of one outlet gives no evidence either way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from crawl_stores import adsense, ga, report, source, write_store
from scripts import load_script

from auditor.bulk.aggregate import summarize
from auditor.bulk.store import Store
from auditor.cli import main
from auditor.model import Identifier, Origin, PageReport

NETWORK = load_script("examples/scraper_network.py")  # its gtag snippet and WARC writer
BIG = "bignews.example"  # not crawled; its GA property rides along in the copies' heads


def summary_of(path: Path) -> dict[str, Any]:
    store = Store.open(path)
    try:
        return summarize(store)
    finally:
        store.close()


def copies(site: str, pub: str, sources: tuple[str, ...], own: tuple[str, ...] = ()
           ) -> list[PageReport]:
    """One copy per source, each with the operator's AdSense (and `own` GA IDs); a copy
    of bignews also carries bignews's GA ID, unmarked (it was in the cloned head)."""
    out = []
    for n, domain in enumerate(sources):
        ids = [adsense(pub), *(ga(g) for g in own)]
        if domain == BIG:
            ids.append(ga("G-BIGNEWS01"))
        out.append(report(f"https://{site}/{n}-copy", site, ids,
                          [source(domain, f"https://www.{domain}/story/{n}")]))
    return out


def test_two_operators_copying_one_outlet_are_not_joined_by_its_tag(tmp_path: Path) -> None:
    pages = [*copies("a1.example", "ca-pub-7301948526113307", (BIG, "city-paper.example")),
             *copies("a2.example", "ca-pub-7301948526113307", ("radio.example", BIG)),
             *copies("b1.example", "ca-pub-4400112233445566", (BIG, "radio.example"))]
    s = summary_of(write_store(tmp_path / "s.db", pages))
    assert [c["sites"] for c in s["clusters"]] == [["a1.example", "a2.example"]]
    assert [i["value"] for i in s["clusters"][0]["ids"]] == ["ca-pub-7301948526113307"]
    [copied] = s["copied_ids"]
    assert (copied["value"], copied["copied_from"], copied["sites"], copied["pages"]) == (
        "G-BIGNEWS01", [BIG], 3, 3)


def test_an_operators_own_tag_on_all_its_pages_still_joins(tmp_path: Path) -> None:
    """Two sites whose shared GA ID is on every page: the operator's, though all of
    their bignews copies carry it too."""
    own = ("G-OPSHARED9",)
    pages = [*copies("a1.example", "ca-pub-1000000000000001", (BIG, "city-paper.example"), own),
             *copies("a2.example", "ca-pub-1000000000000002", ("radio.example", BIG), own)]
    s = summary_of(write_store(tmp_path / "s.db", pages))
    assert [c["sites"] for c in s["clusters"]] == [["a1.example", "a2.example"]]
    # bignews's tag is on their bignews copies only: bignews's, not part of the evidence
    assert [i["value"] for i in s["clusters"][0]["ids"]] == ["G-OPSHARED9"]
    assert [(i["value"], i["copied_from"]) for i in s["copied_ids"]] == [
        ("G-BIGNEWS01", [BIG])]


def test_mirrors_of_one_outlet_keep_their_shared_tag(tmp_path: Path) -> None:
    """Two sites that copy bignews alone: nothing tells the outlet's tag from their
    operator's, so the shared ID joins them as before (the rule needs a page without
    the source to see that the ID follows it)."""
    pages = [*copies("m1.example", "ca-pub-2000000000000001", (BIG, BIG)),
             *copies("m2.example", "ca-pub-2000000000000002", (BIG,))]
    s = summary_of(write_store(tmp_path / "s.db", pages))
    assert [c["sites"] for c in s["clusters"]] == [["m1.example", "m2.example"]]
    assert s["copied_ids"] == []


def test_one_site_alone_is_no_evidence(tmp_path: Path) -> None:
    """On one site the ID on its bignews copy and not on its other page could be chance
    (a tag on some templates): the rule wants every carrying site to show it, and two."""
    pages = [*copies("a1.example", "ca-pub-7301948526113307", (BIG, "city-paper.example")),
             *copies("b1.example", "ca-pub-4400112233445566", (BIG,))]
    s = summary_of(write_store(tmp_path / "s.db", pages))
    assert [c["sites"] for c in s["clusters"]] == [["a1.example", "b1.example"]]


def clone(site: str, pub: str, slug: str, outlet: str, outlet_ga: str | None) -> str:
    """A scraper's copy as a cloning plugin leaves it: the outlet's gtag snippet kept in
    the head (outside the article, so the page cannot mark it copied), the "Source link"
    closing the post, then the operator's AdSense unit."""
    head = ("<meta charset='utf-8'><title>Council votes on the new bridge</title>"
            '<script async src="https://pagead2.googlesyndication.com/pagead/js/'
            f'adsbygoogle.js?client={pub}" crossorigin="anonymous"></script>'
            + (NETWORK.gtag(outlet_ga) if outlet_ga else ""))
    return (f"<!DOCTYPE html><html><head>{head}</head><body><article class='post'>"
            "<h1>Council votes on the new bridge</h1><p>"
            + "The city council voted on Tuesday to fund the new bridge. " * 6
            + f"</p><p><a href='https://www.{outlet}/news/{slug}'>Source link</a></p>"
            f"</article><ins class='adsbygoogle' style='display:block' data-ad-client='{pub}' "
            "data-ad-slot='4455667701' data-ad-format='auto'></ins>"
            "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script></body></html>")


def test_a_crawl_without_the_outlet_end_to_end(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """From a WARC through `auditor bulk` and `auditor report`: operator A's two sites and
    operator B's one each clone a bignews story (its GA kept in the head) and another
    outlet's (bignews itself is not crawled). A's sites form one cluster, B none."""
    operators = {"a1.example": "ca-pub-7301948526113307",
                 "a2.example": "ca-pub-7301948526113307",
                 "b1.example": "ca-pub-4400112233445566"}
    records = []
    for site, pub in operators.items():
        records.append((f"https://{site}/bridge", clone(site, pub, "bridge", BIG,
                                                       "G-BIGNEWS01")))
        records.append((f"https://{site}/storm", clone(site, pub, "storm",
                                                      "coast-radio.example", None)))
    crawl, store = tmp_path / "crawl.warc.gz", tmp_path / "s.db"
    crawl.write_bytes(NETWORK.warc(records))
    light = ["--no-system-lists", "--no-progress", "--workers", "1"]
    assert main(["bulk", str(crawl), "--store", str(store), *light]) == 0
    capsys.readouterr()
    assert main(["report", "--store", str(store), "--format", "json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert (s["pages"], s["sites"]) == (6, 3)
    assert [c["sites"] for c in s["clusters"]] == [["a1.example", "a2.example"]]
    assert [(i["value"], i["copied_from"], i["sites"]) for i in s["copied_ids"]] == [
        ("G-BIGNEWS01", [BIG], 3)]


def gtm(value: str, copied_from: str) -> Identifier:
    """A GTM container the page's audit found inside the copied article."""
    return Identifier("gtm-container", value, "Google Tag Manager", Origin.COPIED,
                      copied_from, "inside the copied article")


SISTERS = ("north-gazette.example", "south-gazette.example")  # one group, one container


def test_sister_outlets_sharing_a_container_are_copied_from_not_joined_through(
        tmp_path: Path) -> None:
    """Two titles of one media group share a GTM container; operators A and B copy both,
    the snippet inside the article, and a radio station's story without it. A site
    holding the ID "copied" from two sources looks like an operator's own tag placed in
    its posts, but its radio copy lacks it: the tag follows the sources (neither of which
    is crawled), and A and B stay apart."""
    pages = []
    for site, pub in (("a1.example", "ca-pub-7301948526113307"),
                      ("a2.example", "ca-pub-7301948526113307"),
                      ("b1.example", "ca-pub-4400112233445566")):
        for outlet in SISTERS:
            pages.append(report(f"https://{site}/{outlet}", site,
                                [adsense(pub), gtm("GTM-GROUP1", outlet)],
                                [source(outlet, f"https://www.{outlet}/news/1")]))
        pages.append(report(f"https://{site}/radio", site, [adsense(pub)],
                            [source("radio.example", "https://www.radio.example/news/2")]))
    s = summary_of(write_store(tmp_path / "s.db", pages))
    assert [c["sites"] for c in s["clusters"]] == [["a1.example", "a2.example"]]
    [copied] = s["copied_ids"]
    assert (copied["value"], copied["copied_from"], copied["sites"]) == (
        "GTM-GROUP1", list(SISTERS), 3)


def test_an_operators_tag_in_every_post_is_still_its_own(tmp_path: Path) -> None:
    """The operator puts its container inside every post: each copy marks it copied from
    its own source, but every copy of the site holds it, so it is the operator's and
    joins its two sites (the outlets are not crawled to refute the marks either)."""
    pages = []
    for site, pub in (("a1.example", "ca-pub-1000000000000001"),
                      ("a2.example", "ca-pub-1000000000000002")):
        for outlet in (*SISTERS, "radio.example"):
            pages.append(report(f"https://{site}/{outlet}", site,
                                [adsense(pub), gtm("GTM-OPS4242", outlet)],
                                [source(outlet, f"https://www.{outlet}/news/1")]))
    s = summary_of(write_store(tmp_path / "s.db", pages))
    assert [c["sites"] for c in s["clusters"]] == [["a1.example", "a2.example"]]
    assert [i["value"] for i in s["clusters"][0]["ids"]] == ["GTM-OPS4242"]
    assert s["copied_ids"] == []
