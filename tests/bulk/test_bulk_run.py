"""`auditor bulk` end to end: exact counts over every input kind, idempotence, resume."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from archive_fixtures import (
    Rec,
    linked_site,
    page,
    response,
    tar_bytes,
    wacz_bytes,
    warc_bytes,
    wp_post,
    zip_bytes,
)

from auditor.cli import main

LIGHT = ["--no-system-lists", "--no-progress", "--workers", "2"]


def site_page(i: int) -> str:
    return page(f"Article {i}", exo_zone=str(5876000 + i % 3),
                adsense="ca-pub-8120000000000123" if i % 5 == 0 else None)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One of each input kind, with known counts (see EXPECTED)."""
    root = tmp_path_factory.mktemp("corpus")
    recs: list[Rec] = []
    for i in range(12):
        recs.append(response(f"https://site{i % 4}.example/p{i}", site_page(i),
                             encoding="gzip", chunked=True))
        recs.append(Rec(f"https://site{i % 4}.example/{i}.png", b"\x89PNG\r\n\x1a\n\0",
                        content_type="image/png"))
    recs.append(Rec("https://site0.example/p0", rec_type="revisit"))
    recs.append(response("https://big.example/", page("big", words=30000)))
    (root / "crawl.warc.gz").write_bytes(warc_bytes(recs))  # 1 + 24 + 1 + 1 = 27 records
    (root / "capture.wacz").write_bytes(
        wacz_bytes(warc_bytes(recs[:6]), ["https://site0.example/p0"]))  # 7 + 3 metadata
    posts = json.dumps([wp_post(n, f"https://wp{n % 2}.example/?p={n}", site_page(n))
                        for n in range(1, 4)])
    (root / "dump.zip").write_bytes(zip_bytes({"posts.json": posts.encode(),
                                               "a.html": site_page(7).encode(),
                                               "logo.png": b"\x89PNG\r\n\x1a\n\0\0"}))  # 5
    (root / "pages.tar.gz").write_bytes(tar_bytes({f"p{i}.html": site_page(i).encode()
                                                   for i in range(4)}))  # 4
    lines = [json.dumps({"url": f"https://jl.example/{i}", "html": site_page(i)})
             for i in range(5)] + ["{broken"]
    (root / "lines.jsonl").write_text("\n".join(lines) + "\n")  # 6
    return {"warc": root / "crawl.warc.gz", "wacz": root / "capture.wacz",
            "zip": root / "dump.zip", "tar": root / "pages.tar.gz", "jsonl": root / "lines.jsonl"}


# records, audited, skipped, failed per input (the big page fails the lowered cap)
EXPECTED = {"warc": (27, 12, 14, 1), "wacz": (10, 3, 7, 0), "zip": (5, 4, 1, 0),
            "tar": (4, 4, 0, 0), "jsonl": (6, 5, 0, 1)}
CAP = ["--max-record-bytes", "100k"]


def totals(store: Path) -> dict[str, int]:
    with sqlite3.connect(store) as db:
        return dict(db.execute("SELECT status, count(*) FROM progress GROUP BY 1").fetchall())


def final_line(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out.strip().splitlines()[-1]


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_input_kind_counts_exactly(kind: str, corpus: dict[str, Path], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s.db"
    assert main(["bulk", str(corpus[kind]), "--store", str(store), *LIGHT, *CAP]) == 0
    records, audited, skipped, failed = EXPECTED[kind]
    assert final_line(capsys).startswith(
        f"{records} records: {audited} audited, {skipped} skipped, {failed} failed")
    assert totals(store) == {k: v for k, v in (("audited", audited), ("skipped", skipped),
                                               ("failed", failed)) if v}
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM pages").fetchone()[0] == audited
        assert db.execute("SELECT count(*) FROM errors").fetchone()[0] == failed


def test_all_inputs_twice_adds_nothing_and_resume_reuses_inputs(
        corpus: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s.db"
    args = ["bulk", *map(str, corpus.values()), "--store", str(store), *LIGHT, *CAP]
    assert main(args) == 0
    n = sum(e[0] for e in EXPECTED.values())
    assert f"{n} records" in final_line(capsys)
    assert main(args) == 0
    assert "(0 new this run)" in final_line(capsys)
    assert main(["bulk", "--resume", "--store", str(store), *LIGHT, *CAP]) == 0
    assert "(0 new this run)" in final_line(capsys)
    assert sum(totals(store).values()) == n


def test_byte_range_split_gives_the_same_records(corpus: dict[str, Path], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    keys = []
    for split in ("0", "3k"):
        store = tmp_path / f"s{split}.db"
        assert main(["bulk", str(corpus["warc"]), str(corpus["jsonl"]), "--store", str(store),
                     "--split-bytes", split, *LIGHT, *CAP]) == 0
        with sqlite3.connect(store) as db:
            keys.append(sorted(db.execute("SELECT input_id, record_key, status FROM progress")))
            shards = dict(db.execute("SELECT kind, count(*) FROM shards JOIN inputs "
                                     "USING (input_id) GROUP BY kind").fetchall())
        if split == "0":
            assert shards == {"warc-gz": 1, "jsonl": 1}
        else:
            assert shards["warc-gz"] > 4 and shards["jsonl"] > 2
    assert keys[0] == keys[1]


def test_directory_input(corpus: dict[str, Path], tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s.db"
    assert main(["bulk", str(corpus["warc"].parent), "--store", str(store), *LIGHT, *CAP]) == 0
    assert sum(totals(store).values()) == sum(e[0] for e in EXPECTED.values())


def test_directory_with_symlinks_counts_each_entry_once(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The page behind a symlinked folder is audited; a dangling link, a loop and a FIFO
    are one failed record each, never opened (a FIFO would block a worker), and neither
    a second run nor --resume counts them again."""
    site = linked_site(tmp_path, site_page(1))
    store = tmp_path / "s.db"
    args = ["bulk", str(site), "--store", str(store), *LIGHT]
    assert main(args) == 0
    assert final_line(capsys).startswith("6 records: 2 audited, 0 skipped, 4 failed")
    assert main(args) == 0
    assert "(0 new this run)" in final_line(capsys)
    assert main(["bulk", "--resume", "--store", str(store), *LIGHT]) == 0
    assert "(0 new this run)" in final_line(capsys)
    assert totals(store) == {"audited": 2, "failed": 4}
    with sqlite3.connect(store) as db:
        errors = sorted(e for (e,) in db.execute("SELECT error FROM errors"))
    assert [e.split(": ", 1)[1] for e in errors] == [
        "dangling symlink (its target does not exist)", "symlink loop", "symlink loop",
        "not a regular file"]


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_store_that_is_not_ours_is_refused(content: bytes, tmp_path: Path,
                                           corpus: dict[str, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "x.db"
    if content:
        store.write_bytes(content)
    else:
        with sqlite3.connect(store) as db:
            db.execute("CREATE TABLE other (x)")
    assert main(["bulk", str(corpus["tar"]), "--store", str(store), *LIGHT]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "not an auditor store" in err
    assert main(["report", "--store", str(store)]) == 2


def test_missing_input_and_bad_usage_exit_2(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s.db"
    assert main(["bulk", str(tmp_path / "nope.warc"), "--store", str(store), *LIGHT]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["bulk", "--store", str(store), *LIGHT]) == 2
    assert main(["bulk", str(tmp_path), "--store", str(store), "--parquet", "x", *LIGHT]) == 2
    assert main(["report", "--store", str(tmp_path / "absent.db")]) == 2


PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde"


def test_a_binary_or_empty_page_file_fails_in_bulk_as_it_errs_in_audit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A PNG renamed page.html: `audit` reports a page error and exits 2; `bulk` counted
    it as skipped, as if it were no input of the user's. It is one failed record now,
    with audit's message, and the run goes on (exit 0). A PNG inside an archive is no
    page of the user's and stays skipped in both."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_bytes(PNG)
    (site / "empty.html").write_bytes(b"")
    (site / "good.html").write_text("<p>hello</p>")
    (site / "dump.zip").write_bytes(zip_bytes({"logo.png": PNG, "a.html": "<p>x</p>"}))
    assert main(["audit", str(site), "--no-system-lists", "--format", "json"]) == 2
    audited = {p["input"]: p["errors"] for p in json.loads(capsys.readouterr().out)["pages"]}
    store = tmp_path / "s.db"
    assert main(["bulk", str(site), "--store", str(store), *LIGHT]) == 0
    assert final_line(capsys).startswith("5 records: 2 audited, 1 skipped, 2 failed")
    with sqlite3.connect(store) as db:
        failed = dict(db.execute("SELECT input, error FROM errors").fetchall())
    assert failed == {name: audited[name][0] for name in (str(site / "page.html"),
                                                          str(site / "empty.html"))}
    assert "binary data, not a page" in failed[str(site / "page.html")]


def test_an_mhtml_past_the_record_cap_is_read_for_its_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A photo-heavy page saved as one file is past the record cap in its images alone
    (base64 parts the reader never decodes): it was one failed record, its page unread. It
    is read up to what `audit` reads whole, the cap bounding its page's part: a page part
    over the cap, and a file over that size, are each one failed record with one line,
    alone or inside an archive, and every record is counted once."""
    from mhtml_fixtures import PNG as ONE_PIXEL
    from mhtml_fixtures import Part, chrome

    from auditor.readers.interface import Document, PageTooLarge, ReadFailure
    from auditor.readers.mhtml import MhtmlReader
    from auditor.readers.registry import read_stream

    url = "https://www.harbour-gazette.test/2026/12/regatta-in-pictures.html"
    photos = [f"https://img.harbour-gazette.test/regatta/{i:02d}.jpg" for i in range(6)]
    body = "".join(f'<figure><img src="{u}" width="1600" height="1067"></figure>'
                   for u in photos)

    def saved(words: int) -> bytes:
        page = (f"<html><head><title>Regatta</title></head><body><article><p>"
                f"{'Boats crossed the bay. ' * words}</p>{body}"
                '<iframe src="https://ads.magsrv.test/iframe.php?idzone=5123456" width="300" '
                'height="250"></iframe></article></body></html>')
        return chrome(url, "Regatta", [Part("text/html", url, page.encode())] + [
            Part("image/jpeg", u, ONE_PIXEL + bytes(range(256)) * 120) for u in photos])

    (tmp_path / "regatta.mhtml").write_bytes(saved(10))  # ~250 KB, of which 1 KB page
    (tmp_path / "long.mhtml").write_bytes(saved(6000))  # its page part alone is 138 KB
    (tmp_path / "dump.zip").write_bytes(zip_bytes({"regatta.mhtml": saved(10)}))
    store = tmp_path / "s.db"
    args = ["bulk", str(tmp_path), "--store", str(store), *LIGHT, *CAP]
    assert main(args) == 0
    assert final_line(capsys).startswith("3 records: 2 audited, 0 skipped, 1 failed")
    with sqlite3.connect(store) as db:
        failed = db.execute("SELECT input, error FROM errors").fetchall()
        urls = [r[0] for r in db.execute("SELECT url FROM pages")]
    assert urls == [url, url]
    assert [name for name, _ in failed] == [str(tmp_path / "long.mhtml")]
    assert "the page's part" in failed[0][1] and "--max-record-bytes" in failed[0][1]
    assert "\n" not in failed[0][1]

    # `audit` reads a page whole up to 64 MiB, its page part too, whatever the record cap
    [doc] = list(read_stream(io.BytesIO(saved(6000)), "long.mhtml", max_record_bytes=100 * 1024))
    assert isinstance(doc, Document) and doc.url == url

    # past the size read whole (64 MiB; here made 200 KB), in-process as a worker reads it
    monkeypatch.setattr(MhtmlReader, "whole_bytes", 200_000)
    cap = 100 * 1024
    with pytest.raises(PageTooLarge, match="200000-byte cap"):
        list(read_stream(io.BytesIO(saved(10)), "regatta.mhtml", max_record_bytes=cap,
                         page_limit=cap))
    [member] = list(read_stream(io.BytesIO(zip_bytes({"regatta.mhtml": saved(10)})),
                                "dump.zip", max_record_bytes=cap, page_limit=cap))
    assert isinstance(member, ReadFailure) and "200000-byte cap" in member.error


def test_a_closed_stderr_does_not_stop_the_run(tmp_path: Path) -> None:
    """`auditor bulk … 2>&-` was "internal error: AttributeError: 'NoneType' object has no
    attribute 'isatty'" (the progress bar asked None whether it was a terminal), printed
    on stdout, with no record stored; a run whose answer is its store needs no stderr."""
    import os
    import subprocess
    import sys

    (tmp_path / "a.html").write_text(site_page(1))
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "bulk", "a.html", "--store", "s.sqlite",
         "--no-system-lists", "--workers", "1"], cwd=tmp_path, capture_output=True,
        text=True, timeout=300, check=False, preexec_fn=lambda: os.close(2))
    assert result.returncode == 0
    assert result.stdout.startswith("1 records: 1 audited, 0 skipped, 0 failed")
    summary = tmp_path / "summary.json"
    assert main(["report", "--store", str(tmp_path / "s.sqlite"), "--format", "json",
                 "-o", str(summary)]) == 0
    assert json.loads(summary.read_text())["audited"] == 1


def _as_a_user() -> list[str]:
    """The prefix that runs a command without root's right to read any file: none for a
    user; for root, its capabilities to pass over permissions dropped."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root reads any file, and setpriv is not here to drop that")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def test_a_page_the_user_may_not_read_is_one_failed_record(tmp_path: Path) -> None:
    """A folder's page of mode 000 ended the whole run in exit 2 at planning, where a
    dangling link or a FIFO there is one failed record and the run goes on; named on its
    own, it is still the run's error (exit 2) and no store is made."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "ok.html").write_text(site_page(1))
    locked = site / "locked.html"
    locked.write_text(site_page(2))
    locked.chmod(0)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    run = [*_as_a_user(), sys.executable, "-m", "auditor", "bulk", *LIGHT, "--workers", "1"]
    store = tmp_path / "s.db"
    done = subprocess.run([*run, str(site), "--store", str(store)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "2 records: 1 audited, 0 skipped, 1 failed" in done.stdout
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT error FROM errors").fetchall() == [
            (f"{locked}: cannot read: Permission denied",)]
    alone = subprocess.run([*run, str(locked), "--store", str(tmp_path / "t.db")],
                           capture_output=True, text=True, env=env, timeout=120)
    assert (alone.returncode, alone.stderr) == (
        2, f"auditor: error: {locked}: cannot read: Permission denied\n")
    assert not (tmp_path / "t.db").exists()
