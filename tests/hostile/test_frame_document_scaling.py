"""The markup a `javascript:` frame's code writes (`javascript_document`), on hostile pages
written here: the read grows linearly with the page."""

from __future__ import annotations

import html
from collections.abc import Callable

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


def _written_frame(markup: str) -> str:
    """A frame whose `javascript:` src writes `markup`, escaped for its attribute."""
    return f'<iframe src="{html.escape("javascript:" + repr(markup))}"></iframe>'


def _many_written_frames(n: int) -> str:
    # many frames, each writing the frame its unit's loader runs in
    return _HEAD + "".join(
        _written_frame(_written_frame(f'<script src="https://ads.example/u{i}.js"></script>'))
        for i in range(n // 150)) + "</body></html>"


def _one_frame_writing_many(n: int) -> str:
    # one frame whose written document holds many frames, each with a written document
    frames = _written_frame('<script src="https://ads.example/u.js"></script>') * (n // 120)
    return _HEAD + _written_frame(frames) + "</body></html>"


@pytest.mark.parametrize(("page", "n", "what"), [
    (_many_written_frames, 40_000, "frames each writing a frame"),
    # (one `javascript:` src much longer is read as no written document)
    (_one_frame_writing_many, 10_000, "a frame writing many frames"),
])
def test_frames_written_frames_are_read_in_linear_time(page: Callable[[int], str], n: int,
                                                        what: str) -> None:
    assert_linear(lambda size: audit_seconds(page(size)), n, what, runs=2, floor=0.05)
