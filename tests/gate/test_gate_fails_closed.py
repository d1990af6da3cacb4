"""The gate's outputs and exit codes fail closed, run as CI runs them: the real CLI in a
subprocess, on a copy of examples/site (docs/CI.md, docs/CONTRACT-ADDITIONS.md)."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.gate.test_gate_cli import EXAMPLE, inject, run


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of examples/site: public/ is the built site (a clean one: policy passes)."""
    shutil.copytree(EXAMPLE, tmp_path / "site")
    return tmp_path / "site"


# a file a site build can leave among its pages: bytes no reader takes
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
FORMATS = ("md", "junit", "sarif", "json", "html")


def _all_formats(site: Path, *args: str) -> tuple[int, dict[str, str]]:
    """One gated run writing the terminal report to stdout and every other format beside
    it; its exit status and each format's text."""
    also = [a for fmt in FORMATS for a in ("--also", f"{fmt}=out/report.{fmt}")]
    (site / "out").mkdir(exist_ok=True)
    result = run("audit", "public", *args, *also, cwd=site)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    texts = {fmt: (site / "out" / f"report.{fmt}").read_text(encoding="utf-8")
             for fmt in FORMATS}
    return result.returncode, {"terminal": result.stdout, **texts}


@pytest.mark.parametrize("how", ["allowed", "baselined"])
def test_an_unreadable_page_the_gate_lets_by_says_so_in_every_format(
        site: Path, how: str) -> None:
    """A passing run with a page it could not read (`allow_unreadable = true`, or its
    `unreadable` violation in the baseline) showed that page as `FAIL (0)` in the
    terminal's summary, an `<error>` test case in JUnit (a failed test in CI views) and an
    `error` notification in SARIF. Each format now says what happened, and none says FAIL."""
    (site / "public" / "logo.html").write_bytes(BINARY)
    policy = site / "auditor.toml"
    extra: list[str] = []
    if how == "allowed":
        policy.write_text("allow_unreadable = true\n" + policy.read_text())
    else:
        assert run("audit", "public", "--write-baseline", "b.json", cwd=site).returncode == 0
        extra = ["--baseline", "b.json"]
    status, out = _all_formats(site, *extra, "--width", "100")
    assert status == 0
    says = "allowed by allow_unreadable" if how == "allowed" else "accepted by the baseline"
    for fmt, text in out.items():
        assert "FAIL" not in text, fmt
    assert f"public/logo.html  unreadable, {says}: " in out["terminal"]
    assert out["terminal"].rstrip().endswith("policy passed")
    assert out["md"].startswith(f"## ✅ auditor: policy passed on 6 pages · 1 unreadable, "
                                f"{says.replace('_', chr(92) + '_')}")
    suite = ET.fromstring(out["junit"]).find("testsuite")
    assert suite is not None
    assert (suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("0", "0", "1")
    case = next(c for c in suite.iter("testcase") if c.get("name") == "public/logo.html")
    skipped = case.find("skipped")
    assert skipped is not None and case.find("error") is None
    assert skipped.get("message", "").startswith(f"unreadable, {says}: public/logo.html: ")
    run_ = json.loads(out["sarif"])["runs"][0]
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning"]
    assert notes[0]["message"]["text"].startswith(f"unreadable, {says}: ")
    assert run_["properties"]["passed"] is True
    assert all("suppressions" in r for r in run_["results"])  # a baselined one, if any
    doc = json.loads(out["json"])
    assert doc["summary"]["passed"] is True
    assert [(p["input"], p["unreadable"]) for p in doc["pages"] if p["errors"]] == [
        ("public/logo.html", how)]
    assert f"UNREADABLE ({how.upper()})" in out["html"] and ">ERROR<" not in out["html"]


def test_an_unreadable_page_that_fails_still_says_fail_in_every_format(site: Path) -> None:
    """The other side: under the default `allow_unreadable = false` the page fails the
    gate (exit 1), and every format says so."""
    (site / "public" / "logo.html").write_bytes(BINARY)
    status, out = _all_formats(site, "--width", "100")
    assert status == 1
    assert "FAIL (1)" in out["terminal"] and "policy FAILED (1 violation)" in out["terminal"]
    assert out["md"].startswith("## ❌ auditor: policy failed on 1 of 6 pages · 1 "
                                "unreadable, failing")
    suite = ET.fromstring(out["junit"]).find("testsuite")
    assert suite is not None and (suite.get("errors"), suite.get("skipped")) == ("1", "0")
    run_ = json.loads(out["sarif"])["runs"][0]
    assert [n["level"] for n in run_["invocations"][0]["toolExecutionNotifications"]] == [
        "error"]
    assert [r["ruleId"] for r in run_["results"]] == ["unreadable"]
    doc = json.loads(out["json"])
    assert [p["unreadable"] for p in doc["pages"] if p["errors"]] == ["failing"]
    assert ">ERROR<" in out["html"]


def test_write_baseline_dash_is_stdout_never_a_file_named_dash(site: Path) -> None:
    """`--write-baseline -` made a file named `-` in the working directory (and its
    closing line said "recorded in the baseline -"), where `-o -` and `--also md=-` mean
    stdout. Now it is stdout too; beside a report that also goes to stdout it is refused
    as two outputs in one stream, and `./-` still names a file."""
    inject(site, "blog/market-day.html")
    result = run("audit", "public", "--write-baseline", "-", "-o", "report.json", cwd=site)
    assert result.returncode == 0, result.stderr
    baseline = json.loads(result.stdout)
    assert baseline["tool"] == "auditor" and baseline["fingerprints"]
    assert result.stderr.strip().endswith(
        f"wrote {len(baseline['fingerprints'])} fingerprints to baseline stdout")
    assert not (site / "-").exists()
    (site / "b.json").write_text(result.stdout)  # what it printed is a baseline that works
    assert run("audit", "public", "--baseline", "b.json", cwd=site).returncode == 0

    result = run("audit", "public", "--write-baseline", "-", "--format", "json", cwd=site)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == ("auditor: error: stdout: given as two outputs; each "
                                     "report needs its own file")
    assert not (site / "-").exists()
    assert run("audit", "public", "--write-baseline", "./-", cwd=site).returncode == 0
    assert json.loads((site / "-").read_text())["fingerprints"]


@pytest.mark.parametrize("argv", [
    ["bulk", "public", "--store", "-"],
    ["bulk", "public", "--store", "s.db", "--engine", "dask", "--parquet", "-"],
    ["report", "--store", "-"],
    ["report", "--parquet", "-"],
])
def test_a_store_or_dataset_named_dash_is_refused(site: Path, argv: list[str]) -> None:
    """`bulk --store -` wrote a SQLite store (and its lock) named `-`: `-` means a stream
    everywhere else, and a store cannot be one."""
    result = run(*argv, cwd=site)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("- (stdout or stdin) cannot be a file here: name "
                                          "one (./- for a file named -) (see --help)")
    assert sorted(p.name for p in site.iterdir()) == [
        "README.md", "auditor.toml", "injected", "public"]


def _allowing(site: Path) -> None:
    policy = site / "auditor.toml"
    policy.write_text("allow_unreadable = true\n" + policy.read_text())


@pytest.fixture(scope="module")
def public_alone(tmp_path_factory: pytest.TempPathFactory) -> Callable[[bool], int]:
    """The exit status of `audit public` alone on a copy of the site, under
    `allow_unreadable` or not: once each, for every case that names another input beside
    it (those inputs sit outside `public/`, so the run is the same for all of them)."""
    done: dict[bool, int] = {}

    def status(allow: bool) -> int:
        if allow not in done:
            site = tmp_path_factory.mktemp("alone") / "site"
            shutil.copytree(EXAMPLE, site)
            if allow:
                _allowing(site)
            done[allow] = run("audit", "public", "--format", "json", cwd=site).returncode
        return done[allow]
    return status


@pytest.mark.parametrize("allow", [False, True])
@pytest.mark.parametrize("given", ["publc", "empty-build", "images.zip", "empty.html",
                                   "empty.html.gz", "empty.html.br", "posts.json"])
def test_an_input_that_is_not_there_or_holds_no_page_is_not_judged_exit_2(
        site: Path, public_alone: Callable[[bool], int], allow: bool, given: str) -> None:
    """Beside other inputs, a mistyped path (`publc`), a build folder that came out
    empty, or an archive holding no page exited 1 ("violations": its `unreadable`) and,
    under `allow_unreadable = true`, 0: "policy passed" on a run that judged none of what
    that input was meant to hold. Now it is 2, "could not judge", and no report passes.
    So is a page named on its own that holds no byte (`empty.html`, a build step that
    wrote nothing): `allow_unreadable` let it by as a page the site holds. A gzip or
    brotli of no byte and a WordPress dump of no post (`[]`) were still let by."""
    import gzip
    import zipfile

    import brotli

    (site / "empty.html").write_bytes(b"")
    (site / "empty.html.gz").write_bytes(gzip.compress(b""))
    (site / "empty.html.br").write_bytes(brotli.compress(b""))
    (site / "posts.json").write_bytes(b"[]")
    (site / "empty-build").mkdir()
    (site / "empty-build" / "logo.png").write_bytes(BINARY)
    with zipfile.ZipFile(site / "images.zip", "w") as zf:
        zf.writestr("logo.png", BINARY)
    if allow:
        _allowing(site)
    result = run("audit", "public", given, "--format", "json", "--write-baseline", "b.json",
                 cwd=site)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(
        f"auditor: error: the policy could not judge every input: {given}: ")
    doc = json.loads(result.stdout)
    assert doc["summary"]["passed"] is False
    # the input that failed the run is failing in the report, never "allowed" (it read
    # "unreadable, allowed by allow_unreadable" in every format of a run that exited 2)
    # (an archive of images is one too, standing for what it held: it was in no format)
    assert [(p["input"], p["unreadable"]) for p in doc["pages"] if p["errors"]] == [
        (given, "failing")]
    assert not (site / "b.json").exists()  # a baseline of part of the run is none
    assert public_alone(allow) == 0  # without `given`, the same run passes


def test_an_empty_page_inside_the_site_is_what_allow_unreadable_lets_by(site: Path) -> None:
    """An empty file a folder holds is a page of the site that could not be read:
    `allow_unreadable = true` lets it by (the flag CI.md documents), as before."""
    (site / "public" / "blank.html").write_bytes(b"")
    policy = site / "auditor.toml"
    policy.write_text("allow_unreadable = true\n" + policy.read_text())
    result = run("audit", "public", "--format", "json", cwd=site)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [p["unreadable"] for p in doc["pages"] if p["errors"]] == ["allowed"]


# the CLI, with one folder of the site unlistable (EACCES from a folder another user
# owns with mode 0700, which the tests' root user cannot be kept out of by chmod)
_LOCKED_FOLDER = """
import os, sys
from auditor.cli import main

listed = os.scandir
def scandir(path="."):
    if os.path.basename(os.fspath(path)) == "blog":
        raise PermissionError(13, "Permission denied", os.fspath(path))
    return listed(path)

os.scandir = scandir
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("base_url", "allow"), [(True, False), (True, True), (False, False)])
def test_a_folder_the_walk_cannot_list_is_unreadable_not_passed(
        site: Path, base_url: bool, allow: bool) -> None:
    """A site folder the job may not list (`public/blog`, mode 0700 of another user) was
    passed over without a word: its pages never judged, the policy passed. It is now an
    unreadable entry, and the gate could not judge it (2), whatever `allow_unreadable`
    says: that lets by a page it could not read, not a folder of pages it never saw
    (it let this one by, exit 0, and every report said "allowed")."""
    import os
    import subprocess
    import sys

    inject(site, "blog/market-day.html")  # what hides in the folder: a denied network
    if allow:
        policy = site / "auditor.toml"
        policy.write_text("allow_unreadable = true\n" + policy.read_text())
    argv = [sys.executable, "-c", _LOCKED_FOLDER, "audit", "public", "--format", "json",
            *(["--base-url", "https://example.com"] if base_url else ["--no-policy"])]
    if not base_url:  # a plain walk: no gate, but the folder is an error, not nothing
        result = subprocess.run(argv, cwd=site, capture_output=True, text=True,
                                timeout=300, check=False)
        assert result.returncode == 2
        errors = [p["errors"] for p in json.loads(result.stdout)["pages"] if p["errors"]]
        assert errors == [["public/blog: cannot list the folder: Permission denied"]]
        return
    result = subprocess.run(argv, cwd=site, capture_output=True, text=True, timeout=300,
                            check=False, env={k: v for k, v in os.environ.items()
                                              if k != "GITHUB_ACTIONS"})
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "auditor: error: the policy could not judge every input: public/blog: cannot list "
        "the folder: Permission denied")
    doc = json.loads(result.stdout)
    failed = {v["path"]: v["clause"] for p in doc["pages"] for v in p["violations"]}
    assert failed == {"blog": "unreadable"}
    assert [p["unreadable"] for p in doc["pages"] if p["errors"]] == ["failing"]
    assert doc["summary"]["passed"] is False


def _stderr(how: str) -> int | None:
    """A descriptor for the command's stderr that takes no write: a pipe whose reader
    quit (`2> >(exit)`), a full disk (`2>/dev/full`, a log on a full volume); None where
    the child closes it itself (`2>&-`)."""
    import os

    if how == "reader-quit":
        read, write = os.pipe()
        os.close(read)
        return write
    if how == "full":
        return os.open("/dev/full", os.O_WRONLY)
    return None


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("how", ["reader-quit", "full", "closed"])
def test_a_stderr_no_line_can_reach_never_changes_the_verdict(site: Path, how: str) -> None:
    """`auditor audit public publc` whose stderr's reader had quit exited 0, "passed":
    the one-line error's BrokenPipeError was taken for stdout's reader stopping. On a
    full disk, or a descriptor the shell closed, it was 1 ("violations"), not 2. With
    stderr closed the error line went into the JSON on stdout (`print(file=None)`)."""
    import os
    import subprocess
    import sys

    err = _stderr(how)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "auditor", "audit", "public", "publc", "--format", "json"],
            cwd=site, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
            text=True, timeout=300, check=False,
            preexec_fn=(lambda: os.close(2)) if err is None else None)
    finally:
        if err is not None:
            os.close(err)
    assert result.returncode == 2
    doc = json.loads(result.stdout)  # the report whole, and nothing after it
    assert doc["summary"]["passed"] is False
