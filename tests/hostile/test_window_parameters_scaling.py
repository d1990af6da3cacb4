"""A script handing a window to a function (`(function(w){…})(window)`) that sets the
location of one of its names and carries a long run of word characters (a hex-encoded
payload, as obfuscated loaders do): the names of every function's parameters are read
(`redirects._parameter_lists`) once a word, not from each of its characters to its end (a
run of 20,000 characters took 4.4 s)."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    payload = "ab12" * (n // 4)
    return ("<!DOCTYPE html><html><head><script>(function(w, d){ var k = \"" + payload
            + "\"; if (!d.cookie) { w.location.href = 'https://next.example/landing'; } })"
            "(window, document);</script></head><body><p>Text.</p></body></html>")


def test_a_long_word_in_a_script_handed_a_window_is_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 5000, "parameters beside a long word")
