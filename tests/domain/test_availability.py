"""Slot maths: examples for the rules, DST changes in four zones, and properties over many."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fxorleans.domain.availability import (
    DAY_KEYS,
    bookable_slots,
    is_bookable,
    parse_working_hours,
    valid_timezone,
)
from fxorleans.domain.display import format_slot, slots_by_local_day, zone_label

WEEKDAYS = {d: [("09:00", "17:00")] for d in DAY_KEYS[:5]}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def slots(hours, tz, now, *, horizon_days=14, min_notice_hours=0, session_minutes=60, taken=()):
    return bookable_slots(
        hours, tz, now, horizon_days=horizon_days, min_notice_hours=min_notice_hours,
        session_minutes=session_minutes, taken=taken,
    )


def local_times(result, tz):
    zone = ZoneInfo(tz)
    return [s.astimezone(zone).strftime("%a %d %H:%M %Z") for s in result]


# --- the plain rules ----------------------------------------------------------------------


def test_a_working_day_in_berlin_gives_hourly_utc_starts():
    # Monday 30 Nov 2026, 06:00 UTC = 07:00 CET; the horizon ends before Tuesday's hours.
    result = slots(WEEKDAYS, "Europe/Berlin", utc(2026, 11, 30, 6), horizon_days=1)
    assert result == [utc(2026, 11, 30, h) for h in range(8, 16)]
    assert all(s.tzinfo is UTC for s in result)


def test_the_last_slot_ends_at_the_end_of_the_range():
    result = slots({"mon": [("09:00", "17:00")]}, "UTC", utc(2026, 11, 30), horizon_days=1,
                   session_minutes=90)
    assert [s.strftime("%H:%M") for s in result] == ["09:00", "10:30", "12:00", "13:30", "15:00"]


def test_split_days_and_a_saturday_morning():
    hours = {"fri": [("08:00", "12:00"), ("14:00", "16:00")], "sat": [("09:00", "11:00")]}
    result = slots(hours, "America/Chicago", utc(2026, 12, 3), horizon_days=3)
    assert local_times(result, "America/Chicago") == [
        "Fri 04 08:00 CST", "Fri 04 09:00 CST", "Fri 04 10:00 CST", "Fri 04 11:00 CST",
        "Fri 04 14:00 CST", "Fri 04 15:00 CST", "Sat 05 09:00 CST", "Sat 05 10:00 CST",
    ]


def test_a_range_may_run_to_midnight():
    result = slots({"tue": [("21:00", "24:00")]}, "UTC", utc(2026, 12, 1), horizon_days=2)
    assert result == [utc(2026, 12, 1, 21), utc(2026, 12, 1, 22), utc(2026, 12, 1, 23)]


def test_notice_and_horizon_bounds_are_both_included():
    now = utc(2026, 11, 30, 7)  # Monday, UTC partner
    result = slots({"mon": [("09:00", "17:00")]}, "UTC", now, min_notice_hours=2,
                   horizon_days=7)
    assert result[0] == utc(2026, 11, 30, 9)  # exactly now + notice
    assert result[-1] == utc(2026, 11, 30, 16)  # next Monday 09:00 is past now + 7 days
    late = slots({"mon": [("09:00", "17:00")]}, "UTC", utc(2026, 11, 30, 7, 1),
                 min_notice_hours=2, horizon_days=7)
    assert late[0] == utc(2026, 11, 30, 10)
    # The horizon end is inclusive too: next Monday 09:00 is exactly 7 days after 09:00 now.
    at_nine = slots({"mon": [("09:00", "17:00")]}, "UTC", utc(2026, 11, 30, 9), horizon_days=7)
    assert at_nine[-1] == utc(2026, 12, 7, 9)


def test_nothing_to_offer():
    assert slots({}, "UTC", utc(2026, 11, 30)) == []
    assert slots(WEEKDAYS, "UTC", utc(2026, 11, 30), horizon_days=0, min_notice_hours=2) == []


def test_taken_starts_are_excluded_whatever_zone_they_come_in():
    now = utc(2026, 11, 30, 0)
    taken = [datetime(2026, 11, 30, 10, tzinfo=ZoneInfo("Europe/Berlin"))]  # 09:00 UTC
    result = slots({"mon": [("09:00", "12:00")]}, "UTC", now, horizon_days=1, taken=taken)
    assert result == [utc(2026, 11, 30, 10), utc(2026, 11, 30, 11)]


def test_a_taken_session_off_the_grid_blocks_every_slot_it_overlaps():
    # Booked at 10:30 before the partner moved to whole hours: 10:00 and 11:00 both clash.
    result = slots({"mon": [("09:00", "13:00")]}, "UTC", utc(2026, 11, 30), horizon_days=1,
                   taken=[utc(2026, 11, 30, 10, 30)])
    assert result == [utc(2026, 11, 30, 9), utc(2026, 11, 30, 12)]


# --- daylight saving time -----------------------------------------------------------------


def test_new_york_spring_forward_skips_the_missing_hour():
    # Sunday 8 Mar 2026: 02:00 EST jumps to 03:00 EDT.
    result = slots({"sun": [("00:00", "05:00")]}, "America/New_York", utc(2026, 3, 7),
                   horizon_days=2)
    assert result == [utc(2026, 3, 8, 5), utc(2026, 3, 8, 6), utc(2026, 3, 8, 7),
                      utc(2026, 3, 8, 8)]
    assert local_times(result, "America/New_York") == [
        "Sun 08 00:00 EST", "Sun 08 01:00 EST", "Sun 08 03:00 EDT", "Sun 08 04:00 EDT"]


def test_new_york_office_hours_keep_their_local_time_across_the_change():
    hours = {d: [("09:00", "17:00")] for d in DAY_KEYS}
    result = slots(hours, "America/New_York", utc(2026, 3, 6), horizon_days=4)
    days = slots_by_local_day(result, "America/New_York")
    assert [d for d, _ in days] == [date(2026, 3, d) for d in (6, 7, 8, 9)]
    for _, day_slots in days:
        assert [s.strftime("%H:%M") for s in day_slots] == [f"{h:02d}:00" for h in range(9, 17)]
    assert days[0][1][0] == utc(2026, 3, 6, 14)  # 09:00 EST
    assert days[2][1][0] == utc(2026, 3, 8, 13)  # 09:00 EDT, on the change day itself


def test_new_york_spring_forward_with_half_hour_sessions():
    result = slots({"sun": [("01:00", "04:00")]}, "America/New_York", utc(2026, 3, 7),
                   horizon_days=2, session_minutes=30)
    assert local_times(result, "America/New_York") == [
        "Sun 08 01:00 EST", "Sun 08 01:30 EST", "Sun 08 03:00 EDT", "Sun 08 03:30 EDT"]


def test_a_slot_across_the_gap_must_end_inside_the_range():
    # 01:00 EST + 60 min is 03:00 EDT on the wall, past a range that ends at 02:30.
    result = slots({"sun": [("00:00", "02:30")]}, "America/New_York", utc(2026, 3, 7),
                   horizon_days=2)
    assert local_times(result, "America/New_York") == ["Sun 08 00:00 EST"]


def test_long_sessions_never_overlap_across_the_gap():
    result = slots({"sun": [("00:00", "06:00")]}, "America/New_York", utc(2026, 3, 7),
                   horizon_days=2, session_minutes=90)
    # 03:00 EDT is 07:00 UTC, inside the 01:30 EST session (06:30-08:00 UTC): skipped.
    assert result == [utc(2026, 3, 8, 5), utc(2026, 3, 8, 6, 30), utc(2026, 3, 8, 8, 30)]


def test_new_york_fall_back_offers_the_repeated_hour_once():
    # Sunday 1 Nov 2026: 02:00 EDT falls back to 01:00 EST; 01:00 happens twice.
    result = slots({"sun": [("00:00", "04:00")]}, "America/New_York", utc(2026, 10, 31),
                   horizon_days=2)
    assert result == [utc(2026, 11, 1, 4), utc(2026, 11, 1, 5), utc(2026, 11, 1, 7),
                      utc(2026, 11, 1, 8)]
    assert local_times(result, "America/New_York") == [
        "Sun 01 00:00 EDT", "Sun 01 01:00 EDT", "Sun 01 02:00 EST", "Sun 01 03:00 EST"]


def test_new_york_fall_back_office_hours():
    result = slots({"sun": [("09:00", "17:00")], "mon": [("09:00", "10:00")]},
                   "America/New_York", utc(2026, 10, 31), horizon_days=3)
    assert result[0] == utc(2026, 11, 1, 14)  # 09:00 EST
    assert result[-1] == utc(2026, 11, 2, 14)
    assert len(result) == 9


def test_london_spring_and_autumn():
    sunday = {"sun": [("00:00", "04:00")]}
    spring = slots(sunday, "Europe/London", utc(2026, 3, 28), horizon_days=2)
    assert local_times(spring, "Europe/London") == [
        "Sun 29 00:00 GMT", "Sun 29 02:00 BST", "Sun 29 03:00 BST"]
    assert spring == [utc(2026, 3, 29, 0), utc(2026, 3, 29, 1), utc(2026, 3, 29, 2)]

    autumn = slots(sunday, "Europe/London", utc(2026, 10, 24), horizon_days=2)
    assert local_times(autumn, "Europe/London") == [
        "Sun 25 00:00 BST", "Sun 25 01:00 BST", "Sun 25 02:00 GMT", "Sun 25 03:00 GMT"]
    assert autumn == [utc(2026, 10, 24, 23), utc(2026, 10, 25, 0), utc(2026, 10, 25, 2),
                      utc(2026, 10, 25, 3)]

    friday_monday = slots({"fri": [("09:00", "10:00")], "mon": [("09:00", "10:00")]},
                          "Europe/London", utc(2026, 3, 26), horizon_days=5)
    assert friday_monday == [utc(2026, 3, 27, 9), utc(2026, 3, 30, 8)]


def test_sydney_changes_the_other_way_round():
    sunday = {"sun": [("01:00", "04:00")]}
    # Sunday 5 Apr 2026: 03:00 AEDT falls back to 02:00 AEST.
    april = slots(sunday, "Australia/Sydney", utc(2026, 4, 3), horizon_days=3)
    assert local_times(april, "Australia/Sydney") == [
        "Sun 05 01:00 AEDT", "Sun 05 02:00 AEDT", "Sun 05 03:00 AEST"]
    assert april == [utc(2026, 4, 4, 14), utc(2026, 4, 4, 15), utc(2026, 4, 4, 17)]
    # Sunday 4 Oct 2026: 02:00 AEST jumps to 03:00 AEDT.
    october = slots(sunday, "Australia/Sydney", utc(2026, 10, 2), horizon_days=3)
    assert local_times(october, "Australia/Sydney") == [
        "Sun 04 01:00 AEST", "Sun 04 03:00 AEDT"]
    assert october == [utc(2026, 10, 3, 15), utc(2026, 10, 3, 16)]


def test_lord_howe_half_hour_shift_keeps_sessions_apart():
    # Lord Howe Island moves its clock by 30 minutes: 02:00 -> 02:30 on 4 Oct 2026.
    result = slots({"sun": [("00:00", "05:00")]}, "Australia/Lord_Howe", utc(2026, 10, 2),
                   horizon_days=3)
    for a, b in zip(result, result[1:], strict=False):
        assert b - a >= timedelta(hours=1)
    assert local_times(result, "Australia/Lord_Howe")[0].startswith("Sun 04 00:00")


# --- viewers in other zones ---------------------------------------------------------------


def test_a_viewer_in_kolkata_sees_the_right_local_day():
    # Monday 9 Mar 2026 in New York (EDT, UTC-4); Kolkata is UTC+5:30, no DST.
    result = slots({"mon": [("13:00", "16:00")]}, "America/New_York", utc(2026, 3, 8),
                   horizon_days=2)
    assert result == [utc(2026, 3, 9, 17), utc(2026, 3, 9, 18), utc(2026, 3, 9, 19)]
    days = slots_by_local_day(result, "Asia/Kolkata")
    assert [(d, [s.strftime("%H:%M") for s in ss]) for d, ss in days] == [
        (date(2026, 3, 9), ["22:30", "23:30"]),
        (date(2026, 3, 10), ["00:30"]),
    ]
    assert all(s.tzinfo == ZoneInfo("Asia/Kolkata") for _, ss in days for s in ss)
    assert format_slot(result[-1], "Asia/Kolkata") == "Tue 10 Mar 2026, 00:30 (Asia/Kolkata, IST)"


def test_slots_by_local_day_sorts_and_handles_nothing():
    assert slots_by_local_day([], "UTC") == []
    out = slots_by_local_day([utc(2026, 1, 2, 9), utc(2026, 1, 1, 9)], "UTC")
    assert [d for d, _ in out] == [date(2026, 1, 1), date(2026, 1, 2)]


def test_format_slot_and_zone_labels():
    assert format_slot(utc(2026, 12, 1, 13), "Europe/Berlin") == (
        "Tue 1 Dec 2026, 14:00 (Europe/Berlin, CET)")
    assert zone_label("Europe/Berlin", utc(2026, 7, 1)) == "Europe/Berlin, CEST"
    assert zone_label("America/New_York", utc(2026, 1, 1)) == "America/New_York, EST"
    # tzdata has no letters for these; an offset reads better than "+04".
    assert zone_label("Asia/Dubai", utc(2026, 1, 1)) == "Asia/Dubai, UTC+4"
    assert zone_label("America/Sao_Paulo", utc(2026, 1, 1)) == "America/Sao_Paulo, UTC-3"
    assert zone_label("Asia/Kathmandu", utc(2026, 1, 1)) == "Asia/Kathmandu, UTC+5:45"
    assert zone_label("UTC", utc(2026, 1, 1)) == "UTC"
    assert format_slot(utc(2026, 3, 5, 9, 5), "UTC") == "Thu 5 Mar 2026, 09:05 (UTC)"


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Europe/Berlin", "UTC", "Asia/Kolkata", "America/New_York",
                                  "Australia/Lord_Howe"])
def test_valid_timezones(name):
    assert valid_timezone(name)


@pytest.mark.parametrize("name", ["", "Mars/Olympus", "europe/berlin", "../etc/passwd",
                                  "/etc/localtime", "localtime", "Factory", " Europe/Berlin",
                                  "CET+1"])
def test_invalid_timezones(name):
    assert not valid_timezone(name)


@pytest.mark.parametrize("hours, message", [
    ({"monday": [("09:00", "17:00")]}, "unknown day"),
    ({"mon": [("9:00", "17:00")]}, "09:00"),
    ({"mon": [("09:00", "25:00")]}, "09:00"),
    ({"mon": [("17:00", "09:00")]}, "start before"),
    ({"mon": [("09:00", "09:00")]}, "start before"),
    ({"mon": [("24:00", "24:00")]}, "09:00"),
    ({"mon": [("09:00", "12:00"), ("11:00", "13:00")]}, "overlap"),
    ({"mon": ["09:00-17:00"]}, "pair"),
])
def test_bad_working_hours_are_refused(hours, message):
    with pytest.raises(ValueError, match=message):
        parse_working_hours(hours)


def test_working_hours_from_json_lists_and_unsorted_ranges():
    parsed = parse_working_hours({"mon": [["14:00", "18:00"], ["08:00", "12:00"]], "sun": []})
    assert parsed["mon"] == ((480, 720), (840, 1080))
    assert parsed["sun"] == () and parsed["tue"] == ()


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="aware"):
        slots(WEEKDAYS, "UTC", datetime(2026, 11, 30, 9))
    with pytest.raises(ValueError, match="aware"):
        slots(WEEKDAYS, "UTC", utc(2026, 11, 30), taken=[datetime(2026, 11, 30, 9)])
    with pytest.raises(ValueError, match="time zone"):
        slots(WEEKDAYS, "Mars/Olympus", utc(2026, 11, 30))
    with pytest.raises(ValueError, match="session_minutes"):
        slots(WEEKDAYS, "UTC", utc(2026, 11, 30), session_minutes=0)


# --- is_bookable --------------------------------------------------------------------------

KW = dict(horizon_days=14, min_notice_hours=2, session_minutes=60)


def test_is_bookable_accepts_exactly_the_offered_slots():
    now = utc(2026, 11, 30, 7)
    taken = [utc(2026, 12, 1, 10)]
    offered = bookable_slots(WEEKDAYS, "Europe/Berlin", now, taken=taken, **KW)
    assert offered
    assert all(is_bookable(s, WEEKDAYS, "Europe/Berlin", now, taken=taken, **KW)
               for s in offered)
    # The same instant written in another zone is the same slot.
    berlin = offered[3].astimezone(ZoneInfo("Asia/Tokyo"))
    assert is_bookable(berlin, WEEKDAYS, "Europe/Berlin", now, taken=taken, **KW)


@pytest.mark.parametrize("start", [
    utc(2026, 12, 1, 10),          # taken
    utc(2026, 12, 1, 8, 30),       # off the grid
    utc(2026, 11, 30, 8),          # inside working hours but before the notice ends
    utc(2026, 12, 5, 10),          # a Saturday
    utc(2026, 12, 1, 16),          # 17:00 Berlin, after hours
    utc(2026, 12, 15, 8),          # beyond the horizon
    utc(2026, 11, 29, 8),          # in the past
    datetime(2026, 12, 1, 9),      # naive: which 09:00?
])
def test_is_bookable_refuses_everything_else(start):
    now = utc(2026, 11, 30, 7)
    assert not is_bookable(start, WEEKDAYS, "Europe/Berlin", now,
                           taken=[utc(2026, 12, 1, 10)], **KW)


# --- properties ---------------------------------------------------------------------------

ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata",
         "Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu",
         "Pacific/Auckland", "America/Los_Angeles", "UTC"]
FIXED_OFFSET_ZONES = ["UTC", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo"]


def _hhmm(minutes: int) -> str:
    return "24:00" if minutes == 1440 else f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def working_hours(draw):
    hours = {}
    for day in DAY_KEYS:
        # Pairs of sorted, distinct quarter-hour boundaries never overlap.
        bounds = sorted(draw(st.sets(st.integers(0, 96), max_size=6)))
        bounds = bounds[: len(bounds) // 2 * 2]
        ranges = [(_hhmm(a * 15), _hhmm(b * 15)) for a, b in zip(bounds[::2], bounds[1::2],
                                                                   strict=True)]
        if ranges or draw(st.booleans()):
            hours[day] = ranges
    return hours


# Half the examples start a few days before a DST change in one of ZONES, so that the
# change falls inside the horizon far more often than by chance.
DST_CHANGES = [datetime(2026, m, d) for m, d in [(3, 8), (3, 29), (4, 4), (4, 5), (9, 6),
                                                 (9, 27), (10, 4), (10, 25), (11, 1)]]
nows = st.one_of(
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31),
                 timezones=st.just(UTC)),
    st.sampled_from(DST_CHANGES).flatmap(
        lambda d: st.datetimes(min_value=d - timedelta(days=5), max_value=d + timedelta(days=1),
                               timezones=st.just(UTC))),
)
params = st.fixed_dictionaries({
    "horizon_days": st.integers(0, 21),
    "min_notice_hours": st.integers(0, 48),
    "session_minutes": st.sampled_from([30, 45, 60, 90]),
})
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


def _inside_working_hours(slot: datetime, hours, tz: str, session: timedelta) -> bool:
    zone = ZoneInfo(tz)
    start = slot.astimezone(zone)
    end_wall = (slot + session).astimezone(zone).replace(tzinfo=None)
    start_wall = start.replace(tzinfo=None)
    midnight = datetime.combine(start.date(), time())
    for a, b in parse_working_hours(hours)[DAY_KEYS[start.weekday()]]:
        on_grid = ((start_wall - midnight) // timedelta(minutes=1) - a) % (
            session // timedelta(minutes=1)) == 0
        if (midnight + timedelta(minutes=a) <= start_wall
                and end_wall <= midnight + timedelta(minutes=b) and on_grid):
            return True
    return False


@PROPERTY_SETTINGS
@given(hours=working_hours(), tz=st.sampled_from(ZONES), now=nows, kw=params)
def test_every_slot_obeys_every_rule(hours, tz, now, kw):
    result = bookable_slots(hours, tz, now, taken=(), **kw)
    session = timedelta(minutes=kw["session_minutes"])
    earliest = now + timedelta(hours=kw["min_notice_hours"])
    latest = now + timedelta(days=kw["horizon_days"])
    zone = ZoneInfo(tz)
    for s in result:
        assert s.tzinfo is UTC
        assert earliest <= s <= latest
        assert _inside_working_hours(s, hours, tz, session)
    # Sorted, no duplicates, no two sessions of one partner overlapping.
    for a, b in zip(result, result[1:], strict=False):
        assert b >= a + session
    # The repeated autumn hour is offered once: no local wall time appears twice.
    walls = [s.astimezone(zone).replace(tzinfo=None) for s in result]
    assert len(walls) == len(set(walls))


@PROPERTY_SETTINGS
@given(hours=working_hours(), tz=st.sampled_from(ZONES), now=nows, kw=params, data=st.data())
def test_taken_slots_are_removed_and_nothing_else(hours, tz, now, kw, data):
    free = bookable_slots(hours, tz, now, taken=(), **kw)
    taken = data.draw(st.lists(st.sampled_from(free), unique=True) if free else st.just([]))
    viewer = ZoneInfo(data.draw(st.sampled_from(ZONES)))
    result = bookable_slots(hours, tz, now, taken=[t.astimezone(viewer) for t in taken], **kw)
    # Slots never overlap, so a taken slot blocks only itself.
    assert result == [s for s in free if s not in set(taken)]
    for s in taken:
        assert not is_bookable(s, hours, tz, now, taken=taken, **kw)
    for s in result[:5]:
        assert is_bookable(s, hours, tz, now, taken=taken, **kw)
        assert not is_bookable(s + timedelta(minutes=1), hours, tz, now, taken=taken, **kw)


@PROPERTY_SETTINGS
@given(hours=working_hours(), tz=st.sampled_from(FIXED_OFFSET_ZONES), now=nows, kw=params)
def test_without_dst_every_grid_slot_in_the_window_is_offered(hours, tz, now, kw):
    result = set(bookable_slots(hours, tz, now, taken=(), **kw))
    zone = ZoneInfo(tz)
    step = kw["session_minutes"]
    earliest = now + timedelta(hours=kw["min_notice_hours"])
    latest = now + timedelta(days=kw["horizon_days"])
    expected = set()
    day = earliest.astimezone(zone).date() - timedelta(days=1)
    while day <= latest.astimezone(zone).date() + timedelta(days=1):
        midnight = datetime.combine(day, time(), tzinfo=zone)
        for a, b in parse_working_hours(hours)[DAY_KEYS[day.weekday()]]:
            for m in range(a, b - step + 1, step):
                start = (midnight + timedelta(minutes=m)).astimezone(UTC)
                if earliest <= start <= latest:
                    expected.add(start)
        day += timedelta(days=1)
    assert result == expected


@PROPERTY_SETTINGS
@given(hours=working_hours(), tz=st.sampled_from(ZONES), viewer=st.sampled_from(ZONES),
       now=nows)
def test_grouping_by_the_viewers_day_keeps_every_slot(hours, tz, viewer, now):
    result = bookable_slots(hours, tz, now, horizon_days=14, min_notice_hours=2,
                            session_minutes=60, taken=())
    days = slots_by_local_day(result, viewer)
    # Compared in UTC: an aware time inside a repeated hour never equals one of another zone
    # (PEP 495), even when both name the same instant.
    assert [s.astimezone(UTC) for _, ss in days for s in ss] == result
    assert [d for d, _ in days] == sorted({d for d, _ in days})
    for d, ss in days:
        assert ss and all(s.tzinfo == ZoneInfo(viewer) and s.date() == d for s in ss)
