"""`ParsedPage.values_holding`: which words the page's attribute values hold, answered by
one pass a page for every stage that asks (the catalogue's value needles, the article-body,
author and post-meta class words), as a scan per word answered it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import auditor.dom.page as page_module
from auditor.catalogue import default_catalogue
from auditor.dom.page import parse_page
from auditor.literals import LiteralSet
from auditor.needles import value_needles

_PIECES = ["author", "byline", "entry-meta", "post-content", "articleBody", "é", "\u4e2d",
           "autor", "x", " ", "-", "adsbygoogle", "data-ad-slot"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=4).map("".join), max_size=6),
       st.lists(st.sampled_from(_PIECES), min_size=1, max_size=5))
def test_the_words_held_are_those_a_scan_per_word_finds(values: list[str],
                                                       words: list[str]) -> None:
    attrs = " ".join(f'data-v{i}="{v}"' for i, v in enumerate(values))
    page = parse_page(f"<html><body><div {attrs}>x</div></body></html>")
    wanted = frozenset(words)
    assert page.values_holding(wanted) == {w for w in wanted if w in page.values}
    assert page.values_holding(frozenset(_PIECES)) == {w for w in _PIECES if w in page.values}


def test_a_page_answers_every_stage_from_one_pass(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    catalogue = default_catalogue()
    markup = ('<html><body><article class="post-content"><p class="byline author">Jo</p>'
              '<ins class="adsbygoogle" data-ad-slot="1"></ins></article></body></html>')
    stages = (frozenset({"author", "byline"}), frozenset({"entry-meta"}),
              frozenset({"articleBody", "post-content"}))
    first = parse_page(markup)  # a process's first page: each ask registers its words
    value_needles(first, catalogue)
    for words in stages:
        first.values_holding(words)

    passes: list[object] = []
    present = LiteralSet.present

    def counted(self: LiteralSet, text: str | bytes) -> set[str | None]:
        passes.append(text)
        return present(self, text)

    monkeypatch.setattr(LiteralSet, "present", counted)
    page = parse_page(markup)
    held = value_needles(page, catalogue)
    answers = [page.values_holding(words) for words in stages]
    # one pass over the values answered all four (the markup's own needle pass aside)
    # (as UTF-8, encoded once a page: the cosmetic guards, `occurrences` and the walk's
    # style test read the same bytes)
    assert [text for text in passes if text == page.values_utf8] == [page.values_utf8]
    assert page.values_utf8 == page.values.encode()
    assert "adsbygoogle" in held and None in held
    assert answers == [frozenset({"author", "byline"}), frozenset(), frozenset({"post-content"})]
    assert page_module._ASKED_VALUES.keys() >= {"author", "entry-meta", "post-content"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, "\x00", "\U0001f600"]), max_size=8).map("".join),
       st.lists(st.sampled_from(_PIECES), min_size=1, max_size=20))
def test_a_literal_set_finds_in_the_utf8_what_it_finds_in_the_text(text: str,
                                                                   words: list[str]) -> None:
    """The values are handed to the literal sets as UTF-8 (`values_utf8`); a short text
    of few literals was read with `in`, its bytes always by the RE2 set."""
    literals = LiteralSet(words)
    assert literals.present(text.encode("utf-8", "surrogatepass")) == literals.present(text) \
        == {None, *(w for w in words if w in text)}
