"""Saving cards (SetupIntents, setup_future_usage) and off-session authorizations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import stripe

from fxorleans import clock

from .helpers import NO_REDIRECTS, PUBLISHABLE_KEY, authenticate, authorize, browser_confirm


def _save_card(client, customer: str, pm: str):
    return client.v1.setup_intents.create(params={
        "customer": customer, "payment_method": pm, "usage": "off_session", "confirm": True,
        "automatic_payment_methods": NO_REDIRECTS})


def _off_session(client, customer: str, pm: str):
    return authorize(client, pm, customer=customer, off_session=True)


def test_setup_intent_with_3ds_then_off_session_succeeds(sandbox, client) -> None:
    start = datetime.now(UTC).replace(microsecond=0)
    clock.freeze(start)
    customer = client.v1.customers.create(params={"email": "c@example.test"})
    si = _save_card(client, customer.id, "pm_card_authenticationRequiredOnSetup")
    assert si.status == "requires_action"
    done = authenticate(sandbox.url, si.id, si.client_secret, "complete")
    assert done.json()["status"] == "succeeded"
    si = client.v1.setup_intents.retrieve(si.id)
    assert si.status == "succeeded" and si.payment_method
    saved = client.v1.payment_methods.retrieve(si.payment_method)
    assert saved.customer == customer.id
    pi = _off_session(client, customer.id, si.payment_method)
    assert pi.status == "requires_capture"
    charge = client.v1.charges.retrieve(pi.latest_charge)
    assert charge.payment_method_details.card.capture_before == int(
        (start + timedelta(days=4, hours=18)).timestamp())
    events = client.v1.events.list(params={"type": "setup_intent.succeeded", "limit": 5})
    assert any(e.data.object.id == si.id for e in events.data)


def test_3ds_card_not_set_up_fails_off_session(client) -> None:
    customer = client.v1.customers.create()
    with pytest.raises(stripe.CardError) as caught:
        _off_session(client, customer.id, "pm_card_authenticationRequiredOnSetup")
    assert caught.value.code == "authentication_required"
    assert caught.value.error.decline_code == "authentication_required"
    assert caught.value.error.payment_intent.status == "requires_payment_method"


def test_always_authenticate_card_fails_off_session_even_when_saved(sandbox, client) -> None:
    customer = client.v1.customers.create()
    si = _save_card(client, customer.id, "pm_card_authenticationRequired")
    authenticate(sandbox.url, si.id, si.client_secret, "complete")
    pm = client.v1.setup_intents.retrieve(si.id).payment_method
    with pytest.raises(stripe.CardError) as caught:
        _off_session(client, customer.id, pm)
    assert caught.value.code == "authentication_required"


def test_charge_customer_fail_card_attaches_but_every_charge_fails(client) -> None:
    customer = client.v1.customers.create()
    si = _save_card(client, customer.id, "pm_card_chargeCustomerFail")
    assert si.status == "succeeded"
    with pytest.raises(stripe.CardError) as caught:
        _off_session(client, customer.id, si.payment_method)
    assert caught.value.code == "card_declined"


def test_declining_card_fails_setup(client) -> None:
    customer = client.v1.customers.create()
    with pytest.raises(stripe.CardError) as caught:
        _save_card(client, customer.id, "pm_card_visa_chargeDeclined")
    assert caught.value.error.setup_intent.status == "requires_payment_method"


def test_setup_future_usage_on_session_then_off_session(sandbox, client) -> None:
    customer = client.v1.customers.create()
    pi = client.v1.payment_intents.create(params={
        "amount": 80000, "currency": "usd", "capture_method": "manual",
        "customer": customer.id, "setup_future_usage": "off_session"})
    first = browser_confirm(sandbox.url, PUBLISHABLE_KEY, pi.id, pi.client_secret,
                            "4000002500003155")
    assert first.json()["status"] == "requires_action"
    assert authenticate(sandbox.url, pi.id, pi.client_secret,
                        "complete").json()["status"] == "requires_capture"
    pm = client.v1.payment_intents.retrieve(pi.id).payment_method
    listed = client.v1.customers.payment_methods.list(customer.id)
    assert [p.id for p in listed.data] == [pm]
    later = _off_session(client, customer.id, pm)
    assert later.status == "requires_capture"


def test_off_session_requires_confirm(client) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create(params={"amount": 5000, "currency": "usd",
                                                 "off_session": True})
    assert caught.value.param == "off_session"


def test_unknown_customer_is_404(client) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.create(params={"customer": "cus_missing"})
    assert caught.value.http_status == 404 and caught.value.param == "customer"
