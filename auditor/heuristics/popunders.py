"""Popunder and pop networks: a click anywhere opens an ad window behind the page.

Networks that sell pops are marked in the catalogue (`formats = ["popunder"]`); one that
sells other formats too counts only where its tag is its pop tag (the catalogue's
`format_tags`), and a script named for the format counts; a page-level click hook that
calls window.open and then hands focus back (blur/focus) is the same trick without a
known network, and so is a page-level click hook that fires once and opens another site's
window (a pop on the first click).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.catalogue import Network
from auditor.dom.inline_js import base64_text, closing_bracket
from auditor.dom.noscript import in_noscript
from auditor.dom.textscan import aligned_lower
from auditor.heuristics.interface import FindingKind, PageContext, finding, script_codes
from auditor.lazy_re import lazy_regex
from auditor.mfa.adload import element_at
from auditor.model import Finding, Identifier, Origin, RequestType, Resource, Severity
from auditor.urls import host_of, is_third_party, resolve

# a script whose file is named for the format (ExoClick's `popunder1000.js`): a network
# that sells several formats loads its pop tag so
_POP_FILE = lazy_regex(r"/((?:[\w.-]*[_.-])?pop_?under[\w.-]*\.js)(?:[?#]|$)", re.I)
# a file named for fighting the format (`anti-popunder.js`, `popunder-blocker.min.js`,
# `popunderblocker.js`, a plugin's `stop-popunder.js`) is a site's defence against pops
_AGAINST_POPS = lazy_regex(
    r"(?:^|[_.-]|pop_?under)(?:anti|no|stop|block|blocker|blocking|kill|killer|detect|detector|guard|"
    r"protect|protection|prevent|remove|remover|disable)(?=[_.-]|$)", re.I)
_POP_WORDS = lazy_regex(r"\bpopMagic\b|\bpop_?under\w*|['\"]popup_fallback['\"]", re.I)
_CLICK_HOOK = lazy_regex(
    r"(?:document|window|body)\s*\.\s*(?:addEventListener\(\s*['\"]"
    r"(?:click|mousedown|mouseup|pointerdown|touchstart|touchend)['\"]|on(?:click|mousedown|mouseup)\s*=)"
)
_WINDOW_OPEN = lazy_regex(r"\bwindow\s*\.\s*open\s*\(")
_UNDER = lazy_regex(r"\.blur\(\s*\)|\b(?:window|self|top)\s*\.\s*focus\(\s*\)")


def popunders(ctx: PageContext) -> Iterator[Finding]:
    """A pop tag of a network that sells pops (every tag of one that sells nothing else, the
    tag forms the catalogue names for one that sells other formats too), a script named for
    the format, or popunder code of no known network."""
    found = False
    for network in ctx.networks:
        tag = pop_tag(ctx, network)
        if tag is None:
            continue
        found = True
        evidence, line, xpath, tag_text = tag
        ids = _ids_of(ctx, network, tag_text)
        zones = f" ({', '.join(f'{i.kind} {i.value}' for i in ids)})" if ids else ""
        said = (f"{network.name} is a popunder network{zones}" if not network.format_tags
                else f"{network.name} popunder tag{zones}")
        severity, does = _verdict(xpath)
        yield finding(POPUNDER, severity, f"{said}: {does}", evidence,
                      line=line, xpath=xpath, key=(network.name,))
    if found:
        return
    named_files = [(res, named) for res in ctx.resources
                   if res.type is RequestType.SCRIPT and (named := _POP_FILE.search(res.url))
                   and not _AGAINST_POPS.search(named.group(1).rsplit(".js", 1)[0])]
    for res, named in sorted(named_files, key=lambda r: in_noscript(r[0].xpath))[:1]:
        who = f"{res.network}'s" if res.network else "a"
        severity, does = _verdict(res.xpath)
        yield finding(POPUNDER, severity, f"{who} popunder tag ({named.group(1)}): {does}",
                      res.url, line=res.line, xpath=res.xpath, key=(res.url,))
        return
    for code, line, xpath in sorted(script_codes(ctx), key=lambda c: in_noscript(c[2])):
        for text in (code, *ctx.decoded(code).payloads):
            words = _pop_code_word(text)
            # literals each regex needs, tested first: most scripts hold "open" alone
            hijack = ("open" in text and "window" in text and ("focus(" in text or ".blur(" in text)
                      and _CLICK_HOOK.search(text) and _WINDOW_OPEN.search(text)
                      and _UNDER.search(text))
            first = None if words or hijack else _first_click_pop(ctx, text)
            if words or hijack or first:
                sign = words.group(0) if words else (
                    "click hook → window.open → blur/focus" if hijack
                    else f"the first click anywhere → window.open({first})")
                severity, does = _verdict(xpath)
                if first:
                    does = "a click anywhere opens another site's window over the page (a pop)"
                yield finding(POPUNDER, severity, f"popunder code ({sign}): {does}",
                              sign, line=line, xpath=xpath, key=(sign,))
                return


# a page-level click hook that fires once (`{once: true}`, removed in its handler, or kept
# from firing again by a cookie or storage mark) and opens another site's address: a pop
# on the visitor's first click, focus handed back or not
# (each branch led by its word, its `\b` read after it, so that `re` skips ahead to them)
_ONCE = lazy_regex(r"once(?<!\wonce)\s*:\s*(?:true|!0)|removeEventListener\s*\("
                   r"|cookie(?<!\wcookie)\s*=(?!=)|Storage\s*\.\s*setItem\s*\(")
_OPENS_ADDRESS = lazy_regex(
    r"""\bwindow\s*\.\s*open\s*\(\s*(?:(['"])((?:https?:)?//[^'"\s]{3,2000})\1"""
    r"""|(?:window\s*\.\s*)?atob\s*\(\s*(['"])([A-Za-z0-9+/=]{8,2000})\3\s*\))""")
HOOK_REACH = 400  # characters after a click hook its handler's block opens and closes within
# the handler asks which element was clicked by a selector naming a class, an id or a data
# attribute (`e.target.closest('.share-fb')`, `matches('#print')`, `[data-share]`) or by
# the target's own id or class: a click delegated to particular buttons, not any click (a
# bare tag, `closest('a')`, is any link: a pop may wait for one)
_TARGET_TEST = lazy_regex(
    r"""\.\s*(?:closest|matches)\s*\(\s*['"][^'"]{0,200}?(?:[.#]|\[data-)"""
    r"""|\btarget\s*\.\s*(?:id|className|classList|dataset)\b""")


def _first_click_pop(ctx: PageContext, text: str) -> str | None:
    """The host a page-level click hook that fires once opens a window of, when it is
    another site's and its handler opens it on any click (no test of which element was
    clicked before it: a share button's delegated click is no pop); else None."""
    if "open" not in text or "window" not in text or not _ONCE.search(text):
        return None
    for hook in _CLICK_HOOK.finditer(text):
        body = text.find("{", hook.end(), hook.end() + HOOK_REACH)  # the handler's block
        end = closing_bracket(text, body, "{", "}", body + HOOK_REACH) if body >= 0 else -1
        opens = _OPENS_ADDRESS.search(text, body, end) if end > 0 else None
        if opens is None or _TARGET_TEST.search(text, body, opens.start()):
            continue
        written = opens.group(2) or base64_text(opens.group(4)) or ""  # or hidden in base64
        url = resolve(written, ctx.url) if written.startswith(("http", "//")) else None
        host = host_of(url) if url else ""
        if host and is_third_party(host, ctx.first_party):
            return host
    return None


def _verdict(xpath: str) -> tuple[Severity, str]:
    """A pop tag's severity and what it does: a live one opens windows (medium), a copy
    inside `<noscript>` opens none (low)."""
    if in_noscript(xpath):
        return Severity.LOW, ("an inert copy inside <noscript>, where no script runs; "
                              "someone pasted the network's pop code here")
    return Severity.MEDIUM, "a click opens an ad window behind the page"


# what opens no window: a pop network's image (its logo, hotlinked by a post reviewing it),
# style sheet, font or media is no tag of its
_NO_POP_TYPES = frozenset({RequestType.IMAGE, RequestType.STYLESHEET, RequestType.FONT,
                           RequestType.MEDIA})
# a tag that loads a script itself (`createElement('script')`, a written `<script src=`):
# its loader, whatever its host (the vendor's new CDN, an anti-adblock domain), so its
# settings beside it run
_LOADS_SCRIPT = lazy_regex(r"""createElement\(\s*['"]script['"]\s*\)"""
                           r"""|<scr(?:['"]\s*\+\s*['"])?ipt\b[^<>]{0,200}?\bsrc\b""", re.I)


def pop_tag(ctx: PageContext, network: Network) -> tuple[str, int, str, str] | None:
    """(evidence, line, xpath, the text its IDs are read in) of the network's pop tag on the
    page: a request of it (with its element's attributes, where the tag keeps its zone), or
    inline code it signs (its settings, catalogue `settings`, only beside a request of it);
    None where it sells no pops or none of its tags here is one."""
    if "popunder" not in network.formats:
        return None
    places: dict[str, tuple[int, str, str]] = {}
    for res in ctx.resources:
        if res.network == network.name and not res.hint and res.type not in _NO_POP_TYPES:
            _place(places, res.url, (res.line, res.xpath, res.url + _attributes(ctx, res)))
    # its settings alone (globals its loader reads: `clicksor_enable_pop = true`) open no
    # window: they count beside a request of it, its loader, or in a tag loading one
    loaded = bool(places)
    for code, line, xpath in script_codes(ctx):
        if network.configured_in(code) and (
                loaded or network.runs_in(code) or _LOADS_SCRIPT.search(code) is not None):
            _place(places, code, (line, xpath, code))
    # a live tag before an inert copy in `<noscript>`
    live = {k: v for k, v in places.items() if not in_noscript(v[1])}
    tag = network.format_tag("popunder", live) or network.format_tag("popunder", places)
    if tag is None:
        return None
    line, xpath, tag_text = places[tag]
    return (tag if tag.startswith(("http:", "https:")) else network.name), line, xpath, tag_text


def _place(places: dict[str, tuple[int, str, str]], tag: str,
           place: tuple[int, str, str]) -> None:
    """Keep a tag's first place, or its first live one over a copy in `<noscript>`."""
    held = places.get(tag)
    if held is None or (in_noscript(held[1]) and not in_noscript(place[1])):
        places[tag] = place


def _attributes(ctx: PageContext, res: Resource) -> str:
    """The attribute values of a request's element (a pop tag's `data-zone`), as text."""
    el = element_at(ctx.page, res.xpath) if ctx.page is not None else None
    return " ".join(str(v) for v in el.attrib.values()) if el is not None else ""


def _ids_of(ctx: PageContext, network: Network, tag_text: str) -> list[Identifier]:
    """The operator's IDs of the network the tag writes; for a network whose every tag is a
    pop (PopAds writes its site ID as a sum), all of them."""
    kinds = {spec.kind for spec in network.ids}
    ids = [i for i in ctx.ids if i.kind in kinds and i.origin is Origin.OPERATOR]
    written = [i for i in ids if i.value in tag_text]
    return written or ([] if network.format_tags else ids)


def _pop_words(text: str, pos: int = 0, low: str | None = None) -> re.Match[str] | None:
    """`_POP_WORDS.search(text, pos)`, tried only where "pop" occurs (every match holds it,
    in any case; a quoted word opens a character before it): the case-blind regex steps
    through a whole script character by character (2% of an audit). `low` is
    `aligned_lower(text)`, when the caller has it."""
    low = aligned_lower(text) if low is None else low
    at = low.find("pop", pos)
    while at >= 0:
        for start in (at - 1, at) if at > pos else (at,):
            found = _POP_WORDS.match(text, start)
            if found is not None:
                return found
        at = low.find("pop", at + 3)
    return None


# EasyList's generic filters on a query key (`&popunder=`, `&adclient=`, `&showad=`), as
# written there, key and `=` with no value: an ad-block detector lists them as bait (Instart
# Logic's nanovisor splits a string of them and requests its own script with one appended,
# to see the request blocked), so the word is a filter's, in a list of filters, not code
_BAIT_FILTER = lazy_regex(r"[&?][\w-]{1,40}=(?=[\s'\"]|$)")


def _pop_code_word(text: str) -> re.Match[str] | None:
    """The first pop word of `text` that is no EasyList query filter (`&popunder=` followed
    by a space, a quote or the text's end): a bait list's item opens no window."""
    low = aligned_lower(text)
    found = _pop_words(text, 0, low)
    while found is not None and found.start() and (
            bait := _BAIT_FILTER.match(text, found.start() - 1)) and bait.end() == found.end() + 1:
        found = _pop_words(text, found.end(), low)
    return found


POPUNDER = FindingKind(
    "popunder", (Severity.LOW, Severity.MEDIUM), Severity.MEDIUM,
    "Popunder ads: a click opens an ad window behind the page",
    "The page carries a pop tag: any tag of a network that sells only pops (the catalogue's "
    "`formats = [\"popunder\"]`), the pop tag of one that sells other formats too (its "
    "`format_tags`: PropellerAds' `apu.php`, not its push tag), a script named for the format "
    "(ExoClick's `popunder1000.js`), or page-level click code "
    "opens a window and hands focus back to the page, or opens another site's window on "
    "the visitor's first click anywhere (a document's click hook that fires once: `{once: "
    "true}`, removed in its handler, or marked by a cookie or storage). Remove the tag if "
    "the site did not choose the network. A tag inside `<noscript>` is low: script there "
    "never runs (scripting on, the block is text; off, no script runs), an inert copy "
    "that says only that someone pasted the network's code.",
)

KINDS = (POPUNDER,)
HEURISTICS = (popunders,)
