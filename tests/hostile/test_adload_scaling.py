"""The ad-load reading (`outermost_ads`, the in-text test's climbs, `outermost`) and the
page's paths on pages of nested ad markup written here: each grows linearly with the page
(at n and 4n a linear cost grows about 4 times, a quadratic one 16). Hidden labels nested
1,000 deep took 0.77 s: each unit's path was read step by step, each unit climbed the
whole chain for prose beside it, and libxml2's getpath climbed to the root per element."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from auditor.mfa.adload import outermost_ads
from auditor.model import Slot
from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = "<html><head><title>t</title></head><body><p>A note.</p>"
_RULES = "##.ad-label\n##.ad\n"


def _seconds(html: str) -> float:
    """One audit of a page with the hiding rules above alone, timed."""
    return audit_seconds(html, _RULES)


_SHAPES: dict[str, Callable[[int], str]] = {
    "hidden labels, each in a div of the one before": lambda n: (
        _HEAD + "<div><span class='ad-label'>Advertisement</span>" * n + "</div>" * n
        + "</body></html>"),
    "ad units, each beside the div of the next": lambda n: (
        _HEAD + "<div><div class='ad'></div>" * n + "</div>" * n + "</body></html>"),
}


def test_nested_ad_markup_is_read_in_linear_time() -> None:
    for what, shape in _SHAPES.items():
        assert_linear(lambda n, shape=shape: _seconds(shape(n)), 250, what,  # type: ignore[misc]
                      max_seconds=3.0, floor=0.01)


_STEPS = st.sampled_from(["div", "div-x", "div[1]", "div[10]", "ins", "p"])
_PATHS = st.lists(st.lists(_STEPS, max_size=5).map(lambda steps: "/".join(["", *steps])),
                  max_size=12)


@given(_PATHS)
def test_outermost_ads_are_those_under_no_other_slots_whole_path(paths: list[str]) -> None:
    paths = [p if p != "/" else "" for p in paths]
    ads = [Slot(network="X", line=1, xpath=p, rule=None, list=None) for p in paths]
    expected = [p for p in paths
                if not any(other and p.startswith(other + "/") for other in paths)]
    assert [s.xpath for s in outermost_ads(ads)] == expected
