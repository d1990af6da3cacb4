"""Read a policy's TOML within limits that hold before tomllib builds anything.

A policy file can be hostile (a pull request can edit it), and tomllib is where it
hurts: it keeps a tuple for every prefix of a dotted key, so a 100 KB key of 50,000
parts takes 14 GB, and it parses arrays and inline tables recursively, so 1,000 nested
brackets are a RecursionError. A linear pre-scan of the raw text refuses both first.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from auditor.dom.parser import line_at
from auditor.errors import PolicyError
from auditor.lazy_re import lazy_regex

MAX_POLICY_BYTES = 256 * 1024
"""A policy is a few dozen lines, a pyproject.toml a few hundred; within the other limits
the worst file this size takes tomllib a few seconds and under 200 MB."""

MAX_KEY_PARTS = 32
"""Parts of one dotted key or table name (`tool.auditor.override` is 3). tomllib's cost
grows with the square of the parts."""

MAX_NESTING = 32
"""Arrays and inline tables open at once; a policy needs 2, tomllib recurses per level."""

# what changes the scan's state outside strings and comments
_TOKEN = lazy_regex(r"""\"\"\"|'''|["'#\[\]{}.=,\n]""")
_STRING_END = {  # from just after the opening quotes; possessive, so linear
    '"""': lazy_regex(r'(?:[^"\\]|\\[\s\S]|"(?!""))*+"""'),
    "'''": lazy_regex(r"(?:[^']|'(?!''))*+'''"),
    '"': lazy_regex(r'(?:[^"\\\n]|\\.)*+"'),
    "'": lazy_regex(r"[^'\n]*+'"),
}


def _shape_problem(text: str) -> tuple[str, int] | None:
    """What breaks a limit, and where; stops at a string that does not end, since tomllib
    parses in order and fails there before reading further."""
    depth = dots = pos = 0
    while (token := _TOKEN.search(text, pos)) is not None:
        kind, pos = token.group(), token.end()
        if kind in _STRING_END:
            end = _STRING_END[kind].match(text, pos)
            if end is None:
                return None
            pos = end.end()
            if len(kind) == 3:  # up to two quotes before the closing three are content
                head = text[pos : pos + 2]
                pos += len(head) - len(head.lstrip(kind[0]))
        elif kind == "#":
            newline = text.find("\n", pos)
            pos = len(text) if newline < 0 else newline
        elif kind == ".":
            dots += 1
            if dots >= MAX_KEY_PARTS:
                return f"a dotted key or table name of more than {MAX_KEY_PARTS} parts", pos
        else:
            dots = 0
            if kind in "[{":
                depth += 1
                if depth > MAX_NESTING:
                    return f"arrays or tables nested more than {MAX_NESTING} deep", pos
            elif kind in "]}":
                depth = max(depth - 1, 0)
    return None


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file within the limits (PolicyError naming the file and line);
    OSError, UnicodeDecodeError and TOMLDecodeError are the caller's to judge."""
    with path.open("rb") as handle:  # read no more than the limit, even of /dev/zero
        raw = handle.read(MAX_POLICY_BYTES + 1)
    if len(raw) > MAX_POLICY_BYTES:
        raise PolicyError(f"{path}: larger than {MAX_POLICY_BYTES // 1024} KiB, the most a "
                          "policy file may be")
    text = raw.decode("utf-8")
    problem = _shape_problem(text)
    if problem is not None:
        message, pos = problem
        line = line_at(text, pos)
        raise PolicyError(f"{path}: {message} (at line {line})")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except ValueError:  # Python's own limit on an integer's digits (4,300): an internal error
        raise tomllib.TOMLDecodeError(f"an integer of thousands of digits, {OUT_OF_RANGE}"
                                      ) from None


OUT_OF_RANGE = "out of TOML's 64-bit integer range"
_INT_MIN, _INT_MAX = -(1 << 63), (1 << 63) - 1


def huge_integer(value: Any, key: str = "") -> str | None:
    """The key of the first integer TOML cannot hold (the spec has it refused), as a
    policy's messages name it (`override[1].max_ad_slots`), or None: `max_ad_slots =
    99999999999999999999999` was a gate of no limit, and `min_content_to_ad_ratio = 1`
    and 400 zeros an internal error (no float holds it).

    >>> huge_integer({"a": [1, {"b": 1 << 63}]}), huge_integer({"a": -(1 << 63)})
    ('a[2].b', None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return key if not _INT_MIN <= value <= _INT_MAX else None
    if isinstance(value, dict):
        items: Any = ((f"{key}.{k}" if key else str(k), v) for k, v in value.items())
    elif isinstance(value, list):
        items = ((f"{key}[{i}]", v) for i, v in enumerate(value, 1))
    else:
        return None
    for name, item in items:
        if (found := huge_integer(item, name)) is not None:
            return found
    return None
