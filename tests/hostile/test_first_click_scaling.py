"""Many page-level click hooks in one script that fires once: each hook's handler block
is read within a bounded reach, so the read is linear in the script."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _hooks(n: int) -> str:
    hooks = "".join(
        f"document.addEventListener('click',function(){{if(a{i}){{window.open(u{i});}}"
        f"}},{{once:true}});" for i in range(n))
    return f"<html><body><p>x</p><script>{hooks}</script></body></html>"


def test_click_hooks_fired_once_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_hooks(n)), 400,
                  "page-level click hooks firing once, none opening an address")
