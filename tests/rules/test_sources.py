"""`rules update` against a local HTTP server: conditional requests, Expires, last good copy."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from auditor.rules import sources
from auditor.rules.sources import expires_seconds, update, validate_list, verify_checksum

GOOD = "[Adblock Plus 2.0]\n! Title: test list\n! Expires: 4 days\n" + "||ads{}.test^\n" * 0
GOOD += "".join(f"||ads{i}.test^\n" for i in range(2000))


@dataclass
class Served:
    body: bytes = GOOD.encode()
    etag: str = '"v1"'
    status: int = 200
    truncate: bool = False  # promise more bytes than are sent
    requests: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture
def server() -> Iterator[tuple[str, Served]]:
    served = Served()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.requests.append(dict(self.headers.items()))
            if served.status != 200:
                self.send_response(served.status)
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == served.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", served.etag)
            self.send_header("Last-Modified", "Wed, 01 May 2024 10:00:00 GMT")
            length = len(served.body) + (1000 if served.truncate else 0)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            self.wfile.write(served.body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", served
    finally:
        httpd.shutdown()
        httpd.server_close()


def _update(tmp: Path, base: str, force: bool = False) -> list[str]:
    urls = {"easylist": f"{base}/easylist.txt"}
    return [r.status + ":" + r.detail for r in update(tmp, urls=urls, force=force, timeout=5)]


def test_download_then_not_modified(tmp_path: Path, server: tuple[str, Served]) -> None:
    base, served = server
    assert _update(tmp_path, base)[0].startswith("updated:")
    path = tmp_path / "lists" / "easylist.txt"
    assert path.read_text() == GOOD
    assert _update(tmp_path, base, force=True) == ["not-modified:"]
    assert served.requests[-1].get("If-None-Match") == '"v1"'
    assert "If-Modified-Since" in served.requests[-1]


def test_expires_is_honoured(tmp_path: Path, server: tuple[str, Served]) -> None:
    base, served = server
    _update(tmp_path, base)
    n = len(served.requests)
    (status,) = _update(tmp_path, base)
    assert status.startswith("fresh:") and len(served.requests) == n  # no request at all


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"truncate": True}, "download failed"),
        ({"body": GOOD[:500].encode()}, "truncated"),
        ({"body": b"<html>error page</html>" * 1000}, "no [Adblock Plus] header"),
        ({"status": 500}, "HTTP 500"),
        ({"status": 404}, "HTTP 404"),
    ],
)
def test_failed_download_keeps_last_good_copy(
    tmp_path: Path, server: tuple[str, Served], change: dict[str, object], reason: str
) -> None:
    base, served = server
    _update(tmp_path, base)
    for k, v in change.items():
        setattr(served, k, v)
    served.etag = '"v2"'
    (status,) = _update(tmp_path, base, force=True)
    assert status.startswith("kept:") and reason in status
    assert (tmp_path / "lists" / "easylist.txt").read_text() == GOOD


def test_a_download_larger_than_a_list_is_not_read_whole(
        tmp_path: Path, server: tuple[str, Served], monkeypatch: pytest.MonkeyPatch) -> None:
    """A server sending more than a list holds (a captive portal's stream, a wrong URL)
    was read into memory whole; it is read one byte past the bound and refused."""
    base, served = server
    _update(tmp_path, base)
    monkeypatch.setattr(sources, "MAX_LIST_BYTES", len(GOOD) + 100)
    served.body = GOOD.encode() + b"||pad.test^\n" * 100
    served.etag = '"v2"'
    (status,) = _update(tmp_path, base, force=True)
    assert status == "kept:larger than 0 MiB, more than a filter list holds"
    assert (tmp_path / "lists" / "easylist.txt").read_text() == GOOD


def test_unreachable_server_keeps_copy(tmp_path: Path, server: tuple[str, Served]) -> None:
    (status,) = _update(tmp_path, "http://127.0.0.1:9")
    assert status.startswith("failed:")  # nothing cached yet: nothing kept
    base, _ = server
    _update(tmp_path, base)
    (status,) = _update(tmp_path, "http://127.0.0.1:9", force=True)
    assert status.startswith("kept:download failed:")
    assert (tmp_path / "lists" / "easylist.txt").read_text() == GOOD


def test_update_line_wording() -> None:
    from auditor.rules.sources import UpdateResult

    assert UpdateResult("easylist", "u", "kept", "HTTP 500").line() == (
        "easylist: kept last good copy: HTTP 500"
    )
    assert UpdateResult("easylist", "u", "not-modified").line() == "easylist: not modified"
    assert UpdateResult("easylist", "u", "failed", "HTTP 404").line() == (
        "easylist: not downloaded, no cached copy yet: HTTP 404"
    )


def test_helpers() -> None:
    assert (
        expires_seconds("[Adblock Plus 2.0]\n! Expires: 4 days (update frequency)\n") == 4 * 86400
    )
    assert expires_seconds("! Expires: 12 hours\n") == 12 * 3600
    assert expires_seconds("no header") is None
    assert verify_checksum("[Adblock Plus 2.0]\n||a^\n") is None
    body = "[Adblock Plus 2.0]\n! Checksum: AAAAAAAAAAAAAAAAAAAAAA\n||a^\n"
    assert verify_checksum(body) is False
    with pytest.raises(ValueError, match="checksum"):
        validate_list(body.encode(), min_bytes=0)


def test_a_download_with_no_filter_is_not_written() -> None:
    """An audit refuses a cached list that holds no filter ("which no list `auditor rules
    update` writes"): a download of a header and comments alone, long enough, was written,
    and every audit after it an error, exit 2."""
    body = "[Adblock Plus 2.0]\n" + "! Title: nothing yet\n" * 800 + "\n[Adblock]\n"
    assert len(body) > 10_000
    with pytest.raises(ValueError, match="no filter"):
        validate_list(body.encode())
    assert validate_list(("[Adblock Plus 2.0]\n" + "! c\n" * 3000 + "||a.example^\n").encode())


def test_offline_update_says_the_system_list_stays_in_use(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline on a machine with the Debian package: "no cached copy yet" alone read as
    if the audit had no EasyList; the line names the host it could not reach and the
    packaged copy the audits go on using."""
    system = tmp_path / "usr" / "easylist.txt"
    system.parent.mkdir()
    system.write_text(GOOD)
    monkeypatch.setattr("auditor.rules.sources.SYSTEM_GLOBS", (str(system.parent / "*.txt"),))
    (status,) = _update(tmp_path / "cache", "http://127.0.0.1:9")
    assert status.startswith("failed:download failed: cannot reach 127.0.0.1 (offline?)")
    assert status.endswith(f"; the system's copy stays in use ({system})")
    monkeypatch.setattr("auditor.rules.sources.SYSTEM_GLOBS", ())
    (status,) = _update(tmp_path / "cache", "http://127.0.0.1:9")
    assert "system" not in status  # no package: nothing is said to stay in use
