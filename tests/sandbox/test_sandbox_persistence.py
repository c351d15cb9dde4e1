"""State lives in the database: it survives restarts and stays consistent across processes."""

from __future__ import annotations

import os
import threading

import httpx
import pytest
import stripe

from .helpers import SECRET_KEY, authorize


def test_state_and_idempotency_survive_a_restart(start_sandbox, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first = start_sandbox(url, deliver_in_background=False)
    opts = {"idempotency_key": "restart-1"}
    pi = first.client().v1.payment_intents.create(
        params={"amount": 80000, "currency": "usd"}, options=opts)
    held = authorize(first.client())
    first.stop()
    second = start_sandbox(url, deliver_in_background=False)
    client = second.client()
    assert client.v1.payment_intents.retrieve(held.id).status == "requires_capture"
    assert client.v1.payment_intents.capture(held.id).status == "succeeded"
    again = client.v1.payment_intents.create(params={"amount": 80000, "currency": "usd"},
                                             options=opts)
    assert again.id == pi.id


def _race(calls) -> list:
    results: list = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i: int) -> None:
        barrier.wait()
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _post(base: str, path: str, data: dict | None = None) -> int:
    return httpx.post(f"{base}{path}", data=data or {}, auth=(SECRET_KEY, "")).status_code


def _two_servers(start_sandbox, url: str):
    return (start_sandbox(url, deliver_in_background=False),
            start_sandbox(url, deliver_in_background=False))


def _check_one_winner(a, b) -> None:
    pi = authorize(a.client())
    captures = _race([lambda: _post(a.url, f"/v1/payment_intents/{pi.id}/capture"),
                      lambda: _post(b.url, f"/v1/payment_intents/{pi.id}/capture")] * 2)
    assert sorted(captures) == [200, 400, 400, 400]
    refunds = _race([lambda: _post(a.url, "/v1/refunds", {"payment_intent": pi.id}),
                     lambda: _post(b.url, "/v1/refunds", {"payment_intent": pi.id})] * 2)
    assert sorted(refunds) == [200, 400, 400, 400]
    charge = b.client().v1.charges.retrieve(pi.latest_charge)
    assert charge.amount_refunded == 80000
    refunds_listed = a.client().v1.refunds.list(params={"payment_intent": pi.id})
    assert len(refunds_listed.data) == 1


def test_two_servers_on_one_sqlite_file_never_double_capture(start_sandbox, tmp_path) -> None:
    a, b = _two_servers(start_sandbox, f"sqlite:///{tmp_path / 'shared.db'}")
    _check_one_winner(a, b)


@pytest.mark.postgres
def test_two_servers_on_postgres_never_double_capture(start_sandbox) -> None:
    url = os.environ.get("FXO_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("FXO_TEST_POSTGRES_URL is not set")
    a, b = _two_servers(start_sandbox, url)
    _check_one_winner(a, b)
    with pytest.raises(stripe.InvalidRequestError):
        a.client().v1.payment_intents.retrieve("pi_missing")
