"""auditor.dom.parser: re2_text_pattern reads a pattern as `re` does; line_at counts lines."""

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from auditor.dom.page import parse_page
from auditor.dom.parser import (
    CUT_HEAD_REACH,
    attributes_named,
    cut_head_spill,
    line_at,
    re2_text_pattern,
)

# patterns with each construct the rewrite must read: classes holding \s, negated
# classes, an escaped backslash before an s, negated escapes, i in and out of classes
PATTERNS = [r"[^\s]+", r"a\\s", r"x[\s,]y", r"x\Sy", r"\d+", r"linki\s+al", r"[a-z]+\s\w+",
            r"[^\w\s]+", r"(?:ba[gğ]lant[iı])\W+", r"\D\d", r"[]x]+", r"[\x00-\x7f]+i",
            r"(?P<n>i+)\s", r"[\]i]s"]
ALPHABET = "aiIıİsS _-,.]x\\\u00a0\u3000\x0b\x1c\x85\u2028٣1Kkſé漢\n\t"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_re2_text_pattern_matches_where_re_does(pattern: str) -> None:
    # `[^\s]` once became `[^[\s\pZ]]` (a class of `[`, spaces, then a literal `]`) and
    # `\\s` a literal `[`: each matched elsewhere than `re` or not at all
    ours, theirs = re2_text_pattern(pattern), re.compile(pattern, re.I)
    rng = random.Random(pattern)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 8)))
        a, b = ours.search(text), theirs.search(text)
        assert (a and a.span()) == (b and b.span()), (pattern, text)


def test_re2_text_pattern_folds_turkish_i_as_re_does() -> None:
    assert re2_text_pattern(r"linki\s+al").search("LİNKİ AL")
    assert re2_text_pattern(r"ba[gğ]lant[iı]").search("BAĞLANTİ")


@pytest.mark.parametrize("pattern", [r"[\S,]", r"[\W]", r"[\D]", r"[\s-z]", r"[abc"])
def test_re2_text_pattern_refuses_what_re2_cannot_spell(pattern: str) -> None:
    with pytest.raises(ValueError):
        re2_text_pattern(pattern)


@given(st.text(alphabet="ab\n\r\u2028é", max_size=40), st.data())
def test_an_offset_s_line_is_the_page_line_holding_it(text: str, data: st.DataObject) -> None:
    """`line_at` names the line of the page's own line index (`ParsedPage.lines`, what a
    start tag is cited from) that holds the offset; bytes (UTF-8 offsets) count alike."""
    pos = data.draw(st.integers(0, len(text)))
    line = line_at(text, pos)
    lines = parse_page(text).lines if text.strip() else text.split("\n")
    start = sum(len(held) + 1 for held in lines[: line - 1])
    assert start <= pos <= start + len(lines[line - 1])
    assert line_at(text.encode(), len(text[:pos].encode())) == line


_ATTRIBUTE_PIECES = ['<p style="a">', "</p>", '<i style="b" class="c">', "<!-- style=x -->",
                     "<?pi style='y'?>", "text", '<svg><g style="z"/></svg>', "</html>",
                     '<div data-x="1" style="">', "</div>", "<script>s='<b style=q>'</script>"]


@given(st.lists(st.sampled_from(_ATTRIBUTE_PIECES), max_size=25))
def test_attributes_named_are_each_elements_attribute(pieces: list[str]) -> None:
    """`//*/@name` selects what a walk of every element (beside the root too: markup after
    `</html>`) reads, in document order."""
    root = parse_page("<html><body>" + "".join(pieces) + "</body></html>").root
    tree = root.getroottree()
    walked = [(el, el.get(name)) for name in ("style", "data-x") for el in tree.iter(etree.Element)
              if el.get(name) is not None]
    assert [(a.getparent(), str(a)) for name in ("style", "data-x")
            for a in attributes_named(root, name)] == walked


# (the page, the tags of the cut head's spill): the parser ends a head at a stray body
# element and moves the rest of the head's tags into the body, a few elements in
SPILLS: list[tuple[str, list[str]]] = [
    ("<html><head><title>t</title></head><body><div>x</div></body></html>", []),
    ("<html><head><script></script><div>blob</div><meta charset=utf-8><title>t</title>"
     "</head><body><p>text</p></body></html>", ["div", "meta", "title", "p"]),
    ("<html><head><script></script><iframe></iframe><!-- c --><title>t</title></head>"
     "</html>", ["iframe", "<comment>", "title"]),
]


@pytest.mark.parametrize(("html", "tags"), SPILLS)
def test_a_cut_heads_spill_is_the_bodys_first_nodes(html: str, tags: list[str]) -> None:
    page = parse_page(html)
    assert [el.tag if isinstance(el.tag, str) else "<comment>"
            for el in cut_head_spill(page.root)] == tags


def test_a_cut_heads_spill_reaches_so_far() -> None:
    page = parse_page("<html><head><div></div>" + "<meta name=a>" * 100 + "</head></html>")
    assert len(cut_head_spill(page.root)) == CUT_HEAD_REACH


def test_class_values_are_distinct_in_first_seen_order() -> None:
    """What EXSLT's `set:distinct(//*/@class)` gave: each value once, where first met."""
    from lxml import etree

    from auditor.dom.parser import class_values, parse_html

    root = parse_html('<body class="b"><p class="a x"></p><i class="b"></i>'
                      '<p class="a x"></p><s class="A X"></s><u class=""></u></body>')
    assert class_values(root) == ["b", "a x", "A X", ""]
    distinct = etree.XPath("set:distinct(//*/@class)", smart_strings=False,
                           namespaces={"set": "http://exslt.org/sets"})
    assert class_values(root) == list(distinct(root))


def _items(markup: str) -> list[tuple[str | None, str | None]]:
    """Each list item of a parsed page: its parent's tag and its box's id."""
    root = parse_page(markup).root
    assert root is not None
    return [(str(li.getparent().tag), li[0].get("id") if len(li) else None)
            for li in root.iter("li")]


def test_an_item_after_an_unclosed_box_is_the_lists_not_the_boxs() -> None:
    # a saved page's `<li><div …></li>`: libxml2 ignores the `</li>` and nests every next
    # item inside the box before it; a browser's `<li>` closes the box and the item
    page = ("<html><body><div class='thumbs'><ul>"
            "<li><div class='adunit' id='Badge1'></li>"
            "<li><div class='adunit' id='Badge2'></li>"
            "<li><div class='adunit' id='Badge3'></li>"
            "</ul></div><p>After the list.</p></body></html>")
    assert _items(page) == [("ul", "Badge1"), ("ul", "Badge2"), ("ul", "Badge3")]


def test_a_list_inside_an_items_box_stays_there() -> None:
    # an item's own sub-list (in a box, with a mismatched end tag elsewhere on the page)
    page = ("<html><body><ul><li><div id='menu'><ul><li><div id='sub'></div></li></ul>"
            "</div></li><li><div id='next'></div></li></ul><span></div></span>"
            "</body></html>")
    assert _items(page) == [("ul", "menu"), ("ul", "sub"), ("ul", "next")]
    root = parse_page(page).root
    assert root is not None
    sub = root.get_element_by_id("sub")
    assert [str(up.tag) for up in sub.iterancestors()][:4] == ["li", "ul", "div", "li"]
