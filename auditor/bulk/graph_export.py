"""Write the operator graph (auditor/bulk/graph.py) as GEXF 1.3, GraphML, or node and
edge CSV tables; the output path's suffix picks which.

Every string in the graph is page-derived, so hostile: the XML formats are written by
lxml, which escapes markup, after `inert` has shown control and bidi characters as
escapes (XML 1.0 cannot carry most of them anyway); CSV cells go through the bulk CSV's
`csv_cell`, so none can run as a spreadsheet formula. A file is written whole or not at
all (a temporary file, renamed).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from lxml import etree

from auditor.bulk.graph import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Graph, Value
from auditor.bulk.summary import csv_cell
from auditor.errors import AuditorError
from auditor.files import replacing
from auditor.lazy_re import lazy_regex
from auditor.report.safe import inert
from auditor.version import __version__

GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
# What `inert` leaves that XML 1.0 still refuses: surrogates and U+FFFE/U+FFFF.
_NOT_XML = lazy_regex("[\ud800-\udfff\ufffe\uffff]")
_GRAPHML_TYPES = {"string": "string", "integer": "int", "boolean": "boolean"}


class GraphFormatError(AuditorError):
    """An output path whose suffix names no graph format."""


def graph_format(path: Path) -> str:
    """The format a path's suffix asks for.

    >>> graph_format(Path("net.gexf")), graph_format(Path("net.GraphML"))
    ('gexf', 'graphml')
    """
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in WRITERS:
        raise GraphFormatError(f"{path}: the suffix picks the graph format: .gexf, .graphml, "
                               f"or .csv (for {path.stem}-nodes.csv and {path.stem}-edges.csv)")
    return fmt


def outputs(path: Path) -> list[Path]:
    """The files `write_graph` writes for `path`: one, or a node and an edge table.

    >>> [p.name for p in outputs(Path("out/net.csv"))]
    ['net-nodes.csv', 'net-edges.csv']
    """
    if graph_format(path) == "csv":
        return [path.with_name(f"{path.stem}-{table}.csv") for table in ("nodes", "edges")]
    return [path]


def write_graph(graph: Graph, path: Path) -> list[Path]:
    """Write `graph` in the format `path` names; the files written."""
    WRITERS[graph_format(path)](graph, path)
    return outputs(path)


def xml_text(value: Value) -> str:
    """A value as XML text: booleans as XML Schema writes them, control and bidi
    characters as visible escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", inert(str(value)))


def write_gexf(graph: Graph, path: Path) -> None:
    """GEXF 1.3 (Gephi's own format), streamed: a graph never sits whole in lxml."""
    q = f"{{{GEXF_NS}}}"
    with replacing(path) as out, etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(q + "gexf", {"version": "1.3",
                                     f"{{{_XSI}}}schemaLocation":
                                         f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd"},
                        nsmap={None: GEXF_NS, "xsi": _XSI}):
            with xf.element(q + "meta", lastmodifieddate=datetime.now(UTC).date().isoformat()):
                with xf.element(q + "creator"):
                    xf.write(f"auditor {__version__}")
                with xf.element(q + "description"):
                    xf.write("operator graph: sites, the IDs they use, the sources they "
                             "republish and the networks they carry")
            with xf.element(q + "graph", defaultedgetype="undirected", mode="static"):
                for cls, declared in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
                    with xf.element(q + "attributes", {"class": cls, "mode": "static"}):
                        for name, kind in declared:
                            with xf.element(q + "attribute", id=name, title=name, type=kind):
                                pass
                with xf.element(q + "nodes", count=str(len(graph.nodes))):
                    for node in graph.nodes:
                        with xf.element(q + "node", id=xml_text(node.id),
                                        label=xml_text(node.label)):
                            _gexf_values(xf, q, node.attributes, NODE_ATTRIBUTES)
                        xf.write("\n")
                with xf.element(q + "edges", count=str(len(graph.edges))):
                    for n, edge in enumerate(graph.edges):
                        with xf.element(q + "edge", id=str(n), source=xml_text(edge.source),
                                        target=xml_text(edge.target),
                                        label=xml_text(edge.attributes["relation"]),
                                        weight=str(edge.pages)):
                            _gexf_values(xf, q, edge.attributes, EDGE_ATTRIBUTES)
                        xf.write("\n")


def _gexf_values(xf: etree._IncrementalFileWriter, q: str, values: dict[str, Value],
                 declared: tuple[tuple[str, str], ...]) -> None:
    present = [name for name, _ in declared if name in values]
    if not present:
        return
    with xf.element(q + "attvalues"):
        for name in present:
            with xf.element(q + "attvalue", {"for": name, "value": xml_text(values[name])}):
                pass


def write_graphml(graph: Graph, path: Path) -> None:
    """GraphML, streamed; keys are `node.NAME` and `edge.NAME`, titled NAME."""
    q = f"{{{GRAPHML_NS}}}"
    with replacing(path) as out, etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(q + "graphml", nsmap={None: GRAPHML_NS}):
            for cls, declared in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
                for name, kind in declared:
                    with xf.element(q + "key", {"id": f"{cls}.{name}", "for": cls,
                                                "attr.name": name,
                                                "attr.type": _GRAPHML_TYPES[kind]}):
                        pass
            with xf.element(q + "key", {"id": "node.label", "for": "node",
                                        "attr.name": "label", "attr.type": "string"}):
                pass
            with xf.element(q + "graph", id="operators", edgedefault="undirected"):
                for node in graph.nodes:
                    with xf.element(q + "node", id=xml_text(node.id)):
                        _graphml_data(xf, q, "node", {"label": node.label, **node.attributes},
                                      ("label", *(n for n, _ in NODE_ATTRIBUTES)))
                    xf.write("\n")
                for edge in graph.edges:
                    with xf.element(q + "edge", source=xml_text(edge.source),
                                    target=xml_text(edge.target)):
                        _graphml_data(xf, q, "edge", edge.attributes,
                                      tuple(n for n, _ in EDGE_ATTRIBUTES))
                    xf.write("\n")


def _graphml_data(xf: etree._IncrementalFileWriter, q: str, cls: str,
                  values: dict[str, Value], names: tuple[str, ...]) -> None:
    for name in names:
        if name in values:
            with xf.element(q + "data", key=f"{cls}.{name}"):
                xf.write(xml_text(values[name]))


def write_csv(graph: Graph, path: Path) -> None:
    """Two tables Gephi's spreadsheet import reads as they are (`Id`, `Label`; `Source`,
    `Target`, `Type`, `Weight`), each attribute a column of its own."""
    nodes_path, edges_path = outputs(path)
    node_names = [n for n, _ in NODE_ATTRIBUTES]
    edge_names = [n for n, _ in EDGE_ATTRIBUTES]
    with replacing(nodes_path) as out:
        w = _CsvRows(out)
        w(["Id", "Label", *node_names])
        for node in graph.nodes:
            w([node.id, node.label, *(node.attributes.get(n) for n in node_names)])
        w.close()
    with replacing(edges_path) as out:
        w = _CsvRows(out)
        w(["Source", "Target", "Type", "Id", "Label", "Weight", *edge_names])
        for n, edge in enumerate(graph.edges):
            w([edge.source, edge.target, "Undirected", n, edge.attributes["relation"],
               edge.pages, *(edge.attributes.get(name) for name in edge_names)])
        w.close()


class _CsvRows:
    """csv.writer whose text cells are inert (`csv_cell`) and booleans lower-case."""

    def __init__(self, out: IO[bytes]) -> None:
        self._text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        self._w = csv.writer(self._text)

    def __call__(self, row: list[Value | None]) -> None:
        self._w.writerow([("true" if v else "false") if isinstance(v, bool)
                          else "" if v is None else csv_cell(v) for v in row])

    def close(self) -> None:
        """Flush into the file, and leave it open for `replacing` to close."""
        self._text.flush()
        self._text.detach()


WRITERS: dict[str, Callable[[Graph, Path], None]] = {
    "gexf": write_gexf, "graphml": write_graphml, "csv": write_csv}
