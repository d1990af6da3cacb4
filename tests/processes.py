"""Running the CLI as a shell pipeline would, for the tests of how it ends."""

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
