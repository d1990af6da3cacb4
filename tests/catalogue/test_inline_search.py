"""The catalogue's inline signatures, ID patterns and script slots are sought with their
opening `\\b` checked by hand (`literal.search`, `literal.finditer`): they must find
exactly what the regex itself finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.catalogue import IdSpec, default_catalogue, pattern_needle
from auditor.dom.parser import re2_text_pattern
from auditor.identify import (
    _joinable,
    _loosened,
    _may_be_in,
    _may_match,
    _stretch_matches,
)
from auditor.rules.literal import _after_boundary, finditer, search

PATTERNS = [p for n in default_catalogue().networks for p in n.inline]
BOUNDED = [p for p in PATTERNS if p.pattern.startswith(r"\b")]
ID_PATTERNS = [s.pattern for n in default_catalogue().networks
               for s in (*n.ids, *n.script_slots)]
BOUNDED_IDS = [p for p in ID_PATTERNS if _after_boundary(p) is not None]


def test_every_boundary_pattern_takes_the_fast_path() -> None:
    assert BOUNDED and all(_after_boundary(p) is not None for p in BOUNDED)
    assert _after_boundary(re.compile(r"\b(?:a(?:b)|c)x")) is not None  # nested groups read
    assert _after_boundary(re.compile(r"\b(?:a(?:b)|.)x")) is None  # a branch opens with `.`
    assert _after_boundary(re.compile(r"\b\.x")) is None  # opens with no word character


def test_every_inline_signature_has_a_needle() -> None:
    """A signature with no literal every match holds is searched in every page's scripts
    (an alternation led one took 0.35 ms a page): give each branch an entry of its own."""
    assert all(pattern_needle(p) is not None for p in PATTERNS), \
        [p.pattern for p in PATTERNS if pattern_needle(p) is None]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(BOUNDED), st.lists(st.sampled_from(
    ["ym(", "12345", ", 'init'", "x", "_", "é", " ", ".", "CRLT", ".User(", "var uid = 7; ",
     "var wid =", "qp('init'", "a", "\n", "sas.call", "_sf_async_config", "uetq"]), max_size=12))
def test_the_fast_path_decides_as_the_regex(pattern: re.Pattern[str], parts: list[str]) -> None:
    text = "".join(parts)
    assert search(pattern, text) == (pattern.search(text) is not None)


def test_the_google_ids_take_the_fast_path() -> None:
    """`\\b(UA-…)`, `\\b(G-…)`, `\\b(GTM-…)` are read on every script and URL of a page."""
    heads = {p.pattern[:6] for p in BOUNDED_IDS}
    assert {r"\b(UA-", r"\b(G-[", r"\b(GTM"} <= heads
    assert _after_boundary(re.compile(r"\ba|b")) is None  # `\b` binds the first branch alone


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(BOUNDED_IDS), st.lists(st.sampled_from(
    ["UA-1234-5", "G-ABCDEF12", "GTM-AB12C", "ca-pub-1234567890", "AW-1234567", "x", "_",
     "é", " ", "-", "\n", "hjid: 1234", "ym(12345, 'init'", "ttq.load('ABCDEFGHIJKLMNOP')",
     "var uid = 7; var wid", "'", "1", "A"]), max_size=12))
def test_finditer_finds_as_the_regex(pattern: re.Pattern[str], parts: list[str]) -> None:
    text = "".join(parts)
    assert [m.span() for m in finditer(pattern, text)] == [
        m.span() for m in pattern.finditer(text)]


JOINABLE = [p for p in ID_PATTERNS if _joinable(p)]


def test_patterns_reading_a_texts_edges_are_not_joined() -> None:
    assert len(JOINABLE) >= 40
    for source in (r"^(\d+)$", r"x(?!\s)", r"(?<!\n)x", r"\Ax", r"a(?>\s*)b", r"a\s*+b"):
        assert not _joinable(re.compile(source)), source
    assert _joinable(re.compile(r"[^'\"]+x\$"))  # `^` in a class, `$` escaped


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(JOINABLE), st.lists(st.lists(st.sampled_from(
    ["UA-1234-5", "G-ABCDEF12", "GTM-AB12C", "ca-pub-1234567890", "x", "_", " ", "\n", "'",
     '"', "hjid: 1234", "ym(12345, 'init'", "var uid = 7; var wid", "1", "A", "=", ":"]),
    max_size=6).map("".join), max_size=5))
def test_a_match_in_a_text_is_a_match_in_the_run(pattern: re.Pattern[str],
                                                  texts: list[str]) -> None:
    if any(pattern.search(t) for t in texts):
        assert _may_be_in(pattern, "\n".join(texts))


def test_a_trailing_lookahead_guards_its_pattern() -> None:
    """Outbrain's widget handed by a variable (`ob = 'AR_1'; … widgetId = ob`) holds no
    literal of three characters in its match, only in the lookahead after it: every text
    it matches holds that one, so it guards the pattern (unguarded, it ran over every
    script of every page)."""
    handed = [p for p in ID_PATTERNS if "widgetId\\s*=\\s*(?P=name)" in p.pattern]
    assert handed and all(pattern_needle(p) == "widgetId" for p in handed)
    text = "var ob_id = 'AR_3'; if (m) { ob_id = 'MB_2'; } OB_element.widgetId = ob_id;"
    assert all(p.search(text) is not None for p in handed)
    assert all(pattern_needle(p) in text for p in ID_PATTERNS
               if pattern_needle(p) is not None and p.search(text) is not None)


LOOSENED = [p for p in ID_PATTERNS if _loosened(p) is not None]


def test_patterns_no_literal_leads_are_loosened_for_re2() -> None:
    """A pattern `re` cannot skip ahead in (comScore's `(?:\\bc2|['"]c2['"])…`: 40 ms over
    one page's scripts) is first sought by RE2, loosened; one led by a literal is not."""
    assert len(LOOSENED) >= 40
    comscore = [p for p in ID_PATTERNS if p.pattern.startswith(r"""(?:\bc2|['"]c2""")]
    assert comscore and all(p in LOOSENED for p in comscore)
    assert _loosened(re.compile(r"\b(UA-\d{4,10}-\d{1,4})\b")) is None  # `re` skips to `UA-`
    for source in (r"[ab]x$", r"[ab]x{,3}", r"[ab](?=x)?", r"[ab](x)\1", r"[ab]x*+"):
        assert _loosened(re.compile(source)) is None, source
    assert _loosened(re.compile(r"[ab].x", re.DOTALL)) is None


def test_a_patterns_lookarounds_are_dropped_for_re2() -> None:
    """An assertion RE2 cannot read only narrows where a pattern matches: without it, RE2
    seeks the rest. GPT's path under a key (`adUnitPath: "/4817/…"`, a lookahead reading
    the path's form) had run over every URL and script of a page holding GPT: 160 ms over
    the corpus, where RE2 first finds the few holding a key before `:` or `=`."""
    loose = _loosened(re.compile(r"(?<![\w$])(?:ad|slot)[\w$]*\((?=\s*['\"](?!\)))/\d+"))
    assert loose is not None
    assert loose.search("slotFor(/4817") and loose.search("xad(/4817")  # narrowed no more
    assert not loose.search("render(/4817")
    path = [p for p in ID_PATTERNS if p.pattern.startswith("(?:(?:adUnitPath|ad_unit_path|")]
    assert path and all(p in LOOSENED for p in path)


def test_a_hyphen_last_in_a_class_stays_one_for_re2() -> None:
    """`re2_text_pattern` appends the Turkish i's to a class holding an `i`: after a
    hyphen ending the class (`[a-z0-9_-]`), they made a range that left the hyphen out."""
    loose = re2_text_pattern(r"LogRocket\.init\(\s*['\"]([a-z0-9]{3,16}/[a-z0-9_-]{1,64})")
    assert loose.search("LogRocket.init('qp7x2b/quietpixel-blog')") is not None
    assert loose.search("LogRocket.init('qp7x2b/-')") is not None


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(LOOSENED), st.lists(st.sampled_from(
    ["c2", "C2", '"c2"', ": ", "'1234567'", "é", "\u0661\u0662\u0663", "\ud800", "-", "_",
     " ", "\n", "'", '"', "/", "12345", "/1234/", "adUnitPath", "unitName", "=", ":", "x",
     "iu=", "LogRocket.init(", "qacct", "p-AbCdEfGh12", "ı", "İ", "SiteAds.recordSlot(",
     "'/4817/site/top'", "'/2019/05/x'", ";", "(", ","]), max_size=12))
def test_a_loosened_pattern_matches_wherever_the_pattern_does(
        pattern: re.Pattern[str], parts: list[str]) -> None:
    text = "".join(parts)
    if pattern.search(text):
        assert _may_match(pattern, text) and _may_be_in(pattern, text)


STRETCHED = [s for n in default_catalogue().networks for s in n.ids
             if s.stops is not None and s.seek is not None]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(STRETCHED), st.lists(st.sampled_from(
    ["SiteAds.recordSlot(", "ads(", "Ads.bind(", "{zone: ", "'/4817/site/top'", "'/2019/05/x'",
     "/4817/next'", "'", "/", "x", ", ", ";", "(", ")", "{", "}", " ", "\n", "a.jpg'"]),
    max_size=14))
def test_a_pattern_read_by_stretches_finds_as_over_the_text(spec: IdSpec, parts: list[str]) -> None:
    """Each stretch is read up to the end of the seek's last match in it, two matches of
    which may share a quote (`'/4817/site/top'/4817/next'`): the same matches as the whole."""
    text = "".join(parts)
    assert spec.seek is not None and spec.stops is not None
    assert [m.span() for m in _stretch_matches(spec.pattern, spec.seek, spec.stops, text,
                                               spec.reach)] \
        == [m.span() for m in spec.pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(STRETCHED), st.lists(st.sampled_from(
    ["SiteAds.recordSlot(", "ads(", "Ads.bind(", "{zone: ", "'/4817/site/top'", "'/2019/05/x'",
     "/4817/next'", "'", "x", ", ", ",", ";", "(", " ", "\n", "a.jpg'", "," * 1000, "," * 6,
     "a," * 497, '{"k": [1, 2]}, ' * 90, '{"k": [1, 2]}, ' * 600, " " * 9000, "x" * 9000,
     "\u00e9" * 700]), max_size=14))
def test_a_stretch_read_from_its_reach_finds_as_over_the_text(spec: IdSpec,
                                                               parts: list[str]) -> None:
    """A spec's `reach` (GPT's wrapper readers: a call's name, `(`, spaces and up to 1,000
    characters before a `,` and its path) bounds where a match may open before its seek's:
    read from there, a statement holding a long config before the path (runs of pieces
    near the reach, long names and spaces; over 8 reaches, where the window is sought)
    gives the same matches as the whole text."""
    text = "".join(parts)
    assert spec.seek is not None and spec.stops is not None and spec.reach is not None
    assert [m.span() for m in _stretch_matches(spec.pattern, spec.seek, spec.stops, text,
                                               spec.reach)] \
        == [m.span() for m in spec.pattern.finditer(text)]
