"""`auditor rules list|check|update` through the two functions the main CLI calls."""

from __future__ import annotations

import argparse
import hashlib
import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from auditor.errors import RuleError
from auditor.rules.cli import add_rules_parser, run_rules_command

LIST = """[Adblock Plus 2.0]
! Title: mine
||magsrv.com^
||magsrv.com^$image
||magsrv.com^$domain=other.test
@@||magsrv.com/ok.js$script
/ad-provider.$third-party
##.ad
"""


def _run(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="auditor")
    add_rules_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    buf = io.StringIO()
    code = run_rules_command(args, Console(file=buf, width=200, color_system=None))
    return code, buf.getvalue()


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    p = tmp_path / "mine.txt"
    p.write_text(LIST)
    return p


def test_check_blocked_explains_rule_and_losers(mine: Path) -> None:
    code, out = _run(
        [
            "rules",
            "check",
            "https://a.magsrv.com/ad-provider.js",
            "--source-url",
            "https://8657085.xyz/?p=1",
            "--type",
            "script",
            "--lists",
            str(mine),
            "--no-system-lists",
        ]
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "BLOCKED  https://a.magsrv.com/ad-provider.js"
    assert "third-party" in lines[1] and "type: script" in lines[1]
    assert "rule: ||magsrv.com^  (list mine, line 3)" in out
    assert "||magsrv.com^$image  (mine:4): request type not among the filter's types" in out
    assert "(mine:5): $domain= does not include the source page" in out
    assert (
        "/ad-provider.$third-party  (mine:7): also matched (another blocking rule decided)" in out
    )


def test_check_exception_wins(mine: Path) -> None:
    code, out = _run(
        [
            "rules",
            "check",
            "https://a.magsrv.com/ok.js",
            "--source-url",
            "https://8657085.xyz/",
            "--type",
            "script",
            "--lists",
            str(mine),
            "--no-system-lists",
        ]
    )
    assert code == 0
    assert out.startswith("ALLOWED by exception")
    assert "rule: @@||magsrv.com/ok.js$script  (list mine, line 6)  [exception won]" in out
    assert "||magsrv.com^  (mine:3): blocking rule overridden by @@||magsrv.com/ok.js$script" in out


def test_check_first_party_reason(mine: Path) -> None:
    _, out = _run(
        [
            "rules",
            "check",
            "https://cdn.8657085.xyz/ad-provider.js",
            "--source-url",
            "https://8657085.xyz/",
            "--type",
            "script",
            "--lists",
            str(mine),
            "--no-system-lists",
        ]
    )
    assert out.startswith("not blocked")
    assert "/ad-provider.$third-party  (mine:7): $third-party not satisfied" in out


def test_list_prints_name_rules_unsupported_sha(mine: Path) -> None:
    code, out = _run(["rules", "list", "--lists", str(mine), "--no-system-lists"])
    assert code == 0
    row = next(line for line in out.splitlines() if "mine" in line and str(mine.name) in line)
    assert " 6 " in row and " 0 " in row
    import hashlib

    assert hashlib.sha256(LIST.encode()).hexdigest() in out.replace("\n", "")


def test_bad_list_is_rule_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    with pytest.raises(RuleError):
        _run(["rules", "list", "--lists", str(bad), "--no-system-lists"])


def test_check_without_url_is_rule_error() -> None:
    with pytest.raises(RuleError):
        _run(["rules", "check", "--no-system-lists"])


def test_update_prints_one_line_per_list(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """One line per list; one not brought up to date is an error line, on stderr."""
    from auditor.rules import cli
    from auditor.rules.sources import UpdateResult

    monkeypatch.setattr(
        cli,
        "update",
        lambda force=False: [
            UpdateResult("easylist", "u", "updated", "1 bytes"),
            UpdateResult("easyprivacy", "u", "kept", "HTTP 500"),
        ],
    )
    code, out = _run(["rules", "update"])
    assert code == 2  # a list kept its old copy: the update did not fully happen
    assert out.splitlines() == ["easylist: updated (1 bytes)"]
    assert capsys.readouterr().err.splitlines() == [
        "auditor: easyprivacy: kept last good copy: HTTP 500"]


def test_real_entry_point_renders_verdict_and_unknown_party(mine: Path) -> None:
    """Through `python -m auditor` (the Console the CLI builds): the verdict is styled
    text, never literal markup, and a request with no source host has no known party."""
    import subprocess
    import sys

    argv = ["rules", "check", "https://www.magsrv.com/", "--type", "document"]
    argv += ["--lists", str(mine), "--no-system-lists"]
    done = subprocess.run(
        [sys.executable, "-m", "auditor", *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "BLOCKED  https://www.magsrv.com/"  # strict blocking: ||magsrv.com^
    assert "(party unknown: no source host)" in lines[1]
    assert "[/" not in done.stdout and "[bold" not in done.stdout


@pytest.mark.parametrize(("status", "code"), [("updated", 0), ("fresh", 0), ("failed", 2)])
def test_update_exit_code(monkeypatch: pytest.MonkeyPatch, status: str, code: int,
                          capsys: pytest.CaptureFixture[str]) -> None:
    """A list that could not be fetched makes `rules update` exit 2 (after every line)."""
    from auditor.rules import cli
    from auditor.rules.sources import UpdateResult

    results = [
        UpdateResult("easyprivacy", "u", "not-modified"),
        UpdateResult("easylist", "u", status),
    ]
    monkeypatch.setattr(cli, "update", lambda force=False: results)
    got, out = _run(["rules", "update"])
    assert got == code
    assert out.splitlines()[0] == "easyprivacy: not modified"
    shown = out.splitlines()[1:] + capsys.readouterr().err.splitlines()
    assert len(shown) == 1 and shown[0].removeprefix("auditor: ").startswith("easylist: ")
    assert (shown[0].startswith("auditor: ")) is (code == 2)


def test_list_piped_shows_whole_sources_and_digests(mine: Path) -> None:
    """Piped at 80 columns, the sha256 and the path were cut with "…" and could not be
    compared; a table on no terminal takes the width it needs."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "auditor", "rules", "list", "--lists",
                           str(mine), "--no-system-lists"], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "80"}, check=False)
    assert done.returncode == 0, done.stderr
    digest = hashlib.sha256(mine.read_bytes()).hexdigest()
    row = next(line for line in done.stdout.splitlines() if "mine" in line)
    assert str(mine) in row and digest in row


# (rules ACTION and arguments, the option it does not read): each was a silent no-op
UNREAD = [
    (["list", "--type", "script"], "--type"),
    (["list", "--type", "other"], "--type"),  # the default, given: still not list's
    (["list", "--source-url", "https://a.test/"], "--source-url"),
    (["list", "https://a.test/x.js"], "a URL"),
    (["list", "--force"], "--force"),
    (["update", "--type", "script"], "--type"),
    (["update", "--lists", "mine.txt"], "--lists"),
    (["update", "--no-system-lists"], "--no-system-lists"),
    (["update", "https://a.test/x.js"], "a URL"),
    (["check", "https://a.test/x.js", "--force", "--no-system-lists"], "--force"),
]


@pytest.mark.parametrize(("argv", "option"), UNREAD, ids=[" ".join(a) for a, _ in UNREAD])
def test_an_option_the_action_does_not_read_is_a_usage_error(
        argv: list[str], option: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from auditor.cli import main
    from auditor.rules import cli

    def no_network(force: bool = False) -> list[object]:
        raise AssertionError("a refused `rules update` went to the network")

    monkeypatch.setattr(cli, "update", no_network)
    assert main(["rules", *argv]) == 2
    captured = capsys.readouterr()
    [line] = captured.err.splitlines()
    assert line.startswith("auditor: error: ") and f"{option} is for rules " in line, line
    assert line.endswith(f"not rules {argv[0]}"), line
    assert captured.out == ""


# every option an action reads, all given at once: still accepted
READ = [
    ["list", "--lists", "MINE", "--no-system-lists"],
    ["update", "--force"],
    ["check", "https://a.magsrv.com/ad-provider.js", "--source-url", "https://8657085.xyz/",
     "--type", "script", "--lists", "MINE", "--no-system-lists"],
    ["--type", "other", "check", "https://a.test/", "--no-system-lists"],  # options first
]


@pytest.mark.parametrize("argv", READ, ids=[" ".join(a) for a in READ])
def test_every_option_an_action_reads_is_still_accepted(
        argv: list[str], mine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.rules import cli
    from auditor.rules.sources import UpdateResult

    forced: list[bool] = []

    def fake_update(force: bool = False) -> list[UpdateResult]:
        forced.append(force)
        return [UpdateResult("easylist", "u", "updated", "1 bytes")]

    monkeypatch.setattr(cli, "update", fake_update)
    code, out = _run(["rules", *(str(mine) if a == "MINE" else a for a in argv)])
    assert code == 0 and out
    assert forced == ([True] if "update" in argv else [])


def test_check_shows_control_and_bidi_characters_as_escapes(tmp_path: Path) -> None:
    """`rules check` printed its URL, source and the deciding rule raw: an escape
    sequence pasted with a URL from a page (`\\x1b[2J` clears the screen) or a bidi
    override in a downloaded list reached the terminal as it was."""
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("||x.example/\u202eevil^\n")
    code, out = _run(["rules", "check", "https://x.example/\u202eevil/\x1b[2J",
                      "--source-url", "https://s.example/\x1b]8;;https://phish.example\x07",
                      "--lists", str(hostile), "--no-system-lists"])
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert out.startswith("BLOCKED  https://x.example/\\u202eevil/\\x1b[2J\n")
    assert "source: https://s.example/\\x1b]8;;https://phish.example\\x07" in out
    assert "rule: ||x.example/\\u202eevil^  (list hostile, line 1)" in out


def test_check_wraps_a_candidate_under_its_own_start(mine: Path) -> None:
    """At 80 columns a losing candidate's reason wrapped to column 0, under the verdict,
    where it read as a line of its own."""
    parser = argparse.ArgumentParser(prog="auditor")
    add_rules_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["rules", "check", "https://a.magsrv.com/ad-provider.js",
                              "--source-url", "https://8657085.xyz/?p=1", "--type", "script",
                              "--lists", str(mine), "--no-system-lists"])
    buf = io.StringIO()
    assert run_rules_command(args, Console(file=buf, width=50, color_system=None)) == 0
    lines = buf.getvalue().splitlines()
    start = lines.index("  other candidates:")
    assert len(lines) > start + 3  # some candidate wrapped at 50 columns
    assert all(line.startswith("    ") for line in lines[start + 1:])
