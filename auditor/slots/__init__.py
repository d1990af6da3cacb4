"""Ad placements: catalogue slot markup, slots declared in inline scripts, and elements
that EasyList-syntax cosmetic (`##`) rules hide."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, chain, islice, pairwise
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from lxml import etree

from auditor import prebid
from auditor.ad_names import ad_attribute
from auditor.catalogue import (
    CATALOGUE_LIST,
    FRAGMENTS,
    Catalogue,
    Network,
    Owner,
    ScriptSlotSpec,
    canonical_id,
    markup_names,
    slash_twins,
)
from auditor.dom.hiding import (
    HIDING_WRAPPERS,
    ZERO_FONT,
    declared_size,
    inline_hiding,
    pixels,
    style_size,
    tiny_element,
    unit_attribute_size,
    unit_size,
)
from auditor.dom.inline_js import (
    JS_MARKS,
    ShownText,
    code_tokens,
    comment_spans,
    in_comment,
    in_spans,
)
from auditor.dom.noscript import NoscriptMemo, noscript_holding, release_deepest_first
from auditor.dom.page import SRCDOC_DEPTH, ParsedPage, parse_page
from auditor.dom.parser import PageLimits, PageOverLimit, elements, line_of
from auditor.dom.walk import HeldDocument, held_frames
from auditor.lazy_re import lazy_regex
from auditor.model import NO_MATCH, Category, Match, RequestType, Slot, UnplacedUnit
from auditor.needles import script_needles, value_needles
from auditor.resources import PRIVACY_LISTS, PlacingRequest
from auditor.rules.literal import finditer
from auditor.urls import host_of, is_third_party, site_of

_JS_SIZE = lazy_regex(r"\[\s*(\d+)\s*,\s*(\d+)\s*\]")


@dataclass(frozen=True, slots=True)
class FoundSlot:
    """A slot as found, complete: its element and what declares it (the report's
    model.Slot adds where it is cited, `freeze`)."""

    element: etree._Element
    network: Network | None
    rule: str | None
    list_name: str | None
    zone_id: str | None = None
    id_kind: str | None = None
    width: int | None = None
    height: int | None = None
    extra_elements: tuple[etree._Element, ...] = ()  # the scripts that configure it
    # who serves it where no network is named: the company the catalogue files the host
    # its own frame requests under (`resources.advertising_companies`)
    company: str | None = None


@dataclass(slots=True)
class _Draft:
    """A declared slot while the inline scripts that name it are read (`declared_slots`)."""

    element: etree._Element
    network: Network | None
    rule: str
    zone_id: str | None = None
    id_kind: str | None = None
    width: int | None = None
    height: int | None = None
    extra_elements: list[etree._Element] = field(default_factory=list)
    # every size the declaring call offers (GPT's `[[300, 250], [300, 600]]`)
    offered: frozenset[tuple[int, int]] = frozenset()
    held: etree._Element | None = None  # the div inside it a call fills (`_box_round`)
    written: str | None = None  # the unit's id, where a script that writes it stands for it
    at: int | None = None  # where its declaring call opens in the script's text

    def done(self) -> FoundSlot:
        zone = canonical_id(self.id_kind, self.zone_id)
        return FoundSlot(self.element, self.network, self.rule, CATALOGUE_LIST, zone,
                         self.id_kind if zone else None, self.width, self.height,
                         tuple(self.extra_elements))


def declared_slots(page: ParsedPage, catalogue: Catalogue, present: set[str]) -> list[FoundSlot]:
    """The slots the page declares: markup the catalogue recognises, then slots declared in
    inline JavaScript (GPT's defineSlot...). A declaration naming a slot's element by id
    completes that slot (zone, size, the configuring script) instead of adding one; each
    slot is made once, complete, after every script is read."""
    drafts = _fold_twin_tags(_catalogue_drafts(page, catalogue, present))
    scripted = _one_branch_each(page, _script_drafts(page, catalogue, drafts))
    drafts, scripted = _fold_units_inside(drafts, scripted)
    drafts = _fold_noscript_fallbacks(drafts + _fold_twin_scripts(scripted))
    found = [d.done() for d in drafts + _prebid_drafts(page, catalogue, drafts)]
    twins = slash_twins((s.id_kind, s.zone_id) for s in found)
    return [replace(s, zone_id=twins.get((s.id_kind or "", s.zone_id or ""), s.zone_id))
            for s in found]


_BRANCH = lazy_regex(r"\belse\b|\bcase\b|\bdefault\s*:")


def _one_branch_each(page: ParsedPage, scripted: list[_Draft]) -> list[_Draft]:
    """A CMS's ad block writes one unit per section in the branches of one script (`if
    (section == 'news') document.write('<div id="gpt-news">…') else …`): the page shows
    the one branch that runs. Units written in branches with no `else`, `case` or
    `default:` between them are each written, units of their own; once the unit of the
    branch that ran is on the saved page (its id is an element's), the script's other
    branches are none (their units' IDs stay the page's, as `unplaced_units`). A unit the
    script places where it stands, writing no id (`document.write('<ins class="adsbygoogle"
    …>')`, a network's call), is read at its call: in another branch of a written unit's
    block, or of another network's (`if (wide) {GPT's unit} else {AdSense's}`), it is the
    same placement's other choice, and none at all where the page shows the written unit's
    element (a DOM save, made after that branch ran)."""
    by_script: dict[etree._Element, list[_Draft]] = {}
    for draft in scripted:
        if draft.element.tag == "script" and (draft.written is not None or draft.at is not None):
            by_script.setdefault(draft.element, []).append(draft)
    dropped: set[int] = set()
    for script, drafts in by_script.items():
        code = script.text or ""
        branches = [m.start() for m in _BRANCH.finditer(code)]
        # a ternary's `:` parts its two arms as an `else` does (`section == 'news' ?
        # document.write(A) : document.write(B)`): its owner is the `?`; its arms end with
        # its statement, its group or its list's item (`ends`): a unit written after it
        # (`wide ? document.write(A) : null; document.write(B)`) is in turn
        ends = _ternary_colons(code) if len(drafts) > 1 else {}
        owners: dict[int, int | None] = {c: q for c, (q, _) in ends.items()}
        if owners:
            branches = sorted({*branches, *owners})
        if not branches:
            continue
        at: dict[str, int] = {}
        for m in _MARKUP_ID.finditer(code):
            at.setdefault(m.group(1), m.start())
        where: dict[int, int] = {}  # where each unit's id is written, else its call opens
        for d in drafts:
            offset = at.get(d.written) if d.written is not None else d.at
            if offset is not None:
                where[id(d)] = offset
        placed = sorted((d for d in drafts if id(d) in where), key=lambda d: where[id(d)])
        ran = sorted(at[written] for written in at if page.with_id(written) is not None)
        if ran:  # the branch that ran is on the page: the written units are its or none
            dropped.update(id(d) for d in placed if d.written is not None)
            placed = [d for d in placed if d.written is None]
        if len(placed) < (1 if ran else 2):
            continue  # one unit or none: no branch to part them
        # and an `else`'s block, a `case`'s switch, ends: a unit written after it is in
        # turn (`if (wide) {A} else {} B`), as one after a ternary's statement is
        closes = {c: end for c, (_, end) in ends.items()} | _branch_ends(code)
        if ran:
            # a unit placed where it stands in another branch of the block that ran
            # (AdSense's `<ins>` the other side of GPT's div) did not run: each is read
            # against the nearest written unit the page shows on either side
            dropped.update(id(d) for d in placed if any(
                _branch_between(code, branches, *pair, owners, closes)
                for pair in _either_side(ran, where[id(d)])))
            continue
        kept: _Draft | None = None
        # each unit is read against the one written before it, not the first of its block:
        # a unit written after the block closes (`if (s) {A} else {B} C`) is written in
        # turn, though the block's `else` stands between it and A
        prev: _Draft | None = None
        for draft in placed:
            if kept is not None and prev is not None and _branch_between(
                    code, branches, where[id(prev)], where[id(draft)], owners, closes):
                dropped.add(id(draft))  # another branch of the kept unit's block
                if not kept.zone_id and draft.zone_id and kept.network is draft.network:
                    kept.zone_id, kept.id_kind = draft.zone_id, draft.id_kind
            else:
                kept = draft
            prev = draft
    for draft in scripted:
        if id(draft) in dropped and draft.zone_id and draft.id_kind and draft.network:
            # a unit defined, never shown: its ad-unit path is the page's ID all the same
            unplaced_units(page).append(Unplaced(draft.id_kind, draft.zone_id, draft.network,
                                                 draft.element, draft.at, draft.rule))
    return [d for d in scripted if id(d) not in dropped]


def _either_side(offsets: list[int], at: int) -> list[tuple[int, int]]:
    """The spans from `at` to its nearest neighbours in the sorted `offsets`, each in
    order (`_branch_between` reads a span from its start)."""
    i = bisect_right(offsets, at)
    return [(before, at) for before in offsets[max(i - 1, 0):i]] + [
        (at, after) for after in offsets[i:i + 1]]


def _branch_between(code: str, branches: list[int], start: int, end: int,
                    owners: dict[int, int | None] | None = None,
                    ends: dict[int, int] | None = None) -> bool:
    """Whether a branch keyword (offsets in order) between two offsets parts them: the
    `if` its `else` closes, or the `switch` its `case` stands in, opens before `start`.
    A choice made between two units written in turn (`if (wide) { sz = [728, 90]; } else
    { … }`), or a keyword in a comment or in an object (`default:`), parts none. `owners`
    keeps each keyword's answer across calls on one script: each is read back once; `ends`,
    where the branch each keyword opens ends (a ternary's `:` expression, an `else`'s
    block, a `case`'s switch: `_ternary_colons`, `_branch_ends`): one ending before `end`
    parts none."""
    owners = {} if owners is None else owners
    i = bisect_right(branches, start)
    while i < len(branches) and branches[i] < end:
        at = branches[i]
        i += 1
        if at not in owners:
            owners[at] = -1 if in_comment(code, at) or not _keyword_opens(code, at) \
                else _branch_owner(code, at, owners)
        owner = owners[at]
        if owner == -1:
            continue  # in a comment, or a `default:` or `case` in no switch: no branch
        if (owner is None or owner < start) and (ends is None or ends.get(at, end) >= end):
            return True
    return False


_TERNARY_TOKENS = lazy_regex(JS_MARKS + r"""|\?[?.]|[?:;,()\[\]{}]""", re.MULTILINE)


def _ternary_colons(code: str) -> dict[int, tuple[int, int]]:
    """Each ternary's `:` in `code` with its `?` (a `?` met first at the same depth, with
    no `;` between) and the offset its expression ends at (the `;`, `,` or closing bracket
    at its depth after it, else the code's end), read once forward over the code outside
    strings and comments: `?.` and `??` are no ternary's, an object's `key:` or a `case`'s
    `:` has no `?` before it."""
    if "?" not in code:
        return {}
    out: dict[int, tuple[int, int]] = {}
    open_q: list[tuple[int, int]] = []  # (depth, offset) of each `?` awaiting its `:`
    open_c: list[tuple[int, int]] = []  # (depth, offset) of each `:` awaiting its end

    def close(at: int, depth: int) -> None:
        while open_c and open_c[-1][0] >= depth:
            colon = open_c.pop()[1]
            out[colon] = (out[colon][0], at)
    depth = 0
    for m in code_tokens(code, _TERNARY_TOKENS):
        token = m.group()
        if token in ("(", "[", "{"):
            depth += 1
        elif token in (")", "]", "}"):
            while open_q and open_q[-1][0] >= depth:
                open_q.pop()  # a `?` left open in a group that closes: none of ours
            close(m.start(), depth)
            depth = max(0, depth - 1)
        elif token in (";", ","):
            if token == ";":
                while open_q and open_q[-1][0] >= depth:
                    open_q.pop()
            close(m.start(), depth)
        elif token == "?":
            open_q.append((depth, m.start()))
        elif token == ":" and open_q and open_q[-1][0] == depth:
            out[m.start()] = (open_q.pop()[1], len(code))
            open_c.append((depth, m.start()))
    return out


_SPACES = lazy_regex(r"\s*")
_BLOCK_TOKENS = lazy_regex(JS_MARKS + r"""|[()\[\]{};]|\belse\b|\bcase\b|\bdefault\s*:""",
                           re.MULTILINE)
_IF = lazy_regex(r"if(?![\w$])")
_ELSE = lazy_regex(r"else(?![\w$])")


def _branch_ends(code: str, start: int = 0, end: int | None = None) -> dict[int, int]:
    """Where the branch each keyword in `code[start:end]` opens ends, when it ends there:
    an `else`'s block at its `}`, a braceless one at its statement's `;` (`else if (…)`:
    the inner `if`'s, or with the `else` after it, the chain's); a `case` or `default:`,
    at the `}` of the switch holding it. Read once forward over the code outside strings
    and comments (`start` outside both); a keyword whose branch runs past `end` has none."""
    stop = len(code) if end is None else end
    out: dict[int, int] = {}
    opened: list[tuple[int, list[int]]] = []  # each open bracket, with the cases in it
    wanted: dict[int, int] = {}  # a `{` opening an `else`'s block → the `else`
    statements: dict[int, list[int]] = {}  # depth → the braceless `else`s ending at its `;`
    ifs: dict[int, int] = {}  # depth → an `else if` awaiting its condition's `(`
    conditions: dict[int, int] = {}  # that `(` → the `else`
    chained: set[int] = set()  # the `else if`s: each ends with the chain it opens
    waiting: dict[int, list[int]] = {}  # an `else` → the `else if`s ending with it

    def ended(branch: int, close: int, after: int) -> None:
        """The branch at `branch` ends at `close`: with the `else` right `after` it, for an
        `else if`, and each `else if` waiting on it ends there too."""
        nxt = _SPACES.match(code, after, stop).end()  # type: ignore[union-attr]
        if branch in chained and nxt < stop and _ELSE.match(code, nxt, stop):
            waiting.setdefault(nxt, []).append(branch)
            return
        todo = [branch]
        while todo:  # a chain of thousands of `else if`s, without recursion
            done = todo.pop()
            out[done] = close
            todo += waiting.pop(done, ())

    def body(at: int, branch: int) -> None:
        """The `else` at `branch` runs what opens at `at`: a block, or a statement."""
        first = _SPACES.match(code, at, stop).end()  # type: ignore[union-attr]
        if first < stop and code[first] == "{":
            wanted[first] = branch
        elif _IF.match(code, first, stop):
            ifs[len(opened)] = branch
            chained.add(branch)
        else:
            statements.setdefault(len(opened), []).append(branch)
    for m in code_tokens(code, _BLOCK_TOKENS, start, stop):
        token, at = m.group(), m.end()
        if token in ("(", "[", "{"):
            if token == "(" and (branch := ifs.pop(len(opened), -1)) >= 0:
                conditions[m.start()] = branch
            opened.append((m.start(), []))
        elif token in (")", "]", "}"):
            for branch in statements.pop(len(opened), ()):  # ended by its block's close
                ended(branch, m.start(), m.start())
            if opened:
                where, cases = opened.pop()
                out.update((case, m.start()) for case in cases)
                if where in wanted:
                    ended(wanted.pop(where), m.start(), at)
                if where in conditions:
                    body(at, conditions.pop(where))
        elif token == ";":
            for branch in statements.pop(len(opened), ()):
                ended(branch, m.start(), at)
        elif token == "else":
            body(at, m.start())
        elif opened:  # a `case` or `default:`
            opened[-1][1].append(m.start())
    return out


def _keyword_opens(code: str, at: int) -> bool:
    """Whether the branch keyword at `at` stands where a statement's keyword can: first on
    its line, or after a block's or statement's end (`}`, `;`), and a `case` or `default:`
    after its switch's `{` or another case's `:`. A word of a string's prose (`'nothing
    else to show'`, `"in case it collapses"`, `log('default: none')`) follows a word or a
    quote, and parts no units."""
    j = at - 1
    while j >= 0 and code[j] in " \t\r":
        j -= 1
    if j < 0 or code[j] in "\n};":
        return True
    return not code.startswith("else", at) and code[j] in "{:"


_BRANCH_REACH = 2000  # characters read back from a branch keyword for its statement
_CLOSES = {")": "(", "]": "[", "}": "{"}
_SWITCH_BEFORE = lazy_regex(r"(?<![\w$.])switch\s*$")


def _branch_owner(code: str, at: int, owners: dict[int, int | None]) -> int | None:
    """Where the statement a branch keyword at `at` belongs to opens: an `else`'s `if`, a
    `case`'s (or `default:`'s) `switch`; -1 when a `case` stands in no switch (an object's
    `default:`, prose), None when the text read back (bounded) does not tell. A keyword
    met on the way at the same depth ends the read: an `else` before an `else`'s `if`
    tells nothing, a `case` before a `case` is in its switch (`owners`, read already), so
    a script of many keywords is read back once, not once per keyword."""
    is_else = code.startswith("else", at)
    depth, j, first = 0, at - 1, True
    low = max(0, at - _BRANCH_REACH)
    while j >= low:
        ch = code[j]
        if ch.isspace():
            j -= 1
            continue
        if ch in _CLOSES:
            depth += 1
        elif ch in "([{":
            depth -= 1
            if depth < 0:
                if is_else or ch != "{":
                    return None
                return _switch_at(code, j, low)
        elif depth == 0 and is_else and ch == ";" and not first:
            return None  # past the statement before the else: no if of its own
        elif depth == 0 and ch == "e" and j >= 3 and code[j - 3:j + 1] in ("else", "case") \
                and (j < 4 or not (code[j - 4].isalnum() or code[j - 4] in "_$.")) \
                and not (j + 1 < len(code) and (code[j + 1].isalnum() or code[j + 1] in "_$")):
            if is_else and code[j - 3] == "e":
                return None
            if not is_else and code[j - 3] == "c" and j - 3 in owners:
                return owners[j - 3]
        elif depth == 0 and is_else and ch == "f" and j >= 1 and code[j - 1] == "i" and (
                j < 2 or not (code[j - 2].isalnum() or code[j - 2] in "_$.")) and (
                j + 1 >= len(code) or not (code[j + 1].isalnum() or code[j + 1] in "_$")):
            return j - 1
        first = False
        j -= 1
    return None


def _switch_at(code: str, brace: int, low: int) -> int:
    """Where the `switch` whose body opens at `brace` starts, or -1 (another block)."""
    j = brace - 1
    while j >= low and code[j].isspace():
        j -= 1
    if j < low or code[j] != ")":
        return -1
    depth = 0
    while j >= low:
        if code[j] == ")":
            depth += 1
        elif code[j] == "(":
            depth -= 1
            if depth == 0:
                break
        j -= 1
    word = _SWITCH_BEFORE.search(code, max(low, j - 40), j)
    if word is not None:
        return word.start()
    return -1


def _fold_units_inside(drafts: list[_Draft], scripted: list[_Draft]
                       ) -> tuple[list[_Draft], list[_Draft]]:
    """The markup's slots and the scripts' own, less those inside the element a script
    declares a slot in (the element GPT's `defineSlot` names): that element is the
    placement, and a unit shown inside it is what fills it, or the older tag the site left
    in it (a DART `<noscript>` image or `document.write` in the GPT unit's box), one ad,
    not two. A page landmark a script names (`body`) is no unit's box: what it holds stays
    its own, and so does a unit of the box's network that names a zone of its own, and a
    unit of another ad server (AdSense's, though Google runs both) or of another size (the
    box is a sidebar holding widgets)."""
    boxes = {d.element: d for d in scripted if str(d.element.tag).lower() != "script"
             and str(d.element.tag).lower() not in _LANDMARKS}
    if not boxes:
        return drafts, scripted
    box_above = _NearestAbove(set(boxes))  # each element climbed once: linear

    def outside(draft: _Draft) -> bool:
        box = box_above(draft.element)
        if box is None or draft.element in boxes:
            return True
        slot = boxes[box]
        if slot.network is draft.network and slot.zone_id and draft.zone_id \
                and slot.zone_id != draft.zone_id:
            return True  # two units of one network, each its zone: two placements
        if slot.network is not draft.network and (
                _server(slot.network) != _server(draft.network)
                or (slot.width and slot.height and draft.width and draft.height
                    and (draft.width, draft.height)
                    not in {(slot.width, slot.height), *slot.offered})):
            # another ad server's unit (a Taboola or AdSense widget in a sidebar the
            # defineSlot names), or one at a size the box does not offer: not its fill
            return True
        slot.extra_elements.append(draft.element)
        if not (slot.width and slot.height) and draft.width and draft.height:
            slot.width, slot.height = draft.width, draft.height
        if not slot.zone_id and draft.zone_id and slot.network is draft.network:
            # the box's call names no zone (`googletag.display('leaderboard')`); the frame
            # its network rendered in it names the unit's (GPT's ad-unit path)
            slot.zone_id, slot.id_kind = draft.zone_id, draft.id_kind
        return False

    return ([d for d in drafts if outside(d)],
            [d for d in scripted if d.element in boxes or outside(d)])


def _server(network: Network | None) -> str | None:
    """The ad server `network`'s tags call: its `ad_server`, else its own name (AdSense's
    unit is no GPT box's fill, though Google runs both)."""
    return None if network is None else (network.ad_server or network.name)


# what may stand between a tag's two scripts: its loader, its no-JavaScript fallback
_BETWEEN_TWINS = frozenset({"script", "noscript"})


def _fold_twin_scripts(drafts: list[_Draft],
                       same_tag: Callable[[_Draft, _Draft], bool] | None = None) -> list[_Draft]:
    """One placement per zone where a tag writes it twice, side by side: ExoClick's banner
    (`var ad_idzone = …` and ads.js) and its NeverBlock twin (`ExoLoader.addZone({…,
    "idzone": …})`), the anti-adblock fallback its documentation puts after it. A script
    slot whose script follows another's of the same network and zone, with only scripts and
    `<noscript>`s between, is that slot; the same form pasted twice stays two units (each
    writes its ad where it stands), and so does a form pasted again after the pair. Each
    draft steps back over the elements after the last slot's script only, so the walk is
    linear. `same_tag`, where given, must also hold of the pair."""
    by_script = {d.element: d for d in drafts if str(d.element.tag).lower() == "script"}
    forms: dict[int, set[str | None]] = {}  # by a kept slot's id: the tag forms it holds
    out: list[_Draft] = []
    for draft in drafts:
        before = draft.element.getprevious() if draft.element in by_script else None
        loaded = False  # a unit's loader between them: the earlier unit's ad was written
        while before is not None and not (before.tail or "").strip() and (
                not isinstance(before.tag, str) or (
                    str(before.tag).lower() in _BETWEEN_TWINS and before not in by_script)):
            loaded = loaded or bool(draft.network is not None and before.get("src")
                                    and _unit_loader(before.get("src") or "", draft.network))
            before = before.getprevious()  # a comment, the loader, a fallback: no text
        twin = by_script.get(before) if before is not None and not (
            before.tail or "").strip() else None
        # one unit's globals set over several scripts before its one loader (AdSense's
        # legacy client in one script, `google_ad_slot` in the next): one form names no
        # zone, the other its unit's
        split = twin is not None and not loaded and not (twin.zone_id and draft.zone_id)
        if (twin is not None and (split or (twin.zone_id and twin.zone_id == draft.zone_id))
                and twin.network is draft.network
                and (same_tag is None or same_tag(twin, draft))
                and draft.rule not in forms.setdefault(id(twin), {twin.rule})):
            forms[id(twin)].add(draft.rule)  # one twin of each form: a third paste is a unit
            twin.extra_elements.append(draft.element)
            by_script[draft.element] = twin
            if not twin.zone_id and draft.zone_id:
                twin.zone_id, twin.id_kind = draft.zone_id, draft.id_kind
            twin.width, twin.height = twin.width or draft.width, twin.height or draft.height
            continue
        out.append(draft)
    return out


def _fold_twin_tags(drafts: list[_Draft]) -> list[_Draft]:
    """One placement per position where a page pastes two of a network's script tags for
    it side by side (Open AdStream's JX tag `adstream_jx.ads/…@Top` and its SX tag
    `adstream_sx.ads/…@Top`): script slots of the markup that name a zone fold as
    `_fold_twin_scripts` folds the inline ones, one twin of each form; the same tag pasted
    twice, or two positions, stay units, and so do tags whose URLs name other IDs of the
    network beside the zone (Open AdStream's sitepage: OAS places an ad by sitepage and
    position, so two sitepages' `@Top` tags are two placements)."""
    tags = [d for d in drafts if str(d.element.tag).lower() == "script" and d.zone_id]
    if len(tags) < 2:
        return _fold_written_frames(drafts, tags)
    kept = {id(d) for d in _fold_twin_scripts(tags, _agree)}
    folded = {id(d) for d in tags} - kept
    return _fold_written_frames([d for d in drafts if id(d) not in folded], tags)


def _fold_written_frames(drafts: list[_Draft], tags: list[_Draft]) -> list[_Draft]:
    """One placement where a copy saved after a tag ran keeps the frame it wrote right
    after it: a frame slot, or a box holding one first, whose previous element (past
    comments, no text between; or its wrapper's, the frame first in a box the tag wrote)
    is a script slot's tag, and that the tag wrote (`_wrote`), is that tag's. Each frame
    reads a few elements back and up."""
    of_script = {d.element: d for d in tags}
    if not of_script:
        return drafts
    out: list[_Draft] = []
    for draft in drafts:
        tag = None
        if draft.zone_id and _frame_or_its_box(draft.element):
            before = _element_before(draft.element)
            tag = of_script.get(before) if before is not None else None
        if tag is not None and _wrote(tag, draft):
            tag.extra_elements.append(draft.element)
            tag.width, tag.height = tag.width or draft.width, tag.height or draft.height
            continue
        out.append(draft)
    return out


def _wrote(tag: _Draft, frame: _Draft) -> bool:
    """Whether `frame`, right after `tag`'s script, is what the script wrote there: a frame
    of the tag's network and zone naming no other of its IDs (DART's `adi` frame after its
    `adj` script, in a DOM save), or a frame or its box of another network of the ad server
    the tag calls (the safeframe Ad Manager serves a DART tag's creative in,
    `div#google_ads_iframe_…__container__`) at a size the tag asks for, unless GPT's
    renderer named it for another unit (`_names_another_unit`): a GPT unit of its own that
    stands after the tag."""
    if tag.network is frame.network:
        return (tag.zone_id == frame.zone_id and _agree(tag, frame)
                and str(frame.element.tag).lower() == "iframe")
    return (tag.network is not None and tag.network.ad_server is not None
            and _server(frame.network) == tag.network.ad_server
            and not _names_another_unit(frame.element, tag.zone_id)
            and _asks_for((frame.width, frame.height), (tag.width, tag.height),
                          tag.element.get("src") or ""))


_WRITTEN_WRAPPERS = 2  # the boxes a tag's written frame may stand first in
_ASKED_SIZES = lazy_regex(r"[;?&]sz=((?:\d{1,4}x\d{1,4},?){1,12})")  # DART's size list


def _frame_or_its_box(el: etree._Element) -> bool:
    """Whether `el` is a frame, or a box whose first element is one (no text before it):
    what a tag's answer writes where it stands (GPT's renderer puts its box round it)."""
    if str(el.tag).lower() == "iframe":
        return True
    first = next((c for c in el if isinstance(c.tag, str)), None)
    return (first is not None and str(first.tag).lower() == "iframe"
            and not (el.text or "").strip())


# the name GPT's renderer gives an Ad Manager unit's frame, `google_ads_iframe_/<network>/
# <unit path>_<n>`, and its box's, the same then `__container__`: group 1 the unit's path
_GPT_RENDERED_NAME = lazy_regex(
    r"\Agoogle_ads_iframe_/?\d{3,12}(?:,\d{3,12})?/(\S+?)_\d{1,3}(?:__container__)?\Z")


def _names_another_unit(el: etree._Element, zone: str | None) -> bool:
    """Whether `el`, a frame or a box holding one first (`_WRITTEN_WRAPPERS` deep), bears
    the name GPT's renderer gives an Ad Manager unit's frame for a unit other than the
    DART tag's `zone` (`<site>/<zone>`): a DOM save's creative of the tag is served under
    that site and zone (`google_ads_iframe_/4403/town.news/home_0` after
    `…/adj/town.news/home;…`), while a frame named for another path is a GPT unit of its
    own that happens to stand after the tag."""
    node: etree._Element | None = el
    for _ in range(_WRITTEN_WRAPPERS + 1):
        if node is None:
            return False
        for name in (node.get("id"), node.get("name")):
            m = _GPT_RENDERED_NAME.match(name or "")
            if m is not None:
                path, want = m.group(1).lower(), (zone or "").lower()
                return not want or not (path == want or path.startswith(want + "/"))
        node = next((c for c in node if isinstance(c.tag, str)), None)
    return False


def _asks_for(size: tuple[int | None, int | None], unit: tuple[int | None, int | None],
              src: str) -> bool:
    """Whether `size` is one a tag asks for: its unit's, or one of its `src`'s `sz=` list
    (DART's `sz=728x90,970x90`)."""
    if size[0] is None or size[1] is None:
        return False
    return size == unit or size in {
        (int(w), int(h)) for m in _ASKED_SIZES.finditer(src)
        for w, h in (pair.split("x") for pair in m.group(1).split(",") if pair)}


def _element_before(el: etree._Element) -> etree._Element | None:
    """The element right before `el` (past comments, no text between), or before the box
    `el` stands first in (no text before it; `_WRITTEN_WRAPPERS` boxes up), but none past
    a box the page styles as an ad's (`_ad_class`: `div.ad-box`): what stands first in the
    site's own ad box is that box's unit, not what a tag before the box wrote."""
    for _ in range(_WRITTEN_WRAPPERS + 1):
        before = el.getprevious()
        while before is not None and not isinstance(before.tag, str) \
                and not (before.tail or "").strip():
            before = before.getprevious()  # a comment
        if before is not None:
            return None if (before.tail or "").strip() else before
        parent = el.getparent()
        if parent is None or (parent.text or "").strip() or _ad_class(parent.get("class") or ""):
            return None
        el = parent
    return None


def _agree(one: _Draft, other: _Draft) -> bool:
    """Whether two tags' `src`s name no other value of an ID kind both name."""
    mine, theirs = _url_ids(one), _url_ids(other)
    return all(theirs.get(kind, value) == value for kind, value in mine.items())


def _url_ids(draft: _Draft) -> dict[str, str]:
    """The IDs its network's URL patterns read in a tag's `src` (Open AdStream's sitepage)."""
    src = draft.element.get("src") or ""
    if draft.network is None or not src:
        return {}
    return {spec.kind: m.group(1) if spec.pattern.groups else m.group(0)
            for spec in draft.network.ids
            if spec.where in ("url", "any") and not spec.internal
            and (m := spec.pattern.search(src)) is not None}


def _fold_noscript_fallbacks(drafts: list[_Draft]) -> list[_Draft]:
    """One placement per tag: a vendor's tag is a script and, right after it, a `<noscript>`
    holding the same ad for browsers without JavaScript (DART's `<a href=…/jump/…><img
    src=…/ad/…></a>`, AOL's `htmlAdWH(…)` then its `atwola.com/image/<MN>` image, Smart
    AdServer's `pubjumpi` link), or a unit's box (GPT's div, then Ad Manager's no-JavaScript
    `/gampad/ad` image). A browser shows one of the two, so a slot inside that
    noscript is the script's slot's fallback when both are one network's: the script's slot
    is kept, completed by its twin's zone and size. Zones that disagree are two placements."""
    # each slot's noscript read first: the memo holds a proxy of every ancestor, so lxml's
    # free of a proxy made on the way (a parent, a sibling comment) stops at its parent
    # rather than walking a hostile page's thousand open `<div>`s up to the root
    nearest: NoscriptMemo = {}
    held = [noscript_holding(d.element, nearest) for d in drafts]
    of_script: dict[etree._Element, _Draft] = {}
    for d in drafts:
        for el in (d.element, *d.extra_elements):
            if str(el.tag).lower() == "script":
                of_script.setdefault(el, d)
                box = _box_of_script(el)  # the box holding the tag alone, the noscript after it
                if box is not None:
                    of_script.setdefault(box, d)
    for d, noscript in zip(drafts, held, strict=True):  # a unit's box its script fills,
        if noscript is None:  # the noscript right after the box
            of_script.setdefault(d.element, d)
    if not of_script:
        return drafts
    kept: list[_Draft] = []
    for d in drafts:
        owner = _script_before_noscript(d.element, of_script, nearest)
        if (owner is None or owner is d or owner.network is not d.network
                or (owner.zone_id and d.zone_id and owner.zone_id != d.zone_id)):
            kept.append(d)
            continue
        owner.extra_elements.append(d.element)
        if not owner.zone_id and d.zone_id:
            owner.zone_id, owner.id_kind = d.zone_id, d.id_kind
        if not (owner.width and owner.height) and d.width and d.height:
            owner.width, owner.height = d.width, d.height
    release_deepest_first(nearest)
    return kept


_TAG_SCRIPTS = 3  # a tag's own scripts in a row: its call, the loader it wrote, one more


def _box_of_script(script: etree._Element) -> etree._Element | None:
    """The element holding `script` and no other element but scripts (text and comments
    aside): a unit's box a page pastes its tag into, `<div id="sas_5555"><script>…
    SmartAdServer(…)</script></div>` (and, saved after it ran, the `<script src=…/call/pubj/
    …>` it wrote), whose `<noscript>` twin may follow the box rather than the script. A few
    children read at most, so a parent of many scripts costs each of them little."""
    parent = script.getparent()
    if parent is None or not isinstance(parent.tag, str) or str(parent.tag).lower() in (
            "body", "head", "html", "noscript"):
        return None
    held = 0
    for child in parent:
        if isinstance(child.tag, str):
            held += 1
            if held > _TAG_SCRIPTS or str(child.tag).lower() != "script":
                return None
    return parent


def _script_before_noscript(el: etree._Element, of_script: dict[etree._Element, _Draft],
                            nearest: NoscriptMemo) -> _Draft | None:
    """The slot of the script right before a `<noscript>` holding `el` (past a script or
    two that are no slot: the loader a saved page keeps where the tag's call wrote it): the
    innermost such, then each one round it (a lazy-load filter's `<noscript>` wrapped round
    the tag's own, whose first child the inner one is)."""
    noscript = noscript_holding(el, nearest)
    while noscript is not None:
        before = noscript.getprevious()
        scripts = 0  # the loader a tag's call wrote stands between it and its noscript
        while before is not None and (not isinstance(before.tag, str) or (
                before not in of_script and str(before.tag).lower() == "script"
                and scripts < _TAG_SCRIPTS - 1)):
            if isinstance(before.tag, str):
                scripts += 1
            before = before.getprevious()
        if before is not None and before in of_script:
            return of_script[before]
        noscript = noscript_holding(noscript, nearest)
    return None


def frame_slots(frames: Iterable[HeldDocument], top: Sequence[FoundSlot],
                catalogue: Catalogue, present: set[str], limits: PageLimits,
                _depth: int = 1, *, ids_of: ParsedPage | None = None) -> list[FoundSlot]:
    """The slots the documents the page's frames hold declare (`walk.held_frames`: an
    `<iframe srcdoc>`, a saved copy's frame parts), each cited at the page's frame holding
    it: a frame is where those ads show, and a saved copy's frame is no line of the page.
    A frame that is a slot of the page, or inside one (AdSense's frame in its `<ins>`, a
    GPT slot's), is counted there already and its document is not asked; each frame's
    document is read once. The frames a held document holds in turn (an ad module's
    `javascript:` frame writing the frame its unit runs in) are read the same way, as
    deep as the walk reads them (`SRCDOC_DEPTH`), and cited at the page's frame.
    An ad server's frame that is a slot of its own (`ad_frame_units`: an SSP's frame
    holding the AdSense passback it served) is that placement, but the units its document
    holds are the publisher's tags all the same: their zones join `ids_of`'s IDs
    (`unplaced_units`, cited nowhere: the placement is the frame's)."""
    counted = {el for s in top for el in (s.element, *s.extra_elements)}
    served = {s.element for s in top if s.rule == AD_FRAME_RULE and not s.zone_id}
    out: list[FoundSlot] = []
    for holder, markup, _ in frames:
        if (holder in counted and (ids_of is None or holder not in served)) \
                or _is_inside(holder, counted):
            continue
        try:
            doc = parse_page(markup, limits)
        except PageOverLimit:
            continue  # the walk reports a frame over the limits
        held = declared_slots(doc, catalogue, present)
        if _depth < SRCDOC_DEPTH:
            held += frame_slots(held_frames(doc, ""), held, catalogue, present, limits,
                                _depth + 1)
        if holder in counted and ids_of is not None:  # the server's frame, its units' IDs
            unplaced_units(ids_of).extend(Unplaced(s.id_kind, s.zone_id, s.network)
                                          for s in held
                                          if s.zone_id and s.id_kind and s.network)
            continue
        width, height = unit_size(holder) if len(held) == 1 else (None, None)
        out += [replace(s, element=holder, extra_elements=(),  # a lone slot fills its frame
                        width=s.width if s.width or s.height else width,
                        height=s.height if s.width or s.height else height) for s in held]
    return out


def _catalogue_drafts(page: ParsedPage, catalogue: Catalogue, present: set[str]) -> list[_Draft]:
    """Slots whose markup the catalogue recognises."""
    found: dict[etree._Element, _Draft] = {}
    held_names = {name.decode() for name in page.holding(catalogue.slot_names)}
    held_values = value_needles(page, catalogue)
    for network, spec in catalogue.slots_needing(held_names | held_values):
        if spec.requires_network and network.name not in present:
            continue
        if not spec.may_match(held_names, held_values, lambda: page.id_values):
            continue
        for el in elements(spec.xpath(page.root)):
            if el in found or (str(el.tag).lower() == "img"
                                and tiny_element(el, attributes_only=True)):
                continue  # found already, or an ad server's impression pixel: no placement
            if adsense_own_unfilled(el):
                continue  # an element AdSense's loader wrote for itself, showing no ad
            zone = spec.zone_of(el)
            if spec.requires_zone and zone is None:
                continue  # the generic markup without the vendor's zone form: not its unit
            if spec.zone_in_code and (zone is None or zone not in _code_words(page)):
                continue  # a container of a zone no call or config of the page asks for
            width, height = unit_size(el)
            if not (width or height):  # else the size its tag's URL asks for
                width, height = spec.size_of(el)
            found[el] = _Draft(
                element=el,
                network=network,
                rule=spec.rule_for(el),
                zone_id=zone,
                id_kind=spec.id_kind,
                width=width,
                height=height,
            )
    _yield_rendered_to_stacks(found)
    _name_by_frame(found, catalogue)
    _unknown_frames(found, catalogue)
    # one slot per placement (`_one_per_placement`); nor is an empty placeholder the unit
    # its vendor's script put right after it
    placements = _one_per_placement(found)
    kept = {el: slot for el, slot in found.items() if el in placements}
    _zone_from_wrappers(found, kept)
    out: list[_Draft] = []
    for el, slot in kept.items():
        unit = _filled_beside(el, slot, kept)
        if unit is None:
            out.append(slot)
        else:
            unit.extra_elements.append(el)  # its markup, and no other rule's slot
    return out


def _zone_from_wrappers(found: dict[etree._Element, _Draft],
                        kept: dict[etree._Element, _Draft]) -> None:
    """A unit that names no zone takes its nearest wrapper's of the same network: a widget
    saved after its script rendered it keeps the ID on the tag the site wrote, around the
    box the script filled (Outbrain's `div.OUTBRAIN[data-widget-id]` around `div.ob-widget`),
    and the kept slot is the box."""
    order = {el: n for n, el in enumerate(found)}  # a later wrapper is a nearer one
    wrappers = {el: d for el, d in found.items() if el not in kept and d.zone_id is not None}
    if not wrappers:
        return
    # per network, the nearest wrapper at or above an element, each element read once
    # (keyed by the network's id: a network's hash reads all its fields)
    nearest: dict[tuple[etree._Element, int], etree._Element | None] = {}
    for el, inner in kept.items():
        if inner.zone_id is not None:
            continue
        network, key = inner.network, id(inner.network)
        climbed: list[etree._Element] = []
        best: etree._Element | None = None
        node = el.getparent()
        while node is not None:
            if (node, key) in nearest:
                best = nearest[node, key]
                break
            climbed.append(node)
            node = node.getparent()
        for node in reversed(climbed):  # from the top down, each keeps the later of two
            wrapper = wrappers.get(node)
            if wrapper is not None and wrapper.network is network and (
                    best is None or order[node] > order[best]):
                best = node
            nearest[node, key] = best
        if best is not None:
            inner.zone_id, inner.id_kind = wrappers[best].zone_id, wrappers[best].id_kind


def _yield_rendered_to_stacks(found: dict[etree._Element, _Draft]) -> None:
    """Drop the containers GPT renders (`google_ads_iframe_<path>_<n>__container__`) that
    sit inside another network's slot: wrappers and managed stacks (Raptive's
    `div.adthrive-ad`, HTL's `div.htlad-…`) serve their placements through Google's ad
    server, so a page saved after they ran holds GPT's container inside the stack's
    element, and the placement is the stack's, named as its own tags name it."""
    above = _FoundAbove(found)
    for el in [el for el in found if _GPT_RENDERED.match(el.get("id") or "")]:
        network = found[el].network
        if above.other_than(el, network) is not None:
            del found[el]
        elif found[el].width is None and found[el].height is None:
            # a container declares no size of its own: the frame GPT rendered the ad in
            # (`<iframe id="google_ads_iframe_<path>_<n>" width=… height=…>`) is its size
            frame_id = (el.get("id") or "")[:-len("__container__")]
            frame = next((c for c in el if str(c.tag).lower() == "iframe"
                          and c.get("id") == frame_id), None)
            if frame is not None:
                found[el].width, found[el].height = (pixels(frame.get("width")),
                                                     pixels(frame.get("height")))



class _FoundAbove:
    """Which slot found above an element belongs to another network, as slots are dropped:
    each answer is remembered on the elements climbed (and on the slot of the same network
    it passed), so nested containers thousands deep are read once, not once each."""

    def __init__(self, found: dict[etree._Element, _Draft]) -> None:
        self.found = found
        # an element not found: the nearest found above it (when last asked)
        self._above: dict[etree._Element, etree._Element | None] = {}
        # a found element: the nearest found above it of another network (when last asked)
        self._other: dict[etree._Element, etree._Element | None] = {}

    def found_above(self, el: etree._Element) -> etree._Element | None:
        """The nearest ancestor still found."""
        climbed: list[etree._Element] = []
        node = el.getparent()
        while node is not None and node not in self.found:
            climbed.append(node)
            node = self._above[node] if node in self._above else node.getparent()
        for seen in climbed:
            self._above[seen] = node
        return node

    def other_than(self, el: etree._Element, network: Network | None) -> etree._Element | None:
        """The nearest ancestor still found whose slot is not `network`'s."""
        passed: list[etree._Element] = []
        node = self.found_above(el)
        while node is not None and self.found[node].network is network:
            passed.append(node)
            if node not in self._other:
                node = self.found_above(node)
                continue
            known = self._other[node]
            if known is None or known in self.found:
                node = known
                break
            node = self.found_above(known)  # dropped since: nothing of another between
        for seen in passed:
            self._other[seen] = node
        return node

def _name_by_frame(found: dict[etree._Element, _Draft], catalogue: Catalogue) -> None:
    """Name a GPT container by the frame it holds when that frame loads another company's
    host: GPT renders its ads in a frame of its own (blank, written, or Google's
    SafeFrame host), so a `google_ads_iframe_…__container__` round a frame of another
    network is that network's placement borrowing GPT's name (a kit's copy of the
    markup), and one round an unknown host's frame is no one's the catalogue knows; the
    ad-unit path in its id is then no GPT slot's."""
    held: dict[int, _FramesHeld] = {}  # by the containers' network: Google's frames are its
    for el in [el for el in found if _GPT_RENDERED.match(el.get("id") or "")]:
        draft = found[el]
        gpt = draft.network
        if id(gpt) not in held:
            held[id(gpt)] = _FramesHeld(el.getroottree().getroot(), gpt, catalogue)
        other = held[id(gpt)].other_owner(el)
        if other is not None:
            draft.network, draft.zone_id, draft.id_kind = other.network, None, None


# the nodes under a vendor's slot searched for the frame it holds: a rendered unit's frame
# sits a wrapper or two in, and a page of containers nested deep is read no further
_FRAME_REACH = 24


def _unknown_frames(found: dict[etree._Element, _Draft], catalogue: Catalogue) -> None:
    """Name no vendor for a slot of the vendor's markup (not GPT's container, which
    `_name_by_frame` reads) that is, or holds, a frame loading a host no one the catalogue
    knows runs: a vendor renders its unit in a frame it writes (Media.net's
    `iframe#_mN_dy_<crid>`, AOL's `htmlAdWH` into `div[data-aol-adcall]`) or of its own or
    a known ad company's host, so an unknown host's frame in that markup is an injected
    frame wearing the vendor's name (its hidden-iframe finding stands), no placement the
    vendor serves; the zone its markup names is then no one's."""
    for el, draft in found.items():
        if draft.network is None or _GPT_RENDERED.match(el.get("id") or ""):
            continue
        nodes = chain((el,), islice(el.iterdescendants(), _FRAME_REACH))
        frame = next((n for n in nodes if str(n.tag).lower() == "iframe"), None)
        src = (frame.get("src") or "").strip() if frame is not None else ""
        if not src.lower().startswith(("http://", "https://", "//")):
            continue
        url = src if not src.startswith("//") else "https:" + src
        owner = catalogue.runner_of(url, host_of(url))
        if owner.network is None and owner.entity is None:
            draft.network, draft.zone_id, draft.id_kind = None, None, None


class _FramesHeld:
    """What the frames under each element say of a GPT container there: whether one is
    GPT's or Google's (the slot is GPT's), else the first other company's. Each frame of
    the page is read once and marks the elements above it until one already marked, so
    containers nested thousands deep are not each read to their depth."""

    def __init__(self, root: etree._Element, gpt: Network | None, catalogue: Catalogue) -> None:
        self.googles: set[etree._Element] = set()
        self.first_other: dict[etree._Element, Owner] = {}
        for frame in root.iter("iframe"):
            owner = _frame_owner(frame, gpt, catalogue)
            if owner is None:
                continue
            node: etree._Element | None = frame
            if owner is _GOOGLES:
                while node is not None and node not in self.googles:
                    self.googles.add(node)
                    node = node.getparent()
            else:
                while node is not None and node not in self.first_other:
                    self.first_other[node] = owner  # frames come in document order
                    node = node.getparent()

    def other_owner(self, el: etree._Element) -> Owner | None:
        return None if el in self.googles else self.first_other.get(el)


# what `_frame_owner` answers for GPT's own frame or one of Google's hosts
_GOOGLES = Owner(None, None)


def _frame_owner(frame: etree._Element, gpt: Network | None, catalogue: Catalogue
                 ) -> Owner | None:
    """`_GOOGLES` for GPT's written frame or a frame of Google's (the slot is GPT's), the
    runner of another company's frame, None for a frame that says neither (blank)."""
    src = (frame.get("src") or "").strip()
    if not src.lower().startswith(("http://", "https://", "//")):
        return _GOOGLES if _GPT_FRAME.match(frame.get("id") or "") else None
    url = src if not src.startswith("//") else "https:" + src
    owner = catalogue.runner_of(url, host_of(url))
    company = (owner.network.company if owner.network is not None
               else owner.entity.company if owner.entity is not None else None)
    if owner.network is gpt or (gpt is not None and company is not None
                                and company == gpt.company):
        return _GOOGLES
    return owner


# the id GPT gives the container it writes into a slot's element
_GPT_RENDERED = lazy_regex(r"google_ads_iframe_.+__container__\Z")
# the id GPT gives the frame it writes in that container (its `_0`, or a `__hidden__` one)
_GPT_FRAME = lazy_regex(r"google_ads_iframe_.+_\d+(?:__hidden__)?\Z")


def _holds_any(el: etree._Element, others: dict[etree._Element, _Draft]) -> bool:
    return any(d in others for d in el.iterdescendants())


class _Inner(NamedTuple):
    """What the matches inside a match hold: their one network (`mixed` where they name
    several), whether any has a zone (a part), and whether every part is empty."""

    network: Network | None
    mixed: bool
    parts: bool
    parts_empty: bool


def _one_per_placement(found: dict[etree._Element, _Draft]) -> set[etree._Element]:
    """The matches that are placements: a matched wrapper around another match is not a
    second ad, unless the inner matches are its own empty parts (`_own_part_units`), and
    then it is the one placement, nothing inside it. Read from the matches' own tree (each
    match's nearest matched ancestor), each match once: boxes nested thousands deep stay
    linear, where asking each match for every match among its descendants did not."""
    above = _nearest_match_above(found)
    inside: dict[etree._Element, list[etree._Element]] = {}
    for el, parent in above.items():
        if parent is not None:
            inside.setdefault(parent, []).append(el)
    order = _children_first(found, above, inside)
    feeds = _own_part_units(found, inside, order)
    out: set[etree._Element] = set()
    in_feeds: set[etree._Element] = set()
    for el in reversed(order):  # outer ones first
        parent = above[el]
        if parent is not None and (parent in feeds or parent in in_feeds):
            in_feeds.add(el)
        elif el in feeds or el not in inside:
            out.add(el)
    return out


def _own_part_units(found: dict[etree._Element, _Draft],
                    inside: dict[etree._Element, list[etree._Element]],
                    order: list[etree._Element]) -> set[etree._Element]:
    """The units with a zone of their own holding only matches of their own network, those
    with a zone all empty (no element, no text): the parts its vendor's code inserts into
    it and has not filled yet (Outbrain's feed widget, `div.OUTBRAIN[data-widget-id=AR_7]`,
    drawn as `div.ob-widget` with its header and the `div.ob-cards` holding the feed's next
    card, `div.OUTBRAIN[data-widget-id=FMS_CP_1]`, empty in a DOM save): one placement, the
    unit the page declares, not its card. `inside`: the matches right inside each match;
    `order`: each match after those inside it (`_children_first`)."""
    summary: dict[etree._Element, _Inner | None] = {}
    for el in order:
        held: _Inner | None = None
        for kid in inside.get(el, ()):
            draft = found[kid]
            empty = not len(draft.element) and not (draft.element.text or "").strip()
            own = _Inner(draft.network, False, draft.zone_id is not None,
                         draft.zone_id is None or empty)
            for part in (own, summary[kid]):
                if part is None:
                    continue
                held = part if held is None else _Inner(
                    held.network, held.mixed or part.mixed or held.network is not part.network,
                    held.parts or part.parts, held.parts_empty and part.parts_empty)
        summary[el] = held
    return {el for el, draft in found.items()
            if draft.network is not None and draft.zone_id is not None
            and (held := summary[el]) is not None and held.parts and held.parts_empty
            and not held.mixed and held.network is draft.network}


def _nearest_match_above(found: Collection[etree._Element]
                         ) -> dict[etree._Element, etree._Element | None]:
    """Each match's nearest ancestor that is a match, every element between asked once."""
    memo: dict[etree._Element, etree._Element | None] = {}
    out: dict[etree._Element, etree._Element | None] = {}
    for el in found:
        chain: list[etree._Element] = []
        node = el.getparent()
        while node is not None and node not in found and node not in memo:
            chain.append(node)
            node = node.getparent()
        top = node if node is None or node in found else memo[node]
        for passed in chain:
            memo[passed] = top
        out[el] = top
    return out


def _children_first(found: Collection[etree._Element],
                    above: dict[etree._Element, etree._Element | None],
                    inside: dict[etree._Element, list[etree._Element]]
                    ) -> list[etree._Element]:
    """The matches, each after every match inside it (a walk of their own tree)."""
    order: list[etree._Element] = []
    stack = [el for el in found if above[el] is None]
    while stack:
        el = stack.pop()
        order.append(el)
        stack.extend(inside.get(el, ()))
    order.reverse()
    return order


# tags that load what they show: never an empty placeholder of the unit beside them
_LOADS_ITS_AD = frozenset({"script", "iframe", "frame"})


_WRAPPER_READ = 64  # the elements of a wrapper read for its unit and for text of its own


def _filled_beside(el: etree._Element, slot: _Draft, kept: dict[etree._Element, _Draft]
                   ) -> _Draft | None:
    """The unit, when `el` is an empty placeholder whose unit its vendor inserted as the
    next element (comments and space between): a match of the same network by another
    rule, that shows something. Ezoic's inserter fills some placeholders from inside and puts
    the unit beside others (`<span id="ezoic-pub-ad-placeholder-110"></span><span
    class="ezoic-ad …">…</span>`, sites' saved copies): either way one placement. Two
    empty units of one rule side by side stay two (units pasted one after another). A tag
    that loads its ad itself (a script, a frame: DART's `adj` script before a linked `jump`
    banner) is no placeholder."""
    if len(el) or (el.text or "").strip() or (el.tail or "").strip() \
            or str(el.tag).lower() in _LOADS_ITS_AD:
        return None
    unit = el.getnext()
    while unit is not None and not isinstance(unit.tag, str):  # a comment
        if (unit.tail or "").strip():
            return None
        unit = unit.getnext()
    if unit is None or not (len(unit) or (unit.text or "").strip()):
        return None
    # the unit is the next element or near the top of its wrapper: its first elements are
    # read, not all a nested page holds below (placeholders each before the next level's
    # section, thousands deep, read the levels below each: quadratic)
    beside = next((kept[x] for x in islice(unit.iter(), _WRAPPER_READ) if x in kept
                   and kept[x].network is slot.network and kept[x].rule != slot.rule
                   and (len(x) or (x.text or "").strip())), None)  # it shows something
    # a unit inside the next element is the one inserted there only when that element is
    # its wrapper: an article (text of its own) holding the vendor's in-text unit is not
    # the unit of a widget placed just above it
    if beside is None or beside.element is unit \
            or not _holds_text(unit, most=_WRAPPER_READ):
        return beside
    return None


def _script_drafts(page: ParsedPage, catalogue: Catalogue, existing: list[_Draft]
                   ) -> list[_Draft]:
    """Slots declared in inline JavaScript; merged into the slot element when it exists."""
    by_id: dict[str, _Draft] = {}
    for slot in existing:
        el_id = slot.element.get("id")
        if el_id:
            by_id[el_id] = slot
    for slot in existing:
        # GPT writes its rendered container into the element `defineSlot` named: a page
        # saved with its scripts after GPT ran holds both, one unit (the container is the
        # slot, `_catalogue_drafts`), so a declaration naming the container's element is it
        parent = slot.element.getparent()
        if parent is not None and parent.get("id") and _GPT_RENDERED.match(
                slot.element.get("id") or ""):
            by_id.setdefault(parent.get("id") or "", slot)
    added: list[_Draft] = []
    scripts = page.scripts
    held = script_needles(page, catalogue)  # the scripts' texts hold these: a gate, no more
    specs = [(n, spec) for n, spec in catalogue.script_slot_specs
             if spec.needle is None or spec.needle in held]
    # a theme's spot written by one script per breakpoint (desktop, then mobile): a script
    # that writes no zone, right after one of the same spec, both testing the viewport,
    # is that slot's; units with paragraphs between them stay units of their own
    spots: dict[int, tuple[_Draft, etree._Element]] = {}
    # a script writing its ad in place inside a unit the markup already declares fills that
    # unit (WordPress.com's `div.wpa` round GAM's GA_googleFillSlot): one placement, once
    holders = {d.element: d for d in existing}
    filled: set[int] = set()
    framed: list[tuple[_Draft, Network, ScriptSlotSpec, str]] = []
    for script in scripts:
        code = script.text or ""
        # the networks this script is the placement of: a second call form of the same
        # network in it (`if (…) OAS_RICH('Top'); else OAS_AD('Top');`, AdSense's legacy
        # globals read with and without their slot) is that placement
        placed_here: set[str] = set()
        # a whole-script unit's zones and where its call ended: where each call places a
        # unit (`per_call`), a call in turn after it naming another zone, no branch between
        # (two `ExoLoader.addZone` calls), is another unit; an `else` branch's is the same
        # (and where that call opened: its own text is code, `_branch_ends` reads on from it)
        zones_here: dict[str, tuple[set[str], int, int]] = {}
        ternaries = _ternaries_once(code)
        shown = ShownText(code)
        loaders_written: dict[str, bool] = {}  # by network: the script writes its unit loader
        for network, spec in specs:
            unless = spec.unless  # read once the script holds a match, then no more
            for match in finditer(spec.pattern, code):  # skips ahead past a `\b`
                if unless is not None:
                    if any(not in_comment(code, m.start()) for m in unless.finditer(code)):
                        break  # the script's form is none of the spec's placements
                    unless = None
                if in_comment(code, match.start()):
                    continue  # a tag the page keeps commented out: no placement
                if shown(match.start()):
                    continue  # a string's article body showing the call: no placement
                # the script is the placement
                whole = (spec.element is None
                         and not {"element", "target"} & spec.pattern.groupindex.keys())
                if whole and network.name in placed_here and not (
                        spec.per_call and _unit_in_turn(code, match, zones_here.get(network.name),
                                                        ternaries())):
                    here = zones_here.get(network.name)
                    zone = match.groupdict().get("zone")
                    if not spec.per_call or here is None or not zone or match.start() < here[1]:
                        break
                    # another branch's call of the block (or the same zone again): calls
                    # after it are read against it, a call after the block closes in turn.
                    # One placement, but the other branch's unit is the operator's too
                    # (`if (mobile) {A} if (!mobile) {B}`): its zone is an ID of the page
                    if zone not in here[0] and spec.id_kind:
                        unplaced_units(page).append(Unplaced(
                            spec.id_kind, zone, network, script, match.start(),
                            f"script: {spec.label}"))
                    zones_here[network.name] = (here[0] | {zone}, match.end(), match.start())
                    continue
                written = _written_after(script, holders, network, match) if whole else None
                if written is not None:
                    # a copy saved after the script ran holds what it wrote right after
                    # it, a unit the markup declares: one placement, that unit
                    written.extra_elements.append(script)
                    placed_here.add(network.name)
                    break
                spot = spots.get(id(spec))
                if (whole and not match.groupdict().get("zone") and spot is not None
                        and _breakpoint_pair(spot[1], script)):
                    spot[0].extra_elements.append(script)
                    spots[id(spec)] = (spot[0], script)
                    placed_here.add(network.name)
                    break
                holder = _holder(script, holders) if whole else None
                if holder is not None and id(holder) not in filled:
                    filled.add(id(holder))
                    placed_here.add(network.name)
                    holder.extra_elements.append(script)
                    groups = match.groupdict()
                    if holder.network is network and not holder.zone_id:
                        holder.zone_id = groups.get("zone")
                        holder.id_kind = holder.id_kind or spec.id_kind
                    elif groups.get("zone"):
                        framed.append((holder, network, spec, groups["zone"]))
                    # the size the script writes its ad at is the unit's, whoever serves it,
                    # where the markup's is not whole (a wrapper styled only as wide)
                    w, h = pixels(groups.get("width")), pixels(groups.get("height"))
                    if w and h and not (holder.width and holder.height):
                        holder.width, holder.height = w, h
                    break
                if whole and spec.needs_loader and not (
                        (spec.sized_unit and match.groupdict().get("width")
                         and match.groupdict().get("height"))
                        or _loader_follows(script, network)
                        or _writes_loader(code, network, loaders_written)):
                    continue  # shared globals, no unit's: no loader reads them here
                drafts = _script_slot(page, script, network, spec, match, by_id, holders)
                for draft in drafts:
                    if draft.element is script:
                        draft.at = match.start()
                added.extend(drafts)
                if whole:
                    if drafts:
                        placed_here.add(network.name)
                    if drafts and not drafts[0].zone_id:
                        spots[id(spec)] = (drafts[0], script)
                    zone = match.groupdict().get("zone")
                    if not (spec.per_call and drafts and zone):
                        break  # one per script, whatever it writes
                    zones = zones_here.setdefault(network.name, (set(), 0, 0))[0]
                    zones_here[network.name] = (zones | {zone}, match.end(), match.start())
    for holder, network, spec, zone in framed:
        # another network's unit that names no zone once every script is read (a later
        # defineSlot may name its element) is the frame of the ad the script names, network
        # and zone (WordAds' div.wpa round AdSense's show_ads.js or GAM's fill)
        if not holder.zone_id:
            holder.network, holder.rule = network, f"script: {spec.label}"
            holder.zone_id, holder.id_kind = zone, spec.id_kind
    return added


def _unit_in_turn(code: str, match: re.Match[str],
                  placed: tuple[set[str], int, int] | None,
                  ternaries: list[tuple[int, int, int]]) -> bool:
    """Whether a call in a script that already placed its network's unit is another unit:
    it names a zone none before it did, and no branch keyword stands between the last
    unit's call and it but one whose branch ends before it (`if (w) {A} else {} B`: read
    from the last call's start, each call's span follows the last's), nor a ternary's `:`
    parting them (`wide ? A : B`, one per breakpoint; `ternaries`: the script's
    `_ternary_colons` as (colon, its `?`, its end), in order, read once a script); nor one
    each in a block of its own (`if (w >= 1140) {A} if (w < 768) {B}`: one per breakpoint,
    `if (mobile) {A} if (!mobile) {B}`: one per device)."""
    zone = match.groupdict().get("zone")
    if placed is None or not zone or zone in placed[0] or match.start() < placed[1]:
        return False  # a second call form read from the top: the same placement
    if _sibling_blocks(code, placed[2], match.start()):
        return False  # each in a block of its own: a breakpoint's or a device's choice
    branches = [m.start() for m in _BRANCH.finditer(code, placed[1], match.start())]
    colons = ternaries[bisect_left(ternaries, (placed[1],)):
                       bisect_left(ternaries, (match.start(),))]
    if not branches and not colons:
        return True
    ends = _branch_ends(code, placed[2], match.start()) if branches else {}
    ends.update((c, end) for c, _, end in colons)
    return not _branch_between(
        code, sorted([*branches, *(c for c, _, _ in colons)]), placed[1] - 1, match.start(),
        {c: q for c, q, _ in colons}, ends)


_BRACES = lazy_regex(JS_MARKS + r"|[{}]", re.MULTILINE)


def _sibling_blocks(code: str, start: int, end: int) -> bool:
    """Whether the code at `start` stands in a block that closes before `end`, and the
    code at `end` in a block opened after it (`start` outside strings and comments): one
    unit per breakpoint's or device's block (`if (w >= 1140) {A} if (w < 768) {B}`), not
    units in turn in one block (`A; if (w) {…} else {…} B`) nor one after a block closes
    (`if (w) {A} else {} B`).

    >>> _sibling_blocks("if (w > 1) { a(); } if (w < 1) { b(); }", 13, 33)
    True
    >>> _sibling_blocks("a(); if (w) { m(); } else { n(); } b();", 0, 36)
    False
    >>> _sibling_blocks("if (w) { a(); } else { } b();", 9, 25)
    False
    """
    depth = lowest = 0
    for m in code_tokens(code, _BRACES, start, end):
        depth += 1 if m.group() == "{" else -1
        lowest = min(lowest, depth)
    return lowest < 0 and depth > lowest


def _ternaries_once(code: str) -> Callable[[], list[tuple[int, int, int]]]:
    """A script's ternaries (`_ternary_colons`: each `:`, its `?`, its end), in order, read
    the first time a call asks and kept for the script's other calls."""
    kept: list[list[tuple[int, int, int]]] = []

    def read() -> list[tuple[int, int, int]]:
        if not kept:
            kept.append(sorted((c, q, end) for c, (q, end) in _ternary_colons(code).items()))
        return kept[0]
    return read


_LOADER_WITHIN = 8  # elements read after a script for its unit's loader


def _loader_follows(script: etree._Element, network: Network) -> bool:
    """Whether the network's per-unit loader comes right after `script`, past only other
    scripts (the unit's other globals), `<noscript>`s and comments with no text between:
    the loader writes its ad there, with the globals set before it. A few elements are
    read: a page of such scripts stays linear."""
    before = script
    for _ in range(_LOADER_WITHIN):
        after = before.getnext()
        if after is None or (before.tail or "").strip():
            return False
        if isinstance(after.tag, str):
            tag = after.tag.lower()
            if tag not in _BETWEEN_TWINS:
                return False
            if tag == "script" and _unit_loader(after.get("src") or "", network):
                return True
        before = after
    return False


def _writes_loader(code: str, network: Network, read: dict[str, bool]) -> bool:
    """Whether a script's code names the network's per-unit loader (the `document.write`
    of its tag after the globals), read once a script and network (`read`)."""
    if network.name not in read:
        read[network.name] = any(loader in code for loader in network.unit_loaders)
    return read[network.name]


def _unit_loader(src: str, network: Network) -> bool:
    """Whether `src` is the network's per-unit loader, or a saved copy's file of it (the
    browser's `Page_files/show_ads.js`, `show_ads.js.download`: a relative path whose file
    is the loader's)."""
    if network.is_unit_loader(src):
        return True
    if not src or "//" in src or ":" in src:
        return False
    name = unquote(src.split("?")[0].rsplit("/", 1)[-1]).removesuffix(".download")
    return any(name and loader.rstrip("/").rsplit("/", 1)[-1] == name
               for loader in network.unit_loaders)


def _written_after(script: etree._Element, holders: dict[etree._Element, _Draft],
                   network: Network, match: re.Match[str]) -> _Draft | None:
    """The declared unit of this network and zone right after `script` (only comments and
    blank text between): the element the script wrote, kept by a copy saved after it ran
    (OAS's JX tag and the `adstream_jx.ads` script it writes)."""
    zone = match.groupdict().get("zone")
    after = script.getnext()
    while after is not None and not isinstance(after.tag, str):  # a comment
        after = after.getnext()
    unit = holders.get(after) if after is not None and not (script.tail or "").strip() else None
    return unit if unit is not None and unit.network is network and zone \
        and unit.zone_id == zone else None


def _holder(script: etree._Element, holders: dict[etree._Element, _Draft]) -> _Draft | None:
    """The declared unit `script` sits in, if any."""
    return next((holders[a] for a in script.iterancestors() if a in holders), None)


PREBID = "Prebid.js"
PREBID_RULE = "script: Prebid.js adUnits code"


def _prebid_drafts(page: ParsedPage, catalogue: Catalogue, existing: list[_Draft]
                   ) -> list[_Draft]:
    """Prebid ad units whose `code` is the id of an element of the page that no other
    declaration made a slot (nor holds or sits in one): the unit's element, sized as it
    declares. A unit GPT also defines stays GPT's slot; a code no element bears (a unit
    its code creates, another page's), or one naming the page's text (`_holds_text`),
    makes none."""
    units = prebid.ad_units(page)
    network = catalogue.network_named(PREBID) if units else None
    if network is None:
        return []
    taken = {d.element: d for d in existing}
    added: list[_Draft] = []
    for unit in units:
        el = page.with_id(unit.code)
        if el is None or el in taken or _is_inside(el, set(taken)) or _holds_any(el, taken) \
                or _holds_text(el):
            continue
        width, height = unit_size(el)
        taken[el] = draft = _Draft(el, network, PREBID_RULE, width=width or unit.width,
                                   height=height or unit.height)
        added.append(draft)
    return added


# an element with more text of its own than an ad's label (`Anzeige`, `Advertisement ·
# Continue reading below`) is the page's content, where an outstream renderer may put its
# player (a unit coded `article-body`): the ad is in it, the element is no ad. A link's
# text is not counted: a native ad rendered in its unit's element is a link, its title
# and blurb and all, where an article's text is not
_UNIT_TEXT = 120


def _holds_text(el: etree._Element, at_least: int = _UNIT_TEXT, most: int | None = None
                ) -> bool:
    """Whether `el` holds `at_least` characters of text outside scripts, styles,
    templates and links (whitespace left out); in its first `most` elements, if given."""
    chars, hidden = 0, 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if most is not None:
                most -= 1
                if most < 0:
                    return False
            if node.tag in _NOT_TEXT:
                hidden += 1
            elif not hidden:
                chars += _own_chars(node)
            continue
        if node.tag in _NOT_TEXT:
            hidden -= 1
        if not hidden and node is not el:  # a child's tail
            chars += len("".join((node.tail or "").split()))
        if chars >= at_least:
            return True
    return False


def _own_chars(el: etree._Element) -> int:
    """The characters (whitespace left out) of an element's own text: its text, and the
    text after each comment or PI among its children. The walks that count text visit
    elements only (lxml's iterwalk asked for comment events is quadratic in side-by-side
    comments), so a comment's tail is counted with its parent."""
    return len("".join((el.text or "").split())) + sum(
        len("".join((c.tail or "").split())) for c in el.iterchildren(etree.Comment, etree.PI))


_VIEWPORT_TEST = lazy_regex(r"innerWidth|outerWidth|clientWidth|matchMedia|screen\.width"
                            r"|\.width\(\)")


def _breakpoint_pair(first: etree._Element, second: etree._Element) -> bool:
    """Whether `second` is `first`'s other breakpoint: the next script, with nothing but
    space and comments between them, and both test the viewport's width."""
    el = second.getprevious()
    while el is not None and el is not first:
        if isinstance(el.tag, str) or (el.tail or "").strip():
            return False  # an element, or text, between them
        el = el.getprevious()  # a comment
    return (el is first and not (first.tail or "").strip()
            and all(_VIEWPORT_TEST.search(s.text or "") for s in (first, second)))


def _listed_size(sizes: str) -> tuple[int | None, int | None]:
    """The first size of a slot's size list that an ad shows at: a 1×1 leading a list
    of real sizes (`[[1,1],[970,250],[728,90]]`) is the placeholder a skin, native or
    out-of-page creative answers to, not the slot's area; a 1×1 alone is its size."""
    found = [(int(m.group(1)), int(m.group(2))) for m in _JS_SIZE.finditer(sizes)]
    if not found:
        return None, None
    return next(((w, h) for w, h in found if w > 1 and h > 1), found[0])


# the sizes a call's expression offers, as its tag writes them: `728x90` strings
_SIZE_TEXT = lazy_regex(r"(?<!\d)(\d{1,4})x(\d{1,4})(?!\d)")
_SIZES_OFFERED = 8  # a device's choice is between a few sizes


def _offered_frame(page: ParsedPage, spec: ScriptSlotSpec, groups: dict[str, str | None],
                   sizes: str) -> tuple[str, int, int] | None:
    """The element, and its size, of the first of a call's offered sizes whose frame (the
    spec's `element` filled with that size) the page holds; at most `_SIZES_OFFERED` read."""
    for m in islice(_SIZE_TEXT.finditer(sizes), _SIZES_OFFERED):
        frame = spec.element_of({**groups, "width": m.group(1), "height": m.group(2)})
        if frame and page.with_id(frame) is not None:
            return frame, int(m.group(1)), int(m.group(2))
    return None


def _assigned_path(page: ParsedPage, name: str | None) -> str | None:
    """The ad-unit path a page's script assigns to the variable a slot call names in its
    place (`var unit = unit || "/3771966/Site/section"; googletag.defineSlot(unit, …)`,
    as CMS ad modules write it): a string literal of an ad-unit path's form
    (`/<network code>/<unit>`) assigned to it. None where the page assigns it two paths
    (one per breakpoint or section: which one a reader got is the script's choice) or only
    other strings (a minified script's `e="/wp-json/…"` is no ad unit)."""
    if not name:
        return None
    paths = page.view("paths assigned to names", lambda: _paths_assigned(page)).get(name, ())
    if len(paths) != 1:
        return None
    (path,) = paths
    return path if _AD_UNIT_PATH.fullmatch(path) else None


def _paths_assigned(page: ParsedPage) -> dict[str, set[str]]:
    """Every plain name the page's scripts assign a string starting `/` to (`unit = "/…"`,
    or `unit = unit || "/…"`), with the strings (a pattern per slot's name read the scripts
    once per slot, quadratic in a page of thousands)."""
    out: dict[str, set[str]] = {}
    for found in literals_assigned(page):
        name, default, literal = found.name, found.default, found.literal
        if "." not in name and (default is None or default == name) \
                and _SLASH_LITERAL.fullmatch(literal):
            out.setdefault(name, set()).add(literal)
    return out


class Assigned(NamedTuple):
    """A string literal a script assigns to a name: `name = "literal"`, or `name = default
    || "literal"` (the literal whole, or opening a concatenation)."""

    name: str  # dotted or not (`gptLayer.zone`)
    default: str | None
    literal: str  # no quote or line end in it
    ended: bool  # the statement ends after it (`;`, `,` or a line end)
    commented: bool  # a comment holds it (`// var id = "…";`): a choice the page does not run


def literals_assigned(page: ParsedPage) -> list[Assigned]:
    """Every `name = "…"` (`name = other || "…"`) in the page's scripts: one pass a page
    for each reader of them, each keeping the names and literals it reads: a slot call's
    variable (`_paths_assigned`), a name a call takes (`_paths_held`), an ID handed over by
    a variable (`identify`'s `assigned`). One literal is read whole, so a later name's
    reader never takes the text between two literals for one."""
    def build() -> list[Assigned]:
        out: list[Assigned] = []
        for script in page.scripts:
            text = script.text or ""
            spans: list[tuple[int, int]] | None = None  # a script's comments, read once if it
            for found in _LITERAL_NAMED.finditer(text):  # assigns any (`comment_spans`: a
                if spans is None:  # `//` a string holds, `"url(//cdn…)"`, opens none)
                    spans = comment_spans(text)
                out.append(Assigned(found.group(1), found.group(2), found.group(4),
                                    found.group(5) is not None, in_spans(spans, found.start())))
        return out
    return page.view("string literals assigned to names", build)


# `name = "…"` or `name = other || "…"`, a name a property's path as often, and whether
# the statement ends after it
_LITERAL_NAMED = lazy_regex(
    r"(?<![\w$.])([\w$]+(?:\.[\w$]+)*)\s*=\s*(?:([\w$.]+)\s*\|\|\s*)?(['\"])"
    r"([^'\"\n]{1,201})\3(\s*[;,\n])?")
# a literal that may be an ad-unit path (`_AD_UNIT_PATH` picks those that are)
_SLASH_LITERAL = lazy_regex(r"/[^'\"\s]{1,200}")


# an ad-unit path of Ad Manager's form, the catalogue's one reading of it (`FRAGMENTS`:
# a file's path or a story's dated folder, `/2019/06/story.html`, is none)
_AD_UNIT_PATH = lazy_regex("/" + FRAGMENTS["gam_path"])


def paths_handed_to(page: ParsedPage, call: str) -> tuple[str, ...]:
    """The ad-unit path literals a page's scripts assign to a name, a property as often as
    a variable, that a `call(name, …)` takes first: a site's own wrapper builds the path
    apart from the call (`gptLayer.zone = "/4328/hdm.mag/" + ad_zone; …
    googletag.defineSlot(gptLayer.zone, sizes, id)`), so the literal is the path's opening
    (its network code, its site) where the rest is concatenated on at run time."""
    return page.view(f"paths handed to {call}", lambda: _handed(page, call))


def _handed(page: ParsedPage, call: str) -> tuple[str, ...]:
    taken: dict[str, None] = {}  # the names handed, in order, each once: a name assigned
    for script in page.scripts:  # thousands of paths and taken by thousands of calls was
        text = script.text or ""  # read once per call (quadratic)
        if call + "(" not in text:
            continue
        for found in _FIRST_ARGUMENT.finditer(text):
            if found.group(1) == call:
                taken.setdefault(found.group(2))
    if not taken:  # most pages hand their calls literals: no name to look up, no pass
        return ()
    held = page.view("paths held by names", lambda: _paths_held(page))
    out: dict[str, None] = {}
    for name in taken:
        out.update(dict.fromkeys(held.get(name, ())))
    return tuple(out)


def _paths_held(page: ParsedPage) -> dict[str, list[str]]:
    """Every name, dotted or not, the page's scripts assign an ad-unit path's literal to
    (whole, or opening a concatenation), with the literals."""
    out: dict[str, list[str]] = {}
    for found in literals_assigned(page):
        name, default, literal = found.name, found.default, found.literal
        if _HOLDER_NAME.fullmatch(name) and (default is None or len(default) <= _DEFAULT_MOST) \
                and _SLASH_LITERAL.fullmatch(literal) and _AD_UNIT_PATH.fullmatch(literal):
            out.setdefault(name, []).append(literal)
    return out


# a name, a property's path as often (`gptLayer.zone`, `window.ads.unit`)
_HOLDER = r"[A-Za-z_$][\w$]{0,40}(?:\.[A-Za-z_$][\w$]{0,40}){0,3}"
_HOLDER_NAME = lazy_regex(_HOLDER)
_DEFAULT_MOST = 80  # a holder's default before `||` (`holder = holder || "/…"`), at most
# a call and the name it takes first: `googletag.defineSlot(gptLayer.zone, …`
_FIRST_ARGUMENT = lazy_regex(rf"(?<![\w$])([A-Za-z_$][\w$]{{0,60}})\(\s*({_HOLDER})\s*,")


def _script_slot(
    page: ParsedPage,
    script: etree._Element,
    network: Network,
    spec: ScriptSlotSpec,
    match: re.Match[str],
    by_id: dict[str, _Draft],
    holders: dict[etree._Element, _Draft] | None = None,
) -> list[_Draft]:
    groups = match.groupdict()
    zone = groups.get("zone") or _assigned_path(page, groups.get("zone_var"))
    width = pixels(groups.get("width"))
    height = pixels(groups.get("height"))
    if groups.get("sizes") and not (width and height):
        width, height = _listed_size(groups["sizes"] or "")
    element_id, element_class = groups.get("element") or spec.element_of(groups), None
    if spec.element and not (width and height) and groups.get("sizes"):
        # a call offering its sizes per device (`sz: CN.isMobile ? '320x50' : '300x250'`)
        # fills the frame of the one the page holds, at that size; none held, no one size
        offered = _offered_frame(page, spec, groups, groups["sizes"] or "")
        if offered is not None:
            element_id, width, height = offered
    if not element_id and groups.get("target"):
        element_id, element_class = _simple_selector(groups["target"])
    if element_id and page.with_id(element_id) is None:
        named = _prefixed_box(script, element_id)
        element_id = named.get("id") if named is not None else element_id
    # what names the element: its id, or `.class` (a later call naming it is this slot)
    key = element_id or (f".{element_class}" if element_class else None)
    known = by_id.get(key) or by_id.get(f"{key}@{id(script)}") if key else None
    if known is not None:
        _fill_known(page, known, network, spec, zone, width, height, script)
        return []
    target = (page.with_id(element_id) if element_id
              else page.with_class(element_class) if element_class else None)
    if target is None and spec.needs_element and element_id \
            and not _page_makes(page, element_id, match.group(0), spec):
        # GPT fills no element the saved page lacks: a unit defined, never shown, whose
        # ad-unit path is the page's ID all the same
        if zone and spec.id_kind:
            unplaced_units(page).append(Unplaced(spec.id_kind, zone, network, script,
                                                 match.start(), f"script: {spec.label}"))
        return []
    if target is None and element_id:
        target = _markup_writer(page, element_id, script)
    if target is not None and (box := _box_round(page, target, network, zone, holders)):
        # the div a vendor's markup box holds (`div[data-gpt-size]`, jquery.dfp's
        # `div.dfp[data-adunit]` round `<div id="gpt-top">`): the box's one unit
        _fill_known(page, box, network, spec, zone, width, height, script)
        box.extra_elements.append(target)
        box.held = target
        if key:
            by_id[key] = box
        return []
    element: etree._Element = script if target is None else target
    slot = _Draft(
        element=element,
        network=network,
        rule=f"script: {spec.label}",
        zone_id=zone,
        id_kind=spec.id_kind,
        width=width,
        height=height,
        offered=frozenset((int(m.group(1)), int(m.group(2)))
                          for m in islice(_JS_SIZE.finditer(groups.get("sizes") or ""), 32)),
    )
    if key:
        # a later call naming the same element is this slot; an element the script
        # creates at run time is its own per script (desktop and mobile variants)
        by_id[key if element is not script else f"{key}@{id(script)}"] = slot
    if element.tag == "script":
        slot.written = element_id
    if element is not script:
        slot.extra_elements.append(script)
        w, h = unit_size(element)
        slot.width = slot.width or w
        slot.height = slot.height or h
    return [slot]


_PREFIXED_LEVELS = 2  # the box a call names stands round its script, a level or two up


def _prefixed_box(script: etree._Element, name: str) -> etree._Element | None:
    """The box round the calling script whose id is the name the call gives, a site's
    prefix before it (`<div id="bbccom_native"><script>googletag.display("native")`: the
    site's ad code builds the element's id from the slot's name): the element the unit
    fills. None where no box a level or two up is so named."""
    for level, above in enumerate(script.iterancestors()):
        if level >= _PREFIXED_LEVELS or str(above.tag).lower() in ("body", "html"):
            return None
        own = above.get("id") or ""
        if len(own) > len(name) + 1 and own.endswith(name) and own[-len(name) - 1] in "_-":
            return above
    return None


def _fill_known(page: ParsedPage, known: _Draft, network: Network, spec: ScriptSlotSpec,
                zone: str | None, width: int | None, height: int | None,
                script: etree._Element) -> None:
    """A call naming a unit already declared fills what it lacks: its zone (an ID of the
    call's kind replaces the unit's own position name, which no ID kind reads), its size.
    A second unit of the same kind for the same container (GPT's desktop and mobile
    branches each defining theirs for one div) is the same placement, its zone one more
    of the page's IDs (`unplaced_units`)."""
    if zone and (not known.zone_id or (
            not known.id_kind and spec.id_kind and known.network is network)):
        known.zone_id, known.id_kind = zone, spec.id_kind or known.id_kind
    elif zone and spec.id_kind and zone != known.zone_id and known.network is network \
            and known.id_kind == spec.id_kind:
        unplaced_units(page).append(Unplaced(spec.id_kind, zone, network))
    known.width = known.width or width
    known.height = known.height or height
    known.extra_elements.append(script)


_BOX_LEVELS = 3  # a vendor's box holds the div its call fills a level or two down


def _box_round(page: ParsedPage, target: etree._Element, network: Network, zone: str | None,
               holders: dict[etree._Element, _Draft] | None) -> _Draft | None:
    """The unit the markup declares of this network a few levels round `target`, where its
    zone is none, a position name, or the call's own (a box naming another unit stays
    that unit's, and a box holds one such div: a second is a unit of its own; a box whose
    own id the page's code names in quotes is a unit its call fills itself); None where
    there is none, or `target` is one itself."""
    if not holders or target in holders:
        return None
    for level, above in enumerate(target.iterancestors()):
        if level >= _BOX_LEVELS:
            return None
        box = holders.get(above)
        if box is not None:
            own = box.element.get("id")
            return box if box.network is network and box.held is None and (
                not box.zone_id or not box.id_kind or box.zone_id == zone) and not (
                own and own in _quoted_names(page)) else None
    return None


_QUOTED_NAME = lazy_regex(r"""['"]([\w-]{1,200})['"]""")


def _quoted_names(page: ParsedPage) -> frozenset[str]:
    """The names the page's inline code writes in quotes (an element id a call passes);
    read once a page."""
    return page.view("quoted names", lambda: frozenset(
        _QUOTED_NAME.findall(page.script_text)))


class Unplaced(NamedTuple):
    """A unit the page's scripts define that no element of the page shows: its zone is an
    ID of the page all the same (`identify.identifiers`). `script` and `at` (where the
    defining call opens in its text) cite it where its element is absent; a second unit
    defined for a container the page shows (`_fill_known`) has none: that placement is
    the shown unit's. Nor has a unit an ad server's frame served (`frame_slots`): the
    frame is its placement."""

    kind: str
    zone: str
    network: Network
    script: etree._Element | None = None
    at: int | None = None
    rule: str | None = None


def unplaced_units(page: ParsedPage) -> list[Unplaced]:
    """The units the page's scripts define for an element the page lacks (`needs_element`,
    a branch that did not run): no slot, but their zones are the page's IDs. Filled while
    `declared_slots` reads the page."""
    return page.view("units defined, not placed", list)


def cited_unplaced(page: ParsedPage, slots: Iterable[FoundSlot]) -> tuple[UnplacedUnit, ...]:
    """The report's unplaced units: each cited at the line its defining call opens on
    (a head script defining ten units names ten lines), once per zone and line; not a
    unit a slot of the page shows by the same zone, a second unit for a shown container
    (no call to cite), nor a vendor documentation's example unit (no one's)."""
    shown = {(s.id_kind, s.zone_id) for s in slots if s.zone_id}
    out: dict[tuple[str, str, int], UnplacedUnit] = {}
    # where each citing script's lines break, found once a script: a site's ad map defines
    # thousands of units in one script, and counting from its top for each is quadratic
    breaks: dict[etree._Element, list[int]] = {}
    for unit in unplaced_units(page):
        zone = canonical_id(unit.kind, unit.zone)
        if unit.script is None or unit.at is None or zone is None or (unit.kind, zone) in shown \
                or unit.network.is_sample(unit.kind, zone):
            continue
        if unit.script not in breaks:  # the offset each of its lines after the first opens at
            breaks[unit.script] = list(accumulate(
                len(text) + 1 for text in (unit.script.text or "").split("\n")[:-1]))
        line = line_of(unit.script) + bisect_right(breaks[unit.script], unit.at)
        out.setdefault((unit.kind, zone, line), UnplacedUnit(
            unit.network.name, unit.kind, zone, line, page.xpath(unit.script), unit.rule))
    return tuple(out.values())


def _page_makes(page: ParsedPage, element_id: str, call: str = "",
                spec: ScriptSlotSpec | None = None) -> bool:
    """Whether the page's own code makes an element of this id: a script writes it
    (`<div id="…">` in a string, setAttribute/jQuery's attr("id", …), `el.id = …`, an
    object's `id: …` as React's props and jQuery's `$("<div>", {…})` give it), a template
    or a JSON config block holds it, a loop names it by concatenation (`'div-gpt-ad-' + n`,
    `` `div-gpt-ad-${n}` ``: the prefix), or a placeholder's `data-` attribute names it
    for the framework that makes it. The `call` declaring the slot names its element
    itself where a config's slot object carries it as its `id` (About.com's
    `{'id': 'billboard', 'sizes': …}`): that naming makes nothing, so an id written there
    and nowhere else is not made; nor is one the same call form names again, in another
    copy of the config (`spec`'s calls, counted once a page)."""
    exact, prefixes = _ids_scripts_write(page)
    if any(element_id[:end] in prefixes for end in range(3, min(len(element_id), 200))):
        return True
    if element_id not in exact:
        return False
    named_here = sum(1 for m in _WRITTEN_ID.finditer(call)
                     if not m.group(2) and m.group(1) == element_id) if call else 0
    if not named_here:
        return True
    written = page.view("id writes counted", lambda: _id_writes(page))
    if spec is not None:
        named_here = max(named_here, page.view(
            f"ids named by calls {id(spec)}", lambda: _ids_calls_name(page, spec)
        ).get(element_id, 0))
    return written.get(element_id, 0) > named_here


def _ids_calls_name(page: ParsedPage, spec: ScriptSlotSpec) -> dict[str, int]:
    """How many times the calls of one form (`spec`'s pattern) name each element id as
    their own, over the page's scripts; read once a page and form."""
    counts: dict[str, int] = {}
    for script in page.tagged("script"):
        for call in finditer(spec.pattern, script.text or ""):
            for m in _WRITTEN_ID.finditer(call.group(0)):
                if not m.group(2):
                    counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


def _id_writes(page: ParsedPage) -> dict[str, int]:
    """How many times the page's scripts and `data-` attributes name each element id
    (`_ids_scripts_write`'s exact ids, counted); read once a page, and only where a call
    names its own element."""
    counts: dict[str, int] = {}
    for v in _DATA_VALUES(page.root):
        if 2 < len(str(v)) <= 200:
            counts[str(v)] = counts.get(str(v), 0) + 1
    for script in page.tagged("script"):
        for m in _WRITTEN_ID.finditer(script.text or ""):
            if not m.group(2):
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


def _markup_writer(page: ParsedPage, element_id: str,
                   defining: etree._Element) -> etree._Element | None:
    """The one other script whose strings hold the element's markup (`'<div id="…">'`, or
    HTML-escaped, `'&lt;div id=\\'…\\'&gt;'`, as CMS ad blocks keep a unit's tag for their
    loader to write into the holder beside them): where the page places the unit, not the
    script in the head that defines it. None where the defining script writes it too, or
    two scripts do (which one shows is the page's choice)."""
    writers = page.view("scripts writing markup ids", lambda: _markup_writers(page)).get(
        element_id, ())
    return writers[0] if len(writers) == 1 and writers[0] is not defining else None


def _markup_writers(page: ParsedPage) -> dict[str, tuple[etree._Element, ...]]:
    """Each element id the page's inline code writes as markup, with those scripts (a
    template or a data block is rendered where its framework puts it); read once a page."""
    out: dict[str, list[etree._Element]] = {}
    for script in page.scripts:
        for written in {m.group(1) for m in _MARKUP_ID.finditer(script.text or "")}:
            out.setdefault(written, []).append(script)
    return {k: tuple(v) for k, v in out.items()}


# an element's start tag in a script's string, plain or HTML-escaped, naming its id
_MARKUP_ID = lazy_regex(
    r"""(?:<|&lt;)[A-Za-z][\w-]{0,20}\s[^<>]{0,300}?\bid\s*=\s*\\?["'`]([\w.:-]{1,200})\\?["'`]""")


def _ids_scripts_write(page: ParsedPage) -> tuple[frozenset[str], frozenset[str]]:
    """The element ids the page's scripts (code, templates, data blocks) and `data-`
    attributes name as an element's, and the prefixes its scripts build ids from; read
    once a page."""
    def build() -> tuple[frozenset[str], frozenset[str]]:
        exact: set[str] = {str(v) for v in _DATA_VALUES(page.root) if 2 < len(str(v)) <= 200}
        prefixes: set[str] = set()
        for script in page.tagged("script"):
            for m in _WRITTEN_ID.finditer(script.text or ""):
                (prefixes if m.group(2) else exact).add(m.group(1))
        return frozenset(exact), frozenset(prefixes)
    return page.view("ids scripts write", build)


_WRITTEN_ID = lazy_regex(
    r"""(?:\bid\s*=\s*\\?["'`]|(?:setAttribute|attr|prop)\(\s*["']id["']\s*,\s*["'`]"""
    r"""|\.id\s*=\s*["'`]|[{,]\s*["']?id["']?\s*:\s*["'`])([\w.:-]{1,200})"""
    r"""(\\?["'`]\s*\+|\$\{)?""")
_DATA_VALUES: Any = etree.XPath("//@*[starts-with(name(), 'data-')]")


# a target a script fills as `querySelector` would find it: one id or one class, nothing
# more (a descendant, attribute or list selector is left unread: the script is the slot)
_SIMPLE_SELECTOR = lazy_regex(r"\s*([#.])(-?[A-Za-z_][\w-]*)\s*")


def _simple_selector(selector: str) -> tuple[str | None, str | None]:
    """(id, class) a target selector names when it is `#id` or `.class` alone."""
    simple = _SIMPLE_SELECTOR.fullmatch(selector)
    if simple is None:
        return None, None
    return (simple.group(2), None) if simple.group(1) == "#" else (None, simple.group(2))


def _is_inside(el: etree._Element, others: set[etree._Element]) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent in others:
            return True
        parent = parent.getparent()
    return False


# A page's landmarks (the document, its main content, header, footer, navigation) that
# hold the page's own text and nothing an ad shows in are the page, not an ad unit: a
# generic rule's class name hides one by accident (`##.ad_Right` on a newspaper's footer
# of links). A landmark round a frame, an `<ins>`, an object, a video or anything that
# loads an ad network (its banner, its loader) stays a slot, caption or not, as does one a
# list hides for the site (`example.com##footer.ad`); a site's own images (its logo) do
# not keep one. `article` and `aside` are where feeds and sidebars put native ads, so no
# landmarks.
_LANDMARKS = frozenset({"html", "body", "main", "header", "footer", "nav"})
_LANDMARK_TEXT = 80  # characters of text outside scripts, styles and templates
_SHOWS_ADS = frozenset({"iframe", "frame", "ins", "object", "embed", "video", "canvas"})
_NOT_SHOWN = frozenset({"script", "style", "noscript", "template", "textarea"})
_NOT_TEXT = _NOT_SHOWN | {"a"}  # what `_holds_text` counts none of
# schema.org's WPAdBlock, which the page's markup declares an ad block with: a theme that
# types a block of the page's own text so (its wrapper round the article) is the page's,
# as a landmark is
_DECLARED_AD = "schema.org/WPAdBlock"


def _page_landmarks(hits: Sequence[tuple[etree._Element, str, str]],
                    advertising: frozenset[etree._Element]) -> set[etree._Element]:
    """The landmarks (and declared ad blocks) among the hits that are the page's own
    (above); `advertising`: the elements whose requests show ads. One walk of each
    document counts text and what shows ads as running totals, so a landmark's own are
    the totals' growth between its start and end tags (a count per landmark was
    quadratic in nested ones); no text inside a script, style, noscript, template or
    text area counts, however deep."""
    candidates = {el for el, rule, _ in hits if rule.startswith("##") and (
        el.tag in _LANDMARKS or _DECLARED_AD in rule)}
    out: set[etree._Element] = set()
    for root in {el.getroottree().getroot() for el in candidates}:
        text = shows = hidden = 0
        opened: dict[etree._Element, tuple[int, int]] = {}
        for event, node in etree.iterwalk(root, events=("start", "end")):
            if event == "start":
                if node in candidates:
                    opened[node] = (text, shows)
                if node.tag in _SHOWS_ADS or node in advertising:
                    shows += 1
                if node.tag in _NOT_SHOWN:
                    hidden += 1
                elif not hidden:
                    text += _own_chars(node)  # a comment's tail counted at its parent's start
                continue
            if node.tag in _NOT_SHOWN:
                hidden -= 1
            if node in opened:
                text_before, shows_before = opened.pop(node)
                if text - text_before >= _LANDMARK_TEXT and shows == shows_before:
                    out.add(node)
            if not hidden:
                text += len("".join((node.tail or "").split()))
    return out


# A class that names an ad's size or format (IAB's names, `300x250`): a box so named is a
# placement the site's ad code sizes, even when nothing on the saved page fills it
_SIZE_NAMED = lazy_regex(r"\d{1,4}x\d{1,4}|leaderboard|billboard|skyscraper|rectangle"
                         r"|fullbanner|superbanner|halfpage|mpu", re.I)
_CODE_WORD = lazy_regex(r"[A-Za-z0-9_-]+")
# attributes a theme's bare wrapper carries; any other (an id a script fills, a vendor's
# `data-*`, a size) says something on the page means to fill the box
_BARE_ATTRS = frozenset({"class", "style"})


def _code_words(page: ParsedPage) -> frozenset[str]:
    """The words of the page's inline code, what it decodes to, and its JSON data blocks
    (an app's state): a class its code names (`'.ads-wrapper'`, `&q;adFullbanner&q;`).
    One scan for the page, however many empty boxes ask."""
    return page.view("code words", lambda: frozenset(
        w for text in (page.script_text, *page.json_blocks) for w in _CODE_WORD.findall(text)))


def _empty_placeholder(el: etree._Element, page: ParsedPage) -> bool:
    """Whether a hidden box is a theme's empty ad wrapper, left empty because the theme had
    no ad to put in it (JNews' `div.ads-wrapper`): it holds nothing (no element, no text),
    carries nothing but a class (and a style declaring no size), no class names a size,
    the element after it is no script (`currentScript.previousSibling` fills it), and the
    page's own code never names its classes. A labelled empty slot always has one of those:
    an id a script fills (`#ad_mpu`), a vendor's attributes (`data-adunit`), a size-named
    class (`adSkyscraper`), or a class the page's app state names (`adInContent`). A page
    with no script at all (a copy saved with its scripts stripped) says nothing either way:
    its empty boxes stay the placements they were."""
    if len(el) or (el.text or "").strip() or set(el.attrib) - _BARE_ATTRS \
            or unit_size(el) != (None, None) or not page.tagged("script"):
        return False
    classes = (el.get("class") or "").split()
    if not classes or any(_SIZE_NAMED.search(c) for c in classes):
        return False
    after = el.getnext()
    while after is not None and not isinstance(after.tag, str):  # a comment
        after = after.getnext()
    if after is not None and str(after.tag).lower() == "script":
        return False
    words = _code_words(page)
    return not any(c in words for c in classes)


# a slot or zone of the page's own parts, not an ad server's: a theme's widget area, a
# carousel's slide, a drop or focus zone, a time zone, a framework's (`data-v-`) slot
_INS_PART_WORDS = frozenset({
    "widget", "widgets", "slide", "slider", "carousel", "gallery", "tab", "tabs", "menu",
    "nav", "grid", "layout", "drop", "drag", "time", "date", "focus", "hit", "scroll",
    "swipe", "v"})
_HAS_DIGIT = lazy_regex(r"\d")
_AD_WORDS = frozenset({"ad", "ads", "adv", "advert"})  # a slot its name says is an ad's
INS_TAG_LIST = "auditor-markup"  # the `list` of the ad tags read from the markup's shape
INS_TAG_RULE = "ins[data-*-slot]"


def ins_tag_units(page: ParsedPage) -> list[tuple[etree._Element, str, str]]:
    """The page's empty `<ins>` ad tags of any server, as cosmetic hits: the AdSense-style
    asynchronous tag as ad servers copy it, which the server's script fills, asking for the
    slot or zone a `data-` attribute of the server's own name gives (`_ins_unit_attr`);
    `<ins>` marks an edit otherwise, and an edit carries no slot. A known vendor's is its
    catalogue slot already, a wrapper a list hides stays the one placement it was
    (`cosmetic_slots`). One pass over the page's `<ins>` elements."""
    if page.root is None:
        return []
    out: list[tuple[etree._Element, str, str]] = []
    for el in page.root.iter("ins"):
        if (el.text or "").strip() or any(
                isinstance(c.tag, str) or (c.tail or "").strip() for c in el):
            continue  # filled, or an edit's text (a comment inside leaves it empty)
        if any(_ins_unit_attr(str(k), str(v)) for k, v in el.attrib.items()):
            out.append((el, INS_TAG_RULE, INS_TAG_LIST))
    return out


AD_FRAME_RULE = "iframe[width][height] of an ad server"
_BANNER_SIDE = 32  # the shortest side of a banner a frame declares (IAB's smallest, 88x31, rounded)
_FETCHED_SRC = lazy_regex(r"\s*(?:https?:)?//", re.I)


def ad_frame_units(servers: dict[etree._Element, Network | None],
                   declared: Sequence[FoundSlot],
                   appended: Collection[etree._Element] = frozenset(),
                   companies: Mapping[etree._Element, str] | None = None,
                   ) -> list[tuple[etree._Element, str, str]]:
    """Frames whose own request goes to an ad server or an affiliate network (`servers`:
    `resources.ad_server_requests`) that declare a banner's size in pixels in their own
    `width` and `height` (not `100%`: the box it fills), as cosmetic hits: a raw banner tag
    pasted as a frame (`<iframe src="https://rcm-fe.amazon-adsystem.com/e/cm?…"
    width="120" height="240">`, a Japanese affiliate network's `htmlbanner` frame) is a
    placement whoever runs it. A frame of a pixel, with no size, sized down to a pixel by
    its inline style (which a browser draws over the attributes), or hidden by its own
    style or a wrapper's (`display:none`) is a sync's, a beacon's or a pop's; a copy in a
    `<noscript>` beside its live unit stays that unit's (`without_inert_copies`).
    A network whose units the page declares (`declared`: a script's `cpro_id`, a vendor's
    box) has its frames read as what those units rendered (a saved copy keeps the frame
    each unit's script wrote beside it), not as placements of their own; but a frame
    appended after the page's end (`appended`: the frames and units written past its last
    `</html>`, `markup.past_html_end`) renders none of the page's units: only a unit of
    its network appended there too. A frame right after a declared unit's tag that writes
    its ad where it stands (`_written_by`: DART's `adj` script, then the safeframe or the
    backfill's frame it wrote, in a DOM save), at a size the tag asks for, is that unit's;
    `companies` names the company of a frame's host no network names
    (`resources.advertising_companies`), whose frame that may be only if it is the tag's."""
    units_of = {s.network.name for s in declared if s.network is not None}
    units_after = {s.network.name for s in declared if s.network is not None
                   and s.element in appended}
    writers = _in_place_tags(declared)
    out: list[tuple[etree._Element, str, str]] = []
    for el, network in servers.items():
        if network is not None and network.name in (
                units_after if el in appended else units_of):
            continue
        if writers and _written_by(el, network, (companies or {}).get(el), writers):
            continue
        if str(el.tag).lower() != "iframe" or not _FETCHED_SRC.match(el.get("src") or ""):
            # a frame the page writes (`javascript:`) is read as a document; one a saved
            # copy keeps with its `src` and the document that server sent (`srcdoc`: an
            # SSP's frame holding the passback it served, AdSense's tag) is the server's
            # placement, its document the ad (read once, `frame_slots`: no slot of its own)
            continue
        width, height = pixels(el.get("width")), pixels(el.get("height"))
        if not (width and height and min(width, height) >= _BANNER_SIDE):
            continue
        styled = style_size(el.get("style") or "")
        if any(side is not None and side < _BANNER_SIDE for side in styled):
            continue  # `width="300" height="250" style="width:0;height:0"`: drawn at none
        if not any(inline_hiding(box) is not None
                   for box in islice(chain((el,), el.iterancestors()), HIDING_WRAPPERS + 1)):
            out.append((el, AD_FRAME_RULE, INS_TAG_LIST))
    return out


def _in_place_tags(declared: Sequence[FoundSlot]) -> dict[etree._Element, FoundSlot]:
    """The declared units' script tags that write their ad where they stand: a `src` that
    is the network's per-unit loader (`unit_loaders`: DART's `/adj/`), run as the page is
    read (`_in_place`)."""
    return {el: slot for slot in declared if slot.network is not None
            for el in (slot.element, *slot.extra_elements)
            if str(el.tag).lower() == "script" and el.get("src")
            and _unit_loader(el.get("src") or "", slot.network) and _in_place(el)}


def _written_by(frame: etree._Element, network: Network | None, company: str | None,
                writers: dict[etree._Element, FoundSlot]) -> bool:
    """Whether `frame`, whose request goes to `network`'s server (None: to a host of
    `company` no network names), stands right after one of `writers` (past comments, no
    text between; or first in a box right after it, `_element_before`) at a size its tag
    asks for (the unit's, or one of its `sz=` list): the creative that tag wrote, kept by
    a DOM save. Only a frame of the tag's own house
    is (`_of_house`: Ad Manager's safeframe, AdSense's backfill after a DART tag), and not
    one GPT's renderer named for another unit (`_names_another_unit`): another vendor's
    frame, or a GPT unit, after the tag at the same size is a placement of its own."""
    before = _element_before(frame)
    slot = writers.get(before) if before is not None else None
    if slot is None or before is None or slot.network is None:
        return False
    return (_of_house(network, company, slot.network)
            and not _names_another_unit(frame, slot.zone_id)
            and _asks_for((pixels(frame.get("width")), pixels(frame.get("height"))),
                          (slot.width, slot.height), before.get("src") or ""))


def _of_house(network: Network | None, company: str | None, tag: Network) -> bool:
    """Whether a frame of `network`, or where none names its host of `company` (Google's
    for Ad Manager's safeframe host), may hold what `tag`'s script wrote: the tag's
    network's or its company's (DART's creative served by Ad Manager, or its AdSense
    backfill); not another ad server's raw frame tag (Adform's `adfserve`) after it."""
    if network is tag:
        return True
    theirs = company if network is None else network.company
    return tag.company is not None and theirs == tag.company


AD_SCRIPT_RULE = "script an ad list blocks, alone in its box"
# what a box holding an ad's tag may hold beside it and still be that tag's own: the tag's
# scripts (its globals, its loader), its fallback, its style sheet, line breaks
_TAG_PARTS = frozenset({"script", "noscript", "link", "style", "br"})
_NOT_A_BOX = _LANDMARKS | {"head", "form"}  # the page's frame, and a form


def ad_script_boxes(scripts: dict[etree._Element, list[PlacingRequest]],
                    decide: Callable[[str, RequestType], Match],
                    first_party: str | None) -> list[tuple[etree._Element, str, str]]:
    """The boxes that hold one ad's script tag and nothing a visitor reads, as cosmetic
    hits: a script an ad list blocks (`decide`: the lists' decision on a URL of a request
    type; EasyList, not a privacy list, whose blocking says tracker) that loads or writes its
    ad where it stands, `document.write` era (`<div class="sidebar-box"><script src="…
    blogads.com/…/feed.js">`, or an inline script writing the ad's frame, `<iframe src="…
    feed.4wnet.com/feed.html.ashx?a=…">`), in a box of its own: the box is the placement. A box
    holding text, a link, an image or a form besides is a column or a widget the tag is
    one part of (a reader of its vendor's markup may still place it), one whose scripts
    load from several sites is where a theme puts its vendors' scripts (a footer's
    analytics, in-text ads and pop-under), and one of several scripts of the page's own
    site (`first_party`) is where its theme puts its own and its plugins' code; a loader
    that runs later or is appended to the head fills units elsewhere (`_in_place`), and a
    loader in the head places nothing.
    `scripts`: each script element's requests (`resources.script_requests`). Each box is
    read once, its children only."""
    out: list[tuple[etree._Element, str, str]] = []
    read: set[etree._Element] = set()
    for script, requests in scripts.items():
        box = script.getparent()
        if box is None or box in read or not any(r.may_show_ad for r in requests):
            continue
        read.add(box)
        if not _holds_only_tags(box):
            continue
        loads = [(child, r) for child in box if child in scripts for r in scripts[child]]
        sites = {site_of(host_of(r.url)) for _, r in loads}
        if len(sites) != 1 or (len(loads) > 1
                               and not is_third_party(host_of(loads[0][1].url), first_party)):
            continue
        for child, r in loads:
            match = decide(r.url, r.type) if r.may_show_ad and _in_place(child) else NO_MATCH
            if match.blocked and not match.exception and match.list not in PRIVACY_LISTS:
                out.append((box, f"{AD_SCRIPT_RULE}: {match.rule}", match.list or ""))
                break
    return out


def _in_place(script: etree._Element) -> bool:
    """Whether a script shows what it loads where it stands: it runs as the page is read
    (no `async`, `defer`: a loader that runs later, AdSense's `adsbygoogle.js`, fills
    units elsewhere; a module script, `type="module"`, is deferred as `defer` is), and,
    inline, writes its tag into the page there (`document.write`, not an injected loader
    appended to the head)."""
    if script.get("async") is not None or script.get("defer") is not None \
            or (script.get("type") or "").strip().lower() == "module":
        return False
    return script.get("src") is not None or ".write" in (script.text or "")


def _holds_only_tags(box: etree._Element) -> bool:
    """Whether a box holds an ad tag's parts only (`_TAG_PARTS`, comments) and no text of
    its own, and is no part of the page's frame (head, body, landmark, form)."""
    if str(box.tag).lower() in _NOT_A_BOX or (box.text or "").strip():
        return False
    return all((not isinstance(child.tag, str) or child.tag.lower() in _TAG_PARTS)
               and not (child.tail or "").strip() for child in box)


# a site's ad call handed the id of the box its script stands in: `TagProvider.displayAd(
# '2127_1593')` in `<div id="2127_1593">`, a verb then `Ad` (or `_ad`), the id quoted first
_AD_CALL = lazy_regex(
    r"""\b(?:display|show|render|load|write|fill|insert|place|put)(?:Ad|_ad)\s*\(\s*"""
    r"""['"]([\w.:-]{1,200})['"]""")
# what every `_AD_CALL` holds, searched first: that pattern, led by `\b` and its verbs, is
# tried at each position of a script; these, each led by its literal, where it stands (one
# pattern led by their alternation was tried at each `A` and `_`: 2.2 -> 0.3 ms over the corpus)
_AD_CALL_CLOSE = (lazy_regex(r"""Ad\s*\(\s*['"]"""), lazy_regex(r"""_ad\s*\(\s*['"]"""))
AD_CALL_RULE = "script: <verb>Ad('<its box id>')"
# what an article's body holds, and a box an ad fills does not: an ad call handed the id of
# a box of paragraphs (`<article id="story-body"><p>…<script>InContent.insertAd('story-body')`)
# inserts its ads among them, the story no placement
_PROSE = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
                    "blockquote", "figure", "pre", "article", "section"})
# and what a form holds: a classifieds site's "place an ad" form its script sets up by the
# form's id (`<form id="place-ad"><script>Classifieds.placeAd('place-ad')`) shows no ad
_FORM = frozenset({"form", "input", "select", "textarea", "button", "label", "fieldset"})
_AD_CALL_TEXT = 40  # characters of a box's own text (its label's, "Advertisement", is less)
_STORY_PARAGRAPHS = 2  # paragraphs one box down that make it a story's (an ad's, one at most)


def ad_call_boxes(page: ParsedPage) -> list[tuple[etree._Element, str, str]]:
    """The boxes a script inside them fills with an ad by their own id (`ad call`: the
    site's ad code, no vendor's tag), as cosmetic hits; a call naming another element, or
    a function of another verb, is no placement, nor is a box of a story's paragraphs an
    inserter puts its ads among, nor a form (`_holds_prose`). One pass over the page's
    scripts."""
    out: list[tuple[etree._Element, str, str]] = []
    for script in page.scripts:
        box = script.getparent()
        own = box.get("id") if box is not None else None
        if box is None or not own or str(box.tag).lower() in _LANDMARKS:
            continue
        code = script.text or ""
        if any(close.search(code) for close in _AD_CALL_CLOSE) and any(
                m.group(1) == own and not in_comment(code, m.start())
                for m in _AD_CALL.finditer(code)) and not _holds_prose(box):
            out.append((box, AD_CALL_RULE, INS_TAG_LIST))
    return out


def _holds_prose(box: etree._Element) -> bool:
    """Whether a box holds a story's text or is a form: a paragraph, heading, list or table
    of its own, a form's control, `_STORY_PARAGRAPHS` paragraphs one box down, or
    `_AD_CALL_TEXT` characters of its own text. Its children and theirs only: nested boxes
    stay linear."""
    if str(box.tag).lower() in _FORM:
        return True
    text = len("".join((box.text or "").split()))
    paragraphs = 0  # a story's body one box down (`div#article > div.article-body > p`)
    for child in box:
        if str(child.tag).lower() in _PROSE or str(child.tag).lower() in _FORM:
            return True
        paragraphs += sum(1 for inner in child if str(inner.tag).lower() == "p")
        if paragraphs >= _STORY_PARAGRAPHS:
            return True
        text += len("".join((child.tail or "").split()))
    return text >= _AD_CALL_TEXT


def _ins_unit_attr(name: str, value: str) -> bool:
    """Whether an `<ins>` attribute asks an ad server for its slot or zone: its name says
    slot or zone under no word of a page part (`_INS_PART_WORDS`), and its value is an ID,
    a number or a code with digits (`7040842893`, `PDPS0001`), not a part's name
    (`data-slot="separator"`, `data-time-zone="UTC"`), unless the name says the slot is an
    ad's (`data-ad-slot="sidebar"`, an in-house server's named slot)."""
    m = ad_attribute(name.lower(), "ins")
    if m is None or not value.strip():
        return False
    words = set(m.group(1).split("-"))
    return not _INS_PART_WORDS & words and (
        _HAS_DIGIT.search(value) is not None or bool(_AD_WORDS & words))


# A publisher's own ad box that no list names and no script on the saved page fills (a
# copy saved with its scripts stripped: `div.mps-ad[data-slot]`, `div.dfp-ads#div-top-1`,
# `div[data-adloader-size="300x250"]`): a box whose class, id or `data-` attribute names an
# ad by a word of its own (`_AD_NAME_WORDS`, camelCase split: `trb_gptAd`), under no word
# of the ad's furniture (`_NOT_A_BOX_WORDS`: its label, its AdChoices notice, an ad-free
# offer), empty but for an ad label, and configured for its ad code: an id or `data-`
# attribute of its own or of the empty box inside it the code fills, or a declared size.
# A theme's bare `div.ad-wrapper` carries nothing its code could fill, and is no slot here.
AD_BOX_LIST = INS_TAG_LIST
AD_BOX_RULE = "[ad-named box, empty, with id or data-*]"
_AD_BOX_TAGS = ("div", "aside", "section")
_NAME_PART = lazy_regex(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_AD_NAME_WORDS = frozenset({"ad", "ads", "advert", "adverts", "advertisement",
                            "adloader", "adunit", "adslot", "adsize", "adtype",
                            # the word in the languages `AD_LABEL` reads: French, Spanish,
                            # Italian sites' `pub` (`div.pub-container > div.srcPubZone`),
                            # German `werbung`/`anzeige`, Czech/Polish `reklama`, ...
                            "pub", "pubs", "publicite", "publicidad", "publicidade",
                            "pubblicita", "werbung", "anzeige", "anzeigen", "reklama",
                            "reklame", "reclame", "advertentie", "annons", "annonse",
                            "mainos"})
# what a class holding any of `_AD_NAME_WORDS` holds, lowered: the words no other word
# of the set is inside (`ad` for `ads` and `advert`, `pub` for `publicite`)
_AD_NAME_NEEDLES = tuple(sorted(w for w in _AD_NAME_WORDS
                                if not any(o != w and o in w for o in _AD_NAME_WORDS)))
_NOT_A_BOX_WORDS = frozenset({
    "free", "block", "blocker", "blocking", "blocked", "choice", "choices", "label",
    "badge", "notice", "disclosure", "disclaimer", "feedback", "close", "report", "info",
    "title", "heading", "text", "count", "counter", "consent", "lite", "remove", "hide",
    "whitelist", "allowlist", "adblock", "adblocker",
    # a part the theme marks as holding no ad (`ads-disabled`, `ads-off`), and an admin
    # export's panels about ads (`ad-settings`, `ads-txt`, `ad-debug`, `ads-policy`)
    "none", "off", "disabled", "disable",
    "settings", "setting", "options", "preferences", "prefs", "policy", "debug", "txt",
    # a flag on a page's part saying the page shows ads (an app's root, `ads-enabled`), and
    # a consent dialog's purpose (`ads-personalization`)
    "enabled", "allowed", "personalization", "personalisation", "personalized",
    "personalised",
    # a theme's spacing round its ads (`ad-spacer`, `ads-gap`), sized inline: layout
    "spacer", "spacing", "separator", "divider", "gap", "border", "clearfix",
    # a publication's date or a post's taxonomy (`article-pub-date`, `category-werbung`)
    "date", "category", "tag",
    # a store its code keeps an ad in until moving it to its place (`ad_store_move_to_place`)
    "store", "storage", "template",
    # Ad Inserter 1.x's wrapper round every block it inserts, ad or not (`<div class=
    # 'ad-inserter ad-inserter-N' style=…>`, its `ai_getAdCode` wrapped; 2.x writes
    # `code-block-N`): a block of code, a comments box as often as an ad; the ad in it is
    # found by its own markup
    "inserter"})
# a word right before the ad's saying the part holds none or flagging a page with ads
# (`no-ads`, `non-ad`, `has-ads`, `with-ads`, `show-ads`): before another word it is that
# word's (`non-empty-ad`, `ad-with-fallback` are ad boxes)
_FLAG_BEFORE_AD = frozenset({"no", "non", "not", "without", "has", "with", "show"})
# a word right after the ad's naming a classified listing's part (on a classifieds page an
# ad is a listing: `ad-map`, `ad-phone`, `ad-author`, `listing-ad-price`, each a box its
# script fills), no ad placement; further on a position (`dfp_ad_pg_author_sec`)
_LISTING_PART_AFTER_AD = frozenset({
    "author", "price", "map", "seller", "phone", "contact", "description", "meta", "date",
    "views", "favorite", "favourite", "reply", "rating"})
_AD_BOX_NODES = 4  # the box and what an unfilled one holds: the div its code fills, a label
# what an unfilled box may not hold: content, or an ad already there (other passes read it)
_FILLED_BY = frozenset({"a", "img", "picture", "svg", "iframe", "frame", "ins", "object",
                        "embed", "video", "canvas", "form", "input", "button", "script",
                        "noscript", "p", "ul", "ol", "table", "article"})


def _name_words(name: str) -> frozenset[str]:
    """The words of a class, id or attribute name, split at punctuation and camelCase.

    >>> sorted(_name_words("trb_gptAd rail__mps-ad"))
    ['ad', 'gpt', 'mps', 'rail', 'trb']
    """
    return frozenset(w.lower() for w in _NAME_PART.findall(name))


def _names_an_ad(el: etree._Element, known: dict[str, bool]) -> bool:
    """Whether a box's class says it is an ad's: the box the page styles as an ad's. Not
    its id (a script's handle, `#ad_pixels`, `#ads_debug_js`, names what the script does
    there) nor a `data-` attribute alone (`data-ad="mobile_incontent_social"`, a widget's).
    `known`: the page's class values read so far (its boxes share a few dozen, most
    holding a needle's letters: `header`, `shadow`), each read once."""
    value = el.get("class") or ""
    found = known.get(value)
    if found is None:
        found = known[value] = _ad_class(value)
    return found


def _ad_class(value: str) -> bool:
    lowered = value.lower()
    if not any(needle in lowered for needle in _AD_NAME_NEEDLES):  # most boxes end here
        return False
    for token in value.split():
        name = _utility(token)
        words = _name_words(name)
        if words & _AD_NAME_WORDS and not words & _NOT_A_BOX_WORDS and not _flagged(name):
            return True
    return False


_ARBITRARY = lazy_regex(r"\[[^\]]*\]")


def _utility(token: str) -> str:
    """A class token less Tailwind's variants and arbitrary values: the class it applies.
    A variant names the condition, another element or a state (`[&_.ad]:hidden` hides the
    box's `.ad` descendants, `peer-[.ad]:mt-4` follows an `.ad` sibling), not the box.

    >>> _utility("[&_.ad]:hidden"), _utility("md:gz-ad-rail"), _utility("rail__mps-ad")
    ('hidden', 'gz-ad-rail', 'rail__mps-ad')
    """
    return _ARBITRARY.sub("", token).rpartition(":")[2]


def _flagged(name: str) -> bool:
    """Whether a class's ad word follows a word saying none or flagging a page with ads
    (`_FLAG_BEFORE_AD`: `no-ads`, `has-ads`; not `non-empty-ad`), or comes right before a
    listing's part (`_LISTING_PART_AFTER_AD`: `ad-map`; not `dfp_ad_pg_author_sec`).

    >>> _flagged("o-section--has-ads"), _flagged("non-empty-ad"), _flagged("noAds")
    (True, False, True)
    >>> _flagged("ad-map"), _flagged("dfp_ad_pg_author_sec")
    (True, False)
    """
    parts = [w.lower() for w in _NAME_PART.findall(name)]
    return any((w in _FLAG_BEFORE_AD and nxt in _AD_NAME_WORDS)
               or (w in _AD_NAME_WORDS and nxt in _LISTING_PART_AFTER_AD)
               for w, nxt in pairwise(parts))


def _configured(el: etree._Element) -> bool:
    """Whether an element carries what ad code fills it by: an id, a `data-` attribute or a
    declared size (a class naming a format is the theme's style, no handle)."""
    return any(str(k) == "id" or str(k).lower().startswith("data-") for k in el.attrib) \
        or unit_size(el) != (None, None)


def _hides_boxes(el: etree._Element) -> bool:
    """Whether an element's `hidden` attribute or inline style hides the boxes in it: not
    a zero font (it hides text: a row's `font-size:0` closing the gaps between its
    inline-block boxes), nor the page's `<html>` or `<body>` style (a theme's fade-in, an
    anti-flicker snippet, hiding the page a moment until a script shows it)."""
    how = inline_hiding(el)
    if how is None or how == ZERO_FONT:
        return False
    return how == "hidden attribute" or str(el.tag).lower() not in ("html", "body")


class _HiddenAbove:
    """Whether an element or any of its holders hides itself by its `hidden` attribute or
    inline style, or is a `<template>`: a box its page hides (a rollover until hovered, the
    ad row a subscriber's copy hides, however deep the box sits in it) or one a script
    clones from a template, which shows nothing itself (`_hides_boxes`: not a zero font,
    nor a page root's passing style). Each element's answer is kept, so the boxes of a page
    are read with each of its elements climbed once."""

    def __init__(self) -> None:
        self._memo: dict[etree._Element, bool] = {}

    def __call__(self, el: etree._Element) -> bool:
        path: list[etree._Element] = []
        node: etree._Element | None = el
        hidden = False
        while node is not None:
            if node in self._memo:
                hidden = self._memo[node]
                break
            path.append(node)
            node = node.getparent()
        for up in reversed(path):  # from the top down: hidden below a hidden holder
            hidden = hidden or up.tag == "template" or _hides_boxes(up)
            self._memo[up] = hidden
        return hidden


_BAIT_SIDE = 2  # px: a box this small is an ad blocker's bait or a pixel's, no placement


def _bait(el: etree._Element) -> bool:
    """Whether a box declares itself a pixel, in its style or attributes (`width:1px`) or
    its class (`ad-1x1`): an ad blocker's bait or an out-of-page pixel, nothing shown."""
    sides = [side for side in unit_size(el) if side is not None]
    sides += [int(side) for c in (el.get("class") or "").split()
              for m in _SIZE_TEXT.finditer(c) for side in m.groups()]
    return any(side <= _BAIT_SIDE for side in sides)


def _unfilled_ad_box(el: etree._Element) -> bool:
    """Whether a box named an ad's is one its code has not filled yet (above): it and the
    few elements it holds carry no text but an ad label and nothing a page or an ad shows,
    and it or one of them is configured for the code. At most `_AD_BOX_NODES` read."""
    nodes = [n for n in islice(el.iter(), _AD_BOX_NODES + 1) if isinstance(n.tag, str)]
    if len(nodes) > _AD_BOX_NODES or (el.text or "").strip() \
            or any((n.tail or "").strip() for n in nodes[1:] if n.getparent() is el):
        return False
    if any(str(n.tag).lower() in _FILLED_BY for n in nodes) or _bait(el):
        return False  # a pixel's
    text = _words(el)
    if text and (len(text) > _LABEL_CHARS or AD_LABEL.fullmatch(text) is None):
        return False
    return any(_configured(n) for n in nodes)


_BESIDE_LEVELS = 3  # a unit beside a box: in its wrapper, or a fallback's `noscript > a > img`


def _names_a_vendor(el: etree._Element, catalogue: Catalogue, running: frozenset[str]
                    ) -> bool:
    """Whether a box's id or class names an ad network by its word in markup
    (`div#rail__sharethrough`) that the page runs no code of: the site's box for that
    vendor's unit, its code stripped from the copy (where the code runs, its own forms find
    its units, and a box named after it is their anchor or wrapper: `div#outbrain_aside`).
    Not a script's hook (`js-outbrain-anchor`), nor under a word of the ad's furniture
    (`#teads-consent`)."""
    network = catalogue.named_in_markup(el)
    if network is None or network.category is not Category.ADVERTISING \
            or network.name in running:
        return False
    names = markup_names(el).split()
    named = [n for n in names if any(w in n for w in network.markup_words)]
    return not all(n.startswith(("js-", "js_")) for n in named) \
        and not any(_name_words(name) & _NOT_A_BOX_WORDS for name in names)


def ad_named_boxes(page: ParsedPage, units: set[etree._Element], catalogue: Catalogue,
                   running: frozenset[str] = frozenset()
                   ) -> list[tuple[etree._Element, str, str]]:
    """The page's unfilled ad boxes named by their own markup (above), as cosmetic hits;
    or by the word of an ad network the page does not run (`_names_a_vendor`, `running`:
    the networks whose code it runs); of boxes nested in one another the innermost, one
    placement. `units`: the elements
    already a slot or hidden by a list; a box inside one, or beside one in its wrapper
    (the div a tag's script fills, beside the tag's `<noscript>` banner), is that unit's
    placement, not a second. One pass over the page's divs, asides and sections, each read
    a few nodes deep, and each unit's few ancestors."""
    if page.root is None:
        return []
    hidden = _HiddenAbove()
    classes: dict[str, bool] = {}
    found = [el for tag in _AD_BOX_TAGS for el in page.tagged(tag)
             if (_names_an_ad(el, classes) or _names_a_vendor(el, catalogue, running))
             and _unfilled_ad_box(el) and not hidden(el) and not _points_at_code(el, page)]
    boxes = set(found)
    # a box holding another holds at most `_AD_BOX_NODES` elements: that many levels up
    holders = {up for el in found for up in islice(el.iterancestors(), _AD_BOX_NODES)
               if up in boxes}
    near = {wrapper for unit in units if (wrapper := _wrapper(unit)) is not None}
    near |= {sib for unit in units for sib in _elements_beside(unit)}
    inside = _NearestAbove(units)
    return [(el, AD_BOX_RULE, AD_BOX_LIST) for el in found if el not in holders
            and el not in near and el.getparent() not in near and inside(el) is None]


def _points_at_code(el: etree._Element, page: ParsedPage) -> bool:
    """Whether a box names, in a `data-` attribute, a div the page's code makes and quotes
    (`data-ad-div="div-gpt-ad-data"` beside `defineSlot(…, 'div-gpt-ad-data')`): the
    code's unit, which the script passes place at the code that defines it."""
    values = [str(v).strip() for k, v in el.attrib.items() if str(k).startswith("data-")]
    if not values:
        return False
    quoted = _quoted_names(page)
    return any(v in quoted and page.with_id(v) is None for v in values)


def _elements_beside(el: etree._Element) -> list[etree._Element]:
    """The elements right before and after one (comments between passed over): the div a
    tag's script fills beside that script (`<div id="inread"></div><script>render("inread")`)."""
    out: list[etree._Element] = []
    for step in (etree._Element.getprevious, etree._Element.getnext):
        sib = step(el)
        while sib is not None and not isinstance(sib.tag, str):
            sib = step(sib)
        if sib is not None:
            out.append(sib)
    return out


_TAG_WRAPPERS = frozenset({"noscript", "a", "span", "center", "p"})


def _wrapper(unit: etree._Element) -> etree._Element | None:
    """The box a unit sits in, past the inline elements of its own tag (the `noscript`
    and link round a tag's fallback banner), at most `_BESIDE_LEVELS` up: a box of the
    tag's few parts (its div, script and fallback), not a column or article of many."""
    for up in islice(unit.iterancestors(), _BESIDE_LEVELS):
        if str(up.tag).lower() not in _TAG_WRAPPERS:
            # counted no further than the bound: `len` counts every child, and the units
            # of one long column (thousands of siblings) would each count them all
            few = sum(1 for _ in islice(up.iterchildren(), _AD_BOX_NODES + 2))
            return up if few <= _AD_BOX_NODES + 1 else None
    return None


_TWIN_LEVELS = 2  # a known unit's boxes read for the classes its breakpoint twin shares


def cosmetic_slots(
    hits: Sequence[tuple[etree._Element, str, str]],
    existing: list[FoundSlot],
    network_of: dict[etree._Element, Network],
    catalogue: Catalogue,
    advertising: frozenset[etree._Element],
    page: ParsedPage,
    first_party: str | None = None,
) -> list[FoundSlot]:
    """Elements hidden by `##` rules that are not already a known slot (or its wrapper),
    nor a landmark a generic rule hides (`_LANDMARKS`), nor an empty box no network, id,
    attribute, size or code of the page names (`_empty_placeholder`); `advertising`: the
    elements whose requests show ads (`resources.advertising_elements`); `first_party`: the
    page's site, which tells its ad-sales link from an ad (`_about_advertising`).

    `network_of` maps elements that load a network's resources, so a hidden wrapper
    around a network's loader is attributed to it; failing that, a vendor's word opening
    the element's id or a class names it (`app_nexus_banners_common`: Xandr).
    """
    known = {s.element for s in existing}
    placed = {e for s in existing for e in s.extra_elements}  # a placeholder beside its unit
    own = _page_landmarks(hits, advertising)
    hits = [hit for hit in hits if hit[0] not in own]
    hit_elements = {el for el, _, _ in hits}
    bands = _bands(hit_elements, network_of, catalogue)
    # a hidden column round a slot we know is no slot itself (below); the vendors' units
    # it holds besides (`aside.ad-column` round two `div.dfp-ad` and a ZergNet widget) are
    # placements of their own, its other hidden boxes (a label) are not
    columns = hit_elements & _ancestors(known)
    holders = hit_elements - bands - columns  # a band's units are slots of their own
    # a known unit's parent, or the unit itself: the networks of the units there, each
    # with the zones they show
    beside: dict[etree._Element, dict[str, set[str | None]]] = {}
    for slot in existing:
        if slot.network is not None and (parent := slot.element.getparent()) is not None:
            for at in (parent, slot.element):
                beside.setdefault(at, {}).setdefault(slot.network.name, set()).add(slot.zone_id)
    # what an ad label may sit beside: a hidden box, a slot we know, or the box a known
    # slot renders in (`span.ad-label` beside `div#supported-by-ad` round GPT's container)
    wrappers = _near_wrappers(known) - hit_elements - known
    units = hit_elements | known | wrappers
    # … and, for a bare label (no id, data- attribute or size of its own), the layout boxes
    # a few levels round a known unit (`p.ad-notice-small` over `div.before-article-ad >
    # div.sponsor > center > div#div-gpt-ad-…`)
    layout = _near_wrappers(known, _LAYOUT_LEVELS) - hit_elements - known
    # each hit's nearest known slot above it, and nearest hidden holder or column (one
    # walk: a column's ancestors that are hidden are columns too, so no holder swallows one
    # from further up); each asks its ancestors once a page, not once a hit, so hidden
    # boxes a thousand levels deep are read in linear time
    known_above, outer_above = _NearestAbove(known), _NearestAbove(holders | columns)
    signed = [n for n in catalogue.signed_with(script_needles(page, catalogue))
              if _serves_units(n)]
    # the classes of the known units each column holds: an empty box sharing one is that
    # unit's other breakpoint (`div.displayAd#header_mobile320x50_frame` beside the known
    # `div.displayAd#header728x90_frame`), the same placement
    # `_TWIN_LEVELS` up: the unit's own box (`div.ad-slot#rail-desktop` round AdSense's
    # `<ins>`) has the twin's class (`div.ad-slot#rail-mobile`), and where that box is a
    # hidden column itself, the twin's column is the one round it
    column_classes: dict[etree._Element, set[str]] = {}
    for unit in known:
        column = outer_above(unit)
        if column not in columns:
            continue
        classes = set((unit.get("class") or "").split())
        for level, box in enumerate(unit.iterancestors()):
            if box is column or level >= _TWIN_LEVELS:
                break
            classes.update((box.get("class") or "").split())
        column_classes.setdefault(column, set()).update(classes)
        if (around := outer_above(column)) in columns:
            column_classes.setdefault(around, set()).update(
                classes, (column.get("class") or "").split())
    out: list[FoundSlot] = []
    labelled: set[etree._Element] = set()  # the empty boxes a caption under them gave
    for el, rule, list_name in hits:
        if adsense_own_unfilled(el):
            continue  # an element AdSense's loader wrote for itself, showing no ad
        about = _about_advertising(el, first_party, catalogue)
        linked = _ad_link_network(about, catalogue) if about is not None else None
        if about is not None and linked is None:
            continue  # the site's link to its AdChoices notice or ad sales: no placement
        if el in known or el in placed or el in bands or el in columns \
                or known_above(el) is not None or _vendor_link_beside(el, beside, catalogue):
            continue  # a column: a wrapper around a slot we already know, same placement
        outer = outer_above(el)  # the nearest hidden holder or column round it
        if outer in holders:
            continue
        if outer is not None and rule != INS_TAG_RULE and (_holds_text(el, 1) or (
                el not in network_of and catalogue.named_in_markup(el) is None
                and _named_inside(el, hit_elements, catalogue) is None
                and not (str(el.tag).lower() == "div" and _empty_unit_box(el)
                         and not column_classes.get(outer, set()).intersection(
                             (el.get("class") or "").split())))):
            # a column's label or frame, not a vendor's empty unit (or its wrapper); an ad
            # server's <ins> tag is such a unit by its own shape, whoever serves it, and so
            # is a div the site's ad code fills by its id, empty (`div.ad-container
            # #content-cards-rail` beside a widget in a hidden rail; a frame is no such box,
            # nor a known unit's twin of another breakpoint, `column_classes`)
            continue
        if _fallback_after(el, known):
            continue  # the tag's script half: its noscript twin after it is the placement
        if _fallback_of_script(el, known):
            continue  # the noscript half of a tag whose script is the placement
        if _label_beside(el, units, advertising, wrappers, layout):
            continue  # the "Advertisement" line over a unit: the unit is the placement
        captioned = _box_before_label(el, advertising)
        if captioned is not None:
            if captioned in known or captioned in placed or captioned in labelled:
                continue  # the box is a placement already, this its caption
            labelled.add(captioned)
            el = captioned  # the caption under an empty unit: the unit is the placement
        network = network_of.get(el) or next(
            (network_of[d] for d in el.iterdescendants() if d in network_of), None
        ) or catalogue.named_in_markup(el) or _named_inside(el, hit_elements, catalogue) \
            or _ad_link_network(el, catalogue) or linked or _widget_named(el, catalogue) \
            or (_loader_after(el, network_of) if rule == INS_TAG_RULE else None) \
            or _tag_configured_in(el, signed)
        if network is not None and _share_box(el, network, network_of, advertising):
            continue  # a share tool's buttons a site's rule hides: no ad placement
        if network is None and _empty_placeholder(el, page):
            continue  # a theme's wrapper left empty: no vendor, no size, nothing fills it
        if network is None and _id_taken(el, page):
            continue  # the code filling a box by its id fills the first box of that id
        if network is None and _follow_box(el, first_party, catalogue):
            continue  # the site's follow-us links in a box a generic rule's class hides
        width, height = unit_size(el)
        zone = _link_zone(about if about is not None else el, network) if network else None
        out.append(FoundSlot(el, network, rule, list_name, width=width, height=height,
                             zone_id=zone,
                             id_kind=_link_zone_kind(network) if network and zone else None))
    return out


def adsense_own_unfilled(el: etree._Element) -> bool:
    """Whether an AdSense `<ins>` is one its loader wrote for itself and showed no ad in:
    classed `adsbygoogle-noablate` (the class adsbygoogle.js gives the units it makes), with
    no publisher client (every unit it places for a publisher, Auto ads' too, carries
    `data-ad-client`) and no ad unit of the publisher's (`data-ad-slot`: a unit the page
    declares, its client perhaps handed over in the push's `google_ad_client`), marked
    `data-ad-status="unfilled"` (AdSense's documented mark of a unit it showed no ad in;
    "Hide unfilled ad units", support.google.com/adsense/answer/10762946). No placement of
    the page's, though the catalogue's AdSense selector (`ins.adsbygoogle`) and a list's
    rule (EasyList's `##.adsbygoogle-noablate`) match it.

    >>> from lxml import html
    >>> adsense_own_unfilled(html.fromstring(
    ...     '<ins class="adsbygoogle adsbygoogle-noablate" data-ad-status="unfilled"></ins>'))
    True
    >>> adsense_own_unfilled(html.fromstring('<ins class="adsbygoogle adsbygoogle-noablate" '
    ...     'data-ad-client="ca-pub-4417820593612278" data-ad-status="unfilled"></ins>'))
    False
    """
    return (str(el.tag).lower() == "ins"
            and "adsbygoogle-noablate" in (el.get("class") or "").split()
            and not (el.get("data-ad-client") or "").strip()
            and not (el.get("data-ad-slot") or "").strip()
            and (el.get("data-ad-status") or "").strip().lower() == "unfilled")


def _id_taken(el: etree._Element, page: ParsedPage) -> bool:
    """Whether an empty box's id is an earlier element's: the code that fills a box by its
    id (`getElementById`) fills that first one, and this one stays empty (a theme's second
    `div.adunit#Badge1` after the list of badges that holds the first). A box configured
    otherwise than the first (`data-position="articleBottom"` under the id of the
    `data-position="rightside"` box above: a CMS template pasted twice) is a unit of its
    own: the code telling them apart reads that configuration, not the id. What the first
    box has beyond this one's is no other configuration: the code filling it marks it so
    (GPT's `data-google-query-id`, a lazy loader's `data-loaded` in a DOM save)."""
    own = el.get("id")
    if not own or len(el) or (el.text or "").strip():
        return False
    first = page.with_id(own)
    return (first is not None and first is not el
            and _data_of(el).items() <= _data_of(first).items())


def _data_of(el: etree._Element) -> dict[str, str]:
    """An element's `data-` attributes: the configuration its ad code reads."""
    return {str(k).lower(): str(v) for k, v in el.attrib.items()
            if str(k).lower().startswith("data-")}


def _loader_after(el: etree._Element, network_of: dict[etree._Element, Network]
                  ) -> Network | None:
    """The ad network whose loader is the element right after an `<ins>` tag (comments
    and blank text between them): the server's tag as its code pastes it, the tag then
    its script (`ins.mrg-tag` then myTarget's ads-async.js)."""
    after = el.getnext()
    while after is not None and not isinstance(after.tag, str):  # a comment
        after = after.getnext()
    if after is None or (el.tail or "").strip():
        return None
    network = network_of.get(after)
    return network if network is not None and network.shows_ads else None


def _serves_units(network: Network) -> bool:
    """Whether a network's own tag fills the box its script stands in: an ad network's, not
    an analytics snippet's (`gtag('config', …)`, Matomo's `_paq`), nor a header bidder's,
    which asks for bids the ad server's tag shows (Prebid.js's `pbjs.que`, Amazon's
    `apstag.init`, a real-time-config vendor of AMP's)."""
    return (network.shows_ads and network.category is Category.ADVERTISING
            and network.name != PREBID and not (network.amp_rtc and not network.amp))


def _tag_configured_in(el: etree._Element, signed: Sequence[Network]) -> Network | None:
    """The ad network whose tag a script of the hidden box's own configures (its inline
    signature): a box holding Rubicon's oz globals (`<div class="ad"><script>oz_api = …;
    oz_site = …;`) is Rubicon's unit though a site helper builds the loader elsewhere.
    Only the box's children are read: a page of nested boxes stays linear."""
    if not signed:
        return None
    for child in el:
        if child.tag == "script" and not child.get("src") and child.text:
            found = next((n for n in signed if n.configured_in(child.text)), None)
            if found is not None:
                return found
    return None


class _NearestAbove:
    """The nearest ancestor of an element in `targets`, each element climbed once: a
    climb stops where an earlier one passed and takes its answer."""

    def __init__(self, targets: set[etree._Element]) -> None:
        self.targets = targets
        self.memo: dict[etree._Element, etree._Element | None] = {}  # non-target: its answer

    def __call__(self, el: etree._Element) -> etree._Element | None:
        climbed: list[etree._Element] = []
        node = el.getparent()
        found: etree._Element | None = None
        while node is not None:
            if node in self.targets:
                found = node
                break
            if node in self.memo:
                found = self.memo[node]
                break
            climbed.append(node)
            node = node.getparent()
        for step in climbed:
            self.memo[step] = found
        return found


def _ad_link_network(el: etree._Element, catalogue: Catalogue) -> Network | None:
    """The advertising network a hidden link itself points at: a list hides A-ADS' "Advertise
    here" link (`##[href^="https://aads.com/campaigns/"]`) wherever the site put it, and the
    link names whose it is. Only a link (`<a href>`) to a network that shows ads."""
    if str(el.tag).lower() != "a":
        return None
    href = el.get("href") or ""
    network = catalogue.network_for(href, host_of(href)) if href.startswith(
        ("http://", "https://", "//")) else None
    return network if network is not None and network.category is Category.ADVERTISING \
        and network.shows_ads else None


def _vendor_link_beside(el: etree._Element,
                       beside: dict[etree._Element, dict[str, set[str | None]]],
                       catalogue: Catalogue) -> bool:
    """Whether a hidden link is its vendor's own, written beside its unit: A-ADS's ad unit
    code puts an "Advertise here" link to aads.com under its frame, both in one wrapper (or
    a site moves it right after the wrapper). A list hides both; they are one placement,
    the unit. A link naming another unit than those beside it (its `source_id`) is that
    unit's, left where a site pasted it: a placement of its own. `beside`: the networks of
    the known units, by each unit and its parent, with their zones."""
    if str(el.tag).lower() != "a":
        return False
    parent, before = el.getparent(), el.getprevious()
    while before is not None and not isinstance(before.tag, str):  # a comment
        before = before.getprevious()
    href = el.get("href") or ""
    network = catalogue.network_for(href, host_of(href))
    if network is None:
        return False
    zones = (beside.get(parent, {}).get(network.name, set()) if parent is not None else set()
             ) | (beside.get(before, {}).get(network.name, set()) if before is not None else set())
    if not zones:
        return False
    link_zone = _link_zone(el, network)
    return link_zone is None or None in zones or link_zone in zones


def _link_zone(link: etree._Element, network: Network) -> str | None:
    """The unit a network's own link names (A-ADS' `…/campaigns/new/?source_id=<unit>`):
    the first of the network's URL ID patterns of its slots' kind that reads the href."""
    href = link.get("href") or "" if str(link.tag).lower() == "a" else ""
    kind = _link_zone_kind(network)
    if not href or kind is None:
        return None
    return next((m.group(1) for spec in network.ids if spec.where == "url" and spec.kind == kind
                 and (m := spec.pattern.search(href)) is not None), None)


def _link_zone_kind(network: Network) -> str | None:
    """The ID kind a network's slots carry: what its own link's unit is read as."""
    return next((s.id_kind for s in network.slots if s.id_kind), None)


# A link about the site's advertising, not an ad: the AdChoices notice the industry's
# self-regulation program has sites link to (`<a class="ad_choices" href="…/privacy#…">Ad
# Choices</a>`) and the site's ad-sales link (`<a class="advertise-link">Advertise With
# Us</a>`), which generic rules (`##.ad_choices`, `##.advertise-link`) hide by their class.
_ABOUT_ADS_TEXT = lazy_regex(
    r"(?:ad\s?choices|advertise(?:\s+(?:with|on)\s+us|\s+here)?|advertising"
    r"(?:\s+(?:info|information|opportunities))?|media\s+kit)", re.I)
# "Advertise with <the site's name>" is its ad-sales link where the link stays on the site
# (or goes to an ad network, whose own link it is); off the site those words are an ad's
# own copy ("Advertise with confidence today", a direct-sold text ad to its sponsor)
_ADVERTISE_WITH = lazy_regex(r"advertise\s+(?:with|on)(?:\s+\S+){1,3}", re.I)
# an ad network's own link under its unit ("Advertise here" to aads.com); the same words on
# a box of the site's own are its unsold spot's filler, the placement still
_ADVERTISE_HERE = lazy_regex(r"advertise\s+here", re.I)
_ABOUT_ADS_TEXT_MAX = 40
_ABOUT_ADS_NODES = 8  # a link, its wrapper and an icon or two
_SHOWS_MEDIA = frozenset({"img", "picture", "svg", "iframe", "frame", "ins", "object",
                          "embed", "video", "canvas", "script"})


def _about_advertising(el: etree._Element, first_party: str | None,
                       catalogue: Catalogue) -> etree._Element | None:
    """The link, when a hidden element is only a link about advertising
    (`_ABOUT_ADS_TEXT`, or `_ADVERTISE_WITH` on a link that stays on the page's site or
    goes to an ad network; "Advertise here" only on a network's link, `_ADVERTISE_HERE`):
    its text, all of it in a link, names it, and it holds nothing
    an ad shows in (an image, a frame, a script). The caller asks where the link points (a
    wrapper round a network's own "Advertise with …" link is that network's, as the bare
    link is). A few elements at most: the walk stops there, so nested hidden boxes are not
    each read to their ends. `first_party`: the page's site, None when unknown (any link
    may then be the site's)."""
    nodes = list(islice(el.iter(), _ABOUT_ADS_NODES + 1))
    if len(nodes) > _ABOUT_ADS_NODES or any(
            str(n.tag).lower() in _SHOWS_MEDIA for n in nodes if isinstance(n.tag, str)):
        return None
    text = _words(el)
    if len(text) > _ABOUT_ADS_TEXT_MAX:
        return None
    fixed = _ABOUT_ADS_TEXT.fullmatch(text) is not None
    if not fixed and not _ADVERTISE_WITH.fullmatch(text):
        return None
    link = next((n for n in nodes if n.tag == "a" and n.get("href") is not None), None)
    if link is None or _words(link) != text:
        return None
    if _ADVERTISE_HERE.fullmatch(text):
        return link if _ad_link_network(link, catalogue) is not None else None
    if fixed or first_party is None:
        return link
    href = link.get("href") or ""
    host = host_of(href)
    return link if not host or not is_third_party(host, first_party) \
        or _sales_site(href, host, text) \
        or _ad_link_network(link, catalogue) is not None else None


_SALES_PATH = lazy_regex(r"advertis|media-?kit|ad-?sales", re.I)
_NAME_WORD = lazy_regex(r"[a-z0-9]{4,}")


def _sales_site(href: str, host: str, text: str) -> bool:
    """Whether an "Advertise with …" link off the page's site goes to the site that sells
    its ads (a group's or publisher's own): its path is an advertising page
    (`/advertising/`, `/media-kit`), or the words after "with" name the host it goes to
    ("Advertise with NewsGroup" to newsgroupmedia.example); an ad's copy names neither."""
    try:
        path = urlsplit(href).path
    except ValueError:  # a malformed address
        path = ""
    if _SALES_PATH.search(path[:300]):
        return True
    named = host.lower().replace(".", "").replace("-", "")
    return any(w in named for w in _NAME_WORD.findall(" ".join(text.lower().split()[2:])))


# A generic rule's class on the site's own "follow us" box (`div.row-ad` round its
# Twitter and Facebook links, `div.ad300` round "Follow Us": Twitter / Facebook / RSS): its
# links go to social networks' profiles or stay on the site (its feed), it shows nothing an
# ad shows in but the links' icons, and its own words are a heading at most. An ad's links
# go to its advertiser or its network, never only to a social profile.
_FOLLOW_NODES = 40  # a heading, a list of links and their icons
_FOLLOW_TEXT_MAX = 40  # characters of text outside the links ("Follow us on")
_FOLLOW_ICONS = frozenset({"img", "picture", "svg"})
# an icon's own declared area at most: a network's logo or a "Follow us" button (200x40);
# a banner's (234x60, 300x250, 728x90) is an ad's creative, whatever its link
_FOLLOW_ICON_AREA = 10_000
# a social network's link redirector or shortener: it leads anywhere (an ad's click-through
# wrapped by the network), no profile of the site
_SOCIAL_REDIRECTS = frozenset({"t.co", "l.facebook.com", "lm.facebook.com", "l.instagram.com",
                               "lnkd.in"})
# a form's own parts (a newsletter's field and button): their ids are the form's, no ad's
_FORM_PARTS = frozenset({"input", "button", "select", "textarea", "label", "option", "br",
                         "hr"})
_URL_IN_HREF = lazy_regex(r"(?:https?:)?//[^\s'\"()<>]+", re.I)


def _own_area(node: etree._Element) -> int:
    """The area an element declares itself (`declared_size`: not `unit_size`, which reads
    its wrappers' styles too), 0 when it declares no two sides; its wrappers' sizes are the
    box's, not its."""
    width, height = declared_size(node)
    return width * height if width and height else 0


def _in_link(node: etree._Element, box: etree._Element) -> bool:
    """Whether an element of a box sits inside one of the box's links."""
    for up in node.iterancestors():
        if up is box:
            return False
        if up.tag == "a":
            return True
    return False


def _follow_box(el: etree._Element, first_party: str | None, catalogue: Catalogue) -> bool:
    """Whether a hidden box is the site's own follow-us links (above): one link to a
    social network's page at least (not its redirector), every other link on the site, no
    frame, script or tag an ad shows in, images only inside its links and an icon's size,
    no empty element a script fills (an id or data- attribute, or a custom element, outside
    the links: the ad a raw save has not loaded yet). A few dozen elements at most: the
    walk stops there, so each hidden box costs a bounded read. `first_party`: the page's
    site; None leaves only relative links the site's own."""
    nodes = list(islice(el.iter(), _FOLLOW_NODES + 1))
    if len(nodes) > _FOLLOW_NODES:
        return False
    social = False
    for node in nodes:
        if not isinstance(node.tag, str):
            continue
        tag = node.tag.lower()
        if tag in _SHOWS_MEDIA and not (tag in _FOLLOW_ICONS and _in_link(node, el)):
            return False
        if tag in _FOLLOW_ICONS or tag == "a":
            if _own_area(node) >= _FOLLOW_ICON_AREA:
                return False  # a banner, no icon
        elif node is not el and tag not in _FORM_PARTS and not len(node) \
                and not (node.text or "").strip() \
                and not _in_link(node, el) and ("-" in tag or any(
                    str(k) == "id" or str(k).startswith("data-") for k in node.attrib)):
            return False  # an empty box (or custom element) a script fills: the ad unloaded
        elif node is not el and not _in_link(node, el) and any(
                ad_attribute(str(k).lower(), "unit") for k in node.attrib):
            return False  # a box an ad server's attribute names (its label inside it)
        if tag != "a":
            continue
        href = (node.get("href") or "").strip()
        if href.lower().startswith(("http://", "https://", "//")):
            hosts = [host_of(href)]
        elif href.lower().startswith("javascript:"):  # window.open('https://…')
            hosts = [host_of(u) for u in _URL_IN_HREF.findall(href[:2000])]
        else:
            hosts = []
        for host in filter(None, hosts[:8]):
            entity = catalogue.entity_for(host)
            if entity is not None and entity.category is Category.SOCIAL \
                    and host.lower() not in _SOCIAL_REDIRECTS:
                social = True
            elif first_party is None or is_third_party(host, first_party):
                return False  # a link off the site to no social network: an ad's, maybe
    if not social:
        return False
    links = sum(len(_words(a).replace(" ", "")) for a in el.iter("a"))
    return len(_words(el).replace(" ", "")) - links <= _FOLLOW_TEXT_MAX


_SHARE_SHOWS = frozenset({"iframe", "frame", "ins", "object", "embed", "video", "canvas"})


def _share_box(el: etree._Element, network: Network, network_of: dict[etree._Element, Network],
               advertising: frozenset[etree._Element]) -> bool:
    """Whether a hidden box a share tool's vendor names (a `social` network of the
    catalogue: AddThis, ShareThis) holds only that tool: its buttons, its loader, text and
    icons, and nothing an ad shows in (a frame, an `<ins>`, a loader whose requests show
    ads or an ad vendor's, an image larger than an icon). A site's own cosmetic rule
    hiding its share bar (`##.articletoolset` round AddThis's toolbox) hides no placement.
    A few dozen elements at most, as `_follow_box` reads."""
    if network.category is not Category.SOCIAL:
        return False
    nodes = list(islice(el.iter(), _FOLLOW_NODES + 1))
    if len(nodes) > _FOLLOW_NODES:
        return False
    for node in nodes:
        if not isinstance(node.tag, str):
            continue
        if node.tag.lower() in _SHARE_SHOWS:
            return False
        owner = network_of.get(node)
        if owner is not None and owner.category is Category.SOCIAL:
            continue  # the tool's own loader
        if owner is not None or node in advertising:
            return False  # another vendor's code in the bar, or an ad's: its unit, maybe
        if node.tag.lower() in _FOLLOW_ICONS and _own_area(node) >= _FOLLOW_ICON_AREA:
            return False  # a banner, no icon
    return True


def _words(el: etree._Element) -> str:
    """An element's text, its runs of whitespace made one space."""
    return " ".join("".join(str(t) for t in el.itertext()).split())


def _ancestors(elements: Iterable[etree._Element]) -> set[etree._Element]:
    """Every ancestor of the elements, each walked once (a walk ends where another began)."""
    out: set[etree._Element] = set()
    for el in elements:
        parent = el.getparent()
        while parent is not None and parent not in out:
            out.add(parent)
            parent = parent.getparent()
    return out


_WRAPPER_LEVELS = 2  # a unit's box and the box round it; further up is the page's layout
_LAYOUT_LEVELS = 4  # … and the layout a bare label's unit sits in: an article's extras box


def _near_wrappers(elements: Iterable[etree._Element],
                   levels: int = _WRAPPER_LEVELS) -> set[etree._Element]:
    """The parents and grandparents of the elements (or `levels` of ancestors): the boxes a
    known slot renders in, which a label sits beside as it sits beside a hidden unit. A few
    levels a slot: linear."""
    out: set[etree._Element] = set()
    for el in elements:
        parent = el.getparent()
        for _ in range(levels):
            if parent is None:
                break
            out.add(parent)
            parent = parent.getparent()
    return out


def _named_inside(el: etree._Element, hit_elements: set[etree._Element],
                  catalogue: Catalogue) -> Network | None:
    """The vendor a hidden unit inside a hidden wrapper is named for by its id or class
    (`markup_words`): the wrapper is the placement (`<div class="topBannerAd"><div
    id="div-gpt-topBanner">`), the unit inside it says whose. Only a unit the lists hide
    too: a wrapper's other boxes (a label, a close button) name no one."""
    return next((found for d in el.iterdescendants() if d in hit_elements
                 and (found := catalogue.named_in_markup(d)) is not None), None)


_WIDGET_NODES = 200  # elements of a hidden box read for the widget it holds


def _widget_named(el: etree._Element, catalogue: Catalogue) -> Network | None:
    """The vendor a hidden box is named for by the widget it holds: an element whose id or
    class opens the vendor's `markup_words` (`<ul id="outbrain-recs">`) and a link to the
    vendor's own host (the widget's "Powered by" or "What is" disclosure) agreeing, both
    inside the box. Either alone names no one: a class is the site's to write, and a link
    to a vendor may be a story about it. The box's first `_WIDGET_NODES` elements are read."""
    named: Network | None = None
    linked: set[str] = set()
    for d in islice(el.iterdescendants(), _WIDGET_NODES):
        if not isinstance(d.tag, str):
            continue
        named = named or catalogue.named_in_markup(d)
        href = d.get("href") or "" if str(d.tag).lower() == "a" else ""
        if href.startswith(("http://", "https://", "//")) and (
                linked_to := catalogue.network_for(href, host_of(href))) is not None:
            linked.add(linked_to.name)
    return named if named is not None and named.name in linked else None


# the words a publisher prints over or under an ad unit (`<p class="advert-txt">Advertisement
# </p>` beside `<div class="ad">`), in the languages of the pages we read; a sponsored
# unit's line ("Presented by", its sponsor's logo the unit's creative) is its label too;
# so is the word with the reader's cue after it, the story going on past the ad
# ("Advertisement - story continues below", "Anzeige - Artikel wird unter der Anzeige
# fortgesetzt", "Publicité - la suite après la publicité")
AD_LABEL = lazy_regex(
    r"(?:-\s*)?(?:advertisements?|advertising|advertorial|ads?|sponsored(?:\s+content)?|"
    r"anzeigen?|werbung|publicit[ée]|publicidad|publicidade|pubblicit[àa]|an[úu]ncio|reklama|"
    r"reclame|advertentie|annonse?|mainos|広告|スポンサーリンク|"
    r"(?:presented|sponsored|supported|brought\s+to\s+you|paid\s+for)\s+by:?)"
    r"(?:\s*[-–—:|·•]?\s*(?:"
    r"(?:the\s+)?(?:story|article|content|text|post|page)\s+continues?\s+"
    r"(?:below|after\s+(?:the\s+|this\s+)?(?:ad|advertisement|advert))|"
    r"continue\s+reading\s+below|scroll\s+(?:down\s+)?to\s+continue(?:\s+reading)?|"
    r"(?:der\s+)?artikel\s+(?:geht\s+)?(?:wird\s+)?(?:unter|nach)\s+der\s+anzeige\s+"
    r"(?:fortgesetzt|weiter)|weiterlesen\s+nach\s+der\s+anzeige|"
    r"la\s+suite\s+apr[eè]s\s+(?:cette\s+|la\s+)?publicit[ée]|"
    r"(?:el\s+)?art[ií]culo\s+contin[úu]a\s+(?:abajo|debajo))\.*)?"
    r"(?:\s*-)?", re.I)
_LABEL_CHARS = 64  # the word and its cue ("Advertisement - Scroll to continue reading")
# what a label's line holds besides its text: inline formatting, no box a unit renders in
_LABEL_TAGS = frozenset({"span", "b", "strong", "em", "i", "small", "br", "font", "u"})


def _label_beside(el: etree._Element, hits: set[etree._Element],
                  advertising: frozenset[etree._Element],
                  wrappers: set[etree._Element] | frozenset[etree._Element] = frozenset(),
                  layout: set[etree._Element] | frozenset[etree._Element] = frozenset(),
                  ) -> bool:
    """Whether a hidden element is an ad's label and no placement: it is a label's line
    (`_label_line`), and the element just before or after it is another hidden element
    that is no such line: the unit it labels. EasyList hides both (`##.advert-txt`,
    `##.ad`), one ad. Two units side by side that each print the word in their box (`<div
    class="ad">Advertisement</div>` twice, before their scripts fill them) label no one:
    both stay placements; so does a unit printing the word beside an empty unit of its own
    tag and class (`div.ad#ad-top` beside `div.ad#ad-mid`): a label is marked up as a
    label, not as the unit's twin. Beside one of `wrappers` (the box round a known unit,
    not hidden itself) a box marked up as a unit (`_unit_markup`: a sidebar's second
    `div#sidebar-ad-2` declaring its size, "Advertisement" printed until its code fills it)
    is that second unit, not the first's label. A bare label (`_bare_label`: a class at
    most, no id, `data-` attribute or size a unit's code would read) labels the box of
    `layout` beside it too, a known unit a few levels inside it: marked up as no unit, it
    is no placement of its own. Only the next elements, each read a few nodes deep: a page
    of labels, or of labels nested in labels, stays linear."""
    if el in advertising or not _label_line(el):
        return False
    bare = _bare_label(el)
    for step in (etree._Element.getprevious, etree._Element.getnext):
        sib = step(el)
        while sib is not None and not isinstance(sib.tag, str):
            sib = step(sib)  # a comment between them
        if sib is None or _label_line(sib):
            continue
        if sib in hits and not _unit_twins(el, sib) and not (sib in wrappers and _unit_markup(el)):
            return True
        if bare and sib in layout:
            return True
    return False


def _box_before_label(el: etree._Element,
                      advertising: frozenset[etree._Element]) -> etree._Element | None:
    """The empty unit box an ad's caption is written right after, if any: a hidden line
    of the word alone (`_label_line`: `<p class="ad-box-caption">Advertisement</p>`) whose
    element just before it (comments and blank text between) is an empty box with an id
    its ad code fills (`_empty_unit_box`: `<div id="3102476"></div>`), which no list hides
    until the code fills it. The caption prints under the ad it labels; the box is the
    placement. One sibling read: linear."""
    if el in advertising or not _label_line(el):
        return None
    before = el.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()  # a comment between them
    if before is None or (before.tail or "").strip() or before in advertising \
            or str(before.tag).lower() not in _CAPTIONED_BOXES or not _empty_unit_box(before):
        return None
    return before


_CAPTIONED_BOXES = frozenset({"div", "ins", "aside", "section"})


def _bare_label(el: etree._Element) -> bool:
    """Whether a label's line carries no markup a unit's code reads: no id, no `data-`
    attribute, no declared size (`<p class="ad-notice-small">`)."""
    return not el.get("id") and not any(str(k).startswith("data-") for k in el.attrib) \
        and unit_size(el) == (None, None)


def _unit_markup(el: etree._Element) -> bool:
    """Whether a box printing an ad's word is marked up as a unit, not a label: an id its
    code fills and either a `data-` attribute or a declared size (a label carries a class,
    at most an id of its own)."""
    return bool(el.get("id")) and (
        any(str(k).startswith("data-") for k in el.attrib) or unit_size(el) != (None, None))


def _unit_twins(a: etree._Element, b: etree._Element) -> bool:
    """Whether two elements are marked up alike as units: one tag, one class list (not
    none), and each an id of its own."""
    classes = (a.get("class") or "").split()
    return bool(classes) and a.tag == b.tag and classes == (b.get("class") or "").split() \
        and bool(a.get("id")) and bool(b.get("id")) and a.get("id") != b.get("id")


_LABEL_NODES = 8  # a label's line: its element and a few inline ones


def _label_line(el: etree._Element) -> bool:
    """Whether an element is a line of an ad label's word alone (`AD_LABEL`), holding
    nothing but inline text (a wrapper holding the unit's own box and the word is the
    placement), or the word as a link to the page selling the site's ads (`_sales_label`).
    At most `_LABEL_NODES` elements are read: a label is short."""
    nodes = list(islice(el.iter(), _LABEL_NODES + 1))
    if len(nodes) > _LABEL_NODES or any(
            n.tag not in _LABEL_TAGS and not _sales_label(n)
            for n in nodes[1:] if isinstance(n.tag, str)):
        return False
    text = _words(el)
    return bool(text) and len(text) <= _LABEL_CHARS and AD_LABEL.fullmatch(text) is not None


def _sales_label(el: etree._Element) -> bool:
    """Whether an element of a label's line is a link to an advertising page (`_SALES_PATH`:
    `<small><a href="/advertise/">Advertisement</a></small>`, the word over the unit linked
    to where the site sells its ads): the label's word, not an ad's link (an ad's goes to
    its advertiser); the caller reads the line's words."""
    if el.tag != "a":
        return False
    try:
        path = urlsplit(el.get("href") or "").path
    except ValueError:  # a malformed address
        return False
    return _SALES_PATH.search(path[:300]) is not None


def _fallback_after(el: etree._Element, known: set[etree._Element]) -> bool:
    """Whether a hidden container holds a tag's script and the `<noscript>` right after it
    (its next element) holds a slot we know: the tag's no-JavaScript fallback written
    beside its container instead of inside it (a site's DART helper: `<div class="dc-ad">
    <script>document.write(renderAdPosition(…))</script></div><noscript>…/ad/…</noscript>`).
    A browser shows one of the two, so they are one placement, cited at the fallback that
    names the ad server and zone."""
    if next(el.iter("script", "SCRIPT"), None) is None:
        return False
    after = el.getnext()
    while after is not None and not isinstance(after.tag, str):  # a comment
        after = after.getnext()
    if after is None or str(after.tag).lower() != "noscript":
        return False
    return any(_is_inside(k, {after}) for k in known)


_FALLBACK_LEVELS = 3  # levels from a hidden link or image up to its <noscript>


def _fallback_of_script(el: etree._Element, known: set[etree._Element]) -> bool:
    """Whether a hidden element is in the `<noscript>` right after a script that is a slot we
    know: that tag's no-JavaScript fallback (GPT's passback script, then `<noscript><a
    href="https://pubads.g.doubleclick.net/gampad/jump?iu=…"><img …></a></noscript>`). A
    browser shows one of the two: one placement, the script's. A few levels up only."""
    for level, above in enumerate(el.iterancestors()):
        if level >= _FALLBACK_LEVELS:
            return False
        if str(above.tag).lower() == "noscript":
            before = above.getprevious()
            while before is not None and not isinstance(before.tag, str):  # a comment
                before = before.getprevious()
            return before is not None and str(before.tag).lower() == "script" \
                and before in known
    return False


def _bands(hit_elements: set[etree._Element], network_of: dict[etree._Element, Network],
           catalogue: Catalogue) -> set[etree._Element]:
    """The hidden elements that are a band of units, not one: each outermost hidden element
    inside it is a vendor's unit with a size of its own (a header band round a leaderboard
    and an MPU, each its own GPT div with `data-width`/`data-height`), or an empty box with
    an id of its own that the site's ad code fills (`section#adv_network` round
    `div.adunit#Leaderboard` and `div.adunit#Tile1`). Two or more such, and nothing else
    hidden in the band, make the units the placements; a wrapper round one unit, or round
    a unit and anything else (its label, a box with text), stays the one slot it was."""
    tops: dict[etree._Element, list[etree._Element]] = {}  # hit -> the hits just inside it
    above = _NearestAbove(hit_elements)
    for el in hit_elements:
        holder = above(el)
        if holder is not None:
            tops.setdefault(holder, []).append(el)
    return {el for el, units in tops.items()
            if len(units) >= 2 and (
                all(_sized_unit(u, network_of, catalogue) for u in units)
                or (all(_empty_unit_box(u) for u in units) and not _breakpoint_twins(units)
                    and not _turns(el, units)))}


# what tells one placement's breakpoint boxes apart: a device (`header-mobile-ad` beside
# `adtech-banner-ad`) or the size each shows at (`yrailTop300x250_frame` beside
# `yrailTop320x50_frame`)
_DEVICE_WORD = lazy_regex(r"mobile|desktop|tablet|phone", re.I)
_SIZE_WORD = lazy_regex(r"\d{2,4}x\d{2,4}", re.I)


# what names a rotation of one placement: a carousel's or slider's slides
_TURN_WORD = lazy_regex(r"slide|carousel|rotat|swiper|slick|ticker", re.I)


def _turns(holder: etree._Element, boxes: Sequence[etree._Element]) -> bool:
    """Whether empty unit boxes are one placement's turns in a carousel, not units of their
    own: the band or a box names a slider by its id or class (`div.ad-carousel` round
    `#slide-1`, `#slide-2`, `#slide-3`)."""
    return any(_TURN_WORD.search(f"{e.get('id') or ''} {e.get('class') or ''}")
               for e in (holder, *boxes))


def _breakpoint_twins(boxes: Sequence[etree._Element]) -> bool:
    """Whether empty unit boxes are one placement's versions per screen, not units of their
    own: an id names a device, two ids are one once their sizes are left out, or two boxes
    share the value of a `data-` attribute naming a placement (`data-cb-ad-id`,
    `data-slot`: the placement both stand for); a shared area (`data-area="sidebar"`
    round `#sidebar-ad-1` and `#sidebar-ad-2`) is where both stand, each its own."""
    ids = [(b.get("id") or "").lower() for b in boxes]
    if any(_DEVICE_WORD.search(i) for i in ids):
        return True
    if len({_SIZE_WORD.sub("", i) for i in ids}) < len(ids):
        return True
    screens = [_devices_named(b) for b in boxes]
    if all(screens) and len(set(screens)) > 1:
        return True  # `data-breakpoint="mobile"` beside `"desktop"`, `visible-xs` classes
    values = [v for b in boxes for k, v in b.attrib.items() if v and _names_placement(str(k))]
    return len(set(values)) < len(values)


# a device or a breakpoint a box is shown on, a word of its class or a `data-` value whole
# (`mobile`, `hidden-xs`, `desktop-only`, `medium_up`; not `nomobilead`, a theme's word)
# (`ad-mobile`, `desktop-ad`, `mobile-hide`: a theme's box per screen; Bootstrap 4's
# `d-md-block` beside `d-md-none`; Foundation's `hide-for-small-only`; Ad Inserter's
# `ai-viewport-1` to `-3`, its desktop, tablet and phone blocks)
_SCREEN_WORD = lazy_regex(
    r"(?:(?:visible|hidden|show|hide|only|is|ad|ads)[-_])?"
    r"(?:mobile|desktop|tablet|phone|xs|sm|md|lg|xl)"
    r"(?:[-_](?:only|up|down|ad|ads|hide|hidden|show|visible))?"
    r"|(?:small|medium|large)[-_](?:up|only|down)"
    r"|d-(?:sm|md|lg|xl|xxl)-(?:none|block|flex|inline|inline-block)"
    r"|(?:show|hide)-for-(?:small|medium|large|xlarge)(?:-only|-up|-down)?"
    r"|ai-viewport-[1-3]", re.I)


def _devices_named(box: etree._Element) -> frozenset[str]:
    """The devices and breakpoints a box's class words and `data-` values name."""
    words = (w for k, v in box.attrib.items()
             if str(k) == "class" or str(k).startswith("data-") for w in str(v).split())
    return frozenset(w.lower() for w in words if _SCREEN_WORD.fullmatch(w))


_PLACEMENT_PARTS = frozenset({"ad", "ads", "slot", "unit", "adunit", "adslot", "placement",
                              "zone", "pos", "position", "adid"})
# what names a thing by what it is called (`data-slot-name`, `data-cb-ad-id`): a placement's
# only after a placement word (`data-post-id`, `data-widget-id` name the post or widget
# every box of it carries); `data-id` alone names the box
_NAMING_PARTS = frozenset({"id", "name", "key", "code", "path"})


def _names_placement(attribute: str) -> bool:
    """Whether a `data-` attribute's name says its value is a placement's (`data-slot`,
    `data-cb-ad-id`, `data-slot-name`), not an area's or a style's (`data-area`,
    `data-theme`), nor a setting of the unit's (`data-ad-lazy`, `data-ad-size`,
    `data-ad-theme`: every unit of a theme may carry the same): the name's last word says.

    >>> _names_placement("data-cb-ad-id"), _names_placement("data-slot")
    (True, True)
    >>> _names_placement("data-area"), _names_placement("class")
    (False, False)
    >>> _names_placement("data-ad-lazy"), _names_placement("data-slot-name")
    (False, True)
    >>> _names_placement("data-post-id"), _names_placement("data-ad-id")
    (False, True)
    """
    if not attribute.startswith("data-"):
        return False
    parts = attribute.lower()[5:].split("-")
    return parts[-1] in _PLACEMENT_PARTS or parts == ["id"] or (
        parts[-1] in _NAMING_PARTS and any(p in _PLACEMENT_PARTS for p in parts[:-1]))


def _empty_unit_box(el: etree._Element) -> bool:
    """An ad unit's empty box: an id (what the site's ad code fills it by) and nothing
    inside, no element and no text. Its own children only: each is read once."""
    return bool((el.get("id") or "").strip()) and not (el.text or "").strip() and not any(
        isinstance(c.tag, str) or (c.tail or "").strip() for c in el)


def _sized_unit(el: etree._Element, network_of: dict[etree._Element, Network],
                catalogue: Catalogue) -> bool:
    """A vendor's unit that declares its own size in its attributes (not its wrapper's style)."""
    width, height = unit_attribute_size(el)
    if not (width and height):
        return False
    return el in network_of or catalogue.named_in_markup(el) is not None or any(
        d in network_of for d in el.iterdescendants())


_INERT = ("template", "noscript")  # markup the browser keeps but shows nothing of
_SHOWN_WITHOUT_SCRIPT = frozenset({"img", "iframe", "frame", "a", "object", "embed", "video"})


def without_inert_copies(found: Sequence[FoundSlot], page: ParsedPage) -> list[FoundSlot]:
    """The slots less the copies a CMS keeps of a live unit in markup nothing renders: a
    unit inside `<template>`, or a scripted unit (an `<ins>`, a `div` its script fills)
    inside `<noscript>`, which no script ever fills there, beside a live unit of the same
    network. A `<noscript>` image or frame is a no-script fallback (its own folds read
    it); a lone inert unit is kept, as what the page says it places."""
    inert: dict[etree._Element, str] = {}  # each element under one, read once
    for holder in page.root.iter(*_INERT):
        if holder not in inert:
            for el in holder.iterdescendants():
                inert[el] = str(holder.tag)
    live = {s.network.name for s in found if s.network is not None
            and s.element not in inert}
    return [s for s in found if not (
        s.element in inert and s.network is not None and s.network.name in live
        and (inert[s.element] == "template" or s.element.tag not in _SHOWN_WITHOUT_SCRIPT))]


def markup_bytes(el: etree._Element) -> int:
    """Bytes of an element's markup as served (UTF-8), without its tail text."""
    return len(etree.tostring(el, encoding="utf-8", with_tail=False, method="html"))


def markup_sizes(elements: Iterable[etree._Element]) -> dict[etree._Element, int]:
    """`markup_bytes` of each element, each byte of the markup serialised once: a box
    nested in a box is measured as part of its holder, so a page of boxes nested a
    thousand deep is not serialised a thousand times over (quadratic)."""
    targets = set(elements)
    holds: set[etree._Element] = set()  # the ancestors of a target, each climbed once
    for el in targets:
        parent = el.getparent()
        while parent is not None and parent not in holds:
            holds.add(parent)
            parent = parent.getparent()
    sizes: dict[etree._Element, int] = {}
    inner = holds | targets
    for el in targets:
        if el not in sizes:
            _measure(el, inner, sizes)
    return {el: sizes[el] for el in targets}


def _measure(top: etree._Element, inner: set[etree._Element],
             sizes: dict[etree._Element, int]) -> None:
    """Fill `sizes` for `top` and each element under it of `inner` (targets and their
    ancestors), from the bottom up (a loop, not recursion: hostile nesting is deeper than
    Python's stack): an element's bytes are its own tag and text and its children's."""
    stack: list[tuple[etree._Element, bool]] = [(top, False)]
    while stack:
        el, children_done = stack.pop()
        if el in sizes:
            continue
        measured = [c for c in el if c in inner and c not in sizes]
        if not children_done and measured:
            stack.append((el, True))
            stack.extend((c, False) for c in measured)
            continue
        sizes[el] = _own_bytes(el) + sum(
            sizes[c] + _tail_bytes(c) if c in sizes else _with_tail_bytes(c) for c in el)


def _own_bytes(el: etree._Element) -> int:
    """An element's start tag, text and end tag, serialised as `markup_bytes` does: a
    copy holding one empty comment where its children were (libxml2 leaves out an empty
    `li`'s end tag, so the copy is not left empty). An attribute with an empty value
    serialises as written (`hidden` or `hidden=""`), which a copy cannot tell: such an
    element is measured in place, its children set aside for the comment and put back
    (serialised whole, nested boxes each with `hidden` were quadratic)."""
    if len(el) == 0:
        return markup_bytes(el)
    if any(not value for value in el.attrib.values()):
        return _own_bytes_in_place(el)
    try:
        bare = el.makeelement(el.tag, {str(k): str(v) for k, v in el.attrib.items()})
    except (ValueError, TypeError):  # a name lxml will not build: measured in place
        return _own_bytes_in_place(el)
    bare.text = el.text
    bare.append(etree.Comment(""))
    return markup_bytes(bare) - len(b"<!---->")


def _own_bytes_in_place(el: etree._Element) -> int:
    """`_own_bytes` of `el` itself: its children (each with its tail) moved out for one
    empty comment while it is serialised, then moved back in order."""
    children = list(el)
    stand_in = etree.Comment("")
    el.insert(0, stand_in)
    try:
        for child in children:
            el.remove(child)
        return markup_bytes(el) - len(b"<!---->")
    finally:
        el.remove(stand_in)
        el.extend(children)


def _with_tail_bytes(el: etree._Element) -> int:
    return len(etree.tostring(el, encoding="utf-8", with_tail=True, method="html"))


def _tail_bytes(el: etree._Element) -> int:
    """An element's tail as it serialises (escaped), without the element."""
    if not el.tail:
        return 0
    carrier = etree.Element("b")
    carrier.tail = el.tail
    return _with_tail_bytes(carrier) - markup_bytes(carrier)


def freeze(slot: FoundSlot, page: ParsedPage,
           sizes: dict[etree._Element, int] | None = None) -> Slot:
    """The report's slot, cited at the line its start tag opens on; `sizes` from
    `markup_sizes` when many slots are frozen."""
    el = slot.element
    return Slot(
        network=slot.network.name if slot.network else None,
        line=page.start_line(el),
        xpath=page.xpath(el),
        rule=slot.rule,
        list=slot.list_name,
        zone_id=slot.zone_id,
        width=slot.width,
        height=slot.height,
        kind="ad",
        category=slot.network.category if slot.network else Category.ADVERTISING,
        markup_bytes=sizes[el] if sizes is not None and el in sizes else markup_bytes(el),
        company=slot.network.company if slot.network else slot.company,
    )
