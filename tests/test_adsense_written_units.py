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
