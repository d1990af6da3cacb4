"""A realistic, reproducible request set for benchmarking filter engines.

Each page of a made-up site (news site, WordPress blog, shop, a throwaway ad-farm
domain) loads what such pages load in the wild: its own CSS/JS/images/XHR, common
CDNs and fonts, and third-party ad, analytics, tag-manager, social and consent
resources, written with the URL shapes those services use (script paths, pixel
query strings, container IDs). Hosts and paths were written by hand from how the
services document their embed snippets; nothing is taken from any filter list.

`python bench/urlset.py [N]` prints N tab-separated (url, source_url, type) lines.
"""

from __future__ import annotations

import random
import string
import sys

SITES = [
    "https://www.dailynewsroom.com/{y}/{m}/{slug}.html",
    "https://blog.example-cooking.net/{slug}/",
    "https://8657085.xyz/?p={n}",
    "https://www.shopmart-online.co.uk/product/{slug}-{n}",
    "https://techreview.io/articles/{slug}",
    "https://forum.gamerhub.de/thread/{n}-{slug}",
    "https://www.lokalzeitung.de/region/{slug}-{n}.html",
    "https://streamfree-hd.to/watch/{slug}",
    "https://m.tabloidtoday.co.uk/news/{slug}-{n}",
    "https://recipes.wordpress-site.org/?p={n}",
    "https://www.autotrader-clone.com/cars/{slug}",
    "https://weatherlocal.com/forecast/{slug}",
]

# (type, url template, weight). {fp} = the page's own origin.
THIRD_PARTY = [
    ("script", "https://www.googletagmanager.com/gtm.js?id=GTM-{ID6}", 5),
    ("script", "https://www.googletagmanager.com/gtag/js?id=G-{ID10}", 5),
    ("script", "https://www.google-analytics.com/analytics.js", 3),
    (
        "ping",
        "https://www.google-analytics.com/g/collect?v=2&tid=G-{ID10}&cid={n}.{n}&en=page_view",
        3,
    ),
    ("image", "https://www.google-analytics.com/collect?v=1&t=pageview&tid=UA-{n}-1&cid={n}", 2),
    (
        "script",
        "https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-{n16}",
        5,
    ),
    (
        "subdocument",
        "https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-{n16}&format=300x250&output=html",
        3,
    ),
    ("script", "https://securepubads.g.doubleclick.net/tag/js/gpt.js", 4),
    (
        "xmlhttprequest",
        "https://securepubads.g.doubleclick.net/gampad/ads?iu=/{n}/{slug}&sz=728x90&correlator={n}",
        3,
    ),
    ("image", "https://tpc.googlesyndication.com/simgad/{n}", 2),
    ("script", "https://c.amazon-adsystem.com/aax2/apstag.js", 2),
    ("script", "https://connect.facebook.net/en_US/fbevents.js", 4),
    ("image", "https://www.facebook.com/tr?id={n}&ev=PageView&noscript=1", 3),
    ("script", "https://connect.facebook.net/en_US/sdk.js#xfbml=1&version=v18.0", 1),
    ("script", "https://a.magsrv.com/ad-provider.js", 3),
    ("subdocument", "https://syndication.exoclick.com/splash.php?idzone={n}&type=8", 2),
    ("script", "https://a.realsrv.com/popunder1000.js", 1),
    ("script", "https://static.hotjar.com/c/hotjar-{n}.js?sv=6", 2),
    ("script", "https://www.clarity.ms/tag/{id8}", 2),
    ("script", "https://cdn.taboola.com/libtrc/{slug}/loader.js", 2),
    ("script", "https://widgets.outbrain.com/outbrain.js", 2),
    ("image", "https://trc.taboola.com/{slug}/log/3/available?route=AM:AM:V&tim={n}", 1),
    ("script", "https://bat.bing.com/bat.js", 2),
    ("script", "https://snap.licdn.com/li.lms-analytics/insight.min.js", 1),
    ("script", "https://js.hs-scripts.com/{n}.js", 1),
    ("script", "https://cdn.segment.com/analytics.js/v1/{id8}/analytics.min.js", 1),
    ("script", "https://sb.scorecardresearch.com/beacon.js", 1),
    ("image", "https://sb.scorecardresearch.com/p?c1=2&c2={n}&cv=3.6&cj=1", 1),
    ("script", "https://cdn.onesignal.com/sdks/OneSignalSDK.js", 1),
    ("script", "https://mc.yandex.ru/metrika/tag.js", 1),
    ("image", "https://mc.yandex.ru/watch/{n}", 1),
    ("script", "https://cdn.cookielaw.org/scripttemplates/otSDKStub.js", 2),
    ("script", "https://consent.cookiebot.com/uc.js", 1),
    ("script", "https://tags.tiqcdn.com/utag/{slug}/main/prod/utag.js", 1),
    ("xmlhttprequest", "https://ib.adnxs.com/ut/v3/prebid", 2),
    ("script", "https://acdn.adnxs.com/prebid/not-for-prod/prebid.js", 1),
    ("xmlhttprequest", "https://hbopenbid.pubmatic.com/translator?source=prebid-client", 1),
    ("image", "https://ads.pubmatic.com/AdServer/js/user_sync.html?p={n}", 1),
    ("subdocument", "https://eus.rubiconproject.com/usync.html?p={slug}", 1),
    ("script", "https://static.criteo.net/js/ld/publishertag.js", 1),
    ("xmlhttprequest", "https://bidder.criteo.com/cdb?ptv=2&profileId=207&cb={n}", 1),
    ("script", "https://cdn.ampproject.org/v0.js", 1),
    ("script", "https://platform.twitter.com/widgets.js", 2),
    ("subdocument", "https://www.youtube.com/embed/{id8}?rel=0", 2),
    ("script", "https://www.youtube.com/iframe_api", 1),
    ("script", "https://s.ytimg.com/yts/jsbin/www-widgetapi.js", 1),
    ("script", "https://stats.wp.com/e-{n}.js", 2),
    ("image", "https://pixel.wp.com/g.gif?v=ext&blog={n}&post={n}", 1),
    ("image", "https://i0.wp.com/{fphost}/wp-content/uploads/2024/05/{slug}.jpg?w=1200&ssl=1", 2),
    ("script", "https://cdn.jsdelivr.net/npm/jquery@3.7.1/dist/jquery.min.js", 3),
    ("script", "https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.21/lodash.min.js", 2),
    ("script", "https://ajax.googleapis.com/ajax/libs/jquery/3.6.0/jquery.min.js", 2),
    ("stylesheet", "https://fonts.googleapis.com/css2?family=Roboto:wght@400;700&display=swap", 4),
    ("font", "https://fonts.gstatic.com/s/roboto/v30/KFOmCnqEu92Fr1Mu4mxK.woff2", 3),
    ("script", "https://www.gstatic.com/recaptcha/releases/{id8}/recaptcha__en.js", 1),
    ("script", "https://unpkg.com/swiper@11/swiper-bundle.min.js", 1),
    ("script", "https://code.jquery.com/jquery-3.7.1.min.js", 1),
    ("image", "https://secure.gravatar.com/avatar/{hex32}?s=96&d=mm&r=g", 2),
    ("script", "https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js", 1),
    ("xmlhttprequest", "https://api-js.mixpanel.com/track/?verbose=1&ip=1&_={n}", 1),
    ("script", "https://cdn.heapanalytics.com/js/heap-{n}.js", 1),
    ("script", "https://script.crazyegg.com/pages/scripts/{n}/{n}.js", 1),
    ("script", "https://js-agent.newrelic.com/nr-spa-1.252.0.min.js", 1),
    ("xmlhttprequest", "https://bam.nr-data.net/1/{id8}?a={n}&v=1.252.0", 1),
    ("script", "https://browser.sentry-cdn.com/7.80.0/bundle.min.js", 1),
    ("script", "https://s7.addthis.com/js/300/addthis_widget.js#pubid=ra-{id8}", 1),
    ("script", "https://platform-api.sharethis.com/js/sharethis.js#property={id8}", 1),
    ("image", "https://ad.doubleclick.net/ddm/activity/src={n};type=invmedia;cat={id8};ord={n}", 1),
    ("script", "https://cdn.adsafeprotected.com/iasPET.1.js", 1),
    ("script", "https://z.moatads.com/{slug}/moatad.js", 1),
    ("script", "https://www.dianomi.com/js/contextfeed.js", 1),
    ("script", "https://cdn.popcash.net/show.js", 1),
    ("script", "https://propellerads.com/tag.min.js", 1),
    ("script", "https://ads.adfox.ru/{n}/prepareCode?pp=g&ps=bkqy", 1),
    ("image", "https://counter.yadro.ru/hit?t44.6;r;s1920*1080*24;u{fphost};{n}", 1),
    ("script", "https://widget.trustpilot.com/bootstrap/v5/tp.widget.bootstrap.min.js", 1),
    ("script", "https://js.stripe.com/v3/", 1),
    ("script", "https://www.paypal.com/sdk/js?client-id={id8}", 1),
    ("media", "https://video.vidcdn-stream.net/hls/{id8}/index.m3u8", 1),
    ("websocket", "wss://realtime.chatservice.io/socket?token={id8}", 1),
    ("script", "https://cdn.intergient.com/{n}/{n}/ramp.js", 1),
    ("script", "https://cdn.adpushup.com/{n}/adpushup.js", 1),
    ("script", "https://cdn.vox-cdn.com/packs/js/concert_ads-{hex8}.js", 1),
    ("image", "https://sync.outbrain.com/cookie-sync?p={slug}&uid={n}", 1),
]

FIRST_PARTY = [
    ("stylesheet", "{fp}/wp-content/themes/{slug}/style.css?ver=6.4.3", 3),
    ("script", "{fp}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1", 3),
    ("script", "{fp}/wp-content/plugins/{slug}/assets/js/frontend.min.js?ver=2.1.{d}", 3),
    ("image", "{fp}/wp-content/uploads/2024/0{d}/{slug}-1024x576.jpg", 5),
    ("image", "{fp}/images/logo.svg", 2),
    ("script", "{fp}/static/js/main.{hex8}.chunk.js", 3),
    ("stylesheet", "{fp}/static/css/main.{hex8}.css", 2),
    ("xmlhttprequest", "{fp}/api/v1/comments?post={n}&page=1", 2),
    ("xmlhttprequest", "{fp}/wp-json/wp/v2/posts/{n}", 1),
    ("xmlhttprequest", "{fp}/wp-admin/admin-ajax.php?action=load_more&page={d}", 1),
    ("font", "{fp}/fonts/opensans-regular.woff2", 1),
    ("image", "{fp}/images/ads/banner-300x250.gif", 1),
    ("script", "{fp}/js/ads.js", 1),
    ("script", "{fp}/js/prebid-config.js", 1),
    ("image", "{fp}/track/pixel.gif?uid={n}&ev=view", 1),
    ("script", "{fp}/assets/analytics.js", 1),
    ("subdocument", "{fp}/embed/{slug}", 1),
    ("image", "{fp}/media/{slug}/thumb_{n}.webp", 3),
    ("other", "{fp}/favicon.ico", 1),
    ("script", "{fp}/advertisement/loader.js?zone={n}", 1),
    ("image", "{fp}/adserver/www/delivery/avw.php?zoneid={n}&n={hex8}", 1),
    ("xmlhttprequest", "{fp}/cdn-cgi/rum?", 1),
    ("script", "{fp}/cdn-cgi/scripts/5c5dd728/cloudflare-static/email-decode.min.js", 1),
]

WORDS = (
    "summer budget election recipe garden football review guide travel market city "
    "storm crypto phone health music movie space science school police energy"
).split()


def _slug(rnd: random.Random) -> str:
    return "-".join(rnd.sample(WORDS, rnd.randint(1, 3)))


def _fill(tpl: str, rnd: random.Random, fp: str) -> str:
    alnum = string.ascii_uppercase + string.digits
    hexd = "0123456789abcdef"
    return tpl.format(
        fp=fp,
        fphost=fp.partition("//")[2],
        slug=_slug(rnd),
        n=rnd.randint(1000, 99_999_999),
        n16="".join(rnd.choice(string.digits) for _ in range(16)),
        d=rnd.randint(1, 9),
        y=rnd.randint(2019, 2024),
        m=f"{rnd.randint(1, 12):02d}",
        ID6="".join(rnd.choice(alnum) for _ in range(6)),
        ID10="".join(rnd.choice(alnum) for _ in range(10)),
        id8="".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(8)),
        hex8="".join(rnd.choice(hexd) for _ in range(8)),
        hex32="".join(rnd.choice(hexd) for _ in range(32)),
    )


def generate(n: int = 5000, seed: int = 20240501) -> list[tuple[str, str, str]]:
    """`n` (url, source_url, type) requests: ~55% third-party, the rest first-party."""
    rnd = random.Random(seed)
    tp_w = [w for _, _, w in THIRD_PARTY]
    fp_w = [w for _, _, w in FIRST_PARTY]
    out: list[tuple[str, str, str]] = []
    while len(out) < n:
        page = _fill(rnd.choice(SITES), rnd, "")
        origin = page.split("/", 3)
        fp = "/".join(origin[:3])
        for _ in range(rnd.randint(20, 80)):
            if rnd.random() < 0.55:
                typ, tpl, _ = rnd.choices(THIRD_PARTY, tp_w)[0]
            else:
                typ, tpl, _ = rnd.choices(FIRST_PARTY, fp_w)[0]
            out.append((_fill(tpl, rnd, fp), page, typ))
            if len(out) >= n:
                break
    return out


if __name__ == "__main__":
    for url, src, typ in generate(int(sys.argv[1]) if len(sys.argv) > 1 else 5000):
        print(f"{url}\t{src}\t{typ}")


_TYPES = (
    "script",
    "image",
    "stylesheet",
    "subdocument",
    "xmlhttprequest",
    "media",
    "font",
    "ping",
    "websocket",
    "object",
    "other",
)


def rule_derived(list_texts: list[str], n: int = 5000, seed: int = 7) -> list[tuple[str, str, str]]:
    """Requests built from the lists' own network patterns: adversarial, for differential tests.

    Each sampled filter yields one URL its pattern should match (wildcards filled,
    separators made `/`), a source page on one of its `$domain=` hosts when it has
    some, and one of its types; half the time the type or party is flipped so
    options are exercised on both sides.
    """
    rnd = random.Random(seed)
    rules = [
        line.strip()
        for text in list_texts
        for line in text.splitlines()
        if line.strip()
        and line[0] not in "!["
        and "##" not in line
        and "#@#" not in line
        and "#?#" not in line
        and "#$#" not in line
        and not line.startswith("/")
    ]
    out: list[tuple[str, str, str]] = []
    for rule in rnd.sample(rules, min(n, len(rules))):
        body = rule[2:] if rule.startswith("@@") else rule
        pattern, _, opts = body.partition("$")
        fill = _slug(rnd).replace("-", "")
        core = pattern.replace("^", "/").replace("*", fill).rstrip("|")
        if core.startswith("||"):
            url = "https://" + core[2:]
            if "/" not in core[2:]:
                url += "/" + fill + ".js"
        elif core.startswith("|"):
            url = core[1:] if "://" in core else "https://" + core[1:]
        else:
            url = "https://site-" + fill + ".test" + ("" if core.startswith("/") else "/x") + core
        typ = rnd.choice(_TYPES)
        src = _fill(rnd.choice(SITES), rnd, "")
        for opt in opts.split(","):
            name, _, value = opt.partition("=")
            if name in _TYPES and rnd.random() < 0.7:
                typ = name
            elif name in ("domain", "from"):
                doms = [d for d in value.split("|") if d and not d.startswith("~")]
                if doms and rnd.random() < 0.7:
                    d = rnd.choice(doms).replace("*", "com")
                    src = f"https://{d}/page"
            elif name in ("~third-party", "first-party", "1p") and rnd.random() < 0.7:
                host = url.split("/")[2] if "//" in url else "site.test"
                src = f"https://{host}/page"
        out.append((url, src, typ))
    return out
