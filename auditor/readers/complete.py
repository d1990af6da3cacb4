"""The frames of a page a browser saved with "Save Page As…" ("Webpage, Complete"): each
frame's document is a file in the folder saved beside the page, which the page's
`<iframe src>` names (`./<title>_files/saved_resource.html`, then `saved_resource(1).html`),
carrying its own mark of the web, the frame's URL. Read as an MHTML's frame parts are
(`readers.parts`), what an ad frame loaded and what a hidden frame ran are the page's.
"""

from __future__ import annotations

import html
import os
import re
from collections import deque
from pathlib import Path
from urllib.parse import quote, unquote

import lxml.html
from lxml import etree

from auditor.errors import InputError
from auditor.lazy_re import lazy_regex
from auditor.readers.decode import decode_page
from auditor.readers.parts import FRAME_BYTES, FRAMES_BYTES, frame_element
from auditor.saved import saved_from_url

# what a browser names a frame's document it saves (Chrome: `saved_resource.html`, then
# `saved_resource(1).html`), and the elements whose `src` names one
_DOCUMENT_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_FRAME_TAGS = ("iframe", "frame")


def saved_frames(path: str, text: str) -> tuple[str, str]:
    """The page a "Save Page As, complete" copy at `path` is, with its frames: its text with
    each `<iframe src>` naming a frame's document saved beside it
    (`./<title>_files/saved_resource.html`) at the URL that document's own mark of the web
    gives (as an MHTML's `cid:` address reads as its frame's URL, on the same line), and
    markup standing for those documents as an MHTML's frame parts stand
    (`Document.saved_parts`: an `<iframe>` at the frame's URL holding its markup, cited at
    the page's `<iframe>`; frames those frames hold, flat beside them). Only files in a
    `_files` folder in the page's own folder are read, by their real paths (no `..`, no
    symlink leading out, no absolute path or URL), within the MHTML reader's frame caps;
    nothing else on disk is opened."""
    if "_files/" not in text:  # most pages: no page lowered for nothing (0.3 ms a page)
        return text, ""
    lowered = text.lower()
    if not any(f"<{t}" in lowered for t in _FRAME_TAGS):
        return text, ""
    try:
        page_dir = Path(os.path.abspath(path)).parent.resolve()  # the folder it is named in
        root = lxml.html.document_fromstring(text)
    except (OSError, ValueError, etree.ParserError):
        return text, ""
    # each document read: (the page's src holding it, its file, its markup, its URL), and
    # for each file the documents its frames' `src`s (as written) name
    docs: list[tuple[str, Path, str, str | None]] = []
    named: dict[Path | None, dict[str, Path]] = {}
    queue: deque[tuple[str, Path | None, str]] = deque(
        (src, None, src) for el in root.iter(*_FRAME_TAGS)
        if (src := (el.get("src") or "").strip()))
    seen: set[Path] = set()
    asked: dict[tuple[Path | None, str], Path | None] = {}  # a src a document repeats
    budget = FRAMES_BYTES
    while queue:
        at, parent, src = queue.popleft()
        if (parent, src) not in asked:
            asked[parent, src] = _frame_file(page_dir, parent.parent if parent else page_dir,
                                             src)
        file = asked[parent, src]
        if file is None:
            continue
        named.setdefault(parent, {})[src] = file
        if file in seen:
            continue
        seen.add(file)
        try:
            size = file.stat().st_size
            if size > min(FRAME_BYTES, budget):
                continue
            budget -= size
            held, _ = decode_page(file.read_bytes())
        except (OSError, InputError):
            continue
        docs.append((at, file, held, saved_from_url(held)))
        try:
            inner = lxml.html.document_fromstring(held) if held.strip() else None
        except (ValueError, etree.ParserError):
            inner = None
        if inner is not None:
            queue.extend((at, file, src) for el in inner.iter(*_FRAME_TAGS)
                         if (src := (el.get("src") or "").strip()))
    urls = {file: url for _, file, _, url in docs if url}

    def at_urls(markup: str, parent: Path | None) -> str:
        return _at_urls(markup, {src: urls[file] for src, file in named.get(parent, {}).items()
                                 if file in urls})

    page_urls = {src: urls[file] for src, file in named.get(None, {}).items() if file in urls}
    out = [frame_element(url, f'<base href="./{quote(file.relative_to(page_dir).as_posix())}">'
                         + at_urls(held, file), held_at=page_urls.get(at, at))
           for at, file, held, url in docs]
    return at_urls(text, None), "\n".join(out)


def _at_urls(text: str, at_url: dict[str, str]) -> str:
    """`text` with each frame's `src` naming a saved document (quoted as the browser wrote
    it) reading the URL the document was saved from: one pass over the text, whatever the
    number of frames (a replace a frame cost the page's length each: 6,000 frames in a
    4.5 MB page took 40 s)."""
    if not at_url:
        return text

    def read(m: re.Match[str]) -> str:
        url = at_url.get(m.group(1) if m.group(1) is not None else m.group(2))
        return m.group() if url is None else f'src="{html.escape(url, quote=True)}"'
    return _QUOTED_SRC.sub(read, text)


# a `src` as the browser wrote it, quoted (what `_at_urls` reads and rewrites)
_QUOTED_SRC = lazy_regex(r"""src="([^"]*)"|src='([^']*)'""")


def _frame_file(page_dir: Path, folder: Path, src: str) -> Path | None:
    """The saved frame document a frame's `src` names, relative to `folder` (the page's,
    or a saved frame's): a regular file, by its real path, directly in a `_files` folder
    in the page's folder; else None."""
    written = unquote(src.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    if not written or written.startswith("/") or _SCHEME.match(written):
        return None  # a URL, a path from a root: nothing saved beside the page
    # as written, before the file system is asked: a page's thousands of frames at URLs
    # cost no path resolution each (links are then followed by `resolve`)
    lexical = Path(os.path.normpath(folder / written))
    if (not lexical.parent.name.endswith("_files")
            or lexical.suffix.lower() not in _DOCUMENT_SUFFIXES):
        return None
    try:
        file = (folder / written).resolve()
        ok = (file.parent.name.endswith("_files") and file.parent.parent == page_dir
              and file.suffix.lower() in _DOCUMENT_SUFFIXES and file.is_file())
    except (OSError, ValueError):
        return None
    return file if ok else None


_SCHEME = lazy_regex(r"[A-Za-z][A-Za-z0-9+.-]*:")


__all__ = ["saved_frames"]
