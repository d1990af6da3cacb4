"""Who the page says wrote it: NewsGuard's criteria ask a site to name its content
creators. A person named anywhere (metas, schema.org or data-layer authors, bylines, a
theme's post meta line, a signature closing the article) meets the criterion; a house
account ("admin", "Redaktion", the site's own name) does not, and neither does a
commenter.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Container, Sequence
from typing import Any

from lxml import etree

from auditor.dom.page import ParsedPage, attribute_needles
from auditor.dom.parser import elements
from auditor.dom.textscan import aligned_lower, inside
from auditor.lazy_re import lazy_regex
from auditor.mfa.evidence import (
    NEWSGUARD,
    OURS,
    PY_SPACE,
    SHOWN,
    Hit,
    cite,
    clip,
    gate,
    text_hits,
    unique,
)
from auditor.model import Basis, Indicator
from auditor.urls import host_of, is_third_party, split_url

META_NEEDLES = (b"author", b"byl", b"creator")  # what an author meta's name holds
LD_NEEDLES = (b'"aut',)  # what a JSON author key opens with
# How a text holds '"aut' before it is lowered (no other character lowers to one of
# these four): a script without it is not lowered (93% of the corpus pages' scripts)
_LD_OPENING = lazy_regex('"[aA][uU][tT]')
_AUTHOR_METAS = frozenset({"author", "article:author", "byl", "sailthru.author",
                           "parsely-author", "dc.creator", "dcterms.creator",
                           "citation_author"})
# Elements marked as an author's (rel or itemprop "author", a class naming a byline or an
# author): each test needs its word among the page's attribute values (as written), so
# only the tests a page can pass are run (`_author_markup`)
_AUTHOR_TESTS = (("author", ("rel", "author")), ("author", ("itemprop", "author")),
                 ("byline", ("class", "byline")), ("author", ("class", "author")),
                 ("autor", ("class", "autor")), ("auteur", ("class", "auteur")),
                 ("author", ("id", "author")), ("autor", ("id", "autor")),
                 ("/author/", ("href", "/author/")))  # a link to the author's archive page
_AUTHOR_WORD_SET = frozenset(word for word, _ in _AUTHOR_TESTS)
# schema.org's author, and the author keys of analytics data layers ("Autor": "…")
_LD_AUTHOR = lazy_regex(
    r'"(?:authors?|autor|auteur|autore|author_?name|authorName)"\s*:\s*(?:\[\s*)?'
    r'(?:\{[^{}]*?"name"\s*:\s*"([^"]{1,120})"|"([^"]{1,120})")', re.I)
# A byline as its own text: `<p><em>Von Gregory Lipinski</em></p>`
_TEXT_BYLINE = lazy_regex(
    r">\s*(?:By|BY|Von|VON|Par|PAR|Por|POR|Door)\s+[A-ZÀ-Ý][\w'’.-]+"
    r"(?:\s+[A-ZÀ-Ý][\w'’.-]+){1,3}\s*<")
_TEXT_BYLINE_GATE = gate(f">{PY_SPACE}*(?:By|BY|Von|VON|Par|PAR|Por|POR|Door){PY_SPACE}")
HOUSE_NAMES = frozenset({"admin", "administrator", "editor", "editors", "editorial", "staff",
                         "team", "redaktion", "rédaction", "redacción", "webmaster", "guest",
                         "user", "author", "newsroom", "desk", "content team", "site",
                         "редакция", "編集部", "編集部員", "编辑部", "本社", "本报", "本報"})
# A word that makes a name a role or an outlet, not a person ("Kulu Media News Desk",
# "The Planetary Press", "OMGHive Editorial"); a person's name matching the domain of a
# personal site (Daniel Lemire on lemire.me) is still a person
ROLE_WORDS = frozenset({*HOUSE_NAMES, "news", "nachrichten", "redaktion", "redazione",
                        "redactie", "redacción", "rédaction", "editors", "press", "presse",
                        "media", "magazine", "magazin", "wire", "agency", "agentur", "verlag",
                        "publishing", "reporters", "online", "group"})
MAX_NAME_WORDS = 4  # longer is a sentence ("A computer science professor at …")
# A byline is a short line near the top: "By Jane Doe · June 25", "Site By Site Editorial"
_BYLINE = lazy_regex(
    r"(?:^|[\s·|•])(?:By|BY|Von|VON|Par|PAR|Por|POR|Door)\s+"
    r"([A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){0,3})")
BYLINE_LINES = 25
# author elements read, quoted or not: each is checked up its ancestors, so a page of
# thousands of quotations' `author` spans, deep, took time in their count times the depth
# (8,000 at 1,500 levels: 13 s); a byline is among a page's first
AUTHOR_ELEMENTS = 200
BYLINE_CHARS = 120


def authorship(hits: Sequence[Hit] | None, first_party: str | None,
               article: bool = True, outlets: Container[str] = frozenset()) -> Indicator:
    """No author named anywhere, or only a house account ("admin", "Editorial", an
    outlet's name). Judged on article pages only: a home, about or company page names
    no author and need not."""
    threshold = ("an article page names no author (meta, schema.org, data layer, byline, "
                 "post meta line, closing signature), or only a house account (admin, "
                 "staff, news desk, the site's name)")
    source = f"{NEWSGUARD} (criteria); {OURS}"
    if hits is None:
        return Indicator("authorship", "—", threshold, source, Basis.UNKNOWABLE, None,
                         "a WordPress REST post names its author by user ID; the name is "
                         "not in the post")
    if not article:
        return Indicator("authorship", "—", threshold, source, Basis.UNKNOWABLE, None,
                         "not an article page (no og:type article, JSON-LD Article or "
                         "single article body, or a site page's URL such as /about): a "
                         "home, about or company page names no author")
    hits = [h._replace(text=n) for h in hits if (n := author_name(h.text))
            and (house_name(n, first_party, outlets) or is_name(n) or _shown_handle(h, n))]
    named = [h for h in hits if not house_name(h.text, first_party, outlets)]
    value = (f"named: {named[0].text}" if named else
             f"house account only: {hits[0].text}" if hits else "no author")
    return Indicator("authorship", value, threshold, source, Basis.MEASURED, not named,
                     cite(hits))


_BY = lazy_regex(r"^(?:(?:written|posted|published)\s+)?(?:by|von|par|por|door|di|author|"
                 r"autor|auteur)\b\s*:?\s*", re.I)
_EDGES = lazy_regex(r"^[\W_]+|[\W_]+$")
_DATE_TAIL = lazy_regex(r"\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mär|Mai|"
                        r"Okt|Dez)[a-zä]*\.?\s+)?\d.*$")
_NOT_NAMES = frozenset({"published", "updated", "posted", "veröffentlicht", "aktualisiert",
                        "publié", "publicado", "stand", "am", "on", "le"})
_URL_FILLER = frozenset({"index", "profile", "about", "author", "authors", "autoren", "people"})
_BY_INSIDE = lazy_regex(r"\S\s+(?:by|von|par|por|door)\s+(\S.*)$", re.I)


def author_name(raw: str) -> str:
    """The name in a byline or author field: "By Jane Doe -" is "Jane Doe"; a profile
    URL is its last path segment; "" when nothing name-like is left.

    >>> author_name("By The Planetary Press -"), author_name("https://www.facebook.com/KuluMedia")
    ('The Planetary Press', 'KuluMedia')
    """
    text = raw.strip()
    if text.startswith(("http://", "https://", "//")):
        split = split_url(text)
        parts = [p for p in (split.path if split else "").split("/")
                 if p and p.split(".")[0].lower() not in _URL_FILLER]
        # a profile's handle: `kathrin.bierling`, `jane_doe` are a person's two names
        text = parts[-1].replace("_", " ").replace(".", " ") if parts else ""
    inner = _BY_INSIDE.search(text)
    if inner:  # "Published 2 months ago on June 12 By Jane Doe"
        text = inner.group(1)
    text = _EDGES.sub("", _DATE_TAIL.sub("", _BY.sub("", _EDGES.sub("", text))))
    first = text.split()[0].lower() if text else ""
    # three letters make a Latin name; two ideographs a Chinese one (李娜, 王伟)
    least = 2 if any("\u4e00" <= c <= "\u9fff" for c in text) else 3
    if first in _NOT_NAMES or sum(c.isalpha() for c in text) < least:
        return ""
    return text


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


_CAMEL = lazy_regex(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý])")


def _words(name: str) -> list[str]:
    """A name's words, a handle's camel case split ("MoritzMeyer": Moritz, Meyer)."""
    return [w for w in re.split(r"[^\w'’.-]+|[_]+", _CAMEL.sub(" ", name)) if w]


def is_name(name: str) -> bool:
    """A person's name as an author field holds one: two to four words with letters
    ("Jane Doe", "MoritzMeyer"); not "faz", nor a sentence of biography.

    >>> is_name("MoritzMeyer"), is_name("faz"), is_name("A computer science professor at X")
    (True, False, False)
    """
    words = _words(name)
    return (sum(1 for w in words if any(c.isalpha() for c in w)) >= 2
            and len(words) <= MAX_NAME_WORDS)


def _shown_handle(hit: Hit, name: str) -> bool:
    """One word in the page's own author markup or byline (cited at a line): how a
    personal blog signs ("Sandra", "Blackswan"). From a meta or a data layer (line 0)
    one word is a code ("faz"), not a name."""
    return hit.line > 0 and len(_words(name)) == 1


def house_name(name: str, first_party: str | None,
               outlets: Container[str] = frozenset()) -> bool:
    """A house account, not a person: a role or an outlet's word ("admin", "News Desk",
    "The Planetary Press"), a host name, one word that is the site's own name, or a name
    the page gives its outlet or a section (`outlet_names`: "By Design Week"). A
    person's name matching a personal site's domain is a person.

    >>> house_name("Kulu Media News Desk", None), house_name("Julie Mollins", "cifor.org")
    (True, False)
    >>> house_name("The Planetary Press", "theplanetarypress.com")
    True
    >>> house_name("Gregory Szorc", "gregoryszorc.com"), house_name("Daniel Lemire", "lemire.me")
    (False, False)
    >>> house_name("MoritzMeyer", "moritz-meyer.net"), house_name("Buzzfeedly", "buzzfeedly.com")
    (False, True)
    """
    low = " ".join(name.lower().replace("_", " ").split())
    if not low or low in HOUSE_NAMES:
        return True
    words = [w.lower().strip(".") for w in _words(name)]
    if any(w in ROLE_WORDS for w in words):
        return True
    if re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", low) and not is_name(name):
        return True  # a host name: "gazette.example"
    site = _letters(first_party.split(".")[0]) if first_party else ""
    if len(words) == 1 and bool(site) and _letters(low) == site:
        return True
    return _letters(low) in outlets  # last: `Outlets` walks the page's links at the first ask


# The page's word that a name is its outlet's or a section's, not a person's: the
# section metas, and the links to a section's archive (a category, a Ressort: not a tag,
# which may name a person the story is about)
_SECTION_METAS = frozenset({"article:section", "parsely-section", "sailthru.section"})
_SECTION_HREF = lazy_regex(
    r"/(?:c|cat|category|categories|section|sections|rubrik|rubriken|kategorie|kategorien"
    r"|ressort|ressorts)/|[?&](?:cat|category)=", re.I)
# a section that is one writer's column (`/category/columnists/maria-lopez/`): named for
# its writer, whose byline it is
_COLUMN_HREF = lazy_regex(r"/(?:columns?|columnists?|kolumnen?|kolumnisten|chroniques?)/",
                          re.I)
_LD_TYPES = lazy_regex(r'"@type"\s*:\s*(?:\[[^\]]*\]|"[^"]*")')
_LD_MAX = 200_000  # characters of one JSON-LD block read: a graph of a page is far less
_LD_NODES = 2_000  # objects of one block walked


def outlet_names(page: ParsedPage, first_party: str | None = None) -> frozenset[str]:
    """The names the page gives its outlet and its sections (letters and digits, lowered):
    an organisation's in its schema.org data (the publisher, an `Organization`), an
    `articleSection`, a section meta, a category's or section's link text. A name the
    page also gives a person (a `Person` in its data, the text of an author's link: a
    one-person site whose SEO plugin calls it an organisation, a columnist's own
    category) is left out: a byline naming one of the others names no person. A section's
    link is one on the page's own site (`first_party`, when known: a writer's YouTube
    channel, `youtube.com/c/JaneDoe`, is no section of the page's outlet), and not to a
    writer's column (`/columnists/maria-lopez/`, read as the writer's)."""
    return page.view("mfa outlet names", lambda: _outlet_names(page, first_party))


class Outlets:
    """`outlet_names` found at the first question: a page's byline is mostly settled
    without them (no byline, a home page, or a role word), and finding them walks every
    link of the page."""

    __slots__ = ("_first_party", "_page")

    def __init__(self, page: ParsedPage, first_party: str | None) -> None:
        self._page, self._first_party = page, first_party

    def __contains__(self, name: object) -> bool:
        return name in outlet_names(self._page, self._first_party)


def _outlet_names(page: ParsedPage, first_party: str | None) -> frozenset[str]:
    names: set[str] = set()
    people: set[str] = set()
    for meta in page.tagged("meta") if page.holding((b"section",)) else ():
        key = (meta.get("name") or meta.get("property") or "").lower()
        if key in _SECTION_METAS:
            names.add(_letters(meta.get("content") or ""))
    for script in page.structured_data:
        text = script.text or ""
        if len(text) > _LD_MAX or not _LD_TYPES.search(text):
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        _ld_names(data, names, people)
    for a in page.tagged("a"):
        href = a.get("href") or ""
        if _SECTION_HREF.search(href):
            if first_party and (host := host_of(href)) and is_third_party(host, first_party):
                continue  # another site's section or channel
            if not _COLUMN_HREF.search(href):
                names.add(_letters(" ".join(str(t) for t in a.itertext())[:120]))
        elif "/author/" in href or "author" in (a.get("rel") or "").lower():
            people.add(_letters(" ".join(str(t) for t in a.itertext())[:120]))
    names.discard("")
    return frozenset(names - people)


def _ld_names(data: Any, names: set[str], people: set[str]) -> None:
    """Organisations' names, article sections and people's names in a JSON-LD value,
    walked breadth first over at most `_LD_NODES` objects."""
    queue, seen = [data], 0
    while queue and seen < _LD_NODES:
        node = queue.pop()
        if isinstance(node, list):
            queue.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        seen += 1
        kinds = node.get("@type")
        kinds = [k for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)]
        name = node.get("name")
        if isinstance(name, str):
            if any(k == "Person" for k in kinds):
                people.add(_letters(name))
            elif any(k.endswith("Organization") or k == "Corporation" for k in kinds):
                names.add(_letters(name))
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) \
                and publisher.get("@type") != "Person":
            names.add(_letters(publisher["name"]))
        section = node.get("articleSection")
        for value in section if isinstance(section, list) else [section]:
            if isinstance(value, str):
                names.add(_letters(value))
        queue.extend(v for v in node.values() if isinstance(v, (dict, list)))


def author_hits(page: ParsedPage, first_party: str | None) -> list[Hit]:
    """Who the page says wrote it: author metas, JSON-LD authors, bylines."""
    outlets = Outlets(page, first_party)
    out: list[Hit] = []
    if page.holding(META_NEEDLES):
        for meta in page.tagged("meta"):
            key = (meta.get("name") or meta.get("property") or "").lower()
            value = (meta.get("content") or "").strip()
            if key in _AUTHOR_METAS and value:
                out.append(Hit(clip(value, 60), 0))
    for text in page.config_parts[0] if page.holding(LD_NEEDLES) else ():
        if not _LD_OPENING.search(text):
            continue
        low = aligned_lower(text)
        at = low.find('"aut')
        while at >= 0 and len(out) <= 2 * SHOWN:
            m = _LD_AUTHOR.match(text, at)  # at each '"aut…': a scan of all would be slow
            name = (m.group(1) or m.group(2) or "") if m else ""
            if name.strip() and not name.startswith(("http", "/")):
                out.append(Hit(clip(name, 60), 0))
            at = low.find('"aut', at + 4)
    out += text_hits(page, _TEXT_BYLINE, _TEXT_BYLINE_GATE)
    if any((n := author_name(h.text)) and is_name(n) and not house_name(n, first_party, outlets)
           for h in out):
        return unique(out)  # a person is named: no need to walk the tree for bylines
    tests = page.view("author tests", lambda: _author_tests(
        page, page.values_holding(_AUTHOR_WORD_SET)))
    if tests:
        for el in itertools.islice(elements(_author_markup(tests)(page.root)), AUTHOR_ELEMENTS):
            if ("comment" in f"{el.get('class') or ''} {el.get('id') or ''}".lower()
                    or inside(el) or quoted(el)):
                continue
            name = clip(" ".join(str(t) for t in el.itertext()), 60)
            if name:
                out.append(Hit(name, page.start_line(el)))
            if len(out) > 2 * SHOWN:
                break
    out += [h for h in headline_bylines(page) if not any(h.text in o.text for o in out)]
    if not any(is_name(n) and not house_name(n, first_party, outlets)
               for h in out if (n := author_name(h.text))):
        out += _signatures(page) + _post_meta_names(page) + _house_credits(page)
    return unique(out)


# A quotation's markup: a block quote, an inline one, a theme's pull quote or a
# testimonial (`wp-block-pullquote`, `pull-quote`, `quote-author`): the name in or under
# it is its speaker's, never the article's author's. A class word is a quote's when a
# whole part of one class token names it; a token naming a post's term (WordPress'
# post_class: `format-quote`, `category-testimonials`, `tag-famous-quotes`) is the post's
# subject, and the post's wrapper (an `<article>`, `hentry`) is no quotation around its
# byline, unless the `<article>`'s own class names one (a testimonial slider's card) or
# the post's type is a quotation's (a testimonial plugin's `type-testimonial` card)
_QUOTE_TAGS = frozenset({"blockquote", "q"})
_QUOTE_WORDS = frozenset({"quote", "quotes", "blockquote", "pullquote", "pullquotes",
                          "testimonial", "testimonials"})
_TERM_CLASS = lazy_regex(r"^(?:category|tag|format|post_tag|post-format|type)-", re.I)
_NO_QUOTE_TAGS = frozenset({"article", "main", "body", "html"})


def _quote_class(classes: str) -> bool:
    """A class attribute names a quotation: a part of one token is a quote word (not in a
    post's term token, nor on a post's `hentry`), or the post's type is a quotation's
    (WordPress' post_class on a testimonial plugin's post: `type-testimonial`,
    `type-wpm-testimonial`), whose card names the speaker as its author.

    >>> [_quote_class(c) for c in ("wp-block-pullquote", "quote-author", "testimonial")]
    [True, True, True]
    >>> [_quote_class(c) for c in ("hentry format-quote", "tag-famous-quotes", "misquoted")]
    [False, False, False]
    >>> _quote_class("post-88 testimonial type-testimonial status-publish hentry")
    True
    """
    low = classes.lower()
    if "quot" not in low and "testimonial" not in low:
        return False  # every quote word holds one of these: most classes split no further
    tokens = low.split()
    if any(t.startswith("type-") and _QUOTE_WORDS.intersection(re.split(r"[-_]", t[5:]))
           for t in tokens):
        return True  # a post of a testimonial or quote type: its card, `hentry` or not
    if "hentry" in tokens:
        return False
    return any(not _TERM_CLASS.match(t) and _QUOTE_WORDS.intersection(re.split(r"[-_]", t))
               for t in tokens)


def quoted(el: etree._Element) -> bool:
    """`el` is inside a quotation (`_QUOTE_TAGS`, or a class naming a quote) within the
    article (an `<article>`, `<main>` or `<body>` is none, nor anything above it; an
    `<article>` whose own class names a quote, a testimonial slider's card, is one)."""
    node: etree._Element | None = el
    while node is not None:
        tag = node.tag
        if isinstance(tag, str):
            tag = tag.lower()
            if tag in _NO_QUOTE_TAGS:  # an `<article>` card of a testimonial is one
                return tag == "article" and _quote_class(node.get("class") or "")
            if tag in _QUOTE_TAGS or _quote_class(node.get("class") or ""):
                return True
        node = node.getparent()
    return False


# "By X" as publishers and themes write it under the headline: "By Jane Doe, Reuters |
# March 3, 2025", "By Jane Doe and Omar Haddad", "Story by Jane Doe · 3 min read",
# WordPress' "Posted on 3 March by admin", German magazines' "Text: Anna Weber" and
# "Autor: Max Muster". The "by" opens the line, follows a separator, or follows a
# byline's label ("Posted on 3 March", "Written"): never a standfirst's "a plan backed by
# Mayor Ann Ruiz", nor a photo's credit. A date after the name ("By Josiah Motley August
# 3, 2019") is no word of it
_MONTH_DAY = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mär|Mai|Okt|Dez)[a-zä]*"
              r"\.?\s+\d")
_HEAD_BYLINE = lazy_regex(
    r"^(?:.*?[·|•—–]\s*|(?i:(?:story|written|words|text|posted|published|updated|reporting|"
    r"report|article|veröffentlicht|geschrieben|publié|publicado)\b)[^·|•]{0,40}?\s)?"
    r"(?:(?:By|BY|by|Von|VON|von|Par|PAR|par|Por|POR|por|Door|door)\s*:?|"
    r"(?:Text|TEXT|Texte|Autor|AUTOR|Autorin|Author|AUTHOR|Auteur|Autora)\s*:)\s+"
    r"([A-ZÀ-Ý][\w'’.-]+(?:\s+(?!" + _MONTH_DAY + r")[A-ZÀ-Ý][\w'’.-]+){0,3}|[a-z]+\b)")
# the same labels in scripts with no capital letters or other ones: Russian "Автор: Ирина
# Смирнова" and "Текст:", Japanese "文：山田太郎", "執筆者：", "記者 鈴木一郎", Chinese
# "作者：王小明", "记者 李娜". A CJK name is two to five ideographs or katakana (a space
# may part family and given name), not run on into more or into a sentence's kana:
# "記者会見" is a press conference and "記者：首相は…" a sentence, no label and a name
_CJK = "[\u3005\u4e00-\u9fff\u30a1-\u30fa\u30fc\u30fb]"
_CJK_NAME = f"({_CJK}{{2,5}}(?: {_CJK}{{1,4}})?)(?!{_CJK}|[\u3040-\u309f])"
_HEAD_BYLINE_INTL = lazy_regex(
    r"^(?:.*?[·|｜•—–]\s*)?(?:"
    r"(?:Автор(?:ы|\s+материала)?|АВТОР|Текст|ТЕКСТ)\s*:\s*"
    r"([А-ЯЁІЇЄҐ][а-яёіїєґ'’.-]+(?:\s+[А-ЯЁІЇЄҐ][а-яёіїєґ'’.-]+){0,3})"
    r"|(?:文|著者|執筆者?|筆者|記者|ライター|取材・文|作者|记者|撰文|撰稿)\s*[:：／/]\s*"
    + _CJK_NAME
    + r"|(?:記者|记者|ライター) " + _CJK_NAME + ")")
HEADLINE_LINES = 4  # elements after the headline (and after its header) read for a byline
_HEADLINES = 2  # a page's first headlines: the article's, and a site's logo heading
_HEADLINE_WRAPPERS = frozenset({"header", "hgroup", "div"})  # an entry-header, a title box


def headline_bylines(page: ParsedPage) -> list[Hit]:
    """The byline under the article's headline: the short elements after an `<h1>`,
    and after the header holding it, up to the first paragraph of prose."""
    out: list[Hit] = []
    for h1 in page.tagged("h1")[:_HEADLINES]:
        if inside(h1, _NOT_SIGNED - {"header"}):
            continue
        parent = h1.getparent()  # a header holding the headline, not the article itself
        wrapped = parent is not None and parent.tag in _HEADLINE_WRAPPERS
        for holder in (h1, parent) if wrapped and parent is not None else (h1,):
            for el in itertools.islice(holder.itersiblings(), HEADLINE_LINES):
                if not isinstance(el.tag, str) or inside(el) or quoted(el):
                    continue
                text = _short_text(el, 2 * BYLINE_CHARS)
                if text is None:
                    break  # the prose begins
                m = _HEAD_BYLINE.match(text[:BYLINE_CHARS]) if not _sentence(text) else None
                if m is None and not _sentence(text):
                    m = _HEAD_BYLINE_INTL.match(text[:BYLINE_CHARS])
                    if m is not None and not m.group(1):  # a CJK name: no capital letter
                        out.append(Hit(m.group(2) or m.group(3), page.start_line(el)))
                        continue
                name = m.group(1) if m else ""
                if name.lower() in _TIME_WORDS:
                    continue  # "By Tuesday, the council had …"
                if name in HOUSE_NAMES or (name[:1].isupper() and not _no_person(name)):
                    out.append(Hit(name, page.start_line(el)))
    return unique(out)


# What "by" opens in a sentence, not a byline: a day, a month, a time of day or year
_TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "noon", "midnight", "christmas", "easter", "then", "now",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "weihnachten",
    "ostern"})
SENTENCE_WORDS = 12  # a byline is shorter; a standfirst ending a sentence is longer


def _sentence(text: str) -> bool:
    """A standfirst's sentence, not a byline: a dozen words or more, ending as one."""
    return len(text.split()) >= SENTENCE_WORDS and text.endswith((".", "!", "?"))


def _short_text(el: etree._Element, limit: int) -> str | None:
    """`el`'s text, whitespace folded, or None once it runs past `limit` characters
    (read no further: the element after a headline may hold the whole article)."""
    pieces, cut = _text_pieces(el, limit)
    text = " ".join(" ".join(pieces).split())
    return None if cut or len(text) > limit else text


def _text_pieces(el: etree._Element, limit: int, element_limit: int | None = None
                 ) -> tuple[list[str], bool]:
    """`el`'s text as `itertext` reads it (a comment's own text is none), read until past
    `limit` characters that are not blanks (a theme's indentation is no text) or
    `element_limit` elements in, and whether it stopped there. The parser nests
    `<p><span><p>…`: a paragraph read whole read the page once a level."""
    pieces = [str(el.text or "")]
    size, seen = len(pieces[0].strip()), 0
    stack = [(el, iter(el))]
    while stack and size <= limit and (element_limit is None or seen <= element_limit):
        element, children = stack[-1]
        child = next(children, None)
        if child is None:  # the element is read: its tail follows it
            stack.pop()
            text = element.tail if element is not el else None
        else:
            seen += 1
            stack.append((child, iter(child)))
            text = child.text if isinstance(child.tag, str) else None
        if text:
            pieces.append(str(text))
            size += len(text.strip())
    return pieces, size > limit or (element_limit is not None and seen > element_limit)


# A house credit in place of a byline: a wire service's dateline opening the story
# ("WASHINGTON (AP) —", "BERLIN (dpa) -") and a paper's "— Staff report": no person
_WIRE_DATELINE = lazy_regex(
    r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{1,40}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?\s*"
    r"\((AP|Reuters|AFP|dpa|UPI|PA|CP|AAP|ANSA|EFE|Xinhua|KNA|epd|APA|SDA|Bloomberg)\)"
    r"\s*[—–-]")
_STAFF_CREDIT = lazy_regex(r"^[—–-]?\s*(?:from\s+)?(?:staff|wire)\s+reports?\.?$", re.I)
STAFF_CREDIT_CHARS = 30  # a staff credit's whole text is no longer
CREDIT_PARAGRAPHS = 40  # a story's opening and closing paragraphs hold its credit
# the first two characters of a dateline (`_WIRE_DATELINE`: a capital, then a capital, a
# space or a name's punctuation); a sentence's ("The council…") are none
_DATELINE_OPENS = lazy_regex(r"[A-ZÀ-Ý][A-ZÀ-Ý .'’-]")
OPENING_CHARS, OPENING_ELEMENTS = 300, 200  # how far a paragraph's opening is read
_CREDIT_PEEK = 80  # characters of a paragraph's first text that tell most are no credit


def _house_credits(page: ParsedPage) -> list[Hit]:
    """A wire's dateline or a staff credit, as a house account: the story names no
    person, and says so (a reviewer reads "AP wire", not "no author")."""
    out: list[Hit] = []
    paragraphs = page.tagged("p")
    ends = (*paragraphs[:CREDIT_PARAGRAPHS], *paragraphs[-CREDIT_PARAGRAPHS:])
    for p in dict.fromkeys(ends):
        if not _may_be_credit(p):
            continue
        text = _opening_text(p)
        wire = _WIRE_DATELINE.match(text)
        if wire:
            out.append(Hit(f"{wire.group(1)} wire", page.start_line(p)))
        elif len(text) <= STAFF_CREDIT_CHARS and _STAFF_CREDIT.match(text):
            out.append(Hit(text.strip("—–- "), page.start_line(p)))
    return out


def _opening_text(paragraph: etree._Element, limit: int = OPENING_CHARS,
                  element_limit: int = OPENING_ELEMENTS) -> str:
    """A paragraph's text, spaces collapsed, as far as a dateline or a staff credit runs:
    `limit` characters, or `element_limit` elements in (200 levels of nested empty tags
    read whole: 0.3 s)."""
    return " ".join(" ".join(_text_pieces(paragraph, limit, element_limit)[0]).split())


def _may_be_credit(paragraph: etree._Element) -> bool:
    """Whether a paragraph's opening text may be a dateline or a staff credit, told from
    its own first text: its first `_CREDIT_PEEK` characters, spaces collapsed, start
    `_opening_text` (whose first piece it is; a cut word only ends it), so a start that
    runs past a staff credit's length and opens no dateline is neither. Most paragraphs
    open a sentence; their opening is not gathered (a 900-character one was read whole)."""
    start = " ".join((paragraph.text or "")[:_CREDIT_PEEK].split())
    return len(start) <= STAFF_CREDIT_CHARS or _DATELINE_OPENS.match(start) is not None


# A signature closing an article, as German and Swiss publications sign: the last
# paragraph, after the prose, opening with a name ("Antje Rávic Strubel<br>Aus: Das
# Brandenbuch", "Guido Santner und Redaktion SimplyScience.ch"). Its first words are
# the name, up to a line break, a conjunction or a comma.
_SIGNATURE = lazy_regex(r"([A-ZÀ-Ý](?:[a-zà-ÿ'’-]+|\.)(?:\s+[A-ZÀ-Ý](?:[a-zà-ÿ'’-]+|\.)){1,3})"
                        r"\s*(?:$|,|&|\b(?:und|and|et|y)\b)")
SIGNATURE_PROSE = 80  # characters of the paragraph before it: it closes prose
SIGNATURE_LINE = 60  # its first line is a name and a credit, not a sentence
_SIGNATURE_INLINE = frozenset({"small", "em", "i", "strong", "b", "span"})  # not a link
# where a closing paragraph is a sidebar's or the site's (an imprint widget's "Akkreditierung
# Frankfurter<br>Buchmesse 2013"), not an article's
_NOT_SIGNED = frozenset({"footer", "nav", "aside", "header", "li", "figure", "table", "form"})
# Capitalised words that make a closing line or a post meta text no person's name: a
# theme's links ("Read More", "Related Posts", "Share This Article"), a sign-off ("Best
# Regards", "Happy Reading"), a credit ("Photo Credit", "Getty Images", "Thomson Reuters
# Foundation") or a date's label ("Last Updated"). Any of these words rules a name out...
_NOT_NAME_WORDS = frozenset({
    "related", "posts", "share", "article", "articles", "comment",
    "comments", "reply", "subscribe", "newsletter", "click", "continue", "regards",
    "sincerely", "greetings", "wishes", "photo", "photos", "image", "images", "picture",
    "pictures", "credit", "credits", "courtesy", "sources", "updated", "posted",
    "published", "modified", "advertisement", "sponsored", "trending", "recommended",
    "shutterstock", "istock", "istockphoto", "unsplash", "pixabay", "pexels",
    "alamy", "reuters", "afp", "dpa", "epa", "associated", "agence", "foundation",
    "weiterlesen", "lesen", "teilen", "artikel", "beitrag", "beiträge",
    "kommentare", "foto", "fotos", "bilder", "aktualisiert",
    "veröffentlicht", "grüße", "grüssen", "grüßen", "lire", "suite", "partager"})
# ... and a line of nothing but these is none ("Read More", "Stay Safe"), while a person
# may bear one of them ("Herbert Read", "Courtney Love", "Emily Post", "Estelle Getty":
# surnames, so never a word that rules a name out alone)
_NOT_NAME_ALONE = frozenset({"read", "more", "best", "happy", "stay", "safe", "love", "kind",
                             "good", "see", "all", "view", "top", "back", "next", "last",
                             "new", "your", "our", "the", "my", "you", "thank", "thanks",
                             "warm", "cheers", "enjoy", "luck", "this", "and", "of", "post",
                             "reading", "source", "mehr", "bild", "quelle", "getty", "previous",
                             "prev", "older", "newer"})


def _no_person(name: str) -> bool:
    """A capitalised line that is a theme's link, a sign-off, a credit or a label, not
    a person signing.

    >>> [_no_person(n) for n in ("Read More", "Best Regards", "Getty Images", "Stay Safe")]
    [True, True, True, True]
    >>> [_no_person(n) for n in ("Herbert Read", "Courtney Love", "Antje Rávic Strubel")]
    [False, False, False]
    """
    words = [w.lower().strip(".'’-") for w in name.split()]
    return (any(w in _NOT_NAME_WORDS for w in words)
            or all(w in _NOT_NAME_ALONE for w in words))


# A quotation, as a quotes page runs one above its speaker ("“Life is like riding a
# bicycle …”" and then "Albert Einstein"): the line after it attributes, not signs. The
# paragraph is the quotation whole, opening and closing quoted: a report's closing
# paragraph that opens with a quote goes on to say who said it ("“…,” the mayor said."),
# and one may open with an apostrophe ("'90s zoning rules …")
_QUOTATION = lazy_regex(r"^\s*[“”„\"«»‘‚'].*[“”\"«»’'‘]\W{0,3}$", re.S)


def _prose(text: str) -> bool:
    """A paragraph of prose: long enough, and ending a sentence (an address block or a
    list of links does not)."""
    text = text.strip()
    return len(text) >= SIGNATURE_PROSE and text.endswith((".", "!", "?", "…", "“", "\"",
                                                           "»", "«", "”", ")"))


def _signatures(page: ParsedPage) -> list[Hit]:
    """Names signing the article at its end: a paragraph that closes its section
    (`_last_of_section`), right after a paragraph of prose, whose short first line (its own text
    or a `<small>`'s, not a link's) opens with two to four capitalised words."""
    out = []
    for p in page.tagged("p"):
        before = p.getprevious()
        if (before is None or before.tag != "p"
                or not _last_of_section(p)
                or not _prose(prose := " ".join(str(t) for t in before.itertext()))
                or _QUOTATION.match(prose) or quoted(before)
                or inside(p, _NOT_SIGNED) or quoted(p)):
            continue
        first = " ".join(next((t for t in _leading_text(p) if t.strip()), "").split())
        m = _SIGNATURE.match(first) if len(first) <= SIGNATURE_LINE else None
        if m and not _no_person(m.group(1)):
            out.append(Hit(m.group(1), page.start_line(p)))
    return out


# A blog theme's post meta line: the post's author beside its date, with no author
# class ("<span>Malte Welding </span> | 29.07.2006 um 14:26" in spreeblick's entry-footer)
_POST_META_CLASSES = frozenset({"entry-meta", "entry-footer", "entry-info", "entry-utility",
                                "post-meta", "postmeta", "postmetadata", "post-info",
                                "post-footer", "post-byline"})
_NAME_BY_DATE = lazy_regex(
    r"^([A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){1,3})\s*[|·•,]\s*"
    r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+[^\W\d]+\.?\s+\d{4}|"
    r"[^\W\d]+\.?\s+\d{1,2},?\s+\d{4})")


@functools.lru_cache(maxsize=16)
def _post_meta_markup(classes: tuple[str, ...]) -> Any:
    """The XPath to the elements holding one of `classes` in their class (the ones the
    page's attribute values hold), compiled once per set."""
    tests = " or ".join(f"contains(., '{c}')" for c in classes)
    return etree.XPath(f"//*/@class[{tests}]/..")


_POST_META_TEXT: Any = etree.XPath(".//text()")  # a list of strings
# A link to a taxonomy's archive, a category's or a tag's ("Tech Reviews, May 12, 2024"):
# its text is no author's. An author's own link is read (a profile at /profile/, /team/,
# /redaktion/, ?author=3, Blogger's g-profile, not only WordPress's /author/)
_TAXONOMY_HREF = lazy_regex(
    r"/(?:c|cat|category|categories|tag|tags|topic|topics|section|sections|rubrik|rubriken"
    r"|kategorie|kategorien|thema|themen|schlagwort|ressort|theme|label|labels|search)/"
    r"|[?&](?:cat|tag|category)=", re.I)


def _taxonomy_text(text: Any) -> bool:
    """Whether a text of a post meta line (an XPath string result) is in a category's or
    a tag's link."""
    holder = text.getparent()
    if holder is not None and text.is_tail:
        holder = holder.getparent()  # the text after an element is its parent's
    link = next((el for el in ([holder, *holder.iterancestors()] if holder is not None
                               else []) if el.tag == "a"), None)
    if link is None:
        return False
    rel = (link.get("rel") or "").lower().split()
    return "tag" in rel or "category" in rel or bool(_TAXONOMY_HREF.search(
        link.get("href") or ""))


def _post_meta_names(page: ParsedPage) -> list[Hit]:
    """A name beside the post's date in a theme's post meta line ("Malte Welding |
    29.07.2006"), each text of the line read alone and with the one after it."""
    out = []
    classes = tuple(sorted(page.values_holding(_POST_META_CLASSES)))
    for el in elements(_post_meta_markup(classes)(page.root)) if classes else ():
        if not _POST_META_CLASSES.intersection((el.get("class") or "").split()) or inside(el):
            continue
        # not a category's or a tag's link's text ("Tech Reviews, May 12, 2024"); an
        # author's link's is read, wherever it leads
        texts = [t for t in (" ".join(str(t).split()) for t in _POST_META_TEXT(el)
                             if not _taxonomy_text(t)) if t]
        for i, here in enumerate(texts):
            after = texts[i + 1] if i + 1 < len(texts) else ""
            m = _NAME_BY_DATE.match(here) or _NAME_BY_DATE.match(f"{here} {after}")
            if m and not _no_person(m.group(1)):
                out.append(Hit(m.group(1), page.start_line(el)))
                break
    return out


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _last_of_section(p: etree._Element) -> bool:
    """No paragraph follows `p` before the next heading: it closes its article, or one
    of the letters a letters page runs under their headings (mercurynews.com)."""
    for el in p.itersiblings():
        if el.tag in _HEADINGS:
            return True
        if el.tag == "p":
            return False
    return True


def _leading_text(p: etree._Element) -> list[str]:
    """The paragraph's text up to its first element other than inline formatting."""
    texts = [p.text or ""]
    for child in p:
        if child.tag not in _SIGNATURE_INLINE:
            break
        texts.append(child.text or "")
        if any(True for _ in child):
            break
    return texts


def byline_hits(text: str) -> list[Hit]:
    out = []
    for i, line in enumerate(text.splitlines()[:BYLINE_LINES], 1):
        m = _BYLINE.search(line) if len(line) <= BYLINE_CHARS else None
        if m:
            out.append(Hit(clip(m.group(1), 60), i))
    return unique(out)


def _author_tests(page: ParsedPage, words: Container[str]) -> tuple[tuple[str, str], ...]:
    """The byline tests whose word the attribute values hold, less a class or id test
    whose word no class or id of the page holds, and a test of an attribute the markup
    never opens (`attribute_needles`): the page's distinct classes and ids (the
    parser's ID table: ids and `<a name>`s, a superset) answer from its views, where
    the XPath walked the tree for each (`author` in a meta's name or a link's URL let
    `contains(@class, 'author')`, `contains(@id, 'author')` and `@itemprop` run: 1 ms a
    call). Kept as the page's view (`author tests`): a cache keyed on the page held its
    tree alive after the audit (64 pages' in a bulk worker)."""
    joined: dict[str, str] = {}

    def held(attr: str, word: str) -> bool:
        if attr in ("rel", "itemprop"):
            return bool(page.holding(attribute_needles(attr)))
        if attr not in ("class", "id"):
            return True
        if attr not in joined:
            joined[attr] = "\n".join(page.class_values if attr == "class" else page.id_values)
        return word in joined[attr]

    return tuple(test for word, test in _AUTHOR_TESTS if word in words and held(*test))


def _author_markup(tests: tuple[tuple[str, str], ...]) -> Any:
    """The author XPath with only these tests, compiled once per set: the attributes
    tested, then their elements (a union is in document order). On a large page this is
    a quarter of `//*[@rel='author' or … contains(@class, 'author') …]`."""
    parts = [f"//*/@{attr}[. = '{word}']/.." for attr, word in tests
             if attr not in ("class", "id", "href")]
    parts += [f"//a/@href[contains(., '{word}')]/.." for attr, word in tests if attr == "href"]
    for named in ("class", "id"):  # a word in a class or an id (landwirt.com "artikelautor")
        words = [f"contains(., '{word}')" for attr, word in tests if attr == named]
        if words:
            parts.append(f"//*/@{named}[" + " or ".join(words) + "]/..")
    return etree.XPath(" | ".join(parts))
