"""`dom.hiding`: the one test of whether an element is hidden from a reader, as the
editorial text count, the safelink reading and (inline only) the injection findings ask."""

from __future__ import annotations

import re
from collections import Counter

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.dom.hiding import (
    HIDING_CLASSES,
    MAX_SHEETS,
    declared_size,
    hiding,
    inline_hiding,
    pixels,
    sheet_hiding,
    style_hiding,
    styled_tiny,
    text_hiding,
    tiny_element,
    unit_size,
)
from auditor.dom.page import parse_page
from auditor.metrics import editorial_content, words

# (an element's markup, what `hiding` says, what `inline_hiding` says)
CASES = [
    ('<div hidden>x</div>', "hidden attribute", "hidden attribute"),
    ('<div style="display: none">x</div>', "display:none", "display:none"),
    ('<div style="color:red;visibility:hidden">x</div>', "visibility:hidden/opacity:0",
     "visibility:hidden/opacity:0"),
    ('<div style="opacity:0">x</div>', "visibility:hidden/opacity:0",
     "visibility:hidden/opacity:0"),
    ('<div style="position:absolute;left:-9999px">x</div>', "positioned off-screen",
     "positioned off-screen"),
    ('<div style="height:0;overflow:hidden">x</div>', "collapsed to 0 with overflow:hidden",
     "collapsed to 0 with overflow:hidden"),
    ('<div style="font-size:0">x</div>', "font-size:0", "font-size:0"),
    ('<div style="font-size:0.0em">x</div>', "font-size:0", "font-size:0"),
    # a size under one unit is a size: 0.9375rem is 15 pixels
    ('<div style="font-size: 0.9375rem; line-height: 1.4;">x</div>', None, None),
    ('<div style="font-size:.8em">x</div>', None, None),
    # a declaration naming another property is none
    ('<div style="content-visibility:auto;overflow:hidden">x</div>', None, None),
    ('<div style="--menu-display:none">x</div>', None, None),
    # the frameworks' and themes' hiding classes: read by `hiding` only
    ('<span class="screen-reader-text">x</span>', "class screen-reader-text", None),
    ('<span class="visually-hidden-focusable">x</span>', "class visually-hidden-focusable",
     None),
    ('<div class="alert hide">x</div>', "class hide", None),
    ('<div class="panel is-hidden">x</div>', "class is-hidden", None),
    ('<div class="d-none d-print-block">x</div>', "class d-none", None),
    ('<div class="hidden">x</div>', "class hidden", None),
    # read as on a phone (mobile first): a desktop's rail, shown from `lg` on, is hidden
    ('<div class="col-lg-4 d-none d-lg-block">x</div>', "class d-none", None),
    ('<div class="hidden md:flex">x</div>', "class hidden", None),
    ('<div class="d-block d-lg-none">x</div>', None, None),
    ('<div class="hide-on-mobile">x</div>', None, None),
    ('<div class="hidden-gem">x</div>', None, None),
    # a popup, menu or modal a page's stylesheet keeps closed says so to screen readers
    ('<div class="pum-overlay" aria-hidden="true">x</div>', "aria-hidden", None),
    ('<div aria-hidden="false">x</div>', None, None),
]


@pytest.mark.parametrize(("markup", "shown", "inline"), CASES)
def test_hiding(markup: str, shown: str | None, inline: str | None) -> None:
    el = lxml.html.fragment_fromstring(markup)
    assert (hiding(el), inline_hiding(el)) == (shown, inline)


def test_editorial_text_leaves_out_what_hiding_hides() -> None:
    """The count of editorial text asks `hiding`: a closed newsletter message, an
    off-screen menu, a popup and a desktop-only rail are left out; small print is text."""
    shown = "The winter timetable starts on Monday."
    page = parse_page(
        f"<html><body><article><p>{shown}</p></article>"
        '<div class="col-lg-4 d-none d-lg-block"><p>Popular: Ferry fares rise</p></div>'
        '<div class="success-message hide">Thank you for subscribing to our newsletter.</div>'
        '<div style="margin-top:-190px">Albanian Shqip Amharic Arabic Bengali</div>'
        '<div class="pum-overlay" aria-hidden="true">Subscribe to the mailing list.</div>'
        '<p style="font-size: 0.875rem">Small print.</p></body></html>')
    content = editorial_content(page, set())
    assert content.chars == len(f"{shown} Small print.")


@pytest.mark.parametrize(("markup", "reason"), [
    ('<article style="opacity:0;transform:translate3d(0,40px,0)">x</article>', None),
    ('<main style="opacity: 0 !important">x</main>', None),
    ('<div style="font-size:0"><p style="font-size:16px">x</p></div>', None),
    ('<div style="font-size:0"><p>x</p></div>', "font-size:0"),  # no size set back
    # what else the style or the element says still hides it
    ('<div style="opacity:0;visibility:hidden">x</div>', "visibility:hidden/opacity:0"),
    ('<div style="opacity:0;position:absolute;left:-9999px">x</div>', "positioned off-screen"),
    ('<div class="sr-only" style="opacity:0">x</div>', "class sr-only"),
    ('<div style="font-size:0;height:0;overflow:hidden">x</div>',
     "collapsed to 0 with overflow:hidden"),
    ('<div style="display:none">x</div>', "display:none"),
])
def test_text_hiding_leaves_a_fade_in_and_a_rows_zero_font_shown(
        markup: str, reason: str | None) -> None:
    assert text_hiding(lxml.html.fragment_fromstring(markup)) == reason


def test_a_faded_in_article_and_a_zero_font_row_are_editorial_text() -> None:
    """Webflow's interactions and anti-flicker code set `opacity:0` inline and their
    scripts take it off as the page loads; a row of inline-block columns sets a zero font
    that its columns set back. Read as hidden, such an article had no editorial text (its
    ads' MFA ad-to-content row met on an ordinary page); a block kept shut stays out."""
    story = "The winter timetable starts on Monday."
    page = parse_page(
        f'<html><body><article data-w-id="a1" style="opacity:0"><p>{story}</p></article>'
        f'<div style="font-size:0"><div style="display:inline-block;font-size:16px">'
        f'<p>{story}</p></div></div>'
        '<div style="opacity:0;visibility:hidden">Thank you for subscribing.</div>'
        "</body></html>")
    assert editorial_content(page, set()).chars == len(f"{story} {story}")


@pytest.mark.parametrize("root", [
    '<body style="opacity:0">',  # a theme's fade-in, its script setting opacity 1
    '<body style="opacity: 0; transition: opacity .3s">',
    '<body style="visibility:hidden">',  # a flash-of-unstyled-content guard
])
def test_the_pages_body_hidden_until_its_script_shows_it_keeps_its_text(root: str) -> None:
    """A page whose `<body>` an inline style hides for a moment (a theme's fade-in, Adobe
    Target's anti-flicker) is read as shown: read as hidden, the whole article counted no
    editorial text, so an ad page met the MFA ad-density row on no words."""
    shown = "The winter timetable starts on Monday."
    parsed = parse_page(
        f"<html><head><title>t</title></head>{root}<article><p>{shown}</p></article>"
        '<div style="display:none"><p>Hidden teaser.</p></div>'
        "<script>document.body.style.opacity = 1</script></body></html>")
    body = parsed.root.body
    assert hiding(body) is None
    assert inline_hiding(body) is not None  # what the injection findings read is kept
    assert editorial_content(parsed, set()).chars == len(shown)


@pytest.mark.parametrize(("sheet", "hidden"), [
    # one rule naming one class or id hides it, however its declaration is written
    (".xq7k{display:none}", {".xq7k": "display:none"}),
    ("#a1 { DISPLAY : NONE !important }", {"#a1": "display:none"}),
    ("div.kw{visibility:hidden}", {".kw": "visibility:hidden/opacity:0"}),
    (".kw{position:absolute;left:-9999px}", {".kw": "positioned off-screen"}),
    (".kw{height:0;overflow:hidden}", {".kw": "collapsed to 0 with overflow:hidden"}),
    (".kw{font-size:0}", {".kw": "font-size:0"}),
    # the case-blind patterns read a long s and a dotless i as theirs: the quick search
    # for a hiding declaration must find them too
    (".kw{viſibility:hidden}", {".kw": "visibility:hidden/opacity:0"}),
    (".kw{opacıty:0}", {".kw": "visibility:hidden/opacity:0"}),
    ('.a::before{content:"İ"} .kw{OPACİTY:0}', {".kw": "visibility:hidden/opacity:0"}),
    # inside a media query or a supports block it hides for some screens only: none
    ("@media (max-width:600px){.kw{display:none}}", {}),
    ("@media print{.a{color:red}} .kw{display:none}", {".kw": "display:none"}),
    # a stray closing brace closes nothing: the rule after it is a top-level one
    ("} .kw{display:none}", {".kw": "display:none"}),
    (".a{color:red}}} .kw{display:none}", {".kw": "display:none"}),
    # another selector naming it shows it again; a comment is no rule
    (".kw{display:none} .open .kw{display:block}", {}),
    ("/* .kw{display:none} */ .x{color:red}", {}),
    (".md\\:kw{display:none} .md\\:kw:hover{color:red}", {}),
])
def test_sheet_hiding(sheet: str, hidden: dict[str, str]) -> None:
    assert sheet_hiding([sheet])[0] == hidden


def _rule_by_rule(sheets: list[str]) -> tuple[dict[str, str], frozenset[str]]:
    """`sheet_hiding` read the slow way, every rule in turn: its specification."""
    hides: dict[str, str] = {}
    named: Counter[str] = Counter()
    read = 0
    for sheet in sheets:
        sheet = re.sub(r"/\*.*?\*/", "", sheet[: MAX_SHEETS - read], flags=re.S)
        read += len(sheet)
        depth = 0
        for chunk in sheet.split("}")[:-1]:
            opens = chunk.count("{")
            prelude, _, body = chunk.rpartition("{")
            selectors = prelude[max(prelude.rfind("{"), prelude.rfind(";")) + 1:]
            names = [n.replace("\\", "") for n in re.findall(r"[.#]-?(?:[_a-zA-Z]|\\.)"
                                                             r"(?:[\w-]|\\.){0,99}", selectors)]
            named.update(names)
            if depth + opens == 1 and names and re.fullmatch(
                    r"\s*(?:[a-zA-Z][\w-]{0,20})?[.#]-?(?:[_a-zA-Z]|\\.)(?:[\w-]|\\.){0,99}\s*",
                    selectors) and (reason := style_hiding(body.strip())):
                hides[names[0]] = reason
            depth = max(0, depth + opens - 1)
        if read >= MAX_SHEETS:
            break
    if not hides:
        return {}, frozenset()
    return {n: r for n, r in hides.items() if named[n] == 1}, frozenset(named)


_CSS_PIECES = ["{", "}", "}", ";", " ", "\n", ",", ".a", "#b", ".c", "div", ".md\\:kw", "a",
               "display:none", "DISPLAY : NONE", "visibility:hidden", "viſibility:hidden",
               "opacity:0", "opacıty:0", "OPACİTY:0", "left:-9999px", "text-indent:-1234em",
               "height:0;overflow:hidden", "font-size:0", "FONT-ſIZE:0", "@media screen",
               "color:red", "/*", "*/", "İ", "K", "-١٢٣px"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_CSS_PIECES), max_size=40).map("".join),
                min_size=1, max_size=3))
def test_sheet_hiding_reads_as_rule_by_rule(sheets: list[str]) -> None:
    """Only the rules holding a hiding declaration are read: as if every rule were."""
    assert sheet_hiding(sheets) == _rule_by_rule(sheets)
    assert list(sheet_hiding(sheets)[0]) == list(_rule_by_rule(sheets)[0])


@pytest.mark.parametrize("name", [*sorted(HIDING_CLASSES), "visually-hidden-focusable",
                                  "sr-only-md", "Screen-Reader-Text", "D-NONE"])
def test_every_hiding_class_passes_the_class_prefilter(name: str) -> None:
    """The needles a class attribute must hold before it is split are written out by
    hand: every hiding class, in any case and beside others, still hides."""
    el = lxml.html.fragment_fromstring(f'<div class="col {name} wide">x</div>')
    assert hiding(el) == f"class {name.lower()}"


# elements with neither a `hidden` attribute nor a style: `text_hiding` reads their class
# and `aria-hidden` alone, without asking `hiding` (the editorial count asks every element)
UNSTYLED = [
    '<div class="sr-only-focusable x">x</div>', '<div class="Visually-Hidden">x</div>',
    '<div class="d-none d-lg-block">x</div>', '<div aria-hidden="true">x</div>',
    '<div aria-hidden="false" class="hide">x</div>', '<div class="hideout">x</div>',
    '<div class="menu">x</div>', '<div>x</div>', '<div class="">x</div>',
    '<div class="SCREEN-READER-TEXT">x</div>', '<div class="offscreen-nav">x</div>',
]


@pytest.mark.parametrize("markup", UNSTYLED)
def test_text_hiding_reads_an_unstyled_element_as_hiding_does(markup: str) -> None:
    el = lxml.html.fragment_fromstring(markup)
    assert text_hiding(el) == hiding(el)


@given(st.text(alphabet="ab 肉を、\n\t", max_size=40))
def test_a_word_count_given_the_tokens_is_the_count_alone(text: str) -> None:
    assert words(text, len(text.split())) == words(text)


# (an element, the size its markup declares, whether it is a one-pixel element): the one
# reader of sizes, that `slots` reads a slot's and an icon's by too
SIZES = [
    ('<img width="1" height="1">', (1, 1), True),
    ('<img style="width:1px;height:1px">', (1, 1), True),  # the `;` opens the next one
    ('<img style="border:0;width:130px;height:90px">', (130, 90), False),
    ('<div style="height:0;width:0;overflow:hidden">', (0, 0), True),  # 0 needs no unit
    ('<img width="16" style="height:16px">', (16, 16), False),  # each side its own
    ('<img width="300" style="width:1px;height:250px">', (300, 250), False),
    ('<div style="max-width:1px;line-height:1px;width:50%">', (None, None), False),
    ('<div style="width:3em;height:1px">', (None, 1), False),
]


@pytest.mark.parametrize(("markup", "size", "tiny"), SIZES)
def test_declared_size(markup: str, size: tuple[int | None, int | None], tiny: bool) -> None:
    el = lxml.html.fragment_fromstring(markup)
    assert (declared_size(el), tiny_element(el)) == (size, tiny)


# (a unit inside its wrappers, the size `unit_size` reads for it, the size `declared_size`
# reads for the unit alone): a slot's size is its box's, read up to two wrappers' styles, its
# ad tag's `data-` size first, both sides from one element
UNIT_SIZES = [
    ('<div style="width:300px;height:250px"><div><ins class="adsbygoogle"></ins></div></div>',
     (300, 250), (None, None)),
    ('<div style="width:300px;height:250px"><div><div><ins></ins></div></div></div>',
     (None, None), (None, None)),  # three wrappers up: the page's layout
    ('<div><ins data-width="728" width="1" style="height:90px"></ins></div>',
     (728, None), (1, 90)),
    ('<div style="height:90px"><ins width="728"></ins></div>', (728, None), (728, None)),
]


@pytest.mark.parametrize(("markup", "unit", "own"), UNIT_SIZES)
def test_unit_size_reads_the_box_declared_size_the_element(
        markup: str, unit: tuple[int | None, int | None],
        own: tuple[int | None, int | None]) -> None:
    ins = lxml.html.fragment_fromstring(markup).find(".//ins")
    assert (unit_size(ins), declared_size(ins)) == (unit, own)


# (an image, whether it is tiny, whether its own attributes alone make it a 1x1 beacon): the
# narrower reading `slots` asks of a unit a slot rule selected
BEACONS = [
    ('<img width="1" height="1">', True, True),
    ('<img width="0" height="0">', True, True),
    ('<img style="width:1px;height:1px">', True, False),  # a style: the unit's, not a beacon's
    ('<img width="0">', True, False),  # one zero side: a unit collapsed until filled
    ('<img width="1" height="90">', False, False),
]


@pytest.mark.parametrize(("markup", "tiny", "beacon"), BEACONS)
def test_tiny_element_by_attributes_only(markup: str, tiny: bool, beacon: bool) -> None:
    el = lxml.html.fragment_fromstring(markup)
    assert (tiny_element(el), tiny_element(el, attributes_only=True)) == (tiny, beacon)


# (a frame, whether its inline style draws it at a pixel, whatever its attributes declare)
STYLED = [
    ('<iframe width="300" height="250" style="width:0;height:0">', True),
    ('<iframe width="300" height="250" style="width:1px;height:1px">', True),
    ('<iframe width="1" height="1">', False),  # the attributes are `tiny_element`'s
    ('<iframe width="300" height="250" style="width:300px;height:1px">', False),
    ('<iframe style="width:1px">', False),  # one side said, not zero: unknown
]


@pytest.mark.parametrize(("markup", "tiny"), STYLED)
def test_styled_tiny(markup: str, tiny: bool) -> None:
    assert styled_tiny(lxml.html.fragment_fromstring(markup)) is tiny


# an attribute's value and its pixels: a relative size (`100%`, `2em`) or a number run into
# other letters declares none
PIXELS = [("300", 300), (" 250px ", 250), ("100%", None), ("90x", None), ("2em", None),
          ("", None)]


@pytest.mark.parametrize(("value", "size"), PIXELS)
def test_pixels_are_a_number_alone_or_in_px(value: str, size: int | None) -> None:
    assert pixels(value) == size


# the id lookups as one alternation, as `script_hidden_ids` read them before its forms
# were each led by their literal: the specification of `hiding._BY_ID`
_BY_ID_ALTERNATION = re.compile(
    r"""(?:getElementById\(\s*(['"])([\w:.-]{1,100})\1\s*\)"""
    r"""|querySelector\(\s*(['"])#([\w-]{1,100})\3\s*\)"""
    r"""|(?:\$|jQuery)\(\s*(['"])#([\w-]{1,100})\5\s*\))""")
_LOOKUP_PIECES = ["getElementById(", "querySelector(", "$(", "jQuery(", "'", '"', "#", "a",
                  "m-1", "x:y.z", " ", ")", "(", "$", "jQuery", "getElementById('k')",
                  "$('#m')", 'querySelector("#q")', "jQuery('#j') "]


@given(st.lists(st.sampled_from(_LOOKUP_PIECES), max_size=24))
def test_id_lookups_led_by_their_literals_are_the_alternation_s(pieces: list[str]) -> None:
    from auditor.dom import hiding
    from auditor.rules.literal import branch_matches

    code = "".join(pieces)
    assert [(m.span(), m.group(2)) for m in branch_matches(hiding._BY_ID, code)] == [
        (m.span(), m.group(2) or m.group(4) or m.group(6))
        for m in _BY_ID_ALTERNATION.finditer(code)]


_CALL_PIECES = ["function a(){", "function $b (x){", "}", "a(", "a (", "$b(", "x.a(", "ab(",
                "a\n(", " ", ".", "(", ")", ";", "_", "é(", "function é(){", "a" * 61 + "(",
                "functiona(){", "xfunction a(){", "$function a(){"]


@given(st.lists(st.lists(st.sampled_from(_CALL_PIECES), max_size=12), max_size=3))
def test_uncalled_functions_read_backwards_are_the_forward_reading_s(
        scripts: list[list[str]]) -> None:
    """`_uncalled_functions` reads each call from its `(` in the code reversed, and each
    declaration past its `\\b`; the forward patterns' counts are its specification."""
    from auditor.dom import hiding

    codes = ["".join(pieces) for pieces in scripts]
    calls: Counter[str] = Counter()
    declared: Counter[str] = Counter()
    for code in codes:
        calls.update(m.group(1) for m in re.finditer(r"(?<![\w$.])([\w$]{1,60})\s*\(", code))
        declared.update(m.group(1) for m in hiding._NAMED_FUNCTION.finditer(code))
    assert hiding._uncalled_functions(codes) == frozenset(
        name for name, count in declared.items() if calls[name] <= count)
