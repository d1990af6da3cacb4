"""Fuzz the readers: sniffing, and reading any bytes as an input of every kind (HTML,
JSON/WordPress, JSON Lines, WARC, gzip, tar, zip, WACZ), valid or damaged.

A reader either yields records (a page, a skip, a failed record) or refuses the whole
input with one InputError; nothing else may escape it. A valid input gives every page
once; a cut one keeps every record that ends before the cut; bulk's byte-range shards
give the records of the whole file, once each, and their counts add up.
"""

from __future__ import annotations

import io
import struct
import tarfile
import tempfile
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from auditor.bulk.plan import identify, plan
from auditor.bulk.shard import AUDITED, FAILED, SKIPPED, EngineSpec, Settings, audit_shard
from auditor.readers import Document, InputError, ReadFailure, Record, Skipped, read_source, sniff
from auditor.readers.lines import read_jsonl_span
from auditor.readers.registry import read_stream
from auditor.readers.sniff import HEAD_BYTES
from fuzz.budget import fuzz
from fuzz.strategies import (
    Container,
    container,
    damaged,
    jsonl_container,
    jsonl_lines,
    near_input,
    tar_container,
    warc_container,
    wp_json,
    zip_container,
)

KINDS = {"gzip", "warc", "arc", "zip", "tar", "empty", "binary", "json", "jsonl", "html", "text"}
RECORD_TYPES = (Document, ReadFailure, Skipped)
any_bytes = st.one_of(st.binary(max_size=800), near_input())


def read(data: bytes) -> list[Record] | None:
    """Every record `read_source` gives, or None when it refuses the input, which it may
    do only with an InputError of one line naming the input."""
    try:
        records = list(read_source(data))
    except InputError as exc:
        assert str(exc).startswith("<bytes>") and "\n" not in str(exc), str(exc)
        return None
    assert all(isinstance(r, RECORD_TYPES) for r in records), records
    for r in records:
        assert r.input.startswith("<bytes>"), r
        if isinstance(r, ReadFailure):
            assert r.error and "\n" not in r.error, r.error  # one line, for every reporter
    return records


def read_container(kind: str, data: bytes) -> list[Record]:
    """Every record of an archive of `kind`; a gzip is whatever it holds."""
    return list(read_stream(io.BytesIO(data), "a", kind=None if kind == "gzip" else kind))


def tally(records: list[Record]) -> tuple[int, int, int]:
    """(pages, skipped, failed)"""
    return (sum(isinstance(r, Document) for r in records),
            sum(isinstance(r, Skipped) for r in records),
            sum(isinstance(r, ReadFailure) for r in records))


@fuzz(150)
@given(data=any_bytes, name=st.sampled_from(["", "x.jsonl", "x.ndjson", "p.html", "a.warc",
                                             "a.tar.gz"]))
def test_sniffing_names_a_kind(data: bytes, name: str) -> None:
    assert sniff(data[:HEAD_BYTES], name) in KINDS


@fuzz(200)
@given(data=any_bytes)
def test_any_bytes_are_records_or_one_input_error(data: bytes) -> None:
    read(data)


@fuzz(60)
@given(c=container)
def test_a_valid_input_gives_every_page_once(c: Container) -> None:
    records = read(c.data)
    assert records is not None, c.kind
    assert tally(records) == (c.pages, c.skipped, 0), (c.kind, records)
    if c.kind.startswith("warc"):
        assert len({r.input for r in records}) == len(records)


@fuzz(80)
@given(c=container, data=st.data())
def test_a_damaged_input_is_records_or_one_input_error(c: Container, data: st.DataObject) -> None:
    """Whatever the damage, the reader's answer is clean, and no WARC record is read
    twice."""
    bad = data.draw(damaged(c.data), label="damaged")
    records = read(bad)
    if records is not None and c.kind.startswith("warc"):
        names = [r.input for r in records]
        assert len(names) == len(set(names)), f"a record read twice: {names}"


def _plain_prefix(data: bytes, cut: int, compressed: bool) -> int:
    """How many bytes of the uncompressed input survive a cut at `cut`."""
    if not compressed:
        return cut
    d = zlib.decompressobj(31)
    return len(d.decompress(data[:cut]))


@fuzz(60)
@given(c=st.one_of(warc_container(), tar_container()), data=st.data())
def test_a_cut_archive_keeps_every_record_before_the_cut(c: Container,
                                                         data: st.DataObject) -> None:
    """Records are read in order as the bytes arrive: cutting the file loses only the
    record the cut falls in, and those after it."""
    kind = {"warc/plain": "warc", "tar/w": "tar"}.get(c.kind, "gzip")
    cut = data.draw(st.integers(0, len(c.data)), label="cut")
    whole = list(read_container(kind, c.data))
    ends = _record_ends(c, whole)
    survives = _plain_prefix(c.data, cut, compressed=c.kind in ("warc/whole-gzip", "tar/w:gz"))
    if c.kind == "warc/per-record-gzip":
        survives = cut  # records are named by their compressed offsets
    try:
        cut_records = list(read_container(kind, c.data[:cut]))
    except InputError:
        cut_records = []  # the whole input refused: only a cut inside its first record
    kept = {r.input: r for r in cut_records}
    for record, end in zip(whole, ends, strict=True):
        if end <= survives:
            again = kept.get(record.input)
            assert again == record, (c.kind, cut, record.input, again)


def _record_ends(c: Container, records: list[Record]) -> list[int]:
    """Where each record ends: the next record's offset (WARC), or its member's data end
    (tar) in the uncompressed stream."""
    if c.kind.startswith("warc"):
        offsets = [int(r.input.rsplit("#", 1)[1]) for r in records]
        total = (len(c.data) if c.kind != "warc/whole-gzip"
                 else len(zlib.decompress(c.data, 31)))
        return [*offsets[1:], total]
    ends: dict[str, int] = {}
    with tarfile.open(fileobj=io.BytesIO(c.data)) as t:
        for info in t:
            ends[info.name] = info.offset_data + info.size
    return [ends[r.input.split("#", 2)[1]] for r in records]


def _spans(c: Container, data: bytes, records: list[Record]) -> list[tuple[int, int, str]]:
    """(start, end, key) for each unit of `data` records are read from: a WARC record after
    its header block, or a whole per-record gzip member; a tar or zip member's data. Its
    records are named `key` or `key#…`."""
    if c.kind.startswith("warc"):
        offsets = [int(r.input.rsplit("#", 1)[1]) for r in records]
        ends = [*offsets[1:], len(data)]
        if c.kind == "warc/plain":  # a flip in a header may be a Content-Length lie
            return [(data.index(b"\r\n\r\n", o) + 4, e, f"a#{o}") for o, e in zip(offsets, ends,
                                                                                   strict=True)]
        # not the file's gzip magic: without it the file is binary to the sniffer, refused
        # whole (docs/SECURITY.md, "Not done yet")
        return [(max(o, 2), e, f"a#{o}") for o, e in zip(offsets, ends, strict=True)]
    if c.kind == "tar/w":
        with tarfile.open(fileobj=io.BytesIO(data)) as t:
            return [(i.offset_data, i.offset_data + i.size, f"a#{i.name}") for i in t]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        out = []
        for i in z.infolist():
            name_len, extra_len = struct.unpack("<HH", data[i.header_offset + 26:
                                                             i.header_offset + 30])
            start = i.header_offset + 30 + name_len + extra_len
            out.append((start, start + i.compress_size, f"a#{i.filename}"))
        return out


_FLIPPABLE = {"warc/plain": "warc", "warc/per-record-gzip": "gzip", "tar/w": "tar", "zip": "zip"}


@fuzz(50)
@given(c=st.one_of(warc_container(("plain", "per-record-gzip")), tar_container(("w",)),
                   zip_container()), data=st.data())
def test_a_damaged_record_costs_that_record_only(c: Container, data: st.DataObject) -> None:
    """A byte flipped inside one record's bytes (a WARC record's body, a gzip member, a
    tar or zip member's data) leaves every other record as it was."""
    kind = _FLIPPABLE[c.kind]
    whole = list(read_container(kind, c.data))
    spans = [s for s in _spans(c, c.data, whole) if s[1] > s[0]]
    assume(spans)  # not only empty members
    start, end, key = data.draw(st.sampled_from(spans), label="record")
    at = data.draw(st.integers(start, end - 1), label="at")
    bad = c.data[:at] + bytes([c.data[at] ^ data.draw(st.integers(1, 255))]) + c.data[at + 1:]
    try:
        again = {r.input: r for r in read_container(kind, bad)}
    except InputError:
        again = {}
    for record in whole:
        if record.input != key and not record.input.startswith(key + "#"):
            assert again.get(record.input) == record, (c.kind, key, at, record.input)


@fuzz(60)
@given(lines=jsonl_lines())
def test_json_lines_are_one_record_a_line_in_audit_and_bulk(lines: list[bytes]) -> None:
    """A line ends at \\n only: a raw U+2028 or U+0085 inside a JSON string (valid JSON)
    splits nothing, and `audit` (read at once) and `bulk` (streamed) agree."""
    data = b"\n".join(lines) + b"\n"
    at_once = list(read_stream(io.BytesIO(data), "a.jsonl"))
    streamed = list(read_jsonl_span(io.BytesIO(data), "a.jsonl", max_record_bytes=1 << 20))
    assert len(at_once) == len(streamed) == len(lines)
    assert [type(r) for r in at_once] == [type(r) for r in streamed]
    assert [r.input for r in at_once] == [r.input for r in streamed]  # one identity
    assert [r.text for r in at_once if isinstance(r, Document)] == [
        r.text for r in streamed if isinstance(r, Document)]


@fuzz(60)
@given(posts=wp_json())
def test_wordpress_posts_are_one_record_each(posts: tuple[bytes, int]) -> None:
    """Any post list (lone surrogates, 5,000-digit ids, IPv6 links, odd titles) gives a
    page per post, with text any reporter can write."""
    data, n = posts
    records = list(read_stream(io.BytesIO(data), "posts.json"))
    assert len(records) == n and all(isinstance(r, Document) for r in records), records
    for r in records:
        if isinstance(r, Document):
            r.text.encode("utf-8")  # no lone surrogate reaches a reporter
            (r.title or "").encode("utf-8")


SETTINGS = Settings(engine=EngineSpec(factory="fuzz.engines:project_engine"),
                    max_record_bytes=1 << 20)


@fuzz(25)
@given(c=st.one_of(warc_container(), jsonl_container()), data=st.data())
def test_bulk_shards_give_the_whole_files_records_once(c: Container, data: st.DataObject) -> None:
    """Split into byte ranges, a (damaged) WARC or JSON Lines file gives every record it
    gives whole (an intact file: exactly those); every record is audited, skipped or
    failed, and no reader or audit error escapes as one."""
    raw = data.draw(st.one_of(st.just(c.data), damaged(c.data)), label="input")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("in.jsonl" if c.kind == "jsonl" else "in.warc")
        path.write_bytes(raw)
        try:
            f = identify(path)
        except InputError:
            return
        split = data.draw(st.integers(16, max(16, len(raw))), label="split")
        whole = list(audit_shard(plan([f], 0)[0], SETTINGS))
        shards = [o for shard in plan([f], split) for o in audit_shard(shard, SETTINGS)]
    for o in whole + shards:
        assert o.status in (AUDITED, SKIPPED, FAILED)
        assert "reader failed" not in (o.detail or "") and "audit failed" not in (o.detail or "")
    read_whole = Counter((o.key, o.status) for o in whole)
    read_split = Counter((o.key, o.status) for o in shards)
    assert not read_whole - read_split, ("lost", f.kind, split)
    # A shard may start at a valid record nested in the payload of a record that began in
    # the shard before (read whole, it is payload): read twice, not lost. Known, and not
    # yet fixed (tests/hostile/test_fuzz_findings.py, docs/SECURITY.md).
    starts = sorted(o.offset for o in whole if o.offset is not None)
    for (key, _), _n in (read_split - read_whole).items():
        assert f.kind != "jsonl" and key.isdigit(), ("read twice", f.kind, split, key)
        assert int(key) not in starts and starts and int(key) > starts[0], (f.kind, split, key)
    if raw == c.data:
        assert read_split == read_whole
        counts = Counter(o.status for o in whole)
        assert (counts[AUDITED], counts[SKIPPED], counts[FAILED]) == (c.pages, c.skipped, 0)


def test_the_fuzz_reader_entry_points_are_the_cli_ones() -> None:
    """read_source on bytes is what `auditor audit -` runs: a guard that the properties
    above drive the real dispatch, not a private path."""
    assert read(b"<html><p>x</p></html>") == [Document("<bytes>", "html", "<html><p>x</p></html>")]
    with pytest.raises(InputError):
        list(read_source(b""))
