"""Bytes → text for HTML: BOM, then the transport's charset, then the page's own
declaration, then detection; labels as the WHATWG Encoding Standard reads them. A
charset once declared holds, its bad bytes replaced, as Chromium reads it: falling
back to detection read the rest of the page in another codec, and a host written in the
declared one (full-width letters in Shift_JIS or UTF-8) was lost to a gate.

A page cannot pick just any codec Python knows: a `<meta charset>` naming UTF-16 is read
as UTF-8 (browsers do; an ASCII page declaring UTF-16 must not turn to garbage and hide
its ad loader), labels outside the standard (`cp037`, `undefined`) are ignored, and
`latin1` means windows-1252. Never raises on bad bytes: an undecodable byte becomes
U+FFFD so one broken character never loses a page.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from auditor.lazy_re import lazy_regex
from auditor.letters import KANA

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <?xml version="1.0" encoding="x"?>, read when no meta declares one
_XML_DECL = lazy_regex(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.-]+)""", re.I)


def byte_order_mark(data: bytes) -> tuple[bytes, str] | None:
    """The byte-order mark `data` opens with and its codec, or None, as a browser reads
    it: the Encoding Standard knows UTF-8's and UTF-16's marks only, so FF FE 00 00 is
    UTF-16's mark and a U+0000, and 00 00 FE FF no mark, unless what follows is UTF-32
    throughout (every whole four bytes a character: a real UTF-32 file, in which a
    browser's reading finds no tag, as no two of its characters in a row are letters);
    read as UTF-32, UTF-16 or ASCII markup behind such a mark was a page of U+FFFD.

    >>> byte_order_mark(b"\\xff\\xfe\\x00\\x00<\\x00p\\x00")
    (b'\\xff\\xfe', 'utf-16-le')
    >>> byte_order_mark(b"\\x00\\x00\\xfe\\xff<p>ad</p>") is None
    True
    >>> byte_order_mark("<p>".encode("utf-32"))
    (b'\\xff\\xfe\\x00\\x00', 'utf-32-le')
    """
    for bom, codec in _BOMS:  # UTF-32 before UTF-16, whose mark it starts with
        if data.startswith(bom):
            if codec.startswith("utf-32"):
                rest = data[len(bom) :]
                try:
                    rest[: len(rest) - len(rest) % 4].decode(codec)
                except UnicodeDecodeError:
                    continue
            return bom, codec
    return None


def as_utf8(data: bytes) -> bytes:
    """UTF-16 or UTF-32 input (it starts with a byte-order mark, or its NULs fall where
    ASCII's high bytes do in one of them) as UTF-8; any other input is returned as it is
    (the same object).

    >>> as_utf8("<p>hi</p>".encode("utf-16-le"))
    b'<p>hi</p>'
    """
    if (mark := byte_order_mark(data)) is not None and mark[1] != "utf-8":
        return data[len(mark[0]) :].decode(mark[1], "replace").encode("utf-8")
    wide = _wide_without_bom(data)
    if wide is not None:
        return data.decode(wide, "replace").encode("utf-8")
    return data


def cut_short(data: bytes) -> str | None:
    """Why a whole input's bytes cannot be read as the text that was written, or None:
    text whose byte-order mark says UTF-16 (or UTF-32) that ends inside a character (an
    odd byte of UTF-16: a file cut short, or no UTF-16 at all), or a file that is only
    the start of a byte-order mark. Read anyway, such bytes became a page of U+FFFD that
    a gate passed as clean; it fails closed instead. Wide text known by its NULs alone is
    no such case: a browser reads it as windows-1252, and so do its other readings.

    >>> cut_short(b"\\xff\\xfe<").split(":")[0]
    'UTF-16 text (by its byte-order mark) ends in part of a character'
    >>> cut_short(b"\\xff\\xfe\\x00"), cut_short(b"\\xff\\xfe")
    ('only the start of a byte-order mark: a file cut short', None)
    >>> cut_short("<p>hi</p>".encode("utf-16")) is None, cut_short(b"<p>\\xff</p>") is None
    (True, True)
    """
    boms = [bom for bom, _codec in _BOMS]
    if data and data not in boms and any(bom.startswith(data) for bom in boms):
        return "only the start of a byte-order mark: a file cut short"
    if (mark := byte_order_mark(data)) is not None and mark[1] != "utf-8":
        bom, codec = mark
        if not (len(data) - len(bom)) % (4 if codec.startswith("utf-32") else 2):
            return None
        name = codec[:6].upper()
        return (f"{name} text (by its byte-order mark) ends in part of a character: a "
                f"file cut short, or no {name}")
    return None


# where NULs are, position by position modulo 4, in ASCII text of each wide codec
_WIDE_NULS = {
    (False, True, False, True): "utf-16-le",
    (True, False, True, False): "utf-16-be",
    (False, True, True, True): "utf-32-le",
    (True, True, True, False): "utf-32-be",
}
_WIDE_SAMPLE = 4096
_WIDE_MIN = 16


def _wide_without_bom(data: bytes) -> str | None:
    """The wide codec of text with no byte-order mark, or None: in its first 4 KB each
    byte position (modulo 4) is NUL at least half the time or at most one time in 20,
    in the pattern ASCII takes in that codec. A run of NULs padding a page is NUL at
    every position, so it is no wide text; markup whose ASCII is interleaved with NULs
    is, and it is read as such, never hidden behind them."""
    sample = data[:_WIDE_SAMPLE]
    if len(sample) < _WIDE_MIN or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) - len(sample) % 4]
    quarter = len(sample) // 4
    nuls = []
    for offset in range(4):
        count = sample[offset::4].count(0)
        if count * 2 >= quarter:
            nuls.append(True)
        elif count * 20 <= quarter:
            nuls.append(False)
        else:
            return None
    return _WIDE_NULS.get((nuls[0], nuls[1], nuls[2], nuls[3]))


def _labels() -> dict[str, str]:
    """WHATWG encoding labels → Python codecs (https://encoding.spec.whatwg.org/#names-and-labels)."""
    table: dict[str, str] = {}

    def add(codec: str, *labels: str) -> None:
        table.update(dict.fromkeys(labels, codec))

    add("utf-8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8",
        "x-unicode20utf8")
    add("cp866", "866", "cp866", "csibm866", "ibm866")
    for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16):
        add(f"iso8859-{n}", f"iso-8859-{n}", f"iso8859-{n}", f"iso8859{n}", f"iso_8859-{n}")
    add("iso8859-2", "csisolatin2", "iso-ir-101", "l2", "latin2", "iso_8859-2:1987")
    add("iso8859-5", "csisolatincyrillic", "cyrillic", "iso-ir-144", "iso_8859-5:1988")
    add("iso8859-7", "greek", "greek8", "iso-ir-126", "elot_928", "ecma-118", "csisolatingreek")
    add("iso8859-8", "hebrew", "iso-ir-138", "visual", "csisolatinhebrew", "iso-8859-8-i",
        "csiso88598i", "logical")
    add("iso8859-15", "l9", "csisolatin9")
    add("koi8-r", "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r")
    add("koi8-u", "koi8-ru", "koi8-u")
    add("mac-roman", "csmacintosh", "mac", "macintosh", "x-mac-roman")
    add("cp874", "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874")
    for n in range(1250, 1259):
        add(f"cp{n}", f"cp{n}", f"windows-{n}", f"x-cp{n}")
    add("cp1252", "ansi_x3.4-1968", "ascii", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
        "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1",
        "latin1", "us-ascii", "x-user-defined")
    add("cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
        "iso_8859-9", "iso_8859-9:1989", "l5", "latin5")
    add("mac-cyrillic", "x-mac-cyrillic", "x-mac-ukrainian")
    add("gb18030", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80",
        "gbk", "iso-ir-58", "x-gbk", "gb18030")
    add("big5hkscs", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5")
    add("euc_jp", "cseucpkdfmtjapanese", "euc-jp", "x-euc-jp")
    add("iso2022_jp", "csiso2022jp", "iso-2022-jp")
    add("cp932", "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis",
        "windows-31j", "x-sjis")
    add("cp949", "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
        "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949")
    add("utf-16-be", "unicodefffe", "utf-16be")
    add("utf-16-le", "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16",
        "utf-16le")
    return table


ENCODING_LABELS = _labels()
_UTF16 = frozenset({"utf-16-be", "utf-16-le"})


def encoding_for(label: str | None, *, in_page: bool) -> str | None:
    """The codec a label names per the WHATWG standard; None for labels it does not
    know. A page's own declaration of UTF-16 means UTF-8 (its bytes were readable
    as ASCII to be found at all), as browsers read it.

    >>> encoding_for(" Latin1 ", in_page=True), encoding_for("utf-16", in_page=True)
    ('cp1252', 'utf-8')
    >>> encoding_for("cp037", in_page=True) is None
    True
    """
    if not label:
        return None
    codec = ENCODING_LABELS.get(label.strip().lower())
    if in_page and codec in _UTF16:
        return "utf-8"
    return codec


# Chromium's prescan (HTMLMetaCharsetParser) reads a `<meta>` charset in the first 1,024
# bytes, and past them for as long as only head elements came before it (text alone does
# not end the head: 50,000 bytes of it before the meta, and the meta still held)
_PRESCAN_BYTES = 1024
_HEAD_TAGS = frozenset({b"script", b"noscript", b"style", b"link", b"meta", b"object",
                        b"title", b"base"})
# the elements whose text the prescan does not read as markup (`<noscript>`'s it does:
# Chromium 156 took a meta charset inside one)
_RAW_TEXT = frozenset({b"script", b"style", b"title", b"textarea", b"xmp", b"iframe",
                       b"noembed", b"noframes"})
_PRESCAN_TAG = lazy_regex(rb"<!--|<(/?)([a-zA-Z][^\s/>\x00]*)")
# an attribute as the tokenizer reads it: a quoted value runs to its quote, `>` and all
_ATTRIBUTE = lazy_regex(
    rb"""[\s/]*([^\s/>][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]*)))?""")
# `content`'s charset, read only beside http-equiv="content-type" (the standard's "need
# pragma": Chromium 156 passed over `<meta name="description" content="charset=…">`)
_CONTENT_CHARSET = lazy_regex(rb"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""")


def _attributes(lowered: bytes, pos: int) -> tuple[dict[bytes, bytes], int]:
    """A tag's attributes from `pos` (the end of its name), the last of a name winning as
    in Chromium's prescan, and where the tag ends."""
    attributes: dict[bytes, bytes] = {}
    while (m := _ATTRIBUTE.match(lowered, pos)) is not None:
        attributes[m.group(1)] = next((v for v in m.group(2, 3, 4) if v is not None), b"")
        pos = m.end()
    close = lowered.find(b">", pos)
    return attributes, len(lowered) if close < 0 else close + 1


def _meta_label(attributes: dict[bytes, bytes]) -> str | None:
    """The charset a `<meta>`'s attributes declare, when it is one an encoding has."""
    label = attributes.get(b"charset")
    if label is None and attributes.get(b"http-equiv", b"").strip() == b"content-type":
        found = _CONTENT_CHARSET.search(attributes.get(b"content", b""))
        label = next((v for v in found.groups() if v is not None), None) if found else None
    text = label.decode("ascii", "replace").strip() if label is not None else None
    return text if encoding_for(text, in_page=True) else None


# Most pages decide within their first bytes: the prescan reads a lowered copy of these
# alone first (a page read is decoded and then looked at for other readings: two lowered
# copies of a 1 MB page), and of the whole page only when it runs past them
_PRESCAN_PREFIX = 32 * 1024


def meta_charset(data: bytes) -> str | None:
    """The label of the first `<meta>` charset Chromium's prescan reads (one an encoding
    has, and a `content` only beside http-equiv="content-type"), else None.

    >>> meta_charset(b"<title>" + b"x" * 5000 + b"</title><meta charset=koi8-r>")
    'koi8-r'
    >>> meta_charset(b"<div>" + b"x" * 1100 + b"<meta charset=koi8-r>") is None
    True
    >>> meta_charset(b"<title>" + b"x" * 40000 + b"</title><meta charset=koi8-r>" + b"x" * 9)
    'koi8-r'
    """
    if len(data) > _PRESCAN_PREFIX:
        label, decided = _prescan(data[:_PRESCAN_PREFIX].lower(), whole=False)
        if decided:
            return label
    lowered = data.lower()
    if b"charset" not in lowered:  # what every declaration holds: most small inputs lack it
        return None
    return _prescan(lowered, whole=True)[0]


def _prescan(lowered: bytes, whole: bool) -> tuple[str | None, bool]:
    """The prescan over lowered bytes, and whether it decided: over a prefix of the page
    (`whole` false) it has not when it runs to the prefix's end."""
    in_head = True
    pos = 0
    while (tag := _PRESCAN_TAG.search(lowered, pos)) is not None:
        if not in_head and tag.start() >= _PRESCAN_BYTES:
            return None, True
        if tag.group(0) == b"<!--":
            end = lowered.find(b"-->", tag.end())
            if end < 0:
                return None, whole
            pos = end + 3
            continue
        name, end_tag = tag.group(2), bool(tag.group(1))
        attributes, pos = _attributes(lowered, tag.end())
        if pos >= len(lowered) and not whole:
            return None, False  # the tag may run past the prefix
        if not end_tag and name == b"meta" and (label := _meta_label(attributes)):
            return label, True
        if not end_tag and name in _RAW_TEXT:  # its text is no markup
            text_end = lowered.find(b"</" + name, pos)
            if text_end < 0 and not whole:
                return None, False
            pos = len(lowered) if text_end < 0 else text_end
        if name not in _HEAD_TAGS and (end_tag or name not in (b"html", b"head")):
            in_head = False
    return None, whole


def declared_charset(data: bytes) -> str | None:
    """The encoding the bytes declare (BOM, meta, XML declaration), per the standard."""
    if (mark := byte_order_mark(data)) is not None:
        return mark[1]
    label = meta_charset(data)
    if label is None and (xml := _XML_DECL.search(data[:4096])):
        label = xml.group(1).decode("ascii", "replace")
    return encoding_for(label, in_page=True)


def decode_html(data: bytes, http_charset: str | None = None) -> str:
    """Decode page bytes in the charset declared (the transport's: an HTTP header's, a
    `data:` URL's `;charset=`; else the page's), its bad bytes replaced as browsers
    replace them; undeclared, as UTF-8, else the CJK codec its text reads in, else
    cp1252. A BOM comes first.

    >>> decode_html("<p>".encode("utf-16-le"), "utf-16"), decode_html(b"\\xe4", "latin1")
    ('<p>', 'ä')

    >>> decode_html(b"<meta charset=utf-8>" + b"\\xe9" * 3 + "\uff4d.test".encode())
    '<meta charset=utf-8>\ufffd\ufffd\ufffd\uff4d.test'
    """
    if (mark := byte_order_mark(data)) is not None:
        return data[len(mark[0]) :].decode(mark[1], "replace")
    declared = encoding_for(http_charset, in_page=False) or declared_charset(data)
    if declared:
        return data.decode(declared, "replace")
    return data.decode(_undeclared_codec(data), "replace")


def _undeclared_codec(data: bytes) -> str:
    """The codec of a page that declares none: UTF-8 when its bytes are (UTF-8 with a few
    corrupt bytes stays UTF-8: it has valid multi-byte characters), else the CJK codec its
    double-byte text reads in (`_cjk_codec`), else cp1252, the web's default for bytes
    that never form UTF-8."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    utf8 = data.decode("utf-8", "replace")
    bad = utf8.count("\ufffd")
    valid = len(utf8) - len(utf8.encode("ascii", "ignore")) - bad  # non-ASCII, counted in C
    return "utf-8" if valid > bad else (_cjk_codec(data) or "cp1252")


# The CJK codecs Chromium's detector picks for pages that declare none (see _GUESSABLE)
_CJK = ("gb18030", "big5hkscs", "cp932", "euc_jp", "cp949")
# a run of text with non-ASCII bytes: from a byte at or above 0x80 (a lead, or a single
# byte) through every byte at or above 0x40 (a trail of each CJK codec is; a byte below
# never is, so a run never cuts a character)
# (GB18030's four-byte characters, every emoji among them, hold digits as their second and
# fourth bytes: a run goes on through them, or an emoji-heavy page's sample was lone lead
# bytes that failed GB18030 and left windows-1252)
_FOUR = rb"[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]"
_HIGH_RUN = lazy_regex(rb"(?:%s|[\x80-\xff])(?:%s|[\x40-\xff]){0,16384}" % (_FOUR, _FOUR))
# how much of those runs the sniff reads: enough text to tell the languages apart, and a
# bound, so a page of any size costs one scan to its first 16 KB of such text
_SNIFF_BYTES = 16 * 1024


def _cjk_codec(data: bytes) -> str | None:
    """The CJK codec an undeclared page's non-ASCII text reads as, or None: each codec in
    which at most 1% of its characters fail to decode (text in windows-1252 leaves a lead
    byte before a space at every accented word's end), ranked by charset_normalizer's
    character-frequency model, which tells GBK's Chinese from the same bytes read as
    Korean or Japanese. Read before, such a page was windows-1252 noise: its text measured
    twice its length and its full-width hosts walked in a second reading.

    >>> _cjk_codec("<p>市议会今天批准了图书馆的改造计划。</p>".encode("gbk"))
    'gb18030'
    >>> _cjk_codec("<p>caf\u00e9 \u00e9t\u00e9 f\u00fcr na\u00efve</p>".encode("cp1252")) is None
    True
    >>> _cjk_codec("<p>Gr\u00fc\u00dfe aus M\u00fcnchen</p>".encode("cp1252")) is None
    True
    """
    window = bytearray()
    for run in _HIGH_RUN.finditer(data):
        start = run.start()  # with the letter before it: a Latin word's start (`G` of Gökçe)
        window += data[start - 1:start] if start and data[start - 1:start].isalpha() else b""
        # a run is cut at the window's end (one long run of text is not read whole)
        window += data[start:min(run.end(), start + _SNIFF_BYTES - len(window))] + b"\n"
        if len(window) >= _SNIFF_BYTES:
            break
    sample = bytes(window)
    texts = {codec: sample.decode(codec, "replace") for codec in _CJK}
    valid = [codec for codec, text in texts.items()
             if text.count("\ufffd") * 100 <= len(text) - text.count("\n")
             and _in_script(codec, text) and _mostly_common(codec, text)]
    japanese = [codec for codec in valid if codec in _JAPANESE]
    valid = japanese or valid  # kana in a Japanese reading: no Chinese or Korean text has them
    if not valid:
        return None
    if not japanese and "cp949" in valid and _korean(texts["cp949"]):
        return "cp949"
    if len(valid) == 1:
        return valid[0]
    from charset_normalizer import from_bytes  # 20 ms to import: only for such a page

    best = from_bytes(sample, cp_isolation=[_NORMALIZER_NAMES.get(c, c) for c in valid],
                      preemptive_behaviour=False).best()
    named = {_NORMALIZER_NAMES.get(c, c): c for c in valid}
    return named.get(best.encoding, valid[0]) if best is not None else valid[0]


_HANGUL = lazy_regex("[\uac00-\ud7a3]")  # the precomposed syllables Korean is written in
_JAPANESE = ("cp932", "euc_jp")
_CJK_LETTER = lazy_regex(  # kana, jamo, ideographs, syllables, compatibility ideographs, half-width
    "[\u3040-\u30ff\u3131-\u318e\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff66-\uff9f]")


def _korean(text: str) -> bool:
    """Whether text read as EUC-KR is Korean beyond doubt: 30 letters or more, nine in ten
    of them Hangul syllables (GBK's Chinese read so is about six in ten, and the frequency
    model took text of one repeated Korean sentence for Chinese)."""
    letters = len(_CJK_LETTER.findall(text))
    return letters >= 30 and len(_HANGUL.findall(text)) * 10 >= letters * 9


# a CJK letter with no CJK letter or punctuation beside it: one a Latin word's accented
# letter makes with the letter after it (`Muñoz` read as Big5 is `Mu` + 羠 + `z`)
_CJK_WIDE = "\u3000-\u30ff\u3131-\u318e\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uff9f"
_ALONE = lazy_regex(f"(?<![{_CJK_WIDE}])[{_CJK_WIDE}](?![{_CJK_WIDE}])")


# a short run of CJK letters with an ASCII letter before or after it: what a Latin word
# whose accented letters come in twos makes (`Çiğdem Gökçe` in GBK: `[][]em G[][]`)
_SHORT_RUN = lazy_regex(f"(?<![{_CJK_WIDE}])[{_CJK_WIDE}]{{1,2}}(?![{_CJK_WIDE}])")


def _inside_latin_words(codec: str, text: str) -> int:
    """How many CJK letters stand in short runs glued to an ASCII letter and took an ASCII
    letter as their second byte: a Western word read in a CJK codec (`Çi` of `Çiğdem` is
    one hanzi in GBK, `ği` of a Turkish word another). CJK text's runs are longer, and
    mostly end at punctuation or a space (a Chinese page that names `iPhone` beside `用户`
    has some, not most); a shop's list of brands glued to their goods (`iPhone殼`, `USB線`,
    `Sony耳機`) has most, but their letters' second bytes are mostly not ASCII letters
    (never in GB2312's range, two in five in Big5's)."""
    glued = 0
    for m in _SHORT_RUN.finditer(text):
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
            glued += sum(1 for letter in m.group() if _ascii_letter_trail(codec, letter))
    return glued


def _ascii_letter_trail(codec: str, letter: str) -> bool:
    """Whether a letter's bytes in a codec end in an ASCII letter's byte."""
    try:
        last = letter.encode(codec)[-1:]
    except (UnicodeEncodeError, LookupError):
        return False
    return last.isalpha()


def _in_script(codec: str, text: str) -> bool:
    """Whether text read in a codec is written as its language is: its letters mostly
    stand beside others (a Western page's accented letters read so stand alone), Japanese
    always has kana (its particles; GBK read as Shift_JIS is half-width katakana and
    kanji), Korean is almost all Hangul syllables (GBK read as EUC-KR is half Hanja,
    EUC-JP's kana are jamo), and Chinese has neither (bytes of either read as GBK are
    hanzi alone, the case the frequency model decides)."""
    letters = len(_CJK_LETTER.findall(text))
    if not letters or len(_ALONE.findall(text)) * 2 > letters:  # CJK runs on; Latin does not
        return False
    if _inside_latin_words(codec, text) * 2 > letters:
        return False
    kana, hangul = len(KANA.findall(text)) / letters, len(_HANGUL.findall(text)) / letters
    if codec in _JAPANESE:
        return kana >= 0.1
    if codec == "cp949":
        return hangul >= 0.8
    return kana < 0.1 and hangul < 0.5


# Each standard's own split of its letters by frequency, as bytes: GB2312's level 1 (the
# 3,755 hanzi of 99.7% of running text), Big5's 5,401 frequently used hanzi, KS X 1001's
# 2,350 Hangul syllables, JIS X 0208's level 1 kanji (2,965) and its kana (in EUC-JP's
# bytes, which Shift_JIS text is asked in). Text is almost all in them; another codec's
# bytes read so land anywhere in the table, more than half of them out of it in the
# two-character title of a GBK page read as Big5 (`新闻` read `陔恓`).
_COMMON = {
    "gb18030": ("gbk", lazy_regex(rb"[\xb0-\xd7][\xa1-\xfe]")),
    "big5hkscs": ("big5", lazy_regex(rb"[\xa4-\xc5][\x40-\x7e\xa1-\xfe]|\xc6[\x40-\x7e]")),
    "cp949": ("euc_kr", lazy_regex(rb"[\xb0-\xc8][\xa1-\xfe]")),
    "cp932": ("euc_jp", lazy_regex(rb"[\xa4\xa5\xb0-\xcf][\xa1-\xfe]|\x8e[\xa6-\xdf]")),
    "euc_jp": ("euc_jp", lazy_regex(rb"[\xa4\xa5\xb0-\xcf][\xa1-\xfe]|\x8e[\xa6-\xdf]")),
}


def _mostly_common(codec: str, text: str) -> bool:
    """Whether most of the letters text read in a codec has are its standard's frequent
    ones (`_COMMON`): each distinct letter asked once, as its standard encodes it.

    >>> _mostly_common("gb18030", "新闻"), _mostly_common("big5hkscs", "陔恓")
    (True, False)
    """
    standard, common = _COMMON[codec]
    counts = Counter(_CJK_LETTER.findall(text))
    frequent = 0
    for letter, n in counts.items():
        try:
            encoded = letter.encode(standard)
        except UnicodeEncodeError:
            continue  # not in the standard at all: HKSCS's, GBK's extensions
        if common.fullmatch(encoded):
            frequent += n
    return frequent * 2 >= sum(counts.values())


# charset_normalizer's names for the codecs it calls otherwise
_NORMALIZER_NAMES = {"big5hkscs": "big5"}


# What Chromium's detector may read a page that declares no charset as: any of the
# standard's encodings but UTF-16 (Chromium 156 read UTF-16 without a BOM as
# windows-1252), ISO-2022-JP (its escape sequences left as they were: windows-1252) and
# UTF-7 (not supported). It guessed windows-1257 from Lithuanian text, windows-1251 from
# Russian, Shift_JIS from one full-width host, GBK, Big5, EUC-KR, and windows-1252 for
# valid UTF-8 served over http.
_GUESSABLE = tuple(dict.fromkeys(
    ["utf-8", *(c for c in ENCODING_LABELS.values() if c not in _UTF16 and c != "iso2022_jp")]))
_NAMES = {"utf-8": "UTF-8", "cp932": "Shift_JIS", "euc_jp": "EUC-JP", "gb18030": "GBK",
          "big5hkscs": "Big5", "cp949": "EUC-KR", "cp866": "IBM866", "koi8-r": "KOI8-R",
          "koi8-u": "KOI8-U", "mac-roman": "macintosh", "mac-cyrillic": "x-mac-cyrillic",
          "cp874": "windows-874", "iso2022_jp": "ISO-2022-JP", "utf-16-le": "UTF-16LE",
          "utf-16-be": "UTF-16BE"}
# where a host may be written: at the start of a run of bytes an address can span (quotes,
# spaces and brackets end one), or after its `//`, up to its path, query or fragment. Only a
# host written with a non-ASCII byte can read differently in another charset (markup and
# ASCII read the same in all of them), and only one that folds to ASCII matters (full-width
# `ｅｘａｍｐｌｅ.com`, which the URL parser maps to example.com): a non-ASCII host read
# another way is another unknown host, which the page's own reading already counts. A host
# is at most 253 characters of at most four bytes: longer runs (a paragraph of CJK text)
# are cut there, so a page is read once, in one pass, however its runs fall.
HOST_BYTES = 1024
_HOST_PLACE = lazy_regex(rb"""(?:^|(?<=[\s"'<>()`])|//)([^/?#\\\s"'<>()`]{1,%d})""" % HOST_BYTES)
# what joins the places for one decoding per charset: more newlines than any charset's
# longest sequence, so a lead byte that takes the next bytes with it leaves one between
_JOIN = b"\n" * 4
_FOLDED_HOST = lazy_regex(r"^[\x00-\x09\x0b-\x7f]*\.[\x00-\x09\x0b-\x7f]*$", re.M)


def _ascii_hosts(places: str) -> set[str]:
    """The host places (one a line) that fold to an ASCII name with a dot, as the URL
    parser's mapping folds them.

    >>> sorted(_ascii_hosts("\uff41\uff44\uff53\u3002test\\n\u4eca\u65e5"))
    ['ads.test']
    """
    folded = unicodedata.normalize("NFKC", places).replace("\u3002", ".")  # after NFKC, the
    return set(_FOLDED_HOST.findall(folded.lower()))  # ideographic full stops are all U+3002


def charset_name(codec: str) -> str:
    """The standard's name of a codec this module reads with.

    >>> charset_name("cp1257"), charset_name("cp932")
    ('windows-1257', 'Shift_JIS')
    """
    if codec.startswith("cp12"):
        return "windows-" + codec[2:]
    if codec.startswith("iso8859-"):
        return "ISO-8859-" + codec[8:]
    return _NAMES.get(codec, codec)


@dataclass(frozen=True, slots=True)
class Reading:
    """Another text a browser may read a page's bytes as: its charset's name, and the
    bytes and codec it is decoded from when walked, one reading at a time, so a page's
    readings hold its bytes once, not a whole decoded copy each (a 5 MB page of host
    bytes that fold in many charsets held one per charset for its whole audit).
    `clean`, when given, is applied to the text as it is decoded (a replay's chrome
    taken out). Unpacks as (name, text), decoding then."""

    name: str
    data: bytes
    codec: str
    clean: Callable[[str], str] | None = None

    @property
    def text(self) -> str:
        text = self.data.decode(self.codec, "replace")
        return self.clean(text) if self.clean is not None else text

    def cleaned(self, clean: Callable[[str], str]) -> Reading:
        """The same reading with `clean` applied after any it has."""
        before = self.clean
        return replace(self, clean=clean if before is None else lambda t: clean(before(t)))

    def __iter__(self) -> Iterator[str]:
        yield self.name
        yield self.text


def other_readings(data: bytes, primary: str | None = None) -> tuple[Reading, ...]:
    """The other texts a browser may read an undeclared page's bytes as, each with its
    charset's name: those in which a host the page writes with non-ASCII bytes folds to
    an ASCII name the page's own reading lacks (full-width letters, which Shift_JIS, GBK
    or EUC-KR read as ASCII and windows-1252 as noise), and, for bytes read as UTF-16
    without a BOM, their windows-1252 reading (which Chromium took: ASCII markup after
    wide text runs). None
    when a BOM, the transport or the page declares a charset: Chromium reads that alone.
    The audit walks each for what it requests beyond the page's own reading, so the
    gate fails closed whichever charset Chromium guesses. `primary` is the codec the
    page's own reading took, when the caller sniffed it already.

    >>> fw = "".join(chr(ord(c) + 0xFEE0) for c in "ads")
    >>> page = "<p>café crème</p>".encode("cp1252") + f'<img src="//{fw}.test/a">'.encode("sjis")
    >>> [name for name, text in other_readings(page) if f"//{fw}.test" in text]
    ['Shift_JIS']
    >>> other_readings(b"<meta charset=shift_jis>" + page), other_readings(b"<p>ascii</p>")
    ((), ())
    """
    if byte_order_mark(data) is not None:
        return ()
    wide = _wide_without_bom(data)
    if wide is None and (data.isascii() or declared_charset(data)):
        return ()
    readings: list[Reading] = []
    if wide is not None:  # read as UTF-16/32 here; Chromium reads bytes with no BOM so never
        codec = encoding_for(meta_charset(data), in_page=True) or "cp1252"
        readings.append(Reading(charset_name(codec), data, codec))
        primary = codec
    elif primary is None:
        primary = _undeclared_codec(data)
    places = _JOIN.join(p for p in dict.fromkeys(_HOST_PLACE.findall(data)) if not p.isascii())
    if not places:
        return tuple(readings)
    seen = _ascii_hosts(places.decode(primary, "replace"))
    for codec in _GUESSABLE:
        hosts = _ascii_hosts(places.decode(codec, "replace")) - seen
        if hosts:  # a host this reading alone writes in ASCII
            seen |= hosts
            readings.append(Reading(charset_name(codec), data, codec))
    return tuple(readings)


def as_page(data: bytes) -> tuple[bytes, str | None]:
    """A page's bytes, re-encoded as UTF-8 when they were UTF-16/32, and the charset
    that then holds (a `<meta charset="utf-16">` in them no longer does)."""
    utf8 = as_utf8(data)
    return utf8, ("utf-8" if utf8 is not data else None)


def decode_page(raw: bytes, transport: str | None = None
                ) -> tuple[str, tuple[Reading, ...]]:
    """A page's text as a browser decodes its bytes (UTF-16 without a BOM read as such;
    `transport`, a Content-Type's charset, before the page's own declaration), and the
    other readings a browser may take of them when no transport charset is given
    (`other_readings`): what every reader of a page's bytes asks."""
    data, charset = as_page(raw)
    if charset or encoding_for(transport, in_page=False):
        text = decode_html(data, charset or transport)
        return text, (() if encoding_for(transport, in_page=False) else other_readings(raw))
    if declared := declared_charset(data):  # a BOM's or the page's: read that alone
        bom = len(mark[0]) if (mark := byte_order_mark(data)) is not None else 0
        return data[bom:].decode(declared, "replace"), ()
    codec = _undeclared_codec(data)  # sniffed once, for the text and its other readings
    return data.decode(codec, "replace"), other_readings(raw, primary=codec)
