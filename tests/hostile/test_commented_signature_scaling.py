"""Inline signatures are read for a live call past commented-out copies: a script of
thousands of commented calls, and thousands of scripts each holding one, read at n and 4n
(a linear cost grows about 4 times)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds


def one_script(n: int) -> str:
    return "<script>" + "// OAS_AD('Top');\n" * n + "</script>"


def many_scripts(n: int) -> str:
    return "<script>/* OAS_RICH('Top'); */</script>" * n


@pytest.mark.parametrize(("build", "n"), [(one_script, 20_000), (many_scripts, 2_000)])
def test_commented_signatures_are_read_in_linear_time(build: Callable[[int], str],
                                                      n: int) -> None:
    def seconds(size: int) -> float:
        return audit_seconds(f"<html><body><p>Text.</p>{build(size)}</body></html>")

    assert_linear(seconds, n, build.__name__)
