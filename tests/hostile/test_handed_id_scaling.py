"""The ID readers ids37 added run over a page's scripts and URLs: an Outbrain helper's call
and a config's `widgetId:` key, Content.ad's params object, Index Exchange's legacy config,
a GPT config's `networkId` (past a bid's, Criteo's or FreeWheel's) and `…unit_name` key,
and Skimlinks' encoded API query; and the literals a page assigns, each asked whether a
comment holds it. A hostile page repeating each head with no ID after it must cost the
audit linear time: every pattern's scan past its head is bounded. Read at n and 4n."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

HEAD = "<html><head><title>t</title></head><body><p>Article text long enough to read.</p>\n"
LOADERS = ('<script src="https://widgets.outbrain.com/outbrain.js"></script>'
           '<script src="https://api.content.ad/Scripts/widget.js"></script>'
           '<script src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>')


def _script_heads(n: int) -> str:
    # one script repeating each head, none followed by an ID of its form
    head = ("createOutbrainDivs(x); widgetId : 'a'; {id: '1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d', "
            "IndexArgs = { siteID: x, bidder criteo networkId: x, unit_name: '/1234/', "
            # a GPT networkId each time, its lookahead for FreeWheel's keys or a bidder
            # after it run to no end: bounded
            "freewheel networkId: 12345, profileId: '12345 chainId networkId: 12345 dappId ")
    return HEAD + LOADERS + "<script>" + head * n + "</script></body></html>"


def _query_heads(n: int) -> str:
    # one script address repeating Skimlinks' API head, no pubcode anywhere
    return (HEAD + '<script src="https://r.skimresources.com/api/?data='
            + "%7B%22domains%22%3A%5B%22skimresources.com/api/?%22" * n
            + '"></script></body></html>')


def test_handed_id_heads_in_one_script_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_script_heads(n)), 1_200,
                  "Outbrain, Content.ad, Index Exchange and GPT config heads in one 160 KB script")


def test_skimlinks_api_heads_in_one_long_url_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_query_heads(n)), 2_000,
                  "Skimlinks API heads in one 100 KB URL")


def _assignments(n: int) -> str:
    # one line of assignments, each asked whether a comment holds it, and a call that
    # makes the page's assigned literals be read
    return (HEAD + "<script>" + 'var a = "0123456789abcdef01"; ' * n
            + '$.getScript("//www.google-analytics.com/cx/api.js?experiment="+a);'
            + "</script></body></html>")


def test_assignments_on_one_long_line_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_assignments(n)), 4_000,
                  "assigned literals on one 120 KB line, each asked for a comment")


def _sharethis_heads(n: int) -> str:
    # one script repeating ShareThis's versioned loader head, no fragment after any
    return (HEAD + "<script>" + "s='sharethis.js?ver=5.4.2&amp;x=1'; " * n
            + "</script></body></html>")


def test_sharethis_versioned_heads_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_sharethis_heads(n)), 3_000,
                  "ShareThis versioned loader heads in one 100 KB script")


def _strings_with_comment_marks(n: int) -> str:
    # one line of assignments beside strings holding `(//` and `/*`: each assignment's
    # comment check reads its line's quotes once, as far back as its bounded reach
    return (HEAD + "<script>" + "var a = \"url(//x)\", b = '/*'; " * n
            + '$.getScript("//www.google-analytics.com/cx/api.js?experiment="+a);'
            + "</script></body></html>")


def test_strings_holding_comment_marks_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_strings_with_comment_marks(n)), 3_000,
                  "assignments beside strings holding // and /* on one 90 KB line")


def _ad_wrapper_heads(n: int) -> str:
    # one script repeating the heads of a site's ad wrapper call (a callee named for ads,
    # its arguments running to no unit path), a config's zone key with no path, and one
    # long identifier of ad words with no call after it: each read once
    head = ("EX.Ads.recordSlot(a, {b: 1}, c, d); createTopAd.bind(x, 'y', "
            '"zone": "/12", cid = \'8CUTEST12\'; x = "media.net/bidexchange.js?cid=" + y; '
            "sonobiId: '0a1b', _fbq.push(['track', '12', ")
    return (HEAD + LOADERS + "<script>" + head * n + "var " + "AdSlotGpt" * n
            + " = 1;</script></body></html>")


def test_ad_wrapper_heads_in_one_script_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_ad_wrapper_heads(n)), 1_500,
                  "GPT unit-path wrapper, zone, Media.net, Sonobi and Facebook heads, one "
                  "long ad-named identifier")
