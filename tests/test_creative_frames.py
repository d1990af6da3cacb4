"""An ad's own code in the frame it was served into (a page saved from a browser keeps it
as `srcdoc`, or as the markup a `javascript:` src writes): its IDs are the advertiser's,
marked the creative's (`Origin.CREATIVE`), naming no network of the page's and joining no
sites; the operator's IDs beside them, and a frame outside every ad slot, are unchanged.
Pages written here after the forms a saved GPT slot and an operator's widget take."""

from __future__ import annotations

import html
from typing import Any

import pytest
from mhtml_fixtures import Part, chrome

from auditor import pipeline
from auditor.catalogue import Catalogue
from auditor.creatives import creative_ids
from auditor.model import Origin, PageReport
from auditor.pipeline import audit, audit_records, default_engine
from auditor.readers import read_source
from auditor.report.provenance import origin_note
from auditor.rules import Engine

_HEAD = ("<html><head><title>t</title>\n"
         "<script async src='https://www.googletagmanager.com/gtag/js?id=G-SITE4242'></script>\n"
         "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push("
         "arguments);}gtag('js',new Date());gtag('config','G-SITE4242');</script>\n"
         "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>\n"
         "<script>googletag.cmd.push(function(){googletag.defineSlot('/7654321/city/top',"
         "[300,250],'div-gpt-ad-1').addService(googletag.pubads());"
         "googletag.enableServices();});</script>\n"
         "</head><body><p>The story a reader came for.</p>\n")

# an advertiser's conversion tag and Meta pixel, as an ad's document runs them
_CREATIVE = ("<html><body><a href='https://adclick.g.doubleclick.net/x'><img "
             "src='https://tpc.googlesyndication.com/simgad/123'></a><script>"
             "var google_conversion_id = 987654321;fbq('init', '111222333444555');"
             "</script></body></html>")

_ADVERTISERS = {("google-ads-conversion", "987654321"), ("facebook-pixel", "111222333444555")}


def _gpt_slot(frame: str) -> str:
    return ("<div id='div-gpt-ad-1'><div id='google_ads_iframe_/7654321/city/top_0__container__'>"
            f"{frame}</div></div>\n")


def _srcdoc_frame(doc: str, attrs: str = "id='google_ads_iframe_/7654321/city/top_0'") -> str:
    return f"<iframe {attrs} width='300' height='250' srcdoc=\"{html.escape(doc)}\"></iframe>"


def _audit(page: str, catalogue: Catalogue) -> PageReport:
    (report,) = audit(page.encode(), url="https://city.test/story", catalogue=catalogue,
                      engine=Engine.from_text("", name="t")).pages
    return report


def _by_origin(report: PageReport, origin: Origin) -> set[tuple[str, str]]:
    return {(i.kind, i.value) for i in report.ids if i.origin is origin}


def test_a_gpt_slots_creative_ids_are_the_creatives(catalogue: Catalogue) -> None:
    report = _audit(_HEAD + _gpt_slot(_srcdoc_frame(_CREATIVE)) + "</body></html>", catalogue)
    assert _by_origin(report, Origin.CREATIVE) == _ADVERTISERS
    # the operator's own IDs beside them stay the operator's
    assert {("gpt-slot", "/7654321/city/top"), ("gpt-network", "7654321")} \
        <= _by_origin(report, Origin.OPERATOR)
    assert not _ADVERTISERS & _by_origin(report, Origin.OPERATOR)
    creative = next(i for i in report.ids if i.origin is Origin.CREATIVE)
    assert creative.why and "Google Publisher Tag ad slot" in creative.why
    assert origin_note(creative).startswith("ad creative: ")
    assert creative.to_dict()["origin"] == "creative"
    # the advertiser's networks are not the page's
    names = {n.network for n in report.networks}
    assert "Google Publisher Tag" in names
    assert not {"Facebook Pixel", "Google Ads"} & names


def test_a_javascript_frame_in_an_ad_slot_runs_the_creative(catalogue: Catalogue) -> None:
    code = 'document.open();document.write("' + _CREATIVE + '");document.close();'
    frame = f"<iframe width='300' height='250' src='javascript:{html.escape(code)}'></iframe>"
    report = _audit(_HEAD + _gpt_slot(frame) + "</body></html>", catalogue)
    assert _by_origin(report, Origin.CREATIVE) == _ADVERTISERS


# a widget's document with its vendor's loader: its pixel is read outside a slot too
_WIDGET = ("<html><body><p>Sign up</p><script async "
           "src='https://connect.facebook.net/en_US/fbevents.js'></script><script>"
           "fbq('init', '111222333444555');fbq('track', 'PageView');</script></body></html>")
_PIXEL = ("facebook-pixel", "111222333444555")


def test_a_frame_outside_every_slot_keeps_its_ids(catalogue: Catalogue) -> None:
    # the site's own widget written into a frame: its code is the operator's
    widget = "<div class='newsletter-signup'>" + _srcdoc_frame(_WIDGET, "title='signup'")
    report = _audit(_HEAD + widget + "</div>\n</body></html>", catalogue)
    assert not report.slots
    assert _PIXEL in _by_origin(report, Origin.OPERATOR)
    assert not _by_origin(report, Origin.CREATIVE)
    # the same document served into an ad slot is the creative's
    report = _audit(_HEAD + _gpt_slot(_srcdoc_frame(_WIDGET)) + "</body></html>", catalogue)
    assert _by_origin(report, Origin.CREATIVE) == {_PIXEL}


def test_an_id_the_page_writes_itself_stays_the_operators(catalogue: Catalogue) -> None:
    # the same pixel in the page's own code and in an ad's: the page installed it
    own = "<script>fbq('init', '111222333444555');</script>\n"
    report = _audit(_HEAD + own + _gpt_slot(_srcdoc_frame(_CREATIVE)) + "</body></html>",
                    catalogue)
    assert ("facebook-pixel", "111222333444555") in _by_origin(report, Origin.OPERATOR)
    assert _by_origin(report, Origin.CREATIVE) == {("google-ads-conversion", "987654321")}


# what the creative loads itself (its pixel's and its conversion tag's requests), and a
# conversion ID its code sets
_LOADING_CREATIVE = ("<html><body><img src='https://tpc.googlesyndication.com/simgad/123'>"
                     "<img src='https://www.facebook.com/tr?id=111222333444555&ev=PageView' "
                     "width='1' height='1'><script async src='https://www.googletagmanager.com/"
                     "gtag/js?id=AW-987654321'></script><script>var google_conversion_id = "
                     "987654322;</script></body></html>")
_LOADED = {("facebook-pixel", "111222333444555"), ("google-ads-conversion", "AW-987654321"),
           ("google-ads-conversion", "987654322")}


def _mhtml(frame_attrs: str, wrap: bool, catalogue: Catalogue) -> PageReport:
    """The page as Chrome saves it, the ad's document a frame part the iframe names."""
    frame = (f"<iframe {frame_attrs} src='cid:frame-ad@mhtml.blink' width='300' height='250'>"
             "</iframe>")
    page = _HEAD + (_gpt_slot(frame) if wrap else frame) + "</body></html>"
    data = chrome("https://city.test/story", "t", [
        Part("text/html", "https://city.test/story", page.encode()),
        Part("text/html", "about:blank", _LOADING_CREATIVE.encode(), cid="frame-ad@mhtml.blink")])
    (report,) = audit_records(read_source(data), Engine.from_text("", name="t"), catalogue)
    return report


def test_what_a_creative_loads_is_the_creatives_inline_or_saved_as_a_part(
        catalogue: Catalogue) -> None:
    # the ad's document inline (`srcdoc`) and as an MHTML archive's frame part read alike
    inline = _audit(_HEAD + _gpt_slot(_srcdoc_frame(_LOADING_CREATIVE)) + "</body></html>",
                    catalogue)
    saved = _mhtml("id='google_ads_iframe_/7654321/city/top_0'", True, catalogue)
    for report in (inline, saved):
        assert _by_origin(report, Origin.CREATIVE) == _LOADED
        assert ("gpt-slot", "/7654321/city/top") in _by_origin(report, Origin.OPERATOR)
    # a frame part outside every slot (the site's widget, written by the page) is the
    # operator's code
    report = _mhtml("title='signup'", False, catalogue)
    assert _LOADED <= _by_origin(report, Origin.OPERATOR)
    assert not _by_origin(report, Origin.CREATIVE)


# the page's own GTM snippet without its loader's address (a consent tool adds it), and a
# creative whose code names the advertiser's container
_OWN_GTM = ("<script>window.dataLayer=window.dataLayer||[];dataLayer.push({'gtm.start':"
            "new Date().getTime(),event:'gtm.js'});</script>")
_GTM_CREATIVE = ("<html><body><script>var cfg = {container: 'GTM-CREAT9'};dataLayer.push("
                 "{event: 'ad_view', id: cfg.container});</script></body></html>")


def test_a_creatives_container_builds_no_loader_at_the_pages_snippet(
        catalogue: Catalogue) -> None:
    page = _HEAD.replace("</head>", _OWN_GTM + "</head>") + _gpt_slot(
        _srcdoc_frame(_GTM_CREATIVE)) + "</body></html>"
    report = _audit(page, catalogue)
    assert ("gtm-container", "GTM-CREAT9") in _by_origin(report, Origin.CREATIVE)
    assert not [r.url for r in report.resources if "GTM-CREAT9" in r.url]


def test_a_tag_commented_out_in_a_creative_is_the_creatives_in_the_page_the_operators(
        catalogue: Catalogue) -> None:
    gtm = ("<html><body><!-- <script src='https://www.googletagmanager.com/gtm.js?id=GTM-CREAT3'>"
           "</script> --></body></html>")
    report = _audit(_HEAD + _gpt_slot(_srcdoc_frame(gtm)) + "</body></html>", catalogue)
    assert _by_origin(report, Origin.CREATIVE) == {("gtm-container", "GTM-CREAT3")}
    assert "Google Tag Manager" not in {n.network for n in report.networks}
    # the page keeps a tag commented out itself, its creative loads it: the operator's
    tag = "<!-- <img src='https://www.facebook.com/tr?id=111222333444555&ev=PageView'> -->"
    live = "<html><body><img src='https://www.facebook.com/tr?id=111222333444555'></body></html>"
    report = _audit(_HEAD + tag + _gpt_slot(_srcdoc_frame(live)) + "</body></html>", catalogue)
    assert _PIXEL in _by_origin(report, Origin.OPERATOR)


# the site's own ad module, served from its own site into a frame of an ad box: its
# AdSense unit is the page's, and so is the site's tag container the module runs
_OWN_MODULE = ("<html><body><script async src='https://pagead2.googlesyndication.com/pagead/"
               "js/adsbygoogle.js?client=ca-pub-4821730195648203'></script><ins "
               "class='adsbygoogle' style='display:inline-block;width:300px;height:250px' "
               "data-ad-client='ca-pub-4821730195648203' data-ad-slot='1234567890'></ins>"
               "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script><script>"
               "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),"
               "event:'gtm.js'});var j=d.createElement(s);j.async=true;j.src="
               "'https://www.googletagmanager.com/gtm.js?id='+i;d.head.appendChild(j);})"
               "(window,document,'script','dataLayer','GTM-SITEAD1');</script></body></html>")


def test_a_frame_part_from_the_pages_own_site_in_an_ad_box_is_the_operators(
        catalogue: Catalogue) -> None:
    page = (_HEAD + "<div class='advert ad-300x250'><iframe src='cid:frame-ad@mhtml.blink' "
            "width='300' height='250'></iframe></div></body></html>")
    for location, origin in (("https://www.city.test/ads/side.html", Origin.OPERATOR),
                             ("https://ads.elsewhere.test/serve/side.html", None)):
        data = chrome("https://city.test/story", "t", [
            Part("text/html", "https://city.test/story", page.encode()),
            Part("text/html", location, _OWN_MODULE.encode(), cid="frame-ad@mhtml.blink")])
        (report,) = audit_records(read_source(data), default_engine(), catalogue)
        # the site's own part is read as its code; another site's is not read at all
        found = {i.origin for i in report.ids if i.value == "GTM-SITEAD1"}
        assert found == ({origin} if origin else set())
        if origin:
            assert ("adsense-publisher", "ca-pub-4821730195648203") in _by_origin(
                report, Origin.OPERATOR)


def test_the_creatives_ids_are_read_once_a_page(catalogue: Catalogue,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Read before the snippets' loaders are built (a creative's ID builds none) and
    marked after the other origins, from that one reading: two readings cost twice and
    could drift apart."""
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return creative_ids(*args, **kwargs)

    monkeypatch.setattr(pipeline, "creative_ids", counted)
    report = _audit(_HEAD + _gpt_slot(_srcdoc_frame(_CREATIVE)) + "</body></html>", catalogue)
    assert _by_origin(report, Origin.CREATIVE) == _ADVERTISERS
    assert len(calls) == 1


# a display creative as GPT serves it, saved inline (SingleFile's `srcdoc`): the ad's image
# from Google's creative host in its click link, the advertiser's Meta pixel and a
# verification vendor's tag, each requested by the ad's document alone
_PIXELLED_CREATIVE = (
    "<html><body><a href='https://adclick.g.doubleclick.net/pcs/click?xai=AKAOjs'>"
    "<img src='https://tpc.googlesyndication.com/simgad/4417009122' width='300' height='250'>"
    "</a><img src='https://www.facebook.com/tr?id=402918273645102&ev=PageView&noscript=1' "
    "width='1' height='1' style='display:none'><script src='https://pixel.adsafeprotected.com/"
    "rjss/st/812734/59210377/skeleton.js'></script></body></html>")


def test_what_only_a_creative_requests_names_no_network_of_the_page(
        catalogue: Catalogue) -> None:
    report = _audit(_HEAD + _gpt_slot(_srcdoc_frame(_PIXELLED_CREATIVE)) + "</body></html>",
                    catalogue)
    # still requests a reader's browser makes, each marked the creative's
    creative = {r.network for r in report.resources if r.creative}
    assert {"Google AdSense", "Facebook Pixel"} <= creative
    assert all(r.to_dict()["creative"] is True for r in report.resources if r.creative)
    # but the page's networks are those it loads itself, as its IDs are
    assert {n.network for n in report.networks} == {"Google Publisher Tag", "Google Analytics"}
    assert not creative & {i.network for i in report.ids if i.origin is Origin.OPERATOR}
    # a pixel the page also loads itself is the page's
    own = "<img src='https://www.facebook.com/tr?id=402918273645102&ev=PageView&noscript=1'>"
    report = _audit(_HEAD + own + _gpt_slot(_srcdoc_frame(_PIXELLED_CREATIVE))
                    + "</body></html>", catalogue)
    assert "Facebook Pixel" in {n.network for n in report.networks}
    assert not [r for r in report.resources if r.network == "Facebook Pixel" and r.creative]
