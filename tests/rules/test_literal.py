"""One reading of a regex's required literal serves the network filters' needles and
the catalogue's pattern guards; they used to disagree (`[]a]xyz`)."""

from __future__ import annotations

import pytest

from auditor.catalogue import required_literal
from auditor.rules import Engine
from auditor.rules.literal import regex_literal


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        (r"[]a]xyz", "xyz"),  # a leading `]` is in the class: the network copy said 'a]xyz'
        (r"[^]a]xyz", "xyz"),
        (r"^https?://[a-z]+\.example\.com/(?:a|b)/track", ".example.com/"),
        (r"ad\d+banner", "banner"),
        (r"x/{20,}y", "x/"),
        (r"abc?", "ab"),
        (r"abc+d", "abc"),
        (r"a|bcd", ""),
        (r"(?i)abcd", ""),
        (r"(ab)\1cd", ""),
    ],
)
def test_regex_literal(pattern: str, literal: str) -> None:
    assert regex_literal(pattern) == literal
    assert required_literal(pattern) == (literal if len(literal) >= 3 else None)


def test_a_regex_filter_with_a_leading_bracket_in_its_class_matches() -> None:
    """The needle of `/[]a]xyz/` was 'a]xyz', which `https://x.test/]xyz` lacks."""
    engine = Engine.from_text("/[]a]xyz/\n")
    assert engine.match("https://x.test/]xyz", "https://site.test/", "script").blocked
    assert engine.match("https://x.test/axyz", "https://site.test/", "script").blocked
    assert not engine.match("https://x.test/bxyz", "https://site.test/", "script").blocked


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        (r"(?P<n>[a-z]+)=(?=.{0,9}?widgetId=(?P=n))", "widgetId="),
        (r"ab(?=.{0,9}?barbaz)?", None),  # an optional lookahead requires nothing
        (r"ab(?!barbaz)", None),  # a negative one forbids its text
        (r"ab(?<=barbaz)", None),
        # a global flag reads the lookahead as it reads the rest: any case (a page's
        # `BARBAZ` matches), or spaces ignored (`barbaz` matches, `bar baz` is no literal)
        (r"(?i)ab(?=.{0,9}?barbaz)", None),
        (r"(?x)ab(?=bar baz)", None),
        (r"(?s)ab(?=.{0,9}?barbaz)", None),
    ],
)
def test_a_trailing_lookaheads_literal_guards_only_what_every_match_has_after_it(
        pattern: str, literal: str | None) -> None:
    assert required_literal(pattern) == literal
