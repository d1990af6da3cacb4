"""The rich Console the commands print reports through.

When the reader stops reading (`auditor audit site | head`), rich's own handling exits
with status 1, which the CLI contract reserves for a policy violation. This console
raises BrokenPipeError instead, and `auditor.cli.main` ends quietly with status 0.
"""

from __future__ import annotations

from rich.console import Console


class OutputConsole(Console):
    """A rich Console whose broken pipe is an exception for the CLI, not an exit."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError
