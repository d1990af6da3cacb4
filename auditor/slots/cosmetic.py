"""Slots from the elements cosmetic (`##`) rules hide: which hidden elements are
placements, and which are a site's own links, follow boxes, labels or the page's frame."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import islice
from urllib.parse import urlsplit

from lxml import etree

from auditor.ad_names import ad_attribute
from auditor.catalogue import Catalogue, Network
from auditor.dom.hiding import declared_size, unit_attribute_size, unit_size
from auditor.dom.inline_js import is_code_type
from auditor.dom.page import ParsedPage
from auditor.lazy_re import lazy_regex
from auditor.model import Category
from auditor.needles import script_needles
from auditor.slots.boxes import _code_words, adsense_own_unfilled
from auditor.slots.branches import PREBID
from auditor.slots.found import (
    _LANDMARKS,
    _NOT_SHOWN,
    FoundSlot,
    _holds_text,
    _is_inside,
    _NearestAbove,
    _own_chars,
    _words,
)
from auditor.slots.labels import _SALES_PATH, _box_before_label, _empty_unit_box, _label_beside
from auditor.slots.markup import INS_TAG_RULE
from auditor.urls import host_of, is_third_party, site_path

_LANDMARK_TEXT = 80  # characters of text outside scripts, styles and templates
_SHOWS_ADS = frozenset({"iframe", "frame", "ins", "object", "embed", "video", "canvas"})
# schema.org's WPAdBlock, which the page's markup declares an ad block with: a theme that
# types a block of the page's own text so (its wrapper round the article) is the page's,
# as a landmark is
_DECLARED_AD = "schema.org/WPAdBlock"


def _page_landmarks(hits: Sequence[tuple[etree._Element, str, str]],
                    advertising: frozenset[etree._Element]) -> set[etree._Element]:
    """The landmarks (and declared ad blocks) among the hits that are the page's own
    (above); `advertising`: the elements whose requests show ads. One walk of each
    document counts text and what shows ads as running totals, so a landmark's own are
    the totals' growth between its start and end tags (a count per landmark was
    quadratic in nested ones); no text inside a script, style, noscript, template or
    text area counts, however deep."""
    candidates = {el for el, rule, _ in hits if rule.startswith("##") and (
        el.tag in _LANDMARKS or _DECLARED_AD in rule)}
    out: set[etree._Element] = set()
    for root in {el.getroottree().getroot() for el in candidates}:
        text = shows = hidden = 0
        opened: dict[etree._Element, tuple[int, int]] = {}
        for event, node in etree.iterwalk(root, events=("start", "end")):
            if event == "start":
                if node in candidates:
                    opened[node] = (text, shows)
                if node.tag in _SHOWS_ADS or node in advertising:
                    shows += 1
                if node.tag in _NOT_SHOWN:
                    hidden += 1
                elif not hidden:
                    text += _own_chars(node)  # a comment's tail counted at its parent's start
                continue
            if node.tag in _NOT_SHOWN:
                hidden -= 1
            if node in opened:
                text_before, shows_before = opened.pop(node)
                if text - text_before >= _LANDMARK_TEXT and shows == shows_before:
                    out.add(node)
            if not hidden:
                text += len("".join((node.tail or "").split()))
    return out


# A class that names an ad's size or format (IAB's names, `300x250`): a box so named is a
# placement the site's ad code sizes, even when nothing on the saved page fills it
_SIZE_NAMED = lazy_regex(r"\d{1,4}x\d{1,4}|leaderboard|billboard|skyscraper|rectangle"
                         r"|fullbanner|superbanner|halfpage|mpu", re.I)
# attributes a theme's bare wrapper carries; any other (an id a script fills, a vendor's
# `data-*`, a size) says something on the page means to fill the box
_BARE_ATTRS = frozenset({"class", "style"})


def _empty_placeholder(el: etree._Element, page: ParsedPage) -> bool:
    """Whether a hidden box is a theme's empty ad wrapper, left empty because the theme had
    no ad to put in it (JNews' `div.ads-wrapper`): it holds nothing (no element, no text),
    carries nothing but a class (and a style declaring no size), no class names a size,
    the element after it is no script that runs (`currentScript.previousSibling` fills it;
    a data block, `<script type="text/json">`, fills nothing), and the
    page's own code never names its classes. A labelled empty slot always has one of those:
    an id a script fills (`#ad_mpu`), a vendor's attributes (`data-adunit`), a size-named
    class (`adSkyscraper`), or a class the page's app state names (`adInContent`). A page
    with no script at all (a copy saved with its scripts stripped) says nothing either way:
    its empty boxes stay the placements they were."""
    if len(el) or (el.text or "").strip() or set(el.attrib) - _BARE_ATTRS \
            or unit_size(el) != (None, None) or not page.tagged("script"):
        return False
    classes = (el.get("class") or "").split()
    if not classes or any(_SIZE_NAMED.search(c) for c in classes):
        return False
    after = el.getnext()
    while after is not None and not isinstance(after.tag, str):  # a comment
        after = after.getnext()
    if after is not None and str(after.tag).lower() == "script" \
            and is_code_type(after.get("type") or ""):
        return False  # (a data block after it, `type="text/json"`, runs no code)
    words = _code_words(page)
    return not any(c in words for c in classes)


_TWIN_LEVELS = 2  # a known unit's boxes read for the classes its breakpoint twin shares


def cosmetic_slots(
    hits: Sequence[tuple[etree._Element, str, str]],
    existing: list[FoundSlot],
    network_of: dict[etree._Element, Network],
    catalogue: Catalogue,
    advertising: frozenset[etree._Element],
    page: ParsedPage,
    first_party: str | None = None,
) -> list[FoundSlot]:
    """Elements hidden by `##` rules that are not already a known slot (or its wrapper),
    nor a landmark a generic rule hides (`_LANDMARKS`), nor an empty box no network, id,
    attribute, size or code of the page names (`_empty_placeholder`); `advertising`: the
    elements whose requests show ads (`resources.advertising_elements`); `first_party`: the
    page's site, which tells its ad-sales link from an ad (`_about_advertising`).

    `network_of` maps elements that load a network's resources, so a hidden wrapper
    around a network's loader is attributed to it; failing that, a vendor's word opening
    the element's id or a class names it (`app_nexus_banners_common`: Xandr).
    """
    known = {s.element for s in existing}
    placed = {e for s in existing for e in s.extra_elements}  # a placeholder beside its unit
    own = _page_landmarks(hits, advertising)
    hits = [hit for hit in hits if hit[0] not in own]
    hit_elements = {el for el, _, _ in hits}
    bands = _bands(hit_elements, network_of, catalogue)
    # a hidden column round a slot we know is no slot itself (below); the vendors' units
    # it holds besides (`aside.ad-column` round two `div.dfp-ad` and a ZergNet widget) are
    # placements of their own, its other hidden boxes (a label) are not
    columns = hit_elements & _ancestors(known)
    holders = hit_elements - bands - columns  # a band's units are slots of their own
    # a known unit's parent, or the unit itself: the networks of the units there, each
    # with the zones they show
    beside: dict[etree._Element, dict[str, set[str | None]]] = {}
    for slot in existing:
        if slot.network is not None and (parent := slot.element.getparent()) is not None:
            for at in (parent, slot.element):
                beside.setdefault(at, {}).setdefault(slot.network.name, set()).add(slot.zone_id)
    # what an ad label may sit beside: a hidden box, a slot we know, or the box a known
    # slot renders in (`span.ad-label` beside `div#supported-by-ad` round GPT's container)
    wrappers = _near_wrappers(known) - hit_elements - known
    units = hit_elements | known | wrappers
    # … and, for a bare label (no id, data- attribute or size of its own), the layout boxes
    # a few levels round a known unit (`p.ad-notice-small` over `div.before-article-ad >
    # div.sponsor > center > div#div-gpt-ad-…`)
    layout = _near_wrappers(known, _LAYOUT_LEVELS) - hit_elements - known
    # each hit's nearest known slot above it, and nearest hidden holder or column (one
    # walk: a column's ancestors that are hidden are columns too, so no holder swallows one
    # from further up); each asks its ancestors once a page, not once a hit, so hidden
    # boxes a thousand levels deep are read in linear time
    known_above, outer_above = _NearestAbove(known), _NearestAbove(holders | columns)
    signed = [n for n in catalogue.signed_with(script_needles(page, catalogue))
              if _serves_units(n)]
    # the classes of the known units each column holds: an empty box sharing one is that
    # unit's other breakpoint (`div.displayAd#header_mobile320x50_frame` beside the known
    # `div.displayAd#header728x90_frame`), the same placement
    # `_TWIN_LEVELS` up: the unit's own box (`div.ad-slot#rail-desktop` round AdSense's
    # `<ins>`) has the twin's class (`div.ad-slot#rail-mobile`), and where that box is a
    # hidden column itself, the twin's column is the one round it
    column_classes: dict[etree._Element, set[str]] = {}
    for unit in known:
        column = outer_above(unit)
        if column not in columns:
            continue
        classes = set((unit.get("class") or "").split())
        for level, box in enumerate(unit.iterancestors()):
            if box is column or level >= _TWIN_LEVELS:
                break
            classes.update((box.get("class") or "").split())
        column_classes.setdefault(column, set()).update(classes)
        if (around := outer_above(column)) in columns:
            column_classes.setdefault(around, set()).update(
                classes, (column.get("class") or "").split())
    out: list[FoundSlot] = []
    labelled: set[etree._Element] = set()  # the empty boxes a caption under them gave
    for el, rule, list_name in hits:
        if adsense_own_unfilled(el):
            continue  # an element AdSense's loader wrote for itself, showing no ad
        about = _about_advertising(el, first_party, catalogue)
        linked = _ad_link_network(about, catalogue) if about is not None else None
        if about is not None and linked is None:
            continue  # the site's link to its AdChoices notice or ad sales: no placement
        if el in known or el in placed or el in bands or el in columns \
                or known_above(el) is not None or _vendor_link_beside(el, beside, catalogue):
            continue  # a column: a wrapper around a slot we already know, same placement
        outer = outer_above(el)  # the nearest hidden holder or column round it
        if outer in holders:
            continue
        if outer is not None and rule != INS_TAG_RULE and (_holds_text(el, 1) or (
                el not in network_of and catalogue.named_in_markup(el) is None
                and _named_inside(el, hit_elements, catalogue) is None
                and not (str(el.tag).lower() == "div" and _empty_unit_box(el)
                         and not column_classes.get(outer, set()).intersection(
                             (el.get("class") or "").split())))):
            # a column's label or frame, not a vendor's empty unit (or its wrapper); an ad
            # server's <ins> tag is such a unit by its own shape, whoever serves it, and so
            # is a div the site's ad code fills by its id, empty (`div.ad-container
            # #content-cards-rail` beside a widget in a hidden rail; a frame is no such box,
            # nor a known unit's twin of another breakpoint, `column_classes`)
            continue
        if _fallback_after(el, known):
            continue  # the tag's script half: its noscript twin after it is the placement
        if _fallback_of_script(el, known):
            continue  # the noscript half of a tag whose script is the placement
        if _label_beside(el, units, advertising, wrappers, layout):
            continue  # the "Advertisement" line over a unit: the unit is the placement
        captioned = _box_before_label(el, advertising)
        if captioned is not None:
            if captioned in known or captioned in placed or captioned in labelled:
                continue  # the box is a placement already, this its caption
            labelled.add(captioned)
            el = captioned  # the caption under an empty unit: the unit is the placement
        network = network_of.get(el) or next(
            (network_of[d] for d in el.iterdescendants() if d in network_of), None
        ) or catalogue.named_in_markup(el) or _named_inside(el, hit_elements, catalogue) \
            or _ad_link_network(el, catalogue) or linked or _widget_named(el, catalogue) \
            or (_loader_after(el, network_of) if rule == INS_TAG_RULE else None) \
            or _tag_configured_in(el, signed)
        if network is not None and _share_box(el, network, network_of, advertising):
            continue  # a share tool's buttons a site's rule hides: no ad placement
        if network is None and _empty_placeholder(el, page):
            continue  # a theme's wrapper left empty: no vendor, no size, nothing fills it
        if network is None and _id_taken(el, page):
            continue  # the code filling a box by its id fills the first box of that id
        if network is None and _follow_box(el, first_party, catalogue):
            continue  # the site's follow-us links in a box a generic rule's class hides
        if network is None and _own_text_link(el, rule, first_party):
            continue  # a link of the site's own a rule hides by its address's shape
        width, height = unit_size(el)
        zone = _link_zone(about if about is not None else el, network) if network else None
        out.append(FoundSlot(el, network, rule, list_name, width=width, height=height,
                             zone_id=zone,
                             id_kind=_link_zone_kind(network) if network and zone else None))
    return out


def _id_taken(el: etree._Element, page: ParsedPage) -> bool:
    """Whether an empty box's id is an earlier element's: the code that fills a box by its
    id (`getElementById`) fills that first one, and this one stays empty (a theme's second
    `div.adunit#Badge1` after the list of badges that holds the first). A box configured
    otherwise than the first (`data-position="articleBottom"` under the id of the
    `data-position="rightside"` box above: a CMS template pasted twice) is a unit of its
    own: the code telling them apart reads that configuration, not the id. What the first
    box has beyond this one's is no other configuration: the code filling it marks it so
    (GPT's `data-google-query-id`, a lazy loader's `data-loaded` in a DOM save)."""
    own = el.get("id")
    if not own or len(el) or (el.text or "").strip():
        return False
    first = page.with_id(own)
    return (first is not None and first is not el
            and _data_of(el).items() <= _data_of(first).items())


def _data_of(el: etree._Element) -> dict[str, str]:
    """An element's `data-` attributes: the configuration its ad code reads."""
    return {str(k).lower(): str(v) for k, v in el.attrib.items()
            if str(k).lower().startswith("data-")}


def _loader_after(el: etree._Element, network_of: dict[etree._Element, Network]
                  ) -> Network | None:
    """The ad network whose loader is the element right after an `<ins>` tag (comments
    and blank text between them): the server's tag as its code pastes it, the tag then
    its script (`ins.mrg-tag` then myTarget's ads-async.js)."""
    after = el.getnext()
    while after is not None and not isinstance(after.tag, str):  # a comment
        after = after.getnext()
    if after is None or (el.tail or "").strip():
        return None
    network = network_of.get(after)
    return network if network is not None and network.shows_ads else None


def _serves_units(network: Network) -> bool:
    """Whether a network's own tag fills the box its script stands in: an ad network's, not
    an analytics snippet's (`gtag('config', …)`, Matomo's `_paq`), nor a header bidder's,
    which asks for bids the ad server's tag shows (Prebid.js's `pbjs.que`, Amazon's
    `apstag.init`, a real-time-config vendor of AMP's)."""
    return (network.shows_ads and network.category is Category.ADVERTISING
            and network.name != PREBID and not (network.amp_rtc and not network.amp))


def _tag_configured_in(el: etree._Element, signed: Sequence[Network]) -> Network | None:
    """The ad network whose tag a script of the hidden box's own configures (its inline
    signature): a box holding Rubicon's oz globals (`<div class="ad"><script>oz_api = …;
    oz_site = …;`) is Rubicon's unit though a site helper builds the loader elsewhere.
    Only the box's children are read: a page of nested boxes stays linear."""
    if not signed:
        return None
    for child in el:
        if child.tag == "script" and not child.get("src") and child.text:
            found = next((n for n in signed if n.configured_in(child.text)), None)
            if found is not None:
                return found
    return None


def _ad_link_network(el: etree._Element, catalogue: Catalogue) -> Network | None:
    """The advertising network a hidden link itself points at: a list hides A-ADS' "Advertise
    here" link (`##[href^="https://aads.com/campaigns/"]`) wherever the site put it, and the
    link names whose it is. Only a link (`<a href>`) to a network that shows ads."""
    if str(el.tag).lower() != "a":
        return None
    href = el.get("href") or ""
    network = catalogue.network_for(href, host_of(href)) if href.startswith(
        ("http://", "https://", "//")) else None
    return network if network is not None and network.category is Category.ADVERTISING \
        and network.shows_ads else None


def _vendor_link_beside(el: etree._Element,
                       beside: dict[etree._Element, dict[str, set[str | None]]],
                       catalogue: Catalogue) -> bool:
    """Whether a hidden link is its vendor's own, written beside its unit: A-ADS's ad unit
    code puts an "Advertise here" link to aads.com under its frame, both in one wrapper (or
    a site moves it right after the wrapper). A list hides both; they are one placement,
    the unit. A link naming another unit than those beside it (its `source_id`) is that
    unit's, left where a site pasted it: a placement of its own. `beside`: the networks of
    the known units, by each unit and its parent, with their zones."""
    if str(el.tag).lower() != "a":
        return False
    parent, before = el.getparent(), el.getprevious()
    while before is not None and not isinstance(before.tag, str):  # a comment
        before = before.getprevious()
    href = el.get("href") or ""
    network = catalogue.network_for(href, host_of(href))
    if network is None:
        return False
    zones = (beside.get(parent, {}).get(network.name, set()) if parent is not None else set()
             ) | (beside.get(before, {}).get(network.name, set()) if before is not None else set())
    if not zones:
        return False
    link_zone = _link_zone(el, network)
    return link_zone is None or None in zones or link_zone in zones


def _link_zone(link: etree._Element, network: Network) -> str | None:
    """The unit a network's own link names (A-ADS' `…/campaigns/new/?source_id=<unit>`):
    the first of the network's URL ID patterns of its slots' kind that reads the href."""
    href = link.get("href") or "" if str(link.tag).lower() == "a" else ""
    kind = _link_zone_kind(network)
    if not href or kind is None:
        return None
    return next((m.group(1) for spec in network.ids if spec.where == "url" and spec.kind == kind
                 and (m := spec.pattern.search(href)) is not None), None)


def _link_zone_kind(network: Network) -> str | None:
    """The ID kind a network's slots carry: what its own link's unit is read as."""
    return next((s.id_kind for s in network.slots if s.id_kind), None)


# A link about the site's advertising, not an ad: the AdChoices notice the industry's
# self-regulation program has sites link to (`<a class="ad_choices" href="…/privacy#…">Ad
# Choices</a>`) and the site's ad-sales link (`<a class="advertise-link">Advertise With
# Us</a>`), which generic rules (`##.ad_choices`, `##.advertise-link`) hide by their class.
_ABOUT_ADS_TEXT = lazy_regex(
    r"(?:ad\s?choices|advertise(?:\s+(?:with|on)\s+us|\s+here)?|advertising"
    r"(?:\s+(?:info|information|opportunities))?|media\s+kit)", re.I)
# "Advertise with <the site's name>" is its ad-sales link where the link stays on the site
# (or goes to an ad network, whose own link it is); off the site those words are an ad's
# own copy ("Advertise with confidence today", a direct-sold text ad to its sponsor)
_ADVERTISE_WITH = lazy_regex(r"advertise\s+(?:with|on)(?:\s+\S+){1,3}", re.I)
# an ad network's own link under its unit ("Advertise here" to aads.com); the same words on
# a box of the site's own are its unsold spot's filler, the placement still
_ADVERTISE_HERE = lazy_regex(r"advertise\s+here", re.I)
_ABOUT_ADS_TEXT_MAX = 40
_ABOUT_ADS_NODES = 8  # a link, its wrapper and an icon or two
_SHOWS_MEDIA = frozenset({"img", "picture", "svg", "iframe", "frame", "ins", "object",
                          "embed", "video", "canvas", "script"})


def _about_advertising(el: etree._Element, first_party: str | None,
                       catalogue: Catalogue) -> etree._Element | None:
    """The link, when a hidden element is only a link about advertising
    (`_ABOUT_ADS_TEXT`, or `_ADVERTISE_WITH` on a link that stays on the page's site or
    goes to an ad network; "Advertise here" only on a network's link, `_ADVERTISE_HERE`):
    its text, all of it in a link, names it, and it holds nothing
    an ad shows in (an image, a frame, a script). The caller asks where the link points (a
    wrapper round a network's own "Advertise with …" link is that network's, as the bare
    link is). A few elements at most: the walk stops there, so nested hidden boxes are not
    each read to their ends. `first_party`: the page's site, None when unknown (any link
    may then be the site's)."""
    nodes = list(islice(el.iter(), _ABOUT_ADS_NODES + 1))
    if len(nodes) > _ABOUT_ADS_NODES or any(
            str(n.tag).lower() in _SHOWS_MEDIA for n in nodes if isinstance(n.tag, str)):
        return None
    text = _words(el)
    if len(text) > _ABOUT_ADS_TEXT_MAX:
        return None
    if _own_sales_link(el, text, first_party):
        return el
    fixed = _ABOUT_ADS_TEXT.fullmatch(text) is not None
    if not fixed and not _ADVERTISE_WITH.fullmatch(text):
        return None
    link = next((n for n in nodes if n.tag == "a" and n.get("href") is not None), None)
    if link is None or _words(link) != text:
        return None
    if _ADVERTISE_HERE.fullmatch(text):
        return link if _ad_link_network(link, catalogue) is not None else None
    if fixed or first_party is None:
        return link
    href = link.get("href") or ""
    host = host_of(href)
    return link if not host or not is_third_party(host, first_party) \
        or _sales_site(href, host, text) \
        or _ad_link_network(link, catalogue) is not None else None
_NAME_WORD = lazy_regex(r"[a-z0-9]{4,}")


def _own_sales_link(el: etree._Element, text: str, first_party: str | None) -> bool:
    """Whether a hidden element is itself a bare link (no size of its own, nothing an ad
    shows in: the caller asked) that stays on the page's site and goes to its ad-sales
    page (`_SALES_PATH`: `/advertise`, Vietnamese sites' `/lien-he-quang-cao`), whatever
    its words: the header's "Liên hệ quảng cáo" or the sales desk's phone number, which a
    generic rule hides by its class (`##.box_ad`). An unsold spot's filler ("Advertise
    here" in a box of the ad's size) is the placement still: a box round its link, or
    the words `_ADVERTISE_HERE` reads."""
    if str(el.tag).lower() != "a" or not text or _ADVERTISE_HERE.fullmatch(text) \
            or any(declared_size(el)):
        return False
    href = el.get("href") or ""
    host = host_of(href)
    if host and (first_party is None or is_third_party(host, first_party)):
        return False
    if not host and href.lstrip().startswith(("//", "javascript:", "#")):
        return False
    try:
        path = urlsplit(href.strip()).path
    except ValueError:  # a malformed address
        return False
    return _SALES_PATH.search(path[:300]) is not None


def _sales_site(href: str, host: str, text: str) -> bool:
    """Whether an "Advertise with …" link off the page's site goes to the site that sells
    its ads (a group's or publisher's own): its path is an advertising page
    (`/advertising/`, `/media-kit`), or the words after "with" name the host it goes to
    ("Advertise with NewsGroup" to newsgroupmedia.example); an ad's copy names neither."""
    try:
        path = urlsplit(href).path
    except ValueError:  # a malformed address
        path = ""
    if _SALES_PATH.search(path[:300]):
        return True
    named = host.lower().replace(".", "").replace("-", "")
    return any(w in named for w in _NAME_WORD.findall(" ".join(text.lower().split()[2:])))


# A generic rule's class on the site's own "follow us" box (`div.row-ad` round its
# Twitter and Facebook links, `div.ad300` round "Follow Us": Twitter / Facebook / RSS): its
# links go to social networks' profiles or stay on the site (its feed), it shows nothing an
# ad shows in but the links' icons, and its own words are a heading at most. An ad's links
# go to its advertiser or its network, never only to a social profile.
_FOLLOW_NODES = 40  # a heading, a list of links and their icons
_FOLLOW_TEXT_MAX = 40  # characters of text outside the links ("Follow us on")
_FOLLOW_ICONS = frozenset({"img", "picture", "svg"})
# an icon's own declared area at most: a network's logo or a "Follow us" button (200x40);
# a banner's (234x60, 300x250, 728x90) is an ad's creative, whatever its link
_FOLLOW_ICON_AREA = 10_000
# a social network's link redirector or shortener: it leads anywhere (an ad's click-through
# wrapped by the network), no profile of the site
_SOCIAL_REDIRECTS = frozenset({"t.co", "l.facebook.com", "lm.facebook.com", "l.instagram.com",
                               "lnkd.in"})
# a form's own parts (a newsletter's field and button): their ids are the form's, no ad's
_FORM_PARTS = frozenset({"input", "button", "select", "textarea", "label", "option", "br",
                         "hr"})
_URL_IN_HREF = lazy_regex(r"(?:https?:)?//[^\s'\"()<>]+", re.I)


def _own_area(node: etree._Element) -> int:
    """The area an element declares itself (`declared_size`: not `unit_size`, which reads
    its wrappers' styles too), 0 when it declares no two sides; its wrappers' sizes are the
    box's, not its."""
    width, height = declared_size(node)
    return width * height if width and height else 0


def _in_link(node: etree._Element, box: etree._Element) -> bool:
    """Whether an element of a box sits inside one of the box's links."""
    for up in node.iterancestors():
        if up is box:
            return False
        if up.tag == "a":
            return True
    return False


def _follow_box(el: etree._Element, first_party: str | None, catalogue: Catalogue) -> bool:
    """Whether a hidden box is the site's own follow-us links (above): one link to a
    social network's page at least (not its redirector), every other link on the site, no
    frame, script or tag an ad shows in, images only inside its links and an icon's size,
    no empty element a script fills (an id or data- attribute, or a custom element, outside
    the links: the ad a raw save has not loaded yet). A few dozen elements at most: the
    walk stops there, so each hidden box costs a bounded read. `first_party`: the page's
    site; None leaves only relative links the site's own."""
    nodes = list(islice(el.iter(), _FOLLOW_NODES + 1))
    if len(nodes) > _FOLLOW_NODES:
        return False
    social = False
    for node in nodes:
        if not isinstance(node.tag, str):
            continue
        tag = node.tag.lower()
        if tag in _SHOWS_MEDIA and not (tag in _FOLLOW_ICONS and _in_link(node, el)):
            return False
        if tag in _FOLLOW_ICONS or tag == "a":
            if _own_area(node) >= _FOLLOW_ICON_AREA:
                return False  # a banner, no icon
        elif node is not el and tag not in _FORM_PARTS and not len(node) \
                and not (node.text or "").strip() \
                and not _in_link(node, el) and ("-" in tag or any(
                    str(k) == "id" or str(k).startswith("data-") for k in node.attrib)):
            return False  # an empty box (or custom element) a script fills: the ad unloaded
        elif node is not el and not _in_link(node, el) and any(
                ad_attribute(str(k).lower(), "unit") for k in node.attrib):
            return False  # a box an ad server's attribute names (its label inside it)
        if tag != "a":
            continue
        href = (node.get("href") or "").strip()
        if href.lower().startswith(("http://", "https://", "//")):
            hosts = [host_of(href)]
        elif href.lower().startswith("javascript:"):  # window.open('https://…')
            hosts = [host_of(u) for u in _URL_IN_HREF.findall(href[:2000])]
        else:
            hosts = []
        for host in filter(None, hosts[:8]):
            entity = catalogue.entity_for(host)
            if entity is not None and entity.category is Category.SOCIAL \
                    and host.lower() not in _SOCIAL_REDIRECTS:
                social = True
            elif first_party is None or is_third_party(host, first_party):
                return False  # a link off the site to no social network: an ad's, maybe
    if not social:
        return False
    links = sum(len(_words(a).replace(" ", "")) for a in el.iter("a"))
    return len(_words(el).replace(" ", "")) - links <= _FOLLOW_TEXT_MAX


# A rule hiding links by their address (`a[href*=".php"]`, `a[href^="/out/"]`: a site's rule
# against its sponsors' links through its own redirector) meets the site's own links of that
# shape too (efukt's menu item `<a href="/random.php">RANDOM</a>`). A link it hides that
# stays on the page's site and shows nothing an ad shows in (a text, an icon font's `<i>`)
# is a link of the site's menu or footer, no placement; a sponsor's banner through the
# redirector holds its image (or declares its size), a placement still, and a rule naming
# a class or id (`##.sponsored-link`) says ad by its own words, whatever the address
_TEXT_LINK_NODES = 8  # a link, an icon or two, a span of text
_BY_ADDRESS = lazy_regex(r"\[\s*href\s*[*^$~|]?=")
_ATTRIBUTE_TESTS = lazy_regex(r"\[[^\]]*\]")


def _own_text_link(el: etree._Element, rule: str, first_party: str | None) -> bool:
    """Whether a hidden element is a text link of the page's own site that its rule hides
    by the address alone (above): the rule's selector tests the link's `href` and names no
    class or id; the link is a path (relative, not `//host`) or goes to `first_party`'s
    site (None: only a path is the site's own). A few elements at most: the walk stops
    there."""
    if str(el.tag).lower() != "a" or any(declared_size(el)):
        return False
    selector = rule.partition("##")[2][:500]
    bare = _ATTRIBUTE_TESTS.sub("", selector)
    if not _BY_ADDRESS.search(selector) or "." in bare or "#" in bare:
        return False
    nodes = list(islice(el.iter(), _TEXT_LINK_NODES + 1))
    if len(nodes) > _TEXT_LINK_NODES or any(
            str(n.tag).lower() in _SHOWS_MEDIA for n in nodes if isinstance(n.tag, str)):
        return False
    href = (el.get("href") or "").strip()
    if href.lower().startswith(("http://", "https://", "//")):
        host = host_of(href)
        return bool(host) and first_party is not None and not is_third_party(host, first_party)
    return site_path(href)


_SHARE_SHOWS = frozenset({"iframe", "frame", "ins", "object", "embed", "video", "canvas"})


def _share_box(el: etree._Element, network: Network, network_of: dict[etree._Element, Network],
               advertising: frozenset[etree._Element]) -> bool:
    """Whether a hidden box a share tool's vendor names (a `social` network of the
    catalogue: AddThis, ShareThis) holds only that tool: its buttons, its loader, text and
    icons, and nothing an ad shows in (a frame, an `<ins>`, a loader whose requests show
    ads or an ad vendor's, an image larger than an icon). A site's own cosmetic rule
    hiding its share bar (`##.articletoolset` round AddThis's toolbox) hides no placement.
    A few dozen elements at most, as `_follow_box` reads."""
    if network.category is not Category.SOCIAL:
        return False
    nodes = list(islice(el.iter(), _FOLLOW_NODES + 1))
    if len(nodes) > _FOLLOW_NODES:
        return False
    for node in nodes:
        if not isinstance(node.tag, str):
            continue
        if node.tag.lower() in _SHARE_SHOWS:
            return False
        owner = network_of.get(node)
        if owner is not None and owner.category is Category.SOCIAL:
            continue  # the tool's own loader
        if owner is not None or node in advertising:
            return False  # another vendor's code in the bar, or an ad's: its unit, maybe
        if node.tag.lower() in _FOLLOW_ICONS and _own_area(node) >= _FOLLOW_ICON_AREA:
            return False  # a banner, no icon
    return True


def _ancestors(elements: Iterable[etree._Element]) -> set[etree._Element]:
    """Every ancestor of the elements, each walked once (a walk ends where another began)."""
    out: set[etree._Element] = set()
    for el in elements:
        parent = el.getparent()
        while parent is not None and parent not in out:
            out.add(parent)
            parent = parent.getparent()
    return out


_WRAPPER_LEVELS = 2  # a unit's box and the box round it; further up is the page's layout
_LAYOUT_LEVELS = 4  # … and the layout a bare label's unit sits in: an article's extras box


def _near_wrappers(elements: Iterable[etree._Element],
                   levels: int = _WRAPPER_LEVELS) -> set[etree._Element]:
    """The parents and grandparents of the elements (or `levels` of ancestors): the boxes a
    known slot renders in, which a label sits beside as it sits beside a hidden unit. A few
    levels a slot: linear."""
    out: set[etree._Element] = set()
    for el in elements:
        parent = el.getparent()
        for _ in range(levels):
            if parent is None:
                break
            out.add(parent)
            parent = parent.getparent()
    return out


def _named_inside(el: etree._Element, hit_elements: set[etree._Element],
                  catalogue: Catalogue) -> Network | None:
    """The vendor a hidden unit inside a hidden wrapper is named for by its id or class
    (`markup_words`): the wrapper is the placement (`<div class="topBannerAd"><div
    id="div-gpt-topBanner">`), the unit inside it says whose. Only a unit the lists hide
    too: a wrapper's other boxes (a label, a close button) name no one."""
    return next((found for d in el.iterdescendants() if d in hit_elements
                 and (found := catalogue.named_in_markup(d)) is not None), None)


_WIDGET_NODES = 200  # elements of a hidden box read for the widget it holds


def _widget_named(el: etree._Element, catalogue: Catalogue) -> Network | None:
    """The vendor a hidden box is named for by the widget it holds: an element whose id or
    class opens the vendor's `markup_words` (`<ul id="outbrain-recs">`) and a link to the
    vendor's own host (the widget's "Powered by" or "What is" disclosure) agreeing, both
    inside the box. Either alone names no one: a class is the site's to write, and a link
    to a vendor may be a story about it. The box's first `_WIDGET_NODES` elements are read."""
    named: Network | None = None
    linked: set[str] = set()
    for d in islice(el.iterdescendants(), _WIDGET_NODES):
        if not isinstance(d.tag, str):
            continue
        named = named or catalogue.named_in_markup(d)
        href = d.get("href") or "" if str(d.tag).lower() == "a" else ""
        if href.startswith(("http://", "https://", "//")) and (
                linked_to := catalogue.network_for(href, host_of(href))) is not None:
            linked.add(linked_to.name)
    return named if named is not None and named.name in linked else None


def _fallback_after(el: etree._Element, known: set[etree._Element]) -> bool:
    """Whether a hidden container holds a tag's script and the `<noscript>` right after it
    (its next element) holds a slot we know: the tag's no-JavaScript fallback written
    beside its container instead of inside it (a site's DART helper: `<div class="dc-ad">
    <script>document.write(renderAdPosition(…))</script></div><noscript>…/ad/…</noscript>`).
    A browser shows one of the two, so they are one placement, cited at the fallback that
    names the ad server and zone."""
    if next(el.iter("script", "SCRIPT"), None) is None:
        return False
    after = el.getnext()
    while after is not None and not isinstance(after.tag, str):  # a comment
        after = after.getnext()
    if after is None or str(after.tag).lower() != "noscript":
        return False
    return any(_is_inside(k, {after}) for k in known)


_FALLBACK_LEVELS = 3  # levels from a hidden link or image up to its <noscript>


def _fallback_of_script(el: etree._Element, known: set[etree._Element]) -> bool:
    """Whether a hidden element is in the `<noscript>` right after a script that is a slot we
    know: that tag's no-JavaScript fallback (GPT's passback script, then `<noscript><a
    href="https://pubads.g.doubleclick.net/gampad/jump?iu=…"><img …></a></noscript>`). A
    browser shows one of the two: one placement, the script's. A few levels up only."""
    for level, above in enumerate(el.iterancestors()):
        if level >= _FALLBACK_LEVELS:
            return False
        if str(above.tag).lower() == "noscript":
            before = above.getprevious()
            while before is not None and not isinstance(before.tag, str):  # a comment
                before = before.getprevious()
            return before is not None and str(before.tag).lower() == "script" \
                and before in known
    return False


def _bands(hit_elements: set[etree._Element], network_of: dict[etree._Element, Network],
           catalogue: Catalogue) -> set[etree._Element]:
    """The hidden elements that are a band of units, not one: each outermost hidden element
    inside it is a vendor's unit with a size of its own (a header band round a leaderboard
    and an MPU, each its own GPT div with `data-width`/`data-height`), or an empty box with
    an id of its own that the site's ad code fills (`section#adv_network` round
    `div.adunit#Leaderboard` and `div.adunit#Tile1`). Two or more such, and nothing else
    hidden in the band, make the units the placements; a wrapper round one unit, or round
    a unit and anything else (its label, a box with text), stays the one slot it was."""
    tops: dict[etree._Element, list[etree._Element]] = {}  # hit -> the hits just inside it
    above = _NearestAbove(hit_elements)
    for el in hit_elements:
        holder = above(el)
        if holder is not None:
            tops.setdefault(holder, []).append(el)
    return {el for el, units in tops.items()
            if len(units) >= 2 and (
                all(_sized_unit(u, network_of, catalogue) for u in units)
                or (all(_empty_unit_box(u) for u in units) and not _breakpoint_twins(units)
                    and not _turns(el, units)))}


# what tells one placement's breakpoint boxes apart: a device (`header-mobile-ad` beside
# `adtech-banner-ad`) or the size each shows at (`yrailTop300x250_frame` beside
# `yrailTop320x50_frame`)
_DEVICE_WORD = lazy_regex(r"mobile|desktop|tablet|phone", re.I)
_SIZE_WORD = lazy_regex(r"\d{2,4}x\d{2,4}", re.I)


# what names a rotation of one placement: a carousel's or slider's slides
_TURN_WORD = lazy_regex(r"slide|carousel|rotat|swiper|slick|ticker", re.I)


def _turns(holder: etree._Element, boxes: Sequence[etree._Element]) -> bool:
    """Whether empty unit boxes are one placement's turns in a carousel, not units of their
    own: the band or a box names a slider by its id or class (`div.ad-carousel` round
    `#slide-1`, `#slide-2`, `#slide-3`)."""
    return any(_TURN_WORD.search(f"{e.get('id') or ''} {e.get('class') or ''}")
               for e in (holder, *boxes))


def _breakpoint_twins(boxes: Sequence[etree._Element]) -> bool:
    """Whether empty unit boxes are one placement's versions per screen, not units of their
    own: an id names a device, two ids are one once their sizes are left out, or two boxes
    share the value of a `data-` attribute naming a placement (`data-cb-ad-id`,
    `data-slot`: the placement both stand for); a shared area (`data-area="sidebar"`
    round `#sidebar-ad-1` and `#sidebar-ad-2`) is where both stand, each its own."""
    ids = [(b.get("id") or "").lower() for b in boxes]
    if any(_DEVICE_WORD.search(i) for i in ids):
        return True
    if len({_SIZE_WORD.sub("", i) for i in ids}) < len(ids):
        return True
    screens = [_devices_named(b) for b in boxes]
    if all(screens) and len(set(screens)) > 1:
        return True  # `data-breakpoint="mobile"` beside `"desktop"`, `visible-xs` classes
    values = [v for b in boxes for k, v in b.attrib.items() if v and _names_placement(str(k))]
    return len(set(values)) < len(values)


# a device or a breakpoint a box is shown on, a word of its class or a `data-` value whole
# (`mobile`, `hidden-xs`, `desktop-only`, `medium_up`; not `nomobilead`, a theme's word)
# (`ad-mobile`, `desktop-ad`, `mobile-hide`: a theme's box per screen; Bootstrap 4's
# `d-md-block` beside `d-md-none`; Foundation's `hide-for-small-only`; Ad Inserter's
# `ai-viewport-1` to `-3`, its desktop, tablet and phone blocks)
_SCREEN_WORD = lazy_regex(
    r"(?:(?:visible|hidden|show|hide|only|is|ad|ads)[-_])?"
    r"(?:mobile|desktop|tablet|phone|xs|sm|md|lg|xl)"
    r"(?:[-_](?:only|up|down|ad|ads|hide|hidden|show|visible))?"
    r"|(?:small|medium|large)[-_](?:up|only|down)"
    r"|d-(?:sm|md|lg|xl|xxl)-(?:none|block|flex|inline|inline-block)"
    r"|(?:show|hide)-for-(?:small|medium|large|xlarge)(?:-only|-up|-down)?"
    r"|ai-viewport-[1-3]", re.I)


def _devices_named(box: etree._Element) -> frozenset[str]:
    """The devices and breakpoints a box's class words and `data-` values name."""
    words = (w for k, v in box.attrib.items()
             if str(k) == "class" or str(k).startswith("data-") for w in str(v).split())
    return frozenset(w.lower() for w in words if _SCREEN_WORD.fullmatch(w))


_PLACEMENT_PARTS = frozenset({"ad", "ads", "slot", "unit", "adunit", "adslot", "placement",
                              "zone", "pos", "position", "adid"})
# what names a thing by what it is called (`data-slot-name`, `data-cb-ad-id`): a placement's
# only after a placement word (`data-post-id`, `data-widget-id` name the post or widget
# every box of it carries); `data-id` alone names the box
_NAMING_PARTS = frozenset({"id", "name", "key", "code", "path"})


def _names_placement(attribute: str) -> bool:
    """Whether a `data-` attribute's name says its value is a placement's (`data-slot`,
    `data-cb-ad-id`, `data-slot-name`), not an area's or a style's (`data-area`,
    `data-theme`), nor a setting of the unit's (`data-ad-lazy`, `data-ad-size`,
    `data-ad-theme`: every unit of a theme may carry the same): the name's last word says.

    >>> _names_placement("data-cb-ad-id"), _names_placement("data-slot")
    (True, True)
    >>> _names_placement("data-area"), _names_placement("class")
    (False, False)
    >>> _names_placement("data-ad-lazy"), _names_placement("data-slot-name")
    (False, True)
    >>> _names_placement("data-post-id"), _names_placement("data-ad-id")
    (False, True)
    """
    if not attribute.startswith("data-"):
        return False
    parts = attribute.lower()[5:].split("-")
    return parts[-1] in _PLACEMENT_PARTS or parts == ["id"] or (
        parts[-1] in _NAMING_PARTS and any(p in _PLACEMENT_PARTS for p in parts[:-1]))


def _sized_unit(el: etree._Element, network_of: dict[etree._Element, Network],
                catalogue: Catalogue) -> bool:
    """A vendor's unit that declares its own size in its attributes (not its wrapper's style)."""
    width, height = unit_attribute_size(el)
    if not (width and height):
        return False
    return el in network_of or catalogue.named_in_markup(el) is not None or any(
        d in network_of for d in el.iterdescendants())
