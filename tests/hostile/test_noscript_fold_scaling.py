"""Old-web ad tags pasted a script and, after it, a `<noscript>` image twin per unit
(DART's adj/jump/ad, AOL's htmlAdWH and atwola image): `_fold_noscript_fallbacks` asks
each slot for the `<noscript>` holding it, and the ad-load reading asks each slot whether
another holds it. Both walked up a slot's whole ancestry (or its XPath's, re-joined per
step), so units nested in a hostile page's thousand open `<div>`s cost the depth times the
units, each. Read at n and 4n (revC33 review)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from auditor import slots
from auditor.catalogue import default_catalogue
from auditor.dom.page import parse_page
from auditor.mfa.adload import outermost_ads
from auditor.model import Slot
from tests.hostile.scaling import assert_linear

HEAD = "<html><head><title>t</title></head><body><p>Article text long enough to read.</p>\n"


def _unit(i: int) -> str:
    zone = f"news.site/z{i}"
    return (f'<script src="http://ad.doubleclick.net/adj/{zone};sz=300x250;ord=1?"></script>'
            f'<!-- ad --> Advertisement <noscript><a href="http://ad.doubleclick.net/jump/'
            f'{zone};sz=300x250"><img src="http://ad.doubleclick.net/ad/{zone};sz=300x250;'
            f'ord=1?" width="300" height="250"></a></noscript>\n')


def _nested(n: int) -> str:
    units = "".join(_unit(i) for i in range(n))
    return f"{HEAD}{'<div>' * n}{units}{'</div>' * n}</body></html>"


def test_noscript_twins_nested_deep_fold_in_linear_time(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    catalogue = default_catalogue()
    fold = slots._fold_noscript_fallbacks
    took: list[float] = []

    def timed(drafts: list[Any]) -> list[Any]:
        start = time.perf_counter()
        out = fold(drafts)
        took.append(time.perf_counter() - start)
        return out

    monkeypatch.setattr(slots, "_fold_noscript_fallbacks", timed)

    def seconds(n: int) -> float:
        found = slots.declared_slots(parse_page(_nested(n)), catalogue, {"DoubleClick DART"})
        assert len(found) == n and all(s.width == 300 for s in found)  # one unit each
        return took.pop()

    # the fold's own work is linear; what is left at these sizes is lxml's (proxies of
    # elements 1,600 deep: ~2 ms, then ~20 ms quiet, and ~50 ms on a loaded machine). The
    # walk this guards against took 36 ms, then 593 ms (16x): a 10 ms floor keeps that in
    # view, not lxml's few ms
    assert_linear(seconds, 400, "noscript twins under 400 open <div>s", max_seconds=2.0,
                  floor=0.01)


def test_slots_nested_deep_are_told_outermost_in_linear_time() -> None:
    def seconds(n: int) -> float:
        # forty units n <div>s deep, and a wrapper slot holding them all
        xpaths = ["/html/body" + "/div" * n + f"/script[{i + 1}]" for i in range(40)]
        xpaths += ["/html/body" + "/div" * (n // 2)]
        ads = [Slot(network="X", line=1, xpath=x, rule=None, list=None) for x in xpaths]
        start = time.perf_counter()
        out = outermost_ads(ads)
        took = time.perf_counter() - start
        assert [s.xpath for s in out] == [xpaths[-1]]
        return took

    assert_linear(seconds, 500, "slots under 500 open <div>s", max_seconds=2.0, runs=3)


def test_outermost_ads_keep_what_the_joined_prefixes_kept() -> None:
    """A slot is dropped only under another slot's whole path: a sibling whose path merely
    starts with the same characters (`div[1]` and `div[10]`) is no holder."""
    paths = ["/html/body/div[1]", "/html/body/div[10]/ins", "/html/body/div[1]/ins",
             "/html/head/script", "", "/html/body/div[2]/div/iframe", "/html/body/div[2]"]
    ads = [Slot(network="X", line=1, xpath=x, rule=None, list=None) for x in paths]
    assert [s.xpath for s in outermost_ads(ads)] == [
        "/html/body/div[1]", "/html/body/div[10]/ins", "", "/html/body/div[2]"]
