"""The Engine facade: load lists (through the compiled cache), match requests, hide elements.

Decision order, as in uBlock Origin and adblock-rust: an `$important` blocking
filter wins unless an `$important` exception also matches; otherwise a blocking
filter wins unless any exception matches; otherwise nothing is blocked.

Requests with no source host (none given, `about:blank`, `data:`) have no known
party: `$first-party` and `$third-party` filters both apply (as in adblock-rust),
and they meet no `$domain=` include list. Filters naming only a host (`||ads.test^`,
no type option) also answer requests of type `document` ("strict blocking", as in
uBlock Origin and adblock-rust). Page-level exceptions (`@@...$document`) are not applied to a
page's subresources (adblock-rust does not either); they answer requests of
type `document`, and `$elemhide`/`$generichide`/`$specifichide` exceptions
switch off element hiding for the pages they match.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import stat
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from auditor.errors import RuleError
from auditor.files import BinaryBytes, OverLimit, read_at_most
from auditor.model import ListInfo, Match, RequestType
from auditor.rules import cache as _cache
from auditor.rules.cosmetic import (
    CosmeticFilter,
    CosmeticHit,
    CosmeticIndex,
    CosmeticMatcher,
    PageViews,
    build_cosmetic,
)
from auditor.rules.domains import host_keys, host_suffixes
from auditor.rules.network import (
    EXCEPTION,
    F_ID,
    F_IMPORTANT,
    F_LINE,
    F_LIST,
    F_TEXT,
    HOST_SUFFIX,
    SOURCE_PREFIX,
    TOKEN_RE,
    TYPE_BIT,
    TYPE_PREFIX,
    URL_HOST_RE,
    Bucket,
    FilterT,
    Index,
    Matcher,
    Request,
    build_index,
    type_key,
)
from auditor.rules.parse import (
    ELEMHIDE,
    GENERICHIDE,
    POPUP,
    SPECIFICHIDE,
    NetworkFilter,
    Unsupported,
    parse_line,
)
from auditor.rules.sources import (
    LIST_HEADER,
    MAX_LIST_BYTES,
    ListSource,
    discover,
    holds_a_filter,
)
from auditor.urls import registrable_domain

_PAGE_BITS = GENERICHIDE | ELEMHIDE | SPECIFICHIDE
_CACHE_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class ListText:
    """A list's name, where it came from, and its text."""

    name: str
    source: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Candidate:
    """One filter `rules check` considered, and what became of it."""

    rule: str
    list: str
    line: int
    exception: bool
    important: bool
    outcome: str  # "decided", or why it did not decide


@dataclass(frozen=True, slots=True)
class Explanation:
    """A decision with its reasons: the deciding rule, and each other candidate that matched."""

    match: Match
    url: str
    source_url: str | None
    type: str
    third_party: bool | None  # None: no source host, so `$1p` and `$3p` filters both apply
    candidates: tuple[Candidate, ...] = field(default=())


def read_list(path: Path, name: str | None = None) -> ListText:
    """Read a list file; RuleError (one line) when it is unreadable or not a filter list."""
    try:
        with path.open("rb") as handle:
            data = read_at_most(handle, MAX_LIST_BYTES)
    except OSError as e:
        raise RuleError(f"cannot read filter list {path}: {e.strerror or e}") from None
    except BinaryBytes:
        raise RuleError(f"{path}: not a filter list (binary data)") from None
    except OverLimit:
        raise RuleError(f"{path}: not a filter list (larger than {MAX_LIST_BYTES >> 20} MiB)"
                        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RuleError(f"{path}: not a filter list (not UTF-8 at byte {e.start})") from None
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html", "<?xml")):
        raise RuleError(f"{path}: not a filter list (looks like HTML/XML)")
    return ListText(name or path.stem, str(path), text)


def compile_lists(lists: Sequence[ListText]) -> tuple[Any, ...]:
    """Parse and index lists into the plain (marshal-able) compiled form."""
    network: list[tuple[NetworkFilter, int]] = []
    cosmetic: list[tuple[CosmeticFilter, int]] = []
    infos: list[tuple[str, str, int, str, int]] = []
    sections: list[tuple[tuple[int, str], ...]] = []
    for li, lt in enumerate(lists):
        rules = unsupported = 0
        heads: list[tuple[int, str]] = []
        for n, raw in enumerate(lt.text.splitlines(), 1):
            if raw.startswith(_SECTION_OPEN):
                head = _section_name(raw)
                if head:
                    heads.append((n, head))
                continue
            p = parse_line(raw, n)
            if p is None:
                continue
            rules += 1
            if isinstance(p, Unsupported):
                unsupported += 1
            elif isinstance(p, NetworkFilter):
                network.append((p, li))
            else:
                cosmetic.append((p, li))
        infos.append((lt.name, lt.source, rules, lt.sha256, unsupported))
        sections.append(tuple(heads))
    bad = {f.twin_key() for f, _ in network if f.badfilter}
    kept: list[tuple[NetworkFilter, int, int]] = []
    for fid, (f, li) in enumerate(network):
        if f.badfilter or (bad and f.twin_key() in bad):
            continue
        if f.inert is not None or not f.mask & ~POPUP:
            continue  # never blocks (or unblocks) a resource request: see parse.INERT_OPTIONS
        kept.append((f, fid, li))
    return (
        tuple(infos),
        build_index(kept).to_plain(),
        build_cosmetic(cosmetic).to_plain(),
        tuple(sections),
    )


# A list built from files marks where each file starts: `! *** easylist:easyprivacy/
# easyprivacy_trackingservers_mining.txt ***`. The file a rule comes from says what its
# hosts do, which the list's name alone does not (EasyPrivacy files browser miners too).
_SECTION_OPEN = "! *** "


def _section_name(line: str) -> str:
    """The file a section header names (`easyprivacy_trackingservers_mining.txt`), or ''.

    >>> _section_name("! *** easylist:easyprivacy/easyprivacy_trackingservers_mining.txt ***")
    'easyprivacy_trackingservers_mining.txt'
    >>> _section_name("! *** a remark, not a file")
    ''
    """
    inner = line[len(_SECTION_OPEN):].strip()
    if not inner.endswith("***"):
        return ""
    name = inner[:-3].strip().rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return name if name.endswith(".txt") and " " not in name else ""


class Engine:
    """EasyList-syntax network and element-hiding rules, matched with attribution."""

    _loaded: ClassVar[dict[tuple[Any, ...], Engine]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, compiled: Sequence[Any]) -> None:
        infos, network, cosmetic, sections = compiled
        self._lists = tuple(ListInfo(*i) for i in infos)
        # per list, the line each section starts on and the file it names (`_section_name`)
        self._section_starts = tuple(tuple(n for n, _ in s) for s in sections)
        self._section_names = tuple(tuple(name for _, name in s) for s in sections)
        self._names = tuple(i.name for i in self._lists)
        self._net = net = Matcher(Index.from_plain(network))
        self._fallback_re = net.fallback_re
        self._type_buckets = {bit: net.buckets_for([k]) for bit, k in _TYPE_KEYS.values()}
        self._cos = CosmeticMatcher(CosmeticIndex.from_plain(cosmetic))
        # scheme://host -> its facts
        self._hosts: dict[str, _HostInfo] = {}
        # source URL -> its facts
        self._sources: dict[str | None, _SourceInfo] = {}
        self._matches: dict[tuple[int, bool], Match] = {}
        # page host -> (generic hiding on, specific hiding on, its domain-list keys)
        self._cosmetic_hosts: dict[str, tuple[bool, bool, tuple[str, ...]]] = {}

    # -- construction ------------------------------------------------------------

    @classmethod
    def from_text(cls, text: str, name: str = "inline", source: str | None = None) -> Engine:
        """An engine from one list given as text (no disk cache: it is cheap to compile)."""
        with _cache.gc_paused():
            return cls(compile_lists([ListText(name, source or f"<{name}>", text)]))

    @classmethod
    def from_lists(cls, lists: Sequence[ListText], use_cache: bool = True) -> Engine:
        """An engine from several lists, through the on-disk compiled cache."""
        if not use_cache:
            with _cache.gc_paused():
                return cls(compile_lists(lists))
        key = _cache.cache_key([(lt.name, lt.sha256) for lt in lists])
        payload = _cache.load(key)
        if payload is not None:
            try:
                # the cache is keyed on names and contents: sources are this load's own
                infos = tuple(
                    (i[0], lt.source, *i[2:]) for i, lt in zip(payload[0], lists, strict=True)
                )
                return cls((infos, *payload[1:]))
            except (TypeError, ValueError, IndexError, KeyError, AttributeError):
                pass  # a cache from another layout: rebuild
        with _cache.gc_paused():
            compiled = compile_lists(lists)
        _cache.store(key, compiled)
        return cls(compiled)

    @classmethod
    def from_files(cls, paths: Iterable[Path | str], use_cache: bool = True) -> Engine:
        """An engine from list files; each list is named after its file stem."""
        return cls.from_lists([read_list(Path(p)) for p in paths], use_cache=use_cache)

    @classmethod
    def load(cls, extra_lists: Sequence[Path] = (), system_lists: bool = True) -> Engine:
        """Project lists, then system lists, then the user cache, then `extra_lists`.

        Memoised per process on the files' identity (path, size, mtime), so repeated
        calls are free and an updated list is noticed.
        """
        sources = discover(extra_lists, system_lists)
        sig = tuple(_stat_sig(s) for s in sources)
        with cls._lock:
            hit = cls._loaded.get(sig)
        if hit is not None:
            return hit
        texts = [_read_source(s) for s in sources]
        eng = cls.from_lists(texts)
        with cls._lock:
            cls._loaded[sig] = eng
        return eng

    @property
    def lists(self) -> tuple[ListInfo, ...]:
        return self._lists

    # -- network -----------------------------------------------------------------

    def _request(self, url: str, source_url: str | None, type: str | RequestType) -> Request:
        """The one way a request is prepared, for `match`, `explain` and `page_switches`."""
        tkey = _TYPE_KEYS.get(type)
        if tkey is None:
            raise ValueError(f"unknown request type {type!r}")
        tbit = tkey[0]
        url_l = url.lower()
        m = _HOST_MATCH(url_l)
        host_end = m.end(1) if m is not None else 0
        hi = self._hosts.get(url_l[:host_end])
        if hi is None:
            hi = self._host_info(url_l[:host_end])
        si = self._sources.get(source_url)
        if si is None:
            si = self._source_info(source_url)
        host_block, host, domain, host_exc = hi
        src_host, src_keys, src_domain, src_block, src_exc = si
        type_block, type_exc = self._type_buckets[tbit]
        fb = self._fallback_re
        return Request(
            url,
            url_l,
            tbit,
            host,
            host_end,
            domain,
            src_host,
            src_domain,
            src_keys,
            list(dict.fromkeys(_findall(url_l, host_end))),  # each token's bucket once
            ((host_block, src_block, type_block), (host_exc, src_exc, type_exc)),
            fb is not None and fb.search(url_l) is not None,
        )

    def _host_info(self, prefix: str) -> _HostInfo:
        """Facts of a URL's `scheme://host` part, cached."""
        if len(self._hosts) > _CACHE_LIMIT:
            self._hosts.clear()
        m = URL_HOST_RE.match(prefix)
        host = m.group(1) if m is not None else ""
        sufs = host_suffixes(host) if host else ()
        keys = [h + HOST_SUFFIX for h in sufs]
        keys.extend(set(TOKEN_RE.findall(prefix)))
        block, exc = self._net.buckets_for(keys)
        info = (block, host, registrable_domain(host), exc)
        self._hosts[prefix] = info
        return info

    def _source_info(self, source_url: str | None) -> _SourceInfo:
        """Facts of a source page, cached."""
        src_host = ""
        if source_url:
            m = URL_HOST_RE.match(source_url.lower())
            src_host = m.group(1) if m else ""
        dom = registrable_domain(src_host) if src_host else ""
        keys = host_keys(src_host, dom) if src_host else ()
        block, exc = self._net.buckets_for(SOURCE_PREFIX + k for k in keys)
        info = (src_host, keys, dom, block, exc)
        if len(self._sources) > _CACHE_LIMIT:
            self._sources.clear()
        self._sources[source_url] = info
        return info

    def _match_of(self, f: FilterT | None, blocked: bool) -> Match:
        if f is None:
            return _NO_MATCH
        key = (f[F_ID], blocked)
        m = self._matches.get(key)
        if m is None:  # one immutable Match per deciding filter, built once
            m = Match(
                blocked=blocked,
                rule=f[F_TEXT],
                list=self._names[f[F_LIST]],
                exception=not blocked,
                line=f[F_LINE],
                important=bool(f[F_IMPORTANT]),
                section=self._section_of(f[F_LIST], f[F_LINE]),
            )
            self._matches[key] = m
        return m

    def _section_of(self, list_index: int, line: int) -> str | None:
        """The section of its list a rule's line sits in, if the list marks sections."""
        at = bisect.bisect_right(self._section_starts[list_index], line)
        return self._section_names[list_index][at - 1] if at else None

    def match(
        self, url: str, source_url: str | None = None, type: str | RequestType = "other"
    ) -> Match:
        """Decide one request; `m.rule`/`m.list`/`m.line` name the deciding filter."""
        f, blocked = self._net.decide(self._request(url, source_url, type))
        return self._match_of(f, blocked)

    def match_many(
        self, requests: Iterable[tuple[str, str | None, str | RequestType]]
    ) -> list[Match]:
        """Decide many (url, source_url, type) requests."""
        match = self.match
        return [match(url, src, typ) for url, src, typ in requests]

    def explain(
        self, url: str, source_url: str | None = None, type: str | RequestType = "other"
    ) -> Explanation:
        """The decision plus every candidate filter whose pattern matched, and why it lost."""
        req = self._request(url, source_url, type)
        f, blocked = self._net.decide(req)
        match = self._match_of(f, blocked)
        cands: list[Candidate] = []
        for family, c in self._net.all_candidates(req):
            why = self._net.why_not(c, req)
            if why == "pattern does not match the URL":
                continue
            if f is not None and c[F_ID] == f[F_ID]:
                outcome = "decided"
            elif why is not None:
                outcome = why
            elif family == "exception":
                if f is None:
                    outcome = "exception matched, but no blocking filter did"
                elif blocked and match.important:
                    outcome = "exception overridden by $important " + (match.rule or "")
                else:
                    outcome = "also matched (another exception decided)"
            elif match.exception:
                outcome = f"blocking rule overridden by {match.rule}"
            else:
                outcome = "also matched (another blocking rule decided)"
            cands.append(
                Candidate(
                    rule=c[F_TEXT],
                    list=self._names[c[F_LIST]],
                    line=c[F_LINE],
                    exception=family == "exception",
                    important=bool(c[F_IMPORTANT]),
                    outcome=outcome,
                )
            )
        cands.sort(key=lambda c: (c.outcome != "decided", c.list, c.line))
        return Explanation(
            match=match,
            url=url,
            source_url=source_url,
            type=str(type),
            third_party=req.third_party,
            candidates=tuple(cands),
        )

    # -- cosmetic ----------------------------------------------------------------

    def page_switches(self, hostname: str) -> tuple[bool, bool]:
        """(generic, specific): whether each kind of element hiding applies on this host
        (`cosmetic` keeps the answer per host)."""
        url = f"https://{hostname}/"
        net = self._net

        def excepted(bit: int) -> bool:
            r = self._request(url, url, f"{TYPE_PREFIX}{bit}")
            return net.first(net.buckets(r, EXCEPTION), r) is not None

        if excepted(ELEMHIDE):
            return False, False
        return not excepted(GENERICHIDE), not excepted(SPECIFICHIDE)

    def cosmetic(self, page: PageViews, hostname: str) -> list[CosmeticHit]:
        """Elements a `##` rule hides on `hostname` (after `#@#` exceptions), in document order.

        `page` is the audit's `ParsedPage`, whose attribute values and lowered markup the
        pass reads rather than rebuilds, or `TreeViews(root, markup)` for a bare tree:
        with the markup it was parsed from (unchanged since), the pass is cheaper (see
        `CosmeticMatcher.hits`); the hits are the same."""
        host = (hostname or "").lower().rstrip(".")
        plan = self._cosmetic_hosts.get(host)
        if plan is None:  # per host, not per page: the pages of one site share it
            if len(self._cosmetic_hosts) > 4096:
                self._cosmetic_hosts.clear()
            switches = self.page_switches(host) if host else (True, True)
            plan = self._cosmetic_hosts[host] = (*switches, host_keys(host) if host else ())
        generic, specific, keys = plan
        if not generic and not specific:
            return []
        return self._cos.hits(page, keys, self._names, generic=generic, specific=specific)


# Facts of a URL's `scheme://host` part, kept per origin: (blocking buckets of the host's
# suffixes and of the part's tokens, host, registrable domain, exception buckets of the
# same). Plain tuples, unpacked by name where they are read: a named tuple unpacks at
# half the speed (it is not an exact tuple), on the path of every request.
_HostInfo = tuple[tuple[Bucket, ...], str, str, tuple[Bucket, ...]]
# Facts of a source page, kept per source URL: (host, its `$domain=` keys, registrable
# domain, blocking buckets of those keys, exception buckets of them).
_SourceInfo = tuple[str, tuple[str, ...], str, tuple[Bucket, ...], tuple[Bucket, ...]]
_NO_MATCH = Match(blocked=False)
_HOST_MATCH = URL_HOST_RE.match
_findall = TOKEN_RE.findall
_TYPE_KEYS: dict[str, tuple[int, str]] = {
    name: (bit, type_key(bit)) for name, bit in TYPE_BIT.items()
}
for _pseudo in (GENERICHIDE, ELEMHIDE, SPECIFICHIDE):
    _TYPE_KEYS[f"{TYPE_PREFIX}{_pseudo}"] = (_pseudo, type_key(_pseudo))


def _read_source(s: ListSource) -> ListText:
    """A discovered list's text; the project's own lists get the stable source
    `auditor_rules/<file>`, so reports read the same from a checkout and an install.

    A list of the user cache is a file `rules update` wrote, whole and checked: anything
    else there is refused, one line. A FIFO was opened and waited on for a writer for
    ever (a CI job hung to its timeout), a link to /dev/null or an empty file was read as
    a list with no rule, and a gate passed without EasyList, saying nothing of it (a
    list it lacks is said missing). A list named with --lists may be a pipe (`--lists
    <(curl …)`), as it ever was."""
    if s.origin == "cache":
        _check_cached(s.path)
    lt = read_list(s.path, s.name)
    if s.origin == "cache" and not holds_a_filter(lt.text):
        raise RuleError(f"{s.path}: holds no filter, which no list `auditor rules update` "
                        f"writes does; {_CACHE_FIX}")
    if s.origin == "cache" and not lt.text.lstrip().startswith(LIST_HEADER):
        # a server's error saved in its place (`Service Unavailable`, `{"error": …}`) read
        # as a list of a rule or two: the gate passed without EasyList, saying nothing
        raise RuleError(f"{s.path}: no {LIST_HEADER}] header, which every list `auditor "
                        f"rules update` writes has; {_CACHE_FIX}")
    if s.origin == "project":
        return ListText(lt.name, f"auditor_rules/{s.path.name}", lt.text)
    return lt


_CACHE_FIX = "delete it, then run `auditor rules update` (or audit with --no-system-lists)"


def _check_cached(path: Path) -> None:
    """RuleError unless `path` (through links) is a regular file: checked before it is
    opened, as opening a FIFO waits for a writer."""
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        raise RuleError(f"cannot read filter list {path}: {e.strerror or e}") from None
    if not stat.S_ISREG(mode):
        what = ("a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
                "a socket" if stat.S_ISSOCK(mode) else "no regular file")
        raise RuleError(f"{path}: {what}, not a list `auditor rules update` writes; "
                        f"{_CACHE_FIX}")


def _stat_sig(s: ListSource) -> tuple[str, str, int, int]:
    try:
        st = os.stat(s.path)
        return (s.name, str(s.path), st.st_size, st.st_mtime_ns)
    except OSError:
        return (s.name, str(s.path), -1, -1)
