"""What a page's scripts assign and write: ad unit paths held in names and handed to
calls, the element ids scripts write, and units no element holds (unplaced).

One pass over a page's assignments feeds the path readers here and `identify`."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate
from typing import Any, NamedTuple

from lxml import etree

from auditor.catalogue import FRAGMENTS, Network, ScriptSlotSpec, canonical_id
from auditor.dom.inline_js import comment_spans, in_spans
from auditor.dom.page import ParsedPage
from auditor.dom.parser import line_of
from auditor.lazy_re import lazy_regex
from auditor.model import UnplacedUnit
from auditor.rules.literal import finditer
from auditor.slots.found import FoundSlot


def _assigned_path(page: ParsedPage, name: str | None) -> str | None:
    """The ad-unit path a page's script assigns to the variable a slot call names in its
    place (`var unit = unit || "/3771966/Site/section"; googletag.defineSlot(unit, …)`,
    as CMS ad modules write it): a string literal of an ad-unit path's form
    (`/<network code>/<unit>`) assigned to it. None where the page assigns it two paths
    (one per breakpoint or section: which one a reader got is the script's choice) or only
    other strings (a minified script's `e="/wp-json/…"` is no ad unit)."""
    if not name:
        return None
    paths = page.view("paths assigned to names", lambda: _paths_assigned(page)).get(name, ())
    if len(paths) != 1:
        return None
    (path,) = paths
    return path if _AD_UNIT_PATH.fullmatch(path) else None


def _paths_assigned(page: ParsedPage) -> dict[str, set[str]]:
    """Every plain name the page's scripts assign a string starting `/` to (`unit = "/…"`,
    or `unit = unit || "/…"`), with the strings (a pattern per slot's name read the scripts
    once per slot, quadratic in a page of thousands)."""
    out: dict[str, set[str]] = {}
    for found in literals_assigned(page):
        name, default, literal = found.name, found.default, found.literal
        if "." not in name and (default is None or default == name) \
                and _SLASH_LITERAL.fullmatch(literal):
            out.setdefault(name, set()).add(literal)
    return out


class Assigned(NamedTuple):
    """A string literal a script assigns to a name: `name = "literal"`, or `name = default
    || "literal"` (the literal whole, or opening a concatenation)."""

    name: str  # dotted or not (`gptLayer.zone`)
    default: str | None
    literal: str  # no quote or line end in it
    ended: bool  # the statement ends after it (`;`, `,` or a line end)
    commented: bool  # a comment holds it (`// var id = "…";`): a choice the page does not run


def literals_assigned(page: ParsedPage) -> list[Assigned]:
    """Every `name = "…"` (`name = other || "…"`) in the page's scripts: one pass a page
    for each reader of them, each keeping the names and literals it reads: a slot call's
    variable (`_paths_assigned`), a name a call takes (`_paths_held`), an ID handed over by
    a variable (`identify`'s `assigned`). One literal is read whole, so a later name's
    reader never takes the text between two literals for one."""
    def build() -> list[Assigned]:
        out: list[Assigned] = []
        for script in page.scripts:
            text = script.text or ""
            spans: list[tuple[int, int]] | None = None  # a script's comments, read once if it
            for found in _LITERAL_NAMED.finditer(text):  # assigns any (`comment_spans`: a
                if spans is None:  # `//` a string holds, `"url(//cdn…)"`, opens none)
                    spans = comment_spans(text)
                out.append(Assigned(found.group(1), found.group(2), found.group(4),
                                    found.group(5) is not None, in_spans(spans, found.start())))
        return out
    return page.view("string literals assigned to names", build)


# `name = "…"` or `name = other || "…"`, a name a property's path as often, and whether
# the statement ends after it
_LITERAL_NAMED = lazy_regex(
    r"(?<![\w$.])([\w$]+(?:\.[\w$]+)*)\s*=\s*(?:([\w$.]+)\s*\|\|\s*)?(['\"])"
    r"([^'\"\n]{1,201})\3(\s*[;,\n])?")
# a literal that may be an ad-unit path (`_AD_UNIT_PATH` picks those that are)
_SLASH_LITERAL = lazy_regex(r"/[^'\"\s]{1,200}")


# an ad-unit path of Ad Manager's form, the catalogue's one reading of it (`FRAGMENTS`:
# a file's path or a story's dated folder, `/2019/06/story.html`, is none)
_AD_UNIT_PATH = lazy_regex("/" + FRAGMENTS["gam_path"])


def paths_handed_to(page: ParsedPage, call: str) -> tuple[str, ...]:
    """The ad-unit path literals a page's scripts assign to a name, a property as often as
    a variable, that a `call(name, …)` takes first: a site's own wrapper builds the path
    apart from the call (`gptLayer.zone = "/4328/hdm.mag/" + ad_zone; …
    googletag.defineSlot(gptLayer.zone, sizes, id)`), so the literal is the path's opening
    (its network code, its site) where the rest is concatenated on at run time."""
    return page.view(f"paths handed to {call}", lambda: _handed(page, call))


def _handed(page: ParsedPage, call: str) -> tuple[str, ...]:
    taken: dict[str, None] = {}  # the names handed, in order, each once: a name assigned
    for script in page.scripts:  # thousands of paths and taken by thousands of calls was
        text = script.text or ""  # read once per call (quadratic)
        if call + "(" not in text:
            continue
        for found in _FIRST_ARGUMENT.finditer(text):
            if found.group(1) == call:
                taken.setdefault(found.group(2))
    if not taken:  # most pages hand their calls literals: no name to look up, no pass
        return ()
    held = page.view("paths held by names", lambda: _paths_held(page))
    out: dict[str, None] = {}
    for name in taken:
        out.update(dict.fromkeys(held.get(name, ())))
    return tuple(out)


def _paths_held(page: ParsedPage) -> dict[str, list[str]]:
    """Every name, dotted or not, the page's scripts assign an ad-unit path's literal to
    (whole, or opening a concatenation), with the literals."""
    out: dict[str, list[str]] = {}
    for found in literals_assigned(page):
        name, default, literal = found.name, found.default, found.literal
        if _HOLDER_NAME.fullmatch(name) and (default is None or len(default) <= _DEFAULT_MOST) \
                and _SLASH_LITERAL.fullmatch(literal) and _AD_UNIT_PATH.fullmatch(literal):
            out.setdefault(name, []).append(literal)
    return out


# a name, a property's path as often (`gptLayer.zone`, `window.ads.unit`)
_HOLDER = r"[A-Za-z_$][\w$]{0,40}(?:\.[A-Za-z_$][\w$]{0,40}){0,3}"
_HOLDER_NAME = lazy_regex(_HOLDER)
_DEFAULT_MOST = 80  # a holder's default before `||` (`holder = holder || "/…"`), at most
# a call and the name it takes first: `googletag.defineSlot(gptLayer.zone, …`
_FIRST_ARGUMENT = lazy_regex(rf"(?<![\w$])([A-Za-z_$][\w$]{{0,60}})\(\s*({_HOLDER})\s*,")


_QUOTED_NAME = lazy_regex(r"""['"]([\w-]{1,200})['"]""")


def _quoted_names(page: ParsedPage) -> frozenset[str]:
    """The names the page's inline code writes in quotes (an element id a call passes);
    read once a page."""
    return page.view("quoted names", lambda: frozenset(
        _QUOTED_NAME.findall(page.script_text)))


class Unplaced(NamedTuple):
    """A unit the page's scripts define that no element of the page shows: its zone is an
    ID of the page all the same (`identify.identifiers`). `script` and `at` (where the
    defining call opens in its text) cite it where its element is absent; a second unit
    defined for a container the page shows (`_fill_known`) has none: that placement is
    the shown unit's. Nor has a unit an ad server's frame served (`frame_slots`): the
    frame is its placement."""

    kind: str
    zone: str
    network: Network
    script: etree._Element | None = None
    at: int | None = None
    rule: str | None = None


def unplaced_units(page: ParsedPage) -> list[Unplaced]:
    """The units the page's scripts define for an element the page lacks (`needs_element`,
    a branch that did not run): no slot, but their zones are the page's IDs. Filled while
    `declared_slots` reads the page."""
    return page.view("units defined, not placed", list)


def cited_unplaced(page: ParsedPage, slots: Iterable[FoundSlot]) -> tuple[UnplacedUnit, ...]:
    """The report's unplaced units: each cited at the line its defining call opens on
    (a head script defining ten units names ten lines), once per zone and line; not a
    unit a slot of the page shows by the same zone, a second unit for a shown container
    (no call to cite), nor a vendor documentation's example unit (no one's)."""
    shown = {(s.id_kind, s.zone_id) for s in slots if s.zone_id}
    out: dict[tuple[str, str, int], UnplacedUnit] = {}
    # where each citing script's lines break, found once a script: a site's ad map defines
    # thousands of units in one script, and counting from its top for each is quadratic
    breaks: dict[etree._Element, list[int]] = {}
    for unit in unplaced_units(page):
        zone = canonical_id(unit.kind, unit.zone)
        if unit.script is None or unit.at is None or zone is None or (unit.kind, zone) in shown \
                or unit.network.is_sample(unit.kind, zone):
            continue
        if unit.script not in breaks:  # the offset each of its lines after the first opens at
            breaks[unit.script] = list(accumulate(
                len(text) + 1 for text in (unit.script.text or "").split("\n")[:-1]))
        line = line_of(unit.script) + bisect_right(breaks[unit.script], unit.at)
        out.setdefault((unit.kind, zone, line), UnplacedUnit(
            unit.network.name, unit.kind, zone, line, page.xpath(unit.script), unit.rule))
    return tuple(out.values())


def _page_makes(page: ParsedPage, element_id: str, call: str = "",
                spec: ScriptSlotSpec | None = None) -> bool:
    """Whether the page's own code makes an element of this id: a script writes it
    (`<div id="…">` in a string, setAttribute/jQuery's attr("id", …), `el.id = …`, an
    object's `id: …` as React's props and jQuery's `$("<div>", {…})` give it), a template
    or a JSON config block holds it, a loop names it by concatenation (`'div-gpt-ad-' + n`,
    `` `div-gpt-ad-${n}` ``: the prefix), or a placeholder's `data-` attribute names it
    for the framework that makes it. The `call` declaring the slot names its element
    itself where a config's slot object carries it as its `id` (About.com's
    `{'id': 'billboard', 'sizes': …}`): that naming makes nothing, so an id written there
    and nowhere else is not made; nor is one the same call form names again, in another
    copy of the config (`spec`'s calls, counted once a page)."""
    exact, prefixes = _ids_scripts_write(page)
    if any(element_id[:end] in prefixes for end in range(3, min(len(element_id), 200))):
        return True
    if element_id not in exact:
        return False
    named_here = sum(1 for m in _WRITTEN_ID.finditer(call)
                     if not m.group(2) and m.group(1) == element_id) if call else 0
    if not named_here:
        return True
    written = page.view("id writes counted", lambda: _id_writes(page))
    if spec is not None:
        named_here = max(named_here, page.view(
            f"ids named by calls {id(spec)}", lambda: _ids_calls_name(page, spec)
        ).get(element_id, 0))
    return written.get(element_id, 0) > named_here


def _ids_calls_name(page: ParsedPage, spec: ScriptSlotSpec) -> dict[str, int]:
    """How many times the calls of one form (`spec`'s pattern) name each element id as
    their own, over the page's scripts; read once a page and form."""
    counts: dict[str, int] = {}
    for script in page.tagged("script"):
        for call in finditer(spec.pattern, script.text or ""):
            for m in _WRITTEN_ID.finditer(call.group(0)):
                if not m.group(2):
                    counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


def _id_writes(page: ParsedPage) -> dict[str, int]:
    """How many times the page's scripts and `data-` attributes name each element id
    (`_ids_scripts_write`'s exact ids, counted); read once a page, and only where a call
    names its own element."""
    counts = {value: len(holders) for value, holders in _data_values(page).items()}
    for script in page.tagged("script"):
        for m in _WRITTEN_ID.finditer(script.text or ""):
            if not m.group(2):
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


def _markup_writer(page: ParsedPage, element_id: str,
                   defining: etree._Element) -> etree._Element | None:
    """The one other script whose strings hold the element's markup (`'<div id="…">'`, or
    HTML-escaped, `'&lt;div id=\\'…\\'&gt;'`, as CMS ad blocks keep a unit's tag for their
    loader to write into the holder beside them): where the page places the unit, not the
    script in the head that defines it. None where the defining script writes it too, or
    two scripts do (which one shows is the page's choice)."""
    writers = page.view("scripts writing markup ids", lambda: _markup_writers(page)).get(
        element_id, ())
    return writers[0] if len(writers) == 1 and writers[0] is not defining else None


def _markup_writers(page: ParsedPage) -> dict[str, tuple[etree._Element, ...]]:
    """Each element id the page's inline code writes as markup, with those scripts (a
    template or a data block is rendered where its framework puts it); read once a page."""
    out: dict[str, list[etree._Element]] = {}
    for script in page.scripts:
        for written in {m.group(1) for m in _MARKUP_ID.finditer(script.text or "")}:
            out.setdefault(written, []).append(script)
    return {k: tuple(v) for k, v in out.items()}


# an element's start tag in a script's string, plain or HTML-escaped, naming its id
_MARKUP_ID = lazy_regex(
    r"""(?:<|&lt;)[A-Za-z][\w-]{0,20}\s[^<>]{0,300}?\bid\s*=\s*\\?["'`]([\w.:-]{1,200})\\?["'`]""")


def _ids_scripts_write(page: ParsedPage) -> tuple[frozenset[str], frozenset[str]]:
    """The element ids the page's scripts (code, templates, data blocks) and `data-`
    attributes name as an element's, and the prefixes its scripts build ids from; read
    once a page."""
    def build() -> tuple[frozenset[str], frozenset[str]]:
        exact: set[str] = set(_data_values(page))
        prefixes: set[str] = set()
        for script in page.tagged("script"):
            for m in _WRITTEN_ID.finditer(script.text or ""):
                (prefixes if m.group(2) else exact).add(m.group(1))
        return frozenset(exact), frozenset(prefixes)
    return page.view("ids scripts write", build)


_WRITTEN_ID = lazy_regex(
    r"""(?:\bid\s*=\s*\\?["'`]|(?:setAttribute|attr|prop)\(\s*["']id["']\s*,\s*["'`]"""
    r"""|\.id\s*=\s*["'`]|[{,]\s*["']?id["']?\s*:\s*["'`])([\w.:-]{1,200})"""
    r"""(\\?["'`]\s*\+|\$\{)?""")
_DATA_VALUES: Any = etree.XPath("//@*[starts-with(name(), 'data-')]")
_NO_PLACEHOLDER = frozenset({"html", "head", "body", "script", "style", "template", "link",
                             "meta", "noscript", "a", "button", "input", "option", "img"})


def _data_values(page: ParsedPage) -> dict[str, tuple[etree._Element, ...]]:
    """Each value of 3 to 200 characters the page's `data-` attributes hold, with the
    elements holding it (once an attribute); read once a page."""
    def build() -> dict[str, tuple[etree._Element, ...]]:
        out: dict[str, list[etree._Element]] = {}
        for v in _DATA_VALUES(page.root):
            if 2 < len(v) <= 200:
                out.setdefault(str(v), []).append(v.getparent())
        return {k: tuple(els) for k, els in out.items()}
    return page.view("data- attribute values", build)


def data_named(page: ParsedPage, element_id: str) -> etree._Element | None:
    """The placeholder a `data-` attribute of which names this element id, `<div
    data-js-ad-manager-slot="div-hola-slot-megabanner">` (a site's ad manager gives the box
    the id its attribute names, then GPT fills it): where the page shows the unit the id's
    call defines. None where no element, or more than one, names it so, or the one that
    does is no box (a link or a button naming its target, a script's own settings)."""
    held = _data_values(page).get(element_id, ())
    return held[0] if len(held) == 1 and held[0].tag not in _NO_PLACEHOLDER else None
