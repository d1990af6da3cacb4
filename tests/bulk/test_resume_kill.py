"""Crash safety: kill -9 (and Ctrl-C) at random points, resume, every record exactly once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from archive_fixtures import Rec, page, response, stored, warc_bytes

from auditor.readers.warc import read_warc

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def warc(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    recs: list[Rec] = []
    for i in range(1500):
        recs.append(response(f"https://s{i % 40}.example/{i}",
                             page(f"p{i}", exo_zone=str(i % 9), words=300 + i % 200),
                             encoding="gzip", chunked=i % 2 == 0))
        if i % 10 == 0:
            recs.append(Rec(f"https://s.example/{i}.png", b"\x89PNG\r\n\x1a\n",
                            content_type="image/png"))
    path = tmp_path_factory.mktemp("kill") / "crawl.warc.gz"
    path.write_bytes(warc_bytes(recs))
    with path.open("rb") as f:
        keys = {r.input.split("#", 1)[1] for r in read_warc(f, str(path))}
    return path, keys


def bulk(warc: Path, store: Path, *extra: str, workers: int = 2,
         split: str | None = "200k") -> subprocess.Popen[bytes]:
    """`auditor bulk` in its own process group; `split=None` lets the planner size shards."""
    cmd = [sys.executable, "-m", "auditor", "bulk", str(warc), "--store", str(store),
           "--no-system-lists", "--no-progress", "--workers", str(workers),
           *(["--split-bytes", split] if split else []), *extra]
    return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def group_alive(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group, from /proc."""
    pids = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            state, _ppid, pgrp = (d / "stat").read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue
        if int(pgrp) == pgid and state != "Z":
            pids.append(int(d.name))
    return pids


def wait_for(proc: subprocess.Popen[bytes], store: Path, target: int) -> None:
    """Until `target` records are stored (a random point of the run) or the run ends."""
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if stored(store) >= target:
            return
        time.sleep(0.01)


def check_store(store: Path, expected: set[str], complete: bool) -> int:
    with sqlite3.connect(store) as db:
        keys = [k for (k,) in db.execute("SELECT record_key FROM progress")]
        counts = dict(db.execute("SELECT status, count(*) FROM progress GROUP BY 1").fetchall())
        pages = db.execute("SELECT count(*), count(DISTINCT record_key) FROM pages").fetchone()
        errors = db.execute("SELECT count(*) FROM errors").fetchone()[0]
    assert len(keys) == len(set(keys)), "a record stored twice"
    assert set(keys) <= expected
    assert sum(counts.values()) == len(keys)
    assert pages[0] == pages[1] == counts.get("audited", 0), "pages and progress disagree"
    assert errors == counts.get("failed", 0), "errors and progress disagree"
    if complete:
        assert set(keys) == expected
    return len(keys)


def kill(proc: subprocess.Popen[bytes], parent_only: bool) -> None:
    """kill -9 the parent alone (its workers must notice and exit) or the whole group."""
    if not parent_only:
        os.killpg(proc.pid, signal.SIGKILL)
        return
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 20
    while group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = group_alive(proc.pid)
    if orphans:
        os.killpg(proc.pid, signal.SIGKILL)
    assert not orphans, f"workers outlived their killed parent: {orphans}"


def test_kill_9_at_random_points_then_resume(warc: tuple[Path, set[str]], tmp_path: Path) -> None:
    path, expected = warc
    store = tmp_path / "s.db"
    rng = random.Random(4)
    seen = []
    for round_, workers in enumerate((2, 1, 3, 2, 1)):  # resumed on other worker counts
        proc = bulk(path, store, *(["--resume"] if round_ else []), workers=workers)
        wait_for(proc, store, int(len(expected) * (round_ + rng.random()) / 6))
        if proc.poll() is None:
            kill(proc, parent_only=round_ % 2 == 1)
        proc.wait(timeout=60)
        if store.exists():
            seen.append(check_store(store, expected, complete=False))
    proc = bulk(path, store, "--resume")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert check_store(store, expected, complete=True) == len(expected)
    last = out.decode().strip().splitlines()[-1]
    assert last.startswith(f"{len(expected)} records: ")
    assert any(0 < n < len(expected) for n in seen), f"no kill landed mid-run: {seen}"


def test_resume_with_another_worker_count_is_exact(warc: tuple[Path, set[str]],
                                                   tmp_path: Path) -> None:
    """Shards the planner sized itself: killed on 2 workers, on 1, finished on 3; the
    store ends with every record once and with exactly the shards of one plan."""
    from auditor.bulk.plan import identify, plan

    path, expected = warc
    shards = plan([identify(path)])
    assert len(shards) >= 2, "the fixture WARC must be split by default"
    store = tmp_path / "s.db"
    seen = []
    for round_, workers in enumerate((2, 1)):
        proc = bulk(path, store, *(["--resume"] if round_ else []), workers=workers,
                    split=None)
        wait_for(proc, store, len(expected) * (round_ + 1) // 3)
        if proc.poll() is None:
            kill(proc, parent_only=False)
        proc.wait(timeout=60)
        seen.append(check_store(store, expected, complete=False))
    assert any(0 < n < len(expected) for n in seen), f"no kill landed mid-run: {seen}"
    proc = bulk(path, store, "--resume", workers=3, split=None)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert check_store(store, expected, complete=True) == len(expected)
    with sqlite3.connect(store) as db:
        done = sorted(db.execute("SELECT start, end_ FROM shards"))
    assert done == sorted((s.start, s.end) for s in shards)
    last = out.decode().strip().splitlines()[-1]
    assert last.startswith(f"{len(expected)} records: ")


def test_ctrl_c_stops_cleanly(warc: tuple[Path, set[str]], tmp_path: Path) -> None:
    path, expected = warc
    store = tmp_path / "s.db"
    proc = bulk(path, store)
    wait_for(proc, store, len(expected) // 3)
    os.killpg(proc.pid, signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130), err.decode()
    assert b"Traceback" not in err
    check_store(store, expected, complete=proc.returncode == 0)
    proc = bulk(path, store, "--resume")
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert check_store(store, expected, complete=True) == len(expected)


@pytest.mark.parametrize("after", [0.0, 0.2, 0.5, 0.8])
def test_ctrl_c_while_workers_start_prints_no_traceback(warc: tuple[Path, set[str]],
                                                        tmp_path: Path, after: float) -> None:
    """A Ctrl-C just after the run opens its store lands while workers import: each
    starts ignoring it (it printed two 40-line tracebacks), and the run stops as on any
    Ctrl-C."""
    path, _expected = warc
    store = tmp_path / "s.db"
    proc = bulk(path, store)
    deadline = time.monotonic() + 60
    while not store.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # the parent is past its imports: the workers start next
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130), err.decode()
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()


def test_drain_after_interrupt_keeps_rows_but_marks_no_shard_done() -> None:
    """After Ctrl-C a batch may have been lost mid-read, so a "done" that follows it must
    not mark the shard done (a resumed run would then skip the lost records)."""
    import queue as queue_mod

    from auditor.bulk.plan import Shard
    from auditor.bulk.shard import AUDITED, Outcome
    from auditor.bulk.workers import LocalRunner

    shard = Shard(input_id="i", path="crawl.warc.gz", kind="warc-gz", start=0, end=100, size=100)
    row = Outcome("42", AUDITED, "warc-record", "crawl.warc.gz", None, None)
    results: queue_mod.Queue[tuple[str, int, object]] = queue_mod.Queue()
    for item in (("rows", 0, [row]), ("done", 0, None), ("rows", 7, [row])):
        results.put(item)

    class Seen:
        def __init__(self) -> None:
            self.rows: list[object] = []
            self.done: list[object] = []

        def add(self, s: Shard, outcomes: list[object]) -> None:
            self.rows += outcomes

        def shard_done(self, s: Shard) -> None:
            self.done.append(s)

    seen = Seen()
    LocalRunner._drain(None, results, {0: shard}, seen)  # type: ignore[arg-type]
    assert seen.rows == [row] and seen.done == []  # index 7 is not a shard: out of step


def test_drain_after_interrupt_cannot_hang_on_a_read_that_never_returns() -> None:
    """Interrupted half-way through a batch, the pipe is out of step: the next read can take
    a length from the middle of a pickle and wait forever. The drain gives up in time."""
    import threading

    from auditor.bulk.workers import DRAIN_SECONDS, LocalRunner

    class Stuck:
        def get(self, timeout: float) -> object:
            threading.Event().wait()  # a read waiting for bytes that never come
            raise AssertionError

    finished = threading.Event()

    def drain() -> None:
        LocalRunner._drain(None, Stuck(), {}, None)  # type: ignore[arg-type]
        finished.set()

    threading.Thread(target=drain, daemon=True).start()
    assert finished.wait(DRAIN_SECONDS + 5), "the drain hung on a stuck read"


# a sitecustomize for the bulk run's parent alone (its workers import it too): the first
# Ctrl-C as the first shard is done, a second as the stop reaches `second` (the rows'
# last flush, the run's end in the store, the totals, the store closed after the line)
_TWICE = """
import os, signal, sys
if sys.orig_argv[1:3] == ["-m", "auditor"]:
    from auditor.bulk.collect import Collector
    from auditor.bulk.store import Store
    sent = []
    def _send_then(cls, name, nth):
        run = getattr(cls, name)
        def sending(*args, **kwargs):
            if len(sent) == nth - 1 and (nth == 1 or sent):
                sent.append(name)
                os.kill(os.getpid(), signal.SIGINT)
            return run(*args, **kwargs)
        setattr(cls, name, sending)
    _send_then(Collector, "shard_done", 1)
    _send_then({SECOND_OWNER}, "{SECOND}", 2)
"""


@pytest.mark.parametrize(("owner", "second"), [("Collector", "flush"), ("Store", "end_run"),
                                               ("Store", "totals"), ("Store", "close")])
def test_a_second_ctrl_c_is_one_line_and_the_store_stays_whole(
        tmp_path: Path, owner: str, second: str) -> None:
    """A second Ctrl-C while the run stopped on the first raised where the stop had got
    to: in the last flush (the rows that had arrived lost, the line without the command
    that resumes), in the run's end (the run left `running`), or after the line was
    printed (`auditor: interrupted` a second time). The stop is held now: one line, exit
    130, the run marked interrupted, and a resume audits exactly what is missing."""
    recs = [response(f"https://s{i % 5}.example/{i}", page(f"p{i}", exo_zone=str(i % 3)))
            for i in range(40)]
    path = tmp_path / "c.warc.gz"
    path.write_bytes(warc_bytes(recs))
    with path.open("rb") as f:
        expected = {r.input.split("#", 1)[1] for r in read_warc(f, str(path))}
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(
        _TWICE.replace("{SECOND_OWNER}", owner).replace("{SECOND}", second))
    store = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "auditor", "bulk", str(path), "--store", str(store),
           "--no-system-lists", "--no-progress", "--split-bytes", "10k", "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "hook"), *sys.path])}
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120,
                            check=False, env=env, preexec_fn=_ctrl_c_taken)
    assert (result.returncode, result.stderr) == (
        130, f"auditor: interrupted: `auditor bulk --resume --store {store}` finishes the "
        "run\n"), result
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    assert 0 < check_store(store, expected, complete=False) < len(expected)
    resumed = subprocess.run([*cmd, "--resume"], cwd=REPO, capture_output=True, text=True,
                             timeout=120, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert check_store(store, expected, complete=True) == len(expected)


def _ctrl_c_taken() -> None:
    """Ctrl-C's default in the child, as from a terminal (CI runs the suite with SIGINT
    ignored, which the command rightly leaves ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
