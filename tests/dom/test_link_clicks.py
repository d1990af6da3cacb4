"""`LinkClicks` reads a script's clicks and targets once; its answers must be those of
`clicks` and `opens_new_context`, which read the script per question."""

from __future__ import annotations

import random

import pytest

from auditor.dom.inline_js import LinkClicks, clicks, opens_new_context

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
