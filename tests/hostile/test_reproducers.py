"""The hostile-input reproducers (../shared/hostile) give the right answer, never an
internal error; each also has a variant written here, so the behaviour is pinned where
the shared set is absent."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from archive_fixtures import linked_site

from tests.processes import forked_runs

HOSTILE = Path(__file__).resolve().parents[2].parent / "shared" / "hostile"
FORMATS = ("json", "jsonl", "terminal", "md", "html", "sarif", "junit")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "auditor", *args, "--no-system-lists"],
                          capture_output=True, text=True, timeout=300, check=False, cwd=cwd,
                          env={**os.environ, "COLUMNS": "80"})


@pytest.fixture(scope="module")
def hostile() -> Path:
    if not (HOSTILE / "INDEX.md").exists():
        pytest.skip(f"the hostile reproducers are not at {HOSTILE} (they live in ../shared)")
    return HOSTILE


def _clean(result: subprocess.CompletedProcess[str], fmt: str) -> None:
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert "\x1b" not in result.stderr
    assert result.returncode in (0, 2), result.stderr
    if fmt == "json" and result.returncode == 0:
        json.loads(result.stdout)  # stays valid with U+2028 and lone surrogates in values
    if fmt == "jsonl" and result.returncode == 0:
        for line in filter(None, result.stdout.split("\n")):  # JSON lines end at \n only
            json.loads(line)


_ONCE_BROKE = ["wp-lone-surrogate.json", "json-bigint.json", "tar-pax-size-huge.tar",
               "gpt-ctrl-char.html", "ipv6-link.json", "charset-undefined.html",
               "u2028-url.html", "u2028-title.html", "bulk/bigint-line.jsonl",
               "bulk/gpt-ctrl.jsonl", "bulk/ipv6-url.jsonl"]
_ONCE_BROKE_FORMATS = ["json", "jsonl", "terminal"]


@pytest.fixture(scope="module")
def once_broke(hostile: Path) -> dict[tuple[str, str], subprocess.CompletedProcess[str]]:
    """Each page that once broke the CLI audited in each format, each run a process of
    its own as `run` makes (`forked_runs`: the imports paid once for the 33)."""
    cases = [(name, fmt) for name in _ONCE_BROKE for fmt in _ONCE_BROKE_FORMATS]
    done = forked_runs([["audit", str(hostile / name), "--format", fmt, "--no-system-lists"]
                        for name, fmt in cases], env={**os.environ, "COLUMNS": "80"})
    return dict(zip(cases, done, strict=True))


@pytest.mark.parametrize("name", _ONCE_BROKE)
@pytest.mark.parametrize("fmt", _ONCE_BROKE_FORMATS)
def test_no_internal_error(once_broke: dict[tuple[str, str], subprocess.CompletedProcess[str]],
                           name: str, fmt: str) -> None:
    _clean(once_broke[name, fmt], fmt)


def test_urls_that_do_not_split_are_no_urls(tmp_path: Path) -> None:
    """`http://[x/` makes urlsplit raise. In a canonical, a byline, a meta refresh, a
    rel=next, a hidden link and an own link at once, each stage that reads a URL there
    (the scorecard's rows, authorship, link farms) passes over it; the ads are found."""
    page = tmp_path / "brackets.html"
    page.write_text(
        '<html><head><link rel=canonical href="http://[x/?utm_source=taboola">'
        '<meta name="author" content="https://[x/jane_doe">'
        '<meta http-equiv="refresh" content="30;url=http://[z/">'
        '<link rel="next" href="http://[n/page/2"></head><body><article><p>By '
        'https://[q/john</p></article><a href="http://[y/?gclid=1">own</a>'
        '<div style="display:none"><a href="http://[s/submit?url=http://x">a</a>'
        '<a href="https://[t/share?u=http://y">b</a><a href="http://[u/">c</a></div>'
        '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js">'
        '</script><ins class="adsbygoogle" data-ad-client="ca-pub-4821730195648203"></ins>'
        "</body></html>", encoding="utf-8")
    done = run("audit", str(page), "--url", "https://site.example/a/story-slug",
               "--format", "json")
    _clean(done, "json")
    report = json.loads(done.stdout)["pages"][0]
    assert [i["value"] for i in report["ids"]] == ["ca-pub-4821730195648203"]
    assert report["mfa"]["indicators"]


@pytest.fixture(scope="module")
def odd_post_runs(tmp_path_factory: pytest.TempPathFactory
                  ) -> dict[str, subprocess.CompletedProcess[str]]:
    """A post with a lone surrogate and line separators audited in every format, each run a
    process of its own as `run` makes (`forked_runs`)."""
    post = {"id": 7, "link": "https://s.example/?p=7\u2028x",
            "title": {"rendered": "T\ud800itle \u2029 \u0085"},
            "content": {"rendered": '<p>text</p><script src="https://a.magsrv.com/ad-provider.js">'
                                    "</script>"}}
    page = tmp_path_factory.mktemp("odd-post") / "post.json"
    page.write_text(json.dumps(post), encoding="ascii")  # \ud800 escaped, as WordPress writes it
    done = forked_runs([["audit", str(page), "--format", fmt, "--no-system-lists"]
                        for fmt in FORMATS], env={**os.environ, "COLUMNS": "80"})
    return dict(zip(FORMATS, done, strict=True))


@pytest.mark.parametrize("fmt", FORMATS)
def test_lone_surrogates_and_line_separators_in_every_format(
        odd_post_runs: dict[str, subprocess.CompletedProcess[str]], fmt: str) -> None:
    _clean(odd_post_runs[fmt], fmt)


def test_huge_json_integers_are_read(tmp_path: Path) -> None:
    page = tmp_path / "big.json"
    page.write_text('{"url": "https://s.example/", "n": ' + "9" * 5000 + ', "html": "<p>x</p>"}')
    result = run("audit", str(page), "--format", "json")
    _clean(result, "json")
    assert json.loads(result.stdout)["pages"][0]["errors"] == []


_LIES = ["utf-16", "UTF-16LE", "unicode", "cp037", "undefined", "x-nonsense"]


@pytest.fixture(scope="module")
def charset_lie_runs(tmp_path_factory: pytest.TempPathFactory
                     ) -> dict[str, subprocess.CompletedProcess[str]]:
    """A page declaring each charset audited, each run a process of its own (`forked_runs`)."""
    folder = tmp_path_factory.mktemp("charset-lies")
    argvs = []
    for n, declared in enumerate(_LIES):
        page = folder / f"p{n}.html"
        page.write_bytes(f'<html><head><meta charset="{declared}"><title>News</title></head>'
                         '<body><script src="https://a.magsrv.com/ad-provider.js"></script>'
                         '</body></html>'.encode("ascii"))
        argvs.append(["audit", str(page), "--format", "json", "--no-system-lists"])
    done = forked_runs(argvs, env={**os.environ, "COLUMNS": "80"})
    return dict(zip(_LIES, done, strict=True))


@pytest.mark.parametrize("declared", _LIES)
def test_a_charset_lie_does_not_hide_the_loader(
        charset_lie_runs: dict[str, subprocess.CompletedProcess[str]], declared: str) -> None:
    """Browsers read a page's own UTF-16 declaration as UTF-8 and ignore unknown labels."""
    result = charset_lie_runs[declared]
    _clean(result, "json")
    urls = [r["url"] for r in json.loads(result.stdout)["pages"][0]["resources"]]
    assert urls == ["https://a.magsrv.com/ad-provider.js"]


@pytest.mark.parametrize("name", ["charset-lie-utf-16.html", "charset-lie-cp037.html"])
def test_shared_charset_lies(hostile: Path, name: str) -> None:
    result = run("audit", str(hostile / name), "--format", "json")
    hosts = [h["host"] for h in json.loads(result.stdout)["pages"][0]["third_party_hosts"]]
    assert hosts == ["a.magsrv.com"]


def _site(tmp: Path, page: bytes, policy: str) -> Path:
    (tmp / "public").mkdir()
    (tmp / "public" / "index.html").write_bytes(page)
    (tmp / "auditor.toml").write_text(policy)
    return tmp


INJECTED = (b'<html><head><title>Home</title></head><body>\x00<p>Welcome.</p>'
            b'<script src="https://a.magsrv.com/ad-provider.js"></script>'
            b'<ins class="eas6a97888e2" data-zoneid="5876674"></ins></body></html>')


def test_a_nul_byte_does_not_open_the_gate(tmp_path: Path) -> None:
    """HTML with a NUL is audited as the browser renders it: the injected ad fails."""
    site = _site(tmp_path, INJECTED, 'deny_categories = ["advertising"]\n')
    result = run("audit", "public", "--base-url", "https://example.com", cwd=site)
    assert result.returncode == 1, result.stdout
    assert "a.magsrv.com" in result.stdout


@pytest.mark.parametrize("container", ["zip", "tar", "file"])
def test_many_nuls_do_not_open_the_gate_from_an_archive(tmp_path: Path, container: str) -> None:
    """50 NULs made the page 'binary': a lone file was exit 2, but a zip or tar member
    was skipped and the gate passed on the injected ad."""
    padded = INJECTED.replace(b"<body>", b"<body>" + b"\x00" * 50)
    target = tmp_path / f"site.{container}"
    if container == "zip":
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("page.html", padded)
    elif container == "tar":
        with tarfile.open(target, "w") as archive:
            info = tarfile.TarInfo("page.html")
            info.size = len(padded)
            archive.addfile(info, io.BytesIO(padded))
    else:
        target.write_bytes(padded)
    (tmp_path / "auditor.toml").write_text('deny_categories = ["advertising"]\n')
    result = run("audit", str(target), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    (page,) = json.loads(result.stdout)["pages"]
    assert [v["clause"] for v in page["violations"]] == ["deny_categories"]


@pytest.mark.parametrize("site_mode", [False, True])
def test_a_symlinked_folder_is_gated_and_a_broken_link_is_unreadable(
        tmp_path: Path, site_mode: bool) -> None:
    """The gate passed a site whose injected page sat in a symlinked folder (never
    walked), and said nothing of a dangling link or a symlink loop in it."""
    site = linked_site(tmp_path, INJECTED.decode())
    (tmp_path / "auditor.toml").write_text('deny_categories = ["advertising"]\n')
    extra = ["--base-url", "https://example.com"] if site_mode else []
    result = run("audit", str(site), *extra, "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    clauses = {v["path"]: v["clause"] for p in json.loads(result.stdout)["pages"]
               for v in p["violations"]}
    assert clauses == {"blog/a.html": "deny_categories", "gone.html": "unreadable",
                       "l1.html": "unreadable", "l2.html": "unreadable",
                       "pipe.html": "unreadable"}


def test_an_unreadable_page_fails_the_gate_unless_allowed(tmp_path: Path) -> None:
    site = _site(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 'max_ad_slots = 0\n')
    result = run("audit", "public", "--base-url", "https://example.com", "--format", "json",
                 cwd=site)
    assert result.returncode == 1
    clauses = [v["clause"] for v in json.loads(result.stdout)["pages"][0]["violations"]]
    assert clauses == ["unreadable"]
    (site / "auditor.toml").write_text("max_ad_slots = 0\nallow_unreadable = true\n")
    (site / "public" / "about.html").write_text("<html><body><p>About us.</p></body></html>")
    assert run("audit", "public", "--base-url", "https://example.com", cwd=site).returncode == 0
    # but a site of nothing but unreadable pages was judged on nothing: it does not pass
    (site / "public" / "about.html").unlink()
    result = run("audit", "public", "--base-url", "https://example.com", cwd=site)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("the policy judged no page: every page (1) could "
                                          "not be audited")


def test_shared_nul_gate(hostile: Path) -> None:
    result = run("audit", "public", "--base-url", "https://example.com",
                 cwd=hostile / "nul-gate")
    assert result.returncode == 1


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_non_finite_ratio_is_a_policy_error(tmp_path: Path, value: str) -> None:
    site = _site(tmp_path, b"<p>x</p>", f"min_content_to_ad_ratio = {value}\n")
    result = run("audit", "public", "--base-url", "https://example.com", cwd=site)
    assert result.returncode == 2
    assert "min_content_to_ad_ratio" in result.stderr and "Traceback" not in result.stderr


def test_markdown_summary_renders_no_live_link_or_markup(tmp_path: Path) -> None:
    """Rendered by GitHub's own cmark-gfm, page-derived hosts, URLs, e-mail addresses and
    titles in a job summary stay text: no link, no emphasis, no HTML."""
    cmarkgfm = pytest.importorskip("cmarkgfm")
    page = ('<html><head><title>*Win* _now_ www.evil-phish.example x@evil.example '
            '<b>bold</b> `code`</title></head><body>'
            '<img src="http://www.evil-phish.example/x.gif" width="1" height="1">'
            '<script src="https://a.magsrv.com/ad-provider.js"></script>'
            '<img src="http://facebook.com/tr?id=123456789012345&ev=x@y.example" width="1" '
            'height="1"></body></html>')
    site = _site(tmp_path, page.encode(), "max_third_party_hosts = 0\nfail_on_severity = \"low\"\n")
    result = run("audit", "public", "--base-url", "https://example.com", "--format", "md",
                 cwd=site)
    assert result.returncode == 1
    assert "evil-phish" in result.stdout
    html = cmarkgfm.github_flavored_markdown_to_html(result.stdout)
    assert "<a " not in html and "<em>" not in html, html  # the report's own **bold** is fine
    assert "<b>" not in html and "<img" not in html


def test_library_warnings_quote_page_data_inertly(hostile: Path) -> None:
    """warcio warns about a WARC-Target-URI as it found it: the ESC bytes stay escaped."""
    result = run("audit", str(hostile / "ansi-target-uri.warc"), "--format", "json")
    assert "\x1b" not in result.stderr and "\\x1b" in result.stderr


def test_annotations_carry_no_escape_bytes(tmp_path: Path) -> None:
    site = _site(tmp_path, INJECTED.replace(b"\x00", b""), 'deny_categories = ["advertising"]\n')
    (site / "public" / "index.html").rename(site / "public" / "in\x1b[2Jdex.html")
    result = subprocess.run([sys.executable, "-m", "auditor", "audit", "public", "--base-url",
                             "https://example.com", "--no-system-lists"], capture_output=True,
                            text=True, timeout=300, check=False, cwd=site,
                            env={**os.environ, "GITHUB_ACTIONS": "true", "COLUMNS": "80"})
    assert result.returncode == 1
    assert "::error" in result.stdout + result.stderr
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr


def test_csv_cells_cannot_run_as_formulas() -> None:
    from auditor.bulk.summary import csv_cell

    assert [csv_cell(v) for v in ("=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(A1)", "\tx",
                                  "ok", 3)] == ["'=cmd|' /C calc'!A0", "'+1", "'-2+3",
                                                "'@SUM(A1)", "\\x09x", "ok", 3]


def test_a_bad_file_in_a_directory_is_a_page_error_and_the_walk_goes_on(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("<p>first</p>")
    (site / "b-\x1b[2J.html").write_bytes(b"")
    (site / "c.html").write_text("<p>last</p>")
    result = run("audit", str(site), "--format", "json")
    assert result.returncode == 2  # an input could not be read; the report is whole
    pages = json.loads(result.stdout)["pages"]
    assert [bool(p["errors"]) for p in pages] == [False, True, False]
    assert "\x1b" not in result.stderr and result.stderr.count("\n") == 1


def test_a_bad_file_among_several_inputs_is_a_page_error(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.html", tmp_path / "empty.html"
    good.write_text("<p>text</p>")
    bad.write_bytes(b"")
    result = run("audit", str(bad), str(good), "--format", "json")
    assert result.returncode == 2
    assert [p["input"].rsplit("/", 1)[-1] for p in json.loads(result.stdout)["pages"]] == [
        "empty.html", "good.html"]


def test_shared_dir_abort(hostile: Path) -> None:
    result = run("audit", str(hostile / "dir-abort"), "--format", "json")
    pages = json.loads(result.stdout)["pages"]
    assert len(pages) == 3 and "\x1b" not in result.stderr


def test_a_brotli_bomb_is_a_failed_record_not_gigabytes(hostile: Path) -> None:
    """A 4.5 KB WARC whose middle body expands to gigabytes: over the record cap, one
    failed record, the others audited, peak memory far under 1 GB."""

    code = ("import resource, subprocess, sys; r = subprocess.run([sys.executable, '-m', "
            "'auditor', 'audit', sys.argv[1], '--format', 'json', '--no-system-lists'], "
            "capture_output=True, text=True); sys.stdout.write(r.stdout); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, str(hostile / "br-bomb.warc")],
                            capture_output=True, text=True, timeout=300, check=False)
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    assert peak_kib < 1024 * 1024, f"peak RSS {peak_kib} KiB"
    pages = json.loads(result.stdout)["pages"]
    assert [bool(p["errors"]) for p in pages] == [False, True, False]
    assert "record cap" in pages[1]["errors"][0]


@pytest.mark.parametrize(("name", "audited", "failed"), [
    ("cl-swallow.warc", 3, 1), ("cl-overflow.warc", 0, 1), ("bulk/cl-overflow-mid.warc", 2, 1)])
def test_a_content_length_lie_loses_no_record_in_bulk(hostile: Path, tmp_path: Path, name: str,
                                                      audited: int, failed: int) -> None:
    result = run("bulk", str(hostile / name), "--store", str(tmp_path / "s.db"), "--workers",
                 "1", "--no-progress")
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1] + result.stderr
    assert f"{audited} audited" in last and f"{failed} failed" in last, last


@pytest.mark.parametrize("rule", ["/a{999999999}/", "/" + "(" * 2000 + "a" + ")" * 2000 + "/",
                                  "##:xpath(foo())", "##p:upward(1000000000)"])
def test_a_hostile_filter_rule_costs_only_itself(tmp_path: Path, rule: str) -> None:
    """A list's rule that cannot compile or evaluate is no rule; the audit goes on."""
    lists = tmp_path / "hostile.txt"
    lists.write_text(f"{rule}\n||magsrv.com^\n")
    page = tmp_path / "p.html"
    page.write_text("<html><body>" + "<div>" * 50 + "<p>x</p>" + "</div>" * 50 +
                    '<script src="https://a.magsrv.com/ad-provider.js"></script></body></html>')
    result = run("audit", str(page), "--lists", str(lists), "--format", "json")
    _clean(result, "json")
    assert result.returncode == 0
    [res] = json.loads(result.stdout)["pages"][0]["resources"]
    assert res["blocked"] and res["rule"] == "||magsrv.com^"


@pytest.mark.parametrize("name", ["regex-bigrep.txt", "regex-nest.txt", "xpath-unknown-fn.txt",
                                  "upward-huge.txt", "redos-regex.txt", "redos-hastext.txt"])
@pytest.mark.parametrize("page", ["page.html", "page-p.html"])
def test_shared_hostile_lists(hostile: Path, name: str, page: str) -> None:
    result = run("audit", page, "--lists", name, "--format", "json", cwd=hostile / "lists")
    _clean(result, "json")
    assert result.returncode == 0


@pytest.mark.parametrize("rule", ["/(a+)+$/", "##p:has-text(/(a+)+$/)", "/(a|aa)+$/",
                                  "||s.example/" + "a*" * 40 + "b"])
def test_a_backtracking_rule_runs_in_linear_time(tmp_path: Path, rule: str) -> None:
    """Rule regexes run on RE2: on Python's `re` each of these takes minutes on this page."""
    lists = tmp_path / "redos.txt"
    lists.write_text(f"{rule}\n||magsrv.com^\n")
    bait = "a" * 30_000 + "!"
    page = tmp_path / "p.html"
    page.write_text(f'<html><body><p>{bait}</p><p>{"x" * 30_000}</p>'
                    f'<img src="https://s.example/{bait}">'
                    f'<img src="https://s.example/{"x" * 3000}">'
                    '<script src="https://a.magsrv.com/ad-provider.js"></script></body></html>')
    result = subprocess.run([sys.executable, "-m", "auditor", "audit", str(page), "--lists",
                             str(lists), "--no-system-lists", "--format", "json"],
                            capture_output=True, text=True, timeout=60, check=False)
    _clean(result, "json")
    assert result.returncode == 0
    hosts = {r["url"].split("/")[2]: r["blocked"] for r in
             json.loads(result.stdout)["pages"][0]["resources"]}
    assert hosts["a.magsrv.com"]
