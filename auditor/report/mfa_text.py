"""The MFA scorecard's criteria met, as every format lists them beside its count.

The three ad-load rows read one list of ad slots three ways and count as one indicator
(docs/MFA.md), so they are listed as one item too: "meets 2 …: ad load (ad-to-content,
ad-density, ads-in-body), syndicated" has as many items as the count says.
"""

from __future__ import annotations

from auditor.model import ONE_INDICATOR, Scorecard


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
