"""Idempotency keys: exact replay, mismatch, per-key scope, and what is not remembered."""

from __future__ import annotations

import httpx
import pytest
import stripe

from .helpers import NO_REDIRECTS, SECRET_KEY

PARAMS = {"amount": 80000, "currency": "usd", "capture_method": "manual",
          "payment_method": "pm_card_visa", "confirm": "true",
          "automatic_payment_methods[enabled]": "true",
          "automatic_payment_methods[allow_redirects]": "never"}


def _post(base: str, key: str, data: dict, api_key: str = SECRET_KEY) -> httpx.Response:
    return httpx.post(f"{base}/v1/payment_intents", data=data,
                      headers={"Authorization": f"Bearer {api_key}", "Idempotency-Key": key})


def test_same_key_same_parameters_replays_exactly(sandbox, client) -> None:
    first = _post(sandbox.url, "idem-replay-1", PARAMS)
    again = _post(sandbox.url, "idem-replay-1", PARAMS)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    pi_id = first.json()["id"]
    created = client.v1.events.list(params={"type": "payment_intent.created", "limit": 100})
    assert sum(e.data.object.id == pi_id for e in created.data) == 1


def test_replay_through_the_sdk(client) -> None:
    opts = {"idempotency_key": "idem-sdk-1"}
    params = {"amount": 80000, "currency": "usd", "capture_method": "manual",
              "payment_method": "pm_card_visa", "confirm": True,
              "automatic_payment_methods": NO_REDIRECTS}
    a = client.v1.payment_intents.create(params=params, options=opts)
    b = client.v1.payment_intents.create(params=params, options=opts)
    assert a.id == b.id
    assert b.last_response.headers["Idempotent-Replayed"] == "true"


def test_declines_are_replayed_too(sandbox) -> None:
    data = {**PARAMS, "payment_method": "pm_card_visa_chargeDeclined"}
    first = _post(sandbox.url, "idem-decline", data)
    again = _post(sandbox.url, "idem-decline", data)
    assert first.status_code == again.status_code == 402
    assert again.content == first.content


def test_same_key_different_parameters_is_an_idempotency_error(client) -> None:
    opts = {"idempotency_key": "idem-mismatch"}
    client.v1.payment_intents.create(params={"amount": 5000, "currency": "usd"}, options=opts)
    with pytest.raises(stripe.IdempotencyError) as caught:
        client.v1.payment_intents.create(params={"amount": 6000, "currency": "usd"},
                                         options=opts)
    assert caught.value.http_status == 400
    assert "idem-mismatch" in caught.value.user_message
    with pytest.raises(stripe.IdempotencyError):
        client.v1.customers.create(options=opts)  # another endpoint, same key


def test_keys_are_scoped_per_api_key(sandbox) -> None:
    a = _post(sandbox.url, "idem-scope", PARAMS)
    b = _post(sandbox.url, "idem-scope", PARAMS, api_key="sk_test_someone_else")
    assert a.json()["id"] != b.json()["id"]


def test_validation_errors_are_not_remembered(sandbox) -> None:
    bad = _post(sandbox.url, "idem-invalid", {**PARAMS, "colour": "red"})
    assert bad.status_code == 400
    good = _post(sandbox.url, "idem-invalid", PARAMS)
    assert good.status_code == 200 and good.json()["status"] == "requires_capture"


def test_sdk_generates_keys_for_every_post(sandbox, client) -> None:
    pi = client.v1.payment_intents.create(params={"amount": 5000, "currency": "usd"})
    assert pi.last_response.headers.get("Idempotency-Key")
