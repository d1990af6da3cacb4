"""Browser cryptominers: a miner runs the visitor's CPU for someone else's wallet.

Known miners come from the catalogue (category cryptomining: hosts, inline
signatures, site keys); a few generic signs catch self-hosted and renamed copies.
Decoded payloads count too, since injected miners usually hide behind eval(atob()).

A miner of no catalogued network is started with the wallet it mines for: a Monero
address in code (`start('4…', 'web', 50)`, `var w = '4…'`). Alone it is no miner (a
donation widget hands its address to a QR code or a copy button as a loader hands it to
a miner): it is one beside a miner's host, handed to a call whose name says it mines
(`startMining(pool, '4…')`), or hidden in what the code decodes to. A host only a list's
miner section names (EasyPrivacy's `easyprivacy_trackingservers_mining.txt`,
`Match.section`) is a miner's on a page whose code holds a wallet: its list keeps hosts
that once served a miner and now serve something else, and a false high is worse than a
miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from auditor.catalogue import Network
from auditor.dom.page import ParsedPage
from auditor.dom.parser import re2_bytes_pattern
from auditor.heuristics.interface import FindingKind, PageContext, finding, script_codes
from auditor.lazy_re import lazy_regex
from auditor.model import Category, Finding, Identifier, Resource, Severity

# Mining code that names no network: the CryptoNight hash, a stratum pool, the
# CoinHive-style `new X.Anonymous('site key', {throttle: …})` constructor.
_GENERIC = lazy_regex(
    r"\bcryptonight(?:[._-]?(?:wasm|asmjs|hash))?\b|stratum\+(?:tcp|ssl)://"
    r"""|\.Anonymous\(\s*['"][A-Za-z0-9]{32,64}['"]\s*,\s*\{\s*throttle\s*:""",
    re.I,
)


# A Monero address in code: 95 base58 characters from `4` (an account) or `8` (a
# subaddress), the second `0`-`9`, `A` or `B` (the network byte's range), or 106 (an
# integrated address, the account's with a payment ID); a string handed to a call, put in
# an array, assigned or given to an object's key (`start('4…')`, `var w = "4…"`).
_WALLET = lazy_regex(
    r"""[(\[,=:]\s*(['"`])([48][0-9AB][1-9A-HJ-NP-Za-km-z]{93}(?:[1-9A-HJ-NP-Za-km-z]{11})?)"""
    r"""\1""")
# what every `_WALLET` match holds (its quote and address; the classes are ASCII, as
# `_WALLET`'s are), sought by RE2 in one pass over all the code a page's wallets are read
# from, run together as UTF-8: most pages hold none, and `re` tried `_WALLET` at each `(`,
# `[`, `,`, `=` and `:` of every script (13 ms a corpus pass, none found; this pass 4.5)
_WALLET_HELD = re2_bytes_pattern(rb"""['"`][48][0-9AB][1-9A-HJ-NP-Za-km-z]{93}""")
# a name that says it mines (`startMining`, `miner.start`, `new CryptoMiner`), not a word
# holding the letters (`examiner`, `determine`)
_MINING_NAME = lazy_regex(r"(?:(?<![A-Za-z])[mM]|(?<=[a-z0-9])M)in(?:er|ing)(?![a-z])")
WALLET_KIND = "monero-wallet"


class Wallet(NamedTuple):
    """A Monero address a page's code holds, where, and what says a miner mines for it."""

    wallet: str
    line: int
    xpath: str
    # started by a call whose name says it mines, or hidden in what the code decodes to:
    # a miner on its own. Else it is a miner's only beside a miner's host (a donation
    # widget hands its address to a QR code or a copy button as a miner's loader does)
    mines: bool


def _callee(text: str, at: int) -> str:
    """The name of the call a string at `at` is handed to, as far as the 200 characters
    before it read (`startMining` of `startMining(pool, '4…'`, `miner.start` of
    `miner.start({wallet: '4…'`), or '' where no call is open there.

    >>> _callee("x = startMining(pool, '4", 21), _callee("f(a); w = '4", 8)
    ('startMining', '')
    """
    window = text[max(0, at - 200):at + 1]
    opened = window.rfind("(")
    if opened < 0 or ")" in window[opened:]:
        return ""
    head = window[:opened].rstrip()
    start = len(head)
    while start and (head[start - 1].isalnum() or head[start - 1] in "_$."):
        start -= 1
    return head[start:]


def page_wallets(page: ParsedPage) -> tuple[Wallet, ...]:
    """The Monero addresses the page's inline code holds, each at the first code holding
    it, as written or in what the code decodes to: read once a page, for the categories of
    hosts only a list's miner section names, the finding and the page's IDs."""

    def build() -> tuple[Wallet, ...]:
        read = [(line, xpath, [(code, False), *((p, True) for p in page.decoded(code).payloads)])
                for code, line, xpath, _source in page.codes]
        if not _WALLET_HELD.search("\n".join(text for _, _, texts in read for text, _ in texts)
                                   .encode("utf-8", "surrogatepass")):
            return ()
        out: dict[str, Wallet] = {}
        for line, xpath, texts in read:
            for text, hidden in texts:
                for m in _WALLET.finditer(text):
                    mines = hidden or bool(_MINING_NAME.search(_callee(text, m.start())))
                    held = out.get(m.group(2))
                    if held is None or (mines and not held.mines):
                        out[m.group(2)] = Wallet(m.group(2), line, xpath, mines)
        return tuple(out.values())

    return page.view("monero wallets", build)


def miner_wallets(page: ParsedPage | None, resources: Iterable[Resource]
                  ) -> tuple[Wallet, ...]:
    """The page's wallets a miner mines for: each that says so itself (`Wallet.mines`), or
    every one where the page loads a miner's host (a catalogued miner's, or one only a
    list's miner section names, `cryptomining` on a page holding a wallet)."""
    if page is None:
        return ()
    wallets = page_wallets(page)
    if any(r.category is Category.CRYPTOMINING for r in resources):
        return wallets
    return tuple(w for w in wallets if w.mines)


def wallet_ids(page: ParsedPage | None, resources: Iterable[Resource]
               ) -> tuple[Identifier, ...]:
    """The wallets the page's miners mine for: the operator behind a miner injected into
    many sites is one wallet (`monero-wallet`, of no network: the miner names none)."""
    return tuple(Identifier(WALLET_KIND, w.wallet) for w in miner_wallets(page, resources))


def _may_mine(text: str) -> bool:
    """Cheap pre-check for _GENERIC: one of its literals must be there."""
    low = text.lower()
    return "cryptonight" in low or "stratum+" in low or ".anonymous(" in low


def _configured_at(ctx: PageContext, network: Network) -> tuple[int, str]:
    """(line, xpath) of the first code that starts `network`'s miner, as written or in what
    it decodes to: a miner its site serves from its own host (`/src/mine.js`, no request of
    the network) shows only there, and was cited at line 0."""
    for code, line, xpath in script_codes(ctx):
        if any(network.configured_in(t) for t in (code, *ctx.decoded(code).payloads)):
            return line, xpath
    return 0, ""


def cryptominers(ctx: PageContext) -> Iterator[Finding]:
    """One finding per miner on the page, with its site keys or hosts as evidence."""
    ids_by_network: dict[str, list[Identifier]] = {}
    for ident in ctx.ids:
        if ident.network:
            ids_by_network.setdefault(ident.network, []).append(ident)
    named: set[str] = set()
    for network in ctx.networks:
        if network.category is not Category.CRYPTOMINING:
            continue
        named.add(network.name)
        urls = [r.url for r in ctx.resources if r.network == network.name]
        held = ids_by_network.get(network.name, [])
        keys = [i.value for i in held]
        evidence = " ".join(keys or urls[:3]) or network.name
        where = next(((r.line, r.xpath) for r in ctx.resources if r.network == network.name),
                     None) or _configured_at(ctx, network)
        # the account the mining pays, named as its kind says (a CoinHive site key, a
        # JSEcoin user): "site key" said of every ID misnamed JSEcoin's user
        detail = f" ({', '.join(f'{i.kind} {i.value}' for i in held)})" if held else ""
        yield finding(CRYPTOMINER, Severity.HIGH,
                      f"{network.name} browser cryptominer{detail}: mines with the visitor's CPU",
                      evidence, line=where[0], xpath=where[1], key=(network.name, *keys))
    keys_named = {i.value for held in ids_by_network.values() for i in held}
    wallets = [w for w in miner_wallets(ctx.page, ctx.resources)
               if w.wallet not in keys_named]  # deepMiner's wallet: its network's finding
    listed: set[str] = set()  # hosts only a list's miner section names, one finding each
    for res in ctx.resources:
        if res.category is not Category.CRYPTOMINING or (res.network or "") in named:
            continue
        if res.network or res.company:
            label = res.network or res.company or ""
            named.add(res.network or "")
        elif wallets and res.host not in listed:
            label = f"a host {res.list or 'a list'} files among browser miners"
            listed.add(res.host)
        else:
            continue
        yield finding(CRYPTOMINER, Severity.HIGH,
                      f"cryptominer loaded from {res.host} ({label})", res.url,
                      line=res.line, xpath=res.xpath, key=(label, res.host))
    for wallet, line, xpath, _ in wallets:
        yield finding(CRYPTOMINER, Severity.HIGH,
                      f"browser cryptominer started for Monero wallet {wallet[:12]}…",
                      wallet, line=line, xpath=xpath, key=("monero-wallet", wallet))
    if named or wallets:
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
    "a stratum pool, a CoinHive-style constructor, a Monero wallet address a miner is started "
    "with: `start('4…', 'web', 50)` beside a miner's host, `startMining(pool, '4…')`, or one "
    "hidden behind an encoding), runs the visitor's CPU for someone else's wallet. A host only "
    "a filter list's miner section names (EasyPrivacy's `easyprivacy_trackingservers_mining."
    "txt`) counts on a page whose code holds a wallet: the list keeps hosts that have left "
    "mining, and a donation widget's address alone is no miner. Remove it; on a site that did "
    "not add it, treat the page as compromised.",
)

KINDS = (CRYPTOMINER,)
HEURISTICS = (cryptominers,)
