"""Outputs written whole or not at all (auditor/files.py)."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

import pytest

from auditor import files
from auditor.errors import AuditorError
from auditor.files import replacing, replacing_text


def test_an_interrupted_write_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    out.write_text("the last whole report\n")
    with pytest.raises(KeyboardInterrupt), replacing_text(out) as handle:
        handle.write('{"runs": [{"results": [')
        raise KeyboardInterrupt
    assert out.read_text() == "the last whole report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]  # no temp left


def test_a_whole_write_replaces_the_file_keeping_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old")
    out.chmod(0o640)
    with replacing_text(out) as handle:
        handle.write("new ✓\n")
    assert out.read_text(encoding="utf-8") == "new ✓\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_permissions_not_owner_only(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        with replacing(tmp_path / "graph.gexf") as handle:
            handle.write(b"<gexf/>")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "graph.gexf").stat().st_mode) == 0o644


def test_a_symlinked_output_is_written_through(tmp_path: Path) -> None:
    """`open(path, "w")` writes through a symlink (a CI workspace linking its reports
    folder): the rename must replace the target, not the link."""
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with replacing_text(link) as handle:
        handle.write("new")
    assert link.is_symlink() and real.read_text() == "new"


def test_an_unwritable_place_is_the_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(AuditorError, match=r"nowhere/r\.json: cannot write: No such file"), \
            replacing_text(tmp_path / "nowhere" / "r.json"):
        pass


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="needs /dev/null")
def test_a_directory_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """`-o reports/`: the temporary file was made and the whole audit written to it, and
    only the rename or copy-in at the end said "Is a directory"."""
    (tmp_path / "reports").mkdir()
    with pytest.raises(AuditorError, match=r"reports: cannot write: Is a directory$"), \
            replacing(tmp_path / "reports"):
        pytest.fail("opened")
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]


def test_a_device_is_written_as_it_is() -> None:
    with replacing_text(Path("/dev/null")) as handle:
        handle.write("discarded")
    assert Path("/dev/null").is_char_device()  # not renamed over


def _no_file_beside(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The folder is one the user may not write (as root, chmod would not stop us)."""
    made = tempfile.mkstemp

    def mkstemp(*args: object, dir: str | Path | None = None, **kw: object) -> tuple[int, str]:
        if dir is not None and Path(dir) == folder:
            raise PermissionError(13, "Permission denied")
        return made(*args, dir=dir, **kw)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def test_a_writable_file_in_a_folder_one_may_not_write_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`open(path, "w")` wrote a writable file in a read-only folder (a CI's pre-made
    report file): it is copied over once complete, and left as it was if interrupted."""
    out = tmp_path / "report.sarif"
    out.write_text("old")
    _no_file_beside(monkeypatch, tmp_path)
    with pytest.raises(KeyboardInterrupt), replacing_text(out) as handle:
        handle.write("half")
        raise KeyboardInterrupt
    assert out.read_text() == "old"
    with replacing_text(out) as handle:
        handle.write("new ✓\n")
    assert out.read_text(encoding="utf-8") == "new ✓\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]


def test_a_new_file_in_a_folder_one_may_not_write_is_the_one_line_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_file_beside(monkeypatch, tmp_path)
    with pytest.raises(AuditorError, match="cannot write: Permission denied"), \
            replacing_text(tmp_path / "new.sarif") as handle:
        handle.write("x")


def test_no_temporary_file_to_spool_to_is_the_one_line_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no folder to write beside the report and no usable TMPDIR, the copy-in had no
    spool: a bare OSError (a traceback) instead of the one-line error; the file is kept."""
    out = tmp_path / "report.sarif"
    out.write_text("old")
    _no_file_beside(monkeypatch, tmp_path)

    def no_spool() -> None:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_spool)
    with pytest.raises(AuditorError, match="no temporary file to spool it to"), \
            replacing_text(out) as handle:
        handle.write("x")
    assert out.read_text() == "old"


class _FailsAfter:
    """A file that writes its first `limit` bytes to the real descriptor, then fails as
    a disk does midway (an I/O error, a read-only remount)."""

    def __init__(self, fd: int, limit: int, errno_: int = 5) -> None:
        self.fd, self.left, self.errno = fd, limit, errno_

    def write(self, data: memoryview) -> int:
        if self.left <= 0:
            raise OSError(self.errno, os.strerror(self.errno))
        n = os.write(self.fd, data[: self.left])
        self.left -= n
        return n


def _hard_linked(tmp_path: Path, text: str) -> tuple[Path, Path]:
    """A report with a second name (a CI's published copy): `replacing` copies into it."""
    out = tmp_path / "report.sarif"
    out.write_text(text)
    os.link(out, tmp_path / "published.sarif")
    return out, tmp_path / "published.sarif"


def test_a_hard_linked_report_is_written_into_keeping_its_other_names(tmp_path: Path) -> None:
    """Renaming a new file over one name left the other names holding the old report."""
    out, other = _hard_linked(tmp_path, "old")
    inode = out.stat().st_ino
    with replacing_text(out) as handle:
        handle.write("new ✓\n")
    assert other.read_text(encoding="utf-8") == "new ✓\n"
    assert out.stat().st_ino == inode and out.stat().st_nlink == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published.sarif", "report.sarif"]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_a_replaced_report_keeps_its_owner(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old")
    os.chown(out, 4321, 4321)
    out.chmod(0o640)
    with replacing_text(out) as handle:
        handle.write("new")
    st = out.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 4321, 0o640)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_an_owner_we_may_not_give_is_kept_by_writing_into_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another user's group-writable report (chown refused, as it is to all but root): a
    renamed file would change hands; the file is written into instead."""
    out = tmp_path / "report.json"
    out.write_text("old")
    os.chown(out, 4321, 4321)
    inode = out.stat().st_ino

    def refused(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refused)
    with replacing_text(out) as handle:
        handle.write("new")
    st = out.stat()
    assert out.read_text() == "new" and (st.st_ino, st.st_uid) == (inode, 4321)


def test_a_copy_in_with_no_room_leaves_the_old_report_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Room is taken before the old bytes go: a full disk or quota keeps them."""
    out, other = _hard_linked(tmp_path, "the last whole report\n")

    def full(fd: int, offset: int, length: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "posix_fallocate", full)
    with pytest.raises(AuditorError, match=r"report\.sarif: cannot write: No space left on "
                       r"device \(the old file is left as it was\)$"), \
            replacing_text(out) as handle:
        handle.write("x" * 10_000)
    assert other.read_text() == "the last whole report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published.sarif", "report.sarif"]


def test_a_copy_in_keeps_the_room_it_took_until_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """posix_fallocate took the room, then ftruncate(fd, 0) gave it all back before the
    first byte: another job filling the disk then cost the report after all. The room
    must still be the file's when the copy writes."""
    out, other = _hard_linked(tmp_path, "the last whole report\n")
    new = b"{" + b"x" * 300_000 + b"}"
    held: list[int] = []

    class Watched(_FailsAfter):
        def write(self, data: memoryview) -> int:
            if not held:
                held.append(os.fstat(self.fd).st_blocks * 512)
            return super().write(data)

    monkeypatch.setattr(files, "_writer", lambda fd: Watched(fd, 1 << 30))
    with replacing(out) as handle:
        handle.write(new)
    assert other.read_bytes() == new
    probe = os.open(tmp_path / "probe", os.O_WRONLY | os.O_CREAT)
    try:
        os.posix_fallocate(probe, 0, len(new))
    except OSError:
        pytest.skip("this file system takes no room ahead (no posix_fallocate)")
    finally:
        os.close(probe)
    assert held and held[0] >= len(new)


def test_a_copy_in_shorter_than_the_old_report_leaves_none_of_it(tmp_path: Path) -> None:
    out, other = _hard_linked(tmp_path, "the last whole report, a long one\n" * 100)
    with replacing_text(out) as handle:
        handle.write("{}\n")
    assert other.read_text() == "{}\n"


@pytest.mark.parametrize("limit", [0, 4096])
def test_a_copy_in_that_fails_midway_leaves_the_file_empty_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    """The copy-in failing after N bytes (EIO) left the new report's first N bytes where
    the old one was, with an error that did not say the file was cut: a CI step then
    uploaded a SARIF with fewer alerts. Now the file is emptied and the error says so."""
    out, other = _hard_linked(tmp_path, "the last whole report\n" * 1000)
    monkeypatch.setattr(files, "_writer", lambda fd: _FailsAfter(fd, limit))
    with pytest.raises(AuditorError, match=r"report\.sarif: cannot write: Input/output error "
                       r"after it was begun; the file is left empty, not cut$"), \
            replacing(out) as handle:
        handle.write(b"{" + b"x" * 100_000 + b"}")
    assert other.read_bytes() == b"" and out.stat().st_nlink == 2


def test_a_copy_in_stopped_by_ctrl_c_leaves_the_file_empty(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    out, _ = _hard_linked(tmp_path, "old report\n")

    class Interrupted(_FailsAfter):
        def write(self, data: memoryview) -> int:
            raise KeyboardInterrupt

    monkeypatch.setattr(files, "_writer", lambda fd: Interrupted(fd, 0))
    with pytest.raises(KeyboardInterrupt), replacing(out) as handle:
        handle.write(b"new report\n")
    assert out.read_bytes() == b""
    assert "report.sarif: the file is left empty, not cut" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("name", ["/dev/fd/{fd}", "/proc/self/fd/{fd}"])
def test_an_open_descriptor_is_written_through_not_replaced(tmp_path: Path, name: str) -> None:
    """`-o /dev/stdout` with stdout appended to a log renamed a new file over the log:
    its earlier lines were lost, and what the shell wrote after went to a deleted file."""
    log = tmp_path / "log.txt"
    with log.open("ab", buffering=0) as held:
        held.write(b"before\n")
        with replacing(Path(name.format(fd=held.fileno()))) as handle:
            handle.write(b"report\n")
        held.write(b"after\n")
    assert log.read_bytes() == b"before\nreport\nafter\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_a_descriptor_open_for_reading_only_is_the_one_line_error_first(
        tmp_path: Path) -> None:
    """`-o /dev/stdin`, `-o /dev/fd/5 5<file`: the whole audit ran, then the first write
    through the descriptor failed as "internal error: OSError: Bad file descriptor"."""
    page = tmp_path / "page.html"
    page.write_text("<p>page</p>")
    with page.open("rb") as held, pytest.raises(
            AuditorError, match=r"cannot write: the descriptor is open for reading only$"), \
            replacing(Path(f"/dev/fd/{held.fileno()}")):
        pytest.fail("opened")
    assert page.read_text() == "<p>page</p>"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_written_as_it_is(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "summary"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    with replacing(fifo) as handle:
        handle.write(b"## auditor\n")
    reader.join(timeout=30)
    assert got == [b"## auditor\n"] and fifo.is_fifo()


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """A POSIX access ACL as Linux stores it in `system.posix_acl_access` (version 2,
    then (tag, perm, id) entries, in tag order): what `setfacl` writes."""
    import struct

    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)


_ANYONE = 0xFFFFFFFF
# user::rw-, user:4321:r--, group::---, mask::r--, other::---: `ls -l` shows 0640, but the
# file's group may not read it; only uid 4321 besides its owner
_CI_READER_ONLY = _acl((0x01, 6, _ANYONE), (0x02, 4, 4321), (0x04, 0, _ANYONE),
                       (0x10, 4, _ANYONE), (0x20, 0, _ANYONE))


def _with_acl(path: Path) -> None:
    path.write_text("old")
    path.chmod(0o640)
    try:
        os.setxattr(path, "user.auditor.test", b"kept")
        os.setxattr(path, "system.posix_acl_access", _CI_READER_ONLY)
    except (OSError, AttributeError) as exc:
        pytest.skip(f"this file system keeps no ACLs or user xattrs here ({exc})")


def test_a_replaced_report_keeps_its_acl_and_xattrs(tmp_path: Path) -> None:
    """Renamed over, a report lost its ACL: `group::---` under a mask of `r--` shows as
    mode 0640, so the new 0640 file let the whole group read what the ACL kept from it."""
    out = tmp_path / "report.sarif"
    _with_acl(out)
    inode = out.stat().st_ino
    with replacing_text(out) as handle:
        handle.write("new")
    assert out.read_text() == "new" and out.stat().st_ino != inode  # replaced whole
    assert os.getxattr(out, "system.posix_acl_access") == _CI_READER_ONLY
    assert os.getxattr(out, "user.auditor.test") == b"kept"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_an_acl_that_cannot_be_given_is_kept_by_writing_into_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the new file cannot take the old one's attributes (a security label, a
    namespace we may not write), it is never renamed over with weaker access: the old
    file is written into, keeping every attribute it had."""
    out = tmp_path / "report.sarif"
    _with_acl(out)
    inode = out.stat().st_ino

    def refused(*args: object, **kw: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "setxattr", refused)
    with replacing_text(out) as handle:
        handle.write("new")
    assert out.read_text() == "new" and out.stat().st_ino == inode
    assert os.getxattr(out, "system.posix_acl_access") == _CI_READER_ONLY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]


def test_the_cli_keeps_a_reports_acl(tmp_path: Path) -> None:
    """The same, as CI runs it: `auditor audit … -o report.json` over a report whose ACL
    lets one reader in."""
    import subprocess
    import sys

    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Plain page.</p></body></html>")
    out = tmp_path / "report.json"
    _with_acl(out)
    result = subprocess.run([sys.executable, "-m", "auditor", "audit", str(page),
                             "--no-system-lists", "--no-policy", "--format", "json",
                             "-o", str(out)], capture_output=True, text=True, timeout=300,
                            check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["summary"]["pages"] == 1
    assert os.getxattr(out, "system.posix_acl_access") == _CI_READER_ONLY


# a CLI run whose copy-in is killed (SIGKILL: no handler runs, nothing is emptied) once
# `cut` bytes of the new report are written over the old one
_KILLED_MIDWAY = """
import os, signal, sys
from auditor import files
from auditor.cli import main

class Killed:
    def __init__(self, fd):
        self.fd, self.left = fd, int(sys.argv[1])
    def write(self, data):
        if self.left <= 0:
            os.kill(os.getpid(), signal.SIGKILL)
        n = os.write(self.fd, data[: self.left])
        self.left -= n
        return n

files._writer = Killed
sys.exit(main(sys.argv[2:]))
"""


def _report_of(tmp_path: Path, zones: str) -> bytes:
    """The JSON report of page.html, three ExoClick zones `zones`00 to `zones`02 in it."""
    import subprocess
    import sys

    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Text.</p>" + "".join(
        f'<ins class="eas6a97888e2" data-zoneid="{zones}{n:02d}"></ins>' for n in range(3))
        + "</body></html>")
    done = subprocess.run([sys.executable, "-m", "auditor", "audit", str(page),
                           "--no-system-lists", "--no-policy", "--format", "json"],
                          capture_output=True, timeout=300, check=True, cwd=tmp_path)
    return done.stdout


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
@pytest.mark.parametrize("cut", [1, 200, 3000])
def test_a_copy_in_killed_midway_leaves_no_report_a_reader_takes(
        tmp_path: Path, cut: int) -> None:
    """SIGKILL in the middle of a copy-in (a hard-linked report, written in place) left
    the new report's first bytes over the old one's last: two reports of one shape spliced
    into a valid JSON document neither run wrote. Nothing can keep the old bytes in place
    until the new ones are whole, so the file now reads as no report at all until the
    copy ends (its first byte is written last)."""
    import subprocess
    import sys

    new = _report_of(tmp_path, "91003")
    old = _report_of(tmp_path, "91002")  # the same shape, other IDs
    page = tmp_path / "page.html"
    page.write_text(page.read_text().replace("91002", "91003"))
    out, other = _hard_linked(tmp_path, old.decode())
    killed = subprocess.run([sys.executable, "-c", _KILLED_MIDWAY, str(cut), "audit",
                             str(page), "--no-system-lists", "--no-policy", "--format",
                             "json", "-o", str(out)],
                            capture_output=True, timeout=300, check=False, cwd=tmp_path)
    assert killed.returncode == -9
    left = other.read_bytes()
    assert left[:1] == b"\0" and left[1:cut + 1] == new[1:cut + 1]
    with pytest.raises(ValueError):
        json.loads(left)
