"""Things put where visitors cannot see them: hidden third-party iframes, 1×1 tracking
pixels, and hidden blocks of off-site links (SEO link farms) or of links to the spam pages
a hacked site serves of its own (the Japanese keyword hack).

Inline styles and attributes are read (`dom.hiding.inline_hiding`): injected markup
carries its own hiding (`style="position:absolute;left:-9999px"`), or a rule of its own in
a `<style>` beside it (`<style>.xq7k{display:none}</style><div class="xq7k">`, the Japanese
keyword hack's form), which `sheet_hidden` reads (`dom.hiding.sheet_hiding`): a class or id
that one plain rule of the page's own sheets hides and no other rule names. A theme hides
menus and modals through its stylesheet too, named in the rules that show them again
(`.open .sub-menu`, a media query), which are not read.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import islice
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, unquote

from lxml import etree

from auditor import prebid
from auditor.catalogue import Network, Owner, markup_names
from auditor.dom.deobfuscate import MAX_SCRIPT, written_frame, written_frames
from auditor.dom.hiding import (
    HIDING_WRAPPERS,
    TOGGLED_CLASSES,
    ZERO_FONT,
    declared_size,
    inline_hiding,
    may_hide,
    page_sheets,
    script_hidden_ids,
    sheet_hider,
    sheet_hiding,
    styled_tiny,
    tiny_element,
)
from auditor.dom.inline_js import base64_text, closing_bracket
from auditor.dom.noscript import noscript_holding
from auditor.dom.own_site import presumed_first_party
from auditor.dom.page import ParsedPage
from auditor.dom.parser import (
    attributes_named,
    in_document_order,
    line_of,
    re2_text_pattern,
    valued,
)
from auditor.dom.walk import (
    head_sheet_sites,
    head_sheets,
    most_served,
    styling_site,
)
from auditor.heuristics.behaviour import (
    CARD_WORDS,
    dressed_as,
    head_top_elements,
    in_noscript,
    loads_past_top,
    styled_by_own_site,
)
from auditor.heuristics.interface import FindingKind, PageContext, finding
from auditor.heuristics.markup import after_html, before_page_start, past_html_end
from auditor.lazy_re import lazy_regex
from auditor.letters import KANA
from auditor.metrics import inside_bodies
from auditor.model import Category, Finding, Origin, RequestType, Severity
from auditor.urls import (
    host_of,
    ip_address,
    is_third_party,
    open_host,
    own_asset_host,
    registrable_domain,
    related_site,
    resolve,
    site_of,
    split_url,
)
from auditor.words import counted, noun_for

_FONT_SIZE = etree.XPath(".//*[contains(@style, 'font-size')]")
# Hidden iframes of these kinds are how the vendor documents its tag (GTM's noscript
# iframe, consent locators, chat frames, a fraud check's profiling frame: ThreatMetrix's
# `fp/tags` at `top:-5000px`); of the others they are an injection sign.
_BENIGN_FRAME = frozenset(
    {Category.TAG_MANAGER, Category.ANALYTICS, Category.CONSENT, Category.CONTENT,
     Category.CUSTOMER_ENGAGEMENT, Category.SOCIAL, Category.SESSION_REPLAY,
     Category.FINGERPRINTING}
)
# Off-site links that are not link-farm material: share/follow buttons, CDNs.
_BENIGN_LINK = frozenset({Category.SOCIAL, Category.CONTENT, Category.CONSENT,
                          Category.CUSTOMER_ENGAGEMENT})
# distinct off-site URLs or selling anchors in a block (toggled blocks: distinct sites)
LINK_FARM_MIN = 3
# Hiding a script can undo (a menu, a version switcher) versus hiding meant to last.
_TOGGLED = frozenset({"hidden attribute", "display:none", "visibility:hidden/opacity:0"})
_WIDGET_WORDS = lazy_regex(
    r"menu|nav|dropdown|submenu|popup|popover|modal|dialog|tab|accordion|collapse|toggle"
    r"|drawer|flyout|tooltip|version|lang|search"
    r"|off-?canvas|burger",  # mobile menu drawers (a `sidenav` is a `nav`)
    re.I,
)
# A box a paywall or membership script shows to the visitors it is for (`.member-only`,
# `.subscriber-box`, `#paywall-offer`, `.logged-in-only`): hidden as the page is saved for
# everyone else, its links the offer's (the app stores, the e-paper, the archive)
_GATED_WORDS = lazy_regex(
    r"member|subscri|paywall|premium|logged-?in|signed-?in|paid-?(?:only|content)|entitle",
    re.I,
)
_WIDGET_ROLES = frozenset({"navigation", "menu", "menubar", "dialog", "tablist", "tabpanel",
                           "listbox"})
# Attributes naming, by its id, the element a button or link opens: ARIA's disclosure
# (`aria-controls`), Bootstrap's collapse, tab, modal and offcanvas (`data-target`,
# `data-bs-target`: `#id`, or a toggling link's own `href="#id"`, as Bootstrap's collapse
# documents it), the HTML popover and command buttons (`popovertarget`, `commandfor`).
_OPENS = etree.XPath("//*[@aria-controls or @data-target or @data-bs-target or @popovertarget"
                     " or @commandfor or ((@data-toggle or @data-bs-toggle)"
                     " and starts-with(@href, '#'))]")
_OPENER_ATTRIBUTES = ("aria-controls", "data-target", "data-bs-target", "popovertarget",
                      "commandfor")
_OPENER_NEEDLES = frozenset(name.encode() for name in (*_OPENER_ATTRIBUTES, "data-toggle",
                                                       "data-bs-toggle"))
_TABS = etree.XPath("//*[@role='tab']")
_DIALOG_LEVELS = 5  # how far up from a hidden frame the dialog holding it may be


# The class names CSS-in-JS libraries generate, one per style state, and the sheet each
# writes them into: Emotion's `css-1x2y3z` (with its label, `css-1x2y3z-Menu`) in
# `<style data-emotion>` (MUI 5, Chakra), styled-components' generated class beside its
# `sc-` component class in `<style data-styled>`, JSS's `jss12` or `makeStyles-root-12` in
# `<style data-jss>` (MUI 4). The library's script swaps the class when the state changes
# (a menu opened renders with another class that shows it): one rule hiding a name is a
# closed state as saved, not a kit's own rule, though a kit can copy the names.
_CSS_IN_JS_SHEETS = ("data-emotion", "data-styled", "data-jss")
_GENERATED_CLASS = lazy_regex(r"css-[a-z0-9]{4,10}(?:-[\w-]{1,60})?|jss\d{1,6}"
                              r"|[A-Za-z]\w{0,40}-[A-Za-z]\w{0,40}-\d{1,6}")
_STYLED_CLASS = lazy_regex(r"[a-zA-Z]{5,8}")


class SheetHiding(NamedTuple):
    """How a sheet hides an element (and by which name), whether the name is a class a
    CSS-in-JS library generated for a state its script swaps (`_GENERATED_CLASS`), and
    whether the hiding rule is one an inline script writes into a `<style>` it creates
    (`_script_sheets`); or how an inline script hides it by its id (`by_id`)."""
    said: str
    generated: bool
    scripted: bool = False
    kit: bool = False  # a script's rule an SEO kit writes (its name or offset): one link a farm
    by_id: bool = False  # hidden by a script that looks the element up by its id


# what marks a script-written hiding rule as an SEO kit's (`SheetHiding.kit`), not a
# theme's: a name made up
# at random (letters and digits interleaved, `#M6bMm64IekltUmnGh3vrm9`, `.k7mz2`) or an
# offset no layout uses (`top:-152413851px`); a theme's names are words (`.nojs-note`,
# `#offcanvas`, `.skip-help`) and its off-screen offsets a screen's width or so
_NAME_TOKEN = lazy_regex(r"[A-Za-z0-9]{5,64}")
_LETTER_DIGIT = lazy_regex(r"[A-Za-z](?=[0-9])|[0-9](?=[A-Za-z])")
_FAR_OFFSET = lazy_regex(r":\s*-?\s*\d{7,12}(?:\.\d+)?px")
KIT_NAME_TURNS = 3  # letter-digit turns in one token of a made-up name (`k7mz2`: 3)


def _made_up(name: str) -> bool:
    """Whether a selector's name (`#id`, `.class`) is made up at random: a token of it
    turns between letters and digits three times or more (`mp3player` turns twice). Not
    a class a CSS-in-JS library or CSS modules hash (`css-1x2y3z`, `Menu_drawer__3xK9q`):
    their script writes their rules too, and a kit's name is a bare random word."""
    if "__" in name or _GENERATED_CLASS.fullmatch(name[1:]):
        return False
    return any(len(_LETTER_DIGIT.findall(token)) >= KIT_NAME_TURNS
               for token in _NAME_TOKEN.findall(name[1:64]))


def _far_hidden(rules: list[str]) -> frozenset[str]:
    """The names the rules scripts write hide where such a script's literal moves a block
    further than any screen (a million pixels): read once a page, not once a name."""
    far = [rule for rule in rules if _FAR_OFFSET.search(rule)]
    return frozenset(sheet_hiding(far, TOGGLED_CLASSES)[0].keys()) if far else frozenset()


# a `<style>` element a script creates, its tag name perhaps written in pieces or in
# capitals (`createElement('st'+"yl"+'e')`, `createElement(`STYLE`)`, read with the pieces
# joined whatever their quotes), or one it writes as markup (`insertAdjacentHTML(…,
# '<style>…')`, `document.write('<style>…')`)
_CREATES_STYLE = lazy_regex(r"""createElement\(\s*['"`]style['"`]\s*\)|<style\b""", re.I)
_STYLE_TAG = lazy_regex(r"</?style\b[^<>]{0,200}>", re.I)  # the markup around a written sheet
_ANY_PIECES = lazy_regex(r"""['"`]\s*\+\s*['"`]""")
# the end every `_ANY_PIECES` match holds, led by a literal `+` that `re` skips to
_PIECE_END = lazy_regex(r"""\+\s*['"`]""")
_JOINED_PIECES = lazy_regex(r"""(['"`])\s*\+\s*\1""")
_QUOTED_LITERAL = lazy_regex(r"""'((?:[^'\\\n]|\\.){0,4096})'|"((?:[^"\\\n]|\\.){0,4096})\""""
                             r"""|`((?:[^`\\$]|\\.|\$(?!\{)){0,4096})`""")
_LITERAL_READ = 4096  # `_QUOTED_LITERAL`'s bound: characters of a literal, escapes one each
# `_QUOTED_LITERAL` with no bound, each run of plain characters taken whole: its matches
# are that pattern's wherever they are `_LITERAL_READ` characters or fewer (each pattern
# reads its literal one way, to its closing quote), five times quicker than a character at
# a time over a bundle's thousands of literals; a longer one is checked by that pattern
_QUOTED_RUN = lazy_regex(r"""'((?:[^'\\\n]++|\\.)*+)'|"((?:[^"\\\n]++|\\.)*+)\""""
                         r"""|`((?:[^`\\$]++|\\.|\$(?!\{))*+)`""")


def _quoted_literals(code: str) -> Iterator[str]:
    """What `_QUOTED_LITERAL.finditer(code)` reads, in order: each literal's text."""
    at = 0
    while True:  # one `finditer` to the next literal past the bound (a bundle has few)
        for m in _QUOTED_RUN.finditer(code, at):
            if m.end() - m.start() - 2 > _LITERAL_READ:
                bounded = _QUOTED_LITERAL.match(code, m.start())
                if bounded is None:  # too long for the bounded read: none starts here
                    at = m.start() + 1
                else:
                    yield bounded.group(bounded.lastindex or 0)
                    at = bounded.end()
                break
            yield m.group(m.lastindex or 0)  # each quote's group: the one a match sets
        else:
            return


def _creates_style(code: str) -> bool:
    """Whether a script, its quoted pieces joined (`_ANY_PIECES`), creates or writes a
    `<style>`: `_CREATES_STYLE`, run only where its needles are. Each of its matches,
    lowered, holds `tyle` and either `createelement(` or `<style` (`<ſtyle` too: the long s
    matches `s` case-insensitively and lowers to itself); a caseless regex search costs
    many times a lowered text's `in`. Joining removes quotes, `+` and spaces, never a
    needle's letters, so a script holding no needle and no piece's end (`_PIECE_END`,
    sought from each `+`, where `_ANY_PIECES.sub` tried a pattern at each of a bundle's
    quotes) holds none joined either: most scripts end there."""
    if not _style_needles(code.lower()) and _PIECE_END.search(code) is None:
        return False
    joined = _ANY_PIECES.sub("", code)
    low = joined.lower()
    return _style_needles(low) and _creates_style_at_needle(joined, low)


def _style_needles(low: str) -> bool:
    return "tyle" in low and ("createelement(" in low or "<style" in low
                              or "<\u017ftyle" in low)


_STYLE_OPENINGS = ("createelement(", "<style", "<\u017ftyle")  # a match's opening, lowered


def _creates_style_at_needle(text: str, low: str) -> bool:
    """`_CREATES_STYLE.search(text)`, tried only where `low` (`text` lowered) holds one of
    the openings its matches lower to: case-blind, the pattern has no literal for `re` to
    skip ahead to and was tried at every character (4.6 ms over the corpus's 42 scripts
    that reach it). Where lowering moved the offsets (an "İ" lowers to two characters),
    the pattern is searched as it was."""
    if len(low) != len(text):
        return _CREATES_STYLE.search(text) is not None
    for opening in _STYLE_OPENINGS:
        at = low.find(opening)
        while at >= 0:
            if _CREATES_STYLE.match(text, at) is not None:
                return True
            at = low.find(opening, at + 1)
    return False


def _script_sheets(page: ParsedPage) -> list[str]:
    """The CSS rules inline scripts write into a `<style>` element they create (or write
    as markup): the string literals of such a script holding a rule's braces. An SEO kit
    prints its link in a block and, beside it, a script adding a rule that moves that
    block off-screen (`#M6b…{position:fixed;top:-152413851px}`): no sheet of the page's
    markup hides it."""
    text = page.script_text
    if "createElement" not in text and "<style" not in text and "<STYLE" not in text:
        return []
    rules: list[str] = []
    for script in page.scripts:
        code = (script.text or "")[:MAX_SCRIPT]
        if "{" not in code or not _creates_style(code):
            continue
        rules += [_STYLE_TAG.sub(" ", literal) if "<" in literal else literal
                  for literal in _quoted_literals(_JOINED_PIECES.sub("", code))
                  if "{" in literal and "}" in literal]
    return rules


def _generated(el: etree._Element, name: str, libraries: set[str]) -> bool:
    """Whether the class `name` hiding an element is one a CSS-in-JS library whose sheet
    the page holds (`libraries`: the sheets' attributes) generated."""
    if name[0] != "." or not libraries:
        return False
    name = name[1:]
    if "data-styled" in libraries and _STYLED_CLASS.fullmatch(name) and any(
            c.startswith("sc-") for c in (el.get("class") or "").split()):
        return True
    return bool(libraries & {"data-emotion", "data-jss"}) and bool(
        _GENERATED_CLASS.fullmatch(name))


def sheet_hidden(ctx: PageContext) -> dict[etree._Element, SheetHiding]:
    """The elements the page's own `<style>` sheets hide for good (`sheet_hiding`; not a
    sheet in `<noscript>` or for print), each with how, by which name, and whether the
    name is a CSS-in-JS library's generated class (`_generated`)."""
    page = ctx.page
    if page is None:
        return {}
    styles = page.tagged("style")
    sheets = page_sheets(styles)
    written = _script_sheets(page)
    if not any("{" in sheet for sheet in sheets) and not written:
        return {}
    hides, named = sheet_hiding([*sheets, *written], TOGGLED_CLASSES)
    if not hides:
        return {}
    # what the scripts' own rules hide, and move far: read at the first element a rule
    # hides, as most pages' sheets hide none of its elements
    scripted: Collection[str] | None = None
    far: frozenset[str] | None = None
    classes = {name[1:] for name in hides if name[0] == "."}
    ids = {name[1:] for name in hides if name[0] == "#"}
    # the page's class values holding a hidden class, and the hidden ids it holds: the
    # elements of those alone are selected
    by_class = valued(page.root, "class", {v for v in page.class_values
                                           if not classes.isdisjoint(v.split())})
    by_id = valued(page.root, "id", ids.intersection(page.id_values) if ids else ())
    carriers = in_document_order(dict.fromkeys([*by_class, *by_id])) if by_class and by_id \
        else by_class or by_id
    libraries = {attribute for el in styles for attribute in _CSS_IN_JS_SHEETS
                 if el.get(attribute) is not None}
    found: dict[etree._Element, SheetHiding] = {}
    for el in carriers:
        hider = sheet_hider(el, hides, named)
        if hider is None or str(el.tag).lower() in ("html", "body"):
            continue
        if scripted is None:
            scripted = sheet_hiding(written, TOGGLED_CLASSES)[0].keys() if written else frozenset()
        by_script = hider in scripted
        made_up = by_script and _made_up(hider)
        if by_script and not made_up:
            far = _far_hidden(written) if far is None else far
            made_up = hider in far
        found[el] = SheetHiding(
            f"{hides[hider]}, by the " + ("style rule an inline script writes"
                                         if by_script else "page's style rule") + f" {hider}",
            _generated(el, hider, libraries), by_script, made_up)
    return found


# who a hidden image a visitor could see reports to, when it is a beacon all the same (a
# counter's 88×31 badge hidden by its style)
_TRACKING_CATEGORIES = frozenset({Category.ANALYTICS, Category.ADVERTISING, Category.AFFILIATE,
                                  Category.SESSION_REPLAY, Category.FINGERPRINTING})


def _visible_size(el: etree._Element) -> bool:
    """Whether an element declares both a width and a height over 2 pixels: a size a
    visitor sees once it is shown (a spinner, an icon), no beacon's."""
    width, height = declared_size(el)
    return width is not None and height is not None and width > 2 and height > 2


def _category(owner: Owner) -> Category | None:
    """A request's category as `Catalogue.owners_of` names its owner: its network's, else
    its entity's (an entity's URL pattern, Blogger's navbar script on AdSense's host,
    before its host's entity)."""
    return (owner.network.category if owner.network
            else owner.entity.category if owner.entity else None)


class _Stack(NamedTuple):
    """The ad networks the page's own tags run (`names`), their companies, and where a
    tag loads or places each (`places`: xpath and the site it loads from, `""` for a
    slot's markup; a Prebid config's bidders have none)."""
    names: set[str]
    companies: set[str]
    places: dict[str, set[tuple[str, str]]]

    @property
    def tagged(self) -> set[str]:
        """The networks a tag loads or places, not only a Prebid config names."""
        return set(self.places)

    def vouched(self, network: Network, xpath: str, site: str) -> bool:
        """Whether a tag other than the frame at `xpath` (or one inside it) runs a
        network: a hidden frame that is its network's only slot (Revive's `afr.php`, the
        frame tag itself) vouches for itself. A self-hosted server (no hosts of its own:
        Revive) is one site's: its code loaded from the frame's `site`, not another's."""
        return any(p != xpath and not p.startswith(xpath + "/")
                   and (network.hosts or tag_site == site)
                   for p, tag_site in self.places.get(network.name, ()))


def _ad_stack(ctx: PageContext, end: int) -> _Stack:
    """The ad networks the page's own tags run, and their companies: loaded by a request
    that is no frame, placed as a slot, or asked for bids in its Prebid config. Their
    scripts add hidden frames of their own (GPT's SafeFrame and Topics frames, AdSense's
    `google_esf`, each bidder's user-sync frame): those are the stack at work. Tags where
    `ad-in-body` finds injections are none of the page's own: a post body's, those after
    the closing `</html>` (line `end`), those in an article the page copies."""
    if ctx.document.in_post_body:
        return _Stack(set(), set(), {})
    copied = inside_bodies(ctx.bodies, ctx.xpath) if ctx.republishes else None

    def own(line: int, xpath: str) -> bool:
        return not (end and line > end) and not (copied and copied(xpath))

    places: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in ctx.resources:
        if r.network and not r.hint and r.type is not RequestType.SUBDOCUMENT \
                and own(r.line, r.xpath):
            places[r.network].add((r.xpath, r.domain.lower()))
    for slot in ctx.slots:
        if slot.network and own(slot.line, slot.xpath):
            places[slot.network].add((slot.xpath, ""))
    names = set(places)
    if ctx.page is not None:
        names |= {n.name for n in prebid.bidder_networks(ctx.page, ctx.catalogue)}
    networks = (ctx.catalogue.network_named(name) for name in names)
    return _Stack(names, {n.company for n in networks if n is not None and n.company},
                  dict(places))


# What a hidden frame of a host the catalogue does not know is for, when its vendor's
# documentation names it so. By the frame's `name` or `id`: EMVCo 3-D Secure's method and
# challenge frames (`threeDSMethodIframe`; Cardinal's device data `collectionIframe`), the
# IAB's CMP locators (`__tcfapiLocator`, `__cmpLocator`, `__uspapiLocator`,
# `__gppLocator`), Prebid's `__pb_locator__`, Funding Choices' `googlefcPresent`.
_PURPOSE_NAMES = (
    ("a 3-D Secure frame", lazy_regex(r"(?:three_?ds|3ds)\w*|\w*collection_?i?frame", re.I)),
    ("a consent or ad locator", lazy_regex(
        r"__(?:tcfapi|cmp|uspapi|gpp)locator|__pb_locator__|googlefcpresent", re.I)),
)
# By the words of its address (the subdomain's labels and the path): a bidder's or
# exchange's user-sync and cookie-match frame (`usersync`, `user-sync`, `cookie_sync`,
# `match`, `getuid`, `pixel`), a card issuer's 3-D Secure server (`acs.`, `/3ds/`), a
# sign-in, session or storage frame shared by a group's sites (`sso`, `login`, `storage`,
# `xdomain`), a captcha.
_PURPOSE_WORDS = (
    ("a user-sync or cookie-match frame", lazy_regex(
        r"\w*sync\w*|\w*match|(?:get|set)?uids?|pixels?|cm", re.I)),
    ("a 3-D Secure frame", lazy_regex(r"acs\d*|3ds\w*|threeds\w*|3dsecure|\w*3dsmethod",
                                      re.I)),
    ("a sign-in, session or storage frame", lazy_regex(
        r"sso|login|signin|o?auth2?|sessions?|\w*storage|xdomain|crossdomain|xdm?", re.I)),
    ("a captcha", lazy_regex(r"\w*captcha|turnstile", re.I)),
)
_ADDRESS_WORDS = lazy_regex(r"[a-z0-9]+", re.I)
# A traffic distribution system's entry point, as kits name it (Sutra's `in.cgi?3`,
# SimpleTDS's `go.php?sid=1`), or any CGI or PHP script asked with a bare number.
_TDS_PATH = lazy_regex(r"/(?:in|go)\.(?:cgi|php)(?:$|[?#])|\.(?:cgi|php)\?\d+$", re.I)


def _purpose(frame: etree._Element, url: str) -> str | None:
    """What a hidden frame is for, by its name or the words of its address, when it is a
    job vendors document a hidden frame for; None when it says nothing."""
    for attribute in ("name", "id"):
        value = frame.get(attribute) or ""
        for purpose, pattern in _PURPOSE_NAMES:
            if value and pattern.fullmatch(value):
                return f"{purpose} by its {attribute}"
    parts = split_url(url)
    if parts is None:
        return None
    labels = (parts.hostname or "").split(".")
    # a host of anyone's files names its platform's service, not the job of a customer's
    # file (`storage.googleapis.com`'s `storage`: a bucket, no storage frame)
    subdomain = "" if open_host(parts.hostname or "") else ".".join(
        labels[: -len(registrable_domain(parts.hostname or "").split("."))])
    words = [w for w in _ADDRESS_WORDS.findall(f"{subdomain} {parts.path}") if w != "async"]
    for purpose, pattern in _PURPOSE_WORDS:
        if any(pattern.fullmatch(w) for w in words):
            return f"{purpose} by its address"
    return None


_SYNC_JOB = _PURPOSE_WORDS[0][0]
_SIGN_IN_JOB = _PURPOSE_WORDS[2][0]
_CAPTCHA_JOB = _PURPOSE_WORDS[3][0]
_LOCATOR_JOB = _PURPOSE_NAMES[1][0]
_SECURE_JOB = _PURPOSE_NAMES[0][0]
# where a checkout shows it takes a card: its address (`/checkout/`, `/payment`; Shopify's
# `/checkouts/cn/<token>`, a shop's own language: `/kasse`, `/paiement`, `/pago`), or a
# field, form or hosted-field container named for the card (`CARD_WORDS`, `cc-number`, the
# containers the payment SDKs fill with their own card frames: Stripe's `card-element` and
# `StripeElement`, Shopify's `card-fields`, Braintree's `hosted-field`, Adyen's
# `adyen-checkout__card`)
_CHECKOUT_PATH = lazy_regex(
    r"/(?:checkouts?|payments?|pay|orders?|carts?|basket|kasse|bestellung|warenkorb|zahlung"
    r"|commande|paiement|panier|pago|pagamento|carrito|cassa|afrekenen|donate|donation)"
    r"(?:[/?#._-]|$)", re.I)
_CARD_CONTAINER = lazy_regex(r"card[_-]?(?:element|fields?)\b|StripeElement|hosted[_-]?field"
                             r"|adyen-checkout__card|encryptedCardNumber", re.I)
_CARD_PLACES = etree.XPath("//input | //form | //iframe[@id or @name or @class]"
                           " | //div[@id or @name or @class] | //*[@data-cse]")


def _takes_cards(ctx: PageContext) -> bool:
    """Whether the page is a checkout taking a card: a 3-D Secure frame is a card
    payment's, and a news article holds none. A view: asked per frame so named."""
    return ctx.view("takes cards", lambda: _reads_as_checkout(ctx))


def _reads_as_checkout(ctx: PageContext) -> bool:
    parts = split_url(ctx.url or "")
    if parts is not None and _CHECKOUT_PATH.search(parts.path):
        return True
    root = ctx.root
    if root is None:
        return False
    found = _CARD_PLACES(root)
    for el in found if isinstance(found, list) else ():
        if not isinstance(el, etree._Element):
            continue
        names = " ".join(el.get(a) or "" for a in ("id", "name", "autocomplete", "class",
                                                   "action", "data-cse"))
        if CARD_WORDS.search(names) or _CARD_CONTAINER.search(names):
            return True
    return False


# header bidding the page's own tags run, not merely configure: its library loaded
# (`prebid.js`, however a build names it). A config (`pbjs.setConfig`, `addAdUnits` with
# its bids) or a queue stub (`window.pbjs = {que: []}`) sets nothing running without the
# library: a kit adds either as cheaply as it names its path `sync`.
_PREBID_FILE = lazy_regex(r"prebid[\w.-]*\.js", re.I)


def _runs_ad_stack(ctx: PageContext, stack: _Stack) -> bool:
    """Whether the page's own tags run an ad stack whose bidders sync users: an ad
    network's tag loaded or its slot placed (`_ad_stack`'s `tagged`: no tag manager,
    whose container may hold anything or nothing, and no analytics), or a Prebid library
    loaded. A bidder's sync frame is in a saved page only once the stack ran, and then
    what ran it is in the page too: GTM alone backed a kit's `/usersync` frame on any
    article, and so did a Prebid config (`setConfig`, an ad unit's bids) with no Prebid
    and no bidder's tag to run it."""
    if any((network := ctx.catalogue.network_named(name)) is not None
           and network.category is Category.ADVERTISING for name in stack.tagged):
        return True

    def loaded() -> bool:
        return any(r.type is RequestType.SCRIPT and not r.hint and _PREBID_FILE.search(r.url)
                   for r in ctx.resources)

    # read once a page (asked per sync frame: 3,000 frames beside 300 scripts took 37 s)
    return ctx.view("prebid loaded", loaded)


# what asks an ad network for an ad, not for a user: a size to fill (`size=300x250`, as
# Xandr's `tt` and ExoClick's `iframe.php` frame tags ask) or a zone or placement to serve
# (OpenX's `afr?auid=`, Revive's and Sovrn's `afr.php?zoneid=`); a sync frame names neither
_AD_REQUEST = lazy_regex(r"[?&;](?:size|sz|sizes|ad_?size)=\d{2,4}x\d{2,4}\b"
                         r"|[?&;](?:zoneid|zone_?id|idzone|auid|placement_?id|inv_code|adunit"
                         r"|ad_?unit_?id|tagid)=\w", re.I)


_ASKS_FOR_AD = "it asks for an ad (a zone or a size to fill) no visitor sees"


# a URL in another's query, encoded or not: where a sync frame redirects (`r=`, `ru=`)
_EMBEDDED_HOST = lazy_regex(r"(?:https?:)?//([a-z0-9][a-z0-9.-]*\.[a-z]{2,})", re.I)


def _sends_elsewhere(ctx: PageContext, url: str) -> str | None:
    """The host, neither the page's nor one the catalogue knows, that a frame's query
    names a URL of: a sync frame redirects only to the page or to other bidders, and a
    bidder's open redirect (`getuid?https://…`) is how a kit would put its page in one."""
    query = url.partition("?")[2]
    if "//" not in query and "%2f" not in query.lower():
        return None
    for found in _EMBEDDED_HOST.findall(unquote(unquote(query))):
        host = str(found).lower()
        if not is_third_party(host, ctx.first_party):
            continue
        owner = ctx.catalogue.runner_of(f"https://{host}/", host)
        if owner.network is None and owner.entity is None:
            return host
    return None


def _redirects_out(ctx: PageContext, network: Network | None, frame: etree._Element,
                   url: str) -> str | None:
    """Why a bidder's frame, or one whose address says it syncs users, is none: its query
    sends to a host no one the catalogue knows runs (`_sends_elsewhere`), an open redirect
    a kit hides behind a `/usersync` path. A sync frame redirects to the page or another
    bidder; an ad's frame (AdSense's `ref=`) names the visitor's referrer, no target."""
    if not ((network is not None and network.prebid)
            or (_purpose(frame, url) or _documented_sync(network, url) or "").startswith(
                _SYNC_JOB)):
        return None
    host = _sends_elsewhere(ctx, url)
    return None if host is None else _sends_to(host)


def _sends_to(host: str) -> str:
    return (f"its address sends to {host}, a host no one the catalogue knows runs (a sync "
            "frame redirects to the page or to another bidder)")


def _helps(ctx: PageContext, stack: _Stack, network: Network, frame: etree._Element,
           url: str, place: etree._Element) -> bool:
    """Whether a hidden frame of a network the page's stack names is that stack's helper
    (a user sync, a SafeFrame container): not one sending out (`_redirects_out`), and its
    network run by a tag other than the frame itself (`_Stack.vouched`), or named by a
    Prebid config the page's stack runs (`_runs_ad_stack`): a config alone runs nothing."""
    if _redirects_out(ctx, network, frame, url) is not None:
        return False
    if network.name in stack.places:
        return stack.vouched(network, ctx.xpath(place), registrable_domain(host_of(url)))
    return _runs_ad_stack(ctx, stack)


def _documented_sync(network: Network | None, url: str) -> str | None:
    """A frame at a path its network documents for its user sync (the catalogue's
    `sync_paths`: Amazon's `/iu3`, whose words say no sync): its job, as a `/usersync`
    address says it; None for any other."""
    parts = split_url(url) if network is not None and network.sync_paths else None
    if network is None or parts is None:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if any(p.search(path) for p in network.sync_paths):
        return f"{_SYNC_JOB} at {network.name}'s documented sync address"
    return None


# what a tag for visitors without scripts cannot be: a pop, a push prompt and an
# interstitial act through the network's script, so a network selling them documents no
# frame in `<noscript>` (its hidden frame there is no tag's fallback)
_SCRIPTED_FORMATS = frozenset({"popunder", "push", "interstitial"})
_FALLBACK_JOB = ("a tag's no-script fallback (a frame the browser loads only where scripts "
                 "are off)")


def _noscript_fallback(network: Network | None, frame: etree._Element,
                       place: etree._Element) -> str | None:
    """A catalogued ad company's frame written into an HTML `<noscript>` is its tag's
    fallback for visitors without scripts (Rocket Fuel's `<action>p.rfihub.com/ca.html`
    beside its conversion script), as an unknown host's there is (low below) and Tag
    Manager's `ns.html` is: a browser running scripts never loads it. The same of a host
    the catalogue files under an ad company with no network of its own (`network` None),
    no worse than an unknown host's. None for a network selling only-scripted formats
    (`_SCRIPTED_FORMATS`); a frame asking for an ad or sending out, or bearing a mark, the
    caller excludes first."""
    if place is not frame or noscript_holding(frame) is None or (
            network is not None and not _SCRIPTED_FORMATS.isdisjoint(network.formats)):
        return None
    return _FALLBACK_JOB


def _bidder_job(ctx: PageContext, network: Network | None, url: str, stack: _Stack
                ) -> str | None:
    """A header-bidding bidder's hidden frame on a page running an ad stack is its user
    sync whatever its address says (Sovrn's `/beacon`, OpenX's `/w/1.0/pd`): Prebid
    inside a managed stack's bundle drops one per bidder, and the saved page shows the
    frames but not the bundle's bidder config. None for a network no Prebid build bids
    with (a Floodlight tag's frame is no sync); a frame that asks for an ad or sends
    out (`_AD_REQUEST`, `_redirects_out`) the caller excludes first."""
    if network is None or not network.prebid or not _runs_ad_stack(ctx, stack):
        return None
    return f"{_SYNC_JOB} of a header-bidding bidder ({network.prebid[0]} in Prebid)"


def _unbacked(ctx: PageContext, purpose: str, url: str, stack: _Stack) -> str | None:
    """Why an unknown host's frame claiming, by its address, a job that comes with
    something else on the page lacks it, or None. A user-sync frame is dropped by an ad
    stack (`_runs_ad_stack`): a page running none has none to sync. A 3-D Secure frame
    is a checkout's (`_takes_cards`). A locator is its CMP's (the IAB's stubs make it
    blank), a group's sign-in or storage frame its site's, a captcha's frame its widget's:
    the site shows in the page beyond the frame (`_vouched`: a link a visitor sees, the
    page's own name, or a vendor's script the catalogue knows). A kit can
    call its path `sync` or `captcha`, its host `login.` or its frame `__tcfapiLocator`;
    it does not add the stack, the checkout or the links that go with them. Nor does its
    own `<script src>` on the frame's host vouch: a kit adds one as cheaply."""
    site = registrable_domain(host_of(url))
    if purpose.startswith(_SYNC_JOB):
        if (host := _sends_elsewhere(ctx, url)) is not None:
            return f"but {_sends_to(host)}"
        if _runs_ad_stack(ctx, stack):
            return None
        return ("but the page loads no ad stack whose bidders sync users (no ad network's "
                "tag, no Prebid library: a Prebid config alone runs nothing)")
    if purpose.startswith(_LOCATOR_JOB):
        # the IAB's CMP stubs, Prebid and Funding Choices name an empty frame so; one
        # given an address is the CMP's, a vendor's the page runs
        if _vouched(ctx, url, site):
            return None
        return (f"but the page runs no consent platform of {site} nor links to it (a "
                "locator is its CMP's, whose stub makes it blank; a script of an unknown "
                "host vouches for nothing: a kit loads its own beside its frame)")
    if purpose.startswith(_SECURE_JOB):
        if _takes_cards(ctx):
            return None
        return "but the page takes no card payment (no checkout address or card field)"
    if purpose.startswith((_SIGN_IN_JOB, _CAPTCHA_JOB)):
        if _vouched(ctx, url, site):
            return None
        if purpose.startswith(_CAPTCHA_JOB):
            return (f"but the page shows {site} nowhere a visitor sees and runs no captcha "
                    "vendor the catalogue knows there (a script of an unknown host vouches "
                    "for nothing: a kit loads its own beside its frame)")
        return (f"but the page shows {site} nowhere else (a group's sign-in shows in its "
                "links; a script of an unknown host vouches for nothing)")
    return None


# the OAuth 2.0 / OpenID Connect authorization endpoint (`/authorize`, Okta's
# `/oauth2/default/v1/authorize`, Apple's `/auth/authorize`) and the response modes that
# hand the answer to the page that framed it (Auth0's and Apple's `web_message`, Okta's
# `okta_post_message`)
_AUTHORIZE_PATH = lazy_regex(r"/authorize/?$", re.I)
_FRAME_RESPONSE_MODES = frozenset({"web_message", "okta_post_message"})
# Clerk's Frontend API session handshake and satellite-domain sync, which answer to the
# `redirect_url` they are given
_CLERK_HANDSHAKE = lazy_regex(r"/v1/client/(?:handshake|sync)/?$", re.I)
# identity providers' own hosts, each tenant a subdomain (`<tenant>.eu.auth0.com`,
# `<org>.okta.com`, `<instance>.clerk.accounts.dev`): a frame elsewhere making a silent
# sign-in's request is one only on the page's own site (its provider's custom domain)
_IDP_HOSTS = ("auth0.com", "okta.com", "oktapreview.com", "okta-emea.com",
              "appleid.apple.com", "login.microsoftonline.com", "b2clogin.com",
              "accounts.google.com", "amazoncognito.com", "onelogin.com", "pingone.com",
              "pingone.eu", "clerk.accounts.dev")


def _silent_sign_in(ctx: PageContext, url: str) -> str | None:
    """A silent sign-in frame, by the request its address makes, or None: an OAuth/OIDC
    authorization request that asks for no prompt (`prompt=none`) or for its answer as a
    message to the framing page (`response_mode=web_message`), for a client (`client_id`)
    whose `redirect_uri` is the page's own site: how Auth0's `checkSession`, Okta's
    `getWithoutPrompt` and Sign in with Apple renew a session in a hidden frame, on the
    provider's own host (`_IDP_HOSTS`), or on the page's own site (the provider's custom
    domain: a `redirect_uri`, if named, the page's). (Gigya's single sign-on frame is a
    catalogued social vendor's: no finding before this is asked.) Every word of the address
    is its author's, the return address too: an unknown host writing them is a hidden frame
    as any other."""
    parts = split_url(url)
    if parts is None:
        return None
    clerk = _CLERK_HANDSHAKE.search(parts.path) is not None
    if not clerk and not _AUTHORIZE_PATH.search(parts.path):
        return None
    # the address is its author's to write, the return address too: the host must be an
    # identity provider's own or the page's site (its provider's custom domain)
    host = (parts.hostname or "").lower()
    own = _answers_to_page(ctx, url)
    if not own and not any(host == d or host.endswith("." + d) for d in _IDP_HOSTS):
        return None
    query = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
    if clerk:
        back = query.get("redirect_url")
        if back is not None and _answers_to_page(ctx, back):
            return "a session handshake frame (Clerk's, answering to the page's own site)"
        return None
    silent = query.get("prompt", "").lower() == "none" or query.get(
        "response_mode", "").lower() in _FRAME_RESPONSE_MODES
    if not silent or not query.get("client_id"):
        return None
    back = query.get("redirect_uri")
    if back is None and not own:
        return None  # a provider's tenant answers to the client's address: it names one
    if back is not None and not _answers_to_page(ctx, back):
        return None  # the answer goes to another site: no sign-in of this page's
    return "a silent sign-in frame (an OAuth/OIDC authorization request asking no prompt)"


def _answers_to_page(ctx: PageContext, back: str) -> bool:
    """Whether a sign-in request's return address is the page's own site (or a site
    bearing its name)."""
    host = host_of(back)
    return bool(host) and (not is_third_party(host, ctx.first_party)
                           or related_site(host, ctx.first_party))


def _vouched(ctx: PageContext, url: str, site: str) -> bool:
    """Whether something beyond a frame's own host's code shows a site (a registrable
    domain) is the page's: a site related to the page's, a link, form or drop-down a
    visitor sees going there (`links_to`), or a script or stylesheet of it that the
    catalogue files under a vendor (a captcha's widget, a CMP, a group's sign-in SDK it
    knows). An unknown host's script is no vouch: it is what a kit loads beside its frame,
    and the same markup as an unknown vendor's SDK, which is then a check (`medium`)."""
    if related_site(host_of(url), ctx.first_party) or links_to(ctx, site):
        return True
    return site.lower() in ctx.view("vendor sites", lambda: _vendor_sites(ctx))


def _vendor_sites(ctx: PageContext) -> frozenset[str]:
    """The sites the page loads a script or stylesheet of that the catalogue files under
    a company, by the host serving it (`host_runner`): `_vouched`'s index, built once a
    page. A file's name or path alone (Revive's `asyncjs.php`, `matomo.js`: a self-hosted
    vendor's, on any host) names the vendor of the file, not of the host: a kit serves one
    from its own host as cheaply as any script."""
    sites: set[str] = set()
    for r in ctx.resources:
        if r.type not in _SHOWN_TYPES or r.hint or not r.domain or not r.company \
                or r.domain.lower() in sites:
            continue
        owner = ctx.catalogue.host_runner(host_of(r.url))
        if owner.network is not None or owner.entity is not None:
            sites.add(r.domain.lower())
    return frozenset(sites)


# what a page loads of a site's that is the site's service at work (its sign-in SDK, an
# age-check vendor's script, its stylesheet), not a request anyone adds unseen
_SHOWN_TYPES = frozenset({RequestType.SCRIPT, RequestType.STYLESHEET})


def shown_beyond(ctx: PageContext, site: str, own: str) -> bool:
    """Whether the page shows a site (a registrable domain) beyond `own`, the text asking
    (a frame's address, a redirect's script): a link a visitor sees (text, an image or a
    label, no inline hiding of it or a wrapper) or a form sending there, or a script or
    stylesheet it loads from there that `own` does not name (the asking script's own
    request). A site's services show so (a sign-in link to the group's SSO host, the
    age-check vendor's script, a country switcher's link); a kit's link to its own host
    is hidden (`display:none`, an empty `<a>`), a hint or a comment, and any mention of
    the host in the page's text bought a frame or a redirect its `low`."""
    site = site.lower()
    if not site or ctx.root is None:
        return False
    own = own.lower()
    loaded, linked = _shown_index(ctx)
    return site in linked or any(url not in own for url in loaded.get(site, ()))


def links_to(ctx: PageContext, site: str) -> bool:
    """Whether a link a visitor sees, or a form or a drop-down's option (`_jump_menu_to`),
    of the page goes to a site (a registrable domain): `shown_beyond`'s links alone, not
    what the page loads from the site, which a kit adds unseen as cheaply as a `<link>` in
    the head."""
    if not site or ctx.root is None:
        return False
    _, linked = _shown_index(ctx)
    return site.lower() in linked or _jump_menu_to(ctx, site.lower())


def _jump_menu_to(ctx: PageContext, site: str) -> bool:
    """Whether a drop-down a visitor sees offers a site by an option's address (Polylang's
    language switcher as a drop-down, `<select class="pll-switcher-select"><option
    value="https://…/fr/">`, a jump menu's `onchange="location = this.value"`)."""
    for option in ctx.root.iter("option") if ctx.root is not None else ():
        url = resolve((option.get("value") or "").strip(), ctx.url)
        if not url or "://" not in (option.get("value") or "") \
                or registrable_domain(host_of(url)).lower() != site:
            continue
        select = next((up for up in option.iterancestors("select")), None)
        if select is not None and _inline_shown(select):
            return True
    return False


def _shown_index(ctx: PageContext) -> tuple[dict[str, list[str]], frozenset[str]]:
    """`_sites_shown`, a view of the page: `shown_beyond` and `links_to` share it."""
    return ctx.view("sites shown", lambda: _sites_shown(ctx))


def _sites_shown(ctx: PageContext) -> tuple[dict[str, list[str]], frozenset[str]]:
    """The page's scripts and stylesheets by site (their URLs, lowered), and the sites a
    link a visitor sees or a form sends to: `shown_beyond`'s index, built once a page (a
    walk of every link per frame asking cost 24 s for 3,000 sign-in frames)."""
    loaded: dict[str, list[str]] = {}
    for r in ctx.resources:
        if r.type in _SHOWN_TYPES and not r.hint and r.domain:
            loaded.setdefault(r.domain.lower(), []).append(r.url.lower())
    linked: set[str] = set()
    if ctx.root is None:
        return loaded, frozenset()
    hidden_by_sheet: dict[etree._Element, SheetHiding] | None = None
    seen: dict[etree._Element, bool] = {}  # each wrapper read once
    for el in ctx.root.iter("a", "form"):
        address = el.get("href") if str(el.tag).lower() == "a" else el.get("action")
        url = resolve(address or "", ctx.url)
        if not url:
            continue
        site = registrable_domain(host_of(url)).lower()
        if not site or site in linked:
            continue
        if str(el.tag).lower() == "a" and not _clickable(el):
            continue  # nothing to click
        if str(el.tag).lower() == "form" and not any(
                (c.get("type") or "").lower() != "hidden"
                for c in el.iter("input", "button", "select", "textarea")):
            continue  # hidden inputs alone: nothing to fill in or press
        if hidden_by_sheet is None:
            hidden_by_sheet = _sheet_hidden(ctx)
        if _link_shown(el, hidden_by_sheet, seen):
            linked.add(site)
    return loaded, frozenset(linked)


# what renders nothing a visitor sees (`<noscript>` with scripts on, a `<template>`), and
# the classes that keep an element for screen readers alone
_UNRENDERED = frozenset({"noscript", "template"})
_SCREEN_READER_ONLY = frozenset({"visually-hidden", "visuallyhidden", "sr-only",
                                 "screen-reader-text", "screen-reader-only", "offscreen"})


def _link_shown(el: etree._Element, hidden_by_sheet: dict[etree._Element, SheetHiding],
                seen: dict[etree._Element, bool]) -> bool:
    """Whether a link or form a visitor sees shows its site: no inline hiding of it or a
    wrapper, none a rule of the page's own sheets hides (`sheet_hidden`: a kit's
    `<style>.k1{display:none}</style>` beside its link), none in `<noscript>` or a
    `<template>`, none of a screen-reader-only class. A framework's toggled `hidden` class
    is not read: a Tailwind header's `hidden md:flex` nav shows its sign-in link. `seen`:
    the verdicts of the elements read so far, kept by a caller asking of many links (each
    wrapper is read once, however deep the links nest)."""
    chain: list[etree._Element] = []  # the element and its wrappers read here
    shown = True
    node: etree._Element | None = el
    while node is not None:
        if node in seen:
            shown = seen[node]
            break
        chain.append(node)
        classes = node.get("class")
        if str(node.tag).lower() in _UNRENDERED or inline_hiding(node) is not None \
                or node in hidden_by_sheet or (classes and not _SCREEN_READER_ONLY.isdisjoint(
                    classes.lower().split())):
            shown = False
            break
        node = node.getparent()
    seen.update(dict.fromkeys(chain, shown))
    return shown


def _clickable(a: etree._Element) -> bool:
    """Whether a link shows a visitor something to click: words, an image, a drawn logo
    (`<svg>`), or a name for an icon (`aria-label`, `title`); an empty `<a>` shows none."""
    return bool("".join(str(t) for t in a.itertext()).strip() or a.get("aria-label")
                or a.get("title") or a.find(".//img") is not None
                or a.find(".//svg") is not None)


def _inline_shown(el: etree._Element) -> bool:
    """No inline hiding on an element or any wrapper of it (`inline_hiding`)."""
    return inline_hiding(el) is None and not any(inline_hiding(up) is not None
                                                 for up in el.iterancestors())


def _injection_mark(ctx: PageContext, place: etree._Element, url: str,
                    copied: Callable[[str], bool] | None) -> str | None:
    """What marks a hidden third-party frame as injected, a known vendor's too (a network
    the page runs excuses no frame placed or addressed so), the same marks the behaviour
    kinds read (past `</html>` the caller asks first, of any frame): a place no template
    writes (before `<html>`, a WordPress post body, an article the page copies), an
    address no vendor serves a frame from (a bare IP, plain `http:` on an `https:` page,
    a host dressed as a brand or a CDN, a TDS's entry point). Not a size or an off-screen
    position: fraud checks document theirs so (ThreatMetrix's 100×100 frame at
    `top:-5000px`). `place`: the frame, or the script writing it; `copied`: whether an
    xpath is in an article the page copies."""
    if before_page_start(ctx, line_of(place), host_of(url)):  # a view: read once a page
        return "before the page's <html> tag"
    if ctx.document.in_post_body:
        return "in the post body"
    if copied is not None and copied(ctx.xpath(place)):
        return "in an article the page copies"
    host = host_of(url)
    if ip_address(host):
        return "a bare IP address"
    if url.lower().startswith("http:") and (ctx.url or "").lower().startswith("https:"):
        return "plain http on an https page, which no vendor serves and browsers block"
    if (look := dressed_as(host, ctx.first_party)) is not None:
        return f"a host dressed as {look}"
    parts = split_url(url)
    if parts is not None and _TDS_PATH.search(parts.path + ("?" + parts.query
                                                            if parts.query else "")):
        return "a traffic distribution system's entry point"
    return None


# a written frame's address up to its host's end: a scheme, `//`, then the host as a
# host is written (`_literal_address`); a quote or `+` there is the script's expression
_WRITTEN_AUTHORITY = lazy_regex(r"\s*(?:[a-z][a-z0-9+.-]*:)?//([^/?#\\]*)", re.I)
_HOST_CHARS = lazy_regex(r"[\w.\-:@\[\]%]*")


def _literal_address(src: str) -> bool:
    """Whether a written frame's address names its site as written: not one the script
    builds (`'<iframe src="' + proto + '//…'`, `'https://' + location.hostname + '/sso'`),
    whose host is a variable's, known only when it runs. Read as written, such an address
    was a host `' + location.hostname + '` (a sign-in frame of a site named nowhere:
    medium) or a relative path; a path or query built by the script keeps its host."""
    src = src.strip()
    if src[:1] in ("'", '"', "+", "`"):
        return False  # the whole address is an expression's
    m = _WRITTEN_AUTHORITY.match(src)
    return m is None or _HOST_CHARS.fullmatch(m.group(1)) is not None


def _written(ctx: PageContext) -> Iterator[tuple[etree._Element, etree._Element]]:
    """(frame, script) for each frame an inline script writes (`written_frames`): the
    frame stands where the script does, so the script's place, line and wrappers are
    the frame's. Parsed from its open tag, its attributes read as a frame in the markup
    would be; the same tag written plainly or escaped is one verdict."""
    if ctx.page is None:
        return
    for script in ctx.page.scripts:
        code = script.text or ""
        decoded = ctx.decoded(code)
        for tag in written_frames(code[:MAX_SCRIPT], decoded.payloads):
            frame = written_frame(tag)
            if frame is not None and _literal_address(
                    frame.get("src") or frame.get("data-src") or ""):
                yield frame, script


def _frames(ctx: PageContext, page: ParsedPage
             ) -> Iterator[tuple[etree._Element, etree._Element]]:
    """(frame, where it stands) for the markup's frames (the page's one walk of its
    common tags found them), then those scripts write."""
    for frame in page.frames:
        yield frame, frame
    yield from _written(ctx)


# a rotator's container as the carousel libraries document their markup (and keep it in
# a saved page after their script ran): jQuery Cycle2's `cycle-slideshow`, slick's
# `slick-track`/`slick-slide`, Swiper's `swiper-wrapper`, Owl Carousel's `owl-stage`,
# bxSlider's `bxslider`, Flickity's `flickity-slider`, Bootstrap's `carousel-inner`
_CAROUSEL = lazy_regex(r"(?:^|\s)(?:cycle-slideshow|slick-(?:track|slider|list)|swiper-wrapper"
                       r"|swiper-container|owl-(?:stage|carousel)|bxslider|flickity-slider"
                       r"|carousel-inner)(?:\s|$)", re.I)
# a box a responsive site shows on one kind of device only (its own names or a CSS
# framework's: Bootstrap's `d-md-none`, Foundation's `show-for-small`)
_FOR_PHONE = lazy_regex(r"mobile|phone|\bmob\b|visible-xs|show-for-small|small-only"
                        r"|d-(?:md|lg)-none", re.I)
_FOR_DESKTOP = lazy_regex(r"desktop|\bdesk\b|hidden-xs|hide-for-small|(?:^|\s)d-none\b"
                          r"|show-for-(?:medium|large)|visible-(?:md|lg)", re.I)
_PHONE_WIDTH, _DESKTOP_WIDTH = 336, 468  # the widest phone unit, the narrowest desktop one


class _ShownUnit(NamedTuple):
    """An ad unit a visitor sees in a box beside a hidden one: what `_takes_turns` compares."""

    box: etree._Element
    url: str
    owner: Owner
    size: tuple[int | None, int | None]
    names: str


_SHOWN_UNITS = 16  # a rotator shows one slide, a responsive pair one unit: a few suffice


def _shown_units(ctx: PageContext, parent: etree._Element, tag: str) -> list[_ShownUnit]:
    """The ad units shown in `parent`'s `tag` children (a frame asking for an ad, of a
    visible size, hidden by nothing up to its box), at most `_SHOWN_UNITS`: read once per
    parent (a page of 2,000 hidden boxes side by side read its siblings 2,000 times over)."""
    index: dict[tuple[etree._Element, str], list[_ShownUnit]] = ctx.view(
        "shown ad units by parent", dict)
    if (parent, tag) in index:
        return index[(parent, tag)]
    units: list[_ShownUnit] = []
    for sibling in parent.iterchildren(tag):
        if len(units) >= _SHOWN_UNITS:
            break
        if inline_hiding(sibling):
            continue
        for shown in sibling.iter("iframe"):
            url = resolve(shown.get("src") or shown.get("data-src") or "", ctx.url) or ""
            host = host_of(url)
            if not host or not _AD_REQUEST.search(url) or tiny_element(shown) or any(
                    inline_hiding(el) for el in _up_to(shown, sibling)):
                continue  # no ad unit a visitor sees
            units.append(_ShownUnit(sibling, url, ctx.catalogue.runner_of(url, host),
                                    declared_size(shown), _box_names(sibling, shown)))
    index[(parent, tag)] = units
    return units


def _takes_turns(ctx: PageContext, frame: etree._Element, box: etree._Element,
                 owner: Owner) -> bool:
    """Whether an ad frame hidden inline (in `box`, or itself) is one of a set the page
    shows one at a time, as a saved page holds them after the site's script ran: a
    rotator's slide (a sibling of the same tag and classes shows a same-size frame, in a
    carousel library's container or the same network's and publisher's) or one of a
    responsive pair (the same network's unit shown beside it, the two boxes or units sized
    for different devices). A visitor sees it when its turn or device comes; a lone box,
    or one with no shown unit of the network beside it, is a kit's (`_AD_REQUEST`)."""
    parent = box.getparent()
    if parent is None:
        return False
    units = _shown_units(ctx, parent, str(box.tag))
    if not units:
        return False
    carousel = any(_CAROUSEL.search(node.get("class") or "")
                   for node in islice(box.iterancestors(), 3))
    frame_url = resolve(frame.get("src") or frame.get("data-src") or "", ctx.url) or ""
    site = registrable_domain(host_of(frame_url))
    size, names = declared_size(frame), _box_names(box, frame)
    for unit in units:
        if unit.box is box:
            continue
        other = unit.owner
        same = ((other.network is not None and other.network == owner.network)
                or registrable_domain(host_of(unit.url)) == site) and _publisher(
                    unit.url) == _publisher(frame_url)
        if unit.size == size and _slide_class(unit.box) == _slide_class(box) \
                and (same or (carousel and _category(other) is Category.ADVERTISING)):
            return True  # a slide of the rotator
        if same and _for_devices(names, size, unit.names, unit.size):
            return True  # one of a responsive pair
    return False


# the state a carousel marks its shown slide with (`active`, slick's `slick-current`,
# Swiper's `swiper-slide-active`, Cycle2's `cycle-slide-active`): no part of a slide's shape
_SLIDE_STATE = lazy_regex(r"active|current|visible|selected|shown|cloned|(?:^|-)show$"
                          r"|(?:^|-)in$", re.I)


def _slide_class(el: etree._Element) -> frozenset[str]:
    """A slide's classes but the state its carousel marks: two slides of one rotator share
    them, a box a kit adds beside the site's slide shares them only by copying."""
    return frozenset(c for c in (el.get("class") or "").split() if not _SLIDE_STATE.search(c))


def _up_to(el: etree._Element, top: etree._Element) -> Iterator[etree._Element]:
    """An element and its ancestors up to `top` (not beyond)."""
    node: etree._Element | None = el
    while node is not None and node is not top:
        yield node
        node = node.getparent()


def _publisher(url: str) -> str:
    """The account an ad unit's address names, where it names one: Google Ad Manager's
    network code, the first segment of its ad unit path (`iu=/1234567/site/slot`). Two
    units of one responsive pair are one publisher's."""
    query = url.partition("?")[2]
    unit = next((value for key, value in parse_qsl(query) if key == "iu"), "")
    return unit.strip("/").partition("/")[0]


def _box_names(box: etree._Element, frame: etree._Element) -> str:
    return " ".join(f"{el.get('class') or ''} {el.get('id') or ''}"
                    for el in (box, *islice(frame.iterancestors(), 2), frame))


def _for_devices(names: str, size: tuple[int | None, int | None], other_names: str,
                 other_size: tuple[int | None, int | None]) -> bool:
    """Whether two ad units are sized for different devices: one box named for phones and
    the other for desktops, or one unit a phone's width and the other a desktop's."""
    if (_FOR_PHONE.search(names) and _FOR_DESKTOP.search(other_names)) or (
            _FOR_DESKTOP.search(names) and _FOR_PHONE.search(other_names)):
        return True
    widths = sorted(w for w in (size[0], other_size[0]) if w is not None)
    return len(widths) == 2 and widths[0] <= _PHONE_WIDTH and widths[1] >= _DESKTOP_WIDTH


def hidden_iframes(ctx: PageContext) -> Iterator[Finding]:
    """Zero-size or hidden iframes that load another site: a classic injected payload, and
    how vendors' helper frames look too.

    A hidden frame of an ad network the page's own tags run is that network's helper
    (a user sync, a SafeFrame container): `low`, one finding for them all, unless it asks
    for an ad (`_AD_REQUEST`: a zone or a size), which no helper does, where no visitor
    sees it (not in a menu, tab or dialog a visible control opens: `_in_widget`; nor a
    rotator's slide or a responsive pair's unit beside its shown twin: `_takes_turns`).
    One after the page's closing `</html>` was appended to it: `high` whoever it loads.
    Of a host the catalogue does not know, `high` needs a mark of injection
    (`_injection_mark`); a frame whose name or address says a documented job (`_purpose`),
    hidden in a menu, tab or dialog a script opens, or a `<noscript>` fallback
    (`noscript_holding`), is `low`; else `medium`. A Prebid bidder's frame with no mark
    on a page running an ad stack is its user sync (`_bidder_job`): `low`. One on the
    site's own static host (`_site_asset_host`) with no mark is the site's: no finding.
    """
    if ctx.page is None:
        return
    end = after_html(ctx)
    stack: _Stack | None = None  # sought at the first hidden ad frame
    copied = inside_bodies(ctx.bodies, ctx.xpath) if ctx.republishes else None
    helpers: dict[str, list[tuple[str, etree._Element]]] = defaultdict(list)
    for frame, place in _frames(ctx, ctx.page):
        url = resolve(frame.get("src") or frame.get("data-src") or "", ctx.url)
        if not url:
            continue
        host = host_of(url)
        if not is_third_party(host, ctx.first_party):
            continue
        tiny = tiny_element(frame) or styled_tiny(frame)
        how = None if tiny else inline_hiding(frame)
        reason = "zero or 1-pixel size" if tiny else how
        node, box = place.getparent(), frame
        for _ in range(HIDING_WRAPPERS):
            if reason or node is None:
                break
            how, box = inline_hiding(node), node
            reason = how and f"inside a wrapper hidden by {how}"
            node = node.getparent()
        if not reason:
            continue
        appended = past_html_end(ctx, line_of(place), host)
        owner = ctx.catalogue.runner_of(url, host)
        network, entity, category = owner.network, owner.entity, _category(owner)
        if category in _BENIGN_FRAME or category is Category.ADWARE:
            continue  # adware's frame is `browser-adware`'s, naming its family: one finding
        mark = None if appended else _injection_mark(ctx, place, url, copied)
        if mark is None and not appended and _site_asset_host(ctx, host):
            continue  # the site's own static host, as first-party as its own domain
        unknown = category is None or category is Category.UNKNOWN
        if mark is None and not appended and unknown and _design_host(ctx, host):
            continue  # the static host the page's design comes from (yimg.jp's sheets)
        # an ad asked for where no visitor sees it: not one in a menu, tab or dialog a
        # control the visitor sees opens, which the visitor who opens it sees (a sidebar's
        # tab of sponsors, an offers modal's button), nor an ad unit's frame at zero size
        # in one. Not code alone naming the box (`_in_dialog`'s other tests): a kit adds a
        # function no one calls showing its box beside its network's tag as cheaply
        asks = category is Category.ADVERTISING and bool(_AD_REQUEST.search(url)) \
            and not (how in _TOGGLED and (
                _in_widget(place, ctx, by_names=False, by_roles=False)
                or (place is frame and _takes_turns(ctx, frame, box, owner))))
        if category is Category.ADVERTISING and not appended and mark is None \
                and not asks:
            # the stack's own helper, unless placed or addressed as no tag of the stack
            # writes it (before <html>, plain http on an https page): a network the page
            # runs excuses its frames, not a frame pasted where no template writes, nor one
            # asking for an ad (a zone, a size): a stack's helpers sync users and hold
            # creatives, and an ad no visitor sees earns for whoever hid it
            stack = stack or _ad_stack(ctx, end)
            if network is not None and network.name in stack.names \
                    and _helps(ctx, stack, network, frame, url, place):
                helpers[network.name].append((url, place))
                continue
            if network is None and entity is not None and entity.company in stack.companies:
                helpers[entity.company].append((url, place))
                continue
        known = not unknown
        if unknown and mark is None and not appended and not _AD_REQUEST.search(url):
            # (not one asking for an ad, a zone or a size: no helper does, as above)
            stack = stack or _ad_stack(ctx, end)
            if (runner := _stack_site_network(ctx, stack, host)) is not None:
                # an ad network the page's tags run, loaded from the frame's own site
                # (YADS's yads.c.yimg.jp, its unit frames on i.yimg.jp): its helper
                helpers[runner].append((url, place))
                continue
        written = " a script writes" if place is not frame else ""
        message = f"hidden third-party iframe{written} ({reason}) loads {url}"
        if appended:
            severity = Severity.HIGH
            message = (f"hidden third-party iframe{written} ({reason}) after the page's "
                       f"closing </html> loads {url}")
        elif category is Category.ADVERTISING and mark is None and (
                misuse := _ASKS_FOR_AD if asks
                else _redirects_out(ctx, network, frame, url)) is None and (
                job := _purpose(frame, url) or _documented_sync(network, url) or _bidder_job(
                    ctx, network, url, stack := stack or _ad_stack(ctx, end))
                or _noscript_fallback(network, frame, place)) is not None:
            # an ad network's user-sync frame whose bidder config the page does not show
            # (Prebid's config in a bundle): no worse than an unknown host's (low below),
            # and like one's, not where or as no template writes it (before <html>, plain
            # http on an https page: medium, as a known vendor's frame)
            severity = Severity.LOW
            message = (f"{message}: {job}, of an ad network no tag on the page is seen "
                       "running; check that the site uses it")
        elif known:
            severity = Severity.MEDIUM if category is Category.ADVERTISING else Severity.HIGH
            if mark is not None:  # a known vendor's frame: the mark says where to look
                message = f"{message}: {mark}; check that the site added it"
            elif category is Category.ADVERTISING and misuse is not None:
                message = f"{message}: {misuse}; check that the site added it"
        elif mark is not None:
            severity, message = Severity.HIGH, f"{message}: {mark}"
        elif (vendor := _vendor_helper(ctx, url, host)) is not None:
            severity = Severity.LOW
            message = (f"{message}: {vendor}, no mark of injection; check that the site "
                       "uses this vendor")
        elif (signs_in := _silent_sign_in(ctx, url)) is not None:
            severity = Severity.LOW
            message = (f"{message}: {signs_in}, a login frame, not an ad; no mark of "
                       "injection")
        elif (purpose := ("hidden in a menu, tab or dialog a script opens"
                          if how in _TOGGLED and _in_dialog(place, ctx)
                          else _purpose(frame, url))) is not None:
            stack = stack or _ad_stack(ctx, end)
            if (unbacked := _unbacked(ctx, purpose, url, stack)) is not None:
                severity = Severity.MEDIUM
                message = (f"{message}: {purpose}, {unbacked}; check that the site added "
                           "it")
            else:
                severity = Severity.LOW
                message = (f"{message}: {purpose}, no mark of injection; check that the "
                           "site uses this host")
        elif place is frame and noscript_holding(frame) is not None:
            # tag managers and counters pair their script with a zero-size frame for
            # visitors without scripts (GTM's `ns.html`; a Japanese tag service's
            # `nspt.unitag.jp/<id>.php`): a browser running scripts never loads it
            severity = Severity.LOW
            message = (f"{message}: {_FALLBACK_JOB}, no mark of injection; check that the "
                       "site uses this host")
        else:
            severity = Severity.MEDIUM
            message = (f"{message}: no mark of injection beside a host the catalogue does "
                       "not know; check that the site added it")
        yield finding(HIDDEN_IFRAME, severity, message, url,
                      line=ctx.cited_line(place), xpath=ctx.xpath(place), key=(url,))
    if helpers:  # one fact about the stack, not a line per bidder
        frames = sorted((f for group in helpers.values() for f in group),
                        key=lambda f: line_of(f[1]))
        owners = ", ".join(helpers)
        yield finding(HIDDEN_IFRAME, Severity.LOW,
                      f"{counted(len(frames), 'hidden iframe')} of ad networks the page's own "
                      f"tags run (their sync and helper frames): {owners}", owners,
                      line=ctx.cited_line(frames[0][1]), xpath=ctx.xpath(frames[0][1]),
                      key=("ad stack",))


def _site_asset_host(ctx: PageContext, host: str) -> bool:
    """Whether a host is the site's own static host: one bearing the site's name
    (`_named_asset_host`: `theroot-static-prod.s3.amazonaws.com` on theroot.com) that serves the
    page's own stylesheet: a `<link rel=stylesheet>` the template prints in the `<head>`,
    past the head's top (`head_top_elements`). A site's design comes from its own host; a
    kit bearing its name loads a script or a frame, not the page's stylesheet, and a sheet
    it prints beside its frame (in the body, a widget, the footer) or above the charset
    where injectors write is the kit's line, vouching for nothing."""
    if not _named_asset_host(host, ctx.first_party):
        return False
    return host.lower() in ctx.view("head stylesheet hosts", lambda: _head_sheet_hosts(ctx))


def _design_host(ctx: PageContext, host: str) -> bool:
    """Whether a host serves the page's design: a stylesheet the `<head>` links past its
    top, of a site (a registrable domain) serving at least two of those sheets and every
    one of them, and serving the page's scripts or the images it shows too (Yahoo!
    JAPAN's `yimg.jp` for `yahoo.co.jp`: a static domain of another name). A `wp_head`
    hook or a kit prints a sheet of its own host beside the theme's, not the theme
    itself; a kit printing more sheets and scripts of its host than a portal's static
    domain serves, on a page whose own site links none, outnumbered it and passed: beside
    another site's sheets, neither is surely the design's. A kit printing sheets alone on
    a page styled inline serves none of the page's code, and one printing its loader (and
    a badge it shows) beside a theme's one sheet serves fewer of the page's scripts than
    the theme's own: the design's site serves most of them, as yimg.jp serves Yahoo!
    JAPAN's. Nor is a host of anyone's files (`open_host`: jsDelivr, unpkg) a site's,
    though its libraries style the page. Nor is any where the page's own site links a
    sheet (`styled_by_own_site`): its design is its own, and a kit printing more sheets
    and scripts of its host than a WordPress theme links passed as the design's host."""
    host = host.lower()
    if open_host(host) or host not in ctx.view(
            "head stylesheet hosts", lambda: _head_sheet_hosts(ctx)) or styled_by_own_site(ctx):
        return False  # a host of anyone's files (jsDelivr, unpkg) serves a kit's as well
    sites = ctx.view("head stylesheet sites", lambda: _head_sheet_sites(ctx))
    site = registrable_domain(host)
    mine = sites.get(site, 0)
    if mine < 2 or mine < sum(sites.values()):
        return False  # another site's sheets beside it: which is the design's is unsure
    return most_served(ctx.view("script sites", lambda: _script_sites(ctx))) == site


def _script_sites(ctx: PageContext) -> Counter[str]:
    """How many of the page's own `<script src>` each site serves."""
    return Counter(registrable_domain(host_of(r.url).lower()) for r in ctx.resources
                   if r.type is RequestType.SCRIPT and not r.hint)


def _head_sheet_sites(ctx: PageContext) -> Counter[str]:
    """How many stylesheets the `<head>` links past its top each site serves."""
    return head_sheet_sites(ctx.root, ctx.url, registrable_domain, head_top_elements(ctx))


def _styling_hosts(ctx: PageContext) -> set[str]:
    """The hosts of the `<head>`'s sheets past its top whose site serves more of those
    sheets than every other site together (Yahoo! JAPAN's yimg.jp): the site's static
    hosts. A kit's sheet beside a theme's is outnumbered, its host none of the site's."""
    styling = styling_site(ctx.root, ctx.url, 1, registrable_domain, head_top_elements(ctx))
    return {h for h in ctx.view("head stylesheet hosts", lambda: _head_sheet_hosts(ctx))
            if styling is not None and registrable_domain(h) == styling}


def _stack_site_network(ctx: PageContext, stack: _Stack, host: str) -> str | None:
    """The ad network the page's own tags run that a hidden frame of a host the
    catalogue does not know belongs to, or None: one whose catalogued host is on the
    frame's site and whose tag the page loads from that site (YADS's `yads.c.yimg.jp`
    tag, its unit and bidder frames on `i.yimg.jp`). A network's own domain serves its
    frames (not one asking for an ad: `hidden_iframes` asks first); a shared platform's
    (a CDN, a bucket host) is each customer's own host, so
    the frame's site is read with the public suffix list's private section (`site_of`)."""
    site, own = registrable_domain(host).lower(), site_of(host.lower())
    for name, places in stack.places.items():
        network = ctx.catalogue.network_named(name)
        if network is None or network.category is not Category.ADVERTISING \
                or not any(tag_site == site for _, tag_site in places):
            continue
        # the network's own site as browsers draw it: a CDN's tenants (one CloudFront
        # distribution, an Akamai customer's host) are sites of their own, so a kit's
        # distribution is not the network's (AdMaven's dcbbwymp1bhlf.cloudfront.net)
        if any(site_of(h.lower()) == own for h in network.hosts):
            return name
    return None


def _vendor_helper(ctx: PageContext, url: str, host: str) -> str | None:
    """Whose helper a hidden frame of a host the catalogue does not know is, or None: a
    catalogued vendor's whose ID the page's own tag gives and the frame's address carries,
    on the exact host the page loads a script from (SimpleReach's `__reach_config` pid, its
    reach.js and `iframe.html?pid=…` on one CloudFront host). A vendor serving from a CDN
    host of its own has no host the catalogue can know; a kit's frame carries no vendor's
    ID the page's tag gives, nor sits on that vendor's script host. A vendor whose script
    the page loads from a host the catalogue knows as its (Google Analytics' gtag.js) has
    no helper on another: a kit's frame beside its own script, carrying the page's GA
    measurement ID, stays medium."""
    ids = ctx.view("vendor ids", lambda: _vendor_ids(ctx))
    if not ids or host.lower() not in ctx.view("script hosts", lambda: _script_hosts(ctx)):
        return None
    vendors = ctx.view("vendor script hosts", lambda: _vendor_script_hosts(ctx))
    for value in sorted(set(_ID_TOKEN.findall(url[:_MAX_ADDRESS])) & ids.keys()):
        network, kind = ids[value]
        if network in vendors and host.lower() not in vendors[network]:
            # the vendor's tag loads from a host the catalogue knows as its own, and the
            # frame is not there: a kit's own script host, whatever ID it carries (the
            # page's GA measurement ID on the kit's frame beside the kit's script)
            continue
        return (f"{network}'s helper frame: on the host the page loads a script from, "
                f"with the {kind} its tag gives ({value})")
    return None


def _vendor_script_hosts(ctx: PageContext) -> dict[str, frozenset[str]]:
    """The hosts the page loads each catalogued vendor's scripts from, lowered: a vendor
    serving from a CDN host of its own (SimpleReach's CloudFront host) has none."""
    hosts: dict[str, set[str]] = defaultdict(set)
    for r in ctx.resources:
        if r.type is RequestType.SCRIPT and r.network and not r.hint:
            hosts[r.network].add(host_of(r.url).lower())
    return {network: frozenset(h) for network, h in hosts.items()}


# an ID as an address carries it, between its separators; long enough to be one vendor's
# account and no path's word (SimpleReach's 24-hex pid)
_ID_TOKEN = lazy_regex(r"[A-Za-z0-9_-]{8,64}")
_MAX_ADDRESS = 4096


def _vendor_ids(ctx: PageContext) -> dict[str, tuple[str, str]]:
    """The operator IDs the page's tags give a catalogued vendor, of eight characters or
    more (a short number is any path's): value -> (vendor, kind)."""
    return {i.value: (i.network, i.kind) for i in ctx.ids
            if i.network and i.origin is Origin.OPERATOR and len(i.value) >= 8
            and _ID_TOKEN.fullmatch(i.value)}


def _script_hosts(ctx: PageContext) -> frozenset[str]:
    """The hosts the page loads a script from by its own `<script src>`, lowered."""
    return frozenset(host_of(r.url).lower() for r in ctx.resources
                     if r.type is RequestType.SCRIPT and not r.hint)


# words a static bucket's name carries for its deployment, not its business
# (`theroot-static-prod`)
_DEPLOY_WORDS = frozenset({"prod", "production", "prd", "live", "public", "www"})


def _named_asset_host(host: str, first_party: str | None) -> bool:
    """Whether a host is named as the site's asset host (`own_asset_host`: the site's
    name and asset words) once its first label's deployment words are set aside
    (`theroot-static-prod.s3.amazonaws.com` on theroot.com): a bucket bearing the site's
    name beside a word of another business (`harbourgazette-deals`) is anyone's."""
    label, dot, rest = host.lower().partition(".")
    kept = "-".join(w for w in re.split(r"[-_]", label) if w not in _DEPLOY_WORDS)
    return bool(kept) and own_asset_host(kept + dot + rest, first_party)


def _head_sheet_hosts(ctx: PageContext) -> frozenset[str]:
    """The hosts of the stylesheets the `<head>` links past its top, lowered, and of those
    it links at its top that the page also loads files from past it (a late-charset
    template's sheet, its logo in the body): a sheet alone above the charset is where an
    injector writes."""
    if ctx.page is None:
        return frozenset()
    top = head_top_elements(ctx)
    hosts: set[str] = set()
    early: set[str] = set()
    for el, url in head_sheets(ctx.root, ctx.url):
        (early if el in top else hosts).add(host_of(url).lower())
    if early - hosts:
        hosts |= early & _hosts_past_top(ctx)
    return frozenset(hosts)


def _hosts_past_top(ctx: PageContext) -> set[str]:
    """The hosts the page loads stylesheets or shown images from outside the head's top
    (`loads_past_top`) and any `<noscript>`, lowered: not scripts, which a kit loads from
    its host beside its frame as cheaply."""
    hosts: set[str] = set()
    for el, tag, ref in loads_past_top(ctx):
        if not ref or tag == "script" or (tag == "link" and "stylesheet" not in (
                el.get("rel") or "").lower()):
            continue
        if tag == "img" and (tiny_element(el) or inline_hiding(el) is not None):
            continue
        if in_noscript(el):
            continue
        if url := resolve(ref, ctx.url):
            hosts.add(host_of(url).lower())
    return hosts


def tracking_pixels(ctx: PageContext) -> Iterator[Finding]:
    """Third-party 1×1 (or hidden) images: beacons that report the visit, one per host. A
    hidden image that declares a size a visitor would see (a 16×16 spinner, an icon a
    script shows later) is a beacon only where the lists block it or the catalogue files
    its host under tracking: a theme's loading image is none. Read without the page's
    address, the page is the site most of its links go to (`presumed_first_party`, as
    the link blocks read it): a theme's spinner hidden with no size declared, on the site's own
    host, is the site's, no third party's. A 1×1 image, or one asking with a query, is read
    against the page's address alone: the site most links go to is a guess (a small
    site's own links relative, its Facebook page's absolute), and Meta Pixel's noscript
    image on facebook.com is no spinner. Nor is a hidden static file
    (no query) of a host the page shows its images from, or whose site serves most of the
    stylesheets the `<head>` links past its top (`_styling_hosts`), that no list or
    catalogue entry marks
    (`_shown_image_hosts`: a news site's image CDN's `1.gif` spacer, a portal's static
    host's `clear.gif` in its skip links). The company
    named is the beacon's runner (`Catalogue.runner_of`), never the platform its customer
    rents. A beacon of a sister domain bearing the site's name (`related_site`: People's
    Daily's `counter.people.cn` on `people.com.cn`) is the site's own."""
    if ctx.page is None:
        return
    by_host: dict[str, list[etree._Element]] = defaultdict(list)
    tracking: set[str] | None = None  # URLs of image requests the lists or catalogue mark
    presumed: str | None = None  # the page's site for a hidden image sized to be seen
    # the page's one walk of its common tags found them (libxml2's //img[@width or …]
    # took 1.6x as long as a walk of its own)
    for img in ctx.page.tagged("img"):
        if img.get("width") is None and img.get("height") is None and img.get("style") is None:
            continue  # no size declared
        tiny = tiny_element(img)
        if not tiny and inline_hiding(img) is None:
            continue
        url = resolve(img.get("src") or "", ctx.url)
        party = ctx.first_party
        if party is None and not tiny and ctx.root is not None and url and "?" not in url:
            if presumed is None:  # asked once, at the first such image ('' none)
                presumed = presumed_first_party(ctx.root) or ""
            party = presumed or None
        if not url or not is_third_party(host_of(url), party):
            continue
        if party is not None and related_site(host_of(url), party):
            continue  # the site's own counter on its sister domain (people.cn's on people.com.cn)
        if not tiny and _visible_size(img):
            if tracking is None:
                tracking = {r.url for r in ctx.resources if r.blocked
                            or r.category in _TRACKING_CATEGORIES}
            if url not in tracking:
                continue
        by_host[host_of(url)].append(img)
    shown: set[str] | None = None  # hosts of the images the page shows
    for host, images in by_host.items():
        first = images[0]
        urls = [resolve(img.get("src") or "", ctx.url) or "" for img in images]
        # whose the beacon is, as the injection heuristics ask it: a hosting platform's
        # customer host (d1x.cloudfront.net) is its customer's, not Amazon's, unless the
        # catalogue names the distribution (Alexa's pixel on CloudFront is Amazon's)
        runner = ctx.catalogue.runner_of(urls[0] or f"https://{host}/", host)
        if runner.network is None and (runner.entity is None or runner.entity.category
                                       not in _TRACKING_CATEGORIES) \
                and not any("?" in url for url in urls):
            if tracking is None:
                tracking = {r.url for r in ctx.resources if r.blocked
                            or r.category in _TRACKING_CATEGORIES}
            if shown is None:
                shown = _shown_image_hosts(ctx) | _styling_hosts(ctx)
            if host in shown and not tracking.intersection(urls):
                # the site's image or static host's spacer (`/cnn/images/1.gif`, the
                # `clear.gif` Yahoo! JAPAN's skip links hold for screen readers)
                continue
        entity = runner.entity
        owner = f" ({entity.company})" if entity else ""
        yield finding(TRACKING_PIXEL, Severity.LOW,
                      f"{counted(len(images), 'third-party tracking pixel')} (1×1 or hidden) "
                      f"from {host}{owner}",
                      host, line=ctx.cited_line(first), xpath=ctx.xpath(first),
                      key=(host,))


def _shown_image_hosts(ctx: PageContext) -> set[str]:
    """The hosts of the images the page shows (no size declared, or a size a visitor sees
    and no inline hiding): a host serving the page's logos and photos is the site's image
    host, and a hidden static file of it with no query (`1.gif` beside a skip link, an ad
    script's target image) is a spacer, no beacon: it reports nothing a server does not
    log for every image of the page."""
    assert ctx.page is not None
    hosts: set[str] = set()
    for img in ctx.page.tagged("img"):
        sized = img.get("width") is not None or img.get("height") is not None \
            or img.get("style") is not None
        if sized and (tiny_element(img) or inline_hiding(img) is not None):
            continue
        url = resolve(img.get("src") or "", ctx.url)
        if url:
            hosts.add(host_of(url))
    return hosts


def _opened_ids(ctx: PageContext) -> frozenset[str]:
    """The ids of the elements the page's buttons and links say they open (a tab panel, a
    collapsed footer list, a drawer): a block a script shows on the visitor's click. A view
    of the page, sought at the first hidden block that asks."""
    page, root = ctx.page, ctx.root
    if root is None:
        return frozenset()
    if page is None:
        found = _OPENS(root)
        return _openers(found if isinstance(found, list) else (), _sheet_hidden(ctx))
    # the attributes the page's markup holds, each read on its own axis (one pass over
    # every element testing all seven cost 0.9 ms on a large page)
    return page.view("opened ids", lambda: _openers(
        (attr.getparent() for name in sorted(page.holding(_OPENER_NEEDLES))
         for attr in attributes_named(root, name.decode())), _sheet_hidden(ctx)))


def _sheet_hidden(ctx: PageContext) -> dict[etree._Element, SheetHiding]:
    """`sheet_hidden`, a view of the page: the link blocks, the controls that open them
    and the links that show a site ask it alike."""
    return ctx.view("sheet hidden", lambda: sheet_hidden(ctx))


def _script_hidden(ctx: PageContext) -> dict[etree._Element, SheetHiding]:
    """The elements inline scripts hide for good by their id (`script_hidden_ids`: a
    nulled theme's `<div id='hideMe'>` of links and the script after it setting its
    display to none), each the page's first of that id, as the lookup finds it."""
    def build() -> dict[etree._Element, SheetHiding]:
        page = ctx.page
        if page is None or ("getElementById" not in page.script_text
                            and "#" not in page.script_text):
            return {}
        ids = script_hidden_ids(page.script_texts, (
            c.code for c in page.codes if c.source not in ("script", "srcdoc")))
        found: dict[etree._Element, SheetHiding] = {}
        for name, how in ids.items():
            el = page.with_id(name)
            if el is not None and str(el.tag).lower() not in ("html", "body", "head"):
                found[el] = SheetHiding(f"{how}, by the inline script that hides #{name}",
                                        False, by_id=True)
        return found

    return ctx.view("script hidden", build)


def _hidden_blocks(ctx: PageContext) -> dict[etree._Element, SheetHiding]:
    """The elements the page's own sheets (`sheet_hidden`) or its inline scripts
    (`_script_hidden`, by id) hide for good: the blocks a link farm hides in, and what
    the links a visitor sees are not in."""
    def build() -> dict[etree._Element, SheetHiding]:
        by_sheet = _sheet_hidden(ctx)
        by_script = _script_hidden(ctx)
        return {**by_script, **by_sheet} if by_script else by_sheet

    return ctx.view("hidden blocks", build)


def _control_shown(el: etree._Element, hidden_by_sheet: dict[etree._Element, SheetHiding]
                   ) -> bool:
    """Whether a visitor sees a control: no inline hiding of it or a wrapper
    (`_inline_shown`), and none a rule of the page's own sheets alone hides
    (`sheet_hidden`: a kit's `<style>.k9{display:none}</style>` over the button it adds; a
    theme's toggle a media query shows again is named by that rule too, so not read)."""
    return _inline_shown(el) and (not hidden_by_sheet or not (
        el in hidden_by_sheet or any(up in hidden_by_sheet for up in el.iterancestors())))


def _openers(found: Iterable[Any], hidden_by_sheet: dict[etree._Element, SheetHiding]
             ) -> frozenset[str]:
    ids: set[str] = set()
    for el in found:
        if not isinstance(el, etree._Element):
            continue
        toggles = el.get("data-toggle") is not None or el.get("data-bs-toggle") is not None
        if not (any(el.get(attribute) is not None for attribute in _OPENER_ATTRIBUTES)
                or (toggles and (el.get("href") or "").startswith("#"))):
            continue  # as `_OPENS` selects: a toggle's `href` names what it opens by an id
        # a control the visitor can see: a button (drawn with a box even when empty, a
        # theme's hamburger painted by its CSS), its text, a label, or an icon inside it
        # (a hamburger's `<i class="fa-bars">`), none of it hidden by its own markup or a
        # wrapper's; an empty `<a aria-controls=…></a>`, or `<button hidden aria-controls=…>
        # Partners</button>` whose words no visitor sees, is nothing to click, only a name a
        # link farm borrows
        if not ((str(el.tag).lower() == "button" or len(el) or (el.text or "").strip()
                 or el.get("aria-label") or el.get("title") or el.get("value"))
                and _control_shown(el, hidden_by_sheet)):
            continue
        values = [v for attribute in _OPENER_ATTRIBUTES for v in (el.get(attribute) or "").split()]
        if toggles:
            values.append(el.get("href") or "")
        ids.update(v.removeprefix("#") for v in values if v.removeprefix("#"))
    return frozenset(ids)


def _has_tabs(ctx: PageContext) -> bool:
    """Whether the page has a tab (`role=tab`) for a tab panel to belong to, one a visitor
    sees (no inline hiding of it or a wrapper: a hidden tab opens nothing)."""
    root = ctx.root
    if root is None:
        return False

    def shown() -> bool:
        found = _TABS(root)
        hidden = _sheet_hidden(ctx)
        return any(isinstance(tab, etree._Element) and _control_shown(tab, hidden)
                   for tab in (found if isinstance(found, list) else ()))

    return ctx.view("has tabs", shown)


def _in_widget(el: etree._Element, ctx: PageContext | None = None, *,
               by_names: bool = True, by_roles: bool = True) -> bool:
    """Whether an element is (inside) a menu, dialog, tab panel or similar that scripts
    toggle: by its tag or role (`by_roles`; a tab panel's only with a tab on the page),
    its names (`by_names`), or because a button of the page says it opens it."""
    opened: frozenset[str] | None = None
    node: etree._Element | None = el
    while node is not None:
        tag = str(node.tag).lower()
        if by_roles and tag in ("nav", "menu", "dialog", "details", "select"):
            return True
        role = (node.get("role") or "").lower()
        if role in _WIDGET_ROLES and (by_roles or role == "tabpanel") and (
                role != "tabpanel" or ctx is None or _has_tabs(ctx)):
            return True  # a tab panel with no tab on the page is one only by its name
        names = f"{node.get('class') or ''} {node.get('id') or ''}" if by_names else ""
        if names.strip() and _WIDGET_WORDS.search(names):
            return True
        if ctx is not None and node.get("id"):
            opened = _opened_ids(ctx) if opened is None else opened
            if node.get("id") in opened and _first_with_id(ctx, node):
                return True
        node = node.getparent()
    return False


def _holds_opened(el: etree._Element, ctx: PageContext) -> bool:
    """Whether a hidden block holds the element a visible control of the page says it
    opens (`_opened_ids`): a popper library's positioner, hidden by its inline style
    around the menu list Chakra UI's button names (`aria-controls="menu-list-:r1:"`), is
    that menu closed. Only ids are read, and only where the page has a control naming one
    (most blocks hold none)."""
    opened = _opened_ids(ctx)
    return bool(opened) and any(
        x.get("id") in opened and _first_with_id(ctx, x)
        for x in el.iterdescendants(etree.Element) if x.get("id"))


def _first_with_id(ctx: PageContext, el: etree._Element) -> bool:
    """Whether an element is the first of the page to carry its id, the one a control's
    `aria-controls` or `getElementById` opens: a kit giving its hidden block the id the
    theme's toggle names (`group-sites`) after the theme's list opens nothing. The page's
    own view (`ParsedPage.with_id`, the slot finders' too), read at the first id asked."""
    return ctx.page is not None and ctx.page.with_id(str(el.get("id"))) is el


# A dialog library's own structure, as each documents it, and the file the page loads it
# by: Bootstrap's `.modal` holding its `.modal-dialog` (or its `data-bs-backdrop`),
# Magnific Popup's `mfp-hide`, jQuery UI's `ui-dialog`, Fancybox's `fancybox-content`,
# Popup Maker's `pum` and `data-popmake`, Elementor's popup template. The markup is
# anyone's to copy; the library loaded beside it is the site's stack at work.
_LIBRARY_CLASSES = (
    ("Magnific Popup", lazy_regex(r"(?:^|\s)mfp-hide(?:\s|$)")),
    ("jQuery UI", lazy_regex(r"(?:^|\s)ui-dialog(?:\s|$)")),
    ("Fancybox", lazy_regex(r"(?:^|\s)fancybox-content(?:\s|$)")),
    ("Popup Maker", lazy_regex(r"(?:^|\s)pum(?:\s|$)")),
)
_LIBRARY_ATTRIBUTES = (("Popup Maker", "data-popmake"), ("Bootstrap", "data-bs-backdrop"),
                       ("Bootstrap", "data-backdrop"))
_LIBRARY_FILES = {
    "Bootstrap": lazy_regex(r"bootstrap[\w.-]*\.js", re.I),
    "Magnific Popup": lazy_regex(r"magnific-popup", re.I),
    # WordPress ships jQuery UI's dialog as wp-includes/js/jquery/ui/dialog.min.js
    "jQuery UI": lazy_regex(r"jquery-ui|jquery\.ui|/ui/(?:widgets/)?dialog", re.I),
    "Fancybox": lazy_regex(r"fancybox", re.I),
    "Popup Maker": lazy_regex(r"popup-maker|pum-site-scripts", re.I),
    "Elementor": lazy_regex(r"/elementor(?:-pro)?/", re.I),
}
_MODAL_DIALOG = etree.XPath("boolean(*[contains(concat(' ', normalize-space(@class), ' '),"
                            " ' modal-dialog ')])")
_NAMED_OPENER = lazy_regex(r"""data-src\s*=\s*["']#([\w-]{1,100})["']""")
# the WordPress popup builders' own click triggers, each naming its popup: Popup Maker's
# `class="popmake-4321"` (or `href="#popmake-4321"`) opens `<div id="pum-4321">`;
# Elementor Pro's `href="#elementor-action:action=popup:open&settings=<base64 {"id":"123"}>"`
# opens `<div data-elementor-type="popup" data-elementor-id="123">`
_POPMAKE_TRIGGER = lazy_regex(r"(?:^|\s|#)popmake-(\d{1,10})(?:\s|$)")
_ELEMENTOR_TRIGGER = lazy_regex(r"action=popup:open&settings=([A-Za-z0-9+/=_-]{4,400})")
_ELEMENTOR_ID = lazy_regex(r"""["']id["']\s*:\s*["']?(\d{1,10})""")
_UI_DIALOG = lazy_regex(r"""\(\s*['"]#([\w-]{1,100})['"]\s*\)\s*\.\s*dialog\s*\(""")


def _fancybox_and_ui_ids(ctx: PageContext) -> frozenset[str]:
    """Ids a Fancybox link opens (`<a data-fancybox data-src="#id">`) or the page's code
    makes a jQuery UI dialog (`$("#id").dialog(…)`): a view, sought at the first ask."""
    def build() -> frozenset[str]:
        ids: set[str] = set()
        root = ctx.root
        if root is not None:
            for a in root.iter("a", "button"):
                if a.get("data-fancybox") is not None:
                    ids.update(_NAMED_OPENER.findall(f'data-src="{a.get("data-src") or ""}"'))
                    ids.add((a.get("href") or "").removeprefix("#"))
        if ctx.page is not None and ".dialog" in ctx.page.script_text:
            ids.update(_UI_DIALOG.findall(ctx.page.script_text))
        if root is not None:
            ids.update(_builder_triggers(root))
        ids.discard("")
        return frozenset(ids)

    return ctx.view("library dialog ids", build)


def _builder_triggers(root: etree._Element) -> set[str]:
    """The ids of the popups a WordPress popup builder's trigger on the page opens
    (`_POPMAKE_TRIGGER`, `_ELEMENTOR_TRIGGER`): Popup Maker's box is `pum-<n>`, an Elementor
    popup is named by its `data-elementor-id`, read here as `elementor-popup-<n>`."""
    ids: set[str] = set()
    for el in root.iter("a", "button", "span", "div", "li", "img"):
        for value in (el.get("class") or "", el.get("href") or ""):
            ids.update(f"pum-{n}" for n in _POPMAKE_TRIGGER.findall(value))
        href = el.get("href") or ""
        if "elementor-action" in href:
            m = _ELEMENTOR_TRIGGER.search(unquote(href))
            settings = base64_text(m.group(1)) if m else None
            ids.update(f"elementor-popup-{n}" for n in _ELEMENTOR_ID.findall(settings or ""))
    return ids


def _dialog_library(node: etree._Element) -> str | None:
    """The dialog library whose documented structure an element has, if any."""
    for library, name in _LIBRARY_ATTRIBUTES:
        if node.get(name) is not None:
            return library
    if (node.get("data-elementor-type") or "") == "popup":
        return "Elementor"
    classes = node.get("class") or ""
    for library, pattern in _LIBRARY_CLASSES:
        if pattern.search(classes):
            return library
    if re.search(r"(?:^|\s)modal(?:\s|$)", classes) and _MODAL_DIALOG(node):
        return "Bootstrap"
    return None


def _loads_library(ctx: PageContext, library: str) -> bool:
    """Whether the page loads a dialog library's script (by its file's name)."""
    pattern = _LIBRARY_FILES[library]
    return any(r.type is RequestType.SCRIPT and not r.hint and pattern.search(r.url)
               for r in ctx.resources)


# a quoted id or class selector's start (`'#myModal'`, `".newsletter-popup .close"`), and
# the DOM's lookups by an id or a class name (`getElementById("myModal")`)
_CODE_SELECTOR = lazy_regex(r"""['"]([#.][\w-]{1,200})(?![\w-])""")
_CODE_LOOKUP = lazy_regex(
    r"""getElement(?:ById|sByClassName)\(\s*['"]([\w-]{1,200})['"]""")
# what shows a box the code holds: its style's display, visibility or opacity set (not to
# `none`, `hidden` or 0, which hide it), its classes or `hidden`/`open` changed, or a
# library's call that opens or fades it in (jQuery's `show`, `fadeIn`, `slideDown`,
# `addClass`, `css`; Bootstrap's and jQuery UI's `modal`, `dialog`; `<dialog>`'s
# `showModal`): naming the box is not showing it
_SHOWS = lazy_regex(
    r"""\.\s*(?:style\s*\.\s*(?:display|visibility|opacity|cssText)\s*=(?!=)"""
    r"""(?!\s*(?:['"](?:none|hidden)['"]|0\b))"""
    r"""|style\s*\.\s*(?:setProperty|removeProperty)\s*\("""
    r"""|classList\s*\.\s*(?:add|remove|toggle|replace)\s*\(|className\s*\+?=(?!=)"""
    r"""|(?:hidden|open)\s*=(?!=)|(?:set|remove|toggle)Attribute\s*\(\s*['"]"""
    r"""(?:class|style|hidden|open|aria-hidden)['"]"""
    r"""|(?:show|showModal|fadeIn|fadeTo|fadeToggle|slideDown|slideToggle|toggle|addClass"""
    r"""|removeClass|toggleClass|modal|dialog|popup|open|animate)\s*\("""
    r"""|css\s*\((?!\s*['"](?:display|visibility)['"]\s*,\s*['"](?:none|hidden)['"]))""")
# a statement's bounds in code, as near as a pattern reads them (a line break before a
# chained call, `$('#m')⏎  .fadeIn()` as Prettier breaks a chain, ends none), and a name
# it assigns the box it looks up to (`var modal = document.getElementById("myModal")`)
_STATEMENT_END = lazy_regex(r";|\n(?!\s*\.)")
_ASSIGNED = lazy_regex(r"([A-Za-z_$][\w$]{0,60})\s*=(?!=)\s*[^;=\n]{0,120}$")
# a name something shown is held by (`modal.style.display = 'block'`, `$nl.fadeIn(`)
_NAME_SHOWN = lazy_regex(r"(?<![\w$.])([A-Za-z_$][\w$]{0,60})" + _SHOWS.pattern)


def _names_shown(code: str) -> dict[str, int]:
    """Each name a script shows a box by (`_NAME_SHOWN`), with where it last does: read
    once a script, not once a box the script names (a pattern per name over the rest of
    the code took 42 s on a 460 KB script naming 5,000 elements)."""
    return {m.group(1): m.start() for m in _NAME_SHOWN.finditer(code)}


def _shows_named(code: str, start: int, end: int, shown: dict[str, int] | None = None
                 ) -> bool:
    """Whether the statement naming a box at `code[start:end]` shows it: a call or an
    assignment that shows (`_SHOWS`) in the same statement (`$('#nl').fadeIn()`,
    `getElementById('m').style.display = 'block'`), or on the name it assigns the box to
    (`var modal = getElementById('myModal'); … modal.style.display = 'block'`), after it
    (`shown`: the script's `_names_shown`, read here when not given)."""
    before = code.rfind(";", max(0, start - 300), start)
    line = code.rfind("\n", max(0, start - 300), start)
    begin = max(before, line, start - 300) + 1
    after = _STATEMENT_END.search(code, end, end + 300)
    statement = code[begin: after.start() if after else end + 300]
    if _SHOWS.search(statement):
        return True
    assigned = _ASSIGNED.search(code[begin:start])
    if assigned is None:
        return False
    shown = _names_shown(code) if shown is None else shown
    return shown.get(assigned.group(1), -1) >= end


def _names_in_code(ctx: PageContext) -> dict[str, list[etree._Element]]:
    """`#id` and `.class` -> the page's scripts whose code shows the box so named, named
    as a quoted selector or a lookup (`_shows_named`): a view, read once (asked per
    ancestor of every hidden frame, a pattern over every script each time cost 180 s on
    a 1.4 MB page of 3,000 hidden frames). A script that only names the box
    (`var b = document.getElementById('promo')`) is a kit's as cheaply as a site's."""
    def build() -> dict[str, list[etree._Element]]:
        named: dict[str, list[etree._Element]] = {}
        for script in ctx.page.scripts if ctx.page is not None else ():
            code = script.text or ""
            names: set[str] = set()
            shown = _names_shown(code)
            for m in _CODE_SELECTOR.finditer(code):
                if m.group(1) not in names and _shows_named(code, m.start(), m.end(), shown):
                    names.add(m.group(1))
            for m in _CODE_LOOKUP.finditer(code):
                name = ("#" if m.group().startswith("getElementById") else ".") + m.group(1)
                if name not in names and _shows_named(code, m.start(), m.end(), shown):
                    names.add(name)
            for name in names:
                named.setdefault(name, []).append(script)
        return named

    return ctx.view("names in code", build)


def _named_by_code_outside(node: etree._Element, ctx: PageContext) -> bool:
    """Whether a script of the page outside an element shows it, naming it, quoted, by its
    id or a class as a selector or a lookup (`getElementById("myModal")`, `$('#nl')`,
    `querySelector('.newsletter-popup')`) with what shows a box (`_shows_named`): the
    page's code opening its dialog, as W3Schools' modal, the most copied, does. A bare
    quoted class word is any code's."""
    if ctx.page is None:
        return False
    ident = node.get("id") or ""
    keys = [f"#{ident}"] if ident else []
    keys += [f".{c}" for c in (node.get("class") or "").split()]
    if not keys:
        return False
    named = _names_in_code(ctx)
    return any(node not in script.iterancestors() for key in keys
               for script in named.get(key, ()))


# What a control's click handler shows, found from the clicked element (`this`,
# `$(this)`) or by an id (`getElementById('more')`, `$('#more')`), then a path of up to
# `_CLICK_STEPS` steps from it (jQuery's `next`, `siblings('.more')`, `parent`, `find`;
# the DOM's `nextElementSibling`, `parentNode`, `querySelector`), then what shows a box
# (`_SHOWS`): a "read more" block a visitor opens. Selectors are read only in their simple
# forms (a tag, classes, an id); anything else names nothing.
_CLICK_STEPS = 4
_CLICK_REACH = 2000  # characters of a handler read: an inline one, or a bound one's body
_STEP_REACH = 200  # elements one step takes from one element (its siblings, descendants)
_CLICK_START = lazy_regex(
    r"""this(?<![\w$.]this)(?![\w$])|(?:\$|jQuery)\(\s*this\s*\)"""
    r"""|(?:getElementById\(\s*|(?:\$|jQuery|querySelector)\(\s*['"]#)(['"]?)([\w-]{1,100})['"]\s*\)""")
_CLICK_STEP = lazy_regex(
    r"""\s*\.\s*(?:(next|prev|nextAll|prevAll|siblings|parent|closest|find|children"""
    r"""|querySelector)\(\s*(?:(['"])([^'"]{0,100})\2\s*)?\)"""
    r"""|(nextElementSibling|previousElementSibling|parentNode|parentElement"""
    r"""|firstElementChild|lastElementChild)(?![\w$]))""")
_SIMPLE_SELECTOR = lazy_regex(r"([a-zA-Z][\w-]*)?((?:[.#][\w-]+)*)")
# a handler bound by jQuery to the elements of a selector: `$('.rm').click(function(e) {`,
# `.on('click', function`, `$(document).on('click', '.rm', function`
_BOUND_CLICK = lazy_regex(
    r"""(?:\$|jQuery)\(\s*(?:(['"])([^'"]{1,100})\1|document)\s*\)\s*\.\s*"""
    r"""(?:click\(|on\(\s*['"]click['"]\s*,\s*(?:(['"])([^'"]{1,100})\3\s*,\s*)?)"""
    r"""\s*function\s*\([^()]{0,60}\)\s*\{""")
_BOUND_MAX = 40  # bound handlers read a page


@functools.lru_cache(maxsize=256)
def _selector_parts(selector: str) -> tuple[str, frozenset[str], frozenset[str]] | None:
    """(tag, classes, ids) of a selector of the simple forms (`.more`, `div.more`, `#x`,
    `p`; the tag "" for any), read once a selector; None for another form."""
    m = _SIMPLE_SELECTOR.fullmatch(selector.strip())
    if m is None or not (m.group(1) or m.group(2)):
        return None
    parts = re.findall(r"[.#][\w-]+", m.group(2))
    return ((m.group(1) or "").lower(), frozenset(p[1:] for p in parts if p[0] == "."),
            frozenset(p[1:] for p in parts if p[0] == "#"))


def _simple_match(el: etree._Element, selector: str | None) -> bool:
    """Whether an element matches a selector of the simple forms (`_selector_parts`); no
    selector matches any element, another form none."""
    if not selector:
        return True
    parts = _selector_parts(selector)
    if parts is None:
        return False
    tag, classes, ids = parts
    return (not tag or str(el.tag).lower() == tag) and (
        not ids or (len(ids) == 1 and el.get("id") in ids)) and (
        not classes or classes <= set((el.get("class") or "").split()))


def _siblings(el: etree._Element, forward: bool) -> Iterator[etree._Element]:
    node = el.getnext() if forward else el.getprevious()
    while node is not None:
        if isinstance(node.tag, str):
            yield node
        node = node.getnext() if forward else node.getprevious()


def _step(els: list[etree._Element], name: str, selector: str | None) -> list[etree._Element]:
    """The elements one traversal step (jQuery's or the DOM's) takes `els` to."""
    out: list[etree._Element] = []
    for el in els:
        if name in ("next", "nextElementSibling", "prev", "previousElementSibling"):
            got = next(_siblings(el, name.startswith("next")), None)
            found = [got] if got is not None else []
        elif name in ("nextAll", "prevAll"):
            found = list(islice(_siblings(el, name == "nextAll"), _STEP_REACH))
        elif name == "siblings":
            found = [*islice(_siblings(el, False), _STEP_REACH),
                     *islice(_siblings(el, True), _STEP_REACH)]
        elif name in ("parent", "parentNode", "parentElement"):
            found = [p] if (p := el.getparent()) is not None else []
        elif name == "closest":
            up = next((x for x in (el, *el.iterancestors()) if _simple_match(x, selector)),
                      None) if selector else None
            found = [up] if up is not None else []
        elif name in ("find", "querySelector"):
            found = [x for x in islice(el.iterdescendants(etree.Element), _STEP_REACH)
                     if _simple_match(x, selector)][: 1 if name == "querySelector" else None]
            selector = None
        elif name == "children":
            found = [x for x in islice(el, _STEP_REACH) if isinstance(x.tag, str)]
        else:  # firstElementChild, lastElementChild
            kids = [x for x in islice(el, _STEP_REACH) if isinstance(x.tag, str)]
            found = kids[:1] if name == "firstElementChild" else kids[-1:]
        out += [x for x in found if name == "closest" or _simple_match(x, selector)]
    return out


def _click_shows(code: str, clicked: list[etree._Element], page: ParsedPage
                 ) -> Iterator[etree._Element]:
    """The elements a click handler's `code` shows: each path from the clicked elements or
    an id it looks up, of up to `_CLICK_STEPS` steps, followed by what shows a box."""
    for start in _CLICK_START.finditer(code, 0, _CLICK_REACH):
        if start.group(2):
            found = page.with_id(start.group(2))
            els = [found] if found is not None else []
        else:
            els = list(clicked)
        at = start.end()
        for _ in range(_CLICK_STEPS):
            step = _CLICK_STEP.match(code, at)
            if step is None or not els:
                break
            els = _step(els, step.group(1) or step.group(4), step.group(3))
            at = step.end()
        if els and _SHOWS.match(code, at):
            yield from els


def _clicked_open(ctx: PageContext) -> frozenset[etree._Element]:
    """The elements a control the visitor sees (`_openers`' test: words, a label or a
    button, no hiding of it or a wrapper) shows on its click: by its own `onclick`, or a
    jQuery handler bound to it; the view of the page, read at the first block asked. A
    "read more" a visitor opens, `$(this).next().show()`, is the page's own UI."""
    def build() -> frozenset[etree._Element]:
        page = ctx.page
        if page is None:
            return frozenset()
        hidden = _sheet_hidden(ctx)
        shown: set[etree._Element] = set()
        for el in page.with_handlers:
            code = el.get("onclick")
            if code and _visible_control(el, hidden):
                shown.update(_click_shows(code, [el], page))
        text = page.script_text
        if "click" in text and "function" in text:
            bound: dict[str, list[str]] = {}  # a selector -> the bodies of its handlers
            for found in islice(_BOUND_CLICK.finditer(text), _BOUND_MAX):
                selector = (found.group(4) or found.group(2) or "").strip()
                if _selector_parts(selector) is None:
                    continue
                end = closing_bracket(text, found.end() - 1, "{", "}",
                                      found.end() + _CLICK_REACH)
                bound.setdefault(selector, []).append(
                    text[found.end(): end if end > 0 else found.end() + _CLICK_REACH])
            for selector, controls in _bound_controls(page, bound, hidden).items():
                for body in bound[selector]:
                    shown.update(_click_shows(body, controls, page))
        return frozenset(shown)

    return ctx.view("clicked open", build)


def _bound_controls(page: ParsedPage, bound: Collection[str],
                    hidden: dict[etree._Element, SheetHiding]
                    ) -> dict[str, list[etree._Element]]:
    """The controls a visitor sees that each selector of `bound` (simple forms) names, in
    one pass over the page: each element is asked of the selectors keyed by its tag, its
    classes or its id, not of every selector."""
    keyed: dict[str, list[str]] = {}
    for selector in bound:
        parts = _selector_parts(selector)
        if parts is not None:
            tag, classes, ids = parts
            key = "#" + min(ids) if ids else "." + min(classes) if classes else tag
            keyed.setdefault(key, []).append(selector)
    out: dict[str, list[etree._Element]] = {}
    if not keyed:
        return out
    for el in page.root.iter(etree.Element):
        keys = [str(el.tag).lower(), *("." + c for c in (el.get("class") or "").split())]
        if el.get("id"):
            keys.append("#" + str(el.get("id")))
        for key in keys:
            for selector in keyed.get(key, ()):
                if _simple_match(el, selector) and _visible_control(el, hidden):
                    out.setdefault(selector, []).append(el)
    return out


def _visible_control(el: etree._Element, hidden_by_sheet: dict[etree._Element, SheetHiding]
                     ) -> bool:
    """Whether a visitor sees a control to click: a button, or words, a label or an icon
    inside it, with no hiding of it or a wrapper (`_control_shown`)."""
    return bool(str(el.tag).lower() == "button" or len(el) or (el.text or "").strip()
                or el.get("aria-label") or el.get("title") or el.get("value")) \
        and _control_shown(el, hidden_by_sheet)


def _in_dialog(el: etree._Element, ctx: PageContext) -> bool:
    """Whether a hidden frame is in a dialog, tab or menu the page's own stack opens,
    told by something outside the box: a control naming it (`_in_widget`'s opened ids, a
    tab panel with its tabs, a Fancybox link), the page's code naming it, or a dialog
    library's structure where the page loads that library. What a box says of itself
    (`role="dialog"`, `aria-modal`, a close button inside it, a class word) an injected
    overlay writes as cheaply: a kit's frame in `<div role="dialog">` with a × read low."""
    if _in_widget(el, ctx, by_names=False, by_roles=False):
        return True
    node: etree._Element | None = el.getparent()
    for _ in range(_DIALOG_LEVELS):
        if node is None:
            return False
        popup = node.get("data-elementor-id") if node.get(
            "data-elementor-type") == "popup" else None
        if (node.get("id") and node.get("id") in _fancybox_and_ui_ids(ctx)) \
                or (popup and f"elementor-popup-{popup}" in _fancybox_and_ui_ids(ctx)) \
                or _named_by_code_outside(node, ctx):
            return True
        if (library := _dialog_library(node)) is not None and _loads_library(ctx, library):
            return True
        node = node.getparent()
    return False


# Hosts of uploaded files, not of pages (Blogger's and Google Photos' images): anyone's
# files (`open_host`), yet a link there promotes no site: a lightbox's image links
_UPLOADS = (".googleusercontent.com",)
_SHARE_PATHS = ("share", "submit", "sharer", "intent", "bookmark", "send", "post")


def _shares(url: str) -> bool:
    """A share or submit link: its query carries a URL (`sharer.php?u=https%3A…`,
    `digg.com/submit?url=…`). Link farms link to their targets, not through a sharer.

    >>> _shares("https://digg.com/submit?phase=2&url=https%3A%2F%2Fp.dw.com%2Fp%2F2X")
    True
    >>> _shares("https://casino.example/best-slots")
    False
    """
    query = url.find("?")
    if query < 0 or ("://" not in url[query:] and "%3a%2f%2f" not in url[query:].lower()):
        return False  # no URL in its query (split only such links: a farm's 30,000 are not)
    parts = split_url(url)
    path = parts.path.lower() if parts is not None else ""
    if parts is None or not any(word in path for word in _SHARE_PATHS):
        return False  # a link farm can add `?x=http://…` to any link
    return any("://" in value for _, value in parse_qsl(parts.query))


def _hides_the_page(el: etree._Element, bodies: tuple[etree._Element, ...], reason: str
                    ) -> bool:
    """Whether a hidden element is the page itself, not a block in it: `<html>` or
    `<body>` faded in (opacity or visibility, whatever its links: a link aggregator fades
    in too), or `<html>`, `<body>` or the wrapper of every article body holding more text
    than link text. Anti-flicker and fade-in code hides the whole page until its scripts
    run (`<body style="opacity:0">`, saved before they did); a link farm hides a block of
    links in a page left visible."""
    tag = str(el.tag).lower()
    if tag in ("html", "body") and reason == "visibility:hidden/opacity:0":
        return True
    if tag not in ("html", "body") and not (bodies and all(
            b is el or any(a is el for a in b.iterancestors()) for b in bodies)):
        return False
    return not _mostly_links(el)


def _mostly_links(*els: etree._Element) -> bool:
    """Whether at least half the text of elements (and of the text between them, their
    tails) is their links' text: a farm's block is, a page's or an article's (prose around
    a few links) is not."""
    text = links = 0
    for el in els:
        code = sum(_visible_chars(s.text or "") for s in el.iter("script", "style"))
        own = sum(_visible_chars(str(t)) for t in el.itertext()) - code
        text += own + (_visible_chars(el.tail or "") if len(els) > 1 else 0)
        # a link is its own links' text (a farm's loose links are each a block: 30,000)
        links += own if el.tag == "a" and not code else sum(
            _visible_chars(str(t)) for a in el.iter("a") for t in a.itertext())
    return links * 2 >= text


def _visible_chars(text: str) -> int:
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")


# The Japanese keyword hack (Google Search Central's "Fix the Japanese keyword hack",
# Sucuri's write-ups): a hacked site serves pages of its own (`/?abc123`, `/xyz.php?id=`)
# selling counterfeit brand goods, and links them from hidden blocks whose anchors say so:
# "ルイヴィトン 財布 スーパーコピー", "エルメス コピー 代引き", "偽物", "N級品", "ロレックス
# レプリカ". These words call a thing fake: コピー as goods, a word of its own or before a
# goods word (品, 時計, 財布, 激安, …), not inside another katakana word or before anything
# else (キャッチコピー a catchphrase, セールスコピーの書き方 a copywriter's post, コピー機 a
# copier, コピー用紙 copy paper, コピーライト copyright); レプリカ alone, not an official
# レプリカユニフォーム a football shop sells; a luxury brand's name joined to コピー always.
# Bargain words (激安 "rock-bottom", 格安, 通販 "mail order") are any Japanese shop's own
# menu, so they mark a link only on a page not written in Japanese.
_COUNTERFEIT = lazy_regex(
    r"スーパーコピー|(?:ブランド|(?<![ァ-ヺー]))コピー(?=$|[\s、,・/|｜]|品|商品|時計|腕時計|財布"
    r"|バッグ|ブランド|激安|格安|通販|代引|[NＮSＳ]級|専門|販売|服|靴)|偽物|偽ブランド|[NＮ]級"
    r"|レプリカ(?![ァ-ヺー])"
    # a luxury brand's name joined to コピー, the hack's commonest anchor (ロレックスコピー,
    # ルイヴィトンコピー財布): a brand's copy is no copywriter's
    r"|(?:ロレックス|ヴィトン|シャネル|エルメス|グッチ|プラダ|オメガ|ウブロ|カルティエ|ブルガリ"
    r"|パネライ|フランクミュラー|モンクレール|バーバリー|ディオール|セリーヌ|ボッテガ|ゴヤール"
    r"|クロムハーツ|シュプリーム|バレンシアガ|フェンディ|ティファニー|ロエベ|サンローラン"
    r"|ブライトリング|タグホイヤー|パテックフィリップ|オーデマピゲ|ジェイコブ|コーチ|ミュウミュウ"
    r"|ヴァレンティノ|ジバンシー|ナイキ|アディダス)コピー")
_BARGAIN = lazy_regex(r"激安|格安|通販|代引")
# what a counterfeit site sells, by kind or by the brand it copies
_FAKED_GOODS = (
    r"(?:watch(?:es)?|(?:hand)?bags?|purses?|wallets?|shoes|sneakers|sunglasses|belts?"
    r"|jewel(?:le)?ry|designer|luxury|rolex|louis|vuitton|gucci|chanel|herm[eè]s|prada|omega"
    r"|cartier|breitling|hublot|moncler|ugg|oakley|ray~?ban|michael~+kors)")
# what link farms sell besides the Japanese hack's counterfeits, in their anchors' words or
# their sites' names: counterfeits in English, Chinese and Korean (replica watches, 高仿,
# 레플리카), gambling (English; Indonesian's judi/togel/slot gacor/slot88; Chinese,
# Korean, Vietnamese and Thai betting words), pills, adult, loans. A local business a
# club lists (a pharmacy, a bank's home loans) sells none of them: pharmacies and loans
# count as farms sell them, online and without prescription, payday and quick. By RE2:
# `re` tried its many branches at each letter of an anchor (1.5 s a megabyte); words
# are parted by spaces and `-_./`, not `\W`, whose Unicode class outgrew RE2's DFA
_SPAM_ANCHOR: Any = re2_text_pattern((
    r"casino|\bslots?\d*\b|poker|roulette|baccarat|blackjack|\bbet(?:ting|\d+)?\b|\b\d+x?bet\b"
    r"|sbobet|sportsbook|bookmaker|judi|judol|togel|gacor|viagra|cialis|levitra|kamagra"
    r"|tramadol|xanax|(?:online|canadian|no~?prescription)~+pharmacy|pharmacy~+online"
    r"|(?:no|without(?:~+a)?)~+prescription|\bpills?\b|porn|\bxxx\b|\bsex\b|escort|hentai"
    r"|payday|(?:quick|fast|instant|cash|bad~+credit|online)~+loans?\b|\bloans?~+online"
    # counterfeits by their goods: 'replica', 'counterfeit' and 'knockoff' alone are a
    # newspaper's words (its "Digital replica" e-edition, a story on counterfeit bills)
    r"|replicas?(?:~*|~+[^~]+~+)" + _FAKED_GOODS + r"|" + _FAKED_GOODS + r"~*replicas?"
    r"|(?:counterfeit|knock~?off)s?~+(?:[^~]+~+)?" + _FAKED_GOODS +
    r"|\bcheap~+(?:[^~]+~+)?(?:jerseys?|watch(?:es)?|(?:hand)?bags?|shoes|sneakers|nike|ugg"
    r"|rolex|louis|gucci|oakley|ray~?ban|michael~+kors)"
    r"|(?:louis~+vuitton|rolex|gucci|chanel|herm[eè]s|prada|moncler|ugg|michael~+kors"
    r"|ray~?ban|oakley)~+(?:outlet|replica|cheap|sale)"
    r"|kasino|казино|букмекер|高仿|复刻|精仿|仿品|[AＡ]货|博彩|赌场|娱乐城|百家乐|六合彩"
    r"|레플리카|카지노|토토(?:$|[^로])|바카라|먹튀|슬롯|nhà~+cái|cá~+cược|tài~+xỉu|nổ~+hũ"
    r"|คาสิโน|บาคาร่า|สล็อต|แทงบอล").replace("[^~]", r"[^\s\-_./]").replace("~", r"[\s\-_./]"))
_JAPANESE_LANG = lazy_regex(r"^\s*ja\b", re.I)


def _japanese_page(ctx: PageContext) -> bool:
    """Whether a page is written in Japanese: its `<html lang>` says so, or its title is
    in kana (a Japanese shop's theme left at `lang="en-US"` is a Japanese page; the hack
    adds links, not a title). Read once a page, at the first link whose words ask."""
    def read() -> bool:
        assert ctx.root is not None
        if _JAPANESE_LANG.match(ctx.root.get("lang") or ""):
            return True
        title = ctx.root.find(".//title")
        return title is not None and bool(KANA.search(title.text or ""))

    return ctx.view("japanese", read)


def _keyword_hack_anchor(text: str, ctx: PageContext) -> bool:
    """Whether a link's words sell counterfeit goods as the Japanese keyword hack's do
    (a bargain's words are a Japanese page's own)."""
    return bool(_COUNTERFEIT.search(text) or (_BARGAIN.search(text)
                                              and not _japanese_page(ctx)))


def hidden_links(ctx: PageContext) -> Iterator[Finding]:
    """A hidden block of several off-site links, or of links to the site's own pages
    that sell counterfeit goods (the Japanese keyword hack): injected SEO spam. A block
    written after the page's closing `</html>` is one shown or not: no template writes
    there, a hacked server appends its farm there."""
    if ctx.root is None or ctx.page is None:  # (a page's tree: both or neither)
        return
    first_party = ctx.first_party or presumed_first_party(ctx.root)
    end = after_html(ctx)
    reported: set[etree._Element] = set()
    hidden_blocks = _hidden_blocks(ctx)
    styled = ctx.page.carrying("style", "hidden", keep=may_hide)
    for el in in_document_order(dict.fromkeys([*styled, *hidden_blocks])) if hidden_blocks \
            else styled:
        if str(el.tag).lower() in ("head", "script", "style"):
            continue
        sheet = hidden_blocks.get(el)
        # a block a script's own rule hides: a kit's one link is its whole farm on the page
        # (where the rule's name or offset is a kit's, or the link's words sell spam)
        least = 1 if sheet is not None and sheet.scripted else LINK_FARM_MIN
        if next(islice(el.iter("a"), least - 1, None), None) is None:
            continue  # fewer links than a farm holds (most styled elements hold none)
        inline = inline_hiding(el)
        sheet = sheet if inline is None else None
        said = inline or (sheet.said if sheet is not None else None)
        if said is None or (reported and any(a in reported for a in el.iterancestors())):
            continue
        reason = said.split(",", 1)[0]  # how, without the rule that says so
        if reason == ZERO_FONT and _FONT_SIZE(el):
            continue  # the inline-block whitespace trick: children set their own size
        toggled = reason in _TOGGLED
        if toggled and not (end and line_of(el) > end) and (
                _in_widget(el, ctx) or _holds_opened(el, ctx) or el in _clicked_open(ctx)):
            continue  # a menu, tab, drawer or "read more"; none is written after `</html>`
        if _hides_the_page(el, ctx.bodies, reason):
            continue
        # the script's rule, where it (not the element's own style) hides the block
        scripted = sheet if sheet is not None and sheet.scripted else None
        if scripted is not None and not _mostly_links(el):
            continue  # a few links in prose a script hides: a notice, not a farm
        found = _link_farm(ctx, el, list(el.iter("a")), f"hidden block ({said})", toggled,
                           first_party, generated=sheet is not None and sheet.generated
                           and _beside_disclosure(ctx, el, hidden_blocks),
                           by_script=sheet is not None and sheet.by_id,
                           least=1 if scripted is not None else LINK_FARM_MIN,
                           least_sells=scripted is not None and not scripted.kit,
                           gated=toggled and sheet is not None
                           and not (end and line_of(el) > end)
                           and _GATED_WORDS.search(markup_names(el)) is not None)
        if found is not None:
            reported.add(el)
            yield found
    if not end or ctx.page is None:
        return
    tops, links = _written_after(ctx.page.tagged("a"), end)
    if len(links) < LINK_FARM_MIN or any(
            x in reported for a in links for x in a.iterancestors()):
        return  # hidden, and reported above
    # all that was written there, else one element of it (a farm after a second copy of
    # the page, whose prose outweighs it)
    for block in (tops, *([top] for top in tops if len(tops) > 1)):
        inside = links if block is tops else list(block[0].iter("a"))
        if len(inside) < LINK_FARM_MIN or not _mostly_links(*block):
            continue  # a document or an article written after another's end: prose
        found = _link_farm(ctx, block[0], inside,
                           "block written after the page's closing </html>", False,
                           first_party, vendors=False, shown=True)
        if found is not None:
            yield found
            return


# --- links server code prints only to crawlers ----------------------------------------

# a server-side branch on the visitor's user agent, read in a template's source: `if (`
# then a condition (`preg_match('/googlebot/i', $_SERVER['HTTP_USER_AGENT'])`,
# `stripos($ua, 'bingbot') !== false`) holding a crawler's name
_SERVER_IF = lazy_regex(r"\bif\s*\(", re.I)
_UA_READ = lazy_regex(r"HTTP_USER_AGENT")
# a variable the user agent is put in (`$ua = strtolower($_SERVER['HTTP_USER_AGENT'])`)
_UA_VARIABLE = lazy_regex(
    r"(\$\w{1,40})\s*=\s*(?:\w{1,20}\s*\(\s*)?(?:\$_SERVER\s*\[\s*['\"]?|getenv\s*\(\s*['\"])"
    r"HTTP_USER_AGENT")
_SERVER_CRAWLER = lazy_regex(
    r"googlebot|bingbot|msnbot|slurp|yandex\w{0,6}|baiduspider|mediapartners|\bbot\b|crawl"
    r"|spider", re.I)
# what turns a branch away from crawlers: a lone `!` (not `!=`/`!==`), a test against
# false or 0 (`strpos(…) === false`), `not`
_UA_NEGATED = lazy_regex(r"(?<![!=])!(?!=)|(?<![!=])===?\s*(?:false|0)\b"
                         r"|\b(?:false|0)\s*===?|\bnot\b", re.I)
# a link in what the branch prints, quotes as written or escaped in a string; the address
# and the rest of the tag possessive (giving back to the rest gets it no further): a tag
# no `>` closes is tried once per `href` in it, not once per split of its address
_PRINTED_LINK = lazy_regex(
    r"""<a\s[^<>]{0,500}?href\s*=\s*\\?['"]?((?:https?:)?//[^'"\s<>\\]{1,500}+)"""
    r"""[^<>]{0,500}+>([^<]{0,300})""", re.I)
_CONDITION_MAX = 1_000  # characters an `if`'s condition may hold
_BRANCH_MAX = 50_000  # characters of a branch read for the links it prints


_CODE_MARK = lazy_regex(r"<\?|\?>|<%|%>")
_NON_SPACE = lazy_regex(r"\S")
# what ends a `:` branch: its `else`, `elseif` (the people's page, another test) or `endif`
_ENDIF = lazy_regex(r"\b(?:endif|else(?:\s*if)?)\b", re.I)


class _ServerCode:
    """Whether offsets, asked in increasing order, lie in a server-side code block
    (`<?php`, `<?`, `<%`) the text opens and has not closed there: source the server runs,
    no markup. Its marks are read forward once, however many offsets are asked."""

    def __init__(self, text: str) -> None:
        self._marks = _CODE_MARK.finditer(text)
        self._next = next(self._marks, None)
        self._inside = False

    def at(self, offset: int) -> bool:
        while self._next is not None and self._next.start() < offset:
            self._inside = self._next.group(0) in ("<?", "<%")
            self._next = next(self._marks, None)
        return self._inside


def _branch_end(text: str, at: int) -> int:
    """The end of the branch whose body starts at `at`, past its condition: a `{…}` block
    (braces counted, bounded), a `:` block to its `else`, `elseif` or `endif`, else the
    one statement to its `;`."""
    limit = min(len(text), at + _BRANCH_MAX)
    head = _NON_SPACE.search(text, at, limit)
    if head is None:
        return limit
    start = head.start()
    if text[start] == "{":
        depth = 0
        for i in range(start, limit):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            if depth == 0:
                return i
        return limit
    if text[start] == ":":
        endif = _ENDIF.search(text, start, limit)
        return limit if endif is None else endif.start()
    end = text.find(";", start, limit)
    return limit if end < 0 else end


def crawler_only_links(ctx: PageContext) -> Iterator[Finding]:
    """Off-site links a template's server code prints only when the visitor's user agent
    is a crawler's (`if (preg_match('/googlebot/i', $_SERVER['HTTP_USER_AGENT'])) { echo
    <<<x <a href=…>buy viagra</a> … }`): cloaked SEO spam, shown to search engines and
    hidden from people, read where a page is saved as its source. A theme testing the
    agent for another reason prints no off-site link in that branch (a mobile layout, no
    lazy loading for crawlers) or turns its branch away from crawlers (analytics for
    people only), or prints there what it prints people too (a lighter page for crawlers,
    its people's page in the `else` printing the same footer; a profile or share link).
    Led by the literal `HTTP_USER_AGENT`; each `if` after it reads a bounded condition and
    branch, once, and the template's printed links are counted in one pass."""
    text = ctx.document.text
    first = text.find("HTTP_USER_AGENT")
    if first < 0:
        return
    names = {m.group(1) for m in _UA_VARIABLE.finditer(text)}
    first_party = ctx.first_party or (presumed_first_party(ctx.root)
                                      if ctx.root is not None else None)
    server_code = _ServerCode(text)
    base = ctx.url or "https://site.invalid/"
    # each crawler branch printing off-site links: its `if`, the crawler named, its links
    branches: list[tuple[int, str, list[tuple[str, str]]]] = []
    done = 0  # where the last condition or branch read ends: each character read once
    for opened in _SERVER_IF.finditer(text, max(0, text.rfind("\n", 0, first))):
        if opened.start() < done:
            continue
        limit = min(len(text), opened.end() + _CONDITION_MAX)
        close = closing_bracket(text, opened.end() - 1, "(", ")", limit)
        done = limit if close < 0 else close
        if close < 0:
            continue
        condition = text[opened.end():close]
        crawler = _SERVER_CRAWLER.search(condition)
        if crawler is None or _UA_NEGATED.search(condition) or not (
                _UA_READ.search(condition) or any(n in condition for n in names)) \
                or not server_code.at(opened.start()):
            continue
        end = _branch_end(text, close + 1)
        done = end
        links = [(url, words) for m in _PRINTED_LINK.finditer(text, close + 1, end)
                 if (url := resolve(m.group(1), base))
                 and is_third_party(host_of(url), first_party)
                 for words in [" ".join(html.unescape(m.group(2)).split())]]
        if links:
            branches.append((opened.start(), crawler.group(0), links))
    if not branches:
        return
    # a link the template prints outside its crawler branches too (the people's page of a
    # theme's lighter one for crawlers, in its `else`) is cloaked from no one; nor is a
    # profile, a share or a vendor's content link (a footer's Twitter and Facebook)
    printed = Counter(_link_place(url) for m in _PRINTED_LINK.finditer(text)
                      if (url := resolve(m.group(1), base)))
    to_crawlers = Counter(_link_place(url) for _, _, links in branches for url, _ in links)
    offsite = list(dict.fromkeys(url for _, _, links in branches for url, _ in links))
    benign = {url for url, runner in zip(offsite, ctx.catalogue.runners_of(
        [(url, host_of(url)) for url in offsite]), strict=True)
        if _category(runner) in _BENIGN_LINK or _shares(url)
        or host_of(url).lower().endswith(_UPLOADS)}
    for at, crawler_name, found in branches:
        links = [(url, words) for url, words in found if url not in benign
                 and printed[_link_place(url)] <= to_crawlers[_link_place(url)]]
        if not links:
            continue
        urls = sorted({url for url, _ in links})
        domains = sorted({site_of(host_of(url)) for url in urls})
        sells = any(_SPAM_ANCHOR.search(words) or _SPAM_ANCHOR.search(
            re.sub(r"[-.]", " ", host_of(url))) for url, words in links)
        high = sells or len(urls) >= LINK_FARM_MIN
        sites = ", ".join(domains[:6]) + (" …" if len(domains) > 6 else "")
        yield finding(
            HIDDEN_LINKS, Severity.HIGH if high else Severity.MEDIUM,
            f"server code prints {len(urls)} {noun_for(len(urls), 'off-site link')} to "
            f"{counted(len(domains), 'site')} only to visitors whose user agent is a "
            f"crawler's ({crawler_name}): links cloaked from people, shown to search "
            f"engines: {sites}"
            + ("" if high else "; its words selling nothing link farms sell: check that the "
               "site's template prints them"),
            " ".join(domains), line=text.count("\n", 0, at) + 1,
            key=("crawler-only links", *domains))


_DISCLOSES = ("aria-expanded", "aria-haspopup", "aria-controls")
_CONTROL_LEVELS = 2  # how far up a block the control opening it may be (its parent's sibling)
_CONTROL_DEPTH = 1  # how deep in a sibling a control naming nothing may be (a child of it)


def _beside_disclosure(ctx: PageContext, el: etree._Element,
                       sheet_hidden_els: dict[etree._Element, SheetHiding]) -> bool:
    """Whether a control a visitor sees that says it opens something (`aria-expanded`,
    `aria-haspopup`, `aria-controls`: MUI's and Chakra's menu and accordion buttons render
    them) sits beside a block, in its parent or one level up. A CSS-in-JS class hiding a
    block is a closed state only where something renders the open one: the library's
    class and sheet cost a kit one attribute to copy; a visible button opening its links
    is one the site's owner and its visitors would see. The control opens this block: its
    `aria-controls` names the block or an element in it, or, naming nothing, it stands
    beside the block (a sibling or a sibling's child), not deep in the header beside it
    (the theme's menu button names its own menu; its search toggle opens the search). No
    hiding of it or a wrapper, inline or by a rule of the page's sheets
    (`sheet_hidden_els`): a kit hides the opener it copies as cheaply as its block. The
    page's controls are read once (`_disclosures`), not each block's siblings again."""
    index = ctx.view("disclosure controls", lambda: _disclosures(ctx, sheet_hidden_els))
    if not index:
        return False
    inside: frozenset[str] | None = None
    node = el
    for _ in range(_CONTROL_LEVELS):
        parent = node.getparent()
        if parent is None:
            break
        for beside, named, depth in index.get(parent, ()):
            if beside is node:
                continue  # within the block (or the wrapper it sits in): not beside it
            if not named:
                if depth <= _CONTROL_DEPTH:
                    return True
                continue
            if inside is None:
                inside = frozenset(str(x.get("id")) for x in el.iter(etree.Element)
                                   if x.get("id"))
            if any(n in inside for n in named):
                return True
        node = parent
    return False


_DISCLOSING: Any = etree.XPath(
    "//*[@aria-expanded or @aria-controls or (@aria-haspopup and @aria-haspopup != 'false')]")


def _disclosures(ctx: PageContext, sheet_hidden_els: dict[etree._Element, SheetHiding]
                 ) -> dict[etree._Element, list[tuple[etree._Element, list[str], int]]]:
    """The page's disclosure controls a visitor sees (words or a label, no hiding of it or
    a wrapper, inline or by the page's sheets), filed under each ancestor's parent: for a
    parent, (the child of it holding the control, the ids the control names, how deep below
    that child it sits). `_beside_disclosure` asks a block's parent and grandparent."""
    out: dict[etree._Element, list[tuple[etree._Element, list[str], int]]] = {}
    if ctx.root is None:
        return out
    for control in _DISCLOSING(ctx.root):
        if not ((" ".join(str(t) for t in control.itertext()).strip()
                 or control.get("aria-label")) and _inline_shown(control)
                and control not in sheet_hidden_els
                and not any(up in sheet_hidden_els for up in control.iterancestors())):
            continue
        named = (control.get("aria-controls") or "").split()
        child, depth = control, 0
        while (parent := child.getparent()) is not None:
            out.setdefault(parent, []).append((child, named, depth))
            child, depth = parent, depth + 1
    return out


def _depth(el: etree._Element, top: etree._Element) -> int:
    """How many levels below `top` an element of its subtree is (0 for `top`)."""
    depth = 0
    while el is not top and (up := el.getparent()) is not None:
        el, depth = up, depth + 1
    return depth


def _written_after(links: Iterable[etree._Element], end: int
                   ) -> tuple[list[etree._Element], list[etree._Element]]:
    """What was written after the line `end` (the page's `</html>`) that holds links: the
    outermost elements written there (the parser moves them into the body, its last
    children; a loose link is its own), and their links. One block, however the writer
    wraps each link (`<p><a>…</a></p>` a line): a hacked server appends it all at once."""
    tops: dict[etree._Element, None] = {}
    after: list[etree._Element] = []
    for a in links:
        if line_of(a) <= end:
            continue
        block = a
        while (parent := block.getparent()) is not None and str(parent.tag) not in (
                "body", "html") and line_of(parent) > end:
            block = parent
        tops.setdefault(block, None)
        after.append(a)
    return list(tops), after


def _shown_link_urls(ctx: PageContext) -> frozenset[str]:
    """The addresses of the links a visitor sees, as the page's other readers of one read
    it (`_link_shown`: no hiding of it or a wrapper, inline, by the page's own sheet or by
    its script (`_hidden_blocks`), none in a `<noscript>` or `<template>`, the old trick
    of links for crawlers alone, nor for screen readers alone; `_clickable`), none
    written after `</html>` (a copy a hacked server appends); each as the place it opens
    (`_link_place`). A view, read at the first hidden block that would make a farm; each
    element is read once."""
    def build() -> frozenset[str]:
        assert ctx.page is not None
        hidden_blocks = _hidden_blocks(ctx)
        seen: dict[etree._Element, bool] = {}
        end = after_html(ctx)
        return frozenset(
            _link_place(url) for a in ctx.page.tagged("a")
            if not (end and line_of(a) > end)
            and (url := resolve(a.get("href") or "", ctx.url))
            and _clickable(a) and _link_shown(a, hidden_blocks, seen))

    return ctx.view("shown link urls", build)


def _link_place(url: str) -> str:
    """Where a link opens, as two copies of one menu may write it: its host and path, not
    its scheme, its query (a site tags each copy's links by where they stand,
    `?utm_medium=ribbon`) or its fragment; no path is the root's."""
    split = split_url(url)
    if split is None:
        return url
    return f"{(split.hostname or '').lower()}{split.path or '/'}"


def _link_farm(ctx: PageContext, el: etree._Element, links: list[etree._Element], what: str,
               toggled: bool, first_party: str | None, *,
               vendors: bool = True, shown: bool = False, generated: bool = False,
               by_script: bool = False, least: int = LINK_FARM_MIN, least_sells: bool = False,
               gated: bool = False) -> Finding | None:
    """The finding for a block's links when they make a farm: three or more off-site
    addresses, or three anchors whose own words sell what link farms sell over fewer
    addresses in a block mostly of links (a kit's `slot gacor`, `slot online`, `slot
    pulsa` to one paid page; not a review's prose naming its affiliate link) (of three
    sites when a script may show the block; `least` of them where
    the hiding rule is one an inline script writes; with `least_sells`, fewer than three
    only where their words sell what link farms sell), or three or more of the site's own
    counterfeit-goods pages. Without `vendors`, a link to any vendor the
    catalogue knows counts for none (an old site's counter badges, printed after its
    `</html>`, link their counters: a farm links sites no vendor runs). A `shown` block
    (after `</html>`, no hiding) of off-site links is high only when its words sell what
    link farms sell (counterfeits, gambling, pills, adult, loans): an old site's broken
    template prints its sponsors' or friends' links there too, a reviewer checks them. So
    is a block a CSS-in-JS library's `generated` class hides (a React site's closed "our
    network" menu of its sister sites, which its script renders open with another class),
    and one an inline script hides by its id (`by_script`: a no-script notice's links).
    A `gated` block (a members' or subscribers' box its name says a script shows them,
    toggled off by the page's own sheet, not its own style) is a farm only where its words
    sell what link farms sell. A hidden block's off-site link the page also shows a visitor
    (`_shown_link_urls`) counts for none: a sticky ribbon or a mobile menu copies the
    header's links, a link farm hides links the page shows nowhere."""
    offsite: dict[str, str] = {}
    # (url, words) of each off-site link whose own words sell what link farms sell: a kit
    # varies its anchors over one paid address (`slot gacor`, `slot online`, `slot pulsa`
    # to one page), each anchor a keyword it sells, one URL
    selling: dict[tuple[str, str], str] = {}
    spam_pages: set[str] = set()  # the site's own pages the keyword hack made
    counterfeit = False  # an off-site link's words sell counterfeits as the hack's do
    spam = False  # an off-site link's words sell what link farms sell
    offsite_links: list[tuple[str, str, str]] = []  # (url, host, words), asked together
    for a in links:
        url = resolve(a.get("href") or "", ctx.url)
        if not url:
            continue
        host = host_of(url)
        words = " ".join(str(t) for t in a.itertext())
        if not is_third_party(host, first_party):
            if _keyword_hack_anchor(words, ctx):
                spam_pages.add(url)
            continue
        offsite_links.append((url, host, words))
    runners = ctx.catalogue.runners_of([(url, host) for url, host, _ in offsite_links])
    for (url, host, words), runner in zip(offsite_links, runners, strict=True):
        counterfeit = counterfeit or _keyword_hack_anchor(words, ctx)
        # the words or the site's name: a kit's "click here" to onlinecasino-best.example
        spam = spam or bool(_SPAM_ANCHOR.search(words)
                            or _SPAM_ANCHOR.search(re.sub(r"[-.]", " ", host)))
        category = _category(runner)
        if category in _BENIGN_LINK or (not vendors and category is not None) \
                or _shares(url) or host.lower().endswith(_UPLOADS):
            continue
        offsite.setdefault(url, site_of(host))  # each platform customer a site
        if _SPAM_ANCHOR.search(words):
            selling.setdefault((url, " ".join(words.lower().split())), site_of(host))
    if not shown and max(len(offsite), len(selling)) >= least:
        visible = _shown_link_urls(ctx)
        offsite = {url: site for url, site in offsite.items()
                   if _link_place(url) not in visible}
        selling = {key: site for key, site in selling.items()
                   if _link_place(key[0]) not in visible}
    # links: distinct URLs, or anchors that sell where the block is a list of links (a
    # review's prose naming its affiliate link three ways is the site's own)
    farm = len(selling) if len(selling) > len(offsite) and (
        shown or _mostly_links(el)) else len(offsite)
    domains = sorted(set(offsite.values()))
    if len(spam_pages) >= LINK_FARM_MIN:
        own = ", ".join(sorted(spam_pages)[:3]) + (" …" if len(spam_pages) > 3 else "")
        return finding(HIDDEN_LINKS, Severity.HIGH,
                       f"{what} of {len(spam_pages)} links to the site's own pages selling "
                       "counterfeit goods (the Japanese keyword hack: the site serves spam "
                       f"pages of its own): {own}",
                       " ".join(sorted(spam_pages)), line=ctx.cited_line(el), xpath=ctx.xpath(el),
                       key=("japanese keyword hack", *sorted(spam_pages)))
    if least_sells and not (counterfeit or spam):
        least = LINK_FARM_MIN  # a theme's notice or menu a script hides, selling nothing
    if gated and not (counterfeit or spam):
        return None  # the offer a paywall shows its subscribers
    if farm < least or (toggled and len(domains) < least):
        return None
    sites = ", ".join(domains[:6]) + (" …" if len(domains) > 6 else "")
    unmarked = (shown or generated or by_script) and not (counterfeit or spam)
    note = ("; shown, its words selling nothing link farms sell: check that the site's "
            "template printed these links (an old site's sponsors)" if shown else
            "; a CSS-in-JS class (a state its library's script swaps: a closed menu) and "
            "words selling nothing link farms sell: check that the site shows these links"
            if generated else
            "; hidden by a script, its words selling nothing link farms sell: check that "
            "the site's own script hides these links (a no-script notice's)")
    return finding(HIDDEN_LINKS, Severity.MEDIUM if unmarked else Severity.HIGH,
                   f"{what} of {farm} {noun_for(farm, 'off-site link')} to "
                   f"{counted(len(domains), 'site')}: {sites}"
                   + (" (counterfeit-goods anchors: the Japanese keyword hack)"
                      if counterfeit else "")
                   + (note if unmarked else ""), " ".join(domains),
                   line=ctx.cited_line(el), xpath=ctx.xpath(el), key=tuple(domains))


HIDDEN_IFRAME = FindingKind(
    "hidden-iframe", (Severity.LOW, Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "A hidden third-party iframe",
    "A zero-size, 1-pixel, hidden or off-screen iframe (or one in a hidden wrapper; or "
    "one an inline script writes, read alike plain or escaped: percent, `\\x`, `\\u`, "
    "`String.fromCharCode`, `atob`) loads "
    "another site that is not a tag manager, analytics, consent, chat, fraud-check or content "
    "vendor: a classic injected payload, and how vendors' helper frames look too. High after "
    "the page's closing `</html>` whatever it loads; of a host the catalogue does not know, "
    "high with a mark of injection (before `<html>`, in a WordPress post body or an article "
    "the page copies, a bare IP address, plain `http:` on an `https:` page, a host dressed as "
    "a brand or a CDN, a traffic distribution system's entry point such as `in.cgi?3` or "
    "`go.php`): remove it and find how it got in. Medium for an unknown host with no mark, "
    "and for an advertising vendor's frame that bears such a mark (even of a network the "
    "page's tags run), that asks for an ad no visitor sees (a zone or a size to fill in its "
    "address, even beside the network's own tags: a stack's helpers ask for none; not an ad "
    "in a menu, tab or dialog a control the visitor sees opens), or that "
    "the page's tags do not run and says no job: check that the "
    "site added it; medium too for an unknown host's job the page shows nothing of: a "
    "user-sync address on a page running no ad stack (an ad network's tag or slot, or the "
    "Prebid library; not a tag manager, analytics, a queue stub or a Prebid config "
    "alone) or sending to a host no one the catalogue knows runs, a sign-in, storage or "
    "captcha address, or a CMP locator's name, of a site no visible link, form or "
    "drop-down of the page shows (not one hidden by a rule of the page's sheets, in "
    "`<noscript>` or of a screen-reader-only class), nor a script or stylesheet of a vendor "
    "the catalogue knows there by its host (an unknown host's own script vouches for "
    "nothing, nor does a self-hosted vendor's file name on it: a kit loads its own "
    "beside its frame), a 3-D Secure frame on a page taking no card. Low when the frame says a "
    "job vendors document a hidden frame for, an ad vendor's or an unknown host's, with "
    "no mark and with what comes with the job (by its "
    "name: 3-D Secure's `threeDSMethodIframe`, a CMP's `__tcfapiLocator`; by its address: "
    "`user-sync`, `cookie_sync`, `match`, `getuid`, `acs.`, `/3ds/`, `sso`, `login`, "
    "`storage`, `xdomain`, a captcha; an ad network's sync address the catalogue gives, "
    "Amazon's `/iu3`; by its place: a zero-size frame in an HTML `<noscript>`, a tag's "
    "fallback for visitors without scripts, an unknown host's, an ad company's or a "
    "catalogued ad network's that sells no pop, push or interstitial: Rocket Fuel's "
    "`ca.html` conversion frame), is a silent sign-in by the request its address makes "
    "(an OAuth/OIDC "
    "`/authorize` asking `prompt=none` or a framed `response_mode`, `web_message`, for a "
    "`client_id` whose `redirect_uri` is the page's own site, on an identity provider's "
    "own host: Auth0's, Okta's, Sign in with Apple's, any tenant; or on the page's own site, "
    "its provider's custom domain, a `redirect_uri` if named the page's; Clerk's "
    "`/v1/client/handshake` answering to the page's site; the words "
    "on another host are its author's to write, no sign-in), sits in a menu, tab or dialog "
    "the page's own stack "
    "opens (a control or a script outside the box naming it, a tab panel with its tabs, "
    "or a modal library's markup with its library loaded; not the box's own role, "
    "`aria-modal`, close control or class words, nor a script that names the box without "
    "showing it), or "
    "belongs to an ad network the page's own tags run with no mark (a loader, a slot "
    "other than the frame itself, a Prebid bidder the running stack configures; not one "
    "in a post body, a copied article or after `</html>`, nor a bidder's frame sending "
    "to a host no one the catalogue knows runs): its "
    "user-sync and helper frames, a fact about the stack; low too for a Prebid bidder's frame "
    "with no mark on a page running an ad stack, whatever its address says (a managed "
    "stack's bundle holds the bidder config the saved page does not show).",
)

TRACKING_PIXEL = FindingKind(
    "tracking-pixel", (Severity.LOW,), Severity.LOW,
    "A third-party tracking pixel",
    "A third-party 1×1 or hidden image: a beacon that reports the visit to its host (one "
    "finding per host). A hidden image of a size a visitor sees once a script shows it (a "
    "spinner, an icon) counts only where the filter lists block it or the catalogue files its "
    "host under tracking; a hidden static file (no query) of a host the page shows its images "
    "from or links most of its head's stylesheets from, which neither marks, is the site's "
    "spacer (`1.gif`, a skip link's `clear.gif`), none. On a page read without its address, "
    "the site most of its links go to is the page's own: its hidden loading spinner is the "
    "site's. A fact about the page's "
    "trackers; remove it if the site did not choose the vendor.",
)

HIDDEN_LINKS = FindingKind(
    "hidden-links", (Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "A hidden block of off-site links (a link farm)",
    "A block hidden by its own inline style (or by a rule of the page's own `<style>` that "
    "alone names its class or id: `<style>.xq7k{display:none}</style>`, or by an inline "
    "script that looks it up by its id and sets its display to none or its visibility to "
    "hidden, no code of the page showing it: a nulled theme's `<div id='hideMe'>` and "
    "`document.getElementById('hideMe').style.display='none'` after it), or written after "
    "the page's closing `</html>` "
    "(shown or not: no template writes there), holds three or more links to other sites, or to "
    "the site's own pages whose words sell counterfeit goods (the Japanese keyword hack: "
    "`スーパーコピー`, `偽物`, `N級`; `激安` and `通販` on a page not in Japanese) (not share"
    " or follow buttons, not links the page also shows a visitor, with words, an image or an "
    "SVG logo, outside any hidden block: a sticky ribbon's or a mobile menu's copy of the "
    "header's; not a menu, tab panel or drawer a script toggles: by its tag, role or "
    "names, or a visible button's `aria-controls`, `data-bs-target`, `popovertarget` or a "
    "`data-toggle` link's `href` naming it or a list in it (the page's first element of "
    "that id, as a browser's lookup finds it), a tab panel only beside a visible tab; "
    "none after `</html>` is one; not a members' or subscribers' box the page's sheet hides "
    "until a paywall script shows them, by its names (`.member-only`, `.subscriber-offer`, "
    "`#paywall-offer`), unless its links' words sell what link farms sell; not the whole "
    "page or article an anti-flicker or fade-in script hides until it runs, unless it is "
    "hidden by other than opacity or visibility and its text is mostly links): "
    "SEO spam injected into the page. So is a block of mostly links holding one link to "
    "another site that a rule an inline script writes into a `<style>` it creates hides, "
    "the rule's name made up at random, its offset past any screen or the link's words "
    "selling what link farms sell "
    "(`#M6b…{position:fixed;top:-152413851px}` added to the head by the script beside the "
    "block): a kit's one link a page, hidden from visitors, not from crawlers (a theme's "
    "`.nojs-note` or off-canvas menu a script hides is no kit). "
    "Remove the block and find how it got in. Medium for "
    "a block shown after `</html>` whose links' words sell nothing link farms sell "
    "(counterfeits, gambling, pills, adult, loans): an old site's broken template prints "
    "its sponsors' links there too; check that the site did. Medium too for a block a "
    "CSS-in-JS library's generated class hides (Emotion's `css-1x2y3z` in its "
    "`<style data-emotion>`, styled-components', JSS's) beside a control a visitor sees "
    "that opens it (`aria-expanded`, `aria-haspopup`, `aria-controls`): a closed state its "
    "script swaps for an open one, unless its words sell what link farms sell. The "
    "library's names with nothing visible to open the block are a kit's copy: high. Medium "
    "too for a block a script hides by its id whose words sell nothing link farms sell (a "
    "no-script notice's browser links): check that the site's own script hides them. "
    "In a template saved as its source, off-site links its server code prints only to "
    "crawlers (`if (preg_match('/googlebot/i', $_SERVER['HTTP_USER_AGENT'])) { echo … }`) "
    "are cloaked the same way, hidden from people: high where they are three or more or "
    "their words sell what link farms sell, else medium; a branch for people only, one "
    "printing no off-site link, or only what the template prints people too (a lighter "
    "page for crawlers, its people's page in the `else`) or profile and share links, is "
    "none.",
)

KINDS = (HIDDEN_IFRAME, TRACKING_PIXEL, HIDDEN_LINKS)
HEURISTICS = (hidden_iframes, tracking_pixels, hidden_links, crawler_only_links)
