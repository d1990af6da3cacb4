"""The compiled-engine cache on disk.

Compiling EasyList + EasyPrivacy takes seconds; loading the compiled form takes a
fraction of that. The compiled form is plain tuples, strings, ints, frozensets and
dicts, written with `marshal` (no code, no regex objects), so loading is a single
C call. The file is trusted only if its header names this engine version and the
same lists (by sha256) and the payload's own sha256 checks; any other state, or any
error while reading, means "rebuild", never "use".
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MAGIC = b"AUDITOR-RULES-CACHE\n"
ENGINE_VERSION = "15"  # bump when the compiled layout or matching semantics change


def cache_dir() -> Path:
    """`$AUDITOR_CACHE_DIR`, else `$XDG_CACHE_HOME/auditor`, else `~/.cache/auditor`."""
    env = os.environ.get("AUDITOR_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "auditor"


def cache_key(list_hashes: list[tuple[str, str]]) -> str:
    """Key of a compiled engine: engine version + each list's name and sha256, in order."""
    h = hashlib.sha256(ENGINE_VERSION.encode())
    for name, digest in list_hashes:
        h.update(b"\0" + name.encode() + b"\0" + digest.encode())
    return h.hexdigest()


def _path(key: str, directory: Path | None) -> Path:
    return (directory or cache_dir()) / "compiled" / f"{key[:40]}.bin"


def load(key: str, directory: Path | None = None) -> Any | None:
    """The cached payload for `key`, or None when absent, stale or corrupt."""
    path = _path(key, directory)
    try:
        # what `store` writes is a regular file: a FIFO there was waited on for ever, a
        # link to /dev/zero read until memory ran out
        if not path.is_file():
            return None
        data = path.read_bytes()
    except OSError:
        return None
    head = MAGIC + key.encode() + b"\n"
    if not data.startswith(head) or len(data) < len(head) + 64:
        return None
    digest = data[len(head) : len(head) + 64]
    body = data[len(head) + 64 :]
    if hashlib.sha256(body).hexdigest().encode() != digest:
        return None
    try:
        with gc_paused():
            return marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while building a large acyclic structure: the
    collector would otherwise run again and again over the growing heap (it halves
    the time to load the compiled engine)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def store(key: str, payload: Any, directory: Path | None = None) -> Path | None:
    """Write atomically (temp file + rename); a cache we cannot write is just skipped."""
    path = _path(key, directory)
    try:
        body = marshal.dumps(payload, 4)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC + key.encode() + b"\n")
                fh.write(hashlib.sha256(body).hexdigest().encode())
                fh.write(body)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return None
    return path
