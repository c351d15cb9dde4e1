"""An admin decides a held authorization from the desk: a session that took place but that
the partner never confirmed; the admin gives 200.00 back and captures the rest, confirmed in
a dialog, and the evidence (policy, meeting, completion) is on the same page."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from fxorleans.booking.seed import ADMIN
from tests.browser.audit import look
from tests.browser.test_money_cycle import _advance, _book_and_pay, _booking, _register, _sign_in

pytestmark = pytest.mark.browser

REASON = "The partner confirmed by phone; half an hour was lost."


def test_admin_keeps_part_of_a_held_authorization(page: Page, app_url: str,
                                                  app_data: Path) -> None:
    name = f"Dana Desk {uuid.uuid4().hex[:4]}"
    _register(page, name)
    booking_id = _book_and_pay(page, 0)
    _start, end, _, _ = _booking(app_data, booking_id)
    now = _advance(app_url, 0)
    _advance(app_url, (end - now).total_seconds() + 120)  # over, and nobody confirmed it

    _sign_in(page, ADMIN.email, ADMIN.password, r"/admin/bookings")
    page.goto(f"{app_url}/admin/bookings/{booking_id}")
    page.wait_for_url(re.compile(rf"/admin/bookings/{booking_id}$"))
    desk = page.get_by_role("region", name="Decide the held payment")
    expect(desk).to_contain_text("$800.00 is authorized")
    evidence = page.get_by_role("region", name="Evidence")
    expect(evidence.locator("#evidence-completion")).to_have_text("Not confirmed as completed.")
    expect(evidence.locator("#evidence-policy")).to_contain_text("100 % refund")
    look(page, "admin-desk")

    desk.get_by_label("Give back").fill("900.00")
    desk.get_by_label("Reason").fill(REASON)
    desk.get_by_role("button", name="Decide").click()
    expect(desk.get_by_role("alert")).to_have_text("Enter an amount from 0.00 to 800.00.")
    desk.get_by_label("Give back").fill("200.00")
    desk.get_by_role("button", name="Decide").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator("#decide-summary")).to_have_text(
        "Give back $200.00 and capture $600.00.")
    look(page, "admin-desk-confirm")
    dialog.get_by_role("button", name="Confirm decision").click()

    expect(page.get_by_role("status").filter(has_text="Decision carried out.")).to_be_visible(
        timeout=20_000)
    expect(page.locator("#money-captured")).to_have_text("$600.00")
    expect(page.get_by_role("region", name="Decide the held payment")).to_have_count(0)
    table = page.locator("#event-table")
    cancelled = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="BookingCancelled"))
    expect(cancelled).to_contain_text(ADMIN.email)
    expect(cancelled).to_contain_text(REASON)
    expect(table.get_by_role("rowheader", name="PaymentCaptured")).to_be_visible()
    look(page, "admin-desk-decided")
