"""The slot machinery new with the DART, Smart AdServer and GPT `needs_element` rules, on
hostile pages written here: each read grows linearly with the page (at n and 4n a linear
cost grows about 4 times, a quadratic one 16)."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = "<html><head><title>t</title></head><body><p>A short note on the weather.</p>"


def _dart_run(n: int) -> str:
    # a DART tag URL in a script's string with no `;sz=` after it, its path one long run
    # of URL characters (no quote, space or `;`): the rule's zone and the lazy run after
    # it both took that run, so each end the zone gave back was read again to the end
    return _HEAD + ("<script>var u = 'https://ad.doubleclick.net/adj/site.example/news"
                    + "a" * n + "';</script></body></html>")


def _dart_repeated(n: int) -> str:
    # many DART URLs in one unbroken run: each read ahead to the run's end
    return _HEAD + ("<script>var u = '" + "//ad.doubleclick.net/adj/s/z" * (n // 28)
                    + "';</script></body></html>")


def test_a_dart_url_without_its_size_is_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_dart_run(n)), 5_000, "a DART URL's long path",
                  runs=2, floor=0.05)


def test_dart_urls_in_one_run_are_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_dart_repeated(n)), 40_000, "DART URLs in a run",
                  runs=2, floor=0.05)


def _fallbacks(n: int) -> str:
    # DART script tags each with its noscript fallback: each folded into its script's slot
    dart = "https://ad.doubleclick.net"
    return _HEAD + "".join(
        f'<script src="{dart}/adj/s.example/z{i};sz=300x250;ord=1?"></script><noscript>'
        f'<a href="{dart}/jump/s.example/z{i};sz=300x250"><img src="{dart}/ad/s.example/z{i};'
        'sz=300x250"></a></noscript>' for i in range(n)) + "</body></html>"


def _undivided_units(n: int) -> str:
    # GPT units whose divs the page lacks, beside as many ids and id prefixes scripts write
    return _HEAD + "<script>" + "".join(
        f"googletag.defineSlot('/123/s/u{i}', [300, 250], 'div-gpt-ad-{'a' * 150}{i}');"
        for i in range(n)) + "</script><script>" + "".join(
        f"d.id = 'p{i}' + n; e.id = 'x{i}';" for i in range(n)) + "</script></body></html>"


def _held_units(n: int) -> str:
    # GPT units whose divs body scripts hold as escaped markup, beside start tags that never
    # name an id (each read at most a bounded way ahead for one)
    return _HEAD + "<script>" + "".join(
        f"googletag.defineSlot('/123/s/u{i}', [300, 250], 'div-gpt-ad-{i}');"
        for i in range(n)) + "</script>" + "".join(
        f"<div><script>var a = '&lt;div id=\\'div-gpt-ad-{i}\\'&gt;' + '{'&lt;p x ' * 40}';"
        "</script></div>" for i in range(n)) + "</body></html>"


def _sas_units(n: int) -> str:
    # Smart AdServer calls each rendering into its `sas_FORMATID` div
    return _HEAD + "".join(
        f'<div id="sas_{i}"></div><script>sas.call("std", {{siteId: 1, pageId: 2, '
        f'formatId: {i}, target: ""}});</script>' for i in range(n)) + "</body></html>"


def test_noscript_fallbacks_divless_units_and_sas_containers_scale_linearly() -> None:
    for shape in (_fallbacks, _undivided_units, _held_units, _sas_units):
        assert_linear(lambda n, shape=shape: audit_seconds(shape(n)), 500, shape.__name__,
                      runs=2, floor=0.05)


def _labels_seconds(n: int) -> float:
    """Cosmetic slots of a page of `n` ad labels side by side under one parent, every
    other one beside a unit (each label reads the elements just before and after it)."""
    import time

    from auditor.catalogue import default_catalogue
    from auditor.dom.page import parse_page
    from auditor.slots import cosmetic_slots

    rows = "".join('<p class="advert-txt">Advertisement</p>' + (
        '<div class="adunit"><span>x</span></div>' if i % 2 else "") for i in range(n))
    page = parse_page(f"<html><body><div id='rail'>{rows}</div></body></html>")
    hits = [(el, "##.x", "easylist") for el in page.root.iter("p", "div")
            if el.get("id") != "rail"]
    catalogue = default_catalogue()
    start = time.perf_counter()
    cosmetic_slots(hits, [], {}, catalogue, frozenset(), page)
    return time.perf_counter() - start


def test_ad_labels_beside_units_are_read_in_linear_time() -> None:
    assert_linear(_labels_seconds, 8_000, "ad labels beside units", runs=2, floor=0.02)


def _labels_beside_known_units(n: int) -> str:
    # `n` labels each beside the box a GPT unit renders in: each known unit's two boxes
    # above it are read once, nested boxes or not
    return _HEAD + "".join(
        f"<div><span class='ad-label'>Advertisement</span><div id='box{i}'><div id="
        f"'google_ads_iframe_/1234/s/u{i}_0__container__'><iframe width='300' height='250'>"
        "</iframe></div></div>" for i in range(n)) + "</div>" * n + "</body></html>"


def test_labels_beside_known_units_boxes_are_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_labels_beside_known_units(n)), 400,
                  "labels beside known units' boxes", runs=2, floor=0.05)


def _bare_labels_beside_deep_units(n: int) -> str:
    # `n` bare labels each beside a layout box holding a GPT unit three levels down, the
    # boxes nested: each known unit's four boxes above it are read once
    return _HEAD + "".join(
        f"<div><p class='ad-notice-small'>Advertisement - story continues below</p><div>"
        f"<div><div id='box{i}'><div id='google_ads_iframe_/1234/s/u{i}_0__container__'>"
        "<iframe width='300' height='250'></iframe></div></div></div>"
        for i in range(n)) + "</div></div>" * n + "</body></html>"


def test_bare_labels_beside_deep_units_layout_are_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_bare_labels_beside_deep_units(n)), 400,
                  "bare labels beside known units' layout boxes", runs=2, floor=0.05)
