"""Element-local evaluation (from the elements carrying a selector's key) finds exactly
what evaluating every candidate selector from the root finds, on real pages with the
full lists; and `local_xpath` splits selectors at their key."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest

from auditor.rules import Engine
from auditor.rules.cosmetic import (
    E_EXC,
    E_LINE,
    E_LIST,
    E_PROC,
    E_SEL,
    _doc_order,
    local_xpath,
)
from auditor.rules.domains import host_keys

from .conftest import load_bench_module

PARSER = lxml.html.HTMLParser(remove_comments=False)


def _reference(engine: Engine, root: Any, host: str) -> list[tuple[Any, str]]:
    cos = engine._cos
    cands, _ = cos.candidates(root, host_keys(host))
    best: dict[Any, Any] = {}
    for e, _k in cands:
        for el in cos.finder(e[E_SEL], e[E_PROC])(root):
            if not isinstance(el.tag, str):
                continue
            prev = best.get(el)
            if prev is None or (e[E_LIST], e[E_LINE]) < (prev[E_LIST], prev[E_LINE]):
                best[el] = e
    return [(el, best[el][1]) for el in _doc_order(best)]


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
    cos = engine._cos
    idx = cos.index
    keys = host_keys(host)
    excepted = set(idx.generic_exceptions)
    for k in keys:
        excepted |= idx.specific_exceptions.get(k, frozenset())
    entries = [e for b in idx.keyed.values() for e in b] + list(idx.unkeyed)
    entries += [e for k in keys for e in idx.specific.get(k, ())]
    best: dict[Any, Any] = {}
    for e in entries:
        if e[E_SEL] in excepted or (e[E_EXC] is not None and not e[E_EXC].isdisjoint(keys)):
            continue
        for el in cos.finder(e[E_SEL], e[E_PROC])(root):
            if not isinstance(el.tag, str):
                continue
            prev = best.get(el)
            if prev is None or (e[E_LIST], e[E_LINE]) < (prev[E_LIST], prev[E_LINE]):
                best[el] = e
    return [(el, best[el][1]) for el in _doc_order(best)]


@pytest.mark.slow
def test_keys_and_guards_lose_nothing(full_engine: Engine) -> None:
    """Against evaluating all ~15k selectors from the root, on a page full of ad shapes."""
    root = lxml.html.fromstring(AD_PAGE, parser=PARSER)
    got = [(h.element, h.rule) for h in full_engine.cosmetic(root, "www.example.org")]
    assert len(got) >= 10
    assert got == _reference_all(full_engine, root, "www.example.org")
    # with the markup at hand (names of data- attributes read from it): the same hits
    with_source = full_engine.cosmetic(root, "www.example.org", AD_PAGE)
    assert [(h.element, h.rule) for h in with_source] == got


@pytest.mark.slow
def test_local_matches_root_evaluation(full_engine: Engine) -> None:
    bench = load_bench_module("bench_rules")
    pages = [(f"synthetic{i}", bench.synthetic_page(i), "www.dailynewsroom.com") for i in (0, 1)]
    pages += [(n, h, "www.example.org") for n, h in bench.realistic_pages()]
    assert len(pages) >= 4
    for name, html, host in pages:
        root = lxml.html.fromstring(html, parser=PARSER)
        got = [(h.element, h.rule) for h in full_engine.cosmetic(root, host)]
        assert got == _reference(full_engine, root, host), name
        with_source = full_engine.cosmetic(root, host, html)
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
    assert [e.tag for e in _doc_order(found)] == tags
    assert found == set(root.cssselect(sel))
