"""Many loaders behind crawler tests, in many scripts and in one: each script's written
hosts are read once, and each loader's test in a bounded window before its address, so
the read is linear in the page's code."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _many_scripts(n: int) -> str:
    code = "".join(
        f"<script>if(!/bot|crawl/i.test(navigator.userAgent)){{var s=document.createElement("
        f"'script');s.src='https://cdn{i}.kit.test/l.js';document.head.appendChild(s);}}</script>"
        for i in range(n))
    return f"<html><head><meta charset='utf-8'><title>t</title></head><body>{code}</body></html>"


def _one_script(n: int) -> str:
    loads = "".join(f"w('https://cdn{i}.kit.test/l.js');" for i in range(n))
    code = ("<script>function w(u){var s=document.createElement('script');s.src=u;"
            f"document.head.appendChild(s)}}if(!/bot/i.test(navigator.userAgent)){{{loads}}}"
            "</script>")
    return f"<html><head><meta charset='utf-8'><title>t</title></head><body>{code}</body></html>"


def test_crawler_cloaked_loaders_in_many_scripts_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_many_scripts(n)), 200,
                  "loaders behind crawler tests, a script each")


def test_crawler_cloaked_loaders_in_one_script_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_one_script(n)), 200,
                  "loaders behind a crawler test, in one script")
