"""auditor.dom.parser: re2_text_pattern reads a pattern as `re` does; line_at counts lines."""

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.dom.page import parse_page
from auditor.dom.parser import line_at, re2_text_pattern

# patterns with each construct the rewrite must read: classes holding \s, negated
# classes, an escaped backslash before an s, negated escapes, i in and out of classes
PATTERNS = [r"[^\s]+", r"a\\s", r"x[\s,]y", r"x\Sy", r"\d+", r"linki\s+al", r"[a-z]+\s\w+",
            r"[^\w\s]+", r"(?:ba[gğ]lant[iı])\W+", r"\D\d", r"[]x]+", r"[\x00-\x7f]+i",
            r"(?P<n>i+)\s", r"[\]i]s"]
ALPHABET = "aiIıİsS _-,.]x\\\u00a0\u3000\x0b\x1c\x85\u2028٣1Kkſé漢\n\t"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_re2_text_pattern_matches_where_re_does(pattern: str) -> None:
    # `[^\s]` once became `[^[\s\pZ]]` (a class of `[`, spaces, then a literal `]`) and
    # `\\s` a literal `[`: each matched elsewhere than `re` or not at all
    ours, theirs = re2_text_pattern(pattern), re.compile(pattern, re.I)
    rng = random.Random(pattern)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 8)))
        a, b = ours.search(text), theirs.search(text)
        assert (a and a.span()) == (b and b.span()), (pattern, text)


def test_re2_text_pattern_folds_turkish_i_as_re_does() -> None:
    assert re2_text_pattern(r"linki\s+al").search("LİNKİ AL")
    assert re2_text_pattern(r"ba[gğ]lant[iı]").search("BAĞLANTİ")


@pytest.mark.parametrize("pattern", [r"[\S,]", r"[\W]", r"[\D]", r"[\s-z]", r"[abc"])
def test_re2_text_pattern_refuses_what_re2_cannot_spell(pattern: str) -> None:
    with pytest.raises(ValueError):
        re2_text_pattern(pattern)


@given(st.text(alphabet="ab\n\r\u2028é", max_size=40), st.data())
def test_an_offset_s_line_is_the_page_line_holding_it(text: str, data: st.DataObject) -> None:
    """`line_at` names the line of the page's own line index (`ParsedPage.lines`, what a
    start tag is cited from) that holds the offset; bytes (UTF-8 offsets) count alike."""
    pos = data.draw(st.integers(0, len(text)))
    line = line_at(text, pos)
    lines = parse_page(text).lines if text.strip() else text.split("\n")
    start = sum(len(held) + 1 for held in lines[: line - 1])
    assert start <= pos <= start + len(lines[line - 1])
    assert line_at(text.encode(), len(text[:pos].encode())) == line
