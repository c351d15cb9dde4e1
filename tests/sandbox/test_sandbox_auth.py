"""API keys: test keys only, Stripe's 401s, what a publishable key may do, live-key refusal."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
import stripe

from fxorleans import config
from fxorleans.sandbox.runtime import LiveKeyRefused
from fxorleans.sandbox.server import create_app

from .helpers import PUBLISHABLE_KEY, SECRET_KEY, new_intent


@pytest.mark.parametrize("key", ["sk_live_abcdefghijkl", "nonsense", "pk_live_abcdefgh"])
def test_bad_keys_get_401(sandbox, key) -> None:
    with pytest.raises(stripe.AuthenticationError) as caught:
        sandbox.client(key).v1.payment_intents.list()
    assert caught.value.http_status == 401
    assert caught.value.json_body["error"]["type"] == "invalid_request_error"
    assert key not in caught.value.user_message  # the key is masked


def test_missing_key_and_basic_auth(sandbox) -> None:
    none = httpx.get(f"{sandbox.url}/v1/payment_intents")
    assert none.status_code == 401 and "API key" in none.json()["error"]["message"]
    basic = httpx.get(f"{sandbox.url}/v1/payment_intents", auth=(SECRET_KEY, ""))
    assert basic.status_code == 200 and basic.json()["object"] == "list"


def test_publishable_key_only_does_what_stripe_js_does(sandbox, client) -> None:
    pk = sandbox.client(PUBLISHABLE_KEY)
    with pytest.raises(stripe.AuthenticationError):
        pk.v1.payment_intents.create(params={"amount": 5000, "currency": "usd"})
    pi = new_intent(client)
    with pytest.raises(stripe.AuthenticationError):
        pk.v1.payment_intents.capture(pi.id)
    with pytest.raises(stripe.InvalidRequestError) as no_secret:
        pk.v1.payment_intents.retrieve(pi.id)
    assert no_secret.value.param == "client_secret"
    with pytest.raises(stripe.InvalidRequestError) as wrong:
        pk.v1.payment_intents.retrieve(pi.id, params={"client_secret": pi.id + "_secret_no"})
    assert wrong.value.param == "client_secret"
    seen = pk.v1.payment_intents.retrieve(pi.id, params={"client_secret": pi.client_secret})
    assert seen.status == "requires_payment_method" and "metadata" not in seen


def test_secret_key_cannot_send_raw_card_numbers(sandbox, client) -> None:
    pi = new_intent(client)
    resp = httpx.post(f"{sandbox.url}/v1/payment_intents/{pi.id}/confirm",
                      headers={"Authorization": f"Bearer {SECRET_KEY}"},
                      data={"payment_method_data[type]": "card",
                            "payment_method_data[card][number]": "4242424242424242",
                            "payment_method_data[card][exp_month]": "12",
                            "payment_method_data[card][exp_year]": "34",
                            "payment_method_data[card][cvc]": "123"})
    assert resp.status_code == 400
    assert client.v1.payment_intents.retrieve(pi.id).status == "requires_payment_method"


def test_unrecognized_url(sandbox) -> None:
    resp = httpx.get(f"{sandbox.url}/v1/nothing_here", auth=(SECRET_KEY, ""))
    assert resp.status_code == 404 and "Unrecognized request URL" in resp.text


@pytest.mark.parametrize("live", ["sk_live_123456789", "rk_live_123456789"])
def test_create_app_refuses_a_live_key(monkeypatch, live) -> None:
    monkeypatch.setenv("STRIPE_SECRET_KEY", live)
    config.reload()
    with pytest.raises(LiveKeyRefused, match="live key"):
        create_app()
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_123456789")
    config.reload()
    assert create_app() is not None


@pytest.mark.parametrize("live", ["sk_live_123", "rk_live_123"])
def test_cli_refuses_a_live_key(tmp_path, live) -> None:
    env = {"STRIPE_SECRET_KEY": live, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "fxorleans.sandbox.cli", "sandbox", "stripe", "--port", "1",
         "--database", f"sqlite:///{tmp_path / 'x.db'}"],
        env=env, capture_output=True, text=True, timeout=30, cwd=str(tmp_path.parent))
    assert done.returncode == 2
    assert "live key" in done.stderr
