"""URL facts, and proof that tldextract never reaches for the network."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.urls import (
    dressed_host,
    host_of,
    is_third_party,
    registrable_domain,
    related_site,
    resolve,
    split_host,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("a.magsrv.com", "magsrv.com"),
        ("poweredby.jads.co", "jads.co"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("8657085.xyz", "8657085.xyz"),
        ("user.github.io", "github.io"),
        ("x.y.blogspot.com", "blogspot.com"),
        ("site.test", "site.test"),
        ("10.0.0.1", "10.0.0.1"),
        ("", ""),
    ],
)
def test_registrable_domain(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


def test_third_party() -> None:
    assert is_third_party("a.magsrv.com", "8657085.xyz")
    assert not is_third_party("cdn.8657085.xyz", "8657085.xyz")
    assert is_third_party("a.test", None)  # no page URL: nothing is provably first party


@pytest.mark.parametrize(
    ("raw", "base", "out"),
    [
        ("//x.test/a", "http://p.test/", "http://x.test/a"),
        ("/a", "https://p.test/b/c", "https://p.test/a"),
        ("mailto:a@b", "https://p.test/", None),
        ("#top", "https://p.test/", None),
        ("data:text/html,hi", None, None),
        ("https://[bad", None, None),
        ("relative.js", None, None),
    ],
)
def test_resolve(raw: str, base: str | None, out: str | None) -> None:
    assert resolve(raw, base) == out


@pytest.mark.parametrize(("raw", "base"), [
    (r"\\a.magsrv.com/x.js", "https://site.test/p"),
    (r"https:\\a.magsrv.com\x.js", "https://site.test/p"),
    (r"/\a.magsrv.com/x.gif", "https://site.test/p"),
    (r"https://a.magsrv.com\@site.test/x.js", "https://site.test/p"),  # not site.test's
    ("https://a.%6dagsrv.com/x.js", "https://site.test/p"),
    ("https://\uff41.\uff4d\uff41\uff47\uff53\uff52\uff56.com/x.js", None),  # full width
    ("https://a.magsrv\u3002com/x.js", None),  # an ideographic full stop is a dot
    ("https://a.mag\u00adsrv.com/x.js", None),  # a soft hyphen is left out
    ("https:a.magsrv.com/x.js", "http://site.test/p"),  # another scheme: its host
    ("https:///a.magsrv.com/x.js", "https://site.test/p"),
    ("https:\n//a.magsrv.com/x.js", "https://site.test/p"),  # tabs and newlines are stripped
    ("https:\t//a.magsrv.com/x.js", "http://site.test/p"),
])
def test_a_url_resolves_to_the_host_a_browser_requests(raw: str, base: str | None) -> None:
    """Each went to a.magsrv.com in Chromium; urllib read another host or none, and an
    ad loader so written passed a gate that denies the host."""
    url = resolve(raw, base)
    assert url is not None and host_of(url) in ("a.magsrv.com", "magsrv.com"), url
    assert url.startswith("https://")


@pytest.mark.parametrize(("host", "requested"), [  # what Chromium 156 requested
    ("\u24dc\u24d0\u24d6\u24e2\u24e1\u24e5.test", "magsrv.test"),  # enclosed letters
    ("ma\u00df.test", "xn--ma-hia.test"),  # UTS #46 keeps the sharp s (IDNA 2003: mass)
    ("ma%C3%9F.test", "xn--ma-hia.test"),
    ("\u03c2.test", "xn--3xa.test"),  # and the final sigma (IDNA 2003: xn--4xa, sigma)
    ("\u2603.test", "xn--n3h.test"),  # a symbol IDNA 2008 refuses is requested
    ("-\u24dc.test", "-m.test"), ("a_\u24dc.test", "a_m.test"),
    ("\u01c5.test", "xn--d-toa.test"), ("a\u180bb.test", "ab.test"),
])
def test_a_host_maps_as_chromium_maps_it(host: str, requested: str) -> None:
    """Chromium maps a host by UTS #46, nontransitionally: a gate denying
    `xn--ma-hia.test` must catch `ma\u00df.test`, which IDNA 2003 read as `mass.test`."""
    assert host_of(resolve(f"https://{host}/x", None) or "") == requested


def test_a_host_chromium_does_not_map_is_no_request() -> None:
    assert resolve("https://\u2488.test/x", None) is None  # disallowed by UTS #46: none


@pytest.mark.parametrize(("raw", "base", "out"), [
    ("https://A.MagSrv.COM/Ad.js?Id=X7", None, "https://a.magsrv.com/Ad.js?Id=X7"),
    ("HTTPS://PAGEAD2.GOOGLESYNDICATION.COM/pagead/js/adsbygoogle.js?client=ca-pub-1",
     None, "https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-1"),
    ("//CODE.GIRAFF.IO/data/widget-Block.js", "https://site.test/", (
        "https://code.giraff.io/data/widget-Block.js")),
    ("https://User:PassWord@A.TEST:8080/X", None, "https://User:PassWord@a.test:8080/X"),
    ("/Path/X.js", "https://WWW.SITE.TEST/a", "https://www.site.test/Path/X.js"),
    # an IPv6 address written in capitals keeps its brackets
    ("http://[2001:DB8::1]/x.js", None, "http://[2001:db8::1]/x.js"),
    ("https://U:P@[2001:DB8::A]:8443/X", None, "https://U:P@[2001:db8::a]:8443/X"),
    ("//[FE80::1]/x.js", "https://site.test/", "https://[fe80::1]/x.js"),
])
def test_a_host_is_requested_in_lower_case(raw: str, base: str | None, out: str) -> None:
    """A browser requests a host in lower case, whatever case the page writes it in: the
    catalogue's URL patterns name a vendor's host in lower case (`giraff\\.io/data/widget-`),
    and a tag written `//CODE.GIRAFF.IO/…` gave its network and no ID. The path, query
    and credentials keep their case."""
    assert resolve(raw, base) == out


def test_a_url_with_the_pages_scheme_and_no_slashes_is_a_path() -> None:
    assert resolve("https:a.magsrv.com/x.js", "https://site.test/dir/p") == (
        "https://site.test/dir/a.magsrv.com/x.js")


def test_host_of_handles_garbage() -> None:
    assert host_of("https://A.Test:8080/x") == "a.test"
    assert host_of("not a url") == ""


_URL_PIECES = ["http", "https", "HTTPS", "://", "//", "/", "?", "#", ":", ":80", ":x", "@", "%",
               "a", "B", ".", "..", "-", "_", "é", "\uff41", " ", "\t", "\n", "\r", "\x00",
               "\x1c", "\\", "[", "]", "[::1]", ";", "x=1", "\u3002"]


@settings(max_examples=700)
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=10))
def test_host_of_reads_a_plain_url_as_urlsplit_reads_it(pieces: list[str]) -> None:
    """`host_of` reads a plain absolute URL's host where its pattern finds it, not by
    urlsplit; any URL, plain or not, must get urlsplit's host."""
    for url in ("".join(pieces), "https://" + "".join(pieces), "http://a" + "".join(pieces)):
        assert host_of.__wrapped__(url) == split_host(url), url


@pytest.mark.parametrize(("url", "host"), [
    ("https://A.MagSrv.COM./ad.js", "a.magsrv.com"),
    ("http://a.test:8080?x", "a.test"),
    ("https://a.test#f", "a.test"),
    ("https://a.test\n", "a.test"),  # urlsplit drops the newline; `$` stands before it
    ("https://u@a.test/", "a.test"),
    ("https://a.test\t/x", "a.test"),
    ("https://[::1]:8/", "::1"),
])
def test_host_of_table(url: str, host: str) -> None:
    assert host_of(url) == host == split_host(url)


def test_audit_is_offline(tmp_path: Path) -> None:
    """A fresh process with sockets disabled audits a page: the suffixes are read from
    tldextract's bundled snapshot, tldextract (and its `requests`) is never imported, and
    nothing else reaches for the network."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise RuntimeError('network access attempted')\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "import sys\n"
        "from auditor.urls import registrable_domain\n"
        "from auditor import audit\n"
        f"report = audit({str(EXAMPLES / 'news-article.html')!r})\n"
        "assert report.pages[0].first_party == 'dailyexample.test'\n"
        "print(registrable_domain('a.b.example.co.uk'))\n"
        "assert 'tldextract' not in sys.modules and 'requests' not in sys.modules\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "", "HOME": "/nonexistent", "TLDEXTRACT_CACHE": "/nonexistent"},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "example.co.uk"
    assert socket.socket.connect is not None


@given(st.lists(st.sampled_from(["/", "a", ".", "..", "//", "?", "#", "x=1", ";", "%20", "é",
                                 " ", "\\", "@", "[", ":", "http://", "-"]), max_size=6),
       st.sampled_from(["https://x.test/", "https://x.test", "http://X.Test:8080/a/b?q#f",
                        "https://x.test?q", "HTTPS://x.test/", "https://u@x.test/",
                        "https://x.test:80abc/", "https://[::1]/", "ftp://x.test/", ""]))
def test_a_root_relative_reference_resolves_as_urljoin_resolves_it(parts: list[str],
                                                                   base: str) -> None:
    """`/path` takes a shortcut (the base's origin + the path) where urljoin would change
    nothing else; it must give urljoin's answer."""
    from auditor.urls import joined

    url = "/" + "".join(parts)
    if url.strip() and not url.strip().startswith("#"):
        assert resolve(url, base or None) == joined(url.strip(), base or None)


# hosts Chromium 156 requested (every host mapped to a local server, which saw each
# Host header): an underscore or a hyphen at a label's edge, a last label opening with one
CHROMIUM_REQUESTS = ("_ads.example", "ads_.example", "a._b_.example", "-ads.example",
                     "ads-.example", "x._a", "x.-a-")


@pytest.mark.parametrize("host", CHROMIUM_REQUESTS)
def test_a_host_chromium_requests_is_one_for_the_command_line_and_the_policy(
        host: str) -> None:
    """`--url`/`--base-url` (`absolute_url`) and a policy's hosts take one pattern,
    `urls.HOST_NAME`: the URL check refused `_ads.example`, which the policy took."""
    from auditor.gate.policy import parse_policy
    from auditor.urls import absolute_url

    assert absolute_url(f"https://{host}/p") == f"https://{host}/p"
    assert host_of(resolve(f"https://{host}/x.js", None) or "") == host
    policy = parse_policy({"deny_hosts": [host], "base_url": f"https://{host}/"},
                          Path("auditor.toml"))
    assert policy.rules.deny_hosts == (host,)


@pytest.mark.parametrize("host", ("a..example", "a b.example", "a*.example", "a|b.example"))
def test_a_host_no_browser_requests_is_refused_by_both(host: str) -> None:
    from auditor.gate.interface import PolicyError
    from auditor.gate.policy import parse_policy
    from auditor.urls import absolute_url

    assert absolute_url(f"https://{host}/p") is None
    with pytest.raises(PolicyError):
        parse_policy({"deny_hosts": [host]}, Path("auditor.toml"))


# hosts in the URL standard's IPv4 forms, each requested by Chromium 156 from 127.0.0.1
# (a page's scripts and images pointed at a local server, which logged every request);
# `127.0.0.256` is no address, and nothing was requested for it
@pytest.mark.parametrize(("url", "requested"), [
    ("http://0x7f.1:8765/hex.js", "http://127.0.0.1:8765/hex.js"),
    ("http://2130706433:8765/dec.js", "http://127.0.0.1:8765/dec.js"),
    ("http://0177.0.0.1:8765/oct.js", "http://127.0.0.1:8765/oct.js"),
    ("http://127.1:8765/short.png", "http://127.0.0.1:8765/short.png"),
    ("//0x1020304/x.js", "https://1.2.3.4/x.js"),
    ("http://127.0.0.256:8765/bad.png", None),
    ("http://[::1]/x", "http://[::1]/x"),
    ("https://cdn.b4/x", "https://cdn.b4/x"),
])
def test_an_ipv4_host_in_any_form_is_the_address_chromium_requests(
        url: str, requested: str | None) -> None:
    """A gate denying `1.2.3.4` passed `http://0x1020304/` (the walk kept the host as
    written, so no host matched): the address is what a resource's host is."""
    assert resolve(url, "https://site.test/") == requested


def test_a_denied_address_written_in_hex_fails_the_gate(tmp_path: Path) -> None:
    from auditor.cli import main

    (tmp_path / "page.html").write_text('<script src="http://0x1020304/x.js"></script>')
    (tmp_path / "auditor.toml").write_text('deny_hosts = ["1.2.3.4"]\n')
    assert main(["audit", str(tmp_path / "page.html"), "--policy",
                 str(tmp_path / "auditor.toml"), "--no-system-lists"]) == 1


def test_a_policy_address_in_any_form_is_its_dotted_quad() -> None:
    from auditor.gate.interface import PolicyError
    from auditor.gate.policy import parse_policy

    policy = parse_policy({"deny_hosts": ["0x01020304", "2130706433"]}, Path("auditor.toml"))
    assert policy.rules.deny_hosts == ("1.2.3.4", "127.0.0.1")
    with pytest.raises(PolicyError, match="not a host name"):
        parse_policy({"deny_hosts": ["1.2.3.256"]}, Path("auditor.toml"))



@pytest.mark.parametrize(("number", "address"), [
    ("1" * 5000, None), ("0" + "7" * 5000, None), ("0x" + "f" * 5000, None),
    ("0" * 5000 + "1", "0.0.0.1"),  # leading zeros: octal 1, as the URL standard reads it
], ids=["decimal", "octal", "hex", "zeros"])
def test_a_host_of_a_long_number_is_no_crash(number: str, address: str | None) -> None:
    """`int` refuses a decimal string of over 4300 digits: one such host in a page ended
    the whole audit with an internal error (and a policy naming one, too)."""
    from auditor.gate.interface import PolicyError
    from auditor.gate.policy import parse_policy

    expected = address and f"http://{address}/x.js"
    assert resolve(f"http://{number}/x.js", "https://site.test/") == expected
    if address is None:
        assert resolve(f"http://{number}.1/x.js", "https://site.test/") is None
        with pytest.raises(PolicyError, match="not a host name"):
            parse_policy({"deny_hosts": [number]}, Path("auditor.toml"))


def test_an_address_in_its_dotted_quad_is_taken_as_written(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`1.2.3.4` is what Chromium requests: resolving it by urljoin and `ipv4_host` made
    a page of 100,000 such references 35 times as slow as before the IPv4 change."""
    import auditor.urls

    def no_join(url: str, base: str | None) -> str | None:
        raise AssertionError(f"joined({url!r}) for a host already as requested")

    monkeypatch.setattr(auditor.urls, "joined", no_join)
    assert resolve("http://10.20.255.4:8080/x.js", None) == "http://10.20.255.4:8080/x.js"
    assert resolve("//192.0.2.1/x.js", "https://site.test/") == "https://192.0.2.1/x.js"
    assert resolve("/x.js", "http://198.51.100.7/a/") == "http://198.51.100.7/x.js"


@pytest.mark.parametrize("src", ["http://1.2.3.4/x.js", "http://0x1020304/x.js",
                                 "//0x01.0x02.0x03.04/x.js", "https://16909060:8443/x.js"])
def test_a_script_that_loads_a_denied_address_fails_the_gate(tmp_path: Path, src: str) -> None:
    """URL_IN_CODE took only names ending in letters: a script that built an element
    loading `http://1.2.3.4/x.js` (in any form, which Chromium 156 requests) passed a
    gate denying 1.2.3.4, where one loading a denied name failed it."""
    from auditor.cli import main

    (tmp_path / "page.html").write_text(
        "<script>var s = document.createElement('script');"
        f"s.src = '{src}'; document.head.appendChild(s);</script>")
    (tmp_path / "auditor.toml").write_text('deny_hosts = ["1.2.3.4"]\n')
    assert main(["audit", str(tmp_path / "page.html"), "--policy",
                 str(tmp_path / "auditor.toml"), "--no-system-lists"]) == 1


# dressed_host: a brand is a word of the name or joined only to infrastructure words; a
# company's own word holding a brand's letters, a real word a letter from a brand, or
# another brand a letter from one is none (each a real company's or product's name)
DRESSED = [
    ("cdn-jquery-min.test", "jquery"), ("googletagsmanager.test", "google"),
    ("stripecdn.test", "stripe"), ("jqueryui-cdn-libs.test", "jquery"),
    ("gooogleanalytics.test", "google"), ("googlc-analytics.test", "google"),
    ("googie-apis.test", "google"), ("wordpresss.test", "wordpress"),
    ("firefox-release-notes.test", "firefox"), ("static-cdn-libs.test", "a CDN or tracker"),
    ("pinstripe.com", None), ("amazonas-tours.com", None), ("chromeburner.com", None),
    # a brand beside a word of the name's own: a business named after a word or place
    ("amazon-tours.com", None), ("booking.amazon-river-cruises.example", None),
    ("paypal-fans.example", None), ("chrome-garage.example", None),
    ("windows-doors-direct.example", None), ("shopify-experts.example", None),
    # beside infrastructure, security or software words, or misspelt, it is dressed
    ("paypal-secure-login.test", "paypal"), ("microsoft-account-verify.test", "microsoft"),
    ("amazon-cdn.test", "amazon"), ("chrome-update.test", "chrome"),
    ("shopify-api.test", "shopify"), ("stripe-static.test", "stripe"),
    ("g00gle-fans.test", "google"), ("jqeury-tours.test", "jquery"),
    ("microsoft365-login.test", "microsoft"), ("static01-cdn.test", "a CDN or tracker"),
    ("windowsreport.com", None), ("mozillazine.org", None), ("bootstrapping.io", None),
    ("youtuber.example", None), ("goggle.com", None), ("googly.example", None),
    ("api.paypay.ne.jp", None), ("secure-payments.example", None), ("web-app.example", None),
    # a misspelling that is a word of its own
    ("queryapi.example", None), ("cdn.query-builder.example", None),
    ("papal-visit.example", None), ("payal.example", None), ("goole-times.example", None),
    ("jqery-cdn.test", "jquery"), ("paypall.test", "paypal"),
    # a hosting platform's customer names, not the platform's
    ("cdn-jquery.netlify.app", "jquery"), ("googletagmanager.herokuapp.com", "google"),
    ("harbourgazette.netlify.app", None),
    # a tracker's words glued without a hyphen, as throwaway domains are named; a word of
    # the name's own inside (`line`, `get`) or no tracker word (`webcontent`) is a name
    ("js.statisticscripts.test", "a CDN or tracker"), ("cdnstats.test", "a CDN or tracker"),
    ("cdn.trackstatistics.test", "a CDN or tracker"), ("cdn.statisticline.test", None),
    ("stay.linestoget.test", None), ("webcontent.example", None), ("cdnjs.example", None),
    # a short word other than `cdn` glued on is half of a vendor's or product's own name
    # (CounterAPI's widget at counterapi.com, Webmin, netstat), not a kit's dressing
    ("counterapi.com", None), ("api.counterapi.dev", None), ("www.webmin.com", None),
    ("netstat.example", None), ("cdn.mapstatic.example", None),
    ("fonts.cdnfonts.test", "a CDN or tracker"), ("updatechecker.test", "a CDN or tracker"),
]


@pytest.mark.parametrize(("host", "dressed"), DRESSED)
def test_a_host_is_dressed_only_by_what_an_impersonator_borrows(host: str,
                                                                 dressed: str | None) -> None:
    assert dressed_host(host) == dressed


# related_site: the page's own name is whole words of the other's (or the other's of
# the page's), wherever the hyphens fall; the same letters inside a word are another name
# (`radiostats` is no radio.example's, `harbourgazettepay` no more than `radiostats`); an
# asset word glued to it is a site's own CDN's name (`redditstatic`, `harbourgazettecdn`)
@pytest.mark.parametrize(("host", "page", "related"), [
    ("static.harbourgazette-cdn.example", "www.harbourgazette.example", True),
    ("api.my-harbourgazette-shop.test", "harbourgazette.example", True),
    ("cdn.harbour-gazette.test", "www.harbourgazette.example", True),
    ("static01.harbourgazette2.test", "www.harbourgazette.example", True),
    ("harbourgazette.netlify.app", "www.harbourgazette.example", True),
    ("static.windows-report-cdn.example", "windows-report.example", True),
    ("cdn.radio-static.com", "radio.example", True),
    ("harbourgazette.test", "www.harbourgazette-news.example", True),
    ("harbourgazettecdn.test", "www.harbourgazette.example", True),  # an asset word glued on
    ("i.harbourgazettestatic.test", "www.harbourgazette.example", True),
    ("harbourgazetteimages.test", "harbourgazette.example", True),
    ("radiostats.com", "radio.example", False),
    ("harbourgazettepay.test", "www.harbourgazette.example", False),
    ("cdn.stereoradio.test", "radio.example", False),
    ("freegamesloader.test", "www.games.example", False),
    ("cdn.bestradiostats.test", "radio.example", False),
    ("cdn.userway.org", "www.harbourgazette.example", False),
    ("abbc-static.test", "www.bbc.co.uk", False),  # a short name is in too many others
    ("bbcnews-static.test", "www.bbc.co.uk", False),  # ... unless glued to an asset word
    ("bbc-static.test", "www.bbc.co.uk", True),  # alone: the site's own CDN
    ("v5-static.ehowcdn.test", "www.ehow.test", True),
])
def test_a_sister_site_bears_the_pages_name_as_a_whole(host: str, page: str,
                                                        related: bool) -> None:
    assert related_site(host, page) is related
