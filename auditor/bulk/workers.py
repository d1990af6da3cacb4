"""Local parallel run: worker processes audit shards, the parent alone writes the store.

Each worker has its own task queue, and the parent hands shards to a worker once it is
ready (its engine loaded), up to HELD at a time: the one it audits and the next, so it
never waits on a busy parent between shards. The parent always knows which shards each
worker holds, so a worker that dies the moment it takes one (before it can say so)
loses nothing. Results come back on a pipe of each worker's own, which a worker blocks
on when the parent falls behind, so memory stays flat however big the input; one queue
shared by all of them hung the run when a worker died while its feeder thread held the
queue's write lock (a worker ended on taking a shard, as its "ready" went out; the OOM
killer in the middle of a batch): every other worker's messages then waited on that lock
for ever. Workers ignore SIGINT: on Ctrl-C the parent stops handing out work, keeps what
has arrived, and ends them.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import multiprocessing.connection
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any

from auditor import interrupts
from auditor.bulk.collect import Collector
from auditor.bulk.plan import Shard
from auditor.bulk.shard import (
    FAILED,
    Outcome,
    Settings,
    audit_shard,
    catalogue,
    load_engine,
)
from auditor.pipeline import loading_for_the_run
from auditor.report.safe import inert_logging

BATCH_ROWS = 32
BATCH_SECONDS = 0.5
DRAIN_SECONDS = 3.0  # after Ctrl-C, how long batches already sent are still read
IDLE_DEATHS = 3  # per worker: deaths holding no shard before the run stops (see _check_workers)
HELD = 2  # shards a worker holds: the one it audits, the next (only while more are pending)
# the resource tracker's own warnings, which it writes to our stderr (see _quiet_tracker)
TRACKER_WARNINGS = "ignore:resource_tracker:UserWarning:multiprocessing.resource_tracker"


@dataclass(frozen=True, slots=True)
class _Task:
    index: int
    shard: Shard
    done: frozenset[str]


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a worker process starts: an ignored signal stays ignored in
    the child, from its first instruction. The parent's own handler is back after."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; a worker then starts as before
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _worker(tasks: Any, results: Any, stop: Any, settings: Settings, parent: int) -> None:
    """Worker process body: engine loaded once, then shard after shard until told to stop.

    `results` is the write end of the worker's own pipe. If the parent dies (kill -9),
    its read end closes: a send then fails at once and the worker drops what it holds
    (a send to a full pipe of a live parent waits for the parent to read)."""
    # it started ignoring Ctrl-C where the parent could see to it (`_sigint_ignored`);
    # said again for a worker started from a thread, where the parent could not
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inert_logging()

    def parent_gone() -> bool:
        return os.getppid() != parent

    def send(item: tuple[str, int, Any]) -> bool:
        """Send `item` to the parent; False once the parent is gone."""
        try:
            results.send(item)
            return True
        except OSError:  # BrokenPipeError: the parent's end is closed
            return False

    with loading_for_the_run():
        try:
            load_engine(settings.engine)
        except Exception as exc:  # the parent reports it once and stops
            send(("fatal", -1, f"cannot load the rule engine: {exc}"))
            return
        catalogue()
    if not send(("ready", -1, os.getpid())):
        return

    while not stop.is_set():
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            if parent_gone():
                return
            continue
        if task is None:
            return
        batch: list[Outcome] = []
        last = time.monotonic()
        try:
            for outcome in audit_shard(task.shard, settings, task.done, stop.is_set):
                batch.append(outcome)
                if len(batch) >= BATCH_ROWS or time.monotonic() - last >= BATCH_SECONDS:
                    if parent_gone() or not send(("rows", task.index, batch)):
                        return
                    batch, last = [], time.monotonic()
        except Exception as exc:  # a bug in one shard must not end the run
            batch.append(Outcome(f"!{task.shard.start}", FAILED, "shard", task.shard.path,
                                 None, f"{task.shard.path}: shard failed: "
                                 f"{type(exc).__name__}: {exc}"))
        if batch and not send(("rows", task.index, batch)):
            return
        if stop.is_set():
            return
        if not send(("done", task.index, None)):
            return


@dataclass(slots=True)
class _Worker:
    """A worker process, its own task queue, and the shards handed to it (HELD at most)."""

    proc: BaseProcess
    tasks: Any
    results: Any  # the read end of its results pipe (multiprocessing Connection)
    ready: bool = False  # its engine is loaded: it may be handed shards
    holds: deque[int] = field(default_factory=deque)  # shards handed, not done, in order


class _Inbox:
    """Every worker's results pipe, read as one queue: `get` returns the next message of
    any of them, or raises queue.Empty after `timeout`. A pipe that reads EOF (its worker
    is gone, and the parent keeps no write end of its own) is dropped, and so is a message
    a dying worker left half written: that read ends in EOF too, not in a wait."""

    def __init__(self) -> None:
        self._pipes: dict[Any, int] = {}  # read end → the worker's pid
        self._ready: deque[Any] = deque()

    def add(self, pipe: Any, pid: int) -> None:
        self._pipes[pipe] = pid

    def get(self, timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            while self._ready:
                pipe = self._ready.popleft()
                if pipe not in self._pipes:
                    continue
                try:
                    return pipe.recv()
                except (EOFError, OSError):
                    self._drop(pipe)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise queue.Empty
            if not self._pipes:
                time.sleep(remaining)
                raise queue.Empty
            self._ready.extend(mp.connection.wait(list(self._pipes), remaining))
            if not self._ready:
                raise queue.Empty

    def left_by(self, pid: int) -> list[Any]:
        """The whole messages a dead worker sent that are not read yet; its pipe closed."""
        arrived = []
        for pipe in [p for p, owner in self._pipes.items() if owner == pid]:
            while pipe.poll():
                try:
                    arrived.append(pipe.recv())
                except (EOFError, OSError):
                    break
            self._drop(pipe)
        return arrived

    def close(self) -> None:
        for pipe in list(self._pipes):
            self._drop(pipe)

    def _drop(self, pipe: Any) -> None:
        self._pipes.pop(pipe, None)
        pipe.close()


def _quiet_tracker() -> None:
    """Start multiprocessing's resource tracker with its warnings off.

    The tracker outlives the run by a moment, unlinks any semaphore of the run's queues
    a cut-short run left behind, and warns about each on the stderr it shares with us:
    after the contract's one `auditor: interrupted` line, a CI log then ended in
    `resource_tracker: '/mp-…': [Errno 2] …` (seen once, under load). That is Python's
    housekeeping, done either way, not the user's news. The tracker is a new interpreter
    that reads PYTHONWARNINGS at its start; the variable is put back at once, so workers
    and anything else the run starts see the environment as it was."""
    from multiprocessing import resource_tracker

    before = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = ",".join(filter(None, (before, TRACKER_WARNINGS)))
    try:
        resource_tracker.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONWARNINGS"]
        else:
            os.environ["PYTHONWARNINGS"] = before


class LocalRunner:
    """Runs shards on `workers` processes, feeding their outcomes to a Collector."""

    def __init__(self, settings: Settings, workers: int,
                 done_keys: Callable[[str], frozenset[str]]) -> None:
        self.settings = settings
        self.workers = max(1, workers)
        self.done_keys = done_keys
        self.fatal: str | None = None
        self._idle_deaths = 0  # workers that died holding no shard, this run

    def run(self, shards: Sequence[Shard], collector: Collector) -> bool:
        """True when every shard finished; False when interrupted."""
        _quiet_tracker()  # before the first queue registers a semaphore with it
        ctx = mp.get_context("spawn")
        inbox = _Inbox()
        stop: Any = ctx.Event()
        by_index = dict(enumerate(shards))
        pending = deque(enumerate(shards))
        outstanding: dict[int, Shard] = {}
        retried: set[int] = set()
        workers: dict[int, _Worker] = {}  # pid → worker

        def spawn() -> None:
            tasks: Any = ctx.Queue(maxsize=HELD + 1)  # and the None that ends it
            read, write = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_worker, args=(tasks, write, stop, self.settings,
                                                     os.getpid()), daemon=True)
            # a worker starts ignoring Ctrl-C, as it runs on (one while it imported printed
            # its traceback)
            with _sigint_ignored():
                proc.start()
            write.close()  # the worker's alone: its death is EOF here
            workers[proc.pid or -1] = _Worker(proc, tasks, read)
            inbox.add(read, proc.pid or -1)

        def handle(kind: str, index: int, payload: Any) -> None:
            """A worker's message: ready, a batch of rows, a shard done."""
            if kind == "ready" and int(payload) in workers:
                workers[int(payload)].ready = True
            elif kind == "rows":  # late rows of a shard given up on are still kept
                collector.add(by_index[index], payload)
            elif kind == "done":
                for worker in workers.values():
                    if index in worker.holds:
                        worker.holds.remove(index)
                if index in outstanding:
                    collector.shard_done(outstanding.pop(index))

        def hand_out() -> None:
            """A shard to each ready worker holding none, then a next one to each holding
            one while more are pending than workers (at the end of the run, a shard
            waiting behind a long one would leave another worker idle)."""
            for held in range(HELD):
                for worker in workers.values():
                    if not pending or (held and len(pending) <= len(workers)):
                        return
                    if worker.ready and len(worker.holds) == held:
                        index, shard = pending.popleft()
                        worker.tasks.put_nowait(
                            _Task(index, shard, self.done_keys(shard.input_id)))
                        worker.holds.append(index)
                        outstanding[index] = shard

        for _ in range(min(self.workers, len(shards))):
            spawn()
        try:
            while pending or outstanding:
                hand_out()
                try:
                    kind, index, payload = inbox.get(timeout=0.5)
                except queue.Empty:
                    self._check_workers(workers, outstanding, retried, pending, collector,
                                        spawn, inbox, handle)
                    if self.fatal:
                        stop.set()
                        return False
                    continue
                if kind == "fatal":
                    self.fatal = str(payload)
                    stop.set()
                    return False
                handle(kind, index, payload)
                collector.maybe_flush()
            for worker in workers.values():
                worker.tasks.put_nowait(None)  # each holds nothing now: there is room
            return True
        except KeyboardInterrupt:
            interrupts.hold()  # a second one is noted: it cuts the drain short, no more
            stop.set()
            self._drain(inbox, by_index, collector)
            return False
        finally:
            collector.flush()
            for worker in workers.values():
                # told to stop, a worker ends after the record it audits; once a second
                # Ctrl-C says not to wait, it is ended at once (what it held is not kept)
                worker.proc.join(timeout=0.0 if interrupts.noted() else 2.0)
                if worker.proc.is_alive():
                    worker.proc.terminate()
                    worker.proc.join(timeout=2.0)
                worker.tasks.cancel_join_thread()
            inbox.close()

    def _drain(self, results: Any, by_index: dict[int, Shard], collector: Collector) -> None:
        """Keep the batches already sent (whole records only) for a moment after Ctrl-C.

        The interrupt may have landed while a message was being read: half-read, the pipe
        is out of step, and the next read may take a length out of the middle of a batch
        and wait forever for bytes that never come -- so the reads run on a thread we stop
        waiting for after DRAIN_SECONDS, and anything that does not read back whole ends
        the drain. Read but not yet returned, that batch of rows is gone. So no shard is
        marked done here -- its "done" may follow a lost batch; a resumed run reads it
        again and audits only what the store lacks.
        """
        arrived: list[Any] = []
        deadline = time.monotonic() + DRAIN_SECONDS

        def read() -> None:
            while time.monotonic() < deadline:
                try:
                    arrived.append(results.get(timeout=0.2))
                except Exception:  # Empty, EOFError, UnpicklingError: nothing whole to read
                    return

        reader = threading.Thread(target=read, name="auditor-drain", daemon=True)
        reader.start()
        until = time.monotonic() + DRAIN_SECONDS + 0.5
        # a second Ctrl-C (noted: the stop is held, see auditor.interrupts) keeps what
        # has arrived, and goes
        while reader.is_alive() and not interrupts.noted() and time.monotonic() < until:
            reader.join(0.05)
        for item in list(arrived):
            try:
                kind, index, payload = item
            except (TypeError, ValueError):  # a wrong shape: out of step
                break
            if index not in by_index:
                break
            if kind == "rows":
                collector.add(by_index[index], payload)

    def _check_workers(self, workers: dict[int, _Worker], outstanding: dict[int, Shard],
                       retried: set[int], pending: deque[tuple[int, Shard]],
                       collector: Collector, spawn: Callable[[], None], inbox: _Inbox,
                       handle: Callable[[str, int, Any], None]) -> None:
        """A worker that died (OOM, a crash in a C library) loses no records: the shard it
        was handed is run again from what the store has; a shard that kills two workers
        is reported.

        A worker that died holding no shard (at start-up, between shards) is replaced too,
        or the run would wait on no workers for ever; when workers keep dying so
        (IDLE_DEATHS per worker asked for: they cannot start here), the run stops with
        `fatal` set."""
        for pid, worker in list(workers.items()):
            if worker.proc.exitcode is None:
                continue
            del workers[pid]
            worker.tasks.cancel_join_thread()
            for message in inbox.left_by(pid):  # what it sent before it died is kept
                if message[0] != "fatal":
                    handle(*message)
            if not worker.holds:
                self._idle_deaths += 1
                if self._idle_deaths > IDLE_DEATHS * self.workers:
                    self.fatal = (f"bulk workers exit before auditing (exit code "
                                  f"{worker.proc.exitcode}, {self._idle_deaths} times); the "
                                  "run is stopped and --resume continues it")
                    return
            collector.flush()
            # it took its shards in order: the first is the one it died on, the rest it
            # never started (they go back as they are)
            for index in reversed(worker.holds):
                if index not in outstanding:
                    continue  # given up on already: only the worker is lost
                shard = outstanding.pop(index)
                if index != worker.holds[0]:
                    pending.appendleft((index, shard))
                elif index in retried:
                    collector.add(shard, [Outcome(
                        f"!{shard.start}", FAILED, "shard", shard.path, None,
                        f"{shard.path}: worker died twice (exit {worker.proc.exitcode}) on "
                        f"records from byte {shard.start}; the rest of this shard is not "
                        "audited")])
                    collector.shard_done(shard)
                else:
                    retried.add(index)
                    pending.appendleft((index, shard))
            spawn()
