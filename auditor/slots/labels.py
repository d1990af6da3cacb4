"""What a box's words say: a class or id that names an ad, an "Advertisement" label
printed beside a unit, a label that is an ad sales link.

Read by the folds, the markup readers and the cosmetic slots alike, so it sits below them."""

from __future__ import annotations

import re
from itertools import islice, pairwise
from urllib.parse import urlsplit

from lxml import etree

from auditor.dom.hiding import unit_size
from auditor.lazy_re import lazy_regex
from auditor.slots.found import _words

_NAME_PART = lazy_regex(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_AD_NAME_WORDS = frozenset({"ad", "ads", "advert", "adverts", "advertisement",
                            "adloader", "adunit", "adslot", "adsize", "adtype",
                            # the word in the languages `AD_LABEL` reads: French, Spanish,
                            # Italian sites' `pub` (`div.pub-container > div.srcPubZone`),
                            # German `werbung`/`anzeige`, Czech/Polish `reklama`, ...
                            "pub", "pubs", "publicite", "publicidad", "publicidade",
                            "pubblicita", "werbung", "anzeige", "anzeigen", "reklama",
                            "reklame", "reclame", "advertentie", "annons", "annonse",
                            "mainos"})
# what a class holding any of `_AD_NAME_WORDS` holds, lowered: the words no other word
# of the set is inside (`ad` for `ads` and `advert`, `pub` for `publicite`)
_AD_NAME_NEEDLES = tuple(sorted(w for w in _AD_NAME_WORDS
                                if not any(o != w and o in w for o in _AD_NAME_WORDS)))
_NOT_A_BOX_WORDS = frozenset({
    "free", "block", "blocker", "blocking", "blocked", "choice", "choices", "label",
    "badge", "notice", "disclosure", "disclaimer", "feedback", "close", "report", "info",
    "title", "heading", "text", "count", "counter", "consent", "lite", "remove", "hide",
    "whitelist", "allowlist", "adblock", "adblocker",
    # a part the theme marks as holding no ad (`ads-disabled`, `ads-off`), and an admin
    # export's panels about ads (`ad-settings`, `ads-txt`, `ad-debug`, `ads-policy`)
    "none", "off", "disabled", "disable",
    "settings", "setting", "options", "preferences", "prefs", "policy", "debug", "txt",
    # a flag on a page's part saying the page shows ads (an app's root, `ads-enabled`), and
    # a consent dialog's purpose (`ads-personalization`)
    "enabled", "allowed", "personalization", "personalisation", "personalized",
    "personalised",
    # a theme's spacing round its ads (`ad-spacer`, `ads-gap`), sized inline: layout
    "spacer", "spacing", "separator", "divider", "gap", "border", "clearfix",
    # a publication's date or a post's taxonomy (`article-pub-date`, `category-werbung`)
    "date", "category", "tag",
    # a store its code keeps an ad in until moving it to its place (`ad_store_move_to_place`)
    "store", "storage", "template",
    # Ad Inserter 1.x's wrapper round every block it inserts, ad or not (`<div class=
    # 'ad-inserter ad-inserter-N' style=…>`, its `ai_getAdCode` wrapped; 2.x writes
    # `code-block-N`): a block of code, a comments box as often as an ad; the ad in it is
    # found by its own markup
    "inserter"})
# a word right before the ad's saying the part holds none or flagging a page with ads
# (`no-ads`, `non-ad`, `has-ads`, `with-ads`, `show-ads`): before another word it is that
# word's (`non-empty-ad`, `ad-with-fallback` are ad boxes)
_FLAG_BEFORE_AD = frozenset({"no", "non", "not", "without", "has", "with", "show"})
# a word right after the ad's naming a classified listing's part (on a classifieds page an
# ad is a listing: `ad-map`, `ad-phone`, `ad-author`, `listing-ad-price`, each a box its
# script fills), no ad placement; further on a position (`dfp_ad_pg_author_sec`)
_LISTING_PART_AFTER_AD = frozenset({
    "author", "price", "map", "seller", "phone", "contact", "description", "meta", "date",
    "views", "favorite", "favourite", "reply", "rating"})


def _name_words(name: str) -> frozenset[str]:
    """The words of a class, id or attribute name, split at punctuation and camelCase.

    >>> sorted(_name_words("trb_gptAd rail__mps-ad"))
    ['ad', 'gpt', 'mps', 'rail', 'trb']
    """
    return frozenset(w.lower() for w in _NAME_PART.findall(name))


def _names_an_ad(el: etree._Element, known: dict[str, bool]) -> bool:
    """Whether a box's class says it is an ad's: the box the page styles as an ad's. Not
    its id (a script's handle, `#ad_pixels`, `#ads_debug_js`, names what the script does
    there) nor a `data-` attribute alone (`data-ad="mobile_incontent_social"`, a widget's).
    `known`: the page's class values read so far (its boxes share a few dozen, most
    holding a needle's letters: `header`, `shadow`), each read once."""
    value = el.get("class") or ""
    found = known.get(value)
    if found is None:
        found = known[value] = _ad_class(value)
    return found


def _ad_class(value: str) -> bool:
    lowered = value.lower()
    if not any(needle in lowered for needle in _AD_NAME_NEEDLES):  # most boxes end here
        return False
    for token in value.split():
        name = _utility(token)
        words = _name_words(name)
        if words & _AD_NAME_WORDS and not words & _NOT_A_BOX_WORDS and not _flagged(name):
            return True
    return False


_ARBITRARY = lazy_regex(r"\[[^\]]*\]")


def _utility(token: str) -> str:
    """A class token less Tailwind's variants and arbitrary values: the class it applies.
    A variant names the condition, another element or a state (`[&_.ad]:hidden` hides the
    box's `.ad` descendants, `peer-[.ad]:mt-4` follows an `.ad` sibling), not the box.

    >>> _utility("[&_.ad]:hidden"), _utility("md:gz-ad-rail"), _utility("rail__mps-ad")
    ('hidden', 'gz-ad-rail', 'rail__mps-ad')
    """
    return _ARBITRARY.sub("", token).rpartition(":")[2]


def _flagged(name: str) -> bool:
    """Whether a class's ad word follows a word saying none or flagging a page with ads
    (`_FLAG_BEFORE_AD`: `no-ads`, `has-ads`; not `non-empty-ad`), or comes right before a
    listing's part (`_LISTING_PART_AFTER_AD`: `ad-map`; not `dfp_ad_pg_author_sec`).

    >>> _flagged("o-section--has-ads"), _flagged("non-empty-ad"), _flagged("noAds")
    (True, False, True)
    >>> _flagged("ad-map"), _flagged("dfp_ad_pg_author_sec")
    (True, False)
    """
    parts = [w.lower() for w in _NAME_PART.findall(name)]
    return any((w in _FLAG_BEFORE_AD and nxt in _AD_NAME_WORDS)
               or (w in _AD_NAME_WORDS and nxt in _LISTING_PART_AFTER_AD)
               for w, nxt in pairwise(parts))


# an advertising page's path: English, and the slugs of Vietnamese ("quảng cáo", unaccented
# `quang-cao`) and Indonesian or Malay ("iklan", `pasang-iklan`) sites
_SALES_PATH = lazy_regex(r"advertis|media-?kit|ad-?sales|quang-?cao|iklan", re.I)


# the words a publisher prints over or under an ad unit (`<p class="advert-txt">Advertisement
# </p>` beside `<div class="ad">`), in the languages of the pages we read; a sponsored
# unit's line ("Presented by", its sponsor's logo the unit's creative) is its label too;
# so is the word with the reader's cue after it, the story going on past the ad
# ("Advertisement - story continues below", "Anzeige - Artikel wird unter der Anzeige
# fortgesetzt", "Publicité - la suite après la publicité")
AD_LABEL = lazy_regex(
    r"(?:-\s*)?(?:advertisements?|advertising|advertorial|ads?|sponsored(?:\s+content)?|"
    r"anzeigen?|werbung|publicit[ée]|publicidad|publicidade|pubblicit[àa]|an[úu]ncio|reklama|"
    r"reclame|advertentie|annonse?|mainos|реклама|広告|广告|廣告|スポンサーリンク|광고|"
    r"(?:presented|sponsored|supported|brought\s+to\s+you|paid\s+for)\s+by:?)"
    r"(?:\s*[-–—:|·•]?\s*(?:"
    r"(?:the\s+)?(?:story|article|content|text|post|page)\s+continues?\s+"
    r"(?:below|after\s+(?:the\s+|this\s+)?(?:ad|advertisement|advert))|"
    r"continue\s+reading\s+below|scroll\s+(?:down\s+)?to\s+continue(?:\s+reading)?|"
    r"(?:der\s+)?artikel\s+(?:geht\s+)?(?:wird\s+)?(?:unter|nach)\s+der\s+anzeige\s+"
    r"(?:fortgesetzt|weiter)|weiterlesen\s+nach\s+der\s+anzeige|"
    r"la\s+suite\s+apr[eè]s\s+(?:cette\s+|la\s+)?publicit[ée]|"
    r"(?:el\s+)?art[ií]culo\s+contin[úu]a\s+(?:abajo|debajo))\.*)?"
    r"(?:\s*-)?", re.I)
_LABEL_CHARS = 64  # the word and its cue ("Advertisement - Scroll to continue reading")
# what a label's line holds besides its text: inline formatting, no box a unit renders in
_LABEL_TAGS = frozenset({"span", "b", "strong", "em", "i", "small", "br", "font", "u"})


def _label_beside(el: etree._Element, hits: set[etree._Element],
                  advertising: frozenset[etree._Element],
                  wrappers: set[etree._Element] | frozenset[etree._Element] = frozenset(),
                  layout: set[etree._Element] | frozenset[etree._Element] = frozenset(),
                  ) -> bool:
    """Whether a hidden element is an ad's label and no placement: it is a label's line
    (`_label_line`), and the element just before or after it is another hidden element
    that is no such line: the unit it labels. EasyList hides both (`##.advert-txt`,
    `##.ad`), one ad. Two units side by side that each print the word in their box (`<div
    class="ad">Advertisement</div>` twice, before their scripts fill them) label no one:
    both stay placements; so does a unit printing the word beside an empty unit of its own
    tag and class (`div.ad#ad-top` beside `div.ad#ad-mid`): a label is marked up as a
    label, not as the unit's twin. Beside one of `wrappers` (the box round a known unit,
    not hidden itself) a box marked up as a unit (`_unit_markup`: a sidebar's second
    `div#sidebar-ad-2` declaring its size, "Advertisement" printed until its code fills it)
    is that second unit, not the first's label. A bare label (`_bare_label`: a class at
    most, no id, `data-` attribute or size a unit's code would read) labels the box of
    `layout` beside it too, a known unit a few levels inside it: marked up as no unit, it
    is no placement of its own. Only the next elements, each read a few nodes deep: a page
    of labels, or of labels nested in labels, stays linear."""
    if el in advertising or not _label_line(el):
        return False
    bare = _bare_label(el)
    for step in (etree._Element.getprevious, etree._Element.getnext):
        sib = step(el)
        while sib is not None and not isinstance(sib.tag, str):
            sib = step(sib)  # a comment between them
        if sib is None or _label_line(sib):
            continue
        if sib in hits and not _unit_twins(el, sib) and not (sib in wrappers and _unit_markup(el)):
            return True
        if bare and sib in layout:
            return True
    return False


def _box_before_label(el: etree._Element,
                      advertising: frozenset[etree._Element]) -> etree._Element | None:
    """The empty unit box an ad's caption is written right after, if any: a hidden line
    of the word alone (`_label_line`: `<p class="ad-box-caption">Advertisement</p>`) whose
    element just before it (comments and blank text between) is an empty box with an id
    its ad code fills (`_empty_unit_box`: `<div id="3102476"></div>`), which no list hides
    until the code fills it. The caption prints under the ad it labels; the box is the
    placement. One sibling read: linear."""
    if el in advertising or not _label_line(el):
        return None
    before = el.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()  # a comment between them
    if before is None or (before.tail or "").strip() or before in advertising \
            or str(before.tag).lower() not in _CAPTIONED_BOXES or not _empty_unit_box(before):
        return None
    return before


_CAPTIONED_BOXES = frozenset({"div", "ins", "aside", "section"})


def _bare_label(el: etree._Element) -> bool:
    """Whether a label's line carries no markup a unit's code reads: no id, no `data-`
    attribute, no declared size (`<p class="ad-notice-small">`)."""
    return not el.get("id") and not any(str(k).startswith("data-") for k in el.attrib) \
        and unit_size(el) == (None, None)


def _unit_markup(el: etree._Element) -> bool:
    """Whether a box printing an ad's word is marked up as a unit, not a label: an id its
    code fills and either a `data-` attribute or a declared size (a label carries a class,
    at most an id of its own)."""
    return bool(el.get("id")) and (
        any(str(k).startswith("data-") for k in el.attrib) or unit_size(el) != (None, None))


def _unit_twins(a: etree._Element, b: etree._Element) -> bool:
    """Whether two elements are marked up alike as units: one tag, one class list (not
    none), and each an id of its own."""
    classes = (a.get("class") or "").split()
    return bool(classes) and a.tag == b.tag and classes == (b.get("class") or "").split() \
        and bool(a.get("id")) and bool(b.get("id")) and a.get("id") != b.get("id")


_LABEL_NODES = 8  # a label's line: its element and a few inline ones


def _label_line(el: etree._Element) -> bool:
    """Whether an element is a line of an ad label's word alone (`AD_LABEL`), holding
    nothing but inline text (a wrapper holding the unit's own box and the word is the
    placement), or the word as a link to the page selling the site's ads (`_sales_label`).
    At most `_LABEL_NODES` elements are read: a label is short."""
    nodes = list(islice(el.iter(), _LABEL_NODES + 1))
    if len(nodes) > _LABEL_NODES or any(
            n.tag not in _LABEL_TAGS and not _sales_label(n)
            for n in nodes[1:] if isinstance(n.tag, str)):
        return False
    text = _words(el)
    return bool(text) and len(text) <= _LABEL_CHARS and AD_LABEL.fullmatch(text) is not None


def _sales_label(el: etree._Element) -> bool:
    """Whether an element of a label's line is a link to an advertising page (`_SALES_PATH`:
    `<small><a href="/advertise/">Advertisement</a></small>`, the word over the unit linked
    to where the site sells its ads): the label's word, not an ad's link (an ad's goes to
    its advertiser); the caller reads the line's words."""
    if el.tag != "a":
        return False
    try:
        path = urlsplit(el.get("href") or "").path
    except ValueError:  # a malformed address
        return False
    return _SALES_PATH.search(path[:300]) is not None


def _empty_unit_box(el: etree._Element) -> bool:
    """An ad unit's empty box: an id (what the site's ad code fills it by) and nothing
    inside, no element and no text. Its own children only: each is read once."""
    return bool((el.get("id") or "").strip()) and not (el.text or "").strip() and not any(
        isinstance(c.tag, str) or (c.tail or "").strip() for c in el)
