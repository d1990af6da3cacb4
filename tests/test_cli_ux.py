"""The rough edges a new user hits first: missing lists said, one bad file among several,
help with examples, names and verdicts that agree, and docs whose commands work."""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from auditor.cli import build_parser, main
from auditor.report import REPORTERS

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "wp-post-injected.json"
SITE = REPO / "examples" / "site"


@pytest.fixture
def no_standard_lists(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A machine without EasyList/EasyPrivacy: no system package, an empty user cache."""
    monkeypatch.setattr("auditor.rules.sources.SYSTEM_GLOBS", ())
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))


def test_missing_lists_are_announced_in_the_report(
        no_standard_lists: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(EXAMPLE), "--width", "80"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == ("missing lists easylist, easyprivacy: fewer hosts blocked "
                      "(auditor rules update)")
    assert sum("missing lists" in line for line in out) == 1


def test_missing_lists_are_entries_of_json_lists(
        no_standard_lists: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(EXAMPLE), "--format", "json"]) == 0
    captured = capsys.readouterr()
    lists = {li["name"]: li for li in json.loads(captured.out)["lists"]}
    for name in ("easylist", "easyprivacy"):
        assert lists[name]["missing"] is True and lists[name]["rules"] == 0
        assert "auditor rules update" in lists[name]["source"]
    assert "missing" not in lists["auditor-ads"]
    assert len(captured.err.strip().splitlines()) == 1 and "missing lists" in captured.err


def test_no_system_lists_asked_for_is_not_announced(
        no_standard_lists: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(EXAMPLE), "--no-system-lists", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert not any(li.get("missing") for li in json.loads(captured.out)["lists"])
    assert captured.err == ""


def test_a_bad_file_among_several_is_a_page_error_and_the_run_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`auditor audit public/empty.html public/index.html`, as pre-commit calls it."""
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "empty.html").write_bytes(b"")
    shutil.copy(SITE / "public" / "index.html", tmp_path / "public" / "index.html")
    monkeypatch.chdir(tmp_path)
    code = main(["audit", "public/empty.html", "public/index.html", "--no-system-lists",
                 "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2  # unreadable input, as the contract says, after the whole report
    pages = json.loads(captured.out)["pages"]
    assert [p["input"] for p in pages] == ["public/empty.html", "public/index.html"]
    assert pages[0]["errors"] and not pages[1]["errors"]
    assert "1 page could not be audited: public/empty.html" in captured.err


SUBCOMMANDS = ["audit", "bulk", "report", "rules"]


def subparser(name: str) -> argparse.ArgumentParser:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices[name]  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_command_has_a_description_and_examples(name: str) -> None:
    p = subparser(name)
    text = p.format_help()
    assert p.description
    examples = text.split("examples:\n", 1)[1]
    assert re.search(rf"^  auditor {name} ", examples, re.M)
    for action in p._actions:  # every option says what it does
        if action.option_strings and action.help != argparse.SUPPRESS:
            assert action.help, action.option_strings


def test_top_level_help_shows_examples() -> None:
    assert "examples:\n  auditor audit examples/wp-post-injected.json" in (
        build_parser().format_help())


def test_rules_help_describes_each_action() -> None:
    text = " ".join(subparser("rules").format_help().split())
    assert "list the lists loaded" in text
    assert "update download EasyList and EasyPrivacy" in text
    assert "check the decision on one request URL" in text


def test_report_help_describes_the_command_and_store() -> None:
    text = " ".join(subparser("report").format_help().split())
    assert "Summarise a store written by `auditor bulk`" in text
    assert "--store FILE the SQLite store `auditor bulk --store` wrote" in text


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(SITE, tmp_path / "site")
    site = tmp_path / "site"
    shutil.copy(site / "injected" / "about" / "index.html", site / "public" / "about")
    return site


def test_junit_names_passing_and_failing_pages_alike(
        site: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(site)
    assert main(["audit", "public", "--format", "junit", "--no-system-lists"]) == 1
    suite = ET.fromstring(capsys.readouterr().out.encode("utf-8"))
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {"public/about/index.html", "public/blog/index.html",
                          "public/blog/market-day.html", "public/index.html",
                          "public/assets/site.css"}  # a style sheet the site serves
    assert cases["public/about/index.html"].find("failure") is not None
    assert all(c.get("name") == c.get("file") for c in cases.values())


def test_write_baseline_says_what_it_did_and_exits_0(
        site: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(site)
    assert main(["audit", "public", "--no-system-lists", "--width", "80",
                 "--write-baseline", "base.json"]) == 0
    captured = capsys.readouterr()
    assert "FAILED" not in captured.out
    count = len(json.loads((site / "base.json").read_text())["fingerprints"])
    last = captured.out.strip().splitlines()[-1]
    noun = "violation" if count == 1 else "violations"
    assert last == f"5 pages audited · policy: {count} {noun} recorded in the baseline " \
                   "base.json"
    assert main(["audit", "public", "--no-system-lists", "--baseline", "base.json"]) == 0


def test_content_to_ad_violation_cites_no_unrelated_rule() -> None:
    sys.path.insert(0, str(REPO / "tests" / "gate"))
    from gate_pages import page, res

    from auditor.gate.interface import PageRules
    from auditor.gate.verdict import evaluate_page
    from auditor.model import Category, Metrics

    pixel = res("connect.facebook.net", 7, network="Facebook Pixel",
                category=Category.ADVERTISING, rule="/fbevents.js")
    (v,) = evaluate_page(page(pixel, metrics=Metrics(content_to_ad_ratio=0.5)), "p.html",
                         PageRules(min_content_to_ad_ratio=3.0), ())
    assert v.clause == "min_content_to_ad_ratio"
    assert v.rule == "metric: content_to_ad_ratio" and v.list is None
    assert v.line == 7  # still located at the first ad


def test_example_workflow_installs_this_project() -> None:
    """`pip install auditor` resolves to an unrelated PyPI project."""
    flow = yaml.safe_load((REPO / ".github" / "workflows" / "auditor-gate.example.yml")
                          .read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in flow["jobs"].values() for step in job["steps"]]
    (install,) = [r for r in runs if re.search(r"\bpip install\b", r)]
    assert not re.fullmatch(r"\s*pip install auditor\s*(#.*)?", install)
    assert re.search(r'pip install "auditor @ git\+https://[^"@ ]+@v\d', install), install


def test_readme_format_list_names_every_format() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (line,) = [x for x in readme.splitlines() if "auditor audit page.html --format" in x]
    formats = set(line.split("--format ", 1)[1].split()[0].split("|"))
    assert formats == set(REPORTERS) - {"terminal"}


def test_readme_shows_the_real_output_of_its_first_command(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor import __version__
    from auditor.pipeline import audit
    from auditor.report import RunSummary
    from auditor.report.terminal import TerminalReporter
    from auditor.rules import Engine

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## What it prints", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    engine = Engine.load()
    # the project's own list ships with it, so its count is the README's on every machine:
    # a rule added to it without the README's header following fails here, not skips (the
    # header said auditor-ads (5) for a session while the list held 6, and this test
    # skipped as though the machine's EasyList differed)
    own = ", ".join(f"{li.name} ({li.rules:,})" for li in engine.lists
                    if li.source.startswith("auditor_rules/"))
    assert own and own in block.splitlines()[0], (own, block.splitlines()[0])
    names = ", ".join(f"{li.name} ({li.rules:,})" for li in engine.lists)
    if names not in block.splitlines()[0]:
        pytest.skip(f"the README was made with other lists than this machine's: {names}")
    monkeypatch.chdir(REPO)
    report = audit(Path("examples/wp-post-injected.json"), engine=engine)
    buffer = io.StringIO()
    reporter = TerminalReporter(buffer, __version__, width=80, color=False)
    reporter.start(engine.lists)
    for page in report.pages:
        reporter.handle(page)
    reporter.finished(RunSummary(1, 0, 0, 0, False, True))
    strip = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())
    assert strip == block.rstrip("\n")


@pytest.mark.parametrize("command", [
    ["audit", "https://news.example/2024/story"],
    ["bulk", "https://news.example/2024/story", "--store", "{tmp}/s.db"],
])
def test_a_url_given_as_input_is_said_not_to_be_fetched(
        command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new user's first try is often a URL: the error says auditor never fetches one,
    in one line, instead of a bare "no such file" that reads like a failed download."""
    argv = [a.replace("{tmp}", str(tmp_path)) for a in command] + ["--no-system-lists"]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("auditor: error: https://news.example/2024/story: no such file")
    assert "never fetches a URL" in err


def test_a_missing_file_is_still_just_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(tmp_path / "publc"), "--no-system-lists"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("publc: no such file")


def test_policy_and_no_policy_together_are_a_usage_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    """`[--policy FILE | --no-policy]`, as the synopsis says: given both, the gate ran under
    the policy the user had also said not to use."""
    with pytest.raises(SystemExit) as stop:
        main(["audit", str(EXAMPLE), "--no-policy", "--policy", str(SITE / "auditor.toml")])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["auditor audit: error: argument --policy: not allowed with argument "
                   "--no-policy (see --help)"]


@pytest.mark.parametrize("argv", [
    ["audit", str(EXAMPLE), "-o", "{tmp}/reports/"],
    ["audit", str(EXAMPLE), "--also", "md={tmp}/reports/"],
    ["bulk", str(EXAMPLE), "--store", "{tmp}/reports/"],
    ["report", "--store", "{tmp}/reports/"],
])
def test_an_output_that_ends_in_a_slash_is_a_folder_not_a_file(
        argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`-o reports/`, a folder meant and not there yet, wrote a file named `reports`."""
    with pytest.raises(SystemExit) as stop:
        main([a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert stop.value.code == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "reports/' ends in a slash, so names a folder" in line
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize(("guess", "hint"), [
    ("gate", "the CI gate is `auditor audit SITE_DIR --policy auditor.toml`"),
    ("update", "`auditor rules update`"),
    ("check", "`auditor rules check URL`"),
])
def test_a_command_guessed_from_the_docs_points_to_the_real_one(
        guess: str, hint: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The docs speak of "the gate" throughout; `auditor gate` said only "invalid choice"."""
    with pytest.raises(SystemExit) as stop:
        main([guess, "public"])
    assert stop.value.code == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"auditor: error: there is no `{guess}` command: ") and hint in line


@pytest.mark.parametrize("argv", [
    ["audit", ""],
    ["audit", str(EXAMPLE), "-o", ""],
    ["audit", str(EXAMPLE), "--policy", ""],
    ["audit", str(EXAMPLE), "--write-baseline", ""],
    ["bulk", "", "--store", "{tmp}/s.db"],
    ["bulk", str(EXAMPLE), "--store", ""],
    ["report", "--store", "{tmp}/s.db", "--graph", ""],
])
def test_an_empty_name_is_a_usage_error_not_the_working_directory(
        argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`auditor audit "$SITE_DIR"` with the variable unset passed '', which Path reads as
    '.': the gate judged the working directory instead of the site."""
    shutil.copytree(SITE / "public", tmp_path / "public")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main([a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert stop.value.code == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.endswith(": an empty name (an unset shell variable?) (see --help)")
