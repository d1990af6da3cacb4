"""What a second Ctrl-C (or SIGTERM) does while the command stops on the first.

A command interrupted says so once, `auditor: interrupted`, exit 130, and `bulk` first
leaves its store consistent (the rows that arrived kept, the run marked interrupted).
A second signal raised a KeyboardInterrupt wherever that stop had got to: in the store's
last write (the run left `running`, the rows that had arrived not kept), or after the
line was printed, where the command's outer handler printed it again. From the first
interrupt on, the stop is held: further signals are noted (`noted()` cuts its waits
short), not raised, and the line is printed once whoever prints it (`say`).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

_TAKEN = (signal.SIGINT, signal.SIGTERM)
_said: list[str] = []
_noted: list[int] = []
_held: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}


def _note(signum: int, frame: FrameType | None) -> None:
    _noted.append(signum)


def begin() -> None:
    """A command starts: nothing said, nothing noted (several run in one test process)."""
    _said.clear()
    _noted.clear()


def say(line: str = "auditor: interrupted") -> None:
    """The command's one `interrupted` line on stderr: a second call says nothing."""
    if _said:
        return
    _said.append(line)
    print(line, file=sys.stderr)


def noted() -> bool:
    """True once a signal arrived while the stop was held: cut its waits short."""
    return bool(_noted)


def hold() -> None:
    """From here until `release`, SIGINT and SIGTERM are noted, not raised: the command is
    already stopping. A signal the process ignores (a background job's SIGINT) stays
    ignored; only the main thread may change handlers, so elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in _TAKEN:
        handler = signal.getsignal(signum)
        if signum not in _held and callable(handler) and handler is not _note:
            _held[signum] = handler
            signal.signal(signum, _note)


def release() -> None:
    """The handlers `hold` replaced are back; what arrived meanwhile is dropped (the
    command already stops as interrupted)."""
    if threading.current_thread() is not threading.main_thread():
        return
    while _held:
        signum, handler = _held.popitem()
        signal.signal(signum, handler)


@contextmanager
def held() -> Iterator[None]:
    """`hold` for the block: the command's last words, which a further signal must not cut."""
    hold()
    try:
        yield
    finally:
        release()
