"""The rotated string table's reader (`auditor.dom.string_table`) on hostile page code:
nothing escapes it and its cost stays linear-ish, whatever numbers, tables or function
heads a page writes."""

from __future__ import annotations

from auditor.dom.deobfuscate import decode_script
from auditor.dom.string_table import resolved

from .test_vendor_obfuscation import _SOCGHOLISH_TABLE, _SOCGHOLISH_WORDS, checksummed


def test_a_checksum_past_a_double_is_an_infinity_not_an_overflow() -> None:
    """JavaScript reads `parseInt('1111…')` and a 400-digit literal as Infinity; Python's
    `float(int)` raised OverflowError out of the reader (and of `decode_script`)."""
    code = checksummed(_SOCGHOLISH_WORDS, _SOCGHOLISH_TABLE)
    for huge in ("9" * 400, "0x" + "f" * 300):
        hostile = code.replace("/0x1+-parseInt", f"/{huge}+-parseInt", 1)
        assert hostile != code
        assert resolved(hostile) is None  # the checksum no longer meets the constant
        decode_script(hostile)
    # a table string the checksum's parseInt reads at some turn: 400 digits
    words = [*_SOCGHOLISH_WORDS, "1" * 400 + "x"]
    for turn in range(1, len(words) + 3):
        plain = resolved(checksummed(words, _SOCGHOLISH_TABLE, turn))
        assert plain is not None and "document['createElement']('script')" in plain
