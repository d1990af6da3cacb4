"""The literal a regex cannot match without, and whether its matches open with a word
character: readings of a regex's top level, for the network filters' needles and the
catalogue's pattern guards alike; and searching with a pattern that opens with `\\b`
without losing the literal the regex engine skips ahead on; and one led by a name, sought
from the literal after it (`assigned_names`)."""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Iterator
from typing import Protocol

from auditor.lazy_re import lazy_regex

_BRACES = lazy_regex(r"\{\d*(?:,\d*)?\}")


def _quantifier_at(pattern: str, i: int) -> int:
    """Length of the quantifier at `i` (0 if none); `{` only counts as `{m,n}`."""
    if i >= len(pattern):
        return 0
    ch = pattern[i]
    if ch in "?*+":
        return 2 if i + 1 < len(pattern) and pattern[i + 1] in "?+" else 1
    if ch == "{":
        m = _BRACES.match(pattern, i)
        return len(m.group(0)) if m else 0
    return 0


def _class_end(pattern: str, i: int) -> int:
    """Index of the `]` closing the character class opened at `i`, or -1."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1  # a leading ] is a literal
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "]":
            return j
        j += 1
    return -1


def alternatives(pattern: str) -> list[str] | None:
    """The branches of a regex that is one group of alternatives and nothing else
    (`(?:a…|b…)`), or None: each branch's `regex_literal` is then what its matches need.

    >>> alternatives(r"(?:x[|)]y|\\(z|(?:q|r)s)")
    ['x[|)]y', '\\\\(z', '(?:q|r)s']
    >>> alternatives(r"(?:a|b)c") is None
    True
    """
    if not pattern.startswith("(?:") or _group_end(pattern) != len(pattern) - 1:
        return None
    return _branches(pattern[3:-1])


def trailing_lookahead(pattern: str) -> str | None:
    """The body of the positive lookahead a regex of one branch ends with (`…(?=…)`), or
    None: what the text after every match must hold, so its `regex_literal` is a literal
    every text a match is found in holds too.

    >>> trailing_lookahead(r"(?P<n>[a-z]+)=(?=.{0,9}?id=(?P=n))")
    '.{0,9}?id=(?P=n)'
    >>> [trailing_lookahead(r) for r in (r"a|b(?=c)", r"a(?=b)c", r"a(?!b)", r"(?i)a(?=b)")]
    [None, None, None, None]
    """
    if not pattern.endswith(")") or len(_branches(pattern)) > 1 or _flagged(pattern):
        return None
    opened = -1
    for i, c, depth in _structure(pattern):
        if c == "(" and depth == 1:
            opened = i
        elif c == ")" and depth == 0 and i == len(pattern) - 1:
            return pattern[opened + 3 : i] if pattern.startswith("(?=", opened) else None
    return None


def _flagged(pattern: str) -> bool:
    """Whether a regex opens with a global inline flag (`(?i)`, `(?x)`, …), which reads its
    literals otherwise (in any case, spaces ignored): none of them is taken as required."""
    return pattern.startswith("(?") and not pattern.startswith(("(?:", "(?P", "(?=", "(?!", "(?<"))


def regex_literal(pattern: str) -> str:
    """The longest literal every match of a regex contains ('' when none is sure), for a
    cheap `in` test before the regex runs: a filter's needle, a catalogue pattern's guard.

    Only the top level is read (groups and classes end a run); a top-level `|`, an
    inline flag or a back-reference means nothing is required.

    >>> regex_literal(r"\\b_hjSettings\\s*=\\s*\\{")
    '_hjSettings'
    >>> regex_literal(r"^https?://[a-z]+\\.example\\.com/(?:a|b)/track")
    '.example.com/'
    >>> regex_literal(r"[]a]xyz")  # a leading `]` belongs to the class
    'xyz'
    >>> regex_literal(r"0000{|")
    ''
    """
    if _flagged(pattern):
        return ""
    runs: list[str] = []
    run: list[str] = []
    depth = 0
    i, n = 0, len(pattern)

    def end_run() -> None:
        if run:
            runs.append("".join(run))
            run.clear()

    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            i += 2
            if depth > 0:
                continue
            if nxt.isalnum():
                if nxt.isdigit():
                    return ""  # a backreference: keep it simple
                end_run()
                i += _quantifier_at(pattern, i)
                continue
            literal = nxt
        elif ch == "[":
            j = _class_end(pattern, i)
            if j < 0:
                return ""
            i = j + 1
            if depth == 0:
                end_run()
                i += _quantifier_at(pattern, i)
            continue
        elif ch == "(":
            depth += 1
            i += 1
            if depth == 1:
                end_run()
            continue
        elif ch == ")":
            depth -= 1
            i += 1
            if depth == 0:
                i += _quantifier_at(pattern, i)
            continue
        elif depth > 0:
            i += 1
            continue
        elif ch == "|":
            return ""
        elif ch in ".^$" or _quantifier_at(pattern, i):
            end_run()
            i += max(1, _quantifier_at(pattern, i))
            continue
        else:
            literal = ch
            i += 1
        quantifier = _quantifier_at(pattern, i)
        if quantifier:
            at_least_once = pattern[i] == "+" or (
                pattern[i] == "{" and pattern[i + 1 : i + 2] not in ("0", ",", "}")
            )
            if at_least_once:
                run.append(literal)
            end_run()
            i += quantifier
            continue
        run.append(literal)
    end_run()
    return max(runs, key=len, default="")


_OPTIONAL = ("?", "*", "{")  # quantifiers that may repeat what they follow zero times


def opens_with_word(regex: str) -> bool:
    """Whether every match of `regex` opens with a word character, read from its head: a
    word character, or a group all of whose branches open with one (else False), so
    that a `\\b` before it means "no word character before".

    >>> [opens_with_word(r) for r in (r"ym\\(", r"(G-[A-Z]+)", r"(?:CRLT|Crypto)\\.")]
    [True, True, True]
    >>> [opens_with_word(r) for r in (r"a?b", r"(?:a|\\.)", r"a|\\.", r"[ab]c", r"(?i)a")]
    [False, False, False, False, False]
    """
    if len(_branches(regex)) > 1:
        return False
    opened = 3 if regex.startswith("(?:") else 1 if regex[:1] == "(" and regex[1:2] != "?" else 0
    if opened:
        end = _group_end(regex)
        if end < 0 or regex[end + 1 : end + 2] in _OPTIONAL:
            return False
        return all(opens_with_word(b) for b in _branches(regex[opened:end]))
    return (regex[:1].isalnum() or regex[:1] == "_") and regex[1:2] not in _OPTIONAL


def literal_led(regex: str) -> bool:
    """Whether a regex opens with two literal characters, past an opening `\\b` (which
    `search` steps over) and into groups of one branch: `re` skips ahead to those, where
    it tries a pattern opening with a class or a choice of branches at each character.

    >>> [literal_led(r) for r in (r"\\b(UA-\\d+)", r"(?:GTM|OPT)-", r"\\.setNetwork\\(", r"ab?")]
    [True, False, True, False]
    >>> [literal_led(r) for r in (r"[Uu]nit", r"(?:\\bc2|'c2')", r"a?b", r"a\\d", r"(?=ab)")]
    [False, False, False, False, False]
    """
    rest = regex[2:] if regex.startswith("\\b") else regex
    while rest[:1] == "(":
        opened = 3 if rest.startswith("(?:") else 1 if rest[1:2] != "?" else 0
        end = _group_end(rest)
        if not opened or end < 0 or rest[end + 1:end + 2] in _OPTIONAL \
                or len(_branches(rest[opened:end])) > 1:
            return False
        rest = rest[opened:end] + rest[end + 1:]
    at = 0
    for _ in range(2):
        char = rest[at:at + 1]
        if char == "\\" and rest[at + 1:at + 2] and not rest[at + 1].isalnum():
            width = 2
        elif char and (char.isalnum() or char in "_-/=:,'\"<>!#%&~@;"):
            width = 1
        else:
            return False
        at += width
        if rest[at:at + 1] in _OPTIONAL:
            return False
    return True


def _structure(regex: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each `(`, `)` and `|` of `regex` that
    is not escaped or inside a class; an unclosed class ends the scan."""
    depth, i = 0, 0
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            end = _class_end(regex, i)
            if end < 0:
                return
            i = end + 1
            continue
        if c in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[c]
            yield i, c, depth
        i += 1


def _branches(regex: str) -> list[str]:
    """`regex` split at its top-level `|` (not inside a group or a class)."""
    cuts = [i for i, c, depth in _structure(regex) if c == "|" and depth == 0]
    return [regex[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(regex)], strict=True)]


def _group_end(regex: str) -> int:
    """The index of the `)` closing the group `regex` opens with, or -1."""
    return next((i for i, c, depth in _structure(regex) if c == ")" and depth == 0), -1)


def search(pattern: re.Pattern[str], text: str) -> bool:
    """`pattern.search(text) is not None`, faster for a pattern opening with `\\b` before a
    word character (`\\bym\\(`): `\\b` hides the literal the regex engine would skip
    ahead on, so the rest is sought and the boundary checked by hand (2.5 ms a page)."""
    rest = _after_boundary(pattern)
    if rest is None:
        return pattern.search(text) is not None
    match = rest.search(text)
    while match is not None:
        at = match.start()
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            return True
        match = rest.search(text, at + 1)
    return False


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, faster the way `search` is: the rest of the pattern is
    sought and, where the boundary holds, its match there is the one finditer makes at
    that position (the `\\b` it dropped reads only the character before, and holds no
    group), so it is yielded as it is, not matched again: a pattern spanning a script's
    text cost its span twice. `\\b(UA-…)` over every script and URL of a page was 3% of
    an audit."""
    rest = _after_boundary(pattern)
    if rest is None:
        yield from pattern.finditer(text)
        return
    found = rest.search(text)
    while found is not None:
        at = found.start()
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            yield found
            found = rest.search(text, max(found.end(), at + 1))
            continue
        found = rest.search(text, at + 1)


def last_match(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    """The last of the matches, read one at a time (the value a name was last assigned
    before a use: every earlier one is read past, none kept)."""
    kept = deque(matches, maxlen=1)
    return kept[0] if kept else None


@functools.lru_cache(maxsize=2048)
def _after_boundary(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without its opening `\\b`, when every match opens with a word character
    (`ym\\(`, `(?:CRLT|CryptoLoot)\\.`, `(G-…)`), so that `\\b` there means: no word
    character before."""
    source = pattern.pattern
    if not source.startswith(r"\b") or pattern.flags & re.ASCII:
        return None
    rest = source[2:]
    return re.compile(rest, pattern.flags) if opens_with_word(rest) else None


def member(names: str, *, led: bool = False) -> str:
    r"""Regex text of one property step as code writes it, dotted or by its name in
    brackets (`.referrer`, `['referrer']`, `[ "referrer" ]`): the same read, and a reader
    of the dotted form alone missed the other (`document['referrer']`). `names` is a
    pattern of the property's names, written once, so its groups keep their numbers; the
    name ends there (`referrerPolicy` is another property). A bracket's two quotes are
    not paired (code never mixes them).

    `led`: the step opens a pattern, without the spaces before it, so that the regex
    engine skips ahead to its `.` or `[` (one led by `\s*` is tried at every position of
    a script); the name before it is read back (`name_before`, which skips spaces).

    >>> step = re.compile("document" + member("(referrer|cookie)"))
    >>> [m.group(1) for m in map(step.match, ("document.referrer", "document [ 'cookie' ]",
    ...                                        'document["referrer"]', "document.referrerPolicy"))
    ...  if m]
    ['referrer', 'cookie', 'referrer']
    >>> re.compile(member("href", led=True)).search("loc ['href'] = u").start()
    4
    """
    return ("" if led else r"\s*") + rf"""(?:\.\s*|\[\s*['"])(?:{names})(?![\w$])(?:['"]\s*\])?"""


def name_before(text: str, at: int) -> tuple[int, str]:
    """The name (`[\\w$]+`, spaces after it) that ends before `at`, and where it starts;
    empty where none does (`f().href`). Each match's look back stops at its name's start,
    short of the last match's closing quote: linear over a script.

    >>> name_before("var a = link .href", 13), name_before("f().href", 3)
    ((8, 'link'), (3, ''))
    """
    end = at
    while end and text[end - 1].isspace():
        end -= 1
    start = end
    while start and (text[start - 1].isalnum() or text[start - 1] in "_$"):
        start -= 1
    return start, text[start:end]


def assigned_names(pattern: re.Pattern[str], sign: re.Pattern[str], code: str
                   ) -> Iterator[re.Match[str]]:
    """`pattern.finditer(code)` for a pattern whose every match opens with a name standing
    alone (`[\\w$]+`, no word character before it) and spaces, then the `=` (or other sign)
    `sign` matches at (led by the literal `=`, it checks what may stand around it): sought
    from each such `=`, the name read back (`name_before`) and the pattern matched from its
    start, past the last match's end. Led by the name, the pattern was tried at each
    character of a script; each `=` is read once, back to its word's start: linear.

    >>> named = re.compile(r"(?<![\\w$.])([a-z]+)\\s*=\\s*'[^']*'")
    >>> [m.group(0) for m in assigned_names(named, re.compile("="), "a.b='x'; c = 'y'")]
    ["c = 'y'"]
    """
    end = 0
    while (at := sign.search(code, end)) is not None:
        start, name = name_before(code, at.start())
        match = pattern.match(code, start) if name and start >= end else None
        end = match.end() if match is not None else at.end()
        if match is not None:
            yield match


class Searching(Protocol):
    """What `branch_matches` asks of a branch: a compiled pattern's `search`, or a search
    that finds the same matches led by another literal (`deobfuscate._KeyFirstXor`)."""

    def search(self, string: str, pos: int = ...) -> re.Match[str] | None: ...


def branch_matches(branches: tuple[Searching, ...], text: str
                   ) -> Iterator[re.Match[str]]:
    """`re.compile("|".join(branches)).finditer(text)`, for branches of which no two can
    match at one place (each opens with its own literal) and no match is empty: each
    branch searched for alone, so that `re` skips ahead on its literal (their alternation
    opens with a set of first characters, tried at each of them: `charCodeAt(…) ^` or
    `^ k.charCodeAt(`, at each `c` of a script), the leftmost taken, the next sought past
    its end. Each branch's next match is kept until the scan passes its start.

    >>> calls = (re.compile(r"ab\\d"), re.compile(r"b\\d+"))
    >>> [m.group() for m in branch_matches(calls, "ab1 b22 ab3b4")]
    ['ab1', 'b22', 'ab3', 'b4']
    """
    found = [branch.search(text) for branch in branches]
    while (first := min((m for m in found if m is not None), key=lambda m: m.start(),
                        default=None)) is not None:
        yield first
        at = first.end()
        found = [m if m is None or m.start() >= at else branch.search(text, at)
                 for m, branch in zip(found, branches, strict=True)]
