"""The periodic reconciliation against the sandbox: a process killed after the provider
authorized but before our database heard of it is caught up; an authorization whose booking
does not exist is cancelled; money captured outside our books alerts the admins."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from fxorleans import clock, config
from fxorleans.booking import holds, payment, reconciliation, uow, worker
from fxorleans.domain import booking as bk
from fxorleans.store import db
from fxorleans.store.tables import MailMessage
from tests.booking.test_closing import PROBLEM, World, _paid, world  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[2]

# Runs the server's own verification in a child process that dies (SIGKILL) at the moment
# it would append the authorization: the provider has authorized, our database never heard.
KILLED_VERIFY = textwrap.dedent("""
    import asyncio, os, signal, sys
    from fxorleans.store import eventstore
    from fxorleans.booking import payment, uow

    def die(*_a, **_k):
        os.kill(os.getpid(), signal.SIGKILL)

    eventstore.append = die
    booking_id, intent_id, client_id = sys.argv[1:4]
    asyncio.run(payment.verify(booking_id, intent_id, uow.Actor(client_id, "client")))
""")


def _child_env() -> dict[str, str]:
    """The same database and sandbox as this test's app."""
    return {**os.environ, "FXO_SANDBOX_API_BASE": config.get().sandbox_api_base,
            "DATABASE_URL": db.engine().url.render_as_string(hide_password=False)}


def test_a_process_killed_between_the_provider_and_our_database_is_caught_up(
        world: World) -> None:  # noqa: F811
    hold = holds.place_hold(client_id=world.client.id, partner_id="ines-duarte",
                            start=clock.now() + timedelta(hours=30), problem=PROBLEM,
                            client_timezone="America/New_York", client_address="198.51.100.4")
    started = asyncio.run(payment.start_payment(hold.booking_id, world.client.id,
                                                world.client.email))
    payment.accept_policy(hold.booking_id, world.client.id)
    world.sdk.v1.payment_intents.confirm(started.intent_id, {"payment_method": "pm_card_visa"})
    child = subprocess.run([sys.executable, "-c", KILLED_VERIFY, hold.booking_id,
                            started.intent_id, world.client.id], cwd=ROOT,
                           env=_child_env(), capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    b = uow.load(hold.booking_id)
    assert b is not None and b.status == bk.Status.HELD  # our books missed the authorization
    assert world.sdk.v1.payment_intents.retrieve(started.intent_id).status == "requires_capture"

    report = reconciliation.run()
    assert report.seen >= 1
    b = uow.load(hold.booking_id)
    assert b is not None and (b.status, b.authorized) == (bk.Status.CONFIRMED, 80000)


def test_an_authorization_without_a_booking_is_cancelled(world: World) -> None:  # noqa: F811
    stray = world.sdk.v1.payment_intents.create({
        "amount": 80000, "currency": "usd", "capture_method": "manual", "confirm": True,
        "payment_method": "pm_card_visa", "metadata": {"booking_id": "gone-booking"},
        "automatic_payment_methods": {"enabled": True, "allow_redirects": "never"}})
    theirs = world.sdk.v1.payment_intents.create({
        "amount": 500, "currency": "usd", "capture_method": "manual", "confirm": True,
        "payment_method": "pm_card_visa",
        "automatic_payment_methods": {"enabled": True, "allow_redirects": "never"}})
    assert stray.status == "requires_capture"
    report = reconciliation.run()
    assert report.orphans == 1
    worker.tick()
    assert world.sdk.v1.payment_intents.retrieve(stray.id).status == "canceled"
    # An intent without our metadata is not ours: left alone.
    assert world.sdk.v1.payment_intents.retrieve(theirs.id).status == "requires_capture"
    assert reconciliation.run().orphans == 0  # cancelled: nothing more to do


def test_money_captured_outside_our_books_alerts_the_admins(world: World) -> None:  # noqa: F811
    booking_id = _paid(world, 30)
    b = uow.load(booking_id)
    assert b is not None and b.intent_id
    world.sdk.v1.payment_intents.capture(b.intent_id)  # e.g. by hand in the dashboard
    assert reconciliation.run().flagged == 1
    worker.tick()
    with db.reading() as s:
        alerts = s.exec(select(MailMessage).where(MailMessage.kind == "admin-alert")).all()
    assert len(alerts) == 1 and b.intent_id in alerts[0].body
    assert reconciliation.run().flagged == 1  # still true, but the alert is sent once
    worker.tick()
    with db.reading() as s:
        assert len(s.exec(select(MailMessage).where(MailMessage.kind == "admin-alert")).all()) \
            == 1


@pytest.mark.parametrize("hours", [30])
def test_a_paid_booking_agrees_and_nothing_happens(world: World, hours: int) -> None:  # noqa: F811
    booking_id = _paid(world, hours)
    before = uow.load(booking_id)
    assert reconciliation.run() == reconciliation.Report(seen=1, orphans=0, flagged=0)
    after = uow.load(booking_id)
    assert before is not None and after is not None and after.version == before.version
