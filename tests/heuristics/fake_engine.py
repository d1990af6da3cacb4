"""A tiny stand-in for auditor.rules.Engine: blocks by host suffix, hides nothing.

The heuristics are tested against the catalogue, not EasyList; this keeps them fast
and independent of the rule engine's state.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.model import NO_MATCH, ListInfo, Match, RequestType
from auditor.urls import host_of


class FakeEngine:
    """Blocks requests to the given domains (`||domain^` semantics) and nothing else."""

    def __init__(self, blocked: Sequence[str] = ()) -> None:
        self.blocked = tuple(blocked)

    @property
    def lists(self) -> tuple[ListInfo, ...]:
        return ()

    def match(self, url: str, source_url: str | None = None,
              type: str | RequestType = "other") -> Match:
        host = host_of(url)
        for domain in self.blocked:
            if host == domain or host.endswith("." + domain):
                return Match(blocked=True, rule=f"||{domain}^", list="fake")
        return NO_MATCH

    def cosmetic(self, root: object, hostname: str) -> list[object]:
        return []
