"""The crawl-wide copy rules on variants of examples/scraper_network.py's crawl, each a
case a page-by-page reading got wrong: a copy that lost its source link, a crawl without
the outlets, an operator's own ID placed inside the copied article, a chain copy.

Every crawl is written here from the example's pages, to a WARC, and goes through
`auditor bulk` and `auditor report` as a user's would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scripts import load_script

from auditor.cli import main

LIGHT = ["--no-system-lists", "--no-progress", "--workers", "1"]
NETWORK = load_script("examples/scraper_network.py")
OUTLETS: dict[str, str] = NETWORK.OUTLETS
SCRAPERS = sorted(NETWORK.SCRAPERS)
EXPECTED = [["s1.example", "s2.example"], ["s4.example", "s5.example"]]


def summary(tmp_path: Path, records: list[tuple[str, str]],
            capsys: Any) -> dict[str, Any]:
    crawl, store = tmp_path / "crawl.warc.gz", tmp_path / "s.db"
    crawl.write_bytes(NETWORK.warc(records))
    assert main(["bulk", str(crawl), "--store", str(store), *LIGHT]) == 0
    capsys.readouterr()
    assert main(["report", "--store", str(store), "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def copied(s: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["value"]: i for i in s["copied_ids"]}


def test_a_copy_whose_source_link_was_lost_still_copies_what_its_site_copies(
        tmp_path: Path, capsys: Any) -> None:
    """One more s1 page, its "Source link" renamed: the page names no source, but s1
    names outlet-one on its other pages, so the outlet's GA ID is copied there too."""
    records = NETWORK.pages()
    html = NETWORK.scraper_page(1, "s1.example", "outlet-one.example", "a2")
    records.append(("https://www.s1.example/unattributed",
                    html.replace(">Source link<", ">More<")))
    s = summary(tmp_path, records, capsys)
    assert [c["sites"] for c in s["clusters"]] == EXPECTED
    assert copied(s)["G-OUTLET1AAA"]["pages"] == len(SCRAPERS) + 1
    one = next(r for r in s["republication"] if r["source"] == "outlet-one.example")
    assert one["sites"] == SCRAPERS  # the unattributed page names nothing: s1's count
    assert {x["site"]: x["pages"] for x in one["site_pages"]} == dict.fromkeys(SCRAPERS, 1)


def test_without_the_outlets_pages_the_copies_marks_tell_their_ids(
        tmp_path: Path, capsys: Any) -> None:
    """The outlets are not crawled: the odd scrapers' in-article marks say whose each GA
    ID is, so the even scrapers' copies moved into the head are copied too."""
    records = [(u, h) for u, h in NETWORK.pages() if "outlet-" not in u.split("/")[2]]
    s = summary(tmp_path, records, capsys)
    assert [c["sites"] for c in s["clusters"]] == EXPECTED
    for outlet, ga_id in OUTLETS.items():
        assert copied(s)[ga_id]["copied_from"] == [outlet]
        assert copied(s)[ga_id]["site_list"] == SCRAPERS


def test_an_operators_own_id_inside_the_article_is_not_the_outlets(
        tmp_path: Path, capsys: Any) -> None:
    """s4 and s5 put their shared GA property inside the post: the pages' marks say it
    came with the article, but both outlets are crawled and neither carries it, and one
    site cannot have copied it from two sources: it is theirs, and joins them."""
    records = []
    own = NETWORK.gtag("G-S45SHARED")
    for url, html in NETWORK.pages():
        if "s4.example" in url or "s5.example" in url:
            html = html.replace(own, "", 1).replace("<h1>", own + "<h1>", 1)
        records.append((url, html))
    s = summary(tmp_path, records, capsys)
    assert [c["sites"] for c in s["clusters"]] == EXPECTED
    assert "G-S45SHARED" not in copied(s)


def test_an_id_of_the_pages_own_ad_slot_is_never_copied_by_the_crawl_wide_rule(
        tmp_path: Path, capsys: Any) -> None:
    """s2 copies s1's copies (a chain), crediting s1: the outlets' GA IDs on s2 came
    from s1, but the AdSense publisher of s2's own `<ins>` unit is s2's operator's, and
    still joins s2 with s1."""
    records = []
    for url, html in NETWORK.pages():
        if url.startswith("https://www.s2.example/"):
            html = html.replace("https://www.outlet-", "https://www.s1.example/outlet-")
        records.append((url, html))
    s = summary(tmp_path, records, capsys)
    assert [c["sites"] for c in s["clusters"]] == EXPECTED
    assert "ca-pub-1111111111111111" not in copied(s)
    for ga_id in OUTLETS.values():
        assert "s1.example" in copied(s)[ga_id]["copied_from"]
        assert copied(s)[ga_id]["site_list"] == SCRAPERS


def test_a_slot_owns_only_the_one_id_of_its_network_a_page_holds() -> None:
    from auditor.bulk.shard import _slot_ids

    slot = [{"network": "Google AdSense", "zone_id": "4455667702"}]
    own = {"kind": "adsense-publisher", "value": "ca-pub-1", "network": "Google AdSense"}
    outlet = {**own, "value": "ca-pub-2"}
    zone = {"kind": "adsense-slot", "value": "4455667702", "network": "Google AdSense"}
    ga = {"kind": "ga-measurement-id", "value": "G-X", "network": "Google Analytics"}
    assert _slot_ids([own, zone, ga], slot) == [True, True, False]
    # its own and one that came with the copy: the page cannot tell which the slot uses
    assert _slot_ids([own, outlet, zone], slot) == [False, False, True]
    assert _slot_ids([own], []) == [False]
