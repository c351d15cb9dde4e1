"""Days off and the weekly-hours editor: the rules, on the partner's own calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from fxorleans.domain import availability_edits as edits
from fxorleans.domain.availability import bookable_slots, is_bookable
from fxorleans.domain.days_off import InvalidDaysOff, parse_days_off
from fxorleans.domain.partners import (
    PartnerProfile,
    PartnerValidationError,
    parse_partner,
    partner_to_record,
)
from tests.factories import partner_record

# Monday 7 Dec 2026, 05:00 UTC: still Sunday 6 Dec in Los Angeles, already the 7th in Tokyo.
NOW = datetime(2026, 12, 7, 5, 0, tzinfo=UTC)
EVENINGS = {d: [["16:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def profile(tz: str = "America/Los_Angeles", **extra: object) -> PartnerProfile:
    return parse_partner(partner_record("lee-park", "Lee", "Park", "CTO", "Go", tz, **extra))


def slots_of(p: PartnerProfile) -> list[datetime]:
    return bookable_slots(p.hours_by_day(), p.timezone, NOW, horizon_days=4, min_notice_hours=0,
                          session_minutes=60, taken=(), days_off=p.days_off)


def local_days(slots: list[datetime], tz: str) -> set[date]:
    return {s.astimezone(ZoneInfo(tz)).date() for s in slots}


# --- the slot maths skips days off --------------------------------------------------------


def test_a_day_off_removes_exactly_that_local_day_of_slots() -> None:
    p = profile(working_hours=EVENINGS)
    every = slots_of(p)
    off = parse_partner({**partner_to_record(p), "days_off": ["2026-12-08"]})
    kept = slots_of(off)
    la = p.timezone
    assert date(2026, 12, 8) in local_days(every, la)
    assert local_days(kept, la) == local_days(every, la) - {date(2026, 12, 8)}
    removed = [s for s in every if s not in kept]
    assert len(removed) == 8 and local_days(removed, la) == {date(2026, 12, 8)}
    # 20:00 on the 8th in Los Angeles is the 9th in UTC: the partner's date decides.
    evening = datetime(2026, 12, 9, 4, 0, tzinfo=UTC)
    assert evening in every and evening not in kept
    assert not is_bookable(evening, off.hours_by_day(), la, NOW, horizon_days=4,
                           min_notice_hours=0, session_minutes=60, taken=(),
                           days_off=off.days_off)
    assert is_bookable(evening, p.hours_by_day(), la, NOW, horizon_days=4, min_notice_hours=0,
                       session_minutes=60, taken=())


# --- stored days off ----------------------------------------------------------------------


def test_stored_days_off_are_sorted_once_and_round_trip() -> None:
    assert parse_days_off(["2026-12-31", "2026-12-24", "2026-12-24"]) == (
        date(2026, 12, 24), date(2026, 12, 31))
    assert parse_days_off(None) == ()
    p = profile(days_off=["2026-12-31", "2026-12-24"])
    assert p.days_off == (date(2026, 12, 24), date(2026, 12, 31))
    assert partner_to_record(p)["days_off"] == ["2026-12-24", "2026-12-31"]
    assert parse_partner(partner_to_record(p)) == p


@pytest.mark.parametrize("bad", ["2026-12-24", ["20261224"], ["2026-02-30"], ["24/12/2026"],
                                 [20261224], [None]])
def test_malformed_days_off_are_refused_and_named(bad: object) -> None:
    with pytest.raises(InvalidDaysOff):
        parse_days_off(bad)
    with pytest.raises(PartnerValidationError) as exc:
        profile(days_off=bad)
    assert exc.value.field == "days_off"


# --- adding and removing days off ---------------------------------------------------------


def test_today_is_the_partners_today() -> None:
    sunday = "2026-12-06"  # still today in Los Angeles, yesterday in Tokyo
    la = edits.add_day_off(profile("America/Los_Angeles"), sunday, NOW)
    assert not la.refused and la.profile is not None
    assert la.profile.days_off == (date(2026, 12, 6),)
    tokyo = edits.add_day_off(profile("Asia/Tokyo"), sunday, NOW)
    assert tokyo.refused and "in the past" in tokyo.refusal


@pytest.mark.parametrize("text, says", [
    ("", "Choose a date"), ("tomorrow", "Choose a date"), ("2026-13-01", "Choose a date"),
    ("2030-01-01", "years ahead"), ("2026-12-24", "already a day off"),
])
def test_a_day_off_that_cannot_be_added_says_why(text: str, says: str) -> None:
    p = profile(days_off=["2026-12-24"])
    edit = edits.add_day_off(p, text, NOW)
    assert edit.refused and edit.profile is None and says in edit.refusal


def test_adding_and_removing_keep_only_days_ahead() -> None:
    p = profile(days_off=["2026-11-02", "2026-12-24"])  # November has passed
    added = edits.add_day_off(p, "2026-12-08", NOW).profile
    assert added is not None and added.days_off == (date(2026, 12, 8), date(2026, 12, 24))
    removed = edits.remove_day_off(added, "2026-12-24", NOW).profile
    assert removed is not None and removed.days_off == (date(2026, 12, 8),)
    missing = edits.remove_day_off(removed, "2026-12-25", NOW)
    assert missing.refused and "not one of your days off" in missing.refusal
    assert edits.remove_day_off(removed, "garbage", NOW).refused


# --- editing the week's hours -------------------------------------------------------------


def test_new_hours_are_stored_sorted_and_a_missing_day_is_off() -> None:
    p = profile()
    edit = edits.set_hours(p, {"mon": [["14:00", "18:00"], ["9:00", "12:00"]], "tue": [],
                               "sat": [["10:00", "24:00"]]}, NOW)
    assert edit.profile is not None
    hours = edit.profile.hours_by_day()
    assert hours["mon"] == [("09:00", "12:00"), ("14:00", "18:00")]
    assert hours["tue"] == [] and hours["wed"] == [] and hours["sat"] == [("10:00", "24:00")]
    # only the hours changed
    assert edit.profile == parse_partner({**partner_to_record(p),
                                          "working_hours": partner_to_record(edit.profile)
                                          ["working_hours"]})


@pytest.mark.parametrize("hours, day, says", [
    ({"tue": [["09:00", "12:00"], ["", "17:00"]]}, "tue", "Tuesday, hours 2: enter a start"),
    ({"wed": [["17:00", "09:00"]]}, "wed", "Wednesday, hours 1: Range 17:00-09:00 must start"),
    ({"thu": [["09:00", "13:00"], ["12:00", "15:00"]]}, "thu", "Thursday: Working-hour ranges"),
    ({"fri": [["25:00", "26:00"]]}, "fri", "Friday, hours 1: A time must look like"),
    ({"sun": [["9am", "5pm"]]}, "sun", "Sunday, hours 1:"),
])
def test_hours_that_cannot_be_saved_name_the_row(hours: dict, day: str, says: str) -> None:
    edit = edits.set_hours(profile(), hours, NOW)
    assert edit.refused and edit.day == day and edit.refusal.startswith(says), edit.refusal


def test_saving_hours_drops_past_days_off_only() -> None:
    p = profile(days_off=["2026-11-02", "2026-12-24"])
    edit = edits.set_hours(p, {"mon": [["09:00", "17:00"]]}, NOW)
    assert edit.profile is not None and edit.profile.days_off == (date(2026, 12, 24),)
