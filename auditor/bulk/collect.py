"""Outcomes → store, in batches, whichever engine produced them (local workers or Dask)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence

from auditor.bulk.plan import Shard
from auditor.bulk.progress import ProgressView
from auditor.bulk.shard import AUDITED, FAILED, SKIPPED, Outcome
from auditor.bulk.store import Store


class Collector:
    """Buffers outcomes and commits them with their shard/input completion marks.

    A shard is marked done in the same transaction as its last records, and an input
    when its last shard is, so a resumed run can skip whole files without reopening them.
    """

    def __init__(self, store: Store, run_id: int, shards: Sequence[Shard],
                 progress: ProgressView, batch_rows: int = 500,
                 batch_seconds: float = 0.5) -> None:
        self.store = store
        self.run_id = run_id
        self.progress = progress
        self.new: Counter[str] = Counter()
        self._rows: list[tuple[str, Outcome]] = []
        self._shards_done: list[Shard] = []
        self._inputs_done: list[str] = []
        self._open: Counter[str] = Counter(s.input_id for s in shards)
        self._pos: dict[tuple[str, int], int] = {s.key: s.start for s in shards}
        self._batch_rows = batch_rows
        self._batch_seconds = batch_seconds
        self._last = time.monotonic()

    def add(self, shard: Shard, outcomes: Sequence[Outcome]) -> None:
        self._rows.extend((shard.input_id, o) for o in outcomes)
        advance = 0
        offsets = [o.offset for o in outcomes if o.offset is not None]
        if offsets and shard.kind in ("warc", "warc-gz", "jsonl"):
            top = min(max(offsets), shard.start + shard.size)
            advance = max(0, top - self._pos[shard.key])
            self._pos[shard.key] = max(self._pos[shard.key], top)
        self.progress.update(bytes_done=advance)
        self.maybe_flush()

    def shard_done(self, shard: Shard) -> None:
        self.progress.update(bytes_done=max(0, shard.start + shard.size - self._pos[shard.key]))
        self._pos[shard.key] = shard.start + shard.size
        self._shards_done.append(shard)
        self._open[shard.input_id] -= 1
        if self._open[shard.input_id] == 0:
            self._inputs_done.append(shard.input_id)
        self.flush()

    def maybe_flush(self) -> None:
        if (len(self._rows) >= self._batch_rows
                or time.monotonic() - self._last >= self._batch_seconds):
            self.flush()

    def flush(self) -> None:
        self._last = time.monotonic()
        if not (self._rows or self._shards_done or self._inputs_done):
            return
        new = self.store.write(self.run_id, self._rows, self._shards_done, self._inputs_done)
        self._rows, self._shards_done, self._inputs_done = [], [], []
        self.new.update(new)
        self.progress.update(audited=new[AUDITED], skipped=new[SKIPPED], failed=new[FAILED])
