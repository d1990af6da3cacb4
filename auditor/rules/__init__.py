"""EasyList rule engine: indexed network matching, element hiding, list sources.

>>> from auditor.rules import Engine
>>> engine = Engine.from_text("||magsrv.com^\\n", name="inline")
>>> m = engine.match("https://a.magsrv.com/ad-provider.js",
...                  source_url="https://8657085.xyz/?p=15057", type="script")
>>> (m.blocked, m.rule, m.list, m.line, m.exception)
(True, '||magsrv.com^', 'inline', 1, False)
"""

from __future__ import annotations

from auditor.rules.cosmetic import CosmeticHit, TreeViews
from auditor.rules.engine import Candidate, Engine, Explanation

__all__ = ["Candidate", "CosmeticHit", "Engine", "Explanation", "TreeViews"]
