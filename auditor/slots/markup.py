"""Ad units read from the markup's shape where no catalogue rule names them: `ins` tags,
ad servers' frames, ad scripts alone in their box, `<verb>Ad('box')` calls, and empty boxes
whose names say "ad"."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import chain, islice
from typing import Any

from lxml import etree

from auditor.ad_names import ad_attribute
from auditor.catalogue import PLACELESS_FORMATS, Catalogue, Network, markup_names
from auditor.dom.hiding import (
    HIDING_WRAPPERS,
    ZERO_FONT,
    inline_hiding,
    pixels,
    style_size,
    unit_size,
)
from auditor.dom.inline_js import in_comment, is_code_type
from auditor.dom.page import ParsedPage
from auditor.dom.parser import BYTES_SPACE, re2_bytes_pattern
from auditor.dom.walk import held_until_consent
from auditor.lazy_re import lazy_regex
from auditor.model import NO_MATCH, Category, Match, RequestType
from auditor.resources import PlacingRequest, ad_list_blocks
from auditor.slots.assigned import _quoted_names
from auditor.slots.branches import _SIZE_TEXT, _unit_loader
from auditor.slots.folding import _asks_for, _element_before, _names_another_unit
from auditor.slots.found import _LANDMARKS, FoundSlot, _NearestAbove, _words
from auditor.slots.labels import (
    _LABEL_CHARS,
    _NOT_A_BOX_WORDS,
    AD_LABEL,
    _label_line,
    _name_words,
    _names_an_ad,
)
from auditor.urls import (
    URL_IN_CODE,
    host_of,
    is_third_party,
    library_of,
    site_of,
    site_path,
)

# a slot or zone of the page's own parts, not an ad server's: a theme's widget area, a
# carousel's slide, a drop or focus zone, a time zone, a framework's (`data-v-`) slot
_INS_PART_WORDS = frozenset({
    "widget", "widgets", "slide", "slider", "carousel", "gallery", "tab", "tabs", "menu",
    "nav", "grid", "layout", "drop", "drag", "time", "date", "focus", "hit", "scroll",
    "swipe", "v"})
_HAS_DIGIT = lazy_regex(r"\d")
_AD_WORDS = frozenset({"ad", "ads", "adv", "advert"})  # a slot its name says is an ad's
INS_TAG_LIST = "auditor-markup"  # the `list` of the ad tags read from the markup's shape
INS_TAG_RULE = "ins[data-*-slot]"


def ins_tag_units(page: ParsedPage) -> list[tuple[etree._Element, str, str]]:
    """The page's empty `<ins>` ad tags of any server, as cosmetic hits: the AdSense-style
    asynchronous tag as ad servers copy it, which the server's script fills, asking for the
    slot or zone a `data-` attribute of the server's own name gives (`_ins_unit_attr`);
    `<ins>` marks an edit otherwise, and an edit carries no slot. A known vendor's is its
    catalogue slot already, a wrapper a list hides stays the one placement it was
    (`cosmetic_slots`). One pass over the page's `<ins>` elements."""
    if page.root is None:
        return []
    out: list[tuple[etree._Element, str, str]] = []
    for el in page.root.iter("ins"):
        if (el.text or "").strip() or any(
                isinstance(c.tag, str) or (c.tail or "").strip() for c in el):
            continue  # filled, or an edit's text (a comment inside leaves it empty)
        if any(_ins_unit_attr(str(k), str(v)) for k, v in el.attrib.items()):
            out.append((el, INS_TAG_RULE, INS_TAG_LIST))
    return out


AD_FRAME_RULE = "iframe[width][height] of an ad server"
_BANNER_SIDE = 32  # the shortest side of a banner a frame declares (IAB's smallest, 88x31, rounded)
_FETCHED_SRC = lazy_regex(r"\s*(?:https?:)?//", re.I)


def ad_frame_units(servers: dict[etree._Element, Network | None],
                   declared: Sequence[FoundSlot],
                   appended: Collection[etree._Element] = frozenset(),
                   companies: Mapping[etree._Element, str] | None = None,
                   ) -> list[tuple[etree._Element, str, str]]:
    """Frames whose own request goes to an ad server or an affiliate network (`servers`:
    `resources.ad_server_requests`) that declare a banner's size in pixels in their own
    `width` and `height` (not `100%`: the box it fills), as cosmetic hits: a raw banner tag
    pasted as a frame (`<iframe src="https://rcm-fe.amazon-adsystem.com/e/cm?…"
    width="120" height="240">`, a Japanese affiliate network's `htmlbanner` frame) is a
    placement whoever runs it. A frame of a pixel, with no size, sized down to a pixel by
    its inline style (which a browser draws over the attributes), or hidden by its own
    style or a wrapper's (`display:none`) is a sync's, a beacon's or a pop's; a copy in a
    `<noscript>` beside its live unit stays that unit's (`without_inert_copies`).
    A network whose units the page declares (`declared`: a script's `cpro_id`, a vendor's
    box) has its frames read as what those units rendered (a saved copy keeps the frame
    each unit's script wrote beside it), not as placements of their own; but a frame
    appended after the page's end (`appended`: the frames and units written past its last
    `</html>`, `markup.past_html_end`) renders none of the page's units: only a unit of
    its network appended there too. A frame right after a declared unit's tag that writes
    its ad where it stands (`_written_by`: DART's `adj` script, then the safeframe or the
    backfill's frame it wrote, in a DOM save), at a size the tag asks for, is that unit's;
    `companies` names the company of a frame's host no network names
    (`resources.advertising_companies`), whose frame that may be only if it is the tag's."""
    units_of = {s.network.name for s in declared if s.network is not None}
    units_after = {s.network.name for s in declared if s.network is not None
                   and s.element in appended}
    writers = _in_place_tags(declared)
    out: list[tuple[etree._Element, str, str]] = []
    for el, network in servers.items():
        if network is not None and network.name in (
                units_after if el in appended else units_of):
            continue
        if writers and _written_by(el, network, (companies or {}).get(el), writers):
            continue
        if str(el.tag).lower() != "iframe" or not _FETCHED_SRC.match(el.get("src") or ""):
            # a frame the page writes (`javascript:`) is read as a document; one a saved
            # copy keeps with its `src` and the document that server sent (`srcdoc`: an
            # SSP's frame holding the passback it served, AdSense's tag) is the server's
            # placement, its document the ad (read once, `frame_slots`: no slot of its own)
            continue
        width, height = pixels(el.get("width")), pixels(el.get("height"))
        if not (width and height and min(width, height) >= _BANNER_SIDE):
            continue
        styled = style_size(el.get("style") or "")
        if any(side is not None and side < _BANNER_SIDE for side in styled):
            continue  # `width="300" height="250" style="width:0;height:0"`: drawn at none
        if not any(inline_hiding(box) is not None
                   for box in islice(chain((el,), el.iterancestors()), HIDING_WRAPPERS + 1)):
            out.append((el, AD_FRAME_RULE, INS_TAG_LIST))
    return out


def _in_place_tags(declared: Sequence[FoundSlot]) -> dict[etree._Element, FoundSlot]:
    """The declared units' script tags that write their ad where they stand: a `src` that
    is the network's per-unit loader (`unit_loaders`: DART's `/adj/`), run as the page is
    read (`_in_place`)."""
    return {el: slot for slot in declared if slot.network is not None
            for el in (slot.element, *slot.extra_elements)
            if str(el.tag).lower() == "script" and el.get("src")
            and _unit_loader(el.get("src") or "", slot.network) and _in_place(el)}


def _written_by(frame: etree._Element, network: Network | None, company: str | None,
                writers: dict[etree._Element, FoundSlot]) -> bool:
    """Whether `frame`, whose request goes to `network`'s server (None: to a host of
    `company` no network names), stands right after one of `writers` (past comments, no
    text between; or first in a box right after it, `_element_before`) at a size its tag
    asks for (the unit's, or one of its `sz=` list): the creative that tag wrote, kept by
    a DOM save. Only a frame of the tag's own house
    is (`_of_house`: Ad Manager's safeframe, AdSense's backfill after a DART tag), and not
    one GPT's renderer named for another unit (`_names_another_unit`): another vendor's
    frame, or a GPT unit, after the tag at the same size is a placement of its own."""
    before = _element_before(frame)
    slot = writers.get(before) if before is not None else None
    if slot is None or before is None or slot.network is None:
        return False
    return (_of_house(network, company, slot.network)
            and not _names_another_unit(frame, slot.zone_id)
            and _asks_for((pixels(frame.get("width")), pixels(frame.get("height"))),
                          (slot.width, slot.height), before.get("src") or ""))


def _of_house(network: Network | None, company: str | None, tag: Network) -> bool:
    """Whether a frame of `network`, or where none names its host of `company` (Google's
    for Ad Manager's safeframe host), may hold what `tag`'s script wrote: the tag's
    network's or its company's (DART's creative served by Ad Manager, or its AdSense
    backfill); not another ad server's raw frame tag (Adform's `adfserve`) after it."""
    if network is tag:
        return True
    theirs = company if network is None else network.company
    return tag.company is not None and theirs == tag.company


AD_SCRIPT_RULE = "script an ad list blocks, alone in its box"
# what a box holding an ad's tag may hold beside it and still be that tag's own: the tag's
# scripts (its globals, its loader), its fallback, its style sheet, line breaks
_TAG_PARTS = frozenset({"script", "noscript", "link", "style", "br"})
_NOT_A_BOX = _LANDMARKS | {"head", "form"}  # the page's frame, and a form


def ad_script_boxes(scripts: dict[etree._Element, list[PlacingRequest]],
                    decide: Callable[[str, RequestType], Match],
                    first_party: str | None) -> list[tuple[etree._Element, str, str]]:
    """The boxes that hold one ad's script tag and nothing a visitor reads, as cosmetic
    hits: a script an ad list blocks (`decide`: the lists' decision on a URL of a request
    type; EasyList, not a privacy list, whose blocking says tracker) that loads or writes its
    ad where it stands, `document.write` era (`<div class="sidebar-box"><script src="…
    blogads.com/…/feed.js">`, or an inline script writing the ad's frame, `<iframe src="…
    feed.4wnet.com/feed.html.ashx?a=…">`), in a box of its own: the box is the placement. A box
    holding text, a link, an image or a form besides is a column or a widget the tag is
    one part of (a reader of its vendor's markup may still place it), one whose scripts
    load from several sites is where a theme puts its vendors' scripts (a footer's
    analytics, in-text ads and pop-under), and one of several scripts of the page's own
    site (`first_party`) is where its theme puts its own and its plugins' code; a loader
    that runs later or is appended to the head fills units elsewhere (`_in_place`), and a
    loader in the head places nothing.
    `scripts`: each script element's requests (`resources.script_requests`). Each box is
    read once, its children only."""
    out: list[tuple[etree._Element, str, str]] = []
    read: set[etree._Element] = set()
    for script, requests in scripts.items():
        box = script.getparent()
        if box is None or box in read or not any(r.may_show_ad for r in requests):
            continue
        read.add(box)
        if not _holds_only_tags(box):
            continue
        loads = [(child, r) for child in box if child in scripts for r in scripts[child]]
        sites = {site_of(host_of(r.url)) for _, r in loads}
        if len(sites) != 1 or (len(loads) > 1
                               and not is_third_party(host_of(loads[0][1].url), first_party)):
            continue
        for child, r in loads:
            match = decide(r.url, r.type) if r.may_show_ad and _in_place(child) else NO_MATCH
            if ad_list_blocks(match):
                out.append((box, f"{AD_SCRIPT_RULE}: {match.rule}", match.list or ""))
                break
    return out


AD_SIZED_SCRIPT_RULE = "script an ad list blocks, asking for a banner's size where it stands"
# the banner's size a tag's URL asks for (`size=728x90`, `/banner_468x60.js`, `sz=300x250`)
_ASKED_SIZE = lazy_regex(r"(?<![A-Za-z0-9.])(\d{2,4})[xX](\d{2,4})(?!\d)")
_BANNER_MOST = 2000  # a larger side is no banner's (an id, a timestamp's digits)


def ad_sized_scripts(scripts: dict[etree._Element, list[PlacingRequest]],
                     decide: Callable[[str, RequestType], Match],
                     taken: Collection[etree._Element] = frozenset(),
                     ) -> list[tuple[etree._Element, str, str]]:
    """Script tags in the body whose own `src` an ad list blocks (`decide`; EasyList, not a
    privacy list) and asks for a banner's size (`adServe/banners?tid=…&size=728x90`), as
    cosmetic hits: the `document.write` era's ad tag, run where it stands (`_in_place`),
    writes that banner there, whatever stands beside it in its box (a table of results
    under it, a footer's links); the script is the placement. One that may show no ad
    where it stands (`PlacingRequest.may_show_ad`: a pop-under's, a known vendor's page
    loader), one in the head or a `<noscript>`, one naming no size (a loader that fills
    units elsewhere, an analytics tag) and one whose box a reader took already (`taken`,
    `ad_script_boxes`) are none. Each script's requests are read once."""
    out: list[tuple[etree._Element, str, str]] = []
    for script, requests in scripts.items():
        if not script.get("src") or not _in_place(script) or script.getparent() in taken:
            continue
        asking = [r for r in requests if r.may_show_ad and r.type is RequestType.SCRIPT
                  and _asks_a_size(r.url)]
        if not asking or any(str(a.tag).lower() in ("head", "noscript")
                             for a in script.iterancestors()):
            continue
        for r in asking:
            match = decide(r.url, r.type)
            if ad_list_blocks(match):
                out.append((script, f"{AD_SIZED_SCRIPT_RULE}: {match.rule}", match.list or ""))
                break
    return out


def _asks_a_size(url: str) -> bool:
    """Whether a URL past its host names a banner's size (both sides 32 to 2000 pixels).

    >>> _asks_a_size("http://ads.test/adServe/banners?tid=T_1&size=728x90")
    True
    >>> _asks_a_size("http://ads.test/s/1024x9000.js"), _asks_a_size("http://728x90.test/a.js")
    (False, False)
    """
    rest = url.split("//", 1)[-1].partition("/")[2]
    return any(_BANNER_SIDE <= int(w) <= _BANNER_MOST and _BANNER_SIDE <= int(h) <= _BANNER_MOST
               for w, h in _ASKED_SIZE.findall(rest[:2000]))


AD_REPLACED_RULE = "script beside the ad tag it replaced, kept commented out in its box"
# what of a comment is read for the tag it keeps, and how many of its URLs are asked: an
# ad's tag is short, and a page's comments are read once each, in the boxes asked only
_REPLACED_READ = 4000
_REPLACED_URLS = 8
_URL_IN_CODE = lazy_regex(URL_IN_CODE)


def ad_replaced_boxes(scripts: dict[etree._Element, list[PlacingRequest]],
                      catalogue: Catalogue) -> list[tuple[etree._Element, str, str]]:
    """The boxes that keep an ad network's tag commented out right before the script that
    took its place, as cosmetic hits: a publisher moving a box to another ad server (or to
    its own ad proxy, whose randomly named scripts no list or catalogue knows) comments the
    old tag out and pastes the new one under it (`<div class="box"><!-- <script src="…
    cpro.baidustatic.com/cpro/ui/c.js"></script> --><script src="//ads.site.test/x7k.js">
    </script></div>`); the box is the placement, of no network the markup names. The box
    holds tags only (`_holds_only_tags`), its live scripts load from one site, each may show
    an ad where it stands (no known vendor of another kind) and runs there (`_in_place`),
    none of a network the catalogue names (its own readers place those) nor a library by
    its file name (`library_of`: the site's own `jquery.min.js`); the comments right before
    each of them (nothing but comments between) hold a `<script` and a URL of an ad network
    that shows its ads in boxes (no pop, push or in-text format). A script beside a
    commented-out tracker, in a box with text, links or images, or a footer box of the
    site's scripts where the old tag stands above one of them only, is none.
    `scripts`: each script element's requests (`resources.script_requests`). Each box is
    read once, its children only, each comment `_REPLACED_READ` characters deep."""
    out: list[tuple[etree._Element, str, str]] = []
    read: set[etree._Element] = set()
    for script in scripts:
        box = script.getparent()
        if box is None or box in read:
            continue
        read.add(box)
        if not _holds_only_tags(box):
            continue
        loads = [(child, r) for child in box if child in scripts for r in scripts[child]]
        if len({site_of(host_of(r.url)) for _, r in loads}) != 1 or not all(
                r.may_show_ad and _in_place(child) and library_of(r.url) is None
                and catalogue.network_for(r.url, host_of(r.url)) is None for child, r in loads):
            continue
        if all(_after_an_ad_tag(child, catalogue) for child in dict.fromkeys(c for c, _ in loads)):
            out.append((box, AD_REPLACED_RULE, INS_TAG_LIST))
    return out


def _after_an_ad_tag(script: etree._Element, catalogue: Catalogue) -> bool:
    """Whether the comments right before a script (past other comments and whitespace)
    keep an ad network's tag (`ad_replaced_boxes`); a conditional comment is live code."""
    sib = script.getprevious()
    while sib is not None and not isinstance(sib.tag, str):
        text = (sib.text or "")[:_REPLACED_READ] if sib.tag is etree.Comment else ""
        if "<script" in text.lower() and not text.lstrip().startswith("[if"):
            for m in islice(_URL_IN_CODE.finditer(text), _REPLACED_URLS):
                url = "https:" + m.group(0) if m.group(0).startswith("//") else m.group(0)
                network = catalogue.network_for(url, host_of(url))
                if network is not None and network.shows_ads \
                        and network.category is Category.ADVERTISING and all(
                            network.format_tag(fmt, [url]) is None for fmt in PLACELESS_FORMATS):
                    return True
        sib = sib.getprevious()
    return False


def _in_place(script: etree._Element) -> bool:
    """Whether a script shows what it loads where it stands: it runs as the page is read
    (no `async`, `defer`: a loader that runs later, AdSense's `adsbygoogle.js`, fills
    units elsewhere; a module script, `type="module"`, is deferred as `defer` is), and,
    inline, writes its tag into the page there (`document.write`, not an injected loader
    appended to the head). A script of no code type (a template's, a data block's) runs
    nowhere, and one a consent manager holds (`type="text/plain"` with its mark, in a
    `<template>`: `held_until_consent`) runs once the page is read, when a write is void."""
    kind = (script.get("type") or "").strip().lower()
    if script.get("async") is not None or script.get("defer") is not None or kind == "module" \
            or not is_code_type(kind) or held_until_consent(script, ""):
        return False
    return script.get("src") is not None or ".write" in (script.text or "")


def _holds_only_tags(box: etree._Element) -> bool:
    """Whether a box holds an ad tag's parts only (`_TAG_PARTS`, comments) and no text of
    its own, and is no part of the page's frame (head, body, landmark, form), nor in the
    head (its `<noscript>`: nothing there shows)."""
    parent = box.getparent()
    if str(box.tag).lower() in _NOT_A_BOX or (box.text or "").strip() \
            or (parent is not None and str(parent.tag).lower() == "head"):
        return False
    return all((not isinstance(child.tag, str) or child.tag.lower() in _TAG_PARTS)
               and not (child.tail or "").strip() for child in box)


FOLDER_BANNER_RULE = "a link out round an image of the site's ad folder"
# the folder a publisher keeps the banners it sells itself in (`/assets/advertise/clinic.gif`,
# `/media/advertisement/…`), as EasyList reads such a folder's images as ads
# (`/advertising/banners/*$image`); matched case as written, as a list's `[src*=…]` is
_AD_FOLDER = lazy_regex(r"/advertise(?:ments?)?/")
_SALES_LINK = lazy_regex(r"advertis", re.I)  # "advertise with us": about advertising


def folder_banners(page: ParsedPage, site: str | None = None
                   ) -> list[tuple[etree._Element, str, str]]:
    """A direct-sold banner a publisher serves from its own ad folder, as cosmetic hits:
    a link out (`href` http… or //…) round an image of that folder (the "ear" banners
    beside a news site's logo); a link to a sales page is about advertising, no placement,
    and a link to the site's own page (`site`, the page's, or the image's where its address
    is written whole: a media kit's chart linked to the contact page) is none. Read from the
    page's images, only where its markup names the folder at all."""
    if page.root is None or b"/advertis" not in page.markup:
        return []
    out: list[tuple[etree._Element, str, str]] = []
    for img in page.tagged("img"):
        link = img.getparent()
        src = img.get("src") or ""
        if link is None or str(link.tag).lower() != "a" or not _AD_FOLDER.search(src):
            continue
        href = (link.get("href") or "").strip()
        lowered = href[:6].lower()
        if not lowered.startswith(("http", "//")) or _SALES_LINK.search(href):
            continue
        to = site_of(host_of("https:" + href if lowered.startswith("//") else href))
        own = {site, site_of(host_of(src)) if src.lower().startswith("http") else None}
        if not to or to not in own:
            out.append((img, FOLDER_BANNER_RULE, INS_TAG_LIST))
    return out


LABELLED_BANNER_RULE = "a banner an ad label stands beside"
# the label's word opening an element's text (`<div class="ADinfo">REKLAMA</div>`), as the
# lowered markup holds it: a page holding none has no labelled banner to read
_LABEL_WORDS = ("advert", "sponsor", "anzeige", "werbung", "publicit", "publicid", "pubblicit",
                "anuncio", "anúncio", "reklam", "reclame", "annons", "mainos",
                "реклам", "Реклам", "РЕКЛАМ", "広告", "广告", "廣告", "スポンサー", "광고")
# RE2's one pass: `re` tried the words at every `>` of the page (half this reader's cost)
_LABEL_LEAD: Any = re2_bytes_pattern((rb">\s*(?:-\s*)?(?:ads?\s*<|" + b"|".join(
    re.escape(w.encode()) for w in _LABEL_WORDS) + rb")").replace(rb"\s", BYTES_SPACE))
_BANNER_MEDIA = ("img", "iframe", "object", "embed")  # a banner's creative
_FRAMED_MEDIA = frozenset({"iframe", "object", "embed"})  # a creative that is the ad unlinked
# what a banner's box holds besides its creative: its link, a picture's sources, an empty
# overlay (`<a class="linkwrap"><div class="iframe"></div><iframe …>`), inline wrappers
_BANNER_PARTS = frozenset({"a", "picture", "source", "div", "span", "p", "center", "font",
                           "br", "param", "figure"})
_BANNER_NODES = 6  # a banner's box: its creative and a few parts, read no further
_BANNER_LEVELS = 3  # the creative, its link, a wrapper or two holding only it
_ICON_SIDE = 40  # px: a creative declaring a side this small is an icon (AdChoices'), no banner
# a site's own click counter, what its banners link through (`/baner/2453`, `/banners/click/7`,
# an ad server's `adclick.php` or OpenX's `ck.php`): an ad's link on the site's own host
_CLICK_PATH = lazy_regex(
    r"/(?:bann?ers?|adclick|ad_click|clicks?|clickthr(?:ough|u))(?:[/._?]|$)|ck\.php", re.I)


# a link to a picture file: a thumbnail's full size, where no ad links
_PICTURE_FILE = lazy_regex(r"^[^?#]*\.(?:jpe?g|png|gif|webp|avif|bmp|svg)(?:[?#]|$)", re.I)


def labelled_banners(page: ParsedPage, site: str | None, catalogue: Catalogue,
                     taken: Collection[etree._Element] = frozenset()
                     ) -> list[tuple[etree._Element, str, str]]:
    """A publisher's own ad box, labelled: an ad label's line (`labels._label_line`: a line
    of "Reklama", "Advertisement" alone; or the box's own text before the banner) right
    beside one banner, as cosmetic hits. A banner is one creative (an image, a frame, a
    plugin object) and what wraps only it (`_one_creative`); linked, its link goes to another
    site or through a click counter (`_CLICK_PATH`), not to the site's own page (a house
    promo); unlinked, it is a frame or object. Several banners beside one label (a sponsors'
    row, a box of partner logos) are no one placement: none is read. No label is a
    sponsor's credit ("Sponsored by", `_CREDIT`); no banner a link to a picture file (a
    gallery's lightbox, `_PICTURE_FILE`), or a link or frame of a vendor the catalogue
    files as no advertiser's (`_no_advertisers`: an embedded video, a post's photo, a
    social page, a counter). The hit is the banner's link, or its creative unlinked;
    `taken`: what a list or another reader took already, its parts read no further. Read
    from the page's creatives, each a few levels up."""
    if page.root is None or _LABEL_LEAD.search(page.lowered) is None:
        return []
    out: list[tuple[etree._Element, str, str]] = []
    for tag in _BANNER_MEDIA:
        for media in page.tagged(tag):
            unit = _labelled_banner(media, site)
            if unit is not None and unit not in taken and media not in taken \
                    and not _no_advertisers(unit, catalogue):
                out.append((unit, LABELLED_BANNER_RULE, INS_TAG_LIST))
    return out


def _labelled_banner(media: etree._Element, site: str | None) -> etree._Element | None:
    """The banner a creative is, when an ad label stands beside it or a wrapper holding
    only it (above): its link, or the creative unlinked."""
    if _icon_sized(media):
        return None
    node, link = media, None
    for _ in range(_BANNER_LEVELS):
        if _labelled(node):
            break
        box = node.getparent()
        if box is None or str(box.tag).lower() not in _BANNER_PARTS or not _one_creative(box):
            return None
        if str(box.tag).lower() == "a":
            if link is not None:
                return None  # a link in a link: no banner's markup
            link = box
        node = box
    else:
        return None
    if link is None:
        return media if str(media.tag).lower() in _FRAMED_MEDIA else None
    href = (link.get("href") or "").strip()
    if _PICTURE_FILE.search(href[:300]):
        return None  # a thumbnail's full size (a gallery's lightbox), no advertiser's page
    if href[:6].lower().startswith(("http", "//")):
        host = host_of("https:" + href if href.startswith("//") else href)
        if host and (site is None or is_third_party(host, site)):
            return link
    elif not site_path(href):
        return None  # `javascript:`, `mailto:`, the page itself
    return link if _CLICK_PATH.search(href[:300]) else None


# what the catalogue files a vendor as whose link shows no advertiser's banner: a social
# page or post, a counter, a consent or chat widget
_NO_ADVERTISERS = frozenset({Category.SOCIAL, Category.ANALYTICS, Category.CONSENT,
                             Category.CUSTOMER_ENGAGEMENT})
# and whose frame shows none: those, and a content vendor's player or map (a content
# vendor's link may still be an advertiser's: Amazon's product page, Google's ad click)
_NO_ADVERTISERS_FRAMED = _NO_ADVERTISERS | {Category.CONTENT}


def _no_advertisers(unit: etree._Element, catalogue: Catalogue) -> bool:
    """Whether a banner's link goes to a vendor of no advertiser (`_NO_ADVERTISERS`: an
    Instagram post, a VK group, LiveInternet's counter), or its frame, unlinked, is one's or
    a content vendor's (YouTube's player): the vendor's own entry, its network's first."""
    linked = str(unit.tag).lower() == "a"
    url = ((unit.get("href") if linked else unit.get("src")) or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    if not url[:8].lower().startswith(("http://", "https://")):
        return False
    owner = catalogue.runner_of(url, host_of(url))
    category = (owner.network.category if owner.network is not None
                else owner.entity.category if owner.entity is not None else None)
    return category in (_NO_ADVERTISERS if linked else _NO_ADVERTISERS_FRAMED)


def _icon_sized(media: etree._Element) -> bool:
    """Whether a creative declares a side an icon's (AdChoices' 15 px mark beside an "Ad"
    line): no banner."""
    return any(side is not None and side <= _ICON_SIDE for side in unit_size(media))


def _one_creative(box: etree._Element) -> bool:
    """Whether a box holds one creative and nothing else shown: no text (an image's `alt`
    is no text), no second creative, no element but a banner's parts (`_BANNER_PARTS`). At
    most `_BANNER_NODES` read."""
    nodes = list(islice(box.iter(), _BANNER_NODES + 1))
    if len(nodes) > _BANNER_NODES or (box.text or "").strip():
        return False
    creatives = 0
    for node in nodes[1:]:
        if not isinstance(node.tag, str):
            if (node.tail or "").strip():
                return False
            continue
        tag = node.tag.lower()
        if tag in _BANNER_MEDIA:
            creatives += 1
        elif tag not in _BANNER_PARTS:
            return False
        if (node.text or "").strip() or (node.tail or "").strip():
            return False
    return creatives == 1


def _labelled(node: etree._Element) -> bool:
    """Whether an ad label stands right beside a banner: the line before it (comments and
    line breaks between), or, first in its box, the box's own text before it; or the line
    after it (a caption under the ad) where that line ends its box or words follow it,
    not a box, its code or a banner (the label heading the unit after it). The other side of
    the banner holds no second banner (a row of them under one label). Its siblings read,
    one each side."""
    before, gap_before = _sibling(node, etree._Element.getprevious)
    after, gap_after = _sibling(node, etree._Element.getnext)
    parent = node.getparent()
    if before is None and not gap_before and parent is not None \
            and str(parent.tag).lower() != "a" and _label_text(parent.text or ""):
        return after is None or not _bannerish(after)
    if before is not None and not gap_before and _label_element(before):
        return after is None or not _bannerish(after)
    if after is not None and not gap_after and _label_element(after) \
            and (before is None or not _bannerish(before)):
        beyond, words_between = _sibling(after, etree._Element.getnext)
        return beyond is None or words_between or (
            not _bannerish(beyond) and _shows_words(beyond))
    return False


_CODE_TAGS = frozenset({"script", "style", "noscript", "template"})  # their text is no words
_WORDS_NODES = 40  # what follows a caption, read as far as its first words


def _shows_words(el: etree._Element) -> bool:
    """Whether an element shows words (a story's paragraph after a caption), not an empty
    box or the code an ad's label heads. At most `_WORDS_NODES` nodes read."""
    for node in islice(el.iter(), _WORDS_NODES):
        if node is not el and (node.tail or "").strip():
            return True
        if isinstance(node.tag, str) and node.tag.lower() not in _CODE_TAGS \
                and (node.text or "").strip():
            return True
    return False


def _sibling(node: etree._Element, step: Callable[[etree._Element], etree._Element | None]
             ) -> tuple[etree._Element | None, bool]:
    """The element beside one, past comments and line breaks, and whether text stands
    between them."""
    gap = bool((node.tail or "").strip()) if step is etree._Element.getnext else False
    sib = step(node)
    while sib is not None and (not isinstance(sib.tag, str) or str(sib.tag).lower() == "br"):
        gap = gap or bool((sib.tail or "").strip())
        sib = step(sib)
    if sib is not None and step is etree._Element.getprevious:
        gap = gap or bool((sib.tail or "").strip())
    return sib, gap


def _label_element(el: etree._Element) -> bool:
    """Whether an element is an ad label's line (`labels._label_line`) and no link of its
    own (a menu's "Ads" item beside its next), nor a sponsor's credit (`_CREDIT`)."""
    return str(el.tag).lower() not in ("a", "li", "option", "button") and _label_line(el) \
        and _CREDIT.search(_words(el)) is None


def _label_text(text: str) -> bool:
    """Whether a box's own text before its banner is an ad label and nothing more."""
    words = " ".join(text.split())
    return bool(words) and len(words) <= _LABEL_CHARS and AD_LABEL.fullmatch(words) is not None \
        and _CREDIT.search(words) is None


# a sponsor's credit ("Sponsored by", "Presented by", "Brought to you by"), the ad labels
# naming who paid: over a logo it credits a sponsorship (a section's, an event's), no banner
_CREDIT = lazy_regex(r"(?:presented|sponsored|supported|brought\s+to\s+you|paid\s+for)\s+by\b",
                     re.I)


def _bannerish(el: etree._Element) -> bool:
    """Whether an element is a creative, or a box holding one alone: a second banner."""
    return str(el.tag).lower() in _BANNER_MEDIA or _one_creative(el)


# a site's ad call handed the id of the box its script stands in: `TagProvider.displayAd(
# '2127_1593')` in `<div id="2127_1593">`, a verb then `Ad` (or `_ad`), the id quoted first
_AD_CALL = lazy_regex(
    r"""\b(?:display|show|render|load|write|fill|insert|place|put)(?:Ad|_ad)\s*\(\s*"""
    r"""['"]([\w.:-]{1,200})['"]""")
# what every `_AD_CALL` holds, searched first: that pattern, led by `\b` and its verbs, is
# tried at each position of a script; these, each led by its literal, where it stands (one
# pattern led by their alternation was tried at each `A` and `_`: 2.2 -> 0.3 ms over the corpus)
_AD_CALL_CLOSE = (lazy_regex(r"""Ad\s*\(\s*['"]"""), lazy_regex(r"""_ad\s*\(\s*['"]"""))
AD_CALL_RULE = "script: <verb>Ad('<its box id>')"
# what an article's body holds, and a box an ad fills does not: an ad call handed the id of
# a box of paragraphs (`<article id="story-body"><p>…<script>InContent.insertAd('story-body')`)
# inserts its ads among them, the story no placement
_PROSE = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
                    "blockquote", "figure", "pre", "article", "section"})
# and what a form holds: a classifieds site's "place an ad" form its script sets up by the
# form's id (`<form id="place-ad"><script>Classifieds.placeAd('place-ad')`) shows no ad
_FORM = frozenset({"form", "input", "select", "textarea", "button", "label", "fieldset"})
_AD_CALL_TEXT = 40  # characters of a box's own text (its label's, "Advertisement", is less)
_STORY_PARAGRAPHS = 2  # paragraphs one box down that make it a story's (an ad's, one at most)


def ad_call_boxes(page: ParsedPage) -> list[tuple[etree._Element, str, str]]:
    """The boxes a script inside them fills with an ad by their own id (`ad call`: the
    site's ad code, no vendor's tag), as cosmetic hits; a call naming another element, or
    a function of another verb, is no placement, nor is a box of a story's paragraphs an
    inserter puts its ads among, nor a form (`_holds_prose`). One pass over the page's
    scripts."""
    out: list[tuple[etree._Element, str, str]] = []
    for script in page.scripts:
        box = script.getparent()
        own = box.get("id") if box is not None else None
        if box is None or not own or str(box.tag).lower() in _LANDMARKS:
            continue
        code = script.text or ""
        if any(close.search(code) for close in _AD_CALL_CLOSE) and any(
                m.group(1) == own and not in_comment(code, m.start())
                for m in _AD_CALL.finditer(code)) and not _holds_prose(box):
            out.append((box, AD_CALL_RULE, INS_TAG_LIST))
    return out


def _holds_prose(box: etree._Element) -> bool:
    """Whether a box holds a story's text or is a form: a paragraph, heading, list or table
    of its own, a form's control, `_STORY_PARAGRAPHS` paragraphs one box down, or
    `_AD_CALL_TEXT` characters of its own text. Its children and theirs only: nested boxes
    stay linear."""
    if str(box.tag).lower() in _FORM:
        return True
    text = len("".join((box.text or "").split()))
    paragraphs = 0  # a story's body one box down (`div#article > div.article-body > p`)
    for child in box:
        if str(child.tag).lower() in _PROSE or str(child.tag).lower() in _FORM:
            return True
        paragraphs += sum(1 for inner in child if str(inner.tag).lower() == "p")
        if paragraphs >= _STORY_PARAGRAPHS:
            return True
        text += len("".join((child.tail or "").split()))
    return text >= _AD_CALL_TEXT


def _ins_unit_attr(name: str, value: str) -> bool:
    """Whether an `<ins>` attribute asks an ad server for its slot or zone: its name says
    slot or zone under no word of a page part (`_INS_PART_WORDS`), and its value is an ID,
    a number or a code with digits (`7040842893`, `PDPS0001`), not a part's name
    (`data-slot="separator"`, `data-time-zone="UTC"`), unless the name says the slot is an
    ad's (`data-ad-slot="sidebar"`, an in-house server's named slot)."""
    m = ad_attribute(name.lower(), "ins")
    if m is None or not value.strip():
        return False
    words = set(m.group(1).split("-"))
    return not _INS_PART_WORDS & words and (
        _HAS_DIGIT.search(value) is not None or bool(_AD_WORDS & words))


# A publisher's own ad box that no list names and no script on the saved page fills (a
# copy saved with its scripts stripped: `div.mps-ad[data-slot]`, `div.dfp-ads#div-top-1`,
# `div[data-adloader-size="300x250"]`): a box whose class, id or `data-` attribute names an
# ad by a word of its own (`_AD_NAME_WORDS`, camelCase split: `trb_gptAd`), under no word
# of the ad's furniture (`_NOT_A_BOX_WORDS`: its label, its AdChoices notice, an ad-free
# offer), empty but for an ad label, and configured for its ad code: an id or `data-`
# attribute of its own or of the empty box inside it the code fills, or a declared size.
# A theme's bare `div.ad-wrapper` carries nothing its code could fill, and is no slot here.
AD_BOX_LIST = INS_TAG_LIST
AD_BOX_RULE = "[ad-named box, empty, with id or data-*]"
_AD_BOX_TAGS = ("div", "aside", "section")
_AD_BOX_NODES = 4  # the box and what an unfilled one holds: the div its code fills, a label
# what an unfilled box may not hold: content, or an ad already there (other passes read it)
_FILLED_BY = frozenset({"a", "img", "picture", "svg", "iframe", "frame", "ins", "object",
                        "embed", "video", "canvas", "form", "input", "button", "script",
                        "noscript", "p", "ul", "ol", "table", "article"})


def _configured(el: etree._Element) -> bool:
    """Whether an element carries what ad code fills it by: an id, a `data-` attribute or a
    declared size (a class naming a format is the theme's style, no handle)."""
    return any(str(k) == "id" or str(k).lower().startswith("data-") for k in el.attrib) \
        or unit_size(el) != (None, None)


def _hides_boxes(el: etree._Element) -> bool:
    """Whether an element's `hidden` attribute or inline style hides the boxes in it: not
    a zero font (it hides text: a row's `font-size:0` closing the gaps between its
    inline-block boxes), nor the page's `<html>` or `<body>` style (a theme's fade-in, an
    anti-flicker snippet, hiding the page a moment until a script shows it)."""
    how = inline_hiding(el)
    if how is None or how == ZERO_FONT:
        return False
    return how == "hidden attribute" or str(el.tag).lower() not in ("html", "body")


class _HiddenAbove:
    """Whether an element or any of its holders hides itself by its `hidden` attribute or
    inline style, or is a `<template>`: a box its page hides (a rollover until hovered, the
    ad row a subscriber's copy hides, however deep the box sits in it) or one a script
    clones from a template, which shows nothing itself (`_hides_boxes`: not a zero font,
    nor a page root's passing style). Each element's answer is kept, so the boxes of a page
    are read with each of its elements climbed once."""

    def __init__(self) -> None:
        self._memo: dict[etree._Element, bool] = {}

    def __call__(self, el: etree._Element) -> bool:
        path: list[etree._Element] = []
        node: etree._Element | None = el
        hidden = False
        while node is not None:
            if node in self._memo:
                hidden = self._memo[node]
                break
            path.append(node)
            node = node.getparent()
        for up in reversed(path):  # from the top down: hidden below a hidden holder
            hidden = hidden or up.tag == "template" or _hides_boxes(up)
            self._memo[up] = hidden
        return hidden


_BAIT_SIDE = 2  # px: a box this small is an ad blocker's bait or a pixel's, no placement


def _bait(el: etree._Element) -> bool:
    """Whether a box declares itself a pixel, in its style or attributes (`width:1px`) or
    its class (`ad-1x1`): an ad blocker's bait or an out-of-page pixel, nothing shown."""
    sides = [side for side in unit_size(el) if side is not None]
    sides += [int(side) for c in (el.get("class") or "").split()
              for m in _SIZE_TEXT.finditer(c) for side in m.groups()]
    return any(side <= _BAIT_SIDE for side in sides)


def _unfilled_ad_box(el: etree._Element) -> bool:
    """Whether a box named an ad's is one its code has not filled yet (above): it and the
    few elements it holds carry no text but an ad label and nothing a page or an ad shows,
    and it or one of them is configured for the code. At most `_AD_BOX_NODES` read."""
    nodes = [n for n in islice(el.iter(), _AD_BOX_NODES + 1) if isinstance(n.tag, str)]
    if len(nodes) > _AD_BOX_NODES or (el.text or "").strip() \
            or any((n.tail or "").strip() for n in nodes[1:] if n.getparent() is el):
        return False
    if any(str(n.tag).lower() in _FILLED_BY for n in nodes) or _bait(el):
        return False  # a pixel's
    text = _words(el)
    if text and (len(text) > _LABEL_CHARS or AD_LABEL.fullmatch(text) is None):
        return False
    return any(_configured(n) for n in nodes)


_BESIDE_LEVELS = 3  # a unit beside a box: in its wrapper, or a fallback's `noscript > a > img`


def _names_a_vendor(el: etree._Element, catalogue: Catalogue, running: frozenset[str]
                    ) -> bool:
    """Whether a box's id or class names an ad network by its word in markup
    (`div#rail__sharethrough`) that the page runs no code of: the site's box for that
    vendor's unit, its code stripped from the copy (where the code runs, its own forms find
    its units, and a box named after it is their anchor or wrapper: `div#outbrain_aside`).
    Not a script's hook (`js-outbrain-anchor`), nor under a word of the ad's furniture
    (`#teads-consent`)."""
    network = catalogue.named_in_markup(el)
    if network is None or network.category is not Category.ADVERTISING \
            or network.name in running:
        return False
    names = markup_names(el).split()
    named = [n for n in names if any(w in n for w in network.markup_words)]
    return not all(n.startswith(("js-", "js_")) for n in named) \
        and not any(_name_words(name) & _NOT_A_BOX_WORDS for name in names)


def ad_named_boxes(page: ParsedPage, units: set[etree._Element], catalogue: Catalogue,
                   running: frozenset[str] = frozenset(),
                   listed: frozenset[etree._Element] = frozenset()
                   ) -> list[tuple[etree._Element, str, str]]:
    """The page's unfilled ad boxes named by their own markup (above), as cosmetic hits;
    or by the word of an ad network the page does not run (`_names_a_vendor`, `running`:
    the networks whose code it runs); of boxes nested in one another the innermost, one
    placement. `units`: the elements
    already a slot or hidden by a list; a box inside one, or beside one in its wrapper
    (the div a tag's script fills, beside the tag's `<noscript>` banner), is that unit's
    placement, not a second; a box inside an element a list hides and no reader took
    (`listed`: `section.lead-ads` round two such boxes) is read still, and the hidden
    element's reading (`cosmetic_slots`: a band of units, or a holder of one) decides
    which is the placement. One pass over the page's divs, asides and sections, each read
    a few nodes deep, and each unit's few ancestors."""
    if page.root is None:
        return []
    hidden = _HiddenAbove()
    classes: dict[str, bool] = {}
    found = [el for tag in _AD_BOX_TAGS for el in page.tagged(tag)
             if (_names_an_ad(el, classes) or _names_a_vendor(el, catalogue, running))
             and _unfilled_ad_box(el) and not hidden(el) and not _points_at_code(el, page)]
    boxes = set(found)
    # a box holding another holds at most `_AD_BOX_NODES` elements: that many levels up
    holders = {up for el in found for up in islice(el.iterancestors(), _AD_BOX_NODES)
               if up in boxes}
    near = {wrapper for unit in units if (wrapper := _wrapper(unit)) is not None}
    near |= {sib for unit in units for sib in _elements_beside(unit)}
    inside = _NearestAbove(units - listed)
    # (a box whose listed holder stands beside another unit is still the holder's to read)
    return [(el, AD_BOX_RULE, AD_BOX_LIST) for el in found if el not in holders
            and el not in near and (el.getparent() not in near or el.getparent() in listed)
            and inside(el) is None]


def _points_at_code(el: etree._Element, page: ParsedPage) -> bool:
    """Whether a box names, in a `data-` attribute, a div the page's code makes and quotes
    (`data-ad-div="div-gpt-ad-data"` beside `defineSlot(…, 'div-gpt-ad-data')`): the
    code's unit, which the script passes place at the code that defines it."""
    values = [str(v).strip() for k, v in el.attrib.items() if str(k).startswith("data-")]
    if not values:
        return False
    quoted = _quoted_names(page)
    return any(v in quoted and page.with_id(v) is None for v in values)


def _elements_beside(el: etree._Element) -> list[etree._Element]:
    """The elements right before and after one (comments between passed over): the div a
    tag's script fills beside that script (`<div id="inread"></div><script>render("inread")`)."""
    out: list[etree._Element] = []
    for step in (etree._Element.getprevious, etree._Element.getnext):
        sib = step(el)
        while sib is not None and not isinstance(sib.tag, str):
            sib = step(sib)
        if sib is not None:
            out.append(sib)
    return out


_TAG_WRAPPERS = frozenset({"noscript", "a", "span", "center", "p"})


def _wrapper(unit: etree._Element) -> etree._Element | None:
    """The box a unit sits in, past the inline elements of its own tag (the `noscript`
    and link round a tag's fallback banner), at most `_BESIDE_LEVELS` up: a box of the
    tag's few parts (its div, script and fallback), not a column or article of many."""
    for up in islice(unit.iterancestors(), _BESIDE_LEVELS):
        if str(up.tag).lower() not in _TAG_WRAPPERS:
            # counted no further than the bound: `len` counts every child, and the units
            # of one long column (thousands of siblings) would each count them all
            few = sum(1 for _ in islice(up.iterchildren(), _AD_BOX_NODES + 2))
            return up if few <= _AD_BOX_NODES + 1 else None
    return None
