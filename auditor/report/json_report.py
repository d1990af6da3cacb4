"""CONTRACT JSON (`auditor.report/1`), written as it streams, and JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from auditor.model import SCHEMA, ListInfo, PageReport, Violation
from auditor.report.figures import unreadable_verdict
from auditor.report.interface import RunSummary


def page_dict(page: PageReport, violations: Sequence[Violation], gated: bool) -> dict[str, Any]:
    out = page.to_dict()
    if gated:
        out["violations"] = [v.to_dict() for v in violations]
        let_by = unreadable_verdict(page, violations)
        if let_by is not None:  # a page it could not read: failing, baselined or allowed
            out["unreadable"] = let_by.value
    return out


class JsonReporter:
    """One JSON document; pages are written as they come so memory stays flat."""

    def __init__(self, out: TextIO, version: str, *, gated: bool = False) -> None:
        self.out = out
        self.version = version
        self.gated = gated
        self.count = 0

    def start(self, lists: Sequence[ListInfo]) -> None:
        head = {
            "schema": SCHEMA,
            "tool": {"name": "auditor", "version": self.version},
            "lists": [li.to_dict() for li in lists],
        }
        text = json.dumps(head, ensure_ascii=False, indent=2)
        self.out.write(text[: text.rstrip().rfind("}")].rstrip() + ',\n  "pages": [')

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        body = json.dumps(page_dict(page, violations, self.gated), ensure_ascii=False, indent=2)
        # split on "\n" only: splitlines() also breaks at U+2028/U+0085 inside strings
        indented = "\n".join("    " + line for line in body.split("\n"))
        self.out.write(("," if self.count else "") + "\n" + indented)
        self.count += 1

    def finished(self, summary: RunSummary) -> None:
        tail: dict[str, Any] = {
            "pages": summary.pages,
            "errors": summary.errors,
            "skipped": summary.skipped,
        }
        if summary.gated:
            tail["violations"] = summary.violations
            tail["passed"] = summary.passed
        self.out.write(
            ("\n  " if self.count else "")
            + '],\n  "summary": '
            + json.dumps(tail, ensure_ascii=False)
            + "\n}\n"
        )


class JsonLinesReporter:
    """One page a line, for jq and for streams that never end."""

    def __init__(self, out: TextIO, version: str, *, gated: bool = False) -> None:
        self.out = out
        self.version = version
        self.gated = gated

    def start(self, lists: Sequence[ListInfo]) -> None:
        return None

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        record = {"schema": SCHEMA, **page_dict(page, violations, self.gated)}
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def finished(self, summary: RunSummary) -> None:
        return None
