"""The one scanner of a script's strings and comments (`inline_js._scan`) reads a script
once: a string read to its end by its own quote's search, a comment skipped to its end,
each token yielded once. Read at n and 4n: a linear cost grows about 4 times, a quadratic
one 16."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest

from auditor.dom.inline_js import JS_MARKS, code_tokens, comment_spans
from auditor.lazy_re import lazy_regex
from tests.hostile.scaling import assert_linear

_BRACES = lazy_regex(JS_MARKS + r"|[{}]", re.MULTILINE)


def strings(n: int) -> str:  # escaped quotes, line ends and braces in strings and out
    return "a{'x\\'{\\\\'}; b = \"q\\\"\n\"; c = `t\n{`}\n" * n


def comments(n: int) -> str:  # comments of both kinds, with quotes and braces in them
    return "x{ // it's {\n/* '{ */ } /* \" */\n" * n


def unclosed(n: int) -> str:  # a stray quote a line and an unclosed `/*` every few
    return "".join(f"r = /'/; {{ }}\n{'/* ' if i % 50 == 0 else ''}" for i in range(n))


def regex_openers(n: int) -> str:  # one line of `(/` and `[/[` no regex closes, and regexes
    return "f(/[" * (n // 2) + "(/'/g, '{');" * (n // 2)


@pytest.mark.parametrize("build", [strings, comments, unclosed, regex_openers])
@pytest.mark.parametrize("read", [lambda c: list(code_tokens(c, _BRACES)), comment_spans])
def test_a_script_is_scanned_in_linear_time(build: Callable[[int], str],
                                            read: Callable[[str], object]) -> None:
    def seconds(size: int) -> float:
        code = build(size)
        start = time.perf_counter()
        read(code)
        return time.perf_counter() - start

    assert_linear(seconds, 20_000, build.__name__)
