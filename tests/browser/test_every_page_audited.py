"""The pages no other browser flow reaches pass the same audit: axe-core and no sideways scroll,
at 1280 px and at 375 px (see audit.py; the flows call `look` on every page they visit)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.audit import look

pytestmark = pytest.mark.browser


def test_forgotten_password_reset_verify_and_missing_pages(page: Page) -> None:
    page.goto("/forgot-password")
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    look(page, "forgot-password")
    page.get_by_label("E-mail").fill("nobody@example.com")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("If an account uses that address")).to_be_visible()
    look(page, "forgot-password-sent")

    page.goto("/reset-password?token=not-a-token")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    look(page, "reset-password")

    page.goto("/verify?token=not-a-token")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    look(page, "verify-bad-token")

    page.goto("/match/00000000000000000000000000000000")
    expect(page.get_by_role("heading", name="We cannot find this match")).to_be_visible()
    look(page, "match-missing")

    page.goto("/partner/nobody-at-all")
    expect(page.get_by_role("heading", name="This partner is not available")).to_be_visible()
    look(page, "partner-missing")


def test_partner_dashboard(page: Page) -> None:
    page.goto("/login")
    page.get_by_label("E-mail").fill("adaeze.nwosu@example.com")
    page.get_by_label("Password").fill("demo-partner-2026")
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r"/dashboard"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    look(page, "partner-dashboard")
