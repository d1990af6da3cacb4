"""Whose an ad slot's frame's IDs are (`auditor.creatives`), on hostile pages written here:
many ad slots each holding a frame whose document writes a pixel, and many frames deep
inside one slot; the read grows linearly with the page."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = "<html><head><title>t</title></head><body><p>A short note on the weather.</p>"


def _creative(i: int) -> str:
    doc = f"<script>fbq('init', '{10**14 + i}');var google_conversion_id = {10**8 + i};</script>"
    return f"<iframe width='300' height='250' srcdoc=\"{html.escape(doc)}\"></iframe>"


def _many_slots(n: int) -> str:
    unit = ("<ins class='adsbygoogle' data-ad-client='ca-pub-1234567890123456' "
            "data-ad-slot='1234567890'>{}</ins>")
    count = n // 200
    return _HEAD + "".join(unit.format(_creative(i)) for i in range(count)) + "</body></html>"


def _deep_in_one_slot(n: int) -> str:
    count = n // 200
    return (_HEAD + "<ins class='adsbygoogle' data-ad-client='ca-pub-1234567890123456' "
            "data-ad-slot='1234567890'>" + "<div>" * 200
            + "".join(_creative(i) for i in range(count)) + "</div>" * 200
            + "</ins></body></html>")


@pytest.mark.parametrize(("page", "what"), [
    (_many_slots, "ad slots each holding a creative's frame"),
    (_deep_in_one_slot, "creatives' frames deep in one ad slot"),
])
def test_ad_slot_frames_are_read_in_linear_time(page: Callable[[int], str], what: str) -> None:
    assert_linear(lambda n: audit_seconds(page(n)), 40_000, what, runs=2, floor=0.05)
