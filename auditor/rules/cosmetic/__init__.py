"""Element hiding on a static DOM.

EasyList carries ~13k generic `##` selectors; testing each against a page would
cost far more than parsing the page. So each generic selector is filed under one
*key* the page must contain for the selector to match (an id, a class, the host
of an `a[href^="https://host/"]` prefix, a `data-` attribute name or an uncommon
tag), the page's keys are collected in a few C-speed XPath calls returning plain
strings (no Python object per element), and only the selectors whose key is present
are evaluated -- from the elements carrying the key (an `id()` lookup, one batched
attribute query), through an element-local XPath (`local_xpath`), not by walking the
whole document once per selector; a selector that is a single compound
(`ins.adsbygoogle[data-ad-client]`) is tested on its carriers in Python. The walks
for carriers are narrowed to the element names the selectors require or, failing
that, to the start tags the wanted values occur in, in the markup. Unkeyed selectors
are gated by a cheap test on an attribute's values (`attribute_guard`). Selectors are
translated to XPath with cssselect on first use and cached. Procedural operators
(`:has-text`, `:-abp-has`, `:upward`, `:xpath`, ...) are evaluated step by step in
Python (`procedural`).

The modules, in the order the data flows: `selectors` (the one tokenizer), `guards`
(attribute guards and needed names), `index` (keys and the index), `features` (what a
page holds), `xpath` (CSS to XPath, element-local rewriting), `compound` (single
compounds tested in Python), `procedural` (one class per operator), `matcher`.
"""

from __future__ import annotations

from auditor.rules.cosmetic.compound import compound_checks, passes
from auditor.rules.cosmetic.features import PageFeatures, PageViews, TreeViews
from auditor.rules.cosmetic.guards import attribute_guard, required_names
from auditor.rules.cosmetic.index import (
    E_EXC,
    E_GUARD,
    E_LINE,
    E_LIST,
    E_PROC,
    E_SEL,
    E_TEXT,
    CosmeticFilter,
    CosmeticIndex,
    Entry,
    build_cosmetic,
    selector_key,
)
from auditor.rules.cosmetic.matcher import CosmeticHit, CosmeticMatcher
from auditor.rules.cosmetic.procedural import (
    OPERATORS,
    PAGE_PROCEDURAL_BUDGET,
    PROCEDURAL_BUDGET,
    Finder,
    OverBudget,
    compile_selector,
)
from auditor.rules.cosmetic.xpath import local_xpath

__all__ = [
    "E_EXC",
    "E_GUARD",
    "E_LINE",
    "E_LIST",
    "E_PROC",
    "E_SEL",
    "E_TEXT",
    "OPERATORS",
    "PAGE_PROCEDURAL_BUDGET",
    "PROCEDURAL_BUDGET",
    "CosmeticFilter",
    "CosmeticHit",
    "CosmeticIndex",
    "CosmeticMatcher",
    "Entry",
    "Finder",
    "OverBudget",
    "PageFeatures",
    "PageViews",
    "TreeViews",
    "attribute_guard",
    "build_cosmetic",
    "compile_selector",
    "compound_checks",
    "local_xpath",
    "passes",
    "required_names",
    "selector_key",
]
