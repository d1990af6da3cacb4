"""Words for numbers in messages: `1 ad slot`, `5 ad slots` (never `5 ad slot(s)`), `12.5%`."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun, singular or plural (the noun + "s" unless `plural` is given).

    >>> counted(1, "ad slot"), counted(5, "ad slot"), counted(0, "entry", "entries")
    ('1 ad slot', '5 ad slots', '0 entries')
    """
    return f"{n:,} {noun_for(n, noun, plural)}"


def noun_for(n: int, noun: str, plural: str | None = None) -> str:
    """The noun for `n` of it, without the number (where the number is styled apart).

    >>> noun_for(1, "site"), noun_for(2, "site")
    ('site', 'sites')
    """
    return noun if n == 1 else (plural or noun + "s")


def percent(share: float) -> str:
    """A share as the summaries print it.

    >>> percent(0.125), percent(1)
    ('12.5%', '100.0%')
    """
    return f"{share * 100:.1f}%"
