"""Vendor tags of Nordic publishers' pages and of the ad servers older forums ran, in the
forms their vendors document: the units each places, the network each names and the IDs
it carries (pages written for these tests; every ID made up)."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = """<!DOCTYPE html>
<html><head><title>Forum</title>
{head}
</head><body>
<div class="post"><p>{text}</p></div>
{body}
</body></html>"""

_TEXT = "A reader's post about phones and their batteries. " * 8
_PUB = "0f3c2a1b-4d5e-4f60-8a9b-0c1d2e3f4a5b"


def _page(project_engine: Engine, catalogue: Catalogue, head: str = "",
          body: str = "") -> PageReport:
    html = PAGE.format(head=head, text=_TEXT, body=body)
    (page,) = audit(html.encode(), url="https://forum.test/thread/1",
                    engine=project_engine, catalogue=catalogue).pages
    return page


def _lines(page: PageReport, network: str) -> list[tuple[int, str]]:
    return [(s.line, s.zone_id or "") for s in page.slots if s.network == network]


_LW_HEAD = f"""<script async src="https://lwadm.com/lw/pbjs?pid={_PUB}"></script>
<script>var lwhb = lwhb || {{cmd: []}};</script>"""


def test_livewrapped_load_ad_fills_the_div_it_names(project_engine: Engine,
                                                    catalogue: Catalogue) -> None:
    body = """<div id="forum_panorama-1"></div>
<script>
  lwhb.cmd.push(function() {
    lwhb.loadAd({tagId: 'forum_panorama-1'});
  });
</script>
<script>lwhb.cmd.push(function() { lwhb.loadAd({tagId: 'forum_gone'}); });</script>"""
    page = _page(project_engine, catalogue, _LW_HEAD, body)
    assert "Livewrapped" in {n.network for n in page.networks}
    assert _lines(page, "Livewrapped") == [(7, "forum_panorama-1")]
    assert ("livewrapped-publisher", _PUB) in {(i.kind, i.value) for i in page.ids}


def test_livewrapped_loader_standing_in_its_box_is_each_boxs_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # a browser's saved copy: the loader renamed beside the page, one per unit
    tag = ('<div align="center" id="{box}">\n<!-- Livewrapped tag: Forum - {box} -->\n'
           '<script src="./Forum_files/pbjs" onload="lwhb.load(this)" async="true" '
           f'data-tid="forum_{{box}}" data-cnt="true" data-pbid="{_PUB}">\n</script>\n</div>')
    body = "\n".join(tag.format(box=box) for box in ("mpu1", "sky1"))
    page = _page(project_engine, catalogue, "<script>var lwhb = lwhb || {cmd:[]};</script>", body)
    assert [zone for _, zone in _lines(page, "Livewrapped")] == ["forum_mpu1", "forum_sky1"]
    assert ("livewrapped-publisher", _PUB) in {(i.kind, i.value) for i in page.ids}
    assert not [f for f in page.findings if f.kind == "duplicate-loader"]


def test_a_data_tid_script_of_another_kind_is_no_livewrapped_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    body = '<script src="/js/poll.js" data-tid="poll-3"></script>'
    page = _page(project_engine, catalogue, "", body)
    assert _lines(page, "Livewrapped") == []


_ADOS = """<script>var ados = ados || {}; ados.run = ados.run || [];
  ados.run.push(function() { ados_add_placement(4120, 31877, "azk91620", 5).setZone(1402); });
</script>
<div class="sidebar-ad" id="azk91620"></div>
<script>var p = "http", d = "static"; var z = document.createElement("script");
z.async = true; z.src = p + "://" + d + ".adzerk.net/ados.js";
var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(z, s);</script>
<script>var ados = ados || {}; ados.run = ados.run || [];
ados.run.push(function () { ados_load(); });</script>"""


def test_adzerk_ados_placement_is_the_div_it_names(project_engine: Engine,
                                                   catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, "", _ADOS)
    assert "Adzerk" in {n.network for n in page.networks}
    assert _lines(page, "Adzerk") == [(9, "azk91620")]
    assert {("adzerk-network", "4120"), ("adzerk-site", "31877"), ("adzerk-zone", "1402")} <= {
        (i.kind, i.value) for i in page.ids}


def test_adzerk_placements_of_one_script_are_each_a_unit(project_engine: Engine,
                                                         catalogue: Catalogue) -> None:
    body = """<div id="azk100"></div><div id="azk200"></div>
<script>ados.run.push(function() {
ados_add_placement(4120, 31877, "azk100", [4, 77]);
ados_add_placement(4120, 31877, "azk200", 5).setZone(17);
ados_add_placement(4120, 31877, "azk300", 5);
ados_load(); });</script>"""
    page = _page(project_engine, catalogue, "", body)
    assert sorted(zone for _, zone in _lines(page, "Adzerk")) == ["azk100", "azk200"]


@pytest.mark.parametrize(("head", "network", "ids"), [
    pytest.param('<script async src="//ads.holid.io/auto/forum.test/holid.js"></script>',
                 "Holid", set(), id="holid-site-tag"),
    pytest.param('<script async src="https://assets.strossle.com/strossle-widget-sdk/1/'
                 'strossle-widget-sdk.js"></script>', "Strossle", set(), id="strossle-sdk"),
    pytest.param("""<script>(function(d, t) { var g = d.createElement(t),
  s = d.getElementsByTagName(t)[0];
  g.src = "https://cdn.pushalert.co/integrate_9f8e7d6c5b4a39281706f5e4d3c2b1a0.js";
  s.parentNode.insertBefore(g, s); }(document, "script"));</script>""", "PushAlert",
                 {("pushalert", "9f8e7d6c5b4a39281706f5e4d3c2b1a0")}, id="pushalert-snippet"),
    pytest.param("""<script defer src="./Forum_files/beacon.min.js" data-cf-beacon='{"version":
"2024.11.0","token":"0a1b2c3d4e5f60718293a4b5c6d7e8f9","r":1}'></script>""",
                 "Cloudflare Web Analytics",
                 {("cloudflare-beacon-token", "0a1b2c3d4e5f60718293a4b5c6d7e8f9")},
                 id="cloudflare-beacon-saved-copy"),
    pytest.param('<script data-ad-client="ca-pub-1029384756102938" async '
                 'src="./Forum_files/f.txt"></script>', "Google AdSense",
                 {("adsense-publisher", "ca-pub-1029384756102938")}, id="adsense-auto-ads-saved"),
    pytest.param('<script async src="./Forum_files/adsm.macro.1a2b3c4d-5e6f-4a7b-8c9d-'
                 '0e1f2a3b4c5d.js"></script><script>var adsmtag = adsmtag || {};'
                 ' adsmtag.cmd = adsmtag.cmd || [];</script>', "Adnami",
                 {("adnami-site", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")},
                 id="adnami-saved-macro"),
    pytest.param("""<script>(function(){(function(e,i,o){var r=document.createElement("script");
r.id="spcloader";r.type="text/javascript";r["async"]=true;r.charset="utf-8";
window.didomiConfig=window.didomiConfig||{};
window.didomiConfig.sdkPath=window.didomiConfig.sdkPath||o||"https://sdk.privacy-center.org/";
const d=window.didomiConfig.sdkPath;
var a=d+e+"/loader.js?target_type=notice&target="+i;r.src=a;
var m=document.getElementsByTagName("script")[0];m.parentNode.insertBefore(r,m)})
("5c4b3a29-1807-4f6e-9d5c-4b3a29180706","Xq7RtPzK","https://forum.test/consent/")})();
</script>""", "Didomi", {("didomi-api-key", "5c4b3a29-1807-4f6e-9d5c-4b3a29180706"),
                           ("didomi-notice", "Xq7RtPzK")}, id="didomi-sdkpath-embed"),
    pytest.param("""<script>window.addEventListener('load', function() {
  var c = document.getElementById('video-box'); var s = document.createElement('script');
  s.async = true; s.src = 'https://ads.viralize.tv/display/?zid=AAE-Qx7rTpLmZk2W';
  c.appendChild(s); });</script>""", "ShowHeroes",
                 {("viralize-zone", "AAE-Qx7rTpLmZk2W")}, id="showheroes-display-zone"),
])
def test_vendor_tag_names_its_vendor_and_ids(head: str, network: str, ids: set[tuple[str, str]],
                                            project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, head)
    assert network in {n.network for n in page.networks}
    assert ids <= {(i.kind, i.value) for i in page.ids}


def test_a_bait_script_without_a_client_is_no_adsense(project_engine: Engine,
                                                      catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, '<script async src="/js/f.txt"></script>')
    assert "Google AdSense" not in {n.network for n in page.networks}


def test_showheroes_display_tag_is_its_unit(project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    body = """<aside class="rail">
<script data-wid="auto" type="text/javascript"
 src="https://ads.viralize.tv/display/?zid=AAD-Vw3kQpLmZk7R"></script>
</aside>
<div id="video-box">
<script>window.addEventListener('load', function() {
  var c = document.getElementById('video-box');
  var s = document.createElement('script');
  s.async = true; s.src = 'https://ads.viralize.tv/display/?zid=AAE-Qx7rTpLmZk2W';
  c.appendChild(s); });</script>
</div>"""
    page = _page(project_engine, catalogue, "", body)
    assert _lines(page, "ShowHeroes") == [(7, "AAD-Vw3kQpLmZk7R"), (10, "AAE-Qx7rTpLmZk2W")]


def test_a_viralize_script_into_a_box_the_page_lacks_is_no_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    body = """<script>window.addEventListener('load', function() {
  var c = document.getElementById('gone-box');
  var s = document.createElement('script');
  s.src = 'https://ads.viralize.tv/display/?zid=AAE-Qx7rTpLmZk2W'; c.appendChild(s); });
</script>"""
    page = _page(project_engine, catalogue, "", body)
    assert _lines(page, "ShowHeroes") == []


def test_a_look_alike_host_of_viralize_is_no_showheroes_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A host that only ends in viralize.tv (another company's `notviralize.tv`) serves no
    ShowHeroes player: neither its display tag in a box, nor the script a site's code
    appends to one, is ShowHeroes' unit or carries its zone."""
    body = """<aside class="rail">
<script data-wid="auto" src="https://ads.notviralize.tv/display/?zid=AAD-Vw3kQpLmZk7R"></script>
</aside>
<div id="video-box">
<script>window.addEventListener('load', function() {
  var c = document.getElementById('video-box');
  var s = document.createElement('script');
  s.async = true; s.src = 'https://cdn.myviralize.tv/display/?zid=AAE-Qx7rTpLmZk2W';
  c.appendChild(s); });</script>
</div>"""
    page = _page(project_engine, catalogue, "", body)
    assert _lines(page, "ShowHeroes") == []
    assert "ShowHeroes" not in {n.network for n in page.networks}
    assert not [i for i in page.ids if i.kind == "viralize-zone"]


# Emediate's EAS tags as Danish publishers paste them: the iframe tag and the JavaScript tag,
# each where its unit shows; a look-alike host, a tutorial's quoted tag and
# another server's query naming Emediate's are no units
_EMEDIATE = """<div id="top-banner">
<!-- "DK-news.test_728x90" (section "DK-news.test") -->
<iframe src="http://eas.apm.emediate.eu/eas?cu=5521;cre=mu;target=_blank" width="728" height="90"
 scrolling="no" frameborder="0"></iframe>
</div>
<div class="side"><script type="text/javascript"
 src="http://eas4.emediate.eu/eas?cu=5522;cre=mu;js=y;target=_blank"></script>
<noscript><a href="http://eas4.emediate.eu/eas?cu=5522;ty=ct"><img
 src="http://eas4.emediate.eu/eas?cu=5522;cre=img" alt=""></a></noscript></div>
<div class="side"><iframe src="http://eas.apm.emediate.eu.ads-mirror.test/eas?cu=5523;cre=mu"
 width="300" height="250"></iframe>
<iframe src="http://ads.news.test/eas?from=emediate.eu&amp;cu=5524" width="300"
 height="250"></iframe>
</div>
<pre>&lt;iframe src="http://eas4.emediate.eu/eas?cu=5525;cre=mu"&gt;&lt;/iframe&gt;</pre>"""


def test_emediate_eas_tags_are_its_units(project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, "", _EMEDIATE)
    assert _lines(page, "Emediate") == [(8, "5521"), (11, "5522")]
    assert {i.value for i in page.ids if i.kind == "emediate-cu"} == {"5521", "5522"}


# the AMP docs' example tag (`data-cu="12345"`, pasted as `cu=12345`) and a template's unset
# unit `cu=0` name no operator's content unit
_EMEDIATE_SAMPLES = """<div class="top"><iframe src="http://eas4.emediate.eu/eas?cu=12345;cre=mu"
 width="728" height="90"></iframe></div>
<div class="side"><script src="http://eas4.emediate.eu/eas?cu=0;cre=mu;js=y"></script></div>"""


def test_emediate_sample_and_unset_units_are_no_ids(project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, "", _EMEDIATE_SAMPLES)
    assert not [i for i in page.ids if i.kind == "emediate-cu"]
