"""Which networks a page carries, and the IDs that tie it to an operator."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Collection, Container, Iterator, Sequence
from typing import Any

import re2  # type: ignore[import-untyped]
from lxml import etree

from auditor import amp, prebid
from auditor.catalogue import (
    Catalogue,
    Network,
    canonical_id,
    pattern_needle,
    slash_twins,
    unescaped_path,
)
from auditor.dom.inline_js import (
    ShownText,
    in_comment,
    in_string,
    integer_value,
    shown_as_text,
)
from auditor.dom.noscript import escaped_addresses
from auditor.dom.page import ParsedPage
from auditor.dom.parser import PageOverLimit, attributes_named, parse_html, re2_text_pattern
from auditor.dom.walk import tag_address
from auditor.lazy_re import lazy_regex
from auditor.literals import LiteralSet
from auditor.metrics import outermost
from auditor.model import (
    Category,
    Identifier,
    NetworkSeen,
    Origin,
    Resource,
    Seen,
    Slot,
    hint_via,
    report_networks,
)
from auditor.needles import script_needles, value_needles
from auditor.resources import Sighting
from auditor.rules.literal import finditer, literal_led, search
from auditor.slots import FoundSlot, literals_assigned, paths_handed_to, unplaced_units
from auditor.urls import host_of


def networks_present(
    seen: Sequence[Sighting],
    catalogue: Catalogue,
    page: ParsedPage,
    among: Collection[str] | None = None,
) -> dict[Network, Seen]:
    """Networks the page loads, names in its AMP components, configures (inline signature
    in its scripts or what they decode to), asks for bids (Prebid.js bidder codes in its
    scripts) or links to (affiliate links), in catalogue order, each with the first of
    those ways it shows (a network loaded is not sought further). `among`, where given,
    names the only networks asked (those a creative's requests alone had loaded)."""
    how: dict[str, Seen] = {}
    for s in seen:
        if s.network_name and hint_via(s.via) is None:
            how.setdefault(s.network_name, Seen.LOADED)

    def asked(name: str) -> bool:
        return among is None or name in among
    for name in amp.named_networks(page, catalogue):
        if asked(name):
            how.setdefault(name, Seen.AMP)
    joined = page.script_text  # one scan per pattern, not one per script
    held = script_needles(page, catalogue)
    # and the code of its links' click handlers (`onclick="_hbLink('…')"`), read apart:
    # one scan of their text for the needles, each signature over it where its needle is
    handlers = page.click_handler_text
    in_handlers = catalogue.script_needles.present(handlers) if handlers else set()
    for network in catalogue.signed_with(held | in_handlers):
        if network.name in how or not asked(network.name):
            continue
        # an injector's code a page's own script quotes (a detector, a blocklist) is text:
        # the injector writes its code as code, never into the site's strings; read script
        # by script, so a string one leaves open (cut at a `</script>` it held) ends there
        in_strings = network.category is not Category.ADWARE
        if any((needle in held and (live_signature(p, joined) if in_strings else any(
                (needle is None or needle in code) and live_signature(p, code, in_strings=False)
                for code in page.script_texts)))
               or (needle in in_handlers and live_signature(p, handlers, in_strings=in_strings))
               for needle, p in network.signatures):
            how[network.name] = Seen.INLINE
    for network in prebid.bidder_networks(page, catalogue):
        if asked(network.name):
            how.setdefault(network.name, Seen.BIDDER)
    # a linker whose pattern needs a literal no attribute value holds is not sought
    # link by link (every affiliate pattern was run on every link: 1,100 searches a page)
    in_values = value_needles(page, catalogue)
    linkers = [n for n in catalogue.linkers if n.name not in how and asked(n.name)
               and (not n.link_needles or any(x in in_values for x in n.link_needles))]
    if linkers:
        for anchor in page.tagged("a"):
            href = anchor.get("href") or ""
            if not href.startswith(("http://", "https://")):
                continue
            hit = [n for n in linkers if n.links is not None and n.links.search(href)]
            if hit:  # a linker found is not sought on the page's other links
                how.update((n.name, Seen.LINK) for n in hit)
                linkers = [n for n in linkers if n.name not in how]
                if not linkers:
                    break
    for platform in _platforms_run_by_others(how, catalogue):
        del how[platform]
    return {n: how[n.name] for n in catalogue.in_order(how)}


def _platforms_run_by_others(how: dict[str, Seen], catalogue: Catalogue) -> set[str]:
    """The hosted ad servers (`Network.platform`) the page shows by their tag code alone
    (their inline signature) where a network running on them is loaded: AdvertServe's
    `_avp.push` on a page loading AdReactor's libcode3.js is AdReactor's tag."""
    out: set[str] = set()
    for name, seen in how.items():
        network = catalogue.network_named(name) if seen is Seen.LOADED else None
        if network is not None and network.platform is not None \
                and how.get(network.platform) is Seen.INLINE:
            out.add(network.platform)
    return out


def on_platforms(slots: list[FoundSlot], running: Collection[str], catalogue: Catalogue
                 ) -> list[FoundSlot]:
    """Slots of a hosted ad server the page does not run (`running`: no request to its
    hosts, no signature of its own) that a running network on it fills (`Network.platform`):
    AdReactor's units in AdvertServe's `avp_zid_<zone>` boxes are AdReactor's."""
    users = {catalogue.network_named(n) for n in running}
    by_platform = {n.platform: n for n in users if n is not None and n.platform is not None}
    if not by_platform:
        return slots
    return [dataclasses.replace(s, network=by_platform[s.network.name])
            if s.network is not None and s.network.name not in running
            and s.network.name in by_platform else s for s in slots]


def shown_by_the_page(shown: dict[Network, Seen], seen: Sequence[Sighting],
                      creative: Collection[str], catalogue: Catalogue, page: ParsedPage
                      ) -> dict[Network, Seen]:
    """`shown` (`networks_present`) without what only an ad's creative loads (`creative`,
    its requests' URLs: `creatives.creative_requests`): a network its pixels alone loaded
    is the page's only where the page shows it another way (configures it, bids with
    it), asked of those networks alone."""
    if not creative:
        return shown
    loaded = {s.network_name for s in seen
              if s.network_name and s.url not in creative and hint_via(s.via) is None}
    gone = {n.name for n, how in shown.items() if how is Seen.LOADED and n.name not in loaded}
    if not gone:
        return shown
    again = {n.name: how for n, how in networks_present((), catalogue, page, gone).items()}
    return {n: again.get(n.name, how) for n, how in shown.items()
            if n.name not in gone or n.name in again}


def live_signature(pattern: re.Pattern[str], code: str, *, in_strings: bool = True) -> bool:
    """Whether `code` holds the signature outside a JavaScript comment: a call the page
    keeps commented out beside its live code (France 24's `// OAS_RICH('Top');` in a tag
    manager's loader) configures nothing, as it places nothing (`slots`). Every match may
    be the live one (a page of forty blocks each keeping its old call commented, the live
    call in a later script); a match in a comment skips the matches up to the comment's
    line end or its `*/`, whichever comes first, so each line or block is asked once, and
    each ask reads a bounded reach (`in_comment`): linear on a page of commented copies.
    Without `in_strings`, a match that starts inside a string literal (`in_string`) is none."""
    resume = 0
    shown = ShownText(code)
    for match in finditer(pattern, code):
        at = match.start()
        if at < resume:
            continue
        if shown(at) or (not in_strings and in_string(code, at)):
            continue  # a string's article body showing the tag (`<code>crtg_nid = …`)
        if not in_comment(code, at):
            return True
        line_end = code.find("\n", match.end())
        line_end = len(code) if line_end == -1 else line_end
        closed = code.find("*/", match.end(), line_end)  # no further: the line ends first
        resume = line_end if closed == -1 else closed + 2
    return False


def page_networks(present: dict[Network, Seen], resources: Sequence[Resource],
                  slots: Sequence[Slot], ids: Sequence[Identifier],
                  catalogue: Catalogue, commented: Collection[str] = (),
                  served: Collection[str] = ()) -> tuple[NetworkSeen, ...]:
    """Every network the page carries, in catalogue order: those present, and any its
    requests, slots or operator IDs name (`report_networks`), with how it shows and
    what of it the report holds; `commented` names those whose IDs the page writes only in
    commented-out tags (`commented_out_ids`); `served`, the ad servers whose renderer
    wrote inside another network's slot (`FoundSlot.served_by`), shown by that slot's
    markup though the placement is the other's."""
    loads = Counter(r.network for r in resources if r.network and not r.hint and not r.creative)
    held = Counter(r.network for r in resources
                   if r.network and not r.hint and not r.creative and r.consent_held)
    placed = Counter(s.network for s in slots if s.network)
    owned = Counter(i.network for i in ids if i.network and i.origin is Origin.OPERATOR)
    how = {n.name: seen for n, seen in present.items()}
    for name in report_networks(resources, slots, ids):
        how.setdefault(name, Seen.LOADED if loads[name] else Seen.SLOT if placed[name]
                       else Seen.ID)
    for name in served:
        how.setdefault(name, Seen.SLOT)
    return tuple(NetworkSeen(n.name, n.company, n.category, how[n.name], loads[n.name],
                             placed[n.name], owned[n.name],
                             how[n.name] is Seen.LOADED and held[n.name] == loads[n.name],
                             how[n.name] is Seen.ID and n.name in commented)
                 for n in catalogue.in_order(how))


def commented_out(page: ParsedPage, sightings: Sequence[Sighting],
                  slots: Sequence[FoundSlot], ids: Sequence[Identifier],
                  catalogue: Catalogue) -> tuple[tuple[Identifier, ...], frozenset[str]]:
    """The IDs of tags the page keeps in HTML comments (`<!-- <script>…gtm.js?id=GTM-…
    </script> -->`), and the networks whose every operator ID is written only there. Such a
    tag runs for no visitor, unlike one a consent manager holds: it makes no request, host
    or tracker, but its ID is the operator's, read as a loaded tag's would be (the URLs of
    its `script`, `iframe` and `img` tags, for the network they name, and its inline code);
    the network is marked (`NetworkSeen.commented_out`). A pixel's `<img>` or a frame
    commented out on its own (`<!-- <img src="https://www.facebook.com/tr?id=…"> -->`) is
    read the same way: it loads nothing, but its ID is the account the operator installed.
    A comment that is all an element with a `data-` attribute holds is a template the
    site's script activates (faz.net's consent embeds, `<div data-gdpr-embedding><!--
    <script>…`), and a conditional comment (`<!--[if lt IE 9]><script …><![endif]-->`)
    one old browsers run: live, not dead."""
    tagged = [(c, c.text) for c in page.comments if c.text and _holds_tag(c.text)]
    if not tagged:
        return (), frozenset()
    dead: list[str] = []
    activated: list[str] = []
    for comment, text in tagged:
        alive = _template_comment(comment) or text.lstrip().startswith("[if")
        (activated if alive else dead).append(text)
    if not dead:
        return (), frozenset()
    known = {(i.kind, i.value) for i in ids}
    added = {(i.kind, i.value): i for i in _commented_tag_ids(dead, catalogue)
             if (i.kind, i.value) not in known}
    if not added and not any("<script" in text for text in dead):
        return (), frozenset()  # images and frames of no network's ID: the page's own
    live = [config_text(page, sightings, slots, catalogue, comments=False), *activated]
    operators = [i for i in (*ids, *added.values()) if i.network and i.origin is Origin.OPERATOR]
    # which IDs each side holds, in one pass each: `value in text` per ID was quadratic (a
    # page of 20,000 commented-out GTM tags, 1.7 MB: 34 s)
    values = LiteralSet(i.value for i in operators)
    in_comments, in_live = values.present("\n".join(dead)), values.present("\n".join(live))
    where: dict[str, bool] = {}
    for i in operators:
        assert i.network is not None
        only = i.value in in_comments and i.value not in in_live
        where[i.network] = where.get(i.network, True) and only
    return tuple(added.values()), frozenset(name for name, only in where.items() if only)


_COMMENTED_TAGS = ("script", "iframe", "img")
_COMMENTED_OPENERS = tuple("<" + tag for tag in _COMMENTED_TAGS)


def _holds_tag(text: str) -> bool:
    """Whether a comment's text holds a tag that would load something: a script, or a
    frame or an image (a tracking pixel) with an address that names its host (`//`), the
    only ones whose URL a network's pattern can read (`_absolute`)."""
    return "<script" in text or ("//" in text and any(o in text for o in _COMMENTED_OPENERS))

# how many commented-out tags are parsed for their IDs: a page is no archive of old tags,
# and a crafted one of 100,000 comments should cost no 100,000 parses
_COMMENTS_READ = 200


def _commented_tag_ids(comments: Sequence[str], catalogue: Catalogue) -> list[Identifier]:
    """The IDs the tags in `comments` would carry: each URL's network's URL patterns over
    its URLs, and its script patterns over the comment's inline code; never fetched or
    run. A comment that does not parse within the page limits is left unread."""
    found: list[Identifier] = []
    for text in comments[:_COMMENTS_READ]:
        try:
            root = parse_html(text)
        except PageOverLimit:
            continue
        urls = [_absolute(tag_address(el) if el.tag == "script" else el.get("src") or "")
                for el in root.iter(*_COMMENTED_TAGS)]
        urls = [u for u in urls if u]
        codes = [el.text for el in root.iter("script") if el.text]
        named = {n.name: n for n in (catalogue.network_for(u, host_of(u)) for u in urls) if n}
        for network in named.values():
            for spec in network.ids:
                texts = ((urls if spec.where in ("url", "any") else [])
                         + (codes if spec.where in ("script", "any") else []))
                for match in (m for t in texts for m in finditer(spec.pattern, t)):
                    value = _value(match, spec.decoded, host=spec.host)
                    if value and not network.is_sample(spec.kind, value):
                        found.append(Identifier(spec.kind, value, network.name))
    return found


def _absolute(url: str) -> str:
    """A tag's address as written, when it names its host (`https://…`, `//…`), else ''."""
    url = url.strip()
    if url.startswith("//"):
        return "https:" + url
    return url if url.startswith(("https://", "http://")) else ""


def _template_comment(comment: etree._Element) -> bool:
    """Whether a comment is the content of a template element: an element with a `data-`
    attribute (what its script finds it by) holding nothing else but space."""
    parent = comment.getparent()
    if parent is None or not any(str(name).startswith("data-") for name in parent.attrib):
        return False
    return not (parent.text or "").strip() and all(
        isinstance(child, etree._Comment) and not (child.tail or "").strip() for child in parent)


def _may_be_in(pattern: re.Pattern[str], joined: str) -> bool:
    """False when no text of `joined` (texts run together a line apart) can match: one
    search of them all instead of one per text, where a match in a text is a match in the
    run (the pattern reads no start or end of the text, nor what is not beside it). The
    search is RE2's, of the pattern loosened (`_loosened`), where RE2 can read it: one
    linear pass, where `re` tries a pattern no literal opens (comScore's `(?:\\bc2|['"]c2
    ['"])…`) at each character, 40 ms over one page's scripts."""
    if not _joinable(pattern):
        return True
    return search(pattern, joined) if _loosened(pattern) is None \
        else _loosely_in(pattern, joined)


def _loosely_in(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the pattern loosened (`_loosened`) matches in the text; True where there
    is none."""
    loose = _loosened(pattern)
    if loose is None:
        return True
    try:
        return loose.search(text) is not None
    except UnicodeEncodeError:  # a lone surrogate decoded from an escape: U+FFFD, as
        # it, in every class but one naming either, and no letter, digit or space
        return loose.search(_SURROGATE.sub("\ufffd", text)) is not None


# RE2's budget for a loosened pattern: a process keeps ~200 of them, each caching its
# DFA's states up to a part of its budget (at 8 MB each, ~12 MB more per worker)
_LOOSE_MEMORY = 1 << 20
_SURROGATE = lazy_regex("[\ud800-\udfff]")


@functools.lru_cache(maxsize=2048)
def _loosened(pattern: re.Pattern[str]) -> Any | None:
    """The pattern as RE2 reads it, matching wherever the pattern does and perhaps more:
    case-blind, `re`'s Unicode classes (`re2_text_pattern`), its word edges (`\\b`, `\\B`:
    RE2's are ASCII) and its lookarounds (assertions RE2 cannot read) dropped. None where
    `re` skips ahead to its opening literal (`literal_led`), where RE2 cannot read it
    (back references, possessive repeats) or may read it otherwise (`{,n}`, a literal to
    RE2; `$`; a flag but case)."""
    source = pattern.pattern
    if pattern.flags & ~(re.UNICODE | re.IGNORECASE) or "{," in source \
            or "$" in _CLASS.sub("", _ESCAPED.sub("x", source)) \
            or (literal_led(source) and not pattern.flags & re.IGNORECASE):
        return None  # (`$`: RE2's is the text's end alone; `re` skips ahead to a literal)
    out, at, in_class = [], 0, False
    while at < len(source):
        char = source[at]
        piece = source[at:at + 2] if char == "\\" else char
        if in_class:
            in_class = not (char == "]" and source[at - 1] != "[" and source[at - 2:at] != "[^")
        elif char == "[":
            in_class = True
        elif piece in ("\\b", "\\B"):
            piece = ""
        elif source.startswith(_LOOKAROUNDS, at):
            end = _group_end(source, at)
            if end is None or source[end:end + 1] in ("*", "+", "?", "{"):
                return None
            piece, at = "", end  # an assertion: without it the pattern matches more
            continue
        out.append(piece)
        at += max(len(piece), 2 if char == "\\" else 1)
    try:
        return re2_text_pattern("".join(out), max_mem=_LOOSE_MEMORY)
    except (ValueError, re2.error):
        return None


_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")


def _group_end(source: str, at: int) -> int | None:
    r"""Where the group opening at `at` of a pattern's source ends (past its `)`), its
    escapes, classes and nested groups read; None for a group left open.

    >>> _group_end(r"(?<![\w$)])ad(", 0), _group_end(r"(?=a(b|\))c)d", 0)
    (11, 12)
    >>> _group_end(r"(?=(a", 0) is None
    True
    """
    depth, in_class, index = 0, False, at
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = not (char == "]" and source[index - 1] != "["
                            and source[index - 2:index] != "[^")
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


# anchors, lookarounds that a neighbouring line end could turn from true to false, and
# atomic groups or possessive repeats, which could swallow it and not give it back
_TEXT_EDGE = lazy_regex(r"[$^]|\\[AZ]|\(\?<?!|\(\?>|[*+?}]\+")
_ESCAPED = lazy_regex(r"\\.")
_CLASS = lazy_regex(r"\[\^?\]?[^\]]*\]")


@functools.lru_cache(maxsize=2048)
def _joinable(pattern: re.Pattern[str]) -> bool:
    """Whether a match in a text is also one in texts run together with line ends: no
    anchor (`^`, `$`, `\\A`, `\\Z`) or negative lookaround outside a character class,
    and no flag that changes what they mean."""
    if pattern.flags & (re.MULTILINE | re.VERBOSE):
        return False
    bare = _CLASS.sub("", _ESCAPED.sub(lambda m: "x" if m.group(0)[1] not in "AZ" else m.group(0),
                                       pattern.pattern))
    return _TEXT_EDGE.search(bare) is None


def _value(match: re.Match[str], decoded: re.Pattern[str] | None = None, *,
           host: bool = False) -> str | None:
    """An ID pattern's value: its `integer` group computed (an expression of integer
    literals, `inline_js.integer_value`; None where it is not one), its `base64` group
    decoded and read by `decoded` (`IdSpec.decoded`; None where it does not decode or
    match), else its `value` group, else group 1; lowered where it is a `host`."""
    groups = match.groupdict()
    if "integer" in groups:
        number = integer_value(groups["integer"] or "")
        return None if number is None or number <= 0 else str(number)
    if decoded is not None:
        text = _base64_text(groups.get("base64") or "")
        found = decoded.search(text) if text else None
        return found.group(1) if found else None
    value = groups.get("value") or match.group(1)
    if host and value:
        return value.lower()
    return unescaped_path(value) if value else value


def _value_start(match: re.Match[str]) -> int:
    """Where a match's value stands: its `value`, `integer`, `base64` or `value_name`
    group, else group 1, where it took part; else the match's start."""
    for group in ("value", "integer", "base64", "value_name"):
        if group in match.re.groupindex and match.start(group) != -1:
            return match.start(group)
    return match.start(1) if match.re.groups and match.start(1) != -1 else match.start()


def _assigned_value(page: ParsedPage, match: re.Match[str], form: re.Pattern[str]
                    ) -> str | None:
    """The ID a match hands over by a variable: the `value` its pattern read outright,
    else the one literal the page's scripts assign the name its `value_name` group holds,
    where `form` matches it whole (a name assigned two values names neither): the literal,
    or the part `form`'s group 1 holds (a unit path's network code)."""
    if match.groupdict().get("value"):
        return match.group("value")
    name = match.groupdict().get("value_name")
    held = page.view("literals assigned to names", lambda: _literals_assigned(page))
    literals = held.get(name or "", set())
    if len(literals) != 1:
        return None
    (literal,) = literals
    whole = form.fullmatch(literal)
    if whole is None:
        return None
    return whole.group(1) if form.groups else literal


def _literals_assigned(page: ParsedPage) -> dict[str, set[str]]:
    """Every plain name the page's scripts assign a short string literal to in a statement
    of its own (`var CXID = '9222352878741167893';`), with the literals: read from the
    page's one pass over its assignments (`slots.literals_assigned`). An assignment a
    comment holds is none (`//var id = "…"; //all`, the choices a page keeps beside the one
    it runs)."""
    out: dict[str, set[str]] = {}
    for found in literals_assigned(page):
        if found.ended and not found.commented and found.default is None \
                and _PLAIN_NAME.fullmatch(found.name) and _SHORT_LITERAL.fullmatch(found.literal):
            out.setdefault(found.name, set()).add(found.literal)
    return out


_PLAIN_NAME = lazy_regex(r"[A-Za-z_$][\w$]{0,60}")
_SHORT_LITERAL = lazy_regex(r"[^'\"\\\n]{1,120}")  # no escape in it


def _base64_text(encoded: str) -> str | None:
    """`encoded` (standard or URL-safe base64, padded or not) decoded as UTF-8 text, None
    where it is not base64 (never an exception: the text is the page's)."""
    encoded = encoded.replace("-", "+").replace("_", "/").rstrip("=")
    try:
        raw = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw.decode("utf-8", "replace")


def _may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False when a literal every match needs is absent, or where the pattern loosened
    for RE2 (`_loosened`) does not match: skips most regex scans."""
    needle = pattern_needle(pattern)
    return (needle is None or needle in text) and _loosely_in(pattern, text)


def _stretch_matches(pattern: re.Pattern[str], seek: re.Pattern[str], stops: str,
                     text: str, reach: int | None = None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern no match of which holds `stops` and each of
    which holds a match of `seek` and reads nothing past its end (an ID spec's `stops`,
    `seek`): its matches in the stretches between two `stops` that hold one of `seek`'s,
    each read up to the end of the last such match in it, the same matches at the same
    places (the search is bounded, not the text cut: what the pattern reads around a stretch,
    the character before it, is read). GPT's wrapper-call readers, led by a lookbehind that
    keeps `re` trying them at each character, took 20 ms each over a 73 KB bundle holding
    a quoted path, and 32 ms each over a 70 KB config object pushed after one; one pass
    over the text and the seek's hits, each stretch read once and no further than a match
    can end. With the spec's `reach` (no match opens further before the seek's match it
    ends with than that many of `_RUNS`' pieces), a stretch is read only from `reach`
    pieces before each of its seek's matches: a 70 KB config before the path in one
    statement is not read from its start (every match lies in one of those windows, and
    the windows that overlap are read as one, so `finditer` finds what it found over the
    stretch)."""
    at = 0
    while (hit := seek.search(text, at)) is not None:
        start = text.rfind(stops, at, hit.start()) + 1 or at
        end = text.find(stops, hit.end())
        end = len(text) if end < 0 else end
        opens = (_reached(text, start, hit.start(), reach)
                 if reach is not None and hit.start() - start > _SKIPPED * reach else start)
        last = hit.end()  # each place the seek matches is sought: two may share a quote
        while (later := seek.search(text, hit.start() + 1, end)) is not None:
            hit = later
            if reach is not None and hit.start() - last > _SKIPPED * reach:
                window = _reached(text, start, hit.start(), reach)
                if window > last:  # no match opening before `last` ends past it
                    yield from pattern.finditer(text, opens, last)
                    opens = window
            last = max(last, hit.end())
        yield from pattern.finditer(text, opens, last)
        at = end


# The pieces a spec's `reach` counts: a run of spaces and name characters, or any other one
_RUNS = lazy_regex(r"[\s\w$]+|[^\s\w$]")
# A stretch is read whole up to a seek's match fewer than this many times `reach`
# characters on (where its window would open, a few thousand characters of a config
# before the path, is sought only where reading less would spare more than the seeking
# costs: over the corpus's configs of 4 KB it took as long as it spared)
_SKIPPED = 8


def _reached(text: str, start: int, at: int, reach: int) -> int:
    """The first place from `start` that holds at most `reach` of `_RUNS`' pieces up to
    `at`: where a match of a spec of that `reach` whose seek matches at `at` may open.

    >>> _reached("call(   a, b, '/1/x'", 0, 14, 6), _reached("call(   a, b, '/1/x'", 0, 14, 7)
    (4, 0)
    """
    span = 4 * reach  # a script's text holds about a piece for each 2-3 characters
    while True:
        low = max(start, at - span)
        pieces = [m.start() for m in _RUNS.finditer(text, low, at)]
        if len(pieces) > reach:  # the first may be a run cut short: never the one taken
            return pieces[-reach]
        if low == start:
            return start
        span *= 4


NEEDLE_BEFORE, NEEDLE_AFTER = 64, 512  # the text around a needle a markup ID is read in
NEEDLE_WINDOW = NEEDLE_BEFORE + NEEDLE_AFTER


def _attribute_values(page: ParsedPage, root: etree._Element, attr: str,
                      src: re.Pattern[str] | None,
                      on: re.Pattern[str] | None = None) -> list[str]:
    """The values of attribute `attr` in the page's document or one of its own frames'
    (`root`), on elements whose address `src` finds when given: the `src`, or the URL
    parked in its place while a delay plugin or consent manager holds the tag (the walk
    reads it as the tag's request, and the tag keeps its IDs); and whose id or class `on`
    finds when given (a site's ad box: `div.ad-unit[data-zone]`). The page's own are read
    once a page."""
    mine = root is page.root
    if src is None and on is None:
        return (page.attribute_values(attr) if mine
                else [str(v) for v in attributes_named(root, attr)])
    named = (page.view("attr-src:" + attr, lambda: _addressed(root, attr)) if mine
             else _addressed(root, attr))
    return [value for value, url, names in named
            if (src is None or (url and src.search(url))) and (on is None or on.search(names))]


def _addressed(root: etree._Element, attr: str) -> list[tuple[str, str, str]]:
    """Each value of attribute `attr` in `root`'s document, with its element's address and
    its id and class."""
    return [(str(v), tag_address(v.getparent()) or "",
             f"{v.getparent().get('id') or ''} {v.getparent().get('class') or ''}")
            for v in attributes_named(root, attr)]


def _around(text: str, needles: Sequence[str], held: Container[str | None],
            found: dict[str, list[int]], starts: list[int] | None = None) -> list[str]:
    """The stretches of a page's text around each occurrence of any needle: a markup
    ID pattern runs on these, never on the whole page. `held`: the needles the text
    holds (one pass found them); `found` keeps each needle's positions for the page,
    since several patterns share a needle; `starts`, if given, gets each stretch's start
    in the text (a comment opened before a stretch is read in the text)."""
    out: list[str] = []
    for needle in needles:
        if needle not in held:
            continue
        positions = found.get(needle)
        if positions is None:
            positions = found[needle] = _positions(text, needle)
        out += [text[start : start + NEEDLE_WINDOW] for start in positions]
        if starts is not None:
            starts += positions
    return out


def _positions(text: str, needle: str) -> list[int]:
    """Window starts for a needle's occurrences, one window per NEEDLE_AFTER / 2."""
    starts: list[int] = []
    at = text.find(needle)
    while at >= 0:
        starts.append(max(0, at - NEEDLE_BEFORE))
        at = text.find(needle, at + NEEDLE_AFTER // 2)
    return starts


def _meta_contents(page: ParsedPage, catalogue: Catalogue) -> dict[str, list[str]]:
    """The contents of the page's `<meta name>` tags whose name (in any case, as HTML
    reads it) a `meta` ID pattern reads, by lowered name; stripped, as a verifier reads
    them (`content=" 8d5e… "`)."""
    out: dict[str, list[str]] = {}
    if not catalogue.meta_ids:
        return out
    for meta in page.tagged("meta"):
        name = (meta.get("name") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name in catalogue.meta_ids and not placeholder_content(content):
            out.setdefault(name, []).append(content)
    return out


# what a template or a plugin's empty setting leaves in a verification meta: a word asking
# for the code, a value no setting holds, a run of one character or of counting digits
_PLACEHOLDER_WORDS = lazy_regex(
    r"your|placeholder|insert|paste|here|change|example|sample|verif|undefined|null|none"
    r"|test|todo|code|xxxx|123456|abcdef", re.IGNORECASE)


def placeholder_content(content: str) -> bool:
    """Whether a verification meta's content is a placeholder, not an account, though it
    may have the vendor's form (`PLACEHOLDER` of nine letters, 32 zeros, `yourcode`): a
    vendor's code is random, so it holds no such word and is no one character repeated.

    >>> placeholder_content("PLACEHOLDER"), placeholder_content("0" * 32)
    (True, True)
    >>> placeholder_content("ca-pub-" + "0" * 16), placeholder_content("ca-pub-4821730195648203")
    (True, False)
    >>> placeholder_content("BqK4r7dTE"), placeholder_content("4f1c9a0e7b2d5c8e6a3f0b1d9c7e2a54")
    (False, False)
    """
    last = re.split(r"[-_.]", content)[-1]  # the number of a prefixed form (ca-pub-…)
    return bool(re.fullmatch(r"(.)\1*", content.lower())
                or (len(last) >= 6 and re.fullmatch(r"(.)\1*", last.lower()))
                or _PLACEHOLDER_WORDS.search(content))


def config_text(page: ParsedPage, seen: Sequence[Sighting],
                slots: Sequence[FoundSlot], catalogue: Catalogue, comments: bool = True) -> str:
    """Where a page writes vendor IDs: every script's text but JSON-LD's (code and JSON
    data, read unescaped too where a template's escaper printed into it: `templated_scripts`; and
    tags kept in comments until consent), the URLs it requests and links to, its ad slots'
    attributes and the `data-` attributes a vendor's config element is documented with
    (`data-parsely-site`). A quarter of a page's bytes; editorial text and styles hold
    none. `comments=False`: all but the tags in comments (what runs, `commented_out_ids`)."""
    script_texts, commented, links = page.config_parts
    # JSON-LD describes the page (an article's body text is prose there), holding no config
    described = {s.text for s in page.structured_data}
    parts = [*(t for t in script_texts if t not in described), *page.templated_scripts,
             *(commented if comments else ()),
             *(s.url for s in seen), *links]
    boxes = set(outermost(s.element for s in slots))  # a nested box is read in its holder's
    for box in dict.fromkeys(s.element for s in slots if s.element in boxes):  # page order
        for el in box.iter():  # a comment's `attrib` is no _Attrib; its items() is []
            parts += [f'{name!s}="{value!s}"' for name, value in el.items()]
    # a form's hidden fields: the settings it hands the service it submits to (AdSense for
    # Search's box: `<input type="hidden" name="cx" value="partner-pub-…:…">`), as
    # `name="value"`
    parts += [f'{el.get("name")}="{el.get("value")}"' for el in page.tagged("input")
              if el.get("name") and el.get("value")
              and (el.get("type") or "").strip().lower() == "hidden"]
    held = page.holding(catalogue.id_attributes)  # in the page's one needle pass
    for name in catalogue.id_attributes:
        if name in held:
            text = name.decode()
            parts += [f'{text}="{value}"' for value in page.attribute_values(text)]
    return "\n".join(parts)


def identifiers(
    page: ParsedPage,
    sightings: Sequence[Sighting],
    slots: Sequence[FoundSlot],
    present: Sequence[Network],
    catalogue: Catalogue,
    saved_frames: Sequence[str] = (),
    other_sites: Collection[etree._Element] = (),
    own_frames: Sequence[etree._Element] = (),
    linked: Collection[str] = (),
) -> tuple[Identifier, ...]:
    """Every monetisation or tracking ID, once each, in the order first met: slot zones,
    then the ID patterns of each network present or holding a slot here (on its URLs, its
    scripts and what they decode to), then the `meta` patterns of the verification tags
    the page carries (`<meta name="monetag" content="…">`), then the `markup` patterns of
    every catalogued network, read where pages write IDs outside a vendor's own tag
    (`config_text`): those patterns name their key (`"adUnitPath": "/4817/…"`), so a match
    is that vendor's ID even where its loader is not on the page, as a meta's name is.
    The `attr` patterns read the documents of the page's own frames too (`own_frames`, the
    roots of `walk.own_documents`: an `<ins data-ad-client>` its frame holds), as their
    scripts are read (`saved_frames`). A network only a link of it shows (`linked`:
    `Seen.LINK`, no slot of it either) runs no code here, so its patterns over the page's
    code read none (AdvertServe's `_avp.push` beside AdReactor's click link is another
    ad server's call), as its generic markup counts only where its code runs."""
    # the page's code its frames run (and a saved copy's frame parts of its own,
    # `saved_frames`: `walk.own_frame_scripts`): its IDs too; not the code of a frame
    # holding another site's document (`other_sites`: `walk.other_sites_frames`)
    framed = [*(page.frame_script_texts if not other_sites else
                [c for f in page.frames if f not in other_sites for c in page.frame_scripts(f)]),
              *saved_frames]
    # and the scripts writing their strings in escapes, read unescaped (`unescaped_scripts`)
    unescaped = page.unescaped_scripts
    codes = page.script_texts + framed + unescaped
    markup = config_text(page, sightings, slots, catalogue)
    seen: dict[tuple[str, str], Identifier] = {}

    def add(kind: str, value: str, network: Network | None) -> bool:
        """Whether the ID is the page's: a vendor documentation's example is no one's."""
        canonical = canonical_id(kind, value)
        if canonical is None:
            return False  # a template's text where the ID goes
        value = canonical
        if network is not None and network.is_sample(kind, value):
            return False
        seen.setdefault((kind, value), Identifier(kind, value, network.name if network else None))
        return True

    for slot in slots:
        if slot.zone_id and slot.id_kind:
            add(slot.id_kind, slot.zone_id, slot.network)
    for unit in unplaced_units(page):
        add(unit.kind, unit.zone, unit.network)
    # and the addresses a DOM save's `<noscript>` holds as text (`&lt;img src=…&gt;`)
    urls = [s.url for s in sightings] + escaped_addresses(page.tagged("noscript"))
    # a network whose slot is on the page counts even when its loader is not (an
    # injected `<ins class="adsbygoogle" data-ad-client=...>` still names its publisher)
    by_name = {n.name: n for n in present}
    for slot in slots:
        if slot.network is not None:
            by_name.setdefault(slot.network.name, slot.network)
    replaced: set[tuple[str, str]] = set()
    idle = set(linked) - {s.network.name for s in slots if s.network is not None}
    jobs = [(n, spec) for n in by_name.values() for spec in n.ids
            if spec.where not in ("markup", "meta")
            and not (n.name in idle and spec.where in ("script", "any"))]
    # a network's verification `<meta>` declares the site's account with it, loader or not
    metas = _meta_contents(page, catalogue)
    jobs += [job for name in metas for job in catalogue.meta_ids[name]]
    # a needle the text lacks has no windows: one pass finds which it holds, and only the
    # markup patterns of those needles are asked (a page holds a few of a hundred)
    held = catalogue.markup_id_needles.present(markup) if markup else set()
    jobs += catalogue.markup_ids_around(held)
    needle_positions: dict[str, list[int]] = {}
    # and which literals, that every match of a URL or script pattern holds, the page's
    # URLs and scripts hold: a pattern whose literal they lack skips them
    literals = catalogue.id_needles
    all_urls, all_codes = "\n".join(urls), "\n".join((page.script_text, *framed, *unescaped))
    in_urls, in_codes = literals.present(all_urls), script_needles(page, catalogue)
    if framed or unescaped:
        in_codes = in_codes | catalogue.script_needles.present("\n".join((*framed, *unescaped)))
    sought: dict[re.Pattern[str], list[str]] = {}

    def seeking(seek: re.Pattern[str]) -> list[str]:
        found = sought.get(seek)
        if found is None:
            found = sought[seek] = [c for c in codes if search(seek, c)]
        return found

    for network, spec in jobs:
        texts: list[str] = []
        starts: list[int] = []  # a markup stretch's start in the markup
        needle = pattern_needle(spec.pattern)
        known = literals.covers(needle)
        if spec.where == "markup":
            texts += _around(markup, spec.needles, held, needle_positions, starts)
        if spec.where in ("url", "any") and (not known or needle in in_urls) \
                and _may_be_in(spec.pattern, all_urls):
            texts += urls
        if spec.where in ("script", "any") and (not known or needle in in_codes):
            # the scripts holding the pattern's literal and its seek (each seek sought in
            # each script once a page: two patterns share GPT's), then one search of
            # them run together: of all the scripts, it tried a literal-less pattern
            # (comScore's `c2`) at each character of the scripts the literal rules out
            holding = [c for c in (codes if spec.seek is None else seeking(spec.seek))
                       if needle is None or needle in c]
            if holding and _may_be_in(spec.pattern, "\n".join(holding)):
                texts += holding
        if spec.where == "attr" and spec.attr:
            for root in (page.root, *own_frames):
                texts += _attribute_values(page, root, spec.attr, spec.src, spec.on)
        if spec.where == "meta" and spec.attr:
            texts += metas[spec.attr]
        if spec.where == "amp" and spec.attr:
            texts += amp.values(page, network, spec.attr)
        if spec.where == "prebid" and spec.attr:
            texts += prebid.values(page, network, spec.attr, catalogue)
        if spec.where == "handed" and spec.attr:
            texts += paths_handed_to(page, spec.attr)
        if spec.where == "zone":
            texts += [s.zone_id for s in slots if s.zone_id and s.network is not None
                      and s.network.name == network.name]
        for n, text in enumerate(texts):
            if not _may_match(spec.pattern, text):
                continue
            shown = ShownText(text)
            for match in (finditer(spec.pattern, text) if spec.stops is None or spec.seek is None
                          else _stretch_matches(spec.pattern, spec.seek, spec.stops, text,
                                            spec.reach)):
                if spec.where == "markup" and match.end() == len(text) == NEEDLE_WINDOW:
                    continue  # cut off by the window's end; the next window holds it whole
                at = starts[n] + match.start() if n < len(starts) else None
                if at is not None and shown_as_text(markup, at):
                    continue  # a tag the page shows as text (a tutorial), not one it runs
                if at is None and shown(match.start()):
                    continue  # a script's string showing code (an article body's state)
                value = (_value(match, spec.decoded, host=spec.host) if spec.assigned is None
                         else _assigned_value(page, match, spec.assigned))
                if not value:
                    continue
                # `// ga('require', 'GTM-…');`: a call the page took out names no ID, and
                # the value it writes in this kind's form is still no replaced kind's. Asked
                # where the value stands: a match opening at live code may reach a value
                # the page commented out (`new tv.freewheel.SDK.AdManager();` then
                # `// adManager.setNetwork(382112);`)
                held_at = _value_start(match)
                commented = spec.live and (
                    in_comment(markup, starts[n] + held_at) if at is not None
                    else in_comment(text, held_at))
                # a list's each ID (`each`: its group 1 where that took part), else the value
                for one in (value,) if spec.each is None else (
                        m.group(1) for m in finditer(spec.each, value) if m.group(1)):
                    if (commented or add(spec.kind, one, network)) and not any(
                            t.replace("{}", one) in all_urls or t.replace("{}", one) in all_codes
                            for t in spec.replaces_unless):
                        replaced.update((kind, one) for kind in spec.replaces)
    twins = slash_twins(seen)  # a unit path written without its "/" beside it with one
    return tuple(i for key, i in seen.items() if key not in replaced and key not in twins)
