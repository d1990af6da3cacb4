"""A vendor's unit box the page hides (its inline `display:none`, a wrapper's, a rule of
the page's own sheet) is its placement all the same, for every vendor alike: pages keep a
unit's box hidden until its script fills it and shows it (GPT's boxes in a news theme,
Ligatus's, NativeRoll's), and the labels count each such box (every hidden vendor box
on the corpus and the blind sets is labelled). AdFox's `adfox_…` box reads as the others'.
"""

from __future__ import annotations

import pytest

from auditor.catalogue import default_catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_ADFOX = ("<script src='https://yastatic.net/pcode/adfox/loader.js' crossorigin></script>",
          "<div id='adfox_163456789012345678'{style}></div>", "#adfox_163456789012345678")
_GPT = ("<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"
        "<script>googletag.cmd.push(function(){googletag.defineSlot('/4417/kai/top',[728,90],"
        "'div-gpt-ad-top').addService(googletag.pubads());googletag.enableServices();});"
        "</script>",
        "<div id='div-gpt-ad-top'{style}><script>googletag.cmd.push(function(){"
        "googletag.display('div-gpt-ad-top');});</script></div>", "#div-gpt-ad-top")
_YANDEX = ("<script>window.yaContextCb=window.yaContextCb||[]</script>"
           "<script src='https://yandex.ru/ads/system/context.js' async></script>",
           "<div id='yandex_rtb_R-A-246813-2'{style}></div><script>window.yaContextCb.push(()=>"
           "{Ya.Context.AdvManager.render({blockId:'R-A-246813-2',renderTo:"
           "'yandex_rtb_R-A-246813-2'})})</script>", "#yandex_rtb_R-A-246813-2")


def _networks(head: str, box: str, sheet: str = "") -> list[str | None]:
    html = (f"<!DOCTYPE html><html><head><title>Kai</title>{head}<style>{sheet}</style></head>"
            f"<body><article><h1>Harbour</h1><p>The ferry runs at nine.</p></article>{box}"
            "</body></html>")
    (page,) = audit(html.encode(), url="https://kai.example/a",
                    engine=Engine.from_text("##.ad-banner\n", name="t"),
                    catalogue=default_catalogue()).pages
    return [s.network for s in page.slots]


@pytest.mark.parametrize(("head", "box", "name", "network"), [
    (*_ADFOX, "AdFox"), (*_GPT, "Google Publisher Tag"), (*_YANDEX, "Yandex Advertising Network"),
], ids=["adfox", "gpt", "yandex-rtb"])
@pytest.mark.parametrize("how", ["shown", "inline", "wrapper", "sheet"])
def test_a_hidden_vendor_box_counts_as_a_shown_one(head: str, box: str, name: str,
                                                   network: str, how: str) -> None:
    style = " style='display:none'" if how == "inline" else ""
    markup = box.replace("{style}", style)
    if how == "wrapper":
        markup = f"<div style='display: none'>{markup}</div>"
    sheet = f"{name}{{display:none}}" if how == "sheet" else ""
    assert _networks(head, markup, sheet) == [network]
