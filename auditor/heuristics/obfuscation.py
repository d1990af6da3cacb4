"""The `obfuscated-script` finding: inline code that hides what it runs or loads,
judged on what it decodes to (auditor/dom/deobfuscate.py decodes it).

Decoding comes before judging. Escaping that hides no letter or digit (Blogger's
`\x3d`, JSON's `\u002F`, `unescape('%3Cscript src=…')` of a URL in plain sight) is a
serializer's habit, not obfuscation. A script is obfuscated when it is machine-obfuscated
(packed, `_0x` identifiers, shift-cipher strings) or when an encoding that hides
letters and digits carries code or a URL the code loads. It is `high` only when the
hidden code loads or sends the visitor to another site's host that the page does not
otherwise name, starts a miner, or nests its encodings past what the decoder reads:
what a reviewer would act on. What machine-obfuscated code loads is what its acts load
(`deobfuscate.table_acts`): a string table's URL is no target because the table also
holds `location` (read for its host name by a theme's licence check); the code must
create a script or frame, write loading markup, run what it fetches or assign the
location. Base64 that decodes to JSON is data the visible code
reads (Funding Choices' config), not code: the hosts in it that the catalogue files
under the data's vendor are named, and data naming only named hosts is no finding.
Machine-obfuscated code that names a loader the page runs in plain sight beside it is
that vendor's fallback (Admiral's rotating hosts, Ad-Shield's mirrors and error page):
`medium`, saying which loader to check, unless a host it loads is a bare IP address
or the loader is one the catalogue files under a company whose hosts it does not load
(an injection pasted under the page's jQuery or GPT tag, naming it).
A theme's bundle holding one packed jQuery plugin whose unpacked code names no URL and
only works on the page's own elements is no finding (`_packed_plugin`).
Hidden code that decodes to a catalogued vendor's own documented snippet (its inline
signature beside a script of its service: a packed `GoogleAnalyticsObject` loader of
analytics.js) is that vendor's code hidden by a site that packs its scripts: `medium`, to
check (`_vendor_snippet`); anything else it loads, or any other site's host it names (a
cookie beacon, a socket, a user part spoofing the vendor's host), keeps it `high`, as does
an ad network's or affiliate's snippet hidden (a popunder's tag, an AdSense loader).
Hidden code that carries, as a quoted literal (its visible part or what it decodes to), a
zone or site ID that the page's own tags of an ad network also name, elsewhere in its
markup, is that network's code (HilltopAds' anti-adblock pop loader, packed, loading from a
throwaway host and handed `window.spot_code = '<zone>'`, the zone of the page's own
HilltopAds pop tag): the site chose the network, the code earns its account, `medium`
(`_open_zone`). Not where the page is a post body, or the code or the tag sits in an
article's body or outside the page's markup: a paste there vouches for nothing, and an
injector's loader names its own account, which no tag of the page's names.
A script the decoder could not read to its end (a decoder run past the part it
examines, its budget spent) is `medium`: not readable is not harmless.
A theme's or plugin's own obfuscated library (JNews' `jnews` helper, inlined in the head)
is no finding either when what a reviewer can check all holds (`_build_library`):
the decoded code reaches nothing itself (no URL at all, no redirect, no frame, no fetched
code run, no `document.write`, no miner, nothing left undecoded; creating a script or an object
from the theme's own configuration is what such a library does), it sits in the template,
not in the article's body (a post's content is anyone's paste), and the page's own build
vouches for it: the page loads assets from its own host under
`wp-content/themes/<slug>/` or `wp-content/plugins/<slug>/`, its markup uses that slug as a
class or id namespace (`jnews_header_top_ads`), and the code names the same namespace
(`jnewsHelper`). No theme is named here; an injector's loader decodes to a URL or a
redirect and stays `medium`/`high` whatever namespace it borrows. A request voids the
vouching where its address is another site's that the markup hands the code (an attribute
the code names) or where the code sets the request's answer as markup itself: where the
address comes from (a cookie its server set, the library's configuration) the page need
not show, so the line is what the answer is used for. JNews' library hands its answer to
its caller's callback (read as data); a fetch-and-show is an injector's payload. That is
read where the string table's literal reads resolve (`string_table.literal_reads`: JNews'
own table, minified, whose every function names the accessor by a letter of its own);
where the table is not read, code holding a request and a word that sets markup
(`innerHTML`, `write`, `html`, as written or as a string of the table) is not vouched
for: the vouching needs what it says it read, and a request beside a markup word whose
uses no reading placed is what a fetch-and-show injector ships.
An inert payload is no finding either (`_inert_payload`): base64 that `eval` runs and
that decodes to plain code which only builds values (`window.c = new Array();
window.c.push(0x51b8)`), with no URL, no markup, no act a loader needs (no DOM write,
request, navigation, cookie or storage, timer, further decoding) and no call but the
language's own value builders. Hiding it hides nothing a reviewer could act on; what
the visible code later does with the values is in plain sight, judged by the rest.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

import lxml.html.defs

from auditor.catalogue import AD_FORMATS, Catalogue, Network
from auditor.dom.deobfuscate import (
    CODE_TYPES,
    FETCH_RUN_ACT,
    FRAME_ACT,
    MAX_DECODED,
    MAX_SCRIPT,
    NAVIGATE_ACT,
    PACKED,
    Decoded,
    as_written,
)
from auditor.dom.parser import line_at
from auditor.dom.string_table import literal_reads, resolved
from auditor.heuristics.interface import FindingKind, PageContext, finding, script_codes
from auditor.heuristics.markup import code_start, outside_markup
from auditor.lazy_re import lazy_regex
from auditor.metrics import inside_bodies
from auditor.model import Category, Finding, Identifier, Origin, RequestType, Severity
from auditor.urls import host_of, ip_address, is_third_party, open_host, resolve

__all__ = ["OBFUSCATED_SCRIPT", "obfuscated_scripts"]

_BESIDE = 2  # lines before an inline script where its vendor's loader tag may sit
# what packed code does that a packed jQuery plugin (an easing table, a slider, a lightbox)
# never needs: run or write code, create a script or a frame, write markup that loads or
# runs, navigate, open a window, reach the network, set an address, or decode more
_ACTS = lazy_regex(
    r"""\beval\s*\(|\bFunction\s*\(|document\s*\.\s*write|\blocation\b|\bopen\s*\("""
    r"""|createElement\s*\(\s*['"](?:script|iframe|frame|embed|object|form|a)['"]"""
    r"""|<\s*(?i:script|iframe|frame|embed|object|form|a\b|img|meta)|\son[a-z]+\s*="""
    r"""|\.\s*(?:src|href|action|srcdoc)\s*=(?!=)|setAttribute\s*\(\s*['"](?:src|href|action|on)"""
    r"""|\bfetch\s*\(|XMLHttpRequest|sendBeacon|WebSocket|\bImage\s*\(|\bimport\s*\("""
    r"""|\.\s*(?:ajax|get|post|getScript|getJSON|load)\s*\(|\batob\s*\(|fromCharCode"""
    r"""|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|%[0-9a-fA-F]{2}|\bunescape\s*\("""
    r"""|\bset(?:Timeout|Interval)\s*\(\s*['"`]"""
    # a word split so that no reader finds it (`createElement('sc'+'ript')`, `s['sr'+'c']`,
    # `window['loc'+'ation']`): a literal joined to a literal, which no plugin writes
    r"""|['"`]\s*\+\s*['"`]""")


def _named_elsewhere(host: str, page_text: str) -> bool:
    """Whether the page names a host in plain text (a script src, a link, a literal)."""
    return bool(host) and host.lower() in page_text


# a run of the characters hosts are written in: a host that is one whole run of the page's
# text is named in it, known without a scan of the page; the runs are read once a page has
# had more hosts asked than `_SCANS` (a page's few hosts are quicker scanned for)
_HOST_RUN = lazy_regex(r"[a-z0-9._-]+")
_SCANS = 64


class _NamedHosts:
    """`_named_elsewhere` of one page's text, lowered once, each host asked once, and past
    `_SCANS` hosts, a host standing alone in the text (`//h.test/`, `"h.test"`) found in a
    set of its runs: a scan of the page per decoded URL, of thousands, was quadratic."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lowered: str | None = None
        self._runs: frozenset[str] | None = None
        self._asked: dict[str, bool] = {}

    def __call__(self, host: str) -> bool:
        named = self._asked.get(host)
        if named is None:
            if self._lowered is None:
                self._lowered = self._text.lower()
            if self._runs is None and len(self._asked) >= _SCANS:
                self._runs = frozenset(_HOST_RUN.findall(self._lowered))
            named = bool(host) and ((self._runs is not None and host.lower() in self._runs)
                                    or _named_elsewhere(host, self._lowered))
            self._asked[host] = named
        return named


def _vendor_hosts(decoded: Decoded, catalogue: Catalogue, page_url: str | None
                  ) -> frozenset[str]:
    """The hosts of decoded data (`HiddenURL.in_data`) that are its vendor's: a vendor's
    config names its own hosts (Funding Choices' base64 config, its messages host and
    Google's static host). A host the catalogue files under a vendor's service (not
    content: CDNs and hosting rent to anyone; nor a tag manager, whose container is its
    customer's code) is the vendor's, and a content host is when its company also runs
    such a service named in the same data (a hosting platform's customer host is none:
    `Catalogue.runner_of`)."""
    services: dict[str, str] = {}  # host -> company, of hosts of a vendor's service
    content: dict[str, str] = {}  # host -> company, of content hosts (CDNs, hosting)
    for hidden in decoded.urls:
        if not hidden.in_data:
            continue
        url = resolve(hidden.url, page_url)
        host = host_of(url) if url else ""
        # who runs what the host serves: a platform's customer host (evil.firebaseapp.com,
        # a storage bucket, an open CDN's files) is nobody's the catalogue knows
        entity = catalogue.runner_of(url, host).entity if url and host else None
        if entity is None or entity.category is Category.TAG_MANAGER:
            continue  # a tag manager's container is its customer's code, not the vendor's
        (content if entity.category is Category.CONTENT else services)[host] = entity.company
    companies = set(services.values())
    return frozenset(services) | {h for h, company in content.items() if company in companies}


def _plain_loaders(ctx: PageContext) -> dict[str, list[tuple[int, str, str]]]:
    """host -> (line, xpath, url) of the third-party scripts the page loads, but those
    found only once its code is decoded and connection hints (by host: asked once a
    decoded URL, a scan of every script per URL took seconds on a page of thousands)."""
    lines: dict[str, list[tuple[int, str, str]]] = {}
    for r in ctx.resources:
        if r.third_party and r.type is RequestType.SCRIPT and r.via != "inline-decoded" \
                and not r.hint:
            lines.setdefault(r.host, []).append((r.line, r.xpath, r.url))
    return lines


def _company(catalogue: Catalogue, host: str) -> str | None:
    """The company the catalogue says runs a host, if it knows one."""
    owner = catalogue.host_runner(host)
    return owner.network.company if owner.network else (
        owner.entity.company if owner.entity else None)


def _vouches(catalogue: Catalogue, loader: str, offsite: list[str]) -> bool:
    """Whether a loader beside obfuscated code can be the vendor whose fallback it is: a
    vendor whose hosts rotate is in no catalogue, and a host the catalogue files under a
    company (code.jquery.com, GPT's) falls back only to that company's hosts. An injection
    pasted under the page's jQuery or GPT tag, naming it, is no fallback of theirs; nor
    is one under a library the page loads from a host of anyone's files (jsDelivr, unpkg,
    a bucket): no vendor's loader is known by such a host, whose files are anyone's."""
    if open_host(loader):
        return False
    company = _company(catalogue, loader)
    return company is None or all(_company(catalogue, host_of(u)) == company for u in offsite)


def _plain_vendor(catalogue: Catalogue, url: str, host: str) -> bool:
    """Whether a URL in plain sight is a script of a vendor's service the catalogue knows
    (an anti-adblock bait's `adsbygoogle.js`, in a string table written plain): not one
    of a host of anyone's files (a CDN's, hosting's, an open host's), a tag manager's
    container (its customer's code) or a miner's."""
    if open_host(host):
        return False
    entity = catalogue.runner_of(url, host).entity
    return entity is not None and entity.category not in (
        Category.CONTENT, Category.TAG_MANAGER, Category.CRYPTOMINING)


# vendors whose code earns whoever's account it names: an ad network that places ads (its
# slots or formats: a popunder's tag, an AdSense loader with its publisher), an affiliate's:
# hidden, it is how an injector hides its money, not a site's way of packing its scripts;
# its snippet hidden stays `high`. An ad platform's measuring pixel (Facebook's) places none
_PAID = frozenset({Category.AFFILIATE, Category.ADWARE, Category.FINGERPRINTING,
                   Category.CRYPTOMINING})


def _pays(network: Network) -> bool:
    """Whether a vendor's code earns whoever's account it names (`_PAID`)."""
    return network.category in _PAID or (network.category is Category.ADVERTISING and bool(
        network.slots or network.script_slots or AD_FORMATS.intersection(network.formats)))


def _vendor_snippet(catalogue: Catalogue, url: str, host: str, decoded: Decoded) -> str | None:
    """The vendor whose own documented snippet hidden code decodes to, where the script it
    loads is that vendor's service's and the decoded code holds that vendor's inline
    signature (a packed `GoogleAnalyticsObject` loader of analytics.js): the vendor's code,
    hidden by a site that packs its scripts, not an injector's payload. A bare address
    hidden without the vendor's snippet around it (an anti-adblock bait's) is none."""
    if not _plain_vendor(catalogue, url, host):
        return None
    network = catalogue.runner_of(url, host).network
    return network.name if network is not None and not _pays(network) and any(
        network.configured_in(p) for p in decoded.payloads) else None


# an address's authority in decoded code, any scheme (`https://h/`, `wss://h`, `//h`), its
# user part kept so the host after `@` is the one read (`//www.google-analytics.com@evil.io`)
_AUTHORITY = lazy_regex(r"""(?<![\w.+-])(?:[a-z][a-z0-9+.-]{0,15}:)?//([^/\s'"\\?#<>;,()]+)"""
                        r"""(/[^\s'"\\<>]{0,200})?""", re.I)


def _foreign_hosts(catalogue: Catalogue, decoded: Decoded, vendors: Collection[str],
                   first_party: str | None) -> bool:
    """Whether hidden code that is a vendor's snippet names an address on another site's
    host than those vendors' (a beacon of the visitor's cookie to the injector's host, a
    socket, an address whose user part spoofs the vendor's host): no vendor's snippet does."""
    for payload in decoded.payloads:
        for m in _AUTHORITY.finditer(payload):
            host = m.group(1).rsplit("@", 1)[-1].split(":")[0].strip(".").lower()
            if not host or "." not in host or not is_third_party(host, first_party):
                continue
            path = m.group(2) or "/"
            if not any(n is not None and n.name in vendors for n in (
                    catalogue.runner_of(f"https://{host}{path}", host).network,
                    catalogue.runner_of(f"https://{host}/", host).network)):
                return True
    return False


# an image's address moved into place from its own data attribute (`img.src = img.
# getAttribute("data-src")`, `el.src = el.dataset.src`): a lazy loader's, showing the
# page's own picture; nothing joined to it (`s.src = d.body.dataset.cdn + '/x.js'`), and
# the element read the one set (`s.src = m.dataset.u` hands a made element, perhaps a
# script made by a name in a variable, another element's address)
_LAZY_SOURCE = lazy_regex(
    r"""(?<![\w$.])([\w$]{1,60}(?:\.[\w$]{1,60}){0,3})\s*\.\s*src(?:set)?\s*=(?!=)\s*"""
    r"""\1\s*\.\s*"""
    r"""(?:getAttribute\s*\(\s*(['"])data-[\w-]{1,40}\2\s*\)|dataset\s*\.\s*[\w$]{1,40})"""
    r"""(?=\s*(?:[;}),]|$))""")


# code making or inserting an element: no lazy loader's, which fills the page's own images
_MAKES_ELEMENTS = lazy_regex(
    r"""\b(?:createElement(?:NS)?|appendChild|insertBefore|insertAdjacentElement|replaceWith"""
    r"""|replaceChild|cloneNode)\b|\.\s*(?:append|prepend|after|before)\s*\(""")


# the page's own host name compared with a literal (`window.location.hostname ===
# "example.com"`, either side): a site's packed domain lock, a licence check reading the
# host, which navigates nowhere and loads nothing
_HOST_CHECK = lazy_regex(
    r"""(?<![\w$.])(?:(?:window|document|self|top)\s*\.\s*)?location\s*\.\s*host(?:name)?"""
    r"""\s*[!=]==?\s*(['"])[\w.-]{1,253}\1(?![\w$.])"""
    r"""|(['"])[\w.-]{1,253}\2\s*[!=]==?\s*(?:(?:window|document|self|top)\s*\.\s*)?"""
    r"""location\s*\.\s*host(?:name)?(?![\w$.])""")


def _packed_plugin(code: str, decoded: Decoded) -> bool:
    """Whether a script's one obfuscation is a single P.A.C.K.E.R. block whose unpacked
    code only works on the page's own elements: a jQuery plugin packed for size, as old
    easing, slider and lightbox plugins ship and themes still bundle them (a theme's
    `main.min.js` inlined by an optimiser was `medium`), or an image lazy loader moving
    each image's address from its own `data-src` into place (`_LAZY_SOURCE`: Medical News
    Today's packed loader was `medium`), or a site's domain lock comparing the page's host
    name with its own (`_HOST_CHECK`, its names and host escaped: read as written, the
    escapes hide nothing more). Unpacked code naming a URL or doing what such a plugin never
    needs (`_ACTS`) stays a finding."""
    if decoded.signals != (PACKED,):
        return False
    text = decoded.unpacked
    if text is None:
        return False
    if not _MAKES_ELEMENTS.search(text):
        text = _LAZY_SOURCE.sub(";", text)  # a lazy loader's images are the page's own
    # read with its bracketed names as dots too: `d['createElement']('script')`, `s['src']=`
    written = as_written(text)
    checked = _HOST_CHECK.sub("0", written)
    # a URL the decoding finds that the code as written does not show: the packed code
    # builds it (`'ht'+'tps:/'+'/kit.example/x.js'`)
    return (checked != written or not _ACTS.search(text)) and not _ACTS.search(
        checked) and not any(
        u.url in text or u.url not in code for u in decoded.urls) and "//" not in text


# where a WordPress site's own build serves a theme's or plugin's files; a slug of 4+ letters
# (shorter ones, `js`, `ads`, are words any code holds)
_WP_BUILD = lazy_regex(r"/wp-content/(?:themes|plugins)/([A-Za-z][A-Za-z0-9_-]{3,59})/")
# what a library that reaches nothing never does: write markup, run a fetched text, or
# navigate (`table_acts` reads navigation and fetched code; a write is read from the words)
_WRITES = lazy_regex(r"""\bwrite(?:ln)?\b""")
_REACHES = frozenset({NAVIGATE_ACT, FETCH_RUN_ACT, FRAME_ACT})
# what reaches out or runs more code by a name the decoding leaves as a word, not as a URL
# literal or an act `table_acts` reads: code run from a string (`eval`, `Function`, a
# second layer's `atob`), a module imported, a beacon, a socket, the location through an
# alias (`var L = w['location']; L.href = …`), a frame's markup; and an address put
# together from pieces (`'https:' + '/' + '/' + host`, a host and path). Not a request or
# markup set by property (`XMLHttpRequest`, `fetch`, `innerHTML`) as words: JNews' own
# library holds all three, and with no address in the code, as written or in pieces, a
# request goes where the page's own code points it. What the answer is used for is asked
# apart (`_answer_as_markup`): JNews hands it to its caller's callback
_REACH_WORDS = lazy_regex(
    r"""\b(?:eval|Function|import|sendBeacon|WebSocket|EventSource|location|atob"""
    r"""|unescape|fromCharCode|postMessage|Worker|srcdoc)\b"""
    r"""|\b(?:https?|wss?):|[\w-]\.[A-Za-z]{2,}/""")

# a member named by joining pieces at run time (`w[_0x1('0x5') + _0x1('0x6')]`, `w['ev'+'al']`):
# the name the code calls is in no string the decoding reads, so no word test can clear it
_JOINED_NAME = lazy_regex(
    r"""\[\s*(?:'[^'\n]{0,64}'|"[^"\n]{0,64}"|[\w$]{1,40}\([^()\n]{0,64}\))\s*\+\s*"""
    r"""(?:'[^'\n]{0,64}'|"[^"\n]{0,64}"|[\w$]{1,40}\([^()\n]{0,64}\))""")

# a request made by name (the words `_REACH_WORDS` leaves to a theme's library)
_REQUEST_WORDS = lazy_regex(r"""\b(?:XMLHttpRequest|fetch|ajax|getJSON)\b""")
_HANDED_URL = lazy_regex(r"""\s*(?:https?:)?//[^/\s'"]""", re.I)

# markup set from a value (`el.innerHTML = v`, `insertAdjacentHTML(pos, v)`, `.html(v)`,
# `document.write(v)`, `createContextualFragment(v)`): the value's name or property chain
_MARKUP_SINK = lazy_regex(
    r"""(?:\.(?:inner|outer)HTML\s*=(?!=)|insertAdjacentHTML\s*\([^,()]{0,60},"""
    r"""|\bwrite(?:ln)?\s*\(|\.html\s*\(|createContextualFragment\s*\()"""
    r"""\s*([\w$]{1,40}(?:\.[\w$]{1,40}){0,3})""")
# a callback handed a request's answer: a promise's `.then(function(t){…` / `t => …`, a
# jQuery request's `success:` or its second argument (`$.get(u, function(d){…`)
_ANSWER_PARAM = lazy_regex(
    r"""(?:\.then\s*\(|\bsuccess\s*:|\.(?:get|post|ajax|load)\s*\([^(),]{1,80},)\s*"""
    r"""(?:function\s*[\w$]{0,40}\s*\(\s*([\w$]{1,40})\s*\)|\(?\s*([\w$]{1,40})\s*\)?\s*=>)""")
# a word that sets markup, as written or as a string of a table (`'innerHTML'`): where a
# table is not read, one with a request is a fetch-and-show nothing shows is not
_MARKUP_WORDS = lazy_regex(
    r"""\b(?:innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|write(?:ln)?"""
    r"""|html)\b""")
_ANSWER_REACH = 400  # characters from a callback's parameter to the markup it sets

_SLUG_MIN, _SLUG_MAX = 4, 60
_CODE_WORD = lazy_regex(r"[A-Za-z0-9_$-]+")


def _bare(word: str) -> str:
    """A slug or word with its case and separators gone: `twenty-twenty` names
    `twentyTwentyHelper` and `twenty_twenty_ads` alike."""
    return word.lower().replace("-", "").replace("_", "")


def _build_namespaces(ctx: PageContext) -> frozenset[str]:
    """The slugs (`_bare`) of the themes and plugins the page's own build serves (an asset
    on its own host under `wp-content/themes/<slug>/` or `plugins/<slug>/`) that its markup
    also uses as a class or id namespace (the slug, or it followed by `-`/`_`). Each token
    is asked by its own prefixes at a separator, no longer than a slug: a lookup each, not
    a comparison with every slug."""
    if ctx.page is None:
        return frozenset()
    page = ctx.page

    def build() -> frozenset[str]:
        slugs = {_bare(m.group(1)) for r in ctx.resources if not r.third_party
                 for m in _WP_BUILD.finditer(r.url)}
        if not slugs:
            return frozenset()
        used: set[str] = set()
        for value in (*page.class_values, *page.id_values):
            for token in value.split():
                head = token[:_SLUG_MAX + 1]
                used.add(_bare(head))
                used.update(_bare(head[:i]) for i, c in enumerate(head) if c in "-_")
        return frozenset(slugs & used)

    return page.view("build namespaces", build)


# the attributes HTML (and RDFa, microdata) gives a meaning of their own: another site's
# address in one is the markup's (a link, an image, a schema), no hand-off to a script
_STANDARD_ATTRS = frozenset(lxml.html.defs.safe_attrs | lxml.html.defs.link_attrs | {
    "content", "property", "srcset", "imagesrcset", "poster", "ping", "manifest", "integrity",
    "itemtype", "itemid", "itemprop", "xmlns", "about", "resource", "typeof", "vocab",
    "prefix", "style"})


def _handed_addresses(ctx: PageContext) -> frozenset[str]:
    """The names by which code reads another site's address the page's markup hands it: each
    `data-` attribute holding one, as written (`data-feed-url`) and as its `dataset` key
    (`feedUrl`), and each attribute of no meaning in HTML holding one (`feed-url=…`,
    `pl=…`: read by `getAttribute`), as written. One pass over the elements a page."""
    root = ctx.root
    if root is None:
        return frozenset()

    def build() -> frozenset[str]:
        names: set[str] = set()
        for el in root.iter():
            for name, value in el.attrib.items():
                if not isinstance(name, str) or not _HANDED_URL.match(value):
                    continue
                name = name.lower()
                data = name.startswith("data-")
                if not data and name in _STANDARD_ATTRS:
                    continue
                host = host_of(value.strip(), ctx.url)
                if not host or not is_third_party(host, ctx.first_party):
                    continue
                names.add(name)
                if data:
                    key = name[5:].split("-")
                    names.add(key[0] + "".join(k.title() for k in key[1:]))
        return frozenset(names)

    return ctx.view("handed addresses", build)


def _answer_as_markup(code: str) -> bool:
    """Whether code whose string table reads (`string_table.resolved`) sets a request's
    answer as markup: a sink given an XHR's `response`/`responseText`, or the parameter of
    a callback a request hands its answer (`fetch(u).then(r => r.text()).then(t =>
    b.innerHTML = t)`) within `_ANSWER_REACH` characters. One pass of each pattern.

    >>> _answer_as_markup("fetch(u).then(r=>r.text()).then(function(t){b.innerHTML=t})")
    True
    >>> _answer_as_markup("x.onload=function(){el.innerHTML=x.responseText}")
    True
    >>> _answer_as_markup("x.onreadystatechange=function(){o.call(void 0,x.response)}")
    False
    """
    params: dict[str, int] = {}  # a callback's parameter -> where its body begins
    pending = iter(_ANSWER_PARAM.finditer(code))
    upcoming = next(pending, None)
    for sink in _MARKUP_SINK.finditer(code):
        while upcoming is not None and upcoming.end() <= sink.start():
            params[upcoming.group(1) or upcoming.group(2)] = upcoming.end()
            upcoming = next(pending, None)
        value = sink.group(1)
        if value.rsplit(".", 1)[-1] in ("response", "responseText"):
            return True
        begun = params.get(value)
        if begun is not None and sink.start() - begun <= _ANSWER_REACH:
            return True
    return False


def _build_library(ctx: PageContext, code: str, xpath: str, decoded: Decoded) -> bool:
    """Whether machine-obfuscated code is the page's own theme's or plugin's library: it
    reaches nothing itself, sits in the template (not in the article's body, where a post's
    content is anyone's paste) and names a namespace the page's own build serves and its
    markup uses (module docstring): a word of the code as written or of the strings the
    decoding reads (an escaped table) opens with the slug (`jnewsHelper`)."""
    if not decoded.machine or decoded.urls or decoded.nested_past_depth \
            or decoded.acts & _REACHES or _WRITES.search(code) or "//" in code \
            or any(_REACH_WORDS.search(t) for t in (code, *decoded.payloads)) \
            or _JOINED_NAME.search(code):
        return False
    if any(xpath.startswith(ctx.xpath(body) + "/") for body in ctx.bodies) or any(
            p.search(t) for t in (code, *decoded.payloads) for n in ctx.catalogue.miners
            for p in n.inline):
        return False  # in a post's content, or a miner's code
    slugs = _build_namespaces(ctx)
    if not slugs:
        return False
    texts = (code, *decoded.payloads)
    if any(_REQUEST_WORDS.search(t) for t in texts) and (handed := _handed_addresses(ctx)) \
            and any(w in handed for t in texts for w in _CODE_WORD.findall(t)):
        return False  # a request of another site's address the markup hands the code
    if any(_REQUEST_WORDS.search(t) for t in texts):
        plain = resolved(code) or literal_reads(code)
        if plain is None and _MARKUP_WORDS.search(as_written(code)):
            return False  # where the answer goes is in a table not read: nothing vouched
        if plain is not None and _answer_as_markup(as_written(plain)):
            return False  # a request whose answer the code itself sets as markup: the payload
    for text in texts:
        for word in _CODE_WORD.findall(text):
            bare = _bare(word[:_SLUG_MAX * 2])
            if any(bare[:k] in slugs for k in range(_SLUG_MIN, min(len(bare), _SLUG_MAX) + 1)):
                return True
    return False


# what decoded code that only builds values never needs: a DOM write, a cookie or storage
# write, a timer or listener, a message, markup, or a member named by a computed value
# (`window[['ev', 'al'].join('')]`, which no word test can read; an index `[0]` is a value)
# (the acts `_ACTS` and `_REACH_WORDS` read are asked too)
_SINKS = lazy_regex(
    r"""\b(?:innerHTML|outerHTML|insertAdjacent\w*|append\w*|prepend|insertBefore|replace\w*"""
    r"""|before|after|cookie|\w*[sS]torage|set\w+|add\w+|dispatch\w*|post\w*|send|\w*[hH]ref"""
    r"""|src|write\w*)\b|<|[\w$)\]]\s*\[\s*[^\d\s\]]""")
# a call and the name it calls (`window.c.push(`, `new Array(`)
_CALL = lazy_regex(r"""(?<![\w$])([\w$]+)\s*\(""")
# the calls plain values are built with: the language's constructors and value methods
_VALUE_CALLS = frozenset({
    "Array", "Object", "Number", "String", "Boolean", "Date", "push", "unshift", "concat",
    "slice", "join", "split", "parseInt", "parseFloat", "floor", "ceil", "round", "abs",
    "min", "max", "getTime", "toString", "toFixed", "function",
})
_RUN_SIGNAL = "decoded code run by eval/Function/document.write"
# what runs code from a string, and the one form of it whose string the decoding read
# whole: `eval(atob('<base64 literal>'))` (a variable's string may be anything)
_RUNS = lazy_regex(r"""\b(?:eval|Function)\s*\(""")
_RUNS_LITERAL = lazy_regex(
    r"""\beval\s*\(\s*(?:window\s*\.\s*)?atob\s*\(\s*(?:'[A-Za-z0-9+/=\s]*'|"[A-Za-z0-9+/=\s]*")\s*\)\s*\)""")


# a name a payload defines: `var n =`, `window.n =`
_DEFINED = lazy_regex(
    r"""(?:\b(?:var|let|const)\s+|\bwindow\s*\.\s*)([A-Za-z_$][\w$]{0,63})\s*=(?!=)""")
# a name code runs, turns into code, writes or loads: `eval(n)`, `Function(n)`,
# `fromCharCode.apply(null, n)`, `write(n)`, `getScript(n…)`, `fetch(n…)`,
# `setAttribute('src', n…)`, `.src = n…`, `.innerHTML = n…`
_RUN_NAME = lazy_regex(
    r"""(?:\b(?:eval|Function|write(?:ln)?|getScript|import|fetch)\s*\("""
    r"""|\bsetAttribute\s*\(\s*['"](?:src|href|srcdoc)['"]\s*,"""
    r"""|\bfromCharCode\s*\.\s*(?:apply|call)\s*\("""
    r"""\s*(?:null|this|window|String)?\s*,|\.\s*(?:src|href|innerHTML|outerHTML|srcdoc)"""
    r"""\s*=(?!=))\s*(?:window\s*\.\s*)?([A-Za-z_$][\w$]{0,63})""")


def _run_names(ctx: PageContext) -> frozenset[str]:
    """The names the page's scripts run, turn into code, write or load (`_RUN_NAME`), read
    once a page: a payload's value under one of them is what the page runs or loads."""
    return ctx.view("names scripts run or load", lambda: frozenset(
        m.group(1) for code, _, _ in script_codes(ctx)
        for m in _RUN_NAME.finditer(code[:MAX_SCRIPT])))


def _inert_payload(ctx: PageContext, code: str, decoded: Decoded) -> bool:
    """Whether an encoded payload `eval` runs is inert (module docstring): plain code (not
    machine-obfuscated, read to its end) that names no URL and only builds values, beside
    visible code that does not act (no script it writes, no code it runs) and under names
    no script of the page's runs, turns into code or loads (`_run_names`): values an
    injector's visible code joins into an address or hands `fromCharCode` and eval are
    its payload."""
    if decoded.machine or decoded.urls or decoded.nested_past_depth \
            or decoded.signals != (_RUN_SIGNAL,) or not decoded.payloads \
            or _WRITES.search(code) or sum(map(len, decoded.payloads)) >= MAX_DECODED \
            or len(_RUNS.findall(code)) != len(_RUNS_LITERAL.findall(code)):
        return False  # machine-obfuscated, not read whole, or code run from a variable
    if _ACTS.search(_RUNS_LITERAL.sub("", code[:MAX_SCRIPT])):
        return False  # the visible code beside it writes a script, loads or runs code
    defined = {m.group(1) for p in decoded.payloads for m in _DEFINED.finditer(p)}
    if defined and not defined.isdisjoint(_run_names(ctx)):
        return False  # a value the page's code runs, turns into code or loads
    for payload in decoded.payloads:
        if "//" in payload or _ACTS.search(payload) or _REACH_WORDS.search(payload) \
                or _SINKS.search(payload) or _JOINED_NAME.search(payload):
            return False
        if any(m.group(1) not in _VALUE_CALLS for m in _CALL.finditer(payload)):
            return False
    return True


# the shortest ID a hidden loader is matched to its network's tags by: a quoted literal of
# it, so a number of a few digits (a size, a count) names no account
_ZONE_MIN = 5


def _open_zone(ctx: PageContext, code: str, decoded: Decoded, line: int,
               xpath: str) -> Identifier | None:
    """The operator ID of an ad network the page openly runs that hidden code carries: a
    quoted literal of the script (its visible code or what it decodes to) that is an ID the
    page's own tags of that network, elsewhere in its markup, also name (HilltopAds'
    anti-adblock pop loader, packed, handed `window.spot_code = '<zone>'`, the zone of the
    page's own HilltopAds pop tag). The site chose that network, and the code earns its
    account (`_pays`: an injector gains nothing by running the site's zone; a vendor's ID
    that earns nothing, Funding Choices' publisher in its config, vouches for no host
    its code loads): a check, not an injection. None where the page is a post body, or the
    script or the tag sits in an article body or outside the page's markup (before its
    `<html>`, after its `</html>`): where anyone's paste lands, a tag vouches for nothing."""
    if ctx.document.in_post_body or ctx.page is None:
        return None
    inside = inside_bodies(ctx.bodies, ctx.xpath)
    if inside(xpath) or outside_markup(ctx, line, code_start(code)):
        return None

    def vouched() -> dict[Identifier, frozenset[str]]:
        """The earning networks' operator IDs and the places of the page's own tags of
        theirs that name them (read once a page: each ID's tags, each tag's place once)."""
        earning = {n.name for n in ctx.networks if _pays(n)}
        ids = [i for i in ctx.ids if i.origin is Origin.OPERATOR and i.network in earning
               and len(i.value) >= _ZONE_MIN]
        tags = [res for res in ctx.resources if res.network in earning
                and not inside(res.xpath)
                and not outside_markup(ctx, res.line, host_of(res.url))]
        return {i: frozenset(r.xpath for r in tags if r.network == i.network
                             and i.value in r.url) for i in ids}

    texts = (code[:MAX_SCRIPT], *decoded.payloads)
    for ident, places in ctx.view("IDs the page's own earning tags name", vouched).items():
        if places - {xpath} and any(q in text for text in texts
                                    for q in (f"'{ident.value}'", f'"{ident.value}"')):
            return ident
    return None


def obfuscated_scripts(ctx: PageContext) -> Iterator[Finding]:
    """Inline code that hides what it runs or loads, judged on what it decodes to."""
    miners = ctx.catalogue.miners
    named_elsewhere = _NamedHosts(ctx.document.text)  # read only if a decoded URL is judged
    loaders: list[dict[str, list[tuple[int, str, str]]]] = []  # `_plain_loaders`, if asked

    def beside(host: str, line: int, last: int, xpath: str, code: str) -> bool:
        """A host the page loads a script from in the script at `line` or the lines just
        before it (a vendor's snippet pastes its loader and its inline code together),
        named in the page's text as written (not only once escapes are read). A URL that
        is a whole literal of the script itself is its plain string table's, no loader
        beside it."""
        if not loaders:
            loaders.append(_plain_loaders(ctx))
        return any(line - _BESIDE <= at <= last and not (
            at_xpath == xpath and (f"'{url}'" in code or f'"{url}"' in code))
            for at, at_xpath, url in loaders[0].get(host, ())) and named_elsewhere(host)

    for code, line, xpath in script_codes(ctx):
        decoded = ctx.decoded(code)
        if not decoded.obfuscated or _packed_plugin(code, decoded) \
                or _inert_payload(ctx, code, decoded) or _build_library(ctx, code, xpath, decoded):
            continue
        # javascript-obfuscator keeps `location` and the target in its string table: the
        # code sends the visitor only when it assigns the location, not when it reads it
        navigates = decoded.machine and NAVIGATE_ACT in decoded.acts
        offsite: list[str] = []  # code loaded from, or the visitor sent to, another site
        sent: set[str] = set()  # of those, where the visitor is sent
        vendors_run: set[str] = set()  # of those, a vendor's service's named in plain sight
        snippets_run: dict[str, str] = {}  # of those, hidden: url -> vendor whose snippet it is
        hidden_hosts: set[str] = set()
        fallback_of: set[str] = set()  # loaders in plain sight the hidden code loads again
        last = line_at(code, len(code), first=line)  # the script's last line
        vendors = _vendor_hosts(decoded, ctx.catalogue, ctx.url) \
            if any(u.in_data for u in decoded.urls) else frozenset()
        for hidden in decoded.urls:
            url = resolve(hidden.url, ctx.url)
            host = host_of(url) if url else ""
            if not url or not is_third_party(host, ctx.first_party):
                continue
            unnamed = not named_elsewhere(host) and not (
                hidden.in_data and host in vendors)
            if unnamed:
                hidden_hosts.add(host)
            runs = hidden.loaded and hidden.type in CODE_TYPES
            # a known service's URL in the string table is an embed, not a redirect target
            target = not runs and navigates and hidden.type in (
                RequestType.OTHER, RequestType.DOCUMENT) \
                and ctx.catalogue.runner_of(url, host).entity is None
            if runs and not unnamed and decoded.machine and _plain_vendor(ctx.catalogue, url, host):
                vendors_run.add(url)
            elif runs and unnamed and (snippet := _vendor_snippet(ctx.catalogue, url, host,
                                                                  decoded)):
                snippets_run[url] = snippet
            if (runs and (unnamed or decoded.machine)) or target:
                offsite.append(url)
                if target or hidden.type is RequestType.DOCUMENT:
                    sent.add(url)
                if runs and not unnamed and decoded.machine \
                        and beside(host, line, last, xpath, code):
                    fallback_of.add(host)
        if decoded.data_only and not offsite:
            continue  # decoded data names only hosts the page or the catalogue knows
        mines = any(p.search(t) for t in decoded.payloads for n in miners for p in n.inline)
        if offsite and decoded.machine and not fallback_of:  # a string table's bare hosts
            fallback_of = {h for p in decoded.payloads if len(p) <= 253
                           and beside(h := p.strip().lower(), line, last, xpath, code)}
        # a vendor's fallback: machine-obfuscated code that names a loader the page runs in
        # plain sight, then its other hosts (Admiral's rotating domains, Ad-Shield's mirrors
        # and error page); a bare IP address is no vendor's host
        fallback_of = {h for h in fallback_of if _vouches(ctx.catalogue, h, offsite)}
        fallback = bool(fallback_of) and not any(map(ip_address, map(host_of, offsite)))
        if snippets_run and (_foreign_hosts(ctx.catalogue, decoded, set(snippets_run.values()),
                                            ctx.first_party)
                             or any(_RUNS.search(p) for p in decoded.payloads)):
            # the snippet's code names another site's host, or runs code it builds (`eval(
            # window.name)`), which no vendor's snippet does: not its own
            snippets_run = {}
        # encodings nested past the decoder's depth: no site's own code does that
        unvouched = [u for u in offsite if u not in vendors_run and u not in snippets_run]
        # hidden loads (no visitor sent off) of code carrying the zone of a network the
        # page's own tags run: that network's loader, a check
        zone = _open_zone(ctx, code, decoded, line, xpath) \
            if unvouched and not fallback and not sent and not mines \
            and not decoded.nested_past_depth else None
        severity = Severity.HIGH if ((unvouched and not fallback and zone is None) or mines
                                     or decoded.nested_past_depth) else Severity.MEDIUM
        what = ", ".join(decoded.signals)
        loaded = sorted(set(offsite))
        if loaded:
            parts = []
            for verb, urls in (("loads", [u for u in loaded if u not in sent]),
                               ("sends the visitor to", [u for u in loaded if u in sent])):
                if urls:
                    parts.append(f"{verb} " + ", ".join(urls[:5]) + (" …" if len(urls) > 5 else ""))
            message = f"obfuscated inline script ({what}): decoded, it {' and '.join(parts)}"
            unnamed_targets = sorted(hidden_hosts & {host_of(u) for u in loaded})
            if unnamed_targets:
                message += f"; the page names {', '.join(unnamed_targets[:3])} nowhere else"
            if zone is not None:
                message += (f"; it carries {zone.network}'s {zone.kind} {zone.value}, which "
                            f"the page's own {zone.network} tags name: check that the site "
                            f"chose {zone.network} and that this is its loader")
            if fallback:
                message += (f"; it is the fallback of the loader the page runs from "
                            f"{', '.join(sorted(fallback_of)[:3])}: check that the site chose "
                            "that vendor and that these are its hosts")
            if snippets_run and not unvouched:
                message += (f"; it is {', '.join(sorted(set(snippets_run.values())))}'s own "
                            "snippet, loading that vendor's script: check that the site chose "
                            "that vendor and why its code is hidden")
            elif vendors_run and not unvouched:
                message += ("; it is a script of a vendor's service the catalogue knows, its "
                            "address in plain sight: check that the site chose that vendor")
            evidence = " ".join(loaded[:20])
            key: tuple[str, ...] = tuple(sorted({u.url for u in decoded.urls}))
        else:
            revealed = sorted({u.url for u in decoded.urls})
            message = f"obfuscated inline script ({what})"
            if revealed:
                shown = ", ".join(revealed[:3]) + (" …" if len(revealed) > 3 else "")
                message += f"; decoded, it names {shown}"
            evidence = " ".join(code.split())[:160]
            key = (" ".join(code.split()),)
        if mines:
            message += "; the decoded code starts a cryptominer"
        yield finding(OBFUSCATED_SCRIPT, severity, message, evidence, line=line, xpath=xpath,
                      key=key)


OBFUSCATED_SCRIPT = FindingKind(
    "obfuscated-script", (Severity.MEDIUM, Severity.HIGH), Severity.MEDIUM,
    "An inline script that hides what it runs or loads",
    "Inline code hides code or URLs (base64, char codes, escapes, P.A.C.K.E.R., "
    "javascript-obfuscator, shift ciphers); the auditor decodes it statically and never runs "
    "it. High when the decoded code loads from, or sends the visitor to, another site's host "
    "the page names nowhere else, starts a miner, or nests its encodings past what the decoder "
    "reads: remove it and find how it was injected. Medium for machine-obfuscated code with no "
    "such target, the fallback of a vendor's loader the page runs beside it, a known vendor's "
    "own snippet loading its script and naming no other site (an ad network's or affiliate's "
    "stays high, unless the next holds), code that carries, as a quoted literal, a zone or "
    "site ID the page's own tags of an ad network name elsewhere in its markup (that "
    "network's anti-adblock loader on a throwaway host: the site chose the network and the "
    "code earns its account; not where the page is a post body, or the code or the tag "
    "sits in an article's body or outside the page's markup, where anyone's paste lands), "
    "or code the "
    "decoder could not read to its end: check that the site's own code or a vendor it chose "
    "explains it. A script's one P.A.C.K.E.R. block whose unpacked code names no URL and only "
    "works on the page's own elements (a theme bundle's easing or slider plugin, an image "
    "lazy loader moving each image's address from its own `data-src` into place, a site's "
    "domain lock comparing the page's host name with its own) is none.",
)

KINDS = (OBFUSCATED_SCRIPT,)
HEURISTICS = (obfuscated_scripts,)
