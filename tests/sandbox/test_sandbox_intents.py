"""PaymentIntent life cycle: capture, cancel, refunds, wrong states, parameters, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import stripe

from fxorleans import clock

from .helpers import authorize, new_intent


def test_partial_capture_releases_the_rest(client) -> None:
    pi = authorize(client, metadata={"booking_id": "bk_9"})
    captured = client.v1.payment_intents.capture(pi.id, params={"amount_to_capture": 60000})
    assert captured.status == "succeeded"
    assert captured.amount_received == 60000 and captured.amount_capturable == 0
    charge = client.v1.charges.retrieve(captured.latest_charge)
    assert (charge.amount, charge.amount_captured, charge.amount_refunded) == (80000, 60000, 20000)
    assert charge.captured is True and charge.refunded is False
    assert charge.metadata["booking_id"] == "bk_9"
    with pytest.raises(stripe.InvalidRequestError) as again:
        client.v1.payment_intents.capture(pi.id)
    assert again.value.code == "payment_intent_unexpected_state"
    assert again.value.error.payment_intent.status == "succeeded"


def test_capture_more_than_authorized_is_refused(client) -> None:
    pi = authorize(client)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.capture(pi.id, params={"amount_to_capture": 80001})
    assert caught.value.param == "amount_to_capture"
    assert client.v1.payment_intents.retrieve(pi.id).status == "requires_capture"


def test_capture_in_wrong_state(client) -> None:
    pi = new_intent(client)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.capture(pi.id)
    assert caught.value.code == "payment_intent_unexpected_state"
    assert "requires_payment_method" in caught.value.user_message


def test_cancel_uncaptured_and_wrong_state_after(client) -> None:
    pi = authorize(client)
    canceled = client.v1.payment_intents.cancel(
        pi.id, params={"cancellation_reason": "requested_by_customer"})
    assert canceled.status == "canceled"
    assert canceled.cancellation_reason == "requested_by_customer"
    charge = client.v1.charges.retrieve(pi.latest_charge)
    assert charge.refunded is True and charge.amount_captured == 0
    for call in (lambda: client.v1.payment_intents.capture(pi.id),
                 lambda: client.v1.payment_intents.cancel(pi.id),
                 lambda: client.v1.payment_intents.confirm(
                     pi.id, params={"payment_method": "pm_card_visa"})):
        with pytest.raises(stripe.InvalidRequestError) as caught:
            call()
        assert caught.value.code == "payment_intent_unexpected_state"


def test_cancellation_reason_must_be_known(client) -> None:
    pi = authorize(client)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.cancel(pi.id, params={"cancellation_reason": "expired"})
    assert caught.value.param == "cancellation_reason"


def test_cannot_cancel_a_captured_intent(client) -> None:
    pi = authorize(client)
    client.v1.payment_intents.capture(pi.id)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.cancel(pi.id)
    assert caught.value.code == "payment_intent_unexpected_state"


def test_refunds_up_to_and_past_the_captured_amount(client) -> None:
    pi = authorize(client)
    client.v1.payment_intents.capture(pi.id, params={"amount_to_capture": 50000})
    first = client.v1.refunds.create(params={"payment_intent": pi.id, "amount": 30000,
                                             "reason": "requested_by_customer",
                                             "metadata": {"booking_id": "bk_1"}})
    assert first.status == "succeeded" and first.amount == 30000
    with pytest.raises(stripe.InvalidRequestError) as too_much:
        client.v1.refunds.create(params={"payment_intent": pi.id, "amount": 20001})
    assert too_much.value.code == "amount_too_large" and too_much.value.param == "amount"
    rest = client.v1.refunds.create(params={"charge": pi.latest_charge})
    assert rest.amount == 20000
    charge = client.v1.charges.retrieve(pi.latest_charge)
    assert charge.refunded is True and charge.amount_refunded == 80000
    with pytest.raises(stripe.InvalidRequestError) as nothing_left:
        client.v1.refunds.create(params={"payment_intent": pi.id, "amount": 1})
    assert nothing_left.value.code == "charge_already_refunded"
    listed = client.v1.refunds.list(params={"payment_intent": pi.id})
    assert sorted(r.amount for r in listed.data) == [20000, 30000]
    assert client.v1.refunds.retrieve(first.id).metadata["booking_id"] == "bk_1"
    types = [e.type for e in client.v1.events.list(params={"limit": 20}).data]
    assert "charge.refunded" in types and "refund.created" in types


def test_uncaptured_intent_cannot_be_refunded(client) -> None:
    pi = authorize(client)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.refunds.create(params={"payment_intent": pi.id})
    assert caught.value.code == "payment_intent_unexpected_state"
    assert client.v1.payment_intents.retrieve(pi.id).status == "requires_capture"


def test_refund_update_emits_refund_updated(client) -> None:
    pi = authorize(client, capture_method="automatic")
    refund = client.v1.refunds.create(params={"payment_intent": pi.id})
    client.v1.refunds.update(refund.id, params={"metadata": {"note": "ops"}})
    event = client.v1.events.list(params={"type": "refund.updated", "limit": 1}).data[0]
    assert event.data.object.id == refund.id
    assert event.data.previous_attributes.metadata.to_dict() == {}


def test_unknown_parameters_are_named(client) -> None:
    with pytest.raises(stripe.InvalidRequestError) as top:
        client.v1.payment_intents.create(params={"amount": 5123, "currency": "usd",
                                                 "amont": 1})
    assert top.value.code == "parameter_unknown" and top.value.param == "amont"
    assert "amont" in top.value.user_message
    with pytest.raises(stripe.InvalidRequestError) as nested:
        client.v1.payment_intents.create(params={
            "amount": 5123, "currency": "usd",
            "automatic_payment_methods": {"enabled": True, "redirects": "never"}})
    assert nested.value.param == "automatic_payment_methods[redirects]"
    assert all(p.amount != 5123 for p in client.v1.payment_intents.list(
        params={"limit": 100}).data)  # nothing was created


def test_amount_rules(client) -> None:
    with pytest.raises(stripe.InvalidRequestError) as small:
        new_intent(client, amount=49)
    assert small.value.code == "amount_too_small"
    with pytest.raises(stripe.InvalidRequestError) as missing:
        client.v1.payment_intents.create(params={"currency": "usd"})
    assert missing.value.code == "parameter_missing" and missing.value.param == "amount"
    assert new_intent(client, amount=50).amount == 50


def test_update_amount_only_before_confirmation(client) -> None:
    pi = new_intent(client)
    updated = client.v1.payment_intents.update(
        pi.id, params={"amount": 90000, "metadata": {"booking_id": "", "x": "1"}})
    assert updated.amount == 90000 and updated.metadata.to_dict() == {"x": "1"}
    confirmed = client.v1.payment_intents.confirm(pi.id, params={"payment_method": "pm_card_visa"})
    assert confirmed.status == "requires_capture" and confirmed.amount_capturable == 90000
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.update(pi.id, params={"amount": 1000})
    assert caught.value.code == "payment_intent_unexpected_state"
    assert client.v1.payment_intents.update(
        pi.id, params={"description": "later"}).description == "later"


def test_server_confirm_needs_return_url_when_redirects_allowed(client) -> None:
    pi = client.v1.payment_intents.create(params={"amount": 5000, "currency": "usd"})
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.confirm(pi.id, params={"payment_method": "pm_card_visa"})
    assert caught.value.param == "return_url"
    ok = client.v1.payment_intents.confirm(
        pi.id, params={"payment_method": "pm_card_visa", "return_url": "https://x.test/r"})
    assert ok.status == "succeeded"


def test_retrieve_with_expanded_charge_and_missing_ids(client) -> None:
    pi = authorize(client)
    full = client.v1.payment_intents.retrieve(pi.id, params={"expand": ["latest_charge"]})
    assert full.latest_charge.object == "charge"
    assert full.latest_charge.payment_intent == pi.id
    assert full.livemode is False and isinstance(full.created, int)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.retrieve("pi_doesnotexist")
    assert caught.value.http_status == 404 and caught.value.code == "resource_missing"


def test_capture_deadlines_and_expiry(client) -> None:
    start = datetime.now(UTC).replace(microsecond=0)
    clock.freeze(start)
    pi = authorize(client)
    charge = client.v1.charges.retrieve(pi.latest_charge)
    deadline = charge.payment_method_details.card.capture_before
    assert deadline == int((start + timedelta(days=7)).timestamp())
    clock.advance(timedelta(days=7) - timedelta(seconds=1))
    assert client.v1.payment_intents.retrieve(pi.id).status == "requires_capture"
    clock.advance(timedelta(seconds=2))
    expired = client.v1.payment_intents.retrieve(pi.id)
    assert expired.status == "canceled" and expired.cancellation_reason == "expired"
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.payment_intents.capture(pi.id)
    types = [e.type for e in client.v1.events.list(params={"limit": 5}).data]
    assert "charge.expired" in types and "payment_intent.canceled" in types


def test_list_pagination(client) -> None:
    ids = [new_intent(client, customer=None).id for _ in range(3)]
    page = client.v1.payment_intents.list(params={"limit": 2})
    assert [p.id for p in page.data] == ids[::-1][:2] and page.has_more
    rest = client.v1.payment_intents.list(params={"limit": 2, "starting_after": page.data[-1].id})
    assert rest.data[0].id == ids[0]
