"""Ad load: how much of the page is ads, on which screen, and where in the text.

ANA's ad-to-content ratio (desktop), Better Ads' share of a phone's height (as units per
1,000 words), ads between the article's paragraphs, and the native networks that sell
the paid traffic. Area is estimated from declared slot sizes; a slot's device from its
media query or device marker, since a saved page is not rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from lxml import etree

from auditor.dom.page import ParsedPage
from auditor.heuristics.interface import PageContext
from auditor.heuristics.text_blocks import SHORT
from auditor.lazy_re import lazy_regex
from auditor.metrics import AD_CATEGORIES
from auditor.mfa.evidence import ANA, BETTER_ADS, OURS, Hit, cite, count
from auditor.model import Basis, Indicator, Metrics, Slot

# -- constants of the estimates (docs/MFA.md says where each comes from) ------------
AD_SHARE = 0.30  # ANA: "30+ percent for desktop"; Better Ads: 30% of mobile height
# A page whose ad units declare no size: each counted as a mobile leaderboard, the
# smallest common unit, so the share is a floor. When some units declare a size, only
# those count: an undeclared one may be a 1×1 pixel or a collapsed slot.
UNSIZED_SLOT = (320, 50)
TEXT_PX2_PER_CHAR = 230  # desktop text: ~16-18 px type, ~80 chars a line, ~27 px lines
MIN_UNITS = 3  # fewer ad units than this is no density, whatever the word count
# Better Ads' 30% of a mobile page's height, in units per 1,000 words: 1,000 words are
# about 6,000 characters, 150 lines of 40 characters at 24 px = 3,600 px of text; ads at
# 30% of the whole are 0.43 × 3,600 ≈ 1,540 px, six units of 250 px.
UNITS_PER_1000_WORDS = 6.0
# Better Ads counts the ads in a page's main content; the row counts every unit shown on
# a phone, so the threshold is ours, after theirs, and the row an estimate
AFTER_BETTER_ADS = f"{OURS} (after {BETTER_ADS})"
# Ads between the article's paragraphs: ad-ops guides place one in-content unit per
# 300-400 words; twice that rate (ANA's "twice the average"), at its lenient end, is one
# per 200 words.
IN_TEXT_PER_1000_WORDS = 5.0
MIN_RECIRCULATION_BLOCKS = 3  # text pages: promotional lists, as a reader meets them
NEAR_SIBLINGS = 3  # elements looked at on each side of an ad for a paragraph
DIRECT_LOOKUPS = 64  # slot paths a page resolves by XPath; past it, by one map
PROSE = 80  # characters: a paragraph, not a caption or a label


# -- device-specific slots ------------------------------------------------------------
VIEWPORTS = {"desktop": 1280, "mobile": 375}  # widths a media query is read at
BOTH = frozenset(VIEWPORTS)
_MEDIA_WIDTH = lazy_regex(r"\(\s*(min|max)-width\s*:\s*(\d+)(?:\.\d+)?px\s*\)", re.I)
_DEVICE_ATTRS = ("type", "device", "devices", "platform", "viewport")
_DEVICES = {"mobile": "mobile", "smartphone": "mobile", "phone": "mobile",
            "desktop": "desktop"}
_WORDS = lazy_regex(r"[^a-z]+")  # an id's words: `DESKTOP_SKIN-88130484-0` → desktop, skin
_DEVICE_CLASSES = {"mobile-only": "mobile", "only-mobile": "mobile", "hide-desktop": "mobile",
                   "desktop-only": "desktop", "only-desktop": "desktop",
                   "hide-mobile": "desktop"}


def outermost_ads(slots: Iterable[Slot]) -> list[Slot]:
    """The placements a reader sees: ad slots not inside another ad slot (a wrapper and
    the unit in it are one ad), and not a slot defined by a script in `<head>` (its
    `<div>` in the body is the placement)."""
    ads = [s for s in slots if s.kind == "ad" and (s.category in AD_CATEGORIES
                                                    or s.category is None)
           and not s.xpath.startswith("/html/head/")]  # a definition in <head> shows nothing
    # A slot is inside another when the other's path and a `/` open its own. The paths
    # holding a prefix sort together, so in sorted order each path's containers are on a
    # stack of the paths opened before it (a slot under a thousand open <div>s was read
    # step by step, once per slot: quadratic). A path with no `/` contains nothing.
    inside: dict[str, bool] = {}
    open_paths: list[str] = []
    for path in sorted({s.xpath + "/" for s in ads if s.xpath}):
        while open_paths and not path.startswith(open_paths[-1]):
            open_paths.pop()
        inside[path] = bool(open_paths)
        if "/" in path[:-1]:
            open_paths.append(path)
    return [s for s in ads if not s.xpath or not inside[s.xpath + "/"]]


def ad_to_content(ads: Sequence[Slot], m: Metrics, other_device: int = 0) -> Indicator:
    """Ad area against editorial text area: the declared sizes (or, when no slot declares
    one, every slot at 320×50) against the text's characters at a desktop column's px²
    per character. Slots the markup does not show on a desktop are left out
    (`other_device` of them)."""
    threshold = (f"≥ {AD_SHARE:.0%} of the page's ad + text area (desktop), on declared "
                 f"sizes (none declared: {UNSIZED_SLOT[0]}×{UNSIZED_SLOT[1]} each)")
    skipped = (f"; {other_device} not shown at {VIEWPORTS['desktop']:,} px"
               if other_device else "")
    if not ads:
        return Indicator("ad-to-content", "0% (no desktop ad slots)", threshold, ANA,
                         Basis.ESTIMATED, False, f"0 desktop ad slots{skipped}; "
                         f"{_markup_share(m)}")
    sized = [s for s in ads if s.width and s.height]
    unsized = len(ads) - len(sized)
    if sized:
        area = sum(s.area for s in sized)
        assumed = f", {unsized} undeclared not counted" if unsized else ""
    else:
        area = unsized * UNSIZED_SLOT[0] * UNSIZED_SLOT[1]
        assumed = f", {unsized} undeclared at {UNSIZED_SLOT[0]}×{UNSIZED_SLOT[1]}"
    text_area = m.content_chars * TEXT_PX2_PER_CHAR
    share = area / (area + text_area) if area + text_area else 0.0
    evidence = (f"{len(ads)} desktop ad slots ≈ {area:,} px² ({len(sized)} with declared sizes"
                f"{assumed}{skipped}); {m.content_chars:,} text characters ≈ {text_area:,} px²; "
                f"{_markup_share(m)}")
    return Indicator("ad-to-content", f"{share:.0%}", threshold, ANA, Basis.ESTIMATED,
                     share >= AD_SHARE, evidence)


def ad_to_content_text(m: Metrics) -> Indicator:
    """A text scrape: promotional text against editorial text, by size."""
    total = m.ad_markup_bytes + m.content_chars
    share = m.ad_markup_bytes / total if total else 0.0
    return Indicator("ad-to-content", f"{share:.0%}",
                     f"≥ {AD_SHARE:.0%} of the page's text is promotional", ANA, Basis.ESTIMATED,
                     share >= AD_SHARE,
                     f"{m.ad_markup_bytes:,} bytes of promotional blocks, "
                     f"{m.content_chars:,} characters of editorial text")


def _markup_share(m: Metrics) -> str:
    total = m.ad_markup_bytes + m.content_chars
    if not total:
        return "no ad markup and no editorial text"
    return (f"ad markup {m.ad_markup_bytes:,} bytes = {m.ad_markup_bytes / total:.0%} of ad "
            "markup + text")


def ad_density(m: Metrics, units: int, other_device: int = 0,
               noun: str = "mobile ad units") -> Indicator:
    """Ad units per 1,000 editorial words: Better Ads' 30% of a mobile page's height,
    converted to units (see UNITS_PER_1000_WORDS). Slots the markup does not show on a
    phone are left out (`other_device` of them)."""
    threshold = (f"≥ {UNITS_PER_1000_WORDS:g} per 1,000 words and ≥ {MIN_UNITS} units "
                 "(≈ Better Ads' 30% of mobile height, at 250 px a unit; all mobile units, "
                 "not only those in the main content)")
    if not m.content_words:
        return Indicator("ad-density", f"{units} units, no editorial text", threshold,
                         AFTER_BETTER_ADS, Basis.ESTIMATED, units >= MIN_UNITS,
                         "no editorial words to divide by")
    rate = 1000 * units / m.content_words
    body = f", {m.ad_slots_in_body} in the article body" if m.ad_slots_in_body else ""
    skipped = (f" ({other_device} not shown at {VIEWPORTS['mobile']} px)"
               if other_device else "")
    return Indicator("ad-density", f"{rate:.1f} {noun} per 1,000 words", threshold,
                     AFTER_BETTER_ADS,
                     Basis.ESTIMATED, units >= MIN_UNITS and rate >= UNITS_PER_1000_WORDS,
                     f"{units} {noun}{skipped}{body}; "
                     f"{m.content_words:,} editorial words")


def ads_in_body(m: Metrics, units: int) -> Indicator:
    """Ads interleaved with the article's paragraphs, per 1,000 editorial words."""
    threshold = (f"≥ {IN_TEXT_PER_1000_WORDS:g} per 1,000 words between the article's "
                 f"paragraphs and ≥ {MIN_UNITS} units (twice the ad-ops rule of thumb of "
                 "one in-content ad per 300–400 words)")
    rate = 1000 * units / m.content_words if m.content_words else 0.0
    value = (f"{units} unit{'' if units == 1 else 's'} ({rate:.1f} per 1,000 words)"
             if units else "none")
    return Indicator("ads-in-body", value, threshold, OURS, Basis.MEASURED,
                     units >= MIN_UNITS and rate >= IN_TEXT_PER_1000_WORDS,
                     f"{units} of the page's ad units between the article's paragraphs; "
                     f"{m.content_words:,} editorial words")


def inside_text(text: str, units: Sequence[Slot]) -> int:
    """Promotional blocks with editorial prose after them: inside the text, not under it."""
    lines = text.splitlines()
    last_prose = max((i for i, line in enumerate(lines, 1) if len(line.strip()) > SHORT),
                     default=0)
    return sum(1 for s in units if s.line < last_prose)


def native_widgets(hits: Sequence[Hit], noun: str, minimum: int = 1) -> Indicator:
    threshold = (f"≥ {minimum} {noun}s" if minimum > 1 else f"any {noun}")
    return Indicator("native-widgets", count(hits, noun), threshold, OURS, Basis.MEASURED,
                     len(hits) >= minimum, cite(hits))


def shown_on(page: ParsedPage, xpath: str) -> frozenset[str]:
    """The devices a slot shows on: both, unless its markup says otherwise (a `media`
    query, `kas-type="mobile"`, `data-device="desktop"`, a `mobile-only` class, or a
    device word in its id or its wrapper's: `ad-desktop-8`, `MOBILE_MPU-1`,
    `adscript-tile4-desktop`). A template that declares a set of slots per device shows
    one set."""
    el = element_at(page, xpath)
    if el is None:
        return BOTH
    media = el.get("media")
    if media:
        return frozenset(d for d, width in VIEWPORTS.items() if media_matches(media, width))
    for name, value in el.attrib.items():
        name, value = str(name).lower(), str(value).strip().lower()
        if name.endswith(_DEVICE_ATTRS) and value in _DEVICES:
            return frozenset({_DEVICES[value]})
    for token in (el.get("class") or "").lower().split():
        for marker, device in _DEVICE_CLASSES.items():
            if marker in token:
                return frozenset({device})
    for holder in (el, el.getparent()):
        named = {_DEVICES[word] for word in _WORDS.split(str(holder.get("id") or "").lower())
                 if word in _DEVICES} if holder is not None else set()
        if len(named) == 1:
            return frozenset(named)
    return BOTH


def element_at(page: ParsedPage, xpath: str) -> etree._Element | None:
    """The element a slot's path names. Past `DIRECT_LOOKUPS` look-ups a page, or for a
    path XPath cannot evaluate, one path → element map of the tree answers (an absolute
    path's XPath counts siblings: 20,000 sibling slots took 75 s). A path is looked up
    once a page: the device and the in-text rows both ask for each slot's."""
    if not xpath:
        return None
    state: list[Any] = page.view("adload:elements", lambda: [0, None, {}])
    known: dict[str, etree._Element | None] = state[2]
    if xpath not in known:
        known[xpath] = _look_up(page, xpath, state)
    return known[xpath]


def _look_up(page: ParsedPage, xpath: str, state: list[Any]) -> etree._Element | None:
    state[0] += 1
    if state[0] <= DIRECT_LOOKUPS:
        try:
            found = page.root.xpath(xpath)
            return found[0] if found and isinstance(found[0], etree._Element) else None
        except (etree.XPathError, ValueError):
            pass  # a prefixed (`<a:b>`) or control-character tag name is a path XPath
            # cannot read: use the map
    if state[1] is None:
        state[1] = {page.xpath(el): el for el in page.root.iter() if isinstance(el.tag, str)}
    return state[1].get(xpath)  # type: ignore[no-any-return]


def media_matches(query: str, width: int) -> bool:
    """Whether a media query's width conditions hold at `width` px; features it does not
    know count as met.

    >>> media_matches("(min-width: 768px) and (max-width: 1023px)", 1280)
    False
    >>> media_matches("(max-width: 767px), print", 375)
    True
    """
    for part in query.split(","):
        ok = True
        for feature, px in _MEDIA_WIDTH.findall(part):
            ok &= width >= int(px) if feature == "min" else width <= int(px)
        if ok:
            return True
    return False


def in_text(ctx: PageContext, page: ParsedPage, ads: Sequence[Slot]) -> int:
    """Ad slots among the article's paragraphs: inside an article body, with a paragraph
    of prose before and after it (the slot, or a wrapper of it, sits between two). A
    theme's `<article>` that also holds the sidebar and the "more stories" block does
    not make those ads part of the text."""
    bodies = set(ctx.bodies)
    between: dict[etree._Element, bool] = {}  # each element's answer, climbed once a page
    out = 0
    for s in ads:
        el = element_at(page, s.xpath)
        if el is not None and _between_paragraphs(el, bodies, between):
            out += 1
    return out


def _between_paragraphs(el: etree._Element, bodies: set[etree._Element],
                        between: dict[etree._Element, bool]) -> bool:
    """Whether `el`, or an ancestor of it below the article bodies, has prose on both
    sides; a climb stops where an earlier one passed and takes its answer (nested ads
    each climbed the whole chain)."""
    climbed: list[etree._Element] = []
    node: etree._Element | None = el
    found = False
    while node is not None and node not in bodies:
        known = between.get(node)
        if known is not None:
            found = known
            break
        climbed.append(node)
        if _prose_beside(node, before=True) and _prose_beside(node, before=False):
            found = True
            break
        node = node.getparent()
    for step in climbed:
        between[step] = found
    return found


def _prose_beside(el: etree._Element, before: bool) -> bool:
    """A paragraph of prose among the few elements just before (or after) `el`."""
    sibling = el.getprevious() if before else el.getnext()
    for _ in range(NEAR_SIBLINGS):
        if sibling is None:
            return False
        if (isinstance(sibling.tag, str) and sibling.tag == "p"  # a comment's tag is a function
                and len(" ".join(str(t) for t in sibling.itertext())) >= PROSE):
            return True
        sibling = sibling.getprevious() if before else sibling.getnext()
    return False


def network_line(ctx: PageContext, name: str) -> int:
    for s in ctx.slots:
        if s.network == name:
            return s.line
    return next((r.line for r in ctx.resources if r.network == name), 0)
