"""Boxes a script names (`defineSlot(…, 'box-N')`) nested thousands deep, each holding an
older DART image: every slot's markup was serialised whole for its size and read whole
for the IDs its attributes hold, so the nesting was read once per level (21.9 s at 800
levels, 19x at 4x). Read at n and 4n."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from auditor.slots import markup_bytes, markup_sizes
from tests.hostile.scaling import assert_linear, audit_seconds

_N = 300  # 4n stays under the parser's 2,048 open elements
_IMAGE = ('<img src="http://ad.doubleclick.net/N1/ad/site/zone;sz=300x250" width="300"'
          ' height="250">')


def _nested_boxes(n: int, images: bool, attribute: str = "") -> str:
    calls = "".join(f"googletag.defineSlot('/2817463/s/u', [300, 250], 'box-{i}');"
                    for i in range(n))
    boxes = "".join(f'<div id="box-{i}"{attribute}>' + (_IMAGE if images else "")
                    for i in range(n))
    return (f"<html><head><script>{calls}</script></head><body><p>Text.</p>{boxes}"
            + "</div>" * n + "</body></html>")


@pytest.mark.parametrize("images", [False, True])
def test_nested_script_named_boxes_are_linear(images: bool) -> None:
    assert_linear(lambda n: audit_seconds(_nested_boxes(n, images)), _N,
                  f"nested script-named boxes, images={images}")


@pytest.mark.parametrize("attribute", [' data-empty=""', " hidden", " data-bare"])
def test_nested_boxes_with_an_empty_attribute_are_linear(attribute: str) -> None:
    """A box with an empty attribute (`hidden`, `data-x=""`: which a copy cannot tell
    apart) was serialised whole for its own tag's bytes, once per level."""
    assert_linear(lambda n: audit_seconds(_nested_boxes(n, False, attribute)), _N,
                  f"nested script-named boxes with{attribute}")


_MEASURED = [
    '<div id="a">x &amp; <b>y</b> tail<div id="b"><img src="i.png">t&lt;</div>z</div>',
    '<div xml:lang="x" data-x="1&amp;" a=\'"\'><script>a<b</script>é<div><p>q</p></div></div>',
    '<ul><li><div class="ad"><!-- c --><ins data-ad-slot="1"></ins></li><li>b</li></ul>',
    '<time datetime="2019" pubdate>\n <div>x <span>J</span></div>\n</time>',
    '<p hidden="">y<b>z</b></p>',
    '<div hidden data-x="" data-y checked=""><li>a<div a="">b</div>c</li>d<p e>f</p>g</div>',
    '<ul x=""><li y>one<li z="">two<!-- c --><li></ul>tail',
    '<div data-a=""><template><i q="">t</i></template><br c><p>x</p></div>',
]


@pytest.mark.parametrize("markup", _MEASURED)
def test_markup_sizes_are_each_elements_markup_bytes(markup: str) -> None:
    """Measured together, each element's bytes are what serialising it alone gives."""
    root = lxml_html.document_fromstring(f"<html><body>{markup}</body></html>")
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    assert markup_sizes(elements) == {el: markup_bytes(el) for el in elements}
    inner = elements[len(elements) // 2:]  # a part of them: holders measured on the way
    assert markup_sizes(inner) == {el: markup_bytes(el) for el in inner}
    whole = lxml_html.tostring(root)
    markup_sizes(elements)
    assert lxml_html.tostring(root) == whole  # measuring leaves the tree as it was
