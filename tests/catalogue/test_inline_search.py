"""The catalogue's inline signatures are sought with their opening `\\b` checked by hand
(`identify._search`): it must decide exactly as the regex itself."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.catalogue import default_catalogue
from auditor.identify import _after_boundary, _search

PATTERNS = [p for n in default_catalogue().networks for p in n.inline]
BOUNDED = [p for p in PATTERNS if p.pattern.startswith(r"\b")]


def test_every_boundary_pattern_takes_the_fast_path() -> None:
    assert BOUNDED and all(_after_boundary(p) is not None for p in BOUNDED)
    assert _after_boundary(re.compile(r"\b(?:a(?:b)|c)x")) is None  # nested: kept whole
    assert _after_boundary(re.compile(r"\b\.x")) is None  # opens with no word character


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(BOUNDED), st.lists(st.sampled_from(
    ["ym(", "12345", ", 'init'", "x", "_", "é", " ", ".", "CRLT", ".User(", "var uid = 7; ",
     "var wid =", "qp('init'", "a", "\n", "sas.call", "_sf_async_config", "uetq"]), max_size=12))
def test_the_fast_path_decides_as_the_regex(pattern: re.Pattern[str], parts: list[str]) -> None:
    text = "".join(parts)
    assert _search(pattern, text) == (pattern.search(text) is not None)
