"""Where filter lists come from: the project's own, the system's, the user cache.

Discovery order (a later list with the same name replaces an earlier one):
project lists (`auditor_rules/*.txt`), system lists (Debian/Ubuntu uBlock Origin
webext packages ship EasyList and EasyPrivacy), lists downloaded by
`auditor rules update` into the user cache, then lists named on the command line.

`update()` is the only code in the auditor that touches the network.
"""

from __future__ import annotations

import base64
import dataclasses
import email.utils
import functools
import glob
import hashlib
import http.client
import importlib.resources
import json
import os
import re
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.lazy_re import lazy_regex
from auditor.rules.cache import cache_dir

OFFICIAL_URLS: dict[str, str] = {
    "easylist": "https://easylist.to/easylist/easylist.txt",
    "easyprivacy": "https://easylist.to/easylist/easyprivacy.txt",
}
SYSTEM_GLOBS: tuple[str, ...] = (  # where packaged lists may sit; none on some machines
    "/usr/share/*/extensions/ublock-origin/assets/thirdparties/easylist/*.txt",
    "/usr/share/webext/ublock-origin/assets/thirdparties/easylist/*.txt",
    "/usr/share/webext/ublock-origin*/assets/thirdparties/easylist/*.txt",
    "/usr/share/*/ublock-origin/assets/thirdparties/easylist/*.txt",
)
MIN_LIST_BYTES = 10_000
LIST_HEADER = "[Adblock Plus"  # what every list `update` writes starts with
# EasyList is 2 MB, the largest lists uBlock Origin offers a few times that
MAX_LIST_BYTES = 64 * 1024 * 1024
_EXPIRES_RE = lazy_regex(r"^!\s*Expires:\s*(\d+)\s*(day|days|hour|hours|h|d)?", re.I | re.M)
_CHECKSUM_RE = lazy_regex(r"^\s*!\s*checksum[\s\-:]+([\w+/=]+).*\n", re.I | re.M)


@dataclass(frozen=True, slots=True)
class ListSource:
    """A list file to load and the name reports will give it."""

    name: str
    path: Path
    origin: str  # "project", "system", "cache", "extra"


def project_dir() -> Path | None:
    """The installed `auditor_rules` package, or the repo's `rules/` when running from source."""
    try:
        files = importlib.resources.files("auditor_rules")
        p = Path(str(files))
        if p.is_dir():
            return p
    except (ModuleNotFoundError, TypeError):
        pass
    repo = Path(__file__).resolve().parents[2] / "rules"
    return repo if repo.is_dir() else None


def user_lists_dir(directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / "lists"


def discover(
    extra_lists: Sequence[Path] = (),
    system_lists: bool = True,
    directory: Path | None = None,
) -> list[ListSource]:
    """The lists an engine loads, in order, one per name (extras are always kept)."""
    found: dict[str, ListSource] = {}
    proj = project_dir()
    if proj is not None:
        for p in sorted(proj.glob("*.txt")):
            found[p.stem] = ListSource(p.stem, p, "project")
    if system_lists:
        for p in _system_lists(SYSTEM_GLOBS):
            if p.is_file():  # a package removed since: its list is gone, as before
                found[p.stem] = ListSource(p.stem, p, "system")
        user = user_lists_dir(directory)
        if user.is_dir():
            for p in sorted(user.glob("*.txt")):
                found[p.stem] = ListSource(p.stem, p, "cache")
    out = list(found.values())
    names = {s.name for s in out}
    for p in extra_lists:
        path = Path(p)
        name = path.stem
        while name in names:
            name += "+"
        names.add(name)
        out.append(ListSource(name, path, "extra"))
    return out


@functools.lru_cache(maxsize=4)
def _system_lists(globs: tuple[str, ...]) -> tuple[Path, ...]:
    """The system's list files, first of each name. Globbed once per process: listing
    /usr/share took 1.5 ms, a tenth of an audit, at every `Engine.load`, and packages
    are not installed under a running audit (a changed file is still noticed: the engine
    cache is keyed on each file's size and mtime)."""
    seen: dict[str, Path] = {}
    for pattern in globs:
        for path in sorted(map(Path, glob.glob(pattern))):  # in Path order, as ever
            if path.stem not in seen and path.is_file():
                seen[path.stem] = path
    return tuple(seen.values())


# -- update -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UpdateResult:
    """What `update` did for one list: "updated", "not-modified", "fresh", "kept" (the
    download failed; the last good copy stays) or "failed" (it failed with no copy yet)."""

    name: str
    url: str
    status: str
    detail: str = ""

    def line(self) -> str:
        if self.status == "updated":
            return f"{self.name}: updated ({self.detail})"
        if self.status == "not-modified":
            return f"{self.name}: not modified"
        if self.status == "fresh":
            return f"{self.name}: fresh ({self.detail})"
        if self.status == "failed":
            return f"{self.name}: not downloaded, no cached copy yet: {self.detail}"
        return f"{self.name}: kept last good copy: {self.detail}"

    @property
    def ok(self) -> bool:
        return self.status not in ("kept", "failed")


def expires_seconds(text: str) -> int | None:
    """The list's own `! Expires: N days|hours`, in seconds."""
    m = _EXPIRES_RE.search(text[:4096])
    if not m:
        return None
    n = int(m.group(1))
    unit = (m.group(2) or "days").lower()
    return n * (3600 if unit.startswith("h") else 86400)


def verify_checksum(text: str) -> bool | None:
    """Check ABP's `! Checksum:` (base64 MD5 of the list minus that line and blank lines).

    None when the list carries no checksum (EasyList no longer does).
    """
    m = _CHECKSUM_RE.search(text)
    if not m:
        return None
    body = text[: m.start()] + text[m.end() :]
    body = re.sub(r"\r\n?", "\n", body)
    body = re.sub(r"\n+", "\n", body)
    digest = base64.b64encode(hashlib.md5(body.encode("utf-8")).digest()).decode().rstrip("=")
    return digest == m.group(1).rstrip("=")


def validate_list(data: bytes, min_bytes: int = MIN_LIST_BYTES) -> str:
    """The list text, or raise ValueError saying why the download is not a good list."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    if not text.lstrip().startswith(LIST_HEADER):
        raise ValueError("no [Adblock Plus] header")
    if len(data) < min_bytes:
        raise ValueError(f"truncated ({len(data)} bytes < {min_bytes})")
    if verify_checksum(text) is False:
        raise ValueError("checksum mismatch")
    if not holds_a_filter(text):  # an audit refuses it from the cache (rules.engine)
        raise ValueError("holds no filter, only comments and headers")
    return text


def holds_a_filter(text: str) -> bool:
    """Whether a list's text has a line that is neither blank, a comment nor a header."""
    return any(line.strip() and not line.lstrip().startswith(("!", "["))
               for line in text.splitlines())


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def update(
    cache_dir: Path | None = None,
    urls: Mapping[str, str] | None = None,
    force: bool = False,
    timeout: float = 60.0,
    min_bytes: int = MIN_LIST_BYTES,
) -> list[UpdateResult]:
    """Download each list into the user cache, conditionally; keep the last good copy on failure."""
    lists_dir = user_lists_dir(cache_dir)
    results: list[UpdateResult] = []
    system = {p.stem: p for p in _system_lists(SYSTEM_GLOBS)}
    for name, url in (urls or OFFICIAL_URLS).items():
        result = _update_one(name, url, lists_dir, force, timeout, min_bytes)
        if result.status == "failed" and name in system:
            # offline on Debian: "no cached copy yet" alone reads as "no lists at all",
            # when the audit goes on with the packaged one
            result = dataclasses.replace(
                result, detail=f"{result.detail}; the system's copy stays in use "
                               f"({system[name]})")
        results.append(result)
    return results


def _update_one(
    name: str, url: str, lists_dir: Path, force: bool, timeout: float, min_bytes: int
) -> UpdateResult:
    path = lists_dir / f"{name}.txt"
    meta_path = lists_dir / f"{name}.meta.json"
    meta: dict[str, object] = {}
    try:  # a FIFO there (no file this writes) was waited on for ever
        read = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
        meta = read if isinstance(read, dict) else {}  # `[]` was an internal error
    except (OSError, ValueError):
        meta = {}
    have = path.is_file()
    failed = "kept" if have else "failed"
    now = time.time()
    if have and not force:
        fetched = meta.get("fetched_at")
        expires = meta.get("expires")
        if isinstance(fetched, (int, float)) and isinstance(expires, int):
            left = fetched + expires - now
            if left > 0:
                return UpdateResult(name, url, "fresh", f"expires in {left / 3600:.1f} h")
    req = urllib.request.Request(url, headers={"User-Agent": "auditor-rules-update"})
    if have:
        if isinstance(meta.get("etag"), str):
            req.add_header("If-None-Match", str(meta["etag"]))
        if isinstance(meta.get("last_modified"), str):
            req.add_header("If-Modified-Since", str(meta["last_modified"]))
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            # read no further than a list reaches: a server streaming without end (a
            # captive portal, a wrong URL) was read into memory until the run was killed.
            # A length it states is read whole, so a download cut short still fails
            promised = resp.length  # None: chunked, or until the server closes
            too_large = promised is not None and promised > MAX_LIST_BYTES
            data = (b"" if too_large else resp.read(MAX_LIST_BYTES + 1) if promised is None
                    else resp.read())
            headers = resp.headers
    except urllib.error.HTTPError as e:
        if e.code == 304 and have:
            meta["fetched_at"] = now
            _write_atomic(meta_path, json.dumps(meta).encode())
            return UpdateResult(name, url, "not-modified")
        return UpdateResult(name, url, failed, f"HTTP {e.code}")
    except urllib.error.URLError as e:
        host = urllib.parse.urlsplit(url).hostname or url
        return UpdateResult(name, url, failed, f"download failed: cannot reach {host} "
                                               f"(offline?): {e.reason}")
    except (OSError, http.client.HTTPException) as e:
        return UpdateResult(name, url, failed, f"download failed: {e}")
    if too_large or len(data) > MAX_LIST_BYTES:
        return UpdateResult(name, url, failed, f"larger than {MAX_LIST_BYTES >> 20} MiB, "
                                               "more than a filter list holds")
    try:
        text = validate_list(data, min_bytes)
    except ValueError as e:
        return UpdateResult(name, url, failed, str(e))
    _write_atomic(path, data)
    new_meta: dict[str, object] = {"url": url, "fetched_at": now}
    if headers.get("ETag"):
        new_meta["etag"] = headers["ETag"]
    if headers.get("Last-Modified"):
        new_meta["last_modified"] = headers["Last-Modified"]
    exp = expires_seconds(text)
    if exp is not None:
        new_meta["expires"] = exp
    _write_atomic(meta_path, json.dumps(new_meta).encode())
    stamp = email.utils.formatdate(now, usegmt=True)
    return UpdateResult(name, url, "updated", f"{len(data)} bytes, {stamp}")
