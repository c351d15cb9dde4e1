"""How long a booking takes from "Complete Booking" to the confirmation page, embedded default.

    .venv/bin/python bench/booking_bench.py [--runs 20] [--url http://localhost:3000]

Without --url it starts the app on a free port with a fresh database (as the browser tests
do). Each run holds a different slot through the real pages, pays with 4242 4242 4242 4242 in
the sandbox form, and times the click until the confirmation heading is visible, then until
the Join Meeting link is there. Prints the median, p90 and max of each.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.browser.appserver import running_app  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PROBLEM = "We need a plan to get our first SOC 2 Type II report before a big customer signs."


def _register(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/register")
    page.get_by_label("Your name").fill("Bench Client")
    page.get_by_label("E-mail").fill(f"bench-{uuid.uuid4().hex[:8]}@example.com")
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_label("Repeat the password").fill("correct horse battery")
    page.locator("#register-submit").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()


def _one(page, run: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_label("Describe your problem").fill(PROBLEM)
    page.locator("#match-submit").click()
    page.wait_for_url(re.compile(r"/match/"))
    page.get_by_role("link", name="View profile and times").nth(run % 5).click()
    page.locator(".fxo-slot").nth(run // 5).click()
    page.locator("#book-session").click()
    page.wait_for_url(re.compile(r"/book/"))
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry (MM / YY)").fill("12 / 34")
    page.get_by_label("CVC", exact=True).fill("123")
    page.get_by_label("Postal code").fill("10001")
    page.get_by_text("I accept the cancellation policy above.").click()
    expect(page.locator("#complete-booking")).to_be_enabled()
    t0 = time.perf_counter()
    page.locator("#complete-booking").click()
    expect(page.get_by_role("heading", name="Booking Confirmed!")).to_be_visible(timeout=60_000)
    t1 = time.perf_counter()
    expect(page.get_by_role("link", name="Join Meeting")).to_be_visible(timeout=60_000)
    t2 = time.perf_counter()
    return (t1 - t0) * 1000, (t2 - t0) * 1000


def _stats(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[max(0, round(0.9 * len(ordered)) - 1)]
    return (f"{name:<34} median {statistics.median(values):7.0f} ms   p90 {p90:7.0f} ms   "
            f"max {ordered[-1]:7.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--url", default="")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    server = nullcontext(args.url) if args.url else running_app(Path(tmp.name))
    with server as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=url)
        page.set_default_timeout(30_000)
        _register(page)
        confirmed, linked = [], []
        for run in range(args.runs):
            a, b = _one(page, run)
            confirmed.append(a)
            linked.append(b)
            print(f"run {run + 1:>2}: confirmation {a:6.0f} ms, meeting link {b:6.0f} ms",
                  flush=True)
        browser.close()
    print(_stats("Complete Booking -> confirmation", confirmed))
    print(_stats("Complete Booking -> meeting link", linked))


if __name__ == "__main__":
    main()
