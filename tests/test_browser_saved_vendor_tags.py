"""Vendor tags as a browser's saved DOM holds them (the tags an ad stack inserted at run
time beside the page's own), in the forms their vendors documented: the network each
names and the IDs it carries, and the look-alikes that name none (pages written here)."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = "<html><head><title>t</title></head><body><p>Story text.</p>\n{}\n</body></html>"

_GA = ("<script>(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){"
       "(i[r].q=i[r].q||[]).push(arguments)};a=s.createElement(o);a.async=1;a.src=g;"
       "s.head.appendChild(a)})(window,document,'script','https://www.google-analytics.com/"
       "analytics.js','ga');ga('create', 'UA-7654321-2', 'auto');{}ga('send', 'pageview');"
       "</script>")
_HIDE = ("<style>.async-hide {{ opacity: 0 !important}} </style><script>(function(a,s,y,n,c,h,"
         "i,d,e){{s.className+=' '+y;h.end=i=function(){{s.className=s.className.replace("
         "RegExp(' ?'+y),'')}};(a[n]=a[n]||[]).hide=h;setTimeout(function(){{i();h.end=null}},c)"
         ";}})(window,document.documentElement,'async-hide','dataLayer',4000,{{'{}':true}});"
         "</script>")
_GTM = ("<script>(function(w,d,s,l,i){{w[l]=w[l]||[];w[l].push({{'gtm.start':new Date()"
        ".getTime(),event:'gtm.js'}});var j=d.createElement(s);j.async=true;j.src="
        "'https://www.googletagmanager.com/gtm.js?id='+i;d.head.appendChild(j);}})(window,"
        "document,'script','dataLayer','{}');</script>")

# (tag markup, network it names, (kind, value) IDs it must give)
TAGS = {
    "optimize-required-as-an-analytics-plugin": (
        _HIDE.format("GTM-AB12CD3") + _GA.replace("{}", "ga('require', 'GTM-AB12CD3');"),
        "Google Optimize",
        {("optimize-container", "GTM-AB12CD3"), ("ga-property", "UA-7654321-2")}),
    "optimize-required-by-a-named-tracker": (
        _GA.replace("{}", "ga('create', 'UA-7654321-3', 'auto', 'rollup');"
                          "ga('rollup.require', 'OPT-K9Z8Y7X');"),
        "Google Optimize", {("optimize-container", "OPT-K9Z8Y7X")}),
    "comscore-beacon-named-by-its-client": (
        '<script src="https://sb.scorecardresearch.com/cs/24318561/beacon.js"></script>',
        "Comscore", {("comscore-client", "24318561")}),
    "comscore-legacy-cs-js-built-in-a-snippet": (
        "<script>var s=document.createElement('script');s.src=(location.protocol=='https:'"
        "?'https://sb':'http://b')+'.scorecardresearch.com/c2/6035999/cs.js';"
        "document.head.appendChild(s);</script>",
        "Comscore", {("comscore-client", "6035999")}),
    "amazon-a9-async-params": (
        "<script>var amznads = amznads || {}; amznads.asyncParams = {'id': '3107', "
        "'callbackFn': function() { amznads.setTargetingForGPTAsync('amznslots'); }, "
        "'timeout': 2e3};</script><script async "
        'src="https://c.amazon-adsystem.com/aax2/amzn_ads.js"></script>',
        "Amazon Publisher Services", {("amazon-aps-publisher", "3107")}),
    "amazon-dtb-bid-request-injected": (
        '<script async src="https://aax.amazon-adsystem.com/e/dtb/bid?src=3107&amp;u='
        'https%3A%2F%2Fnews.test%2Fa&amp;cb=9"></script>',
        "Amazon Publisher Services", {("amazon-aps-publisher", "3107")}),
    "medianet-header-bidder-and-its-calls": (
        '<script src="https://contextual.media.net/bidexchange.js?cid=8CUQW12ER&amp;https=1">'
        '</script><script async src="https://contextual.media.net/rtbsapub.php?&amp;cid='
        '8CUQW12ER&amp;requestString=9%7C728x90&amp;https=1"></script>',
        "Media.net", {("medianet-customer", "8CUQW12ER")}),
    "medianet-sync-frame": (
        '<iframe id="_mN_cksync_0" style="display:none" width="0" height="0" src="https://'
        'contextual.media.net/checksync.php?&amp;cv=23&amp;cid=8CUQW12ER&amp;vsSync=1">'
        "</iframe>",
        "Media.net", {("medianet-customer", "8CUQW12ER")}),
    "index-exchange-cygnus-headertag-request": (
        '<script async src="https://as-sec.casalemedia.com/headertag/?v=9&amp;fn=cygnus_index_'
        "parse_res&amp;s=181234&amp;r=%7B%22id%22%3A7%2C%22imp%22%3A%5B%7B%22id%22%3A%221%22"
        '%2C%22ext%22%3A%7B%22sid%22%3A%22T%22%2C%22siteID%22%3A181299%7D%7D%5D%7D&amp;t=300">'
        "</script>",
        "Index Exchange", {("index-exchange-site", "181234"), ("index-exchange-site", "181299")}),
    # Tail Target's tag manager, asked with the site's tag, in a src and by its snippet
    "tailtarget-t3m-src": (
        '<script src="https://tags.t.tailtarget.com/t3m.js?i=TT-20417-2/CT-531"></script>',
        "Tail Target", {("tailtarget-tag", "TT-20417-2/CT-531")}),
    "tailtarget-t3m-snippet": (
        "<script>(function(i){var ts=document.createElement('script');ts.async=true;ts.src="
        "('https:'==document.location.protocol?'https://':'http://')+'tags.t.tailtarget.com/"
        "t3m.js?i='+i;var s=document.getElementsByTagName('script')[0];s.parentNode."
        "insertBefore(ts,s);})('TT-30811-1/CT-207');</script>",
        "Tail Target", {("tailtarget-tag", "TT-30811-1/CT-207")}),
    # ...and its profiles tag before it: the account its `_setAccount` call is handed
    "tailtarget-profiles-account": (
        "<script>var _ttprofiles = _ttprofiles || [];_ttprofiles.push(['_setAccount', "
        "'TT-20417-3']);_ttprofiles.push(['_enableServices']);document.write(\"<scr\" + "
        "\"ipt src='https://d.tailtarget.com/profiles.js'></scr\" + \"ipt>\");</script>",
        "Tail Target", {("tailtarget-account", "TT-20417-3")}),
    # DataDome's JS tag, the site's key handed to its snippet, or set before its loader
    "datadome-snippet-key": (
        '<script>!function(a,b,c,d,e,f){a.ddjskey=e;a.ddoptions=f||null;var m=b.createElement'
        "(c),n=b.getElementsByTagName(c)[0];m.async=1,m.src=d,n.parentNode.insertBefore(m,n)}"
        '(window,document,"script","https://js.datadome.co/tags.js",'
        '"0A1B2C3D4E5F60718293A4B5C6D7E8", {ajaxListenerPath: true});</script>',
        "DataDome", {("datadome-key", "0A1B2C3D4E5F60718293A4B5C6D7E8")}),
    "datadome-global-key": (
        "<script>window.ddjskey = 'F0E1D2C3B4A5968778695A4B3C2D1E';</script>"
        '<script src="https://js.datadome.co/tags.js" async></script>',
        "DataDome", {("datadome-key", "F0E1D2C3B4A5968778695A4B3C2D1E")}),
    # Tradelab's retargeting tag, named for the advertiser's tag
    "tradelab-tag": (
        '<script src="//cdn.tradelab.fr/tag/0a9b8c7d6e.js"></script>',
        "Tradelab", {("tradelab-tag", "0a9b8c7d6e")}),
    # Pushnews' web push loaders, old and new, the site's app in each
    "pushnews-sites-loader": (
        '<script async src="//cdn.pn.vg/sites/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b.js"></script>',
        "Pushnews", {("pushnews-app", "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b")}),
    "pushnews-launcher": (
        '<script src="https://cdn.pn.vg/push/pushnews-launcher.js?appId=2a3b4c5d-6e7f-4081-'
        '9a2b-3c4d5e6f7a8b" async></script>',
        "Pushnews", {("pushnews-app", "2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b")}),
}


def _page(markup: str, engine: Engine, catalogue: Catalogue) -> PageReport:
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    return page


@pytest.mark.parametrize("name", sorted(TAGS))
def test_a_saved_pages_tag_names_its_vendor_and_ids(name: str, project_engine: Engine,
                                                    catalogue: Catalogue) -> None:
    markup, network, ids = TAGS[name]
    page = _page(markup, project_engine, catalogue)
    assert network in {n.network for n in page.networks}
    assert ids <= {(i.kind, i.value) for i in page.ids}


def test_an_optimize_plugin_container_is_no_tag_manager_container(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The container `ga('require', …)` loads is Optimize's, though written GTM-: no Tag
    Manager is named for it; a Tag Manager container the page loads beside it stays Tag
    Manager's."""
    alone = _page(_HIDE.format("GTM-AB12CD3") + _GA.replace("{}", "ga('require', 'GTM-AB12CD3');"),
                  project_engine, catalogue)
    assert "Google Tag Manager" not in {n.network for n in alone.networks}
    assert ("gtm-container", "GTM-AB12CD3") not in {(i.kind, i.value) for i in alone.ids}
    both = _page(_GTM.format("GTM-QQ11RR2") + _GA.replace("{}", "ga('require', 'GTM-AB12CD3');"),
                 project_engine, catalogue)
    assert {("gtm-container", "GTM-QQ11RR2"), ("optimize-container", "GTM-AB12CD3")} <= {
        (i.kind, i.value) for i in both.ids}
    assert {"Google Tag Manager", "Google Optimize"} <= {n.network for n in both.networks}


def test_optimize_deployed_through_tag_manager_keeps_the_tag_managers_container(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """Deployed through Tag Manager, the anti-flicker snippet waits on Tag Manager's own
    container: the snippet names Optimize, its container stays Tag Manager's."""
    page = _page(_HIDE.format("GTM-QQ11RR2") + _GTM.format("GTM-QQ11RR2"), project_engine,
                 catalogue)
    assert {"Google Tag Manager", "Google Optimize"} <= {n.network for n in page.networks}
    ids = {(i.kind, i.value) for i in page.ids}
    assert ("gtm-container", "GTM-QQ11RR2") in ids
    assert ("optimize-container", "GTM-QQ11RR2") not in ids


@pytest.mark.parametrize("gtm", [
    _GTM,  # the install snippet, as a page's source holds it
    '<script async src="https://www.googletagmanager.com/gtm.js?id={}"></script>',  # a DOM save
], ids=["snippet", "saved-dom"])
def test_a_container_the_page_loads_from_tag_manager_stays_its_own(
        gtm: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """A site that also requires its Tag Manager container as an analytics.js plugin (the
    Tag Manager ID pasted where Optimize's goes, ga('require', 'GTM-AB12CD3')) still loads
    it from Tag Manager: the container stays Tag Manager's, not renamed Optimize's."""
    page = _page(gtm.format("GTM-AB12CD3") + _GA.replace("{}", "ga('require', 'GTM-AB12CD3');"),
                 project_engine, catalogue)
    assert ("gtm-container", "GTM-AB12CD3") in {(i.kind, i.value) for i in page.ids}


@pytest.mark.parametrize("require", [
    "// ga('require', 'GTM-XY98ZW7');\n",
    "/* ga('require', 'GTM-XY98ZW7'); */",
    "// gtag('config', 'UA-7654321-2', {'optimize_id': 'GTM-XY98ZW7'});\n",
    "/* Optimize removed 2023-09: the plugin call is kept for reference, see WEB-1234\n"
    "ga('require', 'GTM-XY98ZW7');\n*/",
], ids=["line", "block", "optimize_id", "long-block"])
def test_an_optimize_require_commented_out_names_no_container(
        require: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """A site that took Optimize out (Google ended it in 2023) by commenting its plugin out
    loads no Optimize: no Optimize container is read from the comment, and the site's Tag
    Manager container stays."""
    page = _page(_GTM.format("GTM-AB12CD3") + _GA.replace("{}", require), project_engine,
                 catalogue)
    ids = {(i.kind, i.value) for i in page.ids}
    assert not {("optimize-container", "GTM-XY98ZW7"), ("gtm-container", "GTM-XY98ZW7")} & ids
    assert ("gtm-container", "GTM-AB12CD3") in ids


def test_other_analytics_plugins_name_no_optimize(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    """analytics.js's own plugins (`ec`, `linkid`, `displayfeatures`) are required too."""
    page = _page(_GA.replace("{}", "ga('require', 'ec');ga('require', 'linkid');"),
                 project_engine, catalogue)
    assert "Google Optimize" not in {n.network for n in page.networks}


_TEADS = '<script async src="//a.teads.tv/page/48213/tag"></script>'


@pytest.mark.parametrize(("markup", "lines"), [
    # the page's marker in an ad box of its own, the player the tag renders inside it
    ('<div class="ad-container"><div class="teadsNative"></div></div>', [2]),
    ('<div class="ad-container"><div id="teads-inread"><div class="teads-inread sm-screen">'
     '<div class="teads-ui-component-player"></div></div></div></div>', [2]),
    # two markers, two placements
    ('<div class="teadsNative"></div>\n<p>More text.</p>\n<div id="teads-slot-2"></div>', [2, 4]),
    # no box named after Teads: the page tag alone places no unit the markup shows
    ('<div class="ad-container"><div class="native"></div></div>', []),
], ids=["marker", "marker round its player", "two markers", "no marker"])
def test_a_box_named_after_teads_where_teads_loads_is_its_slot(
        markup: str, lines: list[int], project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(markup + "\n" + _TEADS, project_engine, catalogue)
    assert [(s.line, s.network) for s in page.slots] == [(n, "Teads") for n in lines]


def test_a_box_named_after_teads_without_its_tag_is_no_slot(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A class opening with the vendor's name where its tag never loads is no placement:
    the page may have dropped Teads and kept its theme's markup."""
    page = _page('<div class="ad-container"><div class="teadsNative"></div></div>',
                 project_engine, catalogue)
    assert page.slots == ()


@pytest.mark.parametrize("markup", [
    # a query's other parameter ending in the name (`gs=`, `xsrc=`, `ccid=`) is not it
    '<script async src="https://as-sec.casalemedia.com/headertag/?v=9&amp;gs=181234"></script>',
    '<script async src="https://aax.amazon-adsystem.com/e/dtb/bid?xsrc=3107"></script>',
    '<script src="https://contextual.media.net/bidexchange.js?ccid=8CUQW12ER"></script>',
    # another vendor's path of the same shape, another options object's `id`
    '<script src="https://cdn.example-metrics.test/c2/6035999/cs.js"></script>',
    "<script>var opts = {'id': '3107', 'timeout': 2e3};</script>"
    '<script async src="https://c.amazon-adsystem.com/aax2/amzn_ads.js"></script>',
    # Tail Target's tag form on a look-alike host, and in prose beside its real loader
    '<script src="https://tags.t.nottailtarget.com/t3m.js?i=TT-20417-2/CT-531"></script>'
    '<script src="https://tags.t.tailtarget.com.cdn.test/t3m.js?i=TT-20417-2/CT-532"></script>',
    "<p>Our tag is TT-20417-2/CT-531, see tailtarget.com/t3m.js?i=TT-20417-2/CT-533</p>"
    '<script src="https://d.tailtarget.com/profiles.js"></script>',
    # another queue's _setAccount (GA's classic one), and the account in prose
    "<script>var _gaq = _gaq || []; _gaq.push(['_setAccount', 'TT-20417-3']);</script>"
    "<p>_ttprofiles.push(['_setAccount', 'TT-20417-4'])</p>"
    '<script src="https://d.tailtarget.com/profiles.js"></script>',
    # DataDome's snippet with another host's loader, a key in prose and in a <pre>
    "<script>!function(a,b,c,d,e){a.ddjskey=e}(window,document,'script','https://js.notdatadome"
    ".co/tags.js','0A1B2C3D4E5F60718293A4B5C6D7E8');</script><p>ddjskey = "
    "'0A1B2C3D4E5F60718293A4B5C6D7E9'</p><pre>window.ddjskey = '0A1B2C3D4E5F60718293A4B5C6D7EA'"
    '</pre><script src="https://js.datadome.co/tags.js" async></script>',
    # Tradelab's and Pushnews' loader paths on look-alike hosts
    '<script src="https://cdn.tradelab.fr.evil.test/tag/0a9b8c7d6e.js"></script>'
    '<script src="https://cdn.nottradelab.fr/tag/0a9b8c7d6f.js"></script>'
    '<script src="https://cdn.pn.vg.evil.test/sites/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b.js">'
    '</script><script src="https://cdn.xpn.vg/sites/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5c.js">'
    "</script>",
], ids=["ix gs=", "aps xsrc=", "medianet ccid=", "another host's c2 path", "another object",
        "tail target look-alike hosts", "tail target tag in prose",
        "another queue's _setAccount", "datadome key look-alikes",
        "tradelab and pushnews look-alike hosts"])
def test_look_alike_parameters_are_no_ids(markup: str, project_engine: Engine,
                                          catalogue: Catalogue) -> None:
    page = _page(markup, project_engine, catalogue)
    assert not {i.kind for i in page.ids} & {
        "index-exchange-site", "amazon-aps-publisher", "medianet-customer", "comscore-client",
        "tailtarget-tag", "tailtarget-account", "datadome-key", "tradelab-tag", "pushnews-app"}


@pytest.mark.parametrize(("src", "network"), [
    # PubMatic's OpenWrap wrapper kept on the site's server under its product's name
    ("/wp-content/themes/news/js/vendor/pubmatic_openwrap.js?ver=1556659261", "PubMatic"),
    ("./Story_files/pubmatic-openwrap.min.js.download", "PubMatic"),
    # Adobe Target's legacy library as its install guide has the site host it
    ("//js.news.test/stat/otto/js/mbox.js", "Adobe Experience Platform"),
    ("./Story_files/mbox.js.download", "Adobe Experience Platform"),
    # X's universal website tag and Criteo's publisher tag as Firefox saves them (a French
    # save's folder, `<title>_fichiers/`, the name kept, no `.download`)
    ("lemonde-1_fichiers/uwt.js", "X (Twitter) Pixel"),
    ("./Story_files/publishertag.prebid.132.js.download", "Criteo"),
    ("Article_fichiers/publishertag.js", "Criteo"),
], ids=["openwrap self-hosted", "openwrap saved", "mbox.js self-hosted", "mbox.js saved",
        "uwt.js saved", "criteo prebid tag saved", "criteo publisher tag saved"])
def test_a_vendor_library_known_by_its_file_name(src: str, network: str,
                                                 project_engine: Engine,
                                                 catalogue: Catalogue) -> None:
    page = _page(f'<script src="{src}"></script>', project_engine, catalogue)
    assert network in {n.network for n in page.networks}


def test_targets_mbox_calls_name_adobe(project_engine: Engine, catalogue: Catalogue) -> None:
    """mbox.js's documented call, whatever file brought the library (a site's bundle)."""
    page = _page("<div class=\"mboxDefault\"></div><script>mboxCreate('news_global_mbox');"
                 "</script>", project_engine, catalogue)
    assert "Adobe Experience Platform" in {n.network for n in page.networks}


def test_dtms_footer_call_names_adobe(project_engine: Engine, catalogue: Catalogue) -> None:
    """DTM's footer code, which its install pairs with the header's satelliteLib embed,
    where the site serves the library from its own bundle."""
    page = _page('<script src="/static/js/adobe/adobe_tracking.js"></script><p>Story.</p>'
                 '<script type="text/javascript">_satellite.pageBottom();</script>',
                 project_engine, catalogue)
    assert "Adobe Experience Platform" in {n.network for n in page.networks}


@pytest.mark.parametrize("markup", [
    # other files whose names hold the words, a site's own function of a like name
    '<script src="/js/jquery.mbox.js"></script>',
    '<script src="/js/pubmatic-openwrap-config-notes.js"></script>',
    "<script>function mboxCreated(){} mboxCreated();</script>",
    # a site's own object's method of that name
    "<script>var pager = {pageBottom: function () {}}; pager.pageBottom();</script>",
], ids=["jquery.mbox.js", "another openwrap file", "another function", "another pageBottom"])
def test_look_alike_files_and_calls_name_no_vendor(markup: str, project_engine: Engine,
                                                   catalogue: Catalogue) -> None:
    page = _page(markup, project_engine, catalogue)
    assert not {n.network for n in page.networks} & {"PubMatic", "Adobe Experience Platform"}


def test_a_bid_request_for_a_lettered_publisher_id_reads_no_digits_of_it(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """APS publisher IDs are not all numbers (apstag.init's pubID takes letters and dashes):
    a saved DOM's bid request for one opening in digits (`src=5128fe3a-…`) reads that ID
    from the init, never its first digits as a second publisher."""
    pub = "5128fe3a-7c1d-4b9e-a2f0-93c4d8e1b7a6"
    page = _page(f"<script>apstag.init({{pubID: '{pub}', adServer: 'googletag'}});</script>"
                 '<script async src="https://aax.amazon-adsystem.com/e/dtb/bid?src='
                 f'{pub}&amp;u=https%3A%2F%2Fnews.test%2Fa&amp;cb=9"></script>',
                 project_engine, catalogue)
    assert {i.value for i in page.ids if i.kind == "amazon-aps-publisher"} == {pub}


def test_a_ui_library_sharing_a_vendor_files_name_is_not_the_vendors(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A site's modal-box library kept in a folder of its own, its script beside its
    stylesheet of the same name (`lib/mbox/mbox.js`, `lib/mbox/mbox.css`), is no Adobe
    Target mbox.js: a vendor's loader ships no stylesheet of its name. Target's mbox.js
    alone stays Adobe's (above)."""
    page = _page('<link href="lib/mbox/mbox.css" rel="stylesheet"><script src="lib/mbox/mbox.js">'
                 '</script><link href="lib/mbox/mbox-modif.css" rel="stylesheet">',
                 project_engine, catalogue)
    assert "Adobe Experience Platform" not in {n.network for n in page.networks}


@pytest.mark.parametrize("before", [
    "var sep = 'a // b';",
    "var css = 'background:url(//cdn.news.test/bg.png)';",
    "var open = ' /*';",
], ids=["line-opener-in-a-string", "css-url-in-a-string", "block-opener-in-a-string"])
def test_a_comment_opener_a_string_holds_leaves_the_require_live(
        before: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """A `//` or `/*` inside a string literal earlier on the line opens no comment: the
    live `ga('require', …)` after it names its Optimize container (the read back alone
    took it for commented out)."""
    page = _page(_GA.replace("{}", before + "ga('require', 'GTM-XY98ZW7');"),
                 project_engine, catalogue)
    assert ("optimize-container", "GTM-XY98ZW7") in {(i.kind, i.value) for i in page.ids}
