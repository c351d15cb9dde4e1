"""A demo partner (any of them: the login page lists them all) edits their week and adds a
day off; their public profile offers the new slots at once."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import Page, expect

from fxorleans.booking import seed
from fxorleans.domain.display import day_label
from tests.browser.audit import look

pytestmark = pytest.mark.browser

# The last demo partner: only accounts beyond the first two prove the login list is complete,
# and no other browser test books with her, so her changed week disturbs nobody.
PARTNER = [a for a in seed.demo_accounts() if a.role == "partner"][-1]
RECORD = next(r for r in seed.demo_partner_records() if r["id"] == PARTNER.partner_id)
ZONE = ZoneInfo(RECORD["timezone"])
VIEWER = ZoneInfo("Europe/Berlin")  # the browser's zone (conftest)


def _app_now(app_url: str) -> datetime:
    """The app's own time: the test clock may have moved it past the wall clock."""
    r = httpx.post(f"{app_url}/api/test/clock", json={"advance_seconds": 0})
    return datetime.fromisoformat(r.json()["now"])


def _days(now: datetime) -> tuple[date, date]:
    """A Saturday she does not work yet, and a working day to take off, both ahead."""
    today = now.astimezone(ZONE).date()
    saturday = next(today + timedelta(days=n) for n in range(1, 8)
                    if (today + timedelta(days=n)).weekday() == 5)
    weekday = next(today + timedelta(days=n) for n in range(2, 9)
                   if (today + timedelta(days=n)).weekday() < 4)
    return saturday, weekday


def _viewer_label(day: date, hour: int) -> str:
    """The profile page's day heading for `hour`:00 on `day` on the partner's clock."""
    at = datetime(day.year, day.month, day.day, hour, tzinfo=ZONE).astimezone(VIEWER)
    return day_label(at.date())


def test_a_demo_partner_edits_hours_and_a_day_off_and_the_profile_follows(
        page: Page, app_url: str) -> None:
    assert RECORD.get("working_hours", {}).get("sat") is None  # the test needs a free Saturday
    saturday, day_off = _days(_app_now(app_url))
    profile = f"/partner/{PARTNER.partner_id}"

    page.goto(profile)
    times = page.get_by_role("group", name="Available times")
    expect(times.get_by_text(_viewer_label(day_off, 10), exact=True)).to_be_visible()
    expect(times.get_by_text(_viewer_label(saturday, 11), exact=True)).to_have_count(0)

    page.goto("/login")
    demo = page.get_by_role("region", name="Demo accounts")
    expect(demo.locator("li")).to_have_count(len(seed.demo_accounts()))
    expect(demo.get_by_text(PARTNER.email, exact=True)).to_be_visible()
    look(page, "login-demo-accounts")
    page.get_by_label("E-mail").fill(PARTNER.email)
    page.get_by_label("Password").fill(PARTNER.password)
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r"/dashboard"))

    page.goto("/dashboard/availability")
    expect(page.get_by_role("heading", name="Availability", level=1)).to_be_visible()
    expect(page.get_by_text(RECORD["timezone"]).first).to_be_visible()
    look(page, "availability")

    # A Saturday morning: add a range and type the times.
    page.get_by_role("button", name="Add hours on Saturday").click()
    page.get_by_label("Saturday hours 1 from").fill("10:00")
    page.get_by_label("Saturday hours 1 to").fill("14:00")
    # A Sunday typed the wrong way round is refused, named, and not saved.
    page.get_by_role("button", name="Add hours on Sunday").click()
    page.get_by_label("Sunday hours 1 to").fill("08:00")
    page.locator("#save-hours").click()
    expect(page.get_by_role("alert")).to_contain_text("Sunday, hours 1: Range 09:00-08:00")
    expect(page.locator("#hours-sun-error")).to_be_visible()
    look(page, "availability-error")
    page.get_by_role("button", name="Remove Sunday hours 1").click()
    page.locator("#save-hours").click()
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()

    # A day off, typed and submitted with the keyboard.
    page.get_by_label("Date").fill(day_off.isoformat())
    page.get_by_label("Date").press("Enter")
    label = f"{day_label(day_off)} {day_off.year}"
    expect(page.get_by_role("list", name="Your days off")).to_contain_text(label)
    look(page, "availability-saved")

    page.goto(profile)
    times = page.get_by_role("group", name="Available times")
    saturday_row = times.locator("div").filter(
        has=page.get_by_text(_viewer_label(saturday, 11), exact=True)).last
    expect(saturday_row.locator(".fxo-slot")).to_have_count(4)
    expect(times.get_by_text(_viewer_label(day_off, 10), exact=True)).to_have_count(0)
    look(page, "availability-profile-after")

    # Put her week back for whoever looks at her next.
    page.goto("/dashboard/availability")
    page.get_by_role("button", name=f"Remove day off {label}").click()
    expect(page.get_by_text("No days off ahead.")).to_be_visible()
    page.get_by_role("button", name="Remove Saturday hours 1").click()
    page.locator("#save-hours").click()
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    page.goto(profile)
    expect(page.get_by_role("group", name="Available times").get_by_text(
        _viewer_label(day_off, 10), exact=True)).to_be_visible()
