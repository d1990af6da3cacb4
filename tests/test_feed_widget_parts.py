"""A vendor's unit holding the parts its code inserted and has not filled yet is one
placement, the unit the page declares (pages written for these tests)."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = ("<html><head><title>Story</title>"
        '<script async src="https://widgets.outbrain.com/outbrain.js"></script></head><body>'
        "<article><p>The story's text.</p></article>\n{}\n</body></html>")


def _feed(widget: str, card: str) -> str:
    """Outbrain's feed widget as a DOM save keeps it: its drawing (`div.ob-widget`) with a
    header, and the next card of the feed, an empty container of its own widget ID."""
    return (f'<div class="OUTBRAIN" data-src="https://news.test/a" data-widget-id="{widget}"'
            f' id="outbrain_widget_1"><div class="ob-widget ob-feed-layout {widget}">'
            '<div class="ob-widget-header"><span class="ob-widget-text">Around the web</span>'
            '</div><div class="ob-cards"><div class="OUTBRAIN" data-src="https://news.test/a"'
            f' data-widget-id="{card}" data-card-idx="1" id="outbrain_widget_5">\n</div>'
            '</div><div class="ob-widget-footer"></div></div></div>')


def test_a_feed_widget_and_its_unfilled_card_are_one_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    body = _feed("AR_4", "FMS_CP_1") + "<p>More text.</p>" + _feed("SB_2", "FMS_CP_1")
    (page,) = audit(PAGE.format(body).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    outbrain = [s.zone_id for s in page.slots if s.network == "Outbrain"]
    assert outbrain == ["AR_4", "SB_2"], page.slots


def test_widgets_side_by_side_stay_two(project_engine: Engine, catalogue: Catalogue) -> None:
    """Two declared widgets, neither inside the other, are two placements; a box holding
    two filled widgets of its own is their wrapper, the widgets the placements."""
    two = ('<div class="OUTBRAIN" data-widget-id="AR_1"></div>'
           '<div class="OUTBRAIN" data-widget-id="AR_2"></div>')
    wrapped = ('<div class="OUTBRAIN" data-widget-id="AR_9"><div class="OUTBRAIN" '
               'data-widget-id="AR_5"><a href="https://x.test/1">One</a></div>'
               '<div class="OUTBRAIN" data-widget-id="AR_6"><a href="https://x.test/2">Two'
               '</a></div></div>')
    for body, zones in ((two, ["AR_1", "AR_2"]), (wrapped, ["AR_5", "AR_6"])):
        (page,) = audit(PAGE.format(body).encode(), url="https://news.test/a",
                        engine=project_engine, catalogue=catalogue).pages
        assert [s.zone_id for s in page.slots if s.network == "Outbrain"] == zones, page.slots
