"""A script that places one network's unit in one branch and another network's in the
other (`if (wide) {GPT's unit} else {AdSense's}`, a site's desktop and mobile choice,
or its passback) shows one of them: one placement, the first branch's, its unit's zone.
Units placed one after another, no branch between, stay a placement each. Pages
written here after GPT's and AdSense's documented tags."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_HEAD = """<!DOCTYPE html>
<html><head><title>Sports</title>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-2233445566778899"></script>
<script>window.googletag = window.googletag || {cmd: []};</script>
</head><body><h1>Match report</h1>
<div class="sidebar"><script>
"""
_GPT = """  document.write('<div id="div-gpt-ad-sidebar"></div>');
  googletag.cmd.push(function() {
    googletag.defineSlot('/21700045/sport/sidebar', [300, 250], 'div-gpt-ad-sidebar')
      .addService(googletag.pubads());
    googletag.enableServices();
    googletag.display('div-gpt-ad-sidebar');
  });
"""
_ADSENSE = """  document.write('<ins class="adsbygoogle" style="display:inline-block;'
    + 'width:320px;height:100px" data-ad-client="ca-pub-2233445566778899"></ins>');
  (adsbygoogle = window.adsbygoogle || []).push({});
"""
_TAIL = """</script></div>
<p>The home side won 2-1 after a late goal.</p>
</body></html>"""


@pytest.mark.parametrize(("code", "networks"), [
    ("if (window.innerWidth > 768) {\n" + _GPT + "} else {\n" + _ADSENSE + "}\n",
     ["Google Publisher Tag"]),
    ("if (window.innerWidth < 768) {\n" + _ADSENSE + "} else {\n" + _GPT + "}\n",
     ["Google AdSense"]),
    # in turn: both run
    (_GPT + _ADSENSE, ["Google AdSense", "Google Publisher Tag"]),
])
def test_one_placement_per_branching_script(
        code: str, networks: list[str], project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit((_HEAD + code + _TAIL).encode(), url="https://sport.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert sorted(s.network or "" for s in page.slots) == networks
    assert {s.line for s in page.slots} == {7}
    # the GPT unit's path is the page's, whichever branch the page shows
    assert ("gpt-slot", "/21700045/sport/sidebar") in {(i.kind, i.value) for i in page.ids}


_ADSENSE_UNIT = """  document.write('<ins class="adsbygoogle" style="display:inline-block;'
    + 'width:320px;height:100px" data-ad-client="ca-pub-2233445566778899"'
    + ' data-ad-slot="7302958146"></ins>');
  (adsbygoogle = window.adsbygoogle || []).push({});
"""
_RAN = '</script><div id="div-gpt-ad-sidebar"></div></div>\n'  # the div the GPT branch wrote


@pytest.mark.parametrize("code", [
    "if (window.innerWidth > 768) {\n" + _GPT + "} else {\n" + _ADSENSE_UNIT + "}\n",
    "if (window.innerWidth < 768) {\n" + _ADSENSE_UNIT + "} else {\n" + _GPT + "}\n",
], ids=["gpt-first", "adsense-first"])
def test_a_saved_dom_shows_the_branch_that_ran(
        code: str, project_engine: Engine, catalogue: Catalogue) -> None:
    # a DOM save keeps the div GPT's branch wrote after the script: that branch ran, and
    # the AdSense unit of the other branch is no placement; its unit stays the page's ID,
    # cited at its call as a unit defined, not placed
    markup = _HEAD + code + _TAIL.replace("</script></div>\n", _RAN)
    (page,) = audit(markup.encode(), url="https://sport.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [s.network for s in page.slots] == ["Google Publisher Tag"]
    assert ("adsense-slot", "7302958146") in {(i.kind, i.value) for i in page.ids}
    assert [(u.network, u.zone_id) for u in page.unplaced_units] == [
        ("Google AdSense", "7302958146")]
