"""How a row cites what it saw: a `Hit` is a phrase or setting and its line, and every
row counts, quotes and clips its hits the same way. The phrase scans over visible text
(`auditor.dom.textscan`) are turned into hits here, for the rows that read phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import re2  # type: ignore[import-untyped]

from auditor.dom.page import ParsedPage
from auditor.dom.parser import line_at
from auditor.dom.textscan import Scan, scan_markup, visible
from auditor.model import Basis, Indicator

ANA = "ANA/4A's/WFA/ISBA 2023"
BETTER_ADS = "Coalition for Better Ads"
NEWSGUARD = "NewsGuard"
JOUNCE = "Jounce Media"
OURS = "ours"
SHOWN = 3  # evidence items shown per row


class Hit(NamedTuple):
    """One piece of evidence: what was seen, and the line it is on (0: the page's URL)."""

    text: str
    line: int


def unknowable(criterion: str, threshold: str, source: str, why: str) -> Indicator:
    return Indicator(criterion, "—", threshold, source, Basis.UNKNOWABLE, None, why)


def count(hits: Sequence[object], noun: str, plural: str = "") -> str:
    n = len(hits)
    return f"{n} {noun if n == 1 else plural or noun + 's'}" if n else "none"


def cite(hits: Sequence[Hit]) -> str:
    shown = [f"line {h.line}: {h.text}" if h.line else h.text for h in hits[:SHOWN]]
    more = f"; and {len(hits) - SHOWN} more" if len(hits) > SHOWN else ""
    return "; ".join(shown) + more


def clip(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unique(hits: Iterable[Hit]) -> list[Hit]:
    seen: dict[str, Hit] = {}
    for h in hits:
        seen.setdefault(h.text, h)
    return list(seen.values())


# Python's `\s` over text, spelled out for RE2 (whose `\s` is ASCII only): a gate that
# stands for a pattern's `\s` must match every character it does
PY_SPACE = (r"[\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
            r"\x{202f}\x{205f}\x{3000}]")


def gate(source: str) -> Any:
    """An RE2 pattern over a page's UTF-8 markup that matches wherever the Python pattern
    it stands for would match in the text, starting where it starts (a looser one): ten
    times Python's speed, so most pages skip the Python pattern, and the rest read the
    text from the gate's first match on."""
    return re2.compile(source)


def text_hits(page: ParsedPage, pattern: re.Pattern[str], prefilter: Any = None
              ) -> list[Hit]:
    """Matches of a case-sensitive pattern in the page's visible text (see `_visible`);
    none when `prefilter` (a `gate`) finds nothing in the markup, and none before where
    it first matches."""
    start = 0
    if prefilter is not None:
        first = prefilter.search(page.markup)
        if first is None:
            return []
        # the markup is the text in UTF-8 (a NUL one U+FFFD): its characters up to the
        # match are the text's
        start = len(page.markup[:first.start()].decode("utf-8", "surrogatepass"))
    return _visible(page, ((m.group(), m.start()) for m in pattern.finditer(page.text, start)),
                    lambda pos: line_at(page.text, pos))


def scan_hits(page: ParsedPage, pattern: Scan, keep: Any = None) -> list[Hit]:
    """Matches of a lower-case pattern over the lowered markup, in its visible text."""
    low = page.lowered
    return _visible(page, scan_markup(page, pattern, keep),
                    lambda pos: line_at(low, pos))


def _visible(page: ParsedPage, found: Iterable[tuple[str, int]], line: Any) -> list[Hit]:
    """The visible candidates as evidence, a few more than a row shows."""
    out: list[Hit] = []
    for shown in visible(page, found):
        out.append(Hit(f"“{clip(shown.text, 80)}”", line(shown.pos)))
        if len(out) > SHOWN:
            break
    return unique(out)


def regex_hits(text: str, pattern: re.Pattern[str], keep: Any = None) -> list[Hit]:
    return unique(Hit(f"“{clip(m.group(), 80)}”", line_at(text, m.start()))
                  for m in pattern.finditer(text) if keep is None or keep(m))
