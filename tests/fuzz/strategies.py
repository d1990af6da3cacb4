"""What the fuzz properties draw: hostile text and URLs, HTML pages, filter rules, and
inputs of every kind the readers take, built valid from generated records and then
damaged (cut, spliced, bytes flipped, lengths lied about).

Near-valid inputs reach the code that random bytes never do (a WARC record's body, a tar
member, a zip entry); the damage then lands where parsers trust what they read.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import re
import struct
import tarfile
from dataclasses import dataclass

from archive_fixtures import Rec, tar_bytes, wacz_bytes, warc_bytes, zip_bytes
from hypothesis import strategies as st

from auditor.readers.decode import ENCODING_LABELS
from auditor.rules.parse import PROCEDURAL_OPS

# -- text ------------------------------------------------------------------------------

# Characters that broke, or could break, a reader, a query or an output: NUL, ESC and the
# C0/C1 controls, line and paragraph separators, bidi overrides, BOMs, the replacement
# character, astral and combining characters.
SPECIAL = ("\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1b[2J", "\x7f", "\x85", "\u2028",
           "\u2029", "\u202e", "\u200b", "\ufeff", "\ufffd", "\U0001f600", "e\u0301", "\r",
           "\n", "\t", " ", "<", ">", "&", '"', "'", "`", "\\", "/", "%", "#", "?", "=", "{",
           "}", "[", "]", "(", ")", "*", "|", "$", "@", "!", "~", "^", ",", ";", ":")

special_char = st.sampled_from(SPECIAL)
hostile_text = st.lists(st.one_of(special_char, st.text(max_size=6)), max_size=8).map("".join)
# text as JSON can hand it over: lone surrogates too (`"\ud800"` is valid JSON)
surrogate_text = st.lists(st.one_of(special_char, st.text(max_size=6),
                                    st.characters(categories=["Cs"])), max_size=8).map("".join)
# text a well-formed page may carry (titles, words): no markup, no controls
plain_text = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"]),
                     max_size=20)

# -- URLs ------------------------------------------------------------------------------

_LABELS = ("ads", "ad", "track", "cdn", "www", "static", "a", "b", "x1", "pixel",
           "doubleclick", "googlesyndication", "magsrv", "jads", "xn--80ak6aa92e")
label = st.one_of(st.sampled_from(_LABELS),
                  st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1,
                          max_size=8))
_TLDS = ("test", "com", "net", "co.uk", "xyz", "example", "io")
plain_host = st.builds(lambda labels, tld: ".".join([*labels, tld]),
                       st.lists(label, min_size=1, max_size=3), st.sampled_from(_TLDS))
# hosts the catalogue and the lists know, and hosts that once broke a parser
KNOWN_HOSTS = ("a.magsrv.com", "poweredby.jads.co", "pagead2.googlesyndication.com",
               "www.googletagmanager.com", "connect.facebook.net", "www.google-analytics.com",
               "securepubads.g.doubleclick.net", "static.doubleclick.net")
WEIRD_HOSTS = ("[::1", "[::1]", "[fe80::1%25eth0]", "127.0.0.1", "0x7f.1", "例え.テスト",
               "a..b", "", ".", "xn--", "h:99999999999999999999", "h:-1", "u:p@h.test",
               "%41.test", "a\x00b.test", "a b.test", "a\u2028b.test", "A.MagSrv.COM.",
               "a" * 70 + ".test")
# the few hosts generated rules name and generated requests and pages use, so they meet
RULE_HOSTS = ("ads.test", "track.test", "cdn.ads.test", "x.test", "a.magsrv.com",
              "www.googletagmanager.com")
rule_host = st.sampled_from(RULE_HOSTS)
host = st.one_of(rule_host, plain_host, st.sampled_from(KNOWN_HOSTS), st.sampled_from(WEIRD_HOSTS))
_SCHEMES = ("https://", "http://", "//", "", "ws://", "wss://", "javascript:", "data:text/html,",
            "about:blank#", "blob:https://", "file:///", " https://", "HTTPS://", "ftp://",
            "http:/", "https:\\\\", "\x01https://")
_PATH_PARTS = ("ad", "ads", "banner", "js", "adsbygoogle.js", "ad-provider.js", "pixel.gif",
               "tr", "gtm.js", "gpt.js", "?id=1", "&x=http://e.test/", "#frag", "%00", "..",
               "//", "\\", "300x250", "pagead/js", "?client=ca-pub-1234567890123456",
               "?id=GTM-ABC123", "ad.html", "x.css", "x.mp4", ";", ",", " ")
path_part = st.one_of(st.sampled_from(_PATH_PARTS), special_char,
                      st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.-_", max_size=6))
url = st.builds(lambda scheme, h, parts: scheme + h + "/" + "/".join(parts),
                st.sampled_from(_SCHEMES), host, st.lists(path_part, max_size=5))
http_url = st.builds(lambda s, h, parts: s + h + "/" + "/".join(parts),
                     st.sampled_from(("https://", "http://")), st.one_of(rule_host, plain_host),
                     st.lists(st.sampled_from(_PATH_PARTS[:12]), max_size=3))

# -- HTML ------------------------------------------------------------------------------

TAGS = ("script", "iframe", "frame", "img", "link", "source", "picture", "video", "audio",
        "track", "embed", "object", "meta", "base", "a", "input", "ins", "div", "span", "p",
        "body", "table", "td", "noscript", "template", "svg", "math", "style", "title",
        "head", "html", "form", "textarea", "center", "article", "aside", "section", "amp-ad",
        "x:y", "foo-bar", "!--", "?php", "h1", "ul", "li", "br", "button", "select")
ATTRS = ("src", "href", "srcset", "data-src", "data-srcset", "data-lazy-src", "data-original",
         "style", "id", "class", "rel", "as", "type", "charset", "http-equiv", "content",
         "name", "property", "ping", "poster", "background", "srcdoc", "width", "height",
         "data-zoneid", "data-ad-client", "data-ad-slot", "data-ad-format", "onclick",
         "onload", "action", "target", "hidden", "aria-hidden", "data", "xmlns", "lang")
_ATTR_VALUES = ("refresh", "0;url=https://r.test/", "5; URL='//ads.test/x'", "stylesheet",
                "preload", "prefetch", "dns-prefetch", "canonical", "icon", "image", "script",
                "font", "text/javascript", "application/ld+json", "module", "display:none",
                "visibility:hidden", "background:url(//ads.test/x.png)", "width:0;height:0",
                "1", "0", "300", "250", "-1", "99999999999999999999", "og:url", "og:title",
                "adsbygoogle", "eas6a97888e2", "ca-pub-1234567890123456", "5876674",
                "div-gpt-ad-123\x01", "GTM-ABC123", "UA-12345-1", "G-ABCDEF1234", "auto", "")
attr_value = st.one_of(url, hostile_text, st.sampled_from(_ATTR_VALUES),
                       st.sampled_from(sorted(ENCODING_LABELS)))
attr_name = st.one_of(st.sampled_from(ATTRS), st.text(alphabet="abcdefghijklmnopqrstuvwxyz-:",
                                                      min_size=1, max_size=8))

# Script bodies: the loaders and slot pushes the audit reads statically, with a URL in them.
_SCRIPTS = (
    "document.write('<script src=\"{u}\"></scr'+'ipt>');",
    "var s=document.createElement('script');s.src='{u}';document.head.appendChild(s);",
    "new Image().src=\"{u}\";",
    "fetch('{u}');",
    "window.location.href='{u}';",
    "location.replace(\"{u}\")",
    "(adsbygoogle = window.adsbygoogle || []).push({{}});",
    "(AdProvider = window.AdProvider || []).push({{'serve': {{}}}});",
    "googletag.defineSlot('/1234/{t}', [300, 250], 'div-gpt-ad-{t}')"
    ".addService(googletag.pubads());",
    "(function(w,d,s,l,i){{j.src='https://www.googletagmanager.com/gtm.js?id='+i;}})"
    "(window,document,'script','dataLayer','GTM-{t}');",
    "gtag('config', 'G-{t}');",
    "eval(atob('{b}'));",
    "var u=String.fromCharCode({c});",
    "var x='\\x68\\x74\\x74\\x70\\x73\\x3a\\x2f\\x2f{t}';",
    "{t}",
)


@st.composite
def script_body(draw: st.DrawFn) -> str:
    """An inline script that loads, writes or navigates to a URL, plainly or encoded."""
    template = draw(st.sampled_from(_SCRIPTS))
    u = draw(url)
    t = draw(hostile_text)
    b = base64.b64encode(f"document.write('<script src=\"{u}\">')".encode()).decode()
    c = ",".join(str(ord(ch)) for ch in u[:40])
    return template.format(u=u, t=t, b=b, c=c)


@st.composite
def attributes(draw: st.DrawFn) -> str:
    """Attributes of every kind, quoted every way (unescaped quotes included)."""
    names = draw(st.lists(attr_name, max_size=5))
    out = []
    for name in names:
        value = draw(script_body()) if name.startswith("on") else draw(attr_value)
        if name == "srcdoc":
            value = draw(st.sampled_from(["<script src='//a.magsrv.com/ad-provider.js'>"
                                          "</script>", "<iframe srcdoc=\"<img src=//t.test/p>\">",
                                          value]))
        quote = draw(st.sampled_from(['"', "'", "", '"raw']))
        if quote == '"':
            out.append(f' {name}="{html.escape(value)}"')
        elif quote == "'":
            out.append(f" {name}='{value}'")
        elif quote == "":
            out.append(f" {name}={value.replace(' ', '')}")
        else:
            out.append(f' {name}="{value}"')  # unescaped: the quote may end it early
    return "".join(out)


@st.composite
def element(draw: st.DrawFn, children: st.SearchStrategy[list[str]]) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(attributes())
    if tag == "!--":
        return f"<!--{draw(hostile_text)}{draw(st.sampled_from(['-->', '--!>', '']))}"
    if tag == "script":
        body = draw(script_body())
        return f"<script{attrs}>{body}{draw(st.sampled_from(['</script>', '']))}"
    inner = "".join(draw(children))
    close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag.upper()}>", "</>"]))
    return f"<{tag}{attrs}>{inner}{close}"


# markup the catalogue, EasyList and the generated cosmetic rules look for
AD_MARKUP = (
    '<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-1234567890123456" '
    'data-ad-slot="1234567890"></ins>',
    "<ins class='eas6a97888e2' data-zoneid='5876674'></ins>",
    "<ins id='1045223' data-width='300' data-height='250'></ins>",
    '<div id="ad">Sponsored</div>', '<div class="ad banner"><a href="https://ads.test/c">'
    "Advertisement</a></div>", '<div id="div-gpt-ad-1"></div>',
    '<iframe src="//ads.test/frame.html" width="300" height="250"></iframe>',
    '<img src="https://track.test/pixel.gif" width="1" height="1">',
    '<script async src="https://a.magsrv.com/ad-provider.js"></script>',
    '<a href="https://x.test/ads/"><img src="//cdn.ads.test/banner.gif"></a>',
    "<aside><p>Sponsored</p><p>Recommended for you</p></aside>",
)
# markup a page names other URLs in, which the scorecard, provenance and the page URL
# read (a canonical or rel=next of `http://[x/` once failed a whole audit)
_URL_SIGNALS = (
    '<link rel="canonical" href="{u}">', '<link rel="next" href="{u}">',
    '<meta property="og:url" content="{u}">', '<meta http-equiv="refresh" content="5;url={u}">',
    '<meta name="author" content="{u}">', '<base href="{u}">',
    '<p>Source: <a href="{u}">the original</a></p>', '<a rel="next" href="{u}">Next</a>',
    '<article><p>By <a href="{u}" rel="author">{u}</a></p><p>Words.</p></article>',
    '<script type="application/ld+json">{{"isBasedOn": "{u}", "author": {{"url": "{u}"}}}}'
    "</script>",
)
_UNSPLITTABLE = ("http://[x/?utm_source=taboola", "https://[::1/2026/story-slug/2",
                 "//[q/a?gclid=1", "http://[fe80::1%25/x?page=2", "https://a.test]/p?x=1")
url_signal = st.builds(lambda template, u: template.format(u=html.escape(u)),
                       st.sampled_from(_URL_SIGNALS),
                       st.one_of(url, st.sampled_from(_UNSPLITTABLE)))
leaf = st.one_of(plain_text, hostile_text.map(html.escape), hostile_text,
                 st.sampled_from(AD_MARKUP), url_signal,
                 st.sampled_from(["&amp;", "&#0;", "&#x1b;", "&#xd800;", "&nbsp;", "&lt;",
                                  "&#99999999;", "<![CDATA[x]]>", "<?xml version='1.0'?>"]))
fragment = st.recursive(leaf.map(lambda s: [s]),
                        lambda kids: st.lists(st.one_of(leaf, element(kids)), max_size=5),
                        max_leaves=25).map(lambda parts: "".join(parts))

_CHARSETS = ("utf-8", "utf-16", "UTF-16LE", "latin1", "windows-1252", "shift_jis", "koi8-r",
             "cp037", "undefined", "x-user-defined", "iso-2022-jp", "gb18030", "", '"utf-8')


@st.composite
def html_page(draw: st.DrawFn) -> str:
    """A page: doctype, a charset declaration, head and body of generated markup, or only a
    fragment (a post body)."""
    body = draw(fragment)
    if draw(st.booleans()):
        return body
    charset = draw(st.one_of(st.sampled_from(_CHARSETS), st.sampled_from(sorted(ENCODING_LABELS))))
    meta = draw(st.sampled_from([f'<meta charset="{charset}">',
                                 f'<meta http-equiv="Content-Type" content="text/html; '
                                 f'charset={charset}">', ""]))
    head = draw(fragment)
    doctype = draw(st.sampled_from(["<!DOCTYPE html>", "", "<?xml version='1.0' encoding='"
                                    f"{charset}'?>"]))
    return (f"{doctype}<html><head>{meta}<title>{draw(hostile_text)}</title>{head}</head>"
            f"<body>{body}</body></html>")


@st.composite
def ad_page(draw: st.DrawFn) -> str:
    """A generated page with ad markup put in among its own (after `</html>` too: the
    parser moves it into the body, as browsers do)."""
    parts = [draw(html_page()), *draw(st.lists(st.sampled_from(AD_MARKUP), min_size=1,
                                                max_size=5))]
    return "".join(draw(st.permutations(parts)))


_CODECS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "shift_jis",
           "iso2022_jp", "koi8-r", "gb18030", "cp037")


@st.composite
def page_bytes(draw: st.DrawFn) -> bytes:
    """A generated page as bytes on disk: in some codec, perhaps with NULs or stray bytes."""
    text = draw(st.one_of(html_page(), ad_page()))
    data = text.encode(draw(st.sampled_from(_CODECS)), "replace")
    return draw(damaged(data)) if draw(st.integers(0, 3)) == 0 else data


# -- filter rules ----------------------------------------------------------------------

# Most generated rules are well formed, so that they meet the generated requests and pages
# (and their exceptions meet them too); one in four is mangled, where parsers break.
_PATH_WORDS = ("ads", "ad", "banner", "track", "pixel", "js", "pixel.gif", "ad-provider.js",
               "frame.html", "c", "*", "ads/", "-ad-", "_ad_", "?id=", "&ad=")
_PATTERN_JUNK = (".", "/", "*", "^", "?", "=", "&", "-", "_", "|", "$", "#", "@", "%", "~",
                 "\\", "[", "]", "(", ")", ",", " ")
_REGEX_PARTS = ("a", "ad", "(", ")", "[a-z]", "[^/]", "+", "*", "?", "{2,5}", "{999999999}",
                "\\d", "\\.", "\\/", "^", "$", "|", "(?=x)", "(?<=x)", "\\1", "(?:", "(?i)",
                ".*", "[", "]", "{", "}", "\\", "/", "ads\\.test", "pixel")
_OPTIONS = ("third-party", "3p", "~third-party", "1p", "first-party", "strict3p", "script",
            "~script", "image", "~image", "xhr", "stylesheet", "subdocument", "frame", "ping",
            "media", "font", "popup", "document", "doc", "all", "other", "websocket",
            "important", "badfilter", "match-case", "~match-case", "generichide", "elemhide",
            "specifichide", "redirect=noop.js", "redirect-rule=noop.js", "csp=script-src 'none'",
            "removeparam=utm", "method=get", "method=post|~get", "sitekey=abc", "empty", "mp4",
            "header=x", "rewrite=abp-resource:blank-js", "inline-script", "cname", "app=x",
            "unknownoption", "")
_VALUED = ("domain", "from", "to", "denyallow")
_ODD_DOMAINS = ("google.*", "~x.test", "*", "/re/", "", "~", "~~a.test", "例え.テスト", "a\\,b",
                "ads.*", "~a.magsrv.com")


def mangled() -> st.SearchStrategy[bool]:
    return st.integers(0, 3).map(lambda n: n == 0)


@st.composite
def domain_list(draw: st.DrawFn, sep: str) -> str:
    odd = st.sampled_from(_ODD_DOMAINS) if draw(mangled()) else rule_host
    parts = draw(st.lists(st.one_of(rule_host, rule_host.map(lambda h: "~" + h), plain_host,
                                    st.sampled_from(KNOWN_HOSTS), odd), min_size=1, max_size=4))
    return sep.join(parts)


@st.composite
def option(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 3)) == 0:
        return f"{draw(st.sampled_from(_VALUED))}={draw(domain_list('|'))}"
    if draw(st.integers(0, 15)) == 0:
        return draw(hostile_text)
    return draw(st.sampled_from(_OPTIONS))


@st.composite
def network_rule(draw: st.DrawFn) -> str:
    exception = draw(st.sampled_from(["", "", "@@"]))
    if draw(st.integers(0, 7)) == 0:
        pattern = "/" + "".join(draw(st.lists(st.sampled_from(_REGEX_PARTS), max_size=8))) + "/"
    else:
        anchor = draw(st.sampled_from(["", "|", "||", "||", "||", "|||"]))
        head = draw(st.one_of(rule_host, rule_host, plain_host, st.sampled_from(KNOWN_HOSTS),
                              st.just("")))
        words = st.sampled_from(_PATTERN_JUNK) if draw(mangled()) else st.sampled_from(_PATH_WORDS)
        path = "/".join(draw(st.lists(st.one_of(st.sampled_from(_PATH_WORDS), words),
                                      max_size=3)))
        end = draw(st.sampled_from(["", "", "^", "|", "^|", "*"]))
        pattern = anchor + head + (("^" if head and not path else "/") + path if path else "") + end
    opts = draw(st.lists(option(), max_size=3))
    return exception + pattern + ("$" + ",".join(opts) if opts else "")


_SELECTORS = ("div", "ins", "iframe", "script", "a", "img", "*", ".adsbygoogle", "#ad", ".ad",
              ".banner", "aside", "[href*=\"ads.test\"]", "[href^=\"https://ads.test/\"]",
              "[src*=\"pixel\"]", "[width=\"300\"]", "[data-ad-slot]", "ins[id]",
              "[id^=\"div-gpt-ad\"]", "[data-zoneid]", "[src*=\"magsrv\"]", "ins.eas6a97888e2",
              "div > ins", "p + div", "p ~ div", "div:not(.x)", ":has(> ins)", "div:has(ins)",
              "li:nth-child(2n+1)", ":first-child", "[class~=ad i]", "a[href$=\".js\"]",
              "html > body", ":root", "div:empty", "aside > p", "a > img", "div:has(> a)")
_SELECTOR_JUNK = ("::before", "[", "]", "(", ")", ",", "\"", ">", "+", "~", " ", "\\", "#",
                  ".", ":", "%", "!important", "{}", "@media", "*:*", "|", "$")
_COMBINATORS = (" ", " > ", " + ", " ~ ", ", ")
_PROCEDURAL = tuple(op for op in PROCEDURAL_OPS if op != ":xpath(")
_ARGS = ("ad", "/ad/", "/^Sponsored$/i", "Sponsored", "Advertisement", "/Sponsor|Advert/",
         "2", "1", "0", "-1", "div", ".x", "aside", "//div", "//*[@id]", "..",
         "//div[contains(., 'ad')]", "10")
_ARG_JUNK = ("/(a+)+$/", "/a{999999999}/", "/[/", "1000000000", "99999999999999999999",
             "div:has-text(ad)", "", ")", "(", "foo()", "count(//*)", "/", "\\)", "\x00",
             "\u2028", "//*//*//*//*", "(?<=a)b")


@st.composite
def selector(draw: st.DrawFn, depth: int = 0) -> str:
    """A CSS or procedural selector: simple selectors joined by combinators, with
    operators and their arguments; mangled ones take junk at any point."""
    bad = draw(mangled())
    simple = st.sampled_from(_SELECTORS + (_SELECTOR_JUNK if bad else ()))
    args = st.sampled_from(_ARGS + (_ARG_JUNK if bad else ()))
    out = [draw(simple)]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.integers(0, 4))
        if kind <= 1:
            out.append(draw(st.sampled_from(_COMBINATORS)) + draw(simple))
        elif kind == 2:
            op = draw(st.sampled_from((*_PROCEDURAL, ":xpath(")))
            out.append(op + draw(args) + (")" if not bad or draw(st.booleans()) else ""))
        elif kind == 3 and depth < 2:
            op = draw(st.sampled_from([":has(", ":not(", ":if(", ":-abp-has(", ":if-not("]))
            out.append(op + draw(selector(depth + 1)) + ")")
        elif bad:
            out.append(draw(hostile_text))
    return "".join(out)


_COSMETIC_SEPARATORS = ("##", "##", "##", "#@#", "#?#", "#@?#", "#$#", "#%#", "$$", "$@$",
                        "##^", "##+js(", "#$?#")


@st.composite
def cosmetic_rule(draw: st.DrawFn) -> str:
    domains = draw(domain_list(",")) if draw(st.integers(0, 2)) == 0 else ""
    return domains + draw(st.sampled_from(_COSMETIC_SEPARATORS)) + draw(selector())


rule_line = st.one_of(
    network_rule(), network_rule(), cosmetic_rule(), cosmetic_rule(),
    st.sampled_from(["! comment", "[Adblock Plus 2.0]", "# hosts comment", "", "   ", "!#if x",
                     "||", "@@", "$", "##", "#@#", "/", "//", "|", "*", "^", "$$", "!",
                     "0.0.0.0 ads.test", "127.0.0.1 localhost"]),
    hostile_text,
)
rule_list = st.lists(rule_line, min_size=1, max_size=25)
cosmetic_list = st.lists(st.one_of(cosmetic_rule(), cosmetic_rule(), rule_line), min_size=4,
                         max_size=20)

# -- containers ------------------------------------------------------------------------


@st.composite
def simple_page(draw: st.DrawFn) -> str:
    """A page every reader must keep: HTML, non-empty, valid UTF-8 text, any markup in it."""
    title = html.escape(draw(plain_text))
    body = _CONTROLS.sub("", draw(fragment))  # controls make bytes binary, not a page
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            f"{body}<p>{title} page</p></body></html>")


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Member:
    """One file to put in an archive, and what reading it must give."""

    name: str
    data: bytes
    pages: int  # Documents
    skipped: int = 0  # Skipped records


def _post(i: int, body: str, title: str, link: str) -> dict[str, object]:
    return {"id": i, "link": link, "title": {"rendered": title}, "content": {"rendered": body}}


@st.composite
def wp_json(draw: st.DrawFn) -> tuple[bytes, int]:
    """A WordPress posts list (or one post): ids, links, titles and bodies of every
    awkward kind; and how many posts it holds."""
    posts: list[object] = []
    for i in range(draw(st.integers(1, 4))):
        title = draw(surrogate_text)
        post = _post(i, draw(st.one_of(simple_page(), hostile_text)), title, draw(url))
        extra = draw(st.sampled_from([None, _BIG, True, -1, 1.5e308, "x"]))
        if extra is not None:
            post["id"] = extra
        posts.append(post)
    if len(posts) == 1 and draw(st.booleans()):
        return _json_bytes(posts[0], draw(st.booleans())), 1
    return _json_bytes(posts, draw(st.booleans())), len(posts)


_BIG = "<a 5,000-digit integer>"  # json.dumps cannot write one: it is put in after


def _json_bytes(obj: object, ascii_only: bool) -> bytes:
    text = json.dumps(obj, ensure_ascii=ascii_only).replace(json.dumps(_BIG), "9" * 5000)
    # surrogatepass: a lone surrogate written raw is bytes no UTF-8 decoder accepts
    return text.encode("utf-8", "surrogatepass")


@st.composite
def jsonl_lines(draw: st.DrawFn) -> list[bytes]:
    """JSON Lines: one page object a line, strings holding any character (JSON allows a
    raw U+2028 or U+0085 inside a string; only \\n ends a line)."""
    lines = []
    for i in range(draw(st.integers(1, 5))):
        text = draw(st.one_of(simple_page(), hostile_text))
        obj: dict[str, object] = (_post(i, text, draw(hostile_text), draw(url))
                                  if draw(st.booleans()) else {"url": draw(url), "html": text})
        lines.append(_json_bytes(obj, draw(st.booleans())))
    return lines


@st.composite
def page_member(draw: st.DrawFn, i: int) -> Member:
    """An archive member: a page, posts, lines, text, or a file that is not a page."""
    kind = draw(st.sampled_from(["html", "html", "json", "jsonl", "text", "png", "empty",
                                 "warc", "zip"]))
    name = draw(st.sampled_from([f"site/p{i}.html", f"p{i}", f"d/{i}.htm", f"{i}.txt"]))
    if kind == "html":
        return Member(name, draw(simple_page()).encode(), 1)
    if kind == "json":
        posts = [_post(j, draw(simple_page()), f"t{j}", f"https://s.test/?p={j}")
                 for j in range(draw(st.integers(1, 3)))]
        return Member(f"posts{i}.json", json.dumps(posts).encode(), len(posts))
    if kind == "jsonl":
        lines = [json.dumps({"url": f"https://s.test/{j}", "html": draw(simple_page())})
                 for j in range(draw(st.integers(2, 3)))]
        return Member(f"pages{i}.jsonl", "\n".join(lines).encode(), len(lines))
    if kind == "text":
        words = " ".join(["Plain words, no markup at all", *draw(st.lists(label, max_size=9))])
        return Member(f"notes{i}.txt", words.encode(), 1)
    if kind == "png":
        return Member(f"img{i}.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), 0, 1)
    if kind == "empty":
        return Member(f"empty{i}.html", b"", 0, 1)
    if kind == "zip":  # an archive in the archive
        n = draw(st.integers(1, 2))
        inner = {f"in{j}.html": draw(simple_page()).encode() for j in range(n)}
        return Member(f"inner{i}.zip", zip_bytes(inner), len(inner))
    recs = draw(warc_recs())
    return Member(f"crawl{i}.warc.gz", warc_bytes([r for r, _ in recs]),
                  sum(p for _, p in recs), 1 + sum(1 - p for _, p in recs))


@st.composite
def warc_recs(draw: st.DrawFn) -> list[tuple[Rec, int]]:
    """WARC records to write with warcio, each with 1 if it must come out as a page, 0 if
    skipped (the warcinfo record warc_bytes writes first is one more skip)."""
    out: list[tuple[Rec, int]] = []
    for i in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["page", "page", "page", "image", "revisit", "request",
                                     "metadata", "404"]))
        target = f"https://s{i}.test/{draw(st.sampled_from(['', 'a', '?p=1']))}"
        if kind == "page":
            encoding = draw(st.sampled_from([None, "gzip", "br", "deflate"]))
            ctype = draw(st.sampled_from(["text/html; charset=utf-8", "text/html",
                                          "application/xhtml+xml", "application/octet-stream",
                                          "TEXT/HTML; Charset=UTF-8", "text/html; charset=bogus"]))
            out.append((Rec(target, draw(simple_page()).encode(), content_type=ctype,
                            encoding=encoding, chunked=draw(st.booleans())), 1))
        elif kind == "image":
            out.append((Rec(target, b"\x89PNG\r\n\x1a\n\0\0", content_type="image/png"), 0))
        elif kind == "404":
            out.append((Rec(target, b"<html>gone</html>", status="404 Not Found"), 0))
        else:
            out.append((Rec(target, b"x: y", rec_type=kind,
                            content_type="application/warc-fields"), 0))
    return out


@dataclass(frozen=True)
class Container:
    """A generated input of one kind, valid, and how many pages and skips it holds."""

    kind: str
    data: bytes
    pages: int
    skipped: int


@st.composite
def warc_container(draw: st.DrawFn,
                   layouts: tuple[str, ...] = ("plain", "per-record-gzip", "whole-gzip"),
                   ) -> Container:
    recs = draw(warc_recs())
    layout = draw(st.sampled_from(layouts))
    data = warc_bytes([r for r, _ in recs], compress=layout == "per-record-gzip")
    if layout == "whole-gzip":
        data = gzip.compress(data, mtime=0)
    pages = sum(p for _, p in recs)
    return Container(f"warc/{layout}", data, pages, 1 + len(recs) - pages)


@st.composite
def tar_container(draw: st.DrawFn, modes: tuple[str, ...] = ("w", "w:gz")) -> Container:
    members = draw(members_of())
    mode = draw(st.sampled_from(modes))
    fmt = draw(st.sampled_from([tarfile.PAX_FORMAT, tarfile.GNU_FORMAT, tarfile.USTAR_FORMAT]))
    data = tar_bytes({m.name: m.data for m in members}, mode, fmt)
    return Container(f"tar/{mode}", data, sum(m.pages for m in members),
                     sum(m.skipped for m in members))


@st.composite
def members_of(draw: st.DrawFn) -> list[Member]:
    members = []
    for i in range(draw(st.integers(1, 4))):
        members.append(draw(page_member(i)))
    return members


@st.composite
def zip_container(draw: st.DrawFn) -> Container:
    members = draw(members_of())
    data = zip_bytes({m.name: m.data for m in members})
    return Container("zip", data, sum(m.pages for m in members),
                     sum(m.skipped for m in members))


@st.composite
def wacz_container(draw: st.DrawFn) -> Container:
    recs = draw(warc_recs())
    data = wacz_bytes(warc_bytes([r for r, _ in recs]), [r.url for r, _ in recs])
    pages = sum(p for _, p in recs)
    # the WARC's records (and its warcinfo), then pages.jsonl, the index, datapackage.json
    return Container("wacz", data, pages, 1 + len(recs) - pages + 3)


@st.composite
def gzip_page_container(draw: st.DrawFn) -> Container:
    return Container("gzip", gzip.compress(draw(simple_page()).encode(), mtime=0), 1, 0)


@st.composite
def jsonl_container(draw: st.DrawFn) -> Container:
    lines = [json.dumps({"url": f"https://s.test/{i}", "html": draw(simple_page())})
             for i in range(draw(st.integers(2, 5)))]
    return Container("jsonl", "\n".join(lines).encode(), len(lines), 0)


@st.composite
def json_container(draw: st.DrawFn) -> Container:
    posts = [_post(i, draw(simple_page()), f"t{i}", f"https://s.test/?p={i}")
             for i in range(draw(st.integers(1, 4)))]
    return Container("json", json.dumps(posts).encode(), len(posts), 0)


@st.composite
def html_container(draw: st.DrawFn) -> Container:
    return Container("html", draw(simple_page()).encode(), 1, 0)


container = st.one_of(warc_container(), tar_container(), zip_container(), wacz_container(),
                      gzip_page_container(), jsonl_container(), json_container(),
                      html_container())

# -- damage ----------------------------------------------------------------------------

_NUMBER = re.compile(rb"\d+")
_ZIP_FIELDS = {b"PK\x03\x04": (8, 14, 18, 22, 26, 28), b"PK\x01\x02": (10, 20, 24, 28, 30, 42),
               b"PK\x05\x06": (8, 10, 12, 16, 20)}
_LIES = (0, 1, 7, 511, 512, 65535, 2 ** 31 - 1, 2 ** 32 - 1, 10 ** 25)


@st.composite
def lie(draw: st.DrawFn, data: bytes) -> bytes:
    """A length or offset field changed to another number: a decimal or octal one (WARC
    and HTTP Content-Length, tar sizes, PAX records, chunk sizes, JSON), or one of a zip
    header's binary fields."""
    zip_at = [(m.start(), sig) for sig in _ZIP_FIELDS for m in re.finditer(re.escape(sig), data)]
    if zip_at and draw(st.booleans()):
        at, sig = draw(st.sampled_from(zip_at))
        field = at + draw(st.sampled_from(_ZIP_FIELDS[sig]))
        width = 2 if field - at in (8, 10, 26, 28, 30) else 4
        value = draw(st.sampled_from(_LIES)) % (1 << (8 * width))
        packed = struct.pack("<H" if width == 2 else "<I", value)
        return data[:field] + packed + data[field + width:]
    numbers = list(_NUMBER.finditer(data))
    if not numbers:
        return data
    m = draw(st.sampled_from(numbers))
    old = int(m.group()[:30])
    new = draw(st.one_of(st.sampled_from(_LIES), st.integers(max(0, old - 600), old + 600)))
    digits = str(new).encode()
    if draw(st.booleans()):  # keep the field's width (tar's octal fields are fixed)
        digits = oct(new)[2:].encode().rjust(len(m.group()), b"0")[-len(m.group()):]
    return data[: m.start()] + digits + data[m.end():]


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` after one to three of: cut, bytes spliced in, a byte flipped, a range
    deleted or repeated elsewhere, a length lied about."""
    for _ in range(draw(st.integers(1, 3))):
        n = len(data)
        op = draw(st.sampled_from(["cut", "splice", "flip", "delete", "repeat", "lie", "lie"]))
        at = draw(st.integers(0, n))
        if op == "cut":
            data = data[:at]
        elif op == "splice":
            junk = draw(st.one_of(st.binary(min_size=1, max_size=24),
                                  st.sampled_from([b"WARC/1.0\r\n", b"\r\n\r\n", b"PK\x03\x04",
                                                   b"\x1f\x8b\x08", b"\x00" * 512, b"ustar"])))
            data = data[:at] + junk + data[at:]
        elif op == "flip" and n:
            at = min(at, n - 1)
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif op == "delete":
            end = draw(st.integers(at, min(n, at + 64)))
            data = data[:at] + data[end:]
        elif op == "repeat":
            end = draw(st.integers(at, min(n, at + 600)))
            to = draw(st.integers(0, n))
            data = data[:to] + data[at:end] + data[to:]
        elif op == "lie":
            data = draw(lie(data))
    return data


# bytes that start like an input of each kind, then go anywhere
MAGIC = (b"WARC/1.0\r\n", b"WARC/1.0\r\nContent-Length: 99999999999999999999999999\r\n\r\n",
         b"filedesc://", b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"\x1f\x8b\x08\x00",
         b"{", b"[", b'{"content": {"rendered": ', b"<html>", b"\xef\xbb\xbf", b"\xff\xfe",
         b"\xfe\xff", b"\x00\x00\xfe\xff", b"", b" \r\n", b"<\x00h\x00t\x00m\x00l\x00>\x00")


@st.composite
def near_input(draw: st.DrawFn) -> bytes:
    """Random bytes behind the first bytes of some kind of input, or a tar header."""
    if draw(st.integers(0, 5)) == 0:
        head = bytearray(b"p.html".ljust(512, b"\x00"))
        head[257:262] = b"ustar"
        return bytes(head) + draw(st.binary(max_size=600))
    return draw(st.sampled_from(MAGIC)) + draw(st.binary(max_size=400))


