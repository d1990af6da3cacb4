"""Inline snippets: each tracker's loader and IDs, read from the JavaScript that installs it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from auditor.model import Category, PageReport

AuditHtml = Callable[..., PageReport]


def page(head: str, body: str = "") -> str:
    return f"<html><head>{head}</head><body><p>Article text.</p>{body}</body></html>"


# (name, markup, network, category, (id kind, id value), resource URL or None, via)
SNIPPETS = [
    ("GTM", "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date()."
     "getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),"
     "dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js"
     "?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer',"
     "'GTM-AB12CD3');</script>", "Google Tag Manager", Category.TAG_MANAGER,
     ("gtm-container", "GTM-AB12CD3"), "https://www.googletagmanager.com/gtm.js?id=GTM-AB12CD3",
     "inline-snippet"),
    ("GA4", "<script async src='https://www.googletagmanager.com/gtag/js?id=G-ABCDEF1234'>"
     "</script><script>gtag('config', 'G-ABCDEF1234');</script>", "Google Analytics",
     Category.ANALYTICS, ("ga-measurement-id", "G-ABCDEF1234"), None, None),
    ("Facebook pixel", "<script>!function(f,b,e,v){t=b.createElement(e);t.src=v}(window,document,"
     "'script','https://connect.facebook.net/en_US/fbevents.js');fbq('init', '123456789012345');"
     "</script>", "Facebook Pixel", Category.ADVERTISING, ("facebook-pixel", "123456789012345"),
     "https://connect.facebook.net/en_US/fbevents.js", "inline-script"),
    ("Hotjar", "<script>(function(h,o,t,j,a,r){h._hjSettings={hjid:1234567,hjsv:6};"
     "r=o.createElement('script');r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;})"
     "(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>", "Hotjar",
     Category.SESSION_REPLAY, ("hotjar-site", "1234567"),
     "https://static.hotjar.com/c/hotjar-1234567.js", "inline-snippet"),
    ("Clarity", '<script>(function(c,l,a,r,i,t,y){t=l.createElement(r);t.src="https://www.'
     'clarity.ms/tag/"+i;})(window, document, "clarity", "script", "abcde12345");</script>',
     "Microsoft Clarity", Category.SESSION_REPLAY, ("clarity-project", "abcde12345"),
     "https://www.clarity.ms/tag/abcde12345", "inline-snippet"),
    ("FullStory", "<script>window['_fs_script'] = 'edge.fullstory.com/s/fs.js';"
     "window['_fs_org'] = 'o-ABC12-na1';</script>", "FullStory", Category.SESSION_REPLAY,
     ("fullstory-org", "o-ABC12-na1"), "https://edge.fullstory.com/s/fs.js", "inline-snippet"),
    ("LogRocket", "<script>LogRocket.init('abc123/my-app');</script>", "LogRocket",
     Category.SESSION_REPLAY, ("logrocket-app", "abc123/my-app"),
     "https://cdn.lr-ingest.io/LogRocket.min.js", "inline-snippet"),
    ("Yandex Webvisor", '<script>(function(m,e,t,r,i,k,a){k=e.createElement(t),k.src=r})'
     '(window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym");'
     'ym(12345678, "init", {clickmap:true, webvisor:true});</script>', "Yandex Webvisor",
     Category.SESSION_REPLAY, ("yandex-metrica-counter", "12345678"),
     "https://mc.yandex.ru/metrika/tag.js", "inline-script"),
    ("Yandex Metrica without Webvisor", '<script>(function(m,e,t,r,i,k,a){k=e.createElement(t),'
     'k.src=r})(window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym");'
     'ym(12345678, "init", {clickmap:true, webvisor:false});</script>', "Yandex Metrica",
     Category.ANALYTICS, ("yandex-metrica-counter", "12345678"),
     "https://mc.yandex.ru/metrika/tag.js", "inline-script"),
    ("Matomo", '<script>var _paq = window._paq = window._paq || [];_paq.push(["trackPageView"]);'
     '(function(){var u="https://stats.site.example/";_paq.push(["setTrackerUrl", u+"matomo.php"]);'
     "_paq.push(['setSiteId', '3']);var d=document, g=d.createElement('script');g.src=u+"
     "'matomo.js';})();</script>", "Matomo", Category.ANALYTICS, ("matomo-site", "3"),
     # the walk reads the variable joined to the file (`joined_urls`): no template needed
     "https://stats.site.example/matomo.js", "inline-script"),
    # the older snippet (and many since) joins piwik.js: the loader is the file it names
    ("Matomo, piwik.js", '<script>var _paq = _paq || []; _paq.push(["trackPageView"]);'
     '(function() {var u="//stats.site.example/piwik/";_paq.push(["setTrackerUrl", u+"piwik.php"]);'
     "_paq.push(['setSiteId', 7]); var d=document, g=d.createElement('script');"
     "g.type='text/javascript'; g.async=true; g.src=u+'piwik.js';})();</script>", "Matomo",
     Category.ANALYTICS, ("matomo-site", "7"), "https://stats.site.example/piwik/piwik.js",
     "inline-script"),
    ("TikTok", "<script>!function(w,d,t){w.TiktokAnalyticsObject=t;var ttq=w[t]=w[t]||[];"
     "ttq.load=function(e,n){var r='https://analytics.tiktok.com/i18n/pixel/events.js';};"
     "ttq.load('CABCDEFGHIJ1234567890');ttq.page();}(window, document, 'ttq');</script>",
     "TikTok Pixel", Category.ADVERTISING, ("tiktok-pixel", "CABCDEFGHIJ1234567890"),
     "https://analytics.tiktok.com/i18n/pixel/events.js", "inline-script"),
    ("LinkedIn", '<script>_linkedin_partner_id = "4567890";</script><script>(function(l){var s='
     'document.getElementsByTagName("script")[0];var b=document.createElement("script");b.src='
     '"https://snap.licdn.com/li.lms-analytics/insight.min.js";})(window.lintrk);</script>',
     "LinkedIn Insight Tag", Category.ADVERTISING, ("linkedin-partner", "4567890"),
     "https://snap.licdn.com/li.lms-analytics/insight.min.js", "inline-script"),
    ("AdSense", "<script async src='https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"
     "?client=ca-pub-4821730195648203'></script>", "Google AdSense", Category.ADVERTISING,
     ("adsense-publisher", "ca-pub-4821730195648203"), None, None),
    ("GPT", "<script>googletag.cmd.push(function(){googletag.defineSlot('/2817463/site/top', "
     "[728, 90], 'div-gpt-ad-1').addService(googletag.pubads());});</script>",
     "Google Publisher Tag", Category.ADVERTISING, ("gpt-network", "2817463"), None, None),
    ("Coinhive", "<script>var miner = new CoinHive.Anonymous('abcdefghijklmnopqrstuvwxyz123456');"
     "</script>", "Coinhive", Category.CRYPTOMINING,
     ("coinhive-key", "abcdefghijklmnopqrstuvwxyz123456"), None, None),
    # the key as a faucet pasted it, a line break inside the quotes before it
    ("Coinhive, a line break in the key's quotes",
     "<script>var miner = new CoinHive.Anonymous('\nQw3rTy7uIo9pAs2dFg4hJk6lZx8cVb1n', "
     "{ throttle: 0.4 });\nminer.start();</script>", "Coinhive", Category.CRYPTOMINING,
     ("coinhive-key", "Qw3rTy7uIo9pAs2dFg4hJk6lZx8cVb1n"), None, None),
    ("CoinImp", "<script>var _client = new Client.Anonymous('" + "ab" * 32 + "', {throttle: 0});"
     "</script>", "CoinImp", Category.CRYPTOMINING, ("coinimp-key", "ab" * 32), None, None),
    ("Amazon Associates", "", "Amazon Associates", Category.AFFILIATE,
     ("amazon-associate-tag", "mysite-21"), None, None),
]


@pytest.mark.parametrize(("name", "head", "network", "category", "ident", "url", "via"),
                         SNIPPETS, ids=[s[0] for s in SNIPPETS])
def test_snippet(name: str, head: str, network: str, category: Category,
                 ident: tuple[str, str], url: str | None, via: str | None,
                 audit_html: AuditHtml) -> None:
    body = ('<a href="https://www.amazon.co.uk/dp/B00TEST123?tag=mysite-21">buy</a>'
            if name == "Amazon Associates" else "")
    report = audit_html(page(head, body), url="https://www.site.example/post")
    found = {i.kind: (i.value, i.network) for i in report.ids}
    kind, value = ident
    assert found.get(kind) == (value, found[kind][1]), report.ids
    assert len(report.ids) == len({(i.kind, i.value) for i in report.ids})
    if url is not None:
        res = [r for r in report.resources if r.url == url]
        assert len(res) == 1, [r.url for r in report.resources]
        assert (res[0].network, res[0].category, res[0].via) == (network, category, via)
        assert sum(r.network == network for r in report.resources) == 1  # no partial twin
    else:
        assert found[kind][1] == network or any(r.network == network for r in report.resources)


@pytest.mark.parametrize("loader", ["piwik.js", "matomo.js"])
def test_matomos_tracker_host_is_matomos(loader: str, audit_html: AuditHtml) -> None:
    """The loader the walk reads from the snippet's joined address (`g.src = u + 'piwik.js'`)
    is the snippet's load from its tracker, not a copy of Matomo's file on someone's host:
    the third-party host is Matomo's, analytics (it was unnamed, and a host of a catalogued
    company, Wikimedia's `piwik.wikimedia.org`, was that company's `content`)."""
    snippet = ("<script>var _paq = window._paq = window._paq || [];_paq.push(['trackPageView']);"
               "(function() {var u='https://piwik.wikimedia.org/';"
               "_paq.push(['setTrackerUrl', u+'piwik.php']);_paq.push(['setSiteId', '12']);"
               "var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];"
               f"g.async=true; g.src=u+'{loader}'; s.parentNode.insertBefore(g,s);}})();</script>")
    report = audit_html(page("", snippet), url="https://wikimediafoundation.org/news/")
    [res] = [r for r in report.resources if r.network == "Matomo"]
    assert (res.url, res.self_hosted) == (f"https://piwik.wikimedia.org/{loader}", False)
    [host] = [h for h in report.third_party_hosts if h.host == "piwik.wikimedia.org"]
    assert (host.network, host.category) == ("Matomo", Category.ANALYTICS)


def test_no_snippet_resource_without_the_snippet(audit_html: AuditHtml) -> None:
    """A page that only mentions a vendor gets no synthesised loader."""
    report = audit_html(page("<script>var note = 'we removed hotjar and LogRocket';</script>"))
    assert report.resources == () and report.ids == ()


def test_a_slot_without_its_loader_still_names_its_publisher(audit_html: AuditHtml) -> None:
    """Injected AdSense markup with no adsbygoogle.js on the page: the slot ties the page
    to a publisher all the same."""
    body = ('<ins class="adsbygoogle" style="display:block" data-ad-client='
            '"ca-pub-4821730195648203" data-ad-slot="8765432109"></ins>')
    report = audit_html(page("", body))
    assert [s.network for s in report.slots] == ["Google AdSense"]
    assert {(i.kind, i.value) for i in report.ids} == {
        ("adsense-slot", "8765432109"),
        ("adsense-publisher", "ca-pub-4821730195648203"),
    }


# (name, markup, network the page carries, (id kind, id value) or None): vendors by their
# published tag forms, each a form every site that runs them writes
TAG_FORMS = [
    ("GA WordPress plugin", "<script>jQuery(document).ready(function () {jQuery.post("
     "'https://www.site.example?ga_action=googleanalytics_get_script', {action: "
     "'googleanalytics_get_script'}, function(response) {var F = new Function ( response );"
     "return( F() );});});</script>", "Google Analytics", None),
    ("Polar on MediaVoice", "<script async src='https://cdn.mediavoice.com/nativeads/script/"
     "examplepub/polarAd-2.0-prod.js'></script>", "Polar", None),
    ("HOMAD on S3", "<script src='https://s3.amazonaws.com/homad-global-configs.schneevonmorgen"
     ".com/hd-main.js'></script>", "HOMAD", None),
    ("HOMAD, S3 virtual host", "<script src='https://homad-global-configs.schneevonmorgen.com"
     ".s3.amazonaws.com/hd-main.js'></script>", "HOMAD", None),
    ("BurdaForward", "<script src='https://a.bf-ad.net/adengine/example/adengine.js'></script>",
     "BurdaForward AdEngine", None),
    ("Flyertown", "<div id='flyertown_module_101'></div><script defer src='https://api.flyertown"
     ".ca/101/0a1b2c/flyertown_module.js'></script>", "Flyertown", None),
    ("AdVideo", "<script>var advideo_playlist_id=1;</script><script src='//js.advideo.ru/aro.js'"
     " async></script>", "AdVideo", None),
    ("MyTaste counter", "<a href='http://www.mytaste.sg/' id='hr-Ab1Cd'>mytaste</a><script>"
     "document.write('<scr'+'ipt type=\"text/javascript\" src=\"http://widget.mytaste.sg/"
     "blogcounter.js?blog_id=Ab1Cd&timestamp=' + ts + '\"></scr'+'ipt>');</script>",
     "MyTaste blog counter", ("mytaste-blog", "Ab1Cd")),
    ("uCoz preroll", "<script>var ucoz_prerollenable = 1 ; window.ucoz_rndid = '';</script>",
     "uCoz", None),
    ("NativeRoll container", "<div id='nativeroll_video_cont' style='display:none;'></div>",
     "NativeRoll", None),
    # Facebook's Custom Audience pixel (2013-2016), fbevents.js's forerunner, with no
    # <noscript> image beside it
    ("Facebook Custom Audience pixel", "<script>(function() {var _fbq = window._fbq || "
     "(window._fbq = []);if (!_fbq.loaded) {var fbds = document.createElement('script');"
     "fbds.async = true;fbds.src = '//connect.facebook.net/en_US/fbds.js';var s = document."
     "getElementsByTagName('script')[0];s.parentNode.insertBefore(fbds, s);_fbq.loaded = true;"
     "}_fbq.push(['addPixelId', \"123456789012345\"]);})();window._fbq = window._fbq || [];"
     "window._fbq.push([\"track\", \"PixelInitialized\", {}]);</script>", "Facebook Pixel",
     ("facebook-pixel", "123456789012345")),
    # its first conversion pixel (2012-2015): fb_param globals and a loader of fp.js, here
    # run only after a sign-up, the loader built in a function
    ("Facebook conversion pixel (fb_param)", "<script>function on_signed_up() {var fpw = "
     "document.createElement('script');fpw.async = true;fpw.src = '//connect.facebook.net/"
     "en_GB/fp.js';var ref = document.getElementsByTagName('script')[0];ref.parentNode."
     "insertBefore(fpw, ref);}\nvar fb_param = {};\nfb_param.pixel_id = '6011234567890';\n"
     "fb_param.value = '0.00';\nfb_param.currency = 'EUR';</script>", "Facebook Pixel",
     ("facebook-pixel", "6011234567890")),
    ("Facebook conversion pixel's no-script image", "<noscript><img height=\"1\" width=\"1\" "
     "alt=\"\" style=\"display:none\" src=\"https://www.facebook.com/offsite_event.php?id="
     "6011234567893&amp;value=0&amp;currency=EUR\" /></noscript>", "Facebook Pixel",
     ("facebook-pixel", "6011234567893")),
    # HubSpot's async tracking code before 2015, on js.hubspot.com
    ("HubSpot legacy tracking code", "<script>(function(d,s,i,r) {if (d.getElementById(i))"
     "{return;}var n=d.createElement(s),e=d.getElementsByTagName(s)[0];n.id=i;n.src='//js."
     "hubspot.com/analytics/'+(Math.ceil(new Date()/r)*r)+'/123456.js'; e.parentNode."
     "insertBefore(n, e);})(document,\"script\",\"hs-analytics\",300000);</script>", "HubSpot",
     ("hubspot-portal", "123456")),
]


@pytest.mark.parametrize(("name", "markup", "network", "ident"), TAG_FORMS,
                         ids=[t[0] for t in TAG_FORMS])
def test_a_vendor_by_its_tag_form(name: str, markup: str, network: str,
                                  ident: tuple[str, str] | None,
                                  audit_html: AuditHtml) -> None:
    report = audit_html(page("", markup), url="https://www.site.example/post")
    assert network in {n.network for n in report.networks}, report.networks
    if ident is not None:
        assert ident in {(i.kind, i.value) for i in report.ids}, report.ids


def test_a_vendor_named_in_passing_is_not_carried(audit_html: AuditHtml) -> None:
    """A mention is no tag: prose naming MediaVoice, a MyTaste link, a HOMAD config key."""
    body = ('<p>Polar runs cdn.mediavoice.com.</p><a href="http://www.mytaste.sg/">mytaste</a>'
            '<script>var cfg = {homad: false};</script>')
    names = {n.network for n in audit_html(page("", body)).networks}
    assert not names & {"Polar", "MyTaste blog counter", "HOMAD"}, names


def test_a_pixel_id_of_fb_param_s_name_elsewhere_is_no_pixel(audit_html: AuditHtml) -> None:
    """The conversion pixel's global written in prose, a <pre>, or a site's own object of
    another name: no Facebook Pixel, no ID."""
    body = ("<p>Set fb_param.pixel_id = '6011234567890' in the old snippet.</p><pre>"
            "var fb_param = {}; fb_param.pixel_id = '6011234567891';</pre><script>var my_fb_param"
            " = {}; my_fb_param.pixel_id_note = '6011234567892';</script><img src=\"https://www."
            "facebook.com.evil.net/offsite_event.php?id=6011234567894&amp;value=0\">")
    report = audit_html(page("", body))
    assert "Facebook Pixel" not in {n.network for n in report.networks}
    assert not {i.value for i in report.ids} & {"6011234567890", "6011234567891", "6011234567892",
                                                "6011234567894"}


@pytest.mark.parametrize("code", [
    # words in the quotes, a line apart: a placeholder, no key
    "var miner = new CoinHive.Anonymous('\nYOUR SITE KEY GOES HERE', {throttle: 0.4});",
    "var miner = new CoinHive.Anonymous('\nQw3rTy7uIo9pAs2dFg4hJk6lZx8cVb1n and more');",
    # the key outside the call's own literal
    "var miner = new CoinHive.Anonymous(key, '\nQw3rTy7uIo9pAs2dFg4hJk6lZx8cVb1n');",
])
def test_a_coinhive_key_is_the_quotes_alone(code: str, audit_html: AuditHtml) -> None:
    report = audit_html(page(f"<script>{code}</script>", ""), url="https://www.site.example/post")
    assert [i.value for i in report.ids if i.kind == "coinhive-key"] == []


_INSIGHTS = ("<script>(function(d) { window._hjSettings = { hjid: 18 };"
             " var s = d.createElement('script');"
             " s.src = '//insights-dc.hotjar.com/static/client/insights.js';"
             " d.getElementsByTagName('head')[0].appendChild(s); }(document));</script>")


@pytest.mark.parametrize("markup, ids", [
    # an early site's short ID, as the first key of Hotjar's own settings global
    (_INSIGHTS, {"18"}),
    # a short number under another key, or another global's, is none
    (_INSIGHTS.replace("{ hjid: 18 }", "{ hjsv: 18 }"), set()),
    (_INSIGHTS.replace("window._hjSettings = { hjid: 18 };",
                       "window.hjConfig = { hjid: 18 };"), set()),
    # a retired install the page commented out
    (_INSIGHTS.replace("window._hjSettings", "// window._hjSettings"), set()),
], ids=["short id", "other key", "other global", "commented out"])
def test_hotjar_short_site_id_read_from_its_settings_global(
        audit_html: AuditHtml, markup: str, ids: set[str]) -> None:
    report = audit_html(page(markup))
    assert "Hotjar" in {n.network for n in report.networks}
    assert {i.value for i in report.ids if i.kind == "hotjar-site"} == ids
