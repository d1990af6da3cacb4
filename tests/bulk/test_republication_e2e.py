"""The seeds' pattern end to end, from a WARC through `auditor bulk` and `auditor report`:
scrapers copy two outlets' articles, GA snippets and all, and link the original.

Needs the per-page provenance detector (branch `prov`), which reads the "Source link"
anchor into each page's `provenance`: without it no page names a source, every copy's
outlet GA ID looks like its operator's, and these tests fail by merging everyone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from archive_fixtures import response, warc_bytes

from auditor.cli import main

LIGHT = ["--no-system-lists", "--no-progress", "--workers", "1"]

OUTLETS = {"outlet-one.example": "G-OUTLET1AAA", "outlet-two.example": "G-OUTLET2BBB"}
ARTICLES = {"a1": ("Council votes on the new bridge",
                   "The city council voted on Tuesday to fund the new bridge across the river. "
                   "Work starts next spring and is expected to take three years."),
            "a2": ("Storm closes the coastal road",
                   "High winds closed the coastal road overnight. Crews cleared fallen trees "
                   "by morning and the road reopened at noon.")}
# scraper → its AdSense publisher ID, and its own GA property if it has one.
# s1+s2 share an AdSense account, s4+s5 a GA property: the only two operators.
SCRAPERS = {"s1.example": ("ca-pub-1111111111111111", None),
            "s2.example": ("ca-pub-1111111111111111", None),
            "s3.example": ("ca-pub-3333333333333333", None),
            "s4.example": ("ca-pub-4444444444444444", "G-S45SHARED"),
            "s5.example": ("ca-pub-5555555555555555", "G-S45SHARED")}


def gtag(ga_id: str) -> str:
    return (f"<script async src=\"https://www.googletagmanager.com/gtag/js?id={ga_id}\">"
            "</script>\n<script>window.dataLayer = window.dataLayer || []; "
            "function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); "
            f"gtag('config', '{ga_id}');</script>")


def outlet_page(outlet: str, slug: str) -> str:
    title, text = ARTICLES[slug]
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>\n"
            f"{gtag(OUTLETS[outlet])}\n</head><body><header>{outlet}</header>\n"
            f"<article><h1>{title}</h1><p>{text}</p></article></body></html>")


def scraper_page(n: int, site: str, outlet: str, slug: str) -> str:
    """The copy: the outlet's GA snippet inside the article (odd scrapers) or moved into
    the head (even ones), the source link closing the post as in the seed (scraper
    plugins append it to the post content), then the scraper's own AdSense."""
    pub, own_ga = SCRAPERS[site]
    title, text = ARTICLES[slug]
    copied_ga = gtag(OUTLETS[outlet])
    head = [f"<meta charset=\"utf-8\"><title>{title} – {site}</title>",
            "<script async src=\"https://pagead2.googlesyndication.com/pagead/js/"
            f"adsbygoogle.js?client={pub}\" crossorigin=\"anonymous\"></script>"]
    if own_ga:
        head.append(gtag(own_ga))
    if n % 2 == 0:
        head.append(copied_ga)
    body = (f"<article class=\"post\"><h1>{title}</h1><p>{text}</p>\n"
            + (copied_ga if n % 2 else "")
            + f"<p><a href=\"https://www.{outlet}/news/{slug}\">Source link</a></p>"
            "</article>\n"
            f"<ins class=\"adsbygoogle\" style=\"display:block\" data-ad-client=\"{pub}\" "
            f"data-ad-slot=\"44556677{n:02d}\" data-ad-format=\"auto\"></ins>\n"
            "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>")
    return (f"<!DOCTYPE html><html><head>{''.join(head)}</head>"
            f"<body>{body}</body></html>")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2 outlets × 2 articles, and 5 scrapers each copying one article of each outlet."""
    recs = [response(f"https://www.{outlet}/news/{slug}", outlet_page(outlet, slug),
                     encoding="gzip")
            for outlet in OUTLETS for slug in ARTICLES]
    for n, site in enumerate(SCRAPERS, 1):
        for outlet in OUTLETS:
            slug = "a1" if (n + len(outlet)) % 2 else "a2"
            recs.append(response(f"https://www.{site}/{outlet.split('.')[0]}-{slug}",
                                 scraper_page(n, site, outlet, slug)))
    root = tmp_path_factory.mktemp("republication")
    (root / "crawl.warc.gz").write_bytes(warc_bytes(recs))
    path = root / "s.db"
    assert main(["bulk", str(root / "crawl.warc.gz"), "--store", str(path), *LIGHT]) == 0
    return path


def summary(store: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["report", "--store", str(store), "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_clusters_join_exactly_the_scrapers_sharing_an_operator_id(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s = summary(store, capsys)
    assert (s["pages"], s["sites"]) == (14, 7)
    assert [c["sites"] for c in s["clusters"]] == [["s1.example", "s2.example"],
                                                   ["s4.example", "s5.example"]]
    assert [sorted(f"{i['kind']}:{i['value']}" for i in c["ids"]) for c in s["clusters"]] == [
        ["adsense-publisher:ca-pub-1111111111111111"], ["ga-measurement-id:G-S45SHARED"]]


def test_the_outlets_ga_ids_are_listed_as_copied_from_their_outlet(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copied = {i["value"]: i for i in summary(store, capsys)["copied_ids"]}
    for outlet, ga_id in OUTLETS.items():
        assert outlet in copied[ga_id]["copied_from"]
        assert copied[ga_id]["site_list"] == sorted(SCRAPERS)
        assert copied[ga_id]["pages"] == len(SCRAPERS)
    assert not {"G-S45SHARED", "ca-pub-1111111111111111"} & set(copied)


def test_the_republication_table_names_both_outlets_and_all_scrapers(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = summary(store, capsys)["republication"]
    assert [(r["source"], r["sites"], r["pages"], r["crawled"]) for r in table] == [
        (outlet, sorted(SCRAPERS), len(SCRAPERS), True) for outlet in sorted(OUTLETS)]
    assert all(r["evidence"] for r in table)


def test_the_graph_never_joins_a_scraper_to_an_outlet(
        store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "net.gexf"
    assert main(["report", "--store", str(store), "--format", "json", "--graph",
                 str(out)]) == 0
    g = nx.read_gexf(out, version="1.3")
    relation = nx.get_edge_attributes(g, "relation")
    operators = g.edge_subgraph(e for e, r in relation.items() if r == "uses")
    components = sorted(sorted(n for n in c if n.startswith("site:"))
                        for c in nx.connected_components(operators))
    assert ["site:s1.example", "site:s2.example"] in components
    assert ["site:s4.example", "site:s5.example"] in components
    assert all(len(c) == 1 for c in components if any("outlet" in n for n in c))
    assert {v for (u, v), r in relation.items() if r == "republishes"} | {
        u for (u, v), r in relation.items() if r == "republishes"} >= {
        f"source:{o}" for o in OUTLETS}
