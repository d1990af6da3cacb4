"""auditor: find the ads and trackers injected into scraped pages.

>>> from auditor import audit          # doctest: +SKIP
>>> audit("page.html").to_dict()       # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.version import __version__

if TYPE_CHECKING:
    from auditor.pipeline import audit

__all__ = ["__version__", "audit"]


def __getattr__(name: str) -> Any:
    # Lazy, so `auditor --help` does not pay for lxml and the catalogue.
    if name == "audit":
        from auditor.pipeline import audit

        return audit
    raise AttributeError(name)
