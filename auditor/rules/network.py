"""The indexed network matcher.

Each filter is compiled to a flat tuple (marshal-able, so the on-disk cache
loads without rebuilding objects) and filed in exactly one bucket:

* `||host^...` filters under their hostname; a request looks up each label
  suffix of its host, so `||magsrv.com^` meets `a.magsrv.com` in one dict probe;
* other filters under their rarest *complete* token (a run of `[a-z0-9%]` that
  any matching URL must contain as a whole token), like uBlock Origin and
  adblock-rust; a request tokenises its URL once and probes each token;
* token-less filters with a `$domain=` list under those source domains;
* the rest (mostly `/regex/` filters) in a small fallback list guarded by one
  required literal each.

So a URL meets a handful of candidates. Regexes compile lazily, on first use.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.rules.parse import (
    PARTY_ANY,
    PARTY_FIRST,
    PARTY_STRICT1,
    PARTY_STRICT3,
    PARTY_THIRD,
    TYPE_BITS,
    NetworkFilter,
    pattern_regex,
)

# Filter tuple layout.
F_MASK, F_PARTY, F_INC, F_EXC, F_KIND, F_PAT, F_CASE, F_ID, F_EXTRA = range(9)
F_TEXT, F_LIST, F_LINE, F_IMPORTANT = 9, 10, 11, 12

# Pattern kinds.
K_ANY = 0  # the index lookup already proved the pattern
K_SUB = 1  # plain substring
K_PREFIX = 2  # |literal
K_SUFFIX = 3  # literal|
K_EXACT = 4  # |literal|
K_RE = 5  # translated pattern, re.search
K_HOSTLIT = 6  # ||host/literal: literal right after the host
K_HOSTRE = 7  # ||host^...: regex anchored right after the host
K_REGEX = 8  # /regex/ filter

FilterT = tuple[Any, ...]
Bucket = tuple[FilterT, ...]

TOKEN_RE = re.compile(r"[a-z0-9%]+")
# scheme://[userinfo@]host — applied to the lower-cased URL.
URL_HOST_RE = re.compile(r"(?:[a-z][a-z0-9+.\-]*:)?//(?:[^/?#@]*@)?([^/?#:]*)")
_HOST_CHARS = re.compile(r"[a-z0-9.\-_]+")
_PARTY_NAMES = {
    PARTY_THIRD: "$third-party",
    PARTY_FIRST: "$first-party",
    PARTY_STRICT3: "$strict3p",
    PARTY_STRICT1: "$strict1p",
}
# Tokens so common in URLs that a bucket under them would be met by most requests.
_BAD_TOKENS = dict.fromkeys(
    "http https www com net org js css html php jpg png gif svg webp ad ads cdn static "
    "assets img images js min v1 v2 api id".split(),
    10_000,
)


# Bucket key namespaces in one dict per index: a token is `[a-z0-9%]+`, so none of
# these can collide with one.
HOST_SUFFIX = "."  # `magsrv.com.`: hostname-anchored filters, by host
SOURCE_PREFIX = "\x01"  # token-less filters with a $domain= list, by source domain
TYPE_PREFIX = "\x02"  # pattern-less, domain-less filters (`$ping,third-party`), by type bit


def type_key(bit: int) -> str:
    return f"{TYPE_PREFIX}{bit}"


@dataclass(frozen=True, slots=True)
class Index:
    """One family of filters (blocking, important blocking, or exception), bucketed.

    `buckets` maps every key kind (host, token, source domain, type) to its filters;
    a request intersects its own key set with `buckets.keys()` in C, and only the
    few filters without any usable key sit in `fallback`, each behind one literal
    the URL must contain.
    """

    buckets: dict[str, Bucket]
    fallback: Bucket
    fallback_guard: tuple[str, ...]

    def to_plain(self) -> tuple[Any, ...]:
        return (self.buckets, self.fallback, self.fallback_guard)

    @classmethod
    def from_plain(cls, data: Sequence[Any]) -> Index:
        return cls(data[0], data[1], data[2])

    def __len__(self) -> int:
        seen = {f[F_ID] for b in self.buckets.values() for f in b}
        seen.update(f[F_ID] for f in self.fallback)
        return len(seen)


def complete_tokens(pattern: str) -> list[str]:
    """Tokens of a (lower-cased) pattern that a matching URL must contain whole.

    >>> complete_tokens("||ads.example.com/banner*")
    ['ads', 'example', 'com']
    >>> complete_tokens("-ad-300x250.")
    ['ad', '300x250']
    """
    out: list[str] = []
    n = len(pattern)
    for m in TOKEN_RE.finditer(pattern):
        s, e = m.span()
        if s == 0 or pattern[s - 1] == "*":
            continue
        if e == n or pattern[e] == "*":
            continue
        out.append(m.group())
    return out


def _regex_literal(src: str) -> str:
    """The longest literal run a /regex/ surely requires, '' when unsure (a guard, not a proof).

    Only runs outside every group count, and none at all when a top-level `|` makes
    the whole regex an alternation.

    >>> _regex_literal(r"^https?://[a-z]+\\.example\\.com/(?:a|b)/track")
    '.example.com/'
    """
    runs: list[str] = []
    cur: list[str] = []
    depth = 0
    i, n = 0, len(src)

    def close() -> None:
        if cur:
            runs.append("".join(cur))
            cur.clear()

    while i < n:
        c = src[i]
        lit = ""
        if c == "\\" and i + 1 < n:
            nxt = src[i + 1]
            lit = nxt if not nxt.isalnum() else ""
            i += 2
        elif c == "[":
            j = i + 1
            while j < n and src[j] != "]":
                j += 2 if src[j] == "\\" else 1
            i = j + 1
        elif c == "(":
            depth += 1
            i += 1
        elif c == ")":
            depth -= 1
            i += 1
        elif c == "|":
            if depth == 0:
                return ""
            i += 1
        elif c == "{":
            j = src.find("}", i)
            i = n if j < 0 else j + 1
        elif c in ".^$*+?}":
            i += 1
        else:
            lit = c
            i += 1
        following = src[i] if i < n else ""
        if lit and depth == 0 and following not in ("?", "*", "{"):
            cur.append(lit.lower())
            if following == "+":
                close()
        else:
            close()
    close()
    return max(runs, key=len, default="")


def _compile_one(f: NetworkFilter, fid: int, list_idx: int) -> tuple[FilterT, str, str | None]:
    """(filter tuple, bucket kind, key): where the filter goes and how it matches."""
    pat = f.pattern if f.match_case else f.pattern.lower()
    kind = K_RE
    body = pat
    where, key = "fallback", None
    if f.regex:
        kind, body = K_REGEX, f.pattern[1:-1]
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
        else:
            body = pattern_regex(pat)
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
        elif "*" in core or "^" in core:
            body = pattern_regex(pat)
        else:
            kind = (K_SUB, K_PREFIX, K_SUFFIX, K_EXACT)[start + 2 * end]
            body = core
    extra = None
    if f.denyallow is not None or f.to_include is not None or f.to_exclude is not None:
        extra = (f.denyallow, f.to_include, f.to_exclude)
    ft: FilterT = (
        f.mask,
        f.party,
        f.include,
        f.exclude,
        kind,
        body,
        f.match_case,
        fid,
        extra,
        f.text,
        list_idx,
        f.line,
        f.important,
    )
    return ft, where, key


def _literal_guard(pattern: str) -> str:
    """The longest literal run of a (lower-cased) URL pattern: the URL must contain it."""
    parts = re.split(r"[*^|]+", pattern)
    return max(parts, key=len, default="")


def build_index(filters: Iterable[tuple[NetworkFilter, int, int]]) -> Index:
    """Bucket compiled filters; `filters` yields (filter, id, list index)."""
    compiled: list[tuple[FilterT, str, str | None, NetworkFilter, list[str]]] = []
    counts: Counter[str] = Counter()
    for f, fid, li in filters:
        ft, where, key = _compile_one(f, fid, li)
        toks: list[str] = []
        if where != "host":
            if f.regex:
                toks = complete_tokens(_regex_literal(ft[F_PAT]))
            else:
                toks = complete_tokens(f.pattern.lower())
            counts.update(set(toks))
        compiled.append((ft, where, key, f, toks))
    buckets: dict[str, list[FilterT]] = {}
    fallback: list[FilterT] = []
    guard: list[str] = []
    for ft, where, key, f, toks in compiled:
        if where == "host" and key is not None:
            buckets.setdefault(key + HOST_SUFFIX, []).append(ft)
        elif toks:
            best = min(toks, key=lambda t: (counts[t] + _BAD_TOKENS.get(t, 0), -len(t)))
            buckets.setdefault(best, []).append(ft)
        elif f.include and not f.exclude:
            for d in f.include:
                buckets.setdefault(SOURCE_PREFIX + d, []).append(ft)
        elif ft[F_KIND] == K_ANY:
            for bit in TYPE_BITS.values():
                if f.mask & bit:
                    buckets.setdefault(type_key(bit), []).append(ft)
        else:
            fallback.append(ft)
            guard.append(
                _regex_literal(ft[F_PAT]) if f.regex else _literal_guard(f.pattern.lower())
            )
    return Index(
        buckets={k: tuple(v) for k, v in buckets.items()},
        fallback=tuple(fallback),
        fallback_guard=tuple(guard),
    )


class Request:
    """A request prepared once for all indexes: lower-cased, its keys (host suffixes,
    tokens, source domains, type) in one set."""

    __slots__ = (
        "domain",
        "host",
        "host_end",
        "keys",
        "party_ok",
        "src_keys",
        "tbit",
        "url",
        "url_l",
    )

    def __init__(
        self,
        url: str,
        url_l: str,
        tbit: int,
        host: str,
        host_end: int,
        keys: set[str],
        src_keys: tuple[str, ...],
        party_ok: tuple[bool, ...],
        domain: str,
    ) -> None:
        self.url = url
        self.url_l = url_l
        self.tbit = tbit
        self.host = host
        self.host_end = host_end
        self.keys = keys
        self.src_keys = src_keys
        self.party_ok = party_ok
        self.domain = domain

    def candidates(self, idx: Index) -> list[Bucket]:
        """The buckets this request meets in `idx`."""
        b = idx.buckets
        out = [b[k] for k in b.keys() & self.keys]
        if idx.fallback:
            url_l = self.url_l
            picked = tuple(
                f for f, g in zip(idx.fallback, idx.fallback_guard, strict=True) if g in url_l
            )
            if picked:
                out.append(picked)
        return out


class Matcher:
    """Holds the three indexes and the lazily compiled regexes of their filters."""

    __slots__ = ("_important_keys", "_regex", "block", "exception", "important")

    def __init__(self, block: Index, important: Index, exception: Index) -> None:
        self.block = block
        self.important = important
        self.exception = exception
        self._regex: dict[int, re.Pattern[str]] = {}
        # `$important` filters are few: one set test tells most requests to skip them
        self._important_keys = None if important.fallback else frozenset(important.buckets)

    def may_be_important(self, req: Request) -> bool:
        keys = self._important_keys
        return keys is None or not keys.isdisjoint(req.keys)

    def regex_of(self, f: FilterT) -> re.Pattern[str]:
        """Compile a filter's regex once, on first use."""
        rx = self._regex.get(f[F_ID])
        if rx is None:
            flags = 0 if f[F_CASE] else re.IGNORECASE
            try:
                rx = re.compile(f[F_PAT], flags)
            except re.error:
                rx = re.compile(r"(?!)")
            self._regex[f[F_ID]] = rx
        return rx

    def first(self, idx: Index, req: Request, important_only: bool = False) -> FilterT | None:
        """The matching filter of `idx` that comes first in list order, or None. The hot path.

        List order (not bucket order, which follows set iteration) makes the reported
        rule the same on every run; buckets are sorted by id, so a bucket is left as
        soon as it reaches the best id found so far.
        """
        tbit = req.tbit
        party_ok = req.party_ok
        src_keys = req.src_keys
        url_l = req.url_l
        best: FilterT | None = None
        best_id = 1 << 62
        for bucket in req.candidates(idx):
            for f in bucket:
                if f[F_ID] >= best_id:
                    break
                if not f[F_MASK] & tbit or not party_ok[f[F_PARTY]]:
                    continue
                inc = f[F_INC]
                if inc is not None and inc.isdisjoint(src_keys):
                    continue
                exc = f[F_EXC]
                if exc is not None and not exc.isdisjoint(src_keys):
                    continue
                if important_only and not f[F_IMPORTANT]:
                    continue
                kind = f[F_KIND]
                if kind:
                    u = req.url if f[F_CASE] else url_l
                    p = f[F_PAT]
                    if kind == K_SUB:
                        if p not in u:
                            continue
                    elif kind == K_RE or kind == K_REGEX:
                        if self.regex_of(f).search(u) is None:
                            continue
                    elif kind == K_HOSTLIT:
                        if not u.startswith(p, req.host_end):
                            continue
                    elif kind == K_HOSTRE:
                        if self.regex_of(f).match(u, req.host_end) is None:
                            continue
                    elif kind == K_PREFIX:
                        if not u.startswith(p):
                            continue
                    elif kind == K_SUFFIX:
                        if not u.endswith(p):
                            continue
                    elif kind == K_EXACT:
                        if u != p:
                            continue
                if f[F_EXTRA] is not None and not _extra_ok(f[F_EXTRA], req):
                    continue
                best, best_id = f, f[F_ID]
                break
        return best

    def why_not(self, f: FilterT, req: Request) -> str | None:
        """None if `f` matches `req`, else the first reason it does not (for `rules check`)."""
        kind = f[F_KIND]
        u = req.url if f[F_CASE] else req.url_l
        p = f[F_PAT]
        ok = True
        if kind == K_SUB:
            ok = p in u
        elif kind in (K_RE, K_REGEX):
            ok = self.regex_of(f).search(u) is not None
        elif kind == K_HOSTLIT:
            ok = u.startswith(p, req.host_end)
        elif kind == K_HOSTRE:
            ok = self.regex_of(f).match(u, req.host_end) is not None
        elif kind == K_PREFIX:
            ok = u.startswith(p)
        elif kind == K_SUFFIX:
            ok = u.endswith(p)
        elif kind == K_EXACT:
            ok = u == p
        if not ok:
            return "pattern does not match the URL"
        if not f[F_MASK] & req.tbit:
            return "request type not among the filter's types"
        if not req.party_ok[f[F_PARTY]]:
            return f"{_PARTY_NAMES.get(f[F_PARTY], 'party')} not satisfied"
        if f[F_INC] is not None and f[F_INC].isdisjoint(req.src_keys):
            return "$domain= does not include the source page"
        if f[F_EXC] is not None and not f[F_EXC].isdisjoint(req.src_keys):
            return "$domain= excludes the source page"
        if f[F_EXTRA] is not None and not _extra_ok(f[F_EXTRA], req):
            return "$denyallow=/$to= excludes the request host"
        return None

    def all_candidates(self, req: Request) -> list[tuple[str, FilterT]]:
        """Every filter the request meets in any index, tagged with the index name."""
        out: list[tuple[str, FilterT]] = []
        seen: set[int] = set()
        for name, idx in (
            ("important", self.important),
            ("block", self.block),
            ("exception", self.exception),
        ):
            for bucket in req.candidates(idx):
                for f in bucket:
                    if f[F_ID] not in seen:
                        seen.add(f[F_ID])
                        out.append((name, f))
        return out


def _extra_ok(extra: tuple[Any, ...], req: Request) -> bool:
    """$denyallow= and $to=: conditions on the request's own host."""
    keys = _req_keys(req)
    deny, to_inc, to_exc = extra
    if deny is not None and not deny.isdisjoint(keys):
        return False
    if to_inc is not None and to_inc.isdisjoint(keys):
        return False
    return not (to_exc is not None and not to_exc.isdisjoint(keys))


def _req_keys(req: Request) -> tuple[str, ...]:
    from auditor.rules.domains import host_keys

    return host_keys(req.host, req.domain)


TYPE_BIT: dict[str, int] = dict(TYPE_BITS)


def party_tuple(host: str, domain: str, src_host: str, src_domain: str) -> tuple[bool, ...]:
    """Which `PARTY_*` requirements the request satisfies, indexed by the code."""
    third = domain != src_domain
    return (True, third, not third, host != src_host, host == src_host)


__all__ = [
    "F_IMPORTANT",
    "F_LINE",
    "F_LIST",
    "F_TEXT",
    "PARTY_ANY",
    "TYPE_BIT",
    "URL_HOST_RE",
    "Index",
    "Matcher",
    "Request",
    "build_index",
    "complete_tokens",
]
