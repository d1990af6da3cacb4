"""Site mode: a built site's pages, each with its path under the site root and its URL.

The path (relative to SITE_DIR, or to the policy's `site_root` for files named one by
one, as pre-commit does) is what override globs match and fingerprints hash, so a
baseline written by `auditor audit public/` also serves `auditor audit public/x.html`.
"""

from __future__ import annotations

import dataclasses
import io
import os
import posixpath
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import BinaryIO, NamedTuple
from urllib.parse import quote, unquote, unquote_to_bytes, urlsplit

from auditor.dom.page import ParsedPage, parse_page
from auditor.dom.parser import DEFAULT_LIMITS, PageLimits, PageOverLimit, html_bytes
from auditor.dom.walk import page_base, walk
from auditor.errors import InputError
from auditor.gate.verdict import normalise_path
from auditor.lazy_re import lazy_regex
from auditor.model import RequestType
from auditor.readers import ReadFailure, Record, split_member
from auditor.readers.decode import charset_name, declared_charset, decode_html, encoding_for
from auditor.readers.framing import inner_name
from auditor.readers.gunzip import gunzipped
from auditor.readers.httpbody import link_header_markup, unbrotlied, zstd_unreadable
from auditor.readers.interface import MAX_PAGE_BYTES, Document, PageTooLarge, without_surrogates
from auditor.readers.registry import kind_of, open_input, read_stream, unreadable, walk_dir
from auditor.readers.sniff import HEAD_BYTES, NOT_PAGES, sniff
from auditor.urls import directory_page, resolve

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
SITE_DOCUMENT_SUFFIXES = {".svg": "svg", ".svgz": "svg"}
# An `.svgz` file is a gzipped SVG: servers send it with `Content-Encoding: gzip`
# (Apache's and nginx's stock types map the name so) and browsers render what it
# decompresses to, so it is read decompressed, at most a page's bytes (a gzip bomb is a
# page over its limit: unreadable, a violation, not memory exhausted)
_SVGZ = ".svgz"
# A precompressed copy (`x.html.gz`, what nginx's gzip_static serves for `x.html`;
# `x.html.br`, what brotli_static serves to every browser that sends `Accept-Encoding:
# br`, Chromium included) is what most browsers get: it is audited as the file it
# stands for, at that file's URL, whether or not the plain file beside it agrees.
# Chromium 156 asks https sites for zstd too (`x.html.zst`, zstd_static): no zstd
# decoder ships with Python 3.11, so such a copy is unreadable, never skipped
_GZIP = ".gz"
_BROTLI = ".br"
_ZSTD = (".zst", ".zstd")
# Netlify's and Cloudflare Pages' headers file, at the site's root: a `Link` header it
# sets (`/*` then `  Link: <…>; rel=preload; as=script`) is sent with every page its
# path matches, and Chromium fetches a header's preload as it does the element's. It is
# audited as a document of its own (kind `headers`): the `<link>` each Link value stands
# for, on the value's line, whichever pages its paths match
HEADERS_FILE = "_headers"
_HEADER_LINE = lazy_regex(r"^\s+([A-Za-z0-9-]+)\s*:\s*(.*)$")
# and Apache's per-directory configuration: `Header add Link "</x.js>; rel=preload;
# as=script"` (or `set`, `append`, `merge`, `setifempty`, `always` or not) in a site's
# `.htaccess` sends that Link with every response of its folder, whichever `<Files>` or
# `<If>` section holds it (read whole: the gate fails closed); audited as `_headers` is
HTACCESS_FILE = ".htaccess"
_HTACCESS_LINK = lazy_regex(
    r"""^\s*Header\s+(?:(?:always|onsuccess)\s+)?(?:set|add|append|merge|setifempty)\s+"""
    r"""Link\s+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\S+)""", re.I)


def page_url(base_url: str, path: str) -> str:
    """The URL a page is served at: base URL + path; an index page is its directory.

    >>> page_url("https://example.com", "blog/index.html")
    'https://example.com/blog/'
    >>> page_url("https://example.com/docs/", "a b/p.html")
    'https://example.com/docs/a%20b/p.html'

    A name that is no UTF-8 (`caf\\xe9.html`) is quoted as the bytes it is on disk, as a
    server has them in its URL (quoting it as text raised UnicodeEncodeError):

    >>> page_url("https://example.com", os.fsdecode(b"caf\\xe9.html"))
    'https://example.com/caf%E9.html'
    """
    rel = directory_page(inner_name(normalise_path(path)))
    return base_url.rstrip("/") + "/" + quote(os.fsencode(rel), safe="/")


def path_at(base_url: str, url: str) -> str | None:
    """The path under the site that serves `url` (`page_url`'s inverse, its index page
    for a directory), or None for a URL of another site or outside the base URL's
    path: a page given its URL on the site (`auditor audit - --url …`) is judged there.

    >>> path_at("https://example.com", "https://Example.com:443/blog/./x/../a.html?q#f")
    'blog/a.html'
    >>> path_at("https://example.com/docs/", "https://example.com/docs/a%20b/")
    'a b/index.html'
    >>> path_at("https://example.com/docs", "https://example.com/docsx/a.html") is None
    True
    >>> path_at("https://example.com", "https://example.com.evil.test/a.html") is None
    True

    Both are read as a browser reads them (`resolve`: an IDN host in punycode, `\\` a
    slash), and a path naming bytes that are not UTF-8 is the name a record of that file
    carries (U+FFFD): `--url https://bücher.example/…` under the base URL's own spelling
    was no page of the site (its overrides passed it), `/a%ff.html` an internal error.

    >>> path_at("https://bücher.example", "https://BÜCHER.example./blog\\\\a%ff.html")
    'blog/a\ufffd.html'
    """
    base, given = (urlsplit(resolve(u, None) or u) for u in (base_url, url))
    try:
        ports = (base.port or _PORTS.get(base.scheme), given.port or _PORTS.get(given.scheme))
    except ValueError:
        return None
    if given.hostname != base.hostname or ports[0] != ports[1]:
        return None
    root = _url_path(base.path).rstrip("/") + "/"
    path = _url_path(given.path)
    if path + "/" == root:  # the base URL without its slash
        path = root
    if not path.startswith(root):
        return None
    rel = without_surrogates(path[len(root):])
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def _url_path(raw: str) -> str:
    """A URL's path as a server finds its file: decoded, dot segments resolved, a
    directory's ending in a slash."""
    text = os.fsdecode(unquote_to_bytes(raw))
    path = posixpath.normpath("/" + text.lstrip("/"))
    if text in ("", ".", "..") or text.endswith(("/", "/.", "/..")):
        path = path.rstrip("/") + "/"
    return path


_PORTS = {"http": 80, "https": 443}


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


def place_in_site(folder: Path, site_root: Path | None) -> str | None:
    """Where a folder input lies in the site: its path under `site_root` ("." for the
    root itself), else None. A folder of the site is walked at its place in it (`public/
    blog` gives `blog/post.html`, at its URL), as a file named inside it is: under the
    folder alone, an override for `blog/**` never applied and a baseline never matched."""
    return None if site_root is None else _inside(folder, site_root)


def site_dir(source: str) -> Path | None:
    """The directory an input names (a built site), or None for a file or stdin."""
    path = Path(source)
    return path if source != "-" and path.is_dir() else None


def site_pages(site_dir: Path) -> list[Path]:
    """The HTML files, scripts, style sheets and SVG files under the site (and their
    precompressed copies), and its headers files (`_headers`, `.htaccess`), sorted;
    hidden files and folders (.git) are not served."""
    def served(path: Path) -> bool:
        rel = path.relative_to(site_dir)
        suffix = _served_suffix(path)
        if path.name == HTACCESS_FILE:  # hidden, but it sets what its folder sends
            return not any(part.startswith(".") for part in rel.parts[:-1])
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
    if page.name in (HEADERS_FILE, HTACCESS_FILE):
        with open_input(page, name) as stream:
            text = decode_html(_whole(stream, name), "utf-8")
        markup = headers_markup(text) if page.name == HEADERS_FILE else htaccess_markup(text)
        return [Document(input=name, kind="headers", text=markup, url=url)]
    if page.name.lower().endswith(_ZSTD):
        raise zstd_unreadable(name)
    with open_input(page, name) as stream:
        brotli_copy = page.name.lower().endswith(_BROTLI)  # no magic: named so, it is one
        if brotli_copy:
            stream = io.BytesIO(_unbrotlied(stream, name))
        kind = kind_of(stream, inner_name(name) if brotli_copy else name)
        if kind == "gzip" and page.name.lower().endswith((_GZIP, _SVGZ)):
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


def htaccess_markup(text: str) -> str:
    """An `.htaccess` file as the `<link>` elements its `Header … Link` directives send,
    each on its directive's line (a line continued by a trailing backslash is one
    directive, cited at its first line); every other line empty.

    >>> htaccess_markup('# preload\\nHeader always set Link "</a.js>; rel=preload; as=script"')
    '\\n<link href="/a.js" rel="preload" as="script">'
    """
    lines = text.split("\n")
    at = 0
    while at < len(lines):
        start, directive = at, lines[at]
        while directive.endswith("\\") and at + 1 < len(lines):  # Apache's continuation
            at += 1
            directive, lines[at] = directive[:-1] + " " + lines[at], ""
        link = _HTACCESS_LINK.match(directive)
        value = link.group(1) if link else ""
        if value[:1] in ("'", '"'):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        lines[start] = link_header_markup([value]).replace("\n", " ") if link else ""
        at += 1
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
# script or a style sheet is audited as one, whatever its name (a `.html` file a page
# runs as a script is read as the script it is, besides the page it also is). Read
# from what the walk says the page loads, resolved as the audit resolves it (against
# its `<base href>`): a script's `src` (an SVG script's `href`, one parked for consent,
# one its own code or a frame's document adds), a style sheet, a module preload, a
# script or style preload.
_LOCAL = "https://site.invalid/"
_CODE_TYPES = {RequestType.SCRIPT: "script", RequestType.STYLESHEET: "stylesheet"}
_PRELOADS = ("link[preload]", "Link header link[preload]")


class SiteCode(NamedTuple):
    """How a page loads a site file as code: as which asset, and the charset (its
    standard name) a browser decodes it in when the file has no BOM: a script's
    `charset`, else its page's (None: the page declares none, and the file is read as
    any undeclared bytes are)."""

    asset: str
    charset: str | None


def _site_code(page: ParsedPage, url: str, site_dir: Path, root: str,
               limits: PageLimits = DEFAULT_LIMITS) -> set[tuple[Path, SiteCode]]:
    """The site's files the page (parsed within the audit's `limits`, the tree the audit
    then reads) loads as code, each with how it loads them."""
    found: set[tuple[Path, SiteCode]] = set()
    text = page.text
    try:
        loads = list(islice(walk(page.root, page_base(page.tagged("base"), url), page),
                            limits.urls_read))
        limits.check_urls(len(loads))
    except PageOverLimit:
        return found  # the audit reports the page as over its limit: it fails closed
    page_codec = declared_charset(html_bytes(text[:_PRESCAN_CHARS]))
    page_charset = charset_name(page_codec) if page_codec else None
    origin = _origin(root)
    for load in loads:
        asset = _CODE_TYPES.get(load.type)
        if asset is None or not load.assigned or load.via.endswith("[prefetch]"):
            continue
        if load.via in _PRELOADS and (load.element.get("as") or "").strip().lower() not in (
                "script", "style"):
            continue  # a preload with no `as` runs nothing (as the markup scan had it)
        path = _site_file(load.url, origin, site_dir)
        if path is not None:
            label = load.element.get("charset") if asset == "script" else None
            codec = encoding_for(label, in_page=False)
            found.add((path, SiteCode(asset, charset_name(codec) if codec else page_charset)))
    return found


def _loading_page(text: str, limits: PageLimits) -> ParsedPage | None:
    """The page parsed within `limits`, if its markup can load anything (a `src`, an
    `href`, an `@import`); None for one that cannot, or one over the limits (the audit
    reports it so, and fails closed)."""
    if "src" not in text and "href" not in text and "@import" not in text:
        return None
    try:
        return parse_page(text, limits)
    except PageOverLimit:
        return None


# how far into a page its charset declaration is looked for (Chromium's prescan reads
# the head: a page's first 64 KB hold it whenever it has one)
_PRESCAN_CHARS = 64 * 1024


def _origin(root: str) -> tuple[str, str, str]:
    """The scheme, host and path prefix the site is served at, as the walk resolves URLs."""
    parts = urlsplit(resolve(root, None) or root)
    return parts.scheme, parts.netloc, parts.path.rstrip("/") + "/"


def _site_file(url: str, origin: tuple[str, str, str], site_dir: Path) -> Path | None:
    """The file under the site (served at `origin`) a resolved URL names, if it has one."""
    target = urlsplit(url)
    scheme, netloc, base = origin
    if (target.scheme, target.netloc) != (scheme, netloc) or not target.path.startswith(base):
        return None
    rel = unquote(target.path[len(base):])
    if not rel or any(part in ("", ".", "..") or part.startswith(".")
                      for part in rel.split("/")):
        return None
    path = site_dir / rel
    return path if path.is_file() else None


def _referenced_asset(site_dir: Path, path: Path, code: SiteCode, base_url: str | None
                      ) -> Iterator[Record]:
    """A site file a page loads as code, read as `served_page` reads a `.js` or `.css`
    file (unreadable as one is a failure, as there) in the charset the page gives it;
    binary bytes run nothing."""
    rel = path.relative_to(site_dir).as_posix()
    url = page_url(base_url, rel) if base_url else None
    try:
        with open_input(path, str(path)) as stream:
            data = _whole(stream, str(path))
    except InputError as exc:
        yield ReadFailure(input=str(path), kind=code.asset, error=str(exc))
        return
    if sniff(data[:HEAD_BYTES], path.name) in NOT_PAGES:
        return
    text = _inline(decode_html(data, code.charset), code.asset)
    yield Document(input=str(path), kind=code.asset, text=text, url=url)


def _read_as_walked(path: Path, code: SiteCode) -> bool:
    """Whether the walk's own reading of a site file is the one the page gives it: the
    same kind of code, in the same characters (a `.js` of Shift_JIS bytes that a
    Shift_JIS page loads reads otherwise in our guess, and its full-width hosts with it)."""
    suffix = _served_suffix(path)
    if suffix in SITE_DOCUMENT_SUFFIXES:
        return True  # an image's type is one a script's may not have: Chromium runs none
    if SITE_ASSET_SUFFIXES.get(suffix) != code.asset:
        return False  # a `.html` file run as a script: not read as one yet
    if code.charset is None or _served_suffix(path) != path.suffix.lower():
        return True  # no charset given, or a precompressed copy (read as its own)
    try:
        with open_input(path, str(path)) as stream:
            data = _whole(stream, str(path))
    except InputError:
        return True  # the walk reported it unreadable already
    return decode_html(data) == decode_html(data, code.charset)


def site_records(site_dir: Path, base_url: str | None, limits: PageLimits = DEFAULT_LIMITS
                 ) -> Iterator[Record]:
    """Each page of a built site with its URL, then each file its pages load as code that
    no walk read as that code (found within the audit's `limits`); an unreadable page is
    reported, not fatal."""
    pages = site_pages(site_dir)
    if not pages:
        raise InputError(f"{site_dir}: no HTML pages in this site directory")
    referenced: set[tuple[Path, SiteCode]] = set()  # site files a page loads as code
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
            if isinstance(record, Document) and record.kind in ("html", "svg", "headers"):
                parsed = _loading_page(record.text, limits)
                if parsed is not None:
                    referenced |= _site_code(parsed, url or _LOCAL + rel, site_dir,
                                             base_url or _LOCAL, limits)
                    record = dataclasses.replace(record, parsed=parsed)  # parsed once
            yield record
    walked = set(pages)
    for path, code in sorted(referenced, key=lambda r: (r[0], r[1].asset, r[1].charset or "")):
        if path not in walked or not _read_as_walked(path, code):
            yield from _referenced_asset(site_dir, path, code, base_url)
