"""GitHub Actions annotations: `::error file=…,line=…::` lines beside the chosen format.

They go to stderr, which the runner reads for workflow commands as it does stdout, so
a SARIF or JSON report on stdout stays a valid document. Everything is escaped per
the workflow-command rules, or a page could forge commands of its own (`::set-env`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TextIO

from auditor.model import ListInfo, PageReport, Violation
from auditor.report.interface import OPEN_VIOLATION, RunSummary
from auditor.report.location import embedded, page_name, repo_path
from auditor.report.safe import inert

# Annotations are written for open violations only, each of which fails the job
# (`OPEN_VIOLATION`: a `notice` would read as advice).


def in_github_actions(environ: Mapping[str, str] | None = None) -> bool:
    return (environ if environ is not None else os.environ).get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF percent-encoded.

    >>> escape_data("50%\\n::set-env")
    '50%25%0A::set-env'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value (a file name is page-derived in archives): inert,
    then as data, and `:` and `,` too.

    >>> escape_property("a,b:c")
    'a%2Cb%3Ac'
    >>> escape_property("x\\x1b[2J.html")
    'x\\\\x1b[2J.html'
    """
    return escape_data(inert(text)).replace(":", "%3A").replace(",", "%2C")


def annotation(page: PageReport, v: Violation) -> str:
    """One workflow command for one open violation."""
    props = [f"file={escape_property(repo_path(page.input))}"]
    where = ""
    if embedded(page.input, page.kind):  # its line is the record's markup's, not the file's
        line = f", line {v.line}" if v.line > 0 else ""
        where = f" [in {page_name(page.input)}{line}]"
    elif v.line > 0:
        props.append(f"line={v.line}")
    props.append(f"title={escape_property(f'auditor: {v.rule_id}')}")
    rule = f" [rule: {v.rule}]" if v.rule else ""
    text = inert(f"{v.clause}: {v.message}{rule}{where}", limit=2000)
    return f"::{OPEN_VIOLATION} {','.join(props)}::{escape_data(text)}"


class GitHubAnnotations:
    """A reporter that writes an annotation per open (not baselined) violation."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def start(self, lists: Sequence[ListInfo]) -> None:
        return None

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        for v in violations:
            if not v.baselined:
                self.out.write(annotation(page, v) + "\n")

    def finished(self, summary: RunSummary) -> None:
        self.out.flush()
