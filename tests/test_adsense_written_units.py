"""A script that document.writes AdSense's `<ins class="adsbygoogle">` (a theme's ad spot,
one write per breakpoint, as tagDiv's Newspaper theme does) is one unit where it stands:
its size and its unit (`data-ad-slot`) are the written tag's, read up to the tag's end.
Pages written here after AdSense's documented ad code."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_PAGE = """<!DOCTYPE html>
<html><head><title>Forests</title>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>
</head><body><div class="td-g-rec td-g-rec-id-header">
<script type="text/javascript">
var td_screen_width = window.innerWidth;
if ( td_screen_width >= 1140 ) {
    document.write('<span class="td-adspot-title">- Advertisement -</span><ins class="adsbygoogle" style="display:inline-block;width:728px;height:90px" data-ad-client="ca-pub-2233445566778899" data-ad-slot="4455667788"></ins>');
    (adsbygoogle = window.adsbygoogle || []).push({});
}
if ( td_screen_width < 768 ) {
    document.write('<span class="td-adspot-title">- Advertisement -</span><ins class="adsbygoogle" style="display:inline-block;max-width:100%;width:320px;height:50px" data-ad-client="ca-pub-2233445566778899" data-ad-slot="4455667799"></ins>');
    (adsbygoogle = window.adsbygoogle || []).push({});
}
</script></div>
<h1>Intact forests</h1><p>Indigenous land management protects the climate.</p>
<div class="td-a-rec"><script>
document.write('<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-2233445566778899" data-ad-format="auto"></ins>');
(adsbygoogle = window.adsbygoogle || []).push({});
</script></div>
</body></html>"""  # noqa: E501 -- the theme writes each tag on one line


def test_a_written_adsense_tag_names_its_unit_and_size(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(_PAGE.encode(), url="https://forests.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    # one unit per script, at its first write; a responsive tag (no size, no slot) has none
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (5, "Google AdSense", "4455667788", 728, 90),
        (17, "Google AdSense", None, None, None)]
    assert ("adsense-slot", "4455667788") in {(i.kind, i.value) for i in page.ids}


# an old site's ad block: one script writes its units one after another, each followed by
# its `push({})`, a choice about the menu (`if … else …`) between them
_BLOCK = """<!DOCTYPE html>
<html><head><title>Garden</title>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-5566778899001122" crossorigin="anonymous"></script>
</head><body><p>Prune the roses in March.</p>
<script type="text/javascript">
document.write('<ins class="adsbygoogle" style="display:inline-block;width:468px;height:60px" data-ad-client="ca-pub-5566778899001122" data-ad-slot="1029384756"></ins>');
(adsbygoogle = window.adsbygoogle || []).push({});
if (window.innerWidth < 600) { document.body.className += ' narrow'; } else { document.body.className += ' wide'; }
document.write('<ins class="adsbygoogle" style="display:inline-block;width:336px;height:280px" data-ad-client="ca-pub-5566778899001122" data-ad-slot="5647382910"></ins>');
(adsbygoogle = window.adsbygoogle || []).push({});
</script>
<script>
if (window.innerWidth >= 728) {
document.write('<ins class="adsbygoogle" style="display:inline-block;width:728px;height:90px" data-ad-client="ca-pub-5566778899001122" data-ad-slot="1111122222"></ins>');
} else {
document.write('<ins class="adsbygoogle" style="display:inline-block;width:320px;height:50px" data-ad-client="ca-pub-5566778899001122" data-ad-slot="3333344444"></ins>');
}
(adsbygoogle = window.adsbygoogle || []).push({});
</script>
<script>
var mobile = /Android|iPhone/i.test(navigator.userAgent);
if (!mobile) {
document.write('<ins class="adsbygoogle" style="display:inline-block;width:728px;height:90px" data-ad-client="ca-pub-5566778899001122" data-ad-slot="5555566666"></ins>');
}
if (mobile) {
document.write('<ins class="adsbygoogle" style="display:inline-block;width:320px;height:50px" data-ad-client="ca-pub-5566778899001122" data-ad-slot="7777788888"></ins>');
}
(adsbygoogle = window.adsbygoogle || []).push({});
</script>
</body></html>"""  # noqa: E501 -- each unit written on one line


def test_units_written_in_turn_by_one_script_are_units_of_their_own(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(_BLOCK.encode(), url="https://garden.test/roses", engine=project_engine,
                    catalogue=catalogue).pages
    # the first script writes two units; the second one, one branch each; the third one,
    # a block each device's
    assert [(s.line, s.zone_id, s.width, s.height) for s in page.slots] == [
        (5, "1029384756", 468, 60), (5, "5647382910", 336, 280),
        (12, "1111122222", 728, 90), (20, "5555566666", 728, 90)]
    ids = {i.value for i in page.ids if i.kind == "adsense-slot"}
    assert {"1029384756", "5647382910"} <= ids


# a travel blog's in-article unit, chosen by device: AdSense's unit tag (its `<ins
# class="adsbygoogle" data-ad-client data-ad-slot>` and push) written once per device
_PER_DEVICE = """<!DOCTYPE html>
<html><head><title>Lisbon in three days</title>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-4820193847561029" crossorigin="anonymous"></script>
</head><body><h1>Lisbon in three days</h1><p>Start at the castle before the crowds.</p>
<script>
var isPhone = /Android|iPhone|iPod/i.test(navigator.userAgent);
if (isPhone) {
  document.write('<ins class="adsbygoogle" style="display:inline-block;width:320px;height:100px" data-ad-client="ca-pub-4820193847561029" data-ad-slot="6029384751"></ins>');
}
if (!isPhone) {
  document.write('<ins class="adsbygoogle" style="display:inline-block;width:728px;height:90px" data-ad-client="ca-pub-4820193847561029" data-ad-slot="8192037465"></ins>');
}
(adsbygoogle = window.adsbygoogle || []).push({});
</script>
<p>Take tram 28 up to Graça.</p>
</body></html>"""  # noqa: E501 -- each unit written on one line


def test_a_unit_per_device_is_one_placement_and_both_units_are_the_operators(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(_PER_DEVICE.encode(), url="https://travel.test/lisbon",
                    engine=project_engine, catalogue=catalogue).pages
    # one placement: the device that saw the page ran one branch
    assert [(s.zone_id, s.width, s.height) for s in page.slots] == [("6029384751", 320, 100)]
    # the other device's unit is the operator's all the same, cited where it is written
    assert {i.value for i in page.ids if i.kind == "adsense-slot"} == {"6029384751", "8192037465"}
    assert [(u.zone_id, u.line, u.kind) for u in page.unplaced_units] == [
        ("8192037465", 11, "adsense-slot")]
    assert page.metrics.ad_slots == 1
