"""The bulk store: one SQLite file (WAL, batched transactions) that a run can resume.

Every record is written in the same transaction as its progress row, keyed by
(input_id, record_key); a record is therefore in the store completely or not at all,
and writing it again is a no-op. `report` reads only this file.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.bulk.plan import InputFile, Shard
from auditor.bulk.shard import AUDITED, FAILED, SKIPPED, Outcome
from auditor.errors import StoreError

STORE_SCHEMA = "auditor.bulk.store/1"

_METRICS = ("ad_slots", "ad_resources", "tracker_resources", "third_party_hosts",
            "content_chars", "ad_markup_bytes", "content_to_ad_ratio", "ad_area_px")

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL, status TEXT NOT NULL,
    argv TEXT NOT NULL, inputs TEXT NOT NULL, lists TEXT NOT NULL);
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
    network TEXT, site TEXT, PRIMARY KEY (page_id, kind, value));
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
"""


@dataclass(frozen=True, slots=True)
class Totals:
    records: int
    audited: int
    skipped: int
    failed: int


class Store:
    """Open with `Store.open(path)`; one writer (the process that runs the shards)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Store:
        existed = path.exists() and path.stat().st_size > 0
        if not existed and not create:
            raise StoreError(f"{path}: no such store")
        if existed:
            _check_header(path)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=OFF")
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: not a usable store: {exc}") from None
        store = cls(conn, path)
        if not tables:
            if not create:
                raise StoreError(f"{path}: empty database, not an auditor store")
            store._create()
        elif "meta" not in tables:
            raise StoreError(f"{path}: an SQLite database, but not an auditor store")
        else:
            row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None or row[0] != STORE_SCHEMA:
                found = row[0] if row else "no schema"
                raise StoreError(f"{path}: not an auditor store of schema {STORE_SCHEMA} "
                                 f"({found})")
        return store

    def _create(self) -> None:
        with self._tx():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            self._conn.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("schema", STORE_SCHEMA), ("created", str(time.time())),
                ("tool", f"auditor {__version__}")])

    def _tx(self) -> _Transaction:
        return _Transaction(self._conn)

    def close(self) -> None:
        try:
            self._conn.close()
        except sqlite3.Error:
            pass

    # -- runs and inputs ------------------------------------------------------------

    def begin_run(self, argv: Sequence[str], inputs: Sequence[str],
                  lists: Sequence[dict[str, Any]]) -> int:
        with self._tx():
            cur = self._conn.execute(
                "INSERT INTO runs (started, status, argv, inputs, lists) VALUES (?,?,?,?,?)",
                (time.time(), "running", json.dumps(list(argv)), json.dumps(list(inputs)),
                 json.dumps(list(lists))))
        return int(cur.lastrowid or 0)

    def end_run(self, run_id: int, status: str) -> None:
        with self._tx():
            self._conn.execute("UPDATE runs SET finished=?, status=? WHERE id=?",
                               (time.time(), status, run_id))

    def last_inputs(self) -> list[str]:
        row = self._conn.execute("SELECT inputs FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return list(json.loads(row[0])) if row else []

    def register(self, files: Iterable[InputFile]) -> None:
        with self._tx():
            self._conn.executemany(
                "INSERT OR IGNORE INTO inputs (input_id, path, size, kind) VALUES (?,?,?,?)",
                [(f.input_id, f.path, f.size, f.kind) for f in files])

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
        p = o.page
        assert p is not None
        cur = self._conn.execute(
            f"INSERT INTO pages (input_id, record_key, input, url, site, kind, title, "
            f"{', '.join(_METRICS)}, findings, report) VALUES "
            f"({', '.join('?' * (9 + len(_METRICS)))})",
            (input_id, o.key, o.name, p.url, p.site, p.kind, p.title,
             *(p.metrics.get(m) for m in _METRICS), p.findings, p.report_json))
        page_id = cur.lastrowid
        self._conn.executemany("INSERT OR IGNORE INTO ids VALUES (?,?,?,?,?)",
                               [(page_id, k, v, n, p.site) for k, v, n in p.ids])
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

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return list(self._conn.execute(sql, params))
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from None


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (SQLite errors → StoreError)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"store is not writable: {exc}") from None

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if exc is None:
            try:
                self._conn.execute("COMMIT")
                return
            except sqlite3.Error as error:
                self._conn.execute("ROLLBACK")
                raise StoreError(f"store write failed: {error}") from None
        self._conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"store write failed: {exc}") from None


def _check_header(path: Path) -> None:
    """A file that is not SQLite is refused before sqlite3 can touch it."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(16)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror}") from None
    if magic != b"SQLite format 3\x00":
        raise StoreError(f"{path}: not an auditor store (not an SQLite database)")
