"""Many requests whose answers are written into the page, in many scripts and in one:
each script's requests are read up to a bound, each in a bounded window after it, so the
read is linear in the page's code."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _many_scripts(n: int) -> str:
    code = "".join(
        f"<script>fetch('https://l{i}.kit.test/x').then(r=>r.text()).then(t=>{{document."
        f"body.insertAdjacentHTML('beforeend',t)}});</script>" for i in range(n))
    return f"<html><head><meta charset='utf-8'><title>t</title></head><body>{code}</body></html>"


def _one_script(n: int) -> str:
    calls = "".join(f"fetch('https://l{i}.kit.test/x').then(r=>r.text());" for i in range(n))
    code = f"<script>{calls}document.body.innerHTML=t;</script>"
    return f"<html><head><meta charset='utf-8'><title>t</title></head><body>{code}</body></html>"


def test_fetched_markup_in_many_scripts_is_linear() -> None:
    assert_linear(lambda n: audit_seconds(_many_scripts(n)), 200,
                  "requests written into the page, a script each")


def test_fetched_markup_in_one_script_is_linear() -> None:
    assert_linear(lambda n: audit_seconds(_one_script(n)), 400,
                  "requests in one script, none written within reach")
