"""Whether obfuscated code sets a request's answer as markup is read in one pass of each
pattern, however many callbacks and sinks the code holds that never meet."""

from __future__ import annotations

import time

from auditor.heuristics.obfuscation import _answer_as_markup

from .scaling import assert_linear


def _seconds(n: int) -> float:
    code = ".then(function(t){w.n=t})" * n + "b.innerHTML=q;" * n + "$.get(  ,,,,(" * n
    start = time.perf_counter()
    assert not _answer_as_markup(code)
    return time.perf_counter() - start


def test_answer_as_markup_is_linear() -> None:
    assert_linear(_seconds, 20_000, "callbacks and sinks that never meet")
