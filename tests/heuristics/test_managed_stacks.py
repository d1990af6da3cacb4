"""The managed ad stacks publisher pages run (recipe blogs, niche sites, news), each in
the forms its vendor's install docs give and sites' copies show, on a blog post of the
site's own and audited with the system filter lists: every network the page runs is
named and no other, every unit placeholder the stack writes is a slot of it (and no
setting, hint or player shell is), the operator's site and publisher IDs are read with
their kind, and the publisher's own stack draws no medium or high finding.

Each page is one we wrote after the vendor's published snippet as sites' copies show it;
the IDs are made up (docs/ACCURACY.md, "What changed the figures", lists the stacks)."""

from __future__ import annotations

import pytest

from .conftest import AuditHtml
from .stacks import AuditStack, Stack, assert_read, serious, stack

_P = "<p>Whisk the eggs with the sugar until pale, then fold in the flour.</p>"

HTL = "Hashtag Labs (HTL)"
# HTL's install: the site's build of its wrapper and styles, then an empty placeholder per unit
_HTL_HEAD = ('<link rel="stylesheet" type="text/css" href="https://htlbid.com/v3/example-blog.com/'
             'htlbid.css"><script async src="https://htlbid.com/v3/example-blog.com/htlbid.js">'
             "</script><script>window.htlbid = window.htlbid || {}; htlbid.cmd = htlbid.cmd || [];"
             " htlbid.cmd.push(function () { htlbid.layout('universal'); });</script>")

_EZOIC_SA = ('<script async src="//www.ezojs.com/ezoic/sa.min.js"></script>'
             "<script>window.ezstandalone = window.ezstandalone || {};\n"
             "ezstandalone.cmd = ezstandalone.cmd || [];</script>")
_EZOIC_UNIT = ('<div id="ezoic-pub-ad-placeholder-{n}"></div><script>ezstandalone.cmd.push('
               "function () {{ ezstandalone.showAds({n}); }});</script>")
# a page Ezoic's cloud integration served, as saved: the site's `did` / `_ezaq.domain_id`,
# and each placement as its inserter fills it (the ad's spans inside the placeholder)
_EZOIC_CLOUD_HEAD = (
    "<script data-ezscrex=\"false\" type=\"text/javascript\">var soc_app_id = '0';\n"
    "var did = 418862;\nvar ezdomain = 'example-blog.com';\nvar ezoicSearchable = 1;\n"
    '</script><script data-ezscrex="false" type="text/javascript" data-cfasync="false">'
    'var _ezaq = {"ad_cache_level":1,"country":"US","domain_id":418862,'
    '"form_factor_id":1,"page_view_id":"a4530e9c-2c7f-4b1e-6a55-1c3b2f9d8e01"};</script>'
    '<script data-ezscrex="false" src="//g.ezoic.net/ezoic/ezoiclazy.js" async></script>')
_EZOIC_CLOUD_UNIT = (
    '<div id="ezoic-pub-ad-placeholder-{n}" data-inserter-version="2">'
    '<span class="ezoic-ad ezoic-at-0 box-3 box-3{n} adtester-container '
    'adtester-container-{n} ezoic-ad-adaptive" data-ez-name="example_blog_com-box-{k}" '
    'style="display:block !important;float:none;min-height:250px;text-align:center">'
    '<span id="div-gpt-ad-example_blog_com-box-{k}-0" ezaw="300" ezah="250" '
    'style="position:relative;z-index:0;display:inline-block" class="ezoic-ad">'
    '<script data-ezscrex="false" data-cfasync="false" type="text/javascript" '
    "style=\"display:none;\">if(typeof ez_ad_units != 'undefined'){{ez_ad_units.push("
    "[[300,250],'example_blog_com-box-{k}','ezslot_{k}',{n},'0','0'])}};"
    "__ez_fad_position('div-gpt-ad-example_blog_com-box-{k}-0');</script></span></span>"
    "</div>")

# older Ezoic inserters put the unit beside its placeholder, not inside (sites' saved copies)
_EZOIC_BESIDE_UNIT = (
    '<span id="ezoic-pub-ad-placeholder-{n}" class="ezoic-adpicker-ad"></span>'
    '<span class="ezoic-ad box-4 box-4{n} adtester-container adtester-container-{n}" '
    'data-ez-name="example_blog_com-box-{k}"><span id="div-gpt-ad-example_blog_com-box-{k}-0" '
    'ezaw="336" ezah="280" style="position:relative;z-index:0;display:inline-block;'
    'min-height:280px;min-width:336px" class="ezoic-ad"><script data-ezscrex="false" '
    'data-cfasync="false" style="display:none">typeof __ez_fad_position!=\'undefined\'&&'
    "__ez_fad_position('div-gpt-ad-example_blog_com-box-{k}-0')</script></span></span>")

_SNIGEL_HEAD = ('<script>window.snigelPubConf = {"adengine": {"activeAdUnits": '
                '["top_leaderboard", "incontent_1"]}}</script><script async data-cfasync="false" '
                'src="https://cdn.snigelweb.com/adengine/example-blog.com/loader.js"></script>')

_MV_TAG = ('<script type="text/javascript" async="async" data-noptimize="1" '
           'data-cfasync="false" src="//scripts.mediavine.com/tags/the-weekday-kitchen.js'
           '?ver=6.4.2" id="mv-script-wrapper-js"></script>')
# Mediavine Control Panel's settings element and the content hints the site places for
# its in-content ads: settings and hints, not ad units
_MV_SETTINGS = ('<div id="mediavine-settings" data-blocklist-leaderboard="1" '
                'data-blocklist-sidebar-atf="0" data-blocklist-content-desktop="0" '
                'data-blocklist-content-mobile="0" data-blocklist-adhesion-mobile="0" '
                'data-blocklist-recipe="0" data-blocklist-in-image="0" '
                'data-expires-at="1767225600"></div>')
_MV_HINT = '<div class="content_hint"></div>'

_ADTHRIVE = (
    '<script data-no-optimize="1" data-cfasync="false">\n(function(w, d) {\n'
    "\tw.adthrive = w.adthrive || {};\n\tw.adthrive.cmd = w.adthrive.cmd || [];\n"
    "\tw.adthrive.plugin = 'adthrive-ads-3.6.2';\n\tw.adthrive.host = 'ads.adthrive.com';\n"
    "\tw.adthrive.integration = 'plugin';\n\tvar s = d.createElement('script');\n"
    "\ts.async = true;\n\ts.referrerpolicy='no-referrer-when-downgrade';\n"
    "\ts.src = 'https://' + w.adthrive.host + '/sites/5f2b1c9e8a7d6e4f3b2a1c0d/ads.min.js"
    "?referrer=' + w.encodeURIComponent(w.location.href) + '&cb=' + "
    "(Math.floor(Math.random() * 100) + 1);\n\tvar n = d.getElementsByTagName('script')[0];\n"
    "\tn.parentNode.insertBefore(s, n);\n})(window, document);\n</script>")
_ADTHRIVE_UNIT = (
    '<div class="adthrive-ad adthrive-content adthrive-content-{n} adthrive-ad-cls" '
    'style="min-height:250px"><div id="google_ads_iframe_/18190176,22503970963/'
    'AdThrive_Content_{n}/5f2b1c9e8a7d6e4f3b2a1c0d_0__container__" '
    'style="border:0pt none"></div></div>')

_FREESTAR_HEAD = (
    '<link rel="preconnect" href="https://a.pub.network/" crossorigin />'
    '<link rel="preload" href="https://a.pub.network/core/pubfig/cls.css" as="style" />'
    '<link rel="stylesheet" href="https://a.pub.network/core/pubfig/cls.css" />'
    '<script data-cfasync="false" type="text/javascript">\n'
    "  var freestar = freestar || {};\n  freestar.queue = freestar.queue || [];\n"
    "  freestar.config = freestar.config || {};\n  freestar.config.enabled_slots = [];\n"
    "  freestar.initCallback = function () { (freestar.config.enabled_slots.length === 0) ? "
    "freestar.initCallbackCalled = false : "
    "freestar.newAdSlots(freestar.config.enabled_slots) }\n</script>"
    '<script src="https://a.pub.network/example-blog-com/pubfig.min.js" '
    'data-cfasync="false" async></script>')
_FREESTAR_UNIT = (
    '<div align="center" data-freestar-ad="__300x250 __336x280" '
    'id="example-blog-com_incontent_{n}"><script data-cfasync="false" '
    'type="text/javascript">freestar.config.enabled_slots.push({{ placementName: '
    '"example-blog-com_incontent_{n}", slotId: "example-blog-com_incontent_{n}" }});'
    "</script></div>")

_JOURNEY = ('<script type="text/javascript" async="async" data-noptimize="1" '
            'data-cfasync="false" src="//scripts.scriptwrapper.com/tags/'
            '3c7e9a41-5b2d-4f8e-9a61-0d4c2b7e5f93.js"></script>')
_GROW = (
    '<script data-grow-initializer="">!(function(){window.growMe||((window.growMe='
    "function(e){window.growMe._.push(e);}),(window.growMe._=[]));var e=document."
    'createElement("script");(e.type="text/javascript"),(e.src="https://faves.grow.me/'
    'main.js"),(e.defer=!0),e.setAttribute("data-grow-faves-site-id","U2l0ZTozYzdlOWE0MS0'
    '1YjJkLTRmOGUtOWE2MS0wZDRjMmI3ZTVmOTM=");var t=document.getElementsByTagName("script")'
    "[0];t.parentNode.insertBefore(e,t);})();</script>")

_MMT_UNIT = ('<div id="mmt-7d1c4e2a-9b3f-4a6e-8c5d-2f0e1b9a7c63"></div><script '
             'type="text/javascript" data-cfasync="false">$MMT = window.$MMT || {}; '
             "$MMT.cmd = $MMT.cmd || [];$MMT.cmd.push(function(){ $MMT.display.slots.push("
             '["7d1c4e2a-9b3f-4a6e-8c5d-2f0e1b9a7c63"]); })</script>')

_SHE_HEAD = ("<script>var blogherads = blogherads || {};\n"
             "blogherads.adq = blogherads.adq || [];</script>"
             '<script async src="//ads.blogherads.com/sk/12/123/1237788/28603/header.js">'
             '</script><script async src="//ads.blogherads.com/static/blogherads.js"></script>')
_SHE_UNIT = ('<div id="skm-ad-medrec-{n}"></div><script>blogherads.adq.push(function () {{'
             " blogherads.defineSlot('medrec', 'skm-ad-medrec-{n}').display(); }});</script>")

_CNX_HEAD = (
    "<script id=\"cnx-head\">!function(n){if(!window.cnx){window.cnx={},window.cnx.cmd=[];"
    "var t=n.createElement('iframe');t.src='javascript:false'; t.display='none',t.onload="
    "function(){var n=t.contentWindow.document,c=n.createElement('script');c.src="
    "'//cd.connatix.com/connatix.player.js?cid=2a5c8e1f-6b3d-4c7a-9e2f-8d1b0c4a6e53&pid="
    "9f3e1d7c-2b4a-4e8f-a6c1-5d0b3e7f9a24',c.setAttribute('async','1'),c.setAttribute("
    "'type','text/javascript'),n.body.appendChild(c)},n.head.appendChild(t)}}(document);"
    "</script>")
_CNX_UNIT = (
    '<script id="c4d9e2b7a1f04e6c8b3d5a7e9f1c2b40">(new Image()).src = '
    "'https://capi.connatix.com/tr/si?token=9f3e1d7c-2b4a-4e8f-a6c1-5d0b3e7f9a24&cid="
    "2a5c8e1f-6b3d-4c7a-9e2f-8d1b0c4a6e53';  cnx.cmd.push(function() {    cnx({      "
    'playerId: "9f3e1d7c-2b4a-4e8f-a6c1-5d0b3e7f9a24"    }).render('
    '"c4d9e2b7a1f04e6c8b3d5a7e9f1c2b40");  });</script>')

_APS = (
    "<script>!function(a9,a,p,s,t,A,g){if(a[a9])return;function q(c,r){a[a9]._Q.push([c,r])}"
    "a[a9]={init:function(){q(\"i\",arguments)},fetchBids:function(){q(\"f\",arguments)},"
    "setDisplayBids:function(){},targetingKeys:function(){return[]},_Q:[]};A=p.createElement"
    "(s);A.async=!0;A.src=t;g=p.getElementsByTagName(s)[0];g.parentNode.insertBefore(A,g)}"
    "(\"apstag\",window,document,\"script\",\"//c.amazon-adsystem.com/aax2/apstag.js\");\n"
    "apstag.init({ pubID: '3f1a9c2e-7b4d-4e6f-8a1c-2d5e9b0f7c36', adServer: 'googletag' });"
    "\napstag.fetchBids({ slots: [{ slotID: 'div-gpt-ad-top', slotName: '/21700450/"
    "weekday_kitchen/top', sizes: [[728, 90], [970, 250]] }], timeout: 2e3 }, "
    "function(bids) { googletag.cmd.push(function(){ apstag.setDisplayBids(); "
    "googletag.pubads().refresh(); }); });</script>")
_GPT_HEAD = (
    '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'
    "<script>window.googletag = window.googletag || {cmd: []};\ngoogletag.cmd.push(function()"
    " {\n  googletag.defineSlot('/21700450/weekday_kitchen/top', [[728, 90], [970, 250]], "
    "'div-gpt-ad-top').addService(googletag.pubads());\n  googletag.defineSlot("
    "'/21700450/weekday_kitchen/incontent', [[300, 250], [336, 280]], 'div-gpt-ad-incontent')"
    ".addService(googletag.pubads());\n  googletag.pubads().enableLazyLoad({fetchMarginPercent:"
    " 500, renderMarginPercent: 200, mobileScaling: 2.0});\n  googletag.pubads()"
    ".enableSingleRequest();\n  googletag.pubads().disableInitialLoad();\n"
    "  googletag.enableServices();\n});</script>")
# GPT's out-of-page formats (its docs' interstitial and anchor samples): a unit with no element
# of the page, which the script may not get (`null` where the format is not supported)
_GPT_OUT_OF_PAGE = (
    "  var interstitial = googletag.defineOutOfPageSlot('/21700450/weekday_kitchen/interstitial',"
    " googletag.enums.OutOfPageFormat.INTERSTITIAL);\n  if (interstitial) interstitial"
    ".addService(googletag.pubads());\n  var anchor = googletag.defineOutOfPageSlot("
    "'/21700450/weekday_kitchen/anchor', window.googletag.enums.OutOfPageFormat.BOTTOM_ANCHOR);\n"
    "  if (anchor) anchor.addService(googletag.pubads());\n")
_GPT_UNIT = ('<div id="div-gpt-ad-{n}" style="min-width:300px;min-height:250px">'
             "<script>googletag.cmd.push(function() {{ googletag.display('div-gpt-ad-{n}'); }});"
             "</script></div>")
_PREBID = (
    '<script async src="/wp-content/themes/kitchen/js/prebid8.52.0.js"></script>'
    "<script>var pbjs = pbjs || {}; pbjs.que = pbjs.que || [];\nvar adUnits = [{\n"
    "  code: 'div-gpt-ad-top', mediaTypes: {banner: {sizes: [[728, 90], [970, 250]]}},\n"
    "  bids: [{bidder: 'appnexus', params: {placementId: 24817359}},\n"
    "         {bidder: 'rubicon', params: {accountId: 19372, siteId: 482910, "
    "zoneId: 2871044}}]\n}];\npbjs.que.push(function() { pbjs.addAdUnits(adUnits); "
    "pbjs.requestBids({bidsBackHandler: function() { googletag.cmd.push(function() { "
    "pbjs.setTargetingForGPTAsync(); googletag.pubads().refresh(); }); }, timeout: 1500}); "
    "});</script>")

_ADSENSE_AUTO = ('<script async src="https://pagead2.googlesyndication.com/pagead/js/'
                 'adsbygoogle.js?client=ca-pub-4417820593612278" crossorigin="anonymous">'
                 "</script>")
_ADSENSE_IN_ARTICLE = (
    '<ins class="adsbygoogle" style="display:block; text-align:center;" '
    'data-ad-layout="in-article" data-ad-format="fluid" '
    'data-ad-client="ca-pub-4417820593612278" data-ad-slot="6183920475"></ins>'
    "<script>\n     (adsbygoogle = window.adsbygoogle || []).push({});\n</script>")
# Auto ads, as a page saved after they ran: the unit the script placed in the article
_ADSENSE_AUTO_PLACED = (
    '<div class="google-auto-placed ap_container" style="width:100%;height:auto;clear:both;'
    'text-align:center;"><ins data-ad-format="auto" class="adsbygoogle '
    'adsbygoogle-noablate" data-ad-client="ca-pub-4417820593612278" '
    'data-adsbygoogle-status="done" style="display:block;margin:10px auto;height:280px" '
    'data-ad-status="filled"><div id="aswift_1_host" style="border:none;height:280px;'
    'width:336px"></div></ins></div>')

# WP Rocket's "Delay JavaScript execution": each script parked until a first interaction
_ROCKET_MV = ('<script type="rocketlazyloadscript" data-rocket-type="text/javascript" '
              'async="async" data-noptimize="1" data-cfasync="false" data-rocket-src='
              '"//scripts.mediavine.com/tags/the-weekday-kitchen.js?ver=6.4.2" '
              'id="mv-script-wrapper-js"></script>')
_ROCKET_ADSENSE = ('<script type="rocketlazyloadscript" async data-rocket-src="https://'
                   "pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client="
                   'ca-pub-4417820593612278" crossorigin="anonymous"></script>')
_ROCKET_ADTHRIVE = _ADTHRIVE.replace(
    '<script data-no-optimize="1" data-cfasync="false">',
    '<script type="rocketlazyloadscript" data-rocket-type="text/javascript">')

# AdSense for Search's Custom Search Ads, the search-arbitrage pages' format, as its generated
# code and sites' copies give it: ads.js and the `_googCsa` queue, then a call per page
_AFS_HEAD = ('<script async="async" src="https://www.google.com/adsense/search/ads.js"></script>'
             '<script type="text/javascript" charset="utf-8">(function(g,o){g[o]=g[o]||function()'
             "{(g[o]['q']=g[o]['q']||[]).push(arguments)},g[o]['t']=1*new Date})"
             "(window,'_googCsa');</script>")
_AFS_UNITS = ('<div id="afscontainer1"></div>' + _P + '<div id="afscontainer2"></div>'
              '<script type="text/javascript" charset="utf-8">var pageOptions = {"pubId": '
              '"partner-pub-4417820593612278", "query": "banana bread", "styleId": "7158243960", '
              '"adsafe": "high"};\nvar adblock1 = {"container": "afscontainer1"};\n'
              'var adblock2 = {"container": "afscontainer2"};\n'
              "_googCsa('ads', pageOptions, adblock1, adblock2);</script>")

MV, RAPTIVE, GPT = "Mediavine", "Raptive (AdThrive)", "Google Publisher Tag"
STACKS = [
    stack("Ezoic", "standalone: sa.min.js + showAds(n) placeholders", _EZOIC_SA,
          _P + _EZOIC_UNIT.format(n=101) + _P + _EZOIC_UNIT.format(n=102),
          {"Ezoic"}, {"Ezoic": 2}),
    stack("Ezoic", "legacy standalone: g.ezoic.net + define/enable/display",
          '<script src="//g.ezoic.net/ezoic/sa.min.js"></script><script type="text/javascript">'
          "ezstandalone.define(101, 102);\nezstandalone.enable();\nezstandalone.display();"
          "</script>",
          _P + '<div id="ezoic-pub-ad-placeholder-101"></div>' + _P
          + '<div id="ezoic-pub-ad-placeholder-102"></div>',
          {"Ezoic"}, {"Ezoic": 2}),
    stack("Ezoic", "as served, units beside their placeholders, one inside, one unfilled",
          _EZOIC_CLOUD_HEAD,
          _P + "<p>Whisk the eggs." + _EZOIC_BESIDE_UNIT.format(n=110, k=4) + "</p>"
          + _EZOIC_CLOUD_UNIT.format(n=111, k=5) + _P
          + '<p>Fold in.<span id="ezoic-pub-ad-placeholder-112" class="ezoic-adpicker-ad">'
          "</span></p>",
          {"Ezoic"}, {"Ezoic": 3}, ("ezoic-site", "418862")),
    stack("Ezoic", "cloud integration as served: did/_ezaq + inserted placements",
          _EZOIC_CLOUD_HEAD,
          _P + _EZOIC_CLOUD_UNIT.format(n=102, k=3) + _P
          + _EZOIC_CLOUD_UNIT.format(n=103, k=4),
          {"Ezoic"}, {"Ezoic": 2}, ("ezoic-site", "418862")),
    stack("Ezoic", "cloud integration with the site's seller ID for its supply chain",
          _EZOIC_CLOUD_HEAD + "<script>var __sellerid='5be0c2f7a19d4e63b8a2c0d9e7f41a36';"
          "var __schain_domain='example-blog.com';</script>",
          _P + _EZOIC_CLOUD_UNIT.format(n=102, k=3) + _P,
          {"Ezoic"}, {"Ezoic": 1}, ("ezoic-site", "418862"),
          ("ezoic-seller", "5be0c2f7a19d4e63b8a2c0d9e7f41a36")),
    stack("Mediavine", "script wrapper tag + settings + content hints", _MV_TAG,
          _MV_SETTINGS + _P + _MV_HINT + _P + _MV_HINT,
          {MV}, {}, ("mediavine-site", "the-weekday-kitchen")),
    # a page saved after the wrapper ran: each unit it wrote, its wrapper around it (one
    # placement), and the mobile adhesion's wrapper still empty
    stack("Mediavine", "as saved: adunitwrapper > adunit units", _MV_TAG,
          _P + '<div id="content_1_wrapper" class="adunitwrapper content_wrapper"><div '
          'id="content_1" class="adunit" data-wrapper="content_1_wrapper"></div></div>' + _P
          + '<div id="content_2_wrapper" class="adunitwrapper content_wrapper"><div '
          'id="content_2" class="adunit" data-wrapper="content_2_wrapper"></div></div>'
          '<div id="adhesion_mobile_wrapper" class="adunitwrapper adhesion_mobile_wrapper">'
          "</div>",
          {MV}, {MV: 3}, ("mediavine-site", "the-weekday-kitchen")),
    stack("Raptive", "plugin snippet (builds /sites/<id>/ads.min.js)", _ADTHRIVE, _P * 2,
          {RAPTIVE}, {}, ("adthrive-site", "5f2b1c9e8a7d6e4f3b2a1c0d")),
    # (GPT's containers in its units show GPT ran: named, the placements Raptive's)
    stack("Raptive", "as served: adthrive-ad content units", _ADTHRIVE,
          _P + _ADTHRIVE_UNIT.format(n=1) + _P + _ADTHRIVE_UNIT.format(n=2),
          {RAPTIVE, "Google Publisher Tag"}, {RAPTIVE: 2},
          ("adthrive-site", "5f2b1c9e8a7d6e4f3b2a1c0d"),
          ("gpt-network", "18190176"), ("gpt-child-network", "22503970963")),
    stack("Raptive", "as saved with its scripts stripped: the units' frame ids", "",
          _P + _ADTHRIVE_UNIT.format(n=1) + _P,
          {RAPTIVE, "Google Publisher Tag"}, {RAPTIVE: 1},
          ("adthrive-site", "5f2b1c9e8a7d6e4f3b2a1c0d"),
          ("gpt-network", "18190176"), ("gpt-child-network", "22503970963")),
    stack("Snigel", "AdEngine loader + adngin-<unit>-<n> units", _SNIGEL_HEAD,
          '<div id="adngin-top_leaderboard-0"></div>' + _P
          + '<div id="adngin-incontent_1-0"></div>' + _P,
          {"Snigel"}, {"Snigel": 2}, ("snigel-site", "example-blog.com")),
    stack("Freestar", "pubfig.min.js + freestar.config + placement divs", _FREESTAR_HEAD,
          _P + _FREESTAR_UNIT.format(n=1) + _P + _FREESTAR_UNIT.format(n=2),
          {"Freestar"}, {"Freestar": 2}, ("freestar-site", "example-blog-com")),
    stack(HTL, "htlbid.js + htlad-<unit> placeholders", _HTL_HEAD,
          '<div class="htlad-index_leaderboard_1"></div>' + _P
          + '<div class="htlad-in-content_1 ad-div no-print"></div>' + _P,
          {HTL}, {HTL: 2}, ("htl-site", "example-blog.com"),
          ("htl-unit", "index_leaderboard_1"), ("htl-unit", "in-content_1")),
    stack(HTL, "htlbid.js + older htl-ad data-unit components", _HTL_HEAD,
          _P + '<div class="htl-ad" data-unit="leaderboard/example_leaderboard" '
          'data-sizes="0x0:300x50|758x0:728x90"></div>' + _P,
          {HTL}, {HTL: 1}, ("htl-site", "example-blog.com"),
          ("htl-unit", "leaderboard/example_leaderboard")),
    stack("Journey by Mediavine", "scriptwrapper.com tag + Grow initializer",
          _JOURNEY + _GROW, _P * 2, {"Journey by Mediavine", "Grow"}, {},
          ("journey-site", "3c7e9a41-5b2d-4f8e-9a61-0d4c2b7e5f93"),
          ("grow-site", "U2l0ZTozYzdlOWE0MS01YjJkLTRmOGUtOWE2MS0wZDRjMmI3ZTVmOTM=")),
    stack("Monumetric", "site loader + mmt-<uuid> slot",
          '<script type="text/javascript" src="//monu.delivery/site/7/2/'
          '418862-3b9e-4d1a-8f2c-6e5a0b7d9c14.js" data-cfasync="false"></script>',
          _P + _MMT_UNIT + _P, {"Monumetric"}, {"Monumetric": 1},
          ("monumetric-site", "418862-3b9e-4d1a-8f2c-6e5a0b7d9c14")),
    stack("SHE Media", "header.js + blogherads.js + defineSlot units", _SHE_HEAD,
          _P + _SHE_UNIT.format(n=1) + _P + _SHE_UNIT.format(n=2),
          {"SHE Media"}, {"SHE Media": 2}, ("shemedia-site", "28603")),
    stack("Kargo", "site tag (storage.cloud.kargo.com)",
          '<script async src="https://storage.cloud.kargo.com/ad/network/tag/v3/'
          '_qT7mZ2kVw9.js"></script>', _P * 2, {"Kargo"}, {}, ("kargo-site", "_qT7mZ2kVw9")),
    stack("Nativo", "load.js (in-article placements configured at Nativo)",
          '<script type="text/javascript" src="//s.ntv.io/serve/load.js" async></script>',
          _P * 2, {"Nativo"}, {}),
    stack("Primis", "liveView.php player tag in the article", "",
          _P + '<script language="javascript" src="https://live.primis.tech/live/liveView.php'
          '?s=118203&cbuster=%%CACHEBUSTER%%"></script>' + _P,
          {"Primis"}, {"Primis": 1}, ("primis-placement", "118203")),
    stack("Connatix", "head snippet + player embed", _CNX_HEAD, _P + _CNX_UNIT + _P,
          {"Connatix"}, {"Connatix": 1},
          ("connatix-customer", "2a5c8e1f-6b3d-4c7a-9e2f-8d1b0c4a6e53"),
          ("connatix-player", "9f3e1d7c-2b4a-4e8f-a6c1-5d0b3e7f9a24")),
    stack("Infolinks", "infolinks_pid + infolinks_main.js", "",
          _P * 2 + '<script type="text/javascript">var infolinks_pid = 3419027; '
          'var infolinks_wsid = 0;</script><script type="text/javascript" '
          'src="//resources.infolinks.com/js/infolinks_main.js"></script>',
          {"Infolinks"}, {}, ("infolinks-publisher", "3419027")),
    stack("Media.net", "dmedianet.js?cid= + loadTag unit",
          '<script type="text/javascript">window._mNHandle = window._mNHandle || {};\n'
          "window._mNHandle.queue = window._mNHandle.queue || [];\n"
          'medianet_versionId = "3121199";</script><script src="https://contextual.media.net/'
          'dmedianet.js?cid=8CU7R2X4K" async="async"></script>',
          _P + '<div id="612048377"><script type="text/javascript">try { window._mNHandle.queue'
          '.push(function () { window._mNDetails.loadTag("612048377", "300x250", "612048377");'
          " }); } catch (error) {}</script></div>" + _P,
          {"Media.net"}, {"Media.net": 1}, ("medianet-customer", "8CU7R2X4K"),
          ("medianet-slot", "612048377")),
    stack("Amazon TAM", "apstag.init({pubID}) + fetchBids before GPT", _APS + _GPT_HEAD,
          _GPT_UNIT.format(n="top") + _P + _GPT_UNIT.format(n="incontent"),
          {"Amazon Publisher Services", GPT}, {GPT: 2},
          ("amazon-aps-publisher", "3f1a9c2e-7b4d-4e6f-8a1c-2d5e9b0f7c36"),
          ("gpt-network", "21700450"), ("gpt-slot", "/21700450/weekday_kitchen/top"),
          ("gpt-slot", "/21700450/weekday_kitchen/incontent")),
    stack("AdSense", "Auto ads loader + in-article unit", _ADSENSE_AUTO,
          _P + _ADSENSE_IN_ARTICLE + _P, {"Google AdSense"}, {"Google AdSense": 1},
          ("adsense-publisher", "ca-pub-4417820593612278"), ("adsense-slot", "6183920475")),
    stack("AdSense", "Auto ads as served: google-auto-placed unit", _ADSENSE_AUTO,
          _P + _ADSENSE_AUTO_PLACED + _P, {"Google AdSense"}, {"Google AdSense": 1},
          ("adsense-publisher", "ca-pub-4417820593612278")),
    stack("AdSense", "Custom Search Ads: ads.js + _googCsa('ads') into afscontainer<n>",
          _AFS_HEAD, _AFS_UNITS, {"Google AdSense"}, {"Google AdSense": 2},
          ("adsense-publisher", "partner-pub-4417820593612278")),
    stack("AdSense", "related search on content: _googCsa('relatedsearch')", _AFS_HEAD,
          _P + '<div id="relatedsearches1"></div><script>var pageOptions = {"pubId": '
          '"partner-pub-4417820593612278", "styleId": "7158243960", "relatedSearchTargeting": '
          '"content", "resultsPageBaseUrl": "https://example-blog.com/search?q={searchTerms}", '
          '"resultsPageQueryParam": "q"};\nvar rsblock1 = {"container": "relatedsearches1", '
          "\"relatedSearches\": 5};\n_googCsa('relatedsearch', pageOptions, rsblock1);</script>",
          {"Google AdSense"}, {"Google AdSense": 1},
          ("adsense-publisher", "partner-pub-4417820593612278")),
    stack("AdSense", "Custom Search Ads pasted with its documentation's pubId", _AFS_HEAD,
          _AFS_UNITS.replace("partner-pub-4417820593612278", "pub-9616389000213823"),
          {"Google AdSense"}, {"Google AdSense": 2}),
    stack("GPT + Prebid", "lazy-loaded div-gpt-ad units, self-hosted Prebid build",
          _GPT_HEAD + _PREBID,
          _GPT_UNIT.format(n="top") + _P + _GPT_UNIT.format(n="incontent"),
          {GPT, "Prebid.js", "Xandr (AppNexus)", "Magnite (Rubicon Project)"}, {GPT: 2},
          ("gpt-network", "21700450"), ("gpt-slot", "/21700450/weekday_kitchen/top"),
          ("gpt-slot", "/21700450/weekday_kitchen/incontent"),
          ("xandr-placement", "24817359"), ("rubicon-account", "19372"),
          ("rubicon-site", "482910"), ("rubicon-zone", "2871044")),
    stack("GPT", "out-of-page formats: an interstitial and an anchor beside a unit",
          _GPT_HEAD.replace("  googletag.pubads().enableLazyLoad", _GPT_OUT_OF_PAGE
                            + "  googletag.pubads().enableLazyLoad"),
          _GPT_UNIT.format(n="top") + _P + _GPT_UNIT.format(n="incontent"),
          {GPT}, {GPT: 2},
          ("gpt-network", "21700450"), ("gpt-slot", "/21700450/weekday_kitchen/top"),
          ("gpt-slot", "/21700450/weekday_kitchen/incontent"),
          ("gpt-slot", "/21700450/weekday_kitchen/interstitial"),
          ("gpt-slot", "/21700450/weekday_kitchen/anchor")),
    stack("Optidigital", "optidigitalQueue + tags/?site= + optidigital-adslot units",
          "<script>var optidigitalQueue = optidigitalQueue || {};optidigitalQueue.cmd = "
          "optidigitalQueue.cmd || [];</script><script type='text/javascript' "
          "id='optidigital-ad-init' async data-config='{\"adUnit\": \"/22599412183/"
          "od.example-blog.com/article\"}' src='//scripts.opti-digital.com/tags/?site="
          "exampleblog'></script>",
          _P + '<div id="optidigital-adslot-Content_1" class="Content_1"></div>' + _P
          + '<div id="optidigital-adslot-Mobile_Pos1" style="display:none;" class="Mobile_Pos1">'
          "</div>",
          {"Optidigital"}, {"Optidigital": 2}, ("optidigital-site", "exampleblog")),
    stack("Vidoomy", "ads.vidoomy.com/<site>_<id>.js outstream", "",
          _P + '<script type="text/javascript" src="https://ads.vidoomy.com/exampleblog_4512.js" '
          "async></script>", {"Vidoomy"}, {}, ("vidoomy-site", "4512")),
    stack("PubGuru", "pg.<site>.js + <pubguru data-pg-ad> units",
          '<script async src="https://c.pubguru.net/pg.example-blog.com.js"></script>'
          "<script>window.pg = window.pg || {}; pg.atq = pg.atq || [];</script>",
          '<pubguru data-pg-ad="example_blog_com_incontent_1"></pubguru>' + _P
          + '<pubguru data-pg-ad="example_blog_com_incontent_2"></pubguru>' + _P,
          {"PubGuru (MonetizeMore)"}, {"PubGuru (MonetizeMore)": 2},
          ("pubguru-site", "example-blog.com")),
    stack("PubGuru", "header-bidding build pghb.<site>.tc.js",
          '<script type="text/javascript" src="//c.pubguru.net/pghb.example-blog_com.tc.js" '
          "async></script>",
          _P + '<pubguru data-pg-ad="example_blog_com_sidebar"></pubguru>',
          {"PubGuru (MonetizeMore)"}, {"PubGuru (MonetizeMore)": 1},
          ("pubguru-site", "example-blog_com")),
    stack("WP Rocket", "recipe blog: Mediavine, AdSense, Raptive delayed (rocketlazyloadscript)",
          _ROCKET_MV + _ROCKET_ADSENSE + _ROCKET_ADTHRIVE,
          _MV_SETTINGS + _P + _MV_HINT + _P + _ADSENSE_IN_ARTICLE + _P,
          {MV, "Google AdSense", RAPTIVE}, {"Google AdSense": 1},
          ("mediavine-site", "the-weekday-kitchen"),
          ("adsense-publisher", "ca-pub-4417820593612278"), ("adsense-slot", "6183920475"),
          ("adthrive-site", "5f2b1c9e8a7d6e4f3b2a1c0d")),
    # EthicalAds, as its client library's documentation installs it: the loader in the head,
    # an empty element per placement (a text one, an image one with its reporting id)
    stack("EthicalAds", "ethicalads.min.js + div[data-ea-publisher] placements",
          '<script async src="https://media.ethicalads.io/media/client/ethicalads.min.js">'
          "</script>",
          _P + '<div data-ea-publisher="weekday-kitchen" data-ea-type="text" class="flat">'
          "</div>" + _P + '<div data-ea-publisher="weekday-kitchen" data-ea-type="image" '
          'data-ea-keywords="baking|recipes" id="sidebar-ad"></div>',
          {"EthicalAds"}, {"EthicalAds": 2}, ("ethicalads-publisher", "weekday-kitchen")),
]


@pytest.mark.parametrize("s", STACKS, ids=lambda s: f"{s.stack}: {s.form}")
def test_each_managed_stack_is_named_with_its_slots_and_ids(
        audit_stack: AuditStack, s: Stack) -> None:
    report = audit_stack(s)
    assert_read(report, s)


@pytest.mark.parametrize("s", STACKS, ids=lambda s: f"{s.stack}: {s.form}")
def test_a_publishers_own_managed_stack_draws_no_serious_finding(
        audit_stack: AuditStack, s: Stack) -> None:
    report = audit_stack(s)
    assert serious(report) == []


def test_a_seller_id_where_ezoic_does_not_run_is_none(audit_html: AuditHtml) -> None:
    """`__sellerid` is Ezoic's head script's name for the site's seller ID; another
    stack's variable of the name, with no Ezoic on the page, is no Ezoic ID."""
    report = audit_html("<html><body><p>x</p><script>var __sellerid = "
                        "'5be0c2f7a19d4e63b8a2c0d9e7f41a36';</script></body></html>",
                        url="https://example-blog.com/a")
    assert not [i for i in report.ids if i.kind == "ezoic-seller"]


def test_a_script_that_names_grows_tag_attribute_is_no_grow(
        audit_stack: AuditStack) -> None:
    """`data-grow-initializer` is the attribute on Grow's script element, not text its
    code holds: as an inline signature it named Grow on a page whose own script only
    finds (or removes) such a tag, and never on a page that runs Grow."""
    s = stack("none", "a theme's clean-up", "",
              '<script>document.querySelectorAll("script[data-grow-initializer]")'
              ".forEach(function (e) { e.remove(); });</script>", set(), {})
    assert {n.network for n in audit_stack(s).networks} == set()


def test_snigels_units_are_read_by_their_unit_names(audit_stack: AuditStack) -> None:
    """AdEngine writes the unit's name inside the element id (`adngin-<unit>-<index>`): the
    slot's zone is that name, which every AdEngine site may use (no ID). An id of its
    prefix that is no unit's shape gives no zone, not a wrong one."""
    s = stack("Snigel", "", _SNIGEL_HEAD,
              '<div id="adngin-top_leaderboard-0"></div>' + _P
              + '<div id="adngin-incontent_1-0"></div><div id="adngin-wrapper"></div>', {"Snigel"},
              {})
    report = audit_stack(s)
    assert [(x.network, x.zone_id) for x in report.slots] == [
        ("Snigel", "top_leaderboard"), ("Snigel", "incontent_1"), ("Snigel", None)]
    assert {(i.kind, i.value) for i in report.ids} == {("snigel-site", "example-blog.com")}


def test_a_freestar_placement_is_zoned_by_its_name(audit_stack: AuditStack) -> None:
    """Freestar's units name their placement in the push that enables them; that name
    (the site's own, `example-blog-com_incontent_1`) was read to find the unit but no
    zone was shown for it."""
    s = stack("Freestar", "", _FREESTAR_HEAD,
              _P + _FREESTAR_UNIT.format(n=1) + _P + _FREESTAR_UNIT.format(n=2), set(), {})
    assert [(x.network, x.zone_id) for x in audit_stack(s).slots] == [
        ("Freestar", "example-blog-com_incontent_1"), ("Freestar", "example-blog-com_incontent_2")]


def test_a_gpt_frame_of_another_parent_network_is_no_raptive_code(
        audit_stack: AuditStack) -> None:
    """Only Raptive's own units (`AdThrive_…` paths, on a page running Raptive) give its
    network codes: a GPT page's rendered frame with a parent and child code of its own
    names no Raptive and no child network."""
    frame = ('<div id="div-gpt-ad-top"><div id="google_ads_iframe_/21700450,22503970963/'
             'weekday_kitchen/top_0__container__"></div></div>')
    report = audit_stack(stack("GPT", "", _GPT_HEAD, _P + frame + _P, set(), {}))
    assert RAPTIVE not in {n.network for n in report.networks}
    assert "gpt-child-network" not in {i.kind for i in report.ids}


def test_a_placement_name_of_no_freestar_unit_is_no_slot(audit_html: AuditHtml) -> None:
    """`placementName` alone names a recommendation widget's or a personalisation tool's
    spot as well (`{placementName: "homepage_hero"}`): with no Freestar on the page and no
    `slotId` beside it, it was a Freestar slot zoned `homepage_hero`. Freestar's own
    object, its keys in either order, stays a unit."""
    page = ("<html><head><title>Running shoes</title></head><body><main><article>"
            "<h1>Running shoes</h1><p>Our lightest running shoe yet.</p><div id=recs></div>"
            '<script>window.recsConfig = {placementName: "product_page_recs", maxItems: 8};'
            "</script><script>Evergage.init({campaigns: [{placementName: 'homepage_hero', "
            "selector: '.hero'}]});</script></article></main></body></html>")
    report = audit_html(page, "https://shop.example/p/1")
    assert not report.slots and "Freestar" not in {n.network for n in report.networks}
    unit = ('<div id="blog_atf"></div><script>freestar.config.enabled_slots.push({ slotId: '
            '"blog_atf", placementName: "blog_atf" });</script>')
    report = audit_html(page.replace("<div id=recs></div>", unit), "https://shop.example/p/1")
    assert [(s.network, s.zone_id) for s in report.slots] == [("Freestar", "blog_atf")]
