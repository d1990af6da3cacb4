"""Injection signs in markup: loaders injected once per slot, ad code in the post body,
ad-template comments."""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import NamedTuple

from lxml import etree

from auditor.dom.noscript import in_noscript
from auditor.dom.page import ParsedPage
from auditor.dom.parser import line_at, line_of
from auditor.heuristics.interface import FindingKind, PageContext, finding
from auditor.heuristics.popunders import pop_tag
from auditor.lazy_re import lazy_regex
from auditor.metrics import inside_bodies
from auditor.model import Category, Finding, Severity, Slot
from auditor.provenance.evidence import credited_syndication, named_outright
from auditor.readers.sniff import SERVER_CODE_OPEN
from auditor.slots import AD_LABEL
from auditor.urls import browser_host, host_of
from auditor.words import counted

# Words that ad templates leave in comments, in the languages scraper kits ship in.
# A bare "banner" is a theme's hero image (`<!-- header banner image -->`), not an ad.
_AD_COMMENT_WORDS = lazy_regex(
    r"\b(?:ads?|advert(?:isement)?s?|banner[ -]?ads?|ad[ -]?banners?"
    r"|ad[ -]?(?:slot|zone|unit|code|block|space|tag)s?)\b"
    r"|广告|廣告|广告位|реклама|anzeige|publicit[ée]|publicidad|werbung",
    re.I,
)

# a list of code names (`…jsScripts.jspf CategoryRelated,GptAdService,MediaNet,Outbrain,`):
# four or more tokens without a space, joined by commas. A CMS's or build's comment listing
# the modules it included names vendors as items of such a list; an ad template's marker
# names its ad in words (`<!-- Begin Outbrain widget -->`, `<!-- Ad slot 300x250 -->`)
_CODE_LIST = lazy_regex(r"(?<![\w.$/-])(?:[\w.$/-]+,){3,}[\w.$/-]*")


def _only_listed(text: str, found: Sequence[re.Match[str]]) -> bool:
    """Whether every ad word `found` in a comment's `text` is an item of a list of code
    names (`_CODE_LIST`), none in the comment's words."""
    runs = [m.span() for m in _CODE_LIST.finditer(text)]
    return bool(runs) and all(any(a <= m.start() and m.end() <= b for a, b in runs)
                              for m in found)

# a program's data dump, in the `key => value` pairs PHP's print_r and Perl's Data::Dumper
# print (a CMS's debug output left in its pages: `(Module: "ctr-lt" as AdOpenx) format: =>
# 300x250 zone id: => 12345`): the ad modules it names are its data, no ad's marker
_DUMP_ARROWS = 3
# a dump's pair: its key closed by a bracket, a quote or a colon before the arrow (`[zone] =>
# 12`, `'zone' => 12`, `zone id: => 12`); a script's arrow function follows its parameters
# (`() => {…}`, `n => n`), so a commented-out tag written with them is no dump
_DUMP_PAIR = lazy_regex(r"""[\]'":]\s{0,8}=>""")


def _data_dump(text: str) -> bool:
    """Whether a comment's `text` is a program's data dump (`_DUMP_ARROWS` pairs or more)."""
    return text.count("=>") >= _DUMP_ARROWS and len(
        list(islice(_DUMP_PAIR.finditer(text), _DUMP_ARROWS))) >= _DUMP_ARROWS


# where AMP's extension scripts, each registering the elements its `custom-element` names,
# are served from: any other script's copies are copies, whatever attributes they carry
AMP_CDN = "cdn.ampproject.org"


def duplicate_loaders(ctx: PageContext) -> Iterator[Finding]:
    """The same ad loader included more than once: a kit pasting whole units.

    Loaders are the catalogue's `loaders` (or, for networks it does not know, any
    advertising script); `unit_loaders`, which a vendor's own tag repeats per unit, do
    not count. In a post body the copies are injected units (`medium`), unless each sits
    in a block of the site's ad plugin (`plugin_blocks`); in a full page they are the
    publisher's own copy-paste (`low`). An AMP page registers each custom
    element with its own `<script custom-element>`, and `amp-embed` is registered from
    `amp-ad-0.1.js` as AMP's docs say: one file under two element names is no copy.
    """
    copies: dict[str, list[str]] = defaultdict(list)  # the loader -> the scripts' paths
    network_of: dict[str, str | None] = {}
    first: dict[str, tuple[int, str, str]] = {}  # the loader -> its first copy's line, path, url
    for res in ctx.resources:
        if res.via != "script[src]" or res.category is not Category.ADVERTISING:
            continue
        network = ctx.catalogue.network_named(res.network) if res.network else None
        if network is not None and (network.is_unit_loader(res.url)
                                    or (network.loaders and not network.is_loader(res.url))):
            continue
        loader = _loader_key(res.url)
        copies[loader].append(res.xpath)
        network_of[loader] = res.network
        first.setdefault(loader, (res.line, res.xpath, res.url))
    blocks = plugin_blocks(ctx)
    registers: dict[str, str] | None = None  # script path -> the AMP element it registers
    for loader, paths in copies.items():
        line, xpath, url = first[loader]
        redundant = len(paths) - 1
        if redundant and ctx.root is not None and host_of(url) == AMP_CDN:
            if registers is None:
                registers = {ctx.xpath(s): s.get("custom-element") or ""
                             for s in ctx.root.iter("script") if s.get("custom-element")}
            per_element = Counter(registers.get(path, "") for path in paths)
            redundant = sum(n - 1 for n in per_element.values())  # beyond one per element
        if redundant:
            # an ad plugin's blocks each carry their unit's loader, as the vendor's code does
            own = (blocks is not None
                   and all(blocks.placed(path, network_of[loader]) for path in paths))
            yield finding(
                DUPLICATE_LOADER,
                Severity.MEDIUM if ctx.document.in_post_body and not own else Severity.LOW,
                f"ad loader {url} is included {len(paths)} times ({redundant} redundant "
                f"{'copy' if redundant == 1 else 'copies'}): units pasted whole, one per slot",
                evidence=url,
                line=line,
                xpath=xpath,
            )


def _loader_key(url: str) -> str:
    """One loader whatever scheme a copy names: a page pastes `//host/x.js` in one unit and
    `https://host/x.js` in the next (a Blogger widget beside the theme's head tag), and a
    browser loads both.

    >>> _loader_key("http://a.test/x.js") == _loader_key("https://a.test/x.js")
    True
    """
    return url.partition("://")[2] or url


def ads_in_body(ctx: PageContext) -> Iterator[Finding]:
    """Ad units someone other than the site's template put into the page.

    A WordPress post body (`content.rendered`) holds no ad code of the theme's: the theme
    places ads around it. A site's own ad plugin hooking `the_content` does write units
    into it, each in its block (`_placed_by_plugin`): those are a check, the rest injected.
    In a full page, publishers place their own ads between
    paragraphs, so a unit in the article body is injected only with evidence: the
    article is another site's (the page republishes it, by its provenance), its
    network's loader sits inside the body too and the network appears nowhere outside
    it (not the site's ad stack); or the ad code comes after the closing `</html>`
    or before the `<html>` start tag (a free host or a hacked server prepends its code
    to every page it serves). A unit pasted whole with its loader into a page's own
    article is how AdSense, Outbrain and most networks tell a publisher to place it
    (each AdSense unit's code carries `adsbygoogle.js`): that alone is no evidence. How
    much ad load a publisher's own template carries is a metric, not a finding.
    """
    if ctx.root is None:
        return
    # Affiliate widgets (Amazon native shopping ads) are placed in posts by design.
    slots = [s for s in ctx.slots if s.category is not Category.AFFILIATE and s.kind == "ad"]
    after = after_html(ctx)
    shown: dict[str, str] = {}  # a group's wording, where it is not its key
    if ctx.document.in_post_body:
        placed, plugins, raw = _placed_by_plugin(ctx, slots)
        groups = {_IN_POST: raw, _IN_PLUGIN_BLOCK: placed}
        shown[_IN_PLUGIN_BLOCK] = (f"the post body, in an in-content block of {', '.join(plugins)}"
                                   ": check that the site's own plugin placed it")
    else:
        inside = inside_bodies(ctx.bodies, ctx.xpath)

        outside = {r.network for r in ctx.resources if r.network and not inside(r.xpath)}
        outside |= {s.network for s in slots if s.network and not inside(s.xpath)}
        loaders_in_body = {r.network for r in ctx.resources
                           if r.via == "script[src]" and r.network and inside(r.xpath)}
        copied = sorted({p.domain for p in ctx.republishes})
        in_copy = [s for s in slots if copied and s.network in loaders_in_body - outside
                   and inside(s.xpath)]
        # a source only a credit label names is a check, not an injection; so is an
        # article the page shows it republishes under the original's credit (a licence)
        named = [p for p in ctx.republishes if named_outright(p)]
        copy = (_IN_CREDITED if not named else _IN_SYNDICATED
                if all(credited_syndication(p) for p in named) else _IN_ARTICLE)
        groups = {
            copy: in_copy,
            "the page after its closing </html>": [
                s for s in slots
                if after and past_html_end(ctx, s.line, s.zone_id or "", id_word=True)],
        }
        shown[_IN_ARTICLE] = (f"the article body copied from {', '.join(copied)} with its "
                              "loader, a network the rest of the page does not use")
        shown[_IN_SYNDICATED] = (f"the article body republished from {', '.join(copied)} "
                                 "under its credit line, with its loader, a network the rest "
                                 "of the page does not use: check whether the site placed it "
                                 "in an article it may run, or the page copies that article")
        shown[_IN_CREDITED] = (f"the article body credited to {', '.join(copied)} with its "
                               "loader, a network the rest of the page does not use: check "
                               "whether the page copies that article")
        yield from _code_before_html(ctx)
    for where, in_body in groups.items():
        by_network: dict[str, list[Slot]] = defaultdict(list)
        for slot in in_body:
            by_network[slot.network or "unattributed"].append(slot)
        for network, group in sorted(by_network.items()):
            first = min(group, key=lambda s: s.line)  # the finding points at its first slot
            yield finding(
                AD_IN_BODY,
                Severity.MEDIUM if where in _CHECKS else Severity.HIGH,
                f"{counted(len(group), f'{network} ad slot')} "
                f"{'' if where in _CHECKS else 'injected '}inside "
                f"{shown.get(where, where)}",
                evidence=network,
                line=first.line,
                xpath=first.xpath,
                key=(network, where),
            )
    if ctx.document.in_post_body:
        yield from _pop_tags_in_post(ctx, {s.network for s in slots})


def _pop_tags_in_post(ctx: PageContext, with_slots: set[str | None]) -> Iterator[Finding]:
    """A pop network's tag in a post body: a pop has no slot to count, and no template or
    ad plugin's block writes one into `content.rendered` (pops are site-wide: a site adds
    them in its head or footer), so the post's tag is injected like a unit pasted raw. A
    network whose slots are in the post is already named with them."""
    for network in ctx.networks:
        if network.name in with_slots or (tag := pop_tag(ctx, network)) is None:
            continue
        _evidence, line, xpath, _text = tag
        inert = in_noscript(xpath)  # pasted, but it opens no window: a check, not an act
        yield finding(
            AD_IN_BODY,
            Severity.MEDIUM if inert else Severity.HIGH,
            f"{network.name} pop tag injected inside {_IN_POST}: " + (
                "an inert copy inside <noscript>, where no script runs; check who pasted it"
                if inert else "a click opens an ad window behind the page"),
            evidence=network.name,
            line=line,
            xpath=xpath,
            key=(network.name, _IN_POST),
        )


# the post-body groups' keys: the first is what every post-body slot's was before units in
# an ad plugin's block were told apart, so the seeds' finding ids stay
_IN_POST = "the post body (WordPress content.rendered)"
_IN_PLUGIN_BLOCK = "the post body, in an ad plugin's in-content block"

# The blocks WordPress ad plugins and themes wrap around the units they add to a post's
# content (their `the_content` filters), as each one's source writes them; (name, test on
# an element's class tokens and id):
# - Ad Inserter: `<div class="code-block code-block-N" style=…>`, its default block class
#   `DEFAULT_BLOCK_CLASS_NAME = 'code-block'` (ad-inserter/constants.php) plus the block's
#   number;
# - WP QUADS / Quick AdSense Reloaded: `<!-- WP QUADS Content Ad Plugin v. … -->` then
#   `<div class="quads-location quads-adN" id="quads-adN" style=…>`
#   (includes/template-functions.php);
# - Newspaper (tagDiv): `<div class="td-a-rec td-a-rec-id-content_inline …">`, also
#   `content_top`, `content_bottom`, `content_inlineleft`/`right` (the classes scrapers
#   of its sites remove from the post);
# - Jannah (TieLabs): `insert_article_inline_ad()` wraps its code in `<div class="stream-item
#   stream-item-in-post stream-item-inline-post align…">`;
# - Ezoic: the placeholders its WordPress integration writes into content,
#   `<div|span id="ezoic-pub-ad-placeholder-NNN" class="ezoic-adpicker-ad">`, which Ezoic's
#   docs ("Wrapping Ads") also put around a site's existing units, and its served
#   `<span class="ezoic-ad …">`;
# Advanced Ads and Insert Post Ads write no fixed class: `_ADVADS_PREFIX` and
# `_INSERT_POST_ADS` below.
_AD_PLUGIN_BLOCKS: tuple[tuple[str, Callable[[frozenset[str], str], bool]], ...] = (
    ("Ad Inserter", lambda cls, _id: "code-block" in cls
     and any(re.fullmatch(r"code-block-\d+", c) for c in cls)),
    ("WP QUADS", lambda cls, el_id: "quads-location" in cls
     or re.fullmatch(r"quads-(?:vi-)?ad\d+", el_id) is not None),
    ("the Newspaper theme", lambda cls, _id: "td-a-rec" in cls
     and any(c.startswith("td-a-rec-id-content_") for c in cls)),
    ("the Jannah theme", lambda cls, _id: {"stream-item", "stream-item-in-post"} <= cls),
    ("Ezoic", lambda cls, el_id: el_id.startswith("ezoic-pub-ad-placeholder-")
     or bool({"ezoic-adpicker-ad", "ezoic-ad"} & cls)),
)
# Advanced Ads' wrapper id is its frontend prefix and a random number (`$prefix . mt_rand()`,
# Pro's `generate_wrapper_id()`); unless the site sets its own, the prefix is the first
# five-character run of the site's host and a hyphen, else `advads-` (`get_frontend_prefix()`:
# `preg_match('/[A-Za-z][A-Za-z0-9_]{4}/', host)`): only the site's own host makes one
_ADVADS_PREFIX = lazy_regex(r"[A-Za-z][A-Za-z0-9_]{4}")
# Insert Post Ads (WPBeginner) 1.1: after a paragraph, `<div class="` + eight random letters
# + `" style="clear:both;float:left;width:100%;margin:0 0 20px 0;">` (insertAdAfterParagraph)
_INSERT_POST_ADS = "clear:both;float:left;width:100%;margin:0020px0;"  # spaces taken out
_RANDOM_CLASS = lazy_regex(r"[0-9A-Za-z]{8}")


def _plugin_block(el: etree._Element, advads: tuple[str, ...]) -> str | None:
    """The ad plugin whose in-content block `el` is, by the markup its source writes."""
    cls = frozenset((el.get("class") or "").split())
    el_id = el.get("id") or ""
    for name, test in _AD_PLUGIN_BLOCKS:
        if test(cls, el_id):
            return name
    if el_id.startswith(advads) and el_id.split("-")[-1].isdigit() and el.tag == "div":
        return "Advanced Ads"
    style = "".join((el.get("style") or "").split())
    if len(cls) == 1 and _RANDOM_CLASS.fullmatch(next(iter(cls))) and style == _INSERT_POST_ADS:
        return "Insert Post Ads"
    return None


class PluginBlocks(NamedTuple):
    """A post body's ad-plugin blocks: which plugin's block an element (by xpath) is in, and
    the networks pasted outside every block (a kit's, beside any block of theirs)."""

    block_of: Callable[[str], str | None]
    raw_networks: frozenset[str | None]

    def placed(self, xpath: str, network: str | None) -> str | None:
        """The plugin whose block placed a unit or loader of `network` at `xpath`."""
        return None if network in self.raw_networks else self.block_of(xpath)


def plugin_blocks(ctx: PageContext) -> PluginBlocks | None:
    """A post body's ad-plugin blocks (a view of the page), or None where it has none or a
    kit's mark is on the whole post: an article copied from another site (provenance), or a
    pop tag (no plugin's block makes a unit of one)."""
    if ctx.page is None or not ctx.document.in_post_body:
        return None
    return ctx.view("ad plugin blocks", lambda: _plugin_blocks(ctx))


def _plugin_blocks(ctx: PageContext) -> PluginBlocks | None:
    if ctx.root is None or ctx.republishes:
        return None
    advads: tuple[str, ...] = ("advads-",)
    host = host_of(ctx.url) if ctx.url else ""
    if (own := _ADVADS_PREFIX.search(host)) is not None:
        advads += (own.group(0) + "-",)
    blocks = {ctx.xpath(el) + "/": name for el in ctx.root.iter(etree.Element)
              if (name := _plugin_block(el, advads)) is not None}
    if not blocks or any(pop_tag(ctx, network) is not None for network in ctx.networks):
        return None

    def block_of(path: str) -> str | None:
        """The outermost block holding `path`: a look-up per level of the path, not a test
        per block (a post of 4,000 blocks took 18 s)."""
        path += "/"
        at = path.find("/", 1)
        while at >= 0:
            if (name := blocks.get(path[: at + 1])) is not None:
                return name
            at = path.find("/", at + 1)
        return None

    raw = {s.network for s in ctx.slots if s.kind == "ad" and block_of(s.xpath) is None}
    raw |= {r.network for r in ctx.resources if r.via == "script[src]"
            and r.category is Category.ADVERTISING and block_of(r.xpath) is None}
    return PluginBlocks(block_of, frozenset(raw))


def _placed_by_plugin(ctx: PageContext,
                      slots: list[Slot]) -> tuple[list[Slot], list[str], list[Slot]]:
    """(units an ad plugin's in-content block holds, the plugins, the other units) of a
    post body. A site's ad plugin hooks `the_content`, so its units are in the REST API's
    `content.rendered` too: nothing shows whose account they earn for, so they are a check
    (medium), not an injection. A kit's marks keep every unit with the others: those on the
    whole post (`plugin_blocks`), or the block's network pasted raw beside it (a loader or
    unit outside every block: the plugin writes each of its units in a block)."""
    blocks = plugin_blocks(ctx)
    if blocks is None:
        return [], [], slots
    placed: list[Slot] = []
    plugins: set[str] = set()
    rest: list[Slot] = []
    for slot in slots:
        name = blocks.placed(slot.xpath, slot.network)
        if name is None:
            rest.append(slot)
        else:
            placed.append(slot)
            plugins.add(name)
    return placed, sorted(plugins), rest


# the article-body group's key: its finding ids stay what they were before it named the
# source the article was copied from
_IN_ARTICLE = "the article body with its loader, a network the rest of the page does not use"
_IN_CREDITED = "the article body a credit label alone names the source of, with its loader"
_IN_SYNDICATED = "the article body republished under the original's credit, with its loader"
_CHECKS = frozenset({_IN_PLUGIN_BLOCK, _IN_CREDITED, _IN_SYNDICATED})  # a check (medium)
_HTML_START = lazy_regex(r"<html[\s>]", re.I)
STARTS_TRIED = 4  # `<html` matches tried for the page's own start tag (others are in strings)
# --- the page's markup before its `<html>` ------------------------------------------
# a server-side code block (the forms `readers.sniff` reads past)
_SERVER_CODE = lazy_regex(SERVER_CODE_OPEN, re.I)
# code that prints what it holds where it stands: PHP's echo and print, ASP's and JSP's
# writes (an echo tag, `<?=`/`<%=`, is read by its opening)
_PRINTS = lazy_regex(r"\b(?:echo|print|printf|vprintf)\b|\bResponse\.Write\b"
                     r"|\bout\.(?:print|write)", re.I)
BLOCKS_ON_A_LINE = 8  # server code blocks sharing a line read for a tag on it


def _html_start(text: str) -> int:
    """The offset of the page's own `<html>` start tag, else -1 (`html_start_line`)."""
    for n, m in enumerate(_HTML_START.finditer(text)):
        if n == STARTS_TRIED:
            break
        before = text[: m.start()]
        if before.rfind("<") > before.rfind(">"):
            continue  # inside another tag
        lowered = before.lower()
        if lowered.count("<script") > lowered.count("</script"):
            continue  # inside a script
        return m.start()
    return -1


def html_start_line(text: str) -> int:
    """The line of the page's own `<html>` start tag, else 0: a `<html` inside a tag's
    attribute (`srcdoc="<html>…"`) or a script's string (`document.write("<html>")`) is
    not it, and a fragment (a WordPress post body) has none."""
    at = _html_start(text)
    return line_at(text, at) if at >= 0 else 0


def page_start_line(ctx: PageContext) -> int:
    """`html_start_line` of the page, a view of it: `outside_markup` asks it per script,
    and on a page with no `<html>` tag of its own (HTML5 lets a page leave it out) each
    ask read the whole text up to 4 times (59 s for 2,000 scripts of a 2.3 MB page)."""
    return ctx.view("<html> line", lambda: html_start_line(ctx.document.text))


class _SilentBlock(NamedTuple):
    """A server-side code block before the page's `<html>` or after its last `</html>`
    that prints none of its text: the lines it opens and closes on, and its offsets (`?>`
    included)."""

    first: int
    last: int
    start: int
    end: int


def silent_server_code(text: str) -> tuple[_SilentBlock, ...]:
    """The server-side code blocks before the page's `<html>`, or after its last
    `</html>`, that print nothing where they stand, leading or between markup: a template
    saved as its source (a PHP front controller whose first 300 lines store its ad tags
    in strings, `$sidebar .= '<script …>'`, printed where its markup echoes them; its
    footer code left after the page's end). Their markup is source the server runs, not
    output before or after the page. A block that echoes (`<?=`, `echo`, `print`,
    `Response.Write`) writes its text there; an unclosed one ends the walk (what follows
    is read as markup). Walked once, by position.

    >>> [c[:2] for c in silent_server_code("<?php\\n$a = '<b>ad</b>';\\n?>\\n<html></html>")]
    [(1, 3)]
    >>> [c[:2] for c in silent_server_code("<html></html>\\n<%\\nad = '<b>'\\n%>")]
    [(2, 4)]
    >>> silent_server_code("<?php echo '<b>'; ?>\\n<?= $a ?>\\n<html>"), silent_server_code(
    ...     "<?php $a = 1;\\n<html>"), silent_server_code("<html></html><?php echo $a; ?>")
    ((), (), ())
    """
    blocks = _silent_blocks(text, 0, max(_html_start(text), 0), 1)
    end = _last_html_close(text)
    if end >= 0:
        blocks += _silent_blocks(text, end + 7, len(text), text.count("\n", 0, end + 7) + 1)
    return tuple(blocks)


def _silent_blocks(text: str, begin: int, stop: int, line: int) -> list[_SilentBlock]:
    """`silent_server_code` between offsets `begin` (on `line`) and `stop`."""
    blocks: list[_SilentBlock] = []
    at = line_from = begin
    while (opened := _SERVER_CODE.search(text, at, stop)) is not None:
        start = opened.start()
        close = text.find("?>" if text[start + 1] == "?" else "%>", opened.end())
        if close < 0:
            break
        at = close + 2
        if text.startswith(("<?=", "<%="), start) or _PRINTS.search(text, start, close):
            continue
        line += text.count("\n", line_from, start)
        first, line_from = line, start
        line += text.count("\n", line_from, at)
        blocks.append(_SilentBlock(first, line, start, at))
        line_from = at
    return blocks


def _last_html_close(text: str) -> int:
    """The offset of the page's last `</html>` as written (any of its usual spellings),
    else -1."""
    end = -1
    for tag in ("</html>", "</HTML>", "</Html>"):
        end = max(end, text.rfind(tag, end + 1))  # only past the last one found: no rescan
    return end


def in_server_code(source: PageContext | ParsedPage, line: int, needle: str = "") -> bool:
    """Whether what is on `line` before the page's `<html>`, or after its last `</html>`,
    lies in a server-side code block that prints nothing (`silent_server_code`): the line
    is the block's, or `needle` (the tag's host, its code's start) is on it only inside
    the block (`$n = 1; ?><script src=…>`: the tag after `?>` is output)."""
    text = source.text if isinstance(source, ParsedPage) else source.document.text
    blocks = source.view("silent server code", lambda: silent_server_code(text))
    if not blocks:
        return False
    i = bisect.bisect_right(blocks, line, key=lambda c: c.first)
    held = [c for c in blocks[max(0, i - BLOCKS_ON_A_LINE):i] if c.first <= line <= c.last]
    if not held:
        return False
    if any(c.first < line < c.last for c in held):
        return True
    on = held[0].start if held[0].first == line else held[0].end - 1  # an offset on it
    begin, stop = text.rfind("\n", 0, on) + 1, text.find("\n", on)
    stop = len(text) if stop < 0 else stop
    if len(held) == 1 and not text[begin:held[0].start].strip() \
            and not text[held[0].end:stop].strip():
        return True  # the whole line is the block's
    needle = needle.strip().lower()
    if not needle:
        return False
    lowered = text[begin:stop].lower()
    found = [begin + m.start() for m in re.finditer(re.escape(needle), lowered)]
    return bool(found) and all(any(c.start <= at < c.end for c in held) for at in found)


def before_page_start(ctx: PageContext, line: int, needle: str = "") -> bool:
    """Whether `line` is before the page's own `<html>` start tag, in its markup: where no
    template writes, and a server that prepends its code to every page does. Markup in
    server code there is the template's source, not output (`in_server_code`; `needle`
    places a tag on a line it shares with a block)."""
    return 0 < line < page_start_line(ctx) and not in_server_code(ctx, line, needle)


_SCRIPT_START = lazy_regex(r"<script[\s>]", re.I)


def _code_before_html(ctx: PageContext) -> Iterator[Finding]:
    """Ad or tracker code written before the page's `<html>` start tag: no template puts
    a script there, a server that prepends its own code to every page does. Only
    requests EasyList or EasyPrivacy block, or a known network's, count as evidence.

    What is there was put there at once, by one server: one finding naming every party
    in it (a free host's block of ads and counters was one high finding per vendor, each
    pointing at the same script)."""
    text = ctx.document.text
    start = _html_start(text)
    if start < 0:
        return
    head = text[:start]
    script = _SCRIPT_START.search(head)
    if script is None or "<!--" in head[: script.start()]:
        return
    requests = [r for r in ctx.resources
                if (r.blocked or r.network) and not (r.self_hosted and not r.third_party)
                # the site's own copy of a loader is not; markup in server code is source
                and before_page_start(ctx, r.line, host_of(r.url))]
    if not requests:
        return
    first = min(requests, key=lambda r: r.line)  # the earliest of the document-order walk
    parties = list(dict.fromkeys(r.network or r.host for r in requests))  # by first request
    named = ", ".join(parties[:-1]) + " and " + parties[-1] if len(parties) > 1 else parties[0]
    yield finding(
        AD_IN_BODY,
        Severity.HIGH,
        f"{named} code injected before the page's <html> start tag "
        f"({counted(len(requests), 'request')})",
        evidence=", ".join(parties),
        line=first.line,
        xpath=first.xpath,
        key=(*sorted(parties), "before <html>"),  # one party: its id as before
    )


def after_html(ctx: PageContext) -> int:
    """The line of the page's last `</html>` when markup follows it, else 0: what follows
    is no template's, a server or a kit appended it. A view of the page: `ad-in-body` and
    `hidden-iframe` both ask, and the slot pass (`past_html_end`)."""
    return _html_end(ctx).line


def _html_end(source: PageContext | ParsedPage) -> _HtmlEnd:
    """The page's `_HtmlEnd`, its one view, whether a heuristic or the slot pass asks
    first."""
    text = source.text if isinstance(source, ParsedPage) else source.document.text
    return source.view("after </html>", lambda: _after_html(text))


class _HtmlEnd(NamedTuple):
    """The page's last `</html>` when markup follows it: its line (0: none), and of the rest
    of that line, its words (hosts, IDs) and the start of each script's code there."""

    line: int
    words: frozenset[str]
    code_starts: frozenset[str]
    before: str = ""  # that line up to the tag, lowered: the page's own words on it


# a host or an ID as the rest of the `</html>` line writes it, and where a script's code starts
_TAIL_WORD = lazy_regex(r"[\w.-]+")
# (the code's start looked ahead at, not taken: the next tag's `<script` may lie in it)
_TAIL_SCRIPT = lazy_regex(r"<script\b[^>]*>(?=([^\n]{0,80}))", re.I)
# a word with its percent escapes: a host the line may spell otherwise than it is requested
_TAIL_ESCAPED_WORD = lazy_regex(r"[\w.%-]+")
# a script's element, kept whole (a `<!--` in its code opens no comment), or a comment (an
# empty one, `<!-->` or `<!--->`, as a browser closes it; unclosed, to the line's end)
_TAIL_SCRIPT_OR_COMMENT = lazy_regex(r"(<script\b.*?(?:</script|$))|<!--(?:>|->|.*?(?:--!?>|$))")


def _after_html(text: str) -> _HtmlEnd:
    end = _last_html_close(text)
    if end < 0 or "<" not in text[end + 7 :]:
        return _HtmlEnd(0, frozenset(), frozenset())
    if all(not text[a:b].strip() for a, b in _gaps(text, end + 7)):
        # only a template's code that prints nothing follows (its footer's source), as
        # before `<html>` (`silent_server_code`): no markup is appended there
        return _HtmlEnd(0, frozenset(), frozenset())
    tail = text[end + 7 :].lower()
    closes, opens = tail.find("</script"), tail.find("<script")
    if closes >= 0 and (opens < 0 or closes < opens):
        # a `</html>` inside a script's string (`document.write(...)`), not the page's
        return _HtmlEnd(0, frozenset(), frozenset())
    if _next_document(tail):
        # the end of a document a file holds before another (a template's 404 page, then
        # its page): what follows is the last document, none of it after that one's end
        return _HtmlEnd(0, frozenset(), frozenset())
    return _end_at(text, end, tail)


def _end_at(text: str, end: int, tail: str) -> _HtmlEnd:
    """The `_HtmlEnd` of the `</html>` at `end`, `tail` the text past it, lowered."""
    newline = tail.find("\n")
    rest = tail if newline < 0 else tail[:newline]
    if "<!--" in rest:  # a comment loads nothing: a cache's naming the page's own CDN
        rest = _TAIL_SCRIPT_OR_COMMENT.sub(lambda m: m.group(1) or " ", rest)
    # the words as the browser reads the line's attributes (`&#46;` a dot), and its hosts
    # as requested (percent-decoded, punycoded): what a request's host is compared with
    shown = html.unescape(rest) if "&" in rest else rest
    words = {*_TAIL_WORD.findall(rest), *_TAIL_WORD.findall(shown)}
    words.update(host for spelt in _TAIL_ESCAPED_WORD.findall(shown)
                 if ("%" in spelt or not spelt.isascii())
                 and (host := browser_host(spelt.strip(".-"))))
    line_start = text.rfind("\n", 0, end) + 1
    return _HtmlEnd(line_at(text, end), frozenset(words),
                    frozenset(code_start(m.group(1).split("</script", 1)[0])
                              for m in _TAIL_SCRIPT.finditer(rest)),
                    text[line_start:end].lower())


def _gaps(text: str, begin: int) -> Iterator[tuple[int, int]]:
    """The spans of `text` from `begin` on between the silent server code blocks there."""
    at = begin
    for block in _silent_blocks(text, begin, len(text), 1):
        yield at, block.start
        at = block.end
    yield at, len(text)


# a whole document's start right after a `</html>`: blank space and comments between
_APPENDED_DOCUMENT = lazy_regex(r"\s*(?:<!--.{0,2000}?-->\s*){0,8}<(?:!doctype\s+html|html)\b",
                                re.I | re.S)
_HTML_CLOSE = lazy_regex(r"</html>", re.I)
_DOCUMENT_ENDS_TRIED = 4  # `</html>`s before the last read for a document appended after one


def _appended_document_end(text: str) -> _HtmlEnd:
    """The end of the page's document where a whole other one follows it with nothing
    between, closed by its own `</html>` (`</html>\\n<!DOCTYPE html><html><head><script
    src=…>…</html>`, as injectors append): the last `</html>` (`after_html`) is then the
    appended one's, past which nothing is. Only a document holding a script, and shorter
    than the page before it: a scraper's concatenation of its own two halves with no
    script in the second adds nothing to place, and a small document before the page is
    none appended after it.

    >>> page = "<html><body>" + "<p>story</p>" * 9 + "</body></html>\\n"
    >>> _appended_document_end(page + "<html><script src=//x.test/a.js></script></html>").line
    1
    >>> _appended_document_end(page + "<html><body><p>more</p></body></html>").line
    0
    """
    for close in islice(_HTML_CLOSE.finditer(text), _DOCUMENT_ENDS_TRIED):
        end = close.start()
        if len(text) - end > end or _HTML_CLOSE.search(text, end + 7) is None:
            break  # what follows is no shorter than the page, or this `</html>` is the last
        if _APPENDED_DOCUMENT.match(text, end + 7) is None:
            continue
        tail = text[end + 7 :].lower()
        if _a_page(tail):
            continue  # two responses in one file (an error page, then the page): no injection
        closes, opens = tail.find("</script"), tail.find("<script")
        if opens >= 0 and (closes < 0 or opens < closes):  # a script, and this end is in none
            return _end_at(text, end, tail)
    return _HtmlEnd(0, frozenset(), frozenset())


# a titled document's `<title>` with its text, and the `<body>` start tag
_TITLED = lazy_regex(r"<title\b[^>]{0,500}>\s*[^<\s]")
_BODY_START = lazy_regex(r"<body\b[^>]{0,2000}>")
_SHOWN_WORD = lazy_regex(r"\w{2,}")
# words a page of its own shows (its headline, menus, paragraphs), more than the line an
# injector's document dresses itself with ("Loading", "Please wait", a no-script notice)
_PAGE_WORDS = 30
# where markup's text is not shown: what closes a script's, a style's code, a comment, or
# what a browser running scripts does not show (`<noscript>`, `<template>`)
_UNSHOWN = (("<script", "</script"), ("<style", "</style"), ("<!--", "-->"),
            ("<noscript", "</noscript"), ("<template", "</template"))


def _a_page(doc: str) -> bool:
    """Whether a document (lowered, up to its `</html>`) is a page of its own: a `<title>`
    with text, and a `<body>` showing a page's worth of words (`_PAGE_WORDS`) outside its
    scripts, styles, comments and no-script notices. A scraper's capture holds two
    responses so (a long error page, then the page it fetched); an injector's document
    carries its script and little a reader sees (a title and a "Loading" line dress it as
    a page). Read once, each step past the last.

    >>> _a_page("<html><head><title>News</title></head><body><p>" + "Ferry vote. " * 15)
    True
    >>> _a_page("<html><head><title>x</title></head><body><script>var a='ab'</script></body>")
    False
    >>> _a_page("<html><head><script src=//x.test/a.js></script></head><body><p>Hello</p>")
    False
    >>> _a_page("<html><head><title>Loading</title></head><body><p>Please wait</p></body>")
    False
    """
    close = doc.find("</html>")
    doc = doc if close < 0 else doc[:close]
    body = _BODY_START.search(doc)
    if body is None or _TITLED.search(doc, 0, body.start()) is None:
        return False
    words = 0
    at = body.end()
    while (tag := doc.find("<", at)) >= 0:
        words += sum(1 for _ in islice(_SHOWN_WORD.finditer(doc, at, tag), _PAGE_WORDS))
        if words >= _PAGE_WORDS:
            return True
        closing = next((shut for opens, shut in _UNSHOWN if doc.startswith(opens, tag)), ">")
        stop = doc.find(closing, tag + 1)
        if stop < 0:
            return False  # unclosed: the rest is code or a comment
        at = doc.find(">", stop) + 1 if closing != "-->" else stop + 3
        if at <= 0:
            return False
    return words + sum(1 for _ in islice(_SHOWN_WORD.finditer(doc, at), _PAGE_WORDS)) \
        >= _PAGE_WORDS


# a document's start: its doctype or `<html>`, and its `<head>` or `<body>` after it
_DOCUMENT_START = lazy_regex(r"<(?:!doctype\s+html|html)\b[^>]{0,2000}>")
_DOCUMENT_PART = lazy_regex(r"<(?:head|body)\b")
# a template's code between its two branches' documents: the string holding the first
# closed, the next opened (`';\n}else{\necho '`), code between
_BRANCHES = lazy_regex(r"\s*(['\"])[^<>]{0,300}?[;}][^<>]{0,300}?['\"]\s*")


def _next_document(tail: str) -> bool:
    """Whether what follows a `</html>` (lowered) opens another document of a template's
    other branch: the template's code closes the string holding the first and opens the
    next (a PHP template's 404 page echoed before the page), then a doctype or `<html>`
    with a `<head>` or `<body>` after it. Not markup a server appends to the page's end
    (a script, a block of links), nor a whole document appended there with nothing
    between: an injection writes its own `<!DOCTYPE html><html><head><script …>` too.

    >>> _next_document("';}else{echo '<!doctype html>\\n<html>\\n<head><title>a</title>")
    True
    >>> _next_document("<script src='//x.test/a.js'></script><html><body>")
    False
    >>> _next_document("\\n<!doctype html><html><head><script src='//x.test/a.js'>")
    False
    """
    first = tail.find("<")
    if first < 0 or _BRANCHES.fullmatch(tail, 0, first) is None:
        return False
    start = _DOCUMENT_START.match(tail, first)
    return start is not None and _DOCUMENT_PART.search(tail, start.end()) is not None


def code_start(code: str) -> str:
    """The start of inline code's first line, lowered, as the page writes it: what places
    a script on the `</html>` line past the tag (`past_html_end`)."""
    return code.lstrip()[:40].split("\n", 1)[0].rstrip().lower()


def past_html_end(source: PageContext | ParsedPage, line: int, needle: str, *,
                  id_word: bool = False) -> bool:
    """Whether what is at `line` was written past the page's last `</html>` (`after_html`):
    on a later line, or on that line where the rest of it past the tag holds `needle` (a
    host or an ID as a word of it, or an inline script's `code_start`): an injector
    appending its tag with no newline (`</html><script src=…>`) wrote it after the page as
    surely as on a line of its own. Read from words and script starts gathered once, so
    many tags on one long line cost no search of the line each. An `id_word` (a slot's
    zone: `3`, `12`) the page also writes before the tag on that line is the page's.
    Asked of a parsed page too, before its heuristics' context is built: the slot pass
    reads an ad frame appended after the page's end as no unit's rendering (the same
    view, read once)."""
    return _past(source, _html_end(source), line, needle, id_word=id_word)


def past_page_end(ctx: PageContext, line: int, needle: str) -> bool:
    """`past_html_end`, or past the end of the page's document where a whole other one was
    appended after it, closed with its own `</html>` (`_appended_document_end`): what a
    script's place is read by, a tag in an injector's document as surely outside the
    page's markup as one after its last `</html>`."""
    if past_html_end(ctx, line, needle):
        return True
    end = ctx.view("appended document",
                   lambda: _appended_document_end(ctx.document.text))
    return _past(ctx, end, line, needle, id_word=False)


def outside_markup(ctx: PageContext, line: int, needle: str = "") -> bool:
    """Whether a script at `line` sits after the page's closing `</html>` or before its
    `<html>`: where no template writes, and a hacked server or plugin does. `needle` (its
    host, its code's start) places it on the `</html>` line itself (`past_page_end`, which
    reads a whole document appended after the page's as past its end too)."""
    return past_page_end(ctx, line, needle) or before_page_start(ctx, line, needle)


def _past(source: PageContext | ParsedPage, end: _HtmlEnd, line: int, needle: str, *,
          id_word: bool) -> bool:
    if not end.line or line < end.line:
        return False
    if in_server_code(source, line, needle):
        return False  # the template's source after the page, as before it
    if line > end.line:
        return True
    needle = needle.strip().lower()
    if not needle or not (needle in end.words or needle in end.code_starts):
        return False
    # an ID the page writes before the tag on that line too (a one-line page's own zone 3
    # beside an analytics call's 3 past it) is the page's; a host is not asked so (an
    # injector's loader on a shared CDN the page uses too is still past the end)
    return not id_word or needle not in source.view(
        "words before </html> on its line", lambda: _line_words(end.before))


def _line_words(text: str) -> frozenset[str]:
    """The words of the `</html>` line before the tag, as written and as a browser reads
    its attributes (character references undone)."""
    shown = html.unescape(text) if "&" in text else text
    return frozenset({*_TAIL_WORD.findall(text), *_TAIL_WORD.findall(shown)})


_COMMENT_SHOWN = 80  # characters of a comment quoted in the message (the evidence holds 200)


def ad_template_comments(ctx: PageContext) -> Iterator[Finding]:
    """Comments that ad kits leave behind (`<!-- JuicyAds v3.0 -->`, '广告' layout notes).

    Where the page has an article body, only comments inside it count: a theme's own
    `<!-- leaderboard ad -->` marks where the publisher placed ads, not an injection.
    """
    if ctx.root is None:
        return
    words = ctx.catalogue.comment_words
    if ctx.document.in_post_body:
        scopes: list[etree._Element] = [ctx.root]
    else:
        scopes = _outermost(list(ctx.bodies)) or [ctx.root]
    seen: set[str] = set()
    slot_paths = {s.xpath for s in ctx.slots}
    for scope in scopes:
        for comment in scope.iter(etree.Comment):
            text = " ".join((comment.text or "").split())
            if not text or text in seen or _server_code(text):
                continue
            lowered = text.lower()
            named = words[0].search(lowered) if words[0] is not None else None
            network = words[1][named.group(0)] if named else None
            if network is None and not _AD_COMMENT_WORDS.search(text):
                continue
            if network is None and _only_in_markups_text(text):
                continue  # the page's own markup put aside, its words a reader's
            if _data_dump(text) or (len(lowered) == len(text) and _only_listed(text, [
                    *(words[0].finditer(lowered) if named and words[0] is not None else ()),
                    *_AD_COMMENT_WORDS.finditer(text)])):
                continue  # a module list or a debug dump naming vendors, no ad's marker
            if network is None and not ctx.document.in_post_body \
                    and _insertion_point(comment, slot_paths, ctx):
                # a CMS's marker of where an ad may go, with none there; one naming a
                # vendor (`<!-- Quick Adsense WordPress Plugin -->`) is a plugin's, left
                # in the prose where a scraper stripped the code it marked
                continue
            seen.add(text)
            owner = f"{network} " if network else ""
            # a cut comment says so: quoted whole-looking, five GPT comments that differ
            # past the cut (`Ad ID div-gpt-ad-…-1`, `-2`) read as one cut short (`div-gp`)
            shown = text if len(text) <= _COMMENT_SHOWN else text[:_COMMENT_SHOWN] + "…"
            yield finding(
                AD_TEMPLATE_COMMENT,
                Severity.LOW,
                f"{owner}ad template comment: <!-- {shown} -->",
                evidence=text[:200],
                line=line_of(comment),
                xpath=ctx.xpath(comment),
            )


def _server_code(text: str) -> bool:
    """Whether a comment is server code the parser kept as one: a leaked template's or a
    page saved with its source's `<?php __("Advertisement"); ?>` (HTML reads `<?…>` as a
    comment), which the server runs and no browser gets; the template's own code (a
    footer link's label), not a marker an ad kit left.

    A `<?php` or `<?=` block is cut at its first `>`, often its own `=>` or `->`
    (`array(CURLOPT_RETURNTRANSFER => true)`), so no `?` closes the comment it makes.

    >>> _server_code('?php __("Advertisement"); ?'), _server_code("Advertisement")
    (True, False)
    >>> _server_code('?php $ch = curl_init("https://a.test/ad"); f(array(A ='), _server_code('?a?')
    (True, True)
    """
    return text.startswith("?") and (text.endswith("?") or text[1:4].lower() == "php"
                                     or text[1:2] == "=")


# a comment that is markup put aside: it opens with a start tag and closes with an end tag,
# inside a conditional comment's marks or none (`<!--[mobile]> <figure>…</figure> <![mobile]-->`,
# `<!--[if IE]>…<![endif]-->`)
_MARKUP_ASIDE = lazy_regex(r"^(?:\[[^\]<>]{1,30}\]>\s*)?<[A-Za-z][\w-]{0,20}[\s>][\s\S]*"
                           r"</[A-Za-z][\w-]{0,20}\s*>(?:\s*<!\[[^\]<>]{1,30}\])?$")
# a headline written as a link's address, its path's last part (`<a href="/cronaca/madonnella-
# sorpresi-a-spacciare-davanti-ad-un-bar-23-febbraio-2014.html">`): five words or more
# joined by hyphens; its words are the headline's, a reader's
_LINK_START = lazy_regex(r"^<a\s", re.I)
_HEADLINE_SLUG = lazy_regex(r"/(?:[^\W_]+-){4,}[^\W_]+(?:\.[a-z]{2,5})?(?=[\"'?#\s>]|$)", re.I)
# an ad template's own term joined so (`/go/ad-zone-top-home-leaderboard`, `/ad-banner-rotation
# -main.php`): no headline's words, a placement's name
_PLACEMENT_TERM = lazy_regex(
    r"\b(?:ad|advert)-(?:banner|slot|zone|unit|code|space|tag|server)s?\b|\bbanner-ads?\b", re.I)
_TAG = lazy_regex(r"<[^<>]{0,2000}>")
# a run of text's formatting tag inside a line (bold, italic, a span): no line's end
_PHRASING_TAG = lazy_regex(r"</?(?:strong|b|em|i|u|span|font|small)(?:\s[^<>]{0,2000})?/?>", re.I)
# one run's end and the next's start with nothing between: two lines (a label's span over
# the advertiser's), however they are styled
_RUNS_MEET = lazy_regex(r"</(?:strong|b|em|i|u|span|font|small)\s*>"
                        r"<(?:strong|b|em|i|u|span|font|small)[\s>/]", re.I)
_LABEL_MARKS = " \t\r\n-–—:|·•()[]"  # what may stand around a label's word


def _only_in_markups_text(text: str) -> bool:
    """Whether a comment is the page's markup put aside (`<!-- <ul class="nav-ext"><li>…
    abbonati ad Ansa…</li></ul> -->`, a menu a redesign retired) whose ad words all stand in
    the prose a reader would have read, none in its tags: an Italian `ad` (the preposition),
    a headline's "ads", no marker an ad template leaves. Ad code put aside names its ad in
    its tags (`<div class="ad-slot">`, a script's address) or in its label's line
    (`_label_line`: `<h3>Advertisement</h3>` over the banner), and stays a finding. A
    link's address that is a headline (`_HEADLINE_SLUG`: `…-davanti-ad-un-bar-….html`)
    is prose too; an ad's click address names its ad server, not a story."""
    if not _MARKUP_ASIDE.match(text):
        return False
    # a label's line read whole across the bold or italic runs inside it ("<strong>Реклама
    # </strong> на сайте" is a link's words, no label): only other tags, or two runs that
    # meet, end a line
    lines = _TAG.split(_PHRASING_TAG.sub("", _RUNS_MEET.sub(r"<br>\g<0>", text)))
    # the comment holds an ad word (its caller asked); one that stands in no tag (past the
    # links' headlines) stands in its prose
    return not any(_label_line(line) for line in lines) and not any(
        _AD_COMMENT_WORDS.search(_HEADLINE_SLUG.sub(_headline_gone, tag)
                                 if _LINK_START.match(tag) else tag)
        for tag in _TAG.findall(text))


def _headline_gone(slug: re.Match[str]) -> str:
    """A link's headline slug taken out of its tag (its words are prose), unless it names a
    placement (`_PLACEMENT_TERM`)."""
    return slug.group(0) if _PLACEMENT_TERM.search(slug.group(0)) else "/"


def _label_line(text: str) -> bool:
    """Whether a piece of a comment's text is an ad label's line alone: the word a
    publisher prints over a unit (`slots.AD_LABEL`: "Advertisement", "Anzeige", the word
    and the reader's cue, "Advertisement - story continues below"), or one of the words
    ad comments use (`_AD_COMMENT_WORDS`) with a mark or two around it ("Ad:", "(ad)")."""
    words = " ".join(text.split())
    return bool(words) and (AD_LABEL.fullmatch(words) is not None or _AD_COMMENT_WORDS.fullmatch(
        words.strip(_LABEL_MARKS)) is not None)


# what ad code is made of: a tag's script, its frame or `<ins>`, its no-JavaScript fallback
_AD_CODE_TAGS = frozenset({"script", "iframe", "ins", "noscript", "object", "embed", "amp-ad"})
_CODE_NODES = 64  # nodes of a paragraph read for ad code: a unit's markup is short


def _insertion_point(comment: etree._Element, slot_paths: set[str], ctx: PageContext) -> bool:
    """Whether an ad comment is a CMS's insertion point in the article's prose, where no ad
    was put: it stands between two paragraphs (past other comments and whitespace), neither
    a slot nor holding a tag's script, frame, `<ins>` or fallback (`<p>…</p><!--INSERT
    IN_ARTICLE AD--><p>…</p>`, the publisher's editor marking where its ad server may
    place one). Nothing was pasted there, so there is no ad code to look at; a kit's or a
    theme's comment beside its unit or its template's blocks stays a finding, and so does
    any in a post's stored body (a CMS marks its page, not the post an author wrote). Each
    paragraph is read `_CODE_NODES` nodes deep: a page of such comments stays linear."""
    for step in (etree._Element.getprevious, etree._Element.getnext):
        sib = step(comment)
        while sib is not None and not isinstance(sib.tag, str):
            sib = step(sib)  # another comment: a BEGIN and END pair, a note
        if sib is None or str(sib.tag).lower() != "p" or ctx.xpath(sib) in slot_paths or any(
                isinstance(n.tag, str) and n.tag.lower() in _AD_CODE_TAGS
                for n in islice(sib.iter(), _CODE_NODES)):
            return False
    return True


def _outermost(found: list[etree._Element]) -> list[etree._Element]:
    chosen = set(found)
    return [el for el in found if not any(a in chosen for a in el.iterancestors())]


DUPLICATE_LOADER = FindingKind(
    "duplicate-loader", (Severity.LOW, Severity.MEDIUM), Severity.LOW,
    "The same ad loader included more than once",
    "A network's loader script (the catalogue's `loaders`; for a network without them, any "
    "advertising script) is included more than once: ad units pasted whole, one per slot. "
    "Inside a WordPress post body the copies came in with injected units (medium); in a full "
    "page they are usually the publisher's own copy-paste (low). Keep one copy of the loader "
    "and check who added the units.",
)

AD_IN_BODY = FindingKind(
    "ad-in-body", (Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "Ad units injected where the site's template puts none",
    "Ad slots inside a WordPress post body, or inside an article the page copies from "
    "another site (by its provenance: a source link, a feed footer, a canonical elsewhere) "
    "together with their network's loader when the rest of the page does not use that "
    "network, or after the closing `</html>`; or ad or tracker code written before the "
    "`<html>` start tag. A unit pasted with its loader into the site's own article is how "
    "networks tell publishers to place one, and no finding. Scraper "
    "kits and compromised servers add ads this way. Remove them and find how they got into "
    "the content or the server's output. A unit inside the in-content block of a WordPress "
    "ad plugin or theme that hooks the post content (Ad Inserter's `code-block-N`, WP QUADS' "
    "`quads-location`, Advanced Ads' site-prefixed wrapper, Insert Post Ads, Ezoic's "
    "placeholders, the Newspaper and Jannah themes' in-post blocks) in the site's own post is "
    "medium: check that the site's plugin placed it (the post does not show whose account "
    "the unit earns for). It stays high in a copied article, in a post holding a pop tag, or "
    "where the same network is also pasted outside any such block. A pop network's tag in a "
    "post body is high too: a pop has no slot, and sites add theirs site-wide, not in a post "
    "(medium when it sits inside `<noscript>`, where no script runs: an inert copy). "
    "In a full page, an "
    "article whose source only a credit label names (\"Source: …\" with an image of that "
    "site, how blogs credit a wire or a chart too) is medium: check whether the page copies "
    "it. So is an article the page republishes under the original's credit line and nothing "
    "of a scraper's (\"republished from … under a Creative Commons license\", \"originally "
    "published on …\", at most a canonical beside it): a licensed republisher may run its "
    "own ads in it.",
)

AD_TEMPLATE_COMMENT = FindingKind(
    "ad-template-comment", (Severity.LOW,), Severity.LOW,
    "An ad kit's comment in the article body",
    "A comment ad templates leave behind (`<!-- JuicyAds v3.0 -->`, a '广告' layout note) inside "
    "the article body or the post. A fact, not proof of injection: it points at pasted ad code "
    "worth a look.",
)

KINDS = (DUPLICATE_LOADER, AD_IN_BODY, AD_TEMPLATE_COMMENT)
HEURISTICS = (duplicate_loaders, ads_in_body, ad_template_comments)
