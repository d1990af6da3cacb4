"""Many vendors' slot containers nested deep, each round the next and none holding a frame
of its own near it: the frame a vendor's slot holds is sought a bounded reach into it
(`slots._unknown_frames`), so a page of them is read in time linear in its size."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    data = '{"s":{"htmlAdWH":{"mn":"11112222"}}}'.replace('"', "&quot;")
    nested = f'<div data-aol-adcall="{data}">' * n + "<p>x</p>" + "</div>" * n
    frames = '<iframe id="_mN_dy_123456789" src="https://kit.example/f.html"></iframe>' * n
    return (f"<html><head><meta charset='utf-8'></head><body>{nested}{frames}</body></html>")


def test_nested_vendor_containers_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 500,
                  "nested AOL adcall divs and Media.net frames of an unknown host")
