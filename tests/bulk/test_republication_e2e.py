"""The seeds' pattern end to end, from a WARC through `auditor bulk` and `auditor report`:
scrapers copy two outlets' articles, GA snippets and all, and link the original.

The crawl is examples/scraper_network.py's. Each copy's "Source link" becomes its
`provenance`; without that, every copy's outlet GA ID would look like its operator's
and the clusters would merge everyone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from scripts import load_script

from auditor.cli import main

LIGHT = ["--no-system-lists", "--no-progress", "--workers", "1"]
NETWORK = load_script("examples/scraper_network.py")  # the crawl the README shows
OUTLETS: dict[str, str] = NETWORK.OUTLETS
SCRAPERS: dict[str, tuple[str, str | None]] = NETWORK.SCRAPERS


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2 outlets × 2 articles, and 5 scrapers each copying one article of each outlet,
    written to a WARC as `python examples/scraper_network.py OUT` writes it."""
    root = tmp_path_factory.mktemp("republication")
    crawl = root / "crawl.warc.gz"
    assert NETWORK.main([str(crawl)]) == 0
    path = root / "s.db"
    assert main(["bulk", str(crawl), "--store", str(path), *LIGHT]) == 0
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


def test_the_readme_shows_the_reports_real_network_tables(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The README's excerpt of this report had drifted from what the command prints (it
    was made at a width its command did not give); it is compared with a real run."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    command = "$ auditor report --store net.db --graph operators.gexf --width 100\n"
    block = readme.split(command, 1)[1].split("```", 1)[0]
    shown = block.split("Operator clusters:", 1)[1].rstrip("\n")
    capsys.readouterr()
    assert main(["report", "--store", str(store), "--width", "100"]) == 0
    out = "\n".join(line.rstrip() for line in capsys.readouterr().out.splitlines())
    real = out.split("Operator clusters:", 1)[1].split("\n\nMFA scorecard", 1)[0]
    assert shown == real
