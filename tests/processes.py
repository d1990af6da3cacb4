"""Running processes as a user would: the CLI in a shell pipeline (how it ends), a fresh
interpreter (what it imports and builds at start-up)."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


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
