"""The Unicode letters of scripts that more than one reading tells apart by: one home each.

`KANA`: hiragana and katakana, full width (U+3041–U+30FF, the prolonged sound mark and
the middle dot among them). Half-width katakana (U+FF66–U+FF9F) are left out: Chinese
GBK bytes read as Shift_JIS come out as half-width katakana and kanji, so the charset
guess (`readers.decode`) must not take them for Japanese; a Japanese page's title
(`heuristics.hidden`, the keyword hack's tell) is written in full-width kana.

>>> bool(KANA.search("ブランド財布")), bool(KANA.search("名牌钱包")), bool(KANA.search("ｶﾀｶﾅ"))
(True, False, False)
"""

from __future__ import annotations

from auditor.lazy_re import lazy_regex

KANA_LETTERS = "\u3041-\u30ff"
KANA = lazy_regex(f"[{KANA_LETTERS}]")

__all__ = ["KANA", "KANA_LETTERS"]
