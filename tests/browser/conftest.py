"""The whole app, served by `reflex run --env prod` on a free port, driven by Debian's Chromium."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START_TIMEOUT = 600


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    with urllib.request.urlopen(url + "/login", timeout=10) as page:
                        if page.status == 200:
                            return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the app did not start in {START_TIMEOUT}s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.skip("browser test: Debian's chromium is not installed (.ci/run installs it)")
    data = tmp_path_factory.mktemp("app")
    port = _free_port()
    url = f"http://localhost:{port}"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'app.db'}", "PUBLIC_URL": url,
           "FXO_DEMO": "1", "REFLEX_TELEMETRY_ENABLED": "false",
           "REFLEX_CHECK_LATEST_VERSION": "false",
           "PATH": f"{ROOT / '.tools/node_modules/.bin'}:{ROOT / '.venv/bin'}:{os.environ['PATH']}"}
    for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "REFLEX_REDIS_URL"):
        env.pop(name, None)
    subprocess.run([str(ROOT / ".venv/bin/fxorleans"), "seed"], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    log = data / "app.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/reflex"), "run", "--env", "prod", "--frontend-port", str(port),
             "--backend-port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


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
    yield pg
    context.close()


def shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
