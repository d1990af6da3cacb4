"""Running processes as a user would: the CLI in a shell pipeline (how it ends), a fresh
interpreter (what it imports and builds at start-up); and the command's entry run in the
test's own process, for the error paths no process start is under test in."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest


def reader_stops(argv: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None
                 ) -> tuple[int, str]:
    """Run `argv` with its stdout read for one byte and then closed, as `| head -c 1`
    does, and return its exit status and what it wrote to stderr."""
    proc = subprocess.Popen(list(argv), cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(1)
    proc.stdout.close()  # the reader goes away
    err = proc.stderr.read().decode()
    return proc.wait(timeout=300), err


def fresh_interpreter(probe: str) -> str:
    """What `probe` prints, run by a new Python from the repository's root: what a process
    imports or builds at start-up, which this test process has long since done."""
    import sys

    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=120, check=True, cwd=Path(__file__).parents[1])
    return result.stdout


def run_here(capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
             *args: str, cwd: Path | None = None, columns: int = 80
             ) -> subprocess.CompletedProcess[str]:
    """`auditor ARGS` in this process, through the command's own entry (`entry`: its exit
    status, its one-line errors), stdout and stderr read at their descriptors: for error
    paths where starting a process is not what is tested (each such path keeps a case
    run in a process of its own, as a user runs it)."""
    import sys

    from auditor.cli import entry

    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setattr(sys, "argv", ["auditor", *args])
    if cwd is not None:
        monkeypatch.chdir(cwd)
    with pytest.raises(SystemExit) as exited:
        entry()
    out, err = capfd.readouterr()
    code = exited.value.code
    return subprocess.CompletedProcess(args, code if isinstance(code, int) else 1, out, err)
