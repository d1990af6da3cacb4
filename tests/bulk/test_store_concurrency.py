"""One writer per store, and a run's row tells the truth about it.

A second `auditor bulk` on a busy store refuses with one line (exit 2) and writes
nothing; a run killed with -9 leaves no stale lock, the next run proceeds and `--resume`
is exact; a run that is not alive any more is never reported as `running`, by `report`
or in the store once a writer has opened it; `report` reads while a run writes.
Real CLI subprocesses throughout: the lock is about processes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from archive_fixtures import page, response, stored, warc_bytes

from auditor.bulk.store import Store
from auditor.cli import main
from auditor.errors import StoreError
from auditor.readers.warc import read_warc

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO.parent / "shared" / "hostile"
LIGHT = ["--no-system-lists", "--no-progress"]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """~6 s of work for one worker: long enough to act on a run while it writes."""
    recs = [response(f"https://s{i % 20}.example/{i}", page(f"p{i}", exo_zone=str(i % 9),
                                                             words=300), encoding="gzip")
            for i in range(600)]
    path = tmp_path_factory.mktemp("conc") / "crawl.warc.gz"
    path.write_bytes(warc_bytes(recs))
    with path.open("rb") as f:
        keys = {r.input.split("#", 1)[1] for r in read_warc(f, str(path))}
    return path, keys


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "auditor", *args], cwd=REPO, text=True,
                          capture_output=True, timeout=120, check=False)


def start_bulk(crawl: Path, store: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "auditor", "bulk", str(crawl), "--store", str(store),
         "--workers", "1", "--split-bytes", "50k", *LIGHT, *extra],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def bulk_under_way(crawl: Path, store: Path, procs: list[subprocess.Popen[bytes]],
                   records: int) -> subprocess.Popen[bytes]:
    """A bulk run, killed at the test's end (`procs`), once it has stored `records`."""
    proc = start_bulk(crawl, store)
    procs.append(proc)
    wait_stored(proc, store, records)
    return proc


@pytest.fixture
def procs() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Runs started by a test; whatever is left of them is killed at the end."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for proc in started:
        for sig in (signal.SIGCONT, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                pass
        proc.wait(timeout=30)


def wait_stored(proc: subprocess.Popen[bytes], store: Path, target: int) -> None:
    deadline = time.monotonic() + 60
    while stored(store) < target:
        assert proc.poll() is None, "the run ended before the test could act on it"
        assert time.monotonic() < deadline, "the run stored nothing for 60 s"
        time.sleep(0.02)


def runs(store: Path) -> list[tuple[int, str, int | None, int | None]]:
    """(id, status, pid, resumes) as the store itself holds them."""
    with sqlite3.connect(store) as db:
        db.row_factory = sqlite3.Row
        rows = list(db.execute("SELECT * FROM runs ORDER BY id"))
    return [(r["id"], r["status"], *(r[c] if c in r.keys() else None
                                     for c in ("pid", "resumes"))) for r in rows]


def check_exact(store: Path, expected: set[str]) -> None:
    with sqlite3.connect(store) as db:
        keys = [k for (k,) in db.execute("SELECT record_key FROM progress")]
        pages = db.execute("SELECT count(*), count(DISTINCT record_key) FROM pages").fetchone()
        audited = db.execute("SELECT count(*) FROM progress WHERE status='audited'").fetchone()
    assert len(keys) == len(set(keys)) == len(expected) and set(keys) == expected
    assert pages[0] == pages[1] == audited[0]


def report(store: Path, *args: str) -> str:
    """`auditor report` in this process (it only reads; startup is what costs here)."""
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["report", "--store", str(store), *args]) == 0
    return out.getvalue()


def report_json(store: Path) -> Any:
    return json.loads(report(store, "--format", "json"))


def test_a_second_run_on_a_busy_store_refuses_with_one_line(
        crawl: tuple[Path, set[str]], tmp_path: Path,
        procs: list[subprocess.Popen[bytes]]) -> None:
    path, _ = crawl
    store = tmp_path / "s.db"
    first = bulk_under_way(path, store, procs, 50)
    os.kill(first.pid, signal.SIGSTOP)  # holds the lock, and cannot finish under our feet
    try:
        before = stored(store)
        for extra in ((), ("--resume",)):
            second = cli("bulk", str(path), "--store", str(store), "--workers", "1",
                         *LIGHT, *extra)
            assert second.returncode == 2, second.stderr
            assert second.stdout == ""
            assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
            assert "in use by another auditor bulk" in second.stderr
            assert f"pid {first.pid} on " in second.stderr  # who holds it
        assert stored(store) == before
        assert [r[:3] for r in runs(store)] == [(1, "running", first.pid)]  # no row of B's
    finally:
        os.kill(first.pid, signal.SIGCONT)
    os.kill(first.pid, signal.SIGTERM)
    _, err = first.communicate(timeout=60)
    assert first.returncode == 130, err.decode()
    assert [r[1] for r in runs(store)] == ["interrupted"]
    # stderr says so in one line (the contract's `auditor: interrupted`) and how to go on
    assert err.decode() == (
        f"auditor: interrupted: `auditor bulk --resume --store {store}` finishes the run\n")


LEAK = """
import multiprocessing, os, sys
if sys.argv[1] == "run":
    from auditor.bulk.workers import _quiet_tracker
    before = dict(os.environ)
    _quiet_tracker()
    assert dict(os.environ) == before
lock = multiprocessing.get_context("spawn").Lock()  # registers a semaphore with the tracker
os._exit(0)  # and is never unlinked: the tracker tidies it up once we are gone
"""


@pytest.mark.parametrize("started", ["run", "plain"])
def test_the_resource_tracker_adds_no_line_to_stderr(started: str) -> None:
    """Under CI load an interrupted run's stderr once ended, after the contract's one line,
    in multiprocessing's resource tracker warning about a semaphore it tidied up. The
    tracker a run starts keeps that to itself; one started plainly says it (so this test
    sees the tracker's stderr at all). The tracker writes after we exit: `run` waits
    for the pipe to close, which the tracker holds too."""
    result = subprocess.run([sys.executable, "-c", LEAK, started], cwd=REPO, text=True,
                            capture_output=True, timeout=120, check=False)
    assert result.returncode == 0
    if started == "run":
        assert result.stderr == ""
    else:
        assert "resource_tracker: There appear to be 1 leaked semaphore" in result.stderr


def test_after_kill_9_the_next_run_proceeds_and_resume_is_exact(
        crawl: tuple[Path, set[str]], tmp_path: Path,
        procs: list[subprocess.Popen[bytes]]) -> None:
    path, expected = crawl
    store = tmp_path / "s.db"
    first = bulk_under_way(path, store, procs, 100)
    os.kill(first.pid, signal.SIGKILL)  # the parent only: its worker may live on a while
    first.wait(timeout=30)
    assert runs(store) == [(1, "running", first.pid, None)]  # as kill -9 left it

    # report is read-only: it tells the truth without writing it down
    [run] = report_json(store)["runs"]
    assert (run["id"], run["status"], run["pid"], run["finished"]) == (1, "killed", first.pid,
                                                                       None)
    assert runs(store)[0][1] == "running"
    text = report(store, "--width", "200")
    assert "Run 1 was killed before it finished" in text
    assert f"`auditor bulk --resume --store {store}` finishes it" in text  # to copy as is

    second = cli("bulk", "--store", str(store), "--workers", "1", *LIGHT, "--resume")
    assert second.returncode == 0, second.stderr
    check_exact(store, expected)
    killed, resumed = runs(store)
    assert killed[1:] == ("killed", first.pid, None)
    assert resumed[1] == "done" and resumed[3] == 1 and resumed[2] not in (None, first.pid)
    assert [r["status"] for r in report_json(store)["runs"]] == ["done", "killed"]


def test_report_reads_while_a_run_writes(crawl: tuple[Path, set[str]], tmp_path: Path,
                                         procs: list[subprocess.Popen[bytes]]) -> None:
    path, _ = crawl
    store = tmp_path / "s.db"
    first = bulk_under_way(path, store, procs, 20)
    seen = []
    for _ in range(5):
        summary = report_json(store)
        totals = [summary[k] for k in ("records", "audited", "skipped", "failed")]
        assert totals[0] == sum(totals[1:])
        seen.append(totals[0])
        assert summary["runs"][0]["status"] == "running"
        time.sleep(0.1)
    assert "Run 1 is still running" in report(store, "--width", "200")
    assert first.poll() is None, "the run ended before the reports: make the crawl bigger"
    assert seen == sorted(seen) and seen[-1] < 601
    os.kill(first.pid, signal.SIGTERM)  # end it early: the reports during it were the point
    _, err = first.communicate(timeout=60)
    assert first.returncode == 130 and b"error" not in err, err.decode()
    assert report_json(store)["runs"][0]["status"] == "interrupted"


def test_a_store_written_before_the_lock_gains_its_columns(tmp_path: Path) -> None:
    """Schema 1 without runs.pid/host/resumes: read as it is, migrated by the next run;
    a `running` row there, with no lock file at all, is a dead run."""
    html = tmp_path / "p.html"
    html.write_text("<p>text</p>")
    store = tmp_path / "old.db"
    assert cli("bulk", str(html), "--store", str(store), "--workers", "1",
               *LIGHT).returncode == 0
    with sqlite3.connect(store) as db:
        for (column,) in db.execute("SELECT name FROM pragma_table_info('runs') "
                                    "WHERE name IN ('pid', 'host', 'resumes')").fetchall():
            db.execute(f"ALTER TABLE runs DROP COLUMN {column}")
        db.execute("UPDATE runs SET status='running', finished=NULL")
    (tmp_path / "old.db.lock").unlink(missing_ok=True)  # as versions before the lock left it
    assert [(r["status"], r["pid"]) for r in report_json(store)["runs"]] == [("killed", None)]
    result = cli("bulk", "--store", str(store), "--workers", "1", *LIGHT, "--resume")
    assert result.returncode == 0, result.stderr
    assert [(r[1], r[3]) for r in runs(store)] == [("killed", None), ("done", 1)]


def test_one_writer_per_store_within_one_process_too(tmp_path: Path) -> None:
    """flock excludes a second open of the lock file even in the same process."""
    path = tmp_path / "s.db"
    first = Store.writer(path)
    try:
        with pytest.raises(StoreError, match="in use by another auditor bulk"):
            Store.writer(path)
        Store.open(path).close()  # readers are never refused
    finally:
        first.close()
    Store.writer(path).close()  # closing released it


def _csv_cells(store: Path) -> list[str]:
    text = report(store, "--format", "csv")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _no_formula(cells: list[str]) -> None:
    formulas = [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert formulas == [], f"cells a spreadsheet would run: {formulas}"


def test_shared_csv_formula_page_gives_no_formula_cell(tmp_path: Path) -> None:
    page_path = HOSTILE / "csv-formula.html"
    if not page_path.exists():
        pytest.skip(f"the hostile reproducers are not at {HOSTILE} (they live in ../shared)")
    store = tmp_path / "s.db"
    result = cli("bulk", str(page_path), "--store", str(store), "--workers", "1", *LIGHT)
    assert result.returncode == 0, result.stderr
    cells = _csv_cells(store)
    _no_formula(cells)
    assert any(c.startswith("'=cmd|") for c in cells)  # the hostile host is there, inert


def test_csv_cells_from_hostile_hosts_and_sites_are_inert(tmp_path: Path) -> None:
    """Page URLs (sites, clusters) and resource hosts starting a formula, in JSONL."""
    hosts = ["=1+2.example", "+cmd.example", "-2+3.example", "=cmd|' /C calc'!A0"]
    scripts = "".join(f'<script src="https://{h}/t.js"></script>' for h in hosts)
    exo = ("<script async src='https://a.magsrv.com/ad-provider.js'></script>"
           "<ins class='eas6a97888e2' data-zoneid='5876674'></ins>")
    lines = [json.dumps({"url": f"https://{h}/p{i}", "html": f"<p>text</p>{scripts}{exo}"})
             for i, h in enumerate(hosts)]
    crawl = tmp_path / "pages.jsonl"
    crawl.write_text("\n".join(lines) + "\n")
    store = tmp_path / "s.db"
    result = cli("bulk", str(crawl), "--store", str(store), "--workers", "1", *LIGHT)
    assert result.returncode == 0, result.stderr
    cells = _csv_cells(store)
    _no_formula(cells)
    for prefix in ("'=1+2", "'+cmd", "'-2+3", "'=cmd|"):
        assert any(c.startswith(prefix) for c in cells), prefix
