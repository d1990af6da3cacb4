"""Promotional blocks in plain-text scrapes, where no markup survives.

Ads survive a text scrape only as words: a "SPONSORED" header over a few short
promotion lines, "KEEP READING / Trending …" recirculation lists, "SHARE THIS STORY"
bars, "Primary source" attributions. The text is cut into lines; a header line opens
a block and the short lines after it belong to it. Editorial prose is long lines,
so a block ends at the first long line (or a blank line, unless the next line is a
recirculation label or the headline under one).

Keyword sets are small and multilingual where that is cheap; they match whole short
lines, never words inside prose ("advertised" in a sentence is not a header).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace

from auditor.lazy_re import lazy_regex
from auditor.model import Category

SHORT = 100  # characters: longer lines are prose, and end a block
MAX_BLOCK_LINES = 40

KIND_CATEGORY: dict[str, Category] = {
    "sponsored": Category.ADVERTISING,
    "affiliate": Category.AFFILIATE,
    "recirculation": Category.CONTENT,
    "share": Category.SOCIAL,
    "attribution": Category.CONTENT,
}
PROMOTIONAL = frozenset({"sponsored", "affiliate", "recirculation", "share"})

_SPONSOR_HEADERS = frozenset(
    """advertisement advertisements advertising ad ads sponsored promoted anzeige anzeigen
    werbung gesponsert publicité publicite sponsorisé sponsorise publicidad patrocinado
    publicidade pubblicità sponsorizzato advertentie gesponsord reklama реклама 广告 廣告
    広告 광고 إعلان""".split()
) | frozenset(
    {"sponsored content", "sponsored links", "sponsored stories", "sponsored posts",
     "sponsored post", "paid content", "paid post", "promoted content", "promoted stories",
     "partner content", "contenu sponsorisé", "contenido patrocinado", "bezahlte partnerschaft"}
)
_SHARE_HEADERS = frozenset(
    {"share", "share this", "share this story", "share this article", "share this post",
     "share this page", "share on", "share via", "share the story", "teilen", "artikel teilen",
     "partager", "partager cet article", "compartir", "compartilhe", "condividi", "поделиться",
     "分享", "分享到"}
)
_RECIRC_HEADER = lazy_regex(
    r"(?:keep|continue) reading|read (?:more|next|also)|you (?:may|might|will) (?:also )?"
    r"(?:like|enjoy|be interested)|explore more|more (?:stories|from|to read|like this|news|"
    r"articles|on this)|related (?:articles?|stories|posts|news|content|reading|coverage)|"
    r"recommended(?: for you| stories| reading| articles)?|most (?:read|popular|viewed|shared)|"
    r"trending (?:now|stories|news|articles|topics)|top stories|popular (?:now|stories|posts)|"
    r"don'?t miss|editor'?s picks|further reading|see also|weiterlesen|mehr zum thema|"
    r"das könnte sie auch interessieren|lesen sie auch|(?:à )?lire aussi|lire la suite|"
    r"sur le même sujet|vous aimerez aussi|te puede interesar|lee también|leer más|"
    r"leia também|veja também|lees ook|читайте также|читать далее|похожие статьи|"
    r"相关文章|相关阅读|推荐阅读|猜你喜欢|延伸阅读"
)
_LABELS = frozenset(
    {"trending", "popular", "related", "latest", "recommended", "featured", "must read",
     "hot", "breaking", "top story", "editor's pick", "most read"}
)
_SHARE_WORDS = frozenset(
    {"𝕏", "x", "twitter", "facebook", "whatsapp", "telegram", "linkedin", "reddit", "pinterest",
     "messenger", "tumblr", "threads", "bluesky", "flipboard", "vk", "weibo", "wechat", "line",
     "pocket", "email", "e-mail", "mail", "sms", "share", "tweet", "print", "copy", "link",
     "copy link", "on"}
)
_PLATFORMS = _SHARE_WORDS - {"email", "e-mail", "mail", "sms", "share", "tweet", "print", "copy",
                             "link", "copy link", "on", "line", "x"}
# Yoast SEO's feed footer, as WordPress writes it in each locale's feed (aggregators copy
# it into their posts, and text scrapes keep it): "Der Beitrag <post> erschien zuerst auf
# <site>." Provenance reads the site it names, in markup and in text; a footer holds a
# title, so it may run to FEED_FOOTER_CHARS. Japanese puts the site before its verb:
# "投稿 <post> は <site> に最初に表示されました。" (a title of two kanji is a title too)
FEED_FOOTER = lazy_regex(
    r"^(?:(?:the post .+ appeared first on|der beitrag .+ erschien zuerst auf"
    r"|l['’]article .+ est apparu en premier sur|la entrada .+ se publicó primero en"
    r"|l['’]articolo .+ sembra essere il primo su|o post .+ apareceu primeiro em"
    r"|het bericht .+ verscheen eerst op) (?P<site>.+)"
    r"|投稿\s*.+\sは\s+(?P<site_ja>.+?)\s*に最初に表示されました[。.]?)$", re.I)
FEED_FOOTER_CHARS = 300


def footer_site(footer: re.Match[str]) -> str:
    """The site part of a FEED_FOOTER match, whichever locale's order it is in.

    >>> footer_site(FEED_FOOTER.match("投稿 速報 は ネタフル に最初に表示されました。"))
    'ネタフル'
    >>> footer_site(FEED_FOOTER.match("The post Storm appeared first on Herald."))
    'Herald.'
    """
    return footer.group("site") or footer.group("site_ja") or ""


_ATTRIBUTION = lazy_regex(
    r"(?:original|primary) source$|^(?:original|primary) source\b|^source link$"
    r"|^(?:this (?:article|story) )?originally (?:published|appeared) (?:on|in|at|by)\b"
    r"|^via\s+\S+(?:\s+\S+){0,5}$"
    r"|^(?:source|quelle|fuente|fonte|источник|来源|出处|原文)\s*[:：]\s*\S"
)
_SPONSORED_BY = lazy_regex(
    r"^(?:sponsored by|presented by|paid (?:post|content|partnership) (?:by|with|for)"
    r"|in partnership with|anzeige von|sponsorisé par|patrocinado por)\b"
)
_DISCLOSURE = lazy_regex(
    r"\bas an amazon associate\b|\baffiliate (?:links?|commissions?)\b"
    r"|\b(?:we|i) (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation)"
    r"|\bqualifying purchases\b|\baffiliate-links?\b|\bliens? affiliés?\b"
    r"|\benlaces? de afiliados?\b"
)
# A promotion is affiliate when it sells a product deal rather than a brand message.
_DEAL = lazy_regex(
    r"\bsave\s+(?:up to\s+)?\d{1,3}\s?%|\b\d{1,3}\s?%\s+off\b|\bdeals?\b|\bcoupons?\b"
    r"|\bpromo(?:tion(?:al)?)? codes?\b|\bdiscount|\bbuy (?:now|on|it)\b|\bshop (?:now|the)\b"
    r"|\bcheck (?:the )?price\b|\bamazon\b|\bebay\b|\baliexpress\b|\bwalmart\b"
    r"|\blimited(?: time)?\b"
    r"|\brabatt|\bangebot|\bgutschein|\boferta|\bdescuento|\bréduction|\bbon plan",
    re.I,
)
# A native ad network's widget credits itself in its header or under its items ("Sponsored
# Links by Taboola", "Recommended by Outbrain", "by Taboola"), words a text scrape keeps:
# a short line ending "by <name>", the name one of `vendors` (the catalogue's native ad
# networks, which the caller passes: "Recommended by our editors" credits no network), the
# words before "by" a label of a promotion or none ("Teads acquired by Outbrain", a headline,
# credits nothing)
_CREDIT = lazy_regex(r"^(?:(?P<label>[^\W\d_][^\n]{0,40}?)\s+)?by\s+(?P<vendor>\S{2,30})$",
                     re.I)
_CREDIT_LABELS = frozenset({"promoted links", "paid links", "powered", "content", "links"})
# native ad networks whose widgets credit the advertiser, never themselves, and whose name
# is another's credit: "Powered by Polar" is Polar.sh's funding and newsletter widget on
# developers' blogs, or a Polar watch's training log, not Polar's (MediaVoice's) units
_NEVER_CREDITED = frozenset({"polar"})
_LEADING_SYMBOLS = lazy_regex(r"^[\W_]+")
_TRAILING = lazy_regex(r"[\s:：·|•→»›>\-–—]+$")
_TOKENS = lazy_regex(r"[^\s,|/·•]+")


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A promotional (or attribution) block: lines [start, end], 0-based."""

    kind: str
    start: int
    end: int
    line: int  # 1-based line of the block's first meaningful line
    text: str
    bytes: int
    rule: str
    vendor: str | None = None  # the native ad network a credit line names, in lower case

    @property
    def category(self) -> Category:
        return KIND_CATEGORY[self.kind]


def _core(line: str) -> str:
    """A line without its decoration: leading emoji/bullets, trailing colons and arrows."""
    return _TRAILING.sub("", _LEADING_SYMBOLS.sub("", line.strip()))


@functools.lru_cache(maxsize=4096)
def _header(line: str) -> str | None:
    """The kind of block a header line opens, if it is one."""
    if len(line) > 120:
        return None  # prose
    core = _core(line)
    low = core.lower()
    if not low or len(low) > 80:
        return None
    if low in _SPONSOR_HEADERS:
        return "sponsored"
    if low in _SHARE_HEADERS:
        return "share"
    m = _RECIRC_HEADER.match(low)
    if m is None or low.endswith("."):
        return None
    rest = core[m.end():]
    glued = core[: m.end()].isupper() and rest[:1].isupper()  # "EXPLORE MORETech AI →"
    if not rest or not rest[0].isalpha() or glued:
        return "recirculation"
    return None


def _credit(line: str, vendors: Container[str]) -> str | None:
    """The native ad network a widget's credit line names ("Sponsored Links by Taboola"),
    in lower case, if it is one of `vendors`."""
    if len(line) > 60:
        return None
    m = _CREDIT.match(_core(line))
    vendor = m.group("vendor").lower() if m else None
    if m is None or vendor not in vendors or vendor in _NEVER_CREDITED:
        return None
    label = (m.group("label") or "").lower()
    return vendor if not label or label in _CREDIT_LABELS or _header(label) else None


def _is_label(line: str) -> bool:
    return len(line) <= 60 and _core(line).lower() in _LABELS


def _is_share_line(line: str) -> bool:
    if len(line) > 160:
        return False
    tokens = [t.lower() for t in _TOKENS.findall(line.strip())]
    if len(tokens) < 2:
        return False
    known = sum(1 for t in tokens if t in _SHARE_WORDS)
    platforms = sum(1 for t in tokens if t in _PLATFORMS or t == "𝕏")
    return platforms >= 2 and known / len(tokens) >= 0.8


@functools.lru_cache(maxsize=4096)
def _line_kind(line: str) -> str | None:
    """Single-line blocks: share bars, attributions, sponsor and affiliate disclosures."""
    stripped = line.strip()
    if len(stripped) > 300:
        return None
    if _is_share_line(stripped):
        return "share"
    low = _core(stripped).lower()
    if (len(stripped) <= 160 and _ATTRIBUTION.search(low)) or FEED_FOOTER.match(low):
        return "attribution"
    if _SPONSORED_BY.search(low):
        return "sponsored"
    if _DISCLOSURE.search(low):
        return "affiliate"
    return None


def _meaningful(line: str) -> bool:
    return any(c.isalnum() for c in line)


def _bytes(lines: Sequence[str], start: int, end: int) -> int:
    return len("\n".join(lines[start : end + 1]).encode("utf-8"))


def _block(lines: Sequence[str], kind: str, start: int, end: int, rule: str) -> TextBlock:
    first = next((i for i in range(start, end + 1) if _meaningful(lines[i])), start)
    return TextBlock(kind, start, end, first + 1, lines[first].strip(),
                     _bytes(lines, start, end), rule)


def _promotions(lines: Sequence[str], header: int, body: Sequence[int]) -> list[TextBlock]:
    """Each promotion under a sponsor header as its own block.

    A promotion starts at an icon-only line, or at a title line (3+ words) that follows a
    short tail line ("Save 69%", "Limited") once the current one has its title.
    """
    items: list[list[int]] = []
    current: list[int] = []
    for i in body:
        text = lines[i].strip()
        titled = any(len(lines[j].split()) >= 3 for j in current)
        if not _meaningful(text):
            if titled:
                items.append(current)
                current = []
        elif titled and len(text.split()) >= 3 and current and len(lines[current[-1]].split()) < 3:
            items.append(current)
            current = []
        current.append(i)
    if current and any(_meaningful(lines[j]) for j in current):
        items.append(current)
    label = lines[header].strip()
    if not items:
        return [_block(lines, "sponsored", header, header, f"text:{label}")]
    out = []
    for n, item in enumerate(items):
        start = header if n == 0 else item[0]
        kind = "affiliate" if any(_DEAL.search(lines[i]) for i in item) else "sponsored"
        block = _block(lines, kind, item[0], item[-1], f"text:{label}")
        out.append(TextBlock(kind, start, item[-1], block.line, block.text,
                             _bytes(lines, start, item[-1]), block.rule))
    return out


def _recirculation_end(lines: Sequence[str], start: int) -> int:
    """The last line of a recirculation list that opens at `start`."""
    last, i, n = start, start + 1, len(lines)
    while i < n and i - start < MAX_BLOCK_LINES:
        text = lines[i].strip()
        if not text:
            k = i + 1
            while k < n and not lines[k].strip():
                k += 1
            if k >= n:
                break
            following = lines[k].strip()
            continues = _is_label(following) or _is_label(lines[last])
            if (not continues or len(following) > SHORT or _header(following)
                    or _line_kind(following)):
                break
            last, i = k, k + 1
            continue
        if len(text) > SHORT or _header(text) or _line_kind(text):
            break
        last, i = i, i + 1
    return last


def segment(text: str, vendors: Container[str] = frozenset()) -> list[TextBlock]:
    """The promotional and attribution blocks of a plain-text page, in reading order.
    `vendors`: the native ad networks' names, in lower case, whose credit line ("Sponsored
    Links by Taboola") opens a sponsored block or, inside one, names its network."""
    lines = text.splitlines()
    blocks: list[TextBlock] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        credited = _credit(line, vendors)
        kind = "sponsored" if credited else _header(line)
        label = f"text:{line.strip()[:40]}"
        if kind == "sponsored":
            j = i + 1
            while (j < n and lines[j].strip() and len(lines[j].strip()) <= SHORT
                   and not _header(lines[j]) and j - i < MAX_BLOCK_LINES):
                j += 1
            blocks.extend(_credited(_promotions(lines, i, range(i + 1, j)), lines, vendors))
            i = j
        elif kind == "recirculation":
            end = _recirculation_end(lines, i)
            blocks.extend(_credited([_block(lines, "recirculation", i, end, label)], lines,
                                    vendors))
            i = end + 1
        elif kind == "share":
            j = i + 1
            while j < n and _is_share_line(lines[j]):
                j += 1
            blocks.append(_block(lines, "share", i, j - 1, label))
            i = j
        else:
            single = _line_kind(line)
            if single is not None:
                blocks.append(_block(lines, single, i, i, f"text:{single}"))
            i += 1
    return blocks


def _credited(blocks: list[TextBlock], lines: Sequence[str], vendors: Container[str]
              ) -> list[TextBlock]:
    """One header's blocks, each named for the native ad network a line of them credits
    (its header or a "by Taboola" under the items): a network's widget is paid
    placements, so a recirculation list it credits is sponsored."""
    vendor = next((v for b in blocks for k in range(b.start, b.end + 1)
                   if (v := _credit(lines[k], vendors))), None)
    if vendor is None:
        return blocks
    return [replace(b, vendor=vendor, kind="sponsored" if b.kind == "recirculation"
                    else b.kind) for b in blocks]


def editorial_chars(text: str, blocks: Sequence[TextBlock]) -> int:
    """Visible characters outside every block, whitespace runs counted as one space."""
    lines = text.splitlines()
    covered = {i for b in blocks for i in range(b.start, b.end + 1)}
    kept = " ".join(line for i, line in enumerate(lines) if i not in covered)
    return len(" ".join(kept.split()))
