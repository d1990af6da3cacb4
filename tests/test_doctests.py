"""Every example in the package's docstrings runs, and says what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import auditor

MODULES = sorted(m.name for m in pkgutil.walk_packages(auditor.__path__, "auditor.")
                 if m.name != "auditor.__main__")


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples(module: str) -> None:
    assert doctest.testmod(importlib.import_module(module)).failed == 0


def test_the_examples_are_found() -> None:
    """A module renamed or a walk that stopped finding packages would pass vacuously."""
    examples = sum(len(t.examples) for m in MODULES
                   for t in doctest.DocTestFinder().find(importlib.import_module(m)))
    assert len(MODULES) > 100 and examples > 100
