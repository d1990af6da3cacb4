"""The ParsedPage's views and the look-ups that let a stage skip a walk of the tree."""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import auditor.dom.page as page_module
import auditor.dom.parser
from auditor.catalogue import default_catalogue, slot_needles
from auditor.dom.page import COMMON_TAGS, parse_page
from auditor.dom.parser import Paths, carrying, elements, parse_html
from auditor.dom.textscan import visible
from auditor.literals import LiteralSet
from tests.hostile.scaling import assert_linear

REPO = Path(__file__).resolve().parents[2]
PAGES = sorted((REPO / "examples").glob("*.html")) + sorted(
    (REPO / "tests" / "fixtures" / "pages").rglob("*.html"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_a_slot_selector_skipped_by_its_needles_matches_nothing(path: Path) -> None:
    """The needles are a necessary condition: where they say a selector cannot match,
    its XPath finds nothing (the prefilter never hides a slot)."""
    page = parse_page(path.read_text(encoding="utf-8", errors="replace"))
    for network in default_catalogue().networks:
        for spec in network.slots:
            if elements(spec.xpath(page.root)):
                names = {n for branch in spec.needles or () for n in branch[0]
                         if n.encode() in page.lowered}
                values = {v for branch in spec.needles or () for v in branch[1]
                          if v in page.values}
                assert spec.may_match(names, values), (network.name, spec.selector)


@pytest.mark.parametrize(("path", "needles"), [
    ("descendant-or-self::div[@id and starts-with(@id, 'div-gpt-ad')]",
     ((("<div", "id"), ("div-gpt-ad",)),)),
    ("descendant-or-self::ins[@data-zoneid] | descendant-or-self::kas[@type = 'x']",
     ((("<ins", "data-zoneid"), ()), (("<kas", "type"), ("x",)))),
    ("descendant-or-self::script[@src and contains(@src, 'a.test/x.php')]",
     ((("<script", "src"), ("a.test/x.php",)),)),
    ("descendant-or-self::div[not(@id)]", None),  # a negation: no needle is necessary
    # a negated test beside others, whatever it holds, requires nothing; the others must
    # hold (ExoClick's frame `:not([width='0']):not([style*='display:none'])`)
    ("descendant-or-self::iframe[((@src and contains(@src, '/f.php?z=')) and "
     "(not(@width = '0'))) and (not(@style and contains(@style, 'display:none')))]",
     ((("<iframe", "src"), ("/f.php?z=",)),)),
    ("descendant-or-self::div[(@id and starts-with(@id, 'mv-')) and (not(@id = 'mv-x'))]",
     ((("<div", "id"), ("mv-",)),)),
    ("descendant-or-self::div[(@a) and (not(@b or (not(@c))))]", ((("<div", "a"), ()),)),
    # inside an `or` a negation is no conjunct: the branch stays unread
    ("descendant-or-self::div[@a or (@b and (not(@c)))]", None),
    ("descendant-or-self::div[@a or @b]", None),
    # a child combinator: each tag of the path (GPT's `ins > ins > iframe[id^=…]`), and a
    # child's tests (`:has(> a[href*=…])`) as conjuncts of the element's own
    ("descendant-or-self::ins/ins/iframe[@id and starts-with(@id, 'google_ads_iframe_')]",
     ((("<ins", "<iframe", "id"), ("google_ads_iframe_",)),)),
    ("descendant-or-self::div[(@id and starts-with(@id, 'unit_')) and "
     "(./a[@href and contains(@href, 'idealmedia.com')])]",
     ((("<div", "<a", "id", "href"), ("unit_", "idealmedia.com")),)),
    ("descendant-or-self::div[./a[not(@href)]]", None),
    ("descendant-or-self::div[.//a[@href]]", None),  # a descendant's: unread
])
def test_slot_needles(path: str, needles: object) -> None:
    assert slot_needles(path) == needles


def test_only_a_combinators_slot_selector_runs_on_every_page() -> None:
    """A catalogue selector without needles walks the tree on every page: only one that
    reads another element (a sibling or a child combinator) may lack them."""
    unread = [spec.selector for network in default_catalogue().networks
              for spec in network.slots if spec.needles is None]
    assert all(any(c in s for c in "+~>") for s in unread), unread


@given(literals=st.lists(st.text(min_size=1, max_size=4), max_size=8),
       text=st.text(max_size=60))
def test_a_literal_set_finds_what_in_finds(literals: list[str], text: str) -> None:
    """Short texts are searched literal by literal, bytes (and long texts) by the RE2
    set: both find what `in` finds."""
    expected = {lit for lit in literals if lit in text}
    assert LiteralSet(literals).present(text) - {None} == expected
    assert LiteralSet(literals).present(text.encode()) - {None} == expected


def test_direct_paths_are_the_memos() -> None:
    many = "".join(f"<div><a href='/{i}'>{i}</a><!-- c{i} --></div>" for i in range(50))
    root = parse_html(f"<html><body><p>x</p>{many}<svg><g><rect/></g></svg></body></html>")
    direct, memo = Paths(direct=True), Paths()
    for node in root.iter():
        assert direct.of(node) == memo.of(node) == root.getroottree().getpath(node)


def test_a_small_page_nested_deep_numbers_its_paths_once() -> None:
    """Past a node deeper than `DEEP_PATH`, a small page's paths are the memo's: libxml2's
    getpath climbs from each element to the root (hidden labels 1,000 deep: 0.4 s)."""
    deep = auditor.dom.parser.DEEP_PATH * 2
    root = parse_html("<html><body>" + "<div><span>x</span>" * deep + "</div>" * deep
                      + "</body></html>")
    paths = Paths(direct=True)
    real = root.getroottree().getpath
    for node in root.iter():
        assert paths.of(node) == real(node)
    numbered = sum(len(parents) for _, parents in paths._trees.values())
    assert numbered > deep  # the memo numbered the chain below the switch
    assert len(paths._asked) <= 2 * auditor.dom.parser.DEEP_PATH + 4  # (a div, a span a level)


def test_a_pages_views_are_built_once() -> None:
    page = parse_page("<html><body><script>var a = atob('aGVsbG8=');</script></body></html>")
    assert page.scripts is page.scripts
    code = page.scripts[0].text or ""
    assert page.decoded(code) is page.decoded(code)
    assert [c.source for c in page.codes] == ["script"]


def test_a_srcdoc_document_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk (its requests) and `codes` (its scripts) read one parse of it."""
    import auditor.dom.page as page_module
    from auditor.dom.walk import walk

    inner = "<script src='https://ads.test/a.js'></script><script>go('x')</script>"
    page = parse_page(f'<html><body><iframe srcdoc="{inner}"></iframe></body></html>')
    parsed: list[str] = []
    real = page_module.parse_html

    def counted(markup: str) -> object:
        parsed.append(markup)
        return real(markup)

    monkeypatch.setattr(page_module, "parse_html", counted)
    urls = [f.url for f in walk(page.root, None, page)]
    codes = [c.code for c in page.codes if c.source == "srcdoc"]
    assert urls == ["https://ads.test/a.js"] and codes == ["go('x')"]
    assert parsed == [inner]


@given(st.lists(st.sampled_from(
    ['q("c2V0VGltZW91dA==")', "q('Y2hhckF0AAAA')", 'ab.c("YWJjZGVmZ2g=")', "$x( 'aGVsbG8gd29y' )",
     '("YWJjZGVmZ2g=")', "x", " ", "(", '"', "'", "YWJjZGVmZ2g", ")", "_", "."]), max_size=16))
def test_base64_calls_are_the_call_pattern(parts: list[str]) -> None:
    """`_base64_names` finds a call by its argument, then the name before it: the calls
    the whole pattern finds (and never more calls than the arguments its gate counts)."""
    from auditor.dom.deobfuscate import _b64_calls

    call = re.compile(
        r"""(?<![\w$.])([A-Za-z_$][\w$]{0,2})\(\s*(["'])([A-Za-z0-9+/]{8,}={0,2})\2\s*\)""")
    code = "".join(parts)
    assert list(_b64_calls(code)) == [(m.group(1), m.group(3)) for m in call.finditer(code)]


@pytest.mark.parametrize(("body", "found"), [
    ('<div class="x entry-content">t</div>', ["div"]),
    ('<div class="post-content">t</div><p class="article-body">u</p>', ["div", "p"]),
    ('<div itemprop="articleBody">t</div><article>u</article>', ["div", "article"]),
    ('<div class="entry-contents">t</div>', []),  # a class token, not a substring
    ('<div class="a" title="entry-content">t</div>', []),  # the word, in another attribute
    ("<article>t</article>", ["article"]),
])
def test_article_bodies_are_sought_for_the_words_the_page_holds(body: str,
                                                                 found: list[str]) -> None:
    from auditor.metrics import article_bodies

    page = parse_page(f"<html><body>{body}</body></html>")
    assert [el.tag for el in article_bodies(page)] == found


def test_shown_text_is_every_text_but_code_and_metas_content() -> None:
    page = parse_page(
        "<html><head><meta name='description' content='Ferry news'><style>p{}</style>"
        "<script>var x='hidden';</script><title>Port</title></head><body><p>One <b>two"
        "</b> three</p><script>var y=1;</script>tail</body></html>")
    assert [t for t in page.shown_text.split("\x00") if t.strip()] == [
        "Ferry news", "Port", "One ", "two", " three", "tail"]



_AROUND = ("<html><head><meta name='description' content='Ferry news'></head><body><p>Intro "
           "<!-- ad slot --> Page 2 of 5 <script>var n=2;</script> after the script <code>"
           "x()</code> after the code <noscript><p>Enable scripts</p></noscript></p>"
           "</body></html>")


@pytest.mark.parametrize(("phrase", "holder"), [
    ("Ferry news", ("meta", False)),
    ("Intro", ("p", False)),
    # text after a comment, a script or a code block is outside them: shown, held as
    # their tail (lxml's tree keeps it there)
    ("Page 2 of 5", (etree.Comment, True)),
    ("after the script", ("script", True)),
    ("after the code", ("code", True)),
    # ... while what they hold is not
    ("var n", None),
    ("x()", None),
    ("Enable scripts", None),
])
def test_the_phrase_scans_read_the_text_shown_text_does(
        phrase: str, holder: tuple[object, bool] | None) -> None:
    """One walk of the page's text (`shown_nodes`): the phrase scans' view of the text
    outside code (`visible`) is `shown_text`'s, with code, pre, noscript and the like
    left out too; the text after a comment was missing from it."""
    page = parse_page(_AROUND)
    shown = list(visible(page, [(phrase, 0)]))
    assert [(el.tag, tail) for _, _, el, tail in shown] == ([holder] if holder else [])

def test_shown_text_is_read_in_linear_time() -> None:
    """An XPath of every text node (`//text()[…] | //meta/@content`) took time quadratic
    in them in libxml2 2.14: 16,000 links each in a paragraph, 10 s; every page asks."""
    def seconds(n: int) -> float:
        page = parse_page("<body>" + "".join(
            f'<p><a id="l{i}" href="/p{i}">link {i}</a> text</p>' for i in range(n))
            + "</body>")
        start = time.perf_counter()
        assert page.shown_text
        return time.perf_counter() - start

    assert_linear(seconds, 4000, "shown_text", floor=0.005)


def test_shown_text_between_comments_is_read_in_linear_time() -> None:
    """libxml2 sorts a set of text nodes by walking their siblings: with comments between
    them (`/descendant::text()` over 20,000 commented-out tags) that took 6.5 s; lxml's
    iterwalk, which replaced it, was quadratic too (16,000 of them read in 0.064 s, 45
    times 4,000's: this test failed at 1902c8e)."""
    def seconds(n: int) -> float:
        page = parse_page("<body><p>Get link</p>" + "<!-- <script src='/a.js'></script> -->\n"
                          * n + "</body>")
        start = time.perf_counter()
        assert page.shown_text.count("\n") == n
        return time.perf_counter() - start

    assert_linear(seconds, 16_000, "shown_text between comments", floor=0.01)


def test_start_lines_of_a_page_on_one_line_are_found_in_linear_time() -> None:
    """A finding cites the line its element's start tag opens on: searched per element,
    the frames of a page minified onto one line, after 400 KB of scripts, each searched
    that line again (1,000 hidden frames: 8.6 times 250's, not 4)."""
    def seconds(n: int) -> float:
        page = parse_page("<body>" + '<script>var a = "x";</script>' * (n * 5)
                          + '<iframe src="/f" width="0"></iframe>' * n + "</body>")
        frames = page.tagged("iframe")
        start = time.perf_counter()
        assert {page.start_line(el) for el in frames} == {1}
        return time.perf_counter() - start

    assert_linear(seconds, 2000, "start lines on one line", floor=0.002)


def test_a_start_tag_written_over_lines_is_cited_where_it_opens() -> None:
    page = parse_page('<body>\n<img\n  src="/p.gif"\n  width="1"\n/>\n<img src="/q.gif"></body>')
    assert [page.start_line(el) for el in page.tagged("img")] == [2, 6]


# (markup after "<body>\n", which is line 1; the lines each element, in document order
# of its name, must be cited on)
_SPANNING_TAGS = [
    # the `>` line holds later tags of the same name: the first still opened above
    ('<p>x</p><div\n  id="a"\n  data-slot="/1/x"\n  ></div><p>y</p><div class="b">z</div>',
     "div", [2, 5]),
    ('<div\n a="1"\n></div><div>x</div><div\n b="2"></div>', "div", [2, 4, 4]),
    # a `>` inside an attribute value is not the tag's end
    ('<div\n title="a > b"\n data-x=\'<i>\'\n></div>', "div", [2]),
    # an attribute value over lines
    ('<div title="one\ntwo\nthree">x</div><div>y</div>', "div", [2, 4]),
    # a `<div` in a comment above is no tag; the real one opens on its own line
    ('<!-- <div\n --><div id="c">x</div>', "div", [3]),
    # the tag above closed on its own line: the recorded line stands
    ('<div id="d">\n<span\n>s</span></div><div>e</div>', "div", [2, 4]),
    ('<div id="d">\n<span\n>s</span></div><div>e</div>', "span", [3]),
    # the last tag of a line, its attributes on the next
    ('<img src="/a"><img src="/b"><img\n src="/c">', "img", [2, 2, 2]),
    # a name that only starts the same: `<divx` is not `<div`
    ('<divx\n a="1"\n></divx><div\n b="2"\n></div>', "div", [4]),
    # one line, many tags; the first opened above
    ('<img\n src="/a"><img src="/b"><img src="/c">', "img", [2, 3, 3]),
    # a `<div` inside a quoted value above the `>` is no tag's: the one whose value it is
    # opened on its own line (a popover's `data-content="<div …>"`)
    ('<div\n title="a>b <div x"\n>y</div>', "div", [2]),
    ('<p><div\n data-content="<div class=\'tip\'>"\n>y</div>', "div", [2]),
    ('<div title="x\n<div\ny">a</div>\n<div\n>b</div>', "div", [2, 5]),
    ('<div\ntitle="a\n<div\nb"><div\n>c</div></div>', "div", [2, 5]),
]


@pytest.mark.parametrize(("body", "tag", "lines"), _SPANNING_TAGS)
def test_start_tags_over_lines_are_cited_where_each_opens(body: str, tag: str,
                                                          lines: list[int]) -> None:
    page = parse_page("<body>\n" + body + "\n</body>")
    assert [page.start_line(el) for el in page.tagged(tag)] == lines


def _first_of_line_by_walk(root: etree._Element, el: etree._Element, line: int) -> int | None:
    """The specification of `ParsedPage._first_of_line`: one walk of the whole tree in
    document order, the first node of each (name, line) kept with the line before it."""
    firsts: dict[tuple[object, int], tuple[etree._Element, int]] = {}
    before = 0
    for node in root.iter():
        here = node.sourceline if isinstance(node.sourceline, int) else 0
        firsts.setdefault((node.tag, here), (node, before))
        before = here or before
    first, floor = firsts.get((el.tag, line), (el, 0))
    return floor if first is el else None


_PIECES = ["<div>", "</div>", "<div\n a=1>", "<p>", "<p\n>", "</p>", "<!-- c -->",
           "<!--\n-->", "<?pi x?>", "<o:p>", "</o:p>", "<img\nsrc=x>", "<table><tr><td>",
           "</table>", "\n", "text", "<svg><g\n/></svg>"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.booleans())
def test_the_first_of_a_name_on_a_line_is_the_one_a_whole_walk_finds(
        pieces: list[str], comment_first: bool) -> None:
    page = parse_page(("<!-- x -->\n" if comment_first else "") + "<body>" + "".join(pieces))
    for el in page.root.iter():
        if isinstance(el.tag, str):
            line = el.sourceline if isinstance(el.sourceline, int) else 0
            assert page._first_of_line(el, line) == _first_of_line_by_walk(page.root, el, line)


def test_shown_text_reads_the_markup_after_the_closing_html_in_its_order() -> None:
    page = parse_page("<!-- a --><html><head><meta content='Ferry'></head><body>one<script>"
                      "var x;</script><!-- b -->two</body></html><p>three<i>four</i></p>five")
    assert [t for t in page.shown_text.split("\x00") if t.strip()] == [
        "Ferry", "one", "two", "three", "four", "five"]


# text after comments and PIs wherever they stand: first in an element, last in it, in a
# row, alone in it, in a stray after `</html>`, beside a script's and a meta's
_COMMENTED = st.lists(st.sampled_from(
    ["<!-- c -->", "<?pi x?>", "t", " ", "<p>", "</p>", "<i>", "</i>", "<div>", "</div>",
     "<script>s</script>", "<style>y</style>", "<meta content='m'>", "</body></html>",
     "<br>", "<table><tr><td>", "</table>"]), max_size=30)
_TEXT_NODES = etree.XPath("/descendant::text()[not(parent::script or parent::style)] | "
                          "/descendant::meta/@content", smart_strings=False)


@given(_COMMENTED)
def test_shown_text_holds_every_text_node_in_document_order(pieces: list[str]) -> None:
    """What the XPath it replaced selected (libxml2's `/descendant::text()`, sorted in
    document order), piece for piece."""
    page = parse_page("<html><body>" + "".join(pieces) + "</body></html>")
    assert page.shown_text == "\x00".join(_TEXT_NODES(page.root))


def test_all_text_and_the_safelink_gate_are_read_in_linear_time() -> None:
    """Every page has its whole text serialised and searched for the safelink words."""
    from auditor.heuristics.redirects import _SAFELINK_MAY_SAY

    def seconds(n: int) -> float:
        page = parse_page("<body>" + "".join(
            f'<p><a href="/p{i}">get</a> ferry {i}<script>var s{i}="wait";</script></p>'
            for i in range(n)) + "</body>")
        start = time.perf_counter()
        assert not _SAFELINK_MAY_SAY.search(page.all_text)  # read to its end
        return time.perf_counter() - start

    assert_linear(seconds, 4000, "all_text", floor=0.005)


@pytest.mark.parametrize("path", PAGES[:12], ids=lambda p: p.name)
def test_the_common_tags_one_walk_is_each_tags_own(path: Path) -> None:
    """The views the common tags' one walk fills (the headline's `h1` among them) hold
    what a walk for each tag alone finds, in document order."""
    page = parse_page(path.read_text(encoding="utf-8", errors="replace"))
    for tag in COMMON_TAGS:
        assert page.tagged(tag) == tuple(page.root.iter(tag))


@pytest.mark.parametrize("markup", [
    "<html><head><meta name='description' content='Ferry news'><style>p{}</style>"
    "<script>var x='hidden';</script><title>Port</title></head><body><p>One <b>two"
    "</b> three</p><script>var y=1;</script>tail</body></html>",
    "<p>caf&eacute; &#x4E2D;&#25991;</p><!-- not text --></html><p>after the end</p>",
    "<p>one</i>two</p><meta content='m&amp;m'>",
])
def test_all_text_holds_every_piece_of_the_shown_text(markup: str) -> None:
    page = parse_page(markup)
    assert all(piece.encode() in page.all_text for piece in page.shown_text.split("\x00"))
    assert b"not text" not in page.all_text  # a comment is no text


@pytest.mark.parametrize("markup", [
    '<div hidden>a</div><p style="display:none">b</p>',
    '<div\nHIDDEN=1>a</div>', '<p a="x"hidden>a</p>', "<p a='x'hidden>a</p>",
    "<img/hidden src=x>", '<div\thidden style="">a</div>',
    '<div class="hidden">a class</div><input type="hidden">',  # no attribute `hidden`
    "<p>nothing</p>",
])
def test_the_pages_carrying_finds_what_the_trees_does(markup: str) -> None:
    """The page asks libxml2 only for the names its markup opens an attribute with, and
    finds the elements the tree's own selection finds, however the name is written."""
    page = parse_page(f"<html><body>{markup}</body></html>")
    for names in (("hidden",), ("style", "hidden"), ("hidden", "style")):
        assert page.carrying(*names) == carrying(page.root, *names)


def test_a_name_the_markup_never_opens_is_not_selected(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    asked: list[str] = []
    real = auditor.dom.parser.attributes_named
    monkeypatch.setattr(auditor.dom.parser, "attributes_named",
                        lambda root, name: asked.append(name) or real(root, name))
    page = parse_page('<p style="color:red" class="note-hidden">all shown</p>')
    assert [el.tag for el in page.carrying("style", "hidden")] == ["p"]
    assert asked == ["style"]


def test_the_common_walk_files_comments_and_instructions_apart() -> None:
    """The one walk of the common tags also files the processing instructions (the
    editorial count reads their tails from it, with the comments', and walks no more).
    This libxml2 reads `<?php … ?>` as a comment, as browsers do; a tree may still hold a
    PI (another libxml2, a fragment put in), so one is put in here."""
    page = parse_page("<!-- a --><html><body>x<!-- b -->y<p>z</p></body></html>")
    pi = etree.ProcessingInstruction("php", "echo 1")
    pi.tail = "w"
    page.root.body.find("p").append(pi)
    assert list(page.instructions) == [pi]
    assert [c.text.strip() for c in page.comments] == ["a", "b"]


def test_the_common_walk_holds_the_frames_in_document_order() -> None:
    """`<iframe>` and `<frame>` interleaved as written: the held-frame documents and the
    hidden-frame reading take them from the page's one walk, not a walk each."""
    page = parse_page("<body><iframe id=a></iframe><frameset><frame id=b></frameset>"
                      "<div><iframe id=c></iframe></div><img src=x.png><base href=/b/>"
                      "<title>T</title><style>p{}</style></body>")
    assert [f.get("id") for f in page.frames] == [f.get("id") for f in
                                                  page.root.iter("iframe", "frame")]
    for tag in ("img", "base", "title", "style", "frame"):
        assert tag in COMMON_TAGS
        assert page.tagged(tag) == tuple(page.root.iter(tag))


def test_a_needle_set_asked_after_the_pages_pass_is_looked_for_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's first set pass looks for every needle the process has asked for; a set
    first asked after it is looked for alone, not by compiling every needle again (on a
    process's first page, nine compiles of 1,300 needles: ~60 ms of a one-page CLI run),
    and the next page's first pass holds it. The answers are `in`'s."""
    from auditor import literals

    monkeypatch.setattr(page_module, "_ASKED", {})
    monkeypatch.setattr(page_module, "_NOTED", set())
    monkeypatch.setattr(page_module, "_EVERY", {})
    sizes: list[int] = []
    real = literals.LiteralSet

    class Spied(real):  # type: ignore[misc,valid-type]
        def __init__(self, found: Iterable[str]) -> None:
            found = list(found)
            sizes.append(len(found))
            super().__init__(found)

    monkeypatch.setattr(page_module, "LiteralSet", Spied)
    markup = "<html><body onload='go()'><p>alpha and gamma</p></body></html>"
    first = parse_page(markup)
    assert sizes and sizes[0] > 1000  # the handlers' needles, with the tree
    asked = frozenset({b"alpha", b"beta", b"gamma", b"delta"})
    assert first.holding(asked) == {b"alpha", b"gamma"}
    assert sizes[1:] == [4]
    assert first.holding(frozenset({b"alpha", b"beta", b"epsilon", b"zeta"})) == {b"alpha"}
    second = parse_page(markup.replace("gamma", "delta"))
    assert second.holding(asked) == {b"alpha", b"delta"}
    assert sizes[1:] == [4, 2, len(page_module._ASKED)]  # one pass for all on the next page


def _insertion(n: int, code: str) -> str:
    """Ad Inserter's client-side insertion element holding `code` (base64 in `data-code`)."""
    encoded = base64.b64encode(code.encode()).decode()
    return (f'<div class="ai-viewport-1" data-insertion-position="after" data-selector='
            f'".ai-insert-{n}-1" data-code="{encoded}"></div>')


def test_inserted_documents_are_read_within_their_bounds() -> None:
    """At most MAX_INSERTIONS blocks a page, each's code under MAX_INSERTED_CODE, in
    document order; a block too long is left unread, the ones after it read."""
    huge = _insertion(1, "<p>" + "x" * page_module.MAX_INSERTED_CODE + "</p>")
    blocks = [_insertion(n, f"<div data-pw-desk='u{n}'></div>")
              for n in range(page_module.MAX_INSERTIONS + 5)]
    page = parse_page("<body>" + huge + "".join(blocks) + "</body>")
    read = list(page.inserted_documents.values())
    assert len(read) == page_module.MAX_INSERTIONS
    assert read[0] == "<div data-pw-desk='u0'></div>"


def test_inserted_documents_are_read_in_linear_time() -> None:
    """Each element carrying `data-code` is asked once, its code decoded once."""
    def seconds(n: int) -> float:
        page = parse_page("<body>" + "".join(
            f'<div data-code="{base64.b64encode(b"<p>block</p>").decode()}"></div>'
            for _ in range(n)) + _insertion(1, "<p>last</p>") + "</body>")
        start = time.perf_counter()
        assert len(page.inserted_documents) <= 1
        return time.perf_counter() - start

    assert_linear(seconds, 8000, "inserted documents", floor=0.005)


def test_inserted_documents_spend_their_budget_only_on_blocks_they_read() -> None:
    """What is not read is not charged: a block too long to read (a player's script
    inserted at each break), and another element's long `data-code`, leave the page's
    budget (MAX_INSERTED) to the blocks after them."""
    code = "<p>" + "x" * page_module.MAX_INSERTED_CODE + "</p>"
    long_blocks = "".join(_insertion(1, code) for _ in range(
        page_module.MAX_INSERTED // page_module.MAX_INSERTED_CODE + 2))
    unread = f'<div data-code="{"QUFB" * (page_module.MAX_INSERTED // 3)}"></div>'
    page = parse_page("<body>" + long_blocks + unread
                      + _insertion(2, "<div data-pw-desk='u2'></div>") + "</body>")
    assert list(page.inserted_documents.values()) == ["<div data-pw-desk='u2'></div>"]
