"""A CMS's ad block that writes one unit per site section, in the `if`/`else` branches of
one script, is one placement: the page shows the branch that runs. Units a script writes
one after another (no branch between them) are each a placement; on a copy saved after
the script ran, the unit it wrote is the placement and the other branches none."""

from __future__ import annotations

import pytest

from auditor.catalogue import default_catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_GPT = "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"
_DEFINE = ("<script>googletag.cmd.push(function() {" + "".join(
    f"googletag.defineSlot('/4817/{name}_top', [728, 90], 'gpt-{name}')"
    ".addService(googletag.pubads());" for name in ("news", "sport", "home"))
    + "googletag.enableServices(); });</script>")


def _write(unit: str) -> str:
    return (f"document.write(\"<div id='{unit}'><\" + \"scr\" + \"ipt>googletag.cmd.push("
            f"function() {{ googletag.display('{unit}'); }});</\" + \"scr\" + \"ipt></div>\");")


_BRANCHES = ("if (section == 'news') { " + _write("gpt-news") + " }\n"
             "else if (section == 'sport') { " + _write("gpt-sport") + " }\n"
             "else { " + _write("gpt-home") + " }")
_SWITCH = ("switch (section) { case 'news': " + _write("gpt-news") + " break;\n"
           "default: " + _write("gpt-home") + " }")
_IN_TURN = _write("gpt-news") + "\n" + _write("gpt-sport")
_RAN = ("<div id='gpt-sport'><div id='google_ads_iframe_/4817/sport_top_0__container__'"
        " style='border: 0pt none;'><iframe id='google_ads_iframe_/4817/sport_top_0'"
        " width='728' height='90'></iframe></div></div>")


def _audit(script: str, after: str = ""):  # type: ignore[no-untyped-def]
    html = (f"<!DOCTYPE html><html><head><title>Ferry</title>{_GPT}{_DEFINE}</head><body>"
            f"<div class='header-ad'><script>{script}</script>{after}</div><article>"
            "<h1>Ferry vote</h1><p>The harbour council voted on the winter timetable.</p>"
            "</article></body></html>")
    (page,) = audit(html.encode(), url="https://harbour.example/a",
                    engine=Engine.from_text("##.ad-banner\n", name="t"),
                    catalogue=default_catalogue()).pages
    return page


@pytest.mark.parametrize(("script", "after", "zones"), [
    (_BRANCHES, "", ["/4817/news_top"]),  # one block, one placement
    (_SWITCH, "", ["/4817/news_top"]),
    (_IN_TURN, "", ["/4817/news_top", "/4817/sport_top"]),  # written in turn: two
    (_BRANCHES, _RAN, ["/4817/sport_top"]),  # saved after it ran: the unit it wrote
    # a choice made between units written in turn (a size per screen) parts no units
    (_write("gpt-news") + "\nvar sz; if (window.innerWidth > 700) { sz = [728, 90]; }"
     " else { sz = [320, 50]; }\n" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    (_write("gpt-news") + "switch (device) { case 'm': sz = [320, 50]; break;"
     " default: sz = [728, 90]; }" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    # nor a branch word in a comment, nor an object's `default:` key
    (_write("gpt-news") + "\n// in case the first collapses, or else\n" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    (_write("gpt-news") + "var o = {default: 1};" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    # nor a branch word in a string's prose
    (_write("gpt-news") + "\nvar note = 'nothing else to show';\n" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    (_write("gpt-news") + '\nvar note = "in case it collapses";\n' + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    (_write("gpt-news") + "\nlog('default: none');\n" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    # branches without braces, and a size choice inside a section's branch
    ("if (section == 'news') " + _write("gpt-news") + "\nelse " + _write("gpt-sport"), "",
     ["/4817/news_top"]),
    ("if (section == 'news') { if (w) { sz = 1; } else { sz = 2; } " + _write("gpt-news")
     + " } else { " + _write("gpt-sport") + " }", "", ["/4817/news_top"]),
    # a device rule's block (an ad plugin's mobile or desktop unit), then a unit written
    # after the block closes: that one is written whichever branch ran, a placement more
    ("if (window.innerWidth < 768) { " + _write("gpt-sport") + " } else { "
     + _write("gpt-home") + " }\n" + _write("gpt-news"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    ("switch (device) { case 'mobile': " + _write("gpt-sport") + " break; default: "
     + _write("gpt-home") + " }\n" + _write("gpt-news"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    # a ternary's two arms are branches: the section's unit is the one written
    ("(section == 'news') ? " + _write("gpt-news").rstrip(";") + " : "
     + _write("gpt-sport").rstrip(";") + ";", "", ["/4817/news_top"]),
    ("section == 'news' ? " + _write("gpt-news").rstrip(";") + " : section == 'sport' ? "
     + _write("gpt-sport").rstrip(";") + " : " + _write("gpt-home").rstrip(";") + ";", "",
     ["/4817/news_top"]),
    # a ternary between units written in turn (a size, an optional call, a `?` in a string)
    (_write("gpt-news") + "var sz = wide ? [728, 90] : [320, 50];" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    (_write("gpt-news") + "window.pbjs?.que ?? log('why? none: yet');" + _write("gpt-sport"),
     "", ["/4817/news_top", "/4817/sport_top"]),
    # nor one in a comment, nor a `?` in one statement and an object's `key:` in the next
    ("/* wide ? */ " + _write("gpt-news") + " // : narrow\n" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    ("var q = wide ?" + " 1 : 2; " + _write("gpt-news") + "var o = {a: 1};" + _write("gpt-sport"),
     "", ["/4817/news_top", "/4817/sport_top"]),
    # a ternary's arms end with its statement (or its list's item): a unit written after
    # it, in turn, is no arm of it
    ("wide ? " + _write("gpt-news").rstrip(";") + " : null;\n" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    ("wide ? " + _write("gpt-news").rstrip(";") + " : void 0, " + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    ("(function () { wide ? " + _write("gpt-news").rstrip(";") + " : 0 })(); "
     + _write("gpt-sport"), "", ["/4817/news_top", "/4817/sport_top"]),
    # an `else` block, a `case` (or `default:`) ends with its block or its switch: a unit
    # written after it, in turn, is no branch of it, empty as the other branch may be
    ("if (wide) { " + _write("gpt-news") + " } else { }\n" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    ("if (wide) { " + _write("gpt-news") + " } else { log('narrow: { none }'); } "
     + _write("gpt-sport"), "", ["/4817/news_top", "/4817/sport_top"]),
    ("switch (device) { case 'wide': " + _write("gpt-news") + " break; default: break; }\n"
     + _write("gpt-sport"), "", ["/4817/news_top", "/4817/sport_top"]),
    # an empty `else if` branch, a braceless `else`'s statement, end as a block does
    ("if (wide) { " + _write("gpt-news") + " } else if (narrow) { }\n" + _write("gpt-sport"),
     "", ["/4817/news_top", "/4817/sport_top"]),
    ("if (wide) { " + _write("gpt-news") + " } else x = 1;\n" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    ("{ if (wide) { " + _write("gpt-news") + " } else x = 1 }\n" + _write("gpt-sport"), "",
     ["/4817/news_top", "/4817/sport_top"]),
    # the unit in the `else` block is still the other branch
    ("if (wide) { " + _write("gpt-news") + " } else { if (x) { y(); } " + _write("gpt-sport")
     + " }", "", ["/4817/news_top"]),
    ("if (wide) { " + _write("gpt-news") + " } else if (narrow) { x = 1; "
     + _write("gpt-sport") + " }", "", ["/4817/news_top"]),
    ("if (wide) " + _write("gpt-news") + " else if (narrow) x = 1; else "
     + _write("gpt-sport"), "", ["/4817/news_top"]),
])
def test_units_in_branches_of_one_block_are_one_placement(
        script: str, after: str, zones: list[str | None]) -> None:
    page = _audit(script, after)
    assert [s.zone_id for s in page.slots] == zones
    # each branch's unit is defined on the page: its path is the page's ID, shown or not
    assert {i.value for i in page.ids if i.kind == "gpt-slot"} == {
        "/4817/news_top", "/4817/sport_top", "/4817/home_top"}


def _zone_call(zone: str) -> str:
    return (f'ExoLoader.addZone({{"type": "banner", "width": "300", "height": "250",'
            f' "idzone": "{zone}"}});')


@pytest.mark.parametrize(("code", "zones"), [
    # ExoClick's loader places each zone it is given: two calls in turn, two units
    (_zone_call("1234567") + _zone_call("7654321"), ["1234567", "7654321"]),
    # one zone per section: the branch that runs places one
    (f"if (wide) {{ {_zone_call('1234567')} }} else {{ {_zone_call('7654321')} }}",
     ["1234567"]),
    # a size chosen between two calls in turn parts no units
    (_zone_call("1234567") + "if (wide) { w = 728; } else { w = 300; }"
     + _zone_call("7654321"), ["1234567", "7654321"]),
    # a device rule's zone, then a zone placed after the rule's block: two units
    (f"if (wide) {{ {_zone_call('1234567')} }} else {{ {_zone_call('7654321')} }}"
     + _zone_call("2468024"), ["1234567", "2468024"]),
    # a device rule's zone with an empty other branch, then a zone placed after it: two
    (f"if (wide) {{ {_zone_call('1234567')} }} else {{ }}" + _zone_call("2468024"),
     ["1234567", "2468024"]),
    # a branch word in a string between two calls in turn parts none
    (_zone_call("1234567") + "var note = 'nothing else';" + _zone_call("7654321"),
     ["1234567", "7654321"]),
    # the same zone called twice is its one unit
    (_zone_call("1234567") + _zone_call("1234567"), ["1234567"]),
])
def test_zones_placed_in_turn_by_one_script_are_units_each(code: str, zones: list[str]) -> None:
    html = ("<!DOCTYPE html><html><head><title>Ferry</title>"
            "<script src='https://ads.exoclick.com/ads.js'></script></head><body><article>"
            "<h1>Ferry vote</h1><p>The harbour council voted on the winter timetable.</p>"
            f"</article><script>{code}</script></body></html>")
    (page,) = audit(html.encode(), url="https://harbour.example/a",
                    engine=Engine.from_text("##.ad-banner\n", name="t"),
                    catalogue=default_catalogue()).pages
    assert [s.zone_id for s in page.slots] == zones
