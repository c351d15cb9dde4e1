"""A booking, a match request and a confirmation are visible only to their owner (and admins)."""

from __future__ import annotations

import pytest

from fxorleans import routes
from fxorleans.accounts import service as accounts
from fxorleans.booking import directory, holds, matching
from fxorleans.state.book import BookState
from fxorleans.state.confirmation import ConfirmationState
from fxorleans.state.matching import MatchState
from tests.factories import partner_record
from tests.statekit import call, make_state

PARTNER = partner_record("omar-haddad", "Omar", "Haddad", "CFO", "FP&A", "Asia/Dubai")
PROBLEM = "We have nine months of runway and the board wants a forecast by Friday."


@pytest.fixture
def world(sqlite_db):  # type: ignore[no-untyped-def]
    directory.import_partners([PARTNER])
    ids = {}
    for who in ("ann", "bob"):
        user = accounts.register(f"{who}@example.com", "correct horse battery", who, "a")
        ids[who] = (user.id, accounts.login(f"{who}@example.com", "correct horse battery",
                                            "a")[0])
    accounts.create_admin("root@example.com", "admin password 1")
    ids["root"] = ("", accounts.login("root@example.com", "admin password 1", "a")[0])
    partner = directory.get_partner("omar-haddad")
    hold = holds.place_hold(client_id=ids["ann"][0], partner_id="omar-haddad",
                            start=holds.available_slots(partner)[2], problem=PROBLEM,  # type: ignore[arg-type]
                            client_timezone="Europe/Paris", client_address="a")
    request_id = matching.submit(owner=f"user:{ids['ann'][0]}", problem=PROBLEM, address="a")
    return ids, hold.booking_id, request_id


def test_payment_page_shows_the_booking_only_to_its_client(world) -> None:  # type: ignore[no-untyped-def]
    ids, booking_id, _ = world
    path = routes.book(booking_id)
    anon = make_state(BookState, path=path)
    assert "/login" in str(call(anon, "load")) and not anon.found
    bob = make_state(BookState, token=ids["bob"][1], path=path)
    call(bob, "load")
    assert not bob.found and bob.booking.problem == "" and bob.booking.partner_name == ""
    ann = make_state(BookState, token=ids["ann"][1], path=path)
    call(ann, "load")
    assert ann.found and ann.booking.problem == PROBLEM and ann.booking.total == "$800.00"
    assert "(Europe/Paris" in ann.booking.when


def test_confirmation_page_is_for_the_client_and_admins(world) -> None:  # type: ignore[no-untyped-def]
    ids, booking_id, _ = world
    path = routes.confirmation(booking_id)
    bob = make_state(ConfirmationState, token=ids["bob"][1], path=path)
    call(bob, "load")
    assert not bob.found and bob.booking.partner_name == ""
    root = make_state(ConfirmationState, token=ids["root"][1], path=path)
    call(root, "load")
    assert root.found and root.booking.partner_name == "Omar Haddad"
    anon = make_state(ConfirmationState, path=path)
    assert "/login" in str(call(anon, "load")) and not anon.found


def test_match_results_are_for_the_requests_owner(world) -> None:  # type: ignore[no-untyped-def]
    ids, _, request_id = world
    path = routes.match(request_id)
    bob = make_state(MatchState, token=ids["bob"][1], path=path)
    call(bob, "load")
    assert not bob.found and bob.problem_text == "" and bob.match_rows == []
    stranger = make_state(MatchState, path=path)
    call(stranger, "load")
    assert not stranger.found
    ann = make_state(MatchState, token=ids["ann"][1], path=path)
    call(ann, "load")
    assert ann.found and ann.problem_text == PROBLEM
    assert [r.partner_id for r in ann.match_rows] == ["omar-haddad"]


def test_a_partner_or_admin_cannot_pay_for_a_client(world) -> None:  # type: ignore[no-untyped-def]
    ids, booking_id, _ = world
    root = make_state(BookState, token=ids["root"][1], path=routes.book(booking_id))
    call(root, "load")
    assert root.found and root.pay_phase == "idle"  # sees it, gets no payment form
    assert "/admin" in str(call(root, "complete"))
