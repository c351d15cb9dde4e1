"""A visitor registers, confirms the address from the stored mail, signs out and in again."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.audit import look

pytestmark = pytest.mark.browser


def test_register_verify_logout_login(page) -> None:  # type: ignore[no-untyped-def]
    email = f"visitor-{uuid.uuid4().hex[:8]}@example.com"
    page.goto("/register")
    look(page, "register")
    page.get_by_label("Your name").fill("Vera Visitor")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_label("Repeat the password").fill("correct horse battery")
    page.locator("#register-submit").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    expect(page.get_by_text(email)).to_be_visible()
    look(page, "register-check-inbox")

    page.get_by_role("link", name="Open your demo inbox").click()
    expect(page.get_by_text("Confirm your e-mail address for FX-Orleans")).to_be_visible()
    look(page, "demo-inbox")
    link = page.get_by_role("link", name="Open the link").first.get_attribute("href")
    assert link and re.search(r"/verify\?token=", link)
    page.goto(link)
    expect(page.get_by_text(f"Thank you: {email} is confirmed.")).to_be_visible()
    look(page, "verified")

    page.get_by_role("button", name="Account menu").click()
    page.get_by_role("menuitem", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    look(page, "signed-out")

    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").first.click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong e-mail address or password.")
    look(page, "login-wrong-password")

    page.get_by_label("Password").fill("correct horse battery")
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r"/bookings"))
    look(page, "bookings-empty")
    page.goto("/profile")
    expect(page.get_by_text(email)).to_be_visible()
    look(page, "profile")


def test_demo_admin_reads_the_outbox_and_clients_cannot(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/admin/mail")
    page.wait_for_url(re.compile(r"/login\?next=/admin/mail"))
    look(page, "login")
    page.get_by_label("E-mail").fill("client@demo.fx-orleans.test")
    page.get_by_label("Password").fill("demo-client-2026")
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r"/bookings"))  # a client is sent home, not shown the outbox
    page.goto("/admin/mail")
    page.wait_for_url(re.compile(r"/bookings"))

    page.get_by_role("button", name="Account menu").click()
    page.get_by_role("menuitem", name="Sign out").click()
    page.get_by_label("E-mail").fill("admin@demo.fx-orleans.test")
    page.get_by_label("Password").fill("demo-admin-2026")
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r"/admin/bookings"))
    look(page, "admin-bookings")
    page.goto("/admin/mail")
    expect(page.get_by_role("heading", name="Mail outbox")).to_be_visible()
    look(page, "admin-mail")
