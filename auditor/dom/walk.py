"""One pass over the DOM that yields every URL the page would request.

The walk knows markup, not rules: it says what was found, where (line, xpath), how
(`via`) and as which request type. The audit then asks the rules and the catalogue.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote_to_bytes

import lxml.html
import re2  # type: ignore[import-untyped]

from auditor.dom.inline_js import (
    consent_gated,
    held_markup,
    holds_code,
    is_code_type,
    javascript_document,
    javascript_url,
    link_type,
    loaded_urls,
    media_type,
    relative_imports,
    type_from_extension,
)
from auditor.dom.page import (
    SRCDOC_DEPTH,
    handler_elements,
    handlers_of,
    json_object,
    parse_page,
    srcdoc_too_deep,
)
from auditor.dom.parser import (
    BYTES_SPACE,
    attribute_values,
    attributes_named,
    body_tag_line,
    custom_sources,
    cut_head_spill,
    parse_html,
    re2_bytes_pattern,
)
from auditor.lazy_re import lazy_regex
from auditor.model import RequestType
from auditor.readers.decode import Reading, decode_html
from auditor.urls import (
    host_of,
    public_site,
    resolve,
    same_brand,
    site_of,
    split_url,
)

if TYPE_CHECKING:
    from auditor.dom.page import ParsedPage
    from auditor.dom.parser import PageLimits


@dataclass(frozen=True, slots=True)
class FoundURL:
    """A URL found in the page, before any rule has looked at it."""

    url: str  # absolute
    type: RequestType
    via: str
    element: lxml.html.HtmlElement
    assigned: bool = True  # False: a URL literal in a script not shown to be loaded


_Found = Callable[..., None]

_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-srcset")
# Where a script's or a frame's URL is parked until the visitor consents or first
# interacts, and then loaded: consent managers (Klaro, hand-written gates and LiteSpeed's
# delayed scripts: `data-src`; Complianz: `data-cmplz-src`, frames `data-src-cmplz`;
# Cookie Information: `data-consent-src`; iubenda: `data-suppressedsrc`; Borlabs Cookie:
# `data-borlabs-(cookie-)script-blocker-src`; Cookiebot's frames: `data-cookieblock-src`
# beside `data-cookieconsent`) and WP Rocket
# (delayed scripts: `data-rocket-src`; lazy frames: `data-lazy-src`). The tag loads, so
# its vendor is on the page.
# of those, the consent managers' own: a URL parked there waits for the visitor's consent
_CONSENT_ATTRS = ("data-cmplz-src", "data-src-cmplz", "data-consent-src", "data-suppressedsrc",
                  "suppressedsrc", "data-borlabs-cookie-script-blocker-src",
                  "data-borlabs-script-blocker-src", "data-cookieblock-src")
_PARKED_ATTRS = ("data-src", "data-rocket-src", "data-lazy-src", *_CONSENT_ATTRS)
_CONSENT_VIAS = tuple(f"[{attr}]" for attr in _CONSENT_ATTRS)


def held_until_consent(element: lxml.html.HtmlElement, via: str) -> bool:
    """Whether what an element loads or runs waits for the visitor's consent: a script a
    consent manager keeps inert (`type="text/plain"` with its mark, `consent_gated`), a URL
    parked in a consent manager's own attribute, or a script in a `<template>`, which runs
    only once a script (a consent manager's, as a rule) clones it; an image or frame there is
    content rendered later, not held. A declarative shadow root's `<template shadowrootmode>`
    (Chrome's first form: `shadowroot`) is no such template: the parser attaches its content
    to the page as it reads it, and its scripts run. The vendor is on the page all the same:
    it runs for every visitor who consents."""
    if via.endswith(_CONSENT_VIAS):
        return True
    if element.tag != "script":
        return False
    # the ancestors named template, filtered in C: a script has a dozen ancestors, and
    # most pages no template
    return consent_gated(element) or any(
        _inert_template(up) for up in element.iterancestors("template"))


def _inert_template(element: lxml.html.HtmlElement) -> bool:
    """Whether an element is a `<template>` whose content waits for a script to clone it."""
    return element.tag == "template" and element.get("shadowrootmode") is None and (
        element.get("shadowroot") is None)

# `5; url=https://…`, and the URL alone after the delay (`0; https://…`), as browsers read it
_REFRESH_URL = lazy_regex(r"""^\s*(?>[\d.]*)\s*[;,]?\s*(?:url\s*=\s*)?['"]?([^'";\s]+)""", re.I)
# (no `(` in the address: a run of `url(url(…` is read once, not from each `url(`)
_CSS_URL = lazy_regex(r"""url\(\s*['"]?([^'"()\s]{1,4096})['"]?\s*\)""", re.I)


_CSS_IMPORT = lazy_regex(r"""@import(?:\s+|(?=['"]))(?:url\(\s*)?['"]?([^'")\s;]{1,4096})""",
                         re.I)
# A CSS escape: up to six hex digits and one whitespace after, else the character itself
# (an escaped newline, a string's line continuation, is nothing)
_CSS_ESCAPE = lazy_regex(r"\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\n\r\f])?|(\r\n|[\s\S]))")
# what an escape may spell that would end a url( or a string where no token ends: kept
# as the URL parser writes it in a path (a host holds none of them)
_INERT = {'"': "%22", "'": "%27", "(": "%28", ")": "%29", " ": "%20", "\t": "%09",
          "\n": "%0A", "\r": "%0D", "\f": "%0C"}
# an escape that may spell a letter of `url(`, `@import` or `image-set(`, or its `@`/`-`
_SPELLING_ESCAPE = lazy_regex(
    r"\\(?:0{0,4}(?:4[0-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a]|2d)(?![0-9a-f])|[g-z@-])", re.I)
# a candidate of an image-set() written as a string, not url(): after `(` or a `,`
_SET_STRING = lazy_regex(r"""\s*(?:"([^"\n]{0,4096})"|'([^'\n]{0,4096})')""")


def _unescaped(css: str) -> str:
    r"""CSS with its escapes read as the tokenizer reads them (`u\72 l(` is `url(`,
    `\68 ttps:` is `https:`); a quote, a parenthesis or a space an escape spells stays
    inside its token (percent-encoded, as the URL parser writes it).

    >>> _unescaped(r"u\72 l(\2f\2f a.test/\22 x) @im\70 ort")
    'url(//a.test/%22x) @import'
    """
    def one(match: re.Match[str]) -> str:
        if match.group(1) is None:
            char = match.group(2)
            return "" if char in ("\n", "\r\n", "\r", "\f") else _INERT.get(char, char)
        code = int(match.group(1), 16)
        char = chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return _INERT.get(char, char)

    return _CSS_ESCAPE.sub(one, css)


def _image_set_strings(css: str, lowered: str) -> Iterator[str]:
    """The candidates `image-set()` and `-webkit-image-set()` name as strings, with no
    url() (`image-set("a.png" 1x, "b.png" 2x)`): each is an image the browser may
    choose, so each is a request. A candidate's own `type()` or resolution is skipped to
    the next top-level comma."""
    at = lowered.find("image-set(")
    while at >= 0:
        pos = at + len("image-set(")
        while pos < len(css):
            string = _SET_STRING.match(css, pos)
            if string:
                yield string.group(1) if string.group(1) is not None else string.group(2)
                pos = string.end()
            pos = _next_candidate(css, pos)
            if pos < 0:
                break
        at = lowered.find("image-set(", at + 10)


def _next_candidate(css: str, pos: int) -> int:
    """Where the next candidate of an image-set() opens (after a comma at its own depth),
    or -1 at its closing parenthesis or the sheet's end; strings are skipped whole."""
    depth = 0
    while pos < len(css):
        char = css[pos]
        if char in "\"'":
            end = css.find(char, pos + 1)
            pos = end if end >= 0 else len(css)
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return -1
            depth -= 1
        elif char == "," and depth == 0:
            return pos + 1
        elif char in ";{}":
            return -1
        pos += 1
    return -1


def sheet_urls(css: str) -> Iterator[tuple[str, RequestType, str]]:
    r"""What a `<style>` sheet requests, comments left out and escapes read: each
    `@import` (a stylesheet, via "style-import"), each other `url()` (via "style-url": a
    font by its extension, else an image) and each string candidate of an `image-set()`
    (via "style-image-set"), in order.

    >>> [u for u in sheet_urls("@import url(//fonts.test/css?f=A); /* url(x.png) */"
    ...                        "h1 { background: url('https://cdn.test/a.png') }")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('//fonts.test/css?f=A', <RequestType.STYLESHEET: 'stylesheet'>, 'style-import'),
     ('https://cdn.test/a.png', <RequestType.IMAGE: 'image'>, 'style-url')]
    >>> [u for u, _, _ in sheet_urls(r'a { b: u\72 l(\68 ttps://a.test/x) }'
    ...                               'p { b: -webkit-image-set("//b.test/y.png" 1x) }')]
    ['https://a.test/x', '//b.test/y.png']
    """
    lowered = css.lower()
    escaped = "\\" in css
    sets = "image-set(" in lowered  # asked once: a scan costs what the lowering does
    if "url(" not in lowered and "@import" not in lowered and not sets and not (
            escaped and _SPELLING_ESCAPE.search(css)):
        return  # (an icon font's `content: "\\f101"` spells none of them)
    if "/*" in css:
        css = _uncommented(css)
        lowered = css.lower()
    if escaped:
        css = _unescaped(css)
        lowered = css.lower()
        sets = "image-set(" in lowered
    imported: set[int] = set()
    if "@import" in lowered:
        for match in _CSS_IMPORT.finditer(css):
            imported.add(match.start(1))
            yield match.group(1), RequestType.STYLESHEET, "style-import"
    at = lowered.find("url(")
    while at >= 0:  # matched where `url(` stands: a search in any case was 8x slower
        call = _CSS_URL.match(css, at)
        if call and call.start(1) not in imported:
            url = call.group(1)
            yield url, type_from_extension(url) or RequestType.IMAGE, "style-url"
        at = lowered.find("url(", at + 4)
    if sets:
        for url in _image_set_strings(css, lowered):
            yield url, RequestType.IMAGE, "style-image-set"


def style_urls(style: str | None) -> list[tuple[str, str]]:
    """The addresses a `style` attribute names, in any case and escapes read, with how:
    its `url()`s ("style-url") and its `image-set()`'s strings ("style-image-set")."""
    if not style or "(" not in style:  # both are calls (an escaped `(` opens none)
        return []
    if "\\" in style:
        style = _unescaped(style)
    lowered = style.lower()
    found = [(url, "style-url") for url in _CSS_URL.findall(style)] if "url(" in lowered else []
    if "image-set(" in lowered:
        found += [(url, "style-image-set") for url in _image_set_strings(style, lowered)]
    return found


def _uncommented(css: str) -> str:
    """CSS without its comments; one left open runs to the end (a search per comment, not
    a regex that rescans the rest of the sheet from every unclosed `/*`)."""
    kept, at = [], 0
    while (opened := css.find("/*", at)) != -1:
        kept.append(css[at:opened])
        closed = css.find("*/", opened + 2)
        if closed == -1:
            return " ".join(kept)
        at = closed + 2
    kept.append(css[at:])
    return " ".join(kept)


# what a `data:` URL may hold that requests more: a document (a frame's, an object's),
# code (a script's), a sheet (a stylesheet link's)
_DATA_PAGES = ("text/html", "image/svg+xml", "application/xhtml+xml")
_DATA_CODE = ("text/javascript", "application/javascript", "application/x-javascript")
_DATA_SHEET = ("text/css",)
# A `data:` document's base URL is its own URL, which has an opaque path: a relative
# reference in it (`/x.js`, `x.js`, `//host/x.js`) resolves to nothing and Chromium 156
# requested none, only its absolute URLs and what an absolute `<base href>` makes of
# the rest. Any `data:` URL resolves as the document's own would (its bytes are not kept
# in the URL caches). Code and sheets a `data:` URL holds run and apply in the page,
# against the page's base.
DATA_BASE = "data:,"


def data_url(raw: str | None, media: tuple[str, ...]) -> str | None:
    """The text a `data:` URL of one of the `media` types holds (base64 or
    percent-encoded), else None: malvertising frames ads in `data:text/html` documents
    to hide the page they run on.

    >>> data_url("data:text/html;charset=utf-8,%3Cscript%20src=x.js%3E", _DATA_PAGES)
    '<script src=x.js>'
    >>> data_url("data:text/javascript;base64,YWxlcnQoMSk=", _DATA_CODE)
    'alert(1)'

    Its bytes are read in the `charset` it names, after a BOM, as Chromium reads them
    (`data:text/html;charset=utf-16,%3C%00…` is a document, not NUL-strewn bytes):

    >>> data_url("data:text/html;charset=utf-16be,%00%3C%00p%00%3E", _DATA_PAGES)
    '<p>'
    """
    if not raw:
        return None
    raw = raw.strip()
    if raw[:5].lower() != "data:" or "," not in raw:
        return None
    head, _, body = raw[5:].partition(",")
    params = [p.strip().lower() for p in head.split(";")]
    if params[0] not in media:
        return None
    data = unquote_to_bytes(body)  # a character the URL holds unescaped: its UTF-8 bytes
    if "base64" in params[1:]:
        try:
            data = base64.b64decode(data + b"==", validate=False)
        except (ValueError, binascii.Error):
            return None
    charset = next((p[8:].strip("\"' ") for p in params[1:] if p.startswith("charset=")), None)
    return decode_html(data, charset)  # the URL's charset is the transport's


# scripts of JSON that make the browser request: an import map's modules (loaded when
# code imports them by name) and the documents speculation rules prefetch or prerender
_URL_RULES = {"importmap": RequestType.SCRIPT, "speculationrules": RequestType.OTHER}


def _rule_urls(config: dict[str, Any], kind: str) -> list[str]:
    """The addresses an import map or a set of speculation rules names.

    >>> _rule_urls({"imports": {"lib": "https://cdn.test/lib.js"},
    ...             "scopes": {"/a/": {"x": "/x.js"}}}, "importmap")
    ['https://cdn.test/lib.js', '/x.js']
    >>> _rule_urls({"prefetch": [{"source": "list", "urls": ["/next"]}]}, "speculationrules")
    ['/next']
    """
    if kind == "importmap":
        scopes = config.get("scopes")
        tables = [config.get("imports"), *(scopes.values() if isinstance(scopes, dict) else ())]
        return [url for table in tables if isinstance(table, dict)
                for url in table.values() if isinstance(url, str)]
    rules: list[dict[str, Any]] = []
    for key in ("prefetch", "prerender"):
        listed = config.get(key)
        rules += [r for r in listed if isinstance(r, dict)] if isinstance(listed, list) else []
    return [url for rule in rules if isinstance(rule.get("urls"), list)
            for url in rule["urls"] if isinstance(url, str)]


def srcset_urls(value: str) -> list[str]:
    """The candidate URLs of a srcset attribute.

    >>> srcset_urls("a.jpg 1x, https://cdn.test/b.jpg 2x")
    ['a.jpg', 'https://cdn.test/b.jpg']
    """
    out = []
    for candidate in value.split(","):
        parts = candidate.strip().split()
        if parts:
            out.append(parts[0])
    return out


# The elements that can name a request, but for a `style` with `url(...)`, which any
# element may carry: on a page whose attribute values hold no `url(` (most), lxml
# iterates these tags alone (filtered in C), not every element of the page.
# AMP pages request through their components: an `amp-pixel` is a tracking pixel, an
# `amp-img` an image, an `amp-analytics` fetches its `config` (Google Tag Manager's
# container is loaded so: amp.json?id=GTM-…): AMP makes the request the attribute names.
_AMP_REQUESTS: dict[str, tuple[str, RequestType]] = {
    "amp-img": ("src", RequestType.IMAGE),
    "amp-anim": ("src", RequestType.IMAGE),
    "amp-pixel": ("src", RequestType.IMAGE),
    "amp-iframe": ("src", RequestType.SUBDOCUMENT),
    "amp-video": ("src", RequestType.MEDIA),
    "amp-audio": ("src", RequestType.MEDIA),
    "amp-analytics": ("config", RequestType.XMLHTTPREQUEST),
}
# and an AMP ad asks the bid endpoints its rtc-config lists (`"urls": [...]`) before it
_AMP_ADS = ("amp-ad", "amp-embed")
_REQUESTING_TAGS = ("script", "iframe", "frame", "img", "link", "source", "video", "audio",
                    "track", "embed", "object", "meta", "input", "a", "body", "table", "td",
                    "th", "tr", "style", "image", "feimage", "form", "button", "set", "animate",
                    *_AMP_REQUESTS, *_AMP_ADS)
# A form the page's own code submits (`form.submit()`, `requestSubmit()`, a submit
# button's `click()`) sends the visitor to its `action` (or a button's `formaction`)
# with no click: Chromium 156 navigated to each. Without such a call a form waits for
# the visitor, as a link does, and is no request (nor is jQuery's `.submit(handler)`).
# A `.click()` submits only when what it clicks is a form's submit control, and most
# pages' `.click()`s are not (a file input's picker, a menu, a download link): it counts
# when the code before it (`_CLICK_REACH`, back to the last end tag) names a form, a
# submit, or a submit control's id or name (`getElementById("b").click()`, `b =
# $("#b"); … b.click()`).
# (RE2: `re`'s `\s` on bytes spelled out, as RE2's lacks \v, which JavaScript reads as a space)
_SUBMITS: Any = re2_bytes_pattern(
    rb"\.(?:requestsubmit\s*\(|submit\s*\(\s*\))".replace(rb"\s", BYTES_SPACE))
_CLICK: Any = re2_bytes_pattern(rb"\.click\s*\(\s*\)".replace(rb"\s", BYTES_SPACE))
_CLICK_REACH = 400
_SUBMIT_WORDS = lazy_regex(rb"submit|formaction|\bforms?\b")
# SVG animation that sets an element's address (`<set attributeName="href" to=…>` in an
# `<image>`, or `<animate attributeName="href" values=…>`): Chromium 156 requested the
# image each set
# An `<a>` requests only what its `ping` names: on a page whose markup holds no `ping=`
# (lowered; most pages) the links, half the elements walked, are not walked.
_BUT_LINKS = tuple(tag for tag in _REQUESTING_TAGS if tag != "a")
_PING = lazy_regex(rb"ping\s*=")


def _pings(lowered: bytes) -> bool:
    """Whether the lowered markup may hold a `ping` attribute: a substring test first
    (memchr speed; most pages hold no "ping" at all), the pattern only where one is."""
    return b"ping" in lowered and _PING.search(lowered) is not None


def _requesting(root: lxml.html.HtmlElement, page: ParsedPage | None,
                handlers: set[Any]) -> Iterator[Any]:
    # as UTF-8: RE2 encodes a text it is handed each call (the page's values, once here)
    values = page.values_utf8 if page is not None \
        else attribute_values(root).encode("utf-8", "surrogatepass")
    tags: tuple[str, ...] = _REQUESTING_TAGS
    custom = page.custom_sources if page is not None else custom_sources(root, None)
    inserted = page.inserted_documents if page is not None else {}
    names = {el.tag for el in (*custom, *handlers, *inserted) if isinstance(el.tag, str)}
    # the names of the elements whose `style` requests: a url( or image-set( in any case,
    # or an escape that may spell one, on a page whose values hold one (one RE2 pass: 0.08
    # ms a page); the walk takes those names too, not every element of the page (a page
    # with one such `<div>` was walked element by element, 56% of all walked)
    styled: set[str] = set()
    if b"\\" in values or _STYLE_CALL.search(values):
        styled = {a.getparent().tag for a in attributes_named(root, "style")
                  if "\\" in a or _STYLE_CALL.search(a)}
    names = (names | styled) - _REQUESTING
    if len(names) > _FEW_NAMES or not all(map(_NAME.fullmatch, names)):
        tags = ()  # every element (lxml filters by no name with a control character)
    elif page is not None and not _pings(page.lowered) and "a" not in styled \
            and not any(el.tag == "a" for el in handlers):
        tags = _BUT_LINKS
    found: Iterator[Any] = root.iter(*tags, *names) if tags else root.iter()
    return found


_REQUESTING = frozenset(_REQUESTING_TAGS)
_HOLDS_FRAME = lazy_regex(r"<i?frame\b", re.I)
_STYLE_CALL: Any = re2.compile(r"(?i)url\(|image-set\(")


def _with_handlers(root: lxml.html.HtmlElement, page: ParsedPage | None) -> set[Any]:
    """The elements whose event handlers may request something (`<img onerror>`,
    `<body onload>`, `<svg onload>`): an injected loader needs no `<script>`. Only a
    handler holding an address (`//`) is read; the page's view is the heuristics' too."""
    found = page.with_handlers if page is not None else handler_elements(root)
    return {el for el in found if any("//" in code for _, code in handlers_of(el))}
# Up to this many custom element names the walk filters by them too; past it, it reads
# every element (lxml's filter by 95,000 names was quadratic: 2.7 s of a 3.5 s audit)
_FEW_NAMES = 32
_NAME = lazy_regex(r"[^\x00-\x1f\x7f]+")


def walk(root: lxml.html.HtmlElement, base: str | None, page: ParsedPage | None = None,
         _depth: int = 0, _docs: ParsedPage | None = None, *,
         secure: bool | None = None) -> Iterator[FoundURL]:
    """Every request the page's markup and inline scripts would make, in document order.

    With the `page`, what its obfuscated inline scripts load once decoded comes right
    after each script's own literals (via "inline-decoded").

    An `<iframe srcdoc>` is a document of its own, a known way to slip ad code past a
    scan of the page: its requests are walked too (they resolve against the page's base,
    as browsers do), reported at the iframe with a `via` of `iframe[srcdoc] …`; the page
    parses each such document once (`ParsedPage.srcdoc`, `_docs` below the top).

    `secure`: the page itself is served over https (its own URL's scheme, which snippets
    test, not its `<base>`'s), the base's scheme when not given.
    """
    docs = page if _depth == 0 else _docs
    if secure is None:
        secure = not (base or "").lower().startswith("http:")  # the branch a scheme test takes
    out: list[FoundURL] = []  # one element's finds, yielded when it is done
    el: Any = None

    def found(raw: str | None, kind: RequestType, via: str, assigned: bool = True) -> None:
        """Adds the element's reference `raw` once resolved (a call, not a generator per
        reference: a generator's set-up cost as much as the rest of the walk)."""
        if raw:
            url = resolve(raw, base)
            if url:
                out.append(FoundURL(url, kind, via, el, assigned))

    def document(markup: str, via: str, fallback: str | None = base) -> None:
        """Adds the requests of a document the element holds (`srcdoc`, a `data:` page),
        walked one level deeper and reported at the element; its relative references
        resolve against its `<base href>`, else `fallback` (a `srcdoc`'s: the page's
        base; a `data:` page's: its own opaque URL, `DATA_BASE`)."""
        if _depth >= SRCDOC_DEPTH:
            raise srcdoc_too_deep()
        doc = docs.srcdoc(markup) if docs is not None else parse_html(markup)
        base_of_doc = page_base(doc.iter("base"), fallback)
        out.extend(FoundURL(inner.url, inner.type, f"{via} {inner.via}", el, inner.assigned)
                   for inner in walk(doc, base_of_doc, None, _depth + 1, docs, secure=secure))

    def written_frames(code: str, via: str) -> None:
        """Adds the requests of the frames a `javascript:` frame's written document holds
        (an ad module's frame writing the frame its AdSense unit runs in), one level
        deeper each, as deep as srcdocs are walked and no deeper (a page's frames read
        `javascript:` documents no deeper either: `ParsedPage.frame_scripts`); what the
        document itself loads, `loaded_urls` of its code has found already."""
        markup = javascript_document(code) if _depth + 1 < SRCDOC_DEPTH else None
        if not markup or not _HOLDS_FRAME.search(markup):
            return
        doc = docs.srcdoc(markup) if docs is not None else parse_html(markup)
        for frame in doc.iter("iframe", "frame"):
            if frame.get("srcdoc") or javascript_url(frame.get("src") or ""):
                document(lxml.html.tostring(frame, encoding="unicode"), via)

    if page is not None and b"<?xml-stylesheet" in page.markup[:_PROLOG_REACH].lower():
        el = root
        for href in xml_stylesheets(page.text):
            found(href, RequestType.STYLESHEET, "xml-stylesheet")
        yield from out
        out.clear()
    handlers = _with_handlers(root, page)
    submits: bool | None = None  # asked at the first form
    tabs: list[bool] = []  # whether `<base target>` opens links in a new tab, asked once

    def new_tabs(code: str) -> bool:
        """Whether a link `code` makes and clicks opens a new tab by the page's base."""
        if ".click" not in code:
            return False
        if not tabs:
            tabs.append(new_context(base_target(root, page)))
        return tabs[0]
    inserted = page.inserted_documents if page is not None else {}
    for el in _requesting(root, page, handlers):
        tag = el.tag
        if not isinstance(tag, str):
            continue  # comments and processing instructions
        tag = tag.lower()
        get = el.get
        if handlers and el in handlers:
            for attr, code in handlers_of(el):
                for url, kind, assigned in loaded_urls(code, secure, new_tabs=new_tabs(code)):
                    found(url, kind, f"{tag}[{attr}]", assigned)
        if inserted and el in inserted:  # a block a script inserts: the page's markup
            document(inserted[el], f"{tag}[data-code]")
        if tag not in _REQUESTING:  # a custom element, or any on a page with `url(` in a style
            if "-" in tag and (src := get("src")) and _ABSOLUTE.match(src):
                found(src, _custom_type(tag, src), f"{tag}[src]")
            for url, via in style_urls(get("style")):
                found(url, RequestType.IMAGE, via)
            if out:
                yield from out
                out.clear()
            continue
        decoded: str | None = None  # an inline script's code, to decode once its own are out
        if tag == "a":  # the most frequent tag by far
            ping = get("ping")
            for url in ping.split() if ping else ():
                found(url, RequestType.PING, "a[ping]")
        elif tag == "script":
            src = get("src")
            if src:
                found(src, RequestType.SCRIPT, "script[src]")
                data = data_url(src, _DATA_CODE)
                for url, kind, assigned in loaded_urls(data, secure) if data else ():
                    found(url, kind, "script[src] data:", assigned)
            elif href := get("href") or get("xlink:href"):  # an SVG script's address
                found(href, RequestType.SCRIPT, "script[href]")
            elif (_parks_a_loader(get("type") or "") or consent_gated(el)) and (
                    parked := _parked(get)):
                found(parked[1], RequestType.SCRIPT, f"script[{parked[0]}]")
            elif (rules := (get("type") or "").strip().lower()) in _URL_RULES and el.text:
                for url in _rule_urls(json_object(el.text), rules):
                    found(url, _URL_RULES[rules], f"script[{rules}]")
            foreign = None
            if (markup := el.text) and "<" in markup and (foreign := _foreign_root(el)):
                document(markup, f"{foreign} script")  # as a foreign `<style>`'s
            elif markup and "<" in markup and held_markup(el):
                # what it inserts on consent is requested then: held (`held_until_consent`)
                document(markup, f"script[{media_type(get('type') or '')}]")
            if holds_code(el):  # no `src`: code of its own
                code = el.text  # lxml builds the string anew at each ask
                if foreign:  # its tags are elements there (walked above), not code
                    code = foreign_code(code)
                for url, kind, assigned in loaded_urls(code, secure, new_tabs=new_tabs(code)):
                    found(url, kind, "inline-script", assigned)
                module = media_type(get("type") or "") == "module"
                for specifier in relative_imports(code, module):
                    found(specifier, RequestType.SCRIPT, "inline-script")
                if page is not None:
                    decoded = code
        elif tag in ("iframe", "frame"):
            src = get("src")
            parked = None if src and src != "about:blank" else _parked(get)
            if parked:
                found(parked[1], RequestType.SUBDOCUMENT, f"{tag}[{parked[0]}]")
            else:
                found(src, RequestType.SUBDOCUMENT, f"{tag}[src]")
            if srcdoc := get("srcdoc"):
                document(srcdoc, f"{tag}[srcdoc]")
            if held := data_url(src, _DATA_PAGES):
                document(held, f"{tag}[src] data:", DATA_BASE)
            if src and (js := javascript_url(src)):  # its code runs in the frame,
                # and the string it ends with is the frame's markup
                for written, kind, assigned in loaded_urls(js, secure):
                    found(written, kind, f"{tag}[src] javascript:", assigned)
                written_frames(js, f"{tag}[src] javascript:")
        elif tag in ("img", "image", "feimage"):  # SVG's `<image href>` parses as either
            src = get("src")
            if src or tag == "img":
                found(src, RequestType.IMAGE, f"{tag}[src]")
            if not src and (href := get("href") or get("xlink:href")):
                found(href, RequestType.IMAGE, f"{tag}[href]")
            if get("srcset"):
                for url in srcset_urls(get("srcset") or ""):
                    found(url, RequestType.IMAGE, "img[srcset]")
            for attr in _LAZY_ATTRS:
                value = get(attr)
                if value:
                    urls = srcset_urls(value) if attr.endswith("srcset") else [value]
                    for url in urls:
                        found(url, RequestType.IMAGE, f"img[{attr}]")
        elif tag == "link":
            _link(el, found)
        elif tag == "source":
            parent = el.getparent()
            in_picture = parent is not None and str(parent.tag).lower() == "picture"
            kind = RequestType.IMAGE if in_picture else RequestType.MEDIA
            found(get("src"), kind, "source[src]")
            for url in srcset_urls(get("srcset") or ""):
                found(url, kind, "source[srcset]")
        elif tag in ("video", "audio"):
            found(get("src"), RequestType.MEDIA, f"{tag}[src]")
            found(get("poster"), RequestType.IMAGE, f"{tag}[poster]")
        elif tag == "track":
            found(get("src"), RequestType.OTHER, "track[src]")
        elif tag == "embed":
            found(get("src"), RequestType.OBJECT, "embed[src]")
            if held := data_url(get("src"), _DATA_PAGES):
                document(held, "embed[src] data:", DATA_BASE)
        elif tag == "object":
            found(get("data"), RequestType.OBJECT, "object[data]")
            if held := data_url(get("data"), _DATA_PAGES):
                document(held, "object[data] data:", DATA_BASE)
        elif tag == "meta":
            if (get("http-equiv") or "").lower() == "refresh":
                match = _REFRESH_URL.search(get("content") or "")
                if match:
                    found(match.group(1), RequestType.DOCUMENT, "meta[refresh]")
        elif tag == "input" and (get("type") or "").lower() == "image":
            found(get("src"), RequestType.IMAGE, "input[src]")
        elif tag in _AMP_REQUESTS:
            attr, kind = _AMP_REQUESTS[tag]
            found(get(attr), kind, f"{tag}[{attr}]")
            for url in srcset_urls(get("srcset") or "") if kind is RequestType.IMAGE else ():
                found(url, kind, f"{tag}[srcset]")
            if kind is RequestType.MEDIA:
                found(get("poster"), RequestType.IMAGE, f"{tag}[poster]")
            if tag == "amp-analytics" and docs is not None:  # its own beacons' endpoints
                for url in _config_urls(docs.config(el).get("requests"), "baseUrl"):
                    found(url, RequestType.PING, "amp-analytics[requests]")
        elif tag == "style":
            sheet_type = (get("type") or "text/css").split(";", 1)[0].strip().lower()
            sheet = el.text
            if sheet and ("<" in sheet or "&" in sheet) and (foreign := _foreign_root(el)):
                if "<" in sheet:  # its tags are the page's: `<svg><style><img src=…>`
                    document(sheet, f"{foreign} style")
                sheet = html.unescape(sheet)  # and its character references are read
            if sheet and sheet_type in ("text/css", ""):
                for url, kind, via in sheet_urls(sheet):
                    found(url, kind, via)
        elif tag == "form" or (tag in ("button", "input") and get("formaction")):
            if submits is None:
                submits = _submits(root, page)
            if submits:
                attr = "action" if tag == "form" else "formaction"
                found(get(attr), RequestType.DOCUMENT, f"{tag}[{attr}]")
        elif tag in ("set", "animate"):
            if (get("attributename") or "").strip().lower() in ("href", "xlink:href"):
                parent = el.getparent()
                kind = RequestType.IMAGE if parent is not None and str(parent.tag).lower() in (
                    "image", "feimage", "img") else RequestType.OTHER
                found(get("to"), kind, f"{tag}[to]")
                if tag == "animate":  # its start and each of its values too
                    found(get("from"), kind, "animate[from]")
                    for value in (get("values") or "").split(";"):
                        found(value.strip() or None, kind, "animate[values]")
        elif tag in _AMP_ADS:
            if get("rtc-config") and docs is not None:
                for url in _config_urls(docs.config(el, "rtc-config").get("urls"), "url"):
                    found(url, RequestType.XMLHTTPREQUEST, f"{tag}[rtc-config]")
        if tag in ("body", "table", "td", "th", "tr") and get("background"):
            found(get("background"), RequestType.IMAGE, f"{tag}[background]")
        for url, via in style_urls(get("style")):
            found(url, RequestType.IMAGE, via)
        if decoded is not None and page is not None:
            # a URL its literals already load (escapes read) is not found twice; one they
            # only name is still loaded where the decoder shows it loaded
            own = {f.url for f in out if f.assigned}
            for hidden in page.decoded(decoded).urls:
                if hidden.loaded and resolve(hidden.url, base) not in own:
                    found(hidden.url, hidden.type, "inline-decoded")
        if out:
            yield from out
            out.clear()
    for el in _clicked_links(root, page):  # links the page's code follows by `.click()`
        found(el.get("href"), RequestType.DOCUMENT, CLICKED_LINK)
        yield from out
        out.clear()


def reading_urls(readings: Iterable[tuple[str, str | Reading]], found: list[FoundURL],
                 url: str | None,
                 secure: bool, limits: PageLimits, *, ascii_hosts: bool = False,
                 primary: lxml.html.HtmlElement | None = None) -> list[FoundURL]:
    """What more documents of the page request beyond `found` (what its markup
    requests), each once, their `via` led by the name each comes with: the page's other
    readings (`charset Shift_JIS …`: a page that declares no charset is read as
    Chromium's detector guesses, and a host written in full-width letters in Shift_JIS
    is requested only in that reading, as Chromium 156 did), and the `<link>` elements
    its response's `Link` headers stand for (`Link header …`). With `ascii_hosts`, only
    requests to an ASCII host: a non-ASCII host another reading makes of the bytes is
    another unknown host, which the page's own reading already counts; and a non-ASCII
    address on a host the page's reading requests is the same request read another way
    (`/画像/写真.jpg` in Shift_JIS, `/茶咙/继靠.jpg` in GBK: every image of a Japanese page
    came back once per reading, under made-up paths). Each is parsed and walked whole,
    within the page's limits, one at a time: a `Reading` is decoded only here, and let go
    before the next (a page's readings held whole were a copy of it each). With `primary`
    (the root of the page's own reading, which another charset's reading parses alike:
    markup is ASCII in every one), each request's element is the page's own at the same
    place, so no reading's tree outlives its walk (nine readings of a 5 MB page held
    nine trees, 290 MB, for the whole audit)."""
    seen = {f.url for f in found}
    hosts = {host_of(f.url) for f in found}
    more: list[FoundURL] = []
    own: list[lxml.html.HtmlElement] | None = None  # the page's elements in document order
    for name, reading in readings:
        page = parse_page(reading if isinstance(reading, str) else reading.text, limits)
        start = len(more)
        for inner in walk(page.root, page_base(page.tagged("base"), url), page, secure=secure):
            if inner.url in seen:
                continue
            if ascii_hosts and ("xn--" in (host := host_of(inner.url) or "xn--")
                                or (host in hosts and not inner.url.isascii())):
                continue
            seen.add(inner.url)
            more.append(FoundURL(inner.url, inner.type, f"{name} {inner.via}", inner.element,
                                 inner.assigned))
        if primary is not None and len(more) > start:
            own = own if own is not None else list(primary.iter())
            more[start:] = _at_own_places(more[start:], page.root, own)
        del page  # its text and tree, before the next reading is decoded
    return more


def saved_part_urls(markup: str, found: list[FoundURL], url: str | None, secure: bool,
                    limits: PageLimits, primary: lxml.html.HtmlElement,
                    label: str = "mhtml part") -> list[FoundURL]:
    """What a saved copy's parts stand for (`Document.saved_parts`: an MHTML's images,
    sheets and frames, each at the URL the browser loaded it from; a complete copy's saved
    frames), beyond what the page's markup requests, with `via` led by `label`. What a
    frame loaded is cited at the page's `<iframe>` that holds the frame (by its URL, or the
    `cid:` address a frame with none keeps; a frame another frame holds, at the page's
    iframe holding the outermost: `data-at`); anything else is on no line of the page
    (line 0, xpath `/html`: a detached element), where no heuristic places it before
    `<html>` or after `</html>`."""
    frames = _page_frames(primary)
    more = reading_urls([(label, markup)], found, url, secure, limits)
    nowhere = lxml.html.Element("html")  # no source line: line 0
    out = []
    for item in more:
        held = item.element
        at = _holder(held, frames) if held.tag == "iframe" else None
        out.append(replace(item, element=at if at is not None else nowhere))
    return out


def _page_frames(primary: lxml.html.HtmlElement) -> dict[str, lxml.html.HtmlElement]:
    """The page's frames by their `src` as written (the first of each)."""
    frames: dict[str, lxml.html.HtmlElement] = {}
    for el in primary.iter("iframe", "frame"):
        if src := (el.get("src") or "").strip():
            frames.setdefault(src, el)
    return frames


def _holder(held: lxml.html.HtmlElement, frames: dict[str, lxml.html.HtmlElement]
            ) -> lxml.html.HtmlElement | None:
    """The page's frame a saved part's `<iframe>` stands in: by its URL, the `cid:`
    address a frame with none keeps, or (a frame a frame holds) the page's frame holding
    the outermost (`data-at`)."""
    at = frames.get(held.get("src") or "")
    if at is None and (cid := held.get("data-cid")):
        at = frames.get(f"cid:{cid}")
    if at is None and (outer := held.get("data-at")):
        at = frames.get(outer)
    return at


class HeldDocument(NamedTuple):
    """A document a frame of the page holds: the page's frame holding it, its markup, and,
    for a saved copy's frame part, the URL the browser loaded it from ("" for one its
    parent wrote, with none); None for the page's own (a `srcdoc`, a `javascript:` src's
    written document), whose scripts `ParsedPage.frame_scripts` reads."""

    frame: lxml.html.HtmlElement
    markup: str
    saved_from: str | None = None


def held_frames(page: ParsedPage, saved_parts: str) -> Iterator[HeldDocument]:
    """Each document a frame of the page holds, with the page's frame holding it: its
    `srcdoc` (or the markup its `javascript:` src writes: `javascript_document`), then a
    saved copy's frame parts (`Document.saved_parts`; a frame a frame holds, at the
    page's frame holding the outermost). A part with no frame of the page to stand in is
    left out, as is a second document for one frame (Chrome's MHTML keeps an `<iframe
    srcdoc>`'s attribute and saves its document as a part too). After the frames, the
    blocks a script inserts into the page (`ParsedPage.inserted_documents`: Ad Inserter's
    `data-code`), at the element holding each: shown there as a frame's document is."""
    seen: set[lxml.html.HtmlElement] = set()
    for el in page.frames:
        if srcdoc := el.get("srcdoc"):
            seen.add(el)
            yield HeldDocument(el, srcdoc)
        elif written := page.written_documents.get(el):
            seen.add(el)
            yield HeldDocument(el, written)
    for el, inserted in page.inserted_documents.items():
        yield HeldDocument(el, inserted)
    if "srcdoc=" not in saved_parts:
        return
    frames = _page_frames(page.root)
    for held in lxml.html.fragment_fromstring(saved_parts, create_parent="div").iter("iframe"):
        at = _holder(held, frames)
        if (srcdoc := held.get("srcdoc")) and at is not None and at not in seen:
            seen.add(at)
            yield HeldDocument(at, srcdoc, held.get("src") or "")


def own_frame_scripts(page: ParsedPage, own: Iterable[HeldDocument]) -> list[str]:
    """The inline scripts of the saved copy's frame parts among the page's own documents
    (`own_documents`: one its parent wrote, `about:blank` or no URL, or one from the page's
    own site), read as a `srcdoc`'s are (an ad module's frame writing its AdSense unit); a
    `srcdoc`'s own are `ParsedPage.frame_scripts`'. A part loaded from another site (a
    player's, a widget's frame) runs that site's code: its IDs are not the operator's."""
    return [s.text or "" for held in own if held.saved_from is not None
            for s in page.srcdoc(held.markup).iter("script") if holds_code(s)]


def own_documents(documents: Iterable[HeldDocument], site: str | None
                  ) -> list[HeldDocument]:
    """The held documents that are the page's own: a `srcdoc` or a `javascript:` src's
    document (but one a saving tool kept beside the other site's `src` it came from:
    `from_other_site`), and a saved copy's frame part its parent wrote (`about:blank`, no
    URL) or loaded from the page's own site."""
    return [held for held in documents
            if (not from_other_site(held, site) if held.saved_from is None
                else (not held.saved_from.strip()
                      or held.saved_from.lower().startswith("about:")
                      or from_own_site(held, site)))]


def came_from(held: HeldDocument) -> str:
    """The web address a frame's held document came from: a saved copy's frame part's,
    or the `http(s)` `src` of a frame keeping its document in `srcdoc` (a saving tool put
    the document it loaded there); "" for one the page wrote (a `srcdoc` alone, a
    `javascript:` src's, a part at `about:blank`)."""
    url = (held.saved_from if held.saved_from is not None
           else (held.frame.get("src") or "")).strip()
    return url if url.lower().startswith(("http:", "https:", "//")) else ""


def from_own_site(held: HeldDocument, site: str | None) -> bool:
    """Whether a frame's held document came from the page's own site (the site's ad module
    at its own address): its code is the site's, an ad server's creative never
    (`creatives.creative_ids`), as `own_frame_scripts` reads it."""
    url = came_from(held)
    return bool(url and site and site_of(host_of(url)) == site)


def from_other_site(held: HeldDocument, site: str | None) -> bool:
    """Whether a frame's held document came from another site than the page's (a game
    embed, a video player, a widget): what it holds and requests is that site's."""
    url = came_from(held)
    return bool(url and site and site_of(host_of(url)) != site)


def other_sites_frames(documents: Iterable[HeldDocument], site: str | None,
                       boxed: Collection[lxml.html.HtmlElement] = (),
                       styling: str | None = None) -> frozenset[lxml.html.HtmlElement]:
    """The page's frames outside every ad slot (`boxed`: those in one, whose document is
    an ad's, `creatives.creative_ids`) holding another site's document: its units, its
    scripts and what it requests name that site's accounts, not the page operator's. Not
    one from the site's static domain of another name (`styling`: `styling_site`), whose
    sheets the page's head links: the operator's own ad module there is the site's."""
    return frozenset(d.frame for d in documents
                     if d.frame not in boxed and from_other_site(d, site)
                     and not (styling and site_of(host_of(came_from(d))) == styling))


def styling_site(root: lxml.html.HtmlElement | None, base: str | None, least: int = 2,
                 site: Callable[[str], str] = site_of,
                 skip: Collection[lxml.html.HtmlElement] = ()) -> str | None:
    """The site (`site_of`) serving at least `least` of the stylesheets the page's `<head>`
    links and more than every other site together: the site's static domain where it has
    one of another name (Yahoo! JAPAN's yimg.jp), else its own; None where none does.
    `site` and `skip` count the sheets as `head_sheet_sites` does: the hidden-frame
    findings' styling hosts count by registrable domain past the head's top, and take a
    site serving one sheet alone, where the frames' walk asks for two."""
    return most_served(head_sheet_sites(root, base, site, skip), least=least)


def head_sheet_sites(root: lxml.html.HtmlElement | None, base: str | None,
                     site: Callable[[str], str] = site_of,
                     skip: Collection[lxml.html.HtmlElement] = ()) -> Counter[str]:
    """How many of the stylesheets the page's `<head>` links (`head_sheets`) each site
    serves: the one count of the page's design hosts, that `styling_site` and the
    hidden-frame findings' design and styling hosts read. `site` groups hosts into sites
    as the caller groups the host it then asks about: `site_of` (a CDN's tenants each a
    site) where a frame's document is compared, `urls.registrable_domain` where a hidden
    frame's host is. `skip`: the sheets not to count (the head's top, where an injector
    writes)."""
    return Counter(site(host_of(url)) for el, url in head_sheets(root, base) if el not in skip)


def head_sheets(root: lxml.html.HtmlElement | None, base: str | None
                ) -> list[tuple[lxml.html.HtmlElement, str]]:
    """The stylesheets the page's `<head>` links that resolve to an address (against
    `base`), each with it: what the frames' styling site and the hidden-frame findings'
    design hosts count."""
    return [(el, url) for el, url in head_sheet_links(root, base) if url]


def head_sheet_links(root: lxml.html.HtmlElement | None, base: str | None
                     ) -> list[tuple[lxml.html.HtmlElement, str | None]]:
    """Every stylesheet the page's `<head>` links with a non-blank `href` (at its top too:
    a late charset's template links them there), each with its address against `base`,
    None where it resolves to none (a relative link on a page whose address is not known,
    which an appended script's platform test reads as the page's own): the one reader of
    the head's sheets."""
    head = root.find("head") if root is not None else None
    if head is None:
        return []
    return [(el, resolve(href, base)) for el in head.iter("link")
            if "stylesheet" in (el.get("rel") or "").lower()
            and (href := (el.get("href") or "").strip())]


def most_served(counts: Mapping[str, int], least: int = 1) -> str | None:
    """The one counted more than every other together, and at least `least` times (the
    site serving most of a page's sheets or scripts), else None.

    >>> most_served({"a": 2, "b": 1}), most_served({"a": 1, "b": 1}), most_served({"a": 1}, 2)
    ('a', None, None)
    """
    best = max(counts, key=counts.__getitem__, default=None)
    if best is None or counts[best] < least or counts[best] <= sum(counts.values()) - counts[best]:
        return None
    return best


def held_request(found: FoundURL) -> bool:
    """Whether a request is one a frame's held document makes (`via` `… iframe[srcdoc] …`,
    an MHTML part's or a `srcdoc`'s), not the frame element's own `src`, which the page
    itself requests (an AdSense frame's URL rightly names the page's publisher)."""
    return "[srcdoc] " in found.via


def _at_own_places(found: list[FoundURL], root: lxml.html.HtmlElement,
                   own: list[lxml.html.HtmlElement]) -> list[FoundURL]:
    """`found` (in a reading's tree under `root`) with each element swapped for the one at
    its place in document order among `own`, when that one has its tag (a reading whose
    bytes parse otherwise keeps its own element)."""
    wanted = {f.element for f in found}
    places = {el: i for i, el in enumerate(root.iter()) if el in wanted}
    out = []
    for f in found:
        i = places.get(f.element, -1)
        if 0 <= i < len(own) and own[i].tag == f.element.tag:
            f = replace(f, element=own[i])
        out.append(f)
    return out


_TAG = lazy_regex(r"<[A-Za-z/!?][^>]*>?")
_CDATA = lazy_regex(r"<!\[CDATA\[(.*?)(?:\]\]>|\Z)", re.S)


def foreign_code(text: str) -> str:
    """The code of an SVG or MathML `<script>` as HTML parses it there: its tags are
    elements, not text (what they load is walked as markup), and a CDATA section is text,
    tags and all (an SVG file's script is wrapped in one).

    >>> foreign_code("a=1;<img src=x.png>b<c;<![CDATA[ if (a<b) s.src='//x.test/a.js' ]]>")
    "a=1; b  if (a<b) s.src='//x.test/a.js' "
    """
    out, at = [], 0
    for section in _CDATA.finditer(text):
        out += [_TAG.sub(" ", text[at:section.start()]), section.group(1)]
        at = section.end()
    out.append(_TAG.sub(" ", text[at:]))
    return "".join(out)


# Where HTML is parsed as HTML again inside SVG or MathML (a `<style>` there is raw text)
_INTEGRATION_POINTS = frozenset({"foreignobject", "desc", "title", "mi", "mo", "mn", "ms",
                                 "mtext", "annotation-xml"})


def _foreign_root(el: lxml.html.HtmlElement) -> str | None:
    """"svg" or "math" when `el` sits in that foreign content, where HTML parses a
    `<style>`'s or a `<script>`'s text as markup and reads its character references
    (libxml2 keeps it as raw text): `<svg><style><img src=…>` requested its image in
    Chromium, as an SVG `<script>`'s did; under `<foreignObject>` or `<mtext>` it is
    HTML's raw text again."""
    for up in el.iterancestors():
        tag = up.tag
        if tag in ("svg", "math"):
            return str(tag)
        if tag in _INTEGRATION_POINTS:
            return None
    return None


# A custom element's `src` counts when absolute: the component loads it (a relative one is
# the site's own, and a framework's template attribute, `ng-include src="a + '/b'"`, no URL)
_ABSOLUTE = lazy_regex(r"\s*(?:https?:)?//", re.I)
_CUSTOM_KINDS = (("script", RequestType.SCRIPT), ("frame", RequestType.SUBDOCUMENT),
                 ("pixel", RequestType.IMAGE), ("img", RequestType.IMAGE),
                 ("image", RequestType.IMAGE))


def _custom_type(tag: str, src: str) -> RequestType:
    """What a custom element's `src` is requested as: its name says (`a-script`,
    `a-iframe`, `a-pixel`), else the URL's extension, else `other`."""
    named = next((kind for word, kind in _CUSTOM_KINDS if word in tag), None)
    return named or type_from_extension(src) or RequestType.OTHER


def _config_urls(entries: object, key: str) -> list[str]:
    """The absolute URLs among an AMP config's entries (a map or a list of URLs, or of
    objects holding one under `key`); a `${base}&…` built from another entry is no URL."""
    values = entries.values() if isinstance(entries, dict) else (
        entries if isinstance(entries, list) else ())
    urls = (v.get(key) if isinstance(v, dict) else v for v in values)
    return [u for u in urls if isinstance(u, str) and u.startswith(("https://", "http://", "//"))]


# An XML document's style sheets, named in its prolog: `<?xml-stylesheet href="…"
# type="text/css"?>` (an SVG file's, an XHTML page's served as XML). Chromium 156 loaded
# each from either; HTML's parser drops the instruction, so the prolog is read as text
# (as far as a prolog runs: comments and a doctype may come first).
_PROLOG_REACH = 64 * 1024
_XML_STYLESHEET = lazy_regex(r"<\?xml-stylesheet\s", re.I)  # its end, `?>`, sought by find
_PSEUDO_HREF = lazy_regex(r"""(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def xml_stylesheets(text: str) -> list[str]:
    """The addresses of the style sheets an XML document's prolog names (before its root
    element), their character references read.

    >>> xml_stylesheets('<?xml version="1.0"?>\\n<?xml-stylesheet type="text/css" '
    ...                 'href="https://a.test/s.css?x=1&amp;y=2"?><svg/>')
    ['https://a.test/s.css?x=1&y=2']
    """
    root = re.search(r"<[A-Za-z]", text[:_PROLOG_REACH])
    prolog = text[: root.start() if root else _PROLOG_REACH]
    found = []
    at = 0  # each instruction's end found once: a pattern running to `?>` scanned to
    # the prolog's end from each unclosed one (64 KB of them: 5 s)
    while (pi := _XML_STYLESHEET.search(prolog, at)) is not None:
        end = prolog.find("?>", pi.end())
        if end == -1:
            break
        at = end + 2
        href = _PSEUDO_HREF.search(prolog, pi.end() - 1, end)  # from the space it opens with
        if href:
            found.append(html.unescape(href.group(1) if href.group(1) is not None
                                       else href.group(2)))
    return found


def _submits(root: lxml.html.HtmlElement, page: ParsedPage | None) -> bool:
    """Whether the document's markup calls a form's submission (`_SUBMITS`, or a
    `.click()` of a submit control) anywhere: in a script or a handler, the page's
    lowered markup read once; and in its handlers as the parser decodes them
    (`onload="f.&#115;ubmit()"` runs `f.submit()`), read when the markup holds a
    character reference (`&`) and an element a handler."""
    markup = page.lowered if page is not None else lxml.html.tostring(root).lower()
    controls: list[set[bytes]] = []  # the submit controls' names, found at the first click
    if _calls_submit(markup, root, controls):
        return True
    if b"&" not in markup:
        return False  # the handlers are as the markup writes them, read already
    found = page.with_handlers if page is not None else handler_elements(root)
    decoded = "\n".join(code for el in found for _, code in handlers_of(el))
    return bool(decoded) and _calls_submit(decoded.lower().encode("utf-8", "replace"), root,
                                           controls)


def _code_before(markup: bytes, at: int) -> bytes:
    """The code before a `.click()` at `at`, `_CLICK_REACH` back at most: not the markup
    before the script it is in (back to the last end tag's `>`)."""
    before = markup[max(0, at - _CLICK_REACH):at]
    if (tag := before.rfind(b"</")) != -1:
        before = before[before.find(b">", tag) + 1:]
    return before


def _calls_submit(code: bytes, root: lxml.html.HtmlElement, controls: list[set[bytes]]
                  ) -> bool:
    """Whether lowered `code` (markup, or handlers' code) submits a form: `_SUBMITS`, or a
    `.click()` whose code before it names a form, a submit, or a submit control."""
    if _SUBMITS.search(code) is not None:
        return True
    for click in _CLICK.finditer(code):
        before = _code_before(code, click.start())
        if _SUBMIT_WORDS.search(before):
            return True
        if not controls:
            controls.append(_submit_controls(root))
        if any(_written(name, before) for name in controls[0]):
            return True
    return False


# A link the page's code clicks (`document.getElementById("go").click()`,
# `document.querySelector("a#go").click()`, `l = …("go"); l.click()`) sends the visitor to
# its `href` with no click of theirs: Chromium 156 went there. It counts when the code
# before the `.click()` (`_CLICK_REACH`, back to the last end tag) names the link's id or
# name as a selector or a string; jQuery's `$("#go").click()` runs the link's handlers
# and does not follow it (jQuery leaves out an `<a>`'s native click), so it does not.
CLICKED_LINK = "a[href] click()"  # the `via` of such a link's navigation
_JQUERY_CLICKED = lazy_regex(rb"""(?:\$|jquery)\(\s*['"][^'"]*['"]\s*\)\s*\Z""")


def _clicked_links(root: lxml.html.HtmlElement, page: ParsedPage | None
                   ) -> list[lxml.html.HtmlElement]:
    """The links (`<a href>` with an id or a name) whose `.click()` the markup calls."""
    markup = page.lowered if page is not None else None
    if markup is not None and _CLICK.search(markup) is None:
        return []  # most pages: one RE2 pass
    base = base_target(root, page)
    links = {name: el for el in root.iter("a") if el.get("href")
             and not new_context(el.get("target") if "target" in el.attrib else base)
             for name in quoted_names(el)}
    if not links:
        return []
    markup = markup if markup is not None else lxml.html.tostring(root).lower()
    clicked: dict[lxml.html.HtmlElement, None] = {}
    for click in _CLICK.finditer(markup):
        before = _code_before(markup, click.start())
        if _JQUERY_CLICKED.search(before):
            continue
        clicked.update((links[name], None) for name in clicked_names(before) if name in links)
    return list(clicked)


def base_target(root: lxml.html.HtmlElement, page: ParsedPage | None = None) -> str:
    """The target the page's links open in when they name none: the first `<base>` with a
    `target`'s, as browsers read it (`<base target="_blank">` opens every link in a new
    tab), '' when no base names one; one inside a template or noscript is inert."""
    bases = page.tagged("base") if page is not None else tuple(root.iter("base"))
    return next((str(b.get("target")) for b in bases if b.get("target") is not None
                 and not any(str(a.tag).lower() in _INERT_BASE for a in b.iterancestors())), "")


# where a `<base>` is no element of the document a browser runs scripts in: a template's
# content, noscript's text (scripts run), another namespace's element
_INERT_BASE = frozenset({"template", "noscript", "svg", "math"})


def new_context(target: str | None) -> bool:
    """Whether following a link of this target (its own, else the page's base target)
    opens a new tab or window (`_blank` or a name of its own) and leaves the page where it
    is: a share button's, no redirect."""
    target = (target or "").strip()
    return bool(target) and target.lower() not in ("_self", "_top", "_parent")


_STATEMENT_END = lazy_regex(rb"[;{}\n]")
_IDENTIFIER = lazy_regex(rb"\s*([\w$]+)\s*\Z")


def clicked_names(before: bytes) -> set[bytes]:
    """How the expression whose `.click()` follows `before` may name its element, as
    `quoted_names` writes them: the strings and id selectors of that statement
    (`document.getElementById("go")`), or, for a variable (`l`), of what it was last
    assigned (`l = document.querySelector("a#go")`). Read once a click, whatever the
    number of links (a page of 20,000 links and 2,000 clicks took 17 s looking each up)."""
    ends = [m.end() for m in _STATEMENT_END.finditer(before)]
    statement = before[ends[-1] if ends else 0:]
    names = _names_written(statement)
    variable = _IDENTIFIER.match(statement)
    if variable is None:
        return names
    assigned = before.rfind(variable.group(1) + b"=")
    spaced = before.rfind(variable.group(1) + b" =")
    at = max(assigned, spaced)
    if at == -1:
        return names
    end = _STATEMENT_END.search(before, at)
    return names | _names_written(before[at:end.start() if end else len(before)])


# a string (`"go"`) and an id selector (`#go`, whole: `#go-toggle` is another element's)
_NAME_WRITTEN = lazy_regex(rb"""(["'])([^"'\\\n]{1,256})\1|#([^\s"'`#.,:>~+*\[\]()=\\]+)""")


def _names_written(code: bytes) -> set[bytes]:
    names: set[bytes] = set()
    for m in _NAME_WRITTEN.finditer(code):
        if m.group(3) is not None:
            names.add(b"#" + m.group(3))
        else:
            value = m.group(2).strip()
            names.update((b'"' + value + b'"', b"'" + value + b"'"))
            if b"#" in value:  # a selector: `"a#go"`, `"#go .x"`
                names |= _names_written(value)
    return names


def _written(name: bytes, code: bytes) -> bool:
    """Whether `code` names an element as `name` does: a quoted id or name as it is, an
    id selector `#go` whole (`#go-toggle` is another element's)."""
    if not name.startswith(b"#"):
        return name in code
    return name in code and re.search(re.escape(name) + rb"(?![\w-])", code) is not None


def quoted_names(el: lxml.html.HtmlElement) -> set[bytes]:
    """How code may name an element by its id or name: `"x"`, `'x'` and `#x`."""
    names: set[bytes] = set()
    for value in (el.get("id"), el.get("name")):
        if value and value.strip():
            low = value.strip().lower().encode("utf-8", "replace")
            names.update((b'"' + low + b'"', b"'" + low + b"'", b"#" + low))
    return names


def _submit_controls(root: lxml.html.HtmlElement) -> set[bytes]:
    """How code may name a form's submit controls (a `<button>` of no other type, an
    `<input>` of type submit or image): each id and name, as `"x"`, `'x'` and `#x`."""
    names: set[bytes] = set()
    for el in root.iter("button", "input"):
        kind = (el.get("type") or ("submit" if el.tag == "button" else "")).strip().lower()
        if kind in ("submit", "image"):
            names |= quoted_names(el)
    return names


def _parks_a_loader(script_type: str) -> bool:
    """Whether a script of this type loads the URL parked in it: a code type's, and
    `text/plain`, how consent managers keep a tag inert until consent; not a template's
    or a data block's. A URL in a `src` or a parking attribute is only ever loaded, so
    any `text/plain` counts here; inline `text/plain` text may be a template, and counts
    as code only with a consent manager's mark (`consent_gated`)."""
    return is_code_type(script_type) or media_type(script_type) == "text/plain"


def tag_address(el: lxml.html.HtmlElement) -> str:
    """The address an element's tag loads: its `src`, else the URL a consent manager or a
    delay plugin parks in its place (WP Rocket's `data-rocket-src`, Cookiebot's
    `data-cookieblock-src`), else ''."""
    src = str(el.get("src") or "")
    if src.strip() and src.strip() != "about:blank":
        return src
    parked = _parked(el.get)
    return parked[1] if parked else ""


def _parked(get: Callable[[str], str | None]) -> tuple[str, str] | None:
    """The attribute the element's URL is parked in until consent or interaction, and
    the URL."""
    for attr in _PARKED_ATTRS:
        value = get(attr)
        if value:
            return attr, value
    return None


def _link(el: lxml.html.HtmlElement, found: _Found) -> None:
    href = el.get("href")
    loads = link_type(el.get("rel") or "", el.get("as") or "", href or "") if href else None
    if loads is not None:
        found(href, loads[0], f"link[{loads[1]}]")
        sheet = data_url(href, _DATA_SHEET) if loads[0] is RequestType.STYLESHEET else None
        for url, kind, via in sheet_urls(sheet) if sheet else ():
            found(url, kind, f"link[{loads[1]}] data: {via}")
    srcset = el.get("imagesrcset")  # a preloaded responsive image's candidates
    if srcset and (el.get("as") or "").lower() == "image":
        for url in srcset_urls(srcset):
            found(url, RequestType.IMAGE, "link[imagesrcset]")


def page_base(bases: Iterable[lxml.html.HtmlElement], url: str | None) -> str | None:
    """The URL relative references resolve against: <base href>, else the page URL.
    `bases`: the document's `<base>` elements in document order (a parsed page's
    `tagged("base")`, from its one walk of the common tags)."""
    for base in bases:
        href = base.get("href")
        if href:
            return resolve(href, url) or url
    return url


def declared_page_url(root: lxml.html.HtmlElement, source: str | None = None) -> str | None:
    """The page's own idea of its URL (for a page read without one: stdin without
    `--url`, a saved file): canonical link, og:url, then <base href>. A canonical on
    another publisher's site than an article's og:url on a public site is how a copy
    names its original (WP Automatic's "canonical to the source" leaves Yoast's og:url
    at the post's own address): there og:url is the page's, or the copy read as the
    original names no source. Unless the page's own `<link>`s (its feed, icon, styles,
    shortlink) are on the canonical's site and none on og:url's: a republisher whose CMS
    kept the original's og:url beside its own canonical is at its canonical, and reading
    it at og:url named its own site the source it copies. `source`, the parsed text, says
    where its `<body>` tag stands: a head holding its title that a stray `<div
    id="fb-root">` cut short keeps the canonical written after the div, before that tag
    (`cut_head_spill`)."""
    own = _head_elements(root, body_tag_line(source) if source else 0)
    canonical = next((url for el in own if str(el.tag).lower() == "link"
                      and "canonical" in (el.get("rel") or "").lower().split() and el.get("href")
                      and (url := resolve(el.get("href") or "", None))), None)
    og_url = next((url for el in own if str(el.tag).lower() == "meta"
                   and (el.get("property") or el.get("name") or "").lower() == "og:url"
                   and el.get("content") and (url := resolve(el.get("content") or "", None))),
                  None)
    if canonical and og_url and _elsewhere_than(canonical, og_url) and not _links_vouch(
            root, canonical, og_url):
        return og_url
    if canonical or og_url:
        return canonical or og_url
    for el in root.iter("base"):
        url = resolve(el.get("href") or "", None)
        if url:
            return url
    return None


# where a page's content begins: a head's tags spilled into the body come before these
_CONTENT_TAGS = frozenset({
    "article", "main", "section", "header", "nav", "footer", "aside", "p", "h1", "h2", "h3",
    "h4", "h5", "h6", "table", "form", "ul", "ol", "dl", "figure", "blockquote", "pre"})
_HEAD_TAGS = frozenset({"meta", "link", "title", "base", "style", "script", "noscript"})


def _head_elements(root: lxml.html.HtmlElement, body_line: int = 0
                   ) -> list[lxml.html.HtmlElement]:
    """The elements where a publisher declares its page's URL: its `<head>`'s, and, when the
    parser ended the head early at a stray element (a saved page's injected `<div>` or
    frame moves its title and links into the body), the body's before its first content
    element or text. A canonical or og:url in an article, or after the body's text, is
    markup someone put in the content (an injected `<link rel=canonical>` naming the
    attacker's host would make it the page's own site and its frames first-party). A head
    holding its title counts as cut only before the source's `<body>` tag (`body_line`)."""
    own: list[lxml.html.HtmlElement] = []
    for head in root.iter("head"):
        own.extend(el for el in head.iter() if isinstance(el.tag, str))
    body = root.find("body")
    if body is None or (body.text or "").strip():
        return own  # text first: the body's content begins at once
    framed: set[str] = set()  # the sites of the frames spilled before the element
    served: dict[str, bool] = {}  # site -> whether the template's files are its (one walk each)
    for el in cut_head_spill(root, body_line):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in _CONTENT_TAGS or (tag not in _HEAD_TAGS and (el.text or "").strip()):
            break
        if tag in _FRAME_TAGS:
            src = resolve(el.get("src") or el.get("data") or "", None)
            if src:
                framed.add(site_of(host_of(src)))
        if not (framed and _declares_framed(root, el, tag, framed, served)):
            own.append(el)
        if (el.tail or "").strip():
            break
    return own


_FRAME_TAGS = frozenset({"iframe", "frame", "object", "embed"})


def _declares_framed(root: lxml.html.HtmlElement, el: lxml.html.HtmlElement, tag: str,
                     framed: set[str], served: dict[str, bool]) -> bool:
    """Whether a spilled canonical or og:url names the site of a frame spilled before it
    and nothing else of the page's makes that site its home: the frame that cut the head
    short and the page URL after it are one injection (a hidden frame of the attacker's
    host, then a canonical naming that host, made it the page's own site and its frame
    first-party); a publisher's own head names its page, not the host of a frame that broke
    its head. Unless the page's template files are that site's (`_serves_template`): a
    site's own consent or sync frame first in its head cuts it the same way, and its
    canonical, stylesheets and scripts all name the one site."""
    declared = el.get("href") if tag == "link" else el.get("content") if tag == "meta" else None
    url = resolve(declared or "", None)
    if not url:
        return False
    site = site_of(host_of(url))
    if site not in framed:
        return False
    if site not in served:  # asked once a site: a spill of many canonicals walks no more
        served[site] = _serves_template(root, site)
    return not served[site]


# the `<link>` relations of a site's own template files: its look, not a page address
# (canonical, alternate and shortlink name pages) nor code (an injected blob's own script,
# or a preload of it, is as cheap to print as its canonical)
_TEMPLATE_RELS = frozenset({"stylesheet", "icon", "apple-touch-icon", "manifest"})


def _serves_template(root: lxml.html.HtmlElement, site: str) -> bool:
    """Whether the page's template takes its look from `site`: a stylesheet, icon or
    manifest of that site in a folder of it (`/wp-content/themes/gazette/style.css`,
    `/static/css/main.css`), the place a site's build serves from, and no fewer of them
    than of any other site (`_template_sites`). A hidden frame and a canonical naming the
    frame's host are all an injected head-top blob needs, and its scripts are its payload;
    a site's theme served from that host is the site's, and one stylesheet of the frame's
    host an injector prints beside the victim's theme stylesheet and icon is outnumbered
    by them. (An injector that prints as many template files of its host as the page's
    template holds passes: the frame then reads first-party, as it would with the page's
    address given by `--url`.)"""
    counts = _template_sites(root)
    return counts.get(site, 0) > 0 and counts[site] >= max(counts.values())


def _template_sites(root: lxml.html.HtmlElement) -> dict[str, int]:
    """How many of the page's template files (`_TEMPLATE_RELS` links in a folder) each
    site serves, in one walk of its links."""
    counts: dict[str, int] = {}
    for el in root.iter("link"):
        if not set((el.get("rel") or "").lower().split()) & _TEMPLATE_RELS:
            continue
        url = resolve(el.get("href") or "", None)
        parts = split_url(url) if url else None
        if url and parts is not None and "/" in parts.path.strip("/"):
            key = site_of(host_of(url))
            counts[key] = counts.get(key, 0) + 1
    return counts


def _links_vouch(root: lxml.html.HtmlElement, canonical: str, og_url: str) -> bool:
    """The page's `<link>`s other than its canonical (the site template's feed, icon,
    styles, shortlink, API root) name the canonical's site and never og:url's."""
    ours, theirs = site_of(host_of(canonical)), site_of(host_of(og_url))
    on_ours = False
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        url = resolve(el.get("href") or "", None) if "canonical" not in rel else None
        site = site_of(host_of(url)) if url else ""
        if site and same_brand(site, theirs):
            return False
        on_ours = on_ours or bool(site and same_brand(site, ours))
    return on_ours


def _elsewhere_than(canonical: str, og_url: str) -> bool:
    """og:url is an article on a public site of another publisher than the canonical's.

    >>> _elsewhere_than("https://www.herald.co.uk/n/7", "https://feedhub.net/n-7/")
    True
    >>> _elsewhere_than("https://www.bbc.co.uk/n/7", "https://www.bbc.com/n/7")
    False
    >>> _elsewhere_than("https://www.herald.co.uk/n/7", "https://feedhub.net/")
    False
    """
    own, there = host_of(og_url), host_of(canonical)
    parts = split_url(og_url)
    return (parts is not None and bool(parts.path.strip("/")) and public_site(own)
            and bool(site_of(there)) and not same_brand(site_of(own), site_of(there)))


def page_title(titles: Iterable[lxml.html.HtmlElement],
               metas: Iterable[lxml.html.HtmlElement]) -> str | None:
    """The page's title: its first `<title>` with text, else its `og:title` (`titles`,
    `metas`: the document's, in document order; a parsed page's `tagged` views)."""
    for el in titles:
        text = " ".join((el.text_content() or "").split())
        if text:
            return text
    for el in metas:
        if (el.get("property") or "").lower() == "og:title" and el.get("content"):
            return " ".join((el.get("content") or "").split())
    return None

