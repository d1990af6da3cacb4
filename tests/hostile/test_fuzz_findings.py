"""What the fuzz targets (tests/fuzz) found, each as its smallest reproducer: the hostile
corpus grows with every bug found (docs/SECURITY.md)."""

from __future__ import annotations

import gzip
import io
import itertools
from pathlib import Path

import pytest
from archive_fixtures import (
    good_warc_records,
    member_offsets,
    page,
    response,
    warc_bytes,
    warc_record,
)

from auditor.bulk.plan import identify, plan
from auditor.bulk.shard import EngineSpec, Settings, audit_shard
from auditor.dom.parser import html_bytes, parse_html, parse_html_bytes
from auditor.pipeline import audit
from auditor.readers import Document, read_source
from auditor.readers.lines import read_jsonl_span
from auditor.readers.warc import read_warc
from auditor.rules import Engine, TreeViews

SETTINGS = Settings(EngineSpec(system_lists=False))


def test_a_line_separator_inside_a_json_lines_string_splits_nothing() -> None:
    """JSON strings may hold a raw U+0085, U+2028 or U+2029; `str.splitlines` ends a line
    at each, which cut one page into two failed records in `audit` while `bulk` read it
    whole."""
    for sep in ("\x85", "\u2028", "\u2029"):
        data = ('{"url": "https://s.test/1", "html": "<p>a' + sep + 'b</p>"}\n'
                '{"url": "https://s.test/2", "html": "<p>c</p>"}\n').encode()
        audited = list(read_source(data))
        second = data.index(b"\n") + 1
        streamed = list(read_jsonl_span(io.BytesIO(data), "<bytes>", max_record_bytes=1 << 20))
        assert [type(r) for r in audited] == [Document, Document], (sep, audited)
        assert [r.text for r in audited if isinstance(r, Document)] == [
            r.text for r in streamed if isinstance(r, Document)] == [f"<p>a{sep}b</p>", "<p>c</p>"]
        assert [r.input for r in audited] == [r.input for r in streamed] == [
            "<bytes>#0", f"<bytes>#{second}"]


@pytest.mark.parametrize("value", ["div-gpt-ad-\x01", "div-gpt-ad-\x0b", "div-gpt-ad-\ufffe"])
@pytest.mark.parametrize("attr", ["id", "class"])
def test_a_control_character_in_an_id_or_class_is_no_internal_error(attr: str,
                                                                     value: str) -> None:
    """A cosmetic rule's carriers were sought by one XPath call with the page's id and
    class values as variables; lxml refuses a control character there ("All strings must
    be XML compatible"), so the audit of the page failed. The element is still hidden."""
    engine = Engine.from_text(f'##ins[{attr}^="div-gpt-ad"]\n##div.other\n', name="fuzz")
    page = f'<html><body><ins {attr}="{value}"></ins><p>text</p></body></html>'
    root = parse_html(page)
    [hit] = engine.cosmetic(TreeViews(root, html_bytes(page)), "s.test")
    assert hit.element.get(attr) == value and hit.rule == f'##ins[{attr}^="div-gpt-ad"]'
    assert engine.cosmetic(TreeViews(root), "s.test") == [hit]


@pytest.mark.parametrize("after", [
    "</html>{ad}",
    "</html>\n<!-- cache -->\n<head>{ad}</head>",
    "</html><html><body>{ad}</body></html>",
    "</body></html></html>{ad}</html>",
    "</html>\x0b<head>\x0c</head>{ad}\x01",  # text lxml will not set: U+FFFD
])
def test_markup_after_the_end_of_the_page_is_audited(after: str) -> None:
    """Browsers parse what follows `</html>` into the body and run it; libxml2 put it in a
    second root element no walk reached, so an injected loader there went unseen (its
    slot was found, but not its network)."""
    ad = ('<script src="https://a.magsrv.com/ad-provider.js"></script>'
          '<ins class="eas6a97888e2" data-zoneid="5876674"></ins>')
    page = ("<html><head><title>News</title></head><body><p>Welcome.</p></body>"
            + after.format(ad=ad)).encode()
    [report] = audit(page, engine=Engine.load(system_lists=False)).pages
    assert [r.url for r in report.resources] == ["https://a.magsrv.com/ad-provider.js"]
    assert [(s.network, s.zone_id) for s in report.slots] == [("ExoClick", "5876674")]
    root = parse_html(page.decode())
    assert [e.tag for e in root.iter("script", "ins")] == ["script", "ins"]


@pytest.mark.parametrize("at", [3, 12, 40, -9])  # header flags, deflate data, CRC
def test_a_damaged_first_gzip_member_costs_that_record_only(tmp_path: Path, at: int) -> None:
    """A per-record gzip WARC whose first member (the warcinfo record) does not
    decompress was refused whole ("unreadable gzip"): every page in it lost, in `audit`
    and in `bulk`. It is one failed record; the pages after it are read."""
    data = warc_bytes([response(f"https://s.test/{i}", page(f"Page {i}")) for i in range(3)])
    first_end = member_offsets(data)[1]
    at = at % first_end
    bad = data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1:]
    records = list(read_source(bad))
    assert [type(r).__name__ for r in records] == ["ReadFailure", *["Document"] * 3]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(bad)
    assert identify(path).kind == "warc-gz"  # bulk shards it as per-record gzip


@pytest.mark.parametrize("flag", [0x04, 0x08, 0x10], ids=["FEXTRA", "FNAME", "FCOMMENT"])
def test_a_first_gzip_header_flag_that_swallows_the_file_costs_that_record_only(
        tmp_path: Path, flag: int) -> None:
    """A flag bit set by damage in the first member's header (found by the fuzz target)
    makes zlib read an extra field or a name through the members after it: no error,
    just nothing, so the file was taken for one truncated gzip stream and every page
    lost. It is one failed record; the pages after it are read, in `audit` and `bulk`."""
    data = warc_bytes([response(f"https://s.test/{i}", page(f"Page {i}")) for i in range(3)])
    bad = data[:3] + bytes([data[3] ^ flag]) + data[4:]
    records = list(read_source(bad))
    assert [type(r).__name__ for r in records] == ["ReadFailure", *["Document"] * 3]
    assert [r.input for r in records[1:]] == [f"<bytes>#{o}" for o in member_offsets(data)[1:]]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(bad)
    outcomes = [o for shard in plan([identify(path)], split_bytes=300)
                for o in audit_shard(shard, SETTINGS)]
    assert [o.status for o in outcomes] == ["failed", *["audited"] * 3]


def test_a_damaged_gzip_header_after_the_first_member_costs_that_record_only() -> None:
    """When the member after the first did not start with gzip's magic, the file was
    taken for one gzip stream, which broke there: every record was lost, the first as
    well (warcio reads ahead), as one failed record."""
    data = warc_bytes([response(f"https://s.test/{i}", page(f"Page {i}")) for i in range(4)])
    second = member_offsets(data)[1]
    bad = data[:second] + b"\x1e" + data[second + 1:]
    records = list(read_source(bad))
    assert [type(r).__name__ for r in records] == ["Skipped", "ReadFailure", *["Document"] * 3]
    assert records[1].input == f"<bytes>#{second}"


@pytest.mark.parametrize("junk", [b"\x00" * 512, b"junk\r\n", b"\x1f"],
                         ids=["zero padding", "junk", "a lone 0x1f"])
def test_bytes_after_a_whole_file_gzip_warc_cost_no_record(junk: bytes) -> None:
    """Zero padding or junk after a whole-file gzip WARC made its last record a failed
    one (the error surfaced while warcio read ahead). Padding is nothing; junk is one
    failed record of its own."""
    pages = [response(f"https://s.test/{i}", page(f"Page {i}")) for i in range(3)]
    data = gzip.compress(warc_bytes(pages, compress=False), mtime=0) + junk
    kinds = [type(r).__name__ for r in read_source(data)]
    assert kinds == ["Skipped", *["Document"] * 3, *(["ReadFailure"] if junk.strip(b"\0") else [])]


def _nested_at_the_end() -> tuple[bytes, int, int]:
    """Two good records around a page whose payload ends with a whole WARC record (less
    its closing CRLFs, which the page's own supply); the page's start and its fake's."""
    fake = warc_record("https://benign.example/", "<html><title>benign</title></html>")
    evil = warc_record("https://evil.example/",
                       "<html><p>x</p></html>\r\n" + fake.decode()[:-4])
    recs, _ = good_warc_records(3)
    data = recs[0] + evil + recs[1] + recs[2]
    return data, len(recs[0]), len(recs[0]) + evil.index(b"\r\nWARC/") + 2


def test_a_record_inside_a_payload_is_not_read_again_by_the_next_shard() -> None:
    """Read whole, a page whose payload ends with a WARC record is one record: a record
    that ends cleanly is trusted. Split into byte ranges with a boundary inside that page,
    the next shard started at the record in its payload, which validates, and read it as
    well: bulk audited a page that `audit` does not. A shard now starts where a reader
    from the file's start meets a record, so the page's shard owns its payload."""
    data, page_at, fake_at = _nested_at_the_end()
    whole = [r.input for r in read_warc(io.BytesIO(data), "a")]
    assert len(whole) == 4
    for cut in (page_at + 1, page_at + 30, fake_at - 10, fake_at, fake_at + 1, fake_at + 40,
                len(data) - 20):
        split = [r.input for span in ((0, cut), (cut, None))
                 for r in read_warc(io.BytesIO(data), "a", span=span)]
        assert split == whole, cut
    for step in (7, 50, 111, 300):  # many shards, boundaries anywhere
        cuts = [*range(0, len(data), step), None]
        split = [r.input for lo, hi in itertools.pairwise(cuts)
                 for r in read_warc(io.BytesIO(data), "a", span=(lo, hi))]  # type: ignore[arg-type]
        assert split == whole, step


def test_bulk_reads_a_record_inside_a_payload_once(tmp_path: Path) -> None:
    """End to end: `auditor bulk` with shards of a few bytes counts what `audit` reads."""
    data, _, _ = _nested_at_the_end()
    path = tmp_path / "nested.warc"
    path.write_bytes(data)
    shards = plan([identify(path)], split_bytes=64)
    assert len(shards) > 10
    names = [o.name for shard in shards for o in audit_shard(shard, SETTINGS)]
    assert names == [r.input for r in read_source(path)]


@pytest.mark.parametrize("damage", [b"\x00\x00", b"\x1f\x00", b"\x8b\x1f", b"xx"])
def test_a_damaged_gzip_magic_costs_the_first_record_only(tmp_path: Path,
                                                          damage: bytes) -> None:
    """A per-record gzip WARC whose first two bytes are damaged was sniffed as binary data
    and refused whole. The sniffer finds the next member that inflates to a WARC record:
    the damaged span is one failed record, and every record after it is read, in `audit`
    and in `bulk` (split into shards as a per-record gzip WARC)."""
    data = warc_bytes([response(f"https://s.test/{i}", page(f"Page {i}")) for i in range(3)])
    bad = damage + data[2:]
    records = list(read_source(bad))
    assert [type(r).__name__ for r in records] == ["ReadFailure", *["Document"] * 3]
    assert records[0].input == "<bytes>#0"
    assert [r.input for r in records[1:]] == [f"<bytes>#{o}" for o in member_offsets(data)[1:]]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(bad)
    assert identify(path).kind == "warc-gz"
    outcomes = [o for shard in plan([identify(path)], split_bytes=300)
                for o in audit_shard(shard, SETTINGS)]
    assert [o.status for o in outcomes] == ["failed", *["audited"] * 3]
    assert [o.name for o in outcomes] == [str(path) + r.input[len("<bytes>"):] for r in records]


def test_an_id_after_the_end_of_the_page_meets_its_rule() -> None:
    """libxml2 registers no id of markup after `</html>`. Once that markup was moved into
    the body, the cosmetic pass given the page's bytes still read the ids from the ID
    table, missed `###ad` and credited another rule, which the pass without the bytes
    did not: the two disagreed on the rule that hides the element."""
    engine = Engine.from_text("ads.test##div div\n###ad\nads.test##div\n", name="fuzz")
    page = '<html><head><title>t</title></head><body></body></html><div id="ad">Ad</div>'
    markup = html_bytes(page)
    hits = engine.cosmetic(TreeViews(parse_html_bytes(markup), markup), "ads.test")
    assert [(h.rule, h.line) for h in hits] == [("###ad", 2)]
    assert [(h.rule, h.line) for h in engine.cosmetic(TreeViews(parse_html(page)), "ads.test")] == [
        ("###ad", 2)]
