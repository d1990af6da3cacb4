"""Many hidden frames of many script hosts, each address long and full of ID-shaped words,
beside many vendor IDs and many head stylesheets: the IDs, the script hosts and the head's
sheet sites are read once a page, not once a frame."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    sheets = "".join(f'<link rel="stylesheet" href="https://s{i}.static{i % 7}.test/a.css">'
                     for i in range(n))
    words = "&".join(f"k{j}=abcdefgh{j:04d}" for j in range(200))
    frames = "".join(
        f'<script src="https://d{i}.cdn.test/js/reach.js"></script>'
        f"<script>__reach_config = {{pid: '{i:024x}'}};</script>"
        f'<iframe src="https://d{i}.cdn.test/iframe.html?{words}" width="1" height="1" '
        'style="display:none"></iframe>' for i in range(n))
    return (f"<html><head><meta charset='utf-8'>{sheets}</head><body><p>x</p>{frames}"
            "</body></html>")


def test_vendor_helper_frames_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 200,
                  "hidden frames of script hosts beside vendor IDs and head sheets")
