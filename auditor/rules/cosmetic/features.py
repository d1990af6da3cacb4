"""What one page holds of the keys selectors are filed under, and the elements carrying
them, read in a few C-speed XPath calls returning plain strings (no Python object per
element) and, where the markup is at hand, by scanning it."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any, Protocol

from lxml import etree

from auditor.dom.parser import (
    NOT_XML_CHARS,
    attribute_values,
    carrying,
    class_values,
    id_values,
    ids_registered,
    in_document_order,
)
from auditor.lazy_re import lazy_regex
from auditor.literals import occurrences
from auditor.rules.cosmetic.compound import check
from auditor.rules.cosmetic.guards import GUARD, Guard, GuardPlan

_RUN_HOST_RE = lazy_regex(r"//([^/?#:\s]+)")  # hosts in run-together URLs (a superset)

# Page features come from a few XPath calls returning plain strings (the page's views:
# its distinct classes and ids, every attribute value run together): libxml2 walks the
# tree in C, and no Python element object is made for an element we do not need.
_DATA_ATTRS: Any = etree.XPath("//*/@*[starts-with(name(), 'data-')]")  # smart: .attrname, parent
# `data-` attribute names in the page's lowered source: a superset of the tree's (the
# HTML tokenizer ends a name at whitespace, `/`, `>` or `=`, and lowers ASCII), found by
# a literal-prefix scan instead of calling name() on every attribute of the tree
_SOURCE_DATA_NAME_RE = lazy_regex(rb"data-[^\s/>=]*")
_BY_ID: Any = etree.XPath("id($v)")
_IDS_PER_CALL = 512


class PageViews(Protocol):
    """What the cosmetic pass reads of a page. The audit hands it the `ParsedPage`
    (auditor.dom.page), whose views other stages share, so nothing is read twice;
    `TreeViews` serves a caller holding a tree alone."""

    @property
    def root(self) -> Any: ...

    @property
    def values(self) -> str:
        """Every attribute value of the tree, run together (`attribute_values`)."""

    @property
    def values_utf8(self) -> bytes:
        """`values` as UTF-8 (surrogates passed), encoded once for every byte reader."""

    @property
    def class_values(self) -> list[str]:
        """The distinct values of the tree's class attributes (`parser.class_values`)."""

    @property
    def id_values(self) -> list[str]:
        """The tree's distinct ids, a superset allowed (`parser.id_values`)."""

    @property
    def markup(self) -> bytes | None:
        """The bytes the tree was parsed from, as the parser left it; None: unknown (the
        tree was built or changed by hand), and then every feature is read from it."""

    @property
    def lowered(self) -> bytes | None:
        """`markup`, lowered."""

    def holding(self, needles: frozenset[bytes]) -> frozenset[bytes]:
        """Which of `needles` (lower case) the lowered markup may hold: those it holds
        (a parsed page's one needle pass answers), all of them where it is unknown."""


class TreeViews:
    """The page views of a tree with no `ParsedPage` around it (tests, benchmarks, the
    engine's API): built on first use, like the page's."""

    __slots__ = ("_classes", "_ids", "_lowered", "_utf8", "_values", "markup", "root")

    def __init__(self, root: Any, markup: bytes | None = None) -> None:
        self.root = root
        self.markup = markup
        self._values: str | None = None
        self._utf8: bytes | None = None
        self._lowered: bytes | None = None
        self._classes: list[str] | None = None
        self._ids: list[str] | None = None

    @property
    def values(self) -> str:
        if self._values is None:
            self._values = attribute_values(self.root)
        return self._values

    @property
    def values_utf8(self) -> bytes:
        if self._utf8 is None:
            self._utf8 = self.values.encode("utf-8", "surrogatepass")
        return self._utf8

    @property
    def class_values(self) -> list[str]:
        if self._classes is None:
            self._classes = class_values(self.root)
        return self._classes

    @property
    def id_values(self) -> list[str]:
        if self._ids is None:  # the parser's ID table holds every id of a tree as parsed
            self._ids = id_values(self.root, self.markup is not None
                                  and ids_registered(self.root))
        return self._ids

    @property
    def lowered(self) -> bytes | None:
        if self._lowered is None and self.markup is not None:
            self._lowered = self.markup.lower()
        return self._lowered

    def holding(self, needles: frozenset[bytes]) -> frozenset[bytes]:
        low = self.lowered
        return needles if low is None else frozenset(n for n in needles if n in low)


@functools.lru_cache(maxsize=16)
def _tag_openings(tags: tuple[str, ...]) -> frozenset[bytes]:
    """How each of `tags` opens in lowered markup (`<amp-ad`): an element of that name
    is parsed from such a start tag only (the parser lowers names as the markup is
    lowered), so a page holding none has none. One frozenset per query: its hash kept."""
    return frozenset(b"<" + tag.encode() for tag in tags)


@functools.lru_cache(maxsize=512)
def _carrier_query(plan: tuple[tuple[str, tuple[str, ...]], ...], hrefs: int) -> Any:
    """One XPath call for several carrier walks (see `PageFeatures._walk`), each over
    the attribute nodes of the elements of its names (() for any), so the test runs on
    attributes alone. `$id`/`$class`: values a line each; `$h0`...: needles. One path
    with the walks as alternatives: a union of paths had libxml2 sort the merged set,
    comparing two nodes by walking the siblings between them (9,000 boxes: 10 s)."""
    tests: list[str] = []
    for attr, names in plan:
        if attr == "href":
            test = " or ".join(f"contains(., $h{i})" for i in range(hrefs))
        else:
            test = f"contains(${attr}, .)"
        tests.append(f"({_names_test(names)}@{attr}[{test}])")
    return etree.XPath(f"//*[{' or '.join(tests)}]")


def _names_test(names: tuple[str, ...]) -> str:
    """An XPath test that an element is of one of `names` (() for any), and-ed before."""
    return "(" + " or ".join(f"self::{n}" for n in names) + ") and " if names else ""


# the tag name of the start tag a markup offset lies in (on lowered markup)
_TAG_NAME = lazy_regex(rb"<([a-z][a-z0-9-]*)")
_TAG_OK = lazy_regex(r"[a-z][a-z0-9-]*")
_HINT_LIMIT = 16  # occurrences of a value in the markup past which its tags are not sought
# below this, scanning the markup for the values saves less than it costs (measured on
# python-policy.html cut to 6-48 KB: equal at 6 KB, 6-12% faster from 10 KB)
_HINT_MIN_BYTES = 8192
# wanted ids or classes (characters, run together) past which a walk looks each element's
# value up in a set: libxml2's `contains($values, .)` reads them all at each element
# (30,000 numbered Ad Manager units on a 1 MB page: 2 s; 5 MB: a minute)
_CONTAINS_MAX = 4096


class PageFeatures:
    """What one page holds of the keys `selector_key` files selectors under (a superset
    for `@host`), and the elements carrying a key, found without touching the others."""

    __slots__ = (
        "_data",
        "_joined_ids",
        "_raw",
        "_tags",
        "classes",
        "hosts",
        "ids",
        "names",
        "root",
        "source",
        "utf8",
        "values",
    )

    def __init__(self, page: PageViews, tag_query: tuple[str, ...]) -> None:
        self.root = root = page.root
        source = page.markup
        self.ids: list[str] = page.id_values  # distinct
        self._joined_ids = "\x00" + "\x00".join(self.ids) + "\x00" if self.ids else ""
        self.classes: list[str] = page.class_values  # distinct values
        # every attribute value run together: hosts of hrefs (and of src=, ...: a
        # superset, checked when the elements are found) and values for guards
        self.values: str = page.values
        self.utf8 = page.values_utf8  # what `occurrences` and the literal sets read
        # the page's markup, lowered: a superset of its attribute names (None: unknown,
        # or not in an ASCII-compatible encoding -- UTF-16 has NULs, UTF-8 markup none)
        ascii_compatible = source is not None and b"\x00" not in source[:4096]
        self._raw = source if ascii_compatible else None
        self.source = page.lowered if ascii_compatible else None
        # per kind of key, the names the page holds (see `has`)
        self.names: dict[str, set[str]] = {"#": set(self.ids)}
        self.names["."] = set(" ".join(self.classes).split())
        # values are run together: a host is still preceded by its `//` (lowered once
        # found: lowering every value first took 60% of this)
        hosts = {h.lower() for h in set(_RUN_HOST_RE.findall(self.values))}
        self.hosts = "@" + "\x00@".join(hosts) + "\x00" if hosts else ""  # URL-prefix guards
        self.names["@"] = hosts
        self._data: dict[str, list[Any]] = {}
        if self.source is None:
            for a in _DATA_ATTRS(root):
                self._data.setdefault("[" + str(a.attrname).lower(), []).append(a.getparent())
            self.names["["] = {k[1:] for k in self._data}
        else:  # names only; the few carriers wanted are looked up by name later
            found = set(_SOURCE_DATA_NAME_RE.findall(self.source))
            self.names["["] = {n.decode("utf-8", "replace") for n in found}
        self._tags: dict[str, list[Any]] = {}
        # only the names whose start tag the markup opens (the page's one needle pass
        # says which; most pages hold none of these custom ad tags): no walk for none
        held = page.holding(_tag_openings(tag_query)) if tag_query else frozenset()
        tag_query = tuple(tag for tag in tag_query if b"<" + tag.encode() in held)
        if tag_query:
            for el in root.iter(*tag_query):
                self._tags.setdefault("<" + str(el.tag).lower(), []).append(el)
        self.names["<"] = {k[1:] for k in self._tags}

    def has(self, key: str) -> bool:
        """Whether the page holds `key` (`#id`, `.class`, `@host`, `[data-name`, `<tag`)."""
        names = self.names.get(key[:1])
        return names is not None and key[1:] in names

    def lacks(self, names: tuple[bytes, ...]) -> bool:
        """Whether the page's markup surely lacks one of these (lowered) attribute names
        (a `data-` one: among the names already read from it, not by another scan)."""
        src = self.source
        if src is None:
            return False
        data = self.names["["]
        return any(
            n.decode() not in data if n.startswith(b"data-") else n not in src for n in names
        )

    def passing(self, plan: GuardPlan) -> set[Guard]:
        """The guards of `plan` the page may pass: each a necessary condition for an
        element to pass `[attr op value]` here."""
        out: set[Guard] = set()
        if ids := self._joined_ids:
            out.update([g for needle, g in plan.ids if needle in ids])
        if self.classes:
            classes = "\x00" + "\x00".join(self.classes) + "\x00"
            out.update([g for needle, g in plan.classes if needle in classes])
        for host in plan.hosts.keys() & self.names["@"]:
            out.update(plan.hosts[host])
        hosts = self.hosts
        out.update([g for needle, g in plan.host_starts if needle in hosts])
        held = plan.value_set.present(self.utf8)
        out.update([g for needle, g in plan.values if needle in held])
        return out

    def carriers(
        self, keys: Iterable[str], tags: dict[str, frozenset[str] | None] | None = None
    ) -> dict[str, list[Any]]:
        """key -> the elements carrying it (possibly a superset), for keys on the page.

        However many keys: one `id()` call for ids that occur once, and one XPath call
        for repeated ids, classes and hrefs together (a walk per attribute and name).
        `tags` (key -> the only element names its selectors can match, None: any) narrows
        the walks to those names; failing that, the names of the start tags the wanted
        values occur in (in the markup) do, when they account for every occurrence.
        """
        tags = tags or {}
        out: dict[str, list[Any]] = {}
        hrefs: dict[str, list[str]] = {}  # needle -> the keys it stands for
        class_values: dict[str, set[str]] = {}  # key -> the class attribute values carrying it
        id_values: dict[str, list[str]] = {}  # key -> the id values carrying it
        root = self.root
        for k in keys:
            kind, name = k[0], k[1:]
            if kind == "#":
                id_values[k] = [name]
            elif kind == ".":
                class_values[k] = {v for v in self.classes if name in v.split()}
            elif kind == "@":
                hrefs.setdefault(name, []).append(k)
            elif kind == "[":
                out[k] = self._data[k] if k in self._data else _with_attribute(root, name)
            elif kind == "<":
                out[k] = self._tags.get(k, [])
            elif kind == GUARD:
                attr, op, value = name.split("\x00", 2)
                if attr == "id":
                    id_values[k] = self._ids_passing(op, value)
                elif attr == "class":
                    class_values[k] = {v for v in self.classes if check(op, value, v)}
                elif attr == "href":
                    hrefs.setdefault(value, []).append(k)
        by_id = self._unique_ids({v for vs in id_values.values() for v in vs})
        repeated = {v for vs in id_values.values() for v in vs if v not in by_id}
        every_class = set().union(*class_values.values()) if class_values else set()
        href_keys = {k for ks in hrefs.values() for k in ks}
        walks = [  # (attribute, its wanted values or needles, element names or None)
            ("id", repeated, [k for k, vs in id_values.items() if not repeated.isdisjoint(vs)]),
            ("class", every_class, list(class_values)),
            ("href", set(hrefs), list(href_keys)),
        ]
        found = self._walk([(a, vs, _named(tags, ks)) for a, vs, ks in walks if vs])
        for e in found.get("id", ()):
            v = e.get("id")
            if v in repeated:
                by_id.setdefault(v, []).append(e)
        for k, id_list in id_values.items():
            out[k] = [e for v in id_list for e in by_id.get(v, ())]
        for k, vals in class_values.items():
            out[k] = [e for e in found.get("class", ()) if e.get("class") in vals]
        for k in href_keys:
            out[k] = [e for e in found.get("href", ()) if _carries_key(e, k)]
        return out

    def _walk(
        self, walks: list[tuple[str, set[str], tuple[str, ...] | None]]
    ) -> dict[str, list[Any]]:
        """attribute -> the elements whose attribute holds one of its values (`href`:
        contains one of its needles), a superset, in one XPath call. Each walk covers the
        elements of its names; with None, of the names of the start tags the values occur
        in, in the markup (`_hinted`) -- kept only when it finds each value as often as it
        occurs among all attribute values run together (an upper bound of its
        attributes); else, and with (), of all elements."""
        if not walks:
            return {}
        if any(NOT_XML_CHARS.search(v) for _, values, _ in walks for v in values):
            return self._walk_in_python(walks)
        plan: list[tuple[str, tuple[str, ...]]] = []
        hinted: list[str] = []
        args: dict[str, str] = {}
        for attr, values, names in walks:
            if attr == "href":
                args.update({f"h{i}": v for i, v in enumerate(values)})
            else:
                args[attr] = "\n" + "\n".join(values) + "\n"
            if names is None:
                names = self._hinted(values) if attr != "href" else ()
                if names:
                    hinted.append(attr)
            plan.append((attr, names))
        hrefs = sum(len(values) for attr, values, _ in walks if attr == "href")
        many = {attr for attr, _, _ in walks if len(args.get(attr, "")) > _CONTAINS_MAX}
        asked = [(attr, names) for attr, names in plan if attr not in many]
        els = _carrier_query(tuple(asked), hrefs)(self.root, **args) if asked else []
        if many:
            els = in_document_order([*els, *(e for (attr, values, _), (_, names) in zip(
                walks, plan, strict=True) if attr in many
                for e in _valued(self.root, attr, values, names))])
        out = {attr: els for attr, _, _ in walks}
        for attr, values, _ in walks:
            if attr in hinted:
                held = Counter(e.get(attr) for e in els)
                seen = occurrences(self.utf8, {v: held[v] + 1 for v in values})
                if any(len(seen[v]) > held[v] for v in values):  # all elements
                    out[attr] = (_valued(self.root, attr, values, ()) if attr in many else
                                 _carrier_query(((attr, ()),), 0)(self.root, **{attr: args[attr]}))
        return out

    def _walk_in_python(
        self, walks: list[tuple[str, set[str], tuple[str, ...] | None]]
    ) -> dict[str, list[Any]]:
        """`_walk` for values no XPath string can hold (a control character, U+FFFE in
        an id or class: lxml refuses them as variables): one walk over the elements."""
        tests = [(attr, values) for attr, values, _ in walks]
        els = [
            e for e in self.root.iter() if isinstance(e.tag, str) and any(
                (v := e.get(attr)) is not None
                and (any(n in v for n in values) if attr == "href" else v in values)
                for attr, values in tests)
        ]
        return {attr: els for attr, _, _ in walks}

    def _hinted(self, values: Iterable[str]) -> tuple[str, ...]:
        """The names of the start tags `values` occur in, in the markup; () when a value
        occurs there less often than among the attribute values (an entity or a line
        break written otherwise), or too often to be worth it, or cannot be looked up."""
        raw, low = self._raw, self.source
        if raw is None or low is None or len(raw) < _HINT_MIN_BYTES:
            return ()
        wanted = list(values)
        if any(len(v) < 3 or not v.isascii() for v in wanted):
            return ()
        in_markup = occurrences(raw, dict.fromkeys(wanted, _HINT_LIMIT + 1))
        in_values = occurrences(self.utf8, {v: len(in_markup[v]) + 1 for v in wanted})
        found: set[str] = set()
        for v in wanted:
            starts = in_markup[v]
            if len(starts) > _HINT_LIMIT or len(in_values[v]) > len(starts):
                return ()
            for at in starts:
                lt = low.rfind(b"<", 0, at)
                m = _TAG_NAME.match(low, lt) if lt >= 0 else None
                if m is None:
                    return ()
                found.add(m.group(1).decode())
        return tuple(sorted(found))

    def _ids_passing(self, op: str, value: str) -> list[str]:
        if op == "=":
            return [value] if value in self.names["#"] else []
        if op == "^=":
            rx = "\x00(" + re.escape(value) + "[^\x00]*)"
            return list(dict.fromkeys(re.findall(rx, self._joined_ids)))
        return [v for v in self.ids if check(op, value, v)]

    def _unique_ids(self, values: set[str]) -> dict[str, list[Any]]:
        """id value -> its element, for the values that occur once on the page (in one
        attribute value at most), by one `id()` call (the parser's ID table, no walk).
        The ids go in the order they occur in, the document's, a few hundred a call:
        libxml2 sorts the call's node-set (out of order, 30,000 sibling units took
        minutes) and compares each node it adds with those already in it."""
        asked = [v for v in values if v and v.isprintable() and " " not in v]
        at = occurrences(self.utf8, dict.fromkeys(asked, 2))
        single = sorted((v for v in asked if len(at[v]) == 1), key=lambda v: at[v][0])
        if not single:
            return {}
        found: dict[str, list[Any]] = {}
        for i in range(0, len(single), _IDS_PER_CALL):
            for e in _BY_ID(self.root, v=" ".join(single[i:i + _IDS_PER_CALL])):
                v = e.get("id")
                if v in values:
                    found[v] = [e]
        return found


def _named(tags: dict[str, frozenset[str] | None], keys: Iterable[str]) -> tuple[str, ...] | None:
    """The element names all selectors under `keys` are limited to, or None (some are not,
    or a name is not a plain XPath name test)."""
    names: set[str] = set()
    for k in keys:
        t = tags.get(k)
        if not t:
            return None
        names |= t
    if not names or not all(_TAG_OK.fullmatch(n) for n in names):
        return None
    return tuple(sorted(names))


@functools.lru_cache(maxsize=64)
def _having_query(attr: str, names: tuple[str, ...]) -> Any:
    """The elements of `names` (() for any) carrying `attr`, in one XPath call."""
    return etree.XPath(f"//*[{_names_test(names)}@{attr}]")


def _valued(root: Any, attr: str, values: set[str], names: tuple[str, ...]) -> list[Any]:
    """The elements of `names` (() for any) whose `attr` is one of `values`: a set look-up
    per element where `contains($values, .)` would read all the values at each."""
    return [e for e in _having_query(attr, names)(root) if e.get(attr) in values]


def _with_attribute(root: Any, name: str) -> list[Any]:
    """Elements carrying attribute `name`, in document order."""
    return carrying(root, name)


def _carries_key(el: Any, key: str) -> bool:
    """Whether element `el` carries `key` (class, href host, or guard on class/href)."""
    kind, name = key[0], key[1:]
    if kind == ".":
        return name in (el.get("class") or "").split()
    if kind == "@":
        return name in (el.get("href") or "").lower()
    attr, op, value = name.split("\x00", 2)
    return check(op, value, el.get(attr))

