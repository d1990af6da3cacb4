"""The bulk progress display: a rich bar on stderr when it is a terminal, else nothing."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        records = int(task.fields.get("records", 0))
        rate = records / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.1f} rec/s", style="progress.data.speed")


class _Counts(ProgressColumn):
    def render(self, task: Task) -> Text:
        f = task.fields
        return Text(f"{f.get('records', 0):,} records · {f.get('pages', 0):,} pages · "
                    f"{f.get('skipped', 0):,} skipped · {f.get('errors', 0):,} errors")


class ProgressView:
    """Counts records as they are stored; the bar follows bytes so the ETA means something."""

    def __init__(self, total_bytes: int, stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        stream = stream or sys.stderr
        self.enabled = stream.isatty() if enabled is None else enabled
        self.records = self.pages = self.skipped = self.errors = 0
        self._bytes = 0
        self._started = time.monotonic()
        self._progress: Progress | None = None
        if self.enabled:
            self._progress = Progress(
                TextColumn("[bold]bulk"), BarColumn(), _Rate(), _Counts(), TimeElapsedColumn(),
                TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(file=stream), transient=False, refresh_per_second=4)
            self._task = self._progress.add_task("bulk", total=max(total_bytes, 1), records=0,
                                                 pages=0, skipped=0, errors=0)

    def __enter__(self) -> ProgressView:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, *, audited: int = 0, skipped: int = 0, failed: int = 0,
               bytes_done: int = 0) -> None:
        self.records += audited + skipped + failed
        self.pages += audited
        self.skipped += skipped
        self.errors += failed
        self._bytes += bytes_done
        if self._progress is not None:
            self._progress.update(self._task, advance=bytes_done, records=self.records,
                                  pages=self.pages, skipped=self.skipped, errors=self.errors)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started
