"""`auditor report --graph OUT`: GEXF and GraphML read back by networkx, node and edge
CSV, all checked against the store they were made from; hostile strings stay inert."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from crawl_stores import (
    OUTLETS,
    SCRAPERS,
    adsense,
    ga,
    report,
    scraper_crawl,
    source,
    write_store,
)
from lxml import etree

from auditor.bulk.graph_export import GEXF_NS, xml_text
from auditor.cli import main
from auditor.model import Identifier

# A site, an ID and a source that try to break out of XML attributes and text, hide
# with control and bidi characters, and run as spreadsheet formulas.
EVIL_SITE = "=cmd|' /C calc'!A0\"<b>&amp;.example"
EVIL_ID = Identifier("exoclick-zone", "+1\"><script>alert(1)</script>\x1b[31m\u202e", "ExoClick")
EVIL_SOURCE = "@src'\"</attvalue>\x07.example"


def hostile_crawl() -> list[Any]:
    return [*scraper_crawl(),
            *(report(f"https://{site}/p", site, [EVIL_ID],
                     [source(EVIL_SOURCE, "-2+3<x>", "source-link", "canonical")],
                     name=f"=HYPERLINK(\"x\")#{site}")
              for site in (EVIL_SITE, "plain.example"))]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(tmp_path_factory.mktemp("graph") / "s.db", hostile_crawl())


def export(store: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["report", "--store", str(store), "--format", "json", "--graph", str(out)]) == 0
    return capsys.readouterr().err


def read(path: Path) -> nx.Graph:
    return (nx.read_gexf(path, version="1.3") if path.suffix == ".gexf"
            else nx.read_graphml(path))


def expected_uses(store: Path) -> set[tuple[str, str]]:
    """(site node, ID node) of every operator ID, from the store itself: the outlets'
    GA IDs are operator only on the outlets' own pages."""
    with sqlite3.connect(store) as db:
        rows = db.execute("SELECT DISTINCT site, kind, value FROM ids").fetchall()
    return {(f"site:{xml_text(s)}", f"id:{xml_text(k)}:{xml_text(v)}") for s, k, v in rows
            if not (v in OUTLETS.values() and s not in OUTLETS)}


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_the_graph_reads_back_as_the_store_says(store: Path, tmp_path: Path, suffix: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"net{suffix}"
    err = export(store, out, capsys)
    g = read(out)
    assert f"in {out}" in err and f"({g.number_of_nodes()} nodes, " in err
    types = nx.get_node_attributes(g, "type")
    with sqlite3.connect(store) as db:
        sites = {xml_text(s) for (s,) in db.execute("SELECT DISTINCT site FROM pages")}
        networks = {n for (n,) in db.execute("SELECT DISTINCT network FROM page_networks")}
    assert {n for n, t in types.items() if t == "site"} == {f"site:{s}" for s in sites}
    assert {n for n, t in types.items() if t == "network"} == {f"network:{n}"
                                                              for n in networks}
    assert {n for n, t in types.items() if t == "source"} == {
        *(f"source:{o}" for o in OUTLETS), f"source:{xml_text(EVIL_SOURCE)}"}
    relation = nx.get_edge_attributes(g, "relation")
    uses = {tuple(sorted(e)) for e, r in relation.items() if r == "uses"}
    assert uses == {tuple(sorted(e)) for e in expected_uses(store)}
    # no path of `uses` edges joins a scraper to an outlet
    operators = g.edge_subgraph(e for e, r in relation.items() if r == "uses")
    for outlet in OUTLETS:
        reach = nx.node_connected_component(operators, f"site:{outlet}")
        assert not any(f"site:{s}" in reach for s in SCRAPERS)
    clusters = nx.get_node_attributes(g, "cluster")
    assert clusters["site:s1.example"] == clusters["site:s2.example"] > 0
    assert clusters["site:s3.example"] == 0 and clusters["site:outlet-one.example"] == 0


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_edges_carry_their_evidence(store: Path, tmp_path: Path, suffix: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"net{suffix}"
    export(store, out, capsys)
    g = read(out)
    edge = g.edges["site:s1.example", "source:outlet-one.example"]
    assert edge["relation"] == "republishes" and edge["pages"] == 1
    assert edge["evidence"] == "source-link"
    assert edge["copied_ids"] == "ga-measurement-id:G-OUTLET1AAA"
    assert edge["original"] == "https://www.outlet-one.example/news/a1"
    assert edge["example_url"] == "https://s1.example/copy-of-outlet-one.example"
    assert edge["example"] == "crawl.warc.gz#https://s1.example/copy-of-outlet-one.example"
    uses = g.edges["site:s4.example", "id:ga-measurement-id:G-S45SHARED"]
    assert (uses["relation"], uses["pages"]) == ("uses", 2)
    node = g.nodes["id:adsense-publisher:ca-pub-1111111111111111"]
    assert (node["type"], node["kind"], node["value"], node["network"], node["sites"],
            node["pages"]) == ("id", "adsense-publisher", "ca-pub-1111111111111111",
                               "Google AdSense", 2, 4)
    assert g.nodes["source:outlet-one.example"]["crawled"] is True
    assert g.nodes["network:Google AdSense"]["sites"] == 5
    assert g.edges["site:s3.example", "network:Google AdSense"]["relation"] == "carries"


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_hostile_strings_round_trip_inert(store: Path, tmp_path: Path, suffix: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"net{suffix}"
    export(store, out, capsys)
    raw = out.read_bytes()
    assert b"\x1b" not in raw and b"\x07" not in raw and "\u202e".encode() not in raw
    assert b"<script>" not in raw and b"</attvalue>\x07" not in raw
    g = read(out)  # well-formed, or this would raise
    evil_id = f"id:exoclick-zone:{EVIL_ID.value}"
    shown = xml_text(evil_id)
    assert shown == 'id:exoclick-zone:+1"><script>alert(1)</script>\\x1b[31m\\u202e'
    assert g.nodes[shown]["value"] == xml_text(EVIL_ID.value)
    site = f"site:{EVIL_SITE}"  # quotes, < and & come back exactly
    assert g.nodes[site]["label"] == EVIL_SITE
    assert g.has_edge(site, shown)
    edge = g.edges[site, f"source:{xml_text(EVIL_SOURCE)}"]
    assert (edge["evidence"], edge["original"]) == ("canonical,source-link", "-2+3<x>")
    assert edge["example"] == f"=HYPERLINK(\"x\")#{EVIL_SITE}"


def test_gexf_is_gexf_1_3(store: Path, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "net.gexf"
    export(store, out, capsys)
    root = etree.parse(str(out)).getroot()
    assert (root.tag, root.get("version")) == (f"{{{GEXF_NS}}}gexf", "1.3")
    graph = root.find(f"{{{GEXF_NS}}}graph")
    assert graph is not None and graph.get("defaultedgetype") == "undirected"
    assert {a.get("class") for a in graph.iter(f"{{{GEXF_NS}}}attributes")} == {"node",
                                                                                "edge"}
    used = {v.get("for") for v in root.iter(f"{{{GEXF_NS}}}attvalue")}
    titles = {a.get("id") for a in root.iter(f"{{{GEXF_NS}}}attribute")}
    assert used <= titles


def test_csv_tables_are_inert_and_named_after_out(store: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    err = export(store, tmp_path / "net.csv", capsys)
    nodes, edges = tmp_path / "net-nodes.csv", tmp_path / "net-edges.csv"
    assert f"in {nodes} and {edges}" in err and not (tmp_path / "net.csv").exists()
    node_rows = list(csv.DictReader(nodes.open(encoding="utf-8", newline="")))
    edge_rows = list(csv.DictReader(edges.open(encoding="utf-8", newline="")))
    cells = [c for row in node_rows + edge_rows for c in row.values()]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@")] == []
    assert not any("\x1b" in c or "\u202e" in c for c in cells)
    ids = {r["Id"] for r in node_rows}
    assert "'=cmd|' /C calc'!A0\"<b>&amp;.example" in {r["Label"] for r in node_rows}
    assert all(r["Source"] in ids and r["Target"] in ids for r in edge_rows)
    assert {r["Type"] for r in edge_rows} == {"Undirected"}
    assert {r["relation"] for r in edge_rows} == {"uses", "republishes", "carries"}
    s1 = next(r for r in edge_rows if r["Source"] == "site:s1.example"
              and r["Target"] == "source:outlet-two.example")
    assert (s1["Label"], s1["Weight"], s1["copied_ids"]) == (
        "republishes", "1", "ga-measurement-id:G-OUTLET2BBB")
    crawled = {r["Id"]: r["crawled"] for r in node_rows if r["type"] == "source"}
    assert crawled["source:outlet-one.example"] == "true"


@pytest.mark.parametrize(("args", "message"), [
    (["--graph", "net.txt"], "the suffix picks the graph format: .gexf, .graphml, or .csv"),
    (["--graph", "/nonexistent-dir/net.gexf"], "/nonexistent-dir/net.gexf: cannot write"),
])
def test_a_bad_graph_path_is_one_line_and_exit_2(
        store: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(["report", "--store", str(store), "--format", "json", *args])
    except SystemExit as stop:  # argparse's usage error
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and out == ""  # no report before the error


def test_a_copied_id_marked_on_the_page_rides_on_its_republishes_edge(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The source is not crawled: the page's own mark says the ID is the BBC's."""
    path = write_store(tmp_path / "s.db", [
        report("https://x.example/p", "x.example",
               [ga("G-BBCNEWS1", copied_from="bbc.co.uk"), adsense("ca-pub-7000000000000001")],
               [source("bbc.co.uk", "https://www.bbc.co.uk/news/1")])])
    export(path, tmp_path / "g.graphml", capsys)
    g = read(tmp_path / "g.graphml")
    assert "id:ga-measurement-id:G-BBCNEWS1" not in g
    edge = g.edges["site:x.example", "source:bbc.co.uk"]
    assert edge["copied_ids"] == "ga-measurement-id:G-BBCNEWS1"
    assert g.nodes["source:bbc.co.uk"]["crawled"] is False


def test_the_graph_of_a_parquet_dataset_is_the_stores(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`report --parquet DIR --graph OUT`: the dataset carries provenance and origins."""
    pytest.importorskip("pyarrow.parquet")
    from auditor.bulk.dask_engine import write_parquet
    from auditor.bulk.plan import Shard
    from auditor.bulk.shard import AUDITED, Outcome, page_row

    pages = hostile_crawl()
    outcomes = [Outcome(str(n), AUDITED, "html", r.input, n, None, page_row(r))
                for n, r in enumerate(pages)]
    write_parquet(tmp_path / "ds", Shard("input-1", "crawl.warc.gz", "warc", 0, None, 1),
                  outcomes)
    store = write_store(tmp_path / "s.db", pages)
    export(store, tmp_path / "from-store.gexf", capsys)
    assert main(["report", "--parquet", str(tmp_path / "ds"), "--format", "json",
                 "--graph", str(tmp_path / "from-parquet.gexf")]) == 0
    a, b = read(tmp_path / "from-store.gexf"), read(tmp_path / "from-parquet.gexf")
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    strip = {"id"}  # GEXF edge ids are positions
    assert ({tuple(sorted((u, v))): {k: x for k, x in d.items() if k not in strip}
             for u, v, d in a.edges(data=True)}
            == {tuple(sorted((u, v))): {k: x for k, x in d.items() if k not in strip}
                for u, v, d in b.edges(data=True)})
