"""Holds cannot squat a calendar: per account, per partner and per address, on both databases."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from fxorleans import clock, config
from fxorleans.accounts import users
from fxorleans.booking import directory, holds, payment, projections, uow
from fxorleans.domain import events as ev
from fxorleans.domain import holds as rules
from fxorleans.domain.decision import accept
from fxorleans.store import db, eventstore
from fxorleans.store.tables import BookingView, EventRecord, SlotReservation, User
from tests.booking.test_holds import PROBLEM, SLOT, partner_record

HERE = "203.0.113.7"


@pytest.fixture
def partners(database, frozen):
    directory.import_partners([partner_record("maya-okafor"), partner_record("tom-berg")])


def client(email: str, *, verified: bool = False) -> str:
    with db.transaction() as s:
        return users.create_user(s, email, None, verified=verified).id


def hold(client_id: str, start: datetime = SLOT, partner_id: str = "maya-okafor",
         address: str = HERE) -> holds.Hold:
    return holds.place_hold(client_id=client_id, partner_id=partner_id, start=start,
                            problem=PROBLEM, client_timezone="UTC", client_address=address)


def status(booking_id: str) -> str:
    h = holds.get_hold(booking_id)
    assert h is not None
    return h.status


def events_of(booking_id: str) -> list[ev.Event]:
    with db.reading() as s:
        return [e.event for e in eventstore.read_stream(s, projections.booking_stream(booking_id))]


def reserved() -> list[tuple[str, datetime]]:
    with db.reading() as s:
        return sorted((r.booking_id, r.start) for r in s.exec(select(SlotReservation)).all())


def test_an_unverified_account_holds_one_time_until_it_is_verified(partners) -> None:
    ann = client("ann@example.com")
    first = hold(ann)
    with pytest.raises(holds.SlotUnavailable) as info:
        hold(ann, partner_id="tom-berg")
    assert str(info.value) == rules.UNVERIFIED_ONE
    assert not isinstance(info.value, holds.SlotTaken)
    assert reserved() == [(first.booking_id, SLOT)]
    with db.transaction() as s:
        user = s.get(User, ann)
        assert user is not None
        user.email_verified_at = clock.now()
    second = hold(ann, partner_id="tom-berg")
    assert status(first.booking_id) == status(second.booking_id) == "Held"


def test_a_new_time_with_the_same_partner_moves_the_hold(partners, frozen) -> None:
    ann = client("ann@example.com")
    first = hold(ann)
    later = SLOT + timedelta(hours=2)
    moved = hold(ann, start=later)
    assert status(first.booking_id) == "Cancelled" and status(moved.booking_id) == "Held"
    released = events_of(first.booking_id)[-1]
    assert released == ev.BookingCancelled("client", rules.MOVED, 0, frozen)
    assert reserved() == [(moved.booking_id, later)]
    partner = directory.get_partner("maya-okafor")
    assert partner is not None and SLOT in holds.available_slots(partner)
    # Going back to the very same time moves it again, through the slot's own reservation.
    again = hold(ann, start=later)
    assert status(moved.booking_id) == "Cancelled"
    assert reserved() == [(again.booking_id, later)]
    # The release is recorded with the new hold, as one unit of work.
    with db.reading() as s:
        release = eventstore.read_stream(s, projections.booking_stream(moved.booking_id))[-1]
        placed = eventstore.read_stream(s, projections.booking_stream(again.booking_id))[0]
    assert release.metadata["correlation_id"] == placed.metadata["correlation_id"]
    assert release.metadata["actor"] == ann


def test_a_time_somebody_else_holds_does_not_move_the_clients_hold(partners) -> None:
    ann, bob = client("ann@example.com"), client("bob@example.com")
    mine = hold(ann, start=SLOT + timedelta(hours=2))
    theirs = hold(bob, address="198.51.100.9")
    with pytest.raises(holds.SlotTaken):
        hold(ann)
    assert status(mine.booking_id) == status(theirs.booking_id) == "Held"
    assert len(events_of(mine.booking_id)) == 1


def test_a_booking_being_paid_for_is_not_moved(partners) -> None:
    ann = client("ann@example.com", verified=True)
    paying = hold(ann)
    payment.accept_policy(paying.booking_id, ann)
    with pytest.raises(holds.SlotUnavailable) as info:
        hold(ann, start=SLOT + timedelta(hours=2))
    assert str(info.value) == rules.PAYING_WITH_PARTNER
    assert status(paying.booking_id) == "Held"
    assert reserved() == [(paying.booking_id, SLOT)]
    hold(ann, partner_id="tom-berg")  # another partner is another matter


def test_a_paid_booking_stays_when_the_client_holds_another_time(partners, frozen) -> None:
    ann = client("ann@example.com")
    paid = hold(ann)
    uow.run(paid.booking_id,
            lambda b, s: accept(ev.PaymentAuthorized("pi_1", 80000, "USD", frozen)),
            uow.Actor(ann, "client"))
    # A paid booking is not a hold: an unverified client may hold one more time, even here.
    nxt = hold(ann, start=SLOT + timedelta(hours=2))
    assert status(paid.booking_id) == "Confirmed" and status(nxt.booking_id) == "Held"


def test_one_address_holds_at_most_its_limit_across_accounts(partners, monkeypatch) -> None:
    monkeypatch.setenv("MAX_HOLDS_PER_ADDRESS", "2")
    config.reload()
    ids = [client(f"u{i}@example.com") for i in range(4)]
    hold(ids[0])
    hold(ids[1], start=SLOT + timedelta(hours=1))
    with pytest.raises(holds.SlotUnavailable) as info:
        hold(ids[2], start=SLOT + timedelta(hours=2))
    assert str(info.value) == rules.ADDRESS_FULL
    hold(ids[3], start=SLOT + timedelta(hours=3), address="198.51.100.9")
    clock.advance(timedelta(minutes=15))  # the address's holds lapse, even before the worker
    hold(ids[2], start=SLOT + timedelta(hours=2))


def test_an_address_limit_counts_ipv6_by_subscriber_network(partners, monkeypatch) -> None:
    monkeypatch.setenv("MAX_HOLDS_PER_ADDRESS", "1")
    config.reload()
    hold(client("a@example.com"), address="2001:db8:1:2::10")
    with pytest.raises(holds.SlotUnavailable, match="from your network"):
        hold(client("b@example.com"), start=SLOT + timedelta(hours=1), address="2001:db8:1:2::11")
    hold(client("c@example.com"), start=SLOT + timedelta(hours=1), address="2001:db8:1:3::11")


def test_only_a_keyed_hash_of_the_address_is_stored(partners, monkeypatch) -> None:
    monkeypatch.setenv("FXO_SECRET_KEY", "a production secret of some length")
    config.reload()
    h = hold(client("ann@example.com"))
    expected = rules.hashed_address(HERE, "a production secret of some length")
    assert expected is not None and expected != rules.hashed_address(HERE, "")
    with db.reading() as s:
        view = s.get(BookingView, h.booking_id)
        rows = s.exec(select(EventRecord)).all()
    assert view is not None and view.client_address == expected and len(expected) == 64
    first = events_of(h.booking_id)[0]
    assert isinstance(first, ev.ConsultationRequested) and first.client_address == expected
    assert all(HERE not in str(r.data) and HERE not in str(r.meta) for r in rows)


def test_a_rebuild_reproduces_the_stored_address(partners, frozen) -> None:
    a = hold(client("ann@example.com"))
    b = hold(client("bob@example.com"), start=SLOT + timedelta(hours=1), address="198.51.100.9")
    # A request recorded before addresses were kept has none, and keeps none.
    old = ev.ConsultationRequested(
        booking_id="old", client_id="c9", partner_id="tom-berg", start=SLOT,
        end=SLOT + timedelta(hours=1), amount=80000, currency="USD", problem="x" * 30,
        hold_expires_at=frozen + timedelta(minutes=15))
    uow.run("old", lambda _b, _s: accept(old), uow.Actor("c9", "client"))

    def addresses() -> dict[str, str | None]:
        with db.reading() as s:
            return {v.booking_id: v.client_address for v in s.exec(select(BookingView)).all()}

    before = addresses()
    assert before == {a.booking_id: rules.hashed_address(HERE, ""),
                      b.booking_id: rules.hashed_address("198.51.100.9", ""), "old": None}
    with db.transaction() as s:
        for view in s.exec(select(BookingView)).all():
            view.client_address = "scrambled"
            s.add(view)
    with db.transaction() as s:
        assert projections.rebuild(s)["bookings"] == 3
    assert addresses() == before


def _race(n: int, attempt: Callable[[int], holds.Hold]) -> tuple[list[holds.Hold], list[str]]:
    barrier = threading.Barrier(n)
    won: list[holds.Hold] = []
    lost: list[str] = []
    other: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            won.append(attempt(i))
        except holds.SlotUnavailable as exc:
            lost.append(str(exc))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            other.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert other == []
    return won, lost


def test_concurrent_holds_of_one_unverified_account_cannot_both_pass(partners) -> None:
    ann = client("ann@example.com")
    directory.import_partners([partner_record(f"p{i}") for i in range(6)])
    won, lost = _race(6, lambda i: hold(ann, partner_id=f"p{i}"))
    assert len(won) == 1 and lost == [rules.UNVERIFIED_ONE] * 5


def test_concurrent_holds_from_one_address_stop_at_its_limit(partners, monkeypatch) -> None:
    monkeypatch.setenv("MAX_HOLDS_PER_ADDRESS", "3")
    config.reload()
    ids = [client(f"u{i}@example.com") for i in range(8)]
    won, lost = _race(8, lambda i: hold(
        ids[i], start=datetime(2026, 12, 8 + i // 4, 10 + i % 4, tzinfo=UTC)))
    assert len(won) == 3 and lost == [rules.ADDRESS_FULL] * 5
