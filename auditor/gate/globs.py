"""Path globs for per-path overrides, with gitignore's meaning of `*` and `**`.

fnmatch lets `*` cross `/`, so `blog/*` would also match `blog/2024/post.html`;
users of .gitignore and GitHub's `paths:` filters expect it not to.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=1024)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """A regex for a glob: `**` any depth, `*` and `?` within one segment, `[...]` a class.

    >>> bool(compile_glob("blog/**").match("blog/2024/post.html"))
    True
    >>> bool(compile_glob("blog/*.html").match("blog/2024/post.html"))
    False
    >>> bool(compile_glob("**/amp/*.html").match("amp/index.html"))
    True
    """
    out: list[str] = []
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
        elif c == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            negate = body.startswith("!")
            body = re.escape(body[1:] if negate else body).replace("\\-", "-")
            out.append(f"[{'^' if negate else ''}{body}]")
            i = end + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, path: str) -> bool:
    """Whether a site-relative POSIX path matches; a leading `/` or `./` is ignored.

    >>> glob_match("/blog/**", "blog/a.html"), glob_match("*.html", "blog/a.html")
    (True, False)
    """
    pattern = pattern.removeprefix("./").lstrip("/")
    return compile_glob(pattern).match(path.removeprefix("./").lstrip("/")) is not None
