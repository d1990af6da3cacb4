"""The types that flow between layers: reader → walk → rules → findings → report.

Everything here is a frozen dataclass so a layer cannot quietly change what an
earlier one decided; `to_dict()` gives the CONTRACT's JSON shape.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "auditor.report/1"


class RequestType(enum.StrEnum):
    """Request types as the filter syntax names them (CONTRACT's `type`)."""

    SCRIPT = "script"
    IMAGE = "image"
    STYLESHEET = "stylesheet"
    SUBDOCUMENT = "subdocument"
    XMLHTTPREQUEST = "xmlhttprequest"
    MEDIA = "media"
    FONT = "font"
    PING = "ping"
    WEBSOCKET = "websocket"
    OBJECT = "object"
    DOCUMENT = "document"
    OTHER = "other"


class Category(enum.StrEnum):
    """The one vocabulary for what a network, tracker or host does."""

    ADVERTISING = "advertising"
    ANALYTICS = "analytics"
    TAG_MANAGER = "tag-manager"
    SESSION_REPLAY = "session-replay"
    SOCIAL = "social"
    AFFILIATE = "affiliate"
    FINGERPRINTING = "fingerprinting"
    CRYPTOMINING = "cryptomining"
    ADWARE = "adware"  # injected by adware in the browser that saved the page, not the site
    CONSENT = "consent"
    CUSTOMER_ENGAGEMENT = "customer-engagement"
    CONTENT = "content"
    UNKNOWN = "unknown"


class Severity(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return {"low": 1, "medium": 2, "high": 3}[self.value]


@dataclass(frozen=True, slots=True)
class ListInfo:
    """A filter list as loaded: enough to reproduce an audit."""

    name: str
    source: str
    rules: int
    sha256: str
    unsupported: int = 0
    missing: bool = False  # a standard list (EasyList, EasyPrivacy) that was not found

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "source": self.source,
            "rules": self.rules,
            "sha256": self.sha256,
            "unsupported": self.unsupported,
        }
        if self.missing:
            out["missing"] = True
        return out


@dataclass(frozen=True, slots=True)
class Match:
    """A network-filter decision, adblock-rust style: which rule decided and why."""

    blocked: bool
    rule: str | None = None
    list: str | None = None
    exception: bool = False
    line: int | None = None  # line of the deciding rule in its list
    important: bool = False
    # the file of its list the rule comes from, where the list marks them
    # (`easyprivacy_trackingservers_mining.txt`): what the rule's hosts do
    section: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "blocked": self.blocked,
            "rule": self.rule,
            "list": self.list,
            "exception": self.exception,
            "line": self.line,
            "important": self.important,
        }


NO_MATCH = Match(blocked=False)


# Connection hints: the page may connect to these hosts early, but requests nothing from
# them. A vendor seen only here is a hint of its use elsewhere, not a vendor present.
PRECONNECT = "link[preconnect]"
HINT_VIAS = frozenset({"link[dns-prefetch]", PRECONNECT})
_HINT_ENDS = tuple(HINT_VIAS)


def hint_via(via: str | None) -> str | None:
    """The connection hint a `via` names, at any depth (`link[preconnect]`, and one a
    document the page holds or a `Link` header makes: `Link header link[preconnect]`),
    else None."""
    if not via or not via.endswith(_HINT_ENDS):  # asked of every resource, many times
        return None
    last = via.rpartition(" ")[2]
    return last if last in HINT_VIAS else None


@dataclass(frozen=True, slots=True)
class Resource:
    """A URL the page would load, with what the rules and the catalogue say of it."""

    url: str
    type: RequestType
    host: str
    domain: str
    third_party: bool
    line: int
    xpath: str
    via: str  # how the walk found it: "script[src]", "inline-script", "img[srcset]", ...
    blocked: bool = False
    rule: str | None = None
    list: str | None = None
    exception: bool = False
    network: str | None = None
    company: str | None = None
    category: Category | None = None
    # a vendor's loader served from no host of the vendor's (the site itself, its own
    # CDN, a public CDN): the catalogue's `self_hosted` file names say whose it is
    self_hosted: bool = False
    # held until the visitor consents (a consent manager's inert tag, a parked URL, a
    # template): on the page, but not run for a visitor who has not consented
    consent_held: bool = False
    # requested only by an ad's creative, the document an ad slot's frame holds (its
    # pixels, its conversion tag): the ad server's choice, not the publisher's, so it
    # names no network of the page's (`report_networks`), as its IDs are the creative's
    creative: bool = False

    @property
    def hint(self) -> bool:
        """A connection hint (`dns-prefetch`, `preconnect`): it requests nothing."""
        return hint_via(self.via) is not None

    @property
    def connects(self) -> bool:
        """A `preconnect`: no request, but a connection to the host (a `dns-prefetch`
        asks a resolver, not the host)."""
        return hint_via(self.via) == PRECONNECT

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "url": self.url,
            "type": self.type.value,
            "host": self.host,
            "domain": self.domain,
            "third_party": self.third_party,
            "line": self.line,
            "xpath": self.xpath,
            "via": self.via,
            "blocked": self.blocked,
            "rule": self.rule,
            "list": self.list,
            "exception": self.exception,
            "network": self.network,
            "company": self.company,
            "category": self.category.value if self.category else None,
            "self_hosted": self.self_hosted,
        }
        if self.consent_held:
            out["consent_held"] = True
        if self.creative:
            out["creative"] = True
        return out


@dataclass(frozen=True, slots=True)
class Slot:
    """An ad placement (or, on text pages, a promotional block)."""

    network: str | None
    line: int
    xpath: str
    rule: str | None
    list: str | None
    zone_id: str | None = None
    width: int | None = None
    height: int | None = None
    kind: str = "ad"  # "ad"; text pages: "sponsored", "affiliate", "recirculation", "share", ...
    category: Category | None = Category.ADVERTISING
    markup_bytes: int = 0
    text: str | None = None  # text pages: the block's first line
    company: str | None = None  # who runs the network, from the catalogue

    @property
    def size(self) -> str:
        """`460×250`; a slot that declares one dimension only is `460w` or `250h`; one
        that declares neither has no size to show. Every report writes sizes this way."""
        if self.width and self.height:
            return f"{self.width}×{self.height}"
        if self.width:
            return f"{self.width}w"
        if self.height:
            return f"{self.height}h"
        return ""

    @property
    def area(self) -> int:
        return (self.width or 0) * (self.height or 0)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "network": self.network,
            "zone_id": self.zone_id,
            "width": self.width,
            "height": self.height,
            "line": self.line,
            "xpath": self.xpath,
            "rule": self.rule,
            "list": self.list,
            "kind": self.kind,
            "category": self.category.value if self.category else None,
            "markup_bytes": self.markup_bytes,
        }
        if self.text is not None:
            out["text"] = self.text
        if self.company is not None:
            out["company"] = self.company
        return out


@dataclass(frozen=True, slots=True)
class UnplacedUnit:
    """An ad unit the page's code defines for an element the saved page lacks (GPT's
    `defineSlot(path, size, 'div-gpt-ad-1')` with no such div, a branch's unit that did
    not run): no placement, so neither a slot nor ad load, but its zone is one of the
    page's IDs, cited at the line of the call that defines it."""

    network: str
    kind: str  # the zone's ID kind (`gpt-slot`)
    zone_id: str
    line: int
    xpath: str  # the script holding the call
    rule: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"network": self.network, "kind": self.kind, "zone_id": self.zone_id,
                "line": self.line, "xpath": self.xpath, "rule": self.rule}


class Origin(enum.StrEnum):
    """Whose an ID is: the page's operator's, or the source's, carried in with copied
    content (a scraper copying a BBC article copies the BBC's analytics ID with it), or
    a look-alike's: a vendor's snippet whose script comes from a host dressed as the vendor
    (`auditor.heuristics.lookalikes`) runs the look-alike's code, not the vendor's; or
    adware's: an injector's distribution number (Superfish's `dlsource`) was written by
    the adware in the browser that saved the page (`auditor.heuristics.adware`); or the ad
    creative's: the code of an ad served into an ad slot's frame (an advertiser's
    conversion tag, its pixel) sets up the advertiser's accounts (`auditor.creatives`)."""

    OPERATOR = "operator"
    COPIED = "copied"
    LOOKALIKE = "lookalike"  # set up by a vendor's snippet whose script a look-alike host serves
    ADWARE = "adware"  # written by adware in the saving browser, not by the site
    CREATIVE = "creative"  # written by the code of an ad served into an ad slot's frame


@dataclass(frozen=True, slots=True)
class Identifier:
    """A monetisation or tracking ID that ties a page to an operator."""

    kind: str  # "exoclick-zone", "adsense-publisher", "gtm-container", ...
    value: str
    network: str | None = None
    origin: Origin = Origin.OPERATOR
    copied_from: str | None = None  # the source's registrable domain, for a copied ID
    why: str | None = None  # for a copied, look-alike or adware ID: the evidence whose it is

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "value": self.value,
                               "network": self.network, "origin": self.origin.value}
        if self.copied_from is not None:
            out["copied_from"] = self.copied_from
        if self.why is not None:
            out["why"] = self.why
        return out


@dataclass(frozen=True, slots=True)
class Lookalike:
    """A script a vendor's snippet loads from a host dressed as the vendor or a CDN."""

    url: str
    host: str
    network: str  # the vendor the snippet's shape or ID names
    dressed: str  # what the host is dressed as: `google`, `a CDN or tracker`, `hotjar.com`
    line: int
    xpath: str
    code: str = ""  # the inline snippet that holds the URL ("" for a tag's `src`)
    # `network` is a library the file's name claims (`jquery-3.7.1.min.js`), not a vendor
    # of the catalogue whose snippet loads it
    library: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason to think a page republishes a source, and where the page says so."""

    kind: str  # "source-link", "canonical", "og-url", "is-based-on", "hotlinked-images", ...
    text: str  # what the page shows: the anchor text, the line, the attribute value
    line: int = 0
    xpath: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "line": self.line, "xpath": self.xpath}


@dataclass(frozen=True, slots=True)
class Replay:
    """The web archive a page was saved from: its audit is of the original page, so the
    report says whose copy it read and of when."""

    archive: str  # "Wayback Machine", "Archive-It", "pywb", "archive.today"
    original: str | None  # the archived page's own URL, when the replay names it
    captured: str | None  # the capture's time, ISO 8601 UTC (as precise as its timestamp)
    replay_url: str | None = None  # the URL the archive served it at, when known

    def to_dict(self) -> dict[str, Any]:
        return {"archive": self.archive, "original": self.original,
                "captured": self.captured, "replay_url": self.replay_url}


@dataclass(frozen=True, slots=True)
class Provenance:
    """An original the page republishes: one per source site, with all its evidence."""

    host: str
    domain: str  # registrable domain: what copied IDs and bulk tables name
    url: str | None = None  # the original article, when the evidence names one
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "host": self.host, "domain": self.domain,
                "evidence": [e.to_dict() for e in self.evidence]}


class Basis(enum.StrEnum):
    """How an MFA indicator's value was had from a saved page."""

    MEASURED = "measured"  # read directly off the page
    ESTIMATED = "estimated"  # from a proxy (markup bytes for screen area, ...)
    UNKNOWABLE = "unknowable"  # needs live traffic or rendering a saved page cannot give


@dataclass(frozen=True, slots=True)
class Indicator:
    """One row of the made-for-advertising scorecard."""

    criterion: str  # "ad-to-content", "ad-density", "auto-refresh", ...
    value: str  # as shown: "41%", "12.5 per 1,000 words", "2 refresh timers", "—"
    threshold: str  # "≥ 30% (ANA 2023)", ...
    source: str  # who set the threshold: "ANA", "Jounce", "HUMAN", "Better Ads"
    basis: Basis
    met: bool | None  # None when the basis is unknowable
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"criterion": self.criterion, "value": self.value,
                "threshold": self.threshold, "source": self.source,
                "basis": self.basis.value, "met": self.met, "evidence": self.evidence}


# Rows read from one list of ad slots (area, units per words, units between paragraphs):
# shown apart, counted as one indicator, "ad load"
ONE_INDICATOR = {"ad-to-content": "ad load", "ad-density": "ad load", "ads-in-body": "ad load"}
NO_ADS = "no ads found: a page without ads is not made for advertising, whatever it meets"


@dataclass(frozen=True, slots=True)
class Scorecard:
    """The statically measurable part of the MFA definitions, row by row."""

    indicators: tuple[Indicator, ...] = ()
    note: str = ""  # what qualifies the count, e.g. that the page carries no ads at all

    @property
    def met(self) -> int:
        """Indicators met, the ad-load rows (one slot list read three ways) as one."""
        return len({ONE_INDICATOR.get(i.criterion, i.criterion)
                    for i in self.indicators if i.met})

    @property
    def judged(self) -> int:
        return len({ONE_INDICATOR.get(i.criterion, i.criterion)
                    for i in self.indicators if i.met is not None})

    @property
    def has_ads(self) -> bool:
        """False when the scorecard notes the page carries no ads: its count then says
        nothing of advertising, and no gate or highlight should act on it."""
        return self.note != NO_ADS

    @property
    def summary(self) -> str:
        """The one line every report shows: a count, never a claim that the page is MFA,
        and what a saved page could not judge.

        >>> Scorecard((Indicator("a", "", "", "", Basis.MEASURED, True),
        ...            Indicator("b", "", "", "", Basis.UNKNOWABLE, None))).summary
        'meets 1 of 1 judged MFA indicators (1 unknowable from a saved page: b)'
        """
        unknown = [i.criterion for i in self.indicators if i.met is None]
        once = sum(1 for i in self.indicators
                   if i.criterion in ONE_INDICATOR and i.met is not None) > 1
        parts = ["ad-load rows count once"] if once else []
        if unknown:
            parts.append(f"{len(unknown)} unknowable from a saved page: {', '.join(unknown)}")
        tail = f" ({'; '.join(parts)})" if parts else ""
        note = f"; {self.note}" if self.note else ""
        return f"meets {self.met} of {self.judged} judged MFA indicators{tail}{note}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"met": self.met, "judged": self.judged, "summary": self.summary,
                               "indicators": [i.to_dict() for i in self.indicators]}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """Something that looks injected or malicious, with a fingerprint free of line numbers."""

    id: str  # stable fingerprint: kind + evidence, never the line
    kind: str
    severity: Severity
    message: str
    line: int = 0
    xpath: str = ""
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "xpath": self.xpath,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Violation:
    """A policy clause a page breaks (the CI gate); `fingerprint` is the baseline key."""

    clause: str  # the policy key, e.g. "deny_networks"
    message: str
    fingerprint: str
    line: int = 0
    xpath: str = ""
    rule: str | None = None
    severity: Severity = Severity.HIGH
    baselined: bool = False
    path: str = ""  # the page as the policy sees it: relative to the site root
    evidence: str = ""  # what the fingerprint hashes besides path and clause: host, finding id
    list: str | None = None  # the filter list `rule` came from
    finding: str | None = None  # the finding kind, for violations raised by a finding

    @property
    def rule_id(self) -> str:
        """The id code-scanning UIs group by: the finding kind, else the policy clause."""
        return self.finding or self.clause

    def to_dict(self) -> dict[str, Any]:
        return {
            "clause": self.clause,
            "rule_id": self.rule_id,
            "message": self.message,
            "fingerprint": self.fingerprint,
            "path": self.path,
            "line": self.line,
            "xpath": self.xpath,
            "rule": self.rule,
            "list": self.list,
            "evidence": self.evidence,
            "severity": self.severity.value,
            "baselined": self.baselined,
        }


@dataclass(frozen=True, slots=True)
class HostSummary:
    """One third-party host the page pulls resources from."""

    host: str
    domain: str
    network: str | None
    company: str | None
    category: Category
    resources: int
    blocked: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "host": self.host,
            "domain": self.domain,
            "network": self.network,
            "company": self.company,
            "category": self.category.value,
            "resources": self.resources,
            "blocked": self.blocked,
        }


class Seen(enum.StrEnum):
    """How a page shows a network, strongest first: what a reviewer checks first."""

    LOADED = "loaded"  # the page requests its code, pixel or frame (self-hosted included)
    AMP = "amp"  # an AMP component, or one written after AMP's, names it
    INLINE = "inline"  # inline code that configures it (its signature in a script)
    BIDDER = "bidder"  # a header-bidding config asks it for bids (its Prebid.js bidder code)
    LINK = "link"  # an affiliate link of it monetises the page
    SLOT = "slot"  # an ad slot its markup names, and nothing else of it
    ID = "id"  # only an ID of it, written in the page (the operator's, not copied)

    @property
    def phrase(self) -> str:
        """How a report says it."""
        return _SEEN_PHRASES[self]


_SEEN_PHRASES = {
    Seen.LOADED: "loaded", Seen.AMP: "AMP component", Seen.INLINE: "inline code",
    Seen.BIDDER: "bid config", Seen.LINK: "affiliate link", Seen.SLOT: "ad slot only",
    Seen.ID: "ID only",
}


@dataclass(frozen=True, slots=True)
class NetworkSeen:
    """One network the page carries: the list an analyst reads first ("who is here"),
    each with how it shows and what of it the report holds."""

    network: str
    company: str | None
    category: Category
    seen: Seen
    resources: int  # requests of it (not connection hints)
    slots: int
    ids: int  # the operator's IDs of it
    # every request of it waits for the visitor's consent (`Resource.consent_held`): it is
    # on the page, and runs only for those who consent
    consent_held: bool = False
    # its only sign is an ID in a tag the page keeps in an HTML comment (`<!-- <script>…
    # </script> -->`): the operator's, but the tag runs for no visitor, so nothing loads
    commented_out: bool = False

    @property
    def shown(self) -> str:
        """How a report says it shows: `loaded`, `loaded, held until consent`, `ID only, in
        a commented-out tag`."""
        return self.seen.phrase + (", held until consent" if self.consent_held else "") + (
            ", in a commented-out tag" if self.commented_out else "")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "network": self.network, "company": self.company, "category": self.category.value,
            "seen": self.seen.value, "resources": self.resources, "slots": self.slots,
            "ids": self.ids}
        if self.consent_held:
            out["consent_held"] = True
        if self.commented_out:
            out["commented_out"] = True
        return out


@dataclass(frozen=True, slots=True)
class Metrics:
    """The ad-load figures of one page; see auditor/metrics.py for definitions."""

    ad_slots: int = 0
    ad_resources: int = 0
    tracker_resources: int = 0
    third_party_hosts: int = 0
    content_chars: int = 0
    ad_markup_bytes: int = 0
    content_to_ad_ratio: float | None = None
    ad_area_px: int = 0
    content_words: int = 0
    ad_units_per_1000_words: float | None = None
    ad_slots_in_body: int = 0

    @property
    def shares(self) -> tuple[float, float] | None:
        """(content, ads): content_chars and ad_markup_bytes as shares of their sum, the
        bar every report draws; None for a page with neither.

        >>> Metrics(content_chars=300, ad_markup_bytes=100).shares
        (0.75, 0.25)
        """
        total = self.content_chars + self.ad_markup_bytes
        if not total:
            return None
        return self.content_chars / total, self.ad_markup_bytes / total

    def to_dict(self) -> dict[str, Any]:
        return {
            "ad_slots": self.ad_slots,
            "ad_resources": self.ad_resources,
            "tracker_resources": self.tracker_resources,
            "third_party_hosts": self.third_party_hosts,
            "content_chars": self.content_chars,
            "ad_markup_bytes": self.ad_markup_bytes,
            "content_to_ad_ratio": self.content_to_ad_ratio,
            "ad_area_px": self.ad_area_px,
            "content_words": self.content_words,
            "ad_units_per_1000_words": self.ad_units_per_1000_words,
            "ad_slots_in_body": self.ad_slots_in_body,
        }


def report_networks(resources: Iterable[Resource], slots: Iterable[Slot],
                    ids: Iterable[Identifier]) -> dict[str, Category | None]:
    """The networks a report's requests (not hints, nor a creative's), slots and operator
    IDs name, with the category they give (an ID gives none): each is one its `networks`
    list holds. A connection hint requests nothing, a creative's request is the ad
    server's choice, and a copied ID is the republished source's."""
    out: dict[str, Category | None] = {}
    for res in resources:
        if res.network and not res.hint and not res.creative:
            out.setdefault(res.network, res.category)
    for slot in slots:
        if slot.network:
            out.setdefault(slot.network, slot.category)
    for ident in ids:
        if ident.network and ident.origin is Origin.OPERATOR:
            out.setdefault(ident.network, None)
    return out


@dataclass(frozen=True, slots=True)
class PageReport:
    """Everything the audit found on one page."""

    input: str
    url: str | None
    kind: str
    first_party: str | None
    title: str | None
    resources: tuple[Resource, ...] = ()
    slots: tuple[Slot, ...] = ()
    third_party_hosts: tuple[HostSummary, ...] = ()
    networks: tuple[NetworkSeen, ...] = ()  # every network the page carries
    findings: tuple[Finding, ...] = ()
    ids: tuple[Identifier, ...] = ()
    metrics: Metrics = field(default_factory=Metrics)
    errors: tuple[str, ...] = ()
    post_id: int | None = None
    notes: tuple[str, ...] = ()  # what could not be audited, and why (not findings)
    provenance: tuple[Provenance, ...] = ()  # the originals this page republishes
    mfa: Scorecard | None = None  # None for a page that could not be audited
    replay: Replay | None = None  # the web archive the page was saved from
    unplaced_units: tuple[UnplacedUnit, ...] = ()  # units defined with no element shown

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "input": self.input,
            "url": self.url,
            "kind": self.kind,
            "first_party": self.first_party,
            "title": self.title,
            "resources": [r.to_dict() for r in self.resources],
            "slots": [s.to_dict() for s in self.slots],
            "third_party_hosts": [h.to_dict() for h in self.third_party_hosts],
            "networks": [n.to_dict() for n in self.networks],
            "findings": [f.to_dict() for f in self.findings],
            "ids": [i.to_dict() for i in self.ids],
            "metrics": self.metrics.to_dict(),
            "errors": list(self.errors),
            "provenance": [p.to_dict() for p in self.provenance],
        }
        if self.mfa is not None:
            out["mfa"] = self.mfa.to_dict()
        if self.post_id is not None:
            out["post_id"] = self.post_id
        if self.notes:
            out["notes"] = list(self.notes)
        if self.replay is not None:
            out["replay"] = self.replay.to_dict()
        if self.unplaced_units:
            out["unplaced_units"] = [u.to_dict() for u in self.unplaced_units]
        return out


@dataclass(frozen=True, slots=True)
class AuditReport:
    """A whole run: the lists used and the pages audited."""

    version: str
    lists: tuple[ListInfo, ...]
    pages: tuple[PageReport, ...]
    skipped: int = 0  # records that were not pages (images, revisits)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "tool": {"name": "auditor", "version": self.version},
            "lists": [li.to_dict() for li in self.lists],
            "pages": [p.to_dict() for p in self.pages],
            "summary": {
                "pages": len(self.pages),
                "errors": sum(len(p.errors) for p in self.pages),
                "skipped": self.skipped,
            },
        }
