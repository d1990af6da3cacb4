"""Smart AdServer's `sas.call({formatId})` reader on a script of many calls whose config
never closes before the next call (a bundle's or a broken template's): each call's match
reads a bounded stretch, so the page's audit grows linearly (at n and 4n a linear cost
grows about 4 times, a quadratic one 16). Unbounded, 1,200 such calls took 1.1 s."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    call = 'sas.call("std", {siteId: 312564, pageId: 1098237, target: "' + "x" * 40 + '"; '
    return ("<html><head><script src='//ced.sascdn.com/tag/1234/smart.js'></script>"
            f"</head><body><p>A note.</p><script>{call * n}</script></body></html>")


def test_unclosed_smart_calls_are_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_page(n), ""), 1500, "unclosed sas.call configs",
                  max_seconds=3.0, floor=0.01)
