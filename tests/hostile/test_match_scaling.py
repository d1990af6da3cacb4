"""Matching one URL against the lists costs a look at each of its distinct tokens: a URL
of one token repeated (`;a;a;a…`, 40 KB in a script's string) was looked up once per
repeat, each look scanning the whole URL for every filter of that token's bucket, and
took seconds. Read at n and 4n: a linear cost grows about 4 times, a quadratic one 16."""

from __future__ import annotations

import time

import pytest

from auditor.rules import Engine
from tests.hostile.scaling import assert_linear


@pytest.mark.parametrize("host", ["ad.doubleclick.net", "servedbyadbutler.com",
                                  "www.example.com"])
def test_a_url_of_one_token_repeated_is_matched_in_linear_time(engine: Engine, host: str
                                                               ) -> None:
    def seconds(n: int) -> float:
        url = f"https://{host}/adserve/;ID=1234" + ";a" * n
        start = time.perf_counter()
        engine.match(url, "https://news.example/", "script")
        return time.perf_counter() - start

    # 80,000 repeats read in ~11 ms: at 20,000 (3 ms) one scheduling delay on a loaded
    # machine made a linear read look quadratic (0.003 s, then 0.027 s)
    assert_linear(seconds, 80_000, f"matching a URL of {host} with one token repeated",
                  max_seconds=1.0, runs=3)
