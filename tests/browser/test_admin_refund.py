"""An admin refunds part of a captured payment from the booking's page: 200.00 of 800.00 with a
reason, confirmed in a dialog; the page then shows $600.00 net and both events, and refuses
more than the remainder.

The captured booking comes the way the money-cycle test makes one: booked and paid in the
browser, the app's clock moved past the session, completion confirmed by the partner, and
the capture run by the app's own worker.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from fxorleans.booking.seed import ADMIN
from tests.browser.audit import look
from tests.browser.test_money_cycle import (
    PARTNER_EMAIL,
    PARTNER_PASSWORD,
    _advance,
    _book_and_pay,
    _booking,
    _register,
    _sign_in,
    _until,
)

pytestmark = pytest.mark.browser

REASON = "Half the hour was lost to a broken video link."


def _captured(page: Page, app_url: str, app_data: Path, name: str) -> str:
    _register(page, name)
    booking_id = _book_and_pay(page, 0)
    _start, end, _, _ = _booking(app_data, booking_id)
    now = _advance(app_url, 0)
    _advance(app_url, (end - now).total_seconds() + 120)
    _sign_in(page, PARTNER_EMAIL, PARTNER_PASSWORD, r"/dashboard")
    session = page.locator(".fxo-session").filter(has_text=name)
    session.get_by_role("button", name="Confirm completion").click()
    page.get_by_role("dialog").get_by_role("button", name="Confirm completion").click()
    expect(page.get_by_role("status").filter(has_text="Completion confirmed")).to_be_visible()
    _advance(app_url, 31 * 60)  # past the client's window: the worker captures
    _until(lambda: _booking(app_data, booking_id)[2] == "Paid")
    return booking_id


def test_admin_refunds_200_of_a_captured_800(page: Page, app_url: str, app_data: Path) -> None:
    name = f"Riley Refund {uuid.uuid4().hex[:4]}"
    booking_id = _captured(page, app_url, app_data, name)

    _sign_in(page, ADMIN.email, ADMIN.password, r"/admin/bookings")
    # The search finds the booking by its client's name, in any case, and by status.
    page.get_by_label("Client, partner or booking").fill(name.upper())
    page.get_by_label("Status").select_option("Paid")
    page.locator("#admin-search").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    look(page, "admin-bookings-search")
    page.locator(f'a[href="/admin/bookings/{booking_id}"]').click()
    page.wait_for_url(re.compile(rf"/admin/bookings/{booking_id}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(booking_id)
    expect(page.locator("#money-captured")).to_have_text("$800.00")
    expect(page.locator("#money-net")).to_have_text("$800.00")
    expect(page.locator("#provider-status")).to_have_text("succeeded")
    table = page.locator("#event-table")
    expect(table.get_by_role("rowheader", name="PaymentCaptured")).to_be_visible()
    expect(page.get_by_role("region", name="Booking")).to_contain_text(name)
    look(page, "admin-booking")

    # the keyboard alone: type, tab on, press the button
    amount = page.get_by_label("Amount")
    expect(amount).to_have_value("800.00")  # the whole remainder by default
    amount.fill("200.00")
    page.get_by_label("Reason").fill(REASON)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Refund", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog.locator("#confirm-amount")).to_have_text("$200.00")
    expect(dialog.get_by_role("button", name="Back")).to_be_visible()
    look(page, "admin-booking-confirm-refund")
    dialog.get_by_role("button", name="Confirm refund").click()

    expect(page.get_by_role("status").filter(has_text="Refunded $200.00.")).to_be_visible(
        timeout=20_000)
    expect(page.locator("#money-refunded")).to_have_text("$200.00")
    expect(page.locator("#money-net")).to_have_text("$600.00")
    expect(page.locator("#refundable")).to_have_text("$600.00")
    for event in ("RefundRequested", "PaymentRefunded"):
        expect(table.get_by_role("rowheader", name=event)).to_be_visible()
    asked = table.get_by_role("row").filter(has=page.get_by_role("rowheader",
                                                                 name="RefundRequested"))
    expect(asked).to_contain_text(ADMIN.email)
    expect(asked).to_contain_text(REASON)
    look(page, "admin-booking-refunded")

    # more than is left: the dialog says how much may still go back
    amount.fill("600.01")
    page.get_by_label("Reason").fill("The rest, and a cent more.")
    page.get_by_role("button", name="Refund", exact=True).click()
    dialog.get_by_role("button", name="Confirm refund").click()
    expect(dialog.get_by_role("alert")).to_have_text("At most $600.00 can still be refunded.")
    look(page, "admin-booking-refund-refused")
    dialog.get_by_role("button", name="Back").click()
    expect(dialog).to_have_count(0)

    page.reload()  # what the page shows is what was stored
    expect(page.locator("#money-net")).to_have_text("$600.00")
    expect(page.locator("#event-list").get_by_text("PaymentRefunded")).to_be_hidden()
    page.set_viewport_size({"width": 375, "height": 800})
    expect(page.locator("#event-list").get_by_text("PaymentRefunded")).to_be_visible()
