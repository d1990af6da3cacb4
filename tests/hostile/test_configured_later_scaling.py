"""A head whose top holds many loaders of other sites, each followed by page code that
calls a global: whether the page's code configures a loader's global is read from tables
built once a page (the names each script uses and defines, the words of each script's
address, the kits' namespaces marked in the body), so the head's top is read in time
linear in its scripts, not in loaders times names."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _word(i: int) -> str:
    """A distinct name word of letters alone (`Kitbcd…`): digits would split it."""
    letters = ""
    while True:
        letters += "abcdefghij"[i % 10]
        i //= 10
        if not i:
            return "Kit" + letters


def _page(n: int) -> str:
    top = "".join(f'<script src="https://cdn{i}.other.test/{_word(i).lower()}.js"></script>'
                  f"<script>{_word(i)}_Ns.site = 1; Q{_word(i)}.run();</script>"
                  for i in range(n))
    late = "".join(f"<script>{_word(i)}.setup(); Z{_word(i)}.go();</script>" for i in range(n))
    body = "".join(f'<div class="{_word(i).lower()}_box">x</div>' for i in range(n))
    return (f"<html><head>{top}<meta charset='utf-8'><title>t</title>{late}</head>"
            f"<body>{body}<p>x</p></body></html>")


def test_configured_later_is_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 100,
                  "head-top loaders whose globals the page's code calls")
