"""A script of long names each assigned a value that never closes (`aaaa… = {…` with no
`}`, `= '//…` with no quote): a pattern led by a name is sought from each `=`
(`literal.assigned_names`, `scheme_urls.declared_urls`), its name read back once, so the
script is read in linear time, however long its names and however many its signs."""

from __future__ import annotations

import time

from auditor.dom.deobfuscate import _ASSIGNING, _HANDED_VALUE
from auditor.dom.scheme_urls import declared_urls
from auditor.rules.literal import assigned_names
from tests.hostile.scaling import assert_linear


def _script(n: int) -> str:
    return "".join(f"{'a' * 300}{i} =  {{ x: 1, y: 2 = '//h{i}.test " for i in range(n))


def _seconds(n: int) -> float:
    script = _script(n)
    declared_urls.cache_clear()
    start = time.perf_counter()
    list(assigned_names(_HANDED_VALUE, _ASSIGNING, script))
    declared_urls(script)
    return time.perf_counter() - start


def test_names_assigned_are_read_in_linear_time() -> None:
    assert_linear(_seconds, 200, "names before each =")
