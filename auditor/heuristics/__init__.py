"""Findings: what looks injected or malicious. One module per family of signs."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.heuristics import hidden, markup, miners, obfuscation, popunders, redirects
from auditor.heuristics.interface import Heuristic, PageContext
from auditor.model import Finding

HEURISTICS: tuple[Heuristic, ...] = (
    *markup.HEURISTICS,
    *obfuscation.HEURISTICS,
    *miners.HEURISTICS,
    *popunders.HEURISTICS,
    *redirects.HEURISTICS,
    *hidden.HEURISTICS,
)


def run_heuristics(ctx: PageContext, heuristics: Sequence[Heuristic] = HEURISTICS) -> list[Finding]:
    """Every heuristic's findings, once each (by id), in a stable order."""
    seen: dict[str, Finding] = {}
    for heuristic in heuristics:
        for item in heuristic(ctx):
            seen.setdefault(item.id, item)
    return sorted(seen.values(), key=lambda f: (-f.severity.rank, f.line, f.id))
