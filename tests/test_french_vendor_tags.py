"""Tags of French publishers' vendors (2017-2023) in the forms their vendors document:
the network each names and the IDs it carries (pages written for these tests)."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = ('<html lang="fr"><head><title>Actualités</title></head><body><article><p>Le texte '
        "de l'article.</p></article>\n{}\n</body></html>")

# (tag markup, network it names, (kind, value) IDs it must give)
TAGS = {
    "poool-paywall-loader": (
        """<script>(function(w,d,s,u,p){w[p]=w[p]||function(){(w[p]._q=w[p]._q||[]).push(arguments)};
var t=d.createElement(s),o=d.getElementsByTagName(s)[0];t.async=1;t.src=u;
o.parentNode.insertBefore(t,o);
}(window,document,"script","https://assets.poool.fr/poool.min.js","poool"));
poool("init","AB12C-DE34F-GH56I-JK78L");poool("send","page-view","premium");</script>""",
        "Poool", {("poool-app", "AB12C-DE34F-GH56I-JK78L")}),
    "marfeel-compass-snippet-account": (
        """<script>function e(e){var c=document.createElement("script");c.src=e;
document.head.appendChild(c)}function t(t,c,n){var i="https://sdk.mrf.io/statics";
e("".concat(i,"/marfeel-sdk.js?id=").concat(c))}
!function(e,c){var n=arguments.length>2&&void 0!==arguments[2]?arguments[2]:{};t(e,c,n)}
(window,2871,{} /*config*/);</script>""",
        "Marfeel", {("marfeel-account", "2871")}),
    "smilewanted-format-tag-written-by-a-script": (
        """<div id="sw-infeed"></div><script>$('<scr' + 'ipt src="//tags.smilewanted.com/formats/'
+ 'infeed/journal_fr_4418203"></scr' + 'ipt>').appendTo('#sw-infeed');
document.write('<script src="//tags.smilewanted.com/formats/interstitiel/journal.test">'
+ '</scr' + 'ipt>');</script>""",
        "SmileWanted", {("smilewanted-site", "journal.test")}),
    "vidazoo-player-written-by-a-script": (
        """<script>document.write('<scr'+'ipt src=https://static.vidazoo.com/basev/vwpt.js '
+ 'data-widget-id="5f2a9c0e7b1d3e4f5a6b7c8d" defer></scr'+'ipt>');</script>""",
        "Vidazoo", {("vidazoo-widget", "5f2a9c0e7b1d3e4f5a6b7c8d")}),
    "cloudflare-web-analytics-beacon-token": (
        """<script defer src="https://static.cloudflareinsights.com/beacon.min.js"
 data-cf-beacon='{"token": "0a1b2c3d4e5f60718293a4b5c6d7e8f9"}'></script>""",
        "Cloudflare Web Analytics", {("cloudflare-beacon", "0a1b2c3d4e5f60718293a4b5c6d7e8f9")}),
    "batch-web-push-sdk": (
        """<script>(function(b,a,t,c,h,e,r){h='batchSDK';b[h]=b[h]||function(){(b[h].q=b[h].q||[]).push(arguments)};
e=a.createElement(t),r=a.getElementsByTagName(t)[0];e.async=1;e.src=c;r.parentNode.insertBefore(e,r);
})(window,document,'script','https://via.batch.com/v3/bootstrap.min.js');
batchSDK('setup',{apiKey:'0A1B2C3D4E5F',subdomain:'journal',authKey:'2.abc'});</script>""",
        "Batch", set()),
    "beop-sdk-and-its-account": (
        """<script>window.beOpAsyncInit = function() {
BeOpSDK.init({ account: "5a1f0c2e9b7d3a0001c4e8f2" });
BeOpSDK.watch(); };</script><script async src="https://widget.beop.io/sdk.js"></script>""",
        "BeOp", {("beop-account", "5a1f0c2e9b7d3a0001c4e8f2")}),
    "ownpage-loader": (
        """<script>(function(){var t="https://script.ownpage.fr/v1/",a=document.createElement("script");
a.async=1;a.src=t+"ownpage.js";document.head.appendChild(a);})();</script>""",
        "Ownpage", set()),
    "getsitecontrol-key-loader": (
        """<script type="text/javascript" async
 src="//l.getsitecontrol.com/k4x9w2pq.js"></script>""",
        "Getsitecontrol", {("getsitecontrol-site", "k4x9w2pq")}),
    "getsitecontrol-older-site-loader": (
        """<script>(function (w,i,d,g,e,t,s) {w[d] = w[d]||[];
t= i.createElement(g);t.async=1;t.src=e;
s=i.getElementsByTagName(g)[0];s.parentNode.insertBefore(t, s);
})(window, document, '_gscq','script','//widgets.getsitecontrol.com/48213/script.js');</script>""",
        "Getsitecontrol", {("getsitecontrol-site", "48213")}),
    "pubstack-monitoring-script": (
        """<script async src="https://boot.pbstck.com/v1/tag/2f6c1e0a-8d4b-4c39-9a7e-5b1d0f3c2e44"></script>""",
        "Pubstack", set()),
    "sublime-skin-creative": (
        """<div id="sublime-skin"><img src="https://cdn.ayads.co/12/34/image-123456.jpg"
 width="1" height="1" alt=""></div>
<script src="https://sac.ayads.co/sublime/31234/prebid"></script>""",
        "Sublime Skinz", set()),
    "eulerian-tag-on-the-sites-own-host": (
        """<script>var EA_data = ['path', 'NEWS/france/article'];
(function(){var td='et5.journal.test',d=document,l=d.location;if(!l.protocol.indexOf('http')){var
o=d.createElement('script'),a=d.getElementsByTagName('script')[0],
cn=parseInt((new Date()).getTime()/3600000),
cj='',cdh=(l.host+td).replace(/[^a-z]/g,''),cdr=cdh+cdh.toUpperCase(),acdr=cdr.split('');for(var
i=-1;i<cn%7;i++){cj+=acdr[(cn+i)%acdr.length];}o.type='text/javascript';o.async='async';
o.src='//'+td+'/'+cj+(cn%8760)+'.js';a.parentNode.insertBefore(o,a);}})();</script>""",
        "Eulerian", set()),
    "acpm-audience-tag": (
        """<script>(function(){var aS=document.createElement('script');aS.async=true;
aS.src='https://tag.audience.acpm.fr/js/on-1.0.min.js';
var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(aS,s);})();</script>""",
        "ACPM/OJD", set()),
    "acpm-tag-and-its-serial": (
        """<script>(function(){var aS=document.createElement('script');aS.async=true;
aS.src='https://tag.audience.acpm.fr/js/on-1.0.min.js';document.head.appendChild(aS);
aS.addEventListener('load', function(){ var tag = new Acpm.Tag("300104517722"); tag.send(); });
})();</script>""",
        "ACPM/OJD", {("acpm-serial", "300104517722")}),
    "digiteka-player-tag-and-its-key": (
        """<div id="ultimedia_wrapper"><script>var ULTIMEDIA_mdtk = "07712045";
var ULTIMEDIA_zone = "3";</script>
<script src="https://www.ultimedia.com/js/common/smart.js"></script></div>""",
        "Digiteka", {("digiteka-mdtk", "07712045")}),
    "quantum-native-embed-tag": (
        """<script type="text/javascript" id="ean-native-embed-tag"
 src="//cdn.elasticad.net/native/serve/js/nativeEmbed.gz.js"></script>""",
        "Quantum Advertising", set()),
    "complianz-plugin-served-from-the-site": (
        """<script defer src='https://journal.test/wp-content/plugins/complianz-gdpr/cookiebanner/js/complianz.min.js?ver=6.4.0'
 id='cmplz-cookiebanner-js'></script>""",
        "Complianz", set()),
}


@pytest.mark.parametrize("name", sorted(TAGS))
def test_french_vendor_tag_names_its_vendor_and_ids(name: str, project_engine: Engine,
                                                    catalogue: Catalogue) -> None:
    markup, network, ids = TAGS[name]
    (page,) = audit(PAGE.format(markup).encode(), url="https://journal.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert network in {n.network for n in page.networks}, [n.network for n in page.networks]
    assert ids <= {(i.kind, i.value) for i in page.ids}, page.ids


def test_eulerian_needs_its_loader_not_a_sites_array(project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    """A site's own `EA_data`-like array with no Eulerian loader names no vendor."""
    markup = "<script>var EA_data = ['path', 'x']; var cdh = location.host;</script>"
    (page,) = audit(PAGE.format(markup).encode(), url="https://journal.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert "Eulerian" not in {n.network for n in page.networks}


def test_matomo_tag_managers_embed_code_and_container(project_engine: Engine,
                                                      catalogue: Catalogue) -> None:
    """Matomo Tag Manager's documented embed code, on the site's own Matomo (a script type
    Cloudflare's Rocket Loader rewrote), names Matomo and its container."""
    markup = """<script type="4c1f0e2d9a8b7c6d5e4f3a2b-text/javascript">
var _mtm = window._mtm = window._mtm || [];
_mtm.push({'mtm.startTime': (new Date().getTime()), 'event': 'mtm.Start'});
var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
g.type='text/javascript'; g.async=true;
g.src='https://stats.journal.test/js/container_Q7rT2xLm.js'; s.parentNode.insertBefore(g,s);
</script>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://journal.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert "Matomo" in {n.network for n in page.networks}
    assert ("matomo-container", "Q7rT2xLm") in {(i.kind, i.value) for i in page.ids}


_SMART = """<script src="https://www8.smartadserver.com/config.js?nwid=77"></script>
<script>sas.setup({domain: 'https://www8.smartadserver.com', async: true, renderMode: 0});</script>
<script>var adOptions = {
  siteId: 204418,
  pageId: 883102,
  formats: ['41230', '41231', '41232'],
  target: {section: 'politique'}
};</script>"""


def test_smart_format_containers_and_a_one_call_config(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    """Where Smart's tag runs, each `div#sas_<format>` is the container it renders that
    format into (a one-call config the site hands to sas.call later names the formats,
    site and page); a div of another id form, of a format no code of the page asks for, or
    on a page not running Smart, is none."""
    body = (f"{_SMART}<div class=\"pub\"><div id=\"sas_41230\"></div></div>"
            "<aside><div id=\"sas_41231\"></div></aside><div id=\"sas_41232\"></div>"
            "<div id=\"sas_bottom\"></div><div id=\"sas_55555\"></div>")
    (page,) = audit(PAGE.format(body).encode(), url="https://journal.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    smart = sorted(s.zone_id or "" for s in page.slots if s.network == "Smart AdServer")
    assert smart == ["41230", "41231", "41232"], page.slots
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("smartadserver-site", "204418"), ("smartadserver-page", "883102"),
            ("smartadserver-format", "41231")} <= ids
    bare = PAGE.format('<div id="sas_41230"></div><p>Suite.</p>').encode()
    (page,) = audit(bare, url="https://journal.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert not [s for s in page.slots if s.network == "Smart AdServer"], page.slots


_PRISMA = ('<script defer src="https://tra.scds.pmdstatic.net/advertising-core/4/'
           'core-ads-journal.js"></script>')


def test_prisma_medias_placement_boxes(project_engine: Engine, catalogue: Catalogue) -> None:
    """Prisma Media's ad library fills each `div.ads-core-placer[data-ads-core]` the page
    declares, in its markup or written by a script where it stands (a breakpoint's
    `document.write`); a box a script inserts into the article elsewhere is not placed at
    the script, and the class on a box no library fills (no `data-ads-core`) is no unit."""
    body = "\n".join([
        _PRISMA,
        "<div class=\"ads-core-placer ads-center\" id=\"top-ban\" "
        "data-ads-core='{\"type\":\"Banniere-Haute\",\"device\":\"desktop\"}'></div>",
        "<p>Premier paragraphe.</p>",
        "<script>if (window.innerWidth >= 730) { document.write('<div class=\"ads-core-placer "
        "bloc\" id=\"top-pane\" data-ads-core=\\'{\"type\":\"Pave-Haut\"}\\'></div>'); }"
        "</script>",
        "<p>Second paragraphe.</p>",
        "<script>$(function () { $('<div class=\"ads-core-placer\" id=\"inread-2\" "
        "data-ads-core=\\'{\"type\":\"Pave-Haut2\"}\\'></div>').insertBefore($('p').get(1));"
        " });</script>",
        '<div class="ads-core-placer" id="legacy"></div>',
    ])
    (page,) = audit(PAGE.format(body).encode(), url="https://journal.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert "Prisma Media" in {n.network for n in page.networks}
    prisma = [s for s in page.slots if s.network == "Prisma Media"]
    assert len(prisma) == 2, page.slots


def test_a_beop_widget_box_is_its_unit(project_engine: Engine, catalogue: Catalogue) -> None:
    body = ('<div class="BeOpWidget" data-name="below-article"></div>'
            '<script async src="https://widget.beop.io/sdk.js"></script>')
    (page,) = audit(PAGE.format(body).encode(), url="https://journal.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [s.network for s in page.slots] == ["BeOp"], page.slots


def test_a_prisma_box_written_with_its_id_first_is_a_placement(project_engine: Engine,
                                                               catalogue: Catalogue) -> None:
    """A breakpoint's `document.write` of the box with its attributes in another order (the
    id first, the class list longer) writes the same placement where it stands."""
    body = "\n".join([
        _PRISMA,
        "<script>if (window.innerWidth < 730) { document.write(\"<div id='mob-pane' "
        "data-ads-core='{}' class='bloc ads-core-placer'></div>\"); }</script>",
        "<p>Premier paragraphe.</p>",
        "<script>document.write('<div id=\"top-pane\" class=\"ads-core-placer bloc\" "
        "data-ads-core=\\'{\"type\":\"Pave-Haut\"}\\'></div>');</script>",
        "<script>document.write('<div id=\"share\" class=\"share-bar\"></div>');</script>",
    ])
    (page,) = audit(PAGE.format(body).encode(), url="https://journal.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    prisma = sorted(s.zone_id or "" for s in page.slots if s.network == "Prisma Media")
    assert prisma == ["mob-pane", "top-pane"], page.slots
