"""The engines and catalogue the fuzz targets audit with, built once per process.

Plain functions, not fixtures: hypothesis prints a failing example's arguments, and a
catalogue's repr runs to pages.
"""

from __future__ import annotations

import functools

from auditor.catalogue import Catalogue, default_catalogue
from auditor.rules import Engine
from auditor.rules.sources import discover


@functools.cache
def audit_engine() -> Engine:
    """What `auditor audit` loads: the project's rules and, where installed, the system
    EasyList and EasyPrivacy (without them the audit is still fuzzed, on fewer rules)."""
    return Engine.load(system_lists=any(s.origin == "system" for s in discover()))


@functools.cache
def project_engine() -> Engine:
    """The project's rules alone: the bulk workers' engine in the fuzz targets
    (`EngineSpec(factory="fuzz.engines:project_engine")`)."""
    return Engine.load(system_lists=False)


@functools.cache
def catalogue() -> Catalogue:
    return default_catalogue()
