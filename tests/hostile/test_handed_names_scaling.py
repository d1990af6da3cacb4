"""Scripts handing names to the next one (an address in one, its use in the next), and
redirects to names a script assigns: each adjacent pair is read once, a bounded number of
names each, and a bounded number of named redirects each a read of the script before it,
so the page is read in time linear in its code."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _pairs(n: int) -> str:
    scripts = "".join(
        f"<script>var u{i}=String.fromCharCode(104,116,116,112,115,58,47,47,{97 + i % 20},46,"
        f"116,101,115,116,47);var r{i}={{u:'https://k{i}.test/'}};</script><script>var s="
        f"document.createElement('script');s.src=u{i};if(x)location.href=r{i}.u;</script>"
        for i in range(n))
    return f"<html><body><p>x</p>{scripts}</body></html>"


def _one_script(n: int) -> str:
    sets = "".join(f"var t{i}='https://k{i}.test/';" for i in range(n))
    goes = "".join(f"if(a{i})location.href=t{i};" for i in range(n))
    return f"<html><body><p>x</p><script>{sets}{goes}</script></body></html>"


def test_names_handed_between_scripts_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_pairs(n)), 100,
                  "adjacent scripts handing an address to the next")


def test_redirects_to_assigned_names_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_one_script(n)), 400,
                  "one script redirecting to many names it assigns")


def _many_users(n: int) -> str:
    """Scripts each handing a long char-coded address on, and as many using them all."""
    codes = ",".join(["104"] * 2000)
    givers = "".join(f"<script>var u{i}=String.fromCharCode({codes});</script>"
                     for i in range(20))
    uses = "".join(f"u{i}+" for i in range(20))
    users = "".join(f"<script>var s=document.createElement('script');s.src={uses}'{i}';</script>"
                    for i in range(n))
    return f"<html><body><p>x</p>{givers}{users}</body></html>"


def test_many_scripts_using_long_handed_names_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_many_users(n)), 100,
                  "scripts each using the long addresses earlier ones hand on")
