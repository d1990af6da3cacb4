"""A vendor documentation's example value is no ID of its kind, and takes no other away."""

from __future__ import annotations

from pathlib import Path

from auditor.catalogue import load_catalogue
from auditor.dom.page import parse_page
from auditor.identify import identifiers

CATALOGUE = """
[[network]]
name = "Example Tags"
hosts = ["tags.example"]
samples = { "example-optimize" = ["OPT-SAMPLE1"] }

  [[network.id]]
  # a value its optimizer also carries is no container (as Optimize's GTM-… is not GTM's)
  kind = "example-optimize"
  where = "markup"
  needles = ["optimizeId"]
  pattern = '''optimizeId["']?\\s*:\\s*["']([A-Z]+-[A-Z0-9]+)'''
  replaces = ["example-container"]

  [[network.id]]
  kind = "example-container"
  where = "markup"
  needles = ["containerId"]
  pattern = '''containerId["']?\\s*:\\s*["']([A-Z]+-[A-Z0-9]+)'''
"""


def test_a_sample_is_no_id_and_replaces_none(tmp_path: Path) -> None:
    path = tmp_path / "tags.toml"
    path.write_text(CATALOGUE)
    catalogue = load_catalogue([path])

    def ids(config: str) -> set[tuple[str, str]]:
        page = parse_page(f"<html><body><script>var c = {config};</script></body></html>")
        return {(i.kind, i.value) for i in identifiers(page, [], [], [], catalogue)}

    # a real optimizer ID replaces the same value read as a container
    assert ids('{"optimizeId": "OPT-REAL1", "containerId": "OPT-REAL1"}') == {
        ("example-optimize", "OPT-REAL1")}
    # the documentation's sample is neither an optimizer ID nor a reason to drop the other
    assert ids('{"optimizeId": "OPT-SAMPLE1", "containerId": "OPT-SAMPLE1"}') == {
        ("example-container", "OPT-SAMPLE1")}
