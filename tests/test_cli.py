"""The command line as a user meets it: exit codes, one-line errors, readable reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.rules import Engine
from tests.processes import reader_stops, run_here


def run(
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "80", **(env or {})},
        cwd=cwd,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
        (b"", "empty input"),
        (b'{"broken": ', "invalid JSON"),
        # a byte-order mark and half a character, or a mark cut short: no page was read,
        # so none may pass a gate as a clean one-character page
        (b"\xff\xfe\x00", "cannot read: only the start of a byte-order mark"),
        (b"\xff\xfe<", "cannot read: UTF-16 text (by its byte-order mark) ends in part"),
        (b"\xfe", "cannot read: only the start of a byte-order mark"),
        ("<p>ad</p>".encode("utf-16") + b"<", "by its byte-order mark) ends in part of a"),
        (b"\xff\xfe\x00\x00<", "cannot read: UTF-32 text"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, content: bytes, needle: str,
                                        capfd: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "input.html"
    path.write_bytes(content)
    result = run_here(capfd, monkeypatch, "audit", str(path), "--no-system-lists")
    assert result.returncode == 2
    assert needle in one_line_error(result)
    assert result.stdout == ""  # no report header before the error


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["audit", "/nonexistent.html", "--no-system-lists"], "no such file"),
        (["audit", "a.html", "b.html", "--url", "https://x.test/"], "single input"),
        (["audit", "a.html", "--format", "pdf"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        (["audit"], "required"),
        # a page URL a typo made: no first party or relative reference may come of it
        (["audit", "a.html", "--url", "not a url"], "not an absolute http/https URL"),
        (["audit", "a.html", "--url", "https://host|ile.example/"], "not an absolute"),
        (["audit", "site", "--base-url", "https://host|ile.example/"], "expected an http(s) URL"),
        (["rules", "check", "not a url"], "not an absolute http/https/ws/wss URL"),
        (["rules", "check", "https://a.test/x.js", "--source-url", "x.test"], "not an absolute"),
    ],
)
def test_usage_errors_exit_2(args: list[str], needle: str, capfd: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_here(capfd, monkeypatch, *args)
    assert result.returncode == 2
    assert needle in one_line_error(result)


@pytest.mark.parametrize(("args", "content", "needle"), [
    (["audit", "input.html", "--no-system-lists"], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     "binary data"),  # the reader's error
    (["audit", "/nonexistent.html", "--no-system-lists"], None, "no such file"),  # the CLI's
    (["audit", "input.html", "--format", "pdf"], None, "invalid choice"),  # argparse's
    (["rules", "check", "not a url"], None, "not an absolute http/https/ws/wss URL"),
])
def test_an_error_is_one_line_and_exit_2_from_the_command_itself(
        tmp_path: Path, args: list[str], content: bytes | None, needle: str) -> None:
    """The error paths above, each once as a user meets them: `python -m auditor` in its
    own process, what it prints and how it exits."""
    if content is not None:
        (tmp_path / "input.html").write_bytes(content)
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert needle in one_line_error(result)
    assert result.stdout == ""


def test_text_seed_audits_without_error(seeds: Path, engine: Engine) -> None:
    result = run("audit", str(seeds / "content-farm-rewrite.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    (page,) = json.loads(result.stdout)["pages"]
    assert page["kind"] == "text" and page["errors"] == [] and page["resources"] == []
    assert page["metrics"]["content_chars"] > 2000


def test_terminal_report_fits_80_columns(seeds: Path, engine: Engine) -> None:
    result = run("audit", str(seeds / "wp-rest-post-injected.json"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    text = result.stdout
    for needle in (
        "https://8657085.xyz/?p=15057",
        "8657085.xyz",
        "14 ad slots",
        "ExoClick",
        "JuicyAds",
        "a.magsrv.com",
        "poweredby.jads.co",
        "5876674",
        "1114301",
        "duplicate-loader",
        "content:ad",
    ):
        assert needle in text


def test_stdin_with_url(engine: Engine) -> None:
    page = b'<html><body><script src="https://a.magsrv.com/ad-provider.js"></script></body></html>'
    result = run("audit", "-", "--url", "https://farm.test/p", "--format", "jsonl", stdin=page)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["url"] == "https://farm.test/p" and record["first_party"] == "farm.test"
    assert record["resources"][0]["blocked"] is True


def test_output_file(tmp_path: Path, examples: Path) -> None:
    out = tmp_path / "report.json"
    result = run(
        "audit",
        str(examples / "news-article.html"),
        "--no-system-lists",
        "--format",
        "json",
        "--output",
        str(out),
    )
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text())["pages"][0]["first_party"] == "dailyexample.test"


def test_hostile_page_text_prints_literally(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(
        "<html><head><title>[bold red]pwned[/] \x1b[31mred\x1b[0m \u202eevil \u061cmark"
        "</title></head><body><!-- [link=https://x.test]ad slot[/link] "
        "\x1b]8;;https://evil.test\x07 -->"
        "<script src='https://a.magsrv.com/ad-provider.js?[blink]'></script></body></html>"
    )
    result = run("audit", str(page), "--no-system-lists", env={"FORCE_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[bold red]pwned[/]" in out
    assert "\\x1b[31mred" in out
    assert "\\u202e" in out and "\u202e" not in out
    # the Arabic letter mark, the one bidi control the escaped set had left out
    assert "\\u061cmark" in out and "\u061c" not in out
    assert "\x1b]8;;https://evil.test" not in out and "\x07" not in out


@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_reader_that_stops_reading_ends_quietly(examples: Path, fmt: str) -> None:
    """`auditor audit … | head -1`: no traceback, and not status 1 (which means a policy
    violation) -- rich's own broken-pipe handling would exit 1."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "audit", str(examples / "wp-post-injected.json"),
         "--format", fmt],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `head -1` does
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == 0
    assert err == b""


def test_a_reader_that_stops_reading_does_not_hide_an_unwritten_report(
        tmp_path: Path) -> None:
    """`auditor audit site --also sarif=r.sarif | head`: the break stopped the run before
    r.sarif was written, and it exited 0, quietly, leaving yesterday's report (or none)
    for the CI step that uploads it. Now exit 2, one line naming it."""
    site = tmp_path / "site"
    site.mkdir()
    for n in range(150):  # more report than a pipe holds, so the run meets the break
        (site / f"p{n}.html").write_text(
            "<html><body><p>story</p><script src='https://a.magsrv.com/ad-provider.js'>"
            "</script><ins class='eas6a97888e2' data-zoneid='5876674'></ins></body></html>")
    (tmp_path / "r.sarif").write_text("yesterday's report\n")
    status, err = reader_stops(
        [sys.executable, "-m", "auditor", "audit", "site", "--no-system-lists", "--no-policy",
         "--format", "jsonl", "--also", "sarif=r.sarif"], tmp_path)
    assert status == 2
    assert err.strip() == ("auditor: error: stdout's reader stopped reading before the run "
                           "ended, so r.sarif was not written (left as before)")
    assert (tmp_path / "r.sarif").read_text() == "yesterday's report\n"


def test_deeply_nested_page_audits(tmp_path: Path) -> None:
    """Scraped pages can nest elements 1,800 deep (libxml2 keeps up to ~2,048 levels):
    no RecursionError."""
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div><span>" * 900 + "words here" + "</span></div>" * 900
                    + "</body></html>")
    result = run("audit", str(page), "--format", "json")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)["pages"][0]["metrics"]
    assert metrics["content_chars"] == len("words here")


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "md"])
def test_an_archive_member_name_no_file_system_takes_is_audited(tmp_path: Path, fmt: str) -> None:
    """`archive#member` names come from the archive: one longer than a file name may be
    (255 bytes) was looked up on disk and ended the run in an internal error."""
    import zipfile

    archive = tmp_path / "long.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a" * 300 + ".html", '<html><body><p>story</p><script '
                    'src="https://a.magsrv.com/ad-provider.js"></script></body></html>')
    result = run("audit", str(archive), "--format", fmt, "--no-system-lists", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "long" in result.stdout and "internal error" not in result.stderr


@pytest.mark.parametrize(("args", "needle"), [
    (["a.html", "-o", "a.html"], "a.html: is also an input; writing there would overwrite it"),
    (["a.html", "-o", "r.json", "--also", "md=./r.json"], "r.json: given as two outputs"),
    (["site", "-o", "site/report.json"], "is inside the input directory site"),
    (["a.html", "-o", "hard.html"], "hard.html: is also an input"),
    (["a.html", "--also", "md=-"], "stdout: given as two outputs"),
    (["a.html", "-o", "-", "--also", "md=/dev/stdout"], "given as two outputs"),
])
def test_a_report_that_would_overwrite_or_join_the_input_is_refused(
        tmp_path: Path, args: list[str], needle: str) -> None:
    """`-o` naming the page truncated it before it was read (the page was lost); two
    reports to one file left only the last; a report inside the audited directory was
    audited as an empty page, failing a clean site."""
    page = '<html><body><p>story</p></body></html>'
    (tmp_path / "a.html").write_text(page)
    os.link(tmp_path / "a.html", tmp_path / "hard.html")  # the page by another name
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(page)
    result = run("audit", *args, "--no-system-lists", cwd=tmp_path)
    assert result.returncode == 2
    assert needle in one_line_error(result)
    assert result.stdout == ""
    assert (tmp_path / "a.html").read_text() == page
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "hard.html", "site"]


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="needs /dev/stdin")
@pytest.mark.parametrize("output", ["/dev/stdin", "a.html"])
def test_a_report_over_the_page_stdin_reads_is_refused(tmp_path: Path, output: str) -> None:
    """`auditor audit - -o /dev/stdin < a.html` renamed the report over a.html: the page
    was gone, exit 0."""
    page = '<html><body><p>story</p></body></html>'
    (tmp_path / "a.html").write_text(page)
    with (tmp_path / "a.html").open("rb") as stdin:
        result = subprocess.run([sys.executable, "-m", "auditor", "audit", "-", "-o", output,
                                 "--no-system-lists"], stdin=stdin, capture_output=True,
                                text=True, timeout=300, check=False, cwd=tmp_path)
    assert result.returncode == 2
    assert f"{output}: is also an input" in one_line_error(result)
    assert (tmp_path / "a.html").read_text() == page


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
@pytest.mark.parametrize("output", ["/dev/stdout", "-"])
def test_a_report_to_stdout_goes_where_the_shell_sent_it(tmp_path: Path, output: str) -> None:
    """`{ echo header; auditor audit page -o /dev/stdout; echo done; } >> log`: the report
    was renamed over the log (header gone, `done` into a deleted file); `-o -` wrote a
    file named `-`. Both now write into stdout as it is, appending."""
    (tmp_path / "a.html").write_text('<html><body><p>story</p></body></html>')
    log = tmp_path / "log.txt"
    log.write_text("header\n")
    inode = log.stat().st_ino
    with log.open("a") as stdout:
        result = subprocess.run([sys.executable, "-m", "auditor", "audit", "a.html", "--format",
                                 "json", "-o", output, "--no-system-lists"], stdout=stdout,
                                stderr=subprocess.PIPE, text=True, timeout=300, check=False,
                                cwd=tmp_path)
        stdout.write("done\n")
    assert result.returncode == 0, result.stderr
    head, _, rest = log.read_text().partition("\n")
    report, _, tail = rest.rstrip("\n").rpartition("\n")
    assert (head, tail) == ("header", "done")
    assert json.loads(report)["pages"][0]["input"] == "a.html"
    assert log.stat().st_ino == inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "log.txt"]


def test_a_report_cut_midway_exits_2_and_is_left_empty(tmp_path: Path) -> None:
    """A report written into its file (a hard-linked one) that fails midway (an I/O error
    after 1,000 bytes, injected into the real command) left the first 1,000 bytes of the
    new SARIF, exit 2 with no word of it; now the file is empty and the line says so."""
    (tmp_path / "a.html").write_text(
        '<html><body><p>story</p><script src="https://a.magsrv.com/ad-provider.js">'
        '</script></body></html>')
    (tmp_path / "r.sarif").write_text("the last whole report\n")
    os.link(tmp_path / "r.sarif", tmp_path / "published.sarif")
    failing = ("import errno, os, sys\n"
               "import auditor.files as f\n"
               "class Cut:\n"
               "    def __init__(self, fd): self.fd, self.left = fd, 1000\n"
               "    def write(self, data):\n"
               "        if self.left <= 0: raise OSError(errno.EIO, os.strerror(errno.EIO))\n"
               "        n = os.write(self.fd, data[:self.left]); self.left -= n; return n\n"
               "f._writer = Cut\n"
               "sys.argv[0] = 'auditor'\n"
               "from auditor.cli import entry\n"
               "entry()\n")
    result = subprocess.run([sys.executable, "-c", failing, "audit", "a.html", "--format",
                             "sarif", "-o", "r.sarif", "--no-system-lists"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 2
    assert one_line_error(result) == (
        "auditor: error: r.sarif: cannot write: Input/output error after it was begun; the "
        "file is left empty, not cut")
    assert (tmp_path / "published.sarif").read_text() == ""


def test_a_report_the_walk_would_not_read_may_sit_in_the_input_directory(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html><body><p>story</p></body></html>")
    result = run("audit", "site", "--format", "sarif", "-o", "site/auditor.sarif",
                 "--no-system-lists", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"version": "2.1.0"' in (tmp_path / "site" / "auditor.sarif").read_text()


@pytest.mark.parametrize(("args", "needle"), [
    (["a.html", "--write-baseline", "a.html"],
     "a.html: is also an input; writing there would overwrite it"),
    (["a.html", "--format", "json", "-o", "b.json", "--write-baseline", "b.json"],
     "b.json: given as two outputs"),
    (["site", "--write-baseline", "site/baseline.json"], "is inside the input directory site"),
    (["a.html", "--write-baseline", "site"], "--write-baseline site: is a directory"),
])
def test_a_baseline_that_would_overwrite_or_join_the_input_is_refused(
        tmp_path: Path, args: list[str], needle: str) -> None:
    """`--write-baseline` was not among the outputs checked before the run: naming the
    page replaced it with a baseline, naming the `--output` file lost the report, one in
    the audited directory was audited next run, and a directory failed only after the
    whole report was written."""
    page = '<html><body><p>story</p></body></html>'
    (tmp_path / "a.html").write_text(page)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(page)
    (tmp_path / "auditor.toml").write_text("max_ad_slots = 0\n")
    result = run("audit", *args, "--no-system-lists", cwd=tmp_path)
    assert result.returncode == 2
    assert needle in one_line_error(result)
    assert result.stdout == ""
    assert (tmp_path / "a.html").read_text() == page
    assert not (tmp_path / "b.json").exists()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]


@pytest.mark.parametrize("args", [
    ["audit", "LONG"],
    ["audit", "PAGE", "LONG", "--policy", "p.toml"],
    ["audit", "PAGE", "--policy", "p.toml", "--write-baseline", "LONG"],
    ["report", "--store", "LONG"],
    ["bulk", "--inputs-from", "list.txt", "--store", "s.db"],
])
def test_a_name_longer_than_the_file_system_takes_is_one_line(
        tmp_path: Path, args: list[str]) -> None:
    """A path with a name over 255 bytes (a page saved under its URL) was "internal
    error: OSError: [Errno 36] File name too long", as if auditor had a bug: Path.is_dir
    and its kin raise ENAMETOOLONG where they answer False for a missing file."""
    long = "x" * 300
    (tmp_path / "page.html").write_text("<html><body><p>story</p></body></html>")
    (tmp_path / "p.toml").write_text("max_ad_slots = 0\n")
    (tmp_path / "list.txt").write_text(f"page.html\n{long}.html\n")
    named = {"LONG": long, "PAGE": "page.html"}
    result = run(*(named.get(a, a) for a in args), "--no-system-lists"
                 if args[0] != "report" else "--top=5", cwd=tmp_path)
    assert result.returncode == 2
    line = one_line_error(result)
    assert line.startswith("auditor: error: xxx") and "File name too long" in line, line
    assert len(line) < 200  # the name is cut, not printed whole


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["audit", "PAGE"], ["audit", "PAGE", "--format", "json"],
                                  ["audit", "PAGE", "--format", "html", "-o", "/dev/full"],
                                  ["rules", "list"]])
def test_a_full_disk_under_the_output_is_one_line(tmp_path: Path, args: list[str]) -> None:
    """A report written to a full disk was "internal error: OSError: [Errno 28]", as if
    auditor had a bug."""
    page = tmp_path / "page.html"
    page.write_text('<html><body><p>story</p></body></html>')
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "auditor", *(str(page) if a == "PAGE" else a for a in args),
             "--no-system-lists"], stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=300, check=False)
    assert result.returncode == 2
    assert one_line_error(result) == ("auditor: error: cannot write the output: No space "
                                      "left on device")


@pytest.mark.parametrize("width", ["0", "-5", "wide"])
def test_width_must_be_a_positive_number(tmp_path: Path, width: str) -> None:
    """`--width -5` printed nothing at all and exited 0."""
    page = tmp_path / "page.html"
    page.write_text('<html><body><p>story</p></body></html>')
    result = run("audit", str(page), "--width", width, "--no-system-lists")
    assert result.returncode == 2
    assert "argument --width" in one_line_error(result)


def test_a_record_over_the_cap_points_at_the_command_that_sets_it(tmp_path: Path) -> None:
    """In `audit`, a JSON Lines record over the cap said "(--max-record-bytes)", a flag
    `audit` refuses; only `bulk` takes it."""
    posts = tmp_path / "posts.jsonl"
    huge = json.dumps({"url": "https://a.example/", "html": "<p>" + "x" * (17 << 20)})
    small = json.dumps({"url": "https://b.example/", "html": "<p>story</p>"})
    posts.write_text(huge + "\n" + small + "\n")
    result = run("audit", str(posts), "--format", "json", "--no-system-lists")
    assert result.returncode == 0, result.stderr  # a record, not the file: the run goes on
    first, second = json.loads(result.stdout)["pages"]
    assert first["errors"][0].endswith("-byte cap (auditor bulk --max-record-bytes)")
    assert second["url"] == "https://b.example/" and not second["errors"]


def test_stdin_named_twice_is_a_usage_error(tmp_path: Path) -> None:
    """`auditor audit - -` audited the page, then reported stdin, read again, as an
    empty page that "could not be audited" (exit 2 after a whole report)."""
    result = run("audit", "-", "-", "--no-system-lists",
                 stdin=b"<html><body><p>story</p></body></html>")
    assert result.returncode == 2
    assert one_line_error(result) == ("auditor: error: - given more than once: stdin can be "
                                      "read once")
    assert result.stdout == ""


def test_sigterm_ends_an_audit_as_ctrl_c_does(tmp_path: Path) -> None:
    """SIGTERM (a CI job's timeout) killed `audit` silently by the signal; it now ends
    as Ctrl-C does: one line, exit 130."""
    import signal

    site = tmp_path / "site"
    site.mkdir()
    body = "<p>" + "Council news in plain words. " * 40 + "</p>"
    for n in range(600):
        (site / f"p{n:03}.html").write_text(f"<html><body>{body}</body></html>")
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "audit", str(site), "--format",
                             "jsonl", "--no-system-lists"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.read(1)  # pages are being reported
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err.decode().strip() == "auditor: interrupted"


def _ctrl_c_taken() -> None:
    """The child starts with Ctrl-C's default, as from a terminal: a test run in the
    background of a non-interactive shell (a CI job's `cmd &`) has SIGINT ignored, which
    the command leaves ignored, as a background job's should be."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


# the command as `python -m auditor` runs it, with a signal landing while it builds its
# parser (which imports the rules, the readers and the reporters: a fifth of a second)
_SIGNAL_IN_PARSER = """
import os, signal, sys
import auditor.cli
from auditor.__main__ import main

built, landing = auditor.cli.build_parser, getattr(signal, sys.argv[1])
def build_parser():
    os.kill(os.getpid(), landing)
    return built()

auditor.cli.build_parser = build_parser
sys.argv[1:] = ["audit", sys.argv[2], "--no-system-lists"]
main()
"""


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_a_signal_while_the_command_starts_is_one_line_too(tmp_path: Path,
                                                           signame: str) -> None:
    """Ctrl-C or SIGTERM while the command built its parser (before `main` took its
    arguments) printed Python's traceback of the import it cut, 20 to 40 lines, and the
    process died by SIGINT."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>story</p></body></html>")
    result = subprocess.run([sys.executable, "-c", _SIGNAL_IN_PARSER, signame, str(page)],
                            capture_output=True, text=True, timeout=300, check=False,
                            preexec_fn=_ctrl_c_taken)
    assert (result.returncode, result.stderr) == (130, "auditor: interrupted\n")


# as above, the signal landing inside code that swallows the KeyboardInterrupt it
# raises, as lxml.etree's module init does while it registers its classes with abc
_SIGNAL_SWALLOWED = _SIGNAL_IN_PARSER.replace(
    "    os.kill(os.getpid(), landing)\n",
    "    try:\n        os.kill(os.getpid(), landing)\n    except BaseException:\n"
    "        pass\n")


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_a_signal_an_extension_swallowed_still_ends_the_command(tmp_path: Path,
                                                                signame: str) -> None:
    """Ctrl-C or SIGTERM in the 50 ms lxml.etree takes to import was lost: the run went
    on to its end and exited with its verdict (0, or a silent 1), the signal unsaid."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>story</p></body></html>")
    assert "except BaseException" in _SIGNAL_SWALLOWED
    result = subprocess.run([sys.executable, "-c", _SIGNAL_SWALLOWED, signame, str(page)],
                            capture_output=True, text=True, timeout=300, check=False,
                            preexec_fn=_ctrl_c_taken)
    assert (result.returncode, result.stderr) == (130, "auditor: interrupted\n")


@pytest.mark.skipif(not Path("/proc/self/syscall").exists(),
                    reason="needs Linux's /proc/PID/syscall to see the read on stdin")
def test_sigterm_before_a_bulk_run_starts_is_one_line_too(tmp_path: Path) -> None:
    """SIGTERM was taken only while bulk's shards ran: before then (reading the input
    list, loading lists, opening the store) the process died by the signal, exit -15 and
    not a word. `bulk --inputs-from -` waiting on its list is such a moment."""
    import signal
    import time

    proc = subprocess.Popen([sys.executable, "-m", "auditor", "bulk", "--inputs-from", "-",
                             "--store", str(tmp_path / "s.db"), "--no-system-lists"],
                            stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    syscall = Path(f"/proc/{proc.pid}/syscall")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not syscall.read_text().startswith("0 0x0 "):
        time.sleep(0.02)  # until it blocks in read(0, …): the list on stdin
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err.decode() == "auditor: interrupted\n"
    assert not (tmp_path / "s.db").exists()


def test_an_interrupted_run_leaves_its_outputs_as_they_were(tmp_path: Path) -> None:
    """SIGTERM (a CI job's timeout) mid-run left `-o` and `--also` files cut after the
    pages audited so far, which a CI step then uploads as the whole report (a gate
    failing open); each is now replaced only once written whole."""
    import signal
    import time

    site = tmp_path / "site"
    site.mkdir()
    body = "<p>" + "Council news in plain words. " * 40 + "</p>"
    for n in range(600):
        (site / f"p{n:03}.html").write_text(f"<html><body>{body}</body></html>")
    (tmp_path / "out.jsonl").write_text("yesterday's report\n")
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "audit", str(site), "--format",
                             "jsonl", "-o", "out.jsonl", "--also", "md=out.md",
                             "--no-system-lists"], cwd=tmp_path, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not any(
            p.stat().st_size for p in tmp_path.glob(".out.jsonl.*.tmp")):
        time.sleep(0.02)  # until pages are being written
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert (tmp_path / "out.jsonl").read_text() == "yesterday's report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "site"]


@pytest.mark.parametrize(("args", "hint"), [
    (["audit", "PAGE"], ": give --output FILE for the report"),
    (["rules", "list"], ""),
])
def test_a_closed_stdout_is_an_error_not_a_lost_report(
        tmp_path: Path, args: list[str], hint: str) -> None:
    """`auditor audit page.html >&-` printed into nothing and exited 0."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>story</p></body></html>")
    result = subprocess.run(
        [sys.executable, "-m", "auditor", *(str(page) if a == "PAGE" else a for a in args),
         "--no-system-lists"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        timeout=300, check=False, preexec_fn=lambda: os.close(1))
    assert result.returncode == 2
    assert one_line_error(result) == (
        f"auditor: error: stdout is closed, so nothing printed would be seen{hint}")


def test_a_closed_stdout_under_also_dash_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """`-o r.json --also md=- >&-` wrote the Markdown into None: "internal error:
    AttributeError", after the whole audit. Refused first, one line, exit 2."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>story</p></body></html>")
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "audit", str(page), "--no-system-lists", "-o",
         "r.json", "--also", "md=-"], cwd=tmp_path, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, timeout=300, check=False,
        preexec_fn=lambda: os.close(1))
    assert result.returncode == 2
    assert one_line_error(result) == (
        "auditor: error: stdout is closed, so nothing printed would be seen: give "
        "--also FORMAT=FILE a file, not -")
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize(("args", "needle"), [
    (["-o", "auditor.toml"], "auditor.toml: is the policy this run reads"),
    (["--policy", "p.toml", "--write-baseline", "p.toml"], "p.toml: is the policy this run"),
    (["--baseline", "base.json", "-o", "base.json", "--format", "json"],
     "base.json: is the baseline this run reads"),
    (["--baseline", "base.json", "--also", "md=base.json"], "base.json: is the baseline"),
    (["--lists", "mine.txt", "-o", "mine.txt"], "mine.txt: is a filter list this run reads"),
])
def test_an_output_never_overwrites_a_file_the_run_reads(
        tmp_path: Path, args: list[str], needle: str) -> None:
    """`-o auditor.toml` replaced the policy with the report (exit 0), as `-o` or `--also`
    on the baseline and `-o` on a `--lists` file did: each is refused before any output
    is opened, and every file keeps its bytes."""
    (tmp_path / "a.html").write_text('<html><body><p>story</p></body></html>')
    (tmp_path / "auditor.toml").write_text("max_ad_slots = 0\n")
    (tmp_path / "p.toml").write_text("max_ad_slots = 1\n")
    (tmp_path / "mine.txt").write_text("||ads.example^\n")
    assert run("audit", "a.html", "--write-baseline", "base.json", "--no-system-lists",
               cwd=tmp_path).returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = run("audit", "a.html", *args, "--no-system-lists", cwd=tmp_path)
    assert result.returncode == 2
    assert needle in one_line_error(result)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_write_baseline_may_renew_the_baseline_it_reads(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<html><body><p>story</p></body></html>')
    (tmp_path / "auditor.toml").write_text("max_ad_slots = 0\n")
    assert run("audit", "a.html", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    result = run("audit", "a.html", "--baseline", "b.json", "--write-baseline", "b.json",
                 "--no-system-lists", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "b.json").read_text())["tool"] == "auditor"


@pytest.mark.parametrize("command", [["audit", "PAGE"], ["rules", "list"]])
def test_columns_0_still_prints_the_report(tmp_path: Path, command: list[str]) -> None:
    """With COLUMNS=0 in the environment (what a terminal of no size reports), rich drew
    every line 0 columns wide: an empty report, exit 0."""
    page = tmp_path / "page.html"
    page.write_text('<html><head><title>Harbour news</title></head><body><p>story</p>'
                    '</body></html>')
    result = run(*(str(page) if a == "PAGE" else a for a in command), "--no-system-lists",
                 env={"COLUMNS": "0"})
    assert result.returncode == 0, result.stderr
    assert ("Harbour news" if command[0] == "audit" else "auditor-ads") in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_named_as_input_is_read_whole_as_stdin_is(tmp_path: Path) -> None:
    """`auditor audit <(curl -s URL)` names a pipe (/dev/fd/63): it ended in "input stream
    is not seekable", naming no input, while `curl … | auditor audit -` worked."""
    import threading

    fifo = tmp_path / "page.pipe"
    os.mkfifo(fifo)
    page = ('<html><head><title>Harbour news</title></head><body><p>story</p>'
            '<script src="https://a.magsrv.com/ad-provider.js"></script></body></html>')

    def feed() -> None:
        with open(fifo, "w") as writer:
            writer.write(page)

    feeder = threading.Thread(target=feed)
    feeder.start()
    result = run("audit", str(fifo), "--format", "json", "--no-system-lists")
    feeder.join(timeout=60)
    assert result.returncode == 0, result.stderr
    [report] = json.loads(result.stdout)["pages"]
    assert (report["input"], report["kind"], report["title"]) == (str(fifo), "html",
                                                                   "Harbour news")
    assert [h["host"] for h in report["third_party_hosts"]] == ["a.magsrv.com"]


@pytest.mark.parametrize(("args", "needle"), [
    (["PAGE", "-o", "loop"], "auditor: error: loop: cannot write: Too many levels of symbolic"),
    (["PAGE", "-o", "loop/r.json"], "loop/r.json: cannot write: Too many levels of symbolic"),
    (["loop", "-o", "r.json"], "auditor: error: loop: cannot read: Too many levels of symbolic"),
])
def test_a_symlink_loop_is_the_one_line_error_not_an_internal_one(
        tmp_path: Path, args: list[str], needle: str) -> None:
    """An output or input that is a symlink loop (`ln -s loop loop`) was "internal error:
    RuntimeError: Symlink loop" (Path.resolve in the outputs' identity check)."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>story</p></body></html>")
    (tmp_path / "loop").symlink_to("loop")
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "audit", "--no-system-lists", "--no-policy",
         *(str(page) if a == "PAGE" else a for a in args)], cwd=tmp_path,
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 2
    assert needle in one_line_error(result)


def test_the_loaded_engine_is_kept_out_of_the_collectors_full_passes(examples: Path) -> None:
    """`auditor audit` freezes what it loaded (the engine, the catalogue) before the first
    page: the cycle collector's full passes no longer walk it page after page."""
    code = ("import gc, sys\nfrom auditor.cli import main\n"
            "status = main(['audit', sys.argv[1], '--no-system-lists', '--format', 'json', "
            "'--output', sys.argv[2]])\nprint(status, gc.get_freeze_count() > 10_000)")
    result = subprocess.run([sys.executable, "-c", code, str(examples / "news-article.html"),
                             os.devnull], capture_output=True, text=True, check=True,
                            env={**os.environ})
    assert result.stdout.split() == ["0", "True"]


def test_repeated_runs_in_one_process_freeze_no_more(examples: Path) -> None:
    """`cli.main()` called again in one process (tests, an embedding) reuses what the first
    call loaded: the second and later calls freeze nothing more (each froze ~424 objects,
    what was live or garbage then, for good)."""
    code = ("import gc, sys\nfrom auditor.cli import main\n"
            "counts = []\n"
            "for _ in range(4):\n"
            "    main(['audit', sys.argv[1], '--no-system-lists', '--format', 'json', "
            "'--output', sys.argv[2]])\n"
            "    counts.append(gc.get_freeze_count())\n"
            "print(counts[0] > 10_000, max(counts[1:]) <= counts[0])")
    result = subprocess.run([sys.executable, "-c", code, str(examples / "news-article.html"),
                             os.devnull], capture_output=True, text=True, check=True,
                            env={**os.environ})
    assert result.stdout.split() == ["True", "True"]
