"""`urls.resolve` returns plain absolute URLs as they are, without urljoin: it must
answer exactly as urljoin and urlsplit would."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.urls import FETCHABLE_SCHEMES, resolve

PARTS = ["http://", "https://", "HTTPS://", "//", "a.example", "b.test", ":8080", ":x", "/",
         "/.", "/..", "./", "x", "?", "q=1", "#", "frag", "@", "[::1]", " ", "\\", ";p", "%2F",
         "é", "-", "."]


def slow(url: str, base: str | None) -> str | None:
    url = url.strip()
    if not url or url.startswith("#"):
        return None
    try:
        if url.startswith("//"):
            scheme = urlsplit(base).scheme if base else ""
            url = f"{scheme or 'https'}:{url}"
        absolute = urljoin(base, url) if base else url
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in FETCHABLE_SCHEMES or not parts.hostname:
        return None
    return absolute


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PARTS), min_size=1, max_size=8),
       st.sampled_from([None, "https://site.example/a/b?c=1", "http://site.example/"]))
def test_resolve_answers_as_urljoin(parts: list[str], base: str | None) -> None:
    url = "".join(parts)
    assert resolve(url, base) == slow(url, base)
