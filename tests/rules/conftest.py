"""Fixtures for the rule engine tests: small engines inline, the full lists once per session."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from scripts import load_script

from auditor.rules import Engine
from auditor.rules.engine import ListText, read_list

SYSTEM_DIR = Path("/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist")
FULL_LISTS = (SYSTEM_DIR / "easylist.txt", SYSTEM_DIR / "easyprivacy.txt")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the developer's real cache from tests."""
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "auditor-cache"))


@pytest.fixture(scope="session")
def full_texts() -> list[ListText]:
    if not all(p.is_file() for p in FULL_LISTS):
        pytest.skip("Debian's EasyList/EasyPrivacy (package webext-ublock-origin-chromium) absent")
    return [read_list(p) for p in FULL_LISTS]


@pytest.fixture(scope="session")
def full_engine(full_texts: list[ListText]) -> Engine:
    """EasyList + EasyPrivacy, compiled once per test session (no disk cache)."""
    return Engine.from_lists(full_texts, use_cache=False)


def load_bench_module(name: str) -> ModuleType:
    """Import a script from bench/ (not a package) by path."""
    return load_script(f"bench/{name}.py")
