"""The public suffix list is read and built into tries once a process: a second
extractor for the private suffixes read and built it all again (~30 ms of a CLI process)."""

from __future__ import annotations

import pytest
import tldextract

from auditor import urls
from tests.processes import fresh_interpreter


def test_one_extractor_answers_with_and_without_private_suffixes() -> None:
    probe = ("import tldextract.tldextract as t\n"
             "built = []\n"
             "real = t._PublicSuffixListTLDExtractor.__init__\n"
             "def spy(self, *a, **k):\n"
             "    built.append(1)\n"
             "    real(self, *a, **k)\n"
             "t._PublicSuffixListTLDExtractor.__init__ = spy\n"
             "from auditor.urls import public_site, registrable_domain\n"
             "print(registrable_domain('www.bbc.co.uk'), public_site('a.github.io'), len(built))\n")
    out = fresh_interpreter(probe)
    assert out.split() == ["bbc.co.uk", "False", "1"]


_OWN = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True,
                             include_psl_private_domains=True)


@pytest.mark.parametrize("host", ["a.github.io", "myblog.wpenginepowered.com", "www.bbc.co.uk",
                                  "x.blogspot.com", "203.0.113.5", "localhost", "herald.test",
                                  "s3.amazonaws.com", "a.b.c.appspot.com", "xn--80ak6aa92e.com"])
def test_the_private_split_is_the_private_extractors(host: str) -> None:
    assert urls._with_private(host) == _OWN(host)
