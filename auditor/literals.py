"""Which of many literals a text holds, in one pass."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import re2  # type: ignore[import-untyped]

from auditor.lazy_re import lazy_regex

# Below these, `in` per literal beats the set's fixed cost (encoding the text, calling
# RE2): 13 literals over an 80-character URL 1.4 µs against 3.6 µs; at 2,000 characters
# or 60 literals the set is quicker.
_SHORT, _FEW = 1000, 16

ID_WORD = lazy_regex(r"[\w-]+")  # what an ID is made of (UA-48213377-1, 2718281, k3x9q2m7pd)
_PLAIN_WORD = lazy_regex(r"\w+")


def id_words(text: str) -> set[str]:
    """The words an ID may be in a text: hyphens joined (`UA-48213377-1`) or apart (the
    `2718281` of `hotjar-2718281.js`); looked up, not each ID sought in every text."""
    return set(ID_WORD.findall(text)) | set(_PLAIN_WORD.findall(text))


class LiteralSet:
    """Which of many literals occur in a text, found in one linear pass (an RE2 set over
    the UTF-8 bytes). `literal in text` once per literal scanned the text once each:
    170 ID needles took 5 ms on a 33 KB page holding non-ASCII text, one pass 0.2 ms."""

    __slots__ = ("_held", "_literals", "_set")

    def __init__(self, literals: Iterable[str]) -> None:
        self._literals = tuple(dict.fromkeys(literals))
        self._held = frozenset(self._literals)
        self._set: Any = None
        if self._literals:
            options = re2.Options()
            options.encoding = re2.Options.Encoding.LATIN1  # bytes as they are
            options.literal = True
            self._set = re2.Set.SearchSet(options)
            for literal in self._literals:
                self._set.Add(literal.encode("utf-8", "surrogatepass"))
            self._set.Compile()

    @property
    def literals(self) -> frozenset[str]:
        """The literals the set looks for."""
        return self._held

    def covers(self, literal: str | None) -> bool:
        """Whether `literal` is one the set looks for (a hash look-up: it is asked per
        pattern per page)."""
        return literal in self._held

    def present(self, text: str | bytes) -> set[str | None]:
        """The literals `text` holds (bytes: as UTF-8), and None (what a pattern without
        a literal needs)."""
        found: set[str | None] = {None}
        if isinstance(text, str) and len(text) <= _SHORT and len(self._literals) <= _FEW:
            found.update(lit for lit in self._literals if lit in text)  # a URL: no set
        elif self._set is not None:
            data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
            found.update(self._literals[i] for i in self._set.Match(data) or ())
        return found


_BATCH = 1 << 20  # needle bytes per RE2 program: a bounded program, a scan of the text each
_RESTART = 256  # scans landing on spent needles alone, past which they are compiled out


def occurrences(text: str | bytes, caps: Mapping[str, int]) -> dict[str, list[int]]:
    """needle -> where (in `text` as UTF-8) its first `caps[needle]` occurrences start,
    taken as `str.count` takes them: left to right, each clear of the last one counted,
    so `len(...)` is `min(text.count(needle), cap)`. One scan of an RE2 alternation finds
    every start (at each, its longest needle; the needles it starts with match there too),
    not a scan of the whole text per needle: 30,000 ids on a 1 MB page had taken minutes.
    UTF-8 is self-synchronising, so its bytes hold a needle exactly where the text does."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    found: dict[str, list[int]] = {v: [] for v in caps}
    live: dict[bytes, str] = {}
    for v, cap in caps.items():
        if not v:  # "" occurs at every offset and once past the end
            found[v] = list(range(min(cap, len(text) + 1)))
        elif cap > 0:
            live[v.encode("utf-8", "surrogatepass")] = v
    many = max(64, len(data) >> 14)  # a cap past which one find loop is cheaper
    few = len(live) <= _FEW
    for needle, v in list(live.items()):
        # a value many elements carry (as many starts, each an RE2 call), or one of a
        # few needles (no program to compile: 18 ms against 35 ms over the corpus)
        if few or caps[v] > many:
            hits, at = found[v], data.find(needle)
            while at >= 0 and len(hits) < caps[v]:
                hits.append(at)
                at = data.find(needle, at + len(needle))
            del live[needle]
    batch: list[bytes] = []
    size = 0
    for needle in sorted(live, key=len):
        batch.append(needle)
        size += len(needle)
        if size >= _BATCH:
            _scan(data, batch, live, caps, found)
            batch, size = [], 0
    if batch:
        _scan(data, batch, live, caps, found)
    return found


def _scan(data: bytes, needles: list[bytes], live: Mapping[bytes, str],
          caps: Mapping[str, int], found: dict[str, list[int]]) -> None:
    """`occurrences` for one batch. Needles that reach their cap are skipped on the chain
    (path compressed) and, once scans keep landing on them alone, compiled out."""
    parent: dict[bytes, bytes | None] = {}  # needle -> its longest proper prefix among them
    chain: list[bytes] = []
    for needle in sorted(needles):  # a needle's prefixes are the ones on the stack
        while chain and not needle.startswith(chain[-1]):
            chain.pop()
        parent[needle] = chain[-1] if chain else None
        chain.append(needle)
    ends = dict.fromkeys(needles, 0)  # where each needle's last counted occurrence ends
    spent: set[bytes] = set()

    def alive(node: bytes | None) -> bytes | None:
        skipped = []
        while node is not None and node in spent:
            skipped.append(node)
            node = parent[node]
        for s in skipped:
            parent[s] = node
        return node

    pos = wasted = 0
    rx = _alternation(needles)
    while (m := rx.search(data, pos)) is not None:
        at = m.start()
        node = alive(m.group())
        if node is None:
            wasted += 1
            if wasted > _RESTART + len(needles) - len(spent):
                left = [n for n in needles if n not in spent]
                if not left:
                    return
                rx, wasted = _alternation(left), 0
        while node is not None:
            if at >= ends[node]:
                ends[node] = at + len(node)
                key = live[node]
                hits = found[key]
                hits.append(at)
                if len(hits) >= caps[key]:
                    spent.add(node)
            node = alive(parent[node])
        pos = at + 1


def _alternation(needles: list[bytes]) -> Any:
    """The needles as one RE2 alternation over bytes, matching the longest at a start."""
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1  # bytes as they are
    options.longest_match = True
    options.max_mem = 1 << 28
    pattern = "|".join(re.escape(n.decode("latin-1")) for n in needles)
    return re2.compile(pattern.encode("latin-1"), options)
