"""Path globs for per-path overrides, with gitignore's meaning of `*` and `**`.

fnmatch lets `*` cross `/`, so `blog/*` would also match `blog/2024/post.html`;
users of .gitignore and GitHub's `paths:` filters expect it not to. A glob is policy
input, and a policy can be hostile: globs run on RE2, in time linear in the path
whatever the glob (on Python's `re`, `**a**a**a…b` backtracks for hours on one path).
"""

from __future__ import annotations

import functools

from auditor.lazy_re import lazy_regex
from auditor.rules.regex import RulePattern, compile_rule_regex

MAX_GLOB_LENGTH = 1024
"""Characters in one glob: a path glob is a few dozen; RE2's cost grows with the glob."""

MAX_GLOBS = 1000
"""Globs in one policy: every page is matched against each, and all stay compiled."""

_SURROGATE = lazy_regex("[\ud800-\udfff]")  # an undecodable byte in a file name


class GlobError(ValueError):
    """A glob that cannot be compiled; the policy names its key."""


def _literal(c: str) -> str:
    return c if c.isascii() and (c.isalnum() or c == "_") else f"\\x{{{ord(c):x}}}"


def _class(pattern: str, body: str) -> str:
    """An RE2 class body for a glob class body; a reversed range such as `z-a` is refused."""
    out: list[str] = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            low, high = body[i], body[i + 2]
            if low > high:
                raise GlobError(f"{pattern!r} is not a valid glob: the range "
                                f"'{low}-{high}' runs backwards (write '{high}-{low}')")
            out.append(f"{_literal(low)}-{_literal(high)}")
            i += 3
        else:
            out.append(_literal(body[i]))
            i += 1
    return "".join(out)


def _translate(pattern: str) -> str:
    out: list[str] = ["(?s)"]  # a newline in a file name must not dodge `**`
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            start = i + 2 if pattern.startswith("[!", i) else i + 1
            end = pattern.find("]", start + 1)  # a `]` first in the class is itself
            if end < 0:
                out.append(_literal(c))
                i += 1
                continue
            negate = "^" if start == i + 2 else ""
            out.append(f"[{negate}{_class(pattern, pattern[start:end])}]")
            i = end + 1
        else:
            out.append(_literal(c))
            i += 1
    return "".join(out) + r"\z"


@functools.lru_cache(maxsize=MAX_GLOBS)
def compile_glob(pattern: str) -> RulePattern:
    """A linear-time matcher for a glob: `**` any depth, `*` and `?` within one segment,
    `[...]` a class; a leading `/` or `./` is ignored. GlobError if it is not a glob.

    >>> bool(compile_glob("blog/**").match("blog/2024/post.html"))
    True
    >>> bool(compile_glob("blog/*.html").match("blog/2024/post.html"))
    False
    >>> bool(compile_glob("**/amp/*.html").match("amp/index.html"))
    True
    """
    if len(pattern) > MAX_GLOB_LENGTH:
        raise GlobError(f"a glob of {len(pattern)} characters; at most {MAX_GLOB_LENGTH}")
    return compile_rule_regex(_translate(pattern.removeprefix("./").lstrip("/")))


def glob_match(pattern: str, path: str) -> bool:
    """Whether a site-relative POSIX path matches; a leading `/` or `./` is ignored.

    >>> glob_match("/blog/**", "blog/a.html"), glob_match("*.html", "blog/a.html")
    (True, False)
    """
    path = _SURROGATE.sub("\ufffd", path.removeprefix("./").lstrip("/"))
    return compile_glob(pattern).match(path) is not None
