"""Paying in the embedded default: the sandbox card form, the server check, the confirmation."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.audit import look

pytestmark = pytest.mark.browser

PROBLEM = ("A Fortune 500 prospect wants our SOC 2 Type II report before they sign and we "
           "do not have one. How fast can we get there?")


def _register(page) -> str:  # type: ignore[no-untyped-def]
    email = f"payer-{uuid.uuid4().hex[:8]}@example.com"
    page.goto("/register")
    page.get_by_label("Your name").fill("Pat Payer")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_label("Repeat the password").fill("correct horse battery")
    page.locator("#register-submit").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    return email


def _hold_a_slot(page, nth: int) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_label("Describe your problem").fill(PROBLEM)
    page.locator("#match-submit").click()
    page.wait_for_url(re.compile(r"/match/"))
    page.get_by_role("link", name="View profile and times").nth(nth).click()
    page.locator(".fxo-slot").nth(2).click()
    page.locator("#book-session").click()
    page.wait_for_url(re.compile(r"/book/[0-9a-f]{32}"))


def _fill_card(page, number: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Card number").fill(number)
    page.get_by_label("Expiry (MM / YY)").fill("12 / 34")
    page.get_by_label("CVC", exact=True).fill("123")
    page.get_by_label("Postal code").fill("10001")


def test_pay_with_4242_lands_on_confirmation_with_a_meeting_link(page) -> None:  # type: ignore[no-untyped-def]
    _register(page)
    _hold_a_slot(page, 0)
    expect(page.get_by_label("Card number")).to_be_visible()
    look(page, "book")
    complete = page.locator("#complete-booking")
    expect(complete).to_be_disabled()  # the policy is not accepted yet
    _fill_card(page, "4242 4242 4242 4242")
    page.get_by_text("I accept the cancellation policy above.").click()
    expect(complete).to_be_enabled()
    look(page, "payment")
    complete.click()
    page.wait_for_url(re.compile(r"/confirmation/[0-9a-f]{32}"))
    expect(page.get_by_role("heading", name="Booking Confirmed!")).to_be_visible()
    join = page.get_by_role("link", name="Join Meeting")
    expect(join).to_have_attribute("href", re.compile(r"^https://meet\.jit\.si/FXO-[\w-]{20,}"),
                                   timeout=30_000)
    expect(page.get_by_text(re.compile(r"\(Europe/Berlin, CET\)"))).to_be_visible()
    look(page, "confirmation")  # and at 375 px: no sideways scroll
    meeting_url = join.get_attribute("href")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .ics").click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and "END:VCALENDAR" in ics
    assert meeting_url and meeting_url in ics.replace("\r\n ", "")
    google = page.get_by_role("link", name="Add to Google Calendar").get_attribute("href")
    assert google and google.startswith("https://calendar.google.com/calendar/render?")
    page.goto("/bookings")
    expect(page.get_by_text("Confirmed").first).to_be_visible()
    look(page, "bookings-confirmed")


def test_insufficient_funds_then_another_card_on_the_same_booking(page) -> None:  # type: ignore[no-untyped-def]
    _register(page)
    _hold_a_slot(page, 1)
    booking_url = page.url
    _fill_card(page, "4000 0000 0000 9995")
    page.get_by_text("I accept the cancellation policy above.").click()
    page.locator("#complete-booking").click()
    expect(page.locator("#payment-error")).to_contain_text(
        "Insufficient funds. Please check your account balance.")
    look(page, "payment-declined")
    assert page.url == booking_url
    _fill_card(page, "5555 5555 5555 4444")
    page.locator("#complete-booking").click()
    page.wait_for_url(re.compile(r"/confirmation/[0-9a-f]{32}"))
    expect(page.get_by_role("link", name="Join Meeting")).to_have_attribute(
        "href", re.compile("meet.jit.si"), timeout=30_000)
