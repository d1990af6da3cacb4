"""A page parsed once, and the views of it that every stage shares.

The audit parses a page once and hands the `ParsedPage` to every stage (the walk, the
slot finders, the ID reader, the metrics and, through `PageContext`, the heuristics).
A view a stage asks for is built the first time and kept for the next stage; the
elements a view needs are selected by libxml2 (the precompiled XPaths below, or
`iter(tag)`), never by a Python loop over every element. Nothing outlives the page: the
path memo and the decoded scripts are the page's, not a module's.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

import lxml.html
from lxml import etree

from auditor.dom.deobfuscate import (
    MAX_SCRIPT,
    Decoded,
    decode_script,
    escape_heavy,
    handed_names,
    handed_table,
    used_of,
)
from auditor.dom.inline_js import (
    base64_text,
    holds_code,
    javascript_document,
    javascript_url,
    media_type,
)
from auditor.dom.js_string import js_unescaped, template_escaped
from auditor.dom.parser import (
    DEFAULT_LIMITS,
    PageLimits,
    PageOverLimit,
    Paths,
    attribute_values,
    attributes_named,
    carrying,
    class_values,
    custom_sources,
    elements,
    html_bytes,
    id_values,
    ids_registered,
    line_of,
    may_open_above,
    opened_above,
    parse_counted,
    parse_html,
)
from auditor.literals import LiteralSet

T = TypeVar("T")


def srcdoc_too_deep() -> PageOverLimit:
    """What a page with `<iframe srcdoc>` documents nested past SRCDOC_DEPTH is: a page
    error, not an audit that silently leaves out the innermost one (a gate fails closed;
    no real page nests them: it is a way to hide a loader from a scan)."""
    return PageOverLimit(f"iframe srcdoc documents nest more than {SRCDOC_DEPTH} deep "
                         "(over the limit)")


# -- the XPaths the views select with, compiled once -------------------------------
# What inline code a page carries beyond <script>: event handlers that run code, and
# the scripts of <iframe srcdoc> documents (walked three deep, as the walk does).
# Every event handler attribute whose code Chromium runs (HTML's element, window and
# media handlers, CSS animations' and transitions', SVG animations', the prefixed and
# Chromium-only ones): lxml lowers attribute names, and an `on…` name not here is no
# handler (no code runs). A gate reads them all: many fire with no input from the
# visitor (`UNPROMPTED_HANDLERS`), the rest on what any visitor does (a click, a key).
HANDLER_ATTRS = frozenset((
    "onabort", "onafterprint", "onanimationcancel", "onanimationend",
    "onanimationiteration", "onanimationstart", "onauxclick", "onbeforecopy",
    "onbeforecut", "onbeforeinput", "onbeforematch", "onbeforepaste", "onbeforeprint",
    "onbeforetoggle", "onbeforeunload", "onbeforexrselect", "onbegin", "onblur",
    "oncancel", "oncanplay", "oncanplaythrough", "onchange", "onclick", "onclose",
    "oncommand", "oncontentvisibilityautostatechange", "oncontextlost", "oncontextmenu",
    "oncontextrestored", "oncopy", "oncuechange", "oncut", "ondblclick", "ondrag",
    "ondragend", "ondragenter", "ondragleave", "ondragover", "ondragstart", "ondrop",
    "ondurationchange", "onemptied", "onend", "onended", "onerror", "onfocus",
    "onfocusin", "onfocusout", "onformdata", "onfullscreenchange", "onfullscreenerror",
    "ongotpointercapture", "onhashchange", "oninput", "oninvalid", "onkeydown",
    "onkeypress", "onkeyup", "onlanguagechange", "onload", "onloadeddata",
    "onloadedmetadata", "onloadstart", "onlostpointercapture", "onmessage",
    "onmessageerror", "onmousedown", "onmouseenter", "onmouseleave", "onmousemove",
    "onmouseout", "onmouseover", "onmouseup", "onmousewheel", "onoffline", "ononline",
    "onpagehide", "onpagereveal", "onpageshow", "onpageswap", "onpaste", "onpause",
    "onplay", "onplaying", "onpointercancel", "onpointerdown", "onpointerenter",
    "onpointerleave", "onpointermove", "onpointerout", "onpointerover",
    "onpointerrawupdate", "onpointerup", "onpopstate", "onprogress", "onratechange",
    "onrejectionhandled", "onrepeat", "onreset", "onresize", "onscroll", "onscrollend",
    "onscrollsnapchange", "onscrollsnapchanging", "onsearch",
    "onsecuritypolicyviolation", "onseeked", "onseeking", "onselect",
    "onselectionchange", "onselectstart", "onslotchange", "onstalled", "onstorage",
    "onsubmit", "onsuspend", "ontimeupdate", "ontoggle", "ontouchcancel", "ontouchend",
    "ontouchmove", "ontouchstart", "ontransitioncancel", "ontransitionend",
    "ontransitionrun", "ontransitionstart", "onunhandledrejection", "onunload",
    "onvolumechange", "onwaiting", "onwebkitanimationend", "onwebkitanimationiteration",
    "onwebkitanimationstart", "onwebkitfullscreenchange", "onwebkitfullscreenerror",
    "onwebkittransitionend", "onwheel",
))
# The handlers headless Chromium 156 ran with no input from the visitor (tests/dom):
# `<input autofocus onfocus>`, `<details open ontoggle>`, `<body onpageshow>`, a CSS
# animation's or transition's events, `<svg><animate onbegin>`, `<video onloadstart>`,
# `onscroll` of a page scrolled to its fragment or autofocused field, `onhashchange` and
# `onpopstate` after a meta refresh to `#x`, `onbeforeunload` on leaving, `onresize` of
# a resized frame, as well as `onload` and `onerror`.
UNPROMPTED_HANDLERS = frozenset((
    "onanimationend", "onanimationiteration", "onanimationstart", "onbeforetoggle",
    "onbeforeunload", "onbegin", "oncontentvisibilityautostatechange", "onend",
    "onerror", "onfocus", "onfocusin", "onhashchange", "oninvalid", "onload",
    "onloadstart", "onmessage", "onpagehide", "onpageshow", "onpopstate", "onrepeat",
    "onresize", "onscroll", "onscrollend", "onselect", "onselectionchange", "ontoggle",
    "ontransitionend", "onunload", "onwebkitanimationend", "onwebkitanimationiteration",
    "onwebkitanimationstart", "onwebkittransitionend",
))
_SRCDOC_FRAMES: Any = etree.XPath("//iframe[@srcdoc]")
SRCDOC_DEPTH = 3  # srcdoc inside srcdoc inside srcdoc is walked; deeper is a page error
HANDED_KEPT = 200  # names earlier scripts hand on that later ones are read with
HANDED_BUDGET = 1_000_000  # characters of earlier scripts a page's scripts are read with
# A handler's name as an attribute opens in markup: after whitespace, a `/` or a quoted
# value's quote (the HTML tokenizer's ways into an attribute name), so a script's
# `window.onload` is no hint; the page's one needle pass looks for them all (1,100
# needles cost that pass nothing measurable) and says which names to select
_ATTRIBUTE_OPENINGS = (" ", "\t", "\n", "\r", "\f", "/", '"', "'")
_HANDLER_NEEDLES = {(start + name).encode(): name for name in sorted(HANDLER_ATTRS)
                    for start in _ATTRIBUTE_OPENINGS}
_CODE_NEEDLES = frozenset((*_HANDLER_NEEDLES, b"srcdoc"))  # no name: no walk
# Up to this many handler names a page holds, each is selected by its own `//@name`
# (0.03-0.1 ms each on the corpus pages); past it, every `on…` attribute in one pass
# (0.2-0.5 ms: the cost of five names or so)
_FEW_HANDLERS = 6
_ON_ATTRIBUTES: Any = etree.XPath("//*/@*[starts-with(name(), 'on')]")
_ID_VALUES: Any = etree.XPath("//*/@id")  # smart strings: each knows its element
_CLASS_VALUES: Any = etree.XPath("//*/@class")


SHOWN_SKIPS = frozenset({"script", "style"})  # what `ParsedPage.shown_text` leaves out


def shown_nodes(root: etree._Element, skip: frozenset[str] = SHOWN_SKIPS
                ) -> list[tuple[str, etree._Element, bool]]:
    """Text a reader may see, in document order, each with the node holding it and
    whether as its tail: every element's text and a meta's content, but inside the
    elements `skip` names (lower-case tags), and every node's tail (a comment's, and a
    skipped element's: the text after it is outside it), the root's stray siblings
    (markup after `</html>`) included. The one walk of the page's text: `shown_text`
    and the phrase scans' views (`dom.textscan`) read it. Walked, not selected by XPath:
    libxml2 sorts a node set of text nodes by walking their siblings, quadratic where
    comments stand between them (20,000 comments took 6.5 s by `/descendant::text()`).
    Each element's children, then its tail, on an explicit stack: lxml's iterwalk asked
    for comment events is quadratic in side-by-side comments as well (64,000: 1 s), and
    not asked for them it drops their tails."""
    out: list[tuple[str, etree._Element, bool]] = []
    add = out.append
    tops = [*reversed(list(root.itersiblings(etree.Element, preceding=True))), root,
            *root.itersiblings(etree.Element)]
    for top in tops:
        if str(top.tag).lower() in skip:
            continue
        _start_texts(top, str(top.tag).lower(), out)
        stack: list[tuple[etree._Element, Iterator[etree._Element]]] = [(top, iter(top))]
        while stack:
            el, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if el is not top and el.tail:
                    add((el.tail, el, True))  # after an element's end
                continue
            tag = child.tag
            if not isinstance(tag, str) or (tag := tag.lower()) in skip:
                if child.tail:  # after a comment or a PI, or what `skip` leaves out
                    add((child.tail, child, True))
                continue
            if tag == "meta" and (content := child.get("content")) is not None:
                add((content, child, False))  # `_start_texts`, inline: a call an element
            if child.text:                    # was a tenth of the walk
                add((child.text, child, False))
            stack.append((child, iter(child)))
    return out


def _start_texts(el: etree._Element, tag: str,
                 out: list[tuple[str, etree._Element, bool]]) -> None:
    """What an element shows where it starts: a meta's content, its text."""
    if tag == "meta" and (content := el.get("content")) is not None:
        out.append((content, el, False))
    if el.text:
        out.append((el.text, el, False))


# Up to this many needles `holding` runs `in` per needle; past it, one RE2 set pass
# (on 900 KB: 2 needles 0.45 ms by `in`, 1.6 ms by the set; 9 needles 4.3 ms, 1.6 ms)
FEW_NEEDLES = 3
# Every needle `holding` was asked for in this process (the stages' module constants: a
# few dozen), in the order first asked: a page's set pass looks for them all, since the
# pass costs the same for 60 needles as for 10, and each later ask is then a subset
_ASKED: dict[bytes, None] = {}
_NOTED: set[frozenset[bytes]] = set()  # the needle sets already added to `_ASKED`
_EVERY: dict[int, tuple[frozenset[bytes], LiteralSet]] = {}  # by how many were asked
# Every word `values_holding` was asked for in this process, and the sets noted, as above
_ASKED_VALUES: dict[str, None] = {}
_NOTED_VALUES: set[frozenset[str]] = set()
_EVERY_VALUE: dict[int, tuple[frozenset[str], LiteralSet]] = {}

# The tags most stages read (every page's scripts, links, metas and anchors; its base,
# title, images, sheets and frames), found in one walk the first time any is asked for,
# with the comments: on the 110 corpus pages one walk for all costs 16-20 ms, one walk
# per tag 13-15 ms each (an XPath for the comments 23 ms); five more tags in it cost
# 7 ms, and took six walks a page out (24 ms each); the ad boxes' `aside` and `section`
# and the slots' `<noscript>`, asked of every page, a walk each: 36-42 -> 30 ms for the three
COMMON_TAGS = ("a", "article", "aside", "base", "frame", "h1", "iframe", "img", "link", "meta",
               "noscript", "script", "section", "style", "title", "video")
_FRAME_TAGS = frozenset({"iframe", "frame"})

# Up to this many elements a path is libxml2's getpath; it counts same-name siblings one
# by one, so past it (30,000 divs in one body) the page's memo numbers them once.
DIRECT_PATHS = 5_000


def _written_document(frame: etree._Element) -> str:
    """The markup a frame's `javascript:` src writes as its document (`javascript_document`),
    else ""."""
    code = javascript_url(frame.get("src") or "")
    return (javascript_document(code) or "") if code else ""


# Ad Inserter (WordPress) inserting a block by JavaScript (its "client-side insertion"):
# the block's markup, base64, in `data-code` of a `<div data-insertion-position="prepend"
# data-selector=".ai-insert-18-…">` (older versions: `data-insertion`), which its script
# decodes and puts where the selector points; the block is then markup the page shows
_INSERTION_ATTRS = ("data-insertion-position", "data-insertion")
MAX_INSERTED_CODE = 64_000  # characters of one block's `data-code` read
MAX_INSERTED = 1_000_000  # characters of `data-code` read a page, all blocks together
MAX_INSERTIONS = 200  # blocks read a page (a plugin's dozens of blocks, each a few times)


def inserted_markup(element: etree._Element) -> str:
    """The markup an element holds for a script to insert into the page: Ad Inserter's
    client-side block (`_INSERTION_ATTRS`), its `data-code` decoded; else "".

    >>> from lxml import html
    >>> div = html.fragment_fromstring('<div data-insertion-position="after" '
    ...     'data-selector=".ai-insert-2-1" data-code="PGRpdiBpZD0nYSc+PC9kaXY+"></div>')
    >>> inserted_markup(div)
    "<div id='a'></div>"
    >>> div.attrib.pop("data-selector") and inserted_markup(div)
    ''
    """
    return _block_markup(_insertion_code(element))


def _block_markup(code: str) -> str:
    """An insertion block's `data-code` decoded, where it is markup; else ""."""
    markup = base64_text(code) if code else None
    return markup if markup and "<" in markup else ""


def _insertion_code(element: etree._Element) -> str:
    """The `data-code` of an insertion element (`_INSERTION_ATTRS` and a selector) that
    is read (at most MAX_INSERTED_CODE characters), else ""."""
    code = element.get("data-code") or ""
    if not code or len(code) > MAX_INSERTED_CODE or element.get("data-selector") is None \
            or all(element.get(name) is None for name in _INSERTION_ATTRS):
        return ""
    return code


_CLICK_HANDLERS = frozenset({"onclick", "onmousedown"})  # what a followed link runs


class ScriptCode(NamedTuple):
    """Inline code and where it is cited: `source` is "script", "srcdoc" (a script of an
    `<iframe srcdoc>` document, cited at the iframe) or the handler attribute's name."""

    code: str
    line: int
    xpath: str
    source: str


class ParsedPage:
    """One page's tree and its shared views; `parse_page` builds it."""

    __slots__ = ("_configs", "_covered", "_decoded", "_holding", "_srcdocs", "_views", "markup",
                 "paths", "root", "text")

    def __init__(self, text: str, markup: bytes, root: lxml.html.HtmlElement,
                 elements: int) -> None:
        self.text = text  # the markup as the report's line numbers count it
        self.markup = markup  # the bytes parsed (html_bytes of `text`)
        self.root = root
        self.paths = Paths(direct=elements <= DIRECT_PATHS)
        self._views: dict[str, Any] = {}
        self._decoded: dict[str, Decoded] = {}
        self._srcdocs: dict[str, lxml.html.HtmlElement] = {}
        self._holding: dict[frozenset[bytes], frozenset[bytes]] = {}
        self._covered: frozenset[bytes] | None = None  # what the set passes looked for
        self._configs: dict[tuple[etree._Element, str | None], dict[str, Any]] = {}

    def view(self, name: str, build: Callable[[], T]) -> T:
        """The page's view `name`, built once by `build`: a stage that needs a view only
        it reads keeps it here, never in a module-global cache keyed on a tree."""
        found = self._views.get(name)
        if found is None:
            found = self._views[name] = build()
        return found

    def xpath(self, el: etree._Element) -> str:
        return self.paths.of(el)

    def start_line(self, el: etree._Element) -> int:
        """`parser.start_line` of `el`, sought once per tag, recorded line and whether
        it is that pair's first element: a page written on one line holds every tag on
        it, and a search of that line per finding (4,000 pixels on a 1.5 MB line: 1.9 s)
        ran its length each time. Only a pair's first element can open on a line above
        (its `>` comes first on the line), so the rest are cited on the line itself; the
        first opens no higher than the line recorded for the node before it in document
        order (`_first_of_line`), a walk of the tree paid only where a tag may have opened
        above (`may_open_above`, once per tag and line)."""
        line = line_of(el)
        above: dict[tuple[object, int], bool] = self.view("tags that may open above", dict)
        may = above.get((el.tag, line))
        if may is None:
            may = above[el.tag, line] = may_open_above(el.tag, self.lines, line)
        if not may:
            return line
        opens: dict[tuple[object, int, bool], int] = self.view("start lines", dict)
        floor = self._first_of_line(el, line)
        key = (el.tag, line, floor is not None)
        found = opens.get(key)
        if found is None:
            found = opens[key] = opened_above(el, self.lines, key[2], floor or 0)
        return found

    def _first_of_line(self, el: etree._Element, line: int) -> int | None:
        """Whether `el` is the first element of its name, in its tree's document order,
        recorded on `line`: then the line recorded for the node before it (0 for none),
        else None. The firsts of one name are read from the elements libxml2 selects by
        that name (`iter(tag)`), once per tree and name, kept with the page; the line
        before is read stepping back from `el` to the nearest node that records one."""
        firsts: dict[tuple[etree._Element, object], dict[int, etree._Element]] = (
            self.view("first of line", dict))
        root = el.getroottree().getroot()
        named = firsts.get((root, el.tag))
        if named is None:  # the last written of a line is its first: read in reverse
            named = firsts[root, el.tag] = {
                (at if isinstance(at := node.sourceline, int) else 0): node  # `line_of`
                for node in reversed(list(root.iter(el.tag)))}
        return _line_before(el, root) if named.get(line) is el else None

    @property
    def lines(self) -> Sequence[str]:
        """The text's lines, for citing a start tag where it opens."""
        return self.view("lines", lambda: self.text.split("\n"))

    @property
    def lowered(self) -> bytes:
        """The markup lowered: holds every tag and attribute name of the tree."""
        return self.view("lowered", self.markup.lower)

    def holding(self, needles: tuple[bytes, ...] | frozenset[bytes]) -> frozenset[bytes]:
        """Which of `needles` (lower case) the lowered markup holds, kept for the next
        stage that asks. A set already looked for answers for its subsets; else a few
        are looked for one by one (memchr speed), more in one RE2 pass for every needle
        any stage has asked for (provenance's, the scorecard's, the inline code's: one
        pass a page answers them all, not one scan each). A stage asking for many (the
        handler names: over a thousand) passes a frozenset, whose hash is kept."""
        wanted = needles if isinstance(needles, frozenset) else frozenset(needles)
        if wanted not in _NOTED:
            _NOTED.add(wanted)
            _ASKED.update(dict.fromkeys(sorted(wanted)))
        found = self._holding.get(wanted)
        if found is not None:
            return found
        for known, held in self._holding.items():
            if wanted <= known:
                return held & wanted
        if len(wanted) <= FEW_NEEDLES:
            found = frozenset(n for n in wanted if n in self.lowered)
        else:
            found = self._passed(wanted) & wanted
        self._holding[wanted] = found
        return found

    def _passed(self, wanted: frozenset[bytes]) -> frozenset[bytes]:
        """The needles the lowered markup holds of every one its set passes looked for,
        which now include `wanted`. The page's first pass looks for every needle asked in
        the process; a set first asked after it (on a process's first page, one stage after
        another) is looked for alone, and the next page's first pass has it: the whole set
        compiled again at each new ask was nine compiles of 1,300 needles, ~60 ms of a
        one-page CLI process."""
        covered = self._covered
        if covered is None:
            every, literals = _every_asked()
            literals_held = literals.present(self.lowered)
        else:
            every = covered | wanted
            literals_held = LiteralSet(n.decode() for n in wanted - covered).present(self.lowered)
        # the few found (not each needle asked tested against them)
        held = frozenset(n.encode() for n in literals_held if n is not None)
        if covered is not None:
            held |= self._holding[covered]
        self._covered = every
        self._holding[every] = held
        return held

    @property
    def shown_text(self) -> str:
        """Every text node outside scripts and styles, and every meta's content, run
        together: a phrase none of them holds needs no look-up node by node."""
        return self.view("shown_text", lambda: "\x00".join(
            [text for text, _, _ in shown_nodes(self.root)]))

    @property
    def all_text(self) -> bytes:
        """Every text node, a script's and a style's too, run together with no break, then
        every meta's content, as UTF-8 (libxml2 serialises the text in C): each piece of
        `shown_text` is a run of it, so a phrase it does not hold `shown_text` holds
        nowhere, and a page is ruled out at half `shown_text`'s cost (a corpus page's
        scripts are 70% of it, but no Python string is made per text node)."""
        def build() -> bytes:
            # libxml2 puts markup after `</html>` in an `<html>` beside the root; the parse
            # moves its content into the body, so most pages have no element beside it
            strays = [*self.root.itersiblings(etree.Element, preceding=True),
                      *self.root.itersiblings(etree.Element)]
            metas = [*self.tagged("meta"), *(m for el in strays for m in el.iter("meta"))]
            return b"\x00".join([
                *(etree.tostring(el, method="text", encoding="utf-8", with_tail=False)
                  for el in (self.root, *strays)),
                *((m.get("content") or "").encode() for m in metas)])

        return self.view("all_text", build)

    @property
    def values(self) -> str:
        """Every attribute value of the tree, run together."""
        return self.view("values", lambda: attribute_values(self.root))

    @property
    def values_utf8(self) -> bytes:
        """`values` as UTF-8, encoded once: the literal sets, `occurrences` and RE2 read
        bytes, and each had encoded the page's values again (six times a page)."""
        return self.view("values utf8", lambda: self.values.encode("utf-8", "surrogatepass"))

    def values_holding(self, words: frozenset[str]) -> frozenset[str]:
        """Which of `words` the attribute values (`values`) hold. The page's first ask
        looks for every word any stage has asked of the values in this process (the
        catalogue's value needles, the article-body, author and post-meta class words) in
        one RE2 set pass; a word first asked after it is looked for with the others new to
        the page (a process's first page). A scan per word (19 of the stages' words: 0.49
        ms a median page) cost four times the catalogue's pass that now answers them."""
        if words not in _NOTED_VALUES:
            _NOTED_VALUES.add(words)
            _ASKED_VALUES.update(dict.fromkeys(sorted(words)))
        covered, held = self.view("values held", lambda: (frozenset[str](), frozenset[str]()))
        if not words <= covered:
            if covered:  # a word new to the process, on its first page: the new ones alone
                new = frozenset(_ASKED_VALUES).difference(covered)
                literals = LiteralSet(new)
            else:  # the page's first ask: every word asked, their set compiled once
                new, literals = _every_value_asked()
            held = held.union(w for w in literals.present(self.values_utf8) if w is not None)
            self._views["values held"] = (covered | new, held)
        return held & words

    @property
    def class_values(self) -> list[str]:
        """The distinct values of the page's class attributes: the cosmetic pass's keys,
        and the classes the sheet-hiding reading selects the elements of (one selection
        for both; each had its own)."""
        return self.view("class values", lambda: class_values(self.root))

    @property
    def id_values(self) -> list[str]:
        """The page's distinct ids (and `<a name>`s: a superset), read from the parser's
        ID table where it holds them all."""
        return self.view("id values", lambda: id_values(self.root, ids_registered(self.root)))

    def tagged(self, tag: str) -> tuple[etree._Element, ...]:
        """The elements of one tag under the root, in document order."""
        if tag in COMMON_TAGS and "tag:" + tag not in self._views:
            self._common_tags()
        return self.view("tag:" + tag, lambda: tuple(self.root.iter(tag)))

    @property
    def custom_sources(self) -> tuple[etree._Element, ...]:
        """Custom elements (`<a-script>`) with a `src`, in document order: most pages have
        none, found by one RE2 pass over the markup."""
        return self.view("custom_sources", lambda: tuple(custom_sources(self.root,
                                                                        self.markup)))

    @property
    def structured_data(self) -> tuple[etree._Element, ...]:
        """The page's JSON-LD scripts (`type="application/ld+json"`), in document order:
        schema.org's description of the page for search engines, which its authorship and
        sources are read from and which no vendor writes its config into (an article's
        body text there is prose). Asked only of a page whose markup names the type."""
        def build() -> tuple[etree._Element, ...]:
            return tuple(s for s in self.tagged("script") if (s.get("type") or "").strip()
                         .lower() == "application/ld+json") if self.holding((b"ld+json",)) else ()

        return self.view("structured_data", build)

    @property
    def comments(self) -> tuple[etree._Element, ...]:
        """Every comment of the document in document order, those before and after the
        root element too."""
        if "comments" not in self._views:
            self._common_tags()
        return self.view("comments", tuple)

    @property
    def frames(self) -> tuple[etree._Element, ...]:
        """The page's `<iframe>`s and `<frame>`s under the root, in document order."""
        if "frames" not in self._views:
            self._common_tags()
        return self.view("frames", tuple)

    @property
    def instructions(self) -> tuple[etree._Element, ...]:
        """The processing instructions under the root (`<?php … ?>` in a scraped
        template), in document order: the editorial count reads their tails as it reads
        the comments'."""
        if "instructions" not in self._views:
            self._common_tags()
        return self.view("instructions", tuple)

    def _common_tags(self) -> None:
        found: dict[str, list[etree._Element]] = {tag: [] for tag in COMMON_TAGS}
        comments = list(self.root.itersiblings(etree.Comment, preceding=True))
        comments.reverse()
        instructions: list[etree._Element] = []
        frames: list[etree._Element] = []
        for el in self.root.iter(*COMMON_TAGS, etree.Comment, etree.PI):
            if el.tag is etree.Comment:
                comments.append(el)
            elif el.tag is etree.PI:
                instructions.append(el)
            else:
                found[el.tag].append(el)
                if el.tag in _FRAME_TAGS:
                    frames.append(el)
        comments += self.root.itersiblings(etree.Comment)
        for tag, els in found.items():
            self._views.setdefault("tag:" + tag, tuple(els))
        self._views.setdefault("comments", tuple(comments))
        self._views.setdefault("instructions", tuple(instructions))
        self._views.setdefault("frames", tuple(frames))

    @property
    def scripts(self) -> tuple[etree._Element, ...]:
        """Script elements holding code (not a `src`, JSON-LD or a template)."""
        return self.view("scripts", lambda: tuple(
            el for el in self.tagged("script") if holds_code(el)))

    def decoded(self, code: str) -> Decoded:
        """What a script hides, decoded once per page however many stages ask."""
        found = self._decoded.get(code)
        if found is None:
            found = self._decoded[code] = decode_script(code)
        return found

    def config(self, el: etree._Element, attr: str | None = None) -> dict[str, Any]:
        """An element's JSON config, parsed once per page however many stages ask (the
        walk reads an AMP component's requests from it, auditor/amp.py its vendors): the
        attribute `attr`'s value, or else its `<script type="application/json">` child;
        {} when it has none or it is no JSON object."""
        key = (el, attr)
        found = self._configs.get(key)
        if found is None:
            if attr is not None:
                text = el.get(attr)
            else:
                text = next((s.text for s in el.iterchildren("script")
                             if (s.get("type") or "").strip().lower() == "application/json"),
                            None)
            found = self._configs[key] = json_object(text)
        return found

    def srcdoc(self, markup: str) -> lxml.html.HtmlElement:
        """An `<iframe srcdoc>` document (at any depth), parsed once per page however many
        stages ask: the walk reads its requests, `codes` its scripts."""
        found = self._srcdocs.get(markup)
        if found is None:
            found = self._srcdocs[markup] = parse_html(markup)
        return found

    @property
    def script_texts(self) -> list[str]:
        """Inline script texts, then what their obfuscated parts decode to."""
        def build() -> list[str]:
            codes = [s.text or "" for s in self.scripts]
            return codes + [p for code in codes for p in self.decoded(code).payloads]

        return self.view("script_texts", build)

    @property
    def unescaped_scripts(self) -> list[str]:
        r"""The inline scripts writing their strings in `\x`/`\u` escapes (as many as the
        decoder reads them in: `escape_heavy`), with the escapes read: a tag's config
        written so holds its IDs as the plain tag does (PopAds' anti-adblock tag,
        `y["_p\x6f\u0070"]=[["\u0073\x69\x74\u0065\u0049\u0064",3011695],…]` is
        `_pop=[["siteId",3011695]`), where the decoder reads each literal alone; and the
        `templated_scripts`. Each script read once, up to MAX_SCRIPT."""
        return [plain for plain, _ in self._unescaped]

    @property
    def templated_scripts(self) -> list[str]:
        r"""The inline scripts a template's escaper printed values into, escapes read
        (`googleAnalyticsId: 'UA\u002D1234\u002D1'`: `template_escaped`); a page's
        config written so names its IDs by their keys as a plain one does."""
        return [plain for plain, templated in self._unescaped if templated]

    @property
    def _unescaped(self) -> list[tuple[str, bool]]:
        """Each script worth reading unescaped, unescaped, and whether a template wrote it
        (one unescaping for both views)."""
        def build() -> list[tuple[str, bool]]:
            out: list[tuple[str, bool]] = []
            for s in self.scripts:
                code = (s.text or "")[:MAX_SCRIPT]
                heavy, templated = escape_heavy(code), template_escaped(code)
                if (heavy or templated) and (plain := js_unescaped(code)) != code:
                    out.append((plain, templated))
            return out

        return self.view("unescaped_scripts", build)

    @property
    def written_documents(self) -> dict[etree._Element, str]:
        """The markup each of the page's frames with a `javascript:` src writes as its
        document (`javascript_document`), in document order, read once a page: the IDs,
        the heuristics' codes and the frames' slots each ask."""
        return self.view("written_documents", lambda: {
            frame: markup for frame in self.frames if (markup := _written_document(frame))})

    @property
    def inserted_documents(self) -> dict[etree._Element, str]:
        """The markup each element the page's scripts insert a block from holds
        (`inserted_markup`), in document order, read once a page: shown where the page
        puts it, so its units, IDs and requests are the page's, cited at the element. At
        most MAX_INSERTIONS blocks and MAX_INSERTED characters of code are read."""
        def build() -> dict[etree._Element, str]:
            out: dict[etree._Element, str] = {}
            budget = MAX_INSERTED
            for el in self.carrying("data-code"):
                if not (code := _insertion_code(el)):
                    continue  # no block, or one too long to read: nothing decoded
                budget -= len(code)
                if len(out) >= MAX_INSERTIONS or budget < 0:
                    break
                if markup := _block_markup(code):
                    out[el] = markup
            return out

        return self.view("inserted_documents", build)

    @property
    def frame_script_texts(self) -> list[str]:
        """The inline scripts of the documents the page's frames hold (`srcdoc`, or the
        markup a `javascript:` src writes): the page's own code run in its frames, where an
        older ad module writes its AdSense unit (`google_ad_client = "ca-pub-…"`)."""
        return self.view("frame_script_texts", lambda: [
            code for frame in self.frames for code in self.frame_scripts(frame)])

    def frame_scripts(self, frame: etree._Element) -> list[str]:
        """The inline scripts of one frame's document (`srcdoc`, or the markup its
        `javascript:` src writes), frames within it too: whose code it is depends on where
        the frame sits (an ad slot's frame runs the creative's, `auditor.creatives`)."""
        markup = frame.get("srcdoc") or self.written_documents.get(frame, "")
        return self._srcdoc_scripts(markup) if markup else []

    @property
    def json_blocks(self) -> list[str]:
        """The texts of `<script type="application/json">` data blocks: a page's own code
        reads its settings from them (Next.js' `__NEXT_DATA__`, a CMS's ad config) and
        hands them on; JSON-LD and templates are no such settings."""
        return self.view("json_blocks", lambda: [
            s.text for s in self.tagged("script") if s.text and not s.get("src")
            and media_type(s.get("type") or "") == "application/json"])

    @property
    def script_text(self) -> str:
        """`script_texts` run together a line apart: one scan per pattern or literal
        set, not one per script."""
        return self.view("script_text", lambda: "\n".join(self.script_texts))

    @property
    def click_handler_text(self) -> str:
        """The code of the page's click handlers run together a line apart (`onclick="…"`,
        `onmousedown`): a tracker's call a link makes when followed (`_hbLink('…')`) is the
        page's code as a script's is. Not a script's `onload`, its loader's callback, which
        names the vendor by that loader's address (the catalogue's `attr` IDs with a `src`)."""
        return self.view("click_handler_text", lambda: "\n".join(
            value for el in self.with_handlers for name, value in handlers_of(el)
            if name in _CLICK_HANDLERS))

    @property
    def codes(self) -> tuple[ScriptCode, ...]:
        """Every piece of inline code: scripts, event handlers, `srcdoc` scripts."""
        return self.view("codes", self._codes)

    @property
    def with_handlers(self) -> tuple[etree._Element, ...]:
        """The elements carrying an event handler that runs code (`HANDLER_ATTRS`), in
        document order: the walk reads what they load, the heuristics what they hide."""
        def build() -> tuple[etree._Element, ...]:
            held = self.holding(_CODE_NEEDLES)  # every attribute name: most pages need none
            named = {_HANDLER_NEEDLES[n] for n in held if n in _HANDLER_NEEDLES}
            return tuple(handler_elements(self.root, named)) if named else ()

        return self.view("with_handlers", build)

    def _codes(self) -> tuple[ScriptCode, ...]:
        out: list[ScriptCode] = []
        before = ""
        named: dict[str, str] = {}  # the addresses earlier scripts hand on, by name
        budget = HANDED_BUDGET  # characters of them read again, a page's whole
        for s in self.scripts:  # each read with what earlier scripts hand it
            code = s.text or ""
            handed = (handed_table(before, code) or used_of(code, named)) if budget > 0 else ""
            budget -= len(handed)
            out.append(ScriptCode(f"{handed}\n{code}" if handed else code, line_of(s),
                                  self.xpath(s), "script"))
            if len(named) < HANDED_KEPT:
                named.update(handed_names(code))
            before = code
        held = self.holding(_CODE_NEEDLES)
        for el in self.with_handlers:
            for attr, value in handlers_of(el):
                if len(value) > 20:
                    out.append(ScriptCode(value, line_of(el), self.xpath(el), attr))
        for frame in elements(_SRCDOC_FRAMES(self.root)) if b"srcdoc" in held else ():
            line, xpath = line_of(frame), self.xpath(frame)
            out += [ScriptCode(code, line, xpath, "srcdoc")
                    for code in self._srcdoc_scripts(frame.get("srcdoc") or "")]
        # a `javascript:` frame's written document is its document as a srcdoc is
        # (`frame_script_texts`): an encoded loader it writes is hidden as much there
        for frame, written in self.written_documents.items():
            if not frame.get("srcdoc"):
                line, xpath = line_of(frame), self.xpath(frame)
                out += [ScriptCode(code, line, xpath, "srcdoc")
                        for code in self._srcdoc_scripts(written)]
        return tuple(out)

    def _srcdoc_scripts(self, srcdoc: str, depth: int = 1) -> list[str]:
        inner = self.srcdoc(srcdoc)
        codes = [s.text or "" for s in inner.iter("script") if holds_code(s)]
        for frame in elements(_SRCDOC_FRAMES(inner)):
            if depth >= SRCDOC_DEPTH:
                raise srcdoc_too_deep()
            codes += self._srcdoc_scripts(frame.get("srcdoc") or "", depth + 1)
        # a frame the document writes with a `javascript:` src: its written document, as
        # deep as srcdocs are read (each level's escapes double its size: no deeper nest
        # is an ad module's, and none is an error of the page's)
        for frame in inner.iter("iframe", "frame") if depth < SRCDOC_DEPTH else ():
            if not frame.get("srcdoc") and (written := _written_document(frame)):
                codes += self._srcdoc_scripts(written, depth + 1)
        return codes

    @property
    def config_parts(self) -> tuple[list[str], list[str], list[str]]:
        """The page-wide places vendor IDs are written: every script's text (code and
        data), the tags a consent manager keeps in comments until consent (code all the
        same), and the links with a query, with the click trackers a link keeps in a
        `data-` attribute (G+J's `data-clickcommand` GAM click URL names the ad unit).
        All come from the views of the common tags' one walk: an XPath for each walked
        the whole tree again (16, 23 and 24 ms on the 110 corpus pages; 2, 1 and 14 from
        the views)."""
        def build() -> tuple[list[str], list[str], list[str]]:
            anchors = self.tagged("a")
            if "/gampad/clk" in self.values:  # a click URL kept in a data- attribute
                links = [str(v) for a in anchors for name, v in a.items() if "?" in v and (
                    name == "href" or (str(name).startswith("data-") and "://" in v))]
            else:  # most pages: the hrefs alone (every attribute of every link: 0.1 ms)
                links = [h for h in (a.get("href") for a in anchors) if h and "?" in h]
            return ([s.text for s in self.tagged("script") if s.text],
                    [c.text for c in self.comments if c.text and "<script" in c.text],
                    links)

        return self.view("config_parts", build)

    def with_id(self, value: str) -> etree._Element | None:
        """The first element whose id is `value`: one pass of the tree for every id asked
        (a GPT page declares a slot per id; an XPath per id read the whole tree each)."""
        first: dict[str, etree._Element] = self.view("ids", lambda: {
            str(v): v.getparent() for v in reversed(_ID_VALUES(self.root))})
        return first.get(value)

    def with_class(self, name: str) -> etree._Element | None:
        """The first element one of whose classes is `name`, as `querySelector('.name')`
        finds it (a script that fills its unit by class); one pass for every name asked."""
        first: dict[str, etree._Element] = self.view("classes", lambda: {
            token: v.getparent() for v in reversed(_CLASS_VALUES(self.root))
            for token in str(v).split()})
        return first.get(name)

    def carrying(self, *names: str, keep: Callable[[Any], bool] | None = None
                 ) -> list[etree._Element]:
        """`parser.carrying` on the page, libxml2 asked only for the names its markup opens
        an attribute with (`attribute_needles`): `//@hidden` walked every page's
        attributes for an attribute few pages carry."""
        held = [n for n in names if self.holding(attribute_needles(n))]
        return carrying(self.root, *held, keep=keep) if held else []

    def attribute_values(self, name: str) -> list[str]:
        """Every value of one attribute, anywhere in the document."""
        return self.view("attr:" + name,
                          lambda: [str(v) for v in attributes_named(self.root, name)])


@functools.lru_cache(maxsize=256)
def attribute_needles(name: str) -> frozenset[bytes]:
    """How an attribute `name` (lower case) opens in the lowered markup, as the handlers'
    needles: a page holding none of these has no element carrying it. One frozenset per
    name, so `holding` keeps its hash."""
    return frozenset((start + name).encode() for start in _ATTRIBUTE_OPENINGS)


def handler_elements(root: etree._Element, named: Collection[str] = HANDLER_ATTRS
                     ) -> list[etree._Element]:
    """The elements of `root`'s document carrying one of the event handlers `named`, in
    document order, once each: a few names by their own selection, more (a nested
    document's, asked for every name) by one pass over every `on…` attribute."""
    if len(named) <= _FEW_HANDLERS:
        return carrying(root, *sorted(named))
    return list(dict.fromkeys(a.getparent() for a in _ON_ATTRIBUTES(root)
                              if a.attrname in HANDLER_ATTRS))


def handlers_of(el: etree._Element) -> list[tuple[str, str]]:
    """An element's event handlers (name, code), in the order written."""
    return [(str(name), str(value)) for name, value in el.items()
            if name in HANDLER_ATTRS and value]


def json_object(text: str | None) -> dict[str, Any]:
    """A JSON object a page wrote; {} for anything else or what does not read."""
    try:
        return as_object(json.loads(text or "{}"))
    except (ValueError, RecursionError):  # a page's JSON nested past the stack
        return {}


def as_object(value: Any) -> dict[str, Any]:
    """A value read from a page's JSON, if an object; else {}."""
    return value if isinstance(value, dict) else {}


def _every_value_asked() -> tuple[frozenset[str], LiteralSet]:
    """Every word `values_holding` was asked so far, and their literal set, compiled again
    only when a stage asked for a new one."""
    found = _EVERY_VALUE.get(len(_ASKED_VALUES))
    if found is None:
        _EVERY_VALUE.clear()
        every = frozenset(_ASKED_VALUES)
        found = _EVERY_VALUE[len(every)] = (every, LiteralSet(_ASKED_VALUES))
    return found


def _every_asked() -> tuple[frozenset[bytes], LiteralSet]:
    """Every needle asked so far, and their literal set, compiled again only when a stage
    asked for a new one (they stop growing after a page or two)."""
    found = _EVERY.get(len(_ASKED))
    if found is None:
        _EVERY.clear()
        every = tuple(_ASKED)
        found = _EVERY[len(every)] = (frozenset(every),
                                      LiteralSet(n.decode() for n in every))
    return found


def parse_page(text: str, limits: PageLimits = DEFAULT_LIMITS) -> ParsedPage:
    """Parse a page's markup once; raises PageOverLimit for a page over `limits`. The
    elements with event handlers are grouped here, with the tree: the walk reads what
    they load and the inline-code stage what they hide, and every page has both asked."""
    markup = html_bytes(text)
    page = ParsedPage(text, markup, *parse_counted(markup, limits))
    page.with_handlers  # noqa: B018 (a view built with the tree, for the stages after)
    return page


def _line_before(el: etree._Element, root: etree._Element) -> int:
    """The line recorded for the nearest node before `el` in `root`'s document order
    that records one (0 for none): its previous sibling's last descendant, else its
    parent, stepping back until a line is found or the root is passed."""
    node = el
    while node is not root:
        previous = node.getprevious()
        if previous is None:
            parent = node.getparent()
            if parent is None:
                return 0
            node = parent
        else:
            node = previous
            while len(node):
                node = node[-1]
        if line := line_of(node):
            return line
    return 0

