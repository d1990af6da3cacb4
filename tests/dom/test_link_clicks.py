"""`LinkClicks` reads a script's clicks and targets once; its answers must be those of
the reference below, which reads the script per question (the tool's reading before)."""

from __future__ import annotations

import random
import re

import pytest

from auditor.dom.inline_js import _NEW_CONTEXT, _OWN_CONTEXT, LinkClicks


def clicks(script: str, name: str, after: int) -> bool:
    """The reference, read per question: whether `name.click()` is called past `after`."""
    return re.search(r"(?<![\w$.])" + re.escape(name) + r"\s*\.\s*click\s*\(\s*\)",
                     script[after:]) is not None


def opens_new_context(script: str, name: str, *, new_tabs: bool = False) -> bool:
    """The reference, read per question: whether the link `name` opens a new context."""
    if new_tabs:
        return "target" not in script or re.search(
            r"(?<![\w$.])" + re.escape(name) + _OWN_CONTEXT, script) is None
    return "target" in script and re.search(
        r"(?<![\w$.])" + re.escape(name) + _NEW_CONTEXT, script) is not None

_PIECES = ["a", "b", "ab", "$a", "_b", " ", "\n", ".", "click", "()", "( )", "x.", ";",
           ".href='https://go.test/'", ".target='_blank'", ".target = '_self'",
           ".setAttribute('target', '_top')", ".setAttribute('target','w')", "target",
           ".target=''", "a.click()", "b .click( )", "ab.click()", "\u00e9", "é.click()"]


def _scripts(count: int) -> list[str]:
    rng = random.Random(36)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 30)))
            for _ in range(count)]


@pytest.mark.parametrize("new_tabs", [False, True])
def test_answers_are_those_read_per_question(new_tabs: bool) -> None:
    for script in _scripts(600):
        links = LinkClicks(script, new_tabs=new_tabs)
        for name in ("a", "b", "ab", "$a", "_b", "é", "click"):
            assert links.opens_new_context(name) == opens_new_context(
                script, name, new_tabs=new_tabs), (script, name)
            for after in range(len(script) + 1):
                assert links.clicks(name, after) == clicks(script, name, after), (
                    script, name, after)


def test_a_click_at_the_link_set_up_is_read_with_nothing_before() -> None:
    links = LinkClicks("xa.click()")
    assert links.clicks("a", 1) and not links.clicks("a", 2) and not links.clicks("xa", 1)
