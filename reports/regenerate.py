"""Regenerate the example reports in reports/ from the bundled examples.

    python reports/regenerate.py          # rewrite reports/*.json and reports/*.txt
    python reports/regenerate.py --check  # exit 1 if any report is stale

The reports are what `auditor audit examples/NAME --format json` and the terminal
report (100 columns, no colour) print, with the project rules and the system
EasyList/EasyPrivacy. tests/test_reports.py fails when they are stale.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = ("wp-post-injected.json", "news-article.html", "text-scrape.txt")
WIDTH = 100


def render(name: str) -> dict[str, str]:
    """{file name in reports/: content} for one example."""
    from auditor import __version__
    from auditor.pipeline import audit
    from auditor.report import RunSummary
    from auditor.report.json_report import JsonReporter
    from auditor.report.terminal import TerminalReporter
    from auditor.rules import Engine

    cwd = Path.cwd()
    os.chdir(REPO)  # input names in the reports are repo-relative
    try:
        report = audit(Path("examples") / name, engine=Engine.load())
    finally:
        os.chdir(cwd)
    summary = RunSummary(
        len(report.pages), sum(bool(p.errors) for p in report.pages), 0, 0, False, True
    )
    out: dict[str, str] = {}
    for suffix, reporter_class in ((".json", JsonReporter), (".txt", TerminalReporter)):
        buffer = io.StringIO()
        if reporter_class is TerminalReporter:
            reporter = TerminalReporter(buffer, __version__, width=WIDTH, color=False)
        else:
            reporter = JsonReporter(buffer, __version__)  # type: ignore[assignment]
        reporter.start(report.lists)
        for page in report.pages:
            reporter.handle(page)
        reporter.finished(summary)
        out[Path(name).stem + suffix] = buffer.getvalue()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    stale = []
    for name in EXAMPLES:
        for file_name, content in render(name).items():
            path = REPO / "reports" / file_name
            if path.exists() and path.read_text(encoding="utf-8") == content:
                continue
            stale.append(file_name)
            if not args.check:
                path.write_text(content, encoding="utf-8")
    if args.check and stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    print(("rewrote: " if stale else "up to date: ") + (", ".join(stale) or "all reports"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
