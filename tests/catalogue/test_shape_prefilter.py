"""`owners_of` asks the shaped networks' URL shapes as one alternation before asking
each network in turn (speed33): the alternation is a filter only, so a URL is the same
network's whichever way it is asked (revC33 review)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.catalogue import Catalogue, default_catalogue
from auditor.model import RequestType
from auditor.urls import host_of

_CAT = default_catalogue()
# the same catalogue, its shapes asked one by one (no alternation first)
_ONE_BY_ONE: Catalogue = dataclasses.replace(_CAT)
object.__setattr__(_ONE_BY_ONE, "_any_shape", None)

# pieces near the shipped shapes: Adobe's own-host beacon, DART's ad.doubleclick.net,
# the 32-hex and 2/2/2 keyed paths, cloudfront query tags, netmind's gif, base64 paths
_PIECES = ["http://", "https://", "//", "ad.doubleclick.net", "ad.de.doubleclick.net",
           "ad-emea.doubleclick.net", "metrics.news.test", "d1a2b3c4d5e6f.cloudfront.net",
           "d1a2b3c4d5e6fg.cloudfront.net", "x.test", "/", "/b/ss/", "newsrsid,globalrsid",
           "/1/", "/0/", "H.25", "G.4", "JS-2.0", "/adj/", "/adi/", "/pfadx/", "N1234",
           "site.news", "/zone;sz=300x250;ord=1?", "/88/tag.min.js", "ab/cd/ef/",
           "abcdef" + "0" * 26 + ".js", "0" * 32, "/invoke.js", "/?abcde=1234567",
           "/p/waWQiOjAAAAAAAAeyJ.js", "/nm_trck.gif", "?", "#", "a", "9", ".", "-", ","]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12),
       st.sampled_from([None, RequestType.SCRIPT, RequestType.IMAGE, RequestType.SUBDOCUMENT]))
def test_the_alternation_names_what_each_shape_names(pieces: list[str],
                                                     kind: RequestType | None) -> None:
    url = "".join(pieces)
    request = [(url, host_of(url))]
    types = None if kind is None else [kind]
    assert [o.network for o in _CAT.owners_of(request, types)] == [
        o.network for o in _ONE_BY_ONE.owners_of(request, types)]


def test_the_shipped_shapes_join_into_one_alternation() -> None:
    """The shipped shapes number no group and name none alike: they are asked together
    (else the speed-up is silently off)."""
    assert _CAT._any_shape is not None
    assert all(n.url_shapes is not None for n in _CAT.shaped)
