"""Reading a page's bids and ad units costs a pass over its scripts, whatever they hold: each shape
here once took seconds to minutes (one object holding thousands of bidder keys, a line
of unclosed quotes before them, 55,000 bids in a row). Each is read at n and 4n: a
linear cost grows about 4 times, a quadratic one 16; the bound is generous for a shared
machine."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from auditor import prebid
from auditor.dom.page import parse_page
from tests.hostile.scaling import assert_linear


def one_object(n: int) -> str:  # thousands of bidder keys in one object, each with a child
    return "var x = {" + "bidder:'rubicon',a:{b:1}," * n + "};"


def quotes(n: int) -> str:  # unclosed quotes on one line, then bids
    return "var bidder = 1; // " + "\\'" * n + "\nbids:[{bidder:'ix',params:{siteId:5}}];"


def many_bids(n: int) -> str:
    return "bids:[" + "{bidder:'criteo',params:{networkId:4242}}," * n + "];"


def switched_off(n: int) -> str:  # bids each switched off, a flag read of each own object
    return "bids:[" + "{bidder:'criteo',enabled :  ,disabled:,params:{networkId:4242}}," * n + "];"


def many_units(n: int) -> str:
    return "pbjs.addAdUnits([" + "{code:'ad',mediaTypes:{banner:{sizes:[[300,250]]}}}," * n + "]);"


def one_unit_of_codes(n: int) -> str:  # thousands of code keys in one object, each with a child
    return "var u = {bids:[]," + "code:'x',m:{c:1}," * n + "};"


@pytest.mark.parametrize("build", [one_object, quotes, many_bids, switched_off, many_units,
                                   one_unit_of_codes])
@pytest.mark.parametrize("n", [5_000])
def test_bids_cost_is_linear(build: Callable[[int], str], n: int) -> None:
    def seconds(size: int) -> float:
        page = parse_page(f"<html><head><script>{build(size)}</script></head></html>")
        start = time.perf_counter()
        prebid.bids(page)
        prebid.ad_units(page)
        return time.perf_counter() - start

    assert_linear(seconds, n, build.__name__)
