"""The bulk store: one SQLite file (WAL, batched transactions) that a run can resume.

Every record is written in the same transaction as its progress row, keyed by
(input_id, record_key); a record is therefore in the store completely or not at all,
and writing it again is a no-op. `report` reads only this file.

One writer at a time: a bulk run holds an exclusive `flock` on `<store>.lock` for its
whole life. The kernel drops it when the process ends, kill -9 included, so a lock is
never stale, and whoever holds it knows that a run still marked `running` is dead.
Readers take no lock; they only probe it, to tell a live run from a killed one.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from auditor.bulk.plan import InputFile, Shard
from auditor.bulk.shard import AUDITED, FAILED, SKIPPED, Outcome
from auditor.errors import StoreError
from auditor.readers.interface import without_surrogates
from auditor.version import __version__

STORE_SCHEMA = "auditor.bulk.store/1"

RUNNING, DONE, INTERRUPTED, KILLED = "running", "done", "interrupted", "killed"
# A report probes the lock for a moment; a starting run waits this long before refusing.
LOCK_WAIT_SECONDS = 1.0
# Columns added to `runs` after schema 1 was released: nullable, so stores written before
# keep schema 1 (old versions read and write them as before) and gain them on a write.
_RUN_COLUMNS_ADDED = (("pid", "INTEGER"), ("host", "TEXT"), ("resumes", "INTEGER"))
# Likewise `ids`: whose an ID is (issue 16). Null reads as `operator`, so a store written
# before is all-operator, as the auditor that wrote it saw it.
# `slot` (1: the ID belongs to the page's own ad slot markup, see shard._slot_ids) came
# later still; null reads as 0, as the store's writer knew no better.
_ID_COLUMNS_ADDED = (("origin", "TEXT"), ("copied_from", "TEXT"), ("slot", "INTEGER"))
# And a table: the originals each page republishes (its `provenance`), one row per source
# host; `evidence` is the evidence kinds, comma-joined. Created by the next writer.
_PAGE_SOURCES = """
CREATE TABLE IF NOT EXISTS page_sources (
    page_id INTEGER NOT NULL REFERENCES pages (id), domain TEXT NOT NULL, host TEXT NOT NULL,
    url TEXT, evidence TEXT NOT NULL, PRIMARY KEY (page_id, host));
CREATE INDEX IF NOT EXISTS page_sources_domain ON page_sources (domain);
"""
# And each input's file as resolved when it was registered, as the file system names it
# (bytes): a later run finds an input changed since at its place, from whatever folder it
# runs, whatever bytes its name holds that no encoding decodes. Created by the next writer.
_INPUT_PATHS = """
CREATE TABLE IF NOT EXISTS input_paths (input_id TEXT PRIMARY KEY, resolved BLOB NOT NULL);
"""
# Columns added to `pages` the same way: the MFA scorecard's count, for the per-site summary.
_PAGE_COLUMNS_ADDED = (("mfa_met", "INTEGER"), ("mfa_judged", "INTEGER"),
                       ("mfa_criteria", "TEXT"))

_METRICS = ("ad_slots", "ad_resources", "tracker_resources", "third_party_hosts",
            "content_chars", "ad_markup_bytes", "content_to_ad_ratio", "ad_area_px")
_PAGE_COLUMNS = ("input_id", "record_key", "input", "url", "site", "kind", "title", *_METRICS,
                 "findings", "report", *(name for name, _ in _PAGE_COLUMNS_ADDED))
_INSERT_PAGE = (f"INSERT INTO pages ({', '.join(_PAGE_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_PAGE_COLUMNS))})")

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL, status TEXT NOT NULL,
    argv TEXT NOT NULL, inputs TEXT NOT NULL, lists TEXT NOT NULL,
    pid INTEGER, host TEXT, resumes INTEGER);
CREATE TABLE inputs (
    input_id TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, kind TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0);
CREATE TABLE shards (
    input_id TEXT NOT NULL, start INTEGER NOT NULL, end_ INTEGER,
    PRIMARY KEY (input_id, start, end_));
CREATE TABLE progress (
    input_id TEXT NOT NULL, record_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('{AUDITED}', '{SKIPPED}', '{FAILED}')),
    kind TEXT NOT NULL, detail TEXT, run_id INTEGER NOT NULL,
    PRIMARY KEY (input_id, record_key)) WITHOUT ROWID;
CREATE TABLE pages (
    id INTEGER PRIMARY KEY, input_id TEXT NOT NULL, record_key TEXT NOT NULL,
    input TEXT NOT NULL, url TEXT, site TEXT, kind TEXT NOT NULL, title TEXT,
    {", ".join(f"{m} {'REAL' if m == 'content_to_ad_ratio' else 'INTEGER'}" for m in _METRICS)},
    findings INTEGER NOT NULL, report TEXT NOT NULL,
    UNIQUE (input_id, record_key));
CREATE INDEX pages_site ON pages (site);
CREATE TABLE ids (
    page_id INTEGER NOT NULL REFERENCES pages (id), kind TEXT NOT NULL, value TEXT NOT NULL,
    network TEXT, site TEXT, origin TEXT, copied_from TEXT, slot INTEGER,
    PRIMARY KEY (page_id, kind, value));
CREATE INDEX ids_value ON ids (kind, value);
CREATE TABLE page_networks (
    page_id INTEGER NOT NULL REFERENCES pages (id), network TEXT NOT NULL, category TEXT,
    PRIMARY KEY (page_id, network));
CREATE TABLE page_hosts (
    page_id INTEGER NOT NULL REFERENCES pages (id), host TEXT NOT NULL, domain TEXT NOT NULL,
    network TEXT, category TEXT NOT NULL, resources INTEGER NOT NULL, blocked INTEGER NOT NULL,
    PRIMARY KEY (page_id, host));
CREATE TABLE errors (
    input_id TEXT NOT NULL, record_key TEXT NOT NULL, input TEXT NOT NULL, kind TEXT NOT NULL,
    error TEXT NOT NULL, PRIMARY KEY (input_id, record_key));
{_PAGE_SOURCES}{_INPUT_PATHS}"""


# what SQLite's typeof() of a value (or a check's own word for it) is called in a message
_TYPE_SAID = {"integer": "an integer", "real": "a number", "text": "text", "blob": "a blob",
      "null": "no value", "infinity": "infinity"}
# seconds since 1970 a date can be written for (up to the year 9999)
_LAST_TIME = 253402300799
# what a row must hold beyond its column's type: a time a calendar has, a scorecard whole
_ROW_RULES = {
    ("runs", "started"): (f"started BETWEEN 0 AND {_LAST_TIME}", "a time"),
    ("runs", "finished"): (f"finished IS NULL OR finished BETWEEN 0 AND {_LAST_TIME}",
                           "a time or no value"),
    ("pages", "mfa_judged"): ("mfa_met IS NULL OR mfa_judged IS NOT NULL",
                              "a count where mfa_met has one"),
    ("progress", "status"): (f"status IN ('{AUDITED}', '{SKIPPED}', '{FAILED}')",
                             f"{AUDITED}, {SKIPPED} or {FAILED}"),
}


@functools.cache
def _written_types() -> dict[tuple[str, str], tuple[str, bool]]:
    """Each column of this version's schema (with the columns and tables added to schema
    1 since) and its declared type, and whether it may be null: read off the schema
    itself, made in memory, so no second list of types can drift from it."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(_SCHEMA)
        for table, added in (("runs", _RUN_COLUMNS_ADDED), ("ids", _ID_COLUMNS_ADDED),
                             ("pages", _PAGE_COLUMNS_ADDED)):
            for name, kind in added:
                if name not in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")]
        return {(table, r[1]): (str(r[2]).upper(), not r[3]) for table in tables
                for r in conn.execute(f"PRAGMA table_info({table})")}
    finally:
        conn.close()


class _RowCheck(NamedTuple):
    """An SQL condition every row's `column` meets, what it says the column holds, and an
    SQL expression naming what a row that fails it holds instead."""

    table: str
    column: str
    condition: str
    expected: str
    found: str


# what SQLite's typeof() may give in a column of each declared type, and what that is called
_COLUMN_TYPES = {"INTEGER": (("integer",), "an integer"), "REAL": (("real", "integer"), "a number"),
                 "TEXT": (("text",), "text")}
_ANY_TYPE = (("integer", "real", "text", "blob"), "a value")


def _row_checks(tables: set[str], columns: Callable[[str], set[str]]) -> Iterator[_RowCheck]:
    """The checks of the store's tables and columns this version writes."""
    have = {table: columns(table) for table in tables}
    for (table, column), (kind, nullable) in _written_types().items():
        if column not in have.get(table, set()):
            continue
        types, said = _COLUMN_TYPES.get(kind, _ANY_TYPE)
        allowed = ", ".join(f"'{t}'" for t in (*types, *(("null",) if nullable else ())))
        expected = said + (" or no value" if nullable else "")
        yield _RowCheck(table, column, f"typeof({column}) IN ({allowed})", expected,
                        f"typeof({column})")
        if "real" in types:  # a REAL column takes the text '1e999' as infinity
            yield _RowCheck(table, column, f"abs(coalesce({column}, 0)) < 9e999",
                            "a finite number", "'infinity'")
        if (table, column) in _ROW_RULES:
            condition, said = _ROW_RULES[table, column]
            yield _RowCheck(table, column, condition, said, f"typeof({column})")


def _resolved(path: str) -> bytes:
    """The file `path` leads to, as the file system names it."""
    return os.fsencode(os.path.realpath(path))


@dataclass(frozen=True, slots=True)
class Totals:
    records: int
    audited: int
    skipped: int
    failed: int


@dataclass(frozen=True, slots=True)
class Run:
    """A `bulk` invocation as a reader should see it: `status` is `running` only while
    its process lives (holds the store's lock); one that died unannounced is `killed`."""

    id: int
    started: float
    finished: float | None
    status: str
    pid: int | None
    host: str | None
    resumes: int | None
    records: int  # records this run stored


class Store:
    """`Store.open(path)` to read, `Store.writer(path)` for the one process that runs the
    shards (it holds the store's lock until `close`)."""

    def __init__(self, conn: sqlite3.Connection, path: Path,
                 lock: StoreLock | None = None) -> None:
        self._conn = conn
        self.path = path
        self._lock = lock

    @classmethod
    def open(cls, path: Path) -> Store:
        """An existing store, to read; a run may be writing it meanwhile (WAL)."""
        if not path.exists():
            raise StoreError(f"{path}: no such store")
        if path.is_dir() or path.stat().st_size == 0:  # said as it is: the file is there
            raise StoreError(f"{path}: {'a directory' if path.is_dir() else 'an empty file'}, "
                             "not an auditor store")
        _check_header(path)
        return cls._connect(path, None)

    @classmethod
    def writer(cls, path: Path) -> Store:
        """The store to write (created if absent), locked against a second writer.

        Runs still marked `running` once the lock is ours died without closing their
        row (kill -9, out of memory, power loss): they are marked `killed` here.
        """
        if path.exists() and path.stat().st_size > 0:
            _check_header(path)  # before a lock file appears next to someone's file
        lock = StoreLock.acquire(path)
        try:
            store = cls._connect(path, lock)
            try:
                store._migrate()
                with store._tx():
                    store._conn.execute("UPDATE runs SET status=? WHERE status=?",
                                        (KILLED, RUNNING))
            except BaseException:
                store.close()
                raise
        except BaseException:
            lock.release()
            raise
        return store

    @classmethod
    def _connect(cls, path: Path, lock: StoreLock | None) -> Store:
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=OFF")
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.Error as exc:
            if disk_full(exc, path):
                raise StoreError(f"{path}: cannot write the store: {exc} (No space left on "
                                 "device); free space, then run the command again") from None
            raise StoreError(f"{path}: not a usable store: {exc}") from None
        store = cls(conn, path)
        try:
            if not tables:
                if lock is None:
                    raise StoreError(f"{path}: empty database, not an auditor store")
                store._create()
            elif "meta" not in tables:
                raise StoreError(f"{path}: an SQLite database, but not an auditor store")
            else:
                row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if row is None or row[0] != STORE_SCHEMA:
                    found = row[0] if row else "no schema"
                    raise StoreError(f"{path}: not an auditor store of schema "
                                     f"{STORE_SCHEMA} ({found})")
        except BaseException:
            store.close()
            raise
        store._lock = lock
        return store

    def _migrate(self) -> None:
        """Add the columns and tables later versions gave schema 1 to a store written
        before them (a new store gets them here too)."""
        missing = [(table, name, kind)
                   for table, added in (("runs", _RUN_COLUMNS_ADDED), ("ids", _ID_COLUMNS_ADDED),
                                        ("pages", _PAGE_COLUMNS_ADDED))
                   for name, kind in added if name not in self.columns(table)]
        if missing or not {"page_sources", "input_paths"} <= self.tables():
            with self._tx():
                for table, name, kind in missing:
                    self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
                for statement in (_PAGE_SOURCES + _INPUT_PATHS).split(";"):
                    if statement.strip():
                        self._conn.execute(statement)

    def check_rows(self) -> None:
        """StoreError, one line, when a row holds what this version never writes there (a
        store written by another version, or edited by hand): text in a count, a blob for
        an ID, a time no calendar has. Read as it was, each such row was an internal error
        deep in the summary (`int('x')`, a bytes pattern), or a report printed from it."""
        by_table: dict[str, list[_RowCheck]] = {}
        for check in _row_checks(self.tables(), self.columns):
            by_table.setdefault(check.table, []).append(check)
        for table, checks in by_table.items():  # one pass over each table
            which = " ".join(f"WHEN NOT ({c.condition}) THEN {i}"
                             for i, c in enumerate(checks))
            row = self._conn.execute(
                f"SELECT CASE {which} END, {', '.join(c.found for c in checks)} FROM {table} "
                f"WHERE {' OR '.join(f'NOT ({c.condition})' for c in checks)} LIMIT 1"
            ).fetchone()
            if row is not None:
                failed, found = checks[row[0]], row[1 + row[0]]
                raise StoreError(
                    f"{self.path}: a row of {table} holds {_TYPE_SAID.get(found, found)} in "
                    f"{failed.column}, where this version writes {failed.expected}: a store "
                    "written by another version, or edited; audit into a new --store")

    def columns(self, table: str) -> set[str]:
        """The table's columns: a store written by an older version lacks some."""
        return {r[1] for r in self._conn.execute(f"PRAGMA table_info({table})")}

    def tables(self) -> set[str]:
        return {r[0] for r in self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}

    def _create(self) -> None:
        with self._tx():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            self._conn.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("schema", STORE_SCHEMA), ("created", str(time.time())),
                ("tool", f"auditor {__version__}")])

    def _tx(self) -> _Transaction:
        return _Transaction(self._conn, self.path)

    def close(self) -> None:
        try:
            self._conn.close()
        except sqlite3.Error:
            pass
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- runs and inputs ------------------------------------------------------------

    def begin_run(self, argv: Sequence[str], inputs: Sequence[str],
                  lists: Sequence[dict[str, Any]], resumes: int | None = None) -> int:
        """A new `running` row with this process's pid and host; `resumes` is the run a
        `--resume` continues."""
        with self._tx():
            cur = self._conn.execute(
                "INSERT INTO runs (started, status, argv, inputs, lists, pid, host, resumes) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (time.time(), RUNNING, json.dumps(list(argv)), json.dumps(list(inputs)),
                 json.dumps(list(lists)), os.getpid(), socket.gethostname(), resumes))
        return int(cur.lastrowid or 0)

    def end_run(self, run_id: int, status: str) -> None:
        with self._tx():
            self._conn.execute("UPDATE runs SET finished=?, status=? WHERE id=?",
                               (time.time(), status, run_id))

    def last_inputs(self) -> list[str]:
        row = self._conn.execute("SELECT inputs FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return list(json.loads(row[0])) if row else []

    def last_run_id(self) -> int | None:
        row = self._conn.execute("SELECT max(id) FROM runs").fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def register(self, files: Iterable[InputFile]) -> None:
        with self._tx():
            self._conn.executemany(
                "INSERT OR IGNORE INTO inputs (input_id, path, size, kind) VALUES (?,?,?,?)",
                [(f.input_id, without_surrogates(f.path), f.size, f.kind) for f in files])
            self._conn.executemany(
                "INSERT OR IGNORE INTO input_paths (input_id, resolved) VALUES (?,?)",
                [(f.input_id, _resolved(f.path)) for f in files])

    def check_unchanged(self, files: Iterable[InputFile]) -> None:
        """StoreError when an input the store holds records of has changed since (another
        size or content at its path): audited again as a new input, every record it kept
        was counted twice (a WARC a crawler was still writing, resumed once it had grown:
        63 records in a store of a file of 42)."""
        files = list(files)
        present = {f.input_id for f in files}  # the inputs as they are now: unchanged
        resolved: dict[str, bytes] = dict(self._conn.execute(
            "SELECT input_id, resolved FROM input_paths")
            ) if "input_paths" in self.tables() else {}
        held: dict[str | bytes, list[tuple[str, int]]] = {}
        for path, input_id, size in self._conn.execute(
                "SELECT path, input_id, size FROM inputs i WHERE EXISTS "
                "(SELECT 1 FROM progress p WHERE p.input_id = i.input_id)"):
            if input_id in present:
                continue
            # the file it was; in a store written before that was kept, the name given
            # and the file it leads to from here (`crawl.warc` and `./crawl.warc`)
            keys = ({resolved[input_id]} if input_id in resolved
                    else {path, os.path.realpath(path)})
            for key in keys:
                held.setdefault(key, []).append((input_id, size))
        for f in files:
            named: set[str | bytes] = {_resolved(f.path), without_surrogates(f.path),
                                       os.path.realpath(f.path)}
            earlier = [size for key in named for input_id, size in held.get(key, [])
                       if input_id != f.input_id]
            if earlier:
                raise StoreError(
                    f"{f.path}: changed since this store audited it ({earlier[-1]} bytes "
                    f"then, {f.size} now); its records there would be counted twice: audit "
                    "it into a new --store")

    def done_inputs(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT input_id FROM inputs WHERE done=1")}

    def done_shards(self) -> set[tuple[str, int, int | None]]:
        return {(r[0], r[1], r[2]) for r in self._conn.execute("SELECT * FROM shards")}

    def done_keys(self, input_id: str) -> frozenset[str]:
        return frozenset(r[0] for r in self._conn.execute(
            "SELECT record_key FROM progress WHERE input_id=?", (input_id,)))

    # -- writing --------------------------------------------------------------------

    def write(self, run_id: int, outcomes: Sequence[tuple[str, Outcome]],
              shards_done: Sequence[Shard] = (), inputs_done: Sequence[str] = ()
              ) -> dict[str, int]:
        """Records (input_id, Outcome) and finished shards in one transaction.

        Returns how many records were new, by status; a record already present is left
        as it is.
        """
        new = {AUDITED: 0, SKIPPED: 0, FAILED: 0}
        conn = self._conn
        with self._tx():
            for input_id, o in outcomes:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO progress VALUES (?,?,?,?,?,?)",
                    (input_id, o.key, o.status, o.kind, o.detail, run_id))
                if cur.rowcount != 1:
                    continue
                new[o.status] += 1
                if o.status == FAILED:
                    conn.execute("INSERT OR IGNORE INTO errors VALUES (?,?,?,?,?)",
                                 (input_id, o.key, o.name, o.kind, o.detail or ""))
                elif o.status == AUDITED and o.page is not None:
                    self._write_page(input_id, o)
            conn.executemany("INSERT OR IGNORE INTO shards VALUES (?,?,?)",
                             [(s.input_id, s.start, s.end) for s in shards_done])
            conn.executemany("UPDATE inputs SET done=1 WHERE input_id=?",
                             [(i,) for i in inputs_done])
        return new

    def _write_page(self, input_id: str, o: Outcome) -> None:
        """A page's row with its scorecard columns in one INSERT (a writer has migrated
        them in): an UPDATE after it wrote the row, its report JSON and all, twice."""
        p = o.page
        assert p is not None
        cur = self._conn.execute(_INSERT_PAGE, (
            input_id, o.key, o.name, p.url, p.site, p.kind, p.title,
            *(p.metrics.get(m) for m in _METRICS), p.findings, p.report_json,
            *(p.mfa or (None, None, None))))
        page_id = cur.lastrowid
        self._conn.executemany(
            "INSERT OR IGNORE INTO ids (page_id, kind, value, network, site, origin, "
            "copied_from, slot) VALUES (?,?,?,?,?,?,?,?)",
            [(page_id, k, v, n, p.site, o, c, int(slot)) for k, v, n, o, c, slot in p.ids])
        self._conn.executemany("INSERT OR IGNORE INTO page_sources VALUES (?,?,?,?,?)",
                               [(page_id, *s) for s in p.sources])
        self._conn.executemany("INSERT OR IGNORE INTO page_networks VALUES (?,?,?)",
                               [(page_id, n, c) for n, c in p.networks])
        self._conn.executemany("INSERT OR IGNORE INTO page_hosts VALUES (?,?,?,?,?,?,?)",
                               [(page_id, *h) for h in p.hosts])

    # -- reading --------------------------------------------------------------------

    def totals(self) -> Totals:
        counts = dict(self._conn.execute(
            "SELECT status, count(*) FROM progress GROUP BY status").fetchall())
        a, s, f = (int(counts.get(k, 0)) for k in (AUDITED, SKIPPED, FAILED))
        return Totals(a + s + f, a, s, f)

    def runs(self, limit: int | None = None) -> list[Run]:
        """The latest runs first, each `running` only if its process still lives.

        A writer marks dead runs `killed` when it opens the store; until one does, a
        reader works it out from the lock (and leaves the store as it is).
        """
        have = self.columns("runs")
        extra = ", ".join(name if name in have else "NULL" for name, _ in _RUN_COLUMNS_ADDED)
        rows = self.query(f"SELECT id, started, finished, status, {extra} FROM runs "
                          f"ORDER BY id DESC LIMIT ?", (-1 if limit is None else limit,))
        if not rows:
            return []
        stored = dict(self.query("SELECT run_id, count(*) FROM progress GROUP BY run_id"))
        live = self._lock is not None or writer_alive(self.path)
        newest_running = max((r[0] for r in rows if r[3] == RUNNING), default=None)
        out = []
        for rid, started, finished, status, pid, host, resumes in rows:
            if status == RUNNING and not (live and rid == newest_running):
                status = KILLED
            out.append(Run(int(rid), float(started), finished, str(status), pid, host,
                           resumes, int(stored.get(rid, 0))))
        return out

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return list(self._conn.execute(sql, params))
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from None


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (SQLite errors → StoreError)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path

    def __enter__(self) -> None:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self._path}: store is not writable: {exc}") from None

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if exc is None:
            try:
                self._conn.execute("COMMIT")
                return
            except sqlite3.Error as error:
                self._rollback()
                raise self._failed(error) from None
        self._rollback()
        if isinstance(exc, sqlite3.Error):
            raise self._failed(exc) from None

    def _failed(self, error: sqlite3.Error) -> StoreError:
        """The store's path and, on a full disk, what to do: what was committed stays."""
        if disk_full(error, self._path):
            return StoreError(f"{self._path}: store write failed: {error}; free space, then "
                              f"`auditor bulk --resume --store {self._path}` goes on")
        return StoreError(f"{self._path}: store write failed: {error}")


    def _rollback(self) -> None:
        """ROLLBACK, unless SQLite already did: on a full disk (SQLITE_FULL) it rolls the
        transaction back itself, and a second ROLLBACK's error would hide the cause."""
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")


# free bytes below which a store's I/O error is put down to a full disk
_NEARLY_FULL = 1 << 20


def disk_full(error: sqlite3.Error, path: Path) -> bool:
    """Whether a store's SQLite error is a full disk: SQLITE_FULL, or the I/O error SQLite
    gives where writing its shared-memory index failed for want of room (a full tmpfs:
    the store was "not a usable store: disk I/O error", as if the file were damaged)."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return True
    if code != sqlite3.SQLITE_IOERR:
        return False
    try:
        room = os.statvfs(path.parent)
    except OSError:
        return False
    return room.f_bavail * room.f_frsize < _NEARLY_FULL


class StoreLock:
    """An exclusive `flock` on `<store>.lock`, held for a bulk run's life.

    flock, not SQLite's own locks: a run commits in many short transactions, and it must
    exclude a second run between them too. The kernel releases it with the process
    (kill -9 included), so it is never stale; the file is opened close-on-exec, so a
    worker process does not keep it alive. The holder writes its pid and host into the
    file, for the message a second run prints.
    """

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @staticmethod
    def path_for(store: Path) -> Path:
        return store.with_name(store.name + ".lock")

    @classmethod
    def acquire(cls, store: Path, wait: float = LOCK_WAIT_SECONDS) -> StoreLock:
        path = cls.path_for(store)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise StoreError(f"{store}: cannot open its lock file {path.name}: "
                             f"{exc.strerror}") from None
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                holder = _holder(fd)
                os.close(fd)
                raise StoreError(f"{store}: in use by another auditor bulk{holder}; wait for "
                                 "it to end, or stop it and run again with --resume") from None
            except OSError as exc:  # ENOLCK: a filesystem without locks holds no store
                os.close(fd)
                raise StoreError(f"{store}: cannot lock {path.name}: {exc.strerror}") from None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        except OSError:
            pass  # the holder's name only serves the message above
        return cls(fd)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


def writer_alive(store: Path) -> bool:
    """Whether a bulk run holds the store's lock, probed without writing anything.

    A shared lock taken and dropped at once; a run starting in that instant waits
    `LOCK_WAIT_SECONDS` for it. No lock file: no run of this version has written here.
    """
    try:
        fd = os.open(StoreLock.path_for(store), os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return False
    except OSError:  # cannot tell: never call a live run dead
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:  # held (EWOULDBLOCK), or cannot tell
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """` (pid 123 on host)` from the lock file, or nothing if it says something else."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
    except OSError:
        return ""
    if len(text) == 2 and text[0].isdigit():
        return f" (pid {text[0]} on {text[1]})"
    return ""


def _check_header(path: Path) -> None:
    """A file that is not SQLite is refused before sqlite3 can touch it."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(16)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror}") from None
    if magic != b"SQLite format 3\x00":
        raise StoreError(f"{path}: not an auditor store (not an SQLite database)")
