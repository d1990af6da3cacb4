"""`python -m auditor` and the `auditor` command. A Ctrl-C while the CLI is still being
imported exits 130 as one later does, with no traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from auditor.cli import entry
    except KeyboardInterrupt:
        sys.exit(130)
    entry()


if __name__ == "__main__":
    main()
