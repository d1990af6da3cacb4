"""The repo's scripts (bench/, reports/, examples/), imported by path for the tests
that check them: they are not packages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


def load_script(relative: str) -> ModuleType:
    """`relative` (e.g. "bench/accuracy.py") as a module named after its file, registered
    in sys.modules so its dataclasses and pickles resolve."""
    path = REPO / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
