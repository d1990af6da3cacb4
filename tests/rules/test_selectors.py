"""The one selector tokenizer, and what reads it: keys, the parser's cost check, the
procedural operators' registry."""

from __future__ import annotations

import lxml.html
import pytest

from auditor.rules import Engine, TreeViews
from auditor.rules.cosmetic import OPERATORS, selector_key
from auditor.rules.cosmetic.selectors import calls, group_end, outside, split_top
from auditor.rules.parse import PROCEDURAL_OPS, UNSUPPORTED_PROCEDURAL, unbounded_cost


@pytest.mark.parametrize(
    ("sel", "brackets", "expected"),
    [
        ("div.ad > span", "([", "div.ad > span"),
        ('div:not(.a) > span[id="x"]', "([", "div:not > span"),
        ('div:not(.a) > span[id="x"]', "(", 'div:not > span[id="x"]'),
        ('a[title="(x"]:has(b)', "(", 'a[title="(x"]:has'),  # quoted brackets are text
        (r".h-\[250px\]", "([", r".h-\[250px\]"),  # escaped brackets are the class's
        ("div:has(.a", "([", None),  # not closed
        ("div.a)", "([", None),  # closed but never opened
        ('a[title="x]', "([", None),  # a quote left open
    ],
)
def test_outside(sel: str, brackets: str, expected: str | None) -> None:
    assert outside(sel, brackets) == expected


@pytest.mark.parametrize(
    ("sel", "expected"),
    [
        (".a", [".a"]),
        (".a, .b", [".a", ".b"]),
        (".a:not(.b, .c), .d", [".a:not(.b, .c)", ".d"]),
        ('a[title="x, y"], .d', ['a[title="x, y"]', ".d"]),
        (r".a\,b, .c", [r".a\,b", ".c"]),
    ],
)
def test_split_top(sel: str, expected: list[str]) -> None:
    assert split_top(sel) == expected


def test_group_end_and_calls() -> None:
    sel = r'div:has-text(/a\)b/):upward(2) span:not(.x)'
    assert sel[: group_end(sel, sel.index("(") + 1)] == r"div:has-text(/a\)b/)"
    assert [(n, sel[s:e]) for n, s, e in calls(sel)] == [
        ("has-text", r":has-text(/a\)b/)"),
        ("upward", ":upward(2)"),
        ("not", ":not(.x)"),
    ]
    with pytest.raises(ValueError):
        list(calls("div:has-text(x"))


@pytest.mark.parametrize(
    ("sel", "key"),
    [
        ("div.ad-box > span", ".ad-box"),
        (r".h-\[250px\]", ".h-[250px]"),  # was `.h-`: the escaped `[` ended the class
        (r".bg-\[\#f8f8f8\]", ".bg-[#f8f8f8]"),  # an escaped `#` is no id
        (r".\#div\.block-native_bf", ".#div.block-native_bf"),
        ('a[href^="https://ad.doubleclick.net/"]', "@ad.doubleclick.net"),
    ],
)
def test_selector_key(sel: str, key: str) -> None:
    assert selector_key(sel) == key


def test_escaped_brackets_hide_their_element() -> None:
    """A Tailwind class written with escapes is keyed by the class itself, so a
    domain-specific rule for it hides its element (it was keyed by a class no page has)."""
    page = b'<html><body><div class="h-[250px] flex">ad</div><div class="h-">x</div></body></html>'
    root = lxml.html.fromstring(page)
    for rules in ("example.com##.h-\\[250px\\]\n", "##.h-\\[250px\\]\n"):
        hits = Engine.from_text(rules).cosmetic(TreeViews(root), "www.example.com")
        assert [h.element.get("class") for h in hits] == ["h-[250px] flex"]


@pytest.mark.parametrize(
    ("sel", "costly"),
    [
        ("div:has(span:has(a))", False),
        ("div:has(span:has(a:has(b)))", True),
        ('div:has-text("(:has(:has(:has(x)))")', False),  # quoted: not nesting
        ("div:xpath(//a[@x])", False),
        ("div:xpath(//div[count(//div)])", True),
    ],
)
def test_unbounded_cost(sel: str, costly: bool) -> None:
    assert (unbounded_cost(sel) is not None) == costly


def test_each_operator_is_registered_once_and_read_by_the_parser() -> None:
    classes = set(OPERATORS.values())
    names = [n for op in classes for n in op.names]
    assert len(names) == len(set(names)) == len(OPERATORS)
    supported = [op[1:-1] for op in PROCEDURAL_OPS if op not in UNSUPPORTED_PROCEDURAL]
    native = {n for op in classes for n in op.css_native}
    assert set(supported) == set(OPERATORS) - native
