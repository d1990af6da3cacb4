"""The analyst's report: one screen per page, readable at 80 and 120 columns.

Everything page-derived goes into `rich.text.Text` (never markup strings) after
`inert()`, so a title holding `[bold]` or an ANSI escape prints literally.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from auditor.catalogue import CATALOGUE_LIST
from auditor.console import OutputConsole
from auditor.heuristics.text_blocks import PROMOTIONAL
from auditor.mfa import HUMAN_LESSER
from auditor.model import HostSummary, ListInfo, PageReport, Severity, Slot, Violation
from auditor.report.figures import Unreadable, ad_area, criteria_met, unreadable_verdict
from auditor.report.interface import RunSummary
from auditor.report.location import page_name
from auditor.report.provenance import (
    evidence_line,
    origin_note,
    replay_line,
    source_name,
    source_verb,
)
from auditor.report.safe import inert, inert_list
from auditor.report.wrap import Breakable, chrome, host_columns, longest_piece, network_cells
from auditor.words import counted

SEVERITY_STYLE = {Severity.HIGH: "bold red", Severity.MEDIUM: "yellow", Severity.LOW: "cyan"}
BAR_WIDTH = 40


# the most of one value a terminal cell shows: a page's 50 MB URL was wrapped whole
# (87 s, 70 MB of terminal output); the JSON report keeps it whole
CELL_MOST = 2000


def _t(value: object, style: str = "", limit: int | None = None) -> Text:
    return Text(inert(str(value) if value is not None else "—", limit=limit or CELL_MOST),
                style=style)


SIZE_LEGEND = "460w: only the width is declared · 250h: only the height"


def _slot_detail(slots: Sequence[Slot]) -> str:
    """Zone IDs and sizes (text blocks: first lines), with the slots that declare
    neither counted once instead of listed as placeholders, and a detail many slots
    share (one DART zone on every position of a page) written once with its count."""
    shown = [" ".join(p for p in (s.zone_id, s.size) if p) if s.zone_id or s.size
             else (s.text or "") for s in slots]
    counts = Counter(d for d in shown if d)
    details = [d if n == 1 else f"{d} ×{n}" for d, n in counts.items()]
    bare = len(shown) - sum(counts.values())
    if bare:
        details.append("no zone ID or size" if not details
                       else f"{bare} more without zone ID or size")
    return ", ".join(details)


def _deciding_rules(page: PageReport) -> dict[str, list[tuple[str, str | None]]]:
    """Per host, the rules (and their lists) that blocked its resources, each once."""
    out: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for r in page.resources:
        if r.blocked and r.rule and (r.rule, r.list) not in out[r.host]:
            out[r.host].append((r.rule, r.list))
    return out


def missing_lists_line(lists: Sequence[ListInfo]) -> Text | None:
    """One line when EasyList/EasyPrivacy were wanted but not found: without it, hosts
    showing 0 blocked would read as clean."""
    missing = [li.name for li in lists if li.missing]
    if not missing:
        return None
    return Text(f"missing lists {', '.join(missing)}: fewer hosts blocked (auditor rules update)",
                style="yellow")


def verdict_line(
    page: PageReport, violations: Sequence[Violation] = (), gated: bool = False
) -> Text:
    """One line that says what the page is: the first thing an analyst reads."""
    line = Text()
    if page.errors:
        verdict = unreadable_verdict(page, violations) if gated else None
        if verdict is None or verdict is Unreadable.FAILING:
            return line.append("ERROR ", "bold red").append(inert(page.errors[0], limit=200))
        # a run that passed shows no page in red: the gate let this one by, and says why
        return line.append(f"unreadable, {verdict.says}: ", "bold yellow").append(
            inert(page.errors[0], limit=200))
    if gated:
        open_ = [v for v in violations if not v.baselined]
        line.append("FAIL " if open_ else "PASS ", "bold red" if open_ else "bold green")
    m = page.metrics
    slot_networks = list(dict.fromkeys(s.network for s in page.slots if s.network))
    others = sorted({n.network for n in page.networks} - set(slot_networks))
    ad_style = "bold red" if m.ad_slots else "green"
    noun = (
        "ad slot"
        if any(s.kind == "ad" for s in page.slots) or not page.slots
        else ("promotional block")
    )
    line.append(counted(m.ad_slots, noun), ad_style)
    if slot_networks:
        line.append(" (").append(inert_list(slot_networks, limit=120), "bold").append(")")
    if others:
        line.append(" · with ").append(inert_list(others, limit=160), "bold")
    line.append(f" · {counted(m.third_party_hosts, 'third-party host')}")
    high = sum(1 for f in page.findings if f.severity is Severity.HIGH)
    if page.findings:
        line.append(f" · {counted(len(page.findings), 'finding')}")
        if high:
            line.append(f" ({high} high)", "bold red")
    else:
        line.append(" · no findings", "green")
    return line


def mfa_line(page: PageReport) -> Text:
    """The MFA scorecard in one line: the count and the criteria met (the rows are in
    the JSON and HTML reports)."""
    card = page.mfa
    assert card is not None
    met = criteria_met(card)
    line = Text("MFA scorecard: ", style="bold").append(
        inert(card.summary), "bold yellow" if card.met >= HUMAN_LESSER and card.has_ads else "")
    if met:
        line.append(": ").append(inert(", ".join(met)))
    return line




def _grouped(title: str, groups: dict[str, list[str]], limit: int) -> Table:
    """A titled block of `group: item, item, …` lines (IDs by kind, networks by category)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column()
    for i, (group, items) in enumerate(groups.items()):
        grid.add_row("" if i else f"{title} ", f"{inert(group)}:",
                     Breakable(Text(inert_list(items, limit=limit))))
    return grid


def _labelled_lines(rows: Iterable[tuple[str, str]]) -> Padding:
    """Lines of a bold label and the list it counts (page-derived, cut at 600
    characters), indented under the slots table: what the page holds beside its slots."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    for label, listed in rows:
        grid.add_row(label, Breakable(_t(listed, limit=600)))
    return Padding(grid, (0, 0, 1, 2))


def _hosts_table(split: bool) -> Table:
    """The third-party hosts table; `split`: network and category in columns of their own
    (else one column, the category under the network)."""
    table = Table(
        title="Third-party hosts", box=box.SIMPLE_HEAD, expand=True, title_justify="left"
    )
    table.add_column("Host · blocked by rule (list)")
    if split:
        table.add_column("Network / company", ratio=1)
        table.add_column("Category")
    else:
        table.add_column("Network / company · category", ratio=1)
    table.add_column("Res", justify="right", no_wrap=True)
    table.add_column("Blk", justify="right", no_wrap=True)
    return table


def _who(host: HostSummary) -> str:
    """The network or company a third-party host serves, as the hosts table names it."""
    return host.network or host.company or "—"


class PageView:
    """A page report that renders itself."""

    def __init__(
        self, page: PageReport, violations: Sequence[Violation] = (), gated: bool = False
    ) -> None:
        self.page = page
        self.violations = violations
        self.gated = gated

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        page = self.page
        head = Table.grid(padding=(0, 2))
        head.add_column(style="dim", no_wrap=True)
        head.add_column()
        head.add_row("URL", Breakable(_t(page.url or "(none)", "bold")))
        head.add_row("first party", Breakable(_t(page.first_party or "(unknown)")))
        head.add_row("input", Breakable(_t(f"{page.input} ({page.kind})")))
        if page.replay is not None:  # audited as the original the archive's copy replays
            head.add_row("archived", Breakable(_t(replay_line(page.replay))))
        if page.title:
            head.add_row("title", _t(page.title, limit=200))
        for source in page.provenance:  # what the page copies, and why we say so
            head.add_row(source_verb(source), Breakable(_t(source_name(source), "bold", limit=400)))
            for e in source.evidence:
                head.add_row("", Breakable(_t(evidence_line(e), "dim", limit=400)))
        lines: list[RenderableType] = [head, verdict_line(page, self.violations, self.gated)]
        if page.mfa is not None:
            lines.append(mfa_line(page))
        yield Panel(Group(*lines), box=box.ROUNDED, padding=(0, 1))
        if page.errors:  # not audited: zeros would read as a clean page's measurements
            parts: tuple[RenderableType | None, ...] = (self._violations(), self._notes())
        else:
            parts = (
                self._slots(options.max_width),
                self._unplaced(),
                self._hosts(options.max_width),
                self._networks(),
                self._ids(),
                self._metrics(),
                self._findings(),
                self._violations(),
                self._notes(),
            )
        for part in parts:
            if part is not None:
                yield part

    def _slots(self, width: int) -> RenderableType | None:
        # Attribution lines of a text page are evidence, not promotion: the metrics (and
        # the verdict line) leave them out, so the table does too and lists them apart.
        counted_slots = [s for s in self.page.slots if s.kind == "ad" or s.kind in PROMOTIONAL]
        others = [s for s in self.page.slots if s not in counted_slots]
        if not counted_slots:
            return self._other_blocks(others)
        groups: dict[tuple[str | None, str], list[Slot]] = defaultdict(list)
        for slot in counted_slots:
            # a slot no network's unit holds is named by who serves its frame, if known
            who = slot.network or (f"{slot.company} (no network named)" if slot.company
                                   else None)
            groups[(who, slot.kind)].append(slot)
        text_page = all(kind != "ad" for _, kind in groups)
        title = "Promotional blocks" if text_page else "Ad slots"
        table = Table(title=title, box=box.SIMPLE_HEAD, expand=True, title_justify="left")
        table.add_column("Kind" if text_page else "Network", ratio=2, overflow="fold")
        table.add_column("Blocks" if text_page else "Slots", justify="right", no_wrap=True)
        table.add_column(
            "First lines" if text_page else "Zone IDs · sizes", ratio=5, overflow="fold"
        )
        table.add_column("Lines", no_wrap=True)
        rows = []
        for (network, kind), slots in groups.items():
            if kind == "ad":
                label = network or "(unattributed)"
            else:  # text blocks: the kind says what they are; a network only when known
                label = f"{kind} ({network})" if network else kind
            first, last = min(s.line for s in slots), max(s.line for s in slots)
            lines = str(first) if first == last else f"{first}–{last}"
            rows.append((inert(label), str(len(slots)), _slot_detail(slots), lines))
        # Its ratio's share of a narrow table (60 columns) folded `(unattributed)` into
        # `(unattrib` / `uted)`: the name column keeps its longest word
        least = min(20, longest_piece([row[0] for row in rows]))
        counts = sum(max(len(str(table.columns[i].header)), *(len(row[i]) for row in rows))
                     for i in (1, 3))
        if (width - chrome(table) - counts) * 2 // 7 < least:
            table.columns[0].ratio, table.columns[0].width = None, least
        for label, count, detail, lines in rows:
            table.add_row(Breakable(Text(label, "bold")), count,
                          Breakable(_t(detail, limit=600)), lines)
        parts: list[RenderableType] = [table]
        if any(s.size[-1:] in ("w", "h") for s in counted_slots):
            parts.append(Text(f"  {SIZE_LEGEND}\n", style="dim"))
        other = self._other_blocks(others)
        if other is not None:
            parts.append(other)
        return Group(*parts)

    @staticmethod
    def _other_blocks(slots: Sequence[Slot]) -> RenderableType | None:
        """Blocks that are not promotion (attribution lines), one line a kind."""
        if not slots:
            return None
        by_kind: dict[str, list[Slot]] = defaultdict(list)
        for slot in slots:
            by_kind[slot.kind].append(slot)
        return _labelled_lines(
            (f"{counted(len(group), inert(kind) + ' line')} (not counted):",
             ", ".join(f"line {s.line} {s.text or ''}".rstrip() for s in group))
            for kind, group in by_kind.items())

    def _unplaced(self) -> RenderableType | None:
        """The units the page's code defines for no element of the page, one line: no
        slot, but where the page declares each (its zone is among the IDs)."""
        units = self.page.unplaced_units
        if not units:
            return None
        return _labelled_lines([(
            f"{counted(len(units), 'unit')} defined, not placed:",
            ", ".join(f"{u.network} {u.zone_id} (line {u.line})" for u in units))])

    def _hosts(self, width: int) -> RenderableType | None:
        hosts = self.page.third_party_hosts
        if not hosts:
            return None
        deciding = _deciding_rules(self.page)
        longest = min(40, max(len(h.host) for h in hosts))
        needed = max([longest] + [len(rule) + len(name or "?") + 5
                                  for rules in deciding.values() for rule, name in rules])
        # Hosts whole; the rule lines under them get what half the width leaves
        wanted = min(needed, max(longest, (width - 30) // 2))
        counts = (max(3, *(len(str(h.resources)) for h in hosts))
                  + max(3, *(len(str(h.blocked)) for h in hosts)))
        network = min(12, longest_piece(["company", *(_who(h) for h in hosts)]))
        categories = ["Category", *(h.category.value for h in hosts)]
        category = (max(len(c) for c in categories), longest_piece(categories))
        host_width, category_width = host_columns(
            width - chrome(_hosts_table(split=True)) - counts,
            width - chrome(_hosts_table(split=False)) - counts, wanted, network, category)
        split = category_width is not None
        table = _hosts_table(split)
        table.columns[0].width = host_width
        if split:
            table.columns[2].width = category_width
        for host in hosts:
            harmful = host.category.value in ("advertising", "cryptomining", "adware")
            style = "red" if harmful else ""
            cell = _t(host.host)
            for rule, list_name in deciding.get(host.host, ()):
                cell.append("\n  ").append(inert(rule, limit=200), "dim").append(
                    f" ({inert(list_name or '?')})", "dim")
            category_text = Text(host.category.value, style=style)
            who = _t(_who(host))
            table.add_row(
                Breakable(cell),
                *network_cells(who, category_text, split),
                str(host.resources),
                Text(str(host.blocked), style="red" if host.blocked else "green"),
            )
        return table

    def _networks(self) -> RenderableType | None:
        """Who is on the page, by category, each with how it shows."""
        if not self.page.networks:
            return None
        by_category: dict[str, list[str]] = defaultdict(list)
        for n in self.page.networks:
            by_category[n.category.value].append(f"{n.network} [{n.shown}]")
        return Padding(_grouped("Networks", by_category, 600), (0, 0, 1, 0))

    def _ids(self) -> RenderableType | None:
        if not self.page.ids:
            return None
        by_kind: dict[str, list[str]] = defaultdict(list)
        for ident in self.page.ids:
            note = origin_note(ident)
            by_kind[ident.kind].append(f"{ident.value} ({note})" if note else ident.value)
        return _grouped("IDs", by_kind, 400)

    def _metrics(self) -> RenderableType:
        m = self.page.metrics
        text = Text("\nContent ", style="bold")
        text.append(f"{m.content_chars:,} chars", "green")
        text.append("  ·  ad markup ", style="bold").append(f"{m.ad_markup_bytes:,} bytes", "red")
        ratio = "n/a (no ads)" if m.content_to_ad_ratio is None else f"{m.content_to_ad_ratio:.2f}"
        text.append("  ·  content:ad ", style="bold").append(ratio)
        text.append(
            f"\nAd area {ad_area(m.ad_area_px, self.page.slots)} · "
            f"{counted(m.ad_resources, 'ad resource')} · "
            f"{counted(m.tracker_resources, 'tracker resource')}\n"
        )
        # Labels say what each figure measures: the MFA scorecard's ad-to-content (an
        # estimated share of screen area) and ad-density (mobile units only) are other
        # measures, and must not read as contradicted by these (docs/MFA.md)
        if m.ad_units_per_1000_words is not None and m.ad_slots:
            text.append("All ad slots, any device: ", style="bold").append(
                f"{m.ad_units_per_1000_words:g} per 1,000 words ({m.content_words:,} "
                f"editorial) · {m.ad_slots_in_body} in the body\n")
        if m.shares is not None:
            content, ads = m.shares
            content_cells = round(BAR_WIDTH * content)
            text.append("█" * content_cells, "green").append(
                "▒" * (BAR_WIDTH - content_cells), "red"
            )
            text.append(f"  {100 * content:.0f}% text chars / {100 * ads:.0f}% ad markup bytes")
        return text

    def _findings(self) -> RenderableType | None:
        if not self.page.findings:
            return None
        table = Table(title="Findings", box=box.SIMPLE_HEAD, expand=True, title_justify="left")
        table.add_column("Sev", no_wrap=True)
        table.add_column("Line", justify="right", no_wrap=True)
        table.add_column("Finding", ratio=1)
        for f in self.page.findings:
            table.add_row(
                Text(f.severity.value, SEVERITY_STYLE[f.severity]),
                str(f.line or ""),
                Breakable(Text.assemble((inert(f.kind), "bold"), " ",
                                        inert(f.message, limit=300))),
            )
        return table

    def _violations(self) -> RenderableType | None:
        if not self.gated or not self.violations:
            return None
        table = Table(title="Policy", box=box.SIMPLE_HEAD, expand=True, title_justify="left")
        table.add_column("", no_wrap=True)
        table.add_column("Line", justify="right", no_wrap=True)
        table.add_column("Clause", no_wrap=True)
        table.add_column("Violation", ratio=1)
        for v in self.violations:
            mark = Text("baselined", "dim") if v.baselined else Text("FAIL", "bold red")
            text = _t(v.message, limit=300)
            if v.rule:
                text.append("\nrule ", "dim").append(inert(v.rule, limit=200), "dim")
            table.add_row(mark, str(v.line or ""), _t(v.clause, "bold"), Breakable(text))
        return table

    def _notes(self) -> RenderableType | None:
        if not self.page.notes and not self.page.errors[1:]:
            return None
        return Text(
            "\n".join(inert(n) for n in (*self.page.notes, *self.page.errors[1:])),
            style="dim italic",
        )


class TerminalReporter:
    """Pages print as they are audited; a summary line closes the run."""

    def __init__(
        self,
        out: TextIO,
        version: str,
        *,
        gated: bool = False,
        width: int | None = None,
        color: bool | None = None,
    ) -> None:
        self.console = OutputConsole(
            file=out,
            width=width,
            highlight=False,
            emoji=False,
            markup=False,
            no_color=color is False,
            force_terminal=color if color else None,
        )
        self.version = version
        self.gated = gated
        self.count = 0
        self.rows: list[list[RenderableType]] = []  # the closing summary table (capped)
        self.more = 0
        self.screens = 0  # pages shown whole, not as one line

    def start(self, lists: Sequence[ListInfo]) -> None:
        # the filter lists; the catalogue ships with this version (the other formats give
        # its sha256)
        names = ", ".join(f"{li.name} ({li.rules:,})" for li in lists
                          if not li.missing and li.name != CATALOGUE_LIST)
        self.console.print(Text(f"auditor {self.version} · lists: {names or 'none'}",
                                style="dim"))
        warning = missing_lists_line(lists)
        if warning is not None:
            self.console.print(warning)

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        if self.gated and all(v.baselined for v in violations) and (
                unreadable_verdict(page, violations) is not Unreadable.FAILING):
            # A gate run over a site: a passing page is one line, not a screen (so is one
            # it could not read and let by: allowed, or baselined)
            line = Text(f"{inert(page.input, limit=120)}  ")
            line.append_text(verdict_line(page, violations, True))
            if violations and not page.errors:
                line.append(f" · {len(violations)} baselined", "dim")
            self.console.print(line)
        else:
            self.console.print(PageView(page, violations, self.gated))
            self.screens += 1
        self.count += 1
        if len(self.rows) < SUMMARY_ROWS:
            self.rows.append(_row(page, violations, self.gated))
        else:
            self.more += 1

    def finished(self, summary: RunSummary) -> None:
        if self.count > 1 and self.screens:  # one-line pages are their own summary
            self.console.print(self._summary_table())
        line = Text(f"\n{counted(summary.pages, 'page')} audited")
        if summary.skipped:
            line.append(f", {summary.skipped:,} skipped")
        if summary.errors:
            line.append(f", {summary.errors:,} with errors", "red")
        if summary.gated and summary.baseline_written:
            line.append(f" · policy: {counted(summary.violations, 'violation')} recorded in "
                        "the baseline ").append(inert(summary.baseline_written, limit=200))
        elif summary.gated:
            line.append(" · policy ")
            line.append(
                "passed" if summary.passed
                else f"FAILED ({counted(summary.violations, 'violation')})",
                "bold green" if summary.passed else "bold red",
            )
        self.console.print(line)

    def _summary_table(self) -> Table:
        table = Table(title="Summary", box=box.SIMPLE_HEAD, expand=True, title_justify="left")
        table.add_column("Page", ratio=1)
        for name in ("Ad slots", "Hosts", "Findings", "High"):
            table.add_column(name, justify="right", no_wrap=True)
        if self.gated:
            table.add_column("Policy", no_wrap=True)
        for row in self.rows:
            table.add_row(*row)
        if self.more:
            table.add_row(Text(f"… {counted(self.more, 'more page')} not shown", "dim"))
        return table


SUMMARY_ROWS = 200  # the closing table's rows: a site's worth, not a crawl's


def _row(page: PageReport, violations: Sequence[Violation], gated: bool) -> list[RenderableType]:
    """A page's line in the closing summary table."""
    name = _t(page_name(page.input))
    policy: list[RenderableType] = []
    if gated:
        failing = sum(1 for v in violations if not v.baselined)
        let_by = unreadable_verdict(page, violations)
        policy = [Text(f"FAIL ({failing})", "bold red") if failing
                  else Text(f"unreadable ({let_by.value})", "yellow") if let_by is not None
                  else Text("pass", "green")]
    if page.errors:
        name.append("\nerror: ", "red").append(inert(page.errors[0], limit=120))
        return [Breakable(name), "—", "—", "—", "—", *policy]
    m = page.metrics
    high = sum(1 for f in page.findings if f.severity is Severity.HIGH)
    return [Breakable(name), Text(str(m.ad_slots), "bold red" if m.ad_slots else ""),
            str(m.third_party_hosts), str(len(page.findings)),
            Text(str(high), "bold red" if high else ""), *policy]


def render_pages(pages: Iterable[PageReport], width: int = 100) -> str:
    """Plain text of pages as the terminal shows them (for golden files and tests)."""
    import io

    buffer = io.StringIO()
    reporter = TerminalReporter(buffer, "test", width=width, color=False)
    for page in pages:
        reporter.handle(page)
    return buffer.getvalue()
