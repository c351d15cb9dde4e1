"""Authorize, verify, webhook: the booking side of payments against the real sandbox over HTTP.

The sandbox and our own webhook endpoint both run under uvicorn on loopback; the test plays the
browser with the SDK (confirming the intent the way Stripe.js would).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest
import stripe
from sqlmodel import select

from fxorleans import bootstrap, clock, config
from fxorleans.accounts import service as accounts
from fxorleans.booking import directory, holds, outbox, payment, registry, uow, webhooks, worker
from fxorleans.domain import booking as bk
from fxorleans.domain import jobs
from fxorleans.http import create_api
from fxorleans.sandbox.runtime import deliver_due
from fxorleans.sandbox.server import create_app
from fxorleans.store import db
from fxorleans.store.tables import (
    MailMessage,
    OutboxJob,
    SlotReservation,
    User,
    WebhookEventSeen,
)
from tests.factories import partner_record
from tests.payments.conftest import Sandbox, serve

PARTNER = partner_record("ines-duarte", "Inês", "Duarte", "CISO", "SOC 2", "Europe/Lisbon")
PROBLEM = "Our biggest prospect needs a SOC 2 Type II report before signing."


@dataclass
class World:
    sandbox: Sandbox
    api_url: str
    sdk: stripe.StripeClient
    client_id: str
    email: str


@pytest.fixture
def world(sqlite_db, tmp_path, monkeypatch) -> Iterator[World]:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("FXO_SECRET_KEY", raising=False)
    config.reload()
    api = serve(create_api())
    sandbox = serve(create_app(f"sqlite:///{tmp_path / 'stripe.db'}",
                               webhook_url=f"{api.url}/api/stripe/webhook",
                               webhook_secret=bootstrap.sandbox_keys().webhook_secret,
                               deliver_in_background=False))
    monkeypatch.setenv("FXO_SANDBOX_API_BASE", sandbox.url)
    config.reload()
    directory.import_partners([PARTNER])
    user = accounts.register("payer@example.com", "correct horse battery", "Pat", "a",
                             "America/New_York")
    accounts.create_admin("root@example.com", "admin password 1")
    yield World(sandbox, api.url, stripe.StripeClient("sk_test_sandbox",
                                                      base_addresses={"api": sandbox.url}),
                user.id, user.email)
    sandbox.stop()
    api.stop()


def _hold(w: World) -> holds.Hold:
    partner = directory.get_partner("ines-duarte")
    assert partner is not None
    start = holds.available_slots(partner)[3]
    return holds.place_hold(client_id=w.client_id, partner_id="ines-duarte", start=start,
                            problem=PROBLEM, client_timezone="America/New_York",
                            client_address="198.51.100.4")


def _start(w: World, booking_id: str) -> payment.PaymentStart:
    return asyncio.run(payment.start_payment(booking_id, w.client_id, w.email))


def _browser_confirms(w: World, intent_id: str, card: str = "pm_card_visa") -> None:
    # A decline: the browser shows it; the server reads it back itself.
    with contextlib.suppress(stripe.CardError):
        w.sdk.v1.payment_intents.confirm(intent_id, {"payment_method": card})


def _verify(w: World, booking_id: str, intent_id: str) -> bk.Booking:
    return asyncio.run(payment.verify(booking_id, intent_id, uow.Actor(w.client_id, "client")))


def _reservation(booking_id: str) -> SlotReservation | None:
    with db.reading() as s:
        return s.exec(select(SlotReservation).where(SlotReservation.booking_id == booking_id)
                      ).first()


def _mails(kind: str) -> list[MailMessage]:
    with db.reading() as s:
        return list(s.exec(select(MailMessage).where(MailMessage.kind == kind)).all())


def test_verified_authorization_schedules_the_meeting_and_mails_both_sides(world) -> None:  # type: ignore[no-untyped-def]
    hold = _hold(world)
    start = _start(world, hold.booking_id)
    assert start.intent_id == _start(world, hold.booking_id).intent_id  # idempotent
    payment.accept_policy(hold.booking_id, world.client_id)
    _browser_confirms(world, start.intent_id)
    b = _verify(world, hold.booking_id, start.intent_id)
    assert b.status == bk.Status.CONFIRMED and b.authorized == 80000
    assert b.accepted_policy == ((24, 100), (4, 50), (2, 25), (0, 0))
    assert b.capture_before is not None and b.capture_before - b.authorized_at > timedelta(days=6)
    assert _reservation(hold.booking_id).expires_at is None  # type: ignore[union-attr]
    assert _verify(world, hold.booking_id, start.intent_id).version == b.version  # idempotent

    assert worker.tick() >= 1
    b = payment.load(hold.booking_id)
    assert b is not None and b.meeting_url and b.meeting_url.startswith("https://meet.jit.si/")
    client_mail, = _mails("booking-confirmed")
    partner_mail, = _mails("booking-partner")
    assert client_mail.to_addr == "payer@example.com" and b.meeting_url in client_mail.body
    assert "America/New_York" in client_mail.body
    assert partner_mail.to_addr == "ines.duarte@example.com"
    assert "$640.00" in partner_mail.body and PROBLEM in partner_mail.body
    assert "Europe/Lisbon" in partner_mail.body and "Pat" in partner_mail.body


def test_another_bookings_intent_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    mine, other = _hold(world), None
    # A second hold at once: another partner (one hold per partner), a verified account.
    directory.import_partners([partner_record("tom-berg", "Tom", "Berg", "CTO", "AWS", "UTC")])
    with db.transaction() as s:
        user = s.get(User, world.client_id)
        assert user is not None
        user.email_verified_at = clock.now()
        s.add(user)
    partner = directory.get_partner("tom-berg")
    other = holds.place_hold(client_id=world.client_id, partner_id="tom-berg",
                             start=holds.available_slots(partner)[5], problem=PROBLEM,  # type: ignore[arg-type]
                             client_timezone="UTC", client_address="198.51.100.4")
    theirs = _start(world, other.booking_id)
    payment.accept_policy(mine.booking_id, world.client_id)
    _browser_confirms(world, theirs.intent_id)
    with pytest.raises(payment.PaymentRefused, match="does not belong"):
        _verify(world, mine.booking_id, theirs.intent_id)
    assert payment.load(mine.booking_id).status == bk.Status.HELD  # type: ignore[union-attr]


def test_a_wrong_amount_is_refused_and_released(world) -> None:  # type: ignore[no-untyped-def]
    hold = _hold(world)
    payment.accept_policy(hold.booking_id, world.client_id)
    forged = world.sdk.v1.payment_intents.create({
        "amount": 100, "currency": "usd", "capture_method": "manual",
        "automatic_payment_methods": {"enabled": True, "allow_redirects": "never"},
        "metadata": {"booking_id": hold.booking_id}})
    _browser_confirms(world, forged.id)
    with pytest.raises(payment.PaymentRefused, match="does not match the price"):
        _verify(world, hold.booking_id, forged.id)
    assert payment.load(hold.booking_id).status == bk.Status.HELD  # type: ignore[union-attr]
    worker.tick()
    assert world.sdk.v1.payment_intents.retrieve(forged.id).status == "canceled"


def test_a_decline_is_recorded_and_another_card_succeeds(world) -> None:  # type: ignore[no-untyped-def]
    hold = _hold(world)
    start = _start(world, hold.booking_id)
    payment.accept_policy(hold.booking_id, world.client_id)
    _browser_confirms(world, start.intent_id, "pm_card_visa_chargeDeclinedInsufficientFunds")
    b = _verify(world, hold.booking_id, start.intent_id)
    assert b.status == bk.Status.AWAITING_PAYMENT
    assert b.last_error == "Insufficient funds. Please check your account balance."
    _browser_confirms(world, start.intent_id, "pm_card_mastercard")
    assert _verify(world, hold.booking_id, start.intent_id).status == bk.Status.CONFIRMED


def test_hold_expired_before_payment_releases_the_money(world) -> None:  # type: ignore[no-untyped-def]
    hold = _hold(world)
    start = _start(world, hold.booking_id)
    payment.accept_policy(hold.booking_id, world.client_id)
    clock.advance(timedelta(minutes=config.get().hold_minutes + 1))
    assert holds.expire_holds() == 1
    _browser_confirms(world, start.intent_id)
    with pytest.raises(payment.PaymentRefused, match="expired"):
        _verify(world, hold.booking_id, start.intent_id)
    worker.tick()
    assert world.sdk.v1.payment_intents.retrieve(start.intent_id).status == "canceled"
    assert payment.load(hold.booking_id).status == bk.Status.EXPIRED  # type: ignore[union-attr]


def test_no_payment_page_for_an_expired_hold_or_someone_else(world) -> None:  # type: ignore[no-untyped-def]
    hold = _hold(world)
    with pytest.raises(payment.PaymentRefused, match="cannot find"):
        asyncio.run(payment.start_payment(hold.booking_id, "someone-else", "x@example.com"))
    clock.advance(timedelta(minutes=config.get().hold_minutes))
    with pytest.raises(payment.PaymentRefused, match="expired"):
        _start(world, hold.booking_id)


# --- webhooks ---------------------------------------------------------------------------------


def _sign(body: bytes, secret: str | None = None, age: int = 0) -> str:
    secret = secret or bootstrap.sandbox_keys().webhook_secret
    t = int(time.time()) - age  # Stripe signs at the wall-clock time
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def _post(w: World, body: bytes, signature: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["Stripe-Signature"] = signature
    return httpx.post(f"{w.api_url}/api/stripe/webhook", content=body, headers=headers)


def _events(w: World, intent_id: str) -> list[dict]:
    listed = w.sdk.v1.events.list({"limit": 100})
    return [e.to_dict() for e in listed.data
            if e.to_dict()["data"]["object"].get("id") == intent_id
            or e.to_dict()["data"]["object"].get("payment_intent") == intent_id]


def test_webhook_completes_a_booking_whose_browser_never_came_back(world) -> None:  # type: ignore[no-untyped-def]
    hold = _hold(world)
    start = _start(world, hold.booking_id)
    payment.accept_policy(hold.booking_id, world.client_id)
    _browser_confirms(world, start.intent_id)  # ... and the tab closes
    assert deliver_due(world.sandbox.app) >= 1  # signed POSTs to our endpoint, over HTTP
    b = payment.load(hold.booking_id)
    assert b is not None and b.status == bk.Status.CONFIRMED and b.intent_id == start.intent_id
    with db.reading() as s:
        assert s.exec(select(WebhookEventSeen)).first() is not None


def test_webhook_refuses_bad_signatures(world) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"id": "evt_forged", "type": "payment_intent.amount_capturable_updated",
                       "data": {"object": {"id": "pi_x", "object": "payment_intent"}}}).encode()
    assert _post(world, body, None).status_code == 400
    assert _post(world, body, _sign(body, "whsec_wrong")).status_code == 400
    assert _post(world, body, _sign(body)[:-2] + "00").status_code == 400
    assert _post(world, body, _sign(body, age=6 * 60)).status_code == 400  # too old
    clock.advance(timedelta(days=3))  # the test clock moves business time, not signatures' age
    assert _post(world, body, _sign(body, age=6 * 60)).status_code == 400
    # Well signed but for an intent Stripe does not know: acknowledged, not retried for days.
    unknown = _post(world, body, _sign(body))
    assert (unknown.status_code, unknown.text) == (200, "ignored: unknown intent")


def test_replays_and_out_of_order_events_change_nothing(world) -> None:  # type: ignore[no-untyped-def]
    hold = _hold(world)
    start = _start(world, hold.booking_id)
    payment.accept_policy(hold.booking_id, world.client_id)
    _browser_confirms(world, start.intent_id, "pm_card_visa_chargeDeclined")
    _browser_confirms(world, start.intent_id, "pm_card_visa")
    events = _events(world, start.intent_id)
    kinds = {e["type"] for e in events}
    assert {"payment_intent.payment_failed", "payment_intent.amount_capturable_updated"} <= kinds
    # newest first from the list: the success arrives before the older failure
    for e in events:
        body = json.dumps(e).encode()
        assert _post(world, body, _sign(body)).status_code == 200
    b = payment.load(hold.booking_id)
    assert b is not None and b.status == bk.Status.CONFIRMED
    version = b.version
    for e in events:  # every one again: acknowledged, ignored
        body = json.dumps(e).encode()
        reply = _post(world, body, _sign(body))
        assert reply.status_code == 200 and reply.text == "duplicate"
    assert payment.load(hold.booking_id).version == version  # type: ignore[union-attr]


def test_an_expired_authorization_alerts_the_admins(world) -> None:  # type: ignore[no-untyped-def]
    hold = _hold(world)
    start = _start(world, hold.booking_id)
    payment.accept_policy(hold.booking_id, world.client_id)
    _browser_confirms(world, start.intent_id)
    _verify(world, hold.booking_id, start.intent_id)
    clock.advance(timedelta(days=7, minutes=1))
    deliver_due(world.sandbox.app)  # expires the authorization and delivers the events
    assert world.sdk.v1.payment_intents.retrieve(start.intent_id).cancellation_reason == \
        "expired"
    worker.tick()
    alert, = _mails("admin-alert")
    assert alert.to_addr == "root@example.com" and start.intent_id in alert.body


def test_a_stripe_outage_during_a_webhook_asks_for_a_retry(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"id": "evt_outage", "type": "payment_intent.payment_failed",
                       "data": {"object": {"id": "pi_missing", "object": "payment_intent"}}}
                      ).encode()
    world.sandbox.stop()
    time.sleep(0.2)
    status, _text = asyncio.run(webhooks.receive(body, _sign(body)))
    assert status == 500
    with db.reading() as s:
        assert s.get(WebhookEventSeen, "evt_outage") is None  # not remembered: it will retry
        assert s.exec(select(OutboxJob)).first() is None
    assert outbox.run_due(registry.HANDLERS) == 0


def test_card_testing_is_stopped_after_five_declines(world) -> None:  # type: ignore[no-untyped-def]
    hold = _hold(world)
    start = _start(world, hold.booking_id)
    payment.accept_policy(hold.booking_id, world.client_id)
    for attempt in range(1, payment.MAX_DECLINES):
        _browser_confirms(world, start.intent_id, "pm_card_visa_chargeDeclined")
        b = _verify(world, hold.booking_id, start.intent_id)
        assert b.status == bk.Status.AWAITING_PAYMENT and b.failed_attempts == attempt
        assert _verify(world, hold.booking_id, start.intent_id).failed_attempts == attempt
    _browser_confirms(world, start.intent_id, "pm_card_visa_chargeDeclined")
    with pytest.raises(payment.PaymentRefused, match="several declined cards"):
        _verify(world, hold.booking_id, start.intent_id)
    b = payment.load(hold.booking_id)
    assert b is not None and b.status == bk.Status.CANCELLED and b.cancelled_by == "system"
    assert _reservation(hold.booking_id) is None  # the slot is free again
    worker.tick()
    assert world.sdk.v1.payment_intents.retrieve(start.intent_id).status == "canceled"


def test_a_session_beyond_the_authorization_window_is_authorized_again_later(world) -> None:  # type: ignore[no-untyped-def]
    partner = directory.get_partner("ines-duarte")
    now = clock.now()
    start = next(s for s in holds.available_slots(partner) if s - now > timedelta(days=10))  # type: ignore[arg-type]
    hold = holds.place_hold(client_id=world.client_id, partner_id="ines-duarte", start=start,
                            problem=PROBLEM, client_timezone="UTC",
                            client_address="198.51.100.4")
    first = _start(world, hold.booking_id)
    payment.accept_policy(hold.booking_id, world.client_id)
    _browser_confirms(world, first.intent_id)
    b = _verify(world, hold.booking_id, first.intent_id)
    assert b.customer_id.startswith("cus_") and b.payment_method_id
    assert b.capture_before is not None and b.capture_before < start  # would lapse first
    with db.reading() as s:
        job = s.exec(select(OutboxJob).where(OutboxJob.kind == jobs.REAUTHORIZE)).one()
    lead = timedelta(days=config.get().offsession_auth_lead_days)
    assert abs(job.next_attempt_at - (start - lead)) < timedelta(seconds=5)

    worker.tick()  # schedules the meeting; the re-authorization is not due yet
    assert payment.load(hold.booking_id).intent_id == first.intent_id  # type: ignore[union-attr]
    clock.freeze(start - lead + timedelta(minutes=1))
    worker.tick()
    b = payment.load(hold.booking_id)
    assert b is not None and b.intent_id != first.intent_id and b.status == bk.Status.CONFIRMED
    assert b.capture_before is not None and b.capture_before > start  # covers the session now
    fresh = world.sdk.v1.payment_intents.retrieve(b.intent_id)
    assert fresh.status == "requires_capture" and fresh.amount == 80000
    worker.tick()  # releases the old hold on the card
    assert world.sdk.v1.payment_intents.retrieve(first.intent_id).status == "canceled"
    deliver_due(world.sandbox.app)  # its "canceled" webhook must not alarm anyone
    worker.tick()
    assert _mails("admin-alert") == []
    assert payment.load(hold.booking_id).intent_id == b.intent_id  # type: ignore[union-attr]
