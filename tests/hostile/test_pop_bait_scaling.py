"""A script of many EasyList query filters naming the pop format (`&popunder= `, an
ad-block detector's bait list): each is passed over once, from where the last ended, so
the read is linear in the script."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _bait(n: int) -> str:
    filters = " ".join(f"&popunder= &ad_zone{i}=" for i in range(n))
    return f"<html><body><p>x</p><script>var b=\"{filters}\".split(' ');</script></body></html>"


def test_a_bait_list_of_pop_filters_is_linear() -> None:
    assert_linear(lambda n: audit_seconds(_bait(n)), 2000,
                  "a script listing `&popunder=` filters, none of them pop code")
