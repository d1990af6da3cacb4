"""What the page's code does that the definitions name: ad slots re-requested on a timer
(ANA's rapidly auto-refreshing ads) and video set to play by itself (ANA; Better Ads
for autoplay with sound). Read from scripts, handlers and markup: whether the code runs
needs a browser, so a row says the code is there.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import Any

from auditor.dom.deobfuscate import ATTRIBUTE_PIECE
from auditor.dom.page import ParsedPage, ScriptCode
from auditor.dom.parser import line_at
from auditor.dom.textscan import aligned_lower
from auditor.lazy_re import lazy_regex
from auditor.mfa.evidence import ANA, BETTER_ADS, Hit, cite, clip, count, unique
from auditor.model import Basis, Indicator
from auditor.urls import split_url

# -- auto-refresh: a timer whose callback re-requests ad slots ----------------------
_TIMER = lazy_regex(r"\bset(Interval|Timeout)\s*\(")
_REFRESH = lazy_regex(
    r"\.pubads\(\)\s*\.refresh\s*\(|\bgoogletag\b[^;]{0,80}\.refresh\s*\(|"
    r"\bpbjs\s*\.\s*requestBids\s*\(|\bapstag\s*\.\s*fetchBids\s*\(|"
    r"\b(?:refreshAds?|refreshSlots?|adRefresh|refreshAdUnits?|reloadAds?)\s*\(|"
    r"\bezstandalone\s*\.\s*refresh\s*\(|\bAdButler\b[^;]{0,40}\.refresh\s*\(")
# One of these is in every _REFRESH match: tested before the regex, which reads a whole
# bundle that holds none of them
_REFRESH_LITERALS = ("pubads", "googletag", "pbjs", "apstag", "refreshAd", "refreshSlot",
                     "adRefresh", "reloadAd", "ezstandalone", "AdButler")
_DELAY = lazy_regex(r",\s*(\d{3,7})\s*$")  # the delay closing a timer's arguments
TIMER_SPAN = 1500  # characters of a timer's callback read for a refresh call
BID_TIMEOUT_MS = 10_000  # a one-off setTimeout under this is a bid time-out, not a refresh
# An ad stack's own refresh setting: a key naming ads and refresh, with a number
# ("refreshAdsInterval":10000, ad_refresh_rate: 30). Keys that do not name ads (a live
# blog's refreshInterval) are not read.
_AD_REFRESH_KEY = lazy_regex(r"ads?[_-]?refresh|refresh[_-]?ads?", re.I)
# The key must name an interval ("refreshAdsInterval", "ad_refresh_rate"), or be a bare
# refresh key ("adRefresh": 30) whose number reads as at least 1 s and is not a 0/1 flag;
# a switch or a cap ("disableAdRefresh": 1, "maxAdRefreshes": 3) says nothing of a timer
_INTERVAL_KEY = lazy_regex(r"interval|rate|seconds|secs?\b|ms\b|time|delay", re.I)
_BARE_REFRESH_KEY = lazy_regex(r"^(?:ads?[_-]?refresh(?:es)?|refresh[_-]?ads?)$", re.I)
_NOT_INTERVAL_KEY = lazy_regex(r"^(?:[Dd]isable|DISABLE|[Mm]ax|MAX|[Cc]ount|COUNT|[Ll]imit|"
                               r"LIMIT|[Nn]um|NUM|[Nn]o(?=[A-Z_-])|NO_)")
# A meta refresh this slow (a news front reloading every 5 or 15 minutes) reloads stale
# headlines; it is not the rapid ad refresh ANA names
META_REFRESH_SLOW = 300  # seconds
_SETTING_VALUE = lazy_regex(r"[\"']?\s*[:=]\s*[\"']?(\d{1,6})\b")
_REFRESH_WORDS = ("refresh", "requestbids", "fetchbids", "reloadad")
REFRESH_NEEDLES = (*(w.encode() for w in _REFRESH_WORDS), b"http-equiv")
_META_REFRESH = lazy_regex(r"^\s*(\d+)\s*(?:[;,]\s*(?:url\s*=\s*)?['\"]?\s*(\S*?)['\"]?\s*)?$",
                           re.I)


# -- autoplay video ------------------------------------------------------------------
_AUTOPLAY_URL = lazy_regex(r"[?&](?:autoplay|autostart|auto_play)=(?:1|true)\b", re.I)
_AUTOPLAY_CONFIG = lazy_regex(
    r"\bauto_?(?:play|start)\b[\"']?\s*[:=]\s*(?:true\b|!0\b|1\b|[\"'](?:true|1|on|viewable)"
    r"[\"'])", re.I)
_VIDEO_MARKUP = lazy_regex(r"<video\b" + ATTRIBUTE_PIECE + r"{0,400}?\sautoplay\b", re.I)
# A video player or a video ad's stack near an autoplay setting (not a bare "video": a
# carousel of video teasers autoplays its slides, not a video)
_PLAYER = lazy_regex(r"jwplayer|videojs|player|vast|\bima\b", re.I)
# A "player" whose name says it plays no video: Ruffle, the Flash emulator the Wayback
# Machine and old-game sites inject (`RufflePlayer.config = {"autoplay": "on"}` starts a
# .swf), and audio, podcast and radio players; its autoplay key is not a video's
_NOT_VIDEO_PLAYER = lazy_regex(r"ruffle|flash|swf|audio|podcast|radio|music|sound", re.I)
_IDENTIFIER = lazy_regex(r"[\w$]+")
# What makes a muted <video autoplay> an ad's: its own or its containers' attributes
# naming a player, a video ad stack or an ad slot (a muted hero loop is decoration)
_AD_CONTEXT = lazy_regex(r"player|vast|\bima\b|\bads?\b|[_-]ads?\b|\bads?[_-]|advert|"
                         r"outstream|instream|preroll|sponsor", re.I)
AD_CONTEXT_LEVELS = 3  # the video and this many containers are read for an ad context
AUTOPLAY_NEEDLES = (b"autoplay", b"autostart")
VIDEO_NEEDLES, IFRAME_NEEDLES = (b"<video",), (b"<iframe",)  # no tag: no walk for it
# Video.js's options in its element's data-setup (`{"autoplay": true}`; "muted" starts it
# muted; "play" and "any" try with sound), read as the attribute; Brightcove's and
# Video.js's own element, <video-js autoplay>, is a <video> too
_SETUP_AUTOPLAY = lazy_regex(r'"autoplay"\s*:\s*(true|"(?:play|any|muted)")', re.I)
_SETUP_MUTED = lazy_regex(r'"muted"\s*:\s*true', re.I)  # its own muted option
PLAYER_SPAN = 300  # characters around an autoplay setting read for a player


def auto_refresh(hits: Sequence[Hit], has_ads: bool) -> Indicator:
    threshold = ("any timer that re-requests ad slots, ad-refresh setting naming an "
                 f"interval, or meta refresh under {META_REFRESH_SLOW} s of a page with ads")
    if not has_ads:
        return Indicator("auto-refresh", "no ads", threshold, ANA, Basis.MEASURED, False, "")
    return Indicator("auto-refresh", count(hits, "ad-refresh sign"), threshold, ANA,
                     Basis.MEASURED, bool(hits), cite(hits))


def autoplay(hits: Sequence[Hit]) -> Indicator:
    """Better Ads is cited only when a video autoplays with sound (its standard); ANA
    names autoplay video ads whatever their sound."""
    sound = any("with sound" in h.text for h in hits)
    return Indicator("autoplay-video", count(hits, "autoplay setting"),
                     "any video autoplaying with sound, a muted one in an ad or player "
                     "context, or a player set to autoplay",
                     f"{ANA}; {BETTER_ADS}" if sound else ANA,
                     Basis.MEASURED, bool(hits), cite(hits))


def refresh_hits(page: ParsedPage, url: str | None) -> list[Hit]:
    """Timers whose callback re-requests ad slots, and meta refreshes of the page."""
    out: list[Hit] = []
    if not page.holding(REFRESH_NEEDLES):
        return _meta_refresh(page, url)
    for code in page.codes:
        low = aligned_lower(code.code)
        if not any(n in low for n in _REFRESH_WORDS):
            continue  # most scripts: no refresh call or setting to look for
        timed = "setinterval" in low or "settimeout" in low  # what a _TIMER match holds
        calls = any(lit in code.code for lit in _REFRESH_LITERALS)
        named = _literal_starts(code.code) if timed and calls else []
        for m in _TIMER.finditer(code.code) if timed and calls else ():
            if not _any_between(named, m.end(), m.end() + TIMER_SPAN):
                continue  # no refresh call can start in its span: not read char by char
            args = _call_args(code.code[m.end(): m.end() + TIMER_SPAN])
            call = _REFRESH.search(args)
            if call is None:
                continue
            found = _DELAY.search(args)
            kind, delay = m.group(1), int(found.group(1)) if found else None
            if kind == "Timeout" and (delay is None or delay < BID_TIMEOUT_MS):
                continue  # a one-off call after a bid time-out is not a refresh
            every = f" every {delay / 1000:g} s" if delay is not None else ""
            out.append(Hit(f"set{kind}(…{call.group().strip()}…){every}",
                           code_line(code, m.start())))
            break  # one timer a script is evidence enough
        setting = _refresh_setting(code.code, low)
        if setting is not None:
            key, number, pos = setting
            seconds = number / 1000 if number >= 1000 else number
            out.append(Hit(f"{key} = {number} (every {seconds:g} s)", code_line(code, pos)))
    return out + _meta_refresh(page, url)


def _refresh_setting(code: str, low: str) -> tuple[str, int, int] | None:
    """The first ad-refresh setting with a number: a key naming ads and refresh
    (`refreshAdsInterval`, `ad_refresh_rate`), found from each "refresh" outward (a
    scan of every key would be slow on large scripts)."""
    at = low.find("refresh")
    while at >= 0:
        start, end = at, at + len("refresh")
        while start > 0 and (code[start - 1].isalnum() or code[start - 1] in "_-"):
            start -= 1
        while end < len(code) and (code[end].isalnum() or code[end] in "_-"):
            end += 1
        key = code[start:end]
        value = _SETTING_VALUE.match(code, end)
        if value and _AD_REFRESH_KEY.search(key) and _interval_key(key, int(value.group(1))):
            return key, int(value.group(1)), start
        at = low.find("refresh", end)
    return None


def _interval_key(key: str, number: int) -> bool:
    """An ad-refresh key whose number is an interval: `refreshAdsInterval = 10000`,
    `adRefresh = 30`; not `disableAdRefresh = 1` nor `maxAdRefreshes = 3`.

    >>> _interval_key("disableAdRefresh", 1), _interval_key("maxAdRefreshes", 3)
    (False, False)
    >>> _interval_key("refreshAdsInterval", 10000), _interval_key("adRefresh", 30)
    (True, True)
    """
    if _NOT_INTERVAL_KEY.match(key.lstrip("_-")):
        return False
    if _INTERVAL_KEY.search(key):
        return number >= 1
    return bool(_BARE_REFRESH_KEY.match(key.strip("_-"))) and number >= 2


def _meta_refresh(page: ParsedPage, url: str | None) -> list[Hit]:
    out: list[Hit] = []
    for meta in page.tagged("meta"):
        if (meta.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        found = _META_REFRESH.match(meta.get("content") or "")
        if (found and int(found.group(1)) < META_REFRESH_SLOW
                and _same_page(found.group(2) or "", url)):
            out.append(Hit(f"meta refresh every {found.group(1)} s", page.start_line(meta)))
    return out


def code_line(code: ScriptCode, pos: int) -> int:
    """The line of `pos` in a script's text (its text starts on its tag's line); a
    handler or a srcdoc script is cited at its element."""
    return line_at(code.code, pos, first=code.line) if code.source == "script" else code.line


def _literal_starts(code: str) -> list[int]:
    """Where the literals every refresh call holds start in `code`, in order: a timer
    whose span holds none has no refresh call to read (60,000 timers in a bundle are
    not each read for 1,500 characters)."""
    out: list[int] = []
    for lit in _REFRESH_LITERALS:
        at = code.find(lit)
        while at >= 0:
            out.append(at)
            at = code.find(lit, at + 1)
    return sorted(out)


def _any_between(starts: list[int], lo: int, hi: int) -> bool:
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


_PARENS = lazy_regex(r"[()]")


def _call_args(span: str) -> str:
    """A call's arguments: `span` (what follows its `(`) up to the parenthesis that
    closes it, or all of `span` when it does not close within it."""
    depth = 1
    for p in _PARENS.finditer(span):
        depth += 1 if p.group() == "(" else -1
        if depth == 0:
            return span[:p.start()]
    return span


def _same_page(target: str, url: str | None) -> bool:
    """A meta refresh that reloads the page (no target, or the page's own URL)."""
    if not target:
        return True
    if not url:
        return False
    a, b = split_url(target, url), split_url(url)
    return a is not None and b is not None and (
        (a.netloc, a.path.rstrip("/")) == (b.netloc, b.path.rstrip("/")))


def _ad_context(video: Any) -> bool:
    """The video's own or its nearest containers' class, id, src or data attributes
    name a player, a video ad stack or an ad slot."""
    el, level = video, 0
    while el is not None and level <= AD_CONTEXT_LEVELS:
        attrs = " ".join(v for k, v in el.attrib.items()
                         if k in ("class", "id", "src", "poster") or k.startswith("data-"))
        if _AD_CONTEXT.search(attrs):
            return True
        el, level = el.getparent(), level + 1
    return False


def autoplay_hits(page: ParsedPage) -> list[Hit]:
    out: list[Hit] = []
    videos = ((*page.tagged("video"), *page.tagged("video-js"))
              if page.holding(VIDEO_NEEDLES) else ())
    for video in videos:
        setup = _SETUP_AUTOPLAY.search(video.get("data-setup") or "")
        if video.get("autoplay") is not None or setup:
            muted = (video.get("muted") is not None
                     or (setup is not None and (setup.group(1).lower() == '"muted"'
                                                or bool(_SETUP_MUTED.search(setup.string)))))
            if muted and not _ad_context(video):
                continue  # a muted background loop: no ad, no player, no sound
            sound = "muted, in an ad context" if muted else "with sound unless a script mutes it"
            how = f"data-setup {setup.group()}" if setup and video.get("autoplay") is None else (
                "autoplay")
            out.append(Hit(f"<{video.tag} {how}> ({sound})", page.start_line(video)))
    for frame in page.tagged("iframe") if page.holding(IFRAME_NEEDLES) else ():
        src = frame.get("src") or frame.get("data-src") or ""
        if _AUTOPLAY_URL.search(src):
            out.append(Hit(f"iframe {clip(src, 80)}", page.start_line(frame)))
    if not page.holding(AUTOPLAY_NEEDLES):
        return unique(out)
    for code in page.codes:
        low = aligned_lower(code.code)
        if "auto" not in low:
            continue
        built = _VIDEO_MARKUP.search(code.code)
        if built:  # a <video autoplay> a script writes into the page
            out.append(Hit(f"script writes {clip(built.group(), 60)}",
                           code_line(code, built.start())))
        for m in _autoplay_settings(code.code, low):
            near = code.code[max(0, m.start() - PLAYER_SPAN): m.end() + PLAYER_SPAN]
            if _video_player(near):
                out.append(Hit(f"player setting {clip(m.group(), 40)}",
                               code_line(code, m.start())))
                break
    return unique(out)


def _video_player(near: str) -> bool:
    """`near` (the code around an autoplay setting) names a video player or a video ad
    stack: a `_PLAYER` word whose identifier names no other kind of player.

    >>> _video_player('jwplayer("v").setup({autostart: true})')
    True
    >>> _video_player('window.RufflePlayer.config={"autoplay":"on"}')
    False
    """
    if not _PLAYER.search(near):
        return False
    # each identifier read once: searching back from each player word for its identifier's
    # start cost 0.4 ms an autoplay key (a podcast page's thousand players: 25x the audit)
    return any(_PLAYER.search(name) and not _NOT_VIDEO_PLAYER.search(name)
               for name in _IDENTIFIER.findall(near))


def _autoplay_settings(code: str, low: str) -> Iterator[re.Match[str]]:
    """What `_AUTOPLAY_CONFIG.finditer(code)` finds, tried only where `low`
    (`aligned_lower(code)`) holds "auto": each match opens with it, and only A, U, T and
    O match those letters case-blind (a case-blind search tried the pattern at every
    character)."""
    at = low.find("auto")
    while at >= 0:
        found = _AUTOPLAY_CONFIG.match(code, at)
        if found:
            yield found
        at = low.find("auto", found.end() if found else at + 1)
