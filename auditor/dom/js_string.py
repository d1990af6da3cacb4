"""A JavaScript string literal's text, its escapes read as ECMAScript reads them.

One reader for every module that reads a literal's value (the `javascript:` frame's
writer, the obfuscator's string table, the constant-XOR decoder): each held its own table
and each missed escapes another read (`\\b \\f \\v \\0`, `\\u{…}`, line continuations).
The rules are ECMA-262's String Literals (§12.9.4) with Annex B's legacy octal escapes,
which a classic script (a page's `<script>`, not a module) accepts. An escape the
language rejects (`\\x4`, `\\u{110000}`) reads as the character after its backslash.
Text that is no one literal (a whole script, a URL cut from one) has its `\\x`/`\\u`
escapes alone read (`js_unescaped`), every other backslash left as written.
"""

from __future__ import annotations

import re

from auditor.lazy_re import lazy_regex

# one escape, from its backslash: hex, four-digit or braced Unicode, legacy octal (at most
# three digits, the first of three 0-3), a line continuation, or any one character
_ESCAPE = lazy_regex(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|u\{0*([0-9A-Fa-f]{1,6})\}"
                     r"|([0-3][0-7]{0,2}|[4-7][0-7]?)|(\r\n|[\n\r\u2028\u2029])|(.))", re.S)
_SINGLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_SURROGATE_PAIR = lazy_regex("[\ud800-\udbff][\udc00-\udfff]")


def _escaped(m: re.Match[str]) -> str:
    hex2, hex4, braced, octal, continuation, char = m.groups()
    if hex2 or hex4:
        return chr(int(hex2 or hex4, 16))
    if braced and int(braced, 16) <= 0x10FFFF:
        return chr(int(braced, 16))
    if octal:
        return chr(int(octal, 8))
    if continuation:
        return ""
    if char is None:  # `\u{…}` past the last code point: its text as written
        return m.group()[1:]
    return _SINGLE.get(char, char)


def _paired(m: re.Match[str]) -> str:
    high, low = ord(m.group()[0]), ord(m.group()[1])
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def string_value(body: str) -> str:
    r"""The string a literal's body (its text between the quotes) stands for; a surrogate
    pair written as two escapes is the one character they make.

    >>> string_value(r"<scr\x69pt src=\"//a.test/x.js\">\u003c/script>\n")
    '<script src="//a.test/x.js"></script>\n'
    >>> string_value(r"\v\0\101\u{1F600}\\x41")
    '\x0b\x00A😀\\x41'
    """
    if "\\" not in body:
        return body
    text = _ESCAPE.sub(_escaped, body)
    return _SURROGATE_PAIR.sub(_paired, text) if "\\u" in body else text


def quoted_value(literal: str) -> str:
    """The string a quoted literal (its quotes included) stands for."""
    return string_value(literal[1:-1])


# a hyphen inside a word written as an escape (`'UA\u002D1234\u002D1'`): neither JS nor JSON
# needs one, a template's JS escaper writes every one so (Django's `escapejs`, Twig's `js`)
_HYPHEN_IN_WORD = lazy_regex(r"[A-Za-z0-9]\\(?:x2[Dd]|u002[Dd])(?=[A-Za-z0-9])")


def template_escaped(code: str) -> bool:
    r"""Whether the code holds values a template's escaper printed into it: a hyphen inside
    a word written as an escape, the way the hyphenated IDs a template prints come out
    (`UA-…`, `GTM-…`, `ca-pub-…`).

    >>> template_escaped(r"gaId: 'UA\u002D16730067\u002D39'"), template_escaped(r"/[\x2d]/")
    (True, False)
    """
    return ("\\u002" in code or "\\x2" in code) and _HYPHEN_IN_WORD.search(code) is not None


# a script string's `\xNN` or `\uNNNN` escape (the decoder reads them too)
JS_ESCAPE = lazy_regex(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4}))")


def escaped_char(escape: re.Match[str]) -> str:
    """The character a `JS_ESCAPE` match (or `inline_js._URL_CHAR_ESCAPE`'s) stands for."""
    return chr(int(escape.group(1) or escape.group(2), 16))


def js_unescaped(text: str) -> str:
    r"""Text with its `\x` and `\u` escapes read, and no other.

    >>> js_unescaped(r"id\x3d39\u0026n")
    'id=39&n'
    """
    return JS_ESCAPE.sub(escaped_char, text)
