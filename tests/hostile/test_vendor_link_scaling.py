"""Folds of one placement's parts into its slot, on hostile pages: a vendor's own link beside
its unit (A-ADS's "Advertise here"), each hidden link asked once; a tag's twin script
(ExoClick's NeverBlock addZone after its banner tag), each stepping back over its own run of
scripts. The audit grows linearly with the page."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit_document
from auditor.readers import Document
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear, audit_seconds


def _units_in_one_wrapper(n: int) -> str:
    # every unit and every link a child of one div: each link's parent holds n units
    return ("<html><head><title>t</title></head><body><p>A note.</p><div id='frame'>" + "".join(
        f"<iframe data-aa='{2_000_000 + i}' src='//ad.a-ads.com/{2_000_000 + i}?size=728x90'>"
        f"</iframe><a href='https://aads.com/campaigns/new/?source_id={2_000_000 + i}'>Ad</a>"
        for i in range(n)) + "</div></body></html>")


def _links_after_comments(n: int) -> str:
    # each unit's link after a run of comments: each link steps back over its own run only
    return ("<html><head><title>t</title></head><body><p>A note.</p>" + "".join(
        f"<div><iframe data-aa='{2_000_000 + i}' src='//ad.a-ads.com/{2_000_000 + i}'></iframe>"
        "</div>" + "<!-- c -->" * 20
        + f"<a href='https://aads.com/campaigns/new/?source_id={2_000_000 + i}'>Ad</a>"
        for i in range(n)) + "</body></html>")


@pytest.mark.parametrize(("shape", "what"), [
    (_units_in_one_wrapper, "A-ADS units and their links in one wrapper"),
    (_links_after_comments, "A-ADS links after runs of comments"),
])
def test_vendor_links_beside_units_are_read_in_linear_time(
        engine: Engine, catalogue: Catalogue, shape: Callable[[int], str], what: str) -> None:
    def seconds(n: int) -> float:
        doc = Document(input="t.html", kind="html", text=shape(n),
                       url="https://site.example/", markup=True)
        start = time.perf_counter()
        audit_document(doc, engine, catalogue)
        return time.perf_counter() - start

    assert_linear(seconds, 200, what, floor=0.05)


def _twin_scripts(n: int) -> str:
    # banner tags each followed by a run of plain scripts, then its NeverBlock twin: each
    # twin steps back over its own run only
    return ("<html><head><title>t</title></head><body><p>A note.</p>" + "".join(
        f"<script>var ad_idzone = \"{2_000_000 + i}\", ad_width = \"300\", ad_height = \"250\";"
        "</script>" + "<script>var x = 1;</script>" * 20
        + f"<script>ExoLoader.addZone({{\"type\": \"banner\", \"width\":\"300\", "
        f"\"height\":\"250\", \"idzone\":\"{2_000_000 + i}\"}});</script>"
        for i in range(n)) + "</body></html>")


def test_a_tags_twin_scripts_are_folded_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_twin_scripts(n)), 100,
                  "ExoClick banner tags and their NeverBlock twins", floor=0.05)


def _link_address_of_link_paths(n: int) -> str:
    # one address holding A-ADS's link path over and over, its `source_id=` only after a
    # `#` no start's run of parameters may cross: each start must stop within its window
    unit = "aads.com/campaigns/new?&"
    return ("<html><head><title>t</title></head><body><p>A note.</p>"
            "<iframe data-aa='2165012' src='//ad.a-ads.com/2165012?size=728x90'></iframe>"
            "<img src='https://" + unit * (n // len(unit)) + "#source_id=2165012' width='1'"
            " height='1'></body></html>")


def test_a_link_address_of_link_paths_is_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_link_address_of_link_paths(n)), 40_000,
                  "A-ADS link paths run together in one address", floor=0.05)
