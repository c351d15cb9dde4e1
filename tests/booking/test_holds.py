"""Slot holds: one slot, one booking, enforced by the database on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from fxorleans import clock, config
from fxorleans.accounts import users
from fxorleans.booking import directory, holds, projections, worker
from fxorleans.domain import events as ev
from fxorleans.domain.decision import accept
from fxorleans.domain.money import Money
from fxorleans.domain.partners import PartnerProfile
from fxorleans.store import db, eventstore
from fxorleans.store.tables import BookingView, EventRecord, SlotReservation

PROBLEM = "Our AWS bill doubled and nobody knows why; we need a cost review plan."
# Tuesday after the frozen Monday 08:00 UTC: inside working hours, beyond the 2 h notice.
SLOT = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


def partner_record(pid: str = "maya-okafor", *, active: bool = True) -> dict:
    return {
        "id": pid, "email": f"{pid}@example.com", "first_name": "Maya", "last_name": "Okafor",
        "title": "Fractional CTO", "practice": "CTO", "bio": "Cloud costs and platforms.",
        "skills": [{"name": "AWS", "years": 12, "level": "Expert"}],
        "industries": ["B2B SaaS"], "location": "London", "timezone": "UTC",
        "working_hours": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
        "active": active,
    }


@pytest.fixture
def partner(database, frozen):  # type: ignore[no-untyped-def]
    directory.import_partners([partner_record()])
    p = directory.get_partner("maya-okafor")
    assert p is not None
    return p


def hold(client: str = "c1", start: datetime = SLOT, **kw) -> holds.Hold:  # type: ignore[no-untyped-def]
    args = {"client_id": client, "partner_id": "maya-okafor", "start": start,
            "problem": PROBLEM, "client_timezone": "Europe/Paris",
            "client_address": "203.0.113.7"} | kw
    return holds.place_hold(**args)


def test_hold_is_projected_as_held_with_the_server_price(partner, frozen) -> None:  # type: ignore[no-untyped-def]
    h = hold(start=SLOT.astimezone(datetime.now().astimezone().tzinfo), match_request_id="m1")
    assert h.start == SLOT and h.end == SLOT + timedelta(hours=1)
    assert h.hold_expires_at == frozen + timedelta(minutes=15)
    assert h.price == Money(80000, "USD") == holds.price()
    with db.reading() as s:
        view = s.get(BookingView, h.booking_id)
        stream = eventstore.read_stream(s, projections.booking_stream(h.booking_id))
        reservation = s.exec(select(SlotReservation)).one()
    assert view is not None and view.status == "Held" and view.client_id == "c1"
    assert (view.amount, view.currency, view.client_timezone) == (80000, "USD", "Europe/Paris")
    first = stream[0].event
    assert isinstance(first, ev.ConsultationRequested) and first.match_request_id == "m1"
    assert (reservation.booking_id, reservation.start) == (h.booking_id, SLOT)
    assert reservation.expires_at == h.hold_expires_at
    assert holds.get_hold(h.booking_id) == h
    assert holds.get_hold("nope") is None
    assert holds.taken_starts("maya-okafor") == [SLOT]
    assert SLOT not in holds.available_slots(partner)


def test_price_follows_configuration(partner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CONSULTATION_PRICE", "95000")
    monkeypatch.setenv("DEFAULT_CURRENCY", "jpy")
    config.reload()
    h = hold()
    assert h.price == Money(95000, "JPY")
    with db.reading() as s:
        view = s.get(BookingView, h.booking_id)
    assert view is not None and (view.amount, view.currency) == (95000, "JPY")


@pytest.mark.parametrize(("start", "needle"), [
    (datetime(2026, 12, 7, 7, 0, tzinfo=UTC), "already passed"),
    (datetime(2026, 12, 7, 9, 0, tzinfo=UTC), "at least 2 hours ahead"),
    (datetime(2026, 12, 8, 18, 0, tzinfo=UTC), "not one of the partner's available slots"),
    (datetime(2026, 12, 12, 10, 0, tzinfo=UTC), "not one of the partner's available slots"),
    (datetime(2026, 12, 8, 10, 30, tzinfo=UTC), "not one of the partner's available slots"),
    (datetime(2026, 12, 22, 10, 0, tzinfo=UTC), "at most 14 days ahead"),
    (datetime(2026, 12, 8, 10, 0), "Pick a time"),  # naive: the zone is unknown
])
def test_unbookable_starts_are_refused(partner, start, needle) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(holds.SlotUnavailable, match=needle) as info:
        hold(start=start)
    assert not isinstance(info.value, holds.SlotTaken)
    with db.reading() as s:
        assert s.exec(select(EventRecord)).all() == []
        assert s.exec(select(SlotReservation)).all() == []


def test_inactive_or_unknown_partner_is_refused(database, frozen) -> None:  # type: ignore[no-untyped-def]
    directory.import_partners([partner_record(active=False)])
    with pytest.raises(holds.SlotUnavailable, match="not taking bookings"):
        hold()
    with pytest.raises(holds.SlotUnavailable, match="not taking bookings"):
        hold(partner_id="nobody")
    p = directory.get_partner("maya-okafor")
    assert p is not None and holds.available_slots(p) == [] and holds.next_available(p) is None


@pytest.mark.parametrize(("problem", "needle"), [
    ("   too short   ", "at least 20 characters"),
    ("x" * 5001, "5000 characters or fewer"),
])
def test_problem_length_is_checked_after_strip(partner, problem, needle) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(holds.SlotUnavailable, match=needle):
        hold(problem=problem)


def test_taken_slot_is_refused_and_overlapping_start_too(partner) -> None:  # type: ignore[no-untyped-def]
    hold("c1")
    with pytest.raises(holds.SlotTaken) as info:
        hold("c2")
    assert str(info.value) == holds.TAKEN_MESSAGE
    assert holds.next_available(partner) == datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def test_unknown_client_zone_falls_back_to_utc(partner) -> None:  # type: ignore[no-untyped-def]
    h = hold(client_timezone="Mars/Olympus")
    with db.reading() as s:
        view = s.get(BookingView, h.booking_id)
    assert view is not None and view.client_timezone == "UTC"


def test_open_holds_per_verified_client_are_capped(partner) -> None:
    # One hold per partner, so the cap is met across partners.
    n = holds.MAX_OPEN_HOLDS
    directory.import_partners([partner_record(f"p{i}") for i in range(n + 1)])
    with db.transaction() as s:
        c1 = users.create_user(s, "c1@example.com", None, verified=True).id
        c2 = users.create_user(s, "c2@example.com", None, verified=True).id
    for i in range(n):
        hold(c1, partner_id=f"p{i}")
    with pytest.raises(holds.SlotUnavailable, match=f"already hold {n} unpaid slots"):
        hold(c1, partner_id=f"p{n}")
    hold(c2, partner_id=f"p{n}")


def test_expired_hold_frees_the_slot_for_another_client(partner, frozen) -> None:  # type: ignore[no-untyped-def]
    first = hold("c1")
    clock.advance(timedelta(minutes=15))
    assert holds.taken_starts("maya-okafor") == []
    assert SLOT in holds.available_slots(partner)
    second = hold("c2")  # before the worker ran: place_hold drops the stale reservation
    with db.reading() as s:
        rows = s.exec(select(SlotReservation)).all()
    assert [r.booking_id for r in rows] == [second.booking_id]
    # The worker then marks the first booking Expired and leaves the new hold alone.
    assert holds.expire_holds() == 1
    got = holds.get_hold(first.booking_id)
    assert got is not None and got.status == "Expired"
    assert holds.get_hold(second.booking_id).status == "Held"  # type: ignore[union-attr]
    assert holds.expire_holds() == 0


def test_expire_holds_marks_expired_and_frees_the_slot(partner, frozen) -> None:  # type: ignore[no-untyped-def]
    h = hold("c1")
    clock.advance(timedelta(minutes=14))
    assert worker.tick() == 0
    clock.advance(timedelta(minutes=1))
    assert worker.tick() == 1
    with db.reading() as s:
        view = s.get(BookingView, h.booking_id)
        stream = eventstore.read_stream(s, projections.booking_stream(h.booking_id))
        assert s.exec(select(SlotReservation)).all() == []
    assert view is not None and view.status == "Expired"
    assert isinstance(stream[-1].event, ev.HoldExpired)
    assert holds.expire_holds() == 0


def test_expiry_leaves_paid_bookings_alone(partner, frozen) -> None:  # type: ignore[no-untyped-def]
    h = hold("c1")
    from fxorleans.booking import uow
    uow.run(h.booking_id,
            lambda b, s: accept(ev.PaymentAuthorized("pi_1", 80000, "USD", frozen)),
            uow.Actor("c1", "client"))
    clock.advance(timedelta(hours=1))
    assert holds.expire_holds() == 0
    assert holds.get_hold(h.booking_id).status == "Confirmed"  # type: ignore[union-attr]
    # The authorization made its reservation permanent: expiry leaves it as it is.
    with db.reading() as s:
        row = s.exec(select(SlotReservation)).one()
    assert row.booking_id == h.booking_id and row.expires_at is None
    assert holds.taken_starts("maya-okafor") == [SLOT]


def test_paid_reservation_with_null_expiry_stays_taken(partner, frozen) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(SlotReservation(partner_id="maya-okafor", start=SLOT, booking_id="paid",
                              expires_at=None))
    clock.advance(timedelta(days=1) - timedelta(hours=3))
    assert holds.taken_starts("maya-okafor") == [SLOT]
    with pytest.raises(holds.SlotTaken):
        hold("c2")


def test_twenty_clients_race_for_one_slot(partner) -> None:  # type: ignore[no-untyped-def]
    n = 20
    barrier = threading.Barrier(n)
    won: list[holds.Hold] = []
    lost: list[str] = []
    other: list[BaseException] = []

    def client(i: int) -> None:
        barrier.wait()
        try:
            won.append(hold(f"client-{i}"))
        except holds.SlotTaken as exc:
            lost.append(str(exc))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            other.append(exc)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert other == []
    assert len(won) == 1
    assert lost == ["This slot was just taken. Please pick another time."] * (n - 1)
    with db.reading() as s:
        rows = s.exec(select(SlotReservation)).all()
        streams = eventstore.stream_ids(s, projections.BOOKING_PREFIX)
        views = s.exec(select(BookingView)).all()
    assert [r.booking_id for r in rows] == [won[0].booking_id]
    assert streams == [projections.booking_stream(won[0].booking_id)]
    assert [v.booking_id for v in views] == [won[0].booking_id]


def test_database_constraint_refuses_what_the_checks_missed(
        partner: PartnerProfile, frozen: datetime) -> None:
    first = hold("c1")
    # A racer that read before the first hold committed passed every check; what stops it
    # is the booking projection's reservation under the unique (partner, start).
    from fxorleans.booking import uow
    racer = ev.ConsultationRequested(
        booking_id="racer", client_id="c2", partner_id="maya-okafor", start=SLOT,
        end=SLOT + timedelta(hours=1), amount=80000, currency="USD", problem="x" * 30,
        hold_expires_at=frozen + timedelta(minutes=15))
    with pytest.raises(IntegrityError):
        uow.run("racer", lambda b, s: accept(racer), uow.Actor("c2", "client"))
    with db.reading() as s:
        assert [r.booking_id for r in s.exec(select(SlotReservation)).all()] == [first.booking_id]
        assert len(eventstore.stream_ids(s, projections.BOOKING_PREFIX)) == 1


def test_a_stored_partner_the_rules_now_refuse_is_left_out_not_fatal(
        partner: PartnerProfile) -> None:
    from fxorleans.store.tables import PartnerRow

    with db.transaction() as s:
        row = s.get(PartnerRow, "maya-okafor")
        assert row is not None
        s.add(PartnerRow(**{**row.model_dump(exclude={"id"}), "id": "old-zone",
                            "email": "old-zone@example.com", "timezone": "Factory"}))
    assert [p.id for p in directory.load_partners()] == ["maya-okafor"]
    assert directory.get_partner("old-zone") is None
    with pytest.raises(holds.SlotUnavailable, match="not taking bookings"):
        holds.place_hold(client_id="c1", partner_id="old-zone", start=SLOT, problem="x" * 30,
                         client_timezone="UTC", client_address="203.0.113.7")
