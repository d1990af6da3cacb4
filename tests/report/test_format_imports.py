"""A run imports the reporter of the formats it writes, no other: a CI gate's one-page
process writing SARIF imported the HTML report's charts and the markdown writer too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_FORMATS = {"auditor.report.terminal", "auditor.report.json_report", "auditor.report.markdown",
            "auditor.report.sarif", "auditor.report.junit", "auditor.report.html_report"}


def test_a_sarif_run_imports_no_other_format() -> None:
    root = Path(__file__).parents[2]
    probe = ("import contextlib, io, sys\n"
             "from auditor.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    main(['audit', 'examples/news-article.html', '--format', 'sarif'])\n"
             f"print(sorted({sorted(_FORMATS)!r} & sys.modules.keys()))\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=120, check=True, cwd=root)
    assert result.stdout.splitlines()[-1] == "['auditor.report.sarif']", result.stderr
