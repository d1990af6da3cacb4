"""Pages saved with their scripts stripped (archive and scraper copies): the ad tech that
survives is markup alone, the publisher's ad boxes and the vendors' containers and URLs,
and it must still name the placements, vendors and IDs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine
from auditor.slots import AD_BOX_RULE
from tests.hostile.scaling import assert_linear, audit_seconds


def _page(body: str, head: str = "", body_style: str = "") -> bytes:
    opening = f"<body style='{body_style}'>" if body_style else "<body>"
    return ("<!DOCTYPE html><html><head><title>Gazette</title>" + head + "</head>" + opening +
            "<article><h1>Harbour vote</h1><p>The council voted on the winter ferry "
            "timetable on Tuesday.</p>" + body + "<p>The new timetable starts in "
            "November.</p></article></body></html>").encode()


@pytest.fixture(scope="module")
def audit_page(project_engine: Engine, catalogue: Catalogue) -> Callable[..., PageReport]:
    """Audit a page with the project's rules alone: no list names these boxes."""
    def run(body: str, head: str = "", body_style: str = "") -> PageReport:
        (report,) = audit(_page(body, head, body_style), url="https://gazette.example/a",
                          engine=project_engine, catalogue=catalogue).pages
        return report
    return run


@pytest.mark.parametrize(("box", "slots"), [
    # a newspaper's ad loader box: its class says ad, its data- attributes configure it
    ("<div class='gz_header_adBanner' data-role='adloader' data-adloader-size='728x90' "
     "data-adloader-position='header'></div>", [(None, AD_BOX_RULE)]),
    # a media group's ad-server box declaring its slot by name
    ("<div class='nw-ad' data-slot='topbanner' data-render-ad='onload'></div>",
     [(None, AD_BOX_RULE)]),
    # DFP's container by its class (`dfp-` names Google's ad server)
    ("<div class='interad'><div class='dfp-ads' id='div-rail-1234'></div></div>",
     [("Google Publisher Tag", AD_BOX_RULE)]),
    # panes nested in panes, the empty div its code fills inside: one placement
    ("<div class='pane advert'><div class='advert__content'><div id='railbox'></div></div>"
     "</div>", [(None, AD_BOX_RULE)]),
    # a sticky box holding its "Advertisement" heading: the box, not the heading
    ("<aside><div class='post-sticky-ad' id='sidebar-sticky'><div class='heading'>"
     "Advertisement</div></div></aside>", [(None, AD_BOX_RULE)]),
    # boxes side by side, each its own placement
    # a negation or flag word before another word than the ad's is that word's
    ("<div class='widead non-empty-ad' id='rect1' data-pos='aside'></div>",
     [(None, AD_BOX_RULE)]),
    ("<div class='o-teaser--ad-with-fallback' data-pos='3'></div>", [(None, AD_BOX_RULE)]),
    # a Tailwind variant applying the site's own ad class at a breakpoint: still that class
    ("<div class='hidden md:gz-ad-rail' data-pos='rail'></div>", [(None, AD_BOX_RULE)]),
    # a row whose zero font closes the gaps between its inline-block boxes hides none
    ("<div class='rail' style='font-size:0'><div class='gz-ad' data-pos='r1'></div></div>",
     [(None, AD_BOX_RULE)]),
    ("<div style='font-size:0'><div class='row'><div class='col'><div class='gz-ad' "
     "data-pos='r2'></div></div></div></div>", [(None, AD_BOX_RULE)]),
    # a position word after the ad's, further on in the name: the section's ad box
    ("<div class='dfp_ad_pg_author_sec' id='dfp_ad_pg_author_sec_1'></div>",
     [("Google Publisher Tag", AD_BOX_RULE)]),
    ("<div class='gz_adBanner_large' data-ad-size='728x90'></div>"
     "<div class='gz_adBanner_small' data-ad-size='320x50'></div>",
     [(None, AD_BOX_RULE), (None, AD_BOX_RULE)]),
    # the word in the site's language: a French zone (`pub`), a German box (`werbung`)
    ("<div class='pub-container'><div class='srcPubZone' id='bigbox_resp_' "
     "data-adbox='true'></div></div>", [(None, AD_BOX_RULE)]),
    ("<div class='werbung-rechts' id='sky-1'></div>", [(None, AD_BOX_RULE)]),
], ids=["adloader box", "named slot", "dfp class", "nested panes", "labelled box",
        "non-empty ad", "ad with fallback", "tailwind breakpoint", "zero-font row",
        "zero-font grid", "author section",
        "twins", "french pub zone", "german werbung box"])
def test_a_publishers_unfilled_ad_box_is_a_placement(audit_page: Callable[..., PageReport],
                                                      box: str,
                                                      slots: list[tuple[str | None, str]]
                                                      ) -> None:
    report = audit_page(box)
    assert [(s.network, s.rule) for s in report.slots] == slots


@pytest.mark.parametrize("box", [
    "<div class='ad-wrapper'></div>",  # a theme's bare wrapper: nothing to fill it by
    "<div class='sticky-leaderboard-ad'></div>",  # a format in the class is no handle
    "<div id='ad_pixels'></div>",  # an id alone names a script's job, not an ad box
    "<div class='widget' data-ad='incontent_social'></div>",  # an attribute alone
    "<div class='ad-label' id='lbl'>Advertisement</div>",  # the label itself
    "<div class='ads adsbox' id='bait' style='width:1px;height:1px'>&nbsp;</div>",  # bait
    "<div class='ad-1x1' id='px'></div>",  # a pixel's box
    "<div class='c-ad-whitelist' data-ui='prompt'></div>",  # an ad blocker's prompt
    "<div class='ad_store' id='ad_store_header' style='width:300px'></div>",  # a staging box
    "<div class='rollover-ad' id='ro' style='display:none'><div id='ro-in'></div></div>",
    "<div class='house-ad' id='h1'><a href='/subscribe'><img src='/s.png' alt=''></a></div>",
    "<div class='ad-card' id='c1'><p>Our newsletter, every Friday.</p></div>",
    # a class saying the part holds no ad (a theme's marker where its ad code places none)
    "<section class='page no-ads' id='main-section' data-page='12'></section>",
    "<div class='ads-disabled' id='comments'></div>",
    "<div class='sidebar ads-off' data-widget='related'></div>",
    "<div class='non-ad' id='promo-1'></div>",
    # an admin export's panels about ads: their settings, ads.txt, a debug console
    "<div class='ad-settings' id='tab-ads' data-tab='ads'></div>",
    "<div class='ads-txt-editor' id='ads-txt'></div>",
    "<div class='ad-debug' id='dbg'></div>",
    "<div class='ads-policy' id='policy'></div>",
    # an app's root a script renders into, flagged as a page with ads (a script-stripped
    # copy of a single-page app keeps it empty), and a consent dialog's purpose row
    "<div id='root' class='app ads-enabled'></div>",
    "<div id='__next' class='has-ads' data-reactroot=''></div>",
    "<div id='app' class='layout with-ads' data-v-app=''></div>",
    "<div id='page' class='site show-ads' data-template='article'></div>",
    "<div class='ads-personalization' id='cmp-purpose-4' data-purpose='4'></div>",
    # a theme's spacing round its ads, sized inline: layout, nothing an ad fills
    "<div class='ad-spacer' style='height:24px'></div>",
    "<div class='ad-separator' style='margin:20px 0;height:10px'></div>",
    "<div class='ads-gap' id='gap-2' style='height:40px'></div>",
    "<div class='ad-border' style='width:100%;height:3px'></div>",
    # a subscriber's copy: the page hides its ad row for members, the boxes deep inside
    "<div class='member-hide' style='display:none'><div class='container'><div class='row'>"
    "<div class='col'><div class='gz-ad' data-pos='top'></div></div></div></div></div>",
    "<section hidden><div class='grid'><div class='cell'><div class='cell-in'>"
    "<aside class='rail-ad' id='rail-top'></aside></div></div></div></section>",
    # the box a script clones from a template for each ad it inserts: nothing rendered
    "<template id='inline-ad-tpl'><div class='gz-ad gz-ad--inline' data-pos='inline'></div>"
    "</template>",
    # Tailwind's variants and arbitrary values styling a box by another element or a state
    # named ad (its descendants `.ad`, a sibling `.ad`, a slot attribute): the box is the
    # utility's (`hidden`, `mt-4`), no ad's
    "<div class='flex [&_.ad]:hidden' id='main'></div>",
    "<div class='peer-[.ad]:mt-4' data-state='closed'></div>",
    "<div class='data-[slot=ad]:p-4 rounded' data-slot='content'></div>",
    "<div class='grid ad:hidden' id='m'></div>",
    # a classifieds page, where an ad is a listing: its parts a script fills (the seller's
    # map, the phone number revealed on a click, the poster's box) are no ad placements
    "<div class='ad-map' id='ad-map' data-lat='52.37' data-lng='4.89'></div>",
    "<div class='ad-phone' data-phone-hash='a91f3c'></div>",
    "<div class='ad-author' id='author-box' data-user-id='12'></div>",
    "<div class='listing-ad-price' data-price='1200'></div>",
    "<div class='article-pub-date' id='published'></div>",  # a date its script writes
    "<div class='post category-werbung' id='post-12'></div>",  # a post's taxonomy class
], ids=["bare wrapper", "format class", "id only", "attribute only", "label", "bait",
        "1x1", "whitelist prompt", "ad store", "hidden rollover", "filled", "text",
        "no ads", "ads disabled", "ads off", "non ad", "settings", "ads.txt", "debug",
        "policy", "app root enabled", "app root has", "app root with", "app root show",
        "consent purpose", "spacer", "separator", "gap", "border", "hidden row",
        "hidden section", "template", "tailwind descendant", "tailwind peer",
        "tailwind data variant", "tailwind custom variant", "listing map", "listing phone",
        "listing author", "listing price",
        "publication date", "taxonomy"])
def test_no_placement_where_the_box_is_not_an_unfilled_ad(
        audit_page: Callable[..., PageReport], box: str) -> None:
    assert [s.rule for s in audit_page(box).slots if s.rule == AD_BOX_RULE] == []


@pytest.mark.parametrize("style", ["opacity:0", "visibility:hidden"])
def test_a_page_hidden_until_its_script_shows_it_keeps_its_boxes(
        audit_page: Callable[..., PageReport], style: str) -> None:
    """A theme's fade-in (`<body style="opacity:0">` until its script shows the page) or
    an anti-flicker snippet hides the whole page a moment, no box in it."""
    report = audit_page("<div class='wrap'><div class='gz-ad' data-pos='top'></div></div>",
                        body_style=style)
    assert [(s.network, s.rule) for s in report.slots] == [(None, AD_BOX_RULE)]


def test_a_box_round_or_beside_a_known_unit_is_that_units_placement(
        audit_page: Callable[..., PageReport]) -> None:
    inside = audit_page("<div class='ad-box' id='top'><div id='div-gpt-ad-123-0'></div></div>")
    beside = audit_page("<div class='gz-ad' id='ad-header'><div class='gz-ad' data-pos='top'>"
                        "</div><noscript><a href='https://ad.doubleclick.net/jump/gz/home;"
                        "sz=728x90'><img src='https://ad.doubleclick.net/ad/gz/home;"
                        "sz=728x90'></a></noscript></div>")
    assert [s.rule for s in inside.slots if s.rule == AD_BOX_RULE] == []
    assert len(inside.slots) == 1
    assert [s.rule for s in beside.slots if s.rule == AD_BOX_RULE] == []


@pytest.mark.parametrize(("box", "network"), [
    ("<div id='rail__sharethrough'></div>", "Sharethrough"),  # a native vendor's rail box
    ("<section class='criteo-banner' id='cr-top'></section>", "Criteo"),
], ids=["sharethrough rail", "criteo section"])
def test_an_empty_box_an_ad_vendors_word_names_is_its_placement(
        audit_page: Callable[..., PageReport], box: str, network: str) -> None:
    # the vendor's code stripped from the copy, the site's box for its unit stays
    assert [(s.network, s.rule) for s in audit_page(box).slots] == [(network, AD_BOX_RULE)]


@pytest.mark.parametrize("box", [
    "<div id='teads-consent'></div>",  # the vendor's consent prompt, no unit
    "<div class='outbrain-label' id='ob-l'>Recommended</div>",  # a label with text
    "<div class='no-adsense' id='n1'></div>",  # a page's marker that it takes no ads
    "<aside id='onward' class='onward js-outbrain-anchor'></aside>",  # a script's hook
    # the vendor's code runs here: its own forms find its units, the named box is theirs
    "<div id='outbrain_aside'></div><script src='https://widgets.outbrain.com/outbrain.js'>"
    "</script>",
], ids=["consent prompt", "label", "no-ads marker", "js hook", "vendor running"])
def test_no_vendor_placement_where_the_box_is_its_furniture(
        audit_page: Callable[..., PageReport], box: str) -> None:
    assert [s for s in audit_page(box).slots if s.rule == AD_BOX_RULE] == []


def test_a_box_whose_ad_attribute_names_a_vendor_is_the_vendors(
        audit_page: Callable[..., PageReport]) -> None:
    report = audit_page("<div id='native-rail' class='gz-ad' data-ad-template='sharethrough' "
                        "data-ad-native-key='Ab12Cd34Ef56Gh78Ij90Kl12'></div>")
    assert [(s.network, s.rule) for s in report.slots] == [("Sharethrough", AD_BOX_RULE)]


@pytest.mark.parametrize("attribute", [
    "data-ad-exclude='taboola,outbrain'", "data-ads-blocked='criteo'",
    "data-no-ads='teads'", "data-ad-disable='sharethrough'"])
def test_a_vendor_an_ad_attribute_refuses_names_no_vendor(
        audit_page: Callable[..., PageReport], attribute: str) -> None:
    """A box's attribute keeping a vendor out of it (`data-ad-exclude="taboola"`) names
    that vendor, but not as the box's: the box stays unnamed."""
    report = audit_page(f"<div id='rail-2' class='gz-ad' {attribute}></div>")
    assert [(s.network, s.rule) for s in report.slots] == [(None, AD_BOX_RULE)]


def test_a_yieldmo_placement_div_without_its_class_is_its_unit(
        audit_page: Callable[..., PageReport]) -> None:
    report = audit_page("<aside class='sponsored'><div id='ym_1234567890123456789'></div>"
                        "</aside><div id='ym_2024_05'></div>")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Yieldmo", "1234567890123456789")]
    assert ("yieldmo-placement", "1234567890123456789") in {(i.kind, i.value)
                                                            for i in report.ids}


def test_a_criteo_publisher_tag_container_without_its_loader_is_its_unit(
        audit_page: Callable[..., PageReport]) -> None:
    """Criteo's generated unit writes its container as `div#crt-<zoneid>`: a copy with its
    scripts stripped keeps the div alone, and it names the zone; a `crt-` id of words no."""
    report = audit_page("<aside><div style='width:300px;height:600px'><div id='crt-538481'>"
                        "</div></div></aside><div id='crt-header'></div>")
    assert [(s.network, s.zone_id) for s in report.slots] == [("Criteo", "538481")]
    assert ("criteo-zone", "538481") in {(i.kind, i.value) for i in report.ids}


def test_a_taboola_container_under_the_sites_prefix_is_its_unit(
        audit_page: Callable[..., PageReport]) -> None:
    report = audit_page("<div id='taboola-below-article'></div><p>More text.</p>"
                        "<div id='gz-taboola-right-rail'></div>")
    assert [s.network for s in report.slots] == ["Taboola", "Taboola"]


@pytest.mark.parametrize("box", [
    # a CMS's settings block for its Taboola module, a form
    "<div id='block-taboola-settings-form'><form><input name='publisher'></form></div>",
    # an article's comparison table and its editors' fallback list, named for the word
    "<div id='outbrain-vs-taboola-comparison'><table><tr><td>CPM</td></tr></table></div>",
    "<div id='no-taboola-fallback'><p>Related stories handpicked by our editors.</p></div>",
    # … and with the word opening the id, as Taboola's own containers have it
    "<div id='taboola-vs-outbrain'><table><tr><td>CPM</td></tr></table>"
    "<p>Our comparison of the two widgets.</p></div>",
], ids=["settings form", "comparison table", "editors' fallback", "opening the id"])
def test_a_box_of_prose_a_table_or_a_form_with_taboola_inside_its_id_is_no_unit(
        audit_page: Callable[..., PageReport], box: str) -> None:
    """A site's Taboola container under its own prefix (`iq-taboola-right-rail`) is an empty
    placeholder its loader fills; a box whose id merely holds the word and which holds the
    page's own prose, table or form is no Taboola unit (each named Taboola on a page
    without it)."""
    report = audit_page(box)
    assert "Taboola" not in {s.network for s in report.slots}
    assert "Taboola" not in {n.network for n in report.networks}


def test_two_empty_containers_of_one_vendor_side_by_side_stay_two(
        audit_page: Callable[..., PageReport]) -> None:
    """An empty container is no placeholder of the unit beside it when that unit is as
    empty (a site's second container in the sidebar's widget, not the rendered ad)."""
    report = audit_page("<div id='taboola-below-article'></div><aside class='widget'>"
                        "<div id='gz-taboola-right-rail'></div></aside>")
    assert [s.network for s in report.slots] == ["Taboola", "Taboola"]


def test_pianos_composer_loader_names_the_application(
        audit_page: Callable[..., PageReport]) -> None:
    snippet = ("<script>(function(src){var a=document.createElement('script');a.src=src;"
               "document.head.appendChild(a)})('https://experience.tinypass.com/xbuilder/"
               "experience/load?aid=Gz7hQ2kLpX');</script>")
    report = audit_page("", head=snippet)
    assert ("piano-aid", "Gz7hQ2kLpX") in {(i.kind, i.value) for i in report.ids}


@pytest.mark.parametrize("config", [
    '{"advertising":{"client":"freewheel","freewheel":{"networkid":123456,'
    '"serverid":"//12345.v.fwmrm.net/ad/p/1"}}}',
    '{"freewheel":{"profileid":"123456:gazette_web","serverid":"//12345.v.fwmrm.net/ad/p/1"}}',
], ids=["lowercase networkid", "profile"])
def test_a_players_freewheel_config_names_the_network(
        audit_page: Callable[..., PageReport], config: str) -> None:
    report = audit_page(f"<div id='player'></div><script>window.__data={config};</script>")
    assert ("freewheel-network", "123456") in {(i.kind, i.value) for i in report.ids}
    assert "gpt-network" not in {i.kind for i in report.ids}


def _boxes(n: int) -> str:
    return "".join(f"<div class='gz-ad' data-slot='s{i}'></div><p>Text {i}.</p>"
                   for i in range(n))


def _nested(n: int) -> str:
    return "<div class='gz-ad' id='a'>" * n + "<div id='in'></div>" + "</div>" * n


def _beside(n: int) -> str:
    return "".join(f"<div class='gz-ad' id='b{i}'></div><div id='div-gpt-ad-{i}-0'></div>"
                   for i in range(n))


def _deep(n: int) -> str:
    """Boxes deep in a column of plain divs, each box's holders read for their hiding."""
    return ("<div>" * n + "".join(f"<div class='gz-ad' id='d{i}'></div>" for i in range(n))
            + "</div>" * n)


def _vendor_boxes(n: int) -> str:
    # boxes an ad vendor's word names, each id long with the word at its end
    return "".join(f"<div id='{'x' * 200}_sharethrough{i}'></div><p>Text {i}.</p>"
                   for i in range(n))


@pytest.mark.parametrize(("build", "n"), [(_boxes, 1000), (_nested, 500), (_beside, 1000),
                                          (_deep, 500), (_vendor_boxes, 1000)])
def test_ad_boxes_are_read_in_linear_time(build: Callable[[int], str], n: int) -> None:
    assert_linear(lambda size: audit_seconds(_page(build(size)).decode()), n, build.__name__)


def test_badges_in_items_with_unclosed_boxes_are_each_a_placement(
        catalogue: Catalogue) -> None:
    # libxml2 nested each badge in the one before (the saved page's `</li>` ignored), and
    # the outer badge swallowed the rest as one hidden holder; a browser shows three
    page = _page("<div class='thumbs'><ul><li><div class='adunit' id='Badge1'></li>"
                 "<li><div class='adunit' id='Badge2'></li>"
                 "<li><div class='adunit' id='Badge3'></li></ul></div>")
    (report,) = audit(page, url="https://gazette.example/a",
                      engine=Engine.from_text("##.adunit"), catalogue=catalogue).pages
    assert [s.rule for s in report.slots] == ["##.adunit"] * 3


def test_a_second_empty_box_of_a_taken_id_is_no_placement(catalogue: Catalogue) -> None:
    # the badges a second time under the same ids: the code fills the first of each id
    page = _page("<div class='adunit' id='Badge1'></div><p>Between the two.</p>"
                 "<div class='adunit' id='Badge1'></div><div class='adunit' id='Badge2'></div>")
    (report,) = audit(page, url="https://gazette.example/a",
                      engine=Engine.from_text("##.adunit"), catalogue=catalogue).pages
    assert [s.xpath.rsplit("/", 1)[-1] for s in report.slots] == ["div[1]", "div[3]"]


def test_a_box_of_a_taken_id_configured_otherwise_is_a_placement(catalogue: Catalogue) -> None:
    # a CMS template's widget include pasted in the rail and again under the article, each
    # copy under the include's one id: the position each declares tells them apart
    page = _page("<article><p>Story text.</p>"
                 "<aside><div id='partner-widget' class='partner-unit'"
                 " data-position='rightside'></div></aside>"
                 "<p>More story text.</p>"
                 "<div id='partner-widget' class='partner-unit'"
                 " data-position='articleBottom'></div></article>")
    (report,) = audit(page, url="https://gazette.example/a",
                      engine=Engine.from_text("##.partner-unit"), catalogue=catalogue).pages
    assert [s.xpath for s in report.slots] == ["/html/body/article/article/aside/div",
                                               "/html/body/article/article/div"]


def test_a_box_of_a_taken_id_the_first_filled_is_no_placement(catalogue: Catalogue) -> None:
    # a DOM save: the ad code filled the first box of the id and marked it as it did (GPT's
    # data-google-query-id); the second copy, empty and declaring nothing else, stays empty
    page = _page("<aside><div class='ad-unit' id='ad-sidebar'"
                 " data-google-query-id='CKfW4q2-1fsCFQ'><iframe width='300' height='250'"
                 " src='about:blank'></iframe></div></aside>"
                 "<p>Story text.</p><div class='ad-unit' id='ad-sidebar'></div>")
    (report,) = audit(page, url="https://gazette.example/a",
                      engine=Engine.from_text("##.ad-unit"), catalogue=catalogue).pages
    assert [s.xpath for s in report.slots] == ["/html/body/article/aside/div"]
