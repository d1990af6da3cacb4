"""Policy files: what loads, and every bad key or type exits 2 naming the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.cli import main
from auditor.gate.globs import glob_match
from auditor.gate.interface import PageRules, PolicyError
from auditor.gate.policy import find_policy, load_policy, parse_policy, rules_for
from auditor.model import Severity

NETWORKS = ["ExoClick", "Google Analytics", "Google AdSense"]

FULL = """
base_url = "https://example.com"
site_root = "public"
first_party = ["Example-CDN.net", "*.static.example"]
allow_hosts = ["fonts.googleapis.com"]
deny_hosts = ["magsrv.com"]
allow_networks = ["google analytics"]
deny_networks = ["ExoClick"]
allow_categories = ["content"]
deny_categories = ["advertising", "session-replay"]
max_ad_slots = 0
max_third_party_hosts = 10
max_ad_area_px = 250000
min_content_to_ad_ratio = 3
fail_on_severity = "high"
fail_on_findings = ["hidden-iframe"]

[[override]]
paths = ["blog/**"]
max_ad_slots = 2

[[override]]
paths = ["blog/sponsored/*.html"]
deny_categories = []
"""


def test_full_policy_loads(tmp_path: Path) -> None:
    path = tmp_path / "auditor.toml"
    path.write_text(FULL)
    policy = load_policy(path, NETWORKS)
    assert policy.base_url == "https://example.com"
    assert policy.site_root == (tmp_path / "public").resolve()
    assert policy.rules == PageRules(
        first_party=("example-cdn.net", "static.example"),
        allow_hosts=("fonts.googleapis.com",), deny_hosts=("magsrv.com",),
        allow_networks=("Google Analytics",), deny_networks=("ExoClick",),
        allow_categories=("content",), deny_categories=("advertising", "session-replay"),
        max_ad_slots=0, max_third_party_hosts=10, max_ad_area_px=250000,
        min_content_to_ad_ratio=3.0, fail_on_severity=Severity.HIGH,
        fail_on_findings=("hidden-iframe",))
    assert [o.paths for o in policy.overrides] == [("blog/**",), ("blog/sponsored/*.html",)]


@pytest.mark.parametrize(("path", "max_ad_slots", "deny_categories"), [
    ("index.html", 0, ("advertising", "session-replay")),
    ("blog/a.html", 2, ("advertising", "session-replay")),
    ("blog/sponsored/b.html", 2, ()),            # both overrides, in file order
    ("blog/sponsored/deep/c.html", 2, ("advertising", "session-replay")),  # `*`: one segment
])
def test_overrides_apply_in_order(tmp_path: Path, path: str, max_ad_slots: int,
                                  deny_categories: tuple[str, ...]) -> None:
    (tmp_path / "auditor.toml").write_text(FULL)
    policy = load_policy(tmp_path / "auditor.toml", NETWORKS)
    rules = rules_for(policy, path)
    assert (rules.max_ad_slots, rules.deny_categories) == (max_ad_slots, deny_categories)


def test_pyproject_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.auditor]\nmax_ad_slots = 1\n\n'
                    '[[tool.auditor.override]]\npaths = ["amp/**"]\nmax_ad_slots = 3\n')
    policy = load_policy(path, NETWORKS)
    assert policy.rules.max_ad_slots == 1
    assert rules_for(policy, "amp/x.html").max_ad_slots == 3


def test_find_policy(tmp_path: Path) -> None:
    assert find_policy(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_policy(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[tool.auditor]\nmax_ad_slots = 0\n')
    assert find_policy(tmp_path) == tmp_path / "pyproject.toml"
    (tmp_path / "auditor.toml").write_text("max_ad_slots = 0\n")
    assert find_policy(tmp_path) == tmp_path / "auditor.toml"


# (file name, content, what the one-line message must name besides the file)
BAD: list[tuple[str, str, str]] = [
    ("auditor.toml", "max_ads = 1\n", "unknown key 'max_ads'"),
    ("auditor.toml", "max_ads = 1\n", "did you mean 'max_ad_slots'"),
    ("auditor.toml", "deny_category = ['advertising']\n", "deny_category"),
    ("auditor.toml", "max_ad_slots = '3'\n", "max_ad_slots: expected an integer"),
    ("auditor.toml", "max_ad_slots = 2.5\n", "max_ad_slots: expected an integer"),
    ("auditor.toml", "max_ad_slots = true\n", "max_ad_slots: expected an integer"),
    ("auditor.toml", "max_ad_slots = -1\n", "max_ad_slots: expected 0 or more"),
    ("auditor.toml", "max_third_party_hosts = [1]\n", "max_third_party_hosts"),
    ("auditor.toml", "max_ad_area_px = '300x250'\n", "max_ad_area_px"),
    ("auditor.toml", "min_content_to_ad_ratio = 'high'\n", "min_content_to_ad_ratio"),
    ("auditor.toml", "first_party = 'example.com'\n", "first_party: expected a list of strings"),
    ("auditor.toml", "allow_hosts = ['a.com', 3]\n", "allow_hosts: expected a list of strings"),
    ("auditor.toml", "deny_hosts = ['https://ads.example/x']\n", "deny_hosts: 'https://ads"),
    ("auditor.toml", "allow_networks = ['Exoclik']\n", "allow_networks: unknown network"),
    ("auditor.toml", "deny_networks = ['Exoclik']\n", "did you mean 'ExoClick'"),
    ("auditor.toml", "deny_categories = ['ads']\n", "deny_categories: unknown category 'ads'"),
    ("auditor.toml", "allow_categories = 'analytics'\n", "allow_categories"),
    ("auditor.toml", "deny_categories = ['analytics']\nallow_categories = ['analytics']\n",
     "deny_categories: 'analytics' is also in allow_categories"),
    ("auditor.toml", "fail_on_severity = 'critical'\n", "fail_on_severity: expected one of"),
    ("auditor.toml", "fail_on_severity = 3\n", "fail_on_severity"),
    ("auditor.toml", "fail_on_findings = 'hidden-iframe'\n", "fail_on_findings"),
    ("auditor.toml", "fail_on_findings = ['hiden-iframe']\n",
     "fail_on_findings: unknown finding kind 'hiden-iframe' (did you mean 'hidden-iframe'?)"),
    ("auditor.toml", "fail_on_findings = ['zzz']\n",
     "unknown finding kind 'zzz' (one of: ad-in-body, ad-template-comment, "),
    ("auditor.toml", "[[override]]\npaths = ['a/**']\nfail_on_findings = ['redirects']\n",
     "override[1].fail_on_findings: unknown finding kind 'redirects' (did you mean 'redirect'?)"),
    ("auditor.toml", "base_url = 'example.com'\n", "base_url: expected an http(s) URL"),
    ("auditor.toml", "site_root = 1\n", "site_root: expected a string"),
    ("auditor.toml", "override = 1\n", "override: expected an array of tables"),
    ("auditor.toml", "[[override]]\nmax_ad_slots = 1\n", "override[1].paths: missing"),
    ("auditor.toml", "[[override]]\npaths = 'blog/**'\n", "override[1].paths: expected a list"),
    ("auditor.toml", "[[override]]\npaths = []\n", "override[1].paths: empty"),
    ("auditor.toml", "[[override]]\npaths = ['a/**']\nmax_ads = 1\n",
     "unknown key 'override[1].max_ads'"),
    ("auditor.toml", "[[override]]\npaths = ['a/**']\nmax_ad_slots = 'x'\n",
     "override[1].max_ad_slots: expected an integer"),
    ("auditor.toml", "[[override]]\npaths = ['a/**']\nbase_url = 'https://x.test'\n",
     "unknown key 'override[1].base_url'"),
    ("auditor.toml", "max_ad_slots = \n", "invalid TOML"),
    # a host pattern that can never match a request gates nothing: an error
    ("auditor.toml", "deny_hosts = ['magsrv.com:443']\n", "not a host name (no port"),
    ("auditor.toml", "deny_hosts = ['*magsrv.com']\n", "deny_hosts: '*magsrv.com' is not a"),
    ("auditor.toml", "deny_hosts = ['ads .example']\n", "is not a host name"),
    ("auditor.toml", "first_party = ['com']\n", "first_party: 'com' is a public suffix"),
    ("auditor.toml", "allow_hosts = ['github.io']\n", "allow_hosts: 'github.io' is a public"),
    ("auditor.toml", "", "empty policy: it sets no rule"),
    ("auditor.toml", "# deny_hosts = ['magsrv.com']\n", "empty policy"),
    ("pyproject.toml", "[tool.auditor]\n", "[tool.auditor] empty policy"),
    ("pyproject.toml", "[tool.auditor]\nmax_ads = 1\n", "[tool.auditor] unknown key 'max_ads'"),
    ("pyproject.toml", "[tool.auditor]\nmax_ad_slots = 'x'\n", "max_ad_slots: expected"),
    ("pyproject.toml", "[project]\nname = 'x'\n", "no [tool.auditor] table"),
    # an integer TOML cannot hold: a gate of no limit, or an internal error (OverflowError
    # making a float of it; Python's 4,300-digit limit)
    ("auditor.toml", "max_ad_slots = 99999999999999999999999\n",
     "max_ad_slots: out of TOML's 64-bit integer range"),
    ("auditor.toml", "min_content_to_ad_ratio = 1" + "0" * 400 + "\n",
     "min_content_to_ad_ratio: out of TOML's 64-bit integer range"),
    ("auditor.toml", "max_ad_slots = " + "1" * 5000 + "\n",
     "invalid TOML: an integer of thousands of digits, out of TOML's 64-bit integer range"),
    ("auditor.toml", "[[override]]\npaths = ['a/**']\nmax_ad_slots = 9223372036854775808\n",
     "override[1].max_ad_slots: out of TOML's 64-bit"),
    ("pyproject.toml", "[tool.auditor]\nmax_ad_slots = 9223372036854775808\n",
     "[tool.auditor] max_ad_slots: out of TOML's 64-bit integer range"),
]


@pytest.mark.parametrize(("name", "content", "needle"), BAD,
                         ids=[f"{b[0]}:{b[2][:40]}" for b in BAD])
def test_bad_policy_exits_2_naming_key_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, needle: str
) -> None:
    policy = tmp_path / name
    policy.write_text(content)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>hello</p></body></html>\n")
    code = main(["audit", str(page), "--policy", str(policy), "--no-system-lists"])
    err = capsys.readouterr().err
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(policy) in lines[0]
    assert needle in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("problem", ["missing", "directory"])
def test_unreadable_policy_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   problem: str) -> None:
    policy = tmp_path / "auditor.toml"
    if problem == "directory":
        policy.mkdir()
    page = tmp_path / "page.html"
    page.write_text("<p>hello</p>\n")
    assert main(["audit", str(page), "--policy", str(policy), "--no-system-lists"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(policy) in err


def test_a_host_is_compared_as_requests_carry_it(tmp_path: Path) -> None:
    """A full-width host in a policy is the host a browser requests (IDNA maps it), and a
    deny list may name a whole suffix (every `.xyz` site)."""
    policy = tmp_path / "auditor.toml"
    policy.write_text("deny_hosts = ['\uff4d\uff41\uff47\uff53\uff52\uff56.com', 'xyz']\n")
    assert load_policy(policy).rules.deny_hosts == ("magsrv.com", "xyz")
    policy.write_text("deny_hosts = ['[2001:db8::1]', '2001:0db8:0::2']\n")  # as hosts hold them
    assert load_policy(policy).rules.deny_hosts == ("2001:db8::1", "2001:db8::2")


def test_networks_are_checked_only_when_a_catalogue_is_given() -> None:
    policy = parse_policy({"deny_networks": ["Some New Network"]}, Path("auditor.toml"))
    assert policy.rules.deny_networks == ("Some New Network",)
    with pytest.raises(PolicyError, match="unknown network"):
        parse_policy({"deny_networks": ["Some New Network"]}, Path("auditor.toml"), NETWORKS)


@pytest.mark.parametrize(("pattern", "path", "expected"), [
    ("blog/**", "blog/a.html", True),
    ("blog/**", "blog/2024/05/a.html", True),
    ("blog/**", "blogs/a.html", False),
    ("blog/*", "blog/2024/a.html", False),
    ("blog/*.html", "blog/a.html", True),
    ("**/amp/**", "amp/a.html", True),
    ("**/amp/**", "news/amp/a.html", True),
    ("*.html", "index.html", True),
    ("*.html", "blog/index.html", False),
    ("**/*.html", "blog/index.html", True),
    ("page?.html", "page1.html", True),
    ("page[0-9].html", "page7.html", True),
    ("page[!0-9].html", "page7.html", False),
    ("/blog/**", "blog/a.html", True),
    ("blog/*.html", "blog/caf\udce9.html", True),  # an undecodable byte in a file name
    ("page?.html", "page\udce9.html", True),
    ("a+(b)$.html", "a+(b)$.html", True),  # regex syntax is itself
    ("caf\u00e9 menu/*", "caf\u00e9 menu/x.html", True),
    ("[]]x", "]x", True),  # `]` first in a class is itself
    ("[a-]x", "-x", True),
    ("[^a]", "^", True),  # only `!` negates
    ("a[b", "a[b", True),  # a `[` that never closes is itself
])
def test_globs(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


def test_the_toml_limits_leave_real_files_alone(tmp_path: Path) -> None:
    """Keys of 32 parts, 32 levels of nesting, and dots and brackets inside strings and
    comments: a real pyproject.toml may hold any of them."""
    many = ".".join("abcdefghijklmnopqrstuvwxyzabcdefgh") + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[{'.'.join(['t'] * 32)}]\n"
                    f"{'.'.join(['k'] * 32)} = {'[' * 32}{']' * 32}\n"
                    f"a = '{many}'  # {many}\n"
                    f'b = "\\"{many}"\n'
                    f"c = '''\n{many}'''''\n"
                    f'd = """\n{many}\\""""\n'
                    f'"{many}" = 1\n'
                    "\n[tool.auditor]\nmax_ad_slots = 1\n")
    assert load_policy(path, NETWORKS).rules.max_ad_slots == 1
