"""Ad servers' units as their documented tags write them, on small pages written here after
the vendors' published tag forms: each unit a slot of its network, cited at the container
the tag renders into (else at the call), with its zone, size and IDs as the tag names them.

The IDs are made up."""

from __future__ import annotations

import time

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear

from .conftest import AuditHtml

_P = "<p>The council met on Tuesday to discuss the ferry timetable for the winter.</p>"


def _slots(report: PageReport) -> list[tuple[int, str | None, str | None]]:
    return [(s.line, s.network, s.zone_id) for s in report.slots if s.kind == "ad"]


# Smart AdServer's (Equativ's) async tag: smart.js and sas.setup in the head; per format a
# `<div id="sas_FORMATID">` and the call that renders into it, `sas.call("std", …)`, or
# `sas.render("FORMATID")` for a format a one-call asked for
_SAS = "\n".join([
    "<html><head><title>t</title>",
    '<script src="https://ced.sascdn.com/tag/1234/smart.js" async></script>',
    "<script>var sas = sas || {}; sas.cmd = sas.cmd || [];",
    "sas.cmd.push(function() { sas.setup({ networkid: 1234, domain: "
    '"https://www123.smartadserver.com", async: true }); });',
    'sas.cmd.push(function() { sas.call("onecall", { siteId: 112233, pageId: 445566, '
    'formatIds: "7001,7002", target: "" }); });</script>',
    "</head><body>",
    _P,
    '<div id="sas_7001"></div>',  # line 8
    '<script>sas.cmd.push(function() { sas.render("7001"); });</script>',
    _P,
    '<div id="sas_7002"></div>',  # line 11
    '<script>sas.cmd.push(function() { sas.render("7002"); });</script>',
    '<div id="sas_7003"></div>',  # line 13
    "<script>sas.cmd.push(function() {",
    '  sas.call("std", {siteId: 112233, pageId: 445566, formatId: 7003, target: ""});',
    "});</script>",
    '<script>sas.cmd.push(function() { sas.call("std", {siteId: 112233, pageId: 445566, '
    'formatId: 7004, target: ""}); });</script>',  # line 17: no container, the call
    "</body></html>",
])


def test_smart_adserver_units_are_slots_at_their_containers(audit_html: AuditHtml) -> None:
    report = audit_html(_SAS)
    smart = "Smart AdServer"
    assert _slots(report) == [(8, smart, "7001"), (11, smart, "7002"), (13, smart, "7003"),
                              (17, smart, "7004")]
    assert {(i.kind, i.value) for i in report.ids} >= {
        ("smartadserver-site", "112233"), ("smartadserver-page", "445566"),
        ("smartadserver-network", "1234")}


def test_a_smart_container_the_call_does_not_name_is_not_its_slot(
        audit_html: AuditHtml) -> None:
    """`sas_<format>` is the container only of that format: another format's call on the page
    is a slot at its own script, and the stray container no slot."""
    page = _SAS.replace('<div id="sas_7003"></div>', '<div id="sas_9999"></div>')
    assert [(line, zone) for line, _, zone in _slots(audit_html(page))] == [
        (8, "7001"), (11, "7002"), (14, "7003"), (17, "7004")]


def _sized(report: PageReport) -> list[tuple[str | None, str | None, int | None, int | None]]:
    return [(s.network, s.zone_id, s.width, s.height) for s in report.slots if s.kind == "ad"]


# ADTECH's (AOL's) tags: the JavaScript tag writes its addyn/ loader where it stands, the
# iframe tag frames adiframe/; the path is /3.0/<network>[.<sub>]/<placement>/0/<size id>/ADTECH;
# and a tag whose size ID is -1 asks for its size as the `size=WxH` key
_ADTECH_WRITE = ('<script>document.write(\'<scr\'+\'ipt language="javascript1.1" '
                 'src="https://adserver.adtech.de/addyn/3.0/{net}/{plc}/0/-1/ADTECH;loc=100;'
                 '{size}target=_blank;misc=\'+new Date().getTime()+\'"></scri\'+\'pt>\');</script>')


def test_adtech_units_are_read_with_their_size(audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        _ADTECH_WRITE.format(net="311.0", plc="5297997", size="size=728x90;"), _P,
        _ADTECH_WRITE.format(net="311.0", plc="5297998", size="key=a+b;size=300x250;"), _P,
        _ADTECH_WRITE.format(net="311.0", plc="5297999", size=""), _P,
        '<iframe src="https://adserver.adtech.de/adiframe/3.0/1582.1/4471234/0/170/ADTECH;'
        'loc=100;target=_blank" width="300" height="250" frameborder="0"></iframe>',
        "</body></html>"])
    report = audit_html(page)
    assert _sized(report) == [("ADTECH", "5297997", 728, 90), ("ADTECH", "5297998", 300, 250),
                              ("ADTECH", "5297999", None, None),
                              ("ADTECH", "4471234", 300, 250)]
    assert {(i.kind, i.value) for i in report.ids} >= {
        ("adtech-network", "311.0"), ("adtech-network", "1582.1"),
        ("adtech-placement", "4471234")}


# a header band round a leaderboard and an MPU, each its own GPT div declaring its size,
# band and units hidden by a list's rules (`##.top-band`, `##.ad-zone`): two placements
_BAND = "\n".join([
    "<html><head><title>t</title></head><body>",
    '<section class="top-band">',
    '<div id="dfp-ad-header" class="dfp-ad ad-zone" data-width="728" data-height="90"></div>',
    '<div id="dfp-ad-mpu" class="dfp-ad ad-zone" data-width="300" data-height="250"></div>',
    "</section>",
    _P,
    # a wrapper round one unit and its label: one placement, the wrapper's
    '<div class="side-ad"><span>Advertisement</span>',
    '<div id="dfp-ad-side" class="dfp-ad ad-zone" data-width="300" data-height="600"></div>',
    "</div>",
    # a band round two units that declare no size (a carousel's tiles): one placement
    '<div class="promo-band"><div class="dfp-ad ad-zone"></div>'
    '<div class="dfp-ad ad-zone"></div></div>',
    # a band round a sized unit and a box of its own (not a vendor's): one placement
    '<div class="foot-band"><div class="ad-zone other-box" data-width="728" data-height="90">'
    '</div><div id="dfp-ad-foot" class="dfp-ad ad-zone" data-width="300" data-height="250">'
    "</div></div>",
    "</body></html>",
])


def test_a_band_of_sized_vendor_units_is_its_units(catalogue: Catalogue) -> None:
    engine = Engine.from_text("##.top-band\n##.ad-zone\n##.side-ad\n##.promo-band\n"
                              "##.foot-band\n", name="t")
    (page,) = audit(_BAND.encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.rule, s.width, s.height) for s in page.slots] == [
        (3, "##.ad-zone", 728, 90), (4, "##.ad-zone", 300, 250),
        (7, "##.side-ad", None, None), (10, "##.promo-band", None, None),
        (11, "##.foot-band", None, None)]


# a hidden band round the empty boxes a site's own ad code fills by id (an in-house ad
# framework's `div.adunit#Leaderboard`, `#Tile1`): each box a placement
_EMPTY_BAND = "\n".join([
    "<html><head><title>t</title></head><body>",
    '<section id="ad-strip"><div class="strip-inner">',
    '<div class="unit-box" id="Leaderboard"></div>',
    '<div class="unit-box" id="Tile1"></div>',
    "</div></section>",
    _P,
    # one placement's boxes per screen: a device in an id, ids one but for the size, a
    # shared `data-` value; and a box holding text (a label) beside a box: one placement each
    '<div class="ad-strip-b"><div class="unit-box" id="top-mobile-ad"></div>'
    '<div class="unit-box" id="top-banner-ad"></div></div>',
    '<div class="ad-strip-b"><div class="unit-box" id="rail300x250"></div>'
    '<div class="unit-box" id="rail320x50"></div></div>',
    '<div class="ad-strip-b"><div class="unit-box" id="railA" data-slot="rail"></div>'
    '<div class="unit-box" id="railB" data-slot="rail"></div></div>',
    '<div class="ad-strip-b"><div class="unit-box" id="labelled">Advertisement</div>'
    '<div class="unit-box" id="foot"></div></div>',
    # a theme's numbered widget areas sharing the area they stand in: each its own unit
    '<div class="ad-strip-b"><div class="unit-box" id="sidebar-ad-1" data-area="sidebar">'
    '</div><div class="unit-box" id="sidebar-ad-2" data-area="sidebar"></div></div>',
    "</body></html>",
])


def test_a_band_of_empty_unit_boxes_is_its_units(catalogue: Catalogue) -> None:
    engine = Engine.from_text("###ad-strip\n##.unit-box\n##.ad-strip-b\n", name="t")
    (page,) = audit(_EMPTY_BAND.encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.rule) for s in page.slots] == [
        (3, "##.unit-box"), (4, "##.unit-box"), (7, "##.ad-strip-b"), (8, "##.ad-strip-b"),
        (9, "##.ad-strip-b"), (10, "##.ad-strip-b"), (11, "##.unit-box"), (11, "##.unit-box")]


def test_a_listed_holders_own_ad_boxes_are_its_units(catalogue: Catalogue) -> None:
    """A holder a list hides round empty boxes no list names, each named an ad's and keyed
    by an id the site's ad code fills (a theme's `div.ads#lead-1`, `#lead-2`): a band,
    its boxes the placements. Round one such box, a device's twins, a carousel's slides or
    boxes named for no ad, the holder stays the one placement."""
    engine = Engine.from_text("##.lead-strip\n", name="t")
    html = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        '<section class="lead-strip">',
        '<div class="ads" id="lead-1"></div>',
        '<div class="ads" id="lead-2"></div>',
        "</section>",
        '<section class="lead-strip"><div class="ads" id="solo-1"></div></section>',
        '<section class="lead-strip"><div class="ads" id="top-mobile-ad"></div>'
        '<div class="ads" id="top-desktop-ad"></div></section>',
        '<section class="lead-strip ads-carousel"><div class="ads" id="slide-1"></div>'
        '<div class="ads" id="slide-2"></div></section>',
        '<section class="lead-strip"><div class="widget" id="w-1"></div>'
        '<div class="widget" id="w-2"></div></section>',
        _P, "</body></html>"])
    (page,) = audit(html.encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [s.line for s in page.slots] == [4, 5, 7, 8, 9, 10]
    assert [s.rule for s in page.slots][:2] == ["[ad-named box, empty, with id or data-*]"] * 2


def test_a_carousels_empty_slides_are_one_placement(catalogue: Catalogue) -> None:
    """A hidden carousel's slides are one placement's turns, not a unit each; a band of
    differently named boxes beside it still splits into its units."""
    engine = Engine.from_text("##.ad-carousel\n##.unit-box\n##.ad-strip-b\n", name="t")
    html = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        '<div class="ad-carousel"><div class="unit-box" id="slide-1"></div>'
        '<div class="unit-box" id="slide-2"></div><div class="unit-box" id="slide-3"></div></div>',
        '<div class="ad-strip-b"><div class="unit-box" id="rotator-a"></div>'
        '<div class="unit-box" id="rotator-b"></div></div>',
        '<div class="ad-strip-b"><div class="unit-box" id="Leaderboard"></div>'
        '<div class="unit-box" id="Tile1"></div></div>',
        "</body></html>"])
    (page,) = audit(html.encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.rule) for s in page.slots] == [
        (3, "##.ad-carousel"), (4, "##.ad-strip-b"), (5, "##.unit-box"), (5, "##.unit-box")]


def test_bands_of_empty_unit_boxes_scale_linearly(catalogue: Catalogue) -> None:
    """Each band reads its boxes' own children once, nested bands or side by side."""
    engine = Engine.from_text("##.unit-box\n", name="t")

    def seconds(n: int) -> float:
        flat = "".join(f'<div class="unit-box" id="b{i}"><div class="unit-box" id="x{i}">'
                       f'</div><div class="unit-box" id="y{i}"></div></div>' for i in range(n))
        deep = '<div class="unit-box" id="d">' * n + "</div>" * n
        html = f"<html><body>{flat}{_P}{deep}</body></html>".encode()
        start = time.perf_counter()
        audit(html, url="https://news.test/a", engine=engine, catalogue=catalogue)
        return time.perf_counter() - start

    assert_linear(seconds, 400, "bands of empty unit boxes")


# GPT units defined in the head: one whose div the page holds, one whose div a later
# script writes (document.createElement + setAttribute("id", …)), one whose div the saved
# page lacks altogether (a template's unit the page never placed)
_GPT = "\n".join([
    "<html><head><title>t</title>",
    '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>',
    "<script>window.googletag = window.googletag || {cmd: []}; googletag.cmd.push(function() {",
    "googletag.defineSlot('/2817463/site/top', [728, 90], 'div-gpt-ad-top').addService("
    "googletag.pubads());",
    "googletag.defineSlot('/2817463/site/written', [300, 250], 'div-gpt-ad-written')"
    ".addService(googletag.pubads());",
    "googletag.defineSlot('/2817463/site/absent', [300, 250], 'div-gpt-ad-absent')"
    ".addService(googletag.pubads());",
    "googletag.enableServices(); });</script></head><body>",
    '<div id="div-gpt-ad-top"></div>',  # line 8
    _P,
    "<script>var d = document.createElement('div'); d.setAttribute('id', "
    "'div-gpt-ad-written'); document.body.appendChild(d);</script>",
    "</body></html>",
])


def test_a_gpt_unit_whose_div_the_page_lacks_is_no_slot(audit_html: AuditHtml) -> None:
    """The corpus labels such a unit no slot (landwirt.com's `Redaktion_adsense_unten`):
    GPT shows nothing where its div is missing. A unit whose div a script writes is a slot
    at the script that defines it; the missing unit's path is still the page's ID."""
    report = audit_html(_GPT)
    gpt = "Google Publisher Tag"
    assert _slots(report) == [(3, gpt, "/2817463/site/written"), (8, gpt, "/2817463/site/top")]
    assert ("gpt-slot", "/2817463/site/absent") in {(i.kind, i.value) for i in report.ids}


# GPT units whose divs a page's framework makes, each as sites' own code writes it: jQuery
# (`.attr('id', …)`), React's props (`{id: …}`), a Vue template kept in a
# `<script type="text/x-template">`, a loop naming its divs by concatenation
# (`'div-gpt-ad-' + n`), an ad config in a JSON block, and a placeholder's `data-` attribute
_GPT_MADE = "\n".join([
    "<html><head><title>t</title>",
    '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>',
    "<script>window.googletag = window.googletag || {cmd: []}; googletag.cmd.push(function() {",
    "googletag.defineSlot('/2817463/site/jq', [728, 90], 'div-gpt-ad-jq').addService("
    "googletag.pubads());",
    "googletag.defineSlot('/2817463/site/react', [300, 250], 'div-gpt-ad-react').addService("
    "googletag.pubads());",
    "googletag.defineSlot('/2817463/site/vue', [300, 250], 'div-gpt-ad-vue').addService("
    "googletag.pubads());",
    "googletag.defineSlot('/2817463/site/loop', [300, 250], 'div-gpt-ad-2').addService("
    "googletag.pubads());",
    "googletag.defineSlot('/2817463/site/json', [300, 250], 'div-gpt-ad-json').addService("
    "googletag.pubads());",
    "googletag.defineSlot('/2817463/site/data', [300, 600], 'div-gpt-ad-data').addService("
    "googletag.pubads());",
    "googletag.enableServices(); });</script></head><body>",
    _P,
    "<script>jQuery('.ad-top').append(jQuery('<div/>').attr('id', 'div-gpt-ad-jq'));</script>",
    '<div id="root"></div><script>ReactDOM.render(React.createElement("div", '
    '{id: "div-gpt-ad-react", className: "ad"}), document.getElementById("root"));</script>',
    '<script type="text/x-template" id="ad-tpl"><aside><div id="div-gpt-ad-vue"></div>'
    "</aside></script>",
    "<script>for (var n = 1; n <= 3; n++) { var d = document.createElement('div'); "
    "d.id = 'div-gpt-ad-' + n; document.body.appendChild(d); }</script>",
    '<script type="application/json" id="ads">{"units": [{"id": "div-gpt-ad-json", '
    '"path": "/2817463/site/json"}]}</script>',
    '<div class="ad-slot" data-ad-div="div-gpt-ad-data"></div>',
    _P,
    "</body></html>",
])


def test_a_gpt_unit_whose_div_the_pages_framework_makes_is_a_slot(audit_html: AuditHtml
                                                                  ) -> None:
    """A div made by the page's own code, in whichever of the forms sites write, is the
    unit's: each stays a slot at the script that defines it, none vanishes; the one whose
    placeholder the page holds (the box whose `data-` attribute names the id) is there."""
    report = audit_html(_GPT_MADE)
    gpt = "Google Publisher Tag"
    assert sorted(_slots(report)) == [(3, gpt, f"/2817463/site/{unit}") for unit in
                                      ("jq", "json", "loop", "react", "vue")] + [
        (17, gpt, "/2817463/site/data")]


# a magazine's ad manager: the head defines each unit for an id no element bears; the body's
# placeholder names the id in its own `data-` attribute, and the site's code gives it that id
_GPT_PLACEHOLDER = "\n".join([
    "<html><head><title>t</title>",
    '<script src="//www.googletagservices.com/tag/js/gpt.js"></script>',
    "<script>var gptadslots = {};",
    "gptadslots['top'] = googletag.defineSlot('/2817463/Site/default', [[970, 250], [728, 90]],"
    " 'div-site-slot-top').setTargeting('position', ['top']).addService(googletag.pubads());",
    "googletag.enableServices();</script></head><body>",
    _P,
    '<aside id="top-banner" data-ad>',
    '  <div data-js-ad-slot="div-site-slot-top"></div>',  # line 8
    "</aside>",
    _P,
    "</body></html>",
])


@pytest.mark.parametrize("html, line", [
    (_GPT_PLACEHOLDER, 8),
    # two elements name the id: which the code fills is the run's to say, the script stays
    (_GPT_PLACEHOLDER.replace("</aside>", '<div data-js-ad-slot="div-site-slot-top"></div>'
                              "</aside>"), 3),
    # a link or a button naming it as its target is no placeholder
    (_GPT_PLACEHOLDER.replace('<div data-js-ad-slot="div-site-slot-top"></div>',
                              '<button data-target="div-site-slot-top">Close ad</button>'), 3),
    # a box of a story's text naming it is none either
    (_GPT_PLACEHOLDER.replace('<div data-js-ad-slot="div-site-slot-top"></div>',
                              '<div data-ref="div-site-slot-top">' + _P * 2 + "</div>"), 3),
], ids=["placeholder", "two placeholders", "button", "text box"])
def test_a_gpt_unit_is_shown_in_the_placeholder_naming_its_div(
        audit_html: AuditHtml, html: str, line: int) -> None:
    """The unit is at the one empty box whose `data-` attribute names its div's id, where
    the site's code makes that div; it stayed at the head's script (a magazine's privacy
    page, 2018). Where the name leads nowhere certain, the unit stays at its script."""
    report = audit_html(html)
    assert _slots(report) == [(line, "Google Publisher Tag", "/2817463/Site/default")]


# GPT units defined in the head whose divs the body's blocks keep as markup in a script's
# string, as a CMS ad block stores its unit's tag (HTML-escaped, for its loader to write into
# the holder beside it), or document.write()s it where the script stands; one unit whose
# div two scripts write (a desktop and a mobile block: which shows is the page's choice)
_GPT_HELD = "\n".join([
    "<html><head><title>t</title>",
    '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>',
    "<script>window.googletag = window.googletag || {cmd: []}; googletag.cmd.push(function() {",
    "googletag.defineSlot('/2817463/site/banner', [728, 90], 'div-gpt-ad-55-2').addService("
    "googletag.pubads());",
    "googletag.defineSlot('/2817463/site/rail', [300, 250], 'div-gpt-ad-55-3').addService("
    "googletag.pubads());",
    "googletag.defineSlot('/2817463/site/both', [300, 250], 'div-gpt-ad-55-4').addService("
    "googletag.pubads());",
    "googletag.enableServices(); });</script></head><body>",
    _P,
    '<div class="region region-banner-ad"><div class="block">',
    "<script>var banner_desktop_ad = '&lt;!-- AdSlot 2 --&gt;&lt;div id=\\'div-gpt-ad-55-2\\'"
    "&gt;&lt;script&gt;googletag.cmd.push(function() { googletag.display(\\'div-gpt-ad-55-2"
    "\\'); });&lt;/script&gt;&lt;/div&gt;';</script>",  # line 10
    "</div></div>",
    '<div class="rail"><script>document.write(\'<div id="div-gpt-ad-55-3"></div>\');</script>'
    "</div>",  # line 12
    "<script>var a = '<div id=\"div-gpt-ad-55-4\"></div>';</script>",
    "<script>var b = '<div id=\"div-gpt-ad-55-4\"></div>';</script>",
    "</body></html>",
])


def test_a_gpt_unit_whose_div_a_body_script_holds_as_markup_is_a_slot_there(
        audit_html: AuditHtml) -> None:
    """A unit's div held as markup in one script's string (escaped or plain) is placed
    where that script stands, in its holder, not at the head's script that defines it; a
    div two scripts hold leaves the unit at its definition."""
    gpt = "Google Publisher Tag"
    assert sorted(_slots(audit_html(_GPT_HELD))) == [
        (3, gpt, "/2817463/site/both"), (10, gpt, "/2817463/site/banner"),
        (12, gpt, "/2817463/site/rail")]


def test_a_smart_format_of_thousands_of_digits_is_no_format(audit_html: AuditHtml) -> None:
    """Smart's format IDs are a few digits: a hostile page's `sas.render("999…")` of 5,000
    digits (its `sas_999…` div beside it) names no format, in the slots or the IDs."""
    digits = "9" * 5000
    report = audit_html(_SAS.replace("7002", digits))
    assert all(len(s.zone_id or "") < 20 for s in report.slots)
    assert all(len(i.value) < 20 for i in report.ids)


# Purch's tag: tmnhead.js and the units its head declares (`tmntag.adunit({account, sizes,
# div})`), then a placement call where each ad shows, bare or queued, beside or inside its div
_PURCH = "\n".join([
    "<html><head><title>t</title>",
    "<script src='http://ads.servebom.com/tmnhead.js'></script>",
    "<script>tmntag.adunit({account: '/2817463/tmn.test', sizes: [728, 90], div: 'ad_top'});",
    "tmntag.adunit({account: '/2817463/tmn.test', sizes: [300, 250], div: 'ad_rail'});",
    "</script></head><body>",
    "<div id='ad_top'></div>",
    "<script type='text/javascript'>tmntag.adTag('ad_top');</script>",  # line 7
    _P,
    "<script>tmntag.cmd.push(function(){ tmntag.adTag('ad_rail', false); });</script>",
    "</body></html>",
])


def test_purch_placement_calls_are_its_slots(audit_html: AuditHtml) -> None:
    report = audit_html(_PURCH)
    assert _slots(report) == [(6, "Purch", "ad_top"), (9, "Purch", "ad_rail")]


def test_purchs_config_names_its_ad_manager_account(audit_html: AuditHtml) -> None:
    """The account each unit's path opens with is Purch's Ad Manager network, read from its
    units' config and from `tmntag.account('<path>')`, which is the page's path too."""
    ids = {(i.kind, i.value) for i in audit_html(_PURCH).ids}
    assert ("gpt-network", "2817463") in ids
    page = _PURCH.replace("<script>tmntag.adunit", "<script>tmntag.account('/2817463/tmn.test/"
                          "News');\ntmntag.adunit", 1)
    ids = {(i.kind, i.value) for i in audit_html(page).ids}
    assert {("gpt-network", "2817463"), ("gpt-slot", "/2817463/tmn.test/News")} <= ids


def test_boxes_sharing_a_breakpoint_but_naming_their_slots_apart_are_units(
        catalogue: Catalogue) -> None:
    """A hidden ad column round two empty boxes that share the breakpoint they show at
    (`data-media="medium_up"`) but name different slots (`data-slot="top"`, `"sidebar"`)
    holds two units; boxes naming one slot (`data-slot="rail"` twice) stay one placement's
    twins."""
    engine = Engine.from_text("##.ad-column\n##.unit-box\n", name="t")
    html = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        '<aside class="ad-column"><div class="unit-box" id="ad-top" data-media="medium_up" '
        'data-slot="top"></div><div class="unit-box" id="ad-side" data-media="medium_up" '
        'data-slot="sidebar"></div></aside>',
        '<aside class="ad-column"><div class="unit-box" id="railA" data-media="medium_up" '
        'data-slot="rail"></div><div class="unit-box" id="railB" data-media="small_down" '
        'data-slot="rail"></div></aside>',
        "</body></html>"])
    (page,) = audit(html.encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.rule) for s in page.slots] == [
        (3, "##.unit-box"), (3, "##.unit-box"), (4, "##.ad-column")]


# empty boxes beside each other: a setting every unit of a theme carries (`data-ad-lazy`,
# `data-ad-theme`) makes no twins; a device or breakpoint told apart in a `data-` value or
# a class (`data-breakpoint="mobile"` / `"desktop"`, `visible-xs` / `hidden-xs`) does
_TWIN_BAND = "\n".join([
    "<html><head><title>t</title></head><body>",
    _P,
    '<div class="ad-strip-b"><div class="unit-box" id="sidebar-ad-1" data-ad-lazy="true">'
    '</div><div class="unit-box" id="sidebar-ad-2" data-ad-lazy="true"></div></div>',
    '<div class="ad-strip-b"><div class="unit-box" id="rail-ad-1" data-ad-theme="light">'
    '</div><div class="unit-box" id="rail-ad-2" data-ad-theme="light"></div></div>',
    '<div class="ad-strip-b"><div class="unit-box" id="top-ad-a" data-area="top"'
    ' data-breakpoint="mobile"></div><div class="unit-box" id="top-ad-b" data-area="top"'
    ' data-breakpoint="desktop"></div></div>',
    '<div class="ad-strip-b"><div class="unit-box visible-xs" id="foot-ad-a"></div>'
    '<div class="unit-box hidden-xs" id="foot-ad-b"></div></div>',
    '<div class="ad-strip-b"><div class="unit-box" id="ra" data-slot-name="rail"></div>'
    '<div class="unit-box" id="rb" data-slot-name="rail"></div></div>',
    # a theme's own words (`nomobilead`), or one box alone naming a screen: units each
    '<div class="ad-strip-b"><div class="unit-box nomobilead" id="Leaderboard"></div>'
    '<div class="unit-box nofullad" id="Tile1"></div></div>',
    '<div class="ad-strip-b"><div class="unit-box hide-mobile" id="Top"></div>'
    '<div class="unit-box" id="Right"></div></div>',
    # an infinite-scroll theme's boxes each carrying the post they stand in: units each
    '<div class="ad-strip-b"><div class="unit-box" id="ad-1" data-post-id="12345"></div>'
    '<div class="unit-box" id="ad-2" data-post-id="12345"></div></div>',
    "</body></html>",
])


def test_breakpoint_twins_are_told_by_placement_and_device(catalogue: Catalogue) -> None:
    engine = Engine.from_text("##.unit-box\n##.ad-strip-b\n", name="t")
    (page,) = audit(_TWIN_BAND.encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.rule) for s in page.slots] == [
        (3, "##.unit-box"), (3, "##.unit-box"), (4, "##.unit-box"), (4, "##.unit-box"),
        (5, "##.ad-strip-b"), (6, "##.ad-strip-b"), (7, "##.ad-strip-b"),
        (8, "##.unit-box"), (8, "##.unit-box"), (9, "##.unit-box"), (9, "##.unit-box"),
        (10, "##.unit-box"), (10, "##.unit-box")]


@pytest.mark.parametrize(("first", "second"), [
    ("ad-desktop", "ad-mobile"),  # a theme's box per screen, named so
    ("desktop-ad", "mobile-ad"),
    ("mobile-hide", "desktop-hide"),
    ("d-none d-md-block", "d-md-none"),  # Bootstrap 4's display utilities
    ("hide-for-small-only", "show-for-small-only"),  # Foundation's visibility classes
    ("code-block ai-viewport-1", "code-block ai-viewport-3"),  # Ad Inserter's viewports
])
def test_a_boxes_screen_in_a_themes_or_frameworks_words_makes_twins(
        catalogue: Catalogue, first: str, second: str) -> None:
    """The same placement printed once per screen, each box's class naming its screen in a
    theme's words (`ad-mobile`) or a framework's (`d-md-none`, `show-for-small-only`, Ad
    Inserter's `ai-viewport-3`), is one placement, as `visible-xs` beside `hidden-xs` is."""
    html = ("<html><head><title>t</title></head><body>\n" + _P + "\n"
            f'<div class="ad-strip-b"><div class="unit-box {first}" id="top-a"></div>'
            f'<div class="unit-box {second}" id="top-b"></div></div>\n</body></html>')
    engine = Engine.from_text("##.unit-box\n##.ad-strip-b\n", name="t")
    (page,) = audit(html.encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.rule) for s in page.slots] == [(3, "##.ad-strip-b")]
