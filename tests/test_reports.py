"""reports/ holds the example reports; they must match what the code prints today."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import ModuleType

import pytest
from scripts import load_script

from auditor.catalogue import CATALOGUE_LIST, default_catalogue
from auditor.rules import Engine

REPO = Path(__file__).resolve().parents[1]


def _regenerate_module() -> ModuleType:
    return load_script("reports/regenerate.py")


@pytest.mark.parametrize(
    "example", ["wp-post-injected.json", "news-article.html", "text-scrape.txt"]
)
def test_example_reports_are_fresh(example: str, engine: Engine) -> None:
    regenerate = _regenerate_module()
    committed_json = json.loads((REPO / "reports" / (Path(example).stem + ".json")).read_text())
    here = {li.name: li.sha256 for li in engine.lists}
    there = {li["name"]: li["sha256"] for li in committed_json["lists"]
             if li["name"] != CATALOGUE_LIST}  # the catalogue is ours: a change is staleness
    if here != there:
        pytest.skip(
            f"reports were made with other list versions ({there}); this machine has {here}"
        )
    for name, content in regenerate.render(example).items():
        committed = (REPO / "reports" / name).read_text(encoding="utf-8")
        assert content == committed, f"reports/{name} is stale: run python reports/regenerate.py"


def test_wp_example_report_content() -> None:
    """The bundled WordPress example reproduces the seed's structure: both networks, all zones."""
    doc = json.loads((REPO / "reports" / "wp-post-injected.json").read_text())
    (page,) = doc["pages"]
    assert page["first_party"] == "scraper.example"
    zones = {(s["network"], s["zone_id"]) for s in page["slots"]}
    assert len(zones) == 9 and {n for n, _ in zones} == {"ExoClick", "JuicyAds"}
    assert {h["host"] for h in page["third_party_hosts"]} == {"a.magsrv.com", "poweredby.jads.co"}


def test_every_slot_cites_a_list_the_report_holds() -> None:
    """A slot's `list` names an entry of `lists`: the catalogue's holds its files' sha256."""
    for report in ("news-article.json", "wp-post-injected.json", "text-scrape.json"):
        doc = json.loads((REPO / "reports" / report).read_text())
        lists = {li["name"]: li for li in doc["lists"]}
        cited = {s["list"] for p in doc["pages"] for s in p["slots"]}
        assert cited - {"auditor-text-blocks"} <= set(lists), report  # text blocks: code
    files = sorted((REPO / "rules" / "catalogue").glob("*.toml"))
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    assert lists[CATALOGUE_LIST]["sha256"] == digest == default_catalogue().list_info.sha256
    assert lists[CATALOGUE_LIST]["source"] == "auditor_rules/catalogue"


def test_taxonomy_lists_the_registered_finding_kinds() -> None:
    regenerate = _regenerate_module()
    text = (REPO / "docs" / "TAXONOMY.md").read_text(encoding="utf-8")
    assert regenerate.taxonomy(text) == text, "run python reports/regenerate.py"
