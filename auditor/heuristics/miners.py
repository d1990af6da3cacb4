"""Browser cryptominers: a miner runs the visitor's CPU for someone else's wallet.

Known miners come from the catalogue (category cryptomining: hosts, inline
signatures, site keys); a few generic signs catch self-hosted and renamed copies.
Decoded payloads count too, since injected miners usually hide behind eval(atob()).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.heuristics.interface import FindingKind, PageContext, finding
from auditor.heuristics.obfuscation import script_codes
from auditor.lazy_re import lazy_regex
from auditor.model import Category, Finding, Severity

# Mining code that names no network: the CryptoNight hash, a stratum pool, the
# CoinHive-style `new X.Anonymous('site key', {throttle: …})` constructor.
_GENERIC = lazy_regex(
    r"\bcryptonight(?:[._-]?(?:wasm|asmjs|hash))?\b|stratum\+(?:tcp|ssl)://"
    r"""|\.Anonymous\(\s*['"][A-Za-z0-9]{32,64}['"]\s*,\s*\{\s*throttle\s*:""",
    re.I,
)


def _may_mine(text: str) -> bool:
    """Cheap pre-check for _GENERIC: one of its literals must be there."""
    low = text.lower()
    return "cryptonight" in low or "stratum+" in low or ".anonymous(" in low


def cryptominers(ctx: PageContext) -> Iterator[Finding]:
    """One finding per miner on the page, with its site keys or hosts as evidence."""
    ids_by_network: dict[str, list[str]] = {}
    for ident in ctx.ids:
        if ident.network:
            ids_by_network.setdefault(ident.network, []).append(ident.value)
    named: set[str] = set()
    for network in ctx.networks:
        if network.category is not Category.CRYPTOMINING:
            continue
        named.add(network.name)
        urls = [r.url for r in ctx.resources if r.network == network.name]
        keys = ids_by_network.get(network.name, [])
        evidence = " ".join(keys or urls[:3]) or network.name
        where = next(((r.line, r.xpath) for r in ctx.resources if r.network == network.name),
                     (0, ""))
        detail = f" with site key {', '.join(keys)}" if keys else ""
        yield finding(CRYPTOMINER, Severity.HIGH,
                      f"{network.name} browser cryptominer{detail}: mines with the visitor's CPU",
                      evidence, line=where[0], xpath=where[1], key=(network.name, *keys))
    for res in ctx.resources:
        if res.category is Category.CRYPTOMINING and (res.network or "") not in named:
            label = res.network or res.company or res.domain
            named.add(res.network or "")
            yield finding(CRYPTOMINER, Severity.HIGH,
                          f"cryptominer loaded from {res.host} ({label})", res.url,
                          line=res.line, xpath=res.xpath, key=(label, res.host))
    if named:
        return
    for code, line, xpath in script_codes(ctx):
        texts = [t for t in (code, *ctx.decoded(code).payloads) if _may_mine(t)]
        match = next((m for t in texts for m in [_GENERIC.search(t)] if m), None)
        if match is not None:
            yield finding(CRYPTOMINER, Severity.HIGH,
                          f"browser cryptominer code ({match.group(0)[:40]}) of no known network",
                          match.group(0)[:120], line=line, xpath=xpath)
            return


CRYPTOMINER = FindingKind(
    "cryptominer", (Severity.HIGH,), Severity.HIGH,
    "A browser cryptominer",
    "A cryptomining network's script or host, or mining code of no known network (CryptoNight, "
    "a stratum pool, a CoinHive-style constructor), runs the visitor's CPU for someone else's "
    "wallet. Remove it; on a site that did not add it, treat the page as compromised.",
)

KINDS = (CRYPTOMINER,)
HEURISTICS = (cryptominers,)
