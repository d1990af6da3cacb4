"""The public suffix list is read and built into tries once a process, as tldextract
builds them, and each host is split as tldextract splits it: the audit reads the snapshot
tldextract ships without importing tldextract, whose `requests` import was ~80 ms of each
one-page CLI process."""

from __future__ import annotations

import pytest
import tldextract
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import urls
from auditor.suffixes import Suffixes
from tests.processes import fresh_interpreter


def test_the_list_is_read_once_and_tldextract_is_not_imported() -> None:
    probe = ("import sys\n"
             "import auditor.suffixes as s\n"
             "built = []\n"
             "real = s.Suffixes._built\n"
             "def spy(self):\n"
             "    built.append(1)\n"
             "    return real(self)\n"
             "s.Suffixes._built = spy\n"
             "from auditor.urls import public_site, registrable_domain\n"
             "print(registrable_domain('www.bbc.co.uk'), public_site('a.github.io'), len(built),\n"
             "      'tldextract' in sys.modules, 'requests' in sys.modules)\n")
    out = fresh_interpreter(probe)
    assert out.split() == ["bbc.co.uk", "False", "1", "False", "False"]


_THEIRS = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
_FIELDS = ("subdomain", "domain", "suffix", "is_private", "registry_suffix",
           "top_domain_under_public_suffix")


def _same(host: str) -> None:
    for private in (False, True):
        ours = urls._EXTRACT(host, include_psl_private_domains=private)
        theirs = _THEIRS(host, include_psl_private_domains=private)
        assert [getattr(ours, f) for f in _FIELDS] == [getattr(theirs, f) for f in _FIELDS], (
            host, private)


@pytest.mark.parametrize("host", [
    "a.github.io", "myblog.wpenginepowered.com", "www.bbc.co.uk", "x.blogspot.com",
    "203.0.113.5", "256.1.1.1", "1.2.3", "localhost", "herald.test", "s3.amazonaws.com",
    "a.b.c.appspot.com", "xn--80ak6aa92e.com", "xn--bad-.com", "www.ck", "a.b.ck", "ck",
    "city.kawasaki.jp", "x.y.kawasaki.jp", "WWW.BBC.CO.UK", "bbc.co.uk.", "a。b．c｡com",
    "[::1]", "[2001:db8::1]", "[nope]", "user:pw@host.example.com:8080", "https://a.b.co.uk/x?y#z",
    "//cdn.example.org/a.js", "ftp://x.org", "", ".", "..", "co.uk", "github.io",
    "a..b.com", " spaced.com ", "münchen.de", "xn--mnchen-3ya.de", "小米.cn", "x.公司.cn",
])
def test_a_host_is_split_as_tldextract_splits_it(host: str) -> None:
    _same(host)


_LABEL = st.sampled_from(["www", "a", "b-c", "xn--80ak6aa92e", "co", "uk", "com", "jp",
                          "kawasaki", "city", "ck", "www", "github", "io", "blogspot",
                          "appspot", "s3", "amazonaws", "1", "203", "0", "*", "", "Ab"])


@settings(max_examples=300)
@given(st.lists(_LABEL, max_size=6), st.sampled_from(["", "https://", "//", "x:"]),
       st.sampled_from(["", ":80", "/p", ".", "@h.com"]))
def test_any_host_is_split_as_tldextract_splits_it(labels: list[str], scheme: str,
                                                   tail: str) -> None:
    _same(scheme + ".".join(labels) + tail)


def test_a_list_given_as_text_is_read_with_its_private_section() -> None:
    split = Suffixes("com\n// ===BEGIN PRIVATE DOMAINS===\nhost.com\n")
    assert split("a.b.host.com").top_domain_under_public_suffix == "host.com"
    assert split("a.b.host.com", include_psl_private_domains=True).domain == "b"


@pytest.mark.parametrize("content", [None, b"\xff\xfe not utf-8 \xff", b"", b"// only a comment\n"])
def test_a_missing_unreadable_or_empty_snapshot_is_a_rule_error(
        tmp_path, monkeypatch: pytest.MonkeyPatch, content: bytes | None) -> None:
    """The snapshot is read at the first host: missing or unreadable it was an internal
    error (FileNotFoundError, UnicodeDecodeError); empty, every host split with no suffix
    and no registrable domain, silently (tldextract refuses a list of no suffix)."""
    from auditor import suffixes
    from auditor.errors import RuleError

    snapshot = tmp_path / ".tld_set_snapshot"
    if content is not None:
        snapshot.write_bytes(content)
    monkeypatch.setattr(suffixes, "snapshot_path", lambda: snapshot)
    with pytest.raises(RuleError, match=r"\.tld_set_snapshot.*public suffix list"):
        Suffixes()("www.bbc.co.uk")


def test_the_cli_names_a_missing_snapshot_in_one_line(tmp_path) -> None:
    import os
    import subprocess
    import sys

    fake = tmp_path / "site" / "tldextract"  # a tldextract whose snapshot is gone
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text('<html><body><script src="https://cdn.example.com/a.js"></script>'
                    "<p>text</p></body></html>", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(tmp_path / "site"), *(p for p in sys.path if p)]))
    env.pop("AUDITOR_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "auditor", "audit", str(page), "--format",
                           "json"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("auditor: error: ") and "public suffix list" in line, line


# classes the labels above miss: IDN labels as Unicode and as upper-case punycode, the
# other full stops tldextract reads as dots, wildcard and exception rules (*.ck, !www.ck;
# *.kawasaki.jp, !city.kawasaki.jp), private suffixes under a public one, IPv4/IPv6
# literals, userinfo, ports, empty labels and stray brackets
_ODD_LABEL = st.sampled_from(["www", "WWW", "XN--80AK6AA92E", "xn--mnchen-3ya", "münchen",
                              "小米", "公司", "cn", "de", "ck", "kawasaki", "city", "jp",
                              "Blogspot", "com", "github", "IO", "s3", "amazonaws", "co",
                              "uk", "255", "10", "0", "", " ", "İ", "a-b", "xn--", "*", "!www"])
_DOT = st.sampled_from([".", ".", ".", "\u3002", "\uff0e", "\uff61"])


@settings(max_examples=400)
@given(st.lists(st.tuples(_ODD_LABEL, _DOT), max_size=6),
       st.sampled_from(["", "http://", "HTTPS://", "//", "u:p@", "http://u@", "ws://a@b@"]),
       st.sampled_from(["", ":8080", ":", "/p?q#f", "..", "\u3002", "?x", "#y", "@z.com",
                        "]", "[::1]"]))
def test_odd_hosts_are_split_as_tldextract_splits_them(parts: list[tuple[str, str]],
                                                        scheme: str, tail: str) -> None:
    host = "".join(label + dot for label, dot in parts)[:-1] if parts else ""
    _same(scheme + host + tail)


@settings(max_examples=300)
@given(st.text(alphabet="ab1.:@[]/*!-x\u3002İ ", max_size=24))
def test_any_text_is_split_as_tldextract_splits_it(text: str) -> None:
    _same(text)


@pytest.mark.parametrize("shape", [
    lambda n: "a." * n + "com",  # many labels, each decoded
    lambda n: "xn--80ak6aa92e." * (n // 8) + "co.uk",  # many punycode labels
    lambda n: "u@" * n + "x.blogspot.com:80",  # userinfo
    lambda n: "x" * n + ".kawasaki.jp",  # one long label under a wildcard
])
def test_a_long_host_is_split_in_linear_time(shape) -> None:  # type: ignore[no-untyped-def]
    import time

    from tests.hostile.scaling import assert_linear

    split = urls._EXTRACT
    split("warm.example")

    def seconds(n: int) -> float:
        host = shape(n)
        start = time.perf_counter()
        for private in (False, True):
            split(host, include_psl_private_domains=private)
        return time.perf_counter() - start

    assert_linear(seconds, 25_000, "a long host")


def test_no_tldextract_is_a_rule_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor import suffixes
    from auditor.errors import RuleError

    monkeypatch.setattr(suffixes.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(RuleError, match="tldextract: cannot read the public suffix list: "
                                        "tldextract is not installed"):
        Suffixes()("www.bbc.co.uk")


def test_a_top_level_labels_subtrie_is_built_at_its_first_question() -> None:
    """Building every suffix into both tries was ~25 ms of each process; a page asks of a
    few top-level labels, whose subtries alone are built, with the wildcard's and the
    exception's at the top (`!x`), which a walk from the root also reads."""
    listed = Suffixes("uk\nco.uk\n*.ck\n!www.ck\ncom\n!top\n"
                      "// ===BEGIN PRIVATE DOMAINS===\nblogspot.com\n")
    assert listed("a.b.co.uk").suffix == "co.uk"
    tries = listed._tries
    assert tries is not None and set(tries[0].matches) == {"uk"}
    assert (listed("x.y.ck").suffix, listed("www.ck").suffix) == ("y.ck", "ck")
    assert (listed("a.b.zz").suffix, listed("a.top").suffix) == ("", "")
    assert listed("me.blogspot.com", include_psl_private_domains=True).suffix == "blogspot.com"
    assert listed("me.blogspot.com").suffix == "com"
    assert "com" in tries[1].matches and "org" not in tries[1].matches
