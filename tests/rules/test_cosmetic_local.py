"""Element-local evaluation (from the elements carrying a selector's key) finds exactly
what evaluating every candidate selector from the root finds, on real pages with the
full lists; and `local_xpath` splits selectors at their key."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import lxml.html
import pytest

from auditor.dom.parser import in_document_order
from auditor.rules import Engine, TreeViews
from auditor.rules.cosmetic import (
    E_EXC,
    E_LINE,
    E_LIST,
    E_PROC,
    E_SEL,
    CosmeticMatcher,
    PageFeatures,
    compound_checks,
    features,
    local_xpath,
    passes,
)
from auditor.rules.domains import host_keys

from .conftest import load_bench_module

PARSER = lxml.html.HTMLParser(remove_comments=False)


def _from_root(engine: Engine, root: Any, entries: Iterable[Any]) -> list[tuple[Any, str]]:
    """(element, rule) for what `entries` hide, each evaluated from the root, the first
    rule in list order winning, in document order."""
    cos = engine._cos
    best: dict[Any, Any] = {}
    for e in entries:
        for el in cos.finder(e[E_SEL], e[E_PROC])(root):
            if not isinstance(el.tag, str):
                continue
            prev = best.get(el)
            if prev is None or (e[E_LIST], e[E_LINE]) < (prev[E_LIST], prev[E_LINE]):
                best[el] = e
    return [(el, best[el][1]) for el in in_document_order(best)]


def _reference(engine: Engine, root: Any, host: str) -> list[tuple[Any, str]]:
    """The candidates of the page, each evaluated from the root (no element-local step)."""
    cands, _ = engine._cos.candidates(TreeViews(root), host_keys(host))
    return _from_root(engine, root, (e for e, _k in cands))


# Ad markup of many shapes: keyed (ids, classes, hrefs, data- attributes, tags) and
# guarded (id prefixes, rare attributes, quoted parentheses) selectors.
AD_PAGE = b"""<html><body><p>Story</p>
<a href="https://track.wg-aff.com/x">t</a><iframe name="google_ads_iframe_1"></iframe>
<div aria-label="Ads">x</div><div ow-ad-unit-wrapper>z</div>
<a onclick="window.location.replace('https://random-affiliate.atimaze.com/x')">y</a>
<img src="https://s-img.adskeeper.com/a.png"><div id="div-gpt-ad-1"><span>s</span></div>
<div class="ad-slot sponsored">q</div><div data-revive-zoneid="3"></div>
<ins data-ad-slot="1" class="adsbygoogle"></ins><amp-ad></amp-ad>
<div id="taboola-below-article-thumbnails"></div><div class="OUTBRAIN" data-widget-id="x"></div>
<a href="https://ad.doubleclick.net/ddm/clk/1"><img src="/b.jpg"></a>
<div id="taboola-below-article-thumbnails"></div><div id="div-gpt-ad-1"></div>
<div DATA-Revive-ZoneId=4></div><ins id="j1" data-width="300" data-height="250"></ins>
<script>adsbyjuicy.push({adzone: 1})</script>
</body></html>"""


def _reference_all(engine: Engine, root: Any, host: str) -> list[tuple[Any, str]]:
    """Every generic selector and the host's specific ones, from the root: no keys, no
    guards, no element-local evaluation."""
    idx = engine._cos.index
    keys = host_keys(host)
    excepted = set(idx.generic_exceptions)
    for k in keys:
        excepted |= idx.specific_exceptions.get(k, frozenset())
    entries = [e for b in idx.keyed.values() for e in b] + list(idx.unkeyed)
    entries += [e for k in keys for e in idx.specific.get(k, ())]
    applying = [
        e
        for e in entries
        if e[E_SEL] not in excepted and (e[E_EXC] is None or e[E_EXC].isdisjoint(keys))
    ]
    return _from_root(engine, root, applying)


@pytest.mark.slow
def test_keys_and_guards_lose_nothing(full_engine: Engine) -> None:
    """Against evaluating all ~15k selectors from the root, on a page full of ad shapes."""
    root = lxml.html.fromstring(AD_PAGE, parser=PARSER)
    got = [(h.element, h.rule) for h in full_engine.cosmetic(TreeViews(root), "www.example.org")]
    assert len(got) >= 10
    assert got == _reference_all(full_engine, root, "www.example.org")
    # with the markup at hand (names of data- attributes read from it): the same hits
    with_source = full_engine.cosmetic(TreeViews(root, AD_PAGE), "www.example.org")
    assert [(h.element, h.rule) for h in with_source] == got


@pytest.mark.slow
def test_local_matches_root_evaluation(full_engine: Engine) -> None:
    bench = load_bench_module("bench_rules")
    pages = [(f"synthetic{i}", bench.synthetic_page(i), "www.dailynewsroom.com") for i in (0, 1)]
    pages += [(n, h, "www.example.org") for n, h in bench.realistic_pages()]
    assert len(pages) >= 4
    for name, html, host in pages:
        root = lxml.html.fromstring(html, parser=PARSER)
        got = [(h.element, h.rule) for h in full_engine.cosmetic(TreeViews(root), host)]
        assert got == _reference(full_engine, root, host), name
        with_source = full_engine.cosmetic(TreeViews(root, html), host)
        assert [(h.element, h.rule) for h in with_source] == got, name


@pytest.mark.parametrize(
    ("sel", "key", "page", "tags"),
    [
        ("div.ad > span", ".ad", '<div class="ad"><span>x</span></div><span>y</span>', ["span"]),
        ("section .x + p", ".x", '<section><i class="x"></i><p>a</p></section><p>b</p>', ["p"]),
        ("ul > li.x", ".x", '<ol><li class="x">a</li></ol><ul><li class="x">b</li></ul>', ["li"]),
        ("#a ~ b", "#a", '<b>0</b><i id="a"></i><b>1</b><b>2</b>', ["b", "b"]),
        ('a[href^="https://t.test/"]', "@t.test", '<a href="https://t.test/x">a</a>', ["a"]),
        ("[data-ad]", "[data-ad", '<p data-ad="1">a</p><p>b</p>', ["p"]),
    ],
)
def test_local_xpath(sel: str, key: str, page: str, tags: list[str]) -> None:
    root = lxml.html.fromstring(f"<html><body>{page}</body></html>")
    xp = local_xpath(sel, key)
    assert xp is not None
    kind, name = key[0], key[1:]
    carriers = [
        e
        for e in root.iter()
        if (kind == "." and name in (e.get("class") or "").split())
        or (kind == "#" and e.get("id") == name)
        or (kind == "@" and name in (e.get("href") or ""))
        or (kind == "[" and e.get(name) is not None)
    ]
    found = {el for c in carriers for el in xp(c)}
    assert [e.tag for e in in_document_order(found)] == tags
    assert found == set(root.cssselect(sel))


# Elements with the attribute shapes the Python compound test must decide exactly as the
# selector's XPath does: whitespace that XPath folds (tab, newline) and does not (form
# feed, no-break space), empty values, prefixes followed by `-`, upper-case markup.
COMPOUND_PAGE = """<html><body>
<div class="ad box">a</div><div class="ad\tbox">b</div><div class="ad\nbox">c</div>
<div class="ad\u00a0box">d</div><div class="">e</div><div class="adbox">f</div>
<INS CLASS="adsbygoogle" data-ad-client="ca-pub-1">g</INS><ins class="adsbygoogle">h</ins>
<div id="div-gpt-ad-1">i</div><div id="div-gpt">j</div><p id="div-gpt-ad-2">k</p>
<span lang="en-US">l</span><span lang="en">m</span><span lang="english">n</span>
<a href="https://ad.test/x">o</a><a href="">p</a><a>q</a><div title="x y  z">r</div>
</body></html>"""


@pytest.mark.parametrize(
    "sel",
    [
        ".ad",
        ".box",
        "div.ad.box",
        "ins.adsbygoogle[data-ad-client]",
        "INS.adsbygoogle",
        "#div-gpt-ad-1",
        '[id^="div-gpt-ad"]',
        'div[id^="div-gpt"]',
        '[id$="-1"]',
        '[id*="gpt"]',
        '[id="div-gpt"]',
        '[lang|="en"]',
        '[title~="y"]',
        '[title~="x y"]',
        '[href^=""]',
        '[href=""]',
        '[href*=""]',
        "a[href]",
        "[class]",
        '[class=""]',
        '[class~=""]',
        "*",
        "span",
    ],
)
def test_compound_checks_decide_as_the_xpath(sel: str) -> None:
    """`passes` (Python) and the selector's XPath agree on every element of the page."""
    root = lxml.html.fromstring(COMPOUND_PAGE)
    compound = compound_checks(sel)
    assert compound is not None
    expected = set(root.cssselect(sel))
    assert {e for e in root.iter() if isinstance(e.tag, str) and passes(e, compound)} == expected


@pytest.mark.parametrize(
    "sel", ["div > .ad", ".ad:not(.x)", "div:has(span)", "[title!='x']", '[title="x" i]', "*|div"]
)
def test_compound_checks_leave_other_selectors_to_xpath(sel: str) -> None:
    assert compound_checks(sel) is None


# The markup says where each wanted value occurs, so the carrier walk is narrowed to
# those start tags -- unless the markup hides an occurrence: a character reference
# spelling the value, a `<` inside another attribute, a line break written as CR LF.
HIDDEN_PAGE = b"""<html><body><p>The OUTBRAIN widget and the taboola one.</p>
<section class="&#79;UTBRAIN">by reference</section>
<span title="a<b" class="OUTBRAIN">after a lone lt</span>
<div class="OUTBRAIN" data-widget-id="x">plain</div>
<aside id="taboola-below-article-thumbnails">1</aside>
<article id="taboola-below-article-thumbnails">2</article>
<div class="sponsored-post">s</div><b class="sponsored-post">t</b>
""" + b"<p class='filler'>Paragraph of the article.</p>\n" * 200 + b"</body></html>"


@pytest.mark.slow
def test_narrowed_walks_lose_nothing(full_engine: Engine) -> None:
    assert len(HIDDEN_PAGE) >= features._HINT_MIN_BYTES  # large enough to be scanned
    root = lxml.html.fromstring(HIDDEN_PAGE, parser=PARSER)
    expected = _reference(full_engine, root, "www.example.org")
    tags = [el.tag for el, _ in expected]
    assert tags.count("section") == 1 and tags.count("span") == 1  # the hidden ones
    assert {"aside", "article", "b"} <= set(tags)
    got = full_engine.cosmetic(TreeViews(root, HIDDEN_PAGE), "www.example.org")
    assert [(h.element, h.rule) for h in got] == expected


@pytest.mark.slow
def test_a_key_carried_by_no_element_skips_its_selectors(
    full_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`data-type` occurs in the text only: `[data-type="ad-vertical"]` finds no carrier
    and is not evaluated from the root (a predicate on every element)."""
    page = b'<html><body><p>Set data-type on the slot.</p><div class="x">y</div></body></html>'
    root = lxml.html.fromstring(page, parser=PARSER)
    cos = full_engine._cos
    cands, _ = cos.candidates(TreeViews(root, page), host_keys("www.example.org"))
    assert any(k == "[data-type" for _e, k in cands)

    finder = CosmeticMatcher.finder

    def no_root_walk(self: CosmeticMatcher, sel: str, procedural: bool) -> Any:
        assert "data-type" not in sel, f"{sel} evaluated from the root"
        return finder(self, sel, procedural)

    monkeypatch.setattr(CosmeticMatcher, "finder", no_root_walk)
    assert full_engine.cosmetic(TreeViews(root, page), "www.example.org") == []


# Ids come from the parser's ID table when the markup is at hand. libxml2 files
# `<a name>` values there too, and only the first element of a repeated id.
ID_PAGE = b"""<html><body><a name="taboola-below-article-thumbnails">anchor</a>
<div id="taboola-below-article-thumbnails">after a same-named anchor</div>
<a name="div-gpt-ad-9">an anchor only</a>
<div id="div-gpt-ad-&#49;">by reference</div>
<div id="div-gpt-ad-2">first</div><p title="div-gpt-ad-2"></p><div id="div-gpt-ad-2">again</div>
</body></html>"""


@pytest.mark.slow
def test_ids_from_the_parsers_table_lose_nothing(full_engine: Engine) -> None:
    root = lxml.html.fromstring(ID_PAGE, parser=PARSER)
    ids = set(PageFeatures(TreeViews(root, ID_PAGE), ()).ids)
    assert {"div-gpt-ad-1", "div-gpt-ad-2", "taboola-below-article-thumbnails"} <= ids
    assert "div-gpt-ad-9" in ids  # an anchor's name: a superset, which keys allow
    expected = _reference_all(full_engine, root, "www.example.org")
    assert sorted(el.text for el, _ in expected) == [
        "after a same-named anchor",
        "again",
        "by reference",
        "first",
    ]
    got = full_engine.cosmetic(TreeViews(root, ID_PAGE), "www.example.org")
    assert [(h.element, h.rule) for h in got] == expected
    plain = full_engine.cosmetic(TreeViews(root), "www.example.org")
    assert [(h.element, h.rule) for h in plain] == expected


@pytest.mark.parametrize("markup", [
    "<body><AMP-AD type=a></AMP-AD><div><gpt-ad id=x></gpt-ad></div></body>",
    "<body><amp-ad-custom></amp-ad-custom><p>amp-ad gpt-ad</p></body>",
    "<body><!-- <amp-ad> --><script>'<gpt-ad>'</script></body>",
    "<body><p>none</p></body>",
])
def test_tag_keys_skipped_by_their_start_tags_are_on_no_page(markup: str) -> None:
    """The cosmetic pass walks for a custom tag only where the markup opens one (`<amp-ad`,
    lowered, from the page's one needle pass): a necessary condition, never a miss."""
    from auditor.dom.page import parse_page

    tags = ("amp-ad", "gpt-ad", "zeus-ad")
    page = parse_page(markup)
    found = PageFeatures(page, tags)
    walked = {f"<{t}": list(page.root.iter(t)) for t in tags}
    assert found._tags == {k: v for k, v in walked.items() if v}
    assert found.names["<"] == {k[1:] for k, v in walked.items() if v}
