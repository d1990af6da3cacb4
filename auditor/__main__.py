"""`python -m auditor` and the `auditor` command.

SIGTERM (a CI job's timeout, `kill`) ends the command as Ctrl-C does, from the first
import to the last line: the command's KeyboardInterrupt path runs (one line, exit 130;
bulk keeps its store consistent) instead of a silent death by signal; one while the CLI
is still being imported, or builds its parser, ends the same way, with no traceback. A
signal whose KeyboardInterrupt some code swallowed still ends the command so, when it is
done. Once the command has ended (its status decided), a signal raises nothing: no code
of ours is left to take a KeyboardInterrupt, and one raised in runpy's frames or an exit
handler was a traceback and a death by SIGINT (exit -2), or was ignored and the run's
status stood. It ends the process there and then: stdout flushed, `auditor: interrupted`
(unless the command said so), exit 130. stderr is made first, so that no line it cannot
carry changes the exit status (`auditor.stderr`); so is stdout, whose encoding may carry
less than a report holds (`auditor.stdout`)."""

from __future__ import annotations

import atexit
import os
import signal
import sys
from types import FrameType
from typing import NoReturn

from auditor import interrupts
from auditor.stderr import steady_stderr
from auditor.stdout import steady_stdout

# the signals that arrived: a KeyboardInterrupt is not the only record of one
_SIGNALLED: list[int] = []
# the command's exit status once it has ended: a signal then exits at once
_ENDED: list[str | int | None] = []
INTERRUPTED = 130


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _SIGNALLED.append(signum)
    if not _ENDED:
        raise KeyboardInterrupt
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except Exception:  # a reader gone, a write cut by this very signal
        pass
    interrupts.say()  # unless the command, interrupted, said so itself
    os._exit(INTERRUPTED)


def _leave(code: str | int | None) -> NoReturn:
    """Exit as the interpreter would, less its teardown: non-daemon threads joined, exit
    handlers run (a signal meanwhile ends the process by `_interrupt`), stdout and
    stderr flushed, then `os._exit`. In the teardown that follows them (modules cleared,
    objects freed, a big bulk run's for a while) a signal raised in whatever finalizer
    ran, or met Python's handlers already reset: a traceback, or a death by SIGINT (-2)
    or SIGTERM with no line, where the contract says 130 and one line; no code of ours
    needs it, as the command's files are closed by their `with` blocks."""
    threads = sys.modules.get("threading")
    shutdown = getattr(threads, "_shutdown", None)
    if callable(shutdown):
        shutdown()
    atexit._run_exitfuncs()
    if isinstance(code, str):  # sys.exit's message: printed, status 1
        print(code, file=sys.stderr)
        code = 1
    status = 0 if code is None else code
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:  # what the command printed and did not flush itself
        print(f"auditor: error: cannot write the output: {exc.strerror}", file=sys.stderr)
        status = 2
    if sys.stderr is not None:
        try:
            sys.stderr.flush()
        except OSError:
            pass
    os._exit(status)


def main() -> None:
    steady_stderr()
    steady_stdout()
    # Ctrl-C too, unless the shell had it ignored (a background job keeps ignoring it)
    taken = [signal.SIGTERM, *([signal.SIGINT] if signal.getsignal(signal.SIGINT)
                               is signal.default_int_handler else [])]
    for signum in taken:
        signal.signal(signum, _interrupt)
    code: str | int | None = 0
    try:
        try:
            from auditor.cli import entry

            entry()
        except SystemExit as done:
            code = done.code
        if _SIGNALLED and code != INTERRUPTED:
            # code that swallows what it calls raise (lxml.etree's init, importing,
            # does) took the KeyboardInterrupt: the run went on to its end, unstopped
            raise KeyboardInterrupt
        _ENDED.append(code)  # from here a signal ends the process (`_interrupt`)
    except KeyboardInterrupt:  # the commands take theirs; this is one while the CLI is
        # imported, or builds its parser (importing the rules, readers, reporters), or
        # one landing as the command ended
        _ENDED.append(INTERRUPTED)
        interrupts.say()  # unless the command said so before this one landed
        code = INTERRUPTED
    _leave(code)


if __name__ == "__main__":
    main()
