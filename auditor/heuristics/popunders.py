"""Popunder and pop networks: a click anywhere opens an ad window behind the page.

Networks that sell pops are marked in the catalogue (`formats = ["popunder"]`); a
network that sells several formats loads its pop tag from a file named for it; a
page-level click hook that calls window.open and then hands focus back (blur/focus)
is the same trick without a known network.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.dom.textscan import aligned_lower
from auditor.heuristics.interface import FindingKind, PageContext, finding
from auditor.heuristics.obfuscation import script_codes
from auditor.model import Finding, RequestType, Severity

# a script whose file is named for the format (ExoClick's `popunder1000.js`): a network
# that sells several formats loads its pop tag so
_POP_FILE = re.compile(r"/((?:[\w.-]*[_.-])?pop_?under[\w.-]*\.js)(?:[?#]|$)", re.I)
# a file named for fighting the format (`anti-popunder.js`, `popunder-blocker.min.js`,
# `popunderblocker.js`, a plugin's `stop-popunder.js`) is a site's defence against pops
_AGAINST_POPS = re.compile(
    r"(?:^|[_.-]|pop_?under)(?:anti|no|stop|block|blocker|blocking|kill|killer|detect|detector|guard|"
    r"protect|protection|prevent|remove|remover|disable)(?=[_.-]|$)", re.I)
_POP_WORDS = re.compile(r"\bpopMagic\b|\bpop_?under\w*|['\"]popup_fallback['\"]", re.I)
_CLICK_HOOK = re.compile(
    r"(?:document|window|body)\s*\.\s*(?:addEventListener\(\s*['\"]"
    r"(?:click|mousedown|mouseup|pointerdown|touchstart|touchend)['\"]|on(?:click|mousedown|mouseup)\s*=)"
)
_WINDOW_OPEN = re.compile(r"\bwindow\s*\.\s*open\s*\(")
_UNDER = re.compile(r"\.blur\(\s*\)|\b(?:window|self|top)\s*\.\s*focus\(\s*\)")


def popunders(ctx: PageContext) -> Iterator[Finding]:
    """Pop networks present, a script named for the format (a network that sells pops among
    other formats), or popunder code of no known network."""
    found = False
    for network in ctx.networks:
        if "popunder" not in network.formats:
            continue
        found = True
        where = next(((r.line, r.xpath, r.url) for r in ctx.resources
                      if r.network == network.name), (0, "", network.name))
        yield finding(POPUNDER, Severity.MEDIUM,
                      f"{network.name} is a popunder network: a click opens an ad window "
                      "behind the page", where[2], line=where[0], xpath=where[1],
                      key=(network.name,))
    if found:
        return
    for res in ctx.resources:
        if (res.type is RequestType.SCRIPT and (named := _POP_FILE.search(res.url))
                and not _AGAINST_POPS.search(named.group(1).rsplit(".js", 1)[0])):
            who = f"{res.network}'s" if res.network else "a"
            yield finding(POPUNDER, Severity.MEDIUM,
                          f"{who} popunder tag ({named.group(1)}): a click opens an ad "
                          "window behind the page", res.url, line=res.line, xpath=res.xpath,
                          key=(res.url,))
            return
    for code, line, xpath in script_codes(ctx):
        for text in (code, *ctx.decoded(code).payloads):
            words = _pop_words(text)
            # literals each regex needs, tested first: most scripts hold "open" alone
            hijack = ("open" in text and "window" in text and ("focus(" in text or ".blur(" in text)
                      and _CLICK_HOOK.search(text) and _WINDOW_OPEN.search(text)
                      and _UNDER.search(text))
            if words or hijack:
                sign = words.group(0) if words else "click hook → window.open → blur/focus"
                yield finding(POPUNDER, Severity.MEDIUM,
                              f"popunder code ({sign}): a click opens an ad window behind the page",
                              sign, line=line, xpath=xpath, key=(sign,))
                return


def _pop_words(text: str) -> re.Match[str] | None:
    """`_POP_WORDS.search(text)`, tried only where "pop" occurs (every match holds it, in
    any case; a quoted word opens a character before it): the case-blind regex steps
    through a whole script character by character (2% of an audit)."""
    low = aligned_lower(text)
    if "pop" not in low:
        return None
    at = low.find("pop")
    while at >= 0:
        for start in (at - 1, at) if at else (at,):
            found = _POP_WORDS.match(text, start)
            if found is not None:
                return found
        at = low.find("pop", at + 3)
    return None


POPUNDER = FindingKind(
    "popunder", (Severity.MEDIUM,), Severity.MEDIUM,
    "Popunder ads: a click opens an ad window behind the page",
    "The page loads a network that sells pops (the catalogue's `formats = [\"popunder\"]`) or "
    "a script named for the format (ExoClick's `popunder1000.js`), or page-level click code "
    "opens a window and hands focus back to the page. Remove the tag if "
    "the site did not choose the network.",
)

KINDS = (POPUNDER,)
HEURISTICS = (popunders,)
