"""The one selector tokenizer: where a selector's groups, quoted strings and escapes are.

Every question about a selector's structure -- its top-level text, its top-level
commas, where the argument of `:has-text(...)` ends, how deeply `:has()` nests -- is
answered from these tokens, so no two scanners can disagree about a quote or an escaped
bracket. A regex finds the tokens, so a selector costs one C-speed scan plus a Python
step per bracket, not per character (the parser runs this on every `##` rule).

>>> [t.kind + t.name for t in tokens('div:has(> a[title="(x"]), p')]
['(has', '[', ']', ')', ',']
>>> split_top(".a, .b:not(.c, .d)")
['.a', '.b:not(.c, .d)']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# an escape, a quoted string, a quote left open (the rest is quoted), `:name(`, a bracket
_TOKEN = re.compile(
    r"""\\.|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|(?P<open>["'])|:(?P<name>[\w-]+)\(|[()\[\],]""",
    re.S,
)
OPEN_QUOTE = '"'  # the kind of the token of a quote that is never closed


class Token(NamedTuple):
    kind: str  # "(", ")", "[", "]", "," or OPEN_QUOTE
    start: int
    end: int
    name: str = ""  # of "(": the pseudo-class it opens (`has` for `:has(`), else ""


def tokens(sel: str, pos: int = 0) -> Iterator[Token]:
    """The structural tokens of `sel` from `pos`; escapes and quoted text yield none."""
    for m in _TOKEN.finditer(sel, pos):
        c = sel[m.start()]
        if c == "\\" or (c in "\"'" and m.group("open") is None):
            continue
        if c == ":":
            yield Token("(", m.start(), m.end(), m.group("name"))
        elif c in "\"'":
            yield Token(OPEN_QUOTE, m.start(), len(sel))
            return
        else:
            yield Token(c, m.start(), m.end())


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
    out: list[str] = []
    depth = 0
    at = 0
    for t in tokens(sel):
        kind = t.kind
        if kind == OPEN_QUOTE:
            return None
        if kind in brackets:
            if depth == 0:
                out.append(sel[at : t.end - 1])
            depth += 1
        elif kind in closers:
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                at = t.end
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
    for t in tokens(sel):
        kind = t.kind
        if kind == "(" or kind == "[":
            depth += 1
        elif kind == ")" or kind == "]":
            depth -= 1
        elif kind == "," and depth == 0:
            parts.append(sel[at : t.start].strip())
            at = t.end
    parts.append(sel[at:].strip())
    return [p for p in parts if p]


def group_end(sel: str, start: int) -> int:
    """Index just past the `)` closing the `(` at `sel[start - 1]`; ValueError if none."""
    depth = 1
    for t in tokens(sel, start):
        if t.kind == "(":
            depth += 1
        elif t.kind == ")":
            depth -= 1
            if depth == 0:
                return t.end
    raise ValueError("unbalanced parentheses")


def calls(sel: str) -> Iterator[tuple[str, int, int]]:
    """(name, start, end) of each top-level `:name(...)` group, `sel[start:end]` being the
    whole group; ValueError when one is not closed."""
    depth = 0
    opened: Token | None = None
    for t in tokens(sel):
        kind = t.kind
        if kind == "(" or kind == "[":
            if depth == 0 and t.name:
                opened = t
            depth += 1
        elif kind == ")" or kind == "]":
            depth -= 1
            if depth == 0 and opened is not None:
                yield opened.name, opened.start, t.end
                opened = None
    if opened is not None:
        raise ValueError("unbalanced parentheses")
