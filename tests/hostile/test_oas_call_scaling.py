"""Open AdStream's single-position calls are read per script tag and per URL: thousands of
calls in a row, and one call whose path is a long run of page segments with no `@`
(each segment a start the sitepage pattern tries), thousands of written calls each
followed by the script it wrote, and one script naming a jx path thousands of times with no
`@` to end one. Each is read at n and 4n: a linear
cost grows about 4 times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

_CALL = '<script src="//ad.site.example/RealMedia/ads/adstream_jx.ads/{}"></script>'


def many_calls(n: int) -> str:
    return "".join(_CALL.format(f"site/page/{i}@Top{i % 9}") for i in range(n))


def one_long_path(n: int) -> str:  # segments of digits and no position to end them
    return _CALL.format("a" + "/1" * n)


def written_calls(n: int) -> str:  # the JX tag's writes, each followed by what it wrote
    return "".join(
        f"<script>document.write('<scr'+'ipt src=\"//ad.site.example/RealMedia/ads/adstream_"
        f"jx.ads/site/p/1' + OAS_rns + '@Top{i % 9}\"></scr'+'ipt>');</script>"
        + _CALL.format(f"site/p/1{i}@Top{i % 9}") for i in range(n))


def one_long_write(n: int) -> str:  # one write naming a jx path again and again, no `@`
    return "<script>" + "src=\"' + u + 'adstream_jx.ads/a' + x + '" * n + "</script>"


@pytest.mark.parametrize(("build", "n"), [(many_calls, 1_000), (one_long_path, 20_000),
                                          (written_calls, 500), (one_long_write, 5_000)])
def test_oas_calls_are_read_in_linear_time(build: Callable[[int], str], n: int) -> None:
    def seconds(size: int) -> float:
        return audit_seconds(f"<html><body><p>Text.</p>{build(size)}</body></html>")

    assert_linear(seconds, n, build.__name__)
