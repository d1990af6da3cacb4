"""Named errors: each layer raises its own, and the CLI turns any of them into one line."""

from __future__ import annotations


class AuditorError(Exception):
    """Base of every error the CLI reports as one line with exit code 2."""

    exit_code = 2


class InputError(AuditorError):
    """An input cannot be read or is of no kind we audit (binary, empty, invalid JSON)."""


class EmptyInput(InputError):
    """An input holds no page at all (no byte, once decompressed too, or a JSON list of no
    post): named on its own (not a page a folder holds), it is a page that was never
    made, which no gate may let by as an unreadable page."""


class RuleError(AuditorError):
    """A filter list or the catalogue cannot be loaded."""


class PolicyError(AuditorError):
    """A policy or baseline file is malformed: unknown key, wrong type."""


class StoreError(AuditorError):
    """The bulk store cannot be opened or is not ours."""
