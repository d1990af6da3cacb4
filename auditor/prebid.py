"""The bids a page's header-bidding config asks for, read statically (nothing runs).

A Prebid.js ad unit lists its bids as `{bidder: 'rubicon', params: {accountId: 14062,
siteId: 70608, zoneId: 498816}}`: prebid.js loads each bidder's code at run time, so a
saved page requests nothing of it, but its config names the bidder (the catalogue's
`prebid` codes) and the publisher's accounts with it (`where = "prebid"` IDs, `attr` the
param's name). A wrapper's own config may keep them flat beside the code.

The config is read from inline code and from the page's JSON data blocks: a site's code
may keep its ad units in `<script type="application/json">` (a CMS's ad config, Next.js'
`__NEXT_DATA__`) and hand them to `pbjs.addAdUnits`. An ad unit's `code` names the
element its ad fills (Prebid's docs: the slot's div id, when GPT serves it), so a unit
whose code is an element of the page is a placement (`ad_units`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from auditor.catalogue import Catalogue, Network
from auditor.dom.page import ParsedPage
from auditor.lazy_re import lazy_regex

# `bidder: 'x'`, `"bidder": "x"`: a bid's bidder code, in inline code or a JSON data block
_BIDDER = lazy_regex(r"""\bbidder['"]?\s*:\s*['"]([A-Za-z0-9_-]+)['"]""")
# a key and a string or number value: `accountId: 14062`, `"siteId": "70608"`, `pkey: 'x'`
_PARAM = lazy_regex(r"""['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\s*:\s*(?:(['"])([^'"\n]{1,200})\2"""
                    r"""|(-?\d+(?:\.\d+)?)\b)""")
_PARAMS_KEY = lazy_regex(r"""\bparams['"]?\s*:\s*$""")
_HAS_PARAMS = lazy_regex(r"""\bparams['"]?\s*:""")
# a bid its own object switches off (`{bidder: 'rubicon', enabled: false, params: …}`, a
# wrapper's list of bidders with a flag each, its code filtering on it): configured, but
# no bid is asked of that bidder, so the network is not on the page
_SWITCHED_OFF = lazy_regex(r"""\b(?:enabled|active)['"]?\s*:\s*"""
                           r"""(?:(?:false|!1)\b|0(?![\w.])|(['"])false\1)"""
                           r"""|\bdisabled['"]?\s*:\s*(?:(?:true|!0)\b|1(?![\w.])|(['"])true\2)""")
# how far a bid object may open before its bidder key and close after it: a bid is a
# few params (the reach also stops at the neighbouring bidder keys, so a page is read
# once however many it holds)
_BEFORE, _AFTER = 600, 2000


# an ad unit's `code: 'div-ad-top'`, and what makes its object a Prebid ad unit (not any
# object with a `code`: a language's, an error's, an auction lot's with its `"bids": 14`
# or its bid history, a media library's `"mediaTypes": ["image"]`): its media types, an
# object of banner, video or native, or its bids, a list whose bids name a bidder and
# its params (led by its literal, so the engine skips ahead to it; the word's start is
# tested after)
_CODE = lazy_regex(r"""code['"]?\s*:\s*['"]([^'"\s]{1,200})['"]""")
_MEDIA_TYPES = lazy_regex(
    r"""\bmediaTypes['"]?\s*:\s*\{\s*['"]?(?:banner|video|native)['"]?\s*:""")
_OWN_MEDIA_TYPES = lazy_regex(r"""\bmediaTypes['"]?\s*:""")
_BIDS = lazy_regex(r"""\bbids['"]?\s*:\s*\[""")
_OWN_BIDS = lazy_regex(r"""\bbids['"]?\s*:""")
# its first size: a banner's `sizes: [[300, 250], …]` (or flat `[300, 250]`), a video's
# `playerSize: [640, 480]`
_SIZE = lazy_regex(r"""\b(?:sizes|playerSize)['"]?\s*:\s*\[\s*\[?\s*(\d{1,4})\s*,\s*(\d{1,4})""")
_UNIT_AFTER = 8000  # a unit lists its bids, each with its params, after its code


class AdUnit(NamedTuple):
    """One Prebid ad unit: the code naming its element, and its first declared size."""

    code: str
    width: int | None
    height: int | None


class Bid(NamedTuple):
    """One bid a config asks for: the bidder's code and its params' scalar values."""

    code: str
    params: tuple[tuple[str, str], ...]  # (param, value), the bid's own and its `params`'


def bids(page: ParsedPage) -> tuple[Bid, ...]:
    """Every configured bid the page's scripts (and what they decode to) and JSON data
    blocks ask for, once per page."""
    return page.view("prebid bids", lambda: _bids(_config_text(page)))


def ad_units(page: ParsedPage) -> tuple[AdUnit, ...]:
    """Every Prebid ad unit the page's scripts and data blocks declare, once per page."""
    return page.view("prebid units", lambda: _units(_config_text(page)))


def _config_text(page: ParsedPage) -> str:
    """Where a header-bidding config is written: inline code (and what it decodes to),
    a state script's structure, then the JSON data blocks' (`_structure`), a line apart."""
    return page.view("prebid config", lambda: _read_config(page))


def _read_config(page: ParsedPage) -> str:
    blocks = page.json_blocks
    codes = page.script_texts
    if not blocks and not any(_STATE.match(code) for code in codes):
        return page.script_text
    return "\n".join((*(_structure(c, _JS_STRING) if _STATE.match(c) else c for c in codes),
                      *(_structure(b) for b in blocks)))


# a script that hands the page's state to its framework (Nuxt's `window.__NUXT__=`,
# `window.__INITIAL_STATE__=`, Next.js' `self.__next_f.push([1,"…"])`): data, whose
# strings are the page's text as a JSON block's are
_STATE = lazy_regex(r"""\s*\(?\s*(?:window|self|globalThis)\s*\.\s*__\w+""")
# a JSON string literal, and one that is a value a config gives (an ad unit's code, a
# bidder's, an account's), not prose: short, no space, no escape
_JSON_STRING = lazy_regex(r'"(?:[^"\\\n]|\\.)*"')
# a script's string literal of any quote, read left to right (a quote inside another
# string is that string's)
_JS_STRING = lazy_regex(r"""(["'])(?:(?!\1)[^\\\n]|\\.)*\1|`(?:[^`\\]|\\.)*`""")
_TOKEN = lazy_regex(r"""(["'`])[^\s"'`\\]{0,200}\1""")


def _structure(block: str, strings: re.Pattern[str] = _JSON_STRING) -> str:
    """A JSON data block's keys and short values, each longer string emptied: a config
    there is JSON (`"bidder": "ix"`), while a string holding text (a blog post's body in
    Next.js' page props, its code sample `bidder: 'appnexus'` and all) is the page's
    prose, no config it runs. A state script's strings of any quote the same."""
    if "bidder" not in block and "bids" not in block and "mediaTypes" not in block:
        return block  # nothing of a config (most pages' props): no pass
    return strings.sub(lambda m: m.group() if _TOKEN.fullmatch(m.group()) else '""', block)


def _units(text: str) -> tuple[AdUnit, ...]:
    """Each `code` key whose object is an ad unit (`_is_unit`: its own `mediaTypes` or
    `bids`, not a nested object's), sought between the neighbouring code keys."""
    if "code" not in text or ("bids" not in text and "mediaTypes" not in text):
        return ()
    keys = [m for m in _CODE.finditer(text)
            if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_$"))]
    out: dict[str, AdUnit] = {}
    for key, start, end in _objects_around(text, keys, _UNIT_AFTER):
        if key.group(1) in out or not _is_unit(text, start, end):
            continue
        size = _SIZE.search(text, start, end)
        out[key.group(1)] = AdUnit(key.group(1), *((int(size.group(1)), int(size.group(2)))
                                                  if size else (None, None)))
    return tuple(out.values())


def _is_unit(text: str, start: int, end: int) -> bool:
    """Whether the object `text[start:end]` is a Prebid ad unit: media types of its own,
    or bids of its own one of which names its bidder and params, or both keys of its own
    whatever they are given as (`mediaTypes: bannerTypes, bids: bidsFor('mpu')`, a
    site's config built of its variables and functions)."""
    own, _ = _split(text, start, end)  # its own keys (a nested object's text left out)
    if _OWN_MEDIA_TYPES.search(own) and (_MEDIA_TYPES.search(text, start, end)
                                         or _OWN_BIDS.search(own)):
        return True
    return bool(_BIDS.search(own) and _BIDDER.search(text, start, end)
                and _HAS_PARAMS.search(text, start, end))


def _bids(text: str) -> tuple[Bid, ...]:
    """Each `bidder` key's object: its own scalar values and those of its `params`
    object, never a nested object's or another bid's. The object is sought between the
    neighbouring bidder keys (a JSON config a script parses from a string is read too);
    a key with no object around it, or an object with nothing but its bidder (a list of
    names, an example), is no bid, nor is one its own object switches off."""
    if "bidder" not in text:
        return ()
    out = []
    for key, start, end in _objects_around(text, list(_BIDDER.finditer(text)), _AFTER):
        own, nested = _split(text, start, end)
        if _SWITCHED_OFF.search(own):
            continue
        params = [p for p in _pairs(own) if p[0] != "bidder"]
        for open_at, body in nested:
            if _PARAMS_KEY.search(text, max(start, open_at - 40), open_at):
                params += _pairs(body)
        if params or _HAS_PARAMS.search(own):
            out.append(Bid(key.group(1), tuple(params)))
    return tuple(out)


def _objects_around(text: str, keys: list[re.Match[str]], after: int
                    ) -> Iterator[tuple[re.Match[str], int, int]]:
    """Each key with the braces of the object around it (`{` at `start`, `}` at `end`),
    sought between its neighbouring keys, at most `_BEFORE` characters back and `after`
    on: a key no object closes around within those is passed over."""
    for i, key in enumerate(keys):
        floor = max(keys[i - 1].end() if i else 0, key.start() - _BEFORE)
        ceiling = min(keys[i + 1].start() if i + 1 < len(keys) else len(text), key.end() + after)
        start = _unmatched(text, range(key.start() - 1, floor - 1, -1), "}", "{")
        end = _unmatched(text, range(key.end(), ceiling), "{", "}")
        if start is not None and end is not None:
            yield key, start, end


def _unmatched(text: str, steps: range, enter: str, leave: str) -> int | None:
    """The first `leave` brace along `steps` that no `enter` brace before it matches: the
    `{` opening the object around a position, read backwards, or the `}` closing it."""
    depth = 0
    for i in steps:
        char = text[i]
        if char == enter:
            depth += 1
        elif char == leave:
            if depth == 0:
                return i
            depth -= 1
    return None


def _split(text: str, start: int, end: int) -> tuple[str, list[tuple[int, str]]]:
    """An object's own text, and each directly nested object's (where it opens, its own
    text): deeper objects belong to neither."""
    own: list[str] = []
    nested: list[tuple[int, str]] = []
    child_parts: list[str] = []
    depth, mark, child_at = 0, start + 1, 0
    for i in range(start + 1, end):
        char = text[i]
        if char == "{":
            if depth == 0:
                own.append(text[mark:i])
                child_at, child_parts, mark = i, [], i + 1
            elif depth == 1:
                child_parts.append(text[mark:i])
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 1:
                mark = i + 1
            elif depth == 0:
                child_parts.append(text[mark:i])
                nested.append((child_at, " ".join(child_parts)))
                mark = i + 1
    own.append(text[mark:end])
    return " ".join(own), nested


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(3) if m.group(3) is not None else m.group(4))
            for m in _PARAM.finditer(text)]


# `pbjs.aliasBidder('criteo', 'criteorn')` (Prebid's publisher API: the adapter's code, then
# the name the page's bids call it by): a bid of the alias is the adapter's vendor's
_ALIAS = lazy_regex(r"""\baliasBidder\(\s*(['"])([A-Za-z0-9_-]{1,60})\1\s*,\s*"""
                    r"""(['"])([A-Za-z0-9_-]{1,60})\3""")


def aliases(page: ParsedPage) -> dict[str, str]:
    """The bidder aliases the page's scripts declare: alias → the adapter's code. An
    alias declared for two adapters names neither."""
    return page.view("prebid aliases", lambda: _aliases(page.script_text))


def _aliases(text: str) -> dict[str, str]:
    if "aliasBidder" not in text:
        return {}
    out: dict[str, str | None] = {}
    for m in _ALIAS.finditer(text):
        adapter, alias = m.group(2), m.group(4)
        if alias != adapter:
            out[alias] = adapter if out.get(alias, adapter) == adapter else None
    return {alias: adapter for alias, adapter in out.items() if adapter is not None}


def _adapter(code: str, declared: dict[str, str]) -> str:
    """The adapter a bid's code calls: its own, or the one the page aliased it to."""
    return declared.get(code, code)


def bidder_networks(page: ParsedPage, catalogue: Catalogue) -> list[Network]:
    """The networks the page's bids name (by an adapter's code, or an alias the page
    declares for one), in the order first asked."""
    declared = aliases(page)
    named = {n.name: n for bid in bids(page) for code in dict.fromkeys(
        (bid.code, _adapter(bid.code, declared))) for n in catalogue.prebid_bidders.get(code, ())}
    return list(named.values())


def values(page: ParsedPage, network: Network, name: str, catalogue: Catalogue) -> list[str]:
    """What the network's bids on the page give the param `name`: its own codes' bids, and
    an alias's the page declares for its adapter, unless the alias is another vendor's own
    code (an SSP bidding through Xandr's adapter, `aliasBidder('appnexus', 'oftmedia')`:
    its params are its own seat's, not the adapter's vendor's)."""
    declared = aliases(page)
    known = catalogue.prebid_bidders
    return [value for bid in bids(page)
            if bid.code in network.prebid or (bid.code not in known and _adapter(
                bid.code, declared) in network.prebid)
            for param, value in bid.params if param == name]
