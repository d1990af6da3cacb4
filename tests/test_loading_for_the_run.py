"""What a run keeps (engine, catalogue) loads with the cycle collector off and is frozen
after: the collector walked it again and again as it grew (~50 ms of a one-page CLI
process, which the CLI and each bulk worker pay at start)."""

from __future__ import annotations

import gc

import pytest

from auditor.pipeline import loading_for_the_run
from tests.processes import fresh_interpreter


def test_loading_runs_no_collection_and_keeps_what_loaded() -> None:
    probe = ("import gc\n"
             "from auditor.catalogue import default_catalogue\n"
             "from auditor.pipeline import loading_for_the_run\n"
             "from auditor.rules import Engine\n"
             "ran = []\n"
             "gc.callbacks.append(lambda phase, info: ran.append(phase))\n"
             "with loading_for_the_run():\n"
             "    Engine.load(system_lists=False)\n"
             "    default_catalogue()\n"
             "print(len(ran), gc.isenabled(), gc.get_freeze_count() > 10_000)\n")
    assert fresh_interpreter(probe).split() == ["0", "True", "True"]


def test_a_failed_load_keeps_nothing_and_leaves_the_collector_on() -> None:
    frozen = gc.get_freeze_count()
    with pytest.raises(RuntimeError), loading_for_the_run():
        raise RuntimeError("no engine")
    assert gc.isenabled() and gc.get_freeze_count() == frozen
