"""Site mode: a built site's pages, each with its path under the site root and its URL.

The path (relative to SITE_DIR, or to the policy's `site_root` for files named one by
one, as pre-commit does) is what override globs match and fingerprints hash, so a
baseline written by `auditor audit public/` also serves `auditor audit public/x.html`.
"""

from __future__ import annotations

import html
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote, unquote, urljoin, urlsplit

from auditor.errors import InputError
from auditor.gate.verdict import normalise_path
from auditor.readers import ReadFailure, Record, split_member
from auditor.readers.decode import decode_html
from auditor.readers.framing import inner_name
from auditor.readers.gunzip import gunzipped
from auditor.readers.httpbody import link_header_markup, unbrotlied, zstd_unreadable
from auditor.readers.interface import MAX_PAGE_BYTES, Document, PageTooLarge
from auditor.readers.registry import kind_of, open_input, read_stream, unreadable, walk_dir
from auditor.readers.sniff import HEAD_BYTES, NOT_PAGES, sniff

# What a built site serves as pages; its feeds and search indexes are not.
SITE_PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml"})
# and the scripts and style sheets it serves: a page that loads one requests what it
# requests, so each is audited as that code or sheet inline in a page would be
SITE_ASSET_SUFFIXES = {".js": "script", ".mjs": "script", ".css": "stylesheet"}
# and its SVG files, each a document of its own (kind `svg`): an `<object>`, `<embed>` or
# `<iframe>` of one, or a visit to its URL, runs its `<script>` and loads its `<image
# href>` and `<foreignObject>` content (Chromium 156 did). An `<img src>` of one runs
# nothing, so a page's report never takes in what an SVG it names loads: the SVG is
# judged on its own path, whichever pages show or embed it
SITE_DOCUMENT_SUFFIXES = {".svg": "svg"}
# A precompressed copy (`x.html.gz`, what nginx's gzip_static serves for `x.html`;
# `x.html.br`, what brotli_static serves to every browser that sends `Accept-Encoding:
# br`, Chromium included) is what most browsers get: it is audited as the file it
# stands for, at that file's URL, whether or not the plain file beside it agrees.
# Chromium 156 asks https sites for zstd too (`x.html.zst`, zstd_static): no zstd
# decoder ships with Python 3.11, so such a copy is unreadable, never skipped
_GZIP = ".gz"
_BROTLI = ".br"
_ZSTD = (".zst", ".zstd")
INDEX_PAGES = ("index.html", "index.htm", "index.xhtml", "index.shtml")
# Netlify's and Cloudflare Pages' headers file, at the site's root: a `Link` header it
# sets (`/*` then `  Link: <…>; rel=preload; as=script`) is sent with every page its
# path matches, and Chromium fetches a header's preload as it does the element's. It is
# audited as a document of its own (kind `headers`): the `<link>` each Link value stands
# for, on the value's line, whichever pages its paths match
HEADERS_FILE = "_headers"
_HEADER_LINE = re.compile(r"^\s+([A-Za-z0-9-]+)\s*:\s*(.*)$")


def page_url(base_url: str, path: str) -> str:
    """The URL a page is served at: base URL + path; an index page is its directory.

    >>> page_url("https://example.com", "blog/index.html")
    'https://example.com/blog/'
    >>> page_url("https://example.com/docs/", "a b/p.html")
    'https://example.com/docs/a%20b/p.html'
    """
    rel = inner_name(normalise_path(path))
    for index in INDEX_PAGES:
        if rel == index or rel.endswith("/" + index):
            rel = rel[: -len(index)]
            break
    return base_url.rstrip("/") + "/" + quote(rel, safe="/")


def _served_suffix(path: Path) -> str:
    return Path(inner_name(path.name)).suffix.lower()


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
    """The HTML files, scripts, style sheets and SVG files under the site (and their
    precompressed copies), sorted; hidden files and folders (.git) are not served."""
    def served(path: Path) -> bool:
        rel = path.relative_to(site_dir)
        suffix = _served_suffix(path)
        return (not any(part.startswith(".") for part in rel.parts)
                and (suffix in SITE_PAGE_SUFFIXES or suffix in SITE_ASSET_SUFFIXES
                     or suffix in SITE_DOCUMENT_SUFFIXES or rel.as_posix() == HEADERS_FILE))

    return walk_dir(site_dir, served)


def served_page(page: Path, url: str | None) -> list[Record]:
    """A site file as a browser gets it: HTML, whatever its first bytes look like (a
    page whose first 4 KB hold no tag, or that opens like a WordPress post's JSON, is
    rendered as HTML all the same), a script or style sheet as a page holding it
    inline, an SVG file as the document it is, a precompressed copy as the file it
    stands for; empty or binary bytes are what they are."""
    name = str(page)
    if page.name == HEADERS_FILE:
        with open_input(page, name) as stream:
            text = decode_html(_whole(stream, name), "utf-8")
        return [Document(input=name, kind="headers", text=headers_markup(text), url=url)]
    if page.name.lower().endswith(_ZSTD):
        raise zstd_unreadable(name)
    with open_input(page, name) as stream:
        brotli_copy = page.name.lower().endswith(_BROTLI)  # no magic: named so, it is one
        if brotli_copy:
            stream = io.BytesIO(_unbrotlied(stream, name))
        kind = kind_of(stream, inner_name(name) if brotli_copy else name)
        if kind == "gzip" and page.name.lower().endswith(_GZIP):
            data = _gunzipped(stream, name)
            stream = io.BytesIO(data)
            kind = kind_of(stream, inner_name(name), data[:HEAD_BYTES])
        asset = SITE_ASSET_SUFFIXES.get(_served_suffix(page))
        if asset is not None and kind not in NOT_PAGES:
            text = decode_html(_whole(stream, name))
            return [Document(input=name, kind=asset, text=_inline(text, asset), url=url)]
        document = SITE_DOCUMENT_SUFFIXES.get(_served_suffix(page))
        if document is not None and kind not in NOT_PAGES:
            text = decode_html(_whole(stream, name))
            return [Document(input=name, kind=document, text=text, url=url)]
        if kind not in NOT_PAGES and kind != "gzip":
            kind = "html"
        return list(read_stream(stream, name, url=url, kind=kind))


def headers_markup(text: str) -> str:
    """A `_headers` file as the `<link>` elements its `Link` values stand for, each on
    its value's line (so a finding cites the file's line); every other line empty.

    >>> headers_markup("/*\\n  X-Frame-Options: DENY\\n  Link: </a.css>; rel=preload; as=style")
    '\\n\\n<link href="/a.css" rel="preload" as="style">'
    """
    lines = text.split("\n")
    for at, line in enumerate(lines):
        header = _HEADER_LINE.match(line)
        lines[at] = link_header_markup([header.group(2)]).replace("\n", " ") \
            if header and header.group(1).lower() == "link" else ""
    return "\n".join(lines)


def _whole(stream: BinaryIO, name: str) -> bytes:
    """A served file's bytes, all of them: PageTooLarge past a page's limit (an asset cut
    at the limit passed a loader written after it)."""
    data = stream.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise PageTooLarge(name, MAX_PAGE_BYTES)
    return data


def _gunzipped(stream: BinaryIO, name: str) -> bytes:
    """A precompressed copy's bytes, at most a page's."""
    data = gunzipped(stream, name, MAX_PAGE_BYTES)
    if len(data) > MAX_PAGE_BYTES:
        raise PageTooLarge(name, MAX_PAGE_BYTES)
    return data


def _unbrotlied(stream: BinaryIO, name: str) -> bytes:
    """A brotli copy's bytes, at most a page's; InputError, one line, when they do not
    decompress: a browser gets an error for them, and the gate cannot say what the plain
    file's URL serves, so the copy is unreadable (a violation unless `allow_unreadable`)."""
    data = unbrotlied(_whole(stream, name), name, MAX_PAGE_BYTES)
    if len(data) > MAX_PAGE_BYTES:
        raise PageTooLarge(name, MAX_PAGE_BYTES)
    return data


def _inline(text: str, asset: str) -> str:
    """A script or sheet as a page holding it inline: its own end tag escaped, as
    `<\\/script` (the same code in JS, the same sheet in CSS), so no text of it is markup.

    >>> _inline("a='</SCRIPT>'", "script")
    "<script>a='<\\\\/SCRIPT>'</script>"
    """
    tag = "script" if asset == "script" else "style"
    body = re.sub(f"</({tag})", r"<\\/\1", text, flags=re.I)
    return f"<{tag}>{body}</{tag}>"


# A site's code under a name the walk does not take (`/lib/helper.txt`, `/js/app.cjs`,
# `/bundle.dat`): Chromium 156 ran each as a page's `<script src>` (a classic script's
# type is not checked but for images, media and CSV), so a file a page loads as a
# script or a style sheet is audited as one, whatever its name. Read from the pages'
# markup: a script's `src`, a link's `href` that loads a script or a sheet.
_LOCAL = "https://site.invalid/"
_CODE_TAG = re.compile(r"<(script|link)\b", re.I)  # to the `>` found after it
_ATTR = re.compile(r"""\s(src|href|rel|as)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


def _site_code(text: str, url: str, site_dir: Path, root: str) -> dict[Path, str]:
    """The site's files the page's markup loads as code (`script` or `stylesheet`)."""
    found: dict[Path, str] = {}
    if "src" not in text and "href" not in text:
        return found
    at = 0  # each tag's end found once: a pattern running to `>` scanned to the page's
    # end from every unclosed `<script` (160 KB of them: 2 s)
    while (tag := _CODE_TAG.search(text, at)) is not None:
        end = text.find(">", tag.end())
        if end == -1:
            break
        at = end + 1
        attrs = {m.group(1).lower(): next(v for v in m.group(2, 3, 4) if v is not None)
                 for m in _ATTR.finditer(text, tag.end(), end)}
        if tag.group(1).lower() == "script":
            address, asset = attrs.get("src"), "script"
        else:
            rel = attrs.get("rel", "").lower().split()
            kind = attrs.get("as", "").lower()
            asset = "stylesheet" if "stylesheet" in rel or kind == "style" else "script"
            code = "modulepreload" in rel or ("preload" in rel and kind in ("script", "style"))
            address = attrs.get("href") if "stylesheet" in rel or code else None
        path = _site_file(address, url, site_dir, root) if address else None
        if path is not None:
            found.setdefault(path, asset)
    return found


def _site_file(address: str, url: str, site_dir: Path, root: str) -> Path | None:
    """The file under the site (served at `root`) an address names from the page at
    `url`, if it has one."""
    target = urlsplit(urljoin(url, html.unescape(address.strip())))
    page = urlsplit(url)
    if (target.scheme, target.netloc) != (page.scheme, page.netloc):
        return None
    base = urlsplit(root).path.rstrip("/") + "/"
    if not target.path.startswith(base):
        return None
    rel = unquote(target.path[len(base):])
    if not rel or any(part in ("", ".", "..") or part.startswith(".")
                      for part in rel.split("/")):
        return None
    path = site_dir / rel
    return path if path.is_file() else None


def _referenced_asset(site_dir: Path, path: Path, asset: str, base_url: str | None
                      ) -> Iterator[Record]:
    """A site file a page loads as code, read as `served_page` reads a `.js` or `.css`
    file (unreadable as one is a failure, as there); binary bytes run nothing."""
    rel = path.relative_to(site_dir).as_posix()
    url = page_url(base_url, rel) if base_url else None
    try:
        with open_input(path, str(path)) as stream:
            data = _whole(stream, str(path))
    except InputError as exc:
        yield ReadFailure(input=str(path), kind=asset, error=str(exc))
        return
    if sniff(data[:HEAD_BYTES], path.name) in NOT_PAGES:
        return
    yield Document(input=str(path), kind=asset, text=_inline(decode_html(data), asset), url=url)


def site_records(site_dir: Path, base_url: str | None) -> Iterator[Record]:
    """Each page of a built site with its URL, then each file its pages load as code that
    no walk takes; an unreadable page is reported, not fatal."""
    pages = site_pages(site_dir)
    if not pages:
        raise InputError(f"{site_dir}: no HTML pages in this site directory")
    referenced: dict[Path, str] = {}  # site files a page loads as code: path → asset kind
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
        for record in records:
            if isinstance(record, Document) and record.kind in ("html", "svg"):
                referenced.update(_site_code(record.text, url or _LOCAL + rel, site_dir,
                                             base_url or _LOCAL))
        yield from records
    walked = set(pages)
    for path, asset in sorted(referenced.items()):
        if path not in walked:  # code the site serves under a name no walk takes
            yield from _referenced_asset(site_dir, path, asset, base_url)
