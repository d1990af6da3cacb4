"""Reading the boxes that hold an ad's script tag alone is one read of each box's children
and one list decision per box: thousands of boxes each holding an ad script, one box
holding thousands of them, and thousands of boxes nested each holding an ad script and the
next box are each read at n and 4n, and a linear cost grows about 4 times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

_RULES = "||feedads.test^$third-party\n"
_TAG = '<script src="http://cache.feedads.test/{i}/feed.js"></script>'


def boxes_in_a_row(n: int) -> str:
    return "".join("<div>" + _TAG.format(i=i) + "</div>" for i in range(n))


def one_box(n: int) -> str:
    return "<div>" + "".join(_TAG.format(i=i) for i in range(n)) + "</div>"


def boxes_nested(n: int) -> str:
    return "".join("<div>" + _TAG.format(i=i) for i in range(n)) + "</div>" * n


@pytest.mark.parametrize("shape", [boxes_in_a_row, one_box, boxes_nested])
def test_ad_script_boxes_are_read_in_linear_time(shape: Callable[[int], str]) -> None:
    assert_linear(lambda n: audit_seconds(
        f"<html><body><p>Story.</p>{shape(n)}</body></html>", _RULES), 300,
        f"ad script boxes: {shape.__name__}", runs=2, floor=0.02)


# fix42c: the boxes that keep an ad network's tag commented out before the script that
# replaced it: each box read once, each comment once and only so deep
_OLD = '<!-- <script src="https://cpro.baidustatic.com/cpro/ui/c.js?u={i}"></script> -->'
_NEW = '<script src="//adx.site.example/r/{i}.js"></script>'


def replaced_in_a_row(n: int) -> str:
    return "".join("<div>" + _OLD.format(i=i) + _NEW.format(i=i) + "</div>" for i in range(n))


def replaced_in_one_box(n: int) -> str:
    return "<div>" + "".join(_OLD.format(i=i) + _NEW.format(i=i) for i in range(n)) + "</div>"


def long_comments_in_one_box(n: int) -> str:
    # comments of many ad URLs past the read depth, none an ad network's at its start
    old = "<!-- <script>" + "x" * 5000 + ' "https://cpro.baidustatic.com/c.js"</script> -->'
    return "<div>" + "".join(old + _NEW.format(i=i) for i in range(n)) + "</div>"


@pytest.mark.parametrize("shape", [replaced_in_a_row, replaced_in_one_box,
                                   long_comments_in_one_box])
def test_replaced_ad_boxes_are_read_in_linear_time(shape: Callable[[int], str]) -> None:
    assert_linear(lambda n: audit_seconds(
        f"<html><body><p>Story.</p>{shape(n)}</body></html>", _RULES), 300,
        f"replaced ad boxes: {shape.__name__}", runs=2, floor=0.02)
