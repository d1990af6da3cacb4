"""Tags of kinds of site the labelled corpus lacks, found by writing pages after vendors'
published snippets (hunt31b): analytics a site runs on its own server or behind its own
proxy (Umami, Plausible), which keep the vendor's tag attributes and rename the file; a
Japanese blog's Ninja AdMax units (nend's are in test_regional_stacks.py); news pages saved
after their tags ran (hunt36c: Navegg's, Lotame's, Rubicon's header and Didomi's accounts,
Comscore's StreamSense on a group's CDN, GPT's Active View script on AdSense's host); a Bangladeshi
news site's Valueimpression units and PushEngage's legacy push queue (hunt35b); a Polish blog's
web push; Thailand's Truehits counter; Yahoo's conversion pixel; AniView's VAST tag inside a
site's video player config; Outbrain's widget saved after it rendered; Criteo's unit for
visitors who block ads; 51.la's v6 counter; Sentry's DSN, Umbel's key and Yahoo's AMP ad
space (ids39).
Each page is a blog post of the site's own carrying the tag as sites' copies write it,
audited with the system filter lists: the vendor is named and no other, each unit its tag
writes is a slot of it, its IDs are read with their kind, and the site's own tag draws no
medium or high finding.

The IDs are made up."""

from __future__ import annotations

import pytest

from auditor.model import Severity

from .conftest import AuditHtml
from .stacks import AuditStack, Stack, assert_names_none, assert_read, serious, stack

_P = "<p>The council met on Tuesday to discuss the ferry timetable for the winter.</p>"
_UUID = "2f1e0d9c-8b7a-4654-9321-0fedcba98765"
_ADMAX = "7c3e91d0a45b2f6e8d1c0b9a7e6f5d42"
_ADMAX_2 = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
_SENTRY_KEY = "5c1e9a7b3d2f4e6a8b0c1d2e3f4a5b6c"

STACKS = [
    # self-hosted and proxied analytics: the file renamed, the vendor's attributes kept
    stack("Umami", "Umami Cloud: cloud.umami.is/script.js + data-website-id",
          f'<script defer src="https://cloud.umami.is/script.js" data-website-id="{_UUID}">'
          "</script>", _P, {"Umami"}, {}, ("umami-website", _UUID)),
    stack("Umami", "self-hosted on the site's analytics host: /script.js + data-website-id",
          '<script defer src="https://analytics.example-blog.com/script.js" '
          f'data-website-id="{_UUID}"></script>', _P, {"Umami"}, {},
          ("umami-website", _UUID)),
    stack("Umami", "v1's umami.js on the site", f'<script async defer data-website-id="{_UUID}" '
          'src="/umami.js"></script>', _P, {"Umami"}, {}, ("umami-website", _UUID)),
    stack("Plausible", "proxied: data-domain + data-api + /stats/js/script.js",
          '<script defer data-domain="example-blog.com" data-api="/stats/api/event" '
          'src="/stats/js/script.js"></script>', _P, {"Plausible"}, {}),
    stack("Plausible", "Community Edition on the site's host: /js/script.outbound-links.js",
          '<script defer data-domain="example-blog.com" '
          'src="https://stats.example-blog.com/js/script.outbound-links.js"></script>', _P,
          {"Plausible"}, {}),
    stack("Plausible", "a renamed build's file name: /js/plausible.hash.js",
          '<script defer src="/js/plausible.hash.js"></script>', _P, {"Plausible"}, {}),
    stack("Fathom Analytics", "cdn.usefathom.com/script.js + data-site",
          '<script src="https://cdn.usefathom.com/script.js" data-site="KQWMBTRX" defer>'
          "</script>", _P, {"Fathom Analytics"}, {}, ("fathom-site", "KQWMBTRX")),
    stack("DataFast", "datafa.st/js/script.js: data-website-id beside data-domain",
          '<script defer data-website-id="dfid_7Qx2LmN9pR4s" data-domain="example-blog.com" '
          'src="https://datafa.st/js/script.js"></script>', _P, {"DataFast"}, {},
          ("datafast-website", "dfid_7Qx2LmN9pR4s")),
    # a Bangladeshi news site's Valueimpression units (hunt35b): the display unit under its
    # loader, and the video unit a browser-saved page keeps with its loader renamed
    stack("Valueimpression", "div.adsbyvli[data-ad-slot] + viAPItag.display + vlitag loader",
          '<script type="text/javascript" src="//services.vlitag.com/adv1/?q='
          '8d3f0c2b1a9e8d7c6b5a4f3e2d1c0b9a"></script><script> var vitag = vitag || {};</script>',
          _P + '<div class="adsbyvli" data-ad-slot="vi_1284590017"></div><script>(vitag.Init ='
          ' window.vitag.Init || []).push(function(){viAPItag.display("vi_1284590017")})'
          "</script>" + _P, {"Valueimpression"}, {"Valueimpression": 1},
          ("valueimpression-unit", "vi_1284590017"),
          ("valueimpression-site", "8d3f0c2b1a9e8d7c6b5a4f3e2d1c0b9a")),
    stack("Valueimpression", "a saved page's video unit: initInstreamBanner, loader renamed",
          '<script type="text/javascript" src="./story_files/saved_resource(1)" defer async>'
          '</script><script> var vitag = vitag || {}; vitag.outStreamConfig = { type: "slider",'
          ' position: "right", enablePC: false, scrollPercent: 15};</script>',
          _P + '<div class="adsbyvli" data-ad-slot="vi_104217" data-width="300" '
          'data-height="250"></div> <script> (vitag.Init = window.vitag.Init || []).push('
          'function () {\n        viAPItag.initInstreamBanner("vi_104217")\n    });</script>' + _P,
          {"Valueimpression"}, {"Valueimpression": 1}, ("valueimpression-unit", "vi_104217")),
    # the same page's web push: PushEngage's legacy _peq queue, its loader saved beside the page
    stack("PushEngage", "legacy window._peq.push([\"init\"]) + the site key's file saved",
          "", _P + '<script> window._peq = window._peq || []; window._peq.push(["init"]); '
          '</script>\n<script src="./story_files/61a71ead19398fba5514eb0ef83d600c.js" async>'
          "</script>", {"PushEngage"}, {}),
    # a Japanese blog: Ninja AdMax's sync tag, written where it stands, and its async box
    stack("Ninja AdMax", "sync adm.shinobi.jp/s/<ad> between admax comments", "",
          _P + f'<!-- admax --><script src="https://adm.shinobi.jp/s/{_ADMAX}"></script>'
          "<!-- admax -->" + _P, {"Ninja AdMax"}, {"Ninja AdMax": 1}, ("admax-ad", _ADMAX)),
    stack("Ninja AdMax", "async div[data-admax-id] + admaxads.push + st/t.js", "",
          _P + f'<div class="admax-switch" data-admax-id="{_ADMAX_2}" style="display:'
          'inline-block;width:300px;height:250px;"></div><script type="text/javascript">'
          f'(admaxads = window.admaxads || []).push({{admax_id: "{_ADMAX_2}",type: "switch"}});'
          '</script><script type="text/javascript" charset="utf-8" '
          'src="https://adm.shinobi.jp/st/t.js" async></script>' + _P,
          {"Ninja AdMax"}, {"Ninja AdMax": 1}, ("admax-ad", _ADMAX_2)),
    # a Polish how-to blog's web push
    stack("PushPushGo", "s-eu-1.pushpushgo.com/js/<project>.js",
          '<script charset="UTF-8" src="https://s-eu-1.pushpushgo.com/js/'
          '5f0a1b2c3d4e5f6a7b8c9d0e.js" async="async"></script>', _P, {"PushPushGo"}, {},
          ("pushpushgo-project", "5f0a1b2c3d4e5f6a7b8c9d0e")),
    # a Turkish recipe site's unit for visitors who block ads, into the box it names
    stack("Criteo", "Criteo.DisplayAcceptableAdIfAdblocked({zoneid, containerid})",
          '<script async src="https://static.criteo.net/js/ld/publishertag.js"></script>'
          "<script>window.Criteo = window.Criteo || {}; window.Criteo.events = window.Criteo."
          "events || [];\nCriteo.events.push(function() { Criteo.DisplayAcceptableAdIfAdblocked("
          '{"zoneid": 1234567, "containerid": "crt-1234567"}); });</script>',
          _P + '<div id="crt-1234567" style="width:300px;height:250px;"></div>' + _P,
          {"Criteo"}, {"Criteo": 1}, ("criteo-zone", "1234567")),
    # a Chinese download site's 51.la counter (v6)
    stack("51.la", "js-sdk-pro.min.js + LA.init({id, ck})", "",
          _P + '<script charset="UTF-8" id="LA_COLLECT" src="//sdk.51.la/js-sdk-pro.min.js">'
          '</script><script>LA.init({id:"JaBcDeFgHiJkLmNo",ck:"JaBcDeFgHiJkLmNo"})</script>',
          {"51.la"}, {}, ("51la-site", "JaBcDeFgHiJkLmNo")),
    # a Thai site's counter
    stack("Truehits", "hits.truehits.in.th/data/<site>.js + noscript counter", "",
          _P + '<script type="text/javascript"> __th_page="news";</script><script type="text/'
          'javascript" src="https://hits.truehits.in.th/data/t0047211.js"></script><noscript>'
          '<img src="https://hits.truehits.in.th/noscript.php?id=t0047211" alt="Thailand Web '
          'Stat" border="0" width="14" height="17"></noscript>', {"Truehits"}, {},
          ("truehits-site", "t0047211")),
    # an advertiser's page: Yahoo's conversion pixel, its loader an argument of the snippet
    stack("Yahoo Dot", "dotq.push({projectId, properties: {pixelId}}) + s.yimg.com/wi/ytc.js",
          "<script type=\"application/javascript\">(function(w,d,t,r,u){w[u]=w[u]||[];w[u].push("
          "{'projectId':'10000','properties':{'pixelId':'10387215'}});var s=d.createElement(t);"
          "s.src=r;s.async=true;s.onload=s.onreadystatechange=function(){var y,rs=this."
          "readyState,c=w[u];if(rs&&rs!=\"complete\"&&rs!=\"loaded\"){return}try{y=YAHOO.ywa."
          "I13N.fireBeacon;w[u]=[];w[u].push=function(p){y([p])};y(c)}catch(e){}};var scr=d."
          "getElementsByTagName(t)[0],par=scr.parentNode;par.insertBefore(s,scr)})(window,"
          "document,\"script\",\"https://s.yimg.com/wi/ytc.js\",\"dotq\");</script>", _P,
          {"Yahoo Dot"}, {}, ("yahoo-dot-pixel", "10387215")),
    # a sports site's own video player whose pre-roll is AniView's VAST tag
    stack("AniView", "JW Player advertising.schedule tag: v.aniview.com/api/…/vast/?AV_…",
          '<script src="https://cdn.jwplayer.com/libraries/Xy7AbC12.js"></script>',
          _P + '<div id="player-1"></div><script>jwplayer("player-1").setup({file: '
          '"https://cdn.jwplayer.com/manifests/QrSt9876.m3u8", advertising: {client: "vast", '
          'schedule: [{offset: "pre", tag: "https://v.aniview.com/api/adserver61/vast/?'
          "AV_PUBLISHERID=5f9e8d7c6b5a4f3e2d1c0b9a&AV_CHANNELID=6a0b1c2d3e4f5a6b7c8d9e0f&"
          'AV_URL=[URL]&cb=[CACHEBUSTING]"}]}});</script>' + _P,
          {"AniView"}, {}, ("aniview-publisher", "5f9e8d7c6b5a4f3e2d1c0b9a"),
          ("aniview-channel", "6a0b1c2d3e4f5a6b7c8d9e0f")),
    # news pages saved from the browser's DOM after their tags ran (hunt36c): the calls and
    # loaders the vendors' code inserted, each carrying the account it was set up with
    stack("Navegg", "its account's tag: tag.navdmp.com/tm<account>.js",
          '<script id="navegg" src="https://tag.navdmp.com/tm31415.js"></script>', _P,
          {"Navegg"}, {}, ("navegg-account", "31415")),
    stack("Navegg", "the universal tag: new Navegg({acc: <account>})",
          '<script src="https://tag.navdmp.com/universal.min.js"></script><script>window.'
          "nvg31415 = new Navegg({acc: 31415});</script>", _P, {"Navegg"}, {},
          ("navegg-account", "31415")),
    stack("Lotame", "its audience call: ad.crwdcntrl.net/5/c=<client>/pe=y/",
          '<script async src="http://ad.crwdcntrl.net/5/c=2718/pe=y/callback=_cc_cb"></script>',
          _P, {"Lotame"}, {}, ("lotame-client", "2718")),
    stack("Magnite (Rubicon Project)", "its header-bidding loader: /header/<account>.js",
          '<script async src="http://ads.rubiconproject.com/header/16180.js"></script>', _P,
          {"Magnite (Rubicon Project)"}, {}, ("rubicon-account", "16180")),
    stack("Didomi", "its embed code: the loader built from the key the IIFE is given",
          "<script>window.gdprAppliesGlobally=true;(function(e){var t=document.createElement("
          '"script");t.id="spcloader";t.type="text/javascript";t.async=true;t.src='
          '"https://sdk.privacy-center.org/"+e+"/loader.js?target="+document.location.hostname;'
          't.charset="utf-8";var n=document.getElementsByTagName("script")[0];n.parentNode.'
          f'insertBefore(t,n)}})("{_UUID}");</script>', _P, {"Didomi"}, {},
          ("didomi-api-key", _UUID)),
    # the embed as later handed out: preconnect and DNS-prefetch hints and the visitor's
    # country and region added to the loader's address before the call names the key
    stack("Didomi", "embed code with preconnect hints and country/region, then (key)",
          "<script>window.gdprAppliesGlobally=true;(function(){(function(k){var p=document."
          'createElement("link");p.rel="preconnect";p.as="script";var f=document.createElement('
          '"link");f.rel="dns-prefetch";f.as="script";var s=document.createElement("script");'
          's.id="spcloader";s.type="text/javascript";s["async"]=true;s.charset="utf-8";'
          'var u="https://sdk.privacy-center.org/"+k+"/loader.js?target="+document.location.'
          "hostname;if(window.didomiConfig&&window.didomiConfig.user){var who=window."
          "didomiConfig.user;var land=who.country;var area=who.region;if(land){u=u+"
          '"&country="+land;if(area){u=u+"&region="+area}}}p.href="https://sdk.privacy-'
          'center.org/";f.href="https://sdk.privacy-center.org/";s.src=u;var first=document.'
          'getElementsByTagName("script")[0];first.parentNode.insertBefore(p,first);first.'
          "parentNode.insertBefore(f,first);first.parentNode.insertBefore(s,first)})"
          f'("{_UUID}")}})();</script>', _P, {"Didomi"}, {}, ("didomi-api-key", _UUID)),
    # the group's CDN serves the page its other files too (CNN's Turner CDN): a host
    # serving that one file is any kit's (resources._serves_the_site)
    stack("Comscore", "StreamSense served from a media group's own CDN",
          '<link rel="stylesheet" href="//s.cdn.harbourmedia.example/css/group.css">'
          '<script src="//s.cdn.harbourmedia.example/analytics/comscore/streamsense.5.2.0.'
          '160629.min.js"></script>', _P, {"Comscore"}, {}),
    stack("AddThis", "its widget's calls: addthisedge.com/live/boost/<profile>/, ?pub=<profile>",
          '<script src="//m.addthis.com/live/red_lojson/300lo.json?si=5f1e2d3c4b5a6978&amp;'
          'pub=ra-5f1e2d3c4b5a6978&amp;rev=v8.28.8-wp&amp;callback=addthis.cbs.oln9_1"></script>'
          '<script src="//m.addthisedge.com/live/boost/ra-5f1e2d3c4b5a6978/_ate.track.config_resp">'
          "</script>", _P, {"AddThis"}, {}, ("addthis-publisher", "ra-5f1e2d3c4b5a6978")),
    stack("Quantcast Measure", "the advertising script quant.js inserts: aquant.js?a=p-…",
          '<script src="http://pixel.quantserve.com/aquant.js?a=p-Ab3dE5gH7jK9m" async></script>',
          _P, {"Quantcast Measure"}, {}, ("quantcast-account", "p-Ab3dE5gH7jK9m")),
    # GPT's own inserts: Active View and the SafeFrame host's script, on AdSense's host
    stack("Google Publisher Tag", "gpt.js with the osd.js and expansion_embed.js it inserts",
          '<script src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'
          '<script src="//pagead2.googlesyndication.com/pagead/expansion_embed.js?source='
          'safeframe"></script><script src="http://pagead2.googlesyndication.com/pagead/osd.js">'
          "</script>", _P, {"Google Publisher Tag"}, {}),
    # trackers' accounts the catalogue lacked (ids39): Sentry's Loader Script and a DSN as
    # Sentry.init or a site's config hands it, Umbel's tag, Yahoo's ad in an AMP component
    stack("Sentry", "Loader Script: js.sentry-cdn.com/<public key>.min.js",
          f'<script src="https://js.sentry-cdn.com/{_SENTRY_KEY}.min.js" crossorigin="anonymous">'
          "</script>", _P, {"Sentry"}, {}, ("sentry-key", _SENTRY_KEY)),
    stack("Sentry", "CDN bundle + Sentry.init({dsn}) on the ingest host",
          '<script src="https://browser.sentry-cdn.com/7.64.0/bundle.min.js" crossorigin='
          f'"anonymous"></script><script>Sentry.init({{dsn: "https://{_SENTRY_KEY}@o4504512.'
          'ingest.us.sentry.io/4504512000123", tracesSampleRate: 0.1});</script>', _P,
          {"Sentry"}, {}, ("sentry-key", _SENTRY_KEY), ("sentry-org", "4504512")),
    stack("Sentry", "the SDK in the site's bundle, its legacy DSN in the site's config",
          f'<script>window.APP_CONFIG = {{"sentryDsn": "https://{_SENTRY_KEY}@sentry.io/1781'
          '931", "locale": "en"};</script><script src="/static/app.3f9c1d.js"></script>', _P,
          {"Sentry"}, {}, ("sentry-key", _SENTRY_KEY)),
    stack("Umbel", "window._umbel + tags.api.umbel.com/<api key>/w.js",
          "<script type=\"text/javascript\">window._umbel = window._umbel || [];(function() {"
          "var u = document.createElement('script'); u.type = 'text/javascript'; u.async = true;"
          "u.src = document.location.protocol + '//tags.api.umbel.com/qwkzrtmpsydnvbxa/w.js';var "
          "s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(u, s);})();"
          "</script>", _P, {"Umbel"}, {}, ("umbel-api-key", "qwkzrtmpsydnvbxa")),
    stack("Yahoo", "<amp-ad type=yahoo data-sid data-site data-sa>",
          '<script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/amp-ad-0.1'
          '.js"></script>', _P + '<amp-ad type="yahoo" width="300" height="250" data-sid='
          '"980771234" data-site="news" data-sa=\'{"LREC":"300x250","secure":"true"}\'>'
          "</amp-ad>", {"Yahoo SSP (Verizon Media, ONE by AOL)"},
          {"Yahoo SSP (Verizon Media, ONE by AOL)": 1}, ("yahoo-space", "980771234")),
]


@pytest.mark.parametrize("s", STACKS, ids=lambda s: f"{s.stack}: {s.form}")
def test_each_tag_is_named_with_its_slots_and_ids(audit_stack: AuditStack, s: Stack) -> None:
    report = audit_stack(s)
    assert_read(report, s)
    assert serious(report) == []


def test_a_self_hosted_analytics_script_is_a_copy_of_the_vendors_code(
        audit_stack: AuditStack) -> None:
    """The site serves the file: the resource is the vendor's, and a copy of its code."""
    report = audit_stack(STACKS[1])
    (script,) = [r for r in report.resources if r.url.endswith("/script.js")]
    assert (script.network, script.self_hosted) == ("Umami", True)


_NAMED = {"Umami", "Plausible", "DataFast", "Ninja AdMax", "Truehits", "Yahoo Dot", "nend"}


@pytest.mark.parametrize(("form", "body"), [
    # a site's own script.js with no vendor's attribute, or with another widget's
    ("a site's own /js/script.js", '<script src="/js/script.js"></script>'),
    ("a theme script with data-domain but no endpoint", '<script data-domain="example-blog.com"'
     ' src="/assets/theme.js"></script>'),
    # DataFast's tag, proxied through the site: data-website-id beside data-domain is not
    # Umami's, nor Plausible's
    ("DataFast's tag proxied on the site", '<script defer data-website-id="dfid_7Qx2LmN9pR4s" '
     'data-domain="example-blog.com" src="/js/script.js"></script>'),
    # attributes are cheap to copy: a kit's script on a host dressed as a tracker, a site's
    # chat widget whose website id is no Umami UUID, a theme's own endpoint beside data-domain
    ("a kit's script on a dressed host with Umami's attribute", '<script defer src="https://'
     f'cdn-stat-track.xyz/t.js" data-website-id="{_UUID}"></script>'),
    ("a chat widget's numeric data-website-id", '<script async src="https://example-blog.com/'
     'assets/chat-widget.js" data-website-id="42"></script>'),
    ("a theme script with data-domain and its own endpoint", '<script data-domain="example-'
     'blog.com" data-api="/api/theme" src="/static/js/theme-switch.js"></script>'),
    # a sharing widget's div keyed on a website id, not a script
    ("a div with data-website-id", f'<div data-website-id="{_UUID}"></div>'),
    ("an admax-like box without AdMax's tag", f'<div data-admax-id="{_ADMAX}"></div>'),
    ("a pixelId in a site's own config", "<script>var cfg = {properties: {pixelId: "
     "'10387215'}};</script>"),
    ("a spot in a site's own params", '<script>var map_params = {"spot": 1123456};</script>'),
])
def test_look_alikes_name_none_of_them(audit_stack: AuditStack, form: str, body: str) -> None:
    assert_names_none(audit_stack(stack("none", form, "", _P + body + _P, set(), {})), _NAMED)


@pytest.mark.parametrize("body", [
    # Sentry's documentation's own examples, as a tutorial copies them: no account
    '<script src="https://js.sentry-cdn.com/examplePublicKey.min.js" crossorigin="anonymous">'
    '</script><script>Sentry.init({dsn: "https://examplePublicKey@o0.ingest.sentry.io/0"});'
    "</script>",
    # a site's own host named like an ingest endpoint, a key-like hash in its URL
    f'<a href="https://status.example-blog.com/{_SENTRY_KEY}@ingest.example-blog.com/42">x</a>',
    # Umbel's tag with the key left as its template's placeholder
    "<script>window._umbel = window._umbel || []; var u = document.createElement('script');"
    "u.src = '//tags.api.umbel.com/' + umbelCode + '/w.js';</script>",
    # Yahoo's AMP documentation's example space
    '<amp-ad type="yahoo" width="300" height="250" data-sid="954014446" data-site="news" '
    'data-sa=\'{"LREC":"300x250"}\'></amp-ad>',
], ids=["sentry docs", "an ingest-like host", "umbel template", "yahoo amp docs"])
def test_examples_and_look_alikes_name_no_trackers_account(
        audit_stack: AuditStack, body: str) -> None:
    report = audit_stack(stack("none", "", "", _P + body + _P, set(), {}))
    assert [(i.kind, i.value) for i in report.ids
            if i.kind.split("-")[0] in ("sentry", "umbel", "yahoo")] == []


# Outbrain's widget as a page saved after outbrain.js rendered it: the site's tag, with its
# widget ID, around the box the script filled with promoted links
_OB_ITEM = ('<li class="ob-dynamic-rec-container ob-recIndex-{i} ob-p"><a class="ob-dynamic-'
            'rec-link" href="https://paid.outbrain.com/network/redir?p=abc{i}&amp;a=123{i}&amp;'
            'c=987{i}&amp;v=3&amp;idx={i}&amp;t=1" target="_blank" rel="nofollow"><img class='
            '"ob-rec-image" src="https://images.outbrainimg.com/transform/v3/eyJpdSI6I{i}.jpg" '
            'alt=""><span class="ob-unit ob-rec-text">The secret to great sleep {i}</span>'
            '<span class="ob-unit ob-rec-source">Sponsor {i}</span></a></li>')
_OB_RENDERED = (
    '<div class="OUTBRAIN" data-src="https://example-blog.com/post/" data-widget-id="AR_1" '
    'data-ob-mark="true" data-dynload="" data-idx="0" id="outbrain_widget_0"><div class="ob-'
    'widget ob-feed-layout AR_1" style="display:block"><div class="ob-widget-header">Promoted '
    'Stories</div><ul class="ob-widget-items-container">'
    + "".join(_OB_ITEM.format(i=i) for i in range(6))
    + '</ul><a class="ob_what" href="https://www.outbrain.com/what-is/" rel="nofollow">What is'
    '</a></div></div><script type="text/javascript" async="async" '
    'src="//widgets.outbrain.com/outbrain.js"></script>')


def test_a_rendered_widget_keeps_the_id_its_tag_wrote(audit_stack: AuditStack) -> None:
    """The box the script filled was the slot and named no widget; the tag around it does."""
    rendered = stack("Outbrain", "rendered", "", _P + _OB_RENDERED + _P, {"Outbrain"},
                     {"Outbrain": 1}, ("outbrain-widget", "AR_1"))
    report = audit_stack(rendered)
    assert_read(report, rendered)
    assert [s.zone_id for s in report.slots] == ["AR_1"]


# vendors blind42b's pages carried that the catalogue lacked (fix42b): Baidu's share bar and
# its webmaster platform's link push on Chinese news pages, a European news site's consent
# platform, MailerLite's snippet and embedded form, Piano's ad-block bait, Subscribe with
# Google, and GA4 hits sent through the site's own server-side tagging host
_CDID = "5e0a1b2c3d4f6"
STACKS_42B = [
    stack("Baidu Share", "_bd_share_config + bdimg.share.baidu.com/static/api/js/share.js",
          "", _P + '<div class="bdsharebuttonbox"><a href="#" class="bds_more" data-cmd="more">'
          '</a><a href="#" class="bds_weixin" data-cmd="weixin"></a></div><script>window.'
          '_bd_share_config={"common":{"bdSnsKey":{},"bdText":"","bdMini":"2","bdPic":"",'
          '"bdStyle":"0","bdSize":"16"},"share":{}};with(document)0[(getElementsByTagName('
          "'head')[0]||body).appendChild(createElement('script')).src='http://bdimg.share."
          "baidu.com/static/api/js/share.js?v=89860593.js?cdnversion='+~(-new Date()/36e5)];"
          "</script>", {"Baidu Share"}, {}),
    stack("Baidu Link Submit", "the push snippet: zz.bdstatic.com/linksubmit/push.js",
          "", _P + "<script>(function(){var bp = document.createElement('script');var "
          "curProtocol = window.location.protocol.split(':')[0];if (curProtocol === 'https'){"
          "bp.src = 'https://zz.bdstatic.com/linksubmit/push.js';}else{bp.src = 'http://push."
          "zhanzhang.baidu.com/push.js';}var s = document.getElementsByTagName('script')[0];"
          "s.parentNode.insertBefore(bp, s);})();</script>", {"Baidu Link Submit"}, {}),
    stack("consentmanager.net", "semiautomatic.min.js + data-cmp-cdid, the cmp.php it asks",
          '<script type="text/javascript" data-cmp-ab="1" src="https://cdn.consentmanager.net/'
          f'delivery/js/semiautomatic.min.js" data-cmp-cdid="{_CDID}" data-cmp-host="d.delivery.'
          'consentmanager.net" data-cmp-cdn="cdn.consentmanager.net" data-cmp-codesrc="0">'
          '</script><script async src="https://d.delivery.consentmanager.net/delivery/cmp.php?'
          f'&amp;cdid={_CDID}&amp;l=en&amp;o=1772666201029"></script>', _P,
          {"consentmanager.net"}, {}, ("consentmanager-cdid", _CDID)),
    stack("consentmanager.net", "the automatic blocking code: autoblocking/<cdid>.js",
          '<script type="text/javascript" data-cmp-ab="1" src="https://cdn.consentmanager.net/'
          f'delivery/autoblocking/{_CDID}.js"></script>', _P, {"consentmanager.net"}, {},
          ("consentmanager-cdid", _CDID)),
    stack("MailerLite", "the Universal snippet: universal.js + ml('account', …)",
          "<script>(function(w,d,e,u,f,l,n){w[f]=w[f]||function(){(w[f].q=w[f].q||[]).push("
          "arguments);},l=d.createElement(e),l.async=1,l.src=u,n=d.getElementsByTagName(e)[0],"
          "n.parentNode.insertBefore(l,n);})(window,document,'script','https://assets.mailerlite"
          ".com/js/universal.js','ml');ml('account', '481516');</script>", _P, {"MailerLite"},
          {}, ("mailerlite-account", "481516")),
    stack("MailerLite", "an embedded form alone: div.ml-form-embed[data-account]", "",
          _P + '<div class="ml-form-embed" data-account="2342108:q7w8e9r0t1" data-form='
          '"4815162:a1b2c3"></div>', {"MailerLite"}, {}, ("mailerlite-account", "2342108")),
    stack("npttech (Piano)", "Piano's ad-block bait at the head's top",
          '<script>function setNptTechAdblockerCookie(b){document.cookie="__adblocker="+b;}'
          '</script><script async="true" src="//www.npttech.com/advertising.js" onerror="set'
          'NptTechAdblockerCookie(true)"></script>', _P, {"npttech (Piano)"}, {}),
    stack("Subscribe with Google", "swg.js on news.google.com",
          '<script async type="application/javascript" subscriptions-control="manual" src="'
          'https://news.google.com/swg/js/v1/swg.js"></script>', _P, {"Subscribe with Google"},
          {}),
    stack("Google Analytics", "GA4 hits through the site's server-side tagging host",
          "", _P + "<script>function sendEvent(cid){fetch(`https://ss.example-blog.com/g/"
          "collect?v=2&en=page_view&tid=G-7QX2LMN9PR&cid=${cid}`, {method: 'POST', mode: "
          "'no-cors'});}sendEvent(1);</script>", {"Google Analytics"}, {},
          ("ga-measurement-id", "G-7QX2LMN9PR")),
]


@pytest.mark.parametrize("s", STACKS_42B, ids=lambda s: f"{s.stack}: {s.form}")
def test_each_fix42b_tag_is_named_with_its_ids(audit_stack: AuditStack, s: Stack) -> None:
    report = audit_stack(s)
    assert_read(report, s)
    assert serious(report) == []


_NAMED_42B = {"Baidu Share", "Baidu Link Submit", "consentmanager.net", "MailerLite",
              "npttech (Piano)", "Subscribe with Google", "Google Analytics"}


@pytest.mark.parametrize(("form", "body"), [
    ("look-alike hosts", '<script src="https://bdimg.share.baidu.com.cdn-evil.test/static/api/'
     'js/share.js"></script><script src="https://zz.notbdstatic.com/linksubmit/push.js">'
     '</script><script src="https://cdn.notconsentmanager.net/delivery/js/semiautomatic.min.js"'
     ' data-cmp-cdid="5e0a1b2c3d4f6"></script><script src="https://www.npttech.com.evil.test/'
     'advertising.js"></script><script src="https://news.google.com.evil.test/swg/js/v1/swg.js">'
     "</script>"),
    ("the vendors' words in prose and a <pre>", "<p>Set window._bd_share_config = {} and call "
     "ml('account', '481516') as the docs say.</p><pre>&lt;div class=\"ml-form-embed\" "
     "data-account=\"2342108:q7w8e9r0t1\"&gt;</pre>"),
    ("another widget's data-account, a collect path of another kind", '<div class="chat" '
     'data-account="2342108"></div><script>fetch("https://stats.example-blog.com/g/collect?'
     'v=2&tid=site-42");</script><img src="https://stats.example-blog.com/collect?tid='
     'G-7QX2LMN9PR">'),
])
def test_fix42b_look_alikes_name_none_of_them(audit_stack: AuditStack, form: str,
                                              body: str) -> None:
    assert_names_none(audit_stack(stack("none", form, "", _P + body + _P, set(), {})),
                      _NAMED_42B)


def test_ga4s_hit_shape_vouches_for_no_script_or_frame(audit_html: AuditHtml) -> None:
    """GA4 sends its hits (`/g/collect?…tid=G-…`) by fetch, beacon or image, never as a
    script or a frame: an address of that shape on an unknown host loaded as either is no
    Analytics request, and a script appended after `</html>` from it stays a finding."""
    hit = "https://cdn.ads-evil.test/g/collect?v=2&tid=G-7QX2LMN9PR&en=page_view"
    html = (f"<html><head><title>t</title></head><body>{_P}<iframe src=\"{hit}&x=1\" "
            f"width=\"300\" height=\"250\"></iframe></body></html><script src=\"{hit}\">"
            "</script>")
    report = audit_html(html, "https://example-blog.com/post/")
    assert "Google Analytics" not in {n.network for n in report.networks}
    assert [f.severity for f in report.findings if f.kind == "appended-script"] == [
        Severity.MEDIUM]


# vendors blind42c's pages carried that the catalogue lacked (fix42c): bShare's share bar on
# a Chinese news page, with its account's UUID in the loader's fragment, and Taboola's
# snippet served from the site's own file named as EasyList and EasyPrivacy list it
_BSHARE = "3c9e1f42-7a5b-4d8e-9f01-6b2c3d4e5f60"
STACKS_42C = [
    stack("bShare", "buttonLite.js#uuid=…&style=-1 + bShare.share buttons", "",
          _P + '<div class="share"><a title="WeChat" onclick="javascript:bShare.share(event,'
          "'weixin',0);return false;\" href=\"#\">&#160;</a></div><script type=\"text/javascript"
          '" charset="utf-8" src="https://static.bshare.cn/b/buttonLite.js#uuid='
          f'{_BSHARE}&#38;style=-1"></script>', {"bShare"}, {}, ("bshare-uuid", _BSHARE)),
    stack("bShare", "the button code's order: #style=-1&amp;uuid=…&amp;lang=zh", "",
          _P + '<div class="bshare-custom"><a title="QQ" class="bshare-qzone"></a></div>'
          '<script type="text/javascript" charset="utf-8" src="http://static.bshare.cn/b/'
          f'buttonLite.js#style=-1&amp;uuid={_BSHARE}&amp;pophcol=1&amp;lang=zh"></script>'
          '<script type="text/javascript" charset="utf-8" src="http://static.bshare.cn/b/'
          'bshareC0.js"></script>', {"bShare"}, {}, ("bshare-uuid", _BSHARE)),
    stack("bShare", "no account registered: uuid= left empty", "",
          _P + '<script type="text/javascript" charset="utf-8" src="http://static.bshare.cn/b/'
          'buttonLite.js#style=-1&amp;uuid=&amp;pophcol=1&amp;lang=zh"></script>',
          {"bShare"}, {}),
    stack("Taboola", "the head snippet in the site's own /js/taboolaHead.js",
          '<script type="text/javascript" src="//www.example-blog.com/js/taboolaHead.js">'
          "</script>", _P, {"Taboola"}, {}),
    stack("Taboola", "the footer snippet in the site's own taboola-footer.js", "",
          _P + '<script src="/wp-content/themes/kitchen/js/taboola-footer.js"></script>',
          {"Taboola"}, {}),
]


@pytest.mark.parametrize("s", STACKS_42C, ids=lambda s: f"{s.stack}: {s.form}")
def test_each_fix42c_tag_is_named_with_its_ids(audit_stack: AuditStack, s: Stack) -> None:
    report = audit_stack(s)
    assert_read(report, s)
    assert serious(report) == []


@pytest.mark.parametrize(("form", "body"), [
    ("look-alike hosts", '<script src="https://static.bshare.cn.evil.test/b/buttonLite.js#uuid='
     f'{_BSHARE}"></script><script src="https://static.notbshare.cn/b/buttonLite.js#uuid='
     f'{_BSHARE}"></script>'),
    ("another site's file named after the vendor", '<script src="https://cdn.evil.test/'
     'taboolaHead.js"></script>'),
    ("a file whose name only holds the vendor's", '<script src="/js/taboola-vs-outbrain-'
     'chart.js"></script><script src="/js/notaboola.js"></script>'),
    ("the vendors' words in prose and a <pre>", "<p>Paste buttonLite.js#uuid="
     f"{_BSHARE} from static.bshare.cn/b/ and taboolaHead.js in the head.</p><pre>&lt;script "
     f'src="http://static.bshare.cn/b/buttonLite.js#uuid={_BSHARE}"&gt;</pre>'),
])
def test_fix42c_look_alikes_name_none_of_them(audit_stack: AuditStack, form: str,
                                              body: str) -> None:
    report = audit_stack(stack("none", form, "", _P + body + _P, set(), {}))
    assert_names_none(report, {"bShare", "Taboola"})
    assert [i for i in report.ids if i.kind == "bshare-uuid"] == []


# an advertiser's Outbrain pixel in image form (fix45d): the Amplify pixel of its custom
# audience tag, an <img> kept out of sight by style or a <noscript>, and the unified pixel's
# hit its obApi tag sends; the marketer ID is read on Outbrain's own pixel hosts only
_OB_MID, _OB_MID2 = "004f1c8e2a7b9d3c5e6f0a1b2c3d4e5f6a", "009e8d7c6b5a4f3e2d1c0b9e8d7c6b5a4f"
STACKS_45D = [
    stack("Outbrain", "Amplify pixel: <img src=//amplifypixel.outbrain.com/pixel?mid=…> hidden",
          "", _P + '<!-- Outbrain custom audience --><img src="//amplifypixel.outbrain.com/pixel'
          f'?mid={_OB_MID}" style="display:none" />', {"Outbrain"}, {},
          ("outbrain-marketer", _OB_MID)),
    stack("Outbrain", "Amplify pixel in a <noscript>, the mid after another parameter", "",
          _P + '<noscript><img height="1" width="1" alt="" src="https://amplifypixel.outbrain.'
          f'com/pixel?cb=7&amp;mid={_OB_MID}"></noscript>', {"Outbrain"}, {},
          ("outbrain-marketer", _OB_MID)),
    stack("Outbrain", "unified pixel hit, two marketers", "",
          _P + '<noscript><img src="https://tr.outbrain.com/unifiedPixel?marketerId='
          f'{_OB_MID},{_OB_MID2}&amp;obApiVersion=1.1&amp;name=PAGE_VIEW" width="1" height="1"'
          ' style="display:none"></noscript>', {"Outbrain"}, {},
          ("outbrain-marketer", _OB_MID), ("outbrain-marketer", _OB_MID2)),
]


@pytest.mark.parametrize("s", STACKS_45D, ids=lambda s: f"{s.stack}: {s.form}")
def test_each_fix45d_pixel_is_named_with_its_marketer(audit_stack: AuditStack, s: Stack) -> None:
    report = audit_stack(s)
    assert_read(report, s)
    assert serious(report) == []


@pytest.mark.parametrize(("form", "body"), [
    ("look-alike pixel hosts", f'<img src="https://amplifypixel.outbrain.com.evil.test/pixel?mid='
     f'{_OB_MID}" style="display:none"><img src="https://notamplifypixel-outbrain.com/pixel?mid='
     f'{_OB_MID}"><img src="https://tr.outbrain.com.evil.test/unifiedPixel?marketerId={_OB_MID}">'
     f'<img src="https://evil.test/amplifypixel.outbrain.com/pixel?mid={_OB_MID}">'),
    ("the pixel's address in prose and a <pre>", "<p>Add amplifypixel.outbrain.com/pixel?mid="
     f"{_OB_MID} to the footer.</p><pre>&lt;img src=\"//amplifypixel.outbrain.com/pixel?mid="
     f"{_OB_MID}\"&gt;</pre>"),
])
def test_fix45d_look_alikes_read_no_marketer(audit_stack: AuditStack, form: str,
                                             body: str) -> None:
    """Outbrain's loader is on the page, so its hosts' pixels would be read: none of these is."""
    loader = '<script async src="//widgets.outbrain.com/outbrain.js"></script>'
    report = audit_stack(stack("none", form, "", _P + body + loader + _P, set(), {}))
    assert "Outbrain" in {n.network for n in report.networks}
    assert [i for i in report.ids if i.kind == "outbrain-marketer"] == []


# fix45h: a Sri Lankan news site's AdStudio banners (its synchronous tag per unit, a WordPress
# text widget escaping its `&`), an Italian news site's Evolution ADV script named for the
# site, OneSignal's WordPress plugin init; the IDs read on the vendors' own hosts and calls
_AS = "https://backend-ssp.adstudio.cloud/?c=b&m=s&placementId="
_OS_APP = "7d2c4e1a-9b3f-4a6e-8c5d-1f0e2d3c4b5a"
_OS_SAFARI = "web.onesignal.auto.0c9b8a7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d"


def _onesignal_plugin(app: str = _OS_APP) -> str:
    """The plugin's init as it prints it in the head (its options one assignment a line)."""
    return ('<meta name="onesignal" content="wordpress-plugin" /><script>\n'
            "window.OneSignal = window.OneSignal || [];\n"
            "OneSignal.push( function() {\n"
            '  OneSignal.SERVICE_WORKER_UPDATER_PATH = "OneSignalSDKUpdaterWorker.js.php";\n'
            '  OneSignal.SERVICE_WORKER_PATH = "OneSignalSDKWorker.js.php";\n'
            "  OneSignal.SERVICE_WORKER_PARAM = { scope: '/' };\n"
            '  OneSignal.setDefaultNotificationUrl("https://example-blog.com");\n'
            "  var oneSignal_options = {};\n"
            "  window._oneSignalInitOptions = oneSignal_options;\n"
            "  oneSignal_options['wordpress'] = true;\n"
            f"oneSignal_options['appId'] = '{app}';\n"
            "oneSignal_options['welcomeNotification'] = { };\n"
            "oneSignal_options['welcomeNotification']['title'] = \"The Weekday Kitchen\";\n"
            f"oneSignal_options['safari_web_id'] = \"{_OS_SAFARI}\";\n"
            "oneSignal_options['notifyButton'] = { };\n"
            "oneSignal_options['notifyButton']['enable'] = true;\n"
            "  OneSignal.init(window._oneSignalInitOptions);\n"
            "  OneSignal.showSlidedownPrompt(); });\n</script>"
            '<script src="https://cdn.onesignal.com/sdks/OneSignalSDK.js?ver=5.5.1" async>'
            "</script>")


STACKS_45H = [
    stack("AdStudio", "head loader c=res + synchronous banner tags, one placement twice",
          '<script src="https://backend-ssp.adstudio.cloud/?c=res&amp;m=async"></script>',
          _P + f'<div align="center"><script type="text/javascript" src="{_AS}4417"></script>'
          "</div>" + _P + f'<div align="center"><script type="text/javascript" src="{_AS}4417">'
          '</script></div><div class="textwidget"><div align="center"><script type="text/'
          'javascript" src="https://backend-ssp.adstudio.cloud/?c=b&#038;m=s&#038;placementId='
          '4418"></script></div></div>', {"AdStudio"}, {"AdStudio": 3},
          ("adstudio-placement", "4417"), ("adstudio-placement", "4418")),
    stack("Evolution ADV", "the site's script: assets.evolutionadv.it/<site>/<site>_new.min.js",
          '<link rel="dns-prefetch" href="//assets.evolutionadv.it" /><script type="text/'
          'javascript" src="https://assets.evolutionadv.it/weekdaykitchen_com/weekdaykitchen_com'
          '_new.min.js?ver=5.5.1" id="evolution-js" defer></script>',
          # the theme's own box it fills: an ad box, of no vendor's markup
          _P + '<div class="ads desktop" id="top-single1"></div>' + _P, {"Evolution ADV"},
          {"?": 1},
          ("evolutionadv-site", "weekdaykitchen_com")),
    stack("Evolution ADV", "its library and config: optiload.min.js + optiload.cmd.push",
          "<script>(function() { var s = document.createElement('script'); s.async = true; "
          "s.src = 'https://assets.evolutionadv.it/optiload/4.x.x/optiload.min.js'; "
          "document.head.appendChild(s); })(); optiload.cmd.push(function() { "
          "optiload.enableServices(); });</script>", _P, {"Evolution ADV"}, {}),
    stack("OneSignal", "its WordPress plugin: oneSignal_options['appId'] in its push call",
          _onesignal_plugin(), _P, {"OneSignal"}, {},
          ("onesignal-app", _OS_APP), ("onesignal-safari-web-id", _OS_SAFARI)),
]


@pytest.mark.parametrize("s", STACKS_45H, ids=lambda s: f"{s.stack}: {s.form}")
def test_each_fix45h_tag_is_named_with_its_slots_and_ids(audit_stack: AuditStack,
                                                         s: Stack) -> None:
    report = audit_stack(s)
    assert_read(report, s)
    assert serious(report) == []


def test_adstudios_units_carry_their_placements(audit_stack: AuditStack) -> None:
    """Each banner tag is its unit, its placement read from its own request."""
    report = audit_stack(STACKS_45H[0])
    assert [s.zone_id for s in report.slots] == ["4417", "4417", "4418"]


@pytest.mark.parametrize(("form", "body"), [
    ("look-alike AdStudio hosts", '<script src="https://notadstudio.cloud/?c=b&amp;m=s&amp;'
     'placementId=4417"></script><script src="https://backend-ssp.adstudio.cloud.evil.test/?'
     'c=b&amp;m=s&amp;placementId=4418"></script><script src="https://evil.test/adstudio.cloud/'
     '?c=b&amp;placementId=4419"></script>'),
    ("look-alike Evolution ADV and vlitag hosts", '<script src="https://assets.evolutionadv.it'
     '.evil.test/weekday_com/weekday_com.min.js"></script><script src="https://'
     'notevolutionadv.it/weekday_com/weekday_com.min.js"></script><script src="https://'
     'services.vlitag.com.evil.test/adv1/?q=8d3f0c2b1a9e8d7c6b5a4f3e2d1c0b9a"></script>'),
    ("the tags in prose and a <pre>", f"<p>Paste {_AS}4417 where the banner goes, and "
     "assets.evolutionadv.it/weekday_com/weekday_com.min.js in the head.</p><pre>&lt;script "
     f'src="{_AS}4417"&gt;&lt;/script&gt;</pre>'),
])
def test_fix45h_look_alikes_name_none_of_them(audit_stack: AuditStack, form: str,
                                              body: str) -> None:
    report = audit_stack(stack("none", form, "", _P + body + _P, set(), {}))
    assert_names_none(report, {"AdStudio", "Evolution ADV", "Valueimpression"})
    assert [i for i in report.ids if i.kind.startswith(("adstudio", "evolutionadv",
                                                         "valueimpression"))] == []


def test_adstudios_resource_loader_and_evolutions_library_are_no_unit_nor_site(
        audit_stack: AuditStack) -> None:
    """AdStudio's `c=res` loader writes no banner; Evolution's optiload folder is no site."""
    head = ('<script src="https://backend-ssp.adstudio.cloud/?c=res&amp;m=async&amp;'
            'placementId=4417"></script><script src="https://assets.evolutionadv.it/optiload/'
            'optiload.min.js"></script>')
    report = audit_stack(stack("none", "", head, _P, set(), {}))
    assert {"AdStudio", "Evolution ADV"} <= {n.network for n in report.networks}
    assert report.slots == ()
    assert [i for i in report.ids if i.kind in ("adstudio-placement", "evolutionadv-site")] == []


@pytest.mark.parametrize("head", [
    # the plugin's options named outside its push call (a site's own script, no call before)
    "<script>var oneSignal_options = {}; oneSignal_options['appId'] = '" + _OS_APP + "';"
    "</script><script src=\"https://cdn.onesignal.com/sdks/OneSignalSDK.js\" async></script>",
    # another object's appId inside the push call; a value of no app's form
    "<script>OneSignal.push(function() { var chat_options = {}; chat_options['appId'] = '"
    + _OS_APP + "'; });</script><script src=\"https://cdn.onesignal.com/sdks/OneSignalSDK.js"
    '" async></script>',
    _onesignal_plugin("your-app-id-here"),
])
def test_onesignals_plugin_look_alikes_read_no_app(audit_stack: AuditStack, head: str) -> None:
    report = audit_stack(stack("none", "", head, _P, set(), {}))
    assert [i for i in report.ids if i.kind == "onesignal-app"] == []
