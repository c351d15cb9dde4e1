"""Every row of the test-card table, by `pm_card_*` id (server) and by number (browser path)."""

from __future__ import annotations

import pytest
import stripe

from .helpers import PUBLISHABLE_KEY, authenticate, authorize, browser_confirm, new_intent

SUCCESS = [
    ("pm_card_visa", "4242424242424242", "visa", "4242"),
    ("pm_card_mastercard", "5555555555554444", "mastercard", "4444"),
    ("pm_card_amex", "378282246310005", "amex", "0005"),
    ("pm_card_visa_debit", "4000056655665556", "visa", "5556"),
]
DECLINES = [
    ("pm_card_visa_chargeDeclined", "4000000000000002", "card_declined", "generic_decline"),
    ("pm_card_chargeDeclined", "4000000000000002", "card_declined", "generic_decline"),
    ("pm_card_visa_chargeDeclinedInsufficientFunds", "4000000000009995", "card_declined",
     "insufficient_funds"),
    ("pm_card_visa_chargeDeclinedLostCard", "4000000000009987", "card_declined", "lost_card"),
    ("pm_card_visa_chargeDeclinedStolenCard", "4000000000009979", "card_declined",
     "stolen_card"),
    ("pm_card_chargeDeclinedExpiredCard", "4000000000000069", "expired_card", "expired_card"),
    ("pm_card_chargeDeclinedIncorrectCvc", "4000000000000127", "incorrect_cvc",
     "incorrect_cvc"),
    ("pm_card_chargeDeclinedProcessingError", "4000000000000119", "processing_error",
     "processing_error"),
    ("pm_card_chargeCustomerFail", "4000000000000341", "card_declined", "generic_decline"),
]


@pytest.mark.parametrize(("pm", "number", "brand", "last4"), SUCCESS)
def test_success_cards_authorize(client, pm, number, brand, last4) -> None:
    pi = authorize(client, pm)
    assert pi.status == "requires_capture"
    assert pi.amount_capturable == 80000
    assert pi.payment_method.startswith("pm_") and pi.payment_method != pm
    charge = client.v1.charges.retrieve(pi.latest_charge)
    assert charge.status == "succeeded" and charge.captured is False
    assert charge.payment_method_details.card.brand == brand
    assert charge.payment_method_details.card.last4 == last4
    assert charge.outcome.type == "authorized"


@pytest.mark.parametrize(("pm", "number", "code", "decline_code"), DECLINES)
def test_declining_cards(client, pm, number, code, decline_code) -> None:
    with pytest.raises(stripe.CardError) as caught:
        authorize(client, pm)
    err = caught.value
    assert err.http_status == 402
    assert err.code == code
    assert err.error.decline_code == decline_code
    assert err.error.type == "card_error"
    pi = err.error.payment_intent
    assert pi.status == "requires_payment_method"
    assert pi.last_payment_error.code == code
    assert pi.last_payment_error.decline_code == decline_code
    stored = client.v1.payment_intents.retrieve(pi.id)
    assert stored.status == "requires_payment_method"
    charge = client.v1.charges.retrieve(stored.latest_charge)
    assert charge.status == "failed" and charge.outcome.reason == decline_code
    events = client.v1.events.list(params={"type": "payment_intent.payment_failed"})
    assert any(e.data.object.id == pi.id for e in events.data)


@pytest.mark.parametrize(("number", "ok"), [(n, True) for _, n, _, _ in SUCCESS]
                         + [(n, False) for _, n, _, _ in DECLINES[1:]])
def test_card_numbers_through_the_browser_path(sandbox, client, number, ok) -> None:
    pi = new_intent(client)
    resp = browser_confirm(sandbox.url, PUBLISHABLE_KEY, pi.id, pi.client_secret, number)
    row = next(r for r in SUCCESS + DECLINES if r[1] == number)
    if ok:
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"] == "requires_capture"
        assert "metadata" not in resp.json()  # a publishable key sees the public half only
    else:
        assert resp.status_code == 402
        err = resp.json()["error"]
        assert (err["code"], err["decline_code"]) == (row[2], row[3])
        assert err["payment_intent"]["status"] == "requires_payment_method"
    assert client.v1.payment_intents.retrieve(pi.id).status == (
        "requires_capture" if ok else "requires_payment_method")


def test_3ds_card_on_session_needs_authentication(sandbox, client) -> None:
    pi = new_intent(client)
    resp = browser_confirm(sandbox.url, PUBLISHABLE_KEY, pi.id, pi.client_secret,
                           "4000002500003155")
    body = resp.json()
    assert body["status"] == "requires_action"
    assert body["next_action"]["type"] == "use_stripe_sdk"
    done = authenticate(sandbox.url, pi.id, pi.client_secret, "complete")
    assert done.json()["status"] == "requires_capture"
    charge = client.v1.charges.retrieve(client.v1.payment_intents.retrieve(pi.id).latest_charge)
    assert charge.payment_method_details.card.three_d_secure.result == "authenticated"


def test_3ds_failed_authentication(sandbox, client) -> None:
    pi = new_intent(client)
    browser_confirm(sandbox.url, PUBLISHABLE_KEY, pi.id, pi.client_secret, "4000002500003155")
    failed = authenticate(sandbox.url, pi.id, pi.client_secret, "fail")
    assert failed.status_code == 400
    assert failed.json()["error"]["code"] == "payment_intent_authentication_failure"
    stored = client.v1.payment_intents.retrieve(pi.id)
    assert stored.status == "requires_payment_method"
    assert stored.last_payment_error.code == "payment_intent_authentication_failure"


def test_3ds_card_server_side_gives_redirect_next_action(client) -> None:
    pi = authorize(client, "pm_card_authenticationRequiredOnSetup")
    assert pi.status == "requires_action"
    assert pi.next_action.type == "redirect_to_url"
    assert "/v3/authenticate?" in pi.next_action.redirect_to_url.url


def test_invalid_number_and_live_card(sandbox, client) -> None:
    pi = new_intent(client)
    bad = browser_confirm(sandbox.url, PUBLISHABLE_KEY, pi.id, pi.client_secret,
                          "4242424242424241")
    assert bad.status_code == 402 and bad.json()["error"]["code"] == "incorrect_number"
    live = browser_confirm(sandbox.url, PUBLISHABLE_KEY, pi.id, pi.client_secret,
                           "4111111111111111")
    assert live.json()["error"]["decline_code"] == "test_mode_live_card"
    past = browser_confirm(sandbox.url, PUBLISHABLE_KEY, pi.id, pi.client_secret,
                           "4242424242424242", exp=("01", "20"))
    assert past.json()["error"]["code"] == "invalid_expiry_year"


def test_automatic_capture_succeeds_at_once(client) -> None:
    pi = authorize(client, capture_method="automatic")
    assert pi.status == "succeeded" and pi.amount_received == 80000
    assert client.v1.charges.retrieve(pi.latest_charge).captured is True


def test_3ds_redirect_page_returns_to_the_merchant(client) -> None:
    import httpx

    pi = client.v1.payment_intents.create(params={
        "amount": 80000, "currency": "usd", "capture_method": "manual",
        "payment_method": "pm_card_authenticationRequiredOnSetup", "confirm": True,
        "return_url": "https://shop.test/back?x=1"})
    url = pi.next_action.redirect_to_url.url
    page = httpx.get(url)
    assert page.status_code == 200 and "SANDBOX" in page.text
    assert "Complete authentication" in page.text and "Fail authentication" in page.text
    query = dict(httpx.URL(url).params)
    back = httpx.post(url.split("?")[0], data={**query, "outcome": "complete", "redirect": "1"})
    assert back.status_code == 303
    target = httpx.URL(back.headers["location"])
    assert target.host == "shop.test" and target.params["x"] == "1"
    assert target.params["payment_intent"] == pi.id
    assert target.params["redirect_status"] == "succeeded"
    assert client.v1.payment_intents.retrieve(pi.id).status == "requires_capture"
