"""Vendors' documented unit containers and config forms that real pages showed the tool
missing: PageFair's (Blockthrough's) ad-recovery markers, an ad caption under an empty
unit, New Relic's app ID spelled `applicationId`, TrendMD's container, Public Good's unit."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine


def _page(html: bytes, engine: Engine, catalogue: Catalogue) -> PageReport:
    (page,) = audit(html, url="https://news.test/a", engine=engine, catalogue=catalogue).pages
    return page


# PageFair's acceptable-ads box beside a unit (ten hex digits, its placement), and a
# site's own box that borrows the class with an id of another form
PAGEFAIR_BOX = b"""<html><head><title>t</title></head><body>
<p>Article text that a reader came for.</p>
<div class="banner"><div id="a4b5c6d7e8" class="pagefair-acceptable"></div></div>
<div class="note pagefair-acceptable" id="intro">A box of the site's own.</div>
</body></html>"""


def test_pagefair_acceptable_ads_box_is_blockthroughs_slot(
        project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(PAGEFAIR_BOX, project_engine, catalogue)
    assert [(s.network, s.zone_id, s.xpath) for s in page.slots] == [
        ("Blockthrough", "a4b5c6d7e8", "/html/body/div[1]/div")]
    assert "Blockthrough" in {n.network for n in page.networks}


# the recovery marker on a site's own slots (scripts stripped: no loader to name), and on
# the wrapper round a GPT div, whose unit is the GPT div's
ADONIS = b"""<html><head><title>t</title>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script></head><body>
<div id="topAdv" class="l-box" adonis-marker data-pan-sizes="[[728,90]]">
<div id="div-gpt-ad-top728x90-0" style="height:90px; width:728px;">
<script>googletag.cmd.push(function() { googletag.display('div-gpt-ad-top728x90-0'); });</script>
</div></div>
<p>Article text that a reader came for.</p>
<div class="textwidget"><div id="3228785" adonis-marker=""></div></div>
</body></html>"""


def test_adonis_marker_makes_a_slot_naming_no_vendor(
        project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(ADONIS, project_engine, catalogue)
    assert sorted((s.xpath, s.network) for s in page.slots) == [
        ("/html/body/div[1]/div", "Google Publisher Tag"),
        ("/html/body/div[2]/div", None)]
    assert "Blockthrough" not in {n.network for n in page.networks}


# an "Advertisement" caption printed under the empty box a site's ad code fills by its id
CAPTION = b"""<html><head><title>t</title></head><body>
<p>Article text that a reader came for.</p>
<div id="sidebar"><div class="textwidget"><div id="3102476"></div>
<p class="ad-box-caption">Advertisement</p></div>
<div class="textwidget"><div id="3390618"></div>  <!-- unit -->
<p class="ad-box-caption text-right">Advertisement</p></div></div>
</body></html>"""


def test_a_caption_under_an_empty_unit_gives_the_unit(catalogue: Catalogue) -> None:
    # EasyList hides the caption (`##.ad-box-caption`); nothing hides the box until it fills
    page = _page(CAPTION, Engine.from_text("##.ad-box-caption\n", name="t"), catalogue)
    assert sorted(s.xpath for s in page.slots) == [
        "/html/body/div/div[1]/div", "/html/body/div/div[2]/div"]


# New Relic's snippet with the app key spelled `applicationId` by the site, and another
# SDK's `applicationId` (a search widget's) that is no New Relic app
NEW_RELIC = b"""<html><head><title>t</title>
<script>window.NREUM||(NREUM={});NREUM.init={privacy:{cookies_enabled:true}};
;NREUM.info={"beacon":"bam.nr-data.net","errorBeacon":"bam.nr-data.net","sa":1,
"licenseKey":"0a1b2c3d4e","applicationId":"24681357"}</script>
<script>var search = {applicationId: "13572468", apiKey: "x"};</script>
</head><body><p>Article text that a reader came for.</p></body></html>"""


def test_new_relic_app_id_spelled_lower_case_in_its_info_object(
        project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(NEW_RELIC, project_engine, catalogue)
    assert {(i.kind, i.value) for i in page.ids} == {
        ("newrelic-application", "24681357"), ("newrelic-key", "0a1b2c3d4e")}


# TrendMD's documented container, its script loaded by the site's own bundle
TRENDMD = b"""<html><head><title>t</title><script src="/js/extra-site.min.js"></script>
</head><body><p>Article text that a reader came for.</p>
<div class="around-the-web"><div class="disclosure">Relevant articles from the
<a href="https://www.trendmd.com/how-it-works-readers">TrendMD network</a>.</div>
<div id="trendmd-suggestions"></div></div>
</body></html>"""


def test_trendmd_container_is_its_widget(project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(TRENDMD, project_engine, catalogue)
    assert [(s.network, s.xpath) for s in page.slots] == [
        ("TrendMD", "/html/body/div/div[2]")]
    assert "TrendMD" in {n.network for n in page.networks}


# Public Good's unit with its loader; the same container with none is no unit of it
PUBLIC_GOOD = b"""<html><head><title>t</title></head><body>
<p>Article text that a reader came for.</p>
<div class="impact-unit-wrapper">
  <div class="pgs-dpg-flex" data-pgs-partner-id="news-test">
    <div class="pre-content"><div class="impact-unit"></div></div>
  </div>
  <script async src="https://assets.publicgood.com/pgm/v1/dpg.js"></script>
</div></body></html>"""


def test_public_good_unit_is_its_slot_where_its_loader_runs(
        project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(PUBLIC_GOOD, project_engine, catalogue)
    assert [(s.network, s.xpath) for s in page.slots] == [
        ("Public Good", "/html/body/div/div")]
    bare = PUBLIC_GOOD.replace(b"assets.publicgood.com/pgm/v1/dpg.js", b"news.test/js/site.js")
    assert not [s for s in _page(bare, project_engine, catalogue).slots
                if s.network == "Public Good"]


# Adobe Target's page hook, defined before the site's own copy of at.js (a bare `at.js`
# names no vendor: any site's file may be called so)
TARGET_HOOK = b"""<html><head><title>t</title>
<script>targetPageParams = function() { return {"pageType": "article"}; };</script>
<script src="/assets/js/at.js"></script>
</head><body><p>Article text that a reader came for.</p></body></html>"""


def test_adobe_target_page_hook_names_adobe(project_engine: Engine, catalogue: Catalogue) -> None:
    assert "Adobe Experience Platform" in {
        n.network for n in _page(TARGET_HOOK, project_engine, catalogue).networks}
    bare = TARGET_HOOK.replace(b"targetPageParams = function", b"pageParams = function")
    assert "Adobe Experience Platform" not in {
        n.network for n in _page(bare, project_engine, catalogue).networks}


# a news site's direct-sold "ear" banners beside its logo: links out round images of its own
# ad folder; its own sales page's button from that folder, an image of the folder with no
# link, a link out round an image of another folder, and the folder's path in prose are none
EAR_BANNERS = b"""<html><head><title>t</title></head><body>
<div class="masthead"><div class="col-left" id="left-box">
<a target="_blank" href="http://www.dental-clinic.example"><img src="https://news.test/assets/advertise/clinic_web_ad.gif"></a></div>
<div class="logo"><a href="https://news.test/"><img src="https://news.test/images/logo.png"></a></div>
<div class="col-right" id="right-box">
<a target="_blank" href="https://www.herbals.example/">
<img src="/media/advertisement/herbals.gif"></a></div></div>
<p>Article text that a reader came for.</p>
<div class="foot"><a href="https://news.test/advertise-with-us/">
<img src="https://news.test/assets/advertise/advertise-here.png" alt="Advertise with us"></a>
<img src="/assets/advertise/rates-chart.png" alt="rates">
<a href="https://www.partner.example/"><img src="/assets/partners/partner.png"></a>
<p>Our banners live under /assets/advertise/ on the server.</p></div>
</body></html>"""


def test_a_link_out_round_an_image_of_the_sites_ad_folder_is_a_direct_banner(
        project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(EAR_BANNERS, project_engine, catalogue)
    assert sorted((s.xpath, s.network) for s in page.slots) == [
        ("/html/body/div[1]/div[1]/a/img", None),
        ("/html/body/div[1]/div[3]/a/img", None)]


# the site's own pages round images of its ad folder (its media kit's charts linked to its
# contact page, written absolute): no link out, no advertiser's banner, whether the page's
# address, the image's or the page's own links name the site
OWN_PAGES = b"""<html><head><title>t</title></head><body>
<div class="kit"><a href="https://www.news.test/contact/"><img src="https://news.test/assets/advertise/audience.png"></a>
<a href="https://news.test/media-kit.pdf"><img src="/assets/advertise/rates.png"></a></div>
<p>Article text that a reader came for.</p>
</body></html>"""


@pytest.mark.parametrize("url", ["https://news.test/about/ads/", None])
def test_a_link_to_the_sites_own_page_round_its_ad_folders_image_is_none(
        url: str | None, project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(OWN_PAGES, url=url, engine=project_engine, catalogue=catalogue).pages
    # no address: the relative image's site is unknown, its link read as one out
    assert [s.xpath for s in page.slots if "ad folder" in (s.rule or "")] == (
        [] if url else ["/html/body/div/a[2]/img"])
