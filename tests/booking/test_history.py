"""The admin's view of one booking, read from the event log and the projections: every event
with who appended it and when, the money, and the intent's live state at the sandbox."""

from __future__ import annotations

import asyncio

from fxorleans.booking import closing, history, worker
from tests.booking.test_closing import World, world  # noqa: F401 - the fixture
from tests.booking.test_refunds import _admin, _captured


def test_the_history_names_every_event_with_who_and_when(world: World) -> None:  # noqa: F811
    booking_id = _captured(world)
    admin = _admin()
    assert closing.refund(booking_id, admin, "200.00", "Half the hour was lost") is None
    worker.tick()

    found = history.admin_booking(booking_id)
    assert found is not None
    names = [e.name for e in found.entries]
    assert names[0] == "ConsultationRequested"
    for name in ("PaymentAuthorized", "SessionCompleted", "PaymentCaptured", "RefundRequested",
                 "PaymentRefunded"):
        assert name in names
    assert names.index("RefundRequested") < names.index("PaymentRefunded")
    assert [e.version for e in found.entries] == list(range(1, len(names) + 1))
    by_name = {e.name: e for e in found.entries}
    assert by_name["ConsultationRequested"].role == "client"
    assert by_name["ConsultationRequested"].who == f"Pat ({world.client.email})"
    assert by_name["SessionCompleted"].role == "partner"
    assert "ines@example.com" in by_name["SessionCompleted"].who
    asked = by_name["RefundRequested"]
    assert (asked.role, asked.who) == ("admin", "Administrator (root@example.com)")
    assert asked.detail == "$200.00 · Half the hour was lost"
    assert by_name["PaymentRefunded"].role == "system"
    assert all(e.at.tzinfo is not None for e in found.entries)

    ledger = found.ledger
    assert (ledger.authorized, ledger.captured, ledger.refunded, ledger.net) == \
        (80000, 80000, 20000, 60000)
    assert ledger.refundable == 60000 and ledger.status == "partially_refunded"
    assert found.client_email == world.client.email and found.partner_name == "Inês Duarte"
    assert found.status == "Refunded"  # the projection's label, partial or not


def test_money_asked_for_but_not_yet_refunded_is_no_longer_refundable(
        world: World) -> None:  # noqa: F811
    booking_id = _captured(world)
    assert closing.refund(booking_id, _admin(), "300.00", "goodwill") is None
    found = history.admin_booking(booking_id)  # the job has not run yet
    assert found is not None
    assert (found.ledger.refunded, found.ledger.refundable) == (0, 50000)
    assert found.entries[-1].name == "RefundRequested"


def test_an_unknown_booking_and_the_providers_live_state(world: World) -> None:  # noqa: F811
    assert history.admin_booking("0" * 32) is None
    booking_id = _captured(world)
    found = history.admin_booking(booking_id)
    assert found is not None and found.ledger.intent_id.startswith("pi_")
    live = asyncio.run(history.provider_state(found.ledger.intent_id))
    assert live is not None and live.status == "succeeded"
    assert live.received.format() == "$800.00" and live.capturable.amount == 0
    # the provider does not know this intent: the page says "unavailable", it does not fail
    assert asyncio.run(history.provider_state("pi_does_not_exist")) is None
    assert asyncio.run(history.provider_state("")) is None
