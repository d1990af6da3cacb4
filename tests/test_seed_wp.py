"""The WordPress seed: what a correct audit finds, as ../shared/seeds/README.md states it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.catalogue import Catalogue
from auditor.model import Category, PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

EXOCLICK_ZONES = ["5876674", "5876676", "5876672", "5876680", "5876678", "5876682"]
JUICYADS = {
    "1114307": (908, 258),
    "1114300": (728, 90),
    "1114308": (468, 60),
    "1114299": (300, 250),
    "1114305": (250, 250),
    "1114302": (133, 139),
    "1114303": (125, 125),
    "1114301": (160, 600),
}


@pytest.fixture(scope="module")
def page(seeds: Path, engine: Engine, catalogue: Catalogue) -> PageReport:
    report = audit(seeds / "wp-rest-post-injected.json", engine=engine, catalogue=catalogue)
    assert len(report.pages) == 1
    return report.pages[0]


def test_page_identity(page: PageReport) -> None:
    assert page.kind == "wp-json"
    assert page.url == "https://8657085.xyz/?p=15057"
    assert page.first_party == "8657085.xyz"
    assert page.title == "Meta halts worker tracking for AI training due to privacy fears"
    assert page.post_id == 15057
    assert page.errors == ()


def test_fourteen_slots_with_their_zone_ids(page: PageReport) -> None:
    exo = [s for s in page.slots if s.network == "ExoClick"]
    juicy = [s for s in page.slots if s.network == "JuicyAds"]
    assert len(page.slots) == 14 == page.metrics.ad_slots
    assert [s.zone_id for s in exo] == EXOCLICK_ZONES
    assert {s.zone_id: (s.width, s.height) for s in juicy} == JUICYADS
    # ExoClick sizes come from the wrapper div's inline style.
    assert (exo[0].width, exo[0].height) == (460, 250)
    assert (exo[1].width, exo[1].height) == (460, 90)
    ids = {(i.kind, i.value, i.network) for i in page.ids}
    assert ids == {("exoclick-zone", z, "ExoClick") for z in EXOCLICK_ZONES} | {
        ("juicyads-zone", z, "JuicyAds") for z in JUICYADS
    }
    assert len(page.ids) == 14


def test_slots_cite_line_and_xpath(page: PageReport) -> None:
    first = page.slots[0]
    assert first.line == 6  # <ins class="eas6a97888e2" data-zoneid="5876674"> in content.rendered
    assert first.xpath.startswith("/html/body/")
    assert all(s.rule and s.list for s in page.slots)


def test_two_third_party_hosts_both_blocked_by_easylist(page: PageReport) -> None:
    hosts = {h.host: h for h in page.third_party_hosts}
    assert set(hosts) == {"a.magsrv.com", "poweredby.jads.co"}
    assert (hosts["a.magsrv.com"].resources, hosts["a.magsrv.com"].blocked) == (6, 6)
    assert (hosts["poweredby.jads.co"].resources, hosts["poweredby.jads.co"].blocked) == (8, 8)
    assert all(h.category is Category.ADVERTISING for h in hosts.values())
    rules = {(r.host, r.rule, r.list) for r in page.resources}
    assert rules == {
        ("a.magsrv.com", "||magsrv.com^", "easylist"),
        ("poweredby.jads.co", "||jads.co^", "easylist"),
    }
    # The "Source link" to www.bbc.co.uk is a link, not a resource.
    assert not any("bbc.co.uk" in r.url for r in page.resources)


def test_metrics(page: PageReport) -> None:
    m = page.metrics
    assert m.ad_resources == 14
    assert m.tracker_resources == 0
    assert m.third_party_hosts == 2
    assert 2550 <= m.content_chars <= 2750  # "about 2,650 visible characters"
    assert m.ad_markup_bytes > 0
    assert m.content_to_ad_ratio == round(m.content_chars / m.ad_markup_bytes, 3)
    assert m.ad_area_px == sum(s.area for s in page.slots) > 0


def test_injection_findings(page: PageReport) -> None:
    kinds = [f.kind for f in page.findings]
    dup = {f.evidence: f for f in page.findings if f.kind == "duplicate-loader"}
    assert set(dup) == {
        "https://a.magsrv.com/ad-provider.js",
        "https://poweredby.jads.co/js/jads.js",
    }
    assert "5 redundant" in dup["https://a.magsrv.com/ad-provider.js"].message
    assert "7 redundant" in dup["https://poweredby.jads.co/js/jads.js"].message
    assert kinds.count("ad-in-body") == 2
    comments = [f.evidence for f in page.findings if f.kind == "ad-template-comment"]
    assert "JuicyAds v3.0" in comments
    assert any("广告" in c for c in comments)
    assert len({f.id for f in page.findings}) == len(page.findings)


def test_cli_json_per_contract(seeds: Path, engine: Engine) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "audit",
            str(seeds / "wp-rest-post-injected.json"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["schema"] == "auditor.report/1"
    assert {li["name"] for li in doc["lists"]} >= {"easylist", "easyprivacy", "auditor-ads"}
    (p,) = doc["pages"]
    assert p["first_party"] == "8657085.xyz"
    assert len(p["slots"]) == 14
    assert sorted(s["zone_id"] for s in p["slots"]) == sorted(EXOCLICK_ZONES + list(JUICYADS))
    assert {h["host"]: h["category"] for h in p["third_party_hosts"]} == {
        "a.magsrv.com": "advertising",
        "poweredby.jads.co": "advertising",
    }
    assert isinstance(p["metrics"]["content_to_ad_ratio"], float)
    assert doc["summary"] == {"pages": 1, "errors": 0, "skipped": 0}
