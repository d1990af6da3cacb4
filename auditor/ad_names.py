"""What the name of a markup attribute says about ads: one home for the readings of it.

Three questions read a `data-` attribute's name, each as wide as it needs: which
attribute's value may name the vendor of a box (`vendor`), which names the unit an ad
server fills into its element (`unit`), and which asks an `<ins>` tag's server for its
slot or zone (`ins`). They share their words and their shape, and differ where their
questions do (`ad_attribute`); a fix to one is made here, beside the other two.
"""

from __future__ import annotations

import re
from typing import Literal

from auditor.lazy_re import lazy_regex

AttributeReading = Literal["vendor", "unit", "ins"]

# up to three words before the one that says what the attribute is (`data-cb-ad-id`,
# Xinhua's `data-ycad-slot`), each no longer than a word is
_WORDS_BEFORE = r"(?:[a-z0-9]{1,20}-){0,3}"
_READINGS: dict[AttributeReading, re.Pattern[str]] = {
    # any word of the name the word ad (`data-ad-template`, `data-adloader-networktype`)
    "vendor": lazy_regex(r"data-(?:[a-z0-9]+-)*(?:ad|ads|adloader)(?:-[a-z0-9]+)*\Z"),
    # an ad's unit, slot or zone word, then what names it (`data-ad-unit`, `data-adslot`,
    # `data-dfp-slot`, `data-zone-id`, `data-ad-sizes`)
    "unit": lazy_regex(r"^data-" + _WORDS_BEFORE
                       + r"(?:ad|ads|adunit|adslot|adzone|slot|zone)"
                         r"(?:-?(?:id|name|path|unit|slot|zone|sizes?))?$"),
    # slot or zone, the words before it group 1 (`data-ad-slot`, Revive's
    # `data-revive-zoneid`, ExoClick's `data-zoneid`)
    "ins": lazy_regex(r"^data-(" + _WORDS_BEFORE + r")(?:slot|zone)(?:-?id)?$"),
}


def ad_attribute(name: str, reading: AttributeReading) -> re.Match[str] | None:
    """Whether an attribute's name (lowered) is one ad code reads, as `reading` asks:

    * `vendor`: any number of words, one of them `ad`, `ads` or `adloader`: the attributes
      whose short value `Catalogue.named_in_markup` reads for a vendor's word (a site's
      native box declaring `data-ad-template="sharethrough"`). Wide, as a vendor's word in
      the value is what decides;
    * `unit`: up to three words, then an ad's unit, slot or zone word and at most one word
      naming it: an attribute naming the unit a server fills into its element (`slots`: a
      follow-us box holding one is an ad's). The name alone decides, so it is narrow: the
      word ad anywhere (`data-ad-lazy`, `data-ad-theme`) is a setting, no unit;
    * `ins`: up to three words (group 1, with their dashes), then slot or zone, an id
      after it or none: the attribute an AdSense-style `<ins>` asks its server by; its
      caller reads the words (a page part's: `data-time-zone`) and the value.

    >>> [bool(ad_attribute("data-ad-template", r)) for r in ("vendor", "unit", "ins")]
    [True, False, False]
    >>> [bool(ad_attribute("data-adslot", r)) for r in ("vendor", "unit", "ins")]
    [False, True, False]
    >>> [bool(ad_attribute("data-ad-slot", r)) for r in ("vendor", "unit", "ins")]
    [True, True, True]
    >>> ad_attribute("data-revive-zoneid", "ins").group(1)
    'revive-'
    """
    return _READINGS[reading].match(name)
