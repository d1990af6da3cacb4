"""Where an HTML page says what it republishes: attribution lines, canonical and og:url,
schema.org isBasedOn and citation, and images served from the source's site.

An attribution counts only where a scraper plugin writes one: an off-site link in a short
line (an attribution, not a sentence of prose) at the start or end of the article body,
outside figures, captions, navigation and asides, with the words saying the link is the
page's source. A link in the middle of the article is a citation, whatever it says.
Only off-site anchors are looked at, so a page pays for its own links nothing but a
host lookup.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Collection, Iterator, Sequence
from typing import Any, NamedTuple
from unicodedata import east_asian_width

from lxml import etree

from auditor.dom.hiding import tiny_element
from auditor.dom.page import ParsedPage
from auditor.dom.parser import elements, line_of
from auditor.heuristics.text_blocks import FEED_FOOTER, FEED_FOOTER_CHARS, SHORT
from auditor.lazy_re import lazy_regex
from auditor.model import Evidence, Resource
from auditor.provenance.credits import INLINE, credit_clues, norm, text_of
from auditor.provenance.evidence import (
    DECLARED,
    Clue,
    Sources,
    clean_url,
    group,
    off_site,
    through_proxy,
)
from auditor.urls import (
    host_of,
    proxied,
    public_site,
    registrable_domain,
    resolve,
    site_of,
    split_url,
)

ATTRIBUTION_CHARS = 160  # an attribution line; the text-block segmenter's limit too
JSON_LD_BYTES = 1_000_000  # a larger JSON-LD block is not read for isBasedOn

_NOT_ARTICLE = frozenset({"nav", "aside", "header", "footer", "figure", "figcaption",
                          "table", "form", "menu", "button", "select"})
_NO_TEXT = frozenset({"script", "style", "noscript", "template"})

# Cheap test before the patterns: the words every cue below holds
_STEMS = lazy_regex(r"source|origin|appeared|publi|pubbl|read|via|quelle|fuente|fonte|syndicat"
                    r"|erschien|continue|apparu|primer|primeiro|primo|verscheen|опублик|źródło|источник"
                    r"|来源|來源|出典|출처|kaynak|bron|kilde|källa|lähde|sumber|nguồn|πηγή|zdroj|投稿")
# The anchor's own text names it the original ("Source link", "Read more at BBC")
# ("View source" is a code link, "Primary source" a study's, "Read more at The New York
# Times" a roundup's: those two are labels, below)
_ANCHOR_NAMES = lazy_regex(
    r"source link|original (?:source|article|post|story)|primary (?:article|post|story)"
    r"|(?:go to|view) (?:the )?(?:original(?: article| post| story)?"
    r"|source (?:article|post|story))"
    r"|read (?:the )?(?:original|full|complete) (?:article|story|post)(?: (?:here|at|on) .+)?"
    r"|continue reading (?:at|on) .+|originalartikel|zum originalartikel"
    r"|artículo original|article original")
_ANCHOR_LABELS = lazy_regex(r"primary source|read more at .+")
# ... or the words right before it do ("This post originally appeared on <a>Grist</a>")
_LEAD_NAMES = lazy_regex(
    r"(?:(?:originally|first) (?:published|appeared|posted|ran)(?: (?:on|at|in|by))?"
    r"|republished (?:from|with permission (?:from|of))|syndicated from"
    r"|read the (?:full|original|complete) (?:article|story|post) (?:at|on)"
    r"|continue reading (?:at|on)|original source|source link"
    r"|(?:zuerst|erstmals|ursprünglich) erschienen (?:bei|auf|in|im)"
    r"|ursprünglich veröffentlicht (?:bei|auf|in|im)"
    r"|publicado originalmente (?:en|em|no|na|por)|originalmente publicado (?:en|em|no|na|por)"
    r"|publicado por primera vez en|publié (?:initialement|à l'origine) (?:sur|par|dans)"
    r"|initialement publié (?:sur|par|dans)"
    r"|pubblicato (?:originariamente|originalmente|per la prima volta) (?:su|da|in)"
    r"|(?:oorspronkelijk|eerder) (?:gepubliceerd|verschenen) (?:op|bij|in)"
    r"|verscheen (?:oorspronkelijk|eerder|eerst) (?:op|bij|in)"
    r"|(?:впервые|первоначально|изначально) опубликован\w* (?:на|в))"
    r"(?: the)?\s*[:：]?\s*$")
# A bare label opening its line: how wires and studies are credited too (Weight.LABEL);
# "submit your letter via <a>this form</a>" is a sentence, not a label
_LEAD_LABEL = lazy_regex(r"^[\W_]*(?:sources?|quellen?|fuentes?|fontes?|via|źródło|источник"
                         r"|来源|來源|出典|출처|kaynak|bron|kilde|källa|lähde|sumber|nguồn|πηγή"
                         r"|zdroj)\s*[:：]?\s*$"
                         r"|(?:primary source|read more at)(?: the)?\s*[:：]?\s*$")
_CORE = lazy_regex(r"^[\W_]+|[\W_]+$")


class Line(NamedTuple):
    """An anchor's line: the text before it, its own, after it, and the nodes it spans."""

    before: str
    anchor: str
    after: str
    block: etree._Element
    first: etree._Element
    last: etree._Element
    text: str  # the whole line as shown, whitespace runs as one space
    whole: bool = True  # False past MAX_LINE_NODES siblings: too long to be an attribution


def markup_sources(page: ParsedPage, url: str | None, first_party: str | None,
                   bodies: Sequence[etree._Element], resources: Sequence[Resource],
                   in_post_body: bool = False, declared: Sequence[tuple[str, str, str]] = ()
                   ) -> Sources:
    """The page's provenance, and per source the elements holding the copied article.
    `bodies` are the article bodies (auditor.metrics.article_bodies); a post body
    (WordPress `content.rendered`) is one article whole; `declared` the canonical and
    og:url its SEO plugin declares outside the body (`Document.declared`)."""
    body = page.root.find("body")
    whole = body if body is not None else page.root
    containers = (whole,) if in_post_body else tuple(bodies)
    proxy = proxied(url)
    if proxy is not None and proxy.own:  # the AMP cache serves the publisher's own page
        first_party = site_of(host_of(proxy.url)) or first_party
    captioned: set[etree._Element] = set()  # what a Source: label stands under
    clues = list(_attributions(page, first_party, containers, whole, captioned))
    if proxy is not None and not proxy.own:  # the proxy's copy is the original page whole
        clues.append(Clue(Evidence("proxy-copy", f"{proxy.service} copy of {proxy.url}"),
                          host_of(proxy.url), clean_url(proxy.url), page.root))
    clues += credit_clues(page, url, first_party, [c.evidence.xpath for c in clues])
    clues += _declared(page, url)
    for kind, value, where in declared:  # not in the markup: no line, no xpath
        clues += (c._replace(evidence=dataclasses.replace(c.evidence, text=f"{where}: {value}"))
                  for c in _pointer(kind, value, url, 0, ""))
    clues += _based_on(page, url)
    # a link to a proxy's copy names its original; `_hotlinked`'s clues name no URL
    clues = [through_proxy(c) for c in clues]
    named = {c.host for c in clues if off_site(c.host, first_party, c.evidence.kind in DECLARED)}
    if named:  # a page's canonical to itself names nothing to look for
        clues += _hotlinked(page, resources, containers, named, captioned)
    default = containers[0] if containers else None
    clues = [c if c.region is not None or c.evidence.kind not in _WHOLE_PAGE
             else c._replace(region=default) for c in clues]
    return group(clues, first_party)


_WHOLE_PAGE = frozenset({"canonical", "is-based-on"})  # the copied article is the page's


def _attributions(page: ParsedPage, first_party: str | None,
                  containers: Sequence[etree._Element], whole: etree._Element,
                  captioned: set[etree._Element]) -> Iterator[Clue]:
    """The attribution lines' clues; what each Source: label's line stands under is added
    to `captioned` (`_captioned`)."""
    done: set[etree._Element] = set()
    elsewhere: dict[str, bool] = {}  # per host: a page links to few hosts, many times
    read: dict[etree._Element, _Prose] = {}
    nested: dict[etree._Element, bool] = {}  # per label's block: it holds more blocks
    for anchor in page.tagged("a"):
        origin = _origin((anchor.get("href") or "").strip())
        if origin is None:
            continue  # relative: on the page's own site
        host = host_of(origin)  # one look-up per origin, not per link
        off = elsewhere.get(host)
        if off is None:
            off = elsewhere[host] = off_site(host, first_party)
        if not off or anchor in done:
            continue
        own = anchor.text or "" if not len(anchor) else text_of(anchor)
        if not _STEMS.search((_lead_text(anchor) + " " + own).lower()):
            continue
        line = _line(anchor)
        kind = _kind(line)  # each anchor of a line is judged: "via <a>X</a>, <a>Source link</a>"
        if kind == "appeared-first":  # one footer, whichever of its links is met first
            done.update(_line_anchors(line))
        if kind is None:
            continue
        container = _container(anchor, line, containers, read)
        if container is None:
            continue
        if not _at_edge(_read(read, container), line):
            continue
        target = anchor
        if kind == "appeared-first":  # the post's own link, not the feed's home page
            target = next((a for a in _line_anchors(line)
                           if off_site(host_of(resolve(a.get("href") or "", None) or ""),
                                       first_party)), anchor)
        else:  # "republished from <a>The Conversation</a>. Read the <a>original article</a>."
            target = _article_link(line, anchor, done, "https://" + host)
        href = resolve(target.get("href") or "", "https://" + host) or ""
        if kind == "source-label":
            captioned.update(_captioned(line, containers, whole, nested))
        # the copied article's region: an article body; on a page with none, the block
        # holding the line and the prose it closes, never the page's whole body
        region = container if containers or container not in (whole, page.root) else None
        yield Clue(Evidence(kind, line.text, page.start_line(anchor), page.xpath(anchor)),
                   host_of(href), clean_url(href), region)


def _article_link(line: Line, anchor: etree._Element, done: set[etree._Element], base: str
                  ) -> etree._Element:
    """The link of the line that names the original article: one attribution line is one
    clue, so its other links to the anchor's site are `done`, and of them the first to an
    article (not the site's home page, which a credit names the publication by) is the
    original's address."""
    def target(a: etree._Element) -> str:
        return resolve(a.get("href") or "", base) or ""

    domain = registrable_domain(host_of(target(anchor)))
    same = [a for a in _line_anchors(line) if registrable_domain(host_of(target(a))) == domain]
    done.update(same)
    return next((a for a in same if _is_article(target(a))), anchor)


# An http(s) or scheme-relative link's scheme and netloc (a scheme is case-blind: HTTPS://)
_ORIGIN = lazy_regex(r"(?:[Hh][Tt][Tt][Pp][Ss]?:)?//[^/?#]*")


def _origin(href: str) -> str | None:
    """An http(s) or scheme-relative (read as https) link cut where its netloc ends, None
    for any other: urlsplit reads the host from the netloc alone (its errors too), so
    `host_of` gives the cut what it gives the whole link, and a page's thousands of
    links are a few look-ups.

    >>> _origin("HTTPS://Bbc.co.uk:443/news/1?x#y"), _origin("//cdn.example?x")
    ('HTTPS://Bbc.co.uk:443', 'https://cdn.example')
    >>> _origin("/news/1"), _origin("mailto:x@bbc.co.uk")
    (None, None)
    """
    found = _ORIGIN.match(href)
    if found is None:
        return None
    return found.group() if href[0] != "/" else "https:" + found.group()


def _kind(line: Line) -> str | None:
    """Which evidence an anchor's line is, by its words (lower-cased)."""
    if not line.whole:
        return None
    text, before = line.text.lower(), line.before.lower()
    if FEED_FOOTER.match(text) and len(text) <= FEED_FOOTER_CHARS and _footer_links(line):
        return "appeared-first"
    if len(text) > ATTRIBUTION_CHARS:
        return None
    if _ANCHOR_NAMES.fullmatch(_CORE.sub("", line.anchor.lower())) or _LEAD_NAMES.search(before):
        return "source-link"
    if (_LEAD_LABEL.search(before)
            or _ANCHOR_LABELS.fullmatch(_CORE.sub("", line.anchor.lower()))):
        return "source-label"
    return None


def _footer_links(line: Line) -> bool:
    """The footer's shape as Yoast writes it: the post's title linked to the post and the
    site's name to its home, two links to one site. Its words are also a news sentence's
    ("Der Beitrag des Bürgermeisters erschien zuerst auf <a>Facebook</a>", "Het bericht
    over de brand verscheen eerst op <a>Omroep West</a>"), which credits a scoop or a
    quoted post with one link."""
    domains = [registrable_domain(host_of(resolve(a.get("href") or "", None) or ""))
               for a in _line_anchors(line)]
    return any(d and domains.count(d) > 1 for d in domains)


def _lead_text(anchor: etree._Element) -> str:
    """The text right before the anchor, out of inline wrappers that hold none
    (`Source: <em><a>…</a></em>`): where a label stands."""
    el = anchor
    while True:
        prev, parent = el.getprevious(), el.getparent()
        if prev is not None:
            own = text_of(prev) if isinstance(prev.tag, str) else ""
            return own + (prev.tail or "")
        if parent is None:
            return ""
        if (parent.text or "").strip() or parent.tag not in INLINE:
            return parent.text or ""
        el = parent


MAX_LINE_NODES = 64  # siblings a line spans each way; more is no attribution line


def _line(anchor: etree._Element) -> Line:
    """The anchor's line: the inline text around it up to the nearest `<br>` or block
    boundary, through inline wrappers (`<span>Quelle: <a>…</a></span> Drucken`)."""
    before: list[str] = []  # nearest first, on every level up to the block
    after: list[str] = []
    whole = True
    el = anchor
    while True:
        parent = el.getparent()
        assert parent is not None  # an anchor is never the root
        first = last = el
        after.append(el.tail or "")
        steps = 0
        while (nxt := last.getnext()) is not None and _inline(nxt):
            after += [text_of(nxt) if isinstance(nxt.tag, str) else "", nxt.tail or ""]
            last, steps = nxt, steps + 1
            if steps > MAX_LINE_NODES:
                whole = False
                break
        steps = 0
        while (prev := first.getprevious()) is not None and _inline(prev):
            before += [prev.tail or "", text_of(prev) if isinstance(prev.tag, str) else ""]
            first, steps = prev, steps + 1
            if steps > MAX_LINE_NODES:
                whole = False
                break
        prev = first.getprevious()
        before.append((prev.tail if prev is not None else parent.text) or "")
        if parent.tag not in INLINE:
            break
        el = parent
    lead, own, rest = "".join(reversed(before)), text_of(anchor), "".join(after)
    return Line(norm(lead), norm(own), norm(rest), parent, first, last,
                norm(lead + own + rest), whole)


def _inline(el: etree._Element) -> bool:
    return el.tag in INLINE or not isinstance(el.tag, str)  # comments sit in a line


def _line_anchors(line: Line) -> Iterator[etree._Element]:
    node: etree._Element | None = line.first
    while node is not None:
        if isinstance(node.tag, str):
            yield from node.iter("a")
        node = None if node is line.last else node.getnext()


def _container(anchor: etree._Element, line: Line, containers: Sequence[etree._Element],
               read: dict[etree._Element, _Prose]) -> etree._Element | None:
    """The innermost article body holding the anchor; None when the anchor sits outside
    every article body, or in a figure, caption, table, navigation or aside (a photo
    credit, a menu). On a page with no article body known (`containers` empty): the
    nearest block around the line that holds prose (the text the line attributes),
    not the whole page, whose trackers before `</body>` are the operator's."""
    wanted = set(containers)
    for el in anchor.iterancestors():
        if el in wanted:
            return el
        if el.tag in _NOT_ARTICLE:
            return None
    if containers:
        return None
    for el in itertools.chain((line.block,), line.block.iterancestors()):
        if _read(read, el).last >= 0:
            return el
    return None


def _read(read: dict[etree._Element, _Prose], container: etree._Element) -> _Prose:
    if container not in read:
        read[container] = _prose(container)
    return read[container]


class _Prose(NamedTuple):
    """A container's text pieces in reading order, indexed once however many anchors
    ask (a hostile page can hold thousands of labelled links in one article)."""

    at: dict[tuple[str, etree._Element], int]  # a piece (text or tail of an element): where
    first: int  # the first piece that is prose; len(index) when none is
    last: int  # the last one; -1 when none is


def _prose(container: etree._Element) -> _Prose:
    index: dict[tuple[str, etree._Element], int] = {}
    first, last = -1, -1
    for event, el in etree.iterwalk(container, events=("start", "end")):
        if event == "start":
            key, text = ("text", el), el.text if isinstance(el.tag, str) else None
            if el.tag in _NO_TEXT:
                text = None
        elif el is not container:
            key, text = ("tail", el), el.tail
        else:
            continue
        n = index[key] = len(index)
        if text and _prose_piece(norm(text)):
            first = n if first < 0 else first
            last = n
    return _Prose(index, first if first >= 0 else len(index), last)


def _prose_piece(text: str) -> bool:
    """A text piece longer than the segmenter's SHORT line, a wide (CJK) character
    counting two as twitter-text weighs them (one holds about as much as two Latin
    letters): a Japanese news paragraph of 60 characters is prose, not a label's line.

    >>> _prose_piece("港大橋は月曜日の朝、鋼製の床版の修理を終えて、11週間ぶりに通行"
    ...              "が再開された。市の交通局が声明で明らかにした。")
    True
    >>> _prose_piece("出典：みなと新聞"), _prose_piece("Source: Harbour Gazette, 3 May 2026")
    (False, False)
    """
    n = len(text)
    if n > SHORT:
        return True
    if text.isascii() or 2 * n <= SHORT:
        return False
    return n + sum(1 for c in text if east_asian_width(c) in _WIDE) > SHORT


_WIDE = ("W", "F")  # Unicode's East Asian wide and fullwidth characters


def _at_edge(prose: _Prose, line: Line) -> bool:
    """No prose (a text piece longer than the segmenter's SHORT line) between the line
    and one end of the container: the attribution opens or closes the article."""
    prev = line.first.getprevious()
    start = prose.at.get(("tail", prev) if prev is not None else ("text", line.block))
    end = prose.at.get(("tail", line.last))
    if start is None or end is None:
        return False
    return not (prose.first < start and prose.last > end)


def _declared(page: ParsedPage, url: str | None) -> Iterator[Clue]:
    """A canonical link or og:url naming an article elsewhere (never a site's home)."""
    for el in page.tagged("link"):
        if "canonical" in (el.get("rel") or "").lower().split():
            yield from _pointer("canonical", el.get("href"), url, page.start_line(el),
                                page.xpath(el))
    for el in page.tagged("meta"):
        if (el.get("property") or el.get("name") or "").lower() == "og:url":
            yield from _pointer("og-url", el.get("content"), url, page.start_line(el),
                                page.xpath(el))


def _pointer(kind: str, value: str | None, base: str | None, line: int, xpath: str
             ) -> Iterator[Clue]:
    target = resolve(value, base) if value else None
    if not target or not _is_article(target):
        return
    host = host_of(target)
    copy = proxied(target)  # a proxy's copy (translate.goog) is judged as its original
    if not public_site(host_of(copy.url) if copy else host):
        return  # a staging, intranet or platform host: a copy's own address, not an original
    if kind == "canonical" and not _elsewhere(copy.url if copy else target, base):
        return  # a mirror copy's canonical: the page's own path on another host
    yield Clue(Evidence(kind, target, line, xpath), host, clean_url(target))


def _elsewhere(target: str, page_url: str | None) -> bool:
    """A canonical on a public site names an original when its path and query are not
    the page's own (a mirror or staging copy of one article keeps them).

    >>> _elsewhere("https://www.herald.co.uk/n/7", "https://copy.com/a/1")
    True
    >>> _elsewhere("https://a.b.co.uk/x?p=1", "https://c.com/x?p=1")
    False
    """
    if page_url is None:
        return True
    there, here = split_url(target), split_url(page_url)
    if there is None or here is None:
        return True
    return (there.path.rstrip("/"), there.query) != (here.path.rstrip("/"), here.query)


def _is_article(url: str) -> bool:
    path = url.split("://", 1)[-1].partition("/")[2]
    return bool(path.strip("/?#"))


_BASED_ON = {"isbasedon": "is-based-on", "isbasedonurl": "is-based-on",
             "citation": "citation"}
_BASED_ON_NEEDLES = (b"isbasedon", b"citation")
_ITEMPROP = lazy_regex(rb"itemprop\s*=\s*[\"']?(?:isbasedon|citation)")  # a walk only then
_MICRODATA: Any = etree.XPath(
    "//*[@itemprop='isBasedOn' or @itemprop='isBasedOnUrl' or @itemprop='citation']")


def _based_on(page: ParsedPage, base: str | None) -> Iterator[Clue]:
    """schema.org isBasedOn / citation, in JSON-LD or microdata."""
    held = page.holding(_BASED_ON_NEEDLES)
    if b"isbasedon" not in held and b"citation" not in held:
        return
    for script in page.structured_data:
        code = script.text or ""
        if len(code) > JSON_LD_BYTES or ("isBasedOn" not in code and "citation" not in code):
            continue
        try:
            data = json.loads(code)
        except ValueError:
            continue
        for key, value in _keyed(data, 0):
            for target in _urls(value, base):
                yield Clue(Evidence(_BASED_ON[key], target, line_of(script),
                                    page.xpath(script)), host_of(target), clean_url(target))
    for el in elements(_MICRODATA(page.root)) if _ITEMPROP.search(page.lowered) else ():
        ref = el.get("href") or el.get("content") or el.get("src")
        pointed = resolve(ref, base) if ref else None
        if pointed:
            kind = _BASED_ON[(el.get("itemprop") or "").lower()]
            yield Clue(Evidence(kind, pointed, page.start_line(el), page.xpath(el)),
                       host_of(pointed), clean_url(pointed))


MAX_DEPTH = 12  # JSON-LD nesting read for isBasedOn


def _keyed(data: object, depth: int) -> Iterator[tuple[str, object]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and key.lower() in _BASED_ON:
                yield key.lower(), value
            elif isinstance(value, dict | list):
                yield from _keyed(value, depth + 1)
    elif isinstance(data, list):
        for item in data:
            yield from _keyed(item, depth + 1)


def _urls(value: object, base: str | None) -> Iterator[str]:
    """The URLs a schema.org value names: a string, {"url"|"@id": …}, or a list of them.
    JSON may escape a lone surrogate (`"\\ud800"`) that no output can encode: such a
    string is no URL, and is dropped here before it reaches evidence or a report."""
    items = value if isinstance(value, list) else [value]
    for item in items[:50]:
        ref = item.get("url") or item.get("@id") if isinstance(item, dict) else item
        if isinstance(ref, str) and _encodable(ref) and (target := resolve(ref, base)):
            yield target


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_IMAGES = ("img[", "amp-img[")  # an article's images, in HTML and on its AMP page


_HOLDS_PROSE = frozenset({"p", "div", "section", "article", "main", "ul", "ol", "dl", "table",
                          "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})


def _captioned(line: Line, containers: Sequence[etree._Element], whole: etree._Element,
               nested: dict[etree._Element, bool]) -> Iterator[etree._Element]:
    """What a Source: label's line credits besides the article: its own block and the
    element right before it (`<p><img><br>出典：<a>…</a></p>`, `<img><p>Source: <a>…</a></p>`),
    where blogs credit a borrowed photo or chart, as Japanese and Korean ones do under
    each (出典, 출처). A line standing in a block that holds more blocks (the article
    body's own text, a wrapper round a copied article) has no block of its own: only the
    element right before the line."""
    if line.block not in nested:  # asked once a block: thousands of labels share one
        nested[line.block] = any(child.tag in _HOLDS_PROSE for child in line.block)
    if (line.block in containers or line.block is whole or line.block.getparent() is None
            or nested[line.block]):
        before = line.first.getprevious()
        if before is not None:
            yield before
        return
    yield line.block
    before = line.block.getprevious()
    if before is not None:
        yield before


def _under(xpath: str, paths: Collection[str]) -> bool:
    """`xpath` is one of `paths` or inside one (a look-up per level: a page may caption
    thousands)."""
    at = len(xpath)
    while at > 0:
        if xpath[:at] in paths:
            return True
        at = xpath.rfind("/", 0, at)
    return False


def _hotlinked(page: ParsedPage, resources: Sequence[Resource],
               containers: Sequence[etree._Element], hosts: set[str],
               captioned: Collection[etree._Element] = ()) -> Iterator[Clue]:
    """Per source domain already named, the article's images served from it: one clue
    each domain, citing the first image. An image from a service the catalogue names a
    company for (Unsplash, Imgur, Wikimedia, Flickr, a CDN) is that service's, not a
    publisher's: "Source: <a>Unsplash</a>" under its photo credits the picture; so does
    any label right under its image (`captioned`), whoever's the photo or chart is."""
    domains = {registrable_domain(h) for h in hosts}
    prefixes = tuple(page.xpath(c) + "/" for c in containers)
    credited = {page.xpath(el) for el in captioned}
    images: dict[str, list[tuple[Resource, str]]] = {}  # per domain, each image and its host
    beacons: set[str] | None = None  # a republishing licence's counter pixel is no image
    for res in resources:
        if not res.via.startswith(_IMAGES):
            continue
        host, domain, company = res.host, res.domain, res.company
        # the AMP cache serves the source's own file under its path (`/i/s/<host>/…`), as
        # a copy fetched from the cache keeps it
        if company is not None and (copy := proxied(res.url)) is not None:
            host, company = host_of(copy.url), None
            domain = registrable_domain(host)
        if (domain in domains and company is None
                and (not prefixes or res.xpath.startswith(prefixes))):
            if beacons is None:
                beacons = {page.xpath(img) for img in page.tagged("img") if tiny_element(img)}
            if res.xpath in beacons or (credited and _under(res.xpath, credited)):
                continue
            images.setdefault(domain, []).append((res, host))
    for found in images.values():
        first, host = found[0]
        text = f"{len(found)} image{'s' if len(found) > 1 else ''} from {first.host}"
        yield Clue(Evidence("hotlinked-images", text, first.line, first.xpath), host)
