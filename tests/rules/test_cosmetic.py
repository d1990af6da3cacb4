"""Element hiding on pages written for the purpose."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest

from auditor.rules import CosmeticHit, Engine, TreeViews
from auditor.rules.cosmetic import attribute_guard, local_xpath, required_names
from auditor.rules.cosmetic.guards import guard_key

PARSER = lxml.html.HTMLParser(remove_comments=False)

PAGE = b"""<!doctype html>
<html><head><title>t</title></head><body>
<div id="main"><p>Story text</p></div>
<div class="ad-box"><span>Ad</span></div>
<div class="promo"><span>Sponsored content</span></div>
<div class="card"><div class="inner"><span class="lbl">Advertisement</span></div></div>
<a href="https://ad.doubleclick.net/click?x"><img src="x.png"></a>
<section class="keep"><div class="banner">b</div></section>
<div id="sidebar-ad" data-adshim="1">s</div>
<amp-ad-slot>z</amp-ad-slot>
<!-- a comment stays -->
<ul><li class="item">one</li><li class="item">two sponsored</li></ul>
</body></html>"""


def _root() -> Any:
    return lxml.html.fromstring(PAGE, parser=PARSER)


def _hits(rules: str, host: str = "www.example.com") -> list[tuple[str, str | None, str, int]]:
    hits = Engine.from_text(rules, name="c").cosmetic(TreeViews(_root()), host)
    return [
        (h.element.tag, h.element.get("class") or h.element.get("id"), h.rule, h.line) for h in hits
    ]


@pytest.mark.parametrize(
    ("rules", "host", "expected"),
    [
        ("##.ad-box\n", "x.test", [("div", "ad-box", "##.ad-box", 1)]),
        ("###sidebar-ad\n", "x.test", [("div", "sidebar-ad", "###sidebar-ad", 1)]),
        ("##[data-adshim]\n", "x.test", [("div", "sidebar-ad", "##[data-adshim]", 1)]),
        ("##amp-ad-slot\n", "x.test", [("amp-ad-slot", None, "##amp-ad-slot", 1)]),
        (
            '##a[href^="https://ad.doubleclick.net/"]\n',
            "x.test",
            [("a", None, '##a[href^="https://ad.doubleclick.net/"]', 1)],
        ),
        ("##.absent\n", "x.test", []),
        # domain-specific, subdomains, entities, negations
        ("example.com##.promo\n", "www.example.com", [("div", "promo", "example.com##.promo", 1)]),
        ("example.com##.promo\n", "example.org", []),
        ("example.*##.promo\n", "www.example.co.uk", [("div", "promo", "example.*##.promo", 1)]),
        ("~example.com##.ad-box\n", "www.example.com", []),
        ("~example.com##.ad-box\n", "other.test", [("div", "ad-box", "~example.com##.ad-box", 1)]),
        ("example.com,~www.example.com##.promo\n", "www.example.com", []),
        # exceptions: generic and domain-specific
        ("##.ad-box\n#@#.ad-box\n", "x.test", []),
        ("##.ad-box\nexample.com#@#.ad-box\n", "www.example.com", []),
        ("##.ad-box\nexample.com#@#.ad-box\n", "other.test", [("div", "ad-box", "##.ad-box", 1)]),
        # :has (CSS) and procedural operators
        ("##section:has(.banner)\n", "x.test", [("section", "keep", "##section:has(.banner)", 1)]),
        ("##div:has(> span.nothing)\n", "x.test", []),
        # guarded by the condition of its `:has()`: evaluated from the root where it passes
        (
            '##body:has(> a[href*="doubleclick.net/click"]):not(:has(> p))\n',
            "x.test",
            [("body", None, '##body:has(> a[href*="doubleclick.net/click"]):not(:has(> p))', 1)],
        ),
        ('##body:has(> a[href*="doubleclick.net/clack"])\n', "x.test", []),
        (
            "example.com##.promo:has-text(Sponsored)\n",
            "www.example.com",
            [("div", "promo", "example.com##.promo:has-text(Sponsored)", 1)],
        ),
        (
            "example.com##.promo:has-text(/sponsor/i)\n",
            "www.example.com",
            [("div", "promo", "example.com##.promo:has-text(/sponsor/i)", 1)],
        ),
        (
            "example.com##li.item:-abp-contains(sponsored)\n",
            "www.example.com",
            [("li", "item", "example.com##li.item:-abp-contains(sponsored)", 1)],
        ),
        (
            "example.com##.lbl:upward(2)\n",
            "www.example.com",
            [("div", "card", "example.com##.lbl:upward(2)", 1)],
        ),
        (
            "example.com##.lbl:upward(.card)\n",
            "www.example.com",
            [("div", "card", "example.com##.lbl:upward(.card)", 1)],
        ),
        (
            "example.com#?#.keep:-abp-has(.banner)\n",
            "www.example.com",
            [("section", "keep", "example.com#?#.keep:-abp-has(.banner)", 1)],
        ),
        (
            "example.com##div:has(> span:has-text(/^Ad$/))\n",
            "www.example.com",
            [("div", "ad-box", "example.com##div:has(> span:has-text(/^Ad$/))", 1)],
        ),
        (
            "example.com##:xpath(//span[text()='Advertisement']/../..)\n",
            "www.example.com",
            [("div", "card", "example.com##:xpath(//span[text()='Advertisement']/../..)", 1)],
        ),
        (
            "example.com##.promo:remove()\n",
            "www.example.com",
            [("div", "promo", "example.com##.promo:remove()", 1)],
        ),
        # page-level switches from network exceptions
        ("##.ad-box\n@@||example.com^$generichide\n", "www.example.com", []),
        (
            "example.com##.promo\n@@||example.com^$generichide\n",
            "www.example.com",
            [("div", "promo", "example.com##.promo", 1)],
        ),
        ("example.com##.promo\n##.ad-box\n@@||example.com^$elemhide\n", "www.example.com", []),
        ("example.com##.promo\n@@||example.com^$specifichide\n", "www.example.com", []),
    ],
)
def test_cosmetic(rules: str, host: str, expected: list[tuple[str, str | None, str, int]]) -> None:
    assert _hits(rules, host) == expected


def test_document_order_and_one_hit_per_element() -> None:
    rules = "##.promo\n##.ad-box\n##div.ad-box\n###sidebar-ad\n"
    got = _hits(rules, "x.test")
    assert [g[1] for g in got] == ["ad-box", "promo", "sidebar-ad"]
    assert got[0][3] == 2  # the first rule (list order) that hides the element


def test_hit_type_and_list_name() -> None:
    (hit,) = Engine.from_text("##.ad-box\n", name="mine").cosmetic(TreeViews(_root()), "x.test")
    assert isinstance(hit, CosmeticHit)
    assert (hit.list, hit.line, hit.rule) == ("mine", 1, "##.ad-box")


@pytest.mark.parametrize(
    "rule",
    [
        "##+js(aopr, x)",
        "example.com#$#abort-on-property-read x",
        "example.com##.a:style(color: red)",
        "example.com##.a:matches-css(display: block)",
        'example.com$$script[tag-content="x"]',
    ],
)
def test_unsupported_cosmetic_is_counted(rule: str) -> None:
    e = Engine.from_text(rule + "\n")
    assert e.lists[0].unsupported == 1
    assert e.cosmetic(TreeViews(_root()), "www.example.com") == []


def test_bad_selector_does_not_crash() -> None:
    e = Engine.from_text("##div[[[\n##.ad-box\n")
    assert [h.rule for h in e.cosmetic(TreeViews(_root()), "x.test")] == ["##.ad-box"]


def test_comments_are_not_hits() -> None:
    assert _hits("##*\n", "x.test")  # every element, but no comment node
    hits = Engine.from_text("##*\n").cosmetic(TreeViews(_root()), "x.test")
    assert all(isinstance(h.element.tag, str) for h in hits)


SOURCE_RULES = "##[data-zone]\n##div[ow-ad]\n##.ad-box\n##ins[data-w][data-h]:has(+ script)\n"
SOURCE_PAGE = (
    '<html><body><div DATA-Zone="1">a</div><div ow-ad>b</div><p class="ad-box">c</p>'
    '<ins data-w="1" data-h="2"></ins><script>x()</script></body></html>'
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_markup_gives_the_same_hits(encoding: str) -> None:
    """With the markup at hand, data- names are read from it (upper case included) and
    root-evaluated selectors are gated by it; the hits do not change. Markup that is
    not ASCII-compatible is ignored rather than trusted."""
    engine = Engine.from_text(SOURCE_RULES, name="c")
    root = lxml.html.fromstring(SOURCE_PAGE)
    plain = [(h.element, h.rule) for h in engine.cosmetic(TreeViews(root), "x.test")]
    assert len(plain) == 4
    given = engine.cosmetic(TreeViews(root, SOURCE_PAGE.encode(encoding)), "x.test")
    assert [(h.element, h.rule) for h in given] == plain


def test_markup_without_a_required_attribute_skips_the_selector() -> None:
    engine = Engine.from_text("##div[ow-ad]\n", name="c")
    root = lxml.html.fromstring("<html><body><div ow-ad>b</div></body></html>")
    without = TreeViews(root, b"<html><body><div>b</div></body></html>")
    assert len(engine.cosmetic(without, "x.test")) == 0
    assert len(engine.cosmetic(TreeViews(root, b"<div OW-AD>b</div>"), "x.test")) == 1


@pytest.mark.parametrize(
    ("sel", "names"),
    [
        ("div[ow-ad-unit-wrapper] > span", (b"ow-ad-unit-wrapper",)),
        ('ins[ID][data-width][data-width="3"]', (b"id", b"data-width")),
        ("div:not([x-a]):has([x-b])", ()),
        (".a[x-a], .b", ()),
        (r"div[a\:b]", ()),
    ],
)
def test_required_names(sel: str, names: tuple[bytes, ...]) -> None:
    assert required_names(sel) == names


@pytest.mark.parametrize(
    ("sel", "guard"),
    [
        ('div[id^="gpt-"] > span', ("id", "^=", "gpt-")),
        # a top-level condition first, however long the one in `:has()`
        ('div[id^="slug_"]:has(> div[id^="wpni_adi_"])', ("id", "^=", "slug_")),
        # else one in a top-level `:has()`: the element it asks for is on the page
        ('div:has(> a[href*="ads.test/r?"]):not(:has(> p))', ("href", "*=", "ads.test/r?")),
        ('li:has(span[data-x="1"] > b)', ("data-x", "=", "1")),
        # none under `:not()`, in a `:has()` listing alternatives, or nested under another call
        ('div:not(:has(> a[href*="x"]))', None),
        ('p:has(a[x="1"], b)', None),
        ('p:has(> b:not([x="1"]))', None),
        ("div:has(> p)", None),
    ],
)
def test_attribute_guard(sel: str, guard: tuple[str, str, str] | None) -> None:
    """A guard is a condition some element of every page the selector matches on passes."""
    assert attribute_guard(sel) == guard


def test_a_guard_inside_has_leaves_the_selector_evaluated_from_the_root() -> None:
    """No compound of the selector carries a `:has()` argument's condition, so its entry is
    never read from the carriers of the guard (which are the `<a>`s, not the `<div>`s)."""
    sel = 'div:has(> a[href*="ads.test/r?"])'
    guard = attribute_guard(sel)
    assert guard is not None and local_xpath(sel, guard_key(guard)) is None
