"""The bids a page's header-bidding config asks for, read statically (nothing runs).

A Prebid.js ad unit lists its bids as `{bidder: 'rubicon', params: {accountId: 14062,
siteId: 70608, zoneId: 498816}}`: prebid.js loads each bidder's code at run time, so a
saved page requests nothing of it, but its config names the bidder (the catalogue's
`prebid` codes) and the publisher's accounts with it (`where = "prebid"` IDs, `attr` the
param's name). A wrapper's own config may keep them flat beside the code.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from auditor.catalogue import Catalogue, Network
from auditor.dom.page import ParsedPage

# `bidder: 'x'`, `"bidder": "x"`: a bid's bidder code, in inline code (a JSON literal in
# code included; a data block is not read: prebid.js reads its config from code)
_BIDDER = re.compile(r"""\bbidder['"]?\s*:\s*['"]([A-Za-z0-9_-]+)['"]""")
# a key and a string or number value: `accountId: 14062`, `"siteId": "70608"`, `pkey: 'x'`
_PARAM = re.compile(r"""['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\s*:\s*(?:(['"])([^'"\n]{1,200})\2"""
                    r"""|(-?\d+(?:\.\d+)?)\b)""")
_PARAMS_KEY = re.compile(r"""\bparams['"]?\s*:\s*$""")
_HAS_PARAMS = re.compile(r"""\bparams['"]?\s*:""")
# braces, and the string literals whose braces are text (a template literal is left as
# code: its end is not found without parsing what it interpolates)
_TOKEN = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|[{}]""")


class Bid(NamedTuple):
    """One bid a config asks for: the bidder's code and its params' scalar values."""

    code: str
    params: tuple[tuple[str, str], ...]  # (param, value), the bid's own and its `params`'


def bids(page: ParsedPage) -> tuple[Bid, ...]:
    """Every configured bid the page's scripts (and what they decode to) ask for, once
    per page."""
    return page.view("prebid bids", lambda: _bids(page.script_text))


def _bids(text: str) -> tuple[Bid, ...]:
    """Each `bidder` key's object, found in one pass over the text's braces: its own
    scalar values and those of its `params` object, never a nested object's or another
    bid's. A key with no object around it, or an object with nothing but its bidder (a
    list of names, an example), is no bid."""
    if "bidder" not in text:
        return ()
    keys = [(m.start(), m.group(1)) for m in _BIDDER.finditer(text)]
    opened: list[int] = []  # the objects open at this point, innermost last
    close: dict[int, int] = {}
    children: dict[int, list[int]] = {}
    owner: list[tuple[int, str]] = []  # (the object a bidder key sits in, its code)
    at = 0
    for token in _TOKEN.finditer(text):
        while at < len(keys) and keys[at][0] < token.start():
            if opened:
                owner.append((opened[-1], keys[at][1]))
            at += 1
        while at < len(keys) and keys[at][0] < token.end():  # a key in a string literal
            if token.end() - token.start() == len("'bidder'") and opened:
                owner.append((opened[-1], keys[at][1]))  # a quoted key: "bidder": "x"
            at += 1  # else text in a string (JSON inside a JS string): no bid of the code
        char = token.group()
        if char == "{":
            if opened:
                children.setdefault(opened[-1], []).append(token.start())
            opened.append(token.start())
        elif char == "}" and opened:
            close[opened.pop()] = token.start()
    out = []
    for start, code in owner:
        if start not in close:
            continue
        own = _direct(text, start, close, children)
        params = [p for p in _pairs(own) if p[0] != "bidder"]
        for child in children.get(start, ()):
            if _PARAMS_KEY.search(text, max(0, child - 40), child):
                params += _pairs(_direct(text, child, close, children))
        if params or _HAS_PARAMS.search(own):
            out.append(Bid(code, tuple(params)))
    return tuple(out)


def _direct(text: str, start: int, close: dict[int, int],
            children: dict[int, list[int]]) -> str:
    """An object's own text, its nested objects left out."""
    parts, at = [], start + 1
    for child in children.get(start, ()):
        parts.append(text[at:child])
        at = close.get(child, child) + 1
    parts.append(text[at:close[start]])
    return " ".join(parts)


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(3) if m.group(3) is not None else m.group(4))
            for m in _PARAM.finditer(text)]


def bidder_networks(page: ParsedPage, catalogue: Catalogue) -> list[Network]:
    """The networks the page's bids name, in the order first asked."""
    named = {n.name: n for bid in bids(page) for n in catalogue.prebid_bidders.get(bid.code, ())}
    return list(named.values())


def values(page: ParsedPage, network: Network, name: str) -> list[str]:
    """What the network's bids on the page give the param `name`."""
    return [value for bid in bids(page) if bid.code in network.prebid
            for param, value in bid.params if param == name]
