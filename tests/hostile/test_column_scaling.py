"""Hidden columns round units (`cosmetic_slots`' columns, their units and the wrapper a
unit inside names) on hostile pages written here: each read grows linearly with the page
(at n and 4n a linear cost grows about 4 times, a quadratic one 16)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = "<html><head><title>t</title></head><body><p>A short note on the weather.</p>"
_ZERG = "<div id='zergnet-widget-26344'></div>"
_RULES = ("##.ad-column\n##.dfp-ad\n##.topBannerAd\n##div[id^=\"div-gpt-\"]\n"
          "##.ad_choice\n")


def _seconds(html: str) -> float:
    """One audit of a page with the hiding rules above alone, timed."""
    return audit_seconds(html, _RULES)


def _nested_columns(n: int) -> str:
    # columns inside columns, a hidden label at each depth, a ZergNet widget at the core:
    # each label is read once for text and its nearest column found in one step
    return _HEAD + "<div class='ad-column'><div class='dfp-ad'>Advertisement</div>" * n \
        + _ZERG + "</div>" * n + "</body></html>"


def _wide_column(n: int) -> str:
    # one column round a known unit and many placeholders and labels beside it
    return _HEAD + "<aside class='ad-column'>" + _ZERG + "".join(
        "<div class='dfp-ad'></div><div class='dfp-ad'>Advertisement</div>"
        for _ in range(n)) + "</aside></body></html>"


def _nested_wrappers(n: int) -> str:
    # hidden wrappers inside wrappers, a GPT div at the core names each of them
    return _HEAD + "<div class='topBannerAd'>" * n + "<div id='div-gpt-top'></div>" \
        + "</div>" * n + "</body></html>"


def _nested_notices(n: int) -> str:
    # hidden AdChoices-classed boxes inside one another, a long text at the core: each is
    # read a few elements deep for a link about advertising, not to its end
    return _HEAD + "<span class='ad_choice'>" * n + "<a href='/p'>" + "Ad Choices " * n \
        + "</a>" + "</span>" * n + "</body></html>"


def _deep_units(n: int) -> str:
    # plain boxes inside one another, a hidden unit at each depth: each unit's nearest
    # known slot, holder and hidden box above are found without climbing to the root each
    return _HEAD + "<div><div class='dfp-ad'></div>" * n + "</div>" * n + "</body></html>"


def test_hidden_units_deep_in_plain_boxes_scale_linearly(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Timed: `cosmetic_slots` alone (the ad-load reading of such a page is its own cost)."""
    from auditor import pipeline

    spent: list[float] = []
    inner = pipeline.cosmetic_slots

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    monkeypatch.setattr(pipeline, "cosmetic_slots", timed)

    def seconds(n: int) -> float:
        spent.clear()
        _seconds(_deep_units(n))
        return sum(spent)

    assert_linear(seconds, 250, "hidden units deep in boxes", runs=2, floor=0.005)


def test_hidden_columns_and_wrappers_scale_linearly() -> None:
    for shape, n in ((_nested_columns, 150), (_wide_column, 400), (_nested_wrappers, 150),
                     (_nested_notices, 150)):
        assert_linear(lambda n, shape=shape: _seconds(shape(n)), n, shape.__name__,
                      runs=2, floor=0.05)
