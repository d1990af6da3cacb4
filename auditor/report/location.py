"""Where a page lives, as CI tools want it: a file path relative to the repository.

Code-scanning UIs and `::error file=` annotations attach to files in the checkout, and
they resolve relative paths against its root (the working directory of the job).
"""

from __future__ import annotations

from pathlib import Path

from auditor.readers.interface import split_member


def input_file(input_name: str) -> str:
    """The file part of an input: `site.warc#rec-1` names the archive `site.warc`."""
    return split_member(input_name)[0]


def repo_path(input_name: str, root: Path | None = None) -> str:
    """A POSIX path relative to `root` (default: the working directory) when inside it.

    >>> repo_path("./site/index.html", Path("/nowhere"))
    'site/index.html'
    """
    name = input_file(input_name)
    path = Path(name)
    if path.is_absolute():
        base = (root or Path.cwd()).resolve()
        try:
            return path.resolve().relative_to(base).as_posix()
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
            return path.as_posix()
    return path.as_posix().removeprefix("./")


def page_name(input_name: str) -> str:
    """How reports name a page: its `repo_path`, with the record inside an archive kept,
    the same for passing and failing pages.

    >>> page_name("./public/index.html"), page_name("crawl.warc#1234")
    ('public/index.html', 'crawl.warc#1234')
    """
    file = input_file(input_name)
    return repo_path(input_name) + input_name[len(file):]
