"""Screenshots of pages for a human look: python scripts/shoot.py URL OUT.png [--mobile]."""

import sys

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

url, out = sys.argv[1], sys.argv[2]
mobile = "--mobile" in sys.argv
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    page = browser.new_page(viewport={"width": 375, "height": 800} if mobile
                            else {"width": 1280, "height": 860})
    page.goto(url)
    page.wait_for_timeout(2500)
    page.screenshot(path=out, full_page=True)
    browser.close()
