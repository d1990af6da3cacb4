"""What a page loads past its head's top (before its charset is where an injector writes)
is read in one place, `loads_past_top`, for each heuristic that asks: the files in each
build folder (`behaviour`) and the hosts serving the page's own stylesheets and shown
images (`hidden`)."""

from __future__ import annotations

from auditor.catalogue import default_catalogue
from auditor.dom.page import parse_page
from auditor.heuristics import behaviour, hidden
from auditor.heuristics.interface import PageContext
from auditor.readers.interface import Document

PAGE = """<html><head>
<link rel="stylesheet" href="https://top.example/a.css">
<script src="https://top.example/t.js"></script>
<meta charset="utf-8">
<link rel="stylesheet" href="https://cdn.site.example/static/css/main.css">
<link rel="icon" href="https://icons.example/f.ico">
<script src="https://cdn.site.example/static/js/app.js"></script>
<script src=""></script>
</head><body>
<img src="https://img.example/photo.jpg" width="600" height="400">
<img src="https://pixel.example/p.gif" width="1" height="1">
<noscript><img src="https://ns.example/n.jpg" width="600" height="400"></noscript>
</body></html>"""


def _context() -> PageContext:
    page = parse_page(PAGE)
    return PageContext(Document(input="t", kind="html", text=page.text,
                                url="https://www.site.example/story"),
                       page, "https://www.site.example/story", "site.example", (), (), (), (),
                       default_catalogue())


def test_the_loads_past_the_top_are_read_once_for_every_reader() -> None:
    ctx = _context()
    loads = behaviour.loads_past_top(ctx)
    assert [(load.tag, load.ref) for load in loads] == [
        ("script", "https://cdn.site.example/static/js/app.js"), ("script", ""),
        ("link", "https://cdn.site.example/static/css/main.css"),
        ("link", "https://icons.example/f.ico"),
        ("img", "https://img.example/photo.jpg"), ("img", "https://pixel.example/p.gif"),
        ("img", "https://ns.example/n.jpg")]
    assert behaviour.loads_past_top(ctx) is loads  # the page's one view
    # the stylesheets and shown images: no script, icon, pixel or noscript image
    assert hidden._hosts_past_top(ctx) == {"cdn.site.example", "img.example"}
    # every script and link past the top, by build folder (the empty `src` is one too)
    assert behaviour._files_in(ctx) == {"cdn.site.example/static/": 2, "icons.example/": 1,
                                        "/": 1}
