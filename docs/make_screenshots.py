"""Regenerate docs/report-page.png and docs/report-dashboard.png.

The page report is the seed WordPress post (../shared/seeds) under a small policy that
it fails; the dashboard is a bulk
run over the shared corpus and the seeds. Needs Debian's chromium and chromium-driver
and selenium (`pip install -e '.[dev]'`); pngquant, when present, shrinks the PNGs.

    python docs/make_screenshots.py
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from auditor.cli import main

DOCS = Path(__file__).resolve().parent
SHARED = DOCS.parent.parent / "shared"
WIDTH = 1280


def shoot(html: Path, png: Path, height: int) -> None:
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False})
        driver.get(html.as_uri())
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}})
    finally:
        driver.quit()
    png.write_bytes(base64.b64decode(shot["data"]))
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--quality=60-85",
                        "--output", str(png), str(png)], check=False)
    print(f"{png}: {png.stat().st_size:,} bytes")


def run() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        page, store, dash = Path(tmp, "page.html"), Path(tmp, "s.db"), Path(tmp, "dash.html")
        seed = SHARED / "seeds" / "wp-rest-post-injected.json"
        policy = Path(tmp, "auditor.toml")
        policy.write_text('deny_categories = ["advertising"]\nmin_content_to_ad_ratio = 3.0\n'
                          'fail_on_severity = "high"\n', encoding="utf-8")
        # the policy fails the seed (exit 1): the picture shows a failed gate
        if main(["audit", str(seed), "--policy", str(policy), "--format", "html",
                 "-o", str(page)]) not in (0, 1):
            return 1
        if main(["bulk", str(SHARED / "corpus" / "pages"), str(SHARED / "seeds"),
                 "--store", str(store), "--no-progress"]):
            return 1
        if main(["report", "--store", str(store), "--format", "html", "-o", str(dash)]):
            return 1
        shoot(page, DOCS / "report-page.png", 1250)
        shoot(dash, DOCS / "report-dashboard.png", 1500)
    return 0


if __name__ == "__main__":
    sys.exit(run())
