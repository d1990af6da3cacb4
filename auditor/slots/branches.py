"""Slots a page's scripts declare: GPT/DFP and wrapper calls, Prebid's ad units, and the
reading of the script's branches (`if`/`else`, `switch`, ternaries) that makes calls in
exclusive branches one placement."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import islice
from urllib.parse import unquote

from lxml import etree

from auditor import prebid
from auditor.catalogue import Catalogue, Network, ScriptSlotSpec
from auditor.dom.hiding import pixels, unit_size
from auditor.dom.inline_js import JS_MARKS, ShownText, code_tokens, holds_code, in_comment
from auditor.dom.page import ParsedPage
from auditor.lazy_re import lazy_regex
from auditor.needles import script_needles
from auditor.rules.literal import finditer
from auditor.slots.assigned import (
    _MARKUP_ID,
    Unplaced,
    _assigned_path,
    _markup_writer,
    _page_makes,
    _quoted_names,
    data_named,
    unplaced_units,
)
from auditor.slots.boxes import _GPT_RENDERED, _holds_any
from auditor.slots.found import _Draft, _holds_text, _is_inside

_JS_SIZE = lazy_regex(r"\[\s*(\d+)\s*,\s*(\d+)\s*\]")


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


# what may stand between a tag's two scripts: its loader, its no-JavaScript fallback
_BETWEEN_TWINS = frozenset({"script", "noscript"})


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
    if target is None and element_id and (target := _renamed_to(page, element_id)) is not None:
        # the box's own id names the unit: a call naming another of its new ids is this one
        key = target.get("id") or element_id
        if (known := by_id.get(key)) is not None:
            _fill_known(page, known, network, spec, zone, width, height, script)
            return []
    if target is None and element_id and (held := data_named(page, element_id)) is not None \
            and not _holds_text(held):
        target = held  # the placeholder the site's code gives the id its attribute names
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

# an element of the page given another id by its code, the statement naming both ids:
# `document.getElementById("ad-overlay").setAttribute("id", "ad-slideup")`
_RENAMED = lazy_regex(
    r"""getElementById\(\s*["']([\w.:-]{1,200})["']\s*\)[^;\n]{0,200}?"""
    r"""\.setAttribute\(\s*["']id["']\s*,\s*["']([\w.:-]{1,200})["']\s*\)""")
_RENAME_TOKENS = lazy_regex(JS_MARKS + r"|getElementById\(", re.MULTILINE)


def _renamed_to(page: ParsedPage, element_id: str) -> etree._Element | None:
    """The element the page holds that its code renames to this id (a site's one box for
    two out-of-page formats, its script choosing which at run time): the unit fills it.
    None where no such statement names a held element, or two held elements are renamed
    so (which one the unit fills is the run's to say)."""
    held = {el for old in page.view("ids renamed", lambda: _renames(page)).get(element_id, ())
            if (el := page.with_id(old)) is not None}
    return held.pop() if len(held) == 1 else None


def _renames(page: ParsedPage) -> dict[str, tuple[str, ...]]:
    """Each id the page's scripts give an element by renaming it, with the ids renamed;
    read once a page, led by the literal."""
    out: dict[str, list[str]] = {}
    for script in page.tagged("script"):
        text = script.text or ""
        if "setAttribute" not in text or not holds_code(script):
            continue
        renames = list(_RENAMED.finditer(text))
        # a statement in a comment or a string's prose renames nothing
        in_code = {m.start() for m in code_tokens(text, _RENAME_TOKENS)} if renames else set()
        for m in renames:
            if m.start() in in_code:
                out.setdefault(m.group(2), []).append(m.group(1))
    return {k: tuple(v) for k, v in out.items()}


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
    of the page's IDs (`unplaced_units`). A zone read from the comment before the unit's
    element (`zone_beside`) is the call's to replace: the comment may be stale."""
    if zone and (not known.zone_id or known.zone_beside or (
            not known.id_kind and spec.id_kind and known.network is network)):
        known.zone_id, known.id_kind = zone, spec.id_kind or known.id_kind
        known.zone_beside = False
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


# a target a script fills as `querySelector` would find it: one id or one class, nothing
# more (a descendant, attribute or list selector is left unread: the script is the slot)
_SIMPLE_SELECTOR = lazy_regex(r"\s*([#.])(-?[A-Za-z_][\w-]*)\s*")


def _simple_selector(selector: str) -> tuple[str | None, str | None]:
    """(id, class) a target selector names when it is `#id` or `.class` alone."""
    simple = _SIMPLE_SELECTOR.fullmatch(selector)
    if simple is None:
        return None, None
    return (simple.group(2), None) if simple.group(1) == "#" else (None, simple.group(2))
