"""Scale-out: the same per-shard function as Dask tasks; results merged or written as Parquet.

One task per shard (a file, or a byte range of a big WARC/JSONL). Without --parquet
each task returns its outcomes and the client merges them into the store; with
--parquet a task writes its pages, IDs and the sources its pages republish as one
Parquet part file per shard (`DIR/pages/`, `DIR/ids/`, `DIR/sources/`, named after the
shard, written atomically) and returns only the progress rows, so the client never holds
page reports. A shard is then the unit
of resume: a task killed half-way is redone whole and rewrites the same part file.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from auditor import interrupts
from auditor.bulk.collect import Collector
from auditor.bulk.plan import Shard
from auditor.bulk.shard import FAILED, Outcome, Settings, audit_shard
from auditor.bulk.store import _METRICS
from auditor.errors import AuditorError


def shard_task(shard: Shard, settings: Settings, done: frozenset[str],
               parquet_dir: str | None) -> list[Outcome]:
    """Audit one shard on a Dask worker (the engine is cached per worker process)."""
    try:
        outcomes = list(audit_shard(shard, settings, done))
    except Exception as exc:  # keep the run going; the shard's failure is a record
        return [Outcome(f"!{shard.start}", FAILED, "shard", shard.path, None,
                        f"{shard.path}: shard failed: {type(exc).__name__}: {exc}")]
    if parquet_dir is None:
        return outcomes
    write_parquet(Path(parquet_dir), shard, outcomes)
    return [dataclasses.replace(o, page=None) for o in outcomes]


def write_parquet(root: Path, shard: Shard, outcomes: Sequence[Outcome]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pages = [o for o in outcomes if o.page is not None]
    if not pages:
        return
    page_cols: dict[str, list[Any]] = {c: [] for c in (
        "input_id", "record_key", "input", "url", "site", "kind", "title", *_METRICS,
        "findings", "report")}
    id_cols: dict[str, list[Any]] = {c: [] for c in (
        "input_id", "record_key", "site", "kind", "value", "network", "origin",
        "copied_from")}
    source_cols: dict[str, list[Any]] = {c: [] for c in (
        "input_id", "record_key", "site", "domain", "host", "url", "evidence")}
    for o in pages:
        p = o.page
        assert p is not None
        for col, value in (("input_id", shard.input_id), ("record_key", o.key),
                           ("input", o.name), ("url", p.url), ("site", p.site),
                           ("kind", p.kind), ("title", p.title), ("findings", p.findings),
                           ("report", p.report_json)):
            page_cols[col].append(value)
        for metric in _METRICS:
            page_cols[metric].append(p.metrics.get(metric))
        for kind, value, network, origin, copied_from, _slot in p.ids:
            for col, v in (("input_id", shard.input_id), ("record_key", o.key),
                           ("site", p.site), ("kind", kind), ("value", value),
                           ("network", network), ("origin", origin),
                           ("copied_from", copied_from)):
                id_cols[col].append(v)
        for domain, host, url, evidence in p.sources:
            for col, v in (("input_id", shard.input_id), ("record_key", o.key),
                           ("site", p.site), ("domain", domain), ("host", host), ("url", url),
                           ("evidence", evidence)):
                source_cols[col].append(v)
    part = f"part-{shard.input_id}-{shard.start:015d}.parquet"
    for table, cols in (("pages", page_cols), ("ids", id_cols), ("sources", source_cols)):
        folder = root / table
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{part}.{os.getpid()}.tmp"
        # Typed columns: a part whose column is all null (no IDs, no titles) must not be
        # written as type `null`, which DuckDB and Spark refuse to union with the others.
        schema = pa.schema([(c, pa.float64() if c == "content_to_ad_ratio"
                             else pa.int64() if c in _METRICS or c == "findings"
                             else pa.string()) for c in cols])
        pq.write_table(pa.table(cols, schema=schema), tmp)
        os.replace(tmp, folder / part)


# distributed retries a refused connection until this passes, so a refused port waits it
# out too; it stays long enough for a scheduler still starting, or far away and slow.
SCHEDULER_TIMEOUT = "20s"


class DaskClient:
    """A client of the Dask scheduler at `scheduler`, or of a LocalCluster of `workers`.

    `auditor bulk` connects before it makes the store, so a scheduler it cannot reach is
    one line and exit 2 and leaves no empty store behind.
    """

    def __init__(self, scheduler: str | None, workers: int) -> None:
        # distributed logs every start and stop at INFO, in this process and in the worker
        # processes it starts (which read the environment): warnings and errors only,
        # unless the user set their own level
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
        try:
            import distributed
        except ImportError:
            raise AuditorError("--engine dask needs the dask extra: "
                               "pip install 'auditor[dask]'") from None
        dist: Any = distributed  # untyped library: keep its calls out of mypy's strict view
        self.workers = max(1, workers)
        self.cluster: Any = None
        try:
            if scheduler:
                self.client: Any = dist.Client(scheduler, timeout=SCHEDULER_TIMEOUT)
            else:
                self.cluster = dist.LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                                 processes=True, dashboard_address=None)
                self.client = dist.Client(self.cluster)
        except OSError as exc:
            if self.cluster is not None:
                self.cluster.close()
            raise AuditorError(f"cannot reach the Dask scheduler "
                               f"{scheduler or '(local)'}: {exc}") from None

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class DaskRunner:
    """Submits shards to a Dask scheduler (or a LocalCluster) a window at a time."""

    def __init__(self, settings: Settings, dask: DaskClient, parquet_dir: Path | None,
                 done_keys: Callable[[str], frozenset[str]]) -> None:
        self.settings = settings
        self.dask = dask
        self.parquet_dir = str(parquet_dir.resolve()) if parquet_dir else None
        self.done_keys = done_keys
        self.fatal: str | None = None

    def run(self, shards: Sequence[Shard], collector: Collector) -> bool:
        from distributed import as_completed

        try:
            return self._submit_all(self.dask.client, as_completed, shards, collector)
        except KeyboardInterrupt:
            interrupts.hold()  # a second one must not cut the last flush of the store
            return False
        finally:
            collector.flush()

    def _submit_all(self, client: Any, as_completed: Any, shards: Sequence[Shard],
                    collector: Collector) -> bool:
        held = len(client.scheduler_info().get("workers", {}))
        window = max(2, 2 * max(self.dask.workers, held))
        todo = list(shards)
        owner: dict[Any, Shard] = {}
        waiting = as_completed()

        def submit() -> None:
            shard = todo.pop(0)
            future = client.submit(shard_task, shard, self.settings,
                                   self.done_keys(shard.input_id), self.parquet_dir,
                                   pure=False, key=f"auditor-shard-{shard.input_id}-"
                                   f"{shard.start}-{os.getpid()}")
            owner[future] = shard
            waiting.add(future)

        while todo and len(owner) < window:
            submit()
        for future in waiting:
            shard = owner.pop(future)
            try:
                outcomes: list[Outcome] = future.result()
            except Exception as exc:  # a worker lost, a task error: one failed record
                outcomes = [Outcome(f"!{shard.start}", FAILED, "shard", shard.path, None,
                                    f"{shard.path}: Dask task failed: {type(exc).__name__}: "
                                    f"{exc}")]
            collector.add(shard, outcomes)
            collector.shard_done(shard)
            if todo:
                submit()
        return True
