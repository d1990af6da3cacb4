"""The ad-network and tracker catalogue: data in `rules/catalogue/*.toml`, loaded here.

A network says how to recognise it: request hosts, loader URLs, slot markup (CSS
selectors), inline-script signatures and ID patterns. An entity entry only says who
runs a domain and what it does. Adding either is editing TOML, never code.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Callable, Container, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import translate
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

import cssselect
from cssselect import GenericTranslator, SelectorError
from cssselect import parse as css_parse
from cssselect.parser import CombinedSelector
from lxml import etree

from auditor.ad_names import ad_attribute
from auditor.errors import RuleError
from auditor.lazy_re import PatternFacts, lazy_regex
from auditor.literals import LiteralSet
from auditor.model import Category, ListInfo, RequestType
from auditor.rules import cache as _cache
from auditor.rules.literal import alternatives, regex_literal, trailing_lookahead
from auditor.saved import saved_file_name
from auditor.urls import (
    dressed_host,
    host_matches,
    host_of,
    open_host,
    platform_tenant,
    url_path,
)

CATALOGUE_LIST = "auditor-catalogue"  # the `list` of what the catalogue finds
ID_SOURCES = frozenset({"url", "script", "attr", "any", "markup", "meta", "amp", "prebid",
                        "zone", "handed"})
FORMATS = frozenset({"popunder", "push", "interstitial", "native", "in-text", "tool"})
# the formats shown away from where their tag stands: a window, a notification, a page over
# the page, the page's own words and links; and an ad vendor's tool that shows no ad at all
# (rules/README.md, `formats`)
PLACELESS_FORMATS = ("popunder", "push", "interstitial", "in-text", "tool")
# the formats that show an ad: all but an ad vendor's `tool` (Tynt's copy tracking)
AD_FORMATS = FORMATS - {"tool"}
# amphtml's three registries of vendor names (auditor/amp.py): ad vendors' types,
# amp-analytics vendors' types, real-time-config bid vendors
AmpRole = Literal["ad", "analytics", "bidder"]
AMP_ROLES: tuple[AmpRole, ...] = ("ad", "analytics", "bidder")
# The keys each table may hold (rules/README.md says what each does); any other is a
# RuleError, since a misspelt key would silently do nothing.
NETWORK_KEYS = frozenset({
    "name", "company", "ad_server", "category", "hosts", "urls", "url_shapes", "shape_types",
    "loaders", "unit_loaders", "self_hosted", "self_hosted_tags", "comments", "inline",
    "settings", "snippet", "formats", "format_tags", "shows_ads", "markup_words", "links", "slot",
    "script_slot", "id", "amp", "amp_analytics", "amp_rtc", "prebid", "samples",
    "sync_paths", "platform_ids", "platform",
})
SLOT_KEYS = frozenset({"selector", "zone_attr", "zone_pattern", "size_pattern", "id_kind",
                       "requires_network", "requires_zone", "zone_in_code", "joins_sites",
                       "zone_comment"})
SCRIPT_SLOT_KEYS = frozenset({"pattern", "id_kind", "label", "joins_sites", "element",
                              "needs_element", "needle", "needs_loader", "sized_unit",
                              "per_call", "unless", "fills"})
ID_KEYS = frozenset({"kind", "where", "pattern", "attr", "src", "on", "needles", "internal",
                     "replaces", "replaces_unless", "joins_sites", "decoded", "assigned",
                     "live", "seek", "stops", "reach", "each", "host"})
ENTITY_KEYS = frozenset({"company", "category", "domains", "urls", "network"})
_PLACEHOLDER = lazy_regex(r"\{([a-z0-9-]+)\}")
_TEMPLATE_TEXT = lazy_regex(r"(?i)x{4,}|(.)\1{5,}")
SLASHED_KINDS = frozenset({"gpt-slot"})  # GPT takes its unit path with or without the "/"


def canonical_id(kind: str | None, value: str | None) -> str | None:
    """The ID, or None for a template's text where the ID goes (a theme's
    `data-adunit="XXXXXX"` names no unit).

    >>> canonical_id("gpt-slot", "XXXXXX"), canonical_id("adsense-slot", "1112223334")
    (None, '1112223334')
    """
    if value is None or _TEMPLATE_TEXT.fullmatch(value.strip("/")):
        return None
    return value


def slash_twins(ids: Iterable[tuple[str | None, str | None]]) -> dict[tuple[str, str], str]:
    """(kind, path) -> "/" + path, for each unit path a page writes both without and with
    its leading slash (GPT reads `1234/site/top` as `/1234/site/top`): one value, spelt as
    the page spells it elsewhere; a page writing it one way only keeps its spelling.

    >>> slash_twins([("gpt-slot", "/1/a"), ("gpt-slot", "1/a"), ("gpt-slot", "2/b")])
    {('gpt-slot', '1/a'): '/1/a'}
    """
    pairs = {(k, v) for k, v in ids if k in SLASHED_KINDS and v}
    return {(k, v): "/" + v for k, v in pairs if not v.startswith("/") and (k, "/" + v) in pairs}


def unescaped_path(value: str) -> str:
    r"""An ID's path as the ad server reads it, from the forms a page escapes it in: a JSON
    string's `\/` (`"\/4624\/unit"`), a URL query's `%2F` (`iu=%2F4624%2Funit`) and
    the `%2C` before an MCM child's code (`iu=%2F6355419%2C22222%2F…`). The one decoder of
    an ID pattern's value and a slot's zone read from an attribute.

    >>> unescaped_path("%2F6355419%2c22222%2fsite"), unescaped_path("\\/4624\\/unit")
    ('/6355419,22222/site', '/4624/unit')
    """
    if "\\" not in value and "%" not in value:
        return value
    return _ESCAPED_PATH.sub(lambda m: "," if m.group(0)[-1] in "Cc" else "/", value)


_ESCAPED_PATH = lazy_regex(r"\\/|%2[FfCc]")


def _gam_path(sep: str, comma: str) -> str:
    r"""Google Ad Manager's ad-unit path after its leading slash, `<network code>/<ad unit
    code>[/<child code>…]`, its separators `sep` and the MCM comma `comma` (the page's own,
    or as a JSON string or a URL's query escapes them). By Google's documentation: a network
    code is digits, an MCM child's after the parent's and a comma (`/1234567,1234/Travel`,
    Ad Manager Help 9579170, 10477476); a code holds at most 100 of letters, digits and
    `_ - . * ! < : ( )` (Help 10477476; the API's AdUnitCodeError). And by what a reviewer
    signs of a value whose shape alone says GAM: its unit holds a letter (`/300/250`, a
    size's numbers, is none); a year where the network code would stand opens a story's
    or a campaign's folder (`/2019/05/top`, `/2024/summer-sale/banner`), so a code of
    1900-2099 is refused, the rare network of one the price; and a last code ending in a
    file's extension is a file (`/4088/site/a.js`). A doubled separator is a slash inside
    a code, as Ad Manager's tag generator escapes it (`/2930292/a//b`); a trailing one is
    taken: a literal opening a path the script concatenates (`"/4328/hdm.mag/" + zone`)."""
    code = r"[A-Za-z0-9_.*!<:()\-]"
    ext = r"jpe?g|png|gif|webp|avif|svg|html?|shtml|php|aspx?|jsp|js|css|json|xml|mp4|webm|pdf"
    return (rf"(?!(?:19|20)\d\d{sep})"
            rf"\d{{3,12}}(?:{comma}\d{{3,12}})?{sep}"
            rf"(?=(?:{sep}|{code}){{0,1100}}?[A-Za-z])"
            rf"(?!(?:{sep}|{code}){{0,1100}}?\.(?:{ext})(?!{code}|{sep}))"
            rf"{code}{{1,100}}(?:(?:{sep}){{1,2}}{code}{{1,100}}){{0,10}}(?:{sep})?")


# Named fragments a catalogue pattern writes as `(?&name)` (PCRE's call of a named
# group, which Python's `re` refuses: a pattern the loader has not expanded compiles to
# no reading of its own), expanded by `with_fragments` before anything reads the pattern;
# slots/assigned.py's reader of an assigned path uses the same text
FRAGMENTS: dict[str, str] = {
    "gam_path": _gam_path("/", ","),
    "gam_path_escaped": _gam_path(r"(?:/|\\/|%2[Ff])", r"(?:,|%2[Cc])"),
}
_FRAGMENT = lazy_regex(r"\(\?&(\w+)\)")


def with_fragments(pattern: str, where: str) -> str:
    """A catalogue pattern with its `(?&name)` fragments written out (`FRAGMENTS`); an
    unknown name is a RuleError.

    >>> with_fragments("^(/(?&gam_path))$", "x") == "^(/(?:" + FRAGMENTS["gam_path"] + "))$"
    True
    """
    if "(?&" not in pattern:
        return pattern

    def fill(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in FRAGMENTS:
            raise RuleError(f"{where}: unknown fragment (?&{name}) in {pattern!r}; "
                            f"known: {', '.join(sorted(FRAGMENTS))}")
        return "(?:" + FRAGMENTS[name] + ")"
    return _FRAGMENT.sub(fill, pattern)


def _expanded(data: dict[str, Any], where: str) -> dict[str, Any]:
    """A parsed catalogue file with the fragments of its networks' slot, script-slot and
    ID tables' strings written out (`with_fragments`), in place: the tables' patterns are
    their only regexes a fragment serves (a walk of the whole file took 25 ms a load)."""
    for entry in data.get("network", ()):
        for table in (t for key in ("slot", "script_slot", "id") for t in entry.get(key, ())):
            for key, value in table.items():
                if isinstance(value, str) and "(?&" in value:
                    table[key] = with_fragments(value, f"{where}: {entry.get('name')}")
    return data


REQUEST_TYPES = frozenset(t.value for t in RequestType)


@dataclass(frozen=True, slots=True)
class SlotSpec:
    """Markup that is an ad placement of one network."""

    selector: str
    xpath: etree.XPath
    zone_attr: str | None
    id_kind: str | None
    requires_network: bool  # generic markup: counts only where the page loads the network
    joins_sites: bool = True  # see IdSpec.joins_sites
    # generic markup whose zone's form is the vendor's alone (Yieldmo's `div.ym` with an id
    # of its 19-digit placement): counts only where `zone_of` reads a zone from it
    requires_zone: bool = False
    # a container named for the zone its vendor's code fills (Smart's `div#sas_<format>`):
    # counts only where the page's inline code names that zone as a word of its own (a call
    # or a config of the page asking for the format), not a stray box of a format none asks for
    zone_in_code: bool = False
    # per branch of the selector, what a match needs the page to hold (`slot_needles`);
    # None: some branch cannot be read, so the XPath always runs
    needles: tuple[SlotNeedles, ...] | None = None
    # per branch of `needles`, what some id of the page must start with (`slot_id_starts`)
    id_starts: tuple[tuple[str, ...], ...] = ()
    # of a selector list, each selector and an XPath testing an element against it alone:
    # a slot cites the one that found it, not the whole list
    branches: tuple[tuple[str, etree.XPath], ...] = ()
    # the part of `zone_attr`'s value that is the zone, where a vendor writes it inside
    # an element id (Snigel's `adngin-<unit>-0`): group 1, or the group named `value`
    zone_pattern: re.Pattern[str] | None = None
    # the size a tag URL in `zone_attr` asks for (DART's `;sz=728x90`, ADTECH's
    # `;size=300x250`): groups `width` and `height`, as a script slot's
    size_pattern: re.Pattern[str] | None = None
    # the zone a vendor's generated tag names in the comment it writes right before the
    # element (Ad Manager's `<!-- /1234/site/top -->` over `<div id='div-gpt-ad-…'>`): group
    # 1, read where the element declares none
    zone_comment: re.Pattern[str] | None = None

    def size_of(self, el: etree._Element) -> tuple[int | None, int | None]:
        """The width and height `size_pattern` reads from `zone_attr`'s value, if any."""
        value = el.get(self.zone_attr) or "" if self.zone_attr else ""
        match = self.size_pattern.search(value) if self.size_pattern and value else None
        width, height = (int(match.group("width")), int(match.group("height"))) if match else (0, 0)
        # a side of 1 is an ad server's placement code (DART's `1x1` out-of-page unit, its
        # `1x4` custom positions), no size the unit shows at
        return (width, height) if width > 1 and height > 1 else (None, None)

    def zone_of(self, el: etree._Element) -> str | None:
        """The zone `el` declares: `zone_attr`'s value, or the part `zone_pattern` reads
        from it (none where the pattern does not match: no zone beats a wrong one)."""
        value = (el.get(self.zone_attr) or "").strip() if self.zone_attr else ""
        if value and self.zone_pattern is not None:
            match = self.zone_pattern.search(value)
            value = (match.groupdict().get("value") or match.group(1) or "") if match else ""
            value = unescaped_path(value)  # a zone read from a URL's query keeps it encoded
        return value or None

    def zone_beside(self, el: etree._Element) -> str | None:
        """The zone `zone_comment` reads in the comment right before `el`, for an element
        declaring none: its generated tag's, which a call naming the unit overrides (a site
        edits its defineSlot and keeps the comment)."""
        if self.zone_comment is None:
            return None
        return _zone_in_comment(el, self.zone_comment) or None

    def rule_for(self, el: etree._Element) -> str:
        """The cosmetic-style rule that found `el`: `##` and the selector it matches."""
        return "##" + next((text for text, test in self.branches if test(el)), self.selector)

    def may_match(self, names: Container[str | None], values: Container[str | None],
                  ids: Callable[[], Sequence[str]] | None = None) -> bool:
        """False when no branch can match: a tag or attribute name missing from the
        `names` the lowered markup holds, a literal from the `values` the tree's
        attribute values hold, or an id's start (`id_starts`) from the page's `ids` (a
        superset allowed), asked only of a branch the needles let through. Saves a walk
        of the tree per selector branch on most pages: a value holding `ld-` anywhere
        (half the corpus's pages) let LockerDome's `div[id^='ld-']` walk the tree."""
        if self.needles is None:
            return True
        read: Callable[[], Sequence[str]] = tuple if ids is None else ids
        starts = self.id_starts if ids is not None and self.id_starts else (
            ((),) * len(self.needles))
        return any(all(n in names for n in branch_names) and all(v in values for v in literals)
                   and all(any(i.startswith(start) for i in read()) for start in branch_starts)
                   for (branch_names, literals), branch_starts in zip(
                       self.needles, starts, strict=True))


SlotNeedles = tuple[tuple[str, ...], tuple[str, ...]]  # (lowered names, value literals)
# a branch's step (`ins/ins/iframe`: `ins > ins > iframe`, each tag needed) and its tests
_BRANCH_STEP = lazy_regex(r"^descendant-or-self::((?:[\w-]+/)*(?:[\w-]+|\*))\[(.*)\]$")
# a test of a child (`:has(> a[href*='x'])`), its tag needed and its tests read with the rest
_CHILD_STEP = lazy_regex(r"\./([\w-]+|\*)\[")
# what needles cannot stand for: a negation, an alternative, a test of the element's
# text (`:contains('x')` is `contains(., 'x')`: its literal is no attribute value)
_AND_NOT = lazy_regex(r"\s+and\s+\(not\(")
# cssselect's `[id^='x']`: a start asked of the id (a quote inside: `"`, which
# `slot_needles` cannot read)
_ID_START = lazy_regex(r"starts-with\(@id, '([^']*)'\)")
_UNREADABLE = lazy_regex(r"\bnot\(|\bor\b|translate\(|\"|\||/|\(\s*\.\s*[,)]")


def slot_needles(path: str) -> tuple[SlotNeedles, ...] | None:
    """What each branch of a translated selector (`descendant-or-self::tag[tests]`, joined
    by ` | `) needs on the page: `<tag` and `attr` names in the lowered markup (the parser
    lowers them; the markup holds every name it parsed), and the quoted literals of its
    tests among the attribute values. Only plain conjunctions are read (no `or`, `not`,
    `translate`): there every test must hold.

    >>> slot_needles("descendant-or-self::ins[@class and contains(@class, 'adsbygoogle')]")
    ((('<ins', 'class'), ('adsbygoogle',)),)
    >>> slot_needles("descendant-or-self::div[not(@id)]") is None
    True
    >>> slot_needles("descendant-or-self::div[(@data-b) and (not(@data-c))]")
    ((('<div', 'data-b'), ()),)
    >>> slot_needles("descendant-or-self::div[(@id and starts-with(@id, 'mv-')) and "
    ...              "(not(@style and contains(@style, 'none)')))]")
    ((('<div', 'id'), ('mv-',)),)
    >>> slot_needles("descendant-or-self::ins/ins/iframe[@id and starts-with(@id, 'g_')]")
    ((('<ins', '<iframe', 'id'), ('g_',)),)
    >>> slot_needles("descendant-or-self::div[(@id and starts-with(@id, 'unit_')) and "
    ...              "(./a[@href and contains(@href, 'x.com')])]")
    ((('<div', '<a', 'id', 'href'), ('unit_', 'x.com')),)
    """
    out: list[SlotNeedles] = []
    for branch in path.split(" | "):
        step = _BRANCH_STEP.match(branch.strip())
        # a negated test joined by `and` requires nothing: the tests beside it still must
        # hold (`div[data-pw-mobi]:not([data-pw-desk])`, ExoClick's frame `:not([width=
        # '0'])`, Mediavine's `:not(#mediavine-settings)` ran on every page)
        tests = _without_negations(step.group(2)) if step is not None else ""
        unquoted = re.sub(r"'[^']*'", "''", tests)
        # a child's tests are joined by `and` as the element's own are: its tag needed too
        # (Idealmedia's `:has(> a[href*=…])` ran on every page, as did GPT's `ins > ins >
        # iframe`: 116 ms a corpus pass, for the two)
        children = _CHILD_STEP.findall(unquoted)
        if step is None or _UNREADABLE.search(_CHILD_STEP.sub("[", unquoted)):
            return None
        tags = [*step.group(1).split("/"), *children]
        names = list(dict.fromkeys("<" + tag.lower() for tag in tags if tag != "*")) + [
            n.lower() for n in dict.fromkeys(re.findall(r"@([\w-]+)", tests))]
        literals = [v.strip() for v in re.findall(r"'([^']*)'", tests)]
        out.append((tuple(names), tuple(v for v in literals if v and not any(
            c.isspace() for c in v))))
    return tuple(out)


def slot_id_starts(path: str) -> tuple[tuple[str, ...], ...]:
    """Per branch of a translated selector that `slot_needles` reads (a conjunction once
    its negations are dropped), the starts its `starts-with(@id, '…')` tests ask of an id:
    some element's id must start with each, the element's own or a child's.

    >>> slot_id_starts("descendant-or-self::div[@id and starts-with(@id, 'ld-')] | "
    ...                "descendant-or-self::div[@class and contains(@class, 'ld-ad')]")
    (('ld-',), ())
    >>> slot_id_starts("descendant-or-self::div[(@id and starts-with(@id, 'x')) and "
    ...                "(not(@id and starts-with(@id, 'xy')))]")
    (('x',),)
    """
    out: list[tuple[str, ...]] = []
    for branch in path.split(" | "):
        step = _BRANCH_STEP.match(branch.strip())
        tests = _without_negations(step.group(2)) if step is not None else ""
        # an empty start holds for an empty id, which the page's ids leave out
        out.append(tuple(s for s in _ID_START.findall(tests) if s))
    return tuple(out)


def _without_negations(tests: str) -> str:
    """An XPath predicate less each ` and (not(…))` term, whatever the negation holds
    (quoted literals read as such): a negation inside an `or` or another `not(` leaves
    that one in the text, which `slot_needles` then cannot read.

    >>> _without_negations("(@a and (not(@b = 'x)'))) and (not(@c))")
    '(@a)'
    """
    out: list[str] = []
    at = 0
    while (m := _AND_NOT.search(tests, at)) is not None:
        depth, end, quoted = 2, m.end(), False  # past the two `(` the match opened
        while depth and end < len(tests):
            c = tests[end]
            if c == "'":
                quoted = not quoted
            elif not quoted:
                depth += (c == "(") - (c == ")")
            end += 1
        if depth:  # unbalanced: left as written, for `_UNREADABLE` to refuse
            break
        out.append(tests[at:m.start()])
        at = end
    return "".join(out) + tests[at:]


@dataclass(frozen=True, slots=True)
class ScriptSlotSpec:
    """A slot declared in inline JavaScript (GPT defineSlot, Adsterra atOptions...).

    Named groups: `zone` (or `zone_var`, a variable the page's scripts assign the zone
    to), and optionally `element` (the id of the slot's element) or
    `target` (a selector the script fills: `#id` or `.class` alone names its element),
    `sizes` (a JS array of [w, h] pairs), `width`, `height`.
    """

    pattern: re.Pattern[str]
    id_kind: str | None
    label: str  # what the report cites as the rule, e.g. "googletag.defineSlot()"
    # a literal every match holds, or (the entry's `needle`) one the page's scripts hold where
    # the vendor's call is made: pages without it skip the regex
    needle: str | None = None
    joins_sites: bool = True  # see IdSpec.joins_sites
    # the id of the element the vendor's tag renders the zone into, `{zone}` filled from the
    # match: a call that names only its zone still has a container by convention (Smart
    # AdServer's `<div id="sas_FORMATID">`)
    element: str | None = None
    # the call only fills an element the page holds (GPT's defineSlot and display): where
    # the page lacks the one it names and no script writes that id, it is no placement
    needs_element: bool = False
    # the globals only configure the ad the network's per-unit loader writes where it stands
    # (AdSense's legacy `google_ad_client = …`, then show_ads.js): a script of them that no
    # such loader follows (the page's shared client in the head) or the script writes
    # itself is no placement
    needs_loader: bool = False
    # with `needs_loader`: a script naming the unit's size is a placement without its loader
    # (a saved copy drops show_ads.js), where the globals' names are the vendor's own
    # (`google_ad_width`), not a minified script's (`e9.size`)
    sized_unit: bool = False
    # each call places a unit where its script stands (ExoClick's `ExoLoader.addZone`): a
    # script calling it for several zones in turn is several units; elsewhere (OAS_AD's
    # positions, document.write chains) a script is one placement, as in `if`/`else`
    per_call: bool = False
    # what, set anywhere in the script outside a comment, makes it no placement of this
    # spec's, before or after the match (AdSense's `google_ad_output = 'js'`: the page
    # draws the ads elsewhere): a lookahead reads only what follows the match
    unless: re.Pattern[str] | None = None
    # an ad manager's call (Baidu's `BAIDU_CLB_fillSlot`, CNZZ's `CNZZ_SLOT_RENDER`): the ad
    # it serves, whoever's, is written right after its script, so a saved copy's slot of
    # another network standing next in its box (past scripts and empty boxes), a frame or
    # holding one (`slots.folding._served`), is its fill
    fills: bool = False

    def element_of(self, groups: Mapping[str, str | None]) -> str | None:
        """The id of the container the convention names for a match's groups, if the spec
        has one and the match holds every group it names.

        >>> spec = ScriptSlotSpec(re.compile("x"), None, "x", element="{zone}{width}_frame")
        >>> spec.element_of({"zone": "top", "width": "728"}), spec.element_of({"zone": "top"})
        ('top728_frame', None)
        """
        if self.element is None:
            return None
        values = {name: groups.get(name) for name in _PLACEHOLDER.findall(self.element)}
        if not all(values.values()):
            return None
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)] or "", self.element)


@dataclass(frozen=True, slots=True)
class IdSpec:
    """How to read an identifier: a regex over URLs, inline scripts, an attribute, the
    page's text (`markup`, read only around the `needles` that every match holds), or the
    `content` of the `<meta name>` that `attr` names (`meta`: a network's verification tag,
    which declares the site's account with it, loader or not)."""

    kind: str
    where: str
    pattern: re.Pattern[str]
    attr: str | None = None
    # where = "attr": read only on an element whose `src` this finds (its tag's own
    # attribute, by a name other widgets' elements carry too: `data-siteid`)
    src: re.Pattern[str] | None = None
    # where = "attr": read only on an element whose id or class this finds (a site's ad box,
    # `div.ad-unit[data-zone]`: a clock's `data-zone`, another network's tag, is none)
    on: re.Pattern[str] | None = None
    needles: tuple[str, ...] = ()
    # read to build a snippet's loader URL (a self-hosted tracker's endpoint), not an
    # account or placement: kept out of the report's ids
    internal: bool = False
    # kinds a value found here is not (a GTM-… that Optimize loads is no GTM container)
    replaces: tuple[str, ...] = ()
    # … unless the page's URLs or code hold one of these, `{}` the value: the replaced
    # kind's own loader naming it (`gtm.js?id={}`: a container Tag Manager loads is its)
    replaces_unless: tuple[str, ...] = ()
    # true: a match a JavaScript comment holds is none (a plugin a site took out by
    # commenting its call out loads nothing), as far as the text read before it tells
    live: bool = False
    # true: the value is a host name, which a tag may write in any case (`SRC="HTTP://
    # OASCENTRAL.…"`) and DNS reads in none: kept lowered, one value however written
    host: bool = False
    # whether two sites sharing a value are one operator (bulk clusters): false for kinds
    # that name a placement (a slot) or are shared by unrelated sites (a managed stack's
    # network code); every declaration of a kind must say the same
    joins_sites: bool = True
    # a tag that writes its IDs base64-encoded (Evadav's loader path holds its publisher as
    # base64 JSON): the pattern's `base64` group is decoded and this regex's group 1, over
    # the decoded text, is the ID
    decoded: re.Pattern[str] | None = None
    # a tag handed its ID by a variable (`cX.callQueue.push(['setSiteId', CXID])`, `var
    # CXID = '9222…'`): the pattern's `value_name` group names it, and the one literal the
    # page's scripts assign that name, where this regex matches it whole, is the ID
    assigned: re.Pattern[str] | None = None
    # a regex every match of a script pattern holds, sought before the pattern: a pattern
    # too general to carry a literal (an ad wrapper's call of any name handing GPT its
    # unit path) runs only over the scripts holding what it reads (a quoted `/<code>/` path)
    seek: re.Pattern[str] | None = None
    # a character no match of a pattern with a `seek` holds (`;`, a statement's end,
    # where a wrapper's call handing GPT its path holds none up to the path): the pattern
    # runs over only the stretches between two of them holding the seek's match, not over
    # every character of a bundle holding one (`identify._stretch_matches`)
    stops: str | None = None
    # with `stops`: how far before the seek's match it ends with a match may open, counted
    # in runs of spaces and name characters (`[\s\w$]+`, each one) and other characters
    # (each one): a stretch is read from there, not from its start (a 70 KB config before
    # the path, in the one statement, is not read for a wrapper's call)
    reach: int | None = None
    # a call handed a list of IDs (`BAIDU_CLB_preloadSlots("421718","421717")`): the
    # pattern's value is the list, and each match of this regex's group 1 in it an ID
    each: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Network:
    name: str
    company: str | None
    category: Category
    hosts: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    # a request URL whose shape only its tags have names it on any host (hosts that
    # rotate faster than lists name them): the `url_shapes` regexes as one
    url_shapes: re.Pattern[str] | None = None
    # the request types its shapes name (`shape_types`; empty: any): AdMaven's shape is a
    # CloudFront root with one short query, which a site's own app framed or shown at its
    # distribution's root also has; only its tag, a script, is AdMaven's
    shape_types: frozenset[str] = frozenset()
    loaders: tuple[str, ...] = ()
    # loaders the vendor's own tag includes once per unit (legacy show_ads.js): a repeat
    # of these is how the tag works, not a kit pasting whole units
    unit_loaders: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()
    inline: tuple[re.Pattern[str], ...] = ()
    # those of `inline` that are only its tag's settings, globals or a queue its loader
    # reads (`clicksor_enable_pop = true`): they configure it, but load nothing, so they
    # show a format it sells only beside a request of it (`runs_in`)
    settings: tuple[re.Pattern[str], ...] = ()
    slots: tuple[SlotSpec, ...] = ()
    script_slots: tuple[ScriptSlotSpec, ...] = ()
    ids: tuple[IdSpec, ...] = ()
    # Canonical loader URLs of an inline snippet, with `{id-kind}` placeholders: the
    # audit synthesises them when a snippet builds its script URL in JavaScript.
    snippet: tuple[str, ...] = ()
    # the ad server its tags call, where networks' tags call one (DART's and GPT's both
    # DoubleClick's, now Google Ad Manager): a unit of one in the other's box is its fill
    ad_server: str | None = None
    # the hosted ad server whose tag code its tags write (AdReactor's, AdvertServe's
    # `_avp.push` and `avp_zid_` boxes): where it is loaded and the platform's own hosts
    # are not, what the platform's signature and slots find is its (`on_platforms`)
    platform: str | None = None
    formats: tuple[str, ...] = ()  # formats it sells: abusive ones ("popunder"), "native"
    # per format it sells among others, the regexes its tags of that format match (a request
    # URL of it, or inline code): PropellerAds' push tag opens no window, its `apu.php` does.
    # A format sold with none is in every tag of it (PopAds sells only pops)
    format_tags: tuple[tuple[str, re.Pattern[str]], ...] = ()
    # False for an advertising vendor whose tags measure or target (conversion pixels,
    # audience platforms) and show no ad on the page: its code is not the page's ad load
    shows_ads: bool = True
    # words that, opening an id or class name, name this vendor (`app_nexus_banner`): an
    # ad element other rules find and no loader names is its unit
    markup_words: tuple[str, ...] = ()
    # file names that, served from the site itself, are this vendor's loader (hotjar.js)
    self_hosted: tuple[str, ...] = ()
    # script tags (selectors, each asked of the tag itself) that, served from no vendor's
    # host, are this vendor's loader whatever the file's name: self-hosted and proxied
    # analytics keep the vendor's tag attributes and rename the file (Umami's `script.js`
    # with `data-website-id`, Plausible's `data-domain` beside its proxy's `data-api`)
    self_hosted_tags: tuple[etree.XPath, ...] = ()
    links: re.Pattern[str] | None = None  # hrefs that mean it monetises the page (affiliate)
    # the names AMP pages give it (auditor/amp.py), as amphtml's three registries spell
    # them: an ad vendor's type (`<amp-ad type="adsense">`), where an `amp-ad` or
    # `amp-embed` of the type is its slot; an analytics vendor's (`<amp-analytics
    # type="gtag">`), a name several networks may share (gtag: Analytics, Ads,
    # Floodlight); a bid vendor's an ad asks first (`rtc-config` vendors: `aps`)
    amp: tuple[str, ...] = ()
    amp_analytics: tuple[str, ...] = ()
    amp_rtc: tuple[str, ...] = ()
    # its Prebid.js bidder codes (an adapter's code and its aliases, as Prebid spells them:
    # case matters): a header-bidding config that asks it for bids makes it present
    prebid: tuple[str, ...] = ()
    # the paths of its documented user-sync frames whose words say no sync (Amazon's
    # `/iu3`): a hidden frame of its host at one is a cookie sync, as a `/usersync` one is
    sync_paths: tuple[re.Pattern[str], ...] = ()
    # (ID kind, value) its documentation gives as examples (an AMP doc's `data-slot`):
    # pages that copy one are no operator's, so it is never its ID of that kind; a unit
    # path ending in "/" stands for every path it opens (`is_sample`)
    samples: frozenset[tuple[str, str]] = frozenset()
    # (ID kind, value) a hosting platform writes into every site it hosts (WordPress.com's
    # AdSense publisher ID): the page carries it, but sites sharing it are not one operator
    platform_ids: frozenset[tuple[str, str]] = frozenset()
    # a literal each `links` pattern needs (`required_literal`); () when one has none: a
    # page whose attribute values hold none of them has no such link, and is not walked
    link_needles: tuple[str, ...] = ()
    # (`pattern_needle`, pattern) per inline signature: text without the needle cannot
    # match, and the pair is looked up once, not per page
    signatures: tuple[tuple[str | None, re.Pattern[str]], ...] = field(
        init=False, repr=False, compare=False)
    # where its loader sits on its host, lowered: its `loaders`, and the path (with the
    # query it names) of each URL pattern naming a host (Google Ads' `googletagmanager.com/
    # gtag/js?id=aw-` is `/gtag/js?id=aw-`): what a look-alike host serving it copies
    loader_paths: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "signatures", tuple((pattern_needle(p), p) for p in self.inline))
        object.__setattr__(self, "loader_paths", tuple(dict.fromkeys(
            [loader.lower() for loader in self.loaders]
            + [u[u.find("/"):].lower() for u in self.urls if u.find("/") > 0])))

    def amp_names(self, role: AmpRole) -> tuple[str, ...]:
        """Its names in amphtml's registry of `role`."""
        if role == "ad":
            return self.amp
        return self.amp_analytics if role == "analytics" else self.amp_rtc

    def configured_in(self, code: str) -> bool:
        """Whether `code` holds one of the network's inline signatures."""
        return any((needle is None or needle in code) and p.search(code) is not None
                   for needle, p in self.signatures)

    def runs_in(self, code: str) -> bool:
        """Whether `code` holds one of its inline signatures that runs its tag, no mere
        setting of it (`settings`): without its loader, its settings load nothing.

        >>> n = Network("C", None, Category.ADVERTISING, inline=(re.compile("c_pop ="),),
        ...             settings=(re.compile("c_pop ="),))
        >>> n.configured_in("c_pop = true"), n.runs_in("c_pop = true")
        (True, False)
        """
        return any((needle is None or needle in code) and p not in self.settings
                   and p.search(code) is not None for needle, p in self.signatures)

    def snippet_urls(self, ids: dict[str, list[str]]) -> list[tuple[str, bool]]:
        """(url, built-from-an-id) for each snippet template the page's IDs can fill, every
        placeholder with each of its kind's values (Matomo's snippet joins the page's
        tracker URL to the file its own code names: `{matomo-tracker}{matomo-loader}`).

        >>> n = Network("Hotjar", "Hotjar", Category.SESSION_REPLAY,
        ...             snippet=("https://static.hotjar.com/c/hotjar-{hotjar-site}.js",))
        >>> n.snippet_urls({"hotjar-site": ["123"]})
        [('https://static.hotjar.com/c/hotjar-123.js', True)]
        """
        out: list[tuple[str, bool]] = []
        for template in self.snippet:
            kinds = list(dict.fromkeys(_PLACEHOLDER.findall(template)))
            filled = [template]
            for kind in kinds:
                filled = [url.replace("{" + kind + "}", value)
                          for url in filled for value in ids.get(kind, [])]
            out += [(url, bool(kinds)) for url in filled]
        return out

    def format_tag(self, fmt: str, texts: Iterable[str]) -> str | None:
        """The first of `texts` (its request URLs, the page's inline code) that is a tag of
        it in format `fmt`; for a format every tag of it is in, the first text. None where
        it does not sell the format, or no text is such a tag.

        >>> n = Network("P", None, Category.ADVERTISING, formats=("popunder", "push"),
        ...             format_tags=(("popunder", re.compile(r"/apu\\.php\\?")),))
        >>> n.format_tag("popunder", ["https://a.test/pfe/tag.min.js", "https://a.test/apu.php?z=1"])
        'https://a.test/apu.php?z=1'
        >>> n.format_tag("push", ["https://a.test/pfe/tag.min.js"])
        'https://a.test/pfe/tag.min.js'
        """
        if fmt not in self.formats:
            return None
        patterns = [p for f, p in self.format_tags if f == fmt]
        return next((text for text in texts
                     if not patterns or any(p.search(text) for p in patterns)), None)

    def is_sample(self, kind: str, value: str) -> bool:
        """Whether its documentation gives `value` as an example of `kind`: one of its
        `samples`, or a unit path (`SLASHED_KINDS`, with or without the leading "/") under a
        sample path ending in "/", the demo network's every unit (GPT's reference names
        `/6355419/Travel/Europe/France` as freely as `/6355419/Travel`).

        >>> gpt = Network("GPT", None, "advertising", samples=frozenset({("gpt-slot", "/63/")}))
        >>> gpt.is_sample("gpt-slot", "63/Travel/Europe"), gpt.is_sample("gpt-slot", "/632/x")
        (True, False)
        """
        if (kind, value) in self.samples:
            return True
        if kind not in SLASHED_KINDS:
            return False
        path = value if value.startswith("/") else "/" + value
        opening = path[: path.find("/", 1) + 1]
        return opening != "" and (kind, opening) in self.samples

    def is_loader(self, url: str) -> bool:
        """Whether a URL of this network is its ad/tag loader script."""
        path = url_path(url)
        return any(loader in path for loader in self.loaders)

    def is_unit_loader(self, url: str) -> bool:
        """Whether a URL is a loader that the network's tag includes once per unit; one
        written with its host (`xml.affiliate.rakuten.co.jp/widget/js/…`) only on that host,
        where its path alone is another site's file too."""
        path = url_path(url)
        return any(loader in path and _on_its_host(loader.lower(), url.lower(), host_of(url))
                   for loader in self.unit_loaders)


@dataclass(frozen=True, slots=True)
class Entity:
    """Who runs a domain and what it does (the taxonomy behind every host)."""

    company: str
    category: Category
    network: str | None = None


class Owner(NamedTuple):
    """Whose a request is: its network and the entity running it. `by_url` when an
    entity's URL pattern named it (no network's, whatever its host)."""

    network: Network | None
    entity: Entity | None
    by_url: bool = False


@dataclass(frozen=True, slots=True)
class Catalogue:
    networks: tuple[Network, ...]
    by_host: dict[str, Network] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    internal_kinds: frozenset[str] = frozenset()
    solitary_kinds: frozenset[str] = frozenset()  # ID kinds declared `joins_sites = false`
    # every network's `platform_ids`: (kind, value) pairs that join no sites
    platform_values: frozenset[tuple[str, str]] = field(init=False, repr=False, compare=False)
    url_networks: tuple[Network, ...] = ()  # the networks known by URL patterns, in order
    shaped: tuple[Network, ...] = ()  # the networks known by URL shapes (`url_shapes`)
    # URL patterns whose requests are an entity's and no network's, though the host is a
    # network's (the Blogger navbar's script on AdSense's host)
    url_entities: dict[str, Entity] = field(default_factory=dict)
    # the same by host: host -> (path prefix, entity), asked of each request's own host
    _entity_paths: dict[str, list[tuple[str, Entity]]] = field(init=False, repr=False,
                                                               compare=False)
    loader_names: dict[str, Network] = field(default_factory=dict)  # self-hosted loaders
    loader_globs: tuple[tuple[str, Network], ...] = ()  # and those an fnmatch pattern names
    # the catalogue as the report's `lists` cite it (`list: auditor-catalogue` on slots)
    list_info: ListInfo = field(default_factory=lambda: ListInfo(CATALOGUE_LIST, "", 0, ""))
    # every URL pattern, found in a URL in one pass; pattern -> the first network with it
    _url_patterns: LiteralSet = field(init=False, repr=False, compare=False)
    _first_with: dict[str, int] = field(init=False, repr=False, compare=False)
    _markup_words: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _word_network: dict[str, Network] = field(init=False, repr=False, compare=False)
    # The literals each page is scanned for, once per pattern family, built here once
    # (they were rebuilt, sorted and hashed per page): what an inline signature needs
    # (`pattern_needle`), the tag/attribute names and value literals of slot selectors
    # (`SlotSpec.needles`), where `markup` ID patterns are read (`IdSpec.needles`), and
    # what a URL or script ID pattern needs. The slot names are sought in the lowered
    # markup with the other stages' needles, in `ParsedPage.holding`'s one pass; the
    # inline signatures' needles in a page's scripts with the ID patterns' and the script
    # slots' needles, and the slots' value literals in its attribute values with the link
    # patterns' needles (`auditor.needles`).
    script_needles: LiteralSet = field(init=False, repr=False, compare=False)
    slot_names: tuple[bytes, ...] = field(init=False, repr=False, compare=False)
    value_needles: LiteralSet = field(init=False, repr=False, compare=False)
    markup_id_needles: LiteralSet = field(init=False, repr=False, compare=False)
    # the `data-` attributes `markup` ID patterns key on (`data-parsely-site`): a vendor's
    # config element the page carries (Parse.ly's `<span id="parsely-cfg">`) is read too
    id_attributes: frozenset[bytes] = field(init=False, repr=False, compare=False)
    # every network's `markup` ID patterns, in catalogue order: read on every page
    markup_ids: tuple[tuple[Network, IdSpec], ...] = field(init=False, repr=False,
                                                           compare=False)
    # a `<meta name>` (lowered) -> the `meta` ID patterns read in its content, in catalogue
    # order: read on every page whose metas carry the name
    meta_ids: dict[str, tuple[tuple[Network, IdSpec], ...]] = field(init=False, repr=False,
                                                                  compare=False)
    id_needles: LiteralSet = field(init=False, repr=False, compare=False)
    # needle (None: a signature with none) -> the places in `networks` of those with an
    # inline signature that needs it
    _signature_places: dict[str | None, tuple[int, ...]] = field(init=False, repr=False,
                                                                 compare=False)
    # every network's slot specs, in catalogue order, and a needle each branch of a spec
    # needs (its longest value literal, else its first name; None: one it cannot read)
    # -> the places of the specs in `slot_specs` with such a branch
    slot_specs: tuple[tuple[Network, SlotSpec], ...] = field(init=False, repr=False,
                                                             compare=False)
    _slot_places: dict[str | None, tuple[int, ...]] = field(init=False, repr=False,
                                                            compare=False)
    # needle -> the places in `markup_ids` of the patterns read around it
    _markup_by_needle: dict[str | None, tuple[int, ...]] = field(init=False, repr=False,
                                                                 compare=False)
    # per AMP registry (`AMP_ROLES`), name -> the networks it names: one, but for an
    # analytics name several share (gtag)
    amp_registries: dict[AmpRole, dict[str, tuple[Network, ...]]] = field(
        init=False, repr=False, compare=False)
    # Prebid.js bidder code -> the network it is (one: the loader refuses a code two claim)
    prebid_bidders: dict[str, tuple[Network, ...]] = field(init=False, repr=False, compare=False)
    # what a page asks of every network, gathered once (a page's loop over 300 networks
    # for each was a tenth of a small page's audit): name -> place in `networks` (the
    # first of a name), the affiliate linkers, the script slot specs, the miners, and
    # the template comment words (one regex, and word -> the first network's name)
    _places_by_name: dict[str, int] = field(init=False, repr=False, compare=False)
    linkers: tuple[Network, ...] = field(init=False, repr=False, compare=False)
    # the `loader_globs` as one regex, a group each (one match a script, not one a glob)
    _loader_patterns: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    # every network's `self_hosted_tags`, in catalogue order: asked of a script no name names
    _loader_tags: tuple[tuple[etree.XPath, Network], ...] = field(init=False, repr=False,
                                                                  compare=False)
    # their union, one XPath call: a script none selects (most) is asked once, not by each
    _any_loader_tag: etree.XPath | None = field(init=False, repr=False, compare=False)
    script_slot_specs: tuple[tuple[Network, ScriptSlotSpec], ...] = field(
        init=False, repr=False, compare=False)
    miners: tuple[Network, ...] = field(init=False, repr=False, compare=False)
    comment_words: tuple[re.Pattern[str] | None, dict[str, str]] = field(
        init=False, repr=False, compare=False)
    # host -> (network by host, entity): a page asks of ~8 URLs per host, a crawl of the
    # same CDNs on every page; the suffix walks were 2% of an audit
    _hosts: dict[str, tuple[Network | None, Entity | None]] = field(
        init=False, repr=False, compare=False)
    # the `shaped` networks' URL shapes as one regex: a URL of no network's host that
    # has none of them (all, nearly) is asked once, not once per shaped network
    _any_shape: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    # an id's or class's value -> the markup word opening one of its words, or None: a
    # page's boxes share a few dozen class values, each read once, not once per box
    _words_named: dict[str | None, str | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hosts", {})
        object.__setattr__(self, "_words_named", {None: None})
        object.__setattr__(self, "_any_shape", _any_shape(self.shaped))
        object.__setattr__(self, "amp_registries", {
            role: {name: tuple(self.networks[i] for i in places) for name, places in _places(
                (name, i) for i, n in enumerate(self.networks) for name in n.amp_names(role)
            ).items()} for role in AMP_ROLES})
        object.__setattr__(self, "prebid_bidders", {
            code: tuple(self.networks[i] for i in places) for code, places in _places(
                (code, i) for i, n in enumerate(self.networks) for code in n.prebid).items()})
        first: dict[str, int] = {}
        for at, network in enumerate(self.url_networks):
            for pattern in network.urls:
                first.setdefault(pattern, at)
        object.__setattr__(self, "_url_patterns", LiteralSet(first))
        on_host: dict[str, list[tuple[str, Entity]]] = {}
        for pattern, owner in self.url_entities.items():  # "host/path…": by host
            host, _, path = pattern.partition("/")
            on_host.setdefault(host, []).append(("/" + path, owner))
        for paths in on_host.values():
            paths.sort(key=lambda pair: -len(pair[0]))  # the longest a URL opens with
        object.__setattr__(self, "_entity_paths", on_host)
        object.__setattr__(self, "_first_with", first)
        nets = self.networks
        object.__setattr__(self, "platform_values", frozenset(
            pair for n in nets for pair in n.platform_ids))
        object.__setattr__(self, "_places_by_name", {
            n.name: i for i, n in reversed(list(enumerate(nets)))})
        object.__setattr__(self, "linkers", tuple(n for n in nets if n.links is not None))
        object.__setattr__(self, "_loader_patterns", re.compile("|".join(
            f"({translate(pattern)})" for pattern, _ in self.loader_globs))
            if self.loader_globs else None)
        object.__setattr__(self, "_loader_tags", tuple(
            (tag, n) for n in nets for tag in n.self_hosted_tags))
        object.__setattr__(self, "_any_loader_tag", etree.XPath(" | ".join(
            tag.path for tag, _ in self._loader_tags)) if self._loader_tags else None)
        object.__setattr__(self, "script_slot_specs", tuple(
            (n, spec) for n in nets for spec in n.script_slots))
        object.__setattr__(self, "miners", tuple(
            n for n in nets if n.category is Category.CRYPTOMINING))
        object.__setattr__(self, "comment_words", _comment_words(
            [(w, n.name) for n in nets for w in n.comments]))
        words = {w: n for n in reversed(nets) for w in n.markup_words}  # the first one's
        object.__setattr__(self, "_word_network", words)
        object.__setattr__(self, "_markup_words", re.compile(  # not `no-adsense`
            r"(?<![a-z0-9])(?<!no[-_])(?<!non[-_])(?<!not[-_])(?:"
            + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")")
            if words else None)
        object.__setattr__(self, "markup_ids", tuple(
            (n, spec) for n in nets for spec in n.ids if spec.where == "markup"))
        metas: dict[str, list[tuple[Network, IdSpec]]] = {}
        for n in nets:
            for spec in n.ids:
                if spec.where == "meta" and spec.attr:
                    metas.setdefault(spec.attr, []).append((n, spec))
        object.__setattr__(self, "meta_ids", {k: tuple(v) for k, v in metas.items()})
        object.__setattr__(self, "_signature_places", _places(
            (needle, i) for i, n in enumerate(nets) for needle, _ in n.signatures))
        object.__setattr__(self, "slot_specs", tuple((n, s) for n in nets for s in n.slots))
        object.__setattr__(self, "_slot_places", _places(
            (key, i) for i, (_, spec) in enumerate(self.slot_specs)
            for key in _branch_keys(spec.needles)))
        object.__setattr__(self, "_markup_by_needle", _places(
            (needle, i) for i, (_, spec) in enumerate(self.markup_ids)
            for needle in spec.needles))
        slots = [b for n in nets for s in n.slots for b in s.needles or ()]
        ids = [s for n in nets for s in n.ids]
        object.__setattr__(self, "slot_names", tuple(
            dict.fromkeys(name.encode() for names, _ in slots for name in names)))
        id_literals = [pattern_needle(s.pattern) for s in ids if s.where != "markup"]
        object.__setattr__(self, "id_attributes", frozenset(
            m.group(1).encode() for s in ids if s.where == "markup" for x in s.needles
            if (m := _ATTRIBUTE_NEEDLE.fullmatch(x))))
        for name, literals in (
            ("script_needles", (*(pattern_needle(p) for n in nets for p in n.inline),
                                *id_literals, *(s.needle for n in nets for s in n.script_slots))),
            ("value_needles", (*(value for _, values in slots for value in values),
                               *(x for n in nets for x in n.link_needles))),
            ("markup_id_needles", (x for s in ids if s.where == "markup" for x in s.needles)),
            ("id_needles", id_literals),
        ):
            object.__setattr__(self, name, LiteralSet(x for x in literals if x is not None))

    def signed_with(self, held: Iterable[str | None]) -> list[Network]:
        """The networks with an inline signature whose needle is among `held` (or that
        needs none), in catalogue order: the only ones a page's scripts may configure."""
        return [self.networks[i] for i in _placed(self._signature_places, (*held, None))]

    def slots_needing(self, held: Iterable[str | None]) -> list[tuple[Network, SlotSpec]]:
        """The slot specs a branch of which needs only a needle among `held` (the tag and
        attribute names and the value literals a page holds), in catalogue order: a page
        asks `may_match` of a few, not of every spec."""
        return [self.slot_specs[i] for i in _placed(self._slot_places, (*held, None))]

    def markup_ids_around(self, held: Iterable[str | None]) -> list[tuple[Network, IdSpec]]:
        """The `markup` ID patterns read around one of the needles `held` (a page holds
        a few of a hundred), in catalogue order."""
        return [self.markup_ids[i] for i in _placed(self._markup_by_needle, held)]

    def network_for(self, url: str, host: str) -> Network | None:
        """The network a request belongs to: by URL pattern (most specific), then by host
        and its parent domains."""
        return self.owners_of([(url, host)])[0].network

    def owners_of(self, requests: Sequence[tuple[str, str]],
                  types: Sequence[RequestType] | None = None) -> list[Owner]:
        """Whose each (url, host) is. The URL patterns are sought in all the URLs run
        together once, then only those found, URL by URL (a page's ~80 URLs hold none of
        them, mostly). The longest pattern a URL holds names it, the first network's on a
        tie: Google's tag loader `gtag/js` is Analytics', but `gtag/js?id=aw-` loads
        Google Ads' conversion tracking. A network's pattern must start before the URL's
        query (a query cannot carry it onto another's URL: `hotjar-1.js?x=/fbevents.js`
        stays Hotjar's). A URL no pattern and no host names may have a network's shape
        (`url_shapes`: its tag on a host that rotates), when the request is of a type its
        shapes name (`shape_types`; `types`, one per request, unknown: any). An entity's
        pattern is the request's own host and a path its path opens with, whatever a user,
        port or final dot in the URL; it makes the URL no network's. Else the host, and its parent
        domains, decide."""
        first, on_host = self._first_with, self._entity_paths
        anywhere = [p for p in self._url_patterns.present(
            "\n".join(url for url, _ in requests).lower()) if p is not None]
        out: list[Owner] = []
        for index, (url, host) in enumerate(requests):
            network, entity = self._host_facts(host)
            paths = on_host.get(host.rstrip("."))
            lowered = url.lower() if anywhere or paths else ""
            # the longest pattern names it; a network's before an entity's, then the first
            held = []
            if anywhere:
                query = lowered.find("?") % (len(lowered) + 1)  # no query: the URL's end
                held = [(-len(p), 0, first[p]) for p in anywhere
                        if -1 < lowered.find(p) < query and _on_its_host(p, lowered, host)]
            if paths:
                # the path: past any user or port, ended by a query or fragment
                path_of = _PATH.match(lowered.partition("://")[2])
                tail = (path_of[1] or "") if path_of else ""
                named = next(((path, owner) for path, owner in paths
                              if tail.startswith(path)), None)
                if named is not None and (
                        not held or len(host) + len(named[0]) > -min(held)[0]):
                    out.append(Owner(None, named[1], True))
                    continue
            if held:
                network = self.url_networks[min(held)[2]]
            elif network is None and self.shaped and (
                    self._any_shape is None or self._any_shape.search(url)):
                kind = types[index].value if types is not None else None
                network = next((n for n in self.shaped if n.url_shapes is not None
                                and (kind is None or not n.shape_types or kind in n.shape_types)
                                and n.url_shapes.search(url)), None)
            out.append(Owner(network, entity))
        return out

    def runner_of(self, url: str, host: str, kind: RequestType | None = None) -> Owner:
        """`runners_of` one request, of type `kind` where the caller knows it."""
        return self.runners_of([(url, host)], None if kind is None else [kind])[0]

    def runners_of(self, requests: Sequence[tuple[str, str]],
                   types: Sequence[RequestType] | None = None) -> list[Owner]:
        """Who runs what each request's host serves, as the injection heuristics ask it
        (is this a vendor's, or anyone's?): `owners_of`, except for a hosting platform's
        customer host (`platform_tenant`: evil.github.io, x.firebaseapp.com,
        d1x.cloudfront.net, an open CDN's files by path), whose content is its
        customer's: the platform's own entry for the whole suffix vouches for none of it,
        only a URL pattern or an entry naming the customer's site or a host under it
        (fonts.googleapis.com) does. Asked of many at once (a link farm's 30,000 links),
        the URL patterns are sought in all of them in one pass, as `owners_of` does; a
        URL's shape names its network for the request types it names (`types`, as
        `owners_of` reads them): GA4's hit shape vouches for no script."""
        owners = self.owners_of(requests, types)
        return [self._runner(url, host, owner)
                for (url, host), owner in zip(requests, owners, strict=True)]

    def _runner(self, url: str, host: str, owner: Owner) -> Owner:
        """`runners_of` one request, its `owners_of` answer given."""
        tenant = platform_tenant(host)
        if tenant is None or owner.by_url or (owner.network is None and owner.entity is None):
            return owner
        if _platform_serves(tenant, url):
            return owner  # the platform's own files on its customer's host
        # host … tenant site (an open host names no customer: nothing of it)
        inner = [] if open_host(host) else [d for d in _suffixes(host) if len(d) >= len(tenant)]
        by_host = self._host_facts(host)[0]
        network = owner.network if owner.network is not by_host else next(
            (n for d in inner if (n := self.by_host.get(d)) is not None), None)
        entity = next((e for d in inner if (e := self.entities.get(d)) is not None), None)
        return Owner(network, entity)

    def host_runner(self, host: str) -> Owner:
        """Who runs a host as a whole (`runner_of` its root, where no platform keeps a
        path of its own): asked of a site, not of one request."""
        return self.runner_of(f"https://{host}/", host)

    def self_hosted_loader(self, url: str,
                           tag: etree._Element | None = None) -> Network | None:
        """The vendor whose loader a script's file name says it is, for a script served
        from no vendor's host (the site, its own CDN, a public CDN), if any; for a file a
        browser saved beside a page (`<title>_files/pubads_impl.js.download`), the name it
        had when the page loaded it (`saved.saved_file_name`). A file no name names is
        still the vendor's where its tag carries the vendor's attributes
        (`self_hosted_tags`): self-hosted and proxied analytics rename the file. Attributes
        are cheap to copy, so they name no vendor on a host dressed as a CDN or tracker (a
        kit's `cdn-stat-track.xyz/t.js` with `data-website-id` is no Umami), nor where an
        attribute the vendor keeps its ID in holds no ID of its form (a site's chat widget's
        `data-website-id="42"`)."""
        path = url_path(url)
        name = saved_file_name(path) or path.rsplit("/", 1)[-1].lower()
        network = self.loader_names.get(name) if name else None
        if network is None and name and self._loader_patterns is not None:
            match = self._loader_patterns.match(name)
            if match is not None and match.lastindex is not None:
                network = self.loader_globs[match.lastindex - 1][1]
        if network is None and tag is not None and self._any_loader_tag is not None \
                and self._any_loader_tag(tag) and dressed_host(host_of(url)) is None:
            network = next((n for selector, n in self._loader_tags
                            if selector(tag) and _carries_own_ids(tag, n)), None)
        return network

    def reported(self, kind: str) -> bool:
        """Whether an ID kind belongs in a report's ids (not an `internal` endpoint)."""
        return kind not in self.internal_kinds

    def joins_sites(self, kind: str, value: str | None = None) -> bool:
        """Whether sites sharing this ID (of this kind, and where given this value) are one
        operator (bulk clusters): not a kind declared `joins_sites = false`, nor a value
        a network lists as a platform's (`platform_ids`); kinds the catalogue does not
        declare do."""
        return kind not in self.solitary_kinds and (kind, value) not in self.platform_values


    def entity_for(self, host: str) -> Entity | None:
        """Company and category of a host from the taxonomy, most specific domain first."""
        return self._host_facts(host)[1]

    def _host_facts(self, host: str) -> tuple[Network | None, Entity | None]:
        """The network and the entity of a host's most specific known domain, cached."""
        facts = self._hosts.get(host)
        if facts is None:
            if len(self._hosts) > _HOST_CACHE_LIMIT:
                self._hosts.clear()
            suffixes = list(_suffixes(host))
            facts = (next((n for d in suffixes if (n := self.by_host.get(d)) is not None), None),
                     next((e for d in suffixes if (e := self.entities.get(d)) is not None),
                          None))
            self._hosts[host] = facts
        return facts

    def named_in_markup(self, el: etree._Element) -> Network | None:
        """The vendor whose `markup_words` open a word of the element's id or classes, or
        open the value of an attribute its ad code reads (`ad_attribute`: a site's native
        box declaring `data-ad-template="sharethrough"`)."""
        if self._markup_words is None:
            return None
        named, given = el.get("id"), el.get("class")
        word = self._word_opening(named) or self._word_opening(given)
        if word is None and len(el.attrib) > (named is not None) + (given is not None):
            values = [str(v).lower() for k, v in el.attrib.items()
                      if ad_attribute(str(k).lower(), "vendor") and len(str(v)) <= _AD_VALUE_MOST
                      and _REFUSING.search(str(k).lower()) is None]
            found = next(filter(None, map(self._markup_words.match, values)), None)
            word = found.group(0) if found else None
        return self._word_network[word] if word else None

    def _word_opening(self, value: str | None) -> str | None:
        """The markup word opening a word of an id or a class attribute's value, the first
        in it, kept per value (a page's boxes share their class values)."""
        known = self._words_named
        if value in known:
            return known[value]
        assert self._markup_words is not None and value is not None
        found = self._markup_words.search(value.lower())
        word = found.group(0) if found else None
        if len(value) <= _KEPT_VALUE_MOST:
            if len(known) > _KEPT_VALUES:
                known.clear()
                known[None] = None
            known[value] = word
        return word

    def network_named(self, name: str) -> Network | None:
        place = self._places_by_name.get(name)
        return None if place is None else self.networks[place]

    def in_order(self, names: Iterable[str]) -> list[Network]:
        """The networks of these names, in catalogue order (the report's order)."""
        places = self._places_by_name
        return [self.networks[i] for i in sorted({places[n] for n in names if n in places})]


def markup_names(el: etree._Element) -> str:
    """An element's id and class, lowered, as one text: where the slot finders ask which
    of its names holds a vendor's `markup_words`, and the members' box check reads its
    words (`Catalogue.named_in_markup` reads the two values apart, each looked up once a
    page, as the page's boxes share them).

    >>> markup_names(etree.fromstring('<div id="Rail__Taboola" class="box js-tb"/>'))
    'rail__taboola box js-tb'
    """
    return f"{el.get('id') or ''} {el.get('class') or ''}".lower()


_HOST_CACHE_LIMIT = 50_000
_KEPT_VALUES, _KEPT_VALUE_MOST = 20_000, 200  # `_word_opening`'s memo: at most ~4 MB
# the longest value of an ad attribute (`ad_attribute(name, "vendor")`) read for a vendor
_AD_VALUE_MOST = 40
# an ad attribute keeping vendors out of the box (`data-ad-exclude="taboola"`): the vendor
# it names is not the box's
_REFUSING = lazy_regex(r"-(?:no|not|exclude[sd]?|exclusions?|block(?:ed|list)|blacklist|"
                       r"deny(?:list)?|disabled?|skip|except|suppress(?:ed)?)(?=-|\Z)")


def _script_slot_needle(entry: Mapping[str, Any], where: str) -> str | None:
    """A script slot's own `needle`: a literal the page's scripts must hold for its pattern
    to be read at all, where the pattern matches one entry of the vendor's call and not the
    call itself (CN.dart.oneAdCall's `'header': {sz: '728x90'}`, an object any script may
    write): the page makes the call, or no entry is the vendor's."""
    needle = entry.get("needle")
    if needle is None:
        return None
    if not isinstance(needle, str) or len(needle) < 4:
        raise RuleError(f"{where}: a script_slot's needle is a literal of 4 characters or more")
    return needle


def _script_slot_unless(entry: Mapping[str, Any], where: str,
                        compiled: _Compiled) -> re.Pattern[str] | None:
    """A script slot's `unless` pattern, compiled: read only in a script the spec's own
    pattern matched, so it needs no literal of its own."""
    unless = entry.get("unless")
    if unless is None:
        return None
    if not isinstance(unless, str) or not unless:
        raise RuleError(f"{where}: a script_slot's unless is a pattern")
    return compiled.compile(unless, where)


def required_literal(pattern: str) -> str | None:
    """`regex_literal` of a catalogue pattern when it is long enough to be worth testing.

    >>> required_literal(r"\\bLogRocket\\.init\\(\\s*x?")
    'LogRocket.init('
    >>> required_literal(r"a|b") is None
    True
    """
    found = _LITERALS.get(pattern)
    if found is None:
        found = _LITERALS[pattern] = _literal_of(pattern)
    return found if len(found) >= 3 else None


def _literal_of(pattern: str) -> str:
    """The longest literal every match of a pattern holds, of its top level
    (`regex_literal`) or, for one group of alternatives, of every branch ('' for none);
    failing both, the one the text after a match must hold (a trailing lookahead's:
    Outbrain's widget handed by a variable, `ob = 'AR_1' … widgetId = ob`).

    >>> _literal_of(r"(?P<n>[a-z]+)=(?=.{0,600}?widgetId=(?P=n))")
    'widgetId='
    """
    found = regex_literal(pattern) or _shared_literal(pattern)
    ahead = trailing_lookahead(pattern) if len(found) < 3 else None
    return max(found, regex_literal(ahead), key=len) if ahead is not None else found


def _shared_literal(pattern: str) -> str:
    """A literal each branch of a pattern that is one group of alternatives needs: the
    shortest branch's, where every other branch's holds it ('' else). A pattern passing
    over what it must not read before its value (`bidder … networkId|…|networkId: (\\d+)`)
    holds its key in each.

    >>> _shared_literal(r"(?:\\bbidder\\b[^;]{0,9}?networkId|networkId:\\s*(\\d+))")
    'networkId'
    >>> _shared_literal(r"(?:abcd|abce)")
    ''
    """
    branches = alternatives(pattern)
    literals = [regex_literal(b) for b in branches] if branches else [""]
    shortest = min(literals, key=len)
    return shortest if shortest and all(shortest in x for x in literals) else ""


# `regex_literal` by pattern source, a pure function's answers: read a character at a
# time in Python, the catalogue's ~650 took a fifth of its load, so a file's are kept in
# the compiled-rules cache with its other facts (`_Compiled`) and seeded here
_LITERALS: dict[str, str] = {}


@functools.lru_cache(maxsize=2048)
def pattern_needle(pattern: re.Pattern[str]) -> str | None:
    """A literal every match of a catalogue pattern holds (`required_literal`), or None
    (none is sure, or the pattern ignores case): text without it cannot match."""
    if pattern.flags & re.IGNORECASE:
        return None
    return required_literal(pattern.pattern)


def _needles_of(patterns: Sequence[str]) -> tuple[str, ...]:
    """A literal per pattern, or () when some pattern needs none."""
    needles = [required_literal(p) for p in patterns]
    return () if None in needles else tuple(n for n in needles if n is not None)


# paths a hosting platform keeps on every customer's host and serves itself, whatever the
# customer deploys: Firebase Hosting's reserved `/__/` (its Auth helper's hidden iframe,
# `/__/auth/iframe`, and `/__/firebase/init.js`) on `*.firebaseapp.com` and `*.web.app`
PLATFORM_PATHS: dict[str, tuple[str, ...]] = {
    "firebaseapp.com": ("/__/",), "web.app": ("/__/",),
    # Drive's viewer pages show a user's file in Google's own viewer (its raw file is /uc)
    "drive.google.com": ("/file/d/", "/embeddedfolderview"),
}
# a dot segment, which browsers resolve before the request (/__/../p.js is /p.js)
_DOT_SEGMENT = lazy_regex(r"[/\\](?:\.|%2e){1,2}(?=[/\\]|$)", re.IGNORECASE)


def _platform_serves(tenant: str, url: str) -> bool:
    """Whether a URL on a platform customer's host (`tenant`) is in a path the platform
    keeps for itself there (`PLATFORM_PATHS`: by the customer's suffix, or an open
    host's own name)."""
    reserved = PLATFORM_PATHS.get(tenant) or PLATFORM_PATHS.get(tenant.partition(".")[2])
    if reserved is None:
        return False
    path = _PATH.match(url_path(url).partition("://")[2])
    tail = (path[1] or "") if path is not None else ""
    return tail.startswith(reserved) and _DOT_SEGMENT.search(tail) is None


def _suffixes(host: str) -> Iterable[str]:
    """`a.b.c.com` → a.b.c.com, b.c.com, c.com, com."""
    while host:
        yield host
        _, _, host = host.partition(".")


_TRANSLATOR = GenericTranslator()


def _carries_own_ids(tag: etree._Element, network: Network) -> bool:
    """Whether every attribute of `tag` that `network` reads an ID from holds one of its
    form (`where = "attr"` specs; a tag with none of those attributes passes)."""
    return all(spec.pattern.search(value) for spec in network.ids
               if spec.where == "attr" and spec.attr
               and (value := tag.get(spec.attr)) is not None)


def _compile_selector(selector: str, where: str, compiled: _Compiled,
                      prefix: str = "descendant-or-self::") -> etree.XPath:
    try:
        return etree.XPath(compiled.css_to_xpath(selector, prefix))
    except (SelectorError, etree.XPathError) as exc:
        raise RuleError(f"{where}: bad selector {selector!r}: {exc}") from None


_Key = TypeVar("_Key", bound=Hashable)


def _places(pairs: Iterable[tuple[_Key, int]]) -> dict[_Key, tuple[int, ...]]:
    """key -> the places, in catalogue order, of the entries that need it: an index a
    page looks up by the needles it holds, instead of visiting every entry."""
    out: dict[_Key, list[int]] = {}
    for key, place in pairs:
        out.setdefault(key, []).append(place)
    return {key: tuple(places) for key, places in out.items()}


def _branch_keys(needles: tuple[SlotNeedles, ...] | None) -> set[str | None]:
    """A needle per branch of a slot selector that the branch cannot match without: its
    longest value literal (rarer than a name), else its first name; None for all when a
    branch cannot be read.

    >>> sorted(_branch_keys(((("<ins", "class"), ("adsbygoogle",)), (("<div", "id"), ()))))
    ['<div', 'adsbygoogle']
    """
    if needles is None or any(not names and not literals for names, literals in needles):
        return {None}
    return {max(literals, key=len) if literals else names[0] for names, literals in needles}


def _placed(places: Mapping[_Key, tuple[int, ...]], keys: Iterable[_Key]) -> list[int]:
    """The places of `keys` in an index `_places` made, once each, in catalogue order."""
    return sorted({place for key in keys for place in places.get(key, ())})


_COMMENT_CHARS = 300  # a tag's comment naming its unit is one short line


def _zone_in_comment(el: etree._Element, pattern: re.Pattern[str]) -> str:
    """The zone `pattern` reads (its whole match, group 1 the zone) from the comment right
    before `el`, only blank text between: the one sibling, a short comment, read once."""
    before = el.getprevious()
    if not isinstance(before, etree._Comment) or (before.tail or "").strip():
        return ""
    text = (before.text or "").strip()
    match = pattern.fullmatch(text) if len(text) <= _COMMENT_CHARS else None
    return (match.group(1) or "") if match else ""


def _slot_spec(table: dict[str, Any], where: str, compiled: _Compiled) -> SlotSpec:
    for key in ("requires_zone", "zone_in_code"):
        if table.get(key) and not table.get("zone_attr"):
            raise RuleError(f"{where}: {key} needs a zone_attr to read the zone from")
    xpath = _compile_selector(table["selector"], where, compiled)  # the needles read its path
    return SlotSpec(
        selector=table["selector"],
        xpath=xpath,
        zone_attr=table.get("zone_attr"),
        zone_pattern=_attr_pattern(table, "zone_pattern", where, compiled),
        size_pattern=_attr_pattern(table, "size_pattern", where, compiled, ("width", "height")),
        zone_comment=_grouped(table, "zone_comment", "the zone", where, compiled),
        id_kind=table.get("id_kind"),
        requires_network=bool(table.get("requires_network", False)),
        joins_sites=_flag(table, "joins_sites", where, True),
        requires_zone=_flag(table, "requires_zone", where, False),
        zone_in_code=_flag(table, "zone_in_code", where, False),
        needles=slot_needles(xpath.path),
        id_starts=slot_id_starts(xpath.path),
        branches=_branches(table["selector"], where, compiled),
    )


def _grouped(table: dict[str, Any], key: str, what: str, where: str, compiled: _Compiled
             ) -> re.Pattern[str] | None:
    """A key's regex whose group 1 is what it reads (`what`: a slot's `zone_comment`, the
    zone; an id's `each`, each ID): one of none would fail on the first page, not here."""
    if key not in table:
        return None
    pattern = compiled.compile(table[key], where)
    if not pattern.groups:
        raise RuleError(f"{where}: {key} {pattern.pattern!r} has no group for {what}")
    return pattern


def _attr_pattern(table: dict[str, Any], key: str, where: str, compiled: _Compiled,
                  groups: tuple[str, ...] = ()) -> re.Pattern[str] | None:
    """A slot's pattern over its `zone_attr` (`zone_pattern`, `size_pattern`): it needs a
    `zone_attr` to read, and the named `groups` it fills (a zone pattern: one group)."""
    if key not in table:
        return None
    if not table.get("zone_attr"):
        raise RuleError(f"{where}: {key} needs a zone_attr to read")
    pattern = compiled.compile(table[key], where)
    if not set(groups) <= set(pattern.groupindex):
        wanted = " and ".join(groups)
        raise RuleError(f"{where}: {key} {pattern.pattern!r} needs groups {wanted}")
    if not pattern.groups:
        raise RuleError(f"{where}: {key} {pattern.pattern!r} has no group for the zone")
    return pattern


def _branches(selector: str, where: str, compiled: _Compiled
              ) -> tuple[tuple[str, etree.XPath], ...]:
    """Each selector of a list (`a, b`) with an XPath that tests one element against it;
    () for a single selector, or where one has a combinator (`a > b` is no test of the
    element alone: the slot then cites the whole list).

    >>> [text for text, _ in _branches("div.a, ins[data-x='1,2']", "", _Compiled())]
    ['div.a', "ins[data-x='1,2']"]
    >>> _branches("div.a, aside > div.b", "", _Compiled())
    ()
    """
    parts, depth, quote, start = [], 0, "", 0
    for i, c in enumerate(selector):
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c in "[(":
            depth += 1
        elif c in "])":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(selector[start:i].strip())
            start = i + 1
    parts.append(selector[start:].strip())
    if len(parts) < 2:
        return ()
    try:
        if compiled.combined(selector):
            return ()
        return tuple((part, etree.XPath(compiled.css_to_xpath(part, "self::")))
                     for part in parts)
    except (SelectorError, etree.XPathError) as exc:
        raise RuleError(f"{where}: bad selector {selector!r}: {exc}") from None


MIN_MARKUP_WORD = 4  # "ad" or "gpt" open too many names that are no vendor's ("dfp-" may)


_ATTRIBUTE_NEEDLE = lazy_regex(r"(data-[a-z0-9-]+)=?")  # as markup writes it (not quoted)


def _markup_words(entry: dict[str, Any], where: str) -> tuple[str, ...]:
    words = tuple(w.lower() for w in _strings(entry, "markup_words", where))
    short = [w for w in words if len(w) < MIN_MARKUP_WORD]
    if short:
        raise RuleError(f"{where}: markup_words {short[0]!r} is shorter than "
                        f"{MIN_MARKUP_WORD} characters: it would name unrelated markup")
    return words


_NUMBERED_GROUP = lazy_regex(r"\\[1-9]|\\g<\d|\(\?\(\d")  # `\1`, `\g<1>`, `(?(1)…)`


def _any_shape(shaped: Sequence[Network]) -> re.Pattern[str] | None:
    """The networks' URL shapes as one alternation, which a URL matches exactly when it
    matches one of them (each is searched for on its own at every position, as alone);
    None when they do not join into one pattern (two networks naming a group alike, a
    group referred to by its number, which would count the others' groups too, or other
    flags), and each is then asked in turn."""
    shapes = [n.url_shapes for n in shaped if n.url_shapes is not None]
    if not shapes or any(shape.flags != shapes[0].flags or _NUMBERED_GROUP.search(shape.pattern)
                         for shape in shapes):
        return None
    try:
        return re.compile("|".join(f"(?:{shape.pattern})" for shape in shapes),
                          shapes[0].flags)
    except re.error:
        return None


def compiled_key(text_sha256: str) -> str:
    """The compiled-rules cache key of a catalogue file's compiled facts: its text, and
    what else they are made by (this Python's `re`, cssselect's translation, and this
    module's and `lazy_re`'s own reading of a pattern or selector, by their source's
    sha256: an edited reader made stale entries that a hand-bumped ENGINE_VERSION missed;
    `auditor.rules.literal` too, whose `regex_literal` answers are kept)."""
    return _cache.cache_key([
        ("catalogue compiled", text_sha256), ("python", "{}.{}".format(*sys.version_info[:2])),
        ("cssselect", str(getattr(cssselect, "__version__", ""))),
        ("reader", _reader_digest())])


@functools.lru_cache(maxsize=1)
def _reader_digest() -> str:
    """sha256 of the source that computes a file's compiled facts and writes out its
    fragments (`_parsed`) (0.1 ms, once a process); "" where the source is not on disk
    (the key then names the file alone)."""
    import auditor.lazy_re
    import auditor.rules.literal

    digest = hashlib.sha256()
    for module in (__file__, auditor.lazy_re.__file__, auditor.rules.literal.__file__):
        try:
            digest.update(Path(module or "").read_bytes())
        except OSError:
            return ""
    return digest.hexdigest()


class _Compiled:
    """What compiling a catalogue file's patterns and selectors found, so a load of the
    same text again compiles nothing it does not use. A one-page CLI process compiled
    every pattern (~900, ~0.1 s) to read the flags and group names the loader checks, and
    translated every selector from CSS (~50 ms), to use a few. Each is compiled or
    translated the first time its file's text is seen (which is when a bad one is
    refused); what the loader reads of a pattern (`PatternFacts`, and its `regex_literal`),
    each selector's XPath and whether it holds a combinator are kept in the compiled-rules
    cache (`compiled_key`), and a pattern compiles on first use."""

    def __init__(self, text_sha256: str | None = None) -> None:
        self._key = None if text_sha256 is None else compiled_key(text_sha256)
        self._facts: dict[str, PatternFacts] = {}
        self._xpaths: dict[tuple[str, str], str] = {}
        self._combined: dict[str, bool] = {}
        self._literals: dict[str, str] = {}
        kept = _cache.load(self._key) if self._key is not None else None
        if kept is not None:
            self._facts, self._xpaths, self._combined, self._literals = _kept_compiled(kept)
            _LITERALS.update(self._literals)
        self._known = set(_LITERALS)  # a literal read after this was read for this file
        self._learnt = False

    def compile(self, source: str, where: str) -> re.Pattern[str]:
        """`source` as a pattern that compiles on first use; a bad one raises RuleError."""
        facts = self._facts.get(source)
        if facts is None:
            try:
                facts = PatternFacts.of(re.compile(source))
            except re.error as exc:
                raise RuleError(f"{where}: bad pattern {source!r}: {exc}") from None
            self._facts[source] = facts
            self._learnt = True
        return lazy_regex(source, facts=facts)

    def css_to_xpath(self, selector: str, prefix: str) -> str:
        """The selector's XPath (cssselect's `SelectorError` for a bad one)."""
        xpath = self._xpaths.get((selector, prefix))
        if xpath is None:
            xpath = self._xpaths[selector, prefix] = _TRANSLATOR.css_to_xpath(selector, prefix)
            self._learnt = True
        return xpath

    def combined(self, selector: str) -> bool:
        """Whether a selector (list) has a combinator (`a > b`) in some selector of it."""
        found = self._combined.get(selector)
        if found is None:
            found = self._combined[selector] = any(
                isinstance(sel.parsed_tree, CombinedSelector) for sel in css_parse(selector))
            self._learnt = True
        return found

    def keep(self) -> None:
        """Store what this load compiled, once the whole file has loaded."""
        read = {source: found for source, found in _LITERALS.items()
                if source not in self._known}  # the links' patterns, the script slots'
        if (self._learnt or read) and self._key is not None:
            # each pattern's too, which the catalogue asks once every file has loaded
            literals = {**{source: required if (required := _LITERALS.get(source)) is not None
                           else _literal_of(source) for source in self._facts},
                        **self._literals, **read}
            _cache.store(self._key, ({source: tuple(facts) for source, facts
                                      in self._facts.items()}, self._xpaths, self._combined,
                                     literals))


def _kept_compiled(kept: Any) -> tuple[dict[str, PatternFacts], dict[tuple[str, str], str],
                                       dict[str, bool], dict[str, str]]:
    """What `_Compiled.keep` stored, each part checked for the layout it writes; a cache
    of any other shape (another auditor's, a damaged one) is nothing kept: all compiles
    again, as with no cache.

    >>> _kept_compiled(({"a(b)": (32, 1, {})}, {("p", "self::"): "self::p"}, {"p": False},
    ...                 {"a(b)": "a"}))[1]
    {('p', 'self::'): 'self::p'}
    >>> _kept_compiled(([("a(b)", 32, 1, {})], {}, {}, {}))
    ({}, {}, {}, {})
    """
    nothing: tuple[dict[str, PatternFacts], dict[tuple[str, str], str], dict[str, bool],
                   dict[str, str]] = ({}, {}, {}, {})
    if type(kept) is not tuple or len(kept) != 4:
        return nothing
    facts, xpaths, combined, literals = kept
    if (type(facts) is not dict or type(xpaths) is not dict or type(combined) is not dict
            or type(literals) is not dict):
        return nothing
    read: dict[str, PatternFacts] = {}
    try:
        for source, (flags, groups, groupindex) in facts.items():
            if (type(source) is not str or type(flags) is not int or type(groups) is not int
                    or type(groupindex) is not dict):
                return nothing
            for name, number in groupindex.items():
                if type(name) is not str or type(number) is not int:
                    return nothing
            read[source] = PatternFacts(flags, groups, groupindex)
        for (selector, prefix), xpath in xpaths.items():
            if type(selector) is not str or type(prefix) is not str or type(xpath) is not str:
                return nothing
    except (TypeError, ValueError):  # a fact or a key of another length, or no sequence
        return nothing
    for selector, found in combined.items():
        if type(selector) is not str or type(found) is not bool:
            return nothing
    for source, literal in literals.items():
        if type(source) is not str or type(literal) is not str:
            return nothing
    return read, xpaths, combined, literals


def _category(value: Any, where: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        allowed = ", ".join(c.value for c in Category)
        raise RuleError(f"{where}: category {value!r} is not one of: {allowed}") from None


def _flag(entry: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise RuleError(f"{where}: {key} must be true or false")
    return value


def _element_template(spec: dict[str, Any], pattern: re.Pattern[str], where: str
                      ) -> str | None:
    """A script slot's `element`: an id naming, in braces, groups of its pattern (`{zone}`)."""
    value = spec.get("element")
    if value is None:
        return None
    names = _PLACEHOLDER.findall(value) if isinstance(value, str) else []
    if not names or not set(names) <= pattern.groupindex.keys():
        raise RuleError(f"{where}: a script_slot element must be an id naming, in braces, "
                        "groups of its pattern ({zone})")
    return str(value)


def _keys(entry: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise RuleError(f"{where}: unknown key {unknown[0]!r} (rules/README.md lists the keys)")


def _stops(spec: dict[str, Any], where: str) -> str | None:
    """An ID spec's `stops`: one character, only beside a `seek`."""
    value = spec.get("stops")
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != 1:
        raise RuleError(f"{where}: stops must be one character")
    if "seek" not in spec:
        raise RuleError(f"{where}: stops is read only with a seek")
    return value


def _reach(spec: dict[str, Any], where: str) -> int | None:
    """An ID spec's `reach`: a positive whole number, only beside `stops`."""
    value = spec.get("reach")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RuleError(f"{where}: reach must be a positive whole number")
    if "stops" not in spec:
        raise RuleError(f"{where}: reach is read only with stops")
    return value


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()  # most keys of an entry (asked 14,000 times a load)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _network(entry: dict[str, Any], where: str, compiled: _Compiled) -> Network:
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise RuleError(f"{where}: a network needs a name")
    where = f"{where}: network {name}"
    _keys(entry, NETWORK_KEYS, where)
    for table, allowed in (("slot", SLOT_KEYS), ("script_slot", SCRIPT_SLOT_KEYS),
                           ("id", ID_KEYS)):
        for spec in entry.get(table, []):
            _keys(spec, allowed, f"{where}: {table}")
    amp, amp_analytics, amp_rtc = (_amp_names(entry, key, where)
                                   for key in ("amp", "amp_analytics", "amp_rtc"))
    slots = tuple(_slot_spec(s, where, compiled) for s in entry.get("slot", []))
    if amp:  # after the network's own: one of those that reads a zone names the slot first
        slots += (_slot_spec({"selector": ", ".join(
            f"{tag}[type='{t}']" for t in amp for tag in ("amp-ad", "amp-embed"))}, where,
            compiled),)
    script_slots = tuple(
        ScriptSlotSpec(pattern := compiled.compile(s["pattern"], where), s.get("id_kind"),
                       s.get("label") or s["pattern"][:40],
                       _script_slot_needle(s, where) or required_literal(s["pattern"]),
                       _flag(s, "joins_sites", where, True),
                       _element_template(s, pattern, where),
                       _flag(s, "needs_element", where, False),
                       _flag(s, "needs_loader", where, False),
                       _flag(s, "sized_unit", where, False),
                       _flag(s, "per_call", where, False),
                       _script_slot_unless(s, where, compiled),
                       _flag(s, "fills", where, False))
        for s in entry.get("script_slot", [])
    )
    ids = []
    for spec in entry.get("id", []):
        if spec.get("where", "any") not in ID_SOURCES:
            raise RuleError(f"{where}: id 'where' must be one of {sorted(ID_SOURCES)}")
        needles = _strings(spec, "needles", where)
        if spec.get("where") == "markup" and not needles:
            raise RuleError(f"{where}: a markup id ({spec['kind']}) needs needles")
        if spec.get("where") in ("attr", "meta", "amp", "prebid", "handed") \
                and not spec.get("attr"):
            article = "an" if spec["where"][0] in "aeiou" else "a"
            raise RuleError(f"{where}: {article} {spec['where']} id ({spec['kind']}) needs attr")
        for key in ("src", "on"):
            if key in spec and spec.get("where") != "attr":
                raise RuleError(f"{where}: only an attr id ({spec['kind']}) takes {key}")
        if spec.get("where") == "amp" and not (amp or amp_analytics or amp_rtc):
            raise RuleError(f"{where}: an amp id ({spec['kind']}) needs the network's amp, "
                            "amp_analytics or amp_rtc names")
        if spec.get("where") == "prebid" and not entry.get("prebid"):
            raise RuleError(f"{where}: a prebid id ({spec['kind']}) needs the network's "
                            "prebid codes")
        pattern = compiled.compile(spec["pattern"], where)
        if ("base64" in pattern.groupindex) != ("decoded" in spec):
            raise RuleError(f"{where}: an id ({spec['kind']}) takes decoded exactly when its "
                            "pattern has a group named base64")
        if "each" in spec and ("decoded" in spec or "assigned" in spec):
            raise RuleError(f"{where}: an id ({spec['kind']}) takes each without decoded "
                            "or assigned")
        if ("value_name" in pattern.groupindex) != ("assigned" in spec):
            raise RuleError(f"{where}: an id ({spec['kind']}) takes assigned exactly when its "
                            "pattern has a group named value_name")
        ids.append(
            IdSpec(
                kind=spec["kind"],
                where=spec.get("where", "any"),
                pattern=pattern,
                # a meta's name is matched as HTML does, in any case
                attr=spec["attr"].lower() if spec.get("where") == "meta" else spec.get("attr"),
                src=compiled.compile(spec["src"], where) if "src" in spec else None,
                on=compiled.compile(spec["on"], where) if "on" in spec else None,
                needles=needles,
                internal=bool(spec.get("internal", False)),
                replaces=_strings(spec, "replaces", where),
                replaces_unless=_strings(spec, "replaces_unless", where),
                live=_flag(spec, "live", where, False),
                host=_flag(spec, "host", where, False),
                joins_sites=_flag(spec, "joins_sites", where, True),
                decoded=compiled.compile(spec["decoded"], where) if "decoded" in spec else None,
                assigned=(compiled.compile(spec["assigned"], where) if "assigned" in spec
                          else None),
                seek=compiled.compile(spec["seek"], where) if "seek" in spec else None,
                stops=_stops(spec, where),
                reach=_reach(spec, where),
                each=_grouped(spec, "each", "the ID", where, compiled),
            )
        )
    snippet = _strings(entry, "snippet", where)
    kinds = {spec.kind for spec in ids}
    for template in snippet:
        unknown = set(_PLACEHOLDER.findall(template)) - kinds
        if unknown:
            raise RuleError(
                f"{where}: snippet {template!r} names unknown id kinds {sorted(unknown)}"
            )
    formats = _strings(entry, "formats", where)
    if set(formats) - FORMATS:
        raise RuleError(f"{where}: formats must be among {sorted(FORMATS)}")
    tagged = entry.get("format_tags", {})
    if not isinstance(tagged, dict) or set(tagged) - set(formats):
        raise RuleError(f"{where}: format_tags must map formats it sells to regexes")
    format_tags = tuple((fmt, compiled.compile(p, where)) for fmt in tagged
                        for p in _strings(tagged, fmt, where))
    settings = tuple(compiled.compile(p, where) for p in _strings(entry, "settings", where))
    links = _strings(entry, "links", where)
    shapes = _strings(entry, "url_shapes", where)
    shape_types = frozenset(_strings(entry, "shape_types", where))
    if shape_types - REQUEST_TYPES or (shape_types and not shapes):
        raise RuleError(f"{where}: shape_types must be request types ({sorted(REQUEST_TYPES)}) "
                        "of a network with url_shapes")
    return Network(
        name=name,
        company=entry.get("company"),
        ad_server=entry.get("ad_server"),
        platform=entry.get("platform"),
        category=_category(entry.get("category", "advertising"), where),
        hosts=tuple(h.lower() for h in _strings(entry, "hosts", where)),
        urls=tuple(u.lower() for u in _strings(entry, "urls", where)),
        url_shapes=compiled.compile("|".join(f"(?:{p})" for p in shapes), where) if shapes
        else None,
        shape_types=shape_types,
        loaders=_strings(entry, "loaders", where),
        unit_loaders=_strings(entry, "unit_loaders", where),
        self_hosted=tuple(n.lower() for n in _strings(entry, "self_hosted", where)),
        self_hosted_tags=tuple(_compile_selector(tag, where, compiled, prefix="self::")
                               for tag in _strings(entry, "self_hosted_tags", where)),
        comments=tuple(c.lower() for c in _strings(entry, "comments", where)),
        inline=(*(compiled.compile(p, where) for p in _strings(entry, "inline", where)),
                *settings),
        settings=settings,
        slots=slots,
        script_slots=script_slots,
        ids=tuple(ids),
        snippet=snippet,
        formats=formats,
        format_tags=format_tags,
        shows_ads=_flag(entry, "shows_ads", where, True),
        markup_words=_markup_words(entry, where),
        links=compiled.compile("|".join(f"(?:{p})" for p in links), where) if links else None,
        link_needles=_needles_of(links),
        amp=amp,
        amp_analytics=amp_analytics,
        amp_rtc=amp_rtc,
        prebid=_prebid_codes(entry, where),
        sync_paths=tuple(compiled.compile(p, where)
                         for p in _strings(entry, "sync_paths", where)),
        samples=_samples(entry, ids, slots, script_slots, where),
        platform_ids=_samples(entry, ids, slots, script_slots, where, "platform_ids"),
    )


def _samples(entry: dict[str, Any], ids: Sequence[IdSpec], slots: Sequence[SlotSpec],
             script_slots: Sequence[ScriptSlotSpec], where: str, key: str = "samples"
             ) -> frozenset[tuple[str, str]]:
    """`samples` (or `platform_ids`) `= {"<id kind>" = ["<value>", …]}`, for kinds the
    network reads."""
    table = entry.get(key, {})
    if not isinstance(table, dict):
        raise RuleError(f"{where}: {key} must be a table of id kind = [values]")
    kinds = ({s.kind for s in ids} | {s.id_kind for s in slots if s.id_kind}
             | {s.id_kind for s in script_slots if s.id_kind})
    out: set[tuple[str, str]] = set()
    for kind in table:
        if kind not in kinds:
            raise RuleError(f"{where}: {key} names {kind!r}, an id kind it does not read")
        out.update((kind, value) for value in _strings(table, kind, where))
    return frozenset(out)


_AMP_NAME = lazy_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _amp_names(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    names = _strings(entry, key, where)
    bad = [t for t in names if not _AMP_NAME.fullmatch(t) or (key == "amp_rtc" and t != t.lower())]
    if bad:
        raise RuleError(f"{where}: {key} name {bad[0]!r} is not an AMP vendor name "
                        "(letters, digits, '_', '.', '-'; a bid vendor's in lower case, as "
                        "AMP looks it up)")
    return names


_PREBID_CODE = lazy_regex(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _prebid_codes(entry: dict[str, Any], where: str) -> tuple[str, ...]:
    codes = _strings(entry, "prebid", where)
    bad = [c for c in codes if not _PREBID_CODE.fullmatch(c)]
    if bad:
        raise RuleError(f"{where}: prebid code {bad[0]!r} is not a Prebid.js bidder code "
                        "(letters, digits, '_', '-')")
    return codes


def catalogue_files() -> list[Path]:
    """The project's catalogue files, from the installed `auditor_rules` package."""
    root = importlib.resources.files("auditor_rules") / "catalogue"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".toml"))


def _comment_words(pairs: Sequence[tuple[str, str]]
                   ) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One regex for every network's comment words (whole words), and word -> network."""
    names = dict(reversed(pairs))  # the first network to claim a word keeps it
    if not names:
        return None, {}
    alternatives = "|".join(re.escape(w) for w in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])"), names


# a URL's path after its scheme: the authority ends at the first `/`, `?` or `#`
_PATH = lazy_regex(r"[^/?#]*(/[^?#]*)?")
# an entity's URL pattern: a host, then a path ("pagead2.googlesyndication.com/pagead/…")
_HOST_PATH = lazy_regex(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+/\S*")


def _is_pattern(name: str) -> bool:
    """Whether a `self_hosted` file name is an fnmatch pattern (`prebid[1-9].*.js`)."""
    return any(c in name for c in "*?[")


def load_catalogue(paths: Sequence[Path] | None = None) -> Catalogue:
    """Parse catalogue TOML files; a malformed one raises RuleError naming file and entry."""
    files = list(paths) if paths is not None else catalogue_files()
    networks: list[Network] = []
    entities: dict[str, Entity] = {}
    url_entities: dict[str, Entity] = {}
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
            digest = hashlib.sha256(text.encode()).hexdigest()
            data = _parsed(text, digest, str(path))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise RuleError(f"{path}: cannot load catalogue: {exc}") from None
        try:
            compiled = _Compiled(digest)
            networks.extend(_network(e, str(path), compiled) for e in data.get("network", []))
            compiled.keep()
            for entry in data.get("entity", []):
                _keys(entry, ENTITY_KEYS, f"{path}: entity {entry.get('company')}")
                entity = Entity(
                    company=entry["company"],
                    category=_category(entry.get("category"), f"{path}: {entry['company']}"),
                    network=entry.get("network"),
                )
                for domain in _strings(entry, "domains", str(path)):
                    entities[domain.lower()] = entity
                for pattern in _strings(entry, "urls", str(path)):
                    if not _HOST_PATH.fullmatch(pattern.lower()):
                        raise RuleError(f"{path}: entity {entity.company}: url {pattern!r} "
                                        "must open with a host and a path (host/path)")
                    url_entities[pattern.lower()] = entity
        except (KeyError, TypeError) as exc:
            raise RuleError(f"{path}: malformed catalogue entry: missing or bad {exc}") from None
    twice = next((name for name, count in Counter(n.name for n in networks).items()
                  if count > 1), None)
    if twice is not None:  # a report names a network once, with one company and category
        raise RuleError(f"{', '.join(map(str, files))}: network {twice!r} is listed twice")
    stray = next((n for n in networks if n.platform == n.name), None)
    if stray is not None:  # a platform is another network (one of another file may be read)
        raise RuleError(f"{', '.join(map(str, files))}: network {stray.name!r}: platform "
                        f"{stray.platform!r} is no other network")
    by_host: dict[str, Network] = {}
    for network in networks:
        for host in network.hosts:
            by_host.setdefault(host, network)
        if network.company:
            for host in network.hosts:
                entities.setdefault(host, Entity(network.company, network.category, network.name))
    internal = frozenset(s.kind for n in networks for s in n.ids if s.internal)
    names = {name: n for n in reversed(networks) for name in n.self_hosted
             if not _is_pattern(name)}
    globs = tuple((name, n) for n in networks for name in n.self_hosted if _is_pattern(name))
    catalogue = Catalogue(tuple(networks), by_host, entities, tuple(str(p) for p in files),
                          internal, _solitary_kinds(networks, files),
                          tuple(n for n in networks if n.urls), tuple(
                              n for n in networks if n.url_shapes is not None),
                          url_entities, names, globs,
                          _list_info(files, len(networks), len(entities), paths is None))
    registries = [("amp", catalogue.amp_registries["ad"]),
                  ("amp_rtc", catalogue.amp_registries["bidder"]),
                  ("prebid", catalogue.prebid_bidders)]
    for key, registry in registries:  # an ad or bid vendor's name is one network's
        for vendor, claimants in registry.items():
            first, *others = dict.fromkeys(n.name for n in claimants)
            if others:
                raise RuleError(f"{', '.join(map(str, files))}: {key} name {vendor!r} is "
                                f"claimed by both {first} and {others[0]}")
    return catalogue


def _parsed(text: str, digest: str, where: str) -> dict[str, Any]:
    """A catalogue file's TOML, parsed once per text, its fragments written out
    (`_expanded`): `tomllib` took a quarter of the catalogue's load (~60 ms of each
    one-page CLI process), loading the parsed form a few ms. It is kept in the
    compiled-rules cache (plain dicts, lists, strings and numbers), keyed on the text's
    sha256 and this module's source (`FRAGMENTS`), so an edited file is parsed again."""
    key = _cache.cache_key([("catalogue toml", digest), ("reader", _reader_digest())])
    data = _cache.load(key)
    if not isinstance(data, dict):
        data = _expanded(tomllib.loads(text), where)
        _cache.store(key, data)  # a file of values marshal cannot write is not kept
    return data

def _list_info(files: Sequence[Path], networks: int, entities: int, shipped: bool) -> ListInfo:
    """What reproduces the catalogue's verdicts: its files' sha256 (in the order read) and
    how many networks and host entries it holds. The shipped one reads the same from a
    checkout and an install (`auditor_rules/catalogue`, as the project's lists)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    source = "auditor_rules/catalogue" if shipped else ", ".join(str(p) for p in files)
    return ListInfo(CATALOGUE_LIST, source, networks + entities, digest.hexdigest())


def _solitary_kinds(networks: Sequence[Network], files: Sequence[Path]) -> frozenset[str]:
    """The ID kinds declared `joins_sites = false`; a kind declared both ways is an error."""
    says: dict[str, set[bool]] = {}
    for n in networks:
        declared: list[tuple[str | None, bool]] = [(s.kind, s.joins_sites) for s in n.ids]
        declared += [(s.id_kind, s.joins_sites) for s in n.slots]
        declared += [(s.id_kind, s.joins_sites) for s in n.script_slots]
        for kind, joins in declared:
            if kind:
                says.setdefault(kind, set()).add(joins)
    for kind, values in sorted(says.items()):
        if len(values) > 1:
            raise RuleError(f"{', '.join(map(str, files))}: id kind {kind!r} says joins_sites = "
                            "false in one declaration and not in another: say it in every one")
    return frozenset(kind for kind, values in says.items() if values == {False})


@functools.lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The project's catalogue, loaded once per process."""
    return load_catalogue()


_PORT = lazy_regex(r":\d*")


def _on_its_host(pattern: str, url: str, host: str) -> bool:
    """Whether a network's URL pattern that opens with a host (`naver.net/wcslog.js`,
    `googletagmanager.com/gtag/js`) is the request's host and its path: written in another
    host's path (`evil.example/naver.net/wcslog.js`) or inside another name
    (`blognaver.net/wcslog.js`) it names nobody. A pattern of a path alone (`/fbevents.js`)
    holds on any host, and one of a name alone (`widget.mytaste.`, a bucket's
    `homad-global-configs.schneevonmorgen.com` in S3's path) anywhere. `url` is lowered.

    >>> _on_its_host("naver.net/wcslog.js", "https://wcs.naver.net/wcslog.js", "wcs.naver.net")
    True
    >>> _on_its_host("naver.net/wcslog.js", "https://x.example/naver.net/wcslog.js", "x.example")
    False
    >>> _on_its_host("naver.net/wcslog.js", "https://blognaver.net/wcslog.js", "blognaver.net")
    False
    """
    named, slash, path = pattern.partition("/")
    if not slash or not named or "." not in named:
        return True
    host = host.lower().rstrip(".")
    if not host_matches(host, named):
        return False
    at = url.find(host, url.find("://") + 3 if "://" in url else 0)
    if at < 0:
        return True  # written otherwise (an IDN, escapes): the host has it
    rest = url[at + len(host):].lstrip(".")
    rest = rest[m.end():] if (m := _PORT.match(rest)) else rest
    return rest.startswith(slash + path)
