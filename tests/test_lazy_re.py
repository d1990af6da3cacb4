"""Module-level patterns compile on first use: a CLI process auditing one page compiled
~650 of them at import (a quarter of a second), most for markup that page never holds."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from auditor.lazy_re import lazy_regex
from tests.processes import fresh_interpreter


def test_importing_the_cli_and_pipeline_compiles_no_module_level_pattern() -> None:
    """What import itself reads (a scanner built of a pattern) compiles then; nothing else."""
    probe = ("import re, sys\n"
             "compiled = []\n"
             "real = re.compile\n"
             "def spy(pattern, flags=0):\n"
             "    code = sys._getframe(1).f_code\n"
             "    if 'auditor' in code.co_filename and code.co_name == '<module>':\n"
             "        compiled.append(pattern)\n"
             "    return real(pattern, flags)\n"
             "re.compile = spy\n"
             "import auditor.cli, auditor.pipeline\n"
             "print(len(compiled))\n")
    out = fresh_interpreter(probe)
    assert out.split() == ["0"]


@pytest.mark.parametrize(("source", "flags", "text"), [
    (r"\bad(?P<n>\d+)", 0, "an ad42 here"),
    (r"(?i)AD\s", 0, "an ad here"),
    (r"^ad$", re.M | re.I, "x\nAD\ny"),
    (rb"\xffad", 0, b"\x00\xffad"),
])
def test_a_lazy_pattern_answers_as_the_compiled_one(source: str, flags: int, text: str) -> None:
    lazy, real = lazy_regex(source, flags), re.compile(source, flags)
    assert lazy.pattern == real.pattern
    assert lazy.search(text) is not None and lazy.search(text)[0] == real.search(text)[0]  # type: ignore[index]
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (real.flags, real.groups, real.groupindex)
    assert lazy.findall(text) == real.findall(text)
    assert lazy.sub(text[:0], text) == real.sub(text[:0], text)


def test_a_lazy_pattern_copies_and_pickles_before_and_after_use() -> None:
    for used in (False, True):
        lazy = lazy_regex(r"a(b)")
        if used:
            assert lazy.match("ab")
        for twin in (copy.copy(lazy), copy.deepcopy(lazy), pickle.loads(pickle.dumps(lazy))):
            assert twin.match("ab") is not None and twin.match("ab")[1] == "b"  # type: ignore[index]


def test_a_bad_pattern_raises_when_first_used() -> None:
    bad = lazy_regex("(unclosed")
    with pytest.raises(re.error):
        bad.search("x")


def _lazy_patterns_in(value: object, depth: int = 0) -> list[object]:
    """The lazy patterns a module-level value is or holds (a tuple of them, a dict's values)."""
    from auditor.lazy_re import _LazyPattern

    if isinstance(value, _LazyPattern):
        return [value]
    if depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        return [p for item in value for p in _lazy_patterns_in(item, depth + 1)]
    if depth < 3 and isinstance(value, dict):
        return [p for item in value.values() for p in _lazy_patterns_in(item, depth + 1)]
    return []


def test_every_module_level_pattern_compiles() -> None:
    """A lazy pattern's mistake raises only when a page first reaches it (a rare vendor's
    tag, months later): every module's patterns are compiled here, each with its flags."""
    import importlib
    import pkgutil

    import auditor

    checked = 0
    for info in pkgutil.walk_packages(auditor.__path__, "auditor."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for lazy in _lazy_patterns_in(value):
                checked += 1
                try:
                    re.compile(lazy._source, lazy._flags)  # type: ignore[attr-defined]
                except re.error as exc:  # pragma: no cover - the failure names it
                    pytest.fail(f"{info.name}.{name}: {exc}")
    assert checked > 600  # the walk found the modules' patterns
