"""The command's stderr: a line it cannot carry is lost, never the exit status with it.

What the command says on stderr (its one-line error, "interrupted", a closing count) is
said once. When stderr takes no write (its reader quit, `2>/dev/full`, the shell closed
it), the line is lost but the exit status still says it. A write that raised changed
the status instead: a BrokenPipeError read as stdout's reader stopping (a gate given a
missing input exited 0, "passed"), any other error ended the command as an uncaught
exception (exit 1, "violations", for an unreadable input). With descriptor 2 closed,
Python's stderr is None and `print(file=sys.stderr)` printed into stdout, after the
report; and the first file the run opened became descriptor 2, which any stderr of a
child process would have written into.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class _Descriptor(io.RawIOBase):
    """Descriptor 2, written straight through (nothing held back for a final flush to
    fail on); the first write it refuses ends what is written to it."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd
        self._lost = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return not self._lost and os.isatty(self._fd)

    def write(self, data: ReadableBuffer) -> int:
        view = memoryview(data).cast("B")
        size = len(view)
        try:
            while view and not self._lost:
                view = view[os.write(self._fd, view):]
        except OSError:  # EPIPE, ENOSPC, EIO, EBADF: nobody is left to tell
            self._lost = True
        return size


def steady_stderr() -> None:
    """Make `sys.stderr` one whose writes never raise an OSError; once per process,
    before anything is printed."""
    held = sys.stderr
    if held is None:  # descriptor 2 closed: /dev/null holds it, so no file the run
        # opens (a report, the store) becomes descriptor 2
        fd = os.open(os.devnull, os.O_WRONLY)
        if fd != 2:
            os.dup2(fd, 2)
            os.close(fd)
        encoding, errors = "utf-8", "backslashreplace"
    else:
        try:
            held.flush()
        except OSError:
            pass
        encoding, errors = held.encoding, held.errors or "backslashreplace"
    sys.stderr = io.TextIOWrapper(_Descriptor(2), encoding=encoding, errors=errors,
                                  line_buffering=True, write_through=True)
