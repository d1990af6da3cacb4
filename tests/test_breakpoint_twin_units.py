"""GPT's desktop and mobile branches that each define a unit for one container are one
placement (the container), and both ad-unit paths are the page's IDs: which branch runs
depends on the reader's screen, not on the saved page."""

from __future__ import annotations

import pytest

from auditor.catalogue import default_catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_GPT = "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"


def _audit(define: str):  # type: ignore[no-untyped-def]
    html = (f"<!DOCTYPE html><html><head><title>Tide</title>{_GPT}<script>"
            f"googletag.cmd.push(function() {{ {define} googletag.enableServices(); }});"
            "</script></head><body><article><h1>Tide tables</h1><p>Spring tides are due.</p>"
            "</article><div id='gpt-rec' class='dfp-ad'><script>googletag.cmd.push(function()"
            " { googletag.display('gpt-rec'); });</script></div></body></html>")
    (page,) = audit(html.encode(), url="https://tide.example/a",
                    engine=Engine.from_text("##.ad-banner\n", name="t"),
                    catalogue=default_catalogue()).pages
    return page


def _define(path: str) -> str:
    return f"googletag.defineSlot('{path}', [300, 250], 'gpt-rec').addService(googletag.pubads());"


@pytest.mark.parametrize(("define", "paths"), [
    # the two branches of one screen test: one container, both paths
    ("if (screen == 'desktop') { " + _define("/77/tide.desktop/rec") + " } else { "
     + _define("/77/tide.mobile/rec") + " }", {"/77/tide.desktop/rec", "/77/tide.mobile/rec"}),
    # the same path defined twice: one ID
    (_define("/77/tide/rec") + _define("/77/tide/rec"), {"/77/tide/rec"}),
], ids=["desktop and mobile", "same path twice"])
def test_one_container_two_units_is_one_slot_with_both_paths(define: str,
                                                             paths: set[str]) -> None:
    page = _audit(define)
    assert len(page.slots) == 1
    assert {i.value for i in page.ids if i.kind == "gpt-slot"} == paths
