"""Per-page audit time on the real corpus, this checkout against a baseline checkout.

Each side audits every corpus page (with its URL, engine and catalogue loaded once, not
timed) in its own process; the sides alternate for several rounds so that the machine's
slow and quick spells fall on both. The figure is the ratio of the medians of the
per-page medians, from one run, beside that of the quickest round's corpus (a machine's
noise only ever adds time, so the quickest round is the steadiest figure: four runs
minutes apart gave median-page ratios from 1.00 to 1.07 for a pair of trees whose
quickest in-process passes were 1% apart). Times are the worker's CPU time, which
another process's load on the machine moves far less than the wall clock.

Beside it, the fixed costs a caller of the API pays on every call, whatever the page:
the audit of a small page (a WordPress post body's size), and `auditor.audit(bytes)`
with no engine given, which finds and loads the filter lists (memoised) at each call;
and what a pre-commit hook or a CI gate pays per file: the CPU time of a whole
`python -m auditor audit <the bundled example> --format json --no-system-lists` process,
start-up included.

    git worktree add /tmp/base <commit>
    python bench/audit_time.py --against /tmp/base [--rounds 4]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

WORKER = r"""
import json, sys, time
from pathlib import Path
from auditor.catalogue import default_catalogue
import auditor.pipeline as pipeline
from auditor.pipeline import audit, default_engine
corpus = Path(sys.argv[1])
urls = json.loads((corpus / "urls.json").read_text(encoding="utf-8"))
engine, catalogue = default_engine(), default_catalogue()
getattr(pipeline, "kept_for_the_run", lambda: None)()  # as the CLI and bulk workers run
out = {}
for name, url in sorted(urls.items()):
    start = time.process_time()
    audit(corpus / "pages" / name, url=url, engine=engine, catalogue=catalogue)
    out[name] = time.process_time() - start
small = b"<html><body><article><p>" + b"Some words of a post. " * 40 + b"</p></article></body>"
for label, call in (("(small page)", lambda: audit(small, engine=engine, catalogue=catalogue)),
                    ("(API call, no engine given)", lambda: audit(small))):
    call()
    start = time.process_time()
    for _ in range(200):
        call()
    out[label] = (time.process_time() - start) / 200
print(json.dumps(out))
"""


def _packages(checkout: Path, into: Path) -> Path:
    """A directory that imports `auditor` and `auditor_rules` from a checkout."""
    into.mkdir(parents=True, exist_ok=True)
    for name, target in (("auditor", checkout / "auditor"), ("auditor_rules", checkout / "rules")):
        link = into / name
        if not link.exists():
            link.symlink_to(target)
    return into


EXAMPLE = REPO / "examples" / "news-article.html"  # the same bytes for both sides


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _round(packages: Path, corpus: Path) -> dict[str, float]:
    env = {"PYTHONPATH": str(packages), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", WORKER, str(corpus)], capture_output=True,
                          text=True, check=True, cwd=packages, env=env)
    times: dict[str, float] = json.loads(done.stdout)
    before = _children_cpu()
    subprocess.run([sys.executable, "-m", "auditor", "audit", str(EXAMPLE), "--format", "json",
                    "--no-system-lists"], capture_output=True, check=False, cwd=packages,
                   env=env)
    times["(CLI process, one page)"] = _children_cpu() - before
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", type=Path, required=True, help="baseline checkout")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sides = {"baseline": _packages(args.against.resolve(), Path(tmp) / "baseline"),
                 "this": _packages(REPO, Path(tmp) / "this")}
        runs: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
        for _ in range(args.rounds):
            for side, packages in sides.items():
                runs[side].append(_round(packages, args.corpus))
    fixed = [name for name in runs["this"][0] if name.startswith("(")]  # not pages
    costs = {side: {name: statistics.median(r.get(name, 0.0) for r in rs) for name in fixed}
             for side, rs in runs.items()}
    pages = {side: [name for name in rs[0] if name not in fixed] for side, rs in runs.items()}
    medians = {side: statistics.median(statistics.median(r[name] for r in rs)
                                       for name in pages[side]) for side, rs in runs.items()}
    totals = {side: statistics.median(sum(r[name] for name in pages[side]) for r in rs)
              for side, rs in runs.items()}
    quickest = {side: min(sum(r[name] for name in pages[side]) for r in rs)
                for side, rs in runs.items()}
    for side in sides:
        print(f"{side:<9} median page {medians[side] * 1000:6.1f} ms   "
              f"corpus {totals[side]:5.2f} s   quickest corpus {quickest[side]:5.2f} s   "
              + "   ".join(f"{name} {costs[side][name] * 1000:.2f} ms" for name in fixed))
    print(f"ratio     median page {medians['this'] / medians['baseline']:.3f}   "
          f"corpus {totals['this'] / totals['baseline']:.3f}   "
          f"quickest corpus {quickest['this'] / quickest['baseline']:.3f}   "
          + "   ".join(f"{name} {costs['this'][name] / costs['baseline'][name]:.3f}"
                     for name in fixed if costs["baseline"][name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
