"""Hostile policy files are refused in one line with exit 2, in bounded time and memory.

Every case runs the real CLI in a child limited to 1 GiB of address space and a time
limit: before the limits, a 100 KB dotted key took 14 GB, 1,000 nested brackets were a
RecursionError, `[z-a]` an internal error and a backtracking glob ran for hours.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parents[2].parent / "shared" / "hostile" / "policy"
MEMORY = 1 << 30  # bytes of address space: the bound, and the machine's safety
SECONDS = 60  # these runs take ~2 s, mostly start-up; a hang would take hours
PAGE = ('<html><head><title>Home</title></head><body><p>Welcome.</p>'
        '<script src="https://a.magsrv.com/ad-provider.js"></script>'
        '<ins class="eas6a97888e2" data-zoneid="5876674"></ins></body></html>')


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run([sys.executable, "-m", "auditor", "audit", *args,
                               "--no-system-lists"], capture_output=True, text=True,
                              timeout=SECONDS, check=False, cwd=cwd, preexec_fn=_bounded,
                              env={**os.environ, "COLUMNS": "80"})
    except subprocess.TimeoutExpired:
        pytest.fail(f"auditor {' '.join(args)[:200]} ran for over {SECONDS} s")


def assert_refused(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    """Exit 2 and one line naming the problem: no traceback, no internal error."""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, \
        result.stderr[-2000:]
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: error: "), result.stderr[-2000:]
    for needle in needles:
        assert needle in lines[0]


def site(tmp: Path, policy: str | None = None, page: str = "index.html") -> Path:
    """A built site holding one page with an ExoClick ad, and its policy."""
    (tmp / "public" / page).parent.mkdir(parents=True, exist_ok=True)
    (tmp / "public" / page).write_text(PAGE)
    if policy is not None:
        (tmp / "auditor.toml").write_text(policy)
    return tmp


def audit_site(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run("public", "--base-url", "https://example.com", *args, cwd=tmp)


@pytest.fixture(scope="module")
def hostile() -> Path:
    if not HOSTILE.is_dir():
        pytest.skip(f"the hostile policies are not at {HOSTILE} (they live in ../shared)")
    return HOSTILE


@pytest.mark.parametrize(("name", "needle"), [
    ("deep-dotted-key.toml", "a dotted key or table name of more than 32 parts (at line 1)"),
    ("deep-array.toml", "arrays or tables nested more than 32 deep (at line 1)"),
    ("glob-bad-range.toml", "override[1].paths: '[z-a]' is not a valid glob"),
    ("nan-ratio.toml", "min_content_to_ad_ratio: expected a finite number, got nan"),
])
def test_shared_hostile_policies_are_refused(hostile: Path, name: str, needle: str) -> None:
    result = run("site", "--base-url", "https://example.com", "--policy", name, cwd=hostile)
    assert_refused(result, name, needle)


def test_shared_backtracking_glob_is_matched_in_linear_time(hostile: Path) -> None:
    result = run("site", "--base-url", "https://example.com", "--policy", "glob-redos.toml",
                 cwd=hostile)
    assert result.returncode == 0, result.stderr
    assert "policy passed" in result.stdout


DEEP = "a." * 50_000 + "a"


@pytest.mark.parametrize(("policy", "needle"), [
    pytest.param(f"{DEEP} = 1\n", "more than 32 parts (at line 1)", id="dotted-key"),
    pytest.param(f"[{DEEP}]\nmax_ad_slots = 0\n", "more than 32 parts", id="table-name"),
    pytest.param(f"[[{DEEP}]]\n", "more than 32 parts", id="array-of-tables-name"),
    pytest.param('"q" . ' * 20_000 + "a = 1\n", "more than 32 parts", id="quoted-parts"),
    pytest.param("a." * 32 + "a = 1\n", "more than 32 parts", id="33-parts"),
    pytest.param("fail_on_findings = " + "[" * 1000 + "]" * 1000 + "\n",
                 "nested more than 32 deep", id="deep-array"),
    pytest.param("x = " + "{a = " * 1000 + "1" + "}" * 1000 + "\n",
                 "nested more than 32 deep", id="deep-inline-table"),
    pytest.param("fail_on_findings = [" + "{a = [" * 400 + "]}" * 400 + "]\n",
                 "nested more than 32 deep", id="deep-mixed"),
    pytest.param("fail_on_findings = " + "[" * 33 + "]" * 33 + "\n",
                 "nested more than 32 deep", id="33-deep"),
    pytest.param("max_ad_slots = 0  # " + "a." * 40 + " [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n"
                 "x = '''" + "[" * 40 + "\n" + "a." * 40 + "'''\n"
                 'y = "' + "a." * 40 + '"\n'
                 "fail_on_findings = " + "[" * 1000 + "]" * 1000 + "\n", "deep (at line 5)",
                 id="after-strings-and-comments"),
    pytest.param('a = """x""""\n' + "b = '''y'''' #\n"  # content ends in quotes
                 "fail_on_findings = " + "[" * 1000 + "]" * 1000 + "\n", "deep (at line 3)",
                 id="after-strings-ending-in-quotes"),
    pytest.param("# padding\n" * 30_000 + "max_ad_slots = 0\n", "larger than 256 KiB",
                 id="300-KB"),
])
def test_a_hostile_policy_is_refused_before_tomllib_reads_it(tmp_path: Path, policy: str,
                                                             needle: str) -> None:
    assert_refused(audit_site(site(tmp_path, policy)), "auditor.toml", needle)


def test_a_hostile_pyproject_found_in_the_working_directory_is_refused(tmp_path: Path) -> None:
    """It may hold a [tool.auditor] table: the gate cannot tell, so it does not pass."""
    site(tmp_path)
    (tmp_path / "pyproject.toml").write_text(f"[tool.other]\n{DEEP} = 1\n\n[tool.auditor]\n"
                                             'deny_categories = ["advertising"]\n')
    assert_refused(audit_site(tmp_path), "pyproject.toml: a dotted key", "(at line 2)")


def test_a_policy_that_never_ends_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert_refused(audit_site(site(tmp_path), "--policy", "/dev/zero"), "larger than 256 KiB")


@pytest.mark.parametrize(("glob", "needle"), [
    ("[z-a]", "'[z-a]' is not a valid glob: the range 'z-a' runs backwards (write 'a-z')"),
    ("blog/[!9-0]*.html", "the range '9-0' runs backwards"),
    ("a" * 1025, "a glob of 1025 characters; at most 1024"),
], ids=["reversed", "reversed-negated", "1025-characters"])
def test_a_bad_glob_is_a_policy_error_naming_its_key(tmp_path: Path, glob: str,
                                                      needle: str) -> None:
    policy = ('[[override]]\npaths = ["blog/**"]\nmax_ad_slots = 1\n\n'
              f"[[override]]\npaths = ['index.html', '{glob}']\nmax_ad_slots = 5\n")
    assert_refused(audit_site(site(tmp_path, policy)), "auditor.toml: override[2].paths: ",
                   needle)


def test_a_class_holding_only_a_bracket_is_a_glob(tmp_path: Path) -> None:
    """`[!]]` means "not `]`", as in fnmatch; it was an internal error."""
    policy = '[[override]]\npaths = ["[!]]ndex.html"]\ndeny_categories = ["advertising"]\n'
    result = audit_site(site(tmp_path, policy))
    assert result.returncode == 1, result.stderr
    assert "a.magsrv.com" in result.stdout


def test_the_overrides_hold_at_most_1000_globs(tmp_path: Path) -> None:
    paths = ", ".join(f'"p{i}/**"' for i in range(1001))
    policy = f"[[override]]\npaths = [{paths}]\nmax_ad_slots = 5\n"
    assert_refused(audit_site(site(tmp_path, policy)), "override[1].paths: more than 1000 globs")


@pytest.mark.parametrize("glob", ["**a" * 15 + "b", "*a" * 20 + "b", "?*" * 20 + "b"])
def test_a_backtracking_glob_is_matched_in_linear_time(tmp_path: Path, glob: str) -> None:
    """On Python's `re` each of these backtracks for hours against this page's path; it
    does not match, so the top-level rule judges the page and its ad fails the gate."""
    policy = ('deny_categories = ["advertising"]\n\n'
              f"[[override]]\npaths = ['{glob}']\ndeny_categories = []\n")
    result = audit_site(site(tmp_path, policy, page="a" * 200 + "/" + "a" * 200 + ".html"))
    assert result.returncode == 1, result.stderr
    assert "a.magsrv.com" in result.stdout


def test_a_newline_in_a_file_name_does_not_dodge_an_override(tmp_path: Path) -> None:
    """`**` is any characters: a page named `a\\nb.html` is still under `blog/**`."""
    policy = '[[override]]\npaths = ["blog/**"]\ndeny_categories = ["advertising"]\n'
    result = audit_site(site(tmp_path, policy, page="blog/a\nb.html"))
    assert result.returncode == 1, result.stderr
    assert "a.magsrv.com" in result.stdout
