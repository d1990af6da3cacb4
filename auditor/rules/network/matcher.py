"""Requests prepared once, and the matcher: the one place a filter meets a request."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from auditor.rules.domains import host_keys
from auditor.rules.network.filters import (
    BLOCK,
    EXCEPTION,
    F_CASE,
    F_EXC,
    F_EXTRA,
    F_ID,
    F_IMPORTANT,
    F_INC,
    F_KIND,
    F_MASK,
    F_NEEDLE,
    F_PARTY,
    F_PAT,
    F_RANK,
    K_HOSTLIT,
    K_HOSTRE,
    K_PREFIX,
    K_RE,
    K_REGEX,
    K_SUB,
    K_SUFFIX,
    PSHIFT,
    RANK_LATE,
    Bucket,
    FilterT,
)
from auditor.rules.network.index import Index
from auditor.rules.parse import (
    PARTY_FIRST,
    PARTY_STRICT1,
    PARTY_STRICT3,
    PARTY_THIRD,
    TYPE_BITS,
)
from auditor.rules.regex import NEVER, RulePattern, RuleRegexError, compile_rule_regex

_PARTY_NAMES = {
    PARTY_THIRD: "$third-party",
    PARTY_FIRST: "$first-party",
    PARTY_STRICT3: "$strict3p",
    PARTY_STRICT1: "$strict1p",
}


def party_bits(third: bool, same_host: bool) -> int:
    """The party codes (`PARTY_*`) a request satisfies, one bit per code at `PSHIFT` spacing;
    times the request's type bit, it meets a filter's F_ACC."""
    bits = 1  # PARTY_ANY
    bits |= 1 << (PSHIFT * (PARTY_THIRD if third else PARTY_FIRST))
    bits |= 1 << (PSHIFT * (PARTY_STRICT1 if same_host else PARTY_STRICT3))
    return bits


# No source host (none given, `about:blank`, `data:`...): the party is unknown, so
# every party option applies, as in adblock-rust.
NO_SOURCE_PARTY = party_bits(False, True) | party_bits(True, False)
_PARTY_TABLE = (
    (party_bits(False, False), party_bits(False, True)),
    (party_bits(True, False), party_bits(True, True)),
)


class Request:
    """A request prepared once: lower-cased, its index keys, its type and party bits.

    It holds keys, not buckets: `Matcher.buckets` looks a family's buckets up when a
    decision needs them, so a request no blocking filter matches never looks up its
    exception buckets.
    """

    __slots__ = (
        "domain",
        "fallback",
        "host",
        "host_end",
        "near",
        "rb",
        "src_keys",
        "tbit",
        "tokens",
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
        domain: str,
        src_host: str,
        src_domain: str,
        src_keys: tuple[str, ...],
        tokens: list[str],
        near: tuple[tuple[tuple[Bucket, ...], ...], tuple[tuple[Bucket, ...], ...]],
        fallback: bool,
    ) -> None:
        self.url = url
        self.url_l = url_l
        self.tbit = tbit
        # the request's party, computed here only, so `match` and `explain` cannot differ;
        # times the type bit it meets a filter's F_ACC when type and party both fit
        if src_host:
            self.rb = tbit * _PARTY_TABLE[domain != src_domain][host == src_host]
        else:
            self.rb = tbit * NO_SOURCE_PARTY
        self.host = host
        self.host_end = host_end
        self.domain = domain
        self.src_keys = src_keys
        self.tokens = tokens  # of the URL past its host
        # per family (blocking, exception): the buckets of the host, source and type,
        # looked up once per origin, source page and type
        self.near = near
        self.fallback = fallback  # the URL holds a fallback filter's guard

    def satisfies(self, party_code: int) -> bool:
        """Whether a filter with this party option (`PARTY_*`) accepts the request's party."""
        return bool(self.rb >> (PSHIFT * party_code) & self.tbit)

    @property
    def third_party(self) -> bool | None:
        """None when the party is unknown (no source host): both `$1p` and `$3p` apply."""
        third, first = self.satisfies(PARTY_THIRD), self.satisfies(PARTY_FIRST)
        return third if third != first else None


class Matcher:
    """Holds the index and the lazily compiled regexes of its filters."""

    __slots__ = ("_regex", "block", "exception", "fallback", "fallback_re", "index")

    def __init__(self, index: Index) -> None:
        self.index = index
        self.block = index.block
        self.exception = index.exception
        self.fallback = index.fallback
        guards = index.fallback_guard
        self.fallback_re: re.Pattern[str] | None = None
        if guards:
            self.fallback_re = re.compile(
                "" if "" in guards else "|".join(re.escape(g) for g in guards)
            )
        self._regex: dict[int, RulePattern] = {}

    def buckets_for(self, keys: Iterable[str]) -> tuple[tuple[Bucket, ...], tuple[Bucket, ...]]:
        """(blocking, exception) buckets under these keys."""
        keys = list(keys)
        block, exc = self.block, self.exception
        return (
            tuple(block[k] for k in keys if k in block),
            tuple(exc[k] for k in keys if k in exc),
        )

    def regex_of(self, f: FilterT) -> RulePattern:
        """Compile a filter's regex once, on first use (RE2: linear time, see rules.regex)."""
        rx = self._regex.get(f[F_ID])
        if rx is None:
            try:
                rx = compile_rule_regex(f[F_PAT], ignore_case=not f[F_CASE])
            except RuleRegexError:
                rx = NEVER
            self._regex[f[F_ID]] = rx
        return rx

    def pattern_ok(self, f: FilterT, url: str, url_l: str, host_end: int) -> bool:
        """The pattern beyond its needle: the one check of each pattern kind."""
        kind = f[F_KIND]
        if not kind:
            return True
        u: str = url if f[F_CASE] else url_l
        p: str = f[F_PAT]
        if kind == K_SUB:
            return p in u
        if kind == K_RE or kind == K_REGEX:
            return self.regex_of(f).search(u) is not None
        if kind == K_HOSTLIT:
            return u.startswith(p, host_end)
        if kind == K_HOSTRE:
            return self.regex_of(f).match(u, host_end) is not None
        if kind == K_PREFIX:
            return u.startswith(p)
        if kind == K_SUFFIX:
            return u.endswith(p)
        return u == p

    def slow_ok(self, f: FilterT, req: Request) -> bool:
        """The checks behind F_SLOW: domain lists, the pattern beyond its needle, $to=."""
        inc = f[F_INC]
        if inc is not None and inc.isdisjoint(req.src_keys):
            return False
        exc = f[F_EXC]
        if exc is not None and not exc.isdisjoint(req.src_keys):
            return False
        if f[F_KIND] and not self.pattern_ok(f, req.url, req.url_l, req.host_end):
            return False
        return f[F_EXTRA] is None or _extra_ok(f[F_EXTRA], req.host, req.domain)

    def first(self, buckets: Iterable[Bucket], req: Request) -> FilterT | None:
        """The matching filter of these buckets with the lowest rank, or None. The hot path,
        and the only place a filter is matched against a request.

        Rank, not bucket order (which follows set iteration), decides, so the reported
        rule is the same on every run; buckets are sorted by rank, so a bucket is left
        as soon as it reaches the best rank found so far.
        """
        url_l, rb, slow_ok = req.url_l, req.rb, self.slow_ok
        best: FilterT | None = None
        best_r = 1 << 62
        for bucket in buckets:
            for f in bucket:
                if f[0] >= best_r:
                    break
                if f[1] not in url_l or not f[2] & rb:
                    continue
                if f[3] and not slow_ok(f, req):
                    continue
                best, best_r = f, f[0]
                break
        return best

    def matches(self, f: FilterT, req: Request) -> bool:
        """Whether `f` matches `req`, decided by `first` itself so no second copy can drift."""
        return self.first(((f,),), req) is not None

    def first_by_id(self, buckets: Iterable[Bucket], req: Request) -> FilterT | None:
        """The matching filter of these buckets earliest in list order, rank ignored."""
        best: FilterT | None = None
        for bucket in buckets:
            for f in bucket:
                if best is not None and f[F_ID] >= best[F_ID]:
                    continue
                if self.matches(f, req):
                    best = f
        return best

    def buckets(self, req: Request, family: int) -> list[Bucket]:
        """The buckets of one family (BLOCK, EXCEPTION) that `req` meets."""
        found = list(filter(None, map((self.exception if family else self.block).get, req.tokens)))
        for near in req.near[family]:
            found += near
        if req.fallback:
            found.append(self.fallback[family])
        return found

    def decide(self, req: Request) -> tuple[FilterT | None, bool]:
        """(deciding filter, blocked).

        An `$important` blocking filter wins unless an `$important` exception also
        matches; otherwise the earliest blocking filter wins unless any exception
        matches (the earliest is reported).
        """
        blocking = self.buckets(req, BLOCK)
        if not blocking:
            return None, False  # the usual case: no filter work at all
        f = self.first(blocking, req)
        if f is None:
            return None, False
        ebuckets = self.buckets(req, EXCEPTION)
        e = self.first(ebuckets, req)
        if e is None:
            return f, True
        if f[F_RANK] < RANK_LATE:  # $important: only an important exception overrides it
            return (e, False) if e[F_RANK] < RANK_LATE else (f, True)
        if e[F_RANK] < RANK_LATE:
            # an important exception sorts first; report the earliest exception in list order
            e = self.first_by_id(ebuckets, req) or e
        return e, False

    def why_not(self, f: FilterT, req: Request) -> str | None:
        """None if `f` matches `req`, else the first reason it does not (for `rules check`).

        The verdict is `matches`, the fast path's own check; the rest only names the
        part that failed.
        """
        if f[F_NEEDLE] not in req.url_l or not self.pattern_ok(f, req.url, req.url_l, req.host_end):
            return "pattern does not match the URL"
        if self.matches(f, req):
            return None
        if not f[F_MASK] & req.tbit:
            return "request type not among the filter's types"
        if not req.satisfies(f[F_PARTY]):
            return f"{_PARTY_NAMES.get(f[F_PARTY], 'party')} not satisfied"
        if f[F_INC] is not None and f[F_INC].isdisjoint(req.src_keys):
            return "$domain= does not include the source page"
        if f[F_EXC] is not None and not f[F_EXC].isdisjoint(req.src_keys):
            return "$domain= excludes the source page"
        return "$denyallow=/$to= excludes the request host"

    def all_candidates(self, req: Request) -> list[tuple[str, FilterT]]:
        """Every filter the request meets, tagged "important", "block" or "exception"."""
        out: list[tuple[str, FilterT]] = []
        seen: set[int] = set()
        for fam in (BLOCK, EXCEPTION):
            for bucket in self.buckets(req, fam):
                for f in bucket:
                    if f[F_ID] not in seen:
                        seen.add(f[F_ID])
                        name = "exception" if fam else ("important" if f[F_IMPORTANT] else "block")
                        out.append((name, f))
        return out


def _extra_ok(extra: tuple[Any, ...], host: str, domain: str) -> bool:
    """$denyallow= and $to=: conditions on the request's own host."""
    keys = host_keys(host, domain)
    deny, to_inc, to_exc = extra
    if deny is not None and not deny.isdisjoint(keys):
        return False
    if to_inc is not None and to_inc.isdisjoint(keys):
        return False
    return not (to_exc is not None and not to_exc.isdisjoint(keys))


TYPE_BIT: dict[str, int] = dict(TYPE_BITS)
