"""A WARC stored in a WACZ (as WACZ stores them) read past damage: its reader seeks back
once a block to find the next record, and zipfile re-read a member from its start at
each seek back, so the read grew with the damage's offset times its length (a 300 MB
record before 20 MB of junk: 5 s, the WARC alone 1 s). The member is read in place in
the archive, about once, as the same WARC alone."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from archive_fixtures import good_warc_records, warc_record

from auditor.readers import Record, read_source, read_stream


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
