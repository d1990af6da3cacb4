"""One script placing a unit per call in turn (`ExoLoader.addZone` thousands of times), or
writing a unit per section in thousands of `else if` branches: each call and each branch
is read once (the text between two calls, the branch keywords once a script)."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

_LOADER = "<script src='https://ads.exoclick.com/ads.js'></script>"
_GPT = "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"


def _zones_in_turn(n: int) -> str:
    calls = "".join(f'ExoLoader.addZone({{"type": "banner", "width": "300", "height": "250",'
                    f' "idzone": "{1000000 + i}"}});' for i in range(n))
    return f"<html><head>{_LOADER}</head><body><p>Text.</p><script>{calls}</script></body></html>"


def _section_branches(n: int) -> str:
    defines = "".join(f"googletag.defineSlot('/4817/s{i}', [728, 90], 'gpt-s{i}');"
                      for i in range(n))
    branches = " else ".join(
        f"if (s == {i}) {{ document.write(\"<div id='gpt-s{i}'></div>\"); "
        f"googletag.display('gpt-s{i}'); }}" for i in range(n))
    return (f"<html><head>{_GPT}<script>{defines}</script></head><body><p>Text.</p>"
            f"<script>{branches}</script></body></html>")


def test_zones_placed_in_turn_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_zones_in_turn(n)), 300, "addZone calls in turn")


def test_units_written_in_section_branches_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_section_branches(n)), 300, "section branches")


def _choices_between_units(n: int) -> str:
    """Units written in turn, each after a choice (an `if` and many `else`s, a `switch` and
    many `case`s, none a section's) that a read back from each keyword would cross again."""
    choice = "if (w) x = 1" + "".join(f" else if (w == {i}) x = {i}" for i in range(40)) + ";"
    cases = "switch (w) {" + "".join(f" case {i}: x = {i}; break;" for i in range(40)) + " }"
    units = "".join(f"{choice}{cases}document.write(\"<div id='gpt-s{i}'></div>\");"
                    f"googletag.display('gpt-s{i}');" for i in range(n))
    defines = "".join(f"googletag.defineSlot('/4817/s{i}', [728, 90], 'gpt-s{i}');"
                      for i in range(n))
    return (f"<html><head>{_GPT}<script>{defines}</script></head><body><p>Text.</p>"
            f"<script>{units}</script></body></html>")


def test_choices_between_units_written_in_turn_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_choices_between_units(n)), 100,
                  "choices between units in turn")


def _ternaries(n: int) -> str:
    """Units written in nested ternaries' arms, and `?`s left open (in strings, `?.`,
    groups that close) between units written in turn: each `?` is read once."""
    defines = "".join(f"googletag.defineSlot('/4817/s{i}', [728, 90], 'gpt-s{i}');"
                      for i in range(n))
    arms = " : ".join(f"s == {i} ? document.write(\"<div id='gpt-s{i}'></div>\")"
                      for i in range(n)) + " : 0;"
    open_qs = "".join(f"f(a ? (b ? c : d) : e?.g ?? 'q?', x ? {{k: 1}} : 0);"
                      f"document.write(\"<div id='gpt-t{i}'></div>\");" for i in range(n))
    return (f"<html><head>{_GPT}<script>{defines}</script></head><body><p>Text.</p>"
            f"<script>{arms}</script><script>{open_qs}</script></body></html>")


def test_units_in_ternaries_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_ternaries(n)), 300, "units in ternaries")


def _smart_calls(n: int) -> str:
    """SmartAdServer() called for a format after a format in one script, and a format set
    before many wrappers defined round the call, as functions or as an object's methods
    (none of them a call)."""
    calls = "".join(f"sas_formatid={1000 + i}; SmartAdServer(sas_pageid,sas_formatid,'');"
                    for i in range(n))
    wrappers = "sas_formatid=99;" + "".join(
        f"function w{i}(d, sas_pageid, sas_formatid) {{ SmartAdServer(sas_pageid, sas_formatid); }}"
        for i in range(n))
    methods = "sas_formatid=98; var ads = {" + "".join(
        f" m{i}(d, sas_pageid, sas_formatid) {{ SmartAdServer(sas_pageid, sas_formatid); }},"
        for i in range(n)) + " };"
    return ("<html><head><script src='//ced.sascdn.com/tag/1/smart.js'></script></head><body>"
            f"<p>Text.</p><script>sas_pageid='1/2';{calls}</script><script>{wrappers}</script>"
            f"<script>{methods}</script></body></html>")


def test_smart_calls_in_one_script_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_smart_calls(n)), 300, "SmartAdServer calls")


def _blocks_between_units(n: int) -> str:
    """Units written in turn, each after an `if` whose `else` block is empty, a braceless
    `else if` chain and a switch of many cases: each branch's end is read once a script
    (and once a call's span)."""
    cases = "switch (w) {" + "".join(f" case {i}: x = {i}; break;" for i in range(40)) + " }"
    units = "".join(f"if (w) {{ x = 1; }} else {{ }} if (v) x = 2; else if (u) x = 3; else x = 4;"
                    f"{cases}document.write(\"<div id='gpt-s{i}'>"
                    f"</div>\");googletag.display('gpt-s{i}');" for i in range(n))
    defines = "".join(f"googletag.defineSlot('/4817/s{i}', [728, 90], 'gpt-s{i}');"
                      for i in range(n))
    zones = "".join(f'if (w) {{ x = 1; }} else {{ }}ExoLoader.addZone({{"idzone": "{1000000 + i}"'
                    f', "width": "300", "height": "250"}});' for i in range(n))
    return (f"<html><head>{_GPT}{_LOADER}<script>{defines}</script></head><body><p>Text.</p>"
            f"<script>{units}</script><script>{zones}</script></body></html>")


def test_blocks_between_units_written_in_turn_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_blocks_between_units(n)), 100,
                  "else blocks and switches between units in turn")


def _networks_in_branches(n: int) -> str:
    """Thousands of `else if` branches, each writing GPT's div, the last AdSense's `<ins>`
    (a unit placed where the script stands, read at its call): each branch read once."""
    branches = " else ".join(
        f"if (s == {i}) {{ document.write(\"<div id='gpt-s{i}'></div>\"); "
        f"googletag.defineSlot('/4817/s{i}', [728, 90], 'gpt-s{i}'); }}" for i in range(n))
    adsense = ("else { document.write('<ins class=\"adsbygoogle\" data-ad-client=\"ca-pub-"
               "1234567890123456\" data-ad-slot=\"1234567890\"></ins>'); }")
    return (f"<html><head>{_GPT}</head><body><p>Text.</p>"
            f"<script>{branches} {adsense}</script></body></html>")


def test_units_of_two_networks_in_branches_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_networks_in_branches(n)), 300,
                  "two networks' units in branches")


def _saved_branches_and_zones(n: int) -> str:
    """A DOM save of thousands of choices, each writing GPT's div (on the page: its branch
    ran) or else placing an ExoClick zone where it stands: each zone is read against the
    nearest shown div on either side, not every one."""
    choices = "".join(
        f"if (s == {i}) {{ document.write(\"<div id='gpt-s{i}'></div>\"); }} else {{ "
        f'ExoLoader.addZone({{"type": "banner", "width": "300", "height": "250", '
        f'"idzone": "{1000000 + i}"}}); }}\n' for i in range(n))
    divs = "".join(f"<div id='gpt-s{i}'></div>" for i in range(n))
    return (f"<html><head>{_GPT}{_LOADER}</head><body><p>Text.</p>"
            f"<script>{choices}</script>{divs}</body></html>")


def test_zones_beside_shown_branches_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_saved_branches_and_zones(n)), 300,
                  "zones in branches a DOM save shows")


def _written_in_turn(n: int) -> str:
    """An ad block's script writing AdSense units in turn, a choice on the width between
    each two (each span between two units read once)."""
    units = "".join(
        f"document.write('<ins class=\"adsbygoogle\" style=\"display:inline-block;width:300px;"
        f"height:250px\" data-ad-client=\"ca-pub-5566778899001122\" data-ad-slot=\""
        f"{1000000000 + i}\"></ins>'); if (window.innerWidth > 800) {{ x = {{a: 1}}; }} "
        f"else {{ x = 0; }}" for i in range(n))
    return f"<html><body><p>Text.</p><script>{units}</script></body></html>"


def test_adsense_units_written_in_turn_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_written_in_turn(n)), 200,
                  "AdSense units written in turn")
