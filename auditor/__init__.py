"""auditor: find the ads and trackers injected into scraped pages."""

from __future__ import annotations

__version__ = "0.1.0"
