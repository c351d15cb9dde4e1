"""Real declines from the sandbox's test cards, mapped to what the client reads."""

from __future__ import annotations

import time

import httpx
import pytest
import stripe

from fxorleans.services.payments import MESSAGES, PaymentError, StripeGateway
from fxorleans.services.payments import failure_from_stripe_error as from_code
from fxorleans.services.payments.errors import failure_from_exception
from tests.servers import free_port

from .helpers import authorize, confirm

DECLINED = MESSAGES["card_declined"]


@pytest.mark.parametrize(("pm", "outcome", "message"), [
    ("pm_card_visa_chargeDeclined", "card_declined", DECLINED),
    ("pm_card_visa_chargeDeclinedInsufficientFunds", "insufficient_funds",
     "Insufficient funds. Please check your account balance."),
    ("pm_card_visa_chargeDeclinedLostCard", "card_declined", DECLINED),
    ("pm_card_visa_chargeDeclinedStolenCard", "card_declined", DECLINED),
    ("pm_card_chargeDeclinedExpiredCard", "expired_card",
     "Your card has expired. Please use a different card."),
    ("pm_card_chargeDeclinedIncorrectCvc", "incorrect_cvc", MESSAGES["incorrect_cvc"]),
    ("pm_card_chargeDeclinedProcessingError", "processing_error",
     "We could not process your card just now. Please try again in a moment."),
])
async def test_test_card_declines_map_to_outcomes(gateway, client, booking_id, pm, outcome,
                                                  message) -> None:
    auth = await authorize(gateway, booking_id)
    with pytest.raises(stripe.CardError) as caught:
        confirm(client, auth.intent_id, pm)
    failure = failure_from_exception(caught.value)
    assert (failure.outcome, failure.message) == (outcome, message)
    # The intent remembers the decline; the gateway reports it the same way.
    again = await gateway.retrieve(auth.intent_id)
    assert again.status == "requires_payment_method"
    assert again.last_error == failure


async def test_lost_and_stolen_cards_do_not_say_so(gateway, client, booking_id) -> None:
    auth = await authorize(gateway, booking_id)
    with pytest.raises(stripe.CardError) as caught:
        confirm(client, auth.intent_id, "pm_card_visa_chargeDeclinedStolenCard")
    failure = failure_from_exception(caught.value)
    assert failure.decline_code == "stolen_card"  # for our logs and admins only
    assert "stolen" not in failure.message.lower() and "lost" not in failure.message.lower()


async def test_failed_3ds_is_authentication_failed(sandbox, gateway, client,
                                                   booking_id) -> None:
    auth = await authorize(gateway, booking_id)
    pending = confirm(client, auth.intent_id, "pm_card_authenticationRequired")
    assert pending.status == "requires_action"
    httpx.post(f"{sandbox.url}/v3/authenticate", data={
        "intent": auth.intent_id, "client_secret": auth.client_secret, "outcome": "fail"})
    failed = await gateway.retrieve(auth.intent_id)
    assert failed.status == "requires_payment_method"
    assert failed.last_error is not None
    assert failed.last_error.outcome == "authentication_failed"
    assert failed.last_error.message == MESSAGES["authentication_failed"]


@pytest.mark.parametrize(("code", "decline_code", "outcome"), [
    ("card_declined", "generic_decline", "card_declined"),
    ("card_declined", "do_not_honor", "card_declined"),
    ("card_declined", "lost_card", "card_declined"),
    ("card_declined", "stolen_card", "card_declined"),
    ("card_declined", "fraudulent", "card_declined"),
    ("card_declined", "pickup_card", "card_declined"),
    ("card_declined", "insufficient_funds", "insufficient_funds"),
    ("card_declined", "", "card_declined"),
    ("expired_card", "", "expired_card"),
    ("incorrect_cvc", "", "incorrect_cvc"),
    ("card_declined", "incorrect_cvc", "incorrect_cvc"),
    ("processing_error", "", "processing_error"),
    ("payment_intent_authentication_failure", "", "authentication_failed"),
    ("authentication_required", "authentication_required", "authentication_required"),
    ("card_declined", "authentication_required", "authentication_required"),
    ("incomplete_number", "", "failed"),
    ("", "", "failed"),
    (None, None, "failed"),
])
def test_failure_from_stripe_error_table(code, decline_code, outcome) -> None:
    failure = from_code(code, decline_code)
    assert failure.outcome == outcome
    assert failure.message == MESSAGES[outcome]
    assert (failure.code, failure.decline_code) == (code or "", decline_code or "")


def test_server_errors_and_rate_limits_read_as_network() -> None:
    assert failure_from_exception(stripe.APIError("boom", http_status=502)).outcome == "network"
    assert failure_from_exception(stripe.RateLimitError("slow down",
                                                        http_status=429)).outcome == "network"
    assert failure_from_exception(stripe.AuthenticationError(
        "Invalid API Key provided: sk_test_****1234", http_status=401)).outcome == "failed"


async def test_unreachable_service_is_a_network_failure(booking_id) -> None:
    base = f"http://127.0.0.1:{free_port()}"
    gateway = StripeGateway("sk_test_x", "pk_test_x", "whsec_x", base, f"{base}/v3/")
    started = time.monotonic()
    with pytest.raises(PaymentError) as caught:
        await authorize(gateway, booking_id)
    failure = caught.value.failure
    assert failure.outcome == "network"
    assert failure.message == ("We could not reach the payment service. Your booking is kept; "
                               "please try again in a moment.")
    assert time.monotonic() - started > 0.5  # the SDK retried (backoff) before giving up
