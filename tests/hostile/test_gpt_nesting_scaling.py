"""Slots nested thousands deep in a hostile page: GPT's rendered containers
(`google_ads_iframe_…__container__`) each asked whether a slot of another network holds
them and what every frame below them is, and zoned wrappers each handing their zone to
the units below them, climbed or descended the whole nesting per slot (0.9 s at 2,000
levels; 1.6 s for 1,000 framed containers; 16x at 4x). Read at n and 4n."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from auditor.catalogue import default_catalogue
from auditor.dom.page import parse_page
from auditor.slots import boxes, declared_slots
from tests.hostile.scaling import assert_linear

# the parser stops reading at 2,048 open elements: 4n stays under it
_DEPTH = 500
_PRESENT = {"Google Publisher Tag", "Raptive (AdThrive)", "Outbrain"}
_HEAD = "<html><head><title>t</title></head><body><p>A short note on the weather.</p>"


def _containers(n: int) -> str:
    return (_HEAD + "".join(f'<div id="google_ads_iframe_/123/s/u{i}_0__container__">'
                            for i in range(n)) + "x" + "</div>" * n + "</body></html>")


def _in_a_stack(n: int) -> str:
    # a managed stack's element round them all: each container is the stack's, dropped
    return _HEAD + '<div class="adthrive-ad">' + _containers(n)[len(_HEAD):] + "</div>"


def _framed_containers(n: int) -> str:
    # each container round a blank frame: each was asked of every frame below it
    return (_HEAD + "".join(f'<div id="google_ads_iframe_/123/s/u{i}_0__container__">'
                            '<iframe src="about:blank"></iframe>' for i in range(n))
            + "</div>" * n + "</body></html>")


def _zoned_wrappers(n: int) -> str:
    # Outbrain's zoned tag round its rendered box, nested: the box takes the nearest zone
    return (_HEAD + "".join(f'<div class="OUTBRAIN" data-widget-id="AR_{i}">' for i in range(n))
            + '<div class="ob-widget">x</div>' + "</div>" * n + "</body></html>")


@pytest.mark.parametrize("page", [_containers, _in_a_stack, _framed_containers, _zoned_wrappers])
def test_nested_slots_are_read_in_linear_time(page: Callable[[int], str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = default_catalogue()
    took: list[float] = []
    for name in ("_yield_rendered_to_stacks", "_name_by_frame", "_zone_from_wrappers"):
        monkeypatch.setattr(boxes, name, _timed(getattr(boxes, name), took))

    def seconds(n: int) -> float:
        took.clear()
        declared_slots(parse_page(page(n)), catalogue, _PRESENT)
        return sum(took)  # the readings of the nesting alone: the rest is noise here

    # the climbs this guards against took 0.7 s at 2,000 levels, 16x their time at 500
    assert_linear(seconds, _DEPTH, page.__name__, floor=0.01)


def _timed(read: Callable[..., None], took: list[float]) -> Callable[..., None]:
    def timed(*args: object) -> None:
        start = time.perf_counter()
        read(*args)
        took.append(time.perf_counter() - start)
    return timed


def test_what_the_nesting_reads_is_unchanged() -> None:
    """The answers the linear reads must keep: the stack's slot, not its containers; the
    innermost container alone; the box with its nearest wrapper's zone."""
    catalogue, present = default_catalogue(), _PRESENT
    stacked = declared_slots(parse_page(_in_a_stack(30)), catalogue, present)
    assert [s.network.name for s in stacked if s.network] == ["Raptive (AdThrive)"]
    nested = declared_slots(parse_page(_containers(30)), catalogue, present)
    assert [s.element.get("id") for s in nested] == ["google_ads_iframe_/123/s/u29_0__container__"]
    boxed = declared_slots(parse_page(_zoned_wrappers(30)), catalogue, present)
    assert [(s.element.get("class"), s.zone_id) for s in boxed] == [("ob-widget", "AR_29")]
