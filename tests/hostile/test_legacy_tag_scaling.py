"""The legacy tag forms read since the 2014 news pages (Segment's snippet key beside its
loader address, DART tags with a network code, Floodlight on ad.doubleclick.net), on hostile
pages written here: each read grows linearly with the page."""

from __future__ import annotations

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = "<html><head><title>t</title></head><body><p>A short note on the weather.</p>"


def _runs_in_a_script(opening: str, unit: str, n: int) -> str:
    # one script's string (or statement) holding `unit` over and over, about `n` characters
    return _HEAD + "<script>" + opening + unit * (n // len(unit)) + "';</script></body></html>"


@pytest.mark.parametrize(("opening", "unit", "what"), [
    # AdSense's legacy variable over and over, each value a named client cut short
    ("", "google_ad_client = 'ca-conde_", "AdSense named clients"),
    # the snippet's loader address with no load call after it: each one reads ahead its
    # bounded window, no further
    ("var u = '", "cdn.segment.io/analytics.js/v1/x ", "Segment loader addresses"),
    # DART URLs with a network code run together in one string, none with a size
    ("var u = '", "//ad.doubleclick.net/N3910/adj/s/z", "DART tags with network codes"),
    # Floodlight activity addresses on ad.doubleclick.net run together, none naming its
    # advertiser: each start's lazy run of key-values must not read on to the string's end
    ("var u = '", "ad.doubleclick.net/activity;a=b;", "Floodlight activity key-values"),
    # Time Inc.'s iframe factory calls cut short before their height, and its config opened
    # over and over with no site named: each start reads a bounded window
    ("", "iframeAdFactory.getAd('i_728x90', 728, ", "Time Inc. iframe factory calls"),
    ("", "new TiiAdConfig( ", "Time Inc. ad configs"),
])
def test_legacy_tags_in_a_script_are_read_in_linear_time(opening: str, unit: str,
                                                         what: str) -> None:
    assert_linear(lambda n: audit_seconds(_runs_in_a_script(opening, unit, n)), 40_000,
                  what, runs=2, floor=0.05)


def _query_key_runs(unit: str, n: int) -> str:
    # one script address holding a tag's path and a query of key-values over and over, never
    # the key its ID is read from: each start's run up to the key must stay in a bounded window
    return _HEAD + '<script src="https://' + unit * (n // len(unit)) + '"></script></body></html>'


@pytest.mark.parametrize("unit", [
    "exoclick.com/splash.php?a=b&",  # ExoClick's first popunder: idsite, login
    "juicyads.com/jp.php?a=b&",  # JuicyAds' pop tag: c
    "industrybrains.com/jsct?a=b&",  # IndustryBrains' sponsored links: sid
    # the same idiom in entries of earlier passes
    "juicyads.com/adshow.php?a=b&",  # adzone
    "superfish.com/ws/x?a=b&",  # dlsource
    "aniview.com/api/x?a=b&",  # AV_PUBLISHERID, AV_CHANNELID
    "facebook.com/tr?a=b&",  # id
])
def test_query_keys_of_the_legacy_tags_are_read_in_linear_time(unit: str) -> None:
    assert_linear(lambda n: audit_seconds(_query_key_runs(unit, n)), 10_000,
                  f"query keys after {unit}", runs=2, floor=0.02)


@pytest.mark.parametrize("unit", [
    "superfish.com/ws/x/",  # dlsource
    "aniview.com/api/x/",  # AV_PUBLISHERID, AV_CHANNELID
    "richinfo.co/richpartners/x/",  # pubid, siteid
    "truehits.in.th/x/",  # id, hc
    "magsrv.com/x/",  # ExoClick's idzone
])
def test_the_path_before_a_legacy_tags_query_is_read_in_linear_time(unit: str) -> None:
    # the tag's path over and over with no query at all: each start's run of path up to the
    # '?' must stay in a bounded window, not read on to the address's end
    assert_linear(lambda n: audit_seconds(_query_key_runs(unit, n)), 10_000,
                  f"paths after {unit}", runs=2, floor=0.02)
