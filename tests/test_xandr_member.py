"""Prebid's AppNexus (Xandr) bid names its unit either by `placementId` or by `member`
and `invCode` (docs.prebid.org's appnexus bidder params). The member is Xandr's seat: the
parent account of the publishers under it, one publisher's own, or a supply partner's
(a sales house's, a reseller's) that holds many unrelated publishers (Xandr's sell-side
object hierarchy). So two sites sharing a member are not one operator in bulk clusters,
as two sharing a GPT network code are not; each still reports it. Pages written here
after Prebid's documented ad unit; IDs made up."""

from __future__ import annotations

from auditor.bulk.aggregate import clusters
from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine


def _page(code: str) -> bytes:
    return ("""<!DOCTYPE html><html><head><title>News</title>
<script async src="https://cdn.jsdelivr.net/npm/prebid.js@8/dist/not-for-prod/prebid.js"></script>
<script>
var pbjs = pbjs || {}; pbjs.que = pbjs.que || [];
pbjs.que.push(function () {
  pbjs.addAdUnits([{
    code: 'ad-top',
    mediaTypes: { banner: { sizes: [[728, 90]] } },
    bids: [{ bidder: 'appnexus', params: { member: '9417', invCode: '""" + code + """' } }]
  }]);
  pbjs.requestBids({ bidsBackHandler: function () {} });
});
</script></head><body><div id="ad-top"></div><p>The council met on Tuesday.</p>
</body></html>""").encode()


def test_a_xandr_member_is_reported_and_joins_no_sites(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    edges = []
    for site, code in (("harbour.test", "harbour_top"), ("recipes.test", "recipes_lb")):
        (page,) = audit(_page(code), url=f"https://{site}/a", engine=project_engine,
                        catalogue=catalogue).pages
        assert ("xandr-member", "9417") in {(i.kind, i.value) for i in page.ids}
        edges += [(i.kind, i.value, i.network, site) for i in page.ids]
    assert not catalogue.joins_sites("xandr-member")
    assert clusters(edges, catalogue=catalogue) == []
