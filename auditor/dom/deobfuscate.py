"""Static decoding of inline scripts: base64, char-code, hex, percent, reversed,
shift-cipher and P.A.C.K.E.R. payloads, and the URLs they hide.

Injected loaders hide their target (`eval(atob('…'))`) so that a scan of `src`
attributes and URL literals misses it. Nothing here executes page code: literals are
decoded with bounded sizes (MAX_SCRIPT, MAX_DECODED) and depth (MAX_DEPTH), once per
page: the walk and several heuristics ask about the same script, and the page
(`ParsedPage.decoded`) keeps the answer. Judging what a payload means is the
`obfuscated-script` heuristic's job (auditor/heuristics/obfuscation.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any, NamedTuple
from urllib.parse import unquote

import lxml.html
from lxml import etree

from auditor.dom.inline_js import (
    base64_text,
    loaded_urls,
    parameters,
    printable,
    type_from_extension,
    unjoined,
)
from auditor.dom.js_string import JS_ESCAPE, escaped_char, js_unescaped, quoted_value
from auditor.dom.parser import HTML_PARSER, re2_text_pattern
from auditor.dom.scheme_urls import declared_urls
from auditor.dom.string_table import ROTATION_LOOP, resolved
from auditor.lazy_re import lazy_regex
from auditor.model import RequestType
from auditor.rules.literal import assigned_names, branch_matches

MAX_SCRIPT = 512 * 1024  # characters of one script that are examined
MAX_DECODED = 256 * 1024  # decoded characters kept per script, all payloads together
MAX_DEPTH = 3  # a payload inside a payload inside a payload

# `atob(?<!\watob)` is `\batob`: a pattern led by a literal lets the regex engine skip
# ahead to it, one led by `\b` is tried at every position of the script.
_ATOB_LITERAL = lazy_regex(r"""atob(?<!\watob)\(\s*(['"])([A-Za-z0-9+/=\s\\]{8,65536}?)\1\s*\)""")
_ATOB_NAME = lazy_regex(r"""atob(?<!\watob)\(\s*([A-Za-z_$][\w$]{0,40})\s*\)""")
_LONG_B64 = lazy_regex(r"""(['"])([A-Za-z0-9+/]{40,65536}={0,2})\1""")
# What every `_LONG_B64` and every `_HEX_LITERAL` match opens with, asked of the text by
# RE2 (one linear pass) before `re` tries the pattern at each of a bundle's quotes: the
# corpus's texts that reach them (10 a pass, 850 KB) hold one such literal in all
_LONG_B64_OPENING: Any = re2_text_pattern(r"""['"][A-Za-z0-9+/]{40}""")
_HEX_OPENING: Any = re2_text_pattern(r"""['"][0-9a-fA-F]{40}""")
_CHARCODE_CALL = lazy_regex(
    r"fromCharCode(?:\.apply\(\s*[\w$.]+\s*,\s*\[|\(\s*)"
    r"((?:0x[0-9a-fA-F]{1,4}|\d{1,5})(?:\s*,\s*(?:0x[0-9a-fA-F]{1,4}|\d{1,5})){3,20000})"
)
_CODE_ARRAY = lazy_regex(r"\[\s*(\d{2,3}(?:\s*,\s*\d{2,3}){7,20000})\s*\]")
# code written as hex digits in a plain string, two a character, which the script turns
# into char codes (`parseInt(b.substring(i, i+2), 16)`, then `String.fromCharCode`) and
# runs: Imperva's inline code has this shape, and so does a loader that copies it
_HEX_LITERAL = lazy_regex(r"""(['"])((?:[0-9a-fA-F]{2}){20,65536})\1""")
_HEX_PARSE = lazy_regex(r"parseInt\((?:[^()]|\([^()]{0,80}\)){1,120}?,\s*16\s*\)")
# Quoted literals of at least 4 characters (an `\xHH` or `\uHHHH` escape counts as one)
# are read left to right, each from where the last ends; those holding an escape are
# decoded. `_NEXT_ESCAPED`, matched where the last one ended, steps over the plain
# literals and everything between inside the regex engine (a script holds thousands of
# plain literals: one match object each took 2.6x as long) and captures the next
# literal with an escape. Bodies are unrolled: runs of plain characters, matched in one
# step, between escapes.
_PLAIN = r"""[^'"\\\n]"""
_ESCAPED = r"(?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4})"
_UNITS4 = f"(?=(?:{_PLAIN}|{_ESCAPED}){{4}})"
_HOLDS_ESCAPE = f"{_UNITS4}{_PLAIN}*+(?:{_ESCAPED}{_PLAIN}*+)++"
_NEXT_ESCAPED = lazy_regex(
    f"""(?:'{_PLAIN}{{4,65536}}+'|"{_PLAIN}{{4,65536}}+"|[^'"]++"""  # a plain literal, or no quote
    f"""|(?!'{_HOLDS_ESCAPE}'|"{_HOLDS_ESCAPE}")['"])*+"""  # a quote opening no literal
    f"""(?:(['"])({_HOLDS_ESCAPE})\\1)?"""
)
MAX_ESCAPED_UNITS = 65536  # characters (an escape one) of a literal that is decoded
# each led by its name, which the regex engine skips ahead to (an alternation of the
# names was tried at every character: 4 ms for a 190 KB script)
_PERCENT_LITERAL = r"""\(\s*(['"])((?:%[0-9a-fA-F]{2}|%u[0-9a-fA-F]{4}|[^'"%\n]){6,65536}?)\1"""
_PERCENT_CALLS = (
    lazy_regex(r"unescape(?<!\wunescape)" + _PERCENT_LITERAL),
    lazy_regex(r"decodeURI(?<!\wdecodeURI)(?:Component)?" + _PERCENT_LITERAL),
)
_PERCENT_U = lazy_regex(r"%u([0-9a-fA-F]{4})")
# a string's characters reversed, `"sj.a/moc.x//:sptth".split("").reverse().join("")`:
# found by its tail, then the literal just before it (a regex led by the quote was tried
# at every quote of a script: 2 ms for 190 KB)
_REVERSE_TAIL = lazy_regex(r"""\.split\(\s*(['"])\1\s*\)\s*\.reverse\(\s*\)\s*\.join\(""")
_REVERSED_MAX = 4096  # characters of a reversed literal
PACKED = "P.A.C.K.E.R.-packed"  # the signal of Dean Edwards' packer
_PACKED = lazy_regex(r"eval\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[dr]\s*\)")
_PACKER_ARGS = lazy_regex(
    r"""\}\s*\(\s*'((?:[^'\\]|\\.){0,262144})'\s*,\s*(\d{1,3})\s*,\s*(\d{1,6})\s*,\s*"""
    r"""'((?:[^'\\]|\\.){0,262144})'\s*\.split\(\s*'\|'\s*\)""",
    re.S,
)
_WORD = lazy_regex(r"\b\w+\b")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

# An execution sink whose argument starts with a decoder: eval(atob(…)), new Function(
# unescape(…)), document.write(String.fromCharCode(…)), eval(_0x3fa2(…)).
# One regex per sink, each led by its name, which the regex engine skips ahead to (an
# alternation of the names was tried at every character: 3.6 ms for a 190 KB script).
_SINKS_OF_DECODER = tuple(lazy_regex(
    rf"{name}(?<!\w{name}){rest}" + r"\s*\(\s*(?:[\w$.]+\s*\(\s*){0,3}"
    r"(?:window\.)?(?:atob|unescape|decodeURIComponent|escape|String\s*\.\s*fromCharCode|_0x[0-9a-f]{3,6})\b"
) for name, rest in (("eval", ""), ("Function", ""), ("setTimeout", ""), ("setInterval", ""),
                     ("document", r"\s*\.\s*write(?:ln)?")))
_DECODER_WORDS = ("atob", "unescape", "decodeURI", "escape(", "fromCharCode", "_0x", "base64")
_OBFUSCATOR_IDENT = lazy_regex(r"\b_0x[0-9a-f]{4,6}\b")
# javascript-obfuscator's rotation of its string table (`while(!![]){try{var O=parseInt(…`),
# kept when a minifier renames its `_0x` names to letters (the ndsw loader's later form),
# its loop perhaps compressed too (`while(!0)`, `while(true)`, `for(;;)`, terser's
# `for(…;;)try{if(`)
_ROTATION = lazy_regex(ROTATION_LOOP + r"\s*\{\s*try\s*\{|;\s*;\s*\)\s*try\s*\{\s*if\s*\(")
# `_ROTATION` case-blind, run by RE2 in one pass first: wherever `_ROTATION` matches it does
# (`re` tried that pattern's three openings at each `w`, `f` and `;` of a bundle)
_ROTATION_MAY: Any = re2_text_pattern(_ROTATION.pattern)
# code decoded by XOR (`z.charCodeAt(0) ^ t.charCodeAt(n % t.length)`) and run by
# `Function` or `eval` on a name: a skimmer's key is often the page's host name, so its
# payload decodes only on the site it was made for; what it runs is not read here
# (either operand first: `k ^ z.charCodeAt(0)`); the name run by `eval` called directly
# or not (`window['eval'](n)`, `(0,eval)(n)`) or by `Function` with no parameters
# (`new Function('', n)`). The decoding's two forms are sought each by its own literal
# (`branch_matches`): as one regex's branches `re` tried them at each `c` of a script
# (6.9 -> 0.9 ms over the corpus's 11 scripts read)
_XOR_DECODE = (lazy_regex(r"charCodeAt\([^()]{0,40}\)\s*\^"),
               lazy_regex(r"\^\s*[\w$.]{1,40}\.\s*charCodeAt\("))
_RUNS_A_NAME = lazy_regex(
    r"(?:Function|eval)(?<![\w$]Function)(?<![\w$]eval)(?:\s*['\"]\s*\]|\s*\))?\s*\(\s*"
    r"""(?:(['"])\1\s*,\s*)?[A-Za-z_$][\w$]{0,40}\s*\)"""
    # `Function` reached by `call` or `apply` (`Function.call(null, n)()`,
    # `Function.apply(null, [n])()`), or a decoder's call run in place (`eval(d('…','k'))`)
    r"|Function(?<![\w$]Function)\s*\.\s*(?:call\s*\(\s*[\w$.]{1,20}\s*,\s*"
    r"|apply\s*\(\s*[\w$.]{1,20}\s*,\s*\[\s*)[A-Za-z_$][\w$]{0,40}\s*[\])]"
    r"""|(?:Function|eval|setTimeout|setInterval)(?<![\w$]Function)(?<![\w$]eval)"""
    r"""(?<![\w$]setTimeout)(?<![\w$]setInterval)\s*\(\s*[A-Za-z_$][\w$]{0,40}\s*\(\s*['"]""")
# a timer handed a name (`setTimeout(n, 10)`, `window['setTimeout'](n)`) runs it as code
# when the name holds a string: one the script assigns, and no function or arrow
_TIMER_RUNS = lazy_regex(
    r"(?:setTimeout|setInterval)(?<![\w$]setTimeout)(?<![\w$]setInterval)"
    r"""(?:\s*['"]\s*\])?\s*\(\s*([A-Za-z_$][\w$]{0,40})\s*[,)]""")
_LONG_LITERAL = lazy_regex(r"""(['"])[^'"\s]{200,65536}\1""")
XOR_RUN_MIN_ESCAPES = 64  # escapes of the literal a XOR decoder's code hides (a key takes few)
# the key a XOR decoder is handed as a literal of the script (`('\x54…','k3yZ')`): tried on
# the script's longest literal, as written and reversed, the first few short literals each
# (each literal read whole, escapes and all, so the quotes pair as the script's do)
_XOR_KEY = lazy_regex(r"""'((?:[^'\\\n]|\\.){0,4096})'|"((?:[^"\\\n]|\\.){0,4096})\"""")
XOR_KEYS_TRIED = 8
XOR_BLOB_READ = 16_384  # characters of the literal decoded with the key that reads it
XOR_TRIAL = 256  # characters of it each key is tried on
# what decoded code reads as: a call or assignment and a word of code (a wrong key's
# answer, the right one's letters XORed again, is often printable, never these)
_CODE_LIKE = lazy_regex(r"[\w$\])]\s*[(=;]")
_CODE_WORD = lazy_regex(r"\b(?:function|var|let|const|return|document|window|new)\b")


XOR_RUN_REACH = 600  # characters between the XOR decoding and the `Function`/`eval` running it
XOR_SITES_READ = 50  # XOR decodings of a script each looked around once


def _xor_runs(code: str) -> bool:
    """Whether code XOR-decodes a long literal (64+ escapes, or 200+ characters) and runs
    the answer by `Function` or `eval` on a name near the decoding (the checkout
    skimmer's shape: its decoder and its `new Function(n)` are one small function; a
    bundle's CRC-32 and a dev loader's `eval(src)` far apart are no decoder running)."""
    if "charCodeAt" not in code or "^" not in code or not (
            code.count("\\x") + code.count("\\u") >= XOR_RUN_MIN_ESCAPES
            or _LONG_LITERAL.search(code)):
        return False
    for xor in islice(branch_matches(_XOR_DECODE, code), XOR_SITES_READ):
        start, end = max(0, xor.start() - XOR_RUN_REACH), xor.end() + XOR_RUN_REACH
        if _RUNS_A_NAME.search(code, start, end):
            return True
        timer = _TIMER_RUNS.search(code, start, end)
        if timer is not None and _holds_a_string(code, timer.group(1)):
            return True
    return False


def _holds_a_string(code: str, name: str) -> bool:
    """Whether a name the script assigns holds a value no function literal gives: what a
    decoder returned (`var c = d('…', k)`), not a callback (`cb = function…`, `cb = () =>`,
    `function cb(`), so a timer handed it runs a string as code."""
    if re.search(rf"\bfunction\s+{re.escape(name)}\s*\(", code):
        return False
    assigned = False
    for m in islice(re.finditer(rf"(?<![\w$.]){re.escape(name)}\s*=(?![=>])\s*", code),
                    XOR_SITES_READ):
        if _FUNCTION_VALUE.match(code, m.end()):
            return False
        assigned = True
    return assigned


# a value that is a function: `function`, an arrow (`(a) =>`, `a =>`, `async () =>`)
_FUNCTION_VALUE = lazy_regex(
    r"(?:async\s+)?(?:function\b|\([^()]{0,200}\)\s*=>|[A-Za-z_$][\w$]*\s*=>)")


@lru_cache(maxsize=16)  # asked for the signal and again for the payload, of the same code
def _xor_keyed(code: str) -> str | None:
    """The code a XOR decoder runs, when its key is a literal the script holds: its
    longest literal (unescaped) XORed with each of the first few short literals, as
    written and reversed, the first answer that reads as code (or is JSON data: a bot
    check's configuration); None when no key reads it (a skimmer's key is often the
    page's host name, which no literal holds)."""
    longest = max((literal for _, literal in _escaped_literals(code)), key=len, default="")
    long_plain = _LONG_LITERAL.search(code)
    if long_plain is not None and len(long_plain.group()) - 2 > len(longest):
        longest = long_plain.group()[1:-1]
    blob = js_unescaped(longest)[:XOR_BLOB_READ]
    if len(blob) < 32:
        return None
    keys = []
    for m in _XOR_KEY.finditer(code):
        key = m.group(1) if m.group(1) is not None else m.group(2)
        if 0 < len(key) <= 64 and "\\" not in key and key not in keys:
            keys.append(key)
            if len(keys) >= XOR_KEYS_TRIED:
                break
    for key in keys:
        for text in (blob, blob[::-1]):
            head = _xored(text[:XOR_TRIAL], key)  # tried on its start, then read whole
            if not (printable(head) and head.isascii()):
                continue
            if _CODE_LIKE.search(head) and _CODE_WORD.search(head):
                plain = _xored(text, key)
                if printable(plain):
                    return plain
            elif head.lstrip()[:1] in ("{", "["):  # a configuration, read whole as data
                plain = _xored(text, key)
                if is_data(plain):
                    return plain
    return None


# a character XORed with a constant (`String.fromCharCode(a.charCodeAt(i) ^ 2)`, the
# number either side): a one-byte key written in the code, no literal to find it in (the
# "var a=" injection that hacked WordPress themes carry, its string XORed with 2, then
# unescaped and written: `'1Aqapkrv` is `%3Cscript`)
_CONSTANT_KEY = r"(?P<key>0x[0-9a-fA-F]{1,2}|\d{1,3}|[A-Za-z_$][\w$]{0,39})"
# the key first (`2 ^ a.charCodeAt(i)`): from the `^` on, what follows it
_KEY_FIRST_TAIL = r"\^\s*\(?\s*[\w$.]{0,40}?(?P<name>[\w$]{1,40})\s*\.\s*charCodeAt\("
_KEY_FIRST = lazy_regex(r"(?<![\w$.])" + _CONSTANT_KEY + r"\s*" + _KEY_FIRST_TAIL)
_KEY_FIRST_LED = lazy_regex(_KEY_FIRST_TAIL)


class _KeyFirstXor:
    """`_KEY_FIRST.search`, led by its `^`: that pattern opens with any word character,
    and `re` tried it at each one of a script (25 of 26 ms over the corpus's 8 scripts
    read). A match's `^` is the first after its start (a key and spaces hold none), so
    each `^` whose tail reads on to `.charCodeAt(` (`_KEY_FIRST_LED`, skipped to by its
    `^`) is asked of `_KEY_FIRST` between the `^` before it and its tail's end: the match
    `re` found, at the same place, or none for that `^`."""

    def search(self, code: str, pos: int = 0) -> re.Match[str] | None:
        for tail in _KEY_FIRST_LED.finditer(code, pos):
            caret = tail.start()
            found = _KEY_FIRST.search(code, max(pos, code.rfind("^", 0, caret) + 1),
                                      tail.end())
            if found is not None:
                return found
        return None


_XOR_CONSTANT = (
    lazy_regex(r"\.\s*charCodeAt\([^()]{0,40}\)\s*\)?\s*\^\s*" + _CONSTANT_KEY + r"(?![\w$.])"),
    _KeyFirstXor(),
)
_NAME_BEFORE = lazy_regex(r"([\w$]{1,40})\s*$")
XOR_CONSTANTS_TRIED = 4
# the literal a name is assigned (escapes and all, perhaps in pieces joined with `+`): the
# text the decoder XORs is the one the code hands it, not any long literal of the script
# (a bundled font's base64 XORed with 9 holds `=>`)
_LITERAL = r"""(?:"(?:[^"\\\n]|\\.){0,65536}"|'(?:[^'\\\n]|\\.){0,65536}')"""
_PIECE = lazy_regex(_LITERAL)
XOR_LITERAL_MIN = 20  # characters: a loader tag percent-escaped is a hundred
# decoded text that is markup or code: a tag, or a call or assignment and a word of code
_MARKUP_LIKE = lazy_regex(r"<\s*(?:script|iframe|a|div|img|meta|link|form)\b", re.I)


def _pieces_value(pieces: str) -> str:
    """The string literals joined with `+` (`'%3Cscr' + "ipt"`) stand for."""
    return "".join(quoted_value(p.group(0)) for p in _PIECE.finditer(pieces))


def _assigned_literal(code: str, name: str) -> str:
    """The text of the literal (its pieces joined) the code assigns `name` first; empty
    if none."""
    m = re.search(rf"(?<![\w$.]){re.escape(name)}\s*=\s*({_LITERAL}(?:\s*\+\s*{_LITERAL}){{0,64}})",
                  code)
    return "" if m is None else _pieces_value(m.group(1))


# a name assigned a one-byte number (`var k=2`, `k = 0x7f`): the key a decoder XORs with
_NUMBER_ASSIGNED = lazy_regex(r"(?<![\w$.])([A-Za-z_$][\w$]{0,39})\s*=\s*"
                              r"(0x[0-9a-fA-F]{1,2}|\d{1,3})(?![\w$.])")


def _number(text: str) -> int:
    return int(text, 16) if text.startswith(("0x", "0X")) else int(text)


def _held_numbers(code: str) -> dict[str, int]:
    """Each name's first one-byte number the code assigns it, read in one pass."""
    held: dict[str, int] = {}
    for m in _NUMBER_ASSIGNED.finditer(code):
        held.setdefault(m.group(1), _number(m.group(2)))
    return held


# the XOR of a character code taken into a name: that name then XORed, in a statement of
# its own (`c = s.charCodeAt(i); c ^= 2`, `c = c ^ 2`, `c = 2 ^ c`) or where it is used
# (`String.fromCharCode(c ^ 2)`, `y = c ^ 2`), sought from its `^`; the name's last
# assignment before it, within reach, must be the character code
_XOR_STATEMENT = lazy_regex(r"\^(?P<assign>=)?\s*" + _CONSTANT_KEY + r"(?![\w$.(\[])")
_XORED_NAME = lazy_regex(r"(?<![\w$.])(?P<var>[A-Za-z_$][\w$]{0,39})\s*"
                         r"(?:=(?![=>])\s*(?P<other>0x[0-9a-fA-F]{1,2}|[\w$]{1,40})\s*)?$")
_ASSIGNED = lazy_regex(r"(?<![\w$.])([A-Za-z_$][\w$]{0,39})\s*=(?![=>])\s*")
_CHAR_CODE_OF = lazy_regex(r"([A-Za-z_$][\w$]{0,39})\s*\.\s*charCodeAt\(")
XOR_STATEMENT_REACH = 300  # characters between the character code's name and its XOR
# the decoder function a XOR site sits in (`function d(s,k){`, `d = function(s){`,
# `d = (s, k) =>`, `d = s =>`): its parameters are what its calls hand it
_DECODER_HEADS = (
    lazy_regex(r"\bfunction\s+(?P<f>[A-Za-z_$][\w$]{0,39})\s*\((?P<params>[^()]{0,200})\)"),
    lazy_regex(r"(?<![\w$.])(?P<f>[A-Za-z_$][\w$]{0,39})\s*=\s*(?:function\b\s*[\w$]{0,40}"
               r"\s*\((?P<params>[^()]{0,200})\)|\((?P<arrow>[^()]{0,200})\)\s*=>"
               r"|(?P<one>[A-Za-z_$][\w$]{0,39})\s*=>)"),
)
_PARAMETER = lazy_regex(r"\s*(?:\.\.\.)?([A-Za-z_$][\w$]{0,39})")
XOR_DECODER_REACH = 600  # characters between a decoder function's head and its XOR
XOR_CALLS_READ = 8  # calls of a decoder function each read for the arguments it is handed
XOR_ARGUMENTS_READ = 8  # arguments of each call read, from the first
# one argument of a call: a literal (perhaps in pieces), a one-byte number, or anything
# else up to the next `,` or `)` (a name: no literal to read)
_ARGUMENT = lazy_regex(rf"\s*(?:(?P<text>{_LITERAL}(?:\s*\+\s*{_LITERAL}){{0,64}})"
                       r"|(?P<number>0x[0-9a-fA-F]{1,2}|\d{1,3})|[\w$.]{1,80})\s*(?P<end>[,)])")


class _XorSite(NamedTuple):
    """A constant-key XOR: the key as written (a number or a name), the name of the string
    whose characters it XORs, and the decoder function it sits in (its name and
    parameters) when the key or the string is one of them."""

    key: str
    name: str
    decoder: str = ""
    params: tuple[str, ...] = ()


def _key_value(key: str, held: dict[str, int]) -> int:
    return _number(key) if key[0].isdigit() else held.get(key, 0)


def _enclosing_decoder(code: str, at: int, names: tuple[str, str]) -> tuple[str, tuple[str, ...]]:
    """The nearest function head within reach before `at` with one of `names` among its
    parameters: its name and parameters, or ("", ())."""
    window = code[max(0, at - XOR_DECODER_REACH):at]
    best: tuple[int, str, tuple[str, ...]] = (-1, "", ())
    for head in _DECODER_HEADS:
        for m in head.finditer(window):
            written = next((p for p in m.groups()[1:] if p is not None), "")
            params = tuple(p.group(1) for piece in written.split(",")
                           if (p := _PARAMETER.match(piece)) is not None)
            if m.start() > best[0] and any(n in params for n in names):
                best = (m.start(), m.group("f"), params)
    return best[1], best[2]


def _statement_sites(code: str) -> Iterator[tuple[int, str, str]]:
    """Each XOR of a character code held in a name: where it is, its key as written, and
    the name of the string whose character code was taken."""
    reach = XOR_STATEMENT_REACH + 90
    # only a `^` with a character code taken within reach is a site: a hash's or a PRNG's
    # XORs of numbers before an injection do not use up the sites read
    near = (m for m in _XOR_STATEMENT.finditer(code)
            if code.rfind("charCodeAt", max(0, m.start() - reach), m.start()) >= 0)
    for m in islice(near, XOR_SITES_READ):
        before = _XORED_NAME.search(code, max(0, m.start() - 90), m.start())
        if before is None:
            continue
        var, other, key = before.group("var"), before.group("other"), m.group("key")
        if m.group("assign") is None:
            if other is None or other == var:  # `f(c ^ 2)`, `c = c ^ 2`
                pass
            elif key == var:  # `c = 2 ^ c`
                key = other
            elif not other[0].isdigit():  # `y = c ^ 2`: the name XORed is `c`
                var = other
            elif not key[0].isdigit():  # `y = 2 ^ c`
                var, key = key, other
            else:
                continue
        elif other is not None:  # `x = c ^= 2`: no statement of its own
            continue
        start = before.start()
        last = None
        for a in _ASSIGNED.finditer(code, max(0, start - XOR_STATEMENT_REACH), start):
            if a.group(1) == var:
                last = a
        origin = _CHAR_CODE_OF.match(code, last.end()) if last is not None else None
        if origin is not None:
            yield m.start(), key, origin.group(1)


def _call_arguments(code: str, decoder: str) -> Iterator[list[tuple[str, int | str]]]:
    """Each of the first few calls of a decoder function, its arguments read: a literal's
    text, a number, or "" (anything else)."""
    for call in islice(re.finditer(rf"(?<![\w$.]){re.escape(decoder)}\s*\(", code),
                       XOR_CALLS_READ):
        args: list[tuple[str, int | str]] = []
        at = call.end()
        while len(args) < XOR_ARGUMENTS_READ and (m := _ARGUMENT.match(code, at)) is not None:
            if m.group("text") is not None:
                args.append(("text", _pieces_value(m.group("text"))))
            elif m.group("number") is not None:
                args.append(("number", _number(m.group("number"))))
            else:
                args.append(("", ""))
            at = m.end()
            if m.group("end") == ")":
                break
        yield args


def _xor_readings(code: str, site: _XorSite, held: dict[str, int]) -> Iterator[tuple[int, str]]:
    """The (key, text) pairs a site XORs: its key and the literal its string's name is
    assigned, then, in a decoder function, those each call hands it."""
    key = _key_value(site.key, held)
    assigned = _assigned_literal(code, site.name)
    if 0 < key < 256:
        yield key, assigned
    if not site.decoder:
        return
    for args in _call_arguments(code, site.decoder):
        bound = dict(zip(site.params, args, strict=False))
        call_key = key
        if site.key in bound:
            kind, value = bound[site.key]
            call_key = value if kind == "number" and isinstance(value, int) else 0
        text = assigned
        if site.name in bound:
            kind, value = bound[site.name]
            text = value if kind == "text" and isinstance(value, str) else ""
        if 0 < call_key < 256 and text:
            yield call_key, text


def _xor_sites(code: str) -> tuple[list[_XorSite], dict[str, int]]:
    """The first few distinct constant-key XORs of the code: a character code XORed where
    it is taken (`s.charCodeAt(i) ^ 2`, either operand first), then one held in a name
    and XORed later (`_statement_sites`). A site in a decoder function keeps the function,
    whose calls may hand it its key or its string (`_xor_readings`). With them, the
    one-byte numbers the code's names hold (`_held_numbers`), read where a key is a name."""
    sites: list[_XorSite] = []
    held: dict[str, int] | None = None  # read once, when a key is a name

    def found(at: int, key: str, name: str) -> bool:
        nonlocal held
        if not key[0].isdigit() and held is None:
            held = _held_numbers(code)
        decoder, params = _enclosing_decoder(code, at, (key, name))
        if not decoder:
            value = _key_value(key, held or {})
            if not 0 < value < 256:
                return False
            key = str(value)
        site = _XorSite(key, name, decoder, params)
        if site not in sites:
            sites.append(site)
        return len(sites) >= XOR_CONSTANTS_TRIED

    for m in islice(branch_matches(_XOR_CONSTANT, code), XOR_SITES_READ):
        name = m.group("name") if "name" in m.re.groupindex else ""
        if not name:  # `a.charCodeAt(i) ^ k`: the name just before the call
            before = _NAME_BEFORE.search(code[max(0, m.start() - 41):m.start()])
            name = before.group(1) if before else ""
        if name and found(m.start(), m.group("key"), name):
            return sites, held or {}
    for at, key, name in _statement_sites(code):
        if found(at, key, name):
            break
    return sites, held or {}


def _xor_constant(code: str) -> str | None:
    """What a constant-key XOR decoder makes of the literal it is handed (the one its
    name is assigned, or the one a call of its decoder function hands it), read
    (percent-unescaped where the code unescapes what it decodes) when it is markup or
    code; None otherwise. Tried only with the few constants the code XORs with."""
    sites, held = _xor_sites(code)
    if not sites:
        return None
    unescapes = "unescape(" in code or "decodeURI" in code
    for site in sites:
        for key, text in _xor_readings(code, site, held):
            blob = text[:XOR_BLOB_READ]
            if len(blob) < XOR_LITERAL_MIN:
                continue
            plain = "".join(chr(ord(c) ^ key) for c in blob)
            if unescapes and "%" in plain:
                plain = unquote(_PERCENT_U.sub(lambda u: chr(int(u.group(1), 16)), plain))
            if printable(plain) and (_MARKUP_LIKE.search(plain) or (
                    _CODE_LIKE.search(plain) and _CODE_WORD.search(plain))):
                return plain
    return None


def _xored(text: str, key: str) -> str:
    codes = [ord(c) for c in key]
    return "".join(chr(ord(c) ^ codes[i % len(codes)]) for i, c in enumerate(text))
# A string cipher: the same function applied to (literal, shift) again and again,
# `xe("22fgq41vslhjho1gh",-3)` → "//cdn1.spiegel.de". A call is found by its tail
# `, -3)`, led by a comma the regex engine skips ahead to (a pattern led by the quote
# was tried at every quote of the script: 5x slower), then the literal before it.
_CIPHER_TAIL = lazy_regex(r",\s*(-?\d{1,2})\s*\)")
_CIPHER_LITERAL = lazy_regex(r"""[^'"\s\\]{6,400}""")
# what a decoded cipher string reads as when it is one: a host, a URL or a file path
_READABLE = lazy_regex(
    r"(?:https?:)?(?://)?[a-z0-9-]{2,}(?:\.[a-z0-9-]{2,})+(?:[/:?].*)?$"
    r"|.*\w/\w.*|.*\.(?:jpe?g|png|gif|js|css|html?|php)$",
    re.I,
)
# API names spelled in pieces so that scanners miss them: String.prototype["ch"+"ar"+"At"]
_SPLIT_NAME = lazy_regex(r"""\[\s*((?:(['"])[\w$]{1,6}\2\s*\+\s*)+(['"])[\w$]{1,6}\3)\s*\]""")
_API_NAMES = frozenset({
    "charAt", "charCodeAt", "fromCharCode", "write", "writeln", "eval", "createElement",
    "appendChild", "insertBefore", "getElementById", "innerHTML", "outerHTML", "src", "location",
    "cookie", "atob", "btoa", "setAttribute", "insertRule", "styleSheets", "href", "Function",
    "setTimeout", "setInterval", "addEventListener", "DOMContentLoaded", "getComputedStyle",
    "getBoundingClientRect", "requestAnimationFrame", "querySelector", "querySelectorAll",
    "ReferenceError", "XMLHttpRequest", "sendBeacon", "postMessage",
})
# A decoder called with base64 literals, `q("c2V0VGltZW91dA==")` → "setTimeout": ad-block
# recovery scripts hide the API names they use this way.
# A call is found by its argument, led by its `(`: a literal the regex engine skips
# ahead to, where a pattern led by the name's lookbehind was tried at every position
# (6x slower on large scripts). Then the name that ends where the argument starts.
_B64_ARGUMENT = lazy_regex(r"""\(\s*(["'])([A-Za-z0-9+/]{8,}={0,2})\1\s*\)""")
_B64_CALLEE = lazy_regex(r"(?<![\w$.])[A-Za-z_$][\w$]{0,2}\Z")
B64_CALLS_MIN = 10  # calls of one short-named function with base64 literals
B64_NAMES_MIN = 3  # API names among their decodings
ESCAPED_NAMES_MIN = 2  # API names written as escapes alone: two make a string table
MAX_CIPHER_LITERALS = 200  # decoded per shift: enough to judge, bounded on hostile pages
CIPHER_MIN = 3  # calls of one function before its strings count as a cipher
# What the 60 characters before a decoder say its result is used for.
_LOCATION_SINK = lazy_regex(
    r"(?:\blocation(?:\s*\.\s*href)?\s*=|\blocation\s*\.\s*(?:replace|assign)\s*\()\s*"
    r"(?:decodeURIComponent\(\s*)?(?:escape\(\s*)?(?:window\.)?$"
)
_SRC_SINK = lazy_regex(
    r"(?:\.\s*src\s*=|setAttribute\(\s*['\"]src['\"]\s*,"
    # the loaders that fetch and run a script by its address: jQuery's getScript, a
    # dynamic import, a worker's importScripts
    r"|(?:\$|\bjQuery)\s*\.\s*getScript\s*\(|\bimport(?:Scripts)?\s*\()"
    r"\s*(?:decodeURIComponent\(\s*)?(?:window\.)?$"
)
# an address fetched whose answer the code runs (`fetch(u).then(r => r.text()).then(eval)`):
# a script loaded by other means
_FETCH_SINK = lazy_regex(r"\bfetch\s*\(\s*(?:window\.)?$")
_RUNS_ANSWER = lazy_regex(r"\.\s*then\s*\(\s*(?:window\s*\.\s*)?eval\s*\)|\beval\s*\(|"
                          r"\bnew\s+Function\s*\(")
FETCH_RUN_REACH = 300  # characters after a fetched address its answer is run within
# the element a script creates, its tag written plainly or in char codes (Balada's
# `createElement(String.fromCharCode(115,99,114,105,112,116))` is `script`; so are the
# codes in capitals or hex, through `window.String['fromCharCode']` or its `.apply(null,
# [...])`, or held in a name
# the script assigned them: `var t=String.fromCharCode(…);…createElement(t)`)
_FROM_CODES = (r"""(?:window\s*\.\s*)?String\s*"""
               r"""(?:\.\s*fromCharCode|\[\s*['"]fromCharCode['"]\s*\])"""
               r"""(?:\s*\.\s*apply\(\s*[\w$.]{1,40}\s*,\s*\[|\()\s*"""
               r"""((?:0x[0-9a-f]{1,4}|\d{1,5})(?:\s*,\s*(?:0x[0-9a-f]{1,4}|\d{1,5})){2,5})"""
               r"""\s*\]?\s*\)""")
_CREATES_ELEMENT = lazy_regex(
    r"""createElement\(\s*(?:['"](script|iframe|img)['"]|""" + _FROM_CODES
    + r"""|([A-Za-z_$][\w$]{0,40})\s*\))""", re.I)
_CREATED_TAGS = ("script", "iframe", "img")
CREATED_NAMES_READ = 4  # names a text creates its elements from, each sought once
# One piece of a start tag's attributes, for a scanner reading markup as text (markup a
# script writes, a page before it is parsed): a quoted value is read whole, since a `>` in
# one (`<iframe title="a>b" src=…>`) ends no tag in HTML, and a frame a script wrote with one
# was never seen. A quote that closes before no `<` (an apostrophe in a bare value) is one
# character; each piece is taken atomically, so a run of quotes costs one pass.
ATTRIBUTE_PIECE = r"""(?>"[^"<]{0,2000}"|'[^'<]{0,2000}'|[^<>])"""
_HTML_SRC = lazy_regex(
    r"<(script|iframe|img|frame|embed)\b" + ATTRIBUTE_PIECE
    + r"""*?\bsrc\s*=\s*['"]?([^'"\s>]+)""", re.I
)
_ANY_URL = lazy_regex(
    r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/[^\s'"<>`)\\]*)?"""
)
# Decoded text that is code (or markup that runs code), not a string or an e-mail link.
_CODE = lazy_regex(
    r"\beval\s*\(|\bFunction\s*\(|document\s*\.\s*write|<script|<iframe|\blocation\b"
    r"|createElement\s*\(|\.src\s*=|\bfunction\s*\(|=>"
    r"|<[a-z][^>]{0,400}?\son[a-z]+\s*=",  # markup's event handler (`<img onerror=…>`)
    re.I,
)
# The same in a string of decoded data: code carried as a value (`{"code": "fetch(…).then(eval)"}`
# that the visible code hands to `eval`), not a value's word (`"type": "location"`).
_CODE_IN_DATA = lazy_regex(_CODE.pattern.replace(r"|\blocation\b", r"|\blocation\s*(?:\.\s*\w|=)"),
                           re.I)
# Requests whose response runs (or replaces the page): hiding these hides code; an
# encoded template's images or an icon's SVG namespace hide none.
CODE_TYPES = frozenset({RequestType.SCRIPT, RequestType.SUBDOCUMENT, RequestType.DOCUMENT,
                        RequestType.OBJECT})
_TAG_TYPES = {
    "script": RequestType.SCRIPT,
    "iframe": RequestType.SUBDOCUMENT,
    "frame": RequestType.SUBDOCUMENT,
    "img": RequestType.IMAGE,
    "embed": RequestType.OBJECT,
}


@dataclass(frozen=True, slots=True)
class HiddenURL:
    """A URL found only after decoding; `loaded` when the decoded code requests it.
    `in_data` when it is a value of decoded data (`is_data`), not of decoded code: the
    visible code that reads the data decides what is loaded."""

    url: str
    type: RequestType
    loaded: bool
    in_data: bool = False


@dataclass(frozen=True, slots=True)
class Decoded:
    """What static decoding of one script revealed.

    `payloads` are every decoded text (escaping included), `urls` the URLs in them;
    `signals` say why the script counts as obfuscated, and are empty when it does not.
    `machine` marks machine obfuscation (packer, `_0x`, ciphers), which hides code
    whatever it decodes to. Where a limit stopped the decoding (a payload nested past
    MAX_DEPTH, the MAX_DECODED budget spent, a decoder past MAX_SCRIPT) a signal says so:
    what was not read cannot be said to be harmless.
    """

    payloads: tuple[str, ...] = ()
    urls: tuple[HiddenURL, ...] = ()
    signals: tuple[str, ...] = ()
    machine: bool = False
    nested_past_depth: bool = False  # a payload at MAX_DEPTH decodes further: not read
    data_only: bool = False  # the one signal is a URL held in decoded data (`is_data`)
    acts: frozenset[str] = frozenset()  # `table_acts` of machine-obfuscated code
    # the code of the script's one P.A.C.K.E.R. block, unpacked as it was decoded; None
    # when it holds none or several (`unpack` reads the first only: the others' is unread)
    unpacked: str | None = None

    @property
    def obfuscated(self) -> bool:
        return bool(self.signals)


NOTHING = Decoded()


def is_data(text: str) -> bool:
    """Whether a decoded payload is a JSON array or object: a configuration the visible
    code reads (Funding Choices' base64 config), which runs nothing by itself. One whose
    strings hold code is code carried in data (`eval(JSON.parse(atob(…)).code)`): not data.

    >>> is_data('["pub-1", [null, "https://x.test/a.js"], 20]'), is_data('f(["a"])')
    (True, False)
    >>> is_data('{"type": "location", "v": 2}'), is_data('{"code": "r => eval(r)"}')
    (True, False)
    """
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{" or stripped[-1] not in "]}":
        return False
    try:
        value = json.loads(stripped)
    except (ValueError, RecursionError):  # nested past the parser's depth: not read as data
        return False
    return isinstance(value, (list, dict)) and not any(
        _CODE_IN_DATA.search(s) for s in _strings(value))


def _strings(value: object) -> Iterator[str]:
    """Every string of decoded JSON, keys and values (iterative: data nests deep)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _codes(numbers: str) -> str | None:
    out = []
    for part in numbers.split(","):
        part = part.strip()
        value = int(part, 16) if part.lower().startswith("0x") else int(part)
        if value > 0x10FFFF:
            return None
        out.append(chr(value))
    text = "".join(out)
    return text if printable(text) else None


# the path Imperva (Incapsula) answers on every site behind it, and any other path or URL
# quoted in code
_IMPERVA_PATH = lazy_regex(r"""(['"])/_Incapsula_Resource\?[^'"]*\1""")
_QUOTED_PATH = lazy_regex(r"""(['"])(?:/|https?:)[^'"]*\1""")


def imperva_own(code: str) -> bool:
    """Whether decoded code is Imperva's own bot-protection script: every path or URL it
    quotes is its `/_Incapsula_Resource?…` on the site itself (the page is behind
    Imperva, which writes it into the page). It hides nothing from the site's owner, so
    reading it conceals nothing; code that names any other path or host is not its own.

    >>> imperva_own('xhr.open("GET","/_Incapsula_Resource?SWHANEDL=1",false)')
    True
    >>> imperva_own('xhr.open("GET","/_Incapsula_Resource?a=1");s.src="//x.test/a.js"')
    False
    """
    quoted = _QUOTED_PATH.findall(code)
    return bool(quoted) and len(quoted) == len(_IMPERVA_PATH.findall(code)) and (
        _ANY_URL.search(code) is None)


def _hex(digits: str) -> str | None:
    """Hex digits as the text they spell (UTF-8), when it is printable: a hash or a key
    (`719d34d3…`) spells none."""
    text = bytes.fromhex(digits).decode("utf-8", errors="replace")
    return text if printable(text) else None


def _units(literal: str) -> int:
    """A matched literal's length with each escape counted as one character."""
    return len(literal) - 3 * literal.count("\\x") - 5 * literal.count("\\u")


def _escaped_literals(code: str) -> Iterator[tuple[int, str]]:
    r"""(start, text) of each literal holding an escape, among the literals
    `(['"])((?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|[^'"\\\n]){4,65536}?)\1` finds."""
    at = 0
    while (found := _NEXT_ESCAPED.match(code, at)) and (literal := found.group(2)):
        if len(literal) > MAX_ESCAPED_UNITS and _units(literal) > MAX_ESCAPED_UNITS:
            at = found.start(1) + 1  # too long to be one: go on from the next character
            continue
        at = found.end()
        yield found.start(1), literal


def _hides_alnum(escapes: Iterable[str]) -> bool:
    """Whether any escape stands for a letter or digit (punctuation is a serializer's)."""
    return any(c.isalnum() for c in escapes)


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


def unshift(literal: str, shift: int) -> tuple[str, ...]:
    """A shift cipher's two usual readings: every character code moved, or letters
    rotated within the alphabet (digits within 0-9).

    >>> unshift("zzz1uhxwhuv1frp", -3)[0]
    'www.reuters.com'
    >>> unshift("fmdsqfEtqqf", -12)[1]
    'targetSheet'
    """
    moved = "".join(chr(ord(c) + shift) if 0 <= ord(c) + shift < 0x110000 else c
                    for c in literal)

    def rotate(c: str) -> str:
        for first, size in (("a", 26), ("A", 26), ("0", 10)):
            if first <= c < chr(ord(first) + size):
                return chr(ord(first) + (ord(c) - ord(first) + shift) % size)
        return c

    return moved, "".join(rotate(c) for c in literal)


def _cipher_calls(code: str) -> Iterator[tuple[str, int]]:
    r"""(literal, shift) of each `"literal", shift)` in the code, left to right and not
    overlapping: what `(['"])([^'"\s\\]{6,400})\1\s*,\s*(-?\d{1,2})\s*\)` finds."""
    end = 0  # where the last call found ends: a literal starting before it is inside it
    for tail in _CIPHER_TAIL.finditer(code):
        close = tail.start() - 1
        while close >= 0 and code[close].isspace():
            close -= 1
        if close < 0 or code[close] not in "'\"":
            continue
        # the literal holds no quote: it opens at the nearest quote before its close
        lo = max(0, close - 401)
        start = max(code.rfind("'", lo, close), code.rfind('"', lo, close))
        if start < end or code[start] != code[close] \
                or not _CIPHER_LITERAL.fullmatch(code, start + 1, close):
            continue
        end = tail.end()
        yield code[start + 1 : close], int(tail.group(1))


def _ciphers(code: str) -> list[str]:
    """The decoded strings of a shift cipher: at least CIPHER_MIN literals passed with
    the same shift to a call, one of which reads as a host, URL or path once shifted
    (and did not before)."""
    by_shift: dict[int, list[str]] = {}
    for literal, shift in _cipher_calls(code):
        if shift:
            by_shift.setdefault(shift, []).append(literal)
    decoded: list[str] = []
    for shift, literals in by_shift.items():
        if len(literals) < CIPHER_MIN:
            continue
        distinct = list(dict.fromkeys(literals))[:MAX_CIPHER_LITERALS]
        readings = [r for literal in distinct for r in unshift(literal, shift)]
        plain = any(_READABLE.match(literal) for literal in literals)
        if not plain and any(_READABLE.match(r) for r in readings):
            decoded += [r for r in readings if printable(r)]
    return decoded


def _split_names(code: str) -> list[str]:
    """JavaScript API names the code spells in pieces (`"ch"+"ar"+"At"`)."""
    if "+" not in code or "[" not in code:
        return []
    names = ("".join(re.findall(r"""['"]([\w$]+)['"]""", m.group(1)))
             for m in _SPLIT_NAME.finditer(code))
    return sorted({n for n in names if n in _API_NAMES})


def _b64_calls(code: str) -> Iterator[tuple[str, str]]:
    r"""(name, literal) of each call that
    `(?<![\w$.])([A-Za-z_$][\w$]{0,2})\(\s*(["'])([A-Za-z0-9+/]{8,}={0,2})\2\s*\)` finds."""
    for m in _B64_ARGUMENT.finditer(code):
        callee = _B64_CALLEE.search(code, max(0, m.start() - 3), m.start())
        if callee:
            yield callee.group(0), m.group(2)


# a literal that is escapes alone (`"\x61\x74\x6f\x62"`): no serializer writes letters so.
# Its escapes, led by the first one's `\`, its opening quote read back and its closing one
# read ahead (`all_escaped`): led by the quote, `re` tried each of a script's quotes
_ALL_ESCAPED = lazy_regex(r"""\\(?<=['"]\\)(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})"""
                          r"""(?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}){2,39}(?=['"])""")


def all_escaped(code: str) -> Iterator[str]:
    r"""The escapes of each literal that is 3-40 escapes alone, as
    `(['"])((?:\x[0-9a-fA-F]{2}|\u[0-9a-fA-F]{4}){3,40})\1`'s `finditer` gives its second
    group: its closing quote the one it opens with, and a literal whose opening quote
    closed the one before not read (that pattern's matches do not overlap). Sought from
    the `\` (the corpus's 66 scripts with escapes: 8.6 -> 1.0 ms).

    >>> list(all_escaped(r'"\x61\x62\x63"\x64\x65\x66" \'\x67\x68\x69"'))
    ['\\x61\\x62\\x63']
    """
    after = 0  # where the last literal read ends, past its closing quote
    for m in _ALL_ESCAPED.finditer(code):
        opening, end = m.start() - 1, m.end()
        if opening >= after and code[end] == code[opening]:
            after = end + 1
            yield m.group()


def _escaped_names(code: str) -> list[str]:
    r"""JavaScript API names the code writes as escapes alone (javascript-obfuscator's
    string array, `window["\x65\x76\x61\x6c"]`): a name hidden, not text escaped.
    Asked of code with `_escapes` only (its counts are asked once a text).

    >>> _escaped_names(r'var a=["\x61\x74\x6f\x62","\x65\x76\x61\x6c"],b="\x3d";')
    ['atob', 'eval']
    """
    return sorted({text for escapes in all_escaped(code)
                   if (text := js_unescaped(escapes)) in _API_NAMES})


_BRACKETED_NAME = lazy_regex(r"""\[\s*(['"])([A-Za-z_$][\w$]{0,40})\1\s*\]""")
# what a property's bracket follows: a name, a call or an index (`d['src']`, `f()['href']`),
# not an operator or a keyword (`apply(d,['script'])`, `return ['x']`: an array literal)
_OBJECT_BEFORE = lazy_regex(
    r"(?:[)\]]|(?<![\w$])(?!(?:return|in|of|case|typeof|yield|await|throw)\s*$)[\w$]+)\s*$")


def _as_property(m: re.Match[str]) -> str:
    """`.name` for a bracketed name that is a property; an array literal as it is."""
    if _OBJECT_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is None:
        return m.group(0)
    return "." + m.group(2)


def as_written(code: str) -> str:
    r"""Code whose API names a string table hides in escapes, read as if written plainly:
    its escapes undone and each bracketed name a property (`d['\x73\x72\x63']=u` is
    `d.src=u`), so that what it creates and loads reads as in plain code.

    >>> as_written(r"d['\x63\x72\x65\x61\x74\x65\x45\x6c\x65\x6d\x65\x6e\x74']('s')")
    "d.createElement('s')"
    """
    return _BRACKETED_NAME.sub(_as_property, js_unescaped(code))


# What machine-obfuscated code does with its string table. An accessor call
# (`_0x5e6f(0x1a3)`) hides which string goes where, so a URL in the table is loaded
# only when the code does the act its request needs: creates a script or frame and sets
# its source, writes loading markup, fetches and runs the answer, or assigns the
# location. A table naming `location` only to read the host (a licence check) acts none.
# Each pattern is led by its word, which the regex engine skips ahead to: led by a
# look-behind or `\b` it is tried at every position (the location's, 64 ms over a 126 KB
# bundle; 8 ms so).
_QUOTED = lazy_regex(r"""'((?:[^'\\\n]|\\.){0,4096})'|"((?:[^"\\\n]|\\.){0,4096})\"""")
# a property named through the table: an accessor call (`_0x5e6f(0x1a3)`), an index
# into the array (`_0xf3df[30]`, the older shape) or a plain name (`['href']`)
_ACCESSED = (r"""\[\s*(?:[\w$]{1,12}(?:\([^()\[\]]{0,24}\)|\[\s*\w{1,8}\s*\])"""
             r"""|['"][\w$]{1,20}['"])\s*\]""")
_GLOBAL = (r"(?:window(?<=\bwindow)|top(?<=\btop)|self(?<=\bself)|parent(?<=\bparent)"
           r"|document(?<=\bdocument))\s*")
# the page's own location, not another object's property of that name (an analytics
# event's `e.location = location.href`); a `location`'s href set or its replace called is a
# Location's whatever holds it (`w.location.href = u`, `window` passed in as `w`)
_LOCATION = (r"location(?:(?<=[^\w$.]location)|(?<=^location)|(?<=\bwindow\.location)"
             r"|(?<=\bdocument\.location)|(?<=\btop\.location)|(?<=\bself\.location)"
             r"|(?<=\bparent\.location))\s*")
_ASSIGNS_LOCATION = lazy_regex(
    rf"{_LOCATION}=(?!=)|location(?<=\blocation)\s*\.\s*href\s*=(?!=)"
    r"|location(?<=\blocation)\s*\.\s*(?:replace|assign)\s*\(")
# `location[t(2)] = …` navigates when the property is `href`, not `hash`: read with the words
_LOCATION_PROPERTY_ASSIGNED = lazy_regex(rf"{_LOCATION}{_ACCESSED}\s*=(?!=)")
# a value set two names down a global: not an object, array or function (a vendor's
# namespace, `window[t(3)][t(4)] = []`), which no address is
_CHAIN_ASSIGNED = lazy_regex(
    rf"{_GLOBAL}{_ACCESSED}\s*{_ACCESSED}\s*=(?!=)(?!\s*(?:[\[{{(]|function\b|new\b))")
# `window[a(1)][a(2)](…)` or `location[a(2)](…)`: `document[a(1)](…)` is any of its methods
_CHAIN_CALLED = lazy_regex(rf"(?:(?:window(?<=\bwindow)|top(?<=\btop)|self(?<=\bself)"
                           rf"|parent(?<=\bparent))\s*{_ACCESSED}\s*"
                           rf"|location(?<=\blocation)\s*){_ACCESSED}\s*\(")
# the source an attribute of the tag, set off by a space: not a query's `&src=` that the
# literals run together set after a sanitiser's `'<script'`
_WRITES_LOADER = lazy_regex(r"<\s*(script|i?frame|embed|object)\b[^>]{0,400}?[\s/](?:src|data)\s*=",
                            re.I)
_IMPORTS = lazy_regex(r"import(?:(?<=[^\w$.]import)|(?<=^import))\s*\(")
_FETCHES = lazy_regex(r"fetch\b(?<=\bfetch)|XMLHttpRequest|ajax\b(?<=\bajax)"
                      r"|getScript\b(?<=\bgetScript)")
# a call that runs text: `Function(…)`, not `Function.prototype` nor '[object Function]', nor
# javascript-obfuscator's own global getter, `Function('return (function() ' +
# '{}.constructor("return this")( )' + ');')()` (written by its self-defending, console and
# domain-lock options; through a plain table `Function(t(7) + t(8) + ');')`): it runs no
# fetched text
_RUNS = lazy_regex(r"eval(?<=\beval)\s*\(|Function(?:(?<=[^\w$.'\"]Function)|(?<=^Function))"
                   r"\s*\((?!\s*(?:[\w$]{1,12}\s*\([^()]{0,24}\)\s*\+|['\"]return\b))"
                   r"|getScript\b(?<=\bgetScript)")
SCRIPT_ACT, FRAME_ACT, OBJECT_ACT, NAVIGATE_ACT = "script", "frame", "object", "navigate"
FETCH_RUN_ACT = "fetch-run"


# what `createElement` (`createElementNS` after its namespace; `['createElement']` where its
# name was split, `'createElem'+'ent'`) is given: its literal first argument's text
# (lowered), or None for anything else (a name, an expression: `'script'.trim()`)
_CREATE_ARGUMENT = lazy_regex(
    r"""createElement(?:NS(?:['"]\s*\])?\s*\(\s*(?:(?:'[^'\\\n]{0,200}'|"[^"\\\n]{0,200}")\s*,)?"""
    r"""|(?:['"]\s*\])?\s*\()\s*"""
    r"""(?:(?:'([\w-]{1,40})'|"([\w-]{1,40})")\s*[,)])?""")
# `createElement` not called where it is named: called through `call`/`apply`, bound, passed
# or assigned as a value; what it creates is not read there
_CREATE_ELSEWHERE = lazy_regex(r"""createElement(?:NS)?(?:['"]\s*\])?(?=[ \t]*[.,;)\]}|&?:=])""")
# two literals joined (`'sc'+'ript'`, `s['sr'+'c']`): one word once the join is gone
_JOINED_LITERALS = lazy_regex(r"""(['"])\s*\+\s*\1""")


# what an element only probed is read by: `'noModule' in document.createElement('script')`,
# or a property of it straight after the call (`createElement('script').async`)
_PROBED_BEFORE = lazy_regex(r"(?:^|[^\w$])in\s+(?:[\w$]+\s*\.\s*)*$")
_PROBED_AFTER = lazy_regex(r"\s*[.\[]")


def _probed(text: str, m: re.Match[str]) -> bool:
    """Whether a `createElement` call's element is only probed: tested by `in` or read a
    property of where it is made, it is kept by nothing, so nothing inserts it."""
    if not m.group(0).endswith(")"):  # a name, an expression or more arguments: not read
        return False
    return bool(_PROBED_AFTER.match(text, m.end())
                or _PROBED_BEFORE.search(text, max(0, m.start() - 60), m.start()))


# a source set, on what (a name: its element's variable, else unknown)
_SOURCE_SET = lazy_regex(r"\.\s*(?:(?:src|data)\s*=(?!=)|setAttribute\s*\()")
_RECEIVER = lazy_regex(r"(?<![\w$.\])])([\w$]+)\s*$")
# an element variable's value: what `createElement` makes of a literal tag
_MADE = lazy_regex(r"""\s*(?:[\w$]+\s*\.\s*)*createElement\s*\(\s*"""
                   r"""(?:'([\w-]{1,40})'|"([\w-]{1,40})")\s*\)""")
_LOADER_TAGS = frozenset({"script", "iframe", "frame", "embed", "object"})
MAX_SOURCE_SETS = 64
_NAME_OR_DOT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.")


def _sets_a_loaders_source(code: str) -> bool:
    """Whether code whose strings are read sets a source (`.src=`, `.data=`, `setAttribute`)
    on what may be a script, frame or object: a variable every assignment of which is
    `createElement` of another tag (a beacon's `img`) loads nothing by its source; one
    assigned anything else, a parameter or an expression may be any element.

    >>> _sets_a_loaders_source("i=d.createElement('img');i.src=u;f=d.createElement('iframe')")
    False
    >>> _sets_a_loaders_source("i=d.createElement('img');i=g();i.src=u")
    True
    """
    read: set[str] = set()  # the variables found to hold another tag's element
    for n, m in enumerate(_SOURCE_SET.finditer(code)):
        receiver = _RECEIVER.search(code, max(0, m.start() - 64), m.start())
        if n >= MAX_SOURCE_SETS or receiver is None:
            return True
        if receiver.group(1) in read:
            continue
        read.add(receiver.group(1))
        name = re.escape(receiver.group(1))
        assigned = [code[a.end(): a.end() + 200]
                    for a in re.finditer(rf"{name}\s*=(?![=>])", code)
                    if a.start() == 0 or code[a.start() - 1] not in _NAME_OR_DOT]
        tags = [(t.group(1) or t.group(2)).lower() if (t := _MADE.match(text)) else None
                for text in assigned]
        if not tags or any(t is None or t in _LOADER_TAGS for t in tags):
            return True
    return False


def table_acts(code: str, payloads: Iterable[str], read: bool = False) -> frozenset[str]:
    r"""What code whose strings an obfuscator's table holds does, read from its words
    and its shape rather than from which index names which string (a table whose rotation
    `string_table` cannot read): SCRIPT_ACT, FRAME_ACT, OBJECT_ACT (it creates
    that element and sets its source, or writes markup that does), FETCH_RUN_ACT (it
    fetches and runs text) and NAVIGATE_ACT (it assigns the location). `read` when the
    table was resolved (`string_table.resolved`), each accessor call its string: then
    what `createElement` is given is known, and a `script` the code only reads its own
    tag by (`getElementsByTagName('script')`) creates nothing.

    >>> sorted(table_acts("d[a(1)](a(2))[a(3)]=a(0)", ["createElement", "script", "src"]))
    ['script']
    >>> sorted(table_acts("window[a(1)][a(2)]=a(0)", ["location", "href"]))
    ['navigate']
    >>> sorted(table_acts('var t=["<scr","ipt src=\'//x.test/a.js\'></scr","ipt>"]', []))
    ['script']
    >>> sorted(table_acts("window[t[30]][t[29]]=t[31]", ["location", "href"]))
    ['navigate']
    >>> sorted(table_acts("f({d:window[a(1)][a(2)]})", ["location", "hostname"]))
    []
    >>> sorted(table_acts("s=d.createElement('sc'+'ript');s['sr'+'c']=u", []))
    ['script']
    >>> sorted(table_acts("u=d.getElementsByTagName('script')[0].src;d.createElement('canvas')",
    ...                   [], read=True))
    []
    >>> sorted(table_acts("t=d.createElement(n);t.src=u", ["script"], read=True))
    ['script']
    """
    texts = [_JOINED_LITERALS.sub("", text) for text in (code, *payloads)]
    literals = [w for text in texts for m in _QUOTED.finditer(text) for w in m.groups() if w]
    words = {w.strip() for w in literals if len(w) <= 40} | {p.strip() for p in payloads
                                                             if len(p) <= 40}
    # the literals run together in their order: a tag a kit splits over the table
    # (`'<scr'`, `'ipt src="…"></scr'`, `'ipt>'`) reads whole
    joined = "\n".join(texts) + "\n" + "".join(literals)
    acts: set[str] = set()
    if "createElement" in joined and ("src" in words or (
            _sets_a_loaders_source(joined) if read
            else re.search(r"\.\s*src\s*=(?!=)|setAttribute", joined))):
        created = [(a.lower() if (a := m.group(1) or m.group(2)) else None)
                   for m in _CREATE_ARGUMENT.finditer(joined) if not _probed(joined, m)]
        if any(_CREATE_ELSEWHERE.search(text) for text in texts):
            created.append(None)
        # a name or an expression given to `createElement` may be any of the table's words
        named = words if not read or any(c is None for c in created) else set()
        for act, tags in ((SCRIPT_ACT, ("script",)), (FRAME_ACT, ("iframe", "frame")),
                          (OBJECT_ACT, ("embed", "object"))):
            if any(t in named or t in created for t in tags):
                acts.add(act)
    if _IMPORTS.search(joined):  # a module loaded by `import(…)` runs
        acts.add(SCRIPT_ACT)
    for m in _WRITES_LOADER.finditer(joined):
        tag = m.group(1).lower()
        acts.add(SCRIPT_ACT if tag == "script" else FRAME_ACT if "frame" in tag else OBJECT_ACT)
    if (_FETCHES.search(joined) or words & {"fetch", "XMLHttpRequest", "ajax"}) and (
            _RUNS.search(joined) or words & {"eval", "Function"}):
        acts.add(FETCH_RUN_ACT)
    if _ASSIGNS_LOCATION.search(joined) or ("location" in words and (
            ("href" in words and (_CHAIN_ASSIGNED.search(joined)
                                  or _LOCATION_PROPERTY_ASSIGNED.search(joined)))
            or (words & {"replace", "assign"} and _CHAIN_CALLED.search(joined)))):
        acts.add(NAVIGATE_ACT)
    return frozenset(acts)


def _table_urls(code: str) -> Iterator[HiddenURL]:
    """The URLs that are whole literals of obfuscated code, as its string table holds
    them (javascript-obfuscator writes its table plain by default): an accessor hands
    them to the code's acts, so they are what it may load (`_as_acted` decides)."""
    for m in _QUOTED.finditer(code):
        literal = m.group(1) if m.group(1) is not None else m.group(2)
        if literal and _ANY_URL.fullmatch(literal):
            yield from _hidden_urls(None, literal)


# the act machine-obfuscated code must do for a URL of each type to be loaded
_ACT_OF = {RequestType.SCRIPT: SCRIPT_ACT, RequestType.SUBDOCUMENT: FRAME_ACT,
           RequestType.OBJECT: OBJECT_ACT, RequestType.DOCUMENT: NAVIGATE_ACT}


def _as_acted(hidden: HiddenURL, acts: frozenset[str]) -> HiddenURL:
    """A URL of machine-obfuscated code, loaded as the code's acts (`table_acts`) say. A
    URL read as loaded by its extension or its place (`verify.js` in a string table) is
    so only when the code does the act that loads it: a premium theme's licence check
    names its licence server and only posts to it. Code that creates a script or frame,
    or fetches text and runs it, loads a URL of its table that no extension types
    (`//x.test/f/7731`); one that assigns the location sends the visitor there instead
    (the `obfuscated-script` heuristic's target); one its extension types is loaded when
    the code does that type's act. Data's URLs are its reader's."""
    if hidden.in_data:
        return hidden
    if hidden.type is RequestType.OTHER and not hidden.loaded:
        if NAVIGATE_ACT in acts:
            return hidden
        for act, kind in ((SCRIPT_ACT, RequestType.SCRIPT), (FETCH_RUN_ACT, RequestType.SCRIPT),
                          (FRAME_ACT, RequestType.SUBDOCUMENT), (OBJECT_ACT, RequestType.OBJECT)):
            if act in acts:
                return HiddenURL(hidden.url, kind, True)
        return hidden
    if FETCH_RUN_ACT in acts and hidden.type in (RequestType.SCRIPT,
                                                 RequestType.XMLHTTPREQUEST):
        return HiddenURL(hidden.url, RequestType.SCRIPT, True)
    needed = _ACT_OF.get(hidden.type)
    if needed is not None and hidden.loaded != (needed in acts):
        return HiddenURL(hidden.url, hidden.type, needed in acts)
    return hidden


# a decoder called on a literal, whose answer a script joins into a string it writes:
# `unescape('%3Cscript src=')`, `decodeURIComponent('…')`, `String.fromCharCode(60)`
# each led by its name, the literal the regex engine skips ahead to (a leading look-behind
# or alternation was tried at every position of a script)
_LITERAL_ARGUMENT = r"""\(\s*(?:'([^'\\\n]{0,4096})'|"([^"\\\n]{0,4096})")\s*\)"""
_DECODER_CALLS = (
    lazy_regex(r"unescape(?<![\w$.]unescape)" + _LITERAL_ARGUMENT),
    lazy_regex(r"decodeURI(?<![\w$.]decodeURI)(?:Component)?" + _LITERAL_ARGUMENT),
    lazy_regex(r"fromCharCode\(\s*((?:0x[0-9a-fA-F]{1,4}|\d{1,5})"
               r"(?:\s*,\s*(?:0x[0-9a-fA-F]{1,4}|\d{1,5})){0,400})\s*\)"),
)
_STRING_OF = lazy_regex(r"String\s*\.\s*'")  # `String.fromCharCode(60)` once answered
_JOINED = lazy_regex(r"""'\s*\+\s*'""")


def spliced(code: str) -> str:
    r"""Code with each decoder called on a literal replaced by the literal it answers,
    and literals joined by `+` made one: a tag a script writes in pieces
    (`unescape('%3Cscript src="…')`, `String.fromCharCode(60)+'script…'`) reads as the
    tag it writes, beside the code joined to it (`+ escape(document.referrer)`). A piece
    whose answer holds a quote or a line break is left as written.

    >>> spliced("w(String.fromCharCode(60)+'b'+unescape('%3E')+x)")
    "w('<b>'+x)"
    """
    if "fromCharCode" not in code and "unescape" not in code and "decodeURI" not in code:
        return code

    def answer(m: re.Match[str]) -> str:
        if m.re.pattern == _DECODER_CALLS[-1].pattern:  # char codes (a lazy pattern is no `m.re`)
            text = _codes(m.group(1)) or ""
        else:
            literal = m.group(1) if m.group(1) is not None else m.group(2)
            text = unquote(_PERCENT_U.sub(lambda u: chr(int(u.group(1), 16)), literal))
        if not text or "'" in text or "\n" in text or "\\" in text:
            return m.group()
        return "'" + text + "'"

    for pattern in _DECODER_CALLS:
        code = pattern.sub(answer, code)
    return _JOINED.sub("", _STRING_OF.sub("'", code))


# a frame's open tag in markup a script writes; its escaped quotes (`src=\"…\"`) read
_WRITTEN_FRAME = lazy_regex(
    r"<i?frame\b(?:" + ATTRIBUTE_PIECE + r"{0,2000}>|[^<>]{0,2000}>)", re.I)
_ESCAPED_QUOTE = lazy_regex(r"""\\(['"/])""")
_ESCAPED_LT = lazy_regex(r"\\(?:x3c|u003c)", re.I)


# a name spliced into a written string (`'<iframe src="'+u+'">'`, a template's `${u}`);
# the address it holds is a variable's given one as a string constant (`var u=
# 'https://t.example/p?z='+id`, `u = "//t.example/"`; `scheme_urls.declared_urls`)
_SPLICED_NAME = lazy_regex(r"""(['"])\s*\+\s*([A-Za-z_$][\w$]{0,40})\s*\+\s*\1"""
                           r"""|\$\{\s*([A-Za-z_$][\w$]{0,40})\s*\}""")




class _AddressConstants:
    """The address a name of a script holds as a string constant, asked name by name (a
    script spliced into a tag names few): only for a name bound once in the whole script.
    A name given two values is a choice made when the script runs, and a name that is
    also a parameter or declared again is another function's variable (minified code
    reuses `t` in every function: `function n(t){…'<iframe src="'+t+'"…'}` beside
    `var t="http://www.w3.org/2000/svg"` in another read the frame as loading the SVG
    namespace over plain http, a `high`)."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.single = {name: spans[0][2] for name, spans in declared_urls(code).items()
                       if len({value for _, _, value in spans}) == 1}
        # a name bound as a parameter anywhere (`function n(t,e)`, `t=>`, `catch(t)`,
        # a method's `n(t){`) is a different variable: read at the first name asked
        self.parameters: frozenset[str] | None = None
        self.answers: dict[str, str | None] = {}

    def get(self, name: str) -> str | None:
        if name not in self.single:
            return None
        if name not in self.answers:
            if self.parameters is None:
                self.parameters = parameters(self.code)
            self.answers[name] = self.single[name] if (
                name not in self.parameters and _bound_once(self.code, name)) else None
        return self.answers[name]


def _bound_once(code: str, name: str) -> bool:
    """Whether a name is assigned or declared once in a script (its constant's binding):
    `t = e.src`, `var t;` or `for (const t of …)` elsewhere is another value or another
    function's `t`. A declaration counts whatever follows it, as `inline_js._binds`
    reads one."""
    named = re.escape(name)
    bindings = re.finditer(rf"(?<![\w$.])(?:(?:var|let|const)\s+{named}(?![\w$])"
                           rf"|{named}\s*=(?![=>]))", code)
    return next(bindings, None) is not None and next(bindings, None) is None


def _with_constants(tag: str, constants: _AddressConstants) -> str:
    """A written tag with each name spliced into it that holds an address constant read
    as its constant (what follows the constant, `+id`, is the script's: dropped)."""
    def value(m: re.Match[str]) -> str:
        return constants.get(m.group(2) or m.group(3) or "") or m.group()
    return _SPLICED_NAME.sub(value, tag)


def written_frames(code: str, payloads: Iterable[str]) -> Iterator[str]:
    r"""The `<iframe …>` open tags in markup a script writes, each once, read alike however
    the script escapes them: as written, its pieces a decoder answers spliced in and its
    literals joined (`spliced`: `unescape('%3Ciframe%20src=…')`, `String.fromCharCode(60)
    +'iframe…'`, `'<ifr'+'ame'`), its few `\x3c` escapes read, and in each text
    `decode_script` decoded (`payloads`: base64, char codes, percent and `\x` escapes in
    full), a variable holding an address constant read as its constant. A kit writes its
    frame in any of these; reading one form let the others pass.

    >>> list(written_frames("document.write(unescape('%3Ciframe src=%22//t.example/%22"
    ...                     " width=0%3E'))", ()))
    ['<iframe src="//t.example/" width=0>']
    >>> list(written_frames("var u='https://t.example/p?z='+id; document.write("
    ...                     "'<iframe src=\"'+u+'\" width=1>')", ()))
    ['<iframe src="https://t.example/p?z=" width=1>']
    """
    seen: set[str] = set()
    for text in (spliced(code), *payloads):
        text = unjoined(text)
        # lowered and found as a literal: a case-blind `re` search for the word, which
        # has no literal fast path, took five times as long on the corpus' scripts
        if "frame" not in text.lower():
            continue
        if _ESCAPED_LT.search(text):
            text = js_unescaped(text)
        constants: _AddressConstants | None = None  # read at the first tag splicing a name
        for m in _WRITTEN_FRAME.finditer(text):
            tag = _ESCAPED_QUOTE.sub(r"\1", m.group())
            if "+" in tag or "${" in tag:
                constants = _AddressConstants(text) if constants is None else constants
                tag = _with_constants(tag, constants) if constants.single else tag
            if tag not in seen:
                seen.add(tag)
                yield tag


def written_frame(tag: str) -> lxml.html.HtmlElement | None:
    """A written `<iframe …>` open tag (`written_frames`) as the frame a browser builds from
    it, its attributes read as a frame's in the markup would be (the same frame written
    plainly or escaped is one frame); None where it holds no frame."""
    try:
        frame = lxml.html.fragment_fromstring(
            "<iframe" + tag[tag.lower().index("frame") + 5:], parser=HTML_PARSER)
    except (etree.ParserError, ValueError):
        return None  # no element in it
    return frame if str(frame.tag).lower() == "iframe" else None


def _base64_names(code: str) -> list[str]:
    """JavaScript API names a short-named decoder is handed in base64 (at least
    B64_NAMES_MIN, among at least B64_CALLS_MIN calls of it)."""
    if code.count('("') + code.count("('") < B64_CALLS_MIN:
        return []
    # every call holds an argument at its own `(`: fewer arguments, fewer calls
    if sum(1 for _ in islice(_B64_ARGUMENT.finditer(code), B64_CALLS_MIN)) < B64_CALLS_MIN:
        return []
    by_name: dict[str, set[str]] = {}
    for name, literal in _b64_calls(code):
        by_name.setdefault(name, set()).add(literal)
    names: set[str] = set()
    for literals in by_name.values():
        if len(literals) >= B64_CALLS_MIN:
            decoded = (base64_text(literal) for literal in list(literals)[:MAX_CIPHER_LITERALS])
            found = {d for d in decoded if d in _API_NAMES}
            if len(found) >= B64_NAMES_MIN:
                names |= found
    return sorted(names)


def _wrap(code: str, start: int, text: str) -> str:
    """The decoded text as the code that uses it would: a src or location assignment,
    given the address itself or a name holding it (`var l = String.fromCharCode(…);
    window.location.replace(l)`, a redirect kit's form)."""
    before = code[max(0, start - 60) : start]
    stripped = text.strip()
    if not _ANY_URL.fullmatch(stripped):
        return text
    if _LOCATION_SINK.search(before):
        return f'location.href="{stripped}"'
    if _SRC_SINK.search(before):
        return f'x.src="{stripped}"'
    if _FETCH_SINK.search(before) and _RUNS_ANSWER.search(
            code, start, start + len(text) + FETCH_RUN_REACH):
        return f'x.src="{stripped}"'
    named = _ASSIGNED_TO.search(before)
    if named is not None:
        after = code[start : start + NAMED_USE_REACH]
        name = re.escape(named.group(1))
        if re.search(rf"(?:\blocation(?:\s*\.\s*href)?\s*=(?![=>])|\blocation\s*\.\s*"
                     rf"(?:replace|assign)\s*\()\s*{name}(?![\w$])", after):
            return f'location.href="{stripped}"'
        if re.search(rf"\.\s*src\s*=(?![=>])\s*{name}(?![\w$])", after):
            return f'x.src="{stripped}"'
    return text


# a decoder's answer assigned to a name (`var l = String.fromCharCode(`), and how far after
# it the name's use as a location or a src is sought
_ASSIGNED_TO = lazy_regex(r"(?<![\w$.])([A-Za-z_$][\w$]{0,40})\s*=\s*(?:window\s*\.\s*)?"
                          r"(?:String\s*\.\s*)?$")
NAMED_USE_REACH = 2_000


def _sink_of_decoder(code: str) -> re.Match[str] | None:
    """The first execution sink whose argument starts with a decoder, if any."""
    found = [m for pattern in _SINKS_OF_DECODER if (m := pattern.search(code))]
    return min(found, key=lambda m: m.start()) if found else None


def _reversed_literals(code: str) -> Iterator[tuple[int, str]]:
    """(start, text) of each literal of 8 to 4,096 characters (no quote, no newline)
    that is split, reversed and joined."""
    for tail in _REVERSE_TAIL.finditer(code):  # led by `.split(`: skipped ahead to
        end = tail.start() - 1  # the literal's closing quote, after any whitespace
        while end >= 0 and code[end].isspace():
            end -= 1
        quote = code[end] if end >= 0 else ""
        if quote not in ("'", '"'):
            continue
        reach = max(0, end - _REVERSED_MAX - 1)  # no further back than a literal may open
        start = max(code.rfind("'", reach, end), code.rfind('"', reach, end),
                    code.rfind("\n", reach, end))
        if start >= 0 and code[start] == quote and 8 <= end - start - 1 <= _REVERSED_MAX:
            yield start, code[start + 1 : end]


def escape_heavy(code: str) -> bool:
    """Enough `\\x`/`\\u` escapes to read the script's literals unescaped (a few are
    a regex's or a translation's; a hidden URL takes many)."""
    return code.count("\\x") + code.count("\\u") >= 8


def _decodings(code: str, unpacked: str | None = None) -> Iterator[tuple[str, bool]]:
    """Every payload one level of decoding yields, wrapped as its sink uses it, and
    whether the encoding hid letters or digits (base64 and char codes always do).
    `unpacked` is `code`'s packer block unpacked, when the caller has read it."""
    escaped = escape_heavy(code)
    if "atob" in code:
        for m in _ATOB_LITERAL.finditer(code):
            text = base64_text(m.group(2))
            if text:
                yield _wrap(code, m.start(), text), True
        for m in _ATOB_NAME.finditer(code):
            name = re.escape(m.group(1))
            assigned = re.search(rf"""\b{name}\s*=\s*(['"])([A-Za-z0-9+/=]{{8,65536}})\1""", code)
            if assigned:
                text = base64_text(assigned.group(2))
                if text:
                    yield _wrap(code, m.start(), text), True
    if "atob" in code or "base64" in code or (escaped and "atob" in _escaped_names(code)):
        for m in _LONG_B64.finditer(code) if _LONG_B64_OPENING.search(code) else ():
            text = base64_text(m.group(2))
            if text and ("//" in text or "<" in text or "(" in text):
                yield text, True
    if "fromCharCode" in code:
        for m in _CHARCODE_CALL.finditer(code):
            text = _codes(m.group(1))
            if text:
                yield _wrap(code, m.start(), text), True
        for m in _CODE_ARRAY.finditer(code):
            text = _codes(m.group(1))
            if text:
                yield text, True
        if "parseInt" in code and _HEX_PARSE.search(code):
            for m in _HEX_LITERAL.finditer(code) if _HEX_OPENING.search(code) else ():
                text = _hex(m.group(2))
                if text:
                    yield _wrap(code, m.start(), text), not imperva_own(text)
    if escaped:
        for start, literal in _escaped_literals(code):
            escapes = (escaped_char(e) for e in JS_ESCAPE.finditer(literal))
            yield _wrap(code, start, js_unescaped(literal)), _hides_alnum(escapes)
    if "%" in code and ("unescape(" in code or "decodeURI" in code):
        calls = (m for pattern in _PERCENT_CALLS for m in pattern.finditer(code))
        for m in sorted(calls, key=lambda m: m.start()):
            literal = m.group(2)
            if literal.count("%") >= 3:
                text = _PERCENT_U.sub(lambda u: chr(int(u.group(1), 16)), literal)
                hidden = _hides_alnum(unquote(e) for e in re.findall(r"%[0-9a-fA-F]{2}", text))
                yield _wrap(code, m.start(), unquote(text)), hidden or "%u" in literal
    if ".reverse()" in code:
        for start, literal in _reversed_literals(code):
            yield _wrap(code, start, literal[::-1]), True
    if "eval(" in code and _PACKED.search(code):
        text = unpacked or unpack(code)
        if text:
            yield text, True
    if "charCodeAt" in code and _xor_runs(code):
        text = _xor_keyed(code)
        if text:
            yield text, True
    if "charCodeAt" in code and "^" in code:
        text = _xor_constant(code)
        if text:
            yield text, True


def _creations(outer: str, low: str) -> Iterator[re.Match[str]]:
    """`_CREATES_ELEMENT.finditer(outer)`, tried only where `low` (`outer` lowered) holds
    its `createelement(` (whose letters no other character matches case-blind): `re` has
    no literal to skip ahead to in a case-blind pattern, and tried it at every position."""
    if len(low) != len(outer):  # an "İ" lowers to two characters: offsets no longer outer's
        yield from _CREATES_ELEMENT.finditer(outer)
        return
    at = low.find("createelement(")
    while at >= 0:
        creates = _CREATES_ELEMENT.match(outer, at)
        if creates is not None:
            yield creates
        at = low.find("createelement(", creates.end() if creates is not None else at + 1)


def _created(outer: str) -> str | None:
    """The tag of the first element the code creates (script, iframe or img), if any:
    asked once per decoded text, not once per payload (a script with thousands of
    escaped literals was read once per literal)."""
    if "createElement" not in outer:
        return None
    names: set[str] = set()
    low = outer.lower()
    for creates in _creations(outer, low):
        if creates.group(1):
            return creates.group(1).lower()
        codes = creates.group(2)
        if codes is None:  # a name: the char codes the script assigned it, if any
            name = creates.group(3)
            if name in names or len(names) >= CREATED_NAMES_READ:
                continue
            names.add(name)
            # each `_FROM_CODES` holds a `fromcharcode` lowered (no other letter matches
            # one of those case-blind): with none, no name holds codes
            held = None if "fromcharcode" not in low else re.search(
                r"(?<![\w$.])" + re.escape(name) + r"\s*=\s*" + _FROM_CODES, outer, re.I)
            codes = held.group(1) if held else None
        tag = (_codes(codes) or "").lower() if codes else ""
        if tag in _CREATED_TAGS:
            return tag
    return None


def _hidden_urls(creates: str | None, payload: str, data: bool = False
                 ) -> Iterator[HiddenURL]:
    """URLs in a decoded payload, and whether the payload (or the code it came from,
    which `creates` an element of that tag) loads them; `data` marks a payload that is
    data (`is_data`)."""
    loaded: dict[str, RequestType] = {}
    for url, kind, assigned in loaded_urls(payload, whole=False):
        if assigned:
            if payload.startswith("x.src=") and creates and not type_from_extension(url):
                kind = _TAG_TYPES[creates]  # the element the outer code created
            loaded[url] = kind
    if payload.startswith("location.href="):
        for m in _ANY_URL.finditer(payload):
            loaded[m.group(0)] = RequestType.DOCUMENT
    for m in _HTML_SRC.finditer(payload):
        loaded[m.group(2)] = _TAG_TYPES.get(m.group(1).lower(), RequestType.OTHER)
    stripped = payload.strip()
    if creates and _ANY_URL.fullmatch(stripped):
        loaded.setdefault(stripped, type_from_extension(stripped) or _TAG_TYPES[creates])
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
        yield HiddenURL(url, kind, found is not None, data)
    for url, known in loaded.items():
        if url not in seen:
            seen.add(url)
            yield HiddenURL(url, known, True, data)


def decode_script(code: str) -> Decoded:
    """Decode what a script hides; NOTHING for the overwhelming majority of scripts."""
    past = code[MAX_SCRIPT:]
    code = code[:MAX_SCRIPT]
    signals: list[str] = []
    if past and any(word in past for word in _DECODER_WORDS) and _sink_of_decoder(past):
        signals.append(f"decoded code run past the {MAX_SCRIPT // 1024} KB read of the script")
    if "eval(" in code and "p,a,c,k,e" in code.replace(" ", "") and _PACKED.search(code):
        signals.append(PACKED)
    tabled = "_0x" in code and len(_OBFUSCATOR_IDENT.findall(code)) >= 10  # a string table's
    if tabled:
        signals.append("javascript-obfuscator identifiers (_0x…)")
    renamed = None  # the code of a table whose names a minifier renamed, as written plainly
    if not tabled and "try" in code and _ROTATION_MAY.search(code) \
            and _ROTATION.search(code):
        renamed = resolved(code)
        if renamed is not None:
            tabled = True
            signals.append("javascript-obfuscator string table (its names renamed)")
    ciphers = _ciphers(code)
    if ciphers:
        signals.append("shift-cipher strings")
    if _xor_runs(code):  # what it runs read with a key the script holds: code, or data
        xored = _xor_keyed(code)
        if xored is None or not is_data(xored):
            signals.append("code decoded by XOR and run by Function, eval or a timer"
                           + ("" if xored is not None else ", not read"))
    split = _split_names(code)
    if split:
        signals.append(f"API names spelled in pieces ({', '.join(split[:3])})")
    hidden_names = _base64_names(code)
    if hidden_names:
        signals.append(f"API names hidden in base64 ({', '.join(hidden_names[:3])})")
    escapes = escape_heavy(code)
    escaped_names = _escaped_names(code) if escapes else []
    if len(escaped_names) >= ESCAPED_NAMES_MIN:
        signals.append(f"API names hidden in escapes ({', '.join(escaped_names[:3])})")
    decoders = any(word in code for word in _DECODER_WORDS)  # cheap `in` checks first
    if not (signals or decoders or escapes or ".reverse()" in code
            or ("eval(" in code and _PACKED.search(code))):
        return NOTHING  # nothing `_decodings` reads: nothing here can hide anything
    payloads: list[str] = list(dict.fromkeys(ciphers))
    creates = _created(code) if payloads else None
    urls = {u.url: u for text in payloads for u in _hidden_urls(creates, text)}
    spent = 0
    if len(escaped_names) >= ESCAPED_NAMES_MIN:  # the script as its table hides it
        plain = as_written(code)[:MAX_DECODED]
        spent = len(plain)
        payloads.append(plain)
        for hidden in _hidden_urls(_created(plain), plain):
            if hidden.url not in urls or hidden.loaded:
                urls[hidden.url] = hidden
    concealed_code = concealed_load = concealing = False
    data_load = False  # a loaded URL concealed in decoded data, not in decoded code
    budget = MAX_DECODED - spent
    # read once: the script's payload, and the code `Decoded.unpacked` hands the heuristics
    unpacked = unpack(code) if "eval(" in code and _PACKED.search(code) else None
    frontier = [code]
    for _depth in range(MAX_DEPTH):
        following: list[str] = []
        for text in frontier:
            creates = _created(text)
            for payload, conceals in _decodings(text, unpacked if text is code else None):
                payload = payload[:budget]
                if not payload or payload in payloads:
                    continue
                budget -= len(payload)
                payloads.append(payload)
                following.append(payload)
                data = conceals and is_data(payload)
                for hidden in _hidden_urls(creates, payload, data):
                    known = urls.get(hidden.url)
                    if known is None or (hidden.loaded and not known.loaded):
                        urls[hidden.url] = hidden
                    if conceals and hidden.loaded and hidden.type in CODE_TYPES:
                        if data:
                            data_load = True
                        else:
                            concealed_load = True
                concealing = concealing or conceals
                if conceals and not data and _CODE.search(payload):
                    concealed_code = True  # data's words (`"location"`) are no code
                if budget <= 0:
                    break
        frontier = following
        if not frontier or budget <= 0:
            break
    nested = budget > 0 and any(next(_decodings(text), None) for text in frontier)
    if nested:
        signals.append(f"encodings nested past {MAX_DEPTH} levels, not decoded further")
    if budget <= 0 and (concealed_code or concealed_load or data_load):  # a budget spent on escaped
        # text (a translation table's `\u00fc`) hides nothing: one that hid code counts
        signals.append(f"more than {MAX_DECODED // 1024} KB decoded, the rest not read")
    machine = bool(signals)
    sink = _sink_of_decoder(code) if decoders and payloads else None
    runs = sink is not None and not sink.group(0).lstrip().startswith("document")
    if not machine and (concealed_code or concealed_load or (runs and concealing)):
        signals.append("decoded code run by eval/Function/document.write" if sink
                       else "encoded string hides code or a loaded URL")
    data_only = not signals and data_load
    if data_only:
        signals.append("encoded data holds a loadable URL")
    if not payloads and not signals:
        return NOTHING
    acts: frozenset[str] = frozenset()
    table = None
    if machine:
        written = as_written(code)[:MAX_DECODED] if escapes else code
        table = renamed or (resolved(code) if tabled else None)
        if table is not None:  # each accessor call its string: the code as written plainly
            acts = table_acts(as_written(table)[:MAX_DECODED],
                              [p for p in payloads if p != written], read=True)
        else:
            acts = table_acts(written, payloads)
        if tabled and acts:  # a plain table's URLs: what its accessor hands the acts
            for hidden in _table_urls(written):
                urls.setdefault(hidden.url, hidden)
        urls = {url: _as_acted(hidden, acts) for url, hidden in urls.items()}
    if table is not None:  # its words, pieces joined, are in no literal of the code
        # (a renamed table's, or an `_0x` one's cut in pieces: the zqxq loader's
        # `'refer'+'rer'`, read through objects of indexes)
        plain = _JOINED.sub("", table)[:MAX_DECODED]
        if plain not in payloads:
            payloads.append(plain)
    lone = unpacked if unpacked is not None and len(_PACKED.findall(code)) == 1 else None
    return Decoded(tuple(payloads), tuple(urls.values()), tuple(signals), machine, nested,
                   data_only, acts, lone)


# --- what one script hands the next ------------------------------------------------------

# a name a script assigns what hides or names an address (char codes, base64, a URL, an
# object holding one): an injector writes it in one script and uses it in the next
# (Balada's address in one `<script>`, its loader in the next; a redirect kit's rule in a
# settings script)
_HANDED_VALUE = lazy_regex(
    r"""(?<![\w$.])([A-Za-z_$][\w$]{0,40})\s*=\s*("""
    r"""(?:window\s*\.\s*)?String\s*\.\s*fromCharCode\s*\([\dxXa-fA-F,\s]{1,20000}\)"""
    r"""|(?:window\s*\.\s*)?atob\s*\(\s*(['"])[A-Za-z0-9+/=]{4,20000}\3\s*\)"""
    r"""|(['"])(?:https?:)?//[^'"\s\\]{3,2000}\4"""
    r"""|\{[^{}]{0,2000}\})""")
# an `=` after a name or a space, before what opens one of `_HANDED_VALUE`'s values (its
# first word, a quote and `//`, a brace): a script setting thousands of names to other
# strings (`google_color_bg = 'FFF'`) has each `=` passed over in C, not read back
_ASSIGNING = lazy_regex(
    r"""=(?<=[\w$\s]=)(?=\s*(?:window|String|atob|['"](?:https?:)?//|\{))""")
_FUNCTION_NAMED = lazy_regex(r"\bfunction\s+([A-Za-z_$][\w$]{0,40})\s*\(")
HANDED_NAMES = 20  # names of a script asked whether the next one uses them


def _uses(code: str, name: str) -> bool:
    """Whether code uses a name it does not declare itself."""
    escaped = re.escape(name)  # each led by a literal, what stands before it read after it
    return bool(re.search(rf"{escaped}(?<![\w$.]{escaped})(?![\w$])", code)) and not re.search(
        rf"(?:var(?<!\wvar)|let(?<!\wlet)|const(?<!\wconst)|function(?<!\wfunction))"
        rf"\s+{escaped}(?![\w$])", code)


def handed_table(before: str, code: str) -> str:
    """The script just before `code` when it holds a string table (a rotation loop, `_0x`
    names) whose functions `code` calls without defining them (the ndsw loader split
    from its table), as the browser runs both in one global scope; else ''."""
    if not before or not code:
        return ""
    if ("try" in before and _ROTATION_MAY.search(before) and _ROTATION.search(before)) or (
            "_0x" in before and len(_OBFUSCATOR_IDENT.findall(before)) >= 10):
        names = dict.fromkeys(m.group(1) for m in islice(
            _FUNCTION_NAMED.finditer(before), HANDED_NAMES))
        if any(_uses(code, name) for name in names):
            return before
    return ""


def handed_names(code: str) -> dict[str, str]:
    """The assignments a script makes of a hidden or plain address to a name (`var u =
    String.fromCharCode(…)`, `var rule = {u: 'https://…'}`), each as a statement a later
    script using the name is read with (Balada's address and its loader, a kit's rule
    and its redirect, in separate scripts). Sought from each `=` that may open such a
    value (`assigned_names`): led by the name, the pattern was tried at each character of
    every script (0.13-0.16 s a corpus pass, now 24 ms)."""
    handed: dict[str, str] = {}
    for m in islice(assigned_names(_HANDED_VALUE, _ASSIGNING, code), HANDED_NAMES):
        value = m.group(2)
        if value.startswith("{") and "//" not in value:
            continue  # an object naming no address: settings, not a rule
        handed[m.group(1)] = f"var {m.group(1)}={value};"
    return handed


def used_of(code: str, handed: dict[str, str]) -> str:
    """The statements of `handed` (earlier scripts' `handed_names`) whose names `code`
    uses without declaring: each name looked for in it (a substring search in C; a page
    keeps at most `page.HANDED_KEPT` of them, the corpus's at most 5), the few it holds
    checked. Reading its every word to meet them took 5x the time (52 -> 9 ms a corpus
    pass); `_uses` asks for the name standing alone, as the words read had it."""
    if not handed or not code:
        return ""
    shared = [name for name in handed if name in code]
    return "".join(islice((handed[name] for name in sorted(shared) if _uses(code, name)),
                          HANDED_NAMES))
