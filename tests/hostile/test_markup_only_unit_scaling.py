"""The markup-only units and IDs a script-stripped copy keeps (Ad Manager boxes by a slot
attribute or a JSON `data-ad-config`, Idealmedia's numbered box with its link, ZergNet's
numbered class, Pinterest's `tid=` in its image's query): each reads one attribute or URL
with bounded patterns. Thousands of such boxes, near misses (a config whose path never
closes, a query of `&` runs with no `tid=`), and boxes nested thousands deep round one
link, are read at n and 4n: a linear cost grows about 4 times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds


def boxes(n: int) -> str:
    return "".join(
        f"<div class='DFP__ad' data-slot='pos{i}'></div>"
        f"<div data-slot='/1234/site/u{i}'></div>"
        f"<div data-ad-config='{{\"network\":\"\\/1234\\/n{i}\",\"zone\":\"z{i}\"}}'></div>"
        f"<div id='unit_{1000 + i}'><a href='http://idealmedia.com/'>News</a></div>"
        f"<div class='x zergnet-widget-{1000 + i}'></div>" for i in range(n))


def near_misses(n: int) -> str:
    config = "{\"network\":\"\\/1234\\/" + "n/" * 40 + "\\"
    query = "&amp;a=1" * 60
    return "".join(
        f"<div data-ad-config='{config}'></div><div data-slot='/1234/{'a/' * 40}.js'></div>"
        f"<img width='1' height='1' src='https://ct.pinterest.com/v3/?event=init{query}'>"
        for _ in range(n))


def nested(n: int) -> str:
    return ("<div id='unit_1234'>" * n + "<a href='http://idealmedia.com/'>News</a>"
            + "</div>" * n)


@pytest.mark.parametrize(("build", "n"), [(boxes, 300), (near_misses, 300), (nested, 500)])
def test_markup_only_units_are_read_in_linear_time(build: Callable[[int], str],
                                                   n: int) -> None:
    def seconds(size: int) -> float:
        return audit_seconds(f"<html><head></head><body><p>Text.</p>{build(size)}"
                             "</body></html>")

    assert_linear(seconds, n, build.__name__)
