"""The network index: every filter filed under the key a matching request must carry."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.rules.network.filters import (
    BLOCK,
    EXCEPTION,
    F_ID,
    F_KIND,
    F_NEEDLE,
    F_RANK,
    K_ANY,
    Bucket,
    FilterT,
    compile_filter,
)
from auditor.rules.network.tokens import (
    COMMON_PENALTY,
    HOST_SUFFIX,
    SOURCE_PREFIX,
    complete_tokens,
    token_cost,
    type_key,
)
from auditor.rules.parse import TYPE_BITS, NetworkFilter


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


def build_index(filters: Iterable[tuple[NetworkFilter, int, int]]) -> Index:
    """Bucket compiled filters; `filters` yields (filter, id, list index), blocking,
    `$important` and exception filters alike, in list order (ids increasing)."""
    compiled: list[tuple[FilterT, str, str | None, NetworkFilter, list[str]]] = []
    counts: Counter[str] = Counter()
    for f, fid, li in filters:
        ft, where, key = compile_filter(f, fid, li)
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
            token_cost(best, counts[best]) < COMMON_PENALTY
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
