"""Ad Manager units a saved copy holds as markup only, its scripts stripped (a fixture
saver's or a scraper's copy): a publisher's ad component named for DFP or GPT with the unit
in a slot attribute, a box whose slot attribute holds an ad-unit path, and a box configured
by a JSON data attribute naming its Ad Manager path. Pages we wrote after those forms, not
copies; network codes made up."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import Origin, PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

_HEAD = "<html><head><title>t</title></head><body><p>The story a reader came for.</p>\n"
_GPT = "Google Publisher Tag"


def _page(catalogue: Catalogue, body: str) -> PageReport:
    (page,) = audit((_HEAD + body + "</body></html>").encode(), url="https://city.test/story",
                    catalogue=catalogue, engine=Engine.from_text("", name="t")).pages
    return page


def _ids(page: PageReport) -> set[tuple[str, str]]:
    return {(i.kind, i.value) for i in page.ids if i.origin is Origin.OPERATOR}


@pytest.mark.parametrize("body, lines, ids", [
    # a BEM block named DFP, its element holding the unit's position (the block is the
    # element's wrapper, no unit of its own)
    ('<div class="DFP DFP--top" data-media="large_up">\n<div class="DFP__ad" data-slot="top" '
     'data-targeting="{&quot;channel&quot;:[&quot;home&quot;]}" style="display: none;"></div>\n'
     '</div>\n<p>More of the story.</p>\n<div class="DFP DFP--rail">\n<div class="DFP__ad" '
     'data-slot="rail"></div>\n</div>\n', [3, 7], set()),
    # a box whose class is GPT's name, the unit's path in its data-ad-unit
    ('<div class="gpt-ad" data-ad-unit="/7654321/city.news/Local"></div>\n', [2],
     {("gpt-network", "7654321"), ("gpt-slot", "/7654321/city.news/Local")}),
    # a slot attribute holding an ad-unit path, whatever the box's class
    ('<div class="ad-box" data-slot="/7654321/city.news/Top"></div>\n', [2],
     {("gpt-network", "7654321"), ("gpt-slot", "/7654321/city.news/Top")}),
    # a JSON config naming the network path, its slashes escaped as JSON writes them
    ('<aside aria-label="advertisement">\n<div id="ad-rail-Local" class="ad-rail-unit" '
     'data-ad-config="{&quot;network&quot;:&quot;\\/7654321\\/citynews&quot;,&quot;zone'
     '&quot;:&quot;Local&quot;,&quot;location&quot;:&quot;rail&quot;}"></div>\n</aside>\n'
     '<div class="ad-x" data-ad-config=\'{"network": "/7654321/citynews", "zone": "Sport"}\'>'
     '</div>\n', [3, 5], {("gpt-network", "7654321")}),
], ids=["DFP BEM element", "gpt-ad class", "data-slot path", "data-ad-config network"])
def test_markup_only_ad_manager_units(catalogue: Catalogue, body: str, lines: list[int],
                                      ids: set[tuple[str, str]]) -> None:
    page = _page(catalogue, body)
    assert [(s.line, s.network) for s in page.slots] == [(line, _GPT) for line in lines]
    assert _ids(page) == ids
    assert _GPT in {n.network for n in page.networks}


@pytest.mark.parametrize("body", [
    # a component library's slot attribute (shadcn/ui, Vue): no ad at all
    '<div class="card" data-slot="card"><div data-slot="card-header">News</div></div>',
    # a class holding "gpt" inside another word (a chatbot widget), with a slot
    '<div class="chatgpt-widget" data-slot="answer"></div>',
    # a chat page's messages and avatars marked by the model that wrote them, in a component
    # library's slots (shadcn/ui): the word gpt alone names the chatbot, no ad server
    '<div class="message gpt" data-slot="message-content"><p>Here is the summary.</p></div>',
    '<div class="avatar GPT" data-slot="avatar"></div>',
    # slot attributes holding no ad-unit path: a story's dated path, a file, a position alone
    '<div class="teaser" data-slot="/2019/05/ferry-vote"></div>',
    '<div class="teaser" data-slot="/2024/summer-sale/banner"></div>',
    '<div class="teaser" data-slot="4411/summer/sale"></div>',
    '<div class="teaser" data-ad-unit="/1234/banners/top.jpg"></div>',
    '<div class="promo" data-slot="sidebar"></div>',
    # a config whose network names a vendor or a story path, not an Ad Manager path
    '<div data-ad-config=\'{"network": "taboola", "zone": "Local"}\'></div>',
    '<div data-ad-config=\'{"network": "/2016/11/a-story", "zone": "Local"}\'></div>',
    '<div data-ad-config=\'{"network": "/7654321", "zone": "Local"}\'></div>',
], ids=["component slots", "chatgpt class", "chat message", "chat avatar", "dated path",
        "year path", "no leading slash", "file path", "position only",
        "vendor name", "story path", "code alone"])
def test_look_alikes_place_no_ad_manager_unit(catalogue: Catalogue, body: str) -> None:
    page = _page(catalogue, body)
    assert [(s.line, s.network) for s in page.slots] == []
    assert _GPT not in {n.network for n in page.networks}


@pytest.mark.parametrize("body, ids", [
    # Ad Manager's generated tag as a saved copy keeps it, its scripts in external files:
    # the unit's path in the comment that opens it, right before the unit's div
    ('<div class="welcome">\n  <!-- /7654321/CITY_WELCOME -->\n  <div id="div-gpt-ad-1523434'
     '000000-0">\n  </div>\n</div>\n',
     {("gpt-network", "7654321"), ("gpt-slot", "/7654321/CITY_WELCOME")}),
    # look-alikes: a comment of other words, a path with text between it and the div, a
    # comment before another element, a date's folder
    ('<!-- top banner -->\n<div id="div-gpt-ad-1523434000000-1"></div>\n', set()),
    ('<!-- /7654321/CITY_TOP -->\n<p>Story</p>\n<div id="div-gpt-ad-1523434000000-2"></div>\n',
     set()),
    ('<!-- /7654321/CITY_RAIL --> Sponsored\n<div id="div-gpt-ad-1523434000000-3"></div>\n',
     set()),
    ('<!-- /2019/05/top -->\n<div id="div-gpt-ad-1523434000000-4"></div>\n', set()),
], ids=["generated tag's comment", "other words", "element between", "text between",
        "dated folder"])
def test_the_unit_path_in_the_generated_tags_comment(
        catalogue: Catalogue, body: str, ids: set[tuple[str, str]]) -> None:
    page = _page(catalogue, body)
    assert [s.network for s in page.slots] == [_GPT]
    assert _ids(page) == ids


_DEFINED = ("<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"
            "<script>googletag.cmd.push(function(){googletag.defineSlot('/7654321/CITY_RAIL', "
            "[300, 250], 'div-gpt-ad-1523434000000-0').addService(googletag.pubads());});"
            "</script>\n")


@pytest.mark.parametrize("comment", ["/7654321/CITY_TOP", "/7654321/CITY_RAIL"],
                         ids=["a stale comment", "the comment agreeing"])
def test_the_unit_defineslot_names_beats_the_generated_tags_comment(
        catalogue: Catalogue, comment: str) -> None:
    """The comment is the tag's when Ad Manager generated it; a site that moves the unit
    edits its defineSlot and keeps the comment: the call's path is the unit's, and the
    comment's, which no script asks for, no ID of the page."""
    page = _page(catalogue, f'<!-- {comment} -->\n<div id="div-gpt-ad-1523434000000-0">'
                 f'</div>\n{_DEFINED}')
    assert [(s.network, s.zone_id) for s in page.slots] == [(_GPT, "/7654321/CITY_RAIL")]
    assert _ids(page) == {("gpt-network", "7654321"), ("gpt-slot", "/7654321/CITY_RAIL")}


_LOADER = "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>\n"


def test_gpts_own_box_carries_its_units_path_in_a_slot_attribute(catalogue: Catalogue) -> None:
    """A site's loader keeping each unit's path on GPT's own box (`<div id="div-gpt-ad-…"
    data-slot="/…">`), which it reads into defineSlot: the path is the box's unit; a
    position, a story's dated path or a file on the same box is none, the box still GPT's."""
    body = ('<div\n  id="div-gpt-ad-1500000000001-0"\n  class="adv"\n'
            '  data-slot="/7654321/city_top"\n  ></div><p>x</p><div class="y"></div>\n'
            '<div id="div-gpt-ad-1500000000002-0" data-ad-unit="/7654321/city_rail"></div>\n'
            '<div id="div-gpt-ad-1500000000003-0" data-slot="sidebar"></div>\n'
            '<div id="div-gpt-ad-1500000000004-0" data-slot="/2020/10/a-story"></div>\n'
            '<div id="div-gpt-ad-1500000000005-0" data-ad-unit="/7654321/banners/top.jpg">'
            '</div>\n')
    page = _page(catalogue, _LOADER + body)
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (3, _GPT, "/7654321/city_top"), (8, _GPT, "/7654321/city_rail"), (9, _GPT, None),
        (10, _GPT, None), (11, _GPT, None)]
    assert _ids(page) == {("gpt-network", "7654321"), ("gpt-slot", "/7654321/city_top"),
                          ("gpt-slot", "/7654321/city_rail")}


_CONFIG = ('<script>window.Site = {slots: [{"name":"in_article","slot":"\\/7654321\\/city_in'
           'text","code":"div-gpt-ad-1500000000001-0","outofpage":0},{"name":"rail","slot":'
           '"/7654321/city_rail","code":"div-gpt-ad-1500000000002-0"}]};</script>\n')


def test_a_loaders_config_keys_each_units_path_as_its_slot(catalogue: Catalogue) -> None:
    """A site's GPT loader config listing its units as `{"slot": "\\/…\\/…", "code":
    "div-gpt-ad-…"}`, its slashes escaped as a JSON string writes them: each path is a unit
    of the network, read where GPT runs."""
    page = _page(catalogue, _LOADER + _CONFIG)
    assert _ids(page) == {("gpt-network", "7654321"), ("gpt-slot", "/7654321/city_intext"),
                          ("gpt-slot", "/7654321/city_rail")}


@pytest.mark.parametrize("head, script", [
    # no GPT on the page: the same config names no unit
    ("", _CONFIG),
    # a story's dated path, a file's, a route, under the same key
    (_LOADER, '<script>var s = {"slot": "\\/2020\\/10\\/a-story", "b": {"slot": "/2019/05/'
              'ferry-vote"}, "c": {"slot": "\\/7654321\\/img\\/top.jpg"}};</script>\n'),
    # a key that only ends in slot (a theme's `adslot`, `timeslot`)
    (_LOADER, '<script>var s = {timeslot: "\\/7654321\\/evening", "myslot": "/7654321/x"};'
              '</script>\n'),
    # the words in prose and in a <pre>
    (_LOADER, '<pre>{"slot": "\\/7654321\\/city_top"}</pre><p>"slot": "/7654321/city_top"</p>\n'),
], ids=["no GPT", "dated or file paths", "other keys", "prose"])
def test_slot_keys_look_alikes_name_no_unit(catalogue: Catalogue, head: str,
                                            script: str) -> None:
    page = _page(catalogue, head + script)
    assert {k for k, _ in _ids(page)} & {"gpt-slot", "gpt-network"} == set()
