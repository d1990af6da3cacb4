"""Vendor look-alikes: a known vendor's snippet that loads its script from another site.

Magecart and Balada kits dress their loader as a tag every site runs: the Google
Analytics, Tag Manager, Meta pixel, Hotjar or Clarity snippet, copied whole, with the
vendor's host swapped for one that imitates it (`www.googletagsmanager.test`,
`google-analytics.com.cdn-stats.example`, `connect.facebook-cdn.test`). The snippet's shape
and its ID name the vendor, so the page reads as running it; the code that runs is the
look-alike's. A snippet loading the vendor's file from a host of the site's own (a
server-side GTM `sgtm.` subdomain, a `/gtag/js` proxy, Partytown, Cloudflare Zaraz) or from
a plain unknown host (a self-hosted copy, a first-party proxy on a sister domain) is no
look-alike: only a host dressed as a brand or a CDN, or named after the vendor's own
domain, is one. So is a library's release file (`jquery.min.js`) from a host dressed as
a brand that no CDN the catalogue knows runs: the fake jQuery a skimmer's tag passes for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from auditor.catalogue import Catalogue, Network
from auditor.dom.page import ParsedPage
from auditor.dom.walk import FoundURL
from auditor.heuristics.behaviour import dressed_as
from auditor.heuristics.interface import FindingKind, PageContext, finding
from auditor.lazy_re import lazy_regex
from auditor.literals import ID_WORD, id_words
from auditor.model import Finding, Identifier, Lookalike, Origin, RequestType, Severity, hint_via
from auditor.resources import Sighting
from auditor.urls import (
    CDN_DRESS,
    host_of,
    is_third_party,
    library_of,
    registrable_domain,
    related_site,
    url_path,
)

VENDOR_NAME_MIN = 5  # letters a vendor's domain name needs to tell a host named after it
SHOWN_IDS = 5  # a look-alike's IDs its finding names
# what a site's CDN serves beside a copy of a vendor's loader: its theme's files, not
# another script (a skimmer kit's host serves its fake jQuery beside its fake gtag.js)
_SITE_FILES = frozenset({RequestType.STYLESHEET, RequestType.IMAGE, RequestType.FONT,
                         RequestType.MEDIA})


def _named_after(host: str, network: Network) -> str | None:
    """The vendor's domain a host carries in its name without being it
    (`static.hotjar-cdn.test` names hotjar.com): the vendor's name is borrowed. Not for
    software whose snippet loads it from its users' own server (Matomo's `var u=`, the
    catalogue's snippet beginning with the page's endpoint): `matomo.webagentur.de` is an
    agency's install, named as its documentation suggests.

    >>> from auditor.catalogue import Network
    >>> from auditor.model import Category
    >>> hj = Network("Hotjar", "Hotjar", Category.SESSION_REPLAY, hosts=("hotjar.com",))
    >>> _named_after("static.hotjar-cdn.test", hj), _named_after("cdn.example", hj)
    ('hotjar.com', None)
    >>> px = Network("Facebook Pixel", "Meta", Category.ADVERTISING, urls=("facebook.com/tr?",))
    >>> _named_after("connect-facebook.test", px), _named_after("www.facebook.com", px)
    ('facebook.com', None)
    >>> am = Network("AdMicro", "VCCorp", Category.ADVERTISING, hosts=("admicro.vn",),
    ...              urls=("admicro1.vcmedia.vn/ads_codes/",))
    >>> _named_after("admicro1.vcmedia.vn", am), _named_after("admicro-cdn.test", am)
    (None, 'admicro.vn')
    """
    if any(template.startswith("{") for template in network.snippet):
        return None  # software its users host (Matomo): its loader's host is theirs to name
    labels = host.lower().split(".")
    site = registrable_domain(host.lower())
    # its hosts, and those its URL patterns name (the Meta pixel's `facebook.com/tr?`; Kakao
    # Tiara's `t1.daumcdn.net/tiara/`, a host of its own the catalogue files no company for)
    named = [u.split("/", 1)[0] for u in network.urls if "." in u.split("/", 1)[0]]
    if any(host.lower() == own or host.lower().endswith("." + own) for own in named):
        return None  # a host its URL patterns name is its own (AdMicro's on VCCorp's CDN)
    for vendor_host in (*network.hosts, *named):
        domain = registrable_domain(vendor_host)
        name = domain.split(".")[0]
        if domain != site and len(name) >= VENDOR_NAME_MIN and any(
                name in label for label in labels[:-1]):
            return domain
    return None


def _imitated(url: str, networks: Sequence[Network], *, by_id: bool = False
              ) -> Network | None:
    """The network whose loader the URL's path is (`/analytics.js`, `/gtm.js`,
    `/fbevents.js`, `/c/hotjar-`, `/tag/`, `/gtag/js?id=aw-`: the longest that the URL
    holds, as the catalogue names a URL) or whose file it names; `by_id`: only one whose
    URL ID pattern the URL also holds (`/gtag/js?id=G-…`)."""
    rest = url.lower().split("//", 1)[-1]
    rest = rest[rest.find("/"):] if "/" in rest else ""
    name = url_path(url).lower().rsplit("/", 1)[-1]
    best: tuple[int, Network] | None = None
    for network in networks:
        held = max((len(path) for path in network.loader_paths if path in rest), default=0)
        if not held and name and name in network.self_hosted:
            held = len(name)
        if not held or (best is not None and held <= best[0]):
            continue
        if not by_id or any(spec.where in ("url", "any") and spec.pattern.search(url)
                            for spec in network.ids):
            best = (held, network)
    return best[1] if best is not None else None


# a host as code writes it: dot-separated labels, the tokens `_hidden_in_code` looks in
_HOST_TOKEN = lazy_regex(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)+")


def _hidden_in_code(item: FoundURL, host: str, page: ParsedPage,
                    seen: dict[int, tuple[frozenset[str], frozenset[str]]]) -> bool:
    """A URL an inline script hides, which `obfuscated-script` names as the load: found
    only in its decoded code, a literal whose host the code does not show as written
    (`'\\x68\\x74\\x74\\x70…'`, `'\\u0068…'`: the walk reads the escapes), or one in
    plain sight in machine-obfuscated code's string table, which loads it only through
    its hidden calls (`_0x1b2c()`'s `"https://…/jquery.min.js"`). What each script shows
    and loads is read once (`seen`): a script naming thousands of URLs is read once."""
    if item.via == "inline-decoded":
        return True
    if not item.via.startswith("inline"):
        return False
    key = id(item.element)
    if key not in seen:
        code = item.element.text or ""
        decoded = page.decoded(code)
        seen[key] = (frozenset(_HOST_TOKEN.findall(code.lower())), frozenset(
            host_of(u.url).lower() for u in decoded.urls if u.loaded)
            if decoded.machine and decoded.obfuscated else frozenset())
    shown, loaded_hidden = seen[key]
    host = host.lower()
    return host not in shown or host in loaded_hidden


def lookalike_loads(found: Sequence[FoundURL], present: Sequence[Network],
                    catalogue: Catalogue, first_party: str | None,
                    page: ParsedPage) -> tuple[Lookalike, ...]:
    """Every URL (a tag's or a literal in a snippet) that loads a vendor's loader from
    another site no vendor or company the catalogue knows runs, whose host is dressed as a
    brand or a CDN (`dressed_as`) or named after the vendor's domain. The vendor is one the
    page's snippets or IDs show (`present`), or, for a dressed host, one whose ID the URL
    carries (`…/gtag/js?id=G-…` with no inline config)."""
    candidates: list[tuple[FoundURL, str, str | None, Network | None]] = []
    for item in found:
        if item.type is not RequestType.SCRIPT:
            continue  # a loader is a script: an image or a frame under `/tag/` copies none
        host = host_of(item.url)
        if not host or not is_third_party(host, first_party):
            continue
        dressed = dressed_as(host, first_party)
        network = _imitated(item.url, present)
        if network is None and dressed is None:
            continue
        if dressed is None and network is not None and _named_after(host, network) is None:
            continue  # no name borrowed (the vendor's own host), as below
        candidates.append((item, host, dressed, network))
    # whose each host is, asked at once: one pass of the catalogue's URL patterns
    owners = catalogue.owners_of([(f"https://{host}/", host) for _, host, _, _ in candidates]
                                 ) if candidates else []
    out: dict[str, Lookalike] = {}
    site_cdns: set[str] | None = None
    seen: dict[int, tuple[frozenset[str], frozenset[str]]] = {}  # `_hidden_in_code`'s
    for (item, host, dressed, network), owner in zip(candidates, owners, strict=True):
        if item.url in out:
            continue
        if owner.network is not None or owner.entity is not None:
            continue  # a host the catalogue knows: the vendor's, or a company's CDN
        if network is None:  # a dressed host: any vendor whose ID its URL carries
            network = _imitated(item.url, catalogue.networks, by_id=True)
            # a URL hidden in an encoding is `obfuscated-script`'s, high: one injection,
            # one finding (decoded, or a literal of escapes: '\x68\x74…' names no host)
            library = library_of(item.url) if dressed not in (None, CDN_DRESS) \
                and not _hidden_in_code(item, host, page, seen) else None
            if network is None and library is not None \
                    and not related_site(host, first_party):
                out[item.url] = Lookalike(item.url, host, library, dressed or "",
                                          page.start_line(item.element), page.xpath(item.element),
                                          library=True)
            if network is None:
                continue
        named = _named_after(host, network)
        dressed = named if dressed is None or (dressed == CDN_DRESS and named) else dressed
        if dressed is None or related_site(host, first_party):
            continue  # no name borrowed, or the page's own (its CDN, a sister domain)
        code = (item.element.text or "") if item.via.startswith("inline") else ""
        if dressed == CDN_DRESS:  # no vendor's name borrowed, only a CDN's words
            if site_cdns is None:
                site_cdns = _site_cdns(found, present)
            # the site's CDN serves its copy of a loader, not the vendor's endpoint: a
            # kit's host answering `/gtag/js?id=G-…` buys nothing by a stylesheet
            if (host in site_cdns and _static_copy(item.url)) \
                    or not _tied(item.url, code, network):
                continue
        out[item.url] = Lookalike(item.url, host, network.name, dressed,
                                  page.start_line(item.element), page.xpath(item.element), code)
    return tuple(out.values())


def _tied(url: str, code: str, network: Network) -> bool:
    """Whether the vendor's own snippet loads `url` or the URL carries its ID: a file of
    the vendor's name alone (a site's own `analytics.js`) on a host of a CDN's words
    imitates nothing."""
    return (bool(code) and network.configured_in(code)) or any(
        spec.where in ("url", "any") and spec.pattern.search(url) for spec in network.ids)


def _static_copy(url: str) -> bool:
    """Whether a loader's URL names a file (`/js/gtag.js`, `gtm.js`), as a copy a site's
    CDN serves does, not a vendor's endpoint (`/gtag/js?id=G-…`, Clarity's `/tag/<id>`),
    which only the vendor's servers, or a kit's dressed as them, answer.

    >>> _static_copy("https://static-assets-cdn.example/js/gtag.js?id=G-1"), _static_copy(
    ...     "https://static-assets-cdn.example/gtag/js?id=G-1")
    (True, False)
    """
    return "." in url_path(url).rsplit("/", 1)[-1]


def _site_cdns(found: Sequence[FoundURL], present: Sequence[Network]) -> set[str]:
    """Hosts that serve the page's own markup a file that is no vendor's loader (its
    stylesheet, images, fonts): the site's CDN, whose name of a CDN's
    words (`static-assets-cdn.com`) is the site's choice, not a disguise. A kit adds a
    `<link>` to its host as cheaply: the excuse covers a static copy of a loader, not
    the vendor's endpoint (`_static_copy`)."""
    return {host_of(item.url) for item in found
            if item.type in _SITE_FILES and not item.via.startswith("inline")
            and _imitated(item.url, present) is None}


def without_lookalikes(seen: Sequence[Sighting], fakes: Sequence[Lookalike]
                       ) -> tuple[list[Sighting], frozenset[str]]:
    """The sightings with each look-alike load made no vendor's (a path pattern such as
    `/fbevents.js` or a self-hosted file name named it), and the networks only look-alikes
    pose as (`posed`): nothing else of theirs is requested. Asked before the snippets'
    loaders are built (`with_snippet_loads`), which are not built for those: the vendor's
    canonical loader is no request of a page whose snippet loads a look-alike."""
    if not fakes:
        return list(seen), frozenset()
    urls = {f.url for f in fakes}
    out = [replace(s, network=None, entity=None, self_hosted=False) if s.url in urls else s
           for s in seen]
    genuine = {s.network.name for s in out
               if s.network is not None and hint_via(s.via) is None}
    return out, frozenset(f.network for f in fakes) - genuine


def lookalike_ids(ids: Sequence[Identifier], fakes: Sequence[Lookalike],
                  posed: frozenset[str], page: ParsedPage,
                  urls: Sequence[str]) -> tuple[Identifier, ...]:
    """The IDs look-alikes set up, marked theirs (`Origin.LOOKALIKE`, `why` naming the
    host): a snippet whose script comes from a look-alike runs none of the vendor's code,
    so its ID ties the page to no account of the vendor's. That is every ID of a network
    only look-alikes pose as (`posed`), and, beside a real tag of the vendor, an ID the
    look-alike's own snippet or URL holds and no other script or request of the page."""
    if not fakes:
        return tuple(ids)
    first: dict[str, Lookalike] = {}  # network → its first look-alike
    holding: dict[tuple[str, str], Lookalike] = {}  # (network, a word) → the first holding it
    for each in fakes:
        first.setdefault(each.network, each)
        for word in id_words(f"{each.url} {each.code}"):
            holding.setdefault((each.network, word), each)
    theirs = {f.url for f in fakes} | {f.code for f in fakes if f.code}
    seen_elsewhere: set[str] | None = None  # the words of every other script and request
    out: list[Identifier] = []
    for ident in ids:
        network = ident.network or ""
        fake = holding.get((network, ident.value))
        if fake is None and network in posed:
            fake = first[network]
        if fake is not None and ident.origin is Origin.OPERATOR and network not in posed:
            if seen_elsewhere is None:
                seen_elsewhere = set()
                for text in (*page.script_texts, *urls):
                    if text not in theirs:
                        seen_elsewhere |= id_words(text)
            if ident.value in seen_elsewhere:
                fake = None
        if fake is not None and ident.origin is Origin.OPERATOR:
            ident = replace(ident, origin=Origin.LOOKALIKE,
                            why=f"its snippet loads from {fake.host}, dressed as {fake.dressed}")
        out.append(ident)
    return tuple(out)


def lookalike_scripts(ctx: PageContext) -> Iterator[Finding]:
    """Each look-alike load (`lookalike_loads`), once per URL: high, the dressed host is
    what marks it, and a vendor never serves its snippet's script from one."""
    posing: dict[str, list[str]] = {}  # network → the look-alikes' IDs, gathered once
    for ident in ctx.ids:
        if ident.origin is Origin.LOOKALIKE and ident.network is not None:
            posing.setdefault(ident.network, []).append(ident.value)
    for fake in ctx.lookalikes:
        if fake.library:
            yield finding(
                LOOKALIKE_SCRIPT, Severity.HIGH,
                f"a script named as {fake.network} ({fake.url.split('?')[0].rsplit('/', 1)[-1]})"
                f" loads from {fake.url}, a host dressed as {fake.dressed} that neither "
                f"{fake.network}'s project nor a CDN the catalogue knows runs",
                fake.url, line=fake.line, xpath=fake.xpath)
            continue
        theirs = posing.get(fake.network, [])
        # its own snippet's or URL's IDs (its words looked up, not each ID sought in it),
        # else the network's (a gtag.js look-alike whose config is a script of its own): a
        # kit page of thousands of snippets names each its own ID, not all of them each time
        known = set(theirs)
        ids = [w for w in dict.fromkeys(ID_WORD.findall(f"{fake.url} {fake.code}"))
               if w in known] or theirs
        more = f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
        held = (f"; its ID {', '.join(ids[:SHOWN_IDS])}{more} is not counted as "
                f"{fake.network}'s" if ids else "")
        yield finding(
            LOOKALIKE_SCRIPT, Severity.HIGH,
            f"{fake.network} snippet loads its script from {fake.url}, a host dressed as "
            f"{fake.dressed} that {fake.network} does not run{held}",
            fake.url, line=fake.line, xpath=fake.xpath)


LOOKALIKE_SCRIPT = FindingKind(
    "lookalike-script", (Severity.HIGH,), Severity.HIGH,
    "A known vendor's snippet loading its script from a look-alike host",
    "A snippet shaped as a known vendor's (Google Analytics, Tag Manager, the Meta pixel, "
    "Hotjar, Clarity, …) loads the vendor's loader (`analytics.js`, `gtm.js`, `fbevents.js`) "
    "from a host no vendor the catalogue knows runs, dressed as a brand or a CDN "
    "(`www.googletagsmanager.test`, `google-analytics.com.cdn-stats.example`) or named after "
    "the vendor's domain (`static.hotjar-cdn.test`): a Magecart or Balada kit's loader "
    "disguised as a tag every site runs. Its ID is not counted as the vendor's (the ID's "
    "`origin` is `lookalike`), and the vendor is not listed as run for it. The site's own "
    "host or sister domain (server-side GTM, a `/gtag/js` proxy, Partytown, Cloudflare "
    "Zaraz) and a plain unknown host (a self-hosted copy) are none. Also a script named as "
    "jQuery's or Bootstrap's release file (`jquery-3.7.1.min.js`, `bootstrap.bundle.min.js`) "
    "from a host dressed as a brand (`jquery-cdn`, `code.jquery-lib`, `cdn-jsdelivr`) that "
    "neither the project nor a CDN the catalogue knows runs; the public CDNs, a shared CDN's "
    "tenant (CloudFront, bunny.net, Fastly), the site's own host and a plain unknown host "
    "are none. Remove it and find how it got in; treat the site as compromised.",
)

KINDS = (LOOKALIKE_SCRIPT,)
HEURISTICS = (lookalike_scripts,)
