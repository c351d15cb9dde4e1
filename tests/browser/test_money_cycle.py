"""The money cycle in the browser: a partner confirms completion and the client sees "Paid";
a client cancels 30 hours ahead, is shown the refund first, and the authorization goes back.

The app runs with the test clock (FXO_TEST_CLOCK=1): `POST /api/test/clock` moves the app's
one clock, and the worker inside the app picks up the jobs that become due.
"""

from __future__ import annotations

import re
import sqlite3
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.audit import look

pytestmark = pytest.mark.browser

PARTNER_ID = "adaeze-nwosu"  # a demo partner with a demo account
PARTNER_EMAIL, PARTNER_PASSWORD = "adaeze.nwosu@example.com", "demo-partner-2026"
PASSWORD = "correct horse battery"
PROBLEM = ("Our Series B board wants a data strategy and a hiring plan for the first data "
           "team by the end of the quarter.")


def _advance(app_url: str, seconds: float) -> datetime:
    r = httpx.post(f"{app_url}/api/test/clock", json={"advance_seconds": max(0, int(seconds))})
    assert r.status_code == 200, r.text
    return datetime.fromisoformat(r.json()["now"])


def _booking(app_data: Path, booking_id: str) -> tuple[datetime, datetime, str, str]:
    """(start, end, booking status, payment status) read from the app's own database."""
    with sqlite3.connect(app_data / "app.db") as conn:
        start, end, status = conn.execute(
            "SELECT start, \"end\", status FROM booking_view WHERE booking_id = ?",
            (booking_id,)).fetchone()
        (paid,) = conn.execute("SELECT status FROM payment_view WHERE booking_id = ?",
                               (booking_id,)).fetchone()
    return _instant(start), _instant(end), status, paid


def _instant(value: str) -> datetime:
    at = datetime.fromisoformat(value)  # the store keeps UTC
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _register(page: Page, name: str) -> str:
    email = f"client-{uuid.uuid4().hex[:8]}@example.com"
    page.goto("/register")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.locator("#register-submit").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    return email


def _sign_in(page: Page, email: str, password: str, lands: str) -> None:
    """Sign out through the account menu, then in as someone else."""
    page.get_by_role("button", name=re.compile("^Account menu")).click()
    page.get_by_role("menuitem", name="Sign out").click()
    page.wait_for_url(re.compile(r"/login"))
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(lands))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _book_and_pay(page: Page, day: int) -> str:
    """Pick the first time on the `day`-th listed day of the partner's profile and pay."""
    page.goto(f"/partner/{PARTNER_ID}")
    times = page.get_by_role("group", name="Available times")
    times.locator(".fxo-slot").first.wait_for()
    times.locator(":scope > *").nth(day).locator(".fxo-slot").first.click()
    page.get_by_label("What would you like to discuss?").fill(PROBLEM)
    page.locator("#book-session").click()
    page.wait_for_url(re.compile(r"/book/[0-9a-f]{32}"))
    booking_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry (MM / YY)").fill("12 / 34")
    page.get_by_label("CVC", exact=True).fill("123")
    page.get_by_label("Postal code").fill("10001")
    page.get_by_text("I accept the cancellation policy above.").click()
    page.locator("#complete-booking").click()
    page.wait_for_url(re.compile(r"/confirmation/[0-9a-f]{32}"))
    expect(page.get_by_role("link", name="Join Meeting")).to_be_visible(timeout=30_000)
    return booking_id


def _cents(page: Page, selector: str) -> int:
    text = page.locator(selector).inner_text().strip()
    return int(Decimal(text.lstrip("$").replace(",", "")) * 100)


def _dollars(cents: int) -> str:
    return f"${Decimal(cents) / 100:,.2f}"


def _until(check, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out waiting for the worker"
        time.sleep(0.5)


def test_partner_confirms_completion_and_the_client_sees_paid(
        page: Page, app_url: str, app_data: Path) -> None:
    name = f"Pat Payer {uuid.uuid4().hex[:4]}"
    email = _register(page, name)
    booking_id = _book_and_pay(page, 0)
    _start, end, _, _ = _booking(app_data, booking_id)
    now = _advance(app_url, 0)
    _advance(app_url, (end - now).total_seconds() + 120)  # two minutes after the end

    _sign_in(page, PARTNER_EMAIL, PARTNER_PASSWORD, r"/dashboard")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    session = page.locator(".fxo-session").filter(has_text=name)
    expect(session).to_be_visible()
    # Other tests share this partner: the earnings move by this session's $640.00.
    total, pending = _cents(page, "#earn-total"), _cents(page, "#earn-pending")
    assert pending >= 64000
    expect(session.get_by_text("Confirmed")).to_be_visible()
    look(page, "dashboard-session-ended")
    session.get_by_role("button", name="Confirm completion").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Confirm completion")).to_be_visible()
    expect(dialog.get_by_role("button", name="Back")).to_be_visible()
    look(page, "dashboard-confirm-completion")
    dialog.get_by_role("button", name="Confirm completion").click()
    expect(page.get_by_role("status").filter(has_text="Completion confirmed")).to_be_visible()
    expect(session.get_by_text("Completed")).to_be_visible()
    expect(session.get_by_role("button", name="Confirm completion")).to_have_count(0)

    _advance(app_url, 31 * 60)  # past the client's 30-minute window: the capture is due
    _until(lambda: _booking(app_data, booking_id)[2] == "Paid")
    assert _booking(app_data, booking_id)[3] == "captured"
    page.reload()
    expect(session.get_by_text("Paid")).to_be_visible()
    expect(page.locator("#earn-total")).to_have_text(_dollars(total + 64000))
    expect(page.locator("#earn-pending")).to_have_text(_dollars(pending - 64000))
    look(page, "dashboard-paid")

    _sign_in(page, email, PASSWORD, r"/bookings")
    page.goto("/bookings")
    mine = page.locator(".fxo-booking").first
    expect(mine.get_by_text("Paid")).to_be_visible()
    look(page, "bookings-paid")
    mine.get_by_role("button", name="Rate this session").click()
    dialog = page.get_by_role("dialog")
    confirm = dialog.get_by_role("button", name="Confirm rating")
    expect(confirm).to_be_disabled()
    radios = dialog.get_by_role("radiogroup", name="Your rating")
    radios.get_by_role("radio", name="1 of 5").focus()
    # the keyboard moves through the stars; a key held as long as a person holds it (Radix
    # checks the radio it moves focus to only while the arrow key is down)
    for _ in range(3):
        page.keyboard.press("ArrowDown", delay=80)
    expect(radios.get_by_role("radio", name="4 of 5")).to_be_checked()
    dialog.get_by_label("Comment (optional)").fill("A clear plan for the data team.")
    look(page, "bookings-rate")
    confirm.click()
    expect(mine.get_by_role("img", name="You rated it 4 of 5")).to_be_visible()


def test_client_cancels_30_hours_ahead_and_the_authorization_is_released(
        page: Page, app_url: str, app_data: Path) -> None:
    _register(page, f"Casey Canceller {uuid.uuid4().hex[:4]}")
    booking_id = _book_and_pay(page, 3)  # a later day: well over 30 hours ahead
    start, _end, _, paid = _booking(app_data, booking_id)
    assert paid == "authorized"
    now = _advance(app_url, 0)
    assert start - now > timedelta(hours=30)
    _advance(app_url, (start - now - timedelta(hours=30)).total_seconds())

    page.goto("/bookings")
    mine = page.locator(".fxo-booking").first
    expect(mine.get_by_text("Confirmed")).to_be_visible()
    look(page, "bookings-upcoming")
    mine.get_by_role("button", name="Cancel", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator("#refund-quote")).to_have_text("$800.00 (100 %)")
    expect(dialog.get_by_text(re.compile(r"before the start: 100 %"))).to_be_visible()
    expect(dialog.get_by_role("button", name="Keep booking")).to_be_visible()
    look(page, "bookings-cancel-quote")
    dialog.get_by_role("button", name="Confirm cancellation").click()
    expect(page.get_by_role("status").filter(has_text="cancelled")).to_be_visible()
    _until(lambda: _booking(app_data, booking_id)[3] == "released")
    page.reload()
    expect(mine.get_by_text(re.compile(r"^(Cancelled|Refunded)$"))).to_be_visible()
    expect(mine.get_by_role("button", name="Cancel", exact=True)).to_have_count(0)
    look(page, "bookings-cancelled")


def test_partner_cancels_with_a_reason_and_a_client_reports_a_problem(
        page: Page, app_url: str, app_data: Path) -> None:
    name = f"Robin Reporter {uuid.uuid4().hex[:4]}"
    email = _register(page, name)
    soon = _book_and_pay(page, 0)
    later = _book_and_pay(page, 3)

    _sign_in(page, PARTNER_EMAIL, PARTNER_PASSWORD, r"/dashboard")
    session = page.locator(".fxo-session").filter(has_text=name)
    expect(session).to_have_count(2)
    session.last.get_by_role("button", name="Cancel session").click()
    dialog = page.get_by_role("dialog")
    confirm = dialog.get_by_role("button", name="Confirm cancellation")
    expect(confirm).to_be_disabled()  # a reason first
    expect(dialog.get_by_role("button", name="Keep booking")).to_be_visible()
    dialog.get_by_label("Reason for the client").fill("I have to travel that day, sorry.")
    look(page, "dashboard-cancel-session")
    confirm.click()
    expect(page.get_by_role("status").filter(has_text="refunded in full")).to_be_visible()
    _until(lambda: _booking(app_data, later)[3] == "released")

    start, _end, _, _ = _booking(app_data, soon)
    now = _advance(app_url, 0)
    _advance(app_url, (start - now).total_seconds() + 600)  # ten minutes into the session
    _sign_in(page, email, PASSWORD, r"/bookings")
    mine = page.locator(".fxo-booking").filter(has_text="Confirmed")
    expect(page.locator(".fxo-booking").filter(has_text="Refunded: $800.00")
           .or_(page.locator(".fxo-booking").filter(has_text="Refund: $800.00"))).to_be_visible()
    mine.get_by_role("button", name="Report a problem").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("What went wrong?").fill("The partner never joined the video call.")
    look(page, "bookings-report-problem")
    dialog.get_by_role("button", name="Confirm report").click()
    expect(page.get_by_role("status").filter(has_text="on hold")).to_be_visible()
    expect(page.locator(".fxo-booking").filter(has_text="Problem reported")).to_be_visible()
    assert _booking(app_data, soon)[2] == "Problem reported"
    look(page, "bookings-problem-reported")

    _sign_in(page, PARTNER_EMAIL, PARTNER_PASSWORD, r"/dashboard")
    held = page.locator(".fxo-session").filter(has_text=name).filter(has_text="Problem reported")
    expect(held).to_be_visible()
    expect(held.get_by_role("button")).to_have_count(0)  # an admin decides now
    look(page, "dashboard-problem-reported")
