"""Filter-list regexes run on RE2.

A list is written by whoever publishes it, so its regexes are hostile input: Python's
backtracking `re` spends minutes on `/(a+)+$/` against a crafted URL or page text, and
has no timeout. RE2 runs in time linear in the text whatever the pattern, and accepts
the syntax adblock-rust's Rust `regex` accepts (no look-around, no back-references), so
a rule either engine refuses is unsupported in both.
"""

from __future__ import annotations

from typing import Protocol

import re2  # type: ignore[import-untyped]


class RuleRegexError(ValueError):
    """A rule's regex that RE2 does not accept (counted as an unsupported rule)."""


class RulePattern(Protocol):
    """The part of a compiled pattern the rule engines use."""

    def search(self, text: str, pos: int | None = None) -> object | None: ...

    def match(self, text: str, pos: int | None = None) -> object | None: ...


def _options(ignore_case: bool) -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # RE2 would print a refused hostile pattern to stderr raw
    options.never_capture = True
    options.case_sensitive = not ignore_case
    return options


def compile_rule_regex(pattern: str, *, ignore_case: bool = False) -> RulePattern:
    """Compile a rule's regex; RuleRegexError when RE2 refuses it."""
    try:
        compiled: RulePattern = re2.compile(pattern, _options(ignore_case))
    except (re2.error, TypeError, ValueError, OverflowError) as e:
        raise RuleRegexError(_message(e)) from None
    return compiled


def _message(e: Exception) -> str:
    text = e.args[0] if e.args else str(e)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return str(text)


NEVER = compile_rule_regex(r"[^\x00-\x{10FFFF}]")
"""Matches nothing: stands in for a pattern that could not be compiled."""
