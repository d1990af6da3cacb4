"""Bulk workers that die: replaced while the run can go on, and the run stopped with a
one-line error when none can start. Before, a worker dead before its first shard was
never replaced, and a run whose workers all died so polled for ever; and a worker that
died as it took a shard, before the parent heard which, left that shard waiting for ever.

The workers really die: the engine factory they load ends the process (`os._exit`)."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from archive_fixtures import page, response, warc_bytes

TESTS = Path(__file__).resolve().parents[1]


def _engine() -> object:
    from auditor.rules import Engine

    return Engine.load(system_lists=False)


def engine_dying_once() -> object:
    """The first worker to load it dies (exit 3); the others, and its replacement, live.
    (The parent loads the factory too, to name the lists: it lives.)"""
    if multiprocessing.parent_process() is None:
        return _engine()
    try:
        os.close(os.open(os.environ["DIE_ONCE"], os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return _engine()
    os._exit(3)


def engine_dying_always() -> object:
    """Every worker dies loading it (exit 3)."""
    if multiprocessing.parent_process() is None:
        return _engine()
    os._exit(3)


def engine_dying_on_its_first_shard() -> object:
    """The first worker to load it dies (exit 3) the moment it takes a shard off its
    queue, before it can audit or say anything."""
    engine = _engine()
    if multiprocessing.parent_process() is not None:
        try:
            os.close(os.open(os.environ["DIE_ONCE"], os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return engine
        from multiprocessing import queues

        take = queues.Queue.get

        def get(self: queues.Queue[object], *args: object, **kwargs: object) -> object:
            item = take(self, *args, **kwargs)  # type: ignore[arg-type]
            if item is not None:  # a shard (None tells a worker to stop)
                os._exit(3)
            return item

        queues.Queue.get = get  # type: ignore[assignment,method-assign]
    return engine


def _bulk(tmp_path: Path, factory: str, workers: int) -> subprocess.CompletedProcess[str]:
    warc = tmp_path / "in.warc.gz"
    warc.write_bytes(warc_bytes([response(f"https://s.example/{i}",
                                          page(f"p{i}", exo_zone=str(i)))
                                 for i in range(40)]))
    env = {**os.environ, "DIE_ONCE": str(tmp_path / "died"),
           "PYTHONPATH": os.pathsep.join([str(TESTS / "bulk"), str(TESTS),
                                          os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "auditor", "bulk", str(warc), "--store", str(tmp_path / "s.db"),
         "--workers", str(workers), "--split-bytes", "4096", "--no-progress",
         "--no-system-lists", "--engine-factory", f"test_worker_deaths:{factory}"],
        env=env, capture_output=True, text=True, timeout=120)


def test_a_worker_dead_before_its_first_shard_is_replaced(tmp_path: Path) -> None:
    run = _bulk(tmp_path, "engine_dying_once", workers=1)  # the only worker
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "died").exists()  # one worker did die
    assert run.stdout.splitlines()[-1].startswith("41 records: 40 audited, 1 skipped, 0 failed")
    with sqlite3.connect(tmp_path / "s.db") as db:
        assert db.execute("SELECT count(*), count(DISTINCT record_key) FROM progress"
                          ).fetchone() == (41, 41)


def test_workers_that_cannot_start_stop_the_run_with_one_line(tmp_path: Path) -> None:
    run = _bulk(tmp_path, "engine_dying_always", workers=2)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert "bulk workers exit before auditing (exit code 3" in line, line


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_dead_as_it_takes_a_shard_loses_nothing(tmp_path: Path, workers: int) -> None:
    run = _bulk(tmp_path, "engine_dying_on_its_first_shard", workers)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "died").exists()
    assert run.stdout.splitlines()[-1].startswith("41 records: 40 audited, 1 skipped, 0 failed")
    with sqlite3.connect(tmp_path / "s.db") as db:
        assert db.execute("SELECT count(*), count(DISTINCT record_key) FROM progress"
                          ).fetchone() == (41, 41)


def test_a_message_a_dead_worker_left_half_written_is_dropped_not_waited_on() -> None:
    """Each worker has its own results pipe, and the parent keeps no write end of it: a
    worker that dies mid-send leaves a length with too few bytes after it, which reads
    as EOF and drops that pipe, while the other workers' messages still come through.
    (One queue shared by all workers hung the run when one died holding its write lock.)"""
    import queue
    import struct
    import time

    from auditor.bulk.workers import _Inbox

    ctx = multiprocessing.get_context("spawn")
    inbox = _Inbox()
    dead_read, dead_write = ctx.Pipe(duplex=False)
    live_read, live_write = ctx.Pipe(duplex=False)
    inbox.add(dead_read, 1)
    inbox.add(live_read, 2)
    dead_write.send(("rows", 0, ["whole"]))
    dead_write._send(struct.pack("!i", 1000) + b"half")  # type: ignore[attr-defined]
    dead_write.close()
    live_write.send(("done", 3, None))
    got = [inbox.get(timeout=1.0), inbox.get(timeout=1.0)]
    assert sorted(got, key=str) == [("done", 3, None), ("rows", 0, ["whole"])]
    started = time.monotonic()
    with pytest.raises(queue.Empty):
        inbox.get(timeout=0.5)  # the half message: EOF, dropped; the live pipe is quiet
    assert time.monotonic() - started < 5
    assert inbox.left_by(1) == []  # already dropped
    live_write.send(("rows", 4, ["late"]))
    live_write.close()
    assert inbox.left_by(2) == [("rows", 4, ["late"])]  # a dead worker's sent rows are kept
    inbox.close()
