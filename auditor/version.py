"""The version, in a module of its own: what imports it need not import the package's
root (which re-exports `audit` from the pipeline)."""

from __future__ import annotations

__version__ = "0.1.0"
