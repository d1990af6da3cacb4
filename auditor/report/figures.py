"""How every format words a page's figures, so that they agree.

The MFA scorecard's criteria met, beside its count: the three ad-load rows read one list
of ad slots three ways and count as one indicator (docs/MFA.md), so they are listed as
one item too ("meets 2 …: ad load (ad-to-content, ad-density, ads-in-body), syndicated"
has as many items as the count says). The ad area, beside the slots it stands for: only
slots that declare a size have one, and "0 px²" beside nineteen slots read as no ads.
What the gate made of a page it could not read: failing, accepted by the baseline, or
allowed by the policy, so that no format calls an unreadable page FAIL in a run that passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from auditor.model import ONE_INDICATOR, PageReport, Scorecard, Slot, Violation


class Unreadable(Enum):
    """What the gate made of a page it could not read (its `unreadable` violations)."""

    FAILING = "failing"
    BASELINED = "baselined"
    ALLOWED = "allowed"

    @property
    def says(self) -> str:
        """The words every format uses for it."""
        return {"failing": "failing", "baselined": "accepted by the baseline",
                "allowed": "allowed by allow_unreadable"}[self.value]


def unreadable_verdict(page: PageReport, violations: Sequence[Violation]) -> Unreadable | None:
    """None for a page that was read; else whether its `unreadable` violation fails, is
    baselined, or was never raised (`allow_unreadable = true`).

    >>> page = PageReport("a.bin", None, "html", None, None, errors=("binary",))
    >>> v = Violation("unreadable", "the page could not be audited: binary", "f")
    >>> from dataclasses import replace
    >>> [unreadable_verdict(page, vs).value for vs in ([v], [replace(v, baselined=True)], [])]
    ['failing', 'baselined', 'allowed']
    """
    if not page.errors:
        return None
    marks = [v.baselined for v in violations if v.clause == "unreadable"]
    if not marks:
        return Unreadable.ALLOWED
    return Unreadable.BASELINED if all(marks) else Unreadable.FAILING


def criteria_met(card: Scorecard) -> list[str]:
    """One item per indicator counted in `card.met`, in the scorecard's order.

    >>> from auditor.model import Basis, Indicator
    >>> row = lambda name: Indicator(name, "", "", "", Basis.MEASURED, True)
    >>> criteria_met(Scorecard((row("ad-to-content"), row("ad-density"), row("syndicated"))))
    ['ad load (ad-to-content, ad-density)', 'syndicated']
    """
    groups: dict[str, list[str]] = {}
    for i in card.indicators:
        if i.met:
            groups.setdefault(ONE_INDICATOR.get(i.criterion, i.criterion), []).append(i.criterion)
    return [f"{name} ({', '.join(rows)})" if name in ONE_INDICATOR.values() else name
            for name, rows in groups.items()]


def ad_area(area: int, slots: Sequence[Slot]) -> str:
    """The declared ad area, and how many of the slots it stands for.

    >>> sized = Slot("ExoClick", 1, "/x", "r", "l", width=300, height=250)
    >>> ad_area(75000, [sized, Slot("ExoClick", 2, "/y", "r", "l")])
    '75,000 px² (1 of 2 slots sized)'
    >>> ad_area(0, [Slot("ExoClick", 2, "/y", "r", "l")])
    'unknown (no slot declares a size)'
    """
    sized = sum(1 for s in slots if s.width and s.height)
    if slots and not sized:
        return "unknown (no slot declares a size)"
    if sized < len(slots):
        return f"{area:,} px² ({sized} of {len(slots)} slots sized)"
    return f"{area:,} px²"
