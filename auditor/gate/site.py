"""Site mode: a built site's pages, each with its path under the site root and its URL.

The path (relative to SITE_DIR, or to the policy's `site_root` for files named one by
one, as pre-commit does) is what override globs match and fingerprints hash, so a
baseline written by `auditor audit public/` also serves `auditor audit public/x.html`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from auditor.errors import InputError
from auditor.gate.verdict import normalise_path
from auditor.readers import ReadFailure, Record, split_member
from auditor.readers.registry import kind_of, open_input, read_stream, unreadable, walk_dir
from auditor.readers.sniff import NOT_PAGES

# What a built site serves as pages; its CSS, JS, feeds and search indexes are not.
SITE_PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml"})
INDEX_PAGES = ("index.html", "index.htm", "index.xhtml", "index.shtml")


def page_url(base_url: str, path: str) -> str:
    """The URL a page is served at: base URL + path; an index page is its directory.

    >>> page_url("https://example.com", "blog/index.html")
    'https://example.com/blog/'
    >>> page_url("https://example.com/docs/", "a b/p.html")
    'https://example.com/docs/a%20b/p.html'
    """
    rel = normalise_path(path)
    for index in INDEX_PAGES:
        if rel == index or rel.endswith("/" + index):
            rel = rel[: -len(index)]
            break
    return base_url.rstrip("/") + "/" + quote(rel, safe="/")


def _inside(path: Path, root: Path) -> str | None:
    """`path` relative to `root` as the walk reached it (a page under a symlinked folder
    is at its place in the site), else as both resolve; None when it is not inside."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return None


def site_path(input_name: str, roots: tuple[Path, ...] = ()) -> str:
    """A page's path relative to the first root that holds it, else as given.

    Archive records (`a.warc#rec`) keep their record part.
    """
    if input_name.startswith("<"):  # <stdin>, <bytes>
        return input_name
    name, sep, record = split_member(input_name)
    for root in roots:
        rel = _inside(Path(name), root)
        if rel is not None and rel != ".":
            return rel + sep + record
    return normalise_path(name) + sep + record


def site_dir(source: str) -> Path | None:
    """The directory an input names (a built site), or None for a file or stdin."""
    path = Path(source)
    return path if source != "-" and path.is_dir() else None


def site_pages(site_dir: Path) -> list[Path]:
    """HTML files under the site, sorted; hidden files and folders (.git) are not served."""
    def served(path: Path) -> bool:
        rel = path.relative_to(site_dir)
        return (not any(part.startswith(".") for part in rel.parts)
                and path.suffix.lower() in SITE_PAGE_SUFFIXES)

    return walk_dir(site_dir, served)


def served_page(page: Path, url: str | None) -> list[Record]:
    """A site file as a browser gets it: HTML, whatever its first bytes look like (a
    page whose first 4 KB hold no tag, or that opens like a WordPress post's JSON, is
    rendered as HTML all the same); empty, binary or gzip bytes are what they are."""
    with open_input(page, str(page)) as stream:
        kind = kind_of(stream, str(page))
        if kind not in NOT_PAGES and kind != "gzip":
            kind = "html"
        return list(read_stream(stream, str(page), url=url, kind=kind))


def site_records(site_dir: Path, base_url: str | None) -> Iterator[Record]:
    """Each page of a built site with its URL; an unreadable page is reported, not fatal."""
    pages = site_pages(site_dir)
    if not pages:
        raise InputError(f"{site_dir}: no HTML pages in this site directory")
    for page in pages:
        rel = page.relative_to(site_dir).as_posix()
        url = page_url(base_url, rel) if base_url else None
        reason = unreadable(page)  # a dangling link, a loop, a FIFO: never opened
        if reason is not None:
            yield ReadFailure(input=str(page), kind="html", error=f"{page}: {reason}")
            continue
        try:
            records = served_page(page, url)
        except InputError as exc:
            yield ReadFailure(input=str(page), kind="html", error=str(exc))
            continue
        yield from records
