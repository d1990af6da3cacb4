"""A config that names each slot's element as its slot object's `id` (About.com's
`Abt.GPT.initGPT({slots: [{'id': …}, …]})`), on hostile pages: thousands of slot objects
whose divs the page lacks, each asked whether code elsewhere makes its id. The ids the page
writes are counted once a page, so the audit grows linearly with the config."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds


def _config(n: int) -> str:
    slots = ",".join(f"{{'id':'unit{i}', 'pos':'atf', 'sizes':[[300, 250]], 'type':'box', "
                     f"'priority':'{i}'}}" for i in range(n))
    return ("<html><head><title>t</title><script>Abt.GPT.initGPT({site: 'x', slots: ["
            + slots + "]});</script></head><body><p>A note.</p><div id='unit0'></div>"
            + "".join(f"<script>var c{i} = {{id: 'unit{i}'}};</script>" for i in range(0, n, 2))
            + "</body></html>")


def test_a_configs_own_slot_ids_are_weighed_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_config(n)), 400,
                  "a GPT wrapper config naming slots the page lacks", floor=0.05)


def _device_sized_calls(n: int) -> str:
    # each position's size the device's, half their frames on the page: each call reads
    # its few offered sizes, and the page's ids are looked up, not walked
    return ("<html><head><title>t</title></head><body><p>A note.</p>" + "".join(
        (f"<div id='pos{i}300x250_frame'></div>" if i % 2 else "")
        + f"<script>CN.dart.call('pos{i}', {{sz: (CN.isMobile ? '320x50' : '300x250'), "
        "kws: ['top']});</script>" for i in range(n)) + "</body></html>")


def test_calls_sized_by_the_device_find_their_frames_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_device_sized_calls(n)), 400,
                  "CN.dart calls offering their sizes per device", floor=0.05)


def _unit_objects(n: int) -> str:
    # a wrapper's unit objects, half their divs on the page, and as many near-misses (a
    # path and a div but no sizes) that the pattern must give up on at once
    units = ",".join(f"{{name: '/1234/u{i}', id: 'u{i}', sizes: [[300, 250]]}}, "
                     f"{{name: '/1234/v{i}', id: 'v{i}'}}" for i in range(n))
    return ("<html><head><title>t</title><script>site.load.ads([" + units
            + "]);</script></head><body><p>A note.</p>"
            + "".join(f"<div id='u{i}'></div>" for i in range(0, n, 2)) + "</body></html>")


def test_a_wrappers_gpt_unit_objects_are_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_unit_objects(n)), 400,
                  "a site's GPT wrapper listing {name, id, sizes} unit objects", floor=0.05)


def _keyed_config(n: int) -> str:
    # a config keyed by div, half its divs on the page, and as many keys whose objects name
    # no unit path at all (settings the bounded read gives up on)
    defs = ",".join(f'"k{i}": {{"properties": {{"pos": "p{i}"}}, "zone": "/1234/z{i}", '
                    f'"sizes": [[300, 250]]}}, "s{i}": {{"a": {{"b": 1}}, "c": "d"}}'
                    for i in range(n))
    return ("<html><head><title>t</title><script>var m = new M({defs: {" + defs
            + "}});</script></head><body><p>A note.</p>"
            + "".join(f"<div id='k{i}'></div>" for i in range(0, n, 2)) + "</body></html>")


def test_a_gpt_config_keyed_by_div_is_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_keyed_config(n)), 400,
                  "a GPT config keyed by the div each unit fills", floor=0.05)
