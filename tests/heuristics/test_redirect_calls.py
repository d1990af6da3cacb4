"""`redirects._redirect_calls`, two patterns each led by its word and merged, finds what
the one alternation it replaced found (`re` tried that at every `l` and `w` of a script)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.heuristics import redirects

_URL = redirects._URL
# the alternation `_js_redirects` searched with before, kept as the specification
_ONE_PATTERN = re.compile(
    r"location(?<!\wlocation)(?:\s*\.\s*href)?\s*=\s*" + _URL + r"\1"
    r"|location(?<!\wlocation)\s*\.\s*(?:replace|assign)\s*\(\s*" + _URL + r"\3"
    r"|window(?<!\wwindow)\s*\.\s*navigate\s*\(\s*" + _URL.replace("\\1", "\\5") + r"\5")


def _spec(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), next(g for g in m.group(2, 4, 6) if g)) for m in _ONE_PATTERN.finditer(text)]


def _read(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(2) or m.group(4)) for m in redirects._redirect_calls(text)]


@pytest.mark.parametrize(("text", "found"), [
    ("location.href = 'https://a.example/x'", 1),
    ("window.location='//a.example/x';top.location.replace(\"https://b.example/y\")", 2),
    ("window.navigate(`//c.example/z`); location.assign('//d.example/w')", 2),
    ("xlocation = '//no.example/'; mywindow.navigate('//no.example/')", 0),
    ("window.navigate('//a.example/location='); location = '//b.example/'", 2),
    ("location\t.\nhref\u3000=\u00a0'//e.example/é'", 1),
    ("window.navigate('//a.example/x\"); location.replace(\"//b.example/y')", 0),
])
def test_the_merged_patterns_read_as_the_alternation(text: str, found: int) -> None:
    assert _read(text) == _spec(text)
    assert len(_spec(text)) == found


_PIECES = ["location", "window", ".", "href", "replace", "assign", "navigate", "(", ")", "=",
           "==", " ", "\t", "\u3000", "x", "'", '"', "`", "//", "https:", "a.example/",
           "location=", "é", ";"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_merged_patterns_read_as_the_alternation_on_any_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _read(text) == _spec(text)
