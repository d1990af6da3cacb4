"""Reading apstag.init's options out of an object literal of their own costs a pass over the
page's scripts, whatever they hold: objects packed with `pubID` keys and no `adServer`
(each one a start the pattern tries), one unclosed object of them, and thousands of
options objects in a row. Each is read at n and 4n: a linear cost grows about 4 times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

_LOADER = '<script src="https://c.amazon-adsystem.com/aax2/apstag.js"></script>'


def packed(n: int) -> str:  # a brace before every few pubID keys, never an adServer
    return "var o=" + "{pubID:'1',pubID:'2',pubID:'3'," * n + ";"


def unclosed(n: int) -> str:  # one object opened and never closed
    return "var o={" + "pubID:'4'," * n


def many(n: int) -> str:  # thousands of well-formed options objects
    return "var a=[" + "{pubID:'3295',adServer:'googletag'}," * n + "];"


@pytest.mark.parametrize("build", [packed, unclosed, many])
def test_aps_options_are_read_in_linear_time(build: Callable[[int], str]) -> None:
    def seconds(n: int) -> float:
        return audit_seconds(f"<html><body>{_LOADER}<script>{build(n)}</script></body></html>")

    assert_linear(seconds, 5_000, build.__name__)
