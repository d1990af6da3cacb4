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


# A page of these kinds is the file (or stdin) itself, so its line numbers are the file's
_OWN_LINES = frozenset({"html", "text"})
# ... unless the file is JSON holding the page's markup as a string (`{"url", "html"}`)
_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


def embedded(input_name: str, kind: str) -> bool:
    """Whether a page's line numbers count lines of markup embedded in its file (a
    WordPress post's `content.rendered`, a WARC record, an archive member) rather than
    lines of the file a code-scanning UI would open.

    >>> embedded("site/a.html", "html"), embedded("crawl.warc.gz#rec-1", "warc-record")
    (False, True)
    >>> embedded("posts.json", "wp-json"), embedded("page.json", "html")
    (True, True)
    """
    file = input_file(input_name)
    return (kind not in _OWN_LINES or file != input_name
            or file.lower().endswith(_JSON_SUFFIXES))


def page_name(input_name: str) -> str:
    """How reports name a page: its `repo_path`, with the record inside an archive kept,
    the same for passing and failing pages.

    >>> page_name("./public/index.html"), page_name("crawl.warc#1234")
    ('public/index.html', 'crawl.warc#1234')
    """
    file = input_file(input_name)
    return repo_path(input_name) + input_name[len(file):]
