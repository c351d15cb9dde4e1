"""Saving a card, then authorizing it off-session shortly before a far-away session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from fxorleans import clock
from fxorleans.services.payments import MESSAGES, PaymentError

from .helpers import PRICE, authorize, confirm

NO_REDIRECTS = {"enabled": True, "allow_redirects": "never"}


async def _off_session(gateway, booking_id: str, customer: str, pm: str):
    return await gateway.authorize_off_session(
        booking_id=booking_id, client_id="cl_1", partner_id="pa_1", amount=PRICE,
        customer_id=customer, payment_method_id=pm, description="FX-Orleans session")


def _set_up(sandbox, client, customer: str, pm: str) -> str:
    """Save a card with a SetupIntent (answering 3-D Secure when the card asks for it)."""
    si = client.v1.setup_intents.create(params={
        "customer": customer, "payment_method": pm, "usage": "off_session", "confirm": True,
        "automatic_payment_methods": NO_REDIRECTS})
    if si.status == "requires_action":
        httpx.post(f"{sandbox.url}/v3/authenticate", data={
            "intent": si.id, "client_secret": si.client_secret, "outcome": "complete"})
    si = client.v1.setup_intents.retrieve(si.id)
    assert si.status == "succeeded"
    return si.payment_method


async def test_create_customer_is_idempotent_per_client(gateway, client, booking_id) -> None:
    customer = await gateway.create_customer(client_id=booking_id, email="c@example.test",
                                             name="Client One")
    assert customer.startswith("cus_")
    assert await gateway.create_customer(client_id=booking_id, email="c@example.test",
                                         name="Client One") == customer
    raw = client.v1.customers.retrieve(customer)
    assert (raw.email, raw.name, raw.metadata["client_id"]) == ("c@example.test", "Client One",
                                                                booking_id)


async def test_saved_card_then_off_session_authorization(gateway, client, booking_id) -> None:
    start = datetime.now(UTC).replace(microsecond=0)
    clock.freeze(start)
    customer = await gateway.create_customer(client_id=booking_id, email="c@example.test",
                                             name="Client")
    first = await authorize(gateway, booking_id, customer_id=customer, save_card=True)
    assert client.v1.payment_intents.retrieve(first.intent_id).setup_future_usage == \
        "off_session"
    confirm(client, first.intent_id)
    first = await gateway.retrieve(first.intent_id)
    assert first.status == "requires_capture" and first.customer_id == customer
    assert client.v1.payment_methods.retrieve(first.payment_method_id).customer == customer

    later = await _off_session(gateway, booking_id + "-2", customer, first.payment_method_id)
    assert later.status == "requires_capture" and later.amount_capturable == 80000
    assert later.metadata["booking_id"] == booking_id + "-2"
    # Merchant-initiated Visa authorizations last 4 days 18 hours.
    assert later.capture_before == start + timedelta(days=4, hours=18)
    again = await _off_session(gateway, booking_id + "-2", customer, first.payment_method_id)
    assert again.intent_id == later.intent_id


async def test_setup_intent_card_authorizes_off_session(sandbox, gateway, client,
                                                        booking_id) -> None:
    customer = await gateway.create_customer(client_id=booking_id, email="c@example.test",
                                             name="Client")
    pm = _set_up(sandbox, client, customer, "pm_card_visa")
    auth = await _off_session(gateway, booking_id, customer, pm)
    assert auth.status == "requires_capture" and auth.payment_method_id == pm


async def test_card_that_always_authenticates_needs_the_client(sandbox, gateway, client,
                                                               booking_id) -> None:
    customer = await gateway.create_customer(client_id=booking_id, email="c@example.test",
                                             name="Client")
    pm = _set_up(sandbox, client, customer, "pm_card_authenticationRequired")
    with pytest.raises(PaymentError) as caught:
        await _off_session(gateway, booking_id, customer, pm)
    failure = caught.value.failure
    assert failure.outcome == "authentication_required"
    assert failure.message == MESSAGES["authentication_required"]
    # The intent is left for the client to confirm on session.
    assert caught.value.intent_id and caught.value.intent_id.startswith("pi_")
    left = await gateway.retrieve(caught.value.intent_id)
    assert left.status == "requires_payment_method"
    assert left.metadata["booking_id"] == booking_id


async def test_card_that_fails_every_charge_is_declined_off_session(sandbox, gateway, client,
                                                                    booking_id) -> None:
    customer = await gateway.create_customer(client_id=booking_id, email="c@example.test",
                                             name="Client")
    pm = _set_up(sandbox, client, customer, "pm_card_chargeCustomerFail")
    with pytest.raises(PaymentError) as caught:
        await _off_session(gateway, booking_id, customer, pm)
    assert caught.value.failure.outcome == "card_declined"
