"""The indexed network matcher.

Each filter is compiled to a flat tuple (marshal-able, so the on-disk cache
loads without rebuilding objects) and filed in one dict for all families
(blocking, `$important`, exception), under:

* `||host^...` filters under their hostname; a request looks up each label
  suffix of its host, so `||magsrv.com^` meets `a.magsrv.com` in one dict probe;
* other filters under their rarest *complete* token (a run of `[a-z0-9%]` that
  any matching URL must contain as a whole token), like uBlock Origin and
  adblock-rust, where "rare" also counts how common the token is in URLs
  (`token_cost`); a request tokenises its URL once (its `scheme://host` part once
  per origin) and probes each token;
* token-less filters, or those with only common tokens, with a `$domain=` list
  under those source domains;
* the rest (mostly `/regex/` filters) in a small fallback list guarded by one
  required literal each.

So a URL meets a handful of candidates. Each is checked needle first (a literal
the URL must contain), then one bitmask test for type and party, and only then the
slow checks. Buckets are sorted by rank ($important first, then filters anchored to a
host, then list order), so the reported rule is stable and a scan stops early. Regexes compile
lazily, on first use.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.rules.domains import host_keys
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
from auditor.rules.regex import NEVER, RulePattern, RuleRegexError, compile_rule_regex

# Filter tuple layout. The hot loop reads the first four fields only.
F_RANK = 0  # list position; plus _RANK_LATE unless $important (important ones sort first)
F_NEEDLE = 1  # a lower-case literal every matching URL contains ('' when none)
F_ACC = 2  # accepted (type, party) pairs: type mask << (_PSHIFT * party code)
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

_RANK_LATE = 1 << 28  # ranks stay 32-bit ints: marshal stores and loads them cheaply
# Among filters of one importance, one anchored to the request's host (`||magsrv.com^`)
# is reported before a generic pattern (`://a.*/ad-provider.js`): it names who serves
# the request. Decisions do not depend on it, only which rule a report cites.
_RANK_GENERIC = 1 << 27
_PSHIFT = 16  # type and pseudo-type bits fit below 1 << 16

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

# Tokens that most real request URLs carry (scheme, www, TLDs, file extensions, the
# usual path and query words of CMSs, CDNs and tag snippets): a filter filed under one
# of them would be tested on most requests. The list is general web knowledge, not
# drawn from any benchmark set; a filter whose every token is here still goes under
# the least common of them. Short and small-number tokens are penalised by rule.
_COMMON_URL_TOKENS = frozenset(
    """
    http https www com net org io co uk de fr ru jp cn br it es nl pl au ca in eu us tv
    me info biz xyz app dev cloud online site
    js css html htm php asp aspx jsp cgi json xml txt map min gz
    gif jpg jpeg png webp svg ico bmp avif woff woff2 ttf otf eot mp4 webm mp3 m3u8 ts
    cdn static assets asset img images image media files file content contents uploads
    upload wp includes plugins plugin themes theme dist build src lib libs vendor vendors
    bundle bundles chunk chunks main app index default common core public resources res
    script scripts style styles font fonts icon icons logo thumb thumbs thumbnail
    api v1 v2 v3 v4 ajax rest graphql data id ids uid page pages view views home search
    user users news article articles post posts blog category tag tags comments
    en utm_source utm_medium utm_campaign ref q s t v p r w h x y z type format size
    width height lang callback cb rnd random ts time timestamp version ver cache
    ad ads track tracking analytics pixel event events collect beacon
    google googleapis gstatic facebook twitter cloudfront akamaized amazonaws jquery
    """.split()
)
_COMMON_PENALTY = 10_000


def token_cost(token: str, filter_count: int) -> int:
    """How bad a bucket `token` is: its filter count plus how often URLs carry it."""
    cost = filter_count
    if token in _COMMON_URL_TOKENS:
        cost += _COMMON_PENALTY
    n = len(token)
    if n <= 2:
        cost += 5_000 if n == 1 else 2_000
    elif token.isdigit() and n <= 4:
        cost += 1_000  # years, sizes, versions
    return cost


# Bucket key namespaces in one dict: a token is `[a-z0-9%]+`, so none of these can
# collide with one.
HOST_SUFFIX = "."  # `magsrv.com.`: hostname-anchored filters, by host
SOURCE_PREFIX = "\x01"  # token-less filters with a $domain= list, by source domain
TYPE_PREFIX = "\x02"  # pattern-less, domain-less filters (`$ping,third-party`), by type bit


def type_key(bit: int) -> str:
    return f"{TYPE_PREFIX}{bit}"


@dataclass(frozen=True, slots=True)
class Index:
    """All network filters, bucketed: a dict from key to filters per family (blocking,
    with `$important` ones, and exception).

    A key is a host suffix, a URL token, a source domain or a type; a request meets the
    buckets of its keys. Each bucket is sorted by rank (important filters first, then
    host-anchored ones, then list order), so a scan stops as soon as it reaches the best
    rank found so far. The few filters without any usable key sit in `fallback`, met
    when the URL contains one of `fallback_guard` (their needles).
    """

    block: dict[str, Bucket]
    exception: dict[str, Bucket]
    fallback: tuple[Bucket, Bucket]  # (blocking, exception)
    fallback_guard: tuple[str, ...]

    def to_plain(self) -> tuple[Any, ...]:
        return (self.block, self.exception, self.fallback, self.fallback_guard)

    @classmethod
    def from_plain(cls, data: Sequence[Any]) -> Index:
        return cls(data[0], data[1], data[2], data[3])

    def __len__(self) -> int:
        seen = {f[F_ID] for t in (self.block, self.exception) for b in t.values() for f in b}
        seen.update(f[F_ID] for b in self.fallback for f in b)
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
        needle = _regex_literal(body)
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
    if f.mask >> _PSHIFT:
        raise ValueError(f"type mask {f.mask:#x} does not fit in {_PSHIFT} bits")
    slow = int(kind != K_ANY or f.include is not None or f.exclude is not None or extra is not None)
    if fid >= _RANK_GENERIC:
        raise ValueError(f"too many filters ({fid})")
    rank = fid if f.pattern.startswith("||") else fid + _RANK_GENERIC
    acc = f.mask << (_PSHIFT * f.party)
    ft: FilterT = (
        rank if f.important else rank + _RANK_LATE,
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


_WILDCARDS = re.compile(r"[*^|]+")


def build_index(filters: Iterable[tuple[NetworkFilter, int, int]]) -> Index:
    """Bucket compiled filters; `filters` yields (filter, id, list index), blocking,
    `$important` and exception filters alike, in list order (ids increasing)."""
    compiled: list[tuple[FilterT, str, str | None, NetworkFilter, list[str]]] = []
    counts: Counter[str] = Counter()
    for f, fid, li in filters:
        ft, where, key = _compile_one(f, fid, li)
        toks: list[str] = []
        if where != "host":
            if f.regex:
                toks = complete_tokens(ft[F_NEEDLE])
            else:
                toks = complete_tokens(f.pattern.lower())
            counts.update(set(toks))
        compiled.append((ft, where, key, f, toks))
    buckets: tuple[dict[str, list[FilterT]], dict[str, list[FilterT]]] = ({}, {})
    fallback: tuple[list[FilterT], list[FilterT]] = ([], [])
    for ft, where, key, f, toks in compiled:
        fam = EXCEPTION if f.exception else BLOCK
        b = buckets[fam]
        best = None
        if toks:
            best = min(toks, key=lambda t: (token_cost(t, counts[t]), -len(t)))
        if where == "host" and key is not None:
            b.setdefault(key + HOST_SUFFIX, []).append(ft)
        elif best is not None and (
            token_cost(best, counts[best]) < _COMMON_PENALTY
            or not f.include
            or f.exclude
            or len(f.include) > 8
        ):
            b.setdefault(best, []).append(ft)
        elif f.include and not f.exclude:
            # only common tokens, or none: the few source pages it applies on are rarer
            for d in f.include:
                b.setdefault(SOURCE_PREFIX + d, []).append(ft)
        elif ft[F_KIND] == K_ANY and not ft[F_NEEDLE]:
            for bit in TYPE_BITS.values():
                if f.mask & bit:
                    b.setdefault(type_key(bit), []).append(ft)
        else:
            fallback[fam].append(ft)
    empty: Bucket = ()

    def bucket(v: list[FilterT] | None) -> Bucket:
        if not v:
            return empty
        return tuple(sorted(v, key=lambda ft: ft[F_RANK]))

    return Index(
        block={k: bucket(v) for k, v in buckets[BLOCK].items()},
        exception={k: bucket(v) for k, v in buckets[EXCEPTION].items()},
        fallback=(bucket(fallback[BLOCK]), bucket(fallback[EXCEPTION])),
        fallback_guard=tuple(sorted({ft[F_NEEDLE] for fam in fallback for ft in fam})),
    )


def party_bits(third: bool, same_host: bool) -> int:
    """The party codes (`PARTY_*`) a request satisfies, one bit per code at `_PSHIFT` spacing;
    times the request's type bit, it meets a filter's F_ACC."""
    bits = 1  # PARTY_ANY
    bits |= 1 << (_PSHIFT * (PARTY_THIRD if third else PARTY_FIRST))
    bits |= 1 << (_PSHIFT * (PARTY_STRICT1 if same_host else PARTY_STRICT3))
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
        return bool(self.rb >> (_PSHIFT * party_code) & self.tbit)

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
        if f[F_RANK] < _RANK_LATE:  # $important: only an important exception overrides it
            return (e, False) if e[F_RANK] < _RANK_LATE else (f, True)
        if e[F_RANK] < _RANK_LATE:
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
    "token_cost",
]
