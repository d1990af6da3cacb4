"""Output files written whole or not at all.

A report a run was writing when Ctrl-C, a CI job's timeout or a crash stopped it must not
be left half written where a CI step would upload it as the whole report (a SARIF file
cut after its first results reads as a site with fewer alerts: a gate failing open). So
every output is written to a temporary file beside it and renamed over it once complete;
an interrupted run leaves the file as it was. What is no regular file (a terminal, a
pipe, /dev/stdout) is written as it is, streaming; a file that renaming would change
into another (a hard link's other names, an owner we may not give) is copied into.
"""

from __future__ import annotations

import errno
import fcntl
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, TextIO

from auditor.errors import AuditorError
from auditor.lazy_re import lazy_regex

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


SNIFF_BYTES = 64 * 1024


class BinaryBytes(ValueError):
    """A file meant to be text holds a NUL in its first 64 KiB."""


class OverLimit(ValueError):
    """A file is larger than its reader may take."""


def read_at_most(handle: IO[bytes], limit: int) -> bytes:
    """A file the run reads (a baseline, a filter list, a list of inputs) read no
    further than it may be: BinaryBytes by its first 64 KiB, before the rest is read,
    OverLimit past `limit` bytes. `--baseline /dev/zero` was read until memory ran out
    (an internal error, or the kernel's kill: exit 137)."""
    head = handle.read(SNIFF_BYTES)
    if b"\0" in head:
        raise BinaryBytes
    data = head + handle.read(max(0, limit + 1 - len(head)))
    if len(data) > limit:
        raise OverLimit
    return data


def _mode_for(target: Path) -> int:
    """The permissions `open(path, "w")` would leave: an existing file keeps its own, a
    new one gets the umask's (mkstemp's are owner-only)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _cannot_write(path: Path, exc: OSError, why: str = "", after: str = "") -> AuditorError:
    """The one-line error for an output that could not be made or put in place."""
    return AuditorError(f"{path}: cannot write: {why}{exc.strerror or exc}{after}")


# /proc/PID/fd and /proc/PID/task/TID/fd, where /dev/stdout, /dev/fd/N and
# /proc/self/fd/N lead on Linux
_FD_FOLDER = lazy_regex(r"/proc/(\d+)(?:/task/\d+)?/fd")


def descriptor(path: Path) -> tuple[int, int] | None:
    """(pid, N) when `path` names an open descriptor (`/dev/stdout`, `/dev/fd/3`,
    `/proc/self/fd/1`, after any links): the shell's redirection it stands for must be
    written through, not renamed over (that left `>> log` holding the report alone, and
    `{ auditor …; echo done; } > log` without `done`). None for any other path."""
    at = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        folder, name = os.path.split(at)
        match = _FD_FOLDER.fullmatch(os.path.realpath(folder))
        if match is not None and name.isdigit():
            return int(match.group(1)), int(name)
        try:
            at = os.path.normpath(os.path.join(folder, os.readlink(at)))
        except OSError:  # not a link, or nothing there
            return None
    return None


class _Through(io.FileIO):
    """An output written as it is (a pipe, a device, a descriptor); a reader that went
    away (`--also md=>(cmd)` with cmd gone) is the one-line error naming the output:
    the report it was to carry is cut, exit 2. A BrokenPipeError went on up as stdout's
    reader stopping: without a policy the report was lost without a word, exit 0."""

    def __init__(self, fd: int, path: Path) -> None:
        super().__init__(fd, "wb")
        self._path = path

    def write(self, data: ReadableBuffer, /) -> int:
        try:
            return super().write(data)
        except BrokenPipeError as exc:
            raise _cannot_write(self._path, exc, after=" (its reader stopped reading "
                                "before the report was whole)") from None


def _through(fd: int, path: Path) -> IO[bytes]:
    return io.BufferedWriter(_Through(fd, path))


def _in_place(path: Path) -> IO[bytes] | None:
    """The stream to write `path` through when it is no regular file (a terminal, a pipe,
    a device, a descriptor of ours: the same open file, its offset and append mode
    shared), else None: a regular file, or none yet, is replaced."""
    named = descriptor(path)
    if named is not None and named[0] == os.getpid():
        held = {1: sys.stdout, 2: sys.stderr}.get(named[1])
        if held is not None:  # what Python holds for the stream goes first
            held.flush()
        try:
            if fcntl.fcntl(named[1], fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
                # `-o /dev/stdin`, `-o /dev/fd/5 5<file`: the whole audit ran, then the
                # first write failed as an "internal error"
                raise OSError(errno.EBADF, "the descriptor is open for reading only")
            fd = os.dup(named[1])
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        # stdout itself (`-o /dev/stdout | head`) stops as stdout does
        return os.fdopen(fd, "wb") if named[1] == 1 else _through(fd, path)
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = 0  # a new file, or one `replacing` says why it cannot make
    if named is None and (mode == 0 or stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    return _through(fd, path)


def written_at_end(path: Path) -> bool:
    """Whether an output is a file written whole at the end (or none yet), not a stream
    written as the run goes (a device, a pipe, a descriptor: `--also md=>(head)`), which
    `_in_place` writes through: what a run cut short leaves unwritten."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return True
    return stat.S_ISREG(mode) and descriptor(path) is None


def file_key(where: Path | int) -> tuple[int, int] | str | None:
    """What names one file however it is reached (a symlink, a hard link, /dev/stdout
    when stdout is redirected to it): its device and inode, else, for a file not made
    yet, its resolved path. Two paths with one key write, or read, the same bytes. An
    int is an open descriptor (None when it is closed)."""
    try:
        st = os.fstat(where) if isinstance(where, int) else where.stat()
    except OSError:
        # realpath, not Path.resolve: a symlink loop (`-o loop`) raised RuntimeError
        return None if isinstance(where, int) else os.path.realpath(where)
    return st.st_dev, st.st_ino


@contextmanager
def replacing(path: Path) -> Iterator[IO[bytes]]:
    """A temporary file beside `path` that becomes `path` only once written whole, with
    the old file's permissions and owner. A symlink's target is replaced, as `open`
    writes through it; what is no regular file is written as it is (`_in_place`); a
    file with other names (hard links), an owner we may not give the new one, or in a
    folder one may not write (but writable itself) is copied into once complete
    (`_copy_in`). Failing to create or put the file in place is the one-line `cannot
    write`; what the caller's writes raise (a full disk) goes on up as it is."""
    stream = _in_place(path)
    if stream is not None:
        with stream:
            yield stream
        return
    target = Path(os.path.realpath(path))
    try:
        old: os.stat_result | None = target.stat()
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if old is not None and stat.S_ISDIR(old.st_mode):  # refused once all was written
        raise _cannot_write(path, OSError(errno.EISDIR, os.strerror(errno.EISDIR)))
    tmp: str | None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        spool: IO[bytes] = os.fdopen(fd, "w+b")
    except OSError as exc:
        if not (isinstance(exc, PermissionError) and old is not None
                and stat.S_ISREG(old.st_mode) and os.access(target, os.W_OK)):
            raise _cannot_write(path, exc) from None
        tmp = None  # a file one may write in a folder one may not: spooled elsewhere
        try:
            spool = tempfile.TemporaryFile()
        except OSError as exc:
            raise _cannot_write(path, exc, "no temporary file to spool it to: ") from None
    try:
        with spool:
            yield spool
            spool.flush()
            try:
                renamed = tmp is not None and _took_over(tmp, target, old)
                if tmp is not None and renamed:
                    os.replace(tmp, target)
            except OSError as exc:
                raise _cannot_write(path, exc) from None
            if not renamed:
                _copy_in(path, target, spool)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _took_over(tmp: str, target: Path, old: os.stat_result | None) -> bool:
    """Whether the new file can stand for the old: given its owner, group, mode and
    extended attributes (or a new file's umask mode). Not for a file with other names,
    which a rename would leave holding the old report, nor an owner or attributes we may
    not give (the file would change hands, or lose an ACL): those are copied into, as
    `open(path, "w")` writes them."""
    if old is None:
        os.chmod(tmp, _mode_for(target))
        return True
    if old.st_nlink > 1:
        return False
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) != (old.st_uid, old.st_gid):
        try:
            os.chown(tmp, old.st_uid, old.st_gid)
        except OSError:
            return False
    os.chmod(tmp, stat.S_IMODE(old.st_mode))  # after chown, which clears set-id bits
    return _same_xattrs(tmp, target)


def _same_xattrs(tmp: str, target: Path) -> bool:
    """Give the new file the old one's extended attributes, and only those: its POSIX
    ACLs (`system.posix_acl_access`) above all. A report renamed over one without its
    ACL is readable by whom the ACL kept out (the mode's group bits are the ACL's mask:
    `group::---` with `user:ci:r--` shows as 0640, and a plain 0640 file lets the group
    read it). False, so that the old file is copied into and keeps all it had, when one
    cannot be given or taken away; True where the file system keeps none."""
    if not hasattr(os, "listxattr"):  # macOS's Python has no xattr calls (nor do we)
        return True
    try:
        wanted = {name: os.getxattr(target, name, follow_symlinks=False)
                  for name in os.listxattr(target, follow_symlinks=False)}
        have = set(os.listxattr(tmp))
    except OSError as exc:
        if exc.errno in _NO_XATTRS:
            return True
        return False
    try:
        for name in have - wanted.keys():  # a folder's default ACL, inherited
            os.removexattr(tmp, name)
        for name, value in wanted.items():
            os.setxattr(tmp, name, value)
    except OSError:
        return False
    return True


# a file system (or a platform) that keeps no extended attributes: nothing to carry over
_NO_XATTRS = frozenset({errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS})


# posix_fallocate has no way on this file (a file system without it, where glibc's
# stand-in needs to read: the file is opened for writing only): write and see
_NO_FALLOCATE = frozenset({errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS, errno.ENODEV,
                           errno.EBADF})


# how a copy-in is written: one unbuffered write after another (nothing left in a buffer
# to land after the file was emptied); tests put a failing file here
def _writer(fd: int) -> IO[bytes]:
    return os.fdopen(fd, "wb", buffering=0, closefd=False)


def _copy_in(path: Path, target: Path, spool: IO[bytes]) -> None:
    """Copy the whole spooled output into the existing file, keeping the file (its other
    names, owner, mode). Room for it is taken first, so a full disk or quota leaves the
    old file whole; a failure once writing began (an I/O error, a read-only remount, a
    copy-on-write disk filling) empties the file and says so, since old bytes behind new
    ones would read as a report: never a cut one without a word."""
    size = os.fstat(spool.fileno()).st_size
    try:
        fd = os.open(target, os.O_WRONLY)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        try:
            os.posix_fallocate(fd, 0, size)
        except OSError as exc:
            if exc.errno not in _NO_FALLOCATE:
                raise _cannot_write(path, exc, after=" (the old file is left as it was)"
                                    ) from None
        spool.seek(0)
        first = spool.read(1)
        try:
            # written over the old bytes from the start, then cut to size: emptying the
            # file first gave back the room just taken (a job sharing the disk could fill
            # it before the copy, and the report was lost to an empty file after all).
            # The first byte is a NUL until the rest is in place, and written last: a
            # copy stopped where no handler runs (SIGKILL, a crash) leaves a file no JSON,
            # SARIF or XML reader takes, never the new report's head spliced onto the old
            # one's tail, which parses when the two have one shape
            if first:
                os.pwrite(fd, b"\0", 0)
            os.lseek(fd, len(first), os.SEEK_SET)
            out = _writer(fd)
            while chunk := spool.read(1 << 20):
                view = memoryview(chunk)
                while view:
                    written = out.write(view)
                    if not written:
                        raise OSError(errno.EIO, os.strerror(errno.EIO))
                    view = view[written:]
            os.ftruncate(fd, size)
            if first:
                os.pwrite(fd, first, 0)
        except BaseException as exc:
            left = _emptied(fd)
            if isinstance(exc, OSError):
                raise _cannot_write(path, exc, after=f" after it was begun; {left}") from None
            print(f"auditor: {path}: {left}", file=sys.stderr)
            raise
    finally:
        os.close(fd)


def _emptied(fd: int) -> str:
    """Empty a file a copy-in failed in; what the file is left as, for the error."""
    try:
        os.ftruncate(fd, 0)
    except OSError:
        return "the file is left cut: delete it, it is no whole report"
    return "the file is left empty, not cut"


@contextmanager
def replacing_text(path: Path, newline: str | None = None) -> Iterator[TextIO]:
    """`replacing` for text, in UTF-8."""
    with replacing(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
        yield text
        text.flush()
        text.detach()  # the bytes' file is closed, and renamed, by `replacing`
