"""URL facts the audit needs: host, registrable domain, third-party-ness.

Hosts are split at their public suffix from the Public Suffix List snapshot bundled in
tldextract's wheel, and nothing else (`auditor.suffixes`): an audit never touches the
network.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Collection, Iterable
from typing import NamedTuple
from urllib.parse import SplitResult, parse_qsl, unquote, urljoin, urlsplit

import idna

from auditor.lazy_re import lazy_regex
from auditor.suffixes import Split, Suffixes

_EXTRACT = Suffixes()

FETCHABLE_SCHEMES = frozenset({"http", "https", "ws", "wss"})
# a URL as code writes one: 'https://x/y.js', "//x/y", `https://x` (protocol-relative too;
# its scheme in any case, as the URL standard reads it: a period tag's `HTTP://`), its
# host a name or an IPv4 address in any of the URL standard's forms (`1.2.3.4`,
# `0x1020304`: `resolve` makes it the dotted quad Chromium requests)
URL_SCHEME_IN_CODE = r"(?:(?i:https?):)?//"
URL_IN_CODE = (URL_SCHEME_IN_CODE + r"""(?:[A-Za-z0-9.-]+\.[A-Za-z]{2,}"""
               r"""|(?:0[xX][0-9A-Fa-f]*|[0-9]+)(?:\.(?:0[xX][0-9A-Fa-f]*|[0-9]+)){0,3}\.?)"""
               r"""(?::\d+)?(?:/[^'"`\s<>]*)?""")


# The names a server gives its directory's page: `/blog/index.html` is served at `/blog/`
INDEX_PAGES = ("index.html", "index.htm", "index.xhtml", "index.shtml")


def directory_page(path: str) -> str:
    """A path without the index page name that serves its directory (`INDEX_PAGES`): the
    one page a site (site mode's URL) or an archive's captures know at both paths.

    >>> directory_page("blog/index.html"), directory_page("/x"), directory_page("index.html")
    ('blog/', '/x', '')
    >>> directory_page("/x/myindex.html"), directory_page("/x/Index.html")  # a server's case
    ('/x/myindex.html', '/x/Index.html')
    """
    for index in INDEX_PAGES:
        if path == index or path.endswith("/" + index):
            return path[: -len(index)]
    return path


def split_url(url: str, base: str | None = None) -> SplitResult | None:
    """`url` (against `base`, when given) split, or None when it does not split: page
    text such as `http://[x/` makes urlsplit raise, and one such link must not fail an
    audit.

    >>> split_url("https://a.example/p?q=1").query, split_url("http://[x/?a=1") is None
    ('q=1', True)
    """
    try:
        return urlsplit(urljoin(base, url) if base else url)
    except ValueError:
        return None


@functools.lru_cache(maxsize=65536)
def host_of(url: str, base: str | None = None) -> str:
    """The lower-cased host of a URL (against `base`, when given), '' when it has none
    or does not split.

    A plain absolute URL (`_PLAIN_ABSOLUTE`: nearly every URL a page requests) has its
    host read where the pattern finds it, as urlsplit's `hostname` would give it: each
    URL of a page is new to this cache, and urlsplit cost three times the match.

    >>> host_of("https://A.MagSrv.com:443/ad-provider.js"), host_of("/x", "https://b.test/")
    ('a.magsrv.com', 'b.test')
    """
    if base is None and (plain := _PLAIN_ABSOLUTE.match(url)) is not None:
        return plain.group(1).lower().rstrip(".")
    return split_host(url, base)


def split_host(url: str, base: str | None = None) -> str:
    """`host_of` by urlsplit, for any URL: what its shortcut must answer as."""
    parts = split_url(url, base)
    return (parts.hostname or "").rstrip(".") if parts is not None else ""


@functools.lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """eTLD+1 of a host; the host itself for IPs and bare suffixes.

    >>> registrable_domain("poweredby.jads.co")
    'jads.co'
    >>> registrable_domain("www.bbc.co.uk")
    'bbc.co.uk'
    >>> registrable_domain("www.dailyexample.test")
    'dailyexample.test'
    >>> registrable_domain("192.168.0.1")
    '192.168.0.1'
    """
    if not host:
        return ""
    parts = _EXTRACT(host)
    if parts.top_domain_under_public_suffix:
        return parts.top_domain_under_public_suffix
    labels = host.split(".")
    if parts.suffix or len(labels) < 2 or labels[-1].isdigit() or ":" in host:
        return host  # a bare public suffix, an IP address
    return ".".join(labels[-2:])  # an unlisted TLD (.test, .internal): last two labels


def same_brand(a: str, b: str) -> bool:
    """Two registrable domains of one publisher: equal, or one name under two public
    suffixes (a page on bbc.co.uk whose canonical is on bbc.com is not a copy).

    >>> same_brand("bbc.co.uk", "bbc.com")
    True
    >>> same_brand("bbc.co.uk", "8657085.xyz")
    False
    >>> same_brand("herald.test", "digest.test")
    False
    """
    return a == b or (brand(a) or a) == (brand(b) or b)


@functools.lru_cache(maxsize=4096)
def brand(domain: str) -> str:
    """A registrable domain's name without its public suffix (`vice` of vice.com), the
    domain itself under an unlisted suffix.

    >>> brand("bbc.co.uk"), brand("herald.test")
    ('bbc', 'herald.test')
    """
    parts = _EXTRACT(domain)
    return parts.domain if parts.suffix else domain  # an unlisted TLD: no brand to share


def listed_suffix(host: str) -> bool:
    """Whether a host ends in a public suffix: a word with dots in plain text ("e.g",
    "index.html") is not a host.

    >>> listed_suffix("www.bbc.co.uk"), listed_suffix("index.html")
    (True, False)
    """
    parts = _EXTRACT(host)
    return bool(parts.suffix and parts.domain)


def _with_private(host: str) -> Split:
    """The split that takes the list's private suffixes (a platform's customer hosts) as
    suffixes: asked of the one extractor, which builds its tries with and without them
    from one read of the list (a second extractor read and built them all again, ~30 ms
    of each CLI process)."""
    return _EXTRACT(host, include_psl_private_domains=True)


@functools.lru_cache(maxsize=4096)
def public_site(host: str) -> bool:
    """Whether a host is a public site under an ICANN suffix: not an IP address,
    localhost, a name under no public suffix (`.test`, `.local`, `.internal`: a staging
    or intranet host) nor a platform's customer host under a private suffix of the list
    (myblog.wpenginepowered.com, a.github.io: a hosting platform's staging names).

    >>> public_site("www.bbc.co.uk"), public_site("203.0.113.5"), public_site("localhost")
    (True, False, False)
    >>> public_site("myblog.wpenginepowered.com"), public_site("herald.test")
    (False, False)
    """
    if not host or ":" in host or host.replace(".", "").isdigit():
        return False
    return listed_suffix(host) and not _with_private(host).is_private


def is_suffix(host: str) -> bool:
    """Whether a host is itself a suffix of the public suffix list, its private section
    (a hosting platform's: github.io, blogspot.com) included.

    >>> is_suffix("co.uk"), is_suffix("github.io"), is_suffix("example.github.io")
    (True, True, False)
    """
    parts = _with_private(host)
    return bool(parts.suffix) and not parts.domain


@functools.lru_cache(maxsize=4096)
def platform_tenant(host: str) -> str | None:
    """The customer's site when a host is a hosting platform's customer (under a private
    suffix of the public suffix list: me.github.io, shop.pages.dev, x.firebaseapp.com, a
    bucket at x.s3.amazonaws.com, d1x.cloudfront.net), else None: the platform serves
    what its customer put there.

    >>> platform_tenant("evil.github.io"), platform_tenant("github.io")
    ('evil.github.io', None)
    >>> platform_tenant("www.bbc.co.uk") is None, platform_tenant("lh3.googleusercontent.com")
    (True, 'lh3.googleusercontent.com')
    """
    if open_host(host):
        return host
    parts = _with_private(host)
    if not (parts.is_private and parts.domain):
        return None
    return parts.top_domain_under_public_suffix or None


# Hosts that serve anyone's files, pages or scripts by path: CDNs of any public repository
# or package (jsDelivr's `/gh/` and `/npm/`, unpkg, GitHack), buckets by path, Google's
# hosts of its users' sites and uploads, file sharing and chat attachments, IPFS
# gateways. The customer is in the path, so the host names no one (payloads are kept on
# each). Not Google's Forms and Apps Script: small sites' own forms post there as to a
# forms service the site chose, as to Formspree
OPEN_HOSTS = frozenset({
    "cdn.jsdelivr.net", "fastly.jsdelivr.net", "gcore.jsdelivr.net", "testingcf.jsdelivr.net",
    "unpkg.com", "esm.sh", "cdn.statically.io", "raw.githack.com", "rawcdn.githack.com",
    "cdn.rawgit.com", "rawgit.com", "gitcdn.link", "gitcdn.xyz",
    "s3.amazonaws.com", "storage.googleapis.com", "firebasestorage.googleapis.com",
    "sites.google.com", "drive.google.com",
    "dl.dropboxusercontent.com", "dl.dropbox.com", "cdn.discordapp.com", "media.discordapp.net",
    "ipfs.io", "cloudflare-ipfs.com", "gateway.pinata.cloud", "dweb.link", "telegra.ph",
    "pastebin.com",
})
_OPEN_SUFFIXES = (".googleusercontent.com", ".ipfs.dweb.link", ".ipfs.w3s.link")


def open_host(host: str) -> bool:
    """Whether a host serves anyone's files by path (`OPEN_HOSTS`, and every host of
    Google's users' content: lh3.googleusercontent.com, script.googleusercontent.com).

    >>> open_host("cdn.jsdelivr.net"), open_host("lh3.googleusercontent.com")
    (True, True)
    >>> open_host("cdnjs.cloudflare.com"), open_host("docs.google.com")
    (False, False)
    """
    host = host.lower()
    return host in OPEN_HOSTS or host.endswith(_OPEN_SUFFIXES)


@functools.lru_cache(maxsize=65536)
def site_of(host: str) -> str:
    """The site a host belongs to as browsers draw the line: its registrable domain under
    the public suffix list with its private section, so each tenant of a hosting
    platform (me.github.io, plentylife.blogspot.com) is a site of its own; else as
    `registrable_domain`.

    >>> site_of("me.github.io"), site_of("cdn.8657085.xyz"), site_of("www.bbc.co.uk")
    ('me.github.io', '8657085.xyz', 'bbc.co.uk')
    """
    if not host:
        return ""
    return _with_private(host).top_domain_under_public_suffix or registrable_domain(host)


def is_third_party(host: str, first_party: str | None) -> bool:
    """A host is third party when its site (`site_of`) differs from the page's: another
    tenant of the page's hosting platform is another site.

    >>> is_third_party("a.magsrv.com", "8657085.xyz")
    True
    >>> is_third_party("cdn.8657085.xyz", "8657085.xyz")
    False
    >>> is_third_party("evil.github.io", "me.github.io")
    True
    """
    if not host:
        return False
    if not first_party:
        return True  # with no page URL nothing can be shown to be first party
    return site_of(host) != site_of(first_party)


# What injected hosts are dressed as, so that a reviewer reads them as infrastructure:
# the brands skimmers and loaders impersonate (`googletagsmanager`, `cdn-jquery-min`,
# `secure-chrome-updates`), joined only to infrastructure, security or software words
# (`stripecdn`, `jqueryui`, `paypal-secure-login`; not `pinstripe`, `amazonas-tours`,
# `windowsreport`, whose brand is part of a word of their own, nor `amazon-tours` or
# `paypal-fans`, a business named after a place or word that is also a brand), or
# misspelt as an impersonator spells it, the short ones as a whole word only
# (`wp-update-check`, not `wpengine`), and a name of a CDN's or a tracker's words. A name
# of these words alone is dressed; a name with a word of its own (`cdn-cookieyes`,
# `harbourgazette-cdn`, `kiwichat-widget`) is a company's, and says nothing either way.
_IMPERSONATED = ("google", "gstatic", "jquery", "cloudflare", "jsdelivr", "bootstrap",
                 "wordpress", "woocommerce", "magento", "shopify", "stripe", "paypal",
                 "braintree", "facebook", "fbcdn", "akamai", "fastly", "amazon", "microsoft",
                 "windows", "chrome", "firefox", "mozilla", "youtube", "recaptcha",
                 "fontawesome", "mastercard")
# those sought misspelt too (`gooogle`, `jqeury`, `googie`): none a word is one letter
# from (chroma, magenta, window); a letter changed counts only for one that looks like it,
# so `goggle`, `googly` and PayPay's `paypay` are no Google or PayPal
_MISSPELT = ("google", "jquery", "cloudflare", "jsdelivr", "bootstrap", "wordpress",
             "woocommerce", "shopify", "paypal", "facebook", "youtube", "recaptcha",
             "fontawesome", "googletagmanager", "googleapis")
_SHORT_BRANDS = frozenset({"wp", "woo", "gtm", "ga", "gtag", "fb", "jq", "js", "ms", "visa"})
# the words of a CDN's or a tracker's name: a name made only of infrastructure words is
# dressed when one of them is such a word (`stats-cdn-analytics`, `static-cdn-libs`);
# `secure-payments` or `web-app` is how payment providers and apps are named too
_CDN_WORDS = frozenset({
    "cdn", "cdns", "static", "assets", "asset", "lib", "libs", "min", "ajax",
    "analytic", "analytics", "stat", "stats", "statistic", "statistics", "metric", "metrics",
    "track", "tracker", "tracking", "tag", "tags", "pixel", "collect", "collector", "counter",
    "update", "updates", "upd", "script", "scripts", "font", "fonts", "loader", "cache",
    "installer", "plugin", "plugins",
})
_INFRA_WORDS = _CDN_WORDS | frozenset({
    "api", "apis", "check", "checker", "cloud", "secure", "security", "service",
    "services", "web", "host", "hosting", "data", "load", "storage", "content", "delivery",
    "network", "net", "app", "apps", "payment", "payments", "pay", "checkout", "cart",
    "verify", "verification", "browser", "download", "downloads", "dl", "ui", "map",
    "maps", "code", "online", "safe", "global", "trusted", "official", "www", "s", "v",
})
# what else a brand is joined to in an impersonating name: its sign-in and account pages
# (`paypal-secure-login`, `microsoft-account-verify`) and its software's releases
# (`firefox-release-notes`, `chrome-setup`); words that say nothing alone
_ACCOUNT_WORDS = frozenset({
    "login", "logon", "signin", "sign", "auth", "account", "accounts", "id", "sso",
    "support", "help", "helpdesk", "alert", "alerts", "release", "releases", "notes",
    "version", "latest", "setup", "install", "com",
})
# what a brand is joined to in an impersonating name (`googletagsmanager`)
_BESIDE_BRAND = (_INFRA_WORDS | _SHORT_BRANDS | _ACCOUNT_WORDS | frozenset(_IMPERSONATED)
                 | {"manager"})
_WORDS = lazy_regex(r"[a-z]+")
_TOKENS = lazy_regex(r"[a-z0-9]+")


def _site_name(host: str) -> str:
    """A host's registrable name without its suffix, lowered; on a hosting platform the
    customer's (`cdn-jquery` of cdn-jquery.netlify.app, a private suffix of the list), the
    name chosen rather than the platform's."""
    parts = _with_private(host.lower())
    return parts.domain if parts.suffix and parts.domain else (
        registrable_domain(host.lower()).split(".")[0])


CDN_DRESS = "a CDN or tracker"  # what `dressed_host` calls a name of a CDN's words alone


@functools.lru_cache(maxsize=4096)
def dressed_host(host: str) -> str | None:
    """What a host's registrable name is dressed as, when it is made of what an
    impersonator borrows and nothing of its own: a brand joined only to infrastructure,
    security or software words, a brand misspelt (a digit or a look-alike letter for a
    letter, one dropped, doubled or swapped) whatever it is beside, or only the words of a
    CDN's or a tracker's name. A brand beside a word of a name's own (`amazon-tours`) is
    a business named after a word, a place or a product. A vendor's own domains are the
    catalogue's to know; this is asked only of hosts no vendor runs.

    >>> dressed_host("cdn-jquery-min.test"), dressed_host("googletagsmanager.test")
    ('jquery', 'google')
    >>> dressed_host("static.stats-cdn-analytics.test"), dressed_host("wp-update-check.test")
    ('a CDN or tracker', 'wp')
    >>> dressed_host("g00gle-analytics.test"), dressed_host("jqeury-ui.test")
    ('google', 'jquery')
    >>> dressed_host("cdn-cookieyes.com"), dressed_host("cdn.userway.org")
    (None, None)
    >>> dressed_host("static.harbourgazette-cdn.example"), dressed_host("10.0.0.7")
    (None, None)
    >>> dressed_host("pinstripe.com"), dressed_host("amazonas-tours.com")
    (None, None)
    >>> dressed_host("amazon-tours.com"), dressed_host("paypal-secure-login.test")
    (None, 'paypal')
    >>> dressed_host("goggle.com"), dressed_host("api.paypay.ne.jp")
    (None, None)
    >>> dressed_host("secure-payments.example"), dressed_host("stripecdn.test")
    (None, 'stripe')
    >>> dressed_host("cdn-jquery.netlify.app"), dressed_host("harbourgazette.netlify.app")
    ('jquery', None)
    >>> dressed_host("cdn.jsdelivr.net"), dressed_host("sites.google.com")  # anyone's files
    (None, None)
    >>> dressed_host("cdn.statisticscripts.test"), dressed_host("cdn.statisticline.test")
    ('a CDN or tracker', None)
    """
    if open_host(host):
        return None
    name = _site_name(host)
    if name.isdigit():
        return None  # an IP address
    brand: str | None = None
    own_word = False
    for token in _TOKENS.findall(name):
        if token.isdigit():
            continue  # `static01`, `365`: a number names nothing
        plain = token.translate(_LOOKALIKE_DIGITS)  # g00gle, jqu3ry
        dressing = _dressing(plain)
        swapped = dressing is not None and plain != token
        if dressing is None and not token.isalpha():  # digits spelling no letter: `static01`
            pieces = [_dressing(word) for word in _WORDS.findall(token)]
            dressing = None if None in pieces else next(
                (p for p in pieces if p is not None and p[0]), ("", False))
        if dressing is None:
            own_word = True
            continue
        found, misspelt = dressing
        if found and (misspelt or swapped):
            return found  # an impersonator's spelling: no business is named so
        brand = brand or found or None
    if own_word:
        return None
    if brand is not None:
        return brand
    words = _WORDS.findall(name)
    if not words or any(w not in _INFRA_WORDS and w not in _SHORT_BRANDS for w in words):
        glued = [piece for w in words for piece in (_infra_pieces(w) or [w])]
        return CDN_DRESS if len(glued) > 1 and all(
            w in _INFRA_WORDS for w in glued) and any(w in _CDN_WORDS for w in glued) else None
    return next((w for w in words if w in _SHORT_BRANDS), None) or (
        CDN_DRESS if len(words) > 1 and any(w in _CDN_WORDS for w in words)
        else None)


INFRA_PIECE_MIN = 3  # letters of a word read inside a glued name (`cdnstats`: not `s`)
# the one word of three letters read inside a glued name: `web`, `net`, `api`, `app`, `min`,
# `tag`, `lib`, `map`, `pay` are halves of vendors' and products' own names (CounterAPI's
# `counterapi.com/c.js`, `webmin`, `netstat`), `cdn` is a CDN's word alone
_GLUED_SHORT = frozenset({"cdn"})


def _infra_pieces(word: str) -> list[str] | None:
    """A word glued of infrastructure words alone, split (`statisticscripts` is
    `statistics` + `scripts`, `cdnstats` is `cdn` + `stats`), the longest pieces first;
    None when it is no such glue. Throwaway injection domains are named so as often as
    hyphenated (`stats-cdn`); a word of its own inside (`statisticline`) is a name, and so
    is a short word other than `cdn` glued on (`counterapi`, `webmin`: `_GLUED_SHORT`).

    >>> _infra_pieces("cdnstats"), _infra_pieces("statisticline"), _infra_pieces("counterapi")
    (['cdn', 'stats'], None, None)
    """
    if len(word) > 40:
        return None
    # best[i]: a split of word[:i] into the fewest pieces, None where there is none
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for i in range(INFRA_PIECE_MIN, len(word) + 1):
        for j in range(0, i - INFRA_PIECE_MIN + 1):
            before, piece = best[j], word[j:i]
            if before is not None and piece in _INFRA_WORDS and (
                    len(piece) > INFRA_PIECE_MIN or piece in _GLUED_SHORT) and (
                    best[i] is None or len(before) + 1 < len(best[i] or ())):
                best[i] = [*before, piece]
    return best[-1] if best[-1] and len(best[-1]) > 1 else None


_LOOKALIKE_DIGITS = str.maketrans("013457", "oleast")


def _dressing(token: str) -> tuple[str, bool] | None:
    """How a word of a name is dressed: the brand it holds (`""` for none) and whether it
    is misspelt, when the word splits into brands, misspellings of them and words an
    impersonator joins to them (`stripecdn`, `jqueryui`, `googletagsmanager`); None for a
    word of a name's own, a brand inside it or not (`pinstripe`, `chromeburner`)."""
    if len(token) > 40:
        return None  # a label is at most 63; no impersonating name is one long word
    # ends[i]: the (brand, misspelt) of a split of token[:i] into brands and words beside
    # them (brand "" when it holds none yet); None when token[:i] splits into no such words
    ends: list[tuple[str, bool] | None] = [("", False)] + [None] * len(token)
    for i in range(1, len(token) + 1):
        for j in range(i):
            before = ends[j]
            if before is None:
                continue
            piece = token[j:i]
            if piece in _IMPERSONATED:
                ends[i] = before if before[0] else (piece, False)
            elif misspelt := _MISSPELLINGS.get(piece):
                ends[i] = before if before[0] else (misspelt, True)
            elif piece in _BESIDE_BRAND and ends[i] is None:
                ends[i] = before
            if (reached := ends[i]) is not None and reached[0]:
                break
    return ends[-1]


def _misspellings(target: str) -> set[str]:
    """`target` misspelt as an impersonator spells it: one letter dropped or doubled, two
    neighbours swapped, or a letter changed for one that looks like it (`googie`,
    `googlc`). Any other letter changed makes real words (`goggle`, `googly`) and other
    brands (`paypay`), a letter added other words (`youtuber`).

    >>> sorted(w for w in _misspellings("google") if w in {"gooogle", "gogole", "gogle",
    ...        "googie", "goggle", "googly", "gogles"})
    ['gogle', 'gogole', 'googie', 'gooogle']
    """
    spelt = set()
    for i, letter in enumerate(target):
        spelt.add(target[:i] + target[i + 1:])  # dropped
        spelt.add(target[:i] + letter + target[i:])  # doubled
        if i + 1 < len(target):
            spelt.add(target[:i] + target[i + 1] + letter + target[i + 2:])  # swapped
        spelt.update(target[:i] + other + target[i + 1:] for pair in _LOOKALIKE_LETTERS
                     if letter in pair for other in pair - {letter})
    return spelt - {target}


# letters an eye takes for each other at a URL bar's size
_LOOKALIKE_LETTERS = frozenset(frozenset(p) for p in ("il", "ij", "lj", "ce", "co", "gq", "uv",
                                                     "nm", "vw"))
# misspellings that are words or names of their own: `query` (jquery with its j dropped)
# names query APIs and builders, `papal` and `payal` (an Indian given name) are no PayPal,
# Goole a Yorkshire town and its paper
_OWN_WORDS = frozenset({"query", "papal", "payal", "goole"})
# every misspelling of a brand, to the brand: a name's words are looked up, not compared
_MISSPELLINGS = {w: b for b in reversed(_MISSPELT) for w in _misspellings(b) - _OWN_WORDS}


def related_site(host: str, first_party: str | None) -> bool:
    """Whether another site's host carries the page's own name (`static.harbourgazette-
    cdn.example` on harbourgazette.example): a site's CDN or API on a sister domain. The
    name must be whole words of the other's (between hyphens or digits: `harbour-gazette`
    reads as `harbourgazette`; an asset word glued on counts apart, `harbourgazettecdn`),
    or the other's the page's; the same letters inside a word
    (`radiostats` on radio.example, `games` in `freegamesloader`) are another name that
    happens to hold them. On a hosting platform the name is the customer's.

    >>> related_site("api.harbourgazette-media.example", "www.harbourgazette.example")
    True
    >>> related_site("cdn.userway.org", "www.harbourgazette.example")
    False
    >>> related_site("freegamesloader.test", "games.example"), related_site("radiostats.com",
    ...                                                                      "radio.example")
    (False, False)
    >>> related_site("harbourgazettecdn.example", "www.harbourgazette.example")
    True

    Not on a top-level domain abuse reports find cheap names abused in, unless the page's
    own site is there too: a dollar buys `harbourgazette-app.top`.

    >>> related_site("harbourgazette-app.top", "www.harbourgazette.example")
    False
    >>> related_site("static.harbourgazette-cdn.top", "www.harbourgazette.top")
    True
    """
    if not first_party:
        return False
    if cheap_suffix(host) and _suffix(host) != _suffix(first_party):
        return False  # a name anyone registers for a dollar there vouches for no one
    own, other = _name_words(_site_name(first_party)), _name_words(_site_name(host))
    if len("".join(own)) < RELATED_NAME_MIN:
        return _asset_host_of(other, "".join(own))
    return _bears(_unglued(other), own) or (
        len("".join(other)) >= RELATED_NAME_MIN and _bears(own, other))


def own_asset_host(host: str, first_party: str | None) -> bool:
    """Whether a host related to the page's site (`related_site`) is named as its asset
    host: the site's name with nothing beside it but asset words (`cdn`, `static`,
    `media`) or a region's two letters, on any suffix but a cheap one; not the name with a
    word of another business beside it, a lure a campaign registers per victim.

    >>> own_asset_host("static.harbourgazette-cdn.com", "www.harbourgazette.example")
    True
    >>> own_asset_host("harbourgazette.net", "www.harbourgazette.example")
    True
    >>> own_asset_host("harbourgazette-deals.com", "www.harbourgazette.example")
    False
    """
    if not related_site(host, first_party):
        return False
    own = "".join(_name_words(_site_name(first_party or "")))
    if len(own) < RELATED_NAME_MIN:
        return True  # a short name counts with one asset word glued on alone already
    words = _unglued(_name_words(_site_name(host)))
    for start in range(len(words)):
        run = ""
        for end in range(start, len(words)):
            run += words[end]
            if run == own:
                rest = words[:start] + words[end + 1:]
                return all(w in _ASSET_WORDS or len(w) <= 2 for w in rest)
            if not own.startswith(run):
                break
    return False  # a part of the page's name, not the name: no asset host of its


# the top-level domains abuse reports (Spamhaus', Interisle's yearly phishing landscape)
# find most of their names abused in: names sold for cents, registered by the thousand
# for one campaign. A site's CDN stays on its own suffix; a host bearing its name on one
# of these (`harbourgazette-app.top` beside harbourgazette.example) is a kit's dress.
_CHEAP_SUFFIXES = frozenset({
    "top", "xyz", "icu", "cyou", "buzz", "click", "sbs", "cfd", "rest", "bond", "monster",
    "quest", "lol", "pw", "tk", "ml", "ga", "cf", "gq", "support", "beauty", "hair", "mom",
    "skin", "autos", "boats", "yachts", "makeup", "homes", "motorcycles", "zip", "mov"})


def _suffix(host: str) -> str:
    """A host's public suffix, lowered (`co.uk` of news.example.co.uk)."""
    site = registrable_domain(host.lower())
    return site.split(".", 1)[1] if "." in site else ""


def cheap_suffix(host: str) -> bool:
    """Whether a host is registered under a top-level domain abuse reports find cheap names
    mostly abused in (`_CHEAP_SUFFIXES`): a name there vouches for no one.

    >>> cheap_suffix("harbourgazette-app.top"), cheap_suffix("static.harbourgazette.com")
    (True, False)
    """
    return _suffix(host).rsplit(".", 1)[-1] in _CHEAP_SUFFIXES


def _asset_host_of(words: list[str], name: str) -> bool:
    """Whether a host's name is a short page name and one asset word, nothing more
    (`ehowcdn`, `bbc-static` for ehow, bbc): a short name inside a longer word is another
    name (`abbcstatic`), but glued whole to an asset word alone it is the site's CDN.

    >>> _asset_host_of(["ehowcdn"], "ehow"), _asset_host_of(["bbc", "static"], "bbc")
    (True, True)
    >>> _asset_host_of(["abbcstatic"], "bbc"), _asset_host_of(["bbc", "news", "cdn"], "bbc")
    (False, False)
    """
    joined = "".join(words)
    return len(name) >= SHORT_NAME_MIN and any(
        joined in (name + asset, asset + name) for asset in _ASSET_WORDS)


def same_name(host: str, other: str) -> bool:
    """Whether two hosts' sites bear one registrable name under different suffixes
    (sina.com.cn and sina.cn; a brand's country or mobile domain), or one carries the
    other's (`related_site`).

    >>> same_name("sina.cn", "www.sina.com.cn"), same_name("m.spin.xyz", "sina.com.cn")
    (True, False)
    """
    name = _site_name(host)
    return (bool(name) and name == _site_name(other)) or related_site(host, other)


def _name_words(name: str) -> list[str]:
    """A name's words: its runs of letters (`windows-report-cdn01`: windows, report, cdn)."""
    return _WORDS.findall(name)


# what a site names its own asset hosts with, joined to its name in one word
# (`redditstatic`, `spotifycdn`, `harbourgazettemedia`); not a tracker's or a stats
# service's words (`radiostats` is no radio station's)
_ASSET_WORDS = frozenset({
    "cdn", "cdns", "static", "statics", "img", "imgs", "image", "images", "media", "assets",
    "asset", "files", "api", "apis", "content", "js", "css", "fonts", "video", "videos",
    "app", "apps", "edge",
})
_ASSET_ORDER = sorted(_ASSET_WORDS, key=lambda w: (-len(w), w))  # `apps` before `app`


def _unglued(words: list[str]) -> list[str]:
    """A name's words with the asset words glued to a word's start or end split off
    (`harbourgazettecdn`: harbourgazette, cdn), the rest kept at RELATED_NAME_MIN letters.

    >>> _unglued(["harbourgazettestaticcdn", "eu"]), _unglued(["radiostats"])
    (['harbourgazette', 'static', 'cdn', 'eu'], ['radiostats'])
    """
    out: list[str] = []
    for word in words:
        tail: list[str] = []
        head: list[str] = []
        split = True
        while split:
            split = False
            for asset in _ASSET_ORDER:
                if len(word) - len(asset) < RELATED_NAME_MIN:
                    continue
                if word.endswith(asset):
                    word, split = word[:-len(asset)], True
                    tail.insert(0, asset)
                    break
                if word.startswith(asset):
                    word, split = word[len(asset):], True
                    head.append(asset)
                    break
        out += [*head, word, *tail]
    return out


def _bears(words: list[str], part: list[str]) -> bool:
    """Whether `part`'s words, joined, are a run of whole words of `words` joined: the
    hyphens may fall elsewhere (`harbour-gazette` bears `harbourgazette`), a word may not
    be cut (`radiostats` bears no `radio`)."""
    joined = "".join(part)
    if not joined:
        return False
    for start in range(len(words)):
        run = ""
        for word in words[start:]:
            run += word
            if run == joined:
                return True
            if len(run) >= len(joined) or not joined.startswith(run):
                break
    return False


RELATED_NAME_MIN = 5  # a shorter page name ("bbc") is inside too many other names
SHORT_NAME_MIN = 3  # ... but glued to an asset word alone (`_asset_host_of`) it is its own


# An absolute http(s) URL with a plain host that urljoin would return unchanged: no dot
# segments to remove, no empty query or fragment to drop, no brackets or spaces.
_PLAIN_ABSOLUTE = lazy_regex(r"https?://([^/?#@\[\]\s\\:%\x80-\U0010ffff]+)(?::\d+)?(?:[/?#]|$)")
_DOT_SEGMENT = lazy_regex(r"/\.\.?(?:[/?#]|$)")


def _plain(url: str) -> bool:
    """Whether urljoin and urlsplit leave `url` as written: no dot segment to remove, no
    empty query or fragment to drop, no whitespace, backslash, bracket, `@` or `;`.

    Substring tests, one per character, not one regex: an alternation of those tests
    was tried at every offset of the URL (9 µs a URL, these 1.5).

    >>> _plain("https://a.test/x.js?v=1"), _plain("https://a.test/./x"), _plain("/a?")
    (True, False, False)
    """
    if "/." in url and _DOT_SEGMENT.search(url):
        return False
    if "?#" in url or url.endswith(("?", "#")):
        return False
    if "@" in url or ";" in url or "\\" in url or "[" in url or "]" in url:
        return False
    return not url or url.split(None, 1) == [url]  # str.split's whitespace is re's \s


def resolve(url: str, base: str | None) -> str | None:
    """An absolute fetchable URL for a reference in the page, or None (data:, javascript:, ...).

    >>> resolve("//a.magsrv.com/ad-provider.js", "https://8657085.xyz/?p=1")
    'https://a.magsrv.com/ad-provider.js'
    >>> resolve("javascript:void(0)", "https://x.test/") is None
    True
    """
    url = url.strip()
    if not url or url.startswith("#"):
        return None
    if (plain := _PLAIN_ABSOLUTE.match(url)) and _plain(url) and _as_written(plain.group(1)):
        return url  # what urljoin and urlsplit would make of it, without them
    if url[0] == "/" and base and "//" not in url and _plain(url):
        origin = _plain_origin(base)  # `/path`: a third of a page's references
        if origin is not None:
            return origin + url  # urljoin's answer: no dot segment or empty one to remove
    scheme = _scheme_of(base) if url.startswith("//") else None
    if scheme is not None:  # protocol-relative (a tenth): the base's scheme, as `joined`
        absolute = f"{scheme or 'https'}:{url}"
        if (plain := _PLAIN_ABSOLUTE.match(absolute)) and _plain(absolute) \
                and _as_written(plain.group(1)):
            return absolute
    return joined(url, base)


@functools.lru_cache(maxsize=1024)
def _scheme_of(base: str | None) -> str | None:
    """The scheme `joined` gives a protocol-relative reference ('' for https), None when
    the base does not split."""
    try:
        return urlsplit(base).scheme if base else ""
    except ValueError:
        return None


_PLAIN_ORIGIN = lazy_regex(r"https?://([^/?#@\[\]\s\\:]+)(?::\d+)?(?=[/?#]|$)")


@functools.lru_cache(maxsize=1024)
def _plain_origin(base: str) -> str | None:
    """`scheme://host[:port]` of a base URL whose origin urljoin keeps as written."""
    found = _PLAIN_ORIGIN.match(base)
    return found.group(0) if found and _as_written(found.group(1)) else None


def joined(url: str, base: str | None) -> str | None:
    r"""`resolve` by urljoin and urlsplit, for any reference (`url` already stripped), read
    as a browser reads it (`_as_browser`). A base that does not split (`http://[::1/` in a
    hostile `<base href>`) is no base: it must not lose the page's absolute URLs.

    >>> joined(r"\\a.magsrv.com\x.js", "https://site.test/p")
    'https://a.magsrv.com/x.js'
    >>> joined(r"https://a.magsrv.com\@site.test/x.js", None)
    'https://a.magsrv.com/@site.test/x.js'
    >>> joined("https://a.%6dagsrv.com/x.js", None), joined("https:a.magsrv.com/x", "http://s.test/")
    ('https://a.magsrv.com/x.js', 'https://a.magsrv.com/x')
    >>> joined("https://\uff4d\uff41\uff47\uff53\uff52\uff56\u3002com/x.js", None)
    'https://magsrv.com/x.js'
    """
    if base and _scheme_of(base) is None:
        base = None
    try:
        url = _as_browser(url, _scheme_of(base) if base else None)
        if url.startswith("//"):
            url = f"{_scheme_of(base) or 'https'}:{url}"
        absolute = urljoin(base, url) if base else url
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in FETCHABLE_SCHEMES or not parts.hostname:
        return None
    host = parts.hostname  # lowered: the netloc may write it in capitals, a browser does not
    if "%" in host or not host.isascii() or not _as_written(host) \
            or parts.netloc != parts.netloc.lower():
        canonical = browser_host(host)
        if canonical is not None and not _named(canonical):
            canonical = ipv4_host(canonical)  # `0x7f.1` is requested as 127.0.0.1
        try:
            port = f":{parts.port}" if parts.port is not None else ""
        except ValueError:  # a port that is no number: no URL a browser requests
            return None
        if canonical is None:
            return None
        if ":" in canonical:  # an IPv6 address (`hostname` drops its brackets)
            canonical = f"[{canonical}]"
        at = parts.netloc.rfind("@") + 1
        absolute = parts._replace(netloc=parts.netloc[:at] + canonical + port).geturl()
    return absolute


_SPECIAL_HEAD = lazy_regex(r"(?i)(https?|wss?):[/\\]*")


def _as_browser(url: str, base_scheme: str | None) -> str:
    r"""A reference as the URL standard reads it for http(s): a backslash before the query
    is a slash (`\\host/x`, `https:\\host`, `/\host`), and the slashes after a scheme
    other than the base's (or any run of three or more) open the host (`https:host`,
    `https:///host`); with the base's own scheme and fewer than two it is a path."""
    if "\t" in url or "\n" in url or "\r" in url:  # a browser strips them anywhere first
        url = url.replace("\t", "").replace("\n", "").replace("\r", "")
    if "\\" in url:
        cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
        url = url[:cut].replace("\\", "/") + url[cut:]
    head = _SPECIAL_HEAD.match(url)
    if head is None:
        return url
    scheme, slashes = head.group(1).lower(), head.end() - len(head.group(1)) - 1
    if slashes >= 2 or scheme != (base_scheme or "").lower():
        return f"{scheme}://{url[head.end():]}"
    return url


def browser_host(host: str) -> str | None:
    """A host as Chromium requests it: percent-decoded, then mapped as UTS #46 maps it,
    nontransitionally (full-width and enclosed letters, `。` as a dot, a soft hyphen left
    out; `ß` and `ς` kept, where IDNA 2003 made them `ss` and `σ`), and each label that
    is not ASCII punycoded; None for one holding a code point UTS #46 disallows.
    IDNA 2008's stricter validity is not asked: Chromium requests `☃.net` as
    `xn--n3h.net`, and a host it refuses to join (`a\u200db`) is only over-reported.

    >>> browser_host("\u24dc\u24d0\u24d6\u24e2\u24e1\u24e5.com"), browser_host("ma\u00df.test")
    ('magsrv.com', 'xn--ma-hia.test')
    >>> browser_host("ma%C3%9F.test"), browser_host("\u2603.net"), browser_host("\u2488.x")
    ('xn--ma-hia.test', 'xn--n3h.net', None)
    """
    try:
        mapped = idna.uts46_remap(unquote(host), std3_rules=False, transitional=False)
        return ".".join(label if label.isascii() else "xn--" + label.encode("punycode").decode()
                        for label in mapped.split(".")).lower().rstrip(".")
    except (idna.IDNAError, UnicodeError, ValueError):
        return None


def _named(host: str) -> bool:
    """Whether a host is sure to be no IPv4 address in any of the URL standard's forms:
    an IPv6 address, or a name whose last label ends in no digit and opens with no `0x`
    (a quick test; `ipv4_host` says what the rest are)."""
    if ":" in host:
        return True
    if "0x" not in host and "0X" not in host:  # most hosts: asked of every URL
        return not host.rstrip(".")[-1:].isdigit()
    last = host.rstrip(".").rpartition(".")[2]
    return not (last[-1:].isdigit() or last[:2].lower() == "0x")


# an IPv4 address as Chromium writes it (no leading zero, each part at most 255): most
# numeric hosts a page names, and already what a browser requests
_DOTTED_QUAD = lazy_regex(r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}"
                          r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])")


def _as_written(host: str) -> bool:
    """Whether a host is requested as written: a name in lower case (`_named`; a browser
    requests `A.Test` as `a.test`) or an address already in its dotted quad, which need
    neither urljoin nor `ipv4_host` (a page of 100,000 `http://1.2.3.4/` references took
    35 times as long through them).

    >>> _as_written("a.test"), _as_written("10.0.0.1"), _as_written("010.0.0.1")
    (True, True, False)
    >>> _as_written("A.Test")
    False
    """
    return (_named(host) and host == host.lower()) or _DOTTED_QUAD.fullmatch(host) is not None


def ipv4_host(host: str) -> str | None:
    """A host whose last label is a number read as the URL standard reads an IPv4
    address, as Chromium requests it: `0x7f.1`, `2130706433` and `0177.0.0.1` are all
    `127.0.0.1`. A host whose last label is no number is itself; one that is a number but
    no address (`1.2.3.256`, `08.1`) is None: a browser requests nothing.

    >>> ipv4_host("0x7f.1"), ipv4_host("2130706433"), ipv4_host("0177.0.0.1.")
    ('127.0.0.1', '127.0.0.1', '127.0.0.1')
    >>> ipv4_host("1.2.3.256"), ipv4_host("a.b4"), ipv4_host("a.0x")
    (None, 'a.b4', None)
    """
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    last = parts[-1]
    if not (last.isdigit() and last.isascii()) and _ipv4_number(last) is None:
        return host  # a name
    numbers = [_ipv4_number(part) for part in parts]
    if len(parts) > 4 or None in numbers:
        return None
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        return None
    address = values[-1] + sum(n << (8 * (3 - i)) for i, n in enumerate(values[:-1]))
    return str(ipaddress.IPv4Address(address))


def _ipv4_number(part: str) -> int | None:
    """One part of an IPv4 address as the URL standard parses it (`0x` hex, a leading
    `0` octal, else decimal), None when it is none."""
    radix = 10
    if part[:2].lower() == "0x":
        radix, part = 16, part[2:]
    elif len(part) > 1 and part[0] == "0":
        radix, part = 8, part[1:]
    if part == "":
        return 0 if radix != 10 else None
    digits = "0123456789abcdef"[:radix]
    if not part.isascii() or any(c not in digits for c in part.lower()):
        return None
    if len(part.lstrip("0")) > 11:  # past any address in every radix; and `int` refuses a
        return 1 << 32              # decimal string of over 4300 digits (ValueError)
    return int(part, radix)


def host_matches(host: str, domain: str) -> bool:
    """A domain matches the host itself and every subdomain of it (both as written: the
    caller lowers them).

    >>> host_matches("a.magsrv.com", "magsrv.com"), host_matches("notmagsrv.com", "magsrv.com")
    (True, False)
    """
    return host == domain or host.endswith("." + domain)


def host_under(host: str, domains: Iterable[str]) -> bool:
    """Whether the host is one of `domains` or a subdomain of one (`host_matches`)."""
    return any(host_matches(host, d) for d in domains)


def ip_address(host: str) -> bool:
    """Whether a (resolved) host is an IP address, not a name: no vendor serves its code or
    frames from one, and an injection's payload often sits there.

    >>> ip_address("185.12.4.9"), ip_address("[2001:db8::1]"), ip_address("cdn4.example")
    (True, True, False)
    """
    return ipv6_host(host) is not None or host.rstrip(".")[-1:].isdigit()


def ipv6_host(host: str) -> str | None:
    """An IPv6 address as a request's host holds it (bare, compressed), else None.

    >>> ipv6_host("[2001:DB8:0::1]"), ipv6_host("a.test")
    ('2001:db8::1', None)
    """
    try:
        return str(ipaddress.IPv6Address(host.strip("[]")))
    except ValueError:
        return None


# A host name as Chromium requests one (mapped by `browser_host`): dot-separated labels
# of letters, digits, `-` and `_`, either of those at a label's edge too (Chromium 156
# requested `_ads.example`, `ads_.example`, `-ads.example`, `x._a`); DNS's stricter
# letter-digit-hyphen rule is not the browser's. The policy's hosts are checked by it too.
HOST_NAME = lazy_regex(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")


def absolute_url(text: str, schemes: Collection[str] = ("http", "https")) -> str | None:
    """`text` stripped when it is an absolute URL in one of `schemes` with a host a
    browser can request (a name, an IPv4 or a bracketed IPv6 address; a port that is a
    number), else None: a page's first party and relative references are drawn from such
    a URL, so a typo must not pass as a site.

    >>> absolute_url(" https://example.com/a "), absolute_url("https://host|ile.example/")
    ('https://example.com/a', None)
    >>> absolute_url("https://_ads.example-_/"), absolute_url("https://a..example/")
    ('https://_ads.example-_/', None)
    """
    parts = split_url(text.strip())
    if parts is None or parts.scheme.lower() not in schemes:
        return None
    try:
        host = parts.hostname if parts.port is None or parts.port >= 0 else None
    except ValueError:  # a port that is no number
        return None
    if host and ":" in host:  # an IPv6 literal
        return text.strip() if ipv6_host(host) else None
    mapped = browser_host(host) if host else None
    return text.strip() if mapped and HOST_NAME.fullmatch(mapped) else None


# A web archive's replay URL is PREFIX TIMESTAMP[MODIFIER_]/ORIGINAL: PREFIX a collection's
# path on the archive (`/web/` on the Wayback Machine, `/1234/` an Archive-It collection,
# pywb's `/my-coll/`), written absolute, protocol-relative or as a path from the archive's
# root; the modifier says how the archive serves the capture (`js_`, `im_`, `cs_`, `if_`,
# `fw_`, `id_`, `mp_`, pywb's web worker `wkr_`). The hosts whose replay URLs are read from the
# page's URL alone:
REPLAY_HOSTS = {"web.archive.org": "Wayback Machine", "wayback.archive-it.org": "Archive-It"}
_REPLAY_STAMP = r"/(\d{4,14})(?:[a-z]{2,3}_)?/(?=(?:https?:)?//)"
# pywb also replays its latest capture of a URL given with no timestamp (`/coll/URL`,
# `/coll/mp_/URL`): read only in a wrapper on a replay's own host or from the root of a
# replay of that collection, and only before a URL with its scheme (a redirector's
# `/out/http://…` on another host, or `?url=http://…`, is no wrapper)
_REPLAY_ANY = r"/(?:(\d{4,14})(?:[a-z]{2,3}_)?/(?=(?:https?:)?//)|(?:[a-z]{2,3}_/)?(?=https?://))"
_REPLAY_PAGE = lazy_regex(r"(?i)(https?:)?//([^/?#]+)/([A-Za-z0-9_.-]+)" + _REPLAY_STAMP)
_SLASH = r"\\?/"  # in a page's code a slash may be written `\/`


def replay_page_url(url: str) -> tuple[str, str, str, str] | None:
    """A known archive's replay URL as (archive host, collection, timestamp, original), else
    None: a page fetched from `web.archive.org/web/TS/URL` is URL's page as it was at TS.

    >>> replay_page_url("https://web.archive.org/web/20230105123456/https://news.example/a")
    ('web.archive.org', 'web', '20230105123456', 'https://news.example/a')
    >>> replay_page_url("https://web.archive.org/"), replay_page_url("https://x.test/web/1999/https://a.b/")
    (None, None)
    """
    m = _REPLAY_PAGE.match(url.strip())
    if m is None or m.group(2).lower() not in REPLAY_HOSTS:
        return None
    return m.group(2).lower(), m.group(3), m.group(4), url.strip()[m.end():]


def replay_wrapper(hosts: Collection[str], collection: str) -> re.Pattern[str]:
    r"""What a replay of `collection` on `hosts` writes before each original URL, to be cut
    away: absolute, protocol-relative, or from the root (only where a URL starts, so
    another site's `/web/…` path is left alone), its slashes as code may escape them; with
    or without a timestamp (pywb's latest capture).

    >>> w = replay_wrapper(["web.archive.org"], "web")
    >>> w.sub("", 'src="/web/2023js_/https://a.example/x.js" //web.archive.org/web/2023im_/http://b.example/p')
    'src="https://a.example/x.js" http://b.example/p'
    >>> w.sub("", "https://other.example/web/2023/https://a.example/")
    'https://other.example/web/2023/https://a.example/'
    >>> w.sub("", r'"https:\/\/web.archive.org\/web\/2023js_\/https:\/\/a.example\/x.js"')
    '"https:\\/\\/a.example\\/x.js"'
    >>> w.sub("", 'href="../web/2014/http://a.example/" href="../../web/2014/http://b.example/"')
    'href="http://a.example/" href="http://b.example/"'
    >>> p = replay_wrapper(["localhost"], "coll")
    >>> p.sub("", 'http://localhost:8080/coll/mp_/https://a.example/ "/coll/http://b.example/"')
    'https://a.example/ "http://b.example/"'
    >>> p.sub("", 'http://localhost:8080/coll/?url=http://a.example/ /coll/a.example/')
    'http://localhost:8080/coll/?url=http://a.example/ /coll/a.example/'
    """
    named = "|".join(re.escape(h) for h in sorted(hosts))
    origin = rf"(?:https?:)?//(?:{named})(?::\d+)?" if named else r"(?!)"
    # from the root, or relative in a saved copy's folders (`../web/<time>/…`)
    wrapper = (rf"(?:{origin}|(?<![^\s\"'(=,])(?:(?:\.\.?/)*\.\.?)?)/{re.escape(collection)}"
               f"{_REPLAY_ANY}")
    return re.compile("(?i)" + wrapper.replace("/", _SLASH))


class Proxied(NamedTuple):
    """A page a proxy or cache serves for another site: which service, the original's URL,
    and whether the service serves it as its publisher made it (`own`: the AMP cache
    serves a publisher's AMP page, the page's own address in search results) rather than
    as a copy of its own (Google Translate's rewrite, Google's cache snapshot)."""

    service: str
    url: str
    own: bool


AMP_CACHE = ".cdn.ampproject.org"
# The AMP caches (cdn.ampproject.org/caches.json) and the names reports give them
AMP_CACHES = ((AMP_CACHE, "AMP cache"), (".bing-amp.com", "Bing AMP cache"))
_AMP_CACHE_PATH = lazy_regex(r"/[cvi]/(s/)?([^/?#]+)(.*)", re.S)
_TRANSLATE = ".translate.goog"
_GOOGLE_CACHE = "webcache.googleusercontent.com"
# Google Search's AMP viewer frames the cache's copy under its own address, as people
# share it: www.google.com/amp/s/<host>/<path> (s/: the original is https), and on each
# country's Google (`www.google.co.uk`, `www.google.de`: `_google_search`)
_AMP_VIEWER_PATH = lazy_regex(r"/amp/(s/)?([^/?#]+\.[^/?#]+)(.*)", re.S)
_TRANSLATE_CONTENT = "translate.googleusercontent.com"  # Translate's proxy before translate.goog


def _google_search(host: str) -> bool:
    """Whether a host is Google Search's, on any of its country domains (not a host
    under another's name: `google.com.x.example`)."""
    bare = host[len("www."):] if host.startswith("www.") else host
    return bare.startswith("google.") and registrable_domain(bare) == bare


def _legacy_translate(host: str, path: str) -> bool:
    """Google Translate's page-translation URLs before `*.translate.goog`: the site's
    translate page (`translate.google.<any Google suffix>/translate` or `/website`) and
    the frame its proxy served (`translate.googleusercontent.com/translate_c`)."""
    if host == _TRANSLATE_CONTENT:
        return path in ("/translate_c", "/translate_p")
    return (host.startswith("translate.google.") and path in ("/translate", "/website")
            and registrable_domain(host) == host[len("translate."):])


_CACHE_QUERY = lazy_regex(r"cache:(?:[\w-]{8,16}:)?(\S+)")


def proxied(url: str | None) -> Proxied | None:
    """The original of a page served by an AMP cache (Google's, Bing's) or Google's AMP
    viewer, Google Translate's proxy (`*.translate.goog`, and its older
    `translate.google.*/translate?u=` and `translate.googleusercontent.com/translate_c?u=`
    forms) or Google's cache (each names the original in its own URL), else None: also
    when what the URL names is no page of a public site (`-.translate.goog`,
    `cache:abc:`). An AMP cache's subdomain (`www-x--y-com`, or a hash where that is too
    long) is not read: the path names the original whole.

    >>> proxied("https://www-x-com.cdn.ampproject.org/c/s/www.x.com/a/amp/")
    Proxied(service='AMP cache', url='https://www.x.com/a/amp/', own=True)
    >>> proxied("https://www-x--y-com.bing-amp.com/c/s/www.x-y.com/a/amp/")
    Proxied(service='Bing AMP cache', url='https://www.x-y.com/a/amp/', own=True)
    >>> proxied("https://www.google.com/amp/s/www.x.com/a/amp/")
    Proxied(service='Google AMP viewer', url='https://www.x.com/a/amp/', own=True)
    >>> proxied("https://www.google.co.uk/amp/s/www.x.com/a/amp/").url
    'https://www.x.com/a/amp/'
    >>> proxied("https://translate.google.co.uk/translate?sl=de&tl=en&u=www.x.com/a%3Fb%3D1").url
    'https://www.x.com/a?b=1'
    >>> proxied("https://translate.googleusercontent.com/translate_c?depth=1&u=https://x.com/a&usg=A").url
    'https://x.com/a'
    >>> proxied("https://www-x--y-co-uk.translate.goog/a?b=1&_x_tr_sl=en&_x_tr_tl=de").url
    'https://www.x-y.co.uk/a?b=1'
    >>> proxied("https://webcache.googleusercontent.com/search?q=cache:kT3vPZ7yQ0AJ:https://x.com/a&cd=1").url
    'https://x.com/a'
    >>> proxied("https://www.x.com/c/s/y.com/a"), proxied("https://-.translate.goog/a")
    (None, None)
    """
    found = _proxied(url)
    return found if found is not None and public_site(host_of(found.url)) else None


def _proxied(url: str | None) -> Proxied | None:
    parts = split_url(url) if url else None
    if parts is None or not parts.hostname:
        return None
    host = parts.hostname.lower()
    cache = next((name for suffix, name in AMP_CACHES if host.endswith(suffix)), None)
    if cache is not None and (m := _AMP_CACHE_PATH.fullmatch(parts.path)):
        return Proxied(cache, _amp_original(m, parts.query), True)
    if _google_search(host) and (m := _AMP_VIEWER_PATH.fullmatch(parts.path)):
        return Proxied("Google AMP viewer", _amp_original(m, parts.query), True)
    if _legacy_translate(host, parts.path):  # the original whole in `u`, its scheme optional
        target = next((v.strip() for k, v in parse_qsl(parts.query) if k == "u"), "")
        return Proxied("Google Translate", _schemed(target), False) if target else None
    if host.endswith(_TRANSLATE) and (label := host[: -len(_TRANSLATE)]) and "." not in label:
        original = label.replace("--", "\0").replace("-", ".").replace("\0", "-")
        query = "&".join(kv for kv in parts.query.split("&") if kv and not kv.startswith("_x_tr_"))
        return Proxied("Google Translate", f"https://{original}{parts.path or '/'}"
                       + (f"?{query}" if query else ""), False)
    if host == _GOOGLE_CACHE:
        for key, value in parse_qsl(parts.query):
            if key == "q" and (m := _CACHE_QUERY.match(value)):
                return Proxied("Google cache", _schemed(m.group(1)), False)
    return None


def _amp_original(m: re.Match[str], query: str) -> str:
    """The original an AMP cache's or viewer's path names (`s/`: it is https)."""
    return f"{'https' if m.group(1) else 'http'}://{m.group(2)}{m.group(3) or '/'}" + (
        f"?{query}" if query else "")


def _schemed(target: str) -> str:
    """An original a proxy names with its scheme or without (`www.x.com/a`: https)."""
    return target if target.lower().startswith(("http://", "https://")) else "https://" + target


# archive.today keeps a snapshot under its own short id (`archive.ph/AbCdE`), with a long
# form naming the original (`archive.ph/2023.01.05-123456/https://…`); it serves the same
# snapshots under all of these names
ARCHIVE_TODAY_HOSTS = frozenset({"archive.today", "archive.ph", "archive.md", "archive.is",
                                 "archive.li", "archive.fo", "archive.vn"})
_SNAPSHOT_PATH = lazy_regex(r"(?i)https?://([^/?#]+)/(?:([A-Za-z0-9]{5})/?$|(\d{14}|\d{4}\.\d\d"
                            r"\.\d\d(?:-\d{6})?)/((?:https?:|https?%3a)//.+))")


def archive_today_snapshot(url: str) -> tuple[str, str | None, str | None] | None:
    """An archive.today snapshot URL as (host, timestamp, original), the last two None for
    the short form; None for any other URL.

    >>> archive_today_snapshot("https://archive.ph/2023.01.05-123456/https://n.example/a")
    ('archive.ph', '20230105123456', 'https://n.example/a')
    >>> archive_today_snapshot("https://archive.ph/AbCdE"), archive_today_snapshot("https://archive.ph/faq/")
    (('archive.ph', None, None), None)
    """
    m = _SNAPSHOT_PATH.match(url.strip())
    if m is None or m.group(1).lower() not in ARCHIVE_TODAY_HOSTS:
        return None
    if m.group(2):
        return m.group(1).lower(), None, None
    original = re.sub(r"(?i)^(https?)%3a", r"\1:", m.group(4))
    return m.group(1).lower(), re.sub(r"[.-]", "", m.group(3)), original


# an address inside a path, its scheme spoilt: `xttp://`, `hxxp://`, `ttp://`, `hxxps://`
_MANGLED = lazy_regex(r"/(?P<scheme>[a-z]{2,5}):/{1,2}(?P<host>[a-z0-9.-]+\.[a-z]{2,})(?=[/:]|$)",
                      re.I)
_SPOILT = lazy_regex(r"^(?:[a-z]?ttps?|h[a-z]{2}ps?)$", re.I)
# how security writeups quote an address harmlessly (an IOC list's `hxxp://evil.test/`)
_DEFANGED = lazy_regex(r"^hxxps?$", re.I)


def mangled_page_address(url: str, first_party: str | None) -> str | None:
    """The host a script's path carries under a spoilt scheme, when it is the page's own
    (or the page's is unknown, and the scheme is not a writeup's defanged `hxxp`: an
    indicator's address, which a page of unknown address cannot be told from); None for
    any other URL.

    >>> mangled_page_address("http://cdn.bar.test/30/xttp://news.example/arg", "news.example")
    'news.example'
    >>> mangled_page_address("https://web.archive.org/web/2014/http://news.example/a.js", None)
    >>> mangled_page_address("https://stats.test/hit?u=xttp://news.example/", "news.example")
    >>> mangled_page_address("https://cdn.sec.test/ioc/hxxp://evil.test/x.js", None)
    """
    parts = split_url(url)
    if parts is None:
        return None
    for match in _MANGLED.finditer(parts.path):
        scheme, host = match["scheme"].lower(), match["host"].lower()
        if scheme in ("http", "https") or not _SPOILT.match(scheme):
            continue
        if first_party is None and _DEFANGED.match(scheme):
            continue
        if first_party is None or registrable_domain(host) == registrable_domain(first_party):
            return host
    return None


def site_path(href: str) -> bool:
    """Whether a link's written `href`, not an absolute URL, is a path of the page's own
    site: not empty, not a fragment alone (the page itself), no scheme before its first `/`
    (`javascript:`, `mailto:`).

    >>> [site_path(h) for h in ("/random.php", "baner/7", "", "#top", "mailto:a@b.test")]
    [True, True, False, False, False]
    """
    return bool(href) and not href.startswith("#") and ":" not in href.split("/", 1)[0]


def url_path(url: str) -> str:
    """A URL without its query and fragment: what loader paths and file names are read
    from."""
    return url.split("?", 1)[0].split("#", 1)[0]


# the files of the libraries every theme loads from a public CDN, by the names their
# releases give them (`jquery-3.7.1.min.js`, `jquery.slim.min.js`, `jquery-migrate.min.js`,
# `bootstrap.bundle.min.js`): what a script claims to be by its name alone
_LIBRARIES = (
    ("jQuery", lazy_regex(r"jquery(?:[-.](?:\d+(?:\.\d+)*|min|slim|migrate|latest))*\.js",
                          re.I)),
    ("Bootstrap", lazy_regex(r"bootstrap(?:\.bundle)?(?:\.min)?\.js", re.I)),
)


def library_of(url: str) -> str | None:
    """The library a script's file name says it is, if any: a skimmer or a Balada loader
    served as `jquery.min.js` from a host dressed as jQuery or its CDN passes for the
    copy every theme loads.

    >>> library_of("https://jquery-cdn.test/jquery-3.7.1.min.js?ver=3"), library_of("/a.js")
    ('jQuery', None)
    >>> library_of("https://x.test/js/bootstrap.bundle.min.js"), library_of("/jquery.ui.js")
    ('Bootstrap', None)
    """
    name = url_path(url).rsplit("/", 1)[-1]
    return next((lib for lib, pattern in _LIBRARIES if pattern.fullmatch(name)), None)
