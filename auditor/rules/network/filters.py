"""A network filter compiled to a flat tuple, and how its pattern is checked.

A filter is a tuple (marshal-able, so the on-disk cache loads without rebuilding
objects, and one object wherever buckets share it); its fields are named by the F_*
constants below. Each pattern kind has one check, `Matcher.pattern_ok`, which the fast
path and `explain` both reach through `Matcher.first`.
"""

from __future__ import annotations

from typing import Any

from auditor.lazy_re import lazy_regex
from auditor.rules.literal import regex_literal
from auditor.rules.parse import NetworkFilter, pattern_regex

# Filter tuple layout. The hot loop reads the first four fields only.
F_RANK = 0  # list position; plus RANK_LATE unless $important (important ones sort first)
F_NEEDLE = 1  # a lower-case literal every matching URL contains ('' when none)
F_ACC = 2  # accepted (type, party) pairs: type mask << (PSHIFT * party code)
F_SLOW = 3  # 0: needle + F_ACC prove the match; 1: check the fields below too
F_INC, F_EXC, F_KIND, F_PAT, F_CASE, F_EXTRA = 4, 5, 6, 7, 8, 9
F_TEXT, F_LIST, F_LINE, F_IMPORTANT, F_ID, F_MASK, F_PARTY = 10, 11, 12, 13, 14, 15, 16

# Pattern kinds.
K_ANY = 0  # the index lookup (and the needle) already proved the pattern
K_SUB = 1  # plain substring (case-sensitive; a case-insensitive one is its needle: K_ANY)
K_PREFIX = 2  # |literal
K_SUFFIX = 3  # literal|
K_EXACT = 4  # |literal|
K_RE = 5  # translated pattern, re.search
K_HOSTLIT = 6  # ||host/literal: literal right after the host
K_HOSTRE = 7  # ||host^...: regex anchored right after the host
K_REGEX = 8  # /regex/ filter

FilterT = tuple[Any, ...]
Bucket = tuple[FilterT, ...]
# Families: blocking (with `$important`) and exception filters, one table each.
BLOCK, EXCEPTION = 0, 1

RANK_LATE = 1 << 28  # ranks stay 32-bit ints: marshal stores and loads them cheaply
# Among filters of one importance, one anchored to the request's host (`||magsrv.com^`)
# is reported before a generic pattern (`://a.*/ad-provider.js`): it names who serves
# the request. Decisions do not depend on it, only which rule a report cites.
_RANK_GENERIC = 1 << 27
PSHIFT = 16  # type and pseudo-type bits fit below 1 << 16
_HOST_CHARS = lazy_regex(r"[a-z0-9.\-_]+")


def compile_filter(f: NetworkFilter, fid: int, list_idx: int) -> tuple[FilterT, str, str | None]:
    """(filter tuple, bucket kind, key): where the filter goes and how it matches."""
    pat = f.pattern if f.match_case else f.pattern.lower()
    kind = K_RE
    body = pat
    where, key = "fallback", None
    if f.regex:
        kind, body = K_REGEX, f.pattern[1:-1]
        needle = regex_literal(body).lower()
    elif pat.startswith("||"):
        rest = pat[2:]
        hm = _HOST_CHARS.match(rest.lower())
        host = hm.group() if hm else ""
        after = rest[len(host) :]
        if host and not host.endswith(".") and not host.startswith(".") and after[:1] in ("^", "/"):
            where, key = "host", host.lower()
            if after in ("^", "^*"):
                kind, body = K_ANY, ""
            elif "*" not in after and "^" not in after and not after.endswith("|"):
                kind, body = K_HOSTLIT, after
            else:
                kind, body = K_HOSTRE, pattern_regex("x" + after)[1:]
            needle = _literal_guard(after.lower())
        else:
            body = pattern_regex(pat)
            needle = _literal_guard(pat.lower())
    else:
        core = pat
        start = core.startswith("|")
        if start:
            core = core[1:]
        end = core.endswith("|")
        if end:
            core = core[:-1]
        if not start:
            core = core.lstrip("*")
        if not end:
            core = core.rstrip("*")
        if core == "" or core == "*":
            kind, body = K_ANY, ""
            needle = ""
        elif "*" in core or "^" in core:
            body = pattern_regex(pat)
            needle = _literal_guard(pat.lower())
        else:
            kind = (K_SUB, K_PREFIX, K_SUFFIX, K_EXACT)[start + 2 * end]
            body = core
            needle = core.lower()
            if kind == K_SUB and not f.match_case:
                kind, body = K_ANY, ""  # the needle is the whole pattern
    extra = None
    if f.denyallow is not None or f.to_include is not None or f.to_exclude is not None:
        extra = (f.denyallow, f.to_include, f.to_exclude)
    if f.mask >> PSHIFT:
        raise ValueError(f"type mask {f.mask:#x} does not fit in {PSHIFT} bits")
    slow = int(kind != K_ANY or f.include is not None or f.exclude is not None or extra is not None)
    if fid >= _RANK_GENERIC:
        raise ValueError(f"too many filters ({fid})")
    rank = fid if f.pattern.startswith("||") else fid + _RANK_GENERIC
    acc = f.mask << (PSHIFT * f.party)
    ft: FilterT = (
        rank if f.important else rank + RANK_LATE,
        needle,
        _INTS.setdefault(acc, acc),  # one object per value: the cache stores it once
        slow,
        f.include,
        f.exclude,
        kind,
        body,
        f.match_case,
        extra,
        f.text,
        list_idx,
        f.line,
        f.important,
        fid,
        _INTS.setdefault(f.mask, f.mask),
        f.party,
    )
    return ft, where, key


_INTS: dict[int, int] = {}


def _literal_guard(pattern: str) -> str:
    """The longest literal run of a (lower-cased) URL pattern: the URL must contain it."""
    return max(_WILDCARDS.split(pattern), key=len, default="")


_WILDCARDS = lazy_regex(r"[*^|]+")

