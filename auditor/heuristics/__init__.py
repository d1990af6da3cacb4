"""Findings: what looks injected or malicious. One module per family of signs.

Each module declares its heuristics (`HEURISTICS`) and the finding kinds they raise
(`KINDS`, `FindingKind`s with severities and help); this package collects both, so a
new kind is declared in its heuristic's module and nowhere else.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from auditor.heuristics import (
    adware,
    behaviour,
    fetched_markup,
    hidden,
    lookalikes,
    markup,
    miners,
    obfuscation,
    popunders,
    redirects,
)
from auditor.heuristics.interface import FindingKind, Heuristic, PageContext
from auditor.model import Finding

MODULES = (markup, obfuscation, miners, popunders, redirects, hidden, behaviour, fetched_markup,
           lookalikes, adware)
HEURISTICS: tuple[Heuristic, ...] = tuple(h for m in MODULES for h in m.HEURISTICS)
FINDING_KINDS: dict[str, FindingKind] = {k.name: k for m in MODULES for k in m.KINDS}


class UnknownKindError(ValueError):
    """A finding kind no heuristic declares (a policy's misspelt `fail_on_findings`)."""


def finding_kind(name: str) -> FindingKind:
    """The registered kind of that name; UnknownKindError says the nearest one.

    >>> finding_kind("hidden-iframe").default.value
    'high'
    >>> try:
    ...     finding_kind("hiden-iframe")
    ... except UnknownKindError as exc:
    ...     print(exc)
    unknown finding kind 'hiden-iframe' (did you mean 'hidden-iframe'?)
    """
    kind = FINDING_KINDS.get(name)
    if kind is None:
        near = difflib.get_close_matches(name, sorted(FINDING_KINDS), n=1)
        known = ", ".join(sorted(FINDING_KINDS))
        hint = f"did you mean {near[0]!r}?" if near else f"one of: {known}"
        raise UnknownKindError(f"unknown finding kind {name!r} ({hint})")
    return kind


def run_heuristics(ctx: PageContext, heuristics: Sequence[Heuristic] = HEURISTICS) -> list[Finding]:
    """Every heuristic's findings, once each (by id), in a stable order."""
    seen: dict[str, Finding] = {}
    for heuristic in heuristics:
        for item in heuristic(ctx):
            seen.setdefault(item.id, item)
    return sorted(seen.values(), key=lambda f: (-f.severity.rank, f.line, f.id))
