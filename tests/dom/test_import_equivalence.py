"""`relative_imports`' patterns are led by their word, the look-behind they replaced asked
per match (`_name_ends_at`): the same imports on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.dom import inline_js

_BEHIND = r"(?<![\w$.])"  # what the patterns said before the word
_MODULE = re.compile(_BEHIND + inline_js._MODULE_IMPORT.pattern)
_DYNAMIC = re.compile(_BEHIND + inline_js._DYNAMIC_IMPORT.pattern)
_PIECES = ["import", "from", "x.", "re", "$", "_", ".", "(", "'./a.js'", '"/b.js"', "`../c`",
           " ", "\n", ";", "//", "/*", "*/", "await ", "export {a} ", "é", "\u0661", "'", '"']


def _reference(script: str, module: bool) -> list[str]:
    return [m.group(2) for m in (_MODULE if module else _DYNAMIC).finditer(script)
            if inline_js._in_code(script, m.start())]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.booleans())
def test_relative_imports_are_the_look_behind_patterns(pieces: list[str], module: bool) -> None:
    script = "".join(pieces)
    assert list(inline_js.relative_imports(script, module)) == _reference(script, module)


def test_an_import_at_the_scripts_start_or_after_a_name() -> None:
    for script in ("import './a.js'", "reimport './a.js'; x.from './b.js'; é import './c.js'"):
        assert list(inline_js.relative_imports(script, True)) == _reference(script, True)
    assert list(inline_js.relative_imports("import './a.js'", True)) == ["./a.js"]
