"""A passed window's parameter names are read form by form (`function f(…)`, `(…) =>`, an
arrow's one name before its `=>`), each sought by its literal and merged left to right:
the lists one regex of the three branches finds, left to right, none inside another's."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.heuristics.redirects import _parameter_lists

# the one regex the three forms were read by (its third branch read each word once)
_ONE_REGEX = re.compile(r"\bfunction\b\s*[\w$]*\s*\(([^()]{0,300})\)|\(([^()]{0,300})\)\s*=>"
                        r"|(?<![\w$])[^\W_A-Za-z]*+([A-Za-z_$][\w$]*+)\s*=>")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["function", "functions", " ", "(", ")", "=>", "a", "w", "$", "_", "0", "0x1f", "é", "\u0661",
     ",", "\n", "x =>", "go(", "=", ">", ".", "window", "{", "}"]), max_size=16))
def test_the_lists_are_the_one_regexs(parts: list[str]) -> None:
    text = "".join(parts)
    assert list(_parameter_lists(text)) == [
        group for m in _ONE_REGEX.finditer(text) for group in m.groups() if group]


def test_a_list_inside_another_is_not_read_again() -> None:
    assert list(_parameter_lists("f(function (a) => b); é1x => 0; 12 => 3")) == ["a", "x"]
