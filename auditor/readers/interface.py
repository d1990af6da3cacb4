"""What every reader yields: a Document, one page before parsing."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.errors import InputError

__all__ = ["Document", "InputError", "ReadFailure", "Record", "Skipped"]


@dataclass(frozen=True, slots=True)
class Document:
    """One page as read from an input.

    `text` is the page's HTML (or plain text when `markup` is False); line numbers
    in the report count lines of this text. `in_post_body` marks HTML that is a
    post's body (WordPress `content.rendered`), where ad code is injected, never theme.
    """

    input: str  # path, or path#record-id inside an archive or list
    kind: str  # html, wp-json, text, warc-record, ...
    text: str
    url: str | None = None
    title: str | None = None
    markup: bool = True
    in_post_body: bool = False
    post_id: int | None = None


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A record inside a container that could not be read; the run goes on."""

    input: str
    kind: str
    error: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that is not a page (image, revisit, CSS): counted, not audited."""

    input: str
    kind: str
    reason: str


Record = Document | ReadFailure | Skipped
