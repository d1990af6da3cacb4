"""The gate's types: a validated policy, the rules one page is judged by, its error.

Frozen, so the verdict (a pure function) cannot change what the policy file said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from auditor.errors import PolicyError
from auditor.model import Severity

__all__ = ["Override", "PageRules", "Policy", "PolicyError"]


@dataclass(frozen=True, slots=True)
class PageRules:
    """Every key that can differ per page (the top level, and what an override may set).

    Empty tuples and None mean "no such limit": a policy fails only on what it names.
    """

    first_party: tuple[str, ...] = ()
    allow_hosts: tuple[str, ...] = ()
    deny_hosts: tuple[str, ...] = ()
    allow_networks: tuple[str, ...] = ()
    deny_networks: tuple[str, ...] = ()
    allow_categories: tuple[str, ...] = ()
    deny_categories: tuple[str, ...] = ()
    max_ad_slots: int | None = None
    max_third_party_hosts: int | None = None
    max_ad_area_px: int | None = None
    min_content_to_ad_ratio: float | None = None
    max_mfa_indicators: int | None = None  # MFA scorecard indicators a page may meet
    fail_on_severity: Severity | None = None
    fail_on_findings: tuple[str, ...] = ()
    # an input the audit could not read fails the gate (clause "unreadable") unless a
    # policy says, in so many words, that it may pass: a gate must fail closed
    allow_unreadable: bool = False


@dataclass(frozen=True, slots=True)
class Override:
    """Keys that replace the top-level ones for pages whose path matches a glob."""

    index: int  # 1-based position in the file, for messages
    paths: tuple[str, ...]
    values: tuple[tuple[str, object], ...]  # (key, validated value), in file order


@dataclass(frozen=True, slots=True)
class Policy:
    """A policy file as loaded: page rules, overrides in order, and where pages live."""

    source: Path
    rules: PageRules = field(default_factory=PageRules)
    overrides: tuple[Override, ...] = ()
    base_url: str | None = None
    site_root: Path | None = None  # absolute; file inputs get paths relative to it
