"""Start the whole app (`reflex run --env prod`) on a free port with its own database."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 600


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r, \
                    urllib.request.urlopen(url + "/login", timeout=10) as page:
                if r.status == 200 and page.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the app did not start in {START_TIMEOUT}s:\n{log.read_text()[-4000:]}")


@contextmanager
def running_app(data: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Seed a fresh SQLite database in `data`, serve the app, yield its base URL."""
    port = free_port()
    url = f"http://localhost:{port}"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'app.db'}", "PUBLIC_URL": url,
           "FXO_DEMO": "1", "REFLEX_TELEMETRY_ENABLED": "false",
           "REFLEX_CHECK_LATEST_VERSION": "false",
           "PATH": f"{ROOT / '.tools/node_modules/.bin'}:{ROOT / '.venv/bin'}:{os.environ['PATH']}",
           **(extra_env or {})}
    for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "REFLEX_REDIS_URL",
                 "FXO_SANDBOX_API_BASE"):
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
