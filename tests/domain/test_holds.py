"""The hold rules, without a database: who may hold how many slots, and what a hold moves."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain import holds

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
START = NOW + timedelta(days=1)
HERE = holds.hashed_address("203.0.113.7", "")
ELSEWHERE = holds.hashed_address("198.51.100.9", "")


def _request(start: datetime = START, address: str | None = HERE, booking_id: str = "new",
             partner_id: str = "p1") -> ev.ConsultationRequested:
    return ev.ConsultationRequested(
        booking_id=booking_id, client_id="c1", partner_id=partner_id, start=start,
        end=start + timedelta(hours=1), amount=80000, currency="USD", problem="x" * 30,
        hold_expires_at=NOW + timedelta(minutes=15), client_address=address)


def _older(start: datetime = START + timedelta(hours=2), address: str | None = HERE,
           *more: ev.Event) -> bk.Booking:
    return bk.fold([_request(start, address, booking_id="old"), *more])


def _facts(**kw: object) -> holds.HoldFacts:
    fields: dict = {"open_holds": 0, "verified": True, "address_limit": 10} | kw
    return holds.HoldFacts(**fields)


def test_a_first_hold_is_accepted_and_moves_nothing() -> None:
    plan = holds.place(None, _request(), _facts(verified=False))
    assert plan.decision.events == (_request(),) and plan.decision.refusal is None
    assert plan.replaces == ()


def test_an_existing_booking_cannot_be_requested_again() -> None:
    with pytest.raises(bk.AlreadyRequested):
        holds.place(_older(), _request(), _facts())


def test_an_unverified_account_holds_one_time_at_a_time() -> None:
    plan = holds.place(None, _request(), _facts(open_holds=1, verified=False))
    assert plan.decision.events == () and plan.decision.refusal == holds.UNVERIFIED_ONE
    assert plan.replaces == ()
    assert "unverified accounts can hold one time at a time" in holds.UNVERIFIED_ONE
    assert holds.place(None, _request(), _facts(open_holds=1)).decision.refusal is None


def test_a_verified_client_holds_at_most_the_cap() -> None:
    below = holds.place(None, _request(), _facts(open_holds=holds.MAX_OPEN_HOLDS - 1))
    full = holds.place(None, _request(), _facts(open_holds=holds.MAX_OPEN_HOLDS))
    assert below.decision.refusal is None
    assert full.decision.events == ()
    assert f"already hold {holds.MAX_OPEN_HOLDS} unpaid slots" in (full.decision.refusal or "")


def test_a_new_time_with_the_same_partner_moves_the_hold() -> None:
    older = _older()
    unverified = holds.place(None, _request(),
                             _facts(open_holds=1, verified=False, with_partner=(older,)))
    assert unverified.decision.events == (_request(),) and unverified.replaces == (older,)
    # At the cap, moving a hold with this partner does not add one.
    full = holds.place(None, _request(),
                       _facts(open_holds=holds.MAX_OPEN_HOLDS, with_partner=(older,)))
    assert full.decision.refusal is None and full.replaces == (older,)


@pytest.mark.parametrize("paying", [
    (ev.CancellationPolicyAccepted([[24, 100]], NOW),),
    (ev.CancellationPolicyAccepted([[24, 100]], NOW),
     ev.PaymentFailed("pi_1", "card_declined", "Your card was declined.", NOW)),
])
def test_a_hold_being_paid_for_is_never_moved(paying: tuple[ev.Event, ...]) -> None:
    older = _older(START + timedelta(hours=2), HERE, *paying)
    assert holds.is_paying(older) and not holds.is_paying(_older())
    plan = holds.place(None, _request(), _facts(open_holds=1, with_partner=(older,)))
    assert plan.decision.events == () and plan.replaces == ()
    assert plan.decision.refusal == holds.PAYING_WITH_PARTNER


def test_one_address_holds_at_most_its_limit() -> None:
    assert holds.place(None, _request(), _facts(address_holds=9)).decision.refusal is None
    full = holds.place(None, _request(), _facts(address_holds=10))
    assert full.decision.events == () and full.decision.refusal == holds.ADDRESS_FULL
    assert holds.place(None, _request(), _facts(address_holds=3, address_limit=3)
                       ).decision.refusal == holds.ADDRESS_FULL
    # No address known: the rule has nothing to count.
    assert holds.place(None, _request(address=None), _facts(address_holds=10)
                       ).decision.refusal is None


def test_a_moved_hold_frees_its_place_under_the_address_limit_only_if_it_was_here() -> None:
    here = holds.place(None, _request(), _facts(open_holds=1, address_holds=10,
                                                with_partner=(_older(address=HERE),)))
    assert here.decision.refusal is None
    there = holds.place(None, _request(), _facts(open_holds=1, address_holds=10,
                                                 with_partner=(_older(address=ELSEWHERE),)))
    assert there.decision.refusal == holds.ADDRESS_FULL and there.replaces == ()


def test_an_overlapping_start_is_taken_unless_it_is_the_clients_own_moved_hold() -> None:
    half_past = START + timedelta(minutes=30)
    clash = holds.place(None, _request(), _facts(taken=(half_past,)))
    assert clash.decision.events == () and clash.decision.refusal == holds.TAKEN
    mine = _older(half_past)
    moved = holds.place(None, _request(), _facts(open_holds=1, taken=(half_past,),
                                                 with_partner=(mine,)))
    assert moved.decision.refusal is None and moved.replaces == (mine,)
    later = holds.place(None, _request(), _facts(taken=(START + timedelta(hours=1),)))
    assert later.decision.refusal is None


def test_only_the_clients_own_holds_are_moved() -> None:
    someone_elses = replace(_older(), client_id="c2")
    plan = holds.place(None, _request(), _facts(open_holds=0, with_partner=(someone_elses,)))
    assert plan.decision.refusal is None and plan.replaces == ()


def test_a_moved_hold_is_released_with_its_reason() -> None:
    d = holds.release(_older(), "c1", NOW, holds.MOVED)
    assert d.events == (ev.BookingCancelled("client", holds.MOVED, 0, NOW),)
    assert holds.release(_older(), "c1", NOW).events[0] == ev.BookingCancelled(
        "client", holds.RELEASED, 0, NOW)


def test_the_address_is_kept_as_a_keyed_hash_of_its_network() -> None:
    h = holds.hashed_address("203.0.113.7", "a secret")
    assert h is not None and len(h) == 64 and set(h) <= set("0123456789abcdef")
    assert "203.0.113.7" not in h
    assert h == holds.hashed_address(" 203.0.113.7 ", "a secret")
    assert h != holds.hashed_address("203.0.113.7", "another secret")
    assert h != holds.hashed_address("203.0.113.8", "a secret")
    assert h != hashlib.sha256(b"203.0.113.7").hexdigest()  # unkeyed: guessable, not used
    dev = hmac.new(holds.DEVELOPMENT_ADDRESS_KEY, b"203.0.113.7", hashlib.sha256).hexdigest()
    assert holds.hashed_address("203.0.113.7", "") == dev
    assert holds.hashed_address("", "a secret") is None
    assert holds.hashed_address("   ", "a secret") is None


def test_an_ipv6_subscriber_counts_as_one_network() -> None:
    one = holds.hashed_address("2001:db8:1:2::1", "k")
    assert one == holds.hashed_address("2001:db8:1:2:ffff::9", "k")
    assert one != holds.hashed_address("2001:db8:1:3::1", "k")
    assert holds.network_of("2001:DB8:1:2::1") == "2001:db8:1:2::/64"
    assert holds.network_of("::ffff:203.0.113.7") == "203.0.113.7"
    assert holds.network_of("fe80::1%eth0") == "fe80::/64"
    assert holds.network_of("unknown") == "unknown"


def test_a_request_recorded_before_addresses_still_loads() -> None:
    data = _request().to_data()
    del data["client_address"]
    old = ev.from_data("ConsultationRequested", data)
    assert isinstance(old, ev.ConsultationRequested) and old.client_address is None
    assert bk.fold([old]).client_address is None
    again = ev.from_data("ConsultationRequested", _request().to_data())
    assert again == _request() and bk.fold([again]).client_address == HERE
