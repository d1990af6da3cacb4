"""Scripts that set `this.location` inside many nested functions and blocks, assign
objects to the window many times without a location, and destructure the window many
times: each script's blocks are paired once (`redirects._Braces`), each `this.location`
is judged on a bounded walk out of them, and the object and destructuring reads are
bounded, so a page of them is read in time linear in its size."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    nested = ("(function(){ if (a) { " * 30 + "this.location = 'https://x.example/';"
              + " } })();" * 30)
    assigns = "Object.assign(window, {" + "a: 1, " * 40 + "b: 2});"
    destructured = "var {location: l, top: t} = window; l.go(1);"
    code = (nested + assigns + destructured + "x(" + "a" * 300 + ") {};") * n
    return (f"<html><head><meta charset='utf-8'><script>{code}</script></head>"
            "<body><p>x</p></body></html>")


def test_this_location_in_nested_functions_is_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 60,
                  "this.location in nested functions, window assigns, destructuring")

