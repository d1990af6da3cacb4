"""Outputs written whole or not at all (auditor/files.py)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

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
