"""The rule engine of this checkout against a baseline checkout's, in one process.

    git worktree add /tmp/base <commit>
    python bench/rules_against.py --against /tmp/base [--rounds 5]

The baseline's `auditor` package is copied under another name (`auditor_base`, its
imports rewritten) so both engines load side by side; each round times, for one side
then the other (the order alternates), a cold load (parse and index, no cache), a warm
load (the compiled cache), the median per-URL `Engine.match` over `bench/urlset.py`'s
requests, and the cosmetic pass over the corpus pages. On a shared machine this ratio
drifts far less than one taken across processes run minutes apart. Loads and the
cosmetic pass are CPU time; matching is per-call `perf_counter`.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import inspect
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus"
LISTS = [
    "/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/easylist.txt",
    "/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/easyprivacy.txt",
]
_IMPORT = re.compile(r"\b(from|import) auditor\b")


def _alias(checkout: Path, into: Path) -> None:
    """`checkout`'s auditor as the package `auditor_base` under `into`."""
    target = into / "auditor_base"
    shutil.copytree(checkout / "auditor", target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.rglob("*.py"):
        path.write_text(_IMPORT.sub(r"\1 auditor_base", path.read_text()))


def _cosmetic(eng: Any, root: Any, host: str, html: bytes) -> Any:
    """The cosmetic pass in either side's API: before the page-views change (issue 13)
    an engine took `(root, host, source)`."""
    from auditor.rules import TreeViews

    if "page" in inspect.signature(eng.cosmetic).parameters:
        return eng.cosmetic(TreeViews(root, html), host)
    return eng.cosmetic(root, host, html)


def _round(engine_cls: Any, reqs: list[tuple[str, str, str]], pages: list[Any]) -> dict[str, float]:
    from auditor.dom.parser import parse_html_bytes

    clock = time.process_time
    out: dict[str, float] = {}
    t = clock()
    engine_cls.from_files(LISTS, use_cache=False)
    out["cold_s"] = clock() - t
    t = clock()
    eng = engine_cls.from_files(LISTS)
    out["warm_s"] = clock() - t
    for url, src, typ in reqs[:200]:
        eng.match(url, src, typ)
    pc = time.perf_counter
    times = []
    for url, src, typ in reqs:
        t0 = pc()
        eng.match(url, src, typ)
        times.append(pc() - t0)
    out["match_us"] = statistics.median(times) * 1e6
    for html, host in pages:  # compile the selectors the pages need
        _cosmetic(eng, parse_html_bytes(html), host, html)
    total = 0.0
    for html, host in pages:
        root = parse_html_bytes(html)
        t = clock()
        _cosmetic(eng, root, host, html)
        total += clock() - t
    out["cosmetic_s"] = total
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--against", type=Path, required=True, help="baseline checkout")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _alias(args.against.resolve(), Path(tmp))
        os.environ["AUDITOR_CACHE_DIR"] = str(Path(tmp) / "cache")
        sys.path[:0] = [str(REPO), tmp, str(HERE)]
        from urlset import generate

        sides = {
            "baseline": importlib.import_module("auditor_base.rules").Engine,
            "this": importlib.import_module("auditor.rules").Engine,
        }
        urls = json.loads((args.corpus / "urls.json").read_text(encoding="utf-8"))
        pages = [((args.corpus / "pages" / name).read_bytes(), urlsplit(url).hostname or "")
                 for name, url in sorted(urls.items())]
        reqs = generate(5000)
        for engine_cls in sides.values():
            engine_cls.from_files(LISTS)  # write each side's cache
        runs: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
        for r in range(args.rounds):
            order = list(sides) if r % 2 == 0 else list(reversed(sides))
            for side in order:
                runs[side].append(_round(sides[side], reqs, pages))
                gc.collect()
    for key in runs["this"][0]:
        base = statistics.median(row[key] for row in runs["baseline"])
        this = statistics.median(row[key] for row in runs["this"])
        print(f"{key:11s} baseline {base:9.4f}   this {this:9.4f}   ratio {this / base:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
