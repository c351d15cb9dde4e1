"""A new visitor describes a problem, sees ranked partners, picks a slot, registers, holds it."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.audit import audit, look
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser

PROBLEM = ("Our AWS bill went from $40k to $95k a month and nobody can explain which "
           "services or customers are driving it.")


def test_visitor_matches_picks_a_slot_registers_and_reaches_the_summary(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    expect(page.locator("#match-submit")).to_be_disabled()
    look(page, "home-empty")
    page.get_by_label("Describe your problem").fill(PROBLEM)
    expect(page.get_by_text(f"{len(PROBLEM)} / 5000")).to_be_visible()
    look(page, "home")
    page.locator("#match-submit").click()

    page.wait_for_url(re.compile(r"/match/[0-9a-f]+"))
    expect(page.get_by_role("heading", name="Your best matches")).to_be_visible()
    cards = page.get_by_role("link", name="View profile and times")
    expect(cards.first).to_be_visible()
    expect(page.get_by_label("Times shown in")).to_have_value("Europe/Berlin")
    expect(page.get_by_text("Next available:").first).to_contain_text("Europe/Berlin")
    look(page, "match")
    match_url = page.url
    cards.first.click()

    page.wait_for_url(re.compile(r"/partner/[a-z0-9-]+\?request="))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    slots = page.locator(".fxo-slot")
    expect(slots.first).to_be_visible()
    first_label = slots.first.inner_text()
    slots.first.click()
    expect(page.get_by_text("Selected:")).to_contain_text("Europe/Berlin")
    expect(page.get_by_text("Selected:")).to_contain_text(first_label)
    look(page, "partner")
    # the viewer may change the zone: the same instants are relabelled
    page.get_by_label("Times shown in").select_option("Asia/Tokyo")
    expect(page.get_by_text("Selected:")).to_contain_text("Asia/Tokyo")
    page.get_by_label("Times shown in").select_option("Europe/Berlin")
    expect(page.get_by_text("Selected:")).to_contain_text(first_label)
    page.locator("#book-session").click()

    page.wait_for_url(re.compile(r"/register\?next="))
    look(page, "register-from-booking")
    email = f"booker-{uuid.uuid4().hex[:8]}@example.com"
    page.get_by_label("Your name").fill("Bea Booker")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_label("Repeat the password").fill("correct horse battery")
    page.locator("#register-submit").click()

    page.wait_for_url(re.compile(r"/partner/[a-z0-9-]+\?.*slot="))
    expect(page.get_by_text("Selected:")).to_contain_text(first_label)  # the same slot
    page.locator("#book-session").click()

    page.wait_for_url(re.compile(r"/book/[0-9a-f]{32}"))
    expect(page.get_by_role("heading", name="Complete your booking")).to_be_visible()
    expect(page.get_by_text("$800.00")).to_be_visible()
    expect(page.get_by_text("60 minutes")).to_be_visible()
    expect(page.get_by_text("This time is held for you until")).to_be_visible()
    look(page, "book-summary")

    # the match request stays visible to its owner after signing up
    page.goto(match_url)
    expect(page.get_by_role("heading", name="Your best matches")).to_be_visible()
    page.goto("/bookings")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    look(page, "bookings-held")


def test_pages_fit_a_phone(browser, app_url) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=app_url, viewport={"width": 375, "height": 800},
                                  timezone_id="America/New_York")
    page = context.new_page()
    page.goto("/")
    expect(page.locator("#match-submit")).to_be_disabled()
    look(page, "home-phone-new-york")  # a phone from the start, in another time zone
    page.get_by_label("Describe your problem").fill(PROBLEM)
    page.locator("#match-submit").click()
    page.wait_for_url(re.compile(r"/match/"))
    expect(page.get_by_role("link", name="View profile and times").first).to_be_visible()
    look(page, "match-phone-new-york")  # axe-core, and no sideways scroll
    shot(page, "match-phone-screen", full_page=False)
    page.get_by_role("link", name="View profile and times").first.click()
    expect(page.locator(".fxo-slot").first).to_be_visible()
    look(page, "partner-phone-new-york")
    context.close()


def test_the_slot_picker_works_from_the_keyboard(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.get_by_label("Describe your problem").fill(PROBLEM)
    page.get_by_label("Describe your problem").press("Tab")  # on to the selects and the button
    expect(page.locator("#match-submit")).to_be_enabled()  # a disabled button takes no focus
    page.locator("#match-submit").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/match/"))
    page.get_by_role("link", name="View profile and times").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/partner/"))
    slot = page.locator(".fxo-slot").nth(1)
    slot.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Selected:")).to_contain_text(slot.inner_text())
    expect(slot).to_have_attribute("aria-pressed", "true")
    audit(page, "partner with a slot chosen from the keyboard")  # the focus ring's state
    for _ in range(120):  # Tab through the remaining slots to the button, as a person would
        if page.evaluate("document.activeElement.id") == "book-session":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "book-session"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/register\?next="))
