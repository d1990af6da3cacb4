"""Issue 13's figures, side by side in one run on the real corpus.

* lxml parse alone: `parse_html_bytes` on the bytes the audit parses;
* the full audit: `auditor.pipeline.audit` per page, engine and catalogue loaded once;
* each stage's share: a second pass with every function `auditor.pipeline` imports (and
  every engine method) wrapped in a timer, exclusive of the stages it calls, so pipeline
  code is measured as it stands; each of the page's views (`ParsedPage.view`,
  `.decoded`: built once, on the first ask, and read by several stages) is a stage of its
  own, "view <name>", not charged to whichever stage happens to ask first; so is the
  cyclic garbage collector's time, "(gc)": the pass's one full collection (about 1% of
  it) fell on whichever stage was allocating when it came due, and moved between trees
  (docs/BENCHMARKS.md's "sightings" 5.0% at a2be2d4 and "view scripts" 2.5% at c5b6162
  read 3.3% and 0.7% with the collector's time apart);
* `auditor bulk` with 1 and 2 workers on one per-record-gzip WARC of the corpus pages
  repeated under distinct URLs (built in a temporary directory, deleted afterwards),
  with each worker's peak RSS read from /proc.

The machine is shared and noisy: compare the ratios of one run, not times across runs.
`--against CHECKOUT` measures a baseline tree beside this one in the same run: each
round of parse + audit runs each tree in its own process, the trees alternating, and the
bulk runs alternate trees too, so slow and quick spells fall on both.

    python bench/bench_audit.py [--rounds 3] [--copies 19] [--bulk-rounds 2] [--json FILE]
                                [--against CHECKOUT]

`--bulk-rounds 0` stops after the stage shares: no WARC is built, no bulk run.
"""

from __future__ import annotations

import argparse
import functools
import gc
import inspect
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from audit_time import CORPUS, REPO
from audit_time import _packages as packages_of
from bench_bulk import bulk_run

TARGETS = {"audit_vs_parse": 5.0, "two_vs_one": 1.8, "pages_per_s_per_worker": 120.0,
           "worker_rss_mb": 250.0}
MAX_WARC_BYTES = 64_000_000


class StageClock:
    """Exclusive time per stage: a stage called inside another is not counted twice."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self._stack: list[list[Any]] = []  # [stage, started]

    def enter(self, stage: str) -> None:
        now = time.perf_counter()
        if self._stack:
            top = self._stack[-1]
            self.seconds[top[0]] += now - top[1]
        self._stack.append([stage, now])

    def leave(self) -> None:
        now = time.perf_counter()
        stage, started = self._stack.pop()
        self.seconds[stage] += now - started
        if self._stack:
            self._stack[-1][1] = now

    def collecting(self, phase: str, info: dict[str, int]) -> None:
        """A `gc.callbacks` hook: a collection is the stage "(gc)", not the one it
        interrupted."""
        if phase == "start":
            self.enter("(gc)")
        elif self._stack and self._stack[-1][0] == "(gc)":
            self.leave()

    def timed(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """`fn` timed under `stage`; a generator it returns is timed on every step."""

        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            self.enter(stage)
            try:
                out = fn(*args, **kwargs)
            finally:
                self.leave()
            return self._steps(stage, out) if inspect.isgenerator(out) else out

        return run

    def timed_view(self, view: Callable[..., Any]) -> Callable[..., Any]:
        """`ParsedPage.view` timed as the stage "view <its name>" (a tag's elements are
        one stage, "view tag")."""

        @functools.wraps(view)
        def run(page: Any, name: str, build: Callable[[], Any]) -> Any:
            self.enter(f"view {name.split(':')[0]}")
            try:
                return view(page, name, build)
            finally:
                self.leave()

        return run

    def _steps(self, stage: str, gen: Iterator[Any]) -> Iterator[Any]:
        while True:
            self.enter(stage)
            try:
                item = next(gen)
            except StopIteration:
                return
            finally:
                self.leave()
            yield item


class TimedEngine:
    """The rule engine with each method call timed as stage `engine.<method>`."""

    def __init__(self, engine: Any, clock: StageClock) -> None:
        self._engine, self._clock = engine, clock

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._engine, name)
        return self._clock.timed(f"engine.{name}", value) if callable(value) else value


def load_corpus(corpus: Path) -> list[tuple[str, Path, str, bytes]]:
    """(name, path, url, the bytes the audit parses) per page, in name order."""
    from auditor.dom.parser import html_bytes
    from auditor.readers import Document, read_source

    urls: dict[str, str] = json.loads((corpus / "urls.json").read_text(encoding="utf-8"))
    pages = []
    for name, url in sorted(urls.items()):
        path = corpus / "pages" / name
        doc = next(r for r in read_source(path, url) if isinstance(r, Document))
        pages.append((name, path, url, html_bytes(doc.text)))
    return pages


def time_pages(pages: list[tuple[str, Path, str, bytes]]) -> dict[str, tuple[float, float]]:
    """One round: page name -> (lxml parse, full audit) seconds, timed back to back."""
    import auditor.pipeline as pipeline
    from auditor.catalogue import default_catalogue
    from auditor.dom.parser import parse_html_bytes
    from auditor.pipeline import audit, default_engine

    engine, catalogue = default_engine(), default_catalogue()
    getattr(pipeline, "kept_for_the_run", lambda: None)()  # as the CLI and bulk workers run
    out: dict[str, tuple[float, float]] = {}
    for name, path, url, markup in pages:
        start = time.perf_counter()
        root = parse_html_bytes(markup)
        parsed = time.perf_counter() - start
        del root
        start = time.perf_counter()
        audit(path, url=url, engine=engine, catalogue=catalogue)
        out[name] = (parsed, time.perf_counter() - start)
    return out


def parse_and_audit(rounds: list[dict[str, tuple[float, float]]], median_bytes: float
                    ) -> dict[str, Any]:
    """Per-page medians over the rounds of the parse and the audit."""
    names = list(rounds[0])
    p = {n: statistics.median(r[n][0] for r in rounds) for n in names}
    a = {n: statistics.median(r[n][1] for r in rounds) for n in names}
    return {"pages": len(names), "rounds": len(rounds), "median_bytes": median_bytes,
            "parse_ms": statistics.median(p.values()) * 1000,
            "audit_ms": statistics.median(a.values()) * 1000,
            "audit_vs_parse": statistics.median(a.values()) / statistics.median(p.values()),
            "audit_vs_parse_per_page_median": statistics.median(a[n] / p[n] for n in p),
            "corpus_audit_s": sum(a.values()), "corpus_parse_s": sum(p.values()),
            "per_page_audit_s": a}


def _in_tree(packages: Path, corpus: Path, what: str) -> Any:
    """`what` ("round": `time_pages`, "stages": `stage_shares`) run by a process that
    imports `auditor` from `packages`: a tree's figures, measured as the others are."""
    done = subprocess.run([sys.executable, __file__, "--corpus", str(corpus), "--in-tree", what],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(packages)})
    return json.loads(done.stdout)


def stage_shares(pages: list[tuple[str, Path, str, bytes]]) -> dict[str, float]:
    """Share of the whole corpus's audit time per stage (one instrumented pass)."""
    import auditor.pipeline as pipeline
    from auditor.catalogue import default_catalogue
    from auditor.dom.page import ParsedPage

    clock = StageClock()
    engine, catalogue = TimedEngine(pipeline.default_engine(), clock), default_catalogue()
    getattr(pipeline, "kept_for_the_run", lambda: None)()  # as the CLI and bulk workers run
    wrapped = {name: fn for name, fn in vars(pipeline).items()
               if inspect.isfunction(fn) and fn.__module__ != pipeline.__name__}
    views = {name: vars(ParsedPage)[name] for name in ("view", "decoded")}
    try:
        for name, fn in wrapped.items():
            setattr(pipeline, name, clock.timed(name, fn))
        ParsedPage.view = clock.timed_view(views["view"])
        ParsedPage.decoded = clock.timed("view decoded", views["decoded"])
        pipeline.audit(pages[0][1], url=pages[0][2], engine=engine, catalogue=catalogue)
        clock.seconds.clear()  # the first page compiled selectors: not a stage's cost
        gc.callbacks.append(clock.collecting)
        start = time.perf_counter()
        for _name, path, url, _markup in pages:
            pipeline.audit(path, url=url, engine=engine, catalogue=catalogue)
        whole = time.perf_counter() - start
    finally:
        if clock.collecting in gc.callbacks:
            gc.callbacks.remove(clock.collecting)
        for name, fn in wrapped.items():
            setattr(pipeline, name, fn)
        for name, fn in views.items():
            setattr(ParsedPage, name, fn)
    shares = {stage: t / whole for stage, t in clock.seconds.most_common()}
    shares["(pipeline glue)"] = 1 - sum(shares.values())
    return shares


def build_warc(pages: list[tuple[str, Path, str, bytes]], copies: int, out: Path
               ) -> dict[str, int]:
    """The corpus pages `copies` times, each copy under its own URL, per-record gzip."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with out.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        writer.write_record(writer.create_warcinfo_record(out.name, {"software": "bench"}))
        for copy in range(copies):
            for _name, path, url, _markup in pages:
                body = path.read_bytes()
                distinct = f"{url}{'&' if '?' in url else '?'}copy={copy}" if copy else url
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                                   ("Content-Length", str(len(body)))],
                                        protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    distinct, "response", payload=io.BytesIO(body), http_headers=http,
                    length=len(body)))
    return {"records": 1 + copies * len(pages), "responses": copies * len(pages),
            "bytes": out.stat().st_size}


def bulk_side_by_side(pages: list[tuple[str, Path, str, bytes]], copies: int, rounds: int,
                      tmp: Path, trees: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """`auditor bulk` with 1 and 2 workers on one WARC, per tree (name -> packages), the
    runs interleaved: each round runs every worker count of every tree."""
    warc = tmp / "corpus.warc.gz"
    built = build_warc(pages, copies, warc)
    if built["bytes"] >= MAX_WARC_BYTES:
        raise SystemExit(f"the WARC is {built['bytes']} bytes, over {MAX_WARC_BYTES}: "
                         "lower --copies")
    from auditor.bulk.plan import identify, plan

    built["shards"] = len(plan([identify(warc)]))
    print(f"bulk: one WARC, {built['records']} records ({built['responses']} pages), "
          f"{built['bytes'] / 1e6:.1f} MB per-record gzip, {built['shards']} shards",
          flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    runs: dict[str, dict[int, list[dict[str, Any]]]] = {t: {1: [], 2: []} for t in trees}
    for _ in range(rounds):  # interleaved, so slow spells fall on every run
        for workers in (1, 2):
            for tree, packages in trees.items():
                run = bulk_run(warc, tmp / f"store-{tree}-{workers}.db", workers,
                               env={**os.environ, "PYTHONPATH": str(packages)})
                runs[tree][workers].append(run)
                label = f"{tree}, " if len(trees) > 1 else ""
                print(f"  {label}{workers} worker{'s' if workers > 1 else ' '}: "
                      f"{run['seconds']:6.1f} s  {run['pages_per_s']:6.1f} pages/s  "
                      f"{run['pages_per_s_per_worker']:6.1f} pages/s per worker  "
                      f"{run['pages_per_cpu_s']:5.1f} pages/CPU-s (parent "
                      f"{run['parent_cpu_s'] / run['cpu_s']:.0%} of the CPU; workers "
                      f"{_slash(run['worker_cpu_s'])} CPU-s)  "
                      f"worker peak RSS {run['worker_peak_rss_mb']:.0f} MB "
                      f"(at 25%: {_slash(run['worker_rss_at_25pct_mb'])}, at end: "
                      f"{_slash(run['worker_rss_at_end_mb'])}); load average "
                      f"{run['load_average_1min']:.1f}", flush=True)
                print(f"    {run['final_line']}", flush=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {tree: _bulk_figures(built, by_workers, max(before, after) / 1024)
            for tree, by_workers in runs.items()}


def _bulk_figures(built: dict[str, int], runs: dict[int, list[dict[str, Any]]],
                  any_rss_mb: float) -> dict[str, Any]:
    speed = {w: statistics.median(r["pages_per_s"] for r in rs) for w, rs in runs.items()}
    per_cpu = {w: statistics.median(r["pages_per_cpu_s"] for r in rs) for w, rs in runs.items()}
    per_worker_cpu = {w: statistics.median(r["pages_per_worker_cpu_s"] for r in rs)
                      for w, rs in runs.items()}
    return {"warc": built, "runs": runs,
            "pages_per_s": speed, "pages_per_cpu_s": per_cpu,
            "pages_per_worker_cpu_s": per_worker_cpu,
            "two_vs_one": speed[2] / speed[1],
            "pages_per_s_per_worker": {w: s / w for w, s in speed.items()},
            "worker_peak_rss_mb": max(r["worker_peak_rss_mb"] for rs in runs.values()
                                      for r in rs),
            "any_process_peak_rss_mb": any_rss_mb}


def _slash(values: list[float]) -> str:
    return "/".join(f"{v:.0f}" for v in values) or "-"


def _verdict(value: float, target: float, at_most: bool) -> str:
    ok = value <= target if at_most else value >= target
    return f"target {'≤' if at_most else '≥'} {target:g}: {'met' if ok else 'NOT met'}"


def _print_bulk(bulk: dict[str, Any]) -> None:
    per_worker = bulk["pages_per_s_per_worker"]
    print(f"  2 workers ÷ 1: {bulk['two_vs_one']:.2f}×   "
          f"{_verdict(bulk['two_vs_one'], TARGETS['two_vs_one'], False)}")
    print(f"  pages per CPU-second of the whole command (median): 1 worker "
          f"{bulk['pages_per_cpu_s'][1]:.1f}, 2 workers {bulk['pages_per_cpu_s'][2]:.1f}; "
          f"per worker CPU-second: {bulk['pages_per_worker_cpu_s'][1]:.1f}, "
          f"{bulk['pages_per_worker_cpu_s'][2]:.1f}")
    verdict = _verdict(per_worker[2], TARGETS["pages_per_s_per_worker"], False)
    print(f"  pages/s per worker (median): 1 worker {per_worker[1]:.1f}, 2 workers "
          f"{per_worker[2]:.1f}   {verdict}")
    print(f"  worker peak RSS {bulk['worker_peak_rss_mb']:.0f} MB   "
          f"{_verdict(bulk['worker_peak_rss_mb'], TARGETS['worker_rss_mb'], True)}; "
          f"any process of the runs {bulk['any_process_peak_rss_mb']:.0f} MB", flush=True)


def _print_audit(times: dict[str, Any]) -> None:
    print(f"  lxml parse   {times['parse_ms']:6.2f} ms   (corpus "
          f"{times['corpus_parse_s']:.2f} s)")
    print(f"  full audit   {times['audit_ms']:6.2f} ms   (corpus "
          f"{times['corpus_audit_s']:.2f} s)")
    print(f"  audit ÷ parse {times['audit_vs_parse']:.1f}× (median of per-page ratios "
          f"{times['audit_vs_parse_per_page_median']:.1f}×)   "
          f"{_verdict(times['audit_vs_parse'], TARGETS['audit_vs_parse'], True)}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of parse + audit")
    parser.add_argument("--copies", type=int, default=19, help="corpus copies in the WARC")
    parser.add_argument("--bulk-rounds", type=int, default=2,
                        help="bulk runs per worker count (0: skip bulk)")
    parser.add_argument("--against", type=Path, help="a baseline checkout, measured beside "
                        "this one in the same run")
    parser.add_argument("--json", type=Path, help="write every figure here as JSON")
    parser.add_argument("--in-tree", choices=("round", "stages"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_tree:  # one tree's figures, for `--against`: auditor is on PYTHONPATH
        pages = load_corpus(args.corpus)
        print(json.dumps(time_pages(pages) if args.in_tree == "round" else stage_shares(pages)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as name:
        tmp = Path(name)
        trees = {"this": packages_of(REPO, tmp / "packages")}
        if args.against:
            trees["baseline"] = packages_of(args.against.resolve(), tmp / "baseline")
        sys.path.insert(0, str(trees["this"]))  # this checkout's auditor and rules, here too
        import auditor

        print(f"auditor from {Path(auditor.__file__).resolve().parent}"
              + (f"; baseline {args.against.resolve()}" if args.against else ""), flush=True)
        pages = load_corpus(args.corpus)
        median_bytes = statistics.median(len(m) for *_, m in pages)
        rounds: dict[str, list[dict[str, Any]]] = {tree: [] for tree in trees}
        for _ in range(args.rounds):  # each tree in its own process, alternating
            for tree, packages in trees.items():
                rounds[tree].append(
                    _in_tree(packages, args.corpus, "round") if args.against
                    else time_pages(pages))
        times = {tree: parse_and_audit(r, median_bytes) for tree, r in rounds.items()}
        print(f"corpus: {len(pages)} pages, median {median_bytes / 1000:.0f} KB; "
              f"medians of per-page medians over {args.rounds} rounds")
        for tree, figures in times.items():
            if args.against:
                print(f"{tree}:")
            _print_audit(figures)
        if args.against:
            this, base = (times[t]["per_page_audit_s"] for t in ("this", "baseline"))
            print(f"this ÷ baseline: median page "
                  f"{statistics.median(this.values()) / statistics.median(base.values()):.3f}, "
                  f"corpus {sum(this.values()) / sum(base.values()):.3f}", flush=True)
        shares = {tree: _in_tree(packages, args.corpus, "stages") if args.against
                  else stage_shares(pages) for tree, packages in trees.items()}
        print("stages: share of the audit time over the corpus (instrumented pass)"
              + ("; this, baseline" if args.against else ""))
        for stage, share in shares["this"].items():
            others = [shares[t].get(stage, 0.0) for t in trees if t != "this"]
            if max([share, *others]) >= 0.005 or stage.startswith("("):
                print(f"  {stage:<24} {share * 100:5.1f}%"
                      + "".join(f"  {o * 100:5.1f}%" for o in others))
        print(flush=True)
        bulk = (bulk_side_by_side(pages, args.copies, args.bulk_rounds, tmp, trees)
                if args.bulk_rounds > 0 else None)  # 0: the audit figures alone
    for tree, figures in (bulk or {}).items():
        if args.against:
            print(f"{tree}:")
        _print_bulk(figures)
    if args.json:
        args.json.write_text(json.dumps({"audit": times, "stages": shares, "bulk": bulk},
                                        indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
