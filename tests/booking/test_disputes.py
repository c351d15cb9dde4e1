"""A dispute opened at the provider, end to end over HTTP: the sandbox's disputing test card
is captured, the sandbox sends a signed `charge.dispute.created` to our webhook endpoint, the
booking is flagged "Disputed" and every admin is told; a repeat delivery changes nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta

import pytest
import stripe
from sqlmodel import select

from fxorleans import bootstrap, clock, config
from fxorleans.accounts import service as accounts
from fxorleans.booking import closing, directory, uow, webhooks, worker
from fxorleans.domain import booking as bk
from fxorleans.http import create_api
from fxorleans.sandbox.runtime import deliver_due
from fxorleans.sandbox.server import create_app
from fxorleans.services.payments.base import WebhookEvent
from fxorleans.store import db, eventstore
from fxorleans.store.tables import MailMessage
from tests.booking import test_closing as tc
from tests.sandbox.conftest import serve


@pytest.fixture
def world(database, tmp_path, monkeypatch) -> Iterator[tc.World]:
    clock.freeze(tc.MONDAY)
    api = serve(create_api())
    sandbox = serve(create_app(f"sqlite:///{tmp_path / 'stripe.db'}",
                               webhook_url=f"{api.url}/api/stripe/webhook",
                               webhook_secret=bootstrap.sandbox_keys().webhook_secret,
                               deliver_in_background=False))
    monkeypatch.setenv("FXO_SANDBOX_API_BASE", sandbox.url)
    config.reload()
    directory.import_partners([tc.PARTNER, tc.OTHER])
    accounts.register("payer@example.com", "correct horse battery", "Pat", "a",
                      "America/New_York")
    accounts.create_admin("root@example.com", "admin password 1")
    yield tc.World(sandbox, stripe.StripeClient("sk_test_any",
                                                base_addresses={"api": sandbox.url}),
                   tc._user("payer@example.com"),
                   tc._partner_user("ines-duarte", "ines@example.com"),
                   tc._partner_user("omar-haddad", "omar@example.com"))
    sandbox.stop()
    api.stop()


def test_a_dispute_flags_the_booking_and_alerts_the_admins(world: tc.World) -> None:
    booking_id = tc._paid(world, 30, card="pm_card_createDispute")
    clock.advance(timedelta(hours=31, minutes=5))
    assert closing.confirm_completion(booking_id, world.partner) is None
    clock.advance(timedelta(hours=1))
    worker.tick()  # the capture: the card's bank disputes it
    b = uow.load(booking_id)
    assert b is not None and b.status == bk.Status.PAID and b.dispute_id == ""
    assert deliver_due(world.sandbox.app) >= 1  # signed POSTs to our endpoint, over HTTP
    b = uow.load(booking_id)
    assert b is not None
    assert (b.flag, b.dispute_status, b.dispute_amount) == (
        "Disputed: fraudulent", "needs_response", 80000)
    assert b.dispute_id.startswith("dp_") and b.dispute_due_by is not None
    worker.tick()  # the alert
    with db.reading() as s:
        alerts = [m for m in s.exec(select(MailMessage).where(
            MailMessage.to_addr == "root@example.com")).all() if b.dispute_id in m.body
            or "disputes" in m.body]
    assert len(alerts) == 1 and "$800.00" in alerts[0].body
    # the same dispute again (a second event for it) changes nothing
    listed = world.sdk.v1.events.list({"type": "charge.dispute.created", "limit": 10})
    obj = listed.data[0].to_dict()["data"]["object"]
    again = WebhookEvent(id="evt_again", type="charge.dispute.created",
                         intent_id=obj["payment_intent"], object=obj)
    assert asyncio.run(webhooks.handle(again)) == "applied"
    with db.reading() as s:
        names = [e.event.type for e in eventstore.read_stream(s, f"booking-{booking_id}")]
    assert names.count("DisputeOpened") == 1


def test_winning_evidence_closes_the_dispute_and_the_booking_records_it(
        world: tc.World) -> None:
    booking_id = tc._paid(world, 30, card="pm_card_createDispute")
    clock.advance(timedelta(hours=31, minutes=5))
    assert closing.confirm_completion(booking_id, world.partner) is None
    clock.advance(timedelta(hours=1))
    worker.tick()
    deliver_due(world.sandbox.app)
    b = uow.load(booking_id)
    assert b is not None and b.dispute_status == "needs_response"
    won = world.sdk.v1.disputes.update(b.dispute_id, {"evidence": {
        "uncategorized_text": "winning_evidence"}})
    assert won.status == "won"
    assert deliver_due(world.sandbox.app) >= 1  # charge.dispute.closed, signed, over HTTP
    b = uow.load(booking_id)
    assert b is not None and b.dispute_status == "won"
    assert b.flag == "Disputed: fraudulent"  # an admin clears it, with a reason
