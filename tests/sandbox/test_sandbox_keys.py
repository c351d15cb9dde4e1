"""The in-app sandbox's keys are no published constants: derived from FXO_SECRET_KEY or a
stored random root, printed by `fxorleans sandbox key`, and the only keys its API accepts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import stripe

from fxorleans import bootstrap, config, http
from fxorleans.sandbox import keys
from fxorleans.sandbox.server import create_app
from tests.servers import serve

ROOT = Path(__file__).resolve().parents[2]


def _key_cli(database_url: str, secret: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FXO_", "STRIPE_"))}
    env["DATABASE_URL"] = database_url
    if secret is not None:
        env["FXO_SECRET_KEY"] = secret
    return subprocess.run([sys.executable, "-m", "fxorleans.cli", "sandbox", "key"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)


def test_keys_follow_the_app_secret_and_publish_nothing() -> None:
    a = keys.for_database("sqlite://", "secret-one")
    b = keys.for_database("sqlite://", "secret-two")
    assert a.secret.startswith("sk_test_") and a.publishable.startswith("pk_test_")
    assert a.webhook_secret.startswith("whsec_")
    assert len({a.secret, b.secret, a.publishable, b.publishable}) == 4
    assert "secret-one" not in a.secret + a.publishable + a.webhook_secret
    assert a.secret not in repr(a) and a.webhook_secret not in repr(a)
    assert keys.for_database("sqlite://", "secret-one") == a
    assert keys.for_database("sqlite://", "secret-one", "whsec_chosen").webhook_secret == \
        "whsec_chosen"


def test_without_an_app_secret_a_random_root_is_stored_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    first = keys.for_database(url, "")
    assert keys.for_database(url, "") == first  # the same root, read back
    other = keys.for_database(f"sqlite:///{tmp_path / 'other.db'}", "")
    assert other.secret != first.secret  # random per database, not a constant
    printed = _key_cli(url, None)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == first.secret + "\n"  # alone on one line


def test_the_cli_prints_the_key_the_app_uses(tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("FXO_SECRET_KEY", "an app secret of some length 0123456789")
    config.reload()
    gateway_key = bootstrap.sandbox_keys().secret
    printed = _key_cli(url, "an app secret of some length 0123456789")
    assert printed.stdout.strip() == gateway_key
    refused = _key_cli(url, None)
    assert refused.stdout.strip() != gateway_key


def test_the_cli_has_no_sandbox_key_in_production(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FXO_", "STRIPE_"))}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}", "FXO_ENV": "production"})
    done = subprocess.run([sys.executable, "-m", "fxorleans.cli", "sandbox", "key"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "production" in done.stderr and not done.stdout


def _list(url: str, key: str) -> int:
    return httpx.get(f"{url}/v1/payment_intents", auth=(key, "")).status_code


def test_the_in_app_sandbox_accepts_only_its_own_key(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    config.reload()
    mounted = http.sandbox_app()
    assert mounted is not None
    running = serve(mounted)
    try:
        own = bootstrap.sandbox_keys()
        assert _list(running.url, own.secret) == 200
        for guess in ("sk_test_sandbox", "sk_test_anything_at_all", "rk_test_whatever1"):
            assert _list(running.url, guess) == 401
        sdk = stripe.StripeClient(own.secret, base_addresses={"api": running.url})
        assert sdk.v1.payment_intents.list().object == "list"
        gateway = bootstrap.payments()
        assert gateway.publishable_key == own.publishable and gateway.is_sandbox
    finally:
        running.stop()


def test_the_standalone_sandbox_takes_any_test_key(tmp_path: Path) -> None:
    running = serve(create_app(f"sqlite:///{tmp_path / 's.db'}", deliver_in_background=False))
    try:
        assert _list(running.url, "sk_test_anything_at_all") == 200
        assert _list(running.url, "sk_live_anything_at_all") == 401
    finally:
        running.stop()


def test_production_never_builds_a_sandbox_gateway(monkeypatch) -> None:
    monkeypatch.setenv("FXO_ENV", "production")
    config.reload()
    with pytest.raises(RuntimeError, match="STRIPE_SECRET_KEY is required in production"):
        bootstrap.payments()
