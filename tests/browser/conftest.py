"""The whole app, served by `reflex run --env prod` on a free port, driven by Debian's Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.appserver import running_app

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def app_data(tmp_path_factory) -> Path:
    """The running app's data folder (its SQLite database is `app.db` in it)."""
    return tmp_path_factory.mktemp("app")


@pytest.fixture(scope="session")
def app_url(app_data: Path) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip("browser test: Debian's chromium is not installed (.ci/run installs it)")
    # One app for every browser test (each `reflex run` rebuilds the shared .web folder, so
    # a second app would break the first): with the test clock, and sign-ins that outlive the
    # money-cycle tests' clock jumps.
    with running_app(app_data, {"FXO_TEST_CLOCK": "1", "SESSION_IDLE_HOURS": "336"}) as url:
        yield url


# Module scope: sync Playwright keeps an event loop running in this thread while it is open,
# which would break the async tests that run after the browser modules.
@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=app_url, timezone_id="Europe/Berlin",
                                  viewport={"width": 1280, "height": 860})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    # The browser reports what the Content-Security-Policy blocked on the console.
    csp_errors: list[str] = []
    pg.on("console", lambda msg: csp_errors.append(msg.text) if msg.type == "error" and (
        "Content Security Policy" in msg.text or "Refused to" in msg.text) else None)
    yield pg
    context.close()
    assert not csp_errors, f"blocked by the Content-Security-Policy: {csp_errors}"


def shot(page, name: str, full_page: bool = True) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
