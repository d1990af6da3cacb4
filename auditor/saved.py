"""Pages a browser saved with "Save Page As…" ("Webpage, Complete"): what the copy says of
the original.

Internet Explorer, Edge and Chrome write the mark of the web at the top of the copy,
`<!-- saved from url=(0044)https://www.example.com/2026/12/story.html -->`, the page's URL
after its length in four or more digits (Chrome: `"<!-- saved from url=(%04d)%s -->"`): the
URL the page was loaded from, as a WARC record's target URI is. The copy keeps the files the
page loaded in a folder beside it, `./<title>_files/<name>`, the original URL lost; Chrome
appends `.download` to a script's name (`gpt.js` → `pubads_impl.js.download`), in the
browser's language (`gtm.js.descarga`, `.descargar`, `.téléchargement`, `.transferir`,
`.tải xuống`), and a name met twice becomes `name(1).ext` (`js(1).download`). Only the
name is left to say whose a file was, so the catalogue's `self_hosted` names are asked of
it (`saved_file_name`).
"""

from __future__ import annotations

import re

from auditor.lazy_re import lazy_regex
from auditor.urls import absolute_url

# where a browser writes the mark: before the page's markup (after a doctype, a BOM); a
# mark further on, or after a script opens, is text some page wrote, not the browser
_MARK_REACH = 2048
# (a URL's path keeps `'`, as Wikipedia's /wiki/Ender's_Game; `"`, `<`, `>` and blanks are
# escaped in every URL a browser writes)
_MARK = lazy_regex(r"<!--\s*saved from url=\((\d{4,6})\)([^\s<>\"]{1,99999}?)\s*-->", re.I)
# `<title>_files/name`, the folder a browser saves a page's files to, flat: one name in it.
# A browser writes neither a `\` nor a `:` in the title or the name (it replaces them), and
# reads a `\` as `/`: `\\evil.test\x_files/wombat.js` is another host's file
_SAVED_FILE = lazy_regex(r"(?:^|/)[^/\\:]+_files/([^/?#\\:]+)$")
_COPY_NUMBER = lazy_regex(r"\(\d{1,4}\)(?=\.[^.]*$|$)")  # `gpt(1).js`, `js(1)`
# the word a browser appends after a script's or sheet's own extension, in its language:
# one more part with no dot (`gtm.js.descarga`); `.download` is also appended to a bare name
_APPENDED_WORD = lazy_regex(r"(\.(?:js|css))\.[^.]+$")


def saved_from_url(text: str) -> str | None:
    """The URL a browser's mark of the web at the top of the page names, when it is an
    http(s) URL of the length the mark gives (`about:internet`, a developer's way to run a
    local file in the Internet zone, names no page).

    >>> saved_from_url('<!DOCTYPE html>\\n<!-- saved from url=(0024)https://news.example/a/b -->')
    'https://news.example/a/b'
    >>> saved_from_url('<!-- saved from url=(0014)about:internet -->') is None
    True
    >>> saved_from_url('<!-- saved from url=(0099)https://news.example/a/b -->') is None
    True
    """
    head = text[:_MARK_REACH]
    if "saved from url" not in head.lower():
        return None
    m = _MARK.search(head)
    if m is None or "<script" in head[:m.start()].lower() or int(m.group(1)) != len(m.group(2)):
        return None
    return absolute_url(m.group(2))


def saved_file_name(path: str) -> str | None:
    """The name a file had when the page loaded it, for a file a browser saved beside the
    page (`…/<title>_files/<name>`: `.download` and a copy number taken off), else None.

    >>> saved_file_name("/2026/Story_files/pubads_impl.js.download")
    'pubads_impl.js'
    >>> saved_file_name("Story_files/gtm(1).js"), saved_file_name("Story_files/js(1).download")
    ('gtm.js', 'js')
    >>> saved_file_name("./index_files/gtm.js.descarga"), saved_file_name("x_files/a.css.baixar")
    ('gtm.js', 'a.css')
    >>> saved_file_name("/tl_files/site/js/behaviours.js") is None
    True
    >>> saved_file_name("javascript:x_files/wombat.js") is None
    True
    """
    m = _SAVED_FILE.search(path)
    if m is None:
        return None
    name = _APPENDED_WORD.sub(r"\1", m.group(1).lower().removesuffix(".download"), count=1)
    return _COPY_NUMBER.sub("", name, count=1) or None


__all__ = ["saved_file_name", "saved_from_url"]
