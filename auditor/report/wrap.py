"""Text that wraps only between tokens, so hosts, URLs and IDs can be copied whole.

rich wraps at spaces and folds a word longer than its cell at any character, which cuts
`pagead2.googlesyndication.com` into `pagead2.googlesyndication.co` / `m`. A `Breakable`
also breaks after the separators inside identifiers (`/ . , ; & ? = : _ -`), and tells a
table, through its measurement, the width of its longest unbreakable piece. Only a piece
wider than the whole cell is still folded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from auditor.lazy_re import lazy_regex

SEPARATORS = "/.,;&?=:_-"
_SEP = f"[{re.escape(SEPARATORS)}]"
_WORD = rf"[^\s{re.escape(SEPARATORS)}]"
# A piece: separators it starts with, a word, the separators after it, then spaces; so
# a line never starts or ends on a lone `/`.
_PIECE = lazy_regex(rf"(?:{_SEP}*{_WORD}+{_SEP}*|{_SEP}+)\s*|\s+")


def pieces(line: str) -> list[tuple[int, int]]:
    """(start, end) of the unbreakable pieces of one line; a line may break between them.

    >>> line = "pagead2.googlesyndication.com, /a/b c"
    >>> [line[s:e] for s, e in pieces(line)]
    ['pagead2.', 'googlesyndication.', 'com, ', '/a/', 'b ', 'c']
    """
    return [m.span() for m in _PIECE.finditer(line)]


def break_points(line: str, width: int, hang: int = 0) -> list[int]:
    """Offsets in `line` where a new screen line starts, packing pieces greedily;
    continuation lines are `hang` cells narrower (they are indented by that much).

    A word (between spaces) that fits on a line is kept whole; only a longer one breaks
    at its separators:

    >>> break_points("securepubads.g.doubleclick.net", 20)
    [15]
    >>> break_points("ad loader https://a.magsrv.com/ad-provider.js is here", 40)
    [10, 49]
    """
    cuts: list[int] = []
    used = 0
    for w_start, w_end in _words(line):
        word = line[w_start:w_end]
        if used > hang and used + cell_len(word.rstrip()) > width:
            cuts.append(w_start)  # the whole word on the next line, if it fits there
            used = hang
        if used + cell_len(word.rstrip()) <= width:
            used += cell_len(word)
            continue
        for start, end in pieces(word):
            visible = cell_len(word[start:end].rstrip())
            if used > hang and used + visible > width:
                cuts.append(w_start + start)
                used = hang
            used += cell_len(word[start:end])
    return cuts


def longest_piece(texts: Iterable[str]) -> int:
    """Cells the widest piece of `texts` takes: the narrowest a `Breakable` of any of
    them wraps to without folding a token.

    >>> longest_piece(["Google Publisher Tag", "(unattributed)", "customer-engagement"])
    14
    """
    return max((cell_len(line[s:e].rstrip()) for text in texts for line in text.split("\n")
                for s, e in pieces(line)), default=1) or 1


def chrome(table: Table) -> int:
    """Cells a table's borders, separators and cell padding take from its width: what
    its columns' contents cannot use (rich's own sums)."""
    return table._extra_width + sum(
        table._get_padding_width(i) for i in range(len(table.columns)))


def host_columns(split: int, merged: int, host: int, network: int,
                 label: tuple[int, int]) -> tuple[int, int | None]:
    """Widths of a host column and of the category label beside its network: `split`
    and `merged` are the cells the host, network and label columns share with the label
    in a column of its own or under the network; `host` cells fit every host whole,
    `network` the network's longest word, `label` is the label's whole width and its
    longest piece. The label breaks (`customer-` / `engagement`) before the host does;
    when that leaves the host under 20 cells the label goes under the network (width
    None), and a host that still does not fit breaks at its dots. Without this, rich
    squeezes the columns that never wrap to `…` (`pag…` for `pages`, `100.…`) and
    drops a column it has no room left for.

    >>> host_columns(60, 62, 36, 12, (11, 11))
    (36, 11)
    >>> host_columns(52, 54, 30, 12, (19, 10))
    (30, 10)
    >>> host_columns(35, 37, 36, 12, (19, 11))
    (25, None)
    """
    whole, least = label
    room = split - network
    if room - whole >= host:
        return host, whole
    if min(host, room - least) >= min(host, 20):
        return min(host, room - least), least
    return max(1, min(host, merged - max(network, least))), None


def network_cells(network: Text, label: Text, split: bool) -> tuple[Breakable, ...]:
    """The cells of a host's network and its category label: each in its column when
    `host_columns` gave the label one (`split`), else the label under the network."""
    if split:
        return Breakable(network), Breakable(label)
    return (Breakable(network.append("\n").append_text(label)),)


def _words(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\s*\S+\s*|\s+", line)]


class Breakable:
    """A rich renderable: `text`, wrapped only between pieces (see the module docstring).
    A line that starts with spaces keeps that indent on its continuation lines."""

    def __init__(self, text: Text | str, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        longest_line = max((cell_len(line) for line in plain.split("\n")), default=1)
        return Measurement(longest_piece([plain]), max(1, longest_line)).clamp(
            max_width=options.max_width
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        out = Text(style=self.text.style)
        offset = 0
        for n, line in enumerate(self.text.plain.split("\n")):
            if n:
                out.append("\n")
            part = self.text[offset:offset + len(line)]
            offset += len(line) + 1
            hang = len(line) - len(line.lstrip(" "))
            hang = hang if hang < width // 2 else 0
            cuts = break_points(line, width, hang)
            for i, piece in enumerate(part.divide(cuts) if cuts else [part]):
                if i:
                    out.append("\n" + " " * hang)
                piece.rstrip()
                out.append_text(piece)
        out.overflow = "fold"  # a piece wider than the cell: the only cut inside a token
        out.no_wrap = False
        yield out

