"""The availability editor's handlers: a partner edits their own week; nobody else can."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fxorleans import clock, routes
from fxorleans.accounts import service as accounts
from fxorleans.booking import directory
from fxorleans.state.availability import NOT_A_PARTNER, AvailabilityState
from fxorleans.store import db
from tests.factories import partner_record
from tests.statekit import call, make_state

PASSWORD = "correct horse battery"
# Monday 7 Dec 2026 08:00 UTC; Omar works in Dubai (UTC+4).
MONDAY = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
OMAR = partner_record("omar-haddad", "Omar", "Haddad", "CFO", "FP&A", "Asia/Dubai")
INES = partner_record("ines-duarte", "Ines", "Duarte", "CISO", "SOC 2", "Europe/Lisbon")


def _partner_token(partner_id: str, email: str, role: str = "partner") -> str:
    with db.transaction() as s:
        accounts.create_user(s, email, PASSWORD, role=role, name=partner_id,
                             partner_id=partner_id, verified=True)
    return accounts.login(email, PASSWORD, "a")[0]


@pytest.fixture
def tokens(sqlite_db) -> dict[str, str]:
    clock.freeze(MONDAY)
    directory.import_partners([OMAR, INES])
    accounts.register("ann@example.com", PASSWORD, "Ann", "a")
    accounts.create_admin("root@example.com", "admin password 1")
    return {"omar": _partner_token("omar-haddad", "omar@example.com"),
            "ines": _partner_token("ines-duarte", "ines@example.com"),
            "ann": accounts.login("ann@example.com", PASSWORD, "a")[0],
            # a client account still linked to a partner (say, a demoted one): the role decides
            "linked": _partner_token("omar-haddad", "linked@example.com", role="client"),
            "root": accounts.login("root@example.com", "admin password 1", "a")[0]}


def editor(token: str) -> AvailabilityState:
    state = make_state(AvailabilityState, token=token, path=routes.AVAILABILITY)
    call(state, "load")
    return state


def hours_of(partner_id: str) -> dict[str, list[tuple[str, str]]]:
    partner = directory.get_partner(partner_id)
    assert partner is not None
    return partner.hours_by_day()


def test_a_partner_sees_and_saves_their_own_week(tokens) -> None:
    omar = editor(tokens["omar"])
    assert omar.found and omar.timezone == "Asia/Dubai" and omar.today == "2026-12-07"
    assert [d.name for d in omar.week][:2] == ["Monday", "Tuesday"]
    assert [(r.start, r.end) for r in omar.week[0].ranges] == [("00:00", "23:00")]
    call(omar, "set_start", 0, 0, "9:00")
    call(omar, "set_end", 0, 0, "12:00")
    call(omar, "add_range", 0)
    call(omar, "set_start", 0, 1, "14:00")
    call(omar, "set_end", 0, 1, "18:00")
    call(omar, "remove_range", 1, 0)  # Tuesday off
    assert omar.unsaved and hours_of("omar-haddad")["mon"] == [("00:00", "23:00")]
    call(omar, "save_hours", {})
    assert omar.hours_error == "" and "Saved" in omar.hours_notice and not omar.unsaved
    assert hours_of("omar-haddad")["mon"] == [("09:00", "12:00"), ("14:00", "18:00")]
    assert hours_of("omar-haddad")["tue"] == []
    assert hours_of("ines-duarte")["mon"] == [("00:00", "23:00")]  # only his own


def test_a_week_that_cannot_be_saved_keeps_the_draft_and_marks_the_day(tokens) -> None:
    omar = editor(tokens["omar"])
    call(omar, "set_end", 2, 0, "")  # Wednesday's end left empty
    call(omar, "save_hours", {})
    assert omar.hours_error.startswith("Wednesday, hours 1: enter a start and an end")
    assert omar.week[2].error == omar.hours_error and omar.week[1].error == ""
    assert omar.week[2].ranges[0].end == "" and omar.unsaved  # the draft is kept
    assert hours_of("omar-haddad")["wed"] == [("00:00", "23:00")]


def test_days_off_are_added_and_removed(tokens) -> None:
    omar = editor(tokens["omar"])
    call(omar, "set_new_day_off", "2026-12-24")
    call(omar, "add_day_off", {})
    assert omar.day_off_error == "" and [d.iso for d in omar.days_off] == ["2026-12-24"]
    assert omar.days_off[0].label == "Thu 24 Dec 2026" and omar.new_day_off == ""
    assert "Thu 24 Dec 2026 is a day off" in omar.day_off_notice
    call(omar, "set_new_day_off", "2026-12-01")
    call(omar, "add_day_off", {})
    assert "in the past" in omar.day_off_error and len(omar.days_off) == 1
    partner = directory.get_partner("omar-haddad")
    assert partner is not None and partner.days_off == (date(2026, 12, 24),)
    call(omar, "pick_day_off", "2026-12-24")
    call(omar, "remove_day_off")
    assert omar.days_off == [] and "working day again" in omar.day_off_notice
    # A draft of the hours survives a day-off change.
    call(omar, "set_start", 4, 0, "10:00")
    call(omar, "set_new_day_off", "2026-12-25")
    call(omar, "add_day_off", {})
    assert omar.week[4].ranges[0].start == "10:00" and omar.unsaved


@pytest.mark.parametrize("who", ["ann", "linked", "root", ""])
def test_everyone_but_a_partner_is_refused_on_the_server(tokens, who) -> None:
    state = make_state(AvailabilityState, token=tokens.get(who, ""), path=routes.AVAILABILITY)
    went = str(call(state, "load"))
    assert not state.found and state.week == []
    assert ("/login" in went) if not who else (routes.home_for(state.user_role) in went)
    # Handlers called directly (hiding the page is not a check) change nothing.
    state.week = editor(tokens["omar"]).week
    call(state, "save_hours", {})
    state.new_day_off = "2026-12-24"
    call(state, "add_day_off", {})
    call(state, "pick_day_off", "2026-12-24")
    call(state, "remove_day_off")
    assert state.hours_error == NOT_A_PARTNER == state.day_off_error
    for partner_id in ("omar-haddad", "ines-duarte"):
        partner = directory.get_partner(partner_id)
        assert partner is not None and partner.days_off == ()
        assert partner.hours_by_day()["mon"] == [("00:00", "23:00")]


def test_a_partner_account_without_a_profile_has_nothing_to_edit(tokens) -> None:
    ghost = editor(_partner_token("gone-partner", "gone@example.com"))
    assert ghost.loaded and not ghost.found and ghost.week == []
    call(ghost, "save_hours", {})
    assert not ghost.found
