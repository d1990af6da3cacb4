"""The slot machinery new with the DART, Smart AdServer and GPT `needs_element` rules, on
hostile pages written here: each read grows linearly with the page (at n and 4n a linear
cost grows about 4 times, a quadratic one 16)."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = "<html><head><title>t</title></head><body><p>A short note on the weather.</p>"


def _dart_run(n: int) -> str:
    # a DART tag URL in a script's string with no `;sz=` after it, its path one long run
    # of URL characters (no quote, space or `;`): the rule's zone and the lazy run after
    # it both took that run, so each end the zone gave back was read again to the end
    return _HEAD + ("<script>var u = 'https://ad.doubleclick.net/adj/site.example/news"
                    + "a" * n + "';</script></body></html>")


def _dart_repeated(n: int) -> str:
    # many DART URLs in one unbroken run: each read ahead to the run's end
    return _HEAD + ("<script>var u = '" + "//ad.doubleclick.net/adj/s/z" * (n // 28)
                    + "';</script></body></html>")


def test_a_dart_url_without_its_size_is_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_dart_run(n)), 5_000, "a DART URL's long path",
                  runs=2, floor=0.05)


def test_dart_urls_in_one_run_are_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_dart_repeated(n)), 40_000, "DART URLs in a run",
                  runs=2, floor=0.05)
