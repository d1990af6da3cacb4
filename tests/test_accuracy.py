"""Accuracy floors on the labelled real pages (bench/accuracy.py scores them).

The corpus lives in ../shared/corpus (other people's pages, never copied here); the
ground truth is tests/corpus/labels/, written from the HTML. The floors sit a little
under today's figures (docs/ACCURACY.md), so no change can quietly lose accuracy.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scripts import load_script

from auditor.model import PageReport

REPO = Path(__file__).resolve().parents[1]


accuracy = load_script("bench/accuracy.py")


@pytest.fixture(scope="module")
def scored(corpus_pages: dict[str, PageReport]) -> Any:
    summary, _ = accuracy.run(audited=corpus_pages)
    return summary


def test_findings_a_reviewer_would_sign(scored: Any) -> None:
    assert scored.finding_precision["high"] >= 0.9, scored.by_kind
    assert scored.finding_precision["medium"] >= 0.8, scored.by_kind
    # 1.000 (49/49) since hidden UI images of a visible size stopped counting as pixels
    assert scored.finding_precision["low"] >= 0.95, scored.by_kind
    assert scored.pages_with_unexpected_high == []
    found, must = scored.true_findings_found
    # known misses: an AdDefend script carried inside __NEXT_DATA__ JSON (reuters) and
    # ad code a free host puts before <html> (schleifen.ucoz.de); docs/ACCURACY.md
    assert found >= must - 2, "a finding the labels call true is no longer found"


def test_slots_found_once_and_named(scored: Any) -> None:
    assert scored.slot_recall >= 0.97  # 0.984 (2026-12-07); 0.978 (12-05); 0.937 before
    assert scored.slot_precision >= 0.97  # 0.984 (2026-12-07)
    assert scored.vendor_attribution >= 0.98


def test_ids_read_wherever_written(scored: Any) -> None:
    assert scored.id_recall >= 0.92
    assert scored.id_precision >= 0.99


def test_networks_on_the_page_named(scored: Any) -> None:
    """The report's `networks` against the labels' networks and trackers."""
    assert scored.network_recall >= 0.92
    assert scored.network_precision >= 0.98


def test_corpus_is_labelled_page_by_page() -> None:
    labels = sorted(accuracy.LABELS.glob("*.json"))
    assert len(labels) == 110
    for path in labels:
        page = json.loads(path.read_text(encoding="utf-8"))
        assert {"url", "slots", "ids", "findings_expected"} <= set(page), path.name
        for slot in page["slots"]:
            assert isinstance(slot["line"], int) and slot["line"] > 0, path.name


def test_slots_match_one_to_one_by_nesting() -> None:
    """A label naming a wrapper matches the unit inside it, once; far lines do not."""
    from auditor.dom.parser import parse_html

    tree = parse_html("<html><body>\n<div id=w>\n<ins class=adsbygoogle></ins>\n</div>\n"
                      "<p>text</p>\n\n\n\n<div id=far></div></body></html>")
    labels = [{"line": 2}, {"line": 9}]
    found = [{"line": 3, "xpath": "/html/body/div[1]/ins"},
             {"line": 3, "xpath": "/html/body/div[1]/ins"}]
    assert accuracy.match_slots(labels, found, tree) == [(0, 0)]


def test_a_label_pinned_by_its_element_matches_only_that_element() -> None:
    """A page saved on one line puts every placement on line 1: there a line pairs any
    label with any slot, so a label naming its element (`element`, a CSS selector) is
    matched only by the element, or one inside or around it."""
    from auditor.dom.parser import parse_html

    tree = parse_html('<html><body><div id="3102476" adonis-marker></div>'
                      '<p class="ad-box-caption">Advertisement</p>'
                      '<div id="w"><ins class="adsbygoogle"></ins></div></body></html>')
    labels = [{"line": 1, "element": 'div[id="3102476"]'}, {"line": 1, "element": "#w"}]
    found = [{"line": 1, "xpath": "/html/body/p"}, {"line": 1, "xpath": "/html/body/div[2]/ins"}]
    assert accuracy.match_slots(labels, found, tree) == [(1, 1)]
    assert len(accuracy.match_slots([{"line": 1}, {"line": 1}], found, tree)) == 2


def test_a_finding_is_true_only_where_labels_or_review_say_so() -> None:
    label = {"slots": [], "ids": [], "findings_expected": [
        {"kind": "redirect", "severity": "medium", "line": 40}]}
    report = {"slots": [], "ids": [], "findings": [
        {"kind": "redirect", "severity": "medium", "line": 41, "message": "m"},
        {"kind": "obfuscated-script", "severity": "high", "line": 10, "message": "m"}]}
    score = accuracy.score_page("p.html", label, report, [])
    assert score.findings == [("medium", "redirect", True), ("high", "obfuscated-script", False)]
    assert score.high_unexpected and score.must_found == score.must_find == 1


def test_another_labelled_set_is_scored_with_its_own_labels(tmp_path: Path) -> None:
    """`--labels` scores pages a team labelled itself: a placement the label names and one
    it does not, an ID, a network, against the label's own folder, not the corpus's."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "labels").mkdir()
    (tmp_path / "pages" / "own.html").write_text(
        '<html><head><title>t</title></head><body><p>Our article, in our words.</p>\n'
        '<ins class="adsbygoogle" data-ad-client="ca-pub-4821730195648203"\n'
        ' data-ad-slot="7301946825"></ins>\n'
        '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js">'
        '</script>\n<div class="story-footer">Partner</div></body></html>', encoding="utf-8")
    (tmp_path / "urls.json").write_text('{"own.html": "https://own.example/a"}')
    (tmp_path / "labels" / "own.html.json").write_text(json.dumps({
        "url": "https://own.example/a",
        "slots": [{"line": 2, "network": "Google AdSense"}, {"line": 5, "network": None}],
        "networks": ["Google AdSense"], "trackers": [],
        "ids": [{"kind": "adsense-publisher", "value": "ca-pub-4821730195648203"},
                {"kind": "adsense-slot", "value": "7301946825"}],
        "findings_expected": []}))
    summary, (score,) = accuracy.run(tmp_path, labels=tmp_path / "labels")
    assert summary.pages == 1 and score.name == "own.html"
    assert summary.slot_recall == 0.5 and summary.slot_precision == 1.0
    assert summary.id_recall == summary.id_precision == summary.network_recall == 1.0
