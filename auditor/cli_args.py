"""Arguments and help layout the commands share: kept apart from both commands' modules, so
neither imports the other for them."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from auditor.dom.parser import DEFAULT_LIMITS, PageLimits
from auditor.urls import FETCHABLE_SCHEMES, absolute_url

MAX_WIDTH = 10_000  # columns: wider than any terminal, and a report's lines stay small


class HelpWithExamples(argparse.HelpFormatter):
    """Description paragraphs wrap to the terminal; indented lines and the `examples:`
    epilog keep their layout, so commands can be copied as shown."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for para in text.split("\n\n"):
            lines = para.splitlines()
            if para.startswith("examples:") or any(line.startswith(" ") for line in lines):
                out.append("\n".join(indent + line for line in lines))
            else:
                out.append(super()._fill_text(para, width, indent))
        return "\n\n".join(out)


def positive_int(text: str, most: int = sys.maxsize) -> int:
    """A count from 1 to `most`: past 2**63 one overflowed a slice or SQLite (an
    internal error)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    if value > most:
        raise argparse.ArgumentTypeError(f"must be at most {most}")
    return value


def terminal_width(text: str) -> int:
    """A terminal width: `--width 1000000000` drew lines a billion spaces wide until
    memory ran out."""
    return positive_int(text, MAX_WIDTH)


def named(text: str) -> str:
    """A file or folder name that is not empty: `auditor audit "$SITE_DIR"` with the
    variable unset gave '', which Path reads as '.', so the gate judged the working
    directory instead of the site (or `-o ''` tried to write over it)."""
    if text == "":
        raise argparse.ArgumentTypeError("an empty name (an unset shell variable?)")
    return text


def named_path(text: str) -> Path:
    """A path argument, by `named`."""
    return Path(named(text))


def output_path(text: str) -> Path | None:
    """An output file argument; `-` is stdout (None), as an input `-` is stdin (a file
    named `-` is `./-`)."""
    return None if text == "-" else _a_file(text)


def file_path(text: str) -> Path:
    """A file argument that cannot be a stream (a store, a dataset folder): `-`, which
    means stdout or stdin everywhere else, is refused rather than made a file named `-`
    (`./-` names one)."""
    if text == "-":
        raise argparse.ArgumentTypeError("- (stdout or stdin) cannot be a file here: "
                                         "name one (./- for a file named -)")
    return named_path(text)


def store_path(text: str) -> Path:
    """A bulk store: a file (`file_path`), never a folder."""
    file_path(text)
    return _a_file(text)


def _a_file(text: str) -> Path:
    """A file name, not a folder's: `-o reports/` (a folder meant, absent) wrote a file
    named `reports`, since Path drops the trailing slash."""
    named(text)
    if text.endswith(("/", os.sep)):
        raise argparse.ArgumentTypeError(f"{text!r} ends in a slash, so names a folder: "
                                         "give the name of a file (in it)")
    return Path(text)


def page_url(text: str) -> str:
    """An absolute http(s) URL with a host (`absolute_url`), for an argument."""
    return _absolute(text, ("http", "https"))


def request_url(text: str) -> str:
    """A request's URL, as `page_url` but in any scheme a page fetches (ws:, wss: too)."""
    return _absolute(text, tuple(sorted(FETCHABLE_SCHEMES)))


def _absolute(text: str, schemes: tuple[str, ...]) -> str:
    url = absolute_url(text, schemes)
    if url is None:
        raise argparse.ArgumentTypeError(
            f"not an absolute {'/'.join(schemes)} URL with a host: {text!r}")
    return url


def add_limit_arguments(parser: argparse.ArgumentParser) -> None:
    """The per-page bounds (`PageLimits`): a page over one is a page error."""
    parser.add_argument("--max-elements", type=positive_int, metavar="N",
                        default=DEFAULT_LIMITS.max_elements,
                        help="pages with more elements fail "
                        f"(default {DEFAULT_LIMITS.max_elements:,})")
    parser.add_argument("--max-attributes", type=positive_int, metavar="N",
                        default=DEFAULT_LIMITS.max_attributes,
                        help="pages with an element holding more attributes fail "
                        f"(default {DEFAULT_LIMITS.max_attributes:,})")
    parser.add_argument("--max-urls", type=positive_int, metavar="N",
                        default=DEFAULT_LIMITS.max_urls,
                        help=f"pages naming more URLs fail (default {DEFAULT_LIMITS.max_urls:,})")


def page_limits(args: argparse.Namespace) -> PageLimits:
    return PageLimits(args.max_elements, args.max_attributes, args.max_urls)
