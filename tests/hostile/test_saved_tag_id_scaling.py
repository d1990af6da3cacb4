"""The ID readers of tags a browser's saved DOM holds (amzn_ads.js's asyncParams, the URL
forms of Index Exchange's, Amazon's, Media.net's and Comscore's calls) on hostile pages:
objects of asyncParams packed without an `id`, one unclosed, and query strings long with
the parameters' look-alikes. Each is read at n and 4n: a linear cost grows about 4 times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

_LOADER = '<script src="https://c.amazon-adsystem.com/aax2/amzn_ads.js"></script>'


def packed(n: int) -> str:  # a brace before every few keys, never an `id`
    return "<script>" + "amznads.asyncParams = {'ids': '1', 'xid': '2'," * n + "</script>"


def unclosed(n: int) -> str:  # one object opened and never closed
    return "<script>amznads.asyncParams = {" + "'timeout': 2e3, " * n + "</script>"


def queries(n: int) -> str:  # tag URLs whose queries hold every parameter's look-alike
    junk = "&amp;gs=1&amp;xsrc=2&amp;ccid=3&amp;r=%22siteIDs%22%3A" * 4
    return "".join(
        f'<script async src="https://as-sec.casalemedia.com/headertag/?v={i}{junk}"></script>'
        f'<script async src="https://aax.amazon-adsystem.com/e/dtb/bid?v={i}{junk}"></script>'
        f'<script src="https://contextual.media.net/bidexchange.js?v={i}{junk}"></script>'
        for i in range(n // 10))


@pytest.mark.parametrize("build", [packed, unclosed, queries])
def test_saved_tag_ids_are_read_in_linear_time(build: Callable[[int], str]) -> None:
    def seconds(n: int) -> float:
        return audit_seconds(f"<html><body>{_LOADER}{build(n)}</body></html>")

    assert_linear(seconds, 4_000, build.__name__, runs=2, floor=0.05)
