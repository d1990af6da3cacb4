"""The wallet reader's RE2 pre-test (`miners._WALLET_HELD`, over a page's code run
together) never rules out a text `_WALLET` reads a wallet in: it stands for `re` trying
`_WALLET` at every `(`, `[`, `,`, `=` and `:` of every script."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.dom.page import parse_page
from auditor.heuristics import miners

_ADDRESS = "4" + "A" + "x" * 93  # a 95-character address's shape
_INTEGRATED = "8" + "B" + "9" * 104  # 106: an integrated address's
_PIECES = ["(", "[", ",", "=", ":", " ", "\t", "\u3000", "'", '"', "`", "4", "8", "A", "B",
           "0", "l", "I", "O", "é", "\ud83d", "\n", "x" * 45, "k" * 93, _ADDRESS, _INTEGRATED]


def _held(*texts: str) -> bool:
    joined = "\n".join(texts).encode("utf-8", "surrogatepass")
    return miners._WALLET_HELD.search(joined) is not None


@pytest.mark.parametrize("text", [
    f"start('{_ADDRESS}')",
    f"w = \"{_INTEGRATED}\"",
    f"[`{_ADDRESS}`]",
    f"{{wallet:\u3000'{_ADDRESS}'}}",  # Unicode space between the colon and the quote
    f"x=\ud83d('{_ADDRESS}')",  # a lone surrogate a decoded payload may hold
])
def test_a_wallet_passes_the_pretest(text: str) -> None:
    assert miners._WALLET.search(text) is not None
    assert _held(text)
    assert _held("var a = 1;", text, "é")


@pytest.mark.parametrize("text", [
    f"start('{_ADDRESS[:-1]}')",  # 94 characters
    f"start('4C{_ADDRESS[2:]}')",  # no network byte's second letter
    f"start('{_ADDRESS[:50]}0{_ADDRESS[51:]}')",  # a `0`, no base58 letter
    "", "start('4A')",
])
def test_no_address_no_pass(text: str) -> None:
    assert miners._WALLET.search(text) is None
    assert not _held(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=12), max_size=4))
def test_the_pretest_never_rules_out_a_wallet(texts: list[list[str]]) -> None:
    codes = ["".join(pieces) for pieces in texts]
    if any(miners._WALLET.search(code) for code in codes):
        assert _held(*codes)


def test_a_page_of_no_wallet_reads_none_and_one_of_a_wallet_reads_it() -> None:
    none = parse_page("<html><body><script>start('4A'); var x = [1, 2];</script></body></html>")
    assert miners.page_wallets(none) == ()
    page = parse_page(f"<html><body><script>var w = 1;</script><script>startMining('{_ADDRESS}')"
                      "</script></body></html>")
    (wallet,) = miners.page_wallets(page)
    assert wallet.wallet == _ADDRESS and wallet.mines
