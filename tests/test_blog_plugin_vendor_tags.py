"""Vendor tags of partisan and viral blogs of 2012-2020, in the forms their vendors or the
WordPress plugins placing them write them: the network each names, its unit and the IDs
it carries; and an ad plugin's block that holds no ad (pages written for these tests;
hosts and IDs made up)."""

from __future__ import annotations

import base64

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = ("<!DOCTYPE html><html><head><title>Ferry vote</title>{head}</head><body><article>"
        "<h1>Ferry vote</h1><p>The harbour council voted on the winter timetable.</p>{body}"
        "</article></body></html>")


def _page(project_engine: Engine, catalogue: Catalogue, body: str = "", head: str = ""
          ) -> PageReport:
    (page,) = audit(PAGE.format(head=head, body=body).encode(),
                    url="https://www.harbourgazette.example/ferry-vote/",
                    engine=project_engine, catalogue=catalogue).pages
    return page


# Adiant's async unit as its AMP ad type writes it (amphtml ads/vendors/adblade.js):
# the `ins` its show.js fills, hidden until filled, one pair a unit
def _adiant(cid: str, host: str = "web.adblade.com") -> str:
    return (f'<ins class="adbladeads" data-cid="{cid}" data-host="{host}" data-tag-type="4" '
            f'style="display:none"></ins><script async src="http://{host}/js/ads/async/show.js"'
            ' type="text/javascript"></script>')


def test_an_adblade_unit_is_a_slot_with_its_container(project_engine: Engine,
                                                      catalogue: Catalogue) -> None:
    """Each `ins.adbladeads` is an Adblade unit, its `data-cid` the container it fills;
    show.js once a unit is its documented tag, no duplicate loader."""
    page = _page(project_engine, catalogue,
                 _adiant("41220-1187345521") + "<p>More.</p>" + _adiant("41221-9023311475"))
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Adblade", "41220-1187345521"), ("Adblade", "41221-9023311475")]
    assert {("adblade-container", "41220-1187345521")} <= {(i.kind, i.value) for i in page.ids}
    assert not [f for f in page.findings if f.kind == "duplicate-loader"]


def test_the_same_unit_on_industrybrains_host_is_industrybrains(
        project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue,
                 _adiant("19626-3798936394", host="web.industrybrains.com"))
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("IndustryBrains", "19626-3798936394")]


@pytest.mark.parametrize(("kind", "network"), [
    ("adblade", "Adblade"), ("industrybrains", "IndustryBrains")])
def test_an_amp_adiant_unit_names_its_container(
        kind: str, network: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """The AMP form of the same unit (amphtml's ads/vendors/adblade.md and
    industrybrains.md): `<amp-ad type=… data-cid>`, its `data-cid` the container as the
    `ins` form's is; one of another shape names none."""
    page = _page(project_engine, catalogue,
                 f'<amp-ad width="300" height="250" type="{kind}" data-width="300" '
                 'data-height="250" data-cid="52210-4417730925"></amp-ad><p>More.</p>'
                 f'<amp-ad width="300" height="250" type="{kind}" data-width="300" '
                 'data-height="250" data-cid="{{ cid }}"></amp-ad>')
    assert [(s.network, s.zone_id) for s in page.slots] == [
        (network, "52210-4417730925"), (network, None)]
    assert [(i.kind, i.value) for i in page.ids if i.kind == "adblade-container"] == [
        ("adblade-container", "52210-4417730925")]


def test_an_adblade_container_is_two_numbers(project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    """`data-cid` is `<number>-<number>` (AMP's adblade example, `19626-3798936394`): a
    value of another shape (a hostile page's markup in it, a template's unfilled
    placeholder) is the unit's, not a container to name as the operator's ID."""
    page = _page(project_engine, catalogue,
                 _adiant('41220-"&gt;&lt;script&gt;alert(1)&lt;/script&gt;') + "<p>More.</p>"
                 + _adiant("{{ adblade_cid }}"))
    assert [(s.network, s.zone_id) for s in page.slots] == [("Adblade", None)] * 2
    assert not [i for i in page.ids if i.kind == "adblade-container"]

# Ad Inserter 1.x wraps every block it inserts, whatever the block holds, in
# <div class='ad-inserter ad-inserter-N' style=…> (its `ai_getAdCode` wrapped)
def _ad_inserter(n: int, code: str) -> str:
    return (f"<div class='ad-inserter ad-inserter-{n}' style='margin: 8px 0; clear: both;'>"
            f"{code}</div>")


@pytest.mark.parametrize(("code", "slots"), [
    # a comments box the plugin inserts after the post: no ad, no slot
    ('<div class="fb-comments" data-numposts="10" data-width="100%"></div>', []),
    # a related-story box its script fills, a counter's tag: no ad
    ('<div id="related-rss" data-feed="/feed/"></div>', []),
    # an ad in the block: the unit is the slot, once
    (_adiant("41220-1187345521"), [("Adblade", "41220-1187345521")]),
    ('<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-4410052270981234"'
     ' data-ad-slot="5521873310" data-ad-format="auto"></ins>',
     [("Google AdSense", "5521873310")]),
], ids=["comments box", "related-story box", "Adblade unit", "AdSense unit"])
def test_an_ad_inserter_block_is_a_slot_only_by_the_ad_it_holds(
        code: str, slots: list[tuple[str, str]], project_engine: Engine,
        catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, _ad_inserter(12, code))
    assert [(s.network, s.zone_id) for s in page.slots] == slots


# Ad Inserter's client-side insertion (its blocks inserted by JavaScript): the block's
# code base64 in `data-code`, its script putting it where `data-selector` points
def _ad_inserter_client_side(n: int, code: str, attrs: str = "") -> str:
    encoded = base64.b64encode(code.encode()).decode()
    attrs = attrs or (f'data-insertion-position="prepend" data-selector=".ai-insert-{n}-'
                      '40517722" data-insertion-no-dbg=""')
    return f'<div class="ai-viewport-3" {attrs} data-code="{encoded}" data-block="{n}"></div>'


_PLAYWIRE_BLOCK = ("<div class='code-block code-block-7' style='margin: 8px auto;'>\n"
                   "<!-- Phone // In content -->\n<div data-pw-mobi=\"med_rect_atf\"></div>"
                   "</div>")
_ADSENSE_BLOCK = ('<script async src="https://pagead2.googlesyndication.com/pagead/js/'
                  'adsbygoogle.js?client=ca-pub-4410052270981234"></script><ins '
                  'class="adsbygoogle" style="display:block" data-ad-client="ca-pub-'
                  '4410052270981234" data-ad-slot="5521873310"></ins><script>(adsbygoogle = '
                  'window.adsbygoogle || []).push({});</script>')


def test_an_ad_inserter_client_side_block_is_read_as_the_markup_it_inserts(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The decoded `data-code` is markup the page shows where the plugin inserts it:
    its units are slots at the element holding it, its IDs and loaders the page's; the
    same block inserted twice is two placements (older versions: `data-insertion`)."""
    page = _page(project_engine, catalogue,
                 _ad_inserter_client_side(7, _PLAYWIRE_BLOCK) + "<p>More.</p>"
                 + _ad_inserter_client_side(7, _PLAYWIRE_BLOCK) + "<p>Still more.</p>"
                 + _ad_inserter_client_side(
                     9, _ADSENSE_BLOCK, 'data-insertion="after" data-selector=".ai-insert-9-1"'))
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Playwire", "med_rect_atf"), ("Playwire", "med_rect_atf"),
        ("Google AdSense", "5521873310")]
    assert {"Playwire", "Google AdSense"} <= {n.network for n in page.networks}
    assert ("adsense-publisher", "ca-pub-4410052270981234") in {
        (i.kind, i.value) for i in page.ids}
    assert [r.via for r in page.resources if "adsbygoogle.js" in r.url] == [
        "div[data-code] script[src]"]


@pytest.mark.parametrize("body", [
    # base64 in `data-code` of an element no insertion script reads (no selector, no position)
    _ad_inserter_client_side(7, _PLAYWIRE_BLOCK, 'data-lang="html"'),
    _ad_inserter_client_side(7, _PLAYWIRE_BLOCK, 'data-selector=".ai-insert-7-1"'),
    # the insertion form holding words, not markup
    _ad_inserter_client_side(7, "data-pw-mobi med_rect_atf ca-pub-4410052270981234"),
    # the block's base64 shown as text in a tutorial
    "<pre>" + base64.b64encode(_PLAYWIRE_BLOCK.encode()).decode() + "</pre>",
], ids=["no insertion attributes", "a selector alone", "words, not markup", "base64 in a pre"])
def test_ad_inserter_look_alikes_insert_nothing(body: str, project_engine: Engine,
                                               catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, body)
    assert not page.slots
    assert not {"Playwire", "Google AdSense"} & {n.network for n in page.networks}


@pytest.mark.parametrize(("head", "network", "ids"), [
    # ShareThis's WordPress plugin (3.x) prints the code pasted into its settings, the key in
    # its query and its `&` escaped as WordPress escapes it
    ('<script charset="utf-8" type="text/javascript" src="http://w.sharethis.com/button/'
     'sharethis.js?publisher=5c0e61d2-8a3b-4f1e-9d27-60b4c8e1a9f3&#038;type=wordpress3.3.2">'
     "</script>", "ShareThis", {("sharethis-publisher", "5c0e61d2-8a3b-4f1e-9d27-60b4c8e1a9f3")}),
    ('<script type="text/javascript" src="http://w.sharethis.com/button/sharethis.js?type='
     'wordpress&amp;publisher=5c0e61d2-8a3b-4f1e-9d27-60b4c8e1a9f3"></script>',
     "ShareThis", {("sharethis-publisher", "5c0e61d2-8a3b-4f1e-9d27-60b4c8e1a9f3")}),
    # Awin's publisher MasterTag (Convert-a-Link): the publisher's ID in its file's name
    ('<script src="https://www.dwin2.com/pub.318277.min.js" defer></script>', "Awin",
     {("awin-publisher", "318277")}),
    # AdSupply's Engine loader, built inline as sites' copies write it
    ('<script>(function(){var s=document.createElement("script");s.type="text/javascript";'
     's.async=true;s.src="//cdn.engine.4dsply.com/Scripts/infinity.js.aspx?guid=0b6f1c2e-'
     '7a4d-4e90-8c15-d2a39f6e7b01";s.id="infinity";var e=document.getElementsByTagName('
     '"script")[0];e.parentNode.insertBefore(s,e);})();</script>', "Engine (AdSupply)", set()),
    # Optad360's consent tool and its plugin, which places the site's units
    ('<script async src="//cmp.optad360.io/items/6a1f0c3d-2b7e-4f58-9d41-c0e2a7b5f813.min.js">'
     '</script><script async src="//get.optad360.io/sf/9e2d4b71-3c0a-4f6e-8b25-71d0e9c4a6f2/'
     'plugin.min.js"></script>', "Optad360",
     {("optad360-cmp", "6a1f0c3d-2b7e-4f58-9d41-c0e2a7b5f813"),
      ("optad360-site", "9e2d4b71-3c0a-4f6e-8b25-71d0e9c4a6f2")}),
], ids=["ShareThis WordPress plugin", "ShareThis plugin, key second", "Awin publisher MasterTag",
        "Engine loader", "Optad360 CMP and plugin"])
def test_a_plugin_or_vendor_loader_names_its_vendor_and_ids(
        head: str, network: str, ids: set[tuple[str, str]], project_engine: Engine,
        catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, head=head)
    assert network in {n.network for n in page.networks}
    assert ids <= {(i.kind, i.value) for i in page.ids}


def test_a_sharethis_key_needs_its_loader_and_key(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    """A `publisher=` on another file, or a key of another shape, names no publisher."""
    page = _page(project_engine, catalogue, head=(
        '<script src="http://w.sharethis.com/button/other.js?publisher=5c0e61d2-8a3b-4f1e-9d27-'
        '60b4c8e1a9f3"></script><script src="http://w.sharethis.com/button/sharethis.js?'
        'publisher=YOUR-KEY&amp;type=wordpress"></script>'))
    assert not [i for i in page.ids if i.kind == "sharethis-publisher"]


def test_optad360_keys_need_its_own_hosts(project_engine: Engine,
                                          catalogue: Catalogue) -> None:
    """The same paths on a look-alike host, or in a <pre>, name no Optad360 key."""
    page = _page(project_engine, catalogue, head=(
        '<script async src="//get.optad360.io.evil.net/sf/9e2d4b71-3c0a-4f6e-8b25-71d0e9c4a6f2/'
        'plugin.min.js"></script><script async src="//cmp.notoptad360.io/items/6a1f0c3d-2b7e-'
        '4f58-9d41-c0e2a7b5f813.min.js"></script>'),
        body="<pre>//get.optad360.io/sf/9e2d4b71-3c0a-4f6e-8b25-71d0e9c4a6f3/plugin.min.js</pre>")
    assert not [i for i in page.ids if i.kind.startswith("optad360-")]


# AdRotate, the WordPress ad manager (AJdG Solutions), as its adrotate-output.php prints an
# advert: its head comment, its click tracker from the plugin's folder, and the advert's box
# `div.a-single.a-<advert>` (or its group's `div.g.g-<group>` round `g-single`, `g-dyn`,
# `g-col` boxes); the banner in it the site's own, served from its uploads
ADROTATE_HEAD = ("<!-- This site is using AdRotate v5.9 to display their advertisements - "
                 "https://ajdg.solutions/ -->")
ADROTATE_SCRIPT = ("<script type='text/javascript' id='clicktrack-adrotate-js-extra'>var "
                   'click_object = {"ajax_url":"https:\\/\\/www.harbourgazette.example\\/'
                   "wp-admin\\/admin-ajax.php\"};</script><script type='text/javascript' "
                   "src='https://www.harbourgazette.example/wp-content/plugins/adrotate/"
                   "library/jquery.adrotate.clicktracker.js' id='clicktrack-adrotate-js'>"
                   "</script>")
BANNER = ('<a class="gofollow" data-track="NywwLDEsNjA=" href="https://www.quaybank.example/'
          'open-account" target="_blank"><img src="https://www.harbourgazette.example/'
          'wp-content/banners/quaybank-728x90.jpg" /></a>')


@pytest.mark.parametrize(("body", "slots"), [
    # an advert shown alone, in the post's first paragraph (its post injection)
    (f'<p>Sailings resume in March.<div class="a-single a-7">{BANNER}</div></p>',
     [("AdRotate", "a-7")]),
    # a group's advert, one at a time; a rotating group's adverts; a block's columns
    (f'<div class="g g-3"><div class="g-single a-12">{BANNER}</div></div>', [("AdRotate", "a-12")]),
    (f'<div class="g g-4"><div class="g-dyn a-15 c-1">{BANNER}</div>'
     f'<div class="g-dyn a-16 c-2">{BANNER}</div></div>',
     [("AdRotate", "a-15"), ("AdRotate", "a-16")]),
    (f'<div class="g g-5"><div class="g-col b-5 a-21">{BANNER}</div>'
     f'<div class="g-col b-5 a-22">{BANNER}</div></div>',
     [("AdRotate", "a-21"), ("AdRotate", "a-22")]),
    # its sidebar widget round an advert: one placement
    (f'<aside><section id="adrotate_widgets-4" class="widget adrotate_widgets"><h4>Sponsored'
     f'</h4><div class="a-single a-9">{BANNER}</div></section></aside>', [("AdRotate", "a-9")]),
    # another network's unit pasted in as the advert's code: the unit is the slot, once
    ('<div class="a-single a-10"><ins class="adsbygoogle" style="display:block" '
     'data-ad-client="ca-pub-4410052270981234" data-ad-slot="5521873310"></ins></div>',
     [("Google AdSense", "5521873310")]),
], ids=["single advert", "group single", "dynamic group", "block", "widget", "holding AdSense"])
def test_an_adrotate_advert_is_a_slot_named_by_its_advert(
        body: str, slots: list[tuple[str, str]], project_engine: Engine,
        catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, body + ADROTATE_SCRIPT, head=ADROTATE_HEAD)
    assert [(s.network, s.zone_id) for s in page.slots] == slots
    assert "AdRotate" in {n.network for n in page.networks}
    adverts = {v for _n, v in slots if v.startswith("a-")}
    assert {i.value for i in page.ids if i.kind == "adrotate-ad"} == adverts


def test_adrotate_dynamic_groups_script_names_it(project_engine: Engine,
                                                 catalogue: Catalogue) -> None:
    """The script it prints for its rotating groups (`jQuery('.g-4').gslider({ groupid: 4,
    speed: 6000 })`) shows the plugin where no file of its folder is saved."""
    page = _page(project_engine, catalogue,
                 f'<div class="g g-4"><div class="g-dyn a-15 c-1">{BANNER}</div></div>',
                 head="<script type=\"text/javascript\">jQuery(document).ready(function(){"
                      "if(jQuery.fn.gslider) { jQuery('.g-4').gslider({ groupid: 4, speed: "
                      "6000 }); }});</script>")
    assert [(s.network, s.zone_id) for s in page.slots] == [("AdRotate", "a-15")]


@pytest.mark.parametrize(("body", "head"), [
    # a theme's own `a-single` boxes (a single-post layout, a video box), no plugin on the page
    (f'<div class="a-single a-1">{BANNER}</div><div class="g g-2"><div class="g-single a-3">'
     f"{BANNER}</div></div>", ""),
    # the plugin on the page, a theme's `a-single` with no advert's class
    (f'<div class="a-single">{BANNER}</div><div class="g-col">x</div>' + ADROTATE_SCRIPT, ""),
    # the plugin's folder named by another plugin's, or in prose
    (f'<div class="a-single a-1">{BANNER}</div><script src="https://www.harbourgazette.example/'
     "wp-content/plugins/adrotate-extra/library/jquery.adrotate.clicktracker.js\"></script>",
     ""),
    ('<pre>&lt;div class="a-single a-7"&gt; … /wp-content/plugins/adrotate/library/'
     "jquery.adrotate.clicktracker.js … jQuery('.g-4').gslider({ groupid: 4 })</pre>", ""),
    # the plugin on the page, a theme reusing its names round its own boxes: a grid's
    # `g-col` and a card's `a-single` among the theme's classes, a group's box with no group
    # wrapper round it, a wrapper that is no group's
    ('<div class="row"><div class="g-col a-1">x</div></div><div class="a-single a-2 card">'
     f'{BANNER}</div><div class="post-list"><div class="g-single a-3">{BANNER}</div></div>'
     f'<div class="g"><div class="g-dyn a-4 c-1">{BANNER}</div></div><div class="grid '
     f'g-2"><div class="g-col b-2 a-5">{BANNER}</div></div>' + ADROTATE_SCRIPT, ADROTATE_HEAD),
], ids=["theme boxes", "no advert class", "another plugin's folder", "prose",
        "theme reusing its names"])
def test_adrotate_look_alikes_are_no_advert(body: str, head: str, project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, body, head=head)
    assert not [s for s in page.slots if s.network == "AdRotate"], page.slots
    assert not [i for i in page.ids if i.kind == "adrotate-ad"]


# Galleria (galleria.com.ng), a Nigerian ad network, as its publishers paste it: its loader in
# the head, then where an advert goes an empty box and the call handing it the zone
GALLERIA_HEAD = '<script src="https://galleria.com.ng/inc/adsbygalleria.js"></script>'


def _galleria(zone: str) -> str:
    return f'<div id="galleriaadverts"></div>\n<script> pushgalleriaads({zone}); </script>'


def test_a_galleria_call_is_its_unit_and_names_its_zone(project_engine: Engine,
                                                        catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue,
                 f"<p>The ferry sails at nine.{_galleria('318')}</p><p>More.</p>"
                 f"<p>{_galleria('322')}</p>", head=GALLERIA_HEAD)
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Galleria", "318"), ("Galleria", "322")]
    assert {(i.kind, i.value) for i in page.ids if i.network == "Galleria"} == {
        ("galleria-zone", "318"), ("galleria-zone", "322")}


@pytest.mark.parametrize(("head", "body"), [
    # its loader's path on look-alike hosts, the box with no call
    ('<script src="https://notgalleria.com.ng/inc/adsbygalleria.js"></script><script src="'
     'https://galleria.com.ng.evil.net/inc/adsbygalleria.js"></script>',
     '<div id="galleriaadverts"></div>'),
    # the tag shown in prose, and another function of a like name
    ("", "<pre>&lt;div id=\"galleriaadverts\"&gt;&lt;/div&gt;&lt;script&gt;pushgalleriaads(201)"
     "&lt;/script&gt;</pre><script>mypushgalleriaads(201); pushgalleriaadsx(202);</script>"),
], ids=["look-alike hosts", "prose and other calls"])
def test_galleria_look_alikes_are_no_unit_and_no_zone(
        head: str, body: str, project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, body, head=head)
    assert not [s for s in page.slots if s.network == "Galleria"], page.slots
    assert "Galleria" not in {n.network for n in page.networks}
    assert not [i for i in page.ids if i.kind == "galleria-zone"]
