"""`auditor report --parquet DIR`: the summary of a dataset `auditor bulk --engine dask
--parquet DIR` wrote, made by the same code as a store's.

The dataset's pages are loaded into a temporary store (rows rebuilt from each page's
CONTRACT JSON by `row_of`, as the workers build them) and summarised there, so both
sources give one summary. A dataset holds audited pages only: skipped and failed
records, and the runs, are in the store the bulk run wrote.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from auditor.bulk.aggregate import summarize
from auditor.bulk.shard import AUDITED, Outcome, catalogue, row_of
from auditor.bulk.store import DONE, Store
from auditor.errors import InputError

_COLUMNS = ["input_id", "record_key", "input", "kind", "report"]
BATCH = 2000


def _parts(root: Path) -> list[Path]:
    folder = root / "pages"
    parts = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    if not parts:
        raise InputError(f"{root}: no Parquet pages (expected {folder}/*.parquet, as "
                         "`auditor bulk --engine dask --parquet DIR` writes them)")
    return parts


def _batches(parts: list[Path]) -> Iterator[list[tuple[str, Outcome]]]:
    import pyarrow.parquet as pq

    cat = catalogue()
    for part in parts:
        try:
            batches = pq.ParquetFile(part).iter_batches(batch_size=BATCH, columns=_COLUMNS)
            for batch in batches:
                rows = batch.to_pylist()
                yield [(r["input_id"], Outcome(r["record_key"], AUDITED, r["kind"], r["input"],
                                               None, None, row_of(json.loads(r["report"]), cat)))
                       for r in rows]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{part}: not a page dataset part: {exc}") from None


@contextmanager
def loaded(root: Path) -> Iterator[Store]:
    """The dataset's pages in a temporary store, gone on exit."""
    parts = _parts(root)
    with tempfile.TemporaryDirectory(prefix="auditor-parquet-") as tmp:
        store = Store.writer(Path(tmp) / "pages.db")
        try:
            run_id = store.begin_run(["report", "--parquet", str(root)], [str(root)], [])
            for outcomes in _batches(parts):
                store.write(run_id, outcomes)
            store.end_run(run_id, DONE)
            yield store
        finally:
            store.close()


def with_source(summary: dict[str, Any], root: Path) -> dict[str, Any]:
    """A summary of the dataset at `root`, saying where it came from."""
    summary["runs"] = []  # the temporary store's run is not one of the dataset's
    summary["source"] = {
        "parquet": str(root),
        "note": "a Parquet dataset holds audited pages only; skipped and failed records "
                "and the runs are in the bulk run's store",
    }
    return summary


def summarize_parquet(root: Path, top: int = 20, max_sites_per_id: int = 0) -> dict[str, Any]:
    """The bulk summary of the dataset at `root`, with `source` saying where it came from."""
    with loaded(root) as store:
        summary = summarize(store, top=top, max_sites_per_id=max_sites_per_id)
    return with_source(summary, root)
