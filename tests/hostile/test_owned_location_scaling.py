"""A `location` set on an object is judged by its owner, and the names a script binds to a
window are read once a script: thousands of owned `location`s in one script, with and
without window aliases among them, read at n and 4n: a linear cost grows about 4 times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds


def owned_locations(n: int) -> str:
    return "".join(f"cfg{i}.location='https://sso{i % 7}.example-idp.com/';" for i in range(n))


def aliases_and_owned(n: int) -> str:  # aliases bound, each a search's worth of names
    return "".join(f"var w{i}=window.top;o.p{i}.location='//a{i % 5}.example-idp.com/';"
                   for i in range(n))


def passed_and_destructured(n: int) -> str:  # windows passed to functions, destructured
    return "".join(f"(function(a{i}, b){{ var {{top: t{i}, x}} = window; o.q{i}.location="
                   f"'//a{i % 5}.example-idp.com/'; }})(window, document);" for i in range(n))


def bracketed(n: int) -> str:  # `location` in brackets, a window's and an object's
    return "".join(f"window [ 'x{i}' ]; cfg{i}['location']='//a{i % 5}.example-idp.com/';"
                   for i in range(n))


def location_aliases(n: int) -> str:  # names bound to location, and other objects' hrefs
    return "".join(f"var l{i} = location; a == b; o{i}.href = '//a{i % 5}.example-idp.com/';"
                   for i in range(n))


@pytest.mark.parametrize(("build", "n"), [(owned_locations, 2_000), (aliases_and_owned, 2_000),
                                          (passed_and_destructured, 1_000), (bracketed, 2_000),
                                          (location_aliases, 2_000)])
def test_owned_locations_are_read_in_linear_time(build: Callable[[int], str], n: int) -> None:
    def seconds(size: int) -> float:
        return audit_seconds(f"<html><head><script>{build(size)}</script></head>"
                             "<body><p>Text.</p></body></html>")

    assert_linear(seconds, n, build.__name__)
