"""Events the sandbox signs and delivers, verified by the gateway with Stripe's verifier."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from fxorleans import clock
from fxorleans.sandbox import deliver_due
from fxorleans.services.payments import WebhookSignatureError

from .conftest import WEBHOOK_SECRET
from .helpers import authorized


@pytest.fixture
def hooked(start_sandbox, receiver):
    return start_sandbox(webhook_url=receiver.url, webhook_secret=WEBHOOK_SECRET)


async def test_delivered_events_verify(hooked, receiver, booking_id) -> None:
    gateway = hooked.gateway()
    auth = await authorized(gateway, hooked.client(), booking_id)
    await gateway.capture(auth.intent_id, booking_id=booking_id)
    assert deliver_due(hooked.app) == len(receiver.received) > 0
    events = [gateway.verify_webhook(body, sig) for body, sig in receiver.received]
    by_type = {e.type: e for e in events}
    authorized_event = by_type["payment_intent.amount_capturable_updated"]
    assert authorized_event.intent_id == auth.intent_id
    assert authorized_event.object["metadata"]["booking_id"] == booking_id
    assert isinstance(authorized_event.object, dict)
    assert by_type["charge.captured"].intent_id == auth.intent_id
    assert by_type["payment_intent.succeeded"].object["amount_received"] == 80000
    assert len({e.id for e in events}) == len(events)


async def test_tampered_body_wrong_secret_or_no_header_is_refused(hooked, receiver,
                                                                  booking_id) -> None:
    gateway = hooked.gateway()
    await authorized(gateway, hooked.client(), booking_id)
    deliver_due(hooked.app)
    body, sig = receiver.received[0]
    assert gateway.verify_webhook(body, sig).type == "payment_intent.created"
    tampered = body.replace(b'"amount": 80000', b'"amount": 1')
    assert tampered != body
    with pytest.raises(WebhookSignatureError):
        gateway.verify_webhook(tampered, sig)
    with pytest.raises(WebhookSignatureError):
        hooked.gateway(webhook_secret="whsec_wrong").verify_webhook(body, sig)
    with pytest.raises(WebhookSignatureError):
        hooked.gateway(webhook_secret="").verify_webhook(body, sig)
    with pytest.raises(WebhookSignatureError):
        gateway.verify_webhook(body, "")
    with pytest.raises(WebhookSignatureError):
        gateway.verify_webhook(body, "t=notanumber,v1=abc")


async def test_age_is_judged_by_the_wall_clock_not_the_test_clock(hooked, receiver,
                                                                  booking_id) -> None:
    # The test clock days in the past: deliveries are still signed, and judged, at the
    # wall-clock time, the way Stripe signs them.
    from fxorleans.sandbox.webhooks import sign

    clock.freeze(datetime.now(UTC).replace(microsecond=0) - timedelta(days=3))
    gateway = hooked.gateway()
    await authorized(gateway, hooked.client(), booking_id)
    deliver_due(hooked.app)
    body, sig = receiver.received[0]
    assert gateway.verify_webhook(body, sig).id.startswith("evt_")
    clock.advance(timedelta(days=6))
    assert gateway.verify_webhook(body, sig).id.startswith("evt_")
    signed_at = int(sig.split(",")[0].removeprefix("t="))
    assert abs(signed_at - time.time()) < 60
    stale = sign(body.decode(), WEBHOOK_SECRET, signed_at - 301)
    with pytest.raises(WebhookSignatureError, match="tolerance"):
        gateway.verify_webhook(body, stale)


def test_a_signed_non_event_is_refused(sandbox) -> None:
    from fxorleans.sandbox.webhooks import sign

    gateway = sandbox.gateway()
    payload = json.dumps({"hello": "world"})
    header = sign(payload, "whsec_payments_test", int(clock.now().timestamp()))
    with pytest.raises(WebhookSignatureError):
        gateway.verify_webhook(payload.encode(), header)
