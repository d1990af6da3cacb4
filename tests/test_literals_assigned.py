"""One pass reads a page's `name = "…"` assignments for every reader of them (a slot
call's variable, a name a call takes, an ID handed over by a variable), and reads each
literal whole: the text between two literals is no literal of a name inside the first."""

from __future__ import annotations

import pytest

from auditor.dom.page import parse_page
from auditor.identify import _literals_assigned
from auditor.slots.assigned import _paths_assigned, _paths_held


def _page(script: str):  # type: ignore[no-untyped-def]
    return parse_page(f"<html><head><script>{script}</script></head><body></body></html>")


@pytest.mark.parametrize(("script", "expected"), [
    ("var CXID = '9222352878741167893';", {"CXID": {"9222352878741167893"}}),
    ("CXID = \"a\", other = 'b'\n", {"CXID": {"a"}, "other": {"b"}}),
    ("x.y = 'dotted'; z = w || 'defaulted'; e = 'no end' + q;", {}),
    # inside a URL's literal, `page=` is no assignment: `" + n + "` is no literal
    ('u.href = "?page=" + n + ",";', {}),
    ('u.href = "?page=" + n; p = "7";', {"p": {"7"}}),
])
def test_literals_a_name_is_assigned(script: str, expected: dict[str, set[str]]) -> None:
    assert _literals_assigned(_page(script)) == expected


def test_the_readers_share_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.slots.assigned as slots

    scans: list[str] = []
    pattern = slots._LITERAL_NAMED

    class Counting:
        def finditer(self, text: str):  # type: ignore[no-untyped-def]
            scans.append(text)
            return pattern.finditer(text)

    monkeypatch.setattr(slots, "_LITERAL_NAMED", Counting())
    page = _page('var unit = unit || "/3771966/Site/section"; gptLayer.zone = "/4328/hdm.mag/"'
                 ' + z; var CXID = "9222352878741167893";')
    assert _paths_assigned(page) == {"unit": {"/3771966/Site/section"}}
    assert _paths_held(page) == {"unit": ["/3771966/Site/section"],
                                 "gptLayer.zone": ["/4328/hdm.mag/"]}
    assert _literals_assigned(page) == {"CXID": {"9222352878741167893"}}
    assert len(scans) == 1  # the page's one script, read once for the three
