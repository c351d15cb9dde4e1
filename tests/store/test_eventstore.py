from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import select

from fxorleans import clock
from fxorleans.booking import outbox, projections, uow
from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain.decision import accept
from fxorleans.domain.jobs import Job
from fxorleans.domain.money import split
from fxorleans.store import db, eventstore
from fxorleans.store.tables import BookingView, OutboxJob, PaymentView

ACTOR = uow.Actor("c1", "client")


def _request(booking_id: str, now) -> ev.ConsultationRequested:  # type: ignore[no-untyped-def]
    start = now + timedelta(days=2)
    return ev.ConsultationRequested(
        booking_id=booking_id, client_id="c1", partner_id="p1", start=start,
        end=start + timedelta(hours=1), amount=80000, currency="USD", problem="help",
        hold_expires_at=now + timedelta(minutes=15), client_timezone="Europe/Paris")


def test_append_and_read_back_in_order(database, frozen) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        stored = eventstore.append(s, "booking-b1", 0, [_request("b1", frozen)],
                                   {"actor": "c1", "correlation_id": "x"})
    assert stored[0].version == 1 and stored[0].position >= 1
    with db.transaction() as s:
        eventstore.append(s, "booking-b1", 1, [ev.HoldExpired(frozen)])
    with db.reading() as s:
        got = eventstore.read_stream(s, "booking-b1")
    assert [g.version for g in got] == [1, 2]
    assert isinstance(got[1].event, ev.HoldExpired)
    assert got[0].metadata == {"actor": "c1", "correlation_id": "x"}
    assert got[0].recorded_at == frozen
    assert got[0].event == _request("b1", frozen)


def test_conflicting_append_raises_concurrency_error(database, frozen) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        eventstore.append(s, "booking-b1", 0, [_request("b1", frozen)])
    with pytest.raises(eventstore.ConcurrencyError), db.transaction() as s:
        eventstore.append(s, "booking-b1", 0, [_request("b1", frozen)])


def test_racing_writers_one_wins_per_version(database) -> None:  # type: ignore[no-untyped-def]
    now = clock.now()
    with db.transaction() as s:
        eventstore.append(s, "booking-b1", 0, [_request("b1", now)])
    results: list[str] = []
    barrier = threading.Barrier(8)

    def writer() -> None:
        barrier.wait()
        try:
            with db.transaction() as s:
                eventstore.append(s, "booking-b1", 1, [ev.HoldExpired(now)])
            results.append("ok")
        except eventstore.ConcurrencyError:
            results.append("conflict")

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict"] * 7 + ["ok"]
    with db.reading() as s:
        assert [e.version for e in eventstore.read_stream(s, "booking-b1")] == [1, 2]


def _lifecycle(booking_id: str) -> None:
    now = clock.now()
    uow.run(booking_id, lambda b, s: accept(_request(booking_id, now)), ACTOR)
    uow.run(booking_id,
            lambda b, s: accept(ev.PaymentAuthorized("pi_" + booking_id, 80000, "USD", now)), ACTOR)
    uow.run(booking_id, lambda b, s: accept(
        ev.ConsultationScheduled("evt", "https://meet.jit.si/r", now),
        jobs=(Job("mail.confirm", f"{booking_id}-confirm", {"booking_id": booking_id}),)), ACTOR)


def test_inline_projection_and_outbox_written_with_the_events(database) -> None:  # type: ignore[no-untyped-def]
    _lifecycle("b1")
    with db.reading() as s:
        view = s.get(BookingView, "b1")
        pay = s.get(PaymentView, "b1")
        jobs = s.exec(select(OutboxJob)).all()
    assert view is not None and view.status == "Confirmed" and view.version == 3
    assert view.meeting_url == "https://meet.jit.si/r"
    assert pay is not None and pay.status == "authorized" and pay.authorized_amount == 80000
    assert pay.intent_id == "pi_b1" and pay.scheduled_at == view.start
    assert [j.idempotency_key for j in jobs] == ["b1-confirm"]


def test_illegal_event_writes_nothing(database) -> None:  # type: ignore[no-untyped-def]
    _lifecycle("b1")
    now = clock.now()
    s_ = split(bk.Money(80000, "USD"))
    with pytest.raises(bk.CaptureBeforeCompletion):
        uow.run("b1", lambda b, s: accept(ev.PaymentCaptured(80000, s_.partner.amount,
                                                             s_.platform.amount, now)), ACTOR)
    with db.reading() as s:
        assert len(eventstore.read_stream(s, "booking-b1")) == 3
        assert s.get(BookingView, "b1").version == 3  # type: ignore[union-attr]


def _snapshot() -> list[dict]:
    with db.reading() as s:
        rows = [r.model_dump() for r in s.exec(select(BookingView)).all()]
        rows += [r.model_dump() for r in s.exec(select(PaymentView)).all()]
    return sorted(rows, key=lambda r: (r["booking_id"], len(r)))


def test_rebuild_equals_inline_result(database) -> None:  # type: ignore[no-untyped-def]
    for i in range(3):
        _lifecycle(f"b{i}")
        clock.advance(timedelta(minutes=7))
    uow.run("b1", lambda b, s: accept(ev.BookingCancelled("client", "", 80000, clock.now())),
            ACTOR)
    uow.run("b1", lambda b, s: accept(ev.AuthorizationReleased(80000, clock.now())), ACTOR)
    inline = _snapshot()
    with db.transaction() as s:
        counts = projections.rebuild(s)
    assert counts["bookings"] == 3
    assert _snapshot() == inline
    assert {r["status"] for r in inline if "version" in r} == {"Confirmed", "Refunded"}


def test_outbox_retries_with_backoff_then_fails_visibly(database, frozen) -> None:  # type: ignore[no-untyped-def]
    calls: list[dict] = []

    def flaky(payload: dict) -> None:
        calls.append(payload)
        raise ConnectionError("calendar is down")

    handlers = {"test.flaky": flaky}
    with db.transaction() as s:
        outbox.enqueue(s, Job("test.flaky", "k1", {"n": 1}, max_attempts=3))
        outbox.enqueue(s, Job("test.flaky", "k1", {"n": 2}))  # same key: ignored
    assert outbox.run_due(handlers) == 1
    assert outbox.run_due(handlers) == 0  # not due before its backoff
    clock.advance(outbox.backoff(1))
    assert outbox.run_due(handlers) == 1
    clock.advance(outbox.backoff(2))
    assert outbox.run_due(handlers) == 1
    with db.reading() as s:
        job = s.exec(select(OutboxJob)).one()
        failed = outbox.failed_jobs(s)
    assert calls == [{"n": 1}] * 3
    assert job.status == "failed" and "calendar is down" in (job.last_error or "")
    assert [j.id for j in failed] == [job.id]


def test_outbox_job_succeeds_once(database) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    handlers = {"test.ok": lambda p: seen.append(p["n"])}
    with db.transaction() as s:
        outbox.enqueue(s, Job("test.ok", "ok1", {"n": 7}))
    assert outbox.run_due(handlers) == 1
    clock.advance(timedelta(hours=2))
    assert outbox.run_due(handlers) == 0
    assert seen == [7]
