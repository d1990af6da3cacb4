"""The compiled cache: reused when valid, rebuilt when corrupt or stale, never trusted blindly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.errors import RuleError
from auditor.rules import Engine
from auditor.rules import cache as rcache
from auditor.rules.engine import ListText

URL, SRC = "https://a.magsrv.com/x.js", "https://8657085.xyz/"


@pytest.fixture
def cdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    return tmp_path


def _lists(text: str = "||magsrv.com^\n") -> list[ListText]:
    return [ListText("l", "<l>", text)]


def _cache_files(cdir: Path) -> list[Path]:
    return sorted((cdir / "compiled").glob("*.bin"))


def test_cache_is_written_and_reused(cdir: Path) -> None:
    assert Engine.from_lists(_lists()).match(URL, SRC, "script").blocked
    (f,) = _cache_files(cdir)
    mtime = f.stat().st_mtime_ns
    assert Engine.from_lists(_lists()).match(URL, SRC, "script").blocked
    assert f.stat().st_mtime_ns == mtime  # read, not rewritten


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-10],  # truncated
        lambda b: b[:-20] + b"\x00" * 20,  # flipped bytes
        lambda b: b"garbage",  # not ours
        lambda b: b"",  # empty
        lambda b: b.replace(rcache.MAGIC, b"OTHER-MAGIC-HEADER!\n"),
    ],
)
def test_corrupt_cache_is_rebuilt(cdir: Path, damage: object) -> None:
    Engine.from_lists(_lists())
    (f,) = _cache_files(cdir)
    f.write_bytes(damage(f.read_bytes()))  # type: ignore[operator]
    assert Engine.from_lists(_lists()).match(URL, SRC, "script").blocked
    assert rcache.load(_key()) is not None  # and the rebuilt cache is valid again


def _key() -> str:
    return rcache.cache_key([("l", _lists()[0].sha256)])


def test_valid_hash_but_wrong_layout_is_rebuilt(cdir: Path) -> None:
    rcache.store(_key(), ("not", "an", "engine"))
    assert Engine.from_lists(_lists()).match(URL, SRC, "script").blocked


def test_changed_list_gets_a_new_key(cdir: Path) -> None:
    Engine.from_lists(_lists("||magsrv.com^\n"))
    e = Engine.from_lists(_lists("||other.test^\n"))
    assert not e.match(URL, SRC, "script").blocked
    assert len(_cache_files(cdir)) == 2


def test_engine_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    k1 = _key()
    monkeypatch.setattr(rcache, "ENGINE_VERSION", rcache.ENGINE_VERSION + "-next")
    assert _key() != k1


def test_unwritable_cache_dir_is_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(blocker))
    assert Engine.from_lists(_lists()).match(URL, SRC, "script").blocked


def test_from_files_and_bad_list_files(tmp_path: Path) -> None:
    good = tmp_path / "mine.txt"
    good.write_text("[Adblock Plus 2.0]\n||magsrv.com^\n")
    e = Engine.from_files([good])
    assert e.lists[0].name == "mine" and e.match(URL, SRC, "script").list == "mine"
    for name, data in [
        ("bin.txt", b"\x00\x01\x02"),
        ("html.txt", b"<!DOCTYPE html><html>"),
        ("latin.txt", b"caf\xe9\n"),
    ]:
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(RuleError) as ei:
            Engine.from_files([p])
        assert "\n" not in str(ei.value) and str(p) in str(ei.value)
    with pytest.raises(RuleError, match="cannot read"):
        Engine.from_files([tmp_path / "missing.txt"])


def test_load_uses_project_and_extra_lists(tmp_path: Path, cdir: Path) -> None:
    extra = tmp_path / "extra.txt"
    extra.write_text("||magsrv.com^\n")
    e = Engine.load(extra_lists=[extra], system_lists=False)
    names = [li.name for li in e.lists]
    assert "auditor-ads" in names and names[-1] == "extra"
    assert e.match(URL, SRC, "script").list == "extra"
    assert Engine.load(extra_lists=[extra], system_lists=False) is e  # memoised


def test_user_cache_list_wins_over_system(tmp_path: Path, cdir: Path) -> None:
    from auditor.rules.sources import discover

    lists = cdir / "lists"
    lists.mkdir(parents=True)
    (lists / "easylist.txt").write_text("[Adblock Plus 2.0]\n||magsrv.com^\n")
    found = {s.name: s for s in discover(system_lists=True)}
    assert found["easylist"].origin == "cache"
    assert found["easylist"].path == lists / "easylist.txt"


def test_system_lists_are_globbed_once_and_user_lists_every_time(
        tmp_path: Path, cdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Listing /usr/share at every `Engine.load` cost a tenth of an audit; a list that
    `rules update` writes into the user cache must still be seen at the next load."""
    from auditor.rules import sources

    system = tmp_path / "sys"
    system.mkdir()
    (system / "easyprivacy.txt").write_text("[Adblock Plus 2.0]\n||tracker.test^\n")
    monkeypatch.setattr(sources, "SYSTEM_GLOBS", (f"{system}/*.txt",))
    first = {s.name: s.origin for s in sources.discover()}
    assert first.get("easyprivacy") == "system"

    def no_glob(pattern: str) -> list[str]:
        raise AssertionError(f"globbed {pattern} again")

    monkeypatch.setattr(sources.glob, "glob", no_glob)
    (cdir / "lists").mkdir()
    (cdir / "lists" / "easylist.txt").write_text("[Adblock Plus 2.0]\n||magsrv.com^\n")
    again = {s.name: s.origin for s in sources.discover()}
    assert again.get("easyprivacy") == "system" and again.get("easylist") == "cache"
    (system / "easyprivacy.txt").unlink()  # its package removed: the list is gone
    assert "easyprivacy" not in {s.name for s in sources.discover()}


def test_cached_engine_keeps_the_lists_sections(cdir: Path) -> None:
    text = "! *** easylist:easyprivacy/easyprivacy_trackingservers_mining.txt ***\n||magsrv.com^\n"
    fresh = Engine.from_lists(_lists(text)).match(URL, SRC, "script")
    cached = Engine.from_lists(_lists(text)).match(URL, SRC, "script")
    assert fresh.section == cached.section == "easyprivacy_trackingservers_mining.txt"


_NO_LIST = {  # what may sit where the cache keeps a list, none of it a list update wrote
    "fifo": (lambda p: os.mkfifo(p), "a FIFO, not a list `auditor rules update` writes"),
    "directory": (lambda p: p.mkdir(), "a directory, not a list `auditor rules update` writes"),
    "dev-null": (lambda p: p.symlink_to("/dev/null"),
                 "a device, not a list `auditor rules update` writes"),
    "empty": (lambda p: p.write_bytes(b""),
              "holds no filter, which no list `auditor rules update` writes does"),
    "header-only": (lambda p: p.write_text("[Adblock Plus 2.0]\n! Title: EasyList\n\n"),
                    "holds no filter, which no list `auditor rules update` writes does"),
    # a server's error saved in the list's place, each line read as a rule
    "error-text": (lambda p: p.write_text("Service Unavailable\n<p>try again</p>\n"),
                   "no [Adblock Plus] header, which every list `auditor rules update` "
                   "writes has"),
    "error-json": (lambda p: p.write_text('{"error": "rate limited"}'),
                   "no [Adblock Plus] header, which every list `auditor rules update` "
                   "writes has"),
}


@pytest.mark.parametrize("kind", sorted(_NO_LIST))
def test_a_cached_list_that_is_no_list_is_one_line(tmp_path: Path, kind: str) -> None:
    """A FIFO where the cache keeps EasyList was opened and waited on for a writer for
    ever (a CI gate hung to its job's timeout); a link to /dev/null or an empty file was
    a list of no rule, and the gate passed without EasyList, not even saying it lacked
    it. Each is one line naming the file and what to do, exit 2."""
    make, said = _NO_LIST[kind]
    (tmp_path / "cache" / "lists").mkdir(parents=True)
    make(tmp_path / "cache" / "lists" / "easylist.txt")
    (tmp_path / "page.html").write_text("<html><body><p>hello</p></body></html>")
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "audit", "page.html", "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
        stdin=subprocess.DEVNULL, env={**os.environ, "AUDITOR_CACHE_DIR": str(tmp_path / "cache")})
    where = tmp_path / "cache" / "lists" / "easylist.txt"
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"auditor: error: {where}: {said}; delete it, then run `auditor rules "
        "update` (or audit with --no-system-lists)\n")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_compiled_cache_file_that_is_no_file_is_not_read(cdir: Path, kind: str) -> None:
    """The compiled engine's file read as a FIFO waited for ever; as a link to /dev/zero,
    until memory ran out. It is no cache: the lists are compiled again."""
    Engine.from_lists(_lists())
    [cached] = _cache_files(cdir)
    cached.unlink()
    if kind == "fifo":
        os.mkfifo(cached)
    else:
        cached.symlink_to("/dev/zero")
    assert Engine.from_lists(_lists()).match(URL, SRC, "script").blocked
