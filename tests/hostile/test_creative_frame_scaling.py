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


def _saved_parts_seconds(n: int) -> float:
    """One audit of a saved copy holding many frame parts (half in ad slots), each a
    document its parent wrote with a script naming IDs, timed."""
    import time

    from auditor.catalogue import default_catalogue
    from auditor.pipeline import audit_document
    from auditor.readers import Document
    from auditor.readers.parts import frame_element
    from auditor.rules import Engine

    count = n // 200
    frames = "".join(
        (f"<ins class='adsbygoogle' data-ad-client='ca-pub-1234567890123456' "
         f"data-ad-slot='1234567890'><iframe src='cid:f{i}'></iframe></ins>" if i % 2 else
         f"<div><iframe src='cid:f{i}'></iframe></div>") for i in range(count))
    loader = "<script src='https://connect.facebook.net/en_US/fbevents.js'></script>"
    parts = "\n".join(frame_element("about:blank", f"{loader}<script>fbq('init', "
                                    f"'{10**14 + i}');</script>", cid=f"f{i}")
                       for i in range(count))
    doc = Document(input="t.mhtml", kind="mhtml", text=_HEAD + frames + "</body></html>",
                   url="https://site.example/", markup=True, saved_parts=parts)
    engine, catalogue = Engine.load(system_lists=False), default_catalogue()
    start = time.perf_counter()
    audit_document(doc, engine, catalogue)
    return time.perf_counter() - start


def test_saved_frame_parts_are_read_in_linear_time() -> None:
    assert_linear(_saved_parts_seconds, 40_000, "saved frame parts", runs=2, floor=0.05)
