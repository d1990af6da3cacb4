"""Running processes as a user would: the CLI in a shell pipeline (how it ends), a fresh
interpreter (what it imports and builds at start-up), many command lines each in a process
of its own forked from one that imported the CLI once; and the command's entry run in the
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


# Imports the CLI once, then forks a child per command line: each child runs the command's
# own entry (`python -m auditor`'s) with its stdout and stderr on files of their own and
# exits as that process would (its exit status, its final flush); what it printed and how it
# exited go back as JSON, the bytes base64.
_FORKED = r"""
import base64, json, os, sys, tempfile
import auditor.cli, auditor.gate, auditor.pipeline, auditor.rules.cli
from auditor.__main__ import main
done = []
for argv in json.loads(sys.stdin.read()):
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush(), sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.dup2(out.fileno(), 1), os.dup2(err.fileno(), 2)
            sys.argv = ["auditor", *argv]
            main()
            sys.exit(0)
        status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        out.seek(0), err.seek(0)
        done.append([status, base64.b64encode(out.read()).decode(),
                     base64.b64encode(err.read()).decode()])
print(json.dumps(done))
"""


def forked_runs(argvs: Sequence[Sequence[str]], env: Mapping[str, str] | None = None
                ) -> list[subprocess.CompletedProcess[str]]:
    """`auditor ARGV` for each of `argvs`, each in a process of its own forked from one
    that imported the CLI once: a fresh process each (its own output streams, warnings,
    logging, exit), without each paying the imports' start-up. What each printed is
    decoded strictly, as `subprocess.run(..., text=True)` decodes it."""
    import base64
    import json
    import sys

    result = subprocess.run([sys.executable, "-c", _FORKED], input=json.dumps(list(map(
        list, argvs))), capture_output=True, text=True, timeout=600, check=True, env=env,
        cwd=Path(__file__).parents[1])
    return [subprocess.CompletedProcess(list(argv), status, base64.b64decode(out).decode(),
                                        base64.b64decode(err).decode())
            for argv, (status, out, err) in zip(argvs, json.loads(result.stdout), strict=True)]
