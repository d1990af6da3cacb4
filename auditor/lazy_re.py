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
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, AnyStr, NamedTuple, cast

# what a caller may read of a pattern: each is the compiled pattern's own, once compiled
_ATTRIBUTES = ("flags", "groups", "groupindex", "search", "match", "fullmatch", "finditer",
               "findall", "sub", "subn", "split", "scanner")


class PatternFacts(NamedTuple):
    """What a loader reads of a pattern without searching with it (its flags, as compiled
    with any inline ones, and its groups): known, they need no compile."""

    flags: int
    groups: int
    groupindex: Mapping[str, int]

    @classmethod
    def of(cls, compiled: re.Pattern[Any]) -> PatternFacts:
        return cls(compiled.flags, compiled.groups, dict(compiled.groupindex))


class _LazyPattern:
    """`re.compile(source, flags)`, done the first time an attribute of it is read."""

    def __init__(self, source: str | bytes, flags: int, facts: PatternFacts | None = None
                 ) -> None:
        self._source = source
        self._flags = flags
        self.pattern = source  # read while composing other patterns: no compile for it
        self._hash: int | None = None  # a page's memos key on patterns: hashed once
        if facts is not None:  # the compiled pattern's own, read before any search
            self.flags, self.groups = facts.flags, facts.groups
            self.groupindex = MappingProxyType(dict(facts.groupindex))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # pickle and copy ask for hooks a pattern does not have
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __eq__(self, other: object) -> bool:
        """Equal as compiled patterns are: the same source and flags (a spec holding one
        compares and hashes as it did holding the compiled pattern)."""
        if not isinstance(other, _LazyPattern):
            return NotImplemented
        return bool(self.pattern == other.pattern and self.flags == other.flags)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self.pattern, self.flags))
        return self._hash

    def __reduce__(self) -> tuple[type[_LazyPattern], tuple[str | bytes, int]]:
        """Pickled as its source and flags (a compiled one's parts are no picklable state)."""
        return (_LazyPattern, (self._source, self._flags))

    def __repr__(self) -> str:
        return f"lazy_regex({self._source!r}, {self._flags})"


def lazy_regex(source: AnyStr, flags: int = 0, facts: PatternFacts | None = None
               ) -> re.Pattern[AnyStr]:
    """A pattern that compiles on first use (a bad pattern raises `re.error` then); given
    its `facts` (from an earlier compile of the same source), reading them compiles nothing.

    >>> word = lazy_regex(r"\\bad\\b", re.I)
    >>> word.pattern
    '\\\\bad\\\\b'
    >>> bool(word.search("An AD here")), word.flags == re.compile(r"\\bad\\b", re.I).flags
    (True, True)
    """
    return cast("re.Pattern[AnyStr]", _LazyPattern(source, flags, facts))
