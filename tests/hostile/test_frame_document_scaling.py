"""The markup a `javascript:` frame's code writes (`javascript_document`), on hostile pages
written here: the read grows linearly with the page."""

from __future__ import annotations

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = "<html><head><title>t</title></head><body><p>A short note on the weather.</p>"


def _frame(unit: str, n: int) -> str:
    # one frame whose javascript: code holds `unit` over and over, about `n` characters
    body = unit * (n // len(unit))
    return _HEAD + "<iframe src='javascript:" + body + "'></iframe></body></html>"


@pytest.mark.parametrize(("unit", "what"), [
    # write calls whose string never closes before the next one opens
    ('document.write("<b>\\"', "unclosed written strings"),
    # written strings each followed by no closing parenthesis
    ('document.write("<i>x") + ', "written strings without their call's end"),
    # escapes run together in one written string
    ('document.write("\\x3c\\u003c\\"\\/', "escapes in a written string"),
])
def test_a_javascript_frames_document_is_read_in_linear_time(unit: str, what: str) -> None:
    assert_linear(lambda n: audit_seconds(_frame(unit, n)), 40_000, what, runs=2, floor=0.05)
