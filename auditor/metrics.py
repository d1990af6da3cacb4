"""The ad-load figures, defined once here.

- `content_chars`: visible editorial text characters (whitespace runs count as one
  space) outside ads, scripts, styles, navigation, headers, footers, asides, forms,
  readers' comments (WordPress' `#comments` and `ol.comment-list`, Blogger's, Disqus')
  and hidden elements (`hidden`, an inline style hiding it, a framework's hiding class:
  `dom.hiding.text_hiding`, which leaves a fade-in's inline opacity and a row's zero
  font to the page's scripts and the row's children). A `<header>` or `<aside>` that
  wraps an article body is a theme's wrapper, not a page header: its text counts (some
  themes put the whole page in one).
- `ad_markup_bytes`: UTF-8 bytes of the markup of ad slots, their loader scripts
  and the inline scripts that configure them, each element counted once (an element
  inside another counted one is not counted again). The tags of an advertising vendor
  that shows no ad (a conversion pixel: `shows_ads = false`) are tracking, not ad load.
- `content_to_ad_ratio`: content_chars ÷ ad_markup_bytes, rounded to 3 places;
  `None` when the page has no ads. Below 1.0 the page carries more ad code than text.
- `ad_area_px`: the sum of width × height over slots that declare both.
- `content_words`: the words of that editorial text: runs of non-space characters, and in
  scripts written without spaces between words (Chinese, Japanese) each character, as
  word processors count them (`words`).
- `ad_units_per_1000_words`: ad slots per 1,000 words of editorial text, 1 place;
  `None` without editorial text. Ad density as the MFA and Better Ads measures read it.
- `ad_slots_in_body`: ad slots inside the article body (`article_bodies`): how much of
  the ad load sits in the text itself. A fact about the page, not an injection sign.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from lxml import etree

from auditor.catalogue import Network
from auditor.dom.hiding import text_hiding
from auditor.dom.page import ParsedPage
from auditor.dom.walk import FoundURL
from auditor.lazy_re import lazy_regex
from auditor.model import Category, Metrics, Resource, Slot
from auditor.slots import FoundSlot, markup_bytes

TRACKER_CATEGORIES = frozenset(
    {Category.ANALYTICS, Category.TAG_MANAGER, Category.SESSION_REPLAY, Category.FINGERPRINTING}
)
AD_CATEGORIES = frozenset({Category.ADVERTISING})

_NON_CONTENT_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "svg",
        "math",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "option",
        "textarea",
        "head",
        "title",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "menu",
    }
)
# Article containers in themes and CMSs: where editorial text sits. Two cheap walks
# (class tokens are checked in Python), not one walk per container kind.
_BODY_CLASSES = frozenset({"entry-content", "post-content", "article-body"})
_BODY_WORDS = ("articleBody", *sorted(_BODY_CLASSES))
_BODY_WORD_SET = frozenset(_BODY_WORDS)


@functools.lru_cache(maxsize=16)
def _body_candidates(words: tuple[str, ...]) -> Any:
    """`<article>`s and the attributes that may name one of `words`: only the words the
    page's attribute values hold are tested. The attribute nodes are selected
    (`//*/@class[…]`), not every element tested (`//*[contains(@class, …)]` builds a
    node-set per element: 2.4x slower)."""
    classes = " or ".join(f"contains(., '{w}')" for w in words if w != "articleBody")
    paths = ["//article"]
    if "articleBody" in words:
        paths.append("//*/@itemprop[. = 'articleBody']")
    if classes:
        paths.append(f"//*/@class[{classes}]")
    return etree.XPath(" | ".join(paths))  # smart strings: an attribute knows its element


def article_bodies(page: ParsedPage) -> tuple[etree._Element, ...]:
    """The page's article bodies (`<article>`, `itemprop=articleBody`, the usual theme
    classes), in document order. A page whose attribute values name none of them needs
    no walk for them."""
    held = page.values_holding(_BODY_WORD_SET)
    words = tuple(word for word in _BODY_WORDS if word in held)
    if not words:
        return page.tagged("article")
    found = _body_candidates(words)(page.root)
    candidates = dict.fromkeys(  # an attribute sorts right after its element
        n if isinstance(n, etree._Element) else n.getparent() for n in found)
    return tuple(
        el for el in candidates
        if el.tag == "article" or el.get("itemprop") == "articleBody"
        or _BODY_CLASSES.intersection((el.get("class") or "").split())
    )


class Content(NamedTuple):
    """The editorial text's size."""

    chars: int
    words: int


# readers' comments and the form to add one: the CMSs' and comment services' names, on
# the block elements they use (asked of those alone: a check of every element's id and
# class cost a tenth of a millisecond a page)
_COMMENT_TAGS = frozenset({"div", "section", "ol", "ul"})
_COMMENT_IDS = frozenset({"comments", "respond", "disqus_thread", "comment-section",
                          "comments-section"})
_COMMENT_CLASSES = frozenset({"comments", "comment-list", "commentlist", "comments-area",
                              "comments-list", "comment-respond", "comments-section",
                              "comment-section"})


def _readers_comments(el: etree._Element) -> bool:
    """Whether an element holds the readers' comments (their text is not the page's)."""
    ident = el.get("id")
    if ident is not None and ident.lower() in _COMMENT_IDS:
        return True
    classes = el.get("class")
    return bool(classes and "comment" in classes
                and _COMMENT_CLASSES.intersection(classes.lower().split()))


_WRAPPER_TAGS = frozenset({"header", "aside"})  # left out, unless they wrap an article body


def body_wrappers(bodies: Sequence[etree._Element]) -> set[etree._Element]:
    """The `<header>`/`<aside>` elements an article body sits inside."""
    return {a for b in bodies for a in b.iterancestors(*_WRAPPER_TAGS)}


def editorial_content(page: ParsedPage, excluded: set[etree._Element],
                      wrappers: set[etree._Element] | None = None) -> Content:
    """Visible editorial characters and words; see the module docstring.

    One walk in lxml's iterwalk, which steps over a left-out subtree in C (no recursion:
    scraped pages nest thousands deep). The text pieces are joined with spaces and
    whitespace runs count as one, so the figures are a sum over the pieces, whatever
    their order: each piece's tokens count, plus the spaces between tokens. Comments and
    PIs are not walked (iterwalk reporting them is quadratic in side-by-side comments:
    64,000 took 0.64 s): their tails are read after, where their parent was, from the
    page's lists of them (the one walk of its common tags found them: no walk of its own).
    """
    root = page.root
    parts: list[str] = []
    add = parts.append
    read: set[etree._Element] = set()  # the elements whose own text counts
    walker = etree.iterwalk(root, events=("start",))
    for _, el in walker:
        tail = el.tail
        if tail and el is not root:
            add(tail)  # the tail is the parent's text, even after a left-out element
        tag = el.tag.lower()
        if ((tag in _NON_CONTENT_TAGS and not (wrappers and el in wrappers))
                or el in excluded or text_hiding(el) is not None
                or (tag in _COMMENT_TAGS and _readers_comments(el))):
            walker.skip_subtree()
            continue
        if el.text:
            add(el.text)
        read.add(el)
    parts.extend(node.tail for node in (*page.comments, *page.instructions)
                 if node.tail and node.getparent() in read)
    text = " ".join(parts)
    tokens = text.split()
    return Content(sum(map(len, tokens)) + len(tokens) - 1 if tokens else 0,
                   words(text, len(tokens)))


# Han ideographs and kana: Chinese and Japanese put no space between words, so a page's
# paragraph is one whitespace token. Hangul is written with spaces and is not here.
_UNSPACED = lazy_regex(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
# those and their punctuation (、。「」, full-width ！？（）), which is no word
_UNSPACED_OR_MARK = lazy_regex(
    r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f]")


def words(text: str, tokens: int | None = None) -> int:
    """Words in the text: runs of non-space characters, and each Han or kana character
    one word, as word processors count East Asian text (a Chinese word is 1-2 characters,
    so this counts generously: ad density reads lower, never higher).

    >>> words("two words"), words("肉をくわえたイヌ。"), words("iPhoneを買った、2 times")
    (2, 8, 7)

    `tokens`: how many whitespace-separated tokens `text` holds, when the caller split it.
    """
    unspaced = 0 if text.isascii() else len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split()) if tokens is None else tokens
    return unspaced + len(_UNSPACED_OR_MARK.sub(" ", text).split())


def inside_bodies(bodies: Sequence[etree._Element],
                  xpath: Callable[[etree._Element], str]) -> Callable[[str], bool]:
    """Whether an element (by xpath) sits inside one of the article bodies."""
    prefixes = tuple(xpath(b) + "/" for b in bodies)
    return lambda path: bool(prefixes) and path.startswith(prefixes)


def slots_in_body(bodies: Sequence[etree._Element], xpath: Callable[[etree._Element], str],
                  slot_paths: Iterable[str]) -> int:
    """How many of the slots (by xpath) sit inside one of the article bodies."""
    inside = inside_bodies(bodies, xpath)
    return sum(1 for path in slot_paths if inside(path))


def outermost(elements: Iterable[etree._Element]) -> list[etree._Element]:
    """The elements not inside another one of them."""
    chosen = set(elements)
    under: dict[etree._Element, bool] = {}  # whether an element is inside a chosen one
    out = []
    for el in chosen:  # each element climbed once: a climb stops where another passed
        climbed: list[etree._Element] = []
        parent = el.getparent()
        found = False
        while parent is not None:
            if parent in chosen:
                found = True
                break
            known = under.get(parent)
            if known is not None:
                found = known
                break
            climbed.append(parent)
            parent = parent.getparent()
        for step in climbed:
            under[step] = found
        if not found:
            out.append(el)
    return out


def ad_markup_bytes(ad_elements: Iterable[etree._Element]) -> int:
    return sum(markup_bytes(el) for el in outermost(ad_elements))


def page_metrics(
    resources: Iterable[Resource],
    slots: Iterable[Slot],
    third_party_hosts: int,
    content: Content,
    ad_bytes: int,
    in_body: int = 0,
) -> Metrics:
    requested = [r for r in resources if not r.hint]  # a hint loads nothing
    slots = list(slots)
    ads = sum(1 for s in slots if s.kind == "ad" or s.category in AD_CATEGORIES)
    return Metrics(
        ad_slots=len(slots),
        ad_resources=sum(1 for r in requested if r.category in AD_CATEGORIES),
        tracker_resources=sum(1 for r in requested if r.category in TRACKER_CATEGORIES),
        third_party_hosts=third_party_hosts,
        content_chars=content.chars,
        ad_markup_bytes=ad_bytes,
        content_to_ad_ratio=round(content.chars / ad_bytes, 3) if ad_bytes else None,
        ad_area_px=sum(s.area for s in slots),
        content_words=content.words,
        ad_units_per_1000_words=round(1000 * ads / content.words, 1) if content.words else None,
        ad_slots_in_body=in_body,
    )


def ad_elements(
    slots: Sequence[FoundSlot],
    found: Sequence[FoundURL],
    resources: Sequence[Resource],
    scripts: Sequence[etree._Element],
    present: Sequence[Network],
) -> list[etree._Element]:
    """The markup that is advertising: slots, their loaders and their inline set-up code.

    An advertising vendor that shows no ad (a conversion pixel, an audience platform:
    `shows_ads = false` in the catalogue) is tracking code, not ad load: its tags are left
    out, so a page with a pixel and no ad has no ad markup (`content_to_ad_ratio` null)."""
    elements: list[etree._Element] = []
    for slot in slots:
        if slot.network is None or slot.network.category is Category.ADVERTISING:
            elements.append(slot.element)
            elements.extend(slot.extra_elements)
    no_ads = {n.name for n in present if not n.shows_ads}
    by_url: dict[str, Resource] = {r.url: r for r in resources}
    for item in found:
        res = by_url.get(item.url)
        if (res is not None and item.via == "script[src]"
                and res.category is Category.ADVERTISING and res.network not in no_ads):
            elements.append(item.element)
    ad_networks = [n for n in present if n.category is Category.ADVERTISING and n.shows_ads]
    for script in scripts:
        code = script.text or ""
        if any(n.configured_in(code) for n in ad_networks):
            elements.append(script)
    return list(dict.fromkeys(elements))
