"""Telling a module's imports from those in comments and strings reads a bounded stretch
before each, not the script before it: thousands of imports on one minified line, or
after a comment, cost a pass. Read at n and 4n: a linear cost grows about 4 times, a
quadratic one 16; the bound is generous for a shared machine."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from auditor.dom.inline_js import relative_imports
from tests.hostile.scaling import assert_linear


def one_line(n: int) -> str:  # a minified line of dynamic imports
    return "x=1;" + "a(import('./m.js'));" * n


def after_a_comment(n: int) -> str:  # a line comment, then imports on its line
    return "// " + "import x from './m.js';" * n


def after_a_url(n: int) -> str:  # a `//` in a string on the line before each
    return "var u='https://x.example/';" + "import('./m.js');" * n


@pytest.mark.parametrize("build", [one_line, after_a_comment, after_a_url])
@pytest.mark.parametrize("n", [20_000])
def test_imports_cost_is_linear(build: Callable[[int], str], n: int) -> None:
    def seconds(size: int) -> float:
        script = build(size)
        start = time.perf_counter()
        list(relative_imports(script, True))
        return time.perf_counter() - start

    assert_linear(seconds, n, build.__name__)
