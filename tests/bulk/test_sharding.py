"""The planner: shards sized from the file alone, so every worker is busy on one WARC and
a resumed run on another worker count cuts the same shards."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from archive_fixtures import Rec, page, response, warc_bytes

from auditor.bulk.plan import MIN_SHARD_BYTES, InputFile, identify, plan
from auditor.cli import main

MiB = 1 << 20


@pytest.mark.parametrize(("kind", "size", "split", "shards"), [
    ("warc-gz", 57_000_000, None, 55),         # the WARC: 1 MiB shards
    ("warc", 50 * MiB, None, 50),
    ("jsonl", 3 * MiB + 1, None, 4),
    ("warc-gz", MIN_SHARD_BYTES, None, 1),     # the floor: small files stay whole
    ("warc-gz", 200_000, None, 1),
    ("warc-gz", 1 << 30, None, 64),            # a Common Crawl file: 64 shards of 16 MiB
    ("warc-gz", 10 << 30, None, 64),
    ("file", 50 * MiB, None, 1),               # whole-file gzip, zip, tar: never split
    ("warc-gz", 57_000_000, 16 * MiB, 4),      # --split-bytes overrides the size
    ("warc-gz", 57_000_000, 0, 1),             # --split-bytes 0: one shard per file
    ("jsonl", 57_000_000, 64 * MiB, 1),
])
def test_shard_count(kind: str, size: int, split: int | None, shards: int) -> None:
    assert len(plan([InputFile("in", "id", size, kind)], split)) == shards


@pytest.mark.parametrize("size", [1, MIN_SHARD_BYTES + 1, 57_000_000, 999_999_937])
def test_shards_tile_the_file(size: int) -> None:
    shards = plan([InputFile("in", "id", size, "warc-gz")])
    assert shards[0].start == 0 and shards[-1].end is None
    assert all(a.end == b.start for a, b in pairwise(shards))
    assert sum(s.size for s in shards) == size


def test_a_50mb_warc_gives_each_of_12_workers_four_shards() -> None:
    """The plan takes no worker count: enough shards for any machine, the same on resume."""
    assert len(plan([InputFile("in", "id", 50_000_000, "warc-gz")])) >= 4 * 12


class PidLoggingEngine:
    """The light engine, writing which process audited each page (for the test below)."""

    def __init__(self, engine: Any, log: Path) -> None:
        self._engine, self._log = engine, log

    @property
    def lists(self) -> Any:
        return self._engine.lists

    def match(self, url: str, source_url: str | None = None, type: Any = "other") -> Any:
        return self._engine.match(url, source_url, type)

    def cosmetic(self, page: Any, hostname: str) -> Sequence[Any]:
        with self._log.open("a") as log:
            log.write(f"{os.getpid()}\n")
        return self._engine.cosmetic(page, hostname)  # type: ignore[no-any-return]


def pid_logging_engine() -> PidLoggingEngine:
    from auditor.rules import Engine

    return PidLoggingEngine(Engine.load(system_lists=False), Path(os.environ["PID_LOG"]))


def test_one_warc_is_audited_by_both_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """~6 MB: 300 pages between incompressible images, one input, no --split-bytes."""
    rng = random.Random(13)
    recs: list[Rec] = []
    for i in range(300):
        recs.append(response(f"https://s{i % 7}.example/{i}", page(f"p{i}", exo_zone=str(i % 5)),
                             encoding="gzip"))
        recs.append(Rec(f"https://s.example/{i}.png", rng.randbytes(20_000),
                        content_type="image/png"))
    warc = tmp_path / "one.warc.gz"
    warc.write_bytes(warc_bytes(recs))
    assert len(plan([identify(warc)])) >= 4
    log = tmp_path / "pids"
    monkeypatch.setenv("PID_LOG", str(log))
    store = tmp_path / "s.db"
    assert main(["bulk", str(warc), "--store", str(store), "--workers", "2", "--no-progress",
                 "--no-system-lists", "--engine-factory",
                 "test_sharding:pid_logging_engine"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("601 records: 300 audited, 301 skipped, 0 failed (601 new")
    assert last.endswith(" pages/s per worker")
    pids = log.read_text().split()
    assert len(pids) == 300 and len(set(pids)) == 2, "both workers audit pages of one WARC"
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM shards").fetchone()[0] >= 4
