"""`auditor bulk` and `auditor report`: arguments and exit codes; the work is elsewhere.

Exit codes: 0 the run finished (failed records included, they are in the store);
2 usage error, unreadable input, bad store or list, a store another run is writing;
130 interrupted (resume with `--resume`).
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from auditor import interrupts
from auditor.cli_args import (
    HelpWithExamples,
    add_limit_arguments,
    file_path,
    named,
    named_path,
    output_path,
    page_limits,
    positive_int,
    store_path,
    terminal_width,
)
from auditor.errors import AuditorError, InputError, StoreError
from auditor.files import BinaryBytes, OverLimit, file_key, read_at_most, replacing_text
from auditor.lazy_re import lazy_regex

if TYPE_CHECKING:
    from auditor.bulk.collect import Collector
    from auditor.bulk.dask_engine import DaskClient
    from auditor.bulk.plan import InputFile, Shard
    from auditor.bulk.shard import EngineSpec
    from auditor.resources import RuleEngine

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130


class _Runner(Protocol):
    fatal: str | None

    def run(self, shards: list[Shard], collector: Collector) -> bool: ...
_SIZE = lazy_regex(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.I)


def parse_size(text: str) -> int:
    """`16M`, `16MiB`, `512k`, `1000000` → bytes.

    >>> parse_size("16MiB"), parse_size("512k"), parse_size("42")
    (16777216, 524288, 42)
    """
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 16M, 512k, 1G)")
    scale = 1024 ** " kmgt".index(match.group(2).lower() or " ")
    return int(float(match.group(1)) * scale)


def add_bulk_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    from auditor.readers.interface import DEFAULT_MAX_RECORD_BYTES

    p = subparsers.add_parser(
        "bulk", help="audit archives (WARC, WACZ, tar, zip, JSONL, directories) into a store",
        description="Stream every record of the inputs through the audit, in parallel, into "
        "a resumable SQLite store. See docs/BULK.md.",
        formatter_class=HelpWithExamples,
        epilog="examples:\n"
        "  auditor bulk crawl.warc.gz capture.wacz posts.jsonl --store audit.db\n"
        "  auditor bulk --resume --store audit.db      # after a crash or Ctrl-C\n"
        "  auditor bulk --inputs-from warcs.txt --store cc.db --engine dask \\\n"
        "      --scheduler tcp://scheduler:8786 --parquet /data/out/cc-parquet")
    p.add_argument("inputs", nargs="*", type=named, metavar="INPUT",
                   help="WARC/ARC (.gz), WACZ, tar(.gz), zip, JSONL, HTML/JSON file or directory")
    p.add_argument("--inputs-from", type=named_path, metavar="FILE",
                   help="read more input paths from FILE, one a line (e.g. warc.paths; - for "
                   "stdin)")
    p.add_argument("--store", type=store_path, required=True, metavar="FILE",
                   help="SQLite store to write (created if absent)")
    p.add_argument("--workers", type=positive_int, default=os.cpu_count() or 1, metavar="N",
                   help="worker processes (default: CPU count)")
    p.add_argument("--resume", action="store_true",
                   help="continue the store's last run; with no INPUT, its inputs")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="run shards on local processes or on a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (default: a LocalCluster of --workers)")
    p.add_argument("--parquet", type=file_path, metavar="DIR",
                   help="with --engine dask: write pages and ids as a Parquet dataset in DIR")
    p.add_argument("--max-record-bytes", type=parse_size, default=DEFAULT_MAX_RECORD_BYTES,
                   metavar="SIZE", help="records larger than this fail (default 16MiB)")
    p.add_argument("--split-bytes", type=parse_size, default=None, metavar="SIZE",
                   help="cut WARC/JSONL files into byte ranges of SIZE (default: 1/64 of "
                   "each file, at least 1MiB; 0: one shard per file)")
    add_limit_arguments(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--lists", action="append", type=Path, default=[], metavar="PATH",
                   help="an extra EasyList-syntax list (repeatable)")
    p.add_argument("--no-system-lists", action="store_true",
                   help="don't load EasyList/EasyPrivacy from the system or user cache")
    p.add_argument("--engine-factory", help=argparse.SUPPRESS)  # tests/bench: module:function


def add_report_parser(subparsers: argparse._SubParsersAction[Any]) -> None:

    p = subparsers.add_parser(
        "report", help="summarise a bulk store: networks, hosts, ratios, operator clusters",
        description="Summarise a store written by `auditor bulk`: totals, ad and tracker "
        "networks, top third-party hosts, the content-to-ad ratio, operator clusters (sites "
        "sharing an operator's ID; IDs that came with copied articles are listed apart, "
        "with who republishes whom), skip reasons and failures. Reads while a run writes. "
        "See docs/BULK.md.",
        formatter_class=HelpWithExamples,
        epilog="examples:\n"
        "  auditor report --store audit.db\n"
        "  auditor report --store audit.db --top 50 --format csv --output summary.csv\n"
        "  auditor report --store audit.db --format html --output dashboard.html\n"
        "  auditor report --parquet /data/cc-parquet --format json | jq '.clusters[0]'\n"
        "  auditor report --store audit.db --graph operators.gexf   # open in Gephi")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--store", type=store_path, metavar="FILE",
                        help="the SQLite store `auditor bulk --store` wrote")
    source.add_argument("--parquet", type=file_path, metavar="DIR",
                        help="instead, the Parquet dataset `bulk --engine dask --parquet "
                        "DIR` wrote (its audited pages; skips and failures are in the store)")
    p.add_argument("--format", choices=("terminal", "json", "csv", "html"), default="terminal",
                   help="terminal tables (default), JSON (auditor.bulk/1), long-format CSV, "
                   "or a self-contained HTML dashboard")
    p.add_argument("--output", "-o", type=output_path, help="write here (default, or -: stdout)")
    p.add_argument("--top", type=positive_int, default=20, metavar="N",
                   help="rows in the network, host and cluster tables, copied IDs, "
                   "republished sources, skip reasons, failures and runs (default 20)")
    p.add_argument("--max-sites-per-id", type=int, default=0, metavar="N",
                   help="IDs shared by more sites than N do not merge clusters (0: no limit)")
    p.add_argument("--width", type=terminal_width, metavar="N", help="terminal width in columns")
    p.add_argument("--graph", type=_graph_path, metavar="OUT",
                   help="also write the operator graph (sites, IDs, sources, networks); "
                   "OUT's suffix picks the format: .gexf (Gephi), .graphml, or .csv "
                   "(NAME.csv writes NAME-nodes.csv and NAME-edges.csv)")


def _graph_path(text: str) -> Path:
    from auditor.bulk.graph_export import GraphFormatError, graph_format

    named(text)
    try:
        graph_format(Path(text))
    except GraphFormatError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return Path(text)


@contextmanager
def _damage_named(store: Path | None) -> Iterator[None]:
    """A store damaged on disk (a torn copy) is one line naming it, not an
    internal error: SQLite finds the damage only on the page it reads."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{store}: the store is damaged ({exc}); audit into a new "
                         "--store, or restore this one from a copy") from None


def run_bulk(args: argparse.Namespace) -> int:
    with _damage_named(args.store):
        return _run_bulk(args)


def _run_bulk(args: argparse.Namespace) -> int:
    from auditor.bulk.dask_engine import DaskClient
    from auditor.bulk.plan import expand_inputs, identify
    from auditor.bulk.shard import EngineSpec, load_engine

    if args.parquet and args.engine != "dask":
        raise AuditorError("--parquet needs --engine dask")
    if args.scheduler and args.engine != "dask":
        raise AuditorError("--scheduler needs --engine dask")
    if args.max_record_bytes < 1:
        raise AuditorError("--max-record-bytes must be positive")
    names = list(args.inputs)
    if args.inputs_from:
        names += _paths_from(args.inputs_from)
    if not names and not args.resume:
        raise AuditorError("no INPUT given (and no earlier run to --resume)")
    if not names and not args.store.exists():
        raise AuditorError(f"{args.store}: no such store, so no earlier run to --resume")
    # what was given is checked before the store is made: a usage error leaves none behind
    files = [identify(p) for p in expand_inputs(names)]
    spec = EngineSpec(tuple(str(p.resolve()) for p in args.lists),
                      not args.no_system_lists, args.engine_factory)
    engine = load_engine(spec)  # fail early (exit 2) on a bad list, and record lists
    # and the scheduler is reached: one that refuses or does not answer leaves no store
    dask = DaskClient(args.scheduler, args.workers) if args.engine == "dask" else None
    try:
        return _run_into_store(args, names, files, spec, engine, dask)
    finally:
        if dask is not None:
            dask.close()


def _run_into_store(args: argparse.Namespace, names: list[str], files: list[InputFile],
                    spec: EngineSpec, engine: RuleEngine, dask: DaskClient | None) -> int:
    from auditor.bulk.collect import Collector
    from auditor.bulk.plan import expand_inputs, identify, plan
    from auditor.bulk.progress import ProgressView
    from auditor.bulk.shard import AUDITED, Settings, catalogue
    from auditor.bulk.store import DONE, INTERRUPTED, Store
    from auditor.pipeline import report_lists

    store = Store.writer(args.store)  # a second run on this store stops here (exit 2)
    try:
        # a row this version never writes (another version's, or edited), read as it was,
        # was an internal error in the run's totals, or a run added to a store that no
        # report could then read: refused before the run is recorded, as `report` does
        store.check_rows()
        if not names:
            names = store.last_inputs()
            if not names:
                raise AuditorError("no INPUT given (and no earlier run to --resume)")
            files = [identify(p) for p in expand_inputs(names)]
        store.check_unchanged(files)
        store.register(files)
        done_inputs = store.done_inputs()
        done_shards = store.done_shards()
        shards = [s for s in plan([f for f in files if f.input_id not in done_inputs],
                                  args.split_bytes)
                  if (s.input_id, s.start, s.end) not in done_shards]
        settings = Settings(spec, args.max_record_bytes, page_limits(args))
        argv = list(getattr(args, "argv", sys.argv[1:]))
        lists = report_lists(engine, catalogue())
        run_id = store.begin_run(argv, names, [li.to_dict() for li in lists],
                                 resumes=store.last_run_id() if args.resume else None)
        progress = ProgressView(sum(s.size for s in shards),
                                enabled=False if args.no_progress else None)
        collector = Collector(store, run_id, shards, progress)
        completed = False
        started = time.monotonic()
        runner = _runner(args, settings, store, dask)
        try:
            with progress:
                completed = runner.run(shards, collector) if shards else True
        except KeyboardInterrupt:
            interrupts.hold()  # the store's last write below is the stop's own
            raise
        finally:
            store.end_run(run_id, DONE if completed else INTERRUPTED)
        if runner.fatal:
            raise AuditorError(runner.fatal)
        totals = store.totals()
        new = sum(collector.new.values())
        state = "" if completed else "; interrupted, run again with --resume to finish"
        speed = _speed(collector.new[AUDITED], time.monotonic() - started,
                       min(args.workers, len(shards)))
        print(f"{totals.records} records: {totals.audited} audited, {totals.skipped} "
              f"skipped, {totals.failed} failed ({new} new this run{state}) in {args.store}"
              f"{speed}", flush=True)
        if not completed:  # the contract's one line on stderr, which a CI log keeps
            interrupts.say(f"auditor: interrupted: `auditor bulk --resume --store "
                           f"{args.store}` finishes the run")
        return EXIT_OK if completed else EXIT_INTERRUPTED
    except KeyboardInterrupt:
        interrupts.hold()
        raise
    finally:
        store.close()
        # held from the first interrupt (the runner's, or the one above) to here: a
        # second one cut the store's last write or printed the line twice
        interrupts.release()


# Common Crawl's list of a crawl's WARC files is 6 MB
MAX_INPUT_LIST_BYTES = 256 * 1024 * 1024


def _paths_from(source: Path) -> list[str]:
    """--inputs-from: one path a line, `#` comments; `-` is stdin (`zcat warc.paths.gz |
    auditor bulk --inputs-from - …`). Lines are file names, so bytes that are not UTF-8
    decode as the file system's own names do (`os.fsdecode`)."""
    try:
        with (nullcontext(sys.stdin.buffer) if str(source) == "-"
              else source.open("rb")) as handle:
            data = read_at_most(handle, MAX_INPUT_LIST_BYTES)
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    except BinaryBytes:
        raise InputError(f"{source}: binary data, not a list of paths (one a line)") from None
    except OverLimit:
        raise InputError(f"{source}: larger than {MAX_INPUT_LIST_BYTES >> 20} MiB, more "
                         "than a list of paths (one a line) may be") from None
    if b"\0" in data:
        raise InputError(f"{source}: binary data, not a list of paths (one a line)")
    lines = (os.fsdecode(line).strip() for line in data.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _speed(pages: int, seconds: float, workers: int) -> str:
    """The final line's throughput: pages audited this run per wall second per worker;
    under 10 with a decimal (a short run said "0 pages/s" of pages it had audited).

    >>> _speed(2, 5.0, 1), _speed(3000, 50.0, 2)
    (' · 0.4 pages/s per worker', ' · 30 pages/s per worker')
    """
    if pages < 1 or seconds <= 0 or workers < 1:
        return ""
    rate = pages / seconds / workers
    return f" · {rate:.1f} pages/s per worker" if rate < 10 else f" · {rate:.0f} pages/s per worker"


def _runner(args: argparse.Namespace, settings: object, store: object,
            dask: DaskClient | None) -> _Runner:
    from auditor.bulk.dask_engine import DaskRunner
    from auditor.bulk.shard import Settings
    from auditor.bulk.store import Store
    from auditor.bulk.workers import LocalRunner

    assert isinstance(settings, Settings) and isinstance(store, Store)
    if dask is not None:
        return DaskRunner(settings, dask, args.parquet, store.done_keys)
    return LocalRunner(settings, args.workers, store.done_keys)


def run_report(args: argparse.Namespace) -> int:
    with _damage_named(args.store or args.parquet):
        return _run_report(args)


def _check_report_outputs(args: argparse.Namespace) -> None:
    """Refuse, before anything is read or written, an --output or --graph file that is
    the store or one of its files (`-o audit.db` replaced a bulk run's store with its own
    report), lies in the Parquet dataset read, or is another output of the run (`-o
    g-nodes.csv --graph g.csv`: the report overwrote the graph's nodes)."""
    from auditor.bulk.graph_export import outputs as graph_outputs
    from auditor.bulk.store import StoreLock

    written = ([args.output] if args.output is not None else []) + (
        graph_outputs(args.graph) if args.graph is not None else [])
    store: Path | None = args.store
    kept = ([store, store.with_name(store.name + "-wal"), store.with_name(store.name + "-shm"),
             StoreLock.path_for(store)] if store is not None else [])
    kept_where = {file_key(p) for p in kept}  # a hard link to the store is the store
    seen: set[tuple[int, int] | str | None] = set()
    if args.output is None and sys.stdout is not None and stat.S_ISREG(os.fstat(1).st_mode):
        # the report printed into a file (`> g-nodes.csv`), which a rename of --graph's
        # file of that name replaced: the report went to a deleted file, exit 0
        seen.add(file_key(1))
    for path in written:
        if path.is_char_device() or path.is_fifo():
            continue  # /dev/stdout, a pipe: nothing to overwrite
        where = file_key(path)
        if where in seen:
            raise AuditorError(f"{path}: given as two outputs; each needs its own file")
        seen.add(where)
        if where in kept_where:
            raise AuditorError(f"{path}: is the store {store} or one of its files; writing "
                               "there would destroy it")
        if args.parquet is not None and args.parquet.resolve() in (path.resolve(),
                                                                   *path.resolve().parents):
            raise AuditorError(f"{path}: is inside the Parquet dataset {args.parquet}; "
                               "write it elsewhere")


def _run_report(args: argparse.Namespace) -> int:
    from auditor.bulk.aggregate import summarize
    from auditor.bulk.parquet import loaded, with_source
    from auditor.bulk.store import Store
    from auditor.bulk.summary import write_summary

    _check_report_outputs(args)
    graph = None
    # a store is opened read-only, without the lock: a run may be writing it
    source = (loaded(args.parquet) if args.parquet is not None
              else closing(Store.open(args.store)))
    with source as store:
        if isinstance(store, Store):
            store.check_rows()
        summary = summarize(store, top=args.top, max_sites_per_id=args.max_sites_per_id)
        if args.graph is not None:
            from auditor.bulk.graph import build_graph

            graph = build_graph(store, args.max_sites_per_id)
    if args.parquet is not None:
        summary = with_source(summary, args.parquet)
    if graph is not None:  # first: an unwritable OUT fails before the report is printed
        from auditor.bulk.graph_export import write_graph

        written = write_graph(graph, args.graph)
        print(f"auditor: operator graph ({len(graph.nodes)} nodes, {len(graph.edges)} edges) "
              f"in {' and '.join(str(p) for p in written)}", file=sys.stderr)
    if args.output is None:
        from auditor.stdout import for_format

        write_summary(summary, args.format, for_format(sys.stdout, args.format),
                      width=args.width, store=args.store)
    else:
        with replacing_text(args.output, newline="") as out:
            write_summary(summary, args.format, out, width=args.width, store=args.store)
    return EXIT_OK
