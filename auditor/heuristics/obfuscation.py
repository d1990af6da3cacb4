"""Obfuscated inline scripts: decode base64, char-code, hex, percent, reversed and
P.A.C.K.E.R. payloads statically and report the URLs hidden inside.

Injected loaders hide their target (`eval(atob('…'))`) so that a scan of `src`
attributes and URL literals misses it. Nothing here executes page code: literals are
decoded with bounded sizes (MAX_SCRIPT, MAX_DECODED) and depth (MAX_DEPTH), and
`decode_script` is cached because the pipeline and several heuristics ask about the
same script.

A script counts as obfuscated only when a decoder feeds an execution sink (eval,
Function, document.write, a `src`/`location` assignment), when it is packed or
machine-obfuscated, or when decoding reveals URLs: `atob` alone is a normal API, and
WordPress' emoji loader calls `String.fromCharCode` on every page.
"""

from __future__ import annotations

import base64
import binascii
import functools
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from auditor.dom.inline_js import loaded_urls, type_from_extension
from auditor.dom.parser import elements, line_of, xpath_of
from auditor.heuristics.interface import PageContext, finding
from auditor.model import Category, Finding, RequestType, Severity
from auditor.slots import inline_scripts
from auditor.urls import host_of, is_third_party, resolve

MAX_SCRIPT = 512 * 1024  # characters of one script that are examined
MAX_DECODED = 256 * 1024  # decoded characters kept per script, all payloads together
MAX_DEPTH = 3  # a payload inside a payload inside a payload
MAX_LITERAL = 64 * 1024  # one encoded literal

_ATOB_LITERAL = re.compile(r"""\batob\(\s*(['"])([A-Za-z0-9+/=\s\\]{8,65536}?)\1\s*\)""")
_ATOB_NAME = re.compile(r"""\batob\(\s*([A-Za-z_$][\w$]{0,40})\s*\)""")
_LONG_B64 = re.compile(r"""(['"])([A-Za-z0-9+/]{40,65536}={0,2})\1""")
_CHARCODE_CALL = re.compile(
    r"fromCharCode(?:\.apply\(\s*[\w$.]+\s*,\s*\[|\(\s*)"
    r"((?:0x[0-9a-fA-F]{1,4}|\d{1,5})(?:\s*,\s*(?:0x[0-9a-fA-F]{1,4}|\d{1,5})){3,20000})"
)
_CODE_ARRAY = re.compile(r"\[\s*(\d{2,3}(?:\s*,\s*\d{2,3}){7,20000})\s*\]")
_ESCAPED_LITERAL = re.compile(
    r"""(['"])((?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|[^'"\\\n]){4,65536}?)\1"""
)
_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")
_PERCENT_CALL = re.compile(
    r"""\b(?:unescape|decodeURIComponent|decodeURI)\(\s*(['"])((?:%[0-9a-fA-F]{2}|%u[0-9a-fA-F]{4}|[^'"%\n]){6,65536}?)\1"""
)
_PERCENT_U = re.compile(r"%u([0-9a-fA-F]{4})")
_REVERSED = re.compile(
    r"""(['"])([^'"\n]{8,4096})\1\s*\.split\(\s*(['"])\3\s*\)\s*\.reverse\(\s*\)\s*\.join\("""
)
_PACKED = re.compile(r"eval\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[dr]\s*\)")
_PACKER_ARGS = re.compile(
    r"""\}\s*\(\s*'((?:[^'\\]|\\.){0,262144})'\s*,\s*(\d{1,3})\s*,\s*(\d{1,6})\s*,\s*"""
    r"""'((?:[^'\\]|\\.){0,262144})'\s*\.split\(\s*'\|'\s*\)""",
    re.S,
)
_WORD = re.compile(r"\b\w+\b")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

# An execution sink whose argument starts with a decoder: eval(atob(…)), new Function(
# unescape(…)), document.write(String.fromCharCode(…)), eval(_0x3fa2(…)).
_SINK_OF_DECODER = re.compile(
    r"\b(?:eval|Function|setTimeout|setInterval|document\s*\.\s*write(?:ln)?)\s*\(\s*"
    r"(?:[\w$.]+\s*\(\s*){0,3}"
    r"(?:window\.)?(?:atob|unescape|decodeURIComponent|escape|String\s*\.\s*fromCharCode|_0x[0-9a-f]{3,6})\b"
)
_DECODER_WORDS = ("atob", "unescape", "decodeURI", "escape(", "fromCharCode", "_0x", "base64")
_SINK = re.compile(r"\beval\s*\(|\bnew\s+Function\s*\(|\bdocument\s*\.\s*write(?:ln)?\s*\(")
_OBFUSCATOR_IDENT = re.compile(r"\b_0x[0-9a-f]{4,6}\b")
_LONG_LITERAL = re.compile(r"""(['"])([^'"\s\\]{200,})\1""")
# What the 60 characters before a decoder say its result is used for.
_LOCATION_SINK = re.compile(
    r"(?:\blocation(?:\s*\.\s*href)?\s*=|\blocation\s*\.\s*(?:replace|assign)\s*\()\s*"
    r"(?:decodeURIComponent\(\s*)?(?:escape\(\s*)?(?:window\.)?$"
)
_SRC_SINK = re.compile(
    r"(?:\.\s*src\s*=|setAttribute\(\s*['\"]src['\"]\s*,)\s*(?:decodeURIComponent\(\s*)?(?:window\.)?$"
)
_WRITE_SINK = re.compile(r"document\s*\.\s*write(?:ln)?\s*\(\s*(?:[\w$.]+\s*\(\s*){0,2}$")
_CREATES_ELEMENT = re.compile(r"""createElement\(\s*['"](script|iframe|img)['"]""")
_HTML_SRC = re.compile(
    r"""<(script|iframe|img|frame|embed)\b[^>]*?\bsrc\s*=\s*['"]?([^'"\s>]+)""", re.I
)
_ANY_URL = re.compile(
    r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/[^\s'"<>`)\\]*)?"""
)
_TAG_TYPES = {
    "script": RequestType.SCRIPT,
    "iframe": RequestType.SUBDOCUMENT,
    "frame": RequestType.SUBDOCUMENT,
    "img": RequestType.IMAGE,
    "embed": RequestType.OBJECT,
}
_HANDLERS = etree.XPath("//*[@onerror or @onload or @onclick or @onmouseover]")
_HANDLER_ATTRS = ("onerror", "onload", "onclick", "onmouseover")


@dataclass(frozen=True, slots=True)
class HiddenURL:
    """A URL found only after decoding; `loaded` when the decoded code requests it."""

    url: str
    type: RequestType
    loaded: bool


@dataclass(frozen=True, slots=True)
class Decoded:
    """What static decoding of one script revealed."""

    payloads: tuple[str, ...] = ()
    urls: tuple[HiddenURL, ...] = ()
    signals: tuple[str, ...] = ()

    @property
    def obfuscated(self) -> bool:
        return bool(self.signals)


NOTHING = Decoded()


def _printable(text: str) -> bool:
    if not text:
        return False
    good = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return good / len(text) >= 0.9


def _b64(literal: str) -> str | None:
    compact = re.sub(r"\s|\\n", "", literal)
    if len(compact) < 8:
        return None
    try:
        raw = base64.b64decode(compact + "=" * (-len(compact) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    text = raw.decode("utf-8", errors="replace")
    return text if _printable(text) else None


def _codes(numbers: str) -> str | None:
    out = []
    for part in numbers.split(","):
        part = part.strip()
        value = int(part, 16) if part.lower().startswith("0x") else int(part)
        if value > 0x10FFFF:
            return None
        out.append(chr(value))
    text = "".join(out)
    return text if _printable(text) else None


def _unescape(literal: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), literal)


def _unbase(word: str, base: int) -> int | None:
    value = 0
    for ch in word:
        digit = _DIGITS.find(ch)
        if digit < 0 or digit >= base:
            return None
        value = value * base + digit
    return value


def unpack(code: str) -> str | None:
    """Dean Edwards' P.A.C.K.E.R.: rebuild the payload from its word table.

    >>> unpack("eval(function(p,a,c,k,e,d){}('0.1(\\\\'2://3.4/5.6\\\\')',10,7,"
    ...        "'document|write|https|evil|test|x|js'.split('|'),0,{}))")
    "document.write('https://evil.test/x.js')"
    """
    match = _PACKER_ARGS.search(code)
    if match is None:
        return None
    payload, base, count = match.group(1), int(match.group(2)), int(match.group(3))
    words = match.group(4).split("|")
    if not 2 <= base <= 62 or count > 100_000:
        return None

    def word(m: re.Match[str]) -> str:
        index = _unbase(m.group(0), base)
        if index is not None and index < len(words) and words[index]:
            return words[index]
        return m.group(0)

    text = _WORD.sub(word, payload)
    return text.replace("\\'", "'").replace("\\\\", "\\")


def _entropy(text: str) -> float:
    counts = Counter(text)
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def _wrap(code: str, start: int, text: str) -> str:
    """The decoded text as the code that uses it would: a src or location assignment."""
    before = code[max(0, start - 60) : start]
    stripped = text.strip()
    if _LOCATION_SINK.search(before) and _ANY_URL.fullmatch(stripped):
        return f'location.href="{stripped}"'
    if _SRC_SINK.search(before) and _ANY_URL.fullmatch(stripped):
        return f'x.src="{stripped}"'
    return text


def _decodings(code: str) -> Iterator[str]:
    """Every payload one level of decoding yields, wrapped as its sink uses it."""
    if "atob" in code:
        for m in _ATOB_LITERAL.finditer(code):
            text = _b64(m.group(2))
            if text:
                yield _wrap(code, m.start(), text)
        for m in _ATOB_NAME.finditer(code):
            name = re.escape(m.group(1))
            assigned = re.search(rf"""\b{name}\s*=\s*(['"])([A-Za-z0-9+/=]{{8,65536}})\1""", code)
            if assigned:
                text = _b64(assigned.group(2))
                if text:
                    yield _wrap(code, m.start(), text)
    if "atob" in code or "base64" in code:
        for m in _LONG_B64.finditer(code):
            text = _b64(m.group(2))
            if text and ("//" in text or "<" in text or "(" in text):
                yield text
    if "fromCharCode" in code:
        for m in _CHARCODE_CALL.finditer(code):
            text = _codes(m.group(1))
            if text:
                yield _wrap(code, m.start(), text)
        for m in _CODE_ARRAY.finditer(code):
            text = _codes(m.group(1))
            if text:
                yield text
    if code.count("\\x") + code.count("\\u") >= 8:
        for m in _ESCAPED_LITERAL.finditer(code):
            if "\\x" in m.group(2) or "\\u" in m.group(2):
                yield _wrap(code, m.start(), _unescape(m.group(2)))
    if "%" in code:
        for m in _PERCENT_CALL.finditer(code):
            literal = m.group(2)
            if literal.count("%") >= 3:
                text = _PERCENT_U.sub(lambda u: chr(int(u.group(1), 16)), literal)
                yield _wrap(code, m.start(), unquote(text))
    if ".reverse()" in code:
        for m in _REVERSED.finditer(code):
            yield _wrap(code, m.start(), m.group(2)[::-1])
    if _PACKED.search(code):
        text = unpack(code)
        if text:
            yield text


def _hidden_urls(outer: str, payload: str) -> Iterator[HiddenURL]:
    """URLs in a decoded payload, and whether the payload (or its caller) loads them."""
    loaded: dict[str, RequestType] = {}
    creates = _CREATES_ELEMENT.search(outer)
    for url, kind, assigned in loaded_urls(payload):
        if assigned:
            if payload.startswith("x.src=") and creates and not type_from_extension(url):
                kind = _TAG_TYPES[creates.group(1)]  # the element the outer code created
            loaded[url] = kind
    if payload.startswith("location.href="):
        for m in _ANY_URL.finditer(payload):
            loaded[m.group(0)] = RequestType.DOCUMENT
    for m in _HTML_SRC.finditer(payload):
        loaded[m.group(2)] = _TAG_TYPES.get(m.group(1).lower(), RequestType.OTHER)
    stripped = payload.strip()
    if creates and _ANY_URL.fullmatch(stripped):
        tag = creates.group(1)
        loaded.setdefault(stripped, type_from_extension(stripped) or _TAG_TYPES[tag])
    seen: set[str] = set()
    for m in _ANY_URL.finditer(payload):
        url = m.group(0)
        before = payload[m.start() - 1] if m.start() else ""
        if url.startswith("//") and before not in "'\"=(" and m.start():
            continue
        if url in seen:
            continue
        seen.add(url)
        found = loaded.get(url)
        kind = found or type_from_extension(url) or RequestType.OTHER
        yield HiddenURL(url, kind, found is not None)
    for url, known in loaded.items():
        if url not in seen:
            seen.add(url)
            yield HiddenURL(url, known, True)


@functools.lru_cache(maxsize=256)
def decode_script(code: str) -> Decoded:
    """Decode what a script hides; NOTHING for the overwhelming majority of scripts."""
    code = code[:MAX_SCRIPT]
    signals: list[str] = []
    decoders = any(word in code for word in _DECODER_WORDS)  # cheap `in` checks first
    if decoders and _SINK_OF_DECODER.search(code):
        signals.append("decoder fed to eval/Function/document.write")
    if "p,a,c,k,e" in code.replace(" ", "") and _PACKED.search(code):
        signals.append("P.A.C.K.E.R.-packed")
    if "_0x" in code and len(_OBFUSCATOR_IDENT.findall(code)) >= 10:
        signals.append("javascript-obfuscator identifiers (_0x…)")
    sink = ("eval" in code or "Function" in code or "write" in code) and bool(_SINK.search(code))
    if sink and code.count("\\x") >= 20:
        signals.append("hex-escaped strings run through eval")
    if sink and not signals:
        for m in _LONG_LITERAL.finditer(code):
            if _entropy(m.group(2)) >= 4.5:
                signals.append("high-entropy literal next to eval")
                break
    if not signals and not decoders and "\\x" not in code and "%" not in code \
            and ".reverse()" not in code:
        return NOTHING  # nothing here can hide anything
    payloads: list[str] = []
    urls: dict[str, HiddenURL] = {}
    budget = MAX_DECODED
    frontier = [code]
    for _depth in range(MAX_DEPTH):
        following: list[str] = []
        for text in frontier:
            for payload in _decodings(text):
                payload = payload[:budget]
                if not payload or payload in payloads:
                    continue
                budget -= len(payload)
                payloads.append(payload)
                following.append(payload)
                for hidden in _hidden_urls(text, payload):
                    known = urls.get(hidden.url)
                    if known is None or (hidden.loaded and not known.loaded):
                        urls[hidden.url] = hidden
                if budget <= 0:
                    break
        frontier = following
        if not frontier or budget <= 0:
            break
    if urls and not signals:
        kinds = "loads" if any(u.loaded for u in urls.values()) else "hides"
        signals.append(f"encoded string {kinds} URL(s)")
    elif payloads and not signals and any(
        _SINK.search(p) or "<script" in p.lower() for p in payloads
    ):
        signals.append("encoded string holds code")
    if not signals:
        return NOTHING
    return Decoded(tuple(payloads), tuple(urls.values()), tuple(signals))


def script_codes(ctx: PageContext) -> tuple[tuple[str, int, str], ...]:
    """(code, line, xpath) of every inline script and inline event handler."""
    return () if ctx.root is None else _codes_of(ctx.root)


@functools.lru_cache(maxsize=2)
def _codes_of(root: etree._Element) -> tuple[tuple[str, int, str], ...]:
    """Cached per parsed page: several heuristics read the same scripts."""
    out = [(s.text or "", line_of(s), xpath_of(s)) for s in inline_scripts(root)]
    for el in elements(_HANDLERS(root)):
        for attr in _HANDLER_ATTRS:
            value = el.get(attr)
            if value and len(value) > 20:
                out.append((value, line_of(el), xpath_of(el)))
    return tuple(out)


def page_payloads(ctx: PageContext) -> Iterator[str]:
    """Decoded payloads of the page's scripts, for heuristics that read code."""
    for code, _, _ in script_codes(ctx):
        yield from decode_script(code).payloads


def obfuscated_scripts(ctx: PageContext) -> Iterator[Finding]:
    """Inline code that hides what it runs or loads."""
    miners = [n for n in ctx.catalogue.networks if n.category is Category.CRYPTOMINING]
    for code, line, xpath in script_codes(ctx):
        decoded = decode_script(code)
        if not decoded.obfuscated:
            continue
        base = ctx.url
        offsite = []
        for hidden in decoded.urls:
            url = resolve(hidden.url, base)
            if url and is_third_party(host_of(url), ctx.first_party):
                offsite.append(url)
        mines = any(p.search(t) for t in decoded.payloads for n in miners for p in n.inline)
        redirect = any(t.startswith("location.href=") for t in decoded.payloads)
        severity = Severity.HIGH if offsite or mines or redirect else Severity.MEDIUM
        hidden_urls = sorted({u.url for u in decoded.urls})
        what = ", ".join(decoded.signals)
        if hidden_urls:
            shown = ", ".join(hidden_urls[:5]) + (" …" if len(hidden_urls) > 5 else "")
            message = f"obfuscated inline script ({what}) hides {len(hidden_urls)} URL(s): {shown}"
            evidence = " ".join(hidden_urls[:20])
            key: tuple[str, ...] = tuple(hidden_urls)
        else:
            message = f"obfuscated inline script ({what})"
            evidence = " ".join(code.split())[:160]
            key = (" ".join(code.split()),)
        if mines:
            message += "; the decoded code starts a cryptominer"
        if redirect:
            message += "; the decoded code redirects the visitor"
        yield finding("obfuscated-script", severity, message, evidence, line=line, xpath=xpath,
                      key=key)


HEURISTICS = (obfuscated_scripts,)
