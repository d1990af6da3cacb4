"""Open AdStream's JX and SX tags for one position pasted side by side are that position's
one placement (the two forms of its tag); the same tag pasted twice, and two positions,
stay a placement each, and so do two sitepages' tags for one position."""

from __future__ import annotations

import pytest

from auditor.catalogue import default_catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_ADS = "http://oascentral.harbour.example/RealMedia/ads"


def _tag(form: str, position: str, sitepage: str = "harbour.example/news",
         rand: str = "/1234567") -> str:
    return (f"<script src='{_ADS}/adstream_{form}.ads/{sitepage}{rand}@{position}'>"
            "</script>")


@pytest.mark.parametrize(("tags", "zones"), [
    (_tag("jx", "Top") + _tag("sx", "Top"), ["Top"]),
    (_tag("jx", "Top") + "<!-- OAS SX -->" + _tag("sx", "Top"), ["Top"]),
    (_tag("jx", "Top") + _tag("jx", "Top"), ["Top", "Top"]),  # pasted twice: two writes
    (_tag("jx", "Top") + _tag("sx", "Right"), ["Top", "Right"]),
    (_tag("jx", "Top") + "<p>The ferry timetable.</p>" + _tag("sx", "Top"), ["Top", "Top"]),
    # OAS places an ad by sitepage and position: two sitepages' Top are two placements
    (_tag("jx", "Top") + _tag("sx", "Top", "harbour.example/sport"), ["Top", "Top"]),
    # one tag's two forms, each with its own random number, or none
    (_tag("jx", "Top", rand="/8675309") + _tag("sx", "Top", rand="/"), ["Top"]),
    # (a random number written as Math.random() gives it, `0.8675309`, is no sitepage's)
    (_tag("jx", "Top", rand="/0.8675309") + _tag("sx", "Top", rand="/0.1234567"), ["Top"]),
])
def test_a_positions_two_tag_forms_side_by_side_are_one_placement(
        tags: str, zones: list[str]) -> None:
    html = ("<!DOCTYPE html><html><head><title>Ferry</title></head><body><article>"
            "<h1>Ferry vote</h1><p>The harbour council voted on the winter timetable.</p>"
            f"</article><div class='banner'>{tags}</div></body></html>")
    (page,) = audit(html.encode(), url="https://harbour.example/a",
                    engine=Engine.from_text("##.ad-banner\n", name="t"),
                    catalogue=default_catalogue()).pages
    assert [s.zone_id for s in page.slots] == zones
