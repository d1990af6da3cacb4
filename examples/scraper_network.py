"""Write a small crawl of a scraper network as a WARC: the seeds' pattern, at the size of
a bulk run you can read whole.

Two outlets each publish two articles, each page carrying the outlet's own GA property.
Five scraper sites each copy one article of each outlet, with the outlet's GA snippet
still inside it (or moved into the head), a "Source link" to the original closing the
post as scraper plugins write it, and their own AdSense unit. s1 and s2 share one AdSense
account and s4 and s5 one GA property: those are the only two operators.

    python examples/scraper_network.py scraper-network.warc.gz
    auditor bulk scraper-network.warc.gz --store net.db
    auditor report --store net.db --graph net.gexf

Every page here was written for this example; the tests build the same crawl.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTLETS = {"outlet-one.example": "G-OUTLET1AAA", "outlet-two.example": "G-OUTLET2BBB"}
ARTICLES = {"a1": ("Council votes on the new bridge",
                   "The city council voted on Tuesday to fund the new bridge across the river. "
                   "Work starts next spring and is expected to take three years."),
            "a2": ("Storm closes the coastal road",
                   "High winds closed the coastal road overnight. Crews cleared fallen trees "
                   "by morning and the road reopened at noon.")}
# scraper → its AdSense publisher ID, and its own GA property if it has one
SCRAPERS = {"s1.example": ("ca-pub-1111111111111111", None),
            "s2.example": ("ca-pub-1111111111111111", None),
            "s3.example": ("ca-pub-3333333333333333", None),
            "s4.example": ("ca-pub-4444444444444444", "G-S45SHARED"),
            "s5.example": ("ca-pub-5555555555555555", "G-S45SHARED")}


def gtag(ga_id: str) -> str:
    return (f"<script async src=\"https://www.googletagmanager.com/gtag/js?id={ga_id}\">"
            "</script>\n<script>window.dataLayer = window.dataLayer || []; "
            "function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); "
            f"gtag('config', '{ga_id}');</script>")


def outlet_page(outlet: str, slug: str) -> str:
    title, text = ARTICLES[slug]
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>\n"
            f"{gtag(OUTLETS[outlet])}\n</head><body><header>{outlet}</header>\n"
            f"<article><h1>{title}</h1><p>{text}</p></article></body></html>")


def scraper_page(n: int, site: str, outlet: str, slug: str) -> str:
    """The copy: the outlet's GA snippet inside the article (odd scrapers) or moved into
    the head (even ones), the source link closing the post, then the scraper's AdSense."""
    pub, own_ga = SCRAPERS[site]
    title, text = ARTICLES[slug]
    copied_ga = gtag(OUTLETS[outlet])
    head = [f"<meta charset=\"utf-8\"><title>{title} – {site}</title>",
            "<script async src=\"https://pagead2.googlesyndication.com/pagead/js/"
            f"adsbygoogle.js?client={pub}\" crossorigin=\"anonymous\"></script>"]
    if own_ga:
        head.append(gtag(own_ga))
    if n % 2 == 0:
        head.append(copied_ga)
    body = (f"<article class=\"post\"><h1>{title}</h1><p>{text}</p>\n"
            + (copied_ga if n % 2 else "")
            + f"<p><a href=\"https://www.{outlet}/news/{slug}\">Source link</a></p>"
            "</article>\n"
            f"<ins class=\"adsbygoogle\" style=\"display:block\" data-ad-client=\"{pub}\" "
            f"data-ad-slot=\"44556677{n:02d}\" data-ad-format=\"auto\"></ins>\n"
            "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>")
    return (f"<!DOCTYPE html><html><head>{''.join(head)}</head>"
            f"<body>{body}</body></html>")


def pages() -> list[tuple[str, str]]:
    """(URL, HTML) of every page of the crawl: the outlets', then each scraper's copies."""
    out = [(f"https://www.{outlet}/news/{slug}", outlet_page(outlet, slug))
           for outlet in OUTLETS for slug in ARTICLES]
    for n, site in enumerate(SCRAPERS, 1):
        for outlet in OUTLETS:
            slug = "a1" if (n + len(outlet)) % 2 else "a2"
            out.append((f"https://www.{site}/{outlet.split('.')[0]}-{slug}",
                        scraper_page(n, site, outlet, slug)))
    return out


def warc(records: list[tuple[str, str]]) -> bytes:
    """A per-record gzip WARC of HTML responses."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, html in records:
        body = html.encode("utf-8")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http, length=len(body)))
    return out.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python examples/scraper_network.py OUT.warc.gz", file=sys.stderr)
        return 2
    Path(argv[0]).write_bytes(warc(pages()))
    print(f"{argv[0]}: {len(pages())} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
