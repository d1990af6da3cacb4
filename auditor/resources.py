"""Every URL the page requests, as the catalogue and then the rules see it.

The walk finds URLs (loaders hidden in obfuscated scripts among them); the catalogue
says whose each is (a `Sighting`); loaders that inline snippets build are added as
sightings too; then each becomes a Resource, the rules asked once per URL; third-party
hosts are summarised.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple, Protocol

from lxml import etree

from auditor.catalogue import PLACELESS_FORMATS, Catalogue, Entity, Network
from auditor.dom.deobfuscate import MAX_SCRIPT, written_frame, written_frames
from auditor.dom.hiding import inline_hiding, styled_tiny, tiny_element
from auditor.dom.page import ParsedPage
from auditor.dom.parser import Paths, line_of
from auditor.dom.walk import FoundURL, held_request, held_until_consent
from auditor.model import (
    Category,
    HostSummary,
    Identifier,
    ListInfo,
    Match,
    RequestType,
    Resource,
)
from auditor.urls import (
    host_of,
    is_third_party,
    open_host,
    registrable_domain,
    related_site,
    resolve,
    site_of,
)

# Lists whose blocking rules mean "tracker" rather than "advert" when the catalogue
# does not know the host.
PRIVACY_LISTS = frozenset({"easyprivacy"})
# A list's section whose hosts are browser miners (EasyPrivacy's
# `easyprivacy_trackingservers_mining.txt`), not trackers: `Match.section` ends so. Only on
# a page whose code holds a wallet: the section keeps hosts that left mining and serve
# something else now (a personalisation vendor's API, a free subdomain service), which
# alone would read as a miner in the page's hosts and fail a policy denying miners.
MINING_SECTION_END = "_mining.txt"


class CosmeticHitLike(Protocol):
    @property
    def element(self) -> etree._Element: ...

    @property
    def rule(self) -> str: ...

    @property
    def list(self) -> str: ...


class RuleEngine(Protocol):
    """What the audit needs of the rule engine (auditor.rules.Engine)."""

    @property
    def lists(self) -> tuple[ListInfo, ...]: ...

    def match(
        self, url: str, source_url: str | None = None, type: str | RequestType = "other"
    ) -> Match: ...

    def cosmetic(self, page: ParsedPage, hostname: str) -> Sequence[CosmeticHitLike]:
        """Elements the lists hide; reads the page's shared views (its attribute values,
        lowered markup), which it would otherwise rebuild."""


@dataclass(frozen=True, slots=True)
class Sighting:
    """A URL the page requests, with what the catalogue says of it: everything the audit
    knows before the rules look (they look once, in `classify`)."""

    found: FoundURL
    host: str
    network: Network | None
    entity: Entity | None = None
    self_hosted: bool = False
    by_url: bool = False  # an entity's URL pattern named it: no network's, whatever its host

    @property
    def url(self) -> str:
        return self.found.url

    @property
    def via(self) -> str:
        return self.found.via

    @property
    def network_name(self) -> str | None:
        """The network the report names: the catalogue's, else the taxonomy's."""
        if self.network is not None:
            return self.network.name
        return self.entity.network if self.entity is not None else None


# a company's hosts that serve no ad and track no one by default: a URL of theirs that a
# script only names (a profile link, a video page in a page's state) is no request
_NOT_TRACKING = frozenset({Category.CONTENT, Category.SOCIAL, Category.UNKNOWN})


def sightings(
    found: Sequence[FoundURL], first_party: str | None, catalogue: Catalogue
) -> list[Sighting]:
    """What the catalogue says of every URL the walk found; a URL in a script not shown
    to be loaded is kept only when it is a known ad or tracking vendor's."""
    out: list[Sighting] = []
    hosts = [host_of(item.url) for item in found]
    styled: set[str] | None = None  # the page's stylesheets' addresses less `.css`, asked once
    hosting: dict[str, int] | None = None  # the scripts and sheets each site serves, once
    owners = catalogue.owners_of([(item.url, host) for item, host in zip(found, hosts,
                                                                         strict=True)],
                                 [item.type for item in found])
    for item, host, (network, entity, by_url) in zip(found, hosts, owners, strict=True):
        self_hosted = False
        if network is None and item.type is RequestType.SCRIPT and item.assigned and (
                entity is None or entity.category is Category.CONTENT):
            # a script served from no vendor's host: the site, its own CDN
            # (assets.i-scmp.com for scmp.com) or a public CDN, by a tag or by the snippet
            # that inserts it (Matomo's `u+'matomo.js'`); the file name may still say
            # whose code it is
            network = catalogue.self_hosted_loader(item.url, item.element)
            if network is not None and hosting is None:
                hosting = _files_by_site(found)
            if network is not None and not _serves_the_site(host, first_party, hosting or {}):
                network = None  # a one-off host of another site: an injector's, whoever's name
            if network is not None:
                if styled is None:
                    styled = {stem for f in found if f.type is RequestType.STYLESHEET
                              if (stem := _stem(f.url, ".css")) is not None}
                if _stem(item.url, ".js") in styled:
                    network = None  # a UI library beside its own stylesheet (mbox.js, mbox.css)
            self_hosted = network is not None
        if not item.assigned and network is None and (
                entity is None or entity.category in _NOT_TRACKING):
            continue  # a URL a script only names (a config's link, a page's state)
        if not item.assigned and network is not None and network.category is Category.ADWARE:
            continue  # a cleaner's or a detector's list names an injector: it loads none
        out.append(Sighting(item, host, network, entity, self_hosted, by_url))
    return out


def _files_by_site(found: Sequence[FoundURL]) -> dict[str, int]:
    """How many distinct scripts and stylesheets the page loads from each site (`site_of`:
    CBS's asset0 to asset3.cbsistatic.com are one; a CDN's tenants are each their own)."""
    files: dict[str, set[str]] = defaultdict(set)
    for item in found:
        if item.assigned and item.type in (RequestType.SCRIPT, RequestType.STYLESHEET):
            files[site_of(host_of(item.url))].add(item.url.split("#", 1)[0])
    return {site: len(urls) for site, urls in files.items()}


def _serves_the_site(host: str, first_party: str | None, hosting: dict[str, int]) -> bool:
    """Whether a host a vendor's file is self-hosted on is one the site serves its files
    from: the page's own site or a host bearing its name (`related_site`: Slate's
    `slate-ad-scripts` bucket serving its Polar config), a host
    of anyone's files (a public CDN: jsDelivr, cdnjs), or a site the page loads another
    script or stylesheet from (a publisher's CDN serving its journals' files, CBS's
    `s_code_tm.js` on asset3.cbsistatic.com beside its other asset hosts). Another
    site's host serving the page that one file is no install of the site's: a kit's
    `cdn-evil-stat.example/js/trendmd.min.js`, or `/keys/<site>/p.js` under Parse.ly's tag
    id, named TrendMD and Parse.ly on the page. Unknown where the page's address is."""
    if not first_party or not is_third_party(host, first_party) or open_host(host) \
            or related_site(host, first_party):
        return True
    return hosting.get(site_of(host), 0) >= 2


def _stem(url: str, extension: str) -> str | None:
    """A URL's address less its query, fragment and `extension` (`…/lib/mbox/mbox` of
    `…/lib/mbox/mbox.js?v=2`), lowered; None when it does not end in the extension. A
    vendor's loader ships no stylesheet of its own name in its folder; a UI library does."""
    address = url.split("#", 1)[0].split("?", 1)[0].lower()
    return address[: -len(extension)] if address.endswith(extension) else None


def loader_networks(seen: Sequence[Sighting]) -> dict[etree._Element, Network]:
    """element -> the network whose resource it loads (the first, for an element that
    loads several): a hidden wrapper around a loader is that network's slot. A pixel
    (`shows_ads = false`) loads no ad: a wrapper around one is no unit of its vendor."""
    out: dict[etree._Element, Network] = {}
    for s in seen:
        if s.network is not None and s.network.shows_ads:
            out.setdefault(s.found.element, s.network)
    return out


def advertising_elements(seen: Sequence[Sighting]) -> frozenset[etree._Element]:
    """Elements whose requests go to an ad network that shows ads, or to a host of an
    advertising company the catalogue knows (`ad.doubleclick.net`): what shows an ad."""
    return frozenset(s.found.element for s in seen if (
        s.network is not None and s.network.shows_ads) or (
        s.network is None and s.entity is not None
        and s.entity.category is Category.ADVERTISING))


def advertising_companies(seen: Sequence[Sighting]) -> dict[etree._Element, str]:
    """element -> the company of the advertising host no network of the catalogue names
    that the element itself requests (GPT's SafeFrame, `tpc.googlesyndication.com/
    safeframe/…`, which the catalogue files as Google's, GPT's and AdSense's alike): who
    serves a slot that frame is, where no network's unit holds it."""
    out: dict[etree._Element, str] = {}
    for s in seen:
        if (s.network is None and s.entity is not None and s.entity.company
                and s.entity.category is Category.ADVERTISING and not held_request(s.found)):
            out.setdefault(s.found.element, s.entity.company)
    return out


# what an ad server, an affiliate or an adware network shows: a banner
# (`ad_server_requests`); not an analytics, consent, tag manager's or mailing list's frame
# (a signup form's, a consent message's: sized by their own attributes as a banner is)
_SHOWS_BANNERS = frozenset({Category.ADVERTISING, Category.AFFILIATE, Category.ADWARE})


def ad_server_requests(seen: Sequence[Sighting]) -> dict[etree._Element, Network | None]:
    """element -> the network (None: an advertising company's host no network of the
    catalogue names, `ad.doubleclick.net`) of an ad server or affiliate network the element
    itself requests: what a banner frame's own `src` asks for. Not what a frame's held
    document requests, which the page's frame stands for (a saved game's or player's frame
    holding its own ads: `held_request`), nor a vendor of another category (Mailchimp's
    signup form, Sourcepoint's consent message, Tag Manager's `ns.html`)."""
    out: dict[etree._Element, Network | None] = {}
    for s in seen:
        if held_request(s.found) or s.found.element in out:
            continue
        if s.network is not None:
            if _shows_banners(s.network):
                out[s.found.element] = s.network
        elif s.entity is not None and s.entity.category is Category.ADVERTISING:
            out[s.found.element] = None
    return out


def ad_list_blocks(match: Match) -> bool:
    """Whether a decision is an ad list's block: no exception's, nor a privacy list's
    (which says tracker, not advert)."""
    return match.blocked and not match.exception and match.list not in PRIVACY_LISTS


def listed_ad_frames(seen: Sequence[Sighting], decide: Callable[[str, RequestType], Match],
                     first_party: str | None) -> dict[etree._Element, Network | None]:
    """Frames whose own `src` goes to another site's host that no catalogue entry names and
    an ad list blocks (`decide`: the lists' decision on a URL and request type; EasyList's
    block, not a privacy list's, which says tracker), as `ad_server_requests` gives frames
    of an unnamed ad company's host: a banner frame of an ad server no one catalogued
    (`<iframe src="//ads.vendor.test/banner.php?size=728x90" width="728" height="90">`).
    A host the catalogue names for another kind (a video player's, a widget's) is none,
    nor a frame of the page's own site; `slots.ad_frame_units` reads the banner's size."""
    out: dict[etree._Element, Network | None] = {}
    for s in seen:
        el = s.found.element
        if (s.found.via != "iframe[src]" or s.network is not None or s.entity is not None
                or el in out or held_request(s.found)
                or not is_third_party(s.host, first_party)):
            continue
        match = decide(s.found.url, RequestType.SUBDOCUMENT)
        if ad_list_blocks(match):
            out[el] = None
    return out


class PlacingRequest(NamedTuple):
    """A URL a script loads or writes where it stands (`script_requests`)."""

    url: str
    may_show_ad: bool  # whether it may show an ad where the script stands
    type: RequestType  # a script's or a frame's: the lists decide each as what it is


def script_requests(seen: Sequence[Sighting], placed: Collection[str],
                    ) -> dict[etree._Element, list[PlacingRequest]]:
    """script element -> the script URLs it loads or writes itself (`src`, a
    `document.write` of a tag), and the frames it writes (`document.write('<iframe src=…>')`:
    the ad a period text-link or banner tag shows where it stands, 4wnet's feed frame), each
    with whether it may show an ad where it stands, and its request type: no
    vendor of another kind than ads serves it (a known tracker, a pixel, `shows_ads =
    false`, a consent manager's or a widget's host shows no ad; a frame written hidden,
    `_hidden_frame_hosts`, shows none), and it is no tag of a
    format shown elsewhere (`PLACELESS_FORMATS`: Infolinks' in-text, PopAds' pop-under),
    nor a network's page loader where the catalogue tells it from its unit loaders (one of
    its `loaders` and not of its `unit_loaders`: AdSense's adsbygoogle.js beside
    show_ads.js; a network naming no unit loader may list its per-unit tag among its
    `loaders`, Amazon's onejs), nor one of a network whose unit the page's markup places
    already (`placed`, the names of the catalogue's slots' networks: MarketGid's widget
    box, GPT's div): those fill units wherever they stand. What `slots.ad_script_boxes`
    reads."""
    out: dict[etree._Element, list[PlacingRequest]] = {}
    hidden: dict[etree._Element, frozenset[str]] = {}  # each script's, read once
    for s in seen:
        if s.found.type not in _PLACING_TYPES or not s.found.assigned \
                or held_request(s.found) or str(s.found.element.tag).lower() != "script":
            continue
        shows = _may_show_here(s, placed)
        if shows and s.found.type is RequestType.SUBDOCUMENT:
            if (script := s.found.element) not in hidden:
                hidden[script] = _hidden_frame_hosts(script.text or "")
            shows = host_of(s.found.url) not in hidden[script]
        out.setdefault(s.found.element, []).append(
            PlacingRequest(s.found.url, shows, s.found.type))
    return out


def _hidden_frame_hosts(code: str) -> frozenset[str]:
    """The hosts of the frames a script writes hidden (zero or one pixel, by its attributes
    or its style, or hidden by its style: `<iframe src="…/user_sync.html" width="0"
    height="0" style="display:none">`): an ad network's user sync or helper, which shows no
    ad where the script stands, though the lists block its host as they do the network's
    units. A host the script also writes a shown frame of is not one."""
    shown: set[str] = set()
    hidden: set[str] = set()
    for tag in written_frames(code[:MAX_SCRIPT], ()):
        frame = written_frame(tag)
        if frame is None or not (host := host_of(frame.get("src") or "")):
            continue
        unseen = tiny_element(frame) or styled_tiny(frame) or inline_hiding(frame) is not None
        (hidden if unseen else shown).add(host)
    return frozenset(hidden - shown)


# what a script loads or writes that shows its ad where the script stands
_PLACING_TYPES = frozenset({RequestType.SCRIPT, RequestType.SUBDOCUMENT})


def _may_show_here(s: Sighting, placed: Collection[str]) -> bool:
    """Whether a script request may show an ad where its tag stands (`script_requests`)."""
    network, url = s.network, s.found.url
    if network is None:  # an ad company's host no network names may; another kind's not
        return s.entity is None or s.entity.category is Category.ADVERTISING
    if not _shows_banners(network) or network.name in placed:
        return False
    if network.unit_loaders and network.is_loader(url) and not network.is_unit_loader(url):
        return False  # the network's page loader
    return all(network.format_tag(fmt, [url]) is None for fmt in PLACELESS_FORMATS)


def _shows_banners(network: Network) -> bool:
    """Whether a network shows ads in boxes of the page (an ad server's, an affiliate's)."""
    return network.shows_ads and network.category in _SHOWS_BANNERS


def classify(
    seen: Sequence[Sighting],
    page_url: str | None,
    first_party: str | None,
    engine: RuleEngine,
    paths: Paths,
    opening: Callable[[etree._Element], int] = line_of,
    wallet: bool = False,
) -> tuple[Resource, ...]:
    """Each sighting as a Resource: the rules' decision, once per URL the page requests
    (a quarter of a page's sightings repeat a URL and type already decided). Its line is
    where its element's start tag opens (`opening`: `ParsedPage.start_line`), as
    findings and slots cite it. `wallet`: the page's code holds a Monero address, so a
    host only a list's miner section names is a miner's (`MINING_SECTION_END`)."""
    out: list[Resource] = []
    decided: dict[tuple[str, RequestType], Match] = {}
    for s in seen:
        item, host, network, entity = s.found, s.host, s.network, s.entity
        match = decided.get((item.url, item.type))
        if match is None:
            match = engine.match(item.url, source_url=page_url, type=item.type)
            decided[(item.url, item.type)] = match
        out.append(
            Resource(
                url=item.url,
                type=item.type,
                host=host,
                domain=registrable_domain(host),
                third_party=is_third_party(host, first_party),
                line=opening(item.element),
                xpath=paths.of(item.element),
                via=item.via,
                blocked=match.blocked,
                rule=match.rule,
                list=match.list,
                exception=match.exception,
                network=s.network_name,
                company=(network.company if network else None)
                or (entity.company if entity else None),
                category=_category(network, entity, s.by_url, match, host, first_party,
                                   wallet),
                self_hosted=s.self_hosted,
                consent_held=held_until_consent(item.element, item.via),
            )
        )
    return tuple(out)


# a company's functional default for its hosts, which a filter list's block of the URL
# outranks: the request is that company's ad or tracker (X's conversion tag
# `platform.twitter.com/oct.js`, WordPress.com's stats pixel), not its widget or content.
# An entity that names the URL itself (`by_url`: Blogger's navbar script on AdSense's
# host) decided for that URL, and keeps its category.
_LIST_DECIDES = frozenset({Category.CONTENT, Category.SOCIAL})


def _category(
    network: Network | None, entity: Entity | None, by_url: bool, match: Match, host: str,
    first_party: str | None, wallet: bool = False
) -> Category:
    if network is not None:
        return network.category
    if entity is not None and (by_url or not match.blocked
                               or entity.category not in _LIST_DECIDES):
        return entity.category
    if match.blocked:
        if wallet and match.section and match.section.endswith(MINING_SECTION_END):
            return Category.CRYPTOMINING
        return Category.ANALYTICS if match.list in PRIVACY_LISTS else Category.ADVERTISING
    if not is_third_party(host, first_party):
        return Category.CONTENT
    return Category.UNKNOWN


def _host_path(url: str) -> str:
    """A URL without scheme, query and fragment: how snippet loaders are compared."""
    return url.split("//", 1)[-1].split("?", 1)[0].split("#", 1)[0].lower()


def with_snippet_loads(
    seen: list[Sighting],
    ids: Sequence[Identifier],
    present: Sequence[Network],
    page: ParsedPage,
    base: str | None,
    catalogue: Catalogue,
) -> list[Sighting]:
    """The loaders inline snippets build in JavaScript, among the sightings (via
    "inline-snippet"), before the rules look at any.

    Hotjar writes `'https://static.hotjar.com/c/hotjar-' + hjid + '.js'`: the walk sees
    at most the literal prefix. For a network present by its snippet, each catalogue
    `snippet` template filled with the page's IDs is (1) already loaded: nothing to do,
    except that a snippet configuring another network's loader takes it over (Yandex
    Webvisor on Metrica's tag.js: session replay); (2) the completion of a partial
    literal the walk found: that sighting becomes the full URL; (3) otherwise a loader
    of its own, at the snippet's script, when the page carries the snippet's own ID and
    no other resource of that network.
    """
    if not any(n.snippet for n in present):
        return seen
    out = list(seen)
    keys = [_host_path(s.url) for s in out]
    by_kind: dict[str, list[str]] = defaultdict(list)
    for ident in ids:
        by_kind[ident.kind].append(ident.value)
    for network in present:
        if not network.snippet:
            continue
        has_id = any(i.network == network.name for i in ids)
        for template_url, _ in network.snippet_urls(by_kind):
            url = resolve(template_url, base)
            if not url:
                continue
            key = _host_path(url)
            partial = (
                next(
                    (
                        k
                        for k, s in enumerate(out)
                        if s.network_name == network.name
                        and s.via == "inline-script"
                        and url.startswith(s.url)
                        and url != s.url
                    ),
                    None,
                )
                if has_id
                else None
            )
            same = [k for k, path in enumerate(keys) if path == key]
            if same and partial is None:
                if catalogue.network_for(url, host_of(url)) is not network:
                    for k in same:  # the snippet's network takes the loader over
                        out[k] = replace(out[k], network=network, entity=None)
                for k in same:
                    if (has_id and out[k].self_hosted and out[k].via == "inline-script"
                            and out[k].network_name == network.name):
                        # the walk read the address the snippet's own code joins (`g.src =
                        # u + 'piwik.js'`): the snippet's load, from the host it names as the
                        # vendor's server (its tracker), no copy of the vendor's file
                        out[k] = replace(out[k], self_hosted=False)
                continue
            if not has_id:
                continue
            if partial is None and any(s.network_name == network.name and (
                    not s.self_hosted or s.via == "inline-script") for s in out):
                continue  # loaded some other way (script src, a literal the walk found, the
                # address inline code joins: `g.src = u + 'piwik.js'`); a copy of its code
                # named by its file is no load of the snippet's URL
            if partial is not None:
                literal = out[partial].found
                out[partial] = replace(out[partial], found=replace(
                    literal, url=url, via="inline-snippet"))
                keys[partial] = key
                continue
            scripts = page.scripts
            script = next(
                (s for s in scripts for p in network.inline if p.search(s.text or "")),
                scripts[0] if scripts else None,
            )
            if script is None:
                continue  # no inline code: no snippet built this URL
            line = line_of(script)
            loader = Sighting(FoundURL(url, RequestType.SCRIPT, "inline-snippet", script),
                              host_of(url), network)
            at = next((k for k, s in enumerate(out) if line_of(s.found.element) > line),
                      len(out))
            out.insert(at, loader)
            keys.insert(at, key)
    return out


def host_summaries(resources: Sequence[Resource], seen: Sequence[Sighting],
                   catalogue: Catalogue) -> tuple[HostSummary, ...]:
    """Third-party hosts the page requests from, most resources first (a host only
    named in a `dns-prefetch`/`preconnect` hint is requested nothing); `seen` are the
    sightings the resources were classified from."""
    groups: dict[str, list[Resource]] = defaultdict(list)
    for res in resources:
        if res.third_party and res.type is not RequestType.DOCUMENT and not res.hint:
            groups[res.host].append(res)
    by_url = {s.url for s in seen if s.by_url}  # the URLs an entity's pattern names
    out = []
    for host, items in groups.items():
        # what the host serves says whose it is, but not a copy of a vendor's code
        # (`self_hosted`) or a URL an entity's pattern names; a host serving nothing
        # else is the taxonomy's (a public CDN), else what the copies do
        own = [r for r in items if not r.self_hosted and r.url not in by_url]
        networks = Counter(r.network for r in own if r.network)
        companies = Counter(r.company for r in own if r.company)
        categories = Counter(r.category for r in own if r.category)
        entity = catalogue.entity_for(host) if not own else None
        if entity is not None:
            companies[entity.company] += 1
            categories[entity.category] += 1
        elif not own:
            categories = Counter(r.category for r in items if r.category)
        out.append(
            HostSummary(
                host=host,
                domain=items[0].domain,
                network=networks.most_common(1)[0][0] if networks else None,
                company=companies.most_common(1)[0][0] if companies else None,
                category=categories.most_common(1)[0][0] if categories else Category.UNKNOWN,
                resources=len(items),
                blocked=sum(1 for r in items if r.blocked),
            )
        )
    out.sort(key=lambda h: (-h.resources, h.host))
    return tuple(out)
