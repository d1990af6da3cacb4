"""A JavaScript string literal's escapes, read as ECMAScript reads them (ECMA-262
§12.9.4 String Literals, with Annex B.1.2's legacy octal escapes a classic script
accepts): one table, and the three readers that used to hold their own tables agree."""

from __future__ import annotations

import pytest

from auditor.dom import inline_js
from auditor.dom.js_string import quoted_value, string_value

# (the literal's body as written, the string the engine makes of it)
ESCAPES = [
    # SingleEscapeCharacter
    (r"\'", "'"), (r"\"", '"'), (r"\\", "\\"),
    (r"\b", "\x08"), (r"\f", "\x0c"), (r"\n", "\n"), (r"\r", "\r"), (r"\t", "\t"),
    (r"\v", "\x0b"),
    # NonEscapeCharacter: the character itself
    (r"\/", "/"), (r"\a", "a"), (r"\q", "q"), (r"\<", "<"), (r"\ ", " "), ("\\é", "é"),
    # \0 not followed by a decimal digit is NUL; followed by 8 or 9, NUL then the digit
    (r"\0", "\0"), (r"a\0b", "a\0b"), (r"\08", "\x008"), (r"\09", "\x009"),
    # HexEscapeSequence, UnicodeEscapeSequence (four digits, or a code point in braces)
    (r"\x3c", "<"), (r"\x3C", "<"), (r"\u003c", "<"), (r"\u00E9", "é"),
    (r"\u{3c}", "<"), (r"\u{1F600}", "\U0001f600"), (r"\u{0000000041}", "A"),
    (r"\u{10FFFF}", "\U0010ffff"),
    # a surrogate pair written as two escapes is one character
    (r"\uD83D\uDE00", "\U0001f600"), (r"\ud83d\ude00!", "\U0001f600!"),
    # a lone surrogate stays one code unit
    (r"\uD83D", "\ud83d"),
    # LineContinuation: the backslash and the line terminator are nothing
    ("a\\\nb", "ab"), ("a\\\r\nb", "ab"), ("a\\\rb", "ab"), ("a\\\u2028b", "ab"),
    ("a\\\u2029b", "ab"),
    # Annex B LegacyOctalEscapeSequence and NonOctalDecimalEscapeSequence
    (r"\1", "\x01"), (r"\7", "\x07"), (r"\12", "\n"), (r"\012", "\n"), (r"\101", "A"),
    (r"\377", "\xff"), (r"\400", " 0"), (r"\47", "'"), (r"\477", "'7"), (r"\0123", "\n3"),
    (r"\00", "\0"), (r"\8", "8"), (r"\9", "9"),
    # an escape after an escaped backslash is text: each character is read one way only
    (r"\\x41", "\\x41"), (r"\\u0041", "\\u0041"), (r"\\n", "\\n"), (r"\\\n", "\\\n"),
    # no escape at all
    ("plain text", "plain text"), ("", ""),
]

# escapes ECMAScript rejects (a SyntaxError): read leniently, as the character after the
# backslash (a page's script that would not run loses nothing by it)
MALFORMED = [
    (r"\x4", "x4"), (r"\xZZ", "xZZ"), (r"\u12", "u12"), (r"\u{110000}", "u{110000}"),
    (r"\u{}", "u{}"),
]


@pytest.mark.parametrize(("body", "value"), ESCAPES + MALFORMED)
def test_an_escape_reads_as_ecmascript_reads_it(body: str, value: str) -> None:
    assert string_value(body) == value


@pytest.mark.parametrize(("body", "value"), ESCAPES)
def test_every_literal_reader_reads_the_escapes_alike(body: str, value: str) -> None:
    """The `javascript:` frame's writer, the string table and the constant-XOR reader
    each read a literal through the one reader: `\\b \\f \\v \\0` and `\\u{…}` were read
    by one and not another."""
    for quote in ('"', "'"):
        literal = quote + body + quote
        assert inline_js.javascript_document(f"document.write({literal[:-1]}<b>{quote})") == (
            value + "<b>")
        assert quoted_value(literal) == value  # the string table's, the XOR reader's
