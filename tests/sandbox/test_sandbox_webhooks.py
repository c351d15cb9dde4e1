"""Webhooks: signed like Stripe, verified by the SDK, retried with backoff from a durable queue."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import stripe
from sqlalchemy import select

from fxorleans import clock
from fxorleans.sandbox import db, deliver_due
from tests.servers import free_port

from .helpers import WEBHOOK_SECRET, authorize


def _verified(received):
    return [stripe.Webhook.construct_event(body, sig, WEBHOOK_SECRET) for body, sig in received]


def test_events_are_delivered_signed(start_sandbox, receiver) -> None:
    box = start_sandbox(webhook_url=receiver.url, webhook_secret=WEBHOOK_SECRET,
                        deliver_in_background=False)
    client = box.client()
    pi = authorize(client, metadata={"booking_id": "bk_7"})
    client.v1.payment_intents.capture(pi.id)
    assert deliver_due(box.app) == 5
    events = _verified(receiver.received)
    assert [e.type for e in events] == [
        "payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated",
        "charge.captured", "payment_intent.succeeded"]
    authorized = events[2]
    assert authorized.data.object.id == pi.id
    assert authorized.data.object.metadata["booking_id"] == "bk_7"
    assert client.v1.events.retrieve(authorized.id).type == authorized.type
    body, sig = receiver.received[0]
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(body.replace(b"payment_intent", b"payment_intenT"), sig,
                                       WEBHOOK_SECRET)
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(body, sig, "whsec_wrong")
    assert deliver_due(box.app) == 0  # nothing is delivered twice


def test_failed_delivery_is_retried_after_backoff(start_sandbox, receiver) -> None:
    clock.freeze(datetime.now(UTC).replace(microsecond=0))
    box = start_sandbox(webhook_url=receiver.url, webhook_secret=WEBHOOK_SECRET,
                        deliver_in_background=False)
    box.client().v1.customers.create(params={"email": "a@example.test"})
    receiver.statuses = [500]
    assert deliver_due(box.app) == 0
    assert deliver_due(box.app) == 0  # not due yet
    assert len(receiver.received) == 1
    clock.advance(timedelta(seconds=31))
    assert deliver_due(box.app) == 1
    first, second = _verified(receiver.received)
    assert first.id == second.id and second.type == "customer.created"


def test_connection_errors_are_recorded_and_retried(start_sandbox) -> None:
    clock.freeze(datetime.now(UTC).replace(microsecond=0))
    url = f"http://127.0.0.1:{free_port()}/nobody-listens"
    box = start_sandbox(webhook_url=url, webhook_secret=WEBHOOK_SECRET,
                        deliver_in_background=False)
    box.client().v1.customers.create()
    assert deliver_due(box.app) == 0
    engine = box.app.state.sandbox.engine
    with engine.connect() as conn:
        row = conn.execute(select(db.deliveries)).one()
    assert row.status == "pending" and row.attempts == 1
    assert "Connect" in row.last_response
    assert row.next_attempt_at == pytest.approx(clock.now().timestamp() + 30)


def test_background_loop_delivers_and_expires(start_sandbox, receiver) -> None:
    box = start_sandbox(webhook_url=receiver.url, webhook_secret=WEBHOOK_SECRET)
    pi = authorize(box.client())
    clock.advance(timedelta(days=8))
    received = receiver.wait_for(5)
    types = [json.loads(body)["type"] for body, _ in received]
    assert "charge.expired" in types and "payment_intent.canceled" in types
    canceled = next(json.loads(b) for b, _ in received
                    if json.loads(b)["type"] == "payment_intent.canceled")
    assert canceled["data"]["object"]["id"] == pi.id
    assert canceled["data"]["object"]["cancellation_reason"] == "expired"
