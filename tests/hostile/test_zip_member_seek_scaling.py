"""A WARC stored in a WACZ (as WACZ stores them) read past damage: its reader seeks back
once a block to find the next record, and zipfile re-read a member from its start at
each seek back, so the read grew with the damage's offset times its length (a 300 MB
record before 20 MB of junk: 5 s, the WARC alone 1 s). The member is read in place in
the archive, about once, as the same WARC alone."""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

import pytest
from archive_fixtures import good_warc_records, warc_record

from auditor.readers import ReadFailure, Record, inflating, read_source, read_stream


def _wacz(mib: int) -> tuple[bytes, bytes]:
    """A WACZ whose WARC holds a record of `mib` MiB, junk of a quarter of that after
    it, then three good records; and the WARC alone."""
    big = warc_record("https://s.test/big", "<html><p>" + "y" * (mib << 20) + "</p></html>")
    good, _ = good_warc_records(3)
    warc = big + b"z" * (mib << 18) + b"".join(good)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:  # stored
        z.writestr("datapackage.json", "{}")
        z.writestr("archive/data.warc", warc)
    return out.getvalue(), warc


def _read(records: list[Record]) -> list[tuple[str, str, str | None]]:
    """Each record's offset in the WARC, type and URL."""
    return [(r.input.rsplit("#", 1)[1], type(r).__name__, getattr(r, "url", None))
            for r in records]


def test_a_stored_warc_read_past_damage_is_read_as_the_warc_alone() -> None:
    wacz, warc = _wacz(1)
    inside = [r for r in read_source(wacz) if "archive/data.warc#" in r.input]
    assert _read(inside) == _read(list(read_source(warc)))
    assert len(inside) == 5


class _Counting(io.BytesIO):
    """An archive that counts the bytes read from it."""

    read_bytes = 0

    def read(self, size: int | None = -1, /) -> bytes:
        data = super().read(size)
        self.read_bytes += len(data)
        return data

    def readinto(self, buffer: Any, /) -> int:
        n = super().readinto(buffer)
        self.read_bytes += n
        return n


def test_a_stored_warc_read_past_damage_reads_the_archive_about_once() -> None:
    """zipfile's seek back re-read the member from its start: a record of 8 MiB, then
    2 MiB of junk, read the archive 5.7 times over (60 MB), growing with both; read in
    place, about once."""
    wacz, _ = _wacz(8)
    archive = _Counting(wacz)
    assert len(list(read_stream(archive, "crawl.wacz"))) == 6  # and datapackage.json
    assert archive.read_bytes < 3 * len(wacz), archive.read_bytes / len(wacz)


def _deflated_wacz(mib: int, damaged: int) -> bytes:
    """A WACZ whose deflated WARC holds a record of `mib` MiB, then `damaged` records
    with no Content-Length, then three good ones: each damaged record is a seek back."""
    big = warc_record("https://s.test/big", "<html><p>" + "y" * (mib << 20) + "</p></html>")
    bad = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.test/\r\n\r\n"
           b"xx\r\n\r\n")
    good, _ = good_warc_records(3)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("datapackage.json", "{}")
        z.writestr("archive/data.warc", big + bad * damaged + b"".join(good))
    return out.getvalue()


def test_a_deflated_warc_read_past_damage_is_inflated_about_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """zipfile inflated a deflated member again from its start at each seek back: 33 KB
    holding a 32 MiB record and 40 damaged ones took 5 s, 1,000 after 128 MiB (131 KB)
    minutes. Inflated from the latest copy of the inflater, about once."""
    inflated: list[int] = []
    real = zlib.decompressobj

    class _Counted:
        def __init__(self, d: Any) -> None:
            self._d = d

        def __getattr__(self, name: str) -> Any:
            return getattr(self._d, name)

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out: bytes = self._d.decompress(data, max_length)
            inflated.append(len(out))
            return out

        def copy(self) -> _Counted:
            return _Counted(self._d.copy())

    monkeypatch.setattr(inflating.zlib, "decompressobj", lambda *a: _Counted(real(*a)))
    records = list(read_source(_deflated_wacz(8, 200)))
    assert [type(r).__name__ for r in records] == [
        "Skipped", "Document", "ReadFailure", "Document", "Document", "Document"]
    assert sum(inflated) < 2 * (8 << 20), sum(inflated) / (8 << 20)


def test_a_deflated_member_read_at_any_offset_gives_its_bytes() -> None:
    """Seeks back and forth, inside and past what it keeps, read what zipfile reads."""
    data = b"".join(b"%08d line of a page\n" % i for i in range(600_000))  # ~16 MiB
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = raw.compress(data) + raw.flush()
    member = inflating.Inflating(io.BytesIO(packed), len(data), "a.zip#m")  # type: ignore[arg-type]
    for at, n in [(0, 10), (9 << 20, 5000), (100, 3), ((16 << 20) - 7, 4000), (5 << 20, 1),
                  (len(data) - 1, 10), (1 << 20, (3 << 20) + 17), (0, 1)]:
        member.seek(at)
        got = bytearray(n)
        read = b""
        while len(read) < n and (k := member.readinto(got)):
            read += bytes(got[:k])
            got = bytearray(n - len(read))
        assert read == data[at:at + n], (at, n)


@pytest.mark.parametrize("fill", [b" ", b"\n", b"\0"])
def test_a_deflated_member_ending_in_a_long_run_is_read_to_its_end(fill: bytes) -> None:
    """Its last input can all be taken while output is still held back (an inflate call
    stopped at its output bound inside the run): that output is the member's end, not
    'the archive ends inside this member' (a page padded past 1 MiB of spaces was a
    failed member)."""
    head = b"<html><title>t</title><p>words</p></html>"
    for extra in range(0, 240, 3):
        data = head + fill * ((1 << 20) + extra)
        raw = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed = raw.compress(data) + raw.flush()
        member = inflating.Inflating(io.BytesIO(packed), len(data), "a.zip#p.html")  # type: ignore[arg-type]
        assert io.BufferedReader(member).read() == data, extra


def test_a_member_over_its_inflating_budget_is_one_failure_and_the_rest_is_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A member whose reading costs more than its budget (here, half its size) is one
    failed member, named in one line; the archive's other members are read."""
    budget = inflating.work_budget
    monkeypatch.setattr(inflating, "work_budget",
                        lambda size: size // 2 if size > 1 << 20 else budget(size))
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("crawl.warc", warc_record("https://s.test/a", "<p>" + "y" * (2 << 20))
                   + b"WARC/1.0\r\n\r\nxx\r\n" * 3 + b"".join(good_warc_records(1)[0]))
        z.writestr("b.html", "<html><title>b</title><p>words here</p></html>")
    records = list(read_source(raw.getvalue()))
    failed = [r for r in records if isinstance(r, ReadFailure)]
    assert any("not read further" in r.error and "crawl.warc" in r.error for r in failed)
    assert records[-1].input == "<bytes>#b.html" and not isinstance(records[-1], ReadFailure)


def test_a_member_declaring_more_than_deflate_can_inflate_is_not_read() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as z:
        z.writestr("pad.warc", b"\0" * (64 << 20))
        z.writestr("b.html", "<html><title>b</title><p>words here</p></html>")
    records = list(read_source(out.getvalue()))
    assert isinstance(records[0], ReadFailure)
    assert records[0].error.endswith("over 1100 to 1 (a zip bomb's trick); not read")
    assert records[1].input == "<bytes>#b.html" and not isinstance(records[1], ReadFailure)


def _damaged_in_the_middle(method: int) -> bytes:
    """A zip of a page packed by `method` whose packed bytes are damaged halfway, and a
    good page after it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        z.writestr("a.html", "<html><title>a</title><p>" + " ".join(
            f"word{i}" for i in range(3000)) + "</p></html>")
        z.writestr("b.html", "<html><title>b</title><p>words here</p></html>")
    data = bytearray(out.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[0]
    at = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[at:at + 32] = bytes((i * 97 + 13) % 256 for i in range(32))
    return bytes(data)


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                                    zipfile.ZIP_LZMA])
def test_a_damaged_packed_member_is_one_failure_and_the_rest_is_read(method: int) -> None:
    """LZMA's damaged data raised lzma.LZMAError, no member error: the whole run was
    'internal error: LZMAError: Corrupt input data', the good page after it unread."""
    records = list(read_source(_damaged_in_the_middle(method)))
    assert records[0].input == "<bytes>#a.html"
    assert records[-1].input == "<bytes>#b.html" and not isinstance(records[-1], ReadFailure)


def _lying_about_its_size(method: int, run: int) -> bytes:
    """A zip whose first member, packed by `method`, is a page then `run` NULs but
    declares 10,000 bytes (within any ratio), and a good page after it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        z.writestr("a.html", b"<html><title>a</title><p>words</p></html>" + b"\0" * run)
        z.writestr("b.html", "<html><title>b</title><p>words here</p></html>")
    data = bytearray(out.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[0]
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(b"PK\x01\x02"))
    for at in (info.header_offset + 22, central + 24):  # its uncompressed size, twice
        data[at:at + 4] = (10_000).to_bytes(4, "little")
    return bytes(data)


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_a_packed_member_lying_about_its_size_is_unpacked_a_bounded_step_at_a_time(
        monkeypatch: pytest.MonkeyPatch, method: int) -> None:
    """zipfile unpacks each read's compressed bytes whole, whatever the size declared:
    a 1.4 KB zip whose bzip2 member declared 10 KB unpacked 1.5 GiB of NULs in one call
    (a MemoryError, an internal error; 40 bytes more, the machine's memory). Each call
    gives at most a step; what is past the declared size is never unpacked."""
    largest = [0]
    for module, name in [("bz2", "BZ2Decompressor"), ("lzma", "LZMADecompressor")]:
        real = getattr(__import__(module), name)

        class _Counted:
            def __init__(self, *args: Any, real: Any = real, **kw: Any) -> None:
                self._d = real(*args, **kw)

            def __getattr__(self, attr: str) -> Any:
                return getattr(self._d, attr)

            def decompress(self, data: bytes, max_length: int = -1) -> bytes:
                out: bytes = self._d.decompress(data, max_length)
                largest[0] = max(largest[0], len(out))
                return out

        monkeypatch.setattr(f"{module}.{name}", _Counted)
    records = list(read_source(_lying_about_its_size(method, 32 << 20)))
    assert largest[0] <= 1 << 20, largest[0]
    assert records[0].input == "<bytes>#a.html"
    assert records[-1].input == "<bytes>#b.html" and not isinstance(records[-1], ReadFailure)
