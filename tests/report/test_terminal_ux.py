"""The terminal report at 80 and 120 columns: identifiers whole or broken only at their
separators, the rule behind each blocked host, a legend for partial sizes, counts that
agree with themselves, plurals, a closing summary of several pages, missing lists said."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pytest
from rich.console import Console

from auditor.model import ListInfo, PageReport, Slot
from auditor.pipeline import audit
from auditor.report import RunSummary
from auditor.report.terminal import PageView, TerminalReporter
from auditor.report.wrap import SEPARATORS, Breakable
from auditor.rules import Engine
from tests.terminal import terminal_words

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RULES = "\n".join((
    "||magsrv.com^", "||jads.co^", "||googlesyndication.com/pagead/", "||g.doubleclick.net^",
    "/fbevents.js", "||facebook.com/tr?", "||taboola.com^$third-party",
    "||outbrain.com^$third-party", "||amazon-adsystem.com^", "||googletagmanager.com^",
)) + "\n"
WIDTHS = [80, 120]


@pytest.fixture(scope="module")
def pages() -> dict[str, PageReport]:
    engine = Engine.from_text(RULES, name="inline")
    return {name: audit(EXAMPLES / name, engine=engine).pages[0]
            for name in ("news-article.html", "wp-post-injected.json", "text-scrape.txt")}


def render(renderable: object, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False).print(renderable)
    return buffer.getvalue()


def split_only_at_separators(identifier: str, text: str) -> bool:
    """True when `identifier` is printed whole on a line, or split only after one of
    the separators (every line but the last ends on one)."""
    lines = [line.strip() for line in text.splitlines()]
    if any(identifier in line for line in lines):
        return True
    for i, line in enumerate(lines):
        if line and identifier.startswith(line.split()[-1]):
            rest, parts = identifier, []
            for nxt in lines[i:]:
                piece = nxt.split()[-1] if not parts else nxt.split()[0]
                if not rest.startswith(piece):
                    break
                parts.append(piece)
                rest = rest[len(piece):]
                if not rest:
                    return all(p[-1] in SEPARATORS for p in parts[:-1])
    return False


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["news-article.html", "wp-post-injected.json"])
def test_hosts_urls_and_ids_are_never_cut_inside_a_token(
        pages: dict[str, PageReport], name: str, width: int) -> None:
    page = pages[name]
    out = render(PageView(page), width)
    assert all(len(line) <= width for line in out.splitlines())
    for host in page.third_party_hosts:
        assert re.search(rf"^\s+{re.escape(host.host)}\s", out, re.M), host.host  # whole
    for ident in page.ids:
        assert split_only_at_separators(ident.value, out), ident.value
    for finding in page.findings:
        for url in re.findall(r"https?://\S+", finding.message):
            assert split_only_at_separators(url, out), url


@pytest.mark.parametrize("width", WIDTHS)
def test_wrapped_ids_stay_under_their_values(pages: dict[str, PageReport], width: int) -> None:
    out = render(PageView(pages["news-article.html"]), width)
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("IDs "))
    column = lines[start].index("/21775744923")
    block = lines[start:lines.index("", start)]
    for line in block[1:]:
        if line.strip():
            assert not line[0].strip()  # never back at column 0
    for line in block[1:]:
        if line.strip().startswith(("/21775744923", "dailyexample", "transport")):
            assert len(line) - len(line.lstrip()) >= column  # the gpt-slot list, wrapped


@pytest.mark.parametrize("width", WIDTHS)
def test_each_blocked_host_names_its_rule_and_list(
        pages: dict[str, PageReport], width: int) -> None:
    page = pages["news-article.html"]
    out = render(PageView(page), width)
    for host in page.third_party_hosts:
        rules = {(r.rule, r.list) for r in page.resources
                 if r.host == host.host and r.blocked}
        assert bool(rules) == bool(host.blocked)
        for rule, list_name in rules:  # on the lines under the host, indented
            cell = re.search(rf"^  {re.escape(host.host)} .*\n((?:    \S+.*\n)+)", out, re.M)
            assert cell, host.host
            text = "".join(line.split("  ")[2] for line in cell.group(1).splitlines())
            assert f"{rule} ({list_name})" in text.replace(f"{rule}(", f"{rule} ("), text


@pytest.mark.parametrize("width", WIDTHS)
def test_partial_sizes_have_a_legend(pages: dict[str, PageReport], width: int) -> None:
    with_partial = render(PageView(pages["wp-post-injected.json"]), width)
    assert "250h" in with_partial and "460w" in with_partial
    assert "460w: only the width is declared · 250h: only the height" in with_partial
    assert "only the width" not in render(PageView(pages["news-article.html"]), width)


def test_slots_without_zone_or_size_print_no_placeholders(
        pages: dict[str, PageReport]) -> None:
    out = render(PageView(pages["news-article.html"]), 120)
    assert "AR_1" in out and " ?" not in out
    bare = [Slot(network=None, line=n, xpath="/html", rule="##.ad", list="x") for n in (3, 4)]
    sized = Slot(network=None, line=5, xpath="/html", rule="##.ad", list="x", width=300,
                 height=250)
    page = PageReport(input="p.html", url=None, kind="html", first_party=None, title=None,
                      slots=(*bare, sized))
    out = render(PageView(page), 100)
    assert "?" not in out
    assert "300×250, 2 more without zone ID or size" in out
    page = PageReport(input="p.html", url=None, kind="html", first_party=None, title=None,
                      slots=tuple(bare))
    assert "no zone ID or size" in render(PageView(page), 100)


@pytest.mark.parametrize("width", WIDTHS)
def test_text_page_header_counts_the_rows_of_its_table(
        pages: dict[str, PageReport], width: int) -> None:
    page = pages["text-scrape.txt"]
    assert any(s.kind == "attribution" for s in page.slots)
    out = render(PageView(page), width)
    header = int(re.search(r"(\d+) promotional blocks?", out).group(1))  # type: ignore[union-attr]
    table = out.split("Promotional blocks", 1)[1].split("attribution line", 1)[0]
    rows = [int(m) for m in re.findall(r"^\s+[a-z]+(?: \([^)]*\))?\s+(\d+)\s", table, re.M)]
    assert header == page.metrics.ad_slots == sum(rows)
    assert "2 attribution lines (not counted)" in out


def test_counts_read_as_english(pages: dict[str, PageReport]) -> None:
    out = "".join(render(PageView(p), 120) for p in pages.values())
    assert "(s)" not in out
    assert "1 third-party tracking pixel (1×1 or hidden)" in out
    assert "5 ExoClick ad slots injected" in out
    # the injected site page: one ExoClick loader, no tracker (it read "1 ad resources")
    site = audit(EXAMPLES / "site" / "injected" / "blog" / "market-day.html",
                 engine=Engine.from_text(RULES, name="inline")).pages[0]
    assert (site.metrics.ad_resources, site.metrics.tracker_resources) == (1, 0)
    assert "· 1 ad resource · 0 tracker resources" in render(PageView(site), 120)
    buffer = io.StringIO()
    reporter = TerminalReporter(buffer, "test", gated=True, width=80, color=False)
    reporter.finished(RunSummary(1, 0, 0, 1, True, False))
    assert "policy FAILED (1 violation)" in buffer.getvalue()


def run_of(pages: list[PageReport], width: int, lists: tuple[ListInfo, ...] = ()) -> str:
    buffer = io.StringIO()
    reporter = TerminalReporter(buffer, "test", width=width, color=False)
    reporter.start(lists)
    for page in pages:
        reporter.handle(page)
    reporter.finished(RunSummary(len(pages), 0, 0, 0, False, True))
    return buffer.getvalue()


@pytest.mark.parametrize("width", WIDTHS)
def test_several_pages_close_with_a_summary_table(
        pages: dict[str, PageReport], width: int) -> None:
    out = run_of(list(pages.values()), width)
    summary = out.split("\nSummary", 1)[1]
    for page in pages.values():
        row = next(line for line in summary.splitlines() if Path(page.input).name in line)
        assert row.split()[1:] == [str(page.metrics.ad_slots),
                                   str(page.metrics.third_party_hosts),
                                   str(len(page.findings)),
                                   str(sum(f.severity.value == "high" for f in page.findings))]
    assert out.rstrip().endswith("3 pages audited")
    assert "Summary" not in run_of([pages["news-article.html"]], width)


def test_a_written_baseline_is_not_a_failed_policy() -> None:
    buffer = io.StringIO()
    reporter = TerminalReporter(buffer, "test", gated=True, width=80, color=False)
    reporter.finished(RunSummary(4, 0, 0, 2, True, False, baseline_written="base.json"))
    out = buffer.getvalue()
    assert "FAILED" not in out
    assert "policy: 2 violations recorded in the baseline base.json" in out


def test_missing_lists_are_said_in_one_line() -> None:
    lists = (ListInfo("auditor-ads", "auditor_rules/auditor-ads.txt", 4, "x"),
             ListInfo("easylist", "not found", 0, "", missing=True),
             ListInfo("easyprivacy", "not found", 0, "", missing=True))
    out = run_of([], 80, lists).splitlines()
    assert out[0] == "auditor test · lists: auditor-ads (4)"
    assert out[1] == ("missing lists easylist, easyprivacy: fewer hosts blocked "
                      "(auditor rules update)")
    assert "missing" not in run_of([], 80, lists[:1])


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("pagead2.googlesyndication.com", 20, ["pagead2.", "googlesyndication.", "com"]),
    ("a, b, /21775744923/dailyexample/transport/top", 24,
     ["a, b,", "/21775744923/", "dailyexample/transport/", "top"]),
    ("  ||googlesyndication.com/pagead/ (easylist)", 24,
     ["  ||googlesyndication.", "  com/pagead/ (easylist)"]),
    ("  ||googlesyndication.com/pagead/ (easylist)", 22,
     ["  ||googlesyndication.", "  com/pagead/", "  (easylist)"]),
])
def test_breakable_breaks_after_separators_and_keeps_the_indent(
        text: str, width: int, lines: list[str]) -> None:
    assert [line.rstrip() for line in render(Breakable(text), width).splitlines()] == lines


def test_long_lists_are_cut_at_whole_items_and_say_how_many_more() -> None:
    """Sixty zone IDs, fifteen networks: a list cut by characters would end in half an
    ID (`500…`) and hide how much it left out."""
    from auditor.model import Category, Identifier, NetworkSeen, Seen

    ids = tuple(Identifier("exoclick-zone", str(5000000 + i), "ExoClick") for i in range(60))
    networks = tuple(NetworkSeen(f"Network Number {i:02}", None, Category.ANALYTICS,
                                 Seen.LOADED, 1, 0, 0) for i in range(15))
    page = PageReport(input="p.html", url="https://scraper.example/p", kind="html",
                      first_party="scraper.example", title=None, ids=ids, networks=networks)
    text = terminal_words(render(PageView(page), 100))
    shown = re.findall(r"\b50000\d\d\b", text)
    more = re.search(r"5000\d+ and (\d+) more", text)
    assert more is not None and len(shown) + int(more.group(1)) == 60
    assert not re.search(r"\b\d{1,6}…", text)  # no ID cut inside
    with_ = re.search(r"· with (.*?) and (\d+) more ·", text)
    assert with_ is not None
    assert len(with_.group(1).split(", ")) + int(with_.group(2)) == 15
    assert all(re.fullmatch(r"Network Number \d\d", n) for n in with_.group(1).split(", "))


# Six vendors a news page loads, written after their published tags (IDs made up): a
# host over 40 characters (Permutive's per-project edge host), the longest category
# (Mailchimp's form style sheet: customer-engagement), two-word networks.
MANY_HOSTS = """<!doctype html><html><head><title>Harbour notes</title>
<link rel="canonical" href="https://harbournotes.example/2024/pontoon">
<link rel="stylesheet" href="https://cdn-images.mailchimp.com/embedcode/classic-061523.css">
<script async src="https://www.googletagmanager.com/gtag/js?id=G-H4RB0UR11X"></script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script src="https://4f2b9c1e-7a3d-4e8b-9c21-5d6e7f8a9b0c.edge.permutive.app/4f2b9c1e-web.js">
</script>
<script src="https://sb.scorecardresearch.com/cs/31415926/beacon.js"></script>
<script src="https://cdn.taboola.com/libtrc/harbournotes/loader.js"></script>
</head><body><article><p>The harbour master said the pontoon opens in May.</p></article>
</body></html>"""


def host_row(host: str, section: str) -> str | None:
    """The table line where `host` starts: the host whole first on it, or its pieces first
    on consecutive lines, each but the last ending on a separator (broken at its dots,
    never inside a label)."""
    lines = section.splitlines()
    firsts = [line.split()[0] if line.strip() else "" for line in lines]
    for i, first in enumerate(firsts):
        if first == host:
            return lines[i]
        if first and host.startswith(first) and first[-1] in SEPARATORS:
            rest, j = host[len(first):], i + 1
            while rest and j < len(firsts) and rest.startswith(firsts[j]):
                if firsts[j] != rest and firsts[j][-1] not in SEPARATORS:
                    break
                rest, j = rest[len(firsts[j]):], j + 1
            if not rest:
                return lines[i]
    return None


@pytest.mark.parametrize("width", [60, 70, 80, 120])
def test_hosts_table_keeps_every_column_at_narrow_widths(tmp_path: Path, width: int) -> None:
    """At 80 columns a page with a long host and the category customer-engagement lost
    its network column; at 60 its counts too, and the category read `customer-enga…`:
    the host column was sized as if it were the only one."""
    path = tmp_path / "harbour.html"
    path.write_text(MANY_HOSTS)
    page = audit(path, engine=Engine.from_text(RULES, name="inline")).pages[0]
    assert len(page.third_party_hosts) == 6
    out = render(PageView(page), width)
    assert all(len(line) <= width for line in out.splitlines())
    section = out.split("Third-party hosts", 1)[1].split("\nNetworks", 1)[0]
    assert "…" not in section
    assert re.search(r"\bRes\s+Blk\s*$", section, re.M)
    words = section.split()
    for host in page.third_party_hosts:
        row = host_row(host.host, section)
        assert row is not None, host.host
        assert row.split()[-2:] == [str(host.resources), str(host.blocked)], row
        for word in (host.network or host.company or "").split():
            assert word in words, (host.host, word)
        category = host.category.value
        assert category in words or ("customer-" in words and "engagement" in words)


@pytest.mark.parametrize("width", [60, 70, 80, 120])
def test_slot_network_names_are_never_folded(width: int) -> None:
    """pcgamer.com's page at 60 columns: the network column's share of the table printed
    `(unattrib` / `uted)`; a name breaks between its words only."""
    slots = (Slot(network=None, line=1229, xpath="/html", rule="##.ad", list="x"),
             Slot(network="Google Publisher Tag", line=1166, xpath="/html", rule="", list="x",
                  zone_id="/21775744/harbour/top", width=728, height=90),
             Slot(network="Bordeaux (Future plc)", line=1493, xpath="/html", rule="", list="x"))
    page = PageReport(input="p.html", url=None, kind="html", first_party=None, title=None,
                      slots=slots)
    out = render(PageView(page), width)
    assert all(len(line) <= width for line in out.splitlines())
    table = out.split("Ad slots", 1)[1].splitlines()
    start = next(i for i, line in enumerate(table) if line.strip().startswith("─")) + 1
    rows = list(itertools.takewhile(str.strip, table[start:]))
    names = " ".join(line[2:].split("  ")[0] for line in rows if line[2:3].strip())
    assert names.split() == "(unattributed) Google Publisher Tag Bordeaux (Future plc)".split()
    assert split_only_at_separators("/21775744/harbour/top", "\n".join(rows))


def test_a_zone_many_slots_share_is_written_once_with_its_count() -> None:
    # a DART site's one zone on nine positions: one detail and its count, not nine copies
    same = [Slot(network="DoubleClick DART", line=n, xpath="/html", rule="##.ad", list="x",
                 zone_id="mysite.news/general") for n in range(10, 19)]
    other = Slot(network="DoubleClick DART", line=30, xpath="/html", rule="##.ad", list="x",
                 zone_id="mysite.news/home")
    page = PageReport(input="p.html", url=None, kind="html", first_party=None, title=None,
                      slots=(*same, other))
    out = render(PageView(page), 120)
    assert "mysite.news/general ×9, mysite.news/home" in out
    assert out.count("mysite.news/general") == 1
