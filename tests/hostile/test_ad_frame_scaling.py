"""Reading an ad server's banner frames as placements is one pass over the elements whose
requests show ads, and each frame is one more cosmetic hit; an empty vendor widget before
an element holding the vendor's unit reads that element's first elements once, for the
unit and for a unit's worth of text. Thousands of banner frames in a row, thousands nested
in one another, and thousands of widget placeholders each before a text block holding the
vendor's unit, or each before the section holding the next level (thousands deep, the
vendor's unit at the bottom or at the top of each level): each is read at n and 4n, and a
linear cost grows about 4 times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

_FRAME = ('<iframe src="https://ad.jp.ap.valuecommerce.com/servlet/htmlbanner?sid=3000001&amp;'
          'pid={i}" width="300" height="250"></iframe>')


def frames_in_a_row(n: int) -> str:
    return "".join("<div>" + _FRAME.format(i=i) + "</div>" for i in range(n))


def frames_nested(n: int) -> str:
    return "<div>" * n + "".join(_FRAME.format(i=i) for i in range(n)) + "</div>" * n


def widgets_before_text(n: int) -> str:
    return "".join('<div data-widget="plista_widget_top"></div><section><p>'
                   + "Text of the article. " * 8
                   + '</p><div data-display="plista_widget_outstream"></div></section>'
                   for _ in range(n))


def widgets_before_nested_sections(n: int) -> str:
    return ('<div data-widget="plista_widget_top"></div><section>' * n
            + '<div data-display="plista_widget_outstream"></div>' + "</section>" * n)


def widgets_before_nested_units(n: int) -> str:
    return ('<div data-widget="plista_widget_top"></div><section>'
            '<div data-display="plista_widget_outstream"><img src="/a.png"></div>' * n
            + "</section>" * n)


@pytest.mark.parametrize(("build", "n"), [(frames_in_a_row, 500), (frames_nested, 300),
                                          (widgets_before_text, 500),
                                          (widgets_before_nested_sections, 300),
                                          (widgets_before_nested_units, 300)])
def test_ad_frames_and_widget_placeholders_are_read_in_linear_time(
        build: Callable[[int], str], n: int) -> None:
    def seconds(size: int) -> float:
        return audit_seconds(f"<html><body><p>Text.</p>{build(size)}</body></html>")

    assert_linear(seconds, n, build.__name__)
