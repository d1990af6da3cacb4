"""An input opening with many short server-side code blocks (`<%%>` after `<%%>`), then
words: each block is passed over where it ends, not by copying the rest of the input after
it, so the kind is told in time linear in them (64 KB of them, as far as a reader peeks,
took 40 ms where a page's kind takes well under one)."""

from __future__ import annotations

import time

from auditor.readers.sniff import sniff

from .scaling import assert_linear


def _seconds(n: int) -> float:
    head = b"<%%>" * (n // 8) + b"Plain words. " * (n // 26)
    start = time.perf_counter()
    assert sniff(head, "t.asp") == "text"
    return time.perf_counter() - start


def test_server_code_blocks_are_skipped_in_linear_time() -> None:
    assert_linear(_seconds, 64 * 1024, "short server-side code blocks")
