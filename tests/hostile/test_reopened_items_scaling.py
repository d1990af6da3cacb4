"""List items libxml2 nests in an unclosed box of the item before (`parser.
close_reopened_items`) on hostile pages written here: the repair grows linearly with the
page (at n and 4n a linear cost grows about 4 times, a quadratic one 16)."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = "<html><head><title>t</title></head><body><p>A short note on the weather.</p>"


def _chained_items(n: int) -> str:
    # each item's box left open: libxml2 nests all n items one in the next, n deep
    return _HEAD + "<ul>" + "<li><div class='adunit' id='b'>x</li>" * n \
        + "</ul></body></html>"


def _deep_boxes(n: int) -> str:
    # items under many unclosed boxes each: each reads a few of its ancestors, no more
    return _HEAD + "<ul><li>" + ("<div><div><div><div><div><div><div><div><div><div>"
                                 "<li>x</li>") * (n // 10) + "</ul></body></html>"


def test_reopened_items_are_moved_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_chained_items(n), "##.adunit"), 400,
                  "items nested in unclosed boxes")
    assert_linear(lambda n: audit_seconds(_deep_boxes(n), "##.adunit"), 1600,
                  "items under many unclosed boxes")
