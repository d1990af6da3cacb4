"""Inline SVG charts for the HTML reports: bars, a histogram, a stacked share bar, the
page map (a page drawn as a column in document order) and a node-link graph.

Every function takes plain data and returns `Safe` markup; labels and titles go
through `esc` here, so a caller never writes SVG strings of its own. Colours are CSS
classes (`k-…`) from the report's one style block: the CSP allows no style attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.report.html.markup import Safe, esc

_CHAR_W = 6.2  # average glyph width at the charts' 11px font, for label room


def _svg(width: float, height: float, title: str, body: str, cls: str = "chart") -> Safe:
    return Safe(
        f"<svg class=\"{cls}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
        f"viewBox=\"0 0 {width:.0f} {height:.0f}\" width=\"{width:.0f}\" "
        f"height=\"{height:.0f}\"><title>{esc(title)}</title>{body}</svg>")


def _link(href: str | None, inner: str, tip: str) -> str:
    """A block with a hover title, linked to its table row when `href` names one."""
    content = f"<title>{esc(tip)}</title>{inner}"
    if href is None:
        return f"<g>{content}</g>"
    return f"<a href=\"#{esc(href)}\">{content}</a>"


def _clip(text: str, room: float) -> str:
    """A label cut to the pixels it has (the full text is in the block's title)."""
    most = max(0, int(room / _CHAR_W))
    return text if len(text) <= most else (text[: most - 1] + "…" if most > 1 else "")


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float  # what the bar's length shows, in [0, scale]
    text: str  # the figure printed after the bar
    href: str | None = None
    tip: str | None = None


def bars(items: Sequence[Bar], title: str, *, scale: float = 1.0, width: int = 560,
         cls: str = "k-bar") -> Safe:
    """Horizontal bars, one a row, label on the left and the figure after the bar."""
    label_w = min(220.0, max((len(b.label) for b in items), default=4) * _CHAR_W + 8)
    text_w = max((len(b.text) for b in items), default=4) * _CHAR_W + 10
    span = max(40.0, width - label_w - text_w)
    row = 20
    out = []
    for i, b in enumerate(items):
        y = 4 + i * row
        length = max(1.0, span * min(1.0, b.value / scale)) if scale and b.value > 0 else 0
        rect = (f"<text x=\"{label_w - 6:.0f}\" y=\"{y + 12}\" text-anchor=\"end\">"
                f"{esc(_clip(b.label, label_w - 8))}</text>"
                f"<rect class=\"{cls}\" x=\"{label_w:.0f}\" y=\"{y + 2}\" width=\"{length:.1f}\" "
                f"height=\"{row - 6}\" rx=\"2\"/>"
                f"<text x=\"{label_w + length + 5:.1f}\" y=\"{y + 12}\">{esc(b.text)}</text>")
        out.append(_link(b.href, rect, b.tip or f"{b.label}: {b.text}"))
    return _svg(width, 8 + row * max(1, len(items)), title, "".join(out))


@dataclass(frozen=True, slots=True)
class Bin:
    label: str
    count: int


def histogram(bins: Sequence[Bin], title: str, *, x_label: str, y_label: str = "pages",
              width: int = 560, height: int = 220) -> Safe:
    """Vertical bars over labelled bins, counts printed on top."""
    left, bottom, top = 36.0, 42.0, 16.0
    plot_h = height - bottom - top
    slot = (width - left - 8) / max(1, len(bins))
    most = max((b.count for b in bins), default=0) or 1
    out = [f"<line class=\"k-axis\" x1=\"{left}\" y1=\"{height - bottom}\" "
           f"x2=\"{width - 8}\" y2=\"{height - bottom}\"/>",
           f"<text class=\"dim\" x=\"2\" y=\"{top - 4}\">{esc(y_label)}</text>",
           f"<text class=\"dim\" x=\"{(left + width) / 2:.0f}\" y=\"{height - 4}\" "
           f"text-anchor=\"middle\">{esc(x_label)}</text>"]
    for i, b in enumerate(bins):
        x = left + i * slot
        h = plot_h * b.count / most
        y = height - bottom - h
        cx = x + slot / 2
        out.append(_link(None, (
            f"<rect class=\"k-bar\" x=\"{x + 3:.1f}\" y=\"{y:.1f}\" width=\"{slot - 6:.1f}\" "
            f"height=\"{h:.1f}\"/>"
            f"<text x=\"{cx:.1f}\" y=\"{y - 3:.1f}\" text-anchor=\"middle\">{b.count}</text>"
            f"<text class=\"dim\" x=\"{cx:.1f}\" y=\"{height - bottom + 14}\" "
            f"text-anchor=\"middle\">{esc(_clip(b.label, slot + 4))}</text>"),
            f"{b.label}: {b.count} {y_label}"))
    return _svg(width, height, title, "".join(out))


@dataclass(frozen=True, slots=True)
class Part:
    label: str
    value: float
    cls: str  # a k-… colour class


def share_bar(parts: Sequence[Part], title: str, *, width: int = 420) -> Safe:
    """One 100% bar split into parts, each with its share printed inside when it fits."""
    total = sum(p.value for p in parts) or 1.0
    height, x = 34, 0.0
    out = []
    for p in parts:
        w = width * p.value / total
        share = f"{100 * p.value / total:.0f}%"
        label = _clip(f"{p.label} {share}", w - 8)
        out.append(_link(None, (
            f"<rect class=\"{esc(p.cls)}\" x=\"{x:.1f}\" y=\"0\" width=\"{w:.1f}\" "
            f"height=\"{height}\"/>"
            + (f"<text class=\"in\" x=\"{x + 5:.1f}\" y=\"21\">{esc(label)}</text>"
               if label else "")), f"{p.label}: {share}"))
        x += w
    return _svg(width, height, title, "".join(out))


@dataclass(frozen=True, slots=True)
class Block:
    """One thing placed on the page map, in document order."""

    line: int  # 1-based line where it starts
    end: int  # last line it covers (== line for one element)
    cls: str  # k-ad, k-promo, k-iframe, k-tracker, k-loader
    label: str
    tip: str
    href: str | None = None
    width: int | None = None  # declared px, ad slots only
    height: int | None = None


_PAGE_W = 970.0  # the widest common ad size: a declared width is drawn against it
_MAP_X, _MAP_W = 46.0, 250.0


def _block_height(b: Block) -> float:
    if b.cls in ("k-ad", "k-promo"):
        return max(14.0, min(72.0, (b.height or 120) * 0.12))
    return 12.0 if b.cls == "k-iframe" else 9.0


def page_map(blocks: Sequence[Block], title: str, *, content_label: str) -> Safe:
    """The page as a column, top to bottom in document order: the markup between two
    found things is a grey band whose height follows its line count; ad slots are drawn
    by their declared size, iframes, trackers and ad loaders as thin bars."""
    width = 500.0
    y, last = 6.0, 0
    out = []
    for b in sorted(blocks, key=lambda b: (b.line, b.end)):
        gap = b.line - last - 1
        if gap > 0:
            h = max(6.0, min(80.0, 2.0 * gap))
            span = f"lines {last + 1}–{b.line - 1}" if gap > 1 else f"line {last + 1}"
            out.append(_link(None, (
                f"<rect class=\"k-page\" x=\"{_MAP_X}\" y=\"{y:.1f}\" width=\"{_MAP_W}\" "
                f"height=\"{h:.1f}\" rx=\"2\"/>"
                + (f"<text class=\"dim\" x=\"{_MAP_X + 6}\" y=\"{y + h / 2 + 4:.1f}\">"
                   f"{esc(span)}</text>" if h >= 16 else "")),
                f"page markup, {span} ({content_label})"))
            y += h + 2
        h = _block_height(b)
        w = _MAP_W if not b.width else max(40.0, min(_MAP_W, _MAP_W * b.width / _PAGE_W))
        x = _MAP_X + (_MAP_W - w) / 2
        inside = (h >= 14 and b.cls in ("k-ad", "k-promo")
                  and len(b.label) * _CHAR_W <= w - 8)
        room = w - 8 if inside else width - _MAP_X - _MAP_W - 6
        label = _clip(b.label, room)
        text = (f"<text class=\"in\" x=\"{x + 4:.1f}\" y=\"{y + min(h, 28) / 2 + 4:.1f}\">"
                f"{esc(label)}</text>" if inside else
                f"<text x=\"{_MAP_X + _MAP_W + 6}\" y=\"{y + h / 2 + 4:.1f}\">{esc(label)}</text>")
        out.append(_link(b.href, (
            f"<text class=\"dim\" x=\"{_MAP_X - 4}\" y=\"{y + min(h, 14) / 2 + 4:.1f}\" "
            f"text-anchor=\"end\">{b.line}</text>"
            f"<rect class=\"{esc(b.cls)}\" x=\"{x:.1f}\" y=\"{y:.1f}\" width=\"{w:.1f}\" "
            f"height=\"{h:.1f}\" rx=\"2\"/>" + text), b.tip))
        y += h + 2
        last = max(last, b.end)
    out.append(f"<rect class=\"k-page\" x=\"{_MAP_X}\" y=\"{y:.1f}\" width=\"{_MAP_W}\" "
                f"height=\"6\" rx=\"2\"/>")
    return _svg(width, y + 12, title, "".join(out), cls="chart pagemap")


@dataclass(frozen=True, slots=True)
class Node:
    key: str
    label: str
    cls: str  # k-site or k-id
    href: str | None = None
    tip: str | None = None


def graph(nodes: Sequence[Node], edges: Sequence[tuple[str, str]], title: str, *,
          width: int = 560, seed: int = 7) -> Safe:
    """A node-link drawing: each connected part laid out by networkx's spring layout
    with a fixed seed (the same clusters draw the same picture every run), the parts
    packed in a grid, largest first."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(n.key for n in nodes)
    g.add_edges_from(edges)
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    cols = 1 if len(parts) == 1 else 2
    cell_w = width / cols
    where: dict[str, tuple[float, float]] = {}
    y0 = 0.0
    for row in range(0, len(parts), cols):
        heights = []
        for col, part in enumerate(parts[row:row + cols]):
            h = min(420.0, 90.0 + 28.0 * len(part))
            heights.append(h)
            # a fresh graph in sorted order: a subgraph view iterates a set of nodes, whose
            # order (and so the layout) changes with the process's string hash seed
            sub = nx.Graph()
            sub.add_nodes_from(part)
            sub.add_edges_from(sorted(tuple(sorted(e)) for e in g.subgraph(part).edges))
            pos = nx.spring_layout(sub, seed=seed)
            xs = [float(p[0]) for p in pos.values()]
            ys = [float(p[1]) for p in pos.values()]
            pad_x, pad_y = min(80.0, cell_w / 4), 22.0
            for key, (px, py) in pos.items():
                fx = (float(px) - min(xs)) / ((max(xs) - min(xs)) or 2.0) if len(xs) > 1 else .5
                fy = (float(py) - min(ys)) / ((max(ys) - min(ys)) or 2.0) if len(ys) > 1 else .5
                where[key] = (col * cell_w + pad_x + fx * (cell_w - 2 * pad_x),
                              y0 + pad_y + fy * (h - 2 * pad_y - 12))
        y0 += max(heights)
    out = []
    for a, b in edges:
        (x1, y1), (x2, y2) = where[a], where[b]
        out.append(f"<line class=\"k-edge\" x1=\"{x1:.1f}\" y1=\"{y1:.1f}\" x2=\"{x2:.1f}\" "
                   f"y2=\"{y2:.1f}\"/>")
    for n in nodes:
        x, y = where[n.key]
        shape = (f"<circle class=\"{esc(n.cls)}\" cx=\"{x:.1f}\" cy=\"{y:.1f}\" r=\"7\"/>"
                 if n.cls == "k-site" else
                 f"<rect class=\"{esc(n.cls)}\" x=\"{x - 5:.1f}\" y=\"{y - 5:.1f}\" "
                 "width=\"10\" height=\"10\"/>")
        label = esc(_clip(n.label, min(150.0, cell_w / 2)))
        out.append(_link(n.href, shape + f"<text x=\"{x:.1f}\" y=\"{y + 19:.1f}\" "
                         f"text-anchor=\"middle\">{label}</text>", n.tip or n.label))
    return _svg(width, max(y0, 60.0), title, "".join(out), cls="chart graph")
