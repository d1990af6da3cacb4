"""Inputs built to break reading, through the real CLI: each is a one-line error with the
right exit code (`audit`), or one recorded bad record with the run going on (`bulk`),
nothing lost or counted twice (docs/CONTRACT-ADDITIONS.md, docs/SECURITY.md)."""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import subprocess
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from archive_fixtures import (
    _entry,
    good_warc_records,
    member_offsets,
    page,
    response,
    warc_bytes,
    warc_record,
)

from auditor.readers.sniff import NOT_PAGES, sniff
from tests.hostile.test_reproducers import run

# What a bulk run's last line says of its records
_COUNTS = re.compile(r"(\d+) records: (\d+) audited, (\d+) skipped, (\d+) failed")


def _audit(path: Path, *more: str) -> tuple[int, list[dict[str, object]], str]:
    result = run("audit", str(path), "--format", "json", *more)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    pages = json.loads(result.stdout)["pages"] if result.stdout else []
    return result.returncode, pages, result.stderr


def _bulk(path: Path, store: Path, *more: str) -> tuple[int, int, int, int]:
    """(records, audited, skipped, failed) of a bulk run, which must end well."""
    result = run("bulk", str(path), "--store", str(store), "--workers", "1", "--no-progress",
                 *more)
    assert result.returncode == 0, result.stderr
    found = _COUNTS.search(result.stdout + result.stderr)
    assert found is not None, result.stdout + result.stderr
    records, audited, skipped, failed = (int(g) for g in found.groups())
    assert audited + skipped + failed == records
    return records, audited, skipped, failed


def _errors(pages: list[dict[str, object]]) -> list[str]:
    return [str(e) for p in pages for e in p["errors"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("length", "why"), [
    ("1000000000", "record truncated"), ("-40", "no Content-Length"),
    ("1e9x", "no Content-Length"), ("12", "does not end where its Content-Length says")])
def test_a_bogus_content_length_costs_its_record_only(tmp_path: Path, length: str,
                                                      why: str) -> None:
    good, _uris = good_warc_records(3)
    liar = warc_record("https://liar.example/", "<html><p>a page that lies</p></html>")
    liar = re.sub(rb"Content-Length: \d+", b"Content-Length: " + length.encode(), liar, count=1)
    path = tmp_path / "lie.warc"
    path.write_bytes(good[0] + liar + good[1] + good[2])
    code, pages, stderr = _audit(path)
    assert code == 0 and stderr == ""  # a damaged record inside an archive is not fatal
    (error,) = _errors(pages)
    assert why in error and "\n" not in error
    titles = [p["title"] for p in pages if not p["errors"]]
    # a length too long swallows what follows (read as its body); none is read twice
    assert titles[0] == "page 0" and len(titles) == len(set(titles))
    _records, audited, _skipped, failed = _bulk(path, tmp_path / "s.db")
    assert (audited, failed) == (len(titles), 1)


def test_a_gzip_member_cut_mid_record_is_one_bad_record(tmp_path: Path) -> None:
    """The fourth of six members cut in half, the fifth and sixth whole after it: warcio
    quoted the binary it met ("Unknown archive format, first line: ['\\x1f\\x8b…") in a
    300-character error; it says what happened now, and the records after it are read."""
    recs = [response(f"https://s{i}.example/p", page(f"Story {i}", exo_zone=str(5100000 + i)))
            for i in range(5)]
    data = warc_bytes(recs)
    offsets = member_offsets(data)  # warcinfo, then the five responses
    cut = offsets[3] + (offsets[4] - offsets[3]) // 2
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:cut] + data[offsets[4]:])
    code, pages, _stderr = _audit(path)
    assert code == 0
    (error,) = _errors(pages)
    assert "no WARC record starts where one should" in error and "\\x" not in error
    assert [p["title"] for p in pages if not p["errors"]] == [
        "Story 0", "Story 1", "Story 3", "Story 4"]
    assert _bulk(path, tmp_path / "s.db") == (6, 4, 1, 1)  # the warcinfo record skipped


_CLIMBING = ("../../../../tmp/escaped.html", "/etc/cron.d/x.html", "archive/../../up.warc.gz",
             "C:/Windows/x.html", "pages\\..\\..\\x.html")


@dataclass(frozen=True)
class _ClimbRuns:
    """What the three runs said of one archive holding every climbing name at once."""

    code: int
    pages: list[dict[str, object]]
    bulk: tuple[int, int, int, int]
    gated: subprocess.CompletedProcess[str]


def _climbing_archive(path: Path, container: str) -> None:
    """A `container` holding a good page and one ExoClick loader under each climbing name."""
    loader = b"<html><script src='https://a.magsrv.com/ad-provider.js'></script></html>"
    if container == "tar":
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode="w") as t:
            members = [("good.html", page("Story").encode())]
            for member, data in members + [(name, loader) for name in _CLIMBING]:
                info = tarfile.TarInfo(member)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
        path.write_bytes(out.getvalue())
        return
    with zipfile.ZipFile(path, "w") as z:
        if container == "wacz":
            warc = warc_bytes([response("https://news.example/a", page("Story"))])
            z.writestr(zipfile.ZipInfo("archive/data.warc.gz"), warc)
            z.writestr(_entry("datapackage.json"), json.dumps({"resources": []}))
        else:
            z.writestr(_entry("good.html"), page("Story"))
        for name in _CLIMBING:
            info = _entry(name)
            info.filename = name  # as the hostile tool wrote it (zipfile would mend `\`)
            z.writestr(info, loader)


@pytest.fixture(scope="module")
def climb_runs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], _ClimbRuns]:
    """Each container's archive audited, bulk-read and gated once, for all its names' cases
    (three CLI runs a container instead of three a name)."""
    done: dict[str, _ClimbRuns] = {}

    def runs(container: str) -> _ClimbRuns:
        if container not in done:
            tmp = tmp_path_factory.mktemp(f"climb-{container}")
            path = tmp / f"hostile.{container}"
            _climbing_archive(path, container)
            code, pages, _stderr = _audit(path)
            gated = run("audit", str(path), "--format", "json", "--policy", str(_policy(tmp)))
            done[container] = _ClimbRuns(code, pages, _bulk(path, tmp / "s.db"), gated)
        return done[container]
    return runs


@pytest.mark.parametrize("name", _CLIMBING)
@pytest.mark.parametrize("container", ["wacz", "zip", "tar"])
def test_a_member_name_that_climbs_out_is_a_bad_record(
        climb_runs: Callable[[str], _ClimbRuns], name: str, container: str) -> None:
    """A WACZ holding a member named `../../../../tmp/escaped.html` (an ExoClick loader
    in it) counted it as skipped "WACZ metadata": an injected page no gate judged. Such
    names are reported now, each one bad member; the archive's pages are read, nothing
    is written anywhere. One archive holds all five names: each must be its own error."""
    runs = climb_runs(container)
    assert runs.code == 0
    errors = _errors(runs.pages)
    assert len(errors) == len(_CLIMBING)  # one bad member a name, none swallowing another
    assert len([e for e in errors if f"#{name}: unsafe member name (" in e]) == 1
    assert [p["title"] for p in runs.pages if not p["errors"]] == ["Story"]
    assert not Path("/tmp/escaped.html").exists()
    _records, audited, _skipped, failed = runs.bulk
    assert (audited, failed) == (1, len(_CLIMBING))
    assert runs.gated.returncode == 1  # the gate fails closed on the members it did not read
    gated_errors = _errors(json.loads(runs.gated.stdout)["pages"])
    assert len([e for e in gated_errors if f"#{name}: unsafe member name (" in e]) == 1


@pytest.mark.parametrize("name", ["site\\blog\\story.html", "site/a..b.html", "site/新闻.html"])
def test_a_member_name_inside_the_archive_is_read(tmp_path: Path, name: str) -> None:
    """Windows tools write a zip's folders with backslashes (PowerShell 5's
    Compress-Archive: `site\\blog\\story.html`); such a member was an `unsafe member name`,
    every page of the archive a failed member and the gate's exit 1. A backslash is a
    separator: only a name that climbs out is refused, and `a..b.html` does not."""
    path = tmp_path / "saved.zip"
    with zipfile.ZipFile(path, "w") as z:
        info = _entry(name)
        info.filename = name  # as the Windows tool wrote it (zipfile would mend `\\`)
        z.writestr(info, page("Story"))
    code, pages, _stderr = _audit(path)
    assert code == 0 and not _errors(pages)
    assert [p["title"] for p in pages] == ["Story"]


def _policy(tmp_path: Path) -> Path:
    policy = tmp_path / "auditor.toml"
    policy.write_text('fail_on_severity = "high"\n')
    return policy


def test_a_huge_json_string_is_one_line_or_one_bad_record(tmp_path: Path) -> None:
    """A JSON dump whose one string is 20 MB (over bulk's 16 MB record cap) and a post
    whose link is 2 MB: the terminal wrapped such a value whole (a 50 MB link: 87 s, 70 MB
    of output); a cell shows 2,000 characters of it, the JSON report all of it."""
    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps({"x": "B" * (20 << 20)}))
    code, _pages, stderr = _audit(dump)
    assert code == 2 and stderr.count("\n") == 1 and stderr.startswith("auditor: error: ")
    assert _bulk(dump, tmp_path / "s.db") == (1, 0, 0, 1)
    post = tmp_path / "post.json"
    link = "https://big.example/" + "a" * (2 << 20)
    post.write_text(json.dumps({"id": 1, "link": link, "title": {"rendered": "Big"},
                                "content": {"rendered": "<p>Market day.</p>"}}))
    terminal = run("audit", str(post))
    assert terminal.returncode == 0 and len(terminal.stdout) < 20_000
    code, pages, _stderr = _audit(post)
    assert code == 0 and pages[0]["url"] == link
    lines = tmp_path / "posts.jsonl"
    lines.write_text("\n".join(json.dumps({"url": f"https://ok{i}.example/", "html": html})
                               for i, html in enumerate(["<p>one</p>", "<p>" + "C" * (20 << 20)
                                                         + "</p>", "<p>three</p>"])) + "\n")
    assert _bulk(lines, tmp_path / "lines.db") == (3, 2, 0, 1)


@pytest.mark.parametrize("closed", [True, False])
def test_a_million_deep_tags_are_a_page_error(tmp_path: Path, closed: bool) -> None:
    markup = ("<html><body>" + "<div>" * 1_000_000 + "x" + "</div>" * 1_000_000 if closed
              else "<html><body>" + "<b>" * 1_000_000)
    path = tmp_path / "deep.html"
    path.write_text(markup + "<script src='https://a.magsrv.com/ad-provider.js'></script>")
    code, pages, stderr = _audit(path)
    assert code == 2 and stderr.count("\n") == 1
    (error,) = _errors(pages)
    assert "nest more than 2,048 deep" in error
    assert _bulk(path, tmp_path / "s.db") == (1, 0, 0, 1)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 1_000_000 + "]" * 1_000_000)
    code, _pages, stderr = _audit(deep)
    assert code == 2
    assert stderr.strip() == f"auditor: error: {deep}: invalid JSON: nested too deeply"


def test_a_gzip_of_random_bytes_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "noise.warc.gz"
    path.write_bytes(gzip.compress(random.Random(3).randbytes(20_000), mtime=0))
    code, _pages, stderr = _audit(path)
    assert code == 2 and stderr.strip() == f"auditor: error: {path}: binary data, not a page"


def test_no_random_bytes_read_as_a_page() -> None:
    # random bytes are one in ten control bytes, and one 4 KB in thirty held a `<p` and
    # passed for a page with a few NULs in it (seed 3 above did)
    pages = [seed for seed in range(2_000)
             if sniff(random.Random(seed).randbytes(8_192)) not in NOT_PAGES]
    assert pages == []


# a 5 MB page of 5,000 inline scripts that declares no charset, closed by hosts whose
# bytes fold to another ASCII name in each of nine charsets (Cyrillic single-byte ones,
# GBK, Big5, Shift_JIS): audited in a child, printing its peak RSS in KiB and its readings
_READINGS_PAGE = r"""
import resource, sys
from auditor.catalogue import default_catalogue
from auditor.pipeline import audit_document
from auditor.readers.registry import read_source
from auditor.rules import Engine
fw = "".join(chr(ord(c) + 0xFEE0) for c in "adhost")
hosts = [b'<script src="https://%sh%d.test/a.js"></script>' % (bytes([b]), b)
         for b in range(0x80, 0x100)]
hosts += [b'<script src="https://' + (fw + str(i)).encode(c) + b'.test/a.js"></script>'
          for i, c in enumerate(["cp932", "gbk", "big5"])]
script = "<script>var cfg = {a: 1, b: 'hello'}; function f(x){return x*2} f(%d);</script>\n"
page = (sys.argv[1] + "<html><head><title>Big</title></head><body>\n" + "".join(
    script % i + "<p>Paragraph %d of the story.</p>\n" % i for i in range(5000))).encode()
page += b"<div><p>" + b"word " * 40 + b"</p></div>\n" * (4_600_000 // 220)
(doc,) = list(read_source(page + b"".join(hosts) + b"</body></html>"))
report = audit_document(doc, Engine.load(system_lists=False), default_catalogue())
assert all(r.data is doc.readings[0].data for r in doc.readings)  # the bytes, once
hosts = {r.host for r in report.resources if r.third_party}
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(doc.readings), len(hosts))
"""


def test_a_pages_other_readings_cost_one_reading_at_a_time() -> None:
    """Every other charset's reading of a page was held decoded for the whole audit, and
    each request found in one kept that reading's whole tree alive: nine readings of a
    5 MB page took 331 MB more than the same page declaring its charset. Readings are
    decoded one at a time from the page's bytes now, and what one finds points into the
    page's own tree; the same hosts are found."""
    import subprocess
    import sys

    def child(prefix: str) -> tuple[int, int, int]:
        result = subprocess.run([sys.executable, "-c", _READINGS_PAGE, prefix],
                                capture_output=True, text=True, timeout=600, check=True)
        peak, readings, hosts = result.stdout.split()
        return int(peak), int(readings), int(hosts)

    undeclared, readings, hosts = child("")
    declared, none, declared_hosts = child("<meta charset=windows-1252>")
    assert readings == 9 and none == 0 and hosts > declared_hosts
    assert undeclared - declared < 150 * 1024, (undeclared, declared)  # KiB
