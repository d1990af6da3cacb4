"""Whether an element is hidden from a reader by what it carries itself: the one home of
that test, asked by the editorial-text count (`metrics`), the hidden-iframe and link-farm
findings (`heuristics.hidden`) and the safelink reading (`heuristics.redirects`).

An element is hidden by its `hidden` attribute, by an inline style that takes it out of
sight (`display:none`, `visibility:hidden`, `opacity:0`, placed a thousand pixels off
screen, collapsed to 0 with `overflow:hidden`, a zero font size), or by a hiding class of
the CSS frameworks and themes (Bootstrap's `d-none`, `visually-hidden`, `sr-only`,
`hide`; Tailwind's `hidden`; WordPress' `screen-reader-text`). The classes are read as
on a phone, the frameworks being mobile first: `d-none d-lg-block` (Tailwind's `hidden
lg:block`) is hidden there and shown from a desktop's width on, a rail or an extra,
never the article's own text (and the ad-density row is a mobile measure).
`aria-hidden="true"` alone hides nothing from sight, but pages set it on what their
scripts keep closed and their stylesheet hides (a popup's overlay, a mega menu, a modal:
every such block of text on the corpus pages), so `hiding` reads it as hidden.
`inline_hiding` reads the attribute and the inline style alone, as the injection
findings do; `text_hiding` is `hiding` as the editorial count reads it (a fade-in's
opacity and a row's zero font left to the page); `sheet_hiding` reads the rules of the
page's own `<style>` sheets that hide one class or id (the keyword hack's); `tiny_element`
is an element declared zero or one pixel in size (a beacon, a hidden frame), read by the
one reader of what size an element's markup declares (`declared_size`, `style_size`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable
from itertools import accumulate, chain, repeat
from operator import itemgetter

from lxml import etree

from auditor.dom.noscript import noscript_holding
from auditor.dom.textscan import aligned_lower
from auditor.lazy_re import lazy_regex
from auditor.rules.literal import branch_matches, finditer

_DISPLAY_NONE = lazy_regex(r"(?:^|;)\s*display\s*:\s*none", re.I)
DECLARATION_END = r"\s*(?:;|$|!)"  # the end of a declaration
_INVISIBLE = lazy_regex(r"(?:^|;)\s*visibility\s*:\s*hidden|(?:^|;)\s*opacity\s*:\s*0(?:\.0+)?"
                        + DECLARATION_END, re.I)
# an opacity of 0, the declaration whole (what `text_hiding` takes off a style)
_FADED = lazy_regex(r"(?:^|;)\s*opacity\s*:\s*0(?:\.0+)?\s*(?:!\s*important\s*)?(?=;|$)", re.I)
_OFFSCREEN = lazy_regex(
    r"(?:^|;)\s*(?:left|top|right|margin-left|margin-top|text-indent)\s*:\s*"
    r"-\d{3,}(?:\.\d+)?(?:px|em|rem|vw|%)",
    re.I,
)
ZERO_FONT = "font-size:0"
# zero in any unit, not a size under one (`font-size: 0.9375rem` is 15 pixels)
_ZERO_FONT = lazy_regex(r"(?:^|;)\s*font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?"
                        + DECLARATION_END, re.I)
_COLLAPSED = lazy_regex(r"(?:^|;)\s*(?:height|width|max-height)\s*:\s*[01](?:px)?"
                        + DECLARATION_END, re.I)
_OVERFLOW_HIDDEN = lazy_regex(r"overflow\s*:\s*hidden", re.I)

# Every style `hiding` reads as hiding holds one of these, case ignored as it ignores it:
# a style holding none (most set a colour or a margin) cannot hide its element.
_MAY_HIDE = lazy_regex(r"none|hidden|opacity|font-size|-\d{3}", re.I)
_PAGE_ROOTS = frozenset({"html", "body"})  # a style hiding either is shown by a script
# The frameworks' and themes' hiding classes, whole tokens (lowered); a token holding
# `visually-hidden` or `sr-only` is one too (`visually-hidden-focusable`, `sr-only-md`)
HIDING_CLASSES = frozenset({"hidden", "hide", "is-hidden", "d-none", "visually-hidden",
                            "visuallyhidden", "sr-only", "screen-reader-text",
                            "screen-reader-only", "offscreen"})
# Every hiding class holds one of "hid", "sr-only", "d-none", "screen-reader" and
# "offscreen": a class attribute holding none is not split (tested one `in` after
# another, written out: `any()` over a tuple of them cost three times as much, and the
# editorial count asks it of every element with a class)


def may_hide(attribute: str) -> bool:
    """Whether an attribute (a value knowing its `.attrname`) may make `inline_hiding` say
    its element is hidden: a style holding none of what hides cannot."""
    return getattr(attribute, "attrname", None) != "style" or bool(_MAY_HIDE.search(attribute))


def inline_hiding(el: etree._Element) -> str | None:
    """How an element's `hidden` attribute or inline style hides it, if they do: what the
    injection findings read (injected markup carries its own hiding; a theme hides its
    menus and modals through classes and its stylesheet, which are no injection)."""
    if el.get("hidden") is not None:
        return "hidden attribute"
    style = el.get("style")
    return style_hiding(style) if style and _MAY_HIDE.search(style) else None


def style_hiding(style: str) -> str | None:
    """How a style's declarations hide what they apply to, if they do: one reading for an
    inline style and a stylesheet rule's body alike."""
    if _DISPLAY_NONE.search(style):
        return "display:none"
    if _INVISIBLE.search(style):
        return "visibility:hidden/opacity:0"
    if _OFFSCREEN.search(style):
        return "positioned off-screen"
    if _COLLAPSED.search(style) and _OVERFLOW_HIDDEN.search(style):
        return "collapsed to 0 with overflow:hidden"
    if _ZERO_FONT.search(style):
        return ZERO_FONT
    return None


def hiding(el: etree._Element) -> str | None:
    """How an element's own attributes, inline style or hiding classes keep it out of a
    reader's sight, if they do: what the editorial text and the links shown leave out.
    The page's `<html>` and `<body>` hide nothing by their inline style: a theme's fade-in
    (`<body style="opacity:0">` until its script shows it) and Adobe Target's anti-flicker
    hide the whole page for a moment, and read as hidden they left a page no text."""
    inline = inline_hiding(el)
    if inline is not None:
        if inline != "hidden attribute" and el.tag in _PAGE_ROOTS:
            return None
        return inline
    return _marked_hidden(el)


def text_hiding(el: etree._Element) -> str | None:
    """How an element keeps its text out of a reader's sight, as the editorial-text count
    reads it: as `hiding`, but for an inline opacity of 0 and a zero font size. A page's
    fade-in sets the one inline and its scripts take it off as the page loads (Webflow's
    interactions on an article, anti-flicker code on `<body>`: a copy saved before they ran
    holds it); the other is the inline-block gap fix on a row whose children set their own
    size (as the link-farm finding reads it: a zero font over no other size hides). Read as
    hidden, a faded-in article or a row holding one had no editorial text.

    >>> from lxml.html import fragment_fromstring as f
    >>> text_hiding(f('<div style="opacity:0;transform:translateY(40px)">Story</div>'))
    >>> text_hiding(f('<div style="font-size:0"><p style="font-size:16px">Story</p></div>'))
    >>> text_hiding(f('<div style="opacity:0;position:absolute;left:-9999px">x</div>'))
    'positioned off-screen'
    >>> text_hiding(f('<div style="font-size:0">casino bonus</div>'))
    'font-size:0'
    """
    if el.get("hidden") is None and el.get("style") is None:
        # most elements: `hiding` is `_marked_hidden` (no attribute or style of its own
        # hides them), asked here without the calls between (the count asks every element)
        return _marked_hidden(el)
    reason = hiding(el)
    if reason != ZERO_FONT and reason != "visibility:hidden/opacity:0":
        return reason
    style = _FADED.sub(";", el.get("style") or "")
    if any("font-size" in (d.get("style") or "") for d in el.iterdescendants()):
        style = _ZERO_FONT.sub(";", style)  # the row's columns set their own size
    return (style_hiding(style) if _MAY_HIDE.search(style) else None) or _marked_hidden(el)


def _marked_hidden(el: etree._Element) -> str | None:
    """How `aria-hidden` or a hiding class keeps an element out of sight, if they do."""
    if el.get("aria-hidden") == "true":
        return "aria-hidden"
    classes = el.get("class")
    if not classes:
        return None
    low = classes.lower()
    if not ("hid" in low or "sr-only" in low or "d-none" in low or "screen-reader" in low
            or "offscreen" in low):
        return None  # most class attributes: not split
    tokens = low.split()
    hider = next((t for t in tokens if t in HIDING_CLASSES or "visually-hidden" in t
                  or "sr-only" in t), None)
    return None if hider is None else f"class {hider}"


# the page's own sheets: comments out, braces read for top-level rules; a selector that is
# one class or id (`.xq7k`, `div#a1`); the class and id names any selector holds
_CSS_COMMENT = lazy_regex(r"/\*.*?\*/", re.S)
_NAME = r"[.#]-?(?:[_a-zA-Z]|\\.)(?:[\w-]|\\.){0,99}"  # `\:` as Tailwind's `.md\:block`
_NAMES = lazy_regex(_NAME)
_PLAIN_NAMES = lazy_regex(r"[.#]-?[_a-zA-Z][\w-]{0,99}")  # no escape: twice as quick
_ONE_NAME = lazy_regex(r"\s*(?:[a-zA-Z][\w-]{0,20})?" + _NAME + r"\s*")  # `.a`, `div#b`
SHEET_MEDIA = frozenset({"", "all", "screen"})
MAX_SHEETS = 512 * 1024  # characters of the page's `<style>` sheets read for hiding rules


# A framework's hiding utilities (Tailwind's `.hidden` and `.invisible`, Bootstrap's
# `.d-none`, Foundation's `.hide`, Bulma's `.is-hidden`): the classes a theme's script
# toggles (`classList.toggle('hidden')`, from its bundle as often as not), one rule each in
# an inlined sheet (critical CSS, WP Rocket's used CSS); a kit's rule hides a name of its own
TOGGLED_CLASSES = HIDING_CLASSES | {"invisible"}


def page_sheets(styles: Iterable[etree._Element]) -> list[str]:
    """The texts of the page's own `<style>` sheets that apply on screen: not one for
    print, nor one in a `<noscript>`."""
    return [el.text or "" for el in styles
            if (el.get("media") or "").strip().lower() in SHEET_MEDIA
            and noscript_holding(el) is None]


def sheet_hider(el: etree._Element, hides: Collection[str], named: Collection[str]
                ) -> str | None:
    """The class or id of `el` (`.name`, `#name`) the page's sheets hide (`hides`, the
    names `sheet_hiding` gives), unless another name of it is one a rule names (`named`:
    `hidden md:block`, `d-none d-md-block` are shown where that rule applies, which this
    reading cannot tell)."""
    own = [f".{c}" for c in (el.get("class") or "").split()]
    own += [f"#{el.get('id')}"] if el.get("id") else []
    hider = next((n for n in own if n in hides), None)
    if hider is None or any(n != hider and n in named for n in own):
        return None
    return hider


def sheet_hiding(sheets: Iterable[str], ignored: frozenset[str] = frozenset()
                 ) -> tuple[dict[str, str], frozenset[str]]:
    """The classes (`.xq7k`) and ids (`#a1`) the page's own sheets hide for good, and how:
    one top-level rule whose whole selector is that name hides it, and no other selector
    names it (a theme shows its hidden menu again by another rule: `.open
    .sub-menu`, a media query; a script may add an inline style, which `_in_widget` reads
    the opener of); and every name the sheets' selectors hold. Names in `ignored` (lower
    case, no `.`: a framework's hiding classes a script toggles) are none. Rules are read
    by splitting at each closing brace (a brace-by-brace walk, or a pattern tried at each
    `.` and `#`, took 20 to 50 ms on a theme's 600 KB of inline CSS); only the rules
    holding a hiding declaration are read one by one (`_sheet_hides`), and the
    selectors' names are counted only where a rule hides one.

    >>> sheet_hiding([".xq7k{display:none} .menu{display:none} .open .menu{display:block}"]
    ...              )[0]
    {'.xq7k': 'display:none'}
    """
    hides: dict[str, str] = {}
    rules: list[list[str]] = []  # each sheet's rules, up to their closing brace
    read = 0
    for sheet in sheets:
        sheet = _CSS_COMMENT.sub("", sheet[: MAX_SHEETS - read])
        read += len(sheet)
        rules.append(sheet.split("}")[:-1])
        hides.update(_sheet_hides(sheet, rules[-1], ignored))
        if read >= MAX_SHEETS:
            break
    if not hides:
        return {}, frozenset()
    named = Counter(_selector_names(chain.from_iterable(rules)))
    return ({name: reason for name, reason in hides.items() if named[name] == 1},
            frozenset(named))


# What a rule's body holds when `style_hiding` reads it as hiding, found in the sheet
# lowered (`_case_blind`): a declaration of each of its patterns (`display:none`,
# `visibility:hidden` or `opacity:0`, collapsed with `overflow:hidden`, a zero font),
# each led by its word for a quick search, and an offset of three digits
_HIDING_DECLARATIONS = tuple(lazy_regex(p) for p in (
    r"display\s*:\s*none", r"visibility\s*:\s*hidden", r"opacity\s*:\s*0",
    r"overflow\s*:\s*hidden", r"font-size\s*:\s*0"))
_OFFSET = lazy_regex(r"-\d{3}")
# the letters the case-blind patterns (re.I) match to an ASCII one, which lowering leaves
# as they are: a dotless ı and a dotted İ (`i`), a long ſ (`s`), the Kelvin sign (`k`)
_FOLDED = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLDS = str.maketrans(_FOLDED)


def _case_blind(text: str) -> str:
    """`text` lowered (`aligned_lower`, its offsets still `text`'s) as the case-blind
    patterns read it: a word they match, "DISPLAY:NONE" or "viſibility:hidden", reads as
    the lower-case literal there."""
    low = aligned_lower(text)
    return low.translate(_FOLDS) if any(c in low for c in _FOLDED) else low


def _sheet_hides(sheet: str, rules: list[str], ignored: frozenset[str]) -> dict[str, str]:
    """The names one sheet's top-level rules hide, in order. Only a rule holding one of
    `_HIDING_DECLARATIONS` or an `_OFFSET` is read (a few in a hundred; reading each
    rule in Python was the cost); a rule's depth, the braces opened before it less those
    closed, is summed over the sheet at C speed, a stray `}` at the top level closing
    nothing (the depth never below 0: the sum less its lowest point so far)."""
    low = _case_blind(sheet)
    marks = [m.start() for m in _OFFSET.finditer(sheet)]
    for declaration in _HIDING_DECLARATIONS:
        marks += [m.start() for m in declaration.finditer(low)]
    if not marks or not rules:
        return {}
    closes = list(accumulate(map((1).__add__, map(len, rules))))  # each `}`'s offset + 1
    opens = list(map(str.count, rules, repeat("{")))
    sums = list(accumulate(map((-1).__add__, opens)))
    lowest = list(accumulate(sums, min)) if min(sums) < 0 else None  # most have no stray `}`
    hides: dict[str, str] = {}
    for k in sorted({bisect_right(closes, at + 1) for at in marks}):
        if k >= len(rules):
            break  # after the last closing brace: no rule
        depth = 0 if not k else sums[k - 1] - min(0, lowest[k - 1]) if lowest else sums[k - 1]
        if depth + opens[k] != 1:
            continue
        prelude, _, body = rules[k].rpartition("{")
        selectors = prelude[max(prelude.rfind("{"), prelude.rfind(";")) + 1 :]
        if ("." in selectors or "#" in selectors) and _ONE_NAME.fullmatch(selectors) \
                and _MAY_HIDE.search(body) \
                and (reason := style_hiding(body.strip())) \
                and (name := _names_in(selectors)[0])[1:].lower() not in ignored:
            hides[name] = reason
    return hides


def _selector_names(rules: Iterable[str]) -> list[str]:
    """The class and id names of every rule's selectors (its text before its last `{`,
    after the `{` or `;` before that), one findall over them run together."""
    preludes = map(itemgetter(0), map(str.rpartition, rules, repeat("{")))
    inner = map(itemgetter(2), map(str.rpartition, preludes, repeat("{")))
    selectors = [s for s in map(itemgetter(2), map(str.rpartition, inner, repeat(";")))
                 if "." in s or "#" in s]
    plain = [s for s in selectors if "\\" not in s]
    names = _PLAIN_NAMES.findall("\n".join(plain))
    for escaped in (s for s in selectors if "\\" in s) if len(plain) < len(selectors) else ():
        names += _names_in(escaped)
    return names


def _names_in(selectors: str) -> list[str]:
    """The class and id names a selector list holds, `\\:` escapes read (`.md\\:block`)."""
    return ([n.replace("\\", "") for n in _NAMES.findall(selectors)] if "\\" in selectors
            else _PLAIN_NAMES.findall(selectors))


# An element's size as its markup declares it: the one reader of a width and a height in
# attributes and inline styles (a slot's, read on it and its wrappers by `unit_size`; an
# icon's area; a one-pixel element, hidden from sight whatever its style says). A
# declaration opens the style or follows a `;` (`max-width` and `line-height` are none)
# and ends its value (`50%` and `3em` are no pixels); the `;` that ends it is left for
# the next one to open with (`width:1px;height:1px`).
_STYLE_SIZE = lazy_regex(r"(?:^|;)\s*(width|height)\s*:\s*(\d+(?:\.\d+)?)\s*(?:px)?"
                         r"(?=" + DECLARATION_END + ")", re.I)
# a relative unit after the number (`100%`, `100vw`, `2em`) declares no pixels; `px` does
_LEADING_INT = lazy_regex(r"\s*(\d+)(?:\.\d*)?(?!\d|\s*(?:%|(?!px)[a-z]))", re.I)


def pixels(value: str | None) -> int | None:
    """An attribute's size in pixels: its leading integer (`300`, `300px`), else None (a
    relative size: `100%` fills the box an element is in, a player's or an overlay's, no
    banner's size; `100vw`).

    >>> [pixels(v) for v in ("300", " 250px ", "100%", "90x", "2em")]
    [300, 250, None, None, None]
    """
    match = _LEADING_INT.match(value or "")
    return int(match.group(1)) if match else None


def style_size(style: str) -> tuple[int | None, int | None]:
    """The width and height an inline style declares, each its first declaration.

    >>> style_size("border:0;width:130px;height:90px"), style_size("max-width:9px;height:0")
    ((130, 90), (None, 0))
    """
    width = height = None
    for prop, value in _STYLE_SIZE.findall(style):
        if prop.lower() == "width" and width is None:
            width = int(float(value))
        elif prop.lower() == "height" and height is None:
            height = int(float(value))
    return width, height


def declared_size(el: etree._Element) -> tuple[int | None, int | None]:
    """An element's own width and height, each from its attribute, else its inline style."""
    width, height = pixels(el.get("width")), pixels(el.get("height"))
    if width is None or height is None:
        in_style = style_size(el.get("style") or "")
        width = in_style[0] if width is None else width
        height = in_style[1] if height is None else height
    return width, height


# How far up a slot's declared size may come from (`unit_size`): the slot's wrapper, its
# wrapper's wrapper. Further up is page layout, not the ad.
UNIT_SIZE_WRAPPERS = 2


def unit_size(el: etree._Element) -> tuple[int | None, int | None]:
    """The width and height an ad unit's markup declares: its attributes
    (`unit_attribute_size`), else the inline style of the nearest of it and its
    `UNIT_SIZE_WRAPPERS` wrappers that declares a size (scraper kits size the wrapper div,
    not the ad tag). Both come from that one element: a width further up belongs to the
    page layout, not the ad. Not `declared_size`, which reads the element alone and each
    side apart: a slot's size is its box's, an element's own (a pixel, an icon) its own."""
    width, height = unit_attribute_size(el)
    if width or height:
        return width, height
    node: etree._Element | None = el
    for _ in range(UNIT_SIZE_WRAPPERS + 1):
        if node is None or str(node.tag).lower() in ("body", "html"):
            break
        size = style_size(node.get("style") or "")
        if size != (None, None):
            return size
        node = node.getparent()
    return None, None


def unit_attribute_size(el: etree._Element) -> tuple[int | None, int | None]:
    """The size an ad unit's attributes declare, its `data-` ones first (an ad tag's
    `data-width`, which its server's script reads, before the box's own `width`)."""
    return (pixels(el.get("data-width")) or pixels(el.get("width")),
            pixels(el.get("data-height")) or pixels(el.get("height")))


HIDING_WRAPPERS = 3  # how far up a wrapper whose inline style hides a frame may be


def tiny_element(el: etree._Element, *, attributes_only: bool = False) -> bool:
    """Declared zero or one pixel wide and high: a beacon or a hidden frame, nothing a
    visitor sees (provenance reads it too: a counter pixel is no image of the article).

    `attributes_only`: both sides declared in the element's own `width` and `height`, each
    one pixel or less, and nothing else: how `slots` tells an ad server's impression pixel
    (`<img width="1" height="1">`, a tag's `<noscript>` beacon) from a unit a catalogue slot
    rule selected. There a style's size or one zero side is the unit's own state (collapsed
    until its server fills it, sized by the page's sheet), not a beacon's mark, so the
    narrower reading keeps the unit."""
    if attributes_only:
        width, height = pixels(el.get("width")), pixels(el.get("height"))
        return width is not None and height is not None and width <= 1 and height <= 1
    return _tiny(declared_size(el))


def styled_tiny(el: etree._Element) -> bool:
    """Drawn at zero or one pixel by its inline style, whatever its attributes declare:
    the style is what a browser sizes an element by (`<iframe width="300" height="250"
    style="width:0;height:0">`, a banner's size on a frame no one sees)."""
    return _tiny(style_size(el.get("style") or ""))


def _tiny(size: tuple[int | None, int | None]) -> bool:
    """Zero wide or high, or one pixel or less both ways."""
    width, height = size
    return (width is not None and height is not None and width <= 1 and height <= 1) \
        or width == 0 or height == 0


# An inline script hiding an element by its id: `document.getElementById('x')` (or
# `querySelector('#x')`, jQuery's `$('#x')`) and what is done to it next, a hiding
# (`.style.display = 'none'`, `.style.visibility = 'hidden'`, `.hide()`, `.css('display',
# 'none')`) or a showing (any other display, `visible`, `.show()`, `.toggle()`, a fade or
# slide, a class or style swap, or a lookup kept in a name to be used later): a block hidden
# for good is one no code of the page shows.
# each form of the lookup sought by its own literal (`branch_matches`): as one regex's
# branches `re` tried them at each `g`, `q`, `$` and `j` of a script; group 2 the id
_BY_ID = (
    lazy_regex(r"""getElementById\(\s*(['"])([\w:.-]{1,100})\1\s*\)"""),
    lazy_regex(r"""querySelector\(\s*(['"])#([\w-]{1,100})\1\s*\)"""),
    lazy_regex(r"""\$\(\s*(['"])#([\w-]{1,100})\1\s*\)"""),
    lazy_regex(r"""jQuery\(\s*(['"])#([\w-]{1,100})\1\s*\)"""),
)
_SCRIPT_HIDES = (
    (lazy_regex(r"""\s*\.\s*style\s*\.\s*display\s*=\s*(['"])\s*none\s*\1"""
                r"""|\s*\.\s*style\s*\.\s*setProperty\(\s*(['"])display\2\s*,\s*(['"])none\3"""
                r"""|\s*\.\s*hide\(\s*\)"""
                r"""|\s*\.\s*css\(\s*(['"])display\4\s*,\s*(['"])none\5"""), "display:none"),
    (lazy_regex(r"""\s*\.\s*style\s*\.\s*visibility\s*=\s*(['"])hidden\1"""
                r"""|\s*\.\s*css\(\s*(['"])visibility\2\s*,\s*(['"])hidden\3"""),
     "visibility:hidden/opacity:0"),
)
# what a lookup may be followed by and do nothing to the element: a test that it is there
_LOOKUP_TESTED = lazy_regex(r"\s*(?:[!=]==?\s*(?:null|undefined)\b|\)|&&|\|\|)")
SCRIPT_HIDES_SCAN = 64  # characters after the element's lookup read for what is done to it


# A function body a script leaves for later: a handler of an event (a click, a key; not
# the page's load), a timer's, or a named function no script calls (its caller a handler
# attribute, `onclick="closeBar()"`), or a block a stored choice opens: a hide in it is a
# visitor's dismissal of a block shown at load, not a block hidden for good.
_FUNCTION_OPENS = (r"""(?:async\s+)?(?:function\b\s*[\w$]{0,60}\s*\([^()]{0,200}\)"""
                   r"""|\([^()]{0,200}\)\s*=>|[\w$]{1,40}\s*=>)\s*\{""")
_DEFERRED_BODY = lazy_regex(
    r"""(?:addEventListener\(\s*(['"])(?!(?:DOMContentLoaded|load)['"])[\w:.-]{1,40}\1\s*,"""
    r"""|\.(?:on|one|bind|live|delegate)\(\s*(['"])(?!(?:ready|load)['"])[^'"]{1,80}\2\s*,"""
    r"""(?:\s*(['"])[^'"]{0,200}\3\s*,)?"""
    r"""|\.(?:click|dblclick|submit|change|hover|focus|blur|key(?:up|down|press)"""
    r"""|mouse(?:enter|leave|over|out|down|up)|scroll|resize|toggle)\("""
    r"""|\.on(?!load\b|readystatechange\b)[a-z]{2,30}\s*="""
    r"""|\b(?:setTimeout|setInterval|requestAnimationFrame|requestIdleCallback)\()\s*"""
    + _FUNCTION_OPENS
    # or a block run for a returning visitor alone: one a stored choice opens (a banner
    # closed before, `if(localStorage.getItem('closed'))`)
    + r"""|\bif\s*\([^{};]{0,200}?(?:localStorage|sessionStorage|cookie|Cookies\.get)"""
      r"""[^{};]{0,200}\)\s*\{""")
_NAMED_FUNCTION = lazy_regex(r"""\bfunction\s+([\w$]{1,60})\s*\([^()]{0,200}\)\s*\{""")
# what a brace count skips: strings, template literals and comments (each unclosed one
# runs to its line's or the code's end, so none is scanned twice)
_BRACE_TOKEN = lazy_regex(r"""'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?|`(?:[^`\\]|\\.)*`?"""
                          r"""|//[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/)?|[{}]""")


def _braces(code: str) -> dict[int, int]:
    """Each `{` of the code's own (not a string's or a comment's) and its `}`, or the
    code's end where it is left open: one pass."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for token in _BRACE_TOKEN.finditer(code):
        if token.group() == "{":
            opened.append(token.start())
        elif token.group() == "}" and opened:
            pairs[opened.pop()] = token.start()
    pairs.update((at, len(code)) for at in opened)
    return pairs


# a call `name(`, read in the code reversed, led by its `(` (which `re` skips ahead to):
# the name, reversed, its spaces, then no name character or `.` before it. Read forward,
# `(?<![\w$.])([\w$]{1,60})\s*\(` was tried at each character of every script.
_CALLED_REVERSED = lazy_regex(r"\(\s*([\w$]{1,60})(?![\w$.])")


def _uncalled_functions(codes: Iterable[str]) -> frozenset[str]:
    """The names of the functions the code declares and never calls (a name's every
    `name(` its declaration's): one pass of each.

    >>> sorted(_uncalled_functions(["function a(){b()} function b(){} function c(){}"]))
    ['a', 'c']
    """
    calls: Counter[str] = Counter()  # by the name reversed
    declared: Counter[str] = Counter()
    for code in codes:
        calls.update(_CALLED_REVERSED.findall(code[::-1]))
        declared.update(m.group(1) for m in finditer(_NAMED_FUNCTION, code))  # past `\b`
    return frozenset(name for name, count in declared.items() if calls[name[::-1]] <= count)


def _deferred_bodies(code: str, uncalled: Collection[str]) -> tuple[list[int], list[int]]:
    """The spans of the code's function bodies run later than its load (`_DEFERRED_BODY`)
    and of its named functions no code of the page calls (`uncalled`), as their union's
    starts and ends in order (one nests in another or stands apart: `_in_spans` bisects)."""
    heads = [m.end() - 1 for m in _DEFERRED_BODY.finditer(code)]
    heads += [m.end() - 1 for m in finditer(_NAMED_FUNCTION, code) if m.group(1) in uncalled]
    starts: list[int] = []
    ends: list[int] = []
    if not heads:
        return starts, ends
    pairs = _braces(code)
    for at in sorted(at for at in heads if at in pairs):
        if ends and at < ends[-1]:
            ends[-1] = max(ends[-1], pairs[at])  # inside the last: nested
        else:
            starts.append(at)
            ends.append(pairs[at])
    return starts, ends


def _in_spans(spans: tuple[list[int], list[int]], at: int) -> bool:
    """Whether `at` falls inside one of the ordered, disjoint spans (`_deferred_bodies`)."""
    starts, ends = spans
    index = bisect_right(starts, at) - 1
    return index >= 0 and starts[index] < at < ends[index]


def script_hidden_ids(hiders: Iterable[str], showers: Iterable[str] = ()) -> dict[str, str]:
    """The ids inline scripts (`hiders`: the page's `<script>` code) hide for good, and
    how: a script hides the element by its id and no code of the page (`hiders` and
    `showers`, its event handlers) looks it up for anything else than hiding it or testing
    that it is there (a show, a class swap, a name kept for later: the W3Schools modal's
    `var modal = document.getElementById('myModal')`). A nulled theme's
    SEO kit prints its links in `<div id='hideMe'>` and, after it, a script setting that
    id's display to none; a theme's modal or menu hidden by its script is shown by it too.
    A hide in a body run after the load (`_deferred_bodies`: a handler's, a timer's, a
    function no script calls, a block a stored choice opens) is a visitor's dismissal of
    a block shown at load, no hiding for good.
    Each script is read once, at each id lookup (`_BY_ID`, led by its literal).

    >>> script_hidden_ids(["document.getElementById('k').style.display='none';"
    ...                    "$('#m').hide(); $('#m').fadeIn();"])
    {'k': 'display:none'}
    """
    hidden: dict[str, str] = {}
    shown: set[str] = set()
    hiders = list(hiders)
    uncalled: frozenset[str] | None = None
    for code, hides in chain(zip(hiders, repeat(True)), zip(showers, repeat(False))):
        if "getElementById" not in code and "#" not in code:
            continue
        later: tuple[list[int], list[int]] | None = None  # the bodies run later, once asked
        for found in branch_matches(_BY_ID, code):
            name = found.group(2)
            after = code[found.end(): found.end() + SCRIPT_HIDES_SCAN]
            how = next((how for pattern, how in _SCRIPT_HIDES if pattern.match(after)), None)
            if how is not None:
                if not hides or hidden.get(name) == "display:none":
                    continue
                if later is None:
                    uncalled = _uncalled_functions(hiders) if uncalled is None else uncalled
                    later = _deferred_bodies(code, uncalled)
                if not _in_spans(later, found.start()):
                    hidden[name] = how
            elif not _LOOKUP_TESTED.match(after):
                shown.add(name)  # shown, styled, or kept by a name whose use is not read
    return {name: how for name, how in hidden.items() if name not in shown}


__all__ = ["DECLARATION_END", "HIDING_CLASSES", "HIDING_WRAPPERS", "MAX_SHEETS", "SHEET_MEDIA",
           "TOGGLED_CLASSES", "UNIT_SIZE_WRAPPERS", "ZERO_FONT", "declared_size", "hiding",
           "inline_hiding", "may_hide", "page_sheets", "pixels", "script_hidden_ids",
           "sheet_hider", "sheet_hiding", "style_hiding", "style_size", "styled_tiny",
           "text_hiding", "tiny_element", "unit_attribute_size", "unit_size"]
