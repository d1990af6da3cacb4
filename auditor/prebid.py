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
# how far a bid object may open before its code and run after it: a bid is a few params
_BEFORE, _AFTER = 600, 2000


class Bid(NamedTuple):
    """One bid a config asks for: the bidder's code and its params' scalar values."""

    code: str
    params: dict[str, list[str]]


def bids(page: ParsedPage) -> tuple[Bid, ...]:
    """Every bid the page's scripts (and what they decode to) ask for, with params,
    once per page."""
    return page.view("prebid bids", lambda: _bids(page.script_text))


def _bids(text: str) -> tuple[Bid, ...]:
    if "bidder" not in text:
        return ()
    out = []
    for match in _BIDDER.finditer(text):
        start, end = _object_around(text, match.start(), match.end())
        params: dict[str, list[str]] = {}
        for param in _PARAM.finditer(text, start, end):
            value = param.group(3) if param.group(3) is not None else param.group(4)
            params.setdefault(param.group(1), []).append(value)
        params.pop("bidder", None)
        if params:  # a bid is configured: `{bidder: 'x'}` alone is an example, a list
            out.append(Bid(match.group(1), params))
    return tuple(out)


def _object_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the object literal a `bidder` key sits in: back to the brace that
    opens it, on to the one that closes it, within _BEFORE/_AFTER characters (braces in
    strings are not told apart: a bid's params hold none). Where the braces do not
    close in reach, the reach itself, up to the next bid."""
    depth, opened = 0, max(0, start - _BEFORE)
    for at in range(start - 1, max(-1, start - _BEFORE - 1), -1):
        char = text[at]
        if char == "}":
            depth += 1
        elif char == "{":
            if depth == 0:
                opened = at
                break
            depth -= 1
    depth, closed = 0, min(len(text), end + _AFTER)
    for at in range(end, closed):
        char = text[at]
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                closed = at
                break
            depth -= 1
    following = _BIDDER.search(text, end, closed)
    return opened, following.start() if following else closed


def bidder_networks(page: ParsedPage, catalogue: Catalogue) -> list[Network]:
    """The networks the page's bids name, in the order first asked."""
    named = {n.name: n for bid in bids(page) for n in catalogue.prebid_bidders.get(bid.code, ())}
    return list(named.values())


def values(page: ParsedPage, network: Network, name: str) -> list[str]:
    """What the network's bids on the page give the param `name`."""
    return [value for bid in bids(page) if bid.code in network.prebid
            for value in bid.params.get(name, ())]
