"""Reading a publisher's labelled banners climbs each creative a few levels and reads one
element each side: thousands of labelled boxes in a column, thousands of banners between
runs of line breaks under one label, creatives nested in single-child boxes 2,000 deep
(near the parser's depth limit), and labels each holding a long text, are each read at n
and 4n, and a linear cost grows about 4 times. A 5 MB page of labelled boxes (20,000
placements): the reader takes 0.6 s of it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds


def labelled_column(n: int, pad: int = 0) -> str:
    return "<div>" + "".join(
        f'<div class="ADinfo">REKLAMA</div><a href="/baner/{i}?{"q" * pad}"><div></div>'
        f'<iframe src="/b/{i}.html" width="300" height="250"></iframe></a>'
        for i in range(n)) + "</div>"


def banners_between_breaks(n: int) -> str:
    return "<div><p>Advertisement</p>" + "".join(
        f'<a href="https://s{i}.example/"><img src="/i/{i}.png"></a>' + "<br>" * 20
        for i in range(n)) + "</div>"


def nested_creatives(n: int) -> str:
    return "<div><span>Anzeige</span>" + "<div>" * n + '<img src="/i.png">' * n \
        + "</div>" * n + "</div>"


def long_labels(n: int) -> str:
    return "".join(f'<div><p>Advertisement {"x" * 200}</p><a href="https://s{i}.example/">'
                   f'<img src="/i/{i}.png"></a></div>' for i in range(n))


@pytest.mark.parametrize("shape", [labelled_column, banners_between_breaks, nested_creatives,
                                   long_labels])
def test_labelled_banners_are_read_in_linear_time(shape: Callable[[int], str]) -> None:
    assert_linear(lambda n: audit_seconds(shape(n)), 500, shape.__name__, runs=3, floor=0.05)


def test_a_5_mb_page_of_labelled_banners_is_read_in_seconds() -> None:
    """About 5 MB of labelled boxes, each a placement (under the page's element limit)."""
    html = labelled_column(20_000, pad=140)
    assert len(html) > 5_000_000
    assert audit_seconds(html) < 30
