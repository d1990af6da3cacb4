"""The command's stdout when its encoding cannot carry every character (a C or POSIX
locale with `PYTHONIOENCODING=ascii`, a Latin-1 terminal).

The user's terminal is no fault of the page's or auditor's: the report is written, with
what the encoding cannot carry escaped, and the exit status is the run's verdict. (A
report holding a `·` or a page's `é` was an internal error, exit 2: a failing gate's 1
lost.) Human text (terminal, md, csv) is written in the stream's encoding with backslash
escapes (`caf\\xe9.html`: a lookalike host cannot pass for its ASCII twin), the reports'
own marks (`·`, `…`, `█`, `✅`) in ASCII. A document
(json, jsonl, sarif, html, junit) is written as ASCII with its own escapes (JSON's
`\\u00e9`, HTML's and XML's `&#233;`), so it is the same document read as UTF-8, as its
readers read it, or in the terminal's encoding. Files are written in UTF-8 always.
"""

from __future__ import annotations

import codecs
import io
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

# the escapes that keep a document's meaning: anything else is text for a person
_DOCUMENT_ESCAPES = {"json": "auditor-json", "jsonl": "auditor-json", "sarif": "auditor-json",
                     "html": "xmlcharrefreplace", "junit": "xmlcharrefreplace"}


def _json_escape(exc: UnicodeError) -> tuple[str, int]:
    """JSON's own escape for what the stream cannot carry: a document's characters
    outside ASCII stand only inside its strings, where `\\uXXXX` (a surrogate pair
    above U+FFFF) is what `ensure_ascii` writes."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    escaped = []
    for char in exc.object[exc.start:exc.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), exc.end


codecs.register_error("auditor-json", _json_escape)

# the marks the text reports print of their own, as ASCII; no letter, so no page text
# written with them reads as another name
_PLAIN = {"·": "-", "…": "...", "—": "--", "–": "-", "²": "^2", "≥": ">=", "×": "x",
          "█": "#", "▒": ".", "✅": "[ok]", "❌": "[x]"}


def _text_escape(exc: UnicodeError) -> tuple[str, int]:
    """A report's own marks in ASCII, anything else as a backslash escape."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(_PLAIN.get(char) or char.encode("ascii", "backslashreplace").decode()
                   for char in exc.object[exc.start:exc.end]), exc.end


codecs.register_error("auditor-text", _text_escape)


def _carries_everything(stream: TextIO) -> bool:
    try:
        name = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    except LookupError:
        return False
    return name.startswith("utf") or name == "gb18030"


def steady_stdout() -> None:
    """Text printed to stdout that its encoding cannot carry is escaped, never an error;
    once per process, before anything is printed."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper) and not _carries_everything(out):
        out.reconfigure(errors="auditor-text")


class _AsText(io.RawIOBase):
    """ASCII bytes handed on to a text stream, which every encoding it may have carries;
    kept in order with whatever else is printed there."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self._out = out

    @property
    def name(self) -> object:
        return getattr(self._out, "name", "<stdout>")

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._out.fileno()

    def isatty(self) -> bool:
        return self._out.isatty()

    def write(self, data: ReadableBuffer) -> int:
        text = bytes(data).decode("ascii")
        self._out.write(text)
        return len(text)

    def flush(self) -> None:  # closing this view leaves the stream open: it is the process's
        self._out.flush()


def for_format(out: TextIO, fmt: str) -> TextIO:
    """`out` (stdout) for a report in `fmt`: itself when its encoding carries every
    character or `fmt` is text for a person, else an ASCII view with `fmt`'s escapes."""
    escapes = _DOCUMENT_ESCAPES.get(fmt)
    if escapes is None or _carries_everything(out):
        return out
    return io.TextIOWrapper(_AsText(out), encoding="ascii", errors=escapes,
                            write_through=True)
