"""The readers behind one interface: every kind has one reader in the registry, no
reader imports another (containers read members through the registry's callback),
`sniff` imports no reader, and nothing in `auditor/` imports in a cycle, at module level
or inside a function."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest

from auditor.readers import Document, ReadFailure, read_source
from auditor.readers.interface import Reader
from auditor.readers.registry import PAGE_SUFFIXES, READERS, read_stream, reader_for
from auditor.readers.sniff import sniff
from tests.processes import fresh_interpreter

PACKAGE = Path(__file__).resolve().parents[2] / "auditor"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The auditor modules one module imports, wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                       for a in node.names]
        else:
            continue
        out |= {t for t in targets if t in known and t != name}
    return out


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_nothing_in_auditor_imports_in_a_cycle() -> None:
    edges = graph()
    assert "auditor.readers.registry" in edges["auditor.readers"]  # the graph sees imports
    assert cycles(edges) == []


def test_a_cycle_is_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_reader_imports_another_and_sniff_imports_none() -> None:
    edges = graph()
    readers = {type(r).__module__ for r in READERS}
    assert "auditor.readers.warc_reader" in readers and "auditor.readers.zip_archive" in readers
    for module in readers | {"auditor.readers.sniff", "auditor.readers.framing"}:
        assert not edges[module] & (readers - {module}), module
    importers = {m for m, targets in edges.items() if targets & readers}
    assert importers == {"auditor.readers.registry"}


def test_a_run_that_reads_no_archive_never_imports_warcio() -> None:
    """warcio and the fsspec it imports cost ~0.1 s of every CLI start: a pre-commit hook
    auditing one HTML file paid it. They load when a WARC is first read, and then work."""
    probe = ("import sys, io, auditor.cli, auditor.pipeline\n"
             "print(sorted({'warcio', 'fsspec'} & sys.modules.keys()))\n"
             "from auditor.readers.registry import read_stream\n"
             "from tests.archive_fixtures import page, response, warc_bytes\n"
             "data = warc_bytes([response('https://a.example/', page('Story'))])\n"
             "print([r.url for r in read_stream(io.BytesIO(data), 'a.warc', kind='warc')\n"
             "       if hasattr(r, 'url')])\n")
    out = fresh_interpreter(probe)
    assert out.splitlines() == ["[]", "['https://a.example/']"]


def test_every_kind_has_one_reader() -> None:
    kinds = [k for r in READERS for k in r.kinds]
    assert len(kinds) == len(set(kinds))
    assert {"warc", "arc", "gzip", "zip", "tar", "jsonl", "json", "html", "text"} <= set(kinds)
    for reader in READERS:
        assert isinstance(reader, Reader)
        for kind in reader.kinds:
            assert reader_for(kind) is reader
    assert {".html", ".warc", ".wacz", ".jsonl", ".gz", ".txt", ""} <= PAGE_SUFFIXES


@pytest.mark.parametrize(("data", "kind"), [
    (b"WARC/1.0\r\n", "warc"),
    (b"<!DOCTYPE html><html>", "html"),
    (b'{"url": "u", "html": "<p>x</p>"}\n{"url": "v", "html": "<p>y</p>"}\n', "jsonl"),
    (b'{"url": "u", "html": "<p>x</p>"}', "json"),
    (b"words\n", "text"),
])
def test_sniffing_is_a_function_of_bytes_and_name(data: bytes, kind: str) -> None:
    assert sniff(data, "") == sniff(data, "") == kind


def test_nested_archives_are_read_through_the_registry() -> None:
    """A zip holding a tar holding a gzipped page: each level is read by the reader its
    bytes call for, named by its path inside the levels above it."""
    import gzip

    from archive_fixtures import tar_bytes, zip_bytes

    page = gzip.compress(b"<html><body><p>deep</p></body></html>", mtime=0)
    data = zip_bytes({"inner.tar": tar_bytes({"p.html.gz": page}, mode="w")})
    [record] = read_source(data)
    assert isinstance(record, Document)
    assert record.input == "<bytes>#inner.tar#p.html.gz" and "deep" in record.text


def test_a_json_lines_record_has_one_identity_in_audit_and_bulk() -> None:
    """The byte offset where its line starts, whether the file is read whole (`audit`)
    or by byte range (`bulk`)."""
    data = b'{"url": "https://a.test/", "html": "<p>a</p>"}\n{bad\n'
    whole = [r.input for r in read_stream(io.BytesIO(data), "a.jsonl")]
    split = [r.input for span in ((0, 10), (10, None))
             for r in read_stream(io.BytesIO(data), "a.jsonl", span=span)]
    assert whole == split == ["a.jsonl#0", "a.jsonl#47"]
    assert isinstance(list(read_stream(io.BytesIO(data), "a.jsonl"))[1], ReadFailure)
