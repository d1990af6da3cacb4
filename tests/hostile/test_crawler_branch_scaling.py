"""Template source full of user-agent branches: each `if`'s condition and branch is read
once, bounded, and a server-code mark once, so the links a branch prints only to crawlers
are sought in time linear in the input."""

from __future__ import annotations

import time
import types

from auditor.heuristics.hidden import crawler_only_links

from .scaling import assert_linear

_UA = "<?php $ua = $_SERVER['HTTP_USER_AGENT']; ?>\n"
_SHAPES = {
    "unclosed conditions": "if ( ",
    "crawler branches": "if (preg_match('/bot/i', $_SERVER['HTTP_USER_AGENT'])) $x = 1;\n",
    "unclosed crawler blocks": "if (stripos($ua, 'googlebot') !== false) {\n",
    "server-code marks": "<?php ?>",
}


def _seconds(shape: str, n: int) -> float:
    text = _UA + "<?php " + shape * (n // len(shape))
    ctx = types.SimpleNamespace(document=types.SimpleNamespace(text=text), root=None,
                                first_party="site.example", url="https://site.example/")
    start = time.perf_counter()
    list(crawler_only_links(ctx))  # type: ignore[arg-type]
    return time.perf_counter() - start


def test_user_agent_branches_are_read_in_linear_time() -> None:
    for name, shape in _SHAPES.items():
        assert_linear(lambda n, shape=shape: _seconds(shape, n), 256 * 1024, name)


def test_near_miss_links_in_a_crawler_branch_are_read_quickly() -> None:
    """A branch full of links no `>` closes (each address long, many `href=` in one tag):
    each tag is tried once per `href`, not once per way to split its address from the rest
    (3.7 s a megabyte so)."""
    near_misses = ("if (stripos($ua, 'googlebot') !== false) { echo '"
                   + ("<a href=//" + "x" * 490 + " ") * 90 + "<a " + "href=//x " * 55
                   + "'; }\n")
    assert_linear(lambda n: _seconds(near_misses, n), 256 * 1024, "near-miss links",
                  max_seconds=1.5)
