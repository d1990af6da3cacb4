"""The ad networks scraper and piracy-adjacent sites run, each tag in the forms its vendor
ships or shipped, pasted into a page as a scraper would and audited with the system
filter lists: the network is named (and no other), every unit the tag places in the page
is a slot of it, and the operator's zone, publisher and site IDs are read, of their kind.

Each page is one we wrote after the vendor's published tag as sites' copies show it; the
IDs are made up. A tag that only opens a window or floats over the page (popunder,
interstitial, push prompt, in-page push, a video slider) places no slot."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from auditor.model import Origin, PageReport

from .conftest import AuditListed


@dataclass(frozen=True)
class TagForm:
    vendor: str
    form: str
    html: str
    network: str
    slots: int
    ids: frozenset[tuple[str, str]]


def form(vendor: str, name: str, html: str, slots: int, *ids: tuple[str, str],
         network: str | None = None) -> TagForm:
    return TagForm(vendor, name, html, network or vendor, slots, frozenset(ids))


_ADSTERRA_KEY = "7b2e4f0c9d1a8e3b5c6d7e8f9a0b1c2d"
_POP_KEY = "375f87db0f9099b9843f43ba72ff83fb"
_TWINRED_ZONE = "01JQ7ZK4M2X9B5T8R3W6N0PVCE"


def _popads_current(site_id: str) -> str:
    """PopAds' current tag as its dashboard gives it, the site ID as `site_id` writes it."""
    return ('<script type="text/javascript" data-cfasync="false">/*<![CDATA[/* */\n(function(){'
            'var x=window,w="d6cbd252fd615fb2e6e27ba92f17006c",v=[["siteId",' + site_id + '],'
            '["minBid",0],["popundersPerIP","0"],["delayBetween",0],["default",false],'
            '["defaultPerDay",0],["topmostLayer","auto"]],p=["d3d3LmV4YW1wbGUuY29tL2EubWluLmpz"];'
            "})();\n/*]]>/* */</script>")

def _escaped(text: str) -> str:
    r"""A literal's letters as an obfuscator writes them, `\x` and `\u` escapes in turn,
    a few left plain."""
    return "".join(c if not c.isalnum() or n % 4 == 3 else
                   (f"\\x{ord(c):02x}" if n % 2 else f"\\u{ord(c):04x}")
                   for n, c in enumerate(text))


def _popads_escaped(site_id: str, fallback: str) -> str:
    """PopAds' anti-adblock tag, every string of it escaped: its config under `_pop`, its
    loaders on its own hosts, then a fallback host of its own it tries when they fail."""
    code = ('(function(){var g=window;g["_pop"]=[["siteId",' + site_id + '],["minBid",0],'
            '["popundersPerIP",0],["delayBetween",0],["default",false],["defaultPerDay",0],'
            '["topmostLayer",!0]];var h=["//c1.popads.net/pop.js","//c2.popads.net/pop.js",'
            '"//' + fallback + '/b.js",""],i=0,s,q=function(){if(""==h[i])return;s=g["document"]'
            '["createElement"]("script");s["type"]="text/javascript";s["async"]=!0;var f=g['
            '"document"]["getElementsByTagName"]("script")[0];s["src"]=h[i];s["onerror"]='
            'function(){i++;q()};f["parentNode"]["insertBefore"](s,f)};q()})();')
    code = re.sub(r'"([^"]*)"', lambda m: '"' + _escaped(m.group(1)) + '"', code)
    return ('<script type="text/javascript" data-cfasync="false">/*<![CDATA[/* */\n' + code
            + "\n/*]]>/* */</script>")


# AdReactor's tag as its sites paste it: its loader, then a unit's box filled by
# AdvertServe's call (the platform it runs on), its generator's box id a timestamp
_ADREACTOR_LOADER = (
    "<!-- BEGIN ADREACTOR CODE --><script data-cfasync=\"false\">var _avp = _avp || [];"
    "(function() {var s = document.createElement('script'); s.type = 'text/javascript'; "
    "s.async = true; s.src = window.location.protocol + '//adserver.adreactor.com/js/"
    "libcode3.js'; var x = document.getElementsByTagName('script')[0]; x.parentNode."
    "insertBefore(s, x);})();</script><!-- END ADREACTOR CODE -->")


def _adreactor_unit(box: str, zone: int, publisher: int) -> str:
    return (f'<center><div id="{box}"><script>_avp.push({{ tagid: \'{box}\', alias: \'/\', '
            f"type: 'banner', zid: {zone}, pid: {publisher} }});</script></div></center>")


def _evadav_path(publisher: int, site: int, widget: int) -> str:
    """Evadav's script name as its dashboard builds it: the tag's JSON in base64, its first
    three characters (`eyJ`) moved to the end."""
    encoded = base64.b64encode(json.dumps(
        {"pid": publisher, "sid": site, "wid": widget, "src": 2},
        separators=(",", ":")).encode()).decode()
    return encoded[3:] + encoded[:3] + ".js"


FORMS = [
    # --- ExoClick: ad-provider.js and its `ins` units, the legacy ads.js, native, outstream,
    # interstitial, video slider and popMagic popunder
    form("ExoClick", "ad-provider.js + ins.eas6a97888e2",
         '<script async type="application/javascript" src="https://a.magsrv.com/ad-provider.js">'
         '</script><ins class="eas6a97888e2" data-zoneid="5876674"></ins>'
         '<script>(AdProvider = window.AdProvider || []).push({"serve": {}});</script>',
         1, ("exoclick-zone", "5876674")),
    form("ExoClick", "ad-provider.js + ins.adsbyexoclick",
         '<script async type="application/javascript" src="https://a.magsrv.com/ad-provider.js">'
         '</script><ins class="adsbyexoclick" data-zoneid="4999384"></ins>'
         '<script>(AdProvider = window.AdProvider || []).push({"serve": {}});</script>',
         1, ("exoclick-zone", "4999384")),
    form("ExoClick", "legacy ad_idzone + ads.js",
         '<script type="text/javascript">var ad_idzone = "1742748",\n ad_width = "728",\n'
         ' ad_height = "90";</script><script type="text/javascript" '
         'src="https://ads.exoclick.com/ads.js"></script>',
         1, ("exoclick-zone", "1742748")),
    # its legacy banner with its documented <noscript> fallback, and its NeverBlock
    # (anti-adblock) loader's banner, alone or as the twin its documentation puts after the
    # ads.js tag of the same zone: one unit each
    form("ExoClick", "legacy ad_idzone + ads.js + noscript img-click fallback",
         '<script type="text/javascript">var ad_idzone = "2150895",\n ad_width = "300",\n'
         ' ad_height = "250";</script><script type="text/javascript" '
         'src="https://ads.exoclick.com/ads.js"></script><noscript><a '
         'href="http://main.exoclick.com/img-click.php?idzone=2150895" target="_blank"><img '
         'src="https://syndication.exoclick.com/ads-iframe-display.php?idzone=2150895&amp;'
         'output=img&amp;type=300x250" width="300" height="250"></a></noscript>',
         1, ("exoclick-zone", "2150895")),
    form("ExoClick", "NeverBlock: ExoLoader.addZone({type: banner})",
         '<script type="text/javascript" src="https://ads.exoclick.com/ad_track.js"></script>'
         '<script type="text/javascript" src="/js/frontend_loader.js"></script><div>'
         '<script type="text/javascript">ExoLoader.addZone({"type": "banner", "width":"468", '
         '"height":"60", "idzone":"2344857"});</script></div>',
         1, ("exoclick-zone", "2344857")),
    form("ExoClick", "legacy ads.js + its NeverBlock addZone twin",
         '<script type="text/javascript">var ad_idzone = "2344858",\n ad_width = "160",\n'
         ' ad_height = "600";</script><script type="text/javascript" '
         'src="https://ads.exosrv.com/ads.js"></script><script type="text/javascript">'
         'ExoLoader.addZone({"type": "banner", "width":"160", "height":"600", '
         '"idzone":"2344858"});</script>',
         1, ("exoclick-zone", "2344858")),
    # its pops before popMagic: the legacy popunder1000.js, the NeverBlock pop, the first
    # popunder (splash.php with the site and the publisher's login, and a click handler)
    form("ExoClick", "legacy popunder: ad_idzone, ad_popup_fallback + popunder1000.js",
         '<script type="text/javascript">var ad_idzone = "3264024",\n ad_popup_fallback = false,'
         '\n ad_popup_force = false,\n ad_frequency_period = 720,\n ad_trigger_method = 1;'
         '</script><script type="text/javascript" src="https://ads.exosrv.com/popunder1000.js">'
         '</script>',
         0, ("exoclick-zone", "3264024")),
    form("ExoClick", "NeverBlock popunder: ExoLoader.addZone({type: popunder})",
         '<script type="text/javascript" src="https://ads.exoclick.com/ad_track.js"></script>'
         '<script type="text/javascript">ExoLoader.addZone({"type": "popunder", '
         '"idzone":"2344859"});</script>',
         0, ("exoclick-zone", "2344859")),
    form("ExoClick", "first popunder: splash.php?idsite&idzone&login + exoclick_popunder()",
         '<script type="text/javascript" src="http://syndication.exoclick.com/splash.php?cat=118'
         '&amp;idsite=80986&amp;idzone=140008&amp;login=gardenfan&amp;type=3"></script>'
         '<script>function pageClick(e) { exoclick_popunder(); }\ndocument.onclick=pageClick;'
         '</script>',
         0, ("exoclick-zone", "140008"), ("exoclick-site", "80986"),
         ("exoclick-login", "gardenfan")),
    form("ExoClick", "js.php?t=17&idzone= banner script",
         '<script type="text/javascript" src="https://a.realsrv.com/js.php?t=17&idzone=4120984">'
         '</script>',
         0, ("exoclick-zone", "4120984")),
    form("ExoClick", "native: script[data-idzone] nativeads.js",
         '<div style="width:600px"><script type="text/javascript" data-idzone="2847708" '
         'src="https://ads.exosrv.com/nativeads.js"></script></div>',
         1, ("exoclick-zone", "2847708")),
    form("ExoClick", "native v2: script[data-idzone] nativeads-v2.js",
         '<script type="application/javascript" data-idzone="4279900" '
         'src="https://a.exdynsrv.com/nativeads-v2.js"></script>',
         1, ("exoclick-zone", "4279900")),
    form("ExoClick", "outstream video: script[data-idzone] video-outstream.js",
         '<script type="application/javascript" data-idzone="4396896" data-branding_enabled="0" '
         'src="https://a.realsrv.com/video-outstream.js" async></script>',
         1, ("exoclick-zone", "4396896")),
    form("ExoClick", "full-page interstitial: fp-interstitial.js",
         '<script type="application/javascript" data-idzone="4061843" data-ad_frequency_count="1" '
         'data-ad_frequency_period="720" data-browser_settings="1" data-ad_trigger_method="3" '
         'src="https://a.realsrv.com/fp-interstitial.js"></script>',
         0, ("exoclick-zone", "4061843")),
    form("ExoClick", "video slider: ExoVideoSlider.init",
         '<script type="application/javascript" src="https://a.realsrv.com/video-slider.js">'
         '</script><script type="application/javascript">var adConfig = {\n "idzone": 4999400,\n'
         ' "frequency_period": 0,\n "close_after": 10,\n "on_complete": "repeat"\n};\n'
         'ExoVideoSlider.init(adConfig);</script>',
         0, ("exoclick-zone", "4999400")),
    form("ExoClick", "popunder: popMagic adConfig (inline, no loader)",
         '<script type="application/javascript">(function() {\n var adConfig = {\n'
         ' "ads_host": "a.pemsrv.com",\n "syndication_host": "s.pemsrv.com",\n'
         ' "idzone": 5884826,\n "popup_fallback": false,\n "frequency_period": 720,\n'
         ' "trigger_method": 3\n };\n window.popMagic = window.popMagic || {};\n'
         ' popMagic.init && popMagic.init(adConfig);\n})();</script>',
         0, ("exoclick-zone", "5884826")),
    # its iframe tag: the unit is the frame (zone and size in its address)
    form("ExoClick", "iframe tag: iframe.php?idzone=&size=",
         '<iframe src="https://a.magsrv.com/iframe.php?idzone=5884830&size=300x250" '
         'width="300" height="250" frameborder="0" scrolling="no" allowtransparency="true" '
         'marginheight="0" marginwidth="0"></iframe>',
         1, ("exoclick-zone", "5884830")),
    # the popMagic code above as a page saved after it ran holds it: the loader it wrote,
    # its config as data-exo-* attributes
    form("ExoClick", "popunder as saved: popunder1000.js#popmagicldr[data-exo-idzone]",
         '<script type="application/javascript" async src="//a.pemsrv.com/popunder1000.js" '
         'id="popmagicldr" data-exo-idzone="5884831" data-exo-frequency_period="720" '
         'data-exo-trigger_method="3" data-exo-only_inline="false"></script>',
         0, ("exoclick-zone", "5884831")),
    # --- Aylo's TrafficJunky: its hidden unit class (EasyList hides `.adsbytrafficjunky`)
    form("TrafficJunky", "ins.adsbytrafficjunky",
         '<ins class="adsbytrafficjunky" data-zoneid="3301234" data-width="300" '
         'data-height="250"></ins>', 1),
    # its banner tag as webmasters paste it: a frame of its ad server, spot and account in
    # the address
    form("TrafficJunky", "iframe a.adtng.com/get/<spot>?ata=<account>",
         '<iframe width="728" height="90" scrolling="no" frameborder="0" '
         'src="https://a.adtng.com/get/10012345?ata=plumhub" allowtransparency="true" '
         'marginheight="0" marginwidth="0" name="spot_id_10012345"></iframe>',
         1, ("trafficjunky-spot", "10012345"), ("trafficjunky-account", "plumhub")),
    # --- JuicyAds: v3 (jads.js + ins + adsbyjuicy.push) and v2 (an adshow.php iframe)
    form("JuicyAds", "v3: jads.js + ins + adsbyjuicy.push",
         '<!-- JuicyAds v3.0 --><script type="text/javascript" data-cfasync="false" async '
         'src="https://poweredby.jads.co/js/jads.js"></script><ins id="1114299" data-width="300" '
         'data-height="262"></ins><script type="text/javascript" data-cfasync="false" async>'
         "(adsbyjuicy = window.adsbyjuicy || []).push({'adzone':1114299});</script>"
         "<!--JuicyAds END-->",
         1, ("juicyads-zone", "1114299")),
    form("JuicyAds", "v2: adshow.php iframe",
         "<!--JuicyAds v2.0--><iframe border=0 frameborder=0 marginheight=0 marginwidth=0 "
         "width=468 height=72 scrolling=no allowtransparency=true "
         "src=https://adserver.juicyads.com/adshow.php?adzone=504575></iframe><!--JuicyAds END-->",
         1, ("juicyads-zone", "504575")),
    # its pop tag: one script whose code is the publisher's pop zone; it opens a window, no unit
    form("JuicyAds", "PopUnders v3: js.juicyads.com/jp.php?c=",
         '<!-- JuicyAds PopUnders v3 Start --><script type="application/javascript" '
         'src="https://js.juicyads.com/jp.php?c=4475y2w3q254u4r2p2d4z2b4&amp;'
         'u=https%3A%2F%2Fwww.juicyads.rocks"></script><!-- JuicyAds PopUnders v3 End -->',
         0, ("juicyads-pop", "4475y2w3q254u4r2p2d4z2b4")),
    # --- Adsterra: banner (atOptions + invoke.js), native banner, popunder / social bar
    form("Adsterra", "banner: atOptions + invoke.js",
         "<script type=\"text/javascript\">atOptions = {'key' : '" + _ADSTERRA_KEY + "', "
         "'format' : 'iframe', 'height' : 90, 'width' : 728, 'params' : {}};</script>"
         '<script type="text/javascript" src="//www.highperformanceformat.com/' + _ADSTERRA_KEY
         + '/invoke.js"></script>',
         1, ("adsterra-key", _ADSTERRA_KEY)),
    form("Adsterra", "native banner: invoke.js + div#container-<key>",
         '<script async="async" data-cfasync="false" src="//pl26108576.profitablecpmrate.com/'
         + _ADSTERRA_KEY + '/invoke.js"></script><div id="container-' + _ADSTERRA_KEY
         + '"></div>',
         1, ("adsterra-key", _ADSTERRA_KEY)),
    form("Adsterra", "popunder / social bar: /xx/yy/zz/<key>.js",
         "<script type='text/javascript' src='//pl24930926.profitablecpmrate.com/37/5f/87/"
         + _POP_KEY + ".js'></script>",
         0, ("adsterra-key", _POP_KEY)),
    form("Adsterra", "popunder / social bar on a rotating host no list names",
         "<script type='text/javascript' src='//quietharbourlantern.com/37/5f/87/"
         + _POP_KEY + ".js'></script>",
         0, ("adsterra-key", _POP_KEY)),
    form("Adsterra", "social bar built by a loader on a rotating host",
         "<script>var s=document.createElement('script');s.async=true;s.src='https://"
         "pl28700278.velvetmarblecascade.com/37/5f/87/" + _POP_KEY + ".js';"
         "document.head.appendChild(s);</script>",
         0, ("adsterra-key", _POP_KEY)),
    form("Adsterra", "native banner on a rotating host: /<key>/invoke.js + container",
         '<script async="async" data-cfasync="false" src="//pl26881648.brightmeadowtoffee.com/'
         + _ADSTERRA_KEY + '/invoke.js"></script><div id="container-' + _ADSTERRA_KEY
         + '"></div>',
         1, ("adsterra-key", _ADSTERRA_KEY)),
    # --- PropellerAds / Monetag: the onclick apu.php tag, the push tag (propu.sh and its
    # rotating hosts), Monetag's multitag (data-zone), in-page push and vignette
    form("PropellerAds", "onclick: apu.php?zoneid= (its rotating hosts)",
         '<script data-cfasync="false" type="text/javascript" '
         'src="//bodelen.com/apu.php?zoneid=1440862"></script>',
         0, ("propellerads-zone", "1440862")),
    form("PropellerAds", "push: propu.sh/pfe/current/tag.min.js?z=",
         '<script src="https://propu.sh/pfe/current/tag.min.js?z=5935593" data-cfasync="false" '
         'async></script>',
         0, ("propellerads-zone", "5935593")),
    form("PropellerAds", "push: /pfe/current/tag.min.js?z= on a rotating host",
         '<script src="https://ptauxofi.net/pfe/current/tag.min.js?z=3026301" '
         'data-cfasync="false" async></script>',
         0, ("propellerads-zone", "3026301")),
    form("PropellerAds", "Monetag multitag: tag.min.js + data-zone",
         "<script>(function(s,u,z,p){s.src=u,s.setAttribute('data-zone',z),p.appendChild(s);})"
         "(document.createElement('script'),'https://inklinkor.com/tag.min.js',5935568,"
         "document.body||document.documentElement)</script>",
         0, ("propellerads-zone", "5935568")),
    form("PropellerAds", "in-page push: ('<host>', zone, createElement)",
         "<script>(function(d,z,s){s.src='https://'+d+'/400/'+z;try{(document.body||"
         "document.documentElement).appendChild(s)}catch(e){}})('vemtoutcheeg.com',5935600,"
         "document.createElement('script'))</script>",
         0, ("propellerads-zone", "5935600")),
    # Monetag's forms as its dashboard now gives them, as sites' copies label them: the push
    # tag (`/act/files/tag.min.js?z=`), the vignette (`/401/`) and the in-page push and
    # vignette tags that set the script's `dataset.zone`
    form("PropellerAds", "Monetag push: /act/files/tag.min.js?z= on a rotating host",
         '<script src="https://trovelquin.com/act/files/tag.min.js?z=10331457" '
         'data-cfasync="false" async></script>',
         0, ("propellerads-zone", "10331457")),
    form("PropellerAds", "vignette: ('<host>', zone, createElement) /401/",
         "<script>(function(d,z,s){s.src='https://'+d+'/401/'+z;try{(document.body||"
         "document.documentElement).appendChild(s)}catch(e){}})('gizmarvent.net',5935601,"
         "document.createElement('script'))</script>",
         0, ("propellerads-zone", "5935601")),
    form("PropellerAds", "in-page push: s.dataset.zone + tag.min.js",
         "<script>(function(s){s.dataset.zone='10038306',s.src='https://forlumbrest.com/"
         "tag.min.js'})([document.documentElement, document.body].filter(Boolean).pop()."
         "appendChild(document.createElement('script')))</script>",
         0, ("propellerads-zone", "10038306")),
    form("PropellerAds", "vignette: s.dataset.zone + vignette.min.js",
         "<script>(function(s){s.dataset.zone='10038314',s.src='https://grolbenvi.net/"
         "vignette.min.js'})([document.documentElement, document.body].filter(Boolean).pop()."
         "appendChild(document.createElement('script')))</script>",
         0, ("propellerads-zone", "10038314")),
    # Monetag's MultiTag as its dashboard gives it now, on the rotating hosts sites' copies
    # show (`/88/tag.min.js`, the zone on the element, five digits or six)
    form("PropellerAds", "Monetag MultiTag: <host>/88/tag.min.js + data-zone",
         '<script src="https://quvellarn.com/88/tag.min.js" data-zone="241837" async '
         'data-cfasync="false"></script>',
         0, ("propellerads-zone", "241837")),
    form("PropellerAds", "Monetag MultiTag: a five-digit zone",
         '<script src="https://brondilex.net/88/tag.min.js" data-zone="48213" async '
         'data-cfasync="false"></script>',
         0, ("propellerads-zone", "48213")),
    # --- TwinRed: its unit, an `ins` its library fills
    form("TwinRed", "ins[data-tr-zone] + adlib.js",
         '<ins data-tr-zone="' + _TWINRED_ZONE + '"><script type="text/javascript" async '
         'src="https://s.ad.twinrdengine.com/adlib.js"></script></ins>',
         1, ("twinred-zone", _TWINRED_ZONE)),
    # --- HilltopAds: its tag builds a script whose host and path rotate (the zone is
    # encoded in the path): the network is named by the snippet, no ID can be read
    form("HilltopAds", "any format: s.settings = … || {} loader",
         "<script>(function(xfvnm){\nvar d = document,\n    s = d.createElement('script'),\n"
         "    l = d.scripts[d.scripts.length - 1];\ns.settings = xfvnm || {};\n"
         's.src = "\\/\\/coldquit.com\\/cND\\/9s6.bj2u5XlxSeWpQp9iNbjDYgzRNXTtA_3_O\\/S\\/0K2";\n'
         "s.async = true;\ns.referrerPolicy = 'no-referrer-when-downgrade';\n"
         "l.parentNode.insertBefore(s, l);\n})({})</script>",
         0),
    # its legacy tags name the zone, two numbers joined by a hyphen: the banner frame, the
    # direct link round a picture, the pop script its `__htapop` tag writes (blind46h)
    form("HilltopAds", "banner: hilltopads.net/ifr?zoneId= frame",
         '<iframe src="https://hilltopads.net/ifr?zoneId=2211304-2211377" style="width:300px; '
         'height:250px; border:0px;" width="300" height="250" frameborder="0" scrolling="no">'
         '</iframe>',
         1, ("hilltopads-zone", "2211304-2211377")),
    form("HilltopAds", "direct link: a[href=hilltopads.net/out?zoneId=] round a picture",
         "<a href='https://hilltopads.net/out?zoneId=2213950-2214011'><img "
         "src='https://cdn.garden.example/b/5a1f.png'></a>",
         1, ("hilltopads-zone", "2213950-2214011")),
    form("HilltopAds", "legacy pop: __htapop + written hilltopads.net/p?zoneId=",
         "<script>var __htapop = {window:{type:'popup'}}; var kq3v = \"\\/\\/hilltopads.net"
         "\\/p?zoneId=2210588-2210649\"; document.write(\"<script type=\\\"text/javascript"
         "\\\" src=\\\"\"+kq3v+\"\\\"><\\/script>\");</script>",
         0, ("hilltopads-zone", "2210588-2210649")),
    # --- AdMaven: one script per zone (pop, interstitial) at a CloudFront distribution's
    # root, the zone the value of a one-key query
    form("AdMaven", "pop: <distribution>.cloudfront.net/?wbbcd=<zone>",
         '<script data-cfasync="false" src="//dcbbwymp1bhlf.cloudfront.net/?wbbcd=1372958">'
         '</script>',
         0, ("admaven-zone", "1372958")),
    form("AdMaven", "interstitial on another distribution and key: /?<key>=<zone>",
         '<script async data-cfasync="false" src="//d3kq8c2vn5x7rb.cloudfront.net/?qzmfd='
         '1372961"></script>',
         0, ("admaven-zone", "1372961")),
    # --- Evadav: push and in-page push scripts on rotating hosts, the publisher and site
    # base64 JSON in the path (its first three characters moved to the end)
    form("Evadav", "push: /pw/<base64 {pid, sid, wid}>eyJ.js",
         '<script async src="https://qorvindel.com/pw/'
         + _evadav_path(1048213, 1093517, 402719) + '"></script>',
         0, ("evadav-publisher", "1048213"), ("evadav-site", "1093517")),
    form("Evadav", "in-page push: /p/<base64 {pid, sid, wid}>eyJ.js",
         '<script async src="https://tessurlan.net/p/'
         + _evadav_path(1048213, 1093517, 402720) + '"></script>',
         0, ("evadav-publisher", "1048213"), ("evadav-site", "1093517")),
    # --- Clickadu: its banner script on rotating hosts (EasyList's "Clickadu servers")
    form("Clickadu", "banner: /lv/esnk/<zone>/code.js",
         '<div style="width:280px"><script data-cfasync="false" type="text/javascript" '
         'src="//lby2kd27c.com/lv/esnk/1989415/code.js" async class="__clb-1989415"></script>'
         '</div>',
         1, ("clickadu-zone", "1989415")),
    form("Clickadu", "push / in-page: /pn07uscr/f/tr/zavbn/<zone>/lib.js",
         '<script data-cfasync="false" src="https://12ezo5v60.com/pn07uscr/f/tr/zavbn/1864953/'
         'lib.js" async></script>',
         0, ("clickadu-zone", "1864953")),
    # --- PopAds and PopCash
    form("PopAds", "classic: _pop.push(['siteId', …]) + pop.js",
         "<script type=\"text/javascript\" data-cfasync=\"false\">var _pop = _pop || [];"
         "_pop.push(['siteId', 1234567]);_pop.push(['minBid', 0]);_pop.push(['popundersPerIP', 0]);"
         "(function() {var pa = document.createElement('script'); pa.type = 'text/javascript'; "
         "pa.async = true; var s = document.getElementsByTagName('script')[0]; "
         "pa.src = '//c1.popads.net/pop.js'; s.parentNode.insertBefore(pa, s);})();</script>",
         0, ("popads-site", "1234567")),
    form("PopAds", "current: [[\"siteId\", <sum>], [\"minBid\", …]] (no loader URL in the clear)",
         _popads_current("245*945+912+5045960"), 0, ("popads-site", "5278397")),
    form("PopAds", "current: a sum of differences, as its dashboard now writes it",
         _popads_current("430-139+629-794+5169238"), 0, ("popads-site", "5169364")),
    form("PopAds", "current: a site ID built from a variable is not read (no wrong ID)",
         "<script>var base=3612000;</script>" + _popads_current("base+785"), 0),
    form("PopAds", "classic: _pop.push(['siteId', 3612785 + 1]) reads the sum, not its first term",
         "<script type=\"text/javascript\" data-cfasync=\"false\">var _pop = _pop || [];"
         "_pop.push(['siteId', 3612785 + 1]);_pop.push(['minBid', 0]);</script>",
         0, ("popads-site", "3612786")),
    form("PopAds", "anti-adblock: its strings in \\x/\\u escapes, a fallback host of its own",
         _popads_escaped("4410927", "www.qzrwkpmvtx.test"), 0, ("popads-site", "4410927")),
    # --- AdReactor, on AdvertServe's hosted ad server: AdvertServe's call and boxes are its
    form("AdReactor", "libcode3.js on its host + div#avp_<timestamp> filled by _avp.push",
         _ADREACTOR_LOADER + _adreactor_unit("avp_1712055813377", 14, 5127), 1,
         ("adreactor-publisher", "5127"), ("adreactor-zone", "14")),
    form("AdReactor", "its older box, AdvertServe's avp_zid_<zone>, and a pop-up window unit",
         _ADREACTOR_LOADER + _adreactor_unit("avp_zid_15", 15, 5127)
         + "<script>if (document.cookie.indexOf('AVPWCAP=') == -1) { _avp.push({ alias: '/', "
         "type: 'window', zid: 16, pid: 5127 }); }</script>", 1,
         ("adreactor-publisher", "5127"), ("adreactor-zone", "15"), ("adreactor-zone", "16"),
         ("advertserve-zone", "15")),
    form("AdReactor", "a click link dressed as a download button",
         '<a class="btn" href="https://adserver.adreactor.com/servlet/view/window/url/zone?'
         'zid=40&amp;pid=5127" rel="nofollow">FAST DOWNLOAD</a>', 0,
         ("adreactor-publisher", "5127"), ("adreactor-zone", "40")),
    form("PopAds", "its referral banner: the user the link credits, on its own host",
         '<p>Advertise with us</p><a href="https://www.popads.net/users/refer/2750316"><img '
         'src="http://banners.popads.net/250x250.gif" alt="PopAds.net"></a>',
         0, ("popads-user", "2750316")),
    form("PopAds", "the referral link beside its tag",
         _popads_current("5169238") + '<a href="//popads.net/users/refer/2750316/">'
         "Earn with pops</a>", 0, ("popads-site", "5169238"), ("popads-user", "2750316")),
    form("PopAds", "no user from a look-alike host's, another path's or prose's number",
         _popads_current("5169238")
         + '<a href="https://www.popads.net.refer.test/users/refer/2750316">a</a>'
         '<a href="https://notpopads.net/users/refer/2750317">b</a>'
         '<a href="https://www.popads.net/users/login?refer=2750318">c</a>'
         '<a href="https://blog.example/?u=https://www.popads.net/users/refer/2750319">d</a>'
         "<p>My link: https://www.popads.net/users/refer/2750320</p>"
         "<pre>&lt;a href=\"https://www.popads.net/users/refer/2750321\"&gt;</pre>",
         0, ("popads-site", "5169238")),
    form("PopCash", "uid + wid + show.js",
         "<script type=\"text/javascript\">var uid = '123456'; var wid = '654321'; "
         "var pop_tag = document.createElement('script');pop_tag.src='//cdn.popcash.net/show.js';"
         "document.body.appendChild(pop_tag);</script>",
         0, ("popcash-uid", "123456"), ("popcash-site", "654321")),
    # --- A-Ads, Coinzilla (crypto-audience banners)
    form("A-Ads", "iframe[data-aa] ad.a-ads.com/<unit>",
         "<iframe data-aa='2165012' src='//ad.a-ads.com/2165012?size=728x90' "
         "style='width:728px; height:90px; border:0px; padding:0; overflow:hidden; "
         "background-color: transparent;'></iframe>",
         1, ("aads-unit", "2165012")),
    form("A-Ads", "adaptive: acceptable.a-ads.com/<unit>/",
         "<div id=\"frame\" style=\"width: 100%;\"><iframe data-aa='2368329' "
         "src='//acceptable.a-ads.com/2368329/?size=Adaptive' style='border:0; padding:0; "
         "width:70%; height:auto; overflow:hidden;'></iframe></div>",
         1, ("aads-unit", "2368329")),
    # its ad unit code now: the frame and an "Advertise here" link to aads.com under it, in
    # one wrapper; EasyList hides both, one placement
    form("A-Ads", "adaptive frame + its aads.com \"Advertise here\" link",
         "<div id=\"frame\" style=\"width: 100%;margin: auto;position: relative;\"><iframe "
         "data-aa='2368330' src='//acceptable.a-ads.com/2368330/?size=Adaptive' "
         "style='border:0; padding:0; width:70%; height:auto; overflow:hidden;display: block;"
         "margin: auto'></iframe><a style=\"display: block;text-align: right;font-size: 12px\" "
         "id=\"frame-link\" href=\"https://aads.com/campaigns/new/?source_id=2368330&amp;"
         "source_type=ad_unit&amp;partner=2368330\">Advertise here</a></div>",
         1, ("aads-unit", "2368330")),
    # --- Bitmedia: its banner code, the unit's ID in its `ins` class and its loader's path
    form("Bitmedia", "ins.bmadblock-<unit> + adbybm.js/<unit>",
         '<ins class="bmadblock-6a1f0c2e9b3d7f5a1c2e4b60" style="display:inline-block;'
         'width:728px;height:90px;"></ins><script async type="application/javascript" '
         'src="//ad.bitmedia.io/js/adbybm.js/6a1f0c2e9b3d7f5a1c2e4b60"></script>',
         1, ("bitmedia-unit", "6a1f0c2e9b3d7f5a1c2e4b60")),
    # --- Onclicka: one script with the site's ID, and a banner's container where it shows
    form("Onclicka", "onclicka.js[data-admpid] + div[data-banner-id]",
         '<script async src="https://js.onclckmn.com/static/onclicka.js" data-admpid="318204">'
         '</script><div data-banner-id="6059172"></div>',
         1, ("onclicka-site", "318204"), ("onclicka-spot", "6059172")),
    form("Onclicka", "onclicka.js[data-admpid] alone (pops, in-page)",
         '<script async src="https://js.onclckmn.com/static/onclicka.js" data-admpid="318205">'
         '</script>',
         0, ("onclicka-site", "318205")),
    form("Coinzilla", "display.js + div.coinzilla[data-zone] + coinzilla_display.push",
         '<script async src="https://coinzillatag.com/lib/display.js"></script>'
         '<div class="coinzilla" data-zone="C-415245a8c26c8245e2"></div><script>'
         "window.coinzilla_display = window.coinzilla_display || [];"
         "var c_display_preferences = {};c_display_preferences.zone = \"415245a8c26c8245e2\";"
         'c_display_preferences.width = "728";c_display_preferences.height = "90";'
         "coinzilla_display.push(c_display_preferences);</script>",
         1, ("coinzilla-zone", "415245a8c26c8245e2")),
    # --- RichAds: push and in-page push loaders carry the publisher and the site
    form("RichAds", "in-page push: richads-ob.js?pubid&siteid",
         '<script src="https://richinfo.co/richpartners/in-page/js/richads-ob.js?pubid=924639'
         '&siteid=346262" async></script>',
         0, ("richads-publisher", "924639"), ("richads-site", "346262")),
    form("RichAds", "push: rp-cl-ob.js?pubid&siteid&niche",
         '<script src="https://richinfo.co/richpartners/push/js/rp-cl-ob.js?pubid=934194&amp;'
         'siteid=349270&amp;niche=33" async data-cfasync="false"></script>',
         0, ("richads-publisher", "934194"), ("richads-site", "349270")),
    form("RichAds", "pops: richads-pu-ob.js[data-pubid][data-siteid]",
         '<script src="https://richinfo.co/richpartners/pops/js/richads-pu-ob.js" '
         'data-pubid="931547" data-siteid="352018" async data-cfasync="false"></script>',
         0, ("richads-publisher", "931547"), ("richads-site", "352018")),
    # --- Adcash: aclib from its CDN, a site's own copy of aclib.js, its anti-adblock library
    form("Adcash", "aclib.js + runAutoTag",
         '<script id="aclib" type="text/javascript" src="//acscdn.com/script/aclib.js"></script>'
         "<script type=\"text/javascript\">aclib.runAutoTag({\n zoneId: 'igfjjlmgoi',\n});"
         "</script>",
         0, ("adcash-zone", "igfjjlmgoi")),
    form("Adcash", "self-hosted aclib.js + runPop",
         '<script type="text/javascript" src="/js/aclib.js"></script>'
         "<script type=\"text/javascript\">aclib.runPop({zoneId: '8bfa3tdnxe'});</script>",
         0, ("adcash-zone", "8bfa3tdnxe")),
    form("Adcash", "anti-adblock library + runInPagePush",
         '<script type="text/javascript" src="/adc-ads-lib"></script>'
         "<script type=\"text/javascript\">aclib.runInPagePush({zoneId: 'q7ckzkwmlh'});</script>",
         0, ("adcash-zone", "q7ckzkwmlh")),
    # --- TrafficStars: banner (bi.js) and popunder (p.js)
    form("TrafficStars", "banner: bi.js[data-ts-spot]",
         '<script src="//cdn.tsyndicate.com/sdk/v1/bi.js" data-ts-spot="5b3adf992ed0490ca2d8e8'
         '6fbd9bbf09" data-ts-width="300" data-ts-height="250" async defer></script>',
         1, ("trafficstars-spot", "5b3adf992ed0490ca2d8e86fbd9bbf09")),
    form("TrafficStars", "popunder: p.js[data-ts-spot]",
         '<script type="text/javascript" src="//cdn.tsyndicate.com/sdk/v1/p.js" '
         'data-ts-spot="7c41e0b2d95f4a3e8b6d1f0a2c9e5b37" data-ts-session-duration="300" '
         'data-ts-count="5" async defer></script>',
         0, ("trafficstars-spot", "7c41e0b2d95f4a3e8b6d1f0a2c9e5b37")),
    # --- Ero-Advertising: eaCtrl (loadeactrl.go) and the legacy adspace script
    form("Ero-Advertising", "eaCtrl: loadeactrl.go?pid&siteid&spaceid + eaCtrl.add",
         '<div id="ea_5116030_node"></div><script type="text/javascript">'
         'if (typeof eaCtrl =="undefined"){ var eaCtrlRecs=[];'
         "var eaCtrl = {add:function(ag){eaCtrlRecs.push(ag)}};"
         "var js = document.createElement('script');"
         'js.setAttribute("src","//go.ero-advertising.com/loadeactrl.go?pid=103546&siteid=936737'
         '&spaceid=5116030");document.head.appendChild(js);}'
         'eaCtrl.add({"display":"ea_5116030_node","sid":5116030,"plugin":"banner",'
         '"traffic_type":"all","subid":""});</script>',
         1, ("eroadvertising-publisher", "103546"), ("eroadvertising-site", "936737"),
         ("eroadvertising-space", "5116030"), network="EroAdvertising"),
    form("Ero-Advertising", "legacy: adspaces.ero-advertising.com/adspace/<space>.js",
         '<script type="text/javascript" charset="utf-8" '
         'src="http://adspaces.ero-advertising.com/adspace/42631.js"></script>',
         1, ("eroadvertising-space", "42631"), network="EroAdvertising"),
    # --- MGID and AdsKeeper widgets
    form("MGID", "site script + div[data-type=_mgwidget]",
         '<script src="https://jsc.mgid.com/site/1042649.js" async></script>'
         '<div data-type="_mgwidget" data-widget-id="1828363"></div>'
         '<script>(function(w,q){w[q]=w[q]||[];w[q].push(["_mgc.load"])})(window,"_mgq");'
         "</script>",
         1, ("mgid-site", "1042649"), ("mgid-widget", "1828363")),
    form("MGID", "legacy: div#M<n>ScriptRootC<widget> + <site>.<widget>.js",
         '<div id="M487562ScriptRootC783652"></div>'
         '<script src="https://jsc.mgid.com/e/x/example.com.783652.js" async></script>',
         1, ("mgid-site", "487562"), ("mgid-widget", "783652")),
    form("MGID", "legacy composite: preload box, its script written into a hidden frame",
         '<div id="M731204ScriptRootC558812"><div id="M731204PreloadC558812">Loading...</div>'
         "<script>(function(){var d=document,i=d.createElement('iframe');i.style.display='none';"
         'd.getElementById("M731204ScriptRootC558812").appendChild(i);var iw=i.contentWindow.'
         "document;var s=iw.createElement('script');s.async='async';s.src='https:'+"
         '"//jsc.mgid.com/g/a/garden-news.example.558812.js?t="+Date.now();iw.body.appendChild(s)'
         ";})();</script></div>",
         1, ("mgid-site", "731204"), ("mgid-widget", "558812")),
    form("AdsKeeper", "site script + div[data-type=_mgwidget]",
         '<script src="https://jsc.adskeeper.com/site/928361.js" async></script>'
         '<div data-type="_mgwidget" data-widget-id="1553219"></div>'
         '<script>(function(w,q){w[q]=w[q]||[];w[q].push(["_mgc.load"])})(window,"_mgq");'
         "</script>",
         1, ("adskeeper-site", "928361"), ("adskeeper-widget", "1553219")),
    # --- Yandex RTB: the current yaContextCb form, its floor ad (a unit pinned to the
    # screen's foot, which the catalogue counts as a slot), the older async callbacks
    form("Yandex Advertising Network", "yaContextCb + context.js + div#yandex_rtb_R-A-…",
         '<script>window.yaContextCb=window.yaContextCb||[]</script>'
         '<script src="https://yandex.ru/ads/system/context.js" async></script>'
         '<!-- Yandex.RTB R-A-2871410-3 --><div id="yandex_rtb_R-A-2871410-3"></div><script>'
         'window.yaContextCb.push(()=>{ Ya.Context.AdvManager.render({ "blockId": "R-A-2871410-3",'
         ' "renderTo": "yandex_rtb_R-A-2871410-3" }) })</script>',
         1, ("yandex-rtb-publisher", "2871410"), ("yandex-rtb-block", "R-A-2871410-3")),
    form("Yandex Advertising Network", "floor ad: render({blockId, type: floorAd})",
         '<script>window.yaContextCb=window.yaContextCb||[]</script>'
         '<script src="https://yandex.ru/ads/system/context.js" async></script><script>'
         'window.yaContextCb.push(()=>{ Ya.Context.AdvManager.render({ "blockId": "R-A-2871410-4",'
         ' "type": "floorAd", "platform": "touch" }) })</script>',
         1, ("yandex-rtb-publisher", "2871410"), ("yandex-rtb-block", "R-A-2871410-4")),
    form("Yandex Advertising Network", "older: yandexContextAsyncCallbacks + an.yandex.ru",
         '<div id="yandex_rtb_R-A-2871410-1"></div><script type="text/javascript">'
         "(function(w, d, n, s, t) { w[n] = w[n] || []; w[n].push(function() {"
         ' Ya.Context.AdvManager.render({ blockId: "R-A-2871410-1", renderTo: '
         '"yandex_rtb_R-A-2871410-1", async: true }); }); t = d.getElementsByTagName("script")[0];'
         ' s = d.createElement("script"); s.type = "text/javascript"; '
         's.src = "//an.yandex.ru/system/context.js"; s.async = true; '
         "t.parentNode.insertBefore(s, t); })(this, this.document, "
         '"yandexContextAsyncCallbacks");</script>',
         1, ("yandex-rtb-publisher", "2871410"), ("yandex-rtb-block", "R-A-2871410-1")),
    # --- Clever Advertising's publisher tag (its WordPress plugin's and sites' paste): a
    # loader it builds, named for a number, from the publisher's script on clevernt.com;
    # it shows its ads away from the tag, so no placement
    form("Clever Advertising", "script#clevernt building CleverNTLoader<n>",
         '<script data-cfasync="false" id="clevernt" type="text/javascript">(function (document,'
         ' window) { var c = document.createElement("script"); c.type = "text/javascript"; '
         'c.async = !0; c.id = "CleverNTLoader61234"; c.setAttribute("data-target", window.name);'
         ' c.src = "//clevernt.com/scripts/0a1b2c3d4e5f60718293a4b5c6d7e8f9.min.js?20240102=" +'
         ' Math.floor((new Date).getTime()); var a = document.getElementsByTagName("script")[0];'
         " a.parentNode.insertBefore(c, a); })(document, window);</script>",
         0, ("clevernt-loader", "61234"), ("clevernt-script", "0a1b2c3d4e5f60718293a4b5c6d7e8f9")),
    form("Clever Advertising", "its loader as a browser leaves it inserted",
         '<script type="text/javascript" async id="CleverNTLoader61234" data-target="" '
         'src="https://clevernt.com/scripts/0a1b2c3d4e5f60718293a4b5c6d7e8f9.min.js?20240102='
         '1704200000000"></script>',
         0, ("clevernt-loader", "61234"), ("clevernt-script", "0a1b2c3d4e5f60718293a4b5c6d7e8f9")),
    # --- the Sputnik counter (Rostelecom): a snippet inserting stat.sputnik.ru/cnt.js, no ID
    form("Sputnik Counter", "snippet inserting cnt.js beside span#sputnik-informer",
         '<script type="text/javascript">(function(d, t, p) { var j = d.createElement(t); '
         'j.async = true; j.type = "text/javascript"; j.src = ("https:" == p ? "https:" : '
         '"http:") + "//stat.sputnik.ru/cnt.js"; var s = d.getElementsByTagName(t)[0]; '
         's.parentNode.insertBefore(j, s); })(document, "script", document.location.protocol);'
         '</script><span id="sputnik-informer"></span>', 0),
    # --- Realbig's rotator (Russia): its config names the throwaway host and the site's
    # rotator code, the loader is `//<host>/<code>.min.js`, and each unit a box it fills
    form("Realbig", "rbConfig with rbDomain and rotator, a content_rb box",
         "<script type='text/javascript'>rbConfig={start:performance.now(),rbDomain:'rotarb.bid',"
         "rotator:'k7q2'};</script><script async type='text/javascript' "
         "src='//rotarb.bid/k7q2.min.js'></script><p>Second paragraph.</p>"
         '<div id="content_rb_41503" class="content_rb" data-id="41503"></div>',
         1, ("realbig-rotator", "k7q2"), ("realbig-block", "41503")),
    form("Realbig", "its WordPress plugin's head code",
         '<script type="text/javascript"> rbConfig={start:performance.now()}; </script>'
         '<script async="async" type="text/javascript" '
         'src="//any.realbig.media/rotator.min.js"></script>', 0),
    # --- Giraff's teaser widget: one script a site block, named for the block
    form("Giraff", "code.giraff.io/data/widget-<block>.js",
         '<script type="text/javascript" src="//code.giraff.io/data/widget-gardennews.js" async>'
         "</script>", 0, ("giraff-block", "gardennews")),
    # its host written in capitals: a host names one site whatever its case (a browser
    # requests it in lower case); the block keeps the case it is written in
    form("Giraff", "CODE.GIRAFF.IO/data/widget-<block>.js",
         '<script type="text/javascript" src="//CODE.Giraff.IO/data/widget-GardenNews.js" async>'
         "</script>", 0, ("giraff-block", "GardenNews")),
    # --- OneSignal's v15 snippet: the app ID and its Safari web ID in the init call
    form("OneSignal", "v15 OneSignal.push(['init', {appId, safari_web_id}])",
         '<script src="https://cdn.onesignal.com/sdks/OneSignalSDK.js" async></script><script>'
         'var OneSignal = OneSignal || []; OneSignal.push(["init", { appId: "0f1e2d3c-4b5a-4978-'
         '8695-a4b3c2d1e0f9", safari_web_id: "web.onesignal.auto.5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b'
         '7c8d", autoRegister: false }]);</script>',
         0, ("onesignal-app", "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"),
         ("onesignal-safari-web-id", "web.onesignal.auto.5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d")),
    # --- Rambler's Top-100 Kraken snippet: `project: <id>` for st.top100.ru's loader, and
    # its noscript image asking `top100.cnt?pid=<id>`
    form("Rambler Top-100", "Kraken snippet with its noscript pid image",
         '<script>(function (w, d, c) { (w[c] = w[c] || []).push(function() { var options = '
         '{ project: 4471902 }; try { w.top100Counter = new top100(options); } catch(e) { } });'
         ' var n = d.getElementsByTagName("script")[0], s = d.createElement("script"); '
         's.async = true; s.src = "https://st.top100.ru/top100/top100.js"; '
         'n.parentNode.insertBefore(s, n); })(window, document, "_top100q");</script><noscript>'
         '<img src="//counter.rambler.ru/top100.cnt?pid=4471902" alt="Top-100" /></noscript>',
         0, ("rambler-top100", "4471902")),
    # --- AWEmpire's (LiveJasmin's) embed tool: a script on its promo host awept.com that
    # draws its own promo unit where it stands; the affiliate is `psid`
    form("AWEmpire", "awept.com/embed/<tool>/?psid=<affiliate>",
         '<script src="https://awept.com/embed/lvbnr/?psid=garden_tv&amp;site=jsm&amp;target='
         'lvbnr&amp;utm_medium=partner&amp;category=girl"></script>',
         1, ("awempire-psid", "garden_tv")),
    # --- BongaCams' promo tool: promo.php?c=<affiliate>&type=dynamic_banner, a live-cam
    # banner its script writes where it stands, sized by db[width]/db[height]
    form("BongaCams", "promo.php?c=<affiliate>&type=dynamic_banner",
         '<script id="IM_JS" src="https://ssl-tools.bongacams.com/promo.php?c=771204&amp;type='
         'dynamic_banner&amp;db%5Bwidth%5D=728&amp;db%5Bheight%5D=90&amp;db%5Btype%5D=live">'
         '</script>', 1, ("bongacams-affiliate", "771204")),
    # its category widget is no banner of its own form; in a box of its own (an ad list's
    # script alone in a box), the box is the placement; beside the text, none
    form("BongaCams", "promo.php?c=<affiliate>&type=category_widget in its box",
         '<div id="bc_cw"><script src="http://tools.bongacams.com/promo.php?c=771204&amp;type='
         'category_widget&amp;width=200"></script></div><p>More of the article.</p>', 1,
         ("bongacams-affiliate", "771204")),
    form("BongaCams", "promo.php?c=<affiliate>&type=category_widget beside text",
         '<p>Cams: <script src="http://tools.bongacams.com/promo.php?c=771204&amp;type='
         'category_widget&amp;width=200"></script> more of the article.</p>', 0,
         ("bongacams-affiliate", "771204")),
]


def page(body: str) -> str:
    return ("<html><head><title>Leaked episode 4</title></head><body><article><p>Text of the "
            f"scraped article, long enough to be one.</p>{body}</article></body></html>")


AuditTag = Callable[[str], PageReport]


@pytest.fixture(scope="module")
def audit_tag(audit_listed: AuditListed) -> AuditTag:
    """Audit a tag pasted into a scraped article, with the system filter lists."""
    return lambda html: audit_listed(page(html), "https://scraper.example/post")


def observed(report: PageReport, network: str) -> tuple[set[str], int, set[tuple[str, str]]]:
    """What a reader of the report sees: the networks named, the slots of `network`,
    the operator's IDs."""
    names = {n.network for n in report.networks}
    slots = sum(1 for s in report.slots if s.kind == "ad" and s.network == network)
    ids = {(i.kind, i.value) for i in report.ids if i.origin is Origin.OPERATOR}
    return names, slots, ids


@pytest.mark.parametrize("tag", FORMS, ids=lambda t: f"{t.vendor}: {t.form}")
def test_each_scraper_network_tag_form_is_named_with_its_slots_and_ids(
        audit_tag: AuditTag, tag: TagForm) -> None:
    report = audit_tag(tag.html)
    names, slots, ids = observed(report, tag.network)
    assert names == {tag.network}
    assert slots == tag.slots
    assert [s.network for s in report.slots if s.kind == "ad"] == [tag.network] * tag.slots
    assert ids == set(tag.ids)


INNOCENT_CODE = [
    # a class's constructor: `settings` and `src` are fields, no script is built
    "<script>function Player(src){this.settings={};this.src=src;this.ready=false}</script>",
    "<script>var w=new Widget();w.settings={};w.src=config.video;</script>",
    # a widget's config written in escapes, its site and bid keys an object's, not PopAds'
    # list of pairs
    '<script>var cfg={"\\u0073\\x69\\u0074\\x65\\u0049\\x64":4410927,"\\u006d\\x69'
    '\\u006e\\x42\\u0069\\x64":0};widget.init(cfg);</script>',
]


@pytest.mark.parametrize("html", INNOCENT_CODE)
def test_code_shaped_like_a_tags_words_names_no_network(audit_tag: AuditTag,
                                                        html: str) -> None:
    """An inline signature is the tag's own shape, not words any code writes: HilltopAds'
    `s.settings = x || {}; s.src = "//<host>/…"` sets the src of the script it builds to a
    URL; a player's `this.settings={};this.src=src` named a popunder network (medium)."""
    report = audit_tag(html)
    assert {n.network for n in report.networks} == set()
    assert [f.kind for f in report.findings if f.kind == "popunder"] == []


POPIN_TAGS = [
    # popIn's recommendation loader and its conversion tag as its publishers paste them: the
    # same `_pop` queue PopAds' classic tag declares, with popIn's `_set_…` commands
    '<div id="_popIn_recommend"></div><script type="text/javascript">var _pop = _pop || [];'
    '_pop.push(["_set_read_fragmentinfo_categoryName","movie"]);(function() {var pa = '
    "document.createElement('script'); pa.type = 'text/javascript'; pa.charset = \"utf-8\"; "
    'pa.async = true;pa.src = window.location.protocol + "//api.popin.cc/searchbox/garden.js";'
    "var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(pa, s);"
    "})();</script>",
    '<script>window._pop = window._pop || [];window._pop.push(["_set_conversion_id","garden"]);'
    '(function() {var el = document.createElement("script"); el.type = "text/javascript"; '
    'el.async = true;el.src = (("https:" == document.location.protocol) ? "https://" : '
    '"http://") + "api.popin.cc/conversion.js";var s = document.getElementsByTagName("script")'
    "[0]; s.parentNode.insertBefore(el, s);})();</script>",
]


@pytest.mark.parametrize("html", POPIN_TAGS, ids=["recommend", "conversion"])
def test_popins_pop_queue_is_no_popads_popunder(audit_tag: AuditTag, html: str) -> None:
    """PopAds' classic tag and popIn's share the queue name `_pop`: only PopAds' own
    commands (`siteId`, `minBid`, …) name PopAds; popIn's named a popunder network (medium)
    on a Japanese publisher's page."""
    report = audit_tag(html)
    assert {n.network for n in report.networks} == {"popIn"}
    assert [f.kind for f in report.findings if f.kind == "popunder"] == []


LOOK_ALIKES = [
    # a site's own content-hashed files: folders of hex, but not the key's own first digits
    # at the host's root, or under a path of the site's
    "<script src='https://cdn.garden.example/assets/37/5f/87/" + _POP_KEY + ".js'></script>",
    "<script src='https://garden.example/37/5f/88/" + _POP_KEY + ".js'></script>",
    "<script src='https://garden.example/" + _ADSTERRA_KEY + "/app.js'></script>",
    # TwinRed's attribute with no TwinRed loader; a `siteId` list of a site's own config
    '<ins data-tr-zone="' + _TWINRED_ZONE + '"></ins>',
    '<script>var cfg = [["siteId", 3612785 + 1], ["locale", "en"]];</script>',
    # Onclicka's banner container, and its attribute on another's script, with no Onclicka tag
    '<div class="hero" data-banner-id="6059172"></div>',
    '<script src="https://widgets.example/poll.js" data-admpid="318204"></script>',
    # a site's own CloudFront files: a path with a query, or the root with a query of more
    # than one key; a site's bundle under a `/p/` folder whose name ends as Evadav's does,
    # but is no base64 of its JSON
    "<script src='https://d1f7k2m9q3x8zt.cloudfront.net/static/app.js?build=2024061'></script>",
    "<script src='https://d1f7k2m9q3x8zt.cloudfront.net/?v=3&build=20240611'></script>",
    "<script src='https://garden.example/p/main.eyJ.js'></script>",
    # a site's own app at a distribution's root with one five-letter key and a 6-8 digit
    # value, framed or shown: AdMaven's shape, but only its tag, a script, is AdMaven's
    '<iframe src="https://d3k2n9x8v7q1ab.cloudfront.net/?venue=1048576" width="600" '
    'height="800" title="Book a table"></iframe>',
    "<img src='https://d3k2n9x8v7q1ab.cloudfront.net/?width=640000' alt='Harbour at dusk'>",
    # Clever Advertising's paths and loader name on look-alike hosts and in prose; the
    # Sputnik counter's path on a look-alike host, a link to the portal
    '<script src="https://notclevernt.com/scripts/0a1b2c3d4e5f60718293a4b5c6d7e8f9.min.js" '
    'id="CleverNTLoader61234"></script>',
    '<script src="https://clevernt.com.cdn-mirror.example/scripts/0a1b2c3d4e5f60718293a4b5c6d7'
    'e8f9.min.js"></script>',
    '<pre>c.id = "CleverNTLoader61234"; c.src = "//clevernt.com/scripts/0a1b2c3d4e5f60718293a4b5'
    'c6d7e8f9.min.js"</pre>',
    '<script src="https://stat.sputnik.ru.cdn-mirror.example/cnt.js"></script>'
    '<a href="https://news.sputnik.ru/">Sputnik news</a>',
    # Realbig's box with no rotator on the page, its config quoted in prose, its loader on a
    # look-alike host; Giraff's widget path on look-alike hosts
    '<div id="content_rb_41503" class="content_rb" data-id="41503"></div>',
    "<pre>rbConfig={start:performance.now(),rbDomain:'rotarb.bid',rotator:'k7q2'};</pre>",
    '<script async src="https://rotarb.bid.cdn-mirror.example/k7q2.min.js"></script>',
    '<script src="https://code.giraff.io.cdn-mirror.example/data/widget-gardennews.js"></script>'
    '<script src="https://notgiraff.io/data/widget-gardennews.js"></script>',
    '<script src="https://CODE.GIRAFF.IO.CDN-MIRROR.EXAMPLE/data/widget-gardennews.js">'
    '</script><script src="https://NOTGIRAFF.IO/data/widget-gardennews.js"></script>',
    # AdReactor's click path on look-alike hosts, its box with no loader, its call in prose
    '<a href="https://adserver.adreactor.com.cdn-mirror.example/servlet/view/window/url/zone?'
    'zid=40&pid=5127">Download</a><a href="https://notadreactor.com/servlet/view/window/url/'
    'zone?zid=40&pid=5127">Mirror</a>',
    '<div id="avp_1712055813377"></div>',
    "<pre>_avp.push({ tagid: 'avp_1712055813377', zid: 14, pid: 5127 });</pre>",
    # HilltopAds' frame and link paths on look-alike hosts, its frame's address in prose
    '<iframe src="https://hilltopads.net.cdn-mirror.example/ifr?zoneId=2211304-2211377" '
    'width="300" height="250"></iframe><a href="https://nothilltopads.net/out?zoneId='
    '2213950-2214011">Mirror</a>',
    "<pre>&lt;iframe src=\"https://hilltopads.net/ifr?zoneId=2211304-2211377\"&gt;</pre>",
    # AWEmpire's embed and BongaCams' banner on look-alike hosts, and quoted in prose
    '<script src="https://awept.com.cdn-mirror.example/embed/lvbnr/?psid=garden_tv"></script>'
    '<script src="https://notbongacams.com/promo.php?c=771204&amp;type=dynamic_banner">'
    '</script>',
    '<pre>&lt;script src="https://awept.com/embed/lvbnr/?psid=garden_tv"&gt;&lt;/script&gt; '
    'and https://tools.bongacams.com/promo.php?c=771204&amp;type=dynamic_banner</pre>',
]


@pytest.mark.parametrize("html", LOOK_ALIKES)
def test_ordinary_markup_shaped_like_a_tag_names_no_network(audit_tag: AuditTag,
                                                             html: str) -> None:
    """The shapes that name Adsterra on rotating hosts, TwinRed's unit and PopAds' site
    ID are the tags' own: a site's hashed assets, an unloaded attribute and a config list
    name no network and no ID."""
    report = audit_tag(html)
    assert {n.network for n in report.networks} == set()
    assert [i for i in report.ids if i.origin is Origin.OPERATOR] == []
    assert [s.network for s in report.slots if s.network] == []


@pytest.mark.parametrize("html", [
    # another SDK's init call naming an `appId` of the same form, beside OneSignal's loader
    '<script src="https://cdn.onesignal.com/sdks/OneSignalSDK.js" async></script><script>'
    'Pusher.init({ appId: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9" });</script>',
    # its init call quoted in an article, the loader on the page
    '<script src="https://cdn.onesignal.com/sdks/OneSignalSDK.js" async></script><pre>'
    'OneSignal.push(["init", { appId: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9" }]);</pre>',
    # the nil UUID a template leaves in place of the app
    '<script src="https://cdn.onesignal.com/sdks/OneSignalSDK.js" async></script><script>'
    'OneSignal.push(["init", { appId: "00000000-0000-0000-0000-000000000000" }]);</script>',
])
def test_onesignals_app_id_is_read_in_its_own_init_call_only(audit_tag: AuditTag,
                                                               html: str) -> None:
    report = audit_tag(html)
    assert {n.network for n in report.networks} == {"OneSignal"}
    assert [i for i in report.ids if i.origin is Origin.OPERATOR] == []


def _by_label(vendor: str, name: str) -> str:
    return next(t.html for t in FORMS if (t.vendor, t.form) == (vendor, name))


# (tag, what the `popunder` finding says of it, or None for no finding): a network that sells
# pops among other formats has one only where the tag is its pop tag, naming its zone
POP_TAGS = [
    (_by_label("PropellerAds", "onclick: apu.php?zoneid= (its rotating hosts)"),
     "PropellerAds popunder tag (propellerads-zone 1440862)"),
    (_by_label("PropellerAds", "push: propu.sh/pfe/current/tag.min.js?z="), None),
    (_by_label("PropellerAds", "in-page push: ('<host>', zone, createElement)"), None),
    # Monetag's loader serves whatever format its zone is set to: no format to name
    (_by_label("PropellerAds", "Monetag multitag: tag.min.js + data-zone"), None),
    (_by_label("PropellerAds", "Monetag push: /act/files/tag.min.js?z= on a rotating host"),
     None),
    (_by_label("PropellerAds", "vignette: ('<host>', zone, createElement) /401/"), None),
    (_by_label("PropellerAds", "in-page push: s.dataset.zone + tag.min.js"), None),
    (_by_label("PropellerAds", "vignette: s.dataset.zone + vignette.min.js"), None),
    (_by_label("ExoClick", "popunder: popMagic adConfig (inline, no loader)"),
     "ExoClick popunder tag (exoclick-zone 5884826)"),
    ("<script>var ad_idzone = '4187236', ad_popup_fallback = false;</script>"
     "<script src='https://a.pemsrv.com/popunder1000.js'></script>", "ExoClick popunder tag"),
    (_by_label("ExoClick", "popunder as saved: popunder1000.js#popmagicldr[data-exo-idzone]"),
     "ExoClick popunder tag (exoclick-zone 5884831)"),
    (_by_label("ExoClick", "NeverBlock popunder: ExoLoader.addZone({type: popunder})"),
     "ExoClick popunder tag (exoclick-zone 2344859)"),
    (_by_label("ExoClick", "first popunder: splash.php?idsite&idzone&login + exoclick_popunder()"),
     "ExoClick popunder tag (exoclick-zone 140008, exoclick-site 80986, exoclick-login "
     "gardenfan)"),
    (_by_label("ExoClick", "NeverBlock: ExoLoader.addZone({type: banner})"), None),
    (_by_label("ExoClick", "iframe tag: iframe.php?idzone=&size="), None),
    (_by_label("ExoClick", "video slider: ExoVideoSlider.init"), None),
    (_by_label("TrafficStars", "popunder: p.js[data-ts-spot]"),
     "TrafficStars popunder tag (trafficstars-spot 7c41e0b2d95f4a3e8b6d1f0a2c9e5b37)"),
    (_by_label("TrafficStars", "banner: bi.js[data-ts-spot]"), None),
    (_by_label("RichAds", "pops: richads-pu-ob.js[data-pubid][data-siteid]"),
     "RichAds popunder tag (richads-publisher 931547, richads-site 352018)"),
    (_by_label("RichAds", "push: rp-cl-ob.js?pubid&siteid&niche"), None),
    (_by_label("RichAds", "in-page push: richads-ob.js?pubid&siteid"), None),
    (_by_label("Adcash", "self-hosted aclib.js + runPop"),
     "Adcash popunder tag (adcash-zone 8bfa3tdnxe)"),
    (_by_label("Adcash", "anti-adblock library + runInPagePush"), None),
    (_by_label("Adcash", "aclib.js + runAutoTag"), None),
    (_by_label("AdMaven", "pop: <distribution>.cloudfront.net/?wbbcd=<zone>"),
     "AdMaven is a popunder network (admaven-zone 1372958)"),
    (_by_label("JuicyAds", "PopUnders v3: js.juicyads.com/jp.php?c="),
     "JuicyAds popunder tag (juicyads-pop 4475y2w3q254u4r2p2d4z2b4)"),
    (_by_label("JuicyAds", "v3: jads.js + ins + adsbyjuicy.push"), None),
    (_by_label("JuicyAds", "v2: adshow.php iframe"), None),
    (_by_label("Clickadu", "banner: /lv/esnk/<zone>/code.js"), None),
    # HilltopAds sells banners, video, in-page push and pops: its banner frame opens no
    # window (blind46h: a 300x250 frame was "HilltopAds is a popunder network"), its legacy
    # pop tag (`__htapop` and the /p?zoneId= script it writes) does; its current snippet is
    # one form for every format, the zone setting which, so it shows none
    ('<iframe src="https://hilltopads.net/ifr?zoneId=2211304-2211377" width="300" '
     'height="250" frameborder="0" scrolling="no"></iframe>', None),
    ('<iframe src="https://hilltopads.net/ifr?zoneId=2211304-2211377" width="300" '
     'height="250"></iframe><script>var __htapop = {window:{type:\'popup\'}}; '
     'var kq3v = "\\/\\/hilltopads.net\\/p?zoneId=2210588-2210649"; document.write('
     '"<script type=\\"text/javascript\\" src=\\""+kq3v+"\\"><\\/script>");</script>',
     "HilltopAds popunder tag (hilltopads-zone 2210588-2210649)"),
    (_by_label("HilltopAds", "any format: s.settings = … || {} loader"), None),
    (_by_label("Clickadu", "push / in-page: /pn07uscr/f/tr/zavbn/<zone>/lib.js"), None),
    # a network that sells only pops: any tag of it, with its IDs
    (_by_label("PopCash", "uid + wid + show.js"),
     "PopCash is a popunder network (popcash-uid 123456, popcash-site 654321)"),
    (_popads_current("430-139+629-794+5169238"),
     "PopAds is a popunder network (popads-site 5169364)"),
]


@pytest.mark.parametrize("html, said", POP_TAGS, ids=lambda v: str(v)[:60])
def test_a_pop_finding_needs_the_networks_pop_tag_and_names_its_zone(
        audit_tag: AuditTag, html: str, said: str | None) -> None:
    """A push, banner or in-page tag of a network that also sells pops opens no window: it
    was a medium `popunder` ("a click opens an ad window") on every such page. The finding
    now needs the tag form that is a pop, and says whose and which zone."""
    found = [f.message for f in audit_tag(html).findings if f.kind == "popunder"]
    if said is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(said + ":"), found


@pytest.mark.parametrize("html, slots", [
    # the site moved the link out of the frame's wrapper, right after it: still the unit's
    ("<div id='frame'><iframe data-aa='2368331' src='//ad.a-ads.com/2368331?size=728x90' "
     "style='width:728px; height:90px'></iframe></div><!-- ad --><a "
     "href='https://aads.com/campaigns/new/?source_id=2368331'>Advertise here</a>", 1),
    # the link alone, its unit gone: a hidden ad link, named by whose it points at
    ("<p>Sponsor this page:</p><a href='https://aads.com/campaigns/new/?source_id=2368332'>"
     "Advertise here</a>", 1),
    # beside a unit, a link naming another unit: that unit's, pasted here, its frame gone
    ("<div id='frame'><iframe data-aa='2368331' src='//ad.a-ads.com/2368331?size=728x90' "
     "style='width:728px; height:90px'></iframe><a href='https://aads.com/campaigns/new/?"
     "source_id=2368339&amp;source_type=ad_unit'>Advertise here</a></div>", 2),
])
def test_a_hidden_link_to_an_ad_network_is_that_networks(audit_tag: AuditTag, html: str,
                                                          slots: int) -> None:
    """A list hides A-ADS' "Advertise here" link wherever the site put it: beside its unit it
    is the unit (a second, unnamed slot before), alone it is a slot of the network it points
    at (unnamed before). The link names its unit (`source_id`): one naming another unit
    than the frame beside it is that unit's placement, not this one's."""
    report = audit_tag(html)
    assert [s.network for s in report.slots if s.kind == "ad"] == ["A-Ads"] * slots
    zones = {s.zone_id for s in report.slots if s.kind == "ad"}
    assert zones == {"2368331", "2368339"} if slots == 2 else len(zones) == 1


def test_one_exoclick_form_pasted_twice_is_two_units(audit_tag: AuditTag) -> None:
    """A banner tag and its NeverBlock twin for one zone are one unit; the same tag pasted
    twice writes its ad twice, two units."""
    tag = _by_label("ExoClick", "legacy ad_idzone + ads.js + noscript img-click fallback")
    _, slots, _ = observed(audit_tag(tag + tag), "ExoClick")
    assert slots == 2


def test_an_exoclick_twin_pair_then_its_form_pasted_again_is_two_units(
        audit_tag: AuditTag) -> None:
    """The ads.js tag and its NeverBlock twin are one unit; the NeverBlock tag pasted once
    more after the pair writes a second ad, a second unit (not a third form of the first)."""
    pair = _by_label("ExoClick", "legacy ads.js + its NeverBlock addZone twin")
    again = pair[pair.index("<script type=\"text/javascript\">ExoLoader"):]
    _, slots, _ = observed(audit_tag(pair + again), "ExoClick")
    assert slots == 2


@pytest.mark.parametrize("vendor, name, zone", [
    ("Coinzilla", "display.js + div.coinzilla[data-zone] + coinzilla_display.push",
     "415245a8c26c8245e2"),
    ("Bitmedia", "ins.bmadblock-<unit> + adbybm.js/<unit>", "6a1f0c2e9b3d7f5a1c2e4b60"),
    ("Onclicka", "onclicka.js[data-admpid] + div[data-banner-id]", "6059172"),
])
def test_a_units_slot_carries_its_zone(audit_tag: AuditTag, vendor: str, name: str,
                                       zone: str) -> None:
    """The report's slot names the unit it is, not only the page's IDs: Coinzilla's
    `data-zone="C-<zone>"` unit was a slot with no zone, though its zone was read."""
    report = audit_tag(_by_label(vendor, name))
    assert [(s.network, s.zone_id) for s in report.slots if s.kind == "ad"] == [(vendor, zone)]


@pytest.mark.parametrize("widget", [
    '<div class="poll-embed" data-siteid="770412" data-pubid="55190"></div>',
    '<script src="https://widgets.comments.example/embed.js" data-siteid="770412"></script>',
])
def test_another_widgets_site_attribute_is_no_richads_id(audit_tag: AuditTag,
                                                           widget: str) -> None:
    """RichAds' pops tag keeps its IDs in `data-pubid`/`data-siteid` of its own script;
    another widget's element beside its tag carries those names too, and was read as a
    second RichAds site (an ID that joins sites in bulk clusters)."""
    pops = _by_label("RichAds", "pops: richads-pu-ob.js[data-pubid][data-siteid]")
    _, _, ids = observed(audit_tag(pops + widget), "RichAds")
    assert ids == {("richads-publisher", "931547"), ("richads-site", "352018")}


@pytest.mark.parametrize("tag", [
    # WP Rocket's delayed JavaScript moves the src aside until the visitor interacts
    '<script data-rocket-src="https://richinfo.co/richpartners/pops/js/richads-pu-ob.js" '
    'data-pubid="931547" data-siteid="352018" async type="rocketlazyloadscript"></script>',
    # a consent manager's inert copy (Cookiebot's mark, the URL parked in data-src)
    '<script type="text/plain" data-cookieconsent="marketing" '
    'data-src="https://richinfo.co/richpartners/pops/js/richads-pu-ob.js" '
    'data-pubid="931547" data-siteid="352018" async></script>',
])
def test_a_parked_richads_tag_keeps_its_ids(audit_tag: AuditTag, tag: str) -> None:
    """The walk reads a tag's URL parked by a delay plugin or consent manager as its
    request, so the tag is RichAds' own: its `data-pubid`/`data-siteid` were read on its
    `src` only, and such a tag was RichAds with no publisher or site."""
    _, _, ids = observed(audit_tag(tag), "RichAds")
    assert ids == {("richads-publisher", "931547"), ("richads-site", "352018")}


@pytest.mark.parametrize("frame", [
    '<iframe src="https://a.magsrv.com/iframe.php?idzone=5884832&size=300x250" width="0" '
    'height="0"></iframe>',
    '<iframe src="https://a.magsrv.com/iframe.php?idzone=5884832&size=300x250" width="1" '
    'height="1"></iframe>',
    '<iframe src="https://a.magsrv.com/iframe.php?idzone=5884832&size=300x250" width="300" '
    'height="250" style="display:none"></iframe>',
])
def test_a_hidden_exoclick_frame_is_no_placement(audit_tag: AuditTag, frame: str) -> None:
    """ExoClick's iframe tag is its unit where it shows; the same address in a zero-size or
    display-hidden frame places no ad (a pop's or a sync's frame, `hidden-iframe`'s to
    judge), though its zone is still read."""
    names, slots, ids = observed(audit_tag(frame), "ExoClick")
    assert (slots, "ExoClick" in names, ("exoclick-zone", "5884832") in ids) == (0, True, True)


def test_a_shown_exoclick_frame_styled_with_a_display_is_a_placement(
        audit_tag: AuditTag) -> None:
    """A frame the site styles to show (`display:block; margin:0 auto`, a centred unit) is
    the unit all the same: any `display` in its style excluded it."""
    frame = ('<iframe src="https://a.magsrv.com/iframe.php?idzone=5884832&size=300x250" '
             'width="300" height="250" style="display:block;margin:0 auto" frameborder="0">'
             '</iframe>')
    _, slots, ids = observed(audit_tag(frame), "ExoClick")
    assert (slots, ("exoclick-zone", "5884832") in ids) == (1, True)


_ADREACTOR_LINK = ('<a class="btn" href="https://adserver.adreactor.com/servlet/view/window/url/'
                   'zone?zid=40&amp;pid=5127" rel="nofollow">FAST DOWNLOAD</a>')
_ADVERTSERVE_OWN = ("<script>var _avp = _avp || [];(function(){var s=document.createElement("
                    "'script');s.src='//gardenads.advertserve.com/js/libcode3.js';document."
                    "head.appendChild(s);})();</script>")


@pytest.mark.parametrize(("what", "page", "expected"), [
    # rev45b: its click link alone, beside another AdvertServe server's unit (that server
    # loaded, or its call alone): the call's pid and zid are that server's, not AdReactor's
    ("its link beside another AdvertServe server's unit", _ADREACTOR_LINK + _ADVERTSERVE_OWN
     + _adreactor_unit("avp_zid_77", 77, 9931), {("adreactor-publisher", "5127"),
                                                  ("adreactor-zone", "40")}),
    ("its link beside an AdvertServe call alone", _ADREACTOR_LINK
     + _adreactor_unit("avp_zid_77", 77, 9931), {("adreactor-publisher", "5127"),
                                                 ("adreactor-zone", "40")}),
    # its loader on the page: the call is its own, read as before
    ("its link and its loader", _ADREACTOR_LINK + _ADREACTOR_LOADER
     + _adreactor_unit("avp_zid_77", 77, 9931), {("adreactor-publisher", "5127"),
                                                 ("adreactor-zone", "40"),
                                                 ("adreactor-publisher", "9931"),
                                                 ("adreactor-zone", "77")}),
], ids=["other-server", "call-alone", "loaded"])
def test_a_network_only_a_link_shows_reads_no_ids_in_the_pages_code(
        audit_tag: AuditTag, what: str, page: str, expected: set[tuple[str, str]]) -> None:
    """A network a link alone shows runs no code of the page: its script patterns read
    nothing there (its markup patterns, the link's own pid and zid, still do)."""
    report = audit_tag(page)
    assert {(i.kind, i.value) for i in report.ids if i.kind.startswith("adreactor-")} \
        == expected, report.ids


def test_a_platform_loaded_from_its_own_host_keeps_its_name(audit_tag: AuditTag) -> None:
    """AdvertServe's call is AdReactor's on a page loading AdReactor's libcode3.js alone;
    a page loading AdvertServe's own server's too runs both, each named."""
    report = audit_tag(_ADREACTOR_LOADER + _adreactor_unit("avp_zid_15", 15, 5127))
    assert {n.network for n in report.networks} == {"AdReactor"}
    assert [s.network for s in report.slots if s.kind == "ad"] == ["AdReactor"]
    own = ("<script>var _avp = _avp || [];(function(){var s=document.createElement('script');"
           "s.src='//gardenads.advertserve.com/js/libcode3.js';document.head.appendChild(s);"
           "})();</script>")
    report = audit_tag(own + _ADREACTOR_LOADER + _adreactor_unit("avp_zid_15", 15, 5127))
    assert {n.network for n in report.networks} == {"AdReactor", "AdvertServe"}
