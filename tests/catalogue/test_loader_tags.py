"""The catalogue's `self_hosted_tags` asked of a script at once (their union, one XPath
call) before one by one: a script none selects names no vendor; one some select is the
first such vendor's whose ID attributes hold its IDs, as asking each in turn found."""

from __future__ import annotations

import itertools

import lxml.html
import pytest

from auditor.catalogue import default_catalogue

# attributes the catalogue's script selectors read, and values of the shapes they test
_ATTRIBUTES = [("data-ad-client", "ca-pub-1234567890123456"), ("data-ad-client", "x"),
               ("async", ""), ("id", "parsely-cfg"), ("src", "/keys/site.com/p.js"),
               ("src", "/js/script.js"), ("data-domain", "site.com"),
               ("data-api", "/api/event"), ("data-website-id", "42"),
               ("data-website-id", "9a1b2c3d-1111-2222-3333-444455556666"),
               ("data-cf-beacon", '{"token": "abc"}'),
               ("data-tid", "1"), ("data-pbid", "2")]


@pytest.mark.parametrize("tag", ["script", "div"])
@pytest.mark.parametrize("size", [0, 1, 2, 3])
def test_the_union_of_the_loader_tags_answers_as_each_in_turn(tag: str, size: int) -> None:
    catalogue = default_catalogue()
    named = 0
    for chosen in itertools.combinations(_ATTRIBUTES, size):
        attrs = dict(chosen)
        el = lxml.html.fragment_fromstring(
            f"<{tag} " + " ".join(f"{k}='{v}'" for k, v in attrs.items()) + f"></{tag}>")
        url = "https://www.site.example/assets/app.js"
        expected = next((n for selector, n in catalogue._loader_tags if selector(el)
                         and all(spec.pattern.search(value) for spec in n.ids
                                 if spec.where == "attr" and spec.attr
                                 and (value := el.get(spec.attr)) is not None)), None)
        assert catalogue.self_hosted_loader(url, el) is expected
        named += expected is not None
    assert named or tag == "div" or size == 0
