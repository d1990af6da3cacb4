"""Module-level patterns compiled on first use, not at import.

A CLI process audits one page (a CI gate, a pre-commit hook): compiling every module's
patterns at import cost it about a quarter of a second, most of it for patterns that page
never reaches (a kit's markup, an old vendor's tag). A lazy pattern compiles when first
used, then answers through the compiled pattern's own bound methods, so a page that uses
it pays no more per call than before. A match's `.re` is the compiled pattern, not the
lazy one: a caller asking which pattern matched compares `.pattern`, never identity.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

# what a caller may read of a pattern: each is the compiled pattern's own, once compiled
_ATTRIBUTES = ("flags", "groups", "groupindex", "search", "match", "fullmatch", "finditer",
               "findall", "sub", "subn", "split", "scanner")


class _LazyPattern:
    """`re.compile(source, flags)`, done the first time an attribute of it is read."""

    def __init__(self, source: str | bytes, flags: int) -> None:
        self._source = source
        self._flags = flags
        self.pattern = source  # read while composing other patterns: no compile for it

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # pickle and copy ask for hooks a pattern does not have
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_regex({self._source!r}, {self._flags})"


def lazy_regex(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """A pattern that compiles on first use (a bad pattern raises `re.error` then).

    >>> word = lazy_regex(r"\\bad\\b", re.I)
    >>> word.pattern
    '\\\\bad\\\\b'
    >>> bool(word.search("An AD here")), word.flags == re.compile(r"\\bad\\b", re.I).flags
    (True, True)
    """
    return cast("re.Pattern[AnyStr]", _LazyPattern(source, flags))
