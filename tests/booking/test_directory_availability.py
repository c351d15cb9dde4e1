"""A partner's week edited through the use cases, on SQLite and PostgreSQL: the slots that
the profile page and booking read change at once; holds already made stay."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from fxorleans.booking import availability, directory, holds, slots
from fxorleans.domain.partners import partner_to_record
from fxorleans.store import db
from fxorleans.store.tables import PartnerRow

PROBLEM = "Our AWS bill doubled and nobody knows why; we need a cost review plan."
WEEKDAYS = {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
# The frozen clock is Monday 7 Dec 2026 08:00 UTC; Tuesday 10:00 is well within the window.
TUESDAY_10 = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


def record(pid: str = "maya-okafor") -> dict:
    return {
        "id": pid, "email": f"{pid}@example.com", "first_name": "Maya", "last_name": "Okafor",
        "title": "Fractional CTO", "practice": "CTO", "bio": "Cloud costs and platforms.",
        "skills": [{"name": "AWS", "years": 12, "level": "Expert"}],
        "industries": ["B2B SaaS"], "location": "London", "timezone": "UTC",
        "working_hours": WEEKDAYS, "active": True,
    }


@pytest.fixture
def maya(database, frozen):
    directory.import_partners([record()])
    return "maya-okafor"


def offered() -> list[datetime]:
    partner = directory.get_partner("maya-okafor")
    assert partner is not None
    return slots.available_slots(partner)


def test_new_hours_change_the_offered_slots_at_once(maya) -> None:
    assert TUESDAY_10 in offered()
    outcome = availability.save_hours(maya, {"tue": [["13:00", "15:00"]],
                                             "wed": [["9:00", "10:00"]]})
    assert outcome.refusal == "" and outcome.week is not None
    assert outcome.week.hours["tue"] == [("13:00", "15:00")] and outcome.week.hours["mon"] == []
    assert [s.isoformat() for s in offered()] == [
        "2026-12-08T13:00:00+00:00", "2026-12-08T14:00:00+00:00",
        "2026-12-09T09:00:00+00:00", "2026-12-15T13:00:00+00:00",
        "2026-12-15T14:00:00+00:00", "2026-12-16T09:00:00+00:00"]
    with db.reading() as s:
        row = s.get(PartnerRow, maya)
        assert row is not None and row.working_hours["tue"] == [["13:00", "15:00"]]


def test_a_refused_week_stores_nothing_and_says_which_day(maya) -> None:
    before = offered()
    outcome = availability.save_hours(maya, {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]})
    assert outcome.day == "mon" and "overlap" in outcome.refusal
    assert outcome.week is not None and outcome.week.hours["mon"] == [("09:00", "17:00")]
    assert offered() == before


def test_a_day_off_removes_its_slots_and_refuses_new_holds(maya) -> None:
    outcome = availability.add_day_off(maya, "2026-12-08")
    assert outcome.refusal == "" and outcome.week is not None
    assert outcome.week.days_off == (date(2026, 12, 8),)
    assert not [s for s in offered() if s.date() == date(2026, 12, 8)]
    with pytest.raises(holds.SlotUnavailable):
        holds.place_hold(client_id="c1", partner_id=maya, start=TUESDAY_10, problem=PROBLEM,
                         client_timezone="UTC", client_address="203.0.113.7")
    again = availability.add_day_off(maya, "2026-12-08")
    assert "already a day off" in again.refusal
    back = availability.remove_day_off(maya, "2026-12-08")
    assert back.week is not None and back.week.days_off == ()
    assert TUESDAY_10 in offered()


def test_editing_leaves_a_hold_already_made_in_place(maya) -> None:
    hold = holds.place_hold(client_id="c1", partner_id=maya, start=TUESDAY_10, problem=PROBLEM,
                            client_timezone="UTC", client_address="203.0.113.7")
    availability.add_day_off(maya, "2026-12-08")
    availability.save_hours(maya, {"wed": [["09:00", "17:00"]]})
    kept = slots.get_hold(hold.booking_id)
    assert kept is not None and kept.status == hold.status and kept.start == TUESDAY_10
    assert slots.taken_starts(maya) == [TUESDAY_10]
    # Tuesday's hours come back, but the held hour is still taken.
    availability.remove_day_off(maya, "2026-12-08")
    availability.save_hours(maya, WEEKDAYS)
    assert TUESDAY_10 not in offered()
    assert TUESDAY_10 + timedelta(hours=1) in offered()


def test_days_off_survive_a_reload_and_an_import_that_carries_them(maya) -> None:
    availability.add_day_off(maya, "2026-12-24")
    partner = directory.get_partner(maya)
    assert partner is not None and partner.days_off == (date(2026, 12, 24),)
    directory.import_partners([partner_to_record(partner)])
    assert directory.get_partner(maya) == partner


def test_an_unknown_or_empty_partner_is_nothing_to_edit(database, frozen) -> None:
    assert availability.save_hours("nobody", WEEKDAYS).week is None
    assert availability.add_day_off("", "2026-12-24").week is None
    assert availability.week_of("nobody") is None
