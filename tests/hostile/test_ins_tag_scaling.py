"""Reading a page's `<ins>` ad tags is one pass over its `<ins>` elements and their
attributes, and each tag found is one more cosmetic hit: thousands of tags in a row,
thousands nested in one another (only the innermost is empty), and thousands of `<ins>`
with many attributes none of which names a slot. Each is read at n and 4n: a linear cost
grows about 4 times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds


def in_a_row(n: int) -> str:
    return "".join(f'<div><ins data-x-slot="{i}"></ins></div>' for i in range(n))


def nested(n: int) -> str:
    return '<ins data-x-slot="1">' * n + "</ins>" * n


def many_attributes(n: int) -> str:
    attrs = " ".join(f'data-a{i}="v"' for i in range(20))
    return f"<ins {attrs}></ins>" * n


@pytest.mark.parametrize(("build", "n"), [(in_a_row, 1_000), (nested, 1_000),
                                          (many_attributes, 2_000)])
def test_ins_tags_are_read_in_linear_time(build: Callable[[int], str], n: int) -> None:
    def seconds(size: int) -> float:
        return audit_seconds(f"<html><body><p>Text.</p>{build(size)}</body></html>")

    assert_linear(seconds, n, build.__name__)
