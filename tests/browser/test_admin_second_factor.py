"""An enrolled admin signs in with a password, then a code from the authenticator app: the code
step is audited like every page, a wrong code is refused, a right one opens the admin desk."""

from __future__ import annotations

import os
import re
import subprocess
import uuid
from datetime import datetime
from pathlib import Path

import httpx
import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.browser.audit import look

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def _create_admin(data: Path, email: str, password: str) -> str:
    """`fxorleans users create-admin` on the running app's database; the printed secret."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'app.db'}"}
    done = subprocess.run([str(ROOT / ".venv/bin/fxorleans"), "users", "create-admin", email,
                           "--password-stdin"], input=password + "\n", env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=True)
    found = re.search(r"secret \(base32\): ([A-Z2-7]+)", done.stdout)
    assert found, done.stdout
    assert "otpauth://totp/" in done.stdout and len(re.findall(r"^  \S+$", done.stdout,
                                                               re.M)) >= 10
    return found.group(1)


def _code(app_url: str, secret: str) -> str:
    """The code an authenticator shows at the app's own time (the test clock may have moved)."""
    now = httpx.post(f"{app_url}/api/test/clock", json={"advance_seconds": 0}).json()["now"]
    return pyotp.TOTP(secret).at(datetime.fromisoformat(now))


def test_an_enrolled_admin_needs_the_code(page: Page, app_data: Path, app_url: str) -> None:
    email, password = f"ops-{uuid.uuid4().hex[:6]}@example.com", "admin password for tests"
    secret = _create_admin(app_data, email, password)
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("#login-submit").click()
    expect(page.get_by_label("Code")).to_be_visible()
    assert "/login" in page.url  # no session before the second factor
    look(page, "login-code-step")

    right = _code(app_url, secret)
    page.get_by_label("Code").fill("000000" if right != "000000" else "111111")
    page.locator("#code-submit").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert "/login" in page.url

    page.get_by_label("Code").fill(_code(app_url, secret))
    page.locator("#code-submit").click()
    page.wait_for_url(re.compile(r"/admin/bookings"))
    look(page, "admin-after-code")
