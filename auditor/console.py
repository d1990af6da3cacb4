"""The rich Console the commands print reports through.

When the reader stops reading (`auditor audit site | head`), rich's own handling exits
with status 1, which the CLI contract reserves for a policy violation. This console
raises BrokenPipeError instead, and `auditor.cli.main` ends quietly with status 0.
"""

from __future__ import annotations

import os
from typing import Any

from rich.console import Console

from auditor.cli_args import MAX_WIDTH

FALLBACK_WIDTH = 80  # rich's own, when it cannot tell


class OutputConsole(Console):
    """A rich Console whose broken pipe is an exception for the CLI, not an exit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # rich takes COLUMNS=0 as a width of 0 and prints nothing at all (exit 0, an
        # empty report); a width of 0 is no width, so rich's fallback stands
        columns = os.environ.get("COLUMNS", "")
        if kwargs.get("width") is None and columns.isdigit() and int(columns) == 0:
            kwargs["width"] = FALLBACK_WIDTH
        # and COLUMNS=1000000000 drew lines a billion spaces wide until memory ran out
        if kwargs.get("width") is None and columns.isdigit() and int(columns) > MAX_WIDTH:
            kwargs["width"] = MAX_WIDTH
        super().__init__(*args, **kwargs)

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError
