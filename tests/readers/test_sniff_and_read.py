"""Readers: kinds are sniffed from content, bad input is one clear InputError."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from archive_fixtures import linked_site, page

from auditor.readers import Document, InputError, ReadFailure, read_source, sniff
from auditor.readers.decode import decode_html

WP_POST = {
    "id": 7,
    "link": "https://blog.example/?p=7",
    "title": {"rendered": "Caf&eacute; &#8220;news&#8221;"},
    "content": {"rendered": "<p>Hello</p>"},
}


# a PHP block longer than the 4 KB a kind is judged from
_PHP_HEAD = b"<?php\n$link = db_connect('localhost');\n" + b"$rooms[] = array('B01' => 0);\n" * 160

@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", "a.txt", "html"),
        (b"\xef\xbb\xbf<html><p>bom</p></html>", "", "html"),
        (b"  <div class='x'>fragment</div>", "", "html"),
        (b"<!-- only a comment --><p>x</p>", "", "html"),
        (json.dumps(WP_POST).encode(), "post.html", "json"),
        (b'[{"id": 1}]', "", "json"),
        (
            b'{"url": "https://a.test/", "html": "<p>x</p>"}\n'
            b'{"url": "https://b.test/", "html": ""}\n',
            "",
            "jsonl",
        ),
        (b"Plain words.\nNo markup survives here, < not a tag.\n", "page.html", "text"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "", "warc"),
        (b"\x1f\x8b\x08\x00", "", "gzip"),
        (b"PK\x03\x04rest", "", "zip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.html", "binary"),
        (b"", "", "empty"),
        (b"   \n\t ", "", "empty"),
        # a bracket that opens no JSON: a template, a shortcode, a song's verse
        (b"{% raw %}\n<!DOCTYPE html>\n<html lang='en'><head>", "dashboard.html", "html"),
        (b"{{ title }}\n<div class='post'>", "", "html"),
        (b'[caption id="attachment_7" align="alignright"]A photo[/caption] The mayor said', "",
         "text"),
        (b"[Verse 1]\nWords of a song\n", "lyrics.txt", "text"),
        (b"{'single': 'quotes'}", "broken.json", "json"),  # named JSON: its error is shown
        (b"[1] Smith, J. (2019). A paper.\n[2] Doe, A.\n", "refs.txt", "text"),
        (b"[2019-05-01] Dear diary, today", "", "text"),
        (b"[ ] buy milk\n[x] call mum\n", "", "text"),
        (b"[true story] It began", "", "text"),
        (b"[1, \"" + b"x" * 5000 + b"\"]", "", "json"),  # the head ends inside a string
        (b"[1, 2, 3]", "", "json"),
        (b"[-1.5e3, [2]", "", "json"),  # cut short by the head: JSON all the same
        (b"[1] x", "DUMP.JSON", "json"),
        # a page saved with its PHP, or a template, its code filling the first 4 KB: what
        # the server renders after the code is the page
        pytest.param(_PHP_HEAD + b"?>\n\n<!DOCTYPE html>\n<html><head><title>Rooms</title>",
                     "r.php", "html", id="php-then-page"),
        pytest.param(b"<?php require 'db.php'; ?>\n" + _PHP_HEAD + b"?>\n<div class='list'>", "",
                     "html", id="two-php-blocks-then-markup"),
        pytest.param(b"<% Dim rows %>\n<%@ page x %>\n" + b" " * 4100 + b"<html><body>",
                     "a.asp", "html", id="asp-blocks-then-page"),
        # ...code never closed, code then words, or words before the code are no page
        pytest.param(_PHP_HEAD + b"$done = 1;\n", "lib.php", "text", id="php-unclosed"),
        pytest.param(_PHP_HEAD + b"?>\nRooms free this period: none.\n", "", "text",
                     id="php-then-words"),
        pytest.param(b"Notes on PHP\n" + _PHP_HEAD + b"?>\n<html><body>", "notes.txt", "text",
                     id="words-then-php"),
        pytest.param(b"<?xml version='1.0'?>\n" + b" " * 4100 + b"Plain words.", "", "text",
                     id="xml-declaration-is-no-code"),
    ],
)
def test_sniff_by_content_not_extension(head: bytes, name: str, kind: str) -> None:
    assert sniff(head, name) == kind


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("<p>café</p>".encode(), "<p>café</p>"),
        (
            b'<meta charset="windows-1251"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>',
            '<meta charset="windows-1251"><p>Привет</p>',
        ),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\x93q\x94',
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\u201cq\u201d',
        ),
        (b"\xff\xfe<\x00p\x00>\x00", "<p>"),
        (
            b"<p>caf\xe9 and more plain ascii text to make it mostly legacy</p>",
            "<p>café and more plain ascii text to make it mostly legacy</p>",
        ),
    ],
)
def test_decode_html_charsets(data: bytes, expected: str) -> None:
    assert decode_html(data) == expected


@pytest.mark.parametrize(("data", "host"), [  # what Chromium 156 requested from each page
    (b"<meta charset=utf-8><p>" + b"\xe9" * 10 + b'</p><img src="http://'
     + "\uff4d\uff41\uff47\uff53\uff52\uff56".encode() + b'.example/u.gif">', "magsrv.example"),
    (b"<meta charset=shift_jis><p>\x85\xff\xa0</p><img src=\"http://"
     + "\uff4d\uff41\uff47\uff53\uff52\uff56".encode("cp932") + b'.example/s.gif">',
     "magsrv.example"),
    # the prescan reads past 1,024 bytes while only head elements or text came first
    (b"<title>" + b"x" * 5000 + b'</title><meta charset=koi8-r><img src="http://\xc1ds.example/">',
     "xn--ds-6kc.example"),
    (b"<style>p{}" + b"<p>" * 2000 + b'</style><meta charset=koi8-r><img src="http://\xc1ds.x/">',
     "xn--ds-6kc.x"),
], ids=["utf-8-bad-bytes", "shift-jis-bad-bytes", "meta-after-long-title", "meta-after-long-style"])
def test_a_declared_charset_holds_as_chromium_holds_it(data: bytes, host: str) -> None:
    """A page's declared charset decodes it whatever bad bytes it holds: the decoder fell
    back to detection at the first one, and a full-width host Chromium requested was
    lost to a gate denying it."""
    from auditor.dom.page import parse_page
    from auditor.dom.walk import walk
    from auditor.urls import host_of

    page = parse_page(decode_html(data))
    assert [host_of(f.url) for f in walk(page.root, "http://site.test/", page)] == [host]


def test_the_prescan_stops_at_a_body_element_past_1024_bytes() -> None:
    """Chromium did not read this meta (it guessed the page's charset instead)."""
    from auditor.readers.decode import declared_charset

    assert declared_charset(b"<div>" + b"x" * 1100 + b"<meta charset=koi8-r>") is None
    assert declared_charset(b"<div>" + b"x" * 900 + b"<meta charset=koi8-r>") == "koi8-r"


_FULL_WIDTH = "\uff4d\uff41\uff47\uff53\uff52\uff56"  # ｍａｇｓｒｖ: magsrv once mapped


@pytest.mark.parametrize(("data", "host"), [
    # `content` names a charset only beside http-equiv="content-type": Chromium 156 read
    # this page as the later meta's UTF-8
    (b'<meta name="description" content="charset=shift_jis"><meta charset="utf-8">'
     b'<img src="http://' + _FULL_WIDTH.encode() + b'.example/u.gif">', "magsrv.example"),
    (b'<meta content="text/html; charset=shift_jis" http-equiv="Content-Type">'
     b'<img src="http://' + _FULL_WIDTH.encode("cp932") + b'.example/s.gif">', "magsrv.example"),
    # a quoted `>` does not end the tag, and `<noscript>`'s metas count (Shift_JIS both)
    (b'<meta name="x>" charset="shift_jis"><img src="http://'
     + _FULL_WIDTH.encode("cp932") + b'.example/s.gif">', "magsrv.example"),
    (b'<noscript><meta charset="shift_jis"></noscript><img src="http://'
     + _FULL_WIDTH.encode("cp932") + b'.example/s.gif">', "magsrv.example"),
    # a label no encoding has is passed over, and the next meta read
    (b'<meta charset="bogus"><meta charset="shift_jis"><img src="http://'
     + _FULL_WIDTH.encode("cp932") + b'.example/s.gif">', "magsrv.example"),
], ids=["content-without-pragma", "content-with-pragma", "quoted-gt", "in-noscript",
        "unknown-label"])
def test_the_prescan_reads_a_meta_as_chromium_reads_it(data: bytes, host: str) -> None:
    """Each page's charset is the one Chromium 156 chose for it (`document.characterSet`),
    so the full-width host it requested is the one the walk finds: a decoy `content`
    made the decoder read a UTF-8 page as Shift_JIS, its bad bytes replaced, and a gate
    denying the host passed."""
    from auditor.dom.page import parse_page
    from auditor.dom.walk import walk
    from auditor.urls import host_of

    page = parse_page(decode_html(data))
    assert [host_of(f.url) for f in walk(page.root, "http://site.test/", page)] == [host]


def test_decode_never_raises_on_bad_bytes() -> None:
    text = decode_html(b'<meta charset="utf-8"><p>ok \xff\xfe\xfa</p>' + b"x" * 500)
    assert text.startswith('<meta charset="utf-8"><p>ok')


def test_wordpress_post(tmp_path: Path) -> None:
    path = tmp_path / "post.json"
    path.write_text(json.dumps(WP_POST))
    (doc,) = list(read_source(path))
    assert isinstance(doc, Document)
    assert (doc.kind, doc.url, doc.title, doc.post_id) == (
        "wp-json",
        "https://blog.example/?p=7",
        "Café \u201cnews\u201d",
        7,
    )
    assert doc.in_post_body and doc.text == "<p>Hello</p>"


def test_wordpress_post_list_keeps_ids_and_reports_bad_items(tmp_path: Path) -> None:
    path = tmp_path / "posts"
    path.write_text(json.dumps([WP_POST, {**WP_POST, "id": 8}, {"id": 9}]))
    records = list(read_source(path))
    assert [r.input for r in records] == [
        f"{path}#post-7",
        f"{path}#post-8",
        f"{path}#2",
    ]  # not a post: by index
    assert isinstance(records[2], ReadFailure)
    assert "neither a WordPress post" in records[2].error


def test_jsonl_bad_line_is_a_failed_record(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(
        '{"url": "https://a.test/", "html": "<p>a</p>"}\n{broken\n'
        '{"url": "https://b.test/", "html": "<p>b</p>"}\n'
    )
    records = list(read_source(path))
    assert [type(r).__name__ for r in records] == ["Document", "ReadFailure", "Document"]
    # named by the byte offset where the line starts, as bulk names it
    assert [r.input for r in records] == [f"{path}#0", f"{path}#47", f"{path}#55"]


def test_plain_text_is_not_markup(tmp_path: Path) -> None:
    path = tmp_path / "scrape.html"  # extension lies; content decides
    path.write_text("A headline\n\nSome words of an article, nothing more.\n")
    (doc,) = list(read_source(path, url="https://farm.example/x"))
    assert isinstance(doc, Document)
    assert doc.kind == "text" and not doc.markup and doc.url == "https://farm.example/x"


@pytest.mark.parametrize(("text", "name", "kind"), [
    # a scrape's prose quoting a tag writes about it; the markup did not survive
    ("Superfish report\n\nThe adware injected <script src=\"http://sf.test/sf_main.jsp\">"
     "</script> into every page.\n", "report.txt", "text"),
    # ...and so does one quoting the tag alone on its line between its paragraphs
    ("Superfish report\n\nThe adware adds this line to every page it touches:\n\n"
     "<script src=\"http://sf.test/sf_main.jsp\"></script>\n\nRemove the program and the "
     "line goes.\n", "report.txt", "text"),
    ("Kit notes\nIt hides a frame so:\n<iframe src=\"https://k.test/f\" width=0></iframe>\n"
     "<!-- injected -->\nThen it waits.\nThen it loads.\n", "notes.txt", "text"),
    # ...a tag opening a line with no more prose than tags, an element running past its
    # line (a document's nesting) or a document's frame is markup, as is a source saved as
    # .txt or named otherwise
    ("Superfish report\n<script src=\"http://sf.test/sf_main.jsp\"></script>\n",
     "report.txt", "html"),
    ("Article\nIt opens so.\nAnd goes on.\n<div class=\"ad\">\n<script src=\"https://k.test/a"
     ".js\"></script>\n</div>\n", "page.txt", "html"),
    ("Article\nIt opens so.\nAnd goes on.\n<body><script src=\"https://k.test/a.js\"></script>"
     "</body>\n", "page.txt", "html"),
    ("<p>Article</p>\n", "page.txt", "html"),
    ("It injected <script src=\"http://sf.test/a.js\"></script> here.\n", "page.html", "html"),
])
def test_a_tag_quoted_in_a_text_scrapes_prose_is_text(tmp_path: Path, text: str, name: str,
                                                      kind: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    (doc,) = list(read_source(path))
    assert isinstance(doc, Document) and doc.kind == kind


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"<p>from stdin</p>"))
    monkeypatch.setattr("sys.stdin", fake)
    (doc,) = list(read_source("-", url="https://s.test/"))
    assert isinstance(doc, Document)
    assert doc.input == "<stdin>" and doc.url == "https://s.test/" and doc.kind == "html"


def test_bytes_input() -> None:
    (doc,) = list(read_source(b"<html><title>t</title></html>"))
    assert isinstance(doc, Document) and doc.kind == "html"


def test_directory_walked_recursively_skipping_assets(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<p>1</p>")
    (tmp_path / "a" / "b" / "post.htm").write_text("<p>2</p>")
    (tmp_path / "a" / "style.css").write_text("body{}")
    (tmp_path / "a" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (tmp_path / ".hidden.html").write_text("<p>no</p>")
    names = [r.input for r in read_source(tmp_path)]
    assert names == [str(tmp_path / "a" / "b" / "post.htm"), str(tmp_path / "index.html")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary data"),
        (b"", "empty input"),
        (b'{"id": 1, "content": ', "invalid JSON"),
        (b'{"id": 1}', "neither a WordPress post"),
        (b"[]", "empty JSON list"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        list(read_source(path))
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_source("/nonexistent/page.html"))


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_pages(codec: str) -> None:
    """Wide encodings are pages, not binary data; their own `<meta charset>` no longer
    applies once the bytes are re-encoded, so it does not garble the text."""
    html = ('<html><head><meta charset="utf-16"><title>Grüße</title></head>'
            '<body><p>Zeitung</p></body></html>')
    bom = {"utf-16-be": b"\xfe\xff"}.get(codec, b"")
    (doc,) = read_source(bom + html.encode(codec))
    assert isinstance(doc, Document) and doc.kind == "html"
    assert "<title>Grüße</title>" in doc.text
    (post,) = read_source(json.dumps({"id": 7, "content": {"rendered": "<p>Grüße</p>"}})
                          .encode("utf-16"))
    assert isinstance(post, Document) and "Grüße" in post.text


def test_wide_text_cut_inside_a_character_is_unreadable(tmp_path: Path) -> None:
    """UTF-16 ending in half a character is a file cut short (or no UTF-16): read, it was
    a page of U+FFFD a gate passed. Alone, gzipped, it is the input's error; in a zip, a
    failed member; whole, with its last character, it is read."""
    page = "<p>Grüße</p>".encode("utf-16")
    with pytest.raises(InputError, match="ends in part of a character"):
        list(read_source(page + b"<"))
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(page[:-1]))
    with pytest.raises(InputError, match=r"page\.html\.gz: cannot read: UTF-16"):
        list(read_source(gz))
    held = tmp_path / "pages.zip"
    with zipfile.ZipFile(held, "w") as archive:
        archive.writestr("cut.html", page[:-1])
        archive.writestr("whole.html", page)
    read, failed = sorted(read_source(held), key=lambda record: type(record).__name__)
    assert isinstance(failed, ReadFailure) and "cut.html: cannot read" in failed.error
    assert isinstance(read, Document) and "Grüße" in read.text


@pytest.mark.parametrize("pad", ["", " "])
def test_a_utf32_mark_is_read_as_a_browser_reads_it(pad: str) -> None:
    """Browsers know no UTF-32 (the Encoding Standard's BOMs are UTF-8's and UTF-16's):
    FF FE 00 00 opening UTF-16 text is UTF-16's mark and a U+0000, and 00 00 FE FF before
    ASCII markup is no mark at all. Read as UTF-32 they were a page of U+FFFD that passed
    a gate, or (by length) a 'cannot read' a browser shows fine; a real UTF-32 page, all
    of whose characters it holds, is still read as UTF-32."""
    html = f'<p>Zeitung</p><script src="https://ads.invalid/pop.js"></script>{pad}'
    for data in (b"\xff\xfe" + ("\x00" + html).encode("utf-16-le"),
                 b"\x00\x00\xfe\xff" + html.encode()):
        (doc,) = read_source(data)
        assert isinstance(doc, Document) and "ads.invalid/pop.js" in doc.text
    (doc,) = read_source(html.encode("utf-32"))
    assert isinstance(doc, Document) and "ads.invalid/pop.js" in doc.text


def test_json_nested_too_deeply_is_a_bad_input_not_a_crash(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 50_000 + "]" * 50_000)
    with pytest.raises(InputError, match="nested too deeply"):
        list(read_source(deep))
    lines = tmp_path / "feed.jsonl"  # a .jsonl file is JSON lines whatever its 2nd line is
    lines.write_text(json.dumps({"url": "https://a.test/", "html": "<p>x</p>"}) + "\n"
                     + "[" * 50_000 + "]" * 50_000 + "\n")
    first, second = read_source(lines)
    assert isinstance(first, Document) and first.url == "https://a.test/"
    assert isinstance(second, ReadFailure) and "nested too deeply" in second.error


def test_a_directory_follows_symlinked_folders_once_and_reports_what_it_cannot_read(
        tmp_path: Path) -> None:
    """A symlinked folder was not walked (its pages went unaudited) and a dangling link,
    a symlink loop or a FIFO in a folder was dropped without a word. Now each folder is
    walked once whatever links lead to it (a link to an ancestor ends the walk there),
    and each entry that cannot be read is one failure, found without opening it."""
    site = linked_site(tmp_path, page("Post", exo_zone="5876674"))
    records = list(read_source(site))
    by_name = {Path(r.input).relative_to(site).as_posix(): r for r in records}
    assert sorted(by_name) == ["blog/a.html", "gone.html", "index.html", "l1.html", "l2.html",
                               "pipe.html"]
    assert isinstance(by_name["blog/a.html"], Document) and isinstance(by_name["index.html"],
                                                                       Document)
    errors = {name: r.error for name, r in by_name.items() if isinstance(r, ReadFailure)}
    assert "dangling symlink" in errors["gone.html"]
    assert "symlink loop" in errors["l1.html"] and "symlink loop" in errors["l2.html"]
    assert "not a regular file" in errors["pipe.html"]


def test_a_brotli_page_is_read_in_a_directory_walk(tmp_path: Path) -> None:
    """`x.html.br` (brotli_static's copy) is read as the page it holds wherever a walk
    meets it, as `x.html.gz` is; one that does not decompress is a failed record, not a
    skipped file (brotli has no magic number: only its name says what it is)."""
    brotli = pytest.importorskip("brotli")
    (tmp_path / "post.html.br").write_bytes(brotli.compress(b"<p>x</p>"))
    (tmp_path / "bad.html.br").write_bytes(b"<p>not brotli</p>")
    records = {Path(r.input).name: r for r in read_source(tmp_path)}
    assert isinstance(records["post.html.br"], Document)
    assert records["post.html.br"].text == "<p>x</p>"
    bad = records["bad.html.br"]
    assert isinstance(bad, ReadFailure) and "unreadable brotli" in bad.error


def test_a_zstd_input_is_unreadable_wherever_it_is_met(tmp_path: Path) -> None:
    """No zstd decoder ships with Python 3.11: a `.zst` copy a walk meets (by its name or
    its frame's magic bytes) is a failed record saying so. A walk passed over it, and a
    gate run without a base URL then passed a page Chromium reads from zstd_static."""
    (tmp_path / "post.html.zst").write_bytes(b"\x28\xb5\x2f\xfd anything")
    (tmp_path / "crawl.warc.zst").write_bytes(b"not even zstd")
    (tmp_path / "good.html").write_text("<p>x</p>")
    records = {Path(r.input).name: r for r in read_source(tmp_path)}
    assert isinstance(records["good.html"], Document)
    for name in ("post.html.zst", "crawl.warc.zst"):
        failed = records[name]
        assert isinstance(failed, ReadFailure), name
        assert "zstd-compressed, which this version cannot decompress" in failed.error
    with pytest.raises(InputError, match="zstd-compressed"):
        list(read_source(b"\x28\xb5\x2f\xfd" + b"\0" * 40))  # named nothing: by its magic


def test_text_that_opens_with_zstds_magic_is_read_as_what_it_is(tmp_path: Path) -> None:
    """Latin-1 text can open with the bytes of zstd's magic (`(µ/ý`): a walk called such
    a page unreadable, and failed a gate on it. A frame goes on as a frame does (a block
    of at most 128 KiB after its header); the text's block would be 256 KiB or more. The
    frame below is what `zstd -c` wrote for a page: still unreadable, named or not."""
    (tmp_path / "de.html").write_bytes(
        "(µ/ý - so beginnt die Seite\n<html><body><p>Grüße</p></body></html>".encode("latin-1"))
    (tmp_path / "packed.html").write_bytes(
        b"(\xb5/\xfd\x04X\xe1\x00\x00<!doctype html><p>hello</p>\n\x1f\x05:j")
    records = {Path(r.input).name: r for r in read_source(tmp_path)}
    page = records["de.html"]
    assert isinstance(page, Document) and "<p>Grüße</p>" in page.text
    packed = records["packed.html"]
    assert isinstance(packed, ReadFailure) and "zstd-compressed" in packed.error


def test_a_walk_reads_compressed_copies_of_pages_only(tmp_path: Path) -> None:
    """A build's precompressed assets (`font.woff2.br`, `app.js.gz`, `style.css.zst`) are
    no pages: a walk that read them failed a gate run on a font's binary bytes. Copies
    of pages and archives are read (or are unreadable, for zstd), as before."""
    brotli = pytest.importorskip("brotli")
    for name in ("font.woff2.br", "post.html.br"):
        (tmp_path / name).write_bytes(brotli.compress(b"<p>x</p>" if "html" in name
                                                      else b"wOF2\0\1\0\0" + bytes(64)))
    (tmp_path / "app.js.gz").write_bytes(gzip.compress(b"var a = 1;"))
    (tmp_path / "style.css.zst").write_bytes(b"\x28\xb5\x2f\xfd css")
    (tmp_path / "post.html.zst").write_bytes(b"\x28\xb5\x2f\xfd page")
    read = {Path(r.input).name: type(r).__name__ for r in read_source(tmp_path)}
    assert read == {"post.html.br": "Document", "post.html.zst": "ReadFailure"}


# a `.warc.zst` as the WARC zstd extension writes one: a skippable frame (magic
# 0x184D2A5D) holding the dictionary, then each record's zstd frame
_DICTIONARY_WARC_ZST = (b"\x5d\x2a\x4d\x18" + (8).to_bytes(4, "little") + b"\x37\xa4\x30\xec"
                        + bytes(4) + b"\x28\xb5\x2f\xfd" + bytes(16))


def test_a_zstd_warc_with_its_dictionary_is_unreadable_by_its_bytes(tmp_path: Path) -> None:
    """A zstd WARC opens with its dictionary's skippable frame, not a zstd frame: named
    nothing (stdin, an archive's member without a suffix) it was binary data, and a
    member of a tar was passed over as skipped, saying nothing of the crawl it holds."""
    import tarfile

    with pytest.raises(InputError, match="zstd-compressed"):
        list(read_source(_DICTIONARY_WARC_ZST))
    with tarfile.open(tmp_path / "crawls.tar", "w") as tar:
        info = tarfile.TarInfo("crawl-00001")
        info.size = len(_DICTIONARY_WARC_ZST)
        tar.addfile(info, io.BytesIO(_DICTIONARY_WARC_ZST))
    (record,) = read_source(tmp_path / "crawls.tar")
    assert isinstance(record, ReadFailure) and "zstd-compressed" in record.error


def test_a_walk_reads_every_page_suffix_site_mode_reads(tmp_path: Path) -> None:
    """Site mode walks `.xht` pages; a walk without a base URL passed over them, so a gate
    run over the same directory without `base_url` audited fewer pages."""
    from auditor.gate.site import SITE_PAGE_SUFFIXES

    for suffix in SITE_PAGE_SUFFIXES:
        (tmp_path / f"page{suffix}").write_text("<p>x</p>")
    read = {Path(r.input).suffix for r in read_source(tmp_path) if isinstance(r, Document)}
    assert read == set(SITE_PAGE_SUFFIXES)


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 10_000])
@pytest.mark.parametrize("limit", [1, 4096, 4097, 1 << 20])
@pytest.mark.parametrize("at", [0, 3])
@pytest.mark.parametrize("says", [None, 0, 100])
def test_read_up_to_reads_as_one_read_of_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, limit: int, at: int,
        says: int | None) -> None:
    """The same bytes as `stream.read(limit)` from where the stream is: a file by its size
    first, one whose size says less than it holds (`says`: a `/proc` file's 0, a file
    still written) read on to the limit, an in-memory stream by one read."""
    from auditor.readers import registry

    data = bytes(range(256)) * (size // 256 + 1)
    path = tmp_path / "p.html"
    path.write_bytes(data[:size])
    if says is not None:
        real = registry.os.fstat

        def fstat(fd: int) -> object:
            status = real(fd)
            return type("Status", (), {"st_size": says, "st_mode": status.st_mode})()

        monkeypatch.setattr(registry.os, "fstat", fstat)
    with path.open("rb") as stream:
        stream.seek(at)
        assert registry.read_up_to(stream, limit) == data[:size][at:at + limit]
    memory = io.BytesIO(data[:size])
    memory.seek(at)
    assert registry.read_up_to(memory, limit) == data[:size][at:at + limit]
