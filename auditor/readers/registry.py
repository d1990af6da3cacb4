"""Every reader, and the one dispatcher that reads any input through them.

`kind_of` says what an input is (`sniff`, a reader's own `detect`, and for gzip what it
holds); `read_stream` hands the input to the reader of that kind, and hands that reader
`read_member` for whatever it holds, so nested archives are read the same way at any
depth. `audit` (`read_source`), `bulk` and the gate all read through here.

Adding an input kind: a module with a `Reader` (its kinds, suffixes and `read`), and
one line in READERS.
"""

from __future__ import annotations

import dataclasses
import errno
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from auditor.errors import EmptyInput
from auditor.lazy_re import lazy_regex
from auditor.readers.brotlied import BrotliReader
from auditor.readers.decode import cut_short
from auditor.readers.framing import (
    COMPRESSED_SUFFIXES,
    DAMAGE_SEARCH_BYTES,
    gzip_inner_kind,
    inner_name,
    next_boundary,
)
from auditor.readers.gunzip import Gunzip
from auditor.readers.gzipped import GzipReader
from auditor.readers.html import HtmlReader
from auditor.readers.interface import (
    DEFAULT_MAX_RECORD_BYTES,
    MAX_PAGE_BYTES,
    RECORD_CAP_FLAG,
    InputError,
    Member,
    PageTooLarge,
    Reader,
    ReadFailure,
    Record,
    Skipped,
    Source,
)
from auditor.readers.lines import JsonlReader
from auditor.readers.mhtml import MhtmlReader
from auditor.readers.sniff import HEAD_BYTES, NOT_PAGES, PEEK_BYTES, peek, sniff
from auditor.readers.tar_archive import TarReader
from auditor.readers.text import TextReader
from auditor.readers.warc_reader import WarcReader
from auditor.readers.wp_json import JsonReader
from auditor.readers.zip_archive import ZipReader
from auditor.readers.zstd import ZstdReader

READERS: tuple[Reader, ...] = (
    WarcReader(),
    GzipReader(),
    BrotliReader(),
    ZstdReader(),
    ZipReader(),
    TarReader(),
    JsonlReader(),
    JsonReader(),
    MhtmlReader(),
    HtmlReader(),
    TextReader(),
)

_BY_KIND: dict[str, Reader] = {kind: r for r in READERS for kind in r.kinds}
if len(_BY_KIND) != sum(len(r.kinds) for r in READERS):
    raise RuntimeError("two readers claim one kind")

# Files a directory walk reads (files named on the command line are always sniffed)
PAGE_SUFFIXES = frozenset(s for r in READERS for s in r.suffixes)


def reader_for(kind: str) -> Reader:
    try:
        return _BY_KIND[kind]
    except KeyError:
        raise InputError(f"cannot audit input of kind {kind}") from None


def detect(head: bytes, name: str) -> str:
    """An input's kind from its first bytes: a reader that knows its own kind, else
    `sniff`."""
    for reader in READERS:
        kind = reader.detect(head, name)
        if kind is not None:
            return kind
    return sniff(head, name)


def kind_of(stream: BinaryIO, name: str, head: bytes | None = None, *,
            search: int | None = None) -> str:
    """An input's kind (from `head`, its first bytes, when the caller has read them);
    a gzip holding a WARC, ARC or tar is that (their readers read gzip), one holding a
    page is `gzip`; past a damaged first member, a record is looked for in its first
    `search` bytes (`gzip_inner_kind`). The stream is left where it was."""
    kind = detect(peek(stream) if head is None else head, name)
    if kind != "gzip":
        return kind
    inner = gzip_inner_kind(stream, name, search)
    if inner in ("warc", "arc", "tar"):
        return inner
    if inner in ("gzip", "zip"):
        raise InputError(f"{name}: a {inner} inside gzip is not supported")
    return kind


def read_stream(stream: BinaryIO, name: str, *, url: str | None = None,
                kind: str | None = None, span: tuple[int, int | None] = (0, None),
                max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
                page_limit: int = MAX_PAGE_BYTES, search: int | None = None
                ) -> Iterator[Record]:
    """Every record of one input (a seekable stream): streamed readers read the stream,
    a page is read whole up to `page_limit` (PageTooLarge past it); its kind told as
    `kind_of` tells it, `search` bounding the look past a damaged gzip head."""
    kind = kind or kind_of(stream, name, search=search)
    if kind == "empty":
        raise EmptyInput(f"{name}: empty input")
    if kind == "binary":
        raise InputError(f"{name}: binary data, not a page (HTML, JSON, text or an archive)")
    reader = reader_for(kind)
    source = Source(stream, name, kind, url, max_record_bytes, span)
    if reader.streamed:
        yield from reader.read(source, read_member)
        return
    limit = max(page_limit, reader.whole_bytes)
    data = read_up_to(stream, limit + 1)
    if len(data) > limit:
        raise PageTooLarge(name, limit)
    if (cut := cut_short(data)) is not None:
        raise InputError(f"{name}: cannot read: {cut}")
    # the page's bound is the caller's page limit (`audit` reads a page up to 64 MiB):
    # what a reader reading more than its page (`whole_bytes`) decodes is bounded by it
    yield from reader.read(dataclasses.replace(source, stream=io.BytesIO(data),
                                               max_record_bytes=page_limit), read_member)


def read_up_to(stream: BinaryIO, limit: int) -> bytes:
    """`stream.read(limit)`, asked first for no more than a file holds from where it is: a
    buffered read of 64 MiB (a page's limit) allocates, maps and unmaps that much whatever
    it returns, 0.13 ms a corpus page, a tenth of the page's parse. Where the file gives
    more than its size said (one still written, a `/proc` file saying 0), the rest is read
    on to the limit: the same bytes as one read."""
    size = _size_left(stream)
    if size is None or size >= limit:
        return stream.read(limit)
    data = stream.read(size + 1)
    if len(data) > size:
        data += stream.read(limit - len(data))
    return data


def _size_left(stream: BinaryIO) -> int | None:
    """Bytes a regular file holds past the stream's position, by its size; None for any
    other stream (a pipe's, an in-memory one's)."""
    try:
        status = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        return None
    return max(0, status.st_size - stream.tell()) if stat.S_ISREG(status.st_mode) else None


def read_member(member: Member) -> Iterator[Record]:
    """One thing a container holds: a page (or posts), a nested archive, or something
    counted as skipped. What goes wrong raises; the container makes it one failed
    member."""
    cap = member.max_record_bytes
    with member.open() as handle:
        stream = cast(BinaryIO, handle)
        # read, not peeked: seeking back in a member of a tar.gz decompresses the
        # archive again from its start
        head = stream.read(PEEK_BYTES)
        kind = detect(head, member.filename)
        if kind in NOT_PAGES:
            if member.whole:  # a compressed file's one page: the file, named on its own
                if kind == "empty":
                    raise EmptyInput(f"{member.name}: empty input")
                raise InputError(f"{member.name}: binary data, not a page")
            if kind == "binary" and not head.strip(b"\x00"):
                # NULs past what the sniffer looks at may pad a page: not known to be
                # no page, so not skipped
                yield ReadFailure(member.name, "member", f"{member.name}: only NUL bytes in "
                                  f"its first {len(head)} bytes; cannot tell what it holds")
                return
            yield Skipped(member.name, "member", kind)
            return
        if kind == "gzip" or reader_for(kind).streamed:
            stream.seek(0)
            kind = kind_of(stream, member.filename, head)
            source = Source(stream, member.name, kind, None, cap)
            yield from reader_for(kind).read(source, read_member)
            return
        reader = reader_for(kind)
        limit = max(cap, reader.whole_bytes)
        if member.size is not None and member.size > limit:
            yield ReadFailure(member.name, "member", f"{member.name}: member of {member.size} "
                              f"bytes is over the {limit}-byte cap ({RECORD_CAP_FLAG})")
            return
        data = head + stream.read(limit + 1 - len(head))
        if len(data) > limit:
            yield ReadFailure(member.name, "member", f"{member.name}: over the {limit}-byte cap")
            return
        if (cut := cut_short(data)) is not None:
            if member.whole:  # a compressed file's one page, as an empty one is
                raise InputError(f"{member.name}: cannot read: {cut}")
            yield ReadFailure(member.name, "member", f"{member.name}: cannot read: {cut}")
            return
    # read whole before any is yielded: a page that breaks part-way is one failure
    source = Source(io.BytesIO(data), member.name, kind, None, cap)
    records = list(reader.read(source, read_member))
    yield from records


def read_source(source: str | os.PathLike[str] | bytes, url: str | None = None) -> Iterator[Record]:
    """Every page in an input: a path, a directory (recursively), `-` for stdin, or bytes."""
    if isinstance(source, bytes):
        yield from read_stream(io.BytesIO(source), "<bytes>", url=url, search=DAMAGE_SEARCH_BYTES)
        return
    name = os.fspath(source)
    if name == "-":
        with _seekable(sys.stdin.buffer, "<stdin>") as stream:
            yield from read_stream(stream, "<stdin>", url=url, search=DAMAGE_SEARCH_BYTES)
        return
    path = Path(name)
    if path.is_dir():
        found = False
        for child in walk_dir(path, walkable):
            found = True
            reason = unreadable(child)
            if reason is not None:
                yield ReadFailure(str(child), "file", f"{child}: {reason}")
                continue
            yield from _file_records(child)
        if not found:
            raise InputError(f"{name}: directory holds no pages")
        return
    with open_input(path, name) as handle:
        # a pipe named on the command line (`auditor audit <(curl -s …)`) is read whole, as
        # stdin is: the readers sniff and seek ("input stream is not seekable")
        # past a damaged gzip head, a file is searched as far as a pipe is copied: the
        # same bytes read alike, whichever way they come
        if handle.seekable():
            yield from read_stream(handle, name, url=url, search=DAMAGE_SEARCH_BYTES)
            return
        with _seekable(handle, name) as stream:
            yield from read_stream(stream, name, url=url, search=DAMAGE_SEARCH_BYTES)


def _seekable(handle: BinaryIO, name: str) -> BinaryIO:
    """A stream that cannot seek (stdin, a pipe) as the seekable one the readers sniff
    and seek in, read no further than its kind needs: binary or empty bytes end at its
    head, a page one byte past the page limit (`read_stream` refuses it there), and an
    archive whole, on disk past a page's size. Read whole at once, `- < /dev/zero` or a
    page streamed without end took memory until the kernel killed the run (exit 137).
    A compressed stream is read as far as what it holds needs: zstd, which no reader
    decompresses, to its head; gzip holding a page until it has given more than a page
    may be (its reader then says so, as for a file), holding an archive whole. Copied
    whole, `yes | gzip` (a gzip bomb without end) never ended, filling the temporary
    disk."""
    head = handle.read(PEEK_BYTES)
    kind = detect(head, name)
    if kind in NOT_PAGES or kind == "zstd":
        return io.BytesIO(head)
    if kind != "gzip" and not (reader := reader_for(kind)).streamed:
        limit = max(MAX_PAGE_BYTES, reader.whole_bytes)
        return io.BytesIO(head + handle.read(max(0, limit + 1 - len(head))))
    spool = cast(BinaryIO, tempfile.SpooledTemporaryFile(max_size=MAX_PAGE_BYTES))
    spool.write(head)
    if kind != "gzip" or _copied_while_a_page(handle, head, spool, name):
        shutil.copyfileobj(handle, spool, 1 << 20)
    spool.seek(0)
    return spool


class _Copying(io.RawIOBase):
    """A pipe's bytes after `head`, as read, each also written to `into`: what a gzip
    decompressed from it needs, and no more, is kept. It seeks only where it is."""

    def __init__(self, head: bytes, handle: BinaryIO, into: BinaryIO) -> None:
        super().__init__()
        self._head, self._handle, self._into, self._pos = head, handle, into, 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, pos: int, whence: int = 0) -> int:
        if (pos, whence) not in ((self._pos, 0), (0, 1)):
            raise OSError(errno.ESPIPE, "a pipe copied as it is read cannot seek")
        return self._pos

    def readinto(self, buffer: Any) -> int:
        if self._pos < len(self._head):
            data = self._head[self._pos:self._pos + len(buffer)]
        else:
            data = self._handle.read(len(buffer))
            self._into.write(data)
        buffer[:len(data)] = data
        self._pos += len(data)
        return len(data)


def _copied_while_a_page(handle: BinaryIO, head: bytes, spool: BinaryIO, name: str) -> bool:
    """Copy a gzip stream into `spool` while it decompresses to a page no larger than a
    page may be; True when the rest is still to copy (it holds an archive, which its
    reader reads whole, or what it holds cannot be told: the reader says which).

    Noise, nothing or damage at its head is copied as a page is, then whole only when a
    WARC record follows (a per-record gzip WARC whose first record is damaged, which its
    reader reads whole): copied whole at once, `gzip < /dev/zero` never ended."""
    plain = Gunzip(cast(BinaryIO, _Copying(head, handle, spool)))
    kind = "damaged"
    try:
        first = b""
        while len(first) < HEAD_BYTES and (more := plain.read(HEAD_BYTES - len(first))):
            first += more
        kind = sniff(first, inner_name(name))
        if kind in ("warc", "arc", "tar"):
            return True
        given = len(first)
        while given <= MAX_PAGE_BYTES and (more := plain.read(1 << 20)):
            given += len(more)
    except OSError:  # corrupt: what was read is copied, and the reader says so
        pass
    if kind not in ("binary", "empty", "damaged"):
        return False  # a page: as far as a page may reach copied, its reader says the rest
    return _a_record_follows(handle, spool)


# how far a pipe is copied to find the record after a damaged first one: as far as a
# file is searched (`DAMAGE_SEARCH_BYTES`), and a record's reach past it (the default
# `--max-record-bytes`) to see a member that starts before it end, so an endless one ends
_AFTER_DAMAGE_BYTES = DAMAGE_SEARCH_BYTES + DEFAULT_MAX_RECORD_BYTES


def _a_record_follows(handle: BinaryIO, spool: BinaryIO) -> bool:
    """Whether a gzip member holding a WARC record starts after the stream's first byte,
    as its reader looks for one (`gzip_inner_kind`): in what `spool` holds, or in what
    follows, copied into it to `_AFTER_DAMAGE_BYTES` in all. Looked for in what gzip had
    read alone (128 KiB, the gzip stopped at its damage), the records past it were lost
    without a word, and a damaged first record larger than that lost them all."""
    end = spool.tell()
    try:
        while next_boundary(spool, 1, True, DAMAGE_SEARCH_BYTES) is None:
            more = handle.read(max(0, min(end, _AFTER_DAMAGE_BYTES - end)))
            if not more:
                return False  # all of it copied, or as far as a record may reach
            spool.seek(end)
            spool.write(more)
            end += len(more)
        return True
    finally:
        spool.seek(end)


def open_input(path: Path, name: str) -> BinaryIO:
    """A file opened for reading; InputError (one line, named `name`) when it cannot be."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise missing_input(name) from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None


_URL_INPUT = lazy_regex(r"(?i)^(?:https?|ftp)://")


def missing_input(name: str) -> InputError:
    """The error for an input that is not there. A URL given as an input is said to be
    one: nothing is fetched at audit time, and "no such file" alone leaves a new user
    wondering whether the fetch failed."""
    if _URL_INPUT.match(name):
        return InputError(f"{name}: no such file; auditor reads saved pages and never "
                          "fetches a URL: save it to a file first (curl -so FILE URL)")
    return InputError(f"{name}: no such file")


def _file_records(path: Path) -> Iterator[Record]:
    """One file of a directory: what it holds, or one failed record when it cannot be
    read (an empty or binary file must not end the walk, nor lose the files after it)."""
    try:
        yield from read_source(path, None)
    except InputError as exc:
        yield ReadFailure(str(path), "file", str(exc))


def walk_dir(root: Path, wanted: Callable[[Path], bool]) -> list[Path]:
    """The entries under a directory that `wanted` takes, sorted: its files, through
    symlinked directories too, and the entries that cannot be read (a dangling symlink,
    a symlink loop, a FIFO, a folder that cannot be listed and is not hidden), which the
    caller reports (`unreadable`) rather than drops: a gate passed the pages it could
    not see.

    A directory is walked once, however many links lead to it (by device and inode), so
    a link to an ancestor ends there instead of looping; folders that are no link are
    walked first, so a page is named at its own place when a link also leads to it."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    folders: list[Path] = [root]
    links: list[Path] = []
    while folders or links:
        if not folders:
            links.sort(reverse=True)
            folders.append(links.pop())
        folder = folders.pop()
        try:
            info = folder.stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = list(os.scandir(folder))
        except OSError:
            if not any(part.startswith(".") for part in folder.relative_to(root).parts):
                found.append(folder)  # its pages are unknown: unreadable, never passed
            continue
        for entry in entries:
            child = folder / entry.name
            try:
                is_dir = entry.is_dir()  # through a symlink
            except OSError:
                is_dir = False
            if is_dir:
                (links if entry.is_symlink() else folders).append(child)
            elif wanted(child):
                found.append(child)
    return sorted(found)


def unreadable(path: Path) -> str | None:
    """Why a file found in a directory cannot be read, or None: judged without opening
    anything but a regular file (a FIFO would block), which is opened, as its
    permissions are judged by whoever runs (root reads what mode 000 forbids)."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ENOENT and path.is_symlink():
            return "dangling symlink (its target does not exist)"
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):  # one a walk could not list
        try:
            os.scandir(path).close()
        except OSError as exc:
            return f"cannot list the folder: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    try:  # a regular file opens without blocking: one the user may not read says so here
        os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC))
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    return None


def walkable(path: Path) -> bool:
    """Whether a directory walk reads this file: not hidden, and a suffix some reader
    reads (a compressed file's: the one under its compression's).

    >>> [walkable(Path(n)) for n in ("a.html.br", "a.warc.gz", "a.woff2.br", "a.js.gz")]
    [True, True, False, False]
    """
    if path.name.startswith("."):
        return False
    # compressed copies are read when what they hold would be (`x.warc.gz`, `x.html.br`),
    # passed over when it would not (`font.woff2.br`, `app.js.gz`: a build's precompressed
    # assets, which failed a gate run as unreadable binary or were audited as text)
    suffix = path.suffix.lower()
    if suffix in COMPRESSED_SUFFIXES:
        suffix = Path(path.stem).suffix.lower()
    return suffix in PAGE_SUFFIXES


__all__ = ["HEAD_BYTES", "PAGE_SUFFIXES", "READERS", "kind_of", "missing_input", "read_member",
           "read_source", "read_stream", "read_up_to", "reader_for", "unreadable", "walk_dir",
           "walkable"]
