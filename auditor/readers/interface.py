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

    def __post_init__(self) -> None:
        # JSON can carry lone surrogates (`"\ud800"`) that no output can encode: they
        # become U+FFFD here, once, so every reporter writes what it was given
        for name in ("input", "text", "url", "title"):
            value = getattr(self, name)
            if value and _has_surrogates(value):
                object.__setattr__(self, name, without_surrogates(value))


def _has_surrogates(text: str) -> bool:
    """Whether `text` holds a surrogate code point (UTF-8 cannot encode one; the codec
    finds it several times faster than a regex scan)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def without_surrogates(text: str) -> str:
    """Lone surrogates replaced by U+FFFD (paired ones joined as UTF-16 would).

    >>> without_surrogates("a\\ud800b")
    'a\\ufffdb'
    """
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


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
