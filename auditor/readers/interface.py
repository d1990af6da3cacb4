"""The readers' extension point: `Reader`, what it is given (`Source`, `Member`, the
`Nested` callback into the registry) and what it yields (`Document`, `Skipped`,
`ReadFailure`); its error is `InputError`.

A reader imports no other reader: a container hands each member back to the registry
through `Nested`, so an archive inside an archive is read by whichever reader its bytes
call for, and adding an input kind touches its reader and the registry only.
"""

from __future__ import annotations

import dataclasses
import lzma
import os
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, BinaryIO, ClassVar, Protocol

from auditor.errors import InputError
from auditor.readers.decode import Reading

if TYPE_CHECKING:
    from auditor.dom.page import ParsedPage

__all__ = [
    "DEFAULT_MAX_RECORD_BYTES",
    "MAX_PAGE_BYTES",
    "Document",
    "InputError",
    "Member",
    "Nested",
    "PageTooLarge",
    "ReadFailure",
    "Reader",
    "Record",
    "Skipped",
    "Source",
]

DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024
MAX_PAGE_BYTES = 64 * 1024 * 1024  # a page `audit` reads whole
# where a message about the record cap points: the only command that sets it (`audit`
# reads archive records under the default, and pointed at a flag it does not take)
RECORD_CAP_FLAG = "auditor bulk --max-record-bytes"
Span = tuple[int, int | None]


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
    # other texts a browser may read the page's bytes as, when it declares no charset
    # (`decode.other_readings`, each decoded when walked); the audit walks each for requests
    readings: tuple[Reading, ...] = ()
    # the `<link>` elements the response's `Link` headers stand for (`httpbody.
    # link_header_markup`), walked as the page's own: a header's preload loads too
    header_links: str = ""
    # markup standing for what a saved copy holds beside the page (an MHTML's parts, each
    # with the URL the browser loaded it from: `mhtml._saved_parts`), walked as its requests
    saved_parts: str = ""
    # the URLs a post's SEO plugin declares for it outside its body, as (evidence kind,
    # URL, where): a REST post's `yoast_head_json` canonical and og:url (`json_posts`),
    # which its `content.rendered` has no <head> to hold
    declared: tuple[tuple[str, str, str], ...] = ()
    # the page's tree, when the reader had to parse `text` already (site mode finds the
    # site files a page loads as code): the audit takes it rather than parse it again
    parsed: ParsedPage | None = dataclasses.field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # JSON can carry lone surrogates (`"\ud800"`) that no output can encode: they
        # become U+FFFD here, once, so every reporter writes what it was given
        encodable(self, ("input", "text", "url", "title"))


def encodable(record: object, names: tuple[str, ...]) -> None:
    """A frozen record's text fields with lone surrogates made U+FFFD: a page's JSON
    escapes, and a file name that is not UTF-8 (Python decodes its bytes to surrogates),
    which no report and no store can encode."""
    for name in names:
        value = getattr(record, name)
        if value and _has_surrogates(value):
            object.__setattr__(record, name, without_surrogates(value))


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

    def __post_init__(self) -> None:
        encodable(self, ("input", "error"))


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that is not a page (image, revisit, CSS): counted, not audited."""

    input: str
    kind: str
    reason: str

    def __post_init__(self) -> None:
        encodable(self, ("input", "reason"))


Record = Document | ReadFailure | Skipped


def names_a_file(input_name: str) -> bool:
    """Whether an input name is a file on disk (`a#b.html`), not `archive#member`. The
    member part comes from the archive: a name the system cannot look up (too long, a
    NUL) is no file, not a crash."""
    try:
        return os.path.exists(input_name)
    except (OSError, ValueError):
        return False


def split_member(input_name: str) -> tuple[str, str, str]:
    """An input name as (file, "#", member), `str.partition`'s way: `site.warc#rec-1`
    names a member, and a file whose own name holds `#` (`a#b.html`) none."""
    if "#" in input_name and not names_a_file(input_name):
        return input_name.partition("#")
    return input_name, "", ""


@dataclass(frozen=True, slots=True)
class Source:
    """One input as a reader is given it.

    A streamed reader reads `stream` as it goes (an archive is never loaded whole); a
    page reader is given the page's bytes, already read under the caller's cap.
    """

    stream: BinaryIO
    name: str  # what its records are named after: a path, `<stdin>`, `archive#member`
    kind: str  # what detection found: one of the reader's kinds
    url: str | None = None  # the page's URL, when the caller knows it
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    span: Span = (0, None)  # the byte range a splittable reader reads (bulk's shards)


@dataclass(frozen=True, slots=True)
class Member:
    """One thing a container holds, handed back to the registry to read."""

    open: Callable[[], IO[bytes]]  # its bytes, opened when read and closed after
    name: str  # what its records are named after (`archive#member`)
    filename: str  # its own name, which breaks ties when its bytes are sniffed
    max_record_bytes: int
    size: int | None = None  # as the container declares it, checked before reading
    # the container's one content, standing for the input itself (a gzipped page):
    # what cannot be read is the input's error, not a skipped member
    whole: bool = False


class Nested(Protocol):
    """The registry's dispatcher, as a container calls it for each member."""

    def __call__(self, member: Member) -> Iterator[Record]: ...


class Reader(ABC):
    """Reads the inputs of some kinds (what `sniff`, or the reader's own `detect`, says
    an input is) into records."""

    kinds: ClassVar[frozenset[str]]
    # file names a directory walk reads as inputs (anything else in a built site, its
    # CSS or images, is not a page); files named on the command line are always read
    suffixes: ClassVar[frozenset[str]] = frozenset()
    # given the stream rather than the bytes: containers, and record-per-line formats
    streamed: ClassVar[bool] = False
    # an input read whole up to this size whatever the record cap, for a kind that is
    # mostly parts the reader never decodes (an MHTML's images, base64): the cap then
    # bounds what it decodes (the page), not the file
    whole_bytes: ClassVar[int] = 0

    def detect(self, head: bytes, name: str) -> str | None:
        """A kind `sniff` does not know, from an input's first bytes and its name."""
        return None

    @abstractmethod
    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        """Every record of the input, in order; a damaged record is a ReadFailure, an
        input that cannot be read at all an InputError."""


class PageTooLarge(InputError):
    """A page over the size its caller reads whole (`audit`: 64 MiB; `bulk`: the record
    cap, where it is one failed record)."""

    def __init__(self, name: str, limit: int) -> None:
        self.limit = limit
        super().__init__(f"{name}: larger than {limit // (1024 * 1024)} MiB"
                         if limit == MAX_PAGE_BYTES
                         else f"{name}: over the {limit}-byte cap ({RECORD_CAP_FLAG})")


def unsafe_member_name(name: str) -> str | None:
    """Why an archive member's name is one no archive tool writes (absolute, a `..`
    segment climbing out of the archive, a Windows drive, a NUL), or None:
    extracted, it would land outside the folder (path traversal, "zip slip"). Nothing is
    extracted here, but such a member is a crafted one, reported rather than read or
    passed over as the layout's. A backslash is a separator, as Windows tools write one
    (PowerShell 5's Compress-Archive wrote `site\\index.html`): such a name that stays
    inside is read.

    >>> unsafe_member_name("../../etc/cron.d/x.html"), unsafe_member_name("archive/a.warc.gz")
    ('a `..` segment climbs out of the archive', None)
    >>> unsafe_member_name("site\\\\blog\\\\a..b.html"), unsafe_member_name("pages\\\\..\\\\x.html")
    (None, 'a `..` segment climbs out of the archive')
    """
    if "\x00" in name:
        return "a NUL in the name"
    if name.startswith(("/", "\\")) or (name[:1].isalpha() and name[1:2] == ":"):
        return "an absolute path"
    if ".." in name.replace("\\", "/").split("/"):
        return "a `..` segment climbs out of the archive"
    return None


# what handing an archive's member on may raise, besides the archive format's own error
# (`tarfile.TarError`, `zipfile.BadZipFile`): one failed member, never the archive
# lzma.LZMAError is none of the others: a damaged LZMA (or xz) member was an internal error
MEMBER_ERRORS: tuple[type[Exception], ...] = (InputError, zlib.error, lzma.LZMAError, EOFError,
                                              OSError, ValueError, RuntimeError)


def failure_message(name: str, exc: BaseException) -> str:
    """One line naming the record, for a ReadFailure made of an exception."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, (zlib.error, lzma.LZMAError)):  # "Error -3 while decompressing data",
        # "Corrupt input data": they say no more
        text = f"damaged compressed data ({text})"
    return text if text.startswith(name) else f"{name}: {text[:300]}"


def failure_reason(name: str, error: str) -> str:
    """A failure's error without the record name `failure_message` put first, for a view
    that shows the name beside it (a report printed `x#0: x#0: record truncated`).

    >>> failure_reason("a.zip#b.html", "a.zip#b.html: binary data")
    'binary data'
    >>> failure_reason("a.zip#b.html", "worker died")
    'worker died'
    """
    return error.removeprefix(f"{name}: ") if error != name else error


def with_url(record: Record, url: str | None) -> Record:
    """A page given the URL its caller knows, unless it names its own."""
    if url and isinstance(record, Document) and record.url is None:
        return dataclasses.replace(record, url=url)
    return record
