"""Shared fixtures: the seeds in ../shared, the bundled examples, one engine per session."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from auditor.catalogue import Catalogue, default_catalogue
from auditor.model import PageReport
from auditor.rules import Engine
from auditor.rules.sources import discover

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLES = REPO / "examples"
CORPUS = REPO.parent / "shared" / "corpus"

# The property tests draw the same examples on every run, so a gate that fails means
# the code changed, not the draw; `--hypothesis-profile=explore` draws new ones. No
# example has a deadline: on a loaded machine one slow draw is load, not a finding
# (the linear-time checks in tests/hostile/scaling.py time what must stay fast).
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore")
settings.load_profile("repeatable")


@pytest.fixture(autouse=True)
def _earlier_tests_objects_frozen() -> Iterator[None]:
    """What earlier tests left on the heap is set aside from the cycle collector while a
    test runs: a full collection scans every tracked object, so late in the suite one
    landing in a timed read cost more than the read (a linear check read 9.7 times its
    quarter's time in the whole suite, under 6 alone)."""
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The real scraped pages the project started from (kept outside the repo)."""
    if not (SEEDS / "wp-rest-post-injected.json").exists():
        pytest.skip(f"seed pages not found at {SEEDS} (they live in ../shared/seeds)")
    return SEEDS


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def engine() -> Engine:
    """Project rules + the system EasyList/EasyPrivacy, as `auditor audit` loads them."""
    if not any(s.origin == "system" for s in discover()):
        pytest.skip(
            "system EasyList/EasyPrivacy absent: apt-get install webext-ublock-origin-chromium"
        )
    return Engine.load()


@pytest.fixture(scope="session")
def project_engine() -> Engine:
    """Only the project's own rules: fast, and independent of the Debian lists."""
    return Engine.load(system_lists=False)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.fixture(scope="session")
def corpus_pages(engine: Engine, catalogue: Catalogue) -> dict[str, PageReport]:
    """Each of ../shared/corpus's 110 real pages audited once, with its URL, as `auditor
    audit` does (the project rules and the system lists), by page name: the accuracy
    floors, the MFA scorecard's properties and the networks' counts read these reports."""
    from auditor.pipeline import audit

    if not (CORPUS / "urls.json").exists():
        pytest.skip(f"the labelled corpus is not at {CORPUS} (it lives in ../shared)")
    urls = json.loads((CORPUS / "urls.json").read_text(encoding="utf-8"))
    return {name: audit(CORPUS / "pages" / name, url=url, engine=engine,
                        catalogue=catalogue).pages[0] for name, url in sorted(urls.items())}


GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the files under tests/golden/ from the current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; `pytest --update-golden` rewrites it instead."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"no golden file {path}; run pytest --update-golden to create it")
        assert actual == path.read_text(encoding="utf-8"), f"differs from {path}"

    return check
