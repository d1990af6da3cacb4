"""`python -m auditor` and the `auditor` command.

SIGTERM (a CI job's timeout, `kill`) ends the command as Ctrl-C does, from the first
import to the last line: the command's KeyboardInterrupt path runs (one line, exit 130;
bulk keeps its store consistent) instead of a silent death by signal; one while the CLI
is still being imported, or builds its parser, ends the same way, with no traceback. The
handler is put back before the interpreter shuts down, where an interrupt could only
break its clean-up. stderr is made first, so that no line it cannot carry changes the
exit status (`auditor.stderr`)."""

from __future__ import annotations

import signal
import sys
from types import FrameType

from auditor.stderr import steady_stderr


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> None:
    steady_stderr()
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        try:
            from auditor.cli import entry

            entry()
        except KeyboardInterrupt:  # the commands take theirs; this is one while the CLI
            # is imported, or builds its parser (importing the rules, readers, reporters)
            print("auditor: interrupted", file=sys.stderr)
            sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    main()
