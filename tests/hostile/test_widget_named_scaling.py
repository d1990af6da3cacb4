"""A hidden box is read for the widget it holds up to a bound of its elements: thousands
of hidden boxes side by side, each with a widget's list and links, and hidden boxes nested
hundreds deep (each box's descendants are all the rest), read at n and 4n."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

_RULES = "##.recs-box"
_LINKS = '<a href="https://www.outbrain.com/what-is/">Powered by</a>' * 3


def _side_by_side(n: int) -> str:
    boxes = "".join(f'<div class="recs-box"><ul id="outbrain-recs{i}"><li>x</li></ul>'
                    f"{_LINKS}</div>" for i in range(n))
    return f"<html><body><p>Text.</p>{boxes}</body></html>"


def _nested(n: int) -> str:
    boxes = "".join(f'<div class="recs-box"><a href="/s{i}">s</a>' for i in range(n))
    return f"<html><body><p>Text.</p>{boxes}" + "</div>" * n + "</body></html>"


def test_hidden_boxes_side_by_side_are_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_side_by_side(n), _RULES), 500, "widget boxes")


def test_nested_hidden_boxes_are_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_nested(n), _RULES), 300, "nested widget boxes")
