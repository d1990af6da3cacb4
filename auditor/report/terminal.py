"""The analyst's report: one screen per page, readable at 80 and 120 columns.

Everything page-derived goes into `rich.text.Text` (never markup strings) after
`inert()`, so a title holding `[bold]` or an ANSI escape prints literally.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from auditor.console import OutputConsole
from auditor.model import ListInfo, PageReport, Severity, Slot, Violation
from auditor.report.interface import RunSummary
from auditor.report.safe import inert

SEVERITY_STYLE = {Severity.HIGH: "bold red", Severity.MEDIUM: "yellow", Severity.LOW: "cyan"}
BAR_WIDTH = 40


def _t(value: object, style: str = "", limit: int | None = None) -> Text:
    return Text(inert(str(value) if value is not None else "—", limit=limit), style=style)


def _size(slot: Slot) -> str:
    if slot.width and slot.height:
        return f"{slot.width}×{slot.height}"
    if slot.width:
        return f"{slot.width}w"
    if slot.height:
        return f"{slot.height}h"
    return "?"


def verdict_line(
    page: PageReport, violations: Sequence[Violation] = (), gated: bool = False
) -> Text:
    """One line that says what the page is: the first thing an analyst reads."""
    line = Text()
    if page.errors:
        return line.append("ERROR ", "bold red").append(inert(page.errors[0], limit=200))
    if gated:
        open_ = [v for v in violations if not v.baselined]
        line.append("FAIL " if open_ else "PASS ", "bold red" if open_ else "bold green")
    m = page.metrics
    slot_networks = list(dict.fromkeys(s.network for s in page.slots if s.network))
    others = sorted({r.network for r in page.resources if r.network} - set(slot_networks))
    ad_style = "bold red" if m.ad_slots else "green"
    noun = (
        "ad slot"
        if any(s.kind == "ad" for s in page.slots) or not page.slots
        else ("promotional block")
    )
    line.append(f"{m.ad_slots} {noun}{'s' if m.ad_slots != 1 else ''}", ad_style)
    if slot_networks:
        line.append(" (").append(inert(", ".join(slot_networks), limit=120), "bold").append(")")
    if others:
        line.append(" · also loads ").append(inert(", ".join(others), limit=160), "bold")
    line.append(
        f" · {m.third_party_hosts} third-party host{'s' if m.third_party_hosts != 1 else ''}"
    )
    high = sum(1 for f in page.findings if f.severity is Severity.HIGH)
    if page.findings:
        line.append(f" · {len(page.findings)} finding{'s' if len(page.findings) != 1 else ''}")
        if high:
            line.append(f" ({high} high)", "bold red")
    else:
        line.append(" · no findings", "green")
    return line


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
        head = Text()
        head.append("URL          ", "dim").append_text(_t(page.url or "(none)", "bold"))
        head.append("\nfirst party  ", "dim").append_text(_t(page.first_party or "(unknown)"))
        head.append("\ninput        ", "dim").append_text(_t(f"{page.input} ({page.kind})"))
        if page.title:
            head.append("\ntitle        ", "dim").append_text(_t(page.title, limit=200))
        head.append("\n").append_text(verdict_line(page, self.violations, self.gated))
        yield Panel(head, box=box.ROUNDED, padding=(0, 1))
        for part in (
            self._slots(),
            self._hosts(),
            self._ids(),
            self._metrics(),
            self._findings(),
            self._violations(),
            self._notes(),
        ):
            if part is not None:
                yield part

    def _slots(self) -> RenderableType | None:
        if not self.page.slots:
            return None
        groups: dict[tuple[str | None, str], list[Slot]] = defaultdict(list)
        for slot in self.page.slots:
            groups[(slot.network, slot.kind)].append(slot)
        text_page = all(kind != "ad" for _, kind in groups)
        title = "Promotional blocks" if text_page else "Ad slots"
        table = Table(title=title, box=box.SIMPLE_HEAD, expand=True, title_justify="left")
        table.add_column("Kind" if text_page else "Network", ratio=2, overflow="fold")
        table.add_column("Blocks" if text_page else "Slots", justify="right", no_wrap=True)
        table.add_column(
            "First lines" if text_page else "Zone IDs · sizes", ratio=5, overflow="fold"
        )
        table.add_column("Lines", no_wrap=True)
        for (network, kind), slots in groups.items():
            if kind == "ad":
                label = network or "(unattributed)"
            else:  # text blocks: the kind says what they are; a network only when known
                label = f"{kind} ({network})" if network else kind
            detail = ", ".join(
                f"{s.zone_id} {_size(s)}" if s.zone_id else (s.text or _size(s)) for s in slots
            )
            first, last = min(s.line for s in slots), max(s.line for s in slots)
            lines = str(first) if first == last else f"{first}–{last}"
            table.add_row(_t(label, "bold"), str(len(slots)), _t(detail, limit=600), lines)
        return table

    def _hosts(self) -> RenderableType | None:
        if not self.page.third_party_hosts:
            return None
        table = Table(
            title="Third-party hosts", box=box.SIMPLE_HEAD, expand=True, title_justify="left"
        )
        table.add_column("Host", ratio=4, overflow="fold")
        table.add_column("Network / company", ratio=3, overflow="fold")
        table.add_column("Category", no_wrap=True)
        table.add_column("Res", justify="right", no_wrap=True)
        table.add_column("Blk", justify="right", no_wrap=True)
        for host in self.page.third_party_hosts:
            who = host.network or host.company or "—"
            style = "red" if host.category.value in ("advertising", "cryptomining") else ""
            table.add_row(
                _t(host.host),
                _t(who),
                Text(host.category.value, style=style),
                str(host.resources),
                Text(str(host.blocked), style="red" if host.blocked else "green"),
            )
        return table

    def _ids(self) -> RenderableType | None:
        if not self.page.ids:
            return None
        by_kind: dict[str, list[str]] = defaultdict(list)
        for ident in self.page.ids:
            by_kind[ident.kind].append(ident.value)
        text = Text("IDs  ", style="bold")
        for i, (kind, values) in enumerate(by_kind.items()):
            if i:
                text.append("\n     ")
            text.append(f"{inert(kind)}: ", "dim").append(inert(", ".join(values), limit=400))
        return text

    def _metrics(self) -> RenderableType:
        m = self.page.metrics
        text = Text("\nContent ", style="bold")
        text.append(f"{m.content_chars:,} chars", "green")
        text.append("  ·  ad markup ", style="bold").append(f"{m.ad_markup_bytes:,} bytes", "red")
        ratio = "n/a (no ads)" if m.content_to_ad_ratio is None else f"{m.content_to_ad_ratio:.2f}"
        text.append("  ·  content:ad ", style="bold").append(ratio)
        text.append(
            f"\nAd area {m.ad_area_px:,} px² · {m.ad_resources} ad resources · "
            f"{m.tracker_resources} tracker resources\n"
        )
        if m.ad_units_per_1000_words is not None and m.ad_slots:
            text.append("Ad density ", style="bold").append(
                f"{m.ad_units_per_1000_words:g} ad slots per 1,000 words "
                f"({m.content_words:,} words) · {m.ad_slots_in_body} in the article body\n")
        if m.shares is not None:
            content, ads = m.shares
            content_cells = round(BAR_WIDTH * content)
            text.append("█" * content_cells, "green").append(
                "▒" * (BAR_WIDTH - content_cells), "red"
            )
            text.append(f"  {100 * content:.0f}% content / {100 * ads:.0f}% ads")
        return text

    def _findings(self) -> RenderableType | None:
        if not self.page.findings:
            return None
        table = Table(title="Findings", box=box.SIMPLE_HEAD, expand=True, title_justify="left")
        table.add_column("Sev", no_wrap=True)
        table.add_column("Line", justify="right", no_wrap=True)
        table.add_column("Finding", ratio=1, overflow="fold")
        for f in self.page.findings:
            table.add_row(
                Text(f.severity.value, SEVERITY_STYLE[f.severity]),
                str(f.line or ""),
                Text.assemble((inert(f.kind), "bold"), " ", inert(f.message, limit=300)),
            )
        return table

    def _violations(self) -> RenderableType | None:
        if not self.gated or not self.violations:
            return None
        table = Table(title="Policy", box=box.SIMPLE_HEAD, expand=True, title_justify="left")
        table.add_column("", no_wrap=True)
        table.add_column("Line", justify="right", no_wrap=True)
        table.add_column("Clause", no_wrap=True)
        table.add_column("Violation", ratio=1, overflow="fold")
        for v in self.violations:
            mark = Text("baselined", "dim") if v.baselined else Text("FAIL", "bold red")
            text = _t(v.message, limit=300)
            if v.rule:
                text.append("\nrule ", "dim").append(inert(v.rule, limit=200), "dim")
            table.add_row(mark, str(v.line or ""), _t(v.clause, "bold"), text)
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

    def start(self, lists: Sequence[ListInfo]) -> None:
        names = ", ".join(f"{li.name} ({li.rules:,})" for li in lists) or "none"
        self.console.print(Text(f"auditor {self.version} · lists: {names}", style="dim"))

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        if self.gated and not page.errors and all(v.baselined for v in violations):
            # A gate run over a site: a passing page is one line, not a screen.
            line = Text(f"{inert(page.input, limit=120)}  ")
            line.append_text(verdict_line(page, violations, True))
            if violations:
                line.append(f" · {len(violations)} baselined", "dim")
            self.console.print(line)
        else:
            self.console.print(PageView(page, violations, self.gated))
        self.count += 1

    def finished(self, summary: RunSummary) -> None:
        line = Text(f"\n{summary.pages} page{'s' if summary.pages != 1 else ''} audited")
        if summary.skipped:
            line.append(f", {summary.skipped} skipped")
        if summary.errors:
            line.append(f", {summary.errors} with errors", "red")
        if summary.gated:
            line.append(" · policy ")
            line.append(
                "passed" if summary.passed else f"FAILED ({summary.violations} violations)",
                "bold green" if summary.passed else "bold red",
            )
        self.console.print(line)


def render_pages(pages: Iterable[PageReport], width: int = 100) -> str:
    """Plain text of pages as the terminal shows them (for golden files and tests)."""
    import io

    buffer = io.StringIO()
    reporter = TerminalReporter(buffer, "test", width=width, color=False)
    for page in pages:
        reporter.handle(page)
    return buffer.getvalue()
