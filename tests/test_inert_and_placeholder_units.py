"""Units a reviewer counts once: a CMS's copy of a live unit kept in `<template>` or
`<noscript>` (markup nothing renders or fills), a theme's `data-adunit="XXXXXX"` (template
text, no unit), and a GPT unit path written with and without its leading slash (one
path). A lone inert unit, and a `<noscript>` image fallback, stay what they were."""

from __future__ import annotations

import pytest

from auditor.catalogue import default_catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_CLIENT = "ca-pub-4821730195648203"
_LOADER = "<script async src='https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'></script>"
_GPT = "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"


def _ins(slot: str) -> str:
    return f"<ins class='adsbygoogle' data-ad-client='{_CLIENT}' data-ad-slot='{slot}'></ins>"


def _report(body: str):  # type: ignore[no-untyped-def]
    html = ("<!DOCTYPE html><html><head><title>Ferry</title></head><body><article>"
            "<h1>Ferry vote</h1><p>The harbour council voted on the winter timetable.</p>"
            f"</article>{body}</body></html>")
    engine = Engine.from_text("##.adsbygoogle\n", name="t")
    (page,) = audit(html.encode(), url="https://harbour.example/a", engine=engine,
                    catalogue=default_catalogue()).pages
    return page


@pytest.mark.parametrize(("body", "zones"), [
    # the live unit and the CMS's copy of it kept for its script to clone: one placement
    (_ins("1112223334") + f"<template>{_ins('1112223334')}</template>" + _LOADER,
     ["1112223334"]),
    # a scripted unit inside <noscript> is never filled there: one placement
    (_ins("1112223334") + f"<noscript>{_ins('1112223335')}</noscript>" + _LOADER,
     ["1112223334"]),
    # a lone unit in a template is what the page places: kept
    (f"<template>{_ins('1112223334')}</template>" + _LOADER, ["1112223334"]),
    # two live units: two
    (_ins("1112223334") + _ins("1112223335") + _LOADER, ["1112223334", "1112223335"]),
])
def test_inert_copies_of_a_live_unit_are_no_placements(body: str, zones: list[str]) -> None:
    assert [s.zone_id for s in _report(body).slots] == zones


def test_placeholder_unit_name_is_no_id() -> None:
    page = _report(_GPT + "<div class='dfp' data-adunit='XXXXXX'></div>")
    assert [(s.network, s.zone_id) for s in page.slots] == [("Google Publisher Tag", None)]
    assert not [i for i in page.ids if i.value == "XXXXXX"]


def test_gpt_path_with_and_without_its_slash_is_one_value() -> None:
    page = _report(_GPT + "<div id='div-gpt-ad-a'></div><div id='div-gpt-ad-b'></div><script>"
                   "googletag.defineSlot('/1234/site/top',[728,90],'div-gpt-ad-a');"
                   "googletag.defineSlot('1234/site/top',[300,250],'div-gpt-ad-b')</script>")
    assert [s.zone_id for s in page.slots] == ["/1234/site/top", "/1234/site/top"]
    assert sorted(i.value for i in page.ids if i.kind == "gpt-slot") == ["/1234/site/top"]


def test_list_item_closed_by_a_div_keeps_one_placement() -> None:
    """libxml2 nests the next `<li>` inside a `div` left open in a list item: the unit's
    box grows, still one placement, not missed and not doubled."""
    page = _report(f"<ul><li><div class='adsbygoogle-box'>{_ins('1112223334')}</li>"
                   "<li>Second story</li><li><p>Third story</p></li></ul>" + _LOADER)
    assert [s.zone_id for s in page.slots] == ["1112223334"]
