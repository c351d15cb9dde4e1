"""Authorize, retrieve, capture, cancel and refund against the sandbox with the real SDK."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from fxorleans import clock
from fxorleans.domain.money import Money
from fxorleans.services.payments import MESSAGES, PaymentError

from .helpers import PRICE, authorize, authorized


async def test_authorize_creates_manual_capture_intent(gateway, client, booking_id) -> None:
    auth = await authorize(gateway, booking_id)
    assert auth.status == "requires_payment_method"
    assert (auth.amount, auth.currency) == (80000, "USD") and auth.money == PRICE
    assert auth.metadata == {"booking_id": booking_id, "client_id": "cl_1", "partner_id": "pa_1"}
    assert auth.booking_id == booking_id
    assert auth.client_secret.startswith(auth.intent_id) and auth.client_secret not in repr(auth)
    assert auth.amount_capturable == auth.amount_received == 0
    assert auth.capture_before is None and auth.last_error is None
    raw = client.v1.payment_intents.retrieve(auth.intent_id)
    assert raw.capture_method == "manual" and raw.currency == "usd"
    assert raw.description == "FX-Orleans session"
    assert raw.receipt_email == "client@example.test"
    assert raw.automatic_payment_methods.allow_redirects == "never"


async def test_same_booking_twice_is_the_same_intent(gateway, booking_id) -> None:
    first = await authorize(gateway, booking_id)
    again = await authorize(gateway, booking_id)
    assert again.intent_id == first.intent_id
    other = await authorize(gateway, booking_id + "x")
    assert other.intent_id != first.intent_id


async def test_zero_decimal_currency_is_sent_as_is(gateway, client, booking_id) -> None:
    auth = await authorize(gateway, booking_id, amount=Money(120000, "JPY"))
    assert (auth.amount, auth.currency) == (120000, "JPY")
    assert client.v1.payment_intents.retrieve(auth.intent_id).currency == "jpy"


async def test_confirmed_intent_requires_capture_with_deadline(gateway, client,
                                                               booking_id) -> None:
    start = datetime.now(UTC).replace(microsecond=0)
    clock.freeze(start)
    auth = await authorized(gateway, client, booking_id)
    assert auth.status == "requires_capture"
    assert auth.amount_capturable == 80000 and auth.amount_received == 0
    assert auth.capture_before == start + timedelta(days=7)
    assert auth.capture_before.tzinfo is not None
    assert auth.payment_method_id and auth.payment_method_id.startswith("pm_")


async def test_capture_full_and_a_retry_replays(gateway, client, booking_id) -> None:
    auth = await authorized(gateway, client, booking_id)
    captured = await gateway.capture(auth.intent_id, booking_id=booking_id)
    assert captured.status == "succeeded"
    assert captured.amount_received == 80000 and captured.amount_capturable == 0
    # The outbox worker retrying the same capture gets the same answer, not a second charge.
    again = await gateway.capture(auth.intent_id, booking_id=booking_id)
    assert again == captured


async def test_capture_partial_releases_the_rest(gateway, client, booking_id) -> None:
    auth = await authorized(gateway, client, booking_id)
    captured = await gateway.capture(auth.intent_id, booking_id=booking_id, amount=60000)
    assert captured.status == "succeeded"
    assert captured.amount_received == 60000 and captured.amount_capturable == 0


async def test_capturing_a_captured_intent_again_fails_clearly(gateway, client,
                                                               booking_id) -> None:
    auth = await authorized(gateway, client, booking_id)
    client.v1.payment_intents.capture(auth.intent_id)  # someone else captured it already
    with pytest.raises(PaymentError) as caught:
        await gateway.capture(auth.intent_id, booking_id=booking_id)
    failure = caught.value.failure
    assert failure.outcome == "failed" and failure.code == "payment_intent_unexpected_state"
    assert failure.message == MESSAGES["failed"]


async def test_cancel_releases_the_hold(gateway, client, booking_id) -> None:
    auth = await authorized(gateway, client, booking_id)
    canceled = await gateway.cancel(auth.intent_id, booking_id=booking_id)
    assert canceled.status == "canceled"
    assert canceled.cancellation_reason == "requested_by_customer"
    assert canceled.amount_capturable == 0
    assert await gateway.cancel(auth.intent_id, booking_id=booking_id) == canceled  # replay
    with pytest.raises(PaymentError) as caught:
        await gateway.capture(auth.intent_id, booking_id=booking_id)
    assert caught.value.failure.code == "payment_intent_unexpected_state"


async def test_cancel_an_unconfirmed_intent_with_a_reason(gateway, booking_id) -> None:
    auth = await authorize(gateway, booking_id)
    canceled = await gateway.cancel(auth.intent_id, booking_id=booking_id, reason="abandoned")
    assert (canceled.status, canceled.cancellation_reason) == ("canceled", "abandoned")


async def test_refunds_partial_then_more_than_left_fails(gateway, client, booking_id) -> None:
    auth = await authorized(gateway, client, booking_id)
    await gateway.capture(auth.intent_id, booking_id=booking_id)
    first = await gateway.refund(auth.intent_id, booking_id=booking_id, amount=20000)
    assert first.refund_id.startswith("re_")
    assert (first.amount, first.status) == (20000, "succeeded")
    assert await gateway.refund(auth.intent_id, booking_id=booking_id, amount=20000) == first
    second = await gateway.refund(auth.intent_id, booking_id=booking_id, amount=20000,
                                  key_suffix="-2")
    assert second.refund_id != first.refund_id
    with pytest.raises(PaymentError) as caught:  # 40000 left
        await gateway.refund(auth.intent_id, booking_id=booking_id, amount=40001)
    assert caught.value.failure.outcome == "failed"
    charge = client.v1.charges.retrieve(client.v1.payment_intents.retrieve(
        auth.intent_id).latest_charge)
    assert charge.amount_refunded == 40000


async def test_unknown_intent_is_a_payment_error(gateway) -> None:
    with pytest.raises(PaymentError) as caught:
        await gateway.retrieve("pi_doesnotexist")
    assert caught.value.failure.outcome == "failed"
    assert "sk_test" not in str(caught.value)



def test_one_gateway_serves_several_event_loops(gateway, booking_id) -> None:
    # The app, the outbox worker and each test run their own loop; the SDK's pooled async
    # connections belong to one loop, so the gateway keeps a client per loop.
    first = asyncio.run(authorize(gateway, booking_id))
    assert asyncio.run(gateway.retrieve(first.intent_id)).intent_id == first.intent_id
