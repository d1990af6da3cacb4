"""What the page's code clicks and whom it sends away costs a pass per click, whatever the
number of links: a page of 20,000 links and 2,000 `.click()` calls took over ten minutes
(each click looked up every link's names), and a script of many functions that navigate
from listeners is read once a function. Each is read at n and 4n: a linear cost grows
about 4 times, a quadratic one 16; the bound is generous for a shared machine."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds


def links_and_clicks(n: int) -> str:
    links = "".join(f'<p><a id="l{i}" href="/p{i}">link {i}</a> text</p>' for i in range(n))
    clicks = "".join(f"document.getElementById('x{i}').click();" for i in range(n // 10))
    return f"<body>{links}<script>{clicks}</script></body>"


def listeners(n: int) -> str:
    functions = "".join(f"function f{i}(){{ if (a{i}) {{ location.href='https://x{i}.test/' }} }}"
                        for i in range(50))
    calls = "".join(f"document.getElementById('b{i}').addEventListener('click', "
                    f"function () {{ f{i % 50}(); f{(i + 1) % 50}(); }});" for i in range(n // 10))
    return f"<body><p>x</p><script>{functions}{calls}</script></body>"


def aliased_listeners(n: int) -> str:
    """Listeners on elements held in variables, each set many times over (`_page_wide`
    reads back what a receiver's name was set to: once a script, not once a listener)."""
    sets = "".join(f"var e{i % 50}=document.getElementById('b{i}');" for i in range(n // 2))
    calls = "".join(f"e{i % 50}.addEventListener('click', function () {{ if (v) "
                    f"{{ location.href='https://x{i}.test/' }} }});" for i in range(50))
    return f"<body><p>x</p><script>{sets}{calls}</script></body>"


@pytest.mark.parametrize("shape", [links_and_clicks, listeners, aliased_listeners])
def test_clicks_and_listeners_are_read_in_linear_time(shape: Callable[[int], str]) -> None:
    assert_linear(lambda n: audit_seconds(shape(n)), 2000, shape.__name__, runs=3, floor=0.05)
