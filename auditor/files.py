"""Output files written whole or not at all.

A report a run was writing when Ctrl-C, a CI job's timeout or a crash stopped it must not
be left half written where a CI step would upload it as the whole report (a SARIF file
cut after its first results reads as a site with fewer alerts: a gate failing open). So
every output is written to a temporary file beside it and renamed over it once complete;
an interrupted run leaves the file as it was.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TextIO

from auditor.errors import AuditorError


def _mode_for(target: Path) -> int:
    """The permissions `open(path, "w")` would leave: an existing file keeps its own, a
    new one gets the umask's (mkstemp's are owner-only)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _cannot_write(path: Path, exc: OSError, why: str = "") -> AuditorError:
    """The one-line error for an output that could not be made or put in place."""
    return AuditorError(f"{path}: cannot write: {why}{exc.strerror}")


@contextmanager
def replacing(path: Path) -> Iterator[IO[bytes]]:
    """A temporary file beside `path` that becomes `path` only once written whole. A
    symlink's target is replaced, as `open` writes through it; a terminal, a pipe or
    /dev/stdout cannot be renamed over and is written as it is; a writable file in a
    folder one may not write is copied over (`_copied_over`). Failing to create or
    rename the file is the one-line `cannot write`; what the caller's writes raise (a
    full disk) goes on up as it is."""
    if path.is_char_device() or path.is_fifo():
        try:
            handle = path.open("wb")
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        with handle:
            yield handle
        return
    target = Path(os.path.realpath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        if not (isinstance(exc, PermissionError) and target.is_file()
                and os.access(target, os.W_OK)):
            raise _cannot_write(path, exc) from None
        fd = -1  # a file one may write in a folder one may not: `_copied_over`
    if fd == -1:
        with _copied_over(path, target) as spool:
            yield spool
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        try:
            os.chmod(tmp, _mode_for(target))
            os.replace(tmp, target)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


@contextmanager
def _copied_over(path: Path, target: Path) -> Iterator[IO[bytes]]:
    """For a writable file in a folder where no file can be made beside it (a CI
    workspace's pre-made `report.sarif` in a read-only checkout), which `open` wrote: the
    output is spooled to a temporary file and copied into the file once complete, so an
    interrupted run still leaves the file as it was (a copy that fails midway, a full
    disk, leaves it cut: without a folder to write in, nothing can be swapped in whole)."""
    try:
        spooled = tempfile.TemporaryFile()
    except OSError as exc:
        raise _cannot_write(path, exc, "no temporary file to spool it to: ") from None
    with spooled as spool:
        yield spool
        spool.seek(0)
        try:
            with target.open("wb") as out:
                shutil.copyfileobj(spool, out)
        except OSError as exc:
            raise _cannot_write(path, exc) from None


@contextmanager
def replacing_text(path: Path, newline: str | None = None) -> Iterator[TextIO]:
    """`replacing` for text, in UTF-8."""
    with replacing(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
        yield text
        text.flush()
        text.detach()  # the bytes' file is closed, and renamed, by `replacing`
