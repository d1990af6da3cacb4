"""Inputs → shards: one per file, or byte ranges of WARC / JSON Lines files.

An input is identified by its resolved path, size and the hash of its first and last
64 KiB, so resuming and re-running recognise it without hashing gigabytes, and an
edited or replaced file counts as a new input.

A splittable file is cut into SHARDS_PER_FILE byte ranges of at least MIN_SHARD_BYTES:
one 50 MB WARC gives every worker of a 2–16-core machine several shards. The cut
depends on the file alone, never on `--workers`, so a resumed run with another worker
count plans the very shards the first run planned: its finished shards match the
store's, and every key a shard writes (record offsets, and the `!start` of a shard
that failed whole) is the key the first run wrote.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from auditor.errors import InputError
from auditor.readers.framing import gzip_members, is_gzip
from auditor.readers.registry import kind_of, missing_input, unreadable, walk_dir, walkable

SHARDS_PER_FILE = 64
MIN_SHARD_BYTES = 1024 * 1024  # ~40 gzipped pages: below this a shard is mostly overhead
# the layouts read by byte range, and the reader each is read with (a per-record gzip
# WARC is the WARC reader's: it inflates member by member)
SPLIT_READERS = {"warc": "warc", "warc-gz": "warc", "jsonl": "jsonl"}
_ID_BYTES = 64 * 1024
UNREADABLE = "unreadable"  # the layout of a directory's entry that cannot be read


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str
    input_id: str
    size: int
    kind: str  # warc, warc-gz (per-record gzip), jsonl, "file" (read whole / as archive)
    # or UNREADABLE


@dataclass(frozen=True, slots=True)
class Shard:
    """A unit of work: a whole input, or the records starting in [start, end) of one."""

    input_id: str
    path: str
    kind: str
    start: int
    end: int | None
    size: int  # bytes the shard covers, for progress and ETA

    @property
    def key(self) -> tuple[str, int]:
        return (self.input_id, self.start)


def expand_inputs(paths: list[str]) -> list[Path]:
    """Files named, and the files under directories named (same walk as `audit`)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if name == "-" and not path.exists():
            raise InputError("-: bulk reads files, not stdin (a resumed run finds a record "
                             "by its place in a file): save the stream to a file, or "
                             "give a list of paths with --inputs-from -")
        if path.is_dir():
            found = walk_dir(path, walkable)  # with what cannot be read: a failed record
            if not found:
                raise InputError(f"{name}: directory holds no pages or archives")
            files.extend(found)
        elif path.is_file():
            if (why := unreadable(path)) is not None:  # a file named that cannot be read
                raise InputError(f"{name}: {why}")  # is the run's error, as in `audit`
            files.append(path)
        elif not path.is_symlink() and not path.exists():
            raise missing_input(name)
        else:  # a FIFO, a dangling link, a loop: said as `audit` says it
            raise InputError(f"{name}: {unreadable(path) or 'not a regular file'}")
    return files


def identify(path: Path) -> InputFile:
    """Identity and layout of one input file; unreadable → InputError. A file a
    directory holds that cannot be read (a dangling symlink, a loop, a FIFO, a file the
    user may not read: the run ended in exit 2 at the first such page) is an
    input of kind UNREADABLE, identified by its path, never opened: its shard is one
    failed record, and a resumed run finds it done."""
    if unreadable(path) is not None:
        key = hashlib.sha256(os.fsencode(os.path.abspath(path)) + f"\0{UNREADABLE}".encode())
        return InputFile(str(path), key.hexdigest()[:32], 0, UNREADABLE)
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            head = stream.read(_ID_BYTES)
            digest = hashlib.sha256()
            digest.update(os.fsencode(path.resolve()) + f"\0{size}\0".encode())  # any name
            digest.update(head)
            if size > 2 * _ID_BYTES:
                stream.seek(size - _ID_BYTES)
                digest.update(stream.read(_ID_BYTES))
            stream.seek(0)
            kind = _layout(stream, str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return InputFile(str(path), digest.hexdigest()[:32], size, kind)


def _layout(stream: BinaryIO, name: str) -> str:
    """How bulk reads a file: by byte range (a plain or per-record gzip WARC, JSON
    Lines), or whole ("file")."""
    try:
        kind = kind_of(stream, name)
    except InputError:
        return "file"  # read whole, it is one failed record
    if kind == "jsonl":
        return "jsonl"
    if kind == "warc":
        if not is_gzip(stream):
            return "warc"
        if gzip_members(stream):
            return "warc-gz"
    return "file"


def shard_bytes(f: InputFile, split_bytes: int | None = None) -> int:
    """Byte-range size for one input; 0 = not split (whole-file gzip, archives, pages).

    `split_bytes` (`--split-bytes`) overrides the automatic size; 0 keeps every file whole.

    >>> warc, cc = (InputFile("a.warc.gz", "x", n, "warc-gz") for n in (57_000_000, 1 << 30))
    >>> shard_bytes(warc), shard_bytes(cc), shard_bytes(cc, 256 << 20), shard_bytes(cc, 0)
    (1048576, 16777216, 268435456, 0)
    """
    if f.kind not in SPLIT_READERS:
        return 0
    if split_bytes is not None:
        return split_bytes
    return max(MIN_SHARD_BYTES, -(-f.size // SHARDS_PER_FILE))


def plan(files: list[InputFile], split_bytes: int | None = None) -> list[Shard]:
    """Shards in input order: byte ranges of `shard_bytes` each, or whole files."""
    shards: list[Shard] = []
    for f in files:
        step = shard_bytes(f, split_bytes)
        if 0 < step < f.size:
            for start in range(0, f.size, step):
                end = start + step
                shards.append(Shard(f.input_id, f.path, f.kind, start,
                                    end if end < f.size else None, min(step, f.size - start)))
        else:
            shards.append(Shard(f.input_id, f.path, f.kind, 0, None, f.size))
    return shards
