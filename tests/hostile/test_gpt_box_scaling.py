"""A GPT call filling a div inside a vendor's markup box (`div[data-gpt-size]`, jquery.dfp's
`div.dfp[data-adunit]`) is that box's unit: each call asks a few ancestors and a set of the
names the page's code quotes, read once a page. Thousands of boxes, each with an id the
code quotes and a div a call fills, and boxes nested thousands deep round one call's div,
are read at n and 4n: a linear cost grows about 4 times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds


def boxes(n: int) -> str:
    divs = "".join(f"<div class='dfp' id='box{i}' data-adunit='/1234/u{i}'><div id='d{i}'>"
                   "</div></div>" for i in range(n))
    calls = "".join(f"googletag.defineSlot('/1234/u{i}', [300, 250], 'd{i}');"
                    f"var b{i} = 'box{i}';" for i in range(n))
    return divs + f"<script>{calls}</script>"


def nested(n: int) -> str:
    return ("<div class='dfp' data-adunit='/1234/u'>" * n + "<div id='d'></div>"
            + "</div>" * n + "<script>googletag.defineSlot('/1234/u', [300, 250], 'd');</script>")


@pytest.mark.parametrize(("build", "n"), [(boxes, 500), (nested, 500)])
def test_gpt_boxes_are_read_in_linear_time(build: Callable[[int], str], n: int) -> None:
    def seconds(size: int) -> float:
        return audit_seconds("<html><head><script async src='https://securepubads.g."
                             f"doubleclick.net/tag/js/gpt.js'></script></head><body><p>Text."
                             f"</p>{build(size)}</body></html>")

    assert_linear(seconds, n, build.__name__)
