"""A host split at its public suffix, read from the Public Suffix List snapshot that
tldextract ships, with tldextract's own algorithm and answers.

tldextract's module imports `requests` (and with it urllib3, charset_normalizer and
http.cookiejar) for the list updates an audit never makes: ~80 ms of each one-page CLI
process, a tenth of it. The audit only ever read the bundled snapshot
(`suffix_list_urls=()`, no cache), so this reads that file itself, without importing
tldextract, and splits hosts as `TLDExtract._extract_netloc` does (a test holds the two
to the same answers).
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass, field
from ipaddress import AddressValueError, IPv6Address
from pathlib import Path
from urllib.parse import scheme_chars

import idna

from auditor.errors import RuleError
from auditor.lazy_re import lazy_regex

_PRIVATE_SECTION = "// ===BEGIN PRIVATE DOMAINS==="
_SUFFIX_LINE = lazy_regex(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)
_IPV4 = lazy_regex(r"^(?:(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.)"
                   r"{3}(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$", re.ASCII)
_SCHEME_CHARS = frozenset(scheme_chars)


@dataclass(frozen=True, slots=True)
class Split:
    """A host's parts (tldextract's `ExtractResult` fields the audit reads)."""

    subdomain: str
    domain: str
    suffix: str
    is_private: bool
    registry_suffix: str = field(repr=False)

    @property
    def top_domain_under_public_suffix(self) -> str:
        """The domain and its suffix (`bbc.co.uk`), or "" when either is missing."""
        return f"{self.domain}.{self.suffix}" if self.suffix and self.domain else ""


class _Node:
    __slots__ = ("end", "is_private", "matches")

    def __init__(self) -> None:
        self.matches: dict[str, _Node] = {}
        self.end = False
        self.is_private = False

    def add(self, suffix: str, is_private: bool = False) -> None:
        node = self
        for label in reversed(suffix.split(".")):
            child = node.matches.get(label)
            if child is None:
                child = node.matches[label] = _Node()
            node = child
        node.end = True
        node.is_private = is_private


class _Root(_Node):
    """A trie's root, whose top-level labels' subtries are built at their first question:
    a page asks of a few of the list's 1,500 (building all of both tries was ~25 ms of
    every process)."""

    __slots__ = ("_waiting",)

    def __init__(self, waiting: dict[str, list[tuple[str, bool]]]) -> None:
        super().__init__()
        self._waiting = waiting  # top-level label -> its suffixes, in the order added

    def grow(self, label: str) -> None:
        """The subtries a walk from the root asks of at `label` (its own, the wildcard's
        and the exception's), built if not yet."""
        for key in (label, "*", "!" + label):
            for suffix, is_private in self._waiting.pop(key, ()):
                self.add(suffix, is_private)


def _root(*sections: tuple[frozenset[str], bool]) -> _Root:
    """The trie of the suffixes of `sections` (each with whether it is the private one),
    added in order, its subtries left to grow."""
    waiting: dict[str, list[tuple[str, bool]]] = {}
    for suffixes, is_private in sections:
        for suffix in suffixes:
            waiting.setdefault(suffix.rpartition(".")[2], []).append((suffix, is_private))
    return _Root(waiting)


def snapshot_path() -> Path:
    """tldextract's bundled list, found without importing tldextract."""
    spec = importlib.util.find_spec("tldextract")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("tldextract is not installed: its suffix list snapshot is read")
    return Path(next(iter(spec.submodule_search_locations))) / ".tld_set_snapshot"


class Suffixes:
    """The list's suffixes as two tries (with and without its private section), built
    from one read of the list (`text`, else the snapshot) at the first question."""

    def __init__(self, text: str | None = None) -> None:
        self._text = text
        self._tries: tuple[_Root, _Root] | None = None

    def _built(self) -> tuple[_Root, _Root]:
        """The tries; a snapshot that is missing, unreadable or holds no suffix (as
        tldextract refuses one: "No tlds set") is a RuleError naming it: every host's
        registrable domain is read from it, so no audit runs without it."""
        where = "the public suffix list given" if self._text is not None else "tldextract"
        try:
            if self._text is not None:
                text = self._text
            else:
                path = snapshot_path()
                where = f"{path} (the public suffix list tldextract ships)"
                text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError, ImportError) as exc:
            raise RuleError(f"{where}: cannot read the public suffix list: {exc}") from None
        public_text, _, private_text = text.partition(_PRIVATE_SECTION)
        public = frozenset(m.group("suffix") for m in _SUFFIX_LINE.finditer(public_text))
        private = frozenset(m.group("suffix") for m in _SUFFIX_LINE.finditer(private_text))
        if not public and not private:
            raise RuleError(f"{where}: holds no suffix (empty, or cut short)")
        self._tries = _root((public, False)), _root((public, False), (private, True))
        return self._tries

    def __call__(self, url: str, include_psl_private_domains: bool = False) -> Split:
        """`url`'s host split at its public suffix (the private ones too, if asked)."""
        netloc = _lenient_netloc(url).replace("\u3002", ".").replace("\uff0e", ".") \
            .replace("\uff61", ".")
        if len(netloc) >= 4 and netloc[0] == "[" and netloc[-1] == "]" \
                and _looks_like_ipv6(netloc[1:-1]):
            return Split("", netloc, "", False, "")
        labels = netloc.split(".")
        found = self._suffix_index(labels, include_psl_private_domains)
        if found is None:
            if len(labels) == 4 and netloc[:1].isdecimal() and _IPV4.fullmatch(netloc):
                return Split("", netloc, "", False, "")
            return Split(".".join(labels[:-1]), labels[-1], "", False, "")
        (suffix_at, suffix_node), (registry_at, _) = found
        suffix = ".".join(labels[suffix_at:])
        return Split(".".join(labels[: suffix_at - 1]) if suffix_at >= 2 else "",
                     labels[suffix_at - 1] if suffix_at > 0 else "",
                     suffix, suffix_node.is_private,
                     ".".join(labels[registry_at:]) if suffix_node.is_private else suffix)

    def _suffix_index(self, labels: list[str], private: bool
                      ) -> tuple[tuple[int, _Node], tuple[int, _Node]] | None:
        tries = self._tries or self._built()
        top = tries[1] if private else tries[0]
        node: _Node = top
        registry_node = suffix_node = node
        suffix_at = registry_at = at = len(labels)
        for label in reversed(labels):
            decoded = _decode_punycode(label)
            if node is top:
                top.grow(decoded)
            if decoded in node.matches:
                at -= 1
                node = node.matches[decoded]
                if node.end:
                    suffix_at, suffix_node = at, node
                    if not node.is_private:
                        registry_node, registry_at = node, at
                continue
            if "*" in node.matches:
                exception = "!" + decoded in node.matches
                return ((at if exception else at - 1, node.matches["*"]),
                        (registry_at, registry_node))
            break
        if suffix_at == len(labels):
            return None
        return (suffix_at, suffix_node), (registry_at, registry_node)


def _decode_punycode(label: str) -> str:
    lowered = label.lower()
    if lowered.startswith("xn--"):
        try:
            return str(idna.decode(lowered))
        except (UnicodeError, IndexError):
            pass
    return lowered


def _lenient_netloc(url: str) -> str:
    """The host of a URL-like string, its case and an IPv6 address's brackets kept."""
    slashes = url.find("//")
    if slashes == 0:
        url = url[2:]
    elif slashes >= 2 and url[slashes - 1] == ":" \
            and not set(url[: slashes - 1]) - _SCHEME_CHARS:
        url = url[slashes + 2:]
    authority = url.partition("/")[0].partition("?")[0].partition("#")[0]
    after_userinfo = authority.rpartition("@")[-1]
    if after_userinfo and after_userinfo[0] == "[":
        maybe_ipv6 = after_userinfo.partition("]")
        if maybe_ipv6[1] == "]":
            return f"{maybe_ipv6[0]}]"
    return after_userinfo.partition(":")[0].strip().rstrip(".\u3002\uff0e\uff61")


def _looks_like_ipv6(text: str) -> bool:
    try:
        IPv6Address(text)
    except AddressValueError:
        return False
    return True
