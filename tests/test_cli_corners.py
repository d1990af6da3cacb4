"""Corners of the outside contract a user's environment reaches (docs/CONTRACT-ADDITIONS.md):
the terminal's encoding, a signal at shutdown, stdin pages under a site's policy. Each is
run as a user runs it: `python -m auditor` in a process of its own."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from archive_fixtures import member_offsets, page, response, warc_bytes, warc_record

# a page whose text is not ASCII (Latin-1 letters, punctuation beyond it, an emoji) and
# that loads an ad network a policy denies: a gate that fails, with page text everywhere
PAGE = ("<html><head><title>Café “Grüße” ☕ 😀</title></head><body>"
        "<p>Naïve story — with words in French: déjà vu.</p>"
        '<script src="https://a.magsrv.com/ad-provider.js"></script></body></html>')
TITLE = "Café “Grüße” ☕ 😀"
POLICY = 'deny_networks = ["ExoClick"]\n'


def run(*args: str, cwd: Path, env: dict[str, str] | None = None,
        stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "auditor", *args], input=stdin,
                          capture_output=True, timeout=120, check=False, cwd=cwd,
                          env={**os.environ, "COLUMNS": "100", **(env or {})},
                          preexec_fn=_memory_bounded)


@pytest.fixture
def gated(tmp_path: Path) -> Path:
    """A folder holding a non-ASCII named page that fails its policy."""
    (tmp_path / "café.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "auditor.toml").write_text(POLICY)
    return tmp_path


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", ["terminal", "md", "json", "jsonl", "sarif", "junit", "html"])
def test_a_terminal_that_is_not_utf8_gets_the_report_escaped(
        gated: Path, fmt: str, encoding: str) -> None:
    """`LC_ALL=C PYTHONIOENCODING=ascii` (or a Latin-1 terminal) made every terminal report
    (its own `·`) and any report holding page text an internal error, exit 2: a failing
    gate's verdict lost to the terminal's encoding. The report is written: text formats
    with backslash escapes, JSON with `\\u` escapes and HTML/XML with character
    references, all ASCII, so each document means what it means in UTF-8."""
    result = run("audit", "café.html", "--format", fmt, "--no-system-lists", cwd=gated,
                 env={"LC_ALL": "C", "PYTHONIOENCODING": encoding})
    assert (result.returncode, result.stderr) == (1, b""), result.stderr
    out = result.stdout.decode(encoding)
    if fmt in ("terminal", "md"):  # the page's name as the encoding can say it
        assert ("caf\\xe9" if encoding == "ascii" else "café") in out
        assert "policy FAILED" in out or "policy failed" in out
    else:
        out.encode("ascii")  # every character escaped, so as UTF-8 it is the same document
    if fmt == "json":
        doc = json.loads(out)
        assert (doc["pages"][0]["input"], doc["pages"][0]["title"]) == ("café.html", TITLE)
    if fmt == "jsonl":
        assert json.loads(out.splitlines()[0])["title"] == TITLE
    if fmt == "sarif":
        uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert uri["artifactLocation"]["uri"] == "caf%C3%A9.html"
    if fmt == "junit":
        case = ET.fromstring(out).find("testsuite/testcase")
        assert case is not None and case.get("name") == "café.html"
    if fmt == "html":
        assert "caf&#233;.html" in out


# a Ctrl-C landing at a given moment of a real `python -m auditor`, by a sitecustomize
# module the child imports at start-up: a profile hook that sends it as the command's
# `main` leaves (it returned into runpy's frames, which run the module by `exec`; it now
# exits from `_leave`), or an exit handler registered before the command's (so run
# after them, at interpreter shutdown)
_LANDING = {
    "after-main": """
import os, signal, sys
def _hook(frame, event, arg):
    if (event == "call" and frame.f_code.co_name == "_leave"
            and frame.f_code.co_filename.endswith(os.path.join("auditor", "__main__.py"))):
        sys.setprofile(None)
        os.kill(os.getpid(), signal.SIGINT)
sys.setprofile(_hook)
""",
    "at-shutdown": """
import atexit, os, signal
atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))
""",
}


def _ctrl_c_taken() -> None:
    """Ctrl-C's default in the child, as from a terminal (CI runs the suite with SIGINT
    ignored, which the command rightly leaves ignored)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("args", [["--format", "json"], ["--policy", "auditor.toml"],
                                  ["--policy", "nonesuch.toml"]])
@pytest.mark.parametrize("moment", sorted(_LANDING))
def test_ctrl_c_as_the_command_ends_is_exit_130_with_one_line(
        gated: Path, moment: str, args: list[str]) -> None:
    """A Ctrl-C after the command's `main` returned (in runpy's frames) died by SIGINT,
    exit -2, with a traceback; one at interpreter shutdown printed "Exception ignored in
    atexit callback" and its traceback, and the exit status was the run's (0: "passed").
    Each is now `auditor: interrupted`, exit 130, and nothing else on stderr."""
    (gated / "hook").mkdir()
    (gated / "hook" / "sitecustomize.py").write_text(_LANDING[moment])
    path = os.pathsep.join([str(gated / "hook"), *sys.path])
    result = subprocess.run([sys.executable, "-m", "auditor", "audit", "café.html",
                             "--no-system-lists", *args], capture_output=True, text=True,
                            timeout=120, check=False, cwd=gated, preexec_fn=_ctrl_c_taken,
                            env={**os.environ, "PYTHONPATH": path})
    said = result.stderr.replace("auditor: error: nonesuch.toml: ", "")
    assert (result.returncode, said.splitlines()[-1:]) == (130, ["auditor: interrupted"])
    assert result.stderr.count("\n") == 1 + ("nonesuch" in result.stderr), result.stderr


# a signal sent by a finalizer the interpreter's teardown runs (an object kept in `sys`,
# whose dict is cleared among the last): the moment modules are torn down, after the
# exit handlers; its names are bound as it is made, the modules it needs being cleared
_IN_TEARDOWN = """
import os, signal, sys
class _Late:
    def __del__(self, kill=os.kill, getpid=os.getpid, signum=signal.{signame}):
        kill(getpid(), signum)
sys._auditor_test_late = _Late()
"""


@pytest.mark.parametrize("args", [["--format", "json"], ["--no-policy"]])
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_signal_in_the_interpreter_s_teardown_is_no_death_by_signal(
        gated: Path, signame: str, args: list[str]) -> None:
    """A signal while the interpreter tore its modules down met Python's own handlers
    reset to the default: the process died by it (exit -2, -15), no line, where the
    contract says 130 and `auditor: interrupted`. The command now exits once its exit
    handlers ran, with no teardown for a signal to land in: its status is the run's, or
    130 with the one line, never a death by signal nor a traceback."""
    (gated / "hook").mkdir()
    (gated / "hook" / "sitecustomize.py").write_text(_IN_TEARDOWN.format(signame=signame))
    path = os.pathsep.join([str(gated / "hook"), *sys.path])
    result = subprocess.run([sys.executable, "-m", "auditor", "audit", "café.html",
                             "--no-system-lists", *args], capture_output=True, text=True,
                            timeout=120, check=False, cwd=gated, preexec_fn=_ctrl_c_taken,
                            env={**os.environ, "PYTHONPATH": path})
    verdict = 0 if "--no-policy" in args else 1  # its auditor.toml denies the page's ads
    assert (result.returncode, result.stderr) in ((verdict, ""),
                                                  (130, "auditor: interrupted\n")), result


@pytest.mark.parametrize("gate", [[], ["--no-policy"]])
@pytest.mark.parametrize("output", [["--also", "md=/dev/fd/FD"],
                                    ["--format", "json", "-o", "/dev/fd/FD"]])
def test_an_output_pipe_whose_reader_is_gone_is_one_line_naming_it(
        gated: Path, gate: list[str], output: list[str]) -> None:
    """`--also md=>(cmd)` or `-o >(cmd)` where cmd had quit: without a policy the report
    was lost without a word, exit 0; with one the error blamed stdout's reader. The
    output is named, exit 2."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the run writes: every write is EPIPE
    args = [a.replace("FD", str(write)) for a in output]
    try:
        result = subprocess.run([sys.executable, "-m", "auditor", "audit", "café.html",
                                 "--no-system-lists", *gate, *args], capture_output=True,
                                text=True, timeout=120, check=False, cwd=gated,
                                pass_fds=(write,))
    finally:
        os.close(write)
    name = args[-1].partition("=")[2] or args[-1]
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"auditor: error: {name}: cannot write: Broken pipe (its reader stopped reading "
        "before the report was whole)"], result.stderr


SITE_POLICY = """base_url = "https://example.com"
site_root = "public"
[[override]]
paths = ["blog/**"]
deny_networks = ["ExoClick"]
"""


@pytest.mark.parametrize(("url", "judged_as"), [
    ("https://example.com/blog/a.html", "blog/a.html"),
    ("https://EXAMPLE.com:443/blog/./x/../a.html?utm=1#top", "blog/a.html"),
    ("https://example.com/blog/", "blog/index.html"),
])
def test_a_page_on_stdin_is_judged_at_its_url_s_path_in_the_site(
        tmp_path: Path, url: str, judged_as: str) -> None:
    """`curl … | auditor audit - --url https://example.com/blog/a.html` was judged as
    `<stdin>`, which no override's globs match: a page the site's `blog/**` override
    denies ExoClick on passed from stdin (exit 0) and failed as the file (exit 1). A page
    given its URL on the site is judged at its path, as the file would be."""
    (tmp_path / "auditor.toml").write_text(SITE_POLICY)
    (tmp_path / "public" / "blog").mkdir(parents=True)
    (tmp_path / "public" / "blog" / "a.html").write_text(PAGE, encoding="utf-8")
    as_file = run("audit", "public/blog/a.html", "--format", "json", "--no-system-lists",
                  cwd=tmp_path)
    assert as_file.returncode == 1, as_file.stderr
    result = run("audit", "-", "--url", url, "--format", "json", "--no-system-lists",
                 cwd=tmp_path, stdin=PAGE.encode())
    assert result.returncode == 1, result.stderr
    [violation] = json.loads(result.stdout)["pages"][0]["violations"]
    assert (violation["clause"], violation["path"]) == ("deny_networks", judged_as)
    if judged_as == "blog/a.html":  # one page, one fingerprint: a baseline holds for both
        [by_file] = json.loads(as_file.stdout)["pages"][0]["violations"]
        assert violation["fingerprint"] == by_file["fingerprint"]


IDN_POLICY = SITE_POLICY.replace("https://example.com", "https://bücher.example")


@pytest.mark.parametrize(("url", "judged_as"), [
    ("https://bücher.example/blog/a.html", "blog/a.html"),
    ("https://BÜCHER.example./blog/a.html", "blog/a.html"),
    ("https://xn--bcher-kva.example/blog\\a.html", "blog/a.html"),
    ("https://xn--bcher-kva.example/blog/a%ff.html", "blog/a\ufffd.html"),
])
def test_a_page_on_stdin_is_judged_at_its_url_s_path_as_a_browser_reads_the_url(
        tmp_path: Path, url: str, judged_as: str) -> None:
    """The URL given is read as the base URL is (`resolve`): the base URL's IDN host was
    punycode, the page's as typed, so `--url https://bücher.example/blog/a.html`, the
    base URL's own spelling, was no page of the site and passed the override (exit 0);
    a path naming bytes that are not UTF-8 (`%ff`) was an internal error, where the file
    `blog/a\xff.html` is judged at `blog/a\ufffd.html` as every record's name is."""
    (tmp_path / "auditor.toml").write_text(IDN_POLICY, encoding="utf-8")
    result = run("audit", "-", "--url", url, "--format", "json", "--no-system-lists",
                 cwd=tmp_path, stdin=PAGE.encode())
    assert result.returncode == 1, result.stderr
    [violation] = json.loads(result.stdout)["pages"][0]["violations"]
    assert (violation["clause"], violation["path"]) == ("deny_networks", judged_as)


@pytest.mark.parametrize("url", ["https://other.example/blog/a.html",
                                 "http://example.com.evil.example/blog/a.html"])
def test_a_page_on_stdin_from_another_site_is_no_page_of_this_one(
        tmp_path: Path, url: str) -> None:
    (tmp_path / "auditor.toml").write_text(SITE_POLICY)
    result = run("audit", "-", "--url", url, "--format", "json", "--no-system-lists",
                 cwd=tmp_path, stdin=PAGE.encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pages"][0]["violations"] == []


def _memory_bounded() -> None:
    """The child may map at most 1.5 GiB: a run reading a stream without end fails in
    it, not on the machine (the kernel killed it, exit 137, without a word)."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 29, 3 << 29))


# a writer that never ends: NULs (binary), or a page's markup
_ENDLESS = ("import sys\nout = sys.stdout.buffer\nout.write({head!r})\n"
            "while True:\n    out.write({body!r} * 65536)\n")


@pytest.mark.parametrize(("head", "body", "error"), [
    (b"", b"\0", "auditor: error: <stdin>: binary data, not a page (HTML, JSON, text or "
                 "an archive)"),
    (b"<html><body>", b"<p>x</p>", "auditor: error: <stdin>: larger than 64 MiB"),
])
def test_a_stream_without_end_on_stdin_is_one_line(
        tmp_path: Path, head: bytes, body: bytes, error: str) -> None:
    """`auditor audit - < /dev/zero` (or a page streamed without end) read stdin whole
    before looking at it, until the kernel killed the process (exit 137, no line): the
    head says binary data at once, and a page is read no further than a page may be."""
    writer = subprocess.Popen([sys.executable, "-c", _ENDLESS.format(head=head, body=body)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        result = subprocess.run([sys.executable, "-m", "auditor", "audit", "-",
                                 "--no-system-lists"], stdin=writer.stdout,
                                capture_output=True, text=True, timeout=120, check=False,
                                cwd=tmp_path, preexec_fn=_memory_bounded)
    finally:
        writer.kill()
        writer.wait()
    assert (result.returncode, result.stderr.splitlines()) == (2, [error]), result.stderr


# a gzip stream that never ends (`yes | gzip`, a bomb served without end), or a zstd one
_ENDLESS_PACKED = {
    # each block compressed once and sent again: after a full flush a block refers to
    # nothing before it, so its bytes repeat, and the writer keeps pace with the reader
    "gzip": ("import sys, zlib\nout = sys.stdout.buffer\n"
             "z = zlib.compressobj(1, zlib.DEFLATED, 31)\n"
             "out.write(z.compress({head!r}) + z.flush(zlib.Z_FULL_FLUSH))\n"
             "block = z.compress({body!r} * 65536) + z.flush(zlib.Z_FULL_FLUSH)\n"
             "while True:\n    out.write(block)\n"),
    "zstd": ("import sys\nout = sys.stdout.buffer\n"
             "out.write(b'(\\xb5/\\xfd\\x04X\\xe1\\x00\\x00')\n"
             "while True:\n    out.write({body!r} * 65536)\n"),
}


_YES = b"<p>yes</p>\n"


@pytest.mark.parametrize(("packing", "head", "body", "error"), [
    ("gzip", b"<html><body>", _YES, "<stdin>: decompresses to more than 16777216 bytes"),
    ("gzip", b"", _YES, "<stdin>: decompresses to more than 16777216 bytes"),
    # `gzip < /dev/zero`, and noise: no page at its head, so copied whole, for ever
    ("gzip", b"", b"\0" * 16, "<stdin>: decompresses to more than 16777216 bytes"),
    ("gzip", b"\x89PNG\r\n\x1a\n", bytes(range(256)),
     "<stdin>: decompresses to more than 16777216 bytes"),
    ("zstd", b"", _YES, "<stdin>: zstd-compressed, which this version cannot decompress "
                        "(decompress it first: zstd -d)"),
], ids=["gzip-page", "gzip-text", "gzip-zeros", "gzip-noise", "zstd"])
def test_a_compressed_stream_without_end_on_stdin_is_one_line(
        tmp_path: Path, packing: str, head: bytes, body: bytes, error: str) -> None:
    """`yes | gzip | auditor audit -` (a gzip bomb on stdin) was copied to a temporary
    file whole before it was looked at: the run never ended, filling the temporary disk.
    A page in it is read as far as a gzipped file's page is, one line, exit 2; zstd,
    which no reader here decompresses, no further than its head."""
    writer = subprocess.Popen([sys.executable, "-c", _ENDLESS_PACKED[packing].format(
        head=head, body=body)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        result = subprocess.run([sys.executable, "-m", "auditor", "audit", "-",
                                 "--no-system-lists"], stdin=writer.stdout,
                                capture_output=True, text=True, timeout=60, check=False,
                                cwd=tmp_path, preexec_fn=_memory_bounded)
    finally:
        writer.kill()
        writer.wait()
    assert (result.returncode, result.stderr) == (2, f"auditor: error: {error}\n")


def _damaged_first(data: bytes, damage: str) -> bytes:
    """A per-record gzip WARC with its first member damaged as `damage` says."""
    first_end = member_offsets(data)[1]
    if damage == "magic":
        return b"\x00\x00" + data[2:]
    if damage == "fname":  # a flag that has zlib read a name through what follows
        return data[:3] + bytes([data[3] ^ 0x08]) + data[4:]
    at = {"header": 3, "deflate": 40, "crc": first_end - 9}[damage]
    return data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1:]


@pytest.mark.parametrize("first", ["warcinfo", "a large page"])
@pytest.mark.parametrize("damage", ["magic", "header", "fname", "deflate", "crc"])
def test_a_damaged_first_record_on_stdin_loses_no_record(
        tmp_path: Path, damage: str, first: str) -> None:
    """A per-record gzip WARC whose first record is damaged, piped into `audit -`, was
    copied only as far as its first member failed to decompress (128 KiB): the records
    in that much were read, every one after lost, exit 0. Piped, it reads the records
    it reads by path: the damaged one a failure, every page after it."""
    pages = [response(f"https://s.test/{i}", page(f"Page {i}")) for i in range(600)]
    if first == "a large page":  # a first member far past what is read at the head
        noise = " ".join(f"{n * 7919 % 100003:x}" for n in range(120_000))
        pages.insert(0, response("https://s.test/big", f"<html><p>{noise}</p></html>"))
    data = warc_bytes(pages)
    if first == "a large page":  # the large page first: the warcinfo record dropped
        data = data[member_offsets(data)[1]:]
    bad = _damaged_first(data, damage)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(bad)
    common = ["--no-system-lists", "--no-policy", "--format", "jsonl"]
    by_path = run("audit", str(path), *common, cwd=tmp_path)
    piped = run("audit", "-", *common, cwd=tmp_path, stdin=bad)
    # a lost magic is looked for past the head's 64 KiB by neither (`warc_member_after`):
    # the file is binary data, one line, exit 2, by path as piped
    lost = (damage, first) == ("magic", "a large page")
    assert (by_path.returncode, len(by_path.stdout.splitlines())) == ((2, 0) if lost
                                                                      else (0, 601))
    named = [out.replace(str(path).encode(), b"<stdin>") for out in (by_path.stdout,
                                                                    by_path.stderr)]
    assert (piped.returncode, piped.stdout, piped.stderr) == (by_path.returncode, *named)


@pytest.mark.parametrize(("mib", "refused"), [(20, False), (70, True)])
def test_a_damaged_first_member_past_16_mib_is_read_alike_by_path_and_piped(
        tmp_path: Path, mib: int, refused: bool) -> None:
    """A per-record gzip WARC whose damaged first member is 20 MiB was read by path (its
    records searched for to the file's end) and refused piped (copied 16 MiB, no record
    in it), exit 2. Both look as far as `audit` reads a page, 64 MiB: within it the
    records after the damage are read, past it both refuse the file in one line."""
    big = warc_record("https://s.test/big", "<html><p>" + "x" * (mib << 20) + "</p></html>")
    first = gzip.compress(big, compresslevel=0, mtime=0)  # stored: as large as it holds
    first = first[:3] + bytes([first[3] ^ 0x55]) + first[4:]  # its header's flags damaged
    data = first + warc_bytes([response(f"https://s.test/{i}", page(f"Page {i}"))
                               for i in range(3)])
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    common = ["--no-system-lists", "--no-policy", "--format", "jsonl"]
    by_path = run("audit", str(path), *common, cwd=tmp_path)
    piped = run("audit", "-", *common, cwd=tmp_path, stdin=data)
    error = (b"auditor: error: <stdin>: unreadable gzip: its first member is damaged and no "
             b"WARC record starts in its first 64 MiB, as far as one is looked for\n")
    assert (piped.returncode, piped.stderr, len(piped.stdout.splitlines())) == (
        (2, error, 0) if refused else (0, b"", 4))
    named = [out.replace(str(path).encode(), b"<stdin>") for out in (by_path.stdout,
                                                                    by_path.stderr)]
    assert (by_path.returncode, *named) == (piped.returncode, piped.stdout, piped.stderr)


@pytest.mark.parametrize(("args", "error"), [
    (["audit", "café.html", "--baseline", "/dev/zero"],
     "auditor: error: /dev/zero: baseline is not JSON: binary data"),
    (["audit", "café.html", "--baseline", "/dev/urandom"],
     "auditor: error: /dev/urandom: baseline is not JSON: binary data"),
    (["audit", "café.html", "--lists", "/dev/zero"],
     "auditor: error: /dev/zero: not a filter list (binary data)"),
    (["rules", "list", "--lists", "/dev/urandom"],
     "auditor: error: /dev/urandom: not a filter list (binary data)"),
    (["bulk", "--inputs-from", "/dev/zero", "--store", "s.db"],
     "auditor: error: /dev/zero: binary data, not a list of paths (one a line)"),
    (["audit", "café.html", "--baseline", "big.txt"],
     "auditor: error: big.txt: larger than 256 MiB, more than a baseline holds"),
    (["audit", "café.html", "--lists", "big.txt"],
     "auditor: error: big.txt: not a filter list (larger than 64 MiB)"),
])
def test_a_file_the_run_reads_that_has_no_end_is_one_line(
        gated: Path, args: list[str], error: str) -> None:
    """`--baseline /dev/zero` (a device or a huge file given by mistake), `--lists` or
    `--inputs-from` one, were read whole before looked at: out of memory, killed (exit
    137) or an internal error. Each is read no further than it may be, one line, exit 2."""
    with (gated / "big.txt").open("wb") as big:  # sparse: no disk is written
        big.truncate(300 << 20)
        big.seek(0)
        big.write(b'{"version": 1, "tool": "auditor", "fingerprints": [] ' + b" " * 65536)
    result = subprocess.run([sys.executable, "-m", "auditor", *args, "--no-system-lists"],
                            capture_output=True, text=True, timeout=120, check=False,
                            cwd=gated, preexec_fn=_memory_bounded)
    assert (result.returncode, result.stderr.splitlines()) == (2, [error]), result.stderr


@pytest.fixture
def site_loading_code(tmp_path: Path) -> Path:
    """A built site whose post runs a file of the site by a relative URL, the file
    loading a network the policy denies: the gate must find it through the post."""
    (tmp_path / "public" / "blog").mkdir(parents=True)
    (tmp_path / "public" / "index.html").write_text("<html><body><p>home</p></body></html>")
    (tmp_path / "public" / "blog" / "post.html").write_text(
        '<html><body><p>story</p><script src="helper.dat"></script></body></html>')
    (tmp_path / "public" / "blog" / "helper.dat").write_text(
        "var s = document.createElement('script');"
        "s.src = 'https://a.magsrv.com/ad-provider.js'; document.head.appendChild(s);")
    (tmp_path / "auditor.toml").write_text('deny_networks = ["ExoClick"]\n')
    return tmp_path


@pytest.mark.parametrize("base", ["https://example.com/x/..", "https://example.com/a/./b/",
                                  "https://example.com//docs/", "https://example.com/x/%2E%2e/"])
def test_a_base_url_with_dot_segments_or_empty_ones_finds_the_code_pages_load(
        site_loading_code: Path, base: str) -> None:
    """A base URL with `.`, `..` or an empty segment built page URLs the walk resolved
    elsewhere (`/x/../blog/helper.dat` is `/blog/helper.dat`), so the code a page loads
    was not found in the site and the gate passed (exit 0) a site it fails under
    `https://example.com/`. The base URL is read as a browser reads it."""
    result = run("audit", "public", "--base-url", base, "--no-system-lists", "--format",
                 "json", cwd=site_loading_code)
    assert result.returncode == 1, result.stderr
    assert "public/blog/helper.dat" in [p["input"] for p in json.loads(result.stdout)["pages"]]


@pytest.mark.parametrize("base", ["https://example.com/?", "https://example.com/#",
                                  "https://example.com/?utm=1", "https://example.com/#top"])
@pytest.mark.parametrize("where", ["option", "policy"])
def test_a_base_url_with_a_query_or_fragment_is_refused(
        site_loading_code: Path, base: str, where: str) -> None:
    """Every page's URL was the base's path with `?…/blog/post.html` in its query or
    fragment: the code the post loads was looked for at the site's root, not found, and
    the gate passed (exit 0). A base URL is where the site's root is served: one with a
    query or fragment is refused, one line, exit 2."""
    args = ["--base-url", base]
    if where == "policy":
        policy = site_loading_code / "auditor.toml"
        policy.write_text(f'base_url = "{base}"\n' + policy.read_text())
        args = []
    result = run("audit", "public", *args, "--no-system-lists", cwd=site_loading_code)
    assert result.returncode == 2, result.stdout
    [line] = result.stderr.decode().splitlines()
    assert line.endswith(f"{base!r} has a query or fragment; a base URL is where the site's "
                         "root is served, such as 'https://example.com/docs/'"), line


@pytest.mark.parametrize(("args", "error"), [
    (["audit", "café.html", "--width", "1000000000"],
     "auditor audit: error: argument --width: must be at most 10000 (see --help)"),
    (["audit", "café.html", "--max-urls", "100000000000000000000"],
     "auditor audit: error: argument --max-urls: must be at most 9223372036854775807 (see "
     "--help)"),
    (["report", "--store", "s.db", "--top", "100000000000000000000"],
     "auditor report: error: argument --top: must be at most 9223372036854775807 (see "
     "--help)"),
])
def test_a_number_past_what_it_can_mean_is_a_usage_error(
        gated: Path, args: list[str], error: str) -> None:
    """`--width 1000000000` drew lines a billion spaces wide until memory ran out,
    `--max-urls` or `--top` past 2**63 overflowed a slice or SQLite: internal errors."""
    result = subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True,
                            text=True, timeout=120, check=False, cwd=gated,
                            preexec_fn=_memory_bounded)
    assert (result.returncode, result.stderr.splitlines()) == (2, [error]), result.stderr


@pytest.mark.parametrize("limit", ["--max-urls", "--max-attributes", "--max-elements"])
@pytest.mark.parametrize("command", ["audit", "bulk"])
def test_a_limit_at_the_most_it_may_be_audits_the_page(
        tmp_path: Path, limit: str, command: str) -> None:
    """The largest count a limit takes (2**63-1) is no limit a page can reach: one past
    it was islice's stop past sys.maxsize (`--max-urls`), a repetition count past `re`'s
    (`--max-attributes` at 2**32-2 or more, on a tag of 33 attributes): an internal error,
    exit 2, or every record of a bulk run failed."""
    crowded = "<div " + " ".join(f"a{i}=1" for i in range(40)) + ">x</div>"
    (tmp_path / "page.html").write_text(PAGE.replace("<p>", crowded + "<p>"), encoding="utf-8")
    args = ["--store", "s.db", "--workers", "1", "--no-progress"] if command == "bulk" else []
    result = run(command, "page.html", limit, str(sys.maxsize), *args, "--no-system-lists",
                 cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, b""), result.stderr
    assert b" 0 failed" in result.stdout or command == "audit", result.stdout


def test_a_terminal_width_past_any_terminal_is_taken_as_the_widest(gated: Path) -> None:
    """COLUMNS=1000000000 (a CI runner's, or a script's mistake) drew the report a
    billion columns wide until memory ran out; a width is at most 10,000 columns."""
    result = run("audit", "café.html", "--no-policy", "--no-system-lists", cwd=gated,
                 env={"COLUMNS": "1000000000"})
    assert (result.returncode, result.stderr) == (0, b"")
    assert max(map(len, result.stdout.decode().splitlines())) <= 10000
