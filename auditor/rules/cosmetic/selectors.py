"""The one selector tokenizer: where a selector's groups, quoted strings and escapes are.

Every question about a selector's structure -- its top-level text, its top-level
commas, where the argument of `:has-text(...)` ends, how deeply `:has()` nests -- is
answered from these tokens, so no two scanners can disagree about a quote or an escaped
bracket. A regex finds the tokens, so a selector costs one C-speed scan plus a Python
step per bracket, not per character (the parser runs this on every `##` rule).

>>> [kind + name for kind, _, _, name in tokens('div:has(> a[title="(x"]), p')]
['(has', '[', ']', ')', ',']
>>> split_top(".a, .b:not(.c, .d)")
['.a', '.b:not(.c, .d)']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.lazy_re import lazy_regex

# an escape or a quoted string (skipped), a quote left open (the rest is quoted), `:name(`,
# a bracket or a comma
_TOKEN = lazy_regex(
    r"""\\.|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|(?P<open>["'])|:(?P<name>[\w-]+)\(|(?P<mark>[()\[\],])""",
    re.S,
)
OPEN_QUOTE = '"'  # the kind of the token of a quote that is never closed

# (kind, start, end, name): kind is "(", ")", "[", "]", "," or OPEN_QUOTE; name, of a
# "(", is the pseudo-class it opens (`has` for `:has(`), else "". Plain tuples, unpacked
# by name where they are read: the parser makes one per bracket of every rule.
Token = tuple[str, int, int, str]


def tokens(sel: str, pos: int = 0) -> Iterator[Token]:
    """The structural tokens of `sel` from `pos`; escapes and quoted text yield none."""
    for m in _TOKEN.finditer(sel, pos):
        group = m.lastgroup
        if group == "mark":
            yield m.group(), m.start(), m.end(), ""
        elif group == "name":
            yield "(", m.start(), m.end(), m.group("name")
        elif group == "open":
            yield OPEN_QUOTE, m.start(), len(sel), ""
            return


def outside(sel: str, brackets: str = "([") -> str | None:
    """`sel` with each group opened by one of `brackets` removed, brackets and all (the
    `:name` before a `(` stays): what stands at the top level. None when the groups do
    not balance or a quote is left open.

    >>> outside('div:not(.a) > span[id="x"]')
    'div:not > span'
    >>> outside('div:not(.a) > span[id="x"]', "(")
    'div:not > span[id="x"]'
    """
    closers = ")]" if brackets == "([" else ")"
    if not any(c in sel for c in brackets + closers + "'\""):
        return sel  # no bracket, no quote: all of it is top level
    out: list[str] = []
    depth = 0
    at = 0
    for kind, _, end, _ in tokens(sel):
        if kind == OPEN_QUOTE:
            return None
        if kind in brackets:
            if depth == 0:
                out.append(sel[at : end - 1])
            depth += 1
        elif kind in closers:
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                at = end
    if depth:
        return None
    out.append(sel[at:])
    return "".join(out)


def split_top(sel: str) -> list[str]:
    """`.a, .b` -> ['.a', '.b']: the selector list split at its top-level commas."""
    if "," not in sel:
        return [sel]
    parts: list[str] = []
    depth = 0
    at = 0
    for kind, start, end, _ in tokens(sel):
        if kind == "(" or kind == "[":
            depth += 1
        elif kind == ")" or kind == "]":
            depth -= 1
        elif kind == "," and depth == 0:
            parts.append(sel[at:start].strip())
            at = end
    parts.append(sel[at:].strip())
    return [p for p in parts if p]


def group_end(sel: str, start: int) -> int:
    """Index just past the `)` closing the `(` at `sel[start - 1]`; ValueError if none."""
    depth = 1
    for kind, _, end, _ in tokens(sel, start):
        if kind == "(":
            depth += 1
        elif kind == ")":
            depth -= 1
            if depth == 0:
                return end
    raise ValueError("unbalanced parentheses")


def calls(sel: str) -> Iterator[tuple[str, int, int]]:
    """(name, start, end) of each top-level `:name(...)` group, `sel[start:end]` being the
    whole group; ValueError when one is not closed."""
    depth = 0
    opened: tuple[str, int] | None = None  # (name, start) of the call open at the top
    for kind, start, end, name in tokens(sel):
        if kind == "(" or kind == "[":
            if depth == 0 and name:
                opened = name, start
            depth += 1
        elif kind == ")" or kind == "]":
            depth -= 1
            if depth == 0 and opened is not None:
                yield opened[0], opened[1], end
                opened = None
    if opened is not None:
        raise ValueError("unbalanced parentheses")
