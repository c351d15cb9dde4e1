"""An admin sees the failed outbox jobs at /admin/jobs, dismisses one with a reason in a
dialog and retries another. The jobs are written into the running app's own database; only
the ones this test made are looked at (other tests share the app)."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from fxorleans.booking.seed import ADMIN
from tests.browser.audit import look

pytestmark = pytest.mark.browser

# a kind no handler knows: if a retried job runs, it fails again instead of doing anything
KIND = "test.unknown"


def _failed_job(app_data: Path, booking_id: str, error: str) -> int:
    at = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    with sqlite3.connect(app_data / "app.db") as conn:
        cur = conn.execute(
            "INSERT INTO outbox_job (kind, payload, idempotency_key, status, attempts, "
            "max_attempts, next_attempt_at, last_error, created_at) "
            "VALUES (?, ?, ?, 'failed', 8, 8, ?, ?, ?)",
            (KIND, json.dumps({"booking_id": booking_id, "token": "secret-token"}),
             f"test-{uuid.uuid4().hex}", at, error, at))
        assert cur.lastrowid is not None
        return cur.lastrowid


def _status(app_data: Path, job_id: int) -> str:
    with sqlite3.connect(app_data / "app.db") as conn:
        (status,) = conn.execute("SELECT status FROM outbox_job WHERE id = ?",
                                 (job_id,)).fetchone()
    return str(status)


def test_admin_dismisses_and_retries_failed_jobs(page: Page, app_data: Path) -> None:
    tag = uuid.uuid4().hex[:6]
    first = _failed_job(app_data, f"bk-jobs-{tag}",
                        "CardError: the provider refused the capture of this payment, "
                        "twice, with a long explanation that has to wrap on a phone.")
    second = _failed_job(app_data, "", "TimeoutError: the calendar did not answer")

    page.goto("/login?next=/admin/jobs")
    page.get_by_label("E-mail").fill(ADMIN.email)
    page.get_by_label("Password").fill(ADMIN.password)
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r"/admin/jobs$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Failed jobs")
    table = page.locator("#job-table")
    row = table.locator(f"#job-{first}")
    expect(row).to_contain_text(KIND)
    expect(row.get_by_role("link", name=f"bk-jobs-{tag}")).to_have_attribute(
        "href", f"/admin/bookings/bk-jobs-{tag}")
    expect(row).to_contain_text("CardError")
    expect(page.locator("main")).not_to_contain_text("secret-token")
    look(page, "admin-jobs")

    page.get_by_role("button", name=f"Dismiss job {first}", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"Dismiss job {first}?")
    dialog.get_by_role("button", name="Dismiss job").click()  # no reason yet
    expect(dialog.get_by_role("alert")).to_be_visible()
    assert _status(app_data, first) == "failed"
    dialog.get_by_label("Reason").fill("The booking was settled by hand.")
    look(page, "admin-jobs-dismiss")
    dialog.get_by_role("button", name="Dismiss job").click()
    expect(dialog).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text(f"Job {first} dismissed.")
    expect(table.locator(f"#job-{first}")).to_have_count(0)
    assert _status(app_data, first) == "dismissed"

    page.get_by_role("button", name=f"Retry job {second}", exact=True).click()
    expect(page.get_by_role("status")).to_have_text(f"Job {second} queued again.")
    assert _status(app_data, second) in ("pending", "failed")  # the worker may have run it
    page.set_viewport_size({"width": 375, "height": 800})
    expect(table).to_be_hidden()
    look(page, "admin-jobs-phone")
