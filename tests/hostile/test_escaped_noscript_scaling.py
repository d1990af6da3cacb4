"""Many `<noscript>`s holding their tags as text (a DOM save's), each long, full of
addresses and of unclosed quotes: each noscript's text is read once, its length bounded."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    text = ('&lt;img src="https://sb.scorecardresearch.com/p?c1=2&amp;c2=1234567" /&gt;'
            + ' src="' + "x" * 3000) * 4
    return ("<html><body><p>x</p>" + f"<noscript>{text}</noscript>" * n
            + "</body></html>")


def test_escaped_noscript_addresses_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 200,
                  "noscripts holding long escaped tags")
