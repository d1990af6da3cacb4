"""Network filter semantics, one row per behaviour: (filters, url, source, type, blocked, rule)."""

from __future__ import annotations

import pytest

from auditor.model import RequestType
from auditor.rules import Engine

SRC = "https://8657085.xyz/?p=15057"
EX = "https://www.example.com/page"

CASES: list[tuple[str, str, str | None, str, bool, str | None]] = [
    # hostname anchors
    ("||magsrv.com^", "https://a.magsrv.com/ad-provider.js", SRC, "script", True, "||magsrv.com^"),
    ("||magsrv.com^", "https://magsrv.com/x", SRC, "script", True, "||magsrv.com^"),
    ("||magsrv.com^", "https://notmagsrv.com/x", SRC, "script", False, None),
    ("||magsrv.com^", "https://magsrv.com.evil.net/x", SRC, "script", False, None),
    ("||magsrv.com^", "https://magsrv.com:8443/x", SRC, "script", True, "||magsrv.com^"),
    (
        "||ads.example.com/banner/",
        "https://ads.example.com/banner/1.gif",
        EX,
        "image",
        True,
        "||ads.example.com/banner/",
    ),
    ("||ads.example.com/banner/", "https://ads.example.com/other/1.gif", EX, "image", False, None),
    (
        "||example.net^*/track.gif",
        "https://cdn.example.net/a/b/track.gif?x",
        EX,
        "image",
        True,
        "||example.net^*/track.gif",
    ),
    ("||ads.exam", "https://ads.example.org/x", EX, "image", True, "||ads.exam"),
    # plain substrings, anchors, wildcards, separators
    ("/adserver/", "https://x.test/adserver/www.js", EX, "script", True, "/adserver/"),
    ("-ad-300x250.", "https://x.test/img/top-ad-300x250.png", EX, "image", True, "-ad-300x250."),
    ("|https://evil.test/", "https://evil.test/a", EX, "script", True, "|https://evil.test/"),
    ("|https://evil.test/", "http://x.test/?u=https://evil.test/", EX, "script", False, None),
    ("swf|", "https://x.test/movie.swf", EX, "object", True, "swf|"),
    ("swf|", "https://x.test/swf/index.html", EX, "object", False, None),
    ("/banner/*/img^", "https://x.test/banner/foo/img?x", EX, "image", True, "/banner/*/img^"),
    ("/banner/*/img^", "https://x.test/banner/foo/imgx", EX, "image", False, None),
    ("&ad_box_", "https://x.test/p?q=1&ad_box_=2", EX, "xmlhttprequest", True, "&ad_box_"),
    ("PAGEAD", "https://x.test/pagead/x.js", EX, "script", True, "PAGEAD"),
    # regex filters
    (
        r"/\/ads?\/[0-9]+\.js/",
        "https://x.test/ad/123.js",
        EX,
        "script",
        True,
        r"/\/ads?\/[0-9]+\.js/",
    ),
    (r"/\/ads?\/[0-9]+\.js/", "https://x.test/ad/abc.js", EX, "script", False, None),
    (
        r"/^https?:\/\/[a-z]{8}\.xyz\//$script",
        "https://abcdefgh.xyz/a.js",
        EX,
        "script",
        True,
        r"/^https?:\/\/[a-z]{8}\.xyz\//$script",
    ),
    # $match-case
    (
        "/BannerAd.$match-case",
        "https://x.test/BannerAd.js",
        EX,
        "script",
        True,
        "/BannerAd.$match-case",
    ),
    ("/BannerAd.$match-case", "https://x.test/bannerad.js", EX, "script", False, None),
    # exceptions
    (
        "||magsrv.com^\n@@||magsrv.com/ok.js",
        "https://a.magsrv.com/ok.js",
        SRC,
        "script",
        False,
        "@@||magsrv.com/ok.js",
    ),
    ("@@||magsrv.com/ok.js", "https://a.magsrv.com/ok.js", SRC, "script", False, None),
    # $important
    (
        "||ads.test^$important\n@@||ads.test^",
        "https://ads.test/a.js",
        SRC,
        "script",
        True,
        "||ads.test^$important",
    ),
    (
        "||ads.test^$important\n@@||ads.test^$important",
        "https://ads.test/a.js",
        SRC,
        "script",
        False,
        "@@||ads.test^$important",
    ),
    # $badfilter
    ("||ads.test^\n||ads.test^$badfilter", "https://ads.test/a.js", SRC, "script", False, None),
    (
        "||ads.test^$script,third-party\n||ads.test^$third-party,script,badfilter",
        "https://ads.test/a.js",
        SRC,
        "script",
        False,
        None,
    ),
    (
        "||ads.test^$script\n||ads.test^$image,badfilter",
        "https://ads.test/a.js",
        SRC,
        "script",
        True,
        "||ads.test^$script",
    ),
    # party
    (
        "||cdn.test^$third-party",
        "https://cdn.test/a.js",
        SRC,
        "script",
        True,
        "||cdn.test^$third-party",
    ),
    (
        "||cdn.test^$third-party",
        "https://cdn.test/a.js",
        "https://www.cdn.test/",
        "script",
        False,
        None,
    ),
    ("||cdn.test^$3p", "https://cdn.test/a.js", SRC, "script", True, "||cdn.test^$3p"),
    (
        "||cdn.test^$~third-party",
        "https://cdn.test/a.js",
        "https://www.cdn.test/",
        "script",
        True,
        "||cdn.test^$~third-party",
    ),
    ("||cdn.test^$first-party", "https://cdn.test/a.js", SRC, "script", False, None),
    (
        "||cdn.test^$1p",
        "https://x.cdn.test/a.js",
        "https://cdn.test/",
        "script",
        True,
        "||cdn.test^$1p",
    ),
    ("||co.uk^$3p", "https://a.bbc.co.uk/x", "https://www.bbc.co.uk/", "script", False, None),
    (
        "||bbc.co.uk^$3p",
        "https://a.bbc.co.uk/x",
        "https://www.itv.co.uk/",
        "script",
        True,
        "||bbc.co.uk^$3p",
    ),
    (
        "||cdn.test^$strict3p",
        "https://cdn.test/a.js",
        "https://www.cdn.test/",
        "script",
        True,
        "||cdn.test^$strict3p",
    ),
    (
        "||cdn.test^$strict1p",
        "https://cdn.test/a.js",
        "https://www.cdn.test/",
        "script",
        False,
        None,
    ),
    # types and aliases
    ("||t.test^$script", "https://t.test/a", EX, "script", True, "||t.test^$script"),
    ("||t.test^$script", "https://t.test/a", EX, "image", False, None),
    ("||t.test^$~script", "https://t.test/a", EX, "script", False, None),
    ("||t.test^$~script", "https://t.test/a", EX, "image", True, "||t.test^$~script"),
    ("||t.test^$xhr", "https://t.test/a", EX, "xmlhttprequest", True, "||t.test^$xhr"),
    ("||t.test^$css", "https://t.test/a", EX, "stylesheet", True, "||t.test^$css"),
    ("||t.test^$frame", "https://t.test/a", EX, "subdocument", True, "||t.test^$frame"),
    ("||t.test^$subdocument", "https://t.test/a", EX, "subdocument", True, "||t.test^$subdocument"),
    ("||t.test^$ping", "https://t.test/a", EX, "ping", True, "||t.test^$ping"),
    ("||t.test^$beacon", "https://t.test/a", EX, "ping", True, "||t.test^$beacon"),
    ("||t.test^$media", "https://t.test/a", EX, "media", True, "||t.test^$media"),
    ("||t.test^$font", "https://t.test/a", EX, "font", True, "||t.test^$font"),
    ("||t.test^$object", "https://t.test/a", EX, "object", True, "||t.test^$object"),
    ("||t.test^$websocket", "wss://t.test/a", EX, "websocket", True, "||t.test^$websocket"),
    ("||t.test^$other", "https://t.test/a", EX, "other", True, "||t.test^$other"),
    ("||t.test^$other", "https://t.test/a", EX, "image", False, None),
    ("||t.test^$doc", "https://t.test/", EX, "document", True, "||t.test^$doc"),
    # strict blocking: a filter naming only a host answers navigations to it; one
    # with a path, or with type options, does not
    ("||t.test^", "https://t.test/", EX, "document", True, "||t.test^"),
    ("||t.test^$third-party", "https://t.test/", EX, "document", True, "||t.test^$third-party"),
    ("||t.test/ads/", "https://t.test/ads/", EX, "document", False, None),
    ("/ads/*", "https://t.test/ads/", EX, "document", False, None),
    ("||t.test^$script", "https://t.test/", EX, "document", False, None),
    ("||t.test^$~script", "https://t.test/", EX, "document", False, None),
    ("||t.test^$all", "https://t.test/", EX, "document", True, "||t.test^$all"),
    ("||t.test^$all", "https://t.test/a.js", EX, "script", True, "||t.test^$all"),
    ("||t.test^$image,script", "https://t.test/a", EX, "script", True, "||t.test^$image,script"),
    # $domain= / $from=, negations and entities
    (
        "||w.test^$domain=example.com",
        "https://w.test/a",
        EX,
        "script",
        True,
        "||w.test^$domain=example.com",
    ),
    ("||w.test^$domain=example.com", "https://w.test/a", SRC, "script", False, None),
    (
        "||w.test^$from=example.com",
        "https://w.test/a",
        EX,
        "script",
        True,
        "||w.test^$from=example.com",
    ),
    ("||w.test^$domain=~example.com", "https://w.test/a", EX, "script", False, None),
    (
        "||w.test^$domain=~example.com",
        "https://w.test/a",
        SRC,
        "script",
        True,
        "||w.test^$domain=~example.com",
    ),
    (
        "||w.test^$domain=example.*",
        "https://w.test/a",
        "https://www.example.co.uk/",
        "script",
        True,
        "||w.test^$domain=example.*",
    ),
    (
        "||w.test^$domain=example.*",
        "https://w.test/a",
        "https://example.notld.test/",
        "script",
        False,
        None,
    ),
    (
        "||w.test^$domain=example.com|~sub.example.com",
        "https://w.test/a",
        "https://sub.example.com/",
        "script",
        False,
        None,
    ),
    (
        "$script,domain=8657085.xyz",
        "https://any.test/a.js",
        SRC,
        "script",
        True,
        "$script,domain=8657085.xyz",
    ),
    ("$script,domain=8657085.xyz", "https://any.test/a.js", EX, "script", False, None),
    ("||w.test^$domain=example.com", "https://w.test/a", None, "script", False, None),
    # no source host: the party is unknown, so both party options apply
    ("||w.test^$third-party", "https://w.test/a", None, "script", True, "||w.test^$third-party"),
    ("||w.test^$1p", "https://w.test/a", None, "script", True, "||w.test^$1p"),
    ("||w.test^$3p", "https://w.test/a", "about:blank", "script", True, "||w.test^$3p"),
    ("||w.test^$1p", "https://w.test/a", "https://", "image", True, "||w.test^$1p"),
    # $denyallow and $to
    (
        "*$script,3p,denyallow=cdn.test,domain=8657085.xyz",
        "https://cdn.test/a.js",
        SRC,
        "script",
        False,
        None,
    ),
    (
        "*$script,3p,denyallow=cdn.test,domain=8657085.xyz",
        "https://evil.test/a.js",
        SRC,
        "script",
        True,
        "*$script,3p,denyallow=cdn.test,domain=8657085.xyz",
    ),
    (
        "/ads.js$to=evil.test",
        "https://sub.evil.test/ads.js",
        EX,
        "script",
        True,
        "/ads.js$to=evil.test",
    ),
    ("/ads.js$to=evil.test", "https://good.test/ads.js", EX, "script", False, None),
    ("/ads.js$to=~good.test", "https://good.test/ads.js", EX, "script", False, None),
    # options that cannot apply to a static page
    ("||p.test^$popup", "https://p.test/a", EX, "script", False, None),
    ("||p.test^$popup,script", "https://p.test/a", EX, "script", True, "||p.test^$popup,script"),
    ("||p.test^$csp=script-src 'none'", "https://p.test/a", EX, "script", False, None),
    (
        "||p.test^$removeparam=utm_source",
        "https://p.test/a?utm_source=x",
        EX,
        "script",
        False,
        None,
    ),
    (
        "||p.test^$redirect=noopjs",
        "https://p.test/a.js",
        EX,
        "script",
        True,
        "||p.test^$redirect=noopjs",
    ),
    ("||p.test^$redirect-rule=noopjs", "https://p.test/a.js", EX, "script", False, None),
    (
        "||p.test^$script,rewrite=abp-resource:blank-js",
        "https://p.test/a.js",
        EX,
        "script",
        True,
        "||p.test^$script,rewrite=abp-resource:blank-js",
    ),
    ("||p.test^\n@@||p.test^$generichide", "https://p.test/a.js", EX, "script", True, "||p.test^"),
    ("||p.test^\n@@||p.test^$csp", "https://p.test/a.js", EX, "script", True, "||p.test^"),
    ("||p.test^$method=post", "https://p.test/a.js", EX, "script", False, None),
    (
        "||p.test^$method=get|post",
        "https://p.test/a.js",
        EX,
        "script",
        True,
        "||p.test^$method=get|post",
    ),
    # unsupported options never crash and never block
    ("||u.test^$sitekey=abc", "https://u.test/a.js", EX, "script", False, None),
    ("||u.test^$nonsense-option", "https://u.test/a.js", EX, "script", False, None),
]


@pytest.mark.parametrize(("filters", "url", "source", "type_", "blocked", "rule"), CASES)
def test_network_case(
    filters: str, url: str, source: str | None, type_: str, blocked: bool, rule: str | None
) -> None:
    m = Engine.from_text(filters + "\n", name="t").match(url, source_url=source, type=type_)
    assert (m.blocked, m.rule) == (blocked, rule)
    if rule is not None:
        assert m.list == "t"
        assert m.line == filters.split("\n").index(rule) + 1
        assert m.exception == rule.startswith("@@")


def test_contract_example() -> None:
    engine = Engine.from_text("||magsrv.com^\n", name="inline")
    m = engine.match(
        "https://a.magsrv.com/ad-provider.js",
        source_url="https://8657085.xyz/?p=15057",
        type="script",
    )
    assert m.blocked and m.rule == "||magsrv.com^" and m.list == "inline"
    assert not m.exception and m.line == 1 and not m.important


def test_type_accepts_enum() -> None:
    e = Engine.from_text("||t.test^$image\n")
    assert e.match("https://t.test/a", EX, RequestType.IMAGE).blocked
    assert not e.match("https://t.test/a", EX, RequestType.SCRIPT).blocked


def test_unknown_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown request type"):
        Engine.from_text("x\n").match("https://t.test/", EX, "popup-window")


def test_unsupported_counted_per_list() -> None:
    text = (
        "||a.test^\n||b.test^$sitekey=x\nexample.com##+js(aopr, x)\n! comment\n[Adblock Plus 2.0]\n"
    )
    (info,) = Engine.from_text(text, name="l").lists
    assert (info.name, info.rules, info.unsupported) == ("l", 3, 2)
    assert len(info.sha256) == 64


def test_match_many_agrees_with_match() -> None:
    e = Engine.from_text("||a.test^\n@@||a.test/ok\n")
    reqs = [("https://a.test/x", EX, "script"), ("https://a.test/ok", EX, "script")]
    assert e.match_many(reqs) == [e.match(*r) for r in reqs]


@pytest.mark.parametrize(
    "line",
    [
        "||",
        "|",
        "*",
        "^",
        "@@",
        "$",
        "$$",
        "#@#",
        "/",
        "//",
        "/[/",
        "||a^$domain=",
        "a$,,",
        "@@$~",
        "||x^$domain=/re/",
        "\x00",
        "##",
        "#?#:has-text(",
        "###",
        "a|b",
    ],
)
def test_odd_rules_never_crash(line: str) -> None:
    e = Engine.from_text(line + "\n")
    e.match("https://x.test/a|b", EX, "script")
    assert e.lists[0].rules <= 1


MINING_LIST = (
    "||a.test^\n"
    "! *** easylist:easyprivacy/easyprivacy_trackingservers_mining.txt ***\n"
    "||miner.test^\n"
    "! *** a remark, which opens no section\n"
    "||pool.test^\n"
    "! *** easylist:easyprivacy/easyprivacy_trackingservers_admiral.txt ***\n"
    "||b.test^\n"
)


@pytest.mark.parametrize(("url", "section"), [
    ("https://a.test/x.js", None),  # before the list's first section
    ("https://miner.test/lib/w.js", "easyprivacy_trackingservers_mining.txt"),
    ("https://pool.test/p.js", "easyprivacy_trackingservers_mining.txt"),
    ("https://b.test/x.js", "easyprivacy_trackingservers_admiral.txt"),
    ("https://notminer.test/w.js", None),  # no rule decided
])
def test_match_names_the_section_its_rule_sits_in(url: str, section: str | None) -> None:
    """A list built from files marks where each starts; the file says what its hosts do."""
    assert Engine.from_text(MINING_LIST).match(url, EX, "script").section == section
