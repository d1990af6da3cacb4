"""Load and validate a policy: `auditor.toml`, or `[tool.auditor]` in pyproject.toml.

Strict on purpose: a misspelt key in a CI gate silently gates nothing, so an unknown
key or a wrong type is a PolicyError (exit 2) naming the key and the file.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import stat
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from auditor.gate.globs import MAX_GLOBS, GlobError, compile_glob, glob_match
from auditor.gate.interface import Override, PageRules, Policy, PolicyError
from auditor.gate.tomlfile import MAX_POLICY_BYTES, OUT_OF_RANGE, huge_integer, read_toml
from auditor.heuristics import UnknownKindError, finding_kind
from auditor.model import Category, Severity
from auditor.urls import (
    HOST_NAME,
    absolute_url,
    browser_host,
    ipv4_host,
    ipv6_host,
    is_suffix,
    resolve,
)

POLICY_FILE = "auditor.toml"
PYPROJECT = "pyproject.toml"

Check = Callable[[Any, str, "_Ctx"], object]


class _Ctx:
    """Where a value came from, so every message can name the file and the key."""

    def __init__(self, source: Path, networks: Mapping[str, str]) -> None:
        self.source = source
        self.networks = networks  # lower-cased name -> catalogue spelling
        self.globs = 0  # override globs so far, against MAX_GLOBS

    def fail(self, key: str, problem: str) -> PolicyError:
        return PolicyError(f"{self.source}: {key}: {problem}")


def _type_name(value: object) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _strings(value: Any, key: str, ctx: _Ctx) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad = value
        if isinstance(value, list):
            bad = next(v for v in value if not isinstance(v, str))
        raise ctx.fail(key, f"expected a list of strings, got {_type_name(bad)} ({bad!r})")
    return tuple(value)


def _hosts(value: Any, key: str, ctx: _Ctx) -> tuple[str, ...]:
    """Host names as requests carry them (IDNA-mapped, an IPv4 address in any of the URL
    standard's forms as its dotted quad, as `auditor.urls` maps a page's):
    a pattern that could never match one (a port, a `*` inside, a space) is an error,
    not a clause that silently gates nothing; nor may `first_party` or `allow_hosts`
    name a public suffix (`com`, `co.uk`), which would except every site under it."""
    out = []
    for item in _strings(value, key, ctx):
        host = item.strip().lower().removeprefix("*.").lstrip(".").rstrip(".")
        if "://" in host:
            raise ctx.fail(key, f"{item!r} is a URL; give its host, e.g. "
                                f"{urlsplit(host).hostname or 'cdn.example.net'!r}")
        mapped = (browser_host(host) if not host.isascii() else host) or ""
        mapped = (ipv6_host(mapped) if ":" in mapped else None) or ipv4_host(mapped) or ""
        if not HOST_NAME.fullmatch(mapped) and ipv6_host(mapped) is None:
            why = " (no port: a host matches on every port)" if ":" in host else ""
            raise ctx.fail(key, f"{item!r} is not a host name{why}")
        if key in ("first_party", "allow_hosts") and is_suffix(mapped):
            raise ctx.fail(key, f"{item!r} is a public suffix: it would take in every site "
                                "under it")
        out.append(mapped)
    return tuple(out)


def _networks(value: Any, key: str, ctx: _Ctx) -> tuple[str, ...]:
    out = []
    for item in _strings(value, key, ctx):
        name = ctx.networks.get(item.strip().lower())
        if name is None:
            if not ctx.networks:  # no catalogue to check against: take the name as given
                out.append(item.strip())
                continue
            near = difflib.get_close_matches(item, sorted(ctx.networks.values()), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else " (see the catalogue's names)"
            raise ctx.fail(key, f"unknown network {item!r}{hint}")
        out.append(name)
    return tuple(out)


def _categories(value: Any, key: str, ctx: _Ctx) -> tuple[str, ...]:
    known = [c.value for c in Category]
    out = []
    for item in _strings(value, key, ctx):
        if item not in known:
            raise ctx.fail(key, f"unknown category {item!r}; one of: {', '.join(known)}")
        out.append(item)
    return tuple(out)


def _count(value: Any, key: str, ctx: _Ctx) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ctx.fail(key, f"expected an integer, got {_type_name(value)} ({value!r})")
    if value < 0:
        raise ctx.fail(key, f"expected 0 or more, got {value}")
    return value


def _ratio(value: Any, key: str, ctx: _Ctx) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ctx.fail(key, f"expected a number, got {_type_name(value)} ({value!r})")
    if not math.isfinite(value):
        raise ctx.fail(key, f"expected a finite number, got {value!r}")
    if value < 0:
        raise ctx.fail(key, f"expected 0 or more, got {value}")
    return float(value)


def _flag(value: Any, key: str, ctx: _Ctx) -> bool:
    if not isinstance(value, bool):
        raise ctx.fail(key, f"expected true or false, got {_type_name(value)} ({value!r})")
    return value


def _severity(value: Any, key: str, ctx: _Ctx) -> Severity:
    choices = [s.value for s in Severity]
    if not isinstance(value, str) or value not in choices:
        raise ctx.fail(key, f"expected one of {', '.join(map(repr, choices))}, got {value!r}")
    return Severity(value)


def _kinds(value: Any, key: str, ctx: _Ctx) -> tuple[str, ...]:
    """Finding kinds as the heuristics register them: a misspelt kind would gate nothing."""
    out = []
    for item in _strings(value, key, ctx):
        try:
            out.append(finding_kind(item.strip()).name)
        except UnknownKindError as exc:
            raise ctx.fail(key, str(exc)) from None
    return tuple(out)


def _globs(value: Any, key: str, ctx: _Ctx) -> tuple[str, ...]:
    """Compiled now, so a bad glob is refused at load, not on the first page it meets."""
    globs = _strings(value, key, ctx)
    ctx.globs += len(globs)
    if ctx.globs > MAX_GLOBS:
        raise ctx.fail(key, f"more than {MAX_GLOBS} globs in the policy's overrides")
    for glob in globs:
        try:
            compile_glob(glob)
        except GlobError as exc:
            raise ctx.fail(key, str(exc)) from None
    return globs


# Per-page keys: the top level and any [[override]] may set them.
PAGE_KEYS: dict[str, Check] = {
    "first_party": _hosts,
    "allow_hosts": _hosts,
    "deny_hosts": _hosts,
    "allow_networks": _networks,
    "deny_networks": _networks,
    "allow_categories": _categories,
    "deny_categories": _categories,
    "max_ad_slots": _count,
    "max_third_party_hosts": _count,
    "max_ad_area_px": _count,
    "min_content_to_ad_ratio": _ratio,
    "max_mfa_indicators": _count,
    "fail_on_severity": _severity,
    "fail_on_findings": _kinds,
    "allow_unreadable": _flag,
}
SITE_KEYS = ("base_url", "site_root", "override")
ALL_KEYS = (*PAGE_KEYS, *SITE_KEYS)
_CONFLICTS = (("allow_networks", "deny_networks"), ("allow_categories", "deny_categories"))


def load_policy(path: Path, known_networks: Iterable[str] = ()) -> Policy:
    """Read a policy file; pyproject.toml means its `[tool.auditor]` table."""
    try:
        data = read_toml(path)
    except FileNotFoundError:
        raise PolicyError(f"{path}: no such policy file") from None
    except IsADirectoryError:
        raise PolicyError(f"{path}: is a directory; give auditor.toml or pyproject.toml") from None
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise PolicyError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{path}: invalid TOML: {exc}") from None
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("auditor") if isinstance(data.get("tool"), dict) else None
        if not isinstance(table, dict):
            raise PolicyError(f"{path}: no [tool.auditor] table")
        data = table
    return parse_policy(data, path, known_networks)


def parse_policy(data: Mapping[str, Any], source: Path,
                 known_networks: Iterable[str] = ()) -> Policy:
    """A Policy from TOML data; `source` names the file in messages and anchors site_root."""
    ctx = _Ctx(source, {n.lower(): n for n in known_networks})
    prefix = "[tool.auditor] " if source.name == PYPROJECT else ""
    if not data:  # an empty file, or one of comments: a gate that would pass every page
        raise PolicyError(f"{source}: {prefix}empty policy: it sets no rule, so every page "
                          "would pass (docs/CI.md lists the keys)")
    if (key := huge_integer(data)) is not None:
        raise PolicyError(f"{source}: {prefix}{key}: {OUT_OF_RANGE}")
    values = dict(_page_values(data, "", ctx, prefix, allowed=ALL_KEYS))
    rules = dataclasses.replace(PageRules(), **values)  # type: ignore[arg-type]
    overrides = tuple(_override(entry, i, ctx)
                      for i, entry in enumerate(_override_list(data.get("override", []), ctx), 1))
    base_url = data.get("base_url")
    if base_url is not None:
        base_url = check_base_url(base_url, lambda p: ctx.fail("base_url", p))
    site_root = data.get("site_root")
    if site_root is not None:
        if not isinstance(site_root, str):
            raise ctx.fail("site_root", f"expected a string, got {_type_name(site_root)}")
        site_root = (source.parent / site_root).resolve()
    return Policy(source=source, rules=rules, overrides=overrides, base_url=base_url,
                  site_root=site_root)


def check_base_url(value: object, fail: Callable[[str], PolicyError]) -> str:
    """An absolute http(s) URL with a host; the pages' URLs are built under it, its host
    as the pages' own URLs are read (`2130706433` or `0x7f.1` is 127.0.0.1, full-width
    letters are ASCII): the site's pages then count their own resources as first party.

    >>> check_base_url("http://2130706433/docs/", ValueError)
    'http://127.0.0.1/docs/'
    >>> check_base_url("http://256.1.1.1/", ValueError)
    Traceback (most recent call last):
    ValueError: 'http://256.1.1.1/' has a host no browser reads (an IPv4 address out of range?)
    """
    if not isinstance(value, str):
        raise fail(f"expected a string, got {_type_name(value)}")
    url = absolute_url(value)
    if url is None:
        raise fail(f"expected an http(s) URL such as 'https://example.com', got {value!r}")
    read = resolve(url, None)
    if read is None:  # an IPv4 number past 32 bits (`256.1.1.1`): no page resolves under it
        raise fail(f"{value!r} has a host no browser reads (an IPv4 address out of range?)")
    if "?" in read or "#" in read:  # every page's URL was the root's, its path in the query
        raise fail(f"{value!r} has a query or fragment; a base URL is where the site's root "
                   "is served, such as 'https://example.com/docs/'")
    parts = urlsplit(read)
    return urlunsplit((parts.scheme, parts.netloc, _folder_path(parts.path), "", ""))


def _folder_path(path: str) -> str:
    """A base URL's path as a browser reads it, dot segments (`%2e` too) resolved, and
    as the walk resolves the pages' URLs under it, empty segments dropped: under `/x/..`
    or `//docs/` the code a page loads was looked for where the walk never resolves it,
    and the gate passed the site.

    >>> _folder_path("/x/../a/./b/"), _folder_path("//docs"), _folder_path("/x/%2E%2e")
    ('/a/b/', '/docs', '/')
    """
    if not path:  # `https://example.com`, as given
        return path
    kept: list[str] = []
    for segment in path.split("/"):
        dots = segment.lower().replace("%2e", ".")
        if dots == "..":
            if kept:
                kept.pop()
        elif dots not in ("", "."):
            kept.append(segment)
    folder = path.endswith("/") or path.rsplit("/", 1)[-1].lower().replace("%2e", ".") in (
        ".", "..")
    return "/" + "/".join(kept) + ("/" if kept and folder else "")


def _page_values(data: Mapping[str, Any], where: str, ctx: _Ctx, prefix: str,
                 allowed: Iterable[str]) -> list[tuple[str, object]]:
    allowed = tuple(allowed)
    out: list[tuple[str, object]] = []
    for key, value in data.items():
        name = f"{where}{key}"
        if key not in allowed:
            near = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise PolicyError(f"{ctx.source}: {prefix}unknown key {name!r}{hint}")
        if key in PAGE_KEYS:
            out.append((key, PAGE_KEYS[key](value, name, ctx)))
    values = dict(out)
    for allow, deny in _CONFLICTS:
        both = set(values.get(allow, ())) & set(values.get(deny, ()))  # type: ignore[call-overload]
        if both:
            raise ctx.fail(f"{where}{deny}", f"{sorted(both)[0]!r} is also in {allow}")
    return out


def _override_list(value: Any, ctx: _Ctx) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ctx.fail("override", "expected an array of tables ([[override]] or "
                                   "[[tool.auditor.override]])")
    return value


def _override(entry: Mapping[str, Any], index: int, ctx: _Ctx) -> Override:
    where = f"override[{index}]."
    paths = entry.get("paths")
    if paths is None:
        raise ctx.fail(f"{where}paths", "missing: say which pages it applies to, "
                                        "e.g. paths = [\"blog/**\"]")
    globs = _globs(paths, f"{where}paths", ctx)
    if not globs:
        raise ctx.fail(f"{where}paths", "empty: the override would apply to no page")
    values = _page_values(entry, where, ctx, "", allowed=(*PAGE_KEYS, "paths"))
    return Override(index=index, paths=globs, values=tuple(values))


def rules_for(policy: Policy, path: str) -> PageRules:
    """The rules a page is judged by: the top level, then each matching override in order."""
    rules = policy.rules
    for override in policy.overrides:
        if any(glob_match(g, path) for g in override.paths):
            rules = dataclasses.replace(rules, **dict(override.values))  # type: ignore[arg-type]
    return rules


def find_policy(directory: Path) -> Path | None:
    """auditor.toml, else a pyproject.toml that has [tool.auditor], in `directory`.

    A gate fails closed: an auditor.toml that is there but no file (a directory, a
    dangling link) is found, to be refused when read; so is a pyproject.toml that cannot
    be read but names `auditor` -- it may hold the policy -- or that is no file at all.
    One that cannot be read and does not name it is somebody else's to fix."""
    candidate = directory / POLICY_FILE
    if os.path.lexists(candidate):
        try:
            mode = candidate.stat().st_mode
        except OSError:
            return candidate  # a dangling link, a loop: refused when it is read
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            # a named pipe blocks the open until a writer comes: the gate waited for
            # ever; a pipe given on purpose (`--policy <(…)`) is read, not found
            raise PolicyError(f"{candidate}: is no regular file (a pipe or a device); "
                              "give the policy with --policy, or --no-policy")
        return candidate
    pyproject = directory / PYPROJECT
    if os.path.lexists(pyproject) and not pyproject.is_file():
        # a pipe, a directory, a link to nothing: what it holds is unknown, and it may
        # hold the policy; passed over, the gate passed with none
        raise PolicyError(f"{pyproject}: is no regular file (a pipe, a device, a directory "
                          "or a link to nothing); give the policy with --policy, or "
                          "--no-policy")
    if pyproject.is_file():
        try:  # over a limit is a PolicyError: it may hold a policy we cannot see
            data = read_toml(pyproject)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return pyproject if _names_auditor(pyproject) else None
        tool = data.get("tool")
        if isinstance(tool, dict) and "auditor" in tool:
            return pyproject
    return None


def _names_auditor(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return b"auditor" in handle.read(MAX_POLICY_BYTES)
    except OSError:
        return True  # it was a file a moment ago: what it holds is unknown
