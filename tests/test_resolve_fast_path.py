"""`urls.resolve` returns plain absolute URLs as they are, without urljoin: it must
answer exactly as its general path (`urls.joined`: urljoin and urlsplit) would."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.urls import _plain, joined, resolve

PARTS = ["http://", "https://", "HTTPS://", "//", "a.example", "b.test", ":8080", ":x", "/",
         "/.", "/..", "./", "x", "?", "q=1", "#", "frag", "@", "[::1]", " ", "\\", ";p", "%2F",
         "é", "-", "."]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PARTS), min_size=1, max_size=8),
       st.sampled_from([None, "https://site.example/a/b?c=1", "http://site.example/",
                        "HTTP://Site.example/x", "ftp://files.example/", "http://[::1/"]))
def test_resolve_answers_as_urljoin(parts: list[str], base: str | None) -> None:
    url = "".join(parts)
    stripped = url.strip()
    expected = None if not stripped or stripped.startswith("#") else joined(stripped, base)
    assert resolve(url, base) == expected


# What `_plain` answers, as the one regex it replaced spelled it (tried at every offset).
_UNPLAIN = re.compile(r"/\.\.?(?:[/?#]|$)|\?(?:#|$)|#$|[\s\\\[\]@]|;")
_URL_CHARS = [*"/.?#@;\\[]ab:%é ", "\t", "\n", "\x1c", "\x85", "\xa0", "\u2028", "\u3000", "\u200b"]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_URL_CHARS), max_size=12))
def test_plain_says_what_the_regex_said(url: str) -> None:
    assert _plain(url) == (_UNPLAIN.search(url) is None)
