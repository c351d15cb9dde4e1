"""Which gateway the configuration gives: the in-app sandbox by default, Stripe with keys."""

from __future__ import annotations

import pytest

from fxorleans import bootstrap, config

from .helpers import authorize


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch) -> None:
    for name in ("FXO_SECRET_KEY", "FXO_SANDBOX_API_BASE", "STRIPE_API_BASE", "STRIPE_JS_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PUBLIC_URL", "https://fx.example.test/")
    config.reload()


def test_no_keys_means_the_in_app_sandbox() -> None:
    gateway = bootstrap.payments()
    keys = bootstrap.sandbox_keys()
    assert gateway.is_sandbox
    assert gateway.publishable_key == keys.publishable and keys.publishable != "pk_test_sandbox"
    assert gateway.js_url == "https://fx.example.test/sandbox/stripe/v3/"
    assert bootstrap.sandbox_api_base(config.get()) == "https://fx.example.test/sandbox/stripe"
    assert bootstrap.payments() is gateway


def test_sandbox_webhook_secret_follows_the_app_secret(monkeypatch) -> None:
    monkeypatch.setenv("FXO_SECRET_KEY", "one")
    config.reload()
    secret = bootstrap.sandbox_keys().webhook_secret
    assert secret.startswith("whsec_") and len(secret) == len("whsec_") + 32
    assert "one" not in secret.removeprefix("whsec_")
    monkeypatch.setenv("FXO_SECRET_KEY", "two")
    config.reload()
    assert bootstrap.sandbox_keys().webhook_secret != secret
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_chosen")
    config.reload()
    assert bootstrap.sandbox_keys().webhook_secret == "whsec_chosen"


async def test_sandbox_base_override_reaches_a_running_sandbox(monkeypatch, sandbox, client,
                                                               booking_id) -> None:
    monkeypatch.setenv("FXO_SANDBOX_API_BASE", sandbox.url)
    config.reload()
    gateway = bootstrap.payments()
    assert gateway.js_url == f"{sandbox.url}/v3/"
    auth = await authorize(gateway, booking_id)
    assert client.v1.payment_intents.retrieve(auth.intent_id).metadata["booking_id"] == \
        booking_id


def test_keys_mean_real_stripe(monkeypatch) -> None:
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_realkey123")
    monkeypatch.setenv("STRIPE_PUBLISHABLE_KEY", "pk_test_realkey123")
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_real")
    config.reload()
    gateway = bootstrap.payments()
    assert not gateway.is_sandbox
    assert gateway.publishable_key == "pk_test_realkey123"
    assert gateway.js_url == "https://js.stripe.com/v3/"
    assert "sk_test_realkey123" not in repr(gateway) and "api.stripe.com" in repr(gateway)
    monkeypatch.setenv("STRIPE_API_BASE", "http://127.0.0.1:12111")
    monkeypatch.setenv("STRIPE_JS_URL", "http://127.0.0.1:12111/v3/")
    config.reload()
    gateway = bootstrap.payments()
    assert gateway.js_url == "http://127.0.0.1:12111/v3/" and not gateway.is_sandbox
    assert "127.0.0.1:12111" in repr(gateway)


def test_a_secret_key_without_a_publishable_key_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_realkey123")
    config.reload()
    with pytest.raises(RuntimeError, match="STRIPE_PUBLISHABLE_KEY"):
        bootstrap.payments()
