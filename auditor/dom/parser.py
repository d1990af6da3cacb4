"""The one HTML parser: comments kept (they are evidence), huge pages allowed."""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import lxml.html
import re2  # type: ignore[import-untyped]
from lxml import etree

from auditor.errors import InputError
from auditor.lazy_re import lazy_regex

# One module-level parser, as trafilatura does: building one per page costs more
# than parsing a small page. Comments stay: ad templates sign themselves in them.
HTML_PARSER = lxml.html.HTMLParser(
    encoding="utf-8", remove_comments=False, remove_pis=False, huge_tree=True, recover=True
)
# lxml.html's own class lookup asks Python for each element object lxml makes (to give
# <form>, <input>... their own classes, which the audit never uses): a tenth of the
# audit's time. The same classes, chosen in C:
HTML_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))


def html_bytes(text: str) -> bytes:
    """The bytes `parse_html` feeds the parser (NULs replaced, UTF-8)."""
    return text.replace("\x00", "\ufffd").encode("utf-8", "surrogatepass")


@dataclass(frozen=True, slots=True)
class PageLimits:
    """What one page may hold before it is refused as over the limit (a page error, so a
    gate fails closed on it). Real pages stay far below both: the 110 corpus pages hold
    at most 4,634 elements and a few dozen attributes per element."""

    max_elements: int = 100_000  # elements, or lines of a text page: bounds every pass
    max_attributes: int = 1_000  # libxml2 checks each attribute against all before it
    max_urls: int = 50_000  # URLs the page would request (~3 KB of report each)

    @property
    def urls_read(self) -> int:
        """How many URLs a walk reads to tell a page over `max_urls`: one more, within
        islice's bound (sys.maxsize, which no page's URLs reach: `--max-urls` at its most
        was an internal error)."""
        return min(self.max_urls + 1, sys.maxsize)

    def check_urls(self, count: int) -> None:
        if count > self.max_urls:
            raise PageOverLimit(f"the page names more than {self.max_urls:,} URLs "
                                "(over the limit: --max-urls)")

    def check_lines(self, count: int) -> None:
        if count > self.max_elements:
            raise PageOverLimit(f"the text has {count:,} lines, more than "
                                f"{self.max_elements:,} (over the limit: --max-elements)")


DEFAULT_LIMITS = PageLimits()


class PageOverLimit(InputError):
    """A page over a `PageLimits` bound."""


@functools.lru_cache(maxsize=8)
def _crowded_tag(max_attributes: int) -> re.Pattern[bytes]:
    """A start tag with more than `max_attributes` attributes, quotes respected, so a `>`
    inside a value cannot hide the rest; anchored at `<`, so each tag is read once."""
    attribute = rb"""(?>[\s/]++[^\s/>"'=]++(?>\s*+=\s*+(?>"[^"]*+"|'[^']*+'|[^\s>"']*+))?)"""
    return re.compile(rb"<[A-Za-z][^\s/>]*+" + attribute
                      + b"{%d}" % min(max_attributes + 1, _MOST_ATTRIBUTES))


# `re` repeats at most 2**32-2 times (`--max-attributes` past it was an internal error);
# a tag of 2**31 attributes is 4 GiB, past any page's limit, so the bound changes nothing
_MOST_ATTRIBUTES = 1 << 31


_FEW_ATTRIBUTES = 32


# Python's `\s` on bytes, spelled out for RE2 (whose `\s` lacks \v): a pattern moved to
# RE2 that stands for one of `re`'s matches what it did
BYTES_SPACE = rb"[\t\n\x0b\x0c\r ]"
# how many of the body's first elements may still be the head's: the parser ends a head
# at a stray body element (a saved page's injected `<div>` or frame) and moves its title,
# charset and links into the body, a few elements in
CUT_HEAD_REACH = 40


def cut_head_spill(root: etree._Element, body_line: int = 0) -> list[etree._Element]:
    """The body's first `CUT_HEAD_REACH` nodes (comments too), where a head the parser cut
    short left the rest of its tags; none when a `<head>` holds its `<title>` (a head that
    holds its title ended where its page ended it) or there is no body. Each reader stops
    where its own tag ends the spill (content, text, the charset).

    `body_line`, where the source's `<body>` tag opens (`body_tag_line`), tells a head cut
    after its title: a plugin's `<div id="fb-root">` in the head ends it there too, and the
    canonical written after the div but before the `<body>` tag is still the head's. Given,
    a titled head's spill is the nodes on lines before that tag (none on its line: a page
    saved on one line cannot tell its head's from its content's)."""
    body = root.find("body")
    if body is None:
        return []
    nodes = itertools.islice(body.iterdescendants(), CUT_HEAD_REACH)
    if not any(head.find(".//title") is not None for head in root.iter("head")):
        return list(nodes)
    if body_line <= 0:
        return []
    return list(itertools.takewhile(lambda node: 0 < line_of(node) < body_line, nodes))


_BODY_TAG = lazy_regex(r"<body[\s>]", re.I)


def body_tag_line(text: str) -> int:
    """The line of the source's first `<body>` tag, 0 if it writes none: the head a
    template wrote ends there, wherever a stray element made the parser end it.

    >>> body_tag_line("<title>t</title>\\n<div id=fb-root></div>\\n<body class=home>")
    3
    >>> body_tag_line("<p>no body tag</p>")
    0
    """
    m = _BODY_TAG.search(text)
    return line_at(text, m.start()) if m else 0


def re2_bytes_pattern(pattern: bytes) -> Any:
    """A pattern RE2 runs over bytes as they are (Latin-1): one linear pass, however many
    alternatives it holds, where `re` tries each at every position of a big page."""
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1  # bytes as they are
    return re2.compile(pattern, options)


# `re`'s Unicode classes over text, spelled for RE2 (whose `\s`, `\w`, `\d` are ASCII):
# `\s` is str.isspace() (the separators and \v, \x1c-\x1f, \x85), `\w` letters, numbers
# and `_`, `\d` decimal digits; inside a class, the members alone
_RE2_CLASSES = {"s": r"\t\n\x0b\x0c\r\x1c-\x1f \x85\pZ", "w": r"\pL\pN_", "d": r"\p{Nd}"}
# `re.I` also folds i and I with Turkish dotless ı and dotted İ; RE2's simple folding
# does not, so 'LİNKİ AL' passed `re` and not RE2
_TURKISH_I = "\u0131\u0130"


def _re2_class_member(pattern: str, at: int) -> tuple[str, int, str | None]:
    """The class member at `at` (a character or an escape) as RE2 is to read it, where
    it ends, and the character it stands for when it is one (a range's end)."""
    if pattern[at] != "\\":
        return pattern[at], at + 1, pattern[at]
    letter = pattern[at + 1:at + 2]
    if letter in _RE2_CLASSES:
        return _RE2_CLASSES[letter], at + 2, None
    if letter in ("S", "W", "D"):  # RE2 has no class inside a class to negate
        raise ValueError(f"re2_text_pattern: \\{letter} inside a class: {pattern!r}")
    if letter == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", pattern[at + 2:at + 4]):
        return pattern[at:at + 4], at + 4, chr(int(pattern[at + 2:at + 4], 16))
    if letter in ("p", "P"):
        end = pattern.index("}", at) + 1 if pattern[at + 2:at + 3] == "{" else at + 3
        return pattern[at:end], end, None
    if letter.isalnum():
        raise ValueError(f"re2_text_pattern: \\{letter} inside a class: {pattern!r}")
    return pattern[at:at + 2], at + 2, letter  # an escaped punctuation mark


def re2_text_pattern(pattern: str, *, utf8: bool = False, max_mem: int = 0) -> Any:
    """A case-blind `re` pattern over text, run by RE2 in one linear pass, read as `re`
    reads it: `\\s`, `\\w`, `\\d` and their negations Unicode's (RE2's are ASCII), inside a
    class too, and i folding with Turkish ı and İ. Only `\\b` and `\\B` stay RE2's ASCII
    edges. A negated class escape inside a class (`[\\S,]`) has no RE2 spelling: ValueError.
    `utf8`: searched over text already UTF-8 bytes (lxml's serialised text), matching
    where the str pattern matches the text decoded, without a decode and an encode.
    `max_mem`: RE2's memory budget for the pattern, where not its default (8 MB)."""
    out: list[str] = []
    at, n = 0, len(pattern)
    while at < n:
        char = pattern[at]
        if char == "\\":
            letter = pattern[at + 1:at + 2]
            if letter in _RE2_CLASSES:
                out.append("[" + _RE2_CLASSES[letter] + "]")
            elif letter.lower() in _RE2_CLASSES:
                out.append("[^" + _RE2_CLASSES[letter.lower()] + "]")
            elif letter in ("p", "P") and pattern[at + 2:at + 3] == "{":
                end = pattern.index("}", at) + 1
                out.append(pattern[at:end])
                at = end
                continue
            else:  # any other escape (`\\\\`, `\\.`, `\\b`, `\\x00`) as it is
                out.append(pattern[at:at + 2])
            at += 2
        elif char == "[":
            at += 1
            members = ["["]
            if pattern[at:at + 1] == "^":
                members.append("^")
                at += 1
            turkish, first = False, True
            while at < n and (pattern[at] != "]" or first):
                member, at, literal = _re2_class_member(pattern, at)
                first = False
                if pattern[at:at + 1] == "-" and pattern[at + 1:at + 2] not in ("]", ""):
                    high, at, last = _re2_class_member(pattern, at + 1)
                    if literal is None or last is None:
                        raise ValueError(f"re2_text_pattern: a range of classes: {pattern!r}")
                    member += "-" + high
                    turkish |= any(literal <= c <= last for c in "iI")
                else:
                    turkish |= literal in ("i", "I")
                    # a hyphen as itself, escaped: last in the class, it would open a
                    # range to the Turkish letters appended after it (`[_-ıİ]`)
                    member = "\\-" if member == "-" else member
                members.append(member)
            if at >= n:
                raise ValueError(f"re2_text_pattern: an unclosed class: {pattern!r}")
            out.append("".join(members) + (_TURKISH_I if turkish else "") + "]")
            at += 1
        elif char == "(" and pattern[at + 1:at + 2] == "?":
            end = at + 2  # a group's flags or name, copied: its letters are no literals
            while end < n and pattern[end] not in ":)" and pattern[end] != ">":
                end += 1
            out.append(pattern[at:end + 1])
            at = end + 1
        elif char in "iI":
            out.append("[iI" + _TURKISH_I + "]")
            at += 1
        else:
            out.append(char)
            at += 1
    source = "(?i)" + "".join(out)
    options = re2.Options()
    options.log_errors = False  # one RE2 cannot read raises re2.error; no line on stderr
    if max_mem:
        options.max_mem = max_mem
    return re2.compile(source.encode() if utf8 else source, options)


# `_crowded_tag(32)` without possessive quantifiers, run by RE2 (a DFA): it matches
# wherever that pattern, or any with more attributes, does (dropping possessiveness only
# adds matches), so a page it does not match has no crowded tag. One real page in 110 has
# a tag over 32 attributes; the rest are cleared in a quarter of the time (0.16 ms a
# page, not 0.52), and a 5 MB hostile page of 31-attribute tags in 14 ms, not 390.
# (Python's `\s` on bytes holds \v, RE2's does not: the class is spelled out, as `W`.)
_MANY_ATTRIBUTES: Any = re2_bytes_pattern(
    (rb"<[A-Za-z][^W/>]*"
     + rb"""(?:[W/]+[^W/>"'=]+(?:[W]*=[W]*(?:"[^"]*"|'[^']*'|[^W>"']*))?)"""
     + b"{%d}" % (_FEW_ATTRIBUTES + 1)).replace(b"W", rb"\t\n\x0b\x0c\r "))


# A custom element's start tag (a hyphenated name) with a `src` attribute: web components
# that load what they name (heise's `<a-script src=…>`, `<a-pixel src=…>`). RE2 clears a
# page that has none in 0.03 ms; the few that have one are asked of the tree.
# The attributes before `src` are read two ways, either of which may match: as any run
# ending in a separator, and quote-aware, a quote opening a value only after `=` (a `>`
# inside a quoted value; `x="1"src=`; a stray quote where a name goes). A tag name runs to
# HTML's own separators (`\v` is none). Cases are spelled out: RE2's `(?i)` doubled the pass.
_NAME_CHAR, _SEPARATOR = rb"[^\t\n\x0c\r />]", rb"[\t\n\x0b\x0c\r /]"
_VALUE = rb"=" + BYTES_SPACE + rb'*"[^"]*"|=' + BYTES_SPACE + rb"*'[^']*'"
_CUSTOM_SOURCE: Any = re2_bytes_pattern(
    rb"<[A-Za-z]" + _NAME_CHAR + rb"*-" + _NAME_CHAR + rb"*" + _SEPARATOR
    + rb"(?:[^>]*" + _SEPARATOR + rb"|(?:[^>=]|" + _VALUE + rb"|=)*(?:" + _SEPARATOR
    + rb"""|"|'|""" + _VALUE + rb"))?[Ss][Rr][Cc]" + BYTES_SPACE + rb"*=")
_CUSTOM_SOURCES: Any = etree.XPath("//*[@src][contains(name(), '-')]")


def custom_sources(root: etree._Element, data: bytes | None) -> list[etree._Element]:
    """The custom elements (`<a-script>`, any hyphenated name) with a `src`, in document
    order; `data` the markup the tree was parsed from (None: ask the tree alone)."""
    if data is not None and _CUSTOM_SOURCE.search(data) is None:
        return []
    return elements(_CUSTOM_SOURCES(root))


def crowded(data: bytes, max_attributes: int) -> bool:
    """Whether a start tag of the markup has more than `max_attributes` attributes (libxml2
    compares each new attribute with all before it: quadratic in a hostile tag).

    >>> crowded(b"<p a b>" + b"<i" + b" x" * 40 + b">", 32), crowded(b"<p a b>", 1)
    (True, True)
    """
    if max_attributes >= _FEW_ATTRIBUTES and _MANY_ATTRIBUTES.search(data) is None:
        return False
    return _crowded_tag(max_attributes).search(data) is not None


def parse_html(text: str, limits: PageLimits = DEFAULT_LIMITS) -> lxml.html.HtmlElement:
    """Parse a page (or a post-body fragment) into an html root; never raises on bad markup,
    only on a page over `limits`.

    Line numbers (`sourceline`) count lines of `text`, which is what the report cites.
    """
    return parse_html_bytes(html_bytes(text), limits)


def parse_html_bytes(data: bytes, limits: PageLimits = DEFAULT_LIMITS) -> lxml.html.HtmlElement:
    """`parse_html` for markup already in `html_bytes` form."""
    return parse_counted(data, limits)[0]


def parse_counted(data: bytes, limits: PageLimits = DEFAULT_LIMITS
                  ) -> tuple[lxml.html.HtmlElement, int]:
    """`parse_html_bytes`, and how many elements the page has."""
    if crowded(data, limits.max_attributes):
        raise PageOverLimit(f"an element has more than {limits.max_attributes:,} attributes "
                            "(over the limit: --max-attributes)")
    data = unprefixed_xhtml(data)
    root = etree.fromstring(data or b"<html></html>", HTML_PARSER) if data.strip() else None
    errors = {e.type for e in HTML_PARSER.error_log}
    misplaced = _STRUCTURE in errors and any(e.message.startswith(_MISPLACED)
                                             for e in HTML_PARSER.error_log)
    if _RESOURCE_LIMIT in errors:
        # libxml2 stops reading at 2,048 levels of nesting; browsers go on, so what
        # follows (an injected loader) would be unseen: refuse the page instead
        raise PageOverLimit("elements nest more than 2,048 deep, where the parser stops "
                            "reading (over the limit)")
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", HTML_PARSER)
    assert isinstance(root, lxml.html.HtmlElement)
    _adopt_trailing_markup(root)
    if misplaced:
        merge_repeated_tags(root, data)
    if _MISMATCH in errors:
        close_reopened_items(root)
    elements = int(_COUNT_ELEMENTS(root))
    if elements > limits.max_elements:
        raise PageOverLimit(f"the page has {elements:,} elements, more than "
                            f"{limits.max_elements:,} (over the limit: --max-elements)")
    return root, elements


# a prefix a copy binds to XHTML's namespace: the DOM's XML serialisation (XMLSerializer,
# the DOM Parsing spec's generated prefixes `a0`, `a1`…) writes an HTML element whose
# context's default namespace is another (`xmlns=""`) as `<a0:script xmlns:a0="http://www.
# w3.org/1999/xhtml">`; HTML's parser reads `a0:script` as an unknown element
# (led by `xmlns:`, its `\b` read after it, so that `re` skips ahead to it)
_XHTML_PREFIX = lazy_regex(
    rb"""xmlns:(?<!\wxmlns:)([A-Za-z_][\w.-]{0,30})[\t\n\x0c\r ]*=[\t\n\x0c\r ]*(["']?)"""
    rb"""http://www\.w3\.org/1999/xhtml\2""")
_PREFIXES_READ = 16  # a serialiser numbers a few; a crafted page's thousands stay unread


def unprefixed_xhtml(data: bytes) -> bytes:
    """`data` with the prefix of each tag whose prefix the page binds to XHTML's namespace
    taken off (`<a0:script src=…>` → `<script src=…>`): that element is the HTML element
    of its local name, a script that ran, so its tags and IDs are read as the script's.
    Lines and every other byte stay where they are.

    >>> unprefixed_xhtml(b'<a0:script xmlns:a0="http://www.w3.org/1999/xhtml" src="/t.js">'
    ...                  b'</a0:script><x:y>')
    b'<script xmlns:a0="http://www.w3.org/1999/xhtml" src="/t.js"></script><x:y>'
    """
    if b"xmlns:" not in data:
        return data
    declared = (m.group(1) for m in _XHTML_PREFIX.finditer(data))
    prefixes = set(itertools.islice(declared, _PREFIXES_READ))
    if not prefixes:
        return data
    names = b"|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.sub(rb"<(/?)(?:" + names + rb"):(?=[A-Za-z])", rb"<\1", data)


_COUNT_ELEMENTS: Any = etree.XPath("count(//*)")
_RESOURCE_LIMIT = etree.ErrorTypes.ERR_RESOURCE_LIMIT
_STRUCTURE = etree.ErrorTypes.HTML_STRUCURE_ERROR  # (libxml2's spelling)
_MISMATCH = etree.ErrorTypes.ERR_TAG_NAME_MISMATCH
_MISPLACED = ("htmlParseStartTag: misplaced <body>", "htmlParseStartTag: misplaced <html>")


def _adopt_trailing_markup(root: lxml.html.HtmlElement) -> None:
    """Markup after `</html>` into the body, where browsers parse it.

    libxml2 puts it in a second `<html>` element beside the root, out of reach of every
    walk from the root: a loader written after `</html>` ran in the browser and went
    unseen. Browsers ignore the stray `<html>`, `<head>` and `<body>` tags there and insert
    their content in the body; comments after `</html>` stay with the document, as here.
    (The emptied stray stays beside the root: lxml cannot remove a root's sibling.)
    """
    strays = _stray_htmls(root)
    if not strays:
        return
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    for stray in strays:
        _move_content(stray, body)


_TAG_END = (b" ", b"\t", b"\n", b"\r", b"\f", b"/", b">")  # what may follow a tag's name
_START_TAG = lazy_regex(rb"""<[a-z]+(?:[^>"']|"[^"]*"|'[^']*')*>?""")


# what a list item's start tag closes on its way to the open item before it (WHATWG's
# "li" start tag: every element up to that item, past an `address`, `div` or `p`)
_CLOSED_BY_ITEM = frozenset({"div", "p", "address"})
_REOPENED_LEVELS = 8  # unclosed boxes read between an item and the one before it


def close_reopened_items(root: etree._Element) -> None:
    """Each list item libxml2 nested in an unclosed box of the item before (a saved page's
    `<li><div class="adunit" id="Badge1"></li><li><div …>`: libxml2 ignores the `</li>` and
    puts every next item inside the one before) back after that item, where a browser's
    `<li>` start tag puts it, closing the box and the item. Asked only when libxml2 reports
    a mismatched end tag; each item reads at most `_REOPENED_LEVELS` of its ancestors."""
    last: dict[etree._Element, etree._Element] = {}  # an item → the last one moved after it
    for item in list(root.iter("li")):
        up, levels = item.getparent(), 0
        while up is not None and levels < _REOPENED_LEVELS \
                and str(up.tag).lower() in _CLOSED_BY_ITEM:
            up, levels = up.getparent(), levels + 1
        if levels and up is not None and str(up.tag).lower() == "li":
            last.get(up, up).addnext(item)
            last[up] = item


def merge_repeated_tags(root: lxml.html.HtmlElement, markup: bytes) -> None:
    """The attributes of every `<body>` and `<html>` start tag onto the element, where
    browsers put each one the element lacks: libxml2 drops a second tag's (and the
    first's, after content opened the body), and an injected `<body onload="…">` in a
    post ran unseen. Asked only when libxml2 reports a misplaced tag."""
    lowered = markup.lower()
    for name in ("body", "html"):
        el = root if name == "html" else root.find("body")
        if el is None:
            continue
        needle = b"<" + name.encode()
        at = lowered.find(needle)
        while at >= 0:
            tag = _START_TAG.match(lowered, at)  # to its `>`, quoted values read whole
            end = tag.end() if tag else len(lowered)
            if lowered[at + len(needle) : at + len(needle) + 1] in _TAG_END \
                    and b"=" in lowered[at:end]:
                part = etree.fromstring(b"<html><body" + markup[at + len(needle) : end]
                                        + b"</html>", HTML_PARSER)
                stray = part.find("body") if part is not None else None
                for key, value in stray.items() if stray is not None else ():
                    try:
                        if el.get(key) is None:
                            el.set(key, NOT_XML_CHARS.sub("\ufffd", str(value)))
                    except ValueError:  # a name lxml refuses (`{a`, a control byte)
                        continue
            at = lowered.find(needle, end)


def ids_registered(root: etree._Element) -> bool:
    """Whether the document's ID table (libxml2's, read by XPath `id()`) lists every id
    of the page: not when markup after `</html>` was moved in, whose ids libxml2 never
    registers (the emptied stray `<html>` beside the root says so)."""
    return not _stray_htmls(root)


def _stray_htmls(root: etree._Element) -> list[etree._Element]:
    """The second `<html>` elements libxml2 puts beside the root for markup after
    `</html>` (a comment or PI beside it has a function for its `.tag`)."""
    return [s for s in root.itersiblings() if isinstance(s.tag, str) and s.tag == "html"]


def _move_content(part: etree._Element, body: etree._Element) -> None:
    """`part`'s text and children to the end of `body`, in document order; a `head` or
    `body` among them is unwrapped."""
    _append_text(body, part.text)
    part.text = None
    for child in list(part):
        if isinstance(child.tag, str) and child.tag in ("head", "body"):
            _move_content(child, body)
            _append_text(body, child.tail)
            child.tail = None
        else:
            body.append(child)  # its tail (the text after it) moves with it


# what lxml refuses in a string it is given (text set on a node, an XPath variable), though
# libxml2's HTML parser keeps it in what it reads: C0 controls but tab and line ends,
# U+FFFE, U+FFFF, lone surrogates ("All strings must be XML compatible"); a raw string, so
# `re` reads the escapes and the source holds no lone surrogate (mypyc refuses one)
NOT_XML_CHARS = lazy_regex(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _append_text(el: etree._Element, text: str | None) -> None:
    """Text to the end of `el`'s content; what lxml refuses to set becomes U+FFFD."""
    if not text:
        return
    last = el[-1] if len(el) else None
    joined = ((el.text if last is None else last.tail) or "") + text
    joined = NOT_XML_CHARS.sub("\ufffd", joined)
    if last is None:
        el.text = joined
    else:
        last.tail = joined


# every attribute value run together, in one string libxml2 builds (EXSLT str:concat)
_ALL_VALUES: Any = etree.XPath("str:concat(//*/@*)", smart_strings=False,
                               namespaces={"str": "http://exslt.org/strings"})


def attribute_values(root: etree._Element) -> str:
    """Every attribute value of the tree run together: where a needle (a selector's
    literal, a host, `url(`) is looked for before anything walks the tree."""
    return str(_ALL_VALUES(root))


def elements(result: object) -> list[etree._Element]:
    """The elements of an XPath result (which lxml types as a wide union)."""
    if isinstance(result, list):
        return [item for item in result if isinstance(item, etree._Element)]
    return []


_IN_ORDER: Any = etree.XPath("$e/self::node()")
_XPATH_SORT_MAX = 200  # libxml2 adds a node to a node-set after comparing it to each one


def in_document_order(nodes: Iterable[Any]) -> list[Any]:
    """Nodes of one tree in document order, once each. A few are sorted by libxml2 in C
    (ranking every element of the page in Python costs about as much as parsing it);
    many are ranked by one walk of the tree, since building the node-set is quadratic
    (40,000 slots took 30 s)."""
    found = list(nodes)
    if not found:
        return []
    if len(found) <= _XPATH_SORT_MAX:
        return list(_IN_ORDER(found[0].getroottree(), e=found))
    wanted = set(found)
    return [n for n in found[0].getroottree().iter() if n in wanted]


_XPATH_NAME = lazy_regex(r"[A-Za-z_][\w.-]*")


@functools.lru_cache(maxsize=256)
def _attribute_nodes(name: str) -> Any:
    return etree.XPath(f"//*/@{name}")  # smart strings: each knows its element


def carrying(root: etree._Element, *names: str,
             keep: Callable[[Any], bool] | None = None) -> list[etree._Element]:
    """The elements carrying one of the attributes `names`, in document order, once each;
    with `keep`, only those of the attributes it keeps (it is handed each attribute's
    value, which knows its `.attrname`): no Python element is made for the others.

    libxml2 selects attribute nodes (`//@style`) at half the cost of testing every
    element (`//*[@style]` builds a node-set for its predicate element by element; four
    handler names: 1.1 ms a median page, this 0.45); the sets of several names are joined
    here, not by an XPath union or `/..`, which are quadratic in libxml2 (30,000
    elements took 2 s; 500,000 `<ins data-zoneid>`, minutes).
    """
    found = [[a.getparent() for a in attributes_named(root, name) if keep is None or keep(a)]
             for name in names]
    joined = [els for els in found if els]
    if len(joined) <= 1:
        return joined[0] if joined else []
    return in_document_order(dict.fromkeys(el for els in joined for el in els))


def attributes_named(root: etree._Element, name: str) -> list[Any]:
    """Every attribute `name` of `root`'s document, in document order, as strings that
    know their element (`.getparent()`). `//*/@name` is a linear attribute-axis pass
    over the elements (`//@name`, the same nodes, asks the axis of every text and comment
    node too: 5-13% slower on the corpus pages); a name XPath cannot spell is compared
    by `name()` on every attribute (a third of the speed)."""
    if _XPATH_NAME.fullmatch(name):
        return list(_attribute_nodes(name)(root))
    return list(_NAMED_ATTRIBUTES(root, n=name))


_NAMED_ATTRIBUTES: Any = etree.XPath("//*/@*[name() = $n]")


# The values of the page's classes and ids, as plain strings (no smart string knowing
# its element): what the cosmetic pass files EasyList's selectors under, and which
# values the sheet-hiding reading selects the elements of (`valued`)
_CLASS_VALUES: Any = etree.XPath("//*/@class", smart_strings=False)
_ID_VALUES: Any = etree.XPath("//*/@id", smart_strings=False)
_ID_TABLE: Any = getattr(etree, "_IDDict", None)  # the document's ID table, read-only


def class_values(root: etree._Element) -> list[str]:
    """The distinct values of the document's `class` attributes, the first of each in
    document order. Made distinct here, not by EXSLT's `set:distinct` (which sorts the
    node-set and hashes each node's string value anew: 1.4x the time on the corpus)."""
    return list(dict.fromkeys(_CLASS_VALUES(root)))


def id_values(root: etree._Element, fresh: bool) -> list[str]:
    """The document's distinct id values. From a tree fresh from the parser (`fresh`:
    parsed from markup, `ids_registered`), its ID table: libxml2 files each HTML `id`
    there as it parses (and `<a name>`s: a superset, which a caller asking which ids the
    page may hold allows), so no walk is needed. Otherwise, or when this lxml has no
    table to offer, a walk."""
    if fresh:
        try:
            return list(_ID_TABLE(root).keys())
        except (AttributeError, TypeError, ValueError):  # no ID table, or no such class
            pass
    return [v for v in dict.fromkeys(_ID_VALUES(root)) if v]


@functools.lru_cache(maxsize=16)
def _valued_nodes(name: str) -> Any:
    # `$v`: the wanted values a line each; a value holding a line break may be let through
    # (its pieces wanted), and `valued` drops it
    return etree.XPath(f"//*/@{name}[contains($v, concat($nl, ., $nl))]")


# Past this many characters of values, each attribute is looked up in Python: libxml2's
# `contains` reads the whole list at each attribute (20,000 distinct hidden classes on a
# page were quadratic)
_VALUED_CHARS = 4096


def valued(root: etree._Element, name: str, values: Collection[str]) -> list[etree._Element]:
    """The elements whose attribute `name` (an XPath name) is one of `values`, in document
    order: libxml2 tests every attribute in C and only the few carriers come to Python
    (`carrying` with a `keep` made a string per attribute and called `keep` on it: most of
    the sheet-hiding reading's time). A value no XPath string can hold, or many values
    (`_VALUED_CHARS`), are tested in Python."""
    if not values:
        return []
    wanted = frozenset(values)
    if sum(map(len, wanted)) > _VALUED_CHARS or any(NOT_XML_CHARS.search(v) for v in wanted):
        return [a.getparent() for a in attributes_named(root, name) if a in wanted]
    joined = "\n" + "\n".join(wanted) + "\n"
    return [a.getparent() for a in _valued_nodes(name)(root, v=joined, nl="\n") if a in wanted]


def document_rank(root: etree._Element, els: Iterable[etree._Element]) -> dict[etree._Element, int]:
    """element -> its rank (1, 2, ...) in document order, for those of `els` in `root`'s
    tree (`in_document_order` sorts one tree only)."""
    mine = [e for e in els if e.getroottree().getroot() is root]
    return {e: i for i, e in enumerate(in_document_order(mine), 1)}


def line_at(text: str | bytes, pos: int, first: int = 1) -> int:
    """The line offset `pos` of `text` falls on, counted as the report counts lines (by
    "\\n" alone) from `first`: the one count for a match's line, however the text came.

    >>> line_at("a\\nb\\nc", 2), line_at(b"a\\nb", 0), line_at("x = 1\\ny()", 6, first=40)
    (2, 1, 41)
    """
    if isinstance(text, str):
        return first + text.count("\n", 0, pos)
    return first + text.count(b"\n", 0, pos)


def line_of(el: etree._Element) -> int:
    """The 1-based input line an element starts on (0 when lxml does not know)."""
    line = el.sourceline
    return line if isinstance(line, int) else 0


START_TAG_LOOKBACK = 60  # lines a start tag may span (attributes one per line)


def start_line(el: etree._Element, lines: Sequence[str], first: bool = True,
               floor: int = 0) -> int:
    """The line where an element's start tag opens. libxml2 records the line where the
    tag ends, so a tag written over many lines (one attribute per line) is cited at its
    `>`; readers want the `<`. `lines` are the parsed text's lines; `first`: no element
    of the same name before this one (in document order) ends its start tag on that
    line, since only the first can have opened on an earlier one (`ParsedPage.start_line`
    knows; alone, an element is taken as the first); `floor`: the line recorded for the
    node before it in document order, whose tag ended before this one opened.

    The `<div` of a later tag on the `>`'s own line is not this one's: only a tag whose
    own `<name`, read quote-aware, closes on that line opened above it.

    >>> lines = ['<div', '  id="a"', '></div><div>x</div>']
    >>> start_line(parse_html("\\n".join(lines)).xpath("//div")[0], lines)
    1
    """
    line = line_of(el)
    return opened_above(el, lines, first, floor) if may_open_above(el.tag, lines, line) \
        else line


def may_open_above(tag: object, lines: Sequence[str], line: int) -> bool:
    """Whether an element named `tag` whose start tag libxml2 recorded on `line` may have
    opened on a line above (`opened_above` then reads where): its line holds no `<name`,
    or a tag ends on it before its first one (or, read quote-aware from its start, before
    its first `<`: `data-x="<div>">`). Most tags open where they end, and a page need not
    know any element's order to cite them.

    >>> may_open_above("div", ['<div', '  id="a"', '></div><div>x</div>'], 3)
    True
    >>> may_open_above("div", ['<p>', '<div id="a">x</div>'], 2)
    False
    """
    if not isinstance(tag, str) or not tag or not 0 < line <= len(lines):
        return False
    mine = _opening(tag).search(lines[line - 1])
    return mine is None or ">" in lines[line - 1][:mine.start()] or _tag_ends_on(
        lines, line - 1, 0, line)


def opened_above(el: etree._Element, lines: Sequence[str], first: bool, floor: int) -> int:
    """`start_line` of an element that `may_open_above`: with no `<name` on its recorded
    line, the one above whose tag ends there, else the nearest one above; with one, only
    the first element of its name (`first`) may be the tag a line above opened."""
    line, tag = line_of(el), str(el.tag)
    opening = _opening(tag)
    if opening.search(lines[line - 1]) is not None:
        return (_spanning_start(opening, lines, line, floor) or line) if first else line
    found = _spanning_start(opening, lines, line, floor)
    if found:
        return found
    for candidate in range(line - 1, max(0, floor - 1, line - START_TAG_LOOKBACK), -1):
        if opening.search(lines[candidate - 1]):
            return candidate
    return line


_SPANNING_TRIES = 8  # `<name`s above a tag's end read, nearest first (one in a quoted
                     # value is no tag's, and reads to no `>` on its line): a bound per tag
# what ends a run of a start tag's text: a quote, its end, or a `<` (no tag's, then)
_TAG_MARK = lazy_regex(r"""[<>"']""")


def _spanning_start(opening: re.Pattern[str], lines: Sequence[str], line: int,
                    floor: int = 0) -> int:
    """The earlier line, none above `floor`, whose `<name` starts the tag that ends on
    `line`, 0 when none does: of the last `<name`s above it, nearest first, the first whose
    rest, read quote-aware to its `>`, ends on `line` (a `<name` in another tag's quoted
    value mostly reads to none)."""
    tries = 0
    for candidate in range(line - 1, max(0, floor - 1, line - START_TAG_LOOKBACK), -1):
        ends = [found.end() for found in opening.finditer(lines[candidate - 1])]
        for end in reversed(ends[max(0, len(ends) - _SPANNING_TRIES + tries):]):
            if _tag_ends_on(lines, candidate - 1, end, line):
                return candidate
        tries += len(ends)
        if tries >= _SPANNING_TRIES:
            return 0
    return 0


def _tag_ends_on(lines: Sequence[str], index: int, pos: int, line: int) -> bool:
    """Whether a start tag whose rest begins at `lines[index][pos:]` ends on `line` (1-based):
    its first `>` outside quotes is there, with no `<` outside quotes before it and no
    comment's `--` just before it. Read line by line up to `line`, never past it."""
    quote = ""
    while index < line:
        text = lines[index]
        while pos < len(text):
            if quote:
                close = text.find(quote, pos)
                if close < 0:
                    break
                quote, pos = "", close + 1
                continue
            found = _TAG_MARK.search(text, pos)
            if found is None:
                break
            mark, pos = found.group(), found.start()
            if mark == "<":
                return False
            if mark == ">":
                return index + 1 == line and not text.endswith("--", 0, pos)
            quote, pos = mark, pos + 1
        index, pos = index + 1, 0
    return False


@functools.lru_cache(maxsize=256)
def _opening(tag: str) -> re.Pattern[str]:
    """`<tag` as a whole name, any case; searched in place (lower-casing a page written
    on one line, once per slot, was quadratic)."""
    return re.compile("<" + re.escape(tag) + r"(?![\w:-])", re.IGNORECASE)


# a page whose elements nest deeper than this has its paths numbered by the memo, even
# when it is small: libxml2's getpath climbs from each node to the root
DEEP_PATH = 100


# a path step numbered past this many same-name siblings (`div[301]`): a wide page
_WIDE_STEP = lazy_regex(r"\[(?:[3-9]\d\d|\d{4,})\]")


class Paths:
    """element → its path (`getroottree().getpath()`), in linear time per page.

    getpath counts a node's same-name siblings one by one, so a page whose body holds
    30,000 divs took 3.7 s for the paths of its links alone. Here each parent's children
    are numbered once. One memo per page (`ParsedPage.paths`), dropped with it; a page
    can hand over elements of several trees (parsed `srcdoc` fragments), so it keeps
    one table per tree. On a page of at most `direct` elements libxml2's own getpath
    is quicker (its sibling counts stay in C, and bounded by the page's size).
    """

    __slots__ = ("_asked", "_direct", "_trees")

    def __init__(self, direct: bool = False) -> None:
        self._direct = direct
        self._asked: dict[etree._Element, str] = {}  # stages ask again of the same elements
        self._trees: dict[etree._Element, tuple[dict[etree._Element, str],
                                                set[etree._Element]]] = {}

    def of(self, node: etree._Element) -> str:
        if self._direct:
            path = self._asked.get(node)
            if path is None:
                path = self._asked[node] = node.getroottree().getpath(node)
                # getpath climbs to the root each time and counts each step's same-name
                # siblings one by one: past a deep node, or one with many elder twins,
                # the memo's numbering (a thousand nested divs took 0.4 s of paths, the
                # links of 1,600 sibling divs 1 s)
                self._direct = path.count("/") <= DEEP_PATH and not _WIDE_STEP.search(path)
            return path
        tree = node.getroottree()
        root = tree.getroot()
        memo = self._trees.get(root)
        if memo is None:
            memo = self._trees[root] = ({}, set())
        paths, numbered = memo
        found = paths.get(node)
        if found is not None:
            return found
        if node.getparent() is None or not isinstance(node.tag, str) or "{" in node.tag:
            return tree.getpath(node)  # the root, comments and PIs, namespaced elements
        # up to the nearest ancestor with a known path (no recursion: pages nest deep),
        # then number the children of each ancestor on the way back down
        chain = []
        anc = node.getparent()
        while anc is not None and anc not in numbered:
            chain.append(anc)
            if anc in paths:
                break
            anc = anc.getparent()
        for parent in reversed(chain):
            if parent not in paths:  # the top of the chain: the root, or namespaced
                paths[parent] = tree.getpath(parent)
            numbered.add(parent)
            _number_children(parent, paths[parent], paths)
        return paths.get(node) or tree.getpath(node)


def _number_children(parent: etree._Element, base: str, paths: dict[etree._Element, str]) -> None:
    children = [c for c in parent if isinstance(c.tag, str) and "{" not in c.tag]
    total: dict[str, int] = {}
    for c in children:
        total[c.tag] = total.get(c.tag, 0) + 1
    seen: dict[str, int] = {}
    for c in children:
        tag = str(c.tag)
        seen[tag] = seen.get(tag, 0) + 1
        paths[c] = f"{base}/{tag}" if total[tag] == 1 else f"{base}/{tag}[{seen[tag]}]"
