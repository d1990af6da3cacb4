"""How a row cites what it saw: a `Hit` is a phrase or setting and its line, and every
row counts, quotes and clips its hits the same way. The phrase scans over visible text
(`auditor.dom.textscan`) are turned into hits here, for the rows that read phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from auditor.dom.page import ParsedPage
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


def line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def unique(hits: Iterable[Hit]) -> list[Hit]:
    seen: dict[str, Hit] = {}
    for h in hits:
        seen.setdefault(h.text, h)
    return list(seen.values())


def text_hits(page: ParsedPage, pattern: re.Pattern[str]) -> list[Hit]:
    """Matches of a case-sensitive pattern in the page's visible text (see `_visible`)."""
    return _visible(page, ((m.group(), m.start()) for m in pattern.finditer(page.text)),
                    lambda pos: line_at(page.text, pos))


def scan_hits(page: ParsedPage, pattern: Scan, keep: Any = None) -> list[Hit]:
    """Matches of a lower-case pattern over the lowered markup, in its visible text."""
    low = page.lowered
    return _visible(page, scan_markup(page, pattern, keep),
                    lambda pos: low.count(b"\n", 0, pos) + 1)


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
