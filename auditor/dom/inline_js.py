"""URLs that inline scripts load, read statically (nothing is executed).

Only string literals are read. A literal counts as a request when the script
assigns it to `src`/`href` of something it creates, or its path has a loadable
extension; other URLs in scripts (share links, canonical URLs in config) are not
requests, and counting them would invent third parties. A loader URL built from the
page's scheme is read by `auditor.dom.scheme_urls`; the markup a script writes, here.
"""

from __future__ import annotations

import ast
import base64
import binascii
import html
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import NamedTuple
from urllib.parse import unquote

from lxml import etree

from auditor.dom.js_string import escaped_char, js_unescaped, string_value
from auditor.dom.scheme_urls import joined_urls, protocol_joined_urls, schemed_urls
from auditor.lazy_re import lazy_regex
from auditor.model import RequestType
from auditor.rules.literal import name_before
from auditor.urls import URL_IN_CODE

# a URL literal, or the start of one a script writes as markup, cut where its string is
# joined to a variable: `document.write('<scr'+'ipt src="https://x.test/c.js?id=' + id)`
# (a `src` attribute's: not `data-src`, which loads nothing by itself)
# An address markup writes unquoted (`document.write('<script src=//x.test/a.js></script>')`,
# which Chromium loads) is one too, from its `=` to the space, `>` or quote that ends it.
_URL_LITERAL = lazy_regex(r"""(['"`])(""" + URL_IN_CODE + r""")\1"""
                          r"""|(?:(?<=[\s'"+](?i:src)=)|(?<=[\s'"+](?i:src)=\\))(['"])("""
                          + URL_IN_CODE + r""")['"](?=\s*\+)"""
                          r"""|(?:(?<=[\s'"+/](?i:src)=)|(?<=[\s'"+/](?i:href)=))(""" + URL_IN_CODE
                          + r""")(?=[\s>'"\\])""", re.ASCII)
_SRC_ASSIGN = lazy_regex(
    r"""\.(?:src|href)\s*=\s*$|(?:\bsrc|['"]src['"])\s*:\s*$"""
    r"""|setAttribute\(\s*['"](?:src|href)['"]\s*,\s*$"""
)
# the calls that request the address they are given, by the request type they make:
# `fetch('…')`, `new Request('…')`, `navigator.sendBeacon('…')`, `xhr.open('POST', '…')`
# (or a method in a variable), `new EventSource`, jQuery's and axios's calls, a module's
# `import('…')` / `import … from '…'`, `new Worker('…')`, `importScripts`, `$.getScript`
_REQUEST_CALLS = lazy_regex(
    r"""(?P<xhr>(?:\bfetch\s*|\bnew\s+(?:Request|EventSource)|(?:\$|\bjQuery)\.(?:ajax|get|post|getJSON)"""
    r"""|\baxios(?:\.(?:get|post|put|request))?)\(\s*"""
    r"""|\.open\(\s*(?:['"][A-Za-z]+['"]|[\w$.]+)\s*,\s*)\Z"""
    r"""|(?P<ping>\bsendBeacon\s*\(\s*)\Z"""
    r"""|(?P<script>\bimport\(\s*|\bimport\s*|\bimport\b[^;'"`]*\bfrom\s*"""
    r"""|\bnew\s+(?:Shared)?Worker\(\s*|\bimportScripts\(\s*|(?:\$|\bjQuery)\.getScript\(\s*)\Z""")
# how far back an `import … from '…'` may begin: a module names many imports
_IMPORT_REACH = 1000
# the calls that take their address as an options object's `url` (jQuery's settings,
# axios' config): `$.ajax({type: 'POST', url: '…', data: {…}})`. The object is the call's
# first argument and `url` one of its own keys, after keys whose values are literals or
# objects of one level (`data: {uid: 1}`); what a deeper or computed value hides is left
_OPTIONS_CALL = r"""(?:(?:\$|\bjQuery)\.(?:ajax|get|post|getJSON)|\baxios(?:\.request)?)\(\s*\{"""
_OPTIONS_VALUE = r"""(?:[^{}'"`]|\{[^{}]*\}|'[^'\n]*'|"[^"\n]*")*?"""
_OPTIONS_URL = lazy_regex(_OPTIONS_CALL + _OPTIONS_VALUE + r"""(?<![\w$])['"]?url['"]?\s*:\s*\Z""")
# how far back such a call may open: its settings before the `url`
_OPTIONS_REACH = 400
# a name a URL literal is given once (`const ENDPOINT = 'https://…';`), and the request
# calls that take that name as their address: `fetch(ENDPOINT, {…})`, `xhr.open('POST',
# ENDPOINT)`, `navigator.sendBeacon(ENDPOINT, data)`, `$.ajax({url: ENDPOINT})`: one step
# from the literal to its use, no more (a name given twice, or built, is left)
_NAMED_URL = lazy_regex(r"""\b(?:var|let|const)\s+([\w$]+)\s*=\s*\Z""")
# how far after the literal its name's uses are read: a tracker's snippet names its endpoint
# beside the call (a bounded read, however many names a bundle gives)
_NAMED_REACH = 4000
_REQUEST_WORDS = ("fetch", "ajax", "axios", ".open", "sendBeacon", "jQuery.", "$.", "Request")
_CALL_TYPES = {"xhr": RequestType.XMLHTTPREQUEST, "ping": RequestType.PING,
               "script": RequestType.SCRIPT}
_CALL_ENDS = ("(", ",", "import", "from")  # what the code before such a call's address ends in
# a module's own imports of a relative specifier (`./`, `../`, `/`): a static `import "…"`,
# `import … from "…"` or `export … from "…"` in a module script, a dynamic `import("…")`
# in any; the browser loads each, resolved against the page (an inline module's base).
# A URL is read by `loaded_urls`; a bare specifier (`"react"`) loads only through an
# import map, which names its URL
_RELATIVE_SPECIFIER = r"""(['"`])(\.{0,2}/(?![/\\])[^'"`\s]{0,2000})\1"""
# (led by their word, not by a look-behind: `re` then skips to each `import` or `from` at
# C speed instead of trying every position of every script, 0.2 ms a page; the word must
# not end a longer name, `_name_ends_at`)
_MODULE_IMPORT = lazy_regex(r"""(?:import\s*\(?|from)\s*""" + _RELATIVE_SPECIFIER)
_DYNAMIC_IMPORT = lazy_regex(r"""import\s*\(\s*""" + _RELATIVE_SPECIFIER)
# `location.href = '…'` navigates (a redirect), it does not load a subresource.
_NAVIGATES = lazy_regex(
    r"""\blocation(?:\s*\.\s*href)?\s*=\s*$|\blocation\s*\.\s*(?:replace|assign)\(\s*$"""
)
# `a.href = '…'` (or `a.setAttribute('href', '…')`) and then `a.click()`: the script
# follows the link it made or found, and the page navigates (Chromium 156 went to each,
# a link never put in the document too). The name is the object's, looked up after it.
_HREF_SET = lazy_regex(
    r"""([\w$]+)\s*(?:\.\s*href\s*=|\.\s*setAttribute\(\s*['"]href['"]\s*,)\s*$""")


class LinkClicks:
    """Which links one script clicks and which it gives a new tab or window, its `.click()`
    calls and its targets set read once, by name: a script of many links asked per link, or
    per name, would read all of itself each time (quadratic)."""

    def __init__(self, script: str, *, new_tabs: bool = False) -> None:
        self._script = script
        self._new_tabs = new_tabs
        self.any = "click" in script  # asked first: a script of no click clicks no link
        self._last: dict[str, int] | None = None  # a name's last `.click()`, by its start
        self._targets: tuple[set[str], set[str]] | None = None  # names given a new, own
        self._targeted = False  # the script names a `target` at all, once read

    def clicks(self, name: str, after: int) -> bool:
        """Whether the script calls `name.click()` past `after` (a link it set up before)."""
        if self._last is None:
            self._last = {}
            for start, name_read in _names_before(self._script, _CLICK_CALL, _NAMED_CLICK):
                self._last[name_read] = start
        if self._last.get(name, -1) > after:
            return True
        # at `after` itself `clicks` reads no character before (its slice starts there)
        called = _NAMED_CLICK_AT.match(self._script, after) \
            if self._script.startswith(name, after) else None
        return called is not None and called.group(1) == name

    def opens_new_context(self, name: str) -> bool:
        """Whether the script gives its link `name` a `target` of a new tab or window
        (`a.target = '_blank'`, a share button's): a click of it opens one and leaves the
        page where it is (Chromium blocks it outright when no click of the visitor's led to
        it), loading nothing of the page's. With `new_tabs` (the page's `<base target>`
        opens links in a new tab) one does unless the script gives it a target of the
        page's own (`a.target = '_self'`, `'_top'`, `''`)."""
        if self._targets is None:  # "target" in script asked once too: it reads it all
            self._targeted = "target" in self._script
            self._targets = (
                {found for _, found in _names_before(self._script, _TARGET_ANCHOR,
                                                     _NAMED_NEW_CONTEXT)},
                {found for _, found in _names_before(self._script, _TARGET_ANCHOR,
                                                     _NAMED_OWN_CONTEXT)})
        new, own = self._targets
        if self._new_tabs:
            return not self._targeted or name not in own
        return self._targeted and name in new


def _names_before(script: str, anchor: re.Pattern[str],
                  named: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """(start, name) of each `named` match (a name, `[\\w$]+` standing alone, then the
    `anchor`'s text), found from its `anchor`, which starts with the `.` after the name:
    each look back stops at the name's start, so the walk is linear over a script."""
    for m in anchor.finditer(script):
        at, name = name_before(script, m.start())
        if name and (found := named.match(script, at)) is not None:
            yield at, found.group(1)


# a link's target set (`a.target = '…'`, `setAttribute('target', '…')`), up to its quote
_TARGET_SET = (r"""\s*(?:\.\s*target\s*=|\.\s*setAttribute\(\s*['"]target['"]\s*,)"""
               r"""\s*['"`]""")
# `a.target = '_blank'` (or any name): a target other than the page's own browsing
# context or its parents opens a new one
_NEW_CONTEXT = _TARGET_SET + r"""(?!(?i:_self|_top|_parent)['"`]|['"`])"""
# `a.target = '_self'` (`_top`, `_parent`, or empty): the page's own, over its `<base target>`
_OWN_CONTEXT = _TARGET_SET + r"""(?:(?i:_self|_top|_parent))?['"`]"""
# the same, led by any name (read back from the `.` after it: `_names_before`)
_NAME = r"""(?<![\w$.])([\w$]+)"""
_CLICK = r"\s*\.\s*click\s*\(\s*\)"
_CLICK_CALL = lazy_regex(r"\.\s*click\s*\(\s*\)")
_NAMED_CLICK = lazy_regex(_NAME + _CLICK)
_NAMED_CLICK_AT = lazy_regex(r"([\w$]+)" + _CLICK)  # at a slice's start: no look back
_TARGET_ANCHOR = lazy_regex(_TARGET_SET[len(r"\s*"):])
_NAMED_NEW_CONTEXT = lazy_regex(_NAME + _NEW_CONTEXT)
_NAMED_OWN_CONTEXT = lazy_regex(_NAME + _OWN_CONTEXT)


# the end of one string literal joined to the start of another in the same quotes: the
# two are one, where a URL is split so (a `//` or a `:/` before the join; a join
# anywhere else needs no reading, and one pass over every script cost 0.05 ms a page)
_LITERALS_JOINED = lazy_regex(r"""(['"])\s*\+\s*\1""")
_URL_SPLIT = lazy_regex(r"""//[^'"\s<>]{0,200}['"]\s*\+\s*['"]""")
# or a scheme split from the rest (`'https' + '://…'`, `'htt' + 'ps://…'`)
_SCHEME_SPLIT = lazy_regex(r"""\+\s*['"][A-Za-z]{0,5}:?//""")
# an escape of a character a URL's scheme and host are written in (`\x73`, `\u002F`):
# read as the character before any literal is, so that an escaped host is no blind spot
# (a quote's or a backslash's escape is left: it would end or join a literal)
_URL_CHAR_ESCAPE = lazy_regex(
    r"\\(?:x(2[d-fD-F]|3[0-9aA]|[46][1-9a-fA-F]|[57][0-9aA])"
    r"|u00(2[d-fD-F]|3[0-9aA]|[46][1-9a-fA-F]|[57][0-9aA]))")
# a literal after an object key's `:` (JSON state, a config; not a ternary's branch) is
# data a page's code may use or not, not a request by itself, unless it is code a page's
# scripts load: these types (a `src:` or `"src":` key is an assignment)
_CODE = frozenset({RequestType.SCRIPT, RequestType.STYLESHEET})
_CREATES_SCRIPT = lazy_regex(r"""createElement\(\s*['"]script['"]""")
# an image made (`new Image`, `createElement('img')`): each form its own pattern, sought
# only where its literal is, so that `re` skips ahead on it (as one pattern's branches,
# tried at every `n` and `c` of a script: 4.0 -> 0.9 ms over the corpus's 97 scripts asked)
_NEW_IMAGE = lazy_regex(r"new\s+Image\b")
_CREATES_IMG = lazy_regex(r"""createElement\(\s*['"]img['"]""")
_CREATES_IFRAME = lazy_regex(r"""createElement\(\s*['"]iframe['"]""")

_EXTENSIONS: dict[str, RequestType] = {
    ".js": RequestType.SCRIPT,
    ".mjs": RequestType.SCRIPT,
    ".css": RequestType.STYLESHEET,
    ".gif": RequestType.IMAGE,
    ".png": RequestType.IMAGE,
    ".jpg": RequestType.IMAGE,
    ".jpeg": RequestType.IMAGE,
    ".webp": RequestType.IMAGE,
    ".svg": RequestType.IMAGE,
    ".ico": RequestType.IMAGE,
    ".avif": RequestType.IMAGE,
    ".woff": RequestType.FONT,
    ".woff2": RequestType.FONT,
    ".ttf": RequestType.FONT,
    ".mp4": RequestType.MEDIA,
    ".webm": RequestType.MEDIA,
    ".mp3": RequestType.MEDIA,
    ".html": RequestType.SUBDOCUMENT,
    ".htm": RequestType.SUBDOCUMENT,
}

def is_code_type(script_type: str) -> bool:
    """Whether a script of this `type` runs as code: none, `module`, or a JavaScript type
    (any `…script…`: `text/javascript`, Cloudflare Rocket Loader's `<hash>-text/javascript`,
    WP Rocket's `rocketlazyloadscript`, LiteSpeed's `litespeed/javascript`). Anything else
    is a data block or a template the browser leaves alone (JSON-LD, `text/template`,
    `text/x-jsrender`, a consent manager's inert `text/plain`); an allow-list, since
    templates have no fixed name.

    >>> [is_code_type(t) for t in ("", "module", "cc59762e-text/javascript", "text/template")]
    [True, True, True, False]
    """
    kind = script_type.strip().lower()
    return kind in ("", "module") or "script" in kind


def type_from_extension(url: str) -> RequestType | None:
    """The request type a URL's path extension implies, if any.

    >>> type_from_extension("https://a.magsrv.com/ad-provider.js?x=1")
    <RequestType.SCRIPT: 'script'>
    >>> type_from_extension("https://x.test/page") is None
    True
    """
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    dot = path.rfind(".")
    if dot == -1 or "/" in path[dot:]:
        return None
    return _EXTENSIONS.get(path[dot:])


_LINK_RELS: dict[str, RequestType] = {
    "stylesheet": RequestType.STYLESHEET,
    "icon": RequestType.IMAGE,
    "shortcut": RequestType.IMAGE,
    "apple-touch-icon": RequestType.IMAGE,
    "preconnect": RequestType.OTHER,
    "dns-prefetch": RequestType.OTHER,
    "manifest": RequestType.OTHER,
    "modulepreload": RequestType.SCRIPT,
}
_HINT_RELS = frozenset({"preconnect", "dns-prefetch"})  # they connect; they fetch nothing
_PRELOAD_AS: dict[str, RequestType] = {
    "script": RequestType.SCRIPT,
    "style": RequestType.STYLESHEET,
    "image": RequestType.IMAGE,
    "font": RequestType.FONT,
    "fetch": RequestType.XMLHTTPREQUEST,
    "document": RequestType.SUBDOCUMENT,
    "audio": RequestType.MEDIA,
    "video": RequestType.MEDIA,
    "track": RequestType.OTHER,
}


def link_type(rel: str, as_: str, href: str) -> tuple[RequestType, str] | None:
    """What a `<link>` of this `rel` (and `as`) requests, and the rel that says so; None
    for one that requests nothing (`canonical`, `alternate`).

    >>> link_type("preload", "script", "https://x.test/a"), link_type("alternate", "", "/f")
    ((<RequestType.SCRIPT: 'script'>, 'preload'), None)
    """
    rels = rel.lower().split()
    if "preload" in rels or "prefetch" in rels:
        kind = _PRELOAD_AS.get(as_.lower()) or type_from_extension(href) or RequestType.OTHER
        return kind, "preload" if "preload" in rels else "prefetch"
    # a rel that fetches outranks a connection hint beside it: `rel="dns-prefetch
    # stylesheet"` loads the sheet (read as a hint, it passed every gate clause)
    hint: tuple[RequestType, str] | None = None
    for r in rels:
        named = _LINK_RELS.get(r)
        if named is not None and r not in _HINT_RELS:
            return named, r
        if named is not None and hint is None:
            hint = named, r
    return hint


def _default_type(script: str) -> RequestType:
    """What a script's URL literals load when their extension does not say: images or
    frames when it creates those and no script. The patterns' literals are looked for
    first (`new Image`'s `Image`, `createElement(`), each form sought alone."""
    creates = "createElement(" in script
    image = ("Image" in script and _NEW_IMAGE.search(script) is not None) or (
        creates and _CREATES_IMG.search(script) is not None)
    if image and not (creates and _CREATES_SCRIPT.search(script)):
        return RequestType.IMAGE
    if creates and _CREATES_IFRAME.search(script) and not _CREATES_SCRIPT.search(script):
        return RequestType.SUBDOCUMENT
    return RequestType.SCRIPT


def closing_bracket(text: str, at: int, opening: str, closing: str, limit: int) -> int:
    """The index of the bracket closing the one at `at` (strings skipped), else -1 when
    it closes at or after `limit`."""
    depth, quote, i = 0, "", at
    while i < limit:
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "'\"`":
            quote = c
        elif c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def printable(text: str) -> bool:
    """Whether decoded text reads as text (nine in ten characters printable)."""
    if not text:
        return False
    good = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return good / len(text) >= 0.9


def base64_text(literal: str) -> str | None:
    """What a base64 literal says when it decodes to printable text, else None: the one
    reading of base64 for a script's strings and a URL's parameters alike.

    >>> base64_text("dj0xJmNpZD0yNjM="), base64_text("eyJ6b25lIjoxMn0="), base64_text("ab")
    ('v=1&cid=263', '{"zone":12}', None)
    """
    compact = re.sub(r"\s|\\n", "", literal)
    if len(compact) < 8:
        return None
    try:
        raw = base64.b64decode(compact + "=" * (-len(compact) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    text = raw.decode("utf-8", errors="replace")
    return text if printable(text) else None


# `atob('…')` of a constant joined to a string or a name by `+`: a loader hiding one piece
# of its address (`s.src = host + atob("L2pzL2EuanM=")`); led by the call's name (the
# engine skips ahead to it), its join looked for around it
_ATOB_PIECE = lazy_regex(r"""atob(?<![\w$]atob)\(\s*(['"])([A-Za-z0-9+/]{4,2000}={0,2})\1\s*\)""")
_JOIN_BEFORE = lazy_regex(r"\+\s*\Z")
_WINDOW_BEFORE = lazy_regex(r"(?<![\w$.])window\s*\.\s*\Z")
_JOIN_AFTER = lazy_regex(r"\s*\+")
_URL_PIECE = lazy_regex(r"""[^'"`\s<>\\]+""")  # what a URL literal may hold


def atob_pieces(script: str) -> str:
    """The script with each `atob` of a constant that a `+` joins to the rest replaced by
    the string it decodes to, when that is a piece of a URL (no quote, space or `<`): the
    address `'https://cdn.x.test' + atob('L2pzL2EuanM=')` reads as the literal joined to
    `'/js/a.js'`. Nothing runs; a whole address in `atob` alone is `decode_script`'s
    (its encoding hid the host).

    >>> atob_pieces("s.src = h + atob('L2pzL2EuanM=') + '?v=1'; x = atob('aGVsbG8gd29ybGQ=')")
    "s.src = h + '/js/a.js' + '?v=1'; x = atob('aGVsbG8gd29ybGQ=')"
    """
    if "atob" not in script or "+" not in script:
        return script
    out: list[str] = []
    done = 0
    for m in _ATOB_PIECE.finditer(script):
        called = _WINDOW_BEFORE.search(script, max(0, m.start() - 12), m.start())
        start = called.start() if called else m.start()  # `window.atob(…)` whole
        joined = _JOIN_BEFORE.search(script, max(0, start - 40), start) or _JOIN_AFTER.match(
            script, m.end())
        text = base64_text(m.group(2)) if joined and start >= done else None
        if text is not None and _URL_PIECE.fullmatch(text) and "://" not in text:
            out += [script[done:start], "'", text, "'"]
            done = m.end()
    return "".join(out) + script[done:] if out else script


# a name a script assigns one markup character by its code, to write a tag without quoting
# it (`var V = String.fromCharCode(34); var L = String.fromCharCode(60);`: `"`, `<`, `>`, `'`)
# (sought by its call, led by the literal `String`, and the name read back from there: a
# pattern led by the name was tried at every word of the script)
_CHAR_CODE = lazy_regex(r"""String\s*\.\s*fromCharCode\(\s*(34|39|60|62)\s*\)\s*[;,\n]""")
_NAME_ASSIGNED = lazy_regex(r"""(?<![\w$.])([A-Za-z_$][\w$]{0,30})\s*=\s*$""")
_NAME_READ_BACK = 40  # characters before the call its name and `=` stand in
CHAR_NAMES_READ = 4  # the markup characters: no more names need reading


def char_names_joined(script: str) -> str:
    """The script with each name it assigns a markup character's code (`_CHAR_CODE`)
    read as that character where a `+` joins it to a string literal, so the markup it
    writes reads as written: `L+'iframe src='+V+'http://x.test/f'+V+G` reads
    `'<iframe src="http://x.test/f">'` (a period ad tag's way to write a frame without
    quoting). Nothing runs; a name assigned anything else too is left.

    >>> print(char_names_joined("var V = String.fromCharCode(34); w(' src='+V+'x.js'+V);"))
    var V = String.fromCharCode(34); w(' src="x.js"');
    """
    if "fromCharCode" not in script or "+" not in script:
        return script
    names: dict[str, str] = {}
    for m in _CHAR_CODE.finditer(script):
        if len(names) >= CHAR_NAMES_READ:
            break
        named = _NAME_ASSIGNED.search(script, max(0, m.start() - _NAME_READ_BACK), m.start())
        if named is not None:
            names[named.group(1)] = chr(int(m.group(1)))
    for name, char in names.items():
        if len(re.findall(rf"(?<![\w$.]){re.escape(name)}\s*=(?!=)", script)) != 1:
            continue  # assigned again: no one character
        quoted = re.escape(name)
        for quote in ("'", '"'):
            if char == quote:
                continue  # it would close the literal it joins
            # (no character read holds a `\`: each is a plain replacement)
            script = re.sub(rf"{quote}\s*\+\s*{quoted}\s*\+\s*{quote}", char, script)
            script = re.sub(rf"(?<![\w$.]){quoted}\s*\+\s*{quote}", quote + char, script)
            script = re.sub(rf"{quote}\s*\+\s*{quoted}(?![\w$])", char + quote, script)
    return script


_QUOTES = frozenset("'\"`")
_OPENERS = _QUOTES | {"="}  # and an unquoted attribute's `=`


def url_literals(script: str) -> Iterator[re.Match[str]]:
    """`_URL_LITERAL.finditer(script)`, the pattern tried only where a match can start:
    at a quote just before `//`, `http://` or `https://`. Scripts hold far more quotes
    than `//`, and the pattern was tried at every quote (0.5 ms a corpus page).

    >>> [m.group(2) for m in url_literals("a='x';b=`//cdn.test/y.js`;c='https://a.test'")]
    ['//cdn.test/y.js', 'https://a.test']
    """
    starts: set[int] = set()
    at = script.find("//")
    while at != -1:
        if at >= 1 and script[at - 1] in _OPENERS:
            starts.add(at - 1 if script[at - 1] in _QUOTES else at)
        # (a scheme in any case: `"HTTP://…"`)
        if at >= 6 and script[at - 6] in _OPENERS and script[at - 5:at].lower() == "http:":
            starts.add(at - 6 if script[at - 6] in _QUOTES else at - 5)
        if at >= 7 and script[at - 7] in _OPENERS and script[at - 6:at].lower() == "https:":
            starts.add(at - 7 if script[at - 7] in _QUOTES else at - 6)
        at = script.find("//", at + 1)
    end = 0
    for start in sorted(starts):
        if start >= end and (match := _URL_LITERAL.match(script, start)):
            end = match.end()
            yield match


# Markup a script writes: the tag open where an address stands, read from its `<` (or
# `\x3c`, `\u003c`, `%3C`, as scripts escape it) with the joins scripts split names with
# taken out (`'<scr' + 'ipt'`, `"<sc"+"ript"`, `'<s'+'cript'`); a `>` since closes it.
_TAG_OPEN = lazy_regex(r"<|\\x3c|\\u003c|%3c", re.IGNORECASE)
_TAG_CLOSE = lazy_regex(r">|\\x3e|\\u003e|%3e", re.IGNORECASE)
_TAG_NAME = lazy_regex(r"\s*([a-z][a-z0-9-]*)", re.IGNORECASE)
_WRITTEN_TYPES = {"img": RequestType.IMAGE, "iframe": RequestType.SUBDOCUMENT,
                  "frame": RequestType.SUBDOCUMENT, "script": RequestType.SCRIPT,
                  "embed": RequestType.OBJECT, "audio": RequestType.MEDIA,
                  "video": RequestType.MEDIA, "source": RequestType.MEDIA}
# an address in markup a script writes, an attribute after a space, a quote or a `/` in
# an open tag (not code's `l.href = `): an element's `src` loads, a link's `href`
# (`<a href='//counter.test/click'>`) does not, a `<link>`'s as its `rel` and `as` say;
# in any case, as HTML reads a name (`<IFRAME SRC='…'>`, a period tag's capitals)
_ADDRESS_ATTRS = ("src", "href")
_WRITTEN_ATTR = lazy_regex(r"""(?<=[\s'"+/])(""" + "|".join(_ADDRESS_ATTRS) + r""")=\\?\Z""",
                           re.IGNORECASE)
# what the code before a literal ends in, lowered, where `_WRITTEN_ATTR` can match it:
# asked first
_ATTR_ENDS = tuple(f"{name}={escape}" for name in _ADDRESS_ATTRS for escape in ("", "\\"))
_ATTR_END_CHARS = max(map(len, _ATTR_ENDS))
_LINK_REL = lazy_regex(r"""(?<![\w-])rel\s*=\s*\\?['"]?([^'"\\>]*)""", re.IGNORECASE)
_LINK_AS = lazy_regex(r"""(?<![\w-])as\s*=\s*\\?['"]?([a-z]+)""", re.IGNORECASE)
_QUOTED = lazy_regex(r"""=\s*\\?(?:"[^"]*"|'[^']*')""")  # a quoted value, which may hold a `>`


# a literal join's `+` and the quote after it (`'<scr' + 'ipt'`)
_JOIN_PLUS = lazy_regex(r"""\+\s*+['"]""")


def literal_joins(text: str) -> Iterator[tuple[int, int]]:
    """Where code joins two literals (`'<scr' + 'ipt'`, `"<sc"+"ript"`): the spans `re`
    finds for `['"]\\s*\\+\\s*['"]`, left to right, none overlapping. Sought from the `+`
    and the quote after it, the spaces before it read back to a quote: led by a quote
    (a page's scripts hold 20 for each `+`), the pattern was tried at every quote
    (20 -> 2 ms over the corpus's scripts). Each run of spaces is read back once: linear.

    >>> text = "'<scr' + 'ipt' + x + '>' +\\n '<'"
    >>> [text[a:b] for a, b in literal_joins(text)]
    ["' + '", "' +\\n '"]
    """
    end = at = 0
    while (plus := _JOIN_PLUS.search(text, at)) is not None:
        start = plus.start()
        while start > end and text[start - 1].isspace():
            start -= 1
        if start > end and text[start - 1] in "'\"":
            yield start - 1, plus.end()
            end = at = plus.end()
        else:
            at = plus.start() + 1


def unjoined(text: str) -> str:
    """The text with its literal joins (`literal_joins`) taken out: `'<scr' + 'ipt'` read
    as `'<script'`."""
    pieces, last = [], 0
    for start, end in literal_joins(text):
        pieces.append(text[last:start])
        last = end
    return "".join(pieces) + text[last:] if pieces else text


def _written_tag(script: str, at: int) -> tuple[str, str] | None:
    """The tag the script's markup has open at `at` (its name in lower case, its text so
    far); None when `at` is in no tag (code, text, a closed tag)."""
    start = max(0, at - 200)
    opens = list(_TAG_OPEN.finditer(script, start, at))
    if not opens:
        return None
    inside = unjoined(script[opens[-1].end() : at])
    if _TAG_CLOSE.search(_QUOTED.sub("", inside)):
        return None
    name = _TAG_NAME.match(inside)
    return (name.group(1).lower(), inside) if name else None


def _written_type(script: str, at: int, tag: tuple[str, str] | None,
                  attribute: str) -> RequestType | None:
    """What an address at `at` in the `attribute` of the `tag` the script writes there
    (`_written_tag`) loads, if it loads: an element's `src`, a `<link>`'s `href` as its
    `rel` and `as` say, read to the tag's end (a feed's, a canonical's or a connection
    hint's address loads nothing)."""
    if tag is None:
        return None
    name, text = tag
    if attribute == "src":
        return _WRITTEN_TYPES.get(name)
    if name != "link":
        return None
    after = unjoined(script[at : at + 200])
    close = _TAG_CLOSE.search(_QUOTED.sub(lambda m: " " * len(m.group(0)), after))
    text += after[: close.start() if close else len(after)]
    rel, as_ = _LINK_REL.search(text), _LINK_AS.search(text)
    loads = link_type(rel.group(1), as_.group(1) if as_ else "", "") if rel else None
    return loads[0] if loads is not None and loads[0] is not RequestType.OTHER else None


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted spans, overlapping ones merged: their starts and their ends."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def loaded_urls(script: str, secure: bool = True, *, new_tabs: bool = False,
                whole: bool = True) -> Iterator[tuple[str, RequestType, bool]]:
    """(url, request type, assigned) for each URL literal the script appears to load, and
    each URL it builds from the page's scheme (`schemed_urls`; `secure`: the page is
    served over https), in the order they appear. `new_tabs`: the page's `<base target>`
    opens its links in a new tab, so a link the script makes and clicks with no target of
    its own opens one too.

    `assigned` is True when the literal is assigned to a `src`, is markup's address the
    script writes, or has a loadable extension; an object's value (`{"image":
    "https://…/a.jpg"}`: a page's state, a config's links) is so only when it is code a
    page's scripts load (`.js`, `.css`) or its key is `src`.
    Callers may keep unassigned literals only for known tracker hosts. `whole`: the
    script is all the code there is, so a list of URLs it has no way to load is data
    (`listed_only`); False for a payload decoded out of a script, whose loader is the
    code around it.
    """
    if "\\/" in script:  # JSON's escaped slash (`"https:\/\/x\/a.js"`) is a slash
        script = script.replace("\\/", "/")
    if ("\\x" in script or "\\u" in script) and (escaped := _URL_CHAR_ESCAPE.search(script)):
        at = escaped.start()
        script = script[:at] + _URL_CHAR_ESCAPE.sub(escaped_char, script[at:])
    script = char_names_joined(atob_pieces(script))
    if "+" in script and (":/'" in script or ':/"' in script or _URL_SPLIT.search(script)
                          or _SCHEME_SPLIT.search(script)):
        script = _LITERALS_JOINED.sub("", script)  # `'https://' + 'host.test' + '/a.js'`
    if "//" not in script:
        return  # every URL literal holds one
    built = sorted(schemed_urls(script, secure) + joined_urls(script)
                   + protocol_joined_urls(script))
    starts, ends = _merged([(b.start, b.end) for b in built])
    seen: list[tuple[int, str, bool | None]] = [(b.start, b.url, b.assigned)
                                                 for b in built if b.url]
    written: dict[int, RequestType | None] = {}  # markup's src the script writes, by start
    markup: set[int] = set()  # the starts of addresses in markup it writes (entities read)
    data: set[int] = set()  # the starts of literals that are a data structure's values
    listed: set[int] = set()  # the starts of a list's URLs that nothing of the script loads
    sinkless: bool | None = None  # the script has no way to load (`listed_only`), once read
    links: LinkClicks | None = None  # its links' clicks, read once it sets a link's href
    for match in url_literals(script):
        if starts and (at := bisect_right(starts, match.start()) - 1) >= 0 \
                and match.start() < ends[at]:
            continue  # a branch of a URL built from the scheme
        if match.group(4) is not None:
            written[match.start()] = _written_type(
                script, match.start(), _written_tag(script, match.start()), "src")
            markup.add(match.start())
            seen.append((match.start(), match.group(4), True))
            continue
        before = script[max(0, match.start() - 40) : match.start()]
        unquoted = match.group(5)  # an unquoted attribute's: `before` ends `src=`/`href=`
        attr_end = before[-_ATTR_END_CHARS:].lower()
        attribute = _WRITTEN_ATTR.search(before) if attr_end.endswith(_ATTR_ENDS) else None
        if attribute:
            name = attribute.group(1).lower()
            tag = _written_tag(script, match.start())
            if tag is not None and tag[0] == "a" and name == "href":
                continue  # a link the script writes: followed if clicked, not loaded
            kind = _written_type(script, match.start(), tag, name)
            if kind is not None:  # an element's src, a stylesheet's href
                written[match.start()] = kind
                markup.add(match.start())
                seen.append((match.start(), unquoted or match.group(2), True))
                continue
        if unquoted is not None:
            continue  # no tag the script writes: code's `x=//…` is a comment
        tail = before.rstrip()
        if tail.endswith("from") and "import" not in before:  # its names may run far back
            opened = script.rfind("import", max(0, match.start() - _IMPORT_REACH),
                                  match.start())
            before = script[opened : match.start()] if opened != -1 else before
        call = _REQUEST_CALLS.search(before) if tail.endswith(_CALL_ENDS) else None
        if call:  # a request the call makes, of the call's type
            written[match.start()] = _CALL_TYPES[str(call.lastgroup)]
            seen.append((match.start(), match.group(2), True))
            continue
        if (tail.endswith(":") and "url" in tail[-8:] and _options_url(script, match.start())) \
                or (tail.endswith("=") and _named_request(script, before, match.end())):
            written[match.start()] = RequestType.XMLHTTPREQUEST
            seen.append((match.start(), match.group(2), True))
            continue
        navigates = _NAVIGATES.search(before) if "location" in before else None
        src_set = ("src" in before or "href" in before) and bool(_SRC_ASSIGN.search(before))
        if src_set and not navigates and "href" in before \
                and (link := _HREF_SET.search(before)) and (links := links or LinkClicks(
                    script, new_tabs=new_tabs)).any \
                and links.clicks(link.group(1), match.end()):
            if links.opens_new_context(link.group(1)):
                continue  # a new tab's: neither the page's navigation nor its load
            navigates = link
        if not (navigates or src_set) and tail.endswith(":") and "?" not in before:
            data.add(match.start())  # an object's value (not a ternary's branch)
            if switched_off(script, match.start(), match.end()):
                continue  # a partner's entry a config turns off (`"enabled": false`)
        if whole and not (navigates or src_set) and tail.endswith(("[", ",")):
            if sinkless is None:  # asked once a script: the search reads all of it
                sinkless = not _LOAD_SINK.search(script)
            if sinkless and _in_array(script, match.start()):
                listed.add(match.start())
        seen.append((match.start(), match.group(2), None if navigates else src_set))
    if built:
        seen.sort(key=lambda item: item[0])
    default: RequestType | None = None  # asked of the script once it has a URL literal
    for at, url, assigned in seen:
        if "\\" in url:
            url = _unescaped(url)
        if "&" in url and at in markup:  # `&amp;` in markup is the `&` a browser requests
            url = html.unescape(url)
        if assigned is None:
            yield url, RequestType.DOCUMENT, True
            continue
        named = type_from_extension(url)
        kind = named or written.get(at)
        if kind is None and default is None:
            default = _default_type(script)
        loads = assigned or (kind is not None and at not in listed
                             and (at not in data or named in _CODE))
        yield url, kind or default or RequestType.SCRIPT, loads


# what a script loads with: an element it makes or a src it sets (one it reads, as a
# cleaner comparing the page's scripts with its list does, loads nothing), markup it writes, a
# request call, a loader's call (`$.getScript`, `loadScript`, `require`, `import()`)
# (each branch led by a literal, a word's opening `\b` read after it: `re` skips ahead to
# their first characters, where a branch led by `\b` had it try them all at each one)
_LOAD_SINK = lazy_regex(
    r"createElement|src(?<!\wsrc)\s*(?:=(?!=)|:)|setAttribute|appendChild|insertBefore"
    r"|\.append\b|\.prepend\b|write(?<!\wwrite)(?:ln)?\s*\(|innerHTML|insertAdjacentHTML"
    r"|importScripts|getScript|loadScripts?\b|require(?<!\wrequire)\s*\("
    r"|import(?<!\wimport)\s*\(|fetch(?<!\wfetch)\s*\(|XMLHttpRequest|sendBeacon"
    r"|Image(?<!\wImage)\b|ajax(?<!\wajax)\b|load(?<!\wload)\s*\(|open(?<!\wopen)\s*\("
    r"|location|\$\.get|\$\.post|eval(?<!\weval)\b|Function\s*\(|push(?<!\wpush)\s*\(")
_LIST_REACH = 2000  # characters a list is read back from an element to its `[`


def listed_only(script: str, start: int) -> bool:
    """Whether the literal at `start` is an element of an array literal (`["https://…/x.js",
    …]`) in a script that loads nothing (`_LOAD_SINK`): a cleaner's or a blocker's list of
    addresses it compares against is data, not a load. An array a script hands to a loader,
    or whose entries it sets as a `src`, still loads; so does one a queue receives
    (`push`).

    >>> listed_only('var b=["https://x.test/a.js"];function f(u){return b.indexOf(u)>=0}', 7)
    True
    >>> listed_only('["https://x.test/a.js"].forEach(function(u){var s=document.'
    ...             'createElement("script");s.src=u;document.head.appendChild(s)})', 1)
    False
    """
    return not _LOAD_SINK.search(script) and _in_array(script, start)


def _in_array(script: str, start: int) -> bool:
    """Whether the literal at `start` is an element of an array literal: the nearest
    bracket open around it, within `_LIST_REACH`, is a `[`."""
    depth = 0
    for char in reversed(script[max(0, start - _LIST_REACH) : start]):
        if char in ")]}":
            depth += 1
        elif char in "([{":
            if depth == 0:
                return char == "["
            depth -= 1
    return False


# a config entry's switch turned off: `"enabled": false`, `disabled: !0`, `"active": 0`
_SWITCHED_OFF = lazy_regex(
    r"""["']?(?:enabled|active|enable|activated)["']?\s*:\s*(?:false|!1|0)\b"""
    r"""|["']?disabled["']?\s*:\s*(?:true|!0|1)\b""")
_ENTRY_REACH = 400  # characters an object literal's entry is read around its value


def switched_off(script: str, start: int, end: int) -> bool:
    """Whether the object literal holding the value at `start:end` says it is off: a
    config listing a partner's script it does not run (`"amazon": {"enabled": false,
    "script_url": "//c.amazon-adsystem.com/aax2/amzn_ads.js"}`) names it, loads nothing.
    Read within `_ENTRY_REACH` of the value, between the braces that hold it.

    >>> code = '{"a": {"enabled": false, "src": "//x.test/a.js"}, "b": {"src": "//y.test/b.js"}}'
    >>> switched_off(code, 32, 47), switched_off(code, 63, 78)
    (True, False)
    """
    head = script[max(0, start - _ENTRY_REACH) : start]
    opened = head.rfind("{")
    if opened < 0 or "}" in head[opened:]:
        return False
    tail = script[end : end + _ENTRY_REACH]
    closed = tail.find("}")
    if closed < 0 or "{" in tail[:closed]:
        return False
    return bool(_SWITCHED_OFF.search(head[opened:]) or _SWITCHED_OFF.search(tail[:closed]))


def _options_url(script: str, at: int) -> bool:
    """Whether the literal at `at` is the `url` of an options object a request call takes
    (`_OPTIONS_URL`).

    >>> _options_url("$.ajax({type: 'POST', data: {a: 1}, url: 'https://t.test/c'})", 41)
    True
    >>> _options_url("var share = {url: 'https://t.test/c'}", 18)
    False
    """
    window = script[max(0, at - _OPTIONS_REACH) : at]
    return ("ajax" in window or "axios" in window or ".get" in window or ".post" in window) \
        and _OPTIONS_URL.search(window) is not None


def _named_request(script: str, before: str, end: int) -> bool:
    """Whether the literal ending at `end` is given to a name (`const URL = '…'`) that the
    script's next `_NAMED_REACH` characters hand to a request call as its address, and
    give no other value.

    >>> code = "const E = 'https://t.test/c'; fetch(E, {method: 'POST', body: d});"
    >>> _named_request(code, "const E = ", 28)
    True
    >>> _named_request("var E = 'https://t.test/c'; E = 'https://u.test/'; fetch(E);",
    ...                "var E = ", 26)
    False
    """
    named = _NAMED_URL.search(before)
    rest = script[end : end + _NAMED_REACH]
    if named is None or not any(word in rest for word in _REQUEST_WORDS):
        return False
    name = named.group(1)
    uses: list[int] = []
    for at in _occurrences(rest, name):
        if _ASSIGNED.match(rest, at + len(name)):
            return False  # given another value later: which one a call takes is not read
        if _USED.match(rest, at + len(name)) and (
                _REQUEST_CALLS.search(rest[max(0, at - 40) : at]) or _options_url(rest, at)):
            uses.append(at)
    # a function's parameter or another declaration of the name is another variable (a
    # helper's `function getJSON(url) { return fetch(url) }` beside an IIFE's `var url =
    # 'https://www.instagram.com/…'`): uses past it are not this literal's
    return bool(uses) and not _binds(rest[: uses[0]], name)


_ASSIGNED = lazy_regex(r"\s*=(?![=>])")
_USED = lazy_regex(r"\s*[,)}]")


def _occurrences(code: str, name: str) -> Iterator[int]:
    """Where `name` stands in `code` as a name of its own: no longer name's end, no
    property (`.name`); what follows it is the caller's to read."""
    at = code.find(name)
    while at >= 0:
        if not at or not (code[at - 1].isalnum() or code[at - 1] in "_$."):
            yield at
        at = code.find(name, at + 1)


# where a name is bound as a parameter: a function's (a generator's too), a method's or an
# arrow's parameters, a catch clause's (a declaration is `_DECLARES`'s)
_PARAMETERS = lazy_regex(r"""\bfunction\b[\w$\s*]*\(([^()]*)\)|\(([^()]*)\)\s*=>"""
                         r"""|(?<![\w$.])([\w$]+)\s*=>|\bcatch\s*\(([^()]*)\)"""
                         r"""|(?<![\w$.])(?!(?:if|for|while|switch|with|catch)\b)[\w$]+\s*"""
                         r"""\(([^()]*)\)\s*\{""")


_WORD = lazy_regex(r"[\w$]+")
_DEFAULT = lazy_regex(r"=[^,]*")
_DECLARES = lazy_regex(r"\b(?:var|let|const)\s+([\w$]+)")


def parameters(code: str) -> frozenset[str]:
    """The names `code` binds as parameters (`_PARAMETERS`): each is another function's
    variable wherever it stands. A default's names are read, not bound (`(a = u) => …`
    uses the `u` outside).

    >>> sorted(parameters("try { f() } catch (t) {} function* g(e, n = u) {} o => 1"))
    ['e', 'n', 'o', 't']
    """
    return frozenset(
        name for match in _PARAMETERS.finditer(code)
        for name in _WORD.findall(_DEFAULT.sub("", next(
            group for group in match.groups() if group is not None))))


def _binds(code: str, name: str) -> bool:
    """Whether `code` binds `name` anew: a parameter, or a `var`/`let`/`const` of it (with
    a value or not: the code after a constant's own declaration declaring it again is
    another variable's, where `deobfuscate._bound_once` counts the one declaration).

    >>> _binds("a(); function get(u, cb) { ", "u"), _binds("if (u) { ", "u")
    (True, False)
    """
    return name in parameters(code) or any(m.group(1) == name for m in _DECLARES.finditer(code))


def relative_imports(script: str, module: bool) -> Iterator[str]:
    """The relative specifiers a script imports (`_MODULE_IMPORT`, `_DYNAMIC_IMPORT`;
    static ones only in a module: elsewhere they are a syntax error, and nothing loads).

    >>> list(relative_imports("import './a.js'; import {b} from '/js/b.js'; "
    ...                       "import('../c.js'); Array.from('/d'); import 'react'", True))
    ['./a.js', '/js/b.js', '../c.js']
    >>> list(relative_imports("// import './old.js'\\nh = `pick from '/uploads/'`", True))
    []
    >>> list(relative_imports("input.accept = 'image/*'; import('./up.js')", True))
    ['./up.js']
    >>> list(relative_imports("import {b} from '/js/b.js'; import('/js/c.js')", False))
    ['/js/c.js']
    >>> list(relative_imports("// import('./old.js')\\nhelp = 'use import(\\"/x.js\\") or an "
    ...                       "import from \\"/y.js\\"'; const m = await import('./m.js')", True))
    ['./m.js']
    """
    if "import" not in script and "export" not in script:
        return
    for match in (_MODULE_IMPORT if module else _DYNAMIC_IMPORT).finditer(script):
        if not _name_ends_at(script, match.start()) and _in_code(script, match.start()):
            yield match.group(2)


def _name_ends_at(script: str, at: int) -> bool:
    r"""Whether a longer name or a member access runs into `at` (`reimport(`, `x.from`):
    what `(?<![\w$.])` said, asked only where a match starts. A match so preceded holds no
    other (its specifier's quotes close before any `import` or `from` could open one)."""
    if at == 0:
        return False
    before = script[at - 1]
    return before.isalnum() or before in "_$."


# what may come before an `import` (or an `import`/`export` statement a `from` ends) in
# code: a line's start, a statement's or an expression's, or a keyword that takes an
# expression; anything else (`with import(…)`, `a static import from '…'`) is prose in a
# string
_CODE_ENDS = frozenset(";{}()[],=:?!&|>+-~^<%")
_CODE_WORDS = frozenset({"await", "return", "yield", "void", "typeof", "case", "else", "do",
                         "in", "of"})
_LAST_WORD = lazy_regex(r"[\w$]+\Z")
_COMMENT_REACH = 2000


# an entity-escaped tag's opening (`&lt;script`, `&lt;img`), and a code block's opening or
# close, raw, escaped or in a script's string (`<pre>`, `<code class="language-html">`,
# `&lt;/code&gt;`, `<\/code>`, `\u003c/code`), or in a string in a string (JSON a script
# hands `JSON.parse("…")`, its `<\/code>` escaped again: `<\\/code>`); the name ends as a
# tag's does (a space, `>`, `/`, or an escape's `\`, `&`), so a script's comparison with a
# variable so named (`0<code.length`, `i<pre`) opens no block
_ESCAPED_TAG = lazy_regex(r"&lt;[A-Za-z]")
_CODE_BLOCK = lazy_regex(r"(?:<|&lt;|\\u003[cC]|\\x3[cC])(\\{0,8}/)?(?:pre|code)(?=[\s/>\\&])",
                         re.IGNORECASE)
_RAW_TAG = lazy_regex(r"<([A-Za-z][\w-]*)")
# the tags a syntax highlighter or an author writes inside a code block's text: a block
# holding any other (a script, a frame, an ad's box) holds markup, which may be live
_TEXT_TAGS = frozenset({"span", "b", "i", "em", "strong", "mark", "br", "a", "kbd", "var",
                        "samp", "u", "s", "small", "font", "code"})
_SHOWN_REACH = 1024  # how far back the code block a match sits in may open


def holds_code_block(text: str) -> bool:
    """Whether `text` opens or closes a code block anywhere (`shown_as_text`'s reads, asked
    only of a text that does: one scan of it, not one per match)."""
    return _CODE_BLOCK.search(text) is not None


class ShownText:
    """`shown_as_text` over one text's matches: whether the text holds a code block at all
    is asked once, at its first match, so a text no match falls in is never scanned and a
    text without a block costs each match nothing."""

    __slots__ = ("_blocks", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._blocks: bool | None = None

    def __call__(self, at: int) -> bool:
        if self._blocks is None:
            self._blocks = holds_code_block(self._text)
        return self._blocks and shown_as_text(self._text, at)


def shown_as_text(markup: str, at: int) -> bool:
    """Whether `at` lies in text a code block shows, in the page or in a string its scripts
    and data hold: a tutorial (`<pre><code>&lt;script src="…sharethis.js#property=…"&gt;`,
    a `__NEXT_DATA__` or `window.__STATE__` article body's `<code>var crtg_nid="1867";
    </code>`), markup and code the page displays and never runs, so no network's signature
    and no operator's ID. Either inside a tag written entity-escaped in an open code block
    (other markup may stand between), or in an open code block's own text (a highlighter's
    `<span>`s between, no other tag: `<pre><script>…` is a script that runs). An escaped
    tag outside a code block is still read: a DOM save escapes a script's
    `document.write('<script src=…>')` so (`&lt;script src=…`), and its `<noscript>` text
    is read apart (`escaped_addresses`). Reads a bounded reach back: linear on a page of
    such tags.

    >>> shown_as_text('"body": "<pre><code>&lt;script src=\\"//x.test/t.js#id=1\\"&gt;"', 47)
    True
    >>> shown_as_text("document.write('&lt;script src=//x.test/t.js#id=1&gt;');", 39)
    False
    >>> body = 'var s = {"html": "<p>Set <code>var crtg_nid=\\"1867\\";<\\\\/code></p>"};'
    >>> shown_as_text(body, body.index("crtg")), shown_as_text(body + " crtg_nid", len(body) + 1)
    (True, False)
    >>> shown_as_text("<pre><script>var crtg_nid='1867';</script></pre>", 17)
    False
    """
    reach = max(0, at - _SHOWN_REACH)
    blocks = list(_CODE_BLOCK.finditer(markup, reach, at))
    if not blocks or blocks[-1].group(1):
        return False  # in no open code block
    block_end = blocks[-1].end()
    if all(m.group(1).lower() in _TEXT_TAGS
           for m in _RAW_TAG.finditer(markup, block_end, at)):
        return True  # in the block's own text
    opened = markup.rfind("&lt;", block_end, at)
    while opened != -1 and not _ESCAPED_TAG.match(markup, opened):
        opened = markup.rfind("&lt;", block_end, opened)
    return opened != -1 and not any(
        markup.find(mark, opened, at) != -1 for mark in ("&gt;", "<", ">"))


def in_comment(script: str, at: int) -> bool:
    """Whether `at` lies in a JavaScript comment as far as the text before it tells: a
    `//` opening one earlier on its line, or a `/*` within `_COMMENT_REACH` that no `*/`
    closes before it (an old tag a page keeps commented out beside its live code), each
    opener as the one scanner (`_scan`) tells it (`JS_MARKS`: no URL's `http://`, no
    glob's `/*`), and the one scanner's forward read agreeing (`comment_spans`): an
    opener a string holds (`var s = 'a // b'; ga('require', …)`, `' /*'`) opens none.
    The read back is a bounded reach per ask; the forward read is made only when it
    finds an opener, once per script text (`_in_scanned_comment`), shared by every ask on it."""
    return _opened_before(script, at) and _in_scanned_comment(script, at)


def _opened_before(script: str, at: int) -> bool:
    """Whether a comment opener the text before `at` holds may reach it (the read back:
    bounded, blind to the strings before it)."""
    reach = max(0, at - _COMMENT_REACH)
    line_start = max(reach, script.rfind("\n", reach, at) + 1)
    if script.find("//", line_start, at) != -1 and _LINE_OPENER.search(script, line_start, at):
        return True
    opened = _block_opened(script, reach, at)
    return opened != -1 and script.find("*/", opened + 2, at) == -1


class _Read(NamedTuple):
    """A script's comments and strings as the one scanner read them, each `(start, end)`
    in order, with their starts apart for bisecting."""

    script: str
    comment_starts: list[int]
    comments: list[tuple[int, int]]
    string_starts: list[int]
    strings: list[tuple[int, int]]


# a script's comments and strings as the one scanner reads them, kept per text object (its
# id, the text kept beside so the id stays its own; two equal texts are two reads, not a
# compare of their bytes at every ask): every ask on one script (each live signature,
# branch keyword, import, ad call) shares one forward read
_SPANS: dict[int, _Read] = {}
_SPANS_KEPT = 64


def _read(script: str) -> _Read:
    """The script's one forward read, made at its first ask and kept (`_SPANS`)."""
    kept = _SPANS.get(id(script))
    if kept is None or kept.script is not script:
        if len(_SPANS) >= _SPANS_KEPT:
            del _SPANS[next(iter(_SPANS))]
        comments: list[tuple[int, int]] = []
        strings: list[tuple[int, int]] = []
        for _ in _scan(script, _COMMENT_MARKS, 0, None, _noted(comments), _noted(strings)):
            pass
        kept = _SPANS[id(script)] = _Read(script, [start for start, _ in comments], comments,
                                          [start for start, _ in strings], strings)
    return kept


def _in_scanned_comment(script: str, at: int) -> bool:
    read = _read(script)
    index = bisect_right(read.comment_starts, at) - 1
    return index >= 0 and at < read.comments[index][1]


def in_string(script: str, at: int) -> bool:
    """Whether `at` lies inside a string literal of a script (its quotes' or backticks'
    text), as the one scanner reads the script forward (`_scan`): code a page quotes (a
    detector's or a blocklist's copy of an injector's code) is text, not code that runs.
    One read per script text, shared with `in_comment`'s.

    >>> code = "var s = 'function requestCfs(){}'; function requestCfs(){}"
    >>> in_string(code, code.index("function")), in_string(code, code.rindex("function"))
    (True, False)
    """
    read = _read(script)
    index = bisect_right(read.string_starts, at) - 1
    return index >= 0 and read.strings[index][0] < at < read.strings[index][1]


def _block_opened(script: str, reach: int, at: int) -> int:
    """Where the last `/*` between `reach` and `at` that may open a comment is (-1 for
    none): `_BLOCK_OPENS`'s, not one run into a name or a `*` (a string's glob or MIME
    type: `'image/*'`, `'/api/*'`, `'src/**/*.js'`)."""
    opened = script.rfind("/*", reach, at)
    while opened > reach and (script[opened - 1].isalnum() or script[opened - 1] in "_$*"):
        opened = script.rfind("/*", reach, opened)
    return opened


# what opens a string or a comment, read forward: an escape (outside a string, a regex's
# `\/` or `\'`), a quote, a `//` that may open a line comment (at a line's start or after
# a space or punctuation, not a URL's `http://`), a `/*` not run into a name or a `*` (no
# glob's); and what ends a string of each quote: its escapes, its quote, a line's end
_LINE_OPENS = r"(?:^|(?<=[\s;{}(),]))//"
_BLOCK_OPENS = r"(?<![\w$*])/\*"
# a `/` where no division can stand (after an operator or an opening bracket, perhaps a
# space between) opens a regex literal: its quotes (`/'/g`, `/"/g`, `/`/`) open no string
_REGEX_OPENS = r"/(?:(?<=[(,=:\[!&|?;{]/)|(?<=[(,=:\[!&|?;{]\s/))(?![/*])"  # `/` first: cheap
JS_MARKS = r"""\\.|["'`]|""" + _LINE_OPENS + "|" + _BLOCK_OPENS + "|" + _REGEX_OPENS
# a regex literal's body after its `/`, to its closing `/` on its line (a class's `/`, an
# escaped one, closes none), read within `_REGEX_REACH`: a `(/` no regex follows costs
# no more
_REGEX_BODY = lazy_regex(r"(?:[^/\\\[\n]++|\\.|\[(?:[^\]\\\n]++|\\.)*+\])++/")
_REGEX_REACH = 300
_COMMENT_MARKS = lazy_regex(JS_MARKS, re.MULTILINE)
_LINE_OPENER = lazy_regex(_LINE_OPENS, re.MULTILINE)
# (a backslash before a line's end continues the string on the next line: `'a \<newline>b'`)
_STRING_ENDS = {"'": lazy_regex(r"\\(?:\r\n|[\s\S])|['\n]"),
                '"': lazy_regex(r'\\(?:\r\n|[\s\S])|["\n]'),
                "`": lazy_regex(r"\\.|`")}


def _noted(spans: list[tuple[int, int]]) -> Callable[[int, int], None]:
    return lambda start, end: spans.append((start, end))


def _scan(code: str, tokens: re.Pattern[str], start: int, stop: int | None,
          comment: Callable[[int, int], None],
          string: Callable[[int, int], None] | None = None) -> Iterator[re.Match[str]]:
    """The one reader of a script's strings and comments, read once forward over
    `code[start:stop]`: each comment handed to `comment` (`(start, end)`, its end read
    past `stop`), each match of `tokens` outside both yielded. `tokens` opens with
    `JS_MARKS`. A `'…'` or `"…"` string ends at its quote or at a line's end no
    backslash continues (a quote a regex or prose holds swallows no more than its line), a
    template at its backtick; a
    line comment at its line's end, a block comment at its `*/`, else `_COMMENT_REACH`
    on."""
    end = len(code) if stop is None else stop
    at = start
    while at < end and (m := tokens.search(code, at, end)) is not None:
        token, at = m.group(), m.end()
        if token[0] == "\\":
            continue
        if token in _STRING_ENDS:
            closing = _STRING_ENDS[token]
            while (e := closing.search(code, at, end)) is not None:
                at = e.end()
                if e.group()[0] != "\\":
                    break
            else:
                at = end
            if string is not None:
                string(m.start(), at)
        elif token == "/":
            body = _REGEX_BODY.match(code, at, min(end, at + _REGEX_REACH))
            at = at if body is None else body.end()  # no regex closes: the `/` is read past
        elif token == "//":
            close = code.find("\n", at)
            close = len(code) if close == -1 else close
            comment(m.start(), close)
            at = close
        elif token == "/*":
            reach = m.start() + _COMMENT_REACH
            close = code.find("*/", at, reach)
            close = min(reach, len(code)) if close == -1 else close + 2
            comment(m.start(), close)
            at = close
        else:
            yield m


def code_tokens(code: str, tokens: re.Pattern[str], start: int = 0,
                stop: int | None = None) -> Iterator[re.Match[str]]:
    """The matches of `tokens` in `code[start:stop]` outside its strings and comments
    (`_scan`; `tokens` is `JS_MARKS` then the caller's alternatives, compiled
    `re.MULTILINE`), read once forward: the one reader of a script's brackets and keywords
    that the slot pass's readers share (a ternary's arms, an `else`'s block)."""
    return _scan(code, tokens, start, stop, lambda start, end: None)


def comment_spans(script: str) -> list[tuple[int, int]]:
    """The comments of a script, `(start, end)` in order, read by the one scanner
    (`_scan`): a `//` or `/*` a string holds (`"url(//cdn…)"`, `['/*', '/admin']`) opens
    none. The read `in_comment` shares (`_read`): the list is its, not to be changed."""
    return _read(script).comments


def in_spans(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether `at` lies in one of `spans` (sorted, apart)."""
    index = bisect_right(spans, at, key=lambda span: span[0]) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]


def _in_code(script: str, at: int) -> bool:
    """Whether the import at `at` is code: not in a comment (`// import('./x.js')`,
    `/* … */`) nor in a string's prose (`"load it with import('/x.js')"`), as far as the
    text before it on its line (and its statement, for a `from`) tells."""
    if in_comment(script, at):
        return False
    word_at = at if script.startswith("import", at) else _statement_keyword(script, at)
    if word_at is None:
        return False
    spaced = script[max(0, word_at - 200):word_at]
    before = spaced.rstrip()
    if not before or "\n" in spaced[len(before):] or before[-1] in _CODE_ENDS \
            or before.endswith("*/"):
        return True
    word = _LAST_WORD.search(before)
    return word is not None and word.group() in _CODE_WORDS


def _statement_keyword(script: str, at: int) -> int | None:
    """Where the `import` or `export` keyword whose statement the `from` at `at` ends
    starts: the last before it (within `_COMMENT_REACH`), with no `;` between."""
    reach = max(0, at - _COMMENT_REACH)
    word_at = max(script.rfind("import", reach, at), script.rfind("export", reach, at))
    if word_at == -1 or ";" in script[word_at:at]:
        return None
    if _name_ends_at(script, word_at):
        return None
    return word_at


def _unescaped(url: str) -> str:
    r"""A URL as the string literal holds it: its `\x3d` and `\u0026` escapes read, and
    the backslash of an escaped closing quote (`\"https://x/a.js\"` in a string a script
    writes) left out.

    >>> _unescaped(r"https://www.blogger.com/navbar.g?id\x3d39\u0026n\x3dPy" + "\\")
    'https://www.blogger.com/navbar.g?id=39&n=Py'
    """
    url = js_unescaped(url)
    if any("\ud800" <= c <= "\udfff" for c in url):  # `\ud83d\ude00`: a pair is one
        url = url.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return url[:-1] if url.endswith("\\") else url


# Consent managers keep a tag inert as `type="text/plain"` until the visitor consents,
# marked with what it waits for, and then run it. Their own attributes: Cookiebot
# `data-cookieconsent`, iubenda `data-iub-purposes`, Usercentrics `data-usercentrics`,
# CookieYes `data-cookieyes`, Cookie-Script `data-cookiecategory`, consentmanager
# `data-cmp-vendor`, Cookie Information `data-category-consent`, CookieLawInfo (WebToffee)
# `data-cli-script-type`, CookieFirst `data-cookiefirst-category`; their classes: OneTrust
# `optanon-category-*`, Complianz `cmplz-*`, iubenda `_iub_cs_activate`, TrustArc
# `trustecm`. Marks other tools use too count with a consent purpose only: CookieConsent's
# and Termly's `data-category`/`data-categories="analytics"`; and Klaro's `data-type`
# (the type it restores) with its `data-name`. Borlabs Cookie keeps its tags as
# `type="text/template"` with its script blocker's id (`data-borlabs-script-blocker-id`,
# 3.x `data-borlabs-cookie-script-blocker-id`), the loader's URL in its `…-src` twin.
# Didomi gives its held tags a type of its own, `didomi/javascript` (with `data-vendor` or
# `data-purposes`), and swaps it for `text/javascript` once the visitor consents: a type
# holding "script", so it reads as code, but code that waits.
_HELD_TYPES = frozenset({"didomi/javascript"})
# and its held HTML, `didomi/html`, which it swaps for a `<div>` of the same content once
# the visitor consents (its "Custom Didomi <script> tags" documentation): markup, not
# code, whose pixels and frames load only then
HELD_MARKUP_TYPES = frozenset({"didomi/html"})
_BORLABS_MARKS = ("data-borlabs-script-blocker-id", "data-borlabs-cookie-script-blocker-id")
_CONSENT_ATTRS = frozenset({
    "data-cookieconsent", "data-iub-purposes", "data-usercentrics", "data-cookieyes",
    "data-cookiecategory", "data-cmp-vendor", "data-category-consent", "data-cli-script-type",
    "data-cookiefirst-category",
})
_CONSENT_CLASSES = ("optanon-category-", "cmplz-", "_iub_cs_activate", "trustecm")
_PURPOSE_ATTRS = ("data-category", "data-categories")
_PURPOSES = frozenset({
    "analytics", "statistics", "stats", "marketing", "advertising", "ads", "targeting",
    "performance", "functional", "functionality", "preferences", "personalization",
    "social", "social_networking", "tracking", "necessary", "essential",
})


def media_type(script_type: str) -> str:
    """A `type` attribute's media type, without parameters, in lower case.

    >>> media_type(" Text/Plain; charset=utf-8")
    'text/plain'
    """
    return script_type.split(";", 1)[0].strip().lower()


def consent_gated(script: etree._Element) -> bool:
    """Whether a `text/plain` (Borlabs: `text/template`, Didomi: `didomi/javascript`)
    script is code a consent manager holds until consent (its marks above), not a data
    block or a template: it runs for every visitor who consents, so its vendor is on the
    page."""
    kind = media_type(script.get("type") or "")
    if kind in _HELD_TYPES or kind in HELD_MARKUP_TYPES:
        return True
    if kind == "text/template":
        return any(script.get(mark) for mark in _BORLABS_MARKS)
    if kind != "text/plain":
        return False
    names = script.keys()
    if any(name in _CONSENT_ATTRS for name in names):
        return True
    for attr in _PURPOSE_ATTRS:
        words = (script.get(attr) or "").replace(",", " ").lower().split()
        if words and all(word in _PURPOSES for word in words):
            return True
    if "data-name" in names and is_code_type(script.get("data-type") or "text/plain"):
        return True  # Klaro
    return any(token.startswith(_CONSENT_CLASSES) for token in (script.get("class") or "").split())


def holds_code(script: etree._Element) -> bool:
    """Whether a <script> element holds code to read: inline (no `src`), with text, and
    of a code type (not a data block or a template) or code held until consent (not the
    markup a consent manager holds: `held_markup`)."""
    return not script.get("src") and bool(script.text) and (
        is_code_type(script.get("type") or "") or (
            consent_gated(script) and not held_markup(script)))


def held_markup(script: etree._Element) -> bool:
    """Whether a <script> holds markup a consent manager inserts once the visitor
    consents (Didomi's `didomi/html`: a pixel's `<img>`, a frame), read as HTML."""
    return media_type(script.get("type") or "") in HELD_MARKUP_TYPES


# what an expression of integer literals may hold: digits, + - * and parentheses
_INTEGER_EXPRESSION = lazy_regex(r"[0-9\s+\-*()]{1,200}")
_NOT_PLAIN = lazy_regex(r"\*\*|\+\+|--|(?<![0-9])0[0-9]")  # power, ++/--, an octal-looking 012
_EXACT = 2**53  # JavaScript's numbers are exact integers below this


def integer_value(expression: str) -> int | None:
    """The integer a JavaScript expression of integer literals computes, as the page's
    code would: PopAds' tag writes its site ID as a sum (`["siteId", 430-139+629+5169238]`)
    so that no plain number names the site. Only `+`, `-`, `*` and parentheses over
    decimal literals are read; a name, a division, a power, `++`/`--`, a literal with a
    leading zero (octal in old scripts) or a result past exact integers gives None: where
    the value could differ from the page's, no value beats a wrong one.

    >>> integer_value("245*945+912+5045960"), integer_value("(3612785 + 1)")
    (5278397, 3612786)
    >>> integer_value("siteBase+1") is None, integer_value("12/2") is None
    (True, True)
    """
    if not _INTEGER_EXPRESSION.fullmatch(expression) or _NOT_PLAIN.search(expression):
        return None
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError:
        return None
    return _integer_node(tree.body)


def _integer_node(node: ast.expr) -> int | None:
    if isinstance(node, ast.Constant):
        value = node.value if type(node.value) is int else None
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        inner = _integer_node(node.operand)
        value = None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)):
        left, right = _integer_node(node.left), _integer_node(node.right)
        if left is None or right is None:
            return None
        value = (left + right if isinstance(node.op, ast.Add)
                 else left - right if isinstance(node.op, ast.Sub) else left * right)
    else:
        return None
    return value if value is not None and abs(value) < _EXACT else None


def javascript_url(raw: str) -> str | None:
    """The code of a `javascript:` URL (percent-decoded, as the browser runs it), else
    None: a frame's runs at once, and the string it ends with is the frame's document
    (`<iframe src="javascript:'<script src=…></script>'">` loaded the script in Chromium).

    >>> javascript_url(" JavaScript:'%3Cimg src=//a.test/p.gif%3E'")
    "'<img src=//a.test/p.gif>'"
    """
    text = raw.lstrip("\x00\t\n\f\r ")
    if text[:11].lower() != "javascript:":
        return None
    return unquote(text[11:].replace("\t", "").replace("\n", "").replace("\r", ""))


# what a `javascript:` frame's code writes: each `document.write("…")` (or `writeln`) of
# one string literal, else the code being one string literal (the frame's document is
# the string it ends with); bounded, and each character read one way only
_LITERAL = r"""(?:"((?:[^"\\]|\\.){0,65536})"|'((?:[^'\\]|\\.){0,65536})')"""
_WRITTEN_LITERAL = lazy_regex(r"document\.write(?:ln)?\(\s*" + _LITERAL + r"\s*\)", re.DOTALL)
_LONE_LITERAL = lazy_regex(r"\s*" + _LITERAL + r"\s*;?\s*", re.DOTALL)


def javascript_document(code: str) -> str | None:
    r"""The markup a `javascript:` frame's code (`javascript_url`) makes its document, read
    statically: what it writes with `document.write` of string literals (an older ad
    module's frame, `javascript:(function(){document.open();document.write("<script>
    google_ad_client=\"ca-pub-…\";…</script><script src=\"…/show_ads.js\"></script>");
    document.close();})()`), else the one string literal it is; None when neither.

    >>> javascript_document('(function(){document.write("<b class=\\"x\\">1</b>")})()')
    '<b class="x">1</b>'
    >>> javascript_document("'<img src=//a.test/p.gif>'")
    '<img src=//a.test/p.gif>'
    >>> javascript_document("void(0)") is None
    True
    """
    written = [string_value(m.group(1) if m.group(1) is not None else m.group(2))
               for m in _WRITTEN_LITERAL.finditer(code)]
    if not written and (lone := _LONE_LITERAL.fullmatch(code)):
        written = [string_value(lone.group(1) if lone.group(1) is not None else lone.group(2))]
    markup = "".join(written)
    return markup if "<" in markup else None
