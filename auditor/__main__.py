"""`python -m auditor` and the `auditor` command.

SIGTERM (a CI job's timeout, `kill`) ends the command as Ctrl-C does, from the first
import to the last line: the command's KeyboardInterrupt path runs (one line, exit 130;
bulk keeps its store consistent) instead of a silent death by signal; one while the CLI
is still being imported, or builds its parser, ends the same way, with no traceback. The
handler is put back before the interpreter shuts down, where an interrupt could only
break its clean-up. A signal whose KeyboardInterrupt some code swallowed still ends the
command so, when it is done. stderr is made first, so that no line it cannot carry changes the
exit status (`auditor.stderr`); so is stdout, whose encoding may carry less than a report
holds (`auditor.stdout`)."""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import NoReturn

from auditor.stderr import steady_stderr
from auditor.stdout import steady_stdout

# the signals that arrived: a KeyboardInterrupt is not the only record of one
_SIGNALLED: list[int] = []


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _SIGNALLED.append(signum)
    raise KeyboardInterrupt


def _interrupted() -> NoReturn:
    print("auditor: interrupted", file=sys.stderr)
    sys.exit(130)


def main() -> None:
    steady_stderr()
    steady_stdout()
    # Ctrl-C too, unless the shell had it ignored (a background job keeps ignoring it)
    taken = [signal.SIGTERM, *([signal.SIGINT] if signal.getsignal(signal.SIGINT)
                               is signal.default_int_handler else [])]
    previous = {signum: signal.signal(signum, _interrupt) for signum in taken}
    try:
        try:
            from auditor.cli import entry

            entry()
        except KeyboardInterrupt:  # the commands take theirs; this is one while the CLI
            # is imported, or builds its parser (importing the rules, readers, reporters)
            _interrupted()
        except SystemExit as done:
            if _SIGNALLED and done.code != 130:
                # code that swallows what it calls raise (lxml.etree's init, importing,
                # does) took the KeyboardInterrupt: the run went on to its end, unstopped
                _interrupted()
            raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    main()
