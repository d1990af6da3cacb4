"""GPT units a site's own code defines from its boxes' data attributes: `<div class="ad"
data-name="/<network>/<unit>" data-sizes="728x90">`, each read by the page's script and passed
to `googletag.defineSlot(name, sizes, el.id)` (pages we wrote after that form, not copies).
Each box is a GPT placement with its unit path and network code, also where a wrapper a
cosmetic rule hides holds several of them."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import Origin
from auditor.pipeline import audit
from auditor.rules import Engine

_HEAD = "<html><head><title>t</title></head><body><p>The story a reader came for.</p>\n"
_DEFINE = """<script>window.googletag = window.googletag || {cmd: []};
document.querySelectorAll('.ad[data-name]').forEach(function (el, i) {
  var sizes = el.getAttribute('data-sizes'); el.id = 'ad-' + i;
  googletag.cmd.push(function () {
    (sizes ? googletag.defineSlot(el.getAttribute('data-name'), sizes.split(','), el.id)
           : googletag.defineOutOfPageSlot(el.getAttribute('data-name'), el.id))
      .addService(googletag.pubads()); googletag.display(el.id); });
});
var g = document.createElement('script'); g.src = '//www.googletagservices.com/tag/js/gpt.js';
document.body.appendChild(g);</script>
"""

BOXES = _HEAD + """<div class="ad" data-name="/7654321/city.news/Local" data-sizes="728x90"></div>
<p>More of the story.</p>
<div class="ad" data-name="/7654321/city.news/Local_Mobile" data-sizes="300x250"></div>
""" + _DEFINE + "</body></html>"

WRAPPED = _HEAD + """<section class="promo-stack">
<div class="ad top" data-name="/7654321/city.news/Local" data-sizes="728x90" data-label="Top"></div>
<div class="ad" data-name="/7654321/city.news/Local" data-sizes="" data-label="outOfPage"></div>
<div class="ad tablet" data-name="/7654321/city.news/Local_Mobile" data-sizes="320x50"></div>
</section>
""" + _DEFINE + "</body></html>"

_IDS = {("gpt-network", "7654321"), ("gpt-slot", "/7654321/city.news/Local"),
        ("gpt-slot", "/7654321/city.news/Local_Mobile")}


@pytest.mark.parametrize("html, rules, lines", [
    (BOXES, "", [2, 4]),
    # the wrapper a cosmetic rule hides holds three units: each stays a placement
    (WRAPPED, "##.promo-stack\n", [3, 4, 5]),
], ids=["boxes", "wrapped"])
def test_boxes_holding_a_gpt_unit_path_are_gpt_placements(
        catalogue: Catalogue, html: str, rules: str, lines: list[int]) -> None:
    (page,) = audit(html.encode(), url="https://city.test/story", catalogue=catalogue,
                    engine=Engine.from_text(rules, name="t")).pages
    assert [(s.line, s.network) for s in page.slots] == [
        (line, "Google Publisher Tag") for line in lines]
    assert {(i.kind, i.value) for i in page.ids if i.origin is Origin.OPERATOR} == _IDS


@pytest.mark.parametrize("html", [
    # the same boxes on a page that loads no GPT
    _HEAD + '<div class="ad" data-name="/7654321/city.news/Local" data-sizes="728x90"></div>',
    # a data-name that is no ad-unit path (a story's URL path, a person's name)
    _HEAD + '<div class="card" data-name="/2016/11/a-story" data-sizes="300x250"></div>'
    + _DEFINE,
    _HEAD + '<div class="ad" data-name="Jane Doe" data-sizes="small"></div>' + _DEFINE,
])
def test_look_alikes_of_the_form_place_no_gpt_unit(catalogue: Catalogue, html: str) -> None:
    """No GPT placement and no GPT ID from a look-alike. An empty `div.ad` with data
    attributes is still a publisher's own ad box (`slots.ad_named_boxes`: a copy saved with
    its scripts stripped keeps only such boxes), an unnamed placement; a `div.card` none."""
    (page,) = audit((html + "</body></html>").encode(), url="https://city.test/story",
                    catalogue=catalogue, engine=Engine.from_text("", name="t")).pages
    assert [s.network for s in page.slots] == ([None] if 'class="ad"' in html else [])
    assert not {i for i in page.ids if i.kind.startswith("gpt")}


# one box for two out-of-page formats: the site's code renames it for the one it runs
# (`getElementById(box).setAttribute("id", format's id)`), and GPT fills it under that id
_RENAMED = _HEAD + """<div id="ad-overlay-oop"></div>
<p>More of the story.</p>
<script>window.googletag = window.googletag || {cmd: []};
googletag.cmd.push(function () {
  googletag.defineOutOfPageSlot('/7654321/city.news/lift', 'ad-lift-oop')
    .addService(googletag.pubads());
  googletag.defineOutOfPageSlot('/7654321/city.news/slide', 'ad-slide-oop')
    .addService(googletag.pubads());
  googletag.enableServices(); });
if (window.innerWidth > 400) {
  document.getElementById("ad-overlay-oop").setAttribute("id", "ad-lift-oop");
  googletag.cmd.push(function () { googletag.display('ad-lift-oop'); });
} else {
  document.getElementById("ad-overlay-oop") &&
    document.getElementById("ad-overlay-oop").setAttribute("id", "ad-slide-oop");
  googletag.cmd.push(function () { googletag.display('ad-slide-oop'); });
}</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
"""


@pytest.mark.parametrize("html, lines", [
    (_RENAMED, [2]),
    # the rename names a box the page lacks: each unit stays at its script, as before
    (_RENAMED.replace('<div id="ad-overlay-oop"></div>', ""), [4, 4]),
    # two boxes the code renames to one id: which one it fills is the run's to say (the
    # unit stays at its script), and an id no code gives a box places no unit
    (_RENAMED.replace(
        '.getElementById("ad-overlay-oop").setAttribute("id", "ad-slide',
        '.getElementById("ad-other-oop").setAttribute("id", "ad-slide').replace(
        '<p>More', '<div id="ad-other-oop"></div><p>More').replace(
        '"ad-lift-oop");\n  googletag.cmd', '"ad-slide-oop");\n  googletag.cmd'), [4]),
], ids=["one box renamed", "no box", "two boxes, one id"])
def test_a_box_the_code_renames_is_the_unit_its_new_id_names(
        catalogue: Catalogue, html: str, lines: list[int]) -> None:
    (page,) = audit((html + "</body></html>").encode(), url="https://city.test/story",
                    catalogue=catalogue, engine=Engine.from_text("", name="t")).pages
    assert sorted(s.line for s in page.slots if s.network == "Google Publisher Tag") == lines
    assert {i.value for i in page.ids if i.kind == "gpt-slot"} == {
        "/7654321/city.news/lift", "/7654321/city.news/slide"}


def _commented(html: str, how: str) -> str:
    """The rename statements of `_RENAMED` written so that they run nowhere."""
    for unit in ("lift", "slide"):
        rename = f'.getElementById("ad-overlay-oop").setAttribute("id", "ad-{unit}-oop");'
        html = html.replace("document" + rename, how.format("document" + rename))
    return html


@pytest.mark.parametrize("html", [
    _commented(_RENAMED, "// {}\n"),
    _commented(_RENAMED, "/* {} */"),
    _commented(_RENAMED, "var howto = '{}';"),
    _RENAMED.replace("<script>window.googletag", "<script type='text/x-template'>x</script>"
                     "<script>window.googletag").replace(
        'document.getElementById("ad-overlay-oop").setAttribute("id", "ad-lift-oop");', ""
    ).replace('document.getElementById("ad-overlay-oop") &&\n'
              '    document.getElementById("ad-overlay-oop").setAttribute("id", "ad-slide-oop");',
              "") .replace("<script type='text/x-template'>x</script>",
                           "<script type='text/x-template'>document.getElementById("
                           "'ad-overlay-oop').setAttribute('id', 'ad-lift-oop');</script>"),
], ids=["line comment", "block comment", "string", "template"])
def test_a_rename_that_runs_nowhere_places_no_unit(catalogue: Catalogue, html: str) -> None:
    """A rename in a comment, a string's prose or a script of no code type renames no box:
    the units stay at their script (rev44a: the box took the unit's slot)."""
    (page,) = audit((html + "</body></html>").encode(), url="https://city.test/story",
                    catalogue=catalogue, engine=Engine.from_text("", name="t")).pages
    lines = sorted(s.line for s in page.slots if s.network == "Google Publisher Tag")
    assert 2 not in lines and lines


# GPT's light tag ("glade"): a box naming its unit in `data-ad-unit-path`, filled by
# glade.js, which the page includes beside each box; no defineSlot, no display call
_GLADE_JS = ("<script async='async' src='https://securepubads.g.doubleclick.net/static/"
             "glade.js'></script>\n")
GLADE = _HEAD + """<aside class="rail">
<div data-glade data-ad-unit-path="/7654321/City_Rail_160x600" height="600" width="160"></div>
""" + _GLADE_JS + """</aside>
<p>More of the story.</p>
<div id="top-board" data-glade data-ad-unit-path="/7654321/City_Board_728x90" height="90"
 width="728"></div>
""" + _GLADE_JS


def test_glade_boxes_are_gpt_placements(catalogue: Catalogue) -> None:
    (page,) = audit((GLADE + "</body></html>").encode(), url="https://city.test/story",
                    catalogue=catalogue, engine=Engine.from_text("", name="t")).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (3, "Google Publisher Tag", "/7654321/City_Rail_160x600", 160, 600),
        (7, "Google Publisher Tag", "/7654321/City_Board_728x90", 728, 90)]
    assert {(i.kind, i.value) for i in page.ids if i.origin is Origin.OPERATOR} == {
        ("gpt-network", "7654321"), ("gpt-slot", "/7654321/City_Rail_160x600"),
        ("gpt-slot", "/7654321/City_Board_728x90")}


@pytest.mark.parametrize("html", [
    # other libraries' `data-glade` (a theme's title line, an annotation tool's index)
    _HEAD + '<div class="glade-line" data-glade="title"></div>'
    + '<p data-glade-index="2">A note.</p>',
    # a glade box whose path is no ad-unit path (a story's dated folder, a position name)
    _HEAD + '<div data-glade data-ad-unit-path="/2017/06/a-story" width="300"></div>',
    _HEAD + '<div data-glade data-ad-unit-path="sidebar" width="300"></div>',
    # the tag shown as text in a how-to
    _HEAD + '<pre>&lt;div data-glade data-ad-unit-path="/7654321/City_Rail"&gt;&lt;/div&gt;'
    '</pre>',
], ids=["other libraries", "dated folder", "position name", "shown as text"])
def test_glade_look_alikes_place_no_gpt_unit(catalogue: Catalogue, html: str) -> None:
    (page,) = audit((html + "</body></html>").encode(), url="https://city.test/story",
                    catalogue=catalogue, engine=Engine.from_text("", name="t")).pages
    assert not [s for s in page.slots if s.network == "Google Publisher Tag"]
    assert not {i for i in page.ids if i.kind.startswith("gpt")}
